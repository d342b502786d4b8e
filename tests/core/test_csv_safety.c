/* test_csv_safety.c: CSV formula injection. Every CSV the product writes goes through
 * buf_csv_field, which puts an apostrophe before a text cell that a spreadsheet would run as a
 * formula (=, +, @, TAB, CR, or '-' when the cell is not a plain number) and leaves numbers,
 * negative money included, as they are. The .xlsx writer stores such text as strings, never as
 * formulas. Last, a finance record with a hostile counterparty and note is exported through the
 * real server. */
#include "api_client.h"
#include "core/buf.h"
#include "core/export.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One field as buf_csv_field writes it (malloc'd). */
static char *field(const char *s)
{
    struct buf b = {0};
    buf_csv_field(&b, s);
    return buf_take(&b);
}

#define CHECK_FIELD(in, out)                                                                       \
    do {                                                                                           \
        char *f_ = field(in);                                                                      \
        CHECK_STR(f_, out);                                                                        \
        free(f_);                                                                                  \
    } while (0)

static void formulas_get_an_apostrophe(void)
{
    CHECK_FIELD("=1+1", "'=1+1");
    CHECK_FIELD("+86 138", "'+86 138");
    CHECK_FIELD("@SUM(1)", "'@SUM(1)");
    CHECK_FIELD("@SUM(1+1)", "'@SUM(1+1)");
    CHECK_FIELD("-cmd", "'-cmd");
    CHECK_FIELD("-1+2", "'-1+2");
    CHECK_FIELD("-", "'-");
    CHECK_FIELD("\t=1", "'\t=1");
    /* CR forces quotes; the apostrophe goes inside them. */
    CHECK_FIELD("\r=1", "\"'\r=1\"");
    /* A quote and a comma: escaped first, then quoted with the quotes doubled. */
    CHECK_FIELD("=HYPERLINK(\"http://evil\",\"点我\")",
                "\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\"");
    CHECK_FIELD("-2+3,\"x\"", "\"'-2+3,\"\"x\"\"\"");
    CHECK(buf_csv_needs_escape("=1"));
    CHECK(!buf_csv_needs_escape("-1"));
    CHECK(!buf_csv_needs_escape(""));
    CHECK(!buf_csv_needs_escape(NULL));
}

static void numbers_and_plain_text_stay(void)
{
    CHECK_FIELD("-350.00", "-350.00");
    CHECK_FIELD("-1,234.56", "\"-1,234.56\""); /* quoted for the comma, still a number */
    CHECK_FIELD("-1,234,567.89", "\"-1,234,567.89\"");
    CHECK_FIELD("-5", "-5");
    CHECK_FIELD("-0.05", "-0.05");
    CHECK_FIELD("-12.5%", "-12.5%");
    CHECK_FIELD("350.00", "350.00");
    CHECK_FIELD("0912345678", "0912345678");
    CHECK_FIELD("2019-02-05", "2019-02-05");
    CHECK_FIELD("青岛啤酒", "青岛啤酒");
    CHECK_FIELD("a=b", "a=b");
    CHECK_FIELD(" =1", " =1"); /* not at the start: not a formula */
    CHECK_FIELD("", "");
    CHECK_FIELD("say \"hi\", ok", "\"say \"\"hi\"\", ok\"");
    /* Not plain numbers after all: grouped wrongly, dangling point. */
    CHECK_FIELD("-1,2", "\"'-1,2\"");
    CHECK_FIELD("-1234,567", "\"'-1234,567\"");
    CHECK_FIELD("-1.", "'-1.");
}

static const struct table_col cols[] = {
    {"who", "对方", "Counterparty", COL_TEXT},
    {"amount_fen", "金额", "Amount", COL_MONEY},
    {"text_amount", "文本金额", "Text amount", COL_TEXT},
    {"qty", "数量", "Qty", COL_INT},
};

static json_t *rows(void)
{
    return json_pack("[{s:s,s:I,s:s,s:i},{s:s,s:I,s:s,s:i},{s:s,s:I,s:s,s:i}]",
                     /* */ "who", "=1+1", "amount_fen", (json_int_t)-35000, "text_amount",
                     "-1,234.56", "qty", -2,
                     /* */ "who", "=HYPERLINK(\"http://evil\",\"点我\")", "amount_fen",
                     (json_int_t)-123456, "text_amount", "-cmd", "qty", 1,
                     /* */ "who", "@SUM(1+1)", "amount_fen", (json_int_t)5, "text_amount",
                     "+86 138", "qty", 0);
}

