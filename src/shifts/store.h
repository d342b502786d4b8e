/* shifts/store.h: the SQL of cashier shifts: the shift rows, their cash events, the payments
 * and refunds tagged with them, business-day confirmations, and the users they name.
 *
 * Internal to the shifts area (other areas use shifts.h). Every function runs inside the
 * caller's transaction; rows come back as plain structs or through callbacks, never JSON. */
#ifndef KTV_SHIFTS_STORE_H
#define KTV_SHIFTS_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/db.h"
#include "shifts/shifts.h"

/* Sizes of the text columns as read back; the API caps input below them. */
#define SHIFT_NAME_MAX 40     /* usernames are at most 32 bytes */
#define SHIFT_TEXT_MAX 808    /* reasons and notes: at most 200 characters of UTF-8 */
#define SHIFT_COUNT_MAX 1024  /* a count by denomination as JSON: 8 pairs of small numbers */

/* One shift row. Text is copied in; the Z report is loaded separately (shift_z_text) because
 * it can be large. Nullable integers read as 0 with a has_ flag. */
struct shift {
    int64_t id, venue_id, cashier_id;
    char cashier[SHIFT_NAME_MAX];       /* username of the cashier */
    char cashier_name[104];             /* display name (the users row), "" if none */
    char business_day[11];
    int64_t opened_at;
    int64_t opening_fen;
    char opening_count[SHIFT_COUNT_MAX];
    int64_t previous_shift_id;          /* 0: none */
    bool has_previous_counted;
    int64_t previous_counted_fen;
    int64_t opening_difference_fen;
    char handed_over_by[SHIFT_NAME_MAX];
    int64_t handed_to_shift_id;         /* the shift that took this one's count over, 0 if none */
    char handed_to[SHIFT_NAME_MAX];
    char status[12];                    /* open | closed | reviewed */
    bool closed;                        /* status is closed or reviewed */
    int64_t closed_at;
    char closed_by[SHIFT_NAME_MAX];
    char closing_count[SHIFT_COUNT_MAX];
    int64_t counted_fen, expected_fen, difference_fen;
    char difference_treatment[24];
    char difference_reason[SHIFT_TEXT_MAX];
    char difference_approved_by[SHIFT_NAME_MAX];
    int64_t difference_approved_at;
    char approval_note[SHIFT_TEXT_MAX];
    char reviewed_by[SHIFT_NAME_MAX];
    int64_t reviewed_at;
    char review_note[SHIFT_TEXT_MAX];
};

/* Loads shift id of venue_id; DB_NOT_FOUND if the venue has none. */
enum db_status shift_load(struct db *db, int64_t venue_id, int64_t id, struct shift *s);
/* The id of user_id's open shift in venue_id; DB_NOT_FOUND if none. */
enum db_status shift_open_id(struct db *db, int64_t venue_id, int64_t user_id, int64_t *id);

/* The fields of a new shift (status open). Strings borrowed. */
struct shift_new {
    int64_t venue_id, cashier_id;
    const char *cashier, *business_day, *opening_count, *handed_over_by;
    int64_t opened_at, opening_fen;
    int64_t previous_shift_id; /* 0: none */
    int64_t previous_counted_fen, opening_difference_fen;
};
/* Inserts an open shift and returns its id. DB_CONFLICT if the cashier already has an open
 * shift, or the previous shift has already been taken over (unique indexes). */
enum db_status shift_insert(struct db *db, const struct shift_new *n, int64_t *id);

/* The shift whose counted closing the next opening is measured against: with a user id, that
 * cashier's latest closed shift; with 0, the venue's latest closed shift; in both cases only
 * one that no shift has taken over yet (the difference is reported once). DB_NOT_FOUND if none.
 * *taken is set when the cashier's latest closed shift exists but was already taken over. */
enum db_status shift_previous(struct db *db, int64_t venue_id, int64_t cashier_id,
                              int64_t *shift_id, int64_t *counted_fen, bool *taken);

/* Freezes an open shift: sets the closing figures, the Z report (JSON text, borrowed) and
 * status closed in one UPDATE, only if it is still open; DB_NOT_FOUND if it was not. */
struct shift_close {
    int64_t closed_at;
    const char *closed_by, *closing_count, *reason, *treatment, *z_report;
    int64_t counted_fen, expected_fen, difference_fen;
};
enum db_status shift_close_update(struct db *db, int64_t id, const struct shift_close *c);

/* Records the manager's approval of the difference (once). DB_NOT_FOUND if already given. */
enum db_status shift_approve_update(struct db *db, int64_t id, const char *approver, int64_t at,
                                    const char *note);
