/* demo/export.c: the demo's bills as bill-import files (format v1), for the benchmarks and for
 * trying the import by hand (see demo.h). */
#include "demo/demo.h"

#include "core/bizday.h"
#include "core/money.h"
#include "demo/generator.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Seeds of the streams packed into one business day: far apart, so that no two streams of
 * any seed share a random sequence. */
#define STREAM_SEED_STEP 0x9e3779b97f4a7c15ULL
/* A stream makes 60-120 bills a business day, so a million bills a year take about 30 streams
 * a day; the cap only stops a runaway loop (the stream is printed with at least two digits). */
#define MAX_STREAMS 10000

/* Writes one CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
static void put_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"') fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

static void put_money(FILE *f, int64_t fen)
{
    char buf[32];
    fputs(money_format(fen, buf), f);
}

static void put_time(FILE *f, int64_t local)
{
    struct civil c;
    civil_from_epoch(local, &c);
    fprintf(f, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second);
}

struct files {
    FILE *bills, *lines, *payments;
};

static void write_bill(struct files *f, const struct demo_bill *d, const char *bill_no)
{
    const struct bill *b = &d->bill;
    put_field(f->bills, bill_no);
    fputc(',', f->bills);
    put_field(f->bills, b->room_no);
    fputc(',', f->bills);
    put_field(f->bills, b->room_type);
    fputc(',', f->bills);
    put_time(f->bills, d->opened_local);
    fputc(',', f->bills);
    put_time(f->bills, d->closed_local);
    fprintf(f->bills, ",%s,", b->status);
    put_field(f->bills, b->cashier);
    fputc(',', f->bills);
    put_field(f->bills, b->member_phone);
    fputc(',', f->bills);
    put_field(f->bills, b->booker);
    fputc(',', f->bills);
    put_money(f->bills, b->gross_fen);
    fputc(',', f->bills);
    put_money(f->bills, b->discount_fen);
    fputc(',', f->bills);
    put_money(f->bills, b->service_fen);
    fputc(',', f->bills);
    put_money(f->bills, b->total_fen);
    fputc(',', f->bills);
    put_field(f->bills, b->note);
    fputc('\n', f->bills);
    for (int k = 0; k < b->nlines; k++) {
        const struct bill_line *l = &b->lines[k];
        put_field(f->lines, bill_no);
        fprintf(f->lines, ",%d,%s,", l->line_no, l->kind);
        put_field(f->lines, l->item);
        fprintf(f->lines, ",%lld,", (long long)l->qty);
        if (l->has_unit_price) put_money(f->lines, l->unit_price_fen);
        fputc(',', f->lines);
        if (l->has_amount) put_money(f->lines, l->amount_fen);
        fputc('\n', f->lines);
    }
    for (int k = 0; k < b->npayments; k++) {
        put_field(f->payments, bill_no);
        fprintf(f->payments, ",%s,", b->payments[k].method);
        put_money(f->payments, b->payments[k].amount_fen);
        fputc('\n', f->payments);
    }
}

/* The master data files, so that a database can be built from the export alone. */
static bool write_catalogue(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/rooms.csv", dir);
    FILE *f = fopen(path, "w");
    if (!f) return false;
    fputs("room_no,name,room_type\n", f);
    for (int i = 0; i < demo_room_count; i++)
        fprintf(f, "%s,%s,%s\n", demo_rooms[i].room_no, demo_rooms[i].name,
                demo_room_types[demo_rooms[i].type].name);
    bool ok = fclose(f) == 0;
    snprintf(path, sizeof path, "%s/products.csv", dir);
    if (!ok || !(f = fopen(path, "w"))) return false;
    fputs("code,name,category,unit,price,active\n", f);
    for (int i = 0; i < demo_product_count; i++) {
        const struct demo_product *p = &demo_products[i];
        fprintf(f, "%s,", p->code);
        put_field(f, p->name);
        fprintf(f, ",%s,%s,", demo_category_names[p->category], p->unit);
        put_money(f, p->price_fen);
        fputs(",1\n", f);
    }
    ok = fclose(f) == 0;
    snprintf(path, sizeof path, "%s/packages.csv", dir);
    if (!ok || !(f = fopen(path, "w"))) return false;
    fputs("name,slot,price,item,qty,choice_group,active\n", f);
    for (int i = 0; i < demo_package_count; i++) {
        const struct demo_package *p = &demo_packages[i];
        for (int k = 0; k < p->nitems; k++) {
            put_field(f, p->name);
            fprintf(f, ",%s,", demo_slot_names[p->slot]);
            put_money(f, p->price_fen);
            fputc(',', f);
            put_field(f, demo_products[p->items[k].product].name);
            fprintf(f, ",%d,,1\n", p->items[k].qty);
        }
    }
    return fclose(f) == 0;
}

