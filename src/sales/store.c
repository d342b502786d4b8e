/* sales/store.c: SQL of bills and import batches (see store.h). */
#include "sales/store.h"

#include "core/http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY(dst, st, col) snprintf((dst), sizeof(dst), "%s", db_col_text((st), (col)))

enum db_status bill_insert_header(struct db *db, int64_t venue_id, const struct tz *tz,
                                  int cutoff_minutes, struct bill *b)
{
    date_format(bizday_of_instant(tz, cutoff_minutes, b->closed_at), b->business_day);
    struct civil opened;
    tz_to_local(tz, b->opened_at, &opened);
    b->open_hour = opened.hour;
    sqlite3_stmt *st = db_stmt(
        db, "INSERT INTO bills(venue_id, bill_no, room_id, room_no, room_type, opened_at, "
            "closed_at, business_day, open_hour, status, cashier, member_phone, booker, "
            "gross_fen, discount_fen, service_fen, total_fen, note, source, import_batch_id, "
            "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
            "$15, $16, $17, $18, $19, $20, $21) RETURNING id");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "it" "i" "tt" "ii" "tI" "tttt" "iiii" "tt" "ii", venue_id,
                               b->bill_no, b->room_id, b->room_no, b->room_type, b->opened_at,
                               b->closed_at, b->business_day, b->open_hour, b->status,
                               b->cashier, b->member_phone, b->booker, b->gross_fen,
                               b->discount_fen, b->service_fen, b->total_fen, b->note, b->source,
                               b->import_batch_id, now_epoch());
    if (s != DB_OK) return s;
    /* NULL rather than 0 for "no room" and "no batch" (foreign keys). */
    if (!b->room_id) sqlite3_bind_null(st, 3);
    if (!b->import_batch_id) sqlite3_bind_null(st, 20);
    bool row = false;
    s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_ERROR;
    if (s == DB_OK) b->id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return s;
}

enum db_status bill_insert_line(struct db *db, int64_t bill_id, const struct bill_line *l)
{
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO bill_lines(bill_id, line_no, kind, item, "
                                   "product_id, package_id, qty, unit_price_fen, amount_fen) "
                                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "iIttiiiii", bill_id, l->line_no, l->kind, l->item,
                               l->product_id, l->package_id, l->qty, l->unit_price_fen,
                               l->amount_fen);
    if (s != DB_OK) return s;
    /* NULL for an unknown product or package and for prices the source did not keep. The
     * placeholders $5..$9 are bound in order, so their indexes are 5..9. */
    if (!l->product_id) sqlite3_bind_null(st, 5);
    if (!l->package_id) sqlite3_bind_null(st, 6);
    if (!l->has_unit_price) sqlite3_bind_null(st, 8);
    if (!l->has_amount) sqlite3_bind_null(st, 9);
    return db_exec_stmt(st);
}

enum db_status bill_insert_payment(struct db *db, int64_t bill_id, int seq,
                                   const struct bill_payment *p)
{
    return db_exec(db,
                   "INSERT INTO bill_payments(bill_id, seq, method, amount_fen) "
                   "VALUES ($1, $2, $3, $4)",
                   "iIti", bill_id, seq, p->method, p->amount_fen);
}

enum db_status bill_insert_tender(struct db *db, int64_t bill_id, int seq,
                                  const struct bill_payment *p)
{
    /* Shift and cash detail are NULL when not recorded (0): the shift reports find the front
     * desk's payments by shift_id, so they must be written whenever they are set. */
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO bill_payments(bill_id, seq, method, amount_fen, "
                                   "shift_id, tendered_fen, change_fen, platform, reference, "
                                   "voucher_paid_fen) "
                                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "iItiiiitti", bill_id, seq, p->method, p->amount_fen,
                               p->shift_id, p->tendered_fen, p->change_fen, p->platform,
                               p->reference, p->voucher_paid_fen);
    if (s != DB_OK) return s;
    if (!p->has_voucher_paid) sqlite3_bind_null(st, 10);
    if (!p->shift_id) sqlite3_bind_null(st, 5);
    if (!p->tendered_fen) {
        sqlite3_bind_null(st, 6);
        sqlite3_bind_null(st, 7);
    }
    return db_exec_stmt(st);
}

