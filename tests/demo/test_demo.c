/* test_demo.c: the demo venue: the slot room-fee rule with hand-computed values, the random
 * numbers, the generator's determinism and the invariants of what it writes (a 7-day venue in
 * a temporary database), and the command line. */
#include "api_client.h"
#include "harness.h"

#include "cli/cli.h"
#include "core/auth.h"
#include "core/bizday.h"
#include "core/db.h"
#include "core/venue.h"
#include "demo/demo.h"
#include "demo/generator.h"
#include "demo/roomfee.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* ---------------------------------------------------------------- the room fee */

/* The plan of the worked examples: 白天档 12:00-18:00 at 60.00/h, 黄金档 18:00-00:00 at
 * 120.00/h, 午夜档 00:00-06:00 at 90.00/h; closed 06:00-12:00. */
static const struct demo_slot_price plan[3] = {
    {"白天档", 12 * 60, 18 * 60, 6000},
    {"黄金档", 18 * 60, 24 * 60, 12000},
    {"午夜档", 0, 6 * 60, 9000},
};

static int64_t fee(int start, int minutes, struct demo_room_fee *f)
{
    demo_room_fee(plan, 3, start, minutes, f);
    return f->fen;
}

static void room_fee_crosses_slots(void)
{
    struct demo_room_fee f;
    /* 17:30-19:15 = 30 min x 60.00 + 75 min x 120.00 = 30.00 + 150.00 = 180.00 */
    CHECK_INT(fee(17 * 60 + 30, 105, &f), 18000);
    CHECK_INT(f.minutes[0], 30);
    CHECK_INT(f.minutes[1], 75);
    CHECK_INT(f.minutes[2], 0);
    CHECK_INT(f.uncovered_minutes, 0);
    /* 23:00-02:30 across midnight = 60 min x 120.00 + 150 min x 90.00 = 120.00 + 225.00 */
    CHECK_INT(fee(23 * 60, 210, &f), 34500);
    CHECK_INT(f.minutes[1], 60);
    CHECK_INT(f.minutes[2], 150);
    /* 16:45-01:15: all three slots = 75 x 60 + 360 x 120 + 75 x 90 per hour
     * = 75.00 + 720.00 + 112.50 = 907.50 */
    CHECK_INT(fee(16 * 60 + 45, 510, &f), 90750);
    CHECK_INT(f.minutes[0], 75);
    CHECK_INT(f.minutes[1], 360);
    CHECK_INT(f.minutes[2], 75);
}

static void room_fee_after_midnight_and_closed_hours(void)
{
    struct demo_room_fee f;
    /* A stay opened at 01:00 of the next calendar day (minute 1500 of the business day):
     * 60 min x 90.00 = 90.00. */
    CHECK_INT(fee(25 * 60, 60, &f), 9000);
    CHECK_INT(f.minutes[2], 60);
    /* 05:00-07:00: 60 minutes of 午夜档, then an hour the plan does not price (the venue is
     * closed): counted as uncovered, not charged. */
    CHECK_INT(fee(29 * 60, 120, &f), 9000);
    CHECK_INT(f.uncovered_minutes, 60);
    /* Nothing for no time. */
    CHECK_INT(fee(20 * 60, 0, &f), 0);
    CHECK_INT(fee(20 * 60, -5, &f), 0);
}

static void room_fee_rounds_once_half_up(void)
{
    struct demo_room_fee f;
    /* 1 minute at 30.30/h is 50.5 fen: half-up to 51. At 30.29/h, 50.48 fen: 50. */
    struct demo_slot_price one[1] = {{"全天", 0, 1440, 3030}};
    demo_room_fee(one, 1, 600, 1, &f);
    CHECK_INT(f.fen, 51);
    one[0].fen_per_hour = 3029;
    demo_room_fee(one, 1, 600, 1, &f);
    CHECK_INT(f.fen, 50);
    /* Rounded once for the stay, not per slot: 7 min + 7 min at 100.00/h is
     * 14 x 10000 / 60 = 2333.33 -> 23.33 (per slot it would be 11.67 + 11.67 = 23.34). */
    struct demo_slot_price two[2] = {{"A", 0, 1080, 10000}, {"B", 1080, 1440, 10000}};
    demo_room_fee(two, 2, 18 * 60 - 7, 14, &f);
    CHECK_INT(f.minutes[0], 7);
    CHECK_INT(f.minutes[1], 7);
    CHECK_INT(f.fen, 2333);
}

