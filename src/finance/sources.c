/* finance/sources.c: posting the money events of the other areas: load the record, apply the
 * posting rule, write the entry. Also the catch-up that posts history with no entry yet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "finance/finance.h"
#include "finance/postings.h"

static void copy(char *dst, size_t n, sqlite3_stmt *st, int col)
{
    snprintf(dst, n, "%s", db_col_text(st, col));
}

/* The member split of stored value taken (kind 'pay') or given back (kind refund/void at `at`)
 * for one tender of a bill, as positive amounts. */
static enum db_status member_split(struct db *db, int64_t bill_id, int seq, const char *kind,
                                   int64_t at, struct post_tender *t)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT coalesce(abs(sum(principal_fen)), 0), "
                                   "coalesce(abs(sum(bonus_fen)), 0) FROM member_ledger "
                                   "WHERE bill_id = $1 AND payment_seq = $2 AND kind = $3 "
                                   "AND ($4 = 0 OR at = $4)");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "iIti", bill_id, seq, kind, at);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && row) {
        t->principal_fen = sqlite3_column_int64(st, 0);
        t->bonus_fen = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return s;
}

/* One tender of a bill by its seq (method, platform, party, voucher price). */
static enum db_status tender_of(struct db *db, int64_t bill_id, int seq, struct post_tender *t)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT method, amount_fen, coalesce(shift_id, 0), platform, "
                                   "reference, coalesce(voucher_paid_fen, -1) FROM bill_payments "
                                   "WHERE bill_id = $1 AND seq = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "iI", bill_id, seq);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) {
        memset(t, 0, sizeof *t);
        copy(t->method, sizeof t->method, st, 0);
        t->amount_fen = sqlite3_column_int64(st, 1);
        t->shift_id = sqlite3_column_int64(st, 2);
        if (strcmp(t->method, "voucher") == 0) copy(t->party, sizeof t->party, st, 3);
        else if (strcmp(t->method, "credit") == 0) copy(t->party, sizeof t->party, st, 4);
        t->voucher_paid_fen = sqlite3_column_int64(st, 5);
    }
    sqlite3_reset(st);
    return s;
}

/* The revenue account of a bill line of kind `kind` for a product category (override first). */
static const char *line_account(const char *kind, const char *category, const char *override)
{
    if (strcmp(kind, "room") == 0 || strcmp(kind, "min_spend") == 0) return "rev_room";
    if (strcmp(kind, "package") == 0) return "rev_package";
    if (strcmp(kind, "goods") == 0) {
        if (override && *override) return override;
        return revenue_keys[posting_category_kind(category)];
    }
    return "rev_other";
}

/* Loads a bill's facts for posting. *settled is false for a bill imported as voided. */
static enum db_status load_bill(struct db *db, int64_t venue_id, int64_t bill_id,
                                struct post_bill *b, bool *settled)
{
    memset(b, 0, sizeof *b);
    b->bill_id = bill_id;
    sqlite3_stmt *st = db_stmt(db, "SELECT business_day, bill_no, gross_fen, discount_fen, "
                                   "service_fen, total_fen, status FROM bills "
                                   "WHERE id = $1 AND venue_id = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", bill_id, venue_id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) {
        copy(b->day, sizeof b->day, st, 0);
        copy(b->bill_no, sizeof b->bill_no, st, 1);
        b->gross_fen = sqlite3_column_int64(st, 2);
        b->discount_fen = sqlite3_column_int64(st, 3);
        b->service_fen = sqlite3_column_int64(st, 4);
        b->total_fen = sqlite3_column_int64(st, 5);
        *settled = strcmp(db_col_text(st, 6), "settled") == 0;
    }
    sqlite3_reset(st);
    if (s != DB_OK) return s;

