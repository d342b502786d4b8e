/* finance/records.c: income and expense records (财务收支): the pure rules (channels, which
 * accounts may be categories, the posting rule, receipt types by magic bytes), their SQL
 * (settings, categories, records, history, the entries they posted) and the receipt files
 * kept outside the database. See records.h. */
#include "finance/records.h"

#include "core/log.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define COPY(dst, st, col) snprintf((dst), sizeof(dst), "%s", db_col_text((st), (col)))

/* ---- rules ---- */

/* Cash is counted into and paid out of the safe (保险柜): a drawer belongs to a cashier's
 * shift, and finance does not pay rent from a till. Petty cash is no channel here: what the
 * fund pays goes through its own register (备用金 page: issue, reimburse, direct expense), which
 * keeps cash + outstanding + receipted = imprest. */
const struct record_channel record_channels[] = {
    {"cash", "safe", "现金（保险柜）", "Cash (safe)"},
    {"bank", "bank", "银行", "Bank"},
    {"wechat", "clr_wechat", "微信", "WeChat Pay"},
    {"alipay", "clr_alipay", "支付宝", "Alipay"},
};
const int record_channel_count = (int)(sizeof record_channels / sizeof record_channels[0]);

const struct record_channel *record_channel_find(const char *id)
{
    for (int i = 0; id && i < record_channel_count; i++)
        if (strcmp(record_channels[i].id, id) == 0) return &record_channels[i];
    return NULL;
}

bool record_category_fits(bool expense, const char *type, const char *grp)
{
    if (!type || !grp) return false;
    if (expense) return strcmp(type, "expense") == 0 && strcmp(grp, "expense") == 0;
    return strcmp(type, "revenue") == 0 &&
           (strcmp(grp, "revenue") == 0 || strcmp(grp, "other_income") == 0);
}

bool record_needs_approval(int64_t amount_fen, int64_t threshold_fen)
{
    return amount_fen > threshold_fen;
}

void record_entry_rule(struct journal_entry *e, const char *day, int64_t record_id, bool expense,
                       const char *category_account, const char *channel_account,
                       int64_t amount_fen, const char *memo)
{
    journal_begin(e, day, "record", record_id, memo);
    int64_t a = expense ? amount_fen : -amount_fen;
    journal_add(e, category_account, NULL, a);
    journal_add(e, channel_account, NULL, -a);
}

const struct receipt_type receipt_types[] = {
    {"image/jpeg", "jpg"},
    {"image/png", "png"},
    {"image/webp", "webp"},
    {"application/pdf", "pdf"},
};
const int receipt_type_count = (int)(sizeof receipt_types / sizeof receipt_types[0]);

const struct receipt_type *receipt_sniff(const void *data, size_t len)
{
    const unsigned char *p = data;
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) return &receipt_types[0];
    if (len >= 8 && memcmp(p, png, 8) == 0) return &receipt_types[1];
    if (len >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
        return &receipt_types[2];
    if (len >= 5 && memcmp(p, "%PDF-", 5) == 0) return &receipt_types[3];
    return NULL;
}

const struct receipt_type *receipt_type_of_mime(const char *content_type)
{
    if (!content_type) return NULL;
    size_t n = strcspn(content_type, ";");
    while (n && (content_type[n - 1] == ' ' || content_type[n - 1] == '\t')) n--;
    for (int i = 0; i < receipt_type_count; i++)
        if (strlen(receipt_types[i].mime) == n &&
            strncasecmp(receipt_types[i].mime, content_type, n) == 0)
            return &receipt_types[i];
    return NULL;
}

/* ---- settings ---- */

