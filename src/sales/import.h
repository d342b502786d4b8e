/* sales/import.h: the pure rules of the bill import (format v1, ../shared/data/README.md).
 *
 * Three CSV files come in as bytes (UTF-8, UTF-8 with BOM or GBK): bills.csv, bill_lines.csv and
 * bill_payments.csv. import_read checks every row and every field and builds a compact model of
 * the bills with their lines and payments, plus the list of problems found, each with file, row
 * (the CSV line number), column (the header as written in the file) and a reason in Chinese and
 * English. No SQL and no I/O here: the shell (importer.h) decides what to write.
 *
 * Decisions, documented in README.md:
 *  - Columns may come in any order and have Chinese aliases (账单号, 实收 ...). An unknown column
 *    is refused (a misspelt optional column would otherwise lose its data silently), an empty
 *    header cell (Excel's trailing comma) is ignored.
 *  - A problem with a whole file (not text, no header, a required column missing, an unknown or
 *    repeated column) refuses the whole import, even with skip-invalid.
 *  - A bill is rejected with all its lines and payments when any of its rows is bad; a line or
 *    payment whose bill_no is not in bills.csv is rejected on its own.
 *  - total is the authority of a bill and is required. gross may be empty: it is then derived as
 *    total + discount - service, with a warning. When total is missing, that is one error (the
 *    amount of the bill is unknown), whatever gross says.
 *  - A bill closed before it was opened is kept as written (the legacy till did this for a few
 *    seconds' stays) with a warning.
 *
 * Memory: strings are interned into one pool (rooms, cashiers and items repeat on every row), and
 * bills, lines and payments are small fixed records, so a million bills with their lines take a
 * few hundred MB at most. Bill numbers are found through a hash map, never by scanning. */
#ifndef KTV_SALES_IMPORT_H
#define KTV_SALES_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/bizday.h"
#include "sales/store.h"

/* "No bill" / "no index". */
#define IMPORT_NONE UINT32_MAX

/* Progress is reported every this many rows (a line on stderr in the CLI). */
#define IMPORT_PROGRESS_EVERY 100000

/* Largest input accepted per file: the model keeps 32-bit offsets and counts, and 1,000,000 bills
 * with their lines are about 250 MB of CSV, far below. */
#define IMPORT_MAX_FILE_BYTES (1536u * 1024 * 1024)

enum import_file { IMPORT_BILLS, IMPORT_LINES, IMPORT_PAYMENTS, IMPORT_NFILES };

/* "bills.csv", "bill_lines.csv", "bill_payments.csv". */
extern const char *const import_file_names[IMPORT_NFILES];

/* Line kinds and payment methods of the format, in the order the model stores them as numbers;
 * the same strings the bills tables allow. */
extern const char *const import_line_kinds[];  /* room package goods min_spend service other */
extern const char *const import_pay_methods[]; /* cash wechat alipay card member voucher ... */

/* What became of a bill. The pure rules set VALID or REJECTED; the shell sets the others. */
enum import_state {
    IMPORT_VALID = 0,
    IMPORT_REJECTED,  /* one of its rows is bad */
    IMPORT_DUPLICATE, /* the venue already has this bill_no: nothing added */
    IMPORT_IMPORTED,
};

struct import_issue {
    uint8_t file;    /* enum import_file */
    bool warning;    /* noted in the report; rejects nothing */
    uint32_t row;    /* CSV line number where the row starts (1 = header); 0 = the whole file */
    uint32_t bill;   /* index of the bill it rejects, IMPORT_NONE if none */
    char column[64]; /* header as written in the file, "" for the whole row or file */
    char *zh, *en;   /* owned */
};

/* A row's place in its file's text (for the rejects file). */
struct import_span {
    uint64_t start;
    uint32_t len;
};

/* Strings are symbols: indexes into the model's pool (0 is ""). */
struct import_bill {
    uint32_t row;
    uint32_t bill_no, room, room_type, cashier, member_phone, booker, note;
    uint8_t voided;               /* 0 settled, 1 voided */
    uint8_t state;                /* enum import_state */
    bool gross_derived;           /* gross was empty and derived from total */
    bool money_ok;                /* gross, discount, service and total all read */
    int64_t opened_at, closed_at; /* UTC epoch seconds */
    int64_t gross_fen, discount_fen, service_fen, total_fen;
    int64_t paid_fen;                  /* sum of its payments */
    uint32_t first_line, nlines;       /* range in model->lines (sorted by bill, line_no) */
    uint32_t first_payment, npayments; /* range in model->payments (sorted by bill, row) */
    int64_t id;                        /* the stored bill's id, set by the shell */
    struct import_span span;
};

