/* master/store.h: SQL of the master data: room types, rooms, products, packages. */
#ifndef KTV_MASTER_STORE_H
#define KTV_MASTER_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/db.h"

struct room_type {
    int64_t id;
    char name[204];
    int64_t capacity;
    bool active;
    int64_t sort_order;
    int64_t room_count; /* filled by lists */
};

struct room {
    int64_t id;
    char room_no[84];
    char name[204];
    int64_t room_type_id;
    char room_type[204]; /* filled by loads and lists */
    bool active;
};

struct product {
    int64_t id;
    char code[164];
    char name[404];
    char category[204];
    char unit[84];
    int64_t price_fen;
    bool active, min_spend, discountable, commissionable, storable;
};

/* Callback for list functions: return false to stop. */
typedef bool (*room_type_cb)(const struct room_type *t, void *ctx);
typedef bool (*room_cb)(const struct room *r, void *ctx);
typedef bool (*product_cb)(const struct product *p, void *ctx);

enum db_status room_type_list(struct db *db, int64_t venue_id, room_type_cb cb, void *ctx);
enum db_status room_type_load(struct db *db, int64_t venue_id, int64_t id, struct room_type *t);
/* Finds a room type by exact name; DB_NOT_FOUND if none. */
enum db_status room_type_find(struct db *db, int64_t venue_id, const char *name, int64_t *id);
enum db_status room_type_insert(struct db *db, int64_t venue_id, const struct room_type *t,
                                int64_t *id);
enum db_status room_type_update(struct db *db, int64_t venue_id, const struct room_type *t);

/* Rooms, optionally filtered by a search text (room number or name) and active state
 * (-1 for any). */
enum db_status room_list(struct db *db, int64_t venue_id, const char *q, int active, room_cb cb,
                         void *ctx);
enum db_status room_load(struct db *db, int64_t venue_id, int64_t id, struct room *r);
enum db_status room_find(struct db *db, int64_t venue_id, const char *room_no, int64_t *id);
enum db_status room_insert(struct db *db, int64_t venue_id, const struct room *r, int64_t *id);
enum db_status room_update(struct db *db, int64_t venue_id, const struct room *r);

/* Products filtered by search text (code or name), category ("" any), active (-1 any);
 * paged. *total gets the count before paging. */
enum db_status product_list(struct db *db, int64_t venue_id, const char *q, const char *category,
                            int active, int64_t limit, int64_t offset, int64_t *total,
                            product_cb cb, void *ctx);
enum db_status product_load(struct db *db, int64_t venue_id, int64_t id, struct product *p);
enum db_status product_find_code(struct db *db, int64_t venue_id, const char *code, int64_t *id);
enum db_status product_find_name(struct db *db, int64_t venue_id, const char *name, int64_t *id);
enum db_status product_insert(struct db *db, int64_t venue_id, const struct product *p,
                              int64_t *id);
enum db_status product_update(struct db *db, int64_t venue_id, const struct product *p);
/* The next free automatic code "AUTO-0001"... for products created by an import. */
enum db_status product_next_auto_code(struct db *db, int64_t venue_id, char code[32]);

/* Packages (套餐): by name; created inactive by imports when unknown. */
enum db_status package_find(struct db *db, int64_t venue_id, const char *name, int64_t *id);
enum db_status package_insert(struct db *db, int64_t venue_id, const char *name,
                              const char *slot, int64_t price_fen, bool active, int64_t *id);
/* Adds an item (qty of a product, optionally in a choice group, "" for none) to a package. */
enum db_status package_item_insert(struct db *db, int64_t package_id, int64_t product_id,
                                   int64_t qty, const char *choice_group);

#endif
