/* finance/transfers_api.c: the endpoints of fund transfers and channel settlements (资金划转
 * 与渠道到账). Parse and validate, one transaction that loads, calls the rules and the store
 * (transfers.c, transfers_store.c) and writes, audit, JSON out.
 *
 *   GET  /api/v1/finance/balances                   safe, bank and clearing on the books, and
 *                                                   what each channel took in on the last 7 days
 *   GET  /api/v1/finance/transfers?from&to&account&page&page_size   with the filter's totals
 *   POST /api/v1/finance/transfers                  write one (posts at once)
 *   GET  /api/v1/finance/transfers/:id              the transfer and its entry's lines
 *   POST /api/v1/finance/transfers/:id/cancel       a reversal entry today; the transfer cancelled
 *
 * Who may do what: the route table asks for the module "finance" (read, or write with the CSRF
 * token). */
#include "finance/records.h"
#include "finance/transfers.h"

#include "core/audit.h"
#include "core/bizday.h"
#include "core/json.h"
#include "core/money.h"
#include "core/venue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the balances show of each channel: a week of takings, so the page can tell which day's
 * settlement is still to arrive (T+1, T+3 over a weekend for some acquirers). */
#define RECEIVED_DAYS 7

/* ---- small helpers ---- */

static void bad_field(struct request *req, const char *field, const char *zh, const char *en)
{
    reply_error(req, 400, "invalid_field", field, zh, en);
}

static void reply_transfer_error(struct request *req, enum db_status s)
{
    reply_db_error(req, s, "资金划转", "transfer");
}

/* The answer finance_reply gives for a locked day, for the check made before anything is
 * posted (the day is known here). */
static void reply_day_locked(struct request *req, const char *day)
{
    char zh[240], en[240];
    snprintf(zh, sizeof zh,
             "营业日 %s 已确认锁定，不能再记入该日。如需更正，请在未锁定的日期做冲销。", day);
    snprintf(en, sizeof en,
             "business day %s is confirmed and locked; post a correction in an open day", day);
    reply_error(req, 409, "day_locked", NULL, zh, en);
}

