/* cli/backup.c: ktvoffice backup and ktvoffice migrate. */
#include "cli/cli.h"

#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void backup_help(FILE *out)
{
    fprintf(out, "usage: ktvoffice backup --db PATH -o FILE\n\n"
                 "Copies the database with SQLite's online backup while the server keeps\n"
                 "running; FILE is a complete database that `serve --db FILE` can open. An\n"
                 "existing FILE is refused (no overwrite by mistake).\n");
}

int cli_backup(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'}, {"output", required_argument, 0, 'o'},
        {"help", no_argument, 0, 'h'},     {0, 0, 0, 0},
    };
    const char *path = NULL, *out_path = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'd': path = optarg; break;
        case 'o': out_path = optarg; break;
        case 'h': backup_help(stdout); return 0;
        default: backup_help(stderr); return 2;
        }
    }
    if (!path || !out_path) {
        backup_help(stderr);
        return 2;
    }
    if (access(out_path, F_OK) == 0) {
        fprintf(stderr, "error: %s exists; choose a new file name\n", out_path);
        return 1;
    }
    struct db *db = cli_open_db(path, true);
    if (!db) return 1;
    sqlite3 *dst = NULL;
    int rc = sqlite3_open(out_path, &dst);
    sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(dst, "main", db_handle(db), "main")
                                        : NULL;
    if (b) {
        /* Copy in steps of 1024 pages, so writers are only briefly held up. */
        do {
            rc = sqlite3_backup_step(b, 1024);
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        sqlite3_backup_finish(b);
    }
    int ok = b && rc == SQLITE_DONE && sqlite3_errcode(dst) == SQLITE_OK;
    if (!ok) fprintf(stderr, "error: backup failed: %s\n", dst ? sqlite3_errmsg(dst) : "?");
    sqlite3_close(dst);
    db_close(db);
    if (!ok) {
        unlink(out_path);
        return 1;
    }
    printf("backup written to %s\n", out_path);
    return 0;
}

int cli_migrate(int argc, char **argv)
{
    if (cli_wants_help(argc, argv) || argc != 3 || strcmp(argv[1], "--db") != 0) {
        printf("usage: ktvoffice migrate --db PATH\n\nApplies the schema migrations this "
               "version knows to an existing database (serve does this too at start).\n");
        return cli_wants_help(argc, argv) ? 0 : 2;
    }
    struct db *db = cli_open_db(argv[2], true);
    if (!db) return 1;
    printf("%s is at schema version %d\n", argv[2], db_schema_version(db));
    db_close(db);
    return 0;
}
