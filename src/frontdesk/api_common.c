/* frontdesk/api_common.c: what the front desk's endpoints share (see api_internal.h). */
#include "frontdesk/api_internal.h"

#include "core/auth.h"
#include "core/json.h"
#include "core/log.h"
#include "core/money.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- venue context ---- */

bool fd_ctx_load(struct request *req, struct fd_ctx *c)
{
    memset(c, 0, sizeof *c);
    c->now = now_epoch();
    if (venue_load(req->db, req->user.venue_id, &c->venue) != DB_OK ||
        !(c->tz = tz_load(c->venue.timezone))) {
        log_error("req=%s: venue %lld or its zone cannot be loaded", req->request_id,
                  (long long)req->user.venue_id);
        reply_internal(req);
        return false;
    }
    fd_bizday(c, c->now, c->today);
    return true;
}

void fd_ctx_free(struct fd_ctx *c)
{
    if (!c) return;
    tz_free(c->tz);
    c->tz = NULL;
}

int64_t fd_local(const struct fd_ctx *c, int64_t utc)
{
    return utc + tz_offset_at(c->tz, utc);
}

void fd_bizday(const struct fd_ctx *c, int64_t utc, char out[11])
{
    date_format(bizday_of_instant(c->tz, c->venue.cutoff_minutes, utc), out);
}

void fd_local_text(const struct fd_ctx *c, int64_t utc, char out[20])
{
    struct civil t;
    tz_to_local(c->tz, utc, &t);
    /* The modulos only tell the compiler the fields fit (they always do). */
    snprintf(out, 20, "%04u-%02u-%02u %02u:%02u:%02u", (unsigned)t.year % 10000u,
             (unsigned)t.month % 100u, (unsigned)t.day % 100u, (unsigned)t.hour % 100u,
             (unsigned)t.minute % 100u, (unsigned)t.second % 100u);
}

void fd_local_hhmm(const struct fd_ctx *c, int64_t utc, char out[6])
{
    struct civil t;
    tz_to_local(c->tz, utc, &t);
    snprintf(out, 6, "%02u:%02u", (unsigned)t.hour % 100u, (unsigned)t.minute % 100u);
}

/* ---- field readers ---- */

/* A one-key object {path: obj[key]} so that the core readers name the full path. */
static json_t *as_path(json_t *obj, const char *key, const char *path)
{
    json_t *tmp = json_object();
    json_t *v = json_object_get(obj, key);
    if (tmp && v) json_object_set(tmp, path, v);
    return tmp;
}

bool fd_str(struct request *req, json_t *obj, const char *key, const char *path, const char *zh,
            const char *en, bool required, size_t max_chars, const char **out)
{
    if (strcmp(key, path) == 0) return jfield_str(req, obj, key, zh, en, required, max_chars, out);
    json_t *tmp = as_path(obj, key, path);
    const char *s = NULL;
    bool ok = tmp && jfield_str(req, tmp, path, zh, en, required, max_chars, &s);
    /* The string lives in obj (the value is shared, not copied). */
    if (ok && s) *out = json_string_value(json_object_get(obj, key));
    json_decref(tmp);
    if (!tmp) reply_internal(req);
    return ok;
}

bool fd_int(struct request *req, json_t *obj, const char *key, const char *path, const char *zh,
            const char *en, bool required, int64_t min, int64_t max, int64_t *out)
{
    if (strcmp(key, path) == 0) return jfield_int(req, obj, key, zh, en, required, min, max, out);
    json_t *tmp = as_path(obj, key, path);
    bool ok = tmp && jfield_int(req, tmp, path, zh, en, required, min, max, out);
    json_decref(tmp);
    if (!tmp) reply_internal(req);
    return ok;
}

bool fd_bool(struct request *req, json_t *obj, const char *key, const char *path, const char *zh,
             const char *en, bool required, bool *out)
{
    if (strcmp(key, path) == 0) return jfield_bool(req, obj, key, zh, en, required, out);
    json_t *tmp = as_path(obj, key, path);
    bool ok = tmp && jfield_bool(req, tmp, path, zh, en, required, out);
    json_decref(tmp);
    if (!tmp) reply_internal(req);
    return ok;
}

