/* test_legacy.c: case I1 through the reports: the real legacy KTV of $KTV_SHARED/data/ktv-legacy
 * imported with `ktvoffice import bills --skip-invalid`, then its figures read through the API,
 * the command line (json, table, csv) and the .xlsx export. The figures are those of
 * ../shared/cases/money-path.md, which were computed from the source data independently:
 * settled net 63,358.00 (gross 68,955.00, discounts 5,597.00), 203 settled and 7 voided bills,
 * cash 28,582.00, WeChat 27,708.00, Alipay 7,068.00; business day 2019-02-05 14 bills 6,174.00,
 * 2019-02-06 6,655.00; month 2019-01 9,384.00; 18 bills cross midnight; 七堡1516啤酒 1,113
 * bottles, 雪花啤酒 446. The test needs the bill import; without it, it fails (by design). */
#include "fixtures.h"

#include <unistd.h>

static struct server srv;
static struct client admin;
static bool up;

/* A test that needs the server fails, rather than passes empty, when it did not start. */
#define REQUIRE_UP()                                                                               \
    do {                                                                                           \
        if (!up) {                                                                                 \
            harness_fail(__FILE__, __LINE__, "the test server did not start");                     \
            return;                                                                                \
        }                                                                                          \
    } while (0)

/* The whole legacy period (January to March 2019) fits in one takings range of a year. */
#define FROM "2019-01-01"
#define TO "2019-12-31"

static bool prepare(const char *db)
{
    if (run_cli(NULL, "init", "--db", db, "--venue", "旧系统KTV", "--password", TEST_ADMIN_PASSWORD,
                NULL) != 0)
        return false;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/data/ktv-legacy", test_shared());
    char *out = NULL;
    int rc = run_cli(&out, "import", "bills", "--db", db, "--skip-invalid", dir, NULL);
    if (rc != 0) fprintf(stderr, "import bills exited %d:\n%s\n", rc, out ? out : "");
    free(out);
    return rc == 0;
}

static void start(void)
{
    up = server_start(&srv, prepare);
    CHECK(up); /* fails while `ktvoffice import bills` does not exist */
    if (!up) return;
    client_init(&admin, &srv);
    CHECK_INT(client_login(&admin, "admin", TEST_ADMIN_PASSWORD), 200);
}

/* The takings figures of I1, whichever door they came through. */
static void check_takings(json_t *t)
{
    CHECK_INT(fx_int(t, "totals.net_fen"), 6335800);
    CHECK_INT(fx_int(t, "totals.gross_fen"), 6895500);
    CHECK_INT(fx_int(t, "totals.discount_fen"), 559700);
    CHECK_INT(fx_int(t, "totals.bills_settled"), 203);
    CHECK_INT(fx_int(t, "totals.bills_voided"), 7);
    CHECK_INT(fx_int(fx_row(t, "by_method", "method", "cash"), "amount_fen"), 2858200);
    CHECK_INT(fx_int(fx_row(t, "by_method", "method", "wechat"), "amount_fen"), 2770800);
    CHECK_INT(fx_int(fx_row(t, "by_method", "method", "alipay"), "amount_fen"), 706800);
    json_t *d5 = fx_row(t, "days", "day", "2019-02-05");
    CHECK_INT(fx_int(d5, "bills_settled"), 14);
    CHECK_INT(fx_int(d5, "net_fen"), 617400);
    CHECK_INT(fx_int(fx_row(t, "days", "day", "2019-02-06"), "net_fen"), 665500);
    /* Every group adds up to the same net. */
    long long by_cashier = 0, by_room = 0;
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(t, "by_cashier"), i, row) by_cashier +=
        fx_int(row, "net_fen");
    json_array_foreach(json_object_get(t, "by_room_type"), i, row) by_room +=
        fx_int(row, "net_fen");
    CHECK_INT(by_cashier, 6335800);
    CHECK_INT(by_room, 6335800);
}

