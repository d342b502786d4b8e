/* test_compose.c: the bill of a stay, composed from its rooms, packages and items: the lines,
 * the minimum-spend top-up line (R5), 抹零 (R4), gifts, returns, packages with their goods,
 * member prices and discounts, service, and the consumption from the bar. Values by hand. */
#include "core/bizday.h"
#include "frontdesk/compose.h"
#include "harness.h"

#include <string.h>

/* The small room: 白天档 12-18 at 60.00 (member 48.00); 黄金档 18-24 at 120.00 with a
 * minimum spend of 100.00; 午夜档 00-06 at 80.00. Unit 15, grace 10, cut-off 06:00. */
static const struct price_slot slots[] = {
    {PRICE_EVERY_DAY, 720, 1080, 6000, 4800, 0},
    {PRICE_EVERY_DAY, 1080, 1440, 12000, 0, 10000},
    {PRICE_EVERY_DAY, 0, 360, 8000, 0, 0},
};
static const char *const names[] = {"白天档", "黄金档", "午夜档"};
static const int64_t no_holidays[1] = {0};

static struct price_plan plan(void)
{
    struct price_plan p = {slots, 3, 15, 10, 360, no_holidays, 0};
    return p;
}

static int64_t at(const char *s)
{
    struct civil c;
    CHECK(datetime_parse(s, &c));
    return epoch_from_civil(&c);
}

/* One room from..to. */
static struct compose_segment seg(const struct price_plan *p, const char *from, const char *to)
{
    struct compose_segment s = {p, names, "A01 小包", at(from), at(to)};
    return s;
}

static const struct compose_line *line_of(const struct composed_bill *b, const char *kind, int n)
{
    for (int i = 0; i < b->nlines; i++)
        if (strcmp(b->lines[i].kind, kind) == 0 && n-- == 0) return &b->lines[i];
    return NULL;
}

static int64_t sum_lines(const struct composed_bill *b)
{
    int64_t s = 0;
    for (int i = 0; i < b->nlines; i++)
        s += b->lines[i].amount_fen;
    return s;
}

/* Across 18:00: 17:30-19:15 is 30 min x 60.00 + 75 min x 120.00 = 30.00 + 150.00; three beers
 * at 10.00: 30.00; total 210.00. Lines: two room lines naming slot, minutes and rate, one goods
 * line; no minimum (opened in the day slot). */
static void across_18_00_lines(void)
{
    struct price_plan p = plan();
    struct compose_segment s = seg(&p, "2026-01-08 17:30", "2026-01-08 19:15");
    struct compose_item beer = {1, "青岛啤酒", 3, 1000, 1000, false, 0, true, true};
    struct compose_input in = {.segments = &s, .nsegments = 1, .items = &beer, .nitems = 1};
    struct composed_bill b;
    CHECK(compose_bill(&in, &b));
    CHECK_INT(b.status, PRICING_OK);
    CHECK_INT(b.nlines, 3);
    CHECK_STR(b.lines[0].item, "A01 小包 白天档 30分钟 × 60.00/小时");
    CHECK_INT(b.lines[0].amount_fen, 3000);
    CHECK_STR(b.lines[1].item, "A01 小包 黄金档 75分钟 × 120.00/小时");
    CHECK_INT(b.lines[1].amount_fen, 15000);
    CHECK_STR(b.lines[2].kind, "goods");
    CHECK_INT(b.lines[2].qty, 3);
    CHECK_INT(b.lines[2].amount_fen, 3000);
    CHECK_INT(b.calc.total_fen, 21000);
    CHECK_INT(sum_lines(&b), b.calc.gross_fen + b.calc.service_fen);
    CHECK_INT(b.nuses, 1);
    CHECK_STR(b.uses[0].kind, "sale");
    CHECK_INT(b.uses[0].qty, 3);
    composed_bill_free(&b);
}

