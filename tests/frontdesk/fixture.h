/* fixture.h: what the front desk's API tests share (included by each test program, which is
 * its own executable): a server with a small venue, request helpers, sqlite3 on the test
 * database, and times on a fixed clock.
 *
 * The venue: room types 小包 (A01..) and 大包 (B01..); plan of 小包: 白天档 06:00-18:00 60.00
 * (member 48.00), 黄金档 18:00-24:00 120.00 with a minimum spend of 200.00, 午夜档 00:00-06:00
 * 80.00; plan of 大包: 100.00 / 200.00 (minimum 500.00) / 150.00; both unit 15 min, grace 10,
 * in force since 2020-01-01 and covering the whole day (so stays opened "now" are priced at
 * any hour the tests run). Products: 青岛啤酒 10.00, 香烟 20.00 (not toward the minimum, not
 * discountable), 果盘 30.00, 洋酒 250.50, 饮料 50.50, 果盘套装 228.00.
 *
 * Fixed clock: stays are opened in the past with the admin-only opened_at and checked out with
 * the admin-only `at`, on the local day of 24 hours ago (always within the 48 hours a
 * back-entry allows): "17:30" means that day at 17:30 Asia/Shanghai. */
#ifndef KTV_FD_FIXTURE_H
#define KTV_FD_FIXTURE_H

#include "api_client.h"
#include "harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Every test program uses a part of this file. */
#define FX static __attribute__((unused))

FX struct server srv;
FX char fx_day[11];            /* the local day of 24 hours ago */
FX int64_t fx_small, fx_large; /* room type ids */
FX int64_t fx_beer, fx_cigs, fx_fruit, fx_wine, fx_drink, fx_platter; /* product ids */

/* ---- requests ---- */

FX struct response fx_req(struct client *c, const char *method, const char *path, const char *fmt,
                          va_list ap)
{
    char *body = NULL;
    if (fmt && vasprintf(&body, fmt, ap) < 0) body = NULL;
    struct response r = client_request(c, method, path, body, 0, NULL);
    free(body);
    return r;
}

/* POST (or another method) and check the status; returns the parsed body (caller decrefs).
 * A status other than expected is a failure that prints the body. */
FX json_t *fx_call(const char *file, int line, struct client *c, const char *method, long expected,
                   const char *path, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
FX json_t *fx_call(const char *file, int line, struct client *c, const char *method, long expected,
                   const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct response r = fx_req(c, method, path, fmt, ap);
    va_end(ap);
    if (r.status != expected)
        harness_fail(file, line, "%s %s -> %ld (expected %ld): %.600s", method, path, r.status,
                     expected, r.body ? r.body : "");
    json_t *j = r.json ? json_incref(r.json) : json_object();
    response_free(&r);
    return j;
}
#define POST(c, expected, path, ...)                                                               \
    fx_call(__FILE__, __LINE__, (c), "POST", (expected), (path), __VA_ARGS__)
#define PUT(c, expected, path, ...)                                                                \
    fx_call(__FILE__, __LINE__, (c), "PUT", (expected), (path), __VA_ARGS__)
#define GET(c, expected, path) fx_call(__FILE__, __LINE__, (c), "GET", (expected), (path), NULL)

/* A value by a dotted path with [n] indexes: "payments[1].amount_fen". */
FX json_t *jget(json_t *j, const char *path)
{
    char key[128];
    const char *p = path;
    while (j && *p) {
        size_t n = strcspn(p, ".[");
        if (n) {
            snprintf(key, sizeof key, "%.*s", (int)n, p);
            j = json_object_get(j, key);
            p += n;
        }
        if (*p == '[') {
            j = json_array_get(j, (size_t)atoi(p + 1));
            p = strchr(p, ']');
            if (!p) return NULL;
            p++;
        }
        if (*p == '.') p++;
    }
    return j;
}
FX int64_t jint(json_t *j, const char *path)
{
    return json_integer_value(jget(j, path));
}
FX const char *jstr(json_t *j, const char *path)
{
    const char *s = json_string_value(jget(j, path));
    return s ? s : "";
}
/* The error code of an error reply. */
FX const char *jerr(json_t *j)
{
    return jstr(j, "error.code");
}

/* "/api/v1/<what>/<id><rest>" in a rotating static buffer (for request paths). */
FX const char *fx_path(const char *what, int64_t id, const char *rest)
{
    static char buf[8][128];
    static int n;
    char *b = buf[n++ % 8];
    snprintf(b, 128, "/api/v1/%s/%lld%s", what, (long long)id, rest);
    return b;
}

/* ---- the database ---- */

/* Runs one statement with sqlite3 on the test database; returns its output (caller frees). */
FX char *fx_sql(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
FX char *fx_sql(const char *fmt, ...)
{
    char *q = NULL, *cmd = NULL;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&q, fmt, ap) < 0) q = NULL;
    va_end(ap);
    if (!q ||
        asprintf(&cmd, "sqlite3 -batch -cmd '.timeout 5000' '%s' \"%s\" 2>&1", srv.db, q) < 0) {
        free(q);
        return strdup("");
    }
    free(q);
    FILE *p = popen(cmd, "r");
    free(cmd);
    if (!p) return strdup("");
    size_t cap = 4096, n = 0;
    char *out = malloc(cap);
    size_t k;
    while (out && (k = fread(out + n, 1, cap - n - 1, p)) > 0) {
        n += k;
        if (n + 1 == cap) {
            char *bigger = realloc(out, cap *= 2);
            if (!bigger) break;
            out = bigger;
        }
    }
    pclose(p);
    if (out) out[n] = 0;
    return out ? out : strdup("");
}

