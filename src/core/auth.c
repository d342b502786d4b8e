/* auth.c: passwords, sessions, permissions and the user administration endpoints. */
#include "core/auth.h"

#include "core/audit.h"
#include "core/json.h"
#include "core/log.h"

#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const auth_roles[] = {"admin",     "manager",    "finance",   "cashier", "warehouse",
                                  "hr",        "technician", "marketing", "staff",   NULL};

static const char *const role_names_zh[] = {"管理员", "经理",   "财务",   "收银员", "库管",
                                             "人事",   "工程维修", "营销", "员工"};

const char *auth_role_name_zh(const char *role)
{
    for (int i = 0; auth_roles[i]; i++)
        if (strcmp(auth_roles[i], role) == 0) return role_names_zh[i];
    return role;
}

bool auth_role_valid(const char *role)
{
    for (int i = 0; auth_roles[i]; i++)
        if (strcmp(auth_roles[i], role) == 0) return true;
    return false;
}

const struct module_info auth_modules[] = {
    {"settings", "门店设置", "Venue settings"}, {"users", "用户与权限", "Users and roles"},
    {"audit", "审计日志", "Audit trail"},        {"rooms", "房间", "Rooms"},
    {"products", "商品", "Products"},           {"bills", "账单", "Bills"},
    {"import", "数据导入", "Import"},            {"reports", "报表", "Reports"},
    {"shifts", "收银交班", "Cashier shifts"},     {"finance", "财务", "Finance"},
    {"inventory", "库存", "Inventory"},          {"purchasing", "采购", "Purchasing"},
    {"people", "人事", "People"},                {"venue", "场地维护", "Venue upkeep"},
    {"crm", "客户", "Customers"},                {"marketing", "营销", "Marketing"},
    {"plans", "工作计划", "Work plans"},          {NULL, NULL, NULL},
};

bool auth_module_valid(const char *module)
{
    for (int i = 0; auth_modules[i].id; i++)
        if (strcmp(auth_modules[i].id, module) == 0) return true;
    return false;
}

bool auth_init(void)
{
    return sodium_init() >= 0;
}