enum db_status finance_settings_load(struct db *db, int64_t venue_id, struct finance_settings *s)
{
    memset(s, 0, sizeof *s);
    s->approval_threshold_fen = FINANCE_APPROVAL_DEFAULT_FEN;
    s->receipt_max_bytes = RECEIPT_MAX_BYTES_DEFAULT;
    sqlite3_stmt *st = db_stmt(db, "SELECT approval_threshold_fen, receipt_max_bytes, updated_by, "
                                   "updated_at FROM finance_settings WHERE venue_id = $1");
    if (!st) return DB_ERROR;
    enum db_status rc = db_bind(st, "i", venue_id);
    bool row = false;
    if (rc == DB_OK) rc = db_step(st, &row);
    if (rc == DB_OK && row) {
        s->approval_threshold_fen = sqlite3_column_int64(st, 0);
        s->receipt_max_bytes = sqlite3_column_int64(st, 1);
        COPY(s->updated_by, st, 2);
        s->updated_at = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    return rc;
}

enum db_status finance_settings_save(struct db *db, int64_t venue_id,
                                     const struct finance_settings *s)
{
    return db_exec(db,
                   "INSERT INTO finance_settings(venue_id, approval_threshold_fen, "
                   "receipt_max_bytes, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5) "
                   "ON CONFLICT (venue_id) DO UPDATE SET "
                   "approval_threshold_fen = excluded.approval_threshold_fen, "
                   "receipt_max_bytes = excluded.receipt_max_bytes, "
                   "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                   "iiiti", venue_id, s->approval_threshold_fen, s->receipt_max_bytes,
                   s->updated_by, s->updated_at);
}

/* ---- categories ---- */

#define CATEGORY_COLS                                                                            \
    "SELECT id, code, name, name_en, type, grp, coalesce(system_key, ''), active, "            \
    "(system_key IS NULL AND EXISTS (SELECT 1 FROM accounts o WHERE o.venue_id = a.venue_id "  \
    "AND o.system_key = a.code)) FROM accounts a "

/* Reads a CATEGORY_COLS row. The ref is the name journal_post resolves back to this very
 * account: the system key, or the code — unless that code is another account's system key
 * (journal_post would take the system account), in which case ref stays "" and the account
 * cannot be a category until it is renumbered. */
static void read_category(sqlite3_stmt *st, struct record_category *c)
{
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    COPY(c->code, st, 1);
    COPY(c->name, st, 2);
    COPY(c->name_en, st, 3);
    COPY(c->type, st, 4);
    COPY(c->grp, st, 5);
    COPY(c->system_key, st, 6);
    c->active = sqlite3_column_int64(st, 7) != 0;
    bool shadowed = sqlite3_column_int64(st, 8) != 0;
    if (c->system_key[0]) snprintf(c->ref, sizeof c->ref, "%s", c->system_key);
    else if (!shadowed) snprintf(c->ref, sizeof c->ref, "%s", c->code);
}

enum db_status record_category_find(struct db *db, int64_t venue_id, int64_t id, const char *ref,
                                    struct record_category *c)
{
    sqlite3_stmt *st =
        ref ? db_stmt(db, CATEGORY_COLS "WHERE a.venue_id = $1 AND (a.system_key = $2 OR "
                                        "a.code = $2) ORDER BY a.system_key IS NULL LIMIT 1")
            : db_stmt(db, CATEGORY_COLS "WHERE a.venue_id = $1 AND a.id = $2");
    if (!st) return DB_ERROR;
    enum db_status s = ref ? db_bind(st, "it", venue_id, ref) : db_bind(st, "ii", venue_id, id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) read_category(st, c);
    sqlite3_reset(st);
    return s;
}

enum db_status record_category_list(struct db *db, int64_t venue_id, const char *kind,
                                    record_category_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, CATEGORY_COLS "WHERE a.venue_id = $1 AND a.active = 1 AND "
                                                 "a.type IN ('expense','revenue') "
                                                 "ORDER BY a.sort_order, a.code");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", venue_id);
    bool row = false, go = true;
    while (s == DB_OK && go && (s = db_step(st, &row)) == DB_OK && row) {
        struct record_category c;
        read_category(st, &c);
        bool income = record_category_fits(false, c.type, c.grp);
        bool expense = record_category_fits(true, c.type, c.grp);
        if (!c.ref[0] || !(income || expense)) continue;
        if (kind && *kind && strcmp(kind, expense ? "expense" : "income") != 0) continue;
        go = cb(&c, ctx);
    }
    sqlite3_reset(st);
    return s;
}

/* ---- records ---- */

