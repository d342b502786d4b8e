/* finance/api.c: the ledger's routes: the chart of accounts (editable by finance), journal
 * entries (read, manual entries, reversal of manual entries), the trial balance, an account's
 * statement, and which revenue account each product category posts to. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/bizday.h"
#include "core/json.h"
#include "core/money.h"
#include "finance/finance.h"
#include "finance/postings.h"

/* ---- small readers ---- */

static void bad(struct request *req, const char *field, const char *zh, const char *en)
{
    reply_error(req, 400, "invalid_field", field, zh, en);
}

/* An optional day query argument; replies 400 if present and not a date. */
static bool query_day(struct request *req, const char *key, const char **out)
{
    const char *d = req_query(req, key);
    *out = NULL;
    if (!d || !*d) return true;
    int64_t days;
    if (!date_parse(d, &days)) {
        char zh[120], en[120];
        snprintf(zh, sizeof zh, "%s 不是有效日期（YYYY-MM-DD）", key);
        snprintf(en, sizeof en, "%s is not a date (YYYY-MM-DD)", key);
        bad(req, key, zh, en);
        return false;
    }
    *out = d;
    return true;
}

/* page (from 1) and page_size (1..500, default 50). */
static bool query_paging(struct request *req, int64_t *page, int64_t *size)
{
    *page = 1;
    *size = 50;
    const char *keys[2] = {"page", "page_size"};
    int64_t *outs[2] = {page, size};
    int64_t max[2] = {1000000, 500};
    for (int i = 0; i < 2; i++) {
        const char *v = req_query(req, keys[i]);
        if (!v || !*v) continue;
        char *end = NULL;
        long long n = strtoll(v, &end, 10);
        if (*end || n < 1 || n > max[i]) {
            bad(req, keys[i], "分页参数无效", "invalid paging argument");
            return false;
        }
        *outs[i] = n;
    }
    return true;
}

static void set_money(json_t *o, const char *key, int64_t fen)
{
    char k1[48], k2[48];
    snprintf(k1, sizeof k1, "%s_fen", key);
    snprintf(k2, sizeof k2, "%s", key);
    json_set_money(o, k1, k2, fen);
}

/* ---- accounts ---- */

static const char *const account_types[] = {"asset", "liability", "equity", "revenue", "expense",
                                            NULL};
static const char *const account_groups[] = {
    "cash",    "bank",   "clearing", "receivable", "suspense", "stored_value", "payable",
    "equity",  "revenue", "contra",  "other_income", "cost",   "expense",      NULL};
static const char *const party_kinds[] = {"",       "shift",    "cashier",  "platform",
                                          "person", "customer", "supplier", NULL};

static bool in_list(const char *const list[], const char *v)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], v) == 0) return true;
    return false;
}

static json_t *account_json(sqlite3_stmt *st)
{
    json_t *o = json_object();
    json_set_int(o, "id", sqlite3_column_int64(st, 0));
    json_set_str(o, "code", db_col_text(st, 1));
    json_set_str(o, "name", db_col_text(st, 2));
    json_set_str(o, "name_en", db_col_text(st, 3));
    json_set_str(o, "type", db_col_text(st, 4));
    json_set_str(o, "grp", db_col_text(st, 5));
    json_set_str(o, "party_kind", db_col_text(st, 6));
    json_set_str(o, "system_key", sqlite3_column_type(st, 7) == SQLITE_NULL ? NULL
                                                                              : db_col_text(st, 7));
    json_object_set_new(o, "active", json_boolean(sqlite3_column_int(st, 8)));
    json_set_int(o, "sort_order", sqlite3_column_int64(st, 9));
    int64_t debit = sqlite3_column_int64(st, 10), credit = sqlite3_column_int64(st, 11);
    set_money(o, "debit", debit);
    set_money(o, "credit", credit);
    /* The balance on the account's natural side: assets and expenses debit, the rest credit. */
    const char *type = db_col_text(st, 4);
    bool debit_side = strcmp(type, "asset") == 0 || strcmp(type, "expense") == 0;
    set_money(o, "balance", debit_side ? debit - credit : credit - debit);
    json_object_set_new(o, "debit_side", json_boolean(debit_side));
    return o;
}

#define ACCOUNT_COLS                                                                              \
    "a.id, a.code, a.name, a.name_en, a.type, a.grp, a.party_kind, a.system_key, a.active, "      \
    "a.sort_order, coalesce(sum(t.debit_fen), 0), coalesce(sum(t.credit_fen), 0) "

/* GET /api/v1/ledger/accounts?type=&day= : the chart with each account's totals up to day. */
static void accounts_list(struct request *req)
{
    const char *day = NULL;
    if (!query_day(req, "day", &day)) return;
    const char *type = req_query(req, "type");
    if (type && *type && !in_list(account_types, type)) {
        bad(req, "type", "科目类别只能是 asset、liability、equity、revenue、expense",
            "type must be asset, liability, equity, revenue or expense");
        return;
    }
    sqlite3_stmt *st = db_stmt(
        req->db, "SELECT " ACCOUNT_COLS "FROM accounts a LEFT JOIN account_day_totals t "
                 "ON t.venue_id = a.venue_id AND t.account_id = a.id AND ($3 IS NULL OR t.day <= $3) "
                 "WHERE a.venue_id = $1 AND ($2 IS NULL OR a.type = $2) "
                 "GROUP BY a.id ORDER BY a.code");
    enum db_status s = st ? db_bind(st, "itt", req->user.venue_id,
                                    type && *type ? type : NULL, day)
                          : DB_ERROR;
    json_t *items = json_array();
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row)
        json_array_append_new(items, account_json(st));
    if (st) sqlite3_reset(st);
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "科目", "accounts");
        return;
    }
    reply_json(req, 200, json_pack("{s:o,s:s?}", "items", items, "day", day));
}

