/* members/api.c: the members (会员) and stored-value (储值) endpoints. Parse and validate, one
 * transaction that loads, calls the rules (sv.c) and writes, audit, JSON out. No SQL here
 * (store.c).
 *
 *   GET  /api/v1/members?q&level&active&sort&page&page_size   list with balances   (crm read)
 *   POST /api/v1/members                                        add a member          (crm write)
 *   GET  /api/v1/members/liability?month|day                    month-end liability   (finance)
 *   GET  /api/v1/members/liability/export?month|day&format      the same as xlsx/csv  (finance)
 *   GET  /api/v1/members/sv-rules                               offers and bonus limits (bills)
 *   POST /api/v1/members/sv-rules                               add an offer          (finance)
 *   PUT  /api/v1/members/sv-rules/:id                           end / rename an offer (finance)
 *   PUT  /api/v1/members/sv-limits                              a role's bonus limit  (settings)
 *   GET  /api/v1/members/sv-quote?amount_fen                    the bonus an amount gets (bills)
 *   GET  /api/v1/members/:id                                    one member            (crm read)
 *   PUT  /api/v1/members/:id                                    name, level, discount (crm write)
 *   GET  /api/v1/members/:id/ledger?page&page_size              history, running balance (crm)
 *   POST /api/v1/members/:id/topups                             top-up with bonus     (bills write)
 *   POST /api/v1/members/:id/refunds                            refund of principal   (bills write)
 *
 * Money: a top-up is paid in (cash into the cashier's open shift, or WeChat/Alipay/card) and is
 * a liability, never revenue; a refund gives principal only back and always needs a second
 * person, a manager whose refund limit (frontdesk role_limits) covers it. Both are idempotent
 * (idempotency_key), audited, and post their journal entry in the same transaction; a locked
 * business day refuses the whole write (409 day_locked). The manager's second sign-in and the
 * idempotency keys are the front desk's (frontdesk/api_internal.h), not copies. */
#include "members/members.h"

#include "core/audit.h"
#include "core/auth.h"
#include "core/json.h"
#include "core/log.h"
#include "core/money.h"
#include "frontdesk/api_internal.h"
#include "members/api_internal.h"
#include "members/store.h"
#include "members/sv.h"
#include "shifts/shifts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Paging of the member list and a member's ledger: a page of 500 is a long screen. */
/* Names are a person's name (a few characters), levels a card name (金卡, 钻石卡). */
#define NAME_MAX_CHARS 50
#define LEVEL_MAX_CHARS 20
/* Reasons of a refund: two lines of a receipt. References: a payment platform's order number. */
#define REASON_MAX_CHARS 100
#define REFERENCE_MAX_CHARS 40
/* A search term: more than a phone number or a name is never needed. */
#define QUERY_MAX_CHARS 40

/* ---- shared ---- */

bool members_phone_visible(struct request *req)
{
    return auth_permitted(req->db, req->user.role, "crm", true);
}

void members_set_phone(json_t *o, const char *key, const char *phone, bool full)
{
    char masked[44];
    if (!full) fd_mask_phone(phone, masked);
    json_set_str(o, key, full ? phone : masked);
}

static void bad_field(struct request *req, const char *field, const char *zh, const char *en)
{
    reply_error(req, 400, "invalid_field", field, zh, en);
}

/* Reads page and page_size; replies 400 and returns false if malformed. */
/* An optional text field, trimmed of nothing: blank counts as "". */
static bool read_text(struct request *req, json_t *body, const char *key, const char *zh,
                      const char *en, bool required, size_t max_chars, const char **out)
{
    const char *v = NULL;
    if (!jfield_str(req, body, key, zh, en, required, max_chars, &v)) return false;
    if (required && (!v || !v[strspn(v, " \t\r\n")])) {
        char mz[200], me[200];
        snprintf(mz, sizeof mz, "请填写%s", zh);
        snprintf(me, sizeof me, "%s is required", en);
        bad_field(req, key, mz, me);
        return false;
    }
    if (v) *out = v[strspn(v, " \t\r\n")] ? v : "";
    return true;
}

static json_t *member_json(const struct sv_member *m, bool full_phone)
{
    json_t *o = json_object();
    json_set_int(o, "id", m->id);
    members_set_phone(o, "phone", m->phone, full_phone);
    json_set_str(o, "name", m->name);
    json_set_str(o, "level", m->level);
    json_set_int(o, "discount_bp", m->discount_bp);
    json_object_set_new(o, "active", json_boolean(m->active));
    json_set_int(o, "created_at", m->created_at);
    json_set_money(o, "principal_fen", "principal", m->balance.principal_fen);
    json_set_money(o, "bonus_fen", "bonus", m->balance.bonus_fen);
    json_set_money(o, "balance_fen", "balance", m->balance.principal_fen + m->balance.bonus_fen);
    json_set_money(o, "topped_up_fen", "topped_up", m->topped_up_fen);
    if (m->last_at)
        json_set_int(o, "last_at", m->last_at);
    else
        json_object_set_new(o, "last_at", json_null());
    return o;
}

/* The member of the path (:id) of the caller's venue, inside the caller's transaction; replies
 * 404 (DB_NOT_FOUND returned, replied) when there is none. */
static enum db_status load_member(struct request *req, int64_t id, struct sv_member *m)
{
    enum db_status s = id ? sv_member_load(req->db, req->user.venue_id, id, m) : DB_NOT_FOUND;
    if (s == DB_NOT_FOUND)
        reply_error(req, 404, "not_found", NULL, "没有这个会员", "no such member");
    return s;
}

/* A member's audit record (phone in full: the trail is for those who may read it). */
static json_t *member_audit(const struct sv_member *m)
{
    return json_pack("{s:s,s:s,s:s,s:I,s:b}", "phone", m->phone, "name", m->name, "level",
                     m->level, "discount_bp", (json_int_t)m->discount_bp, "active", m->active);
}

/* ---- the member list ---- */

struct list_ctx {
    json_t *items;
    bool full_phone;
};

static bool on_member(const struct sv_member *m, void *ctx)
{
    struct list_ctx *l = ctx;
    json_array_append_new(l->items, member_json(m, l->full_phone));
    return true;
}

