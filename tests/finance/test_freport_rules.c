/* test_freport_rules.c: the finance reports' arithmetic (finance/freport.c) on hand-made
 * charts, account-day totals and journal lines, every expected figure worked out by hand in
 * the comments: periods by day and month, the ledger of a range, the income statement's
 * sections, the cash flow by class of counter-account (with transfers apart and shares that
 * add up to the fen), over/short kept apart by cashier and month, petty cash, the trial
 * balance, and the reading of a report's query. */
#include "core/bizday.h"
#include "finance/freport.h"
#include "harness.h"

#include <stdio.h>
#include <string.h>

static int64_t D(const char *s)
{
    int64_t d = 0;
    if (!date_parse(s, &d)) harness_fail(__FILE__, __LINE__, "bad date %s", s);
    return d;
}

/* ---- a small chart: ids out of order, so the lookup index is exercised ---- */

enum {
    DRAWER = 11, SAFE = 12, BANK = 13, WECHAT = 14, AR_GROUPBUY = 15, AR_CASHIER = 16,
    SV_PRINCIPAL = 21, SV_BONUS = 22, EQUITY = 31, REV_ROOM = 41, REV_DRINKS = 42,
    DISCOUNT = 51, REFUND = 52, OTHER_INCOME = 61, COGS = 71, RENT = 72, SV_BONUS_COST = 73,
    AP_SUPPLIER = 74, SUSPENSE = 75, PLATFORM_FEE = 76, AR_OTHER = 77,
};

static void account(struct fr_chart *c, int64_t id, const char *key, const char *type,
                    enum fr_grp grp, const char *party_kind)
{
    struct fr_account a;
    memset(&a, 0, sizeof a);
    a.id = id;
    snprintf(a.code, sizeof a.code, "%lld", (long long)id * 100);
    snprintf(a.name, sizeof a.name, "%s", key);
    snprintf(a.key, sizeof a.key, "%s", key);
    snprintf(a.type, sizeof a.type, "%s", type);
    snprintf(a.party_kind, sizeof a.party_kind, "%s", party_kind);
    a.grp = grp;
    a.active = true;
    CHECK(fr_chart_add(c, &a));
}

static void chart_make(struct fr_chart *c)
{
    memset(c, 0, sizeof *c);
    account(c, SAFE, "safe", "asset", FR_CASH, "");
    account(c, DRAWER, "drawer", "asset", FR_CASH, "shift");
    account(c, BANK, "bank", "asset", FR_BANK, "");
    account(c, WECHAT, "clr_wechat", "asset", FR_CLEARING, "");
    account(c, AR_GROUPBUY, "ar_groupbuy", "asset", FR_RECEIVABLE, "platform");
    account(c, AR_CASHIER, "ar_cashier", "asset", FR_RECEIVABLE, "cashier");
    account(c, AR_OTHER, "ar_other", "asset", FR_RECEIVABLE, "person");
    account(c, SUSPENSE, "suspense", "asset", FR_SUSPENSE, "");
    account(c, SV_PRINCIPAL, "sv_principal", "liability", FR_STORED_VALUE, "");
    account(c, SV_BONUS, "sv_bonus", "liability", FR_STORED_VALUE, "");
    account(c, AP_SUPPLIER, "ap_supplier", "liability", FR_PAYABLE, "supplier");
    account(c, EQUITY, "equity_opening", "equity", FR_EQUITY, "");
    account(c, REV_ROOM, "rev_room", "revenue", FR_REVENUE, "");
    account(c, REV_DRINKS, "rev_drinks", "revenue", FR_REVENUE, "");
    account(c, DISCOUNT, "contra_discount", "revenue", FR_CONTRA, "");
    account(c, REFUND, "contra_refund", "revenue", FR_CONTRA, "");
    account(c, OTHER_INCOME, "other_income", "revenue", FR_OTHER_INCOME, "");
    account(c, COGS, "cogs", "expense", FR_COST, "");
    account(c, RENT, "exp_rent", "expense", FR_EXPENSE, "");
    account(c, SV_BONUS_COST, "exp_sv_bonus", "expense", FR_EXPENSE, "");
    account(c, PLATFORM_FEE, "exp_platform_fee", "expense", FR_EXPENSE, "");
    CHECK(fr_chart_finish(c));
}

