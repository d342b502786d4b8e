/* test_books_demo.c: the demo venue's months in the books: every money event the generator
 * wrote posted exactly once, the trial balance zero, and the ledger's net sales equal to the
 * bills' own figures, computed here from the bills and refunds tables without the ledger. */
#include "api_client.h"
#include "harness.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[256], db_path[320];
static sqlite3 *db;

static int64_t q(const char *sql)
{
    sqlite3_stmt *st = NULL;
    int64_t v = -999999;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "query failed: %s: %s\n", sql, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return v;
}

static void every_event_posts_once(void)
{
    CHECK(q("SELECT count(*) FROM bills WHERE status = 'settled'") > 1000);
    /* Settled bills: one 'bill' entry each; imported-as-voided bills: none. */
    CHECK_INT(q("SELECT count(*) FROM bills b WHERE status = 'settled' AND (SELECT count(*) FROM "
                "journal_entries e WHERE e.source_kind = 'bill' AND e.source_id = b.id) <> 1"),
              0);
    CHECK_INT(q("SELECT count(*) FROM journal_entries e JOIN bills b ON b.id = e.source_id WHERE "
                "e.source_kind = 'bill' AND b.status <> 'settled'"),
              0);
    CHECK_INT(q("SELECT count(*) FROM bill_voids v WHERE (SELECT count(*) FROM journal_entries e "
                "WHERE e.source_kind = 'void' AND e.source_id = v.bill_id) <> 1"),
              0);
    CHECK_INT(q("SELECT count(*) FROM refunds r WHERE kind = 'refund' AND (SELECT count(*) FROM "
                "journal_entries e WHERE e.source_kind = 'refund' AND e.source_id = r.id) <> 1"),
              0);
    CHECK_INT(q("SELECT count(*) FROM shifts s WHERE (SELECT count(*) FROM journal_entries e "
                "WHERE e.source_kind = 'shift_open' AND e.source_id = s.id) <> 1"),
              0);
    CHECK_INT(q("SELECT count(*) FROM shift_cash_events c WHERE (SELECT count(*) FROM "
                "journal_entries e WHERE e.source_kind = 'shift_cash' AND e.source_id = c.id) <> 1"),
              0);
    CHECK_INT(q("SELECT count(*) FROM shifts s WHERE status <> 'open' AND difference_fen <> 0 AND "
                "(SELECT count(*) FROM journal_entries e WHERE e.source_kind = 'shift_close' AND "
                "e.source_id = s.id) <> 1"),
              0);
    /* Each entry dated on its event's business day. */
    CHECK_INT(q("SELECT count(*) FROM journal_entries e JOIN bills b ON b.id = e.source_id WHERE "
                "e.source_kind = 'bill' AND e.day <> b.business_day"),
              0);
}

static void the_books_balance(void)
{
    CHECK_INT(q("SELECT sum(amount_fen) FROM journal_lines"), 0);
    CHECK_INT(q("SELECT count(*) FROM journal_entries e WHERE (SELECT sum(amount_fen) FROM "
                "journal_lines l WHERE l.entry_id = e.id) <> 0"),
              0);
    CHECK_INT(q("SELECT sum(debit_fen - credit_fen) FROM account_day_totals"), 0);
    /* Each closed, reviewed shift that no later shift took over has handed its drawer in. */
    CHECK_INT(q("SELECT count(*) FROM shifts s WHERE status = 'reviewed' AND NOT EXISTS (SELECT 1 "
                "FROM shifts n WHERE n.previous_shift_id = s.id) AND (SELECT coalesce(sum(l.amount_fen), 0) "
                "FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE "
                "a.system_key = 'drawer' AND l.party = CAST(s.id AS TEXT)) <> 0"),
              0);
}

/* Sales in the books (revenue less discounts and refunds, before the group-buy platforms'
 * discount, which the bills count at the voucher's face value) equal the bills: the totals of
 * the bills not voided, less the refunds given on them. A voided bill nets to nothing. */
static void net_sales_agree_with_the_bills(void)
{
    int64_t books = q("SELECT -sum(l.amount_fen) FROM journal_lines l JOIN accounts a ON "
                      "a.id = l.account_id WHERE a.grp IN ('revenue','contra') AND "
                      "a.system_key IS NOT 'contra_groupbuy'");
    int64_t bills = q("SELECT sum(total_fen) FROM bills b WHERE status = 'settled' AND NOT EXISTS "
                      "(SELECT 1 FROM bill_voids v WHERE v.bill_id = b.id)");
    int64_t refunds = q("SELECT coalesce(sum(r.amount_fen), 0) FROM refunds r WHERE kind = 'refund' "
                        "AND NOT EXISTS (SELECT 1 FROM bill_voids v WHERE v.bill_id = r.bill_id)");
    /* The venue's own vouchers (platform "venue") are a discount in the books: their face,
     * less what of them was refunded, is not a sale. */
    int64_t own = q("SELECT coalesce(sum(p.amount_fen), 0) FROM bill_payments p JOIN bills b ON "
                    "b.id = p.bill_id WHERE p.method = 'voucher' AND p.platform = 'venue' AND "
                    "b.status = 'settled' AND NOT EXISTS (SELECT 1 FROM bill_voids v WHERE "
                    "v.bill_id = b.id)");
    int64_t own_back = q("SELECT coalesce(sum(r.amount_fen), 0) FROM refunds r JOIN bill_payments p "
                         "ON p.bill_id = r.bill_id AND p.seq = r.payment_seq WHERE r.kind = 'refund' "
                         "AND p.method = 'voucher' AND p.platform = 'venue' AND NOT EXISTS (SELECT 1 "
                         "FROM bill_voids v WHERE v.bill_id = r.bill_id)");
    CHECK(bills > 0);
    CHECK(own > 0);
    CHECK_INT(books, bills - refunds - (own - own_back));
    /* The same by business day, for every day. */
    CHECK_INT(q("SELECT count(*) FROM (SELECT l.day AS day, -sum(l.amount_fen) AS s FROM journal_lines l "
                "JOIN accounts a ON a.id = l.account_id JOIN journal_entries e ON e.id = l.entry_id "
                "WHERE a.grp IN ('revenue','contra') AND a.system_key IS NOT 'contra_groupbuy' AND "
                "e.source_kind = 'bill' GROUP BY l.day) x "
                "LEFT JOIN (SELECT b.business_day, sum(b.total_fen) - coalesce(sum((SELECT "
                "sum(p.amount_fen) FROM bill_payments p WHERE p.bill_id = b.id AND p.method = "
                "'voucher' AND p.platform = 'venue')), 0) AS t FROM bills b WHERE b.status = "
                "'settled' GROUP BY b.business_day) y ON y.business_day = x.day WHERE x.s IS NOT y.t"),
              0);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/ktv-books-XXXXXX");
    if (!mkdtemp(dir)) return 1;
    snprintf(db_path, sizeof db_path, "%s/demo.db", dir);
    char *out = NULL;
    int rc = run_cli(&out, "demo", "--db", db_path, "--days", "90", "--seed", "1", "--end-date",
                     "2026-03-31", NULL);
    if (rc != 0) fprintf(stderr, "demo exited %d:\n%s\n", rc, out ? out : "");
    CHECK_INT(rc, 0);
    CHECK(out && strstr(out, "books: ") != NULL);
    free(out);
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        printf("finance/books_demo: 0 passed, 1 failed\n");
        return 1;
    }
    RUN(every_event_posts_once);
    RUN(the_books_balance);
    RUN(net_sales_agree_with_the_bills);
    sqlite3_close(db);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return harness_finish("finance/books_demo");
}
