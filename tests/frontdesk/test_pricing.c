/* test_pricing.c: room fees across slots, grace, unit, packages, minimum spend and bill totals,
 * each with values worked out by hand in the comment beside it. */
#include "core/bizday.h"
#include "frontdesk/pricing.h"
#include "harness.h"

#define SUN_THU (0x01u | 0x02u | 0x04u | 0x08u | 0x10u)
#define FRI_SAT (0x20u | 0x40u)

/* The small room's plan: 白天档 12-18 at 60.00 (member 48.00); 黄金档 18-24 at 120.00 Sun-Thu
 * and 150.00 on Friday and Saturday nights, minimum spend 200.00; 午夜档 00-06 at 80.00.
 * 06:00-12:00 is closed (no slot). Unit 15 min, grace 10 min, cut-off 06:00. */
static const struct price_slot small_slots[] = {
    {PRICE_EVERY_DAY, 720, 1080, 6000, 4800, 0},  {SUN_THU, 1080, 1440, 12000, 0, 20000},
    {FRI_SAT, 1080, 1440, 15000, 0, 30000},       {PRICE_EVERY_DAY, 0, 360, 8000, 0, 0},
    {PRICE_HOLIDAY, 1080, 1440, 20000, 0, 50000},
};

static const int64_t no_holidays[1] = {0};

static struct price_plan small_plan(void)
{
    struct price_plan p = {small_slots, 5, 15, 10, 360, no_holidays, 0};
    return p;
}

/* Local seconds of "YYYY-MM-DD HH:MM[:SS]" (a naive local clock reading). */
static int64_t at(const char *s)
{
    struct civil c;
    CHECK(datetime_parse(s, &c));
    return epoch_from_civil(&c);
}

static int64_t fee(const struct price_plan *p, const char *from, const char *to, bool member)
{
    struct room_fee f;
    enum pricing_status st = pricing_room_fee(p, at(from), at(to), member, &f);
    CHECK_INT(st, PRICING_OK);
    return f.fee_fen;
}

/* 17:30-19:15 on a Thursday: 30 min x 60.00 + 75 min x 120.00 = 30.00 + 150.00 = 180.00. */
static void across_18_00(void)
{
    struct price_plan p = small_plan();
    struct room_fee f;
    CHECK_INT(pricing_room_fee(&p, at("2026-01-08 17:30"), at("2026-01-08 19:15"), false, &f),
              PRICING_OK);
    CHECK_INT(f.fee_fen, 18000);
    CHECK_INT(f.billed_minutes, 105);
    CHECK_INT(f.nparts, 2);
    CHECK_INT(f.parts[0].minutes, 30);
    CHECK_INT(f.parts[1].minutes, 75);
    CHECK_INT(f.first_slot, 0);
}

/* Grace: 8 min and exactly 10 min are free; 10 min 1 s is one started minute past grace, billed
 * one unit of 15 min in the day slot: 15 x 60.00 / 60 = 15.00. */
static void grace_period(void)
{
    struct price_plan p = small_plan();
    CHECK_INT(fee(&p, "2026-01-08 17:30", "2026-01-08 17:38", false), 0);
    CHECK_INT(fee(&p, "2026-01-08 17:30:00", "2026-01-08 17:40:00", false), 0);
    CHECK_INT(fee(&p, "2026-01-08 17:30:00", "2026-01-08 17:40:01", false), 1500);
}

/* Unit rounding: 17:30-18:31 is 61 min, billed 75; the 14 rounded-up minutes are priced where
 * the stay ended: 30 min day + 45 min prime = 30.00 + 90.00 = 120.00. */
static void billing_unit_rounds_up(void)
{
    struct price_plan p = small_plan();
    struct room_fee f;
    CHECK_INT(pricing_room_fee(&p, at("2026-01-08 17:30"), at("2026-01-08 18:31"), false, &f),
              PRICING_OK);
    CHECK_INT(f.billed_minutes, 75);
    CHECK_INT(f.fee_fen, 12000);
    /* Ending at 17:59 rounds to 18:00 within the day slot, never into prime: 30 x 60 = 30.00. */
    CHECK_INT(fee(&p, "2026-01-08 17:30", "2026-01-08 17:59", false), 3000);
}

