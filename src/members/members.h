/* members/members.h: members (会员) and their stored value (储值) as the other areas see them.
 *
 * A top-up and a refund of stored value are money: each writes, in the caller's write
 * transaction, its record (member_topups / member_sv_refunds), the member's ledger row and the
 * journal entry (finance/postings.h posting_topup / posting_sv_refund). Cash moves the drawer of
 * the cashier's open shift, so the shifts area sums the cash of a shift's top-ups and refunds
 * into its expected cash through sv_shift_cash. Paying a bill from the balance stays with the
 * front desk (frontdesk/store.h). */
#ifndef KTV_MEMBERS_H
#define KTV_MEMBERS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/db.h"
#include "core/http.h"
#include "finance/finance.h"

/* A top-up as decided: the caller has chosen the bonus (by offer or by hand) and checked the
 * cashier's shift. Strings borrowed. */
struct sv_topup {
    int64_t venue_id, member_id;
    int64_t amount_fen;      /* paid in (> 0): the principal */
    int64_t bonus_fen;       /* given on top (>= 0) */
    const char *bonus_source; /* "rule" (rule_id set), "manual" or "none" */
    int64_t rule_id;         /* the offer; 0 unless bonus_source is "rule" */
    const char *method;      /* cash | wechat | alipay | card */
    const char *reference;   /* the payment's reference (WeChat order no. ...), or "" */
    int64_t shift_id;        /* the drawer for cash (required), the till's shift otherwise; 0 none */
    int64_t at;              /* UTC epoch seconds */
    const char *business_day;
    const char *by_user, *approved_by; /* approved_by "" unless a manager approved the bonus */
};

/* Writes top-up t: the ledger row (principal +amount, bonus +bonus), the member_topups row and
 * its journal entry (source "topup"). *topup_id gets the record's id. On DB_OK *posting is
 * FIN_OK; when the books refuse (a locked day: FIN_LOCKED) *posting says why and the status is
 * fin_db_status of it: the caller rolls back. DB_INVALID for a method that is not one of the
 * four, or cash without a shift. Does not audit (the caller does, with its request). */
enum db_status sv_topup_write(struct db *db, const struct sv_topup *t, int64_t *topup_id,
                              enum fin_status *posting);

/* A refund of principal as decided (sv_refund in sv.h gave the bonus forfeited). */
struct sv_refund_out {
    int64_t venue_id, member_id;
    int64_t principal_fen;       /* given back (> 0) */
    int64_t bonus_forfeited_fen; /* the bonus that goes with the whole principal (>= 0) */
    const char *method, *reference, *reason;
    int64_t shift_id;            /* required for cash */
    int64_t at;
    const char *business_day;
    const char *by_user, *approved_by;
};

/* Writes refund r: the ledger row (kind 'refund', no bill: principal -x, bonus -forfeited), the
 * member_sv_refunds row and its journal entry (source "sv_refund"). Same contract as
 * sv_topup_write. */
enum db_status sv_refund_write(struct db *db, const struct sv_refund_out *r, int64_t *refund_id,
                               enum fin_status *posting);

/* One movement of a drawer's cash by stored value: a cash top-up (money in) or a cash refund of
 * principal (money out). */
struct sv_cash {
    bool refund;
    int64_t id;          /* member_topups.id or member_sv_refunds.id */
    int64_t at;
    int64_t amount_fen;  /* > 0: paid in, or principal given back */
    int64_t bonus_fen;   /* bonus given (top-up) or forfeited (refund); no cash */
    int64_t member_id;
    char member_name[204];
    char by_user[40];
};
typedef bool (*sv_cash_cb)(const struct sv_cash *c, void *ctx);

/* Calls cb for every cash top-up and cash refund of stored value tagged with shift_id, in the
 * order they happened; cb returns false to stop. Runs inside the caller's transaction. */
enum db_status sv_shift_cash(struct db *db, int64_t shift_id, sv_cash_cb cb, void *ctx);

/* An offer (充送) as the demo venue sets it up: in force from effective_from on. *id its id. */
enum db_status sv_rule_create(struct db *db, int64_t venue_id, const char *name,
                              int64_t threshold_fen, int64_t bonus_fen, const char *effective_from,
                              const char *by_user, int64_t at, int64_t *id);

/* The routes of the area: members (module crm), top-ups and refunds (bills), offers, and the
 * month-end liability report (finance). */
extern const struct route members_routes[];

#endif
