/* test_sv_rules.c: the pure rules of stored value (members/sv.c), by hand: which offer a top-up
 * gets (充送), how much bonus a role may give by hand, what a refund of principal does to the
 * balance (the bonus forfeited with the whole principal), how the liability report sorts the
 * ledger's movements; and the drawer with stored value in cash (shifts/drawer.c). */
#include "harness.h"
#include "members/sv.h"
#include "shifts/drawer.h"

#include <stdio.h>

static struct sv_rule rule(int64_t id, int64_t threshold, int64_t bonus, const char *from,
                           const char *to, bool active)
{
    struct sv_rule r = {id, threshold, bonus, "", "", active};
    snprintf(r.effective_from, sizeof r.effective_from, "%s", from);
    snprintf(r.effective_to, sizeof r.effective_to, "%s", to);
    return r;
}

/* 充 1,000 送 200 and 充 2,000 送 500, both in force all of 2025. */
static void best_offer_by_threshold(void)
{
    struct sv_rule rules[] = {rule(1, 100000, 20000, "2025-01-01", "2025-12-31", true),
                              rule(2, 200000, 50000, "2025-01-01", "2025-12-31", true)};
    const char *day = "2025-03-15";
    CHECK_INT(sv_best_rule(rules, 2, day, 99999), -1);  /* 999.99: no offer */
    CHECK_INT(sv_best_rule(rules, 2, day, 100000), 0);  /* 1,000.00: 200.00 */
    CHECK_INT(sv_best_rule(rules, 2, day, 199999), 0);  /* 1,999.99: still 200.00 */
    CHECK_INT(sv_best_rule(rules, 2, day, 200000), 1);  /* 2,000.00: 500.00 */
    CHECK_INT(sv_best_rule(rules, 2, day, 300000), 1);  /* 3,000.00: 500.00, never 700.00 */
    CHECK_INT(sv_best_rule(rules, 0, day, 300000), -1); /* no offers at all */
}

/* Offers count only on the business days they are in force, and only when active. */
static void offers_in_force(void)
{
    struct sv_rule rules[] = {rule(1, 100000, 20000, "2025-01-01", "2025-03-31", true),
                              rule(2, 100000, 30000, "2025-04-01", "9999-12-31", true),
                              rule(3, 100000, 90000, "2025-01-01", "9999-12-31", false)};
    CHECK(sv_rule_in_force(&rules[0], "2025-01-01"));
    CHECK(sv_rule_in_force(&rules[0], "2025-03-31"));
    CHECK(!sv_rule_in_force(&rules[0], "2025-04-01"));
    CHECK(!sv_rule_in_force(&rules[0], "2024-12-31"));
    CHECK(!sv_rule_in_force(&rules[2], "2025-02-01")); /* switched off */
    CHECK_INT(sv_best_rule(rules, 3, "2025-03-31", 100000), 0); /* the March offer: 200.00 */
    CHECK_INT(sv_best_rule(rules, 3, "2025-04-01", 100000), 1); /* April's: 300.00 */
    CHECK_INT(sv_best_rule(rules, 3, "2024-12-31", 500000), -1);
}

/* The best is the largest bonus, not the highest threshold; among equal bonuses the higher
 * threshold, then the older offer. */
static void best_is_largest_bonus(void)
{
    struct sv_rule rules[] = {rule(7, 50000, 10000, "2025-01-01", "9999-12-31", true),
                              rule(3, 80000, 10000, "2025-01-01", "9999-12-31", true),
                              rule(5, 60000, 15000, "2025-01-01", "9999-12-31", true),
                              rule(4, 80000, 10000, "2025-01-01", "9999-12-31", true)};
    /* 700.00 meets 500 (100), 600 (150): 150.00 wins. */
    CHECK_INT(sv_best_rule(rules, 4, "2025-06-01", 70000), 2);
    /* 550.00 meets only 500 -> 100. */
    CHECK_INT(sv_best_rule(rules, 4, "2025-06-01", 55000), 0);
    /* Without the 150 offer, 900.00 meets 500 (100), 800 #3 (100), 800 #4 (100): the higher
     * threshold, then the older id: #3. */
    struct sv_rule same[] = {rules[0], rules[1], rules[3]};
    CHECK_INT(sv_best_rule(same, 3, "2025-06-01", 90000), 1);
}

