/* test_cases.c: the money-path cases D1, D2, D5 and R4 through the reports: hand-made bills
 * written with bill_insert into a fresh database, then the takings and the sales summary read
 * through the API, the command line and the store, to the fen. */
#include "fixtures.h"
#include "reports/store.h"

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

static const struct test_bill case_bills[] = {
    /* D1: opened Fri 31 Dec 2021 22:10, settled Sat 1 Jan 2022 01:40, 680.00. */
    {"D1-1", "2021-12-31 22:10:00", "2022-01-01 01:40:00", NULL, 68000, 0, 68000, "wechat",
     "豪华包", "收银员A", "雪花啤酒", 6, 6000},
    /* D2: 07:00-07:30 local on Wed 15 Mar 2023 (23:00-23:30 UTC on the 14th), 88.00. */
    {"D2-1", "2023-03-15 07:00:00", "2023-03-15 07:30:00", NULL, 8800, 0, 8800, "cash", "小包",
     "收银员B", NULL, 0, 0},
    /* D5: cut-off 06:00: settled 05:59:59 belongs to the 5th, 06:00:00 to the 6th. */
    {"D5-0559", "2019-02-06 04:00:00", "2019-02-06 05:59:59", NULL, 12000, 0, 12000, "cash", "中包",
     "收银员A", NULL, 0, 0},
    {"D5-0600", "2019-02-06 04:30:00", "2019-02-06 06:00:00", NULL, 34000, 0, 34000, "alipay",
     "中包", "收银员A", NULL, 0, 0},
    /* R4: 250.50 collected 250.00 and 50.50 collected 50.00: 0.50 each as rounding (抹零). */
    {"R4-1", "2022-03-01 19:00:00", "2022-03-01 21:00:00", NULL, 25050, 50, 25000, "cash", "大包",
     "收银员A", "七堡1516啤酒", 12, -1},
    {"R4-2", "2022-03-01 20:00:00", "2022-03-01 22:30:00", NULL, 5050, 50, 5000, "wechat", "小包",
     "收银员B", NULL, 0, 0},
    /* A void the same day: counted apart, never in the takings. */
    {"R4-V", "2022-03-01 20:10:00", "2022-03-01 20:20:00", "voided", 10000, 0, 10000, "cash",
     "小包", "收银员B", NULL, 0, 0},
    /* Front desk, Fri 10 May 2024: 200.00 cash (voided the next day) and 300.00 WeChat (50.00
     * refunded the next day). */
    {"FD-VOID", "2024-05-10 20:00:00", "2024-05-10 22:00:00", NULL, 20000, 0, 20000, "cash", "VIP",
     "收银员A", "可乐", 2, 1000},
    {"FD-REF", "2024-05-10 21:00:00", "2024-05-10 23:00:00", NULL, 30000, 0, 30000, "wechat",
     "大包", "收银员B", "雪花啤酒", 3, 3000},
};

/* The void and the refund of the front desk, as it records them: a bill_voids row and refunds
 * of kind 'void' and 'refund' on the business day they happened (the bill row stays settled). */
static bool front_desk_after_sales(const char *path)
{
    struct db *db = db_open(path);
    bool ok = db && db_begin_write(db) == DB_OK;
    int64_t void_id = 0, ref_id = 0;
    ok = ok && db_int(db, &void_id, "SELECT id FROM bills WHERE bill_no = 'FD-VOID'", "") == DB_OK;
    ok = ok && db_int(db, &ref_id, "SELECT id FROM bills WHERE bill_no = 'FD-REF'", "") == DB_OK;
    ok = ok && db_exec(db,
                       "INSERT INTO bill_voids(bill_id, at, business_day, reason, approved_by, "
                       "by_user) VALUES ($1, 1715450400, '2024-05-11', '客人投诉', 'manager1', "
                       "'cashier1')",
                       "i", void_id) == DB_OK;
    ok = ok && db_exec(db,
                       "INSERT INTO refunds(venue_id, bill_id, at, business_day, method, "
                       "amount_fen, reason, approved_by, by_user, kind) VALUES (1, $1, "
                       "1715450400, '2024-05-11', 'cash', 20000, '作废', 'manager1', "
                       "'cashier1', 'void')",
                       "i", void_id) == DB_OK;
    ok = ok && db_exec(db,
                       "INSERT INTO refunds(venue_id, bill_id, at, business_day, method, "
                       "amount_fen, reason, approved_by, by_user, kind) VALUES (1, $1, "
                       "1715450500, '2024-05-11', 'wechat', 5000, '少上一瓶', 'manager1', "
                       "'cashier1', 'refund')",
                       "i", ref_id) == DB_OK;
    if (ok)
        ok = db_commit(db) == DB_OK;
    else if (db)
        db_rollback(db);
    db_close(db);
    return ok;
}

