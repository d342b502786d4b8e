/* finance/records.h: income and expense records (财务收支): the rules, the store, the routes.
 *
 * A record is money finance enters by hand: rent paid by bank, a repair paid from the safe,
 * income from a sponsor by WeChat. Its category is an account of the chart (an expense account
 * for an expense; a revenue or other-income account for an income) and its channel one of
 * record_channels[] below. It posts one entry, dated its business day:
 *     expense   Dr category / Cr channel
 *     income    Dr channel  / Cr category
 * A record above the venue's approval threshold waits ('pending') and posts only when a
 * manager or admin other than its writer approves it. A posted record is never edited; it is
 * cancelled by a reversal entry dated in the current (open) business day. Every step is kept
 * in finance_record_events (append-only) beside the audit trail.
 *
 * The rules (record_*_rule, receipt_sniff) are pure. The store functions run inside the
 * caller's transaction. The receipt files live outside the database, in
 * <folder of the database>/receipts/<venue id>/<sha256>.<ext>. */
#ifndef KTV_FINANCE_RECORDS_H
#define KTV_FINANCE_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/db.h"
#include "core/http.h"
#include "finance/finance.h"
#include "finance/journal.h"

/* ---- rules (pure) ---- */

/* The ways money moves for a record, and the account each moves (the one table of them). */
struct record_channel {
    const char *id;          /* "cash", "bank", "wechat", "alipay", "petty_cash" */
    const char *account_key; /* the system key of its account: "safe", "bank" ... */
    const char *name_zh, *name_en;
};
extern const struct record_channel record_channels[];
extern const int record_channel_count;
/* The channel named id, or NULL. */
const struct record_channel *record_channel_find(const char *id);

/* Whether an account of type/grp (accounts.type, accounts.grp) may be the category of an
 * expense (expense accounts of the group 'expense') or an income (revenue accounts of the
 * groups 'revenue' and 'other_income'). Contra revenue, cost of goods, assets, liabilities
 * and equity are never categories. */
bool record_category_fits(bool expense, const char *type, const char *grp);

/* Whether an amount waits for approval: above the threshold (equal posts at once). */
bool record_needs_approval(int64_t amount_fen, int64_t threshold_fen);

/* Fills e with the entry of a record: expense Dr category / Cr channel account, income the
 * other way round; source "record" #record_id, dated day. Accounts are system keys or codes. */
void record_entry_rule(struct journal_entry *e, const char *day, int64_t record_id, bool expense,
                       const char *category_account, const char *channel_account,
                       int64_t amount_fen, const char *memo);

/* The kinds of receipt file accepted, by their first bytes. */
struct receipt_type {
    const char *mime; /* "image/jpeg", "image/png", "image/webp", "application/pdf" */
    const char *ext;  /* "jpg", "png", "webp", "pdf" */
};
extern const struct receipt_type receipt_types[];
extern const int receipt_type_count;
/* The type whose magic bytes data starts with (JPEG FF D8 FF, PNG 89 'PNG' 0D 0A 1A 0A,
 * WebP 'RIFF' size 'WEBP', PDF '%PDF-'), or NULL. */
const struct receipt_type *receipt_sniff(const void *data, size_t len);
/* The type of a MIME name (parameters after ';' ignored, case-insensitive), or NULL. */
const struct receipt_type *receipt_type_of_mime(const char *content_type);

/* ---- settings ---- */

#define FINANCE_APPROVAL_DEFAULT_FEN 100000     /* 1,000.00 */
#define RECEIPT_MAX_BYTES_DEFAULT (5 << 20)      /* 5 MiB: a phone photo is 2-4 MB */
#define RECEIPT_MAX_BYTES_LIMIT (20 << 20)       /* the receipt route's body cap */
#define RECEIPT_MIN_BYTES_LIMIT 1024

struct finance_settings {
    int64_t approval_threshold_fen;
    int64_t receipt_max_bytes;
    char updated_by[40];
    int64_t updated_at;
};
/* The venue's settings, or the defaults when none were saved. */
enum db_status finance_settings_load(struct db *db, int64_t venue_id, struct finance_settings *s);
/* Saves (inserts or replaces) the settings; updated_by/at are taken from s. */
enum db_status finance_settings_save(struct db *db, int64_t venue_id,
                                     const struct finance_settings *s);

/* ---- categories ---- */

struct record_category {
    int64_t id;
    char code[24], name[244], name_en[244], type[12], grp[16], system_key[24];
    bool active;
    /* The name journal entries use for it: its system key, or its code. */
    char ref[24];
};
/* The account of venue_id with id (ref NULL) or with code or system key ref (id 0).
 * DB_NOT_FOUND if none. */
enum db_status record_category_find(struct db *db, int64_t venue_id, int64_t id, const char *ref,
                                    struct record_category *c);
/* Calls cb for each active account that may be a category of kind ("income", "expense", or
 * NULL for both), in the chart's order. */
typedef bool (*record_category_cb)(const struct record_category *c, void *ctx);
enum db_status record_category_list(struct db *db, int64_t venue_id, const char *kind,
                                    record_category_cb cb, void *ctx);

/* ---- records ---- */

#define RECORD_TEXT_MAX_CHARS 200   /* note, reasons */
#define RECORD_PARTY_MAX_CHARS 100  /* counterparty */

