/* test_freport_api.c: the finance reports against the real server, after a known scenario
 * posted through the real endpoints (opening balance and rent as manual journal entries, a
 * shift opened and closed short, three checkouts with cash, WeChat, a group-buy voucher bought
 * below face value, card, a discount and rounding, a refund, a pay-out and a safe drop, the
 * petty-cash fund established and an issue). Every figure of the finance table, the P&L, the
 * cash flow, over/short, petty cash, the liability and the trial balance is checked to the fen
 * against the arithmetic in the comments; then the exports, who may read, and bad input.
 *
 * Days. The checkouts are back-dated to "day A" (the local day of 24 hours ago, see
 * frontdesk/fixture.h) and so are the manual entries; the shift, the refund, the cash events
 * and petty cash happen now, on "day B", the business day of now. The venue's day changes at
 * midnight in this test, so B is A + 1 (the per-day checks still add the two buckets should
 * they ever be one day). */
#include "core/bizday.h"
#include "frontdesk/fixture.h"

static struct client admin, money, cashier;
static char day_a[11], day_b[11];
static bool one_day; /* A and B are the same business day */
static int64_t f_beer, f_fruit, f_whisky;

#define MANAGER ",\"approver_username\":\"manager1\",\"approver_password\":\"manager-pass-1\""

/* ---- the scenario ----
 *
 * Day A
 *   manual   safe D 5,000.00 / opening equity C 5,000.00                  (期初资金)
 *   bill 1   A01 17:30-19:15: room 30 min x 60.00 + 75 min x 120.00 = 180.00, 3 beers
 *            (酒水) 30.00: 210.00, paid 100.00 cash + 110.00 WeChat
 *            drawer D 100.00, WeChat D 110.00 / room C 180.00, drinks C 30.00
 *   bill 2   A02 17:00-18:00: room 60.00 + whisky (酒水) 250.50 = 310.50, rounded to the yuan
 *            (0.50 discount): 310.00 paid by a Meituan voucher the guest bought for 250.00
 *            Meituan D 250.00, platform discount D 60.00, discount D 0.50
 *            / room C 60.00, drinks C 250.50
 *   bill 3   A03 17:00-18:00: room 60.00 + fruit platter (小吃果盘) 30.00 = 90.00, 10.00 off:
 *            80.00 by card
 *            card D 80.00, discount D 10.00 / room C 60.00, food C 30.00
 *   bill 4   A04 17:00-18:00: room 60.00 paid from a member's balance (topped up on day B:
 *            the balance is checked when paying, the books post each on its own day); the
 *            bonus is spent in proportion, 60 x 1,000 / 1,200 = 50.00 principal, 10.00 bonus
 *            principal D 50.00, bonus D 10.00 / room C 60.00
 *   manual   rent D 2,000.00 / safe C 2,000.00                            (房租)
 * Day B
 *   top-up   1,000.00 by WeChat with 200.00 bonus (充送), before bill 4 is paid:
 *            WeChat D 1,000.00 / principal C 1,000.00; bonus given D 200.00 / bonus C 200.00
 *   shift    opened with 100.00:              drawer D 100.00 / safe C 100.00
 *   refund   30.00 of bill 1's cash:           refunds D 30.00 / drawer C 30.00
 *   pay-out  20.00 for ice:                    till expense D 20.00 / drawer C 20.00
 *   drop     100.00 to the safe:               safe D 100.00 / drawer C 100.00
 *   close    expected 100 + 100 - 30 - 20 - 100 = 50.00, counted 45.00: short 5.00
 *                                              cashier receivable D 5.00 / drawer C 5.00
 *   petty    fund of 500.00 from the safe:     petty cash D 500.00 / safe C 500.00
 *            100.00 issued to 小刘:            petty issued D 100.00 / petty cash C 100.00
 */
