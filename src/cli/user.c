/* cli/user.c: ktvoffice user add|passwd|disable|enable|list. */
#include "cli/cli.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/http.h"
#include "core/venue.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void user_help(FILE *out)
{
    fprintf(out,
            "usage: ktvoffice user list    --db PATH\n"
            "       ktvoffice user add     --db PATH USERNAME --role ROLE [--name NAME] [--password PW]\n"
            "       ktvoffice user passwd  --db PATH USERNAME [--password PW]\n"
            "       ktvoffice user disable --db PATH USERNAME\n"
            "       ktvoffice user enable  --db PATH USERNAME\n\n"
            "Roles: admin manager finance cashier warehouse hr technician marketing staff.\n"
            "Without --password a password is generated and printed once. Changing a password\n"
            "or disabling a user ends that user's sessions.\n");
}

static int user_list(struct db *db)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT username, display_name, role, active FROM users "
                                   "ORDER BY active DESC, role, username");
    bool row;
    printf("%-20s %-10s %-8s %s\n", "username", "role", "active", "name");
    while (st && db_step(st, &row) == DB_OK && row)
        printf("%-20s %-10s %-8s %s\n", db_col_text(st, 0), db_col_text(st, 2),
               sqlite3_column_int(st, 3) ? "yes" : "no", db_col_text(st, 1));
    if (st) sqlite3_reset(st);
    return 0;
}

int cli_user(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},   {"role", required_argument, 0, 'r'},
        {"name", required_argument, 0, 'n'}, {"password", required_argument, 0, 'p'},
        {"help", no_argument, 0, 'h'},       {0, 0, 0, 0},
    };
    if (argc < 2 || cli_wants_help(argc, argv)) {
        user_help(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *verb = argv[1];
    const char *path = NULL, *role = NULL, *name = "", *password = NULL;
    int c;
    optind = 2;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': path = optarg; break;
        case 'r': role = optarg; break;
        case 'n': name = optarg; break;
        case 'p': password = optarg; break;
        default: user_help(stderr); return 2;
        }
    }
    const char *username = optind < argc ? argv[optind] : NULL;
    bool is_list = strcmp(verb, "list") == 0;
    if (!path || (!is_list && !username)) {
        user_help(stderr);
        return 2;
    }
    bool add = strcmp(verb, "add") == 0, passwd = strcmp(verb, "passwd") == 0;
    bool disable = strcmp(verb, "disable") == 0, enable = strcmp(verb, "enable") == 0;
    if (!is_list && !add && !passwd && !disable && !enable) {
        fprintf(stderr, "error: unknown verb '%s'\n", verb);
        user_help(stderr);
        return 2;
    }
    if (add && (!role || !auth_role_valid(role))) {
        fprintf(stderr, "error: --role must be one of admin manager finance cashier warehouse "
                        "hr technician marketing staff\n");
        return 2;
    }
    char generated[15];
    if ((add || passwd) && !password) {
        auth_random_password(generated);
        password = generated;
    }
    if (password) {
        const char *problem = auth_password_problem(password, true);
        if (problem) {
            fprintf(stderr, "error: %s\n", problem);
            return 2;
        }
    }
    struct db *db = cli_open_db(path, true);
    if (!db) return 1;
    int rc = 1;
    if (is_list) {
        rc = user_list(db);
        goto out;
    }
    int64_t venue_id = 0, user_id = 0;
    if (venue_first(db, &venue_id) != DB_OK) {
        fprintf(stderr, "error: the database has no venue (run ktvoffice init first)\n");
        goto out;
    }
    struct actor a = actor_cli(venue_id);
    enum db_status s = db_begin_write(db);
    if (s == DB_OK && !add) {
        s = db_int(db, &user_id, "SELECT id FROM users WHERE username = $1", "t", username);
        if (s == DB_NOT_FOUND) {
            fprintf(stderr, "error: no user named %s\n", username);
            goto out;
        }
    }
    if (s == DB_OK && add) {
        s = auth_user_insert(db, venue_id, username, name, role, password, &user_id);
        if (s == DB_CONFLICT) {
            fprintf(stderr, "error: the username %s is taken\n", username);
            goto out;
        }
    } else if (s == DB_OK && passwd) {
        char hash[128];
        s = auth_hash_password(password, hash) ? DB_OK : DB_ERROR;
        if (s == DB_OK)
            s = db_exec(db, "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3",
                        "tii", hash, now_epoch(), user_id);
    } else if (s == DB_OK) {
        s = db_exec(db, "UPDATE users SET active = $1, updated_at = $2 WHERE id = $3", "Iii",
                    enable ? 1 : 0, now_epoch(), user_id);
    }
    if (s == DB_OK && (passwd || disable))
        s = db_exec(db, "DELETE FROM sessions WHERE user_id = $1", "i", user_id);
    if (s == DB_OK) {
        json_t *after = json_pack("{s:s,s:s}", "username", username, "change", verb);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)user_id);
        s = audit_record(db, &a, add ? "create" : "update", "user", sid, NULL, after);
        json_decref(after);
    }
    if (s == DB_OK) s = db_commit(db);
    if (s != DB_OK) {
        db_rollback(db);
        fprintf(stderr, "error: could not %s user %s: %s\n", verb, username, db_errmsg(db));
        goto out;
    }
    if (password == generated)
        printf("%s: %s / %s   (shown once)\n", verb, username, password);
    else
        printf("%s: %s done\n", verb, username);
    rc = 0;
out:
    db_rollback(db);
    db_close(db);
    return rc;
}