/* Across midnight, the night belongs to the business day it started: Thursday 22:00-01:30 is
 * 120 min x 120.00 + 90 min x 80.00 = 240.00 + 120.00 = 360.00; the same on Friday night uses
 * Friday's prime 150.00: 300.00 + 120.00 = 420.00. A stay starting Saturday 00:30 (calendar)
 * is still Friday's business night: 00:30-01:00 = 30 min x 80.00 = 40.00. */
static void across_midnight(void)
{
    struct price_plan p = small_plan();
    CHECK_INT(fee(&p, "2026-01-08 22:00", "2026-01-09 01:30", false), 36000);
    CHECK_INT(fee(&p, "2026-01-09 22:00", "2026-01-10 01:30", false), 42000);
    CHECK_INT(fee(&p, "2026-01-10 00:30", "2026-01-10 01:00", false), 4000);
    /* Friday 23:30 - Saturday 00:30: 30 min x 150.00 + 30 min x 80.00 = 75.00 + 40.00. */
    CHECK_INT(fee(&p, "2026-01-09 23:30", "2026-01-10 00:30", false), 11500);
}

/* Member price where the slot has one: 17:00-18:00 at 48.00 = 48.00. */
static void member_price(void)
{
    struct price_plan p = small_plan();
    CHECK_INT(fee(&p, "2026-01-08 17:00", "2026-01-08 18:00", true), 4800);
    CHECK_INT(fee(&p, "2026-01-08 17:00", "2026-01-08 18:00", false), 6000);
}

/* The fee rounds once for the whole stay: 1 min at 10.00/h in each of two slots is
 * 2 x 1000 / 60 = 33.33 -> 33 fen, where rounding per slot would make 17 + 17 = 34. */
static void rounds_once_per_stay(void)
{
    static const struct price_slot s[] = {
        {PRICE_EVERY_DAY, 0, 720, 1000, 0, 0},
        {PRICE_EVERY_DAY, 720, 1440, 1000, 0, 0},
    };
    struct price_plan p = {s, 2, 1, 0, 0, no_holidays, 0};
    CHECK_INT(fee(&p, "2026-01-08 11:59", "2026-01-08 12:01", false), 33);
    CHECK_INT(fee(&p, "2026-01-08 10:00", "2026-01-08 10:01", false), 17); /* 16.67 -> 17 */
    CHECK_INT(fee(&p, "2026-01-08 10:00", "2026-01-08 10:03", false), 50);
}

/* A listed holiday uses its holiday slots: 2026-10-01 (a Thursday) 19:00-20:00 at 200.00;
 * a week later the ordinary Thursday prime 120.00. */
static void holidays(void)
{
    int64_t hol[1];
    CHECK(date_parse("2026-10-01", &hol[0]));
    struct price_plan p = small_plan();
    p.holidays = hol;
    p.nholidays = 1;
    CHECK_INT(fee(&p, "2026-10-01 19:00", "2026-10-01 20:00", false), 20000);
    CHECK_INT(fee(&p, "2026-10-08 19:00", "2026-10-08 20:00", false), 12000);
    /* No holiday day slot: the holiday afternoon falls back to the weekday's 60.00. */
    CHECK_INT(fee(&p, "2026-10-01 13:00", "2026-10-01 14:00", false), 6000);
    CHECK_INT(pricing_slot_at(&p, at("2026-10-01 19:00")), 4);
}

/* A 3-hour package at 300.00 from 20:00: leaving 23:20 overruns 20 min, past the 10 min grace,
 * billed one unit of 30 min? No: 20 min -> 30 min billed (units of 15) at 120.00 = 60.00.
 * Leaving 23:08 overruns 8 min: free. */
static void package_overrun(void)
{
    struct price_plan p = small_plan();
    struct package_terms t = {30000, 180, false, 0};
    struct package_fee f;
    CHECK_INT(
        pricing_package_fee(&p, &t, at("2026-01-08 20:00"), at("2026-01-08 23:20"), false, &f),
        PRICING_OK);
    CHECK_INT(f.package_fen, 30000);
    CHECK_INT(f.overrun.billed_minutes, 30);
    CHECK_INT(f.overrun.fee_fen, 6000);
    CHECK_INT(
        pricing_package_fee(&p, &t, at("2026-01-08 20:00"), at("2026-01-08 23:08"), false, &f),
        PRICING_OK);
    CHECK_INT(f.overrun.fee_fen, 0);
}

