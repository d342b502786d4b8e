/* db.h: the storage layer: connections, cached statements, transactions, one status enum.
 *
 * One connection per thread (SQLite opened NOMUTEX, WAL, foreign keys, busy timeout). SQL is
 * written with $1, $2 ... placeholders so that it stays valid for PostgreSQL; values are always
 * bound, never spliced into the text. Statements are prepared once per connection and reused:
 * db_stmt() keys its cache on the address of the SQL string, so pass string literals or
 * static const tables. */
#ifndef KTV_DB_H
#define KTV_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* The one status vocabulary of the storage layer; http.c maps it to HTTP statuses. */
enum db_status {
    DB_OK = 0,
    DB_NOT_FOUND, /* no such row */
    DB_CONFLICT,  /* a unique or foreign key constraint refused the write */
    DB_INVALID,   /* a check constraint refused the write */
    DB_RETRY,     /* busy or locked: the transaction may be retried */
    DB_ERROR,     /* anything else: our bug or a broken disk */
};

struct db;

/* Opens (creating if needed) the database at path and configures the connection.
 * Returns NULL and logs on failure. The caller owns the result: db_close. */
struct db *db_open(const char *path);
/* Finalizes cached statements and closes. Accepts NULL. */
void db_close(struct db *db);
/* The raw handle, for the few places that need SQLite itself (backup, migrations). */
sqlite3 *db_handle(struct db *db);

/* The connection of the calling thread for path, opened on first use and closed when the thread
 * exits. Returns NULL if the database cannot be opened. */
struct db *db_thread(const char *path);

/* A cached, reset statement for sql (a string whose address is stable). NULL on error (logged).
 * Borrowed: do not finalize. Bind with db_bind, step, then let the next db_stmt reset it. */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);

/* Binds arguments to $1..$n by a type string, one letter per argument:
 *   i int64_t    I int (promoted)    t const char * (NULL binds NULL)
 *   n nothing (binds NULL)            b const void *, int length (blob)
 * Returns DB_OK or DB_ERROR (wrong count). */
enum db_status db_bind(sqlite3_stmt *st, const char *types, ...);

/* Steps a statement that returns no rows (or whose rows are ignored) and maps the result. */
enum db_status db_exec_stmt(sqlite3_stmt *st);
/* db_stmt + db_bind + db_exec_stmt. */
enum db_status db_exec(struct db *db, const char *sql, const char *types, ...);
/* Runs one statement expected to return one row with one integer column; DB_NOT_FOUND if none. */
enum db_status db_int(struct db *db, int64_t *out, const char *sql, const char *types, ...);

/* Steps; returns DB_OK with a row (true), DB_OK without (false: done), or an error. */
enum db_status db_step(sqlite3_stmt *st, bool *row);

/* Maps an SQLite result code to the status enum. */
enum db_status db_status_of(int rc);
/* The last error message of the connection (for logs, never for clients). */
const char *db_errmsg(struct db *db);

/* Transactions. db_begin_write uses BEGIN IMMEDIATE so that writers queue on the busy timeout
 * instead of failing when a read turns into a write. */
enum db_status db_begin_read(struct db *db);
enum db_status db_begin_write(struct db *db);
enum db_status db_commit(struct db *db);
/* Rolls back if a transaction is open; safe to call when none is. */
void db_rollback(struct db *db);

/* Column helpers: a copy of a text column (caller frees; NULL for SQL NULL). */
char *db_col_strdup(sqlite3_stmt *st, int col);
/* Text of a column, "" for NULL (borrowed until the next step). */
const char *db_col_text(sqlite3_stmt *st, int col);

/* The schema version stored in the database (0 for a new one). */
int db_schema_version(struct db *db);
/* Applies every compiled-in migration newer than the database, each in one transaction.
 * Refuses (returns DB_INVALID, logs why) a database newer than this binary. */
enum db_status db_migrate(struct db *db);

#endif
