/* finance/freport_api.c: the finance reports as JSON, as CSV / .xlsx / terminal tables, and
 * their routes. No SQL here (freport_store.c) and no arithmetic beyond laying figures out
 * (freport.c).
 *
 *   GET /api/v1/finance/reports/table          财务管理表: income, expense, profit, channels, cash flow
 *   GET /api/v1/finance/reports/pnl            利润表: lines by account, month columns, total
 *   GET /api/v1/finance/reports/cashflow       现金流: cash-like accounts, in and out by class
 *   GET /api/v1/finance/reports/over-short     长短款 by cashier and month, what each owes
 *   GET /api/v1/finance/reports/petty          备用金: balances, issued by person, imprest
 *   GET /api/v1/finance/reports/liability      储值负债: principal and bonus, movements
 *   GET /api/v1/finance/reports/trial-balance  试算平衡表 as of a day
 *
 * Query: from, to (YYYY-MM-DD or YYYY-MM), month=YYYY-MM, year=YYYY, day (the trial balance),
 * group=day|month, format=json (default) | csv | xlsx, lang=en. The exports are built from the
 * same JSON the page reads, so the page, the workbook and the command line cannot disagree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bizday.h"
#include "core/export.h"
#include "core/log.h"
#include "core/venue.h"
#include "finance/freport.h"
#include "reports/render.h"

/* ---------------------------------------------------------------- JSON helpers */

static void put(json_t *o, const char *key, json_t *v)
{
    json_object_set_new(o, key, v);
}

static json_t *jint(int64_t v)
{
    return json_integer((json_int_t)v);
}

static json_t *jday(int64_t day)
{
    char s[11];
    date_format(day, s);
    return json_string(s);
}

/* Account names are typed by finance: valid UTF-8 by the API's input checks, but a string
 * jansson refuses must not make the report vanish. */
static json_t *jtext(const char *s)
{
    json_t *v = json_string(s);
    return v ? v : json_string("?");
}

static void put_account(json_t *o, const struct fr_account *a)
{
    put(o, "code", jtext(a->code));
    put(o, "name", jtext(a->name));
    put(o, "name_en", jtext(a->name_en[0] ? a->name_en : a->name));
    put(o, "key", jtext(a->key));
    put(o, "grp", json_string(fr_grp_names[a->grp]));
}

static void put_range(json_t *root, enum fr_kind kind, const struct fr_request *r)
{
    put(root, "report", json_string(fr_kinds[kind].id));
    put(root, "title", json_string(fr_kinds[kind].name_zh));
    put(root, "title_en", json_string(fr_kinds[kind].name_en));
    put(root, "from", jday(r->from));
    put(root, "to", jday(r->to));
    put(root, "group", json_string(r->by_month ? "month" : "day"));
}

static json_t *period_json(const struct fr_period *p)
{
    json_t *o = json_object();
    put(o, "period", json_string(p->label));
    put(o, "from", jday(p->from));
    put(o, "to", jday(p->to));
    return o;
}

static void put_figures(json_t *o, const struct fr_figures *f)
{
    put(o, "revenue_fen", jint(f->revenue_fen));
    put(o, "contra_fen", jint(f->contra_fen));
    put(o, "net_revenue_fen", jint(f->net_revenue_fen));
    put(o, "other_income_fen", jint(f->other_income_fen));
    put(o, "cost_fen", jint(f->cost_fen));
    put(o, "expense_fen", jint(f->expense_fen));
    put(o, "profit_fen", jint(f->profit_fen));
}

/* Whether account i moved in the range or holds a balance (inactive accounts without either
 * are left out of the reports). */
static bool account_shown(const struct fr_ledger *l, size_t i)
{
    const struct fr_account *a = &l->chart->items[i];
    return a->active || fr_debits(l, i, l->nperiods) || fr_credits(l, i, l->nperiods) ||
           fr_balance_after(l, i, l->nperiods);
}

static const char *const section_ids[FR_SEC__MAX] = {"revenue", "contra", "other_income",
                                                      "expense"};

/* ---------------------------------------------------------------- cash flow */

static json_t *flow_object(const int64_t *v)
{
    json_t *o = json_object();
    for (int k = 0; k < FR_FLOW__MAX; k++) put(o, fr_flow_names[k].id, jint(v[k]));
    return o;
}

static void put_flow_period(json_t *o, const struct fr_cashflow_period *x)
{
    put(o, "opening_fen", jint(x->opening_fen));
    put(o, "in_fen", jint(x->total_in_fen));
    put(o, "out_fen", jint(x->total_out_fen));
    put(o, "net_fen", jint(x->total_in_fen - x->total_out_fen));
    put(o, "closing_fen", jint(x->closing_fen));
    /* Money moved between the venue's own cash accounts (drawer to safe, safe to bank): shown
     * apart, in and out alike, so it nets to zero and never counts as takings or spending. */
    put(o, "transfer_in_fen", jint(x->transfer_fen));
    put(o, "transfer_out_fen", jint(x->transfer_fen));
    put(o, "entries", jint(x->entries));
    put(o, "in", flow_object(x->in_fen));
    put(o, "out", flow_object(x->out_fen));
}

static json_t *cashflow_json(const struct fr_ledger *l, const struct fr_cashflow *cf)
{
    json_t *root = json_object();
    json_t *classes = json_array();
    for (int k = 0; k < FR_FLOW__MAX; k++) {
        json_t *c = json_object();
        put(c, "class", json_string(fr_flow_names[k].id));
        put(c, "name", json_string(fr_flow_names[k].name_zh));
        put(c, "name_en", json_string(fr_flow_names[k].name_en));
        json_array_append_new(classes, c);
    }
    put(root, "classes", classes);
    json_t *periods = json_array();
    for (size_t p = 0; p < l->nperiods; p++) {
        json_t *o = period_json(&l->periods[p]);
        put_flow_period(o, &cf->p[p]);
        json_array_append_new(periods, o);
    }
    put(root, "periods", periods);
    json_t *totals = json_object();
    put_flow_period(totals, &cf->p[cf->nperiods]);
    put(root, "totals", totals);
    json_t *accounts = json_array();
    for (size_t i = 0; i < l->chart->n; i++) {
        if (!fr_cash_like(&l->chart->items[i]) || !account_shown(l, i)) continue;
        json_t *o = json_object();
        put_account(o, &l->chart->items[i]);
        put(o, "opening_fen", jint(fr_balance_before(l, i, l->nperiods)));
        put(o, "in_fen", jint(fr_debits(l, i, l->nperiods)));
        put(o, "out_fen", jint(fr_credits(l, i, l->nperiods)));
        put(o, "closing_fen", jint(fr_balance_after(l, i, l->nperiods)));
        json_array_append_new(accounts, o);
    }
    put(root, "accounts", accounts);
    put(root, "balanced", json_boolean(fr_cashflow_balanced(cf)));
    return root;
}

/* ---------------------------------------------------------------- the finance table */

/* The channel a channel account belongs to, or NULL for accounts that are no channel. */
static const char *channel_of(const struct fr_account *a)
{
    switch (a->grp) {
    case FR_CASH: return "cash";
    case FR_BANK: return "bank";
    case FR_CLEARING: return "clearing";
    case FR_STORED_VALUE: return "stored_value";
    case FR_RECEIVABLE:
        if (strcmp(a->party_kind, "platform") == 0) return "platform";
        if (strcmp(a->party_kind, "customer") == 0) return "credit";
        return NULL;
    default: return NULL;
    }
}

