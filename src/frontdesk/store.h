/* frontdesk/store.h: the SQL of the front desk: price plans, holidays, packages' terms, role
 * limits, room states, reservations, stays and their rooms, packages and items, approvals,
 * idempotency keys, members' stored value, consumption, and the after-sales records (voids,
 * refunds) of front-desk bills.
 *
 * Every function runs inside the caller's transaction (the api opens one per request) and
 * borrows its arguments. Functions returning arrays allocate them; the matching _free accepts
 * NULL. Times are UTC epoch seconds, days "YYYY-MM-DD" business days, money integer fen. */
#ifndef KTV_FRONTDESK_STORE_H
#define KTV_FRONTDESK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/db.h"
#include "frontdesk/pricing.h"
#include "frontdesk/settle.h"

/* ---- price plans ---- */

/* Most slots in one plan (pricing_check_plan refuses more). */
#define PLAN_MAX_SLOTS PRICING_MAX_PARTS

struct plan_slot {
    int64_t id;
    char name[84];
    struct price_slot slot;
};

struct plan {
    int64_t id, room_type_id;
    char room_type[204];
    char name[204];
    char effective_from[11];
    int unit_min, grace_min;
    int64_t created_at;
    char created_by[40];
    struct plan_slot slots[PLAN_MAX_SLOTS];
    int nslots;
};

/* A plan ready for pricing: plan.slots points into slots, plan.holidays at the caller's
 * holiday array (set by plan_priced). */
struct priced_plan {
    int64_t id, room_type_id;
    struct price_slot slots[PLAN_MAX_SLOTS];
    char names[PLAN_MAX_SLOTS][84];
    const char *name_ptrs[PLAN_MAX_SLOTS];
    struct price_plan plan;
};

typedef bool (*plan_cb)(const struct plan *p, void *ctx);

/* The venue's plans (of one room type, or all when room_type_id is 0), newest first per type. */
enum db_status plan_list(struct db *db, int64_t venue_id, int64_t room_type_id, plan_cb cb,
                         void *ctx);
enum db_status plan_load(struct db *db, int64_t venue_id, int64_t id, struct plan *p);
/* Inserts the plan and its slots; sets p->id. DB_CONFLICT if the room type already has a plan
 * from that day. */
enum db_status plan_insert(struct db *db, int64_t venue_id, struct plan *p);
/* Replaces name, unit, grace, effective day and slots of plan p->id. */
enum db_status plan_update(struct db *db, int64_t venue_id, const struct plan *p);
enum db_status plan_delete(struct db *db, int64_t venue_id, int64_t id);
/* How many plans the room type has. */
enum db_status plan_count(struct db *db, int64_t venue_id, int64_t room_type_id, int64_t *n);
/* The plan in force for room_type_id on business day `day` (the latest effective_from on or
 * before it) into *out, priced with the given holidays and cut-off. DB_NOT_FOUND if none. */
enum db_status plan_in_force(struct db *db, int64_t venue_id, int64_t room_type_id, const char *day,
                             int cutoff_min, const int64_t *holidays, int nholidays,
                             struct priced_plan *out);

/* ---- holidays ---- */

struct holiday {
    char day[11];
    char name[84];
};
typedef bool (*holiday_cb)(const struct holiday *h, void *ctx);
enum db_status holiday_list(struct db *db, int64_t venue_id, holiday_cb cb, void *ctx);
enum db_status holiday_upsert(struct db *db, int64_t venue_id, const char *day, const char *name);
enum db_status holiday_delete(struct db *db, int64_t venue_id, const char *day);
/* The holidays between two days (inclusive) as sorted day numbers, at most max. */
enum db_status holiday_days(struct db *db, int64_t venue_id, const char *from, const char *to,
                            int64_t *out, int max, int *n);

/* ---- packages (master data, priced here) ---- */

#define PACKAGE_MAX_ITEMS 40

struct package_item {
    int64_t product_id;
    char product[404];
    int64_t qty;
    char choice_group[84];
    int64_t list_fen; /* the product's price, for the value of the package's goods */
};

