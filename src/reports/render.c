/* reports/render.c: reports as JSON and as export tables (see render.h). */
#include "reports/render.h"

#include "core/bizday.h"
#include "core/export.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool reports_last_day(const struct venue *v, int64_t now, int64_t *day)
{
    struct tz *tz = tz_load(v->timezone);
    if (!tz) {
        log_error("reports: venue %lld has time zone '%s', which cannot be loaded",
                  (long long)v->id, v->timezone);
        return false;
    }
    *day = bizday_of_instant(tz, v->cutoff_minutes, now) - 1;
    tz_free(tz);
    return true;
}

enum db_status reports_build(struct db *db, const struct venue *v, enum reports_kind kind,
                             int64_t from, int64_t to, json_t **out)
{
    *out = NULL;
    enum db_status s;
    if (kind == REPORTS_TAKINGS) {
        struct takings_report r;
        s = takings_report_load(db, v->id, from, to, &r);
        if (s == DB_OK) *out = reports_takings_json(&r);
        takings_report_free(&r);
    } else {
        struct tz *tz = tz_load(v->timezone);
        if (!tz) {
            log_error("reports: venue %lld has time zone '%s', which cannot be loaded",
                      (long long)v->id, v->timezone);
            return DB_ERROR;
        }
        struct sales_report r;
        s = sales_report_load(db, v->id, tz, from, to, &r);
        if (s == DB_OK) *out = reports_sales_json(&r);
        sales_report_free(&r);
        tz_free(tz);
    }
    if (s == DB_OK && !*out) s = DB_ERROR;
    return s;
}

/* ---- JSON ---- */

static json_t *jday(int64_t day)
{
    char s[11];
    date_format(day, s);
    return json_string(s);
}

static json_t *jint(int64_t v)
{
    return json_integer((json_int_t)v);
}

/* Sets key to value (taken). */
static void put(json_t *obj, const char *key, json_t *value)
{
    json_object_set_new(obj, key, value);
}

/* A string that may hold bytes a bill file brought in: jansson refuses invalid UTF-8, so such a
 * name is shown with replacement marks instead of disappearing. */
static json_t *jtext(const char *s)
{
    json_t *v = json_string(s);
    if (v) return v;
    char *copy = strdup(s);
    if (!copy) return json_string("?");
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p >= 0x80) *p = '?';
    v = json_string(copy);
    free(copy);
    return v;
}

/* {"cash": fen, "wechat": fen ...} over the methods the report uses, in display order: the
 * money kept by each (payments minus refunds). */
static json_t *methods_object(const struct takings_figures *f, const bool used[TAKINGS_METHODS])
{
    json_t *o = json_object();
    for (int i = 0; i < TAKINGS_METHODS; i++)
        if (used[i]) put(o, takings_methods[i].id, jint(takings_kept_fen(f, i)));
    return o;
}