static void chart_lookup(void)
{
    struct fr_chart c;
    chart_make(&c);
    CHECK_INT(c.n, 21);
    CHECK_INT(fr_chart_find(&c, SAFE), 0);
    CHECK_INT(fr_chart_find(&c, DRAWER), 1);
    CHECK_INT(fr_chart_find(&c, PLATFORM_FEE), 20);
    CHECK_INT(fr_chart_find(&c, 999), -1);
    CHECK_INT(fr_chart_find_key(&c, "sv_bonus"), 9);
    CHECK_INT(fr_chart_find_key(&c, "nope"), -1);
    CHECK_INT(fr_grp_of("stored_value"), FR_STORED_VALUE);
    CHECK_INT(fr_grp_of("expense"), FR_EXPENSE);
    CHECK_INT(fr_grp_of("bogus"), -1);
    CHECK(fr_cash_like(&c.items[fr_chart_find(&c, WECHAT)]));
    CHECK(fr_cash_like(&c.items[fr_chart_find(&c, BANK)]));
    CHECK(!fr_cash_like(&c.items[fr_chart_find(&c, AR_GROUPBUY)]));
    CHECK(fr_debit_normal(&c.items[fr_chart_find(&c, RENT)]));
    CHECK(!fr_debit_normal(&c.items[fr_chart_find(&c, SV_PRINCIPAL)]));
    /* Classes of the counter-accounts. */
    CHECK_INT(fr_flow_of(&c.items[fr_chart_find(&c, REV_ROOM)]), FR_FLOW_SALES);
    CHECK_INT(fr_flow_of(&c.items[fr_chart_find(&c, DISCOUNT)]), FR_FLOW_SALES);
    CHECK_INT(fr_flow_of(&c.items[fr_chart_find(&c, AR_GROUPBUY)]), FR_FLOW_SALES);
    CHECK_INT(fr_flow_of(&c.items[fr_chart_find(&c, AR_CASHIER)]), FR_FLOW_RECEIVABLE);
    CHECK_INT(fr_flow_of(&c.items[fr_chart_find(&c, AR_OTHER)]), FR_FLOW_RECEIVABLE);
    CHECK_INT(fr_flow_of(&c.items[fr_chart_find(&c, SV_BONUS_COST)]), FR_FLOW_STORED_VALUE);
    CHECK_INT(fr_flow_of(&c.items[fr_chart_find(&c, RENT)]), FR_FLOW_EXPENSE);
    CHECK_INT(fr_flow_of(&c.items[fr_chart_find(&c, COGS)]), FR_FLOW_EXPENSE);
    CHECK_INT(fr_flow_of(&c.items[fr_chart_find(&c, AP_SUPPLIER)]), FR_FLOW_PAYABLE);
    CHECK_INT(fr_flow_of(&c.items[fr_chart_find(&c, EQUITY)]), FR_FLOW_EQUITY);
    CHECK_INT(fr_flow_of(&c.items[fr_chart_find(&c, SUSPENSE)]), FR_FLOW_OTHER);
    CHECK_INT(fr_flow_of(&c.items[fr_chart_find(&c, OTHER_INCOME)]), FR_FLOW_OTHER_INCOME);
    fr_chart_free(&c);
}

/* ---- periods ---- */

static void periods_by_day_and_month(void)
{
    struct fr_period p[8];
    /* 2026-06-29 .. 2026-07-02: four days across a month end. */
    CHECK_INT(fr_periods(D("2026-06-29"), D("2026-07-02"), false, p, 8), 4);
    CHECK_STR(p[0].label, "2026-06-29");
    CHECK_STR(p[3].label, "2026-07-02");
    CHECK_INT(p[3].from, D("2026-07-02"));
    CHECK_INT(p[3].to, D("2026-07-02"));
    /* 2026-01-15 .. 2026-03-10 by month: the first and last months are cut to the range. */
    CHECK_INT(fr_periods(D("2026-01-15"), D("2026-03-10"), true, p, 8), 3);
    CHECK_STR(p[0].label, "2026-01");
    CHECK_INT(p[0].from, D("2026-01-15"));
    CHECK_INT(p[0].to, D("2026-01-31"));
    CHECK_INT(p[1].from, D("2026-02-01"));
    CHECK_INT(p[1].to, D("2026-02-28"));
    CHECK_INT(p[2].to, D("2026-03-10"));
    /* 2024 is a leap year: February has 29 days; December ends the year. */
    CHECK_INT(fr_periods(D("2024-02-01"), D("2024-12-31"), true, p, 8), 11);
    CHECK_INT(p[0].to, D("2024-02-29"));
    CHECK_INT(fr_periods(D("2024-02-01"), D("2024-12-31"), true, NULL, 0), 11);
    int64_t first, last;
    fr_month_bounds(D("2024-12-15"), &first, &last);
    CHECK_INT(first, D("2024-12-01"));
    CHECK_INT(last, D("2024-12-31"));
    /* Finding the period of a day. */
    fr_periods(D("2026-01-15"), D("2026-03-10"), true, p, 8);
    CHECK_INT(fr_period_find(p, 3, D("2026-01-15")), 0);
    CHECK_INT(fr_period_find(p, 3, D("2026-02-28")), 1);
    CHECK_INT(fr_period_find(p, 3, D("2026-03-10")), 2);
    CHECK_INT(fr_period_find(p, 3, D("2026-01-14")), -1);
    CHECK_INT(fr_period_find(p, 3, D("2026-03-11")), -1);
    CHECK_INT(fr_periods(D("2026-03-11"), D("2026-03-10"), false, p, 8), 0);
}

/* ---- the ledger: the hand-made books of four business days ----
 *
 * 2026-04-30 (before)  safe D 1,000.00 / equity C 1,000.00 (opening balance)
 * 2026-05-30  bill     drawer D 100.00, WeChat D 110.00, discount D 10.00
 *                      / room C 150.00, drinks C 70.00
 * 2026-05-31  rent     rent D 500.00 / bank C 500.00
 *             short    cashier receivable D 20.00 / drawer C 20.00
 * 2026-06-01  refund   refunds D 30.00 / WeChat C 30.00
 *             over     drawer D 5.00 / other income C 5.00
 *             top-up   WeChat D 200.00 / principal C 200.00; bonus cost D 40.00 / bonus C 40.00
 * 2026-06-02  sv bill  principal D 80.00, bonus D 20.00 / drinks C 100.00
 *             goods    cost of goods D 30.00 / supplier C 30.00
 *             hand-in  safe D 85.00 / drawer C 85.00
 * 2026-07-01 (after)   drawer D 9.99 / room C 9.99 — outside every range below
 * and a total naming account 99, which the chart does not hold. */
