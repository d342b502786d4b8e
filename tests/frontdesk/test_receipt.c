/* test_receipt.c: the 80 mm receipt page: what it shows, in Chinese, escaped. */
#include "frontdesk/receipt.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static void receipt_shows_the_bill(void)
{
    struct receipt_line lines[] = {{"A01 小包 黄金档 75分钟 × 120.00/小时", 1, 15000, false},
                                   {"青岛啤酒", 3, 3000, true}};
    struct receipt_amount disc[] = {{"抹零", 50}};
    struct receipt_tender tenders[] = {{"现金", 10000, 20000, 10000, ""},
                                       {"团购券", 7950, 0, 0, "MT-123"}};
    struct receipt r = {"星光KTV",
                        "",
                        "",
                        "F20261203-0001",
                        "2026-12-03",
                        "A01 小包",
                        "2026-12-03 17:30:00",
                        "2026-12-03 19:15:00",
                        "cashier1",
                        "小李",
                        "",
                        "2026-12-03 19:16:00",
                        lines,
                        2,
                        18000,
                        0,
                        17950,
                        disc,
                        1,
                        tenders,
                        2,
                        false,
                        "",
                        NULL,
                        0};
    char *html = receipt_html(&r);
    CHECK(html != NULL);
    if (!html) return;
    CHECK(strstr(html, "<title>小票 F20261203-0001</title>") != NULL);
    CHECK(strstr(html, "width:72mm") != NULL); /* 80 mm paper */
    CHECK(strstr(html, "青岛啤酒 ×3") != NULL);
    CHECK(strstr(html, "<td>抹零</td><td class=\"r\">-0.50</td>") != NULL);
    CHECK(strstr(html, "<td>应收</td><td class=\"r\">179.50</td>") != NULL);
    CHECK(strstr(html, "<td>　找零</td><td class=\"r\">100.00</td>") != NULL);
    CHECK(strstr(html, "MT-123") != NULL);
    CHECK(strstr(html, "已作废") == NULL);
    CHECK(strstr(html, "会员") == NULL); /* no member line for a walk-in */
    free(html);
}

/* Names come from people: they are escaped, never markup. A void is shown at the top. */
static void receipt_escapes_and_shows_voids(void)
{
    struct receipt_line lines[] = {{"<script>alert(1)</script>", 1, 100, true}};
    struct receipt_amount refunds[] = {{"作废退回（现金）", 100}};
    struct receipt r = {"A&B \"KTV\"",
                        "",
                        "",
                        "F1",
                        "2026-12-03",
                        "A01",
                        "",
                        "",
                        "c",
                        "",
                        "",
                        "",
                        lines,
                        1,
                        100,
                        0,
                        100,
                        NULL,
                        0,
                        NULL,
                        0,
                        true,
                        "作废：点错房间",
                        refunds,
                        1};
    char *html = receipt_html(&r);
    CHECK(html != NULL);
    if (!html) return;
    CHECK(strstr(html, "<script>") == NULL);
    CHECK(strstr(html, "&lt;script&gt;") != NULL);
    CHECK(strstr(html, "A&amp;B &quot;KTV&quot;") != NULL);
    CHECK(strstr(html, "已作废") != NULL);
    CHECK(strstr(html, "作废：点错房间") != NULL);
    CHECK(strstr(html, "作废退回（现金）</td><td class=\"r\">-1.00") != NULL);
    free(html);
}

int main(void)
{
    RUN(receipt_shows_the_bill);
    RUN(receipt_escapes_and_shows_voids);
    return harness_finish("frontdesk/receipt");
}
