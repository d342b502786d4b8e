/* finance/groupbuy_api.c: the group-buy endpoints (团购对账): platforms and their statement
 * column maps, statement imports, the three-way reconciliation and its export. Parse and
 * validate, one transaction, the rules of groupbuy.c, JSON out; the SQL is in groupbuy_store.c.
 * Every route needs the module "finance" (read, or write for the changes). */
#include "finance/groupbuy.h"

#include "core/audit.h"
#include "core/bizday.h"
#include "core/export.h"
#include "core/json.h"
#include "core/log.h"
#include "core/money.h"
#include "core/multipart.h"
#include "core/venue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A statement is a month of vouchers: a few hundred KB. 16 MiB bounds memory per request and
 * leaves room for a year of a busy venue's vouchers in one file. */
#define STATEMENT_MAX_BODY (16u * 1024 * 1024)
/* The exception rows one answer carries (the export carries them all): more is a page no one
 * reads; the counts and amounts stay exact. */
#define EXCEPTIONS_MAX 5000
/* Imports listed on the page. */
#define IMPORTS_MAX 100
/* Write transactions are tried this often (BEGIN IMMEDIATE waits already; see frontdesk). */
#define WRITE_TRIES 3

/* ---- small helpers ---- */

static void money(json_t *o, const char *key_fen, const char *key_text, int64_t fen)
{
    json_set_money(o, key_fen, key_text, fen);
}

/* fen, or null when the statement does not say. */
static json_t *maybe_fen(int64_t fen)
{
    return fen == GB_UNKNOWN ? json_null() : json_integer(fen);
}

static bool platform_code_ok(const char *c)
{
    if (!c || !*c || strlen(c) > GB_PLATFORM_MAX) return false;
    for (; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) return false;
    return true;
}

static json_t *columns_json(const struct gb_column_map *m)
{
    json_t *o = json_object();
    for (int f = 0; f < GB_F__MAX; f++)
        json_set_str(o, gb_field_keys[f], m->headers[f]);
    return o;
}

static json_t *platform_json(const struct gb_platform *p)
{
    json_t *o = json_object();
    json_set_int(o, "id", p->id);
    json_set_str(o, "code", p->code);
    json_set_str(o, "name", p->name);
    json_set_str(o, "name_en", p->name_en);
    json_object_set_new(o, "active", json_boolean(p->active));
    json_object_set_new(o, "columns", columns_json(&p->map));
    return o;
}

/* Replies 400 naming the platform code when it is not a code; else loads it (404 if none). */
static bool load_platform(struct request *req, const char *code, const char *field,
                          struct gb_platform *p)
{
    if (!platform_code_ok(code)) {
        reply_error(req, 400, "invalid_field", field,
                    "团购平台应为小写英文代码，如 meituan、douyin、dianping",
                    "a platform is a lower-case code such as meituan, douyin, dianping");
        return false;
    }
    enum db_status s = gb_platform_get(req->db, req->user.venue_id, code, p);
    if (s == DB_NOT_FOUND) {
        char zh[120], en[120];
        snprintf(zh, sizeof zh, "没有团购平台“%s”（请先在平台设置中添加）", code);
        snprintf(en, sizeof en, "no group-buy platform \"%s\" (add it in the platform settings)",
                 code);
        reply_error(req, 404, "not_found", field, zh, en);
        return false;
    }
    if (s != DB_OK) {
        reply_db_error(req, s, "团购平台", "platform");
        return false;
    }
    return true;
}

/* ---- platforms ---- */

struct list_ctx {
    json_t *items;
};

static bool append_platform(const struct gb_platform *p, void *ctx)
{
    struct list_ctx *l = ctx;
    json_t *o = platform_json(p);
    money(o, "receivable_fen", "receivable", 0);
    json_array_append_new(l->items, o);
    return true;
}

struct receivable_ctx {
    json_t *platforms; /* items to fill receivable_fen in */
    json_t *list;
};

static bool append_receivable(const char *party, int64_t balance, void *ctx)
{
    struct receivable_ctx *r = ctx;
    const char *name = party;
    size_t i;
    json_t *p;
    json_array_foreach(r->platforms, i, p)
    {
        if (strcmp(json_string_value(json_object_get(p, "code")), party) == 0) {
            money(p, "receivable_fen", "receivable", balance);
            name = json_string_value(json_object_get(p, "name"));
        }
    }
    json_t *o = json_object();
    json_set_str(o, "platform", party);
    json_set_str(o, "name", name);
    money(o, "balance_fen", "balance", balance);
    json_array_append_new(r->list, o);
    return true;
}

