/* frontdesk/store.c: the SQL of the front desk (see store.h). */
#include "frontdesk/store.h"

#include "core/bizday.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY(dst, st, col) snprintf((dst), sizeof(dst), "%s", db_col_text((st), (col)))

/* Binds NULL to the placeholder named "$n". By name, not position: SQLite numbers "$n"
 * parameters in the order they first appear in the text, which is not n when the SQL uses
 * them out of order ("SET a = $2 ... WHERE id = $1"). */
static void bind_null(sqlite3_stmt *st, int n)
{
    char name[8];
    snprintf(name, sizeof name, "$%d", n);
    int idx = sqlite3_bind_parameter_index(st, name);
    if (idx) sqlite3_bind_null(st, idx);
}

/* Steps st expecting one row; DB_NOT_FOUND without one. The caller resets. */
static enum db_status one_row(sqlite3_stmt *st)
{
    bool row = false;
    enum db_status s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    return s;
}

/* ---- price plans ---- */

static void read_plan(sqlite3_stmt *st, struct plan *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(st, 0);
    p->room_type_id = sqlite3_column_int64(st, 1);
    COPY(p->room_type, st, 2);
    COPY(p->name, st, 3);
    COPY(p->effective_from, st, 4);
    p->unit_min = sqlite3_column_int(st, 5);
    p->grace_min = sqlite3_column_int(st, 6);
    p->created_at = sqlite3_column_int64(st, 7);
    COPY(p->created_by, st, 8);
}

static enum db_status plan_slots_load(struct db *db, struct plan *p)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, name, days, start_min, end_min, hour_fen, "
                                   "member_hour_fen, min_spend_fen FROM price_slots "
                                   "WHERE plan_id = $1 ORDER BY start_min, days, id");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", p->id);
    bool row = false;
    p->nslots = 0;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        if (p->nslots == PLAN_MAX_SLOTS) {
            s = DB_INVALID;
            break;
        }
        struct plan_slot *x = &p->slots[p->nslots++];
        x->id = sqlite3_column_int64(st, 0);
        COPY(x->name, st, 1);
        x->slot.days = (unsigned)sqlite3_column_int(st, 2);
        x->slot.start_min = sqlite3_column_int(st, 3);
        x->slot.end_min = sqlite3_column_int(st, 4);
        x->slot.hour_fen = sqlite3_column_int64(st, 5);
        x->slot.member_hour_fen = sqlite3_column_int64(st, 6);
        x->slot.min_spend_fen = sqlite3_column_int64(st, 7);
    }
    sqlite3_reset(st);
    return s;
}

enum db_status plan_list(struct db *db, int64_t venue_id, int64_t room_type_id, plan_cb cb,
                         void *ctx)
{
    static const char sql[] =
        "SELECT p.id, p.room_type_id, t.name, p.name, p.effective_from, p.unit_min, p.grace_min, "
        "p.created_at, p.created_by FROM price_plans p JOIN room_types t ON t.id = p.room_type_id "
        "WHERE p.venue_id = $1 AND ($2 = 0 OR p.room_type_id = $2) "
        "ORDER BY t.sort_order, t.name, p.effective_from DESC";
    /* Collect the headers first: loading slots would reuse the connection's statements while
     * this one is stepping. */
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, room_type_id);
    struct plan *plans = NULL;
    int n = 0, cap = 0;
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            struct plan *p = realloc(plans, sizeof *p * (size_t)cap);
            if (!p) {
                s = DB_ERROR;
                break;
            }
            plans = p;
        }
        read_plan(st, &plans[n++]);
    }
    sqlite3_reset(st);
    for (int i = 0; s == DB_OK && i < n; i++) {
        s = plan_slots_load(db, &plans[i]);
        if (s == DB_OK && !cb(&plans[i], ctx)) break;
    }
    free(plans);
    return s;
}

enum db_status plan_load(struct db *db, int64_t venue_id, int64_t id, struct plan *p)
{
    static const char sql[] =
        "SELECT p.id, p.room_type_id, t.name, p.name, p.effective_from, p.unit_min, p.grace_min, "
        "p.created_at, p.created_by FROM price_plans p JOIN room_types t ON t.id = p.room_type_id "
        "WHERE p.venue_id = $1 AND p.id = $2";
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, id);
    if (s == DB_OK) s = one_row(st);
    if (s == DB_OK) read_plan(st, p);
    sqlite3_reset(st);
    return s == DB_OK ? plan_slots_load(db, p) : s;
}

static enum db_status plan_slots_insert(struct db *db, const struct plan *p)
{
    for (int i = 0; i < p->nslots; i++) {
        const struct plan_slot *x = &p->slots[i];
        enum db_status s = db_exec(
            db,
            "INSERT INTO price_slots(plan_id, name, days, start_min, end_min, hour_fen, "
            "member_hour_fen, min_spend_fen) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            "itIIIiii", p->id, x->name, (int)x->slot.days, x->slot.start_min, x->slot.end_min,
            x->slot.hour_fen, x->slot.member_hour_fen, x->slot.min_spend_fen);
        if (s != DB_OK) return s;
    }
    return DB_OK;
}

enum db_status plan_insert(struct db *db, int64_t venue_id, struct plan *p)
{
    enum db_status s = db_int(
        db, &p->id,
        "INSERT INTO price_plans(venue_id, room_type_id, name, effective_from, unit_min, "
        "grace_min, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        "iittIIit", venue_id, p->room_type_id, p->name, p->effective_from, p->unit_min,
        p->grace_min, p->created_at, p->created_by);
    return s == DB_OK ? plan_slots_insert(db, p) : s;
}

enum db_status plan_update(struct db *db, int64_t venue_id, const struct plan *p)
{
    enum db_status s =
        db_exec(db,
                "UPDATE price_plans SET name = $3, effective_from = $4, "
                "unit_min = $5, grace_min = $6 WHERE venue_id = $1 AND id = $2",
                "iittII", venue_id, p->id, p->name, p->effective_from, p->unit_min, p->grace_min);
    if (s == DB_OK) s = db_exec(db, "DELETE FROM price_slots WHERE plan_id = $1", "i", p->id);
    return s == DB_OK ? plan_slots_insert(db, p) : s;
}

enum db_status plan_delete(struct db *db, int64_t venue_id, int64_t id)
{
    enum db_status s = db_exec(db,
                               "DELETE FROM price_slots WHERE plan_id = $1 AND plan_id IN "
                               "(SELECT id FROM price_plans WHERE venue_id = $2)",
                               "ii", id, venue_id);
    if (s == DB_OK)
        s = db_exec(db, "DELETE FROM price_plans WHERE venue_id = $1 AND id = $2", "ii", venue_id,
                    id);
    return s;
}