/* By hand: at most the offer always; more within the role's basis points of the amount. */
static void bonus_by_hand(void)
{
    /* Amount 1,000.00, offer 200.00. */
    CHECK(sv_bonus_within(100000, 20000, 0, 0));     /* none: always */
    CHECK(sv_bonus_within(100000, 20000, 15000, 0)); /* less than the offer */
    CHECK(sv_bonus_within(100000, 20000, 20000, 0)); /* the offer itself */
    CHECK(!sv_bonus_within(100000, 20000, 20001, 0)); /* a cashier (0 %) may not give more */
    /* A manager at 30 %: up to 300.00 exactly, 300.01 not. */
    CHECK(sv_bonus_within(100000, 20000, 30000, 3000));
    CHECK(!sv_bonus_within(100000, 20000, 30001, 3000));
    /* 30 % of 333.33 is 99.999: 99.99 allowed, 100.00 not (no rounding in favour). */
    CHECK(sv_bonus_within(33333, 0, 9999, 3000));
    CHECK(!sv_bonus_within(33333, 0, 10000, 3000));
    /* Never negative, never more than the money paid, never on nothing. */
    CHECK(!sv_bonus_within(100000, 20000, -1, 10000));
    CHECK(!sv_bonus_within(100000, 20000, 100001, 10000));
    CHECK(sv_bonus_within(100000, 0, 100000, 10000));
    CHECK(!sv_bonus_within(0, 0, 0, 10000));
    /* The largest amounts do not overflow: 1,000,000.00 at 100 %. */
    CHECK(sv_bonus_within(SV_MAX_FEN, 0, SV_MAX_FEN, 10000));
}

/* Refunds of principal only; the bonus leaves in proportion, rounded up to the fen. */
static void refund_principal_only(void)
{
    struct sv_balance bal = {80000, 20000}, ch;
    /* 300.00 of 800.00 (3/8): principal -300.00, bonus -75.00 (200.00 x 3/8); 500.00 + 125.00
     * stay, the same 1:4 as before. */
    CHECK_INT(sv_refund(&bal, 30000, &ch), SV_REFUND_OK);
    CHECK_INT(ch.principal_fen, -30000);
    CHECK_INT(ch.bonus_fen, -7500);
    /* 799.99: the bonus share is 200.00 x 79999 / 80000 = 199.9975, rounded up to 200.00: the
     * 0.01 left keeps no bonus (the adversarial pass kept all 200.00 this way). */
    CHECK_INT(sv_refund(&bal, 79999, &ch), SV_REFUND_OK);
    CHECK_INT(ch.bonus_fen, -20000);
    /* 0.01 of 800.00: 200.00 / 80000 = 0.0025, rounded up to 0.01. */
    CHECK_INT(sv_refund(&bal, 1, &ch), SV_REFUND_OK);
    CHECK_INT(ch.bonus_fen, -1);
    /* 100.00 of 300.00 with 100.00 of bonus: 33.333..., rounded up to 33.34. */
    struct sv_balance third = {30000, 10000};
    CHECK_INT(sv_refund(&third, 10000, &ch), SV_REFUND_OK);
    CHECK_INT(ch.bonus_fen, -3334);
    /* All 800.00: the 200.00 of bonus is forfeited. */
    CHECK_INT(sv_refund(&bal, 80000, &ch), SV_REFUND_OK);
    CHECK_INT(ch.principal_fen, -80000);
    CHECK_INT(ch.bonus_fen, -20000);
    /* 800.01 is more than the principal: refused, nothing changes; the bonus is never paid. */
    CHECK_INT(sv_refund(&bal, 80001, &ch), SV_REFUND_TOO_MUCH);
    CHECK_INT(ch.principal_fen, 0);
    CHECK_INT(ch.bonus_fen, 0);
    CHECK_INT(sv_refund(&bal, 100000, &ch), SV_REFUND_TOO_MUCH); /* the whole balance */
    CHECK_INT(sv_refund(&bal, 0, &ch), SV_REFUND_BAD_AMOUNT);
    CHECK_INT(sv_refund(&bal, -100, &ch), SV_REFUND_BAD_AMOUNT);
    CHECK_INT(sv_refund(&bal, SV_MAX_FEN + 1, &ch), SV_REFUND_BAD_AMOUNT);
    /* Only bonus left: nothing can be refunded. */
    struct sv_balance bonus_only = {0, 5000};
    CHECK_INT(sv_refund(&bonus_only, 1, &ch), SV_REFUND_TOO_MUCH);
    /* No bonus: the whole principal takes no bonus with it. */
    struct sv_balance plain = {12345, 0};
    CHECK_INT(sv_refund(&plain, 12345, &ch), SV_REFUND_OK);
    CHECK_INT(ch.bonus_fen, 0);
}

