/* finance/transfers.c: the pure rules of fund transfers and channel settlements (资金划转与
 * 渠道到账): which accounts, the kind of a pair, the channel's fee, the checks and the posting
 * rule. No I/O. See transfers.h. */
#include "finance/transfers.h"

#include <stdio.h>
#include <string.h>

#include "core/money.h"

/* The usual fees: WeChat Pay and Alipay charge a venue 0.6 % of what they settle, card
 * acquirers about 0.38 % (a debit card less, a credit card more; the statement says). They are
 * what the page suggests; the fee typed from the statement is what posts. */
const struct transfer_account transfer_accounts[] = {
    {"safe", "库存现金-保险柜", "Cash in the safe", false, true, 0},
    {"bank", "银行存款", "Bank", false, true, 0},
    {"clr_wechat", "微信待清算", "WeChat Pay clearing", true, false, 60},
    {"clr_alipay", "支付宝待清算", "Alipay clearing", true, false, 60},
    {"clr_card", "银行卡待清算", "Card clearing", true, false, 38},
    {"clr_other", "其他待清算", "Other clearing", true, false, 0},
};
const int transfer_account_count =
    (int)(sizeof transfer_accounts / sizeof transfer_accounts[0]);

const struct transfer_account *transfer_account_find(const char *key)
{
    for (int i = 0; key && i < transfer_account_count; i++)
        if (strcmp(transfer_accounts[i].key, key) == 0) return &transfer_accounts[i];
    return NULL;
}

enum transfer_kind transfer_kind_of(const char *from, const char *to)
{
    const struct transfer_account *f = transfer_account_find(from);
    if (f && f->clearing && strcmp(to, "bank") == 0) return TRANSFER_SETTLEMENT;
    if (strcmp(from, "safe") == 0 && strcmp(to, "bank") == 0) return TRANSFER_DEPOSIT;
    if (strcmp(from, "bank") == 0 && strcmp(to, "safe") == 0) return TRANSFER_WITHDRAWAL;
    return TRANSFER_OTHER;
}

const char *transfer_kind_id(enum transfer_kind k)
{
    static const char *const ids[] = {"settlement", "deposit", "withdrawal", "other"};
    return (unsigned)k < 4 ? ids[k] : "other";
}

const char *transfer_kind_name(enum transfer_kind k, bool english)
{
    static const char *const names[][2] = {{"渠道到账", "Channel settlement"},
                                           {"存现", "Cash deposit"},
                                           {"取现", "Cash withdrawal"},
                                           {"其他划转", "Other transfer"}};
    return names[(unsigned)k < 4 ? k : 3][english ? 1 : 0];
}

int64_t transfer_fee_at_rate(int64_t amount_fen, int64_t rate_bp)
{
    if (amount_fen <= 0 || rate_bp <= 0) return 0;
    /* amount x rate / 10000 split so that nothing overflows: the whole ten-thousands of the
     * amount give whole fen; only the rest (below 10000 x 10000) is rounded, half up. */
    int64_t whole = amount_fen / 10000, rest = amount_fen % 10000;
    return whole * rate_bp + (rest * rate_bp + 5000) / 10000;
}