#define RECORD_COLS                                                                              \
    "SELECT r.id, r.venue_id, r.day, r.kind, r.account_id, a.code, a.name, a.name_en, "        \
    "r.amount_fen, r.channel, r.counterparty, r.note, r.status, r.created_by, "                \
    "r.created_by_id, r.created_at, coalesce(r.entry_id, 0), r.decided_by, "                   \
    "coalesce(r.decided_at, 0), r.decision_note, r.cancelled_by, coalesce(r.cancelled_at, 0), " \
    "r.cancel_reason, coalesce(r.reversal_entry_id, 0), coalesce(r.receipt_sha256, ''), "      \
    "coalesce(r.receipt_type, ''), coalesce(r.receipt_bytes, 0), coalesce(r.receipt_at, 0), "  \
    "r.receipt_by FROM finance_records r JOIN accounts a ON a.id = r.account_id "

static void read_record(sqlite3_stmt *st, struct record *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->venue_id = sqlite3_column_int64(st, 1);
    COPY(r->day, st, 2);
    COPY(r->kind, st, 3);
    r->account_id = sqlite3_column_int64(st, 4);
    COPY(r->account_code, st, 5);
    COPY(r->account_name, st, 6);
    COPY(r->account_name_en, st, 7);
    r->amount_fen = sqlite3_column_int64(st, 8);
    COPY(r->channel, st, 9);
    COPY(r->counterparty, st, 10);
    COPY(r->note, st, 11);
    COPY(r->status, st, 12);
    COPY(r->created_by, st, 13);
    r->created_by_id = sqlite3_column_int64(st, 14);
    r->created_at = sqlite3_column_int64(st, 15);
    r->entry_id = sqlite3_column_int64(st, 16);
    COPY(r->decided_by, st, 17);
    r->decided_at = sqlite3_column_int64(st, 18);
    COPY(r->decision_note, st, 19);
    COPY(r->cancelled_by, st, 20);
    r->cancelled_at = sqlite3_column_int64(st, 21);
    COPY(r->cancel_reason, st, 22);
    r->reversal_entry_id = sqlite3_column_int64(st, 23);
    COPY(r->receipt_sha256, st, 24);
    COPY(r->receipt_type, st, 25);
    r->receipt_bytes = sqlite3_column_int64(st, 26);
    r->receipt_at = sqlite3_column_int64(st, 27);
    COPY(r->receipt_by, st, 28);
}

