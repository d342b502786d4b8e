/* master/api.c: room types, rooms and products: list with search, create, edit, deactivate,
 * and product import from CSV. Parse and validate, call the store, serialise; no SQL here. */
#include "master/api.h"

#include "core/audit.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/money.h"
#include "master/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- room types ---- */

static json_t *room_type_json(const struct room_type *t)
{
    return json_pack("{s:I,s:s,s:I,s:b,s:I,s:I}", "id", (json_int_t)t->id, "name", t->name,
                     "capacity", (json_int_t)t->capacity, "active", t->active, "sort_order",
                     (json_int_t)t->sort_order, "room_count", (json_int_t)t->room_count);
}

static bool append_room_type(const struct room_type *t, void *ctx)
{
    json_array_append_new(ctx, room_type_json(t));
    return true;
}

static void room_types_list(struct request *req)
{
    json_t *items = json_array();
    enum db_status s = room_type_list(req->db, req->user.venue_id, append_room_type, items);
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "房型", "room types");
        return;
    }
    reply_json(req, 200, json_pack("{s:o}", "items", items));
}

static const char *const room_type_fields[] = {"name", "capacity", "active", "sort_order", NULL};

/* Reads the fields of a room type body onto t (absent fields keep t's values). */
static bool room_type_from_body(struct request *req, json_t *body, struct room_type *t,
                                bool creating)
{
    const char *name = NULL;
    bool active = t->active;
    if (!jfield_str(req, body, "name", "房型名称", "room type name", creating, 50, &name) ||
        !jfield_int(req, body, "capacity", "容纳人数", "capacity", false, 0, 500, &t->capacity) ||
        !jfield_bool(req, body, "active", "启用", "active", false, &active) ||
        !jfield_int(req, body, "sort_order", "排序", "sort order", false, -10000, 10000,
                    &t->sort_order))
        return false;
    if (name) snprintf(t->name, sizeof t->name, "%s", name);
    t->active = active;
    return true;
}

/* One write: load before, apply, load after, audit, commit, reply. The three entities of this
 * file share it through these small adapters. */
struct entity_ops {
    const char *entity, *what_zh, *what_en;
    json_t *(*load)(struct db *db, int64_t venue_id, int64_t id); /* NULL if missing */
};

static void finish_write(struct request *req, enum db_status s, const struct entity_ops *ops,
                         const char *action, int64_t id, json_t *before, int status)
{
    json_t *after = NULL;
    if (s == DB_OK) {
        after = ops->load(req->db, req->user.venue_id, id);
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)id);
        s = after ? audit_record(req->db, &a, action, ops->entity, sid, before, after) : DB_ERROR;
    }
    if (s == DB_OK) s = db_commit(req->db);
    if (s == DB_OK)
        reply_json(req, status, json_incref(after));
    else if (s == DB_CONFLICT) {
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "%s已存在（名称或编号重复）", ops->what_zh);
        snprintf(en, sizeof en, "%s already exists (duplicate name, number or code)",
                 ops->what_en);
        reply_error(req, 409, "duplicate", NULL, zh, en);
    } else
        reply_db_error(req, s, ops->what_zh, ops->what_en);
    json_decref(after);
}

static json_t *load_room_type_json(struct db *db, int64_t venue_id, int64_t id)
{
    struct room_type t;
    return room_type_load(db, venue_id, id, &t) == DB_OK ? room_type_json(&t) : NULL;
}

static const struct entity_ops room_type_ops = {"room_type", "房型", "room type",
                                                load_room_type_json};

static void room_types_create(struct request *req)
{
    json_t *body = req_json_object(req, room_type_fields);
    if (!body) return;
    struct room_type t = {.active = true};
    if (room_type_from_body(req, body, &t, true)) {
        int64_t id = 0;
        enum db_status s = db_begin_write(req->db);
        if (s == DB_OK) s = room_type_insert(req->db, req->user.venue_id, &t, &id);
        finish_write(req, s, &room_type_ops, "create", id, NULL, 201);
    }
    json_decref(body);
}

static void room_types_update(struct request *req)
{
    json_t *body = req_json_object(req, room_type_fields);
    if (!body) return;
    int64_t id = req_param_id(req, "id");
    struct room_type t;
    enum db_status s = db_begin_write(req->db);
    if (s == DB_OK) s = room_type_load(req->db, req->user.venue_id, id, &t);
    if (s != DB_OK) {
        reply_db_error(req, s, "房型", "room type");
    } else {
        json_t *before = room_type_json(&t);
        if (room_type_from_body(req, body, &t, false)) {
            s = room_type_update(req->db, req->user.venue_id, &t);
            finish_write(req, s, &room_type_ops, "update", id, before, 200);
        }
        json_decref(before);
    }
    json_decref(body);
}

/* ---- rooms ---- */

