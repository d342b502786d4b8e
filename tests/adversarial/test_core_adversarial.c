/* test_core_adversarial.c: what an adversarial pass found in the HTTP shell, the audit list and
 * the user administration (src/core), pinned against the real server:
 *
 *  - GET /audit?page=9223372036854775807 overflowed (page - 1) * page_size: undefined
 *    behaviour, and the sanitizer build of the server aborted on it (a crash on input);
 *  - POST /import/bills buffered up to 64 MiB per connection before checking who sent it: eight
 *    anonymous connections made the server hold ~700 MB, 512 of them would exhaust memory;
 *  - a CSRF token shorter than the session's was compared over the session token's length,
 *    reading past the end of the header (refused, but by luck);
 *  - a role given the users module (write) could create an admin, or set the admin's password
 *    and sign in as admin, getting past "only an admin may change permissions";
 *  - sign-in skipped the password hash for a disabled account: its 401 came back in a fraction
 *    of the time of a wrong password, telling which accounts exist. */
#include "api_client.h"
#include "harness.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static struct server srv;

static struct client signed_in(const char *username, const char *password)
{
    struct client c;
    client_init(&c, &srv);
    CHECK_INT(client_login(&c, username, password), 200);
    return c;
}

static bool server_alive(void)
{
    struct client c;
    client_init(&c, &srv);
    struct response r = client_get(&c, "/api/v1/health");
    bool ok = r.status == 200;
    response_free(&r);
    client_free(&c);
    return ok;
}

/* ---- audit paging ---- */

static void audit_paging_is_bounded(void)
{
    struct client a = signed_in("admin", TEST_ADMIN_PASSWORD);
    static const char *const bad[] = {
        "/api/v1/audit?page=9223372036854775807", "/api/v1/audit?page=-1",
        "/api/v1/audit?page=abc", "/api/v1/audit?page_size=1e9", "/api/v1/audit?page_size=0",
        "/api/v1/audit?page=4611686018427387904&page_size=500",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct response r = client_get(&a, bad[i]);
        if (r.status != 400 || strcmp(response_error_code(&r), "invalid_field") != 0)
            harness_fail(__FILE__, __LINE__, "%s -> %ld %.200s", bad[i], r.status,
                         r.body ? r.body : "");
        response_free(&r);
    }
    struct response r = client_get(&a, "/api/v1/audit?page=1000000000&page_size=500");
    CHECK_INT(r.status, 200);
    CHECK_INT(json_array_size(json_object_get(r.json, "items")), 0);
    response_free(&r);
    r = client_get(&a, "/api/v1/audit?page=1&page_size=2");
    CHECK_INT(r.status, 200);
    CHECK_INT(json_integer_value(json_object_get(r.json, "page_size")), 2);
    response_free(&r);
    CHECK(server_alive());
    client_free(&a);
}

/* ---- uploads before sign-in ---- */

static long rss_kb(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    if (!f) return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) kb = atol(line + 6);
    fclose(f);
    return kb;
}

static int connect_local(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static bool send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0) return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Anonymous callers each send 40 MiB of a 64 MiB upload and hold the connection: the server
 * must not keep what they sent. */
