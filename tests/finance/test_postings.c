/* test_postings.c: the journal entry rules and the posting rules, with figures worked out by
 * hand (debit +, credit -; every entry sums to zero). */
#include "finance/journal.h"
#include "finance/postings.h"
#include "harness.h"

#include <stdio.h>

/* The sum of an entry's lines: zero for every balanced entry. */
static int64_t sum(const struct journal_entry *e)
{
    int64_t s = 0;
    for (int i = 0; i < e->nlines; i++) s += e->lines[i].amount_fen;
    return s;
}

static void entries_merge_and_balance(void)
{
    struct journal_entry e;
    journal_begin(&e, "2026-01-08", "manual", 0, "test");
    journal_add(&e, "bank", NULL, 1000);
    journal_add(&e, "bank", "", 500);       /* same account, same (empty) party: merged */
    journal_add(&e, "drawer", "7", -1500);
    journal_add(&e, "safe", NULL, 300);
    journal_add(&e, "safe", NULL, -300);    /* nets to zero: dropped */
    journal_add(&e, "exp_rent", NULL, 0);   /* nothing */
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(e.nlines, 2);
    CHECK_INT(journal_amount(&e, "bank", NULL), 1500);
    CHECK_INT(journal_amount(&e, "drawer", "7"), -1500);
    CHECK_INT(journal_amount(&e, "drawer", NULL), 0);
    CHECK_INT(journal_debits(&e), 1500);

    journal_begin(&e, "2026-01-08", "manual", 0, "");
    journal_add(&e, "bank", NULL, 1000);
    journal_add(&e, "safe", NULL, -999);
    CHECK_INT(journal_finish(&e), JOURNAL_UNBALANCED);
    journal_begin(&e, "2026-01-08", "manual", 0, "");
    journal_add(&e, "bank", NULL, 1000);
    journal_add(&e, "bank", NULL, -1000);
    CHECK_INT(journal_finish(&e), JOURNAL_EMPTY);
    journal_begin(&e, "2026-13-08", "manual", 0, "");
    journal_add(&e, "bank", NULL, 1);
    journal_add(&e, "safe", NULL, -1);
    CHECK_INT(journal_finish(&e), JOURNAL_BAD_DAY);
    journal_begin(&e, "2026-01-08", "manual", 0, "");
    for (int i = 0; i <= JOURNAL_MAX_LINES; i++) {
        char party[16];
        snprintf(party, sizeof party, "%d", i);
        journal_add(&e, "drawer", party, i ? 1 : -JOURNAL_MAX_LINES);
    }
    CHECK_INT(journal_finish(&e), JOURNAL_TOO_MANY);

    /* A reversal turns every line round, names the entry, and is dated where it is posted. */
    struct journal_entry r;
    journal_begin(&e, "2026-01-08", "manual", 0, "");
    journal_add(&e, "bank", NULL, 500000);
    journal_add(&e, "equity_opening", NULL, -500000);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    journal_reverse(&e, 42, "2026-02-01", "冲销 #42", &r);
    CHECK_INT(journal_finish(&r), JOURNAL_VALID);
    CHECK_INT(r.reverses_id, 42);
    CHECK_STR(r.day, "2026-02-01");
    CHECK_STR(r.source_kind, "reversal");
    CHECK_INT(journal_amount(&r, "bank", NULL), -500000);
    CHECK_INT(journal_amount(&r, "equity_opening", NULL), 500000);
}

