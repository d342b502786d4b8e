/* members/store.c: the SQL of members and stored value (see store.h and members.h). Statements
 * are string literals so that the per-connection cache (keyed on their address) prepares each
 * once. */
#include "members/store.h"

#include "core/money.h"
#include "finance/postings.h"

#include <stdio.h>
#include <string.h>

#define COPY(dst, st, col) snprintf((dst), sizeof(dst), "%s", db_col_text((st), (col)))

/* Steps a statement expected to give exactly one row. */
static enum db_status one_row(sqlite3_stmt *st)
{
    bool row = false;
    enum db_status s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    return s;
}

/* ---- members ---- */

/* The member columns read by read_member, from members m and the ledger's sums b. */
#define MEMBER_COLS                                                                              \
    "SELECT m.id, m.phone, m.name, m.level, m.discount_bp, m.active, m.created_at, "            \
    "coalesce(b.p, 0), coalesce(b.bo, 0), coalesce(b.last, 0), coalesce(b.paid_in, 0) "
/* Per member: principal, bonus, the latest movement, the principal ever paid in. */
#define MEMBER_SUMS                                                                              \
    "(SELECT member_id, sum(principal_fen) AS p, sum(bonus_fen) AS bo, max(at) AS last, "       \
    "sum(CASE WHEN kind = 'topup' THEN principal_fen ELSE 0 END) AS paid_in "                   \
    "FROM member_ledger GROUP BY member_id)"

static void read_member(sqlite3_stmt *st, struct sv_member *m)
{
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    COPY(m->phone, st, 1);
    COPY(m->name, st, 2);
    COPY(m->level, st, 3);
    m->discount_bp = sqlite3_column_int64(st, 4);
    m->active = sqlite3_column_int(st, 5) == 1;
    m->created_at = sqlite3_column_int64(st, 6);
    m->balance.principal_fen = sqlite3_column_int64(st, 7);
    m->balance.bonus_fen = sqlite3_column_int64(st, 8);
    m->last_at = sqlite3_column_int64(st, 9);
    m->topped_up_fen = sqlite3_column_int64(st, 10);
}

enum db_status sv_member_load(struct db *db, int64_t venue_id, int64_t id, struct sv_member *m)
{
    /* One member: its own rows only, not the whole ledger grouped. */
    sqlite3_stmt *st = db_stmt(
        db, "SELECT m.id, m.phone, m.name, m.level, m.discount_bp, m.active, m.created_at, "
            "coalesce(sum(l.principal_fen), 0), coalesce(sum(l.bonus_fen), 0), "
            "coalesce(max(l.at), 0), "
            "coalesce(sum(CASE WHEN l.kind = 'topup' THEN l.principal_fen ELSE 0 END), 0) "
            "FROM members m LEFT JOIN member_ledger l ON l.member_id = m.id "
            "WHERE m.venue_id = $1 AND m.id = $2 GROUP BY m.id");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, id);
    if (s == DB_OK) s = one_row(st);
    if (s == DB_OK) read_member(st, m);
    sqlite3_reset(st);
    return s;
}

enum db_status sv_member_insert(struct db *db, int64_t venue_id, struct sv_member *m, int64_t at)
{
    return db_int(db, &m->id,
                  "INSERT INTO members(venue_id, phone, name, level, discount_bp, active, "
                  "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                  "itttiIi", venue_id, m->phone, m->name, m->level, m->discount_bp,
                  m->active ? 1 : 0, at);
}

enum db_status sv_member_update(struct db *db, int64_t venue_id, const struct sv_member *m)
{
    int64_t got = 0;
    return db_int(db, &got,
                  "UPDATE members SET name = $3, level = $4, discount_bp = $5, active = $6 "
                  "WHERE venue_id = $1 AND id = $2 RETURNING id",
                  "iittiI", venue_id, m->id, m->name, m->level, m->discount_bp,
                  m->active ? 1 : 0);
}

