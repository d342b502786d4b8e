/* sales/export.c: bills to CSV and .xlsx through the one table model (see export.h). */
#include "sales/export.h"

#include "core/bizday.h"
#include "core/export.h"
#include "core/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct table_col bill_cols[] = {
    {"bill_no", "账单号", "Bill no.", COL_TEXT},
    {"business_day", "营业日", "Business day", COL_DATE},
    {"room_no", "房号", "Room", COL_TEXT},
    {"room_type", "房型", "Room type", COL_TEXT},
    {"opened_at", "开台时间", "Opened", COL_TEXT},
    {"closed_at", "结账时间", "Closed", COL_TEXT},
    {"status", "状态", "Status", COL_TEXT},
    {"cashier", "收银员", "Cashier", COL_TEXT},
    {"booker", "订房人", "Booker", COL_TEXT},
    {"member_phone", "会员手机", "Member phone", COL_TEXT},
    {"gross_fen", "应收", "Gross", COL_MONEY},
    {"discount_fen", "优惠", "Discount", COL_MONEY},
    {"service_fen", "服务费", "Service", COL_MONEY},
    {"total_fen", "实收", "Total", COL_MONEY},
    {"methods", "付款方式", "Payment", COL_TEXT},
    {"note", "备注", "Note", COL_TEXT},
};

void bill_mask_phone(const char *phone, char out[44])
{
    size_t n = strlen(phone);
    if (n < 7) {
        snprintf(out, 44, "%s", n ? "****" : "");
        return;
    }
    snprintf(out, 44, "%.3s****%s", phone, phone + n - 4);
}

struct export_ctx {
    json_t *rows;
    const struct tz *tz;
    bool english, show_phone;
};

static void local_text(const struct tz *tz, int64_t utc, char out[24])
{
    struct civil c;
    tz_to_local(tz, utc, &c);
    snprintf(out, 24, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute,
             c.second);
}

/* Payment methods in the reader's language: "cash+wechat" -> "现金+微信". */
static void methods_text(const char *methods, bool english, char *out, size_t n)
{
    static const struct {
        const char *id, *zh;
    } names[] = {{"cash", "现金"},   {"wechat", "微信"}, {"alipay", "支付宝"},
                 {"card", "银行卡"}, {"member", "储值"}, {"voucher", "团购券"},
                 {"credit", "挂账"}, {"mixed", "混合"},  {"other", "其他"}};
    if (english) {
        snprintf(out, n, "%s", methods);
        return;
    }
    size_t w = 0;
    out[0] = 0;
    const char *p = methods;
    while (*p && w + 16 < n) {
        const char *plus = strchr(p, '+');
        size_t len = plus ? (size_t)(plus - p) : strlen(p);
        const char *zh = NULL;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strlen(names[i].id) == len && strncmp(names[i].id, p, len) == 0) zh = names[i].zh;
        w += (size_t)snprintf(out + w, n - w, "%s%.*s", w ? "+" : "",
                              zh ? (int)strlen(zh) : (int)len, zh ? zh : p);
        p += len + (plus ? 1 : 0);
    }
}

static bool add_row(const struct bill *b, const char *methods, void *vctx)
{
    struct export_ctx *x = vctx;
    char opened[24], closed[24], phone[44], meth[200];
    local_text(x->tz, b->opened_at, opened);
    local_text(x->tz, b->closed_at, closed);
    if (x->show_phone)
        snprintf(phone, sizeof phone, "%s", b->member_phone);
    else
        bill_mask_phone(b->member_phone, phone);
    methods_text(methods, x->english, meth, sizeof meth);
    bool voided = strcmp(b->status, "voided") == 0;
    json_t *r = json_object();
    json_set_str(r, "bill_no", b->bill_no);
    json_set_str(r, "business_day", b->business_day);
    json_set_str(r, "room_no", b->room_no);
    json_set_str(r, "room_type", b->room_type);
    json_set_str(r, "opened_at", opened);
    json_set_str(r, "closed_at", closed);
    json_set_str(r, "status", x->english ? b->status : voided ? "作废" : "已结账");
    json_set_str(r, "cashier", b->cashier);
    json_set_str(r, "booker", b->booker);
    json_set_str(r, "member_phone", phone);
    json_set_int(r, "gross_fen", b->gross_fen);
    json_set_int(r, "discount_fen", b->discount_fen);
    json_set_int(r, "service_fen", b->service_fen);
    json_set_int(r, "total_fen", b->total_fen);
    json_set_str(r, "methods", meth);
    json_set_str(r, "note", b->note);
    json_array_append_new(x->rows, r);
    return true;
}

enum db_status bill_export(struct db *db, const struct venue *v, const struct bill_filter *f,
                           const char *format, bool english, bool show_phone, char **data,
                           size_t *len, bool *too_many)
{
    *data = NULL;
    *len = 0;
    *too_many = false;
    struct tz *tz = tz_load(v->timezone);
    if (!tz) return DB_ERROR;
    struct bill_filter all = *f;
    all.limit = -1;
    all.offset = 0;
    int64_t count = 0, sum = 0;
    enum db_status s = bill_list(db, v->id, &all, &count, &sum, NULL, NULL);
    if (s == DB_OK && count > BILL_EXPORT_MAX_ROWS) {
        *too_many = true;
        tz_free(tz);
        return DB_INVALID;
    }
    struct export_ctx x = {json_array(), tz, english, show_phone};
    if (s == DB_OK) s = bill_list(db, v->id, &all, &count, &sum, add_row, &x);
    if (s == DB_OK) {
        struct table t = {"账单", "Bills", bill_cols, (int)(sizeof bill_cols / sizeof bill_cols[0]),
                          x.rows, false};
        *data = strcmp(format, "xlsx") == 0 ? export_xlsx(&t, 1, english, len)
                                            : export_csv(&t, 1, english, len);
        if (!*data) s = DB_ERROR;
    }
    json_decref(x.rows);
    tz_free(tz);
    return s;
}