/* GET /api/v1/members */
static void members_list(struct request *req)
{
    int64_t page, page_size;
    if (!req_paging(req, &page, &page_size)) return;
    struct sv_member_filter f = {req_query(req, "q"), req_query(req, "level"),
                                 req_query(req, "sort"), -1, page_size, (page - 1) * page_size};
    if (f.q && utf8_chars(f.q) > QUERY_MAX_CHARS) {
        bad_field(req, "q", "查询内容最多 40 个字", "the search is at most 40 characters");
        return;
    }
    if (f.level && utf8_chars(f.level) > LEVEL_MAX_CHARS) {
        bad_field(req, "level", "会员等级最多 20 个字", "a level is at most 20 characters");
        return;
    }
    const char *active = req_query(req, "active");
    if (active && *active) {
        if (strcmp(active, "1") != 0 && strcmp(active, "0") != 0) {
            bad_field(req, "active", "active 只能是 1 或 0", "active is 1 or 0");
            return;
        }
        f.active = active[0] - '0';
    }
    if (f.sort && *f.sort && !sv_member_sort_valid(f.sort)) {
        bad_field(req, "sort",
                  "排序只能是 phone、name、balance、principal、bonus、last、created（前加 - 为倒序）",
                  "sort is phone, name, balance, principal, bonus, last or created (- for "
                  "descending)");
        return;
    }
    struct list_ctx l = {json_array(), members_phone_visible(req)};
    int64_t total = 0;
    struct sv_balance sum = {0, 0};
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK) s = sv_member_list(req->db, req->user.venue_id, &f, &total, &sum, on_member, &l);
    if (s == DB_OK) s = db_commit(req->db);
    db_rollback(req->db);
    if (s != DB_OK) {
        json_decref(l.items);
        reply_db_error(req, s, "会员", "members");
        return;
    }
    json_t *out = json_object();
    json_set_int(out, "total", total);
    json_set_int(out, "page", page);
    json_set_int(out, "page_size", page_size);
    json_object_set_new(out, "phone_masked", json_boolean(!l.full_phone));
    json_object_set_new(out, "items", l.items);
    json_t *t = json_object();
    json_set_money(t, "principal_fen", "principal", sum.principal_fen);
    json_set_money(t, "bonus_fen", "bonus", sum.bonus_fen);
    json_set_money(t, "balance_fen", "balance", sum.principal_fen + sum.bonus_fen);
    json_object_set_new(out, "sum", t);
    reply_json(req, 200, out);
}

/* ---- add and change ---- */

/* A member's phone as stored: 5 to 20 digits, an optional leading '+'. Blanks and dashes are
 * refused rather than kept: "138 0013 8000" and "13800138000" would be two members. */
static bool read_phone(struct request *req, json_t *body, const char **out)
{
    const char *s = NULL;
    if (!jfield_str(req, body, "phone", "手机号", "phone", true, 20, &s)) return false;
    size_t n = strlen(s), i = s[0] == '+' ? 1 : 0;
    bool ok = n - i >= 5 && n <= 20;
    for (; ok && i < n; i++) ok = s[i] >= '0' && s[i] <= '9';
    if (!ok) {
        bad_field(req, "phone", "手机号应为 5 到 20 位数字（可以 + 开头，不要空格和横线）",
                  "a phone is 5 to 20 digits (a leading + allowed, no blanks or dashes)");
        return false;
    }
    *out = s;
    return true;
}

/* Reads name, level and discount_bp onto m (absent ones keep m's values). */
static bool read_member_fields(struct request *req, json_t *body, struct sv_member *m)
{
    const char *name = NULL, *level = NULL;
    int64_t discount = m->discount_bp;
    if (!read_text(req, body, "name", "姓名", "name", false, NAME_MAX_CHARS, &name) ||
        !read_text(req, body, "level", "会员等级", "level", false, LEVEL_MAX_CHARS, &level) ||
        !jfield_int(req, body, "discount_bp", "会员折扣（万分比，9000 为九折）",
                    "member discount (basis points paid: 9000 is 10 % off)", false, 0, 10000,
                    &discount))
        return false;
    if (name) snprintf(m->name, sizeof m->name, "%s", name);
    if (level) snprintf(m->level, sizeof m->level, "%s", level);
    m->discount_bp = discount;
    return true;
}

struct create_args {
    json_t *body;
    struct sv_member m;
    int64_t now;
};

static enum db_status create_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct create_args *a = arg;
    enum db_status s = sv_member_insert(req->db, req->user.venue_id, &a->m, a->now);
    if (s == DB_CONFLICT) {
        reply_error(req, 409, "phone_taken", "phone", "已有会员使用这个手机号",
                    "a member with this phone already exists");
        return DB_INVALID;
    }
    struct sv_member m;
    if (s == DB_OK) s = sv_member_load(req->db, req->user.venue_id, a->m.id, &m);
    if (s == DB_OK) {
        struct actor who = actor_of(req);
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)m.id);
        json_t *after = member_audit(&m);
        s = audit_record(req->db, &who, "create", "member", id, NULL, after);
        json_decref(after);
    }
    if (s == DB_OK) {
        out->status = 201;
        out->body = member_json(&m, members_phone_visible(req));
    }
    return s;
}

/* POST /api/v1/members {phone, name?, level?, discount_bp?} */
static void members_create(struct request *req)
{
    static const char *const fields[] = {"phone", "name", "level", "discount_bp", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct create_args a = {body, {0}, now_epoch()};
    a.m.discount_bp = 10000;
    a.m.active = true;
    const char *phone = NULL;
    if (read_phone(req, body, &phone) && read_member_fields(req, body, &a.m)) {
        snprintf(a.m.phone, sizeof a.m.phone, "%s", phone);
        fd_run_write(req, create_tx, &a, "会员", "member");
    }
    json_decref(body);
}

/* GET /api/v1/members/:id */
static void member_get(struct request *req)
{
    struct sv_member m;
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK) s = load_member(req, req_param_id(req, "id"), &m);
    db_rollback(req->db);
    if (s == DB_OK)
        reply_json(req, 200, member_json(&m, members_phone_visible(req)));
    else if (!req->replied)
        reply_db_error(req, s, "会员", "member");
}

