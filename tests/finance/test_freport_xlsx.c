/* test_freport_xlsx.c: the finance table's Excel workbook, opened by another program. The demo
 * venue's March 2025 (31 business days of bills, top-ups, shifts, petty cash and the month's
 * expense records, all posted to the books) is served by the real server; the workbook of
 * GET /api/v1/finance/reports/table?format=xlsx for that month is converted to CSV by
 * LibreOffice Calc (headless, every sheet) and its figures are read back as text: the summary
 * sheet's revenue, net revenue (income), other income, expenses and profit, the by-day sheet's
 * row of every day and its totals row, must equal the JSON report's *_fen to the fen.
 *
 * The workbook stores money as spreadsheet numbers (IEEE doubles by the file format) with the
 * format #,##0.00; what a person sees in Calc is that text, so it is the text that is checked,
 * read back into fen with integers only.
 *
 * LibreOffice is a dependency of the tests (`make deps` installs libreoffice-calc-nogui): when
 * soffice is missing this test fails, it does not skip. Each run uses a private HOME and user
 * profile (-env:UserInstallation) under its own temporary folder, so runs in parallel do not
 * share LibreOffice's lock or profile. */
#include "api_client.h"
#include "harness.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo/demo.h"

#define FROM "2025-03-01"
#define TO "2025-03-31"
#define DAYS 31
/* LibreOffice's first start builds its profile: slow under load, but bounded. */
#define SOFFICE_SECONDS 180

static struct server srv;
static struct client fin;
static char work[256];  /* this run's folder for the workbooks and LibreOffice */
static json_t *report;  /* the JSON finance table of the month */

/* The demo venue over March 2025, as test_records.c builds it (seed 7). */
static bool prepare_demo(const char *db_path)
{
    return run_cli(NULL, "demo", "--db", db_path, "--days", "31", "--end-date", TO, "--seed", "7",
                   NULL) == 0;
}

static int64_t jint(const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v)) {
        harness_fail(__FILE__, __LINE__, "no integer %s in the report", key);
        return INT64_MIN;
    }
    return (int64_t)json_integer_value(v);
}

/* ---------------------------------------------------------------- LibreOffice */

/* The path of soffice on PATH, or false. */
static bool find_soffice(char *out, size_t n)
{
    const char *path = getenv("PATH");
    char *copy = strdup(path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
    bool found = false;
    for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir && !found;
         dir = strtok_r(NULL, ":", &save)) {
        snprintf(out, n, "%s/soffice", *dir ? dir : ".");
        found = access(out, X_OK) == 0;
    }
    free(copy);
    return found;
}

/* Converts every sheet of xlsx into outdir/<name>-<sheet>.csv (UTF-8, comma, cells as shown).
 * Returns true when soffice exited 0 within SOFFICE_SECONDS; its output goes to log. */
