/* support.h: helpers of the shift tests (a header of static functions, because every .c under
 * tests/ is its own program): users and sign-in, shift requests, counts by denomination,
 * numbers read out of JSON by path, and bills written the way checkout writes them — in one
 * write transaction that asks shift_require_open and tags every payment with the shift. */
#ifndef KTV_TESTS_SHIFTS_SUPPORT_H
#define KTV_TESTS_SHIFTS_SUPPORT_H

#include "api_client.h"
#include "core/bizday.h"
#include "core/db.h"
#include "core/venue.h"
#include "harness.h"
#include "sales/store.h"
#include "shifts/drawer.h"
#include "shifts/shifts.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SX_UNUSED __attribute__((unused))
#define SX_PASSWORD "shift-pass-1"

static struct server srv;

/* Starts a server and adds a manager ("boss") and a finance clerk ("money"). */
static SX_UNUSED bool sx_start(void)
{
    if (!server_start(&srv, NULL)) return false;
    return add_user(&srv, "boss", "manager", SX_PASSWORD) &&
           add_user(&srv, "money", "finance", SX_PASSWORD);
}

/* A signed-in client (the caller frees it). */
static SX_UNUSED struct client sx_login(const char *username)
{
    struct client c;
    client_init(&c, &srv);
    long st = client_login(&c, username, SX_PASSWORD);
    if (st != 200) harness_fail(__FILE__, __LINE__, "login %s: %ld", username, st);
    return c;
}

/* A new cashier, signed in. */
static SX_UNUSED struct client sx_cashier(const char *username)
{
    if (!add_user(&srv, username, "cashier", SX_PASSWORD))
        harness_fail(__FILE__, __LINE__, "add cashier %s", username);
    return sx_login(username);
}

/* Sends a request whose body is printf-formatted. */
static SX_UNUSED __attribute__((format(printf, 3, 4))) struct response
sx_post(struct client *c, const char *path, const char *fmt, ...)
{
    char body[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    return client_post(c, path, body);
}

static SX_UNUSED __attribute__((format(printf, 2, 3))) struct response
sx_get(struct client *c, const char *fmt, ...)
{
    char path[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    return client_get(c, path);
}

/* A value by a dotted path: "report.cash.expected_fen", array elements by number
 * ("shifts.0.id"). NULL if absent. Borrowed. */
static SX_UNUSED json_t *jpath(json_t *v, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    char *save = NULL;
    for (char *seg = strtok_r(buf, ".", &save); v && seg; seg = strtok_r(NULL, ".", &save)) {
        if (json_is_array(v))
            v = json_array_get(v, (size_t)atoll(seg));
        else
            v = json_object_get(v, seg);
    }
    return v;
}

/* An integer by path; -999999999 (a value no test expects) when absent or not an integer. */
#define SX_MISSING -999999999LL
static SX_UNUSED long long jint(json_t *v, const char *path)
{
    json_t *x = jpath(v, path);
    return json_is_integer(x) ? (long long)json_integer_value(x) : SX_MISSING;
}

static SX_UNUSED const char *jstr(json_t *v, const char *path)
{
    json_t *x = jpath(v, path);
    return json_is_string(x) ? json_string_value(x) : "";
}

/* The channel object of method in a report's "channels", or NULL. */
static SX_UNUSED json_t *sx_channel(json_t *report, const char *method)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(report, "channels"), i, c)
        if (strcmp(json_string_value(json_object_get(c, "method")), method) == 0) return c;
    return NULL;
}

/* A count by denomination of an amount (largest notes first) as JSON. */
static SX_UNUSED const char *sx_count(int64_t fen, char *out, size_t size)
{
    size_t used = (size_t)snprintf(out, size, "[");
    for (int d = 0; d < drawer_denomination_count && fen > 0; d++) {
        int64_t pieces = fen / drawer_denominations[d];
        if (!pieces) continue;
        fen -= pieces * drawer_denominations[d];
        used += (size_t)snprintf(out + used, size - used,
                                 "%s{\"denomination_fen\":%lld,\"pieces\":%lld}",
                                 used > 1 ? "," : "", (long long)drawer_denominations[d],
                                 (long long)pieces);
    }
    snprintf(out + used, size - used, "]");
    return out;
}

/* Opens the client's shift with a float of float_fen (and a handover when from is set);
 * returns its id, 0 on failure. */
