/* frontdesk/api_board.c: the room board (房态) and what changes a room's state besides stays:
 * cleaning, out of service, reservations (预订) with their hold and arrival.
 *
 * The board is polled every few seconds by every till: one read transaction, one query for
 * the rooms and, for each room in use, its stay's bill composed now with the pricing rules
 * (a few indexed reads per room: 80 rooms take a few milliseconds). */
#include "frontdesk/api_internal.h"

#include "core/audit.h"
#include "core/json.h"
#include "master/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A reservation holds its room from this long before the guest is due (the room is shown
 * reserved and walk-ins are refused) ... */
#define HOLD_BEFORE_SECONDS (60 * 60)
/* ... and an expired hold stays on the board this long, so that the desk sees who did not come. */
#define EXPIRED_SHOWN_SECONDS (6 * 3600)

static json_t *reservation_json(const struct fd_ctx *c, const struct reservation *v)
{
    json_t *j = json_object();
    char t[20], masked[44];
    json_set_int(j, "id", v->id);
    json_set_int(j, "room_id", v->room_id);
    json_set_str(j, "room_no", v->room_no);
    json_set_str(j, "guest_name", v->guest_name);
    fd_mask_phone(v->guest_phone, masked);
    json_set_str(j, "guest_phone", masked);
    json_set_int(j, "guests", v->guests);
    json_set_str(j, "booker", v->booker);
    fd_local_text(c, v->arrive_at, t);
    json_set_str(j, "arrive_at", t);
    fd_local_text(c, v->hold_until, t);
    json_set_str(j, "hold_until", t);
    bool expired = strcmp(v->status, "held") == 0 && v->hold_until < c->now;
    json_set_str(j, "status", expired ? "expired" : v->status);
    json_object_set_new(j, "expired", json_boolean(expired));
    if (v->stay_id) json_set_int(j, "stay_id", v->stay_id);
    json_set_str(j, "note", v->note);
    json_set_str(j, "created_by", v->created_by);
    return j;
}

/* ---- the board ---- */

struct board_ctx {
    struct request *req;
    struct fd_ctx *c;
    json_t *rooms;
    int64_t counts[5];
    enum db_status s;
    struct board_room *list;
    int n, cap;
};

static bool collect_room(const struct board_room *r, void *ctx)
{
    struct board_ctx *b = ctx;
    if (b->n == b->cap) {
        int cap = b->cap ? b->cap * 2 : 64;
        struct board_room *p = realloc(b->list, sizeof *p * (size_t)cap);
        if (!p) {
            b->s = DB_ERROR;
            return false;
        }
        b->list = p;
        b->cap = cap;
    }
    b->list[b->n++] = *r;
    return true;
}

enum { ST_FREE, ST_RESERVED, ST_IN_USE, ST_CLEANING, ST_OUT };
static const char *const state_names[] = {"free", "reserved", "in_use", "cleaning",
                                          "out_of_service"};
static const char *const state_labels[] = {"空闲", "预订", "在用", "待清洁", "维修停用"};

static json_t *board_stay_json(struct board_ctx *b, int64_t stay_id)
{
    struct stay_bill sb;
    enum fd_compose_status st = fd_stay_bill(b->req, b->c, stay_id, b->c->now, NULL, &sb);
    json_t *j = json_object();
    if (st == FD_COMPOSE_DB && sb.db != DB_NOT_FOUND) b->s = sb.db;
    if (sb.full.stay.id) {
        const struct stay *s = &sb.full.stay;
        char t[20], masked[44];
        json_set_int(j, "id", s->id);
        fd_local_text(b->c, s->opened_at, t);
        json_set_str(j, "opened_at", t);
        int64_t elapsed = (b->c->now - s->opened_at) / 60;
        json_set_int(j, "elapsed_minutes", elapsed);
        json_set_int(j, "guests", s->guests);
        json_set_str(j, "booker", s->booker);
        fd_mask_phone(s->member_phone, masked);
        json_set_str(j, "member_phone", masked);
        if (sb.full.npackages) json_set_str(j, "package", sb.full.packages[0].name);
        json_set_int(j, "planned_minutes", s->planned_minutes);
        if (s->planned_minutes) {
            json_set_int(j, "remaining_minutes", s->planned_minutes - elapsed);
            json_object_set_new(j, "overdue", json_boolean(elapsed > s->planned_minutes));
        }
    }
    if (st == FD_COMPOSE_OK) {
        fd_money(j, "room", sb.bill.room_fen);
        fd_money(j, "goods", sb.bill.calc.goods_fen);
        fd_money(j, "topup", sb.bill.calc.topup_fen);
        fd_money(j, "total", sb.bill.calc.total_fen);
    } else {
        /* The board still shows the room; the desk sees why there is no running total. */
        json_set_str(j, "pricing_error",
                     st == FD_COMPOSE_NO_PLAN   ? "no_price_plan"
                     : st == FD_COMPOSE_PRICING ? "uncovered"
                                                : "error");
    }
    fd_stay_bill_free(&sb);
    return j;
}

