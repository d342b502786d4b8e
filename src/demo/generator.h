/* demo/generator.h: the demo venue's catalogue and business, generated (pure, deterministic).
 *
 * Everything here is a function of (seed, business day): no I/O, no clock, no rand(), no
 * floating point. One business day is generated at a time from its own random stream, so the
 * bills of a day do not depend on how many days are generated around it: a 7-day and a 90-day
 * venue with the same seed and end date agree on their last 7 days, and the CSV export of the
 * benchmarks holds the same bills as the database would.
 *
 * Room fees are priced by the front desk's own rule (frontdesk/pricing.h) over the price plans
 * the writer stores (demo_price_slots): one rule, one place. The writer (demo.h) stores the
 * catalogue, the bills and the shifts around them through the areas' own stores. */
#ifndef KTV_DEMO_GENERATOR_H
#define KTV_DEMO_GENERATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "frontdesk/pricing.h"
#include "sales/store.h"

/* ---- Random numbers: xoshiro256** seeded by splitmix64 (Vigna), identical on every platform. */

struct demo_rng {
    uint64_t s[4];
};

/* One splitmix64 step: advances *state and returns a well-mixed 64-bit value. */
uint64_t demo_splitmix64(uint64_t *state);
/* Seeds the four words of the generator from one 64-bit seed through splitmix64. */
void demo_rng_seed(struct demo_rng *r, uint64_t seed);
/* The next 64 random bits. */
uint64_t demo_rng_next(struct demo_rng *r);
/* A uniform integer in [lo, hi] (inclusive; lo <= hi), without modulo bias. */
int64_t demo_rng_between(struct demo_rng *r, int64_t lo, int64_t hi);
/* True with probability per_mille / 1000. */
bool demo_rng_chance(struct demo_rng *r, int per_mille);
/* An index in [0, n) drawn with the given non-negative weights (n >= 1, sum > 0). */
int demo_rng_pick(struct demo_rng *r, const int *weights, int n);

/* ---- The catalogue of the demo venue 星光KTV（演示店）. Indices into these tables are the
 * "catalogue numbers" the generated bills refer to. */

/* The three slots of every price plan, in this order (prices are per room type). */
enum demo_slot { DEMO_SLOT_DAY, DEMO_SLOT_PRIME, DEMO_SLOT_MIDNIGHT, DEMO_SLOTS };
extern const char *const demo_slot_names[DEMO_SLOTS]; /* 白天档 黄金档 午夜档 */

struct demo_room_type {
    const char *name; /* 小包 中包 大包 豪华包 */
    int capacity;     /* guests */
    /* Price per hour of each slot, Sunday-Thursday and Friday-Saturday business days. */
    int64_t weekday_fen[DEMO_SLOTS], weekend_fen[DEMO_SLOTS];
    int64_t prime_min_spend_fen; /* 最低消费 of a stay that opens in 黄金档 (0: none) */
    int64_t service_bp;          /* service charge in basis points, on the amount after
                                    discounts (0: none) */
};

struct demo_room {
    const char *room_no, *name;
    int type; /* index into demo_room_types */
};

enum demo_category {
    CAT_BEER,
    CAT_SPIRITS,
    CAT_WINE,
    CAT_DRINKS,
    CAT_SNACKS,
    CAT_FRUIT,
    CAT_TOBACCO,
    CAT_FOOD,
    CAT__MAX
};
extern const char *const demo_category_names[CAT__MAX]; /* 啤酒 洋酒 红酒 饮料 小吃 果盘 ... */

struct demo_product {
    const char *code, *name;
    enum demo_category category;
    const char *unit;
    int64_t price_fen;
    bool storable;     /* guests may store it (寄酒) */
    bool discountable; /* member price applies */
    bool min_spend;    /* counts toward the minimum spend */
};

struct demo_package_item {
    int product; /* index into demo_products */
    int qty;
};

/* A package (套餐): a fixed price for some hours of a room type in one slot plus set goods, or
 * a buy-out (买断): the room until 06:00 whatever the hour it opened. */
struct demo_package {
    const char *name;
    enum demo_slot slot;
    int room_type; /* index into demo_room_types */
    int hours;     /* included hours; 0 for a buy-out */
    int64_t price_fen;
    struct demo_package_item items[4];
    int nitems;
    bool buyout; /* sold only at the front desk (open stays of the last day), never generated
                    on settled bills: the settled history stays what it was before it existed */
};

/* People: users of the back office (one per role) and the names bills carry. */
struct demo_user {
    const char *username, *display_name, *role;
};

extern const struct demo_room_type demo_room_types[];
extern const int demo_room_type_count;
extern const struct demo_room demo_rooms[];
extern const int demo_room_count;
extern const struct demo_product demo_products[];
extern const int demo_product_count;
extern const struct demo_package demo_packages[];
extern const int demo_package_count;
extern const struct demo_user demo_users[]; /* without the admin, who is created by init */
extern const int demo_user_count;
extern const char *const demo_bookers[]; /* 订房人 (sales/booking staff) */
extern const int demo_booker_count;
extern const char *const demo_cashiers[3]; /* the cashier users' display names */
extern const char *const demo_approver;    /* the manager who approves discounts and voids */

