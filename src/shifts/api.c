/* shifts/api.c: the cashier shift endpoints (交班/对账) and the back office's review of them.
 * Parse and validate, one transaction that loads, calls the rules (drawer.c) and writes,
 * audit, JSON out. No SQL here (store.c), no arithmetic beyond drawer.h.
 *
 *   POST /api/v1/shifts                         open the caller's shift with a counted float
 *   GET  /api/v1/shifts/current                 the caller's open shift and its (blind) X report
 *   GET  /api/v1/shifts?from&to&status&cashier  list (a cashier sees only their own)
 *   GET  /api/v1/shifts/over-short?from&to      closed shifts with a difference, for finance
 *   GET  /api/v1/shifts/:id                     record + X report (open) or frozen Z (closed)
 *   GET  /api/v1/shifts/:id/x-report            the live X report (the Z once closed)
 *   GET  /api/v1/shifts/:id/payments            drill-down: every payment and refund
 *   POST /api/v1/shifts/:id/cash                pay-in, pay-out, safe drop (own open shift)
 *   POST /api/v1/shifts/:id/close               blind close by denomination, freezes the Z
 *   POST /api/v1/shifts/:id/approve             a manager approves the over/short (second login)
 *   POST /api/v1/shifts/:id/review              the back office marks it checked (核对)
 *   GET  /api/v1/business-days/:day             the day's shifts, totals, reconciliation
 *   POST /api/v1/business-days/:day/confirm     the day confirmed once every shift is reviewed
 *
 * Who may do what: the route table asks for the module "shifts" (read or write) for the till's
 * work and the module "finance" for the back office's (review, the day, over/short); here, a
 * cashier works on their own shift only; managers (and admins) may close another's shift and
 * approve differences (the approver's role, checked with their password); managers, finance
 * and admins see every shift; nobody reviews or approves their own shift. */
#include "shifts/shifts.h"

#include "core/audit.h"
#include "core/auth.h"
#include "core/bizday.h"
#include "core/json.h"
#include "core/money.h"
#include "core/venue.h"
#include "finance/finance.h"
#include "reports/store.h"
#include "shifts/drawer.h"
#include "shifts/report.h"
#include "shifts/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reasons and notes: 200 characters is two lines of a receipt, more than any real reason. */
#define TEXT_MAX_CHARS 200
/* Paging of the shift list: a month of a busy venue's shifts fits in one page of 500. */
/* The day view and the over/short list read at most this many shifts: a day has a handful,
 * a year of a chain's venue a few thousand. */
#define DAY_SHIFTS_MAX 1000

/* ---- who may do what ---- */

static bool role_in(const struct request *req, const char *const roles[])
{
    for (int i = 0; roles[i]; i++)
        if (strcmp(req->user.role, roles[i]) == 0) return true;
    return false;
}

/* Managers, finance and admins see every shift of the venue, review them and confirm days. */
static bool is_back_office(const struct request *req)
{
    static const char *const roles[] = {"admin", "manager", "finance", NULL};
    return role_in(req, roles);
}

/* Managers and admins may close another cashier's shift (a cashier who left without closing)
 * and approve an over/short. */
static bool is_manager(const struct request *req)
{
    static const char *const roles[] = {"admin", "manager", NULL};
    return role_in(req, roles);
}

static bool is_own(const struct request *req, const struct shift *s)
{
    return s->cashier_id == req->user.id;
}

/* Replies 403 unless the caller may see shift s. */
static bool check_may_see(struct request *req, const struct shift *s)
{
    if (is_own(req, s) || is_back_office(req)) return true;
    reply_error(req, 403, "not_your_shift", NULL, "只能查看自己的班次",
                "you may only see your own shifts");
    return false;
}

/* A cashier's own open shift is counted blind: nothing that gives the expected cash away. */
static bool blind_for(const struct request *req, const struct shift *s)
{
    return !s->closed && is_own(req, s);
}

/* ---- input ---- */

static void bad_field(struct request *req, const char *field, const char *zh, const char *en)
{
    reply_error(req, 400, "invalid_field", field, zh, en);
}

/* An optional text of at most TEXT_MAX_CHARS; blank counts as "". */
static bool read_text(struct request *req, json_t *body, const char *key, const char *label_zh,
                      const char *label_en, const char **out)
{
    const char *v = NULL;
    if (!jfield_str(req, body, key, label_zh, label_en, false, TEXT_MAX_CHARS, &v)) return false;
    *out = v && v[strspn(v, " \t\n")] ? v : "";
    return true;
}

/* Reads a count by denomination: [{"denomination_fen": 10000, "pieces": 3}, ...], each legal
 * denomination at most once. Sets *total and *normalised (the count as stored: the caller
 * owns it), or replies 400 naming the field and returns false. */
