/* finance/postings.c: the posting rules (pure). See postings.h for the table of rules. */
#include "finance/postings.h"

#include <stdio.h>
#include <string.h>

const char *const revenue_keys[REV__MAX] = {"rev_room", "rev_package", "rev_drinks",
                                             "rev_food", "rev_goods",   "rev_other"};

enum revenue_kind posting_category_kind(const char *category)
{
    static const char *const drinks[] = {"酒", "饮", "茶", "水", "咖啡", "奶", "可乐", "汁", NULL};
    static const char *const food[] = {"小吃", "果", "食", "餐", "点心", "炸", "面", "饭",
                                       "零嘴", "坚果", NULL};
    if (!category || !*category) return REV_GOODS;
    /* Food first: 果汁 is a drink, but 果盘 and 水果 are food; a drink word wins over 果 only
     * when it is not 水果. */
    if (strstr(category, "水果") || strstr(category, "果盘")) return REV_FOOD;
    for (int i = 0; drinks[i]; i++)
        if (strstr(category, drinks[i])) return REV_DRINKS;
    for (int i = 0; food[i]; i++)
        if (strstr(category, food[i])) return REV_FOOD;
    return REV_GOODS;
}

bool post_bill_add_revenue(struct post_bill *b, const char *account, int64_t amount_fen)
{
    for (int i = 0; i < b->nrevenue; i++)
        if (strcmp(b->revenue[i].account, account) == 0) {
            b->revenue[i].amount_fen += amount_fen;
            return true;
        }
    if (b->nrevenue == POST_MAX_REVENUE) return false;
    snprintf(b->revenue[b->nrevenue].account, sizeof b->revenue[0].account, "%s", account);
    b->revenue[b->nrevenue++].amount_fen = amount_fen;
    return true;
}

/* a x num / den, half-up, for non-negative values (den > 0). */
static int64_t prorate(int64_t a, int64_t num, int64_t den)
{
    __int128 p = (__int128)a * num;
    return (int64_t)((p + den / 2) / den);
}

void posting_tender(struct journal_entry *e, const struct post_tender *t, int64_t amount_fen,
                    int sign)
{
    int64_t a = sign * amount_fen;
    const char *m = t->method;
    if (strcmp(m, "cash") == 0) {
        if (t->shift_id) journal_add_id(e, "drawer", t->shift_id, a);
        else journal_add(e, "safe", NULL, a);
    } else if (strcmp(m, "wechat") == 0) {
        journal_add(e, "clr_wechat", NULL, a);
    } else if (strcmp(m, "alipay") == 0) {
        journal_add(e, "clr_alipay", NULL, a);
    } else if (strcmp(m, "card") == 0) {
        journal_add(e, "clr_card", NULL, a);
    } else if (strcmp(m, "member") == 0) {
        /* The split the member ledger recorded; anything else (an imported bill knows no
         * split) is principal. */
        int64_t bonus = 0;
        if (t->principal_fen + t->bonus_fen == amount_fen && t->bonus_fen >= 0) bonus = t->bonus_fen;
        journal_add(e, "sv_principal", NULL, sign * (amount_fen - bonus));
        journal_add(e, "sv_bonus", NULL, sign * bonus);
    } else if (strcmp(m, "voucher") == 0 && strcmp(t->party, "venue") == 0) {
        /* The venue's own voucher (店内代金券, given away in a promotion): nobody owes it, so
         * its whole face is a discount. */
        journal_add(e, "contra_discount", NULL, a);
    } else if (strcmp(m, "voucher") == 0) {
        /* The platform owes what the guest paid it; the rest of the face value is the
         * platform's discount to the guest. */
        int64_t face = t->amount_fen > 0 ? t->amount_fen : amount_fen;
        int64_t paid = t->voucher_paid_fen < 0 ? face : t->voucher_paid_fen;
        if (paid > face) paid = face;
        int64_t owed = amount_fen == face ? paid : prorate(amount_fen, paid, face);
        journal_add(e, "ar_groupbuy", t->party[0] ? t->party : "未注明平台", sign * owed);
        journal_add(e, "contra_groupbuy", NULL, sign * (amount_fen - owed));
    } else if (strcmp(m, "credit") == 0) {
        journal_add(e, "ar_credit", t->party[0] ? t->party : "未注明", a);
    } else {
        journal_add(e, "clr_other", NULL, a);
    }
}

bool posting_bill(const struct post_bill *b, struct journal_entry *e)
{
    char memo[120];
    snprintf(memo, sizeof memo, "账单 %s", b->bill_no);
    journal_begin(e, b->day, "bill", b->bill_id, memo);
    int64_t paid = 0;
    for (int i = 0; i < b->ntenders; i++) {
        posting_tender(e, &b->tenders[i], b->tenders[i].amount_fen, +1);
        paid += b->tenders[i].amount_fen;
    }
    if (paid > b->total_fen) return false;
    if (paid < b->total_fen) journal_add(e, "ar_credit", "未收", b->total_fen - paid);
    for (int i = 0; i < b->nrevenue; i++)
        journal_add(e, b->revenue[i].account, NULL, -b->revenue[i].amount_fen);
    journal_add(e, "rev_other", NULL, -b->service_fen);
    journal_add(e, "contra_discount", NULL, b->discount_fen);
    return true;
}