static json_t *periods_array(const struct fr_ledger *l, size_t i, int64_t (*f)(const struct fr_ledger *, size_t, size_t))
{
    json_t *a = json_array();
    for (size_t p = 0; p < l->nperiods; p++) json_array_append_new(a, jint(f(l, i, p)));
    return a;
}

/* The lines of the income statement's sections, account by account. */
static json_t *statement_lines(const struct fr_ledger *l, const char *periods_key)
{
    json_t *lines = json_array();
    for (int sec = 0; sec < FR_SEC__MAX; sec++)
        for (size_t i = 0; i < l->chart->n; i++) {
            const struct fr_account *a = &l->chart->items[i];
            if ((int)fr_section_of(a) != sec || !account_shown(l, i)) continue;
            json_t *o = json_object();
            put(o, "kind", json_string("account"));
            put(o, "section", json_string(section_ids[sec]));
            put_account(o, a);
            put(o, periods_key, periods_array(l, i, fr_movement));
            put(o, "amount_fen", jint(fr_movement(l, i, l->nperiods)));
            json_array_append_new(lines, o);
        }
    return lines;
}

static json_t *table_json(const struct fr_request *r, const struct fr_ledger *l,
                          const struct fr_cashflow *cf)
{
    json_t *root = json_object();
    put_range(root, FR_TABLE, r);
    json_t *periods = json_array();
    for (size_t p = 0; p < l->nperiods; p++) {
        struct fr_figures f;
        fr_figures_of(l, p, &f);
        json_t *o = period_json(&l->periods[p]);
        put_figures(o, &f);
        put(o, "cash_in_fen", jint(cf->p[p].total_in_fen));
        put(o, "cash_out_fen", jint(cf->p[p].total_out_fen));
        put(o, "cash_closing_fen", jint(cf->p[p].closing_fen));
        json_array_append_new(periods, o);
    }
    put(root, "periods", periods);
    struct fr_figures f;
    fr_figures_of(l, l->nperiods, &f);
    json_t *totals = json_object();
    put_figures(totals, &f);
    put(totals, "cash_opening_fen", jint(cf->p[cf->nperiods].opening_fen));
    put(totals, "cash_in_fen", jint(cf->p[cf->nperiods].total_in_fen));
    put(totals, "cash_out_fen", jint(cf->p[cf->nperiods].total_out_fen));
    put(totals, "cash_closing_fen", jint(cf->p[cf->nperiods].closing_fen));
    put(root, "totals", totals);
    put(root, "lines", statement_lines(l, "periods"));

    /* Money in (debits) and out (credits) per channel account. Stored value is a liability:
     * its "in" is what guests paid from their balances, its "out" what was added to them; its
     * balance is in the liability report, not here. */
    json_t *channels = json_array();
    for (size_t i = 0; i < l->chart->n; i++) {
        const struct fr_account *a = &l->chart->items[i];
        const char *ch = channel_of(a);
        if (!ch || !account_shown(l, i)) continue;
        bool asset = strcmp(a->type, "asset") == 0;
        json_t *o = json_object();
        put(o, "channel", json_string(ch));
        put_account(o, a);
        put(o, "opening_fen", asset ? jint(fr_balance_before(l, i, l->nperiods)) : json_null());
        put(o, "in_fen", jint(fr_debits(l, i, l->nperiods)));
        put(o, "out_fen", jint(fr_credits(l, i, l->nperiods)));
        put(o, "closing_fen", asset ? jint(fr_balance_after(l, i, l->nperiods)) : json_null());
        put(o, "periods_in", periods_array(l, i, fr_debits));
        put(o, "periods_out", periods_array(l, i, fr_credits));
        json_array_append_new(channels, o);
    }
    put(root, "channels", channels);
    put(root, "cashflow", cashflow_json(l, cf));
    return root;
}

/* ---------------------------------------------------------------- P&L */

struct subtotal {
    const char *line, *name_zh, *name_en;
};
static const struct subtotal pnl_subtotals[] = {
    {"revenue", "营业收入合计", "Revenue"},
    {"contra", "减：折扣、平台优惠与退款", "Less discounts, platform discounts and refunds"},
    {"net_revenue", "营业收入净额", "Net revenue"},
    {"other_income", "其他收入合计", "Other income"},
    {"expense", "成本费用合计", "Total expenses"},
    {"profit", "利润", "Profit"},
};

static int64_t subtotal_of(const struct fr_figures *f, int k)
{
    switch (k) {
    case 0: return f->revenue_fen;
    case 1: return f->contra_fen;
    case 2: return f->net_revenue_fen;
    case 3: return f->other_income_fen;
    case 4: return f->expense_fen;
    default: return f->profit_fen;
    }
}

static json_t *subtotal_json(const struct fr_ledger *l, int k)
{
    json_t *o = json_object();
    put(o, "kind", json_string("subtotal"));
    put(o, "line", json_string(pnl_subtotals[k].line));
    put(o, "name", json_string(pnl_subtotals[k].name_zh));
    put(o, "name_en", json_string(pnl_subtotals[k].name_en));
    json_t *months = json_array();
    for (size_t p = 0; p < l->nperiods; p++) {
        struct fr_figures f;
        fr_figures_of(l, p, &f);
        json_array_append_new(months, jint(subtotal_of(&f, k)));
    }
    put(o, "months", months);
    struct fr_figures f;
    fr_figures_of(l, l->nperiods, &f);
    put(o, "amount_fen", jint(subtotal_of(&f, k)));
    return o;
}

static json_t *pnl_json(const struct fr_request *r, const struct fr_ledger *l)
{
    json_t *root = json_object();
    put_range(root, FR_PNL, r);
    json_t *months = json_array(), *periods = json_array();
    for (size_t p = 0; p < l->nperiods; p++) {
        json_array_append_new(months, json_string(l->periods[p].label));
        struct fr_figures f;
        fr_figures_of(l, p, &f);
        json_t *o = period_json(&l->periods[p]);
        put_figures(o, &f);
        json_array_append_new(periods, o);
    }
    put(root, "months", months);
    put(root, "periods", periods);
    /* Account lines of each section, each section closed by its subtotal; net revenue after
     * the contra lines, profit last. */
    json_t *all = statement_lines(l, "months"), *lines = json_array();
    static const int after_section[FR_SEC__MAX] = {0, 1, 3, 4};
    for (int sec = 0; sec < FR_SEC__MAX; sec++) {
        size_t i;
        json_t *line;
        json_array_foreach(all, i, line)
        {
            if (strcmp(json_string_value(json_object_get(line, "section")), section_ids[sec]) == 0)
                json_array_append(lines, line);
        }
        json_array_append_new(lines, subtotal_json(l, after_section[sec]));
        if (sec == FR_SEC_CONTRA) json_array_append_new(lines, subtotal_json(l, 2));
    }
    json_array_append_new(lines, subtotal_json(l, 5));
    json_decref(all);
    put(root, "lines", lines);
    struct fr_figures f;
    fr_figures_of(l, l->nperiods, &f);
    json_t *totals = json_object();
    put_figures(totals, &f);
    put(root, "totals", totals);
    return root;
}

