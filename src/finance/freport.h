/* finance/freport.h: the finance reports, read from the books: the finance table (财务管理表),
 * the monthly profit and loss (利润表), the cash flow (现金流), over/short by cashier (长短款),
 * petty cash status (备用金), the stored-value liability (储值负债) and the trial balance
 * (试算平衡表).
 *
 * Every figure comes from the postings: the per account and business day totals the journal's
 * trigger keeps (account_day_totals), the journal lines for what moved the cash, and the
 * shifts for the over/short counts. Nothing is recomputed from bills, so the reports agree
 * with the ledger by construction, and a venue's own accounts (added by finance) show up in
 * their report group without code.
 *
 * Three layers, as everywhere:
 *   freport.c        pure folding: account-day totals and journal lines into periods,
 *                    sections and cash-flow classes (plain structs, no I/O)
 *   freport_store.c  the SQL that loads the chart, the totals, the lines and the shifts
 *   freport_api.c    the routes, the JSON and the CSV / .xlsx / terminal tables (also used by
 *                    `ktvoffice report finance|pnl|cashflow`)
 *
 * Signs. A line is debit + / credit -. The reports show each amount in the sense a reader
 * expects: revenue and other income as credits - debits; contra revenue (discounts, refunds),
 * cost and expense as debits - credits; a cash-like account's money in as its debits and money
 * out as its credits; a liability's balance as credits - debits. */
#ifndef KTV_FINANCE_FREPORT_H
#define KTV_FINANCE_FREPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/db.h"
#include "core/http.h"
#include "reports/range.h"

/* ---------------------------------------------------------------- the chart */

/* Report groups of accounts (accounts.grp), in the order of the chart. */
enum fr_grp {
    FR_CASH,         /* drawer, safe, petty cash on hand */
    FR_BANK,
    FR_CLEARING,     /* WeChat / Alipay / card money not yet in the bank */
    FR_RECEIVABLE,   /* platforms, credit customers, cashiers' shorts, petty cash issued */
    FR_SUSPENSE,     /* 待处理财产损溢 */
    FR_STORED_VALUE, /* members' principal and bonus */
    FR_PAYABLE,
    FR_EQUITY,
    FR_REVENUE,
    FR_CONTRA,       /* discounts, platform discounts, refunds */
    FR_OTHER_INCOME, /* overs and other income */
    FR_COST,         /* cost of goods */
    FR_EXPENSE,
    FR_GRP__MAX
};
extern const char *const fr_grp_names[FR_GRP__MAX];
/* The group named s, or -1. */
int fr_grp_of(const char *s);

struct fr_account {
    int64_t id;
    char code[24];
    char name[192], name_en[192]; /* 60 characters of UTF-8 at most (schema) */
    char key[32];                 /* system key, "" for accounts finance added */
    char type[12];                /* asset liability equity revenue expense */
    char party_kind[12];          /* '' shift cashier platform person customer supplier */
    enum fr_grp grp;
    bool active;
};

/* The chart of a venue in display order (sort order, then code). by_id is an index sorted by
 * account id for lookups (fr_chart_finish builds it). Owned: fr_chart_free. */
struct fr_chart {
    struct fr_account *items;
    size_t n, cap;
    size_t *by_id;
};
/* Appends a copy of a (false when out of memory). */
bool fr_chart_add(struct fr_chart *c, const struct fr_account *a);
/* Builds the lookup index; call after the last fr_chart_add. false when out of memory. */
bool fr_chart_finish(struct fr_chart *c);
/* The position of account id in the chart, or -1. */
long fr_chart_find(const struct fr_chart *c, int64_t id);
/* The position of the account with system key key, or -1. */
long fr_chart_find_key(const struct fr_chart *c, const char *key);
void fr_chart_free(struct fr_chart *c);

