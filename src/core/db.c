/* db.c: SQLite connections, statement cache, transactions and migrations (see db.h). */
#include "core/db.h"

#include "core/log.h"
#include "core/migrate.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Statement cache: open addressing keyed by the SQL string's address. 512 slots is well above
 * the number of distinct statements the product prepares; when full, statements are prepared
 * without caching (and finalized at close). */
#define STMT_SLOTS 512

struct stmt_slot {
    const char *sql;
    sqlite3_stmt *st;
};

struct db {
    sqlite3 *h;
    char *path;
    struct stmt_slot slots[STMT_SLOTS];
    sqlite3_stmt **extra; /* uncached overflow, finalized at close */
    size_t nextra;
};

enum db_status db_status_of(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE: return DB_OK;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return DB_RETRY;
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_CHECK || rc == SQLITE_CONSTRAINT_NOTNULL ||
            rc == SQLITE_CONSTRAINT_DATATYPE || rc == SQLITE_CONSTRAINT_TRIGGER)
            return DB_INVALID;
        return DB_CONFLICT;
    case SQLITE_MISMATCH:
    case SQLITE_RANGE: return DB_INVALID;
    default: return DB_ERROR;
    }
}

static bool exec_plain(sqlite3 *h, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK) {
        log_error("db: %s: %s", sql, err ? err : "?");
        sqlite3_free(err);
        return false;
    }
    return true;
}

/* Process-wide SQLite settings, made once before the first connection (sqlite3_config must
 * come before SQLite initialises). Memory statistics off: nothing here reads them, and keeping
 * them takes a global mutex around every allocation (measured 4 % of a large import). */
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void config_sqlite(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* MISUSE if already initialised: harmless */
}

struct db *db_open(const char *path)
{
    pthread_once(&config_once, config_sqlite);
    struct db *db = calloc(1, sizeof *db);
    if (!db) return NULL;
    int rc = sqlite3_open_v2(path, &db->h,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc != SQLITE_OK) {
        log_error("db: cannot open %s: %s", path, db->h ? sqlite3_errmsg(db->h) : "?");
        db_close(db);
        return NULL;
    }
    db->path = strdup(path);
    sqlite3_extended_result_codes(db->h, 1);
    /* 5 s: long enough for any writer ahead in the queue, short enough to answer a client. */
    sqlite3_busy_timeout(db->h, 5000);
    if (!exec_plain(db->h, "PRAGMA journal_mode=WAL") ||
        !exec_plain(db->h, "PRAGMA foreign_keys=ON") ||
        !exec_plain(db->h, "PRAGMA synchronous=NORMAL")) {
        db_close(db);
        return NULL;
    }
    return db;
}

void db_close(struct db *db)
{
    if (!db) return;
    for (int i = 0; i < STMT_SLOTS; i++)
        if (db->slots[i].st) sqlite3_finalize(db->slots[i].st);
    for (size_t i = 0; i < db->nextra; i++) sqlite3_finalize(db->extra[i]);
    free(db->extra);
    if (db->h) sqlite3_close(db->h);
    free(db->path);
    free(db);
}

sqlite3 *db_handle(struct db *db)
{
    return db->h;
}

const char *db_errmsg(struct db *db)
{
    return sqlite3_errmsg(db->h);
}

/* ---- one connection per thread ---- */

static pthread_key_t thread_key;
static pthread_once_t thread_once = PTHREAD_ONCE_INIT;

static void thread_db_free(void *p)
{
    db_close(p);
}

static void thread_key_init(void)
{
    pthread_key_create(&thread_key, thread_db_free);
}

struct db *db_thread(const char *path)
{
    pthread_once(&thread_once, thread_key_init);
    struct db *db = pthread_getspecific(thread_key);
    if (db && strcmp(db->path, path) == 0) return db;
    if (db) db_close(db);
    db = db_open(path);
    pthread_setspecific(thread_key, db);
    return db;
}

/* ---- statements ---- */

