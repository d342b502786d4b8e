/* cli/report.c: ktvoffice report takings|sales|finance|pnl|cashflow: the daily takings
 * (营业日报), the sales summary and the finance reports (财务管理表, 利润表, 现金流) from the
 * command line, as a terminal table, CSV, Excel or the API's JSON. The same code builds them
 * as the API (reports/render.h, finance/freport.h), so the figures are the same to the fen. */
#include "cli/cli.h"
#include "core/http.h"
#include "core/venue.h"
#include "finance/freport.h"
#include "reports/range.h"
#include "reports/render.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void report_help(FILE *out)
{
    fprintf(out,
            "usage: ktvoffice report takings|sales --db PATH [--from DATE] [--to DATE]\n"
            "                        [--format table|csv|xlsx|json] [-o FILE] [--lang zh|en]\n"
            "                        [--venue ID]\n"
            "       ktvoffice report finance|pnl|cashflow --db PATH [--from D] [--to D]\n"
            "                        [--month YYYY-MM | --year YYYY] [--group day|month]\n"
            "                        [--format table|csv|xlsx|json] [-o FILE] [--lang zh|en]\n\n"
            "takings  the daily takings (营业日报): bills settled and voided, gross, discounts,\n"
            "         net, by payment method, room type, cashier and business day\n"
            "sales    the sales summary: net by business day, ISO week, month, room type, hour\n"
            "         the stay opened and weekday; goods by quantity, packages by count\n"
            "finance  the finance table (财务管理表) from the books: revenue by account less\n"
            "         discounts and refunds, other income, expenses by category, profit; money\n"
            "         in and out per channel account; the cash flow, by day or by month\n"
            "pnl      the profit and loss (利润表): a line per account, a column per month, total\n"
            "cashflow the cash flow (现金流): cash, bank and clearing accounts, opening, in and\n"
            "         out by what moved them (sales, stored value, expenses ...), closing\n\n"
            "Dates are business days (YYYY-MM-DD) in the venue's time zone: a bill settled at\n"
            "02:30 on the 5th belongs to the 4th. Without dates: takings of yesterday's business\n"
            "day, sales of the 30 business days up to it; with one date, that day alone.\n"
            "Ranges: takings at most %d days, sales at most %d days.\n"
            "Finance reports: D is YYYY-MM-DD or YYYY-MM (a whole month); without dates the\n"
            "month (pnl: the year) up to yesterday's business day; by day at most %d days, by\n"
            "month at most %d months. --group defaults to day within one month, else month.\n\n"
            "  --format FMT   table (default, to the terminal), csv, xlsx (needs -o) or json\n"
            "  -o FILE        write to FILE instead of standard output\n"
            "  --lang LANG    zh (default) or en: column titles and messages\n"
            "  --venue ID     the venue (default: the first one)\n"
            "  --month M      finance reports: the month YYYY-MM\n"
            "  --year Y       finance reports: the year YYYY\n"
            "  --group G      finance reports: day or month columns (pnl: month)\n",
            TAKINGS_MAX_DAYS, SALES_MAX_DAYS, FR_MAX_DAYS, FR_MAX_MONTHS);
}

