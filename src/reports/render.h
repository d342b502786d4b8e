/* reports/render.h: the reports as people and programs receive them: the JSON the API answers
 * (and `ktvoffice report --format json` prints), and the tables written as CSV, .xlsx or
 * terminal text by core/export.h. The exports are built from the JSON, so the page, the
 * command line and the workbook cannot disagree. */
#ifndef KTV_REPORTS_RENDER_H
#define KTV_REPORTS_RENDER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/db.h"
#include "core/venue.h"
#include "reports/store.h"

enum reports_kind { REPORTS_TAKINGS, REPORTS_SALES };

/* The last complete business day of a venue at UTC instant now ("yesterday's" business day:
 * at 03:00 on the 6th the 5th is still open, so it is the 4th). Returns false if the venue's
 * time zone cannot be loaded. */
bool reports_last_day(const struct venue *v, int64_t now, int64_t *day);

/* Loads a report of the venue's business days from..to (already checked and capped) and
 * returns its JSON in *out (the caller owns it). DB_ERROR also when the venue's zone cannot be
 * loaded (logged). */
enum db_status reports_build(struct db *db, const struct venue *v, enum reports_kind kind,
                             int64_t from, int64_t to, json_t **out);

/* The JSON of a loaded report (caller owns the result). */
json_t *reports_takings_json(const struct takings_report *r);
json_t *reports_sales_json(const struct sales_report *r);

/* Output formats of the exports. */
enum reports_format { REPORTS_CSV, REPORTS_XLSX, REPORTS_TEXT };

/* Writes a report's JSON (from reports_build) as CSV, .xlsx or terminal text, in Chinese or
 * English headers. Returns malloc'd bytes (caller frees) and their length, or NULL if the
 * workbook could not be written (logged). */
char *reports_export(const json_t *report, enum reports_kind kind, enum reports_format format,
                     bool english, size_t *len);

/* The download name: 营业日报_2019-02-05_2019-02-05.xlsx / 销售汇总_... (daily-takings_... and
 * sales-summary_... in English). ext without the dot. */
void reports_filename(const json_t *report, enum reports_kind kind, const char *ext, bool english,
                      char *out, size_t n);

#endif