static bool soffice_convert(const char *soffice, const char *xlsx, const char *outdir,
                            const char *log)
{
    char home[320], profile[340];
    snprintf(home, sizeof home, "%s/home", work);
    snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/profile", work);
    mkdir(home, 0700);
    /* Tokens: separator ',' (44), text in '"' (34), UTF-8 (76), from line 1, no column
     * formats, language default, quoted fields not forced text, detect special numbers, save
     * cell contents as shown (the #,##0.00 text), no formulas, no spaces trimmed, every sheet
     * (-1: one file per sheet, LibreOffice 7.2 and later). */
    const char *filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,"
                         "false,-1";
    pid_t pid = fork();
    if (pid < 0) return false;
    if (pid == 0) {
        FILE *f = freopen(log, "w", stdout);
        if (f) dup2(fileno(stdout), 2);
        setenv("HOME", home, 1);
        unsetenv("DISPLAY");
        execl(soffice, soffice, profile, "--headless", "--norestore", "--nologo", "--nolockcheck",
              "--convert-to", filter, "--outdir", outdir, xlsx, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    for (int i = 0; i < SOFFICE_SECONDS * 10; i++) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) return WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (r < 0 && errno != EINTR) return false;
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    harness_fail(__FILE__, __LINE__, "soffice did not finish within %d s", SOFFICE_SECONDS);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return false;
}

/* The file of outdir whose name ends with suffix (e.g. "-汇总.csv") into out. */
static bool find_sheet(const char *outdir, const char *suffix, char *out, size_t n)
{
    DIR *d = opendir(outdir);
    if (!d) return false;
    bool found = false;
    size_t ls = strlen(suffix);
    for (struct dirent *e; !found && (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (l > ls && strcmp(e->d_name + l - ls, suffix) == 0) {
            snprintf(out, n, "%s/%s", outdir, e->d_name);
            found = true;
        }
    }
    closedir(d);
    return found;
}

/* ---------------------------------------------------------------- CSV */

#define MAX_FIELDS 64
#define MAX_ROWS 200

struct sheet {
    char *text;                        /* the file, cut into fields in place */
    char *cell[MAX_ROWS][MAX_FIELDS];  /* NUL-terminated fields */
    int ncells[MAX_ROWS];
    int nrows;
};

/* Reads a CSV file as LibreOffice writes it (fields in "..." when they hold ',' or '"', a
 * doubled '"' inside). False when missing or larger than the sheet holds. */
static bool sheet_read(struct sheet *s, const char *path)
{
    memset(s, 0, sizeof *s);
    size_t len = 0;
    s->text = read_file(path, &len);
    if (!s->text) return false;
    char *p = s->text, *w;
    while (*p) {
        if (s->nrows >= MAX_ROWS) return false;
        int r = s->nrows++;
        for (;;) {
            if (s->ncells[r] >= MAX_FIELDS) return false;
            char *field = w = p;
            if (*p == '"') {
                p++;
                for (;;) {
                    if (!*p) break;
                    if (*p == '"' && p[1] == '"') *w++ = '"', p += 2;
                    else if (*p == '"') {
                        p++;
                        break;
                    } else *w++ = *p++;
                }
            }
            while (*p && *p != ',' && *p != '\n' && *p != '\r') *w++ = *p++;
            char end = *p;
            *w = 0;
            s->cell[r][s->ncells[r]++] = field;
            /* The delimiter may have been overwritten by the field's NUL: go by end. */
            if (end == ',') {
                p++;
                continue;
            }
            if (end == '\r') {
                p++;
                if (*p == '\n') p++;
            } else if (end == '\n') {
                p++;
            }
            break;
        }
    }
    return true;
}

static void sheet_free(struct sheet *s)
{
    free(s->text);
    s->text = NULL;
}

static const char *cell(const struct sheet *s, int r, int c)
{
    return r >= 0 && r < s->nrows && c >= 0 && c < s->ncells[r] ? s->cell[r][c] : NULL;
}

/* The row whose first cell is label, or -1. */
static int row_of(const struct sheet *s, const char *label)
{
    for (int r = 0; r < s->nrows; r++)
        if (s->ncells[r] > 0 && strcmp(s->cell[r][0], label) == 0) return r;
    return -1;
}

/* The column of row 0 titled title, or -1. */
static int col_of(const struct sheet *s, const char *title)
{
    for (int c = 0; s->nrows > 0 && c < s->ncells[0]; c++)
        if (strcmp(s->cell[0][c], title) == 0) return c;
    return -1;
}

/* Money as the format #,##0.00 shows it ("-1,234.50", "0.00") into fen, with integers only;
 * false for anything else (a float artefact such as "1234.5000001" or "1.2E+06" is refused). */
static bool money_text(const char *t, int64_t *fen)
{
    if (!t || !*t) return false;
    bool neg = *t == '-';
    if (neg) t++;
    int64_t yuan = 0;
    int digits = 0, group = -1; /* digits since the last ',' (-1: none seen) */
    for (; *t && *t != '.'; t++) {
        if (*t == ',') {
            if (digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3)) return false;
            group = 0;
            continue;
        }
        if (*t < '0' || *t > '9') return false;
        yuan = yuan * 10 + (*t - '0');
        digits++;
        if (group >= 0) group++;
        if (yuan > INT64_MAX / 1000) return false;
    }
    if (digits == 0 || (group >= 0 && group != 3)) return false;
    if (t[0] != '.' || t[1] < '0' || t[1] > '9' || t[2] < '0' || t[2] > '9' || t[3]) return false;
    int64_t v = yuan * 100 + (t[1] - '0') * 10 + (t[2] - '0');
    *fen = neg ? -v : v;
    return true;
}

/* Checks that the cell (r, c) of sheet what shows want fen. */
static void check_money(const struct sheet *s, int r, int c, int64_t want, const char *what)
{
    const char *t = cell(s, r, c);
    int64_t fen = 0;
    if (!money_text(t, &fen)) {
        harness_fail(__FILE__, __LINE__, "%s: cell \"%s\" is not money as #,##0.00", what,
                     t ? t : "(missing)");
        return;
    }
    if (fen != want)
        harness_fail(__FILE__, __LINE__, "%s: the sheet shows %s (%lld fen), the JSON %lld fen",
                     what, t, (long long)fen, (long long)want);
}

/* ---------------------------------------------------------------- the tests */

static char soffice[512];

/* The month has what the checks below need: income, expenses, other income, days. */
static void the_json_report(void)
{
    struct response r = client_get(&fin, "/api/v1/finance/reports/table?from=" FROM "&to=" TO
                                         "&group=day");
    CHECK_INT(r.status, 200);
    CHECK(r.json != NULL);
    if (r.status != 200 || !r.json) {
        response_free(&r);
        return;
    }
    report = json_incref(r.json);
    response_free(&r);
    json_t *t = json_object_get(report, "totals");
    CHECK_STR(json_string_value(json_object_get(report, "from")), FROM);
    CHECK_STR(json_string_value(json_object_get(report, "to")), TO);
    CHECK_INT(json_array_size(json_object_get(report, "periods")), DAYS);
    CHECK(jint(t, "revenue_fen") > 100000000);   /* above 1,000,000.00 */
    CHECK(jint(t, "contra_fen") > 0);
    CHECK(jint(t, "other_income_fen") > 0);      /* the cashiers' overs */
    CHECK(jint(t, "expense_fen") > 1000000);     /* rent, wages, utilities ... */
    CHECK_INT(jint(t, "net_revenue_fen"), jint(t, "revenue_fen") - jint(t, "contra_fen"));
    CHECK_INT(jint(t, "profit_fen"),
              jint(t, "net_revenue_fen") + jint(t, "other_income_fen") - jint(t, "expense_fen"));
    /* Some day made a loss (the rent day): the sheet must show a negative amount. */
    bool loss = false;
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(report, "periods"), i, p) if (jint(p, "profit_fen") < 0)
        loss = true;
    CHECK(loss);
}

