/* reports/sales.h: the pure rules of the sales summary (销售数据分析).
 *
 * The store aggregates settled bills per business day (and per opening hour, room type, item) in
 * SQL; the rules here put the days on a dense calendar and fold them into ISO weeks, calendar
 * months of business days, weekdays and hours of the day, add up totals and averages, order the
 * goods and packages, and decide which bills crossed midnight. Every date is a business day in
 * the venue's zone, never a UTC date. Plain structs, no SQL, no JSON, no I/O. */
#ifndef KTV_REPORTS_SALES_H
#define KTV_REPORTS_SALES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/bizday.h"

/* What a set of settled bills adds up to. */
struct sales_sum {
    int64_t bills;
    int64_t gross_fen, discount_fen, service_fen, net_fen;
    int64_t crossing_midnight; /* bills closed on a later local calendar day than opened */
};

/* One business day (a day number: days since 1970-01-01). */
struct sales_day {
    int64_t day;
    struct sales_sum s;
};

/* A run of consecutive days: an ISO week (year = ISO year, number = week 1-53) or a month of
 * business days (year, number = month 1-12). from and to are the first and last day of the run
 * that lie in the report's range, so the first and last weeks of a range may be partial. */
struct sales_period {
    int64_t from, to;
    int year, number;
    struct sales_sum s;
};

/* Adds every field of add into into. */
void sales_add(struct sales_sum *into, const struct sales_sum *add);

/* Places sparse rows (any order; rows of one day are added) onto the dense calendar from..to:
 * days must hold to - from + 1 entries, which are overwritten; days without rows get zeros.
 * Returns the number of rows outside the range (not placed). */
size_t sales_fill_days(int64_t from, int64_t to, const struct sales_day *rows, size_t nrows,
                       struct sales_day *days);

/* The sum of n days into *total (overwritten). */
void sales_total(const struct sales_day *days, size_t n, struct sales_sum *total);

/* The weekday of a business day: 1 = Monday ... 7 = Sunday (ISO). The business day of a bill
 * settled at 01:40 on a Saturday is the Friday, so it counts as a Friday. */
int sales_weekday(int64_t day);
/* 周一..周日 / Mon..Sun for 1..7; "" outside. Static strings. */
const char *sales_weekday_name(int weekday, bool english);

/* Upper bounds of the periods n consecutive days can fall into, for sizing the out arrays. */
size_t sales_weeks_max(size_t ndays);
size_t sales_months_max(size_t ndays);

/* Folds consecutive days (ascending, as sales_fill_days leaves them) into ISO weeks; returns
 * how many periods were written to out (at most sales_weeks_max(n)). A week that spans a year
 * boundary is one week: 2020-12-31 and 2021-01-03 are both in 2020-W53. */
size_t sales_by_week(const struct sales_day *days, size_t n, struct sales_period *out);
/* Folds consecutive days into months of business days (at most sales_months_max(n)). */
size_t sales_by_month(const struct sales_day *days, size_t n, struct sales_period *out);
/* Folds days by weekday: out[0] is Monday ... out[6] Sunday (overwritten). */
void sales_by_weekday(const struct sales_day *days, size_t n, struct sales_sum out[7]);

/* One aggregated row per local hour (0-23) at which stays opened. */
struct sales_hour_row {
    int hour;
    struct sales_sum s;
};
/* Buckets rows into out[0..23] (overwritten; hours without rows are zero). Returns the number
 * of rows with an hour outside 0-23, which are not counted (the schema forbids them). */
size_t sales_by_hour(const struct sales_hour_row *rows, size_t n, struct sales_sum out[24]);

/* The average net per bill, rounded half away from zero to the fen; 0 without bills. */
int64_t sales_average_fen(const struct sales_sum *s);

/* "2019-W06" (out: at least 12 bytes) and "2019-01" (at least 8 bytes). */
void sales_week_label(int iso_year, int week, char *out, size_t n);
void sales_month_label(int year, int month, char *out, size_t n);

/* A product or package sold: quantity, and revenue where the bills kept amounts. */
struct sales_item {
    char name[208];
    int64_t qty;
    int64_t revenue_fen;  /* sum over the priced lines only */
    int64_t lines;        /* bill lines of this item */
    int64_t priced_lines; /* of which with a known amount */
};
/* Revenue is known when at least one line had an amount; partial when some lines had none
 * (the legacy data kept no prices: then revenue is unknown, shown as null, never as 0). */
bool sales_item_revenue_known(const struct sales_item *it);
bool sales_item_revenue_partial(const struct sales_item *it);
/* Merges rows of the same item (adding their figures: rows with negative figures take voided
 * bills' lines out) and drops items left with no line. Returns the new count; the order is
 * by name. */
size_t sales_items_merge(struct sales_item *items, size_t n);
/* Sorts items by quantity, largest first; equal quantities by name (byte order). */
void sales_items_sort(struct sales_item *items, size_t n);

/* True when a stay opened at opened_at and closed at closed_at (UTC seconds) closed on a later
 * local calendar day than it opened, with the zone's UTC offset offset_s (east positive).
 * The store's SQL applies the same formula (integer division of the shifted instants by 86400)
 * so the rule is testable here; instants are after 1970, where truncation equals floor. */
bool sales_crosses_midnight(int64_t opened_at, int64_t closed_at, int32_t offset_s);

/* A run of business days over which the zone's offset at local midnight does not change; in
 * zones without daylight saving (Asia/Shanghai) the whole range is one segment. */
struct sales_offset_segment {
    int64_t from, to;
    int32_t offset_s;
};
/* Splits from..to into segments (out must hold to - from + 1 entries, the worst case). For
 * day D the offset is the one in force at the local midnight that ends D (D+1 00:00), the
 * midnight its late bills cross. Returns the number of segments. Pure given the loaded zone. */
size_t sales_offset_segments(const struct tz *tz, int64_t from, int64_t to,
                             struct sales_offset_segment *out);

#endif
