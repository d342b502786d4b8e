/* venue.c: venue storage and the settings endpoints (see venue.h). */
#include "core/venue.h"

#include "core/audit.h"
#include "core/bizday.h"
#include "core/json.h"

#include <stdio.h>
#include <string.h>

enum db_status venue_load(struct db *db, int64_t id, struct venue *v)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, name, timezone, cutoff_minutes, address, phone "
                                   "FROM venue WHERE id = $1");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) {
        memset(v, 0, sizeof *v);
        v->id = sqlite3_column_int64(st, 0);
        snprintf(v->name, sizeof v->name, "%s", db_col_text(st, 1));
        snprintf(v->timezone, sizeof v->timezone, "%s", db_col_text(st, 2));
        v->cutoff_minutes = sqlite3_column_int(st, 3);
        snprintf(v->address, sizeof v->address, "%s", db_col_text(st, 4));
        snprintf(v->phone, sizeof v->phone, "%s", db_col_text(st, 5));
    }
    sqlite3_reset(st);
    return s;
}

enum db_status venue_insert(struct db *db, const char *name, const char *timezone,
                            int cutoff_minutes, int64_t *id)
{
    int64_t now = now_epoch();
    return db_int(db, id,
                  "INSERT INTO venue(name, timezone, cutoff_minutes, created_at, updated_at) "
                  "VALUES ($1, $2, $3, $4, $4) RETURNING id",
                  "ttIi", name, timezone, cutoff_minutes, now);
}

enum db_status venue_first(struct db *db, int64_t *id)
{
    return db_int(db, id, "SELECT min(id) FROM venue HAVING count(*) > 0", "");
}

static json_t *venue_json(const struct venue *v)
{
    char cut[24];
    snprintf(cut, sizeof cut, "%02d:%02d", v->cutoff_minutes / 60 % 24, v->cutoff_minutes % 60);
    return json_pack("{s:I,s:s,s:s,s:i,s:s,s:s,s:s}", "id", (json_int_t)v->id, "name", v->name,
                     "timezone", v->timezone, "cutoff_minutes", v->cutoff_minutes, "cutoff", cut,
                     "address", v->address, "phone", v->phone);
}

static void venue_get(struct request *req)
{
    struct venue v;
    enum db_status s = venue_load(req->db, req->user.venue_id, &v);
    if (s != DB_OK) {
        reply_db_error(req, s, "门店", "venue");
        return;
    }
    reply_json(req, 200, venue_json(&v));
}

/* PUT /api/v1/venue {name, timezone, cutoff ("HH:MM"), address, phone}: any subset.
 * Changing the cut-off or zone affects bills written from now on; business days of bills
 * already written stay as they were (a report never moves a settled bill). */
static void venue_put(struct request *req)
{
    static const char *const fields[] = {"name", "timezone", "cutoff", "address", "phone", NULL};
    json_t *body = req_json_object(req, fields);
    json_t *before = NULL, *after = NULL;
    if (!body) return;
    const char *name = NULL, *tzname = NULL, *cutoff = NULL, *address = NULL, *phone = NULL;
    int cutoff_minutes = -1;
    if (!jfield_str(req, body, "name", "门店名称", "venue name", false, 100, &name) ||
        !jfield_str(req, body, "timezone", "时区", "time zone", false, 64, &tzname) ||
        !jfield_str(req, body, "cutoff", "营业日切换时间", "business-day cut-off", false, 5,
                    &cutoff) ||
        !jfield_str(req, body, "address", "地址", "address", false, 200, &address) ||
        !jfield_str(req, body, "phone", "电话", "phone", false, 40, &phone))
        goto out;
    if (name && name[strspn(name, " ")] == 0) {
        reply_error(req, 400, "invalid_field", "name", "门店名称不能为空", "name may not be blank");
        goto out;
    }
    if (tzname && !tz_valid(tzname)) {
        reply_error(req, 400, "invalid_field", "timezone", "时区不存在（例如 Asia/Shanghai）",
                    "unknown time zone (e.g. Asia/Shanghai)");
        goto out;
    }
    if (cutoff && !hhmm_parse(cutoff, &cutoff_minutes)) {
        reply_error(req, 400, "invalid_field", "cutoff", "营业日切换时间格式应为 HH:MM，例如 06:00",
                    "cut-off must be HH:MM, e.g. 06:00");
        goto out;
    }
    struct venue v;
    enum db_status s = db_begin_write(req->db);
    if (s == DB_OK) s = venue_load(req->db, req->user.venue_id, &v);
    if (s == DB_OK) {
        before = venue_json(&v);
        s = db_exec(req->db,
                    "UPDATE venue SET name = coalesce($1, name), timezone = coalesce($2, timezone), "
                    "cutoff_minutes = CASE WHEN $3 < 0 THEN cutoff_minutes ELSE $3 END, "
                    "address = coalesce($4, address), phone = coalesce($5, phone), "
                    "updated_at = $6 WHERE id = $7",
                    "ttIttii", name, tzname, cutoff_minutes, address, phone, now_epoch(),
                    req->user.venue_id);
    }
    if (s == DB_OK) s = venue_load(req->db, req->user.venue_id, &v);
    if (s == DB_OK) {
        after = venue_json(&v);
        struct actor a = actor_of(req);
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)v.id);
        s = audit_record(req->db, &a, "update", "venue", id, before, after);
    }
    if (s == DB_OK) s = db_commit(req->db);
    if (s != DB_OK)
        reply_db_error(req, s, "门店", "venue");
    else
        reply_json(req, 200, json_incref(after));
out:
    json_decref(before);
    json_decref(after);
    json_decref(body);
}

const struct route venue_routes[] = {
    {"GET", "/api/v1/venue", venue_get, NULL, ACCESS_LOGIN, 0},
    {"PUT", "/api/v1/venue", venue_put, "settings", ACCESS_WRITE, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
