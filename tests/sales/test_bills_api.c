/* test_bills_api.c: the bills and import endpoints against a real server: upload by multipart,
 * bad uploads refused with reasons (never a 500), permissions (403 without the role or the
 * CSRF token, 401 anonymous), the bill list's filters by business day (D5 at the list level),
 * bill detail, and the Excel export keeping long numbers as text (case I3). */
#include "harness.h"
#include "upload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct server srv;
static struct client admin;

/* A small venue history: D5's two bills either side of the 06:00 cut-off, a bill numbered like
 * the legacy system's with a leading zero and a member phone, a voided bill, a split payment. */
static const char BILLS[] =
    "bill_no,room,room_type,opened_at,closed_at,status,cashier,member_phone,booker,gross,"
    "discount,total,note\r\n"
    "D5-0559,V01,小包,2019-03-01 23:00:00,2019-03-02 05:59:00,settled,小李,,,100.00,0,100.00,\r\n"
    "D5-0600,V01,小包,2019-03-02 01:00:00,2019-03-02 06:00:00,settled,小李,,,200.00,0,200.00,\r\n"
    "021547896774077,V02,大包,2019-03-02 20:00:00,2019-03-02 23:00:00,settled,小王,0912345678,"
    "阿强,300.00,50.00,250.00,会员\r\n"
    "V-1,V02,大包,2019-03-02 20:00:00,2019-03-02 21:00:00,voided,小王,,,80.00,0,80.00,作废\r\n";
static const char LINES[] = "bill_no,line_no,kind,item,qty,unit_price,amount\r\n"
                            "D5-0559,1,room,包厢费,1,100.00,100.00\r\n"
                            "D5-0600,1,room,包厢费,1,,\r\n"
                            "D5-0600,2,goods,青岛啤酒,10,10.00,100.00\r\n"
                            "021547896774077,1,package,大包欢唱套餐,1,300.00,300.00\r\n"
                            "V-1,1,goods,青岛啤酒,8,10.00,80.00\r\n";
static const char PAYS[] = "bill_no,method,amount\r\n"
                           "D5-0559,cash,100.00\r\n"
                           "D5-0600,wechat,150.00\r\n"
                           "D5-0600,cash,50.00\r\n"
                           "021547896774077,alipay,250.00\r\n"
                           "V-1,cash,80.00\r\n";

static void upload_and_report(void)
{
    /* Dry run: the report, nothing written. */
    struct response r = upload_bills(&admin, BILLS, sizeof BILLS - 1, LINES, sizeof LINES - 1, PAYS,
                                     sizeof PAYS - 1, false, true);
    CHECK_INT(r.status, 200);
    if (r.json) {
        CHECK(json_is_true(json_object_get(r.json, "dry_run")));
        CHECK(json_is_false(json_object_get(r.json, "committed")));
        CHECK_INT(jget(r.json, "imported"), 4);
        CHECK(json_is_null(json_object_get(r.json, "batch_id")));
    }
    response_free(&r);
    CHECK_INT(sql_int(srv.db, "SELECT count(*) FROM bills"), 0);
    CHECK_INT(sql_int(srv.db, "SELECT count(*) FROM rooms"), 0);

    r = upload_bills(&admin, BILLS, sizeof BILLS - 1, LINES, sizeof LINES - 1, PAYS,
                     sizeof PAYS - 1, false, false);
    CHECK_INT(r.status, 200);
    if (r.json) {
        CHECK_INT(jget(r.json, "imported"), 4);
        CHECK_INT(jget(r.json, "settled"), 3);
        CHECK_INT(jget(r.json, "voided"), 1);
        CHECK_INT(jget(r.json, "rejected_count"), 0);
        json_t *created = json_object_get(r.json, "created");
        CHECK_INT(json_array_size(json_object_get(created, "rooms")), 2);
        CHECK_INT(json_array_size(json_object_get(created, "products")), 1);
        CHECK_INT(json_array_size(json_object_get(created, "packages")), 1);
        CHECK_STR(
            json_string_value(json_object_get(json_object_get(r.json, "encodings"), "bills.csv")),
            "utf-8");
    }
    response_free(&r);
    CHECK_INT(sql_int(srv.db, "SELECT count(*) FROM audit_log WHERE entity = 'bills'"), 1);
}

