/* test_api.c: the HTTP shell against the real server: sign-in, sessions, throttling, strict
 * input, errors in Chinese and English, master data, venue settings, audit, static files,
 * backups, schema versions and a clean stop. */
#include "api_client.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static struct server srv;

static struct client admin_client(void)
{
    struct client c;
    client_init(&c, &srv);
    CHECK_INT(client_login(&c, "admin", TEST_ADMIN_PASSWORD), 200);
    return c;
}

/* Runs sqlite3 on the test database (the server keeps running: WAL allows it). */
static int sql(const char *statement, char **out)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "sqlite3 -batch '%s' \"%s\" 2>&1", srv.db, statement);
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, p);
    buf[n] = 0;
    if (out) *out = strdup(buf);
    return pclose(p);
}

static void health_answers(void)
{
    struct client c;
    client_init(&c, &srv);
    struct response r = client_get(&c, "/api/v1/health");
    CHECK_INT(r.status, 200);
    CHECK_STR(json_string_value(json_object_get(r.json, "status")), "ok");
    response_free(&r);
    client_free(&c);
}

static void login_errors_speak_chinese_and_english(void)
{
    struct client c;
    client_init(&c, &srv);
    struct response r = client_post(&c, "/api/v1/auth/login",
                                    "{\"username\":\"admin\",\"password\":\"wrong-one\"}");
    CHECK_INT(r.status, 401);
    CHECK(strstr(r.body, "用户名或密码不对") != NULL);
    response_free(&r);
    c.english = true;
    r = client_post(&c, "/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\"wrong-two\"}");
    CHECK_INT(r.status, 401);
    CHECK(strstr(r.body, "wrong username or password") != NULL);
    response_free(&r);
    /* The good password clears the failures. */
    CHECK_INT(client_login(&c, "admin", TEST_ADMIN_PASSWORD), 200);
    r = client_get(&c, "/api/v1/auth/me");
    CHECK_INT(r.status, 200);
    CHECK_STR(json_string_value(json_object_get(json_object_get(r.json, "user"), "role")), "admin");
    CHECK(json_object_get(r.json, "csrf_token") != NULL);
    response_free(&r);
    client_free(&c);
}

static void login_is_throttled_per_account(void)
{
    CHECK(add_user(&srv, "throttled", "cashier", "good-pass-1"));
    struct client c;
    client_init(&c, &srv);
    for (int i = 0; i < 5; i++) CHECK_INT(client_login(&c, "throttled", "bad-pass-x"), 401);
    /* Even the right password is refused while throttled. */
    CHECK_INT(client_login(&c, "throttled", "good-pass-1"), 429);
    /* Another account from the same address is not blocked by this one. */
    CHECK_INT(client_login(&c, "admin", TEST_ADMIN_PASSWORD), 200);
    client_free(&c);
}

static void sessions_end_on_logout_expiry_and_disable(void)
{
    CHECK(add_user(&srv, "leaver", "staff", "leaver-pass-1"));
    struct client c, admin = admin_client();
    client_init(&c, &srv);
    CHECK_INT(client_login(&c, "leaver", "leaver-pass-1"), 200);
    struct response r = client_post(&c, "/api/v1/auth/logout", NULL);
    CHECK_INT(r.status, 200);
    response_free(&r);
    r = client_get(&c, "/api/v1/auth/me");
    CHECK_INT(r.status, 401);
    response_free(&r);
    /* Expiry: the stored expiry is what counts. */
    CHECK_INT(client_login(&c, "leaver", "leaver-pass-1"), 200);
    CHECK_INT(sql("UPDATE sessions SET expires_at = 1 WHERE user_id = (SELECT id FROM users "
                  "WHERE username = 'leaver')", NULL), 0);
    r = client_get(&c, "/api/v1/auth/me");
    CHECK_INT(r.status, 401);
    response_free(&r);
    /* Disabling ends sessions and refuses sign-in. */
    CHECK_INT(client_login(&c, "leaver", "leaver-pass-1"), 200);
    r = client_get(&admin, "/api/v1/users");
    int64_t id = 0;
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(r.json, "items"), i, u)
        if (strcmp(json_string_value(json_object_get(u, "username")), "leaver") == 0)
            id = json_integer_value(json_object_get(u, "id"));
    response_free(&r);
    CHECK(id > 0);
    char path[64];
    snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)id);
    r = client_put(&admin, path, "{\"active\":false}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    r = client_get(&c, "/api/v1/auth/me");
    CHECK_INT(r.status, 401);
    response_free(&r);
    CHECK_INT(client_login(&c, "leaver", "leaver-pass-1"), 401);
    client_free(&c);
    client_free(&admin);
}