static json_t *room_json(const struct room *r)
{
    return json_pack("{s:I,s:s,s:s,s:I,s:s,s:b}", "id", (json_int_t)r->id, "room_no", r->room_no,
                     "name", r->name, "room_type_id", (json_int_t)r->room_type_id, "room_type",
                     r->room_type, "active", r->active);
}

static bool append_room(const struct room *r, void *ctx)
{
    json_array_append_new(ctx, room_json(r));
    return true;
}

/* ?active=1|0 (absent: all). */
static int active_filter(struct request *req)
{
    const char *a = req_query(req, "active");
    if (!a || !*a) return -1;
    return strcmp(a, "1") == 0 || strcmp(a, "true") == 0 ? 1 : 0;
}

static void rooms_list(struct request *req)
{
    json_t *items = json_array();
    enum db_status s = room_list(req->db, req->user.venue_id, req_query(req, "q"),
                                 active_filter(req), append_room, items);
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "房间", "rooms");
        return;
    }
    reply_json(req, 200, json_pack("{s:o,s:I}", "items", items, "total",
                                   (json_int_t)json_array_size(items)));
}

static const char *const room_fields[] = {"room_no", "name", "room_type_id", "active", NULL};

static bool room_from_body(struct request *req, json_t *body, struct room *r, bool creating)
{
    const char *room_no = NULL, *name = NULL;
    bool active = r->active;
    if (!jfield_str(req, body, "room_no", "房号", "room number", creating, 20, &room_no) ||
        !jfield_str(req, body, "name", "房间名称", "room name", false, 50, &name) ||
        !jfield_int(req, body, "room_type_id", "房型", "room type", creating, 1, INT64_MAX,
                    &r->room_type_id) ||
        !jfield_bool(req, body, "active", "启用", "active", false, &active))
        return false;
    if (room_no) snprintf(r->room_no, sizeof r->room_no, "%s", room_no);
    if (name) snprintf(r->name, sizeof r->name, "%s", name);
    r->active = active;
    struct room_type t;
    if (room_type_load(req->db, req->user.venue_id, r->room_type_id, &t) != DB_OK) {
        reply_error(req, 400, "invalid_field", "room_type_id", "房型不存在", "no such room type");
        return false;
    }
    return true;
}

static json_t *load_room_json(struct db *db, int64_t venue_id, int64_t id)
{
    struct room r;
    return room_load(db, venue_id, id, &r) == DB_OK ? room_json(&r) : NULL;
}

static const struct entity_ops room_ops = {"room", "房间", "room", load_room_json};

static void rooms_create(struct request *req)
{
    json_t *body = req_json_object(req, room_fields);
    if (!body) return;
    struct room r = {.active = true};
    enum db_status s = db_begin_write(req->db);
    if (s != DB_OK)
        reply_db_error(req, s, "房间", "room");
    else if (room_from_body(req, body, &r, true)) {
        int64_t id = 0;
        s = room_insert(req->db, req->user.venue_id, &r, &id);
        finish_write(req, s, &room_ops, "create", id, NULL, 201);
    }
    json_decref(body);
}

static void rooms_update(struct request *req)
{
    json_t *body = req_json_object(req, room_fields);
    if (!body) return;
    int64_t id = req_param_id(req, "id");
    struct room r;
    enum db_status s = db_begin_write(req->db);
    if (s == DB_OK) s = room_load(req->db, req->user.venue_id, id, &r);
    if (s != DB_OK) {
        reply_db_error(req, s, "房间", "room");
    } else {
        json_t *before = room_json(&r);
        if (room_from_body(req, body, &r, false)) {
            s = room_update(req->db, req->user.venue_id, &r);
            finish_write(req, s, &room_ops, "update", id, before, 200);
        }
        json_decref(before);
    }
    json_decref(body);
}

/* ---- products ---- */

static json_t *product_json(const struct product *p)
{
    char price[32];
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:s,s:b,s:b,s:b,s:b,s:b}", "id", (json_int_t)p->id,
                     "code", p->code, "name", p->name, "category", p->category, "unit", p->unit,
                     "price_fen", (json_int_t)p->price_fen, "price",
                     money_format(p->price_fen, price), "active", p->active, "min_spend",
                     p->min_spend, "discountable", p->discountable, "commissionable",
                     p->commissionable, "storable", p->storable);
}

static bool append_product(const struct product *p, void *ctx)
{
    json_array_append_new(ctx, product_json(p));
    return true;
}

static void products_list(struct request *req)
{
    const char *ps = req_query(req, "page_size"), *pg = req_query(req, "page");
    int64_t page_size = ps ? atoll(ps) : 50, page = pg ? atoll(pg) : 1, total = 0;
    if (page_size < 1 || page_size > 1000) page_size = 50;
    if (page < 1) page = 1;
    json_t *items = json_array();
    enum db_status s = product_list(req->db, req->user.venue_id, req_query(req, "q"),
                                    req_query(req, "category"), active_filter(req), page_size,
                                    (page - 1) * page_size, &total, append_product, items);
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "商品", "products");
        return;
    }
    reply_json(req, 200, json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total",
                                   (json_int_t)total, "page", (json_int_t)page, "page_size",
                                   (json_int_t)page_size));
}

