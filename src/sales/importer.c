/* sales/importer.c: the bill import's shell: pure checks, then one write transaction
 * (see importer.h). */
#include "sales/importer.h"
#include "finance/finance.h"

#include "core/bizday.h"
#include "core/http.h"
#include "core/log.h"
#include "core/money.h"
#include "master/store.h"
#include "sales/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The room type given to a room created by an import whose bills name no type. */
#define IMPORT_UNKNOWN_ROOM_TYPE "未分类"

/* Master data found or created while writing, cached per symbol of the model so that each name
 * is looked up once: 0 = not looked up yet, -1 = none. */
struct writer {
    struct db *db;
    const struct venue *v;
    const struct tz *tz;
    struct import_model *m;
    int64_t *room_of, *type_of, *product_of, *package_of; /* indexed by symbol */
    json_t *created_rooms, *created_types, *created_products, *created_packages;
    int64_t batch_id;
    struct pending *pending; /* lines and payments not written yet */
};

/* Lines and payments are written WRITE_BATCH at a time, many rows to a statement (see
 * bill_insert_lines); 64 is a multiple of both statements' row counts. */
#define WRITE_BATCH 64

struct pending {
    int nlines, npayments;
    int64_t line_bill[WRITE_BATCH];
    struct bill_line lines[WRITE_BATCH];
    int64_t payment_bill[WRITE_BATCH];
    int payment_seq[WRITE_BATCH];
    struct bill_payment payments[WRITE_BATCH];
};

/* Writes the pending lines (lines true) or payments. The bills they belong to are already
 * written; each kind is flushed when its own buffer is full, so that nearly every statement
 * carries its full count of rows. */
static enum db_status flush_pending(struct writer *w, bool lines)
{
    struct pending *p = w->pending;
    enum db_status s =
        lines ? bill_insert_lines(w->db, p->line_bill, p->lines, p->nlines)
              : bill_insert_payments(w->db, p->payment_bill, p->payment_seq, p->payments,
                                     p->npayments);
    if (s != DB_OK)
        log_error("import: writing %s failed: %s", lines ? "lines" : "payments",
                  db_errmsg(w->db));
    if (lines)
        p->nlines = 0;
    else
        p->npayments = 0;
    return s;
}

static void note_created(json_t *list, const char *name)
{
    if (json_array_size(list) < IMPORT_REPORT_MAX_ISSUES)
        json_array_append_new(list, json_string(name));
}

static enum db_status resolve_type(struct writer *w, uint32_t sym, int64_t *id)
{
    if (w->type_of[sym]) {
        *id = w->type_of[sym];
        return DB_OK;
    }
    const char *name = sym ? import_str(w->m, sym) : IMPORT_UNKNOWN_ROOM_TYPE;
    enum db_status s = room_type_find(w->db, w->v->id, name, id);
    if (s == DB_NOT_FOUND) {
        struct room_type t;
        memset(&t, 0, sizeof t);
        snprintf(t.name, sizeof t.name, "%s", name);
        t.active = false; /* created by an import: a manager reviews and activates it */
        s = room_type_insert(w->db, w->v->id, &t, id);
        if (s == DB_OK) note_created(w->created_types, name);
    }
    if (s == DB_OK) w->type_of[sym] = *id;
    return s;
}

static enum db_status resolve_room(struct writer *w, uint32_t room_sym, uint32_t type_sym,
                                   int64_t *id)
{
    *id = 0;
    if (!room_sym) return DB_OK;
    if (w->room_of[room_sym]) {
        *id = w->room_of[room_sym];
        return DB_OK;
    }
    const char *room_no = import_str(w->m, room_sym);
    enum db_status s = room_find(w->db, w->v->id, room_no, id);
    if (s == DB_NOT_FOUND) {
        struct room r;
        memset(&r, 0, sizeof r);
        snprintf(r.room_no, sizeof r.room_no, "%s", room_no);
        r.active = false;
        s = resolve_type(w, type_sym, &r.room_type_id);
        if (s == DB_OK) s = room_insert(w->db, w->v->id, &r, id);
        if (s == DB_OK) note_created(w->created_rooms, room_no);
    }
    if (s == DB_OK) w->room_of[room_sym] = *id;
    return s;
}

