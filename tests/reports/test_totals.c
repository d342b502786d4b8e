/* test_totals.c: the per-day totals the reports and the bill list read (sql/005_report_totals)
 * agree with the bills, payments and lines they sum: kept by the triggers as bills are written
 * (and if a bill row is ever updated), and summed once by the migration over a database that
 * already had bills. The reports over them give the figures the joins gave. */
#include "core/bizday.h"
#include "core/db.h"
#include "harness.h"
#include "reports/store.h"
#include "sales/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char path[128];

/* Each query returns the rows of a totals table that the same grouping over the base tables
 * does not give, plus the converse: 0 when the table is exactly the sums. */
static const char sql_report_diff[] =
    "SELECT count(*) FROM ("
    "SELECT venue_id, business_day, status, cashier, room_type, open_hour, "
    "CASE WHEN open_hour + (opened_at % 3600 + closed_at - opened_at) / 3600 >= 24 THEN 1 "
    "ELSE 0 END, count(*), sum(gross_fen), sum(discount_fen), sum(service_fen), "
    "sum(total_fen) FROM bills GROUP BY 1, 2, 3, 4, 5, 6, 7 "
    "EXCEPT SELECT venue_id, business_day, status, cashier, room_type, open_hour, crosses, "
    "bills, gross_fen, discount_fen, service_fen, total_fen FROM bill_report_totals)";
static const char sql_report_diff_back[] =
    "SELECT count(*) FROM ("
    "SELECT venue_id, business_day, status, cashier, room_type, open_hour, crosses, "
    "bills, gross_fen, discount_fen, service_fen, total_fen FROM bill_report_totals EXCEPT "
    "SELECT venue_id, business_day, status, cashier, room_type, open_hour, "
    "CASE WHEN open_hour + (opened_at % 3600 + closed_at - opened_at) / 3600 >= 24 THEN 1 "
    "ELSE 0 END, count(*), sum(gross_fen), sum(discount_fen), sum(service_fen), "
    "sum(total_fen) FROM bills GROUP BY 1, 2, 3, 4, 5, 6, 7)";
/* Payments, and the bills counted once per method (with their totals). */
#define PAYMENT_JOIN                                                                             \
    "SELECT b.venue_id, b.business_day, b.status, b.cashier, p.method, count(*), "             \
    "sum(p.amount_fen), count(DISTINCT b.id), "                                                 \
    "(SELECT sum(x.total_fen) FROM bills x WHERE x.venue_id = b.venue_id AND "                 \
    "x.business_day = b.business_day AND x.status = b.status AND x.cashier = b.cashier AND "   \
    "EXISTS (SELECT 1 FROM bill_payments y WHERE y.bill_id = x.id AND y.method = p.method)) "  \
    "FROM bills b JOIN bill_payments p ON p.bill_id = b.id GROUP BY 1, 2, 3, 4, 5"
#define PAYMENT_TOTALS                                                                           \
    "SELECT venue_id, business_day, status, cashier, method, payments, amount_fen, bills, "    \
    "bills_total_fen FROM bill_payment_totals"
static const char sql_payment_diff[] =
    "SELECT count(*) FROM (" PAYMENT_JOIN " EXCEPT " PAYMENT_TOTALS ")";
static const char sql_payment_diff_back[] =
    "SELECT count(*) FROM (" PAYMENT_TOTALS " EXCEPT " PAYMENT_JOIN ")";
#define ITEM_JOIN                                                                                \
    "SELECT b.venue_id, b.business_day, b.status, l.kind, l.item, sum(l.qty), "                \
    "coalesce(sum(coalesce(l.amount_fen, l.qty * l.unit_price_fen)), 0), count(*), "           \
    "count(coalesce(l.amount_fen, l.qty * l.unit_price_fen)) FROM bills b JOIN bill_lines l "   \
    "ON l.bill_id = b.id WHERE l.kind IN ('goods', 'package') GROUP BY 1, 2, 3, 4, 5"
#define ITEM_TOTALS                                                                              \
    "SELECT venue_id, business_day, status, kind, item, qty, revenue_fen, lines, priced_lines " \
    "FROM bill_item_totals"
static const char sql_item_diff[] = "SELECT count(*) FROM (" ITEM_JOIN " EXCEPT " ITEM_TOTALS ")";
static const char sql_item_diff_back[] =
    "SELECT count(*) FROM (" ITEM_TOTALS " EXCEPT " ITEM_JOIN ")";

