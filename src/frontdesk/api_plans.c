/* frontdesk/api_plans.c: price plans with their slots, holidays, packages with their terms and
 * items, and the authority matrix (role limits). Parse and validate, call the store,
 * serialise. A price change is a new plan from a day on: a plan in force is never edited, so
 * no bill is ever re-priced. */
#include "frontdesk/api_internal.h"

#include "core/audit.h"
#include "core/auth.h"
#include "core/json.h"
#include "core/money.h"
#include "master/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const weekday_zh[7] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};
static const char *const weekday_en[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};

static void clock_text(int minutes, char out[6])
{
    snprintf(out, 6, "%02u:%02u", (unsigned)(minutes / 60) % 100u, (unsigned)minutes % 60u);
}

static json_t *days_json(unsigned days)
{
    json_t *a = json_array();
    for (int d = 0; d < 7; d++)
        if (days & (1u << d)) json_array_append_new(a, json_integer(d));
    return a;
}

/* ---- price plans ---- */

static json_t *plan_json(const struct plan *p, const char *today)
{
    json_t *j = json_object();
    json_set_int(j, "id", p->id);
    json_set_int(j, "room_type_id", p->room_type_id);
    json_set_str(j, "room_type", p->room_type);
    json_set_str(j, "name", p->name);
    json_set_str(j, "effective_from", p->effective_from);
    json_set_int(j, "unit_min", p->unit_min);
    json_set_int(j, "grace_min", p->grace_min);
    json_set_str(j, "created_by", p->created_by);
    /* A plan may be edited only until it comes into force. */
    json_object_set_new(j, "editable", json_boolean(strcmp(p->effective_from, today) > 0));
    json_t *slots = json_array();
    for (int i = 0; i < p->nslots; i++) {
        const struct plan_slot *s = &p->slots[i];
        json_t *x = json_object();
        char a[6], b[6];
        clock_text(s->slot.start_min, a);
        clock_text(s->slot.end_min, b);
        json_set_int(x, "id", s->id);
        json_set_str(x, "name", s->name);
        json_object_set_new(x, "days", days_json(s->slot.days));
        json_object_set_new(x, "holiday", json_boolean(s->slot.days & PRICE_HOLIDAY));
        json_set_str(x, "start", a);
        json_set_str(x, "end", b);
        fd_money(x, "hour", s->slot.hour_fen);
        fd_money(x, "member_hour", s->slot.member_hour_fen);
        fd_money(x, "min_spend", s->slot.min_spend_fen);
        json_array_append_new(slots, x);
    }
    json_object_set_new(j, "slots", slots);
    return j;
}

struct plan_list_ctx {
    json_t *items;
    const char *today;
};

static bool append_plan(const struct plan *p, void *ctx)
{
    struct plan_list_ctx *c = ctx;
    json_array_append_new(c->items, plan_json(p, c->today));
    return true;
}

void fd_plans_list(struct request *req)
{
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    const char *rt = req_query(req, "room_type_id");
    int64_t room_type_id = rt ? atoll(rt) : 0;
    struct plan_list_ctx pc = {json_array(), c.today};
    enum db_status s = plan_list(req->db, req->user.venue_id, room_type_id > 0 ? room_type_id : 0,
                                 append_plan, &pc);
    if (s != DB_OK) {
        json_decref(pc.items);
        reply_db_error(req, s, "价格方案", "price plans");
    } else
        reply_json(req, 200, json_pack("{s:o,s:s}", "items", pc.items, "today", c.today));
    fd_ctx_free(&c);
}

void fd_plans_get(struct request *req)
{
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    struct plan *p = malloc(sizeof *p);
    enum db_status s =
        p ? plan_load(req->db, req->user.venue_id, req_param_id(req, "id"), p) : DB_ERROR;
    if (s != DB_OK)
        reply_db_error(req, s, "价格方案", "price plan");
    else
        reply_json(req, 200, plan_json(p, c.today));
    free(p);
    fd_ctx_free(&c);
}

static const char *const plan_fields[] = {
    "room_type_id", "name", "effective_from", "unit_min", "grace_min", "slots", NULL};
static const char *const slot_fields[] = {"name", "days",     "holiday",         "start",
                                          "end",  "hour_fen", "member_hour_fen", "min_spend_fen",
                                          NULL};