enum db_status plan_count(struct db *db, int64_t venue_id, int64_t room_type_id, int64_t *n)
{
    return db_int(db, n,
                  "SELECT count(*) FROM price_plans WHERE venue_id = $1 AND "
                  "room_type_id = $2",
                  "ii", venue_id, room_type_id);
}

enum db_status plan_in_force(struct db *db, int64_t venue_id, int64_t room_type_id, const char *day,
                             int cutoff_min, const int64_t *holidays, int nholidays,
                             struct priced_plan *out)
{
    int64_t id = 0;
    enum db_status s = db_int(db, &id,
                              "SELECT id FROM price_plans WHERE venue_id = $1 AND "
                              "room_type_id = $2 AND effective_from <= $3 "
                              "ORDER BY effective_from DESC LIMIT 1",
                              "iit", venue_id, room_type_id, day);
    if (s != DB_OK) return s;
    struct plan *p = malloc(sizeof *p);
    if (!p) return DB_ERROR;
    s = plan_load(db, venue_id, id, p);
    if (s == DB_OK) {
        memset(out, 0, sizeof *out);
        out->id = p->id;
        out->room_type_id = p->room_type_id;
        for (int i = 0; i < p->nslots; i++) {
            out->slots[i] = p->slots[i].slot;
            snprintf(out->names[i], sizeof out->names[i], "%s", p->slots[i].name);
            out->name_ptrs[i] = out->names[i];
        }
        out->plan = (struct price_plan){out->slots, p->nslots, p->unit_min, p->grace_min,
                                        cutoff_min, holidays,  nholidays};
    }
    free(p);
    return s;
}

/* ---- holidays ---- */

enum db_status holiday_list(struct db *db, int64_t venue_id, holiday_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT day, name FROM holidays WHERE venue_id = $1 "
                                   "ORDER BY day");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", venue_id);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct holiday h;
        COPY(h.day, st, 0);
        COPY(h.name, st, 1);
        if (!cb(&h, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status holiday_upsert(struct db *db, int64_t venue_id, const char *day, const char *name)
{
    return db_exec(db,
                   "INSERT INTO holidays(venue_id, day, name) VALUES ($1, $2, $3) "
                   "ON CONFLICT (venue_id, day) DO UPDATE SET name = excluded.name",
                   "itt", venue_id, day, name);
}

enum db_status holiday_delete(struct db *db, int64_t venue_id, const char *day)
{
    int64_t n = 0;
    enum db_status s = db_int(db, &n,
                              "SELECT count(*) FROM holidays WHERE venue_id = $1 AND "
                              "day = $2",
                              "it", venue_id, day);
    if (s == DB_OK && n == 0) return DB_NOT_FOUND;
    if (s == DB_OK)
        s = db_exec(db, "DELETE FROM holidays WHERE venue_id = $1 AND day = $2", "it", venue_id,
                    day);
    return s;
}

enum db_status holiday_days(struct db *db, int64_t venue_id, const char *from, const char *to,
                            int64_t *out, int max, int *n)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT day FROM holidays WHERE venue_id = $1 AND day >= $2 "
                                   "AND day <= $3 ORDER BY day");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "itt", venue_id, from, to);
    bool row = false;
    *n = 0;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        int64_t d;
        if (*n < max && date_parse(db_col_text(st, 0), &d)) out[(*n)++] = d;
    }
    sqlite3_reset(st);
    return s;
}

/* ---- packages ---- */

static void read_package(sqlite3_stmt *st, struct package *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(st, 0);
    COPY(p->name, st, 1);
    COPY(p->slot, st, 2);
    p->price_fen = sqlite3_column_int64(st, 3);
    p->active = sqlite3_column_int(st, 4) != 0;
    p->has_terms = sqlite3_column_int(st, 5) != 0;
    p->room_type_id = sqlite3_column_int64(st, 6);
    p->included_minutes = sqlite3_column_int(st, 7);
    p->buyout = sqlite3_column_int(st, 8) != 0;
    p->buyout_until_min = sqlite3_column_int(st, 9);
    p->days = (unsigned)sqlite3_column_int(st, 10);
    p->start_min = sqlite3_column_int(st, 11);
    p->end_min = sqlite3_column_int(st, 12);
    COPY(p->effective_from, st, 13);
    COPY(p->effective_to, st, 14);
}

static enum db_status package_items_load(struct db *db, struct package *p)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT i.product_id, pr.name, i.qty, i.choice_group, "
                                   "pr.price_fen FROM package_items i JOIN products pr ON "
                                   "pr.id = i.product_id WHERE i.package_id = $1 "
                                   "ORDER BY i.choice_group, i.id");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", p->id);
    bool row = false;
    p->nitems = 0;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        if (p->nitems == PACKAGE_MAX_ITEMS) break;
        struct package_item *it = &p->items[p->nitems++];
        it->product_id = sqlite3_column_int64(st, 0);
        COPY(it->product, st, 1);
        it->qty = sqlite3_column_int64(st, 2);
        COPY(it->choice_group, st, 3);
        it->list_fen = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    return s;
}

enum db_status fd_package_list(struct db *db, int64_t venue_id, package_cb cb, void *ctx)
{
    static const char sql[] =
        "SELECT p.id, p.name, p.slot, p.price_fen, p.active, t.package_id IS NOT NULL, "
        "coalesce(t.room_type_id, 0), coalesce(t.included_minutes, 0), coalesce(t.buyout, 0), "
        "coalesce(t.buyout_until_min, 360), coalesce(t.days, 127), coalesce(t.start_min, 0), "
        "coalesce(t.end_min, 1440), coalesce(t.effective_from, '2000-01-01'), "
        "coalesce(t.effective_to, '9999-12-31') "
        "FROM packages p LEFT JOIN package_terms t ON t.package_id = p.id "
        "WHERE p.venue_id = $1 ORDER BY p.active DESC, p.name";
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", venue_id);
    int64_t *ids = NULL;
    int n = 0, cap = 0;
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            int64_t *p = realloc(ids, sizeof *p * (size_t)cap);
            if (!p) {
                s = DB_ERROR;
                break;
            }
            ids = p;
        }
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    struct package *p = s == DB_OK ? malloc(sizeof *p) : NULL;
    if (s == DB_OK && !p) s = DB_ERROR;
    for (int i = 0; s == DB_OK && i < n; i++) {
        s = fd_package_load(db, venue_id, ids[i], p);
        if (s == DB_OK && !cb(p, ctx)) break;
    }
    free(p);
    free(ids);
    return s;
}

