/* api_client.c: start the real server and talk to it over HTTP (see api_client.h). */
#include "api_client.h"

#include <curl/curl.h>
#include <sqlite3.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *test_binary(void)
{
    const char *b = getenv("KTV_BIN");
    return b && *b ? b : "build-san/ktvoffice";
}

const char *test_shared(void)
{
    const char *s = getenv("KTV_SHARED");
    return s && *s ? s : "../shared";
}

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
        free(p);
        p = NULL;
    }
    fclose(f);
    if (p) {
        p[n] = 0;
        if (len) *len = (size_t)n;
    }
    return p;
}

static int run_argv(char **out, char *const argv[])
{
    int pipefd[2];
    if (pipe(pipefd) != 0) return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(pipefd[1], 1);
        close(pipefd[0]);
        close(pipefd[1]);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0 && !getenv("KTV_TEST_VERBOSE")) dup2(devnull, 2);
        execv(argv[0], argv);
        _exit(127);
    }
    close(pipefd[1]);
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    ssize_t n;
    while ((n = read(pipefd[0], buf + len, cap - len - 1)) > 0) {
        len += (size_t)n;
        if (cap - len < 2) buf = realloc(buf, cap *= 2);
    }
    buf[len] = 0;
    close(pipefd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (out) *out = buf;
    else free(buf);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int run_cli(char **out, const char *arg, ...)
{
    char *argv[64];
    int n = 0;
    argv[n++] = (char *)test_binary();
    va_list ap;
    va_start(ap, arg);
    for (const char *a = arg; a && n < 63; a = va_arg(ap, const char *)) argv[n++] = (char *)a;
    va_end(ap);
    argv[n] = NULL;
    return run_argv(out, argv);
}

static bool default_prepare(const char *db)
{
    return run_cli(NULL, "init", "--db", db, "--venue", "测试KTV", "--password",
                   TEST_ADMIN_PASSWORD, NULL) == 0;
}

static size_t sink(char *p, size_t size, size_t n, void *ctx)
{
    (void)p;
    (void)ctx;
    return size * n;
}

bool server_start(struct server *s, bool (*prepare)(const char *db_path))
{
    memset(s, 0, sizeof *s);
    snprintf(s->dir, sizeof s->dir, "/tmp/ktvtest.XXXXXX");
    if (!mkdtemp(s->dir)) return false;
    snprintf(s->db, sizeof s->db, "%s/ktv.db", s->dir);
    if (!(prepare ? prepare : default_prepare)(s->db)) {
        fprintf(stderr, "server_start: preparing %s failed\n", s->db);
        return false;
    }
    char port_file[300], log_file[300];
    snprintf(port_file, sizeof port_file, "%s/port", s->dir);
    snprintf(log_file, sizeof log_file, "%s/server.log", s->dir);
    s->pid = fork();
    if (s->pid == 0) {
        int fd = open(log_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        const char *root = getenv("KTV_ROOT");
        char web[512];
        snprintf(web, sizeof web, "%s/web", root && *root ? root : ".");
        execl(test_binary(), test_binary(), "serve", "--db", s->db, "--listen", "127.0.0.1:0",
              "--port-file", port_file, "--threads", "8", "--web", web, "--npm",
              root && *root ? root : ".", (char *)NULL);
        _exit(127);
    }
    /* Wait up to 60 s (sanitizer builds start slowly, and a loaded CI machine more so) for the
     * port and a healthy answer. */
    for (int i = 0; i < 1200; i++) {
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
        char *p = read_file(port_file, NULL);
        if (p) {
            s->port = atoi(p);
            free(p);
        }
        if (s->port > 0) {
            CURL *c = curl_easy_init();
            char url[128];
            snprintf(url, sizeof url, "http://127.0.0.1:%d/api/v1/health", s->port);
            curl_easy_setopt(c, CURLOPT_URL, url);
            curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
            long code = 0;
            if (curl_easy_perform(c) == CURLE_OK)
                curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
            curl_easy_cleanup(c);
            if (code == 200) return true;
        }
        int st;
        if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
            fprintf(stderr, "server_start: server exited early; see %s\n", log_file);
            s->pid = 0;
            return false;
        }
    }
    fprintf(stderr, "server_start: no answer; see %s\n", log_file);
    return false;
}

/* The books after a scenario: every entry balances, the lines sum to zero, and the totals
 * kept by trigger agree with the lines. Returns false (and says why) when they do not. */
static bool books_balance(const char *db_path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return true; /* no database (the scenario never created one) */
    }
    static const char *const checks[][2] = {
        {"SELECT coalesce(sum(amount_fen), 0) FROM journal_lines", "the trial balance is not zero"},
        {"SELECT count(*) FROM journal_entries e WHERE e.line_count <> (SELECT count(*) FROM "
         "journal_lines l WHERE l.entry_id = e.id) OR (SELECT sum(amount_fen) FROM journal_lines l "
         "WHERE l.entry_id = e.id) <> 0",
         "entries that do not balance or miss lines"},
        {"SELECT coalesce(sum(debit_fen - credit_fen), 0) FROM account_day_totals",
         "the account totals do not balance"},
        {"SELECT count(*) FROM (SELECT account_id, day, sum(amount_fen) AS a FROM journal_lines "
         "GROUP BY account_id, day) x LEFT JOIN account_day_totals t ON t.account_id = x.account_id "
         "AND t.day = x.day WHERE t.debit_fen - t.credit_fen IS NOT x.a",
         "account totals that disagree with the lines"},
    };
    bool ok = true;
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, checks[i][0], -1, &st, NULL) != SQLITE_OK) {
            /* A database from before the books has no journal: nothing to check. */
            sqlite3_finalize(st);
            break;
        }
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) != 0) {
            fprintf(stderr, "FAIL books: %s (%lld) in %s\n", checks[i][1],
                    (long long)sqlite3_column_int64(st, 0), db_path);
            ok = false;
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return ok;
}