static void users_are_validated(void)
{
    struct client a = admin_client();
    struct response r = client_post(&a, "/api/v1/users",
                                    "{\"username\":\"weak\",\"role\":\"cashier\",\"password\":\"123\"}");
    CHECK_INT(r.status, 400);
    CHECK_STR(response_error_code(&r), "weak_password");
    response_free(&r);
    r = client_post(&a, "/api/v1/users",
                    "{\"username\":\"x\",\"role\":\"boss\",\"password\":\"long-enough-1\"}");
    CHECK_INT(r.status, 400);
    response_free(&r);
    r = client_post(&a, "/api/v1/users",
                    "{\"username\":\"cash9\",\"display_name\":\"小王\",\"role\":\"cashier\","
                    "\"password\":\"long-enough-1\"}");
    CHECK_INT(r.status, 201);
    response_free(&r);
    r = client_post(&a, "/api/v1/users",
                    "{\"username\":\"cash9\",\"role\":\"cashier\",\"password\":\"long-enough-1\"}");
    CHECK_INT(r.status, 409);
    response_free(&r);
    /* The admin cannot lock themselves out. */
    r = client_put(&a, "/api/v1/users/1", "{\"active\":false}");
    CHECK_INT(r.status, 400);
    response_free(&r);
    client_free(&a);
}

static void strict_input(void)
{
    struct client a = admin_client();
    struct {
        const char *body, *code, *field;
        long status;
    } cases[] = {
        {"{", "invalid_json", NULL, 400},
        {"[1,2]", "not_object", NULL, 400},
        {"", "invalid_json", NULL, 400},
        {"{\"name\":\"A\",\"name\":\"B\"}", "invalid_json", NULL, 400},
        {"{\"name\":\"A\",\"colour\":\"red\"}", "unknown_field", "colour", 400},
        {"{\"name\":12}", "invalid_field", "name", 400},
        {"{\"name\":\"   \"}", "invalid_field", "name", 400},
        {"{\"name\":\"A\",\"capacity\":-1}", "invalid_field", "capacity", 400},
        {"{\"name\":\"A\",\"capacity\":1.5}", "invalid_field", "capacity", 400},
        {"{\"name\":\"A\\u0000B\"}", "invalid_json", NULL, 400},
        {"{\"capacity\":3}", "invalid_field", "name", 400},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct response r = client_request(&a, "POST", "/api/v1/room-types", cases[i].body,
                                           strlen(cases[i].body) ? 0 : 0, NULL);
        if (r.status != cases[i].status || strcmp(response_error_code(&r), cases[i].code) != 0)
            harness_fail(__FILE__, __LINE__, "body %s -> %ld %s", cases[i].body, r.status, r.body);
        json_t *f = json_object_get(json_object_get(r.json, "error"), "field");
        if (cases[i].field && (!json_is_string(f) || strcmp(json_string_value(f), cases[i].field)))
            harness_fail(__FILE__, __LINE__, "body %s: field missing in %s", cases[i].body, r.body);
        /* The message is for a person: Chinese by default. */
        const char *msg = json_string_value(json_object_get(json_object_get(r.json, "error"), "message"));
        bool chinese = false;
        for (const char *p = msg ? msg : ""; *p; p++)
            if ((unsigned char)*p >= 0x80) chinese = true;
        CHECK(chinese);
        response_free(&r);
    }
    /* A 2 MiB body is refused before it is read, and nothing lands. */
    size_t big = 2 * 1024 * 1024;
    char *body = malloc(big + 1);
    memset(body, ' ', big);
    memcpy(body, "{\"name\":\"", 9);
    body[big - 2] = '"';
    body[big - 1] = '}';
    body[big] = 0;
    struct response r = client_request(&a, "POST", "/api/v1/room-types", body, big, NULL);
    CHECK_INT(r.status, 413);
    response_free(&r);
    free(body);
    r = client_request(&a, "DELETE", "/api/v1/room-types", NULL, 0, NULL);
    CHECK_INT(r.status, 405);
    response_free(&r);
    r = client_get(&a, "/api/v1/no/such/thing");
    CHECK_INT(r.status, 404);
    response_free(&r);
    r = client_get(&a, "/api/v1/room-types");
    CHECK_INT(r.status, 200);
    CHECK_INT(json_array_size(json_object_get(r.json, "items")), 0);
    response_free(&r);
    client_free(&a);
}

/* One body posted in Chinese and in English: the code, the field and both messages. A NULL
 * message is not compared; a message ending in '*' is compared as a prefix. Jansson's English
 * never leaks into the Chinese message. */
