/* test_petty_rules.c: the rules of petty cash (finance/petty.c), by hand-worked sequences.
 *
 * The figures are written as (imprest, cash on hand, outstanding, receipted-not-replenished);
 * after every allowed movement the invariant cash + outstanding + receipted = imprest holds. */
#include "finance/petty.h"
#include "harness.h"

#include <string.h>

#define LIMIT 200000 /* the default approval limit, 2,000.00 */

/* Checks a movement, applies it when allowed, and checks the invariant afterwards. */
static enum petty_verdict step(struct petty_status *s, struct petty_request rq,
                               struct petty_effect *e)
{
    rq.fund_exists = true;
    if (!rq.approval_limit_fen) rq.approval_limit_fen = LIMIT;
    enum petty_verdict v = petty_check(s, &rq, e);
    if (v == PETTY_OK) {
        petty_apply(s, e);
        CHECK(petty_holds(s));
    }
    return v;
}

#define CHECK_STATUS(s, imp, cash, out, rec)                                                     \
    do {                                                                                         \
        CHECK_INT((s).imprest_fen, imp);                                                         \
        CHECK_INT((s).cash_fen, cash);                                                           \
        CHECK_INT((s).outstanding_fen, out);                                                     \
        CHECK_INT((s).receipted_fen, rec);                                                       \
    } while (0)

/* The sequence of the brief: imprest 3,000.00; issue 500 to 小王; back 120 change and 380 of
 * receipts; replenish 380.
 *   establish 3,000.00   cash 3,000.00                                 = 3,000.00
 *   issue 500.00         cash 2,500.00 + outstanding 500.00            = 3,000.00
 *   settle 120 + 380     cash 2,620.00 + 0 + receipted 380.00          = 3,000.00
 *   replenish 380.00     cash 3,000.00 + 0 + 0                         = 3,000.00 */
static void test_issue_settle_replenish(void)
{
    struct petty_status s = {0};
    struct petty_effect e;
    struct petty_request rq = {.kind = PETTY_ESTABLISH, .amount_fen = 300000};
    CHECK_INT(petty_check(&s, &rq, &e), PETTY_OK); /* a new fund: no row yet */
    CHECK_INT(e.imprest_fen, 300000);
    CHECK_INT(e.cash_fen, 300000);
    petty_apply(&s, &e);
    CHECK_STATUS(s, 300000, 300000, 0, 0);

    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_ISSUE, .amount_fen = 50000}, &e),
              PETTY_OK);
    CHECK_INT(e.cash_fen, -50000);
    CHECK_INT(e.outstanding_fen, 50000);
    CHECK_STATUS(s, 300000, 250000, 50000, 0);

    CHECK_INT(petty_settle_kind(12000, 38000), PETTY_SETTLE);
    CHECK_INT(step(&s,
                   (struct petty_request){.kind = PETTY_SETTLE, .returned_fen = 12000,
                                          .receipted_fen = 38000, .issue_outstanding_fen = 50000},
                   &e),
              PETTY_OK);
    CHECK_INT(e.cash_fen, 12000);
    CHECK_INT(e.outstanding_fen, -50000);
    CHECK_INT(e.receipted_fen, 38000);
    CHECK_INT(e.paid_out_fen, 0);
    CHECK_STATUS(s, 300000, 262000, 0, 38000);

    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_REPLENISH, .amount_fen = 38000}, &e),
              PETTY_OK);
    CHECK_STATUS(s, 300000, 300000, 0, 0);
}