bool auth_hash_password(const char *password, char out[128])
{
    /* INTERACTIVE limits: ~0.1 s and 64 MiB per hash on this class of machine; logins are rare
     * and throttled, so this cost is the attacker's, not the venue's. */
    return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

bool auth_check_password(const char *stored, const char *password)
{
    return crypto_pwhash_str_verify(stored, password, strlen(password)) == 0;
}

const char *auth_password_problem(const char *password, bool english)
{
    size_t n = strlen(password);
    if (n < 8) return english ? "the password needs at least 8 characters" : "密码至少 8 位";
    if (n > 72) return english ? "the password may have at most 72 characters" : "密码最多 72 位";
    if (strspn(password, "0123456789") == n)
        return english ? "the password may not be digits only" : "密码不能全是数字";
    return NULL;
}

void auth_random_password(char out[15])
{
    /* No 0/O/1/l/I: the password is read off a terminal and typed by a person. */
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (int i = 0; i < 14; i++) out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[14] = 0;
}

static void token_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

enum db_status auth_session_create(struct db *db, int64_t user_id, const char *ip, int hours,
                                   char token[65], char csrf[48])
{
    unsigned char raw[32], craw[16];
    randombytes_buf(raw, sizeof raw);
    randombytes_buf(craw, sizeof craw);
    sodium_bin2hex(token, 65, raw, sizeof raw);
    sodium_bin2hex(csrf, 33, craw, sizeof craw);
    char hash[65];
    token_hash(token, hash);
    int64_t now = now_epoch();
    /* Drop this user's expired sessions while we are here, so the table does not grow. */
    enum db_status s = db_exec(db, "DELETE FROM sessions WHERE user_id = $1 AND expires_at < $2",
                               "ii", user_id, now);
    if (s != DB_OK) return s;
    return db_exec(db,
                   "INSERT INTO sessions(token_hash, user_id, csrf_token, ip, created_at, "
                   "expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                   "tittii", hash, user_id, csrf, ip, now, now + (int64_t)hours * 3600);
}

static const char *session_cookie(struct request *req)
{
    return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, SESSION_COOKIE);
}

/* Fills req->user from the session of a raw token; false if none is valid. */
static bool session_by_token(struct request *req, const char *token)
{
    if (!token || strlen(token) != 64) return false;
    char hash[65];
    token_hash(token, hash);
    sqlite3_stmt *st = db_stmt(req->db,
                               "SELECT u.id, u.venue_id, u.username, u.display_name, u.role, "
                               "s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id "
                               "WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1");
    if (!st || db_bind(st, "ti", hash, now_epoch()) != DB_OK) return false;
    bool row = false;
    if (db_step(st, &row) == DB_OK && row) {
        req->user.id = sqlite3_column_int64(st, 0);
        req->user.venue_id = sqlite3_column_int64(st, 1);
        snprintf(req->user.username, sizeof req->user.username, "%s", db_col_text(st, 2));
        snprintf(req->user.display_name, sizeof req->user.display_name, "%s", db_col_text(st, 3));
        snprintf(req->user.role, sizeof req->user.role, "%s", db_col_text(st, 4));
        snprintf(req->user.csrf, sizeof req->user.csrf, "%s", db_col_text(st, 5));
        req->authed = true;
    }
    sqlite3_reset(st);
    return req->authed;
}

bool auth_load_session(struct request *req)
{
    return session_by_token(req, session_cookie(req));
}

bool auth_permitted(struct db *db, const char *role, const char *module, bool write)
{
    if (strcmp(role, "admin") == 0) return true;
    int64_t v = 0;
    if (db_int(db, &v,
               "SELECT CASE WHEN $3 = 1 THEN can_write ELSE can_read END FROM role_permissions "
               "WHERE role = $1 AND module = $2",
               "ttI", role, module, write ? 1 : 0) != DB_OK)
        return false;
    return v == 1;
}

bool auth_throttled(struct db *db, const char *username, const char *ip, int64_t now)
{
    int64_t by_user = 0, by_ip = 0;
    int64_t since = now - 15 * 60;
    db_int(db, &by_user, "SELECT count(*) FROM login_failures WHERE username = $1 AND at > $2",
           "ti", username, since);
    db_int(db, &by_ip, "SELECT count(*) FROM login_failures WHERE ip = $1 AND at > $2", "ti", ip,
           since);
    return by_user >= 5 || by_ip >= 30;
}

/* Approver failures are kept under "approve:<username>", a name no user can have (user
 * names have no colon), so that sign-in never counts them. */
static void approver_key(const char *username, char *out, size_t n)
{
    snprintf(out, n, "approve:%s", username ? username : "");
}

bool auth_approver_throttled(struct db *db, const char *username, const char *ip, int64_t now)
{
    char key[80];
    approver_key(username, key, sizeof key);
    return auth_throttled(db, key, ip, now);
}

enum db_status auth_approver_failed(struct db *db, const char *username, const char *ip,
                                    int64_t now)
{
    char key[80];
    approver_key(username, key, sizeof key);
    return db_exec(db, "INSERT INTO login_failures(username, ip, at) VALUES ($1, $2, $3)", "tti",
                   key, ip, now);
}

/* ---- endpoints ---- */

static json_t *user_json(sqlite3_stmt *st)
{
    json_t *u = json_object();
    json_set_int(u, "id", sqlite3_column_int64(st, 0));
    json_set_str(u, "username", db_col_text(st, 1));
    json_set_str(u, "display_name", db_col_text(st, 2));
    json_set_str(u, "role", db_col_text(st, 3));
    json_set_str(u, "role_name", auth_role_name_zh(db_col_text(st, 3)));
    json_object_set_new(u, "active", json_boolean(sqlite3_column_int(st, 4)));
    return u;
}

static json_t *permissions_of(struct db *db, const char *role)
{
    json_t *p = json_object();
    for (int i = 0; auth_modules[i].id; i++) {
        json_t *m = json_object();
        json_object_set_new(m, "read", json_boolean(auth_permitted(db, role, auth_modules[i].id, false)));
        json_object_set_new(m, "write", json_boolean(auth_permitted(db, role, auth_modules[i].id, true)));
        json_object_set_new(p, auth_modules[i].id, m);
    }
    return p;
}

static json_t *me_json(struct request *req)
{
    json_t *out = json_object();
    json_t *u = json_object();
    json_set_int(u, "id", req->user.id);
    json_set_str(u, "username", req->user.username);
    json_set_str(u, "display_name", req->user.display_name);
    json_set_str(u, "role", req->user.role);
    json_set_str(u, "role_name", auth_role_name_zh(req->user.role));
    json_object_set_new(out, "user", u);
    json_object_set_new(out, "permissions", permissions_of(req->db, req->user.role));
    json_set_str(out, "csrf_token", req->user.csrf);
    sqlite3_stmt *st = db_stmt(req->db, "SELECT id, name, timezone, cutoff_minutes FROM venue "
                                        "WHERE id = $1");
    bool row = false;
    if (st && db_bind(st, "i", req->user.venue_id) == DB_OK && db_step(st, &row) == DB_OK && row) {
        json_t *v = json_object();
        json_set_int(v, "id", sqlite3_column_int64(st, 0));
        json_set_str(v, "name", db_col_text(st, 1));
        json_set_str(v, "timezone", db_col_text(st, 2));
        json_set_int(v, "cutoff_minutes", sqlite3_column_int64(st, 3));
        json_object_set_new(out, "venue", v);
    }
    if (st) sqlite3_reset(st);
    return out;
}

static void login(struct request *req)
{
    static const char *const fields[] = {"username", "password", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    const char *username = NULL, *password = NULL;
    if (!jfield_str(req, body, "username", "用户名", "username", true, 32, &username) ||
        !jfield_str(req, body, "password", "密码", "password", true, 200, &password))
        goto out;
    int64_t now = now_epoch();
    if (auth_throttled(req->db, username, req->ip, now)) {
        req->retry_after = 900;
        reply_error(req, 429, "throttled", NULL, "登录失败次数过多，请 15 分钟后再试",
                    "too many failed sign-ins; try again in 15 minutes");
        goto out;
    }
    sqlite3_stmt *st = db_stmt(req->db, "SELECT id, password_hash, active FROM users "
                                        "WHERE username = $1");
    int64_t user_id = 0;
    bool ok = false, row = false;
    if (st && db_bind(st, "t", username) == DB_OK && db_step(st, &row) == DB_OK && row) {
        user_id = sqlite3_column_int64(st, 0);
        char *hash = db_col_strdup(st, 1);
        int active = sqlite3_column_int(st, 2);
        sqlite3_reset(st);
        /* The hash is checked for a disabled account too: skipping it answered a disabled
         * name in a fraction of the time and so told which accounts exist. */
        ok = hash && auth_check_password(hash, password) && active;
        free(hash);
    } else {
        if (st) sqlite3_reset(st);
        /* Spend the same time on an unknown name as on a wrong password. */
        char dummy[128];
        auth_hash_password(password, dummy);
    }
    if (db_begin_write(req->db) != DB_OK) {
        reply_db_error(req, DB_RETRY, "", "");
        goto out;
    }
    if (!ok) {
        db_exec(req->db, "INSERT INTO login_failures(username, ip, at) VALUES ($1, $2, $3)", "tti",
                username, req->ip, now);
        db_commit(req->db);
        reply_error(req, 401, "bad_credentials", NULL, "用户名或密码不对，或账号已停用",
                    "wrong username or password, or the account is disabled");
        goto out;
    }
    char token[65], csrf[48];
    enum db_status s = auth_session_create(req->db, user_id, req->ip, req->cfg->session_hours,
                                           token, csrf);
    if (s == DB_OK)
        s = db_exec(req->db, "DELETE FROM login_failures WHERE username = $1", "t", username);
    if (s == DB_OK) {
        /* Only a successful sign-in is worth a trail entry; failures are in login_failures. */
        req->user.id = user_id;
        snprintf(req->user.username, sizeof req->user.username, "%s", username);
        int64_t venue_id = 0;
        db_int(req->db, &venue_id, "SELECT venue_id FROM users WHERE id = $1", "i", user_id);
        req->user.venue_id = venue_id;
        struct actor a = actor_of(req);
        json_t *after = json_pack("{s:s}", "ip", req->ip);
        s = audit_record(req->db, &a, "login", "session", username, NULL, after);
        json_decref(after);
    }
    if (s == DB_OK) s = db_commit(req->db);
    if (s != DB_OK) {
        db_rollback(req->db);
        reply_db_error(req, s, "会话", "session");
        goto out;
    }
    char cookie[200];
    snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d",
             SESSION_COOKIE, token, req->cfg->session_hours * 3600);
    req->set_cookie = strdup(cookie);
    session_by_token(req, token);
    reply_json(req, 200, me_json(req));
out:
    json_decref(body);
}

static void logout(struct request *req)
{
    const char *token = session_cookie(req);
    char hash[65];
    token_hash(token ? token : "", hash);
    enum db_status s = db_begin_write(req->db);
    struct actor a = actor_of(req);
    if (s == DB_OK) s = db_exec(req->db, "DELETE FROM sessions WHERE token_hash = $1", "t", hash);
    if (s == DB_OK) s = audit_record(req->db, &a, "logout", "session", req->user.username, NULL, NULL);
    if (s == DB_OK) s = db_commit(req->db);
    if (s != DB_OK) {
        reply_db_error(req, s, "会话", "session");
        return;
    }
    req->set_cookie = strdup(SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    reply_json(req, 200, json_pack("{s:b}", "ok", 1));
}

static void me(struct request *req)
{
    reply_json(req, 200, me_json(req));
}

/* POST /api/v1/auth/password {old_password, new_password}: a user changes their own password;
 * every other session of the user ends. */
static void change_password(struct request *req)
{
    static const char *const fields[] = {"old_password", "new_password", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    const char *old_pw = NULL, *new_pw = NULL;
    char *stored = NULL;
    if (!jfield_str(req, body, "old_password", "原密码", "old password", true, 200, &old_pw) ||
        !jfield_str(req, body, "new_password", "新密码", "new password", true, 200, &new_pw))
        goto out;
    const char *problem = auth_password_problem(new_pw, req->english);
    if (problem) {
        reply_error(req, 400, "weak_password", "new_password", problem, problem);
        goto out;
    }
    sqlite3_stmt *st = db_stmt(req->db, "SELECT password_hash FROM users WHERE id = $1");
    bool row = false;
    if (st && db_bind(st, "i", req->user.id) == DB_OK && db_step(st, &row) == DB_OK && row)
        stored = db_col_strdup(st, 0);
    if (st) sqlite3_reset(st);
    if (!stored || !auth_check_password(stored, old_pw)) {
        reply_error(req, 400, "bad_credentials", "old_password", "原密码不对",
                    "the old password is wrong");
        goto out;
    }
    char hash[128];
    if (!auth_hash_password(new_pw, hash)) {
        reply_internal(req);
        goto out;
    }
    struct actor a = actor_of(req);
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)req->user.id);
    enum db_status s = db_begin_write(req->db);
    if (s == DB_OK)
        s = db_exec(req->db, "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3",
                    "tii", hash, now_epoch(), req->user.id);
    if (s == DB_OK)
        s = db_exec(req->db, "DELETE FROM sessions WHERE user_id = $1 AND csrf_token <> $2", "it",
                    req->user.id, req->user.csrf);
    if (s == DB_OK) s = audit_record(req->db, &a, "change_password", "user", id, NULL, NULL);
    if (s == DB_OK) s = db_commit(req->db);
    if (s != DB_OK) {
        reply_db_error(req, s, "用户", "user");
        goto out;
    }
    reply_json(req, 200, json_pack("{s:b}", "ok", 1));
out:
    free(stored);
    json_decref(body);
}

static const char user_select[] =
    "SELECT id, username, display_name, role, active FROM users WHERE venue_id = $1 "
    "ORDER BY active DESC, role, username";
static const char user_select_one[] =
    "SELECT id, username, display_name, role, active FROM users WHERE venue_id = $1 AND id = $2";

static json_t *user_load(struct db *db, int64_t venue_id, int64_t id)
{
    sqlite3_stmt *st = db_stmt(db, user_select_one);
    bool row = false;
    json_t *u = NULL;
    if (st && db_bind(st, "ii", venue_id, id) == DB_OK && db_step(st, &row) == DB_OK && row)
        u = user_json(st);
    if (st) sqlite3_reset(st);
    return u;
}

static void users_list(struct request *req)
{
    sqlite3_stmt *st = db_stmt(req->db, user_select);
    if (!st || db_bind(st, "i", req->user.venue_id) != DB_OK) {
        reply_internal(req);
        return;
    }
    json_t *items = json_array();
    bool row;
    enum db_status s;
    while ((s = db_step(st, &row)) == DB_OK && row) json_array_append_new(items, user_json(st));
    sqlite3_reset(st);
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "用户", "users");
        return;
    }
    json_t *roles = json_array();
    for (int i = 0; auth_roles[i]; i++)
        json_array_append_new(roles, json_pack("{s:s,s:s}", "id", auth_roles[i], "name",
                                               auth_role_name_zh(auth_roles[i])));
    reply_json(req, 200, json_pack("{s:o,s:o}", "items", items, "roles", roles));
}