json_t *reports_takings_json(const struct takings_report *r)
{
    bool used[TAKINGS_METHODS];
    takings_methods_used(&r->total, used);
    const struct takings_figures *t = &r->total;
    json_t *root = json_object();
    put(root, "from", jday(r->from));
    put(root, "to", jday(r->to));
    json_t *totals = json_object();
    put(totals, "bills_settled", jint(t->bills_settled));
    put(totals, "bills_voided", jint(t->bills_voided));
    put(totals, "gross_fen", jint(t->gross_fen));
    put(totals, "discount_fen", jint(t->discount_fen));
    put(totals, "service_fen", jint(t->service_fen));
    put(totals, "net_fen", jint(t->net_fen));
    put(totals, "voided_fen", jint(t->voided_fen));
    put(totals, "refunds_fen", jint(takings_refunds_fen(t)));
    put(totals, "collected_fen", jint(takings_collected_fen(t)));
    put(root, "totals", totals);

    /* Every method, always in the same order, so a cashier reads the same sheet every day;
     * "methods" lists the ids that have money in this range (the columns of days and cashiers).
     * amount_fen is what the method kept: paid_fen taken, refunded_fen given back. */
    json_t *by_method = json_array(), *methods = json_array();
    for (int i = 0; i < TAKINGS_METHODS; i++) {
        json_t *o = json_object();
        put(o, "method", json_string(takings_methods[i].id));
        put(o, "name", json_string(takings_methods[i].name_zh));
        put(o, "name_en", json_string(takings_methods[i].name_en));
        put(o, "amount_fen", jint(takings_kept_fen(t, i)));
        put(o, "count", jint(t->method_count[i]));
        put(o, "paid_fen", jint(t->method_fen[i]));
        put(o, "refunded_fen", jint(t->refund_fen[i]));
        put(o, "refund_count", jint(t->refund_count[i]));
        json_array_append_new(by_method, o);
        if (used[i]) json_array_append_new(methods, json_string(takings_methods[i].id));
    }
    put(root, "by_method", by_method);
    put(root, "methods", methods);

    json_t *room_types = json_array();
    for (size_t i = 0; i < r->room_types.n; i++) {
        const struct takings_group *g = &r->room_types.items[i];
        json_t *o = json_object();
        put(o, "room_type", jtext(g->name));
        put(o, "bills", jint(g->f.bills_settled));
        put(o, "net_fen", jint(g->f.net_fen));
        put(o, "bills_voided", jint(g->f.bills_voided));
        put(o, "voided_fen", jint(g->f.voided_fen));
        json_array_append_new(room_types, o);
    }
    put(root, "by_room_type", room_types);

    json_t *cashiers = json_array();
    for (size_t i = 0; i < r->cashiers.n; i++) {
        const struct takings_group *g = &r->cashiers.items[i];
        json_t *o = json_object();
        put(o, "cashier", jtext(g->name));
        put(o, "bills", jint(g->f.bills_settled));
        put(o, "net_fen", jint(g->f.net_fen));
        put(o, "bills_voided", jint(g->f.bills_voided));
        put(o, "voided_fen", jint(g->f.voided_fen));
        put(o, "refunds_fen", jint(takings_refunds_fen(&g->f)));
        put(o, "by_method", methods_object(&g->f, used));
        json_array_append_new(cashiers, o);
    }
    put(root, "by_cashier", cashiers);

    json_t *days = json_array();
    for (size_t i = 0; i < r->ndays; i++) {
        const struct takings_day *d = &r->days[i];
        json_t *o = json_object();
        put(o, "day", jday(d->day));
        put(o, "weekday", jint(sales_weekday(d->day)));
        put(o, "bills_settled", jint(d->f.bills_settled));
        put(o, "bills_voided", jint(d->f.bills_voided));
        put(o, "gross_fen", jint(d->f.gross_fen));
        put(o, "discount_fen", jint(d->f.discount_fen));
        put(o, "service_fen", jint(d->f.service_fen));
        put(o, "net_fen", jint(d->f.net_fen));
        put(o, "voided_fen", jint(d->f.voided_fen));
        put(o, "refunds_fen", jint(takings_refunds_fen(&d->f)));
        put(o, "collected_fen", jint(takings_collected_fen(&d->f)));
        put(o, "by_method", methods_object(&d->f, used));
        json_array_append_new(days, o);
    }
    put(root, "days", days);
    return root;
}

/* Adds {bills, net_fen} to o, plus the other sums where full is set; returns o. */
static json_t *add_sum(json_t *o, const struct sales_sum *s, bool full)
{
    put(o, "bills", jint(s->bills));
    put(o, "net_fen", jint(s->net_fen));
    if (full) {
        put(o, "gross_fen", jint(s->gross_fen));
        put(o, "discount_fen", jint(s->discount_fen));
        put(o, "service_fen", jint(s->service_fen));
        put(o, "average_fen", jint(sales_average_fen(s)));
        put(o, "crossing_midnight", jint(s->crossing_midnight));
    }
    return o;
}

/* A new object whose first member is key: value (taken), so each row reads key first. */
static json_t *row_of(const char *key, json_t *value)
{
    json_t *o = json_object();
    put(o, key, value);
    return o;
}

static json_t *items_json(const struct sales_item *items, size_t n, const char *qty_key)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct sales_item *it = &items[i];
        json_t *o = json_object();
        put(o, "item", jtext(it->name));
        put(o, qty_key, jint(it->qty));
        /* Unknown revenue is null, never 0: the legacy till kept no prices. */
        put(o, "revenue_fen", sales_item_revenue_known(it) ? jint(it->revenue_fen) : json_null());
        put(o, "revenue_partial", json_boolean(sales_item_revenue_partial(it)));
        json_array_append_new(a, o);
    }
    return a;
}

