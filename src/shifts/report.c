/* shifts/report.c: the shift's record, X report and Z report as JSON (see report.h). */
#include "shifts/report.h"

#include "core/http.h"
#include "core/json.h"
#include "members/members.h"
#include "reports/takings.h"

#include <stdlib.h>
#include <string.h>

const char *shift_status_name(const char *status)
{
    if (strcmp(status, "open") == 0) return "营业中";
    if (strcmp(status, "closed") == 0) return "已结班";
    if (strcmp(status, "reviewed") == 0) return "已核对";
    return status;
}

const char *shift_outcome_name(enum drawer_outcome o)
{
    switch (o) {
    case DRAWER_OVER: return "长款";
    case DRAWER_SHORT: return "短款";
    case DRAWER_EVEN: break;
    }
    return "无差异";
}

const char *shift_treatment_name(const char *treatment)
{
    if (strcmp(treatment, "other_income") == 0) return "长款计入其他收入";
    if (strcmp(treatment, "cashier_receivable") == 0) return "短款由收银员补缴";
    return "";
}

/* A nullable integer: JSON null when absent. */
static void set_opt_int(json_t *o, const char *key, bool present, int64_t v)
{
    json_object_set_new(o, key, present ? json_integer(v) : json_null());
}

/* A stored count (JSON text written by us) back to JSON; [] if it does not parse, which would
 * be our bug, not the client's. */
static json_t *count_json(const char *text)
{
    json_t *v = text && *text ? json_loads(text, 0, NULL) : NULL;
    return v ? v : json_array();
}

json_t *shift_record_json(const struct shift *s)
{
    json_t *o = json_object();
    json_set_int(o, "id", s->id);
    json_set_int(o, "cashier_id", s->cashier_id);
    json_set_str(o, "cashier", s->cashier);
    json_set_str(o, "cashier_name", s->cashier_name[0] ? s->cashier_name : s->cashier);
    json_set_str(o, "handed_over_by", s->handed_over_by);
    set_opt_int(o, "handed_to_shift_id", s->handed_to_shift_id != 0, s->handed_to_shift_id);
    json_set_str(o, "handed_to", s->handed_to);
    json_set_str(o, "business_day", s->business_day);
    json_set_str(o, "status", s->status);
    json_set_str(o, "status_name", shift_status_name(s->status));
    json_set_int(o, "opened_at", s->opened_at);
    json_set_money(o, "opening_fen", "opening", s->opening_fen);
    json_object_set_new(o, "opening_count", count_json(s->opening_count));
    set_opt_int(o, "previous_shift_id", s->previous_shift_id != 0, s->previous_shift_id);
    set_opt_int(o, "previous_counted_fen", s->has_previous_counted, s->previous_counted_fen);
    json_set_money(o, "opening_difference_fen", "opening_difference", s->opening_difference_fen);
    set_opt_int(o, "closed_at", s->closed, s->closed_at);
    json_set_str(o, "closed_by", s->closed_by);
    if (s->closed) {
        enum drawer_outcome oc = drawer_outcome_of(s->difference_fen);
        json_object_set_new(o, "closing_count", count_json(s->closing_count));
        json_set_money(o, "counted_fen", "counted", s->counted_fen);
        json_set_money(o, "expected_fen", "expected", s->expected_fen);
        json_set_money(o, "difference_fen", "difference", s->difference_fen);
        json_set_str(o, "outcome", drawer_outcome_id(oc));
        json_set_str(o, "outcome_name", shift_outcome_name(oc));
        json_set_str(o, "treatment", s->difference_treatment);
        json_set_str(o, "treatment_name", shift_treatment_name(s->difference_treatment));
    } else {
        /* Nothing is known of the close of an open shift (and nothing is given away). */
        json_object_set_new(o, "closing_count", json_null());
        json_object_set_new(o, "counted_fen", json_null());
        json_object_set_new(o, "expected_fen", json_null());
        json_object_set_new(o, "difference_fen", json_null());
        json_object_set_new(o, "outcome", json_null());
        json_object_set_new(o, "treatment", json_null());
    }
    json_set_str(o, "difference_reason", s->difference_reason);
    json_object_set_new(o, "difference_approved",
                        json_boolean(s->difference_approved_by[0] != 0));
    json_set_str(o, "difference_approved_by", s->difference_approved_by);
    set_opt_int(o, "difference_approved_at", s->difference_approved_at != 0,
                s->difference_approved_at);
    json_set_str(o, "approval_note", s->approval_note);
    json_set_str(o, "reviewed_by", s->reviewed_by);
    set_opt_int(o, "reviewed_at", s->reviewed_at != 0, s->reviewed_at);
    json_set_str(o, "review_note", s->review_note);
    return o;
}

