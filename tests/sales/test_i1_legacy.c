/* test_i1_legacy.c: case I1 (../shared/cases/money-path.md) end to end: the real legacy KTV's
 * files from $KTV_SHARED/data/ktv-legacy, imported through the CLI and through the API upload,
 * give exactly the case's figures; atomic by default; re-importing adds nothing. */
#include "harness.h"
#include "upload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[512];

/* The figures of I1 in the database at path (fen). */
static void check_i1_figures(const char *db)
{
    CHECK_INT(sql_int(db, "SELECT count(*) FROM bills"), 210);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM bills WHERE status = 'settled'"), 203);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM bills WHERE status = 'voided'"), 7);
    CHECK_INT(sql_int(db, "SELECT sum(total_fen) FROM bills WHERE status = 'settled'"), 6335800);
    CHECK_INT(sql_int(db, "SELECT sum(gross_fen) FROM bills WHERE status = 'settled'"), 6895500);
    CHECK_INT(sql_int(db, "SELECT sum(discount_fen) FROM bills WHERE status = 'settled'"), 559700);
    static const char pay_sql[] = "SELECT sum(p.amount_fen) FROM bill_payments p JOIN bills b ON "
                                  "b.id = p.bill_id WHERE b.status = 'settled' AND p.method = ";
    char sql[300];
    snprintf(sql, sizeof sql, "%s'cash'", pay_sql);
    CHECK_INT(sql_int(db, sql), 2858200);
    snprintf(sql, sizeof sql, "%s'wechat'", pay_sql);
    CHECK_INT(sql_int(db, sql), 2770800);
    snprintf(sql, sizeof sql, "%s'alipay'", pay_sql);
    CHECK_INT(sql_int(db, sql), 706800);
    /* Business days, never calendar days. */
    CHECK_INT(sql_int(db, "SELECT count(*) FROM bills WHERE status = 'settled' AND "
                          "business_day = '2019-02-05'"),
              14);
    CHECK_INT(sql_int(db, "SELECT sum(total_fen) FROM bills WHERE status = 'settled' AND "
                          "business_day = '2019-02-05'"),
              617400);
    CHECK_INT(sql_int(db, "SELECT sum(total_fen) FROM bills WHERE status = 'settled' AND "
                          "date(closed_at + 8 * 3600, 'unixepoch') = '2019-02-05'"),
              380600);
    CHECK_INT(sql_int(db, "SELECT sum(total_fen) FROM bills WHERE status = 'settled' AND "
                          "business_day = '2019-02-06'"),
              665500);
    CHECK_INT(sql_int(db, "SELECT sum(total_fen) FROM bills WHERE status = 'settled' AND "
                          "business_day BETWEEN '2019-01-01' AND '2019-01-31'"),
              938400);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM bills WHERE status = 'settled' AND "
                          "date(closed_at + 8 * 3600, 'unixepoch') <> "
                          "date(opened_at + 8 * 3600, 'unixepoch')"),
              18);
    static const char goods_sql[] = "SELECT sum(l.qty) FROM bill_lines l JOIN bills b ON b.id = "
                                    "l.bill_id WHERE b.status = 'settled' AND l.kind = 'goods' "
                                    "AND l.item = ";
    snprintf(sql, sizeof sql, "%s'七堡1516啤酒'", goods_sql);
    CHECK_INT(sql_int(db, sql), 1113);
    snprintf(sql, sizeof sql, "%s'雪花啤酒'", goods_sql);
    CHECK_INT(sql_int(db, sql), 446);
    /* Every goods line is linked to a product, every package line to a package. */
    CHECK_INT(sql_int(db, "SELECT count(*) FROM bill_lines WHERE kind = 'goods' AND product_id "
                          "IS NULL"),
              0);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM bill_lines WHERE kind = 'package' AND "
                          "package_id IS NULL"),
              0);
}

static bool init_db(const char *path)
{
    return run_cli(NULL, "init", "--db", path, "--venue", "七堡KTV", "--password",
                   TEST_ADMIN_PASSWORD, NULL) == 0;
}

