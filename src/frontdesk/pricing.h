/* frontdesk/pricing.h: the price of a stay and the totals of a bill. Pure functions.
 *
 * Room fee (房费). A room type's price plan has time slots (档) by business weekday and for
 * listed holidays, each with a price per hour. A stay is charged per slot for the minutes it
 * spends in that slot. Before that, two rules of the trade:
 *   grace (免费时长):   a stay no longer than grace minutes costs nothing (guests who leave at
 *                        once, a wrong room);
 *   billing unit (计费单位): otherwise the duration is rounded UP to whole units (15 min: a stay
 *                        of 61 min is billed 75 min); the extra minutes are priced at the slot
 *                        in which the stay ended.
 * The fee is sum(minutes_in_slot x price_per_hour) / 60, rounded half-up to the fen once for the
 * whole stay (never per slot, so no fen is lost or made across slot boundaries).
 *
 * Slots are written in local clock time; a slot after midnight (00:00-06:00) belongs to the
 * business day before it, so "Friday's 午夜档" is Saturday 00:00-06:00. A slot never wraps past
 * 24:00: 18:00-00:00 is [1080, 1440) and 00:00-06:00 is [0, 360).
 *
 * Worked examples (docs/pricing.md has more; every one is a unit test):
 *   small room, 白天档 12:00-18:00 at 60.00/h, 黄金档 18:00-24:00 at 120.00/h, unit 15, grace 10:
 *   17:30-19:15  = 30 min x 60.00 + 75 min x 120.00 = 30.00 + 150.00           = 180.00
 *   17:30-17:38  = 8 min, within grace                                         =   0.00
 *   17:30-18:31  = 61 min -> 75 min billed: 30 min day + 45 min prime = 30 + 90 = 120.00
 */
#ifndef KTV_PRICING_H
#define KTV_PRICING_H

#include <stdbool.h>
#include <stdint.h>

/* Day masks: bit d (0 = Sunday ... 6 = Saturday) is the business weekday; PRICE_HOLIDAY marks
 * a slot that applies on listed holidays instead of the weekday slots. */
#define PRICE_EVERY_DAY 0x7Fu
#define PRICE_HOLIDAY 0x80u
/* Longest stay priced: 48 hours. Anything longer is a room left open by mistake. */
#define PRICING_MAX_STAY_SECONDS (48 * 3600)

struct price_slot {
    unsigned days;           /* mask of business weekdays (and PRICE_HOLIDAY) */
    int start_min, end_min;  /* local clock minutes, 0 <= start < end <= 1440 */
    int64_t hour_fen;        /* price per hour */
    int64_t member_hour_fen; /* member price per hour; 0 means no member price */
    int64_t min_spend_fen;   /* minimum spend (最低消费) of a stay opened in this slot */
};

struct price_plan {
    const struct price_slot *slots;
    int nslots;
    int unit_min;            /* billing unit in minutes (1 = by the minute) */
    int grace_min;           /* free minutes */
    int cutoff_min;          /* the venue's business-day cut-off, minutes after local midnight */
    const int64_t *holidays; /* business days (day numbers) priced with holiday slots, sorted */
    int nholidays;
};

enum pricing_status {
    PRICING_OK = 0,
    PRICING_BAD_RANGE, /* end before start, or longer than PRICING_MAX_STAY_SECONDS */
    PRICING_UNCOVERED, /* a minute of the stay falls in no slot: the plan has a hole */
    PRICING_BAD_PLAN,  /* unit < 1, grace < 0, a slot out of range or overlapping another */
};

/* Up to this many slot parts in one stay's breakdown: 48 h crosses at most ~12 slots of one
 * plan, and a change of room starts new parts in the new room's plan. */
#define PRICING_MAX_PARTS 48
/* Rooms one stay may use (the first plus changes of room). */
#define PRICING_MAX_SEGMENTS 8

struct fee_part {
    int slot;         /* index into the segment's plan->slots */
    int minutes;      /* billed minutes in this slot */
    int64_t hour_fen; /* the price per hour applied (member or not) */
    int segment;      /* which room segment of the stay (0 for a one-room stay) */
};

struct room_fee {
    int64_t actual_seconds;
    int billed_minutes;
    int64_t fee_fen;
    int first_slot;        /* slot the stay opened in (its minimum spend applies), -1 if free */
    int64_t min_spend_fen; /* the minimum spend owed: the largest of the minimums of the slots
                              each room segment started in; 0 for a stay inside the grace */
    struct fee_part parts[PRICING_MAX_PARTS];
    int nparts;
};

/* One room of a stay: the room's plan and the local seconds [start, end) spent in it. The
 * segments of a stay follow each other without gap (end of one = start of the next). */
struct stay_segment {
    const struct price_plan *plan;
    int64_t start_local, end_local;
};

/* Checks a plan: unit >= 1, grace >= 0, slots in range, and no two slots of one day overlap.
 * Returns PRICING_OK or PRICING_BAD_PLAN. Coverage holes are allowed here (a venue may close
 * in the morning) and reported by pricing_room_fee for a stay that falls in one. */
enum pricing_status pricing_check_plan(const struct price_plan *plan);

/* The fee of a stay from start to end, both in LOCAL seconds since 1970-01-01 (UTC instant plus
 * the zone offset; the caller converts). member selects member prices where a slot has one. */
enum pricing_status pricing_room_fee(const struct price_plan *plan, int64_t start_local,
                                     int64_t end_local, bool member, struct room_fee *out);