enum db_status fd_package_load(struct db *db, int64_t venue_id, int64_t id, struct package *p)
{
    static const char sql[] =
        "SELECT p.id, p.name, p.slot, p.price_fen, p.active, t.package_id IS NOT NULL, "
        "coalesce(t.room_type_id, 0), coalesce(t.included_minutes, 0), coalesce(t.buyout, 0), "
        "coalesce(t.buyout_until_min, 360), coalesce(t.days, 127), coalesce(t.start_min, 0), "
        "coalesce(t.end_min, 1440), coalesce(t.effective_from, '2000-01-01'), "
        "coalesce(t.effective_to, '9999-12-31') "
        "FROM packages p LEFT JOIN package_terms t ON t.package_id = p.id "
        "WHERE p.venue_id = $1 AND p.id = $2";
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, id);
    if (s == DB_OK) s = one_row(st);
    if (s == DB_OK) read_package(st, p);
    sqlite3_reset(st);
    return s == DB_OK ? package_items_load(db, p) : s;
}

enum db_status fd_package_save(struct db *db, int64_t venue_id, struct package *p)
{
    int64_t now = 0;
    enum db_status s = db_int(db, &now, "SELECT CAST(strftime('%s','now') AS INTEGER)", "");
    if (s != DB_OK) return s;
    if (p->id == 0)
        s = db_int(db, &p->id,
                   "INSERT INTO packages(venue_id, name, slot, price_fen, active, created_at, "
                   "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                   "ittiIi", venue_id, p->name, p->slot, p->price_fen, p->active ? 1 : 0, now);
    else
        s = db_exec(db,
                    "UPDATE packages SET name = $3, slot = $4, price_fen = $5, active = $6, "
                    "updated_at = $7 WHERE venue_id = $1 AND id = $2",
                    "iittiIi", venue_id, p->id, p->name, p->slot, p->price_fen, p->active ? 1 : 0,
                    now);
    if (s != DB_OK) return s;
    if (p->has_terms) {
        s = db_exec(db,
                    "INSERT INTO package_terms(package_id, room_type_id, included_minutes, "
                    "buyout, buyout_until_min, days, start_min, end_min, effective_from, "
                    "effective_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                    "ON CONFLICT (package_id) DO UPDATE SET room_type_id = excluded.room_type_id, "
                    "included_minutes = excluded.included_minutes, buyout = excluded.buyout, "
                    "buyout_until_min = excluded.buyout_until_min, days = excluded.days, "
                    "start_min = excluded.start_min, end_min = excluded.end_min, "
                    "effective_from = excluded.effective_from, "
                    "effective_to = excluded.effective_to",
                    "iiIIIIIItt", p->id, p->room_type_id, p->included_minutes, p->buyout ? 1 : 0,
                    p->buyout_until_min, (int)p->days, p->start_min, p->end_min, p->effective_from,
                    p->effective_to);
        if (s == DB_OK && !p->room_type_id)
            s = db_exec(db, "UPDATE package_terms SET room_type_id = NULL WHERE package_id = $1",
                        "i", p->id);
    }
    if (s != DB_OK) return s;
    /* Items are master data, not history: what a stay was sold is in its stay_items. */
    s = db_exec(db, "DELETE FROM package_items WHERE package_id = $1", "i", p->id);
    for (int i = 0; s == DB_OK && i < p->nitems; i++)
        s = db_exec(db,
                    "INSERT INTO package_items(package_id, product_id, qty, choice_group) "
                    "VALUES ($1, $2, $3, $4)",
                    "iiit", p->id, p->items[i].product_id, p->items[i].qty,
                    p->items[i].choice_group);
    return s;
}

/* ---- role limits ---- */

static void read_limit(sqlite3_stmt *st, struct role_limit_row *r)
{
    COPY(r->role, st, 0);
    r->limit.gift_limit_fen = sqlite3_column_int64(st, 1);
    r->limit.discount_limit_bp = sqlite3_column_int64(st, 2);
    r->limit.discount_limit_fen = sqlite3_column_int64(st, 3);
    r->refund_limit_fen = sqlite3_column_int64(st, 4);
}

enum db_status role_limit_list(struct db *db, role_limit_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT role, gift_limit_fen, discount_limit_bp, "
                                   "discount_limit_fen, refund_limit_fen FROM role_limits "
                                   "ORDER BY role");
    if (!st) return DB_ERROR;
    bool row = false;
    enum db_status s;
    while ((s = db_step(st, &row)) == DB_OK && row) {
        struct role_limit_row r;
        read_limit(st, &r);
        if (!cb(&r, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status role_limit_load(struct db *db, const char *role, struct role_limit_row *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->role, sizeof out->role, "%s", role);
    sqlite3_stmt *st = db_stmt(db, "SELECT role, gift_limit_fen, discount_limit_bp, "
                                   "discount_limit_fen, refund_limit_fen FROM role_limits "
                                   "WHERE role = $1");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "t", role);
    if (s == DB_OK) s = one_row(st);
    if (s == DB_OK) read_limit(st, out);
    sqlite3_reset(st);
    return s == DB_NOT_FOUND ? DB_OK : s;
}

enum db_status role_limit_save(struct db *db, const struct role_limit_row *r)
{
    return db_exec(db,
                   "INSERT INTO role_limits(role, gift_limit_fen, discount_limit_bp, "
                   "discount_limit_fen, refund_limit_fen) VALUES ($1, $2, $3, $4, $5) "
                   "ON CONFLICT (role) DO UPDATE SET gift_limit_fen = excluded.gift_limit_fen, "
                   "discount_limit_bp = excluded.discount_limit_bp, "
                   "discount_limit_fen = excluded.discount_limit_fen, "
                   "refund_limit_fen = excluded.refund_limit_fen",
                   "tiiii", r->role, r->limit.gift_limit_fen, r->limit.discount_limit_bp,
                   r->limit.discount_limit_fen, r->refund_limit_fen);
}

/* ---- approvers ---- */

enum db_status approver_find(struct db *db, int64_t venue_id, const char *username,
                             struct approver_row *out)
{
    /* The users table is the core's; the front desk reads the one row it needs to check a
     * manager's second sign-in (core/auth.h has no lookup by name yet). */
    sqlite3_stmt *st = db_stmt(db, "SELECT id, username, role, password_hash, active FROM users "
                                   "WHERE venue_id = $1 AND username = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "it", venue_id, username);
    if (s == DB_OK) s = one_row(st);
    if (s == DB_OK) {
        memset(out, 0, sizeof *out);
        out->id = sqlite3_column_int64(st, 0);
        COPY(out->username, st, 1);
        COPY(out->role, st, 2);
        COPY(out->password_hash, st, 3);
        out->active = sqlite3_column_int(st, 4) != 0;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status approval_insert(struct db *db, int64_t venue_id, const char *kind,
                               const char *subject, int64_t amount_fen, const char *requested_by,
                               const char *approved_by, const char *reason, int64_t at)
{
    return db_exec(db,
                   "INSERT INTO approvals(venue_id, kind, subject, amount_fen, requested_by, "
                   "approved_by, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                   "ittittti", venue_id, kind, subject, amount_fen, requested_by, approved_by,
                   reason, at);
}

/* ---- the board ---- */

enum db_status board_rooms(struct db *db, int64_t venue_id, int64_t since_hold, board_room_cb cb,
                           void *ctx)
{
    static const char sql[] =
        "SELECT r.id, r.room_type_id, r.room_no, r.name, t.name, "
        "coalesce(rs.state, 'free'), coalesce(rs.note, ''), coalesce(rs.since, 0), "
        "coalesce((SELECT s.id FROM stays s WHERE s.room_id = r.id AND s.status = 'open'), 0), "
        "coalesce((SELECT v.id FROM reservations v WHERE v.room_id = r.id AND "
        "v.status = 'held' AND v.hold_until >= $2 ORDER BY v.arrive_at LIMIT 1), 0) "
        "FROM rooms r JOIN room_types t ON t.id = r.room_type_id "
        "LEFT JOIN room_states rs ON rs.room_id = r.id "
        "WHERE r.venue_id = $1 AND r.active = 1 ORDER BY t.sort_order, r.room_no";
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, since_hold);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct board_room b;
        memset(&b, 0, sizeof b);
        b.room_id = sqlite3_column_int64(st, 0);
        b.room_type_id = sqlite3_column_int64(st, 1);
        COPY(b.room_no, st, 2);
        COPY(b.name, st, 3);
        COPY(b.room_type, st, 4);
        COPY(b.state, st, 5);
        COPY(b.state_note, st, 6);
        b.state_since = sqlite3_column_int64(st, 7);
        b.stay_id = sqlite3_column_int64(st, 8);
        b.reservation_id = sqlite3_column_int64(st, 9);
        if (!cb(&b, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status room_state_get(struct db *db, int64_t room_id, char state[20], char note[404])
{
    sqlite3_stmt *st = db_stmt(db, "SELECT state, note FROM room_states WHERE room_id = $1");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", room_id);
    if (s == DB_OK) s = one_row(st);
    snprintf(state, 20, "%s", s == DB_OK ? db_col_text(st, 0) : "free");
    snprintf(note, 404, "%s", s == DB_OK ? db_col_text(st, 1) : "");
    sqlite3_reset(st);
    return s == DB_NOT_FOUND ? DB_OK : s;
}

enum db_status room_state_set(struct db *db, int64_t room_id, const char *state, const char *note,
                              const char *by_user, int64_t at)
{
    return db_exec(db,
                   "INSERT INTO room_states(room_id, state, since, note, by_user) "
                   "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (room_id) DO UPDATE SET "
                   "state = excluded.state, since = excluded.since, note = excluded.note, "
                   "by_user = excluded.by_user",
                   "ititt", room_id, state, at, note, by_user);
}

/* ---- reservations ---- */

static void read_reservation(sqlite3_stmt *st, struct reservation *v)
{
    memset(v, 0, sizeof *v);
    v->id = sqlite3_column_int64(st, 0);
    v->room_id = sqlite3_column_int64(st, 1);
    COPY(v->room_no, st, 2);
    COPY(v->guest_name, st, 3);
    COPY(v->guest_phone, st, 4);
    v->guests = sqlite3_column_int64(st, 5);
    COPY(v->booker, st, 6);
    v->arrive_at = sqlite3_column_int64(st, 7);
    v->hold_until = sqlite3_column_int64(st, 8);
    COPY(v->status, st, 9);
    v->stay_id = sqlite3_column_int64(st, 10);
    COPY(v->note, st, 11);
    COPY(v->created_by, st, 12);
    v->created_at = sqlite3_column_int64(st, 13);
}

enum db_status reservation_insert(struct db *db, int64_t venue_id, struct reservation *r)
{
    return db_int(db, &r->id,
                  "INSERT INTO reservations(venue_id, room_id, guest_name, guest_phone, guests, "
                  "booker, arrive_at, hold_until, status, note, created_by, created_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'held', $9, $10, $11) RETURNING id",
                  "iittitiitti", venue_id, r->room_id, r->guest_name, r->guest_phone, r->guests,
                  r->booker, r->arrive_at, r->hold_until, r->note, r->created_by, r->created_at);
}

enum db_status reservation_load(struct db *db, int64_t venue_id, int64_t id, struct reservation *r)
{
    static const char sql[] =
        "SELECT v.id, v.room_id, r.room_no, v.guest_name, v.guest_phone, v.guests, v.booker, "
        "v.arrive_at, v.hold_until, v.status, coalesce(v.stay_id, 0), v.note, v.created_by, "
        "v.created_at FROM reservations v JOIN rooms r ON r.id = v.room_id "
        "WHERE v.venue_id = $1 AND v.id = $2";
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "ii", venue_id, id);
    if (s == DB_OK) s = one_row(st);
    if (s == DB_OK) read_reservation(st, r);
    sqlite3_reset(st);
    return s;
}

enum db_status reservation_list(struct db *db, int64_t venue_id, int64_t from, int64_t to,
                                reservation_cb cb, void *ctx)
{
    static const char sql[] =
        "SELECT v.id, v.room_id, r.room_no, v.guest_name, v.guest_phone, v.guests, v.booker, "
        "v.arrive_at, v.hold_until, v.status, coalesce(v.stay_id, 0), v.note, v.created_by, "
        "v.created_at FROM reservations v JOIN rooms r ON r.id = v.room_id "
        "WHERE v.venue_id = $1 AND v.hold_until >= $2 AND v.arrive_at < $3 "
        "ORDER BY v.arrive_at, v.id";
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "iii", venue_id, from, to);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct reservation v;
        read_reservation(st, &v);
        if (!cb(&v, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status reservation_set_status(struct db *db, int64_t id, const char *status,
                                      int64_t stay_id)
{
    sqlite3_stmt *st = db_stmt(db, "UPDATE reservations SET status = $2, stay_id = $3 "
                                   "WHERE id = $1");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "iti", id, status, stay_id);
    if (s != DB_OK) return s;
    if (!stay_id) bind_null(st, 3);
    return db_exec_stmt(st);
}

enum db_status reservation_overlap(struct db *db, int64_t room_id, int64_t from, int64_t to,
                                   int64_t except_id, int64_t *id)
{
    return db_int(db, id,
                  "SELECT id FROM reservations WHERE room_id = $1 AND status = 'held' AND "
                  "id <> $4 AND arrive_at <= $3 AND hold_until >= $2 ORDER BY arrive_at LIMIT 1",
                  "iiii", room_id, from, to, except_id);
}

/* ---- stays ---- */

static void read_stay(sqlite3_stmt *st, struct stay *s)
{
    memset(s, 0, sizeof *s);
    s->id = sqlite3_column_int64(st, 0);
    s->venue_id = sqlite3_column_int64(st, 1);
    s->room_id = sqlite3_column_int64(st, 2);
    s->opened_at = sqlite3_column_int64(st, 3);
    s->closed_at = sqlite3_column_int64(st, 4);
    s->guests = sqlite3_column_int64(st, 5);
    COPY(s->booker, st, 6);
    COPY(s->member_phone, st, 7);
    s->package_id = sqlite3_column_int64(st, 8);
    COPY(s->status, st, 9);
    COPY(s->opened_by, st, 10);
    COPY(s->closed_by, st, 11);
    s->bill_id = sqlite3_column_int64(st, 12);
    s->reservation_id = sqlite3_column_int64(st, 13);
    s->planned_minutes = sqlite3_column_int64(st, 14);
    COPY(s->note, st, 15);
    s->version = sqlite3_column_int64(st, 16);
}

enum db_status stay_insert(struct db *db, struct stay *s)
{
    sqlite3_stmt *st =
        db_stmt(db, "INSERT INTO stays(venue_id, room_id, opened_at, guests, booker, member_phone, "
                    "package_id, status, opened_by, reservation_id, planned_minutes, note) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $11) RETURNING id");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "iiiittitiit", s->venue_id, s->room_id, s->opened_at, s->guests,
                               s->booker, s->member_phone, s->package_id, s->opened_by,
                               s->reservation_id, s->planned_minutes, s->note);
    if (e != DB_OK) return e;
    if (!s->package_id) bind_null(st, 7);
    if (!s->reservation_id) bind_null(st, 9);
    e = one_row(st);
    if (e == DB_OK) s->id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    snprintf(s->status, sizeof s->status, "open");
    return e;
}

enum db_status stay_load(struct db *db, int64_t venue_id, int64_t id, struct stay *s)
{
    static const char sql[] =
        "SELECT id, venue_id, room_id, opened_at, coalesce(closed_at, 0), guests, booker, "
        "member_phone, coalesce(package_id, 0), status, opened_by, closed_by, "
        "coalesce(bill_id, 0), coalesce(reservation_id, 0), planned_minutes, note, version "
        "FROM stays WHERE venue_id = $1 AND id = $2";
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "ii", venue_id, id);
    if (e == DB_OK) e = one_row(st);
    if (e == DB_OK) read_stay(st, s);
    sqlite3_reset(st);
    return e;
}

enum db_status stay_open_of_room(struct db *db, int64_t room_id, int64_t *stay_id)
{
    return db_int(db, stay_id, "SELECT id FROM stays WHERE room_id = $1 AND status = 'open'", "i",
                  room_id);
}

enum db_status stay_list_open(struct db *db, int64_t venue_id, stay_cb cb, void *ctx)
{
    static const char sql[] =
        "SELECT id, venue_id, room_id, opened_at, coalesce(closed_at, 0), guests, booker, "
        "member_phone, coalesce(package_id, 0), status, opened_by, closed_by, "
        "coalesce(bill_id, 0), coalesce(reservation_id, 0), planned_minutes, note, version "
        "FROM stays WHERE venue_id = $1 AND status = 'open' ORDER BY opened_at";
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "i", venue_id);
    bool row = false;
    while (e == DB_OK && (e = db_step(st, &row)) == DB_OK && row) {
        struct stay s;
        read_stay(st, &s);
        if (!cb(&s, ctx)) break;
    }
    sqlite3_reset(st);
    return e;
}

static enum db_status stay_rooms_load(struct db *db, struct stay_full *f)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT sr.id, sr.room_id, r.room_type_id, r.room_no, t.name, "
                                   "sr.from_at, coalesce(sr.to_at, 0) FROM stay_rooms sr "
                                   "JOIN rooms r ON r.id = sr.room_id JOIN room_types t ON "
                                   "t.id = r.room_type_id WHERE sr.stay_id = $1 "
                                   "ORDER BY sr.from_at, sr.id");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "i", f->stay.id);
    bool row = false;
    while (e == DB_OK && (e = db_step(st, &row)) == DB_OK && row) {
        if (f->nrooms == PRICING_MAX_SEGMENTS) {
            e = DB_INVALID;
            break;
        }
        struct stay_room *r = &f->rooms[f->nrooms++];
        r->id = sqlite3_column_int64(st, 0);
        r->room_id = sqlite3_column_int64(st, 1);
        r->room_type_id = sqlite3_column_int64(st, 2);
        COPY(r->room_no, st, 3);
        COPY(r->room_type, st, 4);
        r->from_at = sqlite3_column_int64(st, 5);
        r->to_at = sqlite3_column_int64(st, 6);
    }
    sqlite3_reset(st);
    return e;
}

static enum db_status stay_packages_load(struct db *db, struct stay_full *f)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, package_id, name, price_fen, included_minutes, "
                                   "buyout, buyout_until_min, at, by_user FROM stay_packages "
                                   "WHERE stay_id = $1 ORDER BY id");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "i", f->stay.id);
    bool row = false;
    int max = (int)(sizeof f->packages / sizeof f->packages[0]);
    while (e == DB_OK && (e = db_step(st, &row)) == DB_OK && row) {
        if (f->npackages == max) {
            e = DB_INVALID;
            break;
        }
        struct stay_package *p = &f->packages[f->npackages++];
        p->id = sqlite3_column_int64(st, 0);
        p->package_id = sqlite3_column_int64(st, 1);
        COPY(p->name, st, 2);
        p->price_fen = sqlite3_column_int64(st, 3);
        p->included_minutes = sqlite3_column_int(st, 4);
        p->buyout = sqlite3_column_int(st, 5) != 0;
        p->buyout_until_min = sqlite3_column_int(st, 6);
        p->at = sqlite3_column_int64(st, 7);
        COPY(p->by_user, st, 8);
    }
    sqlite3_reset(st);
    return e;
}

