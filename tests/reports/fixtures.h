/* fixtures.h: helpers shared by the report tests (a header of static functions, because every
 * .c under tests/ is its own program): hand-made bills written with bill_insert, reading
 * numbers out of report JSON by path, and running the report command for its JSON. */
#ifndef KTV_TESTS_REPORTS_FIXTURES_H
#define KTV_TESTS_REPORTS_FIXTURES_H

#include "api_client.h"
#include "core/bizday.h"
#include "core/db.h"
#include "harness.h"
#include "sales/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A hand-made bill: local times in the venue's zone, amounts in fen, one payment of the total
 * by method (settled bills), optional goods line. */
struct test_bill {
    const char *no, *opened, *closed, *status;
    int64_t gross, discount, total;
    const char *method;
    const char *room_type, *cashier;
    const char *goods;               /* NULL for none */
    int64_t goods_qty, goods_amount; /* amount < 0: unknown (as the legacy data) */
};

static __attribute__((unused)) int64_t fx_local(const struct tz *tz, const char *local)
{
    struct civil c;
    CHECK(datetime_parse(local, &c));
    return tz_from_local(tz, &c);
}

/* Writes the bills into the database at path (venue 1, Asia/Shanghai, cut-off 06:00) in one
 * transaction. */
static __attribute__((unused)) bool fx_insert(const char *path, const struct test_bill *bills,
                                              int n)
{
    struct db *db = db_open(path);
    struct tz *tz = tz_load("Asia/Shanghai");
    bool ok = db && tz && db_migrate(db) == DB_OK && db_begin_write(db) == DB_OK;
    for (int i = 0; ok && i < n; i++) {
        const struct test_bill *t = &bills[i];
        struct bill b;
        memset(&b, 0, sizeof b);
        snprintf(b.bill_no, sizeof b.bill_no, "%s", t->no);
        snprintf(b.room_no, sizeof b.room_no, "%s", "8011");
        snprintf(b.room_type, sizeof b.room_type, "%s", t->room_type ? t->room_type : "大包");
        snprintf(b.status, sizeof b.status, "%s", t->status ? t->status : "settled");
        snprintf(b.cashier, sizeof b.cashier, "%s", t->cashier ? t->cashier : "收银员A");
        snprintf(b.source, sizeof b.source, "%s", "pos");
        b.opened_at = fx_local(tz, t->opened);
        b.closed_at = fx_local(tz, t->closed);
        b.gross_fen = t->gross;
        b.discount_fen = t->discount;
        b.total_fen = t->total;
        struct bill_payment pay;
        memset(&pay, 0, sizeof pay);
        snprintf(pay.method, sizeof pay.method, "%s", t->method ? t->method : "cash");
        pay.amount_fen = t->total;
        b.payments = &pay;
        b.npayments = 1;
        struct bill_line line;
        memset(&line, 0, sizeof line);
        if (t->goods) {
            line.line_no = 1;
            snprintf(line.kind, sizeof line.kind, "goods");
            snprintf(line.item, sizeof line.item, "%s", t->goods);
            line.qty = t->goods_qty;
            line.has_amount = t->goods_amount >= 0;
            line.amount_fen = t->goods_amount >= 0 ? t->goods_amount : 0;
            b.lines = &line;
            b.nlines = 1;
        }
        if (bill_insert(db, 1, tz, 360, &b) != DB_OK) {
            fprintf(stderr, "fx_insert: bill %s: %s\n", t->no, db_errmsg(db));
            ok = false;
        }
    }
    if (ok)
        ok = db_commit(db) == DB_OK;
    else if (db)
        db_rollback(db);
    tz_free(tz);
    db_close(db);
    return ok;
}

/* The JSON value at a dotted path ("totals.net_fen", "days.0.by_method.cash"); numbers select
 * array elements. Borrowed; NULL if absent. */
static __attribute__((unused)) json_t *fx_at(json_t *root, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *v = root;
    for (char *save = NULL, *seg = strtok_r(buf, ".", &save); v && seg;
         seg = strtok_r(NULL, ".", &save)) {
        if (json_is_array(v))
            v = json_array_get(v, (size_t)strtoul(seg, NULL, 10));
        else
            v = json_object_get(v, seg);
    }
    return v;
}

/* The integer at path, or -999999999 (which no check expects) when it is absent. */
static __attribute__((unused)) long long fx_int(json_t *root, const char *path)
{
    json_t *v = fx_at(root, path);
    return json_is_integer(v) ? (long long)json_integer_value(v) : -999999999LL;
}

/* The element of array key whose field equals value (a row by its name). Borrowed. */
static __attribute__((unused)) json_t *fx_row(json_t *root, const char *key, const char *field,
                                              const char *value)
{
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(root, key), i, row)
    {
        const char *s = json_string_value(json_object_get(row, field));
        if (s && strcmp(s, value) == 0) return row;
    }
    return NULL;
}

/* Runs `ktvoffice report KIND --db DB --from F --to T --format json` and parses the output
 * (caller decrefs); NULL (and a failed check) if it did not succeed. */
static __attribute__((unused)) json_t *fx_cli_report(const char *db, const char *kind,
                                                     const char *from, const char *to)
{
    char *out = NULL;
    int rc = run_cli(&out, "report", kind, "--db", db, "--from", from, "--to", to, "--format",
                     "json", NULL);
    CHECK_INT(rc, 0);
    json_t *j = rc == 0 && out ? json_loads(out, 0, NULL) : NULL;
    CHECK(j != NULL);
    free(out);
    return j;
}

/* GETs path and returns its JSON (caller decrefs) after checking the status. */
static __attribute__((unused)) json_t *fx_get(struct client *c, const char *path, long status)
{
    struct response r = client_get(c, path);
    if (r.status != status)
        harness_fail(__FILE__, __LINE__, "GET %s: %ld, expected %ld: %s", path, r.status, status,
                     r.body);
    json_t *j = r.json ? json_incref(r.json) : NULL;
    response_free(&r);
    return j;
}

#endif
