/* cli/demo.c: ktvoffice demo: create the demo venue 星光KTV（演示店） with months of business,
 * or write its bills as bill-import files for the benchmarks (--export-csv). */
#include "cli/cli.h"
#include "finance/finance.h"
#include "core/auth.h"
#include "core/bizday.h"
#include "core/http.h"
#include "core/money.h"
#include "core/venue.h"
#include "demo/demo.h"
#include "demo/generator.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Ten years of business days is far more than a demo needs and still a few minutes to write. */
#define DEMO_MAX_DAYS 3650
#define DEMO_DEFAULT_DAYS 90
/* The export fills one year by default, so that one takings report (at most 366 days) reads
 * every exported bill. */
#define EXPORT_DEFAULT_DAYS 365
#define EXPORT_MAX_BILLS 100000000LL

static void demo_help(FILE *out)
{
    fprintf(out,
            "usage: ktvoffice demo --db PATH [--days N] [--seed N] [--end-date YYYY-MM-DD]\n"
            "                      [--password PW]\n"
            "       ktvoffice demo --export-csv DIR --bills N [--days N] [--seed N]\n"
            "                      [--end-date YYYY-MM-DD]\n\n"
            "Creates a new database holding the demo venue " DEMO_VENUE_NAME " (Asia/Shanghai,\n"
            "business day from 06:00): an admin and one user per role, 32 rooms of 4 types with\n"
            "price plans, 49 products, 10 packages (one a buy-out), 400 members, and N business\n"
            "days ending with the end date: bills, three cashier shifts a day with their Z\n"
            "reports, members' top-ups and payments, every day but the last two reviewed and\n"
            "confirmed; the last day left live (a shift open, rooms in use). The same seed and\n"
            "end date always give the same data.\n\n"
            "  --db PATH          the database to create (refused if it already holds a venue)\n"
            "  --days N           business days of bills, 0 to %d (default %d; 0: no bills)\n"
            "  --seed N           seed of the generator, 0 to 2^63-1 (default 1)\n"
            "  --end-date DATE    last business day (default: yesterday's, Asia/Shanghai)\n"
            "  --password PW      password of the admin and every demo user "
            "(default " DEMO_DEFAULT_PASSWORD ")\n\n"
            "With --export-csv, writes bills.csv, bill_lines.csv, bill_payments.csv (bill import\n"
            "format v1) and rooms.csv, products.csv, packages.csv into DIR instead, with exactly\n"
            "--bills bills spread over --days business days (default %d), as busy as needed.\n",
            DEMO_MAX_DAYS, DEMO_DEFAULT_DAYS, EXPORT_DEFAULT_DAYS);
}

/* Parses a decimal integer in [lo, hi]; false if anything else. */
static bool parse_int(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return false;
    *out = v;
    return true;
}

static void print_money_line(const struct demo_summary *s)
{
    char g[40], d[40], sv[40], n[40];
    printf("  settled bills: gross %s, discounts %s, service %s, net %s\n",
           money_format_grouped(s->gross_fen, g), money_format_grouped(s->discount_fen, d),
           money_format_grouped(s->service_fen, sv), money_format_grouped(s->net_fen, n));
}

/* Removes a database this run created and could not finish (with its WAL files). */
static void remove_database(const char *path)
{
    char aux[4096];
    unlink(path);
    snprintf(aux, sizeof aux, "%s-wal", path);
    unlink(aux);
    snprintf(aux, sizeof aux, "%s-shm", path);
    unlink(aux);
}

static int run_export(const char *dir, uint64_t seed, int64_t end_day, int days, int64_t bills)
{
    int64_t start = now_ns();
    struct demo_summary s;
    if (!demo_export_csv(dir, seed, end_day, days, bills, &s)) return 1;
    double seconds = (double)(now_ns() - start) / 1e9;
    char from[11], to[11];
    date_format(s.first_day, from);
    date_format(s.last_day, to);
    printf("exported %" PRId64 " bills (%" PRId64 " voided), %" PRId64 " lines, %" PRId64
           " payments over business days %s .. %s to %s in %.2f s\n",
           s.bills, s.voided, s.lines, s.payments, from, to, dir, seconds);
    print_money_line(&s);
    printf("  fingerprint %016" PRIx64 "\n", s.fingerprint);
    return 0;
}

