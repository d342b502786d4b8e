/* finance/transfers.h: fund transfers and channel settlements (资金划转与渠道到账): money moved
 * between the venue's own money accounts.
 *
 *   渠道到账  a clearing account (WeChat / Alipay / card / other) settles into the bank,
 *            usually the next day, net of the channel's fee
 *   存现      cash from the safe deposited in the bank
 *   取现      cash drawn from the bank into the safe (change for the tills)
 *   其他划转  any other pair (a clearing account paid out in cash, ...)
 *
 * One transfer posts one entry (source "transfer", the transfer's id), dated its business day:
 *
 *     Dr to-account   amount - fee
 *     Dr 6012 支付渠道手续费 (exp_channel_fees)   fee
 *         Cr from-account   amount
 *
 * A channel's fee is amount x rate rounded half up to the fen (transfer_fee_at_rate): WeChat
 * 12,345.67 at 0.6 % is 74.07402 -> fee 74.07, the bank gets 12,271.60.
 *
 * A transfer is never edited: it is cancelled by the reversal of its entry, dated in an open
 * business day (today), like a finance record. The first part is pure (transfers.c); the store
 * (transfers_store.c) runs inside the caller's transaction; the routes are in transfers_api.c. */
#ifndef KTV_FINANCE_TRANSFERS_H
#define KTV_FINANCE_TRANSFERS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/db.h"
#include "core/http.h"
#include "finance/finance.h"
#include "finance/journal.h"

/* ---- rules (pure) ---- */

/* The money accounts a transfer may name, by system key (the one table of them). */
struct transfer_account {
    const char *key;          /* "safe", "bank", "clr_wechat", "clr_alipay", "clr_card", "clr_other" */
    const char *name_zh, *name_en;
    bool clearing;            /* a channel's clearing account (待清算) */
    bool may_receive;         /* may be the to-account: the bank and the safe */
    int64_t default_rate_bp;  /* the channel's usual fee, basis points (60 = 0.6 %); 0 none */
};
extern const struct transfer_account transfer_accounts[];
extern const int transfer_account_count;
/* The account of key, or NULL. */
const struct transfer_account *transfer_account_find(const char *key);

enum transfer_kind {
    TRANSFER_SETTLEMENT, /* clearing -> bank: 渠道到账 */
    TRANSFER_DEPOSIT,    /* safe -> bank: 存现 */
    TRANSFER_WITHDRAWAL, /* bank -> safe: 取现 */
    TRANSFER_OTHER,      /* any other pair (none is allowed now; kept for the name of old rows) */
};
/* The kind of a pair of (valid) account keys. */
enum transfer_kind transfer_kind_of(const char *from, const char *to);
/* "settlement", "deposit", "withdrawal", "other". Static strings. */
const char *transfer_kind_id(enum transfer_kind k);
/* 渠道到账 / 存现 / 取现 / 其他划转 (or English). Static strings. */
const char *transfer_kind_name(enum transfer_kind k, bool english);

/* A channel's fee: amount_fen x rate_bp / 10000, rounded half up to the fen (a fen and a
 * half or more of a fen is a fen: 0.5 fen -> 1 fen, 0.4999 fen -> 0). The channels compute
 * their fee per settlement on the gross and round to the fen; half up is what their statements
 * show. amount_fen >= 0, rate_bp 0..10000; exact for every amount up to MONEY_MAX_FEN. */
int64_t transfer_fee_at_rate(int64_t amount_fen, int64_t rate_bp);

enum transfer_verdict {
    TRANSFER_OK = 0,
    TRANSFER_BAD_FROM,       /* from is no money account */
    TRANSFER_BAD_TO,         /* to is neither the bank nor the safe */
    TRANSFER_SAME_ACCOUNT,   /* from == to */
    TRANSFER_CLEARING_TO_SAFE, /* a channel's takings settle into the bank, never the safe */
    TRANSFER_BAD_AMOUNT,     /* amount <= 0 or above MONEY_MAX_FEN */
    TRANSFER_FEE_NEGATIVE,   /* fee < 0 */
    TRANSFER_FEE_NOT_CHANNEL,/* a fee on a transfer that is no channel settling into the bank */
    TRANSFER_FEE_TOO_LARGE,  /* fee >= amount: nothing would arrive */
    TRANSFER_SAFE_SHORT,     /* the safe would go below zero on the books */
    TRANSFER_VERDICT__MAX,
};
/* "from_account", "to_account", "amount", "fee" ... the field a refusal names. */
const char *transfer_verdict_field(enum transfer_verdict v);
/* The stable error code of a refusal ("same_account", "safe_short" ... "invalid_field" for the
 * field checks). Static strings. */
const char *transfer_verdict_code(enum transfer_verdict v);
/* A sentence for a person (Chinese or English); the safe's refusal is worded with figures by
 * the caller. Static strings. */
const char *transfer_verdict_message(enum transfer_verdict v, bool english);

