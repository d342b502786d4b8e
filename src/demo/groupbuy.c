/* demo/groupbuy.c: the demo venue's group-buy platforms (团购). Its Meituan and Douyin vouchers
 * carry the price the guest paid the platform (the platforms sell them below their face value),
 * and each platform's settlement statements are imported month by month through the group-buy
 * store, so the reconciliation, the settlements and their journal entries are the real ones:
 * settled T+1 in daily batches net of the platform's fee, the last two days' vouchers verified
 * but not yet settled, and now and then what a finance clerk meets in real statements: a
 * voucher the platform never listed, one it settled a yuan short, one verified on the platform
 * that the till keyed as another tender. The entries are posted as backfill because the demo
 * confirms its old days. Deterministic: a function of the seed and the days. */
#include "demo/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bizday.h"
#include "core/log.h"
#include "core/money.h"
#include "demo/generator.h"
#include "finance/groupbuy.h"
#include "sales/store.h"

struct demo_platform {
    const char *code, *prefix;
    int64_t price_bp; /* what the guest pays, of the face value */
    int64_t fee_bp;   /* the platform's fee, of the price paid */
};
/* Meituan sells KTV vouchers at about 85 % of their face and keeps 6 %; Douyin 80 % and 5 %. */
static const struct demo_platform platforms[] = {
    {"meituan", "MT", 8500, 600},
    {"douyin", "DY", 8000, 500},
};
#define NPLATFORMS (int)(sizeof platforms / sizeof platforms[0])

/* Per mille of vouchers the platform leaves off its statement, settles 1.00 short, and of
 * extra vouchers verified on the platform that no bill shows (keyed at the till as WeChat). */
#define MISSING_PER_MILLE 4
#define SHORT_PER_MILLE 3
#define STRAY_PER_MILLE 3

void demo_voucher_paid(struct bill_payment *p)
{
    for (int i = 0; i < NPLATFORMS; i++)
        if (strcmp(p->platform, platforms[i].code) == 0) {
            /* The platform's price, in whole yuan (rounded down, as the platforms list them). */
            p->voucher_paid_fen =
                money_apply_rate(p->amount_fen, platforms[i].price_bp) / 100 * 100;
            p->has_voucher_paid = true;
        }
}

/* A statement row for a voucher of day `day` (a day number) verified at a time of that day. */
static void fill_row(struct gb_row *r, struct demo_rng *rng, const struct demo_platform *pl,
                     const char *code, int64_t day, int64_t face, int64_t paid, int64_t last_day)
{
    memset(r, 0, sizeof *r);
    snprintf(r->platform, sizeof r->platform, "%s", pl->code);
    snprintf(r->code, sizeof r->code, "%s", code);
    char d[11];
    date_format(day, d);
    snprintf(r->verified_at, sizeof r->verified_at, "%s %02u:%02u:%02u", d,
             (unsigned)demo_rng_between(rng, 13, 23), (unsigned)demo_rng_between(rng, 0, 59),
             (unsigned)demo_rng_between(rng, 0, 59));
    r->face_fen = face;
    r->paid_fen = paid;
    r->fee_fen = GB_UNKNOWN;
    r->net_fen = GB_UNKNOWN;
    /* Paid out the next day, in that day's batch; the last two days' not yet. */
    if (day + 1 < last_day) {
        r->fee_fen = money_apply_rate(paid, pl->fee_bp);
        r->net_fen = paid - r->fee_fen;
        if (demo_rng_chance(rng, SHORT_PER_MILLE) && r->net_fen >= 100) r->net_fen -= 100;
        date_format(day + 1, r->settled_day);
        snprintf(r->batch, sizeof r->batch, "%s%.4s%.2s%.2s", pl->prefix, r->settled_day,
                 r->settled_day + 5, r->settled_day + 8);
        snprintf(r->batch_key, sizeof r->batch_key, "%s", r->batch);
    }
}