/* Reads slots[] into p; replies and returns false on the first problem. */
static bool read_slots(struct request *req, json_t *arr, struct plan *p)
{
    if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > PLAN_MAX_SLOTS) {
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "时段：应为 1 到 %d 个时段的数组", PLAN_MAX_SLOTS);
        snprintf(en, sizeof en, "slots: an array of 1 to %d slots", PLAN_MAX_SLOTS);
        reply_error(req, 400, "invalid_field", "slots", zh, en);
        return false;
    }
    p->nslots = 0;
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        char path[40], field[80];
        snprintf(path, sizeof path, "slots[%zu]", i);
        if (!fd_keys(req, o, path, slot_fields)) return false;
        struct plan_slot *x = &p->slots[p->nslots++];
        memset(x, 0, sizeof *x);
        const char *name = NULL;
        bool holiday = false;
        snprintf(field, sizeof field, "%s.name", path);
        if (!fd_str(req, o, "name", field, "时段名称", "slot name", true, 20, &name)) return false;
        snprintf(x->name, sizeof x->name, "%s", name);
        snprintf(field, sizeof field, "%s.holiday", path);
        if (!fd_bool(req, o, "holiday", field, "节假日时段", "holiday slot", false, &holiday))
            return false;
        json_t *days = json_object_get(o, "days");
        unsigned mask = 0;
        snprintf(field, sizeof field, "%s.days", path);
        if (days && !json_is_null(days)) {
            size_t k;
            json_t *d;
            bool ok = json_is_array(days);
            json_array_foreach(days, k, d)
            {
                if (!json_is_integer(d) || json_integer_value(d) < 0 || json_integer_value(d) > 6)
                    ok = false;
                else
                    mask |= 1u << json_integer_value(d);
            }
            if (!ok) {
                reply_error(req, 400, "invalid_field", field,
                            "星期：应为 0（周日）到 6（周六）的数组",
                            "days: an array of weekdays 0 (Sunday) to 6 (Saturday)");
                return false;
            }
        } else if (!holiday)
            mask = PRICE_EVERY_DAY;
        if (holiday) mask |= PRICE_HOLIDAY;
        if (!mask) {
            reply_error(req, 400, "invalid_field", field, "时段至少要适用于一天或节假日",
                        "a slot applies to at least one weekday or to holidays");
            return false;
        }
        x->slot.days = mask;
        snprintf(field, sizeof field, "%s.start", path);
        if (!fd_clock(req, o, "start", field, "开始时间", "start", false, &x->slot.start_min))
            return false;
        snprintf(field, sizeof field, "%s.end", path);
        if (!fd_clock(req, o, "end", field, "结束时间", "end", true, &x->slot.end_min))
            return false;
        if (x->slot.end_min <= x->slot.start_min) {
            reply_error(req, 400, "invalid_field", field,
                        "结束时间须晚于开始时间；跨午夜的时段请拆成两个（如 18:00-24:00 和 "
                        "00:00-06:00）",
                        "the end must be after the start; split a slot across midnight in two "
                        "(18:00-24:00 and 00:00-06:00)");
            return false;
        }
        snprintf(field, sizeof field, "%s.hour_fen", path);
        if (!fd_fen(req, o, "hour_fen", field, "每小时价格", "price per hour", true, 100000000,
                    &x->slot.hour_fen))
            return false;
        snprintf(field, sizeof field, "%s.member_hour_fen", path);
        if (!fd_fen(req, o, "member_hour_fen", field, "会员每小时价格", "member price per hour",
                    false, 100000000, &x->slot.member_hour_fen))
            return false;
        snprintf(field, sizeof field, "%s.min_spend_fen", path);
        if (!fd_fen(req, o, "min_spend_fen", field, "最低消费", "minimum spend", false, 100000000,
                    &x->slot.min_spend_fen))
            return false;
    }
    /* Overlaps, named, before the pure check (which only says "bad plan"). */
    for (int a = 0; a < p->nslots; a++)
        for (int b = a + 1; b < p->nslots; b++) {
            const struct price_slot *x = &p->slots[a].slot, *y = &p->slots[b].slot;
            unsigned both = x->days & y->days;
            if (!both || x->start_min >= y->end_min || y->start_min >= x->end_min) continue;
            int d = 0;
            while (d < 8 && !(both & (1u << d)))
                d++;
            char zh[1024], en[1024];
            snprintf(zh, sizeof zh, "时段“%s”与“%s”在%s重叠", p->slots[a].name, p->slots[b].name,
                     d < 7 ? weekday_zh[d] : "节假日");
            snprintf(en, sizeof en, "slots \"%s\" and \"%s\" overlap on %s", p->slots[a].name,
                     p->slots[b].name, d < 7 ? weekday_en[d] : "holidays");
            reply_error(req, 400, "invalid_field", "slots", zh, en);
            return false;
        }
    return true;
}

