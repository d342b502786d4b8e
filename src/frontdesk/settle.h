/* frontdesk/settle.h: the rules of paying a bill and of giving money back. Pure functions.
 *
 * Tenders (付款方式). A bill is paid by one or more tenders whose amounts sum to the total
 * exactly. A cash tender records what the guest handed over; the drawer keeps the amount due
 * and hands back the change (case S1: drawer_tender). Only cash gives change.
 *
 * Stored value (储值). A member's balance is principal (what was paid in) plus bonus (充送赠额,
 * what the venue added). A bill paid from the balance takes both IN PROPORTION to the balance
 * at that moment, the bonus share rounded half-up and the principal taking the rest:
 *   balance 800.00 principal + 200.00 bonus, pay 200.00 -> bonus 200 x 200/1000 = 40.00,
 *   principal 160.00; left 640.00 + 160.00 = 800.00 (case M1).
 * Taking the whole balance takes exactly both parts, and neither part is ever overdrawn.
 * Why in proportion: the liability report values principal and bonus apart, and spending the
 * bonus first (or last) would let a guest turn bonus into refundable principal by choosing the
 * order of visits. A void gives back exactly what was taken (M2); a partial refund of a member
 * tender gives back the same mix, cumulatively rounded so that refunding the whole tender in
 * parts returns exactly what it took.
 *
 * Authority (权限). Each role may give gifts up to a value per bill and discounts up to a
 * percentage and a fixed amount per bill; above that a manager (a user whose role's limit
 * covers it) approves. */
#ifndef KTV_SETTLE_H
#define KTV_SETTLE_H

#include <stdbool.h>
#include <stdint.h>

/* Most tenders on one bill: a bill is rarely split more than three ways. */
#define SETTLE_MAX_TENDERS 10

enum tender_method {
    TENDER_CASH,
    TENDER_WECHAT,
    TENDER_ALIPAY,
    TENDER_CARD,
    TENDER_MEMBER,  /* stored value (储值) */
    TENDER_VOUCHER, /* group-buy voucher (团购券): platform and code */
    TENDER_CREDIT,  /* signed credit (挂账) to a named account */
    TENDER__MAX,
};

/* The method named s ("cash", "wechat" ...); false if it is not one a till may take. */
bool tender_method_parse(const char *s, enum tender_method *out);
/* The stored name ("cash") and the Chinese label ("现金") of a method. */
const char *tender_method_name(enum tender_method m);
const char *tender_method_label(enum tender_method m);

struct tender {
    enum tender_method method;
    int64_t amount_fen;   /* what the bill receives from this tender (> 0) */
    int64_t tendered_fen; /* cash handed over; 0 means exactly the amount */
    int64_t change_fen;   /* out: change handed back (cash only) */
};

enum settle_status {
    SETTLE_OK = 0,
    SETTLE_BAD_AMOUNT,      /* an amount not > 0 */
    SETTLE_SUM_MISMATCH,    /* the tenders do not sum to the total */
    SETTLE_TENDER_SHORT,    /* cash handed over is less than its amount */
    SETTLE_CHANGE_NOT_CASH, /* a tendered amount on a tender that is not cash */
    SETTLE_TOO_MANY,        /* more than SETTLE_MAX_TENDERS */
};

/* Checks the tenders of a bill of total_fen and computes each cash tender's change.
 * *bad is set to the index of the offending tender (-1 for a sum mismatch). */
enum settle_status settle_tenders(int64_t total_fen, struct tender *tenders, int n, int *bad);

/* ---- stored value ---- */

struct stored_value {
    int64_t principal_fen, bonus_fen;
};

/* What a payment of amount_fen takes from balance, in proportion (see above). false if the
 * amount is not positive or exceeds the balance; *taken is then zero. */
bool stored_value_take(const struct stored_value *balance, int64_t amount_fen,
                       struct stored_value *taken);

/* What a refund of amount_fen gives back of a payment that took `taken`, when
 * `returned` has been given back of it already. false if amount_fen is not positive or more
 * than what is left of the payment. */
bool stored_value_give_back(const struct stored_value *taken, const struct stored_value *returned,
                            int64_t amount_fen, struct stored_value *back);

/* ---- refunds ---- */

/* The part of a tender that may still be refunded: paid less refunded, never negative. */
int64_t settle_refundable(int64_t paid_fen, int64_t refunded_fen);

/* ---- authority ---- */

struct role_limit {
    int64_t gift_limit_fen;     /* value of gifts per bill */
    int64_t discount_limit_bp;  /* percentage discount per bill */
    int64_t discount_limit_fen; /* fixed discount per bill */
};

/* True if gifts worth gifts_before_fen already on the bill plus gift_fen stay within the
 * role's gift limit. */
bool settle_gift_within(const struct role_limit *limit, int64_t gifts_before_fen, int64_t gift_fen);

/* True if a percentage of percent_bp and a fixed discount of fixed_fen are both within the
 * role's discount limits. */
bool settle_discount_within(const struct role_limit *limit, int64_t percent_bp, int64_t fixed_fen);

#endif
