/* finance/petty_api.c: the petty-cash endpoints (备用金). Parse and validate, one write
 * transaction that calls the store (which checks the rule of petty.c, writes, posts and
 * asserts the invariant), audit, JSON out.
 *
 *   GET  /api/v1/petty-cash                        the fund, its four figures, open issues
 *   POST /api/v1/petty-cash/fund                   establish or change the imprest; settings
 *   POST /api/v1/petty-cash/issues                 issue money to a person for a purpose
 *   POST /api/v1/petty-cash/issues/:id/settle      change back and/or receipts against it
 *   POST /api/v1/petty-cash/expenses               an expense paid straight from the fund
 *   POST /api/v1/petty-cash/replenish              put back what was receipted (safe or bank)
 *   GET  /api/v1/petty-cash/movements?from&to&person&kind&issue_id&page&page_size
 *   GET  /api/v1/petty-cash/register?from&to&person&format=json|csv|xlsx
 *                                                  备用金领取登记表: one row per issue
 *
 * Who: the module "finance" (read for the GETs, write for the rest); a cashier has neither.
 * An issue above the fund's approval limit needs a manager's second sign-in, checked with the
 * front desk's approver check (fd_approver): a manager or admin other than the caller and
 * other than the person who takes the money. Movements are dated today's business day; a
 * locked (confirmed) day refuses the whole write with 409 day_locked. */
#include "finance/petty.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/bizday.h"
#include "core/export.h"
#include "core/json.h"
#include "core/log.h"
#include "core/money.h"
#include "frontdesk/api_internal.h"
#include "frontdesk/store.h"

/* A person's name: 20 characters, so that it fits a journal line's party (64 bytes). */
#define PERSON_MAX_CHARS 20
#define PURPOSE_MAX_CHARS 100
#define NOTE_MAX_CHARS 200
#define RECEIPT_NOTE_MAX_CHARS 100
#define RECEIPT_NO_MAX_CHARS 40
/* The open issues a fund shows at once: a venue has a handful; 500 is a fund out of hand. */
#define OPEN_ISSUES_MAX 500
/* Paging of the movements: a month of a busy fund is a few hundred. */
/* The register reads at most this many issues: years of a venue's petty cash. */
#define REGISTER_MAX_ROWS 20000

/* ---- input ---- */

static void bad_field(struct request *req, const char *field, const char *zh, const char *en)
{
    reply_error(req, 400, "invalid_field", field, zh, en);
}

/* An optional text; blank counts as "". */
static bool read_text(struct request *req, json_t *obj, const char *key, const char *path,
                      const char *zh, const char *en, size_t max_chars, const char **out)
{
    const char *v = NULL;
    if (!fd_str(req, obj, key, path, zh, en, false, max_chars, &v)) return false;
    *out = v && v[strspn(v, " \t\r\n")] ? v : "";
    return true;
}

/* A required text that is not blank. */
static bool read_required(struct request *req, json_t *obj, const char *key, const char *zh,
                          const char *en, size_t max_chars, const char **out)
{
    if (!read_text(req, obj, key, key, zh, en, max_chars, out)) return false;
    if (!**out) {
        char mz[200], me[200];
        snprintf(mz, sizeof mz, "%s：必须填写", zh);
        snprintf(me, sizeof me, "%s is required", en);
        bad_field(req, key, mz, me);
        return false;
    }
    return true;
}

/* "safe" or "bank" (required when required). */
static bool read_source(struct request *req, json_t *body, bool required, const char **out)
{
    const char *v = NULL;
    if (!jfield_str(req, body, "source", "资金来源", "source", required, 8, &v)) return false;
    if (v && strcmp(v, "safe") != 0 && strcmp(v, "bank") != 0) {
        bad_field(req, "source", "资金来源只能是 safe（保险柜）或 bank（银行）",
                  "source must be safe or bank");
        return false;
    }
    *out = v;
    return true;
}

/* receipts: [{account, amount_fen, note?, receipt_count?, receipt_no?}], at most
 * PETTY_MAX_RECEIPTS; required: at least one. Strings stay in body. */
static bool read_receipts(struct request *req, json_t *body, bool required,
                          struct petty_receipt_in *out, int *n)
{
    static const char *const fields[] = {"account", "amount_fen", "note", "receipt_count",
                                         "receipt_no", NULL};
    *n = 0;
    json_t *v = json_object_get(body, "receipts");
    if (!v || json_is_null(v)) {
        if (required)
            bad_field(req, "receipts", "报销票据：至少填写一张（科目和金额）",
                      "receipts: at least one (account and amount) is required");
        return !required;
    }
    if (!json_is_array(v) || json_array_size(v) > PETTY_MAX_RECEIPTS ||
        (required && json_array_size(v) == 0)) {
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "报销票据应为数组，%s最多 %d 行", required ? "至少 1 行、" : "",
                 PETTY_MAX_RECEIPTS);
        snprintf(en, sizeof en, "receipts must be an array of %sat most %d lines",
                 required ? "at least 1 and " : "", PETTY_MAX_RECEIPTS);
        bad_field(req, "receipts", zh, en);
        return false;
    }
    size_t i;
    json_t *r;
    json_array_foreach(v, i, r)
    {
        char path[64], p_acc[80], p_amt[80], p_note[80], p_cnt[80], p_no[80];
        snprintf(path, sizeof path, "receipts[%zu]", i);
        snprintf(p_acc, sizeof p_acc, "%s.account", path);
        snprintf(p_amt, sizeof p_amt, "%s.amount_fen", path);
        snprintf(p_note, sizeof p_note, "%s.note", path);
        snprintf(p_cnt, sizeof p_cnt, "%s.receipt_count", path);
        snprintf(p_no, sizeof p_no, "%s.receipt_no", path);
        struct petty_receipt_in *x = &out[i];
        memset(x, 0, sizeof *x);
        x->receipt_count = 1;
        if (!fd_keys(req, r, path, fields) ||
            !fd_str(req, r, "account", p_acc, "费用科目", "expense account", true, 20,
                    &x->account) ||
            !fd_fen(req, r, "amount_fen", p_amt, "票据金额", "receipt amount", true,
                    MONEY_MAX_FEN, &x->amount_fen) ||
            !read_text(req, r, "note", p_note, "票据说明", "receipt note", RECEIPT_NOTE_MAX_CHARS,
                       &x->note) ||
            !fd_int(req, r, "receipt_count", p_cnt, "票据张数", "number of receipts", false, 0,
                    999, &x->receipt_count) ||
            !read_text(req, r, "receipt_no", p_no, "票据号", "receipt number",
                       RECEIPT_NO_MAX_CHARS, &x->receipt_no))
            return false;
        if (x->amount_fen <= 0) {
            bad_field(req, p_amt, "票据金额必须大于 0", "a receipt's amount must be more than 0");
            return false;
        }
    }
    *n = (int)json_array_size(v);
    return true;
}