struct import_line {
    uint32_t bill; /* index in bills, IMPORT_NONE if the bill_no is unknown */
    uint32_t row;
    uint32_t bill_no; /* symbol as written (for the rejects file) */
    int32_t line_no;
    uint8_t kind; /* index in import_line_kinds */
    bool bad;     /* the row itself has an error */
    bool has_unit_price, has_amount;
    uint32_t item; /* symbol */
    int64_t qty, unit_price_fen, amount_fen;
    struct import_span span;
};

struct import_payment {
    uint32_t bill, row, bill_no;
    uint8_t method; /* index in import_pay_methods */
    bool bad;
    int64_t amount_fen;
    struct import_span span;
};

struct import_model {
    /* The three files as UTF-8 text (owned) and the encoding each was read in. */
    char *text[IMPORT_NFILES];
    size_t text_len[IMPORT_NFILES];
    const char *encoding[IMPORT_NFILES]; /* "utf-8", "utf-8-bom", "gbk" or "" if unreadable */

    /* Interned strings. */
    char *pool;
    size_t pool_len, pool_cap;
    uint32_t *sym_off;  /* symbol -> offset in pool */
    uint32_t *sym_bill; /* symbol -> index of the first bill with this number, or IMPORT_NONE */
    uint32_t nsym, sym_cap;
    uint32_t *slots;   /* open addressing: symbol + 1, 0 = empty */
    uint32_t slot_cap; /* a power of two */

    struct import_bill *bills;
    uint32_t nbills, bills_cap;
    struct import_line *lines;
    uint32_t nlines, lines_cap;
    struct import_payment *payments;
    uint32_t npayments, payments_cap;
    struct import_issue *issues;
    uint32_t nissues, issues_cap;

    uint32_t nerrors, nwarnings;
    uint64_t rows_read;      /* data rows in the three files */
    uint32_t rejected_bills; /* bills rejected with their rows */
    uint32_t rejected_rows;  /* rows of all three files not imported because bad */
    bool file_error;         /* a whole file is unusable: nothing can be imported */
    bool out_of_memory;
};

/* Progress callback: what ("bills.csv" ...) and rows read so far. May be NULL. */
typedef void (*import_progress_fn)(void *ctx, const char *what, uint64_t rows);

/* Reads and checks the three files (raw bytes, borrowed; data may be NULL for a missing file,
 * which is a file error) with local times converted through tz. Returns the model (caller owns:
 * import_model_free), or NULL if memory ran out. */
struct import_model *import_read(const char *const data[IMPORT_NFILES],
                                 const size_t len[IMPORT_NFILES], const struct tz *tz,
                                 import_progress_fn progress, void *progress_ctx);
void import_model_free(struct import_model *m);

/* The text of a symbol (borrowed from the model). */
const char *import_str(const struct import_model *m, uint32_t sym);

/* True if the import must be refused: a file error, or any error without skip_invalid. */
/* Rejects valid bill i because its business day is locked (confirmed), with an issue on its
 * closing time; counts it among the rejected. */
void import_reject_locked(struct import_model *m, uint32_t i, const char *day);
/* Rejects valid bill i closed on a business day after today's (a wrong clock or date). */
void import_reject_future(struct import_model *m, uint32_t i, const char *day, const char *today);
bool import_refused(const struct import_model *m, bool skip_invalid);

/* Fills a struct bill (header only: lines and payments NULL) from bill i. Pure. */
void import_fill_bill(const struct import_model *m, uint32_t i, struct bill *b);
/* Fills a struct bill_line from line k (product and package ids 0). Pure. */
void import_fill_line(const struct import_model *m, uint32_t k, struct bill_line *l);

/* The rejected rows as CSV (UTF-8 with BOM, for Excel): file,row,bill_no,reason,original, grouped
 * by bill. Returns malloc'd text (caller frees) with *len set; NULL if out of memory. */
char *import_rejects_csv(const struct import_model *m, bool english, size_t *len);

#endif
