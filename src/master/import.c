/* master/import.c: products and rooms from CSV (see import.h). The reading half is pure; the
 * importing half writes in one transaction. */
#include "master/import.h"

#include "core/csv.h"
#include "core/http.h"
#include "core/money.h"
#include "sales/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A venue's price list is a few hundred rows and a chain's catalogue a few thousand; the
 * duplicate check is quadratic, so a larger file is refused rather than slow. */
#define MASTER_MAX_ROWS 20000
/* At most this many problems are listed (the file is refused either way). */
#define MASTER_MAX_ISSUES 500
/* products.price_fen's CHECK: at most 1,000,000.00. */
#define PRODUCT_PRICE_MAX_FEN 100000000

struct header_spec {
    const char *name;
    bool required;
    const char *aliases[5];
};

static const struct header_spec product_headers[MP_NCOLS] = {
    {"code", false, {"编码", "商品编码", "编号", "条码"}},
    {"name", true, {"商品", "名称", "商品名称", "品名"}},
    {"category", false, {"类别", "分类", "商品类别"}},
    {"unit", false, {"单位"}},
    {"price", true, {"单价", "价格", "售价"}},
    {"active", false, {"启用", "状态", "是否启用"}},
};

static const struct header_spec room_headers[MR_NCOLS] = {
    {"room_no", true, {"房号", "房间号", "包厢号"}},
    {"name", false, {"名称", "房间名称", "包厢名称"}},
    {"room_type", true, {"房型", "包厢类型"}},
    {"active", false, {"启用", "状态", "是否启用"}},
};

/* ---- reading (pure) ---- */