/* One integer from sqlite3 (0 if none). */
FX int64_t fx_sql_int(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
FX int64_t fx_sql_int(const char *fmt, ...)
{
    char *q = NULL;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&q, fmt, ap) < 0) q = NULL;
    va_end(ap);
    char *out = fx_sql("%s", q ? q : "");
    int64_t v = atoll(out);
    free(out);
    free(q);
    return v;
}

/* ---- time ---- */

/* "<day> HH:MM:00" on the fixed day; hhmm may start with "+1 " for the next day. */
FX const char *fx_at(const char *hhmm)
{
    static char buf[8][24];
    static int next;
    char *b = buf[next++ % 8];
    if (strncmp(hhmm, "+1 ", 3) == 0) {
        struct tm t = {0};
        strptime(fx_day, "%Y-%m-%d", &t);
        t.tm_mday += 1;
        t.tm_hour = 12;
        time_t u = timegm(&t);
        struct tm d;
        gmtime_r(&u, &d);
        snprintf(b, 24, "%04u-%02u-%02u %.5s:00", (unsigned)(d.tm_year + 1900) % 10000u,
                 (unsigned)(d.tm_mon + 1) % 100u, (unsigned)d.tm_mday % 100u, hhmm + 3);
    } else
        snprintf(b, 24, "%s %.5s:00", fx_day, hhmm);
    return b;
}

/* ---- the venue ---- */

FX struct client fx_login(const char *user, const char *password)
{
    struct client c;
    client_init(&c, &srv);
    long st = client_login(&c, user, password);
    if (st != 200) harness_fail(__FILE__, __LINE__, "login %s -> %ld", user, st);
    return c;
}

FX int64_t fx_id(json_t *j)
{
    int64_t id = jint(j, "id");
    json_decref(j);
    return id;
}

FX int64_t fx_room(struct client *a, const char *no, int64_t type)
{
    return fx_id(POST(a, 201, "/api/v1/rooms", "{\"room_no\":\"%s\",\"room_type_id\":%lld}", no,
                      (long long)type));
}

FX int64_t fx_product(struct client *a, const char *code, const char *name, int64_t fen,
                      const char *flags)
{
    return fx_id(POST(a, 201, "/api/v1/products",
                      "{\"code\":\"%s\",\"name\":\"%s\",\"price_fen\":%lld%s}", code, name,
                      (long long)fen, flags));
}

