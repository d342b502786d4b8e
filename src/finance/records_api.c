/* finance/records_api.c: the endpoints of income and expense records (财务收支), their
 * approval, cancellation and receipts, and the venue's finance settings.
 * Parse and validate, one transaction that loads, calls the rules and store (records.c) and
 * writes, audit, JSON out.
 *
 *   GET  /api/v1/finance/settings                 approval threshold, receipt size cap
 *   PUT  /api/v1/finance/settings                 change them (finance write)
 *   GET  /api/v1/finance/categories?kind          the accounts a record may name, and channels
 *   GET  /api/v1/finance/records?from&to&kind&category|category_id&channel&status&q&sort&page
 *        &page_size
 *   GET  /api/v1/finance/records/export?format=csv|xlsx&(the list's filters)
 *   POST /api/v1/finance/records                  write a record (posts, or waits for approval)
 *   GET  /api/v1/finance/records/:id              the record, its entry lines and history
 *   POST /api/v1/finance/records/:id/approve      a manager posts a pending record
 *   POST /api/v1/finance/records/:id/reject       a manager (or its writer) turns it down
 *   POST /api/v1/finance/records/:id/cancel       a reversal entry today; the record cancelled
 *   POST /api/v1/finance/records/:id/receipt      the receipt (raw body: JPEG, PNG, WebP, PDF)
 *   GET  /api/v1/finance/records/:id/receipt      the receipt file, inline
 *
 * Who may do what: the route table asks for the module "finance" (read, or write with the
 * CSRF token); approving takes a manager or an admin who did not write the record; rejecting
 * takes a manager, an admin, or the writer withdrawing their own. */
#include "finance/records.h"
#include "finance/transfers.h"

#include "core/audit.h"
#include "core/bizday.h"
#include "core/export.h"
#include "core/json.h"
#include "core/money.h"
#include "core/venue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Paging: a month of a venue's records is a few hundred. */
/* An export is every record of the filter: ten years of a busy venue is far below this. */
#define EXPORT_MAX_ROWS 200000
/* Search text longer than anything stored cannot match; refused rather than scanned. */
#define QUERY_MAX_BYTES 400

/* ---- who may do what ---- */

static bool is_manager(const struct request *req)
{
    return strcmp(req->user.role, "admin") == 0 || strcmp(req->user.role, "manager") == 0;
}

/* ---- small helpers ---- */

static void bad_field(struct request *req, const char *field, const char *zh, const char *en)
{
    reply_error(req, 400, "invalid_field", field, zh, en);
}

static void reply_record_error(struct request *req, enum db_status s)
{
    reply_db_error(req, s, "收支记录", "record");
}

/* The same answer finance_reply gives for a locked day, for the checks made before anything
 * is posted (the day is known here). */
/* Cash paid out of the safe (an expense by channel cash) may not take the safe below zero on
 * the books, that day or any later one: true when it is covered; else replies 409 safe_short
 * (or the database error), rolls back, and returns false. */
static bool safe_covers(struct request *req, bool expense, const char *channel, const char *day,
                        int64_t amount_fen)
{
    const struct record_channel *c = record_channel_find(channel);
    if (!expense || !c || strcmp(c->account_key, "safe") != 0) return true;
    int64_t available = 0;
    enum db_status s = transfer_safe_available(req->db, req->user.venue_id, day, &available);
    if (s != DB_OK) {
        db_rollback(req->db);
        reply_db_error(req, s, "收支记录", "record");
        return false;
    }
    if (amount_fen <= available) return true;
    db_rollback(req->db);
    char a[32], b[32], zh[300], en[300];
    money_format_grouped(amount_fen, a);
    money_format_grouped(available > 0 ? available : 0, b);
    snprintf(zh, sizeof zh,
             "保险柜现金不足：支出 %s 元，账面上该日起最多可付 %s 元（保险柜不能为负）。请改用银行支付，"
             "或先登记取现",
             a, b);
    snprintf(en, sizeof en,
             "the safe holds too little: %s paid out, at most %s on the books from that day on "
             "(the safe may not go below zero); pay by bank or record a withdrawal first",
             a, b);
    reply_error(req, 409, "safe_short", "amount_fen", zh, en);
    return false;
}

static void reply_day_locked(struct request *req, const char *day)
{
    char zh[240], en[240];
    snprintf(zh, sizeof zh,
             "营业日 %s 已确认锁定，不能再记入该日。如需更正，请在未锁定的日期做冲销。", day);
    snprintf(en, sizeof en,
             "business day %s is confirmed and locked; post a correction in an open day", day);
    reply_error(req, 409, "day_locked", NULL, zh, en);
}

/* The venue's business day now ("YYYY-MM-DD"); replies on failure. */
static bool today_of(struct request *req, char out[11])
{
    struct venue v;
    enum db_status s = venue_load(req->db, req->user.venue_id, &v);
    if (s != DB_OK) {
        reply_db_error(req, s, "门店", "venue");
        return false;
    }
    struct tz *tz = tz_load(v.timezone);
    if (!tz) {
        reply_internal(req); /* the zone was checked when it was saved */
        return false;
    }
    date_format(bizday_of_instant(tz, v.cutoff_minutes, now_epoch()), out);
    tz_free(tz);
    return true;
}

/* An optional text of at most max characters; blank counts as "". */
static bool read_text(struct request *req, json_t *body, const char *key, const char *label_zh,
                      const char *label_en, bool required, size_t max, const char **out)
{
    const char *v = NULL;
    if (!jfield_str(req, body, key, label_zh, label_en, required, max, &v)) return false;
    *out = v && v[strspn(v, " \t\n")] ? v : "";
    return true;
}

/* The amount, as "amount" in yuan ("350.00": exact, at most two decimals) or "amount_fen" in
 * whole fen; exactly one of them; more than zero. */