/* Counts the lines of text holding needle. */
static int count_lines(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

static void i1_through_the_cli(void)
{
    char tmp[] = "/tmp/ktvi1.XXXXXX", db[300], rejects[300];
    CHECK(mkdtemp(tmp) != NULL);
    snprintf(db, sizeof db, "%s/ktv.db", tmp);
    snprintf(rejects, sizeof rejects, "%s/rejects.csv", tmp);
    CHECK(init_db(db));

    /* Atomic by default: nothing imported, the 6 errors listed with row and reason. */
    char *out = NULL;
    CHECK_INT(run_cli(&out, "import", "bills", "--db", db, dir, NULL), 1);
    CHECK(strstr(out, "REFUSED") != NULL);
    CHECK(strstr(out, "errors (6):") != NULL);
    CHECK_INT(count_lines(out, ", total: 实收金额为空"), 6);
    CHECK(strstr(out, "bills.csv row 13, total: 实收金额为空") != NULL);
    CHECK(strstr(out, "bills.csv row 91, total:") != NULL);
    free(out);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM bills"), 0);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM rooms"), 0);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM import_batches"), 0);

    /* Dry run: the report of the real import, nothing written. */
    CHECK_INT(
        run_cli(&out, "import", "bills", "--db", db, "--skip-invalid", "--dry-run", dir, NULL), 0);
    CHECK(strstr(out, "would import  210 bills (203 settled, 7 voided)") != NULL);
    free(out);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM bills"), 0);

    /* With --skip-invalid: 210 imported, 6 rejected with their rows in the rejects file. */
    char bills[600], lines[600], pays[600];
    snprintf(bills, sizeof bills, "%s/bills.csv", dir);
    snprintf(lines, sizeof lines, "%s/bill_lines.csv", dir);
    snprintf(pays, sizeof pays, "%s/bill_payments.csv", dir);
    /* The three files given one by one, in another order: told apart by their names. */
    CHECK_INT(run_cli(&out, "import", "bills", "--db", db, "--skip-invalid", "--rejects", rejects,
                      pays, bills, lines, NULL),
              0);
    CHECK(strstr(out, "imported      210 bills (203 settled, 7 voided), settled total 63,358.00") !=
          NULL);
    CHECK(strstr(out, "rejected      6 bills") != NULL);
    CHECK(strstr(out, "new rooms") != NULL);
    free(out);
    check_i1_figures(db);
    char *rej = read_file(rejects, NULL);
    CHECK(rej != NULL);
    if (rej) {
        CHECK_INT(count_lines(rej, "\nbills.csv,"), 6);
        CHECK(strstr(rej, "bills.csv,13,511548406031288,total: 实收金额为空") != NULL);
    }
    free(rej);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM audit_log WHERE action = 'import' AND "
                          "entity = 'bills'"),
              1);
    CHECK_INT(sql_int(db, "SELECT imported FROM import_batches ORDER BY id DESC LIMIT 1"), 210);
    /* Rooms and products named by the bills were created inactive. */
    CHECK_INT(sql_int(db, "SELECT count(*) FROM rooms WHERE active = 0"), 13);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM products WHERE active = 0 AND name = '雪花啤酒'"),
              1);

    /* The same files again add nothing. */
    CHECK_INT(run_cli(&out, "import", "bills", "--db", db, "--skip-invalid", dir, NULL), 0);
    CHECK(strstr(out, "duplicates    210") != NULL);
    CHECK(strstr(out, "imported      0 bills") != NULL);
    free(out);
    check_i1_figures(db);

    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    CHECK(system(cmd) == 0);
}

static char *file_text(const char *name, size_t *len)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return read_file(path, len);
}