/* ---- many lines and payments in one statement (the import) ----
 *
 * The CHECK constraints on bill_lines.kind (6 values) and bill_payments.method (9 values) are
 * IN lists, which SQLite evaluates by building a temporary b-tree of the list once per
 * execution of the statement: one per row when rows are inserted one at a time, a fifth of a
 * large import's CPU (perf: sqlite3BtreeOpen/BeginTrans/Close and their mallocs). A statement
 * of several rows builds it once for all of them. Placeholders are numbered in order, so row r's
 * column c is parameter r * columns + c + 1 and is bound by index. */
#define LINE_COLS 9
#define LINES_PER_STMT 8
#define PAYMENT_COLS 4
#define PAYMENTS_PER_STMT 16

static const char sql_lines_many[] =
    "INSERT INTO bill_lines(bill_id, line_no, kind, item, product_id, package_id, qty, "
    "unit_price_fen, amount_fen) VALUES "
    "($1, $2, $3, $4, $5, $6, $7, $8, $9), "
    "($10, $11, $12, $13, $14, $15, $16, $17, $18), "
    "($19, $20, $21, $22, $23, $24, $25, $26, $27), "
    "($28, $29, $30, $31, $32, $33, $34, $35, $36), "
    "($37, $38, $39, $40, $41, $42, $43, $44, $45), "
    "($46, $47, $48, $49, $50, $51, $52, $53, $54), "
    "($55, $56, $57, $58, $59, $60, $61, $62, $63), "
    "($64, $65, $66, $67, $68, $69, $70, $71, $72)";

static const char sql_payments_many[] =
    "INSERT INTO bill_payments(bill_id, seq, method, amount_fen) VALUES "
    "($1, $2, $3, $4), "
    "($5, $6, $7, $8), "
    "($9, $10, $11, $12), "
    "($13, $14, $15, $16), "
    "($17, $18, $19, $20), "
    "($21, $22, $23, $24), "
    "($25, $26, $27, $28), "
    "($29, $30, $31, $32), "
    "($33, $34, $35, $36), "
    "($37, $38, $39, $40), "
    "($41, $42, $43, $44), "
    "($45, $46, $47, $48), "
    "($49, $50, $51, $52), "
    "($53, $54, $55, $56), "
    "($57, $58, $59, $60), "
    "($61, $62, $63, $64)";

/* Binds line l of bill bill_id as the row starting at parameter base + 1. */
static int bind_line(sqlite3_stmt *st, int base, int64_t bill_id, const struct bill_line *l)
{
    int rc = sqlite3_bind_int64(st, base + 1, bill_id);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int(st, base + 2, l->line_no);
    if (rc == SQLITE_OK) rc = sqlite3_bind_text(st, base + 3, l->kind, -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK) rc = sqlite3_bind_text(st, base + 4, l->item, -1, SQLITE_TRANSIENT);
    /* NULL for an unknown product or package and for prices the source did not keep. */
    if (rc == SQLITE_OK)
        rc = l->product_id ? sqlite3_bind_int64(st, base + 5, l->product_id)
                           : sqlite3_bind_null(st, base + 5);
    if (rc == SQLITE_OK)
        rc = l->package_id ? sqlite3_bind_int64(st, base + 6, l->package_id)
                           : sqlite3_bind_null(st, base + 6);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, base + 7, l->qty);
    if (rc == SQLITE_OK)
        rc = l->has_unit_price ? sqlite3_bind_int64(st, base + 8, l->unit_price_fen)
                               : sqlite3_bind_null(st, base + 8);
    if (rc == SQLITE_OK)
        rc = l->has_amount ? sqlite3_bind_int64(st, base + 9, l->amount_fen)
                           : sqlite3_bind_null(st, base + 9);
    return rc;
}

