/* sales/api.c: the bills and import endpoints: bill list with filters, bill detail, bill export,
 * bill import (multipart upload of the three CSV files), import batches and their rejected rows,
 * and the products and rooms CSV imports. Parse and validate, call, serialise; no SQL here. */
#include "sales/api.h"

#include "core/audit.h"
#include "core/bizday.h"
#include "core/json.h"
#include "core/log.h"
#include "core/multipart.h"
#include "core/venue.h"
#include "master/import.h"
#include "sales/export.h"
#include "sales/importer.h"
#include "sales/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A bill upload: three CSV files of a venue's history. 1,000,000 bills with lines are ~250 MB;
 * a web upload is a few months (a few MB), so 64 MiB leaves a wide margin while bounding memory
 * per request. Bigger histories go through `ktvoffice import bills`. */
#define IMPORT_MAX_BODY (64u * 1024 * 1024)
/* A price list or room plan is a few KB. */
#define MASTER_MAX_BODY (8u * 1024 * 1024)
/* Page sizes of the lists. */

/* Roles that see member phone numbers in full (the others see 138****5678). */
static bool sees_phones(const struct request *req)
{
    return strcmp(req->user.role, "admin") == 0 || strcmp(req->user.role, "manager") == 0 ||
           strcmp(req->user.role, "finance") == 0;
}

static bool load_venue(struct request *req, struct venue *v)
{
    enum db_status s = venue_load(req->db, req->user.venue_id, v);
    if (s != DB_OK) {
        reply_db_error(req, s, "门店", "venue");
        return false;
    }
    return true;
}

/* ---- bill import ---- */

/* "1"/"0", "true"/"false", "on" (an HTML checkbox) or empty. */
static bool parse_flag(const struct multipart_part *p, bool *out)
{
    *out = false;
    if (!p) return true;
    char v[8];
    if (p->len >= sizeof v) return false;
    memcpy(v, p->data, p->len);
    v[p->len] = 0;
    if (!*v || strcmp(v, "0") == 0 || strcmp(v, "false") == 0) return true;
    if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0) {
        *out = true;
        return true;
    }
    return false;
}

/* Parses the upload; replies 400 and returns false when it is not a well-formed form whose
 * fields are all in allowed. */
static bool read_form(struct request *req, struct multipart *mp, const char *const allowed[])
{
    const char *why_zh, *why_en;
    if (!multipart_parse(req_header(req, "Content-Type"), req->body, req->body_len, mp, &why_zh,
                         &why_en)) {
        reply_error(req, 400, "invalid_upload", NULL, why_zh, why_en);
        return false;
    }
    for (int i = 0; i < mp->nparts; i++) {
        bool known = false;
        for (int k = 0; allowed[k]; k++)
            if (strcmp(mp->parts[i].name, allowed[k]) == 0) known = true;
        if (!known) {
            reply_error(req, 400, "unknown_field", mp->parts[i].name, "上传中有未知的字段",
                        "the upload has an unknown field");
            return false;
        }
    }
    return true;
}

/* POST /api/v1/import/bills: multipart fields bills, bill_lines, bill_payments (files),
 * skip_invalid and dry_run (1|0). 200 with the report; 422 with the report when refused. */
