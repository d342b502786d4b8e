/* finance/groupbuy.h: group-buy platforms (团购: 美团, 抖音, 点评): reading their settlement
 * statements, matching vouchers three ways, and posting what the platforms paid.
 *
 * A voucher is used on a bill (a bill_payments row, method 'voucher': platform code, voucher
 * code, face value, the price the guest paid the platform). At checkout the books take
 *   Dr ar_groupbuy (party = platform)  the price paid      (the platform owes it)
 *   Dr contra_groupbuy                 face - price paid   (the platform's discount)
 * The platform's statement lists the vouchers it verified (验券/核销) and, once paid, settled
 * (结算): the net paid into the bank after its fee. Three-way match, per platform and code:
 *   used on a bill (not voided)  x  verified on the platform  x  settled.
 *
 * Three layers, as everywhere:
 *   pure    (groupbuy.c)        statement parsing with a column map, the matcher, the
 *                               settlement posting rule. No I/O.
 *   store   (groupbuy_store.c)  platforms, statement imports, the vouchers of bills, balances.
 *   api     (groupbuy_api.c)    the routes below.
 *
 * The settlement posting (one entry per settlement batch of an import, source "groupbuy",
 * source_id = the groupbuy_settlements row that names its statement rows), dated the
 * settlement date (a business day; a locked day refuses the import, 409 day_locked):
 *   Dr bank                 net        what arrived
 *   Dr exp_platform_fee     fee        the platform's fee (an expense, 平台手续费)
 *   Dr contra_groupbuy      paid - net - fee   (when not zero: a further platform discount;
 *                                              a credit when the platform paid more)
 *   Cr ar_groupbuy [platform]  paid   the receivable the voucher cleared
 * where paid is, per row, the statement's price paid; if the statement does not say, the price
 * the bill recorded; failing both, net + fee. Crediting the receivable by the statement's price
 * (not the bill's) leaves any disagreement on the platform's receivable, where the exception
 * list explains it; a settled voucher that no bill used is credited too, so a voucher keyed
 * with a typo at the till (one "not on the statement", one "not on a bill") nets to nothing. */
#ifndef KTV_GROUPBUY_H
#define KTV_GROUPBUY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/db.h"
#include "core/http.h"
#include "finance/finance.h"
#include "finance/journal.h"

/* An amount the statement (or the bill) does not give. */
#define GB_UNKNOWN (-1)
/* Voucher codes are 8-16 digits on every platform we know; 40 leaves room for letters. */
#define GB_CODE_MAX 40
/* A batch number (结算单号) is an id of 20-30 characters. */
#define GB_BATCH_MAX 64
/* Platform codes, as bill_payments.platform holds them (the till allows 20). */
#define GB_PLATFORM_MAX 20
/* A column map entry: a few header spellings separated by '|'. */
#define GB_HEADERS_MAX 200
/* A month of a very busy venue is a few thousand vouchers; a year fits too. */
#define GB_MAX_ROWS 50000
/* Problems listed for one file (it is refused either way). */
#define GB_MAX_ISSUES 500

/* ---- the column map ---- */

enum gb_field {
    GB_F_CODE,        /* 券码: required */
    GB_F_VERIFIED_AT, /* 验券时间 */
    GB_F_FACE,        /* 券面值 */
    GB_F_PAID,        /* 用户实付 */
    GB_F_FEE,         /* 平台服务费 */
    GB_F_NET,         /* 结算金额 */
    GB_F_SETTLED_ON,  /* 结算日期 */
    GB_F_BATCH,       /* 结算批次 */
    GB_F__MAX,
};
/* JSON keys of the fields ("code", "verified_at", "face", "paid", "fee", "net", "settled_on",
 * "batch") and their names for people. */
extern const char *const gb_field_keys[GB_F__MAX];
extern const char *const gb_field_names_zh[GB_F__MAX];
extern const char *const gb_field_names_en[GB_F__MAX];

/* Which header holds each field: "券码|团购券码" (the first spelling the file has is read);
 * "" where the platform's statements do not carry the field. */