/* The platforms with their receivables into *items and *receivables (caller owns both). */
static enum db_status platforms_with_balances(struct request *req, json_t **items,
                                              json_t **receivables)
{
    *items = json_array();
    *receivables = json_array();
    struct list_ctx l = {*items};
    enum db_status s = gb_platform_list(req->db, req->user.venue_id, append_platform, &l);
    struct receivable_ctx r = {*items, *receivables};
    if (s == DB_OK) s = gb_receivables(req->db, req->user.venue_id, append_receivable, &r);
    return s;
}

/* GET /api/v1/groupbuy/platforms */
static void platforms_get(struct request *req)
{
    json_t *items = NULL, *receivables = NULL;
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK) s = platforms_with_balances(req, &items, &receivables);
    db_rollback(req->db);
    if (s != DB_OK) {
        json_decref(items);
        json_decref(receivables);
        reply_db_error(req, s, "团购平台", "platforms");
        return;
    }
    json_t *fields = json_array();
    for (int f = 0; f < GB_F__MAX; f++)
        json_array_append_new(fields, json_pack("{s:s,s:s,s:s,s:b}", "key", gb_field_keys[f],
                                                "name", gb_field_names_zh[f], "name_en",
                                                gb_field_names_en[f], "required", f == GB_F_CODE));
    reply_json(
        req, 200,
        json_pack("{s:o,s:o,s:o}", "items", items, "receivables", receivables, "fields", fields));
}

/* Reads "columns": {"code": "券码|团购券码", ...} into m (keys given replace; others stay).
 * Replies 400 and returns false on an unknown key, a wrong type or a bad map. */
static bool read_columns(struct request *req, json_t *body, struct gb_column_map *m)
{
    json_t *cols = json_object_get(body, "columns");
    if (!cols || json_is_null(cols)) return true;
    if (!json_is_object(cols)) {
        reply_error(req, 400, "invalid_field", "columns", "列设置应为对象（字段 → 表头）",
                    "columns is an object of field -> header");
        return false;
    }
    const char *key;
    json_t *v;
    json_object_foreach(cols, key, v)
    {
        int f = -1;
        for (int k = 0; k < GB_F__MAX; k++)
            if (strcmp(gb_field_keys[k], key) == 0) f = k;
        char field[64], zh[300], en[300];
        snprintf(field, sizeof field, "columns.%.40s", key);
        if (f < 0) {
            snprintf(zh, sizeof zh,
                     "不认识的列字段“%.40s”（可用：code、verified_at、face、paid、"
                     "fee、net、settled_on、batch）",
                     key);
            snprintf(en, sizeof en, "unknown column field \"%.40s\"", key);
            reply_error(req, 400, "unknown_field", field, zh, en);
            return false;
        }
        if (!json_is_string(v) || strlen(json_string_value(v)) > GB_HEADERS_MAX) {
            snprintf(zh, sizeof zh, "“%s”列名应为不超过 %d 字节的文字", gb_field_names_zh[f],
                     GB_HEADERS_MAX);
            snprintf(en, sizeof en, "the %s header is a text of at most %d bytes",
                     gb_field_names_en[f], GB_HEADERS_MAX);
            reply_error(req, 400, "invalid_field", field, zh, en);
            return false;
        }
        snprintf(m->headers[f], sizeof m->headers[f], "%s", json_string_value(v));
    }
    enum gb_field bad;
    char zh[200], en[200];
    if (!gb_column_map_check(m, &bad, zh, en)) {
        char field[64];
        snprintf(field, sizeof field, "columns.%s", gb_field_keys[bad]);
        reply_error(req, 400, "invalid_field", field, zh, en);
        return false;
    }
    return true;
}

/* Name, English name, active and columns of a platform from body (create: name required). */
static bool read_platform(struct request *req, json_t *body, bool create, struct gb_platform *p)
{
    const char *name = NULL, *name_en = NULL;
    bool active = p->active;
    if (!jfield_str(req, body, "name", "平台名称", "name", create, 40, &name) ||
        !jfield_str(req, body, "name_en", "英文名称", "English name", false, 40, &name_en) ||
        !jfield_bool(req, body, "active", "启用", "active", false, &active) ||
        !read_columns(req, body, &p->map))
        return false;
    if (name) {
        if (!*name || name[strspn(name, " ")] == 0) {
            reply_error(req, 400, "invalid_field", "name", "平台名称不能为空",
                        "the name is required");
            return false;
        }
        snprintf(p->name, sizeof p->name, "%s", name);
    }
    if (name_en) snprintf(p->name_en, sizeof p->name_en, "%s", name_en);
    p->active = active;
    return true;
}

static enum db_status audit_platform(struct request *req, const char *action,
                                     const struct gb_platform *before,
                                     const struct gb_platform *after)
{
    struct actor a = actor_of(req);
    json_t *b = before ? platform_json(before) : NULL, *x = platform_json(after);
    enum db_status s = audit_record(req->db, &a, action, "groupbuy_platform", after->code, b, x);
    json_decref(b);
    json_decref(x);
    return s;
}