struct update_args {
    json_t *body;
    int64_t id;
};

static enum db_status update_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct update_args *a = arg;
    struct sv_member before, m;
    enum db_status s = load_member(req, a->id, &before);
    if (s != DB_OK) return req->replied ? DB_INVALID : s;
    m = before;
    bool active = m.active;
    if (!read_member_fields(req, a->body, &m) ||
        !jfield_bool(req, a->body, "active", "启用", "active", false, &active))
        return DB_INVALID;
    const char *phone = json_string_value(json_object_get(a->body, "phone"));
    if (json_object_get(a->body, "phone") && (!phone || strcmp(phone, before.phone) != 0)) {
        bad_field(req, "phone", "会员的手机号不能修改（手机号是会员的凭证；换号请新建会员）",
                  "a member's phone cannot change (it identifies the member; add a new member "
                  "for a new number)");
        return DB_INVALID;
    }
    m.active = active;
    s = sv_member_update(req->db, req->user.venue_id, &m);
    if (s == DB_OK) s = sv_member_load(req->db, req->user.venue_id, a->id, &m);
    if (s == DB_OK) {
        struct actor who = actor_of(req);
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)m.id);
        json_t *b = member_audit(&before), *after = member_audit(&m);
        s = audit_record(req->db, &who, "update", "member", id, b, after);
        json_decref(b);
        json_decref(after);
    }
    if (s == DB_OK) {
        out->status = 200;
        out->body = member_json(&m, members_phone_visible(req));
    }
    return s;
}

/* PUT /api/v1/members/:id {name?, level?, discount_bp?, active?} (phone only if unchanged) */
static void member_update(struct request *req)
{
    static const char *const fields[] = {"name", "level", "discount_bp", "active", "phone", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct update_args a = {body, req_param_id(req, "id")};
    fd_run_write(req, update_tx, &a, "会员", "member");
    json_decref(body);
}

/* ---- history ---- */

static const char *kind_name(const char *kind, bool with_bill)
{
    if (strcmp(kind, "topup") == 0) return "充值";
    if (strcmp(kind, "pay") == 0) return "消费";
    if (strcmp(kind, "refund") == 0) return with_bill ? "退单退回" : "储值退款";
    if (strcmp(kind, "void") == 0) return "作废退回";
    if (strcmp(kind, "adjust") == 0) return "调整";
    return kind;
}

static bool on_ledger_row(const struct sv_ledger_row *r, void *ctx)
{
    json_t *items = ctx;
    json_t *o = json_object();
    json_set_int(o, "id", r->id);
    json_set_int(o, "at", r->at);
    json_set_str(o, "business_day", r->business_day);
    json_set_str(o, "kind", r->kind);
    json_set_str(o, "kind_name", kind_name(r->kind, r->bill_id != 0));
    json_set_money(o, "principal_fen", "principal", r->change.principal_fen);
    json_set_money(o, "bonus_fen", "bonus", r->change.bonus_fen);
    json_set_money(o, "amount_fen", "amount", r->change.principal_fen + r->change.bonus_fen);
    json_set_money(o, "principal_after_fen", "principal_after", r->after.principal_fen);
    json_set_money(o, "bonus_after_fen", "bonus_after", r->after.bonus_fen);
    json_set_money(o, "balance_after_fen", "balance_after",
                   r->after.principal_fen + r->after.bonus_fen);
    if (r->bill_id) {
        json_set_int(o, "bill_id", r->bill_id);
        json_set_str(o, "bill_no", r->bill_no);
    } else {
        json_object_set_new(o, "bill_id", json_null());
        json_object_set_new(o, "bill_no", json_null());
    }
    if (r->shift_id)
        json_set_int(o, "shift_id", r->shift_id);
    else
        json_object_set_new(o, "shift_id", json_null());
    if (r->topup_id) json_set_int(o, "topup_id", r->topup_id);
    if (r->sv_refund_id) json_set_int(o, "sv_refund_id", r->sv_refund_id);
    json_set_str(o, "method", r->method);
    json_set_str(o, "method_name", r->method[0] ? sv_method_label(r->method) : "");
    json_set_str(o, "reference", r->reference);
    json_set_str(o, "approved_by", r->approved_by);
    json_set_str(o, "reason", r->reason);
    json_set_str(o, "note", r->note);
    json_set_str(o, "by", r->by_user);
    json_array_append_new(items, o);
    return true;
}

/* GET /api/v1/members/:id/ledger?page&page_size */
static void member_ledger(struct request *req)
{
    int64_t page, page_size;
    if (!req_paging(req, &page, &page_size)) return;
    struct sv_member m;
    json_t *items = json_array();
    int64_t total = 0;
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK) s = load_member(req, req_param_id(req, "id"), &m);
    if (s == DB_OK)
        s = sv_ledger_list(req->db, m.id, page_size, (page - 1) * page_size, &total,
                           on_ledger_row, items);
    if (s == DB_OK) s = db_commit(req->db);
    db_rollback(req->db);
    if (s != DB_OK) {
        json_decref(items);
        if (!req->replied) reply_db_error(req, s, "会员流水", "member ledger");
        return;
    }
    json_t *out = json_object();
    json_object_set_new(out, "member", member_json(&m, members_phone_visible(req)));
    json_set_int(out, "total", total);
    json_set_int(out, "page", page);
    json_set_int(out, "page_size", page_size);
    json_object_set_new(out, "items", items);
    reply_json(req, 200, out);
}

/* ---- offers (充送) and bonus limits ---- */

static json_t *rule_json(const struct sv_rule_row *r, const char *today)
{
    json_t *o = json_object();
    json_set_int(o, "id", r->rule.id);
    json_set_str(o, "name", r->name);
    json_set_money(o, "threshold_fen", "threshold", r->rule.threshold_fen);
    json_set_money(o, "bonus_fen", "bonus", r->rule.bonus_fen);
    json_set_str(o, "effective_from", r->rule.effective_from);
    json_set_str(o, "effective_to", r->rule.effective_to);
    json_object_set_new(o, "active", json_boolean(r->rule.active));
    json_object_set_new(o, "in_force", json_boolean(sv_rule_in_force(&r->rule, today)));
    json_set_int(o, "used", r->used);
    json_set_int(o, "created_at", r->created_at);
    json_set_str(o, "created_by", r->created_by);
    return o;
}

