/* master/import.h: importing products and rooms from CSV (as the legacy products.csv and
 * rooms.csv, or as a Chinese Excel user writes them).
 *
 * Products: code,name,category,unit,price,active, with the Chinese headers 编码/商品/类别/单位/
 * 单价/启用 (and a few more spellings) accepted too; only name and price are required (case I2:
 * "商品,单价 / 青岛啤酒,10.00" is a valid file). A row with a code updates the product with
 * that code, or the product an earlier bill import created under the same name (code AUTO-...),
 * or creates one; a row without a code updates the product of that name or creates one with the
 * next AUTO code. Columns absent from the file leave existing values alone.
 * Rooms: room_no,name,room_type (房号/名称/房型), optional active; upsert by room_no, room types
 * found by name or created.
 *
 * The reading is pure (master_read_*); master_import_* is the shell: all or nothing in one write
 * transaction, every created or changed row audited with before and after. */
#ifndef KTV_MASTER_IMPORT_H
#define KTV_MASTER_IMPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/audit.h"
#include "core/db.h"
#include "master/store.h"

struct master_issue {
    unsigned row;    /* CSV line number, 0 for the whole file */
    char column[64]; /* header as written, "" for the row or file */
    char zh[300], en[300];
};

/* Columns a products or rooms file may hold. */
enum { MP_CODE, MP_NAME, MP_CATEGORY, MP_UNIT, MP_PRICE, MP_ACTIVE, MP_NCOLS };
enum { MR_ROOM_NO, MR_NAME, MR_TYPE, MR_ACTIVE, MR_NCOLS };

struct master_rows {
    const char *encoding;     /* "utf-8", "utf-8-bom", "gbk" or "" */
    bool has[8];              /* which columns the file has (MP_* or MR_*) */
    struct product *products; /* rows of a products file (code "" if none given) */
    struct room *rooms;       /* rows of a rooms file (room_type holds the type's name) */
    unsigned *row_of;         /* CSV line of each row */
    size_t n;
    struct master_issue *issues;
    size_t nissues;
};

/* Reads a products file (raw bytes, borrowed). False only when memory ran out; problems are in
 * out->issues. The caller frees with master_rows_free. */
bool master_read_products(const char *data, size_t len, struct master_rows *out);
/* Reads a rooms file. */
bool master_read_rooms(const char *data, size_t len, struct master_rows *out);
void master_rows_free(struct master_rows *r);

/* Imports a products (or rooms) file into the venue as who, all or nothing. Returns the report
 * {kind, committed, rows_read, created, updated, unchanged, created_room_types:[],
 * errors:[{file,row,column,reason,reason_zh,reason_en}], encoding} (caller owns) and sets *status
 * to DB_OK, DB_INVALID when the file was refused (nothing written), or the storage failure. */
json_t *master_import_products(struct db *db, int64_t venue_id, const struct actor *who,
                               const char *file_name, const char *data, size_t len, bool english,
                               enum db_status *status);
json_t *master_import_rooms(struct db *db, int64_t venue_id, const struct actor *who,
                            const char *file_name, const char *data, size_t len, bool english,
                            enum db_status *status);

#endif