static void import_bills_post(struct request *req)
{
    static const char *const fields[] = {"bills",        "bill_lines", "bill_payments",
                                         "skip_invalid", "dry_run",    NULL};
    struct multipart mp;
    if (!read_form(req, &mp, fields)) return;
    const struct multipart_part *files[IMPORT_NFILES];
    static const char *const labels_zh[IMPORT_NFILES] = {
        "账单文件 bills.csv", "明细文件 bill_lines.csv", "付款文件 bill_payments.csv"};
    for (int f = 0; f < IMPORT_NFILES; f++) {
        files[f] = multipart_get(&mp, fields[f]);
        if (!files[f]) {
            char zh[160], en[160];
            snprintf(zh, sizeof zh, "缺少%s（字段 %s）", labels_zh[f], fields[f]);
            snprintf(en, sizeof en, "the file field %s (%s) is missing", fields[f],
                     import_file_names[f]);
            reply_error(req, 400, "missing_file", fields[f], zh, en);
            return;
        }
    }
    struct import_options o;
    memset(&o, 0, sizeof o);
    if (!parse_flag(multipart_get(&mp, "skip_invalid"), &o.skip_invalid)) {
        reply_error(req, 400, "invalid_field", "skip_invalid", "skip_invalid 应为 1 或 0",
                    "skip_invalid must be 1 or 0");
        return;
    }
    if (!parse_flag(multipart_get(&mp, "dry_run"), &o.dry_run)) {
        reply_error(req, 400, "invalid_field", "dry_run", "dry_run 应为 1 或 0",
                    "dry_run must be 1 or 0");
        return;
    }
    struct venue v;
    if (!load_venue(req, &v)) return;
    char names[800];
    snprintf(names, sizeof names, "%.250s, %.250s, %.250s",
             files[0]->filename[0] ? files[0]->filename : import_file_names[0],
             files[1]->filename[0] ? files[1]->filename : import_file_names[1],
             files[2]->filename[0] ? files[2]->filename : import_file_names[2]);
    o.files = names;
    o.english = req->english;
    const char *data[IMPORT_NFILES];
    size_t len[IMPORT_NFILES];
    for (int f = 0; f < IMPORT_NFILES; f++) {
        data[f] = files[f]->data;
        len[f] = files[f]->len;
    }
    struct actor a = actor_of(req);
    struct import_outcome out = import_bills(req->db, &v, &a, data, len, &o);
    if (!out.report) {
        reply_internal(req);
    } else if (out.status != DB_OK) {
        reply_db_error(req, out.status, "账单导入", "bill import");
    } else if (out.refused) {
        char zh[200], en[200];
        json_int_t n = json_integer_value(json_object_get(out.report, "errors_total"));
        snprintf(zh, sizeof zh, "导入被拒绝：发现 %lld 处错误，没有导入任何账单", (long long)n);
        snprintf(en, sizeof en, "import refused: %lld errors found, nothing was imported",
                 (long long)n);
        json_object_set_new(out.report, "error",
                            json_pack("{s:s,s:s,s:n}", "code", "import_refused", "message",
                                      req->english ? en : zh, "field"));
        reply_json(req, 422, json_incref(out.report));
    } else {
        reply_json(req, 200, json_incref(out.report));
    }
    import_outcome_free(&out);
}

/* ---- import batches ---- */

static bool append_batch(const struct import_batch *b, void *ctx)
{
    json_t *o = json_object();
    json_set_int(o, "id", b->id);
    json_set_str(o, "kind", b->kind);
    json_set_str(o, "files", b->files);
    json_set_str(o, "username", b->username);
    json_set_int(o, "at", b->at);
    json_set_int(o, "rows_read", b->rows_read);
    json_set_int(o, "imported", b->imported);
    json_set_int(o, "duplicates", b->duplicates);
    json_set_int(o, "rejected", b->rejected);
    json_array_append_new(ctx, o);
    return true;
}

/* Reads page and page_size; replies 400 and returns false if malformed. */
/* GET /api/v1/import/batches?page=&page_size= */
static void import_batches_list(struct request *req)
{
    int64_t page, page_size, total = 0;
    if (!req_paging(req, &page, &page_size)) return;
    json_t *items = json_array();
    enum db_status s = import_batch_list(req->db, req->user.venue_id, page_size,
                                         (page - 1) * page_size, &total, append_batch, items);
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "导入记录", "import batches");
        return;
    }
    json_t *out = json_object();
    json_object_set_new(out, "items", items);
    json_set_int(out, "total", total);
    json_set_int(out, "page", page);
    json_set_int(out, "page_size", page_size);
    reply_json(req, 200, out);
}

/* The stored report of batch :id (parsed), or NULL after replying. */
static json_t *load_batch_report(struct request *req)
{
    int64_t id = req_param_id(req, "id");
    char *text = NULL;
    enum db_status s =
        id ? import_batch_report(req->db, req->user.venue_id, id, &text) : DB_NOT_FOUND;
    if (s != DB_OK) {
        reply_db_error(req, s, "导入记录", "import batch");
        return NULL;
    }
    json_t *r = json_loads(text, 0, NULL);
    free(text);
    if (!r) r = json_object();
    return r;
}

/* GET /api/v1/import/batches/:id: the report of an import (without the rejects file). */
static void import_batch_get(struct request *req)
{
    json_t *r = load_batch_report(req);
    if (!r) return;
    json_object_del(r, "rejects_csv");
    json_set_int(r, "id", req_param_id(req, "id"));
    reply_json(req, 200, r);
}

