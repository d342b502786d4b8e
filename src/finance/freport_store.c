/* finance/freport_store.c: the SQL of the finance reports. It reads the books (accounts,
 * account_day_totals, journal lines) and the shifts; it writes nothing. The folding is in
 * freport.c; each function here streams rows into it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bizday.h"
#include "core/log.h"
#include "finance/freport.h"

static void copy(char *dst, size_t n, sqlite3_stmt *st, int col)
{
    snprintf(dst, n, "%s", db_col_text(st, col));
}

enum db_status fr_store_chart(struct db *db, int64_t venue_id, struct fr_chart *c)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, code, name, name_en, type, grp, party_kind, "
                                   "coalesce(system_key, ''), active FROM accounts "
                                   "WHERE venue_id = $1 ORDER BY sort_order, code, id");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", venue_id);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct fr_account a;
        memset(&a, 0, sizeof a);
        a.id = sqlite3_column_int64(st, 0);
        copy(a.code, sizeof a.code, st, 1);
        copy(a.name, sizeof a.name, st, 2);
        copy(a.name_en, sizeof a.name_en, st, 3);
        copy(a.type, sizeof a.type, st, 4);
        int g = fr_grp_of(db_col_text(st, 5));
        a.grp = g < 0 ? FR_SUSPENSE : (enum fr_grp)g; /* the schema's CHECK keeps g known */
        copy(a.party_kind, sizeof a.party_kind, st, 6);
        copy(a.key, sizeof a.key, st, 7);
        a.active = sqlite3_column_int(st, 8) != 0;
        if (!fr_chart_add(c, &a)) s = DB_ERROR;
    }
    sqlite3_reset(st);
    if (s == DB_OK && !fr_chart_finish(c)) s = DB_ERROR;
    return s;
}

enum db_status fr_store_ledger(struct db *db, int64_t venue_id, struct fr_ledger *l)
{
    if (l->nperiods == 0) return DB_OK;
    char from[11], to[11];
    date_format(l->periods[0].from, from);
    date_format(l->periods[l->nperiods - 1].to, to);
    /* Everything before the range is one opening per account. */
    sqlite3_stmt *st = db_stmt(db, "SELECT account_id, sum(debit_fen), sum(credit_fen) "
                                   "FROM account_day_totals WHERE venue_id = $1 AND day < $2 "
                                   "GROUP BY account_id");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "it", venue_id, from);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row)
        fr_ledger_add(l, sqlite3_column_int64(st, 0), l->periods[0].from - 1,
                      sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
    sqlite3_reset(st);
    if (s != DB_OK) return s;

    st = db_stmt(db, "SELECT account_id, day, debit_fen, credit_fen FROM account_day_totals "
                     "WHERE venue_id = $1 AND day BETWEEN $2 AND $3");
    if (!st) return DB_ERROR;
    s = db_bind(st, "itt", venue_id, from, to);
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        int64_t day = 0;
        if (!date_parse(db_col_text(st, 1), &day)) {
            /* The journal's trigger copies the entry's day, which journal_finish checked. */
            log_error("finance reports: account_day_totals holds day '%s'", db_col_text(st, 1));
            l->unknown_lines++;
            continue;
        }
        fr_ledger_add(l, sqlite3_column_int64(st, 0), day, sqlite3_column_int64(st, 2),
                      sqlite3_column_int64(st, 3));
    }
    sqlite3_reset(st);
    return s;
}

/* An entry has at most 64 lines (journal_entries.line_count CHECK). */
#define ENTRY_MAX_LINES 64