/* R5 with the case's figures: a plan of 100.00/h with a minimum of 100.00; 18:30-18:55 is 25
 * minutes, billed 30 = 50.00. Room 50.00 + 3 drinks at 10.00 = 80.00: a top-up line of 20.00,
 * total 100.00. Cigarettes (not toward the minimum) do not reduce the top-up. With 7 drinks
 * (120.00 of spend) there is no top-up line. */
static void r5_minimum_spend_line(void)
{
    static const struct price_slot s100[] = {{PRICE_EVERY_DAY, 0, 1440, 10000, 0, 10000}};
    static const char *const n100[] = {"全天"};
    struct price_plan p = {s100, 1, 15, 10, 360, no_holidays, 0};
    struct compose_segment s = {&p, n100, "A01 小包", at("2026-01-08 18:30"),
                                at("2026-01-08 18:55")};
    struct compose_item items[] = {{1, "饮料", 3, 1000, 1000, false, 0, true, true},
                                   {2, "香烟", 1, 2000, 2000, false, 0, false, false}};
    struct compose_input in = {.segments = &s, .nsegments = 1, .items = items, .nitems = 1};
    struct composed_bill b;
    CHECK(compose_bill(&in, &b));
    CHECK_INT(b.room_fen, 5000);
    const struct compose_line *t = line_of(&b, "min_spend", 0);
    CHECK(t != NULL);
    if (t) {
        CHECK_INT(t->amount_fen, 2000);
        CHECK_STR(t->item, "低消补足（最低消费 100.00）");
    }
    CHECK_INT(b.calc.total_fen, 10000);
    composed_bill_free(&b);
    in.nitems = 2; /* + cigarettes 20.00: total 120.00, top-up still 20.00 */
    CHECK(compose_bill(&in, &b));
    CHECK_INT(b.calc.topup_fen, 2000);
    CHECK_INT(b.calc.total_fen, 12000);
    composed_bill_free(&b);
    items[0].qty = 7;
    in.nitems = 1;
    CHECK(compose_bill(&in, &b));
    CHECK(line_of(&b, "min_spend", 0) == NULL);
    CHECK_INT(b.calc.total_fen, 12000);
    composed_bill_free(&b);
}

/* R4: bills of 250.50 and 50.50 rounded down to the yuan are 250.00 and 50.00: takings 300.00
 * with 1.00 of rounding recorded as a discount (never a silent change). The stays are inside
 * the grace, so the room is 0.00 and the goods make the bill. */
static void r4_rounding_to_the_yuan(void)
{
    struct price_plan p = plan();
    struct compose_segment s = seg(&p, "2026-01-08 19:00", "2026-01-08 19:05");
    struct compose_item wine = {3, "红酒", 1, 25050, 25050, false, 0, true, true};
    struct compose_input in = {
        .segments = &s, .nsegments = 1, .items = &wine, .nitems = 1, .round_to_yuan = true};
    struct composed_bill a, b;
    CHECK(compose_bill(&in, &a));
    wine.unit_fen = 5050;
    CHECK(compose_bill(&in, &b));
    CHECK_INT(a.calc.total_fen, 25000);
    CHECK_INT(a.calc.rounding_fen, 50);
    CHECK_INT(b.calc.total_fen, 5000);
    CHECK_INT(b.calc.rounding_fen, 50);
    CHECK_INT(a.calc.total_fen + b.calc.total_fen, 30000);
    CHECK_INT(a.calc.rounding_fen + b.calc.rounding_fen, 100);
    /* The room line inside the grace is 0.00 and says so. */
    CHECK_STR(a.lines[0].item, "A01 小包 5分钟（免费时长内）");
    CHECK_INT(a.lines[0].amount_fen, 0);
    composed_bill_free(&a);
    composed_bill_free(&b);
}

/* Gifts are lines at 0.00 with their value counted apart; returns net the goods: 5 beers
 * ordered, 2 returned = 3 on the bill and 3 consumed; a gift of 2 fruit plates (30.00 each)
 * is worth 60.00 and consumed as 'gift'. A product wholly returned leaves no line and no
 * consumption. */