static bool check_role_field(struct request *req, const char *role)
{
    if (role && !auth_role_valid(role)) {
        reply_error(req, 400, "invalid_field", "role", "角色不存在", "no such role");
        return false;
    }
    return true;
}

/* Only an admin makes an admin or changes an admin's account. Another role may be given the
 * users module (write), but it must not grant itself everything: a manager who could create an
 * admin, or set the admin's password, would get past "only an admin may change permissions". */
static bool check_admin_only(struct request *req, const char *target_role, const char *new_role)
{
    if (strcmp(req->user.role, "admin") == 0) return true;
    if ((target_role && strcmp(target_role, "admin") == 0) ||
        (new_role && strcmp(new_role, "admin") == 0)) {
        reply_error(req, 403, "forbidden", "role", "只有管理员可以创建或修改管理员账号",
                    "only an admin may create or change an admin account");
        return false;
    }
    return true;
}

/* POST /api/v1/users {username, display_name, role, password} */
static void users_create(struct request *req)
{
    static const char *const fields[] = {"username", "display_name", "role", "password", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    const char *username = NULL, *display_name = "", *role = NULL, *password = NULL;
    if (!jfield_str(req, body, "username", "用户名", "username", true, 32, &username) ||
        !jfield_str(req, body, "display_name", "姓名", "name", false, 50, &display_name) ||
        !jfield_str(req, body, "role", "角色", "role", true, 16, &role) ||
        !jfield_str(req, body, "password", "密码", "password", true, 200, &password) ||
        !check_role_field(req, role) || !check_admin_only(req, NULL, role))
        goto out;
    if (strlen(username) < 2 || strspn(username, "abcdefghijklmnopqrstuvwxyz0123456789_.-") !=
                                    strlen(username)) {
        reply_error(req, 400, "invalid_field", "username",
                    "用户名：2 到 32 位小写字母、数字、下划线、点或横线",
                    "username: 2 to 32 lower-case letters, digits, '_', '.' or '-'");
        goto out;
    }
    const char *problem = auth_password_problem(password, req->english);
    if (problem) {
        reply_error(req, 400, "weak_password", "password", problem, problem);
        goto out;
    }
    int64_t id = 0;
    enum db_status s = db_begin_write(req->db);
    if (s == DB_OK)
        s = auth_user_insert(req->db, req->user.venue_id, username, display_name, role, password,
                             &id);
    json_t *after = s == DB_OK ? user_load(req->db, req->user.venue_id, id) : NULL;
    if (s == DB_OK) {
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)id);
        s = audit_record(req->db, &a, "create", "user", sid, NULL, after);
    }
    if (s == DB_OK) s = db_commit(req->db);
    if (s == DB_CONFLICT)
        reply_error(req, 409, "conflict", "username", "用户名已被使用", "username already taken");
    else if (s != DB_OK)
        reply_db_error(req, s, "用户", "user");
    else
        reply_json(req, 201, json_incref(after));
    json_decref(after);