/* Reads a plan body onto p (absent fields keep p's values). */
static bool plan_from_body(struct request *req, json_t *body, struct plan *p, bool creating)
{
    const char *name = NULL;
    int64_t unit = p->unit_min, grace = p->grace_min;
    if (!jfield_int(req, body, "room_type_id", "房型", "room type", creating, 1, INT64_MAX,
                    &p->room_type_id) ||
        !jfield_str(req, body, "name", "方案名称", "plan name", false, 50, &name) ||
        !fd_day(req, body, "effective_from", "生效日期", "effective from", creating,
                p->effective_from) ||
        !jfield_int(req, body, "unit_min", "计费单位（分钟）", "billing unit (minutes)", creating,
                    1, 240, &unit) ||
        !jfield_int(req, body, "grace_min", "免费时长（分钟）", "grace (minutes)", false, 0, 120,
                    &grace))
        return false;
    if (name) snprintf(p->name, sizeof p->name, "%s", name);
    p->unit_min = (int)unit;
    p->grace_min = (int)grace;
    json_t *slots = json_object_get(body, "slots");
    if (creating || slots) {
        if (!read_slots(req, slots, p)) return false;
    }
    struct price_slot ps[PLAN_MAX_SLOTS];
    for (int i = 0; i < p->nslots; i++)
        ps[i] = p->slots[i].slot;
    struct price_plan check = {ps, p->nslots, p->unit_min, p->grace_min, 360, NULL, 0};
    if (pricing_check_plan(&check) != PRICING_OK) {
        reply_error(req, 400, "invalid_field", "slots", "价格方案不合理（时段越界或重叠）",
                    "the plan is not valid (slots out of range or overlapping)");
        return false;
    }
    return true;
}

/* A plan may start on any day if it is the room type's first (nothing was priced before it);
 * later plans start today or after, so that no day already priced changes. */
static bool effective_day_allowed(struct request *req, const struct fd_ctx *c, const struct plan *p,
                                  int64_t other_plans)
{
    if (other_plans == 0 || strcmp(p->effective_from, c->today) >= 0) return true;
    char zh[1024], en[1024];
    snprintf(
        zh, sizeof zh,
        "新价格只能从今天（营业日 %s）或以后生效：已经过去的日子按当时的价格计算，账单不会被改写",
        c->today);
    snprintf(en, sizeof en,
             "a new price can start today (business day %s) or later: past days keep the prices "
             "they had and no bill is re-priced",
             c->today);
    reply_error(req, 409, "effective_in_past", "effective_from", zh, en);
    return false;
}

struct plan_write {
    struct fd_ctx *c;
    json_t *body;
    int64_t id;
    bool deleting;
};

static enum db_status plan_create_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct plan_write *w = arg;
    struct plan *p = calloc(1, sizeof *p);
    if (!p) return DB_ERROR;
    enum db_status s = DB_INVALID;
    int64_t others = 0;
    struct room_type t;
    if (!plan_from_body(req, w->body, p, true)) goto out;
    s = room_type_load(req->db, req->user.venue_id, p->room_type_id, &t);
    if (s == DB_NOT_FOUND) {
        reply_error(req, 400, "invalid_field", "room_type_id", "房型不存在", "no such room type");
        goto out;
    }
    if (s == DB_OK) s = plan_count(req->db, req->user.venue_id, p->room_type_id, &others);
    if (s != DB_OK) goto out;
    if (!effective_day_allowed(req, w->c, p, others)) {
        s = DB_INVALID;
        goto out;
    }
    if (!p->name[0]) snprintf(p->name, sizeof p->name, "%.150s %s起", t.name, p->effective_from);
    p->created_at = w->c->now;
    snprintf(p->created_by, sizeof p->created_by, "%s", req->user.username);
    s = plan_insert(req->db, req->user.venue_id, p);
    if (s == DB_CONFLICT) {
        reply_error(req, 409, "duplicate", "effective_from", "这个房型在该日已有价格方案",
                    "this room type already has a plan from that day");
        goto out;
    }
    if (s == DB_OK) s = plan_load(req->db, req->user.venue_id, p->id, p);
    if (s == DB_OK) {
        out->status = 201;
        out->body = plan_json(p, w->c->today);
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)p->id);
        s = audit_record(req->db, &a, "create", "price_plan", sid, NULL, out->body);
    }
