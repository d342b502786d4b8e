/* shifts/store.c: the SQL of cashier shifts (see store.h). Statements are string literals so
 * that the per-connection cache (keyed on their address) prepares each once. */
#include "shifts/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY(dst, st, col) snprintf((dst), sizeof(dst), "%s", db_col_text((st), (col)))

/* ---- shifts ---- */

/* The columns of a shift row, read by read_shift in this order. n is the shift that took this
 * one's count over (at most one: unique index shifts_previous_once). */
#define SHIFT_COLS                                                                               \
    "SELECT s.id, s.venue_id, s.cashier_id, s.cashier, coalesce(u.display_name, ''), "         \
    "s.business_day, s.opened_at, s.opening_fen, s.opening_count, "                            \
    "coalesce(s.previous_shift_id, 0), s.previous_counted_fen, s.opening_difference_fen, "     \
    "s.handed_over_by, coalesce(n.id, 0), coalesce(n.cashier, ''), s.status, "                 \
    "coalesce(s.closed_at, 0), s.closed_by, coalesce(s.closing_count, ''), "                   \
    "coalesce(s.counted_fen, 0), coalesce(s.expected_fen, 0), coalesce(s.difference_fen, 0), " \
    "s.difference_treatment, s.difference_reason, s.difference_approved_by, "                  \
    "coalesce(s.difference_approved_at, 0), s.approval_note, s.reviewed_by, "                  \
    "coalesce(s.reviewed_at, 0), s.review_note "                                                 \
    "FROM shifts s LEFT JOIN users u ON u.id = s.cashier_id "                                   \
    "LEFT JOIN shifts n ON n.previous_shift_id = s.id "

static void read_shift(sqlite3_stmt *st, struct shift *s)
{
    memset(s, 0, sizeof *s);
    s->id = sqlite3_column_int64(st, 0);
    s->venue_id = sqlite3_column_int64(st, 1);
    s->cashier_id = sqlite3_column_int64(st, 2);
    COPY(s->cashier, st, 3);
    COPY(s->cashier_name, st, 4);
    COPY(s->business_day, st, 5);
    s->opened_at = sqlite3_column_int64(st, 6);
    s->opening_fen = sqlite3_column_int64(st, 7);
    COPY(s->opening_count, st, 8);
    s->previous_shift_id = sqlite3_column_int64(st, 9);
    s->has_previous_counted = sqlite3_column_type(st, 10) != SQLITE_NULL;
    s->previous_counted_fen = sqlite3_column_int64(st, 10);
    s->opening_difference_fen = sqlite3_column_int64(st, 11);
    COPY(s->handed_over_by, st, 12);
    s->handed_to_shift_id = sqlite3_column_int64(st, 13);
    COPY(s->handed_to, st, 14);
    COPY(s->status, st, 15);
    s->closed = strcmp(s->status, "open") != 0;
    s->closed_at = sqlite3_column_int64(st, 16);
    COPY(s->closed_by, st, 17);
    COPY(s->closing_count, st, 18);
    s->counted_fen = sqlite3_column_int64(st, 19);
    s->expected_fen = sqlite3_column_int64(st, 20);
    s->difference_fen = sqlite3_column_int64(st, 21);
    COPY(s->difference_treatment, st, 22);
    COPY(s->difference_reason, st, 23);
    COPY(s->difference_approved_by, st, 24);
    s->difference_approved_at = sqlite3_column_int64(st, 25);
    COPY(s->approval_note, st, 26);
    COPY(s->reviewed_by, st, 27);
    s->reviewed_at = sqlite3_column_int64(st, 28);
    COPY(s->review_note, st, 29);
}

