/* reports/takings.h: the pure rules of the daily takings report (营业日报).
 *
 * Figures per business day come in from the store as sparse rows (only the days and groups that
 * had bills); the rules here place them on a dense calendar of the requested range, add them up,
 * group them by room type and cashier, and fix the display order of the payment methods. Plain
 * structs in and out: no SQL, no JSON, no I/O, so every rule is tested with hand-computed values
 * (tests/reports/test_takings_rules.c). Money is int64 fen throughout. */
#ifndef KTV_REPORTS_TAKINGS_H
#define KTV_REPORTS_TAKINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The payment methods of bill import format v1, in the order a cashier reads them. */
#define TAKINGS_METHODS 9

struct takings_method {
    const char *id;      /* as stored in bill_payments.method */
    const char *name_zh; /* 现金 ... */
    const char *name_en;
};

/* cash 现金, wechat 微信, alipay 支付宝, card 银行卡, member 会员储值, voucher 团购券,
 * credit 挂账, mixed 混合, other 其他: index 0..8 is the display order. */
extern const struct takings_method takings_methods[TAKINGS_METHODS];

/* The display index of a method id; an unknown id counts as "other" (the last index), so no
 * money is ever dropped from a report. */
int takings_method_index(const char *id);

/* What a set of bills adds up to. Settled bills count toward the money (gross, discount,
 * service, net, payments); voided bills are counted apart with their amount in voided_fen.
 *
 * Money given back is counted where it happened, as the cashier's shift saw it: a bill settled
 * on the 5th and voided at the front desk on the 7th stays in the 5th's sales and payments, and
 * the 7th shows the void (bills_voided, voided_fen) and the refund by method (refund_fen). An
 * imported bill that was already voided is simply voided on its own day, with no refund. */
struct takings_figures {
    int64_t bills_settled, bills_voided;
    int64_t gross_fen, discount_fen, service_fen, net_fen;
    int64_t voided_fen;
    int64_t method_fen[TAKINGS_METHODS];   /* payments of settled bills by method */
    int64_t method_count[TAKINGS_METHODS]; /* number of those payments */
    int64_t refund_fen[TAKINGS_METHODS];   /* refunds and void refunds given back, by method */
    int64_t refund_count[TAKINGS_METHODS];
};

/* One business day's figures; day is a day number (days since 1970-01-01). */
struct takings_day {
    int64_t day;
    struct takings_figures f;
};

/* Adds every field of add into into. */
void takings_add(struct takings_figures *into, const struct takings_figures *add);

/* All money given back (refunds and voids' refunds, every method). */
int64_t takings_refunds_fen(const struct takings_figures *f);
/* The money kept by method i: payments taken minus money given back. */
int64_t takings_kept_fen(const struct takings_figures *f, int method);
/* The money kept over all methods: what the tenders say the days brought in (实收净额). */
int64_t takings_collected_fen(const struct takings_figures *f);

/* Places sparse rows (any order; several rows for one day are added together) onto the dense
 * calendar from..to inclusive: days must hold to - from + 1 entries, which are overwritten, and
 * days without rows get zeros. Rows outside the range are not placed; their number is returned
 * (0 when the store kept to the range, as it should). */
size_t takings_fill_days(int64_t from, int64_t to, const struct takings_day *rows, size_t nrows,
                         struct takings_day *days);

/* The sum of n days into *total (overwritten). */
void takings_total(const struct takings_day *days, size_t n, struct takings_figures *total);

/* Which methods a report shows as columns: used[i] is true when method i has a payment, a
 * refund or a non-zero amount in total. Returns how many are used. */
int takings_methods_used(const struct takings_figures *total, bool used[TAKINGS_METHODS]);

/* A group of bills by a name: a room type or a cashier. */
struct takings_group {
    char name[208];
    struct takings_figures f;
};

/* A growable list of groups. Zero-initialise; takings_groups_free releases it. */
struct takings_groups {
    struct takings_group *items;
    size_t n, cap;
};

/* The group named name, added with zero figures if new (the name is cut at 207 bytes, on a
 * UTF-8 character boundary). Returns NULL only when memory runs out. The pointer is valid until
 * the next call. */
struct takings_group *takings_group_get(struct takings_groups *g, const char *name);

/* Sorts groups by net amount, largest first; equal nets by name (byte order), so the order is
 * the same on every run. */
void takings_groups_sort(struct takings_groups *g);

/* True when every figure is zero. */
bool takings_figures_zero(const struct takings_figures *f);

/* Removes the groups whose figures are all zero (a room type whose only bills were voided at
 * the front desk, once they are taken out of the sales), keeping the order of the others. */
void takings_groups_drop_empty(struct takings_groups *g);

/* Releases the list; accepts a zeroed one. */
void takings_groups_free(struct takings_groups *g);

#endif