enum db_status fr_store_cashflow(struct db *db, int64_t venue_id, struct fr_cashflow *cf)
{
    const struct fr_ledger *l = cf->ledger;
    if (l->nperiods == 0) return DB_OK;
    char from[11], to[11];
    date_format(l->periods[0].from, from);
    date_format(l->periods[l->nperiods - 1].to, to);
    /* The day index of the entries gives them in day and id order; their lines follow. */
    sqlite3_stmt *st = db_stmt(db, "SELECT e.id, e.day, l.account_id, l.amount_fen "
                                   "FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id "
                                   "WHERE e.venue_id = $1 AND e.day BETWEEN $2 AND $3 "
                                   "ORDER BY e.day, e.id, l.line_no");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "itt", venue_id, from, to);
    struct fr_line lines[ENTRY_MAX_LINES];
    size_t n = 0;
    bool row = false, overflow = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        int64_t entry = sqlite3_column_int64(st, 0);
        if (n > 0 && lines[0].entry_id != entry) {
            if (overflow) cf->unattributed++;
            else fr_cashflow_add_entry(cf, lines, n);
            n = 0;
            overflow = false;
        }
        if (n == ENTRY_MAX_LINES) {
            overflow = true;
            continue;
        }
        int64_t day = 0;
        if (!date_parse(db_col_text(st, 1), &day)) overflow = true;
        lines[n++] = (struct fr_line){entry, day, sqlite3_column_int64(st, 2),
                                      sqlite3_column_int64(st, 3)};
    }
    sqlite3_reset(st);
    if (s == DB_OK && n > 0) {
        if (overflow) cf->unattributed++;
        else fr_cashflow_add_entry(cf, lines, n);
    }
    if (cf->unattributed)
        log_error("finance reports: %lld entries of venue %lld could not be read for the cash flow",
                  (long long)cf->unattributed, (long long)venue_id);
    return s;
}

static enum db_status account_of_key(struct db *db, int64_t venue_id, const char *key, int64_t *id)
{
    enum db_status s = db_int(db, id, "SELECT id FROM accounts WHERE venue_id = $1 AND "
                                      "system_key = $2",
                              "it", venue_id, key);
    if (s == DB_NOT_FOUND) *id = 0, s = DB_OK;
    return s;
}

enum db_status fr_store_party_balances(struct db *db, int64_t venue_id, const char *key,
                                       int64_t day, struct fr_party_balance **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int64_t account = 0;
    enum db_status s = account_of_key(db, venue_id, key, &account);
    if (s != DB_OK || !account) return s;
    char d[11];
    date_format(day, d);
    sqlite3_stmt *st = db_stmt(db, "SELECT party, sum(amount_fen) AS b FROM journal_lines "
                                   "WHERE account_id = $1 AND day <= $2 GROUP BY party "
                                   "HAVING b <> 0 ORDER BY b DESC, party");
    if (!st) return DB_ERROR;
    s = db_bind(st, "it", account, d);
    size_t cap = 0;
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            struct fr_party_balance *grown = realloc(*out, cap * sizeof *grown);
            if (!grown) {
                s = DB_ERROR;
                break;
            }
            *out = grown;
        }
        struct fr_party_balance *b = &(*out)[(*n)++];
        copy(b->party, sizeof b->party, st, 0);
        b->balance_fen = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (s != DB_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return s;
}

enum db_status fr_store_overshort(struct db *db, int64_t venue_id, int64_t from, int64_t to,
                                  struct fr_overshort *o)
{
    char f[11], t[11];
    date_format(from, f);
    date_format(to, t);
    /* Every closed shift counts (an even one too: the share of shifts that balance is what a
     * manager asks first); a shift still open has no difference yet. */
    sqlite3_stmt *st = db_stmt(db, "SELECT cashier, substr(business_day, 1, 7), "
                                   "coalesce(difference_fen, 0) FROM shifts WHERE venue_id = $1 "
                                   "AND status IN ('closed','reviewed') "
                                   "AND business_day BETWEEN $2 AND $3");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "itt", venue_id, f, t);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row)
        if (!fr_overshort_add(o, db_col_text(st, 0), db_col_text(st, 1),
                              sqlite3_column_int64(st, 2)))
            s = DB_ERROR;
    sqlite3_reset(st);
    /* What each cashier still owes: the cashier receivable (短款应收) by cashier at the end. */
    struct fr_party_balance *owed = NULL;
    size_t n = 0;
    if (s == DB_OK) s = fr_store_party_balances(db, venue_id, "ar_cashier", to, &owed, &n);
    for (size_t i = 0; s == DB_OK && i < n; i++)
        if (!fr_overshort_owed(o, owed[i].party, owed[i].balance_fen)) s = DB_ERROR;
    free(owed);
    if (s == DB_OK && !fr_overshort_finish(o)) s = DB_ERROR;
    return s;
}

/* A column name as the schema spells it: lower-case letters, digits and '_' only, so it may be
 * written into the text of a statement. */
