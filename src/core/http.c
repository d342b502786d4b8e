/* http.c: the HTTP server on libmicrohttpd: request lifecycle, routing, static files,
 * replies, access log and graceful shutdown (see http.h). */
#include "core/http.h"

#include "core/auth.h"
#include "core/json.h"
#include "core/log.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Default cap on a request body: JSON bodies of this product are a few KiB. */
#define DEFAULT_MAX_BODY (1024 * 1024)
/* Memory MHD may use per connection for headers and its read buffer: a request whose headers
 * do not fit is refused by MHD (431). */
#define CONNECTION_MEMORY (64 * 1024)
/* How much of an oversized body is read and dropped so that the 413 reaches the client. */
#define DISCARD_MAX (32 * 1024 * 1024)
/* Seconds of silence after which an idle connection is closed. */
#define CONNECTION_TIMEOUT 30

int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t now_epoch(void)
{
    return (int64_t)time(NULL);
}

/* ---- request helpers ---- */

/* Parameter names point into the route's pattern, running up to the next '/'. */
static bool param_name_eq(const char *pattern_name, const char *name)
{
    size_t n = strlen(name);
    return strncmp(pattern_name, name, n) == 0 &&
           (pattern_name[n] == 0 || pattern_name[n] == '/');
}

const char *req_param(struct request *req, const char *name)
{
    for (int i = 0; i < req->nparams; i++)
        if (param_name_eq(req->param_names[i], name)) return req->param_values[i];
    return NULL;
}

int64_t req_param_id(struct request *req, const char *name)
{
    const char *s = req_param(req, name);
    if (!s || !*s || strlen(s) > 18) return 0;
    int64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') return 0;
        v = v * 10 + (*p - '0');
    }
    return v;
}