static enum db_status account_load_json(struct request *req, int64_t id, json_t **out)
{
    sqlite3_stmt *st = db_stmt(
        req->db, "SELECT " ACCOUNT_COLS "FROM accounts a LEFT JOIN account_day_totals t "
                 "ON t.venue_id = a.venue_id AND t.account_id = a.id "
                 "WHERE a.venue_id = $1 AND a.id = $2 GROUP BY a.id");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", req->user.venue_id, id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) *out = account_json(st);
    sqlite3_reset(st);
    return s;
}

/* A code begins with a digit (1001, 6001-01): the postings name accounts by system keys, which
 * are words, so a code can never be taken for another account's key. */
static bool valid_code(const char *code)
{
    size_t n = strlen(code);
    if (n < 1 || n > 20 || !isdigit((unsigned char)code[0])) return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)code[i]) && code[i] != '-' && code[i] != '.') return false;
    return true;
}

static const char *const account_fields[] = {"code", "name", "name_en", "type", "grp",
                                             "party_kind", "sort_order", "active", NULL};

/* POST /api/v1/ledger/accounts: finance adds an account (an expense category, a bank). */
static void account_create(struct request *req)
{
    json_t *body = req_json_object(req, account_fields);
    if (!body) return;
    const char *code = NULL, *name = NULL, *name_en = "", *type = NULL, *grp = NULL,
               *party = "";
    int64_t sort = 0;
    if (!jfield_str(req, body, "code", "科目代码", "code", true, 20, &code) ||
        !jfield_str(req, body, "name", "科目名称", "name", true, 60, &name) ||
        !jfield_str(req, body, "name_en", "英文名称", "English name", false, 60, &name_en) ||
        !jfield_str(req, body, "type", "科目类别", "type", true, 12, &type) ||
        !jfield_str(req, body, "grp", "报表分组", "report group", false, 16, &grp) ||
        !jfield_str(req, body, "party_kind", "明细对象", "party kind", false, 12, &party) ||
        !jfield_int(req, body, "sort_order", "排序", "sort order", false, 0, 100000, &sort))
        goto out;
    if (json_object_get(body, "active")) {
        bad(req, "active", "新科目总是启用的", "a new account is always active");
        goto out;
    }
    if (!valid_code(code)) {
        bad(req, "code", "科目代码须以数字开头，只能由字母、数字、-、. 组成，最多 20 位（例如 6013）",
            "a code begins with a digit and has letters, digits, - and . only, at most 20 "
            "(e.g. 6013)");
        goto out;
    }
    if (!*name) {
        bad(req, "name", "科目名称不能为空", "the name is required");
        goto out;
    }
    if (!in_list(account_types, type)) {
        bad(req, "type", "科目类别只能是 asset（资产）、liability（负债）、equity（权益）、revenue（收入）、expense（费用）",
            "type must be asset, liability, equity, revenue or expense");
        goto out;
    }
    if (!grp) grp = strcmp(type, "revenue") == 0   ? "revenue"
                    : strcmp(type, "expense") == 0 ? "expense"
                    : strcmp(type, "equity") == 0  ? "equity"
                                                   : NULL;
    if (!grp || !in_list(account_groups, grp)) {
        bad(req, "grp", "资产和负债科目须指明报表分组（cash、bank、clearing、receivable、payable 等）",
            "assets and liabilities need a report group (cash, bank, clearing, receivable, payable ...)");
        goto out;
    }
    if (!in_list(party_kinds, party)) {
        bad(req, "party_kind", "明细对象只能是 shift、cashier、platform、person、customer、supplier 或空",
            "party kind must be shift, cashier, platform, person, customer, supplier or empty");
        goto out;
    }
    enum db_status s = db_begin_write(req->db);
    int64_t id = 0;
    if (s == DB_OK)
        s = db_int(req->db, &id,
                   "INSERT INTO accounts(venue_id, code, name, name_en, type, grp, party_kind, "
                   "sort_order, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                   "itttttt" "ii", req->user.venue_id, code, name, name_en, type, grp, party, sort,
                   now_epoch());
    if (s == DB_CONFLICT) {
        db_rollback(req->db);
        char zh[120], en[120];
        snprintf(zh, sizeof zh, "科目代码 %s 已存在", code);
        snprintf(en, sizeof en, "account code %s exists already", code);
        reply_error(req, 409, "duplicate_code", "code", zh, en);
        goto out;
    }
    json_t *after = NULL;
    if (s == DB_OK) s = account_load_json(req, id, &after);
    if (s == DB_OK) {
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)id);
        s = audit_record(req->db, &a, "create", "account", sid, NULL, after);
    }
    if (s == DB_OK) s = db_commit(req->db);
    if (s != DB_OK) {
        db_rollback(req->db);
        json_decref(after);
        reply_db_error(req, s, "科目", "account");
        goto out;
    }
    reply_json(req, 201, after);
out:
    json_decref(body);
}