bool fd_fen(struct request *req, json_t *obj, const char *key, const char *path, const char *zh,
            const char *en, bool required, int64_t max, int64_t *out)
{
    json_t *v = json_object_get(obj, key);
    if (v && (json_is_string(v) || json_is_real(v))) {
        /* Case M3: "12.5" typed for 12.50 yuan must never become 1250 silently, nor 125. */
        char mz[400], me[400], shown[64];
        int64_t fen = 0;
        enum money_parse_result r = MONEY_SYNTAX;
        if (json_is_string(v)) {
            const char *s = json_string_value(v);
            /* Echo what was typed only when short and plain (never half a character). */
            bool plain = strlen(s) <= 40;
            for (const char *p = s; plain && *p; p++) plain = (unsigned char)*p < 0x80;
            snprintf(shown, sizeof shown, "%s", plain ? s : "…");
            r = money_parse(s, strlen(s), 0, &fen);
        } else {
            snprintf(shown, sizeof shown, "%.6g", json_real_value(v));
        }
        if (r == MONEY_OK) {
            snprintf(mz, sizeof mz, "%s：金额以分为单位，须为整数；“%s”若是 %s 元，请写 %lld", zh,
                     shown, shown, (long long)fen);
            snprintf(me, sizeof me,
                     "%s: amounts are whole fen (integers); if \"%s\" means %s yuan, send %lld", en,
                     shown, shown, (long long)fen);
        } else {
            snprintf(mz, sizeof mz, "%s：金额以分为单位，须为整数（例如 12.50 元写 1250）；“%s”%s",
                     zh, shown, json_is_string(v) ? money_parse_message(r, 0) : "不是整数");
            snprintf(me, sizeof me, "%s: amounts are whole fen (12.50 yuan is 1250); \"%s\": %s",
                     en, shown,
                     json_is_string(v) ? money_parse_message(r, 1) : "not a whole number");
        }
        reply_error(req, 400, "invalid_field", path, mz, me);
        return false;
    }
    return fd_int(req, obj, key, path, zh, en, required, 0, max, out);
}

bool fd_keys(struct request *req, json_t *obj, const char *path, const char *const allowed[])
{
    if (!json_is_object(obj)) {
        char zh[200], en[200];
        snprintf(zh, sizeof zh, "%s 应为对象", path);
        snprintf(en, sizeof en, "%s must be an object", path);
        reply_error(req, 400, "invalid_field", path, zh, en);
        return false;
    }
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val)
    {
        bool known = false;
        for (int i = 0; allowed[i]; i++)
            if (strcmp(allowed[i], key) == 0) known = true;
        if (!known) {
            char field[200], zh[300], en[300];
            snprintf(field, sizeof field, "%s.%s", path, strlen(key) <= 100 ? key : "…");
            snprintf(zh, sizeof zh, "不认识的字段“%s”", field);
            snprintf(en, sizeof en, "unknown field \"%s\"", field);
            reply_error(req, 400, "unknown_field", field, zh, en);
            return false;
        }
    }
    return true;
}

bool fd_time(struct request *req, const struct fd_ctx *c, json_t *obj, const char *key,
             const char *zh, const char *en, bool required, int64_t *out)
{
    const char *s = NULL;
    if (!jfield_str(req, obj, key, zh, en, required, 25, &s)) return false;
    if (!s) return true;
    struct civil t;
    if (!datetime_parse(s, &t)) {
        char mz[200], me[200];
        snprintf(mz, sizeof mz, "%s：时间格式应为 YYYY-MM-DD HH:MM[:SS]（门店当地时间）", zh);
        snprintf(me, sizeof me, "%s: a time is YYYY-MM-DD HH:MM[:SS] (the venue's local time)", en);
        reply_error(req, 400, "invalid_field", key, mz, me);
        return false;
    }
    *out = tz_from_local(c->tz, &t);
    return true;
}

bool fd_day(struct request *req, json_t *obj, const char *key, const char *zh, const char *en,
            bool required, char out[11])
{
    const char *s = NULL;
    int64_t d;
    if (!jfield_str(req, obj, key, zh, en, required, 10, &s)) return false;
    if (!s) return true;
    if (!date_parse(s, &d)) {
        char mz[200], me[200];
        snprintf(mz, sizeof mz, "%s：日期格式应为 YYYY-MM-DD", zh);
        snprintf(me, sizeof me, "%s: a date is YYYY-MM-DD", en);
        reply_error(req, 400, "invalid_field", key, mz, me);
        return false;
    }
    date_format(d, out);
    return true;
}