enum db_status shift_load(struct db *db, int64_t venue_id, int64_t id, struct shift *s)
{
    sqlite3_stmt *st = db_stmt(db, SHIFT_COLS "WHERE s.venue_id = $1 AND s.id = $2");
    if (!st) return DB_ERROR;
    enum db_status r = db_bind(st, "ii", venue_id, id);
    bool row = false;
    if (r == DB_OK) r = db_step(st, &row);
    if (r == DB_OK && !row) r = DB_NOT_FOUND;
    if (r == DB_OK) read_shift(st, s);
    sqlite3_reset(st);
    return r;
}

enum db_status shift_open_id(struct db *db, int64_t venue_id, int64_t user_id, int64_t *id)
{
    return db_int(db, id,
                  "SELECT id FROM shifts WHERE venue_id = $1 AND cashier_id = $2 "
                  "AND status = 'open'",
                  "ii", venue_id, user_id);
}

enum db_status shift_insert(struct db *db, const struct shift_new *n, int64_t *id)
{
    sqlite3_stmt *st = db_stmt(
        db, "INSERT INTO shifts(venue_id, cashier_id, cashier, business_day, opened_at, "
            "opening_fen, opening_count, previous_shift_id, previous_counted_fen, "
            "opening_difference_fen, handed_over_by, status) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open') RETURNING id");
    if (!st) return DB_ERROR;
    enum db_status s =
        db_bind(st, "iittiitiiit", n->venue_id, n->cashier_id, n->cashier, n->business_day,
                n->opened_at, n->opening_fen, n->opening_count, n->previous_shift_id,
                n->previous_counted_fen, n->opening_difference_fen, n->handed_over_by);
    if (s != DB_OK) return s;
    /* No previous shift: NULL, not 0, for the foreign key and the "once" index. */
    if (!n->previous_shift_id) {
        sqlite3_bind_null(st, 8);
        sqlite3_bind_null(st, 9);
    }
    bool row = false;
    s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_ERROR;
    if (s == DB_OK) *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return s;
}

enum db_status shift_previous(struct db *db, int64_t venue_id, int64_t cashier_id,
                              int64_t *shift_id, int64_t *counted_fen, bool *taken)
{
    /* Only the latest closed shift is a candidate: falling back to an older one that was never
     * taken over would compare the float with a count from days ago. */
    sqlite3_stmt *st = db_stmt(
        db, "SELECT s.id, s.counted_fen, "
            "EXISTS (SELECT 1 FROM shifts n WHERE n.previous_shift_id = s.id) "
            "FROM shifts s WHERE s.venue_id = $1 AND ($2 = 0 OR s.cashier_id = $2) "
            "AND s.status IN ('closed', 'reviewed') "
            "ORDER BY s.closed_at DESC, s.id DESC LIMIT 1");
    if (!st) return DB_ERROR;
    *taken = false;
    enum db_status s = db_bind(st, "ii", venue_id, cashier_id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) {
        *shift_id = sqlite3_column_int64(st, 0);
        *counted_fen = sqlite3_column_int64(st, 1);
        if (sqlite3_column_int(st, 2)) {
            *taken = true;
            s = DB_NOT_FOUND;
        }
    }
    sqlite3_reset(st);
    return s;
}

enum db_status shift_close_update(struct db *db, int64_t id, const struct shift_close *c)
{
    int64_t got = 0;
    return db_int(db, &got,
                  "UPDATE shifts SET status = 'closed', closed_at = $2, closed_by = $3, "
                  "closing_count = $4, counted_fen = $5, expected_fen = $6, difference_fen = $7, "
                  "difference_treatment = $8, difference_reason = $9, z_report = $10 "
                  "WHERE id = $1 AND status = 'open' RETURNING id",
                  "iittiiittt", id, c->closed_at, c->closed_by, c->closing_count, c->counted_fen,
                  c->expected_fen, c->difference_fen, c->treatment, c->reason, c->z_report);
}

enum db_status shift_approve_update(struct db *db, int64_t id, const char *approver, int64_t at,
                                    const char *note)
{
    int64_t got = 0;
    return db_int(db, &got,
                  "UPDATE shifts SET difference_approved_by = $2, difference_approved_at = $3, "
                  "approval_note = $4 WHERE id = $1 AND status IN ('closed', 'reviewed') "
                  "AND difference_approved_by = '' RETURNING id",
                  "itit", id, approver, at, note);
}

