/* http.h: the HTTP shell: server, request, route table, replies.
 *
 * A request walks one way: socket -> route table -> auth check -> the area's handler -> reply.
 * Handlers are plain functions of a struct request; they reply exactly once with one of the
 * reply_* functions (the dispatcher answers 500 for a handler that did not). Request-scoped
 * memory hangs off the request and is freed when the response has been sent. */
#ifndef KTV_HTTP_H
#define KTV_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/db.h"

struct MHD_Connection;

/* What a route requires of its caller. */
enum access {
    ACCESS_PUBLIC, /* anyone (health, login) */
    ACCESS_LOGIN,  /* any signed-in user (me, logout) */
    ACCESS_READ,   /* read permission on the route's module */
    ACCESS_WRITE,  /* write permission on the module, and the CSRF token */
};

/* The signed-in user of a request. */
struct user {
    int64_t id, venue_id;
    char username[40];
    char display_name[104];
    char role[16];
    char csrf[48];
};

struct request;
typedef void (*handler_fn)(struct request *req);

/* One row of a route table. pattern is a path with ":name" segments ("/api/v1/rooms/:id");
 * module names the permission checked for ACCESS_READ / ACCESS_WRITE. max_body caps the upload
 * (0 means the default of 1 MiB for JSON). */
struct route {
    const char *method;
    const char *pattern;
    handler_fn handler;
    const char *module;
    enum access access;
    size_t max_body;
};

/* Server settings, fixed at start. */
struct server_config {
    const char *db_path;
    const char *web_root;  /* folder with index.html, app.js, pages/ */
    const char *npm_root;  /* folder holding node_modules (vendor assets) */
    const char *data_dir;  /* uploads and exports (receipts later) */
    unsigned threads;
    unsigned max_connections;
    int session_hours;
};

/* Path parameters found by the router (":id" ...). At most 4 per route. */
#define HTTP_MAX_PARAMS 4

struct request {
    struct MHD_Connection *conn;
    const struct server_config *cfg;
    const struct route *route;
    char method[8];
    char *path;                 /* owned, without the query string */
    char request_id[17];
    int64_t start_ns;
    bool english;               /* messages in English (Accept-Language or ?lang=en) */
    char ip[64];

    /* Upload. */
    char *body;                 /* owned, NUL-terminated */
    size_t body_len, body_cap, body_limit;
    bool body_too_large;
    bool refused_early;         /* caller refused before an upload was read: reply at its end */

    const char *param_names[HTTP_MAX_PARAMS];
    char *param_values[HTTP_MAX_PARAMS]; /* owned */
    int nparams;

    bool authed;
    struct user user;
    struct db *db;              /* the worker thread's connection (borrowed) */

    /* Reply. */
    bool replied;
    int status;
    char *reply_body;           /* owned */
    size_t reply_len;
    const char *content_type;   /* static */
    char *content_disposition;  /* owned, for downloads */
    char *set_cookie;           /* owned */
    int retry_after;            /* seconds, for 429 */
};

/* A path parameter by name, or NULL. Borrowed from the request. */
const char *req_param(struct request *req, const char *name);
/* A path parameter parsed as a positive integer id; 0 if absent or malformed. */
int64_t req_param_id(struct request *req, const char *name);
/* A query-string argument, or NULL (borrowed from the connection). */
const char *req_query(struct request *req, const char *name);
/* Page size of the lists when the caller names none, and the most a caller may ask for. */
#define REQ_PAGE_SIZE_DEFAULT 50
#define REQ_PAGE_SIZE_MAX 500
/* ?page (from 1) and ?page_size (1 to REQ_PAGE_SIZE_MAX) of a list, bounded so that the offset
 * (page - 1) * page_size never overflows. On a bad value replies 400 naming the field and
 * returns false. */
bool req_paging(struct request *req, int64_t *page, int64_t *page_size);
/* A request header, or NULL. */
const char *req_header(struct request *req, const char *name);

/* Replies with a JSON value (taken: the request owns and frees it). */
void reply_json(struct request *req, int status, json_t *value);
/* Replies {"error":{"code","message","field"}} with the message in the client's language.
 * field may be NULL. */
void reply_error(struct request *req, int status, const char *code, const char *field,
                 const char *message_zh, const char *message_en);
/* Replies with bytes (taken, malloc'd). filename, when given, makes it a download. */
void reply_bytes(struct request *req, int status, const char *content_type, char *data,
                 size_t len, const char *filename);
/* Maps a storage status to a reply: not found 404, conflict 409, invalid 400, retry 503,
 * error 500 (logged as our fault). what names the thing ("房间"/"room") in the message. */
void reply_db_error(struct request *req, enum db_status s, const char *what_zh,
                    const char *what_en);
/* Standard replies. */
void reply_not_found(struct request *req);
void reply_internal(struct request *req);

/* Registers the route tables of every area (see routes.c). */
extern const struct route *const route_tables[];

/* Runs the server until SIGTERM or SIGINT, then finishes in-flight requests and returns 0.
 * listen is "ADDR:PORT" (port 0 picks a free one). If port_file is set the bound port is
 * written there once listening (for tests). */
int http_serve(const struct server_config *cfg, const char *listen, const char *port_file);

/* Monotonic clock in nanoseconds. */
int64_t now_ns(void);
/* Wall clock in UTC epoch seconds. */
int64_t now_epoch(void);

#endif