bool fd_clock(struct request *req, json_t *obj, const char *key, const char *path, const char *zh,
              const char *en, bool allow_24, int *out)
{
    const char *s = NULL;
    if (!fd_str(req, obj, key, path, zh, en, true, 5, &s)) return false;
    int m = 0;
    if (allow_24 && strcmp(s, "24:00") == 0)
        m = 1440;
    else if (!hhmm_parse(s, &m)) {
        char mz[200], me[200];
        snprintf(mz, sizeof mz, "%s：时间应为 HH:MM%s", zh, allow_24 ? "（结束可写 24:00）" : "");
        snprintf(me, sizeof me, "%s: a clock time is HH:MM%s", en,
                 allow_24 ? " (an end may be 24:00)" : "");
        reply_error(req, 400, "invalid_field", path, mz, me);
        return false;
    }
    *out = m;
    return true;
}

bool fd_phone(struct request *req, json_t *obj, const char *key, const char *path,
              const char *zh, const char *en, const char **out)
{
    const char *s = NULL;
    if (!fd_str(req, obj, key, path, zh, en, false, 20, &s)) return false;
    if (!s) return true;
    size_t n = strlen(s);
    bool ok = n >= 5 && n <= 20;
    for (size_t i = 0; ok && i < n; i++)
        ok = (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == ' ';
    if (!ok) {
        char mz[200], me[200];
        snprintf(mz, sizeof mz, "%s：应为 5 到 20 位数字（可含 + - 空格）", zh);
        snprintf(me, sizeof me, "%s: 5 to 20 digits (+, - and blanks allowed)", en);
        reply_error(req, 400, "invalid_field", path, mz, me);
        return false;
    }
    *out = s;
    return true;
}

void fd_mask_phone(const char *phone, char out[44])
{
    size_t n = strlen(phone);
    if (n < 7) {
        snprintf(out, 44, "%s", n ? "****" : "");
        return;
    }
    snprintf(out, 44, "%.3s****%s", phone, phone + n - 4);
}

/* ---- approvals ---- */

bool fd_approver(struct request *req, json_t *obj, const char *path, struct approval *out)
{
    memset(out, 0, sizeof *out);
    char upath[120], ppath[120];
    bool nested = path && *path;
    snprintf(upath, sizeof upath, "%s%sapprover_username", nested ? path : "", nested ? "." : "");
    snprintf(ppath, sizeof ppath, "%s%sapprover_password", nested ? path : "", nested ? "." : "");
    const char *username = NULL, *password = NULL;
    if (!fd_str(req, obj, "approver_username", upath, "审批人", "approver", false, 32, &username) ||
        !fd_str(req, obj, "approver_password", ppath, "审批人密码", "approver's password", false,
                200, &password))
        return false;
    if (!username && !password) return true;
    if (!username || !password) {
        reply_error(req, 400, "invalid_field", username ? ppath : upath,
                    "审批需要审批人的用户名和密码",
                    "an approval needs the approver's username "
                    "and password");
        return false;
    }
    int64_t now = now_epoch();
    if (auth_approver_throttled(req->db, username, req->ip, now)) {
        req->retry_after = 900;
        reply_error(req, 429, "throttled", upath, "审批人密码错误次数过多，请 15 分钟后再试",
                    "too many wrong approver passwords; try again in 15 minutes");
        return false;
    }
    struct approver_row a;
    enum db_status s = approver_find(req->db, req->user.venue_id, username, &a);
    bool ok = s == DB_OK && a.active && auth_check_password(a.password_hash, password);
    sodium_memzero(a.password_hash, sizeof a.password_hash);
    if (s != DB_OK && s != DB_NOT_FOUND) {
        reply_db_error(req, s, "审批人", "approver");
        return false;
    }
    if (!ok) {
        if (s == DB_NOT_FOUND) {
            /* Spend the same time on an unknown name as on a wrong password. */
            char dummy[128];
            auth_hash_password(password, dummy);
        }
        if (db_begin_write(req->db) == DB_OK) {
            if (auth_approver_failed(req->db, username, req->ip, now) == DB_OK) db_commit(req->db);
            db_rollback(req->db);
        }
        reply_error(req, 403, "approval_denied", upath, "审批人用户名或密码不对，或账号已停用",
                    "wrong approver username or password, or the account is disabled");
        return false;
    }
    s = role_limit_load(req->db, a.role, &out->limits);
    if (s != DB_OK) {
        reply_db_error(req, s, "权限", "limits");
        return false;
    }
    out->given = true;
    out->user_id = a.id;
    snprintf(out->username, sizeof out->username, "%s", a.username);
    return true;
}

void fd_reply_approval_required(struct request *req, const char *what_zh, const char *what_en)
{
    char zh[400], en[400];
    snprintf(zh, sizeof zh, "%s超出您的权限，需要经理审批（填写审批人用户名和密码）", what_zh);
    snprintf(en, sizeof en,
             "%s is beyond your role's limit: a manager must approve (approver_username and "
             "approver_password)",
             what_en);
    reply_error(req, 403, "approval_required", "approver_username", zh, en);
}

/* ---- the write runner ---- */

void fd_run_write(struct request *req, fd_tx_fn fn, void *arg, const char *what_zh,
                  const char *what_en)
{
    enum db_status s = DB_RETRY;
    struct fd_reply out = {0, NULL};
    /* Three tries: BEGIN IMMEDIATE already waits up to the busy timeout (5 s) for writers
     * ahead of it, so a retry is only for a lock lost at commit or a timeout under a burst. */
    for (int attempt = 0; attempt < 3 && s == DB_RETRY; attempt++) {
        json_decref(out.body);
        out = (struct fd_reply){0, NULL};
        s = db_begin_write(req->db);
        if (s == DB_OK) s = fn(req, arg, &out);
        if (s == DB_OK) s = db_commit(req->db);
        if (s != DB_OK) db_rollback(req->db);
        if (req->replied) break;
    }
    if (req->replied) {
        json_decref(out.body);
        return;
    }
    if (s == DB_OK && out.body) {
        reply_json(req, out.status ? out.status : 200, out.body);
        return;
    }
    json_decref(out.body);
    if (s == DB_CONFLICT)
        reply_error(req, 409, "conflict", NULL, "数据已被其他操作修改，请刷新后重试",
                    "the data changed meanwhile; reload and try again");
    else
        reply_db_error(req, s == DB_OK ? DB_ERROR : s, what_zh, what_en);
}

/* ---- idempotency ---- */

bool fd_idem_prepare(struct request *req, json_t *body, bool required, const char *endpoint,
                     struct idem *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->endpoint, sizeof out->endpoint, "%s", endpoint);
    const char *key = NULL;
    if (!jfield_str(req, body, "idempotency_key", "幂等键", "idempotency key", required, 64, &key))
        return false;
    if (!key) return true;
    /* Keys are what tills generate (UUIDs, counters): letters, digits and - _ . : only, so
     * that a key is never a place to smuggle text into logs or replies. */
    size_t n = strlen(key);
    bool ok = n >= 8;
    for (size_t i = 0; ok && i < n; i++) {
        char ch = key[i];
        ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
             ch == '-' || ch == '_' || ch == '.' || ch == ':';
    }
    if (!ok) {
        reply_error(req, 400, "invalid_field", "idempotency_key",
                    "幂等键应为 8 到 64 个字母、数字或 - _ . :",
                    "an idempotency key is 8 to 64 letters, digits or - _ . :");
        return false;
    }
    out->key = key;
    json_t *copy = json_deep_copy(body);
    if (!copy) {
        reply_internal(req);
        return false;
    }
    json_t *d = json_object_get(copy, "discounts");
    json_object_del(copy, "approver_password");
    if (json_is_object(d)) json_object_del(d, "approver_password");
    char *text = json_dumps(copy, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(copy);
    if (!text) {
        reply_internal(req);
        return false;
    }
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)text, strlen(text), NULL, 0);
    free(text);
    sodium_bin2hex(out->hash, sizeof out->hash, h, sizeof h);
    return true;
}