static enum db_status stay_items_load(struct db *db, struct stay_full *f)
{
    sqlite3_stmt *st = db_stmt(
        db, "SELECT i.id, i.product_id, i.item, i.qty, i.unit_fen, i.list_fen, i.gift, "
            "i.approved_by, coalesce(i.package_id, 0), i.choice_group, coalesce(i.return_of, 0), "
            "i.at, i.by_user, p.discountable, p.min_spend, "
            "coalesce((SELECT -sum(r.qty) FROM stay_items r WHERE r.return_of = i.id), 0) "
            "FROM stay_items i JOIN products p ON p.id = i.product_id WHERE i.stay_id = $1 "
            "ORDER BY i.id");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "i", f->stay.id);
    bool row = false;
    int cap = 0;
    while (e == DB_OK && (e = db_step(st, &row)) == DB_OK && row) {
        if (f->nitems == cap) {
            cap = cap ? cap * 2 : 16;
            struct stay_item *p = realloc(f->items, sizeof *p * (size_t)cap);
            if (!p) {
                e = DB_ERROR;
                break;
            }
            f->items = p;
        }
        struct stay_item *it = &f->items[f->nitems++];
        memset(it, 0, sizeof *it);
        it->id = sqlite3_column_int64(st, 0);
        it->product_id = sqlite3_column_int64(st, 1);
        COPY(it->item, st, 2);
        it->qty = sqlite3_column_int64(st, 3);
        it->unit_fen = sqlite3_column_int64(st, 4);
        it->list_fen = sqlite3_column_int64(st, 5);
        it->gift = sqlite3_column_int(st, 6) != 0;
        COPY(it->approved_by, st, 7);
        it->package_id = sqlite3_column_int64(st, 8);
        COPY(it->choice_group, st, 9);
        it->return_of = sqlite3_column_int64(st, 10);
        it->at = sqlite3_column_int64(st, 11);
        COPY(it->by_user, st, 12);
        it->discountable = sqlite3_column_int(st, 13) != 0;
        it->counts_to_min_spend = sqlite3_column_int(st, 14) != 0;
        it->returned = sqlite3_column_int64(st, 15);
    }
    sqlite3_reset(st);
    return e;
}

