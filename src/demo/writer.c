/* demo/writer.c: stores the demo venue (see demo.h): users and catalogue through the auth and
 * master stores, each generated business day through bill_insert in one transaction. */
#include "demo/demo.h"

#include "core/audit.h"
#include "core/auth.h"
#include "core/bizday.h"
#include "core/log.h"
#include "core/venue.h"
#include "demo/generator.h"
#include "master/store.h"
#include "sales/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Row ids of the catalogue, by catalogue index. */
struct catalogue_ids {
    int64_t room_type[16];
    int64_t room[64];
    int64_t product[128];
    int64_t package[32];
};
/* The catalogue in generator.c must fit (checked at run time: its sizes are not constants
 * here). */
static bool catalogue_fits(void)
{
    struct catalogue_ids *c = NULL;
    return demo_room_type_count <= (int)(sizeof c->room_type / sizeof c->room_type[0]) &&
           demo_room_count <= (int)(sizeof c->room / sizeof c->room[0]) &&
           demo_product_count <= (int)(sizeof c->product / sizeof c->product[0]) &&
           demo_package_count <= (int)(sizeof c->package / sizeof c->package[0]);
}

static enum db_status insert_users(struct db *db, int64_t venue_id, const char *password)
{
    enum db_status s = DB_OK;
    for (int i = 0; s == DB_OK && i < demo_user_count; i++) {
        int64_t id;
        s = auth_user_insert(db, venue_id, demo_users[i].username, demo_users[i].display_name,
                             demo_users[i].role, password, &id);
        if (s != DB_OK)
            log_error("demo: cannot add user %s: %s", demo_users[i].username, db_errmsg(db));
    }
    return s;
}

static enum db_status insert_catalogue(struct db *db, int64_t venue_id, struct catalogue_ids *ids)
{
    enum db_status s = DB_OK;
    for (int i = 0; s == DB_OK && i < demo_room_type_count; i++) {
        struct room_type t = {0};
        snprintf(t.name, sizeof t.name, "%s", demo_room_types[i].name);
        t.capacity = demo_room_types[i].capacity;
        t.active = true;
        t.sort_order = i + 1;
        s = room_type_insert(db, venue_id, &t, &ids->room_type[i]);
    }
    for (int i = 0; s == DB_OK && i < demo_room_count; i++) {
        struct room r = {0};
        snprintf(r.room_no, sizeof r.room_no, "%s", demo_rooms[i].room_no);
        snprintf(r.name, sizeof r.name, "%s", demo_rooms[i].name);
        r.room_type_id = ids->room_type[demo_rooms[i].type];
        r.active = true;
        s = room_insert(db, venue_id, &r, &ids->room[i]);
    }
    for (int i = 0; s == DB_OK && i < demo_product_count; i++) {
        const struct demo_product *d = &demo_products[i];
        struct product p = {0};
        snprintf(p.code, sizeof p.code, "%s", d->code);
        snprintf(p.name, sizeof p.name, "%s", d->name);
        snprintf(p.category, sizeof p.category, "%s", demo_category_names[d->category]);
        snprintf(p.unit, sizeof p.unit, "%s", d->unit);
        p.price_fen = d->price_fen;
        p.active = true;
        p.min_spend = d->min_spend;
        p.discountable = d->discountable;
        p.commissionable = true;
        p.storable = d->storable;
        s = product_insert(db, venue_id, &p, &ids->product[i]);
    }
    for (int i = 0; s == DB_OK && i < demo_package_count; i++) {
        const struct demo_package *p = &demo_packages[i];
        s = package_insert(db, venue_id, p->name, demo_slot_names[p->slot], p->price_fen, true,
                           &ids->package[i]);
        for (int k = 0; s == DB_OK && k < p->nitems; k++)
            s = package_item_insert(db, ids->package[i], ids->product[p->items[k].product],
                                    p->items[k].qty, "");
    }
    if (s != DB_OK) log_error("demo: cannot add the catalogue: %s", db_errmsg(db));
    return s;
}

/* Local wall-clock seconds (as generated) to a UTC instant in the venue's zone. */
static int64_t utc_of_local(const struct tz *tz, int64_t local)
{
    struct civil c;
    civil_from_epoch(local, &c);
    return tz_from_local(tz, &c);
}

/* Counts a bill into the summary (settled money only; voids are counted apart). */
static void summarise(struct demo_summary *s, const struct demo_bill *d, int64_t day,
                      int64_t last_day)
{
    const struct bill *b = &d->bill;
    s->bills++;
    s->lines += b->nlines;
    s->payments += b->npayments;
    if (d->closed_local / 86400 > day) s->after_midnight++;
    if (strcmp(b->status, "voided") == 0) {
        s->voided++;
        return;
    }
    s->gross_fen += b->gross_fen;
    s->discount_fen += b->discount_fen;
    s->service_fen += b->service_fen;
    s->net_fen += b->total_fen;
    if (day == last_day) {
        s->last_day_bills++;
        s->last_day_net_fen += b->total_fen;
    }
}

