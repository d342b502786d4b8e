/* members/sv.h: the rules of stored value (储值). Pure functions: plain structs in and out,
 * no I/O.
 *
 * Top-up with bonus (充送). A venue runs offers "pay at least T, get B on top" (充 1,000 送 200,
 * 充 2,000 送 500), each in force over a range of business days. A top-up of amount A gets the
 * best offer in force whose threshold is met: the largest bonus; of equal bonuses the one with
 * the higher threshold (the offer the guest qualified for most clearly), then the older one.
 *   offers 1,000 -> 200 and 2,000 -> 500: top-up 999.99 gets 0; 1,000.00 gets 200.00;
 *   1,999.99 gets 200.00; 2,000.00 and 3,000.00 get 500.00 (one offer, never added up).
 * A bonus may also be given by hand: less than the offer's is always allowed (a guest who wants
 * none); more needs the bonus within the user's role limit (basis points of the amount paid),
 * or a manager whose limit covers it.
 *
 * Refund of principal only. At most the principal held is given back; the bonus is never paid
 * out. When the member gives up the whole principal, the bonus still held is forfeited in the
 * same movement (it was a gift for money that is now gone); a part refund leaves the bonus.
 *   balance 800.00 + 200.00: refund 300.00 -> principal -300.00, bonus 0 (500.00 + 200.00 left);
 *   refund 800.00 -> principal -800.00, bonus -200.00 (nothing left).
 *
 * The liability (储值负债). Every ledger row is one movement of principal and bonus; the report
 * sorts them: top-ups, consumption (a bill paid from the balance, less what voids and refunds of
 * bills gave back), stored-value refunds (principal) and forfeits (bonus), adjustments. For each
 * member and in total: opening + top-ups - consumption - refunds - forfeits + adjustments =
 * closing, principal and bonus apart. */
#ifndef KTV_MEMBERS_SV_H
#define KTV_MEMBERS_SV_H

#include <stdbool.h>
#include <stdint.h>

/* The largest top-up or refund taken in one go: 1,000,000.00 yuan. A typo of a few zeros is
 * refused instead of becoming a liability. */
#define SV_MAX_FEN 100000000LL

/* A member's balance, or a change of it (signed). */
struct sv_balance {
    int64_t principal_fen, bonus_fen;
};

/* ---- offers (充送) ---- */

struct sv_rule {
    int64_t id;
    int64_t threshold_fen; /* pay at least this */
    int64_t bonus_fen;     /* get this on top */
    char effective_from[11], effective_to[11]; /* business days, inclusive */
    bool active;
};

/* Whether rule r is in force on business day ("YYYY-MM-DD"). */
bool sv_rule_in_force(const struct sv_rule *r, const char *day);

/* The index in rules[0..n) of the best offer for a top-up of amount_fen on day (see above),
 * or -1 when no offer in force has its threshold met. */
int sv_best_rule(const struct sv_rule *rules, int n, const char *day, int64_t amount_fen);

/* Whether a bonus of bonus_fen given by hand on amount_fen is allowed to a user whose role may
 * give limit_bp basis points of the amount, when the offer gives rule_bonus_fen: at most the
 * offer, or at most amount x limit_bp / 10000 (compared exactly, without rounding). A negative
 * bonus, or a bonus above the amount paid, is never allowed. */
bool sv_bonus_within(int64_t amount_fen, int64_t rule_bonus_fen, int64_t bonus_fen,
                     int64_t limit_bp);

/* ---- refunds ---- */

enum sv_refund_status {
    SV_REFUND_OK = 0,
    SV_REFUND_BAD_AMOUNT, /* not more than 0, or beyond SV_MAX_FEN */
    SV_REFUND_TOO_MUCH,   /* more than the principal held */
};

/* The change a refund of principal_fen makes to balance: principal -x, and bonus -all of it when
 * x is the whole principal (the bonus is forfeited); else bonus 0. *change is zero on a refusal. */
enum sv_refund_status sv_refund(const struct sv_balance *balance, int64_t principal_fen,
                                struct sv_balance *change);

/* ---- payment methods of a top-up or refund ---- */

/* True for "cash", "wechat", "alipay", "card": what a top-up is paid by or a refund given back
 * by (stored value never tops up stored value; vouchers and credit are not money in hand). */
bool sv_method_valid(const char *method);
/* "现金", "微信", "支付宝", "银行卡"; the method itself when unknown. Static strings. */
const char *sv_method_label(const char *method);

/* ---- the liability report ---- */

/* The movements of a period, principal and bonus apart. Consumption is net: what bills took
 * less what voids and refunds of bills gave back (so it may be negative in a period where an
 * earlier month's bill was voided). All but adjustments are positive in the normal course. */
struct sv_movements {
    int64_t topup_principal_fen, topup_bonus_fen;
    int64_t consumed_principal_fen, consumed_bonus_fen;
    int64_t refunded_principal_fen;  /* stored-value refunds: money given back */
    int64_t forfeited_bonus_fen;     /* bonus given up with the whole principal */
    int64_t adjust_principal_fen, adjust_bonus_fen; /* signed */
};

/* Sorts one ledger movement (a row or a sum of rows of one kind) into m: kind is the ledger's
 * kind ('topup','pay','refund','void','adjust'); with_bill tells a bill's refund (back to the
 * balance) from a stored-value refund (money out); principal/bonus are the signed changes.
 * False for an unknown kind (nothing added). */
bool sv_movements_add(struct sv_movements *m, const char *kind, bool with_bill,
                      int64_t principal_fen, int64_t bonus_fen);

/* Adds b into a (totals). */
void sv_movements_sum(struct sv_movements *a, const struct sv_movements *b);

/* closing = opening + top-ups - consumption - refunds - forfeits + adjustments. */
struct sv_balance sv_closing(const struct sv_balance *opening, const struct sv_movements *m);

#endif