/* Bad uploads: refused with a reason and a field, nothing written, never a 500. */
static void bad_uploads_are_refused(void)
{
    int64_t before = sql_int(srv.db, "SELECT count(*) FROM bills");
    struct response r;
    /* Not multipart. */
    r = client_request(&admin, "POST", "/api/v1/import/bills", "{}", 2, "application/json");
    CHECK_INT(r.status, 400);
    CHECK_STR(response_error_code(&r), "invalid_upload");
    response_free(&r);
    /* Wrong boundary. */
    r = client_request(&admin, "POST", "/api/v1/import/bills", "--zzz\r\n\r\n", 9,
                       "multipart/form-data; boundary=abc");
    CHECK_INT(r.status, 400);
    response_free(&r);
    /* Empty body. */
    r = client_request(&admin, "POST", "/api/v1/import/bills", NULL, 0, UPLOAD_CONTENT_TYPE);
    CHECK_INT(r.status, 400);
    response_free(&r);
    /* A file field missing. */
    struct buf b = {0};
    upload_part(&b, "bills", "bills.csv", BILLS, sizeof BILLS - 1);
    upload_part(&b, "bill_payments", "p.csv", PAYS, sizeof PAYS - 1);
    upload_end(&b);
    r = client_request(&admin, "POST", "/api/v1/import/bills", b.data, b.len, UPLOAD_CONTENT_TYPE);
    CHECK_INT(r.status, 400);
    CHECK_STR(response_error_code(&r), "missing_file");
    CHECK_STR(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")),
              "bill_lines");
    response_free(&r);
    buf_free(&b);
    /* An unknown field. */
    upload_part(&b, "bills", "bills.csv", BILLS, sizeof BILLS - 1);
    upload_part(&b, "surprise", NULL, "1", 1);
    upload_end(&b);
    r = client_request(&admin, "POST", "/api/v1/import/bills", b.data, b.len, UPLOAD_CONTENT_TYPE);
    CHECK_INT(r.status, 400);
    CHECK_STR(response_error_code(&r), "unknown_field");
    response_free(&r);
    buf_free(&b);
    /* Not CSV (an xlsx is a zip), empty files, a huge line, a quote never closed, missing
     * columns: 422 with the report naming the file. */
    static const char zip[] = "PK\x03\x04\x14\x00\x00\x00\x08\x00\xff\xfe\x00\x01";
    r = upload_bills(&admin, zip, sizeof zip - 1, LINES, sizeof LINES - 1, PAYS, sizeof PAYS - 1,
                     true, false);
    CHECK_INT(r.status, 422);
    CHECK_STR(response_error_code(&r), "import_refused");
    if (r.json) {
        json_t *e = json_array_get(json_object_get(r.json, "errors"), 0);
        CHECK_STR(json_string_value(json_object_get(e, "file")), "bills.csv");
        CHECK(strstr(json_string_value(json_object_get(e, "reason")), "不是 CSV") != NULL);
    }
    response_free(&r);
    r = upload_bills(&admin, "", 0, "", 0, "", 0, true, false);
    CHECK_INT(r.status, 422);
    CHECK_INT(r.json ? json_array_size(json_object_get(r.json, "errors")) : 0, 3);
    response_free(&r);
    size_t huge_len = 3 * 1024 * 1024;
    char *huge = malloc(huge_len + 200);
    int n = snprintf(huge, 200, "bill_no,opened_at,closed_at,status,total\nX,");
    memset(huge + n, 'x', huge_len);
    memcpy(huge + n + huge_len, "\n", 2);
    r = upload_bills(&admin, huge, strlen(huge), LINES, sizeof LINES - 1, PAYS, sizeof PAYS - 1,
                     false, false);
    CHECK_INT(r.status, 422);
    /* The reason quotes at most a few dozen bytes of the 3 MB value. */
    CHECK(r.len < 100000);
    response_free(&r);
    free(huge);
    static const char unclosed[] = "bill_no,opened_at,closed_at,status,total\n"
                                   "\"Q1,2019-03-01 20:00,2019-03-01 21:00,settled,10\n";
    r = upload_bills(&admin, unclosed, sizeof unclosed - 1, LINES, sizeof LINES - 1, PAYS,
                     sizeof PAYS - 1, false, false);
    CHECK_INT(r.status, 422);
    response_free(&r);
    static const char no_total[] = "bill_no,opened_at,closed_at,status\nQ,a,b,c\n";
    r = upload_bills(&admin, no_total, sizeof no_total - 1, LINES, sizeof LINES - 1, PAYS,
                     sizeof PAYS - 1, true, false);
    CHECK_INT(r.status, 422);
    if (r.json) {
        json_t *e = json_array_get(json_object_get(r.json, "errors"), 0);
        CHECK_STR(json_string_value(json_object_get(e, "column")), "total");
    }
    response_free(&r);
    /* English when asked. */
    admin.english = true;
    r = upload_bills(&admin, no_total, sizeof no_total - 1, LINES, sizeof LINES - 1, PAYS,
                     sizeof PAYS - 1, true, false);
    if (r.json) {
        json_t *e = json_array_get(json_object_get(r.json, "errors"), 0);
        CHECK(strstr(json_string_value(json_object_get(e, "reason")), "required column") != NULL);
    }
    response_free(&r);
    admin.english = false;
    CHECK_INT(sql_int(srv.db, "SELECT count(*) FROM bills"), before);
}