/* A business day from the query (NULL or "" is none); replies 400 if malformed. */
static bool read_day_query(struct request *req, const char *key, const char **out)
{
    const char *v = req_query(req, key);
    int64_t day;
    if (v && *v && !date_parse(v, &day)) {
        char zh[80], en[80];
        snprintf(zh, sizeof zh, "%s 应为营业日 YYYY-MM-DD", key);
        snprintf(en, sizeof en, "%s must be a business day YYYY-MM-DD", key);
        bad_field(req, key, zh, en);
        return false;
    }
    *out = v && *v ? v : NULL;
    return true;
}

static bool read_range(struct request *req, const char **from, const char **to)
{
    if (!read_day_query(req, "from", from) || !read_day_query(req, "to", to)) return false;
    if (*from && *to && strcmp(*from, *to) > 0) {
        bad_field(req, "to", "结束日期不能早于开始日期", "to must not be before from");
        return false;
    }
    return true;
}

static bool read_positive_query(struct request *req, const char *key, int64_t max, int64_t *out)
{
    const char *v = req_query(req, key);
    if (!v || !*v) return true;
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*end || n < 1 || n > max) {
        char zh[120], en[120];
        snprintf(zh, sizeof zh, "%s 应为 1 到 %lld 的整数", key, (long long)max);
        snprintf(en, sizeof en, "%s must be a whole number from 1 to %lld", key, (long long)max);
        bad_field(req, key, zh, en);
        return false;
    }
    *out = n;
    return true;
}

/* ---- output ---- */

static json_t *status_json(const struct petty_status *s)
{
    json_t *o = json_object();
    json_set_money(o, "imprest_fen", "imprest", s->imprest_fen);
    json_set_money(o, "cash_fen", "cash", s->cash_fen);
    json_set_money(o, "outstanding_fen", "outstanding", s->outstanding_fen);
    json_set_money(o, "receipted_fen", "receipted", s->receipted_fen);
    json_object_set_new(o, "holds", json_boolean(petty_holds(s)));
    return o;
}

static json_t *fund_json(const struct petty_fund *f)
{
    json_t *o = json_object();
    json_set_int(o, "id", f->id);
    json_set_str(o, "custodian", f->custodian);
    json_set_str(o, "status", f->status);
    json_set_money(o, "imprest_fen", "imprest", f->imprest_fen);
    json_set_money(o, "approval_limit_fen", "approval_limit", f->approval_limit_fen);
    json_set_int(o, "updated_at", f->updated_at);
    json_set_str(o, "updated_by", f->updated_by);
    return o;
}

static json_t *issue_json(const struct petty_issue *i)
{
    json_t *o = json_object();
    json_set_int(o, "id", i->id);
    json_set_str(o, "day", i->day);
    json_set_int(o, "at", i->at);
    json_set_str(o, "person", i->person);
    if (i->person_user_id)
        json_set_int(o, "person_user_id", i->person_user_id);
    else
        json_object_set_new(o, "person_user_id", json_null());
    json_set_str(o, "purpose", i->purpose);
    json_set_money(o, "amount_fen", "amount", i->amount_fen);
    json_set_money(o, "returned_fen", "returned", i->returned_fen);
    json_set_money(o, "receipted_fen", "receipted", i->receipted_fen);
    json_set_money(o, "paid_out_fen", "paid_out", i->paid_out_fen);
    json_set_money(o, "outstanding_fen", "outstanding", i->outstanding_fen);
    json_object_set_new(o, "settled", json_boolean(i->outstanding_fen == 0));
    json_set_str(o, "last_day", i->last_day);
    json_set_int(o, "settlements", i->settlements);
    json_set_str(o, "approved_by", i->approved_by);
    json_set_str(o, "by_user", i->by_user);
    return o;
}

static bool add_receipt(const struct petty_receipt_row *r, void *ctx)
{
    json_t *o = json_object();
    json_set_int(o, "line_no", r->line_no);
    json_set_str(o, "account", r->account_key[0] ? r->account_key : r->account_code);
    json_set_str(o, "account_code", r->account_code);
    json_set_str(o, "account_name", r->account_name);
    json_set_str(o, "account_name_en", r->account_name_en);
    json_set_money(o, "amount_fen", "amount", r->amount_fen);
    json_set_int(o, "receipt_count", r->receipt_count);
    json_set_str(o, "receipt_no", r->receipt_no);
    json_set_str(o, "note", r->note);
    json_array_append_new(ctx, o);
    return true;
}

struct movement_list {
    struct db *db;
    bool english;
    json_t *items;
    enum db_status s;
};