static void anonymous_uploads_are_not_buffered(void)
{
    enum { CONNS = 4, SENT_MIB = 40 };
    long before = rss_kb(srv.pid);
    CHECK(before > 0);
    char *chunk = malloc(1 << 20);
    memset(chunk, 'a', 1 << 20);
    int fds[CONNS];
    for (int i = 0; i < CONNS; i++) {
        fds[i] = connect_local(srv.port);
        CHECK(fds[i] >= 0);
        if (fds[i] < 0) continue;
        char head[256];
        int n = snprintf(head, sizeof head,
                         "POST /api/v1/import/bills HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         "Content-Type: multipart/form-data; boundary=xx\r\n"
                         "Content-Length: %d\r\n\r\n",
                         64 << 20);
        bool ok = send_all(fds[i], head, (size_t)n);
        for (int k = 0; ok && k < SENT_MIB; k++) ok = send_all(fds[i], chunk, 1 << 20);
        CHECK(ok);
    }
    /* Let the server's threads read what was sent. */
    struct timespec ts = {1, 0};
    nanosleep(&ts, NULL);
    long during = rss_kb(srv.pid);
    long grown_mib = (during - before) / 1024;
    if (grown_mib > 64)
        harness_fail(__FILE__, __LINE__,
                     "the server grew by %ld MiB while %d anonymous uploads were in flight", grown_mib,
                     CONNS);
    for (int i = 0; i < CONNS; i++)
        if (fds[i] >= 0) close(fds[i]);
    free(chunk);

    /* Whole anonymous uploads are answered 401, a role without the import module 403. */
    struct client anon;
    client_init(&anon, &srv);
    size_t len = 2 << 20;
    char *body = malloc(len);
    memset(body, 'x', len);
    struct response r =
        client_request(&anon, "POST", "/api/v1/import/bills", body, len,
                       "multipart/form-data; boundary=xx");
    CHECK_INT(r.status, 401);
    CHECK_STR(response_error_code(&r), "unauthenticated");
    response_free(&r);
    client_free(&anon);
    CHECK(add_user(&srv, "upstaff", "staff", "staff-pass-1"));
    struct client staff = signed_in("upstaff", "staff-pass-1");
    r = client_request(&staff, "POST", "/api/v1/import/bills", body, len,
                       "multipart/form-data; boundary=xx");
    CHECK_INT(r.status, 403);
    CHECK_STR(response_error_code(&r), "forbidden");
    response_free(&r);
    /* A wrong CSRF token is refused before the upload too. */
    struct client admin = signed_in("admin", TEST_ADMIN_PASSWORD);
    char keep[48];
    snprintf(keep, sizeof keep, "%.40s", admin.csrf);
    snprintf(admin.csrf, sizeof admin.csrf, "wrong");
    r = client_request(&admin, "POST", "/api/v1/import/rooms", "room_no,name,room_type\n", 0,
                       "text/csv");
    CHECK_INT(r.status, 403);
    CHECK_STR(response_error_code(&r), "csrf");
    response_free(&r);
    /* And the admin's upload still goes through (a rooms CSV, the 8 MiB route). */
    snprintf(admin.csrf, sizeof admin.csrf, "%s", keep);
    r = client_request(&admin, "POST", "/api/v1/import/rooms",
                       "room_no,name,room_type\nZ01,Z01,小包\n", 0, "text/csv");
    CHECK(r.status == 200 || r.status == 201);
    response_free(&r);
    free(body);
    client_free(&staff);
    client_free(&admin);
    CHECK(server_alive());
}

/* ---- CSRF ---- */

static void short_csrf_tokens_are_refused(void)
{
    struct client a = signed_in("admin", TEST_ADMIN_PASSWORD);
    char keep[48];
    snprintf(keep, sizeof keep, "%.40s", a.csrf);
    static const char *const tokens[] = {"a", "", "0123456789abcdef", "0123456789abcdef0123"};
    for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++) {
        snprintf(a.csrf, sizeof a.csrf, "%s", tokens[i]);
        struct response r = client_put(&a, "/api/v1/venue", "{\"phone\":\"1\"}");
        CHECK_INT(r.status, 403);
        CHECK_STR(response_error_code(&r), "csrf");
        response_free(&r);
    }
    /* The token with one more character is refused as well. */
    snprintf(a.csrf, sizeof a.csrf, "%sx", keep);
    struct response r = client_put(&a, "/api/v1/venue", "{\"phone\":\"1\"}");
    CHECK_INT(r.status, 403);
    response_free(&r);
    snprintf(a.csrf, sizeof a.csrf, "%s", keep);
    r = client_put(&a, "/api/v1/venue", "{\"phone\":\"1\"}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    client_free(&a);
}

/* ---- only an admin makes admins ---- */

static int64_t user_id_of(struct client *admin, const char *username)
{
    struct response r = client_get(admin, "/api/v1/users");
    int64_t id = 0;
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(r.json, "items"), i, u)
    {
        if (strcmp(json_string_value(json_object_get(u, "username")), username) == 0)
            id = json_integer_value(json_object_get(u, "id"));
    }
    response_free(&r);
    return id;
}