static const char *const product_fields[] = {"code",         "name",     "category",
                                             "unit",         "price_fen", "active",
                                             "min_spend",    "discountable", "commissionable",
                                             "storable",     NULL};

static bool product_from_body(struct request *req, json_t *body, struct product *p, bool creating)
{
    const char *code = NULL, *name = NULL, *category = NULL, *unit = NULL;
    bool f[5] = {p->active, p->min_spend, p->discountable, p->commissionable, p->storable};
    if (!jfield_str(req, body, "code", "商品编码", "product code", creating, 40, &code) ||
        !jfield_str(req, body, "name", "商品名称", "product name", creating, 100, &name) ||
        !jfield_str(req, body, "category", "类别", "category", false, 50, &category) ||
        !jfield_str(req, body, "unit", "单位", "unit", false, 20, &unit) ||
        !jfield_fen(req, body, "price_fen", "售价", "price", creating, &p->price_fen) ||
        !jfield_bool(req, body, "active", "启用", "active", false, &f[0]) ||
        !jfield_bool(req, body, "min_spend", "计入低消", "counts toward minimum spend", false,
                     &f[1]) ||
        !jfield_bool(req, body, "discountable", "可打折", "discountable", false, &f[2]) ||
        !jfield_bool(req, body, "commissionable", "计提成", "commissionable", false, &f[3]) ||
        !jfield_bool(req, body, "storable", "可寄存", "storable", false, &f[4]))
        return false;
    if (p->price_fen > 100000000) {
        reply_error(req, 400, "invalid_field", "price_fen", "售价不能超过 1,000,000.00 元",
                    "price may not exceed 1,000,000.00");
        return false;
    }
    if (code) snprintf(p->code, sizeof p->code, "%s", code);
    if (name) snprintf(p->name, sizeof p->name, "%s", name);
    if (category) snprintf(p->category, sizeof p->category, "%s", category);
    if (unit) snprintf(p->unit, sizeof p->unit, "%s", unit);
    p->active = f[0];
    p->min_spend = f[1];
    p->discountable = f[2];
    p->commissionable = f[3];
    p->storable = f[4];
    return true;
}

static json_t *load_product_json(struct db *db, int64_t venue_id, int64_t id)
{
    struct product p;
    return product_load(db, venue_id, id, &p) == DB_OK ? product_json(&p) : NULL;
}

static const struct entity_ops product_ops = {"product", "商品", "product", load_product_json};

static void products_create(struct request *req)
{
    json_t *body = req_json_object(req, product_fields);
    if (!body) return;
    struct product p = {.active = true, .min_spend = true, .discountable = true,
                        .commissionable = true};
    if (product_from_body(req, body, &p, true)) {
        int64_t id = 0;
        enum db_status s = db_begin_write(req->db);
        if (s == DB_OK) s = product_insert(req->db, req->user.venue_id, &p, &id);
        finish_write(req, s, &product_ops, "create", id, NULL, 201);
    }
    json_decref(body);
}

static void products_update(struct request *req)
{
    json_t *body = req_json_object(req, product_fields);
    if (!body) return;
    int64_t id = req_param_id(req, "id");
    struct product p;
    enum db_status s = db_begin_write(req->db);
    if (s == DB_OK) s = product_load(req->db, req->user.venue_id, id, &p);
    if (s != DB_OK) {
        reply_db_error(req, s, "商品", "product");
    } else {
        json_t *before = product_json(&p);
        if (product_from_body(req, body, &p, false)) {
            s = product_update(req->db, req->user.venue_id, &p);
            finish_write(req, s, &product_ops, "update", id, before, 200);
        }
        json_decref(before);
    }
    json_decref(body);
}

const struct route master_routes[] = {
    {"GET", "/api/v1/room-types", room_types_list, "rooms", ACCESS_READ, 0},
    {"POST", "/api/v1/room-types", room_types_create, "rooms", ACCESS_WRITE, 0},
    {"PUT", "/api/v1/room-types/:id", room_types_update, "rooms", ACCESS_WRITE, 0},
    {"GET", "/api/v1/rooms", rooms_list, "rooms", ACCESS_READ, 0},
    {"POST", "/api/v1/rooms", rooms_create, "rooms", ACCESS_WRITE, 0},
    {"PUT", "/api/v1/rooms/:id", rooms_update, "rooms", ACCESS_WRITE, 0},
    {"GET", "/api/v1/products", products_list, "products", ACCESS_READ, 0},
    {"POST", "/api/v1/products", products_create, "products", ACCESS_WRITE, 0},
    {"PUT", "/api/v1/products/:id", products_update, "products", ACCESS_WRITE, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
