/* finance/store.c: the books in SQL: the seeded chart of accounts, writing journal entries,
 * balances, and loading the money events of the other areas to post them.
 *
 * The loaders read the bills, refunds and shifts tables directly: those rows are the money
 * records the books post from, and the catch-up of history needs them without the areas'
 * request context. They only read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bizday.h"
#include "core/log.h"
#include "core/money.h"
#include "core/venue.h"
#include "finance/finance.h"
#include "finance/postings.h"
#include "finance/transfers.h"

/* The day of the last entry refused for a locked day on this thread, for the reply. A thread
 * serves one request at a time, so this is request-scoped in effect. */
static _Thread_local char locked_day[11];
/* The figures of the last FIN_SAFE_SHORT of this thread, for finance_reply. */
static _Thread_local int64_t short_out_fen, short_available_fen;
static _Thread_local char short_day[11];

/* ---- the chart of accounts seeded for a KTV ---- */

struct seed_account {
    const char *code, *name, *name_en, *type, *grp, *party_kind, *key;
};

static const struct seed_account seed_accounts[] = {
    {"1001", "库存现金-收银台", "Cash in drawers", "asset", "cash", "shift", "drawer"},
    {"1002", "库存现金-保险柜", "Cash in the safe", "asset", "cash", "", "safe"},
    {"1003", "备用金-库存", "Petty cash on hand", "asset", "cash", "", "petty_cash"},
    {"1004", "备用金-借支", "Petty cash issued", "asset", "receivable", "person", "petty_issued"},
    {"1005", "银行存款", "Bank", "asset", "bank", "", "bank"},
    {"1011", "微信待清算", "WeChat Pay clearing", "asset", "clearing", "", "clr_wechat"},
    {"1012", "支付宝待清算", "Alipay clearing", "asset", "clearing", "", "clr_alipay"},
    {"1013", "银行卡待清算", "Card clearing", "asset", "clearing", "", "clr_card"},
    {"1014", "其他待清算", "Other clearing", "asset", "clearing", "", "clr_other"},
    {"1021", "团购平台应收", "Group-buy platforms receivable", "asset", "receivable", "platform",
     "ar_groupbuy"},
    {"1022", "挂账应收", "Credit accounts receivable", "asset", "receivable", "customer",
     "ar_credit"},
    {"1023", "收银员短款应收", "Cashier shorts receivable", "asset", "receivable", "cashier",
     "ar_cashier"},
    {"1024", "其他应收款", "Other receivables", "asset", "receivable", "person", "ar_other"},
    {"1090", "待处理财产损溢", "Cash differences pending", "asset", "suspense", "", "suspense"},
    {"2001", "储值负债-本金", "Stored value: principal", "liability", "stored_value", "",
     "sv_principal"},
    {"2002", "储值负债-赠额", "Stored value: bonus", "liability", "stored_value", "", "sv_bonus"},
    {"2101", "应付账款", "Suppliers payable", "liability", "payable", "supplier", "ap_supplier"},
    {"2201", "其他应付款", "Other payables", "liability", "payable", "", "ap_other"},
    {"3001", "期初权益", "Opening equity", "equity", "equity", "", "equity_opening"},
    {"4001", "包厢收入", "Room revenue", "revenue", "revenue", "", "rev_room"},
    {"4002", "套餐收入", "Package revenue", "revenue", "revenue", "", "rev_package"},
    {"4003", "酒水饮料收入", "Drinks revenue", "revenue", "revenue", "", "rev_drinks"},
    {"4004", "小吃果盘收入", "Food revenue", "revenue", "revenue", "", "rev_food"},
    {"4005", "其他商品收入", "Other goods revenue", "revenue", "revenue", "", "rev_goods"},
    {"4006", "服务费及其他营业收入", "Service charge and other sales", "revenue", "revenue", "",
     "rev_other"},
    {"4101", "折扣与抹零", "Discounts and rounding", "revenue", "contra", "", "contra_discount"},
    {"4102", "团购平台优惠", "Group-buy platform discounts", "revenue", "contra", "",
     "contra_groupbuy"},
    {"4103", "销售退款", "Refunds", "revenue", "contra", "", "contra_refund"},
    {"4201", "长款及其他收入", "Cash overs and other income", "revenue", "other_income", "",
     "other_income"},
    {"5001", "商品成本", "Cost of goods sold", "expense", "cost", "", "cogs"},
    {"6001", "房租物业", "Rent", "expense", "expense", "", "exp_rent"},
    {"6002", "水电燃气", "Utilities", "expense", "expense", "", "exp_utilities"},
    {"6003", "工资薪酬", "Wages", "expense", "expense", "", "exp_wages"},
    {"6004", "维修保养", "Repairs", "expense", "expense", "", "exp_repairs"},
    {"6005", "清洁卫生", "Cleaning", "expense", "expense", "", "exp_cleaning"},
    {"6006", "营销推广", "Marketing", "expense", "expense", "", "exp_marketing"},
    {"6007", "采购支出", "Purchases", "expense", "expense", "", "exp_purchases"},
    {"6008", "平台手续费", "Platform fees", "expense", "expense", "", "exp_platform_fee"},
    {"6009", "储值赠送", "Stored-value bonus given", "expense", "expense", "", "exp_sv_bonus"},
    {"6010", "办公及杂费", "Office and sundries", "expense", "expense", "", "exp_office"},
    {"6011", "收银台付现", "Paid out of the till", "expense", "expense", "", "exp_till"},
    /* WeChat / Alipay / card fees withheld when a channel settles into the bank (资金划转:
     * transfers.c). Apart from 6008: a platform's commission on vouchers is a cost of selling
     * through it, a channel's fee a cost of being paid. */
    {"6012", "支付渠道手续费", "Payment channel fees", "expense", "expense", "", "exp_channel_fees"},
    {"6099", "其他费用", "Other expenses", "expense", "expense", "", "exp_other"},
};