/* GET /api/v1/import/batches/:id/rejects.csv: the rows an import rejected, with reasons. */
static void import_batch_rejects(struct request *req)
{
    json_t *r = load_batch_report(req);
    if (!r) return;
    json_t *csv = json_object_get(r, "rejects_csv");
    const char *text = json_string_value(csv);
    size_t n = text ? json_string_length(csv) : 0;
    char *body;
    if (n) {
        body = malloc(n);
        if (body) memcpy(body, text, n);
    } else {
        /* Nothing was rejected: an empty sheet with its header. */
        static const char empty[] = "\xEF\xBB\xBF"
                                    "file,row,bill_no,reason,original\r\n";
        n = sizeof empty - 1;
        body = malloc(n);
        if (body) memcpy(body, empty, n);
    }
    json_decref(r);
    if (!body) {
        reply_internal(req);
        return;
    }
    char name[64];
    snprintf(name, sizeof name, "rejects-%lld.csv", (long long)req_param_id(req, "id"));
    reply_bytes(req, 200, "text/csv; charset=utf-8", body, n, name);
}

/* ---- products and rooms imports ---- */

/* The CSV of a master-data upload: multipart field "file", or the body itself as text/csv.
 * Replies 400 and returns false if there is none. */
static bool master_upload(struct request *req, const char **data, size_t *len, char name[256])
{
    const char *ct = req_header(req, "Content-Type");
    if (multipart_is_form(ct)) {
        static const char *const fields[] = {"file", NULL};
        struct multipart mp;
        if (!read_form(req, &mp, fields)) return false;
        const struct multipart_part *p = multipart_get(&mp, "file");
        if (!p) {
            reply_error(req, 400, "missing_file", "file", "缺少上传文件（字段 file）",
                        "the file field is missing");
            return false;
        }
        *data = p->data;
        *len = p->len;
        snprintf(name, 256, "%s", p->filename[0] ? p->filename : "upload.csv");
        return true;
    }
    if (ct && strncmp(ct, "text/csv", 8) != 0 && strncmp(ct, "text/plain", 10) != 0 &&
        strncmp(ct, "application/octet-stream", 24) != 0) {
        reply_error(req, 415, "unsupported_media_type", NULL,
                    "请以 multipart/form-data（字段 file）或 text/csv 上传 CSV 文件",
                    "send the CSV as multipart/form-data (field file) or text/csv");
        return false;
    }
    *data = req->body;
    *len = req->body_len;
    snprintf(name, 256, "upload.csv");
    return true;
}

static void master_import(struct request *req, bool products)
{
    const char *data = NULL;
    char name[256];
    size_t len = 0;
    if (!master_upload(req, &data, &len, name)) return;
    struct actor a = actor_of(req);
    enum db_status s;
    json_t *report = products ? master_import_products(req->db, req->user.venue_id, &a, name, data,
                                                       len, req->english, &s)
                              : master_import_rooms(req->db, req->user.venue_id, &a, name, data,
                                                    len, req->english, &s);
    if (!report) {
        reply_internal(req);
    } else if (s == DB_INVALID) {
        json_object_set_new(report, "error",
                            json_pack("{s:s,s:s,s:n}", "code", "import_refused", "message",
                                      req->english ? "import refused: the file has errors, "
                                                     "nothing was imported"
                                                   : "导入被拒绝：文件有错误，没有导入任何数据",
                                      "field"));
        reply_json(req, 422, report);
        report = NULL;
    } else if (s != DB_OK) {
        reply_db_error(req, s, products ? "商品" : "房间", products ? "product" : "room");
    } else {
        reply_json(req, 200, report);
        report = NULL;
    }
    json_decref(report);
}

/* POST /api/v1/import/products */
static void import_products_post(struct request *req)
{
    master_import(req, true);
}

/* POST /api/v1/import/rooms */
static void import_rooms_post(struct request *req)
{
    master_import(req, false);
}

/* ---- bill list, detail, export ---- */