/* ---- the live report ---- */

/* What the callbacks gather while the store walks the shift's money. */
struct build {
    bool blind, failed;
    struct cash_event *events;
    int nevents, cap;
    json_t *sales, *refunds, *pay_ins, *pay_outs, *safe_drops;
    json_t *sv_topups, *sv_refunds; /* stored value paid in / given back in cash */
    json_t *payment_ids, *refund_ids;
    int64_t payments_count, refunds_count;
    struct shift_channel channels[TAKINGS_METHODS]; /* in display order */
    bool used[TAKINGS_METHODS];
};

static void push_event(struct build *b, struct cash_event e)
{
    if (b->nevents == b->cap) {
        int cap = b->cap ? b->cap * 2 : 64;
        struct cash_event *grown = realloc(b->events, sizeof *grown * (size_t)cap);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->events = grown;
        b->cap = cap;
    }
    b->events[b->nevents++] = e;
}

static bool on_money(const struct shift_money *m, void *ctx)
{
    struct build *b = ctx;
    json_array_append_new(m->refund ? b->refund_ids : b->payment_ids, json_integer(m->id));
    if (m->refund)
        b->refunds_count++;
    else
        b->payments_count++;
    if (strcmp(m->method, "cash") != 0) return true;
    struct cash_event e;
    if (m->refund) {
        e.kind = CASH_REFUND;
        e.amount_fen = m->amount_fen;
    } else if (!drawer_payment_event(m->amount_fen, &e)) {
        return true; /* a zero payment moves no cash */
    }
    push_event(b, e);
    json_t *item = json_object();
    json_set_int(item, m->refund ? "refund_id" : "payment_id", m->id);
    json_set_int(item, "bill_id", m->bill_id);
    json_set_str(item, "bill_no", m->bill_no);
    json_set_int(item, "at", m->at);
    json_set_money(item, "amount_fen", "amount", e.amount_fen);
    if (m->refund) {
        json_set_str(item, "source", m->kind); /* refund | void */
        json_set_str(item, "reason", m->reason);
    } else if (e.kind == CASH_REFUND) {
        json_set_str(item, "source", "bill"); /* a bill whose returns exceed its sales */
    } else {
        json_set_money(item, "tendered_fen", NULL, m->tendered_fen);
        json_set_money(item, "change_fen", NULL, m->change_fen);
    }
    json_array_append_new(e.kind == CASH_SALE ? b->sales : b->refunds, item);
    return true;
}

static bool on_cash_event(const struct shift_cash_event *ev, void *ctx)
{
    struct build *b = ctx;
    struct cash_event e = {CASH_KIND__MAX, ev->amount_fen};
    json_t *list = NULL;
    if (strcmp(ev->kind, "pay_in") == 0) {
        e.kind = CASH_PAY_IN;
        list = b->pay_ins;
    } else if (strcmp(ev->kind, "pay_out") == 0) {
        e.kind = CASH_PAY_OUT;
        list = b->pay_outs;
    } else if (strcmp(ev->kind, "safe_drop") == 0) {
        e.kind = CASH_SAFE_DROP;
        list = b->safe_drops;
    } else {
        b->failed = true; /* the CHECK constraint allows no other kind */
        return false;
    }
    push_event(b, e);
    json_t *item = json_object();
    json_set_int(item, "id", ev->id);
    json_set_int(item, "at", ev->at);
    json_set_money(item, "amount_fen", "amount", ev->amount_fen);
    json_set_str(item, "reason", ev->reason);
    json_set_str(item, "by", ev->by_user);
    json_array_append_new(list, item);
    return true;
}