enum db_status bill_insert_lines(struct db *db, const int64_t *bill_ids,
                                 const struct bill_line *lines, int n)
{
    int i = 0;
    for (; i + LINES_PER_STMT <= n; i += LINES_PER_STMT) {
        sqlite3_stmt *st = db_stmt(db, sql_lines_many);
        if (!st) return DB_ERROR;
        int rc = SQLITE_OK;
        for (int r = 0; rc == SQLITE_OK && r < LINES_PER_STMT; r++)
            rc = bind_line(st, r * LINE_COLS, bill_ids[i + r], &lines[i + r]);
        if (rc != SQLITE_OK) return db_status_of(rc);
        enum db_status s = db_exec_stmt(st);
        if (s != DB_OK) return s;
    }
    for (; i < n; i++) {
        enum db_status s = bill_insert_line(db, bill_ids[i], &lines[i]);
        if (s != DB_OK) return s;
    }
    return DB_OK;
}

enum db_status bill_insert_payments(struct db *db, const int64_t *bill_ids, const int *seqs,
                                    const struct bill_payment *payments, int n)
{
    int i = 0;
    for (; i + PAYMENTS_PER_STMT <= n; i += PAYMENTS_PER_STMT) {
        sqlite3_stmt *st = db_stmt(db, sql_payments_many);
        if (!st) return DB_ERROR;
        int rc = SQLITE_OK;
        for (int r = 0; rc == SQLITE_OK && r < PAYMENTS_PER_STMT; r++) {
            int base = r * PAYMENT_COLS;
            const struct bill_payment *p = &payments[i + r];
            rc = sqlite3_bind_int64(st, base + 1, bill_ids[i + r]);
            if (rc == SQLITE_OK) rc = sqlite3_bind_int(st, base + 2, seqs[i + r]);
            if (rc == SQLITE_OK)
                rc = sqlite3_bind_text(st, base + 3, p->method, -1, SQLITE_TRANSIENT);
            if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, base + 4, p->amount_fen);
        }
        if (rc != SQLITE_OK) return db_status_of(rc);
        enum db_status s = db_exec_stmt(st);
        if (s != DB_OK) return s;
    }
    for (; i < n; i++) {
        enum db_status s = bill_insert_payment(db, bill_ids[i], seqs[i], &payments[i]);
        if (s != DB_OK) return s;
    }
    return DB_OK;
}

enum db_status bill_insert(struct db *db, int64_t venue_id, const struct tz *tz,
                           int cutoff_minutes, struct bill *b)
{
    enum db_status s = bill_insert_header(db, venue_id, tz, cutoff_minutes, b);
    for (int i = 0; s == DB_OK && i < b->nlines; i++) s = bill_insert_line(db, b->id, &b->lines[i]);
    for (int i = 0; s == DB_OK && i < b->npayments; i++)
        s = bill_insert_tender(db, b->id, i + 1, &b->payments[i]);
    return s;
}

bool bill_exists(struct db *db, int64_t venue_id, const char *bill_no)
{
    int64_t id;
    return db_int(db, &id, "SELECT id FROM bills WHERE venue_id = $1 AND bill_no = $2", "it",
                  venue_id, bill_no) == DB_OK;
}

/* ---- reading bills ---- */

bool bill_sort_parse(const char *s, enum bill_sort *out)
{
    static const char *const names[BILL_SORT__MAX] = {"-closed_at", "closed_at", "-total",
                                                      "total", "bill_no"};
    if (!s || !*s) {
        *out = BILL_SORT_CLOSED_DESC;
        return true;
    }
    for (int i = 0; i < BILL_SORT__MAX; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (enum bill_sort)i;
            return true;
        }
    return false;
}

/* The filter of every bill list: $1 venue, $2..$3 business days, $4 room, $5 status, $6 method,
 * $7 cashier, $8 part of the bill number. Empty strings match everything. */