    /* Revenue by line; what the lines do not explain (an imported bill without prices) is
     * other revenue, so the revenue always sums to the gross. */
    st = db_stmt(db, "SELECT l.kind, coalesce(sum(l.amount_fen), 0), coalesce(p.category, ''), "
                     "coalesce(a.code, '') FROM bill_lines l "
                     "LEFT JOIN products p ON p.id = l.product_id "
                     "LEFT JOIN category_accounts c ON c.venue_id = $2 AND c.category = p.category "
                     "LEFT JOIN accounts a ON a.id = c.account_id "
                     "WHERE l.bill_id = $1 AND l.kind <> 'service' "
                     "GROUP BY l.kind, p.category, a.code");
    if (!st) return DB_ERROR;
    s = db_bind(st, "ii", bill_id, venue_id);
    int64_t explained = 0;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        int64_t amount = sqlite3_column_int64(st, 1);
        if (!amount) continue;
        const char *acct = line_account(db_col_text(st, 0), db_col_text(st, 2), db_col_text(st, 3));
        if (!post_bill_add_revenue(b, acct, amount)) s = DB_ERROR;
        explained += amount;
    }
    sqlite3_reset(st);
    if (s != DB_OK) return s;
    if (b->gross_fen != explained && !post_bill_add_revenue(b, "rev_other", b->gross_fen - explained))
        return DB_ERROR;

    st = db_stmt(db, "SELECT seq FROM bill_payments WHERE bill_id = $1 ORDER BY seq");
    if (!st) return DB_ERROR;
    s = db_bind(st, "i", bill_id);
    int seqs[POST_MAX_TENDERS];
    int n = 0;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        if (n == POST_MAX_TENDERS) {
            s = DB_ERROR;
            break;
        }
        seqs[n++] = sqlite3_column_int(st, 0);
    }
    sqlite3_reset(st);
    for (int i = 0; s == DB_OK && i < n; i++) {
        s = tender_of(db, bill_id, seqs[i], &b->tenders[i]);
        if (s == DB_OK && strcmp(b->tenders[i].method, "member") == 0)
            s = member_split(db, bill_id, seqs[i], "pay", 0, &b->tenders[i]);
        if (s == DB_OK) b->ntenders++;
    }
    return s;
}

enum fin_status finance_post_bill(struct db *db, int64_t venue_id, int64_t bill_id,
                                  const char *by_user)
{
    struct post_bill b;
    bool settled = false;
    enum db_status s = load_bill(db, venue_id, bill_id, &b, &settled);
    if (s != DB_OK) return s == DB_RETRY ? FIN_RETRY : FIN_ERROR;
    if (!settled) return FIN_OK;
    struct journal_entry e;
    if (!posting_bill(&b, &e)) {
        log_error("finance: bill %s is paid beyond its total", b.bill_no);
        return FIN_BROKEN;
    }
    return journal_post(db, venue_id, &e, by_user, false, NULL);
}

/* The refund's tender: the method it was given back through, with the platform and party of
 * the bill's tender when the method is the same. */
struct refund_facts {
    int64_t bill_id, at, amount_fen, shift_id;
    int seq;
    char day[11], method[12], kind[8], bill_no[48];
};

static enum db_status load_refund(struct db *db, int64_t venue_id, int64_t refund_id,
                                  struct refund_facts *r)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT r.bill_id, r.at, r.amount_fen, coalesce(r.shift_id, 0), "
                                   "coalesce(r.payment_seq, 0), r.business_day, r.method, r.kind, "
                                   "b.bill_no FROM refunds r JOIN bills b ON b.id = r.bill_id "
                                   "WHERE r.id = $1 AND r.venue_id = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", refund_id, venue_id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) {
        memset(r, 0, sizeof *r);
        r->bill_id = sqlite3_column_int64(st, 0);
        r->at = sqlite3_column_int64(st, 1);
        r->amount_fen = sqlite3_column_int64(st, 2);
        r->shift_id = sqlite3_column_int64(st, 3);
        r->seq = sqlite3_column_int(st, 4);
        copy(r->day, sizeof r->day, st, 5);
        copy(r->method, sizeof r->method, st, 6);
        copy(r->kind, sizeof r->kind, st, 7);
        copy(r->bill_no, sizeof r->bill_no, st, 8);
    }
    sqlite3_reset(st);
    return s;
}

