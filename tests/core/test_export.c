/* test_export.c: core/export.c: one table written as .xlsx, CSV and terminal text. Case I3:
 * a barcode 06932169358293 and a phone 0912345678 stay text with their leading zeros in the
 * workbook and verbatim in the CSV; money in fen shows as yuan with two decimals. */
#include "core/export.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct table_col cols[] = {
    {"barcode", "条码", "Barcode", COL_TEXT}, {"phone", "电话", "Phone", COL_TEXT},
    {"qty", "数量", "Qty", COL_INT},          {"amount_fen", "金额", "Amount", COL_MONEY},
    {"day", "日期", "Day", COL_DATE},
};

static json_t *rows(void)
{
    return json_pack("[{s:s,s:s,s:i,s:I,s:s},{s:s,s:n,s:i,s:I,s:s}]", "barcode", "06932169358293",
                     "phone", "0912345678", "qty", 2, "amount_fen", (json_int_t)123450, "day",
                     "2019-02-05", "barcode", "青岛啤酒, 500ml \"罐\"", "phone", "qty", 1,
                     "amount_fen", (json_int_t)5, "day", "2019-02-06");
}

/* The output of a shell command (malloc'd), or NULL. */
static char *command_output(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    if (!p) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    size_t n;
    while (out && (n = fread(out + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 2) out = realloc(out, cap *= 2);
    }
    if (out) out[len] = 0;
    pclose(p);
    return out;
}

static void i3_xlsx_keeps_codes_as_text(void)
{
    json_t *r = rows();
    struct table t = {"商品", "Goods", cols, 5, r, true};
    size_t len = 0;
    char *x = export_xlsx(&t, 1, false, &len);
    CHECK(x != NULL && len > 100);
    if (!x) {
        json_decref(r);
        return;
    }
    CHECK(memcmp(x, "PK", 2) == 0);
    char path[] = "/tmp/ktv-export-test-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK(write(fd, x, len) == (ssize_t)len);
    close(fd);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "unzip -p %s xl/sharedStrings.xml", path);
    char *strings = command_output(cmd);
    CHECK(strings && strstr(strings, ">06932169358293<"));
    CHECK(strings && strstr(strings, ">0912345678<"));
    free(strings);
    snprintf(cmd, sizeof cmd, "unzip -p %s xl/worksheets/sheet1.xml", path);
    char *sheet = command_output(cmd);
    /* Money is a number (1234.5, shown 1,234.50 by the format); the codes are not numbers. */
    CHECK(sheet && strstr(sheet, "<v>1234.5</v>"));
    CHECK(sheet && !strstr(sheet, "<v>6932169358293</v>"));
    CHECK(sheet && !strstr(sheet, "<v>912345678</v>"));
    CHECK(sheet && strstr(sheet, "<v>1234.55</v>")); /* the totals row: 1234.50 + 0.05 */
    free(sheet);
    snprintf(cmd, sizeof cmd, "unzip -p %s xl/styles.xml", path);
    char *styles = command_output(cmd);
    CHECK(styles && strstr(styles, "formatCode=\"#,##0.00\""));
    CHECK(styles && strstr(styles, "formatCode=\"@\"")); /* text columns stay text when typed */
    free(styles);
    snprintf(cmd, sizeof cmd, "unzip -p %s xl/workbook.xml", path);
    char *wb = command_output(cmd);
    CHECK(wb && strstr(wb, "name=\"商品\""));
    free(wb);
    unlink(path);
    free(x);
    json_decref(r);
}

static void i3_csv_keeps_codes_verbatim(void)
{
    json_t *r = rows();
    struct table t = {"商品", "Goods", cols, 5, r, true};
    size_t len = 0;
    char *c = export_csv(&t, 1, false, &len);
    CHECK(c != NULL);
    if (!c) {
        json_decref(r);
        return;
    }
    CHECK_INT(strlen(c), len);
    CHECK(memcmp(c, "\xEF\xBB\xBF条码,电话,数量,金额,日期\r\n",
                 strlen("\xEF\xBB\xBF条码,电话,数量,金额,日期\r\n")) == 0);
    CHECK(strstr(c, "\r\n06932169358293,0912345678,2,1234.50,2019-02-05\r\n") != NULL);
    /* A comma and quotes are quoted; null is empty; 5 fen is 0.05. */
    CHECK(strstr(c, "\r\n\"青岛啤酒, 500ml \"\"罐\"\"\",,1,0.05,2019-02-06\r\n") != NULL);
    CHECK(strstr(c, "\r\n合计,,3,1234.55,\r\n") != NULL);
    free(c);
    c = export_csv(&t, 1, true, &len);
    CHECK(c && strstr(c, "Barcode,Phone,Qty,Amount,Day\r\n") && strstr(c, "\r\nTotal,,3,1234.55"));
    free(c);
    json_decref(r);
}

static void text_table_for_the_terminal(void)
{
    json_t *r = rows();
    struct table t = {"商品", "Goods", cols, 5, r, false};
    size_t len = 0;
    char *s = export_text(&t, 1, false, &len);
    CHECK(s && strstr(s, "商品\n"));
    CHECK(s && strstr(s, "06932169358293"));
    CHECK(s && strstr(s, "1234.50"));
    CHECK(s && strstr(s, "0.05"));
    free(s);
    CHECK_INT(text_width("条码ab"), 6);
    json_decref(r);
}

int main(void)
{
    RUN(i3_xlsx_keeps_codes_as_text);
    RUN(i3_csv_keeps_codes_verbatim);
    RUN(text_table_for_the_terminal);
    return harness_finish("core/export");
}