static bool read_count(struct request *req, json_t *body, const char *key, const char *label_zh,
                       const char *label_en, int64_t *total, json_t **normalised)
{
    char zh[300], en[300];
    json_t *v = json_object_get(body, key);
    if (!v || json_is_null(v)) {
        snprintf(zh, sizeof zh, "%s：必须填写（按面额清点的张数）", label_zh);
        snprintf(en, sizeof en, "%s is required (pieces counted per denomination)", label_en);
        bad_field(req, key, zh, en);
        return false;
    }
    size_t n = json_is_array(v) ? json_array_size(v) : 0;
    struct denomination_count counts[8];
    bool ok = json_is_array(v) && n <= (size_t)drawer_denomination_count;
    for (size_t i = 0; ok && i < n; i++) {
        json_t *e = json_array_get(v, i);
        json_t *d = json_object_get(e, "denomination_fen"), *p = json_object_get(e, "pieces");
        ok = json_is_object(e) && json_object_size(e) == 2 && json_is_integer(d) &&
             json_is_integer(p);
        if (ok) {
            counts[i].denomination_fen = json_integer_value(d);
            counts[i].pieces = json_integer_value(p);
        }
    }
    if (ok) ok = drawer_count_total(counts, (int)n, total);
    if (!ok) {
        snprintf(zh, sizeof zh,
                 "%s：应为 [{\"denomination_fen\": 面额（分）, \"pieces\": 张数}]，面额只能是 100、50、"
                 "20、10、5、1 元或 5 角、1 角，每种面额最多一次，张数 0 到 1000000",
                 label_zh);
        snprintf(en, sizeof en,
                 "%s must be [{\"denomination_fen\": fen, \"pieces\": n}] with each of the "
                 "denominations 100, 50, 20, 10, 5, 1 yuan, 5 or 1 jiao at most once and 0 to "
                 "1000000 pieces",
                 label_en);
        bad_field(req, key, zh, en);
        return false;
    }
    /* Stored in the drawer's order, largest note first, whatever order it was typed in. */
    json_t *out = json_array();
    for (int d = 0; d < drawer_denomination_count; d++)
        for (size_t i = 0; i < n; i++)
            if (counts[i].denomination_fen == drawer_denominations[d])
                json_array_append_new(out, json_pack("{s:I,s:I}", "denomination_fen",
                                                     (json_int_t)counts[i].denomination_fen,
                                                     "pieces", (json_int_t)counts[i].pieces));
    *normalised = out;
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

/* The venue and its zone (the caller frees *tz); replies on failure. */
static bool load_venue(struct request *req, struct venue *v, struct tz **tz)
{
    enum db_status s = venue_load(req->db, req->user.venue_id, v);
    if (s != DB_OK) {
        reply_db_error(req, s, "门店", "venue");
        return false;
    }
    *tz = tz_load(v->timezone);
    if (!*tz) {
        reply_internal(req); /* the zone was checked when it was saved */
        return false;
    }
    return true;
}

/* The venue's business day now ("YYYY-MM-DD"); replies on failure. */
static bool today(struct request *req, char out[11])
{
    struct venue v;
    struct tz *tz = NULL;
    if (!load_venue(req, &v, &tz)) return false;
    date_format(bizday_of_instant(tz, v.cutoff_minutes, now_epoch()), out);
    tz_free(tz);
    return true;
}

/* ---- output ---- */

static enum db_status audit_shift(struct request *req, const char *action, int64_t id,
                                  const json_t *before, const json_t *after)
{
    struct actor a = actor_of(req);
    char sid[24];
    snprintf(sid, sizeof sid, "%lld", (long long)id);
    return audit_record(req->db, &a, action, "shift", sid, before, after);
}

/* Commits and replies {"shift": record, ...extra}; or replies the error. Takes extra. */
/* Posts a shift's money event through the books (issue 4) in the open transaction. A refusal
 * (the business day is locked) is replied there; then the transaction is rolled back and the
 * handler stops (false). */
static bool books(struct request *req, enum fin_status f, enum db_status *st)
{
    *st = finance_status_reply(req, f);
    if (!req->replied) return true;
    db_rollback(req->db);
    return false;
}

static void commit_reply(struct request *req, enum db_status s, int status, json_t *record,
                         const char *extra_key, json_t *extra)
{
    if (s == DB_OK) s = db_commit(req->db);
    if (s != DB_OK) {
        json_decref(extra);
        reply_db_error(req, s, "班次", "shift");
        return;
    }
    json_t *out = json_pack("{s:O}", "shift", record);
    if (extra_key) json_object_set_new(out, extra_key, extra);
    reply_json(req, status, out);
}

/* Replies the frozen Z of closed shift s as stored, inside {"shift": record, "report": Z} when
 * with_record: the text is sent as it was written at the close, never parsed and rebuilt (a
 * shift of 10,000 bills has a Z of about 700 kB). Ends the caller's read transaction. */
static void reply_frozen(struct request *req, const struct shift *s, bool with_record)
{
    char *z = NULL, *record = NULL, *out = NULL;
    enum db_status st = shift_z_text(req->db, req->user.venue_id, s->id, &z);
    db_rollback(req->db);
    if (st != DB_OK) {
        reply_db_error(req, st, "班次", "shift");
        return;
    }
    if (!with_record) {
        reply_bytes(req, 200, "application/json; charset=utf-8", z, strlen(z), NULL);
        return;
    }
    json_t *r = shift_record_json(s);
    record = json_dumps(r, JSON_COMPACT);
    json_decref(r);
    size_t len = record ? strlen(record) + strlen(z) + 32 : 0;
    if (len && (out = malloc(len)) != NULL) {
        int n = snprintf(out, len, "{\"shift\":%s,\"report\":%s}", record, z);
        reply_bytes(req, 200, "application/json; charset=utf-8", out, (size_t)n, NULL);
    } else {
        reply_internal(req);
    }
    free(record);
    free(z);
}

/* Replies {"shift": record, "report": X or Z} for shift id after the access check. */
static void reply_shift(struct request *req, int64_t id)
{
    struct shift s;
    json_t *report = NULL;
    enum db_status st = db_begin_read(req->db);
    if (st == DB_OK) st = shift_load(req->db, req->user.venue_id, id, &s);
    if (st != DB_OK) {
        reply_db_error(req, st, "班次", "shift");
        return;
    }
    if (!check_may_see(req, &s)) return;
    if (s.closed) {
        reply_frozen(req, &s, true);
        return;
    }
    st = shift_report_build(req->db, &s, blind_for(req, &s), &report, NULL);
    if (st == DB_OK) st = db_commit(req->db);
    if (st != DB_OK) {
        json_decref(report);
        reply_db_error(req, st, "班次", "shift");
        return;
    }
    reply_json(req, 200, json_pack("{s:o,s:o}", "shift", shift_record_json(&s), "report", report));
}

/* ---- opening ---- */

static const char *const open_fields[] = {"opening_count", "handed_over_by", NULL};

/* POST /api/v1/shifts {opening_count, handed_over_by?} */
static void shifts_open(struct request *req)
{
    json_t *body = req_json_object(req, open_fields);
    if (!body) return;
    json_t *count = NULL, *record = NULL;
    char *count_text = NULL;
    struct tz *tz = NULL;
    const char *handed = NULL;
    int64_t opening = 0;
    char zh[300], en[300];
    if (!read_count(req, body, "opening_count", "开班备用金清点", "opening count", &opening,
                    &count) ||
        !read_text(req, body, "handed_over_by", "交班收银员", "handed over by", &handed))
        goto out;
    struct venue v;
    if (!load_venue(req, &v, &tz)) goto out;
    int64_t now = now_epoch();
    char day[11];
    date_format(bizday_of_instant(tz, v.cutoff_minutes, now), day);

    enum db_status s = db_begin_write(req->db);
    struct business_day bd;
    if (s == DB_OK) s = business_day_load(req->db, req->user.venue_id, day, &bd);
    if (s != DB_OK) {
        reply_db_error(req, s, "班次", "shift");
        goto out;
    }
    if (bd.confirmed) {
        snprintf(zh, sizeof zh, "营业日 %s 已由 %s 确认，不能再开班", day, bd.confirmed_by);
        snprintf(en, sizeof en, "business day %s was confirmed by %s; no shift may open in it",
                 day, bd.confirmed_by);
        reply_error(req, 409, "day_confirmed", NULL, zh, en);
        goto out;
    }
    int64_t open_id = 0;
    s = shift_open_id(req->db, req->user.venue_id, req->user.id, &open_id);
    if (s == DB_OK) {
        snprintf(zh, sizeof zh, "您已有未结班的班次 #%lld，请先结班再开新班", (long long)open_id);
        snprintf(en, sizeof en, "you already have an open shift #%lld; close it first",
                 (long long)open_id);
        reply_error(req, 409, "shift_open", NULL, zh, en);
        goto out;
    }
    if (s != DB_NOT_FOUND) {
        reply_db_error(req, s, "班次", "shift");
        goto out;
    }

    /* The count the float is measured against: the shift handed over, or the venue's last
     * closed one; each closing count opens one next shift only (S3: reported once). */
    int64_t prev_id = 0, prev_counted = 0;
    bool taken = false;
    if (*handed) {
        struct shift_user from;
        s = shift_user_by_name(req->db, req->user.venue_id, handed, &from);
        if (s == DB_NOT_FOUND) {
            snprintf(zh, sizeof zh, "交班收银员：没有用户 %s", handed);
            snprintf(en, sizeof en, "handed over by: there is no user %s", handed);
            bad_field(req, "handed_over_by", zh, en);
            goto out;
        }
        if (s == DB_OK && from.id == req->user.id) {
            bad_field(req, "handed_over_by", "交班收银员不能是自己",
                      "you cannot hand over to yourself");
            goto out;
        }
        if (s == DB_OK) s = shift_open_id(req->db, req->user.venue_id, from.id, &open_id);
        if (s == DB_OK) {
            snprintf(zh, sizeof zh, "交班收银员 %s 的班次 #%lld 尚未结班，请先结班再接班", handed,
                     (long long)open_id);
            snprintf(en, sizeof en, "%s's shift #%lld is still open; it must close first",
                     handed, (long long)open_id);
            reply_error(req, 409, "handover_not_closed", "handed_over_by", zh, en);
            goto out;
        }
        if (s == DB_NOT_FOUND)
            s = shift_previous(req->db, req->user.venue_id, from.id, &prev_id, &prev_counted,
                               &taken);
        if (s == DB_NOT_FOUND) {
            if (taken) {
                snprintf(zh, sizeof zh, "交班收银员 %s 最近的班次 #%lld 已有人接班", handed,
                         (long long)prev_id);
                snprintf(en, sizeof en, "%s's last shift #%lld has already been taken over",
                         handed, (long long)prev_id);
            } else {
                snprintf(zh, sizeof zh, "交班收银员 %s 没有已结班的班次", handed);
                snprintf(en, sizeof en, "%s has no closed shift to hand over", handed);
            }
            reply_error(req, 409, "no_handover", "handed_over_by", zh, en);
            goto out;
        }
    } else {
        s = shift_previous(req->db, req->user.venue_id, 0, &prev_id, &prev_counted, &taken);
        if (s == DB_NOT_FOUND) {
            prev_id = 0; /* the first shift, or the last count was already taken over */
            s = DB_OK;
        }
    }
    if (s != DB_OK) {
        reply_db_error(req, s, "班次", "shift");
        goto out;
    }

    count_text = json_dumps(count, JSON_COMPACT);
    struct shift_new n = {
        .venue_id = req->user.venue_id,
        .cashier_id = req->user.id,
        .cashier = req->user.username,
        .business_day = day,
        .opening_count = count_text ? count_text : "[]",
        .handed_over_by = handed,
        .opened_at = now,
        .opening_fen = opening,
        .previous_shift_id = prev_id,
        .previous_counted_fen = prev_counted,
        .opening_difference_fen = prev_id ? drawer_difference(opening, prev_counted) : 0,
    };
    int64_t id = 0;
    s = shift_insert(req->db, &n, &id);
    if (s == DB_CONFLICT) {
        /* Another request of the same cashier, or another opening on the same count, won. */
        reply_error(req, 409, "shift_open", NULL, "您已有未结班的班次，或交班的班次刚被他人接班",
                    "you already have an open shift, or the count was just taken over");
        goto out;
    }
    if (s == DB_OK &&
        !books(req, finance_post_shift_open(req->db, req->user.venue_id, id, req->user.username),
               &s))
        goto out;
    struct shift after;
    if (s == DB_OK) s = shift_load(req->db, req->user.venue_id, id, &after);
    if (s == DB_OK) {
        record = shift_record_json(&after);
        s = audit_shift(req, "open", id, NULL, record);
    }
    commit_reply(req, s, 201, record, NULL, NULL);
out:
    free(count_text);
    tz_free(tz);
    json_decref(record);
    json_decref(count);
    json_decref(body);
}

/* ---- reading ---- */

/* GET /api/v1/shifts/current: {"shift": null} when the caller has no open shift. */
static void shifts_current(struct request *req)
{
    int64_t id = 0;
    enum db_status s = shift_open_id(req->db, req->user.venue_id, req->user.id, &id);
    if (s == DB_NOT_FOUND) {
        reply_json(req, 200, json_pack("{s:n,s:n}", "shift", "report"));
        return;
    }
    if (s != DB_OK) {
        reply_db_error(req, s, "班次", "shift");
        return;
    }
    reply_shift(req, id);
}

static void shift_get(struct request *req)
{
    reply_shift(req, req_param_id(req, "id"));
}

struct list_ctx {
    json_t *items;
};

static bool append_shift(const struct shift *s, void *ctx)
{
    json_array_append_new(((struct list_ctx *)ctx)->items, shift_record_json(s));
    return true;
}

/* GET /api/v1/shifts?from&to&status&cashier&page&page_size (business days; newest first). */
static void shifts_list(struct request *req)
{
    struct shift_filter f = {0};
    int64_t page, page_size, total = 0;
    if (!read_day_query(req, "from", &f.from_day) || !read_day_query(req, "to", &f.to_day) ||
        !req_paging(req, &page, &page_size))
        return;
    f.status = req_query(req, "status");
    if (f.status && *f.status && strcmp(f.status, "open") && strcmp(f.status, "closed") &&
        strcmp(f.status, "reviewed")) {
        bad_field(req, "status", "状态只能是 open、closed 或 reviewed",
                  "status must be open, closed or reviewed");
        return;
    }
    f.cashier = req_query(req, "cashier");
    /* A cashier lists their own shifts only, whatever the filter says. */
    if (!is_back_office(req)) f.cashier_id = req->user.id;
    f.limit = page_size;
    f.offset = (page - 1) * page_size;
    struct list_ctx ctx = {json_array()};
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK) s = shift_list(req->db, req->user.venue_id, &f, &total, append_shift, &ctx);
    if (s == DB_OK) s = db_commit(req->db);
    if (s != DB_OK) {
        json_decref(ctx.items);
        reply_db_error(req, s, "班次", "shifts");
        return;
    }
    reply_json(req, 200, json_pack("{s:o,s:I,s:I,s:I}", "items", ctx.items, "total",
                                   (json_int_t)total, "page", (json_int_t)page, "page_size",
                                   (json_int_t)page_size));
}