sqlite3_stmt *db_stmt(struct db *db, const char *sql)
{
    uintptr_t hsh = (uintptr_t)sql;
    hsh ^= hsh >> 17;
    hsh *= 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(hsh >> 7) % STMT_SLOTS;
    for (size_t probe = 0; probe < STMT_SLOTS; probe++, i = (i + 1) % STMT_SLOTS) {
        struct stmt_slot *s = &db->slots[i];
        if (s->sql == sql) {
            sqlite3_reset(s->st);
            sqlite3_clear_bindings(s->st);
            return s->st;
        }
        if (!s->sql) {
            sqlite3_stmt *st = NULL;
            int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
            if (rc != SQLITE_OK) {
                log_error("db: prepare failed: %s: %s", sqlite3_errmsg(db->h), sql);
                return NULL;
            }
            s->sql = sql;
            s->st = st;
            return st;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
        log_error("db: prepare failed: %s: %s", sqlite3_errmsg(db->h), sql);
        return NULL;
    }
    sqlite3_stmt **grown = realloc(db->extra, sizeof *grown * (db->nextra + 1));
    if (!grown) {
        sqlite3_finalize(st);
        return NULL;
    }
    db->extra = grown;
    db->extra[db->nextra++] = st;
    return st;
}

/* The index of parameter $n in st. SQLite numbers parameters in their order of first
 * appearance, so $n is usually index n: checking that name costs a few byte compares, where
 * formatting "$n" and looking it up (a scan of every parameter's name) cost 5 % of a large
 * import (measured with perf). Otherwise ($4 used before $2, or repeated) the lookup. */
static int param_index(sqlite3_stmt *st, int count, int n)
{
    /* "$n" by hand: snprintf alone was 1.4 % of an import. n is 1..999 (SQLite's default
     * limit on parameters is 32766, far above any statement here; larger n falls back). */
    char name[16];
    int len = 0;
    if (n >= 1 && n <= 999) {
        name[len++] = '$';
        if (n >= 100) name[len++] = (char)('0' + n / 100);
        if (n >= 10) name[len++] = (char)('0' + n / 10 % 10);
        name[len++] = (char)('0' + n % 10);
        name[len] = 0;
    } else {
        len = snprintf(name, sizeof name, "$%d", n);
    }
    if (n <= count) {
        const char *have = sqlite3_bind_parameter_name(st, n);
        if (have && memcmp(have, name, (size_t)len + 1) == 0) return n;
    }
    return sqlite3_bind_parameter_index(st, name);
}

static enum db_status bind_va(sqlite3_stmt *st, const char *types, va_list ap)
{
    int count = sqlite3_bind_parameter_count(st);
    int n = 0;
    for (const char *t = types; *t; t++) {
        int idx = param_index(st, count, ++n);
        int rc = SQLITE_OK;
        switch (*t) {
        case 'i': {
            int64_t v = va_arg(ap, int64_t);
            if (idx) rc = sqlite3_bind_int64(st, idx, v);
            break;
        }
        case 'I': {
            int v = va_arg(ap, int);
            if (idx) rc = sqlite3_bind_int64(st, idx, v);
            break;
        }
        case 't': {
            const char *v = va_arg(ap, const char *);
            if (idx) rc = v ? sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT)
                            : sqlite3_bind_null(st, idx);
            break;
        }
        case 'b': {
            const void *v = va_arg(ap, const void *);
            int len = va_arg(ap, int);
            if (idx) rc = sqlite3_bind_blob(st, idx, v, len, SQLITE_TRANSIENT);
            break;
        }
        case 'n':
            if (idx) rc = sqlite3_bind_null(st, idx);
            break;
        default: log_error("db_bind: unknown type '%c'", *t); return DB_ERROR;
        }
        if (rc != SQLITE_OK) return db_status_of(rc);
        if (!idx) {
            log_error("db_bind: no $%d in: %s", n, sqlite3_sql(st));
            return DB_ERROR;
        }
    }
    if (n != count) {
        log_error("db_bind: %d values for %d parameters in: %s", n, count, sqlite3_sql(st));
        return DB_ERROR;
    }
    return DB_OK;
}

enum db_status db_bind(sqlite3_stmt *st, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    enum db_status s = bind_va(st, types, ap);
    va_end(ap);
    return s;
}

