/* json.c: strict JSON input and output helpers (see json.h). */
#include "core/json.h"

#include "core/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The key a duplicate_key error points at. jansson stops right after the key's closing quote
 * (err->position is a byte offset), so the key token is the text from the unescaped opening
 * quote to there; it is decoded as a JSON string. Returns a malloc'd key, or NULL when it
 * cannot tell (or the key is too long or has control characters to be named as a field). */
static char *duplicate_key(const char *body, size_t len, const json_error_t *err)
{
    if (err->position < 2 || (size_t)err->position > len) return NULL;
    size_t end = (size_t)err->position - 1; /* the closing quote */
    if (body[end] != '"') return NULL;
    size_t open = end;
    for (;;) {
        if (open == 0) return NULL;
        open--;
        if (body[open] != '"') continue;
        size_t slashes = 0;
        while (open - slashes > 0 && body[open - slashes - 1] == '\\')
            slashes++;
        if (slashes % 2 == 0) break;
    }
    json_t *k = json_loadb(body + open, end - open + 1, JSON_DECODE_ANY, NULL);
    char *out = NULL;
    if (json_is_string(k) && json_string_length(k) > 0 && json_string_length(k) <= 100) {
        const char *s = json_string_value(k);
        bool clean = strlen(s) == json_string_length(k);
        for (const char *q = s; *q && clean; q++)
            if ((unsigned char)*q < 0x20 || *q == 0x7f) clean = false;
        if (clean) out = strdup(s);
    }
    json_decref(k);
    return out;
}

/* Replies to a body jansson could not parse: a duplicate key names the key (code and field as
 * before: invalid_json), anything else gives the line and column, with jansson's own words in
 * the English message only. */
static void reply_parse_error(struct request *req, const json_error_t *err)
{
    char zh[400], en[400];
    enum json_error_code code = json_error_code(err);
    if (code == json_error_duplicate_key) {
        char *key = duplicate_key(req->body, req->body_len, err);
        if (key) {
            snprintf(zh, sizeof zh, "字段重复：%s", key);
            snprintf(en, sizeof en, "duplicate field: %s", key);
        } else {
            snprintf(zh, sizeof zh, "字段重复（第 %d 行第 %d 列）", err->line,
                     err->column > 0 ? err->column : 1);
            snprintf(en, sizeof en, "duplicate field (line %d, column %d)", err->line,
                     err->column > 0 ? err->column : 1);
        }
        reply_error(req, 400, "invalid_json", key, zh, en);
        free(key);
        return;
    }
    /* A few causes said in Chinese; the rest is the position alone. */
    const char *why = "";
    switch (code) {
    case json_error_invalid_utf8:
        why = "：含有无效的 UTF-8 文字";
        break;
    case json_error_null_character:
        why = "：文字中不能有空字符 \\u0000";
        break;
    case json_error_null_byte_in_key:
        why = "：字段名中不能有空字符 \\u0000";
        break;
    case json_error_premature_end_of_input:
        why = "：内容不完整";
        break;
    case json_error_end_of_input_expected:
        why = "：对象结束后还有多余内容";
        break;
    case json_error_stack_overflow:
        why = "：嵌套层数太多";
        break;
    case json_error_numeric_overflow:
        why = "：数字超出范围";
        break;
    default:
        break;
    }
    int line = err->line > 0 ? err->line : 1, column = err->column > 0 ? err->column : 1;
    snprintf(zh, sizeof zh, "JSON 格式错误（第 %d 行第 %d 列）%s", line, column, why);
    snprintf(en, sizeof en, "malformed JSON (line %d, column %d): %s", line, column, err->text);
    json_t *check = json_string(en); /* jansson's "near '...'" quotes the body: keep it UTF-8 */
    if (!check) snprintf(en, sizeof en, "malformed JSON (line %d, column %d)", line, column);
    json_decref(check);
    reply_error(req, 400, "invalid_json", NULL, zh, en);
}

json_t *req_json_object(struct request *req, const char *const allowed[])
{
    json_error_t err;
    if (!req->body || req->body_len == 0) {
        reply_error(req, 400, "invalid_json", NULL, "请求内容为空，需要 JSON 对象",
                    "the request body is empty; a JSON object is required");
        return NULL;
    }
    /* JSON_DECODE_ANY so that "x", null or 12 parse and are refused below as not an object,
     * rather than as jansson's "'[' or '{' expected". */
    json_t *v =
        json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
    if (!v) {
        reply_parse_error(req, &err);
        return NULL;
    }
    if (!json_is_object(v)) {
        json_decref(v);
        reply_error(req, 400, "not_object", NULL, "请求内容应为 JSON 对象",
                    "the body must be a JSON object");
        return NULL;
    }
    const char *key;
    json_t *val;
    json_object_foreach(v, key, val)
    {
        bool known = false;
        for (int i = 0; allowed && allowed[i]; i++)
            if (strcmp(allowed[i], key) == 0) known = true;
        if (!known) {
            char zh[300], en[300];
            snprintf(zh, sizeof zh, "不认识的字段“%.100s”", key);
            snprintf(en, sizeof en, "unknown field \"%.100s\"", key);
            reply_error(req, 400, "unknown_field", key, zh, en);
            json_decref(v);
            return NULL;
        }
    }
    return v;
}

