/* demo/transfers.c: the demo venue's fund transfers (资金划转与渠道到账), as its finance clerk
 * records them every morning from the bank's statement:
 *   - each channel's takings of a business day arrive in the bank the next day, net of the
 *     channel's fee (WeChat Pay and Alipay 0.6 %, cards 0.38 %, rounded half up to the fen by
 *     transfer_fee_at_rate), one settlement batch per channel and day;
 *   - the safe's cash is deposited in the bank twice a week (Monday and Thursday), keeping a
 *     float of 20,000.00 for the tills' floats and change;
 *   - on the 15th of each month 3,000.00 in small notes is drawn from the bank for change.
 * Everything goes through the transfers store, so the checks (the safe never below zero on the
 * books) and the journal entries are the real ones. The amounts come from the books, so the
 * history the generator wrote is posted first (finance_ensure: the catch-up the command line
 * runs after the demo anyway); the entries of confirmed days are posted as backfill, like the
 * records' and the petty cash's. Deterministic: a function of the days and what the generator
 * wrote (the seed). The settlement of the last day arrives after it: its takings stay on the
 * clearing accounts. */
#include "demo/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bizday.h"
#include "core/log.h"
#include "core/venue.h"
#include "finance/finance.h"
#include "finance/transfers.h"

/* The opening balances of the demo's books: 300,000.00 in the bank, 20,000.00 in the safe. */
#define DEMO_OPENING_BANK_FEN 30000000LL
#define DEMO_OPENING_SAFE_FEN 2000000LL

/* What the safe keeps after a deposit: three shifts' floats of 500.00 a day for a week and
 * change, with room to spare. */
#define DEMO_SAFE_FLOAT_FEN 2000000
/* Deposits are counted in whole hundreds of yuan (the bank's machine takes notes). */
#define DEMO_DEPOSIT_UNIT_FEN 10000
#define DEMO_CHANGE_FEN 300000

struct demo_channel {
    const char *account, *prefix, *name;
};
static const struct demo_channel channels[] = {
    {"clr_wechat", "WX", "微信支付"},
    {"clr_alipay", "ZFB", "支付宝"},
    {"clr_card", "POS", "银行卡"},
};

static int64_t utc_at(const struct tz *tz, int64_t day, int minute)
{
    struct civil c;
    civil_from_epoch(day * 86400 + (int64_t)minute * 60, &c);
    return tz_from_local(tz, &c);
}

/* Writes one transfer of day (number d) at local minute, as the clerk. */
static enum db_status write_one(struct db *db, int64_t venue_id, const struct tz *tz, int64_t d,
                                int minute, int64_t clerk_id, const struct transfer_in *in,
                                const char *reference, const char *note)
{
    char day[11];
    date_format(d, day);
    bool locked = false;
    enum db_status s = finance_day_locked(db, venue_id, day, &locked);
    if (s != DB_OK) return s;
    if (transfer_check(in, INT64_MAX) != TRANSFER_OK) {
        log_error("demo: a transfer of %s breaks the rules", day);
        return DB_ERROR;
    }
    struct transfer_new n = {.day = day,
                             .in = *in,
                             .reference = reference,
                             .note = note,
                             .created_by = "finance",
                             .created_by_id = clerk_id,
                             .created_at = utc_at(tz, d, minute)};
    int64_t id = 0;
    /* A confirmed day takes the entry only as backfill (建账补记); an open day as it comes. */
    return fin_db_status(transfer_create(db, venue_id, &n, locked, &id));
}

