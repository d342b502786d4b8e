/* test_drawer.c: the drawer rules of cases S1-S5 and S7-S8, worked out by hand. */
#include "harness.h"
#include "shifts/drawer.h"

/* S1: sale 75.00 paid with 100.00 keeps 75.00 (change 25.00); 700.00 paid with 800.00 keeps
 * 700.00. The drawer expects +775.00, never the 900.00 tendered. */
static void s1_change_is_not_takings(void)
{
    int64_t kept, change;
    CHECK(drawer_tender(7500, 10000, &kept, &change));
    CHECK_INT(kept, 7500);
    CHECK_INT(change, 2500);
    struct cash_event ev[2] = {{CASH_SALE, kept}, {CASH_SALE, 0}};
    CHECK(drawer_tender(70000, 80000, &kept, &change));
    ev[1].amount_fen = kept;
    struct drawer_summary s;
    CHECK(drawer_summarise(0, ev, 2, &s));
    CHECK_INT(s.expected_fen, 77500);
    CHECK(!drawer_tender(7500, 5000, &kept, &change)); /* not enough handed over */
}

/* S2: float 100.00; cash sales 300.00; 40.00 paid out for bar supplies; 200.00 dropped in the
 * safe; a cash refund of 15.00: expected 100 + 300 - 40 - 200 - 15 = 145.00, itemised. */
static void s2_every_cash_movement_counts(void)
{
    struct cash_event ev[] = {
        {CASH_SALE, 30000}, {CASH_PAY_OUT, 4000}, {CASH_SAFE_DROP, 20000}, {CASH_REFUND, 1500},
    };
    struct drawer_summary s;
    CHECK(drawer_summarise(10000, ev, 4, &s));
    CHECK_INT(s.expected_fen, 14500);
    CHECK_INT(s.totals[CASH_SALE], 30000);
    CHECK_INT(s.totals[CASH_PAY_OUT], 4000);
    CHECK_INT(s.totals[CASH_SAFE_DROP], 20000);
    CHECK_INT(s.totals[CASH_REFUND], 1500);
}

/* S3: shift B opens counting 50.00 after A closed with 100.00 counted: B's opening difference
 * is -50.00 (reported once, at B's opening); one cash sale of 10.00: B expects 60.00 and its
 * closing difference is against 60.00. */
static void s3_opening_counted_once(void)
{
    int64_t opening_difference = drawer_difference(5000, 10000);
    CHECK_INT(opening_difference, -5000);
    struct cash_event ev[] = {{CASH_SALE, 1000}};
    struct drawer_summary s;
    CHECK(drawer_summarise(5000, ev, 1, &s));
    CHECK_INT(s.expected_fen, 6000);
    CHECK_INT(drawer_difference(6000, s.expected_fen), 0);
}

/* S4 and S5: float 50.00 + sales 100.00 = 150.00 expected, 50.00 counted: short 100.00.
 * Float 100.00 + sale 10.00, counted 90.00: short 20.00. */
static void s4_s5_shorts(void)
{
    struct cash_event a[] = {{CASH_SALE, 10000}};
    struct drawer_summary s;
    CHECK(drawer_summarise(5000, a, 1, &s));
    CHECK_INT(drawer_difference(5000, s.expected_fen), -10000);
    struct cash_event b[] = {{CASH_SALE, 1000}};
    CHECK(drawer_summarise(10000, b, 1, &s));
    CHECK_INT(drawer_difference(9000, s.expected_fen), -2000);
}

/* S7: sold 100.00 by card, refunded 100.00 in cash: the drawer goes -100.00 (the card total is
 * kept apart, +100.00, by channel). */
static void s7_refund_by_another_method(void)
{
    struct cash_event ev[] = {{CASH_REFUND, 10000}};
    struct drawer_summary s;
    CHECK(drawer_summarise(20000, ev, 1, &s));
    CHECK_INT(s.expected_fen, 10000);
    CHECK_INT(s.totals[CASH_REFUND], 10000);
}

static void counts_by_denomination(void)
{
    struct denomination_count c[] = {{10000, 3}, {5000, 1}, {1000, 4}, {100, 7}, {50, 1}};
    int64_t total = 0;
    CHECK(drawer_count_total(c, 5, &total));
    CHECK_INT(total, 30000 + 5000 + 4000 + 700 + 50);
    struct denomination_count odd[] = {{3000, 1}};
    CHECK(!drawer_count_total(odd, 1, &total));
    struct denomination_count neg[] = {{100, -1}};
    CHECK(!drawer_count_total(neg, 1, &total));
    struct denomination_count twice[] = {{100, 1}, {100, 2}};
    CHECK(!drawer_count_total(twice, 2, &total));
    struct cash_event bad[] = {{CASH_SALE, -5}};
    struct drawer_summary s;
    CHECK(!drawer_summarise(0, bad, 1, &s));
}

/* S8 paid in cash: a bill of +150.00 and -250.00 (total -100.00) hands 100.00 back, which
 * leaves the drawer like a refund; by card it never touches the drawer. A zero payment moves
 * nothing. */
static void s8_negative_cash_payment_is_a_refund(void)
{
    struct cash_event e;
    CHECK(drawer_payment_event(-10000, &e));
    CHECK_INT(e.kind, CASH_REFUND);
    CHECK_INT(e.amount_fen, 10000);
    CHECK(drawer_payment_event(7500, &e));
    CHECK_INT(e.kind, CASH_SALE);
    CHECK_INT(e.amount_fen, 7500);
    CHECK(!drawer_payment_event(0, &e));
    struct cash_event ev[2];
    CHECK(drawer_payment_event(30000, &ev[0]));
    CHECK(drawer_payment_event(-10000, &ev[1]));
    struct drawer_summary s;
    CHECK(drawer_summarise(10000, ev, 2, &s));
    CHECK_INT(s.expected_fen, 30000);
    CHECK_INT(s.totals[CASH_SALE], 30000);
    CHECK_INT(s.totals[CASH_REFUND], 10000);
}

/* 长缴短补: an over (+) is other income, a short (-) is owed by the cashier, even is nothing;
 * the sign alone decides, one fen is enough. */
static void outcome_and_treatment(void)
{
    CHECK_INT(drawer_outcome_of(1), DRAWER_OVER);
    CHECK_INT(drawer_outcome_of(-1), DRAWER_SHORT);
    CHECK_INT(drawer_outcome_of(0), DRAWER_EVEN);
    CHECK_STR(drawer_treatment(DRAWER_OVER), "other_income");
    CHECK_STR(drawer_treatment(DRAWER_SHORT), "cashier_receivable");
    CHECK_STR(drawer_treatment(DRAWER_EVEN), "");
    CHECK_STR(drawer_outcome_id(drawer_outcome_of(-10000)), "short");
    CHECK_STR(drawer_outcome_id(drawer_outcome_of(2000)), "over");
    CHECK_STR(drawer_outcome_id(drawer_outcome_of(0)), "even");
    /* S4: a short of 100.00 and a later over of 100.00 are two records, never netted. */
    CHECK_INT(drawer_difference(5000, 15000), -10000);
    CHECK_INT(drawer_difference(20000, 10000), 10000);
}

int main(void)
{
    RUN(s1_change_is_not_takings);
    RUN(s2_every_cash_movement_counts);
    RUN(s3_opening_counted_once);
    RUN(s4_s5_shorts);
    RUN(s7_refund_by_another_method);
    RUN(counts_by_denomination);
    RUN(s8_negative_cash_payment_is_a_refund);
    RUN(outcome_and_treatment);
    return harness_finish("shifts/drawer");
}