static void room_fee_wrapping_slot(void)
{
    struct demo_room_fee f;
    /* A slot 22:00-02:00 (wraps) at 60.00/h; a stay 23:00-03:00 spends 180 minutes in it and
     * 60 outside it. */
    struct demo_slot_price late[1] = {{"夜场", 22 * 60, 2 * 60, 6000}};
    demo_room_fee(late, 1, 23 * 60, 240, &f);
    CHECK_INT(f.minutes[0], 180);
    CHECK_INT(f.uncovered_minutes, 60);
    CHECK_INT(f.fen, 18000);
    /* A stay from 01:00 is still in the slot that began the evening before. */
    demo_room_fee(late, 1, 25 * 60, 30, &f);
    CHECK_INT(f.minutes[0], 30);
    CHECK_INT(f.fen, 3000);
}

/* ---------------------------------------------------------------- random numbers */

static void rng_is_the_reference(void)
{
    /* splitmix64 from state 0: the first output published with the algorithm. */
    uint64_t st = 0;
    CHECK(demo_splitmix64(&st) == 0xe220a8397b1dcdafULL);
    struct demo_rng a, b;
    demo_rng_seed(&a, 42);
    demo_rng_seed(&b, 42);
    for (int i = 0; i < 1000; i++)
        CHECK(demo_rng_next(&a) == demo_rng_next(&b));
    int seen[7] = {0};
    for (int i = 0; i < 7000; i++) {
        int64_t v = demo_rng_between(&a, -3, 3);
        CHECK(v >= -3 && v <= 3);
        if (v >= -3 && v <= 3) seen[v + 3]++;
    }
    for (int i = 0; i < 7; i++)
        CHECK(seen[i] > 800 && seen[i] < 1200);
    const int weights[3] = {0, 1, 0};
    for (int i = 0; i < 100; i++)
        CHECK_INT(demo_rng_pick(&a, weights, 3), 1);
}

/* ---------------------------------------------------------------- the generator (pure) */

static void generator_is_deterministic(void)
{
    struct demo_day *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    CHECK(a && b);
    if (!a || !b) goto out;
    int64_t day = days_from_civil(2025, 3, 15);
    demo_generate_day(7, day, a);
    demo_generate_day(7, day, b);
    CHECK(a->nbills > 0);
    CHECK_INT(a->nbills, b->nbills);
    CHECK(demo_day_fingerprint(a, DEMO_FINGERPRINT_INIT) ==
          demo_day_fingerprint(b, DEMO_FINGERPRINT_INIT));
    /* Another day in between does not change a day: each has its own stream. */
    demo_generate_day(7, day + 1, b);
    demo_generate_day(7, day, b);
    CHECK(demo_day_fingerprint(a, DEMO_FINGERPRINT_INIT) ==
          demo_day_fingerprint(b, DEMO_FINGERPRINT_INIT));
    /* Another seed is another venue's day. */
    demo_generate_day(8, day, b);
    CHECK(demo_day_fingerprint(a, DEMO_FINGERPRINT_INIT) !=
          demo_day_fingerprint(b, DEMO_FINGERPRINT_INIT));
out:
    free(a);
    free(b);
}

/* Every generated bill of 60 days keeps the rules of a bill, and the rooms are never double
 * booked. */
