/* finance/freport.c: the finance reports' arithmetic (pure): periods, the ledger of a range
 * folded from account-day totals, the income statement's sections, the cash flow by class of
 * counter-account, over/short by cashier and month, petty cash, the trial balance, and the
 * reading of a report's query. See freport.h. */
#include "finance/freport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bizday.h"

/* ---------------------------------------------------------------- the chart */

const char *const fr_grp_names[FR_GRP__MAX] = {
    "cash",    "bank",   "clearing", "receivable",   "suspense", "stored_value", "payable",
    "equity",  "revenue", "contra",  "other_income", "cost",     "expense",
};

int fr_grp_of(const char *s)
{
    for (int i = 0; s && i < FR_GRP__MAX; i++)
        if (strcmp(s, fr_grp_names[i]) == 0) return i;
    return -1;
}

bool fr_chart_add(struct fr_chart *c, const struct fr_account *a)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        struct fr_account *grown = realloc(c->items, cap * sizeof *grown);
        if (!grown) return false;
        c->items = grown;
        c->cap = cap;
    }
    c->items[c->n++] = *a;
    return true;
}

/* qsort has no context argument: the index sorts pairs of (id, position). */
struct id_pos {
    int64_t id;
    size_t pos;
};

static int id_pos_cmp(const void *a, const void *b)
{
    const struct id_pos *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

bool fr_chart_finish(struct fr_chart *c)
{
    free(c->by_id);
    c->by_id = NULL;
    if (c->n == 0) return true;
    struct id_pos *pairs = malloc(c->n * sizeof *pairs);
    c->by_id = malloc(c->n * sizeof *c->by_id);
    if (!pairs || !c->by_id) {
        free(pairs);
        free(c->by_id);
        c->by_id = NULL;
        return false;
    }
    for (size_t i = 0; i < c->n; i++) pairs[i] = (struct id_pos){c->items[i].id, i};
    qsort(pairs, c->n, sizeof *pairs, id_pos_cmp);
    for (size_t i = 0; i < c->n; i++) c->by_id[i] = pairs[i].pos;
    free(pairs);
    return true;
}

long fr_chart_find(const struct fr_chart *c, int64_t id)
{
    if (!c->by_id) {
        for (size_t i = 0; i < c->n; i++)
            if (c->items[i].id == id) return (long)i;
        return -1;
    }
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int64_t v = c->items[c->by_id[mid]].id;
        if (v == id) return (long)c->by_id[mid];
        if (v < id) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

long fr_chart_find_key(const struct fr_chart *c, const char *key)
{
    for (size_t i = 0; key && *key && i < c->n; i++)
        if (strcmp(c->items[i].key, key) == 0) return (long)i;
    return -1;
}

void fr_chart_free(struct fr_chart *c)
{
    free(c->items);
    free(c->by_id);
    memset(c, 0, sizeof *c);
}

bool fr_debit_normal(const struct fr_account *a)
{
    return strcmp(a->type, "asset") == 0 || strcmp(a->type, "expense") == 0;
}

bool fr_cash_like(const struct fr_account *a)
{
    return a->grp == FR_CASH || a->grp == FR_BANK || a->grp == FR_CLEARING;
}

/* ---------------------------------------------------------------- periods */

void fr_month_bounds(int64_t day, int64_t *first, int64_t *last)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    *first = days_from_civil(y, m, 1);
    *last = (m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1)) - 1;
}

size_t fr_periods(int64_t from, int64_t to, bool by_month, struct fr_period *out, size_t max)
{
    size_t n = 0;
    for (int64_t d = from; d <= to;) {
        int64_t end = d;
        if (by_month) {
            int64_t first;
            fr_month_bounds(d, &first, &end);
            if (end > to) end = to;
        }
        if (out && n < max) {
            struct fr_period *p = &out[n];
            p->from = d;
            p->to = end;
            date_format(d, p->label);
            if (by_month) p->label[7] = 0; /* YYYY-MM */
        }
        n++;
        d = end + 1;
    }
    return n;
}

long fr_period_find(const struct fr_period *p, size_t n, int64_t day)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (day < p[mid].from) hi = mid;
        else if (day > p[mid].to) lo = mid + 1;
        else return (long)mid;
    }
    return -1;
}

