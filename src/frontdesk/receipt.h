/* frontdesk/receipt.h: the printed receipt (小票) of a bill, as a narrow HTML page for an 80 mm
 * thermal printer (72 mm printable). Pure: a struct in, the page out. */
#ifndef KTV_RECEIPT_H
#define KTV_RECEIPT_H

#include <stdbool.h>
#include <stdint.h>

struct receipt_line {
    const char *item;
    int64_t qty, amount_fen;
    bool show_qty; /* goods show "x 3"; room and fee lines do not */
};

struct receipt_amount {
    const char *label;
    int64_t fen;
};

struct receipt_tender {
    const char *label; /* "现金" */
    int64_t amount_fen;
    int64_t tendered_fen; /* cash handed over (0: not recorded) */
    int64_t change_fen;
    const char *reference; /* voucher code, credit account ("" none) */
};

struct receipt {
    const char *venue_name, *venue_address, *venue_phone;
    const char *bill_no, *business_day, *room, *opened_at, *closed_at;
    const char *cashier, *booker, *member; /* member: masked phone, "" for none */
    const char *printed_at;
    const struct receipt_line *lines;
    int nlines;
    int64_t gross_fen, service_fen, total_fen;
    const struct receipt_amount *discounts;
    int ndiscounts;
    const struct receipt_tender *tenders;
    int ntenders;
    bool voided;
    const char *void_note; /* "2026-12-03 23:10 作废：… 审批：…" */
    const struct receipt_amount *refunds;
    int nrefunds;
};

/* The receipt as a complete HTML page (UTF-8, Chinese). Every text is HTML-escaped. Returns a
 * malloc'd string the caller frees, or NULL if memory ran out. */
char *receipt_html(const struct receipt *r);

#endif