out:
    free(p);
    return s;
}

void fd_plans_create(struct request *req)
{
    json_t *body = req_json_object(req, plan_fields);
    if (!body) return;
    struct fd_ctx c;
    if (fd_ctx_load(req, &c)) {
        struct plan_write w = {&c, body, 0, false};
        fd_run_write(req, plan_create_tx, &w, "价格方案", "price plan");
        fd_ctx_free(&c);
    }
    json_decref(body);
}

static enum db_status plan_change_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct plan_write *w = arg;
    struct plan *p = calloc(1, sizeof *p);
    if (!p) return DB_ERROR;
    json_t *before = NULL;
    int64_t others = 0;
    enum db_status s = plan_load(req->db, req->user.venue_id, w->id, p);
    if (s != DB_OK) goto out;
    if (strcmp(p->effective_from, w->c->today) <= 0) {
        reply_error(req, 409, "plan_in_force", NULL,
                    "已生效的价格方案不能修改或删除：请新建一个从某日起生效的方案",
                    "a plan in force cannot be changed or deleted: create a new plan from a "
                    "day on");
        s = DB_INVALID;
        goto out;
    }
    before = plan_json(p, w->c->today);
    struct actor a = actor_of(req);
    char sid[24];
    snprintf(sid, sizeof sid, "%lld", (long long)p->id);
    if (w->deleting) {
        s = plan_delete(req->db, req->user.venue_id, p->id);
        if (s == DB_OK) s = audit_record(req->db, &a, "delete", "price_plan", sid, before, NULL);
        if (s == DB_OK) {
            out->status = 200;
            out->body = json_pack("{s:I,s:b}", "id", (json_int_t)p->id, "deleted", 1);
        }
        goto out;
    }
    int64_t room_type_id = p->room_type_id;
    if (!plan_from_body(req, w->body, p, false)) {
        s = DB_INVALID;
        goto out;
    }
    if (p->room_type_id != room_type_id) {
        reply_error(req, 400, "invalid_field", "room_type_id", "价格方案的房型不能更改",
                    "a plan's room type cannot change");
        s = DB_INVALID;
        goto out;
    }
    s = plan_count(req->db, req->user.venue_id, p->room_type_id, &others);
    if (s != DB_OK) goto out;
    if (!effective_day_allowed(req, w->c, p, others - 1)) {
        s = DB_INVALID;
        goto out;
    }
    s = plan_update(req->db, req->user.venue_id, p);
    if (s == DB_CONFLICT) {
        reply_error(req, 409, "duplicate", "effective_from", "这个房型在该日已有价格方案",
                    "this room type already has a plan from that day");
        goto out;
    }
    if (s == DB_OK) s = plan_load(req->db, req->user.venue_id, p->id, p);
    if (s == DB_OK) {
        out->status = 200;
        out->body = plan_json(p, w->c->today);
        s = audit_record(req->db, &a, "update", "price_plan", sid, before, out->body);
    }
out:
    json_decref(before);
    free(p);
    return s;
}

void fd_plans_update(struct request *req)
{
    json_t *body = req_json_object(req, plan_fields);
    if (!body) return;
    struct fd_ctx c;
    if (fd_ctx_load(req, &c)) {
        struct plan_write w = {&c, body, req_param_id(req, "id"), false};
        fd_run_write(req, plan_change_tx, &w, "价格方案", "price plan");
        fd_ctx_free(&c);
    }
    json_decref(body);
}