json_t *reports_sales_json(const struct sales_report *r)
{
    json_t *root = json_object();
    put(root, "from", jday(r->from));
    put(root, "to", jday(r->to));
    json_t *totals = add_sum(json_object(), &r->total, true);
    put(totals, "refunds_fen", jint(r->refunds_fen));
    put(root, "totals", totals);

    json_t *a = json_array();
    for (size_t i = 0; i < r->ndays; i++) {
        json_t *o = row_of("day", jday(r->days[i].day));
        put(o, "weekday", jint(sales_weekday(r->days[i].day)));
        add_sum(o, &r->days[i].s, false);
        put(o, "crossing_midnight", jint(r->days[i].s.crossing_midnight));
        json_array_append_new(a, o);
    }
    put(root, "by_day", a);

    a = json_array();
    for (size_t i = 0; i < r->nweeks; i++) {
        const struct sales_period *p = &r->weeks[i];
        char label[16];
        sales_week_label(p->year, p->number, label, sizeof label);
        json_t *o = row_of("week", json_string(label));
        put(o, "from", jday(p->from));
        put(o, "to", jday(p->to));
        add_sum(o, &p->s, false);
        json_array_append_new(a, o);
    }
    put(root, "by_week", a);

    a = json_array();
    for (size_t i = 0; i < r->nmonths; i++) {
        const struct sales_period *p = &r->months[i];
        char label[16];
        sales_month_label(p->year, p->number, label, sizeof label);
        json_t *o = row_of("month", json_string(label));
        put(o, "from", jday(p->from));
        put(o, "to", jday(p->to));
        add_sum(o, &p->s, false);
        json_array_append_new(a, o);
    }
    put(root, "by_month", a);

    a = json_array();
    for (size_t i = 0; i < r->room_types.n; i++) {
        const struct takings_group *g = &r->room_types.items[i];
        json_t *o = json_object();
        put(o, "room_type", jtext(g->name));
        put(o, "bills", jint(g->f.bills_settled));
        put(o, "net_fen", jint(g->f.net_fen));
        json_array_append_new(a, o);
    }
    put(root, "by_room_type", a);

    a = json_array();
    for (int h = 0; h < 24; h++) {
        json_t *o = add_sum(row_of("hour", jint(h)), &r->hours[h], false);
        json_array_append_new(a, o);
    }
    put(root, "by_hour", a);

    a = json_array();
    for (int w = 1; w <= 7; w++) {
        json_t *o = row_of("weekday", jint(w));
        put(o, "name", json_string(sales_weekday_name(w, false)));
        put(o, "name_en", json_string(sales_weekday_name(w, true)));
        add_sum(o, &r->weekdays[w - 1], false);
        json_array_append_new(a, o);
    }
    put(root, "by_weekday", a);

    put(root, "goods", items_json(r->goods, r->ngoods, "qty"));
    put(root, "packages", items_json(r->packages, r->npackages, "count"));
    put(root, "crossing_midnight", jint(r->total.crossing_midnight));
    return root;
}

/* ---- export tables ---- */

/* Room for the largest table: the takings days have 11 columns plus one per payment method
 * (20 at most), and the sales summary has 9 sections. */
#define MAX_TABLES 10
#define MAX_COLS 24

struct tables {
    struct table t[MAX_TABLES];
    struct table_col cols[MAX_TABLES][MAX_COLS];
    json_t *rows[MAX_TABLES]; /* owned */
    int n;
    bool english;
};

/* Starts a table whose rows (taken) the caller fills; returns it. */
static struct table *table_new(struct tables *x, const char *title_zh, const char *title_en,
                               json_t *rows, bool totals)
{
    struct table *t = &x->t[x->n];
    x->rows[x->n] = rows;
    t->title_zh = title_zh;
    t->title_en = title_en;
    t->cols = x->cols[x->n];
    t->ncols = 0;
    t->rows = rows;
    t->totals = totals;
    x->n++;
    return t;
}

static void col(struct tables *x, struct table *t, const char *key, const char *zh, const char *en,
                enum col_type type)
{
    if (t->ncols >= MAX_COLS) return;
    x->cols[x->n - 1][t->ncols++] = (struct table_col){key, zh, en, type};
}

