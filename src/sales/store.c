/* sales/store.c: SQL of bills (see store.h). */
#include "sales/store.h"

#include "core/http.h"

#include <stdio.h>

enum db_status bill_insert(struct db *db, int64_t venue_id, const struct tz *tz,
                           int cutoff_minutes, struct bill *b)
{
    date_format(bizday_of_instant(tz, cutoff_minutes, b->closed_at), b->business_day);
    struct civil opened;
    tz_to_local(tz, b->opened_at, &opened);
    b->open_hour = opened.hour;
    enum db_status s = db_int(
        db, &b->id,
        "INSERT INTO bills(venue_id, bill_no, room_id, room_no, room_type, opened_at, closed_at, "
        "business_day, open_hour, status, cashier, member_phone, booker, gross_fen, discount_fen, "
        "service_fen, total_fen, note, source, import_batch_id, created_at) VALUES ($1, $2, $3, "
        "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) "
        "RETURNING id",
        "it" "i" "tt" "ii" "tI" "tttt" "iiii" "tt" "ii", venue_id, b->bill_no,
        b->room_id, b->room_no, b->room_type, b->opened_at, b->closed_at, b->business_day,
        b->open_hour, b->status, b->cashier, b->member_phone, b->booker, b->gross_fen,
        b->discount_fen, b->service_fen, b->total_fen, b->note, b->source, b->import_batch_id,
        now_epoch());
    for (int i = 0; s == DB_OK && i < b->nlines; i++) {
        const struct bill_line *l = &b->lines[i];
        sqlite3_stmt *st = db_stmt(db, "INSERT INTO bill_lines(bill_id, line_no, kind, item, "
                                       "product_id, package_id, qty, unit_price_fen, amount_fen) "
                                       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
        if (!st) return DB_ERROR;
        s = db_bind(st, "iItt", b->id, l->line_no, l->kind, l->item);
        if (s == DB_OK) {
            /* NULL for unknown product, package and prices: bound one by one. */
            int idx;
            idx = sqlite3_bind_parameter_index(st, "$5");
            l->product_id ? sqlite3_bind_int64(st, idx, l->product_id) : sqlite3_bind_null(st, idx);
            idx = sqlite3_bind_parameter_index(st, "$6");
            l->package_id ? sqlite3_bind_int64(st, idx, l->package_id) : sqlite3_bind_null(st, idx);
            sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, "$7"), l->qty);
            idx = sqlite3_bind_parameter_index(st, "$8");
            l->has_unit_price ? sqlite3_bind_int64(st, idx, l->unit_price_fen)
                              : sqlite3_bind_null(st, idx);
            idx = sqlite3_bind_parameter_index(st, "$9");
            l->has_amount ? sqlite3_bind_int64(st, idx, l->amount_fen) : sqlite3_bind_null(st, idx);
            s = db_exec_stmt(st);
        }
    }
    for (int i = 0; s == DB_OK && i < b->npayments; i++)
    {
        const struct bill_payment *p = &b->payments[i];
        sqlite3_stmt *st = db_stmt(db, "INSERT INTO bill_payments(bill_id, seq, method, amount_fen, "
                                       "shift_id, tendered_fen, change_fen, platform, reference) "
                                       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
        if (!st) return DB_ERROR;
        s = db_bind(st, "iItinnntt", b->id, i + 1, p->method, p->amount_fen, p->platform,
                    p->reference);
        if (s == DB_OK) {
            /* Shift and cash detail are NULL for imported bills: bound one by one. */
            int idx = sqlite3_bind_parameter_index(st, "$5");
            p->shift_id ? sqlite3_bind_int64(st, idx, p->shift_id) : sqlite3_bind_null(st, idx);
            idx = sqlite3_bind_parameter_index(st, "$6");
            p->tendered_fen ? sqlite3_bind_int64(st, idx, p->tendered_fen)
                            : sqlite3_bind_null(st, idx);
            idx = sqlite3_bind_parameter_index(st, "$7");
            p->tendered_fen ? sqlite3_bind_int64(st, idx, p->change_fen)
                            : sqlite3_bind_null(st, idx);
            s = db_exec_stmt(st);
        }
    }
    return s;
}

bool bill_exists(struct db *db, int64_t venue_id, const char *bill_no)
{
    int64_t id;
    return db_int(db, &id, "SELECT id FROM bills WHERE venue_id = $1 AND bill_no = $2", "it",
                  venue_id, bill_no) == DB_OK;
}