const char *req_query(struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

bool req_paging(struct request *req, int64_t *page, int64_t *page_size)
{
    const char *pg = req_query(req, "page"), *ps = req_query(req, "page_size");
    *page = 1;
    *page_size = REQ_PAGE_SIZE_DEFAULT;
    char *end;
    if (pg && *pg) {
        long long v = strtoll(pg, &end, 10);
        if (*end || v < 1 || v > 1000000000) {
            reply_error(req, 400, "invalid_field", "page", "页码应为 1 到 1000000000 之间的整数",
                        "page must be a whole number from 1 to 1000000000");
            return false;
        }
        *page = v;
    }
    if (ps && *ps) {
        long long v = strtoll(ps, &end, 10);
        if (*end || v < 1 || v > REQ_PAGE_SIZE_MAX) {
            reply_error(req, 400, "invalid_field", "page_size", "每页条数应为 1 到 500",
                        "page_size must be 1 to 500");
            return false;
        }
        *page_size = v;
    }
    return true;
}

const char *req_header(struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

/* ---- replies ---- */

static void set_reply(struct request *req, int status, const char *type, char *data, size_t len)
{
    if (req->replied) {
        /* A handler replied twice: our bug. Keep the first answer. */
        log_error("req=%s replied twice (%d after %d)", req->request_id, status, req->status);
        free(data);
        return;
    }
    req->replied = true;
    req->status = status;
    req->content_type = type;
    req->reply_body = data;
    req->reply_len = len;
}

void reply_json(struct request *req, int status, json_t *value)
{
    char *text = value ? json_dumps(value, JSON_COMPACT) : NULL;
    json_decref(value);
    if (!text) {
        log_error("req=%s: cannot serialise reply", req->request_id);
        text = strdup("{\"error\":{\"code\":\"internal\",\"message\":\"服务器内部错误\"}}");
        status = 500;
    }
    set_reply(req, status, "application/json; charset=utf-8", text, strlen(text));
}

void reply_error(struct request *req, int status, const char *code, const char *field,
                 const char *message_zh, const char *message_en)
{
    json_t *e = json_object();
    json_object_set_new(e, "code", json_string(code));
    json_object_set_new(e, "message",
                        json_string(req->english && message_en ? message_en : message_zh));
    json_object_set_new(e, "field", field ? json_string(field) : json_null());
    json_t *root = json_object();
    json_object_set_new(root, "error", e);
    if (status >= 500)
        log_error("req=%s %s %s -> %d %s", req->request_id, req->method, req->path, status,
                  message_en ? message_en : code);
    else
        log_info("req=%s %s %s -> %d %s%s%s", req->request_id, req->method, req->path, status,
                 code, field ? " field=" : "", field ? field : "");
    reply_json(req, status, root);
}

void reply_bytes(struct request *req, int status, const char *content_type, char *data,
                 size_t len, const char *filename)
{
    if (filename) {
        /* RFC 6266: an ASCII fallback plus the UTF-8 name percent-encoded. */
        char enc[600];
        size_t k = 0;
        for (const unsigned char *p = (const unsigned char *)filename; *p && k + 4 < sizeof enc;
             p++) {
            if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                *p == '.' || *p == '-' || *p == '_')
                enc[k++] = (char)*p;
            else
                k += (size_t)snprintf(enc + k, sizeof enc - k, "%%%02X", *p);
        }
        enc[k] = 0;
        char cd[800];
        snprintf(cd, sizeof cd, "attachment; filename=\"export%s\"; filename*=UTF-8''%s",
                 strrchr(filename, '.') ? strrchr(filename, '.') : "", enc);
        free(req->content_disposition);
        req->content_disposition = strdup(cd);
    }
    set_reply(req, status, content_type, data, len);
}

void reply_not_found(struct request *req)
{
    reply_error(req, 404, "not_found", NULL, "找不到该记录", "not found");
}

void reply_internal(struct request *req)
{
    reply_error(req, 500, "internal", NULL, "服务器内部错误，请稍后再试或联系管理员",
                "internal error; try again later or contact the administrator");
}

void reply_db_error(struct request *req, enum db_status s, const char *what_zh,
                    const char *what_en)
{
    char zh[200], en[200];
    switch (s) {
    case DB_NOT_FOUND:
        snprintf(zh, sizeof zh, "找不到该%s", what_zh);
        snprintf(en, sizeof en, "%s not found", what_en);
        reply_error(req, 404, "not_found", NULL, zh, en);
        return;
    case DB_CONFLICT:
        snprintf(zh, sizeof zh, "%s已存在或仍被引用", what_zh);
        snprintf(en, sizeof en, "%s already exists or is still referenced", what_en);
        reply_error(req, 409, "conflict", NULL, zh, en);
        return;
    case DB_INVALID:
        snprintf(zh, sizeof zh, "%s的数据不符合规则", what_zh);
        snprintf(en, sizeof en, "%s breaks a data rule", what_en);
        reply_error(req, 400, "invalid", NULL, zh, en);
        return;
    case DB_RETRY:
        req->retry_after = 1;
        reply_error(req, 503, "busy", NULL, "系统繁忙，请稍后重试", "busy, please retry");
        return;
    case DB_OK:
    case DB_ERROR: break;
    }
    reply_internal(req);
}

/* ---- routing ---- */

/* Matches path against pattern, filling params. Returns true on a match. */
static bool route_match(const char *pattern, const char *path, struct request *req)
{
    const char *p = pattern, *s = path;
    int n = 0;
    while (*p && *s) {
        if (*p == ':') {
            const char *name_end = strchr(p, '/');
            const char *seg_end = strchr(s, '/');
            size_t seg_len = seg_end ? (size_t)(seg_end - s) : strlen(s);
            if (seg_len == 0 || n == HTTP_MAX_PARAMS) return false;
            if (req) {
                req->param_names[n] = p + 1; /* up to '/' or end; compared with strncmp below */
                req->param_values[n] = strndup(s, seg_len);
            }
            n++;
            p = name_end ? name_end : p + strlen(p);
            s += seg_len;
            continue;
        }
        if (*p != *s) return false;
        p++;
        s++;
    }
    if (*p || *s) {
        if (req)
            for (int i = 0; i < n; i++) {
                free(req->param_values[i]);
                req->param_values[i] = NULL;
            }
        return false;
    }
    if (req) req->nparams = n;
    return true;
}

static const struct route *route_find(struct request *req, bool *method_mismatch)
{
    *method_mismatch = false;
    for (int t = 0; route_tables[t]; t++)
        for (const struct route *r = route_tables[t]; r->method; r++) {
            if (!route_match(r->pattern, req->path, NULL)) continue;
            if (strcmp(r->method, req->method) != 0) {
                *method_mismatch = true;
                continue;
            }
            route_match(r->pattern, req->path, req);
            return r;
        }
    return NULL;
}

/* ---- static files ---- */

/* Vendor assets served from node_modules: a fixed list, so nothing else there is reachable. */
static const struct {
    const char *url, *file;
} vendor_files[] = {
    {"/vendor/vue.js", "node_modules/vue/dist/vue.global.prod.js"},
    {"/vendor/element-plus.js", "node_modules/element-plus/dist/index.full.min.js"},
    {"/vendor/element-plus.css", "node_modules/element-plus/dist/index.css"},
    {"/vendor/element-plus-zh-cn.js", "node_modules/element-plus/dist/locale/zh-cn.min.js"},
    {"/vendor/element-plus-en.js", "node_modules/element-plus/dist/locale/en.min.js"},
    {"/vendor/element-plus-icons.js", "node_modules/@element-plus/icons-vue/dist/index.iife.min.js"},
    {"/vendor/echarts.js", "node_modules/echarts/dist/echarts.min.js"},
    {NULL, NULL},
};

static const char *mime_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot) return NULL;
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"},
        {".json", "application/json"}, {".woff2", "font/woff2"}, {".txt", "text/plain; charset=utf-8"},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0) return types[i].type;
    return NULL;
}