/* POST /api/v1/groupbuy/platforms {"code","name","name_en","columns":{...},"active"} */
static void platforms_post(struct request *req)
{
    static const char *const fields[] = {"code", "name", "name_en", "columns", "active", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct gb_platform p;
    memset(&p, 0, sizeof p);
    p.active = true;
    const char *code = NULL;
    if (!jfield_str(req, body, "code", "平台代码", "code", true, GB_PLATFORM_MAX, &code)) goto out;
    if (!platform_code_ok(code)) {
        reply_error(req, 400, "invalid_field", "code",
                    "平台代码应为小写英文字母、数字或下划线，如 meituan（收银台记券时用它）",
                    "a platform code is lower-case letters, digits or _, such as meituan");
        goto out;
    }
    snprintf(p.code, sizeof p.code, "%s", code);
    if (!read_platform(req, body, true, &p)) goto out;
    if (!p.map.headers[GB_F_CODE][0]) {
        reply_error(req, 400, "invalid_field", "columns.code", "必须指定券码所在的列",
                    "the voucher code column must be named");
        goto out;
    }
    enum db_status s = DB_RETRY;
    for (int i = 0; i < WRITE_TRIES && s == DB_RETRY; i++) {
        s = db_begin_write(req->db);
        if (s == DB_OK) s = gb_platform_insert(req->db, req->user.venue_id, &p);
        if (s == DB_OK) s = audit_platform(req, "create", NULL, &p);
        if (s == DB_OK) s = db_commit(req->db);
        if (s != DB_OK) db_rollback(req->db);
    }
    if (s == DB_CONFLICT)
        reply_error(req, 409, "platform_exists", "code", "已有这个平台代码",
                    "a platform with this code exists");
    else if (s != DB_OK)
        reply_db_error(req, s, "团购平台", "platform");
    else
        reply_json(req, 201, platform_json(&p));
out:
    json_decref(body);
}

/* PUT /api/v1/groupbuy/platforms/:code {"name","name_en","columns":{...},"active"} */
static void platforms_put(struct request *req)
{
    static const char *const fields[] = {"name", "name_en", "columns", "active", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    const char *code = req_param(req, "code");
    enum db_status s = DB_RETRY;
    struct gb_platform before, p;
    for (int i = 0; i < WRITE_TRIES && s == DB_RETRY; i++) {
        s = db_begin_write(req->db);
        if (s != DB_OK) continue;
        if (!load_platform(req, code, NULL, &before)) break;
        p = before;
        if (!read_platform(req, body, false, &p)) break;
        s = gb_platform_update(req->db, req->user.venue_id, &p);
        if (s == DB_OK) s = audit_platform(req, "update", &before, &p);
        if (s == DB_OK) s = db_commit(req->db);
        if (s != DB_OK) db_rollback(req->db);
    }
    db_rollback(req->db);
    if (!req->replied) {
        if (s != DB_OK)
            reply_db_error(req, s, "团购平台", "platform");
        else
            reply_json(req, 200, platform_json(&p));
    }
    json_decref(body);
}

/* ---- statements ---- */

/* The CSV: multipart field "file", or the body itself (text/csv). Replies and returns false if
 * there is none. name (256) gets the file's name. */
static bool statement_upload(struct request *req, const char **data, size_t *len, char *name)
{
    const char *ct = req_header(req, "Content-Type");
    if (multipart_is_form(ct)) {
        struct multipart mp;
        const char *why_zh, *why_en;
        if (!multipart_parse(ct, req->body, req->body_len, &mp, &why_zh, &why_en)) {
            reply_error(req, 400, "invalid_upload", NULL, why_zh, why_en);
            return false;
        }
        for (int i = 0; i < mp.nparts; i++)
            if (strcmp(mp.parts[i].name, "file") != 0) {
                reply_error(req, 400, "unknown_field", mp.parts[i].name, "上传中有未知的字段",
                            "the upload has an unknown field");
                return false;
            }
        const struct multipart_part *p = multipart_get(&mp, "file");
        if (!p) {
            reply_error(req, 400, "missing_file", "file", "缺少上传文件（字段 file）",
                        "the file field is missing");
            return false;
        }
        *data = p->data;
        *len = p->len;
        snprintf(name, 256, "%s", p->filename[0] ? p->filename : "statement.csv");
        return true;
    }
    if (ct && strncmp(ct, "text/csv", 8) != 0 && strncmp(ct, "text/plain", 10) != 0 &&
        strncmp(ct, "application/octet-stream", 24) != 0) {
        reply_error(req, 415, "unsupported_media_type", NULL,
                    "请以 multipart/form-data（字段 file）或 text/csv 上传对账单 CSV 文件",
                    "send the statement as multipart/form-data (field file) or text/csv");
        return false;
    }
    *data = req->body;
    *len = req->body_len;
    const char *n = req_query(req, "name");
    snprintf(name, 256, "%s", n && *n && strlen(n) < 200 ? n : "statement.csv");
    return true;
}

static json_t *issues_json(const struct gb_statement *st, const char *file, bool english)
{
    json_t *a = json_array();
    for (size_t i = 0; i < st->nissues; i++) {
        const struct gb_issue *is = &st->issues[i];
        json_array_append_new(a, json_pack("{s:s,s:I,s:s,s:s,s:s,s:s}", "file", file, "row",
                                           (json_int_t)is->row, "column", is->column, "reason",
                                           english ? is->en : is->zh, "reason_zh", is->zh,
                                           "reason_en", is->en));
    }
    return a;
}

/* The part of the report both answers share. */
static json_t *statement_report(const struct gb_platform *p, const struct gb_statement *st,
                                const char *file, bool english)
{
    json_t *found = json_object();
    for (int f = 0; f < GB_F__MAX; f++)
        json_object_set_new(found, gb_field_keys[f],
                            st->found[f][0] ? json_string(st->found[f]) : json_null());
    return json_pack("{s:s,s:s,s:s,s:s,s:I,s:o,s:I,s:I,s:o}", "platform", p->code, "platform_name",
                     p->name, "file", file, "encoding", st->encoding, "header_row",
                     (json_int_t)st->header_line, "columns", found, "rows_read", (json_int_t)st->n,
                     "skipped", (json_int_t)st->skipped, "errors", issues_json(st, file, english));
}

static void reply_refused(struct request *req, json_t *report, size_t nerrors)
{
    char zh[200], en[200];
    snprintf(zh, sizeof zh, "对账单有 %zu 处错误，没有导入任何数据（请按行号和列改正后重新上传）",
             nerrors);
    snprintf(en, sizeof en, "the statement has %zu errors; nothing was imported", nerrors);
    json_object_set_new(report, "committed", json_false());
    json_object_set_new(report, "error",
                        json_pack("{s:s,s:s,s:n}", "code", "import_refused", "message",
                                  req->english ? en : zh, "field"));
    log_info("req=%s %s %s -> 400 import_refused (%zu errors)", req->request_id, req->method,
             req->path, nerrors);
    reply_json(req, 400, report);
}

/* Today's business day of the venue into day (the latest settlement date accepted). */
static bool venue_today(struct request *req, char day[11])
{
    struct venue v;
    enum db_status s = venue_load(req->db, req->user.venue_id, &v);
    if (s != DB_OK) {
        reply_db_error(req, s, "门店", "venue");
        return false;
    }
    struct tz *tz = tz_load(v.timezone);
    if (!tz) {
        log_error("groupbuy: venue %lld has an unknown time zone %s", (long long)v.id, v.timezone);
        reply_internal(req);
        return false;
    }
    date_format(bizday_of_instant(tz, v.cutoff_minutes, now_epoch()), day);
    tz_free(tz);
    return true;
}

static json_t *settlements_json(const struct gb_import_result *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->nsettlements; i++) {
        const struct gb_settlement_done *d = &r->settlements[i];
        json_t *o = json_object();
        json_set_int(o, "id", d->id);
        json_set_str(o, "batch", d->s.batch_key);
        json_set_str(o, "day", d->s.day);
        json_set_int(o, "rows", d->s.rows);
        money(o, "paid_fen", "paid", d->s.paid_fen);
        money(o, "net_fen", "net", d->s.net_fen);
        money(o, "fee_fen", "fee", d->s.fee_fen);
        money(o, "adjust_fen", "adjust", d->adjust_fen);
        json_set_int(o, "entry_id", d->entry_id);
        json_array_append_new(a, o);
    }
    return a;
}

/* POST /api/v1/groupbuy/statements?platform=meituan (CSV body or multipart "file"): all or
 * nothing. 201 with the report; 200 when every row was imported before (nothing added);
 * 400 import_refused with errors [{row, column, reason}]; 409 day_locked. */
static void statements_post(struct request *req)
{
    struct gb_platform p;
    if (!load_platform(req, req_query(req, "platform"), "platform", &p)) return;
    if (!p.active) {
        reply_error(req, 409, "platform_inactive", "platform", "这个团购平台已停用，请先启用",
                    "this platform is deactivated; activate it first");
        return;
    }
    const char *data = NULL;
    size_t len = 0;
    char name[256], today[11];
    if (!statement_upload(req, &data, &len, name) || !venue_today(req, today)) return;
    struct gb_statement st;
    if (!gb_parse_statement(data, len, &p.map, today, &st)) {
        gb_statement_free(&st);
        reply_internal(req);
        return;
    }
    if (st.nissues) {
        reply_refused(req, statement_report(&p, &st, name, req->english), st.nissues);
        gb_statement_free(&st);
        return;
    }
    struct gb_import_result r;
    memset(&r, 0, sizeof r);
    enum gb_import_status g = GB_IMPORT_RETRY;
    enum db_status s = DB_OK;
    for (int i = 0; i < WRITE_TRIES && g == GB_IMPORT_RETRY; i++) {
        gb_import_result_free(&r);
        s = db_begin_write(req->db);
        if (s != DB_OK) {
            g = s == DB_RETRY ? GB_IMPORT_RETRY : GB_IMPORT_ERROR;
            continue;
        }
        struct actor a = actor_of(req);
        g = gb_import(req->db, req->user.venue_id, &a, &p, name, &st, false, &r);
        if (g == GB_IMPORT_OK && r.import_id) {
            json_t *after = json_pack(
                "{s:s,s:s,s:I,s:I,s:I,s:o}", "platform", p.code, "file", name, "rows_read",
                (json_int_t)st.n, "imported", (json_int_t)r.imported, "duplicates",
                (json_int_t)r.duplicates, "settlements", settlements_json(&r));
            char id[24];
            snprintf(id, sizeof id, "%lld", (long long)r.import_id);
            s = audit_record(req->db, &a, "import", "groupbuy_statement", id, NULL, after);
            json_decref(after);
            if (s == DB_OK) s = db_commit(req->db);
            if (s != DB_OK) g = s == DB_RETRY ? GB_IMPORT_RETRY : GB_IMPORT_ERROR;
        }
        db_rollback(req->db);
    }
    json_t *report = statement_report(&p, &st, name, req->english);
    switch (g) {
    case GB_IMPORT_OK:
        json_object_set_new(report, "committed", json_boolean(r.import_id != 0));
        json_set_int(report, "import_id", r.import_id);
        json_set_int(report, "imported", (int64_t)r.imported);
        json_set_int(report, "duplicates", (int64_t)r.duplicates);
        json_object_set_new(report, "settlements", settlements_json(&r));
        reply_json(req, r.import_id ? 201 : 200, report);
        report = NULL;
        break;
    case GB_IMPORT_INVALID:
        reply_refused(req, report, st.nissues);
        report = NULL;
        break;
    case GB_IMPORT_LOCKED:
        finance_reply(req, FIN_LOCKED);
        break;
    case GB_IMPORT_RETRY:
        reply_db_error(req, DB_RETRY, "团购对账单", "statement");
        break;
    case GB_IMPORT_ERROR:
        reply_db_error(req, s == DB_OK ? DB_ERROR : s, "团购对账单", "statement");
        break;
    }
    json_decref(report);
    gb_import_result_free(&r);
    gb_statement_free(&st);
}

static bool append_import(const struct gb_import_row *r, void *ctx)
{
    json_t *o = json_object();
    json_set_int(o, "id", r->id);
    json_set_int(o, "at", r->at);
    json_set_str(o, "platform", r->platform);
    json_set_str(o, "file", r->file_name);
    json_set_str(o, "encoding", r->encoding);
    json_set_str(o, "by", r->by_user);
    json_set_int(o, "rows_read", r->rows_read);
    json_set_int(o, "imported", r->imported);
    json_set_int(o, "duplicates", r->duplicates);
    json_set_int(o, "settled", r->settled);
    money(o, "net_fen", "net", r->net_fen);
    money(o, "fee_fen", "fee", r->fee_fen);
    json_array_append_new(ctx, o);
    return true;
}

/* GET /api/v1/groupbuy/statements?platform= */
static void statements_get(struct request *req)
{
    const char *platform = req_query(req, "platform");
    if (platform && *platform && !platform_code_ok(platform)) {
        reply_error(req, 400, "invalid_field", "platform", "团购平台应为小写英文代码",
                    "a platform is a lower-case code");
        return;
    }
    json_t *items = json_array();
    enum db_status s =
        gb_import_list(req->db, req->user.venue_id, platform, IMPORTS_MAX, append_import, items);
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "导入记录", "imports");
        return;
    }
    reply_json(req, 200, json_pack("{s:o}", "items", items));
}