/* A stored-value top-up or refund in cash: drawer money, never takings (not in the channels). */
static bool on_sv_cash(const struct sv_cash *c, void *ctx)
{
    struct build *b = ctx;
    struct cash_event e = {c->refund ? CASH_SV_REFUND : CASH_SV_TOPUP, c->amount_fen};
    push_event(b, e);
    json_t *item = json_object();
    json_set_int(item, c->refund ? "sv_refund_id" : "topup_id", c->id);
    json_set_int(item, "member_id", c->member_id);
    json_set_str(item, "member_name", c->member_name);
    json_set_int(item, "at", c->at);
    json_set_money(item, "amount_fen", "amount", c->amount_fen);
    json_set_money(item, c->refund ? "bonus_forfeited_fen" : "bonus_fen", NULL, c->bonus_fen);
    json_set_str(item, "by", c->by_user);
    json_array_append_new(c->refund ? b->sv_refunds : b->sv_topups, item);
    return true;
}

static bool on_channel(const struct shift_channel *c, void *ctx)
{
    struct build *b = ctx;
    /* An unknown method is summed under "other": no money is dropped. */
    int i = takings_method_index(c->method);
    struct shift_channel *into = &b->channels[i];
    snprintf(into->method, sizeof into->method, "%s", takings_methods[i].id);
    into->payments_fen += c->payments_fen;
    into->payments_count += c->payments_count;
    into->refunds_fen += c->refunds_fen;
    into->refunds_count += c->refunds_count;
    b->used[i] = true;
    return true;
}

static void set_items(json_t *o, const char *key, json_t *list, bool show)
{
    if (show)
        json_object_set(o, key, list);
}

