/* export.h: one table model for every list and report, written out as CSV, Excel (.xlsx), a
 * plain-text table for the terminal, or left as JSON.
 *
 * A table is a title, typed columns and rows (a JSON array of objects keyed by column key), so
 * the same rows an endpoint answers with are what the exports write: the page, the CSV and the
 * workbook cannot disagree. */
#ifndef KTV_EXPORT_H
#define KTV_EXPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

enum col_type {
    COL_TEXT,  /* written as text everywhere: codes and phones keep leading zeros (case I3) */
    COL_INT,   /* a whole number */
    COL_MONEY, /* integer fen in the rows; shown as yuan with two decimals */
    COL_DATE,  /* "YYYY-MM-DD" text */
};

struct table_col {
    const char *key;
    const char *title_zh, *title_en;
    enum col_type type;
};

struct table {
    const char *title_zh, *title_en; /* sheet name / section title */
    const struct table_col *cols;
    int ncols;
    json_t *rows; /* borrowed: array of objects */
    bool totals;  /* add a closing row summing the INT and MONEY columns */
};

/* CSV in UTF-8 with a byte-order mark (so Excel opens Chinese correctly), tables one after
 * another with their title line and a blank line between. Returns malloc'd bytes. */
char *export_csv(const struct table *tables, int ntables, bool english, size_t *len);

/* An .xlsx workbook, one sheet per table, header row bold and frozen, money as numbers with
 * the #,##0.00 format, text as text. Returns malloc'd bytes, or NULL on failure (logged). */
char *export_xlsx(const struct table *tables, int ntables, bool english, size_t *len);

/* A plain-text table for the terminal with columns aligned (CJK characters count two). */
char *export_text(const struct table *tables, int ntables, bool english, size_t *len);

/* Display width of UTF-8 text in a terminal (East Asian wide characters count 2). */
size_t text_width(const char *s);

#endif