/* GET /api/v1/shifts/:id/x-report: the live X of an open shift (blind for its cashier); the
 * frozen Z once the shift has closed. */
static void shift_x_report(struct request *req)
{
    struct shift s;
    json_t *report = NULL;
    enum db_status st = db_begin_read(req->db);
    if (st == DB_OK) st = shift_load(req->db, req->user.venue_id, req_param_id(req, "id"), &s);
    if (st != DB_OK) {
        reply_db_error(req, st, "班次", "shift");
        return;
    }
    if (!check_may_see(req, &s)) return;
    if (s.closed) {
        reply_frozen(req, &s, false);
        return;
    }
    st = shift_report_build(req->db, &s, blind_for(req, &s), &report, NULL);
    if (st == DB_OK) st = db_commit(req->db);
    if (st != DB_OK) {
        json_decref(report);
        reply_db_error(req, st, "班次", "shift");
        return;
    }
    reply_json(req, 200, report);
}

struct payments_ctx {
    bool blind;
    json_t *items;
    int64_t payments_fen, refunds_fen;
};

static bool append_money(const struct shift_money *m, void *ctx)
{
    struct payments_ctx *c = ctx;
    if (c->blind && strcmp(m->method, "cash") == 0) return true;
    json_t *o = json_object();
    json_set_str(o, "type", m->refund ? "refund" : "payment");
    json_set_int(o, "id", m->id);
    json_set_int(o, "bill_id", m->bill_id);
    json_set_str(o, "bill_no", m->bill_no);
    json_set_str(o, "bill_business_day", m->bill_day);
    json_set_str(o, "bill_status", m->bill_status);
    json_set_int(o, "at", m->at);
    json_set_str(o, "method", m->method);
    json_set_money(o, "amount_fen", "amount", m->amount_fen);
    if (m->refund) {
        json_set_str(o, "kind", m->kind);
        json_set_str(o, "reason", m->reason);
        c->refunds_fen += m->amount_fen;
    } else {
        if (m->tendered_fen) {
            json_set_money(o, "tendered_fen", "tendered", m->tendered_fen);
            json_set_money(o, "change_fen", "change", m->change_fen);
        }
        json_set_str(o, "platform", m->platform);
        json_set_str(o, "reference", m->reference);
        c->payments_fen += m->amount_fen;
    }
    json_array_append_new(c->items, o);
    return true;
}