/* ---- reconciliation ---- */

struct recon {
    const char *platform; /* "" all */
    const char *from, *to;
    struct gb_bill_use *bills;
    size_t nbills;
    struct gb_row *rows;
    size_t nrows;
    struct gb_match m;
    json_t *platforms, *receivables;
};

static void recon_free(struct recon *r)
{
    free(r->bills);
    free(r->rows);
    gb_match_free(&r->m);
    json_decref(r->platforms);
    json_decref(r->receivables);
}

/* Reads the query, loads and matches; replies and returns false on a failure. */
static bool recon_load(struct request *req, struct recon *r)
{
    memset(r, 0, sizeof *r);
    r->platform = req_query(req, "platform");
    r->from = req_query(req, "from");
    r->to = req_query(req, "to");
    if (!r->platform) r->platform = "";
    int64_t d;
    const char *names[] = {"from", "to"};
    const char *days[] = {r->from, r->to};
    for (int i = 0; i < 2; i++)
        if (days[i] && *days[i] && !date_parse(days[i], &d)) {
            reply_error(req, 400, "invalid_field", names[i], "日期格式应为 YYYY-MM-DD",
                        "a day is YYYY-MM-DD");
            return false;
        }
    if (r->from && *r->from && r->to && *r->to && strcmp(r->from, r->to) > 0) {
        reply_error(req, 400, "invalid_field", "from", "开始日期不能晚于结束日期",
                    "from is after to");
        return false;
    }
    struct gb_platform p;
    if (*r->platform && !load_platform(req, r->platform, "platform", &p)) return false;
    /* One read transaction: bills, statements and balances as of one moment. */
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK)
        s = gb_bill_uses(req->db, req->user.venue_id, r->platform, &r->bills, &r->nbills);
    if (s == DB_OK)
        s = gb_statement_rows(req->db, req->user.venue_id, r->platform, &r->rows, &r->nrows);
    if (s == DB_OK) s = platforms_with_balances(req, &r->platforms, &r->receivables);
    db_rollback(req->db);
    if (s != DB_OK) {
        reply_db_error(req, s, "团购对账", "reconciliation");
        return false;
    }
    if (!gb_match(r->bills, r->nbills, r->rows, r->nrows, r->from, r->to, &r->m)) {
        reply_internal(req);
        return false;
    }
    return true;
}

