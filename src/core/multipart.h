/* multipart.h: a strict, bounded parser of multipart/form-data bodies (RFC 7578) for uploads.
 *
 * The body is buffered by the HTTP layer already (capped per route), so parsing works in place:
 * parts point into the body, nothing is copied but the part headers' names. Anything out of
 * the ordinary is refused with a reason rather than guessed at: a missing or malformed boundary,
 * a part without a name, a repeated field name, part headers longer than MULTIPART_MAX_HEADER,
 * more than MULTIPART_MAX_PARTS parts, a body that does not end with the closing boundary. */
#ifndef KTV_MULTIPART_H
#define KTV_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

/* An upload form has a handful of fields; 16 leaves room and bounds the work. */
#define MULTIPART_MAX_PARTS 16
/* Part headers are two or three short lines; 8 KiB is generous. */
#define MULTIPART_MAX_HEADER 8192

struct multipart_part {
    char name[64];          /* the form field's name */
    char filename[256];     /* the file's name as sent ("" for a plain field) */
    char content_type[128]; /* "" if not given */
    bool is_file;           /* a filename parameter was present */
    const char *data;       /* borrowed from the body */
    size_t len;
};

struct multipart {
    struct multipart_part parts[MULTIPART_MAX_PARTS];
    int nparts;
};

/* Parses body (len bytes, borrowed: the parts point into it) sent with the given Content-Type
 * header. Returns true on success; on failure sets *why_zh and *why_en (static strings). */
bool multipart_parse(const char *content_type, const char *body, size_t len, struct multipart *out,
                     const char **why_zh, const char **why_en);

/* The part named name, or NULL. */
const struct multipart_part *multipart_get(const struct multipart *m, const char *name);

/* True if content_type names multipart/form-data. */
bool multipart_is_form(const char *content_type);

#endif
