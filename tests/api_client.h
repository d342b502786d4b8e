/* api_client.h: API tests drive the real server: start `ktvoffice serve` on a free port of
 * 127.0.0.1 with a fresh database, sign in, and talk HTTP with libcurl. */
#ifndef KTV_API_CLIENT_H
#define KTV_API_CLIENT_H

#include <jansson.h>
#include <stdbool.h>
#include <sys/types.h>

/* The password test servers give their admin. */
#define TEST_ADMIN_PASSWORD "admin-pass-1"

struct server {
    pid_t pid;
    int port;
    char dir[256]; /* temporary folder, removed by server_stop */
    char db[320];
};

/* The ktvoffice binary under test ($KTV_BIN, default build-san/ktvoffice). */
const char *test_binary(void);
/* The shared folder with data and cases ($KTV_SHARED, default ../shared). */
const char *test_shared(void);

/* Runs the binary with arguments (NULL-terminated) and returns its exit code; its stdout is
 * captured into out (malloc'd, caller frees) if out is not NULL. */
int run_cli(char **out, const char *arg, ...);

/* Creates a temporary folder and database (ktvoffice init, admin / TEST_ADMIN_PASSWORD) unless
 * prepare is given, which is then called with the database path to build it instead; starts
 * serve on a free port and waits until /api/v1/health answers. */
bool server_start(struct server *s, bool (*prepare)(const char *db_path));
/* SIGTERM, wait for exit (returns its exit status), remove the folder. */
int server_stop(struct server *s);

struct client {
    void *curl;
    int port;
    char csrf[64];
    bool english;
};

struct response {
    long status;
    char *body;      /* malloc'd, NUL-terminated */
    size_t len;
    json_t *json;    /* parsed body or NULL */
    char content_type[128];
};

/* A client with its own cookie jar. */
void client_init(struct client *c, const struct server *s);
void client_free(struct client *c);
/* Signs in; returns the HTTP status (200 on success) and keeps the CSRF token. */
long client_login(struct client *c, const char *username, const char *password);
/* Sends a request. body may be NULL; content_type defaults to application/json. The CSRF token
 * is sent on every non-GET request. */
struct response client_request(struct client *c, const char *method, const char *path,
                               const char *body, size_t body_len, const char *content_type);
#define client_get(c, path) client_request((c), "GET", (path), NULL, 0, NULL)
#define client_post(c, path, json) client_request((c), "POST", (path), (json), 0, NULL)
#define client_put(c, path, json) client_request((c), "PUT", (path), (json), 0, NULL)
void response_free(struct response *r);

/* The error code of a JSON error reply, or "". */
const char *response_error_code(const struct response *r);

/* Reads a whole file (malloc'd); NULL if missing. */
char *read_file(const char *path, size_t *len);

/* Adds a user through the CLI (used before server_start or while it runs). */
bool add_user(const struct server *s, const char *username, const char *role,
              const char *password);

#endif