enum db_status finance_seed_accounts(struct db *db, int64_t venue_id)
{
    enum db_status s = DB_OK;
    int n = (int)(sizeof seed_accounts / sizeof seed_accounts[0]);
    for (int i = 0; s == DB_OK && i < n; i++) {
        const struct seed_account *a = &seed_accounts[i];
        s = db_exec(db,
                    "INSERT INTO accounts(venue_id, code, name, name_en, type, grp, party_kind, "
                    "system_key, sort_order, created_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CAST(strftime('%s','now') AS INTEGER)) "
                    "ON CONFLICT DO NOTHING",
                    "ittttttti", venue_id, a->code, a->name, a->name_en, a->type, a->grp,
                    a->party_kind, a->key, (int64_t)(i + 1) * 10);
    }
    return s;
}

/* ---- writing entries ---- */

enum db_status fin_db_status(enum fin_status s)
{
    switch (s) {
    case FIN_OK: return DB_OK;
    case FIN_LOCKED:
    case FIN_SAFE_SHORT: return DB_CONFLICT;
    case FIN_RETRY: return DB_RETRY;
    case FIN_BROKEN:
    case FIN_ERROR: break;
    }
    return DB_ERROR;
}

static enum fin_status fin_of(enum db_status s)
{
    if (s == DB_OK) return FIN_OK;
    if (s == DB_RETRY) return FIN_RETRY;
    return FIN_ERROR;
}

void finance_reply(struct request *req, enum fin_status s)
{
    if (s == FIN_LOCKED) {
        char zh[240], en[240];
        snprintf(zh, sizeof zh,
                 "营业日 %s 已确认锁定（已确认的营业日及其之前的日期都不能再记账）。如需更正，"
                 "请在未锁定的日期做冲销。",
                 locked_day);
        snprintf(en, sizeof en,
                 "business day %s is locked (the books are closed up to the last confirmed "
                 "day); post a correction in an open day",
                 locked_day);
        reply_error(req, 409, "day_locked", NULL, zh, en);
    } else if (s == FIN_SAFE_SHORT) {
        char a[32], b[32], zh[300], en[300];
        money_format_grouped(short_out_fen, a);
        money_format_grouped(short_available_fen > 0 ? short_available_fen : 0, b);
        snprintf(zh, sizeof zh,
                 "保险柜现金不足：本笔从保险柜付出 %s 元，账面上 %s 起最多 %s 元（保险柜不能为负）",
                 a, short_day, b);
        snprintf(en, sizeof en,
                 "the safe holds too little: %s out of it, at most %s on the books from %s on "
                 "(the safe may not go below zero)",
                 a, b, short_day);
        reply_error(req, 409, "safe_short", NULL, zh, en);
    } else if (s == FIN_RETRY) {
        reply_db_error(req, DB_RETRY, "账务", "books");
    } else {
        reply_internal(req);
    }
}

enum db_status finance_status_reply(struct request *req, enum fin_status s)
{
    if (s == FIN_OK) return DB_OK;
    if (s == FIN_RETRY) return DB_RETRY;
    finance_reply(req, s);
    return DB_INVALID;
}

