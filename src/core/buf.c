/* buf.c: growable byte buffer (see buf.h). */
#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool grow(struct buf *b, size_t need)
{
    if (b->failed) return false;
    if (b->len + need + 1 <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + need + 1) {
        if (cap > ((size_t)1 << 40)) {
            b->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void buf_append(struct buf *b, const void *p, size_t n)
{
    if (!grow(b, n)) return;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void buf_puts(struct buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        buf_append(b, small, (size_t)n);
        return;
    }
    if (!grow(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* A plain number as the exports print it: an optional minus, digits (optionally grouped by
 * commas in threes: "1,234"), an optional decimal part, an optional percent sign. "-350.00",
 * "-1,234.56", "-5", "-12.5%" are numbers; "-", "-cmd", "-1+2", "-1,2" are not. */
static bool plain_number(const char *s)
{
    const char *p = s;
    if (*p == '-') p++;
    size_t digits = 0, group = 0;
    bool grouped = false;
    for (; *p && *p != '.' && *p != '%'; p++) {
        if (*p >= '0' && *p <= '9') {
            digits++;
            group++;
        } else if (*p == ',') {
            if (group == 0 || (grouped ? group != 3 : group > 3)) return false;
            grouped = true;
            group = 0;
        } else {
            return false;
        }
    }
    if (grouped && group != 3) return false;
    if (*p == '.') {
        p++;
        size_t decimals = 0;
        while (*p >= '0' && *p <= '9')
            p++, decimals++;
        if (decimals == 0) return false;
        digits += decimals;
    }
    if (*p == '%') p++;
    return digits > 0 && *p == 0;
}

bool buf_csv_needs_escape(const char *s)
{
    if (!s) return false;
    switch (s[0]) {
    case '=':
    case '+':
    case '@':
    case '\t':
    case '\r':
        return true;
    case '-':
        return !plain_number(s);
    default:
        return false;
    }
}

void buf_csv_field(struct buf *b, const char *s)
{
    if (!s) return;
    bool escape = buf_csv_needs_escape(s);
    if (!strpbrk(s, ",\"\r\n")) {
        if (escape) buf_append(b, "'", 1);
        buf_puts(b, s);
        return;
    }
    buf_append(b, "\"", 1);
    if (escape) buf_append(b, "'", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"') buf_append(b, "\"", 1);
        buf_append(b, p, 1);
    }
    buf_append(b, "\"", 1);
}

void buf_free(struct buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

char *buf_take(struct buf *b)
{
    if (b->failed) {
        buf_free(b);
        return NULL;
    }
    if (!b->data) grow(b, 0);
    char *p = b->data;
    memset(b, 0, sizeof *b);
    return p;
}