static void tables_free(struct tables *x)
{
    for (int i = 0; i < x->n; i++)
        json_decref(x->rows[i]);
}

/* Keys of the flattened method columns, in display order. */
static const char *const method_keys[TAKINGS_METHODS] = {
    "m_cash",    "m_wechat", "m_alipay", "m_card",  "m_member",
    "m_voucher", "m_credit", "m_mixed",  "m_other",
};

/* Copies the rows of array key of report, flattening by_method into m_<id> keys and adding the
 * weekday's name where a row has a weekday number. The result is owned by the caller. */
static json_t *flat_rows(const json_t *report, const char *key, bool english)
{
    json_t *out = json_array();
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(report, key), i, row)
    {
        json_t *o = json_copy(row);
        json_t *bm = json_object_get(row, "by_method");
        if (bm) {
            for (int m = 0; m < TAKINGS_METHODS; m++) {
                json_t *v = json_object_get(bm, takings_methods[m].id);
                if (v) json_object_set(o, method_keys[m], v);
            }
            json_object_del(o, "by_method");
        }
        /* A bill without a cashier or room type (the legacy till left some blank) gets a
         * visible label in the tables; the JSON keeps the empty string as stored. */
        static const char *const named[] = {"cashier", "room_type", "item"};
        for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
            const char *v = json_string_value(json_object_get(o, named[k]));
            if (v && !*v) put(o, named[k], json_string(english ? "(not recorded)" : "（未记录）"));
        }
        json_t *wd = json_object_get(row, "weekday");
        if (json_is_integer(wd))
            put(o, "weekday_name",
                json_string(sales_weekday_name((int)json_integer_value(wd), english)));
        json_t *h = json_object_get(row, "hour");
        if (json_is_integer(h)) {
            char label[16];
            snprintf(label, sizeof label, "%02d:00-%02d:59", (int)json_integer_value(h),
                     (int)json_integer_value(h));
            put(o, "hour_label", json_string(label));
        }
        json_array_append_new(out, o);
    }
    return out;
}

/* Adds one column per payment method the report uses. */
static void method_cols(struct tables *x, struct table *t, const json_t *report)
{
    size_t i;
    json_t *id;
    json_array_foreach(json_object_get(report, "methods"), i, id)
    {
        int m = takings_method_index(json_string_value(id));
        col(x, t, method_keys[m], takings_methods[m].name_zh, takings_methods[m].name_en,
            COL_MONEY);
    }
}

/* A summary line: item, count (may be absent), amount (may be absent). */
static void summary_row(json_t *rows, const char *item, const json_t *count, const json_t *amount)
{
    json_t *o = json_object();
    put(o, "item", json_string(item));
    if (count) put(o, "count", json_copy((json_t *)count));
    if (amount) put(o, "amount", json_copy((json_t *)amount));
    json_array_append_new(rows, o);
}

/* Starts the summary table: one line naming the range; the caller adds the figures to the rows
 * it returns (borrowed: the tables own them). */
static json_t *summary_table(struct tables *x, const json_t *report)
{
    json_t *rows = json_array();
    char range[80];
    const char *from = json_string_value(json_object_get(report, "from"));
    const char *to = json_string_value(json_object_get(report, "to"));
    snprintf(range, sizeof range, x->english ? "Business days %s to %s" : "营业日 %s 至 %s",
             from ? from : "", to ? to : "");
    summary_row(rows, range, NULL, NULL);
    struct table *t = table_new(x, "汇总", "Summary", rows, false);
    col(x, t, "item", "项目", "Item", COL_TEXT);
    col(x, t, "count", "单数", "Bills", COL_INT);
    col(x, t, "amount", "金额", "Amount", COL_MONEY);
    return rows;
}

