/* frontdesk/api_internal.h: what the front desk's api files share (not for other areas):
 * the venue context of a request, nested field readers, the manager's second sign-in, the
 * write-transaction runner, idempotency keys, and composing a stay's bill. */
#ifndef KTV_FRONTDESK_API_INTERNAL_H
#define KTV_FRONTDESK_API_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/bizday.h"
#include "core/http.h"
#include "core/venue.h"
#include "frontdesk/compose.h"
#include "frontdesk/store.h"

/* ---- the venue of a request ---- */

struct fd_ctx {
    struct venue venue;
    struct tz *tz;  /* owned */
    int64_t now;    /* UTC epoch seconds when the request started */
    char today[11]; /* business day of now */
};

/* Loads the signed-in user's venue and zone; replies 500 and returns false on failure. */
bool fd_ctx_load(struct request *req, struct fd_ctx *c);
void fd_ctx_free(struct fd_ctx *c);

/* Local seconds (a naive clock reading as seconds since 1970) of a UTC instant. */
int64_t fd_local(const struct fd_ctx *c, int64_t utc);
/* The business day "YYYY-MM-DD" of a UTC instant. */
void fd_bizday(const struct fd_ctx *c, int64_t utc, char out[11]);
/* "YYYY-MM-DD HH:MM:SS" local time of a UTC instant. */
void fd_local_text(const struct fd_ctx *c, int64_t utc, char out[20]);
/* "HH:MM" local. */
void fd_local_hhmm(const struct fd_ctx *c, int64_t utc, char out[6]);

/* ---- fields ---- */

/* Field readers for top-level or nested values: key is looked up in obj, path names the field
 * in errors ("payments[1].amount_fen"). Same contracts as jfield_* (json.h). */
bool fd_str(struct request *req, json_t *obj, const char *key, const char *path, const char *zh,
            const char *en, bool required, size_t max_chars, const char **out);
bool fd_int(struct request *req, json_t *obj, const char *key, const char *path, const char *zh,
            const char *en, bool required, int64_t min, int64_t max, int64_t *out);
bool fd_bool(struct request *req, json_t *obj, const char *key, const char *path, const char *zh,
             const char *en, bool required, bool *out);
/* Money in integer fen, 0..max. A string ("12.5") or a fraction (12.5) is refused with a
 * message saying that amounts are whole fen and what the number would be (case M3). */
bool fd_fen(struct request *req, json_t *obj, const char *key, const char *path, const char *zh,
            const char *en, bool required, int64_t max, int64_t *out);
/* Refuses a nested object's unknown keys (400 unknown_field naming path.key). */
bool fd_keys(struct request *req, json_t *obj, const char *path, const char *const allowed[]);
/* A local time "YYYY-MM-DD HH:MM[:SS]" in the venue's zone, as a UTC instant. */
bool fd_time(struct request *req, const struct fd_ctx *c, json_t *obj, const char *key,
             const char *zh, const char *en, bool required, int64_t *out);
/* A business day "YYYY-MM-DD". */
bool fd_day(struct request *req, json_t *obj, const char *key, const char *zh, const char *en,
            bool required, char out[11]);
/* An "HH:MM" clock time as minutes; "24:00" is accepted when allow_24 (slot ends). */
bool fd_clock(struct request *req, json_t *obj, const char *key, const char *path, const char *zh,
              const char *en, bool allow_24, int *out);

/* A phone number: 5 to 20 digits, '+', '-' or blanks (absent is fine). */
bool fd_phone(struct request *req, json_t *obj, const char *key, const char *path,
              const char *zh, const char *en, const char **out);
/* "138****5678": phones on the board and on receipts. */
void fd_mask_phone(const char *phone, char out[44]);

/* ---- the manager's second sign-in (审批) ---- */

struct approval {
    bool given;
    int64_t user_id;
    char username[40];
    struct role_limit_row limits;
};

/* Reads approver_username and approver_password from obj (both or neither) and checks them
 * against the users of the venue, outside any transaction (a password hash costs ~0.1 s and
 * must not hold the write lock). A wrong password counts as a failed sign-in (throttled like
 * one). Replies (403/429) and returns false on a bad approver; true with out->given false when
 * none was sent. */
bool fd_approver(struct request *req, json_t *obj, const char *path, struct approval *out);

/* Replies 403 approval_required: what needs a manager and why. */
void fd_reply_approval_required(struct request *req, const char *what_zh, const char *what_en);

/* ---- writes ---- */

struct fd_reply {
    int status;
    json_t *body; /* owned until sent */
};

/* The body of one write transaction: returns DB_OK with the answer in *out (sent after the
 * commit), DB_RETRY to run again, or another status having replied (a refusal) or not (then
 * the runner replies for the status). */
typedef enum db_status (*fd_tx_fn)(struct request *req, void *arg, struct fd_reply *out);

/* Runs fn inside BEGIN IMMEDIATE ... COMMIT, up to three times when the database is busy,
 * and replies. what_zh/what_en name the thing in storage error messages. */
void fd_run_write(struct request *req, fd_tx_fn fn, void *arg, const char *what_zh,
                  const char *what_en);

/* ---- idempotency ---- */

struct idem {
    const char *key; /* NULL: the request carries none */
    char endpoint[120];
    char hash[72];
};

/* Reads idempotency_key (required or not) and hashes the body (the approver's password left
 * out: a fast hash of it must not be stored). endpoint names what the key is for
 * ("checkout:12"). Replies 400 and returns false on a malformed key. */
bool fd_idem_prepare(struct request *req, json_t *body, bool required, const char *endpoint,
                     struct idem *out);