/* A buy-out (买断) until 06:00 from 22:00: leaving 06:40 overruns 40 min (billed 45) into a
 * morning slot at 30.00/h = 22.50; without a morning slot the overrun is uncovered. */
static void buyout_until_close(void)
{
    static const struct price_slot s[] = {
        {PRICE_EVERY_DAY, 360, 720, 3000, 0, 0},
        {PRICE_EVERY_DAY, 720, 1440, 6000, 0, 0},
        {PRICE_EVERY_DAY, 0, 360, 8000, 0, 0},
    };
    struct price_plan p = {s, 3, 15, 10, 360, no_holidays, 0};
    struct package_terms t = {20000, 0, true, 360};
    struct package_fee f;
    CHECK_INT(
        pricing_package_fee(&p, &t, at("2026-01-08 22:00"), at("2026-01-09 06:40"), false, &f),
        PRICING_OK);
    CHECK_INT(f.included_until_local, at("2026-01-09 06:00"));
    CHECK_INT(f.overrun.fee_fen, 2250);
    struct price_plan closed = small_plan();
    CHECK_INT(
        pricing_package_fee(&closed, &t, at("2026-01-08 22:00"), at("2026-01-09 06:40"), false, &f),
        PRICING_UNCOVERED);
}

static void refuses_bad_plans_and_ranges(void)
{
    struct price_plan p = small_plan();
    struct room_fee f;
    CHECK_INT(pricing_room_fee(&p, at("2026-01-08 19:00"), at("2026-01-08 18:00"), false, &f),
              PRICING_BAD_RANGE);
    CHECK_INT(pricing_room_fee(&p, at("2026-01-08 19:00"), at("2026-01-11 19:00"), false, &f),
              PRICING_BAD_RANGE);
    CHECK_INT(pricing_room_fee(&p, at("2026-01-08 07:00"), at("2026-01-08 08:00"), false, &f),
              PRICING_UNCOVERED);
    static const struct price_slot overlap[] = {
        {PRICE_EVERY_DAY, 600, 1200, 1000, 0, 0},
        {0x01u, 1100, 1440, 1000, 0, 0},
    };
    struct price_plan bad = {overlap, 2, 15, 10, 360, no_holidays, 0};
    CHECK_INT(pricing_check_plan(&bad), PRICING_BAD_PLAN);
    struct price_plan zero_unit = small_plan();
    zero_unit.unit_min = 0;
    CHECK_INT(pricing_check_plan(&zero_unit), PRICING_BAD_PLAN);
    CHECK_INT(pricing_check_plan(&p), PRICING_OK);
}

/* R5: room 50.00 + 3 drinks at 10.00 = 80.00 against a minimum of 100.00: top-up 20.00 as its
 * own amount, total 100.00; with 120.00 of spend the top-up is 0. Goods that do not count
 * toward the minimum do not reduce it. */
static void r5_minimum_spend(void)
{
    CHECK_INT(pricing_min_spend_topup(10000, 5000, 3000), 2000);
    CHECK_INT(pricing_min_spend_topup(10000, 5000, 7000), 0);
    struct calc_line lines[] = {
        {3, 1000, 0, true, true, 0},
        {1, 2000, 0, true, false, 0}, /* cigarettes: not toward the minimum */
    };
    struct bill_calc b = {.room_fen = 5000, .min_spend_fen = 10000, .lines = lines, .nlines = 2};
    pricing_bill_totals(&b);
    CHECK_INT(b.topup_fen, 2000);
    CHECK_INT(b.gross_fen, 5000 + 5000 + 2000);
    CHECK_INT(b.total_fen, 12000);
}

/* R1 on a bill: 2.30 with 5 % off is 2.19 on the line and in the total. R3: a fee of 2.00 for
 * each of 5 guests is one line of 10.00 and stays one line under a whole-bill 1.00 discount.
 * R4: 250.50 is collected as 250.00 with 0.50 of rounding. M1: 228.00 less 28.00 = 200.00. */
