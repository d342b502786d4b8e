/* finance/petty.h: petty cash (备用金): a fund per venue with a fixed imprest (定额), money
 * issued to a person for a purpose (领用), coming back as change (退回零钱) and receipts (报销),
 * direct small expenses paid from the fund, and replenishment (补充) from the safe or the bank.
 *
 * The invariant (the imprest system):
 *
 *     cash on hand + outstanding issues + receipted-not-replenished = imprest
 *     库存现金      + 未归还借支          + 已报销待补充               = 定额
 *
 * Every movement is one row of petty_movements (append-only) carrying its signed effect on the
 * four figures, and one journal entry (source "petty", the movement's id):
 *
 *   establish / adjust  imprest +d, cash +d          Dr petty_cash / Cr safe|bank (d < 0: back)
 *   issue A to P        cash -A, outstanding +A      Dr petty_issued(P) / Cr petty_cash
 *   settle an issue     change R and receipts E against what P still owes (O):
 *     (return, reimburse, or both at once)
 *                       cash +R, outstanding -(R+E), receipted +E
 *                       Dr petty_cash R, Dr expenses E / Cr petty_issued(P) R+E
 *                       receipts above what is owed (R = 0, E > O) are paid to P from the cash
 *                       (补付 X = E - O): cash -X, outstanding -O, receipted +E
 *   direct expense E    cash -E, receipted +E        Dr expenses / Cr petty_cash
 *   replenish P         cash +P, receipted -P        Dr petty_cash / Cr safe|bank
 *
 * The journal entry of every movement follows from its effect alone (petty_entry): petty_cash
 * moves by the cash effect, petty_issued(person) by the outstanding effect, each receipt's
 * expense account by its amount, and the source (safe or bank) takes the rest. So the ledger's
 * petty_cash and petty_issued always equal the fund's cash on hand and outstanding issues, and
 * the store checks exactly that after every write.
 *
 * The first part is pure (petty.c): the status, whether a movement is allowed, its effect, its
 * entry and the messages of refusals. The second is the store (petty_store.c), which the API and
 * the demo venue write through. */
#ifndef KTV_FINANCE_PETTY_H
#define KTV_FINANCE_PETTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/db.h"
#include "core/http.h"
#include "finance/finance.h"
#include "finance/journal.h"

/* The approval limit of a new fund: an issue above 2,000.00 needs a manager (fund setting). */
#define PETTY_DEFAULT_APPROVAL_LIMIT_FEN 200000
/* Receipts of one settlement or expense: a day's shopping fits; the entry stays far below
 * JOURNAL_MAX_LINES (receipt lines of one account merge into one journal line anyway). */
#define PETTY_MAX_RECEIPTS 20
/* Text sizes as stored (bytes, with the NUL): the API caps characters below them. A person's
 * name is at most 20 characters (60 bytes of UTF-8) so that it fits a journal line's party. */
#define PETTY_PERSON_MAX 64
#define PETTY_PURPOSE_MAX 404 /* 100 characters */
#define PETTY_NOTE_MAX 808    /* 200 characters */
#define PETTY_NAME_MAX 40     /* usernames */

enum petty_kind {
    PETTY_ESTABLISH, /* the fund set up: the imprest from nothing (设立) */
    PETTY_ADJUST,    /* the imprest raised or lowered (调整定额) */
    PETTY_ISSUE,     /* money issued to a person for a purpose (领用) */
    PETTY_RETURN,    /* change back against an issue (退回零钱) */
    PETTY_REIMBURSE, /* receipts against an issue (报销) */
    PETTY_SETTLE,    /* change and receipts at once (结算) */
    PETTY_EXPENSE,   /* an expense paid straight from the fund, no issue (直接支付) */
    PETTY_REPLENISH, /* what was receipted, put back from the safe or bank (补充) */
    PETTY_KIND__MAX,
};

/* "establish", "adjust", "issue", "return", "reimburse", "settle", "expense", "replenish": as
 * stored and in JSON. Static strings. */
const char *petty_kind_id(enum petty_kind k);
/* The kind of an id; false if unknown. */
bool petty_kind_parse(const char *id, enum petty_kind *out);
/* 设立 / 调整定额 / 领用 ... (or English). Static strings. */
const char *petty_kind_name(enum petty_kind k, bool english);

/* The four figures of a fund. */
struct petty_status {
    int64_t imprest_fen;     /* 定额 */
    int64_t cash_fen;        /* 库存现金: cash on hand */
    int64_t outstanding_fen; /* 未归还: issued, neither returned nor receipted */
    int64_t receipted_fen;   /* 待补充: receipted (spent) and not yet replenished */
};

