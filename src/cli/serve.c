/* cli/serve.c: ktvoffice serve: run the web server. */
#include "cli/cli.h"
#include "core/http.h"
#include "core/venue.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void serve_help(FILE *out)
{
    fprintf(out,
            "usage: ktvoffice serve --db PATH [--listen ADDR:PORT] [--web DIR] [--threads N]\n"
            "                       [--max-connections N] [--session-hours N] [--port-file F]\n\n"
            "Serves the API (/api/v1/...) and the web pages. Stops cleanly on SIGTERM or\n"
            "Ctrl-C, finishing requests in flight.\n\n"
            "  --db PATH             the database, made by init or demo (migrated if needed)\n"
            "  --listen ADDR:PORT    default 127.0.0.1:8080; port 0 picks a free port\n"
            "  --web DIR             folder of the web pages (default: web)\n"
            "  --npm DIR             folder holding node_modules (default: .)\n"
            "  --threads N           worker threads (default: 2 x CPUs, at least 4)\n"
            "  --max-connections N   open connections at most (default 512)\n"
            "  --session-hours N     how long a sign-in lasts (default 12)\n"
            "  --port-file F         write the bound port to F once listening\n");
}

int cli_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},          {"listen", required_argument, 0, 'l'},
        {"web", required_argument, 0, 'w'},         {"npm", required_argument, 0, 'n'},
        {"threads", required_argument, 0, 't'},     {"max-connections", required_argument, 0, 'm'},
        {"session-hours", required_argument, 0, 's'}, {"port-file", required_argument, 0, 'p'},
        {"help", no_argument, 0, 'h'},              {0, 0, 0, 0},
    };
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    struct server_config cfg = {
        .db_path = NULL, .web_root = "web", .npm_root = ".", .data_dir = "data",
        .threads = (unsigned)(ncpu > 2 ? ncpu * 2 : 4), .max_connections = 512,
        .session_hours = 12,
    };
    const char *listen = "127.0.0.1:8080", *port_file = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': cfg.db_path = optarg; break;
        case 'l': listen = optarg; break;
        case 'w': cfg.web_root = optarg; break;
        case 'n': cfg.npm_root = optarg; break;
        case 't': cfg.threads = (unsigned)atoi(optarg); break;
        case 'm': cfg.max_connections = (unsigned)atoi(optarg); break;
        case 's': cfg.session_hours = atoi(optarg); break;
        case 'p': port_file = optarg; break;
        case 'h': serve_help(stdout); return 0;
        default: serve_help(stderr); return 2;
        }
    }
    if (!cfg.db_path || cfg.threads < 1 || cfg.threads > 256 || cfg.max_connections < 4 ||
        cfg.session_hours < 1 || cfg.session_hours > 24 * 30) {
        serve_help(stderr);
        return 2;
    }
    /* Migrate once, before any worker opens its own connection. A missing file is refused
     * (a typo must not start an empty venue nobody can sign in to): init or demo make one. */
    struct db *db = cli_open_db(cfg.db_path, true);
    if (!db) return 1;
    int64_t venue_id = 0;
    if (venue_first(db, &venue_id) != DB_OK) {
        fprintf(stderr, "error: %s holds no venue; create one with ktvoffice init --db %s\n",
                cfg.db_path, cfg.db_path);
        db_close(db);
        return 1;
    }
    db_close(db);
    return http_serve(&cfg, listen, port_file);
}