/* ---------------------------------------------------------------- over/short */

static json_t *os_json(const struct fr_os_row *r, bool with_month, bool with_owed)
{
    json_t *o = json_object();
    put(o, "cashier", jtext(r->cashier));
    if (with_month) put(o, "month", json_string(r->month));
    put(o, "shifts", jint(r->shifts));
    put(o, "even", jint(r->even));
    put(o, "overs", jint(r->overs));
    put(o, "over_fen", jint(r->over_fen));
    put(o, "shorts", jint(r->shorts));
    put(o, "short_fen", jint(r->short_fen));
    if (with_owed) put(o, "owed_fen", jint(r->owed_fen));
    return o;
}

static json_t *overshort_json(const struct fr_request *r, const struct fr_overshort *o)
{
    json_t *root = json_object();
    put_range(root, FR_OVER_SHORT, r);
    /* 长缴短补，不得以长补短: overs and shorts stand apart; there is no net figure. */
    json_t *rows = json_array(), *cashiers = json_array();
    for (size_t i = 0; i < o->n; i++) json_array_append_new(rows, os_json(&o->rows[i], true, false));
    for (size_t i = 0; i < o->ncashiers; i++)
        json_array_append_new(cashiers, os_json(&o->cashiers[i], false, true));
    put(root, "rows", rows);
    put(root, "cashiers", cashiers);
    json_t *t = os_json(&o->total, false, true);
    json_object_del(t, "cashier");
    put(root, "totals", t);
    return root;
}

/* ---------------------------------------------------------------- petty cash, liability */

static json_t *balance_row(const struct fr_ledger *l, size_t i, bool credit_sense)
{
    json_t *o = json_object();
    put_account(o, &l->chart->items[i]);
    int s = credit_sense ? -1 : 1;
    put(o, "opening_fen", jint(s * fr_balance_before(l, i, l->nperiods)));
    put(o, credit_sense ? "increase_fen" : "in_fen",
        jint(credit_sense ? fr_credits(l, i, l->nperiods) : fr_debits(l, i, l->nperiods)));
    put(o, credit_sense ? "decrease_fen" : "out_fen",
        jint(credit_sense ? fr_debits(l, i, l->nperiods) : fr_credits(l, i, l->nperiods)));
    put(o, "closing_fen", jint(s * fr_balance_after(l, i, l->nperiods)));
    return o;
}

static json_t *petty_json(const struct fr_request *r, const struct fr_ledger *l,
                          const struct fr_party_balance *people, size_t npeople, bool found,
                          int64_t imprest, int64_t funds)
{
    json_t *root = json_object();
    put_range(root, FR_PETTY, r);
    long cash = fr_chart_find_key(l->chart, "petty_cash");
    long issued = fr_chart_find_key(l->chart, "petty_issued");
    json_t *accounts = json_array();
    if (cash >= 0) json_array_append_new(accounts, balance_row(l, (size_t)cash, false));
    if (issued >= 0) json_array_append_new(accounts, balance_row(l, (size_t)issued, false));
    put(root, "accounts", accounts);
    json_t *periods = json_array();
    for (size_t p = 0; p < l->nperiods; p++) {
        json_t *o = period_json(&l->periods[p]);
        put(o, "cash_in_fen", jint(cash >= 0 ? fr_debits(l, (size_t)cash, p) : 0));
        put(o, "cash_out_fen", jint(cash >= 0 ? fr_credits(l, (size_t)cash, p) : 0));
        put(o, "cash_closing_fen", jint(cash >= 0 ? fr_balance_after(l, (size_t)cash, p) : 0));
        put(o, "issued_closing_fen",
            jint(issued >= 0 ? fr_balance_after(l, (size_t)issued, p) : 0));
        json_array_append_new(periods, o);
    }
    put(root, "periods", periods);
    json_t *persons = json_array();
    for (size_t i = 0; i < npeople; i++) {
        json_t *o = json_object();
        put(o, "person", jtext(people[i].party[0] ? people[i].party : "（未注明）"));
        put(o, "outstanding_fen", jint(people[i].balance_fen));
        json_array_append_new(persons, o);
    }
    put(root, "issued_by_person", persons);
    struct fr_petty st;
    fr_petty_status(cash >= 0 ? fr_balance_after(l, (size_t)cash, l->nperiods) : 0,
                    issued >= 0 ? fr_balance_after(l, (size_t)issued, l->nperiods) : 0, found,
                    imprest, &st);
    json_t *status = json_object();
    put(status, "cash_fen", jint(st.cash_fen));
    put(status, "issued_fen", jint(st.issued_fen));
    /* Without the petty cash area's funds (an older database) only the ledger speaks. */
    put(status, "imprest_fen", st.has_imprest ? jint(st.imprest_fen) : json_null());
    put(status, "awaiting_fen", st.has_imprest ? jint(st.awaiting_fen) : json_null());
    put(status, "funds", jint(funds));
    put(root, "status", status);
    return root;
}

static const char *const sv_kind_names[][3] = {
    {"topup", "充值", "Top-ups"},
    {"bill", "消费扣款", "Paid from balances"},
    {"refund", "退款退回余额", "Refunds back to balances"},
    {"void", "作废退回余额", "Voids back to balances"},
    {"sv_refund", "储值退款", "Stored value refunded"},
    {"manual", "手工分录", "Manual entries"},
    {"reversal", "冲销", "Reversals"},
};

static void sv_kind_name(const char *kind, const char **zh, const char **en)
{
    for (size_t i = 0; i < sizeof sv_kind_names / sizeof sv_kind_names[0]; i++)
        if (strcmp(sv_kind_names[i][0], kind) == 0) {
            *zh = sv_kind_names[i][1];
            *en = sv_kind_names[i][2];
            return;
        }
    *zh = *en = kind;
}