__attribute__((format(printf, 5, 6))) static void issue(struct master_rows *r, unsigned row,
                                                        const char *column, const char *en,
                                                        const char *zh_fmt, ...)
{
    if (r->nissues >= MASTER_MAX_ISSUES) return;
    struct master_issue *is = &r->issues[r->nissues++];
    is->row = row;
    snprintf(is->column, sizeof is->column, "%s", column ? column : "");
    va_list ap;
    va_start(ap, zh_fmt);
    vsnprintf(is->zh, sizeof is->zh, zh_fmt, ap);
    va_end(ap);
    snprintf(is->en, sizeof is->en, "%s", en);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

static size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

/* Reads the header into col[] (field index per spec column, -1 if absent). */
static bool read_header(struct master_rows *r, struct csv *c, const struct header_spec *spec,
                        int ncols, int *col, char (*head)[64])
{
    for (int k = 0; k < ncols; k++)
        col[k] = -1;
    bool ok = true;
    for (size_t i = 0; i < c->nfields; i++) {
        char *h = trim(c->fields[i]);
        if (!*h) continue;
        int found = -1;
        for (int k = 0; k < ncols && found < 0; k++) {
            if (strcasecmp(spec[k].name, h) == 0) found = k;
            for (int a = 0; a < 5 && spec[k].aliases[a] && found < 0; a++)
                if (strcmp(spec[k].aliases[a], h) == 0) found = k;
        }
        if (found < 0) {
            issue(r, 1, h, "unknown column", "未知的列“%.40s”", h);
            ok = false;
        } else if (col[found] >= 0) {
            issue(r, 1, h, "the column appears twice", "列“%.40s”重复出现", h);
            ok = false;
        } else {
            col[found] = (int)i;
            snprintf(head[found], 64, "%.40s", h);
        }
    }
    for (int k = 0; k < ncols; k++) {
        if (col[k] < 0) snprintf(head[k], 64, "%s", spec[k].name);
        if (spec[k].required && col[k] < 0) {
            issue(r, 1, spec[k].name, "a required column is missing", "缺少必需的列“%s”（或%s）",
                  spec[k].name, spec[k].aliases[0]);
            ok = false;
        }
    }
    return ok;
}

static const char *get(struct csv *c, const int *col, int k)
{
    return col[k] >= 0 && (size_t)col[k] < c->nfields ? c->fields[col[k]] : "";
}

/* 1/0, true/false, yes/no, 是/否, 启用/停用; empty is active. -1 if unreadable. */
static int parse_active(const char *v)
{
    static const char *const yes[] = {"", "1", "true", "yes", "y", "是", "启用", "在售", NULL};
    static const char *const no[] = {"0", "false", "no", "n", "否", "停用", "禁用", "停售", NULL};
    for (int i = 0; yes[i]; i++)
        if (strcasecmp(v, yes[i]) == 0) return 1;
    for (int i = 0; no[i]; i++)
        if (strcasecmp(v, no[i]) == 0) return 0;
    return -1;
}

/* Opens the file; false (with an issue) if it is not a usable CSV with a header. */
static bool open_file(struct master_rows *r, struct csv *c, const char *data, size_t len)
{
    r->encoding = "";
    if (!data || len == 0) {
        issue(r, 0, "", "the file is empty", "文件是空的");
        return false;
    }
    if (!csv_open(c, data, len)) {
        issue(r, 0, "", "not CSV text (perhaps an Excel workbook): save it as CSV in Excel",
              "不是 CSV 文本（可能是 Excel 工作簿）：请在 Excel 中“另存为 CSV”后再导入");
        return false;
    }
    r->encoding = c->encoding;
    if (!csv_next(c)) {
        issue(r, 1, "", "the file has no header row", "文件没有表头行");
        return false;
    }
    return true;
}

/* Checks the row's shape; false with an issue if it cannot be read. */
static bool row_ok(struct master_rows *r, struct csv *c, size_t nheader)
{
    unsigned row = (unsigned)c->line;
    if (c->unterminated_quote) {
        issue(r, row, "", "a quote is never closed", "引号没有闭合");
        return false;
    }
    if (c->nfields < nheader) {
        issue(r, row, "", "this row has fewer fields than the header",
              "这一行只有 %zu 个字段，表头有 %zu 列", c->nfields, nheader);
        return false;
    }
    for (size_t i = nheader; i < c->nfields; i++)
        if (*trim(c->fields[i])) {
            issue(r, row, "", "this row has more fields than the header (an unquoted comma?)",
                  "这一行的字段比表头多（是否有未加引号的逗号？）");
            return false;
        }
    for (size_t i = 0; i < c->nfields; i++)
        c->fields[i] = trim(c->fields[i]);
    return true;
}

static bool text_ok(struct master_rows *r, unsigned row, const char *head, const char *v,
                    size_t max_chars, bool required)
{
    if (required && !*v) {
        issue(r, row, head, "the value is missing", "“%s”为空", head);
        return false;
    }
    if (utf8_len(v) > max_chars) {
        issue(r, row, head, "the value is too long", "“%s”太长（最多 %zu 个字）", head, max_chars);
        return false;
    }
    for (const char *p = v; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\t') {
            issue(r, row, head, "the value holds a line break or control character",
                  "“%s”含有换行或控制字符", head);
            return false;
        }
    return true;
}

static bool grow_rows(struct master_rows *r, size_t *cap, bool products)
{
    if (r->n < *cap) return true;
    size_t n = *cap ? *cap * 2 : 64;
    unsigned *rows = realloc(r->row_of, n * sizeof *rows);
    if (!rows) return false;
    r->row_of = rows;
    if (products) {
        struct product *p = realloc(r->products, n * sizeof *p);
        if (!p) return false;
        r->products = p;
    } else {
        struct room *p = realloc(r->rooms, n * sizeof *p);
        if (!p) return false;
        r->rooms = p;
    }
    *cap = n;
    return true;
}

bool master_read_products(const char *data, size_t len, struct master_rows *r)
{
    memset(r, 0, sizeof *r);
    r->issues = calloc(MASTER_MAX_ISSUES, sizeof *r->issues);
    if (!r->issues) return false;
    struct csv c;
    memset(&c, 0, sizeof c);
    int col[MP_NCOLS];
    char head[MP_NCOLS][64];
    size_t cap = 0;
    bool ok = true;
    if (!open_file(r, &c, data, len) || !read_header(r, &c, product_headers, MP_NCOLS, col, head))
        goto out;
    size_t nheader = c.nfields;
    for (int k = 0; k < MP_NCOLS; k++)
        r->has[k] = col[k] >= 0;
    while (csv_next(&c)) {
        unsigned row = (unsigned)c.line;
        if (r->n >= MASTER_MAX_ROWS) {
            issue(r, row, "", "too many rows (at most 20,000)", "行数太多（最多 20,000 行）");
            break;
        }
        if (!row_ok(r, &c, nheader)) continue;
        if (!grow_rows(r, &cap, true)) {
            ok = false;
            goto out;
        }
        struct product *p = &r->products[r->n];
        memset(p, 0, sizeof *p);
        bool good = true;
        const char *code = get(&c, col, MP_CODE), *name = get(&c, col, MP_NAME);
        const char *category = get(&c, col, MP_CATEGORY), *unit = get(&c, col, MP_UNIT);
        const char *price = get(&c, col, MP_PRICE), *active = get(&c, col, MP_ACTIVE);
        good &= text_ok(r, row, head[MP_CODE], code, 40, false);
        good &= text_ok(r, row, head[MP_NAME], name, 100, true);
        good &= text_ok(r, row, head[MP_CATEGORY], category, 50, false);
        good &= text_ok(r, row, head[MP_UNIT], unit, 20, false);
        enum money_parse_result mr = money_parse(price, strlen(price), 0, &p->price_fen);
        if (mr != MONEY_OK) {
            issue(r, row, head[MP_PRICE], money_parse_message(mr, 1), "%s：“%.40s”",
                  money_parse_message(mr, 0), price);
            good = false;
        } else if (p->price_fen > PRODUCT_PRICE_MAX_FEN) {
            issue(r, row, head[MP_PRICE], "price may not exceed 1,000,000.00",
                  "售价不能超过 1,000,000.00 元");
            good = false;
        }
        int a = parse_active(active);
        if (a < 0) {
            issue(r, row, head[MP_ACTIVE], "active must be 1 or 0 (是/否)",
                  "启用应为 1 或 0（是/否）：“%.40s”", active);
            good = false;
        }
        /* The same code or, without codes, the same name twice would make the upsert order
         * decide the result. */
        for (size_t i = 0; good && i < r->n; i++) {
            if (*code && strcmp(r->products[i].code, code) == 0) {
                issue(r, row, head[MP_CODE], "the code appears twice in the file",
                      "编码 %.40s 在文件中重复（第 %u 行已有）", code, r->row_of[i]);
                good = false;
            } else if (!*code && !r->products[i].code[0] &&
                       strcmp(r->products[i].name, name) == 0) {
                issue(r, row, head[MP_NAME], "the name appears twice in the file",
                      "商品 %.40s 在文件中重复（第 %u 行已有）", name, r->row_of[i]);
                good = false;
            }
        }
        if (!good) continue;
        snprintf(p->code, sizeof p->code, "%s", code);
        snprintf(p->name, sizeof p->name, "%s", name);
        snprintf(p->category, sizeof p->category, "%s", category);
        snprintf(p->unit, sizeof p->unit, "%s", unit);
        p->active = a == 1;
        p->min_spend = p->discountable = p->commissionable = true;
        r->row_of[r->n++] = row;
    }
out:
    csv_close(&c);
    return ok;
}

bool master_read_rooms(const char *data, size_t len, struct master_rows *r)
{
    memset(r, 0, sizeof *r);
    r->issues = calloc(MASTER_MAX_ISSUES, sizeof *r->issues);
    if (!r->issues) return false;
    struct csv c;
    memset(&c, 0, sizeof c);
    int col[MR_NCOLS];
    char head[MR_NCOLS][64];
    size_t cap = 0;
    bool ok = true;
    if (!open_file(r, &c, data, len) || !read_header(r, &c, room_headers, MR_NCOLS, col, head))
        goto out;
    size_t nheader = c.nfields;
    for (int k = 0; k < MR_NCOLS; k++)
        r->has[k] = col[k] >= 0;
    while (csv_next(&c)) {
        unsigned row = (unsigned)c.line;
        if (r->n >= MASTER_MAX_ROWS) {
            issue(r, row, "", "too many rows (at most 20,000)", "行数太多（最多 20,000 行）");
            break;
        }
        if (!row_ok(r, &c, nheader)) continue;
        if (!grow_rows(r, &cap, false)) {
            ok = false;
            goto out;
        }
        struct room *rm = &r->rooms[r->n];
        memset(rm, 0, sizeof *rm);
        const char *no = get(&c, col, MR_ROOM_NO), *name = get(&c, col, MR_NAME);
        const char *type = get(&c, col, MR_TYPE), *active = get(&c, col, MR_ACTIVE);
        bool good = text_ok(r, row, head[MR_ROOM_NO], no, 20, true);
        good &= text_ok(r, row, head[MR_NAME], name, 50, false);
        good &= text_ok(r, row, head[MR_TYPE], type, 50, true);
        int a = parse_active(active);
        if (a < 0) {
            issue(r, row, head[MR_ACTIVE], "active must be 1 or 0 (是/否)",
                  "启用应为 1 或 0（是/否）：“%.40s”", active);
            good = false;
        }
        for (size_t i = 0; good && i < r->n; i++)
            if (strcmp(r->rooms[i].room_no, no) == 0) {
                issue(r, row, head[MR_ROOM_NO], "the room number appears twice in the file",
                      "房号 %.20s 在文件中重复（第 %u 行已有）", no, r->row_of[i]);
                good = false;
            }
        if (!good) continue;
        snprintf(rm->room_no, sizeof rm->room_no, "%s", no);
        snprintf(rm->name, sizeof rm->name, "%s", name);
        snprintf(rm->room_type, sizeof rm->room_type, "%s", type);
        rm->active = a == 1;
        r->row_of[r->n++] = row;
    }
out:
    csv_close(&c);
    return ok;
}

void master_rows_free(struct master_rows *r)
{
    if (!r) return;
    free(r->products);
    free(r->rooms);
    free(r->row_of);
    free(r->issues);
    memset(r, 0, sizeof *r);
}

/* ---- importing (the shell) ---- */

static json_t *product_snapshot(const struct product *p)
{
    char price[32];
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:s,s:b}", "id", (json_int_t)p->id, "code", p->code,
                     "name", p->name, "category", p->category, "unit", p->unit, "price_fen",
                     (json_int_t)p->price_fen, "price", money_format(p->price_fen, price), "active",
                     p->active);
}