static bool add_movement(const struct petty_movement *m, void *ctx)
{
    struct movement_list *l = ctx;
    json_t *o = json_object();
    json_set_int(o, "id", m->id);
    json_set_str(o, "kind", petty_kind_id(m->kind));
    json_set_str(o, "kind_name", petty_kind_name(m->kind, l->english));
    json_set_str(o, "day", m->day);
    json_set_int(o, "at", m->at);
    if (m->issue_id)
        json_set_int(o, "issue_id", m->issue_id);
    else
        json_object_set_new(o, "issue_id", json_null());
    json_set_str(o, "person", m->person);
    json_set_str(o, "purpose", m->purpose);
    json_set_money(o, "amount_fen", "amount", m->amount_fen);
    json_set_money(o, "returned_fen", "returned", m->returned_fen);
    json_set_money(o, "receipted_fen", "receipted", m->receipted_fen);
    json_set_money(o, "paid_out_fen", "paid_out", m->paid_out_fen);
    json_t *e = json_object();
    json_set_int(e, "imprest_fen", m->effect.imprest_fen);
    json_set_int(e, "cash_fen", m->effect.cash_fen);
    json_set_int(e, "outstanding_fen", m->effect.outstanding_fen);
    json_set_int(e, "receipted_fen", m->effect.receipted_fen);
    json_object_set_new(o, "effect", e);
    json_set_str(o, "source", m->source);
    json_set_str(o, "approved_by", m->approved_by);
    json_set_str(o, "by_user", m->by_user);
    json_set_str(o, "note", m->note);
    if (m->entry_id)
        json_set_int(o, "entry_id", m->entry_id);
    else
        json_object_set_new(o, "entry_id", json_null());
    json_t *receipts = json_array();
    json_object_set_new(o, "receipts", receipts);
    json_array_append_new(l->items, o);
    /* Receipts are read after the list (one statement at a time on the cached ones). */
    return true;
}

/* Loads movements by filter f into l->items, with their receipts. */
static enum db_status load_movements(struct db *db, int64_t venue_id,
                                     const struct petty_movement_filter *f, bool english,
                                     json_t **items, int64_t *total)
{
    struct movement_list l = {db, english, json_array(), DB_OK};
    enum db_status s = petty_movement_list(db, venue_id, f, add_movement, &l, total);
    size_t i;
    json_t *m;
    json_array_foreach(l.items, i, m)
    {
        if (s != DB_OK) break;
        if (json_integer_value(json_object_get(m, "receipted_fen")) == 0) continue;
        s = petty_receipts_of(db, json_integer_value(json_object_get(m, "id")), add_receipt,
                              json_object_get(m, "receipts"));
    }
    if (s != DB_OK) {
        json_decref(l.items);
        return s;
    }
    *items = l.items;
    return DB_OK;
}

static bool add_issue(const struct petty_issue *i, void *ctx)
{
    json_array_append_new(ctx, issue_json(i));
    return true;
}

static bool add_account(const struct petty_account *a, void *ctx)
{
    json_t *o = json_object();
    json_set_int(o, "id", a->id);
    json_set_str(o, "code", a->code);
    json_set_str(o, "key", a->key);
    json_set_str(o, "account", a->key[0] ? a->key : a->code);
    json_set_str(o, "name", a->name);
    json_set_str(o, "name_en", a->name_en);
    json_array_append_new(ctx, o);
    return true;
}

/* ---- GET /api/v1/petty-cash ---- */

static void petty_get(struct request *req)
{
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    int64_t venue = req->user.venue_id;
    json_t *out = json_object(), *issues = json_array(), *accounts = json_array();
    struct petty_fund f;
    struct petty_check chk;
    struct petty_issue_filter filter = {.open_only = true, .limit = OPEN_ISSUES_MAX};
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK) {
        s = petty_fund_load(req->db, venue, &f);
        if (s == DB_NOT_FOUND) {
            json_object_set_new(out, "fund", json_null());
            s = DB_OK;
        } else if (s == DB_OK) {
            json_object_set_new(out, "fund", fund_json(&f));
        }
    }
    if (s == DB_OK) s = petty_verify(req->db, venue, &chk);
    if (s == DB_OK) s = petty_issue_list(req->db, venue, &filter, add_issue, issues);
    if (s == DB_OK) s = petty_expense_accounts(req->db, venue, add_account, accounts);
    db_rollback(req->db);
    fd_ctx_free(&c);
    if (s != DB_OK) {
        json_decref(out);
        json_decref(issues);
        json_decref(accounts);
        reply_db_error(req, s, "备用金", "petty cash");
        return;
    }
    if (!chk.holds || !chk.ledger_agrees)
        log_error("petty: venue %lld's fund does not hold (imprest %lld, fund %lld; cash %lld, "
                  "ledger %lld; outstanding %lld, ledger %lld; receipted %lld)",
                  (long long)venue, (long long)chk.status.imprest_fen,
                  (long long)chk.fund_imprest_fen, (long long)chk.status.cash_fen,
                  (long long)chk.ledger_cash_fen, (long long)chk.status.outstanding_fen,
                  (long long)chk.ledger_issued_fen, (long long)chk.status.receipted_fen);
    json_set_str(out, "today", c.today);
    json_t *st = status_json(&chk.status);
    json_object_set_new(st, "holds", json_boolean(chk.holds));
    json_object_set_new(out, "status", st);
    json_t *ledger = json_object();
    json_set_money(ledger, "petty_cash_fen", "petty_cash", chk.ledger_cash_fen);
    json_set_money(ledger, "petty_issued_fen", "petty_issued", chk.ledger_issued_fen);
    json_object_set_new(ledger, "agrees", json_boolean(chk.ledger_agrees));
    json_object_set_new(out, "ledger", ledger);
    json_object_set_new(out, "open_issues", issues);
    json_object_set_new(out, "expense_accounts", accounts);
    json_set_int(out, "default_approval_limit_fen", PETTY_DEFAULT_APPROVAL_LIMIT_FEN);
    reply_json(req, 200, out);
}

/* ---- writing a movement ---- */