struct total {
    int64_t account;
    const char *day;
    int64_t debit, credit;
};
static const struct total totals[] = {
    {SAFE, "2026-04-30", 100000, 0},      {EQUITY, "2026-04-30", 0, 100000},
    {DRAWER, "2026-05-30", 10000, 0},     {WECHAT, "2026-05-30", 11000, 0},
    {REV_ROOM, "2026-05-30", 0, 15000},   {REV_DRINKS, "2026-05-30", 0, 7000},
    {DISCOUNT, "2026-05-30", 1000, 0},    {RENT, "2026-05-31", 50000, 0},
    {BANK, "2026-05-31", 0, 50000},       {AR_CASHIER, "2026-05-31", 2000, 0},
    {DRAWER, "2026-05-31", 0, 2000},      {REFUND, "2026-06-01", 3000, 0},
    {WECHAT, "2026-06-01", 20000, 3000},  {DRAWER, "2026-06-01", 500, 0},
    {OTHER_INCOME, "2026-06-01", 0, 500}, {SV_PRINCIPAL, "2026-06-01", 0, 20000},
    {SV_BONUS_COST, "2026-06-01", 4000, 0}, {SV_BONUS, "2026-06-01", 0, 4000},
    {SV_PRINCIPAL, "2026-06-02", 8000, 0}, {SV_BONUS, "2026-06-02", 2000, 0},
    {REV_DRINKS, "2026-06-02", 0, 10000}, {COGS, "2026-06-02", 3000, 0},
    {AP_SUPPLIER, "2026-06-02", 0, 3000}, {SAFE, "2026-06-02", 8500, 0},
    {DRAWER, "2026-06-02", 0, 8500},      {DRAWER, "2026-07-01", 999, 0},
    {REV_ROOM, "2026-07-01", 0, 999},     {99, "2026-06-01", 123, 0},
};

static void ledger_fill(struct fr_ledger *l)
{
    for (size_t i = 0; i < sizeof totals / sizeof totals[0]; i++)
        fr_ledger_add(l, totals[i].account, D(totals[i].day), totals[i].debit, totals[i].credit);
}

/* The journal lines of the same events, entry by entry, for the cash flow. */
struct entry {
    const char *day;
    int n;
    struct {
        int64_t account, amount;
    } l[6];
};
static const struct entry entries[] = {
    {"2026-04-30", 2, {{SAFE, 100000}, {EQUITY, -100000}}},
    {"2026-05-30", 5, {{DRAWER, 10000}, {WECHAT, 11000}, {DISCOUNT, 1000}, {REV_ROOM, -15000},
                       {REV_DRINKS, -7000}}},
    {"2026-05-31", 2, {{RENT, 50000}, {BANK, -50000}}},
    {"2026-05-31", 2, {{AR_CASHIER, 2000}, {DRAWER, -2000}}},
    {"2026-06-01", 2, {{REFUND, 3000}, {WECHAT, -3000}}},
    {"2026-06-01", 2, {{DRAWER, 500}, {OTHER_INCOME, -500}}},
    {"2026-06-01", 4, {{WECHAT, 20000}, {SV_PRINCIPAL, -20000}, {SV_BONUS_COST, 4000},
                       {SV_BONUS, -4000}}},
    {"2026-06-02", 3, {{SV_PRINCIPAL, 8000}, {SV_BONUS, 2000}, {REV_DRINKS, -10000}}},
    {"2026-06-02", 2, {{COGS, 3000}, {AP_SUPPLIER, -3000}}},
    {"2026-06-02", 2, {{SAFE, 8500}, {DRAWER, -8500}}},
    {"2026-07-01", 2, {{DRAWER, 999}, {REV_ROOM, -999}}},
};

static void cashflow_fill(struct fr_cashflow *cf)
{
    for (size_t e = 0; e < sizeof entries / sizeof entries[0]; e++) {
        struct fr_line lines[6];
        for (int k = 0; k < entries[e].n; k++)
            lines[k] = (struct fr_line){(int64_t)e + 1, D(entries[e].day), entries[e].l[k].account,
                                        entries[e].l[k].amount};
        fr_cashflow_add_entry(cf, lines, (size_t)entries[e].n);
    }
}