static enum db_status refund_tender(struct db *db, const struct refund_facts *r,
                                    struct post_tender *t)
{
    memset(t, 0, sizeof *t);
    t->voucher_paid_fen = -1;
    if (r->seq) {
        enum db_status s = tender_of(db, r->bill_id, r->seq, t);
        if (s != DB_OK && s != DB_NOT_FOUND) return s;
        if (s == DB_OK && strcmp(t->method, r->method) != 0) {
            memset(t, 0, sizeof *t);
            t->voucher_paid_fen = -1;
        }
    }
    snprintf(t->method, sizeof t->method, "%s", r->method);
    t->shift_id = r->shift_id;
    if (strcmp(r->method, "member") == 0) {
        t->principal_fen = t->bonus_fen = 0;
        return member_split(db, r->bill_id, r->seq, r->kind, r->at, t);
    }
    return DB_OK;
}

enum fin_status finance_post_refund(struct db *db, int64_t venue_id, int64_t refund_id,
                                    const char *by_user)
{
    struct refund_facts r;
    enum db_status s = load_refund(db, venue_id, refund_id, &r);
    struct post_tender t;
    if (s == DB_OK) s = refund_tender(db, &r, &t);
    if (s != DB_OK) return s == DB_RETRY ? FIN_RETRY : FIN_ERROR;
    if (strcmp(r.kind, "refund") != 0) return FIN_OK; /* a void's refunds post with the void */
    struct journal_entry e;
    posting_refund(r.day, refund_id, r.bill_no, &t, r.amount_fen, &e);
    return journal_post(db, venue_id, &e, by_user, false, NULL);
}

/* The void of a bill: its revenue, the refunds of kind 'void' it gave back, the refunds
 * given before. */
static enum fin_status post_void(struct db *db, int64_t venue_id, int64_t bill_id,
                                 const char *by_user, bool backfill)
{
    struct post_bill b;
    bool settled = false;
    enum db_status s = load_bill(db, venue_id, bill_id, &b, &settled);
    char day[11] = "";
    if (s == DB_OK) {
        sqlite3_stmt *st = db_stmt(db, "SELECT business_day FROM bill_voids WHERE bill_id = $1");
        bool row = false;
        s = st ? db_bind(st, "i", bill_id) : DB_ERROR;
        if (s == DB_OK) s = db_step(st, &row);
        if (s == DB_OK && !row) s = DB_NOT_FOUND;
        if (s == DB_OK) copy(day, sizeof day, st, 0);
        if (st) sqlite3_reset(st);
    }
    int64_t ids[POST_MAX_TENDERS];
    int n = 0;
    int64_t refunded = 0;
    if (s == DB_OK) {
        sqlite3_stmt *st = db_stmt(db, "SELECT id, kind, amount_fen FROM refunds "
                                       "WHERE bill_id = $1 ORDER BY id");
        bool row = false;
        s = st ? db_bind(st, "i", bill_id) : DB_ERROR;
        while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
            if (strcmp(db_col_text(st, 1), "void") == 0) {
                if (n == POST_MAX_TENDERS) s = DB_ERROR;
                else ids[n++] = sqlite3_column_int64(st, 0);
            } else {
                refunded += sqlite3_column_int64(st, 2);
            }
        }
        if (st) sqlite3_reset(st);
    }
    struct post_tender given[POST_MAX_TENDERS];
    for (int i = 0; s == DB_OK && i < n; i++) {
        struct refund_facts r;
        s = load_refund(db, venue_id, ids[i], &r);
        if (s == DB_OK) s = refund_tender(db, &r, &given[i]);
        if (s == DB_OK) given[i].amount_fen = r.amount_fen;
    }
    if (s != DB_OK) return s == DB_RETRY ? FIN_RETRY : FIN_ERROR;
    if (!settled) return FIN_OK; /* imported as voided: it never posted */
    struct journal_entry e;
    posting_void(day, &b, given, n, refunded, &e);
    return journal_post(db, venue_id, &e, by_user, backfill, NULL);
}

