/* test_rules.c: the pure rules of the reports, with hand-computed values: payment method order,
 * days on the calendar, totals, groups, ISO weeks across a year boundary, months, weekdays of
 * business days, hour buckets, averages, goods order, the midnight rule, and the date range. */
#include "harness.h"
#include "reports/range.h"
#include "reports/render.h"
#include "reports/sales.h"
#include "reports/takings.h"

#include <stdlib.h>
#include <string.h>

static int64_t day(const char *s)
{
    int64_t d = 0;
    CHECK(date_parse(s, &d));
    return d;
}

/* ---- takings ---- */

static void methods_in_display_order(void)
{
    static const char *const ids[] = {"cash",    "wechat", "alipay", "card", "member",
                                      "voucher", "credit", "mixed",  "other"};
    static const char *const zh[] = {"现金",   "微信", "支付宝", "银行卡", "会员储值",
                                     "团购券", "挂账", "混合",   "其他"};
    for (int i = 0; i < TAKINGS_METHODS; i++) {
        CHECK_STR(takings_methods[i].id, ids[i]);
        CHECK_STR(takings_methods[i].name_zh, zh[i]);
        CHECK(takings_methods[i].name_en && *takings_methods[i].name_en);
        CHECK_INT(takings_method_index(ids[i]), i);
    }
    CHECK_STR(takings_methods[1].name_en, "WeChat Pay");
    /* Unknown methods land in "other": the money is never dropped from the report. */
    CHECK_INT(takings_method_index("bitcoin"), 8);
    CHECK_INT(takings_method_index(""), 8);
    CHECK_INT(takings_method_index(NULL), 8);
}

static void takings_days_on_the_calendar(void)
{
    int64_t from = day("2019-02-05"), to = day("2019-02-07");
    struct takings_day rows[4];
    memset(rows, 0, sizeof rows);
    /* The bills of the 6th: two settled, 328.00 gross, 28.00 discount, 300.00 net. */
    rows[0].day = day("2019-02-06");
    rows[0].f.bills_settled = 2;
    rows[0].f.gross_fen = 32800;
    rows[0].f.discount_fen = 2800;
    rows[0].f.net_fen = 30000;
    /* Their payments, as a separate row of the same day: cash 200.00, WeChat 100.00. */
    rows[1].day = day("2019-02-06");
    rows[1].f.method_fen[0] = 20000;
    rows[1].f.method_count[0] = 1;
    rows[1].f.method_fen[1] = 10000;
    rows[1].f.method_count[1] = 1;
    /* A void on the 5th: counted, its 50.00 apart. */
    rows[2].day = day("2019-02-05");
    rows[2].f.bills_voided = 1;
    rows[2].f.voided_fen = 5000;
    /* Outside the range: not placed, reported. */
    rows[3].day = day("2019-02-10");
    rows[3].f.bills_settled = 9;

    struct takings_day days[3];
    CHECK_INT(takings_fill_days(from, to, rows, 4, days), 1);
    CHECK_INT(days[0].day, from);
    CHECK_INT(days[1].day, from + 1);
    CHECK_INT(days[2].day, to);
    CHECK_INT(days[0].f.bills_voided, 1);
    CHECK_INT(days[0].f.voided_fen, 5000);
    CHECK_INT(days[0].f.net_fen, 0);
    CHECK_INT(days[1].f.bills_settled, 2);
    CHECK_INT(days[1].f.net_fen, 30000);
    CHECK_INT(days[1].f.method_fen[0], 20000);
    CHECK_INT(days[1].f.method_fen[1], 10000);
    CHECK_INT(days[2].f.bills_settled, 0); /* a day without bills is a zero row */

    struct takings_figures t;
    takings_total(days, 3, &t);
    CHECK_INT(t.bills_settled, 2);
    CHECK_INT(t.bills_voided, 1);
    CHECK_INT(t.gross_fen, 32800);
    CHECK_INT(t.discount_fen, 2800);
    CHECK_INT(t.net_fen, 30000);
    CHECK_INT(t.voided_fen, 5000);
    CHECK_INT(t.method_fen[0] + t.method_fen[1], t.net_fen);

    bool used[TAKINGS_METHODS];
    CHECK_INT(takings_methods_used(&t, used), 2);
    CHECK(used[0] && used[1] && !used[2] && !used[8]);

    /* A reversed range places nothing. */
    CHECK_INT(takings_fill_days(to, from, rows, 4, days), 4);
}