static bool read_amount(struct request *req, json_t *body, int64_t *fen)
{
    json_t *yuan = json_object_get(body, "amount"), *whole = json_object_get(body, "amount_fen");
    if (yuan && json_is_null(yuan)) yuan = NULL;
    if (whole && json_is_null(whole)) whole = NULL;
    if (yuan && whole) {
        bad_field(req, "amount", "金额：amount 与 amount_fen 只能填一个",
                  "amount: give amount or amount_fen, not both");
        return false;
    }
    if (!yuan && !whole) {
        bad_field(req, "amount", "金额：必须填写", "amount: is required");
        return false;
    }
    if (whole) {
        if (!jfield_fen(req, body, "amount_fen", "金额（分）", "amount_fen", true, fen))
            return false;
        if (*fen <= 0) {
            bad_field(req, "amount_fen", "金额（分）：必须大于 0", "amount_fen: must be above 0");
            return false;
        }
        return true;
    }
    if (!json_is_string(yuan)) {
        bad_field(req, "amount", "金额：应为文字形式的元，如 \"350.00\"",
                  "amount: must be yuan as text, such as \"350.00\"");
        return false;
    }
    const char *s = json_string_value(yuan);
    enum money_parse_result r = money_parse(s, json_string_length(yuan), 0, fen);
    if (r != MONEY_OK) {
        char zh[300], en[300];
        snprintf(zh, sizeof zh, "金额：%s", money_parse_message(r, 0));
        snprintf(en, sizeof en, "amount: %s", money_parse_message(r, 1));
        bad_field(req, "amount", zh, en);
        return false;
    }
    if (*fen <= 0) {
        bad_field(req, "amount", "金额：必须大于 0", "amount: must be above 0");
        return false;
    }
    return true;
}

/* The category of a record of kind expense/income named by body's "category": an account id
 * (a number) or its code or system key (text). Replies 400 naming the field when unknown,
 * inactive, or of the wrong kind. */
static bool read_category(struct request *req, json_t *v, bool expense, const char *field,
                          struct record_category *c)
{
    enum db_status s;
    if (json_is_integer(v) && json_integer_value(v) > 0)
        s = record_category_find(req->db, req->user.venue_id, json_integer_value(v), NULL, c);
    else if (json_is_string(v) && json_string_length(v) > 0 && json_string_length(v) <= 20 &&
             strlen(json_string_value(v)) == json_string_length(v))
        s = record_category_find(req->db, req->user.venue_id, 0, json_string_value(v), c);
    else {
        bad_field(req, field, "类别：应为科目编号（数字）或科目编码",
                  "category: an account id (a number) or an account code");
        return false;
    }
    if (s == DB_NOT_FOUND) {
        bad_field(req, field, "类别：科目表中没有这个科目", "category: no such account in the chart");
        return false;
    }
    if (s != DB_OK) {
        reply_db_error(req, s, "科目", "account");
        return false;
    }
    char zh[640], en[640]; /* room for two account names of 60 characters */
    if (!c->active) {
        snprintf(zh, sizeof zh, "类别：科目 %s %s 已停用", c->code, c->name);
        snprintf(en, sizeof en, "category: account %s %s is inactive", c->code, c->name_en);
        bad_field(req, field, zh, en);
        return false;
    }
    if (!record_category_fits(expense, c->type, c->grp)) {
        snprintf(zh, sizeof zh, "类别：科目 %s %s 不是%s科目", c->code, c->name,
                 expense ? "费用" : "收入");
        snprintf(en, sizeof en, "category: account %s %s is not an %s account", c->code,
                 c->name_en[0] ? c->name_en : c->name, expense ? "expense" : "income");
        bad_field(req, field, zh, en);
        return false;
    }
    if (!c->ref[0]) {
        snprintf(zh, sizeof zh, "类别：科目编码 %s 与系统科目的标识重名，请先修改编码", c->code);
        snprintf(en, sizeof en,
                 "category: the code %s is also a system account's key; renumber it first",
                 c->code);
        bad_field(req, field, zh, en);
        return false;
    }
    return true;
}

/* The list's filter from the query string; replies 400 and returns false on a bad one. Runs
 * inside the caller's transaction (a category named by code is looked up). */
static bool read_filter(struct request *req, struct record_filter *f)
{
    memset(f, 0, sizeof *f);
    static const char *const days[] = {"from", "to"};
    const char *vals[2];
    for (int i = 0; i < 2; i++) {
        vals[i] = req_query(req, days[i]);
        int64_t d;
        if (vals[i] && *vals[i] && !date_parse(vals[i], &d)) {
            char zh[80], en[80];
            snprintf(zh, sizeof zh, "%s 应为营业日 YYYY-MM-DD", days[i]);
            snprintf(en, sizeof en, "%s must be a business day YYYY-MM-DD", days[i]);
            bad_field(req, days[i], zh, en);
            return false;
        }
    }
    f->from_day = vals[0];
    f->to_day = vals[1];
    f->kind = req_query(req, "kind");
    if (f->kind && *f->kind && strcmp(f->kind, "income") && strcmp(f->kind, "expense")) {
        bad_field(req, "kind", "收支类型应为 income 或 expense", "kind must be income or expense");
        return false;
    }
    f->channel = req_query(req, "channel");
    if (f->channel && *f->channel && !record_channel_find(f->channel)) {
        bad_field(req, "channel", "渠道应为 cash、bank、wechat 或 alipay",
                  "channel must be cash, bank, wechat or alipay");
        return false;
    }
    f->status = req_query(req, "status");
    if (f->status && *f->status && strcmp(f->status, "pending") && strcmp(f->status, "posted") &&
        strcmp(f->status, "rejected") && strcmp(f->status, "cancelled")) {
        bad_field(req, "status", "状态应为 pending、posted、rejected 或 cancelled",
                  "status must be pending, posted, rejected or cancelled");
        return false;
    }
    f->q = req_query(req, "q");
    if (f->q && strlen(f->q) > QUERY_MAX_BYTES) {
        bad_field(req, "q", "查询条件太长", "search text too long");
        return false;
    }
    /* A query string has no types: the category is its code or system key ("category") or
     * its id ("category_id"); codes are digits too. */
    const char *cat = req_query(req, "category"), *cat_id = req_query(req, "category_id");
    const char *cat_field = cat && *cat ? "category" : "category_id";
    if (cat_id && !*cat_id) cat_id = NULL;
    if ((cat && *cat) || cat_id) {
        struct record_category c;
        char *end = NULL;
        long long id = cat_id ? strtoll(cat_id, &end, 10) : 0;
        enum db_status s =
            cat && *cat ? (strlen(cat) <= 20
                               ? record_category_find(req->db, req->user.venue_id, 0, cat, &c)
                               : DB_NOT_FOUND)
            : *end == 0 && id > 0 ? record_category_find(req->db, req->user.venue_id, id, NULL, &c)
                                  : DB_NOT_FOUND;
        if (s == DB_NOT_FOUND) {
            bad_field(req, cat_field, "类别：科目表中没有这个科目",
                      "category: no such account in the chart");
            return false;
        }
        if (s != DB_OK) {
            reply_db_error(req, s, "科目", "account");
            return false;
        }
        f->account_id = c.id;
    }
    if (!record_sort_parse(req_query(req, "sort"), &f->sort)) {
        bad_field(req, "sort", "排序只能是 day、-day、amount、-amount、id 或 -id",
                  "sort must be day, -day, amount, -amount, id or -id");
        return false;
    }
    return true;
}