/* Refusals: more than is on hand, more back than is owed, more replenished than receipted. */
static void test_refusals(void)
{
    struct petty_status s = {300000, 250000, 50000, 0}; /* 500.00 out to 小王 */
    struct petty_effect e;
    char msg[300];
    /* 2,500.01 asked with 2,500.00 on hand. */
    struct petty_request rq = {.kind = PETTY_ISSUE, .amount_fen = 250001, .approved = true};
    CHECK_INT(step(&s, rq, &e), PETTY_OVER_CASH);
    CHECK_INT(e.cash_fen, 0);
    rq.fund_exists = true;
    petty_message(PETTY_OVER_CASH, &s, &rq, false, msg, sizeof msg);
    CHECK_STR(msg, "库存现金只有 2,500.00 元，不能领用 2,500.01 元");
    petty_message(PETTY_OVER_CASH, &s, &rq, true, msg, sizeof msg);
    CHECK_STR(msg, "only 2,500.00 is on hand; 2,500.01 cannot be issued");
    /* Exactly what is on hand is fine (approved: it is above the limit). */
    struct petty_status t = s;
    CHECK_INT(step(&t, rq = (struct petty_request){.kind = PETTY_ISSUE, .amount_fen = 250000,
                                                    .approved = true},
                   &e),
              PETTY_OK);
    CHECK_STATUS(t, 300000, 0, 300000, 0);

    /* Change of 500.01 against 500.00 owed. */
    rq = (struct petty_request){.kind = PETTY_RETURN, .returned_fen = 50001,
                                .issue_outstanding_fen = 50000};
    CHECK_INT(step(&s, rq, &e), PETTY_OVER_OUTSTANDING);
    petty_message(PETTY_OVER_OUTSTANDING, &s, &rq, false, msg, sizeof msg);
    CHECK_STR(msg, "退回零钱 500.01 元超过该笔借支未归还的 500.00 元");
    /* 100 back and 450 of receipts against 500 owed: change means money was left over, so
     * the receipts cannot exceed what remained. */
    rq = (struct petty_request){.kind = PETTY_SETTLE, .returned_fen = 10000,
                                .receipted_fen = 45000, .issue_outstanding_fen = 50000};
    CHECK_INT(step(&s, rq, &e), PETTY_OVER_OUTSTANDING);
    petty_message(PETTY_OVER_OUTSTANDING, &s, &rq, false, msg, sizeof msg);
    CHECK_STR(msg, "退回零钱 100.00 元加报销票据 450.00 元超过该笔借支未归还的 500.00 元");
    /* Nothing at all, and an issue that owes nothing. */
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_SETTLE, .issue_outstanding_fen = 50000},
                   &e),
              PETTY_NOTHING);
    CHECK_INT(step(&s,
                   (struct petty_request){.kind = PETTY_RETURN, .returned_fen = 100,
                                          .issue_outstanding_fen = 0},
                   &e),
              PETTY_ISSUE_SETTLED);
    CHECK_STATUS(s, 300000, 250000, 50000, 0); /* nothing refused moved anything */

    /* Replenish: nothing receipted yet; then 380.00 receipted and 380.01 asked. */
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_REPLENISH, .amount_fen = 100}, &e),
              PETTY_NOTHING_TO_REPLENISH);
    struct petty_status r = {300000, 262000, 0, 38000};
    rq = (struct petty_request){.kind = PETTY_REPLENISH, .amount_fen = 38001};
    CHECK_INT(step(&r, rq, &e), PETTY_OVER_RECEIPTED);
    petty_message(PETTY_OVER_RECEIPTED, &r, &rq, false, msg, sizeof msg);
    CHECK_STR(msg, "已报销待补充的只有 380.00 元，不能补充 380.01 元");
    /* Part of it is fine: 200.00 back leaves 180.00 to replenish. */
    CHECK_INT(step(&r, (struct petty_request){.kind = PETTY_REPLENISH, .amount_fen = 20000}, &e),
              PETTY_OK);
    CHECK_STATUS(r, 300000, 282000, 0, 18000);

    /* Amounts that are not positive. */
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_ISSUE, .amount_fen = 0}, &e),
              PETTY_BAD_AMOUNT);
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_ISSUE, .amount_fen = -100}, &e),
              PETTY_BAD_AMOUNT);
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_EXPENSE, .amount_fen = 0}, &e),
              PETTY_BAD_AMOUNT);
    CHECK_INT(step(&r, (struct petty_request){.kind = PETTY_REPLENISH, .amount_fen = -1}, &e),
              PETTY_BAD_AMOUNT);
}

/* Approval above the limit (2,000.00): 2,000.00 is not above it; 2,000.01 is. The cash check
 * comes first: an approval never makes room for money that is not there. */
