/* reports/store.c: the SQL of the reports (see store.h).
 *
 * Each query reads the business days from..to of one venue from the per-day totals tables
 * (sql/005_report_totals.sql, keyed by venue and business day first) and returns sums per
 * business day and a small number of other keys (cashier, room type, opening hour, payment
 * method): a few thousand rows for a year. Sums are
 * over INTEGER columns, so they stay integers in SQLite and in PostgreSQL (bigint). The pure
 * rules then place the rows on the calendar and fold them.
 *
 * Front-desk voids (bill_voids) and refunds (refunds) are their own records, rare, read whole
 * and joined to their bills by id: the takings show them on the day they happened, the sales
 * summary takes voided bills out of their day (rows added with a minus sign).
 *
 * The bills, their payments and their goods and package lines are read from the per-day totals
 * that triggers keep (sql/005_report_totals.sql), grouped by the keys the reports group by:
 * a year of 1,000,000 bills is about 100,000 such rows, read in well under 0.2 s of CPU, where
 * the joins of every bill to its payments and lines took 3 to 25 s. */
#include "reports/store.h"

#include "core/log.h"

#include <stdlib.h>
#include <string.h>

/* A growable array of fixed-size rows (the sparse rows before they are folded). */
struct rows {
    void *items;
    size_t n, cap, size;
};

/* A zeroed new row at the end, or NULL when memory runs out. */
static void *rows_push(struct rows *r)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        void *p = realloc(r->items, cap * r->size);
        if (!p) return NULL;
        r->items = p;
        r->cap = cap;
    }
    void *row = (char *)r->items + r->n++ * r->size;
    memset(row, 0, r->size);
    return row;
}

/* Reads a business_day column; false (logged: our bug or a damaged row) if it is not a date. */
static bool col_day(sqlite3_stmt *st, int col, int64_t *day)
{
    const char *s = db_col_text(st, col);
    if (date_parse(s, day)) return true;
    log_error("reports: a bill has business_day '%s', not a date", s);
    return false;
}

/* ---- takings ---- */

/* Settled and voided bills per business day, cashier and room type, from the totals kept per
 * day (bill_report_totals, whose finer keys opening hour and midnight are summed away). The
 * status split is done with CASE inside the sums so that one pass serves both. */
static const char sql_takings_bills[] =
    "SELECT business_day, cashier, room_type, "
    "SUM(CASE WHEN status = 'settled' THEN bills ELSE 0 END), "
    "SUM(CASE WHEN status = 'voided' THEN bills ELSE 0 END), "
    "SUM(CASE WHEN status = 'settled' THEN gross_fen ELSE 0 END), "
    "SUM(CASE WHEN status = 'settled' THEN discount_fen ELSE 0 END), "
    "SUM(CASE WHEN status = 'settled' THEN service_fen ELSE 0 END), "
    "SUM(CASE WHEN status = 'settled' THEN total_fen ELSE 0 END), "
    "SUM(CASE WHEN status = 'voided' THEN total_fen ELSE 0 END) "
    "FROM bill_report_totals WHERE venue_id = $1 AND business_day BETWEEN $2 AND $3 "
    "GROUP BY business_day, cashier, room_type";

/* Payments of settled bills per business day, cashier and method (bill_payment_totals). */
static const char sql_takings_payments[] =
    "SELECT business_day, cashier, method, SUM(amount_fen), SUM(payments) "
    "FROM bill_payment_totals "
    "WHERE venue_id = $1 AND business_day BETWEEN $2 AND $3 AND status = 'settled' "
    "GROUP BY business_day, cashier, method";

/* Voids made at the front desk (bill_voids; the bill row stays 'settled'), on the business day
 * of the void. Voids and refunds are rare, so these two read their small tables whole and
 * reach each bill by its id: CROSS JOIN fixes that order in SQLite and is plain SQL elsewhere. */
static const char sql_takings_voids[] =
    "SELECT v.business_day, b.cashier, b.room_type, COUNT(*), SUM(b.total_fen) "
    "FROM bill_voids v CROSS JOIN bills b "
    "WHERE b.id = v.bill_id AND b.venue_id = $1 AND v.business_day BETWEEN $2 AND $3 "
    "AND b.status = 'settled' "
    "GROUP BY v.business_day, b.cashier, b.room_type";

/* Money given back (refunds, and the refunds of voids) by method, on the business day it was
 * given back, credited to the bill's cashier. */