#define BILL_FILTER                                                                              \
    "WHERE b.venue_id = $1 AND b.business_day >= $2 AND b.business_day <= $3 "                \
    "AND ($4 = '' OR b.room_no = $4) AND ($5 = '' OR b.status = $5) "                         \
    "AND ($6 = '' OR EXISTS (SELECT 1 FROM bill_payments p WHERE p.bill_id = b.id "            \
    "AND p.method = $6)) AND ($7 = '' OR b.cashier = $7) AND ($8 = '' OR instr(b.bill_no, $8) > 0) "

/* The status shown is the bill's status now: a front-desk void is its own record (bill_voids)
 * and never edits the bill row, so it is read here. The list's status filter and its sums
 * still go by the row (and by the day totals kept from it). */
#define BILL_COLS                                                                                \
    "SELECT b.id, b.bill_no, b.room_id, b.room_no, b.room_type, b.opened_at, b.closed_at, "    \
    "b.business_day, b.open_hour, "                                                             \
    "CASE WHEN EXISTS (SELECT 1 FROM bill_voids v WHERE v.bill_id = b.id) THEN 'voided' "       \
    "ELSE b.status END, b.cashier, b.member_phone, b.booker, b.gross_fen, "                     \
    "b.discount_fen, b.service_fen, b.total_fen, b.note, b.source, "                           \
    "coalesce(b.import_batch_id, 0) "

#define BILL_METHODS                                                                             \
    ", (SELECT group_concat(method, '+') FROM (SELECT method, min(seq) AS first FROM "          \
    "bill_payments p WHERE p.bill_id = b.id GROUP BY method ORDER BY first)) "

/* The page is chosen first (inner query: the filter, the order, LIMIT and OFFSET) and only its
 * rows get their payment methods: the methods' subquery used to run for every matching bill
 * before the sort (a million index seeks for one page). The outer ORDER BY repeats the order
 * (a subquery's order is not kept by SQL); it sorts at most a page. */
#define BILL_LIST_SQL(order)                                                                     \
    BILL_COLS BILL_METHODS "FROM (SELECT b.* FROM bills b " BILL_FILTER "ORDER BY " order       \
                           " LIMIT $9 OFFSET $10) b ORDER BY " order

/* One statement per whitelisted order, indexed by enum bill_sort (the statement cache keys on
 * these literals' addresses). Time order is business day, then closing time: the same order (a
 * bill's business day follows from its closing time), and the index bills_day (venue_id,
 * business_day, closed_at; sql/005) holds it, so a page of the newest bills is read in order
 * from the index and the walk stops after the page. The orders by total and by number still
 * sort every bill of the range (about a second for a year of 1,000,000 bills). */
static const char *const bill_list_sql[BILL_SORT__MAX] = {
    BILL_LIST_SQL("b.business_day DESC, b.closed_at DESC, b.id DESC"),
    BILL_LIST_SQL("b.business_day, b.closed_at, b.id"),
    BILL_LIST_SQL("b.total_fen DESC, b.id DESC"),
    BILL_LIST_SQL("b.total_fen, b.id"),
    BILL_LIST_SQL("b.bill_no, b.id"),
};

/* Where bill_list takes its count and settled sum from, by the filters given. */
enum bill_count {
    BILL_COUNT_DAY,     /* days and status only: bill_day_totals (sql/004) */
    BILL_COUNT_CASHIER, /* and a cashier: bill_report_totals (sql/005) */
    BILL_COUNT_METHOD,  /* and a method (and perhaps a cashier): bill_payment_totals */
    BILL_COUNT_ROOM,    /* a room (and perhaps the others but a number): the index bills_room */
    BILL_COUNT_SCAN,    /* part of a bill number: every bill of the days */
    BILL_COUNT__MAX,
};