/* ---------------------------------------------------------------- the ledger */

bool fr_ledger_init(struct fr_ledger *l, const struct fr_chart *c, const struct fr_period *p,
                    size_t nperiods)
{
    memset(l, 0, sizeof *l);
    l->chart = c;
    l->periods = p;
    l->nperiods = nperiods;
    size_t na = c->n ? c->n : 1, cells = na * (nperiods ? nperiods : 1);
    l->open_debit = calloc(na, sizeof(int64_t));
    l->open_credit = calloc(na, sizeof(int64_t));
    l->range_debit = calloc(na, sizeof(int64_t));
    l->range_credit = calloc(na, sizeof(int64_t));
    l->debit = calloc(cells, sizeof(int64_t));
    l->credit = calloc(cells, sizeof(int64_t));
    if (!l->open_debit || !l->open_credit || !l->range_debit || !l->range_credit || !l->debit ||
        !l->credit) {
        fr_ledger_free(l);
        return false;
    }
    return true;
}

void fr_ledger_free(struct fr_ledger *l)
{
    free(l->open_debit);
    free(l->open_credit);
    free(l->range_debit);
    free(l->range_credit);
    free(l->debit);
    free(l->credit);
    l->open_debit = l->open_credit = l->range_debit = l->range_credit = l->debit = l->credit =
        NULL;
}

void fr_ledger_add(struct fr_ledger *l, int64_t account_id, int64_t day, int64_t debit_fen,
                   int64_t credit_fen)
{
    long i = fr_chart_find(l->chart, account_id);
    if (i < 0) {
        l->unknown_lines++;
        return;
    }
    if (l->nperiods == 0 || day < l->periods[0].from) {
        l->open_debit[i] += debit_fen;
        l->open_credit[i] += credit_fen;
        return;
    }
    long p = fr_period_find(l->periods, l->nperiods, day);
    if (p < 0) return; /* after the range */
    l->debit[(size_t)i * l->nperiods + (size_t)p] += debit_fen;
    l->credit[(size_t)i * l->nperiods + (size_t)p] += credit_fen;
    l->range_debit[i] += debit_fen;
    l->range_credit[i] += credit_fen;
}

int64_t fr_debits(const struct fr_ledger *l, size_t i, size_t p)
{
    return p >= l->nperiods ? l->range_debit[i] : l->debit[i * l->nperiods + p];
}

int64_t fr_credits(const struct fr_ledger *l, size_t i, size_t p)
{
    return p >= l->nperiods ? l->range_credit[i] : l->credit[i * l->nperiods + p];
}

/* Credit-natured in the reports: what a reader sees grow with credits. */
static bool credit_sense(enum fr_grp g)
{
    return g == FR_REVENUE || g == FR_OTHER_INCOME || g == FR_STORED_VALUE || g == FR_PAYABLE ||
           g == FR_EQUITY;
}

int64_t fr_movement(const struct fr_ledger *l, size_t i, size_t p)
{
    int64_t d = fr_debits(l, i, p), c = fr_credits(l, i, p);
    return credit_sense(l->chart->items[i].grp) ? c - d : d - c;
}

int64_t fr_balance_before(const struct fr_ledger *l, size_t i, size_t p)
{
    int64_t b = l->open_debit[i] - l->open_credit[i];
    if (p >= l->nperiods) return b;
    for (size_t q = 0; q < p; q++) b += l->debit[i * l->nperiods + q] - l->credit[i * l->nperiods + q];
    return b;
}

int64_t fr_balance_after(const struct fr_ledger *l, size_t i, size_t p)
{
    if (p >= l->nperiods)
        return l->open_debit[i] - l->open_credit[i] + l->range_debit[i] - l->range_credit[i];
    return fr_balance_before(l, i, p) + l->debit[i * l->nperiods + p] -
           l->credit[i * l->nperiods + p];
}

/* ---------------------------------------------------------------- income statement */

enum fr_section fr_section_of(const struct fr_account *a)
{
    switch (a->grp) {
    case FR_REVENUE: return FR_SEC_REVENUE;
    case FR_CONTRA: return FR_SEC_CONTRA;
    case FR_OTHER_INCOME: return FR_SEC_OTHER_INCOME;
    case FR_COST:
    case FR_EXPENSE: return FR_SEC_EXPENSE;
    default: return FR_SEC_NONE;
    }
}