static const char sql_takings_refunds[] =
    "SELECT r.business_day, b.cashier, r.method, SUM(r.amount_fen), COUNT(*) "
    "FROM refunds r CROSS JOIN bills b "
    "WHERE b.id = r.bill_id AND r.venue_id = $1 AND r.business_day BETWEEN $2 AND $3 "
    "GROUP BY r.business_day, b.cashier, r.method";

static enum db_status takings_read(struct db *db, int64_t venue_id, const char *from,
                                   const char *to, struct rows *day_rows, struct takings_report *r)
{
    bool row = false;
    sqlite3_stmt *st = db_stmt(db, sql_takings_bills);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "itt", venue_id, from, to);
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct takings_day *d = rows_push(day_rows);
        if (!d || !col_day(st, 0, &d->day)) {
            s = DB_ERROR;
            break;
        }
        d->f.bills_settled = sqlite3_column_int64(st, 3);
        d->f.bills_voided = sqlite3_column_int64(st, 4);
        d->f.gross_fen = sqlite3_column_int64(st, 5);
        d->f.discount_fen = sqlite3_column_int64(st, 6);
        d->f.service_fen = sqlite3_column_int64(st, 7);
        d->f.net_fen = sqlite3_column_int64(st, 8);
        d->f.voided_fen = sqlite3_column_int64(st, 9);
        struct takings_group *c = takings_group_get(&r->cashiers, db_col_text(st, 1));
        struct takings_group *t = c ? takings_group_get(&r->room_types, db_col_text(st, 2)) : NULL;
        if (!c || !t) {
            s = DB_ERROR;
            break;
        }
        /* t was looked up after c, but in another list: both pointers are valid here. */
        takings_add(&c->f, &d->f);
        takings_add(&t->f, &d->f);
    }
    sqlite3_reset(st);
    if (s != DB_OK) return s;

    st = db_stmt(db, sql_takings_payments);
    if (!st) return DB_ERROR;
    s = db_bind(st, "itt", venue_id, from, to);
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct takings_day *d = rows_push(day_rows);
        if (!d || !col_day(st, 0, &d->day)) {
            s = DB_ERROR;
            break;
        }
        int m = takings_method_index(db_col_text(st, 2));
        d->f.method_fen[m] = sqlite3_column_int64(st, 3);
        d->f.method_count[m] = sqlite3_column_int64(st, 4);
        struct takings_group *c = takings_group_get(&r->cashiers, db_col_text(st, 1));
        if (!c) {
            s = DB_ERROR;
            break;
        }
        takings_add(&c->f, &d->f);
    }
    sqlite3_reset(st);
    if (s != DB_OK) return s;

    st = db_stmt(db, sql_takings_voids);
    if (!st) return DB_ERROR;
    s = db_bind(st, "itt", venue_id, from, to);
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct takings_day *d = rows_push(day_rows);
        if (!d || !col_day(st, 0, &d->day)) {
            s = DB_ERROR;
            break;
        }
        d->f.bills_voided = sqlite3_column_int64(st, 3);
        d->f.voided_fen = sqlite3_column_int64(st, 4);
        struct takings_group *c = takings_group_get(&r->cashiers, db_col_text(st, 1));
        struct takings_group *t = c ? takings_group_get(&r->room_types, db_col_text(st, 2)) : NULL;
        if (!c || !t) {
            s = DB_ERROR;
            break;
        }
        takings_add(&c->f, &d->f);
        takings_add(&t->f, &d->f);
    }
    sqlite3_reset(st);
    if (s != DB_OK) return s;

    st = db_stmt(db, sql_takings_refunds);
    if (!st) return DB_ERROR;
    s = db_bind(st, "itt", venue_id, from, to);
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct takings_day *d = rows_push(day_rows);
        if (!d || !col_day(st, 0, &d->day)) {
            s = DB_ERROR;
            break;
        }
        int m = takings_method_index(db_col_text(st, 2));
        d->f.refund_fen[m] = sqlite3_column_int64(st, 3);
        d->f.refund_count[m] = sqlite3_column_int64(st, 4);
        struct takings_group *c = takings_group_get(&r->cashiers, db_col_text(st, 1));
        if (!c) {
            s = DB_ERROR;
            break;
        }
        takings_add(&c->f, &d->f);
    }
    sqlite3_reset(st);
    return s;
}