/* The offers of the venue (at most SV_RULES_MAX, newest first) into a new array of plain
 * rules for sv_best_rule; *n how many. NULL with *s set on failure. */
static struct sv_rule_row *load_rules(struct request *req, int *n, enum db_status *s)
{
    struct sv_rule_row *rows = calloc(SV_RULES_MAX, sizeof *rows);
    *n = 0;
    if (!rows) {
        *s = DB_ERROR;
        return NULL;
    }
    *s = sv_rules_list(req->db, req->user.venue_id, rows, SV_RULES_MAX, n);
    if (*s != DB_OK) {
        free(rows);
        return NULL;
    }
    return rows;
}

/* The best offer for amount on day among rows: its index, or -1. */
static int best_of(const struct sv_rule_row *rows, int n, const char *day, int64_t amount)
{
    struct sv_rule plain[SV_RULES_MAX];
    for (int i = 0; i < n; i++) plain[i] = rows[i].rule;
    return sv_best_rule(plain, n, day, amount);
}

struct limits_ctx {
    json_t *list;
};

static bool on_limit(const struct sv_limit_row *r, void *ctx)
{
    struct limits_ctx *l = ctx;
    json_array_append_new(l->list, json_pack("{s:s,s:s,s:I}", "role", r->role, "role_name",
                                             auth_role_name_zh(r->role), "bonus_limit_bp",
                                             (json_int_t)r->bonus_limit_bp));
    return true;
}

/* GET /api/v1/members/sv-rules */
static void rules_list(struct request *req)
{
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    int n = 0;
    int64_t mine = 0;
    struct limits_ctx l = {json_array()};
    enum db_status s = db_begin_read(req->db);
    struct sv_rule_row *rows = s == DB_OK ? load_rules(req, &n, &s) : NULL;
    if (s == DB_OK) s = sv_bonus_limits_list(req->db, on_limit, &l);
    if (s == DB_OK) s = sv_bonus_limit(req->db, req->user.role, &mine);
    db_rollback(req->db);
    if (s != DB_OK) {
        free(rows);
        json_decref(l.list);
        fd_ctx_free(&c);
        reply_db_error(req, s, "充值优惠", "offers");
        return;
    }
    json_t *out = json_object(), *list = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(list, rule_json(&rows[i], c.today));
    json_set_str(out, "today", c.today);
    json_object_set_new(out, "rules", list);
    json_object_set_new(out, "limits", l.list);
    json_set_int(out, "my_bonus_limit_bp", mine);
    free(rows);
    fd_ctx_free(&c);
    reply_json(req, 200, out);
}

/* A business day field, or def when absent. */
static bool read_day(struct request *req, json_t *body, const char *key, const char *zh,
                     const char *en, const char *def, char out[11])
{
    if (!json_object_get(body, key) || json_is_null(json_object_get(body, key))) {
        snprintf(out, 11, "%s", def);
        return true;
    }
    return fd_day(req, body, key, zh, en, true, out);
}

struct rule_args {
    json_t *body;
    const char *today;
    int64_t id;
    const char *name;
    int64_t threshold_fen, bonus_fen;
    char from[11], to[11];
    bool active;
    int64_t now;
};

static enum db_status rule_create_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct rule_args *a = arg;
    int64_t id = 0;
    enum db_status s = sv_rule_create(req->db, req->user.venue_id, a->name, a->threshold_fen,
                                      a->bonus_fen, a->from, req->user.username, a->now, &id);
    if (s == DB_OK && strcmp(a->to, "9999-12-31") != 0)
        s = sv_rule_update(req->db, req->user.venue_id, id, a->name, a->to, true);
    struct sv_rule_row r;
    if (s == DB_OK) s = sv_rule_load(req->db, req->user.venue_id, id, &r);
    if (s == DB_OK) {
        struct actor who = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)id);
        json_t *after = rule_json(&r, a->today);
        s = audit_record(req->db, &who, "create", "sv_rule", sid, NULL, after);
        json_decref(after);
    }
    if (s == DB_OK) {
        out->status = 201;
        out->body = rule_json(&r, a->today);
    }
    return s;
}

/* POST /api/v1/members/sv-rules {name?, threshold_fen, bonus_fen, effective_from?, effective_to?} */
static void rules_create(struct request *req)
{
    static const char *const fields[] = {"name", "threshold_fen", "bonus_fen", "effective_from",
                                         "effective_to", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) {
        json_decref(body);
        return;
    }
    struct rule_args a = {.body = body, .today = c.today, .name = "", .active = true, .now = c.now};
    bool ok = read_text(req, body, "name", "名称", "name", false, 60, &a.name) &&
              fd_fen(req, body, "threshold_fen", "threshold_fen", "充值门槛", "threshold", true,
                     SV_MAX_FEN, &a.threshold_fen) &&
              fd_fen(req, body, "bonus_fen", "bonus_fen", "赠送金额", "bonus", true, SV_MAX_FEN,
                     &a.bonus_fen) &&
              read_day(req, body, "effective_from", "生效日期", "effective from", c.today, a.from) &&
              read_day(req, body, "effective_to", "截止日期", "effective to", "9999-12-31", a.to);
    if (ok && a.threshold_fen <= 0) {
        bad_field(req, "threshold_fen", "充值门槛须大于 0", "the threshold is more than 0");
        ok = false;
    }
    if (ok && a.bonus_fen > a.threshold_fen) {
        /* A bonus above the money paid is a typo far more often than an offer. */
        bad_field(req, "bonus_fen", "赠送金额不能超过充值门槛", "the bonus cannot exceed the threshold");
        ok = false;
    }
    if (ok && strcmp(a.to, a.from) < 0) {
        bad_field(req, "effective_to", "截止日期不能早于生效日期",
                  "the end cannot be before the start");
        ok = false;
    }
    if (ok) fd_run_write(req, rule_create_tx, &a, "充值优惠", "offer");
    fd_ctx_free(&c);
    json_decref(body);
}