void fr_figures_of(const struct fr_ledger *l, size_t p, struct fr_figures *f)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < l->chart->n; i++) {
        int64_t m = fr_movement(l, i, p);
        switch (l->chart->items[i].grp) {
        case FR_REVENUE: f->revenue_fen += m; break;
        case FR_CONTRA: f->contra_fen += m; break;
        case FR_OTHER_INCOME: f->other_income_fen += m; break;
        case FR_COST: f->cost_fen += m; break;
        case FR_EXPENSE: f->expense_fen += m; break;
        default: break;
        }
    }
    /* expense_fen is every expense, cost of goods included; cost_fen says how much of it. */
    f->expense_fen += f->cost_fen;
    f->net_revenue_fen = f->revenue_fen - f->contra_fen;
    f->profit_fen = f->net_revenue_fen + f->other_income_fen - f->expense_fen;
}

/* ---------------------------------------------------------------- cash flow */

const struct fr_flow_name fr_flow_names[FR_FLOW__MAX] = {
    {"sales", "营业收款", "Sales"},
    {"stored_value", "会员储值", "Stored value"},
    {"other_income", "其他收入（含长款）", "Other income (incl. overs)"},
    {"expense", "费用支出", "Expenses"},
    {"payable", "应付款项", "Payables"},
    {"receivable", "借支、短款及其他应收", "Advances, shorts, other receivables"},
    {"equity", "权益", "Equity"},
    {"other", "待处理及其他", "Suspense and other"},
};

enum fr_flow fr_flow_of(const struct fr_account *a)
{
    if (strcmp(a->key, "exp_sv_bonus") == 0) return FR_FLOW_STORED_VALUE;
    switch (a->grp) {
    case FR_REVENUE:
    case FR_CONTRA: return FR_FLOW_SALES;
    case FR_RECEIVABLE:
        /* What guests and platforms owe is sales not yet collected; the rest is money lent
         * to people (petty cash issued, cashiers' shorts, other receivables). */
        if (strcmp(a->party_kind, "platform") == 0 || strcmp(a->party_kind, "customer") == 0)
            return FR_FLOW_SALES;
        return FR_FLOW_RECEIVABLE;
    case FR_STORED_VALUE: return FR_FLOW_STORED_VALUE;
    case FR_OTHER_INCOME: return FR_FLOW_OTHER_INCOME;
    case FR_COST:
    case FR_EXPENSE: return FR_FLOW_EXPENSE;
    case FR_PAYABLE: return FR_FLOW_PAYABLE;
    case FR_EQUITY: return FR_FLOW_EQUITY;
    default: return FR_FLOW_OTHER;
    }
}

static int64_t abs64(int64_t v)
{
    return v < 0 ? -v : v;
}

bool fr_entry_flow(const struct fr_chart *c, const struct fr_line *lines, size_t n,
                   struct fr_entry_flow *out)
{
    memset(out, 0, sizeof *out);
    int64_t other[FR_FLOW__MAX] = {0};
    for (size_t k = 0; k < n; k++) {
        long i = fr_chart_find(c, lines[k].account_id);
        if (i < 0) {
            memset(out, 0, sizeof *out);
            return false;
        }
        const struct fr_account *a = &c->items[i];
        int64_t amt = lines[k].amount_fen;
        if (fr_cash_like(a)) {
            out->touches_cash = true;
            if (amt > 0) out->in_fen += amt;
            else out->out_fen -= amt;
        } else {
            other[fr_flow_of(a)] += amt;
        }
    }
    if (!out->touches_cash) return true;
    out->net_fen = out->in_fen - out->out_fen;
    out->transfer_fen = out->in_fen < out->out_fen ? out->in_fen : out->out_fen;
    if (out->net_fen == 0) return true;

