/* upload.h: helpers of the sales API tests: multipart bodies as a browser sends them, and
 * figures read straight from a test database. Header-only (each test is its own program). */
#ifndef KTV_TEST_UPLOAD_H
#define KTV_TEST_UPLOAD_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_client.h"
#include "core/buf.h"

#define UPLOAD_BOUNDARY "----ktvtestBoundary7MA4YWxk"
#define UPLOAD_CONTENT_TYPE "multipart/form-data; boundary=" UPLOAD_BOUNDARY

/* Adds a field (a file when filename is given) to a multipart body being built. */
static inline void upload_part(struct buf *b, const char *name, const char *filename,
                               const char *data, size_t len)
{
    buf_puts(b, "--" UPLOAD_BOUNDARY "\r\n");
    if (filename)
        buf_printf(b,
                   "Content-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                   "Content-Type: text/csv\r\n\r\n",
                   name, filename);
    else
        buf_printf(b, "Content-Disposition: form-data; name=\"%s\"\r\n\r\n", name);
    buf_append(b, data, len);
    buf_puts(b, "\r\n");
}

static inline void upload_end(struct buf *b)
{
    buf_puts(b, "--" UPLOAD_BOUNDARY "--\r\n");
}

/* POSTs the three bill files (texts) with the flags. */
static inline struct response upload_bills(struct client *c, const char *bills, size_t bl,
                                           const char *lines, size_t ll, const char *pays,
                                           size_t pl, bool skip_invalid, bool dry_run)
{
    struct buf b = {0};
    upload_part(&b, "bills", "bills.csv", bills, bl);
    upload_part(&b, "bill_lines", "bill_lines.csv", lines, ll);
    upload_part(&b, "bill_payments", "bill_payments.csv", pays, pl);
    upload_part(&b, "skip_invalid", NULL, skip_invalid ? "1" : "0", 1);
    upload_part(&b, "dry_run", NULL, dry_run ? "1" : "0", 1);
    upload_end(&b);
    struct response r =
        client_request(c, "POST", "/api/v1/import/bills", b.data, b.len, UPLOAD_CONTENT_TYPE);
    buf_free(&b);
    return r;
}

/* One integer from the database at path (-1 on failure). */
static inline int64_t sql_int(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    int64_t v = -1;
    if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "sql_int: %s: %s\n", sql, h ? sqlite3_errmsg(h) : "?");
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

static inline int64_t jget(json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

#endif
