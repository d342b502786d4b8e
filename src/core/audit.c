/* audit.c: the append-only audit trail and its read endpoint (see audit.h). */
#include "core/audit.h"

#include "core/bizday.h"
#include "core/json.h"

#include <stdlib.h>
#include <string.h>

struct actor actor_of(const struct request *req)
{
    struct actor a = {req->user.id, req->user.venue_id, req->user.username, req->request_id};
    return a;
}

struct actor actor_cli(int64_t venue_id)
{
    struct actor a = {0, venue_id, "cli", ""};
    return a;
}

enum db_status audit_record(struct db *db, const struct actor *who, const char *action,
                            const char *entity, const char *entity_id, const json_t *before,
                            const json_t *after)
{
    char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    enum db_status s = db_exec(db,
                               "INSERT INTO audit_log(venue_id, at, user_id, username, action, "
                               "entity, entity_id, before, after, request_id) "
                               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                               "iiittttttt", who->venue_id, now_epoch(), who->user_id,
                               who->username, action, entity, entity_id ? entity_id : "", b, a,
                               who->request_id ? who->request_id : "");
    free(b);
    free(a);
    return s;
}

/* GET /api/v1/audit?entity=&username=&from=YYYY-MM-DD&to=YYYY-MM-DD&page=&page_size=
 * Newest first. Dates are UTC calendar days of the instant (the trail is not a business
 * report). */
static void audit_list(struct request *req)
{
    const char *entity = req_query(req, "entity");
    const char *username = req_query(req, "username");
    const char *from = req_query(req, "from"), *to = req_query(req, "to");
    int64_t from_day = 0, to_day = 0;
    if (from && *from && !date_parse(from, &from_day)) {
        reply_error(req, 400, "invalid_field", "from", "开始日期格式应为 YYYY-MM-DD",
                    "from must be YYYY-MM-DD");
        return;
    }
    if (to && *to && !date_parse(to, &to_day)) {
        reply_error(req, 400, "invalid_field", "to", "结束日期格式应为 YYYY-MM-DD",
                    "to must be YYYY-MM-DD");
        return;
    }
    int64_t lo = from && *from ? from_day * 86400 : 0;
    int64_t hi = to && *to ? (to_day + 1) * 86400 : INT64_MAX;
    /* Parsed and bounded like the other lists: atoll took "page=9223372036854775807" and the
     * offset (page - 1) * page_size overflowed (undefined behaviour; the sanitizer build
     * aborts on it). */
    int64_t page_size = REQ_PAGE_SIZE_DEFAULT, page = 1;
    if (!req_paging(req, &page, &page_size)) return;
    static const char count_sql[] =
        "SELECT count(*) FROM audit_log WHERE venue_id = $1 AND at >= $2 AND at < $3 "
        "AND ($4 = '' OR entity = $4) AND ($5 = '' OR username = $5)";
    static const char list_sql[] =
        "SELECT id, at, username, action, entity, entity_id, before, after, request_id "
        "FROM audit_log WHERE venue_id = $1 AND at >= $2 AND at < $3 "
        "AND ($4 = '' OR entity = $4) AND ($5 = '' OR username = $5) "
        "ORDER BY id DESC LIMIT $6 OFFSET $7";
    int64_t total = 0;
    enum db_status s = db_int(req->db, &total, count_sql, "iiitt", req->user.venue_id, lo, hi,
                              entity ? entity : "", username ? username : "");
    if (s != DB_OK) {
        reply_db_error(req, s, "审计记录", "audit records");
        return;
    }
    sqlite3_stmt *st = db_stmt(req->db, list_sql);
    if (!st || db_bind(st, "iiittii", req->user.venue_id, lo, hi, entity ? entity : "",
                       username ? username : "", page_size, (page - 1) * page_size) != DB_OK) {
        reply_internal(req);
        return;
    }
    json_t *items = json_array();
    bool row;
    while ((s = db_step(st, &row)) == DB_OK && row) {
        json_t *it = json_object();
        json_set_int(it, "id", sqlite3_column_int64(st, 0));
        json_set_int(it, "at", sqlite3_column_int64(st, 1));
        json_set_str(it, "username", db_col_text(st, 2));
        json_set_str(it, "action", db_col_text(st, 3));
        json_set_str(it, "entity", db_col_text(st, 4));
        json_set_str(it, "entity_id", db_col_text(st, 5));
        for (int c = 6; c <= 7; c++) {
            const char *t = (const char *)sqlite3_column_text(st, c);
            json_t *v = t ? json_loads(t, 0, NULL) : NULL;
            json_object_set_new(it, c == 6 ? "before" : "after", v ? v : json_null());
        }
        json_set_str(it, "request_id", db_col_text(st, 8));
        json_array_append_new(items, it);
    }
    sqlite3_reset(st);
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "审计记录", "audit records");
        return;
    }
    json_t *out = json_object();
    json_object_set_new(out, "items", items);
    json_set_int(out, "total", total);
    json_set_int(out, "page", page);
    json_set_int(out, "page_size", page_size);
    reply_json(req, 200, out);
}

const struct route audit_routes[] = {
    {"GET", "/api/v1/audit", audit_list, "audit", ACCESS_READ, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