static void bill_totals(void)
{
    struct calc_line r1[] = {{1, 230, 500, true, true, 0}};
    struct bill_calc b = {.lines = r1, .nlines = 1};
    pricing_bill_totals(&b);
    CHECK_INT(r1[0].amount_fen, 219);
    CHECK_INT(b.total_fen, 219);

    struct calc_line r3[] = {{5, 200, 0, false, false, 0}};
    struct bill_calc b3 = {.lines = r3, .nlines = 1, .bill_discount_fen = 100};
    pricing_bill_totals(&b3);
    CHECK_INT(r3[0].amount_fen, 1000);
    CHECK_INT(b3.discount_fen, 100);
    CHECK_INT(b3.total_fen, 900);

    struct calc_line r4[] = {{1, 25050, 0, true, true, 0}};
    struct bill_calc b4 = {.lines = r4, .nlines = 1, .round_down_to_yuan = true};
    pricing_bill_totals(&b4);
    CHECK_INT(b4.rounding_fen, 50);
    CHECK_INT(b4.total_fen, 25000);

    struct calc_line m1[] = {{1, 22800, 0, true, true, 0}};
    struct bill_calc bm = {.lines = m1, .nlines = 1, .bill_discount_fen = 2800};
    pricing_bill_totals(&bm);
    CHECK_INT(bm.total_fen, 20000);

    /* A percentage applies to discountable amounts only: room 100.00 (not discountable) and
     * goods 50.00 at 20 % off = 10.00 discount; service 10 % of 140.00 = 14.00; total 154.00. */
    struct calc_line g[] = {{5, 1000, 0, true, true, 0}};
    struct bill_calc bp = {
        .room_fen = 10000, .lines = g, .nlines = 1, .bill_discount_bp = 2000, .service_bp = 1000};
    pricing_bill_totals(&bp);
    CHECK_INT(bp.discount_fen, 1000);
    CHECK_INT(bp.service_fen, 1400);
    CHECK_INT(bp.total_fen, 15400);

    /* A discount larger than the bill makes it 0.00, never negative; a 100 % line is 0.00. */
    struct calc_line free_line[] = {{1, 1000, 10000, true, true, 0}};
    struct bill_calc bf = {.lines = free_line, .nlines = 1, .bill_discount_fen = 50000};
    pricing_bill_totals(&bf);
    CHECK_INT(free_line[0].amount_fen, 0);
    CHECK_INT(bf.total_fen, 0);
    CHECK_INT(bf.discount_fen, 0);

    /* S8: a returned line: +1 x 150.00 and -1 x 250.00 make -100.00. */
    struct calc_line ret[] = {{1, 15000, 0, true, true, 0}, {-1, 25000, 0, true, true, 0}};
    struct bill_calc br = {.lines = ret, .nlines = 2};
    pricing_bill_totals(&br);
    CHECK_INT(br.total_fen, -10000);
}

/* The large room's plan for a change of room: 白天档 12-18 at 100.00, 黄金档 18-24 at 200.00
 * with a minimum spend of 500.00, 午夜档 00-06 at 150.00; unit 30 min, grace 5 min. */
static const struct price_slot large_slots[] = {
    {PRICE_EVERY_DAY, 720, 1080, 10000, 0, 0},
    {PRICE_EVERY_DAY, 1080, 1440, 20000, 0, 50000},
    {PRICE_EVERY_DAY, 0, 360, 15000, 0, 0},
};

static struct price_plan large_plan(void)
{
    struct price_plan p = {large_slots, 3, 30, 5, 360, no_holidays, 0};
    return p;
}

/* Change of room (docs/pricing.md, example 7): small room 17:30-18:10, then the large room
 * 18:10-19:00. Each minute is priced in the room the guest was in:
 *   30 min x 60.00 + 10 min x 120.00 + 50 min x 200.00 = 1,300,000 / 60 fen = 216.67.
 * 90 minutes are whole units of the last room's 30, so nothing is rounded up. The minimum
 * spend is the larger of the two rooms' entry slots: 200.00 (small, entered 17:30 in the day
 * slot: 0) and 500.00 (large, entered 18:10 in prime) = 500.00. The part amounts split the fee
 * exactly: 30.00 + 20.00 + 166.67. */
