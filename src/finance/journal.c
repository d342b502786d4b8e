/* finance/journal.c: building and checking journal entries (pure). */
#include "finance/journal.h"

#include <stdio.h>
#include <string.h>

void journal_begin(struct journal_entry *e, const char *day, const char *source_kind,
                  int64_t source_id, const char *memo)
{
    memset(e, 0, sizeof *e);
    snprintf(e->day, sizeof e->day, "%s", day ? day : "");
    snprintf(e->source_kind, sizeof e->source_kind, "%s", source_kind ? source_kind : "");
    e->source_id = source_id;
    snprintf(e->memo, sizeof e->memo, "%s", memo ? memo : "");
}

void journal_add(struct journal_entry *e, const char *account, const char *party, int64_t amount_fen)
{
    if (amount_fen == 0) return;
    if (!party) party = "";
    for (int i = 0; i < e->nlines; i++) {
        struct journal_line *l = &e->lines[i];
        if (strcmp(l->account, account) == 0 && strcmp(l->party, party) == 0) {
            l->amount_fen += amount_fen;
            return;
        }
    }
    if (e->nlines == JOURNAL_MAX_LINES) {
        e->overflow = true;
        return;
    }
    struct journal_line *l = &e->lines[e->nlines++];
    snprintf(l->account, sizeof l->account, "%s", account);
    snprintf(l->party, sizeof l->party, "%s", party);
    l->amount_fen = amount_fen;
}

void journal_add_id(struct journal_entry *e, const char *account, int64_t party_id,
                   int64_t amount_fen)
{
    char party[24] = "";
    if (party_id) snprintf(party, sizeof party, "%lld", (long long)party_id);
    journal_add(e, account, party, amount_fen);
}

static bool is_date(const char *d)
{
    if (strlen(d) != 10 || d[4] != '-' || d[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9')) return false;
    int m = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
    return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

enum journal_check journal_finish(struct journal_entry *e)
{
    if (e->overflow) return JOURNAL_TOO_MANY;
    int k = 0;
    for (int i = 0; i < e->nlines; i++)
        if (e->lines[i].amount_fen != 0) e->lines[k++] = e->lines[i];
    e->nlines = k;
    if (!is_date(e->day)) return JOURNAL_BAD_DAY;
    if (e->nlines < 2) return JOURNAL_EMPTY;
    /* Each amount is bounded by what a venue can hold (money.c caps parsed amounts far below
     * 2^62), so the sum of 48 of them cannot overflow. */
    int64_t sum = 0;
    for (int i = 0; i < e->nlines; i++) sum += e->lines[i].amount_fen;
    return sum == 0 ? JOURNAL_VALID : JOURNAL_UNBALANCED;
}

int64_t journal_debits(const struct journal_entry *e)
{
    int64_t d = 0;
    for (int i = 0; i < e->nlines; i++)
        if (e->lines[i].amount_fen > 0) d += e->lines[i].amount_fen;
    return d;
}

int64_t journal_amount(const struct journal_entry *e, const char *account, const char *party)
{
    if (!party) party = "";
    for (int i = 0; i < e->nlines; i++)
        if (strcmp(e->lines[i].account, account) == 0 && strcmp(e->lines[i].party, party) == 0)
            return e->lines[i].amount_fen;
    return 0;
}

void journal_reverse(const struct journal_entry *e, int64_t e_id, const char *day,
                    const char *memo, struct journal_entry *r)
{
    journal_begin(r, day, "reversal", 0, memo);
    r->reverses_id = e_id;
    for (int i = 0; i < e->nlines; i++)
        journal_add(r, e->lines[i].account, e->lines[i].party, -e->lines[i].amount_fen);
}