void fd_plans_delete(struct request *req)
{
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    struct plan_write w = {&c, NULL, req_param_id(req, "id"), true};
    fd_run_write(req, plan_change_tx, &w, "价格方案", "price plan");
    fd_ctx_free(&c);
}

/* ---- holidays ---- */

static bool append_holiday(const struct holiday *h, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:s,s:s}", "day", h->day, "name", h->name));
    return true;
}

void fd_holidays_list(struct request *req)
{
    json_t *items = json_array();
    enum db_status s = holiday_list(req->db, req->user.venue_id, append_holiday, items);
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "节假日", "holidays");
        return;
    }
    reply_json(req, 200, json_pack("{s:o}", "items", items));
}

struct holiday_write {
    char day[11];
    const char *name;
    bool deleting;
};

static enum db_status holiday_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct holiday_write *w = arg;
    enum db_status s = w->deleting ? holiday_delete(req->db, req->user.venue_id, w->day)
                                   : holiday_upsert(req->db, req->user.venue_id, w->day, w->name);
    json_t *after = w->deleting ? NULL : json_pack("{s:s,s:s}", "day", w->day, "name", w->name);
    struct actor a = actor_of(req);
    if (s == DB_OK)
        s = audit_record(req->db, &a, w->deleting ? "delete" : "update", "holiday", w->day, NULL,
                         after);
    if (s == DB_OK) {
        out->status = 200;
        out->body =
            after ? json_incref(after) : json_pack("{s:s,s:b}", "day", w->day, "deleted", 1);
    }
    json_decref(after);
    return s;
}

static bool holiday_day(struct request *req, char out[11])
{
    const char *d = req_param(req, "day");
    int64_t n;
    if (!d || !date_parse(d, &n)) {
        reply_error(req, 400, "invalid_field", "day", "日期格式应为 YYYY-MM-DD",
                    "a date is YYYY-MM-DD");
        return false;
    }
    date_format(n, out);
    return true;
}

void fd_holidays_put(struct request *req)
{
    static const char *const fields[] = {"name", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct holiday_write w = {.name = ""};
    if (holiday_day(req, w.day) &&
        jfield_str(req, body, "name", "节日名称", "holiday name", false, 20, &w.name))
        fd_run_write(req, holiday_tx, &w, "节假日", "holiday");
    json_decref(body);
}

void fd_holidays_delete(struct request *req)
{
    struct holiday_write w = {.deleting = true};
    if (holiday_day(req, w.day)) fd_run_write(req, holiday_tx, &w, "节假日", "holiday");
}

/* ---- packages ---- */

static json_t *package_json(const struct package *p)
{
    json_t *j = json_object();
    char a[6], b[6], u[6];
    json_set_int(j, "id", p->id);
    json_set_str(j, "name", p->name);
    json_set_str(j, "slot", p->slot);
    fd_money(j, "price", p->price_fen);
    json_object_set_new(j, "active", json_boolean(p->active));
    if (p->has_terms) {
        json_t *t = json_object();
        clock_text(p->start_min, a);
        clock_text(p->end_min, b);
        clock_text(p->buyout_until_min, u);
        if (p->room_type_id)
            json_set_int(t, "room_type_id", p->room_type_id);
        else
            json_object_set_new(t, "room_type_id", json_null());
        json_set_int(t, "included_minutes", p->included_minutes);
        json_object_set_new(t, "buyout", json_boolean(p->buyout));
        json_set_str(t, "buyout_until", u);
        json_object_set_new(t, "days", days_json(p->days));
        json_set_str(t, "start", a);
        json_set_str(t, "end", b);
        json_set_str(t, "effective_from", p->effective_from);
        json_set_str(t, "effective_to", p->effective_to);
        json_object_set_new(j, "terms", t);
    } else
        json_object_set_new(j, "terms", json_null());
    json_t *items = json_array();
    for (int i = 0; i < p->nitems; i++) {
        const struct package_item *it = &p->items[i];
        json_t *x = json_object();
        json_set_int(x, "product_id", it->product_id);
        json_set_str(x, "product", it->product);
        json_set_int(x, "qty", it->qty);
        json_set_str(x, "choice_group", it->choice_group);
        json_array_append_new(items, x);
    }
    json_object_set_new(j, "items", items);
    return j;
}

static bool append_package(const struct package *p, void *ctx)
{
    json_array_append_new(ctx, package_json(p));
    return true;
}

void fd_packages_list(struct request *req)
{
    json_t *items = json_array();
    enum db_status s = fd_package_list(req->db, req->user.venue_id, append_package, items);
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "套餐", "packages");
        return;
    }
    reply_json(req, 200, json_pack("{s:o}", "items", items));
}

