/* test_master_import.c: products and rooms from CSV (master/import.c). Case I2: the same
 * two-line file saved as GBK and as UTF-8 with BOM imports the same through
 * `ktvoffice import products`; the pure reading rules; the legacy KTV's products and rooms. */
#include "harness.h"
#include "master/import.h"
#include "upload.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmp[64];

static bool write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) return false;
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

static bool new_db(const char *db)
{
    unlink(db);
    return run_cli(NULL, "init", "--db", db, "--password", TEST_ADMIN_PASSWORD, NULL) == 0;
}

/* I2: GBK without BOM and UTF-8 with BOM give the same product. */
static void i2_gbk_and_bom_import_the_same(void)
{
    const char *utf8 = "商品,单价\r\n青岛啤酒,10.00\r\n";
    char gbk[128];
    iconv_t cd = iconv_open("GBK", "UTF-8");
    char *in = (char *)utf8, *out = gbk;
    size_t inleft = strlen(utf8), outleft = sizeof gbk;
    CHECK(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
    iconv_close(cd);
    char bom[128];
    int bom_len = snprintf(bom, sizeof bom, "\xEF\xBB\xBF%s", utf8);
    struct {
        const char *data;
        size_t len;
        const char *encoding;
    } files[] = {{gbk, (size_t)(out - gbk), "gbk"}, {bom, (size_t)bom_len, "utf-8-bom"}};
    for (int i = 0; i < 2; i++) {
        char db[128], csv[128];
        snprintf(db, sizeof db, "%s/i2-%d.db", tmp, i);
        snprintf(csv, sizeof csv, "%s/i2-%d.csv", tmp, i);
        CHECK(new_db(db));
        CHECK(write_bytes(csv, files[i].data, files[i].len));
        char *text = NULL;
        CHECK_INT(run_cli(&text, "import", "products", "--db", db, csv, NULL), 0);
        char enc[64];
        snprintf(enc, sizeof enc, "(%s)", files[i].encoding);
        CHECK(text && strstr(text, enc) != NULL);
        CHECK(text && strstr(text, "created    1") != NULL);
        free(text);
        CHECK_INT(sql_int(db, "SELECT count(*) FROM products"), 1);
        CHECK_INT(sql_int(db, "SELECT price_fen FROM products WHERE name = '青岛啤酒'"), 1000);
        CHECK_INT(sql_int(db, "SELECT active FROM products WHERE name = '青岛啤酒'"), 1);
        /* Again: the product is found by name, nothing added or changed. */
        CHECK_INT(run_cli(&text, "import", "products", "--db", db, csv, NULL), 0);
        CHECK(text && strstr(text, "unchanged  1") != NULL);
        free(text);
        CHECK_INT(sql_int(db, "SELECT count(*) FROM products"), 1);
        CHECK_INT(sql_int(db, "SELECT count(*) FROM audit_log WHERE entity = 'product'"), 1);
    }
}

static void reading_rules(void)
{
    struct master_rows r;
    /* Legacy columns, any order, a code, an inactive flag. */
    const char *ok = "price,name,code,active,unit,category\n8.00,七堡1516啤酒,G002,0,瓶,啤酒\n";
    CHECK(master_read_products(ok, strlen(ok), &r));
    CHECK_INT(r.nissues, 0);
    CHECK_INT(r.n, 1);
    CHECK_STR(r.products[0].code, "G002");
    CHECK_INT(r.products[0].price_fen, 800);
    CHECK(!r.products[0].active);
    CHECK(r.has[MP_UNIT] && r.has[MP_CATEGORY]);
    master_rows_free(&r);
    /* Every problem with its row and column. */
    struct {
        const char *text, *column, *zh;
        unsigned row;
    } bad[] = {
        {"商品\n啤酒\n", "price", "缺少必需的列", 1},
        {"商品,单价,颜色\n啤酒,1\n", "颜色", "未知的列", 1},
        {"商品,单价\n啤酒,1.234\n", "单价", "小数超过两位", 2},
        {"商品,单价\n啤酒,¥5\n", "单价", "金额格式不对", 2},
        {"商品,单价\n,5\n", "商品", "为空", 2},
        {"商品,单价\n啤酒,5\n啤酒,6\n", "商品", "重复", 3},
        {"商品,单价,启用\n啤酒,5,也许\n", "启用", "启用应为", 2},
        {"商品,单价\n啤酒,2000000\n", "单价", "不能超过", 2},
        {"商品,单价\n\"啤酒,5\n", "", "引号没有闭合", 2},
        {"", "", "文件是空的", 0},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(master_read_products(bad[i].text, strlen(bad[i].text), &r));
        if (r.nissues == 0) {
            harness_fail(__FILE__, __LINE__, "case %zu accepted", i);
        } else if (r.issues[0].row != bad[i].row ||
                   strcmp(r.issues[0].column, bad[i].column) != 0 ||
                   !strstr(r.issues[0].zh, bad[i].zh)) {
            harness_fail(__FILE__, __LINE__, "case %zu: row %u column %s: %s", i, r.issues[0].row,
                         r.issues[0].column, r.issues[0].zh);
        }
        master_rows_free(&r);
    }
    const char *rooms = "房号,名称,房型\n8011,慈宁宫,大  包\n8011,又一个,大  包\n";
    CHECK(master_read_rooms(rooms, strlen(rooms), &r));
    CHECK_INT(r.nissues, 1);
    CHECK_INT(r.issues[0].row, 3);
    master_rows_free(&r);
}

/* The legacy KTV's master data, imported after its bills, adopts what the bills created. */
static void legacy_products_and_rooms(void)
{
    char db[128], dir[512], path[600];
    snprintf(db, sizeof db, "%s/legacy.db", tmp);
    snprintf(dir, sizeof dir, "%s/data/ktv-legacy", test_shared());
    CHECK(new_db(db));
    CHECK_INT(run_cli(NULL, "import", "bills", "--db", db, "--skip-invalid", dir, NULL), 0);
    int64_t auto_products = sql_int(db, "SELECT count(*) FROM products WHERE code LIKE 'AUTO-%'");
    CHECK(auto_products > 0);
    snprintf(path, sizeof path, "%s/products.csv", dir);
    CHECK_INT(run_cli(NULL, "import", "products", "--db", db, path, NULL), 0);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM products"), 30);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM products WHERE code LIKE 'AUTO-%'"), 0);
    CHECK_INT(sql_int(db, "SELECT price_fen FROM products WHERE code = 'G002'"), 800);
    CHECK_INT(sql_int(db, "SELECT active FROM products WHERE code = 'G001'"), 0);
    /* The bills' lines still point at the same products, now with their codes. */
    CHECK_INT(sql_int(db, "SELECT sum(l.qty) FROM bill_lines l JOIN products p ON p.id = "
                          "l.product_id JOIN bills b ON b.id = l.bill_id WHERE p.code = 'G002' "
                          "AND b.status = 'settled'"),
              1113);
    snprintf(path, sizeof path, "%s/rooms.csv", dir);
    char *out = NULL;
    CHECK_INT(run_cli(&out, "import", "rooms", "--db", db, path, NULL), 0);
    free(out);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM rooms"), 13);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM rooms WHERE active = 1"), 13);
    CHECK_INT(sql_int(db, "SELECT count(*) FROM room_types"), 3);
    /* Usage errors. */
    CHECK_INT(run_cli(NULL, "import", "products", "--db", db, NULL), 2);
    CHECK_INT(run_cli(NULL, "import", "stock", "--db", db, path, NULL), 2);
    CHECK_INT(run_cli(NULL, "import", "--help", NULL), 0);
}

int main(void)
{
    snprintf(tmp, sizeof tmp, "/tmp/ktvmaster.XXXXXX");
    if (!mkdtemp(tmp)) return 1;
    RUN(i2_gbk_and_bom_import_the_same);
    RUN(reading_rules);
    RUN(legacy_products_and_rooms);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmp);
    return harness_finish("sales/master_import");
}