static SX_UNUSED int64_t sx_open(struct client *c, int64_t float_fen, const char *from)
{
    char count[512], handed[80] = "";
    if (from) snprintf(handed, sizeof handed, ",\"handed_over_by\":\"%s\"", from);
    struct response r = sx_post(c, "/api/v1/shifts", "{\"opening_count\":%s%s}",
                                sx_count(float_fen, count, sizeof count), handed);
    int64_t id = r.status == 201 ? jint(r.json, "shift.id") : 0;
    if (r.status != 201) harness_fail(__FILE__, __LINE__, "open: %ld %s", r.status, r.body);
    response_free(&r);
    return id;
}

/* Closes shift id with counted_fen counted; reason may be NULL. The caller frees. */
static SX_UNUSED struct response sx_close(struct client *c, int64_t id, int64_t counted_fen,
                                          const char *reason)
{
    char count[512], path[64], why[300] = "";
    if (reason) snprintf(why, sizeof why, ",\"reason\":\"%s\"", reason);
    snprintf(path, sizeof path, "/api/v1/shifts/%lld/close", (long long)id);
    return sx_post(c, path, "{\"closing_count\":%s%s}", sx_count(counted_fen, count, sizeof count),
                   why);
}

/* A cash event; returns the HTTP status. */
static SX_UNUSED long sx_cash(struct client *c, int64_t id, const char *kind, int64_t amount,
                              const char *reason)
{
    char path[64];
    snprintf(path, sizeof path, "/api/v1/shifts/%lld/cash", (long long)id);
    struct response r = sx_post(c, path, "{\"kind\":\"%s\",\"amount_fen\":%lld,\"reason\":\"%s\"}",
                                kind, (long long)amount, reason ? reason : "");
    long st = r.status;
    response_free(&r);
    return st;
}

/* The signed-in user's id. */
static SX_UNUSED int64_t sx_user_id(struct client *c)
{
    struct response r = client_get(c, "/api/v1/auth/me");
    int64_t id = jint(r.json, "user.id");
    response_free(&r);
    return id;
}

/* ---- bills, written as checkout writes them ---- */

/* One tender: method, amount (signed), cash handed over (0: not recorded). */
struct sx_tender {
    const char *method;
    int64_t amount_fen, tendered_fen;
};

static SX_UNUSED int sx_bill_seq;

/* Writes a settled bill of venue 1 for the cashier user_id, closed now, with one line per
 * lines[] amount (positive sale, negative return) and the tenders, in one write transaction
 * that first asks shift_require_open, exactly as checkout does. DB_NOT_FOUND (and nothing
 * written) when the cashier has no open shift. *bill_id and *shift_id (may be NULL) are set. */
static SX_UNUSED enum db_status sx_checkout(struct db *db, int64_t user_id, const char *cashier,
                                            const int64_t *lines, int nlines,
                                            const struct sx_tender *tenders, int ntenders,
                                            int64_t *bill_id, int64_t *shift_id)
{
    struct venue v;
    enum db_status s = venue_load(db, 1, &v);
    if (s != DB_OK) return s;
    struct tz *tz = tz_load(v.timezone);
    if (!tz) return DB_ERROR;
    struct bill b;
    memset(&b, 0, sizeof b);
    struct bill_line bl[8];
    struct bill_payment bp[8];
    memset(bl, 0, sizeof bl);
    memset(bp, 0, sizeof bp);
    int64_t total = 0;
    for (int i = 0; i < nlines && i < 8; i++) {
        bl[i].line_no = i + 1;
        snprintf(bl[i].kind, sizeof bl[i].kind, "goods");
        snprintf(bl[i].item, sizeof bl[i].item, "%s", lines[i] < 0 ? "退货" : "啤酒");
        bl[i].qty = lines[i] < 0 ? -1 : 1;
        bl[i].has_unit_price = bl[i].has_amount = true;
        bl[i].unit_price_fen = lines[i] < 0 ? -lines[i] : lines[i];
        bl[i].amount_fen = lines[i];
        total += lines[i];
    }
    int64_t shift = 0;
    s = db_begin_write(db);
    if (s == DB_OK) s = shift_require_open(db, 1, user_id, &shift);
    if (s == DB_OK) {
        for (int i = 0; i < ntenders && i < 8; i++) {
            snprintf(bp[i].method, sizeof bp[i].method, "%s", tenders[i].method);
            bp[i].amount_fen = tenders[i].amount_fen;
            bp[i].shift_id = shift;
            if (tenders[i].tendered_fen) {
                int64_t kept = 0, change = 0;
                CHECK(drawer_tender(tenders[i].amount_fen, tenders[i].tendered_fen, &kept,
                                    &change));
                bp[i].tendered_fen = tenders[i].tendered_fen;
                bp[i].change_fen = change;
            }
        }
        int64_t now = now_epoch();
        snprintf(b.bill_no, sizeof b.bill_no, "T%lld-%d-%lld", (long long)user_id,
                 __atomic_add_fetch(&sx_bill_seq, 1, __ATOMIC_SEQ_CST), (long long)now);
        snprintf(b.room_no, sizeof b.room_no, "V01");
        snprintf(b.room_type, sizeof b.room_type, "中包");
        snprintf(b.status, sizeof b.status, "settled");
        snprintf(b.cashier, sizeof b.cashier, "%s", cashier);
        snprintf(b.source, sizeof b.source, "pos");
        b.opened_at = now - 3600;
        b.closed_at = now;
        b.gross_fen = total;
        b.total_fen = total;
        b.lines = bl;
        b.nlines = nlines;
        b.payments = bp;
        b.npayments = ntenders;
        s = bill_insert(db, 1, tz, v.cutoff_minutes, &b);
    }
    if (s == DB_OK) s = db_commit(db);
    else db_rollback(db);
    tz_free(tz);
    if (s == DB_OK) {
        if (bill_id) *bill_id = b.id;
        if (shift_id) *shift_id = shift;
    }
    return s;
}