void fd_board(struct request *req)
{
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    struct board_ctx b = {req, &c, json_array(), {0}, DB_OK, NULL, 0, 0};
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK)
        s = board_rooms(req->db, req->user.venue_id, c.now - EXPIRED_SHOWN_SECONDS, collect_room,
                        &b);
    if (s == DB_OK) s = b.s;
    for (int i = 0; s == DB_OK && i < b.n; i++) {
        const struct board_room *r = &b.list[i];
        json_t *j = json_object();
        json_set_int(j, "room_id", r->room_id);
        json_set_str(j, "room_no", r->room_no);
        json_set_str(j, "name", r->name);
        json_set_int(j, "room_type_id", r->room_type_id);
        json_set_str(j, "room_type", r->room_type);
        struct reservation v;
        bool has_res = r->reservation_id && reservation_load(req->db, req->user.venue_id,
                                                             r->reservation_id, &v) == DB_OK;
        int state = ST_FREE;
        if (r->stay_id) {
            state = ST_IN_USE;
            json_object_set_new(j, "stay", board_stay_json(&b, r->stay_id));
            s = b.s;
        } else if (strcmp(r->state, "out_of_service") == 0)
            state = ST_OUT;
        else if (strcmp(r->state, "cleaning") == 0)
            state = ST_CLEANING;
        else if (has_res && v.arrive_at - HOLD_BEFORE_SECONDS <= c.now && c.now <= v.hold_until)
            state = ST_RESERVED;
        if (state == ST_OUT || state == ST_CLEANING) {
            char t[20];
            json_set_str(j, "note", r->state_note);
            fd_local_text(&c, r->state_since, t);
            json_set_str(j, "since", t);
        }
        if (has_res) json_object_set_new(j, "reservation", reservation_json(&c, &v));
        json_set_str(j, "state", state_names[state]);
        json_set_str(j, "state_label", state_labels[state]);
        b.counts[state]++;
        json_array_append_new(b.rooms, j);
    }
    free(b.list);
    if (s != DB_OK) {
        json_decref(b.rooms);
        reply_db_error(req, s, "房态", "room board");
        fd_ctx_free(&c);
        return;
    }
    json_t *counts = json_object();
    for (int i = 0; i < 5; i++)
        json_set_int(counts, state_names[i], b.counts[i]);
    char now[20];
    fd_local_text(&c, c.now, now);
    reply_json(req, 200,
               json_pack("{s:s,s:I,s:s,s:o,s:o}", "now", now, "now_epoch", (json_int_t)c.now,
                         "business_day", c.today, "counts", counts, "rooms", b.rooms));
    fd_ctx_free(&c);
}

/* ---- room state ---- */

struct state_write {
    struct fd_ctx *c;
    int64_t room_id;
    const char *state, *note;
};