enum db_status takings_report_load(struct db *db, int64_t venue_id, int64_t from, int64_t to,
                                   struct takings_report *r)
{
    memset(r, 0, sizeof *r);
    if (to < from) return DB_INVALID;
    char from_s[11], to_s[11];
    date_format(from, from_s);
    date_format(to, to_s);
    struct rows day_rows = {.size = sizeof(struct takings_day)};
    r->from = from;
    r->to = to;
    r->ndays = (size_t)(to - from + 1);
    r->days = calloc(r->ndays, sizeof *r->days);
    enum db_status s = r->days ? db_begin_read(db) : DB_ERROR;
    if (s != DB_OK) goto out;
    s = takings_read(db, venue_id, from_s, to_s, &day_rows, r);
    if (s == DB_OK)
        s = db_commit(db);
    else
        db_rollback(db);
    if (s != DB_OK) goto out;
    size_t outside = takings_fill_days(from, to, day_rows.items, day_rows.n, r->days);
    if (outside) log_error("reports: %zu takings rows outside %s..%s", outside, from_s, to_s);
    takings_total(r->days, r->ndays, &r->total);
    takings_groups_sort(&r->room_types);
    takings_groups_sort(&r->cashiers);
out:
    free(day_rows.items);
    if (s != DB_OK) takings_report_free(r);
    return s;
}

void takings_report_free(struct takings_report *r)
{
    free(r->days);
    takings_groups_free(&r->room_types);
    takings_groups_free(&r->cashiers);
    memset(r, 0, sizeof *r);
}

/* ---- sales ---- */

/* Settled bills per business day, opening hour and room type, from bill_report_totals. Its
 * crosses column is the midnight rule of sales_crosses_midnight worked out from the stored local
 * opening hour, which is the same thing when the zone's offset is a whole number of hours (see
 * sql/005); $4 (the offset) is bound for the shape of sales_read_bills and not needed. */
static const char sql_sales_bill_totals[] =
    "SELECT business_day, open_hour, room_type, SUM(bills), SUM(gross_fen), SUM(discount_fen), "
    "SUM(service_fen), SUM(total_fen), SUM(CASE WHEN crosses = 1 THEN bills ELSE 0 END) "
    "FROM bill_report_totals WHERE venue_id = $1 AND business_day BETWEEN $2 AND $3 "
    "AND status = 'settled' AND $4 = $4 "
    "GROUP BY business_day, open_hour, room_type";

/* The same from the bills themselves, for the days of a zone whose offset is not whole hours
 * (India, Nepal ...); $4 is the zone's UTC offset in seconds over these days, for the midnight
 * rule of sales_crosses_midnight (the same formula: a bill crosses midnight when its local
 * closing date is after its local opening date). One pass over the range's bills. */
static const char sql_sales_bills[] =
    "SELECT business_day, open_hour, room_type, COUNT(*), SUM(gross_fen), SUM(discount_fen), "
    "SUM(service_fen), SUM(total_fen), "
    "SUM(CASE WHEN (closed_at + $4) / 86400 > (opened_at + $4) / 86400 THEN 1 ELSE 0 END) "
    "FROM bills WHERE venue_id = $1 AND business_day BETWEEN $2 AND $3 AND status = 'settled' "
    "GROUP BY business_day, open_hour, room_type";

/* Goods and packages of settled bills (bill_item_totals): quantity, and revenue where a line
 * kept its amount (or its unit price, amount = qty x unit price); priced_lines counts those. */
static const char sql_sales_items[] =
    "SELECT kind, item, SUM(qty), SUM(revenue_fen), SUM(lines), SUM(priced_lines) "
    "FROM bill_item_totals "
    "WHERE venue_id = $1 AND business_day BETWEEN $2 AND $3 AND status = 'settled' "
    "GROUP BY kind, item";

/* The same figures for the bills of those days voided at the front desk since: the sales
 * summary counts what was sold and stayed sold, so they are taken out again (added with a
 * minus sign). Voids are few; the small table is read whole (see sql_takings_voids). */
static const char sql_sales_voided_bills[] =
    "SELECT b.business_day, b.open_hour, b.room_type, COUNT(*), SUM(b.gross_fen), "
    "SUM(b.discount_fen), SUM(b.service_fen), SUM(b.total_fen), "
    "SUM(CASE WHEN (b.closed_at + $4) / 86400 > (b.opened_at + $4) / 86400 THEN 1 ELSE 0 END) "
    "FROM bill_voids v CROSS JOIN bills b "
    "WHERE b.id = v.bill_id AND b.venue_id = $1 AND b.business_day BETWEEN $2 AND $3 "
    "AND b.status = 'settled' "
    "GROUP BY b.business_day, b.open_hour, b.room_type";