static bool plain_name(const char *s)
{
    if (!*s || strlen(s) > 40) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) return false;
    return true;
}

enum db_status fr_store_petty_imprest(struct db *db, int64_t venue_id, bool *found,
                                      int64_t *imprest_fen, int64_t *funds)
{
    *found = false;
    *imprest_fen = 0;
    *funds = 0;
    /* The petty cash area keeps its funds in petty_funds. This report reads the table only if
     * it is there, and finds its columns by name: a database from before it has only the
     * ledger's balances. */
    int64_t tables = 0;
    enum db_status s = db_int(db, &tables, "SELECT count(*) FROM sqlite_master WHERE "
                                           "type = 'table' AND name = 'petty_funds'",
                              "");
    if (s != DB_OK || tables == 0) return s;
    sqlite3_stmt *st = db_stmt(db, "SELECT name FROM pragma_table_info('petty_funds')");
    if (!st) return DB_ERROR;
    char imprest[48] = "";
    bool has_venue = false, has_active = false, has_status = false;
    bool row = false;
    while ((s = db_step(st, &row)) == DB_OK && row) {
        const char *c = db_col_text(st, 0);
        if (strcmp(c, "venue_id") == 0) has_venue = true;
        else if (strcmp(c, "active") == 0) has_active = true;
        else if (strcmp(c, "status") == 0) has_status = true;
        else if (!imprest[0] && strstr(c, "imprest") && plain_name(c))
            snprintf(imprest, sizeof imprest, "%s", c);
    }
    sqlite3_reset(st);
    if (s != DB_OK || !has_venue || !imprest[0]) return s;
    char sql[320];
    snprintf(sql, sizeof sql,
             "SELECT coalesce(sum(%s), 0), count(*) FROM petty_funds WHERE venue_id = ?1%s%s",
             imprest, has_active ? " AND active = 1" : "",
             has_status ? " AND status NOT IN ('closed','inactive')" : "");
    /* Built at run time from the schema: prepared here and finalized, not cached. */
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db_handle(db), sql, -1, &q, NULL) != SQLITE_OK) {
        log_error("finance reports: petty_funds cannot be read: %s", db_errmsg(db));
        sqlite3_finalize(q);
        return DB_OK; /* show the ledger's balances alone */
    }
    sqlite3_bind_int64(q, 1, venue_id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *imprest_fen = sqlite3_column_int64(q, 0);
        *funds = sqlite3_column_int64(q, 1);
        *found = *funds > 0;
        s = DB_OK;
    } else {
        s = db_status_of(rc);
    }
    sqlite3_finalize(q);
    return s;
}

enum db_status fr_store_sv_movements(struct db *db, int64_t venue_id, int64_t from, int64_t to,
                                     struct fr_sv_movement **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    char f[11], t[11];
    date_format(from, f);
    date_format(to, t);
    sqlite3_stmt *st = db_stmt(
        db, "SELECT coalesce(a.system_key, a.code), e.source_kind, "
            "sum(CASE WHEN l.amount_fen < 0 THEN -l.amount_fen ELSE 0 END), "
            "sum(CASE WHEN l.amount_fen > 0 THEN l.amount_fen ELSE 0 END), count(DISTINCT e.id) "
            "FROM accounts a JOIN journal_lines l ON l.venue_id = a.venue_id AND l.account_id = a.id "
            "JOIN journal_entries e ON e.id = l.entry_id "
            "WHERE a.venue_id = $1 AND a.grp = 'stored_value' AND l.day BETWEEN $2 AND $3 "
            "GROUP BY a.id, e.source_kind ORDER BY a.sort_order, a.code, e.source_kind");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "itt", venue_id, f, t);
    size_t cap = 0;
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            struct fr_sv_movement *grown = realloc(*out, cap * sizeof *grown);
            if (!grown) {
                s = DB_ERROR;
                break;
            }
            *out = grown;
        }
        struct fr_sv_movement *m = &(*out)[(*n)++];
        memset(m, 0, sizeof *m);
        copy(m->key, sizeof m->key, st, 0);
        copy(m->source_kind, sizeof m->source_kind, st, 1);
        m->increase_fen = sqlite3_column_int64(st, 2);
        m->decrease_fen = sqlite3_column_int64(st, 3);
        m->entries = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    if (s != DB_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return s;
}