enum db_status record_load(struct db *db, int64_t venue_id, int64_t id, struct record *r)
{
    sqlite3_stmt *st = db_stmt(db, RECORD_COLS "WHERE r.venue_id = $1 AND r.id = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) read_record(st, r);
    sqlite3_reset(st);
    return s;
}

static enum db_status add_event(struct db *db, int64_t record_id, int64_t venue_id, int64_t at,
                                const char *by, const char *action, const char *from,
                                const char *to, const char *note, int64_t entry_id)
{
    return db_exec(db,
                   "INSERT INTO finance_record_events(record_id, venue_id, at, by_user, action, "
                   "from_status, to_status, note, entry_id) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULLIF($9, 0))",
                   "iiittttti", record_id, venue_id, at, by ? by : "", action, from, to,
                   note ? note : "", entry_id);
}

/* Posts the entry of record id (its facts given) and returns the entry's id. */
static enum fin_status post_record(struct db *db, int64_t venue_id, int64_t id, const char *day,
                                   bool expense, const char *category_ref,
                                   const char *channel_id, int64_t amount_fen,
                                   const char *by_user, bool backfill, int64_t *entry_id)
{
    const struct record_channel *ch = record_channel_find(channel_id);
    if (!ch || !category_ref || !*category_ref) {
        log_error("finance: record #%lld has no postable category or channel '%s'",
                  (long long)id, channel_id);
        return FIN_BROKEN;
    }
    struct journal_entry e;
    char memo[64];
    snprintf(memo, sizeof memo, "财务收支 #%lld", (long long)id);
    record_entry_rule(&e, day, id, expense, category_ref, ch->account_key, amount_fen, memo);
    enum fin_status f = journal_post(db, venue_id, &e, by_user, backfill, entry_id);
    if (f == FIN_OK && !*entry_id) {
        log_error("finance: record #%lld posted nothing", (long long)id);
        f = FIN_BROKEN;
    }
    return f;
}

enum fin_status record_create(struct db *db, int64_t venue_id, const struct record_new *n,
                              bool backfill, int64_t *id)
{
    *id = 0;
    if (!n->category || !n->channel || n->amount_fen <= 0) return FIN_BROKEN;
    /* A record waiting for approval posts into its own day later: a locked day could never
     * take it, so it is refused now like one that posts at once. */
    if (n->pending && !backfill) {
        bool locked = false;
        enum db_status s = finance_day_locked(db, venue_id, n->day, &locked);
        if (s != DB_OK) return fin_status_of(s);
        if (locked) return FIN_LOCKED;
    }
    enum db_status s = db_int(
        db, id,
        "INSERT INTO finance_records(venue_id, day, kind, account_id, amount_fen, channel, "
        "counterparty, note, status, created_by, created_by_id, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10, $11) RETURNING id",
        "ittiitttti" "i", venue_id, n->day, n->expense ? "expense" : "income", n->category->id,
        n->amount_fen, n->channel->id, n->counterparty ? n->counterparty : "",
        n->note ? n->note : "", n->created_by, n->created_by_id, n->created_at);
    if (s != DB_OK) return fin_status_of(s);
    int64_t entry_id = 0;
    if (!n->pending) {
        enum fin_status f = post_record(db, venue_id, *id, n->day, n->expense, n->category->ref,
                                        n->channel->id, n->amount_fen, n->created_by, backfill,
                                        &entry_id);
        if (f != FIN_OK) return f;
        s = db_exec(db, "UPDATE finance_records SET status = 'posted', entry_id = $2 WHERE id = $1",
                    "ii", *id, entry_id);
    }
    if (s == DB_OK)
        s = add_event(db, *id, venue_id, n->created_at, n->created_by, "create", "",
                      n->pending ? "pending" : "posted", "", entry_id);
    return fin_status_of(s);
}

enum fin_status record_approve(struct db *db, const struct record *r, const char *by_user,
                               int64_t at, const char *note, bool backfill)
{
    struct record_category c;
    enum db_status s = record_category_find(db, r->venue_id, r->account_id, NULL, &c);
    if (s != DB_OK) return fin_status_of(s);
    int64_t entry_id = 0;
    enum fin_status f =
        post_record(db, r->venue_id, r->id, r->day, strcmp(r->kind, "expense") == 0, c.ref,
                    r->channel, r->amount_fen, by_user, backfill, &entry_id);
    if (f != FIN_OK) return f;
    int64_t same = 0;
    s = db_int(db, &same,
               "UPDATE finance_records SET status = 'posted', entry_id = $2, decided_by = $3, "
               "decided_at = $4, decision_note = $5 WHERE id = $1 AND status = 'pending' "
               "RETURNING id",
               "iitit", r->id, entry_id, by_user, at, note ? note : "");
    if (s == DB_NOT_FOUND) s = DB_CONFLICT; /* decided meanwhile: the caller checked under lock */
    if (s == DB_OK)
        s = add_event(db, r->id, r->venue_id, at, by_user, "approve", "pending", "posted", note,
                      entry_id);
    return fin_status_of(s);
}

enum db_status record_reject(struct db *db, const struct record *r, const char *by_user,
                             int64_t at, const char *reason)
{
    int64_t same = 0;
    enum db_status s = db_int(db, &same,
                              "UPDATE finance_records SET status = 'rejected', decided_by = $2, "
                              "decided_at = $3, decision_note = $4 "
                              "WHERE id = $1 AND status = 'pending' RETURNING id",
                              "itit", r->id, by_user, at, reason);
    if (s == DB_NOT_FOUND) s = DB_CONFLICT;
    if (s == DB_OK)
        s = add_event(db, r->id, r->venue_id, at, by_user, "reject", "pending", "rejected", reason,
                      0);
    return s;
}

enum fin_status record_cancel(struct db *db, const struct record *r, const char *today,
                              const char *by_user, int64_t at, const char *reason)
{
    if (!r->entry_id) return FIN_BROKEN;
    char memo[64];
    snprintf(memo, sizeof memo, "冲销财务收支 #%lld", (long long)r->id);
    int64_t rev_id = 0;
    enum fin_status f = journal_reverse_posted(db, r->venue_id, r->entry_id, today, memo,
                                               by_user, &rev_id);
    if (f != FIN_OK) return f;
    int64_t same = 0;
    enum db_status s = db_int(db, &same,
               "UPDATE finance_records SET status = 'cancelled', reversal_entry_id = $2, "
               "cancelled_by = $3, cancelled_at = $4, cancel_reason = $5 "
               "WHERE id = $1 AND status = 'posted' RETURNING id",
               "iitit", r->id, rev_id, by_user, at, reason);
    if (s == DB_NOT_FOUND) s = DB_CONFLICT;
    if (s == DB_OK)
        s = add_event(db, r->id, r->venue_id, at, by_user, "cancel", "posted", "cancelled",
                      reason, rev_id);
    return fin_status_of(s);
}

enum db_status record_set_receipt(struct db *db, const struct record *r, const char *sha256,
                                  const char *mime, int64_t bytes, const char *by_user,
                                  int64_t at)
{
    enum db_status s = db_exec(db,
                               "UPDATE finance_records SET receipt_sha256 = $2, receipt_type = $3, "
                               "receipt_bytes = $4, receipt_at = $5, receipt_by = $6 WHERE id = $1",
                               "ittiit", r->id, sha256, mime, bytes, at, by_user);
    char note[160];
    if (r->receipt_sha256[0])
        snprintf(note, sizeof note, "%s %lld %s (was %s)", mime, (long long)bytes, sha256,
                 r->receipt_sha256);
    else
        snprintf(note, sizeof note, "%s %lld %s", mime, (long long)bytes, sha256);
    if (s == DB_OK)
        s = add_event(db, r->id, r->venue_id, at, by_user, "receipt", r->status, r->status, note,
                      0);
    return s;
}

/* ---- lists ---- */

bool record_sort_parse(const char *s, enum record_sort *out)
{
    static const char *const names[RECORD_SORT__MAX] = {"-day", "day", "-amount",
                                                        "amount", "-id", "id"};
    if (!s || !*s) {
        *out = RECORD_SORT_DAY_DESC;
        return true;
    }
    for (int i = 0; i < RECORD_SORT__MAX; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (enum record_sort)i;
            return true;
        }
    return false;
}

/* $1 venue, $2..$3 days (inclusive; "" and "9999-12-31" for open ends), $4 kind, $5 account,
 * $6 channel, $7 status, $8 text in the counterparty or the note (ASCII case folded). Empty
 * strings and 0 match everything. */
#define RECORD_FILTER                                                                            \
    "WHERE r.venue_id = $1 AND r.day BETWEEN $2 AND $3 AND ($4 = '' OR r.kind = $4) "          \
    "AND ($5 = 0 OR r.account_id = $5) AND ($6 = '' OR r.channel = $6) "                       \
    "AND ($7 = '' OR r.status = $7) AND ($8 = '' OR instr(lower(r.counterparty), lower($8)) > 0 " \
    "OR instr(lower(r.note), lower($8)) > 0) "

#define RECORD_LIST_SQL(order) RECORD_COLS RECORD_FILTER "ORDER BY " order " LIMIT $9 OFFSET $10"

/* One statement per whitelisted order, indexed by enum record_sort (the statement cache keys
 * on these literals' addresses). */
static const char *const record_list_sql[RECORD_SORT__MAX] = {
    RECORD_LIST_SQL("r.day DESC, r.id DESC"),
    RECORD_LIST_SQL("r.day, r.id"),
    RECORD_LIST_SQL("r.amount_fen DESC, r.id DESC"),
    RECORD_LIST_SQL("r.amount_fen, r.id"),
    RECORD_LIST_SQL("r.id DESC"),
    RECORD_LIST_SQL("r.id"),
};

static const char record_totals_sql[] =
    "SELECT count(*), "
    "coalesce(sum(CASE WHEN r.status = 'posted' AND r.kind = 'income' THEN r.amount_fen END), 0), "
    "coalesce(sum(CASE WHEN r.status = 'posted' AND r.kind = 'expense' THEN r.amount_fen END), 0), "
    "coalesce(sum(CASE WHEN r.status = 'pending' AND r.kind = 'income' THEN r.amount_fen END), 0), "
    "coalesce(sum(CASE WHEN r.status = 'pending' AND r.kind = 'expense' THEN r.amount_fen END), 0) "
    "FROM finance_records r " RECORD_FILTER;

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* Binds the filter's eight parameters, and the page's two ($9 limit, $10 offset) when paged
 * (db_bind wants every parameter of the statement at once). */
static enum db_status bind_filter(sqlite3_stmt *st, int64_t venue_id, const struct record_filter *f,
                                  bool paged)
{
    const char *from = f->from_day && *f->from_day ? f->from_day : "";
    const char *to = f->to_day && *f->to_day ? f->to_day : "9999-12-31";
    if (paged)
        return db_bind(st, "itttittt" "ii", venue_id, from, to, nz(f->kind), f->account_id,
                       nz(f->channel), nz(f->status), nz(f->q), f->limit, f->offset);
    return db_bind(st, "itttittt", venue_id, from, to, nz(f->kind), f->account_id, nz(f->channel),
                   nz(f->status), nz(f->q));
}

enum db_status record_list(struct db *db, int64_t venue_id, const struct record_filter *f,
                           record_cb cb, void *ctx, struct record_totals *totals)
{
    memset(totals, 0, sizeof *totals);
    sqlite3_stmt *st = db_stmt(db, record_totals_sql);
    if (!st) return DB_ERROR;
    enum db_status s = bind_filter(st, venue_id, f, false);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && row) {
        totals->count = sqlite3_column_int64(st, 0);
        totals->income_fen = sqlite3_column_int64(st, 1);
        totals->expense_fen = sqlite3_column_int64(st, 2);
        totals->pending_income_fen = sqlite3_column_int64(st, 3);
        totals->pending_expense_fen = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    if (s != DB_OK || !cb) return s;
    int sort = f->sort >= 0 && f->sort < RECORD_SORT__MAX ? (int)f->sort : 0;
    st = db_stmt(db, record_list_sql[sort]);
    if (!st) return DB_ERROR;
    s = bind_filter(st, venue_id, f, true);
    bool go = true;
    while (s == DB_OK && go && (s = db_step(st, &row)) == DB_OK && row) {
        struct record r;
        read_record(st, &r);
        go = cb(&r, ctx);
    }
    sqlite3_reset(st);
    return s;
}

enum db_status record_entry_lines(struct db *db, int64_t venue_id, int64_t entry_id,
                                  record_line_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT l.entry_id, l.line_no, l.account_id, l.amount_fen, "
                                   "l.day, a.code, a.name, a.name_en, l.party "
                                   "FROM journal_lines l JOIN accounts a ON a.id = l.account_id "
                                   "WHERE l.entry_id = $1 AND l.venue_id = $2 ORDER BY l.line_no");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", entry_id, venue_id);
    bool row = false, go = true;
    while (s == DB_OK && go && (s = db_step(st, &row)) == DB_OK && row) {
        struct record_line l;
        memset(&l, 0, sizeof l);
        l.entry_id = sqlite3_column_int64(st, 0);
        l.line_no = sqlite3_column_int64(st, 1);
        l.account_id = sqlite3_column_int64(st, 2);
        l.amount_fen = sqlite3_column_int64(st, 3);
        COPY(l.day, st, 4);
        COPY(l.code, st, 5);
        COPY(l.name, st, 6);
        COPY(l.name_en, st, 7);
        COPY(l.party, st, 8);
        go = cb(&l, ctx);
    }
    sqlite3_reset(st);
    return s;
}