enum fin_status finance_post_void(struct db *db, int64_t venue_id, int64_t bill_id,
                                  const char *by_user)
{
    return post_void(db, venue_id, bill_id, by_user, false);
}

/* ---- shifts ---- */

struct shift_facts {
    char day[11], cashier[64];
    int64_t opening_fen, previous_id, difference_fen;
};

static enum db_status load_shift(struct db *db, int64_t venue_id, int64_t shift_id,
                                 struct shift_facts *f)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT business_day, cashier, opening_fen, "
                                   "coalesce(previous_shift_id, 0), coalesce(difference_fen, 0) "
                                   "FROM shifts WHERE id = $1 AND venue_id = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", shift_id, venue_id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) {
        memset(f, 0, sizeof *f);
        copy(f->day, sizeof f->day, st, 0);
        copy(f->cashier, sizeof f->cashier, st, 1);
        f->opening_fen = sqlite3_column_int64(st, 2);
        f->previous_id = sqlite3_column_int64(st, 3);
        f->difference_fen = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    return s;
}

static enum fin_status post_shift_open(struct db *db, int64_t venue_id, int64_t shift_id,
                                       const char *by_user, bool backfill)
{
    struct shift_facts f;
    enum db_status s = load_shift(db, venue_id, shift_id, &f);
    int64_t prev_balance = 0;
    if (s == DB_OK && f.previous_id) {
        char party[24];
        snprintf(party, sizeof party, "%lld", (long long)f.previous_id);
        s = finance_balance(db, venue_id, "drawer", party, NULL, &prev_balance);
    }
    if (s != DB_OK) return s == DB_RETRY ? FIN_RETRY : FIN_ERROR;
    struct journal_entry e;
    posting_shift_open(f.day, shift_id, f.opening_fen, f.previous_id, prev_balance, &e);
    return journal_post(db, venue_id, &e, by_user, backfill, NULL);
}

enum fin_status finance_post_shift_open(struct db *db, int64_t venue_id, int64_t shift_id,
                                        const char *by_user)
{
    return post_shift_open(db, venue_id, shift_id, by_user, false);
}

static enum fin_status post_shift_cash(struct db *db, int64_t venue_id, int64_t event_id,
                                       const char *by_user, bool backfill)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT c.shift_id, c.kind, c.amount_fen, c.reason, "
                                   "s.business_day FROM shift_cash_events c "
                                   "JOIN shifts s ON s.id = c.shift_id "
                                   "WHERE c.id = $1 AND s.venue_id = $2");
    if (!st) return FIN_ERROR;
    enum db_status s = db_bind(st, "ii", event_id, venue_id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    struct journal_entry e;
    if (s == DB_OK) {
        const char *k = db_col_text(st, 1);
        enum shift_cash_kind kind = strcmp(k, "pay_in") == 0    ? SHIFT_PAY_IN
                                    : strcmp(k, "pay_out") == 0 ? SHIFT_PAY_OUT
                                                                : SHIFT_SAFE_DROP;
        posting_shift_cash(db_col_text(st, 4), event_id, sqlite3_column_int64(st, 0), kind,
                           sqlite3_column_int64(st, 2), db_col_text(st, 3), &e);
    }
    sqlite3_reset(st);
    if (s != DB_OK) return s == DB_RETRY ? FIN_RETRY : FIN_ERROR;
    return journal_post(db, venue_id, &e, by_user, backfill, NULL);
}

enum fin_status finance_post_shift_cash(struct db *db, int64_t venue_id, int64_t event_id,
                                        const char *by_user)
{
    return post_shift_cash(db, venue_id, event_id, by_user, false);
}

