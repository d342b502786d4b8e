/* json.h: strict JSON input at the door, and small output helpers.
 *
 * Bodies are parsed with duplicates refused; objects are checked against the list of fields the
 * endpoint knows, so a misspelt or unknown field is an error naming it; each field is validated
 * (type, length, range) before a handler uses it. Every failure replies 400 with the field. */
#ifndef KTV_JSON_H
#define KTV_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/http.h"

/* Parses the request body as one JSON object whose keys are all in allowed (NULL-terminated).
 * On failure replies 400 and returns NULL: invalid_json (a syntax error, with its line and
 * column; a duplicate key, with the key as field), not_object (valid JSON but not an object:
 * "x", null, [1]) or unknown_field.
 * The caller owns the result (json_decref). */
json_t *req_json_object(struct request *req, const char *const allowed[]);

/* Field readers. Each returns true with *out set, or true leaving *out alone when the field is
 * absent (or null) and not required; on a wrong type or value it replies 400 naming the field
 * (with label_zh / label_en in the message) and returns false. */
bool jfield_str(struct request *req, json_t *obj, const char *key, const char *label_zh,
                const char *label_en, bool required, size_t max_chars, const char **out);
bool jfield_int(struct request *req, json_t *obj, const char *key, const char *label_zh,
                const char *label_en, bool required, int64_t min, int64_t max, int64_t *out);
bool jfield_bool(struct request *req, json_t *obj, const char *key, const char *label_zh,
                 const char *label_en, bool required, bool *out);
/* Money: an integer number of fen from 0 to MONEY_MAX_FEN. */
bool jfield_fen(struct request *req, json_t *obj, const char *key, const char *label_zh,
                const char *label_en, bool required, int64_t *out);

/* Counts UTF-8 characters (code points) of a valid UTF-8 string. */
size_t utf8_chars(const char *s);

/* {"fen": n, "yuan": "12.50"} is not used: money goes out as integer fen under key and the
 * formatted yuan under key_text ("12.50"), e.g. "total_fen" and "total". */
void json_set_money(json_t *obj, const char *key_fen, const char *key_text, int64_t fen);
/* Sets key to a string copy, or JSON null for NULL. */
void json_set_str(json_t *obj, const char *key, const char *value);
/* Sets key to an integer. */
void json_set_int(json_t *obj, const char *key, int64_t value);

/* Serialises compactly (caller frees). */
char *json_text(const json_t *value);

#endif
