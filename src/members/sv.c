/* members/sv.c: the rules of stored value: offers, bonus authority, refunds, the liability's
 * movements (see sv.h). */
#include "members/sv.h"

#include <string.h>

bool sv_rule_in_force(const struct sv_rule *r, const char *day)
{
    /* Days are "YYYY-MM-DD": text order is date order. */
    return r->active && strcmp(r->effective_from, day) <= 0 && strcmp(day, r->effective_to) <= 0;
}

int sv_best_rule(const struct sv_rule *rules, int n, const char *day, int64_t amount_fen)
{
    int best = -1;
    for (int i = 0; i < n; i++) {
        const struct sv_rule *r = &rules[i];
        if (!sv_rule_in_force(r, day) || r->threshold_fen > amount_fen) continue;
        if (best < 0) {
            best = i;
            continue;
        }
        const struct sv_rule *b = &rules[best];
        if (r->bonus_fen > b->bonus_fen ||
            (r->bonus_fen == b->bonus_fen &&
             (r->threshold_fen > b->threshold_fen ||
              (r->threshold_fen == b->threshold_fen && r->id < b->id))))
            best = i;
    }
    return best;
}

bool sv_bonus_within(int64_t amount_fen, int64_t rule_bonus_fen, int64_t bonus_fen,
                     int64_t limit_bp)
{
    if (bonus_fen < 0 || amount_fen <= 0 || bonus_fen > amount_fen) return false;
    if (bonus_fen <= rule_bonus_fen) return true;
    if (limit_bp < 0) return false;
    /* bonus / amount <= limit_bp / 10000, in integers: amounts stay below 10^8 and limits at
     * most 10^4, so neither product overflows. */
    return bonus_fen * 10000 <= amount_fen * limit_bp;
}

enum sv_refund_status sv_refund(const struct sv_balance *balance, int64_t principal_fen,
                                struct sv_balance *change)
{
    change->principal_fen = change->bonus_fen = 0;
    if (principal_fen <= 0 || principal_fen > SV_MAX_FEN) return SV_REFUND_BAD_AMOUNT;
    if (principal_fen > balance->principal_fen) return SV_REFUND_TOO_MUCH;
    change->principal_fen = -principal_fen;
    /* The bonus was given for the principal: it leaves in the same proportion as the principal
     * refunded, rounded up to the fen (the guest never keeps more than the share of what stays;
     * refunding all but 1 fen cannot keep the whole bonus). The whole principal takes the whole
     * bonus. A negative bonus (never expected) is left alone. */
    if (balance->bonus_fen > 0) {
        __int128 num = (__int128)balance->bonus_fen * principal_fen;
        __int128 share = (num + balance->principal_fen - 1) / balance->principal_fen;
        change->bonus_fen = -(int64_t)share;
    }
    return SV_REFUND_OK;
}

static const struct {
    const char *id, *label;
} methods[] = {{"cash", "现金"}, {"wechat", "微信"}, {"alipay", "支付宝"}, {"card", "银行卡"}};
#define METHODS ((int)(sizeof methods / sizeof methods[0]))

bool sv_method_valid(const char *method)
{
    for (int i = 0; method && i < METHODS; i++)
        if (strcmp(methods[i].id, method) == 0) return true;
    return false;
}

const char *sv_method_label(const char *method)
{
    for (int i = 0; method && i < METHODS; i++)
        if (strcmp(methods[i].id, method) == 0) return methods[i].label;
    return method ? method : "";
}

bool sv_movements_add(struct sv_movements *m, const char *kind, bool with_bill,
                      int64_t principal_fen, int64_t bonus_fen)
{
    if (strcmp(kind, "topup") == 0) {
        m->topup_principal_fen += principal_fen;
        m->topup_bonus_fen += bonus_fen;
    } else if (strcmp(kind, "pay") == 0 || strcmp(kind, "void") == 0 ||
               (strcmp(kind, "refund") == 0 && with_bill)) {
        /* A bill took (negative changes) or gave back (positive): consumption is what it took. */
        m->consumed_principal_fen -= principal_fen;
        m->consumed_bonus_fen -= bonus_fen;
    } else if (strcmp(kind, "refund") == 0) {
        m->refunded_principal_fen -= principal_fen;
        m->forfeited_bonus_fen -= bonus_fen;
    } else if (strcmp(kind, "adjust") == 0) {
        m->adjust_principal_fen += principal_fen;
        m->adjust_bonus_fen += bonus_fen;
    } else {
        return false;
    }
    return true;
}

void sv_movements_sum(struct sv_movements *a, const struct sv_movements *b)
{
    a->topup_principal_fen += b->topup_principal_fen;
    a->topup_bonus_fen += b->topup_bonus_fen;
    a->consumed_principal_fen += b->consumed_principal_fen;
    a->consumed_bonus_fen += b->consumed_bonus_fen;
    a->refunded_principal_fen += b->refunded_principal_fen;
    a->forfeited_bonus_fen += b->forfeited_bonus_fen;
    a->adjust_principal_fen += b->adjust_principal_fen;
    a->adjust_bonus_fen += b->adjust_bonus_fen;
}

struct sv_balance sv_closing(const struct sv_balance *opening, const struct sv_movements *m)
{
    struct sv_balance c;
    c.principal_fen = opening->principal_fen + m->topup_principal_fen - m->consumed_principal_fen -
                      m->refunded_principal_fen + m->adjust_principal_fen;
    c.bonus_fen = opening->bonus_fen + m->topup_bonus_fen - m->consumed_bonus_fen -
                  m->forfeited_bonus_fen + m->adjust_bonus_fen;
    return c;
}