static void csv_export_escapes_text_keeps_money(void)
{
    json_t *r = rows();
    struct table t = {"对账", "Statement", cols, 4, r, true};
    size_t len = 0;
    char *c = export_csv(&t, 1, false, &len);
    CHECK(c != NULL);
    if (!c) {
        json_decref(r);
        return;
    }
    const char *expected = "\xEF\xBB\xBF"
                           "对方,金额,文本金额,数量\r\n"
                           "'=1+1,-350.00,\"-1,234.56\",-2\r\n"
                           "\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\",-1234.56,'-cmd,1\r\n"
                           "'@SUM(1+1),0.05,'+86 138,0\r\n"
                           "合计,-1584.51,,-1\r\n";
    CHECK_STR(c, expected);
    CHECK_INT(len, strlen(expected));
    free(c);
    json_decref(r);
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

static void xlsx_writes_formulas_as_strings(void)
{
    json_t *r = rows();
    struct table t = {"对账", "Statement", cols, 4, r, true};
    size_t len = 0;
    char *x = export_xlsx(&t, 1, false, &len);
    CHECK(x != NULL && len > 100);
    if (!x) {
        json_decref(r);
        return;
    }
    char path[] = "/tmp/ktv-csv-safety-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK(write(fd, x, len) == (ssize_t)len);
    close(fd);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "unzip -p %s xl/worksheets/sheet1.xml", path);
    char *sheet = command_output(cmd);
    CHECK(sheet && strstr(sheet, "<sheetData>"));
    CHECK(sheet && !strstr(sheet, "<f>"));        /* no formula anywhere */
    CHECK(sheet && strstr(sheet, "t=\"s\""));     /* the text cells are shared strings */
    CHECK(sheet && strstr(sheet, "<v>-350</v>")); /* money is a number, negative included */
    free(sheet);
    snprintf(cmd, sizeof cmd, "unzip -p %s xl/sharedStrings.xml", path);
    char *strings = command_output(cmd);
    /* The text is kept as written (a string cell needs no apostrophe). */
    CHECK(strings && strstr(strings, ">=1+1<"));
    CHECK(strings && strstr(strings, ">=HYPERLINK(\"http://evil\",\"点我\")<"));
    CHECK(strings && strstr(strings, ">@SUM(1+1)<"));
    CHECK(strings && strstr(strings, ">+86 138<"));
    free(strings);
    unlink(path);
    free(x);
    json_decref(r);
}

/* Through the server: a finance record's counterparty and note come back defused in the CSV
 * export, the amount and the net total stay numbers. */
static void records_export_through_the_server(void)
{
    struct server srv;
    if (!server_start(&srv, NULL)) {
        harness_fail(__FILE__, __LINE__, "server did not start");
        return;
    }
    CHECK(add_user(&srv, "money", "finance", "finance-pass-1"));
    struct client c;
    client_init(&c, &srv);
    CHECK_INT(client_login(&c, "money", "finance-pass-1"), 200);
    struct response r = client_post(
        &c, "/api/v1/finance/records",
        "{\"kind\":\"expense\",\"category\":\"6010\",\"amount\":\"350.00\",\"channel\":\"bank\","
        "\"counterparty\":\"=HYPERLINK(\\\"http://evil\\\",\\\"点我\\\")\","
        "\"note\":\"@SUM(1+1)\"}");
    CHECK_INT(r.status, 201);
    response_free(&r);
    r = client_get(&c, "/api/v1/finance/records/export?format=csv");
    CHECK_INT(r.status, 200);
    CHECK(r.body &&
          strstr(r.body, ",\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\",'@SUM(1+1),"));
    CHECK(r.body && !strstr(r.body, ",=HYPERLINK"));
    CHECK(r.body && strstr(r.body, ",350.00,"));
    CHECK(r.body && strstr(r.body, "\r\n收支净额,-350.00\r\n"));
    if (harness_current_failures()) fprintf(stderr, "export:\n%s\n", r.body ? r.body : "");
    response_free(&r);
    client_free(&c);
    CHECK_INT(server_stop(&srv), 0);
}

int main(void)
{
    RUN(formulas_get_an_apostrophe);
    RUN(numbers_and_plain_text_stay);
    RUN(csv_export_escapes_text_keeps_money);
    RUN(xlsx_writes_formulas_as_strings);
    RUN(records_export_through_the_server);
    return harness_finish("core/csv_safety");
}
