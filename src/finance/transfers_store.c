/* finance/transfers_store.c: fund transfers in SQL: writing one with its journal entry,
 * cancelling it by the reversal, loading, listing, and the figures the checks and the page
 * read from the books (what the safe can give, what a channel took in). Every function runs
 * inside the caller's transaction. See transfers.h. */
#include "finance/transfers.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/bizday.h"
#include "core/log.h"

#define COPY(dst, st, col) snprintf((dst), sizeof(dst), "%s", db_col_text((st), (col)))

/* The id of the account playing key for venue_id; DB_NOT_FOUND if the chart lacks it. */
static enum db_status account_of_key(struct db *db, int64_t venue_id, const char *key, int64_t *id)
{
    return db_int(db, id, "SELECT id FROM accounts WHERE venue_id = $1 AND system_key = $2", "it",
                  venue_id, key);
}

enum db_status transfer_safe_available(struct db *db, int64_t venue_id, const char *day,
                                       int64_t *available_fen)
{
    int64_t safe = 0;
    *available_fen = 0;
    enum db_status s = account_of_key(db, venue_id, "safe", &safe);
    if (s != DB_OK) return s;
    /* The running balance at the end of each day with lines on the safe: the one of day (or
     * of the last day before it), and the lowest of the later ones. Money taken out on day is
     * missing from every one of them. */
    return db_int(db, available_fen,
                  "WITH run AS (SELECT day, sum(debit_fen - credit_fen) OVER (ORDER BY day) AS bal "
                  "FROM account_day_totals WHERE venue_id = $1 AND account_id = $2) "
                  "SELECT min(b0, coalesce(later, b0)) FROM (SELECT "
                  "coalesce((SELECT bal FROM run WHERE day <= $3 ORDER BY day DESC LIMIT 1), 0) "
                  "AS b0, (SELECT min(bal) FROM run WHERE day > $3) AS later)",
                  "iit", venue_id, safe, day);
}

enum db_status transfer_find_reference(struct db *db, int64_t venue_id, const char *from,
                                       const char *reference, int64_t *id)
{
    *id = 0;
    if (!reference || !*reference) return DB_OK;
    enum db_status s = db_int(db, id,
                              "SELECT id FROM fund_transfers WHERE venue_id = $1 AND "
                              "from_account = $2 AND upper(trim(reference)) = upper(trim($3)) "
                              "AND status = 'posted'",
                              "itt", venue_id, from, reference);
    if (s == DB_NOT_FOUND) {
        *id = 0;
        return DB_OK;
    }
    return s;
}

enum fin_status transfer_create(struct db *db, int64_t venue_id, const struct transfer_new *n,
                                bool backfill, int64_t *id)
{
    *id = 0;
    if (transfer_check(&n->in, INT64_MAX) != TRANSFER_OK) return FIN_BROKEN;
    /* The entry names its transfer, and the transfer its entry: the id comes first. Writers
     * are serialised (BEGIN IMMEDIATE), so the next id is the one the insert takes. */
    int64_t next = 0;
    enum db_status s =
        db_int(db, &next, "SELECT coalesce(max(id), 0) + 1 FROM fund_transfers", "");
    if (s != DB_OK) return fin_status_of(s);
    enum transfer_kind k = transfer_kind_of(n->in.from, n->in.to);
    char memo[96];
    snprintf(memo, sizeof memo, "资金划转 #%lld %s", (long long)next, transfer_kind_name(k, false));
    struct journal_entry e;
    transfer_entry_rule(&e, n->day, next, &n->in, memo);
    int64_t entry_id = 0;
    enum fin_status f = journal_post(db, venue_id, &e, n->created_by, backfill, &entry_id);
    if (f != FIN_OK) return f;
    if (!entry_id) {
        log_error("finance: transfer #%lld posted nothing", (long long)next);
        return FIN_BROKEN;
    }
    s = db_int(db, id,
               "INSERT INTO fund_transfers(id, venue_id, day, from_account, to_account, "
               "amount_fen, fee_fen, reference, note, status, created_by, created_by_id, "
               "created_at, entry_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'posted', $10, "
               "$11, $12, $13) RETURNING id",
               "iitttiittt" "iii", next, venue_id, n->day, n->in.from, n->in.to, n->in.amount_fen,
               n->in.fee_fen, n->reference ? n->reference : "", n->note ? n->note : "",
               n->created_by, n->created_by_id, n->created_at, entry_id);
    return fin_status_of(s);
}