static void ledger_by_day(void)
{
    struct fr_chart c;
    chart_make(&c);
    struct fr_period p[4];
    CHECK_INT(fr_periods(D("2026-05-30"), D("2026-06-02"), false, p, 4), 4);
    struct fr_ledger l;
    CHECK(fr_ledger_init(&l, &c, p, 4));
    ledger_fill(&l);
    CHECK_INT(l.unknown_lines, 1);
    size_t safe = (size_t)fr_chart_find(&c, SAFE), drawer = (size_t)fr_chart_find(&c, DRAWER);
    size_t wechat = (size_t)fr_chart_find(&c, WECHAT), sv = (size_t)fr_chart_find(&c, SV_PRINCIPAL);
    size_t drinks = (size_t)fr_chart_find(&c, REV_DRINKS), discount = (size_t)fr_chart_find(&c, DISCOUNT);
    /* The opening holds the day before the range. */
    CHECK_INT(fr_balance_before(&l, safe, 0), 100000);
    CHECK_INT(fr_balance_before(&l, safe, 4), 100000);
    /* The drawer: +100.00, then -20.00, +5.00, -85.00: 100.00, 80.00, 85.00, 0. */
    CHECK_INT(fr_balance_after(&l, drawer, 0), 10000);
    CHECK_INT(fr_balance_after(&l, drawer, 1), 8000);
    CHECK_INT(fr_balance_before(&l, drawer, 2), 8000);
    CHECK_INT(fr_balance_after(&l, drawer, 2), 8500);
    CHECK_INT(fr_balance_after(&l, drawer, 3), 0);
    CHECK_INT(fr_balance_after(&l, drawer, 4), 0); /* 2026-07-01 is after the range */
    /* WeChat on 06-01: in 200.00, out 30.00. Over the range: in 310.00, out 30.00. */
    CHECK_INT(fr_debits(&l, wechat, 2), 20000);
    CHECK_INT(fr_credits(&l, wechat, 2), 3000);
    CHECK_INT(fr_debits(&l, wechat, 4), 31000);
    CHECK_INT(fr_credits(&l, wechat, 4), 3000);
    /* Report senses: revenue and liabilities credits - debits, contra debits - credits. */
    CHECK_INT(fr_movement(&l, drinks, 4), 17000);
    CHECK_INT(fr_movement(&l, discount, 0), 1000);
    CHECK_INT(fr_movement(&l, sv, 2), 20000);
    CHECK_INT(fr_movement(&l, sv, 3), -8000);
    CHECK_INT(fr_movement(&l, wechat, 4), 28000);

    /* The income statement by day:
     *   05-30 revenue 150 + 70 = 220.00, contra 10.00, net 210.00, profit 210.00
     *   05-31 expense (rent) 500.00, profit -500.00
     *   06-01 contra (refund) 30.00, net -30.00, other income 5.00, expense (bonus) 40.00,
     *         profit -30 + 5 - 40 = -65.00
     *   06-02 revenue 100.00, cost of goods 30.00 (in the expenses), profit 70.00
     *   range revenue 320.00, contra 40.00, net 280.00, other 5.00, expense 500 + 40 + 30
     *         = 570.00 (cost 30.00), profit 280 + 5 - 570 = -285.00 = 210 - 500 - 65 + 70 */
    struct fr_figures f;
    fr_figures_of(&l, 0, &f);
    CHECK_INT(f.revenue_fen, 22000);
    CHECK_INT(f.contra_fen, 1000);
    CHECK_INT(f.net_revenue_fen, 21000);
    CHECK_INT(f.profit_fen, 21000);
    fr_figures_of(&l, 1, &f);
    CHECK_INT(f.revenue_fen, 0);
    CHECK_INT(f.expense_fen, 50000);
    CHECK_INT(f.profit_fen, -50000);
    fr_figures_of(&l, 2, &f);
    CHECK_INT(f.contra_fen, 3000);
    CHECK_INT(f.net_revenue_fen, -3000);
    CHECK_INT(f.other_income_fen, 500);
    CHECK_INT(f.expense_fen, 4000);
    CHECK_INT(f.profit_fen, -6500);
    fr_figures_of(&l, 3, &f);
    CHECK_INT(f.revenue_fen, 10000);
    CHECK_INT(f.cost_fen, 3000);
    CHECK_INT(f.expense_fen, 3000);
    CHECK_INT(f.profit_fen, 7000);
    fr_figures_of(&l, 4, &f);
    CHECK_INT(f.revenue_fen, 32000);
    CHECK_INT(f.contra_fen, 4000);
    CHECK_INT(f.net_revenue_fen, 28000);
    CHECK_INT(f.other_income_fen, 500);
    CHECK_INT(f.cost_fen, 3000);
    CHECK_INT(f.expense_fen, 57000);
    CHECK_INT(f.profit_fen, -28500);
    CHECK_INT(fr_section_of(&c.items[discount]), FR_SEC_CONTRA);
    CHECK_INT(fr_section_of(&c.items[fr_chart_find(&c, COGS)]), FR_SEC_EXPENSE);
    CHECK_INT(fr_section_of(&c.items[safe]), FR_SEC_NONE);

    /* The cash flow (cash-like: drawer, safe, bank, WeChat):
     *   opening 1,000.00 (the safe)
     *   05-30 in: sales 210.00                                   closing 1,210.00
     *   05-31 out: expense 500.00, receivable (short) 20.00      closing   690.00
     *   06-01 in: other income 5.00, stored value 200.00; out: sales (refund) 30.00
     *                                                            closing   865.00
     *   06-02 transfer 85.00 (drawer to safe), nothing else      closing   865.00
     *   range in 415.00, out 550.00, transfers 85.00; 1,000 + 415 - 550 = 865.00 */
    struct fr_cashflow cf;
    CHECK(fr_cashflow_init(&cf, &l));
    cashflow_fill(&cf);
    CHECK_INT(cf.p[0].opening_fen, 100000);
    CHECK_INT(cf.p[0].in_fen[FR_FLOW_SALES], 21000);
    CHECK_INT(cf.p[0].total_in_fen, 21000);
    CHECK_INT(cf.p[0].closing_fen, 121000);
    CHECK_INT(cf.p[1].out_fen[FR_FLOW_EXPENSE], 50000);
    CHECK_INT(cf.p[1].out_fen[FR_FLOW_RECEIVABLE], 2000);
    CHECK_INT(cf.p[1].total_out_fen, 52000);
    CHECK_INT(cf.p[1].closing_fen, 69000);
    CHECK_INT(cf.p[2].in_fen[FR_FLOW_OTHER_INCOME], 500);
    CHECK_INT(cf.p[2].in_fen[FR_FLOW_STORED_VALUE], 20000);
    CHECK_INT(cf.p[2].out_fen[FR_FLOW_SALES], 3000);
    CHECK_INT(cf.p[2].in_fen[FR_FLOW_SALES], 0);
    CHECK_INT(cf.p[2].closing_fen, 86500);
    CHECK_INT(cf.p[2].entries, 3);
    CHECK_INT(cf.p[3].transfer_fen, 8500);
    CHECK_INT(cf.p[3].total_in_fen, 0);
    CHECK_INT(cf.p[3].total_out_fen, 0);
    CHECK_INT(cf.p[3].entries, 1); /* the stored-value bill and the goods move no cash */
    CHECK_INT(cf.p[3].opening_fen, 86500);
    CHECK_INT(cf.p[3].closing_fen, 86500);
    CHECK_INT(cf.p[4].opening_fen, 100000);
    CHECK_INT(cf.p[4].total_in_fen, 41500);
    CHECK_INT(cf.p[4].total_out_fen, 55000);
    CHECK_INT(cf.p[4].transfer_fen, 8500);
    CHECK_INT(cf.p[4].closing_fen, 86500);
    CHECK(fr_cashflow_balanced(&cf));
    /* A cash flow that does not close is caught: a lost entry (the refund's) breaks 06-01. */
    cf.p[2].total_out_fen -= 3000;
    CHECK(!fr_cashflow_balanced(&cf));
    fr_cashflow_free(&cf);
    fr_ledger_free(&l);
    fr_chart_free(&c);
}