void fd_packages_get(struct request *req)
{
    struct package *p = malloc(sizeof *p);
    enum db_status s =
        p ? fd_package_load(req->db, req->user.venue_id, req_param_id(req, "id"), p) : DB_ERROR;
    if (s != DB_OK)
        reply_db_error(req, s, "套餐", "package");
    else
        reply_json(req, 200, package_json(p));
    free(p);
}

static const char *const package_fields[] = {"name",  "slot",  "price_fen", "active",
                                             "terms", "items", NULL};
static const char *const terms_fields[] = {
    "room_type_id",   "included_minutes", "buyout", "buyout_until", "days", "start", "end",
    "effective_from", "effective_to",     NULL};
static const char *const item_fields[] = {"product_id", "qty", "choice_group", NULL};

static bool package_terms_from(struct request *req, json_t *t, struct package *p)
{
    if (!fd_keys(req, t, "terms", terms_fields)) return false;
    int64_t room_type_id = p->room_type_id, minutes = p->included_minutes;
    bool buyout = p->buyout;
    if (!fd_int(req, t, "room_type_id", "terms.room_type_id", "适用房型", "room type", false, 0,
                INT64_MAX, &room_type_id) ||
        !fd_int(req, t, "included_minutes", "terms.included_minutes", "包含时长（分钟）",
                "included minutes", false, 0, 2880, &minutes) ||
        !fd_bool(req, t, "buyout", "terms.buyout", "买断", "buy-out", false, &buyout))
        return false;
    if (json_object_get(t, "buyout_until") &&
        !fd_clock(req, t, "buyout_until", "terms.buyout_until", "买断至", "buy-out until", false,
                  &p->buyout_until_min))
        return false;
    if (json_object_get(t, "start") && !fd_clock(req, t, "start", "terms.start", "可开时段开始",
                                                 "may open from", false, &p->start_min))
        return false;
    if (json_object_get(t, "end") &&
        !fd_clock(req, t, "end", "terms.end", "可开时段结束", "may open until", true, &p->end_min))
        return false;
    json_t *days = json_object_get(t, "days");
    if (days && !json_is_null(days)) {
        unsigned mask = 0;
        size_t k;
        json_t *d;
        bool ok = json_is_array(days);
        json_array_foreach(days, k, d)
        {
            if (!json_is_integer(d) || json_integer_value(d) < 0 || json_integer_value(d) > 6)
                ok = false;
            else
                mask |= 1u << json_integer_value(d);
        }
        if (!ok || !mask) {
            reply_error(req, 400, "invalid_field", "terms.days",
                        "星期：应为 0（周日）到 6（周六）的非空数组",
                        "days: a non-empty array of weekdays 0 (Sunday) to 6 (Saturday)");
            return false;
        }
        p->days = mask;
    }
    char from[11] = "", to[11] = "";
    if (!fd_day(req, t, "effective_from", "起始日期", "effective from", false, from) ||
        !fd_day(req, t, "effective_to", "截止日期", "effective to", false, to))
        return false;
    if (from[0]) snprintf(p->effective_from, sizeof p->effective_from, "%s", from);
    if (to[0]) snprintf(p->effective_to, sizeof p->effective_to, "%s", to);
    if (p->start_min >= p->end_min) {
        reply_error(req, 400, "invalid_field", "terms.end", "可开时段的结束须晚于开始",
                    "the window's end must be after its start");
        return false;
    }
    if (strcmp(p->effective_from, p->effective_to) > 0) {
        reply_error(req, 400, "invalid_field", "terms.effective_to", "截止日期早于起始日期",
                    "effective_to is before effective_from");
        return false;
    }
    if (!buyout && minutes <= 0) {
        reply_error(req, 400, "invalid_field", "terms.included_minutes",
                    "套餐须包含时长（分钟），或设为买断",
                    "a package includes some minutes, or is a buy-out");
        return false;
    }
    if (room_type_id) {
        struct room_type rt;
        if (room_type_load(req->db, req->user.venue_id, room_type_id, &rt) != DB_OK) {
            reply_error(req, 400, "invalid_field", "terms.room_type_id", "房型不存在",
                        "no such room type");
            return false;
        }
    }
    p->room_type_id = room_type_id;
    p->included_minutes = (int)minutes;
    p->buyout = buyout;
    p->has_terms = true;
    return true;
}