    /* The cash came from (went to) the classes on the other side: a class whose lines are
     * credits brought money in. */
    int sign = out->net_fen > 0 ? 1 : -1;
    int64_t need = abs64(out->net_fen), base = 0;
    int64_t weight[FR_FLOW__MAX] = {0};
    for (int k = 0; k < FR_FLOW__MAX; k++) {
        int64_t f = -other[k]; /* the flow this class would explain on its own */
        if ((f > 0 && sign > 0) || (f < 0 && sign < 0)) {
            weight[k] = abs64(f);
            base += weight[k];
        }
    }
    if (base == 0) {
        /* Only an entry that does not balance gets here (the store refuses those): keep the
         * report closing, and show it where nobody mistakes it for trade. */
        out->by_class[FR_FLOW_OTHER] = out->net_fen;
        return true;
    }
    /* Shares in proportion, the remainder by largest fraction (first class on a tie). */
    int64_t share[FR_FLOW__MAX] = {0}, rest[FR_FLOW__MAX] = {0}, given = 0;
    for (int k = 0; k < FR_FLOW__MAX; k++) {
        if (!weight[k]) continue;
        __int128 prod = (__int128)need * weight[k];
        share[k] = (int64_t)(prod / base);
        rest[k] = (int64_t)(prod % base);
        given += share[k];
    }
    while (given < need) {
        int best = -1;
        for (int k = 0; k < FR_FLOW__MAX; k++)
            if (weight[k] && (best < 0 || rest[k] > rest[best])) best = k;
        share[best]++;
        rest[best] = -1;
        given++;
    }
    for (int k = 0; k < FR_FLOW__MAX; k++) out->by_class[k] = sign * share[k];
    return true;
}

bool fr_cashflow_init(struct fr_cashflow *cf, const struct fr_ledger *l)
{
    memset(cf, 0, sizeof *cf);
    cf->ledger = l;
    cf->nperiods = l->nperiods;
    cf->p = calloc(l->nperiods + 1, sizeof *cf->p);
    if (!cf->p) return false;
    for (size_t i = 0; i < l->chart->n; i++) {
        if (!fr_cash_like(&l->chart->items[i])) continue;
        for (size_t p = 0; p <= l->nperiods; p++) {
            cf->p[p].opening_fen += fr_balance_before(l, i, p);
            cf->p[p].closing_fen += fr_balance_after(l, i, p);
        }
    }
    return true;
}

void fr_cashflow_free(struct fr_cashflow *cf)
{
    free(cf->p);
    cf->p = NULL;
}

static void flow_add(struct fr_cashflow_period *p, const struct fr_entry_flow *f)
{
    for (int k = 0; k < FR_FLOW__MAX; k++) {
        if (f->by_class[k] > 0) {
            p->in_fen[k] += f->by_class[k];
            p->total_in_fen += f->by_class[k];
        } else if (f->by_class[k] < 0) {
            p->out_fen[k] -= f->by_class[k];
            p->total_out_fen -= f->by_class[k];
        }
    }
    p->transfer_fen += f->transfer_fen;
    p->entries++;
}

void fr_cashflow_add_entry(struct fr_cashflow *cf, const struct fr_line *lines, size_t n)
{
    if (n == 0) return;
    const struct fr_ledger *l = cf->ledger;
    long p = fr_period_find(l->periods, l->nperiods, lines[0].day);
    if (p < 0) return;
    struct fr_entry_flow f;
    if (!fr_entry_flow(l->chart, lines, n, &f)) {
        cf->unattributed++;
        return;
    }
    if (!f.touches_cash) return;
    flow_add(&cf->p[p], &f);
    flow_add(&cf->p[cf->nperiods], &f);
}

bool fr_cashflow_balanced(const struct fr_cashflow *cf)
{
    for (size_t p = 0; p <= cf->nperiods; p++) {
        const struct fr_cashflow_period *x = &cf->p[p];
        if (x->opening_fen + x->total_in_fen - x->total_out_fen != x->closing_fen) return false;
    }
    return cf->unattributed == 0;
}

/* ---------------------------------------------------------------- over/short */

static struct fr_os_row *os_find(struct fr_os_row **rows, size_t *n, size_t *cap,
                                 const char *cashier, const char *month)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*rows)[i].cashier, cashier) == 0 && strcmp((*rows)[i].month, month) == 0)
            return &(*rows)[i];
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 32;
        struct fr_os_row *grown = realloc(*rows, c * sizeof *grown);
        if (!grown) return NULL;
        *rows = grown;
        *cap = c;
    }
    struct fr_os_row *r = &(*rows)[(*n)++];
    memset(r, 0, sizeof *r);
    snprintf(r->cashier, sizeof r->cashier, "%s", cashier);
    snprintf(r->month, sizeof r->month, "%s", month);
    return r;
}