enum db_status record_history(struct db *db, int64_t record_id, record_event_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, at, coalesce(entry_id, 0), by_user, action, "
                                   "from_status, to_status, note FROM finance_record_events "
                                   "WHERE record_id = $1 ORDER BY id");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", record_id);
    bool row = false, go = true;
    while (s == DB_OK && go && (s = db_step(st, &row)) == DB_OK && row) {
        struct record_event e;
        memset(&e, 0, sizeof e);
        e.id = sqlite3_column_int64(st, 0);
        e.at = sqlite3_column_int64(st, 1);
        e.entry_id = sqlite3_column_int64(st, 2);
        COPY(e.by_user, st, 3);
        COPY(e.action, st, 4);
        COPY(e.from_status, st, 5);
        COPY(e.to_status, st, 6);
        COPY(e.note, st, 7);
        go = cb(&e, ctx);
    }
    sqlite3_reset(st);
    return s;
}

/* ---- receipt files ---- */

/* <dir of db_path>/receipts/<venue_id> into out; false if it does not fit. */
static bool receipt_dir(const char *db_path, int64_t venue_id, char *out, size_t size)
{
    const char *slash = strrchr(db_path, '/');
    int dir_len = slash ? (int)(slash - db_path) : 1;
    const char *dir = slash ? db_path : ".";
    if (slash && dir_len == 0) dir_len = 1; /* a database in / */
    int n = snprintf(out, size, "%.*s/receipts/%lld", dir_len, dir, (long long)venue_id);
    return n > 0 && (size_t)n < size;
}