out:
    json_decref(body);
}

/* PUT /api/v1/users/:id {display_name, role, active, password}: any subset. An admin cannot
 * disable or demote themselves (so a venue always keeps one admin who can get back in). */
static void users_update(struct request *req)
{
    static const char *const fields[] = {"display_name", "role", "active", "password", NULL};
    int64_t id = req_param_id(req, "id");
    json_t *body = req_json_object(req, fields);
    json_t *before = NULL, *after = NULL;
    if (!body) return;
    const char *display_name = NULL, *role = NULL, *password = NULL;
    bool active = true, has_active = false;
    if (!jfield_str(req, body, "display_name", "姓名", "name", false, 50, &display_name) ||
        !jfield_str(req, body, "role", "角色", "role", false, 16, &role) ||
        !jfield_bool(req, body, "active", "启用", "active", false, &active) ||
        !jfield_str(req, body, "password", "密码", "password", false, 200, &password) ||
        !check_role_field(req, role))
        goto out;
    has_active = json_object_get(body, "active") != NULL;
    if (id == req->user.id && ((has_active && !active) || (role && strcmp(role, req->user.role)))) {
        reply_error(req, 400, "self_lockout", NULL, "不能停用自己或修改自己的角色",
                    "you cannot disable yourself or change your own role");
        goto out;
    }
    char hash[128] = "";
    if (password) {
        const char *problem = auth_password_problem(password, req->english);
        if (problem) {
            reply_error(req, 400, "weak_password", "password", problem, problem);
            goto out;
        }
        if (!auth_hash_password(password, hash)) {
            reply_internal(req);
            goto out;
        }
    }
    enum db_status s = db_begin_write(req->db);
    if (s == DB_OK) {
        before = user_load(req->db, req->user.venue_id, id);
        if (!before) s = DB_NOT_FOUND;
    }
    if (s == DB_OK &&
        !check_admin_only(req, json_string_value(json_object_get(before, "role")), role))
        goto out;
    if (s == DB_OK)
        s = db_exec(req->db,
                    "UPDATE users SET display_name = coalesce($1, display_name), "
                    "role = coalesce($2, role), active = coalesce($3, active), "
                    "password_hash = CASE WHEN $4 = '' THEN password_hash ELSE $4 END, "
                    "updated_at = $5 WHERE id = $6 AND venue_id = $7",
                    has_active ? "ttitiii" : "ttntiii", display_name, role,
                    has_active ? (int64_t)active : 0, hash, now_epoch(), id, req->user.venue_id);
    /* A disabled user or a changed password ends the user's sessions. */
    if (s == DB_OK && ((has_active && !active) || password || role))
        s = db_exec(req->db, "DELETE FROM sessions WHERE user_id = $1", "i", id);
    if (s == DB_OK) {
        after = user_load(req->db, req->user.venue_id, id);
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)id);
        json_t *aud = json_deep_copy(after);
        if (password) json_object_set_new(aud, "password", json_string("(changed)"));
        s = audit_record(req->db, &a, "update", "user", sid, before, aud);
        json_decref(aud);
    }
    if (s == DB_OK) s = db_commit(req->db);
    if (s != DB_OK)
        reply_db_error(req, s, "用户", "user");
    else
        reply_json(req, 200, json_incref(after));