static const char *platform_name(const struct recon *r, const char *code, bool english)
{
    size_t i;
    json_t *p;
    json_array_foreach(r->platforms, i, p)
    {
        if (strcmp(json_string_value(json_object_get(p, "code")), code) == 0) {
            const char *en = json_string_value(json_object_get(p, "name_en"));
            return english && en && *en ? en : json_string_value(json_object_get(p, "name"));
        }
    }
    return code;
}

/* Why a voucher is in class k, for a person. */
static void reason(const struct gb_voucher *v, enum gb_class k, bool english, char *out, size_t n)
{
    char a[32], b[32], c[32];
    switch (k) {
    case GB_MATCHED:
        snprintf(out, n, "%s", english ? "matched" : "三方一致");
        break;
    case GB_BILL_ONLY:
        snprintf(out, n,
                 english ? "used on bill %s (%s), on no statement"
                         : "账单 %s（%s）已用此券，平台对账单中没有",
                 v->bill->bill_no, v->bill->day);
        break;
    case GB_STATEMENT_ONLY:
        snprintf(out, n,
                 english ? "on the statement, no bill used it" : "平台已核销，但没有账单使用此券");
        break;
    case GB_AMOUNT_DIFF:
        if (v->paid_diff_fen)
            snprintf(out, n,
                     english ? "price paid: bill %s, statement %s"
                             : "用户实付不符：账单 %s，对账单 %s",
                     money_format(v->bill->paid_fen, a), money_format(v->row->paid_fen, b));
        else
            snprintf(out, n,
                     english ? "face value: bill %s, statement %s"
                             : "券面值不符：账单 %s，对账单 %s",
                     money_format(v->bill->face_fen, a), money_format(v->row->face_fen, b));
        break;
    case GB_UNSETTLED:
        if (v->row->verified_at[0])
            snprintf(out, n, english ? "verified at %s, not settled" : "已于 %s 核销，尚未结算",
                     v->row->verified_at);
        else
            snprintf(out, n, "%s", english ? "verified, not settled" : "已核销，尚未结算");
        break;
    case GB_NET_DIFF: {
        int64_t fee = v->row->fee_fen != GB_UNKNOWN ? v->row->fee_fen : 0;
        int64_t paid = v->row->paid_fen != GB_UNKNOWN ? v->row->paid_fen
                       : v->bill                      ? v->bill->paid_fen
                                                      : 0;
        snprintf(out, n,
                 english ? "settled %s, but price paid %s - fee %s"
                         : "结算金额 %s ≠ 实付 %s − 服务费 %s",
                 money_format(v->row->net_fen, a), money_format(paid, b), money_format(fee, c));
        break;
    }
    case GB_DUPLICATE:
        if (v->nbills > 1)
            snprintf(out, n, english ? "used on %d bills" : "被 %d 张账单使用", v->nbills);
        else
            snprintf(out, n, english ? "settled in %d batches" : "结算了 %d 次", v->nsettled);
        break;
    case GB_CLASS__MAX:
        out[0] = 0;
        break;
    }
}