bool fd_idem_replay(struct request *req, const struct idem *i, struct fd_reply *out,
                    enum db_status *s)
{
    *s = DB_OK;
    if (!i->key) return false;
    struct idem_record r = {0};
    *s = idem_get(req->db, req->user.venue_id, i->key, &r);
    if (*s == DB_NOT_FOUND) {
        *s = DB_OK;
        return false;
    }
    if (*s != DB_OK) return true;
    if (strcmp(r.endpoint, i->endpoint) != 0 || strcmp(r.request_hash, i->hash) != 0) {
        free(r.response);
        reply_error(req, 422, "idempotency_mismatch", "idempotency_key",
                    "这个幂等键已用于另一个请求；新的操作请用新的键",
                    "this idempotency key was used for another request; use a new key for a "
                    "new operation");
        *s = DB_INVALID;
        return true;
    }
    json_error_t err;
    json_t *body = json_loads(r.response, 0, &err);
    free(r.response);
    if (!json_is_object(body)) {
        json_decref(body);
        *s = DB_ERROR;
        return true;
    }
    /* The first answer, marked so that a till can tell it is a repeat. */
    json_object_set_new(body, "replayed", json_true());
    out->status = r.status;
    out->body = body;
    return true;
}

enum db_status fd_idem_store(struct request *req, const struct idem *i, int status,
                             const json_t *body)
{
    if (!i->key) return DB_OK;
    char *text = json_dumps(body, JSON_COMPACT);
    if (!text) return DB_ERROR;
    enum db_status s = idem_put(req->db, req->user.venue_id, i->key, i->endpoint, i->hash, status,
                                text, now_epoch());
    free(text);
    return s;
}