enum db_status stay_full_load(struct db *db, int64_t venue_id, int64_t id, struct stay_full *f)
{
    memset(f, 0, sizeof *f);
    enum db_status e = stay_load(db, venue_id, id, &f->stay);
    if (e == DB_OK) e = stay_rooms_load(db, f);
    if (e == DB_OK) e = stay_packages_load(db, f);
    if (e == DB_OK) e = stay_items_load(db, f);
    if (e == DB_OK && f->nrooms == 0) e = DB_ERROR; /* every stay has its first room */
    if (e != DB_OK) stay_full_free(f);
    return e;
}

void stay_full_free(struct stay_full *f)
{
    if (!f) return;
    free(f->items);
    f->items = NULL;
    f->nitems = 0;
}

enum db_status stay_room_insert(struct db *db, int64_t stay_id, int64_t room_id, int64_t from_at)
{
    return db_exec(db, "INSERT INTO stay_rooms(stay_id, room_id, from_at) VALUES ($1, $2, $3)",
                   "iii", stay_id, room_id, from_at);
}

enum db_status stay_room_close(struct db *db, int64_t stay_id, int64_t to_at)
{
    return db_exec(db, "UPDATE stay_rooms SET to_at = $2 WHERE stay_id = $1 AND to_at IS NULL",
                   "ii", stay_id, to_at);
}

