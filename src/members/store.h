/* members/store.h: the SQL of members and stored value: members, their ledger read back with
 * running balances, offers and bonus limits, and the sums of the liability report.
 *
 * Internal to the members area (other areas use members.h). Every function runs inside the
 * caller's transaction; rows come back as plain structs or through callbacks, never JSON. */
#ifndef KTV_MEMBERS_STORE_H
#define KTV_MEMBERS_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/db.h"
#include "members/members.h"
#include "members/sv.h"

/* ---- members ---- */

struct sv_member {
    int64_t id;
    char phone[44], name[204], level[84];
    int64_t discount_bp; /* price paid in basis points: 9000 = 九折 */
    bool active;
    int64_t created_at;
    struct sv_balance balance; /* the sum of the ledger */
    int64_t last_at;           /* the latest ledger row's time, 0 if none */
    int64_t topped_up_fen;     /* principal paid in over all time */
};

/* Member id of venue_id with its balance; DB_NOT_FOUND if none. */
enum db_status sv_member_load(struct db *db, int64_t venue_id, int64_t id, struct sv_member *m);
/* Adds m (phone, name, level, discount_bp, active) and sets m->id; DB_CONFLICT if the venue has
 * a member with that phone. */
enum db_status sv_member_insert(struct db *db, int64_t venue_id, struct sv_member *m, int64_t at);
/* Changes name, level, discount and active of member m->id; DB_NOT_FOUND if none. */
enum db_status sv_member_update(struct db *db, int64_t venue_id, const struct sv_member *m);

/* The list's filter and order. q matches a part of the phone or the name; level matches
 * exactly; active -1 any, 0/1. sort is one of the keys of sv_member_sorts (store.c), "" the
 * default (newest first). Strings borrowed. */
struct sv_member_filter {
    const char *q, *level, *sort;
    int active;
    int64_t limit, offset;
};
/* True if sort is an order the list knows ("phone", "-balance" ...). */
bool sv_member_sort_valid(const char *sort);
typedef bool (*sv_member_cb)(const struct sv_member *m, void *ctx);
/* The members matching f in its order, paged; *total counts them all and *sum adds their
 * balances. */
enum db_status sv_member_list(struct db *db, int64_t venue_id, const struct sv_member_filter *f,
                              int64_t *total, struct sv_balance *sum, sv_member_cb cb, void *ctx);

/* ---- the member's ledger ---- */

struct sv_ledger_row {
    int64_t id, at;
    char business_day[11];
    char kind[12];            /* topup pay refund void adjust */
    struct sv_balance change; /* signed */
    struct sv_balance after;  /* the balance after this row */
    int64_t bill_id;          /* 0 none */
    char bill_no[48];
    int64_t shift_id;         /* 0 none */
    char note[208];
    char by_user[40];
    /* From the top-up or the stored-value refund this row records (empty otherwise). */
    int64_t topup_id, sv_refund_id;
    char method[12];
    char reference[84];
    char approved_by[40];
    char reason[408];
};
typedef bool (*sv_ledger_cb)(const struct sv_ledger_row *r, void *ctx);
/* The member's ledger, newest first, paged; *total counts its rows. */
enum db_status sv_ledger_list(struct db *db, int64_t member_id, int64_t limit, int64_t offset,
                              int64_t *total, sv_ledger_cb cb, void *ctx);

/* ---- offers and limits ---- */

/* Most offers a venue keeps: a handful are in force at once; the rest is history. */
#define SV_RULES_MAX 200

struct sv_rule_row {
    struct sv_rule rule;
    char name[124];
    int64_t created_at;
    char created_by[40];
    int64_t used;             /* top-ups that got it */
};
/* Every offer of the venue, newest first, into rows (at most max); *n how many. */
enum db_status sv_rules_list(struct db *db, int64_t venue_id, struct sv_rule_row *rows, int max,
                             int *n);
/* One offer; DB_NOT_FOUND if the venue has none with this id. */
enum db_status sv_rule_load(struct db *db, int64_t venue_id, int64_t id, struct sv_rule_row *r);
/* Changes what an offer may change: name, end and active. */
enum db_status sv_rule_update(struct db *db, int64_t venue_id, int64_t id, const char *name,
                              const char *effective_to, bool active);

/* The hand-given bonus limit of role in basis points (0 for a role without a row). */
enum db_status sv_bonus_limit(struct db *db, const char *role, int64_t *limit_bp);
struct sv_limit_row {
    char role[16];
    int64_t bonus_limit_bp;
};
typedef bool (*sv_limit_cb)(const struct sv_limit_row *r, void *ctx);
enum db_status sv_bonus_limits_list(struct db *db, sv_limit_cb cb, void *ctx);
enum db_status sv_bonus_limit_save(struct db *db, const char *role, int64_t limit_bp);

/* ---- the liability report ---- */

/* One sum of a member's ledger: the rows of one kind (and bill or not), before the period
 * (in_period false) or within it. */
struct sv_liability_part {
    int64_t member_id;
    char phone[44], name[204], level[84];
    char kind[12];
    bool with_bill, in_period;
    struct sv_balance sum;
};
typedef bool (*sv_liability_cb)(const struct sv_liability_part *p, void *ctx);
/* The sums of every member's ledger up to and including business day to_day, split at from_day
 * (rows before it are the opening), by member id then kind. */
enum db_status sv_liability_parts(struct db *db, int64_t venue_id, const char *from_day,
                                  const char *to_day, sv_liability_cb cb, void *ctx);

#endif