/* Reads the list filters from the query; replies 400 and returns false if one is malformed. */
static bool read_filter(struct request *req, struct bill_filter *f)
{
    memset(f, 0, sizeof *f);
    int64_t day;
    f->from_day = req_query(req, "from");
    f->to_day = req_query(req, "to");
    if (f->from_day && *f->from_day && !date_parse(f->from_day, &day)) {
        reply_error(req, 400, "invalid_field", "from", "开始营业日格式应为 YYYY-MM-DD",
                    "from must be a business day YYYY-MM-DD");
        return false;
    }
    if (f->to_day && *f->to_day && !date_parse(f->to_day, &day)) {
        reply_error(req, 400, "invalid_field", "to", "结束营业日格式应为 YYYY-MM-DD",
                    "to must be a business day YYYY-MM-DD");
        return false;
    }
    f->room_no = req_query(req, "room");
    f->status = req_query(req, "status");
    if (f->status && *f->status && strcmp(f->status, "settled") != 0 &&
        strcmp(f->status, "voided") != 0) {
        reply_error(req, 400, "invalid_field", "status", "状态应为 settled 或 voided",
                    "status must be settled or voided");
        return false;
    }
    f->method = req_query(req, "method");
    if (f->method && *f->method) {
        bool known = false;
        for (int i = 0; import_pay_methods[i]; i++)
            if (strcmp(import_pay_methods[i], f->method) == 0) known = true;
        if (!known) {
            reply_error(req, 400, "invalid_field", "method",
                        "付款方式应为 cash, wechat, alipay, card, member, voucher, credit, mixed "
                        "或 other",
                        "method must be cash, wechat, alipay, card, member, voucher, credit, "
                        "mixed or other");
            return false;
        }
    }
    f->cashier = req_query(req, "cashier");
    f->bill_no_part = req_query(req, "q");
    /* Search texts longer than any stored value cannot match; refuse rather than scan. */
    const char *texts[] = {f->room_no, f->cashier, f->bill_no_part};
    static const char *const names[] = {"room", "cashier", "q"};
    for (int i = 0; i < 3; i++)
        if (texts[i] && strlen(texts[i]) > 200) {
            reply_error(req, 400, "invalid_field", names[i], "查询条件太长", "filter too long");
            return false;
        }
    if (!bill_sort_parse(req_query(req, "sort"), &f->sort)) {
        reply_error(req, 400, "invalid_field", "sort",
                    "排序只能是 closed_at, -closed_at, total, -total 或 bill_no",
                    "sort must be closed_at, -closed_at, total, -total or bill_no");
        return false;
    }
    return true;
}

struct list_ctx {
    json_t *items;
    bool phones;
};

static bool append_bill(const struct bill *b, const char *methods, void *vctx)
{
    struct list_ctx *x = vctx;
    char phone[44];
    if (x->phones)
        snprintf(phone, sizeof phone, "%s", b->member_phone);
    else
        bill_mask_phone(b->member_phone, phone);
    json_t *o = json_object();
    json_set_int(o, "id", b->id);
    json_set_str(o, "bill_no", b->bill_no);
    json_set_str(o, "room_no", b->room_no);
    json_set_str(o, "room_type", b->room_type);
    json_set_int(o, "opened_at", b->opened_at);
    json_set_int(o, "closed_at", b->closed_at);
    json_set_str(o, "business_day", b->business_day);
    json_set_str(o, "status", b->status);
    json_set_str(o, "cashier", b->cashier);
    json_set_str(o, "booker", b->booker);
    json_set_str(o, "member_phone", phone);
    json_set_int(o, "gross_fen", b->gross_fen);
    json_set_int(o, "discount_fen", b->discount_fen);
    json_set_int(o, "service_fen", b->service_fen);
    json_set_int(o, "total_fen", b->total_fen);
    json_set_str(o, "methods", methods);
    json_array_append_new(x->items, o);
    return true;
}

/* GET /api/v1/bills?from=&to=&room=&status=&method=&cashier=&q=&page=&page_size=&sort= */
static void bills_list(struct request *req)
{
    struct bill_filter f;
    int64_t page, page_size;
    if (!read_filter(req, &f) || !req_paging(req, &page, &page_size)) return;
    f.limit = page_size;
    f.offset = (page - 1) * page_size;
    struct list_ctx x = {json_array(), sees_phones(req)};
    int64_t total = 0, sum = 0;
    enum db_status s = bill_list(req->db, req->user.venue_id, &f, &total, &sum, append_bill, &x);
    if (s != DB_OK) {
        json_decref(x.items);
        reply_db_error(req, s, "账单", "bills");
        return;
    }
    json_t *out = json_object();
    json_object_set_new(out, "items", x.items);
    json_set_int(out, "total", total);
    json_set_int(out, "page", page);
    json_set_int(out, "page_size", page_size);
    json_set_int(out, "sum_total_fen", sum);
    reply_json(req, 200, out);
}

