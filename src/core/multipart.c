/* multipart.c: multipart/form-data parsing (see multipart.h). */
#include "core/multipart.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* RFC 2046: a boundary is 1 to 70 characters. */
#define BOUNDARY_MAX 70

bool multipart_is_form(const char *ct)
{
    if (!ct) return false;
    while (*ct == ' ')
        ct++;
    return strncasecmp(ct, "multipart/form-data", 19) == 0 &&
           (ct[19] == 0 || ct[19] == ';' || ct[19] == ' ');
}

/* Finds parameter name in a header value ("...; name=value; name2=\"v\""), copying its value
 * (unquoted) into out. Quoted values may hold ';'. False if absent or too long. */
static bool header_param(const char *v, size_t vlen, const char *name, char *out, size_t outlen)
{
    size_t nlen = strlen(name);
    size_t i = 0;
    /* Skip the first token (the header's main value). */
    while (i < vlen && v[i] != ';')
        i++;
    while (i < vlen) {
        i++; /* ';' */
        while (i < vlen && (v[i] == ' ' || v[i] == '\t'))
            i++;
        size_t start = i;
        while (i < vlen && v[i] != '=' && v[i] != ';')
            i++;
        size_t klen = i - start;
        while (klen && (v[start + klen - 1] == ' '))
            klen--;
        bool match = klen == nlen && strncasecmp(v + start, name, nlen) == 0;
        if (i >= vlen || v[i] != '=') continue;
        i++;
        size_t w = 0;
        bool ok = true;
        if (i < vlen && v[i] == '"') {
            i++;
            while (i < vlen && v[i] != '"') {
                char ch = v[i];
                if (ch == '\\' && i + 1 < vlen) ch = v[++i];
                if (w + 1 < outlen) {
                    if (match) out[w] = ch;
                    w++;
                } else {
                    ok = false;
                }
                i++;
            }
            if (i >= vlen) return false; /* unterminated quote */
            i++;
            while (i < vlen && v[i] != ';')
                i++;
        } else {
            while (i < vlen && v[i] != ';' && v[i] != ' ') {
                if (w + 1 < outlen) {
                    if (match) out[w] = v[i];
                    w++;
                } else {
                    ok = false;
                }
                i++;
            }
            while (i < vlen && v[i] != ';')
                i++;
        }
        if (match) {
            if (!ok) return false;
            out[w] = 0;
            return true;
        }
    }
    return false;
}

#define FAIL(zh, en)                                                                               \
    do {                                                                                           \
        *why_zh = (zh);                                                                            \
        *why_en = (en);                                                                            \
        return false;                                                                              \
    } while (0)

/* Reads the headers of one part (from p, up to the blank line) into part. Returns the start of
 * its body, or NULL (with the reason set). */