static bool prepare(const char *db)
{
    if (run_cli(NULL, "init", "--db", db, "--venue", "测试KTV", "--password", TEST_ADMIN_PASSWORD,
                NULL) != 0)
        return false;
    return fx_insert(db, case_bills, (int)(sizeof case_bills / sizeof case_bills[0])) &&
           front_desk_after_sales(db);
}

static void start(void)
{
    up = server_start(&srv, prepare);
    CHECK(up);
    if (!up) return;
    client_init(&admin, &srv);
    CHECK_INT(client_login(&admin, "admin", TEST_ADMIN_PASSWORD), 200);
}

/* D1 in every report: takings, sales by day, weekday Friday, month 2021-12, year 2021. */
static void d1_late_bill_in_every_report(void)
{
    REQUIRE_UP();
    json_t *t = fx_get(&admin, "/api/v1/reports/takings?from=2021-12-31&to=2021-12-31", 200);
    CHECK_INT(fx_int(t, "totals.bills_settled"), 1);
    CHECK_INT(fx_int(t, "totals.net_fen"), 68000);
    CHECK_INT(fx_int(t, "days.0.net_fen"), 68000);
    CHECK_INT(fx_int(t, "days.0.weekday"), 5);
    CHECK_INT(fx_int(t, "days.0.by_method.wechat"), 68000);
    json_decref(t);
    /* The calendar day it was settled on has nothing. */
    t = fx_get(&admin, "/api/v1/reports/takings?from=2022-01-01", 200);
    CHECK_INT(fx_int(t, "totals.bills_settled"), 0);
    CHECK_INT(fx_int(t, "totals.net_fen"), 0);
    json_decref(t);

    json_t *s = fx_get(&admin, "/api/v1/reports/sales?from=2021-12-01&to=2022-01-31", 200);
    json_t *d = fx_row(s, "by_day", "day", "2021-12-31");
    CHECK_INT(fx_int(d, "bills"), 1);
    CHECK_INT(fx_int(d, "net_fen"), 68000);
    CHECK_INT(fx_int(fx_row(s, "by_day", "day", "2022-01-01"), "bills"), 0);
    CHECK_INT(fx_int(s, "by_weekday.4.weekday"), 5);
    CHECK_STR(json_string_value(fx_at(s, "by_weekday.4.name")), "周五");
    CHECK_INT(fx_int(s, "by_weekday.4.net_fen"), 68000);
    CHECK_INT(fx_int(s, "by_weekday.5.bills"), 0); /* not Saturday */
    CHECK_INT(fx_int(fx_row(s, "by_month", "month", "2021-12"), "net_fen"), 68000);
    CHECK_INT(fx_int(fx_row(s, "by_month", "month", "2022-01"), "net_fen"), 0);
    CHECK_INT(fx_int(fx_row(s, "by_week", "week", "2021-W52"), "net_fen"), 68000);
    CHECK_INT(fx_int(s, "by_hour.22.bills"), 1); /* opened at 22:10 local */
    CHECK_INT(fx_int(s, "crossing_midnight"), 1);
    json_t *g = fx_row(s, "goods", "item", "雪花啤酒");
    CHECK_INT(fx_int(g, "qty"), 6);
    CHECK_INT(fx_int(g, "revenue_fen"), 6000);
    json_decref(s);

    /* The year 2021 holds it, the year 2022 does not (only R4's 300.00). */
    s = fx_get(&admin, "/api/v1/reports/sales?from=2021-01-01&to=2021-12-31", 200);
    CHECK_INT(fx_int(s, "totals.bills"), 1);
    CHECK_INT(fx_int(s, "totals.net_fen"), 68000);
    json_decref(s);
    s = fx_get(&admin, "/api/v1/reports/sales?from=2022-01-01&to=2022-12-31", 200);
    CHECK_INT(fx_int(s, "totals.net_fen"), 30000);
    json_decref(s);

    /* The command line says the same. */
    json_t *c = fx_cli_report(srv.db, "sales", "2021-01-01", "2021-12-31");
    CHECK_INT(fx_int(c, "totals.net_fen"), 68000);
    CHECK_INT(fx_int(fx_row(c, "by_month", "month", "2021-12"), "net_fen"), 68000);
    json_decref(c);
}