/* PUT /api/v1/ledger/accounts/:id: rename, renumber, reorder, (de)activate. The type never
 * changes (it decides the sign of every balance posted), and an account the postings use is
 * never deactivated. */
static void account_update(struct request *req)
{
    static const char *const fields[] = {"code", "name", "name_en", "sort_order", "active", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    const char *code = NULL, *name = NULL, *name_en = NULL;
    int64_t sort = -1;
    bool active = true, has_active = json_object_get(body, "active") != NULL;
    if (!jfield_str(req, body, "code", "科目代码", "code", false, 20, &code) ||
        !jfield_str(req, body, "name", "科目名称", "name", false, 60, &name) ||
        !jfield_str(req, body, "name_en", "英文名称", "English name", false, 60, &name_en) ||
        !jfield_int(req, body, "sort_order", "排序", "sort order", false, 0, 100000, &sort) ||
        !jfield_bool(req, body, "active", "启用", "active", false, &active))
        goto out;
    if (code && !valid_code(code)) {
        bad(req, "code", "科目代码须以数字开头，只能由字母、数字、-、. 组成，最多 20 位（例如 6013）",
            "a code begins with a digit and has letters, digits, - and . only, at most 20 "
            "(e.g. 6013)");
        goto out;
    }
    if (name && !*name) {
        bad(req, "name", "科目名称不能为空", "the name is required");
        goto out;
    }
    int64_t id = req_param_id(req, "id");
    json_t *before = NULL, *after = NULL;
    enum db_status s = db_begin_write(req->db);
    if (s == DB_OK) s = account_load_json(req, id, &before);
    if (s == DB_OK && has_active && !active &&
        json_is_string(json_object_get(before, "system_key"))) {
        db_rollback(req->db);
        json_decref(before);
        reply_error(req, 409, "system_account", "active", "该科目用于自动记账，不能停用（可以改名）",
                    "the postings use this account: it may be renamed, never deactivated");
        goto out;
    }
    if (s == DB_OK)
        s = db_exec(req->db,
                    "UPDATE accounts SET code = coalesce($3, code), name = coalesce($4, name), "
                    "name_en = coalesce($5, name_en), "
                    "sort_order = CASE WHEN $6 < 0 THEN sort_order ELSE $6 END, "
                    "active = CASE WHEN $7 < 0 THEN active ELSE $7 END "
                    "WHERE venue_id = $1 AND id = $2",
                    "iitttii", req->user.venue_id, id, code, name, name_en, sort,
                    has_active ? (int64_t)active : (int64_t)-1);
    if (s == DB_CONFLICT) {
        db_rollback(req->db);
        json_decref(before);
        reply_error(req, 409, "duplicate_code", "code", "科目代码已存在", "the code exists already");
        goto out;
    }
    if (s == DB_OK) s = account_load_json(req, id, &after);
    if (s == DB_OK) {
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)id);
        s = audit_record(req->db, &a, "update", "account", sid, before, after);
    }
    if (s == DB_OK) s = db_commit(req->db);
    json_decref(before);
    if (s != DB_OK) {
        db_rollback(req->db);
        json_decref(after);
        reply_db_error(req, s, "科目", "account");
        goto out;
    }
    reply_json(req, 200, after);
out:
    json_decref(body);
}

/* ---- entries ---- */

/* The lines of entry id as JSON. */
static enum db_status entry_lines(struct request *req, int64_t id, json_t *lines)
{
    sqlite3_stmt *st = db_stmt(req->db, "SELECT l.line_no, a.id, a.code, a.name, a.name_en, "
                                        "l.amount_fen, l.party, coalesce(a.system_key, '') "
                                        "FROM journal_lines l JOIN accounts a ON a.id = l.account_id "
                                        "WHERE l.entry_id = $1 ORDER BY l.line_no");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", id);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        json_t *l = json_object();
        json_set_int(l, "line_no", sqlite3_column_int64(st, 0));
        json_set_int(l, "account_id", sqlite3_column_int64(st, 1));
        json_set_str(l, "account_code", db_col_text(st, 2));
        json_set_str(l, "account_name", db_col_text(st, 3));
        json_set_str(l, "account_name_en", db_col_text(st, 4));
        int64_t a = sqlite3_column_int64(st, 5);
        set_money(l, "debit", a > 0 ? a : 0);
        set_money(l, "credit", a < 0 ? -a : 0);
        json_set_str(l, "party", db_col_text(st, 6));
        json_set_str(l, "system_key", db_col_text(st, 7));
        json_array_append_new(lines, l);
    }
    sqlite3_reset(st);
    return s;
}

#define ENTRY_COLS                                                                                \
    "e.id, e.day, e.posted_at, e.source_kind, e.source_id, e.memo, coalesce(e.reverses_id, 0), "  \
    "e.by_user, e.debit_fen, e.backfill, "                                                        \
    "coalesce((SELECT r.id FROM journal_entries r WHERE r.reverses_id = e.id), 0) "