static enum db_status room_state_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct state_write *w = arg;
    struct room r;
    enum db_status s = room_load(req->db, req->user.venue_id, w->room_id, &r);
    if (s == DB_NOT_FOUND) {
        reply_error(req, 404, "not_found", NULL, "没有这个房间", "no such room");
        return s;
    }
    int64_t stay_id = 0;
    if (s == DB_OK) s = stay_open_of_room(req->db, w->room_id, &stay_id);
    if (s == DB_OK) {
        reply_error(req, 409, "room_in_use", "state", "房间正在使用中，结账后才能改变房态",
                    "the room is in use: change its state after checkout");
        return DB_INVALID;
    }
    if (s != DB_NOT_FOUND) return s;
    char before_state[20], before_note[404];
    s = room_state_get(req->db, w->room_id, before_state, before_note);
    if (s == DB_OK)
        s = room_state_set(req->db, w->room_id, w->state, w->note, req->user.username, w->c->now);
    if (s == DB_OK) {
        json_t *before = json_pack("{s:s,s:s}", "state", before_state, "note", before_note);
        out->body = json_pack("{s:I,s:s,s:s,s:s}", "room_id", (json_int_t)w->room_id, "room_no",
                              r.room_no, "state", w->state, "note", w->note);
        out->status = 200;
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)w->room_id);
        s = audit_record(req->db, &a, "update", "room_state", sid, before, out->body);
        json_decref(before);
    }
    return s;
}

void fd_room_state(struct request *req)
{
    static const char *const fields[] = {"state", "note", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    struct state_write w = {&c, req_param_id(req, "id"), NULL, ""};
    if (!jfield_str(req, body, "state", "房态", "state", true, 20, &w.state) ||
        !jfield_str(req, body, "note", "说明", "note", false, 100, &w.note))
        goto out;
    if (strcmp(w.state, "free") != 0 && strcmp(w.state, "cleaning") != 0 &&
        strcmp(w.state, "out_of_service") != 0) {
        reply_error(req, 400, "invalid_field", "state",
                    "房态应为 free（已清洁/空闲）、cleaning（待清洁）或 out_of_service（维修停用）",
                    "state is free (cleaned), cleaning (to be cleaned) or out_of_service");
        goto out;
    }
    if (strcmp(w.state, "out_of_service") == 0 && !w.note[0]) {
        reply_error(req, 400, "invalid_field", "note", "停用房间须写明原因",
                    "taking a room out of service needs a note saying why");
        goto out;
    }
    if (fd_ctx_load(req, &c)) {
        fd_run_write(req, room_state_tx, &w, "房态", "room state");
        fd_ctx_free(&c);
    }
out:
    json_decref(body);
}

/* ---- reservations ---- */

struct res_list_ctx {
    struct fd_ctx *c;
    json_t *items;
};

static bool append_reservation(const struct reservation *v, void *ctx)
{
    struct res_list_ctx *r = ctx;
    json_array_append_new(r->items, reservation_json(r->c, v));
    return true;
}

/* GET /api/v1/frontdesk/reservations?from=YYYY-MM-DD&to=YYYY-MM-DD (business days, default
 * today): reservations whose hold falls in those days. */
void fd_reservations_list(struct request *req)
{
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    const char *from = req_query(req, "from"), *to = req_query(req, "to");
    int64_t d_from, d_to;
    if (!date_parse(c.today, &d_from)) d_from = 0;
    d_to = d_from;
    if ((from && *from && !date_parse(from, &d_from)) || (to && *to && !date_parse(to, &d_to)) ||
        d_to < d_from || d_to - d_from > 366) {
        reply_error(req, 400, "invalid_field", "from", "日期应为 YYYY-MM-DD，且不超过一年",
                    "dates are YYYY-MM-DD, at most a year apart");
        fd_ctx_free(&c);
        return;
    }
    int64_t lo = bizday_start(c.tz, c.venue.cutoff_minutes, d_from);
    int64_t hi = bizday_start(c.tz, c.venue.cutoff_minutes, d_to + 1);
    struct res_list_ctx r = {&c, json_array()};
    enum db_status s =
        reservation_list(req->db, req->user.venue_id, lo, hi, append_reservation, &r);
    if (s != DB_OK) {
        json_decref(r.items);
        reply_db_error(req, s, "预订", "reservations");
    } else
        reply_json(req, 200, json_pack("{s:o}", "items", r.items));
    fd_ctx_free(&c);
}

struct res_write {
    struct fd_ctx *c;
    json_t *body;
    int64_t id;
    struct reservation v;
    int64_t hold_minutes;
    struct idem idem;
    struct open_args open;
};

static enum db_status reservation_create_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct res_write *w = arg;
    struct room r;
    enum db_status s = room_load(req->db, req->user.venue_id, w->v.room_id, &r);
    if (s == DB_NOT_FOUND || (s == DB_OK && !r.active)) {
        reply_error(req, 400, "invalid_field", "room_id", "房间不存在或已停用",
                    "no such room, or it is inactive");
        return DB_INVALID;
    }
    if (s != DB_OK) return s;
    int64_t other = 0;
    s = reservation_overlap(req->db, w->v.room_id, w->v.arrive_at, w->v.hold_until, 0, &other);
    if (s == DB_OK) {
        struct reservation o;
        char t[6];
        if (reservation_load(req->db, req->user.venue_id, other, &o) != DB_OK) return DB_ERROR;
        fd_local_hhmm(w->c, o.arrive_at, t);
        char zh[1024], en[1024];
        snprintf(zh, sizeof zh, "该房间这段时间已有预订（%s，%s 到）", o.guest_name, t);
        snprintf(en, sizeof en, "the room is already reserved then (%s, due %s)", o.guest_name, t);
        reply_error(req, 409, "room_reserved", "arrive_at", zh, en);
        return DB_INVALID;
    }
    if (s != DB_NOT_FOUND) return s;
    snprintf(w->v.created_by, sizeof w->v.created_by, "%s", req->user.username);
    w->v.created_at = w->c->now;
    s = reservation_insert(req->db, req->user.venue_id, &w->v);
    if (s == DB_OK) s = reservation_load(req->db, req->user.venue_id, w->v.id, &w->v);
    if (s == DB_OK) {
        out->status = 201;
        out->body = reservation_json(w->c, &w->v);
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)w->v.id);
        s = audit_record(req->db, &a, "create", "reservation", sid, NULL, out->body);
    }
    return s;
}