static void methods(void)
{
    CHECK(sv_method_valid("cash"));
    CHECK(sv_method_valid("wechat"));
    CHECK(sv_method_valid("alipay"));
    CHECK(sv_method_valid("card"));
    CHECK(!sv_method_valid("member"));  /* stored value never tops up stored value */
    CHECK(!sv_method_valid("voucher"));
    CHECK(!sv_method_valid("Cash"));
    CHECK(!sv_method_valid(""));
    CHECK(!sv_method_valid(NULL));
    CHECK_STR(sv_method_label("wechat"), "微信");
    CHECK_STR(sv_method_label("bitcoin"), "bitcoin");
}

/* A month of one member, by hand (principal / bonus):
 *   opening                   80000 /  20000   (800.00 + 200.00)
 *   top-up 1,000 + 200       +100000 / +20000
 *   bill paid 200.00          -16000 /  -4000   (in proportion 800:200)
 *   that bill voided          +16000 /  +4000
 *   bill paid 120.00          -10000 /  -2000
 *   a refund of that bill      +5000 /  +1000   (back to the balance)
 *   adjustment                  -100 /      0
 *   held before the refund:   80000 + 100000 - 10000 + 5000 - 100 = 174900 / 39000
 *   refund of all principal  -174900 / -39000   (the bonus forfeited with it)
 * consumption = 16000 - 16000 + 10000 - 5000 = 5000 / 4000 - 4000 + 2000 - 1000 = 1000;
 * closing = 80000 + 100000 - 5000 - 174900 - 100 = 0 / 20000 + 20000 - 1000 - 39000 = 0. */
