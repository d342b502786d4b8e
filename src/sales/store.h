/* sales/store.h: bills as stored: the header, its lines and its payments.
 *
 * A bill is written once, when it is settled (by the front desk, an import or the demo), and
 * never edited afterwards. Its business day is computed by the core rule (bizday.c) from
 * closed_at in the venue's zone and cut-off when it is written, so every report agrees on it. */
#ifndef KTV_SALES_STORE_H
#define KTV_SALES_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/bizday.h"
#include "core/db.h"

/* Longest bill number accepted (the legacy system's are 15 digits). */
#define BILL_NO_MAX 40

struct bill_line {
    int line_no;
    char kind[12];        /* room package goods min_spend service other */
    char item[204];
    int64_t product_id;   /* 0 if none */
    int64_t package_id;   /* 0 if none */
    int64_t qty;
    bool has_unit_price, has_amount; /* the legacy data often kept neither */
    int64_t unit_price_fen, amount_fen;
};

struct bill_payment {
    char method[12]; /* cash wechat alipay card member voucher credit mixed other */
    int64_t amount_fen;
    int64_t shift_id;     /* the cashier shift that took it; 0 for imported bills */
    int64_t tendered_fen; /* cash handed over (0: not recorded) */
    int64_t change_fen;   /* change handed back */
    char platform[24];    /* group-buy platform of a voucher (meituan, douyin...) */
    char reference[84];   /* voucher code, credit account, card slip number */
    /* A voucher: what the guest paid the platform (voucher_paid_fen, at most amount_fen, the
     * face value), when has_voucher_paid; else NULL (the books then take the face value). */
    bool has_voucher_paid;
    int64_t voucher_paid_fen;
};

struct bill {
    int64_t id;
    char bill_no[BILL_NO_MAX + 4];
    int64_t room_id;        /* 0 if the room is not known */
    char room_no[84];
    char room_type[204];
    int64_t opened_at, closed_at; /* UTC epoch seconds */
    char business_day[11];  /* filled by bill_insert */
    int open_hour;          /* local hour 0-23 the stay opened; filled by bill_insert */
    char status[12];        /* settled | voided */
    char cashier[104];
    char member_phone[44];
    char booker[104];
    int64_t gross_fen, discount_fen, service_fen, total_fen;
    char note[404];
    char source[12];        /* import | pos | demo */
    int64_t import_batch_id; /* 0 if none */
    struct bill_line *lines;
    int nlines;
    struct bill_payment *payments;
    int npayments;
};

/* Inserts a bill with its lines and payments, inside the caller's write transaction. Computes
 * business_day and open_hour from the instants with tz and cutoff_minutes (written back into
 * b). DB_CONFLICT if the venue already has this bill_no. Sets b->id. */
enum db_status bill_insert(struct db *db, int64_t venue_id, const struct tz *tz,
                           int cutoff_minutes, struct bill *b);

/* True if the venue already has a bill with this number. */
bool bill_exists(struct db *db, int64_t venue_id, const char *bill_no);

/* The three parts of bill_insert, for writers that stream lines and payments (the import):
 * the header (computes business_day and open_hour like bill_insert, sets b->id), then each line
 * and each payment (seq counts from 1 per bill). Inside the caller's write transaction. */
enum db_status bill_insert_header(struct db *db, int64_t venue_id, const struct tz *tz,
                                  int cutoff_minutes, struct bill *b);
enum db_status bill_insert_line(struct db *db, int64_t bill_id, const struct bill_line *l);
enum db_status bill_insert_payment(struct db *db, int64_t bill_id, int seq,
                                   const struct bill_payment *p);
/* Lines and payments of several bills at once, in order (the import: a statement of many rows
 * checks its rows' lists once, see store.c). bill_ids[i] (and seqs[i]) belong to row i; n may
 * be any count. Payments are written as bill_insert_payment does (no shift or cash detail).
 * Inside the caller's write transaction; arrays borrowed. */