void fd_reservations_create(struct request *req)
{
    static const char *const fields[] = {"room_id",      "guest_name", "guest_phone",
                                         "guests",       "booker",     "arrive_at",
                                         "hold_minutes", "note",       NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) {
        json_decref(body);
        return;
    }
    struct res_write w = {.c = &c, .body = body, .hold_minutes = 30};
    const char *name = NULL, *phone = NULL, *booker = NULL, *note = NULL;
    if (!jfield_int(req, body, "room_id", "房间", "room", true, 1, INT64_MAX, &w.v.room_id) ||
        !jfield_str(req, body, "guest_name", "客人姓名", "guest name", true, 50, &name) ||
        !fd_phone(req, body, "guest_phone", "guest_phone", "客人电话", "guest phone", &phone) ||
        !jfield_int(req, body, "guests", "人数", "guests", false, 0, 500, &w.v.guests) ||
        !jfield_str(req, body, "booker", "订房人", "booker", false, 25, &booker) ||
        !fd_time(req, &c, body, "arrive_at", "到店时间", "arrival", true, &w.v.arrive_at) ||
        !jfield_int(req, body, "hold_minutes", "保留时长（分钟）", "hold (minutes)", false, 0,
                    24 * 60, &w.hold_minutes) ||
        !jfield_str(req, body, "note", "备注", "note", false, 100, &note))
        goto out;
    /* A booking an hour in the past is a typo, not a reservation. */
    if (w.v.arrive_at < c.now - 3600 || w.v.arrive_at > c.now + 366 * 86400LL) {
        reply_error(req, 400, "invalid_field", "arrive_at", "到店时间应在现在到一年之内",
                    "the arrival is between now and a year from now");
        goto out;
    }
    w.v.hold_until = w.v.arrive_at + w.hold_minutes * 60;
    snprintf(w.v.guest_name, sizeof w.v.guest_name, "%s", name);
    snprintf(w.v.guest_phone, sizeof w.v.guest_phone, "%s", phone ? phone : "");
    snprintf(w.v.booker, sizeof w.v.booker, "%s", booker ? booker : "");
    snprintf(w.v.note, sizeof w.v.note, "%s", note ? note : "");
    fd_run_write(req, reservation_create_tx, &w, "预订", "reservation");
out:
    fd_ctx_free(&c);
    json_decref(body);
}