/* Downloads the workbook (lang: NULL or "en") into work/name.xlsx and converts it into
 * work/name/. False (with the reason recorded) when any step fails. */
static bool workbook(const char *lang, const char *name, char *outdir, size_t n)
{
    char path[200], file[400], log[400];
    snprintf(path, sizeof path,
             "/api/v1/finance/reports/table?from=" FROM "&to=" TO "&group=day&format=xlsx%s%s",
             lang ? "&lang=" : "", lang ? lang : "");
    struct response r = client_get(&fin, path);
    CHECK_INT(r.status, 200);
    CHECK(strstr(r.content_type, "spreadsheetml") != NULL);
    CHECK(r.len > 4000);
    CHECK(r.len >= 2 && memcmp(r.body, "PK", 2) == 0);
    bool ok = r.status == 200 && r.len >= 2 && memcmp(r.body, "PK", 2) == 0;
    snprintf(file, sizeof file, "%s/%s.xlsx", work, name);
    FILE *f = ok ? fopen(file, "wb") : NULL;
    if (f) {
        ok = fwrite(r.body, 1, r.len, f) == r.len;
        ok = fclose(f) == 0 && ok;
    } else if (ok) {
        harness_fail(__FILE__, __LINE__, "cannot write %s", file);
        ok = false;
    }
    response_free(&r);
    if (!ok) return false;
    if (!soffice[0]) {
        harness_fail(__FILE__, __LINE__,
                     "soffice (LibreOffice) not found on PATH: `make deps` installs "
                     "libreoffice-calc-nogui, which this test needs");
        return false;
    }
    snprintf(outdir, n, "%s/%s", work, name);
    mkdir(outdir, 0700);
    snprintf(log, sizeof log, "%s/%s-soffice.log", work, name);
    if (!soffice_convert(soffice, file, outdir, log)) {
        char *text = read_file(log, NULL);
        harness_fail(__FILE__, __LINE__, "soffice could not convert %s: %s", file,
                     text ? text : "(no output)");
        free(text);
        return false;
    }
    return true;
}