static void ledger_by_month(void)
{
    struct fr_chart c;
    chart_make(&c);
    struct fr_period p[2];
    /* 2026-05-15 .. 2026-06-30: May (cut) and June. */
    CHECK_INT(fr_periods(D("2026-05-15"), D("2026-06-30"), true, p, 2), 2);
    struct fr_ledger l;
    CHECK(fr_ledger_init(&l, &c, p, 2));
    ledger_fill(&l);
    /* May: revenue 220.00, contra 10.00, expense 500.00: profit 210 - 500 = -290.00.
     * June: revenue 100.00, contra 30.00, other 5.00, expense 40 + 30 = 70.00:
     *       profit 70 + 5 - 70 = 5.00.  Range: -285.00 as by day. */
    struct fr_figures f;
    fr_figures_of(&l, 0, &f);
    CHECK_INT(f.revenue_fen, 22000);
    CHECK_INT(f.contra_fen, 1000);
    CHECK_INT(f.expense_fen, 50000);
    CHECK_INT(f.profit_fen, -29000);
    fr_figures_of(&l, 1, &f);
    CHECK_INT(f.revenue_fen, 10000);
    CHECK_INT(f.contra_fen, 3000);
    CHECK_INT(f.other_income_fen, 500);
    CHECK_INT(f.expense_fen, 7000);
    CHECK_INT(f.profit_fen, 500);
    fr_figures_of(&l, 2, &f);
    CHECK_INT(f.profit_fen, -28500);
    struct fr_cashflow cf;
    CHECK(fr_cashflow_init(&cf, &l));
    cashflow_fill(&cf);
    /* May: 1,000 + 210 - 520 = 690.00; June: 690 + 205 - 30 = 865.00, transfers 85.00. */
    CHECK_INT(cf.p[0].opening_fen, 100000);
    CHECK_INT(cf.p[0].total_in_fen, 21000);
    CHECK_INT(cf.p[0].total_out_fen, 52000);
    CHECK_INT(cf.p[0].closing_fen, 69000);
    CHECK_INT(cf.p[1].total_in_fen, 20500);
    CHECK_INT(cf.p[1].total_out_fen, 3000);
    CHECK_INT(cf.p[1].transfer_fen, 8500);
    CHECK_INT(cf.p[1].closing_fen, 86500);
    CHECK(fr_cashflow_balanced(&cf));
    fr_cashflow_free(&cf);
    fr_ledger_free(&l);
    fr_chart_free(&c);
}

/* ---- one entry's cash, attributed ---- */

static struct fr_entry_flow flow(const struct fr_chart *c, int n, const int64_t (*l)[2], bool *ok)
{
    struct fr_line lines[8];
    for (int i = 0; i < n; i++) lines[i] = (struct fr_line){1, D("2026-06-01"), l[i][0], l[i][1]};
    struct fr_entry_flow f;
    *ok = fr_entry_flow(c, lines, (size_t)n, &f);
    return f;
}

