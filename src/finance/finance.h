/* finance/finance.h: what the other areas call to keep the books.
 *
 * Every money event posts its journal entry inside the event's own write transaction, by one
 * call here with the id of the record it just wrote; the posting rules (postings.c) decide the
 * lines. A confirmed business day is locked: the call answers FIN_LOCKED and the caller refuses
 * the whole write (finance_reply_locked). */
#ifndef KTV_FINANCE_H
#define KTV_FINANCE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/db.h"
#include "core/http.h"
#include "finance/journal.h"

enum fin_status {
    FIN_OK = 0,
    FIN_LOCKED,  /* the entry's business day is confirmed (locked) */
    FIN_BROKEN,  /* the entry does not balance or names no account: our bug, logged */
    FIN_RETRY,   /* the database is busy */
    FIN_ERROR,   /* the database failed */
    FIN_SAFE_SHORT, /* the entry takes more out of the safe than the books show in it */
};

/* The storage status a caller returns for a posting status (FIN_LOCKED, FIN_SAFE_SHORT:
 * DB_CONFLICT). */
enum db_status fin_db_status(enum fin_status s);

/* Replies 409 day_locked naming the day (finance_locked_day of the thread's last refusal) or
 * 500 for the other failures. For handlers that already hold the status. */
void finance_reply(struct request *req, enum fin_status s);

/* For a write handler: FIN_OK is DB_OK; FIN_RETRY is DB_RETRY (nothing replied, the caller's
 * retry loop runs again); any other refusal is replied here (409 day_locked, 500) and answers
 * DB_INVALID so the caller rolls back without replying again. */
enum db_status finance_status_reply(struct request *req, enum fin_status s);

/* Posts e (finished here) for venue. by_user is recorded; backfill is true only for the
 * catch-up of history. An entry with nothing to move (fewer than two lines after merging) is
 * not written: FIN_OK with *entry_id 0. entry_id may be NULL. */
enum fin_status journal_post(struct db *db, int64_t venue_id, struct journal_entry *e,
                             const char *by_user, bool backfill, int64_t *entry_id);

/* Posts the reversal of posted entry entry_id, dated day (an open day), with memo: every line
 * read back as it was posted, its sign turned. *reversal_id is the new entry's id. */
enum fin_status journal_reverse_posted(struct db *db, int64_t venue_id, int64_t entry_id,
                                       const char *day, const char *memo, const char *by_user,
                                       int64_t *reversal_id);

/* FIN_OK, FIN_RETRY or FIN_ERROR for a database status. */
enum fin_status fin_status_of(enum db_status s);

/* The venue's business day now (YYYY-MM-DD). */
enum db_status finance_today(struct db *db, int64_t venue_id, char out[11]);

/* Whether a business day is locked (confirmed). */
enum db_status finance_day_locked(struct db *db, int64_t venue_id, const char *day, bool *locked);

/* The balance (debits - credits) of an account (system key or code) for one party ("" or NULL:
 * every party) up to and including day (NULL: everything). */
enum db_status finance_balance(struct db *db, int64_t venue_id, const char *account,
                               const char *party, const char *day, int64_t *balance);

/* ---- posting the events of the other areas (each reads the record it is given) ---- */

/* A settled bill (front desk or import); a bill imported as voided posts nothing. */
enum fin_status finance_post_bill(struct db *db, int64_t venue_id, int64_t bill_id,
                                  const char *by_user);
/* A refund record of kind 'refund'. */
enum fin_status finance_post_refund(struct db *db, int64_t venue_id, int64_t refund_id,
                                    const char *by_user);
/* A front-desk void (bill_voids row of bill_id, with its refunds of kind 'void'). */
enum fin_status finance_post_void(struct db *db, int64_t venue_id, int64_t bill_id,
                                  const char *by_user);
enum fin_status finance_post_shift_open(struct db *db, int64_t venue_id, int64_t shift_id,
                                        const char *by_user);
enum fin_status finance_post_shift_cash(struct db *db, int64_t venue_id, int64_t event_id,
                                        const char *by_user);
enum fin_status finance_post_shift_close(struct db *db, int64_t venue_id, int64_t shift_id,
                                         const char *by_user);
/* At review: what is left in the shift's drawer goes to the safe. */
enum fin_status finance_post_shift_handin(struct db *db, int64_t venue_id, int64_t shift_id,
                                          const char *by_user);

/* Seeds the chart of accounts of every venue that lacks it, then posts every money event that
 * has no entry yet (history from before the books, oldest first, flagged backfill), each venue
 * in one transaction. Called when a database is opened. *posted counts entries (may be NULL). */
enum db_status finance_ensure(struct db *db, int64_t *posted);

/* Seeds the chart of accounts of one venue (accounts already there are left as they are). */
enum db_status finance_seed_accounts(struct db *db, int64_t venue_id);

/* The routes of the ledger (chart, entries, trial balance, reversal). */
extern const struct route finance_routes[];

#endif