static void generated_bills_keep_the_rules(void)
{
    struct demo_day *d = malloc(sizeof *d);
    CHECK(d != NULL);
    if (!d) return;
    int64_t first = days_from_civil(2025, 1, 1), bills = 0, voided = 0, packages = 0, min_spend = 0,
            gifts = 0, service = 0, splits = 0, discounted = 0;
    for (int64_t day = first; day < first + 60; day++) {
        demo_generate_day(1, day, d);
        CHECK(d->nbills >= 40 && d->nbills <= 140);
        int64_t busy_until[64] = {0};
        char want[11];
        date_format(day, want);
        int64_t prev_closed = 0;
        /* bills[] is in opening order: a room's next stay opens after its last one closed. */
        for (int i = 0; i < d->nbills; i++) {
            const struct demo_bill *x = &d->bills[i];
            CHECK(x->opened_local >= busy_until[x->room]);
            busy_until[x->room] = x->closed_local;
        }
        for (int i = 0; i < d->nbills; i++) {
            const struct demo_bill *x = &d->bills[d->settled[i]];
            const struct bill *b = &x->bill;
            bills++;
            CHECK(x->closed_local >= prev_closed);
            prev_closed = x->closed_local;
            CHECK_STR(b->business_day, want);
            /* Opened from 12:00, settled before the 06:00 cut-off of the next morning. */
            CHECK(x->opened_local >= day * 86400 + 12 * 3600);
            CHECK(x->closed_local < (day + 1) * 86400 + 6 * 3600);
            int64_t stay = x->closed_local - x->opened_local;
            CHECK(stay >= 30 * 60 && stay <= 5 * 3600 + 10 * 60);
            CHECK_INT(b->total_fen, b->gross_fen - b->discount_fen + b->service_fen);
            CHECK(b->total_fen % 100 == 0); /* 抹零 */
            CHECK(b->discount_fen >= 0 && b->total_fen > 0);
            int64_t lines = 0, service_lines = 0, paid = 0;
            for (int k = 0; k < b->nlines; k++) {
                const struct bill_line *l = &b->lines[k];
                CHECK_INT(l->line_no, k + 1);
                CHECK(l->has_unit_price && l->has_amount);
                CHECK_INT(l->amount_fen, l->unit_price_fen * l->qty);
                if (strcmp(l->kind, "service") == 0)
                    service_lines += l->amount_fen;
                else
                    lines += l->amount_fen;
                if (strcmp(l->kind, "package") == 0) packages++;
                if (strcmp(l->kind, "min_spend") == 0) min_spend++;
                if (strcmp(l->kind, "goods") == 0 && l->unit_price_fen == 0) gifts++;
            }
            CHECK_INT(lines, b->gross_fen);
            CHECK_INT(service_lines, b->service_fen);
            if (b->service_fen) service++;
            CHECK(b->npayments >= 1);
            for (int k = 0; k < b->npayments; k++) {
                CHECK(b->payments[k].amount_fen > 0);
                paid += b->payments[k].amount_fen;
            }
            CHECK_INT(paid, b->total_fen);
            if (b->npayments > 1) splits++;
            if (b->discount_fen >= 100) discounted++;
            if (strcmp(b->status, "voided") == 0) voided++;
        }
    }
    /* The mix a demo should show: some of everything, voids about 2 %. */
    CHECK(voided * 1000 / bills >= 10 && voided * 1000 / bills <= 35);
    CHECK(packages > 0 && min_spend > 0 && gifts > 0 && service > 0 && splits > 0);
    CHECK(discounted * 100 / bills >= 10 && discounted * 100 / bills <= 35);
    free(d);
}

/* ---------------------------------------------------------------- the written venue */

/* FNV-1a over every column of every row a query returns (as text, NULL as a marker). */
static uint64_t hash_rows(struct db *db, const char *sql)
{
    uint64_t h = DEMO_FINGERPRINT_INIT;
    sqlite3_stmt *st = db_stmt(db, sql);
    CHECK(st != NULL);
    if (!st) return 0;
    bool row;
    while (db_step(st, &row) == DB_OK && row) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const unsigned char *t = sqlite3_column_text(st, c);
            const char *s = t ? (const char *)t : "\x01NULL";
            for (const char *p = s;; p++) {
                h ^= (unsigned char)*p;
                h *= 0x100000001b3ULL;
                if (!*p) break;
            }
        }
    }
    sqlite3_reset(st);
    return h;
}

static int64_t one_int(struct db *db, const char *sql)
{
    int64_t v = -1;
    CHECK_INT(db_int(db, &v, sql, ""), DB_OK);
    return v;
}

/* Bills, lines and payments as stored, all but the wall-clock created_at of the insert. */
static const char bills_sql[] =
    "SELECT id, venue_id, bill_no, room_id, room_no, room_type, opened_at, closed_at, "
    "business_day, open_hour, status, cashier, member_phone, booker, gross_fen, discount_fen, "
    "service_fen, total_fen, note, source FROM bills ORDER BY id";