static void gifts_and_returns(void)
{
    struct price_plan p = plan();
    struct compose_segment s = seg(&p, "2026-01-08 19:00", "2026-01-08 19:05");
    struct compose_item items[] = {
        {1, "青岛啤酒", 5, 1000, 1000, false, 0, true, true},
        {2, "果盘", 2, 0, 3000, true, 0, true, true},
        {1, "青岛啤酒", -2, 1000, 1000, false, 0, true, true},
        {4, "薯片", 1, 800, 800, false, 0, true, true},
        {4, "薯片", -1, 800, 800, false, 0, true, true},
    };
    struct compose_input in = {.segments = &s, .nsegments = 1, .items = items, .nitems = 5};
    struct composed_bill b;
    CHECK(compose_bill(&in, &b));
    const struct compose_line *beer = line_of(&b, "goods", 0), *gift = line_of(&b, "goods", 1);
    CHECK(beer && gift && !line_of(&b, "goods", 2));
    if (beer && gift) {
        CHECK_INT(beer->qty, 3);
        CHECK_INT(beer->amount_fen, 3000);
        CHECK_STR(gift->item, "果盘（赠送）");
        CHECK_INT(gift->amount_fen, 0);
        CHECK(gift->gift);
    }
    CHECK_INT(b.gifts_fen, 6000);
    CHECK_INT(b.calc.total_fen, 3000);
    CHECK_INT(b.nuses, 2);
    CHECK_INT(b.uses[0].product_id, 1);
    CHECK_INT(b.uses[0].qty, 3);
    CHECK_STR(b.uses[1].kind, "gift");
    CHECK_INT(b.uses[1].qty, 2);
    composed_bill_free(&b);
}

/* A package: 3 hours at 300.00 from 20:00, with a fruit plate and the guest's choice of 8
 * beers (the other choice, 6 bottles of wine, not taken). Leaving 23:20: the package line
 * 300.00, the overrun 20 min billed 30 at 120.00 = 60.00 as a room line "超时 ...". The
 * package's goods are no lines (their price is in the package) but are consumed as
 * 'package'. A package stay owes no minimum of its own. */
static void package_lines_and_goods(void)
{
    struct price_plan p = plan();
    struct compose_segment s = seg(&p, "2026-01-08 20:00", "2026-01-08 23:20");
    struct compose_package pk = {7, "欢唱套餐", 30000, 180, false, 0};
    struct compose_item items[] = {{5, "果盘", 1, 0, 3000, false, 7, true, true},
                                   {1, "青岛啤酒", 8, 0, 1000, false, 7, true, true}};
    struct compose_input in = {.segments = &s,
                               .nsegments = 1,
                               .packages = &pk,
                               .npackages = 1,
                               .items = items,
                               .nitems = 2};
    struct composed_bill b;
    CHECK(compose_bill(&in, &b));
    CHECK_INT(b.status, PRICING_OK);
    CHECK_INT(b.nlines, 2);
    CHECK_STR(b.lines[0].kind, "package");
    CHECK_STR(b.lines[0].item, "欢唱套餐（3小时）");
    CHECK_INT(b.lines[0].amount_fen, 30000);
    CHECK_INT(b.lines[0].package_id, 7);
    CHECK_STR(b.lines[1].item, "超时 A01 小包 黄金档 30分钟 × 120.00/小时");
    CHECK_INT(b.lines[1].amount_fen, 6000);
    CHECK_INT(b.room_fen, 36000);
    CHECK_INT(b.calc.topup_fen, 0);
    CHECK_INT(b.calc.total_fen, 36000);
    CHECK_INT(b.nuses, 2);
    CHECK_STR(b.uses[1].kind, "package");
    CHECK_INT(b.uses[1].qty, 8);
    composed_bill_free(&b);
    /* A buy-out until 02:00 names its end; leaving 01:30 owes no overrun. */
    struct compose_package bo = {8, "通宵买断", 50000, 0, true, 120};
    struct compose_segment s2 = seg(&p, "2026-01-08 22:00", "2026-01-09 01:30");
    struct compose_input in2 = {.segments = &s2, .nsegments = 1, .packages = &bo, .npackages = 1};
    CHECK(compose_bill(&in2, &b));
    CHECK_STR(b.lines[0].item, "通宵买断（买断至 02:00）");
    CHECK_INT(b.nlines, 1);
    CHECK_INT(b.calc.total_fen, 50000);
    composed_bill_free(&b);
}