static void check_sales(json_t *s)
{
    CHECK_INT(fx_int(s, "totals.net_fen"), 6335800);
    CHECK_INT(fx_int(s, "totals.bills"), 203);
    json_t *d5 = fx_row(s, "by_day", "day", "2019-02-05");
    CHECK_INT(fx_int(d5, "bills"), 14);
    CHECK_INT(fx_int(d5, "net_fen"), 617400);
    CHECK_INT(fx_int(fx_row(s, "by_day", "day", "2019-02-06"), "net_fen"), 665500);
    CHECK_INT(fx_int(fx_row(s, "by_month", "month", "2019-01"), "net_fen"), 938400);
    CHECK_INT(fx_int(s, "crossing_midnight"), 18);
    CHECK_INT(fx_int(s, "totals.crossing_midnight"), 18);
    json_t *beer = fx_row(s, "goods", "item", "七堡1516啤酒");
    CHECK_INT(fx_int(beer, "qty"), 1113);
    CHECK(json_is_null(json_object_get(beer, "revenue_fen"))); /* no prices kept: unknown */
    CHECK_INT(fx_int(fx_row(s, "goods", "item", "雪花啤酒"), "qty"), 446);
    CHECK_STR(json_string_value(fx_at(s, "goods.0.item")), "七堡1516啤酒"); /* by quantity */
    long long hours = 0, weekdays = 0;
    for (int h = 0; h < 24; h++) {
        char path[32];
        snprintf(path, sizeof path, "by_hour.%d.net_fen", h);
        hours += fx_int(s, path);
    }
    for (int w = 0; w < 7; w++) {
        char path[32];
        snprintf(path, sizeof path, "by_weekday.%d.net_fen", w);
        weekdays += fx_int(s, path);
    }
    CHECK_INT(hours, 6335800);
    CHECK_INT(weekdays, 6335800);
    CHECK(json_array_size(json_object_get(s, "packages")) > 0);
}

static void i1_through_the_api(void)
{
    REQUIRE_UP();
    json_t *t = fx_get(&admin, "/api/v1/reports/takings?from=" FROM "&to=" TO, 200);
    check_takings(t);
    json_decref(t);
    /* One business day alone: the calendar day would give 3,806.00. */
    t = fx_get(&admin, "/api/v1/reports/takings?from=2019-02-05&to=2019-02-05", 200);
    CHECK_INT(fx_int(t, "totals.bills_settled"), 14);
    CHECK_INT(fx_int(t, "totals.net_fen"), 617400);
    json_decref(t);
    json_t *s = fx_get(&admin, "/api/v1/reports/sales?from=" FROM "&to=" TO, 200);
    check_sales(s);
    json_decref(s);
    s = fx_get(&admin, "/api/v1/reports/sales?from=2019-01-01&to=2019-01-31", 200);
    CHECK_INT(fx_int(s, "totals.net_fen"), 938400);
    json_decref(s);

    struct response e =
        client_get(&admin, "/api/v1/reports/takings/export?format=xlsx&from=" FROM "&to=" TO);
    CHECK_INT(e.status, 200);
    CHECK(strstr(e.content_type, "spreadsheetml") != NULL);
    CHECK(e.len > 1000 && memcmp(e.body, "PK", 2) == 0);
    response_free(&e);
    e = client_get(&admin, "/api/v1/reports/sales/export?format=csv&from=" FROM "&to=" TO);
    CHECK_INT(e.status, 200);
    CHECK(strstr(e.content_type, "text/csv") != NULL);
    CHECK(strstr(e.body, "63358.00") && strstr(e.body, "七堡1516啤酒,1113,"));
    response_free(&e);
}

