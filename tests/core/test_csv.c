/* test_csv.c: CSV reading and encodings (case I2). */
#include "core/csv.h"
#include "harness.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>

/* I2: the same two-line file saved as GBK without BOM and as UTF-8 with BOM reads the same. */
static void i2_gbk_and_utf8_bom_read_the_same(void)
{
    const char *utf8 = "商品,单价\r\n青岛啤酒,10.00\r\n";
    char bom[128];
    snprintf(bom, sizeof bom, "\xEF\xBB\xBF%s", utf8);
    /* Make the GBK bytes with iconv, as Chinese Excel would have saved them. */
    char gbk[128];
    iconv_t cd = iconv_open("GBK", "UTF-8");
    CHECK(cd != (iconv_t)-1);
    char *in = (char *)utf8, *out = gbk;
    size_t inleft = strlen(utf8), outleft = sizeof gbk;
    CHECK(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
    iconv_close(cd);
    size_t gbk_len = (size_t)(out - gbk);
    CHECK(gbk_len < strlen(utf8)); /* 2 bytes a character instead of 3 */

    const char *inputs[] = {bom, gbk};
    size_t lens[] = {strlen(bom), gbk_len};
    const char *encodings[] = {"utf-8-bom", "gbk"};
    for (int i = 0; i < 2; i++) {
        struct csv c;
        CHECK(csv_open(&c, inputs[i], lens[i]));
        CHECK_STR(c.encoding, encodings[i]);
        CHECK(csv_next(&c));
        CHECK_INT(c.nfields, 2);
        CHECK_STR(c.fields[0], "商品");
        CHECK_STR(c.fields[1], "单价");
        CHECK(csv_next(&c));
        CHECK_INT(c.line, 2);
        CHECK_STR(c.fields[0], "青岛啤酒");
        CHECK_STR(c.fields[1], "10.00");
        CHECK(!csv_next(&c));
        csv_close(&c);
    }
}

static void quotes_newlines_and_lines(void)
{
    const char *text = "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n\n2,\"two\nlines\",\n3,,";
    struct csv c;
    CHECK(csv_open(&c, text, strlen(text)));
    CHECK(csv_next(&c));
    CHECK_INT(c.line, 1);
    CHECK(csv_next(&c));
    CHECK_INT(c.line, 2);
    CHECK_INT(c.nfields, 3);
    CHECK_STR(c.fields[1], "x, y");
    CHECK_STR(c.fields[2], "say \"hi\"");
    CHECK(csv_next(&c));
    CHECK_INT(c.line, 4);
    CHECK_STR(c.fields[1], "two\nlines");
    CHECK_STR(c.fields[2], "");
    CHECK(csv_next(&c));
    CHECK_INT(c.line, 6);
    CHECK_INT(c.nfields, 3);
    CHECK(!csv_next(&c));
    csv_close(&c);
}

static void refuses_binary(void)
{
    const char bin[] = {'P', 'K', 3, 4, 0, 0, (char)0xff, 1};
    struct csv c;
    CHECK(!csv_open(&c, bin, sizeof bin));
    csv_close(&c);
    CHECK(utf8_valid("abc", 3));
    CHECK(!utf8_valid("\xC0\xAF", 2));       /* overlong '/' */
    CHECK(!utf8_valid("\xED\xA0\x80", 3));   /* surrogate */
    CHECK(!utf8_valid("\xE4\xB8", 2));       /* cut short */
}

static void unterminated_quote_is_reported(void)
{
    const char *text = "a,\"b\n";
    struct csv c;
    CHECK(csv_open(&c, text, strlen(text)));
    CHECK(csv_next(&c));
    CHECK(c.unterminated_quote);
    csv_close(&c);
}

int main(void)
{
    RUN(i2_gbk_and_utf8_bom_read_the_same);
    RUN(quotes_newlines_and_lines);
    RUN(refuses_binary);
    RUN(unterminated_quote_is_reported);
    return harness_finish("core/csv");
}