/* R4 as figures: 250.50 and 50.50 collected 250.00 and 50.00, the 0.50s as rounding discounts. */
static void takings_r4_rounding_is_a_discount(void)
{
    struct takings_day rows[2] = {0};
    rows[0].day = rows[1].day = day("2022-03-01");
    rows[0].f = (struct takings_figures){
        .bills_settled = 1, .gross_fen = 25050, .discount_fen = 50, .net_fen = 25000};
    rows[0].f.method_fen[0] = 25000;
    rows[1].f = (struct takings_figures){
        .bills_settled = 1, .gross_fen = 5050, .discount_fen = 50, .net_fen = 5000};
    rows[1].f.method_fen[0] = 5000;
    struct takings_day days[1];
    CHECK_INT(takings_fill_days(day("2022-03-01"), day("2022-03-01"), rows, 2, days), 0);
    CHECK_INT(days[0].f.net_fen, 30000);
    CHECK_INT(days[0].f.discount_fen, 100);
    CHECK_INT(days[0].f.gross_fen, 30100);
    CHECK_INT(days[0].f.method_fen[0], 30000);
}

static void takings_groups_by_name(void)
{
    struct takings_groups g = {0};
    struct takings_group *a = takings_group_get(&g, "收银员A");
    CHECK(a != NULL);
    if (!a) return;
    a->f.net_fen = 10000;
    struct takings_group *b = takings_group_get(&g, "收银员B");
    b->f.net_fen = 30000;
    struct takings_group *c = takings_group_get(&g, "收银员C");
    c->f.net_fen = 10000;
    CHECK(takings_group_get(&g, "收银员A") == &g.items[0]); /* same name, same group */
    CHECK_INT(g.n, 3);
    /* Many groups grow the list past its first allocation. */
    for (int i = 0; i < 40; i++) {
        char name[16];
        snprintf(name, sizeof name, "x%02d", i);
        CHECK(takings_group_get(&g, name) != NULL);
    }
    CHECK_INT(g.n, 43);
    takings_groups_sort(&g);
    CHECK_STR(g.items[0].name, "收银员B");
    CHECK_STR(g.items[1].name, "收银员A"); /* equal nets by name */
    CHECK_STR(g.items[2].name, "收银员C");
    CHECK_STR(g.items[3].name, "x00");
    /* A name longer than the field is cut on a character boundary, never inside one. */
    char long_name[400] = "a";
    for (int i = 0; i < 100; i++)
        strcat(long_name, "啤");
    struct takings_group *l = takings_group_get(&g, long_name);
    CHECK_INT(strlen(l->name), 205);
    CHECK(takings_group_get(&g, long_name) == l);
    takings_groups_free(&g);
    CHECK_INT(g.n, 0);
    takings_groups_free(&g); /* twice is harmless */
}

/* A front-desk void and a refund are counted where they happened: the money kept by each
 * method is payments less refunds, and a day may keep less than nothing. */
static void takings_refunds_where_they_happened(void)
{
    struct takings_day rows[3] = {0};
    /* The 10th: 200.00 cash and 300.00 WeChat taken. */
    rows[0].day = day("2024-05-10");
    rows[0].f.bills_settled = 2;
    rows[0].f.net_fen = 50000;
    rows[0].f.method_fen[0] = 20000;
    rows[0].f.method_fen[1] = 30000;
    rows[0].f.method_count[0] = rows[0].f.method_count[1] = 1;
    /* The 11th: the cash bill voided (200.00 back in cash), 50.00 of the WeChat one refunded. */
    rows[1].day = day("2024-05-11");
    rows[1].f.bills_voided = 1;
    rows[1].f.voided_fen = 20000;
    rows[2].day = day("2024-05-11");
    rows[2].f.refund_fen[0] = 20000;
    rows[2].f.refund_fen[1] = 5000;
    rows[2].f.refund_count[0] = rows[2].f.refund_count[1] = 1;
    struct takings_day days[2];
    CHECK_INT(takings_fill_days(day("2024-05-10"), day("2024-05-11"), rows, 3, days), 0);
    CHECK_INT(takings_refunds_fen(&days[0].f), 0);
    CHECK_INT(takings_collected_fen(&days[0].f), 50000);
    CHECK_INT(takings_refunds_fen(&days[1].f), 25000);
    CHECK_INT(takings_kept_fen(&days[1].f, 0), -20000);
    CHECK_INT(takings_collected_fen(&days[1].f), -25000);
    CHECK_INT(days[1].f.net_fen, 0); /* the void does not rewrite the 10th's sales */
    struct takings_figures t;
    takings_total(days, 2, &t);
    CHECK_INT(t.net_fen, 50000);
    CHECK_INT(takings_kept_fen(&t, 0), 0);
    CHECK_INT(takings_kept_fen(&t, 1), 25000);
    CHECK_INT(takings_collected_fen(&t), 25000);
    CHECK_INT(takings_kept_fen(&t, 9), 0); /* out of range */
    CHECK_INT(takings_kept_fen(&t, -1), 0);
    /* A method with refunds only is still a column. */
    struct takings_figures only_refund = {0};
    only_refund.refund_fen[3] = 100;
    bool used[TAKINGS_METHODS];
    CHECK_INT(takings_methods_used(&only_refund, used), 1);
    CHECK(used[3]);
    CHECK(!takings_figures_zero(&only_refund));
    CHECK(takings_figures_zero(&(struct takings_figures){0}));
}