static void permissions(void)
{
    CHECK(add_user(&srv, "cashier1", "cashier", "cashier-pass-1"));
    CHECK(add_user(&srv, "staff1", "staff", "staff-pass-1"));
    struct client c;
    /* Anonymous: 401. */
    client_init(&c, &srv);
    struct response r = upload_bills(&c, BILLS, sizeof BILLS - 1, LINES, sizeof LINES - 1, PAYS,
                                     sizeof PAYS - 1, false, false);
    CHECK_INT(r.status, 401);
    response_free(&r);
    r = client_get(&c, "/api/v1/bills");
    CHECK_INT(r.status, 401);
    response_free(&r);
    /* A cashier reads bills but may not import: 403. */
    CHECK_INT(client_login(&c, "cashier1", "cashier-pass-1"), 200);
    r = upload_bills(&c, BILLS, sizeof BILLS - 1, LINES, sizeof LINES - 1, PAYS, sizeof PAYS - 1,
                     false, false);
    CHECK_INT(r.status, 403);
    CHECK_STR(response_error_code(&r), "forbidden");
    response_free(&r);
    r = client_get(&c, "/api/v1/bills?q=021547896774077");
    CHECK_INT(r.status, 200);
    /* A cashier sees the member phone masked. */
    json_t *it = r.json ? json_array_get(json_object_get(r.json, "items"), 0) : NULL;
    CHECK_STR(json_string_value(json_object_get(it, "member_phone")), "091****5678");
    response_free(&r);
    client_free(&c);
    /* Staff may not read bills. */
    client_init(&c, &srv);
    CHECK_INT(client_login(&c, "staff1", "staff-pass-1"), 200);
    r = client_get(&c, "/api/v1/bills");
    CHECK_INT(r.status, 403);
    response_free(&r);
    client_free(&c);
    /* Without the CSRF token: 403. */
    client_init(&c, &srv);
    CHECK_INT(client_login(&c, "admin", TEST_ADMIN_PASSWORD), 200);
    c.csrf[0] = 0;
    r = upload_bills(&c, BILLS, sizeof BILLS - 1, LINES, sizeof LINES - 1, PAYS, sizeof PAYS - 1,
                     false, false);
    CHECK_INT(r.status, 403);
    CHECK_STR(response_error_code(&r), "csrf");
    response_free(&r);
    client_free(&c);
}