/* One exception row: voucher v as an instance of class k. */
static json_t *exception_json(const struct recon *r, const struct gb_voucher *v, enum gb_class k,
                              bool english)
{
    json_t *o = json_object();
    char why[300];
    reason(v, k, english, why, sizeof why);
    json_set_str(o, "class", gb_class_keys[k]);
    json_set_str(o, "class_name", english ? gb_class_names_en[k] : gb_class_names_zh[k]);
    json_set_str(o, "platform", v->platform);
    json_set_str(o, "platform_name", platform_name(r, v->platform, english));
    json_set_str(o, "code", v->code);
    json_set_str(o, "day", v->day);
    if (v->bill) {
        json_set_int(o, "bill_id", v->bill->bill_id);
        json_set_str(o, "bill_no", v->bill->bill_no);
        json_set_str(o, "bill_day", v->bill->day);
    }
    json_object_set_new(o, "bill_face_fen", maybe_fen(v->bill ? v->bill->face_fen : GB_UNKNOWN));
    json_object_set_new(o, "bill_paid_fen", maybe_fen(v->bill ? v->bill->paid_fen : GB_UNKNOWN));
    const struct gb_row *w = v->row;
    json_set_str(o, "verified_at", w ? w->verified_at : "");
    json_object_set_new(o, "stmt_face_fen", maybe_fen(w ? w->face_fen : GB_UNKNOWN));
    json_object_set_new(o, "stmt_paid_fen", maybe_fen(w ? w->paid_fen : GB_UNKNOWN));
    json_object_set_new(o, "fee_fen", maybe_fen(w ? w->fee_fen : GB_UNKNOWN));
    json_object_set_new(o, "net_fen", maybe_fen(w && w->settled_day[0] ? w->net_fen : GB_UNKNOWN));
    json_set_str(o, "settled_day", w ? w->settled_day : "");
    json_set_str(o, "batch", w ? w->batch : "");
    int64_t diff = k == GB_AMOUNT_DIFF ? (v->paid_diff_fen ? v->paid_diff_fen : v->face_diff_fen)
                   : k == GB_NET_DIFF  ? v->net_diff_fen
                                       : 0;
    json_object_set_new(o, "difference_fen",
                        k == GB_AMOUNT_DIFF || k == GB_NET_DIFF ? json_integer(diff) : json_null());
    json_set_int(o, "amount_fen", v->amount_fen);
    json_set_int(o, "bills", v->nbills);
    json_set_int(o, "statement_rows", v->nrows);
    json_set_str(o, "reason", why);
    return o;
}