static void takings_groups_drop_the_empty_ones(void)
{
    struct takings_groups g = {0};
    takings_group_get(&g, "小包")->f.bills_settled = 0; /* all taken out again */
    takings_group_get(&g, "大包")->f.net_fen = 100;
    takings_group_get(&g, "中包")->f.bills_voided = 1;
    takings_group_get(&g, "豪华包");
    takings_groups_drop_empty(&g);
    CHECK_INT(g.n, 2);
    CHECK_STR(g.items[0].name, "大包");
    CHECK_STR(g.items[1].name, "中包");
    takings_groups_free(&g);
}

/* ---- sales ---- */

/* D1: the late bill's business day is Friday 31 Dec, whatever the calendar day it was settled. */
static void weekday_of_a_business_day(void)
{
    CHECK_INT(sales_weekday(day("2021-12-31")), 5);
    CHECK_INT(sales_weekday(day("2022-01-01")), 6);
    CHECK_INT(sales_weekday(day("2022-01-02")), 7);
    CHECK_INT(sales_weekday(day("2022-01-03")), 1);
    CHECK_INT(sales_weekday(day("2019-02-05")), 2);
    CHECK_STR(sales_weekday_name(5, false), "周五");
    CHECK_STR(sales_weekday_name(7, false), "周日");
    CHECK_STR(sales_weekday_name(1, true), "Mon");
    CHECK_STR(sales_weekday_name(0, true), "");
    CHECK_STR(sales_weekday_name(8, false), "");

    /* Two weeks from Monday 2019-02-04, bills 1 each, net 100 x (i + 1): Mondays 1 and 8. */
    struct sales_day days[14];
    memset(days, 0, sizeof days);
    for (int i = 0; i < 14; i++) {
        days[i].day = day("2019-02-04") + i;
        days[i].s.bills = 1;
        days[i].s.net_fen = 100 * (i + 1);
    }
    struct sales_sum w[7];
    sales_by_weekday(days, 14, w);
    CHECK_INT(w[0].bills, 2);
    CHECK_INT(w[0].net_fen, 100 + 800);
    CHECK_INT(w[4].net_fen, 500 + 1200); /* Fridays 8th and 15th */
    CHECK_INT(w[6].net_fen, 700 + 1400);
}

static struct sales_day *calendar(const char *from, const char *to, size_t *n)
{
    int64_t f = day(from), t = day(to);
    *n = (size_t)(t - f + 1);
    struct sales_day *d = calloc(*n, sizeof *d);
    for (size_t i = 0; i < *n; i++) {
        d[i].day = f + (int64_t)i;
        d[i].s.bills = 1;
        d[i].s.net_fen = 1000;
    }
    return d;
}