struct verdict_text {
    const char *field, *code, *zh, *en;
};
static const struct verdict_text verdict_texts[TRANSFER_VERDICT__MAX] = {
    [TRANSFER_OK] = {"", "", "", ""},
    [TRANSFER_BAD_FROM] = {"from_account", "invalid_field",
                           "转出账户：应为 safe（保险柜）、bank（银行）或 clr_wechat、clr_alipay、"
                           "clr_card、clr_other（待清算）",
                           "from_account: must be safe, bank, clr_wechat, clr_alipay, clr_card "
                           "or clr_other"},
    [TRANSFER_BAD_TO] = {"to_account", "invalid_field",
                         "转入账户：只能是 bank（银行存款）或 safe（保险柜）",
                         "to_account: must be bank or safe"},
    [TRANSFER_SAME_ACCOUNT] = {"to_account", "invalid_field", "转入账户：不能与转出账户相同",
                               "to_account: may not be the account the money leaves"},
    [TRANSFER_CLEARING_TO_SAFE] = {"to_account", "invalid_field",
                                   "转入账户：微信、支付宝、银行卡等待清算款只能结算到银行存款，不能转入保险柜",
                                   "to_account: a payment channel's takings settle into the bank, "
                                   "never into the safe"},
    [TRANSFER_BAD_AMOUNT] = {"amount", "invalid_field", "金额：必须大于 0",
                             "amount: must be above 0"},
    [TRANSFER_FEE_NEGATIVE] = {"fee", "invalid_field", "手续费：不能为负数",
                               "fee: may not be negative"},
    [TRANSFER_FEE_TOO_LARGE] = {"fee", "invalid_field",
                                "手续费：必须小于转出金额（到账金额 = 金额 - 手续费，应大于 0）",
                                "fee: must be below the amount (what arrives is amount - fee, "
                                "above 0)"},
    [TRANSFER_FEE_NOT_CHANNEL] = {"fee", "invalid_field",
                                  "手续费：只有微信、支付宝、银行卡等渠道结算到银行时才有手续费",
                                  "fee: only a channel settling into the bank keeps a fee"},
    [TRANSFER_SAFE_SHORT] = {"amount", "safe_short", "金额：超过保险柜账面现金，保险柜不能为负",
                             "amount: more than the safe holds on the books; the safe may not go "
                             "below zero"},
};

const char *transfer_verdict_field(enum transfer_verdict v)
{
    return (unsigned)v < TRANSFER_VERDICT__MAX ? verdict_texts[v].field : "";
}

const char *transfer_verdict_code(enum transfer_verdict v)
{
    return (unsigned)v < TRANSFER_VERDICT__MAX ? verdict_texts[v].code : "";
}

const char *transfer_verdict_message(enum transfer_verdict v, bool english)
{
    if ((unsigned)v >= TRANSFER_VERDICT__MAX) return "";
    return english ? verdict_texts[v].en : verdict_texts[v].zh;
}

enum transfer_verdict transfer_check(const struct transfer_in *t, int64_t safe_available_fen)
{
    const struct transfer_account *from = transfer_account_find(t->from);
    const struct transfer_account *to = transfer_account_find(t->to);
    if (!from) return TRANSFER_BAD_FROM;
    if (!to || !to->may_receive) return TRANSFER_BAD_TO;
    if (from == to) return TRANSFER_SAME_ACCOUNT;
    /* Money that never was cash cannot become cash in the safe. */
    if (transfer_kind_of(t->from, t->to) == TRANSFER_OTHER) return TRANSFER_CLEARING_TO_SAFE;
    if (t->amount_fen <= 0 || t->amount_fen > MONEY_MAX_FEN) return TRANSFER_BAD_AMOUNT;
    if (t->fee_fen < 0) return TRANSFER_FEE_NEGATIVE;
    if (t->fee_fen > 0 && transfer_kind_of(t->from, t->to) != TRANSFER_SETTLEMENT)
        return TRANSFER_FEE_NOT_CHANNEL;
    if (t->fee_fen >= t->amount_fen) return TRANSFER_FEE_TOO_LARGE;
    if (strcmp(t->from, "safe") == 0 && t->amount_fen > safe_available_fen)
        return TRANSFER_SAFE_SHORT;
    return TRANSFER_OK;
}

void transfer_entry_rule(struct journal_entry *e, const char *day, int64_t id,
                         const struct transfer_in *t, const char *memo)
{
    journal_begin(e, day, "transfer", id, memo);
    journal_add(e, t->to, NULL, t->amount_fen - t->fee_fen);
    journal_add(e, "exp_channel_fees", NULL, t->fee_fen);
    journal_add(e, t->from, NULL, -t->amount_fen);
}