/* A bill of one line paid by one tender, on a connection of its own. */
static SX_UNUSED int64_t sx_sale(int64_t user_id, const char *method, int64_t amount,
                                 int64_t tendered)
{
    struct db *db = db_open(srv.db);
    int64_t lines[1] = {amount}, bill = 0;
    struct sx_tender t[1] = {{method, amount, tendered}};
    enum db_status s = db ? sx_checkout(db, user_id, "test", lines, 1, t, 1, &bill, NULL) : DB_ERROR;
    if (s != DB_OK) harness_fail(__FILE__, __LINE__, "sale %s %lld: status %d", method,
                                 (long long)amount, s);
    db_close(db);
    return bill;
}

/* A refund as the front desk writes it (its own record, tagged with the refunding shift). */
static SX_UNUSED void sx_refund(int64_t shift_id, int64_t bill_id, const char *method,
                                int64_t amount)
{
    struct db *db = db_open(srv.db);
    enum db_status s = db ? db_exec(db,
                                    "INSERT INTO refunds(venue_id, bill_id, at, business_day, "
                                    "shift_id, method, amount_fen, reason, approved_by, by_user) "
                                    "SELECT 1, $1, $2, business_day, $3, $4, $5, '客人退单', "
                                    "'boss', 'test' FROM bills WHERE id = $1",
                                    "iiiti", bill_id, now_epoch(), shift_id, method, amount)
                          : DB_ERROR;
    if (s != DB_OK) harness_fail(__FILE__, __LINE__, "refund: status %d", s);
    db_close(db);
}

/* Runs sqlite3 on the test database; returns its exit status, output in out (may be NULL). */
static SX_UNUSED int sx_sql(const char *statement, char *out, size_t size)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "sqlite3 -batch '%s' \"%s\" 2>&1", srv.db, statement);
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, p);
    buf[n] = 0;
    if (out) snprintf(out, size, "%s", buf);
    return pclose(p);
}

/* Moves the venue's cut-off 12 hours away from now, so that a test's shifts and bills all fall
 * in one business day whenever it runs. Returns that business day. */
static SX_UNUSED void sx_steady_day(struct client *manager, char day[11])
{
    int64_t now = now_epoch();
    struct tz *tz = tz_load("Asia/Shanghai");
    struct civil local;
    tz_to_local(tz, now, &local);
    int cut = (local.hour + 12) % 24;
    char body[64];
    snprintf(body, sizeof body, "{\"cutoff\":\"%02d:00\"}", cut);
    struct response r = client_put(manager, "/api/v1/venue", body);
    if (r.status != 200) harness_fail(__FILE__, __LINE__, "venue cutoff: %ld %s", r.status, r.body);
    response_free(&r);
    date_format(bizday_of_instant(tz, cut * 60, now), day);
    tz_free(tz);
}

#endif