/* The goods and packages of those voided bills, to be taken out likewise. */
static const char sql_sales_voided_items[] =
    "SELECT l.kind, l.item, SUM(l.qty), "
    "SUM(COALESCE(l.amount_fen, l.qty * l.unit_price_fen)), "
    "COUNT(*), COUNT(COALESCE(l.amount_fen, l.qty * l.unit_price_fen)) "
    "FROM bill_voids v CROSS JOIN bills b CROSS JOIN bill_lines l "
    "WHERE b.id = v.bill_id AND l.bill_id = b.id AND b.venue_id = $1 "
    "AND b.business_day BETWEEN $2 AND $3 AND b.status = 'settled' "
    "AND l.kind IN ('goods', 'package') "
    "GROUP BY l.kind, l.item";

/* Partial refunds of the bills of those days that stay sold (the refunds of voids go with
 * their voided bills), wherever they were given back: of these sales, this much went back. */
static const char sql_sales_refunds[] =
    "SELECT COALESCE(SUM(r.amount_fen), 0) "
    "FROM refunds r CROSS JOIN bills b "
    "WHERE b.id = r.bill_id AND b.venue_id = $1 AND b.business_day BETWEEN $2 AND $3 "
    "AND r.kind = 'refund' AND b.status = 'settled' "
    "AND NOT EXISTS (SELECT 1 FROM bill_voids v WHERE v.bill_id = b.id)";

/* Reads rows of sql (sql_sales_bills or sql_sales_voided_bills) into day and hour rows and the
 * room types, each figure multiplied by sign (+1, or -1 to take voided bills out). */
static enum db_status sales_read_bills(struct db *db, const char *sql, int sign, int64_t venue_id,
                                       const char *from, const char *to, int32_t offset,
                                       struct rows *day_rows, struct rows *hour_rows,
                                       struct sales_report *r)
{
    bool row = false;
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ittI", venue_id, from, to, (int)offset);
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct sales_day *d = rows_push(day_rows);
        struct sales_hour_row *h = d ? rows_push(hour_rows) : NULL;
        if (!h || !col_day(st, 0, &d->day)) {
            s = DB_ERROR;
            break;
        }
        d->s.bills = sign * sqlite3_column_int64(st, 3);
        d->s.gross_fen = sign * sqlite3_column_int64(st, 4);
        d->s.discount_fen = sign * sqlite3_column_int64(st, 5);
        d->s.service_fen = sign * sqlite3_column_int64(st, 6);
        d->s.net_fen = sign * sqlite3_column_int64(st, 7);
        d->s.crossing_midnight = sign * sqlite3_column_int64(st, 8);
        h->hour = sqlite3_column_int(st, 1);
        h->s = d->s;
        struct takings_group *t = takings_group_get(&r->room_types, db_col_text(st, 2));
        if (!t) {
            s = DB_ERROR;
            break;
        }
        t->f.bills_settled += d->s.bills;
        t->f.gross_fen += d->s.gross_fen;
        t->f.discount_fen += d->s.discount_fen;
        t->f.service_fen += d->s.service_fen;
        t->f.net_fen += d->s.net_fen;
    }
    sqlite3_reset(st);
    return s;
}

/* Reads item rows of sql (sql_sales_items or sql_sales_voided_items), times sign. */
static enum db_status sales_read_items(struct db *db, const char *sql, int sign, int64_t venue_id,
                                       const char *from, const char *to, struct rows *goods,
                                       struct rows *packages)
{
    bool row = false;
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "itt", venue_id, from, to);
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        bool is_goods = strcmp(db_col_text(st, 0), "goods") == 0;
        struct sales_item *it = rows_push(is_goods ? goods : packages);
        if (!it) {
            s = DB_ERROR;
            break;
        }
        const char *name = db_col_text(st, 1);
        size_t len = strlen(name);
        if (len >= sizeof it->name) {
            len = sizeof it->name - 1;
            while (len > 0 && ((unsigned char)name[len] & 0xC0) == 0x80)
                len--;
        }
        memcpy(it->name, name, len);
        it->name[len] = 0;
        it->qty = sign * sqlite3_column_int64(st, 2);
        it->revenue_fen = sign * sqlite3_column_int64(st, 3); /* 0 for NULL: priced_lines says */
        it->lines = sign * sqlite3_column_int64(st, 4);
        it->priced_lines = sign * sqlite3_column_int64(st, 5);
    }
    sqlite3_reset(st);
    return s;
}

