/* cli/cli.h: the subcommands of the ktvoffice binary. Each takes argc/argv (argv[0] is the
 * subcommand's name), prints its own --help, and returns the process exit code:
 * 0 ok, 1 failed, 2 wrong usage. */
#ifndef KTV_CLI_H
#define KTV_CLI_H

#include <stdbool.h>

#include "core/db.h"

int cli_serve(int argc, char **argv);
int cli_init(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_backup(int argc, char **argv);
int cli_migrate(int argc, char **argv);
int cli_import(int argc, char **argv);
int cli_report(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_export(int argc, char **argv);

/* Opens the database at path and applies migrations; prints why on failure. If must_exist,
 * a missing file is an error (so a typo does not create an empty database). */
struct db *cli_open_db(const char *path, bool must_exist);

/* Creates the database at path (refusing one that already has a venue) with a venue and its
 * first admin, audited as the command line. Prints the login; prints the password too when
 * show_password. Returns an exit code; *venue_id (if not NULL) gets the new venue's id. */
int init_venue(const char *path, const char *name, const char *timezone, int cutoff_minutes,
               const char *admin, const char *password, bool show_password);

/* True if argv holds -h or --help. */
bool cli_wants_help(int argc, char **argv);

#endif