static enum db_status rule_update_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct rule_args *a = arg;
    struct sv_rule_row before, r;
    enum db_status s = a->id ? sv_rule_load(req->db, req->user.venue_id, a->id, &before)
                             : DB_NOT_FOUND;
    if (s == DB_NOT_FOUND) {
        reply_error(req, 404, "not_found", NULL, "没有这个充值优惠", "no such offer");
        return DB_INVALID;
    }
    if (s != DB_OK) return s;
    const char *name = a->name ? a->name : before.name;
    bool active = before.rule.active;
    if (!jfield_bool(req, a->body, "active", "启用", "active", false, &active)) return DB_INVALID;
    if (!read_day(req, a->body, "effective_to", "截止日期", "effective to",
                  before.rule.effective_to, a->to))
        return DB_INVALID;
    if (strcmp(a->to, before.rule.effective_from) < 0) {
        bad_field(req, "effective_to", "截止日期不能早于生效日期",
                  "the end cannot be before the start");
        return DB_INVALID;
    }
    s = sv_rule_update(req->db, req->user.venue_id, a->id, name, a->to, active);
    if (s == DB_OK) s = sv_rule_load(req->db, req->user.venue_id, a->id, &r);
    if (s == DB_OK) {
        struct actor who = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)a->id);
        json_t *b = rule_json(&before, a->today), *after = rule_json(&r, a->today);
        s = audit_record(req->db, &who, "update", "sv_rule", sid, b, after);
        json_decref(b);
        json_decref(after);
    }
    if (s == DB_OK) {
        out->status = 200;
        out->body = rule_json(&r, a->today);
    }
    return s;
}

/* PUT /api/v1/members/sv-rules/:id {name?, effective_to?, active?}: an offer's amounts and start
 * never change (the top-ups that got it name it). */
static void rules_update(struct request *req)
{
    static const char *const fields[] = {"name",          "effective_to",  "active",
                                         "threshold_fen", "bonus_fen",     "effective_from",
                                         NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    static const char *const fixed[] = {"threshold_fen", "bonus_fen", "effective_from", NULL};
    for (int i = 0; fixed[i]; i++)
        if (json_object_get(body, fixed[i])) {
            reply_error(req, 400, "rule_fixed", fixed[i],
                        "充值优惠的金额和生效日期不能修改：请设置截止日期结束它，再新增一个",
                        "an offer's amounts and start never change: end it (effective_to) and "
                        "add a new one");
            json_decref(body);
            return;
        }
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) {
        json_decref(body);
        return;
    }
    struct rule_args a = {.body = body, .today = c.today, .id = req_param_id(req, "id")};
    if (read_text(req, body, "name", "名称", "name", false, 60, &a.name))
        fd_run_write(req, rule_update_tx, &a, "充值优惠", "offer");
    fd_ctx_free(&c);
    json_decref(body);
}

struct limit_args {
    const char *role;
    int64_t bp;
};

static enum db_status limit_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct limit_args *a = arg;
    int64_t before = 0;
    enum db_status s = sv_bonus_limit(req->db, a->role, &before);
    if (s == DB_OK) s = sv_bonus_limit_save(req->db, a->role, a->bp);
    if (s == DB_OK) {
        struct actor who = actor_of(req);
        json_t *b = json_pack("{s:I}", "bonus_limit_bp", (json_int_t)before);
        json_t *after = json_pack("{s:I}", "bonus_limit_bp", (json_int_t)a->bp);
        s = audit_record(req->db, &who, "update", "sv_bonus_limit", a->role, b, after);
        json_decref(b);
        json_decref(after);
    }
    if (s == DB_OK) {
        out->status = 200;
        out->body = json_pack("{s:s,s:s,s:I}", "role", a->role, "role_name",
                              auth_role_name_zh(a->role), "bonus_limit_bp", (json_int_t)a->bp);
    }
    return s;
}