static void users_module_does_not_make_admins(void)
{
    struct client admin = signed_in("admin", TEST_ADMIN_PASSWORD);
    /* The admin lets managers administer users. */
    struct response r = client_put(&admin, "/api/v1/permissions",
                                   "{\"role\":\"manager\",\"module\":\"users\",\"read\":true,"
                                   "\"write\":true}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    CHECK(add_user(&srv, "boss", "manager", "boss-pass-1"));
    struct client boss = signed_in("boss", "boss-pass-1");

    /* The manager creates a cashier ... */
    r = client_post(&boss, "/api/v1/users",
                    "{\"username\":\"till9\",\"role\":\"cashier\",\"password\":\"till-pass-9\"}");
    CHECK_INT(r.status, 201);
    response_free(&r);
    /* ... but no admin, */
    r = client_post(&boss, "/api/v1/users",
                    "{\"username\":\"root2\",\"role\":\"admin\",\"password\":\"root-pass-2\"}");
    CHECK_INT(r.status, 403);
    response_free(&r);
    struct client probe;
    client_init(&probe, &srv);
    CHECK_INT(client_login(&probe, "root2", "root-pass-2"), 401);
    client_free(&probe);
    /* does not promote the cashier to admin, */
    int64_t till = user_id_of(&admin, "till9"), root = user_id_of(&admin, "admin");
    CHECK(till > 0 && root > 0);
    char path[64];
    snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)till);
    r = client_put(&boss, path, "{\"role\":\"admin\"}");
    CHECK_INT(r.status, 403);
    response_free(&r);
    /* and neither sets the admin's password nor disables or demotes the admin. */
    snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)root);
    static const char *const edits[] = {"{\"password\":\"taken-over-1\"}", "{\"active\":false}",
                                        "{\"role\":\"staff\"}", "{\"display_name\":\"x\"}"};
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        r = client_put(&boss, path, edits[i]);
        if (r.status != 403)
            harness_fail(__FILE__, __LINE__, "manager PUT admin %s -> %ld", edits[i], r.status);
        response_free(&r);
    }
    client_free(&admin);
    /* The admin's password still works, and the admin makes an admin. */
    admin = signed_in("admin", TEST_ADMIN_PASSWORD);
    r = client_post(&admin, "/api/v1/users",
                    "{\"username\":\"root3\",\"role\":\"admin\",\"password\":\"root-pass-3\"}");
    CHECK_INT(r.status, 201);
    response_free(&r);
    /* The manager still edits a cashier. */
    snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)till);
    r = client_put(&boss, path, "{\"display_name\":\"收银九\"}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    client_free(&boss);
    client_free(&admin);
}

/* ---- sign-in timing ---- */

static double login_seconds(const char *username, const char *password, long *status)
{
    struct client c;
    client_init(&c, &srv);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    *status = client_login(&c, username, password);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    client_free(&c);
    return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

static void disabled_accounts_take_as_long_as_wrong_passwords(void)
{
    CHECK(add_user(&srv, "gone1", "cashier", "gone-pass-1"));
    CHECK(add_user(&srv, "here1", "cashier", "here-pass-1"));
    CHECK_INT(run_cli(NULL, "user", "disable", "--db", srv.db, "gone1", NULL), 0);
    long st = 0;
    /* Two tries each (the account throttle allows five); the faster of two. */
    double wrong = 1e9, disabled = 1e9;
    for (int i = 0; i < 2; i++) {
        double w = login_seconds("here1", "not-the-pass", &st);
        CHECK_INT(st, 401);
        if (w < wrong) wrong = w;
        double d = login_seconds("gone1", "gone-pass-1", &st);
        CHECK_INT(st, 401);
        if (d < disabled) disabled = d;
    }
    /* A password hash costs tens of milliseconds; an answer without one about one. */
    if (disabled < wrong * 0.4)
        harness_fail(__FILE__, __LINE__,
                     "a disabled account answers in %.1f ms, a wrong password in %.1f ms",
                     disabled * 1000, wrong * 1000);
    /* The right password of an active account still signs in (failures are cleared). */
    CHECK_INT(login_seconds("here1", "here-pass-1", &st) > 0, 1);
    CHECK_INT(st, 200);
}

int main(void)
{
    if (!server_start(&srv, NULL)) {
        printf("adversarial/core: 0 passed, 1 failed\n");
        return 1;
    }
    RUN(audit_paging_is_bounded);
    RUN(anonymous_uploads_are_not_buffered);
    RUN(short_csrf_tokens_are_refused);
    RUN(users_module_does_not_make_admins);
    RUN(disabled_accounts_take_as_long_as_wrong_passwords);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("adversarial/core");
}