static json_t *entry_json(sqlite3_stmt *st)
{
    json_t *o = json_object();
    json_set_int(o, "id", sqlite3_column_int64(st, 0));
    json_set_str(o, "day", db_col_text(st, 1));
    json_set_int(o, "posted_at", sqlite3_column_int64(st, 2));
    json_set_str(o, "source_kind", db_col_text(st, 3));
    json_set_int(o, "source_id", sqlite3_column_int64(st, 4));
    json_set_str(o, "memo", db_col_text(st, 5));
    int64_t rev = sqlite3_column_int64(st, 6), by = sqlite3_column_int64(st, 10);
    if (rev) json_set_int(o, "reverses_id", rev);
    else json_object_set_new(o, "reverses_id", json_null());
    if (by) json_set_int(o, "reversed_by_id", by);
    else json_object_set_new(o, "reversed_by_id", json_null());
    json_set_str(o, "by_user", db_col_text(st, 7));
    set_money(o, "amount", sqlite3_column_int64(st, 8));
    json_object_set_new(o, "backfill", json_boolean(sqlite3_column_int(st, 9)));
    return o;
}

static enum db_status entry_load_json(struct request *req, int64_t id, json_t **out)
{
    sqlite3_stmt *st = db_stmt(req->db, "SELECT " ENTRY_COLS "FROM journal_entries e "
                                        "WHERE e.venue_id = $1 AND e.id = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", req->user.venue_id, id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    json_t *o = NULL;
    if (s == DB_OK) o = entry_json(st);
    sqlite3_reset(st);
    if (s == DB_OK) {
        json_t *lines = json_array();
        json_object_set_new(o, "lines", lines);
        s = entry_lines(req, id, lines);
    }
    if (s == DB_OK) *out = o;
    else json_decref(o);
    return s;
}

/* GET /api/v1/ledger/entries?from&to&account&source_kind&page&page_size, newest first. */
static void entries_list(struct request *req)
{
    const char *from = NULL, *to = NULL;
    int64_t page, size;
    if (!query_day(req, "from", &from) || !query_day(req, "to", &to) ||
        !query_paging(req, &page, &size))
        return;
    const char *account = req_query(req, "account");
    const char *kind = req_query(req, "source_kind");
    if (account && !*account) account = NULL;
    if (kind && !*kind) kind = NULL;
    int64_t account_id = 0;
    enum db_status s = DB_OK;
    if (account) {
        s = db_int(req->db, &account_id,
                   "SELECT id FROM accounts WHERE venue_id = $1 AND (code = $2 OR system_key = $2)",
                   "it", req->user.venue_id, account);
        if (s == DB_NOT_FOUND) {
            bad(req, "account", "没有这个科目", "no such account");
            return;
        }
    }
    int64_t total = 0;
    if (s == DB_OK)
        s = db_int(req->db, &total,
                   "SELECT count(*) FROM journal_entries e WHERE e.venue_id = $1 AND "
                   "($2 IS NULL OR e.day >= $2) AND ($3 IS NULL OR e.day <= $3) AND "
                   "($4 IS NULL OR e.source_kind = $4) AND ($5 = 0 OR EXISTS (SELECT 1 FROM "
                   "journal_lines l WHERE l.entry_id = e.id AND l.account_id = $5))",
                   "ittti", req->user.venue_id, from, to, kind, account_id);
    json_t *items = json_array();
    sqlite3_stmt *st = s == DB_OK ? db_stmt(
        req->db, "SELECT " ENTRY_COLS "FROM journal_entries e WHERE e.venue_id = $1 AND "
                 "($2 IS NULL OR e.day >= $2) AND ($3 IS NULL OR e.day <= $3) AND "
                 "($4 IS NULL OR e.source_kind = $4) AND ($5 = 0 OR EXISTS (SELECT 1 FROM "
                 "journal_lines l WHERE l.entry_id = e.id AND l.account_id = $5)) "
                 "ORDER BY e.day DESC, e.id DESC LIMIT $6 OFFSET $7")
                                  : NULL;
    if (s == DB_OK && !st) s = DB_ERROR;
    if (s == DB_OK)
        s = db_bind(st, "itttiii", req->user.venue_id, from, to, kind, account_id, size,
                    (page - 1) * size);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row)
        json_array_append_new(items, entry_json(st));
    if (st) sqlite3_reset(st);
    for (size_t i = 0; s == DB_OK && i < json_array_size(items); i++) {
        json_t *e = json_array_get(items, i);
        json_t *lines = json_array();
        json_object_set_new(e, "lines", lines);
        s = entry_lines(req, json_integer_value(json_object_get(e, "id")), lines);
    }
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "分录", "entries");
        return;
    }
    reply_json(req, 200, json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)total,
                                   "page", (json_int_t)page, "page_size", (json_int_t)size));
}

/* GET /api/v1/ledger/entries/:id */
static void entry_get(struct request *req)
{
    json_t *o = NULL;
    enum db_status s = entry_load_json(req, req_param_id(req, "id"), &o);
    if (s != DB_OK) {
        reply_db_error(req, s, "分录", "entry");
        return;
    }
    reply_json(req, 200, o);
}

/* The venue's business day now; replies 500 on failure. */
static bool today_of(struct request *req, char out[11])
{
    if (finance_today(req->db, req->user.venue_id, out) == DB_OK) return true;
    reply_internal(req);
    return false;
}

/* A day for a new entry: a date, not after today's business day. */
static bool entry_day(struct request *req, json_t *body, const char *today, const char **day)
{
    if (!jfield_str(req, body, "day", "记账日期", "day", false, 10, day)) return false;
    if (!*day) {
        *day = today;
        return true;
    }
    int64_t d;
    if (!date_parse(*day, &d)) {
        bad(req, "day", "记账日期不是有效日期（YYYY-MM-DD）", "day is not a date (YYYY-MM-DD)");
        return false;
    }
    if (strcmp(*day, today) > 0) {
        bad(req, "day", "记账日期不能晚于今天的营业日", "an entry cannot be dated after today's business day");
        return false;
    }
    return true;
}