/* $1 venue, $2 a part of the phone or name ("" all), $3 level ("" all), $4 active (-1 all). */
#define MEMBER_FILTER                                                                            \
    "FROM members m LEFT JOIN " MEMBER_SUMS " b ON b.member_id = m.id "                          \
    "WHERE m.venue_id = $1 AND ($2 = '' OR instr(m.phone, $2) > 0 OR instr(m.name, $2) > 0) "  \
    "AND ($3 = '' OR m.level = $3) AND ($4 < 0 OR m.active = $4) "
#define MEMBER_PAGE(order) MEMBER_COLS MEMBER_FILTER "ORDER BY " order " LIMIT $5 OFFSET $6"

/* The orders of the list (a whitelist: the ORDER BY is never built from input). */
static const struct {
    const char *key, *sql;
} member_sorts[] = {
    {"", MEMBER_PAGE("m.id DESC")},
    {"created", MEMBER_PAGE("m.id")},
    {"-created", MEMBER_PAGE("m.id DESC")},
    {"phone", MEMBER_PAGE("m.phone, m.id")},
    {"-phone", MEMBER_PAGE("m.phone DESC, m.id")},
    {"name", MEMBER_PAGE("m.name, m.id")},
    {"-name", MEMBER_PAGE("m.name DESC, m.id")},
    {"balance", MEMBER_PAGE("coalesce(b.p, 0) + coalesce(b.bo, 0), m.id")},
    {"-balance", MEMBER_PAGE("coalesce(b.p, 0) + coalesce(b.bo, 0) DESC, m.id")},
    {"principal", MEMBER_PAGE("coalesce(b.p, 0), m.id")},
    {"-principal", MEMBER_PAGE("coalesce(b.p, 0) DESC, m.id")},
    {"bonus", MEMBER_PAGE("coalesce(b.bo, 0), m.id")},
    {"-bonus", MEMBER_PAGE("coalesce(b.bo, 0) DESC, m.id")},
    {"last", MEMBER_PAGE("coalesce(b.last, 0), m.id")},
    {"-last", MEMBER_PAGE("coalesce(b.last, 0) DESC, m.id")},
};
#define MEMBER_SORTS ((int)(sizeof member_sorts / sizeof member_sorts[0]))

bool sv_member_sort_valid(const char *sort)
{
    for (int i = 0; sort && i < MEMBER_SORTS; i++)
        if (strcmp(member_sorts[i].key, sort) == 0) return true;
    return false;
}