/* One write: the parsed request, and the context of the transaction. */
struct write {
    const struct fd_ctx *c;
    struct petty_input in;
    struct petty_receipt_in receipts[PETTY_MAX_RECEIPTS];
    struct idem idem;
    struct approval approval;
    const char *amount_field; /* the field a refusal of the amount names */
    /* POST /fund */
    bool has_imprest, has_custodian, has_limit;
    int64_t imprest_fen, limit_fen;
    const char *custodian;
};

/* Replies the refusal of a movement (nothing was written): 403 for an approval, 404 for a
 * missing issue or account, 409 for the rule. */
static void reply_refusal(struct request *req, const struct petty_outcome *o,
                          const char *amount_field)
{
    char zh[600], en[600];
    petty_message(o->verdict, &o->before, &o->request, false, zh, sizeof zh);
    petty_message(o->verdict, &o->before, &o->request, true, en, sizeof en);
    const char *code = petty_verdict_code(o->verdict);
    switch (o->verdict) {
    case PETTY_NEEDS_APPROVAL:
        reply_error(req, 403, code, "approver_username", zh, en);
        return;
    case PETTY_BAD_AMOUNT:
        if (o->bad_receipt >= 0) {
            char field[64];
            snprintf(field, sizeof field, "receipts[%d].amount_fen", o->bad_receipt);
            reply_error(req, 400, "invalid_field", field, zh, en);
        } else {
            reply_error(req, 400, "invalid_field", amount_field, zh, en);
        }
        return;
    case PETTY_SAME_IMPREST:
        reply_error(req, 400, code, "imprest_fen", zh, en);
        return;
    case PETTY_OVER_OUTSTANDING:
        reply_error(req, 409, code, "returned_fen", zh, en);
        return;
    case PETTY_OVER_CASH:
    case PETTY_OVER_RECEIPTED:
        reply_error(req, 409, code, o->request.kind == PETTY_ADJUST ? "imprest_fen" : amount_field,
                    zh, en);
        return;
    default:
        reply_error(req, 409, code, NULL, zh, en);
        return;
    }
}

/* The status to return for a storage status the store gave with outcome o, having replied for
 * what the client must hear (refusals, unknown issue or account, a locked day). */
static enum db_status answer_outcome(struct request *req, enum db_status s,
                                     const struct petty_outcome *o, const char *amount_field)
{
    if (s == DB_OK && o->verdict != PETTY_OK) {
        reply_refusal(req, o, amount_field);
        return DB_INVALID;
    }
    if (s == DB_NOT_FOUND && o->bad_account) {
        char field[64], zh[200], en[200];
        snprintf(field, sizeof field, "receipts[%d].account", o->bad_receipt);
        snprintf(zh, sizeof zh, "第 %d 行票据的科目不是启用中的费用科目（填写科目代码或系统键，如 6010 或 exp_office）",
                 o->bad_receipt + 1);
        snprintf(en, sizeof en,
                 "receipt line %d: the account is not an active expense account (give its code "
                 "or key, e.g. 6010 or exp_office)",
                 o->bad_receipt + 1);
        bad_field(req, field, zh, en);
        return DB_INVALID;
    }
    if (s == DB_NOT_FOUND) {
        reply_error(req, 404, "not_found", NULL, "没有这笔备用金借支", "no such petty-cash issue");
        return DB_INVALID;
    }
    if (s == DB_CONFLICT && (o->fin == FIN_LOCKED || o->fin == FIN_SAFE_SHORT)) {
        finance_reply(req, o->fin);
        return DB_INVALID;
    }
    return s;
}

/* Reloads movement id as JSON. */
static enum db_status movement_by_id(struct request *req, int64_t id, json_t **out)
{
    struct petty_movement_filter f = {.id = id, .limit = 1};
    json_t *items = NULL;
    enum db_status s = load_movements(req->db, req->user.venue_id, &f, req->english, &items, NULL);
    if (s != DB_OK) return s;
    json_t *m = json_array_get(items, 0);
    if (!m) {
        json_decref(items);
        return DB_ERROR;
    }
    *out = json_incref(m);
    json_decref(items);
    return DB_OK;
}

/* Audits the movement just written, builds the reply {movement, status, issue?} (status 201)
 * and stores it under the idempotency key. */
static enum db_status finish_movement(struct request *req, struct write *w,
                                      const struct petty_outcome *o, struct fd_reply *out)
{
    json_t *movement = NULL, *body = NULL;
    enum db_status s = movement_by_id(req, o->movement_id, &movement);
    if (s != DB_OK) return s;
    body = json_object();
    json_object_set_new(body, "movement", movement);
    json_object_set_new(body, "status", status_json(&o->after));
    int64_t issue_id = o->kind == PETTY_ISSUE ? o->movement_id : w->in.issue_id;
    if (issue_id && (o->kind == PETTY_ISSUE || o->kind == PETTY_RETURN ||
                     o->kind == PETTY_REIMBURSE || o->kind == PETTY_SETTLE)) {
        struct petty_issue i;
        s = petty_issue_load(req->db, req->user.venue_id, issue_id, &i);
        if (s == DB_OK) json_object_set_new(body, "issue", issue_json(&i));
    }
    if (s == DB_OK) {
        struct actor a = actor_of(req);
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)o->movement_id);
        json_t *before = status_json(&o->before);
        s = audit_record(req->db, &a, petty_kind_id(o->kind), "petty_movement", id, before,
                         body);
        json_decref(before);
    }
    if (s == DB_OK && w->idem.key) s = fd_idem_store(req, &w->idem, 201, body);
    if (s != DB_OK) {
        json_decref(body);
        return s;
    }
    out->status = 201;
    out->body = body;
    return DB_OK;
}

/* The fields every movement is dated and signed with. */
static void stamp(struct request *req, struct write *w)
{
    w->in.day = w->c->today;
    w->in.at = w->c->now;
    w->in.by_user = req->user.username;
}