static enum db_status audit_entry(struct request *req, const char *action, int64_t id,
                                  json_t *after)
{
    struct actor a = actor_of(req);
    char sid[24];
    snprintf(sid, sizeof sid, "%lld", (long long)id);
    return audit_record(req->db, &a, action, "journal_entry", sid, NULL, after);
}

/* Posts e in the open transaction and replies 201 with it, or replies the refusal. */
/* After entry id was posted (or refused with f): audits, commits, replies 201 with the entry. */
static void reply_posted(struct request *req, enum fin_status f, int64_t id, const char *action)
{
    enum db_status s = f == FIN_OK ? DB_OK : fin_db_status(f);
    if (f != FIN_OK) {
        db_rollback(req->db);
        finance_reply(req, f);
        return;
    }
    json_t *o = NULL;
    if (s == DB_OK) s = entry_load_json(req, id, &o);
    if (s == DB_OK) s = audit_entry(req, action, id, o);
    if (s == DB_OK) s = db_commit(req->db);
    if (s != DB_OK) {
        db_rollback(req->db);
        json_decref(o);
        reply_db_error(req, s, "分录", "entry");
        return;
    }
    reply_json(req, 201, o);
}

static void post_and_reply(struct request *req, struct journal_entry *e, const char *action)
{
    int64_t id = 0;
    enum fin_status f = journal_post(req->db, req->user.venue_id, e, req->user.username, false, &id);
    reply_posted(req, f, id, action);
}

/* POST /api/v1/ledger/entries {day?, memo, lines:[{account, party?, debit_fen | credit_fen}]}:
 * a manual entry (调账, opening balances, a transfer between bank and safe). */