static json_t *room_snapshot(const struct room *r, const char *type_name)
{
    return json_pack("{s:I,s:s,s:s,s:I,s:s,s:b}", "id", (json_int_t)r->id, "room_no", r->room_no,
                     "name", r->name, "room_type_id", (json_int_t)r->room_type_id, "room_type",
                     type_name, "active", r->active);
}

/* The report's common part; errors from the issues. */
static json_t *report_new(const char *kind, const struct master_rows *rows, const char *file_name,
                          bool english)
{
    json_t *errors = json_array();
    for (size_t i = 0; i < rows->nissues; i++) {
        const struct master_issue *is = &rows->issues[i];
        json_array_append_new(errors, json_pack("{s:s,s:I,s:s,s:s,s:s,s:s}", "file", file_name,
                                                "row", (json_int_t)is->row, "column", is->column,
                                                "reason", english ? is->en : is->zh, "reason_zh",
                                                is->zh, "reason_en", is->en));
    }
    return json_pack("{s:s,s:b,s:I,s:i,s:i,s:i,s:[],s:o,s:s}", "kind", kind, "committed", 0,
                     "rows_read", (json_int_t)rows->n, "created", 0, "updated", 0, "unchanged", 0,
                     "created_room_types", "errors", errors, "encoding", rows->encoding);
}

