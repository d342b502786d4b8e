/* frontdesk/api_stays.c: a stay (开房) from opening to before checkout: open (walk-in or
 * package), order goods and the guest's package choices, return unopened goods, gifts within
 * the role's limit or with a manager's approval, change room, extend, cancel a stay opened by
 * mistake, and the quote (what the guest would pay now, nothing written).
 *
 * Every write is one transaction, audited; writes from tills may carry an idempotency key
 * (a repeated order with the same key is one order). */
#include "frontdesk/api_internal.h"

#include "core/audit.h"
#include "core/json.h"
#include "core/money.h"
#include "master/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A back-dated opening may go this far into the past (a stay longer is not priced anyway). */
#define BACKDATE_MAX_SECONDS (48 * 3600)

static bool is_admin(const struct request *req)
{
    return strcmp(req->user.role, "admin") == 0;
}

static void audit_stay(struct request *req, enum db_status *s, const char *action, int64_t stay_id,
                       json_t *after)
{
    if (*s != DB_OK) return;
    struct actor a = actor_of(req);
    char sid[24];
    snprintf(sid, sizeof sid, "%lld", (long long)stay_id);
    *s = audit_record(req->db, &a, action, "stay", sid, NULL, after);
}

/* ---- the JSON of a stay ---- */

json_t *fd_stay_json(const struct fd_ctx *c, const struct stay_bill *b)
{
    const struct stay_full *f = &b->full;
    const struct stay *s = &f->stay;
    json_t *j = json_object();
    char t[20], masked[44];
    json_set_int(j, "id", s->id);
    json_set_str(j, "status", s->status);
    json_set_int(j, "room_id", s->room_id);
    json_set_str(j, "room_no", f->rooms[f->nrooms - 1].room_no);
    json_set_str(j, "room_type", f->rooms[f->nrooms - 1].room_type);
    fd_local_text(c, s->opened_at, t);
    json_set_str(j, "opened_at", t);
    json_set_int(j, "opened_at_epoch", s->opened_at);
    json_set_int(j, "guests", s->guests);
    json_set_str(j, "booker", s->booker);
    fd_mask_phone(s->member_phone, masked);
    json_set_str(j, "member_phone", masked);
    json_set_str(j, "opened_by", s->opened_by);
    json_set_int(j, "planned_minutes", s->planned_minutes);
    json_set_str(j, "note", s->note);
    if (s->bill_id) json_set_int(j, "bill_id", s->bill_id);
    json_t *rooms = json_array();
    for (int k = 0; k < f->nrooms; k++) {
        json_t *r = json_object();
        json_set_int(r, "room_id", f->rooms[k].room_id);
        json_set_str(r, "room_no", f->rooms[k].room_no);
        json_set_str(r, "room_type", f->rooms[k].room_type);
        fd_local_text(c, f->rooms[k].from_at, t);
        json_set_str(r, "from", t);
        if (f->rooms[k].to_at) {
            fd_local_text(c, f->rooms[k].to_at, t);
            json_set_str(r, "to", t);
        }
        json_array_append_new(rooms, r);
    }
    json_object_set_new(j, "rooms", rooms);
    json_t *pk = json_array();
    for (int i = 0; i < f->npackages; i++) {
        json_t *p = json_object();
        json_set_int(p, "package_id", f->packages[i].package_id);
        json_set_str(p, "name", f->packages[i].name);
        fd_money(p, "price", f->packages[i].price_fen);
        json_set_int(p, "included_minutes", f->packages[i].included_minutes);
        json_object_set_new(p, "buyout", json_boolean(f->packages[i].buyout));
        json_array_append_new(pk, p);
    }
    json_object_set_new(j, "packages", pk);
    json_t *items = json_array();
    for (int i = 0; i < f->nitems; i++) {
        const struct stay_item *it = &f->items[i];
        json_t *x = json_object();
        json_set_int(x, "id", it->id);
        json_set_int(x, "product_id", it->product_id);
        json_set_str(x, "item", it->item);
        json_set_int(x, "qty", it->qty);
        fd_money(x, "unit_price", it->unit_fen);
        json_object_set_new(x, "gift", json_boolean(it->gift));
        if (it->gift) json_set_str(x, "approved_by", it->approved_by);
        if (it->package_id) json_set_int(x, "package_id", it->package_id);
        if (it->choice_group[0]) json_set_str(x, "choice_group", it->choice_group);
        if (it->return_of)
            json_set_int(x, "return_of", it->return_of);
        else
            json_set_int(x, "returned", it->returned);
        fd_local_text(c, it->at, t);
        json_set_str(x, "at", t);
        json_set_str(x, "by", it->by_user);
        json_array_append_new(items, x);
    }
    json_object_set_new(j, "items", items);
    if (b->bill.lines || b->bill.status == PRICING_OK)
        json_object_set_new(j, "bill", fd_bill_json(c, b, NULL));
    return j;
}

/* ---- opening ---- */