static void json_error_case(struct client *a, int line, const char *body, size_t len,
                            const char *code, const char *field, const char *zh, const char *en)
{
    for (int lang = 0; lang < 2; lang++) {
        a->english = lang == 1;
        struct response r = client_request(a, "POST", "/api/v1/room-types", body, len, NULL);
        json_t *e = json_object_get(r.json, "error");
        const char *msg = json_string_value(json_object_get(e, "message"));
        json_t *f = json_object_get(e, "field");
        const char *want = lang ? en : zh;
        bool ok = r.status == 400 && strcmp(response_error_code(&r), code) == 0 && msg;
        if (ok && field) ok = json_is_string(f) && strcmp(json_string_value(f), field) == 0;
        if (ok && !field) ok = json_is_null(f);
        if (ok && want) {
            size_t n = strlen(want);
            ok = want[n - 1] == '*' ? strncmp(msg, want, n - 1) == 0 : strcmp(msg, want) == 0;
        }
        if (ok && lang == 0)
            for (const char *w = "expected\0near\0JSON_ALLOW_NUL\0decode\0duplicate\0object key\0";
                 *w; w += strlen(w) + 1)
                if (strstr(msg, w)) ok = false;
        if (!ok)
            harness_fail(__FILE__, line, "body %.60s (%s) -> %ld %s", body, lang ? "en" : "zh",
                         r.status, r.body);
        response_free(&r);
    }
    a->english = false;
}

static void json_errors_in_both_languages(void)
{
    struct client a = admin_client();
    const char *zh_obj = "请求内容应为 JSON 对象", *en_obj = "the body must be a JSON object";
    /* Valid JSON that is not an object. */
    json_error_case(&a, __LINE__, "\"x\"", 0, "not_object", NULL, zh_obj, en_obj);
    json_error_case(&a, __LINE__, "null", 0, "not_object", NULL, zh_obj, en_obj);
    json_error_case(&a, __LINE__, "[1]", 0, "not_object", NULL, zh_obj, en_obj);
    json_error_case(&a, __LINE__, " 12 ", 0, "not_object", NULL, zh_obj, en_obj);
    /* A duplicate key names the key, escaped or not ASCII. */
    json_error_case(&a, __LINE__, "{\"a\":1,\"a\":2}", 0, "invalid_json", "a", "字段重复：a",
                    "duplicate field: a");
    json_error_case(&a, __LINE__, "{\"name\":\"A\",\"name\":\"B\"}", 0, "invalid_json", "name",
                    "字段重复：name", "duplicate field: name");
    json_error_case(&a, __LINE__, "{\"名字\":1,\n \"名字\":2}", 0, "invalid_json", "名字",
                    "字段重复：名字", "duplicate field: 名字");
    json_error_case(&a, __LINE__, "{\"a\\\"b\\\\\":1,\"a\\\"b\\\\\":2}", 0, "invalid_json",
                    "a\"b\\", "字段重复：a\"b\\", "duplicate field: a\"b\\");
    json_error_case(&a, __LINE__, "{\"x\":{\"k\":1,\"k\":2}}", 0, "invalid_json", "k",
                    "字段重复：k", "duplicate field: k");
    /* Syntax errors: the line and column; English keeps jansson's words. */
    json_error_case(&a, __LINE__, "{\n  \"name\": \"A\",\n}", 0, "invalid_json", NULL,
                    "JSON 格式错误（第 3 行第 1 列）",
                    "malformed JSON (line 3, column 1): string or '}' expected near '}'");
    json_error_case(&a, __LINE__, "{", 0, "invalid_json", NULL,
                    "JSON 格式错误（第 1 行第 1 列）：内容不完整",
                    "malformed JSON (line 1, column 1): string or '}' expected near end of file");
    json_error_case(&a, __LINE__, "{\"name\":\"A\"} x", 0, "invalid_json", NULL,
                    "JSON 格式错误（第 1 行第 14 列）：对象结束后还有多余内容",
                    "malformed JSON (line 1, column 14): end of file expected near 'x'");
    json_error_case(&a, __LINE__, "{\"name\":\"A\\u0000B\"}", 0, "invalid_json", NULL,
                    "JSON 格式错误（第 1 行第 *", "malformed JSON (line 1, column *");
    json_error_case(&a, __LINE__, "{\"name\":\"A\xff\"}", 0, "invalid_json", NULL,
                    "JSON 格式错误（第 1 行第 *", "malformed JSON (line 1, column *");
    json_error_case(&a, __LINE__, "\xff", 0, "invalid_json", NULL,
                    "JSON 格式错误（第 1 行第 1 列）：含有无效的 UTF-8 文字",
                    "malformed JSON (line 1, column 1): unable to decode byte 0xff");
    /* Nothing landed. */
    struct response r = client_get(&a, "/api/v1/room-types");
    CHECK_INT(r.status, 200);
    CHECK_INT(json_array_size(json_object_get(r.json, "items")), 0);
    response_free(&r);
    client_free(&a);
}