static void entry_create(struct request *req)
{
    static const char *const fields[] = {"day", "memo", "lines", NULL};
    static const char *const line_fields[] = {"account", "party", "debit_fen", "credit_fen", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    char today[11];
    const char *day = NULL, *memo = NULL;
    if (!today_of(req, today) || !entry_day(req, body, today, &day) ||
        !jfield_str(req, body, "memo", "摘要", "memo", true, 100, &memo))
        goto out;
    if (!*memo) {
        bad(req, "memo", "摘要不能为空：写明这笔分录的原因", "the memo is required: say why");
        goto out;
    }
    json_t *lines = json_object_get(body, "lines");
    size_t n = json_array_size(lines);
    if (!json_is_array(lines) || n < 2 || n > JOURNAL_MAX_LINES) {
        bad(req, "lines", "分录至少两行、最多 48 行", "an entry has 2 to 48 lines");
        goto out;
    }
    struct journal_entry *e = calloc(1, sizeof *e);
    if (!e) {
        reply_internal(req);
        goto out;
    }
    journal_begin(e, day, "manual", 0, memo);
    int64_t debit = 0, credit = 0;
    enum db_status s = db_begin_write(req->db);
    for (size_t i = 0; s == DB_OK && i < n; i++) {
        json_t *l = json_array_get(lines, i);
        char f[40];
        snprintf(f, sizeof f, "lines[%zu]", i);
        if (!json_is_object(l)) {
            bad(req, f, "每一行须是对象", "each line is an object");
            goto fail;
        }
        const char *key;
        json_t *val;
        json_object_foreach(l, key, val)
        {
            if (!in_list(line_fields, key)) {
                char zh[120], en[120];
                snprintf(f, sizeof f, "lines[%zu].%s", i, key);
                snprintf(zh, sizeof zh, "未知字段 %s", key);
                snprintf(en, sizeof en, "unknown field %s", key);
                reply_error(req, 400, "unknown_field", f, zh, en);
                goto fail;
            }
        }
        const char *account = NULL, *party = "";
        int64_t dr = 0, cr = 0;
        snprintf(f, sizeof f, "lines[%zu].account", i);
        if (!jfield_str(req, l, "account", "科目", "account", true, 24, &account) ||
            !jfield_str(req, l, "party", "明细对象", "party", false, 60, &party) ||
            !jfield_fen(req, l, "debit_fen", "借方金额", "debit", false, &dr) ||
            !jfield_fen(req, l, "credit_fen", "贷方金额", "credit", false, &cr))
            goto fail;
        if ((dr > 0) == (cr > 0)) {
            snprintf(f, sizeof f, "lines[%zu]", i);
            bad(req, f, "每一行须填写借方或贷方金额之一（大于 0）",
                "each line has either a debit or a credit above zero");
            goto fail;
        }
        /* 2: an account whose balance a sub-ledger keeps (the drawers by shift, the petty-cash
         * fund, members' stored value): a manual line would part the books from the sub-ledger,
         * so those move only through their own pages. */
        int64_t active = 0;
        s = db_int(req->db, &active,
                   "SELECT CASE WHEN system_key IN ('drawer', 'petty_cash', 'petty_issued', "
                   "'sv_principal', 'sv_bonus') THEN 2 ELSE active END FROM accounts "
                   "WHERE venue_id = $1 AND (code = $2 OR system_key = $2) "
                   "ORDER BY system_key IS NULL LIMIT 1",
                   "it", req->user.venue_id, account);
        if (s == DB_OK && active == 2) {
            char zh[200], en[200];
            snprintf(f, sizeof f, "lines[%zu].account", i);
            snprintf(zh, sizeof zh,
                     "科目 %s 由收银班次、备用金或会员储值自动记账，不能手工记账，请在对应页面办理",
                     account);
            snprintf(en, sizeof en,
                     "account %s is kept by the shifts, the petty cash or stored value; use its own "
                     "page, not a manual entry",
                     account);
            bad(req, f, zh, en);
            goto fail;
        }
        if (s == DB_NOT_FOUND || (s == DB_OK && !active)) {
            char zh[120], en[120];
            snprintf(f, sizeof f, "lines[%zu].account", i);
            snprintf(zh, sizeof zh, "科目 %s 不存在或已停用", account);
            snprintf(en, sizeof en, "account %s does not exist or is inactive", account);
            bad(req, f, zh, en);
            goto fail;
        }
        if (s != DB_OK) break;
        journal_add(e, account, party, dr - cr);
        debit += dr;
        credit += cr;
    }
    if (s != DB_OK) {
        db_rollback(req->db);
        reply_db_error(req, s, "分录", "entry");
        free(e);
        goto out;
    }
    if (debit != credit) {
        char zh[160], en[160], d1[32], d2[32];
        money_format(debit, d1);
        money_format(credit, d2);
        snprintf(zh, sizeof zh, "借贷不平衡：借方合计 %s，贷方合计 %s", d1, d2);
        snprintf(en, sizeof en, "debits %s and credits %s do not balance", d1, d2);
        bad(req, "lines", zh, en);
        goto fail;
    }
    if (journal_finish(e) != JOURNAL_VALID) {
        bad(req, "lines", "同一科目的借贷相互抵消后，分录已没有内容",
            "after netting the same account, nothing is left to post");
        goto fail;
    }
    post_and_reply(req, e, "post");
    free(e);
    goto out;
fail:
    db_rollback(req->db);
    free(e);
out:
    json_decref(body);
}

/* POST /api/v1/ledger/entries/:id/reverse {reason, day?}: the correction of a manual entry,
 * dated in an open day (today's by default) and naming the one it reverses. Entries posted by
 * events are corrected by their events (a void, a refund, a cancelled record). */
static void entry_reverse(struct request *req)
{
    static const char *const fields[] = {"reason", "day", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    char today[11];
    const char *reason = NULL, *day = NULL;
    if (!today_of(req, today) ||
        !jfield_str(req, body, "reason", "冲销原因", "reason", true, 100, &reason) ||
        !entry_day(req, body, today, &day))
        goto out;
    if (!*reason) {
        bad(req, "reason", "请写明冲销原因", "give the reason for the reversal");
        goto out;
    }
    int64_t id = req_param_id(req, "id");
    json_t *orig = NULL;
    enum db_status s = db_begin_write(req->db);
    if (s == DB_OK) s = entry_load_json(req, id, &orig);
    if (s != DB_OK) {
        db_rollback(req->db);
        reply_db_error(req, s, "分录", "entry");
        goto out;
    }
    const char *kind = json_string_value(json_object_get(orig, "source_kind"));
    if (!json_is_null(json_object_get(orig, "reversed_by_id"))) {
        db_rollback(req->db);
        reply_error(req, 409, "already_reversed", NULL, "这笔分录已被冲销过", "the entry was reversed already");
    } else if (strcmp(kind, "manual") != 0) {
        db_rollback(req->db);
        reply_error(req, 409, "not_manual", NULL,
                    "只有手工分录在这里冲销；业务产生的分录请通过业务更正（作废、退款、撤销收支记录）",
                    "only manual entries are reversed here; an event's entry is corrected by its "
                    "event (void, refund, cancelled record)");
    } else {
        /* Read back by account from the posted lines, never by the codes shown (an account
         * renamed since would be looked up under its new code). */
        char memo[200];
        snprintf(memo, sizeof memo, "冲销 #%lld：%s", (long long)id, reason);
        int64_t rid = 0;
        enum fin_status f = journal_reverse_posted(req->db, req->user.venue_id, id, day, memo,
                                                   req->user.username, &rid);
        reply_posted(req, f, rid, "reverse");
    }
    json_decref(orig);
out:
    json_decref(body);
}

/* ---- trial balance and statements ---- */

/* GET /api/v1/ledger/trial-balance?day= : every account's debits, credits and balance up to
 * day, with the totals; the difference is zero at every moment. */
static void trial_balance(struct request *req)
{
    const char *day = NULL;
    if (!query_day(req, "day", &day)) return;
    enum db_status s = db_begin_read(req->db);
    sqlite3_stmt *st = s == DB_OK ? db_stmt(
        req->db, "SELECT " ACCOUNT_COLS "FROM accounts a LEFT JOIN account_day_totals t "
                 "ON t.venue_id = a.venue_id AND t.account_id = a.id AND ($2 IS NULL OR t.day <= $2) "
                 "WHERE a.venue_id = $1 GROUP BY a.id ORDER BY a.code")
                                  : NULL;
    if (s == DB_OK && !st) s = DB_ERROR;
    if (s == DB_OK) s = db_bind(st, "it", req->user.venue_id, day);
    json_t *items = json_array();
    int64_t debit = 0, credit = 0, dr_bal = 0, cr_bal = 0;
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        int64_t d = sqlite3_column_int64(st, 10), c = sqlite3_column_int64(st, 11);
        if (!d && !c) continue;
        /* Beyond int64 the books cannot be summed: refused rather than wrapped. */
        if (__builtin_add_overflow(debit, d, &debit) || __builtin_add_overflow(credit, c, &credit)) {
            s = DB_ERROR;
            break;
        }
        if (d > c) dr_bal += d - c;
        else cr_bal += c - d;
        json_t *o = account_json(st);
        set_money(o, "debit_balance", d > c ? d - c : 0);
        set_money(o, "credit_balance", c > d ? c - d : 0);
        json_array_append_new(items, o);
    }
    if (st) sqlite3_reset(st);
    int64_t entries = 0, unbalanced = 0;
    if (s == DB_OK)
        s = db_int(req->db, &entries,
                   "SELECT count(*) FROM journal_entries WHERE venue_id = $1 AND ($2 IS NULL OR day <= $2)",
                   "it", req->user.venue_id, day);
    /* Entries whose lines do not balance or are missing: the triggers make this impossible;
     * counted here so that the page would show it if it ever happened. */
    if (s == DB_OK)
        s = db_int(req->db, &unbalanced,
                   "SELECT count(*) FROM journal_entries e WHERE e.venue_id = $1 AND "
                   "($2 IS NULL OR e.day <= $2) AND (e.line_count <> (SELECT count(*) FROM "
                   "journal_lines l WHERE l.entry_id = e.id) OR (SELECT sum(amount_fen) FROM "
                   "journal_lines l WHERE l.entry_id = e.id) <> 0)",
                   "it", req->user.venue_id, day);
    db_rollback(req->db);
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "试算平衡表", "trial balance");
        return;
    }
    json_t *out = json_pack("{s:o,s:s?,s:I,s:I}", "items", items, "day", day, "entries",
                            (json_int_t)entries, "unbalanced_entries", (json_int_t)unbalanced);
    set_money(out, "debit_total", debit);
    set_money(out, "credit_total", credit);
    set_money(out, "debit_balance_total", dr_bal);
    set_money(out, "credit_balance_total", cr_bal);
    set_money(out, "difference", debit - credit);
    json_object_set_new(out, "balanced", json_boolean(debit == credit && unbalanced == 0));
    reply_json(req, 200, out);
}