static const char lines_sql[] = "SELECT * FROM bill_lines ORDER BY id";
static const char payments_sql[] = "SELECT * FROM bill_payments ORDER BY id";

struct written {
    char dir[64], path[128];
    struct demo_summary sum;
    uint64_t bills, lines, payments;
};

/* Creates a demo venue of days business days ending 2025-03-31 in a temporary folder, as the
 * command line does, and hashes what it wrote. */
static bool write_venue(uint64_t seed, int days, struct written *w)
{
    memset(w, 0, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "/tmp/ktvdemo.XXXXXX");
    if (!mkdtemp(w->dir)) return false;
    snprintf(w->path, sizeof w->path, "%s/demo.db", w->dir);
    if (init_venue(w->path, DEMO_VENUE_NAME, DEMO_TIMEZONE, DEMO_CUTOFF_MINUTES, "admin",
                   DEMO_DEFAULT_PASSWORD, false) != 0)
        return false;
    struct db *db = cli_open_db(w->path, true);
    if (!db) return false;
    int64_t venue_id = 0;
    struct demo_options o = {days, seed, days_from_civil(2025, 3, 31), DEMO_DEFAULT_PASSWORD};
    bool ok =
        venue_first(db, &venue_id) == DB_OK && demo_populate(db, venue_id, &o, &w->sum) == DB_OK;
    if (ok) {
        w->bills = hash_rows(db, bills_sql);
        w->lines = hash_rows(db, lines_sql);
        w->payments = hash_rows(db, payments_sql);
    }
    db_close(db);
    return ok;
}