static void scenario(void)
{
    /* Day A: the books open with 5,000.00 in the safe; rent paid from it. */
    json_decref(POST(&money, 201, "/api/v1/ledger/entries",
                     "{\"day\":\"%s\",\"memo\":\"期初资金\",\"lines\":["
                     "{\"account\":\"safe\",\"debit_fen\":500000},"
                     "{\"account\":\"equity_opening\",\"credit_fen\":500000}]}",
                     day_a));
    json_decref(POST(&money, 201, "/api/v1/ledger/entries",
                     "{\"day\":\"%s\",\"memo\":\"房租\",\"lines\":["
                     "{\"account\":\"exp_rent\",\"debit_fen\":200000},"
                     "{\"account\":\"safe\",\"credit_fen\":200000}]}",
                     day_a));
    /* Day B: the member's top-up. */
    int64_t member = fx_id(POST(&admin, 201, "/api/v1/members",
                                "{\"phone\":\"13900001111\",\"name\":\"王先生\"}"));
    json_decref(POST(&admin, 201, fx_path("members", member, "/topups"),
                     "{\"amount_fen\":100000,\"method\":\"wechat\",\"bonus_fen\":20000,"
                     "\"idempotency_key\":\"fr-topup-1\"" MANAGER "}"));
    /* Day B: the shift (the admin is the cashier: only an admin may back-date a checkout). */
    json_t *sh = POST(&admin, 201, "/api/v1/shifts",
                      "{\"opening_count\":[{\"denomination_fen\":10000,\"pieces\":1}]}");
    int64_t shift = jint(sh, "shift.id");
    json_decref(sh);

    int64_t s1 = fx_open(&admin, "A01", "17:30", "");
    fx_order(&admin, s1, f_beer, 3);
    json_t *b = POST(&admin, 201, fx_path("stays", s1, "/checkout"),
                     "{\"idempotency_key\":\"fr-bill-1\",\"at\":\"%s\",\"payments\":["
                     "{\"method\":\"cash\",\"amount_fen\":10000,\"tendered_fen\":10000},"
                     "{\"method\":\"wechat\",\"amount_fen\":11000}]}",
                     fx_at("19:15"));
    CHECK_INT(jint(b, "total_fen"), 21000);
    int64_t bill1 = jint(b, "bill_id");
    json_decref(b);

    int64_t s2 = fx_open(&admin, "A02", "17:00", "");
    fx_order(&admin, s2, f_whisky, 1);
    b = POST(&admin, 201, fx_path("stays", s2, "/checkout"),
             "{\"idempotency_key\":\"fr-bill-2\",\"at\":\"%s\",\"round_to_yuan\":true,"
             "\"payments\":[{\"method\":\"voucher\",\"amount_fen\":31000,\"paid_fen\":25000,"
             "\"platform\":\"meituan\",\"reference\":\"MT-FR-1\"}]}",
             fx_at("18:00"));
    CHECK_INT(jint(b, "total_fen"), 31000);
    CHECK_INT(jint(b, "rounding_fen"), 50);
    json_decref(b);

    int64_t s3 = fx_open(&admin, "A03", "17:00", "");
    fx_order(&admin, s3, f_fruit, 1);
    b = POST(&admin, 201, fx_path("stays", s3, "/checkout"),
             "{\"idempotency_key\":\"fr-bill-3\",\"at\":\"%s\",\"discounts\":{\"fixed_fen\":1000,"
             "\"reason\":\"熟客\"},\"payments\":[{\"method\":\"card\",\"amount_fen\":8000}]}",
             fx_at("18:00"));
    CHECK_INT(jint(b, "total_fen"), 8000);
    CHECK_INT(jint(b, "discount_fen"), 1000);
    json_decref(b);

    int64_t s4 = fx_open(&admin, "A04", "17:00", "");
    b = POST(&admin, 201, fx_path("stays", s4, "/checkout"),
             "{\"idempotency_key\":\"fr-bill-4\",\"at\":\"%s\",\"payments\":[{\"method\":"
             "\"member\",\"amount_fen\":6000,\"member_phone\":\"13900001111\"}]}",
             fx_at("18:00"));
    CHECK_INT(jint(b, "total_fen"), 6000);
    json_decref(b);

    json_decref(POST(&admin, 201, fx_path("bills", bill1, "/refunds"),
                     "{\"reason\":\"少上一瓶\",\"tenders\":[{\"payment_seq\":1,"
                     "\"amount_fen\":3000}]" MANAGER "}"));
    json_decref(POST(&admin, 201, fx_path("shifts", shift, "/cash"),
                     "{\"kind\":\"pay_out\",\"amount_fen\":2000,\"reason\":\"买冰块\"}"));
    json_decref(POST(&admin, 201, fx_path("shifts", shift, "/cash"),
                     "{\"kind\":\"safe_drop\",\"amount_fen\":10000,\"reason\":\"\"}"));
    json_t *c = POST(&admin, 200, fx_path("shifts", shift, "/close"),
                     "{\"closing_count\":[{\"denomination_fen\":2000,\"pieces\":2},"
                     "{\"denomination_fen\":500,\"pieces\":1}],\"reason\":\"找零出错\"}");
    CHECK_INT(jint(c, "report.closing.expected_fen"), 5000);
    CHECK_INT(jint(c, "report.closing.difference_fen"), -500);
    json_decref(c);

    json_decref(POST(&money, 201, "/api/v1/petty-cash/fund",
                     "{\"imprest_fen\":50000,\"source\":\"safe\",\"custodian\":\"小刘\"}"));
    json_decref(POST(&money, 201, "/api/v1/petty-cash/issues",
                     "{\"person\":\"小刘\",\"purpose\":\"买灯泡\",\"amount_fen\":10000}"));
}