static void entry_attribution(void)
{
    struct fr_chart c;
    chart_make(&c);
    bool ok;
    /* A bill with a voucher: cash 50.00, the platform owes 80.00, its discount 20.00, revenue
     * 150.00. The receivable and the discount are sales on the same side as the cash's
     * counterpart: sales -150 + 80 + 20 = -50 explain the 50.00 in. */
    const int64_t voucher[][2] = {{DRAWER, 5000}, {AR_GROUPBUY, 8000}, {DISCOUNT, 2000},
                                  {REV_ROOM, -15000}};
    struct fr_entry_flow f = flow(&c, 4, voucher, &ok);
    CHECK(ok);
    CHECK(f.touches_cash);
    CHECK_INT(f.in_fen, 5000);
    CHECK_INT(f.net_fen, 5000);
    CHECK_INT(f.by_class[FR_FLOW_SALES], 5000);
    /* A top-up of 1,000.00 with 200.00 bonus: the bonus cost and the bonus liability belong
     * to stored value and cancel; 1,000.00 in from stored value. */
    const int64_t topup[][2] = {{WECHAT, 100000}, {SV_PRINCIPAL, -100000}, {SV_BONUS_COST, 20000},
                                {SV_BONUS, -20000}};
    f = flow(&c, 4, topup, &ok);
    CHECK_INT(f.by_class[FR_FLOW_STORED_VALUE], 100000);
    CHECK_INT(f.by_class[FR_FLOW_EXPENSE], 0);
    /* A group-buy settlement: bank 95.00 for 100.00 owed, the fee 5.00 withheld. The fee is on
     * the cash's side and offsets: 95.00 in from sales, nothing out. */
    const int64_t settle[][2] = {{BANK, 9500}, {PLATFORM_FEE, 500}, {AR_GROUPBUY, -10000}};
    f = flow(&c, 3, settle, &ok);
    CHECK_INT(f.net_fen, 9500);
    CHECK_INT(f.by_class[FR_FLOW_SALES], 9500);
    CHECK_INT(f.by_class[FR_FLOW_EXPENSE], 0);
    /* A hand-in: 300.00 from the drawer to the safe: a transfer, no flow. */
    const int64_t handin[][2] = {{SAFE, 30000}, {DRAWER, -30000}};
    f = flow(&c, 2, handin, &ok);
    CHECK_INT(f.in_fen, 30000);
    CHECK_INT(f.out_fen, 30000);
    CHECK_INT(f.transfer_fen, 30000);
    CHECK_INT(f.net_fen, 0);
    for (int k = 0; k < FR_FLOW__MAX; k++) CHECK_INT(f.by_class[k], 0);
    /* A shift opened on the previous drawer of 150.00 counting 100.00: in 100, out 150,
     * transfer 100, and 50.00 out to suspense (待处理). */
    const int64_t handover[][2] = {{DRAWER, 10000}, {DRAWER, -15000}, {SUSPENSE, 5000}};
    f = flow(&c, 3, handover, &ok);
    CHECK_INT(f.transfer_fen, 10000);
    CHECK_INT(f.net_fen, -5000);
    CHECK_INT(f.by_class[FR_FLOW_OTHER], -5000);
    /* 100.00 paid from the bank for 100.00 of rent and 50.00 settled with a supplier: each
     * class its own amount. */
    const int64_t two[][2] = {{BANK, -15000}, {RENT, 10000}, {AP_SUPPLIER, 5000}};
    f = flow(&c, 3, two, &ok);
    CHECK_INT(f.by_class[FR_FLOW_EXPENSE], -10000);
    CHECK_INT(f.by_class[FR_FLOW_PAYABLE], -5000);
    /* Shares with a remainder: 0.10 out of the bank explained by expense, payable and other
     * receivable of 0.07 each, with 0.11 of sales on the cash's side offsetting. 10 x 7 / 21
     * = 3.33 each: 3 + 3 + 3 and the last fen to the first class (expense): 4, 3, 3. */
    const int64_t split[][2] = {{BANK, -10}, {RENT, 7}, {AP_SUPPLIER, 7}, {AR_OTHER, 7},
                                {REV_ROOM, -11}};
    f = flow(&c, 5, split, &ok);
    CHECK_INT(f.net_fen, -10);
    CHECK_INT(f.by_class[FR_FLOW_EXPENSE], -4);
    CHECK_INT(f.by_class[FR_FLOW_PAYABLE], -3);
    CHECK_INT(f.by_class[FR_FLOW_RECEIVABLE], -3);
    CHECK_INT(f.by_class[FR_FLOW_SALES], 0);
    /* Uneven weights: 1.00 in explained by sales 2.00 and stored value 1.00 (with 2.00 of
     * expense offsetting): 100 x 200 / 300 = 66.67 and 33.33: 66 + 33 = 99, the last fen to
     * the larger fraction (sales, .67): 67 and 33. */
    const int64_t uneven[][2] = {{DRAWER, 100}, {REV_ROOM, -200}, {SV_PRINCIPAL, -100},
                                 {RENT, 200}};
    f = flow(&c, 4, uneven, &ok);
    CHECK_INT(f.by_class[FR_FLOW_SALES], 67);
    CHECK_INT(f.by_class[FR_FLOW_STORED_VALUE], 33);
    /* No cash line: nothing to attribute. */
    const int64_t nocash[][2] = {{SV_PRINCIPAL, 8000}, {REV_DRINKS, -8000}};
    f = flow(&c, 2, nocash, &ok);
    CHECK(ok);
    CHECK(!f.touches_cash);
    CHECK_INT(f.net_fen, 0);
    /* An account the chart does not know: refused. */
    const int64_t unknown[][2] = {{DRAWER, 100}, {99, -100}};
    f = flow(&c, 2, unknown, &ok);
    CHECK(!ok);
    fr_chart_free(&c);
}

/* ---- over/short ---- */