static bool same_product(const struct product *a, const struct product *b)
{
    return strcmp(a->code, b->code) == 0 && strcmp(a->name, b->name) == 0 &&
           strcmp(a->category, b->category) == 0 && strcmp(a->unit, b->unit) == 0 &&
           a->price_fen == b->price_fen && a->active == b->active;
}

/* Finishes an import: batch row, commit, counts in the report. */
static enum db_status finish(struct db *db, int64_t venue_id, const struct actor *who,
                             const char *kind, const char *file_name, json_t *report,
                             int64_t created, int64_t updated, int64_t unchanged)
{
    json_object_set_new(report, "created", json_integer(created));
    json_object_set_new(report, "updated", json_integer(updated));
    json_object_set_new(report, "unchanged", json_integer(unchanged));
    int64_t batch = 0;
    enum db_status s =
        import_batch_insert(db, venue_id, kind, file_name, who->user_id, who->username, &batch);
    char *text = json_dumps(report, JSON_COMPACT);
    if (s == DB_OK)
        s = text ? import_batch_finish(db, batch,
                                       json_integer_value(json_object_get(report, "rows_read")),
                                       created + updated, unchanged, 0, text)
                 : DB_ERROR;
    free(text);
    if (s == DB_OK) s = db_commit(db);
    if (s == DB_OK) {
        json_object_set_new(report, "committed", json_true());
        json_object_set_new(report, "batch_id", json_integer(batch));
    }
    return s;
}