/* True if cash + outstanding + receipted = imprest and no figure is negative. */
bool petty_holds(const struct petty_status *s);

/* What one movement does to the four figures (signed), and what was paid beyond an issue. */
struct petty_effect {
    int64_t imprest_fen, cash_fen, outstanding_fen, receipted_fen;
    int64_t paid_out_fen; /* settlements only: receipts above what was owed, paid from cash */
};

/* Adds e to s. */
void petty_apply(struct petty_status *s, const struct petty_effect *e);

/* A movement asked for, with what the rule needs to know about its issue and the fund. */
struct petty_request {
    enum petty_kind kind;
    int64_t amount_fen;    /* establish/adjust: the new imprest; issue: the amount issued;
                              replenish: the amount put back; expense: the receipts' total */
    int64_t returned_fen;  /* return/settle: change handed back */
    int64_t receipted_fen; /* reimburse/settle: the receipts' total */
    int64_t issue_outstanding_fen; /* return/reimburse/settle: what the issue still owes */
    bool fund_exists;              /* the venue has a fund row (establish may create it) */
    bool approved;                 /* issue: a manager approved it */
    int64_t approval_limit_fen;    /* issue: above this a manager must approve */
};

enum petty_verdict {
    PETTY_OK = 0,
    PETTY_NOT_ESTABLISHED,    /* no fund (or its imprest is 0): establish it first */
    PETTY_ESTABLISHED,        /* establish asked of a fund that has an imprest: adjust */
    PETTY_BAD_AMOUNT,         /* an amount that is not positive (or an imprest below 0) */
    PETTY_SAME_IMPREST,       /* adjust to the imprest the fund already has */
    PETTY_OVER_CASH,          /* issue, expense, lowering, extra payment beyond cash on hand */
    PETTY_OVER_OUTSTANDING,   /* change (plus receipts) more than the issue still owes */
    PETTY_ISSUE_SETTLED,      /* the issue owes nothing any more */
    PETTY_NOTHING,            /* a settlement with neither change nor receipts */
    PETTY_NOTHING_TO_REPLENISH, /* replenish with nothing receipted */
    PETTY_OVER_RECEIPTED,     /* replenish more than was receipted */
    PETTY_NEEDS_APPROVAL,     /* an issue above the limit without a manager's approval */
    PETTY_BROKEN,             /* the fund's figures do not hold before the movement: our bug */
    PETTY_VERDICT__MAX,
};

/* The kind of a settlement of an issue by its amounts: change only PETTY_RETURN, receipts only
 * PETTY_REIMBURSE, both PETTY_SETTLE (neither: PETTY_SETTLE, which petty_check refuses). */
enum petty_kind petty_settle_kind(int64_t returned_fen, int64_t receipted_fen);

/* Decides whether the movement rq is allowed on a fund whose figures are s; if so fills *e with
 * its effect (zeroed otherwise). The order of the checks: the fund, the amounts, the cash and
 * the issue, then the approval (an approval never makes room for money that is not there). */
enum petty_verdict petty_check(const struct petty_status *s, const struct petty_request *rq,
                               struct petty_effect *e);

/* A stable code for a refusal ("over_cash_on_hand" ...), for the API's error body. Static. */
const char *petty_verdict_code(enum petty_verdict v);
/* A sentence a person understands, with the figures (Chinese, or English): e.g.
 * "库存现金只有 2,500.00 元，不能领用 3,000.00 元". Writes into buf (NUL-terminated). */
void petty_message(enum petty_verdict v, const struct petty_status *s,
                   const struct petty_request *rq, bool english, char *buf, size_t size);

/* One receipt line: an expense account (system key or code, resolved by the store) and the
 * amount spent. */
struct petty_receipt {
    char account[24]; /* as the journal names it: the system key, or the code */
    int64_t amount_fen;
};

/* The journal entry of a movement: petty_cash by e->cash_fen, petty_issued(person) by
 * e->outstanding_fen, each receipt's account by its amount, and source ("safe" or "bank") by
 * whatever balances it. day is the business day, movement_id the source id. The memo is
 * written here from the kind, person and purpose. false if a source is needed and not given,
 * or the receipts do not add up with the effect (then the entry is not to be posted). */
bool petty_entry(enum petty_kind kind, const struct petty_effect *e, const char *day,
                 int64_t movement_id, const char *person, const char *purpose,
                 const char *source, const struct petty_receipt *receipts, int nreceipts,
                 struct journal_entry *out);

