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
    int unit_min;   /* billing unit in minutes (1 = by the minute) */
    int grace_min;  /* free minutes */
    int cutoff_min; /* the venue's business-day cut-off, minutes after local midnight */
    const int64_t *holidays; /* business days (day numbers) priced with holiday slots, sorted */
    int nholidays;
};

enum pricing_status {
    PRICING_OK = 0,
    PRICING_BAD_RANGE,  /* end before start, or longer than PRICING_MAX_STAY_SECONDS */
    PRICING_UNCOVERED,  /* a minute of the stay falls in no slot: the plan has a hole */
    PRICING_BAD_PLAN,   /* unit < 1, grace < 0, a slot out of range or overlapping another */
};

/* Up to this many slot parts in one stay's breakdown (48 h crosses at most ~12 slots). */
#define PRICING_MAX_PARTS 24

struct fee_part {
    int slot;        /* index into plan->slots */
    int minutes;     /* billed minutes in this slot */
    int64_t hour_fen;/* the price per hour applied (member or not) */
};

struct room_fee {
    int64_t actual_seconds;
    int billed_minutes;
    int64_t fee_fen;
    int first_slot;  /* slot the stay opened in (its minimum spend applies), -1 if free */
    struct fee_part parts[PRICING_MAX_PARTS];
    int nparts;
};

/* Checks a plan: unit >= 1, grace >= 0, slots in range, and no two slots of one day overlap.
 * Returns PRICING_OK or PRICING_BAD_PLAN. Coverage holes are allowed here (a venue may close
 * in the morning) and reported by pricing_room_fee for a stay that falls in one. */
enum pricing_status pricing_check_plan(const struct price_plan *plan);

/* The fee of a stay from start to end, both in LOCAL seconds since 1970-01-01 (UTC instant plus
 * the zone offset; the caller converts). member selects member prices where a slot has one. */
enum pricing_status pricing_room_fee(const struct price_plan *plan, int64_t start_local,
                                     int64_t end_local, bool member, struct room_fee *out);

/* The slot in force at a local instant, or -1. */
int pricing_slot_at(const struct price_plan *plan, int64_t local_seconds);

/* A package (套餐): a fixed price that includes included_minutes of the room (or, for a
 * buy-out 买断, the room until the local clock time buyout_until_min on the business day's
 * night, e.g. 360 = 06:00), plus its items. Time beyond is an overrun priced like a stay that
 * starts where the package ends (grace and unit apply to the overrun). */
struct package_terms {
    int64_t price_fen;
    int included_minutes;   /* ignored for a buy-out */
    bool buyout;
    int buyout_until_min;   /* local clock minute the buy-out ends */
};

struct package_fee {
    int64_t package_fen;
    int64_t included_until_local; /* local seconds at which the package's time ends */
    struct room_fee overrun;      /* fee_fen 0 when none */
};

enum pricing_status pricing_package_fee(const struct price_plan *plan,
                                        const struct package_terms *terms, int64_t start_local,
                                        int64_t end_local, bool member, struct package_fee *out);

/* The minimum-spend top-up (低消补足): what is missing from room fee plus the goods that count
 * toward the minimum. Never negative. */
int64_t pricing_min_spend_topup(int64_t min_spend_fen, int64_t room_fen,
                                int64_t eligible_goods_fen);

/* ---- Bill totals ---- */

/* One goods or fee line as the till sends it. */
struct calc_line {
    int64_t qty;                /* whole units; negative for a returned line */
    int64_t unit_fen;           /* price per unit (0 for a gift) */
    int64_t line_discount_bp;   /* line discount in basis points (500 = 5 %) */
    bool discountable;          /* whole-bill percentage discounts apply to it */
    bool counts_to_min_spend;
    int64_t amount_fen;         /* out: qty x unit less the line discount, half-up once */
};

struct bill_calc {
    /* in */
    int64_t room_fen;           /* room fee or package price + overrun */
    bool room_discountable;
    int64_t min_spend_fen;      /* of the slot the stay opened in (0: none) */
    struct calc_line *lines;
    int nlines;
    int64_t bill_discount_bp;   /* whole-bill percentage on discountable amounts */
    int64_t bill_discount_fen;  /* whole-bill fixed discount (coupon, manager) */
    int64_t service_bp;         /* service charge on the amount after discounts */
    bool round_down_to_yuan;    /* 抹零 */
    /* out */
    int64_t goods_fen;          /* sum of line amounts */
    int64_t topup_fen;          /* minimum-spend top-up line */
    int64_t gross_fen;          /* room + goods + top-up */
    int64_t discount_fen;       /* bill percentage + fixed discount (line discounts are inside
                                   the line amounts) */
    int64_t service_fen;
    int64_t rounding_fen;       /* the 抹零 part, recorded as its own discount */
    int64_t total_fen;          /* gross - discount - rounding + service */
};

/* Computes the out fields of a bill. Discounts never take the payable below zero. */
void pricing_bill_totals(struct bill_calc *b);

#endif