/* Writes len bytes to path, or to standard output when path is NULL. */
static bool write_out(const char *path, const char *data, size_t len)
{
    FILE *f = path ? fopen(path, "wb") : stdout;
    if (!f) {
        fprintf(stderr, "error: cannot write %s\n", path);
        return false;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    if (path)
        ok = fclose(f) == 0 && ok;
    else
        ok = fflush(f) == 0 && ok;
    if (!ok) fprintf(stderr, "error: writing %s failed\n", path ? path : "standard output");
    return ok;
}

/* The JSON of a report as text ending with a newline (malloc'd), or NULL. */
static char *json_bytes(const json_t *report, size_t *len)
{
    char *text = json_dumps(report, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    *len = text ? strlen(text) : 0;
    char *bytes = text ? malloc(*len + 2) : NULL;
    if (bytes) {
        memcpy(bytes, text, *len);
        bytes[(*len)++] = '\n';
        bytes[*len] = 0;
    }
    free(text);
    return bytes;
}

/* ktvoffice report finance|pnl|cashflow: read the range as the API does, build the report
 * from the books and write it. Returns the exit code. */
static int finance_report(enum fr_kind kind, struct db *db, const struct venue *v,
                          int64_t last_day, const char *from_s, const char *to_s,
                          const char *month_s, const char *year_s, const char *group_s,
                          bool json_out, enum reports_format fmt, bool english, const char *output)
{
    struct fr_query q = {from_s, to_s, month_s, year_s, NULL, group_s};
    struct fr_request r;
    struct range_problem why;
    if (!fr_request_parse(kind, &q, last_day, &r, &why)) {
        if (english)
            fprintf(stderr, "error: %s (--%s)\n", why.message_en, why.field);
        else
            fprintf(stderr, "错误：%s（--%s）\n", why.message_zh, why.field);
        return 2;
    }
    json_t *report = NULL;
    if (freport_build(db, v->id, &r, &report) != DB_OK) {
        fprintf(stderr, "error: the report could not be read (%s)\n", db_errmsg(db));
        return 1;
    }
    size_t len = 0;
    char *bytes = NULL;
    if (json_out)
        bytes = json_bytes(report, &len);
    else
        bytes = freport_export(report,
                               fmt == REPORTS_CSV    ? FREPORT_CSV
                               : fmt == REPORTS_XLSX ? FREPORT_XLSX
                                                     : FREPORT_TEXT,
                               english, &len);
    json_decref(report);
    int rc = 1;
    if (!bytes)
        fprintf(stderr, "error: the report could not be written\n");
    else if (write_out(output, bytes, len)) {
        if (output) fprintf(stderr, "%s: %zu bytes\n", output, len);
        rc = 0;
    }
    free(bytes);
    return rc;
}

int cli_report(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},
        {"from", required_argument, 0, 'f'},
        {"to", required_argument, 0, 't'},
        {"format", required_argument, 0, 'F'},
        {"output", required_argument, 0, 'o'},
        {"lang", required_argument, 0, 'l'},
        {"venue", required_argument, 0, 'v'},
        {"month", required_argument, 0, 'm'},
        {"year", required_argument, 0, 'y'},
        {"group", required_argument, 0, 'g'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    if (argc < 2 || cli_wants_help(argc, argv)) {
        report_help(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *what = argv[1];
    enum reports_kind kind = REPORTS_TAKINGS;
    int fin = -1; /* a finance report (enum fr_kind), or -1 */
    if (strcmp(what, "takings") == 0)
        kind = REPORTS_TAKINGS;
    else if (strcmp(what, "sales") == 0)
        kind = REPORTS_SALES;
    else if (strcmp(what, "finance") == 0)
        fin = FR_TABLE;
    else if (strcmp(what, "pnl") == 0)
        fin = FR_PNL;
    else if (strcmp(what, "cashflow") == 0)
        fin = FR_CASHFLOW;
    else {
        fprintf(stderr, "error: unknown report '%s' (takings, sales, finance, pnl or cashflow)\n",
                what);
        report_help(stderr);
        return 2;
    }
    const char *path = NULL, *from_s = NULL, *to_s = NULL, *format = "table", *output = NULL,
               *lang = "zh", *venue_s = NULL, *month_s = NULL, *year_s = NULL, *group_s = NULL;
    int c;
    optind = 2;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            path = optarg;
            break;
        case 'f':
            from_s = optarg;
            break;
        case 't':
            to_s = optarg;
            break;
        case 'F':
            format = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'l':
            lang = optarg;
            break;
        case 'v':
            venue_s = optarg;
            break;
        case 'm':
            month_s = optarg;
            break;
        case 'y':
            year_s = optarg;
            break;
        case 'g':
            group_s = optarg;
            break;
        default:
            report_help(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "error: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    if (!path) {
        report_help(stderr);
        return 2;
    }
    if (fin < 0 && (month_s || year_s || group_s)) {
        fprintf(stderr, "error: --month, --year and --group are for finance, pnl and cashflow\n");
        return 2;
    }
    if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
        fprintf(stderr, "error: --lang is zh or en\n");
        return 2;
    }
    bool english = strcmp(lang, "en") == 0;
    bool json_out = strcmp(format, "json") == 0;
    enum reports_format fmt = REPORTS_TEXT;
    if (strcmp(format, "csv") == 0)
        fmt = REPORTS_CSV;
    else if (strcmp(format, "xlsx") == 0)
        fmt = REPORTS_XLSX;
    else if (strcmp(format, "table") != 0 && !json_out) {
        fprintf(stderr, "error: --format is table, csv, xlsx or json\n");
        return 2;
    }
    if (fmt == REPORTS_XLSX && !json_out && !output) {
        fprintf(stderr, english ? "error: --format xlsx needs -o FILE (a workbook is not text)\n"
                                : "错误：--format xlsx 需要用 -o 指定输出文件\n");
        return 2;
    }
    int64_t venue_id = 0;
    if (venue_s) {
        char *end;
        venue_id = strtoll(venue_s, &end, 10);
        if (*end || venue_id <= 0) {
            fprintf(stderr, "error: --venue takes a venue id (a positive number)\n");
            return 2;
        }
    }

    struct db *db = cli_open_db(path, true);
    if (!db) return 1;
    int rc = 1;
    json_t *report = NULL;
    char *bytes = NULL;
    struct venue v;
    if (!venue_id && venue_first(db, &venue_id) != DB_OK) {
        fprintf(stderr, "error: %s holds no venue (create one with: ktvoffice init --db %s)\n",
                path, path);
        goto out;
    }
    if (venue_load(db, venue_id, &v) != DB_OK) {
        fprintf(stderr, "error: no venue %lld in %s\n", (long long)venue_id, path);
        goto out;
    }
    int64_t last_day = 0, from = 0, to = 0;
    if (!reports_last_day(&v, now_epoch(), &last_day)) {
        fprintf(stderr, "error: the venue's time zone %s cannot be loaded\n", v.timezone);
        goto out;
    }
    if (fin >= 0) {
        rc = finance_report((enum fr_kind)fin, db, &v, last_day, from_s, to_s, month_s, year_s,
                            group_s, json_out, fmt, english, output);
        goto out;
    }
    bool takings = kind == REPORTS_TAKINGS;
    struct range_problem why;
    if (!report_range_parse(from_s, to_s, last_day,
                            takings ? TAKINGS_DEFAULT_DAYS : SALES_DEFAULT_DAYS,
                            takings ? TAKINGS_MAX_DAYS : SALES_MAX_DAYS, &from, &to, &why)) {
        if (english)
            fprintf(stderr, "error: %s (--%s)\n", why.message_en, why.field);
        else
            fprintf(stderr, "错误：%s（--%s）\n", why.message_zh, why.field);
        rc = 2;
        goto out;
    }
    if (reports_build(db, &v, kind, from, to, &report) != DB_OK) {
        fprintf(stderr, "error: the report could not be read from %s (%s)\n", path, db_errmsg(db));
        goto out;
    }
    size_t len = 0;
    if (json_out) {
        /* Ends with a newline, as text on a terminal should. */
        char *text = json_dumps(report, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        len = text ? strlen(text) : 0;
        bytes = text ? malloc(len + 2) : NULL;
        if (bytes) {
            memcpy(bytes, text, len);
            bytes[len++] = '\n';
            bytes[len] = 0;
        }
        free(text);
    } else {
        bytes = reports_export(report, kind, fmt, english, &len);
    }
    if (!bytes) {
        fprintf(stderr, "error: the report could not be written\n");
        goto out;
    }
    if (!write_out(output, bytes, len)) goto out;
    if (output) fprintf(stderr, "%s: %zu bytes\n", output, len);
    rc = 0;
out:
    free(bytes);
    json_decref(report);
    db_close(db);
    return rc;
}