enum db_status db_step(sqlite3_stmt *st, bool *row)
{
    int rc = sqlite3_step(st);
    *row = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) return DB_OK;
    enum db_status s = db_status_of(sqlite3_extended_errcode(sqlite3_db_handle(st)));
    if (s == DB_ERROR)
        log_error("db: step failed: %s: %s", sqlite3_errmsg(sqlite3_db_handle(st)),
                  sqlite3_sql(st));
    return s == DB_OK ? DB_ERROR : s;
}

enum db_status db_exec_stmt(sqlite3_stmt *st)
{
    bool row;
    enum db_status s;
    do {
        s = db_step(st, &row);
    } while (s == DB_OK && row);
    sqlite3_reset(st);
    return s;
}

enum db_status db_exec(struct db *db, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    va_list ap;
    va_start(ap, types);
    enum db_status s = bind_va(st, types, ap);
    va_end(ap);
    if (s != DB_OK) return s;
    return db_exec_stmt(st);
}

enum db_status db_int(struct db *db, int64_t *out, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    va_list ap;
    va_start(ap, types);
    enum db_status s = bind_va(st, types, ap);
    va_end(ap);
    if (s != DB_OK) return s;
    bool row;
    s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return s;
}

char *db_col_strdup(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? strdup((const char *)t) : NULL;
}

const char *db_col_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

/* ---- transactions ---- */

static enum db_status exec_tx(struct db *db, const char *sql)
{
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    return db_exec_stmt(st);
}

enum db_status db_begin_read(struct db *db)
{
    return exec_tx(db, "BEGIN");
}

enum db_status db_begin_write(struct db *db)
{
    return exec_tx(db, "BEGIN IMMEDIATE");
}

enum db_status db_commit(struct db *db)
{
    enum db_status s = exec_tx(db, "COMMIT");
    if (s != DB_OK) db_rollback(db);
    return s;
}

void db_rollback(struct db *db)
{
    if (!sqlite3_get_autocommit(db->h)) exec_tx(db, "ROLLBACK");
}

/* ---- migrations ---- */

int db_schema_version(struct db *db)
{
    int64_t v = 0;
    if (db_int(db, &v, "SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'", "") !=
            DB_OK ||
        v == 0)
        return 0;
    if (db_int(db, &v, "SELECT coalesce(max(version), 0) FROM schema_version", "") != DB_OK)
        return -1;
    return (int)v;
}

enum db_status db_migrate(struct db *db)
{
    int have = db_schema_version(db);
    int newest = migration_count ? migrations[migration_count - 1].version : 0;
    if (have < 0) return DB_ERROR;
    if (have > newest) {
        log_error("db: the database is at schema version %d but this ktvoffice knows only up to "
                  "%d; use a newer ktvoffice (数据库版本比程序新，请升级程序)",
                  have, newest);
        return DB_INVALID;
    }
    for (int i = 0; i < migration_count; i++) {
        const struct migration *m = &migrations[i];
        /* Areas number their migrations in blocks (001-009 core and bills, 010-019 front desk
         * ...), so a lower number can arrive after higher ones were applied: a migration is
         * skipped only if it is recorded, not merely because a later one is. */
        int64_t recorded = 0;
        if (m->version <= have &&
            (db_int(db, &recorded, "SELECT count(*) FROM schema_version WHERE version = $1", "I",
                    m->version) != DB_OK ||
             recorded > 0))
            continue;
        if (!exec_plain(db->h, "BEGIN IMMEDIATE")) return DB_RETRY;
        char *err = NULL;
        if (sqlite3_exec(db->h, m->sql, NULL, NULL, &err) != SQLITE_OK) {
            log_error("db: migration %s failed: %s", m->name, err ? err : "?");
            sqlite3_free(err);
            exec_plain(db->h, "ROLLBACK");
            return DB_ERROR;
        }
        if (db_exec(db, "INSERT INTO schema_version(version, name, applied_at) "
                        "VALUES ($1, $2, CAST(strftime('%s','now') AS INTEGER))",
                    "It", m->version, m->name) != DB_OK ||
            !exec_plain(db->h, "COMMIT")) {
            exec_plain(db->h, "ROLLBACK");
            return DB_ERROR;
        }
        log_info("db: applied migration %s", m->name);
    }
    return DB_OK;
}