static void test_approval(void)
{
    struct petty_status s = {300000, 300000, 0, 0};
    struct petty_effect e;
    struct petty_status t = s;
    CHECK_INT(step(&t, (struct petty_request){.kind = PETTY_ISSUE, .amount_fen = 200000}, &e),
              PETTY_OK);
    CHECK_STATUS(t, 300000, 100000, 200000, 0);
    struct petty_request rq = {.kind = PETTY_ISSUE, .amount_fen = 200001};
    CHECK_INT(step(&s, rq, &e), PETTY_NEEDS_APPROVAL);
    char msg[300];
    rq.approval_limit_fen = LIMIT;
    petty_message(PETTY_NEEDS_APPROVAL, &s, &rq, false, msg, sizeof msg);
    CHECK_STR(msg, "领用 2,000.01 元超过审批额度 2,000.00 元，需要经理审批（填写审批人用户名和密码）");
    rq.approved = true;
    t = s;
    CHECK_INT(step(&t, rq, &e), PETTY_OK);
    CHECK_STATUS(t, 300000, 99999, 200001, 0);
    /* 3,000.01 unapproved: the cash refuses first. */
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_ISSUE, .amount_fen = 300001}, &e),
              PETTY_OVER_CASH);
    /* A fund's own limit: 500.00. */
    CHECK_INT(step(&s,
                   (struct petty_request){.kind = PETTY_ISSUE, .amount_fen = 50001,
                                          .approval_limit_fen = 50000},
                   &e),
              PETTY_NEEDS_APPROVAL);
    CHECK_STATUS(s, 300000, 300000, 0, 0);
}

/* Receipts above what was issued, no change: the excess is paid out of the cash (补付).
 * Issued 500.00, spent 530.00:
 *   before  cash 2,500.00 + outstanding 500.00 + receipted 0       = 3,000.00
 *   after   cash 2,470.00 + outstanding 0      + receipted 530.00  = 3,000.00 */
static void test_paid_beyond_issue(void)
{
    struct petty_status s = {300000, 250000, 50000, 0};
    struct petty_effect e;
    CHECK_INT(petty_settle_kind(0, 53000), PETTY_REIMBURSE);
    CHECK_INT(step(&s,
                   (struct petty_request){.kind = PETTY_REIMBURSE, .receipted_fen = 53000,
                                          .issue_outstanding_fen = 50000},
                   &e),
              PETTY_OK);
    CHECK_INT(e.paid_out_fen, 3000);
    CHECK_INT(e.cash_fen, -3000);
    CHECK_INT(e.outstanding_fen, -50000);
    CHECK_STATUS(s, 300000, 247000, 0, 53000);
    /* The excess needs cash: 10.00 on hand, 2,990.00 out; receipts of 3,000.01 would need
     * 10.01 more. */
    struct petty_status poor = {300000, 1000, 299000, 0};
    struct petty_request rq = {.kind = PETTY_REIMBURSE, .receipted_fen = 300001,
                               .issue_outstanding_fen = 299000};
    CHECK_INT(step(&poor, rq, &e), PETTY_OVER_CASH);
    char msg[300];
    petty_message(PETTY_OVER_CASH, &poor, &rq, false, msg, sizeof msg);
    CHECK_STR(msg, "报销票据 3,000.01 元超出该笔借支未归还的 2,990.00 元，需补付 10.01 元，但库存现金只有 10.00 元");
    rq.receipted_fen = 300000; /* exactly the 10.00 on hand */
    CHECK_INT(step(&poor, rq, &e), PETTY_OK);
    CHECK_STATUS(poor, 300000, 0, 0, 300000);
    /* Partly settled in two goes: 500 out, 200 receipts, then 300 back. */
    struct petty_status p = {300000, 250000, 50000, 0};
    CHECK_INT(step(&p,
                   (struct petty_request){.kind = PETTY_REIMBURSE, .receipted_fen = 20000,
                                          .issue_outstanding_fen = 50000},
                   &e),
              PETTY_OK);
    CHECK_STATUS(p, 300000, 250000, 30000, 20000);
    CHECK_INT(step(&p,
                   (struct petty_request){.kind = PETTY_RETURN, .returned_fen = 30000,
                                          .issue_outstanding_fen = 30000},
                   &e),
              PETTY_OK);
    CHECK_STATUS(p, 300000, 280000, 0, 20000);
}