json_t *master_import_products(struct db *db, int64_t venue_id, const struct actor *who,
                               const char *file_name, const char *data, size_t len, bool english,
                               enum db_status *status)
{
    struct master_rows rows;
    *status = DB_ERROR;
    if (!master_read_products(data, len, &rows)) {
        master_rows_free(&rows);
        return NULL;
    }
    json_t *report = report_new("products", &rows, file_name, english);
    if (rows.nissues) {
        *status = DB_INVALID;
        master_rows_free(&rows);
        return report;
    }
    int64_t created = 0, updated = 0, unchanged = 0;
    enum db_status s = db_begin_write(db);
    for (size_t i = 0; s == DB_OK && i < rows.n; i++) {
        struct product in = rows.products[i], cur;
        int64_t id = 0;
        enum db_status f = DB_NOT_FOUND;
        if (in.code[0]) {
            f = product_find_code(db, venue_id, in.code, &id);
            /* A product an earlier bill import created by name takes the real code. */
            if (f == DB_NOT_FOUND && product_find_name(db, venue_id, in.name, &id) == DB_OK &&
                product_load(db, venue_id, id, &cur) == DB_OK && strncmp(cur.code, "AUTO-", 5) == 0)
                f = DB_OK;
        } else {
            f = product_find_name(db, venue_id, in.name, &id);
        }
        if (f != DB_OK && f != DB_NOT_FOUND) {
            s = f;
            break;
        }
        struct actor a = *who;
        char sid[24];
        if (f == DB_NOT_FOUND) {
            if (!in.code[0]) s = product_next_auto_code(db, venue_id, in.code);
            if (s == DB_OK) s = product_insert(db, venue_id, &in, &id);
            in.id = id;
            json_t *after = product_snapshot(&in);
            snprintf(sid, sizeof sid, "%lld", (long long)id);
            if (s == DB_OK) s = audit_record(db, &a, "import", "product", sid, NULL, after);
            json_decref(after);
            created++;
            continue;
        }
        s = product_load(db, venue_id, id, &cur);
        if (s != DB_OK) break;
        struct product next = cur;
        if (in.code[0]) snprintf(next.code, sizeof next.code, "%s", in.code);
        snprintf(next.name, sizeof next.name, "%s", in.name);
        if (rows.has[MP_CATEGORY]) snprintf(next.category, sizeof next.category, "%s", in.category);
        if (rows.has[MP_UNIT]) snprintf(next.unit, sizeof next.unit, "%s", in.unit);
        next.price_fen = in.price_fen;
        if (rows.has[MP_ACTIVE])
            next.active = in.active;
        else if (strncmp(cur.code, "AUTO-", 5) == 0 && in.code[0])
            next.active = true;
        if (same_product(&cur, &next)) {
            unchanged++;
            continue;
        }
        s = product_update(db, venue_id, &next);
        json_t *before = product_snapshot(&cur), *after = product_snapshot(&next);
        snprintf(sid, sizeof sid, "%lld", (long long)id);
        if (s == DB_OK) s = audit_record(db, &a, "import", "product", sid, before, after);
        json_decref(before);
        json_decref(after);
        updated++;
    }
    if (s == DB_OK)
        s = finish(db, venue_id, who, "products", file_name, report, created, updated, unchanged);
    db_rollback(db);
    *status = s;
    master_rows_free(&rows);
    return report;
}