static FILE *open_out(const char *dir, const char *name, const char *header, char *buffer,
                      size_t size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "error: cannot write %s: %s\n", path, strerror(errno));
        return NULL;
    }
    setvbuf(f, buffer, _IOFBF, size);
    fputs(header, f);
    return f;
}

bool demo_export_csv(const char *dir, uint64_t seed, int64_t end_day, int days, int64_t nbills,
                     struct demo_summary *out)
{
    memset(out, 0, sizeof *out);
    if (days < 1) days = 1;
    out->first_day = end_day - days + 1;
    out->last_day = end_day;
    out->fingerprint = DEMO_FINGERPRINT_INIT;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "error: cannot create %s: %s\n", dir, strerror(errno));
        return false;
    }
    /* Big stdio buffers: the three files reach a few hundred MB for a million bills. */
    enum { BUFFER = 1 << 20 };
    char *buffers = malloc(3 * (size_t)BUFFER);
    struct demo_day *day = malloc(sizeof *day);
    struct files f = {0};
    bool ok = false;
    if (!buffers || !day) {
        fprintf(stderr, "error: out of memory\n");
        goto out;
    }
    f.bills = open_out(dir, "bills.csv",
                       "bill_no,room,room_type,opened_at,closed_at,status,cashier,member_phone,"
                       "booker,gross,discount,service,total,note\n",
                       buffers, BUFFER);
    f.lines = open_out(dir, "bill_lines.csv", "bill_no,line_no,kind,item,qty,unit_price,amount\n",
                       buffers + BUFFER, BUFFER);
    f.payments =
        open_out(dir, "bill_payments.csv", "bill_no,method,amount\n", buffers + 2 * BUFFER, BUFFER);
    if (!f.bills || !f.lines || !f.payments) goto out;
    if (!write_catalogue(dir)) {
        fprintf(stderr, "error: cannot write the catalogue files in %s\n", dir);
        goto out;
    }
    for (int i = 0; i < days; i++) {
        int64_t d = out->first_day + i;
        /* This day's share of nbills, spread evenly (the first days take the remainder). */
        int64_t quota = nbills * (i + 1) / days - nbills * i / days;
        for (int stream = 0; quota > 0 && stream < MAX_STREAMS; stream++) {
            demo_generate_day(seed + (uint64_t)stream * STREAM_SEED_STEP, d, day);
            out->fingerprint = demo_day_fingerprint(day, out->fingerprint);
            for (int k = 0; k < day->nbills && quota > 0; k++, quota--) {
                const struct demo_bill *x = &day->bills[day->settled[k]];
                char bill_no[BILL_NO_MAX + 8];
                snprintf(bill_no, sizeof bill_no, "%s-%02d", x->bill.bill_no, stream);
                write_bill(&f, x, bill_no);
                out->bills++;
                out->lines += x->bill.nlines;
                out->payments += x->bill.npayments;
                if (strcmp(x->bill.status, "voided") == 0) {
                    out->voided++;
                } else {
                    out->gross_fen += x->bill.gross_fen;
                    out->discount_fen += x->bill.discount_fen;
                    out->service_fen += x->bill.service_fen;
                    out->net_fen += x->bill.total_fen;
                }
                if (x->closed_local / 86400 > d) out->after_midnight++;
            }
        }
    }
    ok = !ferror(f.bills) && !ferror(f.lines) && !ferror(f.payments);
out:
    if (f.bills && fclose(f.bills) != 0) ok = false;
    if (f.lines && fclose(f.lines) != 0) ok = false;
    if (f.payments && fclose(f.payments) != 0) ok = false;
    if (!ok && buffers && day) fprintf(stderr, "error: could not write the files in %s\n", dir);
    free(day);
    free(buffers);
    return ok;
}
