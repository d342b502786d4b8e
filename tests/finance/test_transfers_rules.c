/* test_transfers_rules.c: the pure rules of fund transfers and channel settlements (资金划转与
 * 渠道到账, src/finance/transfers.c): the channel's fee rounded to the fen, the kinds, the
 * checks with the field each refusal names, and the posting rule, with figures worked by hand.
 *
 * The rounding: fee = amount x rate, rounded half up to the fen (a half fen or more is a fen).
 * The channels compute the fee on each settlement's gross and print it to the fen; half up is
 * what their statements show, and for positive amounts it is the same as half away from zero
 * (money_apply_rate). Worked: WeChat 12,345.67 at 0.6 % = 74.074 02 -> 74.07, the bank gets
 * 12,271.60; 2.50 at 0.6 % = 1.5 fen -> 2 fen; 2.49 at 0.6 % = 1.494 fen -> 1 fen. */
#include "core/money.h"
#include "finance/journal.h"
#include "finance/transfers.h"
#include "harness.h"

#include <stdint.h>
#include <string.h>

static void fee_rounds_half_up_to_the_fen(void)
{
    /* WeChat 12,345.67 at 0.6 %: 1,234,567 x 60 / 10,000 = 7,407.402 fen -> 7,407. */
    CHECK_INT(transfer_fee_at_rate(1234567, 60), 7407);
    CHECK_INT(1234567 - transfer_fee_at_rate(1234567, 60), 1227160);
    /* Card 12,345.67 at 0.38 %: 1,234,567 x 38 / 10,000 = 4,691.3546 fen -> 4,691 (46.91). */
    CHECK_INT(transfer_fee_at_rate(1234567, 38), 4691);
    /* Exactly half a fen goes up; just under half goes down. */
    CHECK_INT(transfer_fee_at_rate(250, 60), 2);  /* 1.5 fen */
    CHECK_INT(transfer_fee_at_rate(249, 60), 1);  /* 1.494 fen */
    CHECK_INT(transfer_fee_at_rate(84, 60), 1);   /* 0.504 fen */
    CHECK_INT(transfer_fee_at_rate(83, 60), 0);   /* 0.498 fen */
    CHECK_INT(transfer_fee_at_rate(1, 60), 0);    /* 0.006 fen */
    /* Whole amounts: 10,000.00 at 0.38 % is 38.00; at 0.6 % 60.00. */
    CHECK_INT(transfer_fee_at_rate(1000000, 38), 3800);
    CHECK_INT(transfer_fee_at_rate(1000000, 60), 6000);
    /* A demo day: WeChat 38,391.00 at 0.6 % = 230.346 -> 230.35. */
    CHECK_INT(transfer_fee_at_rate(3839100, 60), 23035);
    /* Nothing, no rate, and amounts far above any venue's without overflow (10^15 x 60 / 10^4:
     * the product itself would not fit in 64 bits at the full rate). */
    CHECK_INT(transfer_fee_at_rate(0, 60), 0);
    CHECK_INT(transfer_fee_at_rate(1234567, 0), 0);
    CHECK_INT(transfer_fee_at_rate(1000000000000000LL, 60), 6000000000000LL);
    CHECK_INT(transfer_fee_at_rate(999999999999999LL, 60), 6000000000000LL);
    CHECK_INT(transfer_fee_at_rate(1000000000000000LL, 10000), 1000000000000000LL);
    CHECK_INT(transfer_fee_at_rate(MONEY_MAX_FEN, 38), MONEY_MAX_FEN / 10000 * 38);
}