/* GET /api/v1/ledger/accounts/:id/statement?from&to&party : opening balance, the lines of the
 * range with a running balance, closing balance (debits - credits). */
static void account_statement(struct request *req)
{
    const char *from = NULL, *to = NULL;
    if (!query_day(req, "from", &from) || !query_day(req, "to", &to)) return;
    if (from && to && strcmp(from, to) > 0) {
        bad(req, "to", "结束日期不能早于开始日期", "the end date is before the start date");
        return;
    }
    const char *party = req_query(req, "party");
    if (party && !*party) party = NULL;
    int64_t id = req_param_id(req, "id");
    json_t *account = NULL;
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK) s = account_load_json(req, id, &account);
    int64_t opening = 0;
    if (s == DB_OK && from)
        s = db_int(req->db, &opening,
                   "SELECT coalesce(sum(amount_fen), 0) FROM journal_lines WHERE account_id = $1 "
                   "AND day < $2 AND ($3 IS NULL OR party = $3)",
                   "itt", id, from, party);
    json_t *lines = json_array();
    int64_t running = opening, count = 0;
    sqlite3_stmt *st = s == DB_OK ? db_stmt(
        req->db, "SELECT l.day, e.id, e.source_kind, e.source_id, e.memo, l.amount_fen, l.party "
                 "FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id "
                 "WHERE l.account_id = $1 AND ($2 IS NULL OR l.day >= $2) AND "
                 "($3 IS NULL OR l.day <= $3) AND ($4 IS NULL OR l.party = $4) "
                 "ORDER BY l.day, e.id LIMIT 5001")
                                  : NULL;
    if (s == DB_OK && !st) s = DB_ERROR;
    if (s == DB_OK) s = db_bind(st, "ittt", id, from, to, party);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        if (++count > 5000) break;
        int64_t a = sqlite3_column_int64(st, 5);
        running += a;
        json_t *l = json_object();
        json_set_str(l, "day", db_col_text(st, 0));
        json_set_int(l, "entry_id", sqlite3_column_int64(st, 1));
        json_set_str(l, "source_kind", db_col_text(st, 2));
        json_set_int(l, "source_id", sqlite3_column_int64(st, 3));
        json_set_str(l, "memo", db_col_text(st, 4));
        set_money(l, "debit", a > 0 ? a : 0);
        set_money(l, "credit", a < 0 ? -a : 0);
        set_money(l, "running", running);
        json_set_str(l, "party", db_col_text(st, 6));
        json_array_append_new(lines, l);
    }
    if (st) sqlite3_reset(st);
    int64_t closing = 0;
    if (s == DB_OK)
        s = db_int(req->db, &closing,
                   "SELECT coalesce(sum(amount_fen), 0) FROM journal_lines WHERE account_id = $1 "
                   "AND ($2 IS NULL OR day <= $2) AND ($3 IS NULL OR party = $3)",
                   "itt", id, to, party);
    db_rollback(req->db);
    if (s != DB_OK) {
        json_decref(account);
        json_decref(lines);
        reply_db_error(req, s, "科目", "account");
        return;
    }
    json_t *out = json_pack("{s:o,s:o,s:b}", "account", account, "lines", lines, "truncated",
                            count > 5000);
    set_money(out, "opening", opening);
    set_money(out, "closing", closing);
    reply_json(req, 200, out);
}