static enum db_status reservation_cancel_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct res_write *w = arg;
    enum db_status s = reservation_load(req->db, req->user.venue_id, w->id, &w->v);
    if (s != DB_OK) return s;
    if (strcmp(w->v.status, "held") != 0) {
        reply_error(req, 409, "reservation_closed", NULL, "这个预订已到店或已取消",
                    "this reservation has arrived or was cancelled");
        return DB_INVALID;
    }
    json_t *before = reservation_json(w->c, &w->v);
    s = reservation_set_status(req->db, w->id, "cancelled", 0);
    if (s == DB_OK) s = reservation_load(req->db, req->user.venue_id, w->id, &w->v);
    if (s == DB_OK) {
        out->status = 200;
        out->body = reservation_json(w->c, &w->v);
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)w->id);
        s = audit_record(req->db, &a, "cancel", "reservation", sid, before, out->body);
    }
    json_decref(before);
    return s;
}

void fd_reservations_cancel(struct request *req)
{
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    struct res_write w = {.c = &c, .id = req_param_id(req, "id")};
    fd_run_write(req, reservation_cancel_tx, &w, "预订", "reservation");
    fd_ctx_free(&c);
}

static enum db_status reservation_arrive_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct res_write *w = arg;
    enum db_status s;
    if (fd_idem_replay(req, &w->idem, out, &s)) return s;
    s = reservation_load(req->db, req->user.venue_id, w->id, &w->v);
    if (s != DB_OK) return s;
    if (strcmp(w->v.status, "held") != 0) {
        reply_error(req, 409, "reservation_closed", NULL, "这个预订已到店或已取消",
                    "this reservation has arrived or was cancelled");
        return DB_INVALID;
    }
    /* The reservation brings its room, party and booker; the arrival may correct the party. */
    w->open.room_id = w->v.room_id;
    w->open.reservation_id = w->v.id;
    if (!w->open.guests) w->open.guests = w->v.guests;
    if (!w->open.booker || !w->open.booker[0]) w->open.booker = w->v.booker;
    int64_t stay_id = 0;
    s = fd_open_stay(req, w->c, &w->open, &stay_id);
    if (s != DB_OK) return s;
    s = reservation_set_status(req->db, w->id, "arrived", stay_id);
    struct stay_bill sb;
    if (s == DB_OK) {
        enum fd_compose_status st = fd_stay_bill(req, w->c, stay_id, w->c->now, NULL, &sb);
        s = st == FD_COMPOSE_DB ? sb.db : DB_OK;
        if (s == DB_OK) {
            out->status = 201;
            out->body = fd_stay_json(w->c, &sb);
        }
        fd_stay_bill_free(&sb);
    }
    if (s == DB_OK) {
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)w->id);
        json_t *after = json_pack("{s:s,s:I}", "status", "arrived", "stay_id", (json_int_t)stay_id);
        s = audit_record(req->db, &a, "arrive", "reservation", sid, NULL, after);
        json_decref(after);
    }
    if (s == DB_OK) s = fd_idem_store(req, &w->idem, out->status, out->body);
    return s;
}

void fd_reservations_arrive(struct request *req)
{
    static const char *const fields[] = {
        "guests",          "booker", "member_phone", "package_id",      "choices",
        "planned_minutes", "note",   "opened_at",    "idempotency_key", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    if (fd_ctx_load(req, &c)) {
        struct res_write w = {.c = &c, .body = body, .id = req_param_id(req, "id")};
        char endpoint[64];
        snprintf(endpoint, sizeof endpoint, "arrive:%lld", (long long)w.id);
        if (fd_open_args(req, &c, body, &w.open) &&
            fd_idem_prepare(req, body, false, endpoint, &w.idem))
            fd_run_write(req, reservation_arrive_tx, &w, "预订", "reservation");
        fd_ctx_free(&c);
    }
    json_decref(body);
}