/* The venue's business day now; replies on failure. */
static bool today_of(struct request *req, char out[11])
{
    enum db_status s = finance_today(req->db, req->user.venue_id, out);
    if (s != DB_OK) {
        reply_db_error(req, s, "门店", "venue");
        return false;
    }
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

/* Money given as key (yuan as text, "350.00": exact, at most two decimals, a sign allowed so
 * that the rules say what is wrong with a negative) or key_fen (whole fen); at most one of
 * them. Absent: *fen is left alone and *given false. Replies 400 naming key on a bad value. */
static bool read_money(struct request *req, json_t *body, const char *key, const char *key_fen,
                       const char *label_zh, const char *label_en, int64_t *fen, bool *given)
{
    json_t *yuan = json_object_get(body, key), *whole = json_object_get(body, key_fen);
    if (yuan && json_is_null(yuan)) yuan = NULL;
    if (whole && json_is_null(whole)) whole = NULL;
    char zh[300], en[300];
    *given = yuan || whole;
    if (yuan && whole) {
        snprintf(zh, sizeof zh, "%s：%s 与 %s 只能填一个", label_zh, key, key_fen);
        snprintf(en, sizeof en, "%s: give %s or %s, not both", label_en, key, key_fen);
        bad_field(req, key, zh, en);
        return false;
    }
    if (whole) {
        if (!json_is_integer(whole)) {
            snprintf(zh, sizeof zh, "%s：%s 应为整数（分）", label_zh, key_fen);
            snprintf(en, sizeof en, "%s: %s must be a whole number of fen", label_en, key_fen);
            bad_field(req, key_fen, zh, en);
            return false;
        }
        if (json_integer_value(whole) < -MONEY_MAX_FEN || json_integer_value(whole) > MONEY_MAX_FEN) {
            snprintf(zh, sizeof zh, "%s：%s", label_zh, money_parse_message(MONEY_RANGE, 0));
            snprintf(en, sizeof en, "%s: %s", label_en, money_parse_message(MONEY_RANGE, 1));
            bad_field(req, key_fen, zh, en);
            return false;
        }
        *fen = json_integer_value(whole);
        return true;
    }
    if (!yuan) return true;
    if (!json_is_string(yuan)) {
        snprintf(zh, sizeof zh, "%s：应为文字形式的元，如 \"350.00\"", label_zh);
        snprintf(en, sizeof en, "%s: must be yuan as text, such as \"350.00\"", label_en);
        bad_field(req, key, zh, en);
        return false;
    }
    enum money_parse_result r =
        money_parse(json_string_value(yuan), json_string_length(yuan), 1, fen);
    if (r != MONEY_OK) {
        snprintf(zh, sizeof zh, "%s：%s", label_zh, money_parse_message(r, 0));
        snprintf(en, sizeof en, "%s: %s", label_en, money_parse_message(r, 1));
        bad_field(req, key, zh, en);
        return false;
    }
    return true;
}

/* ---- output ---- */

static json_t *transfer_json(const struct transfer *t)
{
    enum transfer_kind k = transfer_kind_of(t->from_account, t->to_account);
    const struct transfer_account *from = transfer_account_find(t->from_account);
    const struct transfer_account *to = transfer_account_find(t->to_account);
    json_t *o = json_object();
    json_set_int(o, "id", t->id);
    json_set_str(o, "day", t->day);
    json_set_str(o, "kind", transfer_kind_id(k));
    json_set_str(o, "kind_name", transfer_kind_name(k, false));
    json_set_str(o, "kind_name_en", transfer_kind_name(k, true));
    json_set_str(o, "from_account", t->from_account);
    json_set_str(o, "from_name", from ? from->name_zh : t->from_account);
    json_set_str(o, "from_name_en", from ? from->name_en : t->from_account);
    json_set_str(o, "to_account", t->to_account);
    json_set_str(o, "to_name", to ? to->name_zh : t->to_account);
    json_set_str(o, "to_name_en", to ? to->name_en : t->to_account);
    json_set_money(o, "amount_fen", "amount", t->amount_fen);
    json_set_money(o, "fee_fen", "fee", t->fee_fen);
    json_set_money(o, "arrived_fen", "arrived", t->amount_fen - t->fee_fen);
    json_set_str(o, "reference", t->reference);
    json_set_str(o, "note", t->note);
    json_set_str(o, "status", t->status);
    json_set_str(o, "created_by", t->created_by);
    json_set_int(o, "created_by_id", t->created_by_id);
    json_set_int(o, "created_at", t->created_at);
    json_set_int(o, "entry_id", t->entry_id);
    json_set_str(o, "cancelled_by", t->cancelled_by);
    json_object_set_new(o, "cancelled_at",
                        t->cancelled_at ? json_integer(t->cancelled_at) : json_null());
    json_set_str(o, "cancel_reason", t->cancel_reason);
    json_object_set_new(o, "reversal_entry_id",
                        t->reversal_entry_id ? json_integer(t->reversal_entry_id) : json_null());
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

/* The transfer with its entry's lines and its reversal's, read in the caller's transaction.
 * NULL (*s set) on failure. The caller owns the result. */
static json_t *transfer_detail(struct request *req, int64_t id, enum db_status *s)
{
    struct transfer t;
    *s = transfer_load(req->db, req->user.venue_id, id, &t);
    if (*s != DB_OK) return NULL;
    json_t *out = transfer_json(&t), *lines = json_array(), *rev = json_array();
    *s = record_entry_lines(req->db, t.venue_id, t.entry_id, append_line, lines);
    if (*s == DB_OK && t.reversal_entry_id)
        *s = record_entry_lines(req->db, t.venue_id, t.reversal_entry_id, append_line, rev);
    json_object_set_new(out, "lines", lines);
    json_object_set_new(out, "reversal_lines", rev);
    if (*s != DB_OK) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* Commits the caller's write transaction and replies {"transfer": detail} with status. */
static void commit_reply(struct request *req, int status, int64_t id)
{
    enum db_status s = db_commit(req->db);
    if (s != DB_OK) {
        reply_transfer_error(req, s);
        return;
    }
    s = db_begin_read(req->db);
    json_t *detail = s == DB_OK ? transfer_detail(req, id, &s) : NULL;
    db_rollback(req->db);
    if (!detail) {
        reply_transfer_error(req, s);
        return;
    }
    reply_json(req, status, json_pack("{s:o}", "transfer", detail));
}

static enum db_status audit_of(struct request *req, const char *action, int64_t id,
                               const json_t *before)
{
    struct transfer t;
    enum db_status s = transfer_load(req->db, req->user.venue_id, id, &t);
    if (s != DB_OK) return s;
    json_t *after = transfer_json(&t);
    char sid[24];
    snprintf(sid, sizeof sid, "%lld", (long long)id);
    struct actor a = actor_of(req);
    s = audit_record(req->db, &a, action, "fund_transfer", sid, before, after);
    json_decref(after);
    return s;
}

/* ---- balances ---- */

/* GET /api/v1/finance/balances: every money account a transfer names, as the chart calls it,
 * with its balance on the books; for each channel, what it took in on each of the last seven
 * business days (today last) and the settlement to expect for yesterday's takings at the
 * channel's usual rate. */
static void balances_get(struct request *req)
{
    char today[11], first[11];
    if (!today_of(req, today)) return;
    int64_t t = 0;
    date_parse(today, &t);
    int64_t first_day = t - (RECEIVED_DAYS - 1);
    date_format(first_day, first);
    enum db_status s = db_begin_read(req->db);
    json_t *items = json_array();
    int64_t total = 0;
    for (int i = 0; s == DB_OK && i < transfer_account_count; i++) {
        const struct transfer_account *a = &transfer_accounts[i];
        struct transfer_balance b;
        s = transfer_balance_load(req->db, req->user.venue_id, a->key, &b);
        if (s != DB_OK) break;
        json_t *o = json_object();
        json_set_str(o, "account", a->key);
        json_set_str(o, "code", b.code);
        json_set_str(o, "name", b.name);
        json_set_str(o, "name_en", b.name_en[0] ? b.name_en : a->name_en);
        json_object_set_new(o, "clearing", json_boolean(a->clearing));
        json_set_money(o, "balance_fen", "balance", b.balance_fen);
        total += b.balance_fen;
        if (a->clearing) {
            int64_t got[RECEIVED_DAYS];
            s = transfer_received_by_day(req->db, req->user.venue_id, a->key, first_day,
                                         RECEIVED_DAYS, got);
            json_t *days = json_array();
            int64_t week = 0;
            for (int k = 0; k < RECEIVED_DAYS; k++) {
                char d[11];
                date_format(first_day + k, d);
                json_t *x = json_object();
                json_set_str(x, "day", d);
                json_set_money(x, "received_fen", "received", got[k]);
                json_array_append_new(days, x);
                week += got[k];
            }
            json_object_set_new(o, "received", days);
            json_set_money(o, "received_7d_fen", "received_7d", week);
            json_set_int(o, "rate_bp", a->default_rate_bp);
            /* Yesterday's takings arrive today (T+1), less the usual fee. */
            int64_t y = got[RECEIVED_DAYS - 2] > 0 ? got[RECEIVED_DAYS - 2] : 0;
            int64_t fee = transfer_fee_at_rate(y, a->default_rate_bp);
            char yd[11];
            date_format(t - 1, yd);
            json_object_set_new(o, "expected",
                                json_pack("{s:s,s:I,s:I,s:I,s:I}", "for_day", yd, "amount_fen",
                                          (json_int_t)y, "fee_fen", (json_int_t)fee,
                                          "arrived_fen", (json_int_t)(y - fee), "rate_bp",
                                          (json_int_t)a->default_rate_bp));
        }
        json_array_append_new(items, o);
    }
    db_rollback(req->db);
    if (s != DB_OK) {
        json_decref(items);
        reply_transfer_error(req, s);
        return;
    }
    json_t *out = json_object();
    json_set_str(out, "today", today);
    json_set_str(out, "received_from", first);
    json_object_set_new(out, "items", items);
    json_set_money(out, "total_fen", "total", total);
    reply_json(req, 200, out);
}

/* ---- the list ---- */

static bool append_transfer(const struct transfer *t, void *ctx)
{
    json_array_append_new(ctx, transfer_json(t));
    return true;
}

/* GET /api/v1/finance/transfers?from&to&account&page&page_size: newest day first, and the
 * totals of the whole filter (money of posted transfers). */
static void transfers_list(struct request *req)
{
    struct transfer_filter f = {0};
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
            return;
        }
    }
    f.from_day = vals[0];
    f.to_day = vals[1];
    f.account = req_query(req, "account");
    if (f.account && *f.account && !transfer_account_find(f.account)) {
        bad_field(req, "account",
                  "账户应为 safe、bank、clr_wechat、clr_alipay、clr_card 或 clr_other",
                  "account must be safe, bank, clr_wechat, clr_alipay, clr_card or clr_other");
        return;
    }
    int64_t page, page_size;
    if (!req_paging(req, &page, &page_size)) return;
    f.limit = page_size;
    f.offset = (page - 1) * page_size;
    struct transfer_totals t;
    json_t *items = json_array();
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK) s = transfer_list(req->db, req->user.venue_id, &f, append_transfer, items, &t);
    db_rollback(req->db);
    if (s != DB_OK) {
        json_decref(items);
        reply_transfer_error(req, s);
        return;
    }
    json_t *out = json_object(), *totals = json_object();
    json_object_set_new(out, "items", items);
    json_set_int(out, "total", t.count);
    json_set_int(out, "page", page);
    json_set_int(out, "page_size", page_size);
    json_set_int(totals, "count", t.count);
    json_set_int(totals, "cancelled", t.cancelled);
    json_set_money(totals, "amount_fen", "amount", t.amount_fen);
    json_set_money(totals, "fee_fen", "fee", t.fee_fen);
    json_set_money(totals, "arrived_fen", "arrived", t.arrived_fen);
    json_object_set_new(out, "totals", totals);
    reply_json(req, 200, out);
}