/* ---- product categories -> revenue accounts ---- */

/* GET /api/v1/ledger/category-accounts: every product category with the account its sales
 * post to (the venue's choice, or the built-in rule). */
static void categories_list(struct request *req)
{
    sqlite3_stmt *st = db_stmt(
        req->db, "SELECT p.category, coalesce(a.code, ''), coalesce(a.name, '') FROM "
                 "(SELECT DISTINCT category FROM products WHERE venue_id = $1 "
                 " UNION SELECT category FROM category_accounts WHERE venue_id = $1) p "
                 "LEFT JOIN category_accounts c ON c.venue_id = $1 AND c.category = p.category "
                 "LEFT JOIN accounts a ON a.id = c.account_id ORDER BY p.category");
    enum db_status s = st ? db_bind(st, "i", req->user.venue_id) : DB_ERROR;
    json_t *items = json_array();
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        const char *cat = db_col_text(st, 0);
        json_t *o = json_object();
        json_set_str(o, "category", cat);
        json_set_str(o, "default_account", revenue_keys[posting_category_kind(cat)]);
        json_set_str(o, "account_code", db_col_text(st, 1));
        json_set_str(o, "account_name", db_col_text(st, 2));
        json_array_append_new(items, o);
    }
    if (st) sqlite3_reset(st);
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "商品类别", "categories");
        return;
    }
    /* The default's code and name, for the page. */
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *o = json_array_get(items, i);
        sqlite3_stmt *a = db_stmt(req->db, "SELECT code, name FROM accounts WHERE venue_id = $1 "
                                           "AND system_key = $2");
        bool r = false;
        if (a && db_bind(a, "it", req->user.venue_id,
                         json_string_value(json_object_get(o, "default_account"))) == DB_OK &&
            db_step(a, &r) == DB_OK && r) {
            json_set_str(o, "default_code", db_col_text(a, 0));
            json_set_str(o, "default_name", db_col_text(a, 1));
        }
        if (a) sqlite3_reset(a);
    }
    reply_json(req, 200, json_pack("{s:o}", "items", items));
}

/* PUT /api/v1/ledger/category-accounts {category, account}: sales of the category post to
 * account (a revenue account) from now on; account "" returns to the built-in rule. */
static void category_set(struct request *req)
{
    static const char *const fields[] = {"category", "account", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    const char *category = NULL, *account = NULL;
    if (!jfield_str(req, body, "category", "商品类别", "category", true, 40, &category) ||
        !jfield_str(req, body, "account", "收入科目", "account", true, 24, &account))
        goto out;
    int64_t account_id = 0;
    enum db_status s = db_begin_write(req->db);
    if (s == DB_OK && *account) {
        s = db_int(req->db, &account_id,
                   "SELECT id FROM accounts WHERE venue_id = $1 AND (code = $2 OR system_key = $2) "
                   "AND type = 'revenue' AND grp = 'revenue' AND active = 1",
                   "it", req->user.venue_id, account);
        if (s == DB_NOT_FOUND) {
            db_rollback(req->db);
            bad(req, "account", "须是启用的营业收入科目", "must be an active sales revenue account");
            goto out;
        }
    }
    if (s == DB_OK)
        s = *account ? db_exec(req->db,
                               "INSERT INTO category_accounts(venue_id, category, account_id) "
                               "VALUES ($1, $2, $3) ON CONFLICT (venue_id, category) "
                               "DO UPDATE SET account_id = excluded.account_id",
                               "iti", req->user.venue_id, category, account_id)
                     : db_exec(req->db,
                               "DELETE FROM category_accounts WHERE venue_id = $1 AND category = $2",
                               "it", req->user.venue_id, category);
    json_t *after = json_pack("{s:s,s:s}", "category", category, "account", account);
    if (s == DB_OK) {
        struct actor a = actor_of(req);
        s = audit_record(req->db, &a, "update", "category_account", category, NULL, after);
    }
    if (s == DB_OK) s = db_commit(req->db);
    if (s != DB_OK) {
        db_rollback(req->db);
        json_decref(after);
        reply_db_error(req, s, "商品类别", "category");
        goto out;
    }
    reply_json(req, 200, after);
out:
    json_decref(body);
}

const struct route finance_routes[] = {
    {"GET", "/api/v1/ledger/accounts", accounts_list, "finance", ACCESS_READ, 0},
    {"POST", "/api/v1/ledger/accounts", account_create, "finance", ACCESS_WRITE, 0},
    {"PUT", "/api/v1/ledger/accounts/:id", account_update, "finance", ACCESS_WRITE, 0},
    {"GET", "/api/v1/ledger/accounts/:id/statement", account_statement, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/ledger/entries", entries_list, "finance", ACCESS_READ, 0},
    {"POST", "/api/v1/ledger/entries", entry_create, "finance", ACCESS_WRITE, 0},
    {"GET", "/api/v1/ledger/entries/:id", entry_get, "finance", ACCESS_READ, 0},
    {"POST", "/api/v1/ledger/entries/:id/reverse", entry_reverse, "finance", ACCESS_WRITE, 0},
    {"GET", "/api/v1/ledger/trial-balance", trial_balance, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/ledger/category-accounts", categories_list, "finance", ACCESS_READ, 0},
    {"PUT", "/api/v1/ledger/category-accounts", category_set, "finance", ACCESS_WRITE, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
