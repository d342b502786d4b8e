/* cli/import.c: ktvoffice import bills|products|rooms: the same imports as the API's uploads,
 * from files on disk, with a summary on stdout and progress on stderr. */
#include "cli/cli.h"
#include "core/audit.h"
#include "core/json.h"
#include "core/money.h"
#include "core/venue.h"
#include "master/import.h"
#include "sales/importer.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Errors and warnings printed on the terminal; the rest are counted (and in --rejects). */
#define CLI_MAX_LISTED 50

static void import_help(FILE *out)
{
    fprintf(
        out,
        "usage: ktvoffice import bills    --db PATH [--skip-invalid] [--rejects FILE] "
        "[--dry-run] [--lang zh|en] DIR|FILES...\n"
        "       ktvoffice import products --db PATH [--lang zh|en] FILE.csv\n"
        "       ktvoffice import rooms    --db PATH [--lang zh|en] FILE.csv\n\n"
        "bills: imports bills in format v1 (see README): DIR holds bills.csv, bill_lines.csv\n"
        "and bill_payments.csv, or give the three files (told apart by name, else in that\n"
        "order). UTF-8, UTF-8 with BOM and GBK are detected. All or nothing by default: one\n"
        "bad row and nothing is imported, every error is listed.\n"
        "  --skip-invalid   import the valid bills; a bill with any bad row is rejected\n"
        "                   with all its lines and payments\n"
        "  --rejects FILE   write the rejected rows with their reasons to FILE (CSV)\n"
        "  --dry-run        check and report, write nothing\n"
        "  --lang zh|en     language of the reasons (default zh)\n"
        "Bills already in the database (same bill_no) are counted as duplicates and left\n"
        "alone, so importing the same files twice adds nothing. Rooms, room types, products\n"
        "and packages the bills name but the database lacks are created inactive.\n\n"
        "products: columns code,name,category,unit,price,active (or 编码,商品,类别,单位,单价,\n"
        "启用); name and price required; upsert by code, or by name without a code.\n"
        "rooms: columns room_no,name,room_type[,active] (or 房号,名称,房型); upsert by room_no.\n\n"
        "Exit status: 0 imported (or checked, with --dry-run), 1 refused or failed, 2 usage.\n");
}

/* Reads a whole file; NULL (with a message) if it cannot. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "error: cannot open %s\n", path);
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fprintf(stderr, "error: %s is not a regular file\n", path);
        fclose(f);
        return NULL;
    }
    size_t n = (size_t)st.st_size;
    char *p = malloc(n ? n : 1);
    if (p && n && fread(p, 1, n, f) != n) {
        free(p);
        p = NULL;
    }
    fclose(f);
    if (!p) fprintf(stderr, "error: cannot read %s\n", path);
    *len = n;
    return p;
}

static void progress(void *ctx, const char *what, uint64_t rows)
{
    (void)ctx;
    fprintf(stderr, "import: %s: %llu rows\n", what, (unsigned long long)rows);
}

static void print_list(const char *label, json_t *list)
{
    if (!json_array_size(list)) return;
    printf("  %-16s", label);
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) printf("%s%s", i ? ", " : "", json_string_value(v));
    printf("\n");
}

static void print_issues(const char *what, json_t *list, json_int_t total)
{
    if (!total) return;
    printf("%s (%lld):\n", what, (long long)total);
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e)
    {
        if (i >= CLI_MAX_LISTED) break;
        const char *col = json_string_value(json_object_get(e, "column"));
        printf("  %s row %lld%s%s: %s\n", json_string_value(json_object_get(e, "file")),
               (long long)json_integer_value(json_object_get(e, "row")), col && *col ? ", " : "",
               col ? col : "", json_string_value(json_object_get(e, "reason")));
    }
    if (total > CLI_MAX_LISTED)
        printf("  ... and %lld more\n", (long long)(total - CLI_MAX_LISTED));
}

static json_int_t jint(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* Which of the three files a path is, from its name; -1 if the name does not tell. */
static int file_kind(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strstr(base, "line")) return IMPORT_LINES;
    if (strstr(base, "pay")) return IMPORT_PAYMENTS;
    if (strstr(base, "bill")) return IMPORT_BILLS;
    return -1;
}