static bool package_items_from(struct request *req, json_t *arr, struct package *p)
{
    if (!json_is_array(arr) || json_array_size(arr) > PACKAGE_MAX_ITEMS) {
        char zh[120], en[120];
        snprintf(zh, sizeof zh, "套餐内容：最多 %d 项的数组", PACKAGE_MAX_ITEMS);
        snprintf(en, sizeof en, "items: an array of at most %d items", PACKAGE_MAX_ITEMS);
        reply_error(req, 400, "invalid_field", "items", zh, en);
        return false;
    }
    p->nitems = 0;
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        char path[32], f1[64], f2[64], f3[64];
        snprintf(path, sizeof path, "items[%zu]", i);
        snprintf(f1, sizeof f1, "%s.product_id", path);
        snprintf(f2, sizeof f2, "%s.qty", path);
        snprintf(f3, sizeof f3, "%s.choice_group", path);
        if (!fd_keys(req, o, path, item_fields)) return false;
        struct package_item *it = &p->items[p->nitems++];
        memset(it, 0, sizeof *it);
        const char *group = NULL;
        if (!fd_int(req, o, "product_id", f1, "商品", "product", true, 1, INT64_MAX,
                    &it->product_id) ||
            !fd_int(req, o, "qty", f2, "数量", "quantity", true, 1, 999, &it->qty) ||
            !fd_str(req, o, "choice_group", f3, "可选组", "choice group", false, 20, &group))
            return false;
        if (group) snprintf(it->choice_group, sizeof it->choice_group, "%s", group);
        struct product pr;
        if (product_load(req->db, req->user.venue_id, it->product_id, &pr) != DB_OK) {
            reply_error(req, 400, "invalid_field", f1, "商品不存在", "no such product");
            return false;
        }
    }
    return true;
}

struct package_write {
    json_t *body;
    int64_t id;
};

static enum db_status package_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct package_write *w = arg;
    struct package *p = calloc(1, sizeof *p);
    if (!p) return DB_ERROR;
    json_t *before = NULL;
    enum db_status s = DB_OK;
    if (w->id) {
        s = fd_package_load(req->db, req->user.venue_id, w->id, p);
        if (s != DB_OK) goto out;
        before = package_json(p);
    } else {
        p->active = true;
        p->days = PRICE_EVERY_DAY;
        p->end_min = 1440;
        p->buyout_until_min = 360;
        snprintf(p->effective_from, sizeof p->effective_from, "2000-01-01");
        snprintf(p->effective_to, sizeof p->effective_to, "9999-12-31");
    }
    const char *name = NULL, *slot = NULL;
    s = DB_INVALID;
    if (!jfield_str(req, w->body, "name", "套餐名称", "package name", !w->id, 100, &name) ||
        !jfield_str(req, w->body, "slot", "档位", "slot", false, 20, &slot) ||
        !fd_fen(req, w->body, "price_fen", "price_fen", "套餐价格", "package price", !w->id,
                100000000, &p->price_fen) ||
        !jfield_bool(req, w->body, "active", "启用", "active", false, &p->active))
        goto out;
    if (name) snprintf(p->name, sizeof p->name, "%s", name);
    if (slot) snprintf(p->slot, sizeof p->slot, "%s", slot);
    json_t *terms = json_object_get(w->body, "terms");
    if (terms && !json_is_null(terms) && !package_terms_from(req, terms, p)) goto out;
    json_t *items = json_object_get(w->body, "items");
    if (items && !json_is_null(items) && !package_items_from(req, items, p)) goto out;
    s = fd_package_save(req->db, req->user.venue_id, p);
    if (s == DB_CONFLICT) {
        reply_error(req, 409, "duplicate", "name", "已有同名套餐", "a package has this name");
        goto out;
    }
    if (s == DB_OK) s = fd_package_load(req->db, req->user.venue_id, p->id, p);
    if (s == DB_OK) {
        out->status = w->id ? 200 : 201;
        out->body = package_json(p);
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)p->id);
        s = audit_record(req->db, &a, w->id ? "update" : "create", "package", sid, before,
                         out->body);
    }