struct package {
    int64_t id;
    char name[404];
    char slot[84];
    int64_t price_fen;
    bool active;
    bool has_terms;
    int64_t room_type_id; /* 0: any room type */
    int included_minutes;
    bool buyout;
    int buyout_until_min;
    unsigned days;          /* weekday mask (bit 0 Sunday) when it may be opened */
    int start_min, end_min; /* local clock window when it may be opened */
    char effective_from[11], effective_to[11];
    struct package_item items[PACKAGE_MAX_ITEMS];
    int nitems;
};

typedef bool (*package_cb)(const struct package *p, void *ctx);
enum db_status fd_package_list(struct db *db, int64_t venue_id, package_cb cb, void *ctx);
enum db_status fd_package_load(struct db *db, int64_t venue_id, int64_t id, struct package *p);
/* Inserts (p->id == 0, sets it) or updates a package with its terms and items (the items are
 * replaced: open stays keep what they were sold, in stay_items). */
enum db_status fd_package_save(struct db *db, int64_t venue_id, struct package *p);

/* ---- role limits (the authority matrix) ---- */

struct role_limit_row {
    char role[16];
    struct role_limit limit;
    int64_t refund_limit_fen; /* the largest void or refund this role may approve */
};
typedef bool (*role_limit_cb)(const struct role_limit_row *r, void *ctx);
enum db_status role_limit_list(struct db *db, role_limit_cb cb, void *ctx);
/* The limits of role; all zero (and DB_OK) for a role without a row. */
enum db_status role_limit_load(struct db *db, const char *role, struct role_limit_row *out);
enum db_status role_limit_save(struct db *db, const struct role_limit_row *r);

/* ---- users who approve ---- */

struct approver_row {
    int64_t id;
    char username[40];
    char role[16];
    char password_hash[160];
    bool active;
};
/* The venue's user called username; DB_NOT_FOUND if none. */
enum db_status approver_find(struct db *db, int64_t venue_id, const char *username,
                             struct approver_row *out);

enum db_status approval_insert(struct db *db, int64_t venue_id, const char *kind,
                               const char *subject, int64_t amount_fen, const char *requested_by,
                               const char *approved_by, const char *reason, int64_t at);

/* ---- rooms on the board ---- */

struct board_room {
    int64_t room_id, room_type_id;
    char room_no[84], name[204], room_type[204];
    char state[20]; /* room_states: free cleaning out_of_service ("free" if no row) */
    char state_note[404];
    int64_t state_since;
    int64_t stay_id; /* 0 if none open */
    /* the room's current or latest held reservation (0 if none) */
    int64_t reservation_id;
};
typedef bool (*board_room_cb)(const struct board_room *r, void *ctx);
/* Every active room of the venue, with its state, open stay and the held reservation that
 * ends last (hold_until >= since_hold), ordered by room number. */
enum db_status board_rooms(struct db *db, int64_t venue_id, int64_t since_hold, board_room_cb cb,
                           void *ctx);

enum db_status room_state_get(struct db *db, int64_t room_id, char state[20], char note[404]);
enum db_status room_state_set(struct db *db, int64_t room_id, const char *state, const char *note,
                              const char *by_user, int64_t at);

/* ---- reservations ---- */

struct reservation {
    int64_t id, room_id;
    char room_no[84];
    char guest_name[204], guest_phone[44];
    int64_t guests;
    char booker[104];
    int64_t arrive_at, hold_until;
    char status[16]; /* held arrived cancelled expired */
    int64_t stay_id;
    char note[404];
    char created_by[40];
    int64_t created_at;
};
typedef bool (*reservation_cb)(const struct reservation *r, void *ctx);
enum db_status reservation_insert(struct db *db, int64_t venue_id, struct reservation *r);
enum db_status reservation_load(struct db *db, int64_t venue_id, int64_t id, struct reservation *r);
/* Reservations whose hold ends at or after from and that arrive before to, by arrival. */
enum db_status reservation_list(struct db *db, int64_t venue_id, int64_t from, int64_t to,
                                reservation_cb cb, void *ctx);
enum db_status reservation_set_status(struct db *db, int64_t id, const char *status,
                                      int64_t stay_id);
/* The id of a held reservation of room_id other than except_id whose [arrive, hold] window
 * overlaps [from, to]; DB_NOT_FOUND if none. */
enum db_status reservation_overlap(struct db *db, int64_t room_id, int64_t from, int64_t to,
                                   int64_t except_id, int64_t *id);