/* The price plan of every room type, as the front desk stores it (price_plans/price_slots) and
 * prices it (frontdesk/pricing.h): the three slots twice, Sunday-Thursday business days and
 * Friday-Saturday ones (weekend nights dearer), with the 黄金档 minimum spend of the big rooms.
 * Slot i of the plan is demo slot i % DEMO_SLOTS. The billing unit and grace are the front
 * desk's usual 15 and 10 minutes; the generated stays last whole quarter hours of an hour or
 * more, so neither changes what they cost. */
#define DEMO_PLAN_SLOTS (2 * DEMO_SLOTS)
#define DEMO_UNIT_MIN 15
#define DEMO_GRACE_MIN 10
/* Business weekday masks of the two halves of the plan (bit 0 Sunday). */
#define DEMO_WEEKDAYS 0x1Fu /* Sunday .. Thursday */
#define DEMO_WEEKEND 0x60u  /* Friday, Saturday */
void demo_price_slots(int room_type, struct price_slot slots[DEMO_PLAN_SLOTS]);
/* The pricing plan over those slots (slots borrowed; the venue's 06:00 cut-off, no holidays). */
struct price_plan demo_price_plan(const struct price_slot slots[DEMO_PLAN_SLOTS]);
/* The local clock window [from, to) of a demo slot, in minutes after midnight. */
void demo_slot_window(enum demo_slot slot, int *from_min, int *to_min);

/* Members are a fixed pool of the seed, so the same guests come back: the phone of member i
 * (0 <= i < DEMO_MEMBER_POOL). The 170 prefix with zeros keeps them obviously made up. */
#define DEMO_MEMBER_POOL 400
void demo_member_phone(uint64_t seed, int member, char out[44]);

/* ---- Cashier shifts: afternoon to 19:00, evening to 01:00, night to closing; the three
 * cashiers rotate shifts every week (demo_cashiers[demo_shift_cashier(day, shift)]). */
enum { DEMO_SHIFT_AFTERNOON, DEMO_SHIFT_EVENING, DEMO_SHIFT_NIGHT, DEMO_SHIFTS };
/* The local minute after midnight of the business day at which each shift hands over to the
 * next (19:00 and 01:00 of the next morning). */
extern const int demo_shift_ends[DEMO_SHIFTS - 1];
/* The index into demo_cashiers of the cashier of a shift of a business day. */
int demo_shift_cashier(int64_t day, int shift);

/* ---- Generated bills. */

/* A bill has at most: a package, the room fee, 7 goods lines, a gift, a minimum-spend top-up,
 * a service charge. */
#define DEMO_MAX_LINES 18
/* Tenders of one bill: one, or two for a split payment. */
#define DEMO_MAX_PAYMENTS 2
/* Bills of one business day: 32 rooms, each turned at most about five times between noon and
 * 06:00, bound the day well below this. */
#define DEMO_MAX_BILLS 256

/* One generated bill. bill.lines and bill.payments point into this struct (do not copy it by
 * value without fixing them: demo_bill_fix_pointers). In bill, opened_at and closed_at are 0:
 * the instants are given as local wall-clock seconds (seconds since 1970-01-01 00:00 of the
 * venue's local calendar), which the writer converts with the venue's zone; business_day is
 * filled. product_id and package_id of the lines hold catalogue numbers (index + 1, 0 for
 * none), which the writer maps to row ids; room_id is 0 and room gives the room's index. */
struct demo_bill {
    struct bill bill;
    int room;
    int shift; /* the cashier shift of the day that settled it (DEMO_SHIFT_*): its cashier is
                  bill.cashier; not part of the fingerprint (it follows from the settling time) */
    int64_t opened_local, closed_local;
    struct bill_line lines[DEMO_MAX_LINES];
    struct bill_payment payments[DEMO_MAX_PAYMENTS];
};

/* One business day's bills: bills[] in the order the stays opened (bill numbers ascending),
 * settled[] the indices of the same bills in the order they were settled, which is the order
 * they are written and fingerprinted in (bills are not moved: each is several KB). */
struct demo_day {
    int64_t day; /* day number (days since 1970-01-01) */
    int nbills;
    int settled[DEMO_MAX_BILLS];
    struct demo_bill bills[DEMO_MAX_BILLS];
};

/* Points b->bill.lines and b->bill.payments at b's own arrays. */
void demo_bill_fix_pointers(struct demo_bill *b);

/* Generates the bills of one business day for a seed into *out (about 1.5 MB: allocate it on
 * the heap). Pure and deterministic: the same (seed, day) always gives the same bytes of every
 * field. */
void demo_generate_day(uint64_t seed, int64_t day, struct demo_day *out);

/* Folds a day's bills into a running FNV-1a 64-bit fingerprint (start with
 * DEMO_FINGERPRINT_INIT): field by field, never padding, so equal data gives equal prints. */
#define DEMO_FINGERPRINT_INIT 0xcbf29ce484222325ULL
uint64_t demo_day_fingerprint(const struct demo_day *d, uint64_t h);

#endif
