/* test_settle.c: tenders and change, stored value taken and given back in proportion, refunds
 * and the authority limits, each with values worked out by hand in the comment beside it. */
#include "frontdesk/settle.h"
#include "harness.h"

/* S1: sale 75.00 paid with 100.00: change 25.00, the drawer keeps 75.00 (the amount). A 700.00
 * sale paid with 800.00: change 100.00. */
static void cash_change(void)
{
    struct tender t[] = {{TENDER_CASH, 7500, 10000, 0}};
    int bad;
    CHECK_INT(settle_tenders(7500, t, 1, &bad), SETTLE_OK);
    CHECK_INT(t[0].change_fen, 2500);
    struct tender u[] = {{TENDER_CASH, 70000, 80000, 0}};
    CHECK_INT(settle_tenders(70000, u, 1, &bad), SETTLE_OK);
    CHECK_INT(u[0].change_fen, 10000);
    /* Exact cash (nothing handed over recorded): no change. */
    struct tender v[] = {{TENDER_CASH, 5000, 0, 0}};
    CHECK_INT(settle_tenders(5000, v, 1, &bad), SETTLE_OK);
    CHECK_INT(v[0].change_fen, 0);
}

/* Two tenders of 100.00 cash and 110.00 WeChat pay 210.00; 200.00 does not. */
static void tenders_sum_to_the_total(void)
{
    struct tender t[] = {{TENDER_CASH, 10000, 20000, 0}, {TENDER_WECHAT, 11000, 0, 0}};
    int bad;
    CHECK_INT(settle_tenders(21000, t, 2, &bad), SETTLE_OK);
    CHECK_INT(t[0].change_fen, 10000);
    CHECK_INT(settle_tenders(20000, t, 2, &bad), SETTLE_SUM_MISMATCH);
    CHECK_INT(bad, -1);
    /* Short cash, change on a card, a zero amount, too many tenders. */
    struct tender s[] = {{TENDER_CASH, 10000, 5000, 0}};
    CHECK_INT(settle_tenders(10000, s, 1, &bad), SETTLE_TENDER_SHORT);
    CHECK_INT(bad, 0);
    struct tender c[] = {{TENDER_WECHAT, 5000, 0, 0}, {TENDER_CARD, 5000, 6000, 0}};
    CHECK_INT(settle_tenders(10000, c, 2, &bad), SETTLE_CHANGE_NOT_CASH);
    CHECK_INT(bad, 1);
    struct tender z[] = {{TENDER_ALIPAY, 0, 0, 0}};
    CHECK_INT(settle_tenders(0, z, 1, &bad), SETTLE_BAD_AMOUNT);
    CHECK_INT(settle_tenders(0, z, SETTLE_MAX_TENDERS + 1, &bad), SETTLE_TOO_MANY);
    /* A bill of 0.00 needs no tender. */
    CHECK_INT(settle_tenders(0, z, 0, &bad), SETTLE_OK);
}

static void method_names(void)
{
    enum tender_method m;
    CHECK(tender_method_parse("voucher", &m) && m == TENDER_VOUCHER);
    CHECK(tender_method_parse("credit", &m) && m == TENDER_CREDIT);
    CHECK(!tender_method_parse("mixed", &m)); /* an import word, not a till's tender */
    CHECK(!tender_method_parse("CASH", &m));
    CHECK(!tender_method_parse(NULL, &m));
    CHECK_STR(tender_method_label(TENDER_MEMBER), "会员储值");
    CHECK_STR(tender_method_name(TENDER_ALIPAY), "alipay");
}

/* M1: balance 800.00 principal + 200.00 bonus = 1,000.00; a bill of 228.00 less 28.00 pays
 * 200.00 from it: bonus 200 x 200/1000 = 40.00, principal 160.00; left 640.00 + 160.00 =
 * 800.00. */
static void m1_stored_value_in_proportion(void)
{
    struct stored_value bal = {80000, 20000}, taken;
    CHECK(stored_value_take(&bal, 20000, &taken));
    CHECK_INT(taken.principal_fen, 16000);
    CHECK_INT(taken.bonus_fen, 4000);
    CHECK_INT(bal.principal_fen - taken.principal_fen + bal.bonus_fen - taken.bonus_fen, 80000);
    /* The whole balance takes exactly both parts. */
    CHECK(stored_value_take(&bal, 100000, &taken));
    CHECK_INT(taken.principal_fen, 80000);
    CHECK_INT(taken.bonus_fen, 20000);
    /* More than the balance, or nothing, is refused. */
    CHECK(!stored_value_take(&bal, 100001, &taken));
    CHECK(!stored_value_take(&bal, 0, &taken));
    CHECK_INT(taken.principal_fen + taken.bonus_fen, 0);
}

/* Rounding: principal 1.00, bonus 2.00 (3.00 in all). Taking 0.01: bonus 1 x 200/300 = 0.67 ->
 * 1 fen, principal 0. Taking 1.00: bonus 66.67 -> 67, principal 33. A balance of bonus only
 * (a gift card): all bonus. Neither part is ever overdrawn. */