static json_t *liability_json(const struct fr_request *r, const struct fr_ledger *l,
                              const struct fr_sv_movement *mv, size_t nmv)
{
    json_t *root = json_object();
    put_range(root, FR_LIABILITY, r);
    json_t *accounts = json_array();
    int64_t open = 0, inc = 0, dec = 0, close = 0;
    for (size_t i = 0; i < l->chart->n; i++) {
        if (l->chart->items[i].grp != FR_STORED_VALUE || !account_shown(l, i)) continue;
        json_array_append_new(accounts, balance_row(l, i, true));
        open -= fr_balance_before(l, i, l->nperiods);
        inc += fr_credits(l, i, l->nperiods);
        dec += fr_debits(l, i, l->nperiods);
        close -= fr_balance_after(l, i, l->nperiods);
    }
    put(root, "accounts", accounts);
    json_t *t = json_object();
    put(t, "opening_fen", jint(open));
    put(t, "increase_fen", jint(inc));
    put(t, "decrease_fen", jint(dec));
    put(t, "closing_fen", jint(close));
    put(root, "totals", t);
    long principal = fr_chart_find_key(l->chart, "sv_principal");
    long bonus = fr_chart_find_key(l->chart, "sv_bonus");
    json_t *periods = json_array();
    for (size_t p = 0; p < l->nperiods; p++) {
        json_t *o = period_json(&l->periods[p]);
        int64_t po = 0, pi = 0, pd = 0, pc = 0;
        for (size_t i = 0; i < l->chart->n; i++) {
            if (l->chart->items[i].grp != FR_STORED_VALUE) continue;
            po -= fr_balance_before(l, i, p);
            pi += fr_credits(l, i, p);
            pd += fr_debits(l, i, p);
            pc -= fr_balance_after(l, i, p);
        }
        put(o, "opening_fen", jint(po));
        put(o, "increase_fen", jint(pi));
        put(o, "decrease_fen", jint(pd));
        put(o, "closing_fen", jint(pc));
        put(o, "principal_closing_fen",
            jint(principal >= 0 ? -fr_balance_after(l, (size_t)principal, p) : 0));
        put(o, "bonus_closing_fen", jint(bonus >= 0 ? -fr_balance_after(l, (size_t)bonus, p) : 0));
        json_array_append_new(periods, o);
    }
    put(root, "periods", periods);
    json_t *movements = json_array();
    for (size_t i = 0; i < nmv; i++) {
        json_t *o = json_object();
        const char *zh, *en;
        sv_kind_name(mv[i].source_kind, &zh, &en);
        put(o, "key", jtext(mv[i].key));
        long a = fr_chart_find_key(l->chart, mv[i].key);
        put(o, "account", jtext(a >= 0 ? l->chart->items[a].name : mv[i].key));
        put(o, "account_en", jtext(a >= 0 ? l->chart->items[a].name_en : mv[i].key));
        put(o, "source_kind", jtext(mv[i].source_kind));
        put(o, "name", jtext(zh));
        put(o, "name_en", jtext(en));
        put(o, "increase_fen", jint(mv[i].increase_fen));
        put(o, "decrease_fen", jint(mv[i].decrease_fen));
        put(o, "entries", jint(mv[i].entries));
        json_array_append_new(movements, o);
    }
    put(root, "movements", movements);
    return root;
}

/* ---------------------------------------------------------------- trial balance */

static json_t *trial_json(const struct fr_request *r, const struct fr_ledger *l)
{
    json_t *root = json_object();
    put(root, "report", json_string(fr_kinds[FR_TRIAL].id));
    put(root, "title", json_string(fr_kinds[FR_TRIAL].name_zh));
    put(root, "title_en", json_string(fr_kinds[FR_TRIAL].name_en));
    put(root, "day", jday(r->to));
    put(root, "from", jday(r->to));
    put(root, "to", jday(r->to));
    json_t *accounts = json_array();
    for (size_t i = 0; i < l->chart->n; i++) {
        int64_t d = l->open_debit[i] + fr_debits(l, i, l->nperiods);
        int64_t c = l->open_credit[i] + fr_credits(l, i, l->nperiods);
        if (!l->chart->items[i].active && d == 0 && c == 0) continue;
        json_t *o = json_object();
        put_account(o, &l->chart->items[i]);
        put(o, "type", json_string(l->chart->items[i].type));
        put(o, "debit_fen", jint(d));
        put(o, "credit_fen", jint(c));
        put(o, "balance_fen", jint(d - c));
        put(o, "balance_debit_fen", jint(d > c ? d - c : 0));
        put(o, "balance_credit_fen", jint(c > d ? c - d : 0));
        json_array_append_new(accounts, o);
    }
    put(root, "accounts", accounts);
    struct fr_trial_totals t;
    fr_trial(l, &t);
    json_t *totals = json_object();
    put(totals, "debit_fen", jint(t.debit_fen));
    put(totals, "credit_fen", jint(t.credit_fen));
    put(totals, "difference_fen", jint(t.difference_fen));
    put(totals, "balance_debit_fen", jint(t.balance_debit_fen));
    put(totals, "balance_credit_fen", jint(t.balance_credit_fen));
    put(root, "totals", totals);
    put(root, "balanced", json_boolean(t.difference_fen == 0 &&
                                       t.balance_debit_fen == t.balance_credit_fen &&
                                       l->unknown_lines == 0));
    return root;
}

/* ---------------------------------------------------------------- building */

enum db_status freport_build(struct db *db, int64_t venue_id, const struct fr_request *r,
                             json_t **out)
{
    *out = NULL;
    struct fr_chart chart = {0};
    struct fr_ledger ledger = {0};
    struct fr_cashflow cf = {0};
    struct fr_overshort os = {0};
    struct fr_party_balance *people = NULL;
    struct fr_sv_movement *mv = NULL;
    size_t npeople = 0, nmv = 0;
    struct fr_period *periods = NULL;
    size_t np = 0;
    bool ledger_ok = false, cf_ok = false;
    enum db_status s = db_begin_read(db);
    if (s != DB_OK) return s;
    s = fr_store_chart(db, venue_id, &chart);
    if (s != DB_OK) goto out;
    if (r->kind == FR_TRIAL) {
        /* One period, the day itself; the opening holds everything before it. */
        np = 1;
        periods = calloc(1, sizeof *periods);
        if (periods) fr_periods(r->to, r->to, false, periods, 1);
    } else {
        np = fr_periods(r->from, r->to, r->by_month, NULL, 0);
        periods = calloc(np ? np : 1, sizeof *periods);
        if (periods) fr_periods(r->from, r->to, r->by_month, periods, np);
    }
    if (!periods || !(ledger_ok = fr_ledger_init(&ledger, &chart, periods, np))) {
        s = DB_ERROR;
        goto out;
    }
    s = fr_store_ledger(db, venue_id, &ledger);
    if (s != DB_OK) goto out;
    if (ledger.unknown_lines)
        log_error("finance reports: %lld account totals of venue %lld name no account",
                  (long long)ledger.unknown_lines, (long long)venue_id);
    switch (r->kind) {
    case FR_TABLE:
    case FR_CASHFLOW:
        if (!(cf_ok = fr_cashflow_init(&cf, &ledger))) {
            s = DB_ERROR;
            break;
        }
        s = fr_store_cashflow(db, venue_id, &cf);
        if (s != DB_OK) break;
        if (r->kind == FR_TABLE) {
            *out = table_json(r, &ledger, &cf);
        } else {
            *out = cashflow_json(&ledger, &cf);
            put_range(*out, FR_CASHFLOW, r);
        }
        break;
    case FR_PNL: *out = pnl_json(r, &ledger); break;
    case FR_OVER_SHORT:
        s = fr_store_overshort(db, venue_id, r->from, r->to, &os);
        if (s == DB_OK) *out = overshort_json(r, &os);
        break;
    case FR_PETTY: {
        bool found = false;
        int64_t imprest = 0, funds = 0;
        s = fr_store_party_balances(db, venue_id, "petty_issued", r->to, &people, &npeople);
        if (s == DB_OK) s = fr_store_petty_imprest(db, venue_id, &found, &imprest, &funds);
        if (s == DB_OK) *out = petty_json(r, &ledger, people, npeople, found, imprest, funds);
        break;
    }
    case FR_LIABILITY:
        s = fr_store_sv_movements(db, venue_id, r->from, r->to, &mv, &nmv);
        if (s == DB_OK) *out = liability_json(r, &ledger, mv, nmv);
        break;
    case FR_TRIAL: *out = trial_json(r, &ledger); break;
    case FR_KIND__MAX: s = DB_ERROR; break;
    }
    if (s == DB_OK && !*out) s = DB_ERROR;
out:
    db_rollback(db); /* a read: nothing to keep */
    if (cf_ok) fr_cashflow_free(&cf);
    if (ledger_ok) fr_ledger_free(&ledger);
    fr_overshort_free(&os);
    free(people);
    free(mv);
    free(periods);
    fr_chart_free(&chart);
    if (s != DB_OK) {
        json_decref(*out);
        *out = NULL;
    }
    return s;
}

