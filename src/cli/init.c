/* cli/init.c: ktvoffice init: create a database, its venue and the first admin. */
#include "cli/cli.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/bizday.h"
#include "core/venue.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static void init_help(FILE *out)
{
    fprintf(out,
            "usage: ktvoffice init --db PATH [--venue NAME] [--timezone TZ] [--cutoff HH:MM]\n"
            "                      [--admin USERNAME] [--password PW]\n\n"
            "Creates the database with one venue and its first admin. Without --password a\n"
            "password is generated and printed once.\n\n"
            "  --venue NAME      the venue's name (default 我的KTV)\n"
            "  --timezone TZ     IANA zone (default Asia/Shanghai)\n"
            "  --cutoff HH:MM    business-day cut-off (default 06:00)\n"
            "  --admin NAME      admin username (default admin)\n"
            "  --password PW     admin password (8 to 72 characters)\n");
}

int cli_init(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},      {"venue", required_argument, 0, 'v'},
        {"timezone", required_argument, 0, 't'}, {"cutoff", required_argument, 0, 'c'},
        {"admin", required_argument, 0, 'a'},   {"password", required_argument, 0, 'p'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0},
    };
    const char *path = NULL, *name = "我的KTV", *tzname = "Asia/Shanghai", *cutoff = "06:00",
               *admin = "admin", *password = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': path = optarg; break;
        case 'v': name = optarg; break;
        case 't': tzname = optarg; break;
        case 'c': cutoff = optarg; break;
        case 'a': admin = optarg; break;
        case 'p': password = optarg; break;
        case 'h': init_help(stdout); return 0;
        default: init_help(stderr); return 2;
        }
    }
    if (!path) {
        init_help(stderr);
        return 2;
    }
    int cutoff_minutes;
    if (!hhmm_parse(cutoff, &cutoff_minutes)) {
        fprintf(stderr, "error: --cutoff must be HH:MM, e.g. 06:00\n");
        return 2;
    }
    if (!tz_valid(tzname)) {
        fprintf(stderr, "error: unknown time zone %s (e.g. Asia/Shanghai)\n", tzname);
        return 2;
    }
    char generated[15];
    if (!password) {
        auth_random_password(generated);
        password = generated;
    }
    const char *problem = auth_password_problem(password, true);
    if (problem) {
        fprintf(stderr, "error: %s\n", problem);
        return 2;
    }
    return init_venue(path, name, tzname, cutoff_minutes, admin, password,
                      password == generated);
}