/* Inside the write transaction: when the key was used before, fills *out with the first answer
 * (or replies 422 if it was used for another request) and returns true: the handler stops.
 * Returns false when the key is new (or absent). *s gets a storage error, if any. */
bool fd_idem_replay(struct request *req, const struct idem *i, struct fd_reply *out,
                    enum db_status *s);
/* Stores the answer of a new key, inside the write transaction (body borrowed). */
enum db_status fd_idem_store(struct request *req, const struct idem *i, int status,
                             const json_t *body);

/* ---- a stay's bill ---- */

struct compose_options {
    int64_t percent_bp, coupon_fen, fixed_fen, service_bp;
    bool round_to_yuan;
};

enum fd_compose_status {
    FD_COMPOSE_OK = 0,
    FD_COMPOSE_NO_PLAN, /* a room type has no price plan in force: room_type names it */
    FD_COMPOSE_PRICING, /* the plan does not price the stay (a minute in no slot ...) */
    FD_COMPOSE_DB,      /* storage error (db holds it) */
};

struct stay_bill {
    struct stay_full full;     /* owned */
    struct priced_plan *plans; /* owned, one per room segment */
    struct compose_segment segs[PRICING_MAX_SEGMENTS];
    char labels[PRICING_MAX_SEGMENTS][300];
    int64_t holidays[8];
    int nholidays;
    bool has_member;
    struct member member;
    int64_t at;                  /* the instant priced (UTC) */
    struct composed_bill bill;   /* owned */
    enum pricing_status pricing; /* when FD_COMPOSE_PRICING */
    char room_type[204];         /* when FD_COMPOSE_NO_PLAN */
    enum db_status db;
};

/* Loads stay id and composes its bill as of `at` (UTC; clamped to be no earlier than the
 * stay's opening). The result owns memory: fd_stay_bill_free, also after a failure. */
enum fd_compose_status fd_stay_bill(struct request *req, const struct fd_ctx *c, int64_t stay_id,
                                    int64_t at, const struct compose_options *o,
                                    struct stay_bill *out);
/* Composes again (other options or instant) with what is loaded. */
enum fd_compose_status fd_stay_recompose(const struct fd_ctx *c, int64_t at,
                                         const struct compose_options *o, struct stay_bill *b);
void fd_stay_bill_free(struct stay_bill *b);
/* Replies for a failed compose (409 with the reason). */
void fd_reply_compose_error(struct request *req, enum fd_compose_status st,
                            const struct stay_bill *b);

/* The bill as JSON: lines, totals, discounts, member (a new object). */
json_t *fd_bill_json(const struct fd_ctx *c, const struct stay_bill *b,
                     const struct compose_options *o);
/* A money amount as {key_fen: n, key: "12.50"} on obj. */
void fd_money(json_t *obj, const char *key, int64_t fen);

/* ---- routes of the files ---- */

void fd_plans_list(struct request *req);
void fd_plans_get(struct request *req);
void fd_plans_create(struct request *req);
void fd_plans_update(struct request *req);
void fd_plans_delete(struct request *req);
void fd_holidays_list(struct request *req);
void fd_holidays_put(struct request *req);
void fd_holidays_delete(struct request *req);
void fd_packages_list(struct request *req);
void fd_packages_get(struct request *req);
void fd_packages_create(struct request *req);
void fd_packages_update(struct request *req);
void fd_role_limits_list(struct request *req);
void fd_role_limits_put(struct request *req);

void fd_board(struct request *req);
void fd_room_state(struct request *req);
void fd_reservations_list(struct request *req);
void fd_reservations_create(struct request *req);
void fd_reservations_cancel(struct request *req);
void fd_reservations_arrive(struct request *req);

void fd_stays_list(struct request *req);
void fd_stays_open(struct request *req);
void fd_stays_get(struct request *req);
void fd_stays_order(struct request *req);
void fd_stays_return(struct request *req);
void fd_stays_gift(struct request *req);
void fd_stays_change_room(struct request *req);
void fd_stays_extend(struct request *req);
void fd_stays_cancel(struct request *req);
void fd_stays_quote(struct request *req);
void fd_stays_checkout(struct request *req);

void fd_bills_get(struct request *req);
void fd_bills_receipt(struct request *req);
void fd_bills_void(struct request *req);
void fd_bills_refund(struct request *req);
void fd_members_lookup(struct request *req);

/* What opening a stay needs (from POST /stays or a reservation's arrival). */
struct open_args {
    int64_t room_id, guests, planned_minutes, package_id, reservation_id;
    int64_t opened_at; /* 0: now; set only by admins (back-entry, tests) */
    const char *booker, *member_phone, *note;
    json_t *choices; /* {"group": product_id} of the package's choice groups, or NULL */
};

/* Reads the open fields shared by POST /stays and arrival (guests, booker, member_phone,
 * package_id, choices, planned_minutes, note, opened_at) onto a. */
bool fd_open_args(struct request *req, const struct fd_ctx *c, json_t *body, struct open_args *a);
/* Opens a stay inside the caller's write transaction: checks the room, the package and the
 * member, writes the stay, its first room, its package and the package's goods. Replies and
 * returns a non-OK status on a refusal. */
enum db_status fd_open_stay(struct request *req, const struct fd_ctx *c, const struct open_args *a,
                            int64_t *stay_id);
/* Whether room_id can take a guest now (no open stay, not being cleaned or out of service, no
 * current hold other than reservation_id); replies 409 and returns false if not. */
bool fd_room_available(struct request *req, const struct fd_ctx *c, int64_t room_id,
                       int64_t reservation_id, enum db_status *s);
/* The JSON of a stay with its rooms, packages, items and the bill as of now. */
json_t *fd_stay_json(const struct fd_ctx *c, const struct stay_bill *b);

#endif
