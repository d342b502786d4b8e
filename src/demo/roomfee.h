/* demo/roomfee.h: the room fee of a stay across priced time slots (a pure rule).
 *
 * A room type's price plan splits the day into slots (白天档 12:00-18:00, 黄金档 18:00-00:00,
 * 午夜档 00:00-06:00), each with a price per hour. A stay that crosses slots is charged per slot
 * for the minutes it spent in it (domain.md, "Rooms and room fees"): the fee is
 * sum(minutes in slot x price per hour) / 60, rounded half-up to the fen once for the whole
 * stay, so no fen is lost or made at a slot boundary. That is the rounding of the front desk's
 * rule (frontdesk/pricing.h, being written beside this one, which adds grace minutes, billing
 * units, weekday and holiday plans and member prices); the demo needs only the core of it and
 * generates stays in whole quarter hours. When pricing.h is settled the generator should call
 * it and this file should go. */
#ifndef KTV_DEMO_ROOMFEE_H
#define KTV_DEMO_ROOMFEE_H

#include <stdint.h>

/* Enough for any real plan (a venue rarely has more than four or five slots a day). */
#define DEMO_FEE_MAX_SLOTS 8

/* One slot of a price plan: the local minutes [from_minute, to_minute) after midnight. A slot
 * with to_minute <= from_minute wraps past midnight (22:00-02:00 is 1320..120); to_minute may
 * be 1440 for a slot that ends at midnight. The slots of one plan must not overlap. */
struct demo_slot_price {
    const char *name;
    int from_minute, to_minute;
    int64_t fen_per_hour;
};

/* The fee of one stay and its minutes slot by slot (same order as the plan). */
struct demo_room_fee {
    int minutes[DEMO_FEE_MAX_SLOTS]; /* minutes of the stay in each slot */
    int uncovered_minutes;           /* minutes in no slot: not charged */
    int64_t fen;                     /* the fee */
};

/* Charges a stay that starts start_minute minutes after local midnight of its first day (1440
 * or more for a stay that starts after midnight) and lasts minutes, against nslots slots (at
 * most DEMO_FEE_MAX_SLOTS, more are ignored). Minutes that fall in no slot are counted in
 * uncovered_minutes and not charged. Integer arithmetic only. Pure; writes *out only. */
void demo_room_fee(const struct demo_slot_price *slots, int nslots, int start_minute, int minutes,
                   struct demo_room_fee *out);

#endif