/* GET /api/v1/bills/:id: the bill with its lines and payments. */
static void bills_get(struct request *req)
{
    int64_t id = req_param_id(req, "id");
    struct bill b;
    memset(&b, 0, sizeof b);
    enum db_status s = id ? bill_load(req->db, req->user.venue_id, id, &b) : DB_NOT_FOUND;
    if (s != DB_OK) {
        reply_db_error(req, s, "账单", "bill");
        return;
    }
    struct list_ctx x = {json_array(), sees_phones(req)};
    /* The header as in the list (methods from the payments). */
    char methods[200] = "";
    size_t w = 0;
    for (int i = 0; i < b.npayments; i++) {
        bool seen = false;
        for (int k = 0; k < i; k++)
            if (strcmp(b.payments[k].method, b.payments[i].method) == 0) seen = true;
        if (!seen && w + 16 < sizeof methods)
            w += (size_t)snprintf(methods + w, sizeof methods - w, "%s%s", w ? "+" : "",
                                  b.payments[i].method);
    }
    append_bill(&b, methods, &x);
    json_t *out = json_incref(json_array_get(x.items, 0));
    json_decref(x.items);
    json_set_str(out, "note", b.note);
    json_set_str(out, "source", b.source);
    json_object_set_new(out, "import_batch_id",
                        b.import_batch_id ? json_integer(b.import_batch_id) : json_null());
    json_t *lines = json_array();
    for (int i = 0; i < b.nlines; i++) {
        const struct bill_line *l = &b.lines[i];
        json_t *o = json_object();
        json_set_int(o, "line_no", l->line_no);
        json_set_str(o, "kind", l->kind);
        json_set_str(o, "item", l->item);
        json_set_int(o, "qty", l->qty);
        json_object_set_new(o, "unit_price_fen",
                            l->has_unit_price ? json_integer(l->unit_price_fen) : json_null());
        json_object_set_new(o, "amount_fen",
                            l->has_amount ? json_integer(l->amount_fen) : json_null());
        json_object_set_new(o, "product_id",
                            l->product_id ? json_integer(l->product_id) : json_null());
        json_object_set_new(o, "package_id",
                            l->package_id ? json_integer(l->package_id) : json_null());
        json_array_append_new(lines, o);
    }
    json_t *payments = json_array();
    for (int i = 0; i < b.npayments; i++)
        json_array_append_new(payments,
                              json_pack("{s:s,s:I}", "method", b.payments[i].method, "amount_fen",
                                        (json_int_t)b.payments[i].amount_fen));
    json_object_set_new(out, "lines", lines);
    json_object_set_new(out, "payments", payments);
    bill_free_parts(&b);
    reply_json(req, 200, out);
}

/* GET /api/v1/bills/export?format=csv|xlsx&(the list's filters) */
static void bills_export(struct request *req)
{
    struct bill_filter f;
    if (!read_filter(req, &f)) return;
    const char *format = req_query(req, "format");
    if (!format || !*format) format = "xlsx";
    if (strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0) {
        reply_error(req, 400, "invalid_field", "format", "导出格式应为 csv 或 xlsx",
                    "format must be csv or xlsx");
        return;
    }
    struct venue v;
    if (!load_venue(req, &v)) return;
    char *data = NULL;
    size_t len = 0;
    bool too_many = false;
    enum db_status s = bill_export(req->db, &v, &f, format, req->english, sees_phones(req), &data,
                                   &len, &too_many);
    if (too_many) {
        reply_error(req, 400, "too_many_rows", "from",
                    "要导出的账单超过 500,000 张，请缩小日期范围",
                    "more than 500,000 bills to export: narrow the dates");
        return;
    }
    if (s != DB_OK) {
        reply_db_error(req, s, "账单", "bills");
        return;
    }
    char name[80];
    snprintf(name, sizeof name, "bills-%s-%s.%s", f.from_day && *f.from_day ? f.from_day : "all",
             f.to_day && *f.to_day ? f.to_day : "all", format);
    reply_bytes(req, 200,
                strcmp(format, "csv") == 0
                    ? "text/csv; charset=utf-8"
                    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                data, len, name);
}

const struct route sales_routes[] = {
    {"POST", "/api/v1/import/bills", import_bills_post, "import", ACCESS_WRITE, IMPORT_MAX_BODY},
    {"GET", "/api/v1/import/batches", import_batches_list, "import", ACCESS_READ, 0},
    {"GET", "/api/v1/import/batches/:id", import_batch_get, "import", ACCESS_READ, 0},
    {"GET", "/api/v1/import/batches/:id/rejects.csv", import_batch_rejects, "import", ACCESS_READ,
     0},
    {"POST", "/api/v1/import/products", import_products_post, "products", ACCESS_WRITE,
     MASTER_MAX_BODY},
    {"POST", "/api/v1/import/rooms", import_rooms_post, "rooms", ACCESS_WRITE, MASTER_MAX_BODY},
    {"GET", "/api/v1/bills", bills_list, "bills", ACCESS_READ, 0},
    /* Before /bills/:id, which would otherwise take "export" for an id. */
    {"GET", "/api/v1/bills/export", bills_export, "bills", ACCESS_READ, 0},
    {"GET", "/api/v1/bills/:id", bills_get, "bills", ACCESS_READ, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