/* Exception rows, class by class (matched vouchers are not exceptions); at most max. */
static json_t *exceptions_json(const struct recon *r, bool english, size_t max, bool *truncated)
{
    json_t *a = json_array();
    *truncated = false;
    for (int k = GB_MATCHED + 1; k < GB_CLASS__MAX; k++)
        for (size_t i = 0; i < r->m.n; i++) {
            if (!(r->m.vouchers[i].classes & (1u << k))) continue;
            if (json_array_size(a) >= max) {
                *truncated = true;
                return a;
            }
            json_array_append_new(a,
                                  exception_json(r, &r->m.vouchers[i], (enum gb_class)k, english));
        }
    return a;
}

static json_t *classes_json(const struct gb_match *m, bool english)
{
    json_t *a = json_array();
    for (int k = 0; k < GB_CLASS__MAX; k++) {
        json_t *o = json_object();
        json_set_str(o, "class", gb_class_keys[k]);
        json_set_str(o, "name", english ? gb_class_names_en[k] : gb_class_names_zh[k]);
        json_set_int(o, "count", m->classes[k].count);
        money(o, "amount_fen", "amount", m->classes[k].amount_fen);
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *totals_json(const struct gb_match *m)
{
    json_t *o = json_object();
    json_set_int(o, "vouchers", (int64_t)m->n);
    json_set_int(o, "on_bills", m->on_bills);
    money(o, "bills_face_fen", "bills_face", m->bills_face_fen);
    money(o, "bills_paid_fen", "bills_paid", m->bills_paid_fen);
    json_set_int(o, "on_statements", m->on_statements);
    json_set_int(o, "settled", m->settled);
    money(o, "settled_paid_fen", "settled_paid", m->settled_paid_fen);
    money(o, "settled_net_fen", "settled_net", m->settled_net_fen);
    money(o, "settled_fee_fen", "settled_fee", m->settled_fee_fen);
    json_set_int(o, "exceptions", (int64_t)m->n - m->classes[GB_MATCHED].count);
    json_set_int(o, "uncoded", m->uncoded);
    money(o, "uncoded_fen", "uncoded_amount", m->uncoded_fen);
    return o;
}

/* GET /api/v1/groupbuy/reconciliation?platform&from&to */
static void reconciliation_get(struct request *req)
{
    struct recon r;
    if (!recon_load(req, &r)) {
        recon_free(&r);
        return;
    }
    bool truncated = false;
    json_t *exceptions = exceptions_json(&r, req->english, EXCEPTIONS_MAX, &truncated);
    json_t *out = json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:b,s:O,s:O}", "platform", r.platform, "from",
                            r.from ? r.from : "", "to", r.to ? r.to : "", "classes",
                            classes_json(&r.m, req->english), "totals", totals_json(&r.m),
                            "exceptions", exceptions, "truncated", truncated, "receivables",
                            r.receivables, "platforms", r.platforms);
    recon_free(&r);
    reply_json(req, 200, out);
}