bool fd_open_args(struct request *req, const struct fd_ctx *c, json_t *body, struct open_args *a)
{
    if (!jfield_int(req, body, "guests", "人数", "guests", false, 0, 500, &a->guests) ||
        !jfield_str(req, body, "booker", "订房人", "booker", false, 25, &a->booker) ||
        !fd_phone(req, body, "member_phone", "member_phone", "会员手机号", "member phone",
                  &a->member_phone) ||
        !jfield_int(req, body, "package_id", "套餐", "package", false, 1, INT64_MAX,
                    &a->package_id) ||
        !jfield_int(req, body, "planned_minutes", "预订时长（分钟）", "planned minutes", false, 0,
                    2880, &a->planned_minutes) ||
        !jfield_str(req, body, "note", "备注", "note", false, 100, &a->note) ||
        !fd_time(req, c, body, "opened_at", "开房时间", "opened at", false, &a->opened_at))
        return false;
    json_t *choices = json_object_get(body, "choices");
    if (choices && !json_is_null(choices)) {
        if (!json_is_object(choices)) {
            reply_error(req, 400, "invalid_field", "choices",
                        "套餐选择应为对象 {\"可选组\": 商品id}",
                        "choices is an object {\"group\": product_id}");
            return false;
        }
        a->choices = choices;
    }
    if (a->opened_at) {
        /* Back-entry of a stay (a paper record after an outage, and the tests' fixed clocks):
         * the admin only, and never in the future. */
        if (!is_admin(req)) {
            reply_error(req, 403, "forbidden", "opened_at", "只有管理员可以补录开房时间",
                        "only an admin may set the opening time");
            return false;
        }
        if (a->opened_at > c->now || a->opened_at < c->now - BACKDATE_MAX_SECONDS) {
            reply_error(req, 400, "invalid_field", "opened_at",
                        "补录的开房时间须在过去 48 小时之内",
                        "a back-entered opening is within the last 48 hours");
            return false;
        }
    }
    return true;
}

bool fd_room_available(struct request *req, const struct fd_ctx *c, int64_t room_id,
                       int64_t reservation_id, enum db_status *s)
{
    struct room r;
    char zh[1024], en[1024];
    *s = room_load(req->db, req->user.venue_id, room_id, &r);
    if (*s == DB_NOT_FOUND || (*s == DB_OK && !r.active)) {
        reply_error(req, 400, "invalid_field", "room_id", "房间不存在或已停用",
                    "no such room, or it is inactive");
        *s = DB_INVALID;
        return false;
    }
    if (*s != DB_OK) return false;
    int64_t other = 0;
    *s = stay_open_of_room(req->db, room_id, &other);
    if (*s == DB_OK) {
        snprintf(zh, sizeof zh, "房间 %s 正在使用中", r.room_no);
        snprintf(en, sizeof en, "room %s is in use", r.room_no);
        reply_error(req, 409, "room_in_use", "room_id", zh, en);
        *s = DB_INVALID;
        return false;
    }
    if (*s != DB_NOT_FOUND) return false;
    char state[20], note[404];
    *s = room_state_get(req->db, room_id, state, note);
    if (*s != DB_OK) return false;
    if (strcmp(state, "free") != 0) {
        bool out = strcmp(state, "out_of_service") == 0;
        snprintf(zh, sizeof zh, "房间 %s %s%s%s", r.room_no, out ? "维修停用中" : "待清洁",
                 note[0] ? "：" : "", note);
        snprintf(en, sizeof en, "room %s is %s%s%s", r.room_no,
                 out ? "out of service" : "to be cleaned", note[0] ? ": " : "", note);
        reply_error(req, 409, out ? "room_out_of_service" : "room_cleaning", "room_id", zh, en);
        *s = DB_INVALID;
        return false;
    }
    /* A hold that is current (from an hour before the guest is due until the hold ends) keeps
     * the room for its guest. */
    *s = reservation_overlap(req->db, room_id, c->now, c->now + 3600, reservation_id, &other);
    if (*s == DB_OK) {
        struct reservation v;
        char hold[6];
        if (reservation_load(req->db, req->user.venue_id, other, &v) != DB_OK) {
            *s = DB_ERROR;
            return false;
        }
        fd_local_hhmm(c, v.hold_until, hold);
        snprintf(zh, sizeof zh, "房间 %s 已被预订（%s，保留到 %s）；客人到店请用预订到店",
                 r.room_no, v.guest_name, hold);
        snprintf(en, sizeof en,
                 "room %s is reserved (%s, held until %s); open it through the reservation's "
                 "arrival",
                 r.room_no, v.guest_name, hold);
        reply_error(req, 409, "room_reserved", "room_id", zh, en);
        *s = DB_INVALID;
        return false;
    }
    if (*s != DB_NOT_FOUND) return false;
    *s = DB_OK;
    return true;
}

/* Whether a package may be opened now in this room (its terms: room type, weekdays, window,
 * dates); replies 409 if not. */
static bool package_allowed(struct request *req, const struct fd_ctx *c, const struct package *p,
                            int64_t room_type_id, int64_t at)
{
    char zh[1024], en[1024];
    const char *why_zh = NULL, *why_en = NULL;
    char day[11];
    fd_bizday(c, at, day);
    int64_t dn = 0;
    date_parse(day, &dn);
    int64_t local = fd_local(c, at);
    int clock = (int)(((local % 86400) + 86400) % 86400 / 60);
    if (!p->active)
        why_zh = "已停用", why_en = "is inactive";
    else if (!p->has_terms)
        why_zh = "没有设置时长等条款", why_en = "has no terms (minutes, buy-out)";
    else if (p->room_type_id && p->room_type_id != room_type_id)
        why_zh = "不适用于这个房型", why_en = "is not sold for this room type";
    else if (strcmp(day, p->effective_from) < 0 || strcmp(day, p->effective_to) > 0)
        why_zh = "不在销售日期内", why_en = "is not on sale on this day";
    else if (!(p->days & (1u << weekday_from_days(dn))))
        why_zh = "今天不销售", why_en = "is not sold on this weekday";
    else if (clock < p->start_min || clock >= p->end_min)
        why_zh = "不在可开时段内", why_en = "is not sold at this time of day";
    if (!why_zh) return true;
    snprintf(zh, sizeof zh, "套餐“%s”%s", p->name, why_zh);
    snprintf(en, sizeof en, "package \"%s\" %s", p->name, why_en);
    reply_error(req, 409, "package_not_allowed", "package_id", zh, en);
    return false;
}

