/* json.c: strict JSON input and output helpers (see json.h). */
#include "core/json.h"

#include "core/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *req_json_object(struct request *req, const char *const allowed[])
{
    json_error_t err;
    if (!req->body || req->body_len == 0) {
        reply_error(req, 400, "invalid_json", NULL, "请求内容为空，需要 JSON 对象",
                    "the request body is empty; a JSON object is required");
        return NULL;
    }
    json_t *v = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &err);
    if (!v) {
        char zh[400], en[400];
        snprintf(zh, sizeof zh, "JSON 格式错误（第 %d 行第 %d 列）：%s", err.line, err.column,
                 err.text);
        snprintf(en, sizeof en, "malformed JSON (line %d, column %d): %s", err.line, err.column,
                 err.text);
        reply_error(req, 400, "invalid_json", NULL, zh, en);
        return NULL;
    }
    if (!json_is_object(v)) {
        json_decref(v);
        reply_error(req, 400, "not_object", NULL, "请求内容必须是 JSON 对象",
                    "the request body must be a JSON object");
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
        field_error(req, key, label_zh, label_en, "金额以分为单位，应为整数（例如 12.50 元写 1250）",
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