/* Starts the server and sets up the venue (rooms A01..A<n>, B01..B04). */
FX bool fx_start(int small_rooms)
{
    if (!server_start(&srv, NULL)) return false;
    time_t now = time(NULL) - 24 * 3600 + 8 * 3600; /* Asia/Shanghai has no DST */
    struct tm t;
    gmtime_r(&now, &t);
    snprintf(fx_day, sizeof fx_day, "%04u-%02u-%02u", (unsigned)(t.tm_year + 1900) % 10000u,
             (unsigned)(t.tm_mon + 1) % 100u, (unsigned)t.tm_mday % 100u);
    struct client a = fx_login("admin", TEST_ADMIN_PASSWORD);
    fx_small = fx_id(POST(&a, 201, "/api/v1/room-types", "{\"name\":\"小包\",\"capacity\":6}"));
    fx_large = fx_id(POST(&a, 201, "/api/v1/room-types", "{\"name\":\"大包\",\"capacity\":20}"));
    for (int i = 1; i <= small_rooms; i++) {
        char no[16];
        snprintf(no, sizeof no, "A%02d", i);
        fx_room(&a, no, fx_small);
    }
    for (int i = 1; i <= 4; i++) {
        char no[16];
        snprintf(no, sizeof no, "B%02d", i);
        fx_room(&a, no, fx_large);
    }
    fx_beer = fx_product(&a, "P1", "青岛啤酒", 1000, "");
    fx_cigs = fx_product(&a, "P2", "香烟", 2000, ",\"min_spend\":false,\"discountable\":false");
    fx_fruit = fx_product(&a, "P3", "果盘", 3000, "");
    fx_wine = fx_product(&a, "P4", "洋酒", 25050, "");
    fx_drink = fx_product(&a, "P5", "饮料", 5050, "");
    fx_platter = fx_product(&a, "P6", "果盘套装", 22800, "");
    json_decref(
        POST(&a, 201, "/api/v1/price-plans",
             "{\"room_type_id\":%lld,\"effective_from\":\"2020-01-01\",\"unit_min\":15,"
             "\"grace_min\":10,\"slots\":["
             "{\"name\":\"白天档\",\"start\":\"06:00\",\"end\":\"18:00\",\"hour_fen\":6000,"
             "\"member_hour_fen\":4800},"
             "{\"name\":\"黄金档\",\"start\":\"18:00\",\"end\":\"24:00\",\"hour_fen\":12000,"
             "\"min_spend_fen\":20000},"
             "{\"name\":\"午夜档\",\"start\":\"00:00\",\"end\":\"06:00\",\"hour_fen\":8000}]}",
             (long long)fx_small));
    json_decref(
        POST(&a, 201, "/api/v1/price-plans",
             "{\"room_type_id\":%lld,\"effective_from\":\"2020-01-01\",\"unit_min\":15,"
             "\"grace_min\":10,\"slots\":["
             "{\"name\":\"白天档\",\"start\":\"06:00\",\"end\":\"18:00\",\"hour_fen\":10000},"
             "{\"name\":\"黄金档\",\"start\":\"18:00\",\"end\":\"24:00\",\"hour_fen\":20000,"
             "\"min_spend_fen\":50000},"
             "{\"name\":\"午夜档\",\"start\":\"00:00\",\"end\":\"06:00\",\"hour_fen\":15000}]}",
             (long long)fx_large));
    client_free(&a);
    return harness_current_failures() == 0;
}

/* The id of room "A01". */
FX int64_t fx_room_id(const char *no)
{
    return fx_sql_int("SELECT id FROM rooms WHERE room_no = '%s'", no);
}

/* Opens c's user's shift with a float of 100.00. */
FX void fx_open_shift(struct client *c)
{
    json_decref(POST(c, 201, "/api/v1/shifts",
                     "{\"opening_count\":[{\"denomination_fen\":10000,\"pieces\":1}]}"));
}

/* Opens a stay in room `no` (back-dated to hhmm on the fixed day when given: admin only);
 * extra is more JSON fields (",\"member_phone\":\"...\"" or ""). Returns the stay id. */
FX int64_t fx_open(struct client *c, const char *no, const char *hhmm, const char *extra)
{
    char opened[64] = "";
    if (hhmm) snprintf(opened, sizeof opened, ",\"opened_at\":\"%s\"", fx_at(hhmm));
    json_t *j = POST(c, 201, "/api/v1/stays", "{\"room_id\":%lld,\"guests\":4%s%s}",
                     (long long)fx_room_id(no), opened, extra ? extra : "");
    return fx_id(j);
}

FX void fx_order(struct client *c, int64_t stay, int64_t product, int qty)
{
    char path[64];
    snprintf(path, sizeof path, "/api/v1/stays/%lld/items", (long long)stay);
    json_decref(POST(c, 201, path, "{\"product_id\":%lld,\"qty\":%d}", (long long)product, qty));
}

/* A member with a balance: principal and bonus as a top-up in the ledger. */
FX void fx_member(const char *phone, int64_t discount_bp, int64_t principal, int64_t bonus)
{
    free(fx_sql("INSERT INTO members(venue_id, phone, name, level, discount_bp, created_at) "
                "VALUES (1, '%s', '王先生', '金卡', %lld, 0); "
                "INSERT INTO member_ledger(member_id, at, business_day, kind, principal_fen, "
                "bonus_fen, by_user) SELECT id, 0, '2020-01-01', 'topup', %lld, %lld, 'test' "
                "FROM members WHERE phone = '%s'",
                phone, (long long)discount_bp, (long long)principal, (long long)bonus, phone));
}

FX int64_t fx_balance(const char *phone)
{
    return fx_sql_int("SELECT sum(principal_fen + bonus_fen) FROM member_ledger l JOIN members m "
                      "ON m.id = l.member_id WHERE m.phone = '%s'",
                      phone);
}

#endif