/* Writes a package onto a stay: its terms as sold and its fixed goods (and the choices given). */
static enum db_status sell_package(struct request *req, const struct fd_ctx *c, int64_t stay_id,
                                   const struct package *p, json_t *choices)
{
    struct stay_package sp = {0};
    sp.package_id = p->id;
    snprintf(sp.name, sizeof sp.name, "%s", p->name);
    sp.price_fen = p->price_fen;
    sp.included_minutes = p->buyout ? 0 : p->included_minutes;
    sp.buyout = p->buyout;
    sp.buyout_until_min = p->buyout_until_min;
    sp.at = c->now;
    snprintf(sp.by_user, sizeof sp.by_user, "%s", req->user.username);
    enum db_status s = stay_package_insert(req->db, stay_id, &sp);
    for (int i = 0; s == DB_OK && i < p->nitems; i++) {
        const struct package_item *pi = &p->items[i];
        if (pi->choice_group[0]) {
            /* A group's item is taken only when the guest chose it. */
            json_t *pick = choices ? json_object_get(choices, pi->choice_group) : NULL;
            if (!json_is_integer(pick) || json_integer_value(pick) != pi->product_id) continue;
        }
        struct stay_item it = {0};
        it.product_id = pi->product_id;
        snprintf(it.item, sizeof it.item, "%s", pi->product);
        it.qty = pi->qty;
        it.list_fen = pi->list_fen;
        it.package_id = p->id;
        snprintf(it.choice_group, sizeof it.choice_group, "%s", pi->choice_group);
        it.at = c->now;
        snprintf(it.by_user, sizeof it.by_user, "%s", req->user.username);
        s = stay_item_insert(req->db, stay_id, &it);
    }
    return s;
}

/* Checks that every choice names a group of the package and one of its products. */
static bool choices_valid(struct request *req, const struct package *p, json_t *choices)
{
    if (!choices) return true;
    const char *group;
    json_t *v;
    json_object_foreach(choices, group, v)
    {
        bool ok = false;
        for (int i = 0; i < p->nitems; i++)
            if (strcmp(p->items[i].choice_group, group) == 0 && json_is_integer(v) &&
                json_integer_value(v) == p->items[i].product_id)
                ok = true;
        if (!ok) {
            /* A group name longer than any real one is not echoed (a cut could split a
             * character and make the reply invalid UTF-8). */
            const char *shown = strlen(group) <= 100 ? group : "…";
            char field[140], zh[1024], en[1024];
            snprintf(field, sizeof field, "choices.%s", shown);
            snprintf(zh, sizeof zh, "套餐“%s”没有可选组“%s”或该组没有这个商品", p->name, shown);
            snprintf(en, sizeof en,
                     "package \"%s\" has no choice group \"%s\" or not this product in it", p->name,
                     shown);
            reply_error(req, 400, "invalid_field", field, zh, en);
            return false;
        }
    }
    return true;
}

enum db_status fd_open_stay(struct request *req, const struct fd_ctx *c, const struct open_args *a,
                            int64_t *stay_id)
{
    enum db_status s;
    if (!fd_room_available(req, c, a->room_id, a->reservation_id, &s)) return s;
    struct room r;
    s = room_load(req->db, req->user.venue_id, a->room_id, &r);
    if (s != DB_OK) return s;
    int64_t opened_at = a->opened_at ? a->opened_at : c->now;
    struct package *p = NULL;
    if (a->package_id) {
        p = malloc(sizeof *p);
        if (!p) return DB_ERROR;
        s = fd_package_load(req->db, req->user.venue_id, a->package_id, p);
        if (s == DB_NOT_FOUND) {
            reply_error(req, 400, "invalid_field", "package_id", "套餐不存在", "no such package");
            s = DB_INVALID;
        }
        if (s == DB_OK && (!package_allowed(req, c, p, r.room_type_id, opened_at) ||
                           !choices_valid(req, p, a->choices)))
            s = DB_INVALID;
        if (s != DB_OK) goto out;
    } else if (a->choices) {
        reply_error(req, 400, "invalid_field", "choices", "没有套餐就没有套餐选择",
                    "choices need a package");
        s = DB_INVALID;
        goto out;
    }
    if (a->member_phone && a->member_phone[0]) {
        struct member m;
        s = member_find(req->db, req->user.venue_id, a->member_phone, &m);
        if (s == DB_NOT_FOUND || (s == DB_OK && !m.active)) {
            reply_error(req, 400, "invalid_field", "member_phone", "没有这个会员（或已停用）",
                        "no such member (or inactive)");
            s = DB_INVALID;
        }
        if (s != DB_OK) goto out;
    }
    struct stay st = {0};
    st.venue_id = req->user.venue_id;
    st.room_id = a->room_id;
    st.opened_at = opened_at;
    st.guests = a->guests;
    snprintf(st.booker, sizeof st.booker, "%s", a->booker ? a->booker : "");
    snprintf(st.member_phone, sizeof st.member_phone, "%s", a->member_phone ? a->member_phone : "");
    st.package_id = a->package_id;
    snprintf(st.opened_by, sizeof st.opened_by, "%s", req->user.username);
    st.reservation_id = a->reservation_id;
    st.planned_minutes = a->planned_minutes;
    if (!st.planned_minutes && p && !p->buyout) st.planned_minutes = p->included_minutes;
    snprintf(st.note, sizeof st.note, "%s", a->note ? a->note : "");
    s = stay_insert(req->db, &st);
    if (s == DB_CONFLICT) {
        /* The unique index: another till opened the room a moment ago. */
        reply_error(req, 409, "room_in_use", "room_id", "房间刚被其他收银台开出",
                    "another till has just opened this room");
        s = DB_INVALID;
        goto out;
    }
    if (s == DB_OK) s = stay_room_insert(req->db, st.id, a->room_id, opened_at);
    if (s == DB_OK && p) s = sell_package(req, c, st.id, p, a->choices);
    if (s == DB_OK) {
        json_t *after =
            json_pack("{s:I,s:s,s:I,s:I}", "room_id", (json_int_t)a->room_id, "room_no", r.room_no,
                      "guests", (json_int_t)a->guests, "package_id", (json_int_t)a->package_id);
        audit_stay(req, &s, "open", st.id, after);
        json_decref(after);
    }
    *stay_id = st.id;
out:
    free(p);
    return s;
}