/* One business day's transfers: yesterday's takings arriving, a deposit or a withdrawal. */
static enum db_status write_day(struct db *db, int64_t venue_id, const struct tz *tz, int64_t d,
                                int64_t clerk_id)
{
    char yesterday[11];
    date_format(d - 1, yesterday);
    int year, month, dom;
    civil_from_days(d - 1, &year, &month, &dom);
    enum db_status s = DB_OK;
    for (size_t i = 0; s == DB_OK && i < sizeof channels / sizeof channels[0]; i++) {
        const struct demo_channel *c = &channels[i];
        int64_t pending = 0;
        /* What the channel holds at the end of yesterday: yesterday's takings (and anything
         * an earlier settlement left). */
        s = finance_balance(db, venue_id, c->account, NULL, yesterday, &pending);
        if (s != DB_OK || pending <= 0) continue;
        const struct transfer_account *a = transfer_account_find(c->account);
        struct transfer_in in = {.from = c->account, .to = "bank", .amount_fen = pending,
                                 .fee_fen = transfer_fee_at_rate(pending, a->default_rate_bp)};
        char reference[40], note[120];
        snprintf(reference, sizeof reference, "%s%04d%02d%02d%03d", c->prefix, year, month, dom,
                 (int)(venue_id % 1000));
        snprintf(note, sizeof note, "%s %02d-%02d 营业款结算（T+1，扣手续费）", c->name, month,
                 dom);
        s = write_one(db, venue_id, tz, d, 9 * 60 + 30 + (int)i * 5, clerk_id, &in, reference,
                      note);
    }
    int wd = weekday_from_days(d);
    civil_from_days(d, &year, &month, &dom);
    if (s == DB_OK && (wd == 1 || wd == 4)) {
        char day[11];
        date_format(d, day);
        int64_t available = 0;
        s = transfer_safe_available(db, venue_id, day, &available);
        int64_t amount = (available - DEMO_SAFE_FLOAT_FEN) / DEMO_DEPOSIT_UNIT_FEN *
                         DEMO_DEPOSIT_UNIT_FEN;
        if (s == DB_OK && amount > 0) {
            struct transfer_in in = {.from = "safe", .to = "bank", .amount_fen = amount};
            char reference[40];
            snprintf(reference, sizeof reference, "CX%04d%02d%02d", year, month, dom);
            s = write_one(db, venue_id, tz, d, 14 * 60, clerk_id, &in, reference,
                          "保险柜营业款存入银行（留备用 20,000.00）");
        }
    }
    if (s == DB_OK && dom == 15) {
        struct transfer_in in = {.from = "bank", .to = "safe", .amount_fen = DEMO_CHANGE_FEN};
        char reference[40];
        snprintf(reference, sizeof reference, "QX%04d%02d%02d", year, month, dom);
        s = write_one(db, venue_id, tz, d, 14 * 60 + 20, clerk_id, &in, reference,
                      "取现备零钱（10 元、20 元券）");
    }
    return s;
}

enum db_status demo_transfers(struct db *db, int64_t venue_id, int64_t first_day, int64_t last_day)
{
    /* The amounts are read from the books: post what the generator wrote first. */
    enum db_status s = finance_ensure(db, NULL);
    if (s != DB_OK) return s;
    struct venue v;
    s = venue_load(db, venue_id, &v);
    if (s != DB_OK) return s;
    struct tz *tz = tz_load(v.timezone);
    if (!tz) return DB_ERROR;
    int64_t clerk_id = 0;
    s = db_int(db, &clerk_id, "SELECT id FROM users WHERE venue_id = $1 AND username = 'finance'",
               "i", venue_id);
    if (s == DB_NOT_FOUND) {
        clerk_id = 0;
        s = DB_OK;
    }
    /* The money the venue had when its books began (期初余额), entered by finance as the
     * opening entry: without it the bank pays the first rent before any takings reach it. */
    struct journal_entry *opening = calloc(1, sizeof *opening);
    if (!opening) s = DB_ERROR;
    if (s == DB_OK) s = db_begin_write(db);
    if (s == DB_OK) {
        char day[11];
        date_format(first_day, day);
        journal_begin(opening, day, "manual", 0, "期初余额：银行存款及保险柜现金");
        journal_add(opening, "bank", NULL, DEMO_OPENING_BANK_FEN);
        journal_add(opening, "safe", NULL, DEMO_OPENING_SAFE_FEN);
        journal_add(opening, "equity_opening", NULL,
                    -(DEMO_OPENING_BANK_FEN + DEMO_OPENING_SAFE_FEN));
        enum fin_status f = journal_post(db, venue_id, opening, "finance", true, NULL);
        s = f == FIN_OK ? db_commit(db) : fin_db_status(f);
    }
    free(opening);
    /* One transaction a day, as the clerk enters them. */
    for (int64_t d = first_day + 1; s == DB_OK && d <= last_day; d++) {
        s = db_begin_write(db);
        if (s == DB_OK) s = write_day(db, venue_id, tz, d, clerk_id);
        if (s == DB_OK) s = db_commit(db);
    }
    if (s != DB_OK) {
        log_error("demo: cannot write the fund transfers: %s", db_errmsg(db));
        db_rollback(db);
    }
    tz_free(tz);
    return s;
}
