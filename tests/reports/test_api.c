/* test_api.c: the report endpoints at the door: who may read them (anonymous 401, a cashier
 * 403, manager and finance 200), bad parameters answered 400 with the field and a message in
 * Chinese or English, the default range (yesterday's business day), and the downloads. */
#include "fixtures.h"

#include <time.h>

static struct server srv;
static bool up;

/* A test that needs the server fails, rather than passes empty, when it did not start. */
#define REQUIRE_UP()                                                                               \
    do {                                                                                           \
        if (!up) {                                                                                 \
            harness_fail(__FILE__, __LINE__, "the test server did not start");                     \
            return;                                                                                \
        }                                                                                          \
    } while (0)

static const char *const endpoints[] = {
    "/api/v1/reports/takings",
    "/api/v1/reports/takings/export?format=csv",
    "/api/v1/reports/sales",
    "/api/v1/reports/sales/export?format=xlsx",
};

static void start(void)
{
    up = server_start(&srv, NULL);
    CHECK(up);
    if (!up) return;
    CHECK(add_user(&srv, "cashier1", "cashier", "cashier-pass-1"));
    CHECK(add_user(&srv, "manager1", "manager", "manager-pass-1"));
    CHECK(add_user(&srv, "finance1", "finance", "finance-pass-1"));
}

static void roles_decide_who_reads_reports(void)
{
    REQUIRE_UP();
    struct client anon, cashier, manager, finance;
    client_init(&anon, &srv);
    client_init(&cashier, &srv);
    client_init(&manager, &srv);
    client_init(&finance, &srv);
    CHECK_INT(client_login(&cashier, "cashier1", "cashier-pass-1"), 200);
    CHECK_INT(client_login(&manager, "manager1", "manager-pass-1"), 200);
    CHECK_INT(client_login(&finance, "finance1", "finance-pass-1"), 200);
    for (size_t i = 0; i < sizeof endpoints / sizeof endpoints[0]; i++) {
        struct response r = client_get(&anon, endpoints[i]);
        if (r.status != 401)
            harness_fail(__FILE__, __LINE__, "anonymous %s: %ld", endpoints[i], r.status);
        response_free(&r);
        r = client_get(&cashier, endpoints[i]);
        if (r.status != 403)
            harness_fail(__FILE__, __LINE__, "cashier %s: %ld", endpoints[i], r.status);
        CHECK(r.json == NULL || json_object_get(r.json, "totals") == NULL); /* no figures */
        response_free(&r);
        r = client_get(&manager, endpoints[i]);
        if (r.status != 200)
            harness_fail(__FILE__, __LINE__, "manager %s: %ld", endpoints[i], r.status);
        response_free(&r);
        r = client_get(&finance, endpoints[i]);
        if (r.status != 200)
            harness_fail(__FILE__, __LINE__, "finance %s: %ld", endpoints[i], r.status);
        response_free(&r);
    }
    /* Reports are read-only: no other method is routed. */
    struct response r = client_post(&manager, "/api/v1/reports/takings", "{}");
    CHECK(r.status == 405 || r.status == 404);
    response_free(&r);
    client_free(&anon);
    client_free(&cashier);
    client_free(&manager);
    client_free(&finance);
}

/* Expects a 400 naming field with code; returns the message. */
static void expect_400(struct client *c, const char *path, const char *field, const char *code,
                       const char *message_part)
{
    struct response r = client_get(c, path);
    if (r.status != 400) harness_fail(__FILE__, __LINE__, "%s: %ld %s", path, r.status, r.body);
    json_t *e = r.json ? json_object_get(r.json, "error") : NULL;
    const char *f = json_string_value(json_object_get(e, "field"));
    const char *m = json_string_value(json_object_get(e, "message"));
    if (!f || strcmp(f, field) != 0)
        harness_fail(__FILE__, __LINE__, "%s: field %s, expected %s", path, f ? f : "null", field);
    if (strcmp(response_error_code(&r), code) != 0)
        harness_fail(__FILE__, __LINE__, "%s: code %s, expected %s", path, response_error_code(&r),
                     code);
    if (!m || !strstr(m, message_part))
        harness_fail(__FILE__, __LINE__, "%s: message \"%s\" lacks \"%s\"", path, m ? m : "",
                     message_part);
    response_free(&r);
}