/* GET /api/v1/groupbuy/reconciliation/export?format=xlsx|csv&platform&from&to */
static void reconciliation_export(struct request *req)
{
    const char *format = req_query(req, "format");
    bool csv = format && strcmp(format, "csv") == 0;
    if (format && *format && !csv && strcmp(format, "xlsx") != 0) {
        reply_error(req, 400, "invalid_field", "format", "导出格式只能是 xlsx 或 csv",
                    "the export format is xlsx or csv");
        return;
    }
    struct recon r;
    if (!recon_load(req, &r)) {
        recon_free(&r);
        return;
    }
    bool truncated = false;
    json_t *classes = classes_json(&r.m, req->english);
    json_t *exceptions = exceptions_json(&r, req->english, (size_t)-1, &truncated);
    json_t *receivables = json_incref(r.receivables);
    static const struct table_col class_cols[] = {
        {"name", "类别", "Class", COL_TEXT},
        {"count", "张数", "Vouchers", COL_INT},
        {"amount_fen", "金额（用户实付）", "Amount (price paid)", COL_MONEY},
    };
    static const struct table_col exception_cols[] = {
        {"class_name", "异常类别", "Exception", COL_TEXT},
        {"platform_name", "平台", "Platform", COL_TEXT},
        {"code", "券码", "Voucher code", COL_TEXT},
        {"bill_no", "账单号", "Bill", COL_TEXT},
        {"bill_day", "营业日", "Business day", COL_DATE},
        {"bill_face_fen", "账单券面值", "Bill face value", COL_MONEY},
        {"bill_paid_fen", "账单用户实付", "Bill price paid", COL_MONEY},
        {"verified_at", "验券时间", "Verified at", COL_TEXT},
        {"stmt_face_fen", "对账单券面值", "Statement face value", COL_MONEY},
        {"stmt_paid_fen", "对账单用户实付", "Statement price paid", COL_MONEY},
        {"fee_fen", "平台服务费", "Platform fee", COL_MONEY},
        {"net_fen", "结算金额", "Settled net", COL_MONEY},
        {"settled_day", "结算日期", "Settled on", COL_DATE},
        {"batch", "结算批次", "Batch", COL_TEXT},
        {"difference_fen", "差额", "Difference", COL_MONEY},
        {"reason", "说明", "Reason", COL_TEXT},
    };
    static const struct table_col receivable_cols[] = {
        {"name", "平台", "Platform", COL_TEXT},
        {"balance_fen", "平台应收余额", "Still owed", COL_MONEY},
    };
    struct table t[] = {
        {"对账汇总", "Summary", class_cols, 3, classes, false},
        {"异常明细", "Exceptions", exception_cols, 16, exceptions, false},
        {"平台应收", "Platform receivables", receivable_cols, 2, receivables, true},
    };
    size_t len = 0;
    char *bytes =
        csv ? export_csv(t, 3, req->english, &len) : export_xlsx(t, 3, req->english, &len);
    char filename[160];
    snprintf(filename, sizeof filename, "%s_%s_%s_%s.%s",
             req->english ? "groupbuy-reconciliation" : "团购对账",
             *r.platform ? r.platform : (req->english ? "all" : "全部平台"),
             r.from && *r.from ? r.from : "start", r.to && *r.to ? r.to : "now",
             csv ? "csv" : "xlsx");
    json_decref(classes);
    json_decref(exceptions);
    json_decref(receivables);
    recon_free(&r);
    if (!bytes) {
        reply_internal(req);
        return;
    }
    reply_bytes(req, 200,
                csv ? "text/csv; charset=utf-8"
                    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                bytes, len, filename);
}

const struct route groupbuy_routes[] = {
    {"GET", "/api/v1/groupbuy/platforms", platforms_get, "finance", ACCESS_READ, 0},
    {"POST", "/api/v1/groupbuy/platforms", platforms_post, "finance", ACCESS_WRITE, 0},
    {"PUT", "/api/v1/groupbuy/platforms/:code", platforms_put, "finance", ACCESS_WRITE, 0},
    {"POST", "/api/v1/groupbuy/statements", statements_post, "finance", ACCESS_WRITE,
     STATEMENT_MAX_BODY},
    {"GET", "/api/v1/groupbuy/statements", statements_get, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/groupbuy/reconciliation", reconciliation_get, "finance", ACCESS_READ, 0},
    {"GET", "/api/v1/groupbuy/reconciliation/export", reconciliation_export, "finance", ACCESS_READ,
     0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