/* Fills file (a path on disk) for a static URL, or returns false. */
static bool static_path(const struct server_config *cfg, const char *url, char *file, size_t n,
                        bool *vendor)
{
    *vendor = false;
    for (int i = 0; vendor_files[i].url; i++)
        if (strcmp(url, vendor_files[i].url) == 0) {
            snprintf(file, n, "%s/%s", cfg->npm_root, vendor_files[i].file);
            *vendor = true;
            return true;
        }
    if (strcmp(url, "/") == 0) url = "/index.html";
    if (url[0] != '/' || strstr(url, "..") || strstr(url, "//") || strchr(url, '\\') ||
        strlen(url) > 200)
        return false;
    if (!mime_of(url)) return false;
    snprintf(file, n, "%s%s", cfg->web_root, url);
    return true;
}

static void add_common_headers(struct MHD_Response *resp, struct request *req)
{
    MHD_add_response_header(resp, "X-Request-Id", req->request_id);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
}

static enum MHD_Result serve_static(struct request *req)
{
    char file[1024];
    bool vendor;
    struct stat stt;
    if (!static_path(req->cfg, req->path, file, sizeof file, &vendor) || stat(file, &stt) != 0 ||
        !S_ISREG(stt.st_mode)) {
        reply_not_found(req);
        return MHD_NO; /* fall through to the JSON reply */
    }
    char etag[64];
    snprintf(etag, sizeof etag, "\"%llx-%llx\"", (unsigned long long)stt.st_size,
             (unsigned long long)stt.st_mtime);
    const char *inm = req_header(req, "If-None-Match");
    struct MHD_Response *resp;
    int status = 200;
    if (inm && strcmp(inm, etag) == 0) {
        resp = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
        status = 304;
    } else {
        int fd = open(file, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            reply_not_found(req);
            return MHD_NO;
        }
        resp = MHD_create_response_from_fd((uint64_t)stt.st_size, fd);
        MHD_add_response_header(resp, "Content-Type", mime_of(file));
    }
    add_common_headers(resp, req);
    MHD_add_response_header(resp, "ETag", etag);
    /* Vendor files change only with an npm upgrade: a day in the cache. Our own files are
     * revalidated every time (cheap with the ETag) so a new build is seen at once. */
    MHD_add_response_header(resp, "Cache-Control", vendor ? "public, max-age=86400" : "no-cache");
    if (strstr(file, ".html"))
        MHD_add_response_header(resp, "Content-Security-Policy",
                                "default-src 'self'; script-src 'self' 'unsafe-eval'; "
                                "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                                "frame-ancestors 'none'");
    enum MHD_Result r = MHD_queue_response(req->conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    req->status = status;
    req->replied = true;
    req->reply_len = status == 200 ? (size_t)stt.st_size : 0;
    return r;
}

/* ---- dispatch ---- */

static bool wants_english(struct request *req)
{
    const char *q = req_query(req, "lang");
    if (q) return strncmp(q, "en", 2) == 0;
    const char *h = req_header(req, "X-Lang");
    if (h) return strncmp(h, "en", 2) == 0;
    const char *al = req_header(req, "Accept-Language");
    return al && strncmp(al, "en", 2) == 0;
}

/* Checks the caller of route r: signed in, permitted on its module, and for anything but a GET
 * the session's CSRF token. Replies 401 or 403 and returns false otherwise. */
static bool caller_admitted(struct request *req, const struct route *r)
{
    if (r->access == ACCESS_PUBLIC) return true;
    if (!auth_load_session(req)) {
        reply_error(req, 401, "unauthenticated", NULL, "请先登录（登录已过期或未登录）",
                    "please sign in (no session or it has expired)");
        return false;
    }
    if ((r->access == ACCESS_READ || r->access == ACCESS_WRITE) &&
        !auth_permitted(req->db, req->user.role, r->module, r->access == ACCESS_WRITE)) {
        reply_error(req, 403, "forbidden", NULL, "您的角色没有此操作的权限",
                    "your role is not permitted to do this");
        return false;
    }
    if (strcmp(req->method, "GET") != 0) {
        /* Lengths first: sodium_memcmp reads as many bytes of the header as the token has, past
         * the end of a shorter header. */
        const char *csrf = req_header(req, "X-CSRF-Token");
        size_t want = strlen(req->user.csrf);
        if (!csrf || strlen(csrf) != want || sodium_memcmp(csrf, req->user.csrf, want) != 0) {
            reply_error(req, 403, "csrf", NULL, "页面已过期，请刷新后重试（缺少安全令牌）",
                        "missing or wrong CSRF token; reload the page");
            return false;
        }
    }
    return true;
}

static void dispatch_api(struct request *req)
{
    bool mismatch;
    const struct route *r = route_find(req, &mismatch);
    if (!r) {
        if (mismatch)
            reply_error(req, 405, "method_not_allowed", NULL, "该地址不支持此请求方法",
                        "method not allowed");
        else
            reply_error(req, 404, "no_route", NULL, "没有这个接口", "no such endpoint");
        return;
    }
    req->route = r;
    if (req->body_too_large) {
        reply_error(req, 413, "too_large", NULL, "请求内容过大", "request body too large");
        return;
    }
    req->db = db_thread(req->cfg->db_path);
    if (!req->db) {
        req->retry_after = 5;
        reply_error(req, 503, "db_unavailable", NULL, "数据库暂时不可用", "database unavailable");
        return;
    }
    if (!caller_admitted(req, r)) return;
    r->handler(req);
    /* Whatever a handler leaves open is rolled back: nothing is half-written. */
    db_rollback(req->db);
    if (!req->replied) {
        log_error("req=%s: handler for %s %s did not reply", req->request_id, r->method,
                  r->pattern);
        reply_internal(req);
    }
}

static enum MHD_Result queue_reply(struct request *req)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        req->reply_len, req->reply_body ? req->reply_body : (char *)"", 
        req->reply_body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    req->reply_body = NULL; /* MHD owns it now */
    if (!resp) return MHD_NO;
    add_common_headers(resp, req);
    MHD_add_response_header(resp, "Content-Type", req->content_type);
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (req->content_disposition)
        MHD_add_response_header(resp, "Content-Disposition", req->content_disposition);
    if (req->set_cookie) MHD_add_response_header(resp, "Set-Cookie", req->set_cookie);
    if (req->retry_after) {
        char ra[16];
        snprintf(ra, sizeof ra, "%d", req->retry_after);
        MHD_add_response_header(resp, "Retry-After", ra);
    }
    enum MHD_Result r = MHD_queue_response(req->conn, (unsigned)req->status, resp);
    MHD_destroy_response(resp);
    return r;
}

static void request_free(struct request *req)
{
    if (!req) return;
    free(req->path);
    free(req->body);
    for (int i = 0; i < HTTP_MAX_PARAMS; i++) free(req->param_values[i]);
    free(req->reply_body);
    free(req->content_disposition);
    free(req->set_cookie);
    free(req);
}

static struct request *request_new(struct MHD_Connection *conn, const struct server_config *cfg,
                                   const char *url, const char *method)
{
    struct request *req = calloc(1, sizeof *req);
    if (!req) return NULL;
    req->conn = conn;
    req->cfg = cfg;
    req->start_ns = now_ns();
    snprintf(req->method, sizeof req->method, "%s", method);
    req->path = strdup(url);
    unsigned char rnd[8];
    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(req->request_id, sizeof req->request_id, rnd, sizeof rnd);
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr) {
        if (ci->client_addr->sa_family == AF_INET)
            inet_ntop(AF_INET, &((struct sockaddr_in *)ci->client_addr)->sin_addr, req->ip,
                      sizeof req->ip);
        else if (ci->client_addr->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)ci->client_addr)->sin6_addr, req->ip,
                      sizeof req->ip);
    }
    req->english = wants_english(req);
    return req;
}