/* ---- a stay's bill ---- */

enum fd_compose_status fd_stay_recompose(const struct fd_ctx *c, int64_t at,
                                         const struct compose_options *o, struct stay_bill *b)
{
    composed_bill_free(&b->bill);
    const struct stay_full *f = &b->full;
    /* Never before the guest entered the room they are in now: the earlier rooms' times are
     * fixed by the changes of room. */
    int last = f->nrooms - 1;
    if (at < f->rooms[last].from_at) at = f->rooms[last].from_at;
    if (at < f->stay.opened_at) at = f->stay.opened_at;
    b->at = at;
    for (int k = 0; k < f->nrooms; k++) {
        b->segs[k].start_local = fd_local(c, f->rooms[k].from_at);
        b->segs[k].end_local = fd_local(c, k < last ? f->rooms[k].to_at : at);
    }
    struct compose_package pk[8];
    for (int i = 0; i < f->npackages; i++)
        pk[i] =
            (struct compose_package){f->packages[i].package_id, f->packages[i].name,
                                     f->packages[i].price_fen,  f->packages[i].included_minutes,
                                     f->packages[i].buyout,     f->packages[i].buyout_until_min};
    struct compose_item *items = NULL;
    if (f->nitems) {
        items = calloc((size_t)f->nitems, sizeof *items);
        if (!items) {
            b->db = DB_ERROR;
            return FD_COMPOSE_DB;
        }
    }
    for (int i = 0; i < f->nitems; i++) {
        const struct stay_item *it = &f->items[i];
        items[i] = (struct compose_item){it->product_id, it->item,         it->qty,
                                         it->unit_fen,   it->list_fen,     it->gift,
                                         it->package_id, it->discountable, it->counts_to_min_spend};
    }
    struct compose_input in = {
        .segments = b->segs,
        .nsegments = f->nrooms,
        .packages = pk,
        .npackages = f->npackages,
        .items = items,
        .nitems = f->nitems,
        .member = b->has_member,
        .member_discount_bp = b->has_member ? 10000 - b->member.discount_bp : 0,
        .percent_bp = o ? o->percent_bp : 0,
        .coupon_fen = o ? o->coupon_fen : 0,
        .fixed_fen = o ? o->fixed_fen : 0,
        .service_bp = o ? o->service_bp : 0,
        .round_to_yuan = o ? o->round_to_yuan : false,
    };
    bool ok = compose_bill(&in, &b->bill);
    free(items);
    if (!ok) {
        b->db = DB_ERROR;
        return FD_COMPOSE_DB;
    }
    if (b->bill.status != PRICING_OK) {
        b->pricing = b->bill.status;
        return FD_COMPOSE_PRICING;
    }
    return FD_COMPOSE_OK;
}