/* Direct expenses, and raising or lowering the imprest.
 *   3,000.00 on hand; courier 57.00 paid directly: cash 2,943.00 + receipted 57.00
 *   the imprest raised to 5,000.00: cash 4,943.00 + receipted 57.00 = 5,000.00
 *   lowered to 0 with 57.00 not replenished: at most 4,943.00 can go back -> refused
 *   lowered to 500.00: 4,500.00 back: cash 443.00 + receipted 57.00 = 500.00 */
static void test_expense_and_imprest(void)
{
    struct petty_status s = {300000, 300000, 0, 0};
    struct petty_effect e;
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_EXPENSE, .amount_fen = 5700}, &e),
              PETTY_OK);
    CHECK_STATUS(s, 300000, 294300, 0, 5700);
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_EXPENSE, .amount_fen = 294301}, &e),
              PETTY_OVER_CASH);
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_ADJUST, .amount_fen = 500000}, &e),
              PETTY_OK);
    CHECK_INT(e.imprest_fen, 200000);
    CHECK_STATUS(s, 500000, 494300, 0, 5700);
    struct petty_request rq = {.kind = PETTY_ADJUST, .amount_fen = 0};
    CHECK_INT(step(&s, rq, &e), PETTY_OVER_CASH);
    char msg[400];
    petty_message(PETTY_OVER_CASH, &s, &rq, false, msg, sizeof msg);
    CHECK_STR(msg, "定额最多只能减少库存现金 4,943.00 元，不能减少 5,000.00 元：请先结清未归还借支（0.00 元）并补充已报销金额（57.00 元）");
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_ADJUST, .amount_fen = 50000}, &e),
              PETTY_OK);
    CHECK_INT(e.cash_fen, -450000);
    CHECK_STATUS(s, 50000, 44300, 0, 5700);
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_ADJUST, .amount_fen = 50000}, &e),
              PETTY_SAME_IMPREST);
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_ADJUST, .amount_fen = -1}, &e),
              PETTY_BAD_AMOUNT);
    /* An established fund is adjusted, not established again. */
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_ESTABLISH, .amount_fen = 100}, &e),
              PETTY_ESTABLISHED);
    /* Replenish the 57.00, then close the fund: everything goes back. */
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_REPLENISH, .amount_fen = 5700}, &e),
              PETTY_OK);
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_ADJUST, .amount_fen = 0}, &e),
              PETTY_OK);
    CHECK_STATUS(s, 0, 0, 0, 0);
    /* A closed fund issues nothing until it is set up again. */
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_ISSUE, .amount_fen = 100}, &e),
              PETTY_NOT_ESTABLISHED);
    CHECK_INT(step(&s, (struct petty_request){.kind = PETTY_ESTABLISH, .amount_fen = 100000}, &e),
              PETTY_OK);
    CHECK_STATUS(s, 100000, 100000, 0, 0);
}

/* No fund at all; and figures that do not hold refuse everything (our bug, never hidden). */
static void test_no_fund_and_broken(void)
{
    struct petty_status none = {0};
    struct petty_effect e;
    struct petty_request rq = {.kind = PETTY_ISSUE, .amount_fen = 100, .approval_limit_fen = LIMIT};
    CHECK_INT(petty_check(&none, &rq, &e), PETTY_NOT_ESTABLISHED);
    rq.kind = PETTY_ADJUST;
    CHECK_INT(petty_check(&none, &rq, &e), PETTY_NOT_ESTABLISHED);
    rq.kind = PETTY_ESTABLISH;
    rq.amount_fen = 0;
    CHECK_INT(petty_check(&none, &rq, &e), PETTY_BAD_AMOUNT);
    struct petty_status broken = {300000, 250000, 0, 0}; /* 500.00 unaccounted for */
    CHECK(!petty_holds(&broken));
    rq = (struct petty_request){.kind = PETTY_ISSUE, .amount_fen = 100, .fund_exists = true,
                                .approval_limit_fen = LIMIT};
    CHECK_INT(petty_check(&broken, &rq, &e), PETTY_BROKEN);
    struct petty_status negative = {0, -100, 100, 0};
    CHECK(!petty_holds(&negative));
    struct petty_status fine = {300000, 262000, 0, 38000};
    CHECK(petty_holds(&fine));
}