static void i1_through_the_api(void)
{
    struct server s;
    if (!server_start(&s, NULL)) {
        CHECK(!"server started");
        return;
    }
    struct client c;
    client_init(&c, &s);
    CHECK_INT(client_login(&c, "admin", TEST_ADMIN_PASSWORD), 200);
    size_t bl, ll, pl;
    char *b = file_text("bills.csv", &bl), *l = file_text("bill_lines.csv", &ll),
         *p = file_text("bill_payments.csv", &pl);
    CHECK(b && l && p);

    /* Without skip-invalid: refused, 6 errors, nothing written. */
    struct response r = upload_bills(&c, b, bl, l, ll, p, pl, false, false);
    CHECK_INT(r.status, 422);
    CHECK(r.json != NULL);
    if (r.json) {
        CHECK_STR(response_error_code(&r), "import_refused");
        CHECK_INT(jget(r.json, "imported"), 0);
        CHECK(json_is_false(json_object_get(r.json, "committed")));
        json_t *errors = json_object_get(r.json, "errors");
        CHECK_INT(json_array_size(errors), 6);
        json_t *e = json_array_get(errors, 0);
        CHECK_STR(json_string_value(json_object_get(e, "file")), "bills.csv");
        CHECK_INT(jget(e, "row"), 13);
        CHECK_STR(json_string_value(json_object_get(e, "column")), "total");
        CHECK(strstr(json_string_value(json_object_get(e, "reason")), "实收金额为空") != NULL);
        CHECK(strstr(json_string_value(json_object_get(e, "reason_en")), "total is missing") !=
              NULL);
        CHECK_INT(jget(r.json, "rejected_count"), 6);
    }
    response_free(&r);
    CHECK_INT(sql_int(s.db, "SELECT count(*) FROM bills"), 0);

    /* With skip_invalid=1. */
    r = upload_bills(&c, b, bl, l, ll, p, pl, true, false);
    CHECK_INT(r.status, 200);
    int64_t batch = 0;
    if (r.json) {
        CHECK_INT(jget(r.json, "imported"), 210);
        CHECK_INT(jget(r.json, "settled"), 203);
        CHECK_INT(jget(r.json, "voided"), 7);
        CHECK_INT(jget(r.json, "settled_total_fen"), 6335800);
        CHECK_INT(jget(r.json, "rejected_count"), 6);
        CHECK_INT(jget(r.json, "duplicates"), 0);
        CHECK_INT(json_array_size(json_object_get(r.json, "errors")), 6);
        CHECK(json_is_true(json_object_get(r.json, "committed")));
        json_t *created = json_object_get(r.json, "created");
        CHECK_INT(json_array_size(json_object_get(created, "rooms")), 13);
        CHECK_INT(json_array_size(json_object_get(created, "room_types")), 3);
        batch = jget(r.json, "batch_id");
        CHECK(batch > 0);
    }
    response_free(&r);
    check_i1_figures(s.db);

    /* The figures through the bills API (business days). */
    struct {
        const char *query;
        int64_t count, sum;
    } lists[] = {
        {"status=settled&page_size=1", 203, 6335800},
        {"from=2019-02-05&to=2019-02-05&status=settled", 14, 617400},
        {"from=2019-02-06&to=2019-02-06&status=settled", -1, 665500},
        {"from=2019-01-01&to=2019-01-31&status=settled", -1, 938400},
        {"status=voided", 7, 0},
        {"method=cash&status=settled", -1, 2858200},
        {"method=wechat&status=settled", -1, 2770800},
        {"method=alipay&status=settled", -1, 706800},
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        char path[200];
        snprintf(path, sizeof path, "/api/v1/bills?%s", lists[i].query);
        r = client_get(&c, path);
        CHECK_INT(r.status, 200);
        if (r.json) {
            if (lists[i].count >= 0) CHECK_INT(jget(r.json, "total"), lists[i].count);
            if (jget(r.json, "sum_total_fen") != lists[i].sum)
                harness_fail(__FILE__, __LINE__, "%s: sum %lld, expected %lld", lists[i].query,
                             (long long)jget(r.json, "sum_total_fen"), (long long)lists[i].sum);
        }
        response_free(&r);
    }

    /* The batch and its rejected rows. */
    char path[200];
    snprintf(path, sizeof path, "/api/v1/import/batches/%lld/rejects.csv", (long long)batch);
    r = client_get(&c, path);
    CHECK_INT(r.status, 200);
    CHECK(strstr(r.content_type, "text/csv") != NULL);
    CHECK_INT(count_lines(r.body, "\nbills.csv,"), 6);
    response_free(&r);
    r = client_get(&c, "/api/v1/import/batches");
    CHECK_INT(r.status, 200);
    CHECK_INT(r.json ? jget(r.json, "total") : 0, 1);
    response_free(&r);

    /* Again: nothing added, 210 duplicates. */
    r = upload_bills(&c, b, bl, l, ll, p, pl, true, false);
    CHECK_INT(r.status, 200);
    if (r.json) {
        CHECK_INT(jget(r.json, "imported"), 0);
        CHECK_INT(jget(r.json, "duplicates"), 210);
    }
    response_free(&r);
    check_i1_figures(s.db);
    free(b);
    free(l);
    free(p);
    client_free(&c);
    CHECK_INT(server_stop(&s), 0);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/data/ktv-legacy", test_shared());
    if (access(dir, R_OK) != 0) {
        fprintf(stderr, "missing %s (set KTV_SHARED)\n", dir);
        harness_fail(__FILE__, __LINE__, "no legacy data");
        return harness_finish("sales/i1_legacy");
    }
    RUN(i1_through_the_cli);
    RUN(i1_through_the_api);
    return harness_finish("sales/i1_legacy");
}