static void categories_map_to_revenue(void)
{
    CHECK_INT(posting_category_kind("酒水"), REV_DRINKS);
    CHECK_INT(posting_category_kind("啤酒"), REV_DRINKS);
    CHECK_INT(posting_category_kind("饮料"), REV_DRINKS);
    CHECK_INT(posting_category_kind("果汁"), REV_DRINKS);
    CHECK_INT(posting_category_kind("茶水"), REV_DRINKS);
    CHECK_INT(posting_category_kind("小吃"), REV_FOOD);
    CHECK_INT(posting_category_kind("果盘"), REV_FOOD);
    CHECK_INT(posting_category_kind("水果"), REV_FOOD); /* 水 is not a drink here */
    CHECK_INT(posting_category_kind("香烟"), REV_GOODS);
    CHECK_INT(posting_category_kind(""), REV_GOODS);
    CHECK_INT(posting_category_kind(NULL), REV_GOODS);
}

/* A bill: gross 288.00 = room 120.00 + drinks 150.00 + food 18.00, discount 28.00, total
 * 260.00; paid 100.00 cash in shift 7, 60.00 WeChat, 100.00 from the balance (80.00 principal
 * + 20.00 bonus). Debits 100 + 60 + 80 + 20 + 28 (discount) = 288 = credits 120 + 150 + 18. */
static struct post_bill sample_bill(void)
{
    struct post_bill b;
    memset(&b, 0, sizeof b);
    snprintf(b.day, sizeof b.day, "2026-01-08");
    b.bill_id = 9;
    snprintf(b.bill_no, sizeof b.bill_no, "B0009");
    CHECK(post_bill_add_revenue(&b, "rev_room", 12000));
    CHECK(post_bill_add_revenue(&b, "rev_drinks", 15000));
    CHECK(post_bill_add_revenue(&b, "rev_food", 1800));
    b.gross_fen = 28800;
    b.discount_fen = 2800;
    b.total_fen = 26000;
    b.ntenders = 3;
    b.tenders[0] = (struct post_tender){"cash", 10000, 7, "", -1, 0, 0};
    b.tenders[1] = (struct post_tender){"wechat", 6000, 7, "", -1, 0, 0};
    b.tenders[2] = (struct post_tender){"member", 10000, 7, "", -1, 8000, 2000};
    return b;
}

static void bill_posts_revenue_discount_and_tenders(void)
{
    struct post_bill b = sample_bill();
    struct journal_entry e;
    CHECK(posting_bill(&b, &e));
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_STR(e.source_kind, "bill");
    CHECK_INT(e.source_id, 9);
    CHECK_INT(journal_amount(&e, "drawer", "7"), 10000);
    CHECK_INT(journal_amount(&e, "clr_wechat", NULL), 6000);
    CHECK_INT(journal_amount(&e, "sv_principal", NULL), 8000);
    CHECK_INT(journal_amount(&e, "sv_bonus", NULL), 2000);
    CHECK_INT(journal_amount(&e, "contra_discount", NULL), 2800);
    CHECK_INT(journal_amount(&e, "rev_room", NULL), -12000);
    CHECK_INT(journal_amount(&e, "rev_drinks", NULL), -15000);
    CHECK_INT(journal_amount(&e, "rev_food", NULL), -1800);
    CHECK_INT(journal_debits(&e), 28800);
    CHECK_INT(sum(&e), 0);

    /* A service charge is its own revenue; an unpaid rest stays on the credit receivable. */
    b.service_fen = 2600; /* 10 % of 260.00 */
    b.total_fen = 28600;
    CHECK(posting_bill(&b, &e));
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "rev_other", NULL), -2600);
    CHECK_INT(journal_amount(&e, "ar_credit", "未收"), 2600);
    /* Paid beyond the total: refused. */
    b.total_fen = 25000;
    b.service_fen = 0;
    b.discount_fen = 3800;
    CHECK(!posting_bill(&b, &e));
}

/* Group-buy: a voucher of face 300.00 that the guest bought for 198.00: the platform owes
 * 198.00, the 102.00 between is the platform's discount. A refund of half the voucher's face
 * (150.00) takes back 150 x 198 / 300 = 99.00 of the receivable and 51.00 of the discount. */