size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static void field_error(struct request *req, const char *key, const char *label_zh,
                        const char *label_en, const char *why_zh, const char *why_en)
{
    char zh[300], en[300];
    snprintf(zh, sizeof zh, "%s：%s", label_zh, why_zh);
    snprintf(en, sizeof en, "%s: %s", label_en, why_en);
    reply_error(req, 400, "invalid_field", key, zh, en);
}

static json_t *present(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return v && !json_is_null(v) ? v : NULL;
}

bool jfield_str(struct request *req, json_t *obj, const char *key, const char *label_zh,
                const char *label_en, bool required, size_t max_chars, const char **out)
{
    json_t *v = present(obj, key);
    if (!v) {
        if (!required) return true;
        field_error(req, key, label_zh, label_en, "必须填写", "is required");
        return false;
    }
    if (!json_is_string(v)) {
        field_error(req, key, label_zh, label_en, "应为文字", "must be a string");
        return false;
    }
    const char *s = json_string_value(v);
    if (strlen(s) != json_string_length(v)) {
        field_error(req, key, label_zh, label_en, "含有不允许的空字符", "contains a NUL character");
        return false;
    }
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t') {
            field_error(req, key, label_zh, label_en, "含有控制字符",
                        "contains a control character");
            return false;
        }
    if (required && s[strspn(s, " \t\n")] == 0) {
        field_error(req, key, label_zh, label_en, "不能为空", "may not be blank");
        return false;
    }
    if (utf8_chars(s) > max_chars) {
        char zh[80], en[80];
        snprintf(zh, sizeof zh, "最多 %zu 个字", max_chars);
        snprintf(en, sizeof en, "at most %zu characters", max_chars);
        field_error(req, key, label_zh, label_en, zh, en);
        return false;
    }
    *out = s;
    return true;
}

bool jfield_int(struct request *req, json_t *obj, const char *key, const char *label_zh,
                const char *label_en, bool required, int64_t min, int64_t max, int64_t *out)
{
    json_t *v = present(obj, key);
    if (!v) {
        if (!required) return true;
        field_error(req, key, label_zh, label_en, "必须填写", "is required");
        return false;
    }
    if (!json_is_integer(v)) {
        field_error(req, key, label_zh, label_en, "应为整数", "must be a whole number");
        return false;
    }
    json_int_t x = json_integer_value(v);
    if (x < min || x > max) {
        char zh[120], en[120];
        snprintf(zh, sizeof zh, "应在 %lld 到 %lld 之间", (long long)min, (long long)max);
        snprintf(en, sizeof en, "must be between %lld and %lld", (long long)min, (long long)max);
        field_error(req, key, label_zh, label_en, zh, en);
        return false;
    }
    *out = x;
    return true;
}

bool jfield_bool(struct request *req, json_t *obj, const char *key, const char *label_zh,
                 const char *label_en, bool required, bool *out)
{
    json_t *v = present(obj, key);
    if (!v) {
        if (!required) return true;
        field_error(req, key, label_zh, label_en, "必须填写", "is required");
        return false;
    }
    if (!json_is_boolean(v)) {
        field_error(req, key, label_zh, label_en, "应为 true 或 false", "must be true or false");
        return false;
    }
    *out = json_is_true(v);
    return true;
}

bool jfield_fen(struct request *req, json_t *obj, const char *key, const char *label_zh,
                const char *label_en, bool required, int64_t *out)
{
    json_t *v = present(obj, key);
    if (v && json_is_real(v)) {
        field_error(req, key, label_zh, label_en,
                    "金额以分为单位，应为整数（例如 12.50 元写 1250）",
                    "money is a whole number of fen (12.50 yuan is 1250)");
        return false;
    }
    return jfield_int(req, obj, key, label_zh, label_en, required, 0, MONEY_MAX_FEN, out);
}

void json_set_money(json_t *obj, const char *key_fen, const char *key_text, int64_t fen)
{
    char b[32];
    json_object_set_new(obj, key_fen, json_integer(fen));
    if (key_text) json_object_set_new(obj, key_text, json_string(money_format(fen, b)));
}

void json_set_str(json_t *obj, const char *key, const char *value)
{
    json_object_set_new(obj, key, value ? json_string(value) : json_null());
}

void json_set_int(json_t *obj, const char *key, int64_t value)
{
    json_object_set_new(obj, key, json_integer(value));
}

char *json_text(const json_t *value)
{
    return json_dumps(value, JSON_COMPACT | JSON_ENSURE_ASCII * 0);
}