enum db_status finance_today(struct db *db, int64_t venue_id, char out[11])
{
    struct venue v;
    enum db_status s = venue_load(db, venue_id, &v);
    if (s != DB_OK) return s;
    struct tz *tz = tz_load(v.timezone);
    if (!tz) return DB_ERROR;
    date_format(bizday_of_instant(tz, v.cutoff_minutes, now_epoch()), out);
    tz_free(tz);
    return DB_OK;
}

enum db_status finance_day_locked(struct db *db, int64_t venue_id, const char *day, bool *locked)
{
    int64_t n = 0;
    /* The books are closed up to the last confirmed day: a day before it is locked too, even
     * one never confirmed itself (a day without business, or before the first confirmed). */
    enum db_status s = db_int(db, &n,
                              "SELECT count(*) FROM business_days WHERE venue_id = $1 AND day >= $2",
                              "it", venue_id, day);
    *locked = n > 0;
    return s;
}

/* The id of the account named by system key or code; 0 if none. */
static enum db_status account_id_of(struct db *db, int64_t venue_id, const char *name, int64_t *id)
{
    enum db_status s = db_int(db, id,
                              "SELECT id FROM accounts WHERE venue_id = $1 AND "
                              "(system_key = $2 OR code = $2) ORDER BY system_key IS NULL LIMIT 1",
                              "it", venue_id, name);
    if (s == DB_NOT_FOUND) {
        *id = 0;
        return DB_OK;
    }
    return s;
}

enum fin_status fin_status_of(enum db_status s)
{
    if (s == DB_OK) return FIN_OK;
    return s == DB_RETRY ? FIN_RETRY : FIN_ERROR;
}

enum fin_status journal_reverse_posted(struct db *db, int64_t venue_id, int64_t entry_id,
                                       const char *day, const char *memo, const char *by_user,
                                       int64_t *reversal_id)
{
    /* The entry exactly as it was posted, each line named by what journal_post resolves
     * (a system key, else the code: codes begin with a digit, keys never do). */
    struct journal_entry *orig = calloc(1, sizeof *orig), *rev = calloc(1, sizeof *rev);
    enum fin_status f = FIN_ERROR;
    if (!orig || !rev) goto out;
    journal_begin(orig, day, "reversal", 0, "");
    sqlite3_stmt *st = db_stmt(db, "SELECT coalesce(a.system_key, a.code), l.party, l.amount_fen "
                                   "FROM journal_lines l JOIN accounts a ON a.id = l.account_id "
                                   "WHERE l.entry_id = $1 AND l.venue_id = $2 ORDER BY l.line_no");
    if (!st) goto out;
    enum db_status s = db_bind(st, "ii", entry_id, venue_id);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row)
        journal_add(orig, db_col_text(st, 0), db_col_text(st, 1), sqlite3_column_int64(st, 2));
    sqlite3_reset(st);
    if (s != DB_OK) {
        f = fin_status_of(s);
        goto out;
    }
    if (orig->nlines < 2) {
        log_error("finance: entry #%lld has no lines to reverse", (long long)entry_id);
        f = FIN_BROKEN;
        goto out;
    }
    journal_reverse(orig, entry_id, day, memo, rev);
    f = journal_post(db, venue_id, rev, by_user, false, reversal_id);
out:
    free(orig);
    free(rev);
    return f;
}

/* What finance decides to take out of the safe (a record, a petty-cash move, a transfer, a
 * manual entry, the reversal of any of them) may not take it below zero on the books, on the
 * entry's day or any later one. The tills are not held to it: a shift's float, pay-in or
 * hand-in, a bill, a refund or a void post as they happen (the cash is in the room), and a
 * safe the books show short then says so on the balances. */
static enum fin_status safe_check(struct db *db, int64_t venue_id, const struct journal_entry *e,
                                  const int64_t *ids)
{
    static const char *const held[] = {"manual", "reversal", "record", "petty", "transfer"};
    bool checked = false;
    for (size_t k = 0; k < sizeof held / sizeof held[0]; k++)
        if (strcmp(e->source_kind, held[k]) == 0) checked = true;
    if (!checked) return FIN_OK;
    int64_t safe = 0, out = 0;
    enum db_status s = account_id_of(db, venue_id, "safe", &safe);
    if (s != DB_OK) return fin_of(s);
    for (int i = 0; i < e->nlines; i++)
        if (ids[i] == safe) out -= e->lines[i].amount_fen;
    if (out <= 0) return FIN_OK;
    int64_t available = 0;
    s = transfer_safe_available(db, venue_id, e->day, &available);
    if (s != DB_OK) return fin_of(s);
    if (out <= available) return FIN_OK;
    short_out_fen = out;
    short_available_fen = available;
    snprintf(short_day, sizeof short_day, "%s", e->day);
    return FIN_SAFE_SHORT;
}