/* ---- POST /api/v1/petty-cash/fund ---- */

static enum db_status fund_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct write *w = arg;
    int64_t venue = req->user.venue_id;
    struct petty_fund f;
    enum db_status s = petty_fund_load(req->db, venue, &f);
    bool exists = s == DB_OK;
    if (s != DB_OK && s != DB_NOT_FOUND) return s;
    struct petty_status before;
    s = petty_status_load(req->db, venue, &before);
    if (s != DB_OK) return s;
    if (!exists && !w->has_imprest) {
        bad_field(req, "imprest_fen", "尚未设立备用金：请填写定额", "imprest_fen: the fund is not established yet");
        return DB_INVALID;
    }
    bool moves = w->has_imprest && (!exists || w->imprest_fen != before.imprest_fen);
    bool settings = (w->has_custodian && (!exists || strcmp(w->custodian, f.custodian) != 0)) ||
                    (w->has_limit && (!exists || w->limit_fen != f.approval_limit_fen));
    json_t *movement = NULL;
    struct petty_outcome o;
    memset(&o, 0, sizeof o);
    if (w->has_imprest && !moves && !settings) {
        o.verdict = PETTY_SAME_IMPREST;
        o.before = before;
        o.request.kind = PETTY_ADJUST;
        o.request.amount_fen = w->imprest_fen;
        reply_refusal(req, &o, "imprest_fen");
        return DB_INVALID;
    }
    if (moves) {
        if (!w->in.source) {
            bad_field(req, "source", "调整定额须说明资金来源或去向：safe（保险柜）或 bank（银行）",
                      "changing the imprest needs a source: safe or bank");
            return DB_INVALID;
        }
        w->in.kind = PETTY_ESTABLISH;
        w->in.amount_fen = w->imprest_fen;
        s = petty_record(req->db, venue, &w->in, &o);
        s = answer_outcome(req, s, &o, "imprest_fen");
        if (s != DB_OK) return s;
        s = movement_by_id(req, o.movement_id, &movement);
        if (s != DB_OK) return s;
        s = petty_fund_load(req->db, venue, &f);
        if (s != DB_OK) {
            json_decref(movement);
            return s;
        }
    }
    json_t *fund_before = exists ? fund_json(&f) : json_null();
    if (settings) {
        s = petty_fund_save(req->db, venue, w->has_custodian ? w->custodian : f.custodian,
                            w->has_limit ? w->limit_fen
                                         : (f.id ? f.approval_limit_fen
                                                 : PETTY_DEFAULT_APPROVAL_LIMIT_FEN),
                            req->user.username, w->c->now, &f);
    }
    json_t *body = json_object();
    json_object_set_new(body, "fund", fund_json(&f));
    json_object_set_new(body, "status", status_json(moves ? &o.after : &before));
    json_object_set_new(body, "movement", movement ? movement : json_null());
    if (s == DB_OK && moves) {
        struct actor a = actor_of(req);
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)o.movement_id);
        json_t *b = status_json(&o.before);
        s = audit_record(req->db, &a, petty_kind_id(o.kind), "petty_movement", id, b, body);
        json_decref(b);
    }
    if (s == DB_OK && settings) {
        struct actor a = actor_of(req);
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)f.id);
        s = audit_record(req->db, &a, "update", "petty_fund", id, fund_before,
                         json_object_get(body, "fund"));
    }
    json_decref(fund_before);
    if (s != DB_OK) {
        json_decref(body);
        return s;
    }
    out->status = moves ? 201 : 200;
    out->body = body;
    return DB_OK;
}

static void petty_fund_post(struct request *req)
{
    static const char *const fields[] = {"imprest_fen", "source", "custodian",
                                         "approval_limit_fen", "note", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    struct write *w = calloc(1, sizeof *w);
    bool ctx = false;
    if (!w) {
        reply_internal(req);
        goto out;
    }
    w->imprest_fen = -1;
    w->limit_fen = -1;
    const char *note = "";
    if (!jfield_fen(req, body, "imprest_fen", "备用金定额", "imprest", false, &w->imprest_fen) ||
        !read_source(req, body, false, &w->in.source) ||
        !read_text(req, body, "custodian", "custodian", "保管人", "custodian", PERSON_MAX_CHARS,
                   &w->custodian) ||
        !jfield_fen(req, body, "approval_limit_fen", "领用审批额度", "approval limit", false,
                    &w->limit_fen) ||
        !read_text(req, body, "note", "note", "备注", "note", NOTE_MAX_CHARS, &note))
        goto out;
    w->has_imprest = w->imprest_fen >= 0;
    w->has_limit = w->limit_fen >= 0;
    w->has_custodian = json_object_get(body, "custodian") != NULL;
    if (w->has_custodian && !*w->custodian) {
        bad_field(req, "custodian", "保管人：不能为空", "the custodian cannot be empty");
        goto out;
    }
    /* The approval limit is a control over whoever issues the cash: only a manager sets it. */
    if (w->has_limit && strcmp(req->user.role, "admin") != 0 &&
        strcmp(req->user.role, "manager") != 0) {
        reply_error(req, 403, "manager_only", "approval_limit_fen",
                    "领用审批额度只能由经理或管理员修改", "only a manager changes the approval limit");
        goto out;
    }
    if (!w->has_imprest && !w->has_limit && !w->has_custodian) {
        bad_field(req, "imprest_fen", "请填写定额、保管人或审批额度中的至少一项",
                  "give the imprest, the custodian or the approval limit");
        goto out;
    }
    if (!fd_ctx_load(req, &c)) goto out;
    ctx = true;
    w->c = &c;
    w->in.note = note;
    stamp(req, w);
    fd_run_write(req, fund_tx, w, "备用金", "petty cash");
out:
    if (ctx) fd_ctx_free(&c);
    free(w);
    json_decref(body);
}

/* ---- POST /api/v1/petty-cash/issues ---- */

static enum db_status issue_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct write *w = arg;
    enum db_status s;
    if (fd_idem_replay(req, &w->idem, out, &s)) return s;
    if (s != DB_OK) return s;
    struct petty_outcome o;
    w->in.kind = PETTY_ISSUE;
    w->in.approved_by = w->approval.given ? w->approval.username : "";
    s = petty_record(req->db, req->user.venue_id, &w->in, &o);
    s = answer_outcome(req, s, &o, "amount_fen");
    if (s == DB_OK && w->approval.given) {
        char subject[48];
        snprintf(subject, sizeof subject, "petty_movement:%lld", (long long)o.movement_id);
        s = approval_insert(req->db, req->user.venue_id, "petty_issue", subject,
                            w->in.amount_fen, req->user.username, w->approval.username,
                            w->in.purpose, w->c->now);
    }
    if (s == DB_OK) s = finish_movement(req, w, &o, out);
    return s;
}

