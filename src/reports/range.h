/* reports/range.h: the range of business days a report is asked for: parsed, defaulted and
 * capped the same way in the API and on the command line. Pure. */
#ifndef KTV_REPORTS_RANGE_H
#define KTV_REPORTS_RANGE_H

#include <stdbool.h>
#include <stdint.h>

/* Longest ranges served. The takings list every day with its payment methods: one year (a leap
 * year has 366 days) is what a manager compares; the sales summary folds into weeks and months,
 * so three years (one leap year) allow a year-on-year look. Longer asks are refused with a
 * message rather than answered slowly. */
#define TAKINGS_MAX_DAYS 366
#define SALES_MAX_DAYS 1096

/* Without dates: the takings show the last complete business day (yesterday's), the sales
 * summary the 30 business days that end with it. */
#define TAKINGS_DEFAULT_DAYS 1
#define SALES_DEFAULT_DAYS 30

/* Why a range was refused: the field to point at ("from" / "to"), a stable code, and a
 * sentence for a person in Chinese and English. */
struct range_problem {
    const char *field;
    const char *code; /* invalid_date | range_reversed | range_too_long */
    char message_zh[200], message_en[200];
};

/* Reads from and to ("YYYY-MM-DD", either may be NULL or empty). Both absent: the default_days
 * business days ending with last_day. One absent: the one-day range of the other. Refuses a
 * malformed or impossible date, from after to, and ranges longer than max_days. Fills *from_day
 * and *to_day (day numbers) and returns true, or fills *why and returns false. */
bool report_range_parse(const char *from, const char *to, int64_t last_day, int default_days,
                        int max_days, int64_t *from_day, int64_t *to_day,
                        struct range_problem *why);

#endif