/* ---- endpoints ---- */

/* After a write: the stay as it is now (reloaded in the same transaction). */
static enum db_status stay_answer(struct request *req, const struct fd_ctx *c, int64_t stay_id,
                                  int status, struct fd_reply *out)
{
    struct stay_bill sb;
    enum fd_compose_status st = fd_stay_bill(req, c, stay_id, c->now, NULL, &sb);
    enum db_status s = st == FD_COMPOSE_DB ? sb.db : DB_OK;
    if (s == DB_OK) {
        out->status = status;
        out->body = fd_stay_json(c, &sb);
    }
    fd_stay_bill_free(&sb);
    return s;
}

struct stay_write {
    struct fd_ctx *c;
    json_t *body;
    int64_t stay_id;
    struct idem idem;
    struct open_args open;
    struct approval approval;
};

/* Loads the stay of a write and refuses unless it is open. */
static enum db_status open_stay_of(struct request *req, int64_t id, struct stay *s)
{
    enum db_status e = stay_load(req->db, req->user.venue_id, id, s);
    if (e == DB_NOT_FOUND) {
        reply_error(req, 404, "not_found", NULL, "没有这个开房记录", "no such stay");
        return e;
    }
    if (e == DB_OK && strcmp(s->status, "open") != 0) {
        char bill_no[48] = "";
        if (s->bill_id) stay_bill_no(req->db, s->bill_id, bill_no);
        char zh[1024], en[1024];
        snprintf(zh, sizeof zh, "这个房间已结账或已取消%s%s%s", bill_no[0] ? "（账单 " : "",
                 bill_no, bill_no[0] ? "）" : "");
        snprintf(en, sizeof en, "this stay is already checked out or cancelled%s%s%s",
                 bill_no[0] ? " (bill " : "", bill_no, bill_no[0] ? ")" : "");
        reply_error(req, 409, "stay_closed", NULL, zh, en);
        return DB_INVALID;
    }
    return e;
}

static enum db_status open_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct stay_write *w = arg;
    enum db_status s;
    if (fd_idem_replay(req, &w->idem, out, &s)) return s;
    int64_t stay_id = 0;
    s = fd_open_stay(req, w->c, &w->open, &stay_id);
    if (s == DB_OK) s = stay_answer(req, w->c, stay_id, 201, out);
    if (s == DB_OK) s = fd_idem_store(req, &w->idem, out->status, out->body);
    return s;
}

void fd_stays_open(struct request *req)
{
    static const char *const fields[] = {
        "room_id",         "guests", "booker",    "member_phone",    "package_id", "choices",
        "planned_minutes", "note",   "opened_at", "idempotency_key", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    if (fd_ctx_load(req, &c)) {
        struct stay_write w = {.c = &c, .body = body};
        if (jfield_int(req, body, "room_id", "房间", "room", true, 1, INT64_MAX, &w.open.room_id) &&
            fd_open_args(req, &c, body, &w.open) &&
            fd_idem_prepare(req, body, false, "open", &w.idem))
            fd_run_write(req, open_tx, &w, "开房", "stay");
        fd_ctx_free(&c);
    }
    json_decref(body);
}

struct list_ctx {
    struct request *req;
    struct fd_ctx *c;
    json_t *items;
    int64_t *ids;
    int n, cap;
};

static bool collect_stay(const struct stay *s, void *ctx)
{
    struct list_ctx *l = ctx;
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 32;
        int64_t *p = realloc(l->ids, sizeof *p * (size_t)cap);
        if (!p) return false;
        l->ids = p;
        l->cap = cap;
    }
    l->ids[l->n++] = s->id;
    return true;
}

/* GET /api/v1/stays: the open stays with their bills now. */
void fd_stays_list(struct request *req)
{
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    struct list_ctx l = {req, &c, json_array(), NULL, 0, 0};
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK) s = stay_list_open(req->db, req->user.venue_id, collect_stay, &l);
    for (int i = 0; s == DB_OK && i < l.n; i++) {
        struct stay_bill sb;
        enum fd_compose_status st = fd_stay_bill(req, &c, l.ids[i], c.now, NULL, &sb);
        if (st == FD_COMPOSE_DB)
            s = sb.db;
        else
            json_array_append_new(l.items, fd_stay_json(&c, &sb));
        fd_stay_bill_free(&sb);
    }
    free(l.ids);
    if (s != DB_OK) {
        json_decref(l.items);
        reply_db_error(req, s, "开房记录", "stays");
    } else
        reply_json(req, 200, json_pack("{s:o}", "items", l.items));
    fd_ctx_free(&c);
}

void fd_stays_get(struct request *req)
{
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    struct stay_bill sb;
    int64_t id = req_param_id(req, "id");
    enum fd_compose_status st = fd_stay_bill(req, &c, id, c.now, NULL, &sb);
    if (st == FD_COMPOSE_OK && strcmp(sb.full.stay.status, "open") != 0 && sb.full.stay.closed_at)
        st = fd_stay_recompose(&c, sb.full.stay.closed_at, NULL, &sb);
    if (st == FD_COMPOSE_DB)
        fd_reply_compose_error(req, st, &sb);
    else
        reply_json(req, 200, fd_stay_json(&c, &sb));
    fd_stay_bill_free(&sb);
    fd_ctx_free(&c);
}

