/* cli/common.c: helpers shared by the subcommands. */
#include "cli/cli.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/venue.h"
#include "finance/finance.h"

#include <jansson.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct db *cli_open_db(const char *path, bool must_exist)
{
    if (!path || !*path) {
        fprintf(stderr, "error: --db PATH is required\n");
        return NULL;
    }
    if (must_exist && access(path, F_OK) != 0) {
        fprintf(stderr, "error: no database at %s (create one with: ktvoffice init --db %s)\n",
                path, path);
        return NULL;
    }
    struct db *db = db_open(path);
    if (!db) {
        fprintf(stderr, "error: cannot open database %s\n", path);
        return NULL;
    }
    enum db_status s = db_migrate(db);
    if (s != DB_OK) {
        fprintf(stderr, "error: cannot bring database %s to this version's schema%s\n", path,
                s == DB_INVALID ? " (the database is newer than this program)" : "");
        db_close(db);
        return NULL;
    }
    /* The books: every venue has its chart of accounts, and every money event written before
     * the books existed (or by the demo generator) is posted once, oldest first. */
    int64_t posted = 0;
    s = finance_ensure(db, &posted);
    if (s != DB_OK) {
        fprintf(stderr, "error: cannot bring the books of %s up to date\n", path);
        db_close(db);
        return NULL;
    }
    if (posted > 0) fprintf(stderr, "books: %lld earlier money events posted\n", (long long)posted);
    return db;
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) return true;
    return false;
}

int init_venue(const char *path, const char *name, const char *timezone, int cutoff_minutes,
               const char *admin, const char *password, bool show_password)
{
    struct db *db = cli_open_db(path, false);
    if (!db) return 1;
    int64_t existing = 0, venue_id = 0, user_id = 0;
    int rc = 1;
    if (venue_first(db, &existing) == DB_OK) {
        fprintf(stderr, "error: %s already holds a venue; init creates new databases only\n",
                path);
        goto out;
    }
    enum db_status s = db_begin_write(db);
    if (s == DB_OK) s = venue_insert(db, name, timezone, cutoff_minutes, &venue_id);
    if (s == DB_OK) s = auth_user_insert(db, venue_id, admin, "管理员", "admin", password, &user_id);
    if (s == DB_OK) s = finance_seed_accounts(db, venue_id);
    struct actor a = actor_cli(venue_id);
    if (s == DB_OK) {
        json_t *after = json_pack("{s:s,s:s,s:i}", "name", name, "timezone", timezone,
                                  "cutoff_minutes", cutoff_minutes);
        s = audit_record(db, &a, "create", "venue", "", NULL, after);
        json_decref(after);
    }
    if (s == DB_OK) {
        json_t *after = json_pack("{s:s,s:s}", "username", admin, "role", "admin");
        s = audit_record(db, &a, "create", "user", "", NULL, after);
        json_decref(after);
    }
    if (s == DB_OK) s = db_commit(db);
    if (s != DB_OK) {
        db_rollback(db);
        fprintf(stderr, "error: could not create the venue (%s)\n", db_errmsg(db));
        goto out;
    }
    printf("created venue \"%s\" (time zone %s, business day from %02d:%02d) in %s\n", name,
           timezone, cutoff_minutes / 60, cutoff_minutes % 60, path);
    if (show_password)
        printf("admin login: %s / %s   (shown once: write it down, then change it)\n", admin,
               password);
    else
        printf("admin login: %s (password as given)\n", admin);
    rc = 0;
out:
    db_close(db);
    return rc;
}
