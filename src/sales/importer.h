/* sales/importer.h: the shell of the bill import: checks the files with the pure rules
 * (import.h), then writes the valid bills in one write transaction, with the master data they
 * name, an import_batches row and one audit record. Used by the CLI and the API alike, so both
 * give the same report. */
#ifndef KTV_SALES_IMPORTER_H
#define KTV_SALES_IMPORTER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/audit.h"
#include "core/db.h"
#include "core/venue.h"
#include "sales/import.h"

/* At most this many errors and warnings are listed in a report (the counts are always exact
 * and the rejects file has every rejected row): a million bad rows would otherwise make a
 * reply of hundreds of MB. */
#define IMPORT_REPORT_MAX_ISSUES 1000

struct import_options {
    bool skip_invalid; /* import the valid bills, reject the others (default: all or nothing) */
    bool dry_run;      /* check and report, write nothing */
    bool english;      /* "reason" and the rejects file in English */
    const char *files; /* the file names, recorded with the batch ("bills.csv, ...") */
    import_progress_fn progress; /* a line every IMPORT_PROGRESS_EVERY rows; may be NULL */
    void *progress_ctx;
};

/* What an import did. */
struct import_outcome {
    enum db_status status; /* DB_OK unless the database failed (then nothing was written) */
    bool refused;          /* errors and no skip_invalid, or a file unusable: nothing written */
    bool committed;        /* the bills were written (false for refused and dry runs) */
    int64_t batch_id;      /* 0 unless committed */
    json_t *report;        /* the report (owned by the caller: json_decref) */
    char *rejects_csv;     /* the rejected rows as CSV (owned, malloc'd), NULL if none */
    size_t rejects_len;
};

/* Imports the three files (raw bytes, borrowed; data[i] NULL if a file is missing) into venue v
 * as who. The report is
 *   {batch_id, dry_run, committed, refused, rows_read, imported, settled, voided,
 *    settled_total_fen, duplicates, rejected_count, rejected_rows, errors_total,
 *    warnings_total, errors:[{file,row,column,reason,reason_zh,reason_en}], warnings:[...],
 *    created:{rooms:[],room_types:[],products:[],packages:[]}, encodings:{...}}.
 * Runs its own transaction on db (none may be open). The outcome's report is NULL only when
 * memory ran out (status DB_ERROR). */
struct import_outcome import_bills(struct db *db, const struct venue *v, const struct actor *who,
                                   const char *const data[IMPORT_NFILES],
                                   const size_t len[IMPORT_NFILES], const struct import_options *o);

/* Frees what an outcome owns. */
void import_outcome_free(struct import_outcome *out);

#endif
