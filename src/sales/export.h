/* sales/export.h: the bill list as a spreadsheet (CSV or .xlsx), shared by the API
 * (GET /api/v1/bills/export) and the CLI (ktvoffice export bills). Bill numbers and phones are
 * text columns so that Excel keeps their leading zeros (case I3: "021547896774077"). */
#ifndef KTV_SALES_EXPORT_H
#define KTV_SALES_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/db.h"
#include "core/venue.h"
#include "sales/store.h"

/* Excel holds 1,048,576 rows a sheet; a venue's year is about 100,000 bills. Beyond this the
 * caller is asked to narrow the dates rather than building a file nobody can open. */
#define BILL_EXPORT_MAX_ROWS 500000

/* Writes the bills of venue v matching f (limit and offset ignored) as "csv" or "xlsx" into
 * *data (malloc'd, caller frees), times in the venue's zone, titles in Chinese or English.
 * show_phone false masks member phones. DB_INVALID with *too_many set when more than
 * BILL_EXPORT_MAX_ROWS match; DB_ERROR if the file could not be made. */
enum db_status bill_export(struct db *db, const struct venue *v, const struct bill_filter *f,
                           const char *format, bool english, bool show_phone, char **data,
                           size_t *len, bool *too_many);

/* Masks a phone for roles that do not need it: "13812345678" -> "138****5678". */
void bill_mask_phone(const char *phone, char out[44]);

#endif