/* The figures of one bucket of days (A or B) of the finance table. */
struct figs {
    int64_t revenue, contra, net, other, expense, profit, cash_in, cash_out;
};
/* Day A: revenue 180 + 30 + 60 + 250.50 + 60 + 30 + 60 = 670.50; contra 60.00 (platform)
 * + 0.50 + 10.00 = 70.50; net 600.00; expense 2,000.00 (rent); profit -1,400.00.
 * Money in: equity 5,000.00 + sales 210.00 (cash and WeChat) + 80.00 (card) = 5,290.00 (the
 * voucher is a receivable, the member's balance a liability: no cash); out: rent 2,000.00. */
static const struct figs fig_a = {67050, 7050, 60000, 0, 200000, -140000, 529000, 200000};
/* Day B: contra 30.00 (refund), net -30.00, expense 20.00 (till) + 200.00 (bonus given) =
 * 220.00, profit -250.00. The top-up is no revenue: money in from stored value 1,000.00.
 * Money out: refund 30.00 + pay-out 20.00 + short 5.00 + petty issued 100.00 = 155.00; the
 * float, the drop and the fund are transfers. */
static const struct figs fig_b = {0, 3000, -3000, 0, 22000, -25000, 100000, 15500};

static void check_figs(json_t *o, const struct figs *a, const struct figs *b, const char *what)
{
    struct figs e = *a;
    if (b) {
        e.revenue += b->revenue, e.contra += b->contra, e.net += b->net, e.other += b->other;
        e.expense += b->expense, e.profit += b->profit, e.cash_in += b->cash_in;
        e.cash_out += b->cash_out;
    }
    if (jint(o, "revenue_fen") != e.revenue || jint(o, "contra_fen") != e.contra ||
        jint(o, "net_revenue_fen") != e.net || jint(o, "other_income_fen") != e.other ||
        jint(o, "expense_fen") != e.expense || jint(o, "profit_fen") != e.profit ||
        jint(o, "cash_in_fen") != e.cash_in || jint(o, "cash_out_fen") != e.cash_out) {
        char *s = json_dumps(o, JSON_COMPACT);
        harness_fail(__FILE__, __LINE__, "%s: %s; expected revenue %lld contra %lld net %lld "
                     "other %lld expense %lld profit %lld in %lld out %lld", what, s,
                     (long long)e.revenue, (long long)e.contra, (long long)e.net,
                     (long long)e.other, (long long)e.expense, (long long)e.profit,
                     (long long)e.cash_in, (long long)e.cash_out);
        free(s);
    }
}

/* The line of account key in an array of account lines (NULL if absent). */
static json_t *line_of(json_t *lines, const char *key)
{
    size_t i;
    json_t *l;
    json_array_foreach(lines, i, l)
        if (strcmp(jstr(l, "key"), key) == 0) return l;
    return NULL;
}

static int64_t line_amount(json_t *lines, const char *key)
{
    json_t *l = line_of(lines, key);
    if (!l) harness_fail(__FILE__, __LINE__, "no line %s", key);
    return l ? jint(l, "amount_fen") : -1;
}