static int64_t amount(const struct journal_entry *e, const char *account, const char *party)
{
    return journal_amount(e, account, party);
}

/* The journal entries follow from the effects: petty_cash by the cash, petty_issued(person)
 * by the outstanding, expenses by the receipts, the source by the rest. */
static void test_entries(void)
{
    struct journal_entry j;
    struct petty_effect issue = {.cash_fen = -50000, .outstanding_fen = 50000};
    CHECK(petty_entry(PETTY_ISSUE, &issue, "2025-03-10", 7, "小王", "采购水果", NULL, NULL, 0, &j));
    CHECK_INT(journal_finish(&j), JOURNAL_VALID);
    CHECK_INT(j.nlines, 2);
    CHECK_INT(amount(&j, "petty_issued", "小王"), 50000);
    CHECK_INT(amount(&j, "petty_cash", NULL), -50000);
    CHECK_STR(j.source_kind, "petty");
    CHECK_INT(j.source_id, 7);
    CHECK_STR(j.day, "2025-03-10");
    CHECK_STR(j.memo, "备用金领用 小王 采购水果");

    /* 120.00 back, 380.00 of receipts on two accounts (300.00 fruit, 80.00 cleaning). */
    struct petty_effect settle = {.cash_fen = 12000, .outstanding_fen = -50000,
                                  .receipted_fen = 38000};
    struct petty_receipt r[2] = {{"exp_purchases", 30000}, {"6005", 8000}};
    CHECK(petty_entry(PETTY_SETTLE, &settle, "2025-03-11", 8, "小王", "采购水果", NULL, r, 2, &j));
    CHECK_INT(journal_finish(&j), JOURNAL_VALID);
    CHECK_INT(j.nlines, 4);
    CHECK_INT(amount(&j, "petty_cash", NULL), 12000);
    CHECK_INT(amount(&j, "exp_purchases", NULL), 30000);
    CHECK_INT(amount(&j, "6005", NULL), 8000);
    CHECK_INT(amount(&j, "petty_issued", "小王"), -50000);
    CHECK_INT(journal_debits(&j), 50000);

    /* Paid beyond the issue: 530.00 receipts on 500.00 owed, 30.00 from the cash. */
    struct petty_effect beyond = {.cash_fen = -3000, .outstanding_fen = -50000,
                                  .receipted_fen = 53000, .paid_out_fen = 3000};
    struct petty_receipt one = {"exp_repairs", 53000};
    CHECK(petty_entry(PETTY_REIMBURSE, &beyond, "2025-03-11", 9, "阿强", "", NULL, &one, 1, &j));
    CHECK_INT(journal_finish(&j), JOURNAL_VALID);
    CHECK_INT(amount(&j, "petty_cash", NULL), -3000);
    CHECK_INT(amount(&j, "exp_repairs", NULL), 53000);
    CHECK_INT(amount(&j, "petty_issued", "阿强"), -50000);

    /* Replenish 380.00 from the safe; establish 3,000.00 from the bank; lower by 2,500.00. */
    struct petty_effect rep = {.cash_fen = 38000, .receipted_fen = -38000};
    CHECK(petty_entry(PETTY_REPLENISH, &rep, "2025-03-12", 10, "", "", "safe", NULL, 0, &j));
    CHECK_INT(journal_finish(&j), JOURNAL_VALID);
    CHECK_INT(amount(&j, "petty_cash", NULL), 38000);
    CHECK_INT(amount(&j, "safe", NULL), -38000);
    CHECK(!petty_entry(PETTY_REPLENISH, &rep, "2025-03-12", 10, "", "", NULL, NULL, 0, &j));
    CHECK(!petty_entry(PETTY_REPLENISH, &rep, "2025-03-12", 10, "", "", "drawer", NULL, 0, &j));
    struct petty_effect est = {.imprest_fen = 300000, .cash_fen = 300000};
    CHECK(petty_entry(PETTY_ESTABLISH, &est, "2025-03-01", 1, "", "", "bank", NULL, 0, &j));
    CHECK_INT(journal_finish(&j), JOURNAL_VALID);
    CHECK_INT(amount(&j, "petty_cash", NULL), 300000);
    CHECK_INT(amount(&j, "bank", NULL), -300000);
    struct petty_effect lower = {.imprest_fen = -250000, .cash_fen = -250000};
    CHECK(petty_entry(PETTY_ADJUST, &lower, "2025-03-20", 11, "", "", "safe", NULL, 0, &j));
    CHECK_INT(amount(&j, "safe", NULL), 250000);
    CHECK_INT(amount(&j, "petty_cash", NULL), -250000);

    /* A direct expense of two receipts on one account merges into one line. */
    struct petty_effect exp = {.cash_fen = -5700, .receipted_fen = 5700};
    struct petty_receipt two[2] = {{"exp_office", 3000}, {"exp_office", 2700}};
    CHECK(petty_entry(PETTY_EXPENSE, &exp, "2025-03-12", 12, "", "快递费", NULL, two, 2, &j));
    CHECK_INT(journal_finish(&j), JOURNAL_VALID);
    CHECK_INT(j.nlines, 2);
    CHECK_INT(amount(&j, "exp_office", NULL), 5700);
    /* Receipts that do not add up to what was receipted, or an issue without a person, post
     * nothing. */
    struct petty_receipt short_one = {"exp_office", 5000};
    CHECK(!petty_entry(PETTY_EXPENSE, &exp, "2025-03-12", 12, "", "", NULL, &short_one, 1, &j));
    CHECK(!petty_entry(PETTY_ISSUE, &issue, "2025-03-10", 7, "", "", NULL, NULL, 0, &j));
    struct petty_receipt zero = {"exp_office", 0};
    CHECK(!petty_entry(PETTY_EXPENSE, &exp, "2025-03-12", 12, "", "", NULL, &zero, 1, &j));
}