/* Whether the account's balance is a debit (assets and expenses). */
bool fr_debit_normal(const struct fr_account *a);
/* Cash-like: the money the venue holds (groups cash, bank and clearing). */
bool fr_cash_like(const struct fr_account *a);

/* ---------------------------------------------------------------- periods */

/* One column of a report: a business day or a calendar month cut to the range. label is
 * "YYYY-MM-DD" for a day, "YYYY-MM" for a month. */
struct fr_period {
    int64_t from, to;
    char label[11];
};

/* Longest ranges served: by day a year (366 columns is what a page and a sheet still show);
 * by month three years (36 columns), enough for a year-on-year look. */
#define FR_MAX_DAYS 366
#define FR_MAX_MONTHS 36

/* The periods of from..to (from <= to): one per day, or one per calendar month with the first
 * and last cut to the range. Returns how many; writes at most max into out (out may be NULL
 * to count). */
size_t fr_periods(int64_t from, int64_t to, bool by_month, struct fr_period *out, size_t max);
/* The index of the period holding day, or -1 outside them (binary search). */
long fr_period_find(const struct fr_period *p, size_t n, int64_t day);
/* First and last day of the month of day. */
void fr_month_bounds(int64_t day, int64_t *first, int64_t *last);

/* ---------------------------------------------------------------- the ledger of a range */

/* Every account's debits and credits before the range and in each period of it. Index
 * [account * nperiods + period]. p == nperiods in the accessors below means the whole range.
 * Owned: fr_ledger_free. */
struct fr_ledger {
    const struct fr_chart *chart; /* borrowed */
    const struct fr_period *periods; /* borrowed */
    size_t nperiods;
    int64_t *open_debit, *open_credit; /* [account]: before periods[0].from */
    int64_t *debit, *credit;           /* [account * nperiods + period] */
    int64_t *range_debit, *range_credit; /* [account]: the whole range */
    int64_t unknown_lines;             /* totals naming an account not in the chart */
};

bool fr_ledger_init(struct fr_ledger *l, const struct fr_chart *c, const struct fr_period *p,
                    size_t nperiods);
void fr_ledger_free(struct fr_ledger *l);
/* Folds one account-day total in: a day before the first period into the opening, a day in a
 * period into it, a day after the last period nowhere. An account not in the chart is
 * counted in unknown_lines and otherwise ignored. */
void fr_ledger_add(struct fr_ledger *l, int64_t account_id, int64_t day, int64_t debit_fen,
                   int64_t credit_fen);

/* Debits and credits of account i in period p (p == nperiods: the whole range). */
int64_t fr_debits(const struct fr_ledger *l, size_t i, size_t p);
int64_t fr_credits(const struct fr_ledger *l, size_t i, size_t p);
/* The movement of account i in period p in the report's sense (see the top of this file):
 * revenue, other income, liabilities and equity credits - debits; the rest debits - credits. */
int64_t fr_movement(const struct fr_ledger *l, size_t i, size_t p);
/* The balance (debits - credits) of account i before period p (p == nperiods: before the
 * range, the same as p == 0) and at the end of period p (p == nperiods: end of the range). */
int64_t fr_balance_before(const struct fr_ledger *l, size_t i, size_t p);
int64_t fr_balance_after(const struct fr_ledger *l, size_t i, size_t p);

/* ---------------------------------------------------------------- income statement */

/* Where an account's movement shows in the income statement. */
enum fr_section {
    FR_SEC_NONE = -1,
    FR_SEC_REVENUE = 0, /* group revenue */
    FR_SEC_CONTRA,      /* group contra: subtracted from revenue */
    FR_SEC_OTHER_INCOME,
    FR_SEC_EXPENSE,     /* groups cost and expense */
    FR_SEC__MAX
};
enum fr_section fr_section_of(const struct fr_account *a);

/* The figures of one period (or the range) of the income statement:
 *   net revenue = revenue - contra
 *   profit      = net revenue + other income - expense (cost of goods included) */
