/* buf.h: a growable byte buffer (always NUL-terminated) for building text and bodies. */
#ifndef KTV_BUF_H
#define KTV_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
    char *data; /* owned; NULL until the first append */
    size_t len, cap;
    bool failed; /* an allocation failed: contents are incomplete */
};

/* Appends n bytes. On allocation failure sets failed and keeps what it had. */
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends one CSV field (quoted when it holds a comma, quote, CR or LF). Every CSV the product
 * writes goes through here, so it also defuses formula injection: a cell that a spreadsheet
 * would run as a formula (it begins with '=', '+', '@', TAB or CR, or with '-' and is not a
 * plain number) gets a leading apostrophe, inside the quotes when quoted: "=1+1" is written
 * '=1+1 and "=HYPERLINK(\"x\")" as "'=HYPERLINK(""x"")". Numbers ("-350.00", "-1,234.56")
 * are written as they are. */
void buf_csv_field(struct buf *b, const char *s);
/* True when buf_csv_field would add the apostrophe to s. */
bool buf_csv_needs_escape(const char *s);
/* Releases the data; the struct may be reused. */
void buf_free(struct buf *b);
/* Hands the data to the caller (who frees it) and resets the buffer. Never NULL unless failed. */
char *buf_take(struct buf *b);

#endif