enum fin_status journal_post(struct db *db, int64_t venue_id, struct journal_entry *e,
                             const char *by_user, bool backfill, int64_t *entry_id)
{
    if (entry_id) *entry_id = 0;
    enum journal_check c = journal_finish(e);
    /* The lock first: an event with nothing to post (a bill of 0.00, a statement row of 0.00)
     * still belongs to its day, and a closed day takes none. */
    if (!backfill && c != JOURNAL_BAD_DAY) {
        bool locked = false;
        enum db_status s = finance_day_locked(db, venue_id, e->day, &locked);
        if (s != DB_OK) return fin_of(s);
        if (locked) {
            snprintf(locked_day, sizeof locked_day, "%s", e->day);
            return FIN_LOCKED;
        }
    }
    if (c == JOURNAL_EMPTY) return FIN_OK;
    if (c != JOURNAL_VALID) {
        log_error("finance: %s #%lld on %s does not post (check %d)", e->source_kind,
                  (long long)e->source_id, e->day, (int)c);
        return FIN_BROKEN;
    }
    int64_t ids[JOURNAL_MAX_LINES];
    for (int i = 0; i < e->nlines; i++) {
        enum db_status s = account_id_of(db, venue_id, e->lines[i].account, &ids[i]);
        if (s != DB_OK) return fin_of(s);
        if (!ids[i]) {
            log_error("finance: %s #%lld names no account '%s'", e->source_kind,
                      (long long)e->source_id, e->lines[i].account);
            return FIN_BROKEN;
        }
    }
    if (!backfill) {
        enum fin_status f = safe_check(db, venue_id, e, ids);
        if (f != FIN_OK) return f;
    }
    int64_t id = 0;
    enum db_status s = db_int(
        db, &id,
        "INSERT INTO journal_entries(venue_id, day, posted_at, source_kind, source_id, memo, "
        "reverses_id, by_user, line_count, debit_fen, backfill) "
        "VALUES ($1, $2, CAST(strftime('%s','now') AS INTEGER), $3, $4, $5, NULLIF($6, 0), $7, $8, $9, $10) "
        "RETURNING id",
        "ittit" "itiiI",
        venue_id, e->day, e->source_kind, e->source_id, e->memo,
        e->reverses_id, by_user ? by_user : "", (int64_t)e->nlines,
        journal_debits(e), backfill ? 1 : 0);
    if (s != DB_OK) {
        if (s == DB_CONFLICT) log_error("finance: %s #%lld posted twice", e->source_kind,
                                        (long long)e->source_id);
        return fin_of(s);
    }
    for (int i = 0; i < e->nlines && s == DB_OK; i++)
        s = db_exec(db,
                    "INSERT INTO journal_lines(entry_id, venue_id, day, line_no, account_id, "
                    "amount_fen, party) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    "iitiiit", id, venue_id, e->day, (int64_t)(i + 1), ids[i],
                    e->lines[i].amount_fen, e->lines[i].party);
    if (s != DB_OK) {
        log_error("finance: lines of %s #%lld refused: %s", e->source_kind,
                  (long long)e->source_id, db_errmsg(db));
        return fin_of(s);
    }
    if (entry_id) *entry_id = id;
    return FIN_OK;
}

enum db_status finance_balance(struct db *db, int64_t venue_id, const char *account,
                               const char *party, const char *day, int64_t *balance)
{
    int64_t id = 0;
    enum db_status s = account_id_of(db, venue_id, account, &id);
    if (s != DB_OK) return s;
    *balance = 0;
    if (!id) return DB_NOT_FOUND;
    if (party && *party)
        return db_int(db, balance,
                      "SELECT coalesce(sum(amount_fen), 0) FROM journal_lines WHERE "
                      "account_id = $1 AND party = $2 AND ($3 IS NULL OR day <= $3)",
                      "itt", id, party, day);
    return db_int(db, balance,
                  "SELECT coalesce(sum(debit_fen - credit_fen), 0) FROM account_day_totals "
                  "WHERE venue_id = $1 AND account_id = $2 AND ($3 IS NULL OR day <= $3)",
                  "iit", venue_id, id, day);
}