/* ---- stays ---- */

struct stay {
    int64_t id, venue_id, room_id;
    int64_t opened_at, closed_at;
    int64_t guests;
    char booker[104];
    char member_phone[44];
    int64_t package_id;
    char status[16]; /* open checked_out cancelled */
    char opened_by[40], closed_by[40];
    int64_t bill_id, reservation_id;
    int64_t planned_minutes;
    char note[404];
    int64_t version;
};

struct stay_room {
    int64_t id, room_id, room_type_id;
    char room_no[84], room_type[204];
    int64_t from_at, to_at; /* to_at 0 while the guest is in it */
};

struct stay_package {
    int64_t id, package_id;
    char name[404];
    int64_t price_fen;
    int included_minutes;
    bool buyout;
    int buyout_until_min;
    int64_t at;
    char by_user[40];
};

struct stay_item {
    int64_t id, product_id;
    char item[404];
    int64_t qty, unit_fen, list_fen;
    bool gift;
    char approved_by[40];
    int64_t package_id;
    char choice_group[84];
    int64_t return_of;
    int64_t at;
    char by_user[40];
    bool discountable, counts_to_min_spend; /* the product's flags now */
    int64_t returned; /* for an ordered row: how much of it was returned (positive) */
};

/* A stay with everything on it. */
struct stay_full {
    struct stay stay;
    struct stay_room rooms[PRICING_MAX_SEGMENTS];
    int nrooms;
    struct stay_package packages[8];
    int npackages;
    struct stay_item *items; /* owned */
    int nitems;
};

enum db_status stay_insert(struct db *db, struct stay *s);
enum db_status stay_load(struct db *db, int64_t venue_id, int64_t id, struct stay *s);
/* The open stay of a room; DB_NOT_FOUND if none. */
enum db_status stay_open_of_room(struct db *db, int64_t room_id, int64_t *stay_id);
/* Loads a stay with its rooms, packages and items (stay_full_free). */
enum db_status stay_full_load(struct db *db, int64_t venue_id, int64_t id, struct stay_full *f);
void stay_full_free(struct stay_full *f);
typedef bool (*stay_cb)(const struct stay *s, void *ctx);
/* The venue's open stays. */
enum db_status stay_list_open(struct db *db, int64_t venue_id, stay_cb cb, void *ctx);

enum db_status stay_room_insert(struct db *db, int64_t stay_id, int64_t room_id, int64_t from_at);
enum db_status stay_room_close(struct db *db, int64_t stay_id, int64_t to_at);
/* Moves the open stay to room_id (the unique index refuses a room that has an open stay). */
enum db_status stay_move(struct db *db, int64_t stay_id, int64_t room_id);
enum db_status stay_set_planned(struct db *db, int64_t stay_id, int64_t planned_minutes);
enum db_status stay_package_insert(struct db *db, int64_t stay_id, const struct stay_package *p);
enum db_status stay_item_insert(struct db *db, int64_t stay_id, struct stay_item *it);
/* Closes an open stay (checked_out with its bill, or cancelled). DB_CONFLICT if it was not open
 * (another till closed it first). */
enum db_status stay_close(struct db *db, int64_t stay_id, const char *status, int64_t closed_at,
                          int64_t bill_id, const char *closed_by);
/* The bill number of the bill that closed a stay (for "already checked out" messages). */
enum db_status stay_bill_no(struct db *db, int64_t bill_id, char bill_no[48]);

/* ---- idempotency ---- */

struct idem_record {
    char endpoint[120];
    char request_hash[72];
    int status;
    char *response; /* owned (free) */
};
/* The record of key; DB_NOT_FOUND if the key is new. */
enum db_status idem_get(struct db *db, int64_t venue_id, const char *key, struct idem_record *r);
enum db_status idem_put(struct db *db, int64_t venue_id, const char *key, const char *endpoint,
                        const char *request_hash, int status, const char *response, int64_t at);

/* ---- members ---- */

struct member {
    int64_t id;
    char phone[44], name[204], level[84];
    int64_t discount_bp; /* price paid in basis points: 9000 = 九折 */
    bool active;
    struct stored_value balance;
};
/* The venue's member with this phone, with the balance summed from the ledger. */
enum db_status member_find(struct db *db, int64_t venue_id, const char *phone, struct member *m);
enum db_status member_load(struct db *db, int64_t id, struct member *m);
/* Adds a member (no balance: stored value is only ever the sum of the ledger) and sets
 * m->id. DB_CONFLICT if the venue already has a member with this phone. m->balance is
 * ignored. */