enum db_status shift_report_build(struct db *db, const struct shift *s, bool blind,
                                  json_t **out, struct shift_totals *totals)
{
    *out = NULL;
    struct build b = {.blind = blind};
    b.sales = json_array();
    b.refunds = json_array();
    b.pay_ins = json_array();
    b.pay_outs = json_array();
    b.safe_drops = json_array();
    b.sv_topups = json_array();
    b.sv_refunds = json_array();
    b.payment_ids = json_array();
    b.refund_ids = json_array();
    json_t *r = NULL;
    int64_t bills = 0;
    enum db_status st = shift_money(db, s->id, false, on_money, &b);
    if (st == DB_OK) st = shift_cash_events(db, s->id, on_cash_event, &b);
    if (st == DB_OK) st = sv_shift_cash(db, s->id, on_sv_cash, &b);
    if (st == DB_OK) st = shift_channels(db, s->id, on_channel, &b);
    if (st == DB_OK) st = shift_bills_count(db, s->id, &bills);
    if (st == DB_OK && b.failed) st = DB_ERROR;
    struct drawer_summary sum;
    if (st == DB_OK && !drawer_summarise(s->opening_fen, b.events, b.nevents, &sum))
        st = DB_ERROR; /* amounts are positive by CHECK: a broken row, our bug */
    if (st != DB_OK) goto out;

    r = json_object();
    json_set_str(r, "kind", "x");
    json_object_set_new(r, "blind", json_boolean(blind));
    json_set_int(r, "shift_id", s->id);
    json_set_str(r, "cashier", s->cashier);
    json_set_str(r, "cashier_name", s->cashier_name[0] ? s->cashier_name : s->cashier);
    json_set_str(r, "handed_over_by", s->handed_over_by);
    json_set_str(r, "business_day", s->business_day);
    json_set_int(r, "opened_at", s->opened_at);
    json_set_int(r, "generated_at", now_epoch());

    /* The opening difference is this shift's own figure, reported here only (S3): the drawer
     * starts from what was counted at this opening, never from the previous close. */
    json_t *opening = json_object();
    json_object_set_new(opening, "count", count_json(s->opening_count));
    json_set_money(opening, "opening_fen", "opening", s->opening_fen);
    set_opt_int(opening, "previous_shift_id", s->previous_shift_id != 0, s->previous_shift_id);
    set_opt_int(opening, "previous_counted_fen", s->has_previous_counted,
                s->previous_counted_fen);
    json_set_money(opening, "opening_difference_fen", "opening_difference",
                   s->opening_difference_fen);
    json_object_set_new(r, "opening", opening);

    json_t *cash = json_object();
    json_set_money(cash, "opening_fen", "opening", sum.opening_fen);
    if (!blind) {
        json_set_money(cash, "sales_fen", "sales", sum.totals[CASH_SALE]);
        json_set_money(cash, "refunds_fen", "refunds", sum.totals[CASH_REFUND]);
    }
    json_set_money(cash, "pay_ins_fen", "pay_ins", sum.totals[CASH_PAY_IN]);
    json_set_money(cash, "pay_outs_fen", "pay_outs", sum.totals[CASH_PAY_OUT]);
    json_set_money(cash, "safe_drops_fen", "safe_drops", sum.totals[CASH_SAFE_DROP]);
    /* Stored value in cash is hidden from a blind count like the sales: it gives the expected
     * figure away. */
    if (!blind) {
        json_set_money(cash, "sv_topups_fen", "sv_topups", sum.totals[CASH_SV_TOPUP]);
        json_set_money(cash, "sv_refunds_fen", "sv_refunds", sum.totals[CASH_SV_REFUND]);
    }
    if (!blind) json_set_money(cash, "expected_fen", "expected", sum.expected_fen);
    json_object_set_new(r, "cash", cash);

    json_t *items = json_object();
    set_items(items, "sales", b.sales, !blind);
    set_items(items, "refunds", b.refunds, !blind);
    set_items(items, "pay_ins", b.pay_ins, true);
    set_items(items, "pay_outs", b.pay_outs, true);
    set_items(items, "safe_drops", b.safe_drops, true);
    set_items(items, "sv_topups", b.sv_topups, !blind);
    set_items(items, "sv_refunds", b.sv_refunds, !blind);
    json_object_set_new(r, "cash_items", items);

    /* Per channel, payments and refunds apart and the net signed (S7: card +100.00 while cash
     * -100.00), in the order a cashier reads them. */
    json_t *channels = json_array();
    int64_t payments = 0, refunds = 0;
    for (int i = 0; i < TAKINGS_METHODS; i++) {
        if (!b.used[i]) continue;
        const struct shift_channel *c = &b.channels[i];
        payments += c->payments_fen;
        refunds += c->refunds_fen;
        if (blind && strcmp(c->method, "cash") == 0) continue;
        json_t *o = json_object();
        json_set_str(o, "method", c->method);
        json_set_str(o, "name", takings_methods[i].name_zh);
        json_set_str(o, "name_en", takings_methods[i].name_en);
        json_set_money(o, "payments_fen", "payments", c->payments_fen);
        json_set_int(o, "payments_count", c->payments_count);
        json_set_money(o, "refunds_fen", "refunds", c->refunds_fen);
        json_set_int(o, "refunds_count", c->refunds_count);
        json_set_money(o, "net_fen", "net", c->payments_fen - c->refunds_fen);
        json_array_append_new(channels, o);
    }
    json_object_set_new(r, "channels", channels);
    if (!blind) {
        json_set_money(r, "payments_total_fen", "payments_total", payments);
        json_set_money(r, "refunds_total_fen", "refunds_total", refunds);
        json_set_money(r, "net_total_fen", "net_total", payments - refunds);
    }
    json_set_int(r, "bills_count", bills);
    json_set_int(r, "payments_count", b.payments_count);
    json_set_int(r, "refunds_count", b.refunds_count);
    json_object_set(r, "payment_ids", b.payment_ids);
    json_object_set(r, "refund_ids", b.refund_ids);

    if (totals) {
        totals->drawer = sum;
        totals->payments_fen = payments;
        totals->refunds_fen = refunds;
        totals->bills_count = bills;
        totals->payments_count = b.payments_count;
        totals->refunds_count = b.refunds_count;
    }
    *out = r;
out:
    free(b.events);
    json_decref(b.sales);
    json_decref(b.refunds);
    json_decref(b.pay_ins);
    json_decref(b.pay_outs);
    json_decref(b.safe_drops);
    json_decref(b.sv_topups);
    json_decref(b.sv_refunds);
    json_decref(b.payment_ids);
    json_decref(b.refund_ids);
    return st;
}

