/* reports/store.h: the SQL of the reports: settled and voided bills summed by business day.
 *
 * Every query selects a range of business days of the per-day totals that triggers keep
 * (sql/005_report_totals.sql) and sums integer fen in SQL with GROUP BY; the folding into weeks,
 * months, weekdays, hours and groups is done by the pure rules (takings.h, sales.h) on the few
 * thousand rows that come back, so a year of a busy venue (1,000,000 bills) takes about 0.1 s. */
#ifndef KTV_REPORTS_STORE_H
#define KTV_REPORTS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/bizday.h"
#include "core/db.h"
#include "reports/sales.h"
#include "reports/takings.h"

/* The daily takings (营业日报) of a range of business days. */
struct takings_report {
    int64_t from, to;         /* day numbers, inclusive */
    struct takings_day *days; /* owned: every day of the range, ascending */
    size_t ndays;
    struct takings_figures total;     /* the sum of the days */
    struct takings_groups room_types; /* settled bills and voids per room type, by net */
    struct takings_groups cashiers;   /* per cashier with payments by method, by net */
};

/* Loads the takings of venue_id's business days from..to (from <= to; the caller caps the
 * range). Runs its queries in one read transaction so that the figures agree with each other;
 * must not be called inside another transaction. On DB_OK the caller owns *r
 * (takings_report_free); on an error *r is left empty. */
enum db_status takings_report_load(struct db *db, int64_t venue_id, int64_t from, int64_t to,
                                   struct takings_report *r);
/* Releases what a report owns; accepts a zeroed report. */
void takings_report_free(struct takings_report *r);

/* The sales summary of a range of business days: the bills that were settled and stayed so
 * (a bill voided at the front desk later is taken out of its day). */
struct sales_report {
    int64_t from, to;
    struct sales_day *days; /* owned: every day of the range, ascending */
    size_t ndays;
    struct sales_sum total;
    struct sales_period *weeks; /* owned: ISO weeks touched by the range */
    size_t nweeks;
    struct sales_period *months; /* owned: months of business days touched by the range */
    size_t nmonths;
    struct sales_sum weekdays[7];     /* [0] Monday ... [6] Sunday */
    struct sales_sum hours[24];       /* by the local hour the stay opened */
    struct takings_groups room_types; /* bills_settled and net_fen used */
    struct sales_item *goods;         /* owned: bill lines of kind goods, by quantity */
    size_t ngoods;
    struct sales_item *packages; /* owned: bill lines of kind package, by count */
    size_t npackages;
    int64_t refunds_fen; /* partial refunds of these days' bills, wherever given back */
};

/* Loads the sales summary of venue_id's business days from..to. tz is the venue's zone, used
 * to tell which bills crossed local midnight. One read transaction, as takings_report_load.
 * On DB_OK the caller owns *r (sales_report_free). */
enum db_status sales_report_load(struct db *db, int64_t venue_id, const struct tz *tz, int64_t from,
                                 int64_t to, struct sales_report *r);
/* Releases what a report owns; accepts a zeroed report. */
void sales_report_free(struct sales_report *r);

#endif