/* ---- writing one ---- */

static const char *const create_fields[] = {"day",    "from_account", "to_account", "amount",
                                            "amount_fen", "fee",       "fee_fen",    "reference",
                                            "note",   NULL};

/* Replies 400 (or 409 for the safe) for a refusal of the rules. safe_available is worded into
 * the safe's message. */
static void reply_refusal(struct request *req, enum transfer_verdict v, int64_t safe_available)
{
    if (v == TRANSFER_SAFE_SHORT) {
        char zh[300], en[300], b[40];
        money_format_grouped(safe_available < 0 ? 0 : safe_available, b);
        snprintf(zh, sizeof zh,
                 "金额：超过保险柜的账面现金（该日及以后最少只有 %s 元），保险柜不能为负", b);
        snprintf(en, sizeof en,
                 "amount: more than the safe holds on the books (at most %s from that day on); "
                 "the safe may not go below zero",
                 b);
        reply_error(req, 409, "safe_short", "amount", zh, en);
        return;
    }
    bad_field(req, transfer_verdict_field(v), transfer_verdict_message(v, false),
              transfer_verdict_message(v, true));
}

/* POST /api/v1/finance/transfers {day?, from_account, to_account, amount | amount_fen,
 * fee? | fee_fen?, reference?, note?}: posted at once into its business day. */