enum db_status member_insert(struct db *db, int64_t venue_id, struct member *m,
                             int64_t created_at);

struct ledger_entry {
    int64_t member_id;
    int64_t at;
    char business_day[11];
    const char *kind;           /* topup pay refund void adjust */
    struct stored_value change; /* signed */
    int64_t bill_id;
    int payment_seq;
    int64_t shift_id;
    const char *note;
    const char *by_user;
};
enum db_status ledger_insert(struct db *db, const struct ledger_entry *e);
/* What a bill's member tender seq took (positive) and what has been given back of it since. */
enum db_status ledger_of_tender(struct db *db, int64_t bill_id, int payment_seq, int64_t *member_id,
                                struct stored_value *taken, struct stored_value *returned);

/* True (DB_OK, *used) if a voucher with this platform and code already paid a bill that is not
 * voided. */
enum db_status voucher_used(struct db *db, int64_t venue_id, const char *platform, const char *code,
                            bool *used);

/* ---- bills written by the front desk ---- */

/* The next bill number of a business day: "F20261203-0001" ... */
enum db_status bill_next_no(struct db *db, int64_t venue_id, const char *business_day, char *out,
                            size_t size);

struct bill_discount {
    const char *kind; /* member percent coupon fixed rounding */
    int64_t amount_fen, rate_bp;
    const char *code, *reason, *approved_by;
};
enum db_status bill_discount_insert(struct db *db, int64_t bill_id, const struct bill_discount *d);

struct bill_discount_row {
    char kind[16];
    int64_t amount_fen, rate_bp;
    char code[84], reason[404], approved_by[40];
};
typedef bool (*bill_discount_cb)(const struct bill_discount_row *d, void *ctx);
enum db_status bill_discount_list(struct db *db, int64_t bill_id, bill_discount_cb cb, void *ctx);

enum db_status consumption_insert(struct db *db, int64_t venue_id, int64_t bill_id,
                                  int64_t product_id, int64_t qty, const char *kind,
                                  const char *business_day, int64_t at);

/* A payment of a bill with its detail and what has been refunded of it. */
struct tender_row {
    int seq;
    char method[12];
    int64_t amount_fen;
    int64_t shift_id;
    int64_t tendered_fen, change_fen;
    char platform[24], reference[84];
    int64_t refunded_fen;
};
#define BILL_MAX_TENDERS 16
enum db_status bill_tenders(struct db *db, int64_t bill_id, struct tender_row *out, int max,
                            int *n);

/* The stay a bill closed (0 if none: an imported bill). */
enum db_status bill_stay(struct db *db, int64_t bill_id, int64_t *stay_id);

struct void_row {
    int64_t at;
    char business_day[11];
    int64_t shift_id;
    char reason[404], approved_by[40], by_user[40];
};
/* The void of a bill; DB_NOT_FOUND if it is not voided. */
enum db_status bill_void_load(struct db *db, int64_t bill_id, struct void_row *v);
enum db_status bill_void_insert(struct db *db, int64_t bill_id, const struct void_row *v);

struct refund_row {
    int64_t id;
    int64_t at;
    char business_day[11];
    int64_t shift_id;
    char method[12];
    int64_t amount_fen;
    char reason[404], approved_by[40], by_user[40];
    char kind[12];
    int payment_seq;
    char reference[84];
};
typedef bool (*refund_cb)(const struct refund_row *r, void *ctx);
enum db_status refund_insert(struct db *db, int64_t venue_id, int64_t bill_id,
                             struct refund_row *r);
enum db_status refund_list(struct db *db, int64_t bill_id, refund_cb cb, void *ctx);

/* Consumption of a bill, per product and kind (for a void that returns the goods). */
struct consumption_row {
    int64_t product_id, qty;
    char kind[12];
};
typedef bool (*consumption_cb)(const struct consumption_row *c, void *ctx);
enum db_status consumption_of_bill(struct db *db, int64_t bill_id, consumption_cb cb, void *ctx);

#endif