static enum db_status resolve_product(struct writer *w, const struct import_line *l, int64_t *id)
{
    if (w->product_of[l->item]) {
        *id = w->product_of[l->item];
        return DB_OK;
    }
    const char *name = import_str(w->m, l->item);
    enum db_status s = product_find_name(w->db, w->v->id, name, id);
    if (s == DB_NOT_FOUND) {
        struct product p;
        memset(&p, 0, sizeof p);
        s = product_next_auto_code(w->db, w->v->id, p.code);
        snprintf(p.name, sizeof p.name, "%s", name);
        /* The price a bill charged is the best guess; products.price_fen caps at 1,000,000.00. */
        p.price_fen = l->has_unit_price && l->unit_price_fen <= 100000000 ? l->unit_price_fen : 0;
        p.active = false;
        p.min_spend = p.discountable = p.commissionable = true;
        if (s == DB_OK) s = product_insert(w->db, w->v->id, &p, id);
        if (s == DB_OK) note_created(w->created_products, name);
    }
    if (s == DB_OK) w->product_of[l->item] = *id;
    return s;
}

static enum db_status resolve_package(struct writer *w, const struct import_line *l, int64_t *id)
{
    if (w->package_of[l->item]) {
        *id = w->package_of[l->item];
        return DB_OK;
    }
    const char *name = import_str(w->m, l->item);
    enum db_status s = package_find(w->db, w->v->id, name, id);
    if (s == DB_NOT_FOUND) {
        int64_t price = l->has_unit_price && l->unit_price_fen <= 100000000 ? l->unit_price_fen : 0;
        s = package_insert(w->db, w->v->id, name, "", price, false, id);
        if (s == DB_OK) note_created(w->created_packages, name);
    }
    if (s == DB_OK) w->package_of[l->item] = *id;
    return s;
}

/* Writes bill i with its lines and payments. */
static enum db_status write_bill(struct writer *w, uint32_t i)
{
    struct import_model *m = w->m;
    struct import_bill *ib = &m->bills[i];
    struct bill b;
    import_fill_bill(m, i, &b);
    b.import_batch_id = w->batch_id;
    enum db_status s = resolve_room(w, ib->room, ib->room_type, &b.room_id);
    if (s == DB_OK) s = bill_insert_header(w->db, w->v->id, w->tz, w->v->cutoff_minutes, &b);
    if (s != DB_OK) return s;
    ib->id = b.id;
    struct pending *pd = w->pending;
    for (uint32_t k = 0; k < ib->nlines && ib->first_line != IMPORT_NONE; k++) {
        const struct import_line *il = &m->lines[ib->first_line + k];
        if (pd->nlines == WRITE_BATCH && (s = flush_pending(w, true)) != DB_OK) return s;
        struct bill_line *l = &pd->lines[pd->nlines];
        import_fill_line(m, ib->first_line + k, l);
        if (strcmp(l->kind, "goods") == 0)
            s = resolve_product(w, il, &l->product_id);
        else if (strcmp(l->kind, "package") == 0)
            s = resolve_package(w, il, &l->package_id);
        if (s != DB_OK) return s;
        pd->line_bill[pd->nlines++] = b.id;
    }
    for (uint32_t k = 0; k < ib->npayments && ib->first_payment != IMPORT_NONE; k++) {
        const struct import_payment *ip = &m->payments[ib->first_payment + k];
        if (pd->npayments == WRITE_BATCH && (s = flush_pending(w, false)) != DB_OK) return s;
        struct bill_payment *p = &pd->payments[pd->npayments];
        memset(p, 0, sizeof *p);
        snprintf(p->method, sizeof p->method, "%s", import_pay_methods[ip->method]);
        p->amount_fen = ip->amount_fen;
        pd->payment_bill[pd->npayments] = b.id;
        pd->payment_seq[pd->npayments++] = (int)k + 1;
    }
    return DB_OK;
}

