/* master/store.c: SQL of the master data (see store.h). */
#include "master/store.h"

#include "core/http.h"

#include <stdio.h>
#include <string.h>

#define COPY(dst, st, col) snprintf((dst), sizeof(dst), "%s", db_col_text((st), (col)))

static void read_room_type(sqlite3_stmt *st, struct room_type *t)
{
    memset(t, 0, sizeof *t);
    t->id = sqlite3_column_int64(st, 0);
    COPY(t->name, st, 1);
    t->capacity = sqlite3_column_int64(st, 2);
    t->active = sqlite3_column_int(st, 3);
    t->sort_order = sqlite3_column_int64(st, 4);
    t->room_count = sqlite3_column_int64(st, 5);
}

#define ROOM_TYPE_COLS                                                                           \
    "SELECT t.id, t.name, t.capacity, t.active, t.sort_order, "                                 \
    "(SELECT count(*) FROM rooms r WHERE r.room_type_id = t.id AND r.active = 1) "             \
    "FROM room_types t "

enum db_status room_type_list(struct db *db, int64_t venue_id, room_type_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, ROOM_TYPE_COLS "WHERE t.venue_id = $1 "
                                                  "ORDER BY t.active DESC, t.sort_order, t.name");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", venue_id);
    bool row = true;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct room_type t;
        read_room_type(st, &t);
        if (!cb(&t, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status room_type_load(struct db *db, int64_t venue_id, int64_t id, struct room_type *t)
{
    sqlite3_stmt *st = db_stmt(db, ROOM_TYPE_COLS "WHERE t.venue_id = $1 AND t.id = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) read_room_type(st, t);
    sqlite3_reset(st);
    return s;
}

enum db_status room_type_find(struct db *db, int64_t venue_id, const char *name, int64_t *id)
{
    return db_int(db, id, "SELECT id FROM room_types WHERE venue_id = $1 AND name = $2", "it",
                  venue_id, name);
}

enum db_status room_type_insert(struct db *db, int64_t venue_id, const struct room_type *t,
                                int64_t *id)
{
    return db_int(db, id,
                  "INSERT INTO room_types(venue_id, name, capacity, active, sort_order, "
                  "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                  "itiIii", venue_id, t->name, t->capacity, t->active ? 1 : 0, t->sort_order,
                  now_epoch());
}

enum db_status room_type_update(struct db *db, int64_t venue_id, const struct room_type *t)
{
    return db_exec(db,
                   "UPDATE room_types SET name = $1, capacity = $2, active = $3, sort_order = $4, "
                   "updated_at = $5 WHERE id = $6 AND venue_id = $7",
                   "tiIiiii", t->name, t->capacity, t->active ? 1 : 0, t->sort_order, now_epoch(),
                   t->id, venue_id);
}

#define ROOM_COLS                                                                                \
    "SELECT r.id, r.room_no, r.name, r.room_type_id, t.name, r.active FROM rooms r "            \
    "JOIN room_types t ON t.id = r.room_type_id "

static void read_room(sqlite3_stmt *st, struct room *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    COPY(r->room_no, st, 1);
    COPY(r->name, st, 2);
    r->room_type_id = sqlite3_column_int64(st, 3);
    COPY(r->room_type, st, 4);
    r->active = sqlite3_column_int(st, 5);
}

enum db_status room_list(struct db *db, int64_t venue_id, const char *q, int active, room_cb cb,
                         void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, ROOM_COLS "WHERE r.venue_id = $1 AND ($2 < 0 OR r.active = $2) "
                                             "AND ($3 = '' OR instr(r.room_no, $3) > 0 OR "
                                             "instr(r.name, $3) > 0 OR instr(t.name, $3) > 0) "
                                             "ORDER BY r.active DESC, r.room_no");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "iIt", venue_id, active, q ? q : "");
    bool row = true;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct room r;
        read_room(st, &r);
        if (!cb(&r, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status room_load(struct db *db, int64_t venue_id, int64_t id, struct room *r)
{
    sqlite3_stmt *st = db_stmt(db, ROOM_COLS "WHERE r.venue_id = $1 AND r.id = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) read_room(st, r);
    sqlite3_reset(st);
    return s;
}

enum db_status room_find(struct db *db, int64_t venue_id, const char *room_no, int64_t *id)
{
    return db_int(db, id, "SELECT id FROM rooms WHERE venue_id = $1 AND room_no = $2", "it",
                  venue_id, room_no);
}

enum db_status room_insert(struct db *db, int64_t venue_id, const struct room *r, int64_t *id)
{
    return db_int(db, id,
                  "INSERT INTO rooms(venue_id, room_no, name, room_type_id, active, created_at, "
                  "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                  "ittiIi", venue_id, r->room_no, r->name, r->room_type_id, r->active ? 1 : 0,
                  now_epoch());
}

enum db_status room_update(struct db *db, int64_t venue_id, const struct room *r)
{
    return db_exec(db,
                   "UPDATE rooms SET room_no = $1, name = $2, room_type_id = $3, active = $4, "
                   "updated_at = $5 WHERE id = $6 AND venue_id = $7",
                   "ttiIiii", r->room_no, r->name, r->room_type_id, r->active ? 1 : 0, now_epoch(),
                   r->id, venue_id);
}

#define PRODUCT_COLS                                                                             \
    "SELECT id, code, name, category, unit, price_fen, active, min_spend, discountable, "       \
    "commissionable, storable FROM products "

static void read_product(sqlite3_stmt *st, struct product *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(st, 0);
    COPY(p->code, st, 1);
    COPY(p->name, st, 2);
    COPY(p->category, st, 3);
    COPY(p->unit, st, 4);
    p->price_fen = sqlite3_column_int64(st, 5);
    p->active = sqlite3_column_int(st, 6);
    p->min_spend = sqlite3_column_int(st, 7);
    p->discountable = sqlite3_column_int(st, 8);
    p->commissionable = sqlite3_column_int(st, 9);
    p->storable = sqlite3_column_int(st, 10);
}

#define PRODUCT_FILTER                                                                           \
    "WHERE venue_id = $1 AND ($2 < 0 OR active = $2) AND ($3 = '' OR category = $3) "         \
    "AND ($4 = '' OR instr(code, $4) > 0 OR instr(name, $4) > 0) "

enum db_status product_list(struct db *db, int64_t venue_id, const char *q, const char *category,
                            int active, int64_t limit, int64_t offset, int64_t *total,
                            product_cb cb, void *ctx)
{
    enum db_status s = db_int(db, total, "SELECT count(*) FROM products " PRODUCT_FILTER, "iItt",
                              venue_id, active, category ? category : "", q ? q : "");
    if (s != DB_OK) return s;
    sqlite3_stmt *st = db_stmt(db, PRODUCT_COLS PRODUCT_FILTER
                               "ORDER BY active DESC, category, code LIMIT $5 OFFSET $6");
    if (!st) return DB_ERROR;
    s = db_bind(st, "iIttii", venue_id, active, category ? category : "", q ? q : "", limit,
                offset);
    bool row = true;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct product p;
        read_product(st, &p);
        if (!cb(&p, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status product_load(struct db *db, int64_t venue_id, int64_t id, struct product *p)
{
    sqlite3_stmt *st = db_stmt(db, PRODUCT_COLS "WHERE venue_id = $1 AND id = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) read_product(st, p);
    sqlite3_reset(st);
    return s;
}

enum db_status product_find_code(struct db *db, int64_t venue_id, const char *code, int64_t *id)
{
    return db_int(db, id, "SELECT id FROM products WHERE venue_id = $1 AND code = $2", "it",
                  venue_id, code);
}

enum db_status product_find_name(struct db *db, int64_t venue_id, const char *name, int64_t *id)
{
    /* Several products may share a name (an old inactive one and a new one): prefer active. */
    return db_int(db, id,
                  "SELECT id FROM products WHERE venue_id = $1 AND name = $2 "
                  "ORDER BY active DESC, id LIMIT 1",
                  "it", venue_id, name);
}

enum db_status product_insert(struct db *db, int64_t venue_id, const struct product *p,
                              int64_t *id)
{
    return db_int(db, id,
                  "INSERT INTO products(venue_id, code, name, category, unit, price_fen, active, "
                  "min_spend, discountable, commissionable, storable, created_at, updated_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                  "itttti" "IIIII" "i", venue_id, p->code, p->name, p->category, p->unit,
                  p->price_fen, p->active ? 1 : 0, p->min_spend ? 1 : 0, p->discountable ? 1 : 0,
                  p->commissionable ? 1 : 0, p->storable ? 1 : 0, now_epoch());
}

enum db_status product_update(struct db *db, int64_t venue_id, const struct product *p)
{
    return db_exec(db,
                   "UPDATE products SET code = $1, name = $2, category = $3, unit = $4, "
                   "price_fen = $5, active = $6, min_spend = $7, discountable = $8, "
                   "commissionable = $9, storable = $10, updated_at = $11 "
                   "WHERE id = $12 AND venue_id = $13",
                   "tttti" "IIIII" "iii", p->code, p->name, p->category, p->unit, p->price_fen,
                   p->active ? 1 : 0, p->min_spend ? 1 : 0, p->discountable ? 1 : 0,
                   p->commissionable ? 1 : 0, p->storable ? 1 : 0, now_epoch(), p->id, venue_id);
}

enum db_status product_next_auto_code(struct db *db, int64_t venue_id, char code[32])
{
    int64_t n = 0;
    enum db_status s = db_int(db, &n,
                              "SELECT count(*) FROM products WHERE venue_id = $1 AND "
                              "code LIKE 'AUTO-%'",
                              "i", venue_id);
    if (s != DB_OK) return s;
    for (;;) {
        int64_t id;
        snprintf(code, 32, "AUTO-%04lld", (long long)++n);
        s = product_find_code(db, venue_id, code, &id);
        if (s == DB_NOT_FOUND) return DB_OK;
        if (s != DB_OK) return s;
    }
}

enum db_status package_find(struct db *db, int64_t venue_id, const char *name, int64_t *id)
{
    return db_int(db, id, "SELECT id FROM packages WHERE venue_id = $1 AND name = $2", "it",
                  venue_id, name);
}

enum db_status package_insert(struct db *db, int64_t venue_id, const char *name,
                              const char *slot, int64_t price_fen, bool active, int64_t *id)
{
    return db_int(db, id,
                  "INSERT INTO packages(venue_id, name, slot, price_fen, active, created_at, "
                  "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                  "ittiIi", venue_id, name, slot, price_fen, active ? 1 : 0, now_epoch());
}

enum db_status package_item_insert(struct db *db, int64_t package_id, int64_t product_id,
                                   int64_t qty, const char *choice_group)
{
    return db_exec(db,
                   "INSERT INTO package_items(package_id, product_id, qty, choice_group) "
                   "VALUES ($1, $2, $3, $4)",
                   "iiit", package_id, product_id, qty, choice_group ? choice_group : "");
}