/* Imports one platform's rows of one month as one statement file. */
static enum db_status import_month(struct db *db, int64_t venue_id, const struct gb_platform *p,
                                   struct gb_row *rows, size_t n, const char *month)
{
    if (!n) return DB_OK;
    struct gb_statement st;
    memset(&st, 0, sizeof st);
    st.encoding = "utf-8-bom";
    st.header_line = 1;
    snprintf(st.found[GB_F_CODE], sizeof st.found[GB_F_CODE], "券码");
    st.rows = rows;
    st.n = n;
    st.issues = calloc(GB_MAX_ISSUES, sizeof *st.issues);
    if (!st.issues) return DB_ERROR;
    char file[256];
    snprintf(file, sizeof file, "%.60s-结算明细-%.7s.csv", p->name, month);
    struct actor a = actor_cli(venue_id); /* the import records "cli" as its user */
    struct gb_import_result r;
    enum db_status s = db_begin_write(db);
    enum gb_import_status g =
        s == DB_OK ? gb_import(db, venue_id, &a, p, file, &st, true, &r) : GB_IMPORT_ERROR;
    /* Not audited one by one: the demo run is audited once, as a whole (demo_populate). */
    if (g == GB_IMPORT_OK)
        s = db_commit(db);
    else if (g != GB_IMPORT_OK) {
        log_error("demo: the %s statement of %s was refused (%d, %s)", p->code, month, (int)g,
                  st.nissues ? st.issues[0].en : "");
        s = DB_ERROR;
    }
    db_rollback(db);
    if (g == GB_IMPORT_OK) gb_import_result_free(&r);
    free(st.issues);
    return s;
}

enum db_status demo_groupbuy(struct db *db, int64_t venue_id, uint64_t seed, int64_t first_day,
                             int64_t last_day)
{
    enum db_status s = DB_OK;
    for (int k = 0; s == DB_OK && k < NPLATFORMS; k++) {
        const struct demo_platform *pl = &platforms[k];
        struct gb_platform p;
        s = gb_platform_get(db, venue_id, pl->code, &p);
        if (s != DB_OK) break;
        struct gb_bill_use *uses = NULL;
        size_t nuses = 0;
        s = gb_bill_uses(db, venue_id, pl->code, &uses, &nuses);
        if (s != DB_OK) break;
        /* At most one row per voucher and one stray per voucher. */
        struct gb_row *rows = calloc(2 * nuses + 1, sizeof *rows);
        if (!rows) {
            free(uses);
            s = DB_ERROR;
            break;
        }
        struct demo_rng rng;
        uint64_t st = seed ^ 0x67726f7570627579ULL ^ (uint64_t)(k + 1) * 0x9e3779b97f4a7c15ULL;
        demo_rng_seed(&rng, demo_splitmix64(&st));
        size_t n = 0;
        char month[8] = "";
        /* gb_bill_uses comes in bill order, so by day: a month's rows end where the next
         * month starts. */
        for (size_t i = 0; s == DB_OK && i <= nuses; i++) {
            int64_t day = 0;
            bool in = i < nuses && uses[i].code[0] && date_parse(uses[i].day, &day) &&
                      day >= first_day && day <= last_day;
            if (i == nuses || (in && strncmp(uses[i].day, month, 7) != 0)) {
                s = import_month(db, venue_id, &p, rows, n, month);
                n = 0;
                if (i < nuses) snprintf(month, sizeof month, "%.7s", uses[i].day);
            }
            if (!in || s != DB_OK) continue;
            if (demo_rng_chance(&rng, MISSING_PER_MILLE)) continue;
            fill_row(&rows[n++], &rng, pl, uses[i].code, day, uses[i].face_fen, uses[i].paid_fen,
                     last_day);
            if (demo_rng_chance(&rng, STRAY_PER_MILLE)) {
                char code[GB_CODE_MAX + 1];
                snprintf(code, sizeof code, "%s%010lld", pl->prefix,
                         (long long)demo_rng_between(&rng, 0, 9999999999LL));
                fill_row(&rows[n++], &rng, pl, code, day, uses[i].face_fen, uses[i].paid_fen,
                         last_day);
            }
        }
        free(rows);
        free(uses);
    }
    return s;
}