static json_t *issue_json(const struct import_issue *is, bool english)
{
    json_t *o = json_object();
    json_object_set_new(o, "file", json_string(import_file_names[is->file]));
    json_object_set_new(o, "row", json_integer(is->row));
    json_object_set_new(o, "column", json_string(is->column));
    json_object_set_new(o, "reason", json_string(english ? is->en : is->zh));
    json_object_set_new(o, "reason_zh", json_string(is->zh));
    json_object_set_new(o, "reason_en", json_string(is->en));
    return o;
}

void import_outcome_free(struct import_outcome *out)
{
    if (!out) return;
    json_decref(out->report);
    free(out->rejects_csv);
    out->report = NULL;
    out->rejects_csv = NULL;
}

struct counts {
    int64_t imported, settled, voided, duplicates, settled_total_fen;
};

/* The write phase, inside the transaction the caller opened. */
static enum db_status write_all(struct writer *w, const struct actor *who,
                                const struct import_options *o, struct counts *c)
{
    struct import_model *m = w->m;
    enum db_status s = DB_OK;
    size_t n = m->nsym ? m->nsym : 1;
    w->room_of = calloc(n, sizeof(int64_t));
    w->type_of = calloc(n, sizeof(int64_t));
    w->product_of = calloc(n, sizeof(int64_t));
    w->package_of = calloc(n, sizeof(int64_t));
    w->pending = calloc(1, sizeof *w->pending);
    if (!w->room_of || !w->type_of || !w->product_of || !w->package_of || !w->pending)
        return DB_ERROR;
    /* A venue without bills (the first import, the benchmark) can hold no duplicates: one
     * query instead of an index probe per bill. Numbers repeated within the files were already
     * rejected by the pure rules. */
    int64_t existing = 0;
    s = db_int(w->db, &existing,
               "SELECT count(*) FROM (SELECT 1 FROM bills WHERE venue_id = $1 "
               "LIMIT 1)",
               "i", w->v->id);
    if (s == DB_OK)
        s = import_batch_insert(w->db, w->v->id, "bills", o->files ? o->files : "", who->user_id,
                                who->username, &w->batch_id);
    for (uint32_t i = 0; s == DB_OK && i < m->nbills; i++) {
        struct import_bill *b = &m->bills[i];
        if (b->state != IMPORT_VALID) continue;
        if (existing && bill_exists(w->db, w->v->id, import_str(m, b->bill_no))) {
            b->state = IMPORT_DUPLICATE;
            c->duplicates++;
            continue;
        }
        s = write_bill(w, i);
        if (s != DB_OK) {
            log_error("import: writing bill %s (bills.csv row %u) failed: %s",
                      import_str(m, b->bill_no), b->row, db_errmsg(w->db));
            break;
        }
        b->state = IMPORT_IMPORTED;
        c->imported++;
        if (b->voided) {
            c->voided++;
        } else {
            c->settled++;
            c->settled_total_fen += b->total_fen;
        }
        if (o->progress && c->imported % IMPORT_PROGRESS_EVERY == 0)
            o->progress(o->progress_ctx, "bills written", (uint64_t)c->imported);
    }
    if (s == DB_OK) s = flush_pending(w, true);
    if (s == DB_OK) s = flush_pending(w, false);
    /* The books: each settled bill posts its entry in the import's transaction (issue 4). */
    for (uint32_t i = 0; s == DB_OK && i < m->nbills; i++) {
        if (m->bills[i].state != IMPORT_IMPORTED || m->bills[i].voided) continue;
        enum fin_status f = finance_post_bill(w->db, w->v->id, m->bills[i].id, who->username);
        if (f != FIN_OK) {
            log_error("import: posting bill %s failed (%d)", import_str(m, m->bills[i].bill_no),
                      (int)f);
            s = fin_db_status(f);
        }
    }
    return s;
}