enum db_status sv_member_list(struct db *db, int64_t venue_id, const struct sv_member_filter *f,
                              int64_t *total, struct sv_balance *sum, sv_member_cb cb, void *ctx)
{
    const char *q = f->q ? f->q : "", *level = f->level ? f->level : "";
    const char *sql = member_sorts[0].sql;
    for (int i = 0; f->sort && i < MEMBER_SORTS; i++)
        if (strcmp(member_sorts[i].key, f->sort) == 0) sql = member_sorts[i].sql;
    sqlite3_stmt *st = db_stmt(db, "SELECT count(*), coalesce(sum(b.p), 0), coalesce(sum(b.bo), 0) "
                                   MEMBER_FILTER);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ittI", venue_id, q, level, f->active);
    if (s == DB_OK) s = one_row(st);
    if (s == DB_OK) {
        *total = sqlite3_column_int64(st, 0);
        sum->principal_fen = sqlite3_column_int64(st, 1);
        sum->bonus_fen = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    if (s != DB_OK) return s;
    st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    s = db_bind(st, "ittIii", venue_id, q, level, f->active, f->limit, f->offset);
    bool row = false;
    struct sv_member m;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        read_member(st, &m);
        if (!cb(&m, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

/* ---- the member's ledger ---- */

enum db_status sv_ledger_list(struct db *db, int64_t member_id, int64_t limit, int64_t offset,
                              int64_t *total, sv_ledger_cb cb, void *ctx)
{
    enum db_status s =
        db_int(db, total, "SELECT count(*) FROM member_ledger WHERE member_id = $1", "i", member_id);
    if (s != DB_OK) return s;
    /* The balance after each row is the running sum in the order the rows were written. */
    sqlite3_stmt *st = db_stmt(
        db, "SELECT * FROM (SELECT l.id, l.at, l.business_day, l.kind, l.principal_fen, "
            "l.bonus_fen, sum(l.principal_fen) OVER w, sum(l.bonus_fen) OVER w, "
            "coalesce(l.bill_id, 0), coalesce(b.bill_no, ''), coalesce(l.shift_id, 0), l.note, "
            "l.by_user, coalesce(t.id, 0), coalesce(r.id, 0), coalesce(t.method, r.method, ''), "
            "coalesce(t.reference, r.reference, ''), coalesce(t.approved_by, r.approved_by, ''), "
            "coalesce(r.reason, '') "
            "FROM member_ledger l LEFT JOIN bills b ON b.id = l.bill_id "
            "LEFT JOIN member_topups t ON t.ledger_id = l.id "
            "LEFT JOIN member_sv_refunds r ON r.ledger_id = l.id "
            "WHERE l.member_id = $1 "
            "WINDOW w AS (ORDER BY l.id ROWS UNBOUNDED PRECEDING)) "
            "ORDER BY 1 DESC LIMIT $2 OFFSET $3");
    if (!st) return DB_ERROR;
    s = db_bind(st, "iii", member_id, limit, offset);
    bool row = false;
    struct sv_ledger_row r;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        memset(&r, 0, sizeof r);
        r.id = sqlite3_column_int64(st, 0);
        r.at = sqlite3_column_int64(st, 1);
        COPY(r.business_day, st, 2);
        COPY(r.kind, st, 3);
        r.change.principal_fen = sqlite3_column_int64(st, 4);
        r.change.bonus_fen = sqlite3_column_int64(st, 5);
        r.after.principal_fen = sqlite3_column_int64(st, 6);
        r.after.bonus_fen = sqlite3_column_int64(st, 7);
        r.bill_id = sqlite3_column_int64(st, 8);
        COPY(r.bill_no, st, 9);
        r.shift_id = sqlite3_column_int64(st, 10);
        COPY(r.note, st, 11);
        COPY(r.by_user, st, 12);
        r.topup_id = sqlite3_column_int64(st, 13);
        r.sv_refund_id = sqlite3_column_int64(st, 14);
        COPY(r.method, st, 15);
        COPY(r.reference, st, 16);
        COPY(r.approved_by, st, 17);
        COPY(r.reason, st, 18);
        if (!cb(&r, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

/* ---- offers and limits ---- */

#define RULE_COLS                                                                                \
    "SELECT r.id, r.threshold_fen, r.bonus_fen, r.effective_from, r.effective_to, r.active, "   \
    "r.name, r.created_at, r.created_by, "                                                      \
    "(SELECT count(*) FROM member_topups t WHERE t.rule_id = r.id) FROM sv_rules r "

static void read_rule(sqlite3_stmt *st, struct sv_rule_row *r)
{
    memset(r, 0, sizeof *r);
    r->rule.id = sqlite3_column_int64(st, 0);
    r->rule.threshold_fen = sqlite3_column_int64(st, 1);
    r->rule.bonus_fen = sqlite3_column_int64(st, 2);
    COPY(r->rule.effective_from, st, 3);
    COPY(r->rule.effective_to, st, 4);
    r->rule.active = sqlite3_column_int(st, 5) == 1;
    COPY(r->name, st, 6);
    r->created_at = sqlite3_column_int64(st, 7);
    COPY(r->created_by, st, 8);
    r->used = sqlite3_column_int64(st, 9);
}

enum db_status sv_rules_list(struct db *db, int64_t venue_id, struct sv_rule_row *rows, int max,
                             int *n)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(db, RULE_COLS "WHERE r.venue_id = $1 ORDER BY r.id DESC LIMIT $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "iI", venue_id, max);
    bool row = false;
    while (s == DB_OK && *n < max && (s = db_step(st, &row)) == DB_OK && row)
        read_rule(st, &rows[(*n)++]);
    sqlite3_reset(st);
    return s;
}

enum db_status sv_rule_load(struct db *db, int64_t venue_id, int64_t id, struct sv_rule_row *r)
{
    sqlite3_stmt *st = db_stmt(db, RULE_COLS "WHERE r.venue_id = $1 AND r.id = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, id);
    if (s == DB_OK) s = one_row(st);
    if (s == DB_OK) read_rule(st, r);
    sqlite3_reset(st);
    return s;
}

enum db_status sv_rule_create(struct db *db, int64_t venue_id, const char *name,
                              int64_t threshold_fen, int64_t bonus_fen, const char *effective_from,
                              const char *by_user, int64_t at, int64_t *id)
{
    return db_int(db, id,
                  "INSERT INTO sv_rules(venue_id, name, threshold_fen, bonus_fen, effective_from, "
                  "created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                  "itiitit", venue_id, name, threshold_fen, bonus_fen, effective_from, at, by_user);
}

enum db_status sv_rule_update(struct db *db, int64_t venue_id, int64_t id, const char *name,
                              const char *effective_to, bool active)
{
    int64_t got = 0;
    return db_int(db, &got,
                  "UPDATE sv_rules SET name = $3, effective_to = $4, active = $5 "
                  "WHERE venue_id = $1 AND id = $2 RETURNING id",
                  "iittI", venue_id, id, name, effective_to, active ? 1 : 0);
}

enum db_status sv_bonus_limit(struct db *db, const char *role, int64_t *limit_bp)
{
    enum db_status s = db_int(db, limit_bp,
                              "SELECT bonus_limit_bp FROM sv_bonus_limits WHERE role = $1", "t", role);
    if (s == DB_NOT_FOUND) {
        *limit_bp = 0;
        s = DB_OK;
    }
    return s;
}

enum db_status sv_bonus_limits_list(struct db *db, sv_limit_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT role, bonus_limit_bp FROM sv_bonus_limits ORDER BY role");
    if (!st) return DB_ERROR;
    enum db_status s = DB_OK;
    bool row = false;
    struct sv_limit_row r;
    while ((s = db_step(st, &row)) == DB_OK && row) {
        memset(&r, 0, sizeof r);
        COPY(r.role, st, 0);
        r.bonus_limit_bp = sqlite3_column_int64(st, 1);
        if (!cb(&r, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status sv_bonus_limit_save(struct db *db, const char *role, int64_t limit_bp)
{
    return db_exec(db,
                   "INSERT INTO sv_bonus_limits(role, bonus_limit_bp) VALUES ($1, $2) "
                   "ON CONFLICT (role) DO UPDATE SET bonus_limit_bp = excluded.bonus_limit_bp",
                   "ti", role, limit_bp);
}

/* ---- top-ups and refunds (members.h) ---- */

/* Appends a ledger row without a bill; *id its id. */
static enum db_status ledger_append(struct db *db, int64_t member_id, int64_t at, const char *day,
                                    const char *kind, int64_t principal_fen, int64_t bonus_fen,
                                    int64_t shift_id, const char *note, const char *by_user,
                                    int64_t *id)
{
    return db_int(db, id,
                  "INSERT INTO member_ledger(member_id, at, business_day, kind, principal_fen, "
                  "bonus_fen, shift_id, note, by_user) "
                  "VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, 0), $8, $9) RETURNING id",
                  "iittiiitt", member_id, at, day, kind, principal_fen, bonus_fen, shift_id, note,
                  by_user);
}

/* The tender of a top-up or refund as the posting rules take it: cash into (or out of) the
 * drawer of the shift, the other methods through their clearing accounts. */
static void tender_of(const char *method, int64_t shift_id, struct post_tender *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->method, sizeof t->method, "%s", method);
    t->shift_id = strcmp(method, "cash") == 0 ? shift_id : 0;
    t->voucher_paid_fen = -1;
}

enum db_status sv_topup_write(struct db *db, const struct sv_topup *t, int64_t *topup_id,
                              enum fin_status *posting)
{
    *posting = FIN_OK;
    *topup_id = 0;
    bool cash = t->method && strcmp(t->method, "cash") == 0;
    const char *source = t->bonus_source ? t->bonus_source : "none";
    if (!sv_method_valid(t->method) || (cash && !t->shift_id) || t->amount_fen <= 0 ||
        t->bonus_fen < 0 || (strcmp(source, "rule") == 0) != (t->rule_id != 0))
        return DB_INVALID;
    char a[32], b[32], note[160];
    if (t->bonus_fen)
        snprintf(note, sizeof note, "充值 %s 送 %s · %s", money_format(t->amount_fen, a),
                 money_format(t->bonus_fen, b), sv_method_label(t->method));
    else
        snprintf(note, sizeof note, "充值 %s · %s", money_format(t->amount_fen, a),
                 sv_method_label(t->method));
    int64_t ledger_id = 0;
    enum db_status s = ledger_append(db, t->member_id, t->at, t->business_day, "topup",
                                     t->amount_fen, t->bonus_fen, t->shift_id, note, t->by_user,
                                     &ledger_id);
    if (s == DB_OK)
        s = db_int(db, topup_id,
                   "INSERT INTO member_topups(venue_id, member_id, at, business_day, amount_fen, "
                   "bonus_fen, bonus_source, rule_id, method, reference, shift_id, ledger_id, "
                   "approved_by, by_user) VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, 0), $9, "
                   "$10, NULLIF($11, 0), $12, $13, $14) RETURNING id",
                   "iiitiitittiitt", t->venue_id, t->member_id, t->at, t->business_day,
                   t->amount_fen, t->bonus_fen, source, t->rule_id, t->method,
                   t->reference ? t->reference : "", t->shift_id, ledger_id,
                   t->approved_by ? t->approved_by : "", t->by_user);
    if (s != DB_OK) return s;
    struct post_tender tender;
    tender_of(t->method, t->shift_id, &tender);
    struct journal_entry e;
    posting_topup(t->business_day, *topup_id, &tender, t->amount_fen, t->bonus_fen, &e);
    *posting = journal_post(db, t->venue_id, &e, t->by_user, false, NULL);
    return fin_db_status(*posting);
}

enum db_status sv_refund_write(struct db *db, const struct sv_refund_out *r, int64_t *refund_id,
                               enum fin_status *posting)
{
    *posting = FIN_OK;
    *refund_id = 0;
    bool cash = r->method && strcmp(r->method, "cash") == 0;
    if (!sv_method_valid(r->method) || (cash && !r->shift_id) || r->principal_fen <= 0 ||
        r->bonus_forfeited_fen < 0 || !r->reason || !*r->reason || !r->approved_by ||
        !*r->approved_by)
        return DB_INVALID;
    char a[32], b[32], note[208];
    if (r->bonus_forfeited_fen)
        snprintf(note, sizeof note, "储值退款 %s · %s（赠额 %s 作废）",
                 money_format(r->principal_fen, a), sv_method_label(r->method),
                 money_format(r->bonus_forfeited_fen, b));
    else
        snprintf(note, sizeof note, "储值退款 %s · %s", money_format(r->principal_fen, a),
                 sv_method_label(r->method));
    int64_t ledger_id = 0;
    enum db_status s = ledger_append(db, r->member_id, r->at, r->business_day, "refund",
                                     -r->principal_fen, -r->bonus_forfeited_fen, r->shift_id, note,
                                     r->by_user, &ledger_id);
    if (s == DB_OK)
        s = db_int(db, refund_id,
                   "INSERT INTO member_sv_refunds(venue_id, member_id, at, business_day, "
                   "principal_fen, bonus_forfeited_fen, method, reference, reason, shift_id, "
                   "ledger_id, approved_by, by_user) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                   "NULLIF($10, 0), $11, $12, $13) RETURNING id",
                   "iiitiitttiitt", r->venue_id, r->member_id, r->at, r->business_day,
                   r->principal_fen, r->bonus_forfeited_fen, r->method,
                   r->reference ? r->reference : "", r->reason, r->shift_id, ledger_id,
                   r->approved_by, r->by_user);
    if (s != DB_OK) return s;
    struct post_tender tender;
    tender_of(r->method, r->shift_id, &tender);
    struct journal_entry e;
    posting_sv_refund(r->business_day, *refund_id, &tender, r->principal_fen,
                      r->bonus_forfeited_fen, &e);
    *posting = journal_post(db, r->venue_id, &e, r->by_user, false, NULL);
    return fin_db_status(*posting);
}

enum db_status sv_shift_cash(struct db *db, int64_t shift_id, sv_cash_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(
        db, "SELECT 0, t.id, t.at, t.amount_fen, t.bonus_fen, t.member_id, m.name, t.by_user "
            "FROM member_topups t JOIN members m ON m.id = t.member_id "
            "WHERE t.shift_id = $1 AND t.method = 'cash' UNION ALL "
            "SELECT 1, r.id, r.at, r.principal_fen, r.bonus_forfeited_fen, r.member_id, m.name, "
            "r.by_user FROM member_sv_refunds r JOIN members m ON m.id = r.member_id "
            "WHERE r.shift_id = $1 AND r.method = 'cash' ORDER BY 3, 1, 2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", shift_id);
    bool row = false;
    struct sv_cash c;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        memset(&c, 0, sizeof c);
        c.refund = sqlite3_column_int(st, 0) == 1;
        c.id = sqlite3_column_int64(st, 1);
        c.at = sqlite3_column_int64(st, 2);
        c.amount_fen = sqlite3_column_int64(st, 3);
        c.bonus_fen = sqlite3_column_int64(st, 4);
        c.member_id = sqlite3_column_int64(st, 5);
        COPY(c.member_name, st, 6);
        COPY(c.by_user, st, 7);
        if (!cb(&c, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

/* ---- the liability report ---- */

enum db_status sv_liability_parts(struct db *db, int64_t venue_id, const char *from_day,
                                  const char *to_day, sv_liability_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(
        db, "SELECT l.member_id, m.phone, m.name, m.level, l.kind, l.bill_id IS NOT NULL AS wb, "
            "l.business_day >= $2 AS inp, sum(l.principal_fen), sum(l.bonus_fen) "
            "FROM member_ledger l JOIN members m ON m.id = l.member_id "
            "WHERE m.venue_id = $1 AND l.business_day <= $3 "
            "GROUP BY l.member_id, l.kind, wb, inp ORDER BY l.member_id, inp");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "itt", venue_id, from_day, to_day);
    bool row = false;
    struct sv_liability_part p;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        memset(&p, 0, sizeof p);
        p.member_id = sqlite3_column_int64(st, 0);
        COPY(p.phone, st, 1);
        COPY(p.name, st, 2);
        COPY(p.level, st, 3);
        COPY(p.kind, st, 4);
        p.with_bill = sqlite3_column_int(st, 5) != 0;
        p.in_period = sqlite3_column_int(st, 6) != 0;
        p.sum.principal_fen = sqlite3_column_int64(st, 7);
        p.sum.bonus_fen = sqlite3_column_int64(st, 8);
        if (!cb(&p, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}