static void bad_parameters_are_refused_with_the_field(void)
{
    REQUIRE_UP();
    struct client c;
    client_init(&c, &srv);
    CHECK_INT(client_login(&c, "admin", TEST_ADMIN_PASSWORD), 200);
    expect_400(&c, "/api/v1/reports/takings?from=2019-13-01", "from", "invalid_date", "开始日期");
    expect_400(&c, "/api/v1/reports/takings?from=2019-02-01&to=2019-02-30", "to", "invalid_date",
               "结束日期");
    expect_400(&c, "/api/v1/reports/sales?from=yesterday", "from", "invalid_date", "年-月-日");
    expect_400(&c, "/api/v1/reports/takings?from=2019-02-06&to=2019-02-05", "to", "range_reversed",
               "早于");
    expect_400(&c, "/api/v1/reports/sales?from=2019-02-06&to=2019-02-05", "to", "range_reversed",
               "早于");
    expect_400(&c, "/api/v1/reports/takings?from=2015-01-01&to=2019-12-31", "to", "range_too_long",
               "366");
    expect_400(&c, "/api/v1/reports/sales?from=2015-01-01&to=2019-12-31", "to", "range_too_long",
               "1096");
    expect_400(&c, "/api/v1/reports/takings/export?format=pdf", "format", "invalid_field", "xlsx");
    expect_400(&c, "/api/v1/reports/sales/export?format=csv&from=2019-13-01", "from",
               "invalid_date", "开始日期");
    /* English when the client asks for it. */
    c.english = true;
    expect_400(&c, "/api/v1/reports/takings?from=2019-13-01", "from", "invalid_date", "YYYY-MM-DD");
    expect_400(&c, "/api/v1/reports/takings?from=2015-01-01&to=2019-12-31", "to", "range_too_long",
               "at most 366 days");
    /* A year of takings is allowed; so are three years of sales. */
    json_t *j = fx_get(&c, "/api/v1/reports/takings?from=2020-01-01&to=2020-12-31", 200);
    CHECK_INT(json_array_size(json_object_get(j, "days")), 366);
    json_decref(j);
    j = fx_get(&c, "/api/v1/reports/sales?from=2017-01-01&to=2019-12-31", 200);
    CHECK_INT(json_array_size(json_object_get(j, "by_day")), 1095);
    CHECK_INT(json_array_size(json_object_get(j, "by_month")), 36);
    json_decref(j);
    client_free(&c);
}

/* Without dates: yesterday's business day in the venue's zone (Asia/Shanghai, cut-off 06:00). */
static void default_range_is_yesterdays_business_day(void)
{
    REQUIRE_UP();
    struct client c;
    client_init(&c, &srv);
    CHECK_INT(client_login(&c, "admin", TEST_ADMIN_PASSWORD), 200);
    struct tz *tz = tz_load("Asia/Shanghai");
    CHECK(tz != NULL);
    if (!tz) return;
    char expect[11], first[11];
    date_format(bizday_of_instant(tz, 360, (int64_t)time(NULL)) - 1, expect);
    date_format(bizday_of_instant(tz, 360, (int64_t)time(NULL)) - 30, first);
    tz_free(tz);
    json_t *t = fx_get(&c, "/api/v1/reports/takings", 200);
    CHECK_STR(json_string_value(json_object_get(t, "from")), expect);
    CHECK_STR(json_string_value(json_object_get(t, "to")), expect);
    CHECK_INT(json_array_size(json_object_get(t, "days")), 1);
    CHECK_INT(json_array_size(json_object_get(t, "by_method")), 9);
    json_decref(t);
    json_t *s = fx_get(&c, "/api/v1/reports/sales", 200);
    CHECK_STR(json_string_value(json_object_get(s, "from")), first);
    CHECK_STR(json_string_value(json_object_get(s, "to")), expect);
    CHECK_INT(json_array_size(json_object_get(s, "by_day")), 30);
    CHECK_INT(json_array_size(json_object_get(s, "by_hour")), 24);
    CHECK_INT(json_array_size(json_object_get(s, "by_weekday")), 7);
    json_decref(s);
    client_free(&c);
}

static void exports_are_downloads(void)
{
    REQUIRE_UP();
    struct client c;
    client_init(&c, &srv);
    CHECK_INT(client_login(&c, "admin", TEST_ADMIN_PASSWORD), 200);
    struct response r = client_get(&c, "/api/v1/reports/takings/export?from=2019-02-05");
    CHECK_INT(r.status, 200); /* xlsx by default */
    CHECK(strstr(r.content_type, "spreadsheetml") != NULL);
    CHECK(r.len > 100 && memcmp(r.body, "PK", 2) == 0);
    response_free(&r);
    r = client_get(&c, "/api/v1/reports/sales/export?format=csv&from=2019-02-05");
    CHECK_INT(r.status, 200);
    CHECK(strstr(r.content_type, "text/csv") != NULL);
    CHECK(memcmp(r.body, "\xEF\xBB\xBF", 3) == 0);
    CHECK(strstr(r.body, "营业日 2019-02-05 至 2019-02-05") != NULL);
    response_free(&r);
    c.english = true;
    r = client_get(&c, "/api/v1/reports/takings/export?format=csv&from=2019-02-05");
    CHECK(strstr(r.body, "Business days 2019-02-05 to 2019-02-05") != NULL);
    CHECK(strstr(r.body, "Payment methods") != NULL);
    response_free(&r);
    client_free(&c);
}

static void stop(void)
{
    int rc = server_stop(&srv);
    if (up) CHECK_INT(rc, 0);
}

int main(void)
{
    RUN(start);
    RUN(roles_decide_who_reads_reports);
    RUN(bad_parameters_are_refused_with_the_field);
    RUN(default_range_is_yesterdays_business_day);
    RUN(exports_are_downloads);
    RUN(stop);
    return harness_finish("reports/api");
}