/* ---- ordering ---- */

struct order {
    int64_t product_id, qty;
    const char *choice;
};

static enum db_status order_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct stay_write *w = arg;
    struct order o = {0, 1, NULL};
    enum db_status s;
    if (fd_idem_replay(req, &w->idem, out, &s)) return s;
    struct stay st;
    if ((s = open_stay_of(req, w->stay_id, &st)) != DB_OK) return s;
    if (!jfield_int(req, w->body, "product_id", "商品", "product", true, 1, INT64_MAX,
                    &o.product_id) ||
        !jfield_int(req, w->body, "qty", "数量", "quantity", false, 1, 999, &o.qty) ||
        !jfield_str(req, w->body, "choice", "套餐可选组", "package choice group", false, 20,
                    &o.choice))
        return DB_INVALID;
    struct product p;
    s = product_load(req->db, req->user.venue_id, o.product_id, &p);
    if (s == DB_NOT_FOUND || (s == DB_OK && !p.active)) {
        reply_error(req, 400, "invalid_field", "product_id", "商品不存在或已停售",
                    "no such product, or it is not on sale");
        return DB_INVALID;
    }
    if (s != DB_OK) return s;
    struct stay_item it = {0};
    it.product_id = p.id;
    snprintf(it.item, sizeof it.item, "%s", p.name);
    it.qty = o.qty;
    it.unit_fen = p.price_fen;
    it.list_fen = p.price_fen;
    it.at = w->c->now;
    snprintf(it.by_user, sizeof it.by_user, "%s", req->user.username);
    if (o.choice) {
        /* The guest's pick in a package's choice group ("8 bottles of A or 6 of B"): free, the
         * quantity the package gives, once per package sold. */
        struct stay_full f;
        s = stay_full_load(req->db, req->user.venue_id, w->stay_id, &f);
        if (s != DB_OK) return s;
        int sold = 0, chosen = 0;
        struct package *pk = malloc(sizeof *pk);
        int64_t qty = 0, package_id = 0;
        for (int i = 0; pk && i < f.npackages; i++) {
            if (fd_package_load(req->db, req->user.venue_id, f.packages[i].package_id, pk) != DB_OK)
                continue;
            for (int k = 0; k < pk->nitems; k++)
                if (strcmp(pk->items[k].choice_group, o.choice) == 0 &&
                    pk->items[k].product_id == p.id) {
                    sold++;
                    qty = pk->items[k].qty;
                    package_id = pk->id;
                }
        }
        for (int i = 0; i < f.nitems; i++)
            if (f.items[i].package_id && !f.items[i].return_of &&
                strcmp(f.items[i].choice_group, o.choice) == 0)
                chosen++;
        free(pk);
        stay_full_free(&f);
        if (!sold) {
            reply_error(req, 400, "invalid_field", "choice",
                        "这个开房的套餐没有这个可选组，或该组没有这个商品",
                        "the stay's package has no such choice group, or not this product in it");
            return DB_INVALID;
        }
        if (chosen >= sold) {
            reply_error(req, 409, "choice_taken", "choice", "这个可选组已经选过了",
                        "this choice group has already been chosen");
            return DB_INVALID;
        }
        it.qty = qty;
        it.unit_fen = 0;
        it.package_id = package_id;
        snprintf(it.choice_group, sizeof it.choice_group, "%s", o.choice);
    }
    s = stay_item_insert(req->db, w->stay_id, &it);
    json_t *after = json_pack("{s:I,s:s,s:I,s:I}", "item_id", (json_int_t)it.id, "item", it.item,
                              "qty", (json_int_t)it.qty, "unit_fen", (json_int_t)it.unit_fen);
    audit_stay(req, &s, "order", w->stay_id, after);
    json_decref(after);
    if (s == DB_OK) s = stay_answer(req, w->c, w->stay_id, 201, out);
    if (s == DB_OK) s = fd_idem_store(req, &w->idem, out->status, out->body);
    return s;
}

static void stay_write_endpoint(struct request *req, const char *const fields[], const char *verb,
                                fd_tx_fn fn, bool approver)
{
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    if (fd_ctx_load(req, &c)) {
        struct stay_write w = {.c = &c, .body = body, .stay_id = req_param_id(req, "id")};
        char endpoint[64];
        snprintf(endpoint, sizeof endpoint, "%s:%lld", verb, (long long)w.stay_id);
        if (fd_idem_prepare(req, body, false, endpoint, &w.idem) &&
            (!approver || fd_approver(req, body, NULL, &w.approval)))
            fd_run_write(req, fn, &w, "开房记录", "stay");
        fd_ctx_free(&c);
    }
    json_decref(body);
}

void fd_stays_order(struct request *req)
{
    static const char *const fields[] = {"product_id", "qty", "choice", "idempotency_key", NULL};
    stay_write_endpoint(req, fields, "order", order_tx, false);
}

/* ---- returns ---- */

static enum db_status return_rows(struct request *req, const struct fd_ctx *c, int64_t stay_id,
                                  struct stay_item *from, int64_t qty, const char *reason)
{
    struct stay_item it = {0};
    it.product_id = from->product_id;
    snprintf(it.item, sizeof it.item, "%s", from->item);
    it.qty = -qty;
    it.unit_fen = from->unit_fen;
    it.list_fen = from->list_fen;
    it.gift = from->gift;
    snprintf(it.approved_by, sizeof it.approved_by, "%s", from->approved_by);
    it.package_id = from->package_id;
    snprintf(it.choice_group, sizeof it.choice_group, "%s", from->choice_group);
    it.return_of = from->id;
    it.at = c->now;
    snprintf(it.by_user, sizeof it.by_user, "%s", req->user.username);
    (void)reason;
    enum db_status s = stay_item_insert(req->db, stay_id, &it);
    from->returned += qty;
    return s;
}