static void change_of_room(void)
{
    struct price_plan s = small_plan(), l = large_plan();
    struct stay_segment segs[] = {{&s, at("2026-01-08 17:30"), at("2026-01-08 18:10")},
                                  {&l, at("2026-01-08 18:10"), at("2026-01-08 19:00")}};
    struct room_fee f;
    CHECK_INT(pricing_stay_fee(segs, 2, false, &f), PRICING_OK);
    CHECK_INT(f.fee_fen, 21667);
    CHECK_INT(f.billed_minutes, 90);
    CHECK_INT(f.min_spend_fen, 50000);
    CHECK_INT(f.nparts, 3);
    CHECK_INT(f.parts[2].segment, 1);
    CHECK_INT(f.parts[2].minutes, 50);
    int64_t amounts[PRICING_MAX_PARTS];
    pricing_part_amounts(&f, amounts);
    CHECK_INT(amounts[0], 3000);
    CHECK_INT(amounts[1], 2000);
    CHECK_INT(amounts[2], 16667);
    /* Leaving at 19:01 instead: 91 started minutes, billed 120 in units of the last room's
     * 30 min; the 29 rounded-up minutes are priced in the large room's prime:
     * 30 x 60 + 10 x 120 + 80 x 200 = 1,900,000 / 60 = 316.67. */
    segs[1].end_local = at("2026-01-08 19:01");
    CHECK_INT(pricing_stay_fee(segs, 2, false, &f), PRICING_OK);
    CHECK_INT(f.billed_minutes, 120);
    CHECK_INT(f.fee_fen, 31667);
}

/* The grace is the first room's and counts the whole stay: 5 min in the small room and 3 in
 * the large is 8 minutes, inside the small room's 10: free, and no minimum owed. */
static void change_of_room_inside_grace(void)
{
    struct price_plan s = small_plan(), l = large_plan();
    struct stay_segment segs[] = {{&s, at("2026-01-08 18:30"), at("2026-01-08 18:35")},
                                  {&l, at("2026-01-08 18:35"), at("2026-01-08 18:38")}};
    struct room_fee f;
    CHECK_INT(pricing_stay_fee(segs, 2, false, &f), PRICING_OK);
    CHECK_INT(f.fee_fen, 0);
    CHECK_INT(f.min_spend_fen, 0);
    /* Segments with a gap are refused. */
    segs[1].start_local = at("2026-01-08 18:36");
    CHECK_INT(pricing_stay_fee(segs, 2, false, &f), PRICING_BAD_RANGE);
}

/* A stay opened in prime owes the slot's minimum: 18:30-19:30 in the small room on a Thursday
 * is 60 min x 120.00 = 120.00 with a minimum of 200.00. */
static void minimum_of_the_opening_slot(void)
{
    struct price_plan p = small_plan();
    struct room_fee f;
    CHECK_INT(pricing_room_fee(&p, at("2026-01-08 18:30"), at("2026-01-08 19:30"), false, &f),
              PRICING_OK);
    CHECK_INT(f.fee_fen, 12000);
    CHECK_INT(f.min_spend_fen, 20000);
    /* Opened 17:30 in the day slot (no minimum), still there at 19:15: none. */
    CHECK_INT(pricing_room_fee(&p, at("2026-01-08 17:30"), at("2026-01-08 19:15"), false, &f),
              PRICING_OK);
    CHECK_INT(f.min_spend_fen, 0);
}

/* Part amounts round the running sum: 1 min at 10.00/h in each of two slots is 16.67 + 16.67 =
 * 33.33 -> 33 fen, split 17 + 16 (never 17 + 17). */
static void part_amounts_sum_to_the_fee(void)
{
    static const struct price_slot s[] = {
        {PRICE_EVERY_DAY, 0, 720, 1000, 0, 0},
        {PRICE_EVERY_DAY, 720, 1440, 1000, 0, 0},
    };
    struct price_plan p = {s, 2, 1, 0, 0, no_holidays, 0};
    struct room_fee f;
    CHECK_INT(pricing_room_fee(&p, at("2026-01-08 11:59"), at("2026-01-08 12:01"), false, &f),
              PRICING_OK);
    int64_t a[PRICING_MAX_PARTS];
    pricing_part_amounts(&f, a);
    CHECK_INT(a[0], 17);
    CHECK_INT(a[1], 16);
    CHECK_INT(a[0] + a[1], f.fee_fen);
}

/* A package across a change of room: 3 hours at 300.00 from 20:00 in the small room, moved to
 * the large room at 22:00, leaving 23:20. The overrun (23:00-23:20) is priced like a stay in
 * the large room: past its 5-minute grace, 20 min billed as one 30-minute unit at its prime
 * 200.00 = 100.00, recorded against segment 1. */