/* What a transfer asks for. Keys borrowed. */
struct transfer_in {
    const char *from, *to;
    int64_t amount_fen, fee_fen;
};
/* Whether the transfer may post. safe_available_fen is the least the safe holds on the books
 * from the transfer's day on (transfer_safe_available); it is read only when from is the safe.
 * The checks run in the order of the verdicts above, so the first refusal is reported. */
enum transfer_verdict transfer_check(const struct transfer_in *t, int64_t safe_available_fen);

/* Fills e with the entry of transfer id (checked): Dr to amount - fee, Dr exp_channel_fees
 * fee, Cr from amount; source "transfer" #id, dated day. */
void transfer_entry_rule(struct journal_entry *e, const char *day, int64_t id,
                         const struct transfer_in *t, const char *memo);

/* ---- the store (inside the caller's transaction) ---- */

#define TRANSFER_REFERENCE_MAX_CHARS 40
#define TRANSFER_TEXT_MAX_CHARS 200

struct transfer {
    int64_t id, venue_id;
    char day[11];
    char from_account[16], to_account[16];
    int64_t amount_fen, fee_fen;
    char reference[164];      /* 40 characters */
    char note[808];           /* 200 characters */
    char status[12];          /* posted | cancelled */
    char created_by[40];
    int64_t created_by_id, created_at;
    int64_t entry_id;
    char cancelled_by[40];
    int64_t cancelled_at;
    char cancel_reason[808];
    int64_t reversal_entry_id; /* 0 until cancelled */
};

/* A new transfer (checked with transfer_check by the caller). Strings borrowed. */
struct transfer_new {
    const char *day;
    struct transfer_in in;
    const char *reference, *note;
    const char *created_by;
    int64_t created_by_id, created_at;
};

/* The least balance the safe shows on the books at the end of day and of every later day
 * with an entry on it: what may leave the safe on day without it ever going below zero. */
enum db_status transfer_safe_available(struct db *db, int64_t venue_id, const char *day,
                                       int64_t *available_fen);

/* Whether a posted transfer of venue_id from `from` already carries reference (non-empty);
 * *id is its id, 0 if none. */
enum db_status transfer_find_reference(struct db *db, int64_t venue_id, const char *from,
                                       const char *reference, int64_t *id);

/* Posts and writes a transfer. backfill is for history the demo writes into the days it
 * confirms (journal_post's flag). FIN_LOCKED when the day is locked (nothing written, the
 * caller rolls back). *id is the new transfer. */
enum fin_status transfer_create(struct db *db, int64_t venue_id, const struct transfer_new *n,
                                bool backfill, int64_t *id);

/* Loads transfer id of venue_id; DB_NOT_FOUND if none. */
enum db_status transfer_load(struct db *db, int64_t venue_id, int64_t id, struct transfer *t);

/* Cancels a posted transfer: posts the reversal of its entry dated today (reverses_id set)
 * and marks it cancelled. FIN_LOCKED when today is locked. */
enum fin_status transfer_cancel(struct db *db, const struct transfer *t, const char *today,
                                const char *by_user, int64_t at, const char *reason);

/* A list's filter: days inclusive ("" or NULL open), account: a key that is the from- or the
 * to-account ("" any). */
struct transfer_filter {
    const char *from_day, *to_day, *account;
    int64_t limit, offset;
};
/* The filtered set's figures: transfers counted (cancelled too); the money of posted ones. */
struct transfer_totals {
    int64_t count, cancelled;
    int64_t amount_fen, fee_fen, arrived_fen; /* posted only; arrived = amount - fee */
};
typedef bool (*transfer_cb)(const struct transfer *t, void *ctx);
/* Calls cb for each transfer of the page (newest day first; cb may be NULL) and fills *totals
 * for the whole filtered set. Run inside a read transaction so the page and totals agree. */
enum db_status transfer_list(struct db *db, int64_t venue_id, const struct transfer_filter *f,
                             transfer_cb cb, void *ctx, struct transfer_totals *totals);

/* What a clearing account took in on each of the days first_day .. first_day + ndays - 1
 * (its lines of every entry but transfers and their reversals: takings less refunds) into
 * received_fen[0 .. ndays-1]. */
enum db_status transfer_received_by_day(struct db *db, int64_t venue_id, const char *account,
                                        int64_t first_day, int ndays, int64_t *received_fen);

/* An account of transfer_accounts as the venue's chart names it, with its balance on the
 * books (every day). */
struct transfer_balance {
    char code[24], name[244], name_en[244];
    int64_t balance_fen;
};
/* DB_NOT_FOUND if the chart has no account playing key. */
enum db_status transfer_balance_load(struct db *db, int64_t venue_id, const char *key,
                                     struct transfer_balance *b);

/* ---- routes ---- */

/* /api/v1/finance/transfers..., /api/v1/finance/balances (module "finance"). */
extern const struct route transfers_routes[];

#endif