/* ---- output ---- */

static json_t *record_json(const struct record *r)
{
    json_t *o = json_object();
    json_set_int(o, "id", r->id);
    json_set_str(o, "day", r->day);
    json_set_str(o, "kind", r->kind);
    json_set_int(o, "category_id", r->account_id);
    json_set_str(o, "category_code", r->account_code);
    json_set_str(o, "category_name", r->account_name);
    json_set_str(o, "category_name_en", r->account_name_en);
    json_set_money(o, "amount_fen", "amount", r->amount_fen);
    json_set_str(o, "channel", r->channel);
    json_set_str(o, "counterparty", r->counterparty);
    json_set_str(o, "note", r->note);
    json_set_str(o, "status", r->status);
    json_set_str(o, "created_by", r->created_by);
    json_set_int(o, "created_by_id", r->created_by_id);
    json_set_int(o, "created_at", r->created_at);
    json_object_set_new(o, "entry_id", r->entry_id ? json_integer(r->entry_id) : json_null());
    json_set_str(o, "decided_by", r->decided_by);
    json_object_set_new(o, "decided_at", r->decided_at ? json_integer(r->decided_at) : json_null());
    json_set_str(o, "decision_note", r->decision_note);
    json_set_str(o, "cancelled_by", r->cancelled_by);
    json_object_set_new(o, "cancelled_at",
                        r->cancelled_at ? json_integer(r->cancelled_at) : json_null());
    json_set_str(o, "cancel_reason", r->cancel_reason);
    json_object_set_new(o, "reversal_entry_id",
                        r->reversal_entry_id ? json_integer(r->reversal_entry_id) : json_null());
    if (r->receipt_sha256[0])
        json_object_set_new(o, "receipt",
                            json_pack("{s:s,s:I,s:s,s:I,s:s}", "type", r->receipt_type, "bytes",
                                      (json_int_t)r->receipt_bytes, "sha256", r->receipt_sha256,
                                      "at", (json_int_t)r->receipt_at, "by", r->receipt_by));
    else
        json_object_set_new(o, "receipt", json_null());
    return o;
}

static bool append_line(const struct record_line *l, void *ctx)
{
    json_t *o = json_object();
    json_set_int(o, "entry_id", l->entry_id);
    json_set_int(o, "line_no", l->line_no);
    json_set_str(o, "day", l->day);
    json_set_int(o, "account_id", l->account_id);
    json_set_str(o, "account_code", l->code);
    json_set_str(o, "account_name", l->name);
    json_set_str(o, "account_name_en", l->name_en);
    json_set_int(o, "amount_fen", l->amount_fen);
    json_array_append_new(ctx, o);
    return true;
}

static bool append_event(const struct record_event *e, void *ctx)
{
    json_t *o = json_object();
    json_set_int(o, "at", e->at);
    json_set_str(o, "by", e->by_user);
    json_set_str(o, "action", e->action);
    json_set_str(o, "from_status", e->from_status);
    json_set_str(o, "to_status", e->to_status);
    json_set_str(o, "note", e->note);
    json_object_set_new(o, "entry_id", e->entry_id ? json_integer(e->entry_id) : json_null());
    json_array_append_new(ctx, o);
    return true;
}

/* The record with its entry's lines, its reversal's, and its history, read in the caller's
 * transaction. NULL (*s set) on failure. The caller owns the result. */