/* PUT /api/v1/members/sv-limits {role, bonus_limit_bp} */
static void limits_put(struct request *req)
{
    static const char *const fields[] = {"role", "bonus_limit_bp", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct limit_args a = {NULL, 0};
    if (jfield_str(req, body, "role", "角色", "role", true, 15, &a.role) &&
        jfield_int(req, body, "bonus_limit_bp", "手工赠送上限（万分比）",
                   "hand-given bonus limit (basis points)", true, 0, 10000, &a.bp)) {
        if (!auth_role_valid(a.role))
            bad_field(req, "role", "没有这个角色", "no such role");
        else
            fd_run_write(req, limit_tx, &a, "赠送上限", "bonus limit");
    }
    json_decref(body);
}

/* Reads amount_fen from the query; replies 400 and returns false if it is not a whole number
 * of fen from 1 to SV_MAX_FEN. */
static bool query_amount(struct request *req, int64_t *out)
{
    const char *v = req_query(req, "amount_fen");
    char *end = NULL;
    long long n = v && *v ? strtoll(v, &end, 10) : 0;
    if (!v || !*v || *end || n < 1 || n > SV_MAX_FEN) {
        bad_field(req, "amount_fen", "充值金额以分为单位，应为 1 到 100000000 的整数",
                  "the amount is whole fen, 1 to 100000000");
        return false;
    }
    *out = n;
    return true;
}

/* GET /api/v1/members/sv-quote?amount_fen=100000: the bonus the offers give today. */
static void sv_quote(struct request *req)
{
    int64_t amount = 0;
    if (!query_amount(req, &amount)) return;
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    int n = 0;
    enum db_status s = db_begin_read(req->db);
    struct sv_rule_row *rows = s == DB_OK ? load_rules(req, &n, &s) : NULL;
    db_rollback(req->db);
    if (s != DB_OK) {
        fd_ctx_free(&c);
        reply_db_error(req, s, "充值优惠", "offers");
        return;
    }
    int best = best_of(rows, n, c.today, amount);
    json_t *out = json_object();
    json_set_money(out, "amount_fen", "amount", amount);
    json_set_money(out, "bonus_fen", "bonus", best >= 0 ? rows[best].rule.bonus_fen : 0);
    json_object_set_new(out, "rule", best >= 0 ? rule_json(&rows[best], c.today) : json_null());
    json_set_str(out, "business_day", c.today);
    free(rows);
    fd_ctx_free(&c);
    reply_json(req, 200, out);
}

/* ---- top-ups ---- */

struct topup_args {
    struct fd_ctx *c;
    int64_t member_id;
    int64_t amount_fen;
    bool has_bonus;
    int64_t bonus_fen;
    const char *method, *reference;
    struct idem idem;
    struct approval approval;
};

static json_t *topup_json(int64_t id, const struct sv_topup *t)
{
    json_t *o = json_object();
    json_set_int(o, "id", id);
    json_set_int(o, "member_id", t->member_id);
    json_set_int(o, "at", t->at);
    json_set_str(o, "business_day", t->business_day);
    json_set_money(o, "amount_fen", "amount", t->amount_fen);
    json_set_money(o, "bonus_fen", "bonus", t->bonus_fen);
    json_set_str(o, "bonus_source", t->bonus_source);
    if (t->rule_id)
        json_set_int(o, "rule_id", t->rule_id);
    else
        json_object_set_new(o, "rule_id", json_null());
    json_set_str(o, "method", t->method);
    json_set_str(o, "method_name", sv_method_label(t->method));
    json_set_str(o, "reference", t->reference);
    if (t->shift_id)
        json_set_int(o, "shift_id", t->shift_id);
    else
        json_object_set_new(o, "shift_id", json_null());
    json_set_str(o, "approved_by", t->approved_by);
    json_set_str(o, "by", t->by_user);
    return o;
}

/* The caller's open shift: required for cash (replies 409 shift_required, returns DB_INVALID),
 * a tag for the other methods (0 when there is none). */
static enum db_status till_shift(struct request *req, const char *method, int64_t *shift_id,
                                 const char *what_zh, const char *what_en)
{
    *shift_id = 0;
    enum db_status s = shift_require_open(req->db, req->user.venue_id, req->user.id, shift_id);
    if (s != DB_NOT_FOUND) return s;
    *shift_id = 0;
    if (strcmp(method, "cash") != 0) return DB_OK;
    char zh[300], en[300];
    snprintf(zh, sizeof zh, "请先开班：现金%s要记入您当班的钱箱", what_zh);
    snprintf(en, sizeof en, "open a shift first: a cash %s goes into your shift's drawer", what_en);
    reply_error(req, 409, "shift_required", "method", zh, en);
    return DB_INVALID;
}

/* Decides the bonus of a top-up: the best offer, or the bonus asked for by hand within the
 * caller's limit or the approver's. Fills t's bonus fields; replies 403 and returns false when
 * the bonus needs an approval that was not given or does not cover it. */
static bool decide_bonus(struct request *req, struct topup_args *a, const struct sv_rule_row *rows,
                         int n, struct sv_topup *t, enum db_status *s)
{
    int best = best_of(rows, n, a->c->today, a->amount_fen);
    int64_t rule_bonus = best >= 0 ? rows[best].rule.bonus_fen : 0;
    t->approved_by = "";
    if (!a->has_bonus || (best >= 0 && a->bonus_fen == rule_bonus)) {
        t->bonus_fen = rule_bonus;
        t->bonus_source = best >= 0 && rule_bonus > 0 ? "rule" : "none";
        t->rule_id = best >= 0 && rule_bonus > 0 ? rows[best].rule.id : 0;
        return true;
    }
    t->bonus_fen = a->bonus_fen;
    t->bonus_source = a->bonus_fen > 0 ? "manual" : "none";
    t->rule_id = 0;
    int64_t mine = 0;
    *s = sv_bonus_limit(req->db, req->user.role, &mine);
    if (*s != DB_OK) return false;
    if (sv_bonus_within(a->amount_fen, rule_bonus, a->bonus_fen, mine)) return true;
    char zh[400], en[400], b[32], r[32];
    money_format(a->bonus_fen, b);
    money_format(rule_bonus, r);
    if (!a->approval.given) {
        snprintf(zh, sizeof zh, "手工赠送 %s 元（优惠规则为 %s 元）", b, r);
        snprintf(en, sizeof en, "a bonus of %s by hand (the offer gives %s)", b, r);
        fd_reply_approval_required(req, zh, en);
        *s = DB_INVALID;
        return false;
    }
    int64_t theirs = 0;
    *s = sv_bonus_limit(req->db, a->approval.limits.role, &theirs);
    if (*s != DB_OK) return false;
    if (!sv_bonus_within(a->amount_fen, rule_bonus, a->bonus_fen, theirs)) {
        snprintf(zh, sizeof zh, "审批人 %s 的赠送额度也不够（%s 元）", a->approval.username, b);
        snprintf(en, sizeof en, "approver %s's bonus limit does not cover %s either",
                 a->approval.username, b);
        reply_error(req, 403, "approval_denied", "approver_username", zh, en);
        *s = DB_INVALID;
        return false;
    }
    t->approved_by = a->approval.username;
    return true;
}

static enum db_status topup_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct topup_args *a = arg;
    enum db_status s;
    if (fd_idem_replay(req, &a->idem, out, &s)) return s;
    struct sv_member m;
    s = load_member(req, a->member_id, &m);
    if (s != DB_OK) return req->replied ? DB_INVALID : s;
    if (!m.active) {
        reply_error(req, 409, "member_inactive", NULL, "这个会员已停用，不能充值",
                    "this member is deactivated: no top-ups");
        return DB_INVALID;
    }
    int n = 0;
    struct sv_rule_row *rows = load_rules(req, &n, &s);
    if (!rows) return s;
    struct sv_topup t = {
        .venue_id = req->user.venue_id,
        .member_id = m.id,
        .amount_fen = a->amount_fen,
        .method = a->method,
        .reference = a->reference ? a->reference : "",
        .at = a->c->now,
        .business_day = a->c->today,
        .by_user = req->user.username,
    };
    bool decided = decide_bonus(req, a, rows, n, &t, &s);
    free(rows);
    if (!decided) return s == DB_OK ? DB_INVALID : s;
    s = till_shift(req, a->method, &t.shift_id, "充值", "top-up");
    int64_t id = 0;
    enum fin_status posted = FIN_OK;
    if (s == DB_OK) {
        s = sv_topup_write(req->db, &t, &id, &posted);
        if (s != DB_OK && posted != FIN_OK) s = finance_status_reply(req, posted);
    }
    char subject[40];
    snprintf(subject, sizeof subject, "member:%lld", (long long)m.id);
    if (s == DB_OK && t.approved_by[0])
        s = approval_insert(req->db, req->user.venue_id, "sv_bonus", subject, t.bonus_fen,
                            req->user.username, t.approved_by, "", a->c->now);
    struct sv_member after;
    if (s == DB_OK) s = sv_member_load(req->db, req->user.venue_id, m.id, &after);
    json_t *topup = s == DB_OK ? topup_json(id, &t) : NULL;
    if (s == DB_OK) {
        struct actor who = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)m.id);
        s = audit_record(req->db, &who, "topup", "member", sid, NULL, topup);
    }
    if (s == DB_OK) {
        out->status = 201;
        out->body = json_object();
        json_object_set(out->body, "topup", topup);
        json_object_set_new(out->body, "member", member_json(&after, members_phone_visible(req)));
        s = fd_idem_store(req, &a->idem, out->status, out->body);
    }
    json_decref(topup);
    return s;
}