static void over_short_apart(void)
{
    struct fr_overshort o;
    memset(&o, 0, sizeof o);
    /* 小王 in May: +10.00, -20.00, even, -5.00; in June: +30.00. 小李 in June: -100.00.
     * The ledger says 小王 owes 25.00, 小李 100.00 and 老张 (no shift in the range) 7.00. */
    CHECK(fr_overshort_add(&o, "小王", "2026-05", 1000));
    CHECK(fr_overshort_add(&o, "小王", "2026-05", -2000));
    CHECK(fr_overshort_add(&o, "小王", "2026-05", 0));
    CHECK(fr_overshort_add(&o, "小王", "2026-05", -500));
    CHECK(fr_overshort_add(&o, "小李", "2026-06", -10000));
    CHECK(fr_overshort_add(&o, "小王", "2026-06", 3000));
    CHECK(fr_overshort_owed(&o, "小王", 2500));
    CHECK(fr_overshort_owed(&o, "小李", 10000));
    CHECK(fr_overshort_owed(&o, "老张", 700));
    CHECK(fr_overshort_finish(&o));
    /* Rows sorted by cashier (byte order of UTF-8: 小李 E5 B0 8F E6 9D 8E before 小王 ... E7)
     * and month. */
    CHECK_INT(o.n, 3);
    CHECK_STR(o.rows[0].cashier, "小李");
    CHECK_STR(o.rows[1].cashier, "小王");
    CHECK_STR(o.rows[1].month, "2026-05");
    CHECK_INT(o.rows[1].shifts, 4);
    CHECK_INT(o.rows[1].even, 1);
    CHECK_INT(o.rows[1].overs, 1);
    CHECK_INT(o.rows[1].over_fen, 1000);
    CHECK_INT(o.rows[1].shorts, 2);
    CHECK_INT(o.rows[1].short_fen, 2500);
    CHECK_STR(o.rows[2].month, "2026-06");
    CHECK_INT(o.rows[2].over_fen, 3000);
    /* Per cashier: 小王 over 40.00 and short 25.00, never netted to +15.00. */
    CHECK_INT(o.ncashiers, 3);
    CHECK_STR(o.cashiers[2].cashier, "老张");
    CHECK_INT(o.cashiers[2].shifts, 0);
    CHECK_INT(o.cashiers[2].owed_fen, 700);
    CHECK_STR(o.cashiers[1].cashier, "小王");
    CHECK_INT(o.cashiers[1].shifts, 5);
    CHECK_INT(o.cashiers[1].over_fen, 4000);
    CHECK_INT(o.cashiers[1].short_fen, 2500);
    CHECK_INT(o.cashiers[1].owed_fen, 2500);
    CHECK_INT(o.cashiers[0].short_fen, 10000);
    CHECK_INT(o.cashiers[0].shorts, 1);
    /* Totals: 6 shifts, 2 overs 40.00, 3 shorts 125.00, owed 132.00. */
    CHECK_INT(o.total.shifts, 6);
    CHECK_INT(o.total.overs, 2);
    CHECK_INT(o.total.over_fen, 4000);
    CHECK_INT(o.total.shorts, 3);
    CHECK_INT(o.total.short_fen, 12500);
    CHECK_INT(o.total.even, 1);
    CHECK_INT(o.total.owed_fen, 13200);
    fr_overshort_free(&o);
}

/* ---- petty cash, trial balance ---- */

static void petty_status(void)
{
    struct fr_petty p;
    /* Imprest 1,000.00; 300.00 on hand, 150.00 issued: 550.00 spent awaiting replenishment. */
    fr_petty_status(30000, 15000, true, 100000, &p);
    CHECK(p.has_imprest);
    CHECK_INT(p.awaiting_fen, 55000);
    CHECK_INT(p.cash_fen + p.issued_fen + p.awaiting_fen, p.imprest_fen);
    fr_petty_status(30000, 15000, false, 0, &p);
    CHECK(!p.has_imprest);
    CHECK_INT(p.awaiting_fen, 0);
}

static void trial_balance(void)
{
    struct fr_chart c;
    chart_make(&c);
    /* As of 2026-06-02: one period, the day; the opening holds the rest.
     * Debits: 1,000 + (100 + 110 + 10) + (500 + 20) + (30 + 200 + 5 + 40) + (80 + 20 + 30 + 85)
     *       = 1,000 + 220 + 520 + 275 + 215 = 2,230.00 = credits (the 07-01 lines are later;
     *       account 99 is not in the chart).
     * Debit balances: safe 1,085 + WeChat 280 + cashier 20 + discount 10 + refunds 30
     *       + cost 30 + rent 500 + bonus cost 40 = 1,995.00.
     * Credit balances: bank 500 + principal 120 + bonus 20 + equity 1,000 + room 150
     *       + drinks 170 + other income 5 + supplier 30 = 1,995.00. */
    struct fr_period p[1];
    fr_periods(D("2026-06-02"), D("2026-06-02"), false, p, 1);
    struct fr_ledger l;
    CHECK(fr_ledger_init(&l, &c, p, 1));
    ledger_fill(&l);
    struct fr_trial_totals t;
    fr_trial(&l, &t);
    CHECK_INT(t.debit_fen, 223000);
    CHECK_INT(t.credit_fen, 223000);
    CHECK_INT(t.difference_fen, 0);
    CHECK_INT(t.balance_debit_fen, 199500);
    CHECK_INT(t.balance_credit_fen, 199500);
    /* A one-sided total shows as a difference. */
    fr_ledger_add(&l, RENT, D("2026-06-02"), 1, 0);
    fr_trial(&l, &t);
    CHECK_INT(t.difference_fen, 1);
    fr_ledger_free(&l);
    fr_chart_free(&c);
}

/* ---- reading a query ---- */

static bool parse(enum fr_kind kind, const char *from, const char *to, const char *month,
                  const char *year, const char *day, const char *group, struct fr_request *r,
                  struct range_problem *why)
{
    struct fr_query q = {from, to, month, year, day, group};
    return fr_request_parse(kind, &q, D("2026-06-15"), r, why);
}