/* The approver may be any manager or admin but the caller and the person paid. */
static bool approver_fits(struct request *req, const struct write *w)
{
    if (!w->approval.given) return true;
    const char *role = w->approval.limits.role;
    if (strcmp(role, "manager") != 0 && strcmp(role, "admin") != 0) {
        reply_error(req, 403, "approver_not_manager", "approver_username",
                    "备用金领用须由经理审批：该账号不是经理",
                    "an issue above the limit must be approved by a manager; this account is "
                    "not one");
        return false;
    }
    if (w->approval.user_id == req->user.id) {
        reply_error(req, 403, "self_approval", "approver_username",
                    "审批须由另一位经理登录确认，不能自己审批自己经办的领用",
                    "a second manager must approve: nobody approves their own issue");
        return false;
    }
    /* The person named as text (no account chosen) is the approver when the text is the
     * approver's user name or display name. */
    int64_t same = 0;
    if (!w->in.person_user_id &&
        db_int(req->db, &same,
               "SELECT count(*) FROM users WHERE id = $1 AND (username = trim($2) OR "
               "(display_name <> '' AND display_name = trim($2)))",
               "it", w->approval.user_id, w->in.person) != DB_OK) {
        reply_internal(req);
        return false;
    }
    if ((w->in.person_user_id && w->approval.user_id == w->in.person_user_id) || same) {
        reply_error(req, 403, "self_approval", "approver_username", "领用人不能审批自己的领用",
                    "the person taking the money cannot approve it");
        return false;
    }
    return true;
}

static void petty_issue_post(struct request *req)
{
    static const char *const fields[] = {"person",           "person_username",   "purpose",
                                         "amount_fen",       "note",              "approver_username",
                                         "approver_password", "idempotency_key", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    struct write *w = calloc(1, sizeof *w);
    bool ctx = false;
    const char *username = NULL;
    if (!w) {
        reply_internal(req);
        goto out;
    }
    if (!read_text(req, body, "person", "person", "领用人", "person", PERSON_MAX_CHARS,
                   &w->in.person) ||
        !jfield_str(req, body, "person_username", "领用人账号", "person's username", false, 32,
                    &username) ||
        !read_required(req, body, "purpose", "用途", "purpose", PURPOSE_MAX_CHARS,
                       &w->in.purpose) ||
        !jfield_fen(req, body, "amount_fen", "领用金额", "amount", true, &w->in.amount_fen) ||
        !read_text(req, body, "note", "note", "备注", "note", NOTE_MAX_CHARS, &w->in.note) ||
        !fd_idem_prepare(req, body, false, "petty-issue", &w->idem))
        goto out;
    if (w->in.amount_fen <= 0) {
        bad_field(req, "amount_fen", "领用金额必须大于 0", "the amount must be more than 0");
        goto out;
    }
    if (username && *username) {
        struct approver_row u;
        enum db_status s = approver_find(req->db, req->user.venue_id, username, &u);
        sodium_memzero(u.password_hash, sizeof u.password_hash);
        if (s == DB_NOT_FOUND || (s == DB_OK && !u.active)) {
            bad_field(req, "person_username", "领用人账号不存在或已停用",
                      "the person's user account does not exist or is disabled");
            goto out;
        }
        if (s != DB_OK) {
            reply_db_error(req, s, "用户", "user");
            goto out;
        }
        w->in.person_user_id = u.id;
        if (!*w->in.person) w->in.person = json_string_value(json_object_get(body, "person_username"));
    }
    if (!*w->in.person) {
        bad_field(req, "person", "领用人：必须填写", "person is required");
        goto out;
    }
    /* The approver's password is checked before the write transaction (a hash takes ~0.1 s). */
    if (!fd_approver(req, body, NULL, &w->approval) || !approver_fits(req, w)) goto out;
    if (!fd_ctx_load(req, &c)) goto out;
    ctx = true;
    w->c = &c;
    stamp(req, w);
    fd_run_write(req, issue_tx, w, "备用金", "petty cash");
out:
    if (ctx) fd_ctx_free(&c);
    free(w);
    json_decref(body);
}

/* ---- POST /api/v1/petty-cash/issues/:id/settle ---- */

/* The write of a settlement, an expense or a replenishment (w->in.kind): the movement, its entry,
 * its audit, in one transaction. */
static enum db_status movement_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct write *w = arg;
    enum db_status s;
    if (fd_idem_replay(req, &w->idem, out, &s)) return s;
    if (s != DB_OK) return s;
    struct petty_outcome o;
    s = petty_record(req->db, req->user.venue_id, &w->in, &o);
    s = answer_outcome(req, s, &o, w->amount_field);
    if (s == DB_OK) s = finish_movement(req, w, &o, out);
    return s;
}