static int64_t created_id(struct response *r)
{
    int64_t id = json_integer_value(json_object_get(r->json, "id"));
    response_free(r);
    return id;
}

static void rooms_and_products(void)
{
    struct client a = admin_client();
    struct response r = client_post(&a, "/api/v1/room-types", "{\"name\":\"大包\",\"capacity\":15}");
    CHECK_INT(r.status, 201);
    int64_t big = created_id(&r);
    r = client_post(&a, "/api/v1/room-types", "{\"name\":\"大包\"}");
    CHECK_INT(r.status, 409);
    response_free(&r);
    char body[256];
    snprintf(body, sizeof body, "{\"room_no\":\"8011\",\"name\":\"慈宁宫\",\"room_type_id\":%lld}",
             (long long)big);
    r = client_post(&a, "/api/v1/rooms", body);
    CHECK_INT(r.status, 201);
    int64_t room = created_id(&r);
    r = client_post(&a, "/api/v1/rooms", body);
    CHECK_INT(r.status, 409);
    response_free(&r);
    r = client_post(&a, "/api/v1/rooms", "{\"room_no\":\"9\",\"room_type_id\":999}");
    CHECK_INT(r.status, 400);
    CHECK_STR(response_error_code(&r), "invalid_field");
    response_free(&r);
    r = client_get(&a, "/api/v1/rooms?q=%E6%85%88"); /* 慈 */
    CHECK_INT(json_array_size(json_object_get(r.json, "items")), 1);
    response_free(&r);
    char path[64];
    snprintf(path, sizeof path, "/api/v1/rooms/%lld", (long long)room);
    r = client_put(&a, path, "{\"active\":false}");
    CHECK_INT(r.status, 200);
    CHECK(json_is_false(json_object_get(r.json, "active")));
    response_free(&r);
    r = client_get(&a, "/api/v1/rooms?active=1");
    CHECK_INT(json_array_size(json_object_get(r.json, "items")), 0);
    response_free(&r);

    r = client_post(&a, "/api/v1/products",
                    "{\"code\":\"06932169358293\",\"name\":\"青岛啤酒\",\"unit\":\"瓶\",\"price_fen\":1000}");
    CHECK_INT(r.status, 201);
    CHECK_STR(json_string_value(json_object_get(r.json, "code")), "06932169358293");
    CHECK_STR(json_string_value(json_object_get(r.json, "price")), "10.00");
    int64_t beer = created_id(&r);
    r = client_post(&a, "/api/v1/products", "{\"code\":\"X1\",\"name\":\"A\",\"price_fen\":12.5}");
    CHECK_INT(r.status, 400);
    CHECK(strstr(r.body, "1250") != NULL); /* the message tells how to write 12.50 */
    response_free(&r);
    r = client_post(&a, "/api/v1/products", "{\"code\":\"X1\",\"name\":\"A\",\"price_fen\":-5}");
    CHECK_INT(r.status, 400);
    response_free(&r);
    snprintf(path, sizeof path, "/api/v1/products/%lld", (long long)beer);
    r = client_put(&a, path, "{\"price_fen\":1200}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    r = client_get(&a, "/api/v1/products?q=%E9%9D%92%E5%B2%9B"); /* 青岛 */
    CHECK_INT(json_integer_value(json_object_get(r.json, "total")), 1);
    response_free(&r);
    /* The audit trail holds the change with before and after. */
    r = client_get(&a, "/api/v1/audit?entity=product");
    json_t *first = json_array_get(json_object_get(r.json, "items"), 0);
    CHECK_STR(json_string_value(json_object_get(first, "action")), "update");
    CHECK_INT(json_integer_value(json_object_get(json_object_get(first, "before"), "price_fen")), 1000);
    CHECK_INT(json_integer_value(json_object_get(json_object_get(first, "after"), "price_fen")), 1200);
    CHECK_STR(json_string_value(json_object_get(first, "username")), "admin");
    response_free(&r);
    client_free(&a);
}

static void venue_settings(void)
{
    struct client a = admin_client();
    struct response r = client_put(&a, "/api/v1/venue", "{\"timezone\":\"Mars/Olympus\"}");
    CHECK_INT(r.status, 400);
    response_free(&r);
    r = client_put(&a, "/api/v1/venue", "{\"cutoff\":\"6:00\"}");
    CHECK_INT(r.status, 400);
    CHECK(strstr(r.body, "HH:MM") != NULL);
    response_free(&r);
    r = client_put(&a, "/api/v1/venue", "{\"name\":\"星光KTV\",\"cutoff\":\"05:30\"}");
    CHECK_INT(r.status, 200);
    CHECK_INT(json_integer_value(json_object_get(r.json, "cutoff_minutes")), 330);
    response_free(&r);
    r = client_get(&a, "/api/v1/venue");
    CHECK_STR(json_string_value(json_object_get(r.json, "name")), "星光KTV");
    CHECK_STR(json_string_value(json_object_get(r.json, "timezone")), "Asia/Shanghai");
    response_free(&r);
    client_free(&a);
}

static void audit_is_append_only(void)
{
    char *out = NULL;
    CHECK(sql("UPDATE audit_log SET username = 'someone-else'", &out) != 0);
    CHECK(out && strstr(out, "append-only"));
    free(out);
    out = NULL;
    CHECK(sql("DELETE FROM audit_log", &out) != 0);
    free(out);
}

static void static_files(void)
{
    struct client c;
    client_init(&c, &srv);
    struct response r = client_get(&c, "/vendor/vue.js");
    CHECK_INT(r.status, 200);
    CHECK(strstr(r.content_type, "javascript") != NULL);
    CHECK(r.len > 10000);
    response_free(&r);
    r = client_get(&c, "/../../etc/passwd");
    CHECK(r.status == 404 || r.status == 400);
    response_free(&r);
    r = client_get(&c, "/node_modules/vue/package.json");
    CHECK_INT(r.status, 404);
    response_free(&r);
    client_free(&c);
}

static void backup_while_serving(void)
{
    char out_path[400];
    snprintf(out_path, sizeof out_path, "%s/backup.db", srv.dir);
    CHECK_INT(run_cli(NULL, "backup", "--db", srv.db, "-o", out_path, NULL), 0);
    CHECK(access(out_path, F_OK) == 0);
    /* Refuses to overwrite. */
    CHECK_INT(run_cli(NULL, "backup", "--db", srv.db, "-o", out_path, NULL), 1);
    char *out = NULL;
    CHECK_INT(run_cli(&out, "user", "list", "--db", out_path, NULL), 0);
    CHECK(out && strstr(out, "admin"));
    free(out);
}

/* A database written by a newer ktvoffice is refused with a clear message, never migrated. */
static void newer_database_is_refused(void)
{
    char copy[400];
    snprintf(copy, sizeof copy, "%s/newer.db", srv.dir);
    CHECK_INT(run_cli(NULL, "init", "--db", copy, "--password", "newer-pass-1", NULL), 0);
    char cmd[600];
    snprintf(cmd, sizeof cmd,
             "sqlite3 '%s' \"INSERT INTO schema_version VALUES (9999, 'future', 0)\"", copy);
    CHECK_INT(system(cmd), 0);
    CHECK(run_cli(NULL, "serve", "--db", copy, "--listen", "127.0.0.1:0", NULL) != 0);
    CHECK(run_cli(NULL, "user", "list", "--db", copy, NULL) != 0);
}

static void cli_help_everywhere(void)
{
    const char *cmds[] = {"serve", "init", "demo", "import", "report", "export", "user", "backup",
                          "migrate"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char *out = NULL;
        int rc = run_cli(&out, cmds[i], "--help", NULL);
        if (rc != 0 || !out || !strstr(out, "usage"))
            harness_fail(__FILE__, __LINE__, "%s --help -> %d", cmds[i], rc);
        free(out);
    }
    CHECK_INT(run_cli(NULL, "no-such-command", NULL), 2);
}

int main(void)
{
    if (!server_start(&srv, NULL)) {
        printf("core/api: 0 passed, 1 failed\n");
        return 1;
    }
    RUN(health_answers);
    RUN(login_errors_speak_chinese_and_english);
    RUN(login_is_throttled_per_account);
    RUN(sessions_end_on_logout_expiry_and_disable);
    RUN(users_are_validated);
    RUN(strict_input);
    RUN(json_errors_in_both_languages);
    RUN(rooms_and_products);
    RUN(venue_settings);
    RUN(audit_is_append_only);
    RUN(static_files);
    RUN(backup_while_serving);
    RUN(newer_database_is_refused);
    RUN(cli_help_everywhere);
    /* SIGTERM ends the server cleanly (exit status 0, no sanitizer report). */
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("core/api");
}