void shift_report_close(json_t *report, const json_t *count, int64_t counted_fen,
                        int64_t expected_fen, const char *reason, int64_t closed_at,
                        const char *closed_by)
{
    int64_t diff = drawer_difference(counted_fen, expected_fen);
    enum drawer_outcome oc = drawer_outcome_of(diff);
    json_set_str(report, "kind", "z");
    json_object_set_new(report, "blind", json_false());
    json_set_int(report, "closed_at", closed_at);
    json_set_str(report, "closed_by", closed_by);
    json_t *c = json_object();
    json_object_set_new(c, "count", json_deep_copy(count));
    json_set_money(c, "counted_fen", "counted", counted_fen);
    json_set_money(c, "expected_fen", "expected", expected_fen);
    json_set_money(c, "difference_fen", "difference", diff);
    json_set_str(c, "outcome", drawer_outcome_id(oc));
    json_set_str(c, "outcome_name", shift_outcome_name(oc));
    /* 长缴短补: an over is other income, a short is owed by the cashier; recorded here so the
     * frozen Z says how it is booked, and in shifts.difference_treatment for finance. */
    json_set_str(c, "treatment", drawer_treatment(oc));
    json_set_str(c, "treatment_name", shift_treatment_name(drawer_treatment(oc)));
    json_set_money(c, "short_owed_fen", NULL, oc == DRAWER_SHORT ? -diff : 0);
    json_set_money(c, "over_income_fen", NULL, oc == DRAWER_OVER ? diff : 0);
    json_set_str(c, "reason", reason ? reason : "");
    /* What the drawer holds after the close is what was counted, whatever was expected (S5). */
    json_set_money(c, "cash_after_close_fen", "cash_after_close", counted_fen);
    json_object_set_new(report, "closing", c);
}

void shift_channels_add(json_t *into, const json_t *channels)
{
    size_t i;
    json_t *c;
    json_array_foreach(channels, i, c)
    {
        const char *method = json_string_value(json_object_get(c, "method"));
        if (!method) continue;
        json_t *o = json_object_get(into, method);
        if (!o) {
            o = json_pack("{s:I,s:I,s:I}", "payments_fen", (json_int_t)0, "refunds_fen",
                          (json_int_t)0, "net_fen", (json_int_t)0);
            json_object_set_new(into, method, o);
        }
        static const char *const keys[] = {"payments_fen", "refunds_fen", "net_fen"};
        for (int k = 0; k < 3; k++) {
            json_int_t add = json_integer_value(json_object_get(c, keys[k]));
            json_int_t had = json_integer_value(json_object_get(o, keys[k]));
            json_object_set_new(o, keys[k], json_integer(had + add));
        }
    }
}