/* Their statements, indexed by enum bill_count. $1 venue, $2..$3 days, then as BILL_FILTER
 * ($4 room, $5 status, $6 method, $7 cashier, $8 part) where the statement has them; the
 * cashier statement binds $6 NULL to keep that numbering. The room statement names the room
 * with a plain equality (not BILL_FILTER's "$4 = '' OR ...") so that SQLite reads the room's
 * bills through bills_room (venue_id, room_no, business_day) instead of every bill. */
static const char *const bill_count_sql[BILL_COUNT__MAX] = {
    "SELECT coalesce(sum(bills), 0), coalesce(sum(CASE WHEN status = 'settled' THEN total_fen "
    "END), 0) FROM bill_day_totals WHERE venue_id = $1 AND business_day >= $2 AND "
    "business_day <= $3 AND ($4 = '' OR status = $4)",
    "SELECT coalesce(sum(bills), 0), coalesce(sum(CASE WHEN status = 'settled' THEN total_fen "
    "END), 0) FROM bill_report_totals WHERE venue_id = $1 AND business_day >= $2 AND "
    "business_day <= $3 AND ($4 = '' OR status = $4) AND $5 IS NULL AND cashier = $6",
    /* bills and bills_total_fen count a bill once per method it paid with. */
    "SELECT coalesce(sum(bills), 0), coalesce(sum(CASE WHEN status = 'settled' THEN "
    "bills_total_fen END), 0) FROM bill_payment_totals WHERE venue_id = $1 AND business_day >= "
    "$2 AND business_day <= $3 AND ($4 = '' OR status = $4) AND method = $5 AND "
    "($6 = '' OR cashier = $6)",
    "SELECT count(*), coalesce(sum(CASE WHEN b.status = 'settled' THEN b.total_fen END), 0) "
    "FROM bills b WHERE b.venue_id = $1 AND b.room_no = $4 AND b.business_day >= $2 AND "
    "b.business_day <= $3 AND ($5 = '' OR b.status = $5) AND ($6 = '' OR EXISTS (SELECT 1 FROM "
    "bill_payments p WHERE p.bill_id = b.id AND p.method = $6)) AND ($7 = '' OR b.cashier = $7) "
    "AND $8 = ''",
    "SELECT count(*), coalesce(sum(CASE WHEN b.status = 'settled' THEN b.total_fen END), 0) "
    "FROM bills b " BILL_FILTER,
};