/* Checks every totals table against its base tables, and that there is something to compare. */
static void check_totals_agree(struct db *db, const char *when)
{
    static const char *const diffs[] = {sql_report_diff, sql_report_diff_back, sql_payment_diff,
                                        sql_payment_diff_back, sql_item_diff, sql_item_diff_back};
    for (size_t i = 0; i < sizeof diffs / sizeof *diffs; i++) {
        int64_t n = -1;
        CHECK(db_int(db, &n, diffs[i], "") == DB_OK);
        if (n != 0) harness_fail(__FILE__, __LINE__, "%s: diff %zu has %lld rows", when, i, (long long)n);
    }
    int64_t rows = 0;
    CHECK(db_int(db, &rows, "SELECT count(*) FROM bill_item_totals", "") == DB_OK);
    CHECK(rows > 10);
}

/* A deterministic pseudo-random sequence (the same bills every run). */
static uint64_t seed = 88172645463325252ull;
static uint32_t next(uint32_t n)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint32_t)(seed % n);
}

/* Writes count bills numbered from first over 20 business days from 2025-03-01: settled and
 * voided, several cashiers and room types, openings late in the evening (many cross
 * midnight), one to three payments (a method sometimes twice), goods and package lines with
 * and without prices. */
static bool write_bills(struct db *db, const struct tz *tz, int first, int count)
{
    static const char *const cashiers[] = {"张三", "李四", "王五"};
    static const char *const types[] = {"小包", "中包", "大包"};
    static const char *const methods[] = {"cash", "wechat", "alipay", "member"};
    static const char *const goods[] = {"啤酒", "果盘", "爆米花", "矿泉水"};
    if (db_begin_write(db) != DB_OK) return false;
    for (int i = first; i < first + count; i++) {
        struct bill b;
        memset(&b, 0, sizeof b);
        snprintf(b.bill_no, sizeof b.bill_no, "T%06d", i);
        snprintf(b.room_no, sizeof b.room_no, "%u", 800 + next(12));
        snprintf(b.room_type, sizeof b.room_type, "%s", types[next(3)]);
        snprintf(b.status, sizeof b.status, "%s", next(10) == 0 ? "voided" : "settled");
        snprintf(b.cashier, sizeof b.cashier, "%s", cashiers[next(3)]);
        snprintf(b.source, sizeof b.source, "pos");
        struct civil open = {.year = 2025, .month = 3, .day = 1 + (int)next(20),
                             .hour = 18 + (int)next(6), .minute = (int)next(60)};
        b.opened_at = tz_from_local(tz, &open);
        b.closed_at = b.opened_at + 1800 + next(6 * 3600);
        struct bill_line lines[3];
        memset(lines, 0, sizeof lines);
        int64_t goods_sum = 0;
        b.nlines = (int)next(4);
        for (int k = 0; k < b.nlines; k++) {
            struct bill_line *l = &lines[k];
            l->line_no = k + 1;
            bool package = next(4) == 0;
            snprintf(l->kind, sizeof l->kind, "%s", package ? "package" : "goods");
            snprintf(l->item, sizeof l->item, "%s", package ? "欢唱套餐" : goods[next(4)]);
            l->qty = 1 + next(5);
            switch (next(3)) {
            case 0: break; /* neither price nor amount (the legacy data) */
            case 1:
                l->has_unit_price = true;
                l->unit_price_fen = 500 + next(3000);
                goods_sum += l->qty * l->unit_price_fen;
                break;
            default:
                l->has_amount = true;
                l->amount_fen = 1000 + next(10000);
                goods_sum += l->amount_fen;
            }
        }
        b.lines = lines;
        b.gross_fen = 10000 + goods_sum + next(20000);
        b.discount_fen = next(3) == 0 ? next(1000) : 0;
        b.total_fen = b.gross_fen - b.discount_fen;
        struct bill_payment pays[3];
        memset(pays, 0, sizeof pays);
        b.npayments = 1 + (int)next(3);
        int64_t left = b.total_fen;
        for (int k = 0; k < b.npayments; k++) {
            snprintf(pays[k].method, sizeof pays[k].method, "%s", methods[next(4)]);
            pays[k].amount_fen = k == b.npayments - 1 ? left : left / 2;
            left -= pays[k].amount_fen;
        }
        b.payments = pays;
        if (bill_insert(db, 1, tz, 360, &b) != DB_OK) {
            fprintf(stderr, "write_bills: %s: %s\n", b.bill_no, db_errmsg(db));
            db_rollback(db);
            return false;
        }
    }
    return db_commit(db) == DB_OK;
}

/* The takings and sales of March through the joins of the bills (what the reports read before
 * sql/005), for comparison with the reports over the totals. */
static int64_t joined(struct db *db, const char *sql)
{
    int64_t v = -1;
    CHECK(db_int(db, &v, sql, "") == DB_OK);
    return v;
}