static void remove_venue(struct written *w)
{
    char p[160];
    unlink(w->path);
    snprintf(p, sizeof p, "%s-wal", w->path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", w->path);
    unlink(p);
    rmdir(w->dir);
}

static void same_seed_same_database(void)
{
    struct written a, b, c;
    CHECK(write_venue(11, 3, &a));
    CHECK(write_venue(11, 3, &b));
    CHECK(write_venue(12, 3, &c));
    CHECK(a.sum.bills > 100);
    CHECK(a.bills == b.bills && a.lines == b.lines && a.payments == b.payments);
    CHECK(a.sum.fingerprint == b.sum.fingerprint);
    CHECK_INT(a.sum.net_fen, b.sum.net_fen);
    CHECK(a.bills != c.bills && a.sum.fingerprint != c.sum.fingerprint);
    remove_venue(&a);
    remove_venue(&b);
    remove_venue(&c);
}

static void seven_day_venue_invariants(void)
{
    struct written w;
    CHECK(write_venue(1, 7, &w));
    struct db *db = db_open(w.path);
    CHECK(db != NULL);
    if (!db || harness_current_failures()) goto out;
    CHECK(one_int(db, "SELECT count(*) FROM rooms WHERE active = 1") >= 30);
    CHECK_INT(one_int(db, "SELECT count(*) FROM room_types"), 4);
    CHECK(one_int(db, "SELECT count(*) FROM products WHERE active = 1") >= 40);
    CHECK(one_int(db, "SELECT count(DISTINCT category) FROM products") >= 6);
    CHECK(one_int(db, "SELECT count(*) FROM packages") >= 3);
    CHECK_INT(one_int(db, "SELECT count(*) FROM packages p WHERE NOT EXISTS "
                          "(SELECT 1 FROM package_items i WHERE i.package_id = p.id)"),
              0);
    /* The admin and one user per role, three cashiers. */
    CHECK_INT(one_int(db, "SELECT count(DISTINCT role) FROM users"), 9);
    CHECK_INT(one_int(db, "SELECT count(*) FROM users WHERE role = 'cashier'"), 3);

    int64_t bills = one_int(db, "SELECT count(*) FROM bills");
    CHECK_INT(bills, w.sum.bills);
    CHECK(bills >= 7 * 60 && bills <= 7 * 120);
    CHECK_INT(one_int(db, "SELECT count(*) FROM bills WHERE source <> 'demo'"), 0);
    /* Every bill's payments sum to its total; total = gross - discount + service (also a
     * CHECK of the table); the lines other than the service charge sum to the gross. */
    CHECK_INT(one_int(db,
                      "SELECT count(*) FROM bills b WHERE total_fen <> (SELECT "
                      "coalesce(sum(amount_fen), 0) FROM bill_payments p WHERE p.bill_id = b.id)"),
              0);
    CHECK_INT(one_int(db, "SELECT count(*) FROM bills "
                          "WHERE total_fen <> gross_fen - discount_fen + service_fen"),
              0);
    CHECK_INT(one_int(db, "SELECT count(*) FROM bills b WHERE gross_fen <> (SELECT "
                          "coalesce(sum(amount_fen), 0) FROM bill_lines l WHERE l.bill_id = b.id "
                          "AND l.kind <> 'service' AND l.amount_fen IS NOT NULL)"),
              0);
    CHECK_INT(one_int(db, "SELECT count(*) FROM bill_lines WHERE unit_price_fen IS NOT NULL "
                          "AND amount_fen <> unit_price_fen * qty"),
              0);
    /* Business days all within the range asked for. */
    CHECK_INT(one_int(db, "SELECT count(*) FROM bills "
                          "WHERE business_day NOT BETWEEN '2025-03-25' AND '2025-03-31'"),
              0);
    CHECK_INT(one_int(db, "SELECT count(DISTINCT business_day) FROM bills"), 7);
    /* Shanghai is UTC+8 all year: the business day is the local date 6 hours earlier. */
    CHECK_INT(one_int(db, "SELECT count(*) FROM bills WHERE business_day <> "
                          "date(closed_at, 'unixepoch', '+8 hours', '-6 hours')"),
              0);
    /* Many settled after midnight, on the business day of the evening before. */
    CHECK(one_int(db, "SELECT count(*) FROM bills WHERE "
                      "date(closed_at, 'unixepoch', '+8 hours') > business_day") > bills / 10);
    /* Every payment method. */
    static const char *const methods[] = {"cash",   "wechat",  "alipay", "card",
                                          "member", "voucher", "credit"};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        int64_t n = -1;
        CHECK_INT(
            db_int(db, &n, "SELECT count(*) FROM bill_payments WHERE method = $1", "t", methods[i]),
            DB_OK);
        if (n <= 0) harness_fail(__FILE__, __LINE__, "no payment by %s", methods[i]);
    }
    CHECK(one_int(db, "SELECT count(*) FROM bills b WHERE "
                      "(SELECT count(*) FROM bill_payments p WHERE p.bill_id = b.id) > 1") > 0);
    CHECK(one_int(db, "SELECT count(*) FROM bills WHERE status = 'voided'") > 0);
    CHECK(one_int(db, "SELECT count(*) FROM bill_lines WHERE kind = 'package'") > 0);
    /* Lines point at the catalogue. */
    CHECK_INT(one_int(db, "SELECT count(*) FROM bill_lines WHERE kind = 'goods' AND "
                          "product_id IS NULL"),
              0);
    CHECK_INT(one_int(db, "SELECT count(*) FROM bills WHERE room_id IS NULL"), 0);
    /* Audited once for the run (init adds the venue and the admin). */
    CHECK_INT(one_int(db, "SELECT count(*) FROM audit_log WHERE action = 'demo'"), 1);
    CHECK_INT(one_int(db, "SELECT count(*) FROM audit_log"), 3);
out:
    db_close(db);
    remove_venue(&w);
}

/* ---------------------------------------------------------------- the command line */

static bool demo_two_days(const char *db)
{
    return run_cli(NULL, "demo", "--db", db, "--days", "2", "--end-date", "2025-03-31", NULL) == 0;
}

static const char *fingerprint_of(const char *out)
{
    const char *f = out ? strstr(out, "fingerprint ") : NULL;
    return f ? f + strlen("fingerprint ") : "";
}