void posting_refund(const char *day, int64_t refund_id, const char *bill_no,
                    const struct post_tender *t, int64_t amount_fen, struct journal_entry *e)
{
    char memo[120];
    snprintf(memo, sizeof memo, "退款 账单 %s", bill_no);
    journal_begin(e, day, "refund", refund_id, memo);
    journal_add(e, "contra_refund", NULL, amount_fen);
    posting_tender(e, t, amount_fen, -1);
}

void posting_void(const char *day, const struct post_bill *b, const struct post_tender *given,
                  int ngiven, int64_t refunded_fen, struct journal_entry *e)
{
    char memo[120];
    snprintf(memo, sizeof memo, "作废 账单 %s", b->bill_no);
    journal_begin(e, day, "void", b->bill_id, memo);
    for (int i = 0; i < b->nrevenue; i++)
        journal_add(e, b->revenue[i].account, NULL, b->revenue[i].amount_fen);
    journal_add(e, "rev_other", NULL, b->service_fen);
    journal_add(e, "contra_discount", NULL, -b->discount_fen);
    journal_add(e, "contra_refund", NULL, -refunded_fen);
    int64_t back = 0;
    for (int i = 0; i < ngiven; i++) {
        posting_tender(e, &given[i], given[i].amount_fen, -1);
        back += given[i].amount_fen;
    }
    /* What neither came back nor was refunded was never paid: it leaves the credit receivable
     * where the bill put it. */
    int64_t unpaid = b->total_fen - back - refunded_fen;
    if (unpaid) journal_add(e, "ar_credit", "未收", -unpaid);
}

void posting_shift_open(const char *day, int64_t shift_id, int64_t float_fen,
                        int64_t prev_shift_id, int64_t prev_balance_fen, struct journal_entry *e)
{
    journal_begin(e, day, "shift_open", shift_id, "开班备用金");
    journal_add_id(e, "drawer", shift_id, float_fen);
    if (prev_shift_id && prev_balance_fen > 0) {
        snprintf(e->memo, sizeof e->memo, "开班：接班钱箱（班次 #%lld）", (long long)prev_shift_id);
        journal_add_id(e, "drawer", prev_shift_id, -prev_balance_fen);
        journal_add(e, "suspense", NULL, prev_balance_fen - float_fen);
    } else {
        journal_add(e, "safe", NULL, -float_fen);
    }
}

void posting_shift_cash(const char *day, int64_t event_id, int64_t shift_id,
                        enum shift_cash_kind kind, int64_t amount_fen, const char *reason,
                        struct journal_entry *e)
{
    static const char *const what[] = {"收银台存入", "收银台付出", "存入保险柜"};
    char memo[200];
    snprintf(memo, sizeof memo, "%s%s%s", what[kind], reason && *reason ? "：" : "",
             reason ? reason : "");
    journal_begin(e, day, "shift_cash", event_id, memo);
    switch (kind) {
    case SHIFT_PAY_IN:
        journal_add_id(e, "drawer", shift_id, amount_fen);
        journal_add(e, "safe", NULL, -amount_fen);
        break;
    case SHIFT_PAY_OUT:
        journal_add(e, "exp_till", NULL, amount_fen);
        journal_add_id(e, "drawer", shift_id, -amount_fen);
        break;
    case SHIFT_SAFE_DROP:
        journal_add(e, "safe", NULL, amount_fen);
        journal_add_id(e, "drawer", shift_id, -amount_fen);
        break;
    }
}

void posting_shift_close(const char *day, int64_t shift_id, const char *cashier,
                         int64_t difference_fen, struct journal_entry *e)
{
    journal_begin(e, day, "shift_close", shift_id, difference_fen > 0 ? "交班长款" : "交班短款");
    if (difference_fen > 0) {
        journal_add_id(e, "drawer", shift_id, difference_fen);
        journal_add(e, "other_income", NULL, -difference_fen);
    } else if (difference_fen < 0) {
        journal_add(e, "ar_cashier", cashier, -difference_fen);
        journal_add_id(e, "drawer", shift_id, difference_fen);
    }
}

void posting_shift_handin(const char *day, int64_t shift_id, int64_t balance_fen,
                          struct journal_entry *e)
{
    journal_begin(e, day, "shift_handin", shift_id, "交班缴款入保险柜");
    journal_add(e, "safe", NULL, balance_fen);
    journal_add_id(e, "drawer", shift_id, -balance_fen);
}

void posting_topup(const char *day, int64_t topup_id, const struct post_tender *t,
                   int64_t principal_fen, int64_t bonus_fen, struct journal_entry *e)
{
    journal_begin(e, day, "topup", topup_id, "会员储值充值");
    posting_tender(e, t, principal_fen, +1);
    journal_add(e, "sv_principal", NULL, -principal_fen);
    journal_add(e, "exp_sv_bonus", NULL, bonus_fen);
    journal_add(e, "sv_bonus", NULL, -bonus_fen);
}

void posting_sv_refund(const char *day, int64_t refund_id, const struct post_tender *t,
                       int64_t principal_fen, int64_t bonus_forfeited_fen,
                       struct journal_entry *e)
{
    journal_begin(e, day, "sv_refund", refund_id, "会员储值退款（只退本金）");
    journal_add(e, "sv_principal", NULL, principal_fen);
    posting_tender(e, t, principal_fen, -1);
    journal_add(e, "sv_bonus", NULL, bonus_forfeited_fen);
    journal_add(e, "exp_sv_bonus", NULL, -bonus_forfeited_fen);
}