static int import_bills_cmd(struct db *db, const struct venue *v, char **paths, int npaths,
                            const struct import_options *o, const char *rejects)
{
    char joined[IMPORT_NFILES][1024];
    if (npaths == 1) {
        struct stat st;
        if (stat(paths[0], &st) != 0 || !S_ISDIR(st.st_mode)) {
            fprintf(stderr, "error: %s is not a folder; give a folder or the three files\n",
                    paths[0]);
            return 2;
        }
        for (int f = 0; f < IMPORT_NFILES; f++)
            snprintf(joined[f], sizeof joined[f], "%s/%s", paths[0], import_file_names[f]);
    } else if (npaths == IMPORT_NFILES) {
        int kinds[IMPORT_NFILES], seen = 0;
        for (int i = 0; i < IMPORT_NFILES; i++) {
            kinds[i] = file_kind(paths[i]);
            if (kinds[i] >= 0) seen |= 1 << kinds[i];
        }
        bool by_name = seen == 7;
        for (int i = 0; i < IMPORT_NFILES; i++)
            snprintf(joined[by_name ? kinds[i] : i], sizeof joined[0], "%s", paths[i]);
    } else {
        fprintf(stderr, "error: give a folder or the three files (bills, lines, payments)\n");
        return 2;
    }
    char *data[IMPORT_NFILES] = {0};
    size_t len[IMPORT_NFILES] = {0};
    int rc = 1;
    for (int f = 0; f < IMPORT_NFILES; f++) {
        data[f] = slurp(joined[f], &len[f]);
        if (!data[f]) goto out;
    }
    char files[3200];
    snprintf(files, sizeof files, "%s, %s, %s", joined[0], joined[1], joined[2]);
    struct import_options opts = *o;
    opts.files = files;
    opts.progress = progress;
    struct actor a = actor_cli(v->id);
    struct import_outcome r = import_bills(db, v, &a, (const char *const *)data, len, &opts);
    if (!r.report) {
        fprintf(stderr, "error: out of memory\n");
        goto out;
    }
    json_t *rep = r.report, *enc = json_object_get(rep, "encodings");
    printf("import of %s (%s, %s, %s)%s\n", files,
           json_string_value(json_object_get(enc, import_file_names[0])),
           json_string_value(json_object_get(enc, import_file_names[1])),
           json_string_value(json_object_get(enc, import_file_names[2])),
           o->dry_run ? " -- dry run" : "");
    char money[40];
    printf("  rows read     %lld\n", (long long)jint(rep, "rows_read"));
    printf("  %-13s %lld bills (%lld settled, %lld voided), settled total %s\n",
           o->dry_run ? "would import" : "imported", (long long)jint(rep, "imported"),
           (long long)jint(rep, "settled"), (long long)jint(rep, "voided"),
           money_format_grouped(jint(rep, "settled_total_fen"), money));
    printf("  duplicates    %lld (already in the database, left alone)\n",
           (long long)jint(rep, "duplicates"));
    printf("  rejected      %lld bills (%lld rows)\n", (long long)jint(rep, "rejected_count"),
           (long long)jint(rep, "rejected_rows"));
    json_t *created = json_object_get(rep, "created");
    print_list("new rooms", json_object_get(created, "rooms"));
    print_list("new room types", json_object_get(created, "room_types"));
    print_list("new products", json_object_get(created, "products"));
    print_list("new packages", json_object_get(created, "packages"));
    print_issues("errors", json_object_get(rep, "errors"), jint(rep, "errors_total"));
    print_issues("warnings", json_object_get(rep, "warnings"), jint(rep, "warnings_total"));
    if (rejects) {
        FILE *f = fopen(rejects, "wb");
        static const char empty[] = "\xEF\xBB\xBF"
                                    "file,row,bill_no,reason,original\r\n";
        if (!f || fwrite(r.rejects_csv ? r.rejects_csv : empty, 1,
                         r.rejects_csv ? r.rejects_len : sizeof empty - 1, f) == 0) {
            fprintf(stderr, "error: cannot write %s\n", rejects);
        } else {
            printf("rejected rows written to %s\n", rejects);
        }
        if (f) fclose(f);
    }
    if (r.status != DB_OK) {
        fprintf(stderr, "error: the database refused the import (%s); nothing was imported\n",
                r.status == DB_RETRY ? "busy: try again" : db_errmsg(db));
    } else if (r.refused) {
        printf("REFUSED: nothing was imported (%lld errors). Fix them, or use --skip-invalid to "
               "import the valid bills.\n",
               (long long)jint(rep, "errors_total"));
    } else if (o->dry_run) {
        printf("dry run: nothing was written\n");
        rc = 0;
    } else {
        printf("committed as import batch %lld\n", (long long)r.batch_id);
        rc = 0;
    }
    import_outcome_free(&r);
out:
    for (int f = 0; f < IMPORT_NFILES; f++)
        free(data[f]);
    return rc;
}