static void transfers_create(struct request *req)
{
    json_t *body = req_json_object(req, create_fields);
    if (!body) return;
    const char *from = NULL, *to = NULL, *day = NULL, *reference = "", *note = "";
    int64_t amount = 0, fee = 0;
    bool given = false;
    char today[11];
    if (!jfield_str(req, body, "from_account", "转出账户", "from_account", true, 20, &from) ||
        !jfield_str(req, body, "to_account", "转入账户", "to_account", true, 20, &to) ||
        !read_money(req, body, "amount", "amount_fen", "金额", "amount", &amount, &given))
        goto out;
    if (!given) {
        bad_field(req, "amount", "金额：必须填写", "amount: is required");
        goto out;
    }
    if (!read_money(req, body, "fee", "fee_fen", "手续费", "fee", &fee, &given) ||
        !read_text(req, body, "reference", "凭证号", "reference", false,
                   TRANSFER_REFERENCE_MAX_CHARS, &reference) ||
        !read_text(req, body, "note", "备注", "note", false, TRANSFER_TEXT_MAX_CHARS, &note) ||
        !jfield_str(req, body, "day", "营业日", "day", false, 10, &day))
        goto out;
    /* A bank slip's number is kept as typed but without the blanks around it, and compared
     * without regard to case ("W1 ", "w1" and "W1" are one slip). */
    char ref_buf[TRANSFER_REFERENCE_MAX_CHARS * 4 + 1];
    {
        size_t lead = strspn(reference, " \t\r\n"), n = strlen(reference + lead);
        while (n && strchr(" \t\r\n", reference[lead + n - 1])) n--;
        snprintf(ref_buf, sizeof ref_buf, "%.*s", (int)n, reference + lead);
        reference = ref_buf;
    }
    struct transfer_in in = {.from = from, .to = to, .amount_fen = amount, .fee_fen = fee};
    /* Everything but the safe's balance is known now: refuse before opening a transaction. */
    enum transfer_verdict v = transfer_check(&in, INT64_MAX);
    if (v != TRANSFER_OK) {
        reply_refusal(req, v, 0);
        goto out;
    }
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
    bool locked = false;
    if (s == DB_OK) s = finance_day_locked(req->db, req->user.venue_id, day, &locked);
    if (s != DB_OK) {
        reply_transfer_error(req, s);
        goto out;
    }
    if (locked) {
        reply_day_locked(req, day);
        goto out;
    }
    int64_t dup = 0;
    s = transfer_find_reference(req->db, req->user.venue_id, from, reference, &dup);
    if (s != DB_OK) {
        reply_transfer_error(req, s);
        goto out;
    }
    if (dup) {
        char zh[300], en[300];
        snprintf(zh, sizeof zh, "凭证号：%s 的凭证号 %s 已登记过（划转 #%lld），不能重复登记",
                 transfer_account_find(from)->name_zh, reference, (long long)dup);
        snprintf(en, sizeof en, "reference: %s already has %s (transfer #%lld)",
                 transfer_account_find(from)->name_en, reference, (long long)dup);
        reply_error(req, 409, "duplicate_reference", "reference", zh, en);
        goto out;
    }
    int64_t available = INT64_MAX;
    if (strcmp(from, "safe") == 0) {
        s = transfer_safe_available(req->db, req->user.venue_id, day, &available);
        if (s != DB_OK) {
            reply_transfer_error(req, s);
            goto out;
        }
        v = transfer_check(&in, available);
        if (v != TRANSFER_OK) {
            reply_refusal(req, v, available);
            goto out;
        }
    }
    struct transfer_new n = {.day = day,
                             .in = in,
                             .reference = reference,
                             .note = note,
                             .created_by = req->user.username,
                             .created_by_id = req->user.id,
                             .created_at = now_epoch()};
    int64_t id = 0;
    enum fin_status fs = transfer_create(req->db, req->user.venue_id, &n, false, &id);
    if (fs != FIN_OK) {
        db_rollback(req->db);
        finance_reply(req, fs);
        goto out;
    }
    s = audit_of(req, "create", id, NULL);
    if (s != DB_OK) {
        reply_transfer_error(req, s);
        goto out;
    }
    commit_reply(req, 201, id);
out:
    db_rollback(req->db);
    json_decref(body);
}