static json_t *record_detail(struct request *req, int64_t id, enum db_status *s)
{
    struct record r;
    *s = record_load(req->db, req->user.venue_id, id, &r);
    if (*s != DB_OK) return NULL;
    json_t *out = record_json(&r), *lines = json_array(), *rev = json_array(),
           *history = json_array();
    if (r.entry_id) *s = record_entry_lines(req->db, r.venue_id, r.entry_id, append_line, lines);
    if (*s == DB_OK && r.reversal_entry_id)
        *s = record_entry_lines(req->db, r.venue_id, r.reversal_entry_id, append_line, rev);
    if (*s == DB_OK) *s = record_history(req->db, r.id, append_event, history);
    json_object_set_new(out, "lines", lines);
    json_object_set_new(out, "reversal_lines", rev);
    json_object_set_new(out, "history", history);
    /* What the caller may do with it now, for the page's buttons (the server checks again). */
    bool own = r.created_by_id && r.created_by_id == req->user.id;
    bool pending = strcmp(r.status, "pending") == 0;
    json_object_set_new(out, "can_approve", json_boolean(pending && is_manager(req) && !own));
    json_object_set_new(out, "can_reject", json_boolean(pending && (is_manager(req) || own)));
    if (*s != DB_OK) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* Commits the caller's write transaction and replies {"record": detail} with status. */
static void commit_reply(struct request *req, int status, int64_t id)
{
    enum db_status s = db_commit(req->db);
    if (s != DB_OK) {
        reply_record_error(req, s);
        return;
    }
    s = db_begin_read(req->db);
    json_t *detail = s == DB_OK ? record_detail(req, id, &s) : NULL;
    db_rollback(req->db);
    if (!detail) {
        reply_record_error(req, s);
        return;
    }
    reply_json(req, status, json_pack("{s:o}", "record", detail));
}

static enum db_status audit_of(struct request *req, const char *action, int64_t id,
                               const json_t *before)
{
    struct record r;
    enum db_status s = record_load(req->db, req->user.venue_id, id, &r);
    if (s != DB_OK) return s;
    json_t *after = record_json(&r);
    char sid[24];
    snprintf(sid, sizeof sid, "%lld", (long long)id);
    struct actor a = actor_of(req);
    s = audit_record(req->db, &a, action, "finance_record", sid, before, after);
    json_decref(after);
    return s;
}

/* ---- settings ---- */

static json_t *settings_json(const struct finance_settings *st)
{
    json_t *o = json_object();
    json_set_money(o, "approval_threshold_fen", "approval_threshold", st->approval_threshold_fen);
    json_set_int(o, "receipt_max_bytes", st->receipt_max_bytes);
    json_set_int(o, "receipt_max_bytes_limit", RECEIPT_MAX_BYTES_LIMIT);
    json_set_str(o, "updated_by", st->updated_by);
    json_object_set_new(o, "updated_at", st->updated_at ? json_integer(st->updated_at) : json_null());
    return o;
}

/* GET /api/v1/finance/settings */
static void settings_get(struct request *req)
{
    struct finance_settings st;
    enum db_status s = finance_settings_load(req->db, req->user.venue_id, &st);
    if (s != DB_OK) {
        reply_db_error(req, s, "财务设置", "finance settings");
        return;
    }
    reply_json(req, 200, settings_json(&st));
}

static const char *const settings_fields[] = {"approval_threshold_fen", "receipt_max_bytes", NULL};

/* PUT /api/v1/finance/settings {approval_threshold_fen?, receipt_max_bytes?} */
static void settings_put(struct request *req)
{
    json_t *body = req_json_object(req, settings_fields), *before = NULL, *after = NULL;
    if (!body) return;
    struct finance_settings st;
    enum db_status s = db_begin_write(req->db);
    if (s == DB_OK) s = finance_settings_load(req->db, req->user.venue_id, &st);
    if (s != DB_OK) {
        reply_db_error(req, s, "财务设置", "finance settings");
        goto out;
    }
    /* The approval line is a control over finance itself: only a manager moves it (finance
     * could otherwise raise it and post any amount unapproved). */
    if (json_object_get(body, "approval_threshold_fen") && !is_manager(req)) {
        db_rollback(req->db);
        reply_error(req, 403, "manager_only", "approval_threshold_fen",
                    "审批金额线只能由经理或管理员修改", "only a manager changes the approval line");
        goto out;
    }
    before = settings_json(&st);
    if (!jfield_fen(req, body, "approval_threshold_fen", "审批金额线（分）",
                    "approval_threshold_fen", false, &st.approval_threshold_fen) ||
        !jfield_int(req, body, "receipt_max_bytes", "票据大小上限（字节）", "receipt_max_bytes",
                    false, RECEIPT_MIN_BYTES_LIMIT, RECEIPT_MAX_BYTES_LIMIT, &st.receipt_max_bytes))
        goto out;
    snprintf(st.updated_by, sizeof st.updated_by, "%s", req->user.username);
    st.updated_at = now_epoch();
    s = finance_settings_save(req->db, req->user.venue_id, &st);
    after = settings_json(&st);
    struct actor a = actor_of(req);
    char vid[24];
    snprintf(vid, sizeof vid, "%lld", (long long)req->user.venue_id);
    if (s == DB_OK) s = audit_record(req->db, &a, "update", "finance_settings", vid, before, after);
    if (s == DB_OK) s = db_commit(req->db);
    if (s != DB_OK) {
        reply_db_error(req, s, "财务设置", "finance settings");
        goto out;
    }
    reply_json(req, 200, json_incref(after));
out:
    json_decref(before);
    json_decref(after);
    json_decref(body);
}

/* ---- categories and channels ---- */

static bool append_category(const struct record_category *c, void *ctx)
{
    json_t *o = json_object();
    json_set_int(o, "id", c->id);
    json_set_str(o, "code", c->code);
    json_set_str(o, "name", c->name);
    json_set_str(o, "name_en", c->name_en);
    json_set_str(o, "kind", record_category_fits(true, c->type, c->grp) ? "expense" : "income");
    json_set_str(o, "system_key", c->system_key[0] ? c->system_key : NULL);
    json_array_append_new(ctx, o);
    return true;
}

/* GET /api/v1/finance/categories?kind=income|expense: the accounts a record may name, and the
 * channels with the account each moves. */
static void categories_get(struct request *req)
{
    const char *kind = req_query(req, "kind");
    if (kind && *kind && strcmp(kind, "income") && strcmp(kind, "expense")) {
        bad_field(req, "kind", "收支类型应为 income 或 expense", "kind must be income or expense");
        return;
    }
    json_t *items = json_array(), *channels = json_array();
    enum db_status s = record_category_list(req->db, req->user.venue_id, kind, append_category, items);
    if (s != DB_OK) {
        json_decref(items);
        json_decref(channels);
        reply_db_error(req, s, "科目", "accounts");
        return;
    }
    for (int i = 0; i < record_channel_count; i++)
        json_array_append_new(channels,
                              json_pack("{s:s,s:s,s:s,s:s}", "id", record_channels[i].id,
                                        "account", record_channels[i].account_key, "name",
                                        record_channels[i].name_zh, "name_en",
                                        record_channels[i].name_en));
    reply_json(req, 200, json_pack("{s:o,s:o}", "items", items, "channels", channels));
}

/* ---- the list ---- */

static json_t *totals_json(const struct record_totals *t)
{
    json_t *o = json_object();
    json_set_int(o, "count", t->count);
    json_set_money(o, "income_fen", "income", t->income_fen);
    json_set_money(o, "expense_fen", "expense", t->expense_fen);
    json_set_money(o, "net_fen", "net", t->income_fen - t->expense_fen);
    json_set_money(o, "pending_income_fen", NULL, t->pending_income_fen);
    json_set_money(o, "pending_expense_fen", NULL, t->pending_expense_fen);
    return o;
}

static bool append_record(const struct record *r, void *ctx)
{
    json_array_append_new(ctx, record_json(r));
    return true;
}

/* GET /api/v1/finance/records: a page of the filter, newest day first by default, and the
 * totals of the whole filter (money of posted records; pending ones apart). */
static void records_list(struct request *req)
{
    struct record_filter f;
    int64_t page, page_size;
    struct record_totals t;
    enum db_status s = db_begin_read(req->db);
    if (s != DB_OK) {
        reply_record_error(req, s);
        return;
    }
    if (!read_filter(req, &f) || !req_paging(req, &page, &page_size)) return;
    f.limit = page_size;
    f.offset = (page - 1) * page_size;
    json_t *items = json_array();
    s = record_list(req->db, req->user.venue_id, &f, append_record, items, &t);
    db_rollback(req->db);
    if (s != DB_OK) {
        json_decref(items);
        reply_record_error(req, s);
        return;
    }
    json_t *out = json_object();
    json_object_set_new(out, "items", items);
    json_set_int(out, "total", t.count);
    json_set_int(out, "page", page);
    json_set_int(out, "page_size", page_size);
    json_object_set_new(out, "totals", totals_json(&t));
    reply_json(req, 200, out);
}

/* ---- export ---- */

static const struct table_col export_cols[] = {
    {"id", "编号", "No.", COL_INT},
    {"day", "营业日", "Business day", COL_DATE},
    {"kind", "收支", "Kind", COL_TEXT},
    {"category_code", "科目编码", "Account code", COL_TEXT},
    {"category", "类别", "Category", COL_TEXT},
    {"amount_fen", "金额", "Amount", COL_MONEY},
    {"channel", "渠道", "Channel", COL_TEXT},
    {"counterparty", "对方", "Counterparty", COL_TEXT},
    {"note", "备注", "Note", COL_TEXT},
    {"status", "状态", "Status", COL_TEXT},
    {"created_by", "经办人", "Entered by", COL_TEXT},
    {"decided_by", "审批人", "Approved by", COL_TEXT},
    {"receipt", "票据", "Receipt", COL_TEXT},
};

static const struct table_col total_cols[] = {
    {"item", "项目", "Item", COL_TEXT},
    {"amount_fen", "金额", "Amount", COL_MONEY},
};

struct export_ctx {
    json_t *rows;
    bool english;
};

static const char *status_name(const char *status, bool english)
{
    static const char *const names[][3] = {{"pending", "待审批", "pending approval"},
                                           {"posted", "已入账", "posted"},
                                           {"rejected", "已驳回", "rejected"},
                                           {"cancelled", "已冲销", "cancelled"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i][0], status) == 0) return names[i][english ? 2 : 1];
    return status;
}