/* GET /api/v1/shifts/:id/payments: every payment and refund of the shift (drill-down). */
static void shift_payments(struct request *req)
{
    struct shift s;
    enum db_status st = db_begin_read(req->db);
    if (st == DB_OK) st = shift_load(req->db, req->user.venue_id, req_param_id(req, "id"), &s);
    if (st != DB_OK) {
        reply_db_error(req, st, "班次", "shift");
        return;
    }
    if (!check_may_see(req, &s)) return;
    struct payments_ctx c = {blind_for(req, &s), json_array(), 0, 0};
    st = shift_money(req->db, s.id, false, append_money, &c);
    if (st == DB_OK) st = db_commit(req->db);
    if (st != DB_OK) {
        json_decref(c.items);
        reply_db_error(req, st, "班次", "shift");
        return;
    }
    json_t *out = json_pack("{s:I,s:b,s:o}", "shift_id", (json_int_t)s.id, "blind", c.blind,
                            "items", c.items);
    json_set_money(out, "payments_total_fen", "payments_total", c.payments_fen);
    json_set_money(out, "refunds_total_fen", "refunds_total", c.refunds_fen);
    reply_json(req, 200, out);
}

static bool append_over_short(const struct shift_over_short *o, void *ctx)
{
    json_t *j = json_object();
    json_set_int(j, "shift_id", o->shift_id);
    json_set_str(j, "business_day", o->business_day);
    json_set_int(j, "cashier_id", o->cashier_id);
    json_set_str(j, "cashier", o->cashier);
    json_set_int(j, "closed_at", o->closed_at);
    json_set_money(j, "difference_fen", "difference", o->difference_fen);
    json_set_str(j, "treatment", o->treatment);
    json_set_str(j, "treatment_name", shift_treatment_name(o->treatment));
    json_set_str(j, "reason", o->reason);
    json_set_str(j, "approved_by", o->approved_by);
    json_object_set_new(j, "approved_at",
                        o->approved_at ? json_integer(o->approved_at) : json_null());
    json_array_append_new(ctx, j);
    return true;
}

/* GET /api/v1/shifts/over-short?from&to: each closed shift's over or short, never netted. */
static void shifts_over_short(struct request *req)
{
    const char *from = NULL, *to = NULL;
    if (!read_day_query(req, "from", &from) || !read_day_query(req, "to", &to)) return;
    json_t *items = json_array();
    enum db_status s =
        shift_over_short_list(req->db, req->user.venue_id, from, to, append_over_short, items);
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "长短款", "over/short");
        return;
    }
    int64_t over = 0, shortage = 0;
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        int64_t d = json_integer_value(json_object_get(it, "difference_fen"));
        if (d > 0) over += d;
        else shortage -= d;
    }
    json_t *out = json_pack("{s:o}", "items", items);
    /* The two sums are shown apart: 不得以长补短. */
    json_set_money(out, "over_total_fen", "over_total", over);
    json_set_money(out, "short_total_fen", "short_total", shortage);
    reply_json(req, 200, out);
}

/* ---- cash events ---- */

static const char *const cash_fields[] = {"kind", "amount_fen", "reason", NULL};

/* POST /api/v1/shifts/:id/cash {kind: pay_in|pay_out|safe_drop, amount_fen, reason} */
static void shift_cash(struct request *req)
{
    json_t *body = req_json_object(req, cash_fields);
    if (!body) return;
    const char *kind = NULL, *reason = "";
    int64_t amount = 0;
    if (!jfield_str(req, body, "kind", "类别", "kind", true, 16, &kind) ||
        !jfield_int(req, body, "amount_fen", "金额（分）", "amount in fen", true, 1,
                    MONEY_MAX_FEN, &amount) ||
        !read_text(req, body, "reason", "事由", "reason", &reason))
        goto out;
    if (strcmp(kind, "pay_in") && strcmp(kind, "pay_out") && strcmp(kind, "safe_drop")) {
        bad_field(req, "kind", "类别只能是 pay_in（存入）、pay_out（支出）或 safe_drop（存入保险柜）",
                  "kind must be pay_in, pay_out or safe_drop");
        goto out;
    }
    if (strcmp(kind, "pay_out") == 0 && !*reason) {
        bad_field(req, "reason", "事由：从钱箱支出现金必须写明用途",
                  "reason is required for cash paid out of the drawer");
        goto out;
    }
    struct shift s;
    enum db_status st = db_begin_write(req->db);
    if (st == DB_OK) st = shift_load(req->db, req->user.venue_id, req_param_id(req, "id"), &s);
    if (st != DB_OK) {
        reply_db_error(req, st, "班次", "shift");
        goto out;
    }
    if (!is_own(req, &s)) {
        reply_error(req, 403, "not_your_shift", NULL, "只能在自己的班次里记录现金存取",
                    "cash may only be recorded in your own shift");
        goto out;
    }
    if (s.closed) {
        reply_error(req, 409, "shift_closed", NULL, "班次已结班，不能再记录现金存取",
                    "the shift is closed; no more cash may be recorded in it");
        goto out;
    }
    int64_t id = 0, now = now_epoch();
    st = shift_cash_event_insert(req->db, s.id, now, kind, amount, reason, req->user.username,
                                 &id);
    if (st == DB_OK &&
        !books(req, finance_post_shift_cash(req->db, req->user.venue_id, id, req->user.username),
               &st))
        goto out;
    json_t *event = NULL;
    if (st == DB_OK) {
        event = json_object();
        json_set_int(event, "id", id);
        json_set_int(event, "shift_id", s.id);
        json_set_str(event, "kind", kind);
        json_set_money(event, "amount_fen", "amount", amount);
        json_set_str(event, "reason", reason);
        json_set_int(event, "at", now);
        json_set_str(event, "by", req->user.username);
        st = audit_shift(req, kind, s.id, NULL, event);
    }
    if (st == DB_OK) st = db_commit(req->db);
    if (st != DB_OK) {
        json_decref(event);
        reply_db_error(req, st, "现金存取", "cash event");
        goto out;
    }
    reply_json(req, 201, json_pack("{s:o}", "event", event));
out:
    json_decref(body);
}