static void finance_table(void)
{
    char path[160];
    snprintf(path, sizeof path, "/api/v1/finance/reports/table?from=%s&to=%s&group=day", day_a,
             day_b);
    json_t *t = GET(&money, 200, path);
    CHECK_STR(jstr(t, "report"), "table");
    CHECK_STR(jstr(t, "from"), day_a);
    CHECK_STR(jstr(t, "to"), day_b);
    CHECK_STR(jstr(t, "group"), "day");
    CHECK_INT(json_array_size(jget(t, "periods")), one_day ? 1 : 2);
    /* Totals: revenue 670.50, contra 70.50 + 30.00 = 100.50, net 570.00, expense 2,220.00,
     * profit 570.00 - 2,220.00 = -1,650.00; money in 6,290.00, out 2,155.00. */
    check_figs(jget(t, "totals"), &fig_a, &fig_b, "totals");
    CHECK_INT(jint(t, "totals.revenue_fen"), 67050);
    CHECK_INT(jint(t, "totals.profit_fen"), -165000);
    if (one_day) {
        check_figs(jget(t, "periods[0]"), &fig_a, &fig_b, "the one day");
    } else {
        CHECK_STR(jstr(t, "periods[0].period"), day_a);
        CHECK_STR(jstr(t, "periods[1].period"), day_b);
        check_figs(jget(t, "periods[0]"), &fig_a, NULL, "day A");
        check_figs(jget(t, "periods[1]"), &fig_b, NULL, "day B");
    }
    /* By account: room 180 + 60 + 60 + 60 = 360.00; drinks 30 + 250.50 = 280.50; food 30.00;
     * discounts 0.50 + 10.00 = 10.50; platform discount 60.00; refunds 30.00; rent 2,000.00;
     * till 20.00; bonus given 200.00. */
    json_t *lines = jget(t, "lines");
    CHECK_INT(line_amount(lines, "rev_room"), 36000);
    CHECK_INT(line_amount(lines, "exp_sv_bonus"), 20000);
    CHECK_INT(line_amount(lines, "rev_drinks"), 28050);
    CHECK_INT(line_amount(lines, "rev_food"), 3000);
    CHECK_INT(line_amount(lines, "rev_goods"), 0);
    CHECK_INT(line_amount(lines, "contra_discount"), 1050);
    CHECK_INT(line_amount(lines, "contra_groupbuy"), 6000);
    CHECK_INT(line_amount(lines, "contra_refund"), 3000);
    CHECK_INT(line_amount(lines, "exp_rent"), 200000);
    CHECK_INT(line_amount(lines, "exp_till"), 2000);
    CHECK_INT(line_amount(lines, "other_income"), 0);
    CHECK_STR(jstr(line_of(lines, "rev_room"), "section"), "revenue");
    CHECK_STR(jstr(line_of(lines, "contra_refund"), "section"), "contra");
    CHECK_STR(jstr(line_of(lines, "exp_till"), "section"), "expense");
    CHECK_STR(jstr(line_of(lines, "rev_room"), "name"), "包厢收入");
    if (!one_day) {
        CHECK_INT(jint(line_of(lines, "contra_refund"), "periods[0]"), 0);
        CHECK_INT(jint(line_of(lines, "contra_refund"), "periods[1]"), 3000);
    }
    /* Channels, money in (debits) and out (credits) over the range:
     *   drawer  in 100 (bill 1) + 100 (float) = 200.00; out 30 + 20 + 100 + 5 = 155.00;
     *           closing 45.00 — what was counted
     *   safe    in 5,000 + 100 (drop) = 5,100.00; out 2,000 + 100 (float) + 500 (fund)
     *           = 2,600.00; closing 2,500.00
     *   petty   in 500.00, out 100.00, closing 400.00
     *   WeChat 110.00 + 1,000.00, card 80.00, Meituan (platform) 250.00 in
     *   stored value principal: in (paid from balances) 50.00, out (added) 1,000.00. */
    json_t *ch = jget(t, "channels");
    CHECK_INT(jint(line_of(ch, "drawer"), "in_fen"), 20000);
    CHECK_INT(jint(line_of(ch, "drawer"), "out_fen"), 15500);
    CHECK_INT(jint(line_of(ch, "drawer"), "opening_fen"), 0);
    CHECK_INT(jint(line_of(ch, "drawer"), "closing_fen"), 4500);
    CHECK_INT(jint(line_of(ch, "safe"), "in_fen"), 510000);
    CHECK_INT(jint(line_of(ch, "safe"), "out_fen"), 260000);
    CHECK_INT(jint(line_of(ch, "safe"), "closing_fen"), 250000);
    CHECK_INT(jint(line_of(ch, "petty_cash"), "closing_fen"), 40000);
    CHECK_INT(jint(line_of(ch, "clr_wechat"), "in_fen"), 111000);
    CHECK_INT(jint(line_of(ch, "sv_principal"), "in_fen"), 5000);
    CHECK_INT(jint(line_of(ch, "sv_principal"), "out_fen"), 100000);
    CHECK_STR(jstr(line_of(ch, "sv_principal"), "channel"), "stored_value");
    CHECK_INT(jint(line_of(ch, "clr_card"), "in_fen"), 8000);
    CHECK_INT(jint(line_of(ch, "ar_groupbuy"), "in_fen"), 25000);
    CHECK_STR(jstr(line_of(ch, "ar_groupbuy"), "channel"), "platform");
    CHECK_STR(jstr(line_of(ch, "clr_wechat"), "channel"), "clearing");
    CHECK(json_is_null(jget(line_of(ch, "sv_principal"), "opening_fen")));
    /* The cash flow inside the table: opening 0, in 6,290.00, out 2,155.00, closing 4,135.00
     * = drawer 45 + safe 2,500 + petty 400 + WeChat 1,110 + card 80. */
    CHECK_INT(jint(t, "totals.cash_opening_fen"), 0);
    CHECK_INT(jint(t, "totals.cash_closing_fen"), 413500);
    CHECK(json_is_true(jget(t, "cashflow.balanced")));
    json_decref(t);

    /* The same range by month: one or two months, the same totals. */
    snprintf(path, sizeof path, "/api/v1/finance/reports/table?from=%s&to=%s&group=month",
             day_a, day_b);
    t = GET(&money, 200, path);
    CHECK_STR(jstr(t, "group"), "month");
    check_figs(jget(t, "totals"), &fig_a, &fig_b, "totals by month");
    if (strncmp(day_a, day_b, 7) == 0) {
        CHECK_INT(json_array_size(jget(t, "periods")), 1);
        char month[8];
        snprintf(month, sizeof month, "%.7s", day_a);
        CHECK_STR(jstr(t, "periods[0].period"), month);
        check_figs(jget(t, "periods[0]"), &fig_a, &fig_b, "the month");
    }
    json_decref(t);
    /* A day with nothing: zeros, the cash carried over. */
    snprintf(path, sizeof path, "/api/v1/finance/reports/table?from=2020-01-01&to=2020-01-02");
    t = GET(&money, 200, path);
    CHECK_INT(jint(t, "totals.revenue_fen"), 0);
    CHECK_INT(jint(t, "totals.cash_closing_fen"), 0);
    CHECK_INT(json_array_size(jget(t, "periods")), 2);
    json_decref(t);
}