struct fr_figures {
    int64_t revenue_fen, contra_fen, net_revenue_fen, other_income_fen, cost_fen, expense_fen,
        profit_fen;
};
void fr_figures_of(const struct fr_ledger *l, size_t p, struct fr_figures *f);

/* ---------------------------------------------------------------- cash flow */

/* What moved the cash: the class of the accounts on the other side of a cash entry. */
enum fr_flow {
    FR_FLOW_SALES = 0,    /* revenue, contra, platform and credit receivables (营业收款) */
    FR_FLOW_STORED_VALUE, /* top-ups and refunds of stored value (the bonus cost with it) */
    FR_FLOW_OTHER_INCOME, /* overs and other income */
    FR_FLOW_EXPENSE,      /* cost and expenses */
    FR_FLOW_PAYABLE,      /* suppliers and other payables */
    FR_FLOW_RECEIVABLE,   /* cashiers' shorts, petty cash issued, other receivables */
    FR_FLOW_EQUITY,       /* opening balances, owners */
    FR_FLOW_OTHER,        /* suspense (待处理) */
    FR_FLOW__MAX
};
struct fr_flow_name {
    const char *id, *name_zh, *name_en;
};
extern const struct fr_flow_name fr_flow_names[FR_FLOW__MAX];
/* The class of a non-cash account (the stored-value bonus cost belongs to stored value: it is
 * given with a top-up and never moves cash of its own). Cash-like accounts: FR_FLOW_OTHER. */
enum fr_flow fr_flow_of(const struct fr_account *a);

/* One journal line (of an entry), as the cash flow reads it. */
struct fr_line {
    int64_t entry_id, day, account_id, amount_fen;
};

/* What one entry did to the cash-like accounts:
 *   in_fen / out_fen  its debits / credits on cash-like accounts (gross)
 *   transfer_fen      money moved from one cash-like account to another, min(in, out)
 *   net_fen           in - out, attributed to the classes of the other accounts:
 *   by_class[k]       signed (+ in, - out), summing to net_fen.
 * The attribution: the other lines are summed per class; the net cash goes to the classes
 * on the opposite side of it, each in proportion to its amount (largest remainder, so the
 * shares add up to the fen). Classes on the same side as the cash offset within the entry
 * (the platform's fee withheld from a settlement, a bonus given with a top-up) and move no
 * cash of their own. touches_cash is false for an entry without cash-like lines. Lines of
 * accounts not in the chart make the call return false (nothing attributed). */
struct fr_entry_flow {
    bool touches_cash;
    int64_t in_fen, out_fen, transfer_fen, net_fen;
    int64_t by_class[FR_FLOW__MAX];
};
bool fr_entry_flow(const struct fr_chart *c, const struct fr_line *lines, size_t n,
                   struct fr_entry_flow *out);

/* The cash flow of the periods: per period opening and closing of the cash-like accounts
 * (from the ledger), money in and out by class, and the transfers between cash-like accounts
 * (in = out, netting to zero). Index nperiods holds the whole range. Owned: fr_cashflow_free. */
struct fr_cashflow_period {
    int64_t opening_fen, closing_fen;
    int64_t in_fen[FR_FLOW__MAX], out_fen[FR_FLOW__MAX];
    int64_t total_in_fen, total_out_fen; /* sums over the classes */
    int64_t transfer_fen;                /* moved between cash-like accounts (in and out) */
    int64_t entries;                     /* entries that touched cash */
};
struct fr_cashflow {
    const struct fr_ledger *ledger; /* borrowed */
    size_t nperiods;
    struct fr_cashflow_period *p;   /* nperiods + 1 */
    int64_t unattributed;           /* entries refused by fr_entry_flow */
};
bool fr_cashflow_init(struct fr_cashflow *cf, const struct fr_ledger *l);
void fr_cashflow_free(struct fr_cashflow *cf);
/* Folds the lines of one entry in (all of one entry and day); entries outside the periods or
 * without cash-like lines are ignored. */