enum db_status shift_review_update(struct db *db, int64_t id, const char *reviewer, int64_t at,
                                   const char *note)
{
    int64_t got = 0;
    return db_int(db, &got,
                  "UPDATE shifts SET status = 'reviewed', reviewed_by = $2, reviewed_at = $3, "
                  "review_note = $4 WHERE id = $1 AND status = 'closed' RETURNING id",
                  "itit", id, reviewer, at, note);
}

enum db_status shift_z_text(struct db *db, int64_t venue_id, int64_t id, char **out)
{
    *out = NULL;
    sqlite3_stmt *st = db_stmt(db, "SELECT z_report FROM shifts WHERE venue_id = $1 AND id = $2 "
                                   "AND z_report IS NOT NULL");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK && !(*out = db_col_strdup(st, 0))) s = DB_ERROR;
    sqlite3_reset(st);
    return s;
}

/* The filter of a shift list: $1 venue, $2..$3 business days, $4 status, $5 cashier's
 * username, $6 cashier's id. Empty strings and 0 match everything. */
#define SHIFT_FILTER                                                                             \
    "WHERE s.venue_id = $1 AND ($2 = '' OR s.business_day >= $2) "                            \
    "AND ($3 = '' OR s.business_day <= $3) AND ($4 = '' OR s.status = $4) "                   \
    "AND ($5 = '' OR s.cashier = $5) AND ($6 = 0 OR s.cashier_id = $6) "