/* ---- the store: SQL of the fund, its movements and receipts (petty_store.c) ----
 * Every function runs inside the caller's transaction. */

struct petty_fund {
    int64_t id, venue_id;
    char custodian[PETTY_PERSON_MAX]; /* 保管人 */
    char status[12];                  /* active | closed (imprest 0) */
    int64_t imprest_fen, approval_limit_fen;
    int64_t created_at, updated_at;
    char updated_by[PETTY_NAME_MAX];
};

/* The fund of venue_id; DB_NOT_FOUND if it has none. */
enum db_status petty_fund_load(struct db *db, int64_t venue_id, struct petty_fund *f);
/* Writes the fund's settings (creating the row, imprest 0, if missing), then reloads *f. */
enum db_status petty_fund_save(struct db *db, int64_t venue_id, const char *custodian,
                               int64_t approval_limit_fen, const char *by_user, int64_t at,
                               struct petty_fund *f);

/* The four figures summed from the movements (all zero for a venue without any). */
enum db_status petty_status_load(struct db *db, int64_t venue_id, struct petty_status *s);

/* An issue with what came back against it. */
struct petty_issue {
    int64_t id;
    char day[11];
    int64_t at;
    char person[PETTY_PERSON_MAX];
    int64_t person_user_id; /* 0: not a user */
    char purpose[PETTY_PURPOSE_MAX];
    int64_t amount_fen, returned_fen, receipted_fen, paid_out_fen, outstanding_fen;
    int64_t settlements;    /* movements against it */
    char last_day[11];      /* the day of the last settlement ("" none) */
    char approved_by[PETTY_NAME_MAX];
    char by_user[PETTY_NAME_MAX];
};

/* Loads issue id of venue_id; DB_NOT_FOUND if it is not an issue of the venue. */
enum db_status petty_issue_load(struct db *db, int64_t venue_id, int64_t id, struct petty_issue *out);

struct petty_issue_filter {
    bool open_only;    /* only issues that still owe something */
    const char *from;  /* issue day range, inclusive; NULL: open-ended */
    const char *to;
    const char *person; /* exact name; NULL: everyone */
    int64_t limit;      /* at most this many (0: no limit) */
};
typedef bool (*petty_issue_cb)(const struct petty_issue *i, void *ctx);
/* Calls cb for each issue matching f, oldest first; cb returns false to stop. */
enum db_status petty_issue_list(struct db *db, int64_t venue_id, const struct petty_issue_filter *f,
                                petty_issue_cb cb, void *ctx);

/* A receipt line as stored, with its account's names. */
struct petty_receipt_row {
    int64_t movement_id, line_no, account_id;
    char account_code[24], account_key[24], account_name[64 * 3], account_name_en[64 * 3];
    int64_t amount_fen, receipt_count;
    char receipt_no[124];
    char note[PETTY_PURPOSE_MAX];
};

struct petty_movement {
    int64_t id;
    enum petty_kind kind;
    char day[11];
    int64_t at;
    int64_t issue_id; /* 0: none */
    char person[PETTY_PERSON_MAX];
    int64_t person_user_id;
    char purpose[PETTY_PURPOSE_MAX];
    int64_t amount_fen, returned_fen, receipted_fen, paid_out_fen;
    struct petty_effect effect;
    char source[8];
    char approved_by[PETTY_NAME_MAX];
    char by_user[PETTY_NAME_MAX];
    char note[PETTY_NOTE_MAX];
    int64_t entry_id; /* its journal entry (0 if none was posted) */
};

struct petty_movement_filter {
    const char *from, *to; /* business days, inclusive; NULL open-ended */
    const char *person;    /* exact name; NULL everyone */
    bool has_kind;
    enum petty_kind kind;
    int64_t issue_id;      /* 0: any; else the issue and what was done against it */
    int64_t id;            /* 0: any; else only this movement */
    int64_t offset, limit; /* paging (limit 0: all) */
};
typedef bool (*petty_movement_cb)(const struct petty_movement *m, void *ctx);
/* Calls cb for each movement matching f, newest first; *total gets the count of all matching
 * (may be NULL). */
enum db_status petty_movement_list(struct db *db, int64_t venue_id,
                                   const struct petty_movement_filter *f, petty_movement_cb cb,
                                   void *ctx, int64_t *total);
typedef bool (*petty_receipt_cb)(const struct petty_receipt_row *r, void *ctx);
/* Calls cb for each receipt line of movement_id, in order. */
enum db_status petty_receipts_of(struct db *db, int64_t movement_id, petty_receipt_cb cb,
                                 void *ctx);