/* Adds the counts and sums of b to a (not what is owed: that is the ledger's, per cashier). */
static void os_sum(struct fr_os_row *a, const struct fr_os_row *b)
{
    a->shifts += b->shifts;
    a->even += b->even;
    a->overs += b->overs;
    a->over_fen += b->over_fen;
    a->shorts += b->shorts;
    a->short_fen += b->short_fen;
}

bool fr_overshort_add(struct fr_overshort *o, const char *cashier, const char *month,
                      int64_t difference_fen)
{
    struct fr_os_row *r = os_find(&o->rows, &o->n, &o->cap, cashier ? cashier : "",
                                  month ? month : "");
    if (!r) return false;
    r->shifts++;
    if (difference_fen > 0) {
        r->overs++;
        r->over_fen += difference_fen;
    } else if (difference_fen < 0) {
        r->shorts++;
        r->short_fen -= difference_fen;
    } else {
        r->even++;
    }
    return true;
}

bool fr_overshort_owed(struct fr_overshort *o, const char *cashier, int64_t owed_fen)
{
    struct fr_os_row *r =
        os_find(&o->cashiers, &o->ncashiers, &o->ccap, cashier ? cashier : "", "");
    if (!r) return false;
    r->owed_fen += owed_fen;
    return true;
}

static int os_cmp(const void *a, const void *b)
{
    const struct fr_os_row *x = a, *y = b;
    int c = strcmp(x->cashier, y->cashier);
    return c ? c : strcmp(x->month, y->month);
}

bool fr_overshort_finish(struct fr_overshort *o)
{
    if (o->n) qsort(o->rows, o->n, sizeof *o->rows, os_cmp);
    for (size_t i = 0; i < o->n; i++) {
        struct fr_os_row *c = os_find(&o->cashiers, &o->ncashiers, &o->ccap, o->rows[i].cashier, "");
        if (!c) return false;
        os_sum(c, &o->rows[i]);
    }
    if (o->ncashiers) qsort(o->cashiers, o->ncashiers, sizeof *o->cashiers, os_cmp);
    memset(&o->total, 0, sizeof o->total);
    for (size_t i = 0; i < o->ncashiers; i++) {
        os_sum(&o->total, &o->cashiers[i]);
        o->total.owed_fen += o->cashiers[i].owed_fen;
    }
    return true;
}

void fr_overshort_free(struct fr_overshort *o)
{
    free(o->rows);
    free(o->cashiers);
    memset(o, 0, sizeof *o);
}

/* ---------------------------------------------------------------- petty cash, trial balance */

void fr_petty_status(int64_t cash_fen, int64_t issued_fen, bool has_imprest, int64_t imprest_fen,
                     struct fr_petty *out)
{
    memset(out, 0, sizeof *out);
    out->cash_fen = cash_fen;
    out->issued_fen = issued_fen;
    out->has_imprest = has_imprest;
    if (has_imprest) {
        out->imprest_fen = imprest_fen;
        out->awaiting_fen = imprest_fen - cash_fen - issued_fen;
    }
}

void fr_trial(const struct fr_ledger *l, struct fr_trial_totals *t)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < l->chart->n; i++) {
        int64_t d = l->open_debit[i] + l->range_debit[i];
        int64_t c = l->open_credit[i] + l->range_credit[i];
        t->debit_fen += d;
        t->credit_fen += c;
        if (d > c) t->balance_debit_fen += d - c;
        else t->balance_credit_fen += c - d;
    }
    t->difference_fen = t->debit_fen - t->credit_fen;
}

/* ---------------------------------------------------------------- requests */

const struct fr_kind_info fr_kinds[FR_KIND__MAX] = {
    {"table", "财务管理表", "Finance table", "finance-table"},
    {"pnl", "利润表", "Profit and loss", "profit-and-loss"},
    {"cashflow", "现金流量表", "Cash flow", "cash-flow"},
    {"over-short", "收银长短款", "Cash over and short", "over-short"},
    {"petty", "备用金状况", "Petty cash", "petty-cash"},
    {"liability", "储值负债", "Stored-value liability", "stored-value-liability"},
    {"trial-balance", "试算平衡表", "Trial balance", "trial-balance"},
};