json_t *master_import_rooms(struct db *db, int64_t venue_id, const struct actor *who,
                            const char *file_name, const char *data, size_t len, bool english,
                            enum db_status *status)
{
    struct master_rows rows;
    *status = DB_ERROR;
    if (!master_read_rooms(data, len, &rows)) {
        master_rows_free(&rows);
        return NULL;
    }
    json_t *report = report_new("rooms", &rows, file_name, english);
    if (rows.nissues) {
        *status = DB_INVALID;
        master_rows_free(&rows);
        return report;
    }
    json_t *types = json_object_get(report, "created_room_types");
    int64_t created = 0, updated = 0, unchanged = 0;
    enum db_status s = db_begin_write(db);
    for (size_t i = 0; s == DB_OK && i < rows.n; i++) {
        struct room in = rows.rooms[i], cur;
        struct actor a = *who;
        char sid[24];
        int64_t type_id = 0, id = 0;
        s = room_type_find(db, venue_id, in.room_type, &type_id);
        if (s == DB_NOT_FOUND) {
            struct room_type t;
            memset(&t, 0, sizeof t);
            snprintf(t.name, sizeof t.name, "%s", in.room_type);
            t.active = true;
            s = room_type_insert(db, venue_id, &t, &type_id);
            json_t *after = json_pack("{s:I,s:s}", "id", (json_int_t)type_id, "name", t.name);
            snprintf(sid, sizeof sid, "%lld", (long long)type_id);
            if (s == DB_OK) s = audit_record(db, &a, "import", "room_type", sid, NULL, after);
            json_decref(after);
            json_array_append_new(types, json_string(t.name));
        }
        if (s != DB_OK) break;
        in.room_type_id = type_id;
        enum db_status f = room_find(db, venue_id, in.room_no, &id);
        if (f == DB_NOT_FOUND) {
            s = room_insert(db, venue_id, &in, &id);
            in.id = id;
            json_t *after = room_snapshot(&in, in.room_type);
            snprintf(sid, sizeof sid, "%lld", (long long)id);
            if (s == DB_OK) s = audit_record(db, &a, "import", "room", sid, NULL, after);
            json_decref(after);
            created++;
            continue;
        }
        if (f != DB_OK || (s = room_load(db, venue_id, id, &cur)) != DB_OK) {
            s = f != DB_OK ? f : s;
            break;
        }
        struct room next = cur;
        if (rows.has[MR_NAME]) snprintf(next.name, sizeof next.name, "%s", in.name);
        next.room_type_id = type_id;
        snprintf(next.room_type, sizeof next.room_type, "%s", in.room_type);
        next.active = in.active;
        if (strcmp(next.name, cur.name) == 0 && next.room_type_id == cur.room_type_id &&
            next.active == cur.active) {
            unchanged++;
            continue;
        }
        s = room_update(db, venue_id, &next);
        json_t *before = room_snapshot(&cur, cur.room_type);
        json_t *after = room_snapshot(&next, next.room_type);
        snprintf(sid, sizeof sid, "%lld", (long long)id);
        if (s == DB_OK) s = audit_record(db, &a, "import", "room", sid, before, after);
        json_decref(before);
        json_decref(after);
        updated++;
    }
    if (s == DB_OK)
        s = finish(db, venue_id, who, "rooms", file_name, report, created, updated, unchanged);
    db_rollback(db);
    *status = s;
    master_rows_free(&rows);
    return report;
}