out:
    json_decref(before);
    json_decref(after);
    json_decref(body);
}

/* GET /api/v1/permissions: the matrix of roles x modules. */
static void permissions_get(struct request *req)
{
    json_t *modules = json_array();
    for (int i = 0; auth_modules[i].id; i++)
        json_array_append_new(modules, json_pack("{s:s,s:s,s:s}", "id", auth_modules[i].id,
                                                 "name", auth_modules[i].name_zh, "name_en",
                                                 auth_modules[i].name_en));
    json_t *matrix = json_object();
    for (int r = 0; auth_roles[r]; r++)
        json_object_set_new(matrix, auth_roles[r], permissions_of(req->db, auth_roles[r]));
    reply_json(req, 200, json_pack("{s:o,s:o}", "modules", modules, "roles", matrix));
}

/* PUT /api/v1/permissions {"role": "cashier", "module": "bills", "read": true, "write": false}
 * Admin only; the admin role itself cannot be restricted. */
static void permissions_put(struct request *req)
{
    static const char *const fields[] = {"role", "module", "read", "write", NULL};
    json_t *body = req_json_object(req, fields);
    json_t *before = NULL, *after = NULL;
    if (!body) return;
    const char *role = NULL, *module = NULL;
    bool can_read = false, can_write = false;
    if (strcmp(req->user.role, "admin") != 0) {
        reply_error(req, 403, "forbidden", NULL, "只有管理员可以修改权限",
                    "only an admin may change permissions");
        goto out;
    }
    if (!jfield_str(req, body, "role", "角色", "role", true, 16, &role) ||
        !jfield_str(req, body, "module", "模块", "module", true, 32, &module) ||
        !jfield_bool(req, body, "read", "查看", "read", true, &can_read) ||
        !jfield_bool(req, body, "write", "修改", "write", true, &can_write) ||
        !check_role_field(req, role))
        goto out;
    if (strcmp(role, "admin") == 0) {
        reply_error(req, 400, "invalid_field", "role", "管理员拥有全部权限，不能修改",
                    "the admin role always has every permission");
        goto out;
    }
    if (!auth_module_valid(module)) {
        reply_error(req, 400, "invalid_field", "module", "模块不存在", "no such module");
        goto out;
    }
    if (can_write) can_read = true; /* who may change a thing may see it */
    enum db_status s = db_begin_write(req->db);
    before = json_pack("{s:b,s:b}", "read", auth_permitted(req->db, role, module, false), "write",
                       auth_permitted(req->db, role, module, true));
    if (s == DB_OK)
        s = db_exec(req->db,
                    "INSERT INTO role_permissions(role, module, can_read, can_write) "
                    "VALUES ($1, $2, $3, $4) ON CONFLICT(role, module) DO UPDATE SET "
                    "can_read = excluded.can_read, can_write = excluded.can_write",
                    "ttII", role, module, can_read ? 1 : 0, can_write ? 1 : 0);
    after = json_pack("{s:b,s:b}", "read", can_read, "write", can_write);
    if (s == DB_OK) {
        struct actor a = actor_of(req);
        char id[64];
        snprintf(id, sizeof id, "%s/%s", role, module);
        s = audit_record(req->db, &a, "update", "permission", id, before, after);
    }
    if (s == DB_OK) s = db_commit(req->db);
    if (s != DB_OK)
        reply_db_error(req, s, "权限", "permission");
    else
        reply_json(req, 200, json_incref(after));
out:
    json_decref(before);
    json_decref(after);
    json_decref(body);
}