static const char *read_part_headers(const char *p, const char *end, struct multipart_part *part,
                                     const char **why_zh, const char **why_en)
{
    const char *stop = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
    bool empty_headers = (size_t)(end - p) >= 2 && p[0] == '\r' && p[1] == '\n';
    if (empty_headers) stop = p - 2; /* no header lines at all */
    if (!stop) {
        *why_zh = "上传内容的分段头不完整";
        *why_en = "a part's headers do not end";
        return NULL;
    }
    if (stop - p > MULTIPART_MAX_HEADER) {
        *why_zh = "上传内容的分段头太长";
        *why_en = "a part's headers are too long";
        return NULL;
    }
    bool disposition = false;
    const char *line = p;
    while (line < stop) {
        const char *eol = memmem(line, (size_t)(stop - line) + 2, "\r\n", 2);
        if (!eol) eol = stop;
        size_t n = (size_t)(eol - line);
        const char *colon = memchr(line, ':', n);
        if (!colon) {
            *why_zh = "上传内容的分段头格式不对";
            *why_en = "a part header has no colon";
            return NULL;
        }
        size_t klen = (size_t)(colon - line);
        const char *v = colon + 1;
        while (v < eol && (*v == ' ' || *v == '\t'))
            v++;
        size_t vlen = (size_t)(eol - v);
        if (klen == 19 && strncasecmp(line, "Content-Disposition", 19) == 0) {
            if (vlen < 9 || strncasecmp(v, "form-data", 9) != 0) {
                *why_zh = "上传内容的分段不是 form-data";
                *why_en = "a part is not form-data";
                return NULL;
            }
            if (!header_param(v, vlen, "name", part->name, sizeof part->name) || !part->name[0]) {
                *why_zh = "上传内容的分段没有字段名（或字段名太长）";
                *why_en = "a part has no field name (or a name too long)";
                return NULL;
            }
            part->is_file =
                header_param(v, vlen, "filename", part->filename, sizeof part->filename);
            disposition = true;
        } else if (klen == 12 && strncasecmp(line, "Content-Type", 12) == 0) {
            snprintf(part->content_type, sizeof part->content_type, "%.*s",
                     (int)(vlen < 127 ? vlen : 127), v);
        }
        line = eol + 2;
    }
    if (!disposition) {
        *why_zh = "上传内容的分段缺少 Content-Disposition";
        *why_en = "a part has no Content-Disposition";
        return NULL;
    }
    return stop + 4;
}

bool multipart_parse(const char *content_type, const char *body, size_t len, struct multipart *out,
                     const char **why_zh, const char **why_en)
{
    memset(out, 0, sizeof *out);
    if (!multipart_is_form(content_type))
        FAIL("上传应为 multipart/form-data", "the upload must be multipart/form-data");
    char boundary[BOUNDARY_MAX + 2];
    if (!header_param(content_type, strlen(content_type), "boundary", boundary, sizeof boundary) ||
        !boundary[0] || strlen(boundary) > BOUNDARY_MAX)
        FAIL("上传的 Content-Type 缺少 boundary 或 boundary 不合规",
             "the Content-Type has no valid boundary");
    /* "\r\n--" boundary: the delimiter before every part but the first. */
    char delim[BOUNDARY_MAX + 8];
    int dlen = snprintf(delim, sizeof delim, "\r\n--%s", boundary);
    const char *end = body + len;
    if (!body || len < (size_t)dlen - 2 || memcmp(body, delim + 2, (size_t)dlen - 2) != 0)
        FAIL("上传内容没有以 boundary 开头（boundary 不对或内容为空）",
             "the body does not start with the boundary (wrong boundary or empty body)");
    const char *p = body + dlen - 2;
    for (;;) {
        /* After a delimiter: "--" closes the body, CRLF starts a part. */
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') return true;
        /* Transport padding (blanks) may follow a delimiter (RFC 2046). */
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
            FAIL("上传内容的 boundary 之后格式不对", "malformed data after a boundary");
        p += 2;
        if (out->nparts == MULTIPART_MAX_PARTS)
            FAIL("上传的字段太多", "too many parts in the upload");
        struct multipart_part *part = &out->parts[out->nparts];
        const char *data = read_part_headers(p, end, part, why_zh, why_en);
        if (!data) return false;
        const char *next = memmem(data, (size_t)(end - data), delim, (size_t)dlen);
        if (!next)
            FAIL("上传内容不完整：缺少结尾的 boundary",
                 "the upload is cut short: no closing boundary");
        part->data = data;
        part->len = (size_t)(next - data);
        for (int i = 0; i < out->nparts; i++)
            if (strcmp(out->parts[i].name, part->name) == 0)
                FAIL("上传的字段重复", "a field appears twice in the upload");
        out->nparts++;
        p = next + dlen;
    }
}

const struct multipart_part *multipart_get(const struct multipart *m, const char *name)
{
    for (int i = 0; i < m->nparts; i++)
        if (strcmp(m->parts[i].name, name) == 0) return &m->parts[i];
    return NULL;
}
