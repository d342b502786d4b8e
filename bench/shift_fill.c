/* bench/shift_fill.c: prepares the "close a shift holding N bills" benchmark: opens a shift
 * for a user of a ktvoffice database (a 500.00 float) and writes N settled bills into it, each
 * with one goods line and one payment tagged with the shift, through bill_insert in ONE write
 * transaction (as many tills would have written them over a night, only faster). Prints the
 * shift id and the cash the drawer should hold, for bench/run.sh to close it through the API.
 *
 *   shift_fill DB USERNAME N
 *
 * Not part of the product: it uses the product's own stores (sales/store.h, shifts/store.h),
 * so the bills and payments are exactly what checkout writes as far as the close reads them. */
#include "cli/cli.h"
#include "core/bizday.h"
#include "core/db.h"
#include "core/venue.h"
#include "sales/store.h"
#include "shifts/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FLOAT_FEN 50000

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: shift_fill DB USERNAME N\n");
        return 2;
    }
    long n = strtol(argv[3], NULL, 10);
    if (n < 1 || n > 10000000) {
        fprintf(stderr, "shift_fill: N must be 1 to 10000000\n");
        return 2;
    }
    struct db *db = cli_open_db(argv[1], true);
    if (!db) return 1;
    int rc = 1;
    struct tz *tz = NULL;
    int64_t venue_id = 0, shift_id = 0, cash = 0;
    struct venue v;
    struct shift_user u;
    enum db_status s = venue_first(db, &venue_id);
    if (s == DB_OK) s = venue_load(db, venue_id, &v);
    if (s == DB_OK && !(tz = tz_load(v.timezone))) s = DB_ERROR;
    if (s == DB_OK) s = shift_user_by_name(db, venue_id, argv[2], &u);
    if (s != DB_OK) {
        fprintf(stderr, "shift_fill: no venue or no user %s\n", argv[2]);
        goto out;
    }
    int64_t now = (int64_t)time(NULL);
    char day[11];
    date_format(bizday_of_instant(tz, v.cutoff_minutes, now), day);
    s = db_begin_write(db);
    if (s == DB_OK) s = shift_open_id(db, venue_id, u.id, &shift_id);
    if (s == DB_NOT_FOUND) {
        struct shift_new sn = {.venue_id = venue_id,
                               .cashier_id = u.id,
                               .cashier = u.username,
                               .business_day = day,
                               .opening_count = "[{\"denomination_fen\":10000,\"pieces\":5}]",
                               .handed_over_by = "",
                               .opened_at = now - n - 60,
                               .opening_fen = FLOAT_FEN};
        s = shift_insert(db, &sn, &shift_id);
    }
    /* Bills settled one a second up to now, so they all belong to the shift's hours. */
    for (long i = 0; s == DB_OK && i < n; i++) {
        struct bill_line line = {0};
        struct bill_payment pay = {0};
        struct bill b = {0};
        line.line_no = 1;
        snprintf(line.kind, sizeof line.kind, "goods");
        snprintf(line.item, sizeof line.item, "青岛纯生");
        line.qty = 1 + i % 6;
        line.has_unit_price = line.has_amount = true;
        line.unit_price_fen = 1800;
        line.amount_fen = line.qty * line.unit_price_fen;
        /* A mix of tenders like a real night: a third cash, the rest by phone or card. */
        static const char *const methods[] = {"cash", "wechat", "alipay", "cash", "wechat", "card"};
        snprintf(pay.method, sizeof pay.method, "%s", methods[i % 6]);
        pay.amount_fen = line.amount_fen;
        pay.shift_id = shift_id;
        if (strcmp(pay.method, "cash") == 0) {
            pay.tendered_fen = 20000;
            pay.change_fen = pay.tendered_fen - pay.amount_fen;
            cash += pay.amount_fen;
        }
        snprintf(b.bill_no, sizeof b.bill_no, "BENCH%lld-%06ld", (long long)shift_id, i + 1);
        snprintf(b.room_no, sizeof b.room_no, "101");
        snprintf(b.status, sizeof b.status, "settled");
        snprintf(b.cashier, sizeof b.cashier, "%s", u.display_name);
        snprintf(b.source, sizeof b.source, "pos");
        b.closed_at = now - n + i;
        b.opened_at = b.closed_at - 3600;
        b.gross_fen = b.total_fen = line.amount_fen;
        b.lines = &line;
        b.nlines = 1;
        b.payments = &pay;
        b.npayments = 1;
        s = bill_insert(db, venue_id, tz, v.cutoff_minutes, &b);
    }
    if (s == DB_OK) s = db_commit(db);
    if (s != DB_OK) {
        db_rollback(db);
        fprintf(stderr, "shift_fill: %s\n", db_errmsg(db));
        goto out;
    }
    printf("%lld %lld\n", (long long)shift_id, (long long)(FLOAT_FEN + cash));
    rc = 0;
out:
    tz_free(tz);
    db_close(db);
    return rc;
}