/* The fee of a stay that used one or more rooms (a change of room, 换房). The stay is billed
 * as one: its actual minutes are counted once (a started minute counts), the grace is the
 * first room's plan's (a guest who leaves at once leaves the first room) and the billing unit
 * the last room's plan's (the rounded-up minutes are priced where the stay ended, in the last
 * room). Each minute is priced by the plan of the room the guest was in at that minute, at
 * the slot in force then; the fee rounds half-up once for the whole stay.
 * Worked example (docs/pricing.md): small room 17:30-18:10 then large room (prime 200.00/h)
 * 18:10-19:00: 30 min x 60.00 + 10 min x 120.00 + 50 min x 200.00 = 30 + 20 + 166.67
 * = 216.67. PRICING_BAD_RANGE if the segments are not contiguous or more than
 * PRICING_MAX_SEGMENTS. */
enum pricing_status pricing_stay_fee(const struct stay_segment *segs, int nsegs, bool member,
                                     struct room_fee *out);

/* Splits a fee over its parts: amounts[i] is the share of parts[i], so that the shares sum to
 * fee_fen exactly (each is the rounded cumulative sum minus the one before: no fen is lost or
 * made, and a part never differs from its own minutes x price / 60 by a fen or more). */
void pricing_part_amounts(const struct room_fee *fee, int64_t amounts[PRICING_MAX_PARTS]);

/* The slot in force at a local instant, or -1. */
int pricing_slot_at(const struct price_plan *plan, int64_t local_seconds);

/* A package (套餐): a fixed price that includes included_minutes of the room (or, for a
 * buy-out 买断, the room until the local clock time buyout_until_min on the business day's
 * night, e.g. 360 = 06:00), plus its items. Time beyond is an overrun priced like a stay that
 * starts where the package ends (grace and unit apply to the overrun). */
struct package_terms {
    int64_t price_fen;
    int included_minutes; /* ignored for a buy-out */
    bool buyout;
    int buyout_until_min; /* local clock minute the buy-out ends */
};

struct package_fee {
    int64_t package_fen;
    int64_t included_until_local; /* local seconds at which the package's time ends */
    struct room_fee overrun;      /* fee_fen 0 when none */
};

enum pricing_status pricing_package_fee(const struct price_plan *plan,
                                        const struct package_terms *terms, int64_t start_local,
                                        int64_t end_local, bool member, struct package_fee *out);

/* The same for a stay of one or more rooms: the package's time runs from the stay's start;
 * the overrun is priced like pricing_stay_fee over the part of the segments after it. Two
 * packages on one stay (a second bought to extend, 续钟) are one terms value: prices and
 * included minutes added up. */
enum pricing_status pricing_stay_package_fee(const struct stay_segment *segs, int nsegs,
                                             const struct package_terms *terms, bool member,
                                             struct package_fee *out);

/* The minimum-spend top-up (低消补足): what is missing from room fee plus the goods that count
 * toward the minimum. Never negative. */
int64_t pricing_min_spend_topup(int64_t min_spend_fen, int64_t room_fen,
                                int64_t eligible_goods_fen);

/* ---- Bill totals ---- */

/* One goods or fee line as the till sends it. */
struct calc_line {
    int64_t qty;              /* whole units; negative for a returned line */
    int64_t unit_fen;         /* price per unit (0 for a gift) */
    int64_t line_discount_bp; /* line discount in basis points (500 = 5 %) */
    bool discountable;        /* whole-bill percentage discounts apply to it */
    bool counts_to_min_spend;
    int64_t amount_fen; /* out: qty x unit less the line discount, half-up once */
};

struct bill_calc {
    /* in */
    int64_t room_fen; /* room fee or package price + overrun */
    bool room_discountable;
    int64_t min_spend_fen; /* of the slot the stay opened in (0: none) */
    struct calc_line *lines;
    int nlines;
    int64_t member_discount_bp; /* member level discount (会员折扣) in basis points OFF
                                   (1000 = 10 % off, 九折) on discountable goods only: the room
                                   already has the member price */
    int64_t bill_discount_bp;   /* whole-bill percentage on discountable amounts (room included
                                   when room_discountable), after the member discount */
    int64_t coupon_fen;         /* a coupon's value (优惠券) */
    int64_t bill_discount_fen;  /* whole-bill fixed discount (manager) */
    int64_t service_bp;         /* service charge on the amount after discounts */
    bool round_down_to_yuan;    /* 抹零 */
    /* out */
    int64_t goods_fen; /* sum of line amounts */
    int64_t topup_fen; /* minimum-spend top-up line */
    int64_t gross_fen; /* room + goods + top-up */
    int64_t member_discount_fen, percent_discount_fen, coupon_discount_fen,
        fixed_discount_fen; /* the parts of discount_fen, applied in this order, each at
                               most what the ones before left of the gross */
    int64_t discount_fen;   /* member + percentage + coupon + fixed discount (line discounts
                               are inside the line amounts) */
    int64_t service_fen;
    int64_t rounding_fen; /* the 抹零 part, recorded as its own discount */
    int64_t total_fen;    /* gross - discount - rounding + service */
};

/* Computes the out fields of a bill. Discounts never take the payable below zero.
 * The minimum-spend top-up is computed before any discount (the minimum is about what was
 * consumed); the discounts apply to the gross in the order member, percentage, coupon,
 * fixed; the service charge applies to what is left; 抹零 last, on the payable. */
void pricing_bill_totals(struct bill_calc *b);

#endif