static enum fin_status post_shift_close(struct db *db, int64_t venue_id, int64_t shift_id,
                                        const char *by_user, bool backfill)
{
    struct shift_facts f;
    enum db_status s = load_shift(db, venue_id, shift_id, &f);
    if (s != DB_OK) return s == DB_RETRY ? FIN_RETRY : FIN_ERROR;
    struct journal_entry e;
    posting_shift_close(f.day, shift_id, f.cashier, f.difference_fen, &e);
    return journal_post(db, venue_id, &e, by_user, backfill, NULL);
}

enum fin_status finance_post_shift_close(struct db *db, int64_t venue_id, int64_t shift_id,
                                         const char *by_user)
{
    return post_shift_close(db, venue_id, shift_id, by_user, false);
}

static enum fin_status post_shift_handin(struct db *db, int64_t venue_id, int64_t shift_id,
                                         const char *by_user, bool backfill)
{
    struct shift_facts f;
    enum db_status s = load_shift(db, venue_id, shift_id, &f);
    int64_t balance = 0;
    char party[24];
    snprintf(party, sizeof party, "%lld", (long long)shift_id);
    if (s == DB_OK) s = finance_balance(db, venue_id, "drawer", party, NULL, &balance);
    if (s != DB_OK) return s == DB_RETRY ? FIN_RETRY : FIN_ERROR;
    if (balance == 0) return FIN_OK;
    struct journal_entry e;
    posting_shift_handin(f.day, shift_id, balance, &e);
    return journal_post(db, venue_id, &e, by_user, backfill, NULL);
}

enum fin_status finance_post_shift_handin(struct db *db, int64_t venue_id, int64_t shift_id,
                                          const char *by_user)
{
    return post_shift_handin(db, venue_id, shift_id, by_user, false);
}

/* ---- catch-up ---- */

/* Every money event of a venue without its entry, oldest first; at equal instants in the order
 * they happen within a shift (open, cash, bills, refunds, voids, close, hand-in). */
static const char *const unposted_sql =
    "SELECT at, k, id FROM ("
    " SELECT opened_at AS at, 1 AS k, id FROM shifts s WHERE venue_id = $1 AND NOT EXISTS "
    "  (SELECT 1 FROM journal_entries e WHERE e.venue_id = $1 AND e.source_kind = 'shift_open' "
    "   AND e.source_id = s.id)"
    " UNION ALL SELECT c.at, 2, c.id FROM shift_cash_events c JOIN shifts s ON s.id = c.shift_id "
    "  WHERE s.venue_id = $1 AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE "
    "  e.venue_id = $1 AND e.source_kind = 'shift_cash' AND e.source_id = c.id)"
    " UNION ALL SELECT closed_at, 3, id FROM bills b WHERE venue_id = $1 AND status = 'settled' "
    "  AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.venue_id = $1 AND "
    "  e.source_kind = 'bill' AND e.source_id = b.id)"
    " UNION ALL SELECT at, 4, id FROM refunds r WHERE venue_id = $1 AND kind = 'refund' "
    "  AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.venue_id = $1 AND "
    "  e.source_kind = 'refund' AND e.source_id = r.id)"
    " UNION ALL SELECT v.at, 5, v.bill_id FROM bill_voids v JOIN bills b ON b.id = v.bill_id "
    "  WHERE b.venue_id = $1 AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE "
    "  e.venue_id = $1 AND e.source_kind = 'void' AND e.source_id = v.bill_id)"
    " UNION ALL SELECT closed_at, 6, id FROM shifts s WHERE venue_id = $1 AND status <> 'open' "
    "  AND difference_fen <> 0 AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE "
    "  e.venue_id = $1 AND e.source_kind = 'shift_close' AND e.source_id = s.id)"
    " UNION ALL SELECT reviewed_at, 7, id FROM shifts s WHERE venue_id = $1 AND "
    "  status = 'reviewed' AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE "
    "  e.venue_id = $1 AND e.source_kind = 'shift_handin' AND e.source_id = s.id)"
    ") ORDER BY at, k, id";