struct record {
    int64_t id, venue_id;
    char day[11];
    char kind[8];             /* income | expense */
    int64_t account_id;
    char account_code[24], account_name[244], account_name_en[244];
    int64_t amount_fen;
    char channel[24];
    char counterparty[404];
    char note[808];
    char status[12];          /* pending | posted | rejected | cancelled */
    char created_by[40];
    int64_t created_by_id, created_at;
    int64_t entry_id;         /* 0 until posted */
    char decided_by[40];
    int64_t decided_at;
    char decision_note[808];
    char cancelled_by[40];
    int64_t cancelled_at;
    char cancel_reason[808];
    int64_t reversal_entry_id;
    char receipt_sha256[65];  /* "" when none */
    char receipt_type[32];
    int64_t receipt_bytes, receipt_at;
    char receipt_by[40];
};

/* A new record. Strings borrowed. */
struct record_new {
    const char *day;
    bool expense;
    const struct record_category *category;
    int64_t amount_fen;
    const struct record_channel *channel;
    const char *counterparty, *note;
    const char *created_by;
    int64_t created_by_id;
    int64_t created_at;
    bool pending; /* waits for approval instead of posting */
};

/* Writes a record and its history, and posts it unless it is pending. backfill is for history
 * written by the demo generator into days it confirms (journal_post's flag). FIN_LOCKED when
 * its day is locked (nothing was posted; the caller rolls back). *id is the new record. */
enum fin_status record_create(struct db *db, int64_t venue_id, const struct record_new *n,
                              bool backfill, int64_t *id);

/* Loads record id of venue_id; DB_NOT_FOUND if none. */
enum db_status record_load(struct db *db, int64_t venue_id, int64_t id, struct record *r);

/* Posts a pending record (approved by by_user at `at`, note borrowed). FIN_LOCKED when its
 * day is locked. The caller has checked it is pending and who approves. backfill as in
 * record_create (the demo's approvals of its history). */
enum fin_status record_approve(struct db *db, const struct record *r, const char *by_user,
                               int64_t at, const char *note, bool backfill);
/* Rejects a pending record (nothing posts). */
enum db_status record_reject(struct db *db, const struct record *r, const char *by_user,
                             int64_t at, const char *reason);
/* Cancels a posted record: posts the reversal of its entry dated today (a business day) with
 * reverses_id set, and marks it cancelled. FIN_LOCKED when today is locked. */
enum fin_status record_cancel(struct db *db, const struct record *r, const char *today,
                              const char *by_user, int64_t at, const char *reason);
/* Attaches (or replaces) the receipt of a record (file already stored). */
enum db_status record_set_receipt(struct db *db, const struct record *r, const char *sha256,
                                  const char *mime, int64_t bytes, const char *by_user,
                                  int64_t at);

enum record_sort {
    RECORD_SORT_DAY_DESC, /* "-day" (default): newest day first, then newest record */
    RECORD_SORT_DAY,      /* "day" */
    RECORD_SORT_AMOUNT_DESC,
    RECORD_SORT_AMOUNT,
    RECORD_SORT_ID_DESC,
    RECORD_SORT_ID,
    RECORD_SORT__MAX,
};
/* The sort named s ("-day", "day", "-amount", "amount", "-id", "id"; NULL or "" the default);
 * false if unknown. */
bool record_sort_parse(const char *s, enum record_sort *out);

/* A list's filter; NULL or "" (0 for account_id) means any. Days inclusive. */
struct record_filter {
    const char *from_day, *to_day, *kind, *channel, *status, *q;
    int64_t account_id;
    enum record_sort sort;
    int64_t limit, offset; /* limit -1: all */
};
/* The filtered set's figures: every record counted; money of posted records (in the books)
 * and of pending ones (waiting) apart. */
struct record_totals {
    int64_t count;
    int64_t income_fen, expense_fen;                 /* posted */
    int64_t pending_income_fen, pending_expense_fen; /* pending */
};
typedef bool (*record_cb)(const struct record *r, void *ctx);
/* Calls cb for each record of the page (cb may be NULL) and fills *totals for the whole
 * filtered set. Run inside a read transaction so the page and the totals agree. */
enum db_status record_list(struct db *db, int64_t venue_id, const struct record_filter *f,
                           record_cb cb, void *ctx, struct record_totals *totals);

/* One line of a journal entry as read back for a record. */
struct record_line {
    int64_t entry_id, line_no, account_id, amount_fen;
    char day[11], code[24], name[244], name_en[244], party[64];
};
typedef bool (*record_line_cb)(const struct record_line *l, void *ctx);
/* The lines of entry_id (of venue_id), in order. */
enum db_status record_entry_lines(struct db *db, int64_t venue_id, int64_t entry_id,
                                  record_line_cb cb, void *ctx);

/* One step of a record's history. */
struct record_event {
    int64_t id, at, entry_id;
    char by_user[40], action[12], from_status[12], to_status[12], note[808];
};
typedef bool (*record_event_cb)(const struct record_event *e, void *ctx);
enum db_status record_history(struct db *db, int64_t record_id, record_event_cb cb, void *ctx);

/* ---- receipt files ---- */

/* Writes data into <dir of db_path>/receipts/<venue_id>/<sha256>.<ext> (folders made as
 * needed) through a temporary file renamed into place, and sets sha256_hex (65 bytes). A file
 * of the same content already there is kept. false (logged) on an I/O failure. */
bool receipt_store(const char *db_path, int64_t venue_id, const void *data, size_t len,
                   const struct receipt_type *type, char sha256_hex[65]);
/* Reads the receipt file back (malloc'd, caller frees) and checks it is still the file whose
 * hash the record keeps; NULL (logged) if missing or changed. */
char *receipt_read(const char *db_path, int64_t venue_id, const char *sha256_hex,
                   const struct receipt_type *type, size_t *len);

/* ---- routes ---- */

/* /api/v1/finance/records..., /api/v1/finance/settings, /api/v1/finance/categories
 * (module "finance"). */
extern const struct route records_routes[];

#endif