static void petty_settle_post(struct request *req)
{
    static const char *const fields[] = {"returned_fen", "receipts", "note", "idempotency_key",
                                         NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    struct write *w = calloc(1, sizeof *w);
    bool ctx = false;
    if (!w) {
        reply_internal(req);
        goto out;
    }
    w->in.issue_id = req_param_id(req, "id");
    if (!w->in.issue_id) {
        reply_error(req, 404, "not_found", NULL, "没有这笔备用金借支", "no such petty-cash issue");
        goto out;
    }
    char endpoint[48];
    snprintf(endpoint, sizeof endpoint, "petty-settle:%lld", (long long)w->in.issue_id);
    if (!jfield_fen(req, body, "returned_fen", "退回零钱", "change returned", false,
                    &w->in.returned_fen) ||
        !read_receipts(req, body, false, w->receipts, &w->in.nreceipts) ||
        !read_text(req, body, "note", "note", "备注", "note", NOTE_MAX_CHARS, &w->in.note) ||
        !fd_idem_prepare(req, body, false, endpoint, &w->idem))
        goto out;
    w->in.receipts = w->receipts;
    if (!fd_ctx_load(req, &c)) goto out;
    ctx = true;
    w->c = &c;
    stamp(req, w);
    w->in.kind = PETTY_SETTLE;
    w->amount_field = "returned_fen";
    fd_run_write(req, movement_tx, w, "备用金", "petty cash");
out:
    if (ctx) fd_ctx_free(&c);
    free(w);
    json_decref(body);
}

/* ---- POST /api/v1/petty-cash/expenses ---- */

static void petty_expense_post(struct request *req)
{
    static const char *const fields[] = {"receipts", "purpose", "person", "note",
                                         "idempotency_key", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    struct write *w = calloc(1, sizeof *w);
    bool ctx = false;
    if (!w) {
        reply_internal(req);
        goto out;
    }
    if (!read_receipts(req, body, true, w->receipts, &w->in.nreceipts) ||
        !read_required(req, body, "purpose", "用途", "purpose", PURPOSE_MAX_CHARS,
                       &w->in.purpose) ||
        !read_text(req, body, "person", "person", "经手人", "paid by", PERSON_MAX_CHARS,
                   &w->in.person) ||
        !read_text(req, body, "note", "note", "备注", "note", NOTE_MAX_CHARS, &w->in.note) ||
        !fd_idem_prepare(req, body, false, "petty-expense", &w->idem))
        goto out;
    w->in.receipts = w->receipts;
    if (!fd_ctx_load(req, &c)) goto out;
    ctx = true;
    w->c = &c;
    stamp(req, w);
    w->in.kind = PETTY_EXPENSE;
    w->amount_field = "receipts";
    fd_run_write(req, movement_tx, w, "备用金", "petty cash");
out:
    if (ctx) fd_ctx_free(&c);
    free(w);
    json_decref(body);
}

/* ---- POST /api/v1/petty-cash/replenish ---- */

static void petty_replenish_post(struct request *req)
{
    static const char *const fields[] = {"amount_fen", "source", "note", "idempotency_key", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    struct write *w = calloc(1, sizeof *w);
    bool ctx = false;
    if (!w) {
        reply_internal(req);
        goto out;
    }
    if (!jfield_fen(req, body, "amount_fen", "补充金额", "amount", false, &w->in.amount_fen) ||
        !read_source(req, body, true, &w->in.source) ||
        !read_text(req, body, "note", "note", "备注", "note", NOTE_MAX_CHARS, &w->in.note) ||
        !fd_idem_prepare(req, body, false, "petty-replenish", &w->idem))
        goto out;
    /* Absent: everything receipted. An explicit 0 is a mistake, not "everything". */
    if (json_object_get(body, "amount_fen") && !json_is_null(json_object_get(body, "amount_fen")) &&
        w->in.amount_fen == 0) {
        bad_field(req, "amount_fen", "补充金额必须大于 0（不填则补足全部待补充金额）",
                  "the amount must be more than 0 (leave it out to replenish everything)");
        goto out;
    }
    if (!fd_ctx_load(req, &c)) goto out;
    ctx = true;
    w->c = &c;
    stamp(req, w);
    w->in.kind = PETTY_REPLENISH;
    w->amount_field = "amount_fen";
    fd_run_write(req, movement_tx, w, "备用金", "petty cash");
out:
    if (ctx) fd_ctx_free(&c);
    free(w);
    json_decref(body);
}

/* ---- GET /api/v1/petty-cash/movements ---- */

static void petty_movements_get(struct request *req)
{
    struct petty_movement_filter f = {0};
    int64_t page = 1, page_size = REQ_PAGE_SIZE_DEFAULT;
    const char *kind = req_query(req, "kind"), *person = req_query(req, "person");
    if (!read_range(req, &f.from, &f.to) || !req_paging(req, &page, &page_size) ||
        !read_positive_query(req, "issue_id", INT64_MAX / 2, &f.issue_id))
        return;
    if (kind && *kind) {
        if (!petty_kind_parse(kind, &f.kind)) {
            bad_field(req, "kind",
                      "类型只能是 establish、adjust、issue、return、reimburse、settle、expense、"
                      "replenish",
                      "kind must be establish, adjust, issue, return, reimburse, settle, expense "
                      "or replenish");
            return;
        }
        f.has_kind = true;
    }
    if (person && *person) {
        if (utf8_chars(person) > PERSON_MAX_CHARS) {
            bad_field(req, "person", "领用人最多 20 个字", "person is at most 20 characters");
            return;
        }
        f.person = person;
    }
    f.limit = page_size;
    f.offset = (page - 1) * page_size;
    json_t *items = NULL;
    int64_t total = 0;
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK) s = load_movements(req->db, req->user.venue_id, &f, req->english, &items, &total);
    db_rollback(req->db);
    if (s != DB_OK) {
        reply_db_error(req, s, "备用金流水", "petty-cash movements");
        return;
    }
    json_t *out = json_object();
    json_object_set_new(out, "movements", items);
    json_set_int(out, "total", total);
    json_set_int(out, "page", page);
    json_set_int(out, "page_size", page_size);
    reply_json(req, 200, out);
}

/* ---- GET /api/v1/petty-cash/register ---- */

static const struct table_col register_cols[] = {
    {"day", "领用日期", "Date", COL_DATE},
    {"no", "单号", "No.", COL_TEXT},
    {"person", "领用人", "Person", COL_TEXT},
    {"purpose", "用途", "Purpose", COL_TEXT},
    {"amount_fen", "领用金额", "Issued", COL_MONEY},
    {"returned_fen", "退回零钱", "Change returned", COL_MONEY},
    {"receipted_fen", "报销金额", "Receipted", COL_MONEY},
    {"paid_out_fen", "补付", "Paid beyond", COL_MONEY},
    {"outstanding_fen", "未归还", "Outstanding", COL_MONEY},
    {"last_day", "结算日期", "Settled on", COL_TEXT},
    {"approved_by", "审批人", "Approved by", COL_TEXT},
    {"by_user", "经办人", "Issued by", COL_TEXT},
};

static bool add_register_row(const struct petty_issue *i, void *ctx)
{
    json_t *o = issue_json(i);
    char no[24];
    snprintf(no, sizeof no, "%lld", (long long)i->id);
    json_set_str(o, "no", no);
    json_array_append_new(ctx, o);
    return true;
}

static void petty_register_get(struct request *req)
{
    struct petty_issue_filter f = {.limit = REGISTER_MAX_ROWS + 1};
    const char *format = req_query(req, "format"), *person = req_query(req, "person");
    bool csv = format && strcmp(format, "csv") == 0, xlsx = format && strcmp(format, "xlsx") == 0;
    if (format && *format && !csv && !xlsx && strcmp(format, "json") != 0) {
        bad_field(req, "format", "格式只能是 json、csv 或 xlsx", "format must be json, csv or xlsx");
        return;
    }
    if (!read_range(req, &f.from, &f.to)) return;
    if (person && *person) {
        if (utf8_chars(person) > PERSON_MAX_CHARS) {
            bad_field(req, "person", "领用人最多 20 个字", "person is at most 20 characters");
            return;
        }
        f.person = person;
    }
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    /* Without a range: this month up to today. */
    char from[11], to[11];
    snprintf(to, sizeof to, "%s", f.to ? f.to : c.today);
    if (f.from)
        snprintf(from, sizeof from, "%s", f.from);
    else
        snprintf(from, sizeof from, "%.8s01", f.to ? f.to : c.today);
    if (strcmp(from, to) > 0) snprintf(from, sizeof from, "%s", to);
    f.from = from;
    f.to = to;
    json_t *rows = json_array();
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK) s = petty_issue_list(req->db, req->user.venue_id, &f, add_register_row, rows);
    db_rollback(req->db);
    fd_ctx_free(&c);
    if (s != DB_OK) {
        json_decref(rows);
        reply_db_error(req, s, "备用金登记表", "petty-cash register");
        return;
    }
    bool truncated = json_array_size(rows) > REGISTER_MAX_ROWS;
    if (truncated) json_array_remove(rows, REGISTER_MAX_ROWS);
    int64_t sum[5] = {0};
    static const char *const keys[5] = {"amount_fen", "returned_fen", "receipted_fen",
                                        "paid_out_fen", "outstanding_fen"};
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        for (int k = 0; k < 5; k++) sum[k] += json_integer_value(json_object_get(r, keys[k]));
    }
    if (csv || xlsx) {
        struct table t = {"备用金领取登记表", "Petty-cash register", register_cols,
                          (int)(sizeof register_cols / sizeof register_cols[0]), rows, true};
        size_t len = 0;
        char *bytes = csv ? export_csv(&t, 1, req->english, &len)
                          : export_xlsx(&t, 1, req->english, &len);
        json_decref(rows);
        if (!bytes) {
            reply_internal(req);
            return;
        }
        char name[96];
        snprintf(name, sizeof name, "%s_%s_%s.%s", req->english ? "petty-cash-register" : "备用金领取登记表",
                 from, to, csv ? "csv" : "xlsx");
        reply_bytes(req, 200,
                    csv ? "text/csv; charset=utf-8"
                        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    bytes, len, name);
        return;
    }
    json_t *out = json_object(), *totals = json_object();
    json_set_str(out, "from", from);
    json_set_str(out, "to", to);
    json_object_set_new(out, "rows", rows);
    json_set_money(totals, "amount_fen", "amount", sum[0]);
    json_set_money(totals, "returned_fen", "returned", sum[1]);
    json_set_money(totals, "receipted_fen", "receipted", sum[2]);
    json_set_money(totals, "paid_out_fen", "paid_out", sum[3]);
    json_set_money(totals, "outstanding_fen", "outstanding", sum[4]);
    json_set_int(totals, "issues", (int64_t)json_array_size(rows));
    json_object_set_new(out, "totals", totals);
    json_object_set_new(out, "truncated", json_boolean(truncated));
    reply_json(req, 200, out);
}

const struct route petty_routes[] = {
    {"GET", "/api/v1/petty-cash", petty_get, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/petty-cash/movements", petty_movements_get, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/petty-cash/register", petty_register_get, "finance", ACCESS_READ, 0},
    {"POST", "/api/v1/petty-cash/fund", petty_fund_post, "finance", ACCESS_WRITE, 0},
    {"POST", "/api/v1/petty-cash/issues", petty_issue_post, "finance", ACCESS_WRITE, 0},
    {"POST", "/api/v1/petty-cash/issues/:id/settle", petty_settle_post, "finance", ACCESS_WRITE,
     0},
    {"POST", "/api/v1/petty-cash/expenses", petty_expense_post, "finance", ACCESS_WRITE, 0},
    {"POST", "/api/v1/petty-cash/replenish", petty_replenish_post, "finance", ACCESS_WRITE, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