/* The route a request will reach (found again at dispatch), or NULL. */
static const struct route *route_ahead(struct request *req)
{
    bool mismatch;
    const struct route *r = route_find(req, &mismatch);
    for (int i = 0; i < HTTP_MAX_PARAMS; i++) {
        free(req->param_values[i]);
        req->param_values[i] = NULL;
    }
    req->nparams = 0;
    return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    const struct server_config *cfg = cls;
    struct request *req = *con_cls;
    if (!req) {
        req = request_new(conn, cfg, url, method);
        if (!req || !req->path) {
            request_free(req);
            return MHD_NO;
        }
        *con_cls = req;
        const struct route *ahead = route_ahead(req);
        req->body_limit = ahead && ahead->max_body ? ahead->max_body : DEFAULT_MAX_BODY;
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
        if (declared > req->body_limit) {
            /* Answering before the body is read makes the kernel reset the connection while
             * the client still sends, and the client may never see the 413. A body up to
             * DISCARD_MAX over the limit is read and dropped first; a larger one is cut off. */
            req->body_too_large = true;
            if (declared - req->body_limit > DISCARD_MAX) {
                reply_error(req, 413, "too_large", NULL, "请求内容过大", "request body too large");
                return queue_reply(req);
            }
        }
        /* An upload route buffers up to its own limit (64 MiB for bills): its caller is checked
         * before the body is kept, or anyone could make every connection hold that much. A
         * refused caller's body is read and dropped (so that the answer reaches the client),
         * and the 401/403 is sent at its end. */
        if (ahead && ahead->max_body > DEFAULT_MAX_BODY && ahead->access != ACCESS_PUBLIC) {
            req->db = db_thread(cfg->db_path);
            if (!req->db) {
                req->retry_after = 5;
                reply_error(req, 503, "db_unavailable", NULL, "数据库暂时不可用",
                            "database unavailable");
                req->refused_early = true;
            } else if (!caller_admitted(req, ahead)) {
                req->refused_early = true;
            }
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (req->refused_early) return MHD_YES;
        if (req->body_too_large || req->body_len + n > req->body_limit) {
            req->body_too_large = true;
            return MHD_YES;
        }
        if (req->body_len + n + 1 > req->body_cap) {
            size_t cap = req->body_cap ? req->body_cap : 4096;
            while (cap < req->body_len + n + 1) cap *= 2;
            char *p = realloc(req->body, cap);
            if (!p) {
                req->body_too_large = true;
                return MHD_YES;
            }
            req->body = p;
            req->body_cap = cap;
        }
        memcpy(req->body + req->body_len, upload_data, n);
        req->body_len += n;
        req->body[req->body_len] = 0;
        return MHD_YES;
    }
    if (req->refused_early) return queue_reply(req);
    if (req->replied) return MHD_YES; /* 413 already queued */
    if (strncmp(req->path, "/api/", 5) == 0) {
        dispatch_api(req);
        return queue_reply(req);
    }
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) {
        reply_error(req, 405, "method_not_allowed", NULL, "该地址不支持此请求方法",
                    "method not allowed");
        return queue_reply(req);
    }
    if (serve_static(req) == MHD_YES) return MHD_YES;
    return req->reply_body ? queue_reply(req) : MHD_NO;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct request *req = *con_cls;
    if (!req) return;
    double ms = (double)(now_ns() - req->start_ns) / 1e6;
    log_info("access req=%s ip=%s %s %s status=%d bytes=%zu ms=%.2f user=%s%s", req->request_id,
             req->ip, req->method, req->path, req->status, req->reply_len, ms,
             req->authed ? req->user.username : "-",
             toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
    request_free(req);
    *con_cls = NULL;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    size_t n = strlen(line);
    if (n && line[n - 1] == '\n') line[n - 1] = 0;
    log_warn("microhttpd: %s", line);
}

static bool parse_listen(const char *listen, struct sockaddr_storage *ss)
{
    memset(ss, 0, sizeof *ss);
    const char *colon = strrchr(listen, ':');
    if (!colon) return false;
    char host[128];
    size_t hl = (size_t)(colon - listen);
    if (hl >= sizeof host) return false;
    memcpy(host, listen, hl);
    host[hl] = 0;
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535) return false;
    if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
        host[hl - 1] = 0;
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((uint16_t)port);
        return inet_pton(AF_INET6, host + 1, &s6->sin6_addr) == 1;
    }
    struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
    s4->sin_family = AF_INET;
    s4->sin_port = htons((uint16_t)port);
    return inet_pton(AF_INET, host, &s4->sin_addr) == 1;
}