/* ---- close ---- */

static const char *const close_fields[] = {"closing_count", "reason", NULL};

/* POST /api/v1/shifts/:id/close {closing_count, reason?}: the blind close. The cashier gives
 * the count; the expected cash, the difference and the whole Z are computed and frozen in the
 * transaction that closes the shift, so a payment committed before is in this Z and one after
 * finds the shift closed (shift_require_open). */
static void shift_close(struct request *req)
{
    json_t *body = req_json_object(req, close_fields);
    if (!body) return;
    json_t *count = NULL, *report = NULL, *before = NULL, *record = NULL;
    char *z = NULL;
    const char *reason = "";
    int64_t counted = 0;
    if (!read_count(req, body, "closing_count", "结班清点", "closing count", &counted, &count) ||
        !read_text(req, body, "reason", "差异原因", "reason for the difference", &reason))
        goto out;
    struct shift s;
    enum db_status st = db_begin_write(req->db);
    if (st == DB_OK) st = shift_load(req->db, req->user.venue_id, req_param_id(req, "id"), &s);
    if (st != DB_OK) {
        reply_db_error(req, st, "班次", "shift");
        goto out;
    }
    if (!is_own(req, &s) && !is_manager(req)) {
        reply_error(req, 403, "not_your_shift", NULL, "只能结自己的班（经理可代为结班）",
                    "you may only close your own shift (a manager may close another's)");
        goto out;
    }
    if (s.closed) {
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "班次 #%lld 已于之前结班，不能重复结班", (long long)s.id);
        snprintf(en, sizeof en, "shift #%lld is already closed", (long long)s.id);
        reply_error(req, 409, "shift_closed", NULL, zh, en);
        goto out;
    }
    struct shift_totals t;
    st = shift_report_build(req->db, &s, false, &report, &t);
    if (st != DB_OK) {
        reply_db_error(req, st, "班次", "shift");
        goto out;
    }
    int64_t expected = t.drawer.expected_fen, diff = drawer_difference(counted, expected);
    int64_t now = now_epoch();
    if (diff != 0 && !*reason) {
        /* The amount is not told (the close stays blind), but the attempt is kept in the trail
         * so that a manager sees every recount. */
        json_t *attempt = json_pack("{s:O,s:I}", "closing_count", count, "counted_fen",
                                    (json_int_t)counted);
        st = audit_shift(req, "close_refused", s.id, NULL, attempt);
        json_decref(attempt);
        if (st == DB_OK) st = db_commit(req->db);
        if (st != DB_OK) {
            reply_db_error(req, st, "班次", "shift");
            goto out;
        }
        bad_field(req, "reason", "差异原因：清点金额与应有现金不符，请复点或填写差异原因后再结班",
                  "the count does not match the expected cash: recount, or give the reason for "
                  "the difference");
        goto out;
    }
    shift_report_close(report, count, counted, expected, reason, now, req->user.username);
    z = json_dumps(report, JSON_COMPACT);
    char *count_text = json_dumps(count, JSON_COMPACT);
    struct shift_close c = {
        .closed_at = now,
        .closed_by = req->user.username,
        .closing_count = count_text ? count_text : "[]",
        .reason = reason,
        .treatment = drawer_treatment(drawer_outcome_of(diff)),
        .z_report = z,
        .counted_fen = counted,
        .expected_fen = expected,
        .difference_fen = diff,
    };
    st = z ? shift_close_update(req->db, s.id, &c) : DB_ERROR;
    free(count_text);
    if (st == DB_NOT_FOUND) {
        reply_error(req, 409, "shift_closed", NULL, "班次刚刚已被结班", "the shift was just closed");
        goto out;
    }
    /* An over is other income, a short is owed by the cashier (case S5). */
    if (st == DB_OK &&
        !books(req, finance_post_shift_close(req->db, req->user.venue_id, s.id, req->user.username),
               &st))
        goto out;
    before = shift_record_json(&s);
    struct shift after;
    if (st == DB_OK) st = shift_load(req->db, req->user.venue_id, s.id, &after);
    if (st == DB_OK) {
        record = shift_record_json(&after);
        st = audit_shift(req, "close", s.id, before, record);
    }
    commit_reply(req, st, 200, record, "report", json_incref(report));
out:
    free(z);
    json_decref(record);
    json_decref(before);
    json_decref(report);
    json_decref(count);
    json_decref(body);
}

/* ---- approval of the difference ---- */

static const char *const approve_fields[] = {"approver_username", "approver_password", "note",
                                             NULL};

/* POST /api/v1/shifts/:id/approve {approver_username, approver_password, note}: a manager
 * signs the over/short off with their own password (a second login at the till). The
 * difference itself is never changed: approval records who accepted it. */
