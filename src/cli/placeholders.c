/* TEMPORARY during the first session's build-out; replaced by the areas' own commands. */
#include "cli/cli.h"
#include <stdio.h>
int cli_import(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "import: not built yet\n"); return 1; }
int cli_report(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "report: not built yet\n"); return 1; }
int cli_demo(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "demo: not built yet\n"); return 1; }
int cli_export(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "export: not built yet\n"); return 1; }