struct gb_column_map {
    char headers[GB_F__MAX][GB_HEADERS_MAX + 1];
};

/* Checks a column map: a code header is given, every entry is at most GB_HEADERS_MAX bytes of
 * printable text, no spelling is empty or used by two fields. On failure sets *field to the
 * offending field and fills zh/en (200 bytes each) and returns false. */
bool gb_column_map_check(const struct gb_column_map *m, enum gb_field *field, char *zh, char *en);

/* ---- reading a statement (pure) ---- */

/* Normalises a voucher code as the platforms and tills write it ("1234 5678-9012", a leading
 * apostrophe or ="..." from Excel) to upper-case letters and digits in out (GB_CODE_MAX + 1).
 * False if what is left is empty, too long or holds anything else. */
bool gb_code_normalize(const char *in, char *out);

/* One statement row (also as stored, then with id and platform set). */
struct gb_row {
    int64_t id;    /* stored row id (0 while parsing) */
    unsigned line; /* CSV line in its file */
    char platform[GB_PLATFORM_MAX + 1];
    char code[GB_CODE_MAX + 1];                   /* normalised */
    char verified_at[20];                         /* "YYYY-MM-DD HH:MM:SS" local, "" if not given */
    int64_t face_fen, paid_fen, fee_fen, net_fen; /* GB_UNKNOWN where not given */
    char settled_day[11];                         /* "" while not settled */
    char batch[GB_BATCH_MAX + 1];                 /* as written */
    char batch_key[GB_BATCH_MAX + 1];             /* batch, else settled_day, else "" */
};

struct gb_issue {
    unsigned row;    /* CSV line, 0 for the whole file */
    char column[64]; /* the header as written (or the field's name), "" for the row */
    char zh[300], en[300];
};

struct gb_statement {
    const char *encoding;      /* "utf-8", "utf-8-bom", "gbk" or "" */
    unsigned header_line;      /* where the header row was found (title lines above are skipped) */
    char found[GB_F__MAX][64]; /* the header each field was read from, "" if absent */
    struct gb_row *rows;
    size_t n;
    size_t skipped; /* total lines (合计/总计/小计) left out */
    struct gb_issue *issues;
    size_t nissues;
};

/* Reads a statement file (raw bytes, borrowed; UTF-8 with or without BOM, or GBK) with map.
 * The header is the first of the first 20 rows that names the code column; lines above it
 * (a title, the merchant's name) are skipped, and so are total lines. Every problem is an
 * issue with the CSV line, the column and the reason; rows with problems are left out of
 * out->rows. Settlement dates after latest_day ("YYYY-MM-DD"; NULL or "" for no limit) are
 * refused: a payment that has not happened is not a settlement. Returns false only when memory
 * ran out. The caller frees with gb_statement_free (also after a failure). */
bool gb_parse_statement(const char *data, size_t len, const struct gb_column_map *map,
                        const char *latest_day, struct gb_statement *out);
void gb_statement_free(struct gb_statement *s);

/* ---- the three-way match (pure) ---- */

/* A voucher tender of a settled, not voided bill. */
struct gb_bill_use {
    int64_t bill_id;
    char bill_no[48];
    char day[11]; /* the bill's business day */
    char platform[GB_PLATFORM_MAX + 1];
    char code[GB_CODE_MAX + 1]; /* normalised; "" if the tender has no usable code */
    int64_t face_fen;           /* amount_fen: the face value applied */
    int64_t paid_fen;           /* voucher_paid_fen, or the face when not recorded */
};

enum gb_class {
    GB_MATCHED,        /* on one bill, on the statement, settled, amounts agree */
    GB_BILL_ONLY,      /* used on a bill, on no statement (未核销) */
    GB_STATEMENT_ONLY, /* on a statement, used on no bill */
    GB_AMOUNT_DIFF,    /* face value or price paid differ between bill and statement */
    GB_UNSETTLED,      /* verified, not settled (yet) */
    GB_NET_DIFF,       /* settled net differs from price paid - fee */
    GB_DUPLICATE,      /* used on two bills, or settled in two batches */
    GB_CLASS__MAX,
};
/* "matched", "bill_only", "statement_only", "amount_diff", "unsettled", "net_diff",
 * "duplicate", and their names for people. */