static void profit_and_loss(void)
{
    char path[160];
    snprintf(path, sizeof path, "/api/v1/finance/reports/pnl?from=%s&to=%s", day_a, day_b);
    json_t *p = GET(&money, 200, path);
    CHECK_STR(jstr(p, "report"), "pnl");
    CHECK_STR(jstr(p, "group"), "month");
    size_t months = json_array_size(jget(p, "months"));
    CHECK_INT(months, strncmp(day_a, day_b, 7) == 0 ? 1 : 2);
    /* The lines in order: revenue accounts, their subtotal, contra accounts, their subtotal,
     * net revenue, other income, its subtotal, expenses, their subtotal, profit. */
    json_t *lines = jget(p, "lines");
    const char *order[] = {"revenue", "contra", "net_revenue", "other_income", "expense",
                           "profit"};
    size_t i, k = 0;
    json_t *l;
    json_array_foreach(lines, i, l)
    {
        if (strcmp(jstr(l, "kind"), "subtotal") != 0) continue;
        CHECK(k < 6);
        if (k < 6) CHECK_STR(jstr(l, "line"), order[k]);
        k++;
    }
    CHECK_INT(k, 6);
    CHECK_STR(jstr(json_array_get(lines, json_array_size(lines) - 1), "line"), "profit");
    /* Totals as in the table; each line's months add up to its total. */
    CHECK_INT(jint(p, "totals.revenue_fen"), 67050);
    CHECK_INT(jint(p, "totals.contra_fen"), 10050);
    CHECK_INT(jint(p, "totals.net_revenue_fen"), 57000);
    CHECK_INT(jint(p, "totals.expense_fen"), 222000);
    CHECK_INT(jint(p, "totals.profit_fen"), -165000);
    json_array_foreach(lines, i, l)
    {
        int64_t sum = 0;
        for (size_t m = 0; m < months; m++)
            sum += json_integer_value(json_array_get(jget(l, "months"), m));
        CHECK_INT(sum, jint(l, "amount_fen"));
    }
    int64_t profit = 0, drinks = 0;
    json_array_foreach(lines, i, l)
    {
        if (strcmp(jstr(l, "line"), "profit") == 0) profit = jint(l, "amount_fen");
        if (strcmp(jstr(l, "key"), "rev_drinks") == 0) drinks = jint(l, "amount_fen");
    }
    CHECK_INT(profit, -165000);
    CHECK_INT(drinks, 28050);
    json_decref(p);
    /* A year: twelve months; the P&L is by month only. */
    char year[5];
    snprintf(year, sizeof year, "%.4s", day_a);
    snprintf(path, sizeof path, "/api/v1/finance/reports/pnl?year=%s", year);
    p = GET(&money, 200, path);
    CHECK_INT(json_array_size(jget(p, "months")), 12);
    CHECK_INT(jint(p, "totals.profit_fen"), strncmp(day_a, day_b, 4) == 0 ? -165000 : -140000);
    json_decref(p);
    p = GET(&money, 400, "/api/v1/finance/reports/pnl?year=2026&group=day");
    CHECK_STR(jerr(p), "invalid_field");
    json_decref(p);
}