static bool export_row(const struct record *r, void *vctx)
{
    struct export_ctx *x = vctx;
    const struct record_channel *ch = record_channel_find(r->channel);
    bool income = strcmp(r->kind, "income") == 0;
    json_t *o = json_object();
    json_set_int(o, "id", r->id);
    json_set_str(o, "day", r->day);
    json_set_str(o, "kind", x->english ? r->kind : income ? "收入" : "支出");
    json_set_str(o, "category_code", r->account_code);
    json_set_str(o, "category",
                 x->english && r->account_name_en[0] ? r->account_name_en : r->account_name);
    json_set_int(o, "amount_fen", r->amount_fen);
    json_set_str(o, "channel", ch ? (x->english ? ch->name_en : ch->name_zh) : r->channel);
    json_set_str(o, "counterparty", r->counterparty);
    json_set_str(o, "note", r->note);
    json_set_str(o, "status", status_name(r->status, x->english));
    json_set_str(o, "created_by", r->created_by);
    json_set_str(o, "decided_by", r->decided_by);
    json_set_str(o, "receipt", r->receipt_sha256[0] ? (x->english ? "yes" : "有") : "");
    json_array_append_new(x->rows, o);
    return true;
}

static void total_row(json_t *rows, const char *item, int64_t fen)
{
    json_array_append_new(rows, json_pack("{s:s,s:I}", "item", item, "amount_fen", (json_int_t)fen));
}

/* GET /api/v1/finance/records/export?format=csv|xlsx&(the list's filters): every record of the
 * filter in the list's order, then the totals. */
static void records_export(struct request *req)
{
    const char *format = req_query(req, "format");
    if (!format || !*format) format = "xlsx";
    if (strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0) {
        bad_field(req, "format", "导出格式应为 csv 或 xlsx", "format must be csv or xlsx");
        return;
    }
    struct record_filter f;
    struct record_totals t;
    enum db_status s = db_begin_read(req->db);
    if (s != DB_OK) {
        reply_record_error(req, s);
        return;
    }
    if (!read_filter(req, &f)) return;
    f.limit = -1;
    s = record_list(req->db, req->user.venue_id, &f, NULL, NULL, &t);
    if (s == DB_OK && t.count > EXPORT_MAX_ROWS) {
        reply_error(req, 400, "too_many_rows", "from", "要导出的记录超过 200,000 条，请缩小日期范围",
                    "more than 200,000 records to export: narrow the dates");
        return;
    }
    struct export_ctx x = {json_array(), req->english};
    if (s == DB_OK) s = record_list(req->db, req->user.venue_id, &f, export_row, &x, &t);
    db_rollback(req->db);
    if (s != DB_OK) {
        json_decref(x.rows);
        reply_record_error(req, s);
        return;
    }
    bool en = req->english;
    json_t *sums = json_array();
    total_row(sums, en ? "Income posted" : "已入账收入", t.income_fen);
    total_row(sums, en ? "Expense posted" : "已入账支出", t.expense_fen);
    total_row(sums, en ? "Net" : "收支净额", t.income_fen - t.expense_fen);
    total_row(sums, en ? "Income pending approval" : "待审批收入", t.pending_income_fen);
    total_row(sums, en ? "Expense pending approval" : "待审批支出", t.pending_expense_fen);
    struct table tables[2] = {
        {"财务收支", "Income and expense", export_cols,
         (int)(sizeof export_cols / sizeof export_cols[0]), x.rows, false},
        {"合计", "Totals", total_cols, (int)(sizeof total_cols / sizeof total_cols[0]), sums, false},
    };
    size_t len = 0;
    char *data = strcmp(format, "xlsx") == 0 ? export_xlsx(tables, 2, en, &len)
                                             : export_csv(tables, 2, en, &len);
    json_decref(x.rows);
    json_decref(sums);
    if (!data) {
        reply_internal(req);
        return;
    }
    char name[80];
    snprintf(name, sizeof name, "finance-records-%s-%s.%s",
             f.from_day && *f.from_day ? f.from_day : "all",
             f.to_day && *f.to_day ? f.to_day : "all", format);
    reply_bytes(req, 200,
                strcmp(format, "csv") == 0
                    ? "text/csv; charset=utf-8"
                    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                data, len, name);
}