static void check_reports(struct db *db, const struct tz *tz)
{
    int64_t from = 0, to = 0;
    CHECK(date_parse("2025-03-01", &from));
    CHECK(date_parse("2025-03-31", &to));
    struct takings_report t;
    CHECK(takings_report_load(db, 1, from, to, &t) == DB_OK);
    CHECK_INT(t.total.bills_settled,
              joined(db, "SELECT count(*) FROM bills WHERE status = 'settled'"));
    CHECK_INT(t.total.net_fen,
              joined(db, "SELECT sum(total_fen) FROM bills WHERE status = 'settled'"));
    CHECK_INT(t.total.voided_fen,
              joined(db, "SELECT sum(total_fen) FROM bills WHERE status = 'voided'"));
    int cash = takings_method_index("cash");
    CHECK_INT(t.total.method_fen[cash],
              joined(db, "SELECT sum(p.amount_fen) FROM bills b JOIN bill_payments p ON "
                         "p.bill_id = b.id WHERE b.status = 'settled' AND p.method = 'cash'"));
    CHECK_INT(t.total.method_count[cash],
              joined(db, "SELECT count(*) FROM bills b JOIN bill_payments p ON "
                         "p.bill_id = b.id WHERE b.status = 'settled' AND p.method = 'cash'"));
    takings_report_free(&t);

    struct sales_report s;
    CHECK(sales_report_load(db, 1, tz, from, to, &s) == DB_OK);
    CHECK_INT(s.total.bills, joined(db, "SELECT count(*) FROM bills WHERE status = 'settled'"));
    /* The midnight rule with the zone's offset (Asia/Shanghai, +8 h), as the bill scan had it. */
    CHECK_INT(s.total.crossing_midnight,
              joined(db, "SELECT sum(CASE WHEN (closed_at + 28800) / 86400 > "
                         "(opened_at + 28800) / 86400 THEN 1 ELSE 0 END) FROM bills "
                         "WHERE status = 'settled'"));
    int64_t qty = 0, lines = 0, priced = 0, revenue = 0;
    for (size_t i = 0; i < s.ngoods; i++) {
        qty += s.goods[i].qty;
        lines += s.goods[i].lines;
        priced += s.goods[i].priced_lines;
        revenue += s.goods[i].revenue_fen;
    }
    CHECK_INT(qty, joined(db, "SELECT sum(l.qty) FROM bills b JOIN bill_lines l ON l.bill_id = "
                              "b.id WHERE b.status = 'settled' AND l.kind = 'goods'"));
    CHECK_INT(lines, joined(db, "SELECT count(*) FROM bills b JOIN bill_lines l ON l.bill_id = "
                                "b.id WHERE b.status = 'settled' AND l.kind = 'goods'"));
    CHECK_INT(priced, joined(db, "SELECT count(coalesce(l.amount_fen, l.qty * "
                                 "l.unit_price_fen)) FROM bills b JOIN bill_lines l ON "
                                 "l.bill_id = b.id WHERE b.status = 'settled' AND "
                                 "l.kind = 'goods'"));
    CHECK_INT(revenue, joined(db, "SELECT sum(coalesce(l.amount_fen, l.qty * "
                                  "l.unit_price_fen)) FROM bills b JOIN bill_lines l ON "
                                  "l.bill_id = b.id WHERE b.status = 'settled' AND "
                                  "l.kind = 'goods'"));
    sales_report_free(&s);
}

/* The bill list's count and settled sum, from each of its sources, against a count of the
 * bills themselves. */