static void takings_tables(struct tables *x, const json_t *report)
{
    bool en = x->english;
    json_t *tot = json_object_get(report, "totals");
    json_t *rows = summary_table(x, report);
    summary_row(rows, en ? "Settled bills (net takings)" : "结账账单（实收）",
                json_object_get(tot, "bills_settled"), json_object_get(tot, "net_fen"));
    summary_row(rows, en ? "Gross" : "应收", NULL, json_object_get(tot, "gross_fen"));
    summary_row(rows, en ? "Discounts (incl. rounding)" : "优惠（含抹零）", NULL,
                json_object_get(tot, "discount_fen"));
    summary_row(rows, en ? "Service charge" : "服务费", NULL, json_object_get(tot, "service_fen"));
    summary_row(rows, en ? "Net takings" : "实收", NULL, json_object_get(tot, "net_fen"));
    /* An imported void never reached the takings; a front-desk void shows here on the day it
     * was made, its money in the refunds below. */
    summary_row(rows, en ? "Voided bills" : "作废账单", json_object_get(tot, "bills_voided"),
                json_object_get(tot, "voided_fen"));
    summary_row(rows, en ? "Refunds (incl. voids' refunds)" : "退款（含作废退款）", NULL,
                json_object_get(tot, "refunds_fen"));
    summary_row(rows, en ? "Collected (payments less refunds)" : "收款净额（收款减退款）", NULL,
                json_object_get(tot, "collected_fen"));

    struct table *t =
        table_new(x, "收款方式", "Payment methods", flat_rows(report, "by_method", en), true);
    col(x, t, en ? "name_en" : "name", "收款方式", "Method", COL_TEXT);
    col(x, t, "count", "笔数", "Payments", COL_INT);
    col(x, t, "paid_fen", "收款", "Paid", COL_MONEY);
    col(x, t, "refunded_fen", "退款", "Refunded", COL_MONEY);
    col(x, t, "amount_fen", "净额", "Kept", COL_MONEY);

    t = table_new(x, "房型", "Room types", flat_rows(report, "by_room_type", en), true);
    col(x, t, "room_type", "房型", "Room type", COL_TEXT);
    col(x, t, "bills", "结账单数", "Bills", COL_INT);
    col(x, t, "net_fen", "实收", "Net", COL_MONEY);
    col(x, t, "bills_voided", "作废单数", "Voided", COL_INT);

    t = table_new(x, "收银员", "Cashiers", flat_rows(report, "by_cashier", en), true);
    col(x, t, "cashier", "收银员", "Cashier", COL_TEXT);
    col(x, t, "bills", "结账单数", "Bills", COL_INT);
    col(x, t, "net_fen", "实收", "Net", COL_MONEY);
    col(x, t, "refunds_fen", "退款", "Refunds", COL_MONEY);
    method_cols(x, t, report);
    col(x, t, "bills_voided", "作废单数", "Voided", COL_INT);

    t = table_new(x, "每日", "Days", flat_rows(report, "days", en), true);
    col(x, t, "day", "营业日", "Business day", COL_DATE);
    col(x, t, "weekday_name", "星期", "Weekday", COL_TEXT);
    col(x, t, "bills_settled", "结账单数", "Bills", COL_INT);
    col(x, t, "gross_fen", "应收", "Gross", COL_MONEY);
    col(x, t, "discount_fen", "优惠", "Discounts", COL_MONEY);
    col(x, t, "service_fen", "服务费", "Service", COL_MONEY);
    col(x, t, "net_fen", "实收", "Net", COL_MONEY);
    col(x, t, "refunds_fen", "退款", "Refunds", COL_MONEY);
    method_cols(x, t, report);
    col(x, t, "bills_voided", "作废单数", "Voided", COL_INT);
    col(x, t, "voided_fen", "作废金额", "Voided amount", COL_MONEY);
}

