/* test_roles.c: the role walk. Every endpoint of the route table is called by an anonymous
 * caller and by a user of every role; none may answer data without the permission.
 * The table is read from the binary's own route_tables, so a new endpoint is walked the day it
 * is added. */
#include "api_client.h"
#include "core/auth.h"
#include "core/http.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>

static struct server srv;
static json_t *matrix; /* role -> module -> {read, write}, from GET /api/v1/permissions */

/* The path of a route with every ":param" replaced by "1". */
static void concrete_path(const char *pattern, char *out, size_t n)
{
    size_t w = 0;
    for (const char *p = pattern; *p && w + 2 < n;) {
        if (*p == ':') {
            out[w++] = '1';
            while (*p && *p != '/') p++;
        } else {
            out[w++] = *p++;
        }
    }
    out[w] = 0;
}

/* A denial carries nothing but the error object. */
static bool only_error(const struct response *r)
{
    return r->json && json_object_size(r->json) == 1 && json_object_get(r->json, "error");
}

static bool permitted(const char *role, const struct route *r)
{
    if (r->access == ACCESS_PUBLIC || r->access == ACCESS_LOGIN) return true;
    if (strcmp(role, "admin") == 0) return true;
    json_t *m = json_object_get(json_object_get(matrix, role), r->module);
    return json_is_true(json_object_get(m, r->access == ACCESS_WRITE ? "write" : "read"));
}

/* Changing a password, then logging out, end the walking session: walked, but last. */
static int walk_pass(const struct route *r)
{
    if (strstr(r->pattern, "/auth/password")) return 1;
    if (strstr(r->pattern, "/auth/logout")) return 2;
    return 0;
}

static void anonymous_gets_401_everywhere_but_public(void)
{
    struct client c;
    client_init(&c, &srv);
    int walked = 0;
    for (int t = 0; route_tables[t]; t++)
        for (const struct route *r = route_tables[t]; r->method; r++) {
            if (r->access == ACCESS_PUBLIC) continue;
            char path[256];
            concrete_path(r->pattern, path, sizeof path);
            struct response resp = client_request(&c, r->method, path, "{}", 0, NULL);
            if (resp.status != 401 || !only_error(&resp))
                harness_fail(__FILE__, __LINE__, "anonymous %s %s -> %ld %.80s", r->method, path,
                             resp.status, resp.body);
            walked++;
            response_free(&resp);
        }
    CHECK(walked >= 10);
    client_free(&c);
}

static void every_role_on_every_endpoint(void)
{
    for (int i = 0; auth_roles[i]; i++) {
        const char *role = auth_roles[i];
        char username[32];
        snprintf(username, sizeof username, "walk-%s", role);
        CHECK(add_user(&srv, username, role, "walk-pass-1"));
        struct client c;
        client_init(&c, &srv);
        CHECK_INT(client_login(&c, username, "walk-pass-1"), 200);
        for (int pass = 0; pass < 3; pass++)
            for (int t = 0; route_tables[t]; t++)
                for (const struct route *r = route_tables[t]; r->method; r++) {
                    if (r->access == ACCESS_PUBLIC || walk_pass(r) != pass) continue;
                    char path[256];
                    concrete_path(r->pattern, path, sizeof path);
                    struct response resp = client_request(&c, r->method, path, "{}", 0, NULL);
                    bool ok = permitted(role, r);
                    if (!ok && (resp.status != 403 || !only_error(&resp)))
                        harness_fail(__FILE__, __LINE__, "%s %s %s -> %ld, expected 403: %.80s",
                                     role, r->method, path, resp.status, resp.body);
                    if (ok && (resp.status == 401 || resp.status == 403 || resp.status >= 500))
                        harness_fail(__FILE__, __LINE__, "%s %s %s -> %ld, expected access: %.80s",
                                     role, r->method, path, resp.status, resp.body);
                    response_free(&resp);
                }
        client_free(&c);
    }
}