static void check_list_counts(struct db *db)
{
    struct {
        const char *status, *method, *cashier, *room, *where;
    } cases[] = {
        {"", "", "", "", "1"},
        {"voided", "", "", "", "status = 'voided'"},
        {"", "wechat", "", "",
         "EXISTS (SELECT 1 FROM bill_payments p WHERE p.bill_id = b.id AND p.method = 'wechat')"},
        {"settled", "cash", "李四", "",
         "status = 'settled' AND cashier = '李四' AND EXISTS (SELECT 1 FROM bill_payments p "
         "WHERE p.bill_id = b.id AND p.method = 'cash')"},
        {"", "", "王五", "", "cashier = '王五'"},
        {"settled", "", "", "803", "status = 'settled' AND room_no = '803'"},
        {"", "", "", "nosuchroom", "0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct bill_filter f;
        memset(&f, 0, sizeof f);
        f.from_day = "2025-03-01";
        f.to_day = "2025-03-31";
        f.status = cases[i].status;
        f.method = cases[i].method;
        f.cashier = cases[i].cashier;
        f.room_no = cases[i].room;
        f.limit = 50;
        int64_t count = -1, sum = -1;
        CHECK(bill_list(db, 1, &f, &count, &sum, NULL, NULL) == DB_OK);
        /* Test-only SQL built from the fixed conditions above (never from input). The
         * statement cache keys on addresses, so these one-off texts go through sqlite3 here. */
        char sql[600];
        snprintf(sql, sizeof sql,
                 "SELECT count(*), coalesce(sum(CASE WHEN status = 'settled' THEN total_fen END), "
                 "0) FROM bills b WHERE %s",
                 cases[i].where);
        sqlite3_stmt *st = NULL;
        CHECK(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK);
        CHECK(st && sqlite3_step(st) == SQLITE_ROW);
        int64_t want = st ? sqlite3_column_int64(st, 0) : -2;
        int64_t want_sum = st ? sqlite3_column_int64(st, 1) : -2;
        sqlite3_finalize(st);
        if (count != want || sum != want_sum)
            harness_fail(__FILE__, __LINE__, "list case %zu: count %lld sum %lld, expected %lld %lld",
                         i, (long long)count, (long long)sum, (long long)want, (long long)want_sum);
        CHECK(want > 0 || i == sizeof cases / sizeof *cases - 1);
    }
}

static struct db *open_fresh(void)
{
    snprintf(dir, sizeof dir, "/tmp/ktv-totals-XXXXXX");
    if (!mkdtemp(dir)) return NULL;
    snprintf(path, sizeof path, "%s/t.db", dir);
    struct db *db = db_open(path);
    if (db && db_migrate(db) == DB_OK &&
        db_exec(db, "INSERT INTO venue(id, name, created_at, updated_at) VALUES (1, $1, 0, 0)",
                "t", "测试门店") == DB_OK)
        return db;
    db_close(db);
    return NULL;
}

static void cleanup(struct db *db)
{
    db_close(db);
    char p[160];
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* Bills written after the migration: the triggers keep the totals. */
static void triggers_keep_the_totals(void)
{
    struct db *db = open_fresh();
    struct tz *tz = tz_load("Asia/Shanghai");
    CHECK(db && tz);
    if (!db || !tz) goto out;
    CHECK(write_bills(db, tz, 1, 400));
    check_totals_agree(db, "after insert");
    check_reports(db, tz);
    check_list_counts(db);
    /* Bills are never edited by the product, but the totals follow if a row is (as
     * bill_day_totals does): a settled bill becomes voided, another moves to another cashier. */
    CHECK(db_exec(db, "UPDATE bills SET status = 'voided' WHERE bill_no = 'T000007'", "") ==
          DB_OK);
    CHECK(db_exec(db, "UPDATE bills SET cashier = '新人' WHERE bill_no = 'T000011'", "") ==
          DB_OK);
    check_totals_agree(db, "after update");
    int64_t empty = -1;
    CHECK(db_int(db, &empty,
                 "SELECT (SELECT count(*) FROM bill_report_totals WHERE bills = 0) + "
                 "(SELECT count(*) FROM bill_payment_totals WHERE payments = 0) + "
                 "(SELECT count(*) FROM bill_item_totals WHERE lines = 0)",
                 "") == DB_OK);
    CHECK_INT(empty, 0);
out:
    tz_free(tz);
    cleanup(db);
}

/* A database that had bills before sql/005: the migration sums them once. Simulated by taking
 * 005's tables and triggers away again and forgetting it was applied. */
static void migration_sums_existing_bills(void)
{
    struct db *db = open_fresh();
    struct tz *tz = tz_load("Asia/Shanghai");
    CHECK(db && tz);
    if (!db || !tz) goto out;
    CHECK(write_bills(db, tz, 1, 300));
    sqlite3 *h = db_handle(db);
    CHECK(sqlite3_exec(h,
                       "DROP TRIGGER bill_report_totals_insert; "
                       "DROP TRIGGER bill_payment_totals_insert; "
                       "DROP TRIGGER bill_item_totals_insert; "
                       "DROP TRIGGER bill_report_totals_update; "
                       "DROP TRIGGER bill_payment_totals_update; "
                       "DROP TRIGGER bill_item_totals_update; "
                       "DROP TABLE bill_report_totals; DROP TABLE bill_payment_totals; "
                       "DROP TABLE bill_item_totals; "
                       "DELETE FROM schema_version WHERE version = 5;",
                       NULL, NULL, NULL) == SQLITE_OK);
    /* More bills while the totals do not exist (an older binary writing). */
    CHECK(write_bills(db, tz, 301, 100));
    db_close(db);
    db = db_open(path);
    CHECK(db && db_migrate(db) == DB_OK);
    if (!db) goto out;
    int64_t applied = 0;
    CHECK(db_int(db, &applied, "SELECT count(*) FROM schema_version WHERE version = 5", "") ==
          DB_OK);
    CHECK_INT(applied, 1);
    check_totals_agree(db, "after backfill");
    check_reports(db, tz);
    /* And the triggers keep them from there. */
    CHECK(write_bills(db, tz, 401, 50));
    check_totals_agree(db, "after backfill and insert");
    check_list_counts(db);
out:
    tz_free(tz);
    cleanup(db);
}

int main(void)
{
    RUN(triggers_keep_the_totals);
    RUN(migration_sums_existing_bills);
    return harness_finish("reports/totals");
}