static bool refuse(struct range_problem *why, const char *field, const char *code,
                   const char *zh, const char *en)
{
    why->field = field;
    why->code = code;
    snprintf(why->message_zh, sizeof why->message_zh, "%s", zh);
    snprintf(why->message_en, sizeof why->message_en, "%s", en);
    return false;
}

/* What was typed, for a message: printable ASCII only, cut short (it may be anything, and the
 * reply must stay valid UTF-8). */
static void shown(const char *s, char out[28])
{
    size_t k = 0;
    for (const char *p = s; *p && k < 24; p++) out[k++] = *p >= 0x20 && *p < 0x7F ? *p : '?';
    out[k] = 0;
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/* "YYYY-MM" into the first and last day of that month. */
static bool month_parse(const char *s, int64_t *first, int64_t *last)
{
    if (strlen(s) != 7 || s[4] != '-' || !digits(s, 4) || !digits(s + 5, 2)) return false;
    int y = atoi(s), m = atoi(s + 5);
    if (y < 1900 || y > 9999 || m < 1 || m > 12) return false;
    fr_month_bounds(days_from_civil(y, m, 1), first, last);
    return true;
}

static bool year_parse(const char *s, int64_t *first, int64_t *last)
{
    if (strlen(s) != 4 || !digits(s, 4)) return false;
    int y = atoi(s);
    if (y < 1900 || y > 9999) return false;
    *first = days_from_civil(y, 1, 1);
    *last = days_from_civil(y, 12, 31);
    return true;
}

/* A day or a month: *first and *last are the day twice, or the month's bounds. */
static bool day_or_month(const char *s, int64_t *first, int64_t *last)
{
    if (date_parse(s, first)) {
        *last = *first;
        return true;
    }
    return month_parse(s, first, last);
}

static bool bad_date(struct range_problem *why, const char *field, const char *label_zh,
                     const char *label_en, const char *s, bool month_only)
{
    char typed[28];
    shown(s, typed);
    why->field = field;
    why->code = "invalid_date";
    if (month_only) {
        snprintf(why->message_zh, sizeof why->message_zh,
                 "%s“%s”无效：月份格式为 年-月（如 2026-06）", label_zh, typed);
        snprintf(why->message_en, sizeof why->message_en,
                 "%s \"%s\" is not valid: a month is YYYY-MM (e.g. 2026-06)", label_en, typed);
    } else {
        snprintf(why->message_zh, sizeof why->message_zh,
                 "%s“%s”无效：日期格式为 年-月-日（如 2026-06-05）或 年-月（整月），且须是真实存在的日期",
                 label_zh, typed);
        snprintf(why->message_en, sizeof why->message_en,
                 "%s \"%s\" is not valid: dates are YYYY-MM-DD (e.g. 2026-06-05) or YYYY-MM (a "
                 "whole month) and must exist",
                 label_en, typed);
    }
    return false;
}

static bool given(const char *s)
{
    return s && *s;
}

bool fr_request_parse(enum fr_kind kind, const struct fr_query *q, int64_t last_day,
                      struct fr_request *out, struct range_problem *why)
{
    memset(why, 0, sizeof *why);
    memset(out, 0, sizeof *out);
    out->kind = kind;
    bool has_from = given(q->from), has_to = given(q->to), has_month = given(q->month),
         has_year = given(q->year), has_day = given(q->day);
    if (has_month && (has_from || has_to || has_year))
        return refuse(why, "month", "conflicting_range", "月份与起止日期（或年份）只能选一种",
                      "give a month, a year or from/to, not several");
    if (has_year && (has_from || has_to))
        return refuse(why, "year", "conflicting_range", "年份与起止日期只能选一种",
                      "give a year or from/to, not both");
    int64_t first = 0, last = 0, from = 0, to = 0;

    if (kind == FR_TRIAL) {
        /* As of one day: day, to, or the end of a month or year. */
        if (has_day && has_to)
            return refuse(why, "day", "conflicting_range", "截止日期只能给一个",
                          "give day or to, not both");
        const char *s = has_day ? q->day : has_to ? q->to : NULL;
        if (s) {
            if (!day_or_month(s, &first, &last))
                return bad_date(why, has_day ? "day" : "to", "截止日期", "as-of day", s, false);
            to = last;
        } else if (has_month) {
            if (!month_parse(q->month, &first, &last))
                return bad_date(why, "month", "月份", "month", q->month, true);
            to = last;
        } else if (has_year) {
            if (!year_parse(q->year, &first, &last))
                return refuse(why, "year", "invalid_date", "年份格式为四位数字（如 2026）",
                              "a year is four digits (e.g. 2026)");
            to = last;
        } else {
            to = last_day;
        }
        out->from = out->to = to;
        return true;
    }

    if (has_day && !has_to && !has_from) {
        /* day alone names a one-day range. */
        if (!date_parse(q->day, &from)) return bad_date(why, "day", "日期", "day", q->day, false);
        to = from;
    } else if (has_month) {
        if (!month_parse(q->month, &from, &to))
            return bad_date(why, "month", "月份", "month", q->month, true);
    } else if (has_year) {
        if (!year_parse(q->year, &from, &to))
            return refuse(why, "year", "invalid_date", "年份格式为四位数字（如 2026）",
                          "a year is four digits (e.g. 2026)");
    } else if (has_from || has_to) {
        int64_t f1 = 0, f2 = 0, t1 = 0, t2 = 0;
        if (has_from && !day_or_month(q->from, &f1, &f2))
            return bad_date(why, "from", "开始日期", "start date", q->from, false);
        if (has_to && !day_or_month(q->to, &t1, &t2))
            return bad_date(why, "to", "结束日期", "end date", q->to, false);
        from = has_from ? f1 : t1;
        to = has_to ? t2 : f2;
    } else {
        /* Month to date, or year to date for the reports read over months. */
        int64_t mfirst, mlast;
        fr_month_bounds(last_day, &mfirst, &mlast);
        to = last_day;
        if (kind == FR_PNL || kind == FR_OVER_SHORT || kind == FR_LIABILITY) {
            int y, m, d;
            civil_from_days(last_day, &y, &m, &d);
            from = days_from_civil(y, 1, 1);
        } else {
            from = mfirst;
        }
    }
    if (from > to)
        return refuse(why, "to", "range_reversed", "结束日期不能早于开始日期",
                      "the end date must not be before the start date");

    bool monthly_only = kind == FR_PNL || kind == FR_OVER_SHORT;
    bool by_month;
    if (given(q->group)) {
        if (strcmp(q->group, "month") == 0) by_month = true;
        else if (strcmp(q->group, "day") == 0) by_month = false;
        else
            return refuse(why, "group", "invalid_field", "分组只能是 day（按日）或 month（按月）",
                          "group is day or month");
        if (monthly_only && !by_month)
            return refuse(why, "group", "invalid_field", "此报表只按月汇总（group=month）",
                          "this report is by month only (group=month)");
    } else {
        int64_t a, b, c, d;
        fr_month_bounds(from, &a, &b);
        fr_month_bounds(to, &c, &d);
        by_month = monthly_only || a != c;
    }
    if (!by_month && to - from + 1 > FR_MAX_DAYS) {
        snprintf(why->message_zh, sizeof why->message_zh,
                 "按日最多 %d 天：请缩短范围，或按月汇总（group=month）", FR_MAX_DAYS);
        snprintf(why->message_en, sizeof why->message_en,
                 "by day at most %d days: shorten the range or group by month", FR_MAX_DAYS);
        why->field = "to";
        why->code = "range_too_long";
        return false;
    }
    if (by_month && fr_periods(from, to, true, NULL, 0) > FR_MAX_MONTHS) {
        snprintf(why->message_zh, sizeof why->message_zh,
                 "按月最多 %d 个月：请缩短范围或分段查询", FR_MAX_MONTHS);
        snprintf(why->message_en, sizeof why->message_en,
                 "by month at most %d months: shorten the range or ask in parts", FR_MAX_MONTHS);
        why->field = "to";
        why->code = "range_too_long";
        return false;
    }
    out->from = from;
    out->to = to;
    out->by_month = by_month;
    return true;
}