enum fd_compose_status fd_stay_bill(struct request *req, const struct fd_ctx *c, int64_t stay_id,
                                    int64_t at, const struct compose_options *o,
                                    struct stay_bill *b)
{
    memset(b, 0, sizeof *b);
    b->db = stay_full_load(req->db, req->user.venue_id, stay_id, &b->full);
    if (b->db != DB_OK) return FD_COMPOSE_DB;
    const struct stay_full *f = &b->full;
    /* Prices are those in force on the business day the stay opened (a plan from tomorrow
     * does not re-price tonight's rooms). Holidays: that day and the two after it. */
    char day[11], until[11];
    int64_t dn = bizday_of_instant(c->tz, c->venue.cutoff_minutes, f->stay.opened_at);
    date_format(dn, day);
    date_format(dn + 3, until);
    b->db = holiday_days(req->db, req->user.venue_id, day, until, b->holidays, 8, &b->nholidays);
    if (b->db != DB_OK) return FD_COMPOSE_DB;
    b->plans = calloc((size_t)f->nrooms, sizeof *b->plans);
    if (!b->plans) {
        b->db = DB_ERROR;
        return FD_COMPOSE_DB;
    }
    for (int k = 0; k < f->nrooms; k++) {
        enum db_status s =
            plan_in_force(req->db, req->user.venue_id, f->rooms[k].room_type_id, day,
                          c->venue.cutoff_minutes, b->holidays, b->nholidays, &b->plans[k]);
        if (s == DB_NOT_FOUND) {
            snprintf(b->room_type, sizeof b->room_type, "%s", f->rooms[k].room_type);
            return FD_COMPOSE_NO_PLAN;
        }
        if (s != DB_OK) {
            b->db = s;
            return FD_COMPOSE_DB;
        }
        /* Through a local: the label and the room's names are both inside *b. */
        char label[sizeof b->labels[k]];
        snprintf(label, sizeof label, "%s %s", f->rooms[k].room_no, f->rooms[k].room_type);
        memcpy(b->labels[k], label, sizeof label);
        b->segs[k].plan = &b->plans[k].plan;
        b->segs[k].slot_names = b->plans[k].name_ptrs;
        b->segs[k].room_label = b->labels[k];
    }
    if (f->stay.member_phone[0]) {
        enum db_status s =
            member_find(req->db, req->user.venue_id, f->stay.member_phone, &b->member);
        if (s != DB_OK && s != DB_NOT_FOUND) {
            b->db = s;
            return FD_COMPOSE_DB;
        }
        b->has_member = s == DB_OK && b->member.active;
    }
    return fd_stay_recompose(c, at, o, b);
}

void fd_stay_bill_free(struct stay_bill *b)
{
    if (!b) return;
    stay_full_free(&b->full);
    free(b->plans);
    b->plans = NULL;
    composed_bill_free(&b->bill);
}

void fd_reply_compose_error(struct request *req, enum fd_compose_status st,
                            const struct stay_bill *b)
{
    char zh[400], en[400];
    switch (st) {
    case FD_COMPOSE_NO_PLAN:
        snprintf(zh, sizeof zh, "房型“%s”没有生效的价格方案，无法计算房费；请先设置价格方案",
                 b->room_type);
        snprintf(en, sizeof en,
                 "room type \"%s\" has no price plan in force: set one before pricing a stay",
                 b->room_type);
        reply_error(req, 409, "no_price_plan", NULL, zh, en);
        return;
    case FD_COMPOSE_PRICING:
        if (b->pricing == PRICING_UNCOVERED)
            reply_error(req, 409, "uncovered", NULL,
                        "这段时间不在价格方案的任何时段内（营业时间外），无法计算房费",
                        "part of the stay falls in no slot of the price plan (outside opening "
                        "hours): the room fee cannot be computed");
        else if (b->pricing == PRICING_BAD_RANGE)
            reply_error(req, 409, "bad_range", NULL, "开房时间超过 48 小时或时间不对，请核对",
                        "the stay is longer than 48 hours or its times are wrong");
        else
            reply_error(req, 409, "bad_plan", NULL, "价格方案有误（时段重叠或越界）",
                        "the price plan is broken (overlapping or out-of-range slots)");
        return;
    case FD_COMPOSE_DB:
        if (b->db == DB_NOT_FOUND)
            reply_error(req, 404, "not_found", NULL, "没有这个开房记录", "no such stay");
        else
            reply_db_error(req, b->db, "开房记录", "stay");
        return;
    case FD_COMPOSE_OK:
        break;
    }
    reply_internal(req);
}