static void cash_flow(void)
{
    char path[160];
    snprintf(path, sizeof path, "/api/v1/finance/reports/cashflow?from=%s&to=%s&group=day", day_a,
             day_b);
    json_t *c = GET(&money, 200, path);
    CHECK_STR(jstr(c, "report"), "cashflow");
    CHECK(json_is_true(jget(c, "balanced")));
    /* Over the range:
     *   in   equity 5,000.00; sales 100 + 110 (bill 1) + 80 (bill 3) = 290.00; stored value
     *        1,000.00 (the bonus given with it moves no cash)
     *   out  expense 2,000 (rent) + 20 (pay-out) = 2,020.00; sales 30.00 (refund);
     *        receivable 5.00 (the short) + 100.00 (issued to 小刘) = 105.00
     *   transfers  float 100 + drop 100 + fund 500 = 700.00 in and out
     *   0 + 6,290.00 - 2,155.00 = 4,135.00 */
    CHECK_INT(jint(c, "totals.opening_fen"), 0);
    CHECK_INT(jint(c, "totals.in.equity"), 500000);
    CHECK_INT(jint(c, "totals.in.sales"), 29000);
    CHECK_INT(jint(c, "totals.out.sales"), 3000);
    CHECK_INT(jint(c, "totals.out.expense"), 202000);
    CHECK_INT(jint(c, "totals.out.receivable"), 10500);
    CHECK_INT(jint(c, "totals.in.stored_value"), 100000);
    CHECK_INT(jint(c, "totals.out.stored_value"), 0);
    CHECK_INT(jint(c, "totals.in_fen"), 629000);
    CHECK_INT(jint(c, "totals.out_fen"), 215500);
    CHECK_INT(jint(c, "totals.net_fen"), 413500);
    CHECK_INT(jint(c, "totals.transfer_in_fen"), 70000);
    CHECK_INT(jint(c, "totals.transfer_out_fen"), 70000);
    CHECK_INT(jint(c, "totals.closing_fen"), 413500);
    if (!one_day) {
        /* Day A closes with 5,000 + 290 - 2,000 = 3,290.00; day B opens with it. */
        CHECK_INT(jint(c, "periods[0].closing_fen"), 329000);
        CHECK_INT(jint(c, "periods[1].opening_fen"), 329000);
        CHECK_INT(jint(c, "periods[1].out_fen"), 15500);
        CHECK_INT(jint(c, "periods[1].in_fen"), 100000);
        CHECK_INT(jint(c, "periods[1].transfer_in_fen"), 70000);
        CHECK_INT(jint(c, "periods[0].transfer_in_fen"), 0);
    }
    /* Per account, gross (transfers included): petty cash in 500.00, out 100.00. */
    json_t *acc = jget(c, "accounts");
    CHECK_INT(jint(line_of(acc, "petty_cash"), "in_fen"), 50000);
    CHECK_INT(jint(line_of(acc, "petty_cash"), "out_fen"), 10000);
    CHECK_INT(jint(line_of(acc, "clr_card"), "closing_fen"), 8000);
    CHECK(line_of(acc, "ar_groupbuy") == NULL); /* a receivable is not cash */
    json_decref(c);
}

static void over_short(void)
{
    char path[160];
    snprintf(path, sizeof path, "/api/v1/finance/reports/over-short?from=%s&to=%s", day_a, day_b);
    json_t *o = GET(&money, 200, path);
    /* One shift of the admin, short 5.00, still owed 5.00 (cashier receivable). */
    CHECK_INT(json_array_size(jget(o, "rows")), 1);
    CHECK_STR(jstr(o, "rows[0].cashier"), "admin");
    CHECK(strncmp(jstr(o, "rows[0].month"), day_b, 7) == 0);
    CHECK_INT(jint(o, "rows[0].shifts"), 1);
    CHECK_INT(jint(o, "rows[0].shorts"), 1);
    CHECK_INT(jint(o, "rows[0].short_fen"), 500);
    CHECK_INT(jint(o, "rows[0].overs"), 0);
    CHECK_INT(jint(o, "rows[0].over_fen"), 0);
    CHECK_INT(jint(o, "cashiers[0].owed_fen"), 500);
    CHECK_INT(jint(o, "totals.short_fen"), 500);
    CHECK_INT(jint(o, "totals.owed_fen"), 500);
    CHECK(jget(o, "totals.net_fen") == NULL); /* 不得以长补短: there is no net figure */
    json_decref(o);
}

static void petty_cash(void)
{
    char path[160];
    snprintf(path, sizeof path, "/api/v1/finance/reports/petty?from=%s&to=%s", day_a, day_b);
    json_t *p = GET(&money, 200, path);
    /* On hand 400.00, issued 100.00 to 小刘, imprest 500.00: nothing awaits replenishment. */
    CHECK_INT(jint(p, "status.cash_fen"), 40000);
    CHECK_INT(jint(p, "status.issued_fen"), 10000);
    CHECK_INT(jint(p, "status.imprest_fen"), 50000);
    CHECK_INT(jint(p, "status.awaiting_fen"), 0);
    CHECK_INT(jint(p, "status.funds"), 1);
    CHECK_STR(jstr(p, "issued_by_person[0].person"), "小刘");
    CHECK_INT(jint(p, "issued_by_person[0].outstanding_fen"), 10000);
    CHECK_INT(jint(line_of(jget(p, "accounts"), "petty_cash"), "in_fen"), 50000);
    CHECK_INT(jint(line_of(jget(p, "accounts"), "petty_issued"), "closing_fen"), 10000);
    json_decref(p);
}