static void i1_through_the_command_line(void)
{
    REQUIRE_UP();
    json_t *t = fx_cli_report(srv.db, "takings", FROM, TO);
    if (t) check_takings(t);
    json_decref(t);
    json_t *s = fx_cli_report(srv.db, "sales", FROM, TO);
    if (s) check_sales(s);
    json_decref(s);

    char *out = NULL;
    CHECK_INT(run_cli(&out, "report", "takings", "--db", srv.db, "--from", FROM, "--to", TO,
                      "--format", "table", NULL),
              0);
    CHECK(out && strstr(out, "63358.00") && strstr(out, "68955.00") && strstr(out, "5597.00"));
    CHECK(out && strstr(out, "28582.00") && strstr(out, "27708.00") && strstr(out, "7068.00"));
    CHECK(out && strstr(out, "2019-02-05  周二        14") && strstr(out, "6174.00"));
    free(out);
    out = NULL;
    CHECK_INT(run_cli(&out, "report", "sales", "--db", srv.db, "--from", FROM, "--to", TO, NULL),
              0);
    CHECK(out && strstr(out, "七堡1516啤酒") && strstr(out, "1113") && strstr(out, "9384.00"));
    free(out);
}

static void i1_exports_from_the_command_line(void)
{
    REQUIRE_UP();
    char xlsx[400], csv[400], cmd[1200];
    snprintf(xlsx, sizeof xlsx, "%s/takings.xlsx", srv.dir);
    snprintf(csv, sizeof csv, "%s/takings.csv", srv.dir);
    CHECK_INT(run_cli(NULL, "report", "takings", "--db", srv.db, "--from", FROM, "--to", TO,
                      "--format", "xlsx", "-o", xlsx, NULL),
              0);
    /* A workbook opens as a zip with one sheet per section, named in the workbook. */
    snprintf(cmd, sizeof cmd, "unzip -l '%s' > '%s.list' 2>&1", xlsx, xlsx);
    CHECK_INT(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s.list", xlsx);
    char *list = read_file(cmd, NULL);
    CHECK(list && strstr(list, "xl/worksheets/sheet5.xml"));
    free(list);
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/workbook.xml > '%s.wb'", xlsx, xlsx);
    CHECK_INT(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s.wb", xlsx);
    char *wb = read_file(cmd, NULL);
    CHECK(wb && strstr(wb, "name=\"汇总\"") && strstr(wb, "name=\"收款方式\"") &&
          strstr(wb, "name=\"每日\""));
    free(wb);
    /* The summary sheet holds the net takings as a number. */
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/worksheets/sheet1.xml > '%s.s1'", xlsx, xlsx);
    CHECK_INT(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s.s1", xlsx);
    char *s1 = read_file(cmd, NULL);
    CHECK(s1 && strstr(s1, "<v>63358</v>") && strstr(s1, "<v>68955</v>"));
    free(s1);

    CHECK_INT(run_cli(NULL, "report", "takings", "--db", srv.db, "--from", FROM, "--to", TO,
                      "--format", "csv", "-o", csv, NULL),
              0);
    char *c = read_file(csv, NULL);
    CHECK(c && memcmp(c, "\xEF\xBB\xBF", 3) == 0);
    CHECK(c && strstr(c, "结账账单（实收）,203,63358.00\r\n"));
    CHECK(c && strstr(c, "应收,,68955.00\r\n") && strstr(c, "优惠（含抹零）,,5597.00\r\n"));
    CHECK(c && strstr(c, "现金,") && strstr(c, ",28582.00\r\n") && strstr(c, ",27708.00\r\n"));
    CHECK(c && strstr(c, "合计,") && strstr(c, ",63358.00"));
    free(c);
    /* xlsx to a terminal is refused: it needs -o. */
    CHECK_INT(run_cli(NULL, "report", "takings", "--db", srv.db, "--format", "xlsx", NULL), 2);
}

static void stop(void)
{
    if (up) client_free(&admin);
    int rc = server_stop(&srv); /* also removes the folder of a server that did not start */
    if (up) CHECK_INT(rc, 0);
}

int main(void)
{
    RUN(start);
    RUN(i1_through_the_api);
    RUN(i1_through_the_command_line);
    RUN(i1_exports_from_the_command_line);
    RUN(stop);
    return harness_finish("reports/legacy");
}