static void weeks_across_a_year_boundary(void)
{
    size_t n;
    struct sales_day *d = calendar("2020-12-28", "2021-01-11", &n);
    CHECK_INT(n, 15);
    struct sales_period *w = calloc(sales_weeks_max(n), sizeof *w);
    size_t k = sales_by_week(d, n, w);
    CHECK_INT(k, 3);
    char label[16];
    sales_week_label(w[0].year, w[0].number, label, sizeof label);
    CHECK_STR(label, "2020-W53"); /* Mon 28 Dec 2020 to Sun 3 Jan 2021: one week */
    CHECK_INT(w[0].from, day("2020-12-28"));
    CHECK_INT(w[0].to, day("2021-01-03"));
    CHECK_INT(w[0].s.bills, 7);
    CHECK_INT(w[0].s.net_fen, 7000);
    sales_week_label(w[1].year, w[1].number, label, sizeof label);
    CHECK_STR(label, "2021-W01");
    CHECK_INT(w[1].from, day("2021-01-04"));
    CHECK_INT(w[1].to, day("2021-01-10"));
    sales_week_label(w[2].year, w[2].number, label, sizeof label);
    CHECK_STR(label, "2021-W02"); /* a partial week at the end of the range */
    CHECK_INT(w[2].from, day("2021-01-11"));
    CHECK_INT(w[2].to, day("2021-01-11"));
    CHECK_INT(w[2].s.net_fen, 1000);
    free(w);
    free(d);

    /* Monday 31 Dec 2018 opens 2019-W01; Sunday 30 Dec 2018 closes 2018-W52. */
    d = calendar("2018-12-30", "2019-01-01", &n);
    w = calloc(sales_weeks_max(n), sizeof *w);
    k = sales_by_week(d, n, w);
    CHECK_INT(k, 2);
    sales_week_label(w[0].year, w[0].number, label, sizeof label);
    CHECK_STR(label, "2018-W52");
    sales_week_label(w[1].year, w[1].number, label, sizeof label);
    CHECK_STR(label, "2019-W01");
    CHECK_INT(w[1].from, day("2018-12-31"));
    CHECK_INT(w[1].s.bills, 2);
    free(w);
    free(d);

    /* The bound on weeks is never too small: a year from a Sunday touches 54 weeks. */
    d = calendar("2017-01-01", "2017-12-31", &n);
    w = calloc(sales_weeks_max(n), sizeof *w);
    k = sales_by_week(d, n, w);
    CHECK(k <= sales_weeks_max(n));
    CHECK_INT(k, 53); /* 2016-W52 (Sun 1 Jan) + 2017-W01..W52 */
    free(w);
    free(d);
}

static void months_of_business_days(void)
{
    size_t n;
    struct sales_day *d = calendar("2021-12-30", "2022-02-01", &n);
    struct sales_period *m = calloc(sales_months_max(n), sizeof *m);
    size_t k = sales_by_month(d, n, m);
    CHECK_INT(k, 3);
    char label[16];
    sales_month_label(m[0].year, m[0].number, label, sizeof label);
    CHECK_STR(label, "2021-12");
    CHECK_INT(m[0].s.bills, 2);
    sales_month_label(m[1].year, m[1].number, label, sizeof label);
    CHECK_STR(label, "2022-01");
    CHECK_INT(m[1].s.bills, 31);
    CHECK_INT(m[1].s.net_fen, 31000);
    CHECK_INT(m[1].from, day("2022-01-01"));
    CHECK_INT(m[1].to, day("2022-01-31"));
    CHECK_INT(m[2].s.bills, 1);
    CHECK(k <= sales_months_max(n));
    free(m);
    free(d);
    /* February alone: 28 days, one month, within the bound. */
    d = calendar("2019-02-01", "2019-02-28", &n);
    m = calloc(sales_months_max(n), sizeof *m);
    CHECK_INT(sales_by_month(d, n, m), 1);
    free(m);
    free(d);
}

static void sales_days_and_totals(void)
{
    struct sales_day rows[3] = {0};
    rows[0].day = day("2021-12-31");
    rows[0].s = (struct sales_sum){
        .bills = 1, .gross_fen = 68000, .net_fen = 68000, .crossing_midnight = 1};
    rows[1].day = day("2021-12-31");
    rows[1].s =
        (struct sales_sum){.bills = 2, .gross_fen = 20000, .discount_fen = 1000, .net_fen = 19000};
    rows[2].day = day("2022-01-01");
    rows[2].s = (struct sales_sum){.bills = 1, .gross_fen = 500, .service_fen = 50, .net_fen = 550};
    struct sales_day days[3];
    CHECK_INT(sales_fill_days(day("2021-12-30"), day("2022-01-01"), rows, 3, days), 0);
    CHECK_INT(days[0].s.bills, 0);
    CHECK_INT(days[1].s.bills, 3);
    CHECK_INT(days[1].s.net_fen, 87000);
    CHECK_INT(days[1].s.crossing_midnight, 1);
    struct sales_sum t;
    sales_total(days, 3, &t);
    CHECK_INT(t.bills, 4);
    CHECK_INT(t.gross_fen, 88500);
    CHECK_INT(t.discount_fen, 1000);
    CHECK_INT(t.service_fen, 50);
    CHECK_INT(t.net_fen, 87550);
    CHECK_INT(t.gross_fen - t.discount_fen + t.service_fen, t.net_fen);
    CHECK_INT(t.crossing_midnight, 1);
    CHECK_INT(sales_fill_days(day("2022-01-01"), day("2022-01-01"), rows, 3, days), 2);
}