/* A write without the CSRF token is refused even for the admin. */
static void writes_need_csrf(void)
{
    struct client c;
    client_init(&c, &srv);
    CHECK_INT(client_login(&c, "admin", TEST_ADMIN_PASSWORD), 200);
    char saved[64];
    snprintf(saved, sizeof saved, "%s", c.csrf);
    c.csrf[0] = 0;
    struct response r = client_post(&c, "/api/v1/room-types", "{\"name\":\"小包\"}");
    CHECK_INT(r.status, 403);
    CHECK_STR(response_error_code(&r), "csrf");
    response_free(&r);
    snprintf(c.csrf, sizeof c.csrf, "%s", "0000000000000000000000000000000");
    r = client_post(&c, "/api/v1/room-types", "{\"name\":\"小包\"}");
    CHECK_INT(r.status, 403);
    response_free(&r);
    snprintf(c.csrf, sizeof c.csrf, "%s", saved);
    r = client_post(&c, "/api/v1/room-types", "{\"name\":\"小包\"}");
    CHECK_INT(r.status, 201);
    response_free(&r);
    client_free(&c);
}

/* An admin's change to the matrix takes effect at once, and only an admin may make it. */
static void permissions_can_be_changed_by_admin_only(void)
{
    struct client admin, cashier;
    client_init(&admin, &srv);
    client_init(&cashier, &srv);
    CHECK_INT(client_login(&admin, "admin", TEST_ADMIN_PASSWORD), 200);
    CHECK_INT(client_login(&cashier, "walk-cashier", "walk-pass-1"), 200);
    struct response r = client_get(&cashier, "/api/v1/products");
    CHECK_INT(r.status, 200);
    response_free(&r);
    r = client_put(&admin, "/api/v1/permissions",
                   "{\"role\":\"cashier\",\"module\":\"products\",\"read\":false,\"write\":false}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    r = client_get(&cashier, "/api/v1/products");
    CHECK_INT(r.status, 403);
    response_free(&r);
    r = client_put(&admin, "/api/v1/permissions",
                   "{\"role\":\"admin\",\"module\":\"products\",\"read\":false,\"write\":false}");
    CHECK_INT(r.status, 400);
    response_free(&r);
    /* A manager cannot grant, even with users:write granted by mistake. */
    r = client_put(&admin, "/api/v1/permissions",
                   "{\"role\":\"manager\",\"module\":\"users\",\"read\":true,\"write\":true}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    struct client manager;
    client_init(&manager, &srv);
    CHECK_INT(client_login(&manager, "walk-manager", "walk-pass-1"), 200);
    r = client_put(&manager, "/api/v1/permissions",
                   "{\"role\":\"cashier\",\"module\":\"products\",\"read\":true,\"write\":true}");
    CHECK_INT(r.status, 403);
    response_free(&r);
    r = client_get(&admin, "/api/v1/audit?entity=permission");
    CHECK_INT(r.status, 200);
    CHECK(json_integer_value(json_object_get(r.json, "total")) >= 2);
    response_free(&r);
    client_free(&manager);
    client_free(&admin);
    client_free(&cashier);
}

int main(void)
{
    if (!server_start(&srv, NULL)) {
        printf("core/roles: 0 passed, 1 failed\n");
        return 1;
    }
    struct client admin;
    client_init(&admin, &srv);
    client_login(&admin, "admin", TEST_ADMIN_PASSWORD);
    struct response r = client_get(&admin, "/api/v1/permissions");
    matrix = json_incref(json_object_get(r.json, "roles"));
    response_free(&r);
    client_free(&admin);
    RUN(anonymous_gets_401_everywhere_but_public);
    RUN(every_role_on_every_endpoint);
    RUN(writes_need_csrf);
    RUN(permissions_can_be_changed_by_admin_only);
    json_decref(matrix);
    CHECK(server_stop(&srv) == 0);
    return harness_finish("core/roles");
}
