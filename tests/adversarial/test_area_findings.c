/* test_area_findings.c: defects the adversarial pass found outside src/core (in src/sales and
 * src/cli), each fixed with its test here:
 *
 *  - sales/import.c reader_open: the "unknown column" and "column appears twice" messages print
 *    q before quote(h, q) has filled it (ISSUE formats its messages before add_issue's
 *    arguments are evaluated): the message names a stale or uninitialised stack buffer
 *    ("unknown column \"amount\"" for a column c0), and an unterminated q is read past its end;
 *  - the bill importer takes a bill closed ten years before it was opened with a warning only
 *    (the README allows "a few seconds"), and files it on the business day of its close;
 *  - serve --db with a path that does not exist creates an empty database and serves it (no
 *    venue, no user can sign in) where every other command refuses a missing database. */
#include "api_client.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct server srv;

static struct response upload(struct client *c, const char *bills, const char *lines,
                              const char *pays)
{
    char *body = NULL;
    int n = asprintf(&body,
                     "--B\r\nContent-Disposition: form-data; name=\"bills\"; filename=\"b.csv\"\r\n\r\n%s\r\n"
                     "--B\r\nContent-Disposition: form-data; name=\"bill_lines\"; filename=\"l.csv\"\r\n\r\n%s\r\n"
                     "--B\r\nContent-Disposition: form-data; name=\"bill_payments\"; filename=\"p.csv\"\r\n\r\n%s\r\n"
                     "--B\r\nContent-Disposition: form-data; name=\"dry_run\"\r\n\r\n1\r\n--B--\r\n",
                     bills, lines, pays);
    struct response r = client_request(c, "POST", "/api/v1/import/bills", body, (size_t)n,
                                       "multipart/form-data; boundary=B");
    free(body);
    return r;
}

static void unknown_column_is_named_in_its_message(void)
{
    struct client a;
    client_init(&a, &srv);
    CHECK_INT(client_login(&a, "admin", TEST_ADMIN_PASSWORD), 200);
    struct response r = upload(&a, "bill_no,opened_at,closed_at,status,total,zzz_unknown\r\n",
                               "bill_no,kind,item,qty\r\n", "bill_no,method,amount\r\n");
    CHECK_INT(r.status, 422);
    json_t *e = json_array_get(json_object_get(r.json, "errors"), 0);
    const char *col = json_string_value(json_object_get(e, "column"));
    const char *why = json_string_value(json_object_get(e, "reason_en"));
    CHECK_STR(col, "zzz_unknown");
    if (!why || !strstr(why, "\"zzz_unknown\""))
        harness_fail(__FILE__, __LINE__, "the message names another column: %s", why ? why : "");
    response_free(&r);
    r = upload(&a, "bill_no,opened_at,closed_at,status,total,total\r\n",
               "bill_no,kind,item,qty\r\n", "bill_no,method,amount\r\n");
    e = json_array_get(json_object_get(r.json, "errors"), 0);
    why = json_string_value(json_object_get(e, "reason_en"));
    if (!why || !strstr(why, "\"total\""))
        harness_fail(__FILE__, __LINE__, "the duplicate message names: %s", why ? why : "");
    response_free(&r);
    client_free(&a);
}

static void a_bill_closed_years_before_it_opened_is_refused(void)
{
    struct client a;
    client_init(&a, &srv);
    CHECK_INT(client_login(&a, "admin", TEST_ADMIN_PASSWORD), 200);
    struct response r =
        upload(&a,
               "bill_no,opened_at,closed_at,status,total\r\n"
               "T1,2030-01-01 00:00:00,2020-01-01 01:00:00,settled,10\r\n",
               "bill_no,kind,item,qty,amount\r\nT1,goods,beer,1,10\r\n",
               "bill_no,method,amount\r\nT1,cash,10\r\n");
    CHECK_INT(r.status, 422);
    CHECK_INT(json_integer_value(json_object_get(r.json, "imported")), 0);
    response_free(&r);
    client_free(&a);
}

static void serve_refuses_a_missing_database(void)
{
    char path[400];
    snprintf(path, sizeof path, "%s/typo-of-venue.db", srv.dir);
    /* serve blocks when it starts: a bounded run is enough to see whether it refused. */
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "timeout -s KILL 3 %s serve --db %s --listen 127.0.0.1:0 >/dev/null 2>&1",
             test_binary(), path);
    int rc = system(cmd);
    struct stat st;
    CHECK(stat(path, &st) != 0); /* no empty database left behind */
    CHECK(WEXITSTATUS(rc) != 137 && WEXITSTATUS(rc) != 124); /* it refused instead of serving */
}

int main(void)
{
    if (!server_start(&srv, NULL)) {
        printf("adversarial/area_findings: 0 passed, 1 failed\n");
        return 1;
    }
    RUN(unknown_column_is_named_in_its_message);
    RUN(a_bill_closed_years_before_it_opened_is_refused);
    RUN(serve_refuses_a_missing_database);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("adversarial/area_findings");
}