/* ---------------------------------------------------------------- export tables */

/* Enough for the widest sheet: the P&L's 36 months with the item, code and total, or the
 * finance table's periods with a column per account in use (cut at MAX_COLS). */
#define MAX_TABLES 8
#define MAX_COLS 48

struct tables {
    struct table t[MAX_TABLES];
    struct table_col cols[MAX_TABLES][MAX_COLS];
    char keys[MAX_TABLES][MAX_COLS][32];   /* column keys made at run time */
    char titles[MAX_TABLES][MAX_COLS][2][200]; /* their titles (zh, en) */
    json_t *rows[MAX_TABLES];              /* owned */
    int n;
    bool english;
};

static json_t *table_new(struct tables *x, const char *zh, const char *en, bool totals)
{
    if (x->n >= MAX_TABLES) return NULL;
    struct table *t = &x->t[x->n];
    json_t *rows = json_array();
    x->rows[x->n] = rows;
    t->title_zh = zh;
    t->title_en = en;
    t->cols = x->cols[x->n];
    t->ncols = 0;
    t->rows = rows;
    t->totals = totals;
    x->n++;
    return rows;
}

/* Adds a column to the last table; key, zh and en are copied. */
static void col(struct tables *x, const char *key, const char *zh, const char *en,
                enum col_type type)
{
    struct table *t = &x->t[x->n - 1];
    if (t->ncols >= MAX_COLS) return;
    int k = t->ncols++;
    snprintf(x->keys[x->n - 1][k], sizeof x->keys[0][0], "%s", key);
    snprintf(x->titles[x->n - 1][k][0], sizeof x->titles[0][0][0], "%s", zh);
    snprintf(x->titles[x->n - 1][k][1], sizeof x->titles[0][0][1], "%s", en);
    x->cols[x->n - 1][k] = (struct table_col){x->keys[x->n - 1][k], x->titles[x->n - 1][k][0],
                                              x->titles[x->n - 1][k][1], type};
}

static bool room_for(const struct tables *x, int more)
{
    return x->t[x->n - 1].ncols + more <= MAX_COLS;
}

static void tables_free(struct tables *x)
{
    for (int i = 0; i < x->n; i++) json_decref(x->rows[i]);
}

static const char *sget(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static json_t *iget(const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? json_integer(json_integer_value(v)) : json_null();
}

/* The name of an object in the export's language. */
static const char *name_of(const struct tables *x, const json_t *o)
{
    const char *en = sget(o, "name_en");
    return x->english && *en ? en : sget(o, "name");
}

/* A line of a summary sheet: item, code, amount. */
static void item_row(json_t *rows, const char *item, const char *code, json_t *amount)
{
    json_t *o = json_object();
    put(o, "item", json_string(item));
    put(o, "code", json_string(code ? code : ""));
    put(o, "amount", amount ? amount : json_null());
    json_array_append_new(rows, o);
}

static void range_row(struct tables *x, json_t *rows, const json_t *report)
{
    char range[96];
    snprintf(range, sizeof range, x->english ? "Business days %s to %s" : "营业日 %s 至 %s",
             sget(report, "from"), sget(report, "to"));
    item_row(rows, range, NULL, NULL);
}

static void summary_cols(struct tables *x)
{
    col(x, "item", "项目", "Item", COL_TEXT);
    col(x, "code", "科目编码", "Account", COL_TEXT);
    col(x, "amount", "金额", "Amount", COL_MONEY);
}

/* The lines of section sec from report's "lines" (account lines only) into rows. */
static void section_rows(struct tables *x, json_t *rows, const json_t *lines, const char *sec)
{
    size_t i;
    json_t *l;
    json_array_foreach(lines, i, l)
    {
        if (strcmp(sget(l, "kind"), "account") != 0 || strcmp(sget(l, "section"), sec) != 0)
            continue;
        item_row(rows, name_of(x, l), sget(l, "code"), iget(l, "amount_fen"));
    }
}

static void table_tables(struct tables *x, const json_t *report)
{
    bool en = x->english;
    const json_t *tot = json_object_get(report, "totals");
    const json_t *lines = json_object_get(report, "lines");
    json_t *rows = table_new(x, "汇总", "Summary", false);
    summary_cols(x);
    range_row(x, rows, report);
    section_rows(x, rows, lines, "revenue");
    item_row(rows, en ? "Revenue" : "营业收入合计", NULL, iget(tot, "revenue_fen"));
    section_rows(x, rows, lines, "contra");
    item_row(rows, en ? "Less discounts and refunds" : "减：折扣、平台优惠与退款", NULL,
             iget(tot, "contra_fen"));
    item_row(rows, en ? "Net revenue" : "营业收入净额", NULL, iget(tot, "net_revenue_fen"));
    section_rows(x, rows, lines, "other_income");
    item_row(rows, en ? "Other income" : "其他收入合计", NULL, iget(tot, "other_income_fen"));
    section_rows(x, rows, lines, "expense");
    item_row(rows, en ? "Total expenses" : "成本费用合计", NULL, iget(tot, "expense_fen"));
    item_row(rows, en ? "Profit" : "利润", NULL, iget(tot, "profit_fen"));
    item_row(rows, en ? "Cash at the start" : "期初资金", NULL, iget(tot, "cash_opening_fen"));
    item_row(rows, en ? "Money in" : "资金流入", NULL, iget(tot, "cash_in_fen"));
    item_row(rows, en ? "Money out" : "资金流出", NULL, iget(tot, "cash_out_fen"));
    item_row(rows, en ? "Cash at the end" : "期末资金", NULL, iget(tot, "cash_closing_fen"));

    /* One row per period: the figures, and a column per account that moved. */
    bool by_month = strcmp(sget(report, "group"), "month") == 0;
    rows = table_new(x, by_month ? "按月" : "按日", by_month ? "By month" : "By day", true);
    col(x, "period", by_month ? "月份" : "营业日", by_month ? "Month" : "Business day", COL_TEXT);
    static const char *const sec_ids[] = {"revenue", "contra", "other_income", "expense"};
    static const char *const sub_keys[] = {"revenue_fen", "contra_fen", "other_income_fen",
                                           "expense_fen"};
    static const char *const sub_zh[] = {"营业收入合计", "收入抵减合计", "其他收入合计",
                                         "成本费用合计"};
    static const char *const sub_en[] = {"Revenue", "Discounts and refunds", "Other income",
                                         "Total expenses"};
    const json_t *periods = json_object_get(report, "periods");
    size_t np = json_array_size(periods);
    for (size_t p = 0; p < np; p++) {
        json_t *o = json_object();
        put(o, "period", json_string(sget(json_array_get(periods, p), "period")));
        json_array_append_new(rows, o);
    }
    for (int sec = 0; sec < 4; sec++) {
        size_t i;
        json_t *l;
        json_array_foreach(lines, i, l)
        {
            if (strcmp(sget(l, "section"), sec_ids[sec]) != 0) continue;
            bool moved = false;
            const json_t *pv = json_object_get(l, "periods");
            for (size_t p = 0; p < np; p++)
                if (json_integer_value(json_array_get(pv, p))) moved = true;
            if (!moved || !room_for(x, 10)) continue; /* keep room for the subtotals */
            char key[32];
            snprintf(key, sizeof key, "a_%s", sget(l, "code"));
            col(x, key, sget(l, "name"), *sget(l, "name_en") ? sget(l, "name_en") : sget(l, "name"),
                COL_MONEY);
            for (size_t p = 0; p < np; p++)
                json_object_set(json_array_get(rows, p), key, json_array_get(pv, p));
        }
        col(x, sub_keys[sec], sub_zh[sec], sub_en[sec], COL_MONEY);
        if (sec == 1) col(x, "net_revenue_fen", "营业收入净额", "Net revenue", COL_MONEY);
    }
    col(x, "profit_fen", "利润", "Profit", COL_MONEY);
    col(x, "cash_in_fen", "资金流入", "Money in", COL_MONEY);
    col(x, "cash_out_fen", "资金流出", "Money out", COL_MONEY);
    static const char *const figure_keys[] = {"revenue_fen", "contra_fen", "net_revenue_fen",
                                              "other_income_fen", "expense_fen", "profit_fen",
                                              "cash_in_fen", "cash_out_fen"};
    for (size_t p = 0; p < np; p++)
        for (size_t k = 0; k < sizeof figure_keys / sizeof figure_keys[0]; k++)
            put(json_array_get(rows, p), figure_keys[k],
                iget(json_array_get(periods, p), figure_keys[k]));

    rows = table_new(x, "收付渠道", "Channels", false);
    col(x, "code", "科目编码", "Account", COL_TEXT);
    col(x, "name", "渠道账户", "Channel account", COL_TEXT);
    col(x, "opening_fen", "期初余额", "Opening", COL_MONEY);
    col(x, "in_fen", "收入（借方）", "In (debits)", COL_MONEY);
    col(x, "out_fen", "支出（贷方）", "Out (credits)", COL_MONEY);
    col(x, "closing_fen", "期末余额", "Closing", COL_MONEY);
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(report, "channels"), i, c)
    {
        json_t *o = json_object();
        put(o, "code", json_string(sget(c, "code")));
        put(o, "name", json_string(name_of(x, c)));
        put(o, "opening_fen", iget(c, "opening_fen"));
        put(o, "in_fen", iget(c, "in_fen"));
        put(o, "out_fen", iget(c, "out_fen"));
        put(o, "closing_fen", iget(c, "closing_fen"));
        json_array_append_new(rows, o);
    }
}