static bool make_dir(const char *path)
{
    if (mkdir(path, 0750) == 0 || errno == EEXIST) return true;
    log_error("receipts: cannot create %s: %s", path, strerror(errno));
    return false;
}

static void hex_of(const unsigned char hash[crypto_hash_sha256_BYTES], char out[65])
{
    sodium_bin2hex(out, 65, hash, crypto_hash_sha256_BYTES);
}

bool receipt_store(const char *db_path, int64_t venue_id, const void *data, size_t len,
                   const struct receipt_type *type, char sha256_hex[65])
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, data, len);
    hex_of(hash, sha256_hex);
    char dir[1024], path[1200], tmp[1200];
    if (!receipt_dir(db_path, venue_id, dir, sizeof dir)) return false;
    /* receipts/ first, then the venue's folder inside it. */
    char *last = strrchr(dir, '/');
    *last = 0;
    bool ok = make_dir(dir);
    *last = '/';
    if (!ok || !make_dir(dir)) return false;
    snprintf(path, sizeof path, "%s/%s.%s", dir, sha256_hex, type->ext);
    if (access(path, F_OK) == 0) return true; /* the same bytes, stored before */
    snprintf(tmp, sizeof tmp, "%s/.upload-XXXXXX", dir);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        log_error("receipts: cannot create a file in %s: %s", dir, strerror(errno));
        return false;
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        p += w;
        left -= (size_t)w;
    }
    ok = left == 0 && fchmod(fd, 0640) == 0 && fsync(fd) == 0;
    if (close(fd) != 0) ok = false;
    if (ok && rename(tmp, path) != 0) ok = false;
    if (!ok) {
        log_error("receipts: cannot write %s: %s", path, strerror(errno));
        unlink(tmp);
    }
    return ok;
}