/* ---- writing a record ---- */

static const char *const create_fields[] = {"day",     "kind",         "category", "amount",
                                            "amount_fen", "channel", "counterparty", "note",
                                            NULL};

/* POST /api/v1/finance/records {day?, kind, category, amount | amount_fen, channel,
 * counterparty?, note?}: posted at once, or pending above the approval threshold. */
static void records_create(struct request *req)
{
    json_t *body = req_json_object(req, create_fields);
    if (!body) return;
    const char *kind = NULL, *channel_id = NULL, *counterparty = "", *note = "", *day = NULL;
    int64_t amount = 0;
    char today[11];
    if (!jfield_str(req, body, "kind", "收支类型", "kind", true, 10, &kind)) goto out;
    if (strcmp(kind, "income") != 0 && strcmp(kind, "expense") != 0) {
        bad_field(req, "kind", "收支类型：应为 income（收入）或 expense（支出）",
                  "kind: must be income or expense");
        goto out;
    }
    bool expense = strcmp(kind, "expense") == 0;
    json_t *category = json_object_get(body, "category");
    if (!category || json_is_null(category)) {
        bad_field(req, "category", "类别：必须填写", "category: is required");
        goto out;
    }
    if (!read_amount(req, body, &amount)) goto out;
    if (!jfield_str(req, body, "channel", "渠道", "channel", true, 20, &channel_id)) goto out;
    const struct record_channel *channel = record_channel_find(channel_id);
    if (channel_id && strcmp(channel_id, "petty_cash") == 0) {
        bad_field(req, "channel", "备用金支出请在“备用金”页面登记（领用、报销或直接支付），以保持备用金账实相符",
                  "petty cash spending is registered on the petty cash page (issue, reimburse or "
                  "pay directly), so that the fund stays whole");
        goto out;
    }
    if (!channel) {
        bad_field(req, "channel", "渠道：应为 cash（现金）、bank（银行）、wechat（微信）或 alipay（支付宝）",
                  "channel: must be cash, bank, wechat or alipay");
        goto out;
    }
    if (!read_text(req, body, "counterparty", "对方", "counterparty", false,
                   RECORD_PARTY_MAX_CHARS, &counterparty) ||
        !read_text(req, body, "note", "备注", "note", false, RECORD_TEXT_MAX_CHARS, &note) ||
        !jfield_str(req, body, "day", "营业日", "day", false, 10, &day))
        goto out;
    if (!today_of(req, today)) goto out;
    int64_t dn;
    if (day && *day && !date_parse(day, &dn)) {
        bad_field(req, "day", "营业日：应为 YYYY-MM-DD 的日期", "day: must be a date YYYY-MM-DD");
        goto out;
    }
    if (!day || !*day) day = today;
    if (strcmp(day, today) > 0) {
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "营业日：不能晚于今天的营业日 %s", today);
        snprintf(en, sizeof en, "day: may not be after today's business day %s", today);
        bad_field(req, "day", zh, en);
        goto out;
    }

    enum db_status s = db_begin_write(req->db);
    if (s != DB_OK) {
        reply_record_error(req, s);
        goto out;
    }
    struct record_category cat;
    if (!read_category(req, category, expense, "category", &cat)) goto out;
    struct finance_settings st;
    bool locked = false;
    s = finance_settings_load(req->db, req->user.venue_id, &st);
    if (s == DB_OK) s = finance_day_locked(req->db, req->user.venue_id, day, &locked);
    if (s != DB_OK) {
        reply_record_error(req, s);
        goto out;
    }
    if (locked) {
        reply_day_locked(req, day);
        goto out;
    }
    /* A record that waits is checked when it is approved (it posts then). */
    if (!record_needs_approval(amount, st.approval_threshold_fen) &&
        !safe_covers(req, expense, channel->id, day, amount))
        goto out;
    struct record_new n = {
        .day = day,
        .expense = expense,
        .category = &cat,
        .amount_fen = amount,
        .channel = channel,
        .counterparty = counterparty,
        .note = note,
        .created_by = req->user.username,
        .created_by_id = req->user.id,
        .created_at = now_epoch(),
        .pending = record_needs_approval(amount, st.approval_threshold_fen),
    };
    int64_t id = 0;
    enum fin_status fs = record_create(req->db, req->user.venue_id, &n, false, &id);
    if (fs != FIN_OK) {
        db_rollback(req->db);
        finance_reply(req, fs);
        goto out;
    }
    s = audit_of(req, "create", id, NULL);
    if (s != DB_OK) {
        reply_record_error(req, s);
        goto out;
    }
    commit_reply(req, 201, id);
out:
    json_decref(body);
}

/* GET /api/v1/finance/records/:id */
static void records_get(struct request *req)
{
    int64_t id = req_param_id(req, "id");
    enum db_status s = id ? db_begin_read(req->db) : DB_NOT_FOUND;
    json_t *detail = s == DB_OK ? record_detail(req, id, &s) : NULL;
    db_rollback(req->db);
    if (!detail) {
        reply_record_error(req, s);
        return;
    }
    reply_json(req, 200, json_pack("{s:o}", "record", detail));
}

/* Opens the write transaction and loads the record of the path; replies on failure. The
 * record's JSON before the change goes to *before (caller frees). */
static bool begin_on_record(struct request *req, struct record *r, json_t **before)
{
    int64_t id = req_param_id(req, "id");
    enum db_status s = id ? db_begin_write(req->db) : DB_NOT_FOUND;
    if (s == DB_OK) s = record_load(req->db, req->user.venue_id, id, r);
    if (s != DB_OK) {
        reply_record_error(req, s);
        return false;
    }
    *before = record_json(r);
    return true;
}