/* A member: the room at the member price (17:00-18:00 at 48.00, marked 会员价) and 九折 on
 * discountable goods (3 beers 30.00 -> 3.00 off); service 10 % on what is left (48.00 + 27.00
 * = 75.00 -> 7.50): total 82.50. */
static void member_prices_and_service(void)
{
    struct price_plan p = plan();
    struct compose_segment s = seg(&p, "2026-01-08 17:00", "2026-01-08 18:00");
    struct compose_item beer = {1, "青岛啤酒", 3, 1000, 1000, false, 0, true, true};
    struct compose_input in = {.segments = &s,
                               .nsegments = 1,
                               .items = &beer,
                               .nitems = 1,
                               .member = true,
                               .member_discount_bp = 1000,
                               .service_bp = 1000};
    struct composed_bill b;
    CHECK(compose_bill(&in, &b));
    CHECK_STR(b.lines[0].item, "A01 小包 白天档 60分钟 × 48.00/小时（会员价）");
    CHECK_INT(b.room_fen, 4800);
    CHECK_INT(b.calc.member_discount_fen, 300);
    CHECK_INT(b.calc.service_fen, 750);
    const struct compose_line *svc = line_of(&b, "service", 0);
    CHECK(svc && strcmp(svc->item, "服务费 10%") == 0);
    CHECK_INT(b.calc.total_fen, 8250);
    CHECK_INT(sum_lines(&b), b.calc.gross_fen + b.calc.service_fen);
    composed_bill_free(&b);
}

/* Two rooms: lines name each room; the fee is the stay's, split exactly. Small room 17:30-18:10
 * then room B01 (same plan) until 19:00: 30 x 60 + 10 x 120 + 50 x 120 = 30 + 20 + 100 =
 * 150.00. */
static void change_of_room_lines(void)
{
    struct price_plan p = plan();
    struct compose_segment s[] = {
        seg(&p, "2026-01-08 17:30", "2026-01-08 18:10"),
        {&p, names, "B01 中包", at("2026-01-08 18:10"), at("2026-01-08 19:00")}};
    struct compose_input in = {.segments = s, .nsegments = 2};
    struct composed_bill b;
    CHECK(compose_bill(&in, &b));
    CHECK_INT(b.nlines, 3);
    CHECK_STR(b.lines[1].item, "A01 小包 黄金档 10分钟 × 120.00/小时");
    CHECK_STR(b.lines[2].item, "B01 中包 黄金档 50分钟 × 120.00/小时");
    CHECK_INT(b.calc.total_fen, 15000);
    CHECK_INT(sum_lines(&b), 15000);
    composed_bill_free(&b);
}

/* A minute in no slot (a plan closed 06:00-12:00) is reported, not priced as zero. */
static void uncovered_is_reported(void)
{
    struct price_plan p = plan();
    struct compose_segment s = seg(&p, "2026-01-08 07:00", "2026-01-08 08:00");
    struct compose_input in = {.segments = &s, .nsegments = 1};
    struct composed_bill b;
    CHECK(compose_bill(&in, &b));
    CHECK_INT(b.status, PRICING_UNCOVERED);
    composed_bill_free(&b);
}

int main(void)
{
    RUN(across_18_00_lines);
    RUN(r5_minimum_spend_line);
    RUN(r4_rounding_to_the_yuan);
    RUN(gifts_and_returns);
    RUN(package_lines_and_goods);
    RUN(member_prices_and_service);
    RUN(change_of_room_lines);
    RUN(uncovered_is_reported);
    return harness_finish("frontdesk/compose");
}