enum db_status stay_move(struct db *db, int64_t stay_id, int64_t room_id)
{
    return db_exec(db,
                   "UPDATE stays SET room_id = $2, version = version + 1 WHERE id = $1 AND "
                   "status = 'open'",
                   "ii", stay_id, room_id);
}

enum db_status stay_set_planned(struct db *db, int64_t stay_id, int64_t planned_minutes)
{
    return db_exec(db, "UPDATE stays SET planned_minutes = $2, version = version + 1 WHERE id = $1",
                   "ii", stay_id, planned_minutes);
}

enum db_status stay_package_insert(struct db *db, int64_t stay_id, const struct stay_package *p)
{
    return db_exec(db,
                   "INSERT INTO stay_packages(stay_id, package_id, name, price_fen, "
                   "included_minutes, buyout, buyout_until_min, at, by_user) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                   "iitiIIIit", stay_id, p->package_id, p->name, p->price_fen, p->included_minutes,
                   p->buyout ? 1 : 0, p->buyout_until_min, p->at, p->by_user);
}

enum db_status stay_item_insert(struct db *db, int64_t stay_id, struct stay_item *it)
{
    sqlite3_stmt *st = db_stmt(
        db, "INSERT INTO stay_items(stay_id, product_id, item, qty, unit_fen, list_fen, gift, "
            "approved_by, package_id, choice_group, return_of, at, by_user) VALUES ($1, $2, $3, "
            "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id");
    if (!st) return DB_ERROR;
    enum db_status e =
        db_bind(st, "iitiiiItitiit", stay_id, it->product_id, it->item, it->qty, it->unit_fen,
                it->list_fen, it->gift ? 1 : 0, it->approved_by, it->package_id, it->choice_group,
                it->return_of, it->at, it->by_user);
    if (e != DB_OK) return e;
    if (!it->package_id) bind_null(st, 9);
    if (!it->return_of) bind_null(st, 11);
    e = one_row(st);
    if (e == DB_OK) it->id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return e;
}

enum db_status stay_close(struct db *db, int64_t stay_id, const char *status, int64_t closed_at,
                          int64_t bill_id, const char *closed_by)
{
    sqlite3_stmt *st = db_stmt(db, "UPDATE stays SET status = $2, closed_at = $3, bill_id = $4, "
                                   "closed_by = $5, version = version + 1 "
                                   "WHERE id = $1 AND status = 'open' RETURNING id");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "itiit", stay_id, status, closed_at, bill_id, closed_by);
    if (e != DB_OK) return e;
    if (!bill_id) bind_null(st, 4);
    e = one_row(st);
    sqlite3_reset(st);
    return e == DB_NOT_FOUND ? DB_CONFLICT : e;
}

enum db_status stay_bill_no(struct db *db, int64_t bill_id, char bill_no[48])
{
    sqlite3_stmt *st = db_stmt(db, "SELECT bill_no FROM bills WHERE id = $1");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "i", bill_id);
    if (e == DB_OK) e = one_row(st);
    snprintf(bill_no, 48, "%s", e == DB_OK ? db_col_text(st, 0) : "");
    sqlite3_reset(st);
    return e;
}

/* ---- idempotency ---- */

enum db_status idem_get(struct db *db, int64_t venue_id, const char *key, struct idem_record *r)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT endpoint, request_hash, status, response FROM "
                                   "idempotency_keys WHERE venue_id = $1 AND key = $2");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "it", venue_id, key);
    if (e == DB_OK) e = one_row(st);
    if (e == DB_OK) {
        COPY(r->endpoint, st, 0);
        COPY(r->request_hash, st, 1);
        r->status = sqlite3_column_int(st, 2);
        r->response = db_col_strdup(st, 3);
        if (!r->response) e = DB_ERROR;
    }
    sqlite3_reset(st);
    return e;
}

