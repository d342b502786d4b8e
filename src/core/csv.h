/* csv.h: reading CSV files as people's spreadsheets save them.
 *
 * Input may be UTF-8 (with or without a byte-order mark) or GBK/GB18030 as Chinese Excel saves
 * it; csv_open converts to UTF-8 first. Rows follow RFC 4180: fields separated by commas,
 * quoted with '"' (a doubled quote inside), CRLF or LF line ends, newlines inside quotes. */
#ifndef KTV_CSV_H
#define KTV_CSV_H

#include <stdbool.h>
#include <stddef.h>

/* Converts bytes to UTF-8: strips a UTF-8 BOM; valid UTF-8 is copied; anything else is read as
 * GB18030 (a superset of GBK and GB2312). *encoding is set to "utf-8", "utf-8-bom" or "gbk".
 * Returns a malloc'd NUL-terminated text (caller frees) or NULL if the bytes are neither
 * (binary data, or an Excel .xlsx given as CSV). */
char *text_to_utf8(const char *data, size_t len, size_t *out_len, const char **encoding);

/* True if the bytes are valid UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t len);

struct csv {
    char *text; /* owned UTF-8 */
    size_t len, pos;
    size_t line;          /* 1-based line where the current row starts */
    size_t next_line;     /* where the next row starts */
    const char *encoding; /* "utf-8", "utf-8-bom", "gbk" */
    char **fields;        /* current row; fields point into scratch */
    size_t nfields, cap_fields;
    char *scratch;
    size_t scratch_cap;
    bool unterminated_quote; /* the last row ended inside a quoted field */
};

/* Prepares to read data (copied and converted). False if it is not text (see text_to_utf8). */
bool csv_open(struct csv *c, const char *data, size_t len);
/* Reads the next row; false at the end. Fields are valid until the next call. Empty lines are
 * skipped. */
bool csv_next(struct csv *c);
void csv_close(struct csv *c);

/* Index of a header field by name (after trimming blanks), or -1. */
int csv_column(char **header, size_t n, const char *name);

#endif