static void voucher_books_what_the_platform_owes(void)
{
    struct post_bill b;
    memset(&b, 0, sizeof b);
    snprintf(b.day, sizeof b.day, "2026-01-08");
    CHECK(post_bill_add_revenue(&b, "rev_package", 30000));
    b.gross_fen = b.total_fen = 30000;
    b.ntenders = 1;
    b.tenders[0] = (struct post_tender){"voucher", 30000, 0, "meituan", 19800, 0, 0};
    struct journal_entry e;
    CHECK(posting_bill(&b, &e));
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "ar_groupbuy", "meituan"), 19800);
    CHECK_INT(journal_amount(&e, "contra_groupbuy", NULL), 10200);
    CHECK_INT(journal_amount(&e, "rev_package", NULL), -30000);

    posting_refund("2026-01-09", 5, "B1", &b.tenders[0], 15000, &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_STR(e.day, "2026-01-09");
    CHECK_INT(journal_amount(&e, "contra_refund", NULL), 15000);
    CHECK_INT(journal_amount(&e, "ar_groupbuy", "meituan"), -9900);
    CHECK_INT(journal_amount(&e, "contra_groupbuy", NULL), -5100);

    /* Without a price paid, the face value is owed; without a platform, it is named so. */
    struct post_tender t = {"voucher", 5000, 0, "", -1, 0, 0};
    journal_begin(&e, "2026-01-08", "x", 0, "");
    posting_tender(&e, &t, 5000, +1);
    journal_add(&e, "rev_other", NULL, -5000);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "ar_groupbuy", "未注明平台"), 5000);
    CHECK_INT(journal_amount(&e, "contra_groupbuy", NULL), 0);

    /* The venue's own voucher of 50.00 (platform "venue"): no receivable, a discount of 50.00;
     * half of it refunded gives 25.00 of that discount back. */
    struct post_tender own = {"voucher", 5000, 0, "venue", 0, 0, 0};
    journal_begin(&e, "2026-01-08", "x", 0, "");
    posting_tender(&e, &own, 5000, +1);
    journal_add(&e, "rev_other", NULL, -5000);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "contra_discount", NULL), 5000);
    CHECK_INT(journal_amount(&e, "ar_groupbuy", "venue"), 0);
    CHECK_INT(journal_amount(&e, "contra_groupbuy", NULL), 0);
    posting_refund("2026-01-09", 6, "B2", &own, 2500, &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "contra_refund", NULL), 2500);
    CHECK_INT(journal_amount(&e, "contra_discount", NULL), -2500);
}

/* A refund of 60.00 cash, then the void of the bill of sample_bill: the void turns the revenue
 * and discount round (288.00 - 28.00 = 260.00 debit), gives back what is left of each tender
 * (40.00 cash in shift 8, 60.00 WeChat, 100.00 to the balance) and takes back the earlier
 * refund's contra (60.00): 260 = 40 + 60 + 100 + 60. */