/* POST /api/v1/members/:id/topups {amount_fen, method, reference?, bonus_fen?, idempotency_key,
 * approver_username?, approver_password?} */
static void member_topup(struct request *req)
{
    static const char *const fields[] = {"amount_fen",        "method",
                                         "reference",         "bonus_fen",
                                         "idempotency_key",   "approver_username",
                                         "approver_password", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) {
        json_decref(body);
        return;
    }
    struct topup_args a = {.c = &c, .member_id = req_param_id(req, "id")};
    char endpoint[64];
    snprintf(endpoint, sizeof endpoint, "sv-topup:%lld", (long long)a.member_id);
    bool ok = fd_fen(req, body, "amount_fen", "amount_fen", "充值金额", "top-up amount", true,
                     SV_MAX_FEN, &a.amount_fen) &&
              jfield_str(req, body, "method", "支付方式", "method", true, 12, &a.method) &&
              read_text(req, body, "reference", "支付凭证号", "payment reference", false,
                        REFERENCE_MAX_CHARS, &a.reference);
    if (ok && a.amount_fen <= 0) {
        bad_field(req, "amount_fen", "充值金额须大于 0", "a top-up is more than 0");
        ok = false;
    }
    if (ok && !sv_method_valid(a.method)) {
        bad_field(req, "method", "支付方式应为 cash（现金）、wechat（微信）、alipay（支付宝）或 card（银行卡）",
                  "the method is cash, wechat, alipay or card");
        ok = false;
    }
    if (ok && json_object_get(body, "bonus_fen") && !json_is_null(json_object_get(body, "bonus_fen"))) {
        a.has_bonus = true;
        ok = fd_fen(req, body, "bonus_fen", "bonus_fen", "赠送金额", "bonus", true, SV_MAX_FEN,
                    &a.bonus_fen);
        if (ok && a.bonus_fen > a.amount_fen) {
            bad_field(req, "bonus_fen", "赠送金额不能超过充值金额",
                      "the bonus cannot exceed the amount paid");
            ok = false;
        }
    }
    ok = ok && fd_idem_prepare(req, body, true, endpoint, &a.idem) &&
         fd_approver(req, body, NULL, &a.approval);
    if (ok) fd_run_write(req, topup_tx, &a, "充值", "top-up");
    fd_ctx_free(&c);
    json_decref(body);
}

/* ---- refunds of principal ---- */

struct refund_args {
    struct fd_ctx *c;
    int64_t member_id;
    int64_t principal_fen;
    const char *method, *reference, *reason;
    struct idem idem;
    struct approval approval;
};

static json_t *refund_json(int64_t id, const struct sv_refund_out *r)
{
    json_t *o = json_object();
    json_set_int(o, "id", id);
    json_set_int(o, "member_id", r->member_id);
    json_set_int(o, "at", r->at);
    json_set_str(o, "business_day", r->business_day);
    json_set_money(o, "principal_fen", "principal", r->principal_fen);
    json_set_money(o, "bonus_forfeited_fen", "bonus_forfeited", r->bonus_forfeited_fen);
    json_set_str(o, "method", r->method);
    json_set_str(o, "method_name", sv_method_label(r->method));
    json_set_str(o, "reference", r->reference);
    json_set_str(o, "reason", r->reason);
    if (r->shift_id)
        json_set_int(o, "shift_id", r->shift_id);
    else
        json_object_set_new(o, "shift_id", json_null());
    json_set_str(o, "approved_by", r->approved_by);
    json_set_str(o, "by", r->by_user);
    return o;
}

/* A second person approves every refund of stored value (money leaves the venue), whose role's
 * refund limit covers it; never the person who asks. Replies 403 and returns false otherwise. */
static bool refund_authorised(struct request *req, const struct refund_args *a)
{
    char zh[400], en[400], amount[32];
    money_format(a->principal_fen, amount);
    if (!a->approval.given) {
        snprintf(zh, sizeof zh, "储值退款 %s 元", amount);
        snprintf(en, sizeof en, "a stored-value refund of %s", amount);
        fd_reply_approval_required(req, zh, en);
        return false;
    }
    if (a->approval.user_id == req->user.id) {
        reply_error(req, 403, "approval_denied", "approver_username",
                    "储值退款须由另一位经理审批，不能自己审批自己",
                    "a stored-value refund is approved by another person, never by the one who "
                    "asks");
        return false;
    }
    if (a->approval.limits.refund_limit_fen < a->principal_fen) {
        snprintf(zh, sizeof zh, "审批人 %s 无权审批储值退款 %s 元", a->approval.username, amount);
        snprintf(en, sizeof en, "approver %s may not approve a stored-value refund of %s",
                 a->approval.username, amount);
        reply_error(req, 403, "approval_denied", "approver_username", zh, en);
        return false;
    }
    return true;
}