enum db_status bill_insert_lines(struct db *db, const int64_t *bill_ids,
                                 const struct bill_line *lines, int n);
enum db_status bill_insert_payments(struct db *db, const int64_t *bill_ids, const int *seqs,
                                    const struct bill_payment *payments, int n);
/* A payment with all its detail (shift, tendered and change, platform, reference; 0 and "" are
 * written as not recorded). bill_insert writes its payments with it, so every field of
 * b->payments must be set (zero what is not known). Inside the caller's write transaction. */
enum db_status bill_insert_tender(struct db *db, int64_t bill_id, int seq,
                                  const struct bill_payment *p);

/* ---- reading bills ---- */

/* The orders a bill list may be sorted in (a whitelist: ORDER BY is never built from input). */
enum bill_sort {
    BILL_SORT_CLOSED_DESC = 0, /* "-closed_at", the default */
    BILL_SORT_CLOSED,          /* "closed_at" */
    BILL_SORT_TOTAL_DESC,      /* "-total" */
    BILL_SORT_TOTAL,           /* "total" */
    BILL_SORT_BILL_NO,         /* "bill_no" */
    BILL_SORT__MAX,
};
/* The sort named by a query value; false if it is not one of the whitelist. NULL or "" is the
 * default. */
bool bill_sort_parse(const char *s, enum bill_sort *out);

/* Filters of a bill list. Strings are borrowed; NULL or "" means no filter. Days are business
 * days "YYYY-MM-DD" (validated by the caller), never UTC dates. */
struct bill_filter {
    const char *from_day, *to_day;
    const char *room_no, *status, *method, *cashier;
    const char *bill_no_part; /* bill number contains */
    enum bill_sort sort;
    int64_t limit, offset;    /* limit < 0: all rows */
};

/* One row of a list: the header (lines and payments NULL) and its payment methods joined by
 * '+' in the order first paid ("cash+wechat"). */
typedef bool (*bill_row_cb)(const struct bill *b, const char *methods, void *ctx);

/* Lists the venue's bills matching f; *count gets the number matching before paging and
 * *sum_settled_fen the sum of total_fen of the settled ones among them. */
enum db_status bill_list(struct db *db, int64_t venue_id, const struct bill_filter *f,
                         int64_t *count, int64_t *sum_settled_fen, bill_row_cb cb, void *ctx);

/* Loads bill id with its lines and payments (allocated: bill_free_parts). DB_NOT_FOUND if the
 * venue has no such bill. */
enum db_status bill_load(struct db *db, int64_t venue_id, int64_t id, struct bill *b);
/* Frees the lines and payments of a loaded bill. Accepts NULL. */
void bill_free_parts(struct bill *b);

/* ---- import batches (import_batches table) ---- */

struct import_batch {
    int64_t id;
    char kind[16];      /* bills | products | rooms */
    char files[400];
    char username[40];
    int64_t at;
    int64_t rows_read, imported, duplicates, rejected;
};
typedef bool (*import_batch_cb)(const struct import_batch *b, void *ctx);

/* Opens a batch row (counts 0) and returns its id; inside the caller's write transaction. */
enum db_status import_batch_insert(struct db *db, int64_t venue_id, const char *kind,
                                   const char *files, int64_t user_id, const char *username,
                                   int64_t *id);
/* Writes the counts and the report (JSON text, borrowed) of a batch. */
enum db_status import_batch_finish(struct db *db, int64_t id, int64_t rows_read,
                                   int64_t imported, int64_t duplicates, int64_t rejected,
                                   const char *report);
/* The venue's batches, newest first, paged. */
enum db_status import_batch_list(struct db *db, int64_t venue_id, int64_t limit, int64_t offset,
                                 int64_t *total, import_batch_cb cb, void *ctx);
/* The report text of a batch (malloc'd, caller frees). DB_NOT_FOUND if none. */
enum db_status import_batch_report(struct db *db, int64_t venue_id, int64_t id, char **report);

#endif