/* The summary sheet (汇总) and the by-day sheet (按日) of the Chinese workbook, against the
 * JSON: income, expense and profit totals, and each day's figures. */
static void chinese_workbook(void)
{
    char outdir[300], path[600];
    if (!report || !workbook(NULL, "zh", outdir, sizeof outdir)) return;
    const json_t *t = json_object_get(report, "totals");

    struct sheet sum;
    if (!find_sheet(outdir, "-汇总.csv", path, sizeof path) || !sheet_read(&sum, path)) {
        harness_fail(__FILE__, __LINE__, "no summary sheet (汇总) in %s", outdir);
        return;
    }
    static const struct {
        const char *label, *key;
    } lines[] = {
        {"营业收入合计", "revenue_fen"},
        {"减：折扣、平台优惠与退款", "contra_fen"},
        {"营业收入净额", "net_revenue_fen"},
        {"其他收入合计", "other_income_fen"},
        {"成本费用合计", "expense_fen"},
        {"利润", "profit_fen"},
        {"期初资金", "cash_opening_fen"},
        {"资金流入", "cash_in_fen"},
        {"资金流出", "cash_out_fen"},
        {"期末资金", "cash_closing_fen"},
    };
    CHECK_STR(cell(&sum, 0, 2), "金额");
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        int r = row_of(&sum, lines[i].label);
        if (r < 0) {
            harness_fail(__FILE__, __LINE__, "summary sheet: no row %s", lines[i].label);
            continue;
        }
        check_money(&sum, r, 2, jint(t, lines[i].key), lines[i].label);
    }
    /* Each account line of the statement with its amount. */
    size_t i;
    json_t *l;
    int accounts = 0;
    json_array_foreach(json_object_get(report, "lines"), i, l)
    {
        const char *code = json_string_value(json_object_get(l, "code"));
        for (int r = 0; r < sum.nrows; r++)
            if (code && cell(&sum, r, 1) && strcmp(cell(&sum, r, 1), code) == 0) {
                check_money(&sum, r, 2, jint(l, "amount_fen"), code);
                accounts++;
            }
    }
    CHECK_INT(accounts, (long long)json_array_size(json_object_get(report, "lines")));
    sheet_free(&sum);

    struct sheet days;
    if (!find_sheet(outdir, "-按日.csv", path, sizeof path) || !sheet_read(&days, path)) {
        harness_fail(__FILE__, __LINE__, "no by-day sheet (按日) in %s", outdir);
        return;
    }
    static const struct {
        const char *title, *key;
    } cols[] = {
        {"营业收入合计", "revenue_fen"},   {"营业收入净额", "net_revenue_fen"},
        {"其他收入合计", "other_income_fen"}, {"成本费用合计", "expense_fen"},
        {"利润", "profit_fen"},           {"资金流入", "cash_in_fen"},
        {"资金流出", "cash_out_fen"},
    };
    /* The header, one row per day in order, and the totals row. */
    CHECK_INT(days.nrows, DAYS + 2);
    CHECK_STR(cell(&days, 0, 0), "营业日");
    int total = row_of(&days, "合计");
    CHECK_INT(total, DAYS + 1);
    if (days.nrows != DAYS + 2) {
        sheet_free(&days);
        return;
    }
    json_t *p;
    json_array_foreach(json_object_get(report, "periods"), i, p)
    {
        int r = (int)i + 1;
        CHECK_STR(cell(&days, r, 0), json_string_value(json_object_get(p, "period")));
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            int c = col_of(&days, cols[k].title);
            char what[80];
            snprintf(what, sizeof what, "%s %s", cell(&days, r, 0) ? cell(&days, r, 0) : "?",
                     cols[k].title);
            if (c < 0) harness_fail(__FILE__, __LINE__, "by-day sheet: no column %s", cols[k].title);
            else check_money(&days, r, c, jint(p, cols[k].key), what);
        }
    }
    for (size_t k = 0; total > 0 && k < sizeof cols / sizeof cols[0]; k++) {
        int c = col_of(&days, cols[k].title);
        char what[80];
        snprintf(what, sizeof what, "合计 %s", cols[k].title);
        if (c >= 0) check_money(&days, total, c, jint(t, cols[k].key), what);
    }
    sheet_free(&days);
}