static int run_create(const char *path, const struct demo_options *o)
{
    int64_t start = now_ns();
    bool existed = access(path, F_OK) == 0;
    int rc = init_venue(path, DEMO_VENUE_NAME, DEMO_TIMEZONE, DEMO_CUTOFF_MINUTES, "admin",
                        o->password, false);
    if (rc != 0) return rc;
    struct db *db = cli_open_db(path, true);
    int64_t venue_id = 0;
    struct demo_summary s;
    enum db_status st = db ? venue_first(db, &venue_id) : DB_ERROR;
    if (st == DB_OK) st = demo_populate(db, venue_id, o, &s);
    /* The books: the generator writes the money events as a till would have; each posts its
     * entry here, oldest first, as history is posted when the books open on a database. */
    int64_t posted = 0, entries = 0, balance = -1;
    if (st == DB_OK) st = finance_ensure(db, &posted);
    /* What the books hold in the end (the transfers' part of the generator posts as it goes):
     * the entries and the trial balance, zero when they balance. */
    if (st == DB_OK)
        st = db_int(db, &entries, "SELECT count(*) FROM journal_entries WHERE venue_id = $1", "i",
                    venue_id);
    if (st == DB_OK)
        st = db_int(db, &balance,
                    "SELECT coalesce(sum(amount_fen), 0) FROM journal_lines l JOIN "
                    "journal_entries e ON e.id = l.entry_id WHERE e.venue_id = $1",
                    "i", venue_id);
    db_close(db);
    if (st != DB_OK) {
        fprintf(stderr, "error: could not write the demo venue (see the log above)\n");
        /* Leave no half-written demo behind in a file this run created; a file that was there
         * before (empty: init_venue refuses one with a venue) is left to its owner. */
        if (!existed)
            remove_database(path);
        else
            fprintf(stderr, "error: %s now holds a partial demo venue: remove it\n", path);
        return 1;
    }
    double seconds = (double)(now_ns() - start) / 1e9;
    char from[11], to[11], last[40];
    date_format(s.first_day, from);
    date_format(s.last_day, to);
    printf("demo: %d users, %d room types, %d rooms, %d products, %d packages\n", s.users,
           s.room_types, s.rooms, s.products, s.packages);
    if (o->days > 0) {
        printf("demo: %d business days %s .. %s: %" PRId64 " bills (%" PRId64 " voided, %" PRId64
               " settled after midnight), %" PRId64 " lines, %" PRId64 " payments\n",
               o->days, from, to, s.bills, s.voided, s.after_midnight, s.lines, s.payments);
        print_money_line(&s);
        printf("  last business day %s: %" PRId64 " settled bills, net %s\n", to, s.last_day_bills,
               money_format_grouped(s.last_day_net_fen, last));
        char topped[40], paid[40];
        printf("  %" PRId64 " cashier shifts (%" PRId64 " reviewed, %" PRId64 " open; %" PRId64
               " over, %" PRId64 " short), %" PRId64 " days confirmed\n",
               s.shifts, s.shifts_reviewed, s.shifts_open, s.overs, s.shorts, s.days_confirmed);
        printf("  %d members: %" PRId64 " top-ups of %s principal, %s paid from balances\n",
               s.members, s.topups, money_format_grouped(s.topup_principal_fen, topped),
               money_format_grouped(s.member_paid_fen, paid));
        printf("  live: %d rooms in use, %d reservations, 1 room out of service\n", s.open_stays,
               s.reservations);
    }
    printf("  books: %" PRId64 " journal entries, trial balance %s\n", entries,
           balance == 0 ? "zero (balanced)" : "NOT zero");
    printf("  seed %" PRIu64 ", fingerprint %016" PRIx64 ", written in %.2f s\n", o->seed,
           s.fingerprint, seconds);
    printf("logins (password %s): admin manager finance cashier1 cashier2 cashier3 warehouse hr "
           "technician marketing staff\n",
           o->password);
    return 0;
}