static void hour_buckets(void)
{
    struct sales_hour_row rows[5] = {
        {22, {.bills = 2, .net_fen = 30000}}, {1, {.bills = 1, .net_fen = 5000}},
        {22, {.bills = 1, .net_fen = 10000}}, {24, {.bills = 7, .net_fen = 7}},
        {-1, {.bills = 7, .net_fen = 7}},
    };
    struct sales_sum h[24];
    CHECK_INT(sales_by_hour(rows, 5, h), 2);
    CHECK_INT(h[22].bills, 3);
    CHECK_INT(h[22].net_fen, 40000);
    CHECK_INT(h[1].net_fen, 5000);
    CHECK_INT(h[0].bills, 0);
    CHECK_INT(h[23].bills, 0);
    int64_t all = 0;
    for (int i = 0; i < 24; i++)
        all += h[i].bills;
    CHECK_INT(all, 4);
}

static void average_per_bill(void)
{
    struct sales_sum s = {.bills = 3, .net_fen = 1000};
    CHECK_INT(sales_average_fen(&s), 333); /* 333.33 */
    s = (struct sales_sum){.bills = 2, .net_fen = 1001};
    CHECK_INT(sales_average_fen(&s), 501); /* 500.5 rounds half up */
    s = (struct sales_sum){.bills = 3, .net_fen = 2000};
    CHECK_INT(sales_average_fen(&s), 667); /* 666.67 */
    s = (struct sales_sum){.bills = 2, .net_fen = -5};
    CHECK_INT(sales_average_fen(&s), -3); /* half away from zero */
    s = (struct sales_sum){.bills = 0, .net_fen = 1000};
    CHECK_INT(sales_average_fen(&s), 0);
    s = (struct sales_sum){.bills = 203, .net_fen = 6335800};
    CHECK_INT(sales_average_fen(&s), 31211); /* 31,210.837 fen */
}

static void goods_by_quantity(void)
{
    struct sales_item items[4] = {
        {.name = "雪花啤酒", .qty = 446, .lines = 50},
        {.name = "七堡1516啤酒", .qty = 1113, .lines = 90},
        {.name = "果盘", .qty = 446, .revenue_fen = 3800, .lines = 2, .priced_lines = 2},
        {.name = "可乐", .qty = 3, .revenue_fen = 1000, .lines = 3, .priced_lines = 1},
    };
    sales_items_sort(items, 4);
    CHECK_STR(items[0].name, "七堡1516啤酒");
    CHECK(strcmp(items[1].name, items[2].name) < 0); /* equal quantities by name */
    CHECK_STR(items[3].name, "可乐");
    for (int i = 0; i < 4; i++) {
        if (strcmp(items[i].name, "雪花啤酒") == 0) {
            CHECK(!sales_item_revenue_known(&items[i])); /* null, not 0 */
            CHECK(!sales_item_revenue_partial(&items[i]));
        }
        if (strcmp(items[i].name, "果盘") == 0) {
            CHECK(sales_item_revenue_known(&items[i]));
            CHECK(!sales_item_revenue_partial(&items[i]));
        }
    }
    CHECK(sales_item_revenue_known(&items[3]));
    CHECK(sales_item_revenue_partial(&items[3]));
}