static void accounts_and_kinds(void)
{
    CHECK_INT(transfer_account_count, 6);
    CHECK(transfer_account_find("clr_wechat")->clearing);
    CHECK_INT(transfer_account_find("clr_wechat")->default_rate_bp, 60);
    CHECK_INT(transfer_account_find("clr_alipay")->default_rate_bp, 60);
    CHECK_INT(transfer_account_find("clr_card")->default_rate_bp, 38);
    CHECK(!transfer_account_find("safe")->clearing && transfer_account_find("safe")->may_receive);
    CHECK(transfer_account_find("bank")->may_receive);
    CHECK(!transfer_account_find("clr_card")->may_receive);
    CHECK(transfer_account_find("cash") == NULL && transfer_account_find(NULL) == NULL);
    CHECK_INT(transfer_kind_of("clr_wechat", "bank"), TRANSFER_SETTLEMENT);
    CHECK_INT(transfer_kind_of("clr_other", "bank"), TRANSFER_SETTLEMENT);
    CHECK_INT(transfer_kind_of("safe", "bank"), TRANSFER_DEPOSIT);
    CHECK_INT(transfer_kind_of("bank", "safe"), TRANSFER_WITHDRAWAL);
    CHECK_INT(transfer_kind_of("clr_card", "safe"), TRANSFER_OTHER);
    CHECK_STR(transfer_kind_id(TRANSFER_DEPOSIT), "deposit");
    CHECK_STR(transfer_kind_name(TRANSFER_SETTLEMENT, false), "渠道到账");
    CHECK_STR(transfer_kind_name(TRANSFER_WITHDRAWAL, false), "取现");
}

/* One check: the verdict and the field it names. */
static void expect(const char *from, const char *to, int64_t amount, int64_t fee,
                   int64_t safe_available, enum transfer_verdict want, const char *field, int line)
{
    struct transfer_in in = {.from = from, .to = to, .amount_fen = amount, .fee_fen = fee};
    enum transfer_verdict v = transfer_check(&in, safe_available);
    if (v != want)
        harness_fail(__FILE__, line, "%s -> %s %lld fee %lld: verdict %d, expected %d", from, to,
                     (long long)amount, (long long)fee, (int)v, (int)want);
    else if (strcmp(transfer_verdict_field(v), field) != 0)
        harness_fail(__FILE__, line, "verdict %d names field '%s', expected '%s'", (int)v,
                     transfer_verdict_field(v), field);
    else if (v != TRANSFER_OK && !*transfer_verdict_message(v, false))
        harness_fail(__FILE__, line, "verdict %d has no message", (int)v);
}

static void checks_refuse_with_their_field(void)
{
    const int64_t any = INT64_MAX;
    expect("clr_wechat", "bank", 1234567, 7407, any, TRANSFER_OK, "", __LINE__);
    expect("clr_wechat", "bank", 1234567, 0, any, TRANSFER_OK, "", __LINE__);
    expect("bank", "safe", 300000, 0, any, TRANSFER_OK, "", __LINE__);
    expect("cash", "bank", 100, 0, any, TRANSFER_BAD_FROM, "from_account", __LINE__);
    expect("", "bank", 100, 0, any, TRANSFER_BAD_FROM, "from_account", __LINE__);
    expect("safe", "clr_wechat", 100, 0, any, TRANSFER_BAD_TO, "to_account", __LINE__);
    expect("safe", "nowhere", 100, 0, any, TRANSFER_BAD_TO, "to_account", __LINE__);
    expect("bank", "bank", 100, 0, any, TRANSFER_SAME_ACCOUNT, "to_account", __LINE__);
    expect("safe", "bank", 0, 0, any, TRANSFER_BAD_AMOUNT, "amount", __LINE__);
    expect("safe", "bank", -100, 0, any, TRANSFER_BAD_AMOUNT, "amount", __LINE__);
    expect("safe", "bank", MONEY_MAX_FEN + 1, 0, any, TRANSFER_BAD_AMOUNT, "amount", __LINE__);
    expect("clr_wechat", "bank", 100, -1, any, TRANSFER_FEE_NEGATIVE, "fee", __LINE__);
    /* The fee must leave something to arrive. */
    expect("clr_wechat", "bank", 100, 100, any, TRANSFER_FEE_TOO_LARGE, "fee", __LINE__);
    expect("clr_wechat", "bank", 100, 101, any, TRANSFER_FEE_TOO_LARGE, "fee", __LINE__);
    expect("clr_wechat", "bank", 100, 99, any, TRANSFER_OK, "", __LINE__);
    /* Only a channel settling into the bank keeps a fee. */
    expect("safe", "bank", 100000, 10, any, TRANSFER_FEE_NOT_CHANNEL, "fee", __LINE__);
    expect("bank", "safe", 100000, 10, any, TRANSFER_FEE_NOT_CHANNEL, "fee", __LINE__);
    /* A channel's takings never become cash in the safe (it would make cash from nothing). */
    expect("clr_alipay", "safe", 100000, 10, any, TRANSFER_CLEARING_TO_SAFE, "to_account", __LINE__);
    expect("clr_other", "safe", 1, 0, any, TRANSFER_CLEARING_TO_SAFE, "to_account", __LINE__);
    /* The safe gives what it holds on the books from that day on, to the fen. */
    expect("safe", "bank", 500000, 0, 500000, TRANSFER_OK, "", __LINE__);
    expect("safe", "bank", 500001, 0, 500000, TRANSFER_SAFE_SHORT, "amount", __LINE__);
    expect("safe", "bank", 1, 0, -2000, TRANSFER_SAFE_SHORT, "amount", __LINE__);
    /* The safe's figure matters only when the money leaves the safe. */
    expect("bank", "safe", 500001, 0, 0, TRANSFER_OK, "", __LINE__);
    CHECK_STR(transfer_verdict_code(TRANSFER_SAFE_SHORT), "safe_short");
    CHECK_STR(transfer_verdict_code(TRANSFER_FEE_TOO_LARGE), "invalid_field");
}