static void liability(void)
{
    char path[160];
    snprintf(path, sizeof path, "/api/v1/finance/reports/liability?from=%s&to=%s", day_a, day_b);
    json_t *l = GET(&money, 200, path);
    /* Principal: +1,000.00 (top-up) - 50.00 (bill 4) = 950.00; bonus +200.00 - 10.00 = 190.00;
     * the liability at the end 1,140.00, opening 0. */
    json_t *acc = jget(l, "accounts");
    CHECK_INT(json_array_size(acc), 2);
    CHECK_INT(jint(line_of(acc, "sv_principal"), "increase_fen"), 100000);
    CHECK_INT(jint(line_of(acc, "sv_principal"), "decrease_fen"), 5000);
    CHECK_INT(jint(line_of(acc, "sv_principal"), "closing_fen"), 95000);
    CHECK_INT(jint(line_of(acc, "sv_bonus"), "closing_fen"), 19000);
    CHECK_INT(jint(l, "totals.opening_fen"), 0);
    CHECK_INT(jint(l, "totals.increase_fen"), 120000);
    CHECK_INT(jint(l, "totals.decrease_fen"), 6000);
    CHECK_INT(jint(l, "totals.closing_fen"), 114000);
    /* By what moved it: top-ups and bills, for each account. */
    json_t *mv = jget(l, "movements");
    CHECK_INT(json_array_size(mv), 4);
    size_t i;
    json_t *m;
    int64_t topups = 0, paid = 0;
    json_array_foreach(mv, i, m)
    {
        if (strcmp(jstr(m, "source_kind"), "topup") == 0) topups += jint(m, "increase_fen");
        if (strcmp(jstr(m, "source_kind"), "bill") == 0) paid += jint(m, "decrease_fen");
    }
    CHECK_INT(topups, 120000);
    CHECK_INT(paid, 6000);
    /* Per day: -60.00 after day A (paid before the top-up was posted on B), 1,140.00 after B,
     * of which principal 950.00. */
    json_t *last = json_array_get(jget(l, "periods"), json_array_size(jget(l, "periods")) - 1);
    CHECK_INT(jint(last, "closing_fen"), 114000);
    CHECK_INT(jint(last, "principal_closing_fen"), 95000);
    CHECK_INT(jint(last, "bonus_closing_fen"), 19000);
    json_decref(l);
}

static void trial_balance(void)
{
    char path[160];
    snprintf(path, sizeof path, "/api/v1/finance/reports/trial-balance?day=%s", day_b);
    json_t *t = GET(&money, 200, path);
    /* Every debit of the scenario: 5,000 + 2,000 (manual) + 210 + 310.50 (250 + 60 + 0.50)
     * + 90 (80 + 10) (bills) + 100 (float) + 30 + 20 + 100 + 5 (refund, pay-out, drop, short)
     * + 500 + 100 (petty) + 60 (bill 4) + 1,000 + 200 (top-up):
     * 7,000 + 610.50 + 100 + 155 + 600 + 60 + 1,200 = 9,725.50 = the credits. */
    CHECK_INT(jint(t, "totals.debit_fen"), 972550);
    CHECK_INT(jint(t, "totals.credit_fen"), 972550);
    CHECK_INT(jint(t, "totals.difference_fen"), 0);
    CHECK(json_is_true(jget(t, "balanced")));
    json_t *acc = jget(t, "accounts");
    CHECK_INT(jint(line_of(acc, "safe"), "balance_fen"), 250000);
    CHECK_INT(jint(line_of(acc, "equity_opening"), "balance_credit_fen"), 500000);
    CHECK_INT(jint(line_of(acc, "ar_cashier"), "balance_debit_fen"), 500);
    CHECK_INT(jint(line_of(acc, "rev_drinks"), "balance_fen"), -28050);
    json_decref(t);
    /* Before the scenario nothing was posted. */
    t = GET(&money, 200, "/api/v1/finance/reports/trial-balance?day=2020-01-01");
    CHECK_INT(jint(t, "totals.debit_fen"), 0);
    json_decref(t);
}