static void reply_wrong_status(struct request *req, const struct record *r, const char *want_zh,
                               const char *want_en)
{
    char zh[200], en[200];
    snprintf(zh, sizeof zh, "收支记录 #%lld 当前为%s，%s", (long long)r->id,
             status_name(r->status, false), want_zh);
    snprintf(en, sizeof en, "record #%lld is %s; %s", (long long)r->id,
             status_name(r->status, true), want_en);
    reply_error(req, 409, "wrong_status", NULL, zh, en);
}

static const char *const approve_fields[] = {"note", NULL};

/* POST /api/v1/finance/records/:id/approve {note?}: a manager or admin other than the writer
 * posts a pending record into its own business day. */
static void records_approve(struct request *req)
{
    json_t *body = req->body_len ? req_json_object(req, approve_fields) : json_object();
    if (!body) return;
    json_t *before = NULL;
    const char *note = "";
    struct record r;
    if (!read_text(req, body, "note", "审批意见", "note", false, RECORD_TEXT_MAX_CHARS, &note) ||
        !begin_on_record(req, &r, &before))
        goto out;
    if (!is_manager(req)) {
        reply_error(req, 403, "not_approver", NULL, "只有经理或管理员可以审批收支记录",
                    "only a manager or an admin may approve a record");
        goto out;
    }
    if (strcmp(r.status, "pending") != 0) {
        reply_wrong_status(req, &r, "只有待审批的记录可以审批", "only a pending record is approved");
        goto out;
    }
    if (r.created_by_id == req->user.id) {
        reply_error(req, 403, "own_record", NULL, "不能审批自己录入的收支记录，请由另一位经理审批",
                    "you may not approve a record you entered; another manager approves it");
        goto out;
    }
    bool locked = false;
    enum db_status s = finance_day_locked(req->db, req->user.venue_id, r.day, &locked);
    if (s != DB_OK) {
        reply_record_error(req, s);
        goto out;
    }
    if (locked) {
        reply_day_locked(req, r.day);
        goto out;
    }
    if (!safe_covers(req, strcmp(r.kind, "expense") == 0, r.channel, r.day, r.amount_fen))
        goto out;
    enum fin_status fs = record_approve(req->db, &r, req->user.username, now_epoch(), note, false);
    if (fs != FIN_OK) {
        db_rollback(req->db);
        finance_reply(req, fs);
        goto out;
    }
    s = audit_of(req, "approve", r.id, before);
    if (s != DB_OK) {
        reply_record_error(req, s);
        goto out;
    }
    commit_reply(req, 200, r.id);
out:
    json_decref(before);
    json_decref(body);
}

static const char *const reason_fields[] = {"reason", NULL};

/* POST /api/v1/finance/records/:id/reject {reason}: nothing posts; the record stays, rejected. */
static void records_reject(struct request *req)
{
    json_t *body = req_json_object(req, reason_fields), *before = NULL;
    if (!body) return;
    const char *reason = "";
    struct record r;
    if (!read_text(req, body, "reason", "驳回原因", "reason", true, RECORD_TEXT_MAX_CHARS,
                   &reason) ||
        !begin_on_record(req, &r, &before))
        goto out;
    bool own = r.created_by_id && r.created_by_id == req->user.id;
    if (!is_manager(req) && !own) {
        reply_error(req, 403, "not_approver", NULL,
                    "只有经理、管理员或录入人本人可以驳回收支记录",
                    "only a manager, an admin or the one who entered it may reject a record");
        goto out;
    }
    if (strcmp(r.status, "pending") != 0) {
        reply_wrong_status(req, &r, "只有待审批的记录可以驳回", "only a pending record is rejected");
        goto out;
    }
    enum db_status s = record_reject(req->db, &r, req->user.username, now_epoch(), reason);
    if (s == DB_OK) s = audit_of(req, "reject", r.id, before);
    if (s != DB_OK) {
        reply_record_error(req, s);
        goto out;
    }
    commit_reply(req, 200, r.id);
out:
    json_decref(before);
    json_decref(body);
}

/* POST /api/v1/finance/records/:id/cancel {reason}: the reversal of its entry posts into
 * today's business day (which must be open), naming the entry it reverses. */
static void records_cancel(struct request *req)
{
    json_t *body = req_json_object(req, reason_fields), *before = NULL;
    if (!body) return;
    const char *reason = "";
    char today[11];
    struct record r;
    if (!read_text(req, body, "reason", "冲销原因", "reason", true, RECORD_TEXT_MAX_CHARS,
                   &reason) ||
        !today_of(req, today) || !begin_on_record(req, &r, &before))
        goto out;
    if (strcmp(r.status, "posted") != 0) {
        reply_wrong_status(req, &r,
                           "只有已入账的记录可以冲销（待审批的请驳回）",
                           "only a posted record is cancelled (reject a pending one)");
        goto out;
    }
    bool locked = false;
    enum db_status s = finance_day_locked(req->db, req->user.venue_id, today, &locked);
    if (s != DB_OK) {
        reply_record_error(req, s);
        goto out;
    }
    if (locked) {
        reply_day_locked(req, today);
        goto out;
    }
    enum fin_status fs = record_cancel(req->db, &r, today, req->user.username, now_epoch(), reason);
    if (fs != FIN_OK) {
        db_rollback(req->db);
        finance_reply(req, fs);
        goto out;
    }
    s = audit_of(req, "cancel", r.id, before);
    if (s != DB_OK) {
        reply_record_error(req, s);
        goto out;
    }
    commit_reply(req, 200, r.id);
out:
    json_decref(before);
    json_decref(body);
}

/* ---- receipts ---- */

/* POST /api/v1/finance/records/:id/receipt with the file as the raw body and its type as the
 * Content-Type. The type is checked against the file's first bytes, the size against the
 * venue's cap; the file is stored under its SHA-256 (no name from the client is used). */