static enum db_status return_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct stay_write *w = arg;
    enum db_status s;
    if (fd_idem_replay(req, &w->idem, out, &s)) return s;
    struct stay st;
    if ((s = open_stay_of(req, w->stay_id, &st)) != DB_OK) return s;
    int64_t item_id = 0, product_id = 0, qty = 0;
    const char *reason = NULL;
    if (!jfield_int(req, w->body, "item_id", "点单记录", "ordered item", false, 1, INT64_MAX,
                    &item_id) ||
        !jfield_int(req, w->body, "product_id", "商品", "product", false, 1, INT64_MAX,
                    &product_id) ||
        !jfield_int(req, w->body, "qty", "数量", "quantity", true, 1, 999, &qty) ||
        !jfield_str(req, w->body, "reason", "原因", "reason", false, 200, &reason))
        return DB_INVALID;
    if (!item_id == !product_id) {
        reply_error(req, 400, "invalid_field", "item_id", "退回须指定 item_id 或 product_id 之一",
                    "a return names either item_id or product_id");
        return DB_INVALID;
    }
    struct stay_full f;
    s = stay_full_load(req->db, req->user.venue_id, w->stay_id, &f);
    if (s != DB_OK) return s;
    /* What can come back: an ordered row's quantity less what was returned of it. By product,
     * the paid rows (not gifts, not package goods), newest first. */
    int64_t left = 0;
    for (int i = 0; i < f.nitems; i++) {
        struct stay_item *it = &f.items[i];
        if (it->return_of) continue;
        if (item_id ? it->id == item_id
                    : it->product_id == product_id && !it->gift && !it->package_id)
            left += it->qty - it->returned;
    }
    if (left < qty) {
        char zh[200], en[200];
        snprintf(zh, sizeof zh, "最多可退 %lld 件", (long long)left);
        snprintf(en, sizeof en, "at most %lld can be returned", (long long)left);
        reply_error(req, 409, "return_too_many", "qty", zh, en);
        stay_full_free(&f);
        return DB_INVALID;
    }
    int64_t todo = qty;
    for (int i = f.nitems - 1; s == DB_OK && todo > 0 && i >= 0; i--) {
        struct stay_item *it = &f.items[i];
        if (it->return_of) continue;
        if (!(item_id ? it->id == item_id
                      : it->product_id == product_id && !it->gift && !it->package_id))
            continue;
        int64_t can = it->qty - it->returned;
        if (can <= 0) continue;
        int64_t n = can < todo ? can : todo;
        s = return_rows(req, w->c, w->stay_id, it, n, reason);
        todo -= n;
    }
    stay_full_free(&f);
    json_t *after =
        json_pack("{s:I,s:I,s:I,s:s}", "item_id", (json_int_t)item_id, "product_id",
                  (json_int_t)product_id, "qty", (json_int_t)qty, "reason", reason ? reason : "");
    audit_stay(req, &s, "return", w->stay_id, after);
    json_decref(after);
    if (s == DB_OK) s = stay_answer(req, w->c, w->stay_id, 201, out);
    if (s == DB_OK) s = fd_idem_store(req, &w->idem, out->status, out->body);
    return s;
}

void fd_stays_return(struct request *req)
{
    static const char *const fields[] = {"item_id", "product_id",      "qty",
                                         "reason",  "idempotency_key", NULL};
    stay_write_endpoint(req, fields, "return", return_tx, false);
}

/* ---- gifts ---- */

static enum db_status gift_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct stay_write *w = arg;
    enum db_status s;
    if (fd_idem_replay(req, &w->idem, out, &s)) return s;
    struct stay st;
    if ((s = open_stay_of(req, w->stay_id, &st)) != DB_OK) return s;
    int64_t product_id = 0, qty = 1;
    const char *reason = NULL;
    if (!jfield_int(req, w->body, "product_id", "商品", "product", true, 1, INT64_MAX,
                    &product_id) ||
        !jfield_int(req, w->body, "qty", "数量", "quantity", false, 1, 999, &qty) ||
        !jfield_str(req, w->body, "reason", "赠送原因", "reason", false, 200, &reason))
        return DB_INVALID;
    struct product p;
    s = product_load(req->db, req->user.venue_id, product_id, &p);
    if (s == DB_NOT_FOUND || (s == DB_OK && !p.active)) {
        reply_error(req, 400, "invalid_field", "product_id", "商品不存在或已停售",
                    "no such product, or it is not on sale");
        return DB_INVALID;
    }
    if (s != DB_OK) return s;
    struct stay_full f;
    s = stay_full_load(req->db, req->user.venue_id, w->stay_id, &f);
    if (s != DB_OK) return s;
    int64_t before = 0; /* value of the gifts already on the stay, net of returned gifts */
    for (int i = 0; i < f.nitems; i++)
        if (f.items[i].gift) before += f.items[i].qty * f.items[i].list_fen;
    stay_full_free(&f);
    int64_t value = qty * p.price_fen;
    struct role_limit_row mine;
    s = role_limit_load(req->db, req->user.role, &mine);
    if (s != DB_OK) return s;
    const char *approved_by = req->user.username;
    if (!settle_gift_within(&mine.limit, before, value)) {
        char zh[1024], en[1024], a[32], b[32];
        money_format(before + value, a);
        money_format(mine.limit.gift_limit_fen, b);
        if (!w->approval.given) {
            snprintf(zh, sizeof zh, "本单赠送合计 %s 元（您的额度 %s 元）", a, b);
            snprintf(en, sizeof en, "gifts on this bill of %s (your limit %s)", a, b);
            fd_reply_approval_required(req, zh, en);
            return DB_INVALID;
        }
        if (!settle_gift_within(&w->approval.limits.limit, before, value)) {
            money_format(w->approval.limits.limit.gift_limit_fen, b);
            snprintf(zh, sizeof zh, "审批人 %s 的赠送额度（%s 元）也不够本单赠送合计 %s 元",
                     w->approval.username, b, a);
            snprintf(en, sizeof en, "approver %s's gift limit (%s) does not cover gifts of %s",
                     w->approval.username, b, a);
            reply_error(req, 403, "approval_denied", "approver_username", zh, en);
            return DB_INVALID;
        }
        approved_by = w->approval.username;
        char subject[40];
        snprintf(subject, sizeof subject, "stay:%lld", (long long)w->stay_id);
        s = approval_insert(req->db, req->user.venue_id, "gift", subject, value, req->user.username,
                            approved_by, reason ? reason : "", w->c->now);
        if (s != DB_OK) return s;
    }
    struct stay_item it = {0};
    it.product_id = p.id;
    snprintf(it.item, sizeof it.item, "%s", p.name);
    it.qty = qty;
    it.list_fen = p.price_fen;
    it.gift = true;
    snprintf(it.approved_by, sizeof it.approved_by, "%s", approved_by);
    it.at = w->c->now;
    snprintf(it.by_user, sizeof it.by_user, "%s", req->user.username);
    s = stay_item_insert(req->db, w->stay_id, &it);
    json_t *after = json_pack("{s:I,s:s,s:I,s:I,s:s,s:s}", "item_id", (json_int_t)it.id, "item",
                              it.item, "qty", (json_int_t)qty, "value_fen", (json_int_t)value,
                              "approved_by", approved_by, "reason", reason ? reason : "");
    audit_stay(req, &s, "gift", w->stay_id, after);
    json_decref(after);
    if (s == DB_OK) s = stay_answer(req, w->c, w->stay_id, 201, out);
    if (s == DB_OK) s = fd_idem_store(req, &w->idem, out->status, out->body);
    return s;
}