enum db_status idem_put(struct db *db, int64_t venue_id, const char *key, const char *endpoint,
                        const char *request_hash, int status, const char *response, int64_t at)
{
    return db_exec(db,
                   "INSERT INTO idempotency_keys(venue_id, key, endpoint, request_hash, status, "
                   "response, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                   "itttIti", venue_id, key, endpoint, request_hash, status, response, at);
}

/* ---- members ---- */

static void read_member(sqlite3_stmt *st, struct member *m)
{
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    COPY(m->phone, st, 1);
    COPY(m->name, st, 2);
    COPY(m->level, st, 3);
    m->discount_bp = sqlite3_column_int64(st, 4);
    m->active = sqlite3_column_int(st, 5) != 0;
    m->balance.principal_fen = sqlite3_column_int64(st, 6);
    m->balance.bonus_fen = sqlite3_column_int64(st, 7);
}

enum db_status member_find(struct db *db, int64_t venue_id, const char *phone, struct member *m)
{
    static const char sql[] =
        "SELECT m.id, m.phone, m.name, m.level, m.discount_bp, m.active, "
        "coalesce((SELECT sum(principal_fen) FROM member_ledger l WHERE l.member_id = m.id), 0), "
        "coalesce((SELECT sum(bonus_fen) FROM member_ledger l WHERE l.member_id = m.id), 0) "
        "FROM members m WHERE m.venue_id = $1 AND m.phone = $2";
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "it", venue_id, phone);
    if (e == DB_OK) e = one_row(st);
    if (e == DB_OK) read_member(st, m);
    sqlite3_reset(st);
    return e;
}

enum db_status member_load(struct db *db, int64_t id, struct member *m)
{
    static const char sql[] =
        "SELECT m.id, m.phone, m.name, m.level, m.discount_bp, m.active, "
        "coalesce((SELECT sum(principal_fen) FROM member_ledger l WHERE l.member_id = m.id), 0), "
        "coalesce((SELECT sum(bonus_fen) FROM member_ledger l WHERE l.member_id = m.id), 0) "
        "FROM members m WHERE m.id = $1";
    sqlite3_stmt *st = db_stmt(db, sql);
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "i", id);
    if (e == DB_OK) e = one_row(st);
    if (e == DB_OK) read_member(st, m);
    sqlite3_reset(st);
    return e;
}

enum db_status member_insert(struct db *db, int64_t venue_id, struct member *m, int64_t created_at)
{
    return db_int(db, &m->id,
                  "INSERT INTO members(venue_id, phone, name, level, discount_bp, active, "
                  "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                  "itttiIi", venue_id, m->phone, m->name, m->level, m->discount_bp,
                  m->active ? 1 : 0, created_at);
}

enum db_status ledger_insert(struct db *db, const struct ledger_entry *l)
{
    sqlite3_stmt *st = db_stmt(db, "INSERT INTO member_ledger(member_id, at, business_day, kind, "
                                   "principal_fen, bonus_fen, bill_id, payment_seq, shift_id, "
                                   "note, by_user) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                                   "$10, $11)");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "iittiiiIitt", l->member_id, l->at, l->business_day, l->kind,
                               l->change.principal_fen, l->change.bonus_fen, l->bill_id,
                               l->payment_seq, l->shift_id, l->note ? l->note : "", l->by_user);
    if (e != DB_OK) return e;
    if (!l->bill_id) bind_null(st, 7);
    if (!l->shift_id) bind_null(st, 9);
    return db_exec_stmt(st);
}

enum db_status ledger_of_tender(struct db *db, int64_t bill_id, int payment_seq, int64_t *member_id,
                                struct stored_value *taken, struct stored_value *returned)
{
    sqlite3_stmt *st = db_stmt(
        db, "SELECT member_id, "
            "-sum(CASE WHEN kind = 'pay' THEN principal_fen ELSE 0 END), "
            "-sum(CASE WHEN kind = 'pay' THEN bonus_fen ELSE 0 END), "
            "sum(CASE WHEN kind IN ('refund','void') THEN principal_fen ELSE 0 END), "
            "sum(CASE WHEN kind IN ('refund','void') THEN bonus_fen ELSE 0 END) "
            "FROM member_ledger WHERE bill_id = $1 AND payment_seq = $2 GROUP BY member_id");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "iI", bill_id, payment_seq);
    if (e == DB_OK) e = one_row(st);
    if (e == DB_OK) {
        *member_id = sqlite3_column_int64(st, 0);
        taken->principal_fen = sqlite3_column_int64(st, 1);
        taken->bonus_fen = sqlite3_column_int64(st, 2);
        returned->principal_fen = sqlite3_column_int64(st, 3);
        returned->bonus_fen = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    return e;
}

enum db_status voucher_used(struct db *db, int64_t venue_id, const char *platform, const char *code,
                            bool *used)
{
    int64_t n = 0;
    enum db_status e = db_int(
        db, &n,
        "SELECT count(*) FROM bill_payments p JOIN bills b ON b.id = p.bill_id "
        "WHERE b.venue_id = $1 AND p.method = 'voucher' AND p.platform = $2 AND "
        "p.reference = $3 AND NOT EXISTS (SELECT 1 FROM bill_voids v WHERE v.bill_id = b.id)",
        "itt", venue_id, platform, code);
    *used = n > 0;
    return e;
}

/* ---- bills ---- */

enum db_status bill_next_no(struct db *db, int64_t venue_id, const char *business_day, char *out,
                            size_t size)
{
    /* F + the business day + a sequence within it: readable on a receipt, sorted by day, and
     * never equal to an imported number (those are digits only). */
    char prefix[16];
    snprintf(prefix, sizeof prefix, "F%.4s%.2s%.2s-", business_day, business_day + 5,
             business_day + 8);
    int64_t n = 0;
    enum db_status e = db_int(db, &n,
                              "SELECT coalesce(max(CAST(substr(bill_no, 11) AS INTEGER)), 0) "
                              "FROM bills WHERE venue_id = $1 AND source = 'pos' AND "
                              "substr(bill_no, 1, 10) = $2",
                              "it", venue_id, prefix);
    if (e == DB_OK) snprintf(out, size, "%s%04lld", prefix, (long long)(n + 1));
    return e;
}

enum db_status bill_discount_insert(struct db *db, int64_t bill_id, const struct bill_discount *d)
{
    return db_exec(db,
                   "INSERT INTO bill_discounts(bill_id, kind, amount_fen, rate_bp, code, reason, "
                   "approved_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                   "itiittt", bill_id, d->kind, d->amount_fen, d->rate_bp, d->code ? d->code : "",
                   d->reason ? d->reason : "", d->approved_by ? d->approved_by : "");
}