/* The cash flow's sheets: by class, by period and by account. */
static void cashflow_tables(struct tables *x, const json_t *cfj, bool with_summary,
                            const json_t *report)
{
    bool en = x->english;
    const json_t *tot = json_object_get(cfj, "totals");
    const json_t *classes = json_object_get(cfj, "classes");
    size_t i;
    json_t *c;
    if (with_summary) {
        json_t *rows = table_new(x, "现金流汇总", "Cash flow", false);
        col(x, "item", "项目", "Item", COL_TEXT);
        col(x, "in_fen", "流入", "In", COL_MONEY);
        col(x, "out_fen", "流出", "Out", COL_MONEY);
        col(x, "net_fen", "净额", "Net", COL_MONEY);
        json_t *o = json_object();
        char range[96];
        snprintf(range, sizeof range, en ? "Business days %s to %s" : "营业日 %s 至 %s",
                 sget(report, "from"), sget(report, "to"));
        put(o, "item", json_string(range));
        json_array_append_new(rows, o);
        o = json_object();
        put(o, "item", json_string(en ? "Cash at the start" : "期初资金"));
        put(o, "net_fen", iget(tot, "opening_fen"));
        json_array_append_new(rows, o);
        json_array_foreach(classes, i, c)
        {
            const char *id = sget(c, "class");
            json_t *in = json_object_get(json_object_get(tot, "in"), id);
            json_t *out = json_object_get(json_object_get(tot, "out"), id);
            o = json_object();
            put(o, "item", json_string(name_of(x, c)));
            put(o, "in_fen", json_integer(json_integer_value(in)));
            put(o, "out_fen", json_integer(json_integer_value(out)));
            put(o, "net_fen", json_integer(json_integer_value(in) - json_integer_value(out)));
            json_array_append_new(rows, o);
        }
        o = json_object();
        put(o, "item", json_string(en ? "Total" : "合计"));
        put(o, "in_fen", iget(tot, "in_fen"));
        put(o, "out_fen", iget(tot, "out_fen"));
        put(o, "net_fen", iget(tot, "net_fen"));
        json_array_append_new(rows, o);
        o = json_object();
        put(o, "item", json_string(en ? "Transfers between cash accounts" : "资金账户间调拨"));
        put(o, "in_fen", iget(tot, "transfer_in_fen"));
        put(o, "out_fen", iget(tot, "transfer_out_fen"));
        put(o, "net_fen", json_integer(0));
        json_array_append_new(rows, o);
        o = json_object();
        put(o, "item", json_string(en ? "Cash at the end" : "期末资金"));
        put(o, "net_fen", iget(tot, "closing_fen"));
        json_array_append_new(rows, o);
    }

    bool by_month = strcmp(sget(report, "group"), "month") == 0;
    json_t *rows = table_new(x, by_month ? "现金流按月" : "现金流按日",
                             by_month ? "Cash flow by month" : "Cash flow by day", false);
    col(x, "period", by_month ? "月份" : "营业日", by_month ? "Month" : "Business day", COL_TEXT);
    col(x, "opening_fen", "期初", "Opening", COL_MONEY);
    /* A column per class that moved money in the range, in then out. */
    for (int side = 0; side < 2; side++)
        json_array_foreach(classes, i, c)
        {
            const char *id = sget(c, "class");
            if (!json_integer_value(json_object_get(json_object_get(tot, side ? "out" : "in"), id)))
                continue;
            char key[32], zh[200], en_t[200];
            snprintf(key, sizeof key, "%s_%s", side ? "o" : "i", id);
            snprintf(zh, sizeof zh, "%s%s", side ? "流出：" : "流入：", sget(c, "name"));
            snprintf(en_t, sizeof en_t, "%s%s", side ? "Out: " : "In: ", sget(c, "name_en"));
            col(x, key, zh, en_t, COL_MONEY);
        }
    col(x, "in_fen", "流入合计", "Total in", COL_MONEY);
    col(x, "out_fen", "流出合计", "Total out", COL_MONEY);
    col(x, "transfer_in_fen", "调拨（进出相抵）", "Transfers (net zero)", COL_MONEY);
    col(x, "closing_fen", "期末", "Closing", COL_MONEY);
    json_t *p;
    json_array_foreach(json_object_get(cfj, "periods"), i, p)
    {
        json_t *o = json_object();
        put(o, "period", json_string(sget(p, "period")));
        static const char *const keys[] = {"opening_fen", "in_fen", "out_fen", "transfer_in_fen",
                                           "closing_fen"};
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) put(o, keys[k], iget(p, keys[k]));
        size_t j;
        json_array_foreach(classes, j, c)
        {
            const char *id = sget(c, "class");
            char key[32];
            snprintf(key, sizeof key, "i_%s", id);
            put(o, key, iget(json_object_get(p, "in"), id));
            snprintf(key, sizeof key, "o_%s", id);
            put(o, key, iget(json_object_get(p, "out"), id));
        }
        json_array_append_new(rows, o);
    }
    /* The range: the first opening, the sums, the last closing. */
    json_t *o = json_object();
    put(o, "period", json_string(en ? "Total" : "合计"));
    static const char *const keys[] = {"opening_fen", "in_fen", "out_fen", "transfer_in_fen",
                                       "closing_fen"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) put(o, keys[k], iget(tot, keys[k]));
    json_array_foreach(classes, i, c)
    {
        const char *id = sget(c, "class");
        char key[32];
        snprintf(key, sizeof key, "i_%s", id);
        put(o, key, iget(json_object_get(tot, "in"), id));
        snprintf(key, sizeof key, "o_%s", id);
        put(o, key, iget(json_object_get(tot, "out"), id));
    }
    json_array_append_new(rows, o);

    rows = table_new(x, "资金账户", "Cash accounts", false);
    col(x, "code", "科目编码", "Account", COL_TEXT);
    col(x, "name", "账户", "Account name", COL_TEXT);
    col(x, "opening_fen", "期初余额", "Opening", COL_MONEY);
    col(x, "in_fen", "借方（收）", "Debits (in)", COL_MONEY);
    col(x, "out_fen", "贷方（付）", "Credits (out)", COL_MONEY);
    col(x, "closing_fen", "期末余额", "Closing", COL_MONEY);
    json_array_foreach(json_object_get(cfj, "accounts"), i, c)
    {
        o = json_object();
        put(o, "code", json_string(sget(c, "code")));
        put(o, "name", json_string(name_of(x, c)));
        static const char *const k4[] = {"opening_fen", "in_fen", "out_fen", "closing_fen"};
        for (size_t k = 0; k < 4; k++) put(o, k4[k], iget(c, k4[k]));
        json_array_append_new(rows, o);
    }
}