/* Lists with a query; returns the bill numbers joined by spaces (malloc'd) and the totals. */
static char *list(const char *query, int64_t *total, int64_t *sum)
{
    char path[300];
    snprintf(path, sizeof path, "/api/v1/bills?%s", query);
    struct response r = client_get(&admin, path);
    CHECK_INT(r.status, 200);
    struct buf b = {0};
    buf_puts(&b, "");
    *total = *sum = -1;
    if (r.json) {
        *total = jget(r.json, "total");
        *sum = jget(r.json, "sum_total_fen");
        size_t i;
        json_t *it;
        json_array_foreach(json_object_get(r.json, "items"), i, it)
            buf_printf(&b, "%s%s", i ? " " : "", json_string_value(json_object_get(it, "bill_no")));
    }
    response_free(&r);
    return buf_take(&b);
}

static void list_filters_by_business_day(void)
{
    int64_t total, sum;
    char *s;
    /* D5: settled 05:59 belongs to the previous business day, 06:00 to the new one. */
    s = list("from=2019-03-01&to=2019-03-01", &total, &sum);
    CHECK_STR(s, "D5-0559");
    CHECK_INT(sum, 10000);
    free(s);
    s = list("from=2019-03-02&to=2019-03-02&sort=closed_at", &total, &sum);
    CHECK_STR(s, "D5-0600 V-1 021547896774077");
    CHECK_INT(total, 3);
    CHECK_INT(sum, 45000); /* the voided bill is not summed */
    free(s);
    s = list("status=voided", &total, &sum);
    CHECK_STR(s, "V-1");
    CHECK_INT(sum, 0);
    free(s);
    s = list("method=cash&sort=bill_no", &total, &sum);
    CHECK_STR(s, "D5-0559 D5-0600 V-1");
    free(s);
    s = list("room=V02&sort=-total", &total, &sum);
    CHECK_STR(s, "021547896774077 V-1");
    free(s);
    s = list("q=0215", &total, &sum);
    CHECK_STR(s, "021547896774077");
    free(s);
    s = list("cashier=小李&page_size=1&page=2&sort=closed_at", &total, &sum);
    CHECK_STR(s, "D5-0600");
    CHECK_INT(total, 2);
    free(s);
    /* The methods column joins a split payment in the order paid. */
    struct response r = client_get(&admin, "/api/v1/bills?q=D5-0600");
    json_t *it = r.json ? json_array_get(json_object_get(r.json, "items"), 0) : NULL;
    CHECK_STR(json_string_value(json_object_get(it, "methods")), "wechat+cash");
    CHECK_STR(json_string_value(json_object_get(it, "business_day")), "2019-03-02");
    response_free(&r);
    /* Malformed filters: 400 naming the field. */
    static const char *const bad[] = {"from=2019-3-1",   "to=yesterday",  "status=paid",
                                      "method=bitcoin",  "sort=random()", "page=0",
                                      "page_size=100000"};
    static const char *const fields[] = {"from", "to",   "status",   "method",
                                         "sort", "page", "page_size"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char path[200];
        snprintf(path, sizeof path, "/api/v1/bills?%s", bad[i]);
        r = client_get(&admin, path);
        CHECK_INT(r.status, 400);
        CHECK_STR(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")),
                  fields[i]);
        response_free(&r);
    }
}