/* D2: 07:30 local (23:30 UTC the day before) is in the local business day, at local hour 7. */
static void d2_local_not_utc(void)
{
    REQUIRE_UP();
    json_t *t = fx_get(&admin, "/api/v1/reports/takings?from=2023-03-14&to=2023-03-15", 200);
    CHECK_INT(fx_int(t, "days.0.bills_settled"), 0); /* the UTC date */
    CHECK_INT(fx_int(t, "days.1.bills_settled"), 1);
    CHECK_INT(fx_int(t, "days.1.net_fen"), 8800);
    json_decref(t);
    json_t *s = fx_get(&admin, "/api/v1/reports/sales?from=2023-03-14&to=2023-03-15", 200);
    CHECK_INT(fx_int(fx_row(s, "by_day", "day", "2023-03-15"), "net_fen"), 8800);
    CHECK_INT(fx_int(fx_row(s, "by_day", "day", "2023-03-14"), "net_fen"), 0);
    CHECK_INT(fx_int(s, "by_hour.7.bills"), 1);
    CHECK_INT(fx_int(s, "by_hour.23.bills"), 0);
    CHECK_INT(fx_int(s, "by_weekday.2.bills"), 1); /* Wednesday */
    CHECK_INT(fx_int(s, "crossing_midnight"), 0);
    json_decref(s);
}

/* D5: 05:59:59 and 06:00:00 on the 6th: the takings, the sales, the bills list, the stored
 * business days, the store and the CSV export agree to the bill. */
static void d5_same_boundary_everywhere(void)
{
    REQUIRE_UP();
    json_t *t = fx_get(&admin, "/api/v1/reports/takings?from=2019-02-05&to=2019-02-06", 200);
    CHECK_STR(json_string_value(fx_at(t, "days.0.day")), "2019-02-05");
    CHECK_INT(fx_int(t, "days.0.bills_settled"), 1);
    CHECK_INT(fx_int(t, "days.0.net_fen"), 12000);
    CHECK_INT(fx_int(t, "days.1.bills_settled"), 1);
    CHECK_INT(fx_int(t, "days.1.net_fen"), 34000);
    CHECK_INT(fx_int(t, "days.1.by_method.alipay"), 34000);
    json_decref(t);
    json_t *s = fx_get(&admin, "/api/v1/reports/sales?from=2019-02-05&to=2019-02-06", 200);
    CHECK_INT(fx_int(s, "by_day.0.bills"), 1);
    CHECK_INT(fx_int(s, "by_day.0.net_fen"), 12000);
    CHECK_INT(fx_int(s, "by_day.1.bills"), 1);
    CHECK_INT(fx_int(s, "by_day.1.net_fen"), 34000);
    json_decref(s);

    /* The bills list (sales/api.c) puts each bill on the same day, to the bill. */
    json_t *l = fx_get(&admin, "/api/v1/bills?from=2019-02-05&to=2019-02-05", 200);
    CHECK_INT(fx_int(l, "total"), 1);
    CHECK_STR(json_string_value(fx_at(l, "items.0.bill_no")), "D5-0559");
    json_decref(l);
    l = fx_get(&admin, "/api/v1/bills?from=2019-02-06&to=2019-02-06", 200);
    CHECK_INT(fx_int(l, "total"), 1);
    CHECK_STR(json_string_value(fx_at(l, "items.0.bill_no")), "D5-0600");
    json_decref(l);

    /* The stored business day of each bill, which the bills list selects by. */
    struct db *db = db_open(srv.db);
    CHECK(db != NULL);
    if (!db) return;
    int64_t n = -1;
    CHECK(db_int(db, &n,
                 "SELECT count(*) FROM bills WHERE bill_no = 'D5-0559' AND business_day = "
                 "'2019-02-05'",
                 "") == DB_OK);
    CHECK_INT(n, 1);
    CHECK(db_int(db, &n,
                 "SELECT count(*) FROM bills WHERE bill_no = 'D5-0600' AND business_day = "
                 "'2019-02-06'",
                 "") == DB_OK);
    CHECK_INT(n, 1);
    /* The store itself, without HTTP: the same days. */
    int64_t d5 = 0, d6 = 0;
    CHECK(date_parse("2019-02-05", &d5) && date_parse("2019-02-06", &d6));
    struct takings_report r;
    CHECK(takings_report_load(db, 1, d5, d6, &r) == DB_OK);
    CHECK_INT(r.ndays, 2);
    if (r.ndays == 2) {
        CHECK_INT(r.days[0].f.bills_settled, 1);
        CHECK_INT(r.days[1].f.bills_settled, 1);
        CHECK_INT(r.days[0].f.method_fen[0], 12000);
        CHECK_INT(r.days[1].f.method_fen[2], 34000);
    }
    takings_report_free(&r);
    db_close(db);

    /* The CSV export of the 5th has the 05:59 bill and not the 06:00 one. */
    struct response e =
        client_get(&admin, "/api/v1/reports/takings/export?format=csv&from=2019-02-05");
    CHECK_INT(e.status, 200);
    CHECK(strstr(e.body, "2019-02-05,周二,1,120.00") != NULL);
    CHECK(strstr(e.body, "340.00") == NULL);
    response_free(&e);
}