static void request_parsing(void)
{
    struct fr_request r;
    struct range_problem why;
    /* Defaults with yesterday's business day 2026-06-15: the month to date by day; the year
     * to date by month for the P&L; the day itself for the trial balance. */
    CHECK(parse(FR_TABLE, NULL, NULL, NULL, NULL, NULL, NULL, &r, &why));
    CHECK_INT(r.from, D("2026-06-01"));
    CHECK_INT(r.to, D("2026-06-15"));
    CHECK(!r.by_month);
    CHECK(parse(FR_PNL, NULL, NULL, NULL, NULL, NULL, NULL, &r, &why));
    CHECK_INT(r.from, D("2026-01-01"));
    CHECK_INT(r.to, D("2026-06-15"));
    CHECK(r.by_month);
    CHECK(parse(FR_TRIAL, NULL, NULL, NULL, NULL, NULL, NULL, &r, &why));
    CHECK_INT(r.to, D("2026-06-15"));
    /* A month, a year, months as from/to. */
    CHECK(parse(FR_TABLE, NULL, NULL, "2024-02", NULL, NULL, NULL, &r, &why));
    CHECK_INT(r.from, D("2024-02-01"));
    CHECK_INT(r.to, D("2024-02-29"));
    CHECK(!r.by_month);
    CHECK(parse(FR_TABLE, NULL, NULL, "2024-02", NULL, NULL, "month", &r, &why));
    CHECK(r.by_month);
    CHECK(parse(FR_PNL, NULL, NULL, NULL, "2025", NULL, NULL, &r, &why));
    CHECK_INT(r.from, D("2025-01-01"));
    CHECK_INT(r.to, D("2025-12-31"));
    CHECK(parse(FR_CASHFLOW, "2026-01", "2026-03", NULL, NULL, NULL, NULL, &r, &why));
    CHECK_INT(r.from, D("2026-01-01"));
    CHECK_INT(r.to, D("2026-03-31"));
    CHECK(r.by_month); /* across months: by month unless asked */
    CHECK(parse(FR_CASHFLOW, "2026-01-20", "2026-02-10", NULL, NULL, NULL, "day", &r, &why));
    CHECK(!r.by_month);
    /* One end alone: that day, or that month. */
    CHECK(parse(FR_TABLE, "2026-05-04", NULL, NULL, NULL, NULL, NULL, &r, &why));
    CHECK_INT(r.from, D("2026-05-04"));
    CHECK_INT(r.to, D("2026-05-04"));
    CHECK(parse(FR_TABLE, NULL, "2026-05", NULL, NULL, NULL, NULL, &r, &why));
    CHECK_INT(r.from, D("2026-05-01"));
    CHECK_INT(r.to, D("2026-05-31"));
    /* The trial balance as of a day, a month's end, a year's end. */
    CHECK(parse(FR_TRIAL, NULL, NULL, NULL, NULL, "2026-03-09", NULL, &r, &why));
    CHECK_INT(r.to, D("2026-03-09"));
    CHECK(parse(FR_TRIAL, NULL, NULL, "2026-02", NULL, NULL, NULL, &r, &why));
    CHECK_INT(r.to, D("2026-02-28"));
    CHECK(parse(FR_TRIAL, NULL, "2025-12-31", NULL, NULL, NULL, NULL, &r, &why));
    CHECK_INT(r.to, D("2025-12-31"));
    /* Refusals, each naming the field. */
    CHECK(!parse(FR_TABLE, "2026-01-01", NULL, "2026-02", NULL, NULL, NULL, &r, &why));
    CHECK_STR(why.code, "conflicting_range");
    CHECK_STR(why.field, "month");
    CHECK(!parse(FR_PNL, "2026-01", NULL, NULL, "2026", NULL, NULL, &r, &why));
    CHECK_STR(why.field, "year");
    CHECK(!parse(FR_TABLE, "2026-13", NULL, NULL, NULL, NULL, NULL, &r, &why));
    CHECK_STR(why.code, "invalid_date");
    CHECK_STR(why.field, "from");
    CHECK(strstr(why.message_zh, "2026-13") != NULL);
    CHECK(!parse(FR_TABLE, NULL, "2026-02-30", NULL, NULL, NULL, NULL, &r, &why));
    CHECK_STR(why.field, "to");
    CHECK(!parse(FR_TABLE, NULL, NULL, "2026-6", NULL, NULL, NULL, &r, &why));
    CHECK_STR(why.field, "month");
    CHECK(!parse(FR_PNL, NULL, NULL, NULL, "26", NULL, NULL, &r, &why));
    CHECK_STR(why.field, "year");
    CHECK(!parse(FR_TABLE, "2026-05-02", "2026-05-01", NULL, NULL, NULL, NULL, &r, &why));
    CHECK_STR(why.code, "range_reversed");
    CHECK(!parse(FR_TABLE, NULL, NULL, NULL, NULL, NULL, "week", &r, &why));
    CHECK_STR(why.field, "group");
    CHECK(!parse(FR_PNL, NULL, NULL, NULL, "2025", NULL, "day", &r, &why));
    CHECK_STR(why.code, "invalid_field");
    /* 2024-01-01 .. 2024-12-31 is 366 days: by day it passes; one day more does not. */
    CHECK(parse(FR_TABLE, "2024-01-01", "2024-12-31", NULL, NULL, NULL, "day", &r, &why));
    CHECK(!parse(FR_TABLE, "2024-01-01", "2025-01-01", NULL, NULL, NULL, "day", &r, &why));
    CHECK_STR(why.code, "range_too_long");
    /* 36 months pass, 37 do not. */
    CHECK(parse(FR_PNL, "2023-01", "2025-12", NULL, NULL, NULL, NULL, &r, &why));
    CHECK(!parse(FR_PNL, "2023-01", "2026-01", NULL, NULL, NULL, NULL, &r, &why));
    CHECK_STR(why.code, "range_too_long");
    /* Garbage is echoed as printable ASCII only. */
    CHECK(!parse(FR_TABLE, "\x01\xff" "abc", NULL, NULL, NULL, NULL, NULL, &r, &why));
    CHECK(strstr(why.message_en, "\"??abc\"") != NULL);
}

int main(void)
{
    RUN(chart_lookup);
    RUN(periods_by_day_and_month);
    RUN(ledger_by_day);
    RUN(ledger_by_month);
    RUN(entry_attribution);
    RUN(over_short_apart);
    RUN(petty_status);
    RUN(trial_balance);
    RUN(request_parsing);
    return harness_finish("finance_freport_rules");
}