static void command_line(void)
{
    char dir[] = "/tmp/ktvdemocli.XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char a[80], b[80];
    snprintf(a, sizeof a, "%s/a.db", dir);
    snprintf(b, sizeof b, "%s/b.db", dir);
    char *out_a = NULL, *out_b = NULL, *out = NULL;
    CHECK_INT(run_cli(&out_a, "demo", "--db", a, "--days", "2", "--seed", "5", "--end-date",
                      "2025-03-31", NULL),
              0);
    CHECK_INT(run_cli(&out_b, "demo", "--db", b, "--days", "2", "--seed", "5", "--end-date",
                      "2025-03-31", "--password", "other-pass-1", NULL),
              0);
    CHECK(out_a && strstr(out_a, "ktvdemo123") && strstr(out_a, "cashier1"));
    CHECK(out_b && strstr(out_b, "other-pass-1"));
    /* Same seed and end date: the same bills, whatever the password. */
    CHECK(strncmp(fingerprint_of(out_a), fingerprint_of(out_b), 16) == 0);
    CHECK(strlen(fingerprint_of(out_a)) >= 16);
    /* A database that holds a venue is refused and left as it was. */
    CHECK_INT(run_cli(NULL, "demo", "--db", a, "--days", "2", NULL), 1);
    CHECK(access(a, F_OK) == 0);
    /* Wrong usage. */
    CHECK_INT(run_cli(NULL, "demo", NULL), 2);
    CHECK_INT(run_cli(NULL, "demo", "--db", b, "--days", "x", NULL), 2);
    CHECK_INT(run_cli(NULL, "demo", "--db", b, "--end-date", "2025-02-30", NULL), 2);
    CHECK_INT(run_cli(NULL, "demo", "--db", b, "--password", "12345678", NULL), 2);
    CHECK_INT(run_cli(&out, "demo", "--help", NULL), 0);
    CHECK(out && strstr(out, "--export-csv"));
    free(out_a);
    free(out_b);
    free(out);
    unlink(a);
    unlink(b);
    char p[120];
    snprintf(p, sizeof p, "%s/a.db-wal", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/a.db-shm", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/b.db-wal", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/b.db-shm", dir);
    unlink(p);
    rmdir(dir);
}

/* The export holds exactly the bills asked for, in format v1. */
static void export_csv(void)
{
    char dir[] = "/tmp/ktvdemoexp.XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *out = NULL;
    CHECK_INT(run_cli(&out, "demo", "--export-csv", dir, "--bills", "1234", "--days", "5",
                      "--end-date", "2025-03-31", NULL),
              0);
    CHECK(out && strstr(out, "exported 1234 bills"));
    free(out);
    static const char *const files[] = {"bills.csv", "bill_lines.csv", "bill_payments.csv",
                                        "rooms.csv", "products.csv",   "packages.csv"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char p[120];
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        size_t len = 0;
        char *text = read_file(p, &len);
        CHECK(text != NULL);
        if (text && i == 0) {
            CHECK(strncmp(text, "bill_no,room,room_type,opened_at,closed_at,status,", 50) == 0);
            size_t rows = 0;
            for (size_t k = 0; k < len; k++)
                rows += text[k] == '\n';
            CHECK_INT(rows, 1235); /* the header and 1234 bills */
        }
        free(text);
        unlink(p);
    }
    rmdir(dir);
}

/* The demo users can sign in to the server with the demo password. */
static void users_sign_in(void)
{
    struct server s;
    CHECK(server_start(&s, demo_two_days));
    if (harness_current_failures()) return;
    static const char *const users[] = {"admin", "manager", "cashier1", "finance", "staff"};
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
        struct client c;
        client_init(&c, &s);
        long status = client_login(&c, users[i], DEMO_DEFAULT_PASSWORD);
        if (status != 200) harness_fail(__FILE__, __LINE__, "%s: login %ld", users[i], status);
        client_free(&c);
    }
    CHECK_INT(server_stop(&s), 0);
}

int main(void)
{
    if (!auth_init()) return 1;
    RUN(room_fee_crosses_slots);
    RUN(room_fee_after_midnight_and_closed_hours);
    RUN(room_fee_rounds_once_half_up);
    RUN(room_fee_wrapping_slot);
    RUN(rng_is_the_reference);
    RUN(generator_is_deterministic);
    RUN(generated_bills_keep_the_rules);
    RUN(same_seed_same_database);
    RUN(seven_day_venue_invariants);
    RUN(command_line);
    RUN(export_csv);
    RUN(users_sign_in);
    return harness_finish("demo/demo");
}