enum db_status bill_discount_list(struct db *db, int64_t bill_id, bill_discount_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT kind, amount_fen, rate_bp, code, reason, approved_by "
                                   "FROM bill_discounts WHERE bill_id = $1 ORDER BY id");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "i", bill_id);
    bool row = false;
    while (e == DB_OK && (e = db_step(st, &row)) == DB_OK && row) {
        struct bill_discount_row d;
        COPY(d.kind, st, 0);
        d.amount_fen = sqlite3_column_int64(st, 1);
        d.rate_bp = sqlite3_column_int64(st, 2);
        COPY(d.code, st, 3);
        COPY(d.reason, st, 4);
        COPY(d.approved_by, st, 5);
        if (!cb(&d, ctx)) break;
    }
    sqlite3_reset(st);
    return e;
}

enum db_status consumption_insert(struct db *db, int64_t venue_id, int64_t bill_id,
                                  int64_t product_id, int64_t qty, const char *kind,
                                  const char *business_day, int64_t at)
{
    return db_exec(db,
                   "INSERT INTO consumption(venue_id, bill_id, product_id, qty, kind, location, "
                   "business_day, at) VALUES ($1, $2, $3, $4, $5, 'bar', $6, $7)",
                   "iiiitti", venue_id, bill_id, product_id, qty, kind, business_day, at);
}

enum db_status bill_tenders(struct db *db, int64_t bill_id, struct tender_row *out, int max, int *n)
{
    sqlite3_stmt *st = db_stmt(
        db, "SELECT p.seq, p.method, p.amount_fen, coalesce(p.shift_id, 0), "
            "coalesce(p.tendered_fen, 0), coalesce(p.change_fen, 0), p.platform, p.reference, "
            "coalesce((SELECT sum(r.amount_fen) FROM refunds r WHERE r.bill_id = p.bill_id AND "
            "r.payment_seq = p.seq), 0) FROM bill_payments p WHERE p.bill_id = $1 ORDER BY p.seq");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "i", bill_id);
    bool row = false;
    *n = 0;
    while (e == DB_OK && (e = db_step(st, &row)) == DB_OK && row) {
        if (*n == max) break;
        struct tender_row *t = &out[(*n)++];
        memset(t, 0, sizeof *t);
        t->seq = sqlite3_column_int(st, 0);
        COPY(t->method, st, 1);
        t->amount_fen = sqlite3_column_int64(st, 2);
        t->shift_id = sqlite3_column_int64(st, 3);
        t->tendered_fen = sqlite3_column_int64(st, 4);
        t->change_fen = sqlite3_column_int64(st, 5);
        COPY(t->platform, st, 6);
        COPY(t->reference, st, 7);
        t->refunded_fen = sqlite3_column_int64(st, 8);
    }
    sqlite3_reset(st);
    return e;
}

enum db_status bill_stay(struct db *db, int64_t bill_id, int64_t *stay_id)
{
    enum db_status e = db_int(db, stay_id, "SELECT id FROM stays WHERE bill_id = $1", "i", bill_id);
    if (e == DB_NOT_FOUND) {
        *stay_id = 0;
        return DB_OK;
    }
    return e;
}

enum db_status bill_void_load(struct db *db, int64_t bill_id, struct void_row *v)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT at, business_day, coalesce(shift_id, 0), reason, "
                                   "approved_by, by_user FROM bill_voids WHERE bill_id = $1");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "i", bill_id);
    if (e == DB_OK) e = one_row(st);
    if (e == DB_OK) {
        memset(v, 0, sizeof *v);
        v->at = sqlite3_column_int64(st, 0);
        COPY(v->business_day, st, 1);
        v->shift_id = sqlite3_column_int64(st, 2);
        COPY(v->reason, st, 3);
        COPY(v->approved_by, st, 4);
        COPY(v->by_user, st, 5);
    }
    sqlite3_reset(st);
    return e;
}

enum db_status bill_void_insert(struct db *db, int64_t bill_id, const struct void_row *v)
{
    return db_exec(db,
                   "INSERT INTO bill_voids(bill_id, at, business_day, shift_id, reason, "
                   "approved_by, by_user) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                   "iitittt", bill_id, v->at, v->business_day, v->shift_id, v->reason,
                   v->approved_by, v->by_user);
}

enum db_status refund_insert(struct db *db, int64_t venue_id, int64_t bill_id, struct refund_row *r)
{
    return db_int(db, &r->id,
                  "INSERT INTO refunds(venue_id, bill_id, at, business_day, shift_id, method, "
                  "amount_fen, reason, approved_by, by_user, kind, payment_seq, reference) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                  "iiitititttt"
                  "It",
                  venue_id, bill_id, r->at, r->business_day, r->shift_id, r->method, r->amount_fen,
                  r->reason, r->approved_by, r->by_user, r->kind, r->payment_seq, r->reference);
}

enum db_status refund_list(struct db *db, int64_t bill_id, refund_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, at, business_day, coalesce(shift_id, 0), method, "
                                   "amount_fen, reason, approved_by, by_user, kind, "
                                   "coalesce(payment_seq, 0), reference FROM refunds "
                                   "WHERE bill_id = $1 ORDER BY id");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "i", bill_id);
    bool row = false;
    while (e == DB_OK && (e = db_step(st, &row)) == DB_OK && row) {
        struct refund_row r;
        memset(&r, 0, sizeof r);
        r.id = sqlite3_column_int64(st, 0);
        r.at = sqlite3_column_int64(st, 1);
        COPY(r.business_day, st, 2);
        r.shift_id = sqlite3_column_int64(st, 3);
        COPY(r.method, st, 4);
        r.amount_fen = sqlite3_column_int64(st, 5);
        COPY(r.reason, st, 6);
        COPY(r.approved_by, st, 7);
        COPY(r.by_user, st, 8);
        COPY(r.kind, st, 9);
        r.payment_seq = sqlite3_column_int(st, 10);
        COPY(r.reference, st, 11);
        if (!cb(&r, ctx)) break;
    }
    sqlite3_reset(st);
    return e;
}

enum db_status consumption_of_bill(struct db *db, int64_t bill_id, consumption_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT product_id, sum(qty), kind FROM consumption "
                                   "WHERE bill_id = $1 GROUP BY product_id, kind "
                                   "HAVING sum(qty) <> 0 ORDER BY min(id)");
    if (!st) return DB_ERROR;
    enum db_status e = db_bind(st, "i", bill_id);
    bool row = false;
    while (e == DB_OK && (e = db_step(st, &row)) == DB_OK && row) {
        struct consumption_row c;
        c.product_id = sqlite3_column_int64(st, 0);
        c.qty = sqlite3_column_int64(st, 1);
        COPY(c.kind, st, 2);
        if (!cb(&c, ctx)) break;
    }
    sqlite3_reset(st);
    return e;
}