void fd_stays_gift(struct request *req)
{
    static const char *const fields[] = {
        "product_id",      "qty", "reason", "approver_username", "approver_password",
        "idempotency_key", NULL};
    stay_write_endpoint(req, fields, "gift", gift_tx, true);
}

/* ---- change room ---- */

static enum db_status change_room_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct stay_write *w = arg;
    enum db_status s;
    if (fd_idem_replay(req, &w->idem, out, &s)) return s;
    struct stay st;
    if ((s = open_stay_of(req, w->stay_id, &st)) != DB_OK) return s;
    int64_t room_id = 0, at = 0;
    const char *reason = NULL;
    if (!jfield_int(req, w->body, "room_id", "新房间", "new room", true, 1, INT64_MAX, &room_id) ||
        !jfield_str(req, w->body, "reason", "换房原因", "reason", false, 200, &reason) ||
        !fd_time(req, w->c, w->body, "at", "换房时间", "time of the change", false, &at))
        return DB_INVALID;
    if (at && (!is_admin(req) || at > w->c->now)) {
        /* Like a back-dated opening: the admin's back-entry, never in the future. */
        reply_error(req, 403, "forbidden", "at", "只有管理员可以补录换房时间，且不能晚于现在",
                    "only an admin may set the time of a change of room, and not in the future");
        return DB_INVALID;
    }
    if (room_id == st.room_id) {
        reply_error(req, 400, "invalid_field", "room_id", "客人已在这个房间",
                    "the guests are already in this room");
        return DB_INVALID;
    }
    if (!fd_room_available(req, w->c, room_id, 0, &s)) return s;
    struct stay_full f;
    s = stay_full_load(req->db, req->user.venue_id, w->stay_id, &f);
    if (s != DB_OK) return s;
    int nrooms = f.nrooms;
    int64_t last_from = f.rooms[f.nrooms - 1].from_at;
    stay_full_free(&f);
    if (nrooms >= PRICING_MAX_SEGMENTS) {
        reply_error(req, 409, "too_many_rooms", "room_id", "一次开房最多换 7 次房",
                    "a stay may change room at most 7 times");
        return DB_INVALID;
    }
    /* The new room starts when the old one ends, to the second (the fee counts each minute in
     * the room the guest was in). A back-dated stay changes room no earlier than it entered. */
    if (!at) at = w->c->now;
    if (at < last_from) at = last_from;
    s = stay_room_close(req->db, w->stay_id, at);
    if (s == DB_OK) s = stay_room_insert(req->db, w->stay_id, room_id, at);
    if (s == DB_OK) s = stay_move(req->db, w->stay_id, room_id);
    if (s == DB_CONFLICT) {
        reply_error(req, 409, "room_in_use", "room_id", "新房间刚被其他收银台开出",
                    "another till has just opened the new room");
        return DB_INVALID;
    }
    /* The room left behind needs cleaning before the next guests. */
    if (s == DB_OK)
        s = room_state_set(req->db, st.room_id, "cleaning", "换房", req->user.username, at);
    json_t *after = json_pack("{s:I,s:I,s:s}", "from_room_id", (json_int_t)st.room_id, "room_id",
                              (json_int_t)room_id, "reason", reason ? reason : "");
    audit_stay(req, &s, "change_room", w->stay_id, after);
    json_decref(after);
    if (s == DB_OK) s = stay_answer(req, w->c, w->stay_id, 200, out);
    if (s == DB_OK) s = fd_idem_store(req, &w->idem, out->status, out->body);
    return s;
}

void fd_stays_change_room(struct request *req)
{
    static const char *const fields[] = {"room_id", "reason", "at", "idempotency_key", NULL};
    stay_write_endpoint(req, fields, "change-room", change_room_tx, false);
}

/* ---- extend ---- */