enum db_status shift_list(struct db *db, int64_t venue_id, const struct shift_filter *f,
                          int64_t *total, shift_cb cb, void *ctx)
{
    const char *from = f->from_day ? f->from_day : "", *to = f->to_day ? f->to_day : "";
    const char *status = f->status ? f->status : "", *cashier = f->cashier ? f->cashier : "";
    enum db_status s = db_int(db, total, "SELECT count(*) FROM shifts s " SHIFT_FILTER,
                              "itttti", venue_id, from, to, status, cashier, f->cashier_id);
    if (s != DB_OK) return s;
    sqlite3_stmt *st = db_stmt(db, SHIFT_COLS SHIFT_FILTER
                               "ORDER BY s.business_day DESC, s.id DESC LIMIT $7 OFFSET $8");
    if (!st) return DB_ERROR;
    s = db_bind(st, "ittttiii", venue_id, from, to, status, cashier, f->cashier_id, f->limit,
                f->offset);
    bool row = false;
    struct shift sh;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        read_shift(st, &sh);
        if (!cb(&sh, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

/* ---- cash events ---- */

enum db_status shift_cash_event_insert(struct db *db, int64_t shift_id, int64_t at,
                                       const char *kind, int64_t amount_fen, const char *reason,
                                       const char *by_user, int64_t *id)
{
    return db_int(db, id,
                  "INSERT INTO shift_cash_events(shift_id, at, kind, amount_fen, reason, by_user) "
                  "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                  "iititt", shift_id, at, kind, amount_fen, reason, by_user);
}

enum db_status shift_cash_events(struct db *db, int64_t shift_id, shift_cash_event_cb cb,
                                 void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, at, kind, amount_fen, reason, by_user "
                                   "FROM shift_cash_events WHERE shift_id = $1 ORDER BY id");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", shift_id);
    bool row = false;
    struct shift_cash_event e;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        memset(&e, 0, sizeof e);
        e.id = sqlite3_column_int64(st, 0);
        e.at = sqlite3_column_int64(st, 1);
        COPY(e.kind, st, 2);
        e.amount_fen = sqlite3_column_int64(st, 3);
        COPY(e.reason, st, 4);
        COPY(e.by_user, st, 5);
        if (!cb(&e, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

/* ---- payments and refunds of a shift ---- */

/* A bill's status as of now: a front-desk void is its own record (bill_voids) and never
 * updates the bill row. */
#define BILL_STATUS                                                                              \
    "CASE WHEN EXISTS (SELECT 1 FROM bill_voids v WHERE v.bill_id = b.id) THEN 'voided' "      \
    "ELSE b.status END"

enum db_status shift_money(struct db *db, int64_t shift_id, bool cash_only, shift_money_cb cb,
                           void *ctx)
{
    /* $2 = 1 keeps only cash: the drawer's own movements. */
    sqlite3_stmt *st = db_stmt(
        db, "SELECT p.id, p.bill_id, b.bill_no, b.business_day, " BILL_STATUS ", b.closed_at, "
            "p.method, "
            "p.amount_fen, coalesce(p.tendered_fen, 0), coalesce(p.change_fen, 0), p.platform, "
            "p.reference FROM bill_payments p JOIN bills b ON b.id = p.bill_id "
            "WHERE p.shift_id = $1 AND ($2 = 0 OR p.method = 'cash') ORDER BY p.id");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "iI", shift_id, cash_only ? 1 : 0);
    bool row = false, go = true;
    struct shift_money m;
    while (go && s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        memset(&m, 0, sizeof m);
        m.id = sqlite3_column_int64(st, 0);
        m.bill_id = sqlite3_column_int64(st, 1);
        COPY(m.bill_no, st, 2);
        COPY(m.bill_day, st, 3);
        COPY(m.bill_status, st, 4);
        m.at = sqlite3_column_int64(st, 5);
        COPY(m.method, st, 6);
        m.amount_fen = sqlite3_column_int64(st, 7);
        m.tendered_fen = sqlite3_column_int64(st, 8);
        m.change_fen = sqlite3_column_int64(st, 9);
        COPY(m.platform, st, 10);
        COPY(m.reference, st, 11);
        go = cb(&m, ctx);
    }
    sqlite3_reset(st);
    if (s != DB_OK || !go) return s;

    st = db_stmt(db, "SELECT r.id, r.bill_id, b.bill_no, b.business_day, " BILL_STATUS ", r.at, "
                     "r.method, r.amount_fen, r.reason, r.kind "
                     "FROM refunds r JOIN bills b ON b.id = r.bill_id "
                     "WHERE r.shift_id = $1 AND ($2 = 0 OR r.method = 'cash') ORDER BY r.id");
    if (!st) return DB_ERROR;
    s = db_bind(st, "iI", shift_id, cash_only ? 1 : 0);
    while (go && s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        memset(&m, 0, sizeof m);
        m.refund = true;
        m.id = sqlite3_column_int64(st, 0);
        m.bill_id = sqlite3_column_int64(st, 1);
        COPY(m.bill_no, st, 2);
        COPY(m.bill_day, st, 3);
        COPY(m.bill_status, st, 4);
        m.at = sqlite3_column_int64(st, 5);
        COPY(m.method, st, 6);
        m.amount_fen = sqlite3_column_int64(st, 7);
        COPY(m.reason, st, 8);
        COPY(m.kind, st, 9);
        go = cb(&m, ctx);
    }
    sqlite3_reset(st);
    return s;
}

enum db_status shift_channels(struct db *db, int64_t shift_id, shift_channel_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(
        db, "SELECT method, SUM(pf), SUM(pc), SUM(rf), SUM(rc) FROM ("
            "SELECT method, amount_fen AS pf, 1 AS pc, 0 AS rf, 0 AS rc FROM bill_payments "
            "WHERE shift_id = $1 UNION ALL "
            "SELECT method, 0, 0, amount_fen, 1 FROM refunds WHERE shift_id = $1) t "
            "GROUP BY method ORDER BY method");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", shift_id);
    bool row = false;
    struct shift_channel c;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        memset(&c, 0, sizeof c);
        COPY(c.method, st, 0);
        c.payments_fen = sqlite3_column_int64(st, 1);
        c.payments_count = sqlite3_column_int64(st, 2);
        c.refunds_fen = sqlite3_column_int64(st, 3);
        c.refunds_count = sqlite3_column_int64(st, 4);
        if (!cb(&c, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status shift_bills_count(struct db *db, int64_t shift_id, int64_t *n)
{
    return db_int(db, n, "SELECT count(DISTINCT bill_id) FROM bill_payments WHERE shift_id = $1",
                  "i", shift_id);
}

/* ---- users ---- */

enum db_status shift_user_by_name(struct db *db, int64_t venue_id, const char *username,
                                  struct shift_user *u)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, username, display_name, role, active, "
                                   "password_hash FROM users WHERE venue_id = $1 AND username = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "it", venue_id, username);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) {
        memset(u, 0, sizeof *u);
        u->id = sqlite3_column_int64(st, 0);
        COPY(u->username, st, 1);
        COPY(u->display_name, st, 2);
        COPY(u->role, st, 3);
        u->active = sqlite3_column_int(st, 4) == 1;
        COPY(u->password_hash, st, 5);
    }
    sqlite3_reset(st);
    return s;
}

/* ---- business days ---- */

enum db_status business_day_load(struct db *db, int64_t venue_id, const char *day,
                                 struct business_day *d)
{
    memset(d, 0, sizeof *d);
    sqlite3_stmt *st = db_stmt(db, "SELECT confirmed_by, confirmed_at, note FROM business_days "
                                   "WHERE venue_id = $1 AND day = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "it", venue_id, day);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && row) {
        d->confirmed = true;
        COPY(d->confirmed_by, st, 0);
        d->confirmed_at = sqlite3_column_int64(st, 1);
        COPY(d->note, st, 2);
    }
    sqlite3_reset(st);
    return s;
}

enum db_status business_day_confirm(struct db *db, int64_t venue_id, const char *day,
                                    const char *by, int64_t at, const char *note)
{
    return db_exec(db,
                   "INSERT INTO business_days(venue_id, day, status, confirmed_by, confirmed_at, "
                   "note) VALUES ($1, $2, 'confirmed', $3, $4, $5)",
                   "ittit", venue_id, day, by, at, note);
}

/* ---- over and short (shifts.h) ---- */

enum db_status shift_over_short_list(struct db *db, int64_t venue_id, const char *from_day,
                                     const char *to_day, shift_over_short_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(
        db, "SELECT shift_id, cashier_id, closed_at, difference_fen, coalesce(approved_at, 0), "
            "business_day, cashier, treatment, reason, approved_by FROM shift_over_short "
            "WHERE venue_id = $1 AND ($2 = '' OR business_day >= $2) "
            "AND ($3 = '' OR business_day <= $3) ORDER BY business_day, shift_id");
    if (!st) return DB_ERROR;
    enum db_status s =
        db_bind(st, "itt", venue_id, from_day ? from_day : "", to_day ? to_day : "");
    bool row = false;
    struct shift_over_short o;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        memset(&o, 0, sizeof o);
        o.shift_id = sqlite3_column_int64(st, 0);
        o.cashier_id = sqlite3_column_int64(st, 1);
        o.closed_at = sqlite3_column_int64(st, 2);
        o.difference_fen = sqlite3_column_int64(st, 3);
        o.approved_at = sqlite3_column_int64(st, 4);
        COPY(o.business_day, st, 5);
        COPY(o.cashier, st, 6);
        COPY(o.treatment, st, 7);
        COPY(o.reason, st, 8);
        COPY(o.approved_by, st, 9);
        if (!cb(&o, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

/* ---- the public check (shifts.h) ---- */

enum db_status shift_require_open(struct db *db, int64_t venue_id, int64_t user_id,
                                  int64_t *shift_id)
{
    return shift_open_id(db, venue_id, user_id, shift_id);
}