static void shift_approve(struct request *req)
{
    json_t *body = req_json_object(req, approve_fields);
    if (!body) return;
    json_t *before = NULL, *record = NULL;
    const char *username = NULL, *password = NULL, *note = "";
    char zh[200], en[200];
    if (!jfield_str(req, body, "approver_username", "审批人", "approver", true, 32, &username) ||
        !jfield_str(req, body, "approver_password", "审批人密码", "approver's password", true,
                    200, &password) ||
        !read_text(req, body, "note", "审批意见", "note", &note))
        goto out;
    int64_t now = now_epoch();
    /* The same throttle as sign-in: approval must not become a way to guess passwords. */
    if (auth_approver_throttled(req->db, username, req->ip, now)) {
        req->retry_after = 900;
        reply_error(req, 429, "throttled", NULL, "审批人密码错误次数过多，请 15 分钟后再试",
                    "too many wrong approver passwords; try again in 15 minutes");
        goto out;
    }
    struct shift_user u;
    enum db_status st = shift_user_by_name(req->db, req->user.venue_id, username, &u);
    if (st != DB_OK && st != DB_NOT_FOUND) {
        reply_db_error(req, st, "用户", "user");
        goto out;
    }
    bool ok;
    if (st == DB_OK) {
        ok = u.active && auth_check_password(u.password_hash, password);
    } else {
        /* Spend the same time on an unknown name as on a wrong password. */
        char dummy[128];
        auth_hash_password(password, dummy);
        ok = false;
    }
    if (!ok) {
        if (db_begin_write(req->db) == DB_OK &&
            auth_approver_failed(req->db, username, req->ip, now) == DB_OK)
            db_commit(req->db);
        reply_error(req, 401, "bad_approver", "approver_password",
                    "审批人用户名或密码不对，或账号已停用",
                    "wrong approver username or password, or the account is disabled");
        goto out;
    }
    if (strcmp(u.role, "manager") != 0 && strcmp(u.role, "admin") != 0) {
        reply_error(req, 403, "approver_not_manager", "approver_username",
                    "长短款须由经理审批：该账号不是经理",
                    "an over/short must be approved by a manager; this account is not one");
        goto out;
    }
    struct shift s;
    st = db_begin_write(req->db);
    if (st == DB_OK) st = shift_load(req->db, req->user.venue_id, req_param_id(req, "id"), &s);
    if (st != DB_OK) {
        reply_db_error(req, st, "班次", "shift");
        goto out;
    }
    if (!check_may_see(req, &s)) goto out;
    if (!s.closed) {
        reply_error(req, 409, "shift_open", NULL, "班次尚未结班，结班后才能审批长短款",
                    "the shift is still open; an over/short is approved after the close");
        goto out;
    }
    if (s.difference_fen == 0) {
        reply_error(req, 409, "no_difference", NULL, "该班次没有长短款，无需审批",
                    "the shift has no over/short to approve");
        goto out;
    }
    if (s.difference_approved_by[0]) {
        snprintf(zh, sizeof zh, "长短款已由 %s 审批", s.difference_approved_by);
        snprintf(en, sizeof en, "the over/short was already approved by %s",
                 s.difference_approved_by);
        reply_error(req, 409, "already_approved", NULL, zh, en);
        goto out;
    }
    if (u.id == s.cashier_id) {
        reply_error(req, 403, "self_approval", "approver_username",
                    "不能审批自己班次的长短款", "nobody approves the over/short of their own shift");
        goto out;
    }
    before = shift_record_json(&s);
    st = shift_approve_update(req->db, s.id, u.username, now, note);
    if (st == DB_NOT_FOUND) {
        reply_error(req, 409, "already_approved", NULL, "长短款刚刚已被审批",
                    "the over/short was just approved");
        goto out;
    }
    struct shift after;
    if (st == DB_OK) st = shift_load(req->db, req->user.venue_id, s.id, &after);
    if (st == DB_OK) {
        record = shift_record_json(&after);
        json_t *audit_after = json_deep_copy(record);
        json_object_set_new(audit_after, "approver_display_name", json_string(u.display_name));
        st = audit_shift(req, "approve_difference", s.id, before, audit_after);
        json_decref(audit_after);
    }
    commit_reply(req, st, 200, record, NULL, NULL);
out:
    json_decref(record);
    json_decref(before);
    json_decref(body);
}

/* ---- review ---- */

static const char *const review_fields[] = {"note", NULL};

/* POST /api/v1/shifts/:id/review {note}: the back office has checked the shift (核对). */
static void shift_review(struct request *req)
{
    json_t *body = req_json_object(req, review_fields);
    if (!body) return;
    json_t *before = NULL, *record = NULL;
    const char *note = "";
    char zh[200], en[200];
    if (!read_text(req, body, "note", "核对备注", "note", &note)) goto out;
    struct shift s;
    enum db_status st = db_begin_write(req->db);
    if (st == DB_OK) st = shift_load(req->db, req->user.venue_id, req_param_id(req, "id"), &s);
    if (st != DB_OK) {
        reply_db_error(req, st, "班次", "shift");
        goto out;
    }
    if (!s.closed) {
        reply_error(req, 409, "shift_open", NULL, "班次尚未结班，不能核对",
                    "the shift is still open; it cannot be reviewed");
        goto out;
    }
    if (strcmp(s.status, "reviewed") == 0) {
        snprintf(zh, sizeof zh, "班次 #%lld 已由 %s 核对", (long long)s.id, s.reviewed_by);
        snprintf(en, sizeof en, "shift #%lld was already reviewed by %s", (long long)s.id,
                 s.reviewed_by);
        reply_error(req, 409, "already_reviewed", NULL, zh, en);
        goto out;
    }
    if (is_own(req, &s)) {
        reply_error(req, 403, "self_review", NULL, "不能核对自己的班次",
                    "nobody reviews their own shift");
        goto out;
    }
    if (s.difference_fen != 0 && !s.difference_approved_by[0]) {
        char amount[32];
        money_format(s.difference_fen < 0 ? -s.difference_fen : s.difference_fen, amount);
        snprintf(zh, sizeof zh, "班次 #%lld 的%s %s 元尚未经经理审批，审批后才能核对",
                 (long long)s.id, s.difference_fen < 0 ? "短款" : "长款", amount);
        snprintf(en, sizeof en,
                 "the %s of %s on shift #%lld is not approved by a manager yet; approve it first",
                 s.difference_fen < 0 ? "short" : "over", amount, (long long)s.id);
        reply_error(req, 409, "not_approved", NULL, zh, en);
        goto out;
    }
    before = shift_record_json(&s);
    st = shift_review_update(req->db, s.id, req->user.username, now_epoch(), note);
    if (st == DB_NOT_FOUND) {
        reply_error(req, 409, "already_reviewed", NULL, "班次刚刚已被核对",
                    "the shift was just reviewed");
        goto out;
    }
    /* What is still in the drawer (not handed over to a next shift) goes to the safe. */
    if (st == DB_OK &&
        !books(req,
               finance_post_shift_handin(req->db, req->user.venue_id, s.id, req->user.username),
               &st))
        goto out;
    struct shift after;
    if (st == DB_OK) st = shift_load(req->db, req->user.venue_id, s.id, &after);
    if (st == DB_OK) {
        record = shift_record_json(&after);
        st = audit_shift(req, "review", s.id, before, record);
    }
    commit_reply(req, st, 200, record, NULL, NULL);
out:
    json_decref(record);
    json_decref(before);
    json_decref(body);
}

/* ---- business days ---- */

/* The day parameter; replies 400 if it is not a date. */
static const char *day_param(struct request *req)
{
    const char *day = req_param(req, "day");
    int64_t n;
    if (!day || !date_parse(day, &n)) {
        bad_field(req, "day", "营业日应为 YYYY-MM-DD", "the business day must be YYYY-MM-DD");
        return NULL;
    }
    return day;
}

struct day_ctx {
    struct db *db;
    json_t *shifts;
    json_t *channels;      /* {method: {payments_fen, refunds_fen, net_fen}} over the day */
    json_t *unreviewed;    /* [{id, cashier, status}] */
    int64_t payments_fen, refunds_fen, over_fen, short_fen;
    int64_t open, closed, reviewed;
    enum db_status status;
};