enum db_status sales_report_load(struct db *db, int64_t venue_id, const struct tz *tz, int64_t from,
                                 int64_t to, struct sales_report *r)
{
    memset(r, 0, sizeof *r);
    if (to < from) return DB_INVALID;
    struct rows day_rows = {.size = sizeof(struct sales_day)};
    struct rows hour_rows = {.size = sizeof(struct sales_hour_row)};
    struct rows goods = {.size = sizeof(struct sales_item)};
    struct rows packages = {.size = sizeof(struct sales_item)};
    r->from = from;
    r->to = to;
    r->ndays = (size_t)(to - from + 1);
    r->days = calloc(r->ndays, sizeof *r->days);
    r->weeks = calloc(sales_weeks_max(r->ndays), sizeof *r->weeks);
    r->months = calloc(sales_months_max(r->ndays), sizeof *r->months);
    struct sales_offset_segment *segs = calloc(r->ndays, sizeof *segs);
    enum db_status s = DB_ERROR;
    if (!r->days || !r->weeks || !r->months || !segs) goto out;
    /* One query per run of days with the same UTC offset: one for zones without daylight
     * saving, a few a year for the others. */
    size_t nsegs = sales_offset_segments(tz, from, to, segs);
    s = db_begin_read(db);
    for (size_t i = 0; s == DB_OK && i < nsegs; i++) {
        char seg_from[11], seg_to[11];
        date_format(segs[i].from, seg_from);
        date_format(segs[i].to, seg_to);
        /* The kept totals know midnight only for whole-hour offsets (see the statement). */
        const char *sql = segs[i].offset_s % 3600 == 0 ? sql_sales_bill_totals : sql_sales_bills;
        s = sales_read_bills(db, sql, 1, venue_id, seg_from, seg_to, segs[i].offset_s,
                             &day_rows, &hour_rows, r);
        if (s == DB_OK)
            s = sales_read_bills(db, sql_sales_voided_bills, -1, venue_id, seg_from, seg_to,
                                 segs[i].offset_s, &day_rows, &hour_rows, r);
    }
    char from_s[11], to_s[11];
    date_format(from, from_s);
    date_format(to, to_s);
    if (s == DB_OK)
        s = sales_read_items(db, sql_sales_items, 1, venue_id, from_s, to_s, &goods, &packages);
    if (s == DB_OK)
        s = sales_read_items(db, sql_sales_voided_items, -1, venue_id, from_s, to_s, &goods,
                             &packages);
    if (s == DB_OK)
        s = db_int(db, &r->refunds_fen, sql_sales_refunds, "itt", venue_id, from_s, to_s);
    if (s == DB_OK)
        s = db_commit(db);
    else
        db_rollback(db);
    if (s != DB_OK) goto out;

    size_t outside = sales_fill_days(from, to, day_rows.items, day_rows.n, r->days);
    if (outside) log_error("reports: %zu sales rows outside %s..%s", outside, from_s, to_s);
    sales_total(r->days, r->ndays, &r->total);
    r->nweeks = sales_by_week(r->days, r->ndays, r->weeks);
    r->nmonths = sales_by_month(r->days, r->ndays, r->months);
    sales_by_weekday(r->days, r->ndays, r->weekdays);
    size_t bad = sales_by_hour(hour_rows.items, hour_rows.n, r->hours);
    if (bad) log_error("reports: %zu sales rows with an opening hour outside 0-23", bad);
    takings_groups_drop_empty(&r->room_types);
    takings_groups_sort(&r->room_types);
    r->goods = goods.items;
    r->ngoods = sales_items_merge(r->goods, goods.n);
    goods.items = NULL;
    sales_items_sort(r->goods, r->ngoods);
    r->packages = packages.items;
    r->npackages = sales_items_merge(r->packages, packages.n);
    packages.items = NULL;
    sales_items_sort(r->packages, r->npackages);
out:
    free(segs);
    free(day_rows.items);
    free(hour_rows.items);
    free(goods.items);
    free(packages.items);
    if (s != DB_OK) sales_report_free(r);
    return s;
}

void sales_report_free(struct sales_report *r)
{
    free(r->days);
    free(r->weeks);
    free(r->months);
    takings_groups_free(&r->room_types);
    free(r->goods);
    free(r->packages);
    memset(r, 0, sizeof *r);
}