static void pnl_tables(struct tables *x, const json_t *report)
{
    json_t *rows = table_new(x, "利润表", "Profit and loss", false);
    col(x, "item", "项目", "Item", COL_TEXT);
    col(x, "code", "科目编码", "Account", COL_TEXT);
    const json_t *months = json_object_get(report, "months");
    size_t nm = json_array_size(months), i;
    for (size_t m = 0; m < nm && room_for(x, 2); m++) {
        char key[32];
        snprintf(key, sizeof key, "m%zu", m);
        const char *label = json_string_value(json_array_get(months, m));
        col(x, key, label ? label : "", label ? label : "", COL_MONEY);
    }
    col(x, "total", "合计", "Total", COL_MONEY);
    json_t *l;
    json_array_foreach(json_object_get(report, "lines"), i, l)
    {
        json_t *o = json_object();
        put(o, "item", json_string(name_of(x, l)));
        put(o, "code", json_string(sget(l, "code")));
        const json_t *mv = json_object_get(l, "months");
        for (size_t m = 0; m < nm; m++) {
            char key[32];
            snprintf(key, sizeof key, "m%zu", m);
            json_object_set(o, key, json_array_get(mv, m));
        }
        put(o, "total", iget(l, "amount_fen"));
        json_array_append_new(rows, o);
    }
}

static void overshort_tables(struct tables *x, const json_t *report)
{
    json_t *rows = table_new(x, "按收银员", "By cashier", true);
    col(x, "cashier", "收银员", "Cashier", COL_TEXT);
    col(x, "shifts", "结班数", "Shifts", COL_INT);
    col(x, "even", "无差异", "Even", COL_INT);
    col(x, "overs", "长款次数", "Overs", COL_INT);
    col(x, "over_fen", "长款金额", "Over", COL_MONEY);
    col(x, "shorts", "短款次数", "Shorts", COL_INT);
    col(x, "short_fen", "短款金额", "Short", COL_MONEY);
    col(x, "owed_fen", "短款待补（截至期末）", "Still owed at the end", COL_MONEY);
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(report, "cashiers"), i, r)
        json_array_append_new(rows, json_deep_copy(r));
    rows = table_new(x, "按收银员和月份", "By cashier and month", true);
    col(x, "cashier", "收银员", "Cashier", COL_TEXT);
    col(x, "month", "月份", "Month", COL_TEXT);
    col(x, "shifts", "结班数", "Shifts", COL_INT);
    col(x, "even", "无差异", "Even", COL_INT);
    col(x, "overs", "长款次数", "Overs", COL_INT);
    col(x, "over_fen", "长款金额", "Over", COL_MONEY);
    col(x, "shorts", "短款次数", "Shorts", COL_INT);
    col(x, "short_fen", "短款金额", "Short", COL_MONEY);
    json_array_foreach(json_object_get(report, "rows"), i, r)
        json_array_append_new(rows, json_deep_copy(r));
}

static void balance_cols(struct tables *x, bool liability)
{
    col(x, "code", "科目编码", "Account", COL_TEXT);
    col(x, "name", "科目", "Account name", COL_TEXT);
    col(x, "opening_fen", "期初余额", "Opening", COL_MONEY);
    if (liability) {
        col(x, "increase_fen", "本期增加", "Increase", COL_MONEY);
        col(x, "decrease_fen", "本期减少", "Decrease", COL_MONEY);
    } else {
        col(x, "in_fen", "借方（收）", "Debits (in)", COL_MONEY);
        col(x, "out_fen", "贷方（付）", "Credits (out)", COL_MONEY);
    }
    col(x, "closing_fen", "期末余额", "Closing", COL_MONEY);
}

static json_t *named_copy(struct tables *x, const json_t *r)
{
    json_t *o = json_deep_copy(r);
    put(o, "name", json_string(name_of(x, r)));
    return o;
}

static void petty_tables(struct tables *x, const json_t *report)
{
    bool en = x->english;
    json_t *rows = table_new(x, "备用金", "Petty cash", false);
    balance_cols(x, false);
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(report, "accounts"), i, r)
        json_array_append_new(rows, named_copy(x, r));
    rows = table_new(x, "定额", "Imprest", false);
    summary_cols(x);
    range_row(x, rows, report);
    const json_t *st = json_object_get(report, "status");
    item_row(rows, en ? "Cash on hand" : "库存备用金", NULL, iget(st, "cash_fen"));
    item_row(rows, en ? "Issued, not yet accounted for" : "借支未报", NULL, iget(st, "issued_fen"));
    item_row(rows, en ? "Spent, awaiting replenishment" : "已报销待补充", NULL,
             iget(st, "awaiting_fen"));
    item_row(rows, en ? "Imprest" : "定额", NULL, iget(st, "imprest_fen"));
    rows = table_new(x, "借支人", "Issued to", true);
    col(x, "person", "借支人", "Person", COL_TEXT);
    col(x, "outstanding_fen", "未报金额", "Outstanding", COL_MONEY);
    json_array_foreach(json_object_get(report, "issued_by_person"), i, r)
        json_array_append_new(rows, json_deep_copy(r));
}