static void bill_detail(void)
{
    int64_t id = sql_int(srv.db, "SELECT id FROM bills WHERE bill_no = 'D5-0600'");
    char path[100];
    snprintf(path, sizeof path, "/api/v1/bills/%lld", (long long)id);
    struct response r = client_get(&admin, path);
    CHECK_INT(r.status, 200);
    if (r.json) {
        CHECK_STR(json_string_value(json_object_get(r.json, "bill_no")), "D5-0600");
        CHECK_INT(jget(r.json, "total_fen"), 20000);
        json_t *lines = json_object_get(r.json, "lines");
        CHECK_INT(json_array_size(lines), 2);
        json_t *l1 = json_array_get(lines, 0), *l2 = json_array_get(lines, 1);
        CHECK(json_is_null(json_object_get(l1, "unit_price_fen")));
        CHECK(json_is_null(json_object_get(l1, "amount_fen")));
        CHECK_INT(jget(l2, "unit_price_fen"), 1000);
        CHECK_INT(jget(l2, "qty"), 10);
        CHECK(json_is_integer(json_object_get(l2, "product_id")));
        json_t *pays = json_object_get(r.json, "payments");
        CHECK_INT(json_array_size(pays), 2);
        CHECK_STR(json_string_value(json_object_get(json_array_get(pays, 0), "method")), "wechat");
        CHECK_INT(jget(json_array_get(pays, 1), "amount_fen"), 5000);
    }
    response_free(&r);
    r = client_get(&admin, "/api/v1/bills/999999");
    CHECK_INT(r.status, 404);
    response_free(&r);
    r = client_get(&admin, "/api/v1/bills/abc");
    CHECK_INT(r.status, 404);
    response_free(&r);
}

/* True if the xlsx file's shared strings hold s. */
static bool xlsx_has_text(const char *file, const char *s)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/sharedStrings.xml", file);
    FILE *p = popen(cmd, "r");
    if (!p) return false;
    struct buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_append(&b, chunk, n);
    pclose(p);
    bool found = b.data && strstr(b.data, s) != NULL;
    buf_free(&b);
    return found;
}

/* I3: bill numbers and phones stay text with their leading zeros, in the API's export and the
 * CLI's. */
static void export_keeps_long_numbers_as_text(void)
{
    struct response r = client_get(&admin, "/api/v1/bills/export?format=xlsx&from=2019-03-02&"
                                           "to=2019-03-02");
    CHECK_INT(r.status, 200);
    CHECK(strstr(r.content_type, "spreadsheetml") != NULL);
    char file[400];
    snprintf(file, sizeof file, "%s/export.xlsx", srv.dir);
    FILE *f = fopen(file, "wb");
    CHECK(f && fwrite(r.body, 1, r.len, f) == r.len);
    if (f) fclose(f);
    response_free(&r);
    CHECK(xlsx_has_text(file, "<t>021547896774077</t>"));
    CHECK(xlsx_has_text(file, "<t>0912345678</t>"));
    CHECK(xlsx_has_text(file, "账单号"));

    r = client_get(&admin, "/api/v1/bills/export?format=csv&status=settled");
    CHECK_INT(r.status, 200);
    CHECK(strstr(r.body, "021547896774077,2019-03-02,V02,大包,2019-03-02 20:00:00,") != NULL);
    CHECK(strstr(r.body, "V-1") == NULL);
    CHECK(strstr(r.body, "250.00,支付宝") != NULL);
    response_free(&r);
    r = client_get(&admin, "/api/v1/bills/export?format=pdf");
    CHECK_INT(r.status, 400);
    response_free(&r);

    char cli_file[400];
    snprintf(cli_file, sizeof cli_file, "%s/cli.xlsx", srv.dir);
    CHECK_INT(run_cli(NULL, "export", "bills", "--db", srv.db, "--from", "2019-03-01", "--to",
                      "2019-03-31", "--format", "xlsx", "-o", cli_file, NULL),
              0);
    CHECK(xlsx_has_text(cli_file, "<t>021547896774077</t>"));
    CHECK(xlsx_has_text(cli_file, "<t>0912345678</t>"));
    CHECK_INT(run_cli(NULL, "export", "bills", "--db", srv.db, "--from", "2019-03-31", "--to",
                      "2019-03-01", "--format", "xlsx", "-o", cli_file, NULL),
              2);
}