static void package_across_change_of_room(void)
{
    struct price_plan s = small_plan(), l = large_plan();
    struct stay_segment segs[] = {{&s, at("2026-01-08 20:00"), at("2026-01-08 22:00")},
                                  {&l, at("2026-01-08 22:00"), at("2026-01-08 23:20")}};
    struct package_terms t = {30000, 180, false, 0};
    struct package_fee f;
    CHECK_INT(pricing_stay_package_fee(segs, 2, &t, false, &f), PRICING_OK);
    CHECK_INT(f.package_fen, 30000);
    CHECK_INT(f.overrun.billed_minutes, 30);
    CHECK_INT(f.overrun.fee_fen, 10000);
    CHECK_INT(f.overrun.parts[0].segment, 1);
    CHECK_INT(f.overrun.min_spend_fen, 0); /* a package is its own minimum */
    /* Two packages (a second bought to extend, 续钟) are one of 600.00 and 6 hours: no overrun. */
    struct package_terms two = {60000, 360, false, 0};
    CHECK_INT(pricing_stay_package_fee(segs, 2, &two, false, &f), PRICING_OK);
    CHECK_INT(f.overrun.fee_fen, 0);
    CHECK_INT(f.included_until_local, at("2026-01-09 02:00"));
}

/* Member discount, percentage, coupon and fixed discount, in that order. Room 50.00 (member
 * price already in it), goods 100.00 discountable: member 九折 (1000 bp off) on goods = 10.00;
 * 10 % on room + goods after the member discount (50 + 90 = 140) = 14.00; coupon 5.00; fixed
 * 3.00: discount 32.00, total 150.00 - 32.00 = 118.00. */
static void discounts_in_order(void)
{
    struct calc_line g[] = {{10, 1000, 0, true, true, 0}};
    struct bill_calc b = {.room_fen = 5000,
                          .room_discountable = true,
                          .lines = g,
                          .nlines = 1,
                          .member_discount_bp = 1000,
                          .bill_discount_bp = 1000,
                          .coupon_fen = 500,
                          .bill_discount_fen = 300};
    pricing_bill_totals(&b);
    CHECK_INT(b.member_discount_fen, 1000);
    CHECK_INT(b.percent_discount_fen, 1400);
    CHECK_INT(b.coupon_discount_fen, 500);
    CHECK_INT(b.fixed_discount_fen, 300);
    CHECK_INT(b.discount_fen, 3200);
    CHECK_INT(b.total_fen, 11800);
    /* Goods that are not discountable (cigarettes) get no member discount. */
    struct calc_line cig[] = {{1, 2000, 0, false, false, 0}};
    struct bill_calc c = {.lines = cig, .nlines = 1, .member_discount_bp = 1000};
    pricing_bill_totals(&c);
    CHECK_INT(c.member_discount_fen, 0);
    CHECK_INT(c.total_fen, 2000);
    /* Each discount takes at most what the ones before left: gross 10.00, member 1.00, 50 %
     * of 9.00 = 4.50, a coupon of 10.00 takes the last 4.50, the fixed 3.00 takes nothing. */
    struct calc_line one[] = {{1, 1000, 0, true, true, 0}};
    struct bill_calc d = {.lines = one,
                          .nlines = 1,
                          .member_discount_bp = 1000,
                          .bill_discount_bp = 5000,
                          .coupon_fen = 1000,
                          .bill_discount_fen = 300};
    pricing_bill_totals(&d);
    CHECK_INT(d.member_discount_fen, 100);
    CHECK_INT(d.percent_discount_fen, 450);
    CHECK_INT(d.coupon_discount_fen, 450);
    CHECK_INT(d.fixed_discount_fen, 0);
    CHECK_INT(d.total_fen, 0);
}

int main(void)
{
    RUN(across_18_00);
    RUN(grace_period);
    RUN(billing_unit_rounds_up);
    RUN(across_midnight);
    RUN(member_price);
    RUN(rounds_once_per_stay);
    RUN(holidays);
    RUN(package_overrun);
    RUN(buyout_until_close);
    RUN(refuses_bad_plans_and_ranges);
    RUN(r5_minimum_spend);
    RUN(bill_totals);
    RUN(change_of_room);
    RUN(change_of_room_inside_grace);
    RUN(minimum_of_the_opening_slot);
    RUN(part_amounts_sum_to_the_fee);
    RUN(package_across_change_of_room);
    RUN(discounts_in_order);
    return harness_finish("frontdesk/pricing");
}
