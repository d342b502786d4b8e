/* frontdesk/settle.c: tenders, stored value, refunds and authority limits (see settle.h). */
#include "frontdesk/settle.h"

#include "shifts/drawer.h"

#include <string.h>

static const struct {
    const char *name, *label;
} methods[TENDER__MAX] = {
    [TENDER_CASH] = {"cash", "现金"},         [TENDER_WECHAT] = {"wechat", "微信"},
    [TENDER_ALIPAY] = {"alipay", "支付宝"},   [TENDER_CARD] = {"card", "银行卡"},
    [TENDER_MEMBER] = {"member", "会员储值"}, [TENDER_VOUCHER] = {"voucher", "团购券"},
    [TENDER_CREDIT] = {"credit", "挂账"},
};

bool tender_method_parse(const char *s, enum tender_method *out)
{
    for (int i = 0; s && i < TENDER__MAX; i++)
        if (strcmp(s, methods[i].name) == 0) {
            *out = (enum tender_method)i;
            return true;
        }
    return false;
}

const char *tender_method_name(enum tender_method m)
{
    return m >= 0 && m < TENDER__MAX ? methods[m].name : "other";
}

const char *tender_method_label(enum tender_method m)
{
    return m >= 0 && m < TENDER__MAX ? methods[m].label : "其他";
}

enum settle_status settle_tenders(int64_t total_fen, struct tender *t, int n, int *bad)
{
    *bad = -1;
    if (n < 0 || n > SETTLE_MAX_TENDERS) return SETTLE_TOO_MANY;
    int64_t sum = 0;
    for (int i = 0; i < n; i++) {
        *bad = i;
        t[i].change_fen = 0;
        if (t[i].amount_fen <= 0 || t[i].tendered_fen < 0) return SETTLE_BAD_AMOUNT;
        if (t[i].tendered_fen) {
            if (t[i].method != TENDER_CASH) return SETTLE_CHANGE_NOT_CASH;
            int64_t kept = 0;
            /* The drawer keeps the amount due, never the note handed over (case S1). */
            if (!drawer_tender(t[i].amount_fen, t[i].tendered_fen, &kept, &t[i].change_fen))
                return SETTLE_TENDER_SHORT;
        }
        sum += t[i].amount_fen;
    }
    *bad = -1;
    return sum == total_fen ? SETTLE_OK : SETTLE_SUM_MISMATCH;
}

/* a x b / c rounded half-up, for non-negative a, b and positive c (no overflow: 128 bits). */
static int64_t mul_div_half_up(int64_t a, int64_t b, int64_t c)
{
    __int128 p = (__int128)a * b;
    return (int64_t)((p + c / 2) / c);
}

bool stored_value_take(const struct stored_value *bal, int64_t amount, struct stored_value *taken)
{
    memset(taken, 0, sizeof *taken);
    int64_t total = bal->principal_fen + bal->bonus_fen;
    if (amount <= 0 || bal->principal_fen < 0 || bal->bonus_fen < 0 || amount > total) return false;
    /* bonus share <= bonus because amount <= total; the principal share then never exceeds
     * the principal (amount - amount*B/T = amount*P/T <= P, and rounding only moves fen from
     * principal to bonus within that bound). */
    taken->bonus_fen = mul_div_half_up(amount, bal->bonus_fen, total);
    taken->principal_fen = amount - taken->bonus_fen;
    return true;
}

bool stored_value_give_back(const struct stored_value *taken, const struct stored_value *returned,
                            int64_t amount, struct stored_value *back)
{
    memset(back, 0, sizeof *back);
    int64_t paid = taken->principal_fen + taken->bonus_fen;
    int64_t done = returned->principal_fen + returned->bonus_fen;
    if (amount <= 0 || paid <= 0 || amount > paid - done) return false;
    /* Cumulative: after this refund, the bonus given back in all is the bonus share of all
     * that was given back, so the last part returns exactly what is left of each. */
    int64_t bonus_target = mul_div_half_up(done + amount, taken->bonus_fen, paid);
    int64_t bonus = bonus_target - returned->bonus_fen;
    int64_t bonus_left = taken->bonus_fen - returned->bonus_fen;
    int64_t principal_left = taken->principal_fen - returned->principal_fen;
    if (bonus < 0) bonus = 0;
    if (bonus > bonus_left) bonus = bonus_left;
    if (bonus > amount) bonus = amount;
    if (amount - bonus > principal_left) bonus = amount - principal_left;
    back->bonus_fen = bonus;
    back->principal_fen = amount - bonus;
    return true;
}

int64_t settle_refundable(int64_t paid_fen, int64_t refunded_fen)
{
    int64_t left = paid_fen - refunded_fen;
    return left > 0 ? left : 0;
}

bool settle_gift_within(const struct role_limit *l, int64_t before, int64_t gift)
{
    return before + gift <= l->gift_limit_fen;
}

bool settle_discount_within(const struct role_limit *l, int64_t percent_bp, int64_t fixed_fen)
{
    return percent_bp <= l->discount_limit_bp && fixed_fen <= l->discount_limit_fen;
}