int cli_demo(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},
        {"days", required_argument, 0, 'n'},
        {"seed", required_argument, 0, 's'},
        {"end-date", required_argument, 0, 'e'},
        {"password", required_argument, 0, 'p'},
        {"export-csv", required_argument, 0, 'x'},
        {"bills", required_argument, 0, 'b'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *path = NULL, *days_arg = NULL, *seed_arg = "1", *end_arg = NULL,
               *password = DEMO_DEFAULT_PASSWORD, *export_dir = NULL, *bills_arg = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            path = optarg;
            break;
        case 'n':
            days_arg = optarg;
            break;
        case 's':
            seed_arg = optarg;
            break;
        case 'e':
            end_arg = optarg;
            break;
        case 'p':
            password = optarg;
            break;
        case 'x':
            export_dir = optarg;
            break;
        case 'b':
            bills_arg = optarg;
            break;
        case 'h':
            demo_help(stdout);
            return 0;
        default:
            demo_help(stderr);
            return 2;
        }
    }
    if (optind < argc || (!path) == (!export_dir) || (export_dir && !bills_arg) ||
        (path && bills_arg)) {
        if (optind < argc)
            fprintf(stderr, "error: unexpected argument '%s'\n", argv[optind]);
        else
            fprintf(stderr, "error: give either --db PATH or --export-csv DIR --bills N\n");
        demo_help(stderr);
        return 2;
    }
    long long days = export_dir ? EXPORT_DEFAULT_DAYS : DEMO_DEFAULT_DAYS, seed = 0, bills = 0;
    if (days_arg && !parse_int(days_arg, export_dir ? 1 : 0, DEMO_MAX_DAYS, &days)) {
        fprintf(stderr, "error: --days must be a whole number from %d to %d\n", export_dir ? 1 : 0,
                DEMO_MAX_DAYS);
        return 2;
    }
    if (!parse_int(seed_arg, 0, INT64_MAX, &seed)) {
        fprintf(stderr, "error: --seed must be a whole number from 0 to 2^63-1\n");
        return 2;
    }
    if (bills_arg && !parse_int(bills_arg, 1, EXPORT_MAX_BILLS, &bills)) {
        fprintf(stderr, "error: --bills must be a whole number from 1 to %lld\n", EXPORT_MAX_BILLS);
        return 2;
    }
    int64_t end_day;
    if (end_arg) {
        if (!date_parse(end_arg, &end_day)) {
            fprintf(stderr, "error: --end-date must be a real date as YYYY-MM-DD\n");
            return 2;
        }
    } else {
        /* Yesterday's business day: the last one that is over, so no bill is in the future. */
        struct tz *tz = tz_load(DEMO_TIMEZONE);
        if (!tz) {
            fprintf(stderr, "error: time zone %s is not installed (apt install tzdata)\n",
                    DEMO_TIMEZONE);
            return 1;
        }
        end_day = bizday_of_instant(tz, DEMO_CUTOFF_MINUTES, now_epoch()) - 1;
        tz_free(tz);
    }
    if (export_dir) return run_export(export_dir, (uint64_t)seed, end_day, (int)days, bills);

    const char *problem = auth_password_problem(password, true);
    if (problem) {
        fprintf(stderr, "error: %s\n", problem);
        return 2;
    }
    struct demo_options o = {(int)days, (uint64_t)seed, end_day, password,
                             end_arg ? 0 : now_epoch()};
    return run_create(path, &o);
}