/* The English workbook (lang=en) says the same in English. */
static void english_workbook(void)
{
    char outdir[300], path[600];
    if (!report || !workbook("en", "en", outdir, sizeof outdir)) return;
    const json_t *t = json_object_get(report, "totals");
    struct sheet sum;
    if (!find_sheet(outdir, "-Summary.csv", path, sizeof path) || !sheet_read(&sum, path)) {
        harness_fail(__FILE__, __LINE__, "no sheet Summary in %s", outdir);
        return;
    }
    CHECK_STR(cell(&sum, 0, 2), "Amount");
    static const struct {
        const char *label, *key;
    } lines[] = {
        {"Revenue", "revenue_fen"},
        {"Net revenue", "net_revenue_fen"},
        {"Other income", "other_income_fen"},
        {"Total expenses", "expense_fen"},
        {"Profit", "profit_fen"},
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        int r = row_of(&sum, lines[i].label);
        if (r < 0) harness_fail(__FILE__, __LINE__, "Summary: no row %s", lines[i].label);
        else check_money(&sum, r, 2, jint(t, lines[i].key), lines[i].label);
    }
    sheet_free(&sum);
}

/* The reader of the sheets refuses what is not #,##0.00 money (so a check cannot pass on a
 * misread cell). */
static void money_text_reads_only_money(void)
{
    int64_t f = 0;
    CHECK(money_text("0.00", &f) && f == 0);
    CHECK(money_text("336.00", &f) && f == 33600);
    CHECK(money_text("-32,520.94", &f) && f == -3252094);
    CHECK(money_text("2,248,670.02", &f) && f == 224867002);
    CHECK(!money_text("2248670.02", &f) || f == 224867002); /* no separators: still exact */
    CHECK(!money_text("2,24,8670.02", &f));
    CHECK(!money_text("1,2345.00", &f));
    CHECK(!money_text("12.5", &f));
    CHECK(!money_text("12.505", &f));
    CHECK(!money_text("1.2E+06", &f));
    CHECK(!money_text("", &f));
    CHECK(!money_text("-", &f));
    CHECK(!money_text(",100.00", &f));
}

static bool started;

static void the_demo_server_starts(void)
{
    started = server_start(&srv, prepare_demo);
    CHECK(started);
    if (!started) return;
    client_init(&fin, &srv);
    CHECK_INT(client_login(&fin, "finance", DEMO_DEFAULT_PASSWORD), 200);
}

static void the_server_stops_cleanly(void)
{
    json_decref(report);
    report = NULL;
    if (!started) return;
    client_free(&fin);
    CHECK_INT(server_stop(&srv), 0);
}

int main(void)
{
    RUN(money_text_reads_only_money);
    if (!find_soffice(soffice, sizeof soffice)) soffice[0] = 0;
    snprintf(work, sizeof work, "/tmp/ktv-freport-xlsx.XXXXXX");
    if (!mkdtemp(work)) {
        printf("finance/freport_xlsx: 0 passed, 1 failed\n");
        return 1;
    }
    RUN(the_demo_server_starts);
    if (started) {
        RUN(the_json_report);
        RUN(chinese_workbook);
        RUN(english_workbook);
    }
    RUN(the_server_stops_cleanly);
    if (!getenv("KTV_KEEP_TMP")) {
        char cmd[400];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", work);
        if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", work);
    }
    return harness_finish("finance/freport_xlsx");
}
