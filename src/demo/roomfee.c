/* demo/roomfee.c: the room fee of a stay across priced time slots (see roomfee.h). */
#include "demo/roomfee.h"

#include <string.h>

#define DAY_MINUTES 1440

/* Length of the overlap of [a0, a1) and [b0, b1), 0 if they do not meet. */
static int overlap(int a0, int a1, int b0, int b1)
{
    int lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
    return hi > lo ? hi - lo : 0;
}

/* Minutes of the stay [start, end) inside one slot, which repeats every day. The slot is
 * unrolled as [from + k*1440, to + k*1440) for every day k the stay can touch; a wrapping slot
 * is the same interval with its end pushed to the next day, which is why the unrolling starts
 * one day before the stay's first day. */
static int minutes_in_slot(const struct demo_slot_price *slot, int start, int end)
{
    int from = slot->from_minute, to = slot->to_minute;
    if (to <= from) to += DAY_MINUTES;
    int total = 0;
    for (int k = start / DAY_MINUTES - 1; k <= end / DAY_MINUTES; k++)
        total += overlap(start, end, from + k * DAY_MINUTES, to + k * DAY_MINUTES);
    return total;
}

void demo_room_fee(const struct demo_slot_price *slots, int nslots, int start_minute, int minutes,
                   struct demo_room_fee *out)
{
    memset(out, 0, sizeof *out);
    if (nslots > DEMO_FEE_MAX_SLOTS) nslots = DEMO_FEE_MAX_SLOTS;
    if (minutes <= 0 || start_minute < 0) return;
    int end = start_minute + minutes, covered = 0;
    /* Fen-minutes per hour: 300 minutes at 1,000,000.00/h is 3e10, far inside int64. */
    int64_t fen_minutes = 0;
    for (int i = 0; i < nslots; i++) {
        int m = minutes_in_slot(&slots[i], start_minute, end);
        out->minutes[i] = m;
        fen_minutes += (int64_t)m * slots[i].fen_per_hour;
        covered += m;
    }
    /* Both factors are non-negative, so adding half the divisor rounds half-up exactly. */
    out->fen = (fen_minutes + 30) / 60;
    out->uncovered_minutes = minutes > covered ? minutes - covered : 0;
}
