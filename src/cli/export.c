/* cli/export.c: ktvoffice export bills: the bill list of a range of business days as CSV or
 * Excel, the same file as the API's GET /api/v1/bills/export. */
#include "cli/cli.h"
#include "core/bizday.h"
#include "core/venue.h"
#include "sales/export.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void export_help(FILE *out)
{
    fprintf(out,
            "usage: ktvoffice export bills --db PATH --from DATE --to DATE --format csv|xlsx\n"
            "                              -o FILE [--status settled|voided] [--lang zh|en]\n\n"
            "Writes the bills of the business days DATE..DATE (YYYY-MM-DD, both included; a\n"
            "business day runs from the venue's cut-off, 06:00 by default, to the next) with\n"
            "their totals and payment methods. Bill numbers and phones are text, so Excel keeps\n"
            "their leading zeros.\n");
}

int cli_export(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},
        {"from", required_argument, 0, 'f'},
        {"to", required_argument, 0, 't'},
        {"format", required_argument, 0, 'F'},
        {"output", required_argument, 0, 'o'},
        {"status", required_argument, 0, 's'},
        {"lang", required_argument, 0, 'l'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    if (argc < 2 || cli_wants_help(argc, argv)) {
        export_help(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "bills") != 0) {
        fprintf(stderr, "error: export what? only bills (not '%s')\n", argv[1]);
        return 2;
    }
    const char *path = NULL, *from = NULL, *to = NULL, *format = NULL, *output = NULL,
               *status = NULL, *lang = "zh";
    int c;
    optind = 2;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            path = optarg;
            break;
        case 'f':
            from = optarg;
            break;
        case 't':
            to = optarg;
            break;
        case 'F':
            format = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 's':
            status = optarg;
            break;
        case 'l':
            lang = optarg;
            break;
        default:
            export_help(stderr);
            return 2;
        }
    }
    int64_t d1, d2;
    if (!path || !from || !to || !format || !output) {
        export_help(stderr);
        return 2;
    }
    if (!date_parse(from, &d1) || !date_parse(to, &d2) || d2 < d1) {
        fprintf(stderr, "error: --from and --to must be business days YYYY-MM-DD, from <= to\n");
        return 2;
    }
    if (strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0) {
        fprintf(stderr, "error: --format must be csv or xlsx\n");
        return 2;
    }
    if (status && strcmp(status, "settled") != 0 && strcmp(status, "voided") != 0) {
        fprintf(stderr, "error: --status must be settled or voided\n");
        return 2;
    }
    struct db *db = cli_open_db(path, true);
    if (!db) return 1;
    int rc = 1;
    struct venue v;
    int64_t venue_id = 0;
    char *data = NULL;
    size_t len = 0;
    bool too_many = false;
    if (venue_first(db, &venue_id) != DB_OK || venue_load(db, venue_id, &v) != DB_OK) {
        fprintf(stderr, "error: the database has no venue (run ktvoffice init first)\n");
        goto out;
    }
    struct bill_filter f;
    memset(&f, 0, sizeof f);
    f.from_day = from;
    f.to_day = to;
    f.status = status;
    enum db_status s =
        bill_export(db, &v, &f, format, strcmp(lang, "en") == 0, true, &data, &len, &too_many);
    if (too_many) {
        fprintf(stderr, "error: more than %d bills in that range: export a shorter one\n",
                BILL_EXPORT_MAX_ROWS);
        goto out;
    }
    if (s != DB_OK) {
        fprintf(stderr, "error: the export failed (%s)\n", db_errmsg(db));
        goto out;
    }
    FILE *o = fopen(output, "wb");
    if (!o || fwrite(data, 1, len, o) != len) {
        fprintf(stderr, "error: cannot write %s\n", output);
        if (o) fclose(o);
        goto out;
    }
    if (fclose(o) != 0) {
        fprintf(stderr, "error: cannot write %s\n", output);
        goto out;
    }
    printf("exported the bills of business days %s..%s to %s (%zu bytes)\n", from, to, output, len);
    rc = 0;
out:
    free(data);
    db_close(db);
    return rc;
}
