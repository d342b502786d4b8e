/* main.c: the ktvoffice command: one binary, a table of subcommands. */
#include "cli/cli.h"
#include "core/auth.h"
#include "core/log.h"
#include "core/version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"serve", cli_serve, "run the web server (API and web pages)"},
    {"init", cli_init, "create a database with a venue and its first admin"},
    {"demo", cli_demo, "create a demo venue with months of business"},
    {"import", cli_import, "import bills or products from CSV files"},
    {"report", cli_report, "print the takings or sales report"},
    {"export", cli_export, "export bills to CSV or Excel"},
    {"user", cli_user, "add, list, disable users or set a password"},
    {"backup", cli_backup, "copy the database safely while it is in use"},
    {"migrate", cli_migrate, "bring a database to this version's schema"},
};

static void usage(FILE *out)
{
    fprintf(out, "ktvoffice %s: the back office of karaoke venues (KTV 后台管理)\n\n"
                 "usage: ktvoffice COMMAND [OPTIONS]\n\ncommands:\n",
            KTV_VERSION);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nEach command takes --help. Quick start: ktvoffice demo --db ktv.db && "
                 "ktvoffice serve --db ktv.db\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("ktvoffice %s\n", KTV_VERSION);
        return 0;
    }
    if (!auth_init()) {
        fprintf(stderr, "error: libsodium could not start\n");
        return 1;
    }
    const char *lvl = getenv("KTV_LOG");
    if (lvl && strcmp(lvl, "debug") == 0) log_set_level(LOG_DEBUG);
    if (lvl && strcmp(lvl, "warn") == 0) log_set_level(LOG_WARN);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "error: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return 2;
}
