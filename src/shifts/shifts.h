/* shifts/shifts.h: the cashier shift (交班) as other areas see it.
 *
 * The front desk tags every payment and refund with the shift that took it. It asks for the
 * caller's open shift inside its own write transaction; because every write transaction is
 * BEGIN IMMEDIATE, a payment either commits before a concurrent close (and is then in that
 * shift's Z report) or after it (and then finds no open shift and is refused): every payment
 * belongs to exactly one shift.
 *
 * Cash sales are never recorded twice: a shift's expected cash is derived from
 *   bill_payments  (method 'cash', shift_id = the shift, amount_fen = what the drawer kept,
 *                   i.e. the cash due, never the tendered note; tendered_fen / change_fen
 *                   are for the receipt only),
 *   refunds        (method 'cash', shift_id = the shift),
 *   shift_cash_events (pay_in, pay_out, safe_drop),
 *   stored value   (members.h sv_shift_cash: top-ups paid in cash and refunds of principal
 *                   given back in cash, tagged with the shift; never takings).
 * Non-cash payments and refunds carry the shift too and appear in its per-channel totals. */
#ifndef KTV_SHIFTS_H
#define KTV_SHIFTS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/db.h"
#include "core/http.h"

/* The id of user_id's open shift in venue_id, into *shift_id.
 * DB_NOT_FOUND if the user has no open shift (the caller refuses the payment: 409, "请先开班"
 * / "open a shift first"). Call it inside the write transaction that writes the payment, so
 * the shift cannot close between this check and the commit. */
enum db_status shift_require_open(struct db *db, int64_t venue_id, int64_t user_id,
                                  int64_t *shift_id);

/* One closed shift's over or short, as finance posts it (长缴短补, 不得以长补短): each row stands
 * alone, never netted against another. treatment is "other_income" for an over (长款) and
 * "cashier_receivable" for a short (短款); difference_fen is counted - expected (signed). */
struct shift_over_short {
    int64_t shift_id, cashier_id, closed_at, difference_fen;
    int64_t approved_at;           /* 0 while not approved */
    char business_day[11];         /* the day the shift opened in */
    char cashier[40];              /* username */
    char treatment[24];
    char reason[808];
    char approved_by[40];          /* the manager, "" while not approved */
};
typedef bool (*shift_over_short_cb)(const struct shift_over_short *o, void *ctx);
/* Calls cb for each closed shift of venue_id with a difference whose business day is within
 * from_day..to_day ("YYYY-MM-DD", inclusive; NULL or "" for open-ended), by day then shift id;
 * cb returns false to stop. Reads the view shift_over_short; run it inside a transaction of the
 * caller's if the figures must agree with others. */
enum db_status shift_over_short_list(struct db *db, int64_t venue_id, const char *from_day,
                                     const char *to_day, shift_over_short_cb cb, void *ctx);

/* The routes of the area (module "shifts"): shifts, X/Z reports, cash events, close, approve,
 * review, business days. */
extern const struct route shifts_routes[];

#endif
