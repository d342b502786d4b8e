/* shifts/drawer.h: the cashier's drawer (钱箱): what it should hold, what was counted, and the
 * difference. Pure functions.
 *
 * expected cash = opening count + cash sales - cash refunds + pay-ins - pay-outs - safe drops
 *                 + stored-value top-ups in cash - stored-value refunds in cash.
 * A top-up paid in cash is money in the drawer like a sale, though it is a liability and never
 * takings; a refund of stored value in cash leaves the drawer like a refund (members/members.h).
 * A cash sale adds what the drawer keeps (the bill's cash amount), never what the guest handed
 * over: change goes back out at once (case S1). The difference counted - expected is an over
 * (长款, positive) or a short (短款, negative). The house rule 长缴短补、不得以长补短: each shift's
 * difference stands alone; shifts are never netted against each other (case S4). */
#ifndef KTV_DRAWER_H
#define KTV_DRAWER_H

#include <stdbool.h>
#include <stdint.h>

enum cash_kind {
    CASH_SALE,      /* cash kept for a bill */
    CASH_REFUND,    /* cash handed back to a guest */
    CASH_PAY_IN,    /* cash put in (change fund top-up, a receivable collected) */
    CASH_PAY_OUT,   /* cash taken out for a purpose (bar supplies), with a reason */
    CASH_SAFE_DROP, /* cash moved to the safe mid-shift */
    CASH_SV_TOPUP,  /* a member's stored-value top-up paid in cash (储值充值现金) */
    CASH_SV_REFUND, /* stored-value principal given back in cash (储值退款现金) */
    CASH_KIND__MAX,
};

struct cash_event {
    enum cash_kind kind;
    int64_t amount_fen; /* > 0; the kind gives the direction */
};

struct drawer_summary {
    int64_t opening_fen;
    int64_t totals[CASH_KIND__MAX]; /* per kind, positive */
    int64_t expected_fen;
};

/* Folds the events of a shift onto its opening count. Returns false if an amount is not
 * positive or a kind is unknown (nothing is summed then). */
bool drawer_summarise(int64_t opening_fen, const struct cash_event *events, int n,
                      struct drawer_summary *out);

/* The signed effect of one event on the drawer. */
int64_t drawer_effect(const struct cash_event *e);

/* The denominations a count may use, in fen (100, 50, 20, 10, 5, 1 yuan; 5 and 1 jiao). */
extern const int64_t drawer_denominations[];
extern const int drawer_denomination_count;

struct denomination_count {
    int64_t denomination_fen;
    int64_t pieces;
};

/* The total of a count by denomination; false if a denomination is not a legal one, a piece
 * count is negative, or the same denomination appears twice. */
bool drawer_count_total(const struct denomination_count *counts, int n, int64_t *total);

/* Cash received: what the drawer keeps for a cash amount due and the change handed back.
 * false if tendered is less than due (the guest has not paid enough). */
bool drawer_tender(int64_t due_fen, int64_t tendered_fen, int64_t *kept_fen, int64_t *change_fen);

/* The difference of a count against the expected: > 0 over (长款), < 0 short (短款). */
int64_t drawer_difference(int64_t counted_fen, int64_t expected_fen);

/* The drawer event of one cash payment on a bill, signed as stored: a positive amount is cash
 * kept (CASH_SALE); a negative one is cash handed back on a bill whose returned lines exceed
 * its sales (case S8 paid in cash), which leaves the drawer like a refund (CASH_REFUND).
 * false for 0, which moves nothing. */
bool drawer_payment_event(int64_t amount_fen, struct cash_event *out);

/* What a difference is, and how the house books it (长缴短补、不得以长补短). */
enum drawer_outcome {
    DRAWER_EVEN,  /* counted = expected */
    DRAWER_OVER,  /* 长款: the over goes to other income */
    DRAWER_SHORT, /* 短款: the short is owed by the cashier */
};
enum drawer_outcome drawer_outcome_of(int64_t difference_fen);
/* "even" | "over" | "short". Static string. */
const char *drawer_outcome_id(enum drawer_outcome o);
/* The booking of an outcome: "" (nothing), "other_income", "cashier_receivable"; as stored in
 * shifts.difference_treatment. Static string. */
const char *drawer_treatment(enum drawer_outcome o);

#endif