char *receipt_read(const char *db_path, int64_t venue_id, const char *sha256_hex,
                   const struct receipt_type *type, size_t *len)
{
    *len = 0;
    char dir[1024], path[1200];
    /* The name comes from our own table, but it is checked as if it did not. */
    if (strlen(sha256_hex) != 64 || strspn(sha256_hex, "0123456789abcdef") != 64 ||
        !receipt_dir(db_path, venue_id, dir, sizeof dir))
        return NULL;
    snprintf(path, sizeof path, "%s/%s.%s", dir, sha256_hex, type->ext);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        log_error("receipts: %s is missing: %s", path, strerror(errno));
        return NULL;
    }
    struct stat stt;
    char *buf = NULL;
    if (fstat(fd, &stt) == 0 && S_ISREG(stt.st_mode) && stt.st_size > 0 &&
        stt.st_size <= RECEIPT_MAX_BYTES_LIMIT)
        buf = malloc((size_t)stt.st_size);
    size_t got = 0;
    while (buf && got < (size_t)stt.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)stt.st_size - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd);
    if (!buf || got != (size_t)stt.st_size) {
        log_error("receipts: cannot read %s", path);
        free(buf);
        return NULL;
    }
    unsigned char hash[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(hash, (const unsigned char *)buf, got);
    hex_of(hash, hex);
    if (strcmp(hex, sha256_hex) != 0) {
        log_error("receipts: %s no longer has the content recorded for it", path);
        free(buf);
        return NULL;
    }
    *len = got;
    return buf;
}