struct import_outcome import_bills(struct db *db, const struct venue *v, const struct actor *who,
                                   const char *const data[IMPORT_NFILES],
                                   const size_t len[IMPORT_NFILES], const struct import_options *o)
{
    struct import_outcome out;
    memset(&out, 0, sizeof out);
    out.status = DB_ERROR;
    struct writer w;
    memset(&w, 0, sizeof w);
    struct counts c;
    memset(&c, 0, sizeof c);
    struct tz *tz = tz_load(v->timezone);
    if (!tz) {
        log_error("import: the venue's time zone %s cannot be loaded", v->timezone);
        return out;
    }
    struct import_model *m = import_read(data, len, tz, o->progress, o->progress_ctx);
    if (!m) {
        tz_free(tz);
        return out;
    }
    /* Locked days stay locked through the importers (issue 4): a bill of a confirmed business
     * day is rejected like any invalid row. Bills come roughly in time order: one look-up per
     * run of the same day. */
    char last_day[11] = "", today[11];
    bool last_locked = false;
    date_format(bizday_of_instant(tz, v->cutoff_minutes, now_epoch()), today);
    for (uint32_t i = 0; i < m->nbills; i++) {
        struct import_bill *ib = &m->bills[i];
        if (ib->state != IMPORT_VALID) continue;
        char day[11];
        date_format(bizday_of_instant(tz, v->cutoff_minutes, ib->closed_at), day);
        /* Nor a day that has not come: its bills would post into the future. */
        if (strcmp(day, today) > 0) {
            import_reject_future(m, i, day, today);
            continue;
        }
        if (strcmp(day, last_day) != 0) {
            if (finance_day_locked(db, v->id, day, &last_locked) != DB_OK) last_locked = false;
            snprintf(last_day, sizeof last_day, "%s", day);
        }
        if (last_locked) import_reject_locked(m, i, day);
    }
    out.refused = import_refused(m, o->skip_invalid);
    enum db_status s = DB_OK;
    w.db = db;
    w.v = v;
    w.tz = tz;
    w.m = m;
    w.created_rooms = json_array();
    w.created_types = json_array();
    w.created_products = json_array();
    w.created_packages = json_array();
    if (!out.refused) {
        /* A large import touches more pages than SQLite's default 2 MB cache holds; spilling
         * them to the WAL mid-transaction writes many pages twice. 128 MB while it runs, then
         * back to the default (the connection may be a server thread's). */
        db_exec(db, "PRAGMA cache_size = -131072", "");
        /* Every INSERT of the transaction keeps a statement journal (the pages it changed, to
         * undo that one statement on a constraint error). Past 64 KB SQLite moves it to a
         * temporary file and keeps it there: measured 53 pwrite calls a bill, a third of the
         * import's time in the kernel. In memory while the import runs; it is truncated after
         * every statement, so it stays the size of one bill's pages. */
        db_exec(db, "PRAGMA temp_store = MEMORY", "");
        s = db_begin_write(db);
        if (s == DB_OK) s = write_all(&w, who, o, &c);
    }

    /* The report. */
    json_t *r = json_object();
    json_t *errors = json_array(), *warnings = json_array();
    for (uint32_t i = 0; i < m->nissues; i++) {
        const struct import_issue *is = &m->issues[i];
        json_t *list = is->warning ? warnings : errors;
        if (json_array_size(list) < IMPORT_REPORT_MAX_ISSUES)
            json_array_append_new(list, issue_json(is, o->english));
    }
    json_t *enc = json_object();
    for (int f = 0; f < IMPORT_NFILES; f++)
        json_object_set_new(enc, import_file_names[f], json_string(m->encoding[f]));
    bool committing = !out.refused && !o->dry_run && s == DB_OK;
    json_object_set_new(r, "batch_id", committing ? json_integer(w.batch_id) : json_null());
    json_object_set_new(r, "dry_run", json_boolean(o->dry_run));
    json_object_set_new(r, "committed", json_boolean(committing));
    json_object_set_new(r, "refused", json_boolean(out.refused));
    json_object_set_new(r, "skip_invalid", json_boolean(o->skip_invalid));
    json_object_set_new(r, "rows_read", json_integer((json_int_t)m->rows_read));
    json_object_set_new(r, "bills_read", json_integer(m->nbills));
    json_object_set_new(r, "imported", json_integer(c.imported));
    json_object_set_new(r, "settled", json_integer(c.settled));
    json_object_set_new(r, "voided", json_integer(c.voided));
    json_object_set_new(r, "settled_total_fen", json_integer(c.settled_total_fen));
    json_object_set_new(r, "duplicates", json_integer(c.duplicates));
    json_object_set_new(r, "rejected_count", json_integer(m->rejected_bills));
    json_object_set_new(r, "rejected_rows", json_integer(m->rejected_rows));
    json_object_set_new(r, "errors_total", json_integer(m->nerrors));
    json_object_set_new(r, "warnings_total", json_integer(m->nwarnings));
    json_object_set_new(r, "errors", errors);
    json_object_set_new(r, "warnings", warnings);
    json_object_set_new(r, "created",
                        json_pack("{s:O,s:O,s:O,s:O}", "rooms", w.created_rooms, "room_types",
                                  w.created_types, "products", w.created_products, "packages",
                                  w.created_packages));
    json_object_set_new(r, "encodings", enc);
    if (m->rejected_rows || m->nerrors)
        out.rejects_csv = import_rejects_csv(m, o->english, &out.rejects_len);

    if (committing) {
        /* The batch keeps the report and the rejected rows; one audit record for the whole
         * import (not one per bill). */
        json_t *stored = json_deep_copy(r);
        json_object_set_new(stored, "rejects_csv",
                            json_stringn(out.rejects_csv ? out.rejects_csv : "",
                                         out.rejects_csv ? out.rejects_len : 0));
        char *text = json_dumps(stored, JSON_COMPACT);
        json_decref(stored);
        s = text ? import_batch_finish(db, w.batch_id, (int64_t)m->rows_read, c.imported,
                                       c.duplicates, m->rejected_bills, text)
                 : DB_ERROR;
        free(text);
        if (s == DB_OK) {
            json_t *after = json_pack(
                "{s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "files", o->files ? o->files : "",
                "rows_read", (json_int_t)m->rows_read, "imported", (json_int_t)c.imported,
                "settled", (json_int_t)c.settled, "voided", (json_int_t)c.voided,
                "settled_total_fen", (json_int_t)c.settled_total_fen, "duplicates",
                (json_int_t)c.duplicates, "rejected", (json_int_t)m->rejected_bills, "created",
                (json_int_t)(json_array_size(w.created_rooms) + json_array_size(w.created_types) +
                             json_array_size(w.created_products) +
                             json_array_size(w.created_packages)));
            char sid[24];
            snprintf(sid, sizeof sid, "%lld", (long long)w.batch_id);
            s = audit_record(db, who, "import", "bills", sid, NULL, after);
            json_decref(after);
        }
        if (s == DB_OK) s = db_commit(db);
        if (s == DB_OK) {
            out.committed = true;
            out.batch_id = w.batch_id;
        }
    }
    db_rollback(db); /* dry run, refusal or failure: nothing stays */
    if (!out.refused) {
        db_exec(db, "PRAGMA cache_size = -2000", "");
        db_exec(db, "PRAGMA temp_store = DEFAULT", "");
    }
    if (s != DB_OK) {
        /* Nothing was written: the report must not say otherwise. */
        json_object_set_new(r, "committed", json_false());
        json_object_set_new(r, "batch_id", json_null());
        static const char *const zeroed[] = {"imported",          "settled",    "voided",
                                             "settled_total_fen", "duplicates", NULL};
        for (int k = 0; zeroed[k]; k++)
            json_object_set_new(r, zeroed[k], json_integer(0));
    }
    out.status = s;
    out.report = r;
    json_decref(w.created_rooms);
    json_decref(w.created_types);
    json_decref(w.created_products);
    json_decref(w.created_packages);
    free(w.room_of);
    free(w.type_of);
    free(w.product_of);
    free(w.package_of);
    free(w.pending);
    import_model_free(m);
    tz_free(tz);
    return out;
}