static void read_bill(sqlite3_stmt *st, struct bill *b)
{
    memset(b, 0, sizeof *b);
    b->id = sqlite3_column_int64(st, 0);
    COPY(b->bill_no, st, 1);
    b->room_id = sqlite3_column_int64(st, 2);
    COPY(b->room_no, st, 3);
    COPY(b->room_type, st, 4);
    b->opened_at = sqlite3_column_int64(st, 5);
    b->closed_at = sqlite3_column_int64(st, 6);
    COPY(b->business_day, st, 7);
    b->open_hour = sqlite3_column_int(st, 8);
    COPY(b->status, st, 9);
    COPY(b->cashier, st, 10);
    COPY(b->member_phone, st, 11);
    COPY(b->booker, st, 12);
    b->gross_fen = sqlite3_column_int64(st, 13);
    b->discount_fen = sqlite3_column_int64(st, 14);
    b->service_fen = sqlite3_column_int64(st, 15);
    b->total_fen = sqlite3_column_int64(st, 16);
    COPY(b->note, st, 17);
    COPY(b->source, st, 18);
    b->import_batch_id = sqlite3_column_int64(st, 19);
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

enum db_status bill_list(struct db *db, int64_t venue_id, const struct bill_filter *f,
                         int64_t *count, int64_t *sum_settled_fen, bill_row_cb cb, void *ctx)
{
    /* Business days are "YYYY-MM-DD": text order is date order. */
    const char *from = f->from_day && *f->from_day ? f->from_day : "0000-00-00";
    const char *to = f->to_day && *f->to_day ? f->to_day : "9999-99-99";
    const char *room = or_empty(f->room_no), *status = or_empty(f->status);
    const char *method = or_empty(f->method), *cashier = or_empty(f->cashier);
    const char *part = or_empty(f->bill_no_part);
    /* The count and the settled sum of everything the filter matches come from the smallest
     * source that can answer them: per-day totals kept by triggers (sql/004, sql/005) when the
     * filter names no room and no part of a number, the room's index when it names a room, and
     * a pass over the range's bills only for a search in bill numbers. */
    enum bill_count count_by = *part  ? BILL_COUNT_SCAN
                               : *room ? BILL_COUNT_ROOM
                               : *method ? BILL_COUNT_METHOD
                               : *cashier ? BILL_COUNT_CASHIER
                                          : BILL_COUNT_DAY;
    sqlite3_stmt *st = db_stmt(db, bill_count_sql[count_by]);
    if (!st) return DB_ERROR;
    enum db_status s = DB_OK;
    switch (count_by) {
    case BILL_COUNT_DAY: s = db_bind(st, "itt" "t", venue_id, from, to, status); break;
    case BILL_COUNT_CASHIER:
        s = db_bind(st, "itt" "tn" "t", venue_id, from, to, status, cashier);
        break;
    case BILL_COUNT_METHOD:
        s = db_bind(st, "itt" "tt" "t", venue_id, from, to, status, method, cashier);
        break;
    default:
        s = db_bind(st, "itt" "tttt" "t", venue_id, from, to, room, status, method, cashier, part);
        break;
    }
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && row) {
        *count = sqlite3_column_int64(st, 0);
        *sum_settled_fen = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (s != DB_OK || !cb) return s;
    /* Nothing matches, or the page is past the end: no need to walk the bills to find out (a
     * filter that matches nothing would otherwise read the whole range). */
    if (*count == 0 || (f->offset > 0 && f->offset >= *count)) return DB_OK;
    int sort = f->sort >= 0 && f->sort < BILL_SORT__MAX ? f->sort : 0;
    st = db_stmt(db, bill_list_sql[sort]);
    if (!st) return DB_ERROR;
    s = db_bind(st, "itttttttii", venue_id, from, to, or_empty(f->room_no), or_empty(f->status),
                or_empty(f->method), or_empty(f->cashier), or_empty(f->bill_no_part),
                f->limit < 0 ? (int64_t)-1 : f->limit, f->offset);
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct bill b;
        read_bill(st, &b);
        if (!cb(&b, db_col_text(st, 20), ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status bill_load(struct db *db, int64_t venue_id, int64_t id, struct bill *b)
{
    sqlite3_stmt *st = db_stmt(db, BILL_COLS "FROM bills b WHERE b.venue_id = $1 AND b.id = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) read_bill(st, b);
    sqlite3_reset(st);
    if (s != DB_OK) return s;

    st = db_stmt(db, "SELECT line_no, kind, item, coalesce(product_id, 0), "
                     "coalesce(package_id, 0), qty, unit_price_fen, amount_fen FROM bill_lines "
                     "WHERE bill_id = $1 ORDER BY line_no, id");
    if (!st) return DB_ERROR;
    s = db_bind(st, "i", id);
    int cap = 0;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        if (b->nlines == cap) {
            cap = cap ? cap * 2 : 8;
            struct bill_line *p = realloc(b->lines, sizeof *p * (size_t)cap);
            if (!p) {
                s = DB_ERROR;
                break;
            }
            b->lines = p;
        }
        struct bill_line *l = &b->lines[b->nlines++];
        memset(l, 0, sizeof *l);
        l->line_no = sqlite3_column_int(st, 0);
        COPY(l->kind, st, 1);
        COPY(l->item, st, 2);
        l->product_id = sqlite3_column_int64(st, 3);
        l->package_id = sqlite3_column_int64(st, 4);
        l->qty = sqlite3_column_int64(st, 5);
        l->has_unit_price = sqlite3_column_type(st, 6) != SQLITE_NULL;
        l->unit_price_fen = sqlite3_column_int64(st, 6);
        l->has_amount = sqlite3_column_type(st, 7) != SQLITE_NULL;
        l->amount_fen = sqlite3_column_int64(st, 7);
    }
    sqlite3_reset(st);
    if (s != DB_OK) {
        bill_free_parts(b);
        return s;
    }
    st = db_stmt(db, "SELECT method, amount_fen FROM bill_payments WHERE bill_id = $1 "
                     "ORDER BY seq");
    if (!st) {
        bill_free_parts(b);
        return DB_ERROR;
    }
    s = db_bind(st, "i", id);
    cap = 0;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        if (b->npayments == cap) {
            cap = cap ? cap * 2 : 4;
            struct bill_payment *p = realloc(b->payments, sizeof *p * (size_t)cap);
            if (!p) {
                s = DB_ERROR;
                break;
            }
            b->payments = p;
        }
        struct bill_payment *p = &b->payments[b->npayments++];
        memset(p, 0, sizeof *p);
        COPY(p->method, st, 0);
        p->amount_fen = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (s != DB_OK) bill_free_parts(b);
    return s;
}

void bill_free_parts(struct bill *b)
{
    if (!b) return;
    free(b->lines);
    free(b->payments);
    b->lines = NULL;
    b->payments = NULL;
    b->nlines = b->npayments = 0;
}

/* ---- import batches ---- */

enum db_status import_batch_insert(struct db *db, int64_t venue_id, const char *kind,
                                   const char *files, int64_t user_id, const char *username,
                                   int64_t *id)
{
    enum db_status s = db_int(db, id,
                              "INSERT INTO import_batches(venue_id, kind, files, user_id, "
                              "username, at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                              "ittiti", venue_id, kind, files, user_id, username, now_epoch());
    return s;
}

enum db_status import_batch_finish(struct db *db, int64_t id, int64_t rows_read,
                                   int64_t imported, int64_t duplicates, int64_t rejected,
                                   const char *report)
{
    return db_exec(db,
                   "UPDATE import_batches SET rows_read = $1, imported = $2, duplicates = $3, "
                   "rejected = $4, report = $5 WHERE id = $6",
                   "iiiiti", rows_read, imported, duplicates, rejected, report, id);
}

enum db_status import_batch_list(struct db *db, int64_t venue_id, int64_t limit, int64_t offset,
                                 int64_t *total, import_batch_cb cb, void *ctx)
{
    enum db_status s = db_int(db, total, "SELECT count(*) FROM import_batches WHERE venue_id = $1",
                              "i", venue_id);
    if (s != DB_OK) return s;
    sqlite3_stmt *st = db_stmt(db, "SELECT id, kind, files, username, at, rows_read, imported, "
                                   "duplicates, rejected FROM import_batches WHERE venue_id = $1 "
                                   "ORDER BY id DESC LIMIT $2 OFFSET $3");
    if (!st) return DB_ERROR;
    s = db_bind(st, "iii", venue_id, limit, offset);
    bool row;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct import_batch b;
        memset(&b, 0, sizeof b);
        b.id = sqlite3_column_int64(st, 0);
        COPY(b.kind, st, 1);
        COPY(b.files, st, 2);
        COPY(b.username, st, 3);
        b.at = sqlite3_column_int64(st, 4);
        b.rows_read = sqlite3_column_int64(st, 5);
        b.imported = sqlite3_column_int64(st, 6);
        b.duplicates = sqlite3_column_int64(st, 7);
        b.rejected = sqlite3_column_int64(st, 8);
        if (!cb(&b, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status import_batch_report(struct db *db, int64_t venue_id, int64_t id, char **report)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT report FROM import_batches WHERE venue_id = $1 AND "
                                   "id = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) {
        *report = db_col_strdup(st, 0);
        if (!*report) *report = strdup("");
        if (!*report) s = DB_ERROR;
    }
    sqlite3_reset(st);
    return s;
}