static void posting_rule(void)
{
    /* WeChat 12,345.67 settled with a fee of 74.07:
     *   Dr 1005 bank 12,271.60   Dr 6012 channel fees 74.07   Cr 1011 WeChat clearing 12,345.67 */
    struct transfer_in in = {.from = "clr_wechat", .to = "bank", .amount_fen = 1234567,
                             .fee_fen = transfer_fee_at_rate(1234567, 60)};
    struct journal_entry e;
    transfer_entry_rule(&e, "2026-02-03", 42, &in, "资金划转 #42 渠道到账");
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(e.nlines, 3);
    CHECK_STR(e.source_kind, "transfer");
    CHECK_INT(e.source_id, 42);
    CHECK_STR(e.day, "2026-02-03");
    CHECK_INT(journal_amount(&e, "bank", ""), 1227160);
    CHECK_INT(journal_amount(&e, "exp_channel_fees", ""), 7407);
    CHECK_INT(journal_amount(&e, "clr_wechat", ""), -1234567);
    CHECK_INT(journal_debits(&e), 1234567);

    /* A deposit of 50,000.00 from the safe: two lines, no fee line. */
    struct transfer_in dep = {.from = "safe", .to = "bank", .amount_fen = 5000000};
    transfer_entry_rule(&e, "2026-02-05", 43, &dep, "");
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(e.nlines, 2);
    CHECK_INT(journal_amount(&e, "bank", ""), 5000000);
    CHECK_INT(journal_amount(&e, "safe", ""), -5000000);
    CHECK_INT(journal_amount(&e, "exp_channel_fees", ""), 0);

    /* A withdrawal of 3,000.00 for change, and its reversal (the cancellation). */
    struct transfer_in wd = {.from = "bank", .to = "safe", .amount_fen = 300000};
    struct journal_entry r;
    transfer_entry_rule(&e, "2026-02-15", 44, &wd, "");
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    journal_reverse(&e, 900, "2026-02-16", "冲销资金划转 #44", &r);
    CHECK_INT(journal_finish(&r), JOURNAL_VALID);
    CHECK_INT(r.reverses_id, 900);
    CHECK_INT(journal_amount(&r, "safe", ""), -300000);
    CHECK_INT(journal_amount(&r, "bank", ""), 300000);

    /* Card 8,000.00 at 0.38 %: fee 30.40, the bank 7,969.60. */
    struct transfer_in card = {.from = "clr_card", .to = "bank", .amount_fen = 800000,
                               .fee_fen = transfer_fee_at_rate(800000, 38)};
    CHECK_INT(card.fee_fen, 3040);
    transfer_entry_rule(&e, "2026-02-03", 45, &card, "");
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "bank", ""), 796960);
    CHECK_INT(journal_amount(&e, "exp_channel_fees", ""), 3040);
}

int main(void)
{
    RUN(fee_rounds_half_up_to_the_fen);
    RUN(accounts_and_kinds);
    RUN(checks_refuse_with_their_field);
    RUN(posting_rule);
    return harness_finish("finance/transfers_rules");
}