static void liability_tables(struct tables *x, const json_t *report)
{
    json_t *rows = table_new(x, "储值负债", "Stored value", false);
    balance_cols(x, true);
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(report, "accounts"), i, r)
        json_array_append_new(rows, named_copy(x, r));
    json_t *t = json_deep_copy(json_object_get(report, "totals"));
    put(t, "name", json_string(x->english ? "Total" : "合计"));
    json_array_append_new(rows, t);
    bool by_month = strcmp(sget(report, "group"), "month") == 0;
    rows = table_new(x, by_month ? "按月" : "按日", by_month ? "By month" : "By day", false);
    col(x, "period", by_month ? "月份" : "营业日", by_month ? "Month" : "Business day", COL_TEXT);
    col(x, "opening_fen", "期初", "Opening", COL_MONEY);
    col(x, "increase_fen", "增加", "Increase", COL_MONEY);
    col(x, "decrease_fen", "减少", "Decrease", COL_MONEY);
    col(x, "closing_fen", "期末", "Closing", COL_MONEY);
    col(x, "principal_closing_fen", "其中本金", "Of which principal", COL_MONEY);
    col(x, "bonus_closing_fen", "其中赠额", "Of which bonus", COL_MONEY);
    json_array_foreach(json_object_get(report, "periods"), i, r)
        json_array_append_new(rows, json_deep_copy(r));
    rows = table_new(x, "变动明细", "Movements", true);
    col(x, "account", "科目", "Account", COL_TEXT);
    col(x, "name", "业务", "What", COL_TEXT);
    col(x, "entries", "分录数", "Entries", COL_INT);
    col(x, "increase_fen", "增加", "Increase", COL_MONEY);
    col(x, "decrease_fen", "减少", "Decrease", COL_MONEY);
    json_array_foreach(json_object_get(report, "movements"), i, r)
    {
        json_t *o = named_copy(x, r);
        if (x->english) put(o, "account", json_string(sget(r, "account_en")));
        json_array_append_new(rows, o);
    }
}

static void trial_tables(struct tables *x, const json_t *report)
{
    json_t *rows = table_new(x, "试算平衡表", "Trial balance", true);
    col(x, "code", "科目编码", "Account", COL_TEXT);
    col(x, "name", "科目", "Account name", COL_TEXT);
    col(x, "debit_fen", "借方累计", "Debits", COL_MONEY);
    col(x, "credit_fen", "贷方累计", "Credits", COL_MONEY);
    col(x, "balance_debit_fen", "借方余额", "Debit balance", COL_MONEY);
    col(x, "balance_credit_fen", "贷方余额", "Credit balance", COL_MONEY);
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(report, "accounts"), i, r)
        json_array_append_new(rows, named_copy(x, r));
}

char *freport_export(const json_t *report, enum freport_format format, bool english, size_t *len)
{
    struct tables *x = calloc(1, sizeof *x);
    *len = 0;
    if (!x) return NULL;
    x->english = english;
    const char *kind = sget(report, "report");
    if (strcmp(kind, "table") == 0) {
        table_tables(x, report);
        cashflow_tables(x, json_object_get(report, "cashflow"), false, report);
    } else if (strcmp(kind, "pnl") == 0) {
        pnl_tables(x, report);
    } else if (strcmp(kind, "cashflow") == 0) {
        cashflow_tables(x, report, true, report);
    } else if (strcmp(kind, "over-short") == 0) {
        overshort_tables(x, report);
    } else if (strcmp(kind, "petty") == 0) {
        petty_tables(x, report);
    } else if (strcmp(kind, "liability") == 0) {
        liability_tables(x, report);
    } else if (strcmp(kind, "trial-balance") == 0) {
        trial_tables(x, report);
    }
    char *out = NULL;
    if (x->n > 0) switch (format) {
        case FREPORT_CSV: out = export_csv(x->t, x->n, english, len); break;
        case FREPORT_XLSX: out = export_xlsx(x->t, x->n, english, len); break;
        case FREPORT_TEXT: out = export_text(x->t, x->n, english, len); break;
        }
    tables_free(x);
    free(x);
    return out;
}

void freport_filename(const json_t *report, const char *ext, bool english, char *out, size_t n)
{
    const char *kind = sget(report, "report");
    const char *name = kind;
    for (int k = 0; k < FR_KIND__MAX; k++)
        if (strcmp(fr_kinds[k].id, kind) == 0)
            name = english ? fr_kinds[k].file_en : fr_kinds[k].name_zh;
    if (strcmp(kind, "trial-balance") == 0)
        snprintf(out, n, "%s_%s.%s", name, sget(report, "day"), ext);
    else
        snprintf(out, n, "%s_%s_%s.%s", name, sget(report, "from"), sget(report, "to"), ext);
}

/* ---------------------------------------------------------------- routes */

static void report(struct request *req, enum fr_kind kind)
{
    const char *format = req_query(req, "format");
    bool csv = format && strcmp(format, "csv") == 0;
    bool xlsx = format && strcmp(format, "xlsx") == 0;
    if (format && !csv && !xlsx && strcmp(format, "json") != 0) {
        reply_error(req, 400, "invalid_field", "format", "格式只能是 json、xlsx 或 csv",
                    "format is json, xlsx or csv");
        return;
    }
    struct venue v;
    enum db_status s = venue_load(req->db, req->user.venue_id, &v);
    if (s != DB_OK) {
        reply_db_error(req, s, "门店", "venue");
        return;
    }
    int64_t last_day = 0;
    if (!reports_last_day(&v, now_epoch(), &last_day)) {
        reply_internal(req);
        return;
    }
    struct fr_query q = {req_query(req, "from"), req_query(req, "to"), req_query(req, "month"),
                         req_query(req, "year"), req_query(req, "day"), req_query(req, "group")};
    struct fr_request r;
    struct range_problem why;
    if (!fr_request_parse(kind, &q, last_day, &r, &why)) {
        reply_error(req, 400, why.code, why.field, why.message_zh, why.message_en);
        return;
    }
    json_t *out = NULL;
    s = freport_build(req->db, req->user.venue_id, &r, &out);
    if (s != DB_OK) {
        reply_db_error(req, s, "财务报表", "finance report");
        return;
    }
    if (!csv && !xlsx) {
        reply_json(req, 200, out);
        return;
    }
    size_t len = 0;
    char *bytes = freport_export(out, csv ? FREPORT_CSV : FREPORT_XLSX, req->english, &len);
    char filename[200];
    freport_filename(out, csv ? "csv" : "xlsx", req->english, filename, sizeof filename);
    json_decref(out);
    if (!bytes) {
        reply_internal(req);
        return;
    }
    reply_bytes(req, 200,
                csv ? "text/csv; charset=utf-8"
                    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                bytes, len, filename);
}

static void table(struct request *req) { report(req, FR_TABLE); }
static void pnl(struct request *req) { report(req, FR_PNL); }
static void cashflow(struct request *req) { report(req, FR_CASHFLOW); }
static void over_short(struct request *req) { report(req, FR_OVER_SHORT); }
static void petty(struct request *req) { report(req, FR_PETTY); }
static void liability(struct request *req) { report(req, FR_LIABILITY); }
static void trial_balance(struct request *req) { report(req, FR_TRIAL); }

/* Read by finance, managers and admins (the module "finance"). */
const struct route freport_routes[] = {
    {"GET", "/api/v1/finance/reports/table", table, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/finance/reports/pnl", pnl, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/finance/reports/cashflow", cashflow, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/finance/reports/over-short", over_short, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/finance/reports/petty", petty, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/finance/reports/liability", liability, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/finance/reports/trial-balance", trial_balance, "finance", ACCESS_READ, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