int http_serve(const struct server_config *cfg, const char *listen, const char *port_file)
{
    struct sockaddr_storage ss;
    if (!parse_listen(listen, &ss)) {
        log_error("serve: --listen wants ADDR:PORT, e.g. 127.0.0.1:8080 (got %s)", listen);
        return 2;
    }
    /* Signals are taken by the main thread with sigwait; worker threads inherit the mask. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
                     MHD_USE_ERROR_LOG | MHD_USE_SUPPRESS_DATE_NO_CLOCK * 0;
    if (ss.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, (void *)cfg, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, cfg->threads, MHD_OPTION_CONNECTION_LIMIT,
        cfg->max_connections, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_LISTEN_BACKLOG_SIZE, 256u, MHD_OPTION_END);
    if (!d) {
        log_error("serve: cannot listen on %s: %s", listen, strerror(errno));
        return 1;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = di ? di->port : 0;
    log_info("serve: listening on %s (port %u), %u threads, database %s", listen, port,
             cfg->threads, cfg->db_path);
    if (port_file) {
        FILE *f = fopen(port_file, "w");
        if (f) {
            fprintf(f, "%u\n", port);
            fclose(f);
        }
    }
    int sig = 0;
    sigwait(&set, &sig);
    log_info("serve: %s received, finishing in-flight requests", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    MHD_socket ls = MHD_quiesce_daemon(d);
    if (ls != MHD_INVALID_SOCKET) close(ls);
    /* Up to 10 s for in-flight requests to finish before the workers are stopped. */
    for (int i = 0; i < 100; i++) {
        const union MHD_DaemonInfo *ci = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (!ci || ci->num_connections == 0) break;
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(d);
    log_info("serve: stopped");
    return 0;
}
