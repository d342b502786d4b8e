/* shifts/report.h: the shift as JSON: its record, its X report (live) and the body of its Z
 * report (frozen at close). No SQL here: the figures come from store.h, the arithmetic from
 * drawer.h. */
#ifndef KTV_SHIFTS_REPORT_H
#define KTV_SHIFTS_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/db.h"
#include "shifts/drawer.h"
#include "shifts/store.h"

/* The record of a shift (status, opening, closing figures, approval, review), for lists and
 * detail. The caller owns the result. */
json_t *shift_record_json(const struct shift *s);

/* The figures a report was built from, for the close (expected) and the day view (totals). */
struct shift_totals {
    struct drawer_summary drawer;       /* opening, cash by kind, expected */
    int64_t payments_fen, refunds_fen;  /* every channel, payments signed */
    int64_t bills_count, payments_count, refunds_count;
};

/* Builds the live report of shift s from what is stored now: opening, each cash movement
 * itemised (sales, refunds, pay-ins, pay-outs, safe drops, stored-value top-ups and refunds in
 * cash) with the expected cash, the totals per channel with refunds kept signed (stored value
 * is not takings: it is in no channel), the bills counted, the ids of every payment and refund.
 * blind hides what would let the cashier work out the expected cash before counting: the
 * expected figure, cash sales and refunds and stored value in cash (totals and items), the cash
 * channel and the grand totals. Runs inside the caller's transaction. On DB_OK *out is the caller's; totals (may be
 * NULL) gets the figures, blind or not. */
enum db_status shift_report_build(struct db *db, const struct shift *s, bool blind,
                                  json_t **out, struct shift_totals *totals);

/* Adds the closing section of a Z report to report: the count, counted, expected, difference,
 * outcome (over/short/even) and its booking (长缴短补), the reason, and the cash left in the
 * drawer; marks it kind "z". count is borrowed. */
void shift_report_close(json_t *report, const json_t *count, int64_t counted_fen,
                        int64_t expected_fen, const char *reason, int64_t closed_at,
                        const char *closed_by);

/* The channel rows ("channels" of a report) as an object {method: {payments_fen, refunds_fen,
 * net_fen}} summed into into (created keys as needed); used by the day view. */
void shift_channels_add(json_t *into, const json_t *channels);

/* The Chinese name of a status, outcome or treatment, for people. Static strings. */
const char *shift_status_name(const char *status);
const char *shift_outcome_name(enum drawer_outcome o);
const char *shift_treatment_name(const char *treatment);

#endif