out:
    json_decref(before);
    free(p);
    return s;
}

void fd_packages_create(struct request *req)
{
    json_t *body = req_json_object(req, package_fields);
    if (!body) return;
    struct package_write w = {body, 0};
    fd_run_write(req, package_tx, &w, "套餐", "package");
    json_decref(body);
}

void fd_packages_update(struct request *req)
{
    json_t *body = req_json_object(req, package_fields);
    if (!body) return;
    struct package_write w = {body, req_param_id(req, "id")};
    if (!w.id)
        reply_not_found(req);
    else
        fd_run_write(req, package_tx, &w, "套餐", "package");
    json_decref(body);
}

/* ---- role limits ---- */

static json_t *role_limit_json(const struct role_limit_row *r)
{
    json_t *j = json_object();
    json_set_str(j, "role", r->role);
    json_set_str(j, "role_name", auth_role_name_zh(r->role));
    fd_money(j, "gift_limit", r->limit.gift_limit_fen);
    json_set_int(j, "discount_limit_bp", r->limit.discount_limit_bp);
    fd_money(j, "discount_limit", r->limit.discount_limit_fen);
    fd_money(j, "refund_limit", r->refund_limit_fen);
    return j;
}

void fd_role_limits_list(struct request *req)
{
    json_t *items = json_array();
    enum db_status s = DB_OK;
    /* Every role, with zero limits where none are set. */
    for (int i = 0; s == DB_OK && auth_roles[i]; i++) {
        struct role_limit_row r;
        s = role_limit_load(req->db, auth_roles[i], &r);
        if (s == DB_OK) json_array_append_new(items, role_limit_json(&r));
    }
    if (s != DB_OK) {
        json_decref(items);
        reply_db_error(req, s, "权限额度", "limits");
        return;
    }
    reply_json(req, 200, json_pack("{s:o}", "items", items));
}

struct limit_write {
    json_t *body;
    const char *role;
};

static enum db_status role_limit_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct limit_write *w = arg;
    struct role_limit_row r;
    enum db_status s = role_limit_load(req->db, w->role, &r);
    if (s != DB_OK) return s;
    json_t *before = role_limit_json(&r);
    if (!fd_fen(req, w->body, "gift_limit_fen", "gift_limit_fen", "赠送额度", "gift limit", false,
                MONEY_MAX_FEN, &r.limit.gift_limit_fen) ||
        !jfield_int(req, w->body, "discount_limit_bp", "折扣额度（基点）",
                    "discount limit (basis points)", false, 0, 10000, &r.limit.discount_limit_bp) ||
        !fd_fen(req, w->body, "discount_limit_fen", "discount_limit_fen", "减免额度",
                "fixed discount limit", false, MONEY_MAX_FEN, &r.limit.discount_limit_fen) ||
        !fd_fen(req, w->body, "refund_limit_fen", "refund_limit_fen", "退款审批额度",
                "refund approval limit", false, MONEY_MAX_FEN, &r.refund_limit_fen)) {
        json_decref(before);
        return DB_INVALID;
    }
    s = role_limit_save(req->db, &r);
    if (s == DB_OK) {
        out->status = 200;
        out->body = role_limit_json(&r);
        struct actor a = actor_of(req);
        s = audit_record(req->db, &a, "update", "role_limit", r.role, before, out->body);
    }
    json_decref(before);
    return s;
}

void fd_role_limits_put(struct request *req)
{
    static const char *const fields[] = {"gift_limit_fen", "discount_limit_bp",
                                         "discount_limit_fen", "refund_limit_fen", NULL};
    const char *role = req_param(req, "role");
    if (!role || !auth_role_valid(role)) {
        reply_error(req, 404, "not_found", "role", "没有这个角色", "no such role");
        return;
    }
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct limit_write w = {body, role};
    fd_run_write(req, role_limit_tx, &w, "权限额度", "limits");
    json_decref(body);
}
