/* finance/postings.h: which accounts each money event moves (the posting rules). Pure.
 *
 * Each rule takes the facts of one event, already loaded, and fills a journal entry; the store
 * writes it in the event's own transaction. The rules name accounts by their system keys (the
 * seeded chart in store.c): a venue may rename or renumber its accounts without touching them.
 *
 * The rules, in short (debit first):
 *   bill settled    tenders (drawer of the shift for cash, clearing per channel, stored value
 *                   principal/bonus, platform receivable for a voucher's price plus the
 *                   platform's discount, credit receivable) and discounts / revenue by kind
 *                   (room, package, drinks, food, other goods, service and other).
 *   refund          refunds (contra revenue) / the tender it is given back through.
 *   void            the bill's revenue and discounts turned round / the tenders given back
 *                   and the refunds given before (so the bill nets to nothing).
 *   shift opened    drawer of the shift / safe (or the previous drawer, handed over; the
 *                   opening difference goes to suspense 待处理财产损溢).
 *   pay-in          drawer / safe;  pay-out  till expense / drawer;  safe drop  safe / drawer.
 *   shift closed    over: drawer / other income;  short: cashier receivable / drawer (长缴短补).
 *   shift reviewed  safe / drawer, for what is left in the drawer (the takings handed in).
 *   top-up          tender / stored value principal; bonus cost / stored value bonus.
 */
#ifndef KTV_POSTINGS_H
#define KTV_POSTINGS_H

#include <stdbool.h>
#include <stdint.h>

#include "finance/journal.h"

enum revenue_kind {
    REV_ROOM,     /* room fee and minimum-spend top-up */
    REV_PACKAGE,  /* packages (套餐) */
    REV_DRINKS,   /* 酒水饮料 */
    REV_FOOD,     /* 小吃果盘 */
    REV_GOODS,    /* other goods */
    REV_OTHER,    /* service charge, unitemised */
    REV__MAX,
};
/* The system keys of the revenue accounts, by kind. */
extern const char *const revenue_keys[REV__MAX];

/* The revenue kind of a product category by the built-in rule (酒/饮/茶/水 drinks; 小吃/果/食
 * food; else goods). A venue's category_accounts override it. */
enum revenue_kind posting_category_kind(const char *category);

#define POST_MAX_TENDERS 16
#define POST_MAX_REVENUE 24

struct post_tender {
    char method[12];           /* cash wechat alipay card member voucher credit mixed other */
    int64_t amount_fen;        /* applied to the bill (positive) */
    int64_t shift_id;          /* cash: whose drawer; 0 (imported bills): the safe */
    char party[64];            /* voucher: platform; credit: the account name */
    int64_t voucher_paid_fen;  /* voucher: what the guest paid the platform; < 0: face value */
    int64_t principal_fen;     /* member: from principal (positive) */
    int64_t bonus_fen;         /* member: from bonus (positive) */
};

/* Revenue of a bill: an account (system key or code) and an amount, summing to gross. */
struct post_revenue {
    char account[24];
    int64_t amount_fen;
};

struct post_bill {
    char day[11];
    int64_t bill_id;
    char bill_no[48];
    int nrevenue;
    struct post_revenue revenue[POST_MAX_REVENUE];
    int64_t gross_fen, discount_fen, service_fen, total_fen;
    int ntenders;
    struct post_tender tenders[POST_MAX_TENDERS];
};

/* Adds amount to the revenue of account (merging). false when full. */
bool post_bill_add_revenue(struct post_bill *b, const char *account, int64_t amount_fen);

/* The accounts of one tender moving sign x amount (sign +1 money in, -1 money out), amount
 * split the way the tender was paid (voucher: receivable and platform discount; member:
 * principal and bonus). */
void posting_tender(struct journal_entry *e, const struct post_tender *t, int64_t amount_fen,
                    int sign);

/* A settled bill. Tenders that fall short of the total leave the rest on the credit
 * receivable, named "未收"; tenders above it are refused (false). */
bool posting_bill(const struct post_bill *b, struct journal_entry *e);

/* A refund of amount through tender t (t->amount_fen ignored), on day. */
void posting_refund(const char *day, int64_t refund_id, const char *bill_no,
                    const struct post_tender *t, int64_t amount_fen, struct journal_entry *e);

/* A void on day: the bill's revenue turned round; given[] the tenders given back (their
 * amount_fen what was given back); refunded_fen what earlier refunds gave back. */
void posting_void(const char *day, const struct post_bill *b, const struct post_tender *given,
                  int ngiven, int64_t refunded_fen, struct journal_entry *e);

/* A shift opened with float_fen. prev_shift_id != 0 with prev_balance_fen > 0: the float is the
 * previous drawer handed over, and the difference (float - balance) goes to suspense;
 * otherwise the float comes from the safe. */
void posting_shift_open(const char *day, int64_t shift_id, int64_t float_fen,
                        int64_t prev_shift_id, int64_t prev_balance_fen, struct journal_entry *e);

enum shift_cash_kind { SHIFT_PAY_IN, SHIFT_PAY_OUT, SHIFT_SAFE_DROP };
void posting_shift_cash(const char *day, int64_t event_id, int64_t shift_id,
                        enum shift_cash_kind kind, int64_t amount_fen, const char *reason,
                        struct journal_entry *e);

/* A shift closed with difference counted - expected: an over is other income, a short is owed
 * by the cashier (长缴短补); each shift alone. A zero difference posts nothing (entry empty). */
void posting_shift_close(const char *day, int64_t shift_id, const char *cashier,
                         int64_t difference_fen, struct journal_entry *e);

/* What is left in a reviewed shift's drawer goes to the safe. */
void posting_shift_handin(const char *day, int64_t shift_id, int64_t balance_fen,
                          struct journal_entry *e);

/* A stored-value top-up of principal paid through t, with bonus given (充送). */
void posting_topup(const char *day, int64_t topup_id, const struct post_tender *t,
                   int64_t principal_fen, int64_t bonus_fen, struct journal_entry *e);

/* A stored-value refund: principal given back through t; the bonus still held is forfeited
 * (the bonus cost is taken back). */
void posting_sv_refund(const char *day, int64_t refund_id, const struct post_tender *t,
                       int64_t principal_fen, int64_t bonus_forfeited_fen,
                       struct journal_entry *e);

#endif