static void liability_movements(void)
{
    struct sv_movements m = {0};
    CHECK(sv_movements_add(&m, "topup", false, 100000, 20000));
    CHECK(sv_movements_add(&m, "pay", true, -16000, -4000));
    CHECK(sv_movements_add(&m, "void", true, 16000, 4000));
    CHECK(sv_movements_add(&m, "pay", true, -10000, -2000));
    CHECK(sv_movements_add(&m, "refund", true, 5000, 1000));
    CHECK(sv_movements_add(&m, "adjust", false, -100, 0));
    CHECK(sv_movements_add(&m, "refund", false, -174900, -39000));
    CHECK(!sv_movements_add(&m, "gift", false, 1, 1)); /* unknown: nothing added */
    CHECK_INT(m.topup_principal_fen, 100000);
    CHECK_INT(m.topup_bonus_fen, 20000);
    CHECK_INT(m.consumed_principal_fen, 5000);
    CHECK_INT(m.consumed_bonus_fen, 1000);
    CHECK_INT(m.refunded_principal_fen, 174900);
    CHECK_INT(m.forfeited_bonus_fen, 39000);
    CHECK_INT(m.adjust_principal_fen, -100);
    CHECK_INT(m.adjust_bonus_fen, 0);
    struct sv_balance opening = {80000, 20000};
    struct sv_balance c = sv_closing(&opening, &m);
    CHECK_INT(c.principal_fen, 0);
    CHECK_INT(c.bonus_fen, 0);
    /* Totals add up member by member. */
    struct sv_movements total = {0}, other = {0};
    CHECK(sv_movements_add(&other, "topup", false, 50000, 5000));
    sv_movements_sum(&total, &m);
    sv_movements_sum(&total, &other);
    CHECK_INT(total.topup_principal_fen, 150000);
    CHECK_INT(total.topup_bonus_fen, 25000);
    CHECK_INT(total.refunded_principal_fen, 174900);
    /* opening 80000 + 0, closing 0 + 50000 and 0 + 5000. */
    struct sv_balance both = {80000, 20000};
    c = sv_closing(&both, &total);
    CHECK_INT(c.principal_fen, 50000);
    CHECK_INT(c.bonus_fen, 5000);
}

/* A voided bill of an earlier month gives consumption back: negative in this period. */
static void liability_void_of_earlier_month(void)
{
    struct sv_movements m = {0};
    CHECK(sv_movements_add(&m, "void", true, 16000, 4000));
    CHECK_INT(m.consumed_principal_fen, -16000);
    CHECK_INT(m.consumed_bonus_fen, -4000);
    struct sv_balance opening = {64000, 16000};
    struct sv_balance c = sv_closing(&opening, &m);
    CHECK_INT(c.principal_fen, 80000);
    CHECK_INT(c.bonus_fen, 20000);
}

/* Case S2 with stored value: float 100.00; cash sales 300.00; pay-out 40.00; safe drop 200.00;
 * cash refund 15.00 (145.00 so far); a top-up of 500.00 in cash and a stored-value refund of
 * 120.00 in cash: 145 + 500 - 120 = 525.00 expected, each kind itemised. The bonus is no cash. */
static void drawer_with_stored_value(void)
{
    struct cash_event ev[] = {{CASH_SALE, 30000},     {CASH_PAY_OUT, 4000},
                              {CASH_SAFE_DROP, 20000}, {CASH_REFUND, 1500},
                              {CASH_SV_TOPUP, 50000},  {CASH_SV_REFUND, 12000}};
    struct drawer_summary s;
    CHECK(drawer_summarise(10000, ev, 6, &s));
    CHECK_INT(s.expected_fen, 52500);
    CHECK_INT(s.totals[CASH_SV_TOPUP], 50000);
    CHECK_INT(s.totals[CASH_SV_REFUND], 12000);
    CHECK_INT(s.totals[CASH_SALE], 30000); /* a top-up is never a sale */
    struct cash_event t = {CASH_SV_TOPUP, 100000}, r = {CASH_SV_REFUND, 100000};
    CHECK_INT(drawer_effect(&t), 100000);
    CHECK_INT(drawer_effect(&r), -100000);
    /* A zero or negative amount is refused, as for every kind. */
    struct cash_event bad[] = {{CASH_SV_TOPUP, 0}};
    CHECK(!drawer_summarise(10000, bad, 1, &s));
}

int main(void)
{
    RUN(best_offer_by_threshold);
    RUN(offers_in_force);
    RUN(best_is_largest_bonus);
    RUN(bonus_by_hand);
    RUN(refund_principal_only);
    RUN(methods);
    RUN(liability_movements);
    RUN(liability_void_of_earlier_month);
    RUN(drawer_with_stored_value);
    return harness_finish("members/sv_rules");
}