static void exports(void)
{
    char path[200];
    snprintf(path, sizeof path, "/api/v1/finance/reports/table?from=%s&to=%s&format=csv", day_a,
             day_b);
    struct response r = client_get(&money, path);
    CHECK_INT(r.status, 200);
    CHECK(strstr(r.content_type, "text/csv") != NULL);
    /* The summary in the CSV: net revenue 570.00, expenses 2,220.00, profit -1,650.00. */
    CHECK(r.body && strstr(r.body, "营业收入净额,,570.00"));
    CHECK(r.body && strstr(r.body, "成本费用合计,,2220.00"));
    CHECK(r.body && strstr(r.body, "利润,,-1650.00"));
    CHECK(r.body && strstr(r.body, "4001,360.00")); /* room revenue by account code */
    response_free(&r);
    snprintf(path, sizeof path, "/api/v1/finance/reports/pnl?from=%s&to=%s&format=xlsx", day_a,
             day_b);
    r = client_get(&money, path);
    CHECK_INT(r.status, 200);
    CHECK(strstr(r.content_type, "spreadsheetml") != NULL);
    CHECK(r.len > 4 && memcmp(r.body, "PK\x03\x04", 4) == 0);
    response_free(&r);
    static const char *const kinds[] = {"cashflow", "over-short", "petty", "liability",
                                        "trial-balance"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        snprintf(path, sizeof path, "/api/v1/finance/reports/%s?to=%s&format=xlsx&lang=en",
                 kinds[i], day_b);
        r = client_get(&money, path);
        if (r.status != 200 || r.len < 4 || memcmp(r.body, "PK", 2) != 0)
            harness_fail(__FILE__, __LINE__, "%s as xlsx: %ld", kinds[i], r.status);
        response_free(&r);
        snprintf(path, sizeof path, "/api/v1/finance/reports/%s?to=%s&format=csv", kinds[i], day_b);
        r = client_get(&money, path);
        if (r.status != 200 || !r.body || strncmp(r.body, "\xEF\xBB\xBF", 3) != 0)
            harness_fail(__FILE__, __LINE__, "%s as csv: %ld", kinds[i], r.status);
        response_free(&r);
    }
    /* English titles in the trial balance. */
    snprintf(path, sizeof path, "/api/v1/finance/reports/trial-balance?day=%s&format=csv&lang=en",
             day_b);
    r = client_get(&money, path);
    CHECK(r.body && strstr(r.body, "Debit balance") && strstr(r.body, "Total,"));
    response_free(&r);
}

static void access_and_input(void)
{
    /* A cashier may not read the books; a manager may. */
    json_t *e = GET(&cashier, 403, "/api/v1/finance/reports/table");
    json_decref(e);
    struct client boss = fx_login("manager1", "manager-pass-1");
    json_decref(GET(&boss, 200, "/api/v1/finance/reports/pnl"));
    client_free(&boss);
    e = GET(&money, 400, "/api/v1/finance/reports/table?from=2026-02-30");
    CHECK_STR(jerr(e), "invalid_date");
    CHECK_STR(jstr(e, "error.field"), "from");
    json_decref(e);
    e = GET(&money, 400, "/api/v1/finance/reports/table?month=2026-05&from=2026-05-01");
    CHECK_STR(jerr(e), "conflicting_range");
    json_decref(e);
    e = GET(&money, 400, "/api/v1/finance/reports/cashflow?from=2024-01-01&to=2025-06-30&group=day");
    CHECK_STR(jerr(e), "range_too_long");
    json_decref(e);
    e = GET(&money, 400, "/api/v1/finance/reports/table?format=pdf");
    CHECK_STR(jstr(e, "error.field"), "format");
    json_decref(e);
    e = GET(&money, 400, "/api/v1/finance/reports/over-short?group=day");
    CHECK_STR(jstr(e, "error.field"), "group");
    json_decref(e);
    e = GET(&money, 404, "/api/v1/finance/reports/nothing");
    json_decref(e);
}

int main(void)
{
    if (!fx_start(6)) {
        printf("finance/freport_api: 0 passed, 1 failed\n");
        return 1;
    }
    CHECK(add_user(&srv, "money1", "finance", "money-pass-1"));
    CHECK(add_user(&srv, "manager1", "manager", "manager-pass-1"));
    CHECK(add_user(&srv, "cashier1", "cashier", "cashier-pass-1"));
    admin = fx_login("admin", TEST_ADMIN_PASSWORD);
    money = fx_login("money1", "money-pass-1");
    cashier = fx_login("cashier1", "cashier-pass-1");
    /* Goods of three revenue accounts by their categories. */
    f_beer = fx_product(&admin, "FR1", "雪花啤酒", 1000, ",\"category\":\"酒水\"");
    f_whisky = fx_product(&admin, "FR2", "威士忌", 25050, ",\"category\":\"酒水\"");
    f_fruit = fx_product(&admin, "FR3", "水果拼盘", 3000, ",\"category\":\"小吃果盘\"");
    /* The business day changes at midnight here, so that day A (yesterday) and day B (today)
     * are two days whenever the test runs. */
    json_decref(PUT(&admin, 200, "/api/v1/venue", "{\"cutoff\":\"00:00\"}"));
    snprintf(day_a, sizeof day_a, "%s", fx_day);
    struct tz *tz = tz_load("Asia/Shanghai");
    date_format(bizday_of_instant(tz, 0, (int64_t)time(NULL)), day_b);
    tz_free(tz);
    one_day = strcmp(day_a, day_b) == 0;
    CHECK(!one_day);
    RUN(scenario);
    RUN(finance_table);
    RUN(profit_and_loss);
    RUN(cash_flow);
    RUN(over_short);
    RUN(petty_cash);
    RUN(liability);
    RUN(trial_balance);
    RUN(exports);
    RUN(access_and_input);
    client_free(&admin);
    client_free(&money);
    client_free(&cashier);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("finance/freport_api");
}