const struct route auth_routes[] = {
    {"POST", "/api/v1/auth/login", login, NULL, ACCESS_PUBLIC, 0},
    {"POST", "/api/v1/auth/logout", logout, NULL, ACCESS_LOGIN, 0},
    {"GET", "/api/v1/auth/me", me, NULL, ACCESS_LOGIN, 0},
    {"POST", "/api/v1/auth/password", change_password, NULL, ACCESS_LOGIN, 0},
    {"GET", "/api/v1/users", users_list, "users", ACCESS_READ, 0},
    {"POST", "/api/v1/users", users_create, "users", ACCESS_WRITE, 0},
    {"PUT", "/api/v1/users/:id", users_update, "users", ACCESS_WRITE, 0},
    {"GET", "/api/v1/permissions", permissions_get, "users", ACCESS_READ, 0},
    {"PUT", "/api/v1/permissions", permissions_put, "users", ACCESS_WRITE, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};

enum db_status auth_user_insert(struct db *db, int64_t venue_id, const char *username,
                                const char *display_name, const char *role, const char *password,
                                int64_t *id)
{
    char hash[128];
    if (!auth_hash_password(password, hash)) return DB_ERROR;
    return db_int(db, id,
                  "INSERT INTO users(venue_id, username, display_name, role, password_hash, "
                  "active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $6) "
                  "RETURNING id",
                  "itttti", venue_id, username, display_name, role, hash, now_epoch());
}