void fr_cashflow_add_entry(struct fr_cashflow *cf, const struct fr_line *lines, size_t n);
/* Whether every period (and the range) closes: opening + in - out = closing. */
bool fr_cashflow_balanced(const struct fr_cashflow *cf);

/* ---------------------------------------------------------------- over/short */

/* One cashier in one month (长缴短补, 不得以长补短): overs and shorts each summed on their own,
 * never netted. short_fen is positive. */
struct fr_os_row {
    char cashier[64];
    char month[8]; /* YYYY-MM; "" in the per-cashier totals */
    int64_t shifts, even, overs, over_fen, shorts, short_fen;
    int64_t owed_fen; /* per-cashier totals: the ledger's cashier receivable at the end */
};
struct fr_overshort {
    struct fr_os_row *rows; /* by cashier and month (sorted by fr_overshort_finish) */
    size_t n, cap;
    struct fr_os_row *cashiers; /* one per cashier, months summed, with what is owed */
    size_t ncashiers, ccap;
    struct fr_os_row total;
};
/* One closed shift of cashier in month with its difference (counted - expected). */
bool fr_overshort_add(struct fr_overshort *o, const char *cashier, const char *month,
                      int64_t difference_fen);
/* What the ledger says cashier owes (the cashier receivable's balance). */
bool fr_overshort_owed(struct fr_overshort *o, const char *cashier, int64_t owed_fen);
/* Sorts the rows and builds the per-cashier totals and the grand total. */
bool fr_overshort_finish(struct fr_overshort *o);
void fr_overshort_free(struct fr_overshort *o);

/* ---------------------------------------------------------------- petty cash */

/* The fund's state (备用金): cash on hand + issued not yet accounted for + spent awaiting
 * replenishment = imprest. The last is what the imprest says is missing from the first two. */
struct fr_petty {
    int64_t cash_fen, issued_fen;
    bool has_imprest;
    int64_t imprest_fen, awaiting_fen;
};
void fr_petty_status(int64_t cash_fen, int64_t issued_fen, bool has_imprest, int64_t imprest_fen,
                     struct fr_petty *out);

/* ---------------------------------------------------------------- trial balance */

struct fr_trial_totals {
    int64_t debit_fen, credit_fen, difference_fen;       /* cumulative debits and credits */
    int64_t balance_debit_fen, balance_credit_fen;       /* balances on their side */
};
/* The trial balance at the end of the ledger's range: cumulative debits and credits of every
 * account (opening + range), their balances on the side they fall. */
void fr_trial(const struct fr_ledger *l, struct fr_trial_totals *t);

/* ---------------------------------------------------------------- requests */

enum fr_kind {
    FR_TABLE = 0,  /* 财务管理表 */
    FR_PNL,        /* 利润表 */
    FR_CASHFLOW,   /* 现金流 */
    FR_OVER_SHORT, /* 长短款 */
    FR_PETTY,      /* 备用金 */
    FR_LIABILITY,  /* 储值负债 */
    FR_TRIAL,      /* 试算平衡表 */
    FR_KIND__MAX
};
struct fr_kind_info {
    const char *id;      /* "table", "pnl" ... (the route's last segment: "over-short") */
    const char *name_zh, *name_en; /* titles and download names */
    const char *file_en;           /* "finance-table" ... */
};
extern const struct fr_kind_info fr_kinds[FR_KIND__MAX];

/* What a request asks, as typed (any may be NULL). */
struct fr_query {
    const char *from, *to, *month, *year, *day, *group;
};
/* What it means: the business days from..to, by day or by month. */
struct fr_request {
    enum fr_kind kind;
    int64_t from, to;
    bool by_month;
};
/* Reads a query. from / to take YYYY-MM-DD or YYYY-MM (a month: from its first, to its last
 * day); month=YYYY-MM and year=YYYY name a whole month or year; day (the trial balance's "as
 * of") is a synonym of to. Without dates: the month of last_day up to it (the table, the cash
 * flow, petty cash), the year up to it (P&L, over/short, liability), last_day itself (trial
 * balance). group=day|month; by default days when the range lies in one month (P&L and
 * over/short always by month). Refuses malformed dates, month or year with from/to, a reversed
 * range and ranges over FR_MAX_DAYS days by day or FR_MAX_MONTHS months by month. */
