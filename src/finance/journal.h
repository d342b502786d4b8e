/* finance/journal.h: a journal entry (分录) as plain data, and the rules every entry obeys.
 * Pure functions, no I/O.
 *
 * A line names an account by the part it plays (its system key: "drawer", "safe",
 * "rev_drinks" ...) or, for accounts finance added, by its code; the store resolves the name.
 * Amounts are signed fen: a debit is positive, a credit negative. An entry balances when its
 * lines sum to zero; the store refuses any other. Lines of the same account and party are merged,
 * and lines that merge to zero vanish, so a rule may add freely. */
#ifndef KTV_JOURNAL_H
#define KTV_JOURNAL_H

#include <stdbool.h>
#include <stdint.h>

/* Enough for a bill with every revenue kind, discounts and ten tenders. */
#define JOURNAL_MAX_LINES 48

struct journal_line {
    char account[24]; /* system key or account code */
    char party[64];   /* sub-ledger: shift id, cashier, platform, person ... ("" none) */
    int64_t amount_fen;
};

struct journal_entry {
    char day[11];          /* business day, YYYY-MM-DD */
    char source_kind[21];  /* what posts it: "bill", "refund", "shift_close" ... */
    int64_t source_id;     /* the source record; 0 for manual entries */
    int64_t reverses_id;   /* the entry this one reverses; 0 none */
    char memo[200];
    int nlines;
    bool overflow;         /* more distinct lines than JOURNAL_MAX_LINES were added */
    struct journal_line lines[JOURNAL_MAX_LINES];
};

enum journal_check {
    JOURNAL_VALID = 0,
    JOURNAL_EMPTY,      /* fewer than two lines (nothing moved) */
    JOURNAL_UNBALANCED, /* lines do not sum to zero */
    JOURNAL_TOO_MANY,   /* overflowed */
    JOURNAL_BAD_DAY,    /* day is not a date */
};

/* Starts an entry (zeroes it). */
void journal_begin(struct journal_entry *e, const char *day, const char *source_kind,
                  int64_t source_id, const char *memo);
/* Adds amount_fen (debit +, credit -) to account/party; 0 adds nothing. party may be NULL. */
void journal_add(struct journal_entry *e, const char *account, const char *party, int64_t amount_fen);
/* journal_add with a numeric party (a shift id); 0 means no party. */
void journal_add_id(struct journal_entry *e, const char *account, int64_t party_id,
                   int64_t amount_fen);
/* Removes lines that merged to zero; then checks the entry. */
enum journal_check journal_finish(struct journal_entry *e);
/* The sum of the debits of a finished entry. */
int64_t journal_debits(const struct journal_entry *e);
/* The amount on account/party (0 if absent). */
int64_t journal_amount(const struct journal_entry *e, const char *account, const char *party);
/* Writes into r the reversal of e: every line with its sign turned, source "reversal",
 * reverses_id = e_id, dated day. */
void journal_reverse(const struct journal_entry *e, int64_t e_id, const char *day,
                    const char *memo, struct journal_entry *r);

#endif