/* R4: two bills rounded down to the yuan: takings 300.00 with discounts 1.00; the void apart. */
static void r4_rounding_down_is_a_discount(void)
{
    REQUIRE_UP();
    json_t *t = fx_get(&admin, "/api/v1/reports/takings?from=2022-03-01", 200);
    CHECK_INT(fx_int(t, "totals.net_fen"), 30000);
    CHECK_INT(fx_int(t, "totals.discount_fen"), 100);
    CHECK_INT(fx_int(t, "totals.gross_fen"), 30100);
    CHECK_INT(fx_int(t, "totals.bills_settled"), 2);
    CHECK_INT(fx_int(t, "totals.bills_voided"), 1);
    CHECK_INT(fx_int(t, "totals.voided_fen"), 10000);
    CHECK_INT(fx_int(fx_row(t, "by_method", "method", "cash"), "amount_fen"), 25000);
    CHECK_INT(fx_int(fx_row(t, "by_method", "method", "wechat"), "amount_fen"), 5000);
    CHECK_INT(fx_int(fx_row(t, "by_method", "method", "card"), "amount_fen"), 0);
    CHECK_STR(json_string_value(fx_at(t, "by_method.0.name")), "现金");
    json_t *a = fx_row(t, "by_cashier", "cashier", "收银员A");
    CHECK_INT(fx_int(a, "bills"), 1);
    CHECK_INT(fx_int(a, "net_fen"), 25000);
    CHECK_INT(fx_int(a, "by_method.cash"), 25000);
    json_t *b = fx_row(t, "by_cashier", "cashier", "收银员B");
    CHECK_INT(fx_int(b, "bills"), 1);
    CHECK_INT(fx_int(b, "bills_voided"), 1);
    CHECK_INT(fx_int(b, "by_method.wechat"), 5000);
    CHECK_INT(fx_int(b, "by_method.cash"), 0); /* the void's cash is not takings */
    CHECK_INT(fx_int(fx_row(t, "by_room_type", "room_type", "大包"), "net_fen"), 25000);
    CHECK_INT(fx_int(fx_row(t, "by_room_type", "room_type", "小包"), "net_fen"), 5000);
    json_decref(t);

    /* Goods without amounts: quantity counted, revenue unknown (null), not 0. */
    json_t *s = fx_get(&admin, "/api/v1/reports/sales?from=2022-03-01", 200);
    json_t *g = fx_row(s, "goods", "item", "七堡1516啤酒");
    CHECK_INT(fx_int(g, "qty"), 12);
    CHECK(json_is_null(json_object_get(g, "revenue_fen")));
    CHECK_INT(fx_int(s, "totals.average_fen"), 15000);
    json_decref(s);

    /* The terminal table of the command line shows the same. */
    char *out = NULL;
    CHECK_INT(run_cli(&out, "report", "takings", "--db", srv.db, "--from", "2022-03-01", NULL), 0);
    CHECK(out && strstr(out, "300.00") && strstr(out, "1.00") && strstr(out, "营业日"));
    free(out);
    out = NULL;
    CHECK_INT(run_cli(&out, "report", "takings", "--db", srv.db, "--from", "2022-03-01", "--lang",
                      "en", NULL),
              0);
    CHECK(out && strstr(out, "Net takings") && strstr(out, "300.00"));
    free(out);
}

/* A front-desk void and refund: the takings show them on the day they happened (as the
 * cashier's shift did), the sales summary takes the voided bill out of its day. */