bool fr_request_parse(enum fr_kind kind, const struct fr_query *q, int64_t last_day,
                      struct fr_request *out, struct range_problem *why);

/* ---------------------------------------------------------------- store (freport_store.c) */

/* Loads the chart of venue (every account, active or not). */
enum db_status fr_store_chart(struct db *db, int64_t venue_id, struct fr_chart *c);
/* Folds the account-day totals of venue into l (the opening and every period). */
enum db_status fr_store_ledger(struct db *db, int64_t venue_id, struct fr_ledger *l);
/* Folds the journal lines of the entries of the periods into cf, entry by entry. */
enum db_status fr_store_cashflow(struct db *db, int64_t venue_id, struct fr_cashflow *cf);
/* Folds the closed shifts of from..to (by business day) and the cashier receivable's balance
 * per cashier at to into o (then finishes it). */
enum db_status fr_store_overshort(struct db *db, int64_t venue_id, int64_t from, int64_t to,
                                  struct fr_overshort *o);

/* A balance per party of one account (the sub-ledger), at a day. */
struct fr_party_balance {
    char party[64];
    int64_t balance_fen; /* debits - credits */
};
/* The non-zero balances of the parties of the account with system key key at day (inclusive),
 * largest first. *out is malloc'd (caller frees). */
enum db_status fr_store_party_balances(struct db *db, int64_t venue_id, const char *key,
                                       int64_t day, struct fr_party_balance **out, size_t *n);
/* The imprest of the venue's petty-cash funds, if the petty cash area's table (petty_funds)
 * exists and has an imprest column; *found false otherwise (a database before it). */
enum db_status fr_store_petty_imprest(struct db *db, int64_t venue_id, bool *found,
                                      int64_t *imprest_fen, int64_t *funds);

/* Movements of the stored-value accounts in from..to, by what posted them. */
struct fr_sv_movement {
    char key[32];         /* sv_principal / sv_bonus */
    char source_kind[21]; /* topup, bill, refund, void, sv_refund, manual ... */
    int64_t increase_fen, decrease_fen; /* credits, debits */
    int64_t entries;
};
enum db_status fr_store_sv_movements(struct db *db, int64_t venue_id, int64_t from, int64_t to,
                                     struct fr_sv_movement **out, size_t *n);

/* ---------------------------------------------------------------- reports (freport_api.c) */

/* Loads and folds report r of venue in one read transaction and returns its JSON in *out
 * (the caller owns it). DB_ERROR also when memory runs out (logged). */
enum db_status freport_build(struct db *db, int64_t venue_id, const struct fr_request *r,
                             json_t **out);

enum freport_format { FREPORT_CSV, FREPORT_XLSX, FREPORT_TEXT };
/* Writes a report's JSON (from freport_build) as CSV, .xlsx or terminal text with Chinese or
 * English titles. Returns malloc'd bytes (caller frees), NULL on failure (logged). */
char *freport_export(const json_t *report, enum freport_format format, bool english,
                     size_t *len);
/* The download name: 财务管理表_2026-06-01_2026-06-30.xlsx (finance-table_... in English). */
void freport_filename(const json_t *report, const char *ext, bool english, char *out, size_t n);

/* GET /api/v1/finance/reports/{table,pnl,cashflow,over-short,petty,liability,trial-balance}
 * ?from&to&month&year&day&group&format=json|csv|xlsx (module "finance", read). */
extern const struct route freport_routes[];

#endif