/* An account receipts may go to: an active account of type expense. */
struct petty_account {
    int64_t id;
    char code[24], key[24];
    char name[64 * 3], name_en[64 * 3];
};
/* Resolves an account by system key or code. DB_NOT_FOUND if none; DB_INVALID if it is not an
 * active expense account. */
enum db_status petty_expense_account(struct db *db, int64_t venue_id, const char *name,
                                     struct petty_account *out);
typedef bool (*petty_account_cb)(const struct petty_account *a, void *ctx);
/* The venue's active expense accounts, in the chart's order. */
enum db_status petty_expense_accounts(struct db *db, int64_t venue_id, petty_account_cb cb,
                                      void *ctx);

/* A receipt line of a movement to write. */
struct petty_receipt_in {
    const char *account; /* system key or code of an expense account */
    int64_t amount_fen;  /* > 0 */
    const char *note;    /* NULL: "" */
    int64_t receipt_count; /* 票据张数 */
    const char *receipt_no; /* 票据号 (NULL: "") */
};

/* A movement to write. Strings are borrowed. */
struct petty_input {
    enum petty_kind kind; /* PETTY_ESTABLISH (picks adjust when the fund has an imprest),
                             PETTY_ISSUE, PETTY_SETTLE (the kind is then decided by the
                             amounts), PETTY_EXPENSE, PETTY_REPLENISH */
    const char *day;      /* business day it belongs to */
    int64_t at;           /* UTC instant */
    int64_t amount_fen;   /* establish: the new imprest; issue: the amount; replenish: the
                             amount (0: everything receipted) */
    int64_t issue_id;     /* settle: the issue */
    int64_t returned_fen; /* settle: change back */
    const struct petty_receipt_in *receipts; /* settle, expense */
    int nreceipts;
    const char *person;   /* issue: who takes the money (required); expense: who paid */
    int64_t person_user_id; /* issue: the person as a user (0: none) */
    const char *purpose;  /* issue, expense: what for */
    const char *source;   /* establish, adjust, replenish: "safe" or "bank" */
    const char *approved_by; /* issue: the approving manager ("" or NULL: none) */
    const char *note;
    const char *by_user;
    bool backfill;        /* post into a confirmed day (the demo's history only) */
};

/* What a write did, or why it was refused. */
struct petty_outcome {
    enum petty_verdict verdict;   /* PETTY_OK, or the refusal (nothing written) */
    enum petty_kind kind;         /* the kind written (adjust for an establish of a fund...) */
    int bad_receipt;              /* verdict PETTY_BAD_AMOUNT/account: the receipt's index, -1 */
    bool bad_account;             /* the receipt's account is unknown or not an expense */
    enum fin_status fin;          /* the posting; FIN_LOCKED: the day is locked */
    int64_t movement_id, entry_id;
    struct petty_status before, after;
    struct petty_request request; /* as checked (for petty_message) */
    struct petty_issue issue;     /* settle: the issue before */
};

/* Writes movement in (its row, its receipts, the fund's imprest) and posts its journal entry
 * with journal_post in the caller's transaction, then checks the invariant from the movements
 * and against the ledger. Returns
 *   DB_OK        with out->verdict PETTY_OK (written) or a refusal (nothing written);
 *   DB_NOT_FOUND settle: no such issue; out->bad_account set: no such account (receipt index);
 *   DB_CONFLICT  out->fin FIN_LOCKED: the business day is locked (the caller rolls back);
 *   DB_ERROR     the posting failed or the invariant broke (our bug, logged): roll back.
 * The caller rolls back on anything but DB_OK with PETTY_OK. */
enum db_status petty_record(struct db *db, int64_t venue_id, const struct petty_input *in,
                            struct petty_outcome *out);

/* The fund's figures from the movements, and the ledger's petty_cash and petty_issued. */
struct petty_check {
    struct petty_status status;     /* from the movements */
    int64_t fund_imprest_fen;       /* petty_funds.imprest_fen (0 without a fund) */
    int64_t ledger_cash_fen;        /* balance of petty_cash */
    int64_t ledger_issued_fen;      /* balance of petty_issued (every person) */
    bool holds;                     /* the figures hold */
    bool ledger_agrees;             /* ledger cash + issued + receipted = imprest, and cash and
                                       issued each equal the fund's */
};
/* Computes c for venue_id. */
enum db_status petty_verify(struct db *db, int64_t venue_id, struct petty_check *c);

/* The routes of petty cash (module "finance"). */
extern const struct route petty_routes[];

#endif