static enum db_status extend_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct stay_write *w = arg;
    enum db_status s;
    if (fd_idem_replay(req, &w->idem, out, &s)) return s;
    struct stay st;
    if ((s = open_stay_of(req, w->stay_id, &st)) != DB_OK) return s;
    int64_t minutes = 0, package_id = 0;
    if (!jfield_int(req, w->body, "minutes", "续时（分钟）", "minutes", false, 1, 1440, &minutes) ||
        !jfield_int(req, w->body, "package_id", "续钟套餐", "package", false, 1, INT64_MAX,
                    &package_id))
        return DB_INVALID;
    if (!minutes == !package_id) {
        reply_error(req, 400, "invalid_field", "minutes",
                    "续时须指定 minutes（延长预订时长）或 package_id（加购续钟套餐）之一",
                    "an extension names either minutes (longer planned time) or package_id (a "
                    "package bought to extend)");
        return DB_INVALID;
    }
    struct stay_full f;
    s = stay_full_load(req->db, req->user.venue_id, w->stay_id, &f);
    if (s != DB_OK) return s;
    bool has_package = f.npackages > 0, buyout = false;
    for (int i = 0; i < f.npackages; i++)
        buyout |= f.packages[i].buyout;
    int64_t room_type = f.rooms[f.nrooms - 1].room_type_id;
    stay_full_free(&f);
    int64_t elapsed = (w->c->now - st.opened_at) / 60;
    int64_t planned = st.planned_minutes ? st.planned_minutes : elapsed;
    if (package_id) {
        /* A package bought to extend (续钟) adds its price and its minutes to the stay's: the
         * stay is priced as one package of the summed terms. */
        if (!has_package || buyout) {
            reply_error(req, 409, "extend_not_package", "package_id",
                        has_package ? "买断的套餐不能再续钟套餐" : "按小时计费的开房不能加续钟套餐",
                        has_package ? "a buy-out cannot be extended with a package"
                                    : "an hourly stay cannot be extended with a package");
            return DB_INVALID;
        }
        struct package *p = malloc(sizeof *p);
        if (!p) return DB_ERROR;
        s = fd_package_load(req->db, req->user.venue_id, package_id, p);
        if (s == DB_NOT_FOUND) {
            reply_error(req, 400, "invalid_field", "package_id", "套餐不存在", "no such package");
            s = DB_INVALID;
        } else if (s == DB_OK && !package_allowed(req, w->c, p, room_type, w->c->now))
            s = DB_INVALID;
        else if (s == DB_OK && p->buyout) {
            reply_error(req, 409, "extend_not_package", "package_id", "续钟不能用买断套餐",
                        "an extension cannot be a buy-out");
            s = DB_INVALID;
        }
        if (s == DB_OK) s = sell_package(req, w->c, w->stay_id, p, NULL);
        if (s == DB_OK) minutes = p->included_minutes;
        free(p);
        if (s != DB_OK) return s;
    }
    s = stay_set_planned(req->db, w->stay_id, planned + minutes);
    json_t *after =
        json_pack("{s:I,s:I,s:I}", "minutes", (json_int_t)minutes, "package_id",
                  (json_int_t)package_id, "planned_minutes", (json_int_t)(planned + minutes));
    audit_stay(req, &s, "extend", w->stay_id, after);
    json_decref(after);
    if (s == DB_OK) s = stay_answer(req, w->c, w->stay_id, 200, out);
    if (s == DB_OK) s = fd_idem_store(req, &w->idem, out->status, out->body);
    return s;
}

void fd_stays_extend(struct request *req)
{
    static const char *const fields[] = {"minutes", "package_id", "idempotency_key", NULL};
    stay_write_endpoint(req, fields, "extend", extend_tx, false);
}

/* ---- cancel (opened by mistake) ---- */

static enum db_status cancel_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct stay_write *w = arg;
    enum db_status s;
    if (fd_idem_replay(req, &w->idem, out, &s)) return s;
    struct stay st;
    if ((s = open_stay_of(req, w->stay_id, &st)) != DB_OK) return s;
    const char *reason = NULL;
    if (!jfield_str(req, w->body, "reason", "取消原因", "reason", true, 200, &reason))
        return DB_INVALID;
    struct stay_bill sb;
    enum fd_compose_status cs = fd_stay_bill(req, w->c, w->stay_id, w->c->now, NULL, &sb);
    bool owes = cs != FD_COMPOSE_OK || sb.bill.calc.gross_fen != 0 || sb.bill.nuses != 0;
    if (cs == FD_COMPOSE_DB) s = sb.db;
    fd_stay_bill_free(&sb);
    if (s != DB_OK) return s;
    if (owes) {
        /* Only a stay that costs nothing can vanish: no room fee yet (inside the grace), no
         * package sold, nothing taken from the bar. Anything else is checked out. */
        reply_error(req, 409, "stay_not_empty", NULL,
                    "已产生房费、套餐或商品，不能取消开房，请结账",
                    "the stay has a room fee, a package or goods: check it out instead");
        return DB_INVALID;
    }
    s = stay_close(req->db, w->stay_id, "cancelled", w->c->now, 0, req->user.username);
    if (s == DB_OK) s = stay_room_close(req->db, w->stay_id, w->c->now);
    json_t *after = json_pack("{s:s,s:s}", "status", "cancelled", "reason", reason);
    audit_stay(req, &s, "cancel", w->stay_id, after);
    json_decref(after);
    if (s == DB_OK) s = stay_answer(req, w->c, w->stay_id, 200, out);
    if (s == DB_OK) s = fd_idem_store(req, &w->idem, out->status, out->body);
    return s;
}

void fd_stays_cancel(struct request *req)
{
    static const char *const fields[] = {"reason", "idempotency_key", NULL};
    stay_write_endpoint(req, fields, "cancel", cancel_tx, false);
}