/* Marks a closed shift reviewed (核对). DB_NOT_FOUND if it is not closed. */
enum db_status shift_review_update(struct db *db, int64_t id, const char *reviewer, int64_t at,
                                   const char *note);

/* The Z report of a closed shift (malloc'd JSON text, caller frees). DB_NOT_FOUND if none. */
enum db_status shift_z_text(struct db *db, int64_t venue_id, int64_t id, char **out);

/* A list of shifts. Strings borrowed; NULL or "" means no filter; cashier_id 0 means all. */
struct shift_filter {
    const char *from_day, *to_day, *status, *cashier;
    int64_t cashier_id;
    int64_t limit, offset;
};
typedef bool (*shift_cb)(const struct shift *s, void *ctx);
/* The venue's shifts matching f, newest first; *total is the count before paging. */
enum db_status shift_list(struct db *db, int64_t venue_id, const struct shift_filter *f,
                          int64_t *total, shift_cb cb, void *ctx);

/* ---- what happened in a shift ---- */

/* A cash event outside bills. */
struct shift_cash_event {
    int64_t id, at, amount_fen;
    char kind[12]; /* pay_in | pay_out | safe_drop */
    char reason[SHIFT_TEXT_MAX];
    char by_user[SHIFT_NAME_MAX];
};
/* Appends a cash event; *id gets its id. */
enum db_status shift_cash_event_insert(struct db *db, int64_t shift_id, int64_t at,
                                       const char *kind, int64_t amount_fen, const char *reason,
                                       const char *by_user, int64_t *id);
typedef bool (*shift_cash_event_cb)(const struct shift_cash_event *e, void *ctx);
/* The shift's cash events in the order they happened. */
enum db_status shift_cash_events(struct db *db, int64_t shift_id, shift_cash_event_cb cb,
                                 void *ctx);

/* A payment or a refund tagged with a shift. */
struct shift_money {
    bool refund;          /* from the refunds table */
    int64_t id;           /* bill_payments.id or refunds.id */
    int64_t bill_id;
    char bill_no[44];
    char bill_day[11];    /* the bill's business day */
    char bill_status[12]; /* settled | voided */
    int64_t at;           /* the bill's closed_at for a payment, the refund's time */
    char method[12];
    int64_t amount_fen;   /* as stored: a payment is signed, a refund positive */
    int64_t tendered_fen, change_fen; /* 0 if not recorded */
    char platform[24];
    char reference[84];
    char reason[SHIFT_TEXT_MAX]; /* of a refund */
    char kind[12];               /* of a refund: refund | void */
};
typedef bool (*shift_money_cb)(const struct shift_money *m, void *ctx);
/* The shift's payments (of any method) then its refunds, each in id order. With cash_only,
 * only method 'cash'. */
enum db_status shift_money(struct db *db, int64_t shift_id, bool cash_only, shift_money_cb cb,
                           void *ctx);

/* Per method: payments (signed sum, count) and refunds (sum, count). */
struct shift_channel {
    char method[12];
    int64_t payments_fen, payments_count, refunds_fen, refunds_count;
};
typedef bool (*shift_channel_cb)(const struct shift_channel *c, void *ctx);
/* The shift's totals per method, in method order. */
enum db_status shift_channels(struct db *db, int64_t shift_id, shift_channel_cb cb, void *ctx);
/* The number of distinct bills with a payment in the shift. */
enum db_status shift_bills_count(struct db *db, int64_t shift_id, int64_t *n);

/* ---- users named by a shift ---- */

struct shift_user {
    int64_t id;
    char username[SHIFT_NAME_MAX];
    char display_name[104];
    char role[16];
    bool active;
    char password_hash[160];
};
/* The user of venue_id named username; DB_NOT_FOUND if none. */
enum db_status shift_user_by_name(struct db *db, int64_t venue_id, const char *username,
                                  struct shift_user *u);

/* ---- business days ---- */

struct business_day {
    bool confirmed;
    char confirmed_by[SHIFT_NAME_MAX];
    int64_t confirmed_at;
    char note[SHIFT_TEXT_MAX];
};
/* The confirmation of a day (confirmed false if none). */
enum db_status business_day_load(struct db *db, int64_t venue_id, const char *day,
                                 struct business_day *d);
/* Confirms a day; DB_CONFLICT if it already is. */
enum db_status business_day_confirm(struct db *db, int64_t venue_id, const char *day,
                                    const char *by, int64_t at, const char *note);

#endif