static void voids_and_refunds_of_the_front_desk(void)
{
    REQUIRE_UP();
    json_t *t = fx_get(&admin, "/api/v1/reports/takings?from=2024-05-10&to=2024-05-11", 200);
    json_t *d10 = fx_row(t, "days", "day", "2024-05-10");
    CHECK_INT(fx_int(d10, "bills_settled"), 2);
    CHECK_INT(fx_int(d10, "net_fen"), 50000);
    CHECK_INT(fx_int(d10, "refunds_fen"), 0);
    CHECK_INT(fx_int(d10, "by_method.cash"), 20000);
    json_t *d11 = fx_row(t, "days", "day", "2024-05-11");
    CHECK_INT(fx_int(d11, "bills_settled"), 0);
    CHECK_INT(fx_int(d11, "bills_voided"), 1);
    CHECK_INT(fx_int(d11, "voided_fen"), 20000);
    CHECK_INT(fx_int(d11, "refunds_fen"), 25000);
    CHECK_INT(fx_int(d11, "collected_fen"), -25000);
    CHECK_INT(fx_int(d11, "by_method.cash"), -20000);
    CHECK_INT(fx_int(d11, "by_method.wechat"), -5000);
    CHECK_INT(fx_int(t, "totals.net_fen"), 50000);
    CHECK_INT(fx_int(t, "totals.refunds_fen"), 25000);
    CHECK_INT(fx_int(t, "totals.collected_fen"), 25000);
    json_t *cash = fx_row(t, "by_method", "method", "cash");
    CHECK_INT(fx_int(cash, "paid_fen"), 20000);
    CHECK_INT(fx_int(cash, "refunded_fen"), 20000);
    CHECK_INT(fx_int(cash, "amount_fen"), 0);
    CHECK_INT(fx_int(fx_row(t, "by_method", "method", "wechat"), "amount_fen"), 25000);
    json_t *b = fx_row(t, "by_cashier", "cashier", "收银员B");
    CHECK_INT(fx_int(b, "refunds_fen"), 5000);
    CHECK_INT(fx_int(b, "by_method.wechat"), 25000);
    CHECK_INT(fx_int(fx_row(t, "by_room_type", "room_type", "VIP"), "bills_voided"), 1);
    json_decref(t);
    /* The day of the sale alone still shows the sale: that shift took the money. */
    t = fx_get(&admin, "/api/v1/reports/takings?from=2024-05-10", 200);
    CHECK_INT(fx_int(t, "totals.collected_fen"), 50000);
    CHECK_INT(fx_int(t, "totals.bills_voided"), 0);
    json_decref(t);

    json_t *s = fx_get(&admin, "/api/v1/reports/sales?from=2024-05-10&to=2024-05-11", 200);
    CHECK_INT(fx_int(s, "totals.bills"), 1);
    CHECK_INT(fx_int(s, "totals.net_fen"), 30000);
    CHECK_INT(fx_int(s, "totals.refunds_fen"), 5000);
    CHECK_INT(fx_int(fx_row(s, "by_day", "day", "2024-05-10"), "net_fen"), 30000);
    CHECK_INT(fx_int(s, "by_hour.20.bills"), 0); /* the voided stay opened at 20:00 */
    CHECK_INT(fx_int(s, "by_hour.21.bills"), 1);
    CHECK_INT(fx_int(s, "by_weekday.4.net_fen"), 30000);
    CHECK(fx_row(s, "by_room_type", "room_type", "VIP") == NULL);
    CHECK(fx_row(s, "goods", "item", "可乐") == NULL);
    CHECK_INT(fx_int(fx_row(s, "goods", "item", "雪花啤酒"), "qty"), 3);
    json_decref(s);

    char *out = NULL;
    CHECK_INT(run_cli(&out, "report", "takings", "--db", srv.db, "--from", "2024-05-11", "--format",
                      "csv", NULL),
              0);
    CHECK(out && strstr(out, "退款（含作废退款）,,250.00\r\n"));
    CHECK(out && strstr(out, "现金,0,0.00,200.00,-200.00\r\n"));
    free(out);
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
    RUN(d1_late_bill_in_every_report);
    RUN(d2_local_not_utc);
    RUN(d5_same_boundary_everywhere);
    RUN(r4_rounding_down_is_a_discount);
    RUN(voids_and_refunds_of_the_front_desk);
    RUN(stop);
    return harness_finish("reports/cases");
}