static bool on_day_shift(const struct shift *s, void *ctx)
{
    struct day_ctx *d = ctx;
    /* The list of a day is newest first; inserting at the front gives the order of the day. */
    json_t *o = shift_record_json(s);
    json_t *report = NULL;
    if (s->closed) {
        char *text = NULL;
        d->status = shift_z_text(d->db, s->venue_id, s->id, &text);
        if (d->status == DB_OK && !(report = json_loads(text, 0, NULL))) d->status = DB_ERROR;
        free(text);
    } else {
        /* The back office sees the open shifts live, expected cash included. */
        d->status = shift_report_build(d->db, s, false, &report, NULL);
    }
    if (d->status != DB_OK) {
        json_decref(o);
        return false;
    }
    json_t *channels = json_object_get(report, "channels");
    json_object_set(o, "channels", channels);
    shift_channels_add(d->channels, channels);
    static const char *const keys[] = {"payments_total_fen", "refunds_total_fen", "bills_count"};
    for (int k = 0; k < 3; k++) json_object_set(o, keys[k], json_object_get(report, keys[k]));
    d->payments_fen += json_integer_value(json_object_get(report, "payments_total_fen"));
    d->refunds_fen += json_integer_value(json_object_get(report, "refunds_total_fen"));
    json_decref(report);
    if (s->closed && s->difference_fen > 0) d->over_fen += s->difference_fen;
    if (s->closed && s->difference_fen < 0) d->short_fen -= s->difference_fen;
    if (strcmp(s->status, "open") == 0) d->open++;
    else if (strcmp(s->status, "closed") == 0) d->closed++;
    else d->reviewed++;
    if (strcmp(s->status, "reviewed") != 0)
        json_array_append_new(d->unreviewed,
                              json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)s->id, "cashier",
                                        s->cashier, "status", s->status, "status_name",
                                        shift_status_name(s->status)));
    json_array_insert_new(d->shifts, 0, o);
    return true;
}

/* Loads the day's shifts with their figures into d, in a read transaction of its own. */
static enum db_status day_load(struct request *req, const char *day, struct day_ctx *d,
                               struct business_day *bd)
{
    memset(d, 0, sizeof *d);
    d->db = req->db;
    d->shifts = json_array();
    d->channels = json_object();
    d->unreviewed = json_array();
    struct shift_filter f = {.from_day = day, .to_day = day, .limit = DAY_SHIFTS_MAX};
    int64_t total = 0;
    enum db_status s = business_day_load(req->db, req->user.venue_id, day, bd);
    if (s == DB_OK) s = shift_list(req->db, req->user.venue_id, &f, &total, on_day_shift, d);
    if (s == DB_OK) s = d->status;
    return s;
}

static void day_free(struct day_ctx *d)
{
    json_decref(d->shifts);
    json_decref(d->channels);
    json_decref(d->unreviewed);
}

/* "#12 张三（营业中）、#13 李四（已结班）" */
static void unreviewed_text(const json_t *list, bool english, char *out, size_t size)
{
    size_t used = 0, i;
    json_t *u;
    out[0] = 0;
    json_array_foreach(list, i, u)
    {
        const char *status = json_string_value(json_object_get(u, english ? "status" : "status_name"));
        int n = snprintf(out + used, size - used, english ? "%s#%lld %s (%s)" : "%s#%lld %s（%s）",
                         i ? (english ? ", " : "、") : "",
                         (long long)json_integer_value(json_object_get(u, "id")),
                         json_string_value(json_object_get(u, "cashier")), status);
        if (n < 0 || (size_t)n >= size - used) break; /* the list is cut, the count says more */
        used += (size_t)n;
    }
}

/* GET /api/v1/business-days/:day: every shift that opened in the day with its status,
 * over/short and totals per channel, the day's totals, whether it is confirmed, and the
 * takings report of the day's bills beside the sum of the shifts (they must agree). */
static void business_day_get(struct request *req)
{
    const char *day = day_param(req);
    if (!day) return;
    struct day_ctx d;
    struct business_day bd;
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK) s = day_load(req, day, &d, &bd);
    else memset(&d, 0, sizeof d);
    if (s == DB_OK) s = db_commit(req->db);
    db_rollback(req->db);
    struct takings_report tr;
    int64_t day_n = 0;
    date_parse(day, &day_n);
    /* The takings report runs its own read transaction (reports/store.h). */
    if (s == DB_OK) s = takings_report_load(req->db, req->user.venue_id, day_n, day_n, &tr);
    if (s != DB_OK) {
        day_free(&d);
        reply_db_error(req, s, "营业日", "business day");
        return;
    }

    json_t *out = json_object();
    json_set_str(out, "day", day);
    json_object_set_new(out, "confirmed", json_boolean(bd.confirmed));
    json_set_str(out, "confirmed_by", bd.confirmed_by);
    json_object_set_new(out, "confirmed_at",
                        bd.confirmed ? json_integer(bd.confirmed_at) : json_null());
    json_set_str(out, "confirm_note", bd.note);
    json_object_set_new(out, "shifts", json_incref(d.shifts));
    json_t *totals = json_object();
    json_set_int(totals, "shifts", (int64_t)json_array_size(d.shifts));
    json_set_int(totals, "open", d.open);
    json_set_int(totals, "closed", d.closed);
    json_set_int(totals, "reviewed", d.reviewed);
    json_object_set_new(totals, "channels", json_incref(d.channels));
    json_set_money(totals, "payments_total_fen", "payments_total", d.payments_fen);
    json_set_money(totals, "refunds_total_fen", "refunds_total", d.refunds_fen);
    /* Overs and shorts apart, never one net figure (不得以长补短). */
    json_set_money(totals, "over_total_fen", "over_total", d.over_fen);
    json_set_money(totals, "short_total_fen", "short_total", d.short_fen);
    json_object_set_new(out, "totals", totals);
    json_object_set_new(out, "unreviewed", json_incref(d.unreviewed));
    json_object_set_new(out, "can_confirm",
                        json_boolean(!bd.confirmed && json_array_size(d.unreviewed) == 0));

    /* The day's takings (bills of the business day, by payment method) against the payments
     * of the day's shifts: every front-desk payment is in exactly one shift, so they agree to
     * the fen unless bills came in without a shift (an import) or a shift ran past the
     * cut-off into the next business day. */
    json_t *rec = json_object(), *by_method = json_array();
    bool agrees = true;
    int64_t shifts_sum = 0;
    for (int i = 0; i < TAKINGS_METHODS; i++) {
        const char *m = takings_methods[i].id;
        int64_t takings = tr.total.method_fen[i];
        int64_t shifts =
            json_integer_value(json_object_get(json_object_get(d.channels, m), "payments_fen"));
        shifts_sum += shifts;
        if (takings == 0 && shifts == 0) continue;
        if (takings != shifts) agrees = false;
        json_t *o = json_pack("{s:s,s:s}", "method", m, "name", takings_methods[i].name_zh);
        json_set_money(o, "takings_fen", "takings", takings);
        json_set_money(o, "shifts_fen", "shifts", shifts);
        json_set_money(o, "difference_fen", "difference", shifts - takings);
        json_array_append_new(by_method, o);
    }
    int64_t takings_paid = 0;
    for (int i = 0; i < TAKINGS_METHODS; i++) takings_paid += tr.total.method_fen[i];
    json_set_money(rec, "takings_net_fen", "takings_net", tr.total.net_fen);
    json_set_money(rec, "takings_payments_fen", "takings_payments", takings_paid);
    json_set_money(rec, "shifts_payments_fen", "shifts_payments", shifts_sum);
    json_set_int(rec, "takings_bills", tr.total.bills_settled);
    json_object_set_new(rec, "by_method", by_method);
    json_object_set_new(rec, "agrees", json_boolean(agrees && shifts_sum == takings_paid));
    json_object_set_new(out, "reconciliation", rec);
    takings_report_free(&tr);
    day_free(&d);
    reply_json(req, 200, out);
}