static enum db_status refund_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct refund_args *a = arg;
    enum db_status s;
    if (fd_idem_replay(req, &a->idem, out, &s)) return s;
    struct sv_member m;
    s = load_member(req, a->member_id, &m);
    if (s != DB_OK) return req->replied ? DB_INVALID : s;
    if (!refund_authorised(req, a)) return DB_INVALID;
    struct sv_balance change;
    enum sv_refund_status rs = sv_refund(&m.balance, a->principal_fen, &change);
    if (rs != SV_REFUND_OK) {
        char zh[300], en[300], p[32];
        money_format(m.balance.principal_fen > 0 ? m.balance.principal_fen : 0, p);
        snprintf(zh, sizeof zh, "最多可退本金 %s 元（赠送金额不退）", p);
        snprintf(en, sizeof en, "at most %s of principal can be refunded (the bonus never is)", p);
        reply_error(req, 409, "refund_too_much", "principal_fen", zh, en);
        return DB_INVALID;
    }
    struct sv_refund_out r = {
        .venue_id = req->user.venue_id,
        .member_id = m.id,
        .principal_fen = a->principal_fen,
        .bonus_forfeited_fen = -change.bonus_fen,
        .method = a->method,
        .reference = a->reference ? a->reference : "",
        .reason = a->reason,
        .at = a->c->now,
        .business_day = a->c->today,
        .by_user = req->user.username,
        .approved_by = a->approval.username,
    };
    s = till_shift(req, a->method, &r.shift_id, "退款", "refund");
    int64_t id = 0;
    enum fin_status posted = FIN_OK;
    if (s == DB_OK) {
        s = sv_refund_write(req->db, &r, &id, &posted);
        if (s != DB_OK && posted != FIN_OK) s = finance_status_reply(req, posted);
    }
    char subject[40];
    snprintf(subject, sizeof subject, "member:%lld", (long long)m.id);
    if (s == DB_OK)
        s = approval_insert(req->db, req->user.venue_id, "sv_refund", subject, a->principal_fen,
                            req->user.username, a->approval.username, a->reason, a->c->now);
    struct sv_member after;
    if (s == DB_OK) s = sv_member_load(req->db, req->user.venue_id, m.id, &after);
    json_t *refund = s == DB_OK ? refund_json(id, &r) : NULL;
    if (s == DB_OK) {
        struct actor who = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)m.id);
        s = audit_record(req->db, &who, "sv_refund", "member", sid, NULL, refund);
    }
    if (s == DB_OK) {
        out->status = 201;
        out->body = json_object();
        json_object_set(out->body, "refund", refund);
        json_object_set_new(out->body, "member", member_json(&after, members_phone_visible(req)));
        s = fd_idem_store(req, &a->idem, out->status, out->body);
    }
    json_decref(refund);
    return s;
}

/* POST /api/v1/members/:id/refunds {principal_fen, method, reason, reference?,
 * approver_username, approver_password, idempotency_key?} */
static void member_refund(struct request *req)
{
    static const char *const fields[] = {"principal_fen",     "method",
                                         "reason",            "reference",
                                         "approver_username", "approver_password",
                                         "idempotency_key",   NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) {
        json_decref(body);
        return;
    }
    struct refund_args a = {.c = &c, .member_id = req_param_id(req, "id")};
    char endpoint[64];
    snprintf(endpoint, sizeof endpoint, "sv-refund:%lld", (long long)a.member_id);
    bool ok = fd_fen(req, body, "principal_fen", "principal_fen", "退款本金", "principal refunded",
                     true, SV_MAX_FEN, &a.principal_fen) &&
              jfield_str(req, body, "method", "退款方式", "method", true, 12, &a.method) &&
              read_text(req, body, "reason", "退款原因", "reason", true, REASON_MAX_CHARS,
                        &a.reason) &&
              read_text(req, body, "reference", "退款凭证号", "refund reference", false,
                        REFERENCE_MAX_CHARS, &a.reference);
    if (ok && a.principal_fen <= 0) {
        bad_field(req, "principal_fen", "退款本金须大于 0", "a refund is more than 0");
        ok = false;
    }
    if (ok && !sv_method_valid(a.method)) {
        bad_field(req, "method", "退款方式应为 cash（现金）、wechat（微信）、alipay（支付宝）或 card（银行卡）",
                  "the method is cash, wechat, alipay or card");
        ok = false;
    }
    ok = ok && fd_idem_prepare(req, body, false, endpoint, &a.idem) &&
         fd_approver(req, body, NULL, &a.approval);
    if (ok) fd_run_write(req, refund_tx, &a, "储值退款", "stored-value refund");
    fd_ctx_free(&c);
    json_decref(body);
}

/* ---- the route table ---- */

/* Literal paths come before "/api/v1/members/:id": the first match wins. */
const struct route members_routes[] = {
    {"GET", "/api/v1/members", members_list, "crm", ACCESS_READ, 0},
    {"POST", "/api/v1/members", members_create, "crm", ACCESS_WRITE, 0},
    {"GET", "/api/v1/members/liability", members_liability, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/members/liability/export", members_liability_export, "finance", ACCESS_READ,
     0},
    {"GET", "/api/v1/members/sv-rules", rules_list, "bills", ACCESS_READ, 0},
    {"POST", "/api/v1/members/sv-rules", rules_create, "finance", ACCESS_WRITE, 0},
    {"PUT", "/api/v1/members/sv-rules/:id", rules_update, "finance", ACCESS_WRITE, 0},
    {"PUT", "/api/v1/members/sv-limits", limits_put, "settings", ACCESS_WRITE, 0},
    {"GET", "/api/v1/members/sv-quote", sv_quote, "bills", ACCESS_READ, 0},
    {"GET", "/api/v1/members/:id", member_get, "crm", ACCESS_READ, 0},
    {"PUT", "/api/v1/members/:id", member_update, "crm", ACCESS_WRITE, 0},
    {"GET", "/api/v1/members/:id/ledger", member_ledger, "crm", ACCESS_READ, 0},
    {"POST", "/api/v1/members/:id/topups", member_topup, "bills", ACCESS_WRITE, 0},
    {"POST", "/api/v1/members/:id/refunds", member_refund, "bills", ACCESS_WRITE, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