#define TRANSFER_COLS                                                                            \
    "SELECT t.id, t.venue_id, t.day, t.from_account, t.to_account, t.amount_fen, t.fee_fen, "   \
    "t.reference, t.note, t.status, t.created_by, t.created_by_id, t.created_at, t.entry_id, "  \
    "t.cancelled_by, coalesce(t.cancelled_at, 0), t.cancel_reason, "                           \
    "coalesce(t.reversal_entry_id, 0) FROM fund_transfers t "

static void read_transfer(sqlite3_stmt *st, struct transfer *t)
{
    memset(t, 0, sizeof *t);
    t->id = sqlite3_column_int64(st, 0);
    t->venue_id = sqlite3_column_int64(st, 1);
    COPY(t->day, st, 2);
    COPY(t->from_account, st, 3);
    COPY(t->to_account, st, 4);
    t->amount_fen = sqlite3_column_int64(st, 5);
    t->fee_fen = sqlite3_column_int64(st, 6);
    COPY(t->reference, st, 7);
    COPY(t->note, st, 8);
    COPY(t->status, st, 9);
    COPY(t->created_by, st, 10);
    t->created_by_id = sqlite3_column_int64(st, 11);
    t->created_at = sqlite3_column_int64(st, 12);
    t->entry_id = sqlite3_column_int64(st, 13);
    COPY(t->cancelled_by, st, 14);
    t->cancelled_at = sqlite3_column_int64(st, 15);
    COPY(t->cancel_reason, st, 16);
    t->reversal_entry_id = sqlite3_column_int64(st, 17);
}

enum db_status transfer_load(struct db *db, int64_t venue_id, int64_t id, struct transfer *t)
{
    sqlite3_stmt *st = db_stmt(db, TRANSFER_COLS "WHERE t.id = $1 AND t.venue_id = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", id, venue_id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && row) read_transfer(st, t);
    sqlite3_reset(st);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    return s;
}

enum fin_status transfer_cancel(struct db *db, const struct transfer *t, const char *today,
                                const char *by_user, int64_t at, const char *reason)
{
    if (!t->entry_id || strcmp(t->status, "posted") != 0) return FIN_BROKEN;
    char memo[64];
    snprintf(memo, sizeof memo, "冲销资金划转 #%lld", (long long)t->id);
    int64_t rev_id = 0;
    enum fin_status f = journal_reverse_posted(db, t->venue_id, t->entry_id, today, memo,
                                               by_user, &rev_id);
    if (f != FIN_OK) return f;
    int64_t same = 0;
    enum db_status s = db_int(db, &same,
               "UPDATE fund_transfers SET status = 'cancelled', reversal_entry_id = $2, "
               "cancelled_by = $3, cancelled_at = $4, cancel_reason = $5 "
               "WHERE id = $1 AND status = 'posted' RETURNING id",
               "iitit", t->id, rev_id, by_user, at, reason ? reason : "");
    if (s == DB_NOT_FOUND) s = DB_CONFLICT; /* cancelled meanwhile: the caller checked */
    return fin_status_of(s);
}

/* $1 venue, $2..$3 days (inclusive; "" and "9999-12-31" for open ends), $4 an account that
 * is either side ("" any). */
#define TRANSFER_FILTER                                                                          \
    "WHERE t.venue_id = $1 AND t.day BETWEEN $2 AND $3 "                                        \
    "AND ($4 = '' OR t.from_account = $4 OR t.to_account = $4) "

static const char transfer_list_sql[] =
    TRANSFER_COLS TRANSFER_FILTER "ORDER BY t.day DESC, t.id DESC LIMIT $5 OFFSET $6";
