/* csv.c: CSV reading with encoding detection (see csv.h). */
#include "core/csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0) return false;
            i++;
            continue;
        }
        size_t n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) n = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF) n = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4) n = 3, cp = c & 0x07;
        else return false;
        if (i + n >= len) return false;
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80) return false;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

char *text_to_utf8(const char *data, size_t len, size_t *out_len, const char **encoding)
{
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
        *encoding = "utf-8-bom";
        if (!utf8_valid(data, len)) return NULL;
    } else if (utf8_valid(data, len)) {
        *encoding = "utf-8";
    } else {
        *encoding = "gbk";
        if (memchr(data, 0, len)) return NULL;
        iconv_t cd = iconv_open("UTF-8", "GB18030");
        if (cd == (iconv_t)-1) return NULL;
        /* GB18030 takes at most 4 bytes per character and UTF-8 at most 4; 2x is ample for
         * the 2-byte GBK Chinese characters that become 3 UTF-8 bytes. */
        size_t cap = len * 2 + 16;
        char *out = malloc(cap);
        char *in = (char *)data, *op = out;
        size_t inleft = len, outleft = cap - 1;
        size_t r = out ? iconv(cd, &in, &inleft, &op, &outleft) : (size_t)-1;
        iconv_close(cd);
        if (r == (size_t)-1 || inleft) {
            free(out);
            return NULL;
        }
        *op = 0;
        *out_len = (size_t)(op - out);
        if (!utf8_valid(out, *out_len)) {
            free(out);
            return NULL;
        }
        return out;
    }
    char *out = malloc(len + 1);
    if (!out) return NULL;
    memcpy(out, data, len);
    out[len] = 0;
    *out_len = len;
    return out;
}

bool csv_open(struct csv *c, const char *data, size_t len)
{
    memset(c, 0, sizeof *c);
    c->text = text_to_utf8(data, len, &c->len, &c->encoding);
    c->line = c->next_line = 1;
    return c->text != NULL;
}

static bool push_field(struct csv *c, size_t start)
{
    if (c->nfields == c->cap_fields) {
        size_t cap = c->cap_fields ? c->cap_fields * 2 : 16;
        char **f = realloc(c->fields, cap * sizeof *f);
        if (!f) return false;
        c->fields = f;
        c->cap_fields = cap;
    }
    c->fields[c->nfields++] = (char *)(uintptr_t)start; /* offset for now, fixed below */
    return true;
}

bool csv_next(struct csv *c)
{
    c->nfields = 0;
    c->unterminated_quote = false;
    /* Skip blank lines. */
    while (c->pos < c->len && (c->text[c->pos] == '\n' || c->text[c->pos] == '\r')) {
        if (c->text[c->pos] == '\n') c->next_line++;
        c->pos++;
    }
    c->line = c->next_line;
    if (c->pos >= c->len) return false;
    /* The row can be no longer than the rest of the text. */
    size_t need = c->len - c->pos + 1;
    if (need > c->scratch_cap) {
        char *s = realloc(c->scratch, need);
        if (!s) return false;
        c->scratch = s;
        c->scratch_cap = need;
    }
    size_t w = 0;
    if (!push_field(c, 0)) return false;
    bool quoted = false;
    while (c->pos < c->len) {
        char ch = c->text[c->pos];
        if (quoted) {
            if (ch == '"') {
                if (c->pos + 1 < c->len && c->text[c->pos + 1] == '"') {
                    c->scratch[w++] = '"';
                    c->pos += 2;
                    continue;
                }
                quoted = false;
                c->pos++;
                continue;
            }
            if (ch == '\n') c->next_line++;
            c->scratch[w++] = ch;
            c->pos++;
            continue;
        }
        if (ch == '"') {
            quoted = true;
            c->pos++;
            continue;
        }
        if (ch == ',') {
            c->scratch[w++] = 0;
            if (!push_field(c, w)) return false;
            c->pos++;
            continue;
        }
        if (ch == '\r' || ch == '\n') {
            if (ch == '\r' && c->pos + 1 < c->len && c->text[c->pos + 1] == '\n') c->pos++;
            c->pos++;
            c->next_line++;
            break;
        }
        c->scratch[w++] = ch;
        c->pos++;
    }
    c->scratch[w] = 0;
    c->unterminated_quote = quoted;
    for (size_t i = 0; i < c->nfields; i++)
        c->fields[i] = c->scratch + (size_t)(uintptr_t)c->fields[i];
    return true;
}

void csv_close(struct csv *c)
{
    free(c->text);
    free(c->fields);
    free(c->scratch);
    memset(c, 0, sizeof *c);
}

int csv_column(char **header, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        const char *h = header[i];
        while (*h == ' ') h++;
        size_t len = strlen(h);
        while (len && h[len - 1] == ' ') len--;
        if (len == strlen(name) && strncmp(h, name, len) == 0) return (int)i;
    }
    return -1;
}
