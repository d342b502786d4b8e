/* frontdesk/receipt.c: the 80 mm receipt page (see receipt.h). */
#include "frontdesk/receipt.h"

#include "core/buf.h"
#include "core/money.h"

#include <string.h>

static void esc(struct buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        case '\'':
            buf_puts(b, "&#39;");
            break;
        default:
            buf_append(b, s, 1);
        }
    }
}

/* One row: label on the left, amount on the right. */
static void row(struct buf *b, const char *cls, const char *label, int64_t fen, bool negative)
{
    char m[40];
    buf_printf(b, "<tr%s%s%s><td>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    esc(b, label);
    buf_printf(b, "</td><td class=\"r\">%s%s</td></tr>\n", negative ? "-" : "",
               money_format(fen, m));
}

static void info(struct buf *b, const char *label, const char *value)
{
    if (!value || !*value) return;
    buf_puts(b, "<div>");
    esc(b, label);
    buf_puts(b, "：");
    esc(b, value);
    buf_puts(b, "</div>\n");
}

char *receipt_html(const struct receipt *r)
{
    struct buf b = {0};
    char m[40];
    buf_puts(&b, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                 "<title>小票 ");
    esc(&b, r->bill_no);
    /* 80 mm paper, 72 mm printed; a monospace CJK face so that columns line up on the
     * printer's own fonts; no script (the receipt is printed from the browser's menu or the
     * till's print call). */
    buf_puts(&b, "</title><style>"
                 "@page{size:80mm auto;margin:2mm 4mm}"
                 "body{width:72mm;margin:0 auto;font:12px/1.45 'SimSun','Noto Sans Mono CJK SC',"
                 "'WenQuanYi Zen Hei Mono',monospace;color:#000}"
                 "h1{font-size:16px;text-align:center;margin:0 0 2px}"
                 ".c{text-align:center}.r{text-align:right;white-space:nowrap}"
                 "table{width:100%;border-collapse:collapse}td{vertical-align:top;padding:0}"
                 "hr{border:0;border-top:1px dashed #000;margin:4px 0}"
                 ".total td{font-size:15px;font-weight:bold}"
                 ".void{font-size:18px;font-weight:bold;text-align:center;border:2px solid #000;"
                 "margin:4px 0}"
                 "</style></head><body>\n<h1>");
    esc(&b, r->venue_name);
    buf_puts(&b, "</h1>\n<div class=\"c\">结账单</div>\n");
    if (r->voided) {
        buf_puts(&b, "<div class=\"void\">已作废</div>\n");
        if (r->void_note && *r->void_note) {
            buf_puts(&b, "<div>");
            esc(&b, r->void_note);
            buf_puts(&b, "</div>\n");
        }
    }
    buf_puts(&b, "<hr>\n");
    info(&b, "单号", r->bill_no);
    info(&b, "营业日", r->business_day);
    info(&b, "房间", r->room);
    info(&b, "开房", r->opened_at);
    info(&b, "结账", r->closed_at);
    info(&b, "收银", r->cashier);
    info(&b, "订房人", r->booker);
    info(&b, "会员", r->member);
    buf_puts(&b, "<hr>\n<table>\n");
    for (int i = 0; i < r->nlines; i++) {
        const struct receipt_line *l = &r->lines[i];
        buf_puts(&b, "<tr><td>");
        esc(&b, l->item);
        if (l->show_qty) buf_printf(&b, " ×%lld", (long long)l->qty);
        buf_printf(&b, "</td><td class=\"r\">%s</td></tr>\n", money_format(l->amount_fen, m));
    }
    buf_puts(&b, "</table>\n<hr>\n<table>\n");
    row(&b, NULL, "消费合计", r->gross_fen, false);
    for (int i = 0; i < r->ndiscounts; i++)
        row(&b, NULL, r->discounts[i].label, r->discounts[i].fen, true);
    if (r->service_fen) row(&b, NULL, "服务费", r->service_fen, false);
    row(&b, "total", "应收", r->total_fen, false);
    buf_puts(&b, "</table>\n<hr>\n<table>\n");
    for (int i = 0; i < r->ntenders; i++) {
        const struct receipt_tender *t = &r->tenders[i];
        row(&b, NULL, t->label, t->amount_fen, false);
        if (t->reference && *t->reference) {
            buf_puts(&b, "<tr><td colspan=\"2\">　");
            esc(&b, t->reference);
            buf_puts(&b, "</td></tr>\n");
        }
        if (t->tendered_fen) {
            row(&b, NULL, "　实收", t->tendered_fen, false);
            row(&b, NULL, "　找零", t->change_fen, false);
        }
    }
    for (int i = 0; i < r->nrefunds; i++)
        row(&b, NULL, r->refunds[i].label, r->refunds[i].fen, true);
    buf_puts(&b, "</table>\n<hr>\n");
    info(&b, "地址", r->venue_address);
    info(&b, "电话", r->venue_phone);
    info(&b, "打印", r->printed_at);
    buf_puts(&b, "<div class=\"c\">谢谢光临，欢迎再来</div>\n</body></html>\n");
    if (b.failed) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}
