/* support.h: what the finance API tests share: the server they start, the business days they
 * write into (day_minus[k]: today and k days before it), JSON paths, formatted requests,
 * integers read with SQL from the server's database, and an account's balance from the lines.
 * Include once, in the test's .c file. */
#ifndef KTV_TESTS_FINANCE_SUPPORT_H
#define KTV_TESTS_FINANCE_SUPPORT_H

#include "api_client.h"
#include "core/bizday.h"
#include "core/http.h"
#include "harness.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FN_UNUSED __attribute__((unused))

static struct server srv;
static char day_minus[12][11];
#define TODAY day_minus[0]

static FN_UNUSED json_t *jpath(json_t *v, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    char *save = NULL;
    for (char *seg = strtok_r(buf, ".", &save); v && seg; seg = strtok_r(NULL, ".", &save))
        v = json_is_array(v) ? json_array_get(v, (size_t)atoll(seg)) : json_object_get(v, seg);
    return v;
}

#define MISSING -999999999LL
static FN_UNUSED long long jint(json_t *v, const char *path)
{
    json_t *x = jpath(v, path);
    return json_is_integer(x) ? (long long)json_integer_value(x) : MISSING;
}

static FN_UNUSED const char *jstr(json_t *v, const char *path)
{
    json_t *x = jpath(v, path);
    return json_is_string(x) ? json_string_value(x) : "";
}

static FN_UNUSED __attribute__((format(printf, 3, 4))) struct response
post(struct client *c, const char *path, const char *fmt, ...)
{
    char body[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    return client_post(c, path, body);
}

static FN_UNUSED __attribute__((format(printf, 2, 3))) struct response get(struct client *c,
                                                                 const char *fmt, ...)
{
    char path[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    return client_get(c, path);
}

/* One integer from SQL on the server's database (printf-formatted; test values only). */
static FN_UNUSED __attribute__((format(printf, 1, 2))) long long sql_int(const char *fmt, ...)
{
    char sql[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long long v = MISSING;
    if (sqlite3_open_v2(srv.db, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "sql_int: %s: %s\n", sql, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* The balance (debits - credits) of the account with a system key, from the lines. */
static FN_UNUSED long long balance(const char *key)
{
    return sql_int("SELECT coalesce(sum(l.amount_fen), 0) FROM journal_lines l JOIN accounts a "
                   "ON a.id = l.account_id WHERE a.system_key = '%s'",
                   key);
}

static FN_UNUSED struct client login(const char *username, const char *password)
{
    struct client c;
    client_init(&c, &srv);
    long st = client_login(&c, username, password);
    if (st != 200) harness_fail(__FILE__, __LINE__, "login %s: %ld", username, st);
    return c;
}

/* Keeps the business day from turning during the run: the cut-off is put twelve hours away
 * from the venue's local time now (as the shift tests do), then today is read back. */
static FN_UNUSED bool steady_days(struct client *admin)
{
    struct response r = client_get(admin, "/api/v1/venue");
    struct tz *tz = tz_load(r.status == 200 ? jstr(r.json, "timezone") : "");
    response_free(&r);
    if (!tz) return false;
    int64_t now = now_epoch();
    struct civil local;
    tz_to_local(tz, now, &local);
    int cut = (local.hour + 12) % 24;
    char body[64];
    snprintf(body, sizeof body, "{\"cutoff\":\"%02d:00\"}", cut);
    r = client_put(admin, "/api/v1/venue", body);
    bool ok = r.status == 200;
    response_free(&r);
    int64_t today = bizday_of_instant(tz, cut * 60, now);
    for (int k = 0; k < 12; k++) date_format(today - k, day_minus[k]);
    tz_free(tz);
    return ok;
}

/* The amount on the line of account code in a record's "lines" (or "reversal_lines"). */
static FN_UNUSED long long line_of(json_t *record, const char *which, const char *code)
{
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(record, which), i, l)
        if (strcmp(jstr(l, "account_code"), code) == 0) return jint(l, "amount_fen");
    return MISSING;
}

#endif