static void receipt_post(struct request *req)
{
    json_t *before = NULL;
    struct record r;
    const struct receipt_type *declared = receipt_type_of_mime(req_header(req, "Content-Type"));
    if (!declared) {
        reply_error(req, 415, "unsupported_type", NULL,
                    "票据只接受 JPEG、PNG、WebP 图片或 PDF 文件",
                    "a receipt must be a JPEG, PNG or WebP image or a PDF");
        return;
    }
    if (!req->body || req->body_len == 0) {
        reply_error(req, 400, "empty", NULL, "没有收到文件内容", "the file is empty");
        return;
    }
    if (!begin_on_record(req, &r, &before)) goto out;
    if (strcmp(r.status, "rejected") == 0 || strcmp(r.status, "cancelled") == 0) {
        reply_wrong_status(req, &r, "不能再更换票据", "its receipt can no longer change");
        goto out;
    }
    /* The receipt of a record in a closed day is evidence of the closed books: one may still
     * be attached where none was, but it is never replaced. */
    bool locked = false;
    enum db_status s = r.receipt_sha256[0]
                           ? finance_day_locked(req->db, req->user.venue_id, r.day, &locked)
                           : DB_OK;
    if (s == DB_OK && locked) {
        db_rollback(req->db);
        char zh[240], en[240];
        snprintf(zh, sizeof zh, "营业日 %s 已确认锁定，该记录的票据不能再更换", r.day);
        snprintf(en, sizeof en, "business day %s is locked: the record's receipt is not replaced",
                 r.day);
        reply_error(req, 409, "day_locked", NULL, zh, en);
        goto out;
    }
    struct finance_settings st;
    if (s == DB_OK) s = finance_settings_load(req->db, req->user.venue_id, &st);
    if (s != DB_OK) {
        reply_record_error(req, s);
        goto out;
    }
    if ((int64_t)req->body_len > st.receipt_max_bytes) {
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "文件 %zu 字节，超过上限 %lld 字节（%lld KB）", req->body_len,
                 (long long)st.receipt_max_bytes, (long long)(st.receipt_max_bytes / 1024));
        snprintf(en, sizeof en, "the file has %zu bytes, above the limit of %lld bytes (%lld KB)",
                 req->body_len, (long long)st.receipt_max_bytes,
                 (long long)(st.receipt_max_bytes / 1024));
        reply_error(req, 413, "too_large", NULL, zh, en);
        goto out;
    }
    const struct receipt_type *actual = receipt_sniff(req->body, req->body_len);
    if (actual != declared) {
        char zh[200], en[200];
        snprintf(zh, sizeof zh, "文件内容不是所声明的 %s%s", declared->mime,
                 actual ? "（类型与内容不符）" : "，也不是 JPEG、PNG、WebP 或 PDF");
        snprintf(en, sizeof en, "the file's content is not the declared %s%s", declared->mime,
                 actual ? "" : ", nor any of JPEG, PNG, WebP or PDF");
        reply_error(req, 415, "unsupported_type", NULL, zh, en);
        goto out;
    }
    char sha[65];
    /* The file lands before the row points at it: a failed commit leaves an unused file,
     * never a row without its file. */
    if (!receipt_store(req->cfg->db_path, req->user.venue_id, req->body, req->body_len, actual,
                       sha)) {
        reply_internal(req);
        goto out;
    }
    s = record_set_receipt(req->db, &r, sha, actual->mime, (int64_t)req->body_len,
                           req->user.username, now_epoch());
    if (s == DB_OK) s = audit_of(req, "receipt", r.id, before);
    if (s != DB_OK) {
        reply_record_error(req, s);
        goto out;
    }
    commit_reply(req, 200, r.id);
out:
    json_decref(before);
}

/* GET /api/v1/finance/records/:id/receipt: the file, inline, with its own type. */
static void receipt_get(struct request *req)
{
    int64_t id = req_param_id(req, "id");
    struct record r;
    enum db_status s = id ? record_load(req->db, req->user.venue_id, id, &r) : DB_NOT_FOUND;
    if (s != DB_OK) {
        reply_record_error(req, s);
        return;
    }
    const struct receipt_type *type = receipt_type_of_mime(r.receipt_type);
    if (!r.receipt_sha256[0] || !type) {
        reply_error(req, 404, "no_receipt", NULL, "该记录没有票据", "the record has no receipt");
        return;
    }
    size_t len = 0;
    char *data = receipt_read(req->cfg->db_path, req->user.venue_id, r.receipt_sha256, type, &len);
    if (!data) {
        reply_error(req, 500, "receipt_unreadable", NULL, "票据文件缺失或已损坏，请联系管理员",
                    "the receipt file is missing or damaged; tell the administrator");
        return;
    }
    /* type->mime is a static string, as reply_bytes wants; nosniff comes with every reply. */
    reply_bytes(req, 200, type->mime, data, len, NULL);
    char cd[96];
    snprintf(cd, sizeof cd, "inline; filename=\"receipt-%lld.%s\"", (long long)r.id, type->ext);
    free(req->content_disposition);
    req->content_disposition = strdup(cd);
}

const struct route records_routes[] = {
    {"GET", "/api/v1/finance/settings", settings_get, "finance", ACCESS_READ, 0},
    {"PUT", "/api/v1/finance/settings", settings_put, "finance", ACCESS_WRITE, 0},
    {"GET", "/api/v1/finance/categories", categories_get, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/finance/records", records_list, "finance", ACCESS_READ, 0},
    {"POST", "/api/v1/finance/records", records_create, "finance", ACCESS_WRITE, 0},
    /* Before /records/:id, which would otherwise take "export" for an id. */
    {"GET", "/api/v1/finance/records/export", records_export, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/finance/records/:id", records_get, "finance", ACCESS_READ, 0},
    {"POST", "/api/v1/finance/records/:id/approve", records_approve, "finance", ACCESS_WRITE, 0},
    {"POST", "/api/v1/finance/records/:id/reject", records_reject, "finance", ACCESS_WRITE, 0},
    {"POST", "/api/v1/finance/records/:id/cancel", records_cancel, "finance", ACCESS_WRITE, 0},
    /* The receipt's body cap is the largest the settings allow; the venue's own (smaller) cap
     * is checked by the handler. The caller is checked before the body is read (http.c). */
    {"POST", "/api/v1/finance/records/:id/receipt", receipt_post, "finance", ACCESS_WRITE,
     RECEIPT_MAX_BYTES_LIMIT},
    {"GET", "/api/v1/finance/records/:id/receipt", receipt_get, "finance", ACCESS_READ, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