static void refund_then_void_nets_the_bill(void)
{
    struct post_bill b = sample_bill();
    struct post_tender cash = {"cash", 0, 8, "", -1, 0, 0};
    struct journal_entry r;
    posting_refund("2026-01-08", 3, b.bill_no, &cash, 6000, &r);
    CHECK_INT(journal_finish(&r), JOURNAL_VALID);
    CHECK_INT(journal_amount(&r, "contra_refund", NULL), 6000);
    CHECK_INT(journal_amount(&r, "drawer", "8"), -6000);

    struct post_tender given[3] = {
        {"cash", 4000, 8, "", -1, 0, 0},
        {"wechat", 6000, 8, "", -1, 0, 0},
        {"member", 10000, 8, "", -1, 8000, 2000},
    };
    struct journal_entry v;
    posting_void("2026-01-10", &b, given, 3, 6000, &v);
    CHECK_INT(journal_finish(&v), JOURNAL_VALID);
    CHECK_STR(v.source_kind, "void");
    CHECK_STR(v.day, "2026-01-10");
    CHECK_INT(journal_amount(&v, "rev_room", NULL), 12000);
    CHECK_INT(journal_amount(&v, "rev_drinks", NULL), 15000);
    CHECK_INT(journal_amount(&v, "rev_food", NULL), 1800);
    CHECK_INT(journal_amount(&v, "contra_discount", NULL), -2800);
    CHECK_INT(journal_amount(&v, "contra_refund", NULL), -6000);
    CHECK_INT(journal_amount(&v, "drawer", "8"), -4000);
    CHECK_INT(journal_amount(&v, "clr_wechat", NULL), -6000);
    CHECK_INT(journal_amount(&v, "sv_principal", NULL), -8000);
    CHECK_INT(journal_amount(&v, "sv_bonus", NULL), -2000);
    CHECK_INT(sum(&v), 0);

    /* The bill, its refund and its void: every account nets to zero except the drawers, where
     * the cash came into shift 7 and went out of shift 8. */
    struct journal_entry e;
    CHECK(posting_bill(&b, &e));
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    static const char *const keys[] = {"rev_room", "rev_drinks", "rev_food", "contra_discount",
                                       "contra_refund", "clr_wechat", "sv_principal", "sv_bonus"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        CHECK_INT(journal_amount(&e, keys[i], NULL) + journal_amount(&r, keys[i], NULL) +
                      journal_amount(&v, keys[i], NULL),
                  0);
    CHECK_INT(journal_amount(&e, "drawer", "7"), 10000);
    CHECK_INT(journal_amount(&r, "drawer", "8") + journal_amount(&v, "drawer", "8"), -10000);
}

/* Shifts: the float from the safe; a handover takes the previous drawer as it was left and
 * books the opening difference (S3) to suspense; pay-in, pay-out, safe drop; S5's short. */
static void shift_events_move_the_drawer(void)
{
    struct journal_entry e;
    posting_shift_open("2026-01-08", 3, 50000, 0, 0, &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "drawer", "3"), 50000);
    CHECK_INT(journal_amount(&e, "safe", NULL), -50000);

    /* S3: shift A left 100.00, B counts 50.00: the 50.00 missing goes to suspense. */
    posting_shift_open("2026-01-08", 4, 5000, 3, 10000, &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "drawer", "4"), 5000);
    CHECK_INT(journal_amount(&e, "drawer", "3"), -10000);
    CHECK_INT(journal_amount(&e, "suspense", NULL), 5000);
    CHECK_INT(journal_amount(&e, "safe", NULL), 0);
    /* The previous drawer already handed in (balance 0): the float comes from the safe. */
    posting_shift_open("2026-01-08", 5, 5000, 4, 0, &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "safe", NULL), -5000);

    posting_shift_cash("2026-01-08", 11, 3, SHIFT_PAY_IN, 2000, "零钱", &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "drawer", "3"), 2000);
    CHECK_INT(journal_amount(&e, "safe", NULL), -2000);
    posting_shift_cash("2026-01-08", 12, 3, SHIFT_PAY_OUT, 4000, "买冰块", &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "exp_till", NULL), 4000);
    CHECK_INT(journal_amount(&e, "drawer", "3"), -4000);
    CHECK(strstr(e.memo, "买冰块") != NULL);
    posting_shift_cash("2026-01-08", 13, 3, SHIFT_SAFE_DROP, 20000, "", &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "safe", NULL), 20000);
    CHECK_INT(journal_amount(&e, "drawer", "3"), -20000);

    /* S5: a short of 20.00 is owed by the cashier; an over of 5.00 is other income; none,
     * no entry. */
    posting_shift_close("2026-01-08", 3, "cashier1", -2000, &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "ar_cashier", "cashier1"), 2000);
    CHECK_INT(journal_amount(&e, "drawer", "3"), -2000);
    posting_shift_close("2026-01-08", 3, "cashier1", 500, &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "drawer", "3"), 500);
    CHECK_INT(journal_amount(&e, "other_income", NULL), -500);
    posting_shift_close("2026-01-08", 3, "cashier1", 0, &e);
    CHECK_INT(journal_finish(&e), JOURNAL_EMPTY);

    posting_shift_handin("2026-01-08", 3, 9000, &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "safe", NULL), 9000);
    CHECK_INT(journal_amount(&e, "drawer", "3"), -9000);
}