struct pending {
    int64_t at, id;
    int k;
};

static enum fin_status post_pending(struct db *db, int64_t venue_id, const struct pending *p)
{
    switch (p->k) {
    case 1: return post_shift_open(db, venue_id, p->id, "catch-up", true);
    case 2: return post_shift_cash(db, venue_id, p->id, "catch-up", true);
    case 3: {
        struct post_bill b;
        bool settled = false;
        enum db_status s = load_bill(db, venue_id, p->id, &b, &settled);
        if (s != DB_OK) return s == DB_RETRY ? FIN_RETRY : FIN_ERROR;
        struct journal_entry e;
        if (!posting_bill(&b, &e)) return FIN_BROKEN;
        return journal_post(db, venue_id, &e, "catch-up", true, NULL);
    }
    case 4: {
        struct refund_facts r;
        struct post_tender t;
        enum db_status s = load_refund(db, venue_id, p->id, &r);
        if (s == DB_OK) s = refund_tender(db, &r, &t);
        if (s != DB_OK) return s == DB_RETRY ? FIN_RETRY : FIN_ERROR;
        struct journal_entry e;
        posting_refund(r.day, p->id, r.bill_no, &t, r.amount_fen, &e);
        return journal_post(db, venue_id, &e, "catch-up", true, NULL);
    }
    case 5: return post_void(db, venue_id, p->id, "catch-up", true);
    case 6: return post_shift_close(db, venue_id, p->id, "catch-up", true);
    case 7: return post_shift_handin(db, venue_id, p->id, "catch-up", true);
    }
    return FIN_BROKEN;
}

static enum db_status catch_up_venue(struct db *db, int64_t venue_id, int64_t *posted)
{
    sqlite3_stmt *st = db_stmt(db, unposted_sql);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", venue_id);
    struct pending *list = NULL;
    size_t n = 0, cap = 0;
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            struct pending *grown = realloc(list, cap * sizeof *list);
            if (!grown) {
                s = DB_ERROR;
                break;
            }
            list = grown;
        }
        list[n++] = (struct pending){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 2),
                                     sqlite3_column_int(st, 1)};
    }
    sqlite3_reset(st);
    /* Told as the entries that landed: a reviewed shift whose drawer holds nothing is an event
     * without an entry, not one posted. */
    int64_t before = 0, after = 0;
    if (s == DB_OK && n)
        s = db_int(db, &before, "SELECT count(*) FROM journal_entries WHERE venue_id = $1", "i",
                   venue_id);
    for (size_t i = 0; s == DB_OK && i < n; i++) {
        enum fin_status f = post_pending(db, venue_id, &list[i]);
        if (f != FIN_OK) {
            log_error("finance: catch-up of event %d #%lld failed (%d)", list[i].k,
                      (long long)list[i].id, (int)f);
            s = fin_db_status(f);
        }
    }
    if (s == DB_OK && n)
        s = db_int(db, &after, "SELECT count(*) FROM journal_entries WHERE venue_id = $1", "i",
                   venue_id);
    if (posted && s == DB_OK) *posted += after - before;
    free(list);
    return s;
}

enum db_status finance_ensure(struct db *db, int64_t *posted)
{
    if (posted) *posted = 0;
    /* Venue by venue, each in its own transaction, however many a chain has. */
    enum db_status s = DB_OK;
    for (int64_t last = 0;;) {
        int64_t id = 0;
        s = db_int(db, &id, "SELECT coalesce(min(id), 0) FROM venue WHERE id > $1", "i", last);
        if (s != DB_OK || id == 0) break;
        s = db_begin_write(db);
        if (s == DB_OK) s = finance_seed_accounts(db, id);
        if (s == DB_OK) s = catch_up_venue(db, id, posted);
        if (s == DB_OK) s = db_commit(db);
        else db_rollback(db);
        if (s != DB_OK) break;
        last = id;
    }
    return s;
}