/* GET /api/v1/finance/transfers/:id */
static void transfers_get(struct request *req)
{
    int64_t id = req_param_id(req, "id");
    enum db_status s = id ? db_begin_read(req->db) : DB_NOT_FOUND;
    json_t *detail = s == DB_OK ? transfer_detail(req, id, &s) : NULL;
    db_rollback(req->db);
    if (!detail) {
        reply_transfer_error(req, s);
        return;
    }
    reply_json(req, 200, json_pack("{s:o}", "transfer", detail));
}

static const char *const reason_fields[] = {"reason", NULL};

/* POST /api/v1/finance/transfers/:id/cancel {reason}: the reversal of its entry posts into
 * today's business day (which must be open), naming the entry it reverses. */
static void transfers_cancel(struct request *req)
{
    json_t *body = req_json_object(req, reason_fields), *before = NULL;
    if (!body) return;
    const char *reason = "";
    char today[11];
    struct transfer t;
    int64_t id = req_param_id(req, "id");
    if (!read_text(req, body, "reason", "冲销原因", "reason", true, TRANSFER_TEXT_MAX_CHARS,
                   &reason) ||
        !today_of(req, today))
        goto out;
    if (!*reason) {
        bad_field(req, "reason", "冲销原因：必须填写", "reason: is required");
        goto out;
    }
    enum db_status s = id ? db_begin_write(req->db) : DB_NOT_FOUND;
    if (s == DB_OK) s = transfer_load(req->db, req->user.venue_id, id, &t);
    if (s != DB_OK) {
        reply_transfer_error(req, s);
        goto out;
    }
    before = transfer_json(&t);
    if (strcmp(t.status, "posted") != 0) {
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "资金划转 #%lld 已冲销，不能再次冲销", (long long)t.id);
        snprintf(en, sizeof en, "transfer #%lld is already cancelled", (long long)t.id);
        reply_error(req, 409, "wrong_status", NULL, zh, en);
        goto out;
    }
    bool locked = false;
    s = finance_day_locked(req->db, req->user.venue_id, today, &locked);
    if (s != DB_OK) {
        reply_transfer_error(req, s);
        goto out;
    }
    if (locked) {
        reply_day_locked(req, today);
        goto out;
    }
    /* Cancelling a deposit puts the cash back in the safe; cancelling a withdrawal takes it
     * out again, and the safe may not go below zero for it either. */
    if (strcmp(t.to_account, "safe") == 0) {
        int64_t available = 0;
        s = transfer_safe_available(req->db, req->user.venue_id, today, &available);
        if (s != DB_OK) {
            reply_transfer_error(req, s);
            goto out;
        }
        if (t.amount_fen - t.fee_fen > available) {
            reply_refusal(req, TRANSFER_SAFE_SHORT, available);
            goto out;
        }
    }
    enum fin_status fs = transfer_cancel(req->db, &t, today, req->user.username, now_epoch(),
                                         reason);
    if (fs != FIN_OK) {
        db_rollback(req->db);
        finance_reply(req, fs);
        goto out;
    }
    s = audit_of(req, "cancel", t.id, before);
    if (s != DB_OK) {
        reply_transfer_error(req, s);
        goto out;
    }
    commit_reply(req, 200, t.id);
out:
    db_rollback(req->db);
    json_decref(before);
    json_decref(body);
}

const struct route transfers_routes[] = {
    {"GET", "/api/v1/finance/balances", balances_get, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/finance/transfers", transfers_list, "finance", ACCESS_READ, 0},
    {"POST", "/api/v1/finance/transfers", transfers_create, "finance", ACCESS_WRITE, 0},
    {"GET", "/api/v1/finance/transfers/:id", transfers_get, "finance", ACCESS_READ, 0},
    {"POST", "/api/v1/finance/transfers/:id/cancel", transfers_cancel, "finance", ACCESS_WRITE, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