static void sales_tables(struct tables *x, const json_t *report)
{
    bool en = x->english;
    json_t *tot = json_object_get(report, "totals");
    json_t *rows = summary_table(x, report);
    summary_row(rows, en ? "Settled bills (net sales)" : "结账账单（实收）",
                json_object_get(tot, "bills"), json_object_get(tot, "net_fen"));
    summary_row(rows, en ? "Gross" : "应收", NULL, json_object_get(tot, "gross_fen"));
    summary_row(rows, en ? "Discounts" : "优惠", NULL, json_object_get(tot, "discount_fen"));
    summary_row(rows, en ? "Service charge" : "服务费", NULL, json_object_get(tot, "service_fen"));
    summary_row(rows, en ? "Average per bill" : "单均消费", NULL,
                json_object_get(tot, "average_fen"));
    summary_row(rows, en ? "Bills crossing midnight" : "跨零点账单",
                json_object_get(report, "crossing_midnight"), NULL);
    summary_row(rows, en ? "Refunded since (part refunds)" : "其后部分退款", NULL,
                json_object_get(tot, "refunds_fen"));

    struct table *t = table_new(x, "按日", "By day", flat_rows(report, "by_day", en), true);
    col(x, t, "day", "营业日", "Business day", COL_DATE);
    col(x, t, "weekday_name", "星期", "Weekday", COL_TEXT);
    col(x, t, "bills", "单数", "Bills", COL_INT);
    col(x, t, "net_fen", "实收", "Net", COL_MONEY);

    t = table_new(x, "按周", "By week", flat_rows(report, "by_week", en), true);
    col(x, t, "week", "周", "Week", COL_TEXT);
    col(x, t, "from", "起", "From", COL_DATE);
    col(x, t, "to", "止", "To", COL_DATE);
    col(x, t, "bills", "单数", "Bills", COL_INT);
    col(x, t, "net_fen", "实收", "Net", COL_MONEY);

    t = table_new(x, "按月", "By month", flat_rows(report, "by_month", en), true);
    col(x, t, "month", "月份", "Month", COL_TEXT);
    col(x, t, "bills", "单数", "Bills", COL_INT);
    col(x, t, "net_fen", "实收", "Net", COL_MONEY);

    t = table_new(x, "按房型", "By room type", flat_rows(report, "by_room_type", en), true);
    col(x, t, "room_type", "房型", "Room type", COL_TEXT);
    col(x, t, "bills", "单数", "Bills", COL_INT);
    col(x, t, "net_fen", "实收", "Net", COL_MONEY);

    t = table_new(x, "按开房时段", "By opening hour", flat_rows(report, "by_hour", en), true);
    col(x, t, "hour_label", "开房时段", "Opened", COL_TEXT);
    col(x, t, "bills", "单数", "Bills", COL_INT);
    col(x, t, "net_fen", "实收", "Net", COL_MONEY);

    t = table_new(x, "按星期", "By weekday", flat_rows(report, "by_weekday", en), true);
    col(x, t, en ? "name_en" : "name", "星期", "Weekday", COL_TEXT);
    col(x, t, "bills", "单数", "Bills", COL_INT);
    col(x, t, "net_fen", "实收", "Net", COL_MONEY);

    /* Quantities of different goods do not add up to anything: no totals row. */
    t = table_new(x, "商品", "Goods", flat_rows(report, "goods", en), false);
    col(x, t, "item", "商品", "Item", COL_TEXT);
    col(x, t, "qty", "数量", "Quantity", COL_INT);
    col(x, t, "revenue_fen", "销售额", "Revenue", COL_MONEY);

    t = table_new(x, "套餐", "Packages", flat_rows(report, "packages", en), false);
    col(x, t, "item", "套餐", "Package", COL_TEXT);
    col(x, t, "count", "份数", "Count", COL_INT);
    col(x, t, "revenue_fen", "销售额", "Revenue", COL_MONEY);
}

char *reports_export(const json_t *report, enum reports_kind kind, enum reports_format format,
                     bool english, size_t *len)
{
    struct tables x = {.english = english};
    if (kind == REPORTS_TAKINGS)
        takings_tables(&x, report);
    else
        sales_tables(&x, report);
    char *out = NULL;
    *len = 0;
    switch (format) {
    case REPORTS_CSV:
        out = export_csv(x.t, x.n, english, len);
        break;
    case REPORTS_XLSX:
        out = export_xlsx(x.t, x.n, english, len);
        break;
    case REPORTS_TEXT:
        out = export_text(x.t, x.n, english, len);
        break;
    }
    tables_free(&x);
    return out;
}

void reports_filename(const json_t *report, enum reports_kind kind, const char *ext, bool english,
                      char *out, size_t n)
{
    const char *name = kind == REPORTS_TAKINGS ? (english ? "daily-takings" : "营业日报")
                                               : (english ? "sales-summary" : "销售汇总");
    const char *from = json_string_value(json_object_get(report, "from"));
    const char *to = json_string_value(json_object_get(report, "to"));
    snprintf(out, n, "%s_%s_%s.%s", name, from ? from : "", to ? to : "", ext);
}