static int import_master_cmd(struct db *db, int64_t venue_id, const char *path, bool products,
                             bool english)
{
    size_t len = 0;
    char *data = slurp(path, &len);
    if (!data) return 1;
    struct actor a = actor_cli(venue_id);
    enum db_status s;
    json_t *rep = products ? master_import_products(db, venue_id, &a, path, data, len, english, &s)
                           : master_import_rooms(db, venue_id, &a, path, data, len, english, &s);
    free(data);
    if (!rep) {
        fprintf(stderr, "error: out of memory\n");
        return 1;
    }
    printf("import of %s (%s)\n", path, json_string_value(json_object_get(rep, "encoding")));
    printf("  rows read  %lld\n  created    %lld\n  updated    %lld\n  unchanged  %lld\n",
           (long long)jint(rep, "rows_read"), (long long)jint(rep, "created"),
           (long long)jint(rep, "updated"), (long long)jint(rep, "unchanged"));
    print_list("new room types", json_object_get(rep, "created_room_types"));
    json_t *errors = json_object_get(rep, "errors");
    print_issues("errors", errors, (json_int_t)json_array_size(errors));
    int rc = 1;
    if (s == DB_INVALID)
        printf("REFUSED: nothing was imported (%zu errors)\n", json_array_size(errors));
    else if (s != DB_OK)
        fprintf(stderr, "error: the database refused the import (%s); nothing was imported\n",
                db_errmsg(db));
    else {
        printf("committed as import batch %lld\n", (long long)jint(rep, "batch_id"));
        rc = 0;
    }
    json_decref(rep);
    return rc;
}

int cli_import(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},
        {"skip-invalid", no_argument, 0, 's'},
        {"rejects", required_argument, 0, 'r'},
        {"dry-run", no_argument, 0, 'n'},
        {"lang", required_argument, 0, 'l'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    if (argc < 2 || cli_wants_help(argc, argv)) {
        import_help(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *what = argv[1];
    bool bills = strcmp(what, "bills") == 0, products = strcmp(what, "products") == 0,
         rooms = strcmp(what, "rooms") == 0;
    if (!bills && !products && !rooms) {
        fprintf(stderr, "error: import what? bills, products or rooms (not '%s')\n", what);
        import_help(stderr);
        return 2;
    }
    const char *path = NULL, *rejects = NULL, *lang = "zh";
    struct import_options o;
    memset(&o, 0, sizeof o);
    int c;
    optind = 2;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            path = optarg;
            break;
        case 's':
            o.skip_invalid = true;
            break;
        case 'r':
            rejects = optarg;
            break;
        case 'n':
            o.dry_run = true;
            break;
        case 'l':
            lang = optarg;
            break;
        default:
            import_help(stderr);
            return 2;
        }
    }
    if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
        fprintf(stderr, "error: --lang must be zh or en\n");
        return 2;
    }
    o.english = strcmp(lang, "en") == 0;
    int nfiles = argc - optind;
    if (!path || nfiles < 1 || (!bills && nfiles != 1) ||
        (!bills && (o.skip_invalid || o.dry_run || rejects))) {
        import_help(stderr);
        return 2;
    }
    struct db *db = cli_open_db(path, true);
    if (!db) return 1;
    int rc = 1;
    struct venue v;
    int64_t venue_id = 0;
    if (venue_first(db, &venue_id) != DB_OK || venue_load(db, venue_id, &v) != DB_OK) {
        fprintf(stderr, "error: the database has no venue (run ktvoffice init first)\n");
        goto out;
    }
    if (bills)
        rc = import_bills_cmd(db, &v, argv + optind, nfiles, &o, rejects);
    else
        rc = import_master_cmd(db, venue_id, argv[optind], products, o.english);
out:
    db_close(db);
    return rc;
}