/* Products and rooms CSV through the API: multipart and a text/csv body. */
static void master_data_uploads(void)
{
    struct buf b = {0};
    static const char products[] =
        "编码,商品,类别,单位,单价,启用\r\nG001,青岛啤酒,啤酒,瓶,12.00,1\r\n"
        "G002,果盘,小吃,份,38.00,是\r\n";
    upload_part(&b, "file", "商品.csv", products, sizeof products - 1);
    upload_end(&b);
    struct response r = client_request(&admin, "POST", "/api/v1/import/products", b.data, b.len,
                                       UPLOAD_CONTENT_TYPE);
    buf_free(&b);
    CHECK_INT(r.status, 200);
    if (r.json) {
        /* 青岛啤酒 was created by the bill upload (AUTO code): it takes G001 and is updated. */
        CHECK_INT(jget(r.json, "created"), 1);
        CHECK_INT(jget(r.json, "updated"), 1);
    }
    response_free(&r);
    CHECK_INT(sql_int(srv.db, "SELECT count(*) FROM products WHERE name = '青岛啤酒'"), 1);
    CHECK_INT(sql_int(srv.db, "SELECT price_fen FROM products WHERE code = 'G001'"), 1200);
    CHECK_INT(sql_int(srv.db, "SELECT active FROM products WHERE code = 'G001'"), 1);

    static const char rooms[] = "room_no,name,room_type\nV01,牡丹厅,小包\nV03,玫瑰厅,豪华包\n";
    r = client_request(&admin, "POST", "/api/v1/import/rooms", rooms, sizeof rooms - 1, "text/csv");
    CHECK_INT(r.status, 200);
    if (r.json) {
        CHECK_INT(jget(r.json, "created"), 1);
        CHECK_INT(jget(r.json, "updated"), 1);
        CHECK_INT(json_array_size(json_object_get(r.json, "created_room_types")), 1);
    }
    response_free(&r);
    CHECK_INT(sql_int(srv.db, "SELECT active FROM rooms WHERE room_no = 'V01'"), 1);

    /* A bad price refuses the whole file. */
    static const char bad[] = "商品,单价\n红牛,10\n绿茶,12.345\n";
    r = client_request(&admin, "POST", "/api/v1/import/products", bad, sizeof bad - 1, "text/csv");
    CHECK_INT(r.status, 422);
    if (r.json) {
        json_t *e = json_array_get(json_object_get(r.json, "errors"), 0);
        CHECK_INT(jget(e, "row"), 3);
        CHECK_STR(json_string_value(json_object_get(e, "column")), "单价");
        CHECK(strstr(json_string_value(json_object_get(e, "reason")), "小数超过两位") != NULL);
    }
    response_free(&r);
    CHECK_INT(sql_int(srv.db, "SELECT count(*) FROM products WHERE name = '红牛'"), 0);
    r = client_request(&admin, "POST", "/api/v1/import/rooms", "{}", 2, "application/json");
    CHECK_INT(r.status, 415);
    response_free(&r);
}

int main(void)
{
    if (!server_start(&srv, NULL)) {
        harness_fail(__FILE__, __LINE__, "server did not start");
        return harness_finish("sales/bills_api");
    }
    client_init(&admin, &srv);
    if (client_login(&admin, "admin", TEST_ADMIN_PASSWORD) != 200)
        harness_fail(__FILE__, __LINE__, "admin login failed");
    RUN(upload_and_report);
    RUN(bad_uploads_are_refused);
    RUN(permissions);
    RUN(list_filters_by_business_day);
    RUN(bill_detail);
    RUN(export_keeps_long_numbers_as_text);
    RUN(master_data_uploads);
    client_free(&admin);
    if (server_stop(&srv) != 0) harness_fail(__FILE__, __LINE__, "server did not stop cleanly");
    return harness_finish("sales/bills_api");
}