static const char transfer_totals_sql[] =
    "SELECT count(*), coalesce(sum(t.status = 'cancelled'), 0), "
    "coalesce(sum(CASE WHEN t.status = 'posted' THEN t.amount_fen END), 0), "
    "coalesce(sum(CASE WHEN t.status = 'posted' THEN t.fee_fen END), 0) "
    "FROM fund_transfers t " TRANSFER_FILTER;

enum db_status transfer_list(struct db *db, int64_t venue_id, const struct transfer_filter *f,
                             transfer_cb cb, void *ctx, struct transfer_totals *totals)
{
    memset(totals, 0, sizeof *totals);
    const char *from = f->from_day && *f->from_day ? f->from_day : "";
    const char *to = f->to_day && *f->to_day ? f->to_day : "9999-12-31";
    const char *account = f->account ? f->account : "";
    sqlite3_stmt *st = db_stmt(db, transfer_totals_sql);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "itt" "t", venue_id, from, to, account);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && row) {
        totals->count = sqlite3_column_int64(st, 0);
        totals->cancelled = sqlite3_column_int64(st, 1);
        totals->amount_fen = sqlite3_column_int64(st, 2);
        totals->fee_fen = sqlite3_column_int64(st, 3);
        totals->arrived_fen = totals->amount_fen - totals->fee_fen;
    }
    sqlite3_reset(st);
    if (s != DB_OK || !cb) return s;
    st = db_stmt(db, transfer_list_sql);
    if (!st) return DB_ERROR;
    s = db_bind(st, "itt" "t" "ii", venue_id, from, to, account, f->limit, f->offset);
    bool go = true;
    while (s == DB_OK && go && (s = db_step(st, &row)) == DB_OK && row) {
        struct transfer t;
        read_transfer(st, &t);
        go = cb(&t, ctx);
    }
    sqlite3_reset(st);
    return s;
}

enum db_status transfer_received_by_day(struct db *db, int64_t venue_id, const char *account,
                                        int64_t first_day, int ndays, int64_t *received_fen)
{
    for (int i = 0; i < ndays; i++) received_fen[i] = 0;
    if (ndays <= 0) return DB_OK;
    int64_t acc = 0;
    enum db_status s = account_of_key(db, venue_id, account, &acc);
    if (s != DB_OK) return s;
    char from[11], to[11];
    date_format(first_day, from);
    date_format(first_day + ndays - 1, to);
    sqlite3_stmt *st = db_stmt(
        db, "SELECT l.day, sum(l.amount_fen) FROM journal_lines l "
            "JOIN journal_entries e ON e.id = l.entry_id "
            "WHERE l.venue_id = $1 AND l.account_id = $2 AND l.day BETWEEN $3 AND $4 "
            "AND e.source_kind <> 'transfer' AND NOT EXISTS (SELECT 1 FROM journal_entries o "
            "WHERE o.id = e.reverses_id AND o.source_kind = 'transfer') GROUP BY l.day");
    if (!st) return DB_ERROR;
    s = db_bind(st, "iitt", venue_id, acc, from, to);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        int64_t d = 0;
        if (!date_parse(db_col_text(st, 0), &d)) continue;
        if (d >= first_day && d < first_day + ndays)
            received_fen[d - first_day] = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return s;
}

enum db_status transfer_balance_load(struct db *db, int64_t venue_id, const char *key,
                                     struct transfer_balance *b)
{
    memset(b, 0, sizeof *b);
    sqlite3_stmt *st = db_stmt(db, "SELECT a.code, a.name, a.name_en, "
                                   "coalesce((SELECT sum(d.debit_fen - d.credit_fen) FROM "
                                   "account_day_totals d WHERE d.venue_id = a.venue_id AND "
                                   "d.account_id = a.id), 0) "
                                   "FROM accounts a WHERE a.venue_id = $1 AND a.system_key = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "it", venue_id, key);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && row) {
        COPY(b->code, st, 0);
        COPY(b->name, st, 1);
        COPY(b->name_en, st, 2);
        b->balance_fen = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    return s;
}