static const char *const confirm_fields[] = {"note", NULL};

/* POST /api/v1/business-days/:day/confirm {note?}: the day is confirmed (核对完毕) once every
 * shift that opened in it is reviewed; afterwards no shift may open in it. */
static void business_day_confirm_post(struct request *req)
{
    json_t *body = req_json_object(req, confirm_fields);
    if (!body) return;
    const char *note = "";
    struct day_ctx d = {0};
    char now_day[11];
    if (!read_text(req, body, "note", "备注", "note", &note)) goto out;
    const char *day = day_param(req);
    if (!day || !today(req, now_day)) goto out;
    if (strcmp(day, now_day) > 0) {
        bad_field(req, "day", "营业日尚未开始，不能确认", "the business day has not begun yet");
        goto out;
    }
    struct business_day bd;
    enum db_status s = db_begin_write(req->db);
    if (s == DB_OK) s = day_load(req, day, &d, &bd);
    if (s != DB_OK) {
        reply_db_error(req, s, "营业日", "business day");
        goto out;
    }
    if (bd.confirmed) {
        db_rollback(req->db);
        char zh[200], en[200];
        snprintf(zh, sizeof zh, "营业日 %s 已由 %s 确认", day, bd.confirmed_by);
        snprintf(en, sizeof en, "business day %s was already confirmed by %s", day,
                 bd.confirmed_by);
        reply_error(req, 409, "day_confirmed", NULL, zh, en);
        goto out;
    }
    /* The books are closed up to the last confirmed day (issue 4): an earlier day with a shift
     * not yet reviewed could never be reviewed afterwards (the review posts the hand-in into
     * its day), so the days are confirmed in order. This also keeps today open while a shift
     * opened on an earlier day is still taking money into it. */
    char earlier[11] = "";
    sqlite3_stmt *st = db_stmt(req->db, "SELECT min(business_day) FROM shifts WHERE venue_id = $1 "
                                        "AND business_day < $2 AND status <> 'reviewed'");
    s = st ? db_bind(st, "it", req->user.venue_id, day) : DB_ERROR;
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && row) snprintf(earlier, sizeof earlier, "%s", db_col_text(st, 0));
    if (st) sqlite3_reset(st);
    if (s == DB_OK && earlier[0]) {
        db_rollback(req->db);
        char zh[300], en[300];
        snprintf(zh, sizeof zh, "营业日 %s 之前的 %s 还有班次未核对，请按日期顺序先核对并确认 %s", day,
                 earlier, earlier);
        snprintf(en, sizeof en,
                 "business day %s has a shift not reviewed: the days are confirmed in order, %s "
                 "before %s",
                 earlier, earlier, day);
        reply_error(req, 409, "earlier_day_open", NULL, zh, en);
        goto out;
    }
    size_t n = json_array_size(d.unreviewed);
    if (n) {
        db_rollback(req->db);
        char list_zh[600], list_en[600], zh[800], en[800];
        unreviewed_text(d.unreviewed, false, list_zh, sizeof list_zh);
        unreviewed_text(d.unreviewed, true, list_en, sizeof list_en);
        snprintf(zh, sizeof zh, "营业日 %s 还有 %zu 个班次未核对：%s。全部核对后才能确认", day, n,
                 list_zh);
        snprintf(en, sizeof en,
                 "business day %s has %zu shift(s) not reviewed: %s. Review them all first", day,
                 n, list_en);
        reply_error(req, 409, "shifts_not_reviewed", NULL, zh, en);
        goto out;
    }
    int64_t now = now_epoch();
    s = business_day_confirm(req->db, req->user.venue_id, day, req->user.username, now, note);
    json_t *after = NULL;
    if (s == DB_OK) {
        after = json_pack("{s:s,s:b,s:s,s:I,s:s,s:I}", "day", day, "confirmed", 1,
                          "confirmed_by", req->user.username, "confirmed_at", (json_int_t)now,
                          "note", note, "shifts", (json_int_t)json_array_size(d.shifts));
        struct actor a = actor_of(req);
        s = audit_record(req->db, &a, "confirm", "business_day", day, NULL, after);
    }
    if (s == DB_OK) s = db_commit(req->db);
    if (s != DB_OK) {
        json_decref(after);
        if (s == DB_CONFLICT)
            reply_error(req, 409, "day_confirmed", NULL, "营业日刚刚已被确认",
                        "the business day was just confirmed");
        else
            reply_db_error(req, s, "营业日", "business day");
        goto out;
    }
    reply_json(req, 200, after);
out:
    day_free(&d);
    json_decref(body);
}

const struct route shifts_routes[] = {
    /* Literal paths first: the router takes the first pattern that matches. */
    {"GET", "/api/v1/shifts/current", shifts_current, "shifts", ACCESS_READ, 0},
    {"GET", "/api/v1/shifts/over-short", shifts_over_short, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/shifts", shifts_list, "shifts", ACCESS_READ, 0},
    {"POST", "/api/v1/shifts", shifts_open, "shifts", ACCESS_WRITE, 0},
    {"GET", "/api/v1/shifts/:id", shift_get, "shifts", ACCESS_READ, 0},
    {"GET", "/api/v1/shifts/:id/x-report", shift_x_report, "shifts", ACCESS_READ, 0},
    {"GET", "/api/v1/shifts/:id/payments", shift_payments, "shifts", ACCESS_READ, 0},
    {"POST", "/api/v1/shifts/:id/cash", shift_cash, "shifts", ACCESS_WRITE, 0},
    {"POST", "/api/v1/shifts/:id/close", shift_close, "shifts", ACCESS_WRITE, 0},
    {"POST", "/api/v1/shifts/:id/approve", shift_approve, "shifts", ACCESS_WRITE, 0},
    /* The back office's check of the takings (营业款核对) is a finance duty: the permission of
     * the module "finance" (manager and finance by default), editable by an admin. */
    {"POST", "/api/v1/shifts/:id/review", shift_review, "finance", ACCESS_WRITE, 0},
    {"GET", "/api/v1/business-days/:day", business_day_get, "finance", ACCESS_READ, 0},
    {"POST", "/api/v1/business-days/:day/confirm", business_day_confirm_post, "finance",
     ACCESS_WRITE, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
