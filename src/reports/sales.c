/* reports/sales.c: the pure rules of the sales summary (see sales.h). */
#include "reports/sales.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sales_add(struct sales_sum *into, const struct sales_sum *add)
{
    into->bills += add->bills;
    into->gross_fen += add->gross_fen;
    into->discount_fen += add->discount_fen;
    into->service_fen += add->service_fen;
    into->net_fen += add->net_fen;
    into->crossing_midnight += add->crossing_midnight;
}

size_t sales_fill_days(int64_t from, int64_t to, const struct sales_day *rows, size_t nrows,
                       struct sales_day *days)
{
    if (to < from) return nrows;
    size_t ndays = (size_t)(to - from + 1);
    memset(days, 0, ndays * sizeof *days);
    for (size_t i = 0; i < ndays; i++)
        days[i].day = from + (int64_t)i;
    size_t outside = 0;
    for (size_t i = 0; i < nrows; i++) {
        if (rows[i].day < from || rows[i].day > to) {
            outside++;
            continue;
        }
        sales_add(&days[rows[i].day - from].s, &rows[i].s);
    }
    return outside;
}

void sales_total(const struct sales_day *days, size_t n, struct sales_sum *total)
{
    memset(total, 0, sizeof *total);
    for (size_t i = 0; i < n; i++)
        sales_add(total, &days[i].s);
}

int sales_weekday(int64_t day)
{
    int wd = weekday_from_days(day); /* 0 = Sunday */
    return wd == 0 ? 7 : wd;
}

const char *sales_weekday_name(int weekday, bool english)
{
    static const char *const zh[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
    static const char *const en[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    if (weekday < 1 || weekday > 7) return "";
    return english ? en[weekday - 1] : zh[weekday - 1];
}

/* n days touch at most ceil(n / 7) + 1 weeks (a partial week at each end) and ceil(n / 28) + 1
 * months; the bounds below are a little looser and never too small. */
size_t sales_weeks_max(size_t ndays)
{
    return ndays / 7 + 2;
}

size_t sales_months_max(size_t ndays)
{
    return ndays / 28 + 2;
}

/* Folds consecutive days into periods whose key (year, number) is given by key_of; a new
 * period starts whenever the key changes. */
static size_t fold(const struct sales_day *days, size_t n, struct sales_period *out,
                   void (*key_of)(int64_t day, int *year, int *number))
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int year, number;
        key_of(days[i].day, &year, &number);
        if (k == 0 || out[k - 1].year != year || out[k - 1].number != number ||
            days[i].day != out[k - 1].to + 1) {
            memset(&out[k], 0, sizeof out[k]);
            out[k].from = days[i].day;
            out[k].year = year;
            out[k].number = number;
            k++;
        }
        out[k - 1].to = days[i].day;
        sales_add(&out[k - 1].s, &days[i].s);
    }
    return k;
}

static void week_key(int64_t day, int *year, int *number)
{
    iso_week(day, year, number);
}

static void month_key(int64_t day, int *year, int *number)
{
    int d;
    civil_from_days(day, year, number, &d);
}

size_t sales_by_week(const struct sales_day *days, size_t n, struct sales_period *out)
{
    return fold(days, n, out, week_key);
}

size_t sales_by_month(const struct sales_day *days, size_t n, struct sales_period *out)
{
    return fold(days, n, out, month_key);
}

void sales_by_weekday(const struct sales_day *days, size_t n, struct sales_sum out[7])
{
    memset(out, 0, 7 * sizeof *out);
    for (size_t i = 0; i < n; i++)
        sales_add(&out[sales_weekday(days[i].day) - 1], &days[i].s);
}

size_t sales_by_hour(const struct sales_hour_row *rows, size_t n, struct sales_sum out[24])
{
    memset(out, 0, 24 * sizeof *out);
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].hour < 0 || rows[i].hour > 23) {
            bad++;
            continue;
        }
        sales_add(&out[rows[i].hour], &rows[i].s);
    }
    return bad;
}

int64_t sales_average_fen(const struct sales_sum *s)
{
    if (s->bills <= 0) return 0;
    int64_t q = s->net_fen / s->bills, r = s->net_fen % s->bills;
    /* Half away from zero: compare twice the remainder with the divisor. */
    if (r > 0 && 2 * r >= s->bills) q++;
    if (r < 0 && -2 * r >= s->bills) q--;
    return q;
}

void sales_week_label(int iso_year, int week, char *out, size_t n)
{
    snprintf(out, n, "%04d-W%02d", iso_year, week);
}

void sales_month_label(int year, int month, char *out, size_t n)
{
    snprintf(out, n, "%04d-%02d", year, month);
}

bool sales_item_revenue_known(const struct sales_item *it)
{
    return it->priced_lines > 0;
}

bool sales_item_revenue_partial(const struct sales_item *it)
{
    return it->priced_lines > 0 && it->priced_lines < it->lines;
}

static int item_order(const void *a, const void *b)
{
    const struct sales_item *x = a, *y = b;
    if (x->qty != y->qty) return x->qty > y->qty ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int item_name_order(const void *a, const void *b)
{
    const struct sales_item *x = a, *y = b;
    return strcmp(x->name, y->name);
}

size_t sales_items_merge(struct sales_item *items, size_t n)
{
    if (n > 1) qsort(items, n, sizeof *items, item_name_order);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k > 0 && strcmp(items[k - 1].name, items[i].name) == 0) {
            struct sales_item *m = &items[k - 1];
            m->qty += items[i].qty;
            m->revenue_fen += items[i].revenue_fen;
            m->lines += items[i].lines;
            m->priced_lines += items[i].priced_lines;
            continue;
        }
        if (k != i) items[k] = items[i];
        k++;
    }
    /* Items whose every line belonged to voided bills are gone. */
    size_t kept = 0;
    for (size_t i = 0; i < k; i++)
        if (items[i].lines != 0) {
            if (kept != i) items[kept] = items[i];
            kept++;
        }
    return kept;
}

void sales_items_sort(struct sales_item *items, size_t n)
{
    if (n > 1) qsort(items, n, sizeof *items, item_order);
}

bool sales_crosses_midnight(int64_t opened_at, int64_t closed_at, int32_t offset_s)
{
    return (closed_at + offset_s) / 86400 > (opened_at + offset_s) / 86400;
}

size_t sales_offset_segments(const struct tz *tz, int64_t from, int64_t to,
                             struct sales_offset_segment *out)
{
    size_t k = 0;
    for (int64_t d = from; d <= to; d++) {
        struct civil midnight = {0};
        civil_from_days(d + 1, &midnight.year, &midnight.month, &midnight.day);
        int32_t off = tz_offset_at(tz, tz_from_local(tz, &midnight));
        if (k > 0 && out[k - 1].offset_s == off) {
            out[k - 1].to = d;
            continue;
        }
        out[k].from = out[k].to = d;
        out[k].offset_s = off;
        k++;
    }
    return k;
}