int server_stop(struct server *s)
{
    int status = -1;
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        waitpid(s->pid, &status, 0);
        s->pid = 0;
    }
    /* Every scenario ends with books that balance (issue 4): a server that stopped cleanly
     * over unbalanced books fails its suite. */
    if (s->db[0] && !books_balance(s->db)) status = 99 << 8;
    if (s->dir[0] && !getenv("KTV_KEEP_TMP")) {
        char cmd[400];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", s->dir);
        if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", s->dir);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool add_user(const struct server *s, const char *username, const char *role, const char *password)
{
    return run_cli(NULL, "user", "add", "--db", s->db, username, "--role", role, "--password",
                   password, NULL) == 0;
}

void client_init(struct client *c, const struct server *s)
{
    memset(c, 0, sizeof *c);
    c->curl = curl_easy_init();
    c->port = s->port;
    curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, ""); /* in-memory cookie jar */
}

void client_free(struct client *c)
{
    if (c->curl) curl_easy_cleanup(c->curl);
    c->curl = NULL;
}

struct sinkbuf {
    char *p;
    size_t len, cap;
};

static size_t collect(char *p, size_t size, size_t n, void *ctx)
{
    struct sinkbuf *b = ctx;
    size_t k = size * n;
    if (b->len + k + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + k + 1) cap *= 2;
        b->p = realloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->len, p, k);
    b->len += k;
    b->p[b->len] = 0;
    return k;
}

struct response client_request(struct client *c, const char *method, const char *path,
                               const char *body, size_t body_len, const char *content_type)
{
    struct response r = {0};
    struct sinkbuf b = {0};
    char url[2048];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", c->port, path);
    CURL *h = c->curl;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);
    curl_easy_setopt(h, CURLOPT_NOBODY, strcmp(method, "HEAD") == 0 ? 1L : 0L);
    struct curl_slist *hdrs = NULL;
    char line[256];
    snprintf(line, sizeof line, "Content-Type: %s", content_type ? content_type : "application/json");
    hdrs = curl_slist_append(hdrs, line);
    if (c->csrf[0] && strcmp(method, "GET") != 0) {
        snprintf(line, sizeof line, "X-CSRF-Token: %s", c->csrf);
        hdrs = curl_slist_append(hdrs, line);
    }
    if (c->english) hdrs = curl_slist_append(hdrs, "Accept-Language: en");
    hdrs = curl_slist_append(hdrs, "Expect:");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    if (body) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                         (curl_off_t)(body_len ? body_len : strlen(body)));
    } else if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, "");
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)0);
    } else {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    }
    CURLcode rc = curl_easy_perform(h);
    curl_slist_free_all(hdrs);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, NULL);
    if (rc != CURLE_OK) {
        fprintf(stderr, "client_request %s %s: %s\n", method, path, curl_easy_strerror(rc));
        free(b.p);
        r.body = strdup("");
        return r;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
    char *ct = NULL;
    curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct);
    if (ct) snprintf(r.content_type, sizeof r.content_type, "%s", ct);
    r.body = b.p ? b.p : strdup("");
    r.len = b.len;
    if (strstr(r.content_type, "json")) r.json = json_loadb(r.body, r.len, 0, NULL);
    return r;
}

void response_free(struct response *r)
{
    free(r->body);
    json_decref(r->json);
    memset(r, 0, sizeof *r);
}

const char *response_error_code(const struct response *r)
{
    json_t *e = r->json ? json_object_get(r->json, "error") : NULL;
    const char *code = e ? json_string_value(json_object_get(e, "code")) : NULL;
    return code ? code : "";
}

long client_login(struct client *c, const char *username, const char *password)
{
    json_t *body = json_pack("{s:s,s:s}", "username", username, "password", password);
    char *text = json_dumps(body, 0);
    json_decref(body);
    c->csrf[0] = 0;
    struct response r = client_post(c, "/api/v1/auth/login", text);
    free(text);
    long status = r.status;
    const char *csrf = r.json ? json_string_value(json_object_get(r.json, "csrf_token")) : NULL;
    if (csrf) snprintf(c->csrf, sizeof c->csrf, "%s", csrf);
    response_free(&r);
    return status;
}