/* A long purpose cut in the memo never leaves half a character behind. */
static void test_memo_utf8(void)
{
    char purpose[404] = "";
    for (int i = 0; i < 100; i++) strcat(purpose, "采"); /* 300 bytes */
    struct petty_effect issue = {.cash_fen = -100, .outstanding_fen = 100};
    struct journal_entry j;
    CHECK(petty_entry(PETTY_ISSUE, &issue, "2025-03-10", 1, "小王", purpose, NULL, NULL, 0, &j));
    size_t n = strlen(j.memo);
    CHECK(n < sizeof j.memo);
    /* Every character complete: the length after the ASCII-free prefix is a multiple of 3
     * ("备用金领用" 15 bytes, " 小王 " 8 bytes: 23, then whole 3-byte characters). */
    CHECK_INT((n - 23) % 3, 0);
}

static void test_kinds(void)
{
    for (int k = 0; k < PETTY_KIND__MAX; k++) {
        enum petty_kind back;
        CHECK(petty_kind_parse(petty_kind_id((enum petty_kind)k), &back));
        CHECK_INT(back, k);
    }
    enum petty_kind x;
    CHECK(!petty_kind_parse("spend", &x));
    CHECK_STR(petty_kind_name(PETTY_REPLENISH, false), "补充");
    CHECK_STR(petty_kind_name(PETTY_ISSUE, true), "Issued");
    CHECK_INT(petty_settle_kind(100, 0), PETTY_RETURN);
    CHECK_INT(petty_settle_kind(0, 100), PETTY_REIMBURSE);
    CHECK_INT(petty_settle_kind(0, 0), PETTY_SETTLE);
    CHECK_STR(petty_verdict_code(PETTY_OVER_CASH), "over_cash_on_hand");
    CHECK_STR(petty_verdict_code(PETTY_NEEDS_APPROVAL), "approval_required");
}

int main(void)
{
    RUN(test_issue_settle_replenish);
    RUN(test_refusals);
    RUN(test_approval);
    RUN(test_paid_beyond_issue);
    RUN(test_expense_and_imprest);
    RUN(test_no_fund_and_broken);
    RUN(test_entries);
    RUN(test_memo_utf8);
    RUN(test_kinds);
    return harness_finish("petty_rules");
}