/* Lines of voided bills come as negative rows and take the item out again. */
static void items_merge_takes_voided_lines_out(void)
{
    struct sales_item items[5] = {
        {.name = "可乐", .qty = 5, .revenue_fen = 2500, .lines = 3, .priced_lines = 3},
        {.name = "果盘", .qty = 1, .revenue_fen = 3800, .lines = 1, .priced_lines = 1},
        {.name = "可乐", .qty = -2, .revenue_fen = -1000, .lines = -1, .priced_lines = -1},
        {.name = "果盘", .qty = -1, .revenue_fen = -3800, .lines = -1, .priced_lines = -1},
        {.name = "啤酒", .qty = 4, .lines = 2},
    };
    size_t n = sales_items_merge(items, 5);
    CHECK_INT(n, 2);
    sales_items_sort(items, n);
    CHECK_STR(items[0].name, "啤酒");
    CHECK_INT(items[0].qty, 4);
    CHECK(!sales_item_revenue_known(&items[0]));
    CHECK_STR(items[1].name, "可乐");
    CHECK_INT(items[1].qty, 3);
    CHECK_INT(items[1].revenue_fen, 1500);
    CHECK_INT(items[1].lines, 2);
    CHECK(sales_item_revenue_known(&items[1]) && !sales_item_revenue_partial(&items[1]));
    CHECK_INT(sales_items_merge(items, 0), 0);
}

static int64_t shanghai(const struct tz *tz, const char *local)
{
    struct civil c;
    CHECK(datetime_parse(local, &c));
    return tz_from_local(tz, &c);
}

static void midnight_rule(void)
{
    struct tz *tz = tz_load("Asia/Shanghai");
    CHECK(tz != NULL);
    if (!tz) return;
    const int32_t cst = 8 * 3600;
    /* D1: Fri 22:10 to Sat 01:40 crosses; both instants are on 31 Dec in UTC. */
    int64_t o = shanghai(tz, "2021-12-31 22:10:00"), c = shanghai(tz, "2022-01-01 01:40:00");
    CHECK(sales_crosses_midnight(o, c, cst));
    CHECK(!sales_crosses_midnight(o, c, 0)); /* why the UTC date is wrong */
    /* D3: 23:59 to 00:01 crosses. */
    CHECK(sales_crosses_midnight(shanghai(tz, "2019-02-05 23:59:00"),
                                 shanghai(tz, "2019-02-06 00:01:00"), cst));
    CHECK(!sales_crosses_midnight(shanghai(tz, "2019-02-06 00:10:00"),
                                  shanghai(tz, "2019-02-06 05:59:00"), cst));
    CHECK(!sales_crosses_midnight(shanghai(tz, "2019-02-05 22:00:00"),
                                  shanghai(tz, "2019-02-05 23:59:59"), cst));
    /* 07:30 local is 23:30 UTC the day before: no midnight crossed locally. */
    CHECK(!sales_crosses_midnight(shanghai(tz, "2019-02-06 07:00:00"),
                                  shanghai(tz, "2019-02-06 07:30:00"), cst));

    struct sales_offset_segment seg[400];
    CHECK_INT(sales_offset_segments(tz, day("2019-01-01"), day("2019-12-31"), seg), 1);
    CHECK_INT(seg[0].offset_s, cst);
    CHECK_INT(seg[0].from, day("2019-01-01"));
    CHECK_INT(seg[0].to, day("2019-12-31"));
    tz_free(tz);

    struct tz *berlin = tz_load("Europe/Berlin");
    CHECK(berlin != NULL);
    if (!berlin) return;
    /* Summer time from 28 Mar 2021 02:00 to 31 Oct 03:00: the midnights that end 28 Mar ...
     * 30 Oct are in summer time. */
    CHECK_INT(sales_offset_segments(berlin, day("2021-01-01"), day("2021-12-31"), seg), 3);
    CHECK_INT(seg[0].to, day("2021-03-27"));
    CHECK_INT(seg[0].offset_s, 3600);
    CHECK_INT(seg[1].from, day("2021-03-28"));
    CHECK_INT(seg[1].to, day("2021-10-30"));
    CHECK_INT(seg[1].offset_s, 7200);
    CHECK_INT(seg[2].from, day("2021-10-31"));
    CHECK_INT(seg[2].offset_s, 3600);
    tz_free(berlin);
}

/* ---- the range of a request ---- */