/* Stored value: a top-up of 1,000.00 by WeChat with 200.00 bonus is money in and liability,
 * never revenue; refunding 600.00 of principal forfeits the 200.00 bonus still held. */
static void stored_value_is_a_liability(void)
{
    struct post_tender wx = {"wechat", 0, 0, "", -1, 0, 0};
    struct journal_entry e;
    posting_topup("2026-01-08", 1, &wx, 100000, 20000, &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "clr_wechat", NULL), 100000);
    CHECK_INT(journal_amount(&e, "sv_principal", NULL), -100000);
    CHECK_INT(journal_amount(&e, "exp_sv_bonus", NULL), 20000);
    CHECK_INT(journal_amount(&e, "sv_bonus", NULL), -20000);
    for (int i = 0; i < e.nlines; i++) CHECK(strncmp(e.lines[i].account, "rev_", 4) != 0);

    struct post_tender cash = {"cash", 0, 3, "", -1, 0, 0};
    posting_sv_refund("2026-01-20", 2, &cash, 60000, 20000, &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "sv_principal", NULL), 60000);
    CHECK_INT(journal_amount(&e, "drawer", "3"), -60000);
    CHECK_INT(journal_amount(&e, "sv_bonus", NULL), 20000);
    CHECK_INT(journal_amount(&e, "exp_sv_bonus", NULL), -20000);

    /* Paying from a balance with no recorded split (an imported bill) is principal. */
    struct post_tender m = {"member", 5000, 0, "", -1, 0, 0};
    journal_begin(&e, "2026-01-08", "x", 0, "");
    posting_tender(&e, &m, 5000, +1);
    journal_add(&e, "rev_other", NULL, -5000);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "sv_principal", NULL), 5000);
    CHECK_INT(journal_amount(&e, "sv_bonus", NULL), 0);
}

/* Every tender method lands on its account; unknown ones on other clearing; cash without a
 * shift (an imported bill) in the safe. */
static void tenders_map_to_accounts(void)
{
    static const struct {
        const char *method, *account, *party;
    } cases[] = {
        {"cash", "safe", ""},           {"wechat", "clr_wechat", ""}, {"alipay", "clr_alipay", ""},
        {"card", "clr_card", ""},       {"credit", "ar_credit", "张总"}, {"mixed", "clr_other", ""},
        {"other", "clr_other", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct post_tender t;
        memset(&t, 0, sizeof t);
        snprintf(t.method, sizeof t.method, "%s", cases[i].method);
        snprintf(t.party, sizeof t.party, "%s", cases[i].party);
        t.amount_fen = 1234;
        t.voucher_paid_fen = -1;
        struct journal_entry e;
        journal_begin(&e, "2026-01-08", "x", 0, "");
        posting_tender(&e, &t, 1234, +1);
        journal_add(&e, "rev_other", NULL, -1234);
        CHECK_INT(journal_finish(&e), JOURNAL_VALID);
        CHECK_INT(journal_amount(&e, cases[i].account, cases[i].party), 1234);
    }
}

int main(void)
{
    RUN(entries_merge_and_balance);
    RUN(categories_map_to_revenue);
    RUN(bill_posts_revenue_discount_and_tenders);
    RUN(voucher_books_what_the_platform_owes);
    RUN(refund_then_void_nets_the_bill);
    RUN(shift_events_move_the_drawer);
    RUN(stored_value_is_a_liability);
    RUN(tenders_map_to_accounts);
    return harness_finish("finance/postings");
}