/* Stores one generated day; maps catalogue numbers to row ids and local times to UTC. */
static enum db_status write_day(struct db *db, int64_t venue_id, const struct tz *tz, int cutoff,
                                const struct catalogue_ids *ids, struct demo_day *d)
{
    enum db_status s = DB_OK;
    for (int i = 0; s == DB_OK && i < d->nbills; i++) {
        struct demo_bill *x = &d->bills[d->settled[i]];
        struct bill *b = &x->bill;
        char generated_day[11];
        memcpy(generated_day, b->business_day, sizeof generated_day);
        b->room_id = ids->room[x->room];
        b->opened_at = utc_of_local(tz, x->opened_local);
        b->closed_at = utc_of_local(tz, x->closed_local);
        for (int k = 0; k < b->nlines; k++) {
            struct bill_line *l = &b->lines[k];
            if (l->product_id) l->product_id = ids->product[l->product_id - 1];
            if (l->package_id) l->package_id = ids->package[l->package_id - 1];
        }
        s = bill_insert(db, venue_id, tz, cutoff, b);
        if (s != DB_OK) {
            log_error("demo: cannot store bill %s: %s", b->bill_no, db_errmsg(db));
        } else if (strcmp(generated_day, b->business_day) != 0) {
            /* The generator keeps every stay inside its business day; a mismatch is our bug. */
            log_error("demo: bill %s generated for %s but stored on business day %s", b->bill_no,
                      generated_day, b->business_day);
            s = DB_ERROR;
        }
    }
    return s;
}

static enum db_status record_audit(struct db *db, int64_t venue_id, const struct demo_options *opts,
                                   const struct demo_summary *sum)
{
    char from[11], to[11], print[17], id[24];
    date_format(sum->first_day, from);
    date_format(sum->last_day, to);
    snprintf(print, sizeof print, "%016llx", (unsigned long long)sum->fingerprint);
    snprintf(id, sizeof id, "%lld", (long long)venue_id);
    json_t *after = json_pack(
        "{s:I,s:i,s:s,s:s,s:i,s:i,s:i,s:i,s:i,s:I,s:I,s:I,s:I,s:s}", "seed", (json_int_t)opts->seed,
        "days", opts->days, "from", opts->days ? from : "", "to", opts->days ? to : "", "users",
        sum->users, "room_types", sum->room_types, "rooms", sum->rooms, "products", sum->products,
        "packages", sum->packages, "bills", (json_int_t)sum->bills, "voided",
        (json_int_t)sum->voided, "lines", (json_int_t)sum->lines, "net_fen",
        (json_int_t)sum->net_fen, "fingerprint", print);
    struct actor a = actor_cli(venue_id);
    enum db_status s = after ? audit_record(db, &a, "demo", "venue", id, NULL, after) : DB_ERROR;
    json_decref(after);
    return s;
}

enum db_status demo_populate(struct db *db, int64_t venue_id, const struct demo_options *opts,
                             struct demo_summary *out)
{
    memset(out, 0, sizeof *out);
    if (!catalogue_fits()) {
        log_error("demo: the catalogue outgrew the writer's id tables");
        return DB_ERROR;
    }
    struct venue v;
    enum db_status s = venue_load(db, venue_id, &v);
    if (s != DB_OK) {
        log_error("demo: no venue %lld", (long long)venue_id);
        return s;
    }
    struct tz *tz = tz_load(v.timezone);
    struct catalogue_ids *ids = calloc(1, sizeof *ids);
    struct demo_day *day = malloc(sizeof *day);
    if (!tz || !ids || !day) {
        log_error("demo: cannot load zone %s or allocate", v.timezone);
        s = DB_ERROR;
        goto out;
    }
    out->first_day = opts->end_day - (opts->days > 0 ? opts->days - 1 : 0);
    out->last_day = opts->end_day;
    out->users = demo_user_count;
    out->room_types = demo_room_type_count;
    out->rooms = demo_room_count;
    out->products = demo_product_count;
    out->packages = demo_package_count;
    out->fingerprint = DEMO_FINGERPRINT_INIT;

    s = db_begin_write(db);
    if (s == DB_OK) s = insert_users(db, venue_id, opts->password);
    if (s == DB_OK) s = insert_catalogue(db, venue_id, ids);
    if (s == DB_OK && opts->days == 0) s = record_audit(db, venue_id, opts, out);
    if (s == DB_OK) s = db_commit(db);
    if (s != DB_OK) goto out;

    for (int i = 0; i < opts->days; i++) {
        int64_t d = out->first_day + i;
        demo_generate_day(opts->seed, d, day);
        out->fingerprint = demo_day_fingerprint(day, out->fingerprint);
        for (int k = 0; k < day->nbills; k++)
            summarise(out, &day->bills[day->settled[k]], d, out->last_day);
        s = db_begin_write(db);
        if (s == DB_OK) s = write_day(db, venue_id, tz, v.cutoff_minutes, ids, day);
        /* The run is audited once, with everything it wrote, in its last transaction. */
        if (s == DB_OK && i == opts->days - 1) s = record_audit(db, venue_id, opts, out);
        if (s == DB_OK) s = db_commit(db);
        if (s != DB_OK) goto out;
    }
out:
    if (s != DB_OK) db_rollback(db);
    free(day);
    free(ids);
    tz_free(tz);
    return s;
}