extern const char *const gb_class_keys[GB_CLASS__MAX];
extern const char *const gb_class_names_zh[GB_CLASS__MAX];
extern const char *const gb_class_names_en[GB_CLASS__MAX];

/* One voucher (platform + code) with what the bills and statements say of it. */
struct gb_voucher {
    char platform[GB_PLATFORM_MAX + 1];
    char code[GB_CODE_MAX + 1];
    char day[11];                   /* the bill's day, else the verification date, else the
                                       settlement date: what the range filters on */
    const struct gb_bill_use *bill; /* the first bill that used it (NULL: none); borrowed */
    const struct gb_row *row;       /* the settled row, else the first row (NULL: none) */
    int nbills, nrows, nsettled;
    unsigned classes;      /* bit (1u << enum gb_class) for each class it falls in */
    int64_t amount_fen;    /* the price paid: the bill's, else the statement's */
    int64_t face_diff_fen; /* statement - bill (0 if either does not say) */
    int64_t paid_diff_fen; /* statement - bill */
    int64_t net_diff_fen;  /* net - (price paid - fee) of the settled row */
};

struct gb_class_total {
    int64_t count, amount_fen;
};

struct gb_match {
    struct gb_voucher *vouchers; /* sorted by day, platform, code */
    size_t n;
    struct gb_class_total classes[GB_CLASS__MAX];
    int64_t on_bills, bills_face_fen, bills_paid_fen; /* vouchers used on bills */
    int64_t on_statements;                            /* vouchers on a statement */
    int64_t settled, settled_paid_fen, settled_net_fen, settled_fee_fen;
    int64_t uncoded, uncoded_fen; /* voucher tenders without a code (old imported bills) */
};

/* Matches bill uses and statement rows (both borrowed; the result points into them) and keeps
 * the vouchers whose day is within from..to ("YYYY-MM-DD", inclusive; NULL or "" for open).
 * Returns false only when memory ran out. Free with gb_match_free. */
bool gb_match(const struct gb_bill_use *bills, size_t nbills, const struct gb_row *rows,
              size_t nrows, const char *from, const char *to, struct gb_match *out);
void gb_match_free(struct gb_match *m);

/* ---- the settlement posting (pure) ---- */

/* The price paid a settled row clears from the receivable: the statement's, else the bill's
 * (bill_paid_fen, GB_UNKNOWN if no bill used the voucher), else net + fee. */
int64_t gb_row_paid(const struct gb_row *r, int64_t bill_paid_fen);

/* What one settlement batch moves. */
struct gb_settlement {
    char platform[GB_PLATFORM_MAX + 1];
    char day[11];
    char batch_key[GB_BATCH_MAX + 1];
    int rows;
    int64_t paid_fen, net_fen, fee_fen;
};

/* The entry of a settlement (see the header comment): bank, fee, discount, receivable.
 * memo names the platform, batch and rows. */
void gb_posting_settlement(const struct gb_settlement *s, int64_t settlement_id, const char *memo,
                           struct journal_entry *e);

/* ---- the store ---- */

struct gb_platform {
    int64_t id;
    char code[GB_PLATFORM_MAX + 1];
    char name[164], name_en[164];
    struct gb_column_map map;
    bool active;
    int64_t updated_at;
};

/* The platforms of a venue by sort order; cb returns false to stop. */
typedef bool (*gb_platform_cb)(const struct gb_platform *p, void *ctx);
enum db_status gb_platform_list(struct db *db, int64_t venue_id, gb_platform_cb cb, void *ctx);
/* One platform by code; DB_NOT_FOUND if none. */
enum db_status gb_platform_get(struct db *db, int64_t venue_id, const char *code,
                               struct gb_platform *p);