static void range_defaults_and_caps(void)
{
    int64_t last = day("2019-02-06"), f = 0, t = 0;
    struct range_problem why;
    CHECK(report_range_parse(NULL, NULL, last, 1, 366, &f, &t, &why));
    CHECK_INT(f, last);
    CHECK_INT(t, last);
    CHECK(report_range_parse("", "", last, 30, 1096, &f, &t, &why));
    CHECK_INT(f, day("2019-01-08"));
    CHECK_INT(t, last);
    CHECK(report_range_parse("2019-02-05", NULL, last, 1, 366, &f, &t, &why));
    CHECK_INT(f, day("2019-02-05"));
    CHECK_INT(t, day("2019-02-05"));
    CHECK(report_range_parse(NULL, "2019-01-31", last, 30, 1096, &f, &t, &why));
    CHECK_INT(f, day("2019-01-31"));
    CHECK_INT(t, day("2019-01-31"));
    /* A leap year is 366 days: allowed; one more is refused. */
    CHECK(report_range_parse("2020-01-01", "2020-12-31", last, 1, 366, &f, &t, &why));
    CHECK(!report_range_parse("2020-01-01", "2021-01-01", last, 1, 366, &f, &t, &why));
    CHECK_STR(why.code, "range_too_long");
    CHECK_STR(why.field, "to");
    CHECK(strstr(why.message_zh, "366") != NULL);
    CHECK(strstr(why.message_en, "366") != NULL);
    CHECK(!report_range_parse("2015-01-01", "2019-12-31", last, 30, 1096, &f, &t, &why));
    CHECK_STR(why.code, "range_too_long");
}

static void range_refuses_bad_dates(void)
{
    int64_t last = day("2019-02-06"), f = 7, t = 7;
    struct range_problem why;
    CHECK(!report_range_parse("2019-13-01", "2019-12-31", last, 1, 366, &f, &t, &why));
    CHECK_STR(why.field, "from");
    CHECK_STR(why.code, "invalid_date");
    CHECK(strstr(why.message_zh, "开始日期") != NULL);
    CHECK(strstr(why.message_en, "2019-13-01") != NULL);
    CHECK_INT(f, 7); /* untouched on refusal */
    CHECK(!report_range_parse("2019-02-01", "2019-02-30", last, 1, 366, &f, &t, &why));
    CHECK_STR(why.field, "to");
    CHECK(!report_range_parse("2019-2-1", NULL, last, 1, 366, &f, &t, &why));
    CHECK(!report_range_parse("2019-02-01 ", NULL, last, 1, 366, &f, &t, &why));
    CHECK(!report_range_parse("2019-02-06", "2019-02-05", last, 1, 366, &f, &t, &why));
    CHECK_STR(why.field, "to");
    CHECK_STR(why.code, "range_reversed");
    CHECK(strstr(why.message_zh, "早于") != NULL);
    /* Bytes that are not text are echoed as '?', keeping the message valid UTF-8. */
    CHECK(!report_range_parse("\xff\xfe"
                              "2019",
                              NULL, last, 1, 366, &f, &t, &why));
    CHECK(strstr(why.message_en, "\"??2019\"") != NULL);
}

/* The download's name says which report and which business days. */
static void export_file_names(void)
{
    json_t *r = json_pack("{s:s,s:s}", "from", "2019-02-05", "to", "2019-02-06");
    char name[160];
    reports_filename(r, REPORTS_TAKINGS, "xlsx", false, name, sizeof name);
    CHECK_STR(name, "营业日报_2019-02-05_2019-02-06.xlsx");
    reports_filename(r, REPORTS_SALES, "csv", false, name, sizeof name);
    CHECK_STR(name, "销售汇总_2019-02-05_2019-02-06.csv");
    reports_filename(r, REPORTS_TAKINGS, "csv", true, name, sizeof name);
    CHECK_STR(name, "daily-takings_2019-02-05_2019-02-06.csv");
    json_decref(r);
}

int main(void)
{
    RUN(methods_in_display_order);
    RUN(takings_days_on_the_calendar);
    RUN(takings_r4_rounding_is_a_discount);
    RUN(takings_groups_by_name);
    RUN(takings_refunds_where_they_happened);
    RUN(takings_groups_drop_the_empty_ones);
    RUN(weekday_of_a_business_day);
    RUN(weeks_across_a_year_boundary);
    RUN(months_of_business_days);
    RUN(sales_days_and_totals);
    RUN(hour_buckets);
    RUN(average_per_bill);
    RUN(goods_by_quantity);
    RUN(items_merge_takes_voided_lines_out);
    RUN(midnight_rule);
    RUN(range_defaults_and_caps);
    RUN(range_refuses_bad_dates);
    RUN(export_file_names);
    return harness_finish("reports/rules");
}
