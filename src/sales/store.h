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

#endif