void fd_money(json_t *obj, const char *key, int64_t fen)
{
    char k[64];
    snprintf(k, sizeof k, "%s_fen", key);
    json_set_money(obj, k, key, fen);
}

static const char *discount_label(const char *kind)
{
    if (strcmp(kind, "member") == 0) return "会员折扣";
    if (strcmp(kind, "percent") == 0) return "整单折扣";
    if (strcmp(kind, "coupon") == 0) return "优惠券";
    if (strcmp(kind, "fixed") == 0) return "减免";
    if (strcmp(kind, "rounding") == 0) return "抹零";
    return kind;
}

static void add_discount(json_t *arr, const char *kind, int64_t fen, int64_t rate_bp)
{
    if (fen <= 0) return;
    json_t *d = json_object();
    json_set_str(d, "kind", kind);
    json_set_str(d, "label", discount_label(kind));
    fd_money(d, "amount", fen);
    if (rate_bp) json_set_int(d, "rate_bp", rate_bp);
    json_array_append_new(arr, d);
}

json_t *fd_bill_json(const struct fd_ctx *c, const struct stay_bill *b,
                     const struct compose_options *o)
{
    const struct composed_bill *cb = &b->bill;
    const struct bill_calc *t = &cb->calc;
    const struct stay_full *f = &b->full;
    json_t *j = json_object();
    char when[20];
    json_set_int(j, "stay_id", f->stay.id);
    json_set_str(j, "room_no", f->rooms[f->nrooms - 1].room_no);
    json_set_str(j, "room_type", f->rooms[f->nrooms - 1].room_type);
    fd_local_text(c, f->stay.opened_at, when);
    json_set_str(j, "opened_at", when);
    fd_local_text(c, b->at, when);
    json_set_str(j, "at", when);
    json_set_int(j, "at_epoch", b->at);
    json_set_int(j, "minutes", (b->at - f->stay.opened_at + 59) / 60);
    json_set_int(j, "billed_minutes", cb->fee.billed_minutes);
    json_object_set_new(j, "package", json_boolean(cb->package));
    json_t *lines = json_array();
    for (int i = 0; i < cb->nlines; i++) {
        const struct compose_line *l = &cb->lines[i];
        json_t *x = json_object();
        json_set_str(x, "kind", l->kind);
        json_set_str(x, "item", l->item);
        json_set_int(x, "qty", l->qty);
        fd_money(x, "unit_price", l->unit_fen);
        fd_money(x, "amount", l->amount_fen);
        if (l->product_id) json_set_int(x, "product_id", l->product_id);
        if (l->package_id) json_set_int(x, "package_id", l->package_id);
        if (l->gift) json_object_set_new(x, "gift", json_true());
        json_array_append_new(lines, x);
    }
    json_object_set_new(j, "lines", lines);
    fd_money(j, "room", cb->room_fen);
    fd_money(j, "goods", t->goods_fen);
    fd_money(j, "min_spend", cb->fee.min_spend_fen);
    fd_money(j, "topup", t->topup_fen);
    fd_money(j, "gifts_value", cb->gifts_fen);
    fd_money(j, "gross", t->gross_fen);
    json_t *ds = json_array();
    add_discount(ds, "member", t->member_discount_fen,
                 b->has_member ? 10000 - b->member.discount_bp : 0);
    add_discount(ds, "percent", t->percent_discount_fen, o ? o->percent_bp : 0);
    add_discount(ds, "coupon", t->coupon_discount_fen, 0);
    add_discount(ds, "fixed", t->fixed_discount_fen, 0);
    add_discount(ds, "rounding", t->rounding_fen, 0);
    json_object_set_new(j, "discounts", ds);
    fd_money(j, "discount", t->discount_fen + t->rounding_fen);
    fd_money(j, "service", t->service_fen);
    fd_money(j, "rounding", t->rounding_fen);
    fd_money(j, "total", t->total_fen);
    if (b->has_member) {
        json_t *m = json_object();
        char masked[44];
        fd_mask_phone(b->member.phone, masked);
        json_set_str(m, "phone", masked);
        json_set_str(m, "name", b->member.name);
        json_set_str(m, "level", b->member.level);
        json_set_int(m, "discount_bp", b->member.discount_bp);
        fd_money(m, "balance", b->member.balance.principal_fen + b->member.balance.bonus_fen);
        json_object_set_new(j, "member", m);
    }
    return j;
}