/* Adds a platform (code, name, name_en, map, active); DB_CONFLICT if the code exists. */
enum db_status gb_platform_insert(struct db *db, int64_t venue_id, struct gb_platform *p);
/* Saves name, name_en, map and active of the platform with p->code. */
enum db_status gb_platform_update(struct db *db, int64_t venue_id, const struct gb_platform *p);

/* The voucher tenders of the venue's settled, not voided bills: of one platform, or of every
 * platform in the venue's table (platform NULL or ""). *out is malloc'd (caller frees). */
enum db_status gb_bill_uses(struct db *db, int64_t venue_id, const char *platform,
                            struct gb_bill_use **out, size_t *n);
/* The statement rows of one platform (or of all, NULL or ""). *out malloc'd (caller frees). */
enum db_status gb_statement_rows(struct db *db, int64_t venue_id, const char *platform,
                                 struct gb_row **out, size_t *n);

/* What an import did: the import's id, counts, and each settlement written with its entry. */
struct gb_settlement_done {
    int64_t id, entry_id; /* entry 0: nothing to move (every amount zero) */
    int64_t adjust_fen;   /* paid - net - fee */
    struct gb_settlement s;
};
struct gb_import_result {
    int64_t import_id;
    size_t imported, duplicates;
    struct gb_settlement_done *settlements; /* malloc'd: gb_import_result_free */
    size_t nsettlements;
};
void gb_import_result_free(struct gb_import_result *r);

enum gb_import_status {
    GB_IMPORT_OK,
    GB_IMPORT_INVALID, /* rows conflict with what is stored: issues added to st */
    GB_IMPORT_LOCKED,  /* a settlement day is locked (finance_reply names it) */
    GB_IMPORT_RETRY,
    GB_IMPORT_ERROR,
};

/* Imports a parsed statement (no issues) of platform p, inside the caller's write transaction:
 * rows already stored (same platform, code and batch) are counted as duplicates; a voucher
 * settled again in another batch is an issue; the new rows, their settlements and one journal
 * entry per settlement are written. backfill is true only for history written by the demo
 * (the entries then land in confirmed days, flagged as backfill); every import through the
 * API passes false and a locked settlement day refuses it. Nothing new (every row a
 * duplicate) writes nothing, import_id 0. On anything but GB_IMPORT_OK the caller rolls back. */
enum gb_import_status gb_import(struct db *db, int64_t venue_id, const struct actor *who,
                                const struct gb_platform *p, const char *file_name,
                                struct gb_statement *st, bool backfill,
                                struct gb_import_result *out);

/* The accepted imports of a venue (one platform or all), newest first, at most limit. */
struct gb_import_row {
    int64_t id, at, rows_read, imported, duplicates, settled, net_fen, fee_fen;
    char platform[GB_PLATFORM_MAX + 1];
    char file_name[260];
    char encoding[16];
    char by_user[44];
};
typedef bool (*gb_import_cb)(const struct gb_import_row *r, void *ctx);
enum db_status gb_import_list(struct db *db, int64_t venue_id, const char *platform, int limit,
                              gb_import_cb cb, void *ctx);

/* The balance of ar_groupbuy per party (platform code): what each platform still owes.
 * cb gets every party with a non-zero balance or any line. */
typedef bool (*gb_balance_cb)(const char *party, int64_t balance_fen, void *ctx);
enum db_status gb_receivables(struct db *db, int64_t venue_id, gb_balance_cb cb, void *ctx);

/* ---- routes (module "finance") ----
 *   GET  /api/v1/groupbuy/platforms                      platforms, column maps, receivables
 *   POST /api/v1/groupbuy/platforms                      add a platform
 *   PUT  /api/v1/groupbuy/platforms/:code                name, column map, active
 *   POST /api/v1/groupbuy/statements?platform=           import a statement (CSV body or
 *                                                        multipart field "file")
 *   GET  /api/v1/groupbuy/statements?platform=           the accepted imports
 *   GET  /api/v1/groupbuy/reconciliation?platform&from&to        the three-way match
 *   GET  /api/v1/groupbuy/reconciliation/export?format&platform&from&to   .xlsx or CSV */
extern const struct route groupbuy_routes[];

#endif