static void stored_value_rounding(void)
{
    struct stored_value bal = {100, 200}, taken;
    CHECK(stored_value_take(&bal, 1, &taken));
    CHECK_INT(taken.bonus_fen, 1);
    CHECK_INT(taken.principal_fen, 0);
    CHECK(stored_value_take(&bal, 100, &taken));
    CHECK_INT(taken.bonus_fen, 67);
    CHECK_INT(taken.principal_fen, 33);
    struct stored_value bonus_only = {0, 5000};
    CHECK(stored_value_take(&bonus_only, 1234, &taken));
    CHECK_INT(taken.bonus_fen, 1234);
    CHECK_INT(taken.principal_fen, 0);
    for (int64_t a = 1; a <= 300; a++) {
        CHECK(stored_value_take(&bal, a, &taken));
        if (taken.principal_fen > 100 || taken.bonus_fen > 200 || taken.principal_fen < 0 ||
            taken.bonus_fen < 0 || taken.principal_fen + taken.bonus_fen != a)
            harness_fail(__FILE__, __LINE__, "take %lld -> %lld + %lld", (long long)a,
                         (long long)taken.principal_fen, (long long)taken.bonus_fen);
    }
}

/* M2 and partial refunds: a payment that took 160.00 principal + 40.00 bonus. Refund 50.00:
 * the bonus given back in all is 50 x 40/200 = 10.00, principal 40.00. Then the remaining
 * 150.00: bonus 200 x 40/200 - 10 = 30.00, principal 120.00. In all 160.00 + 40.00: exactly
 * what was taken. A further fen is refused. */
static void stored_value_given_back(void)
{
    struct stored_value taken = {16000, 4000}, returned = {0, 0}, back;
    CHECK(stored_value_give_back(&taken, &returned, 5000, &back));
    CHECK_INT(back.bonus_fen, 1000);
    CHECK_INT(back.principal_fen, 4000);
    returned.principal_fen += back.principal_fen;
    returned.bonus_fen += back.bonus_fen;
    CHECK(stored_value_give_back(&taken, &returned, 15000, &back));
    CHECK_INT(back.bonus_fen, 3000);
    CHECK_INT(back.principal_fen, 12000);
    returned.principal_fen += back.principal_fen;
    returned.bonus_fen += back.bonus_fen;
    CHECK(!stored_value_give_back(&taken, &returned, 1, &back));
    /* Whole (a void): exactly what was taken. */
    struct stored_value none = {0, 0};
    CHECK(stored_value_give_back(&taken, &none, 20000, &back));
    CHECK_INT(back.principal_fen, 16000);
    CHECK_INT(back.bonus_fen, 4000);
    /* Three refunds of one fen of a payment that took 1 principal + 2 bonus: the cumulative
     * bonus targets are round(1 x 2/3) = 1, round(2 x 2/3) = 1, 2, so the refunds give back
     * bonus 1, principal 1, bonus 1: in all 1 + 2, exactly. */
    struct stored_value t3 = {1, 2}, r3 = {0, 0};
    int64_t exp_bonus[] = {1, 0, 1};
    for (int i = 0; i < 3; i++) {
        CHECK(stored_value_give_back(&t3, &r3, 1, &back));
        CHECK_INT(back.bonus_fen, exp_bonus[i]);
        r3.principal_fen += back.principal_fen;
        r3.bonus_fen += back.bonus_fen;
    }
    CHECK_INT(r3.principal_fen, 1);
    CHECK_INT(r3.bonus_fen, 2);
}

/* What is left to refund of a tender; never negative. */
static void refundable(void)
{
    CHECK_INT(settle_refundable(10000, 0), 10000);
    CHECK_INT(settle_refundable(10000, 2500), 7500);
    CHECK_INT(settle_refundable(10000, 10000), 0);
    CHECK_INT(settle_refundable(10000, 12000), 0);
}

/* The authority matrix (role_limits defaults): a cashier gives gifts up to 50.00 a bill and
 * discounts up to 5 % and 20.00; beyond, a manager (1,000.00, 50 %, 1,000.00) approves. */
static void authority_limits(void)
{
    struct role_limit cashier = {5000, 500, 2000}, manager = {100000, 5000, 100000};
    CHECK(settle_gift_within(&cashier, 3000, 2000));  /* 30.00 + 20.00 = 50.00 */
    CHECK(!settle_gift_within(&cashier, 3000, 2001)); /* 50.01 */
    CHECK(settle_gift_within(&manager, 3000, 6000));
    CHECK(settle_discount_within(&cashier, 500, 2000));
    CHECK(!settle_discount_within(&cashier, 501, 0));
    CHECK(!settle_discount_within(&cashier, 0, 2001));
    CHECK(settle_discount_within(&manager, 5000, 2800));
    CHECK(!settle_discount_within(&manager, 5001, 0));
}

int main(void)
{
    RUN(cash_change);
    RUN(tenders_sum_to_the_total);
    RUN(method_names);
    RUN(m1_stored_value_in_proportion);
    RUN(stored_value_rounding);
    RUN(stored_value_given_back);
    RUN(refundable);
    RUN(authority_limits);
    return harness_finish("frontdesk/settle");
}
