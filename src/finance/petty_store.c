/* finance/petty_store.c: the SQL of petty cash: the fund row, the movements with their
 * receipts, the figures summed from them, and writing one movement with its journal entry and
 * the invariant checked afterwards. Every function runs inside the caller's transaction. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/money.h"
#include "finance/petty.h"

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int col)
{
    snprintf(dst, n, "%s", db_col_text(st, col));
}

/* ---- the fund ---- */

enum db_status petty_fund_load(struct db *db, int64_t venue_id, struct petty_fund *f)
{
    memset(f, 0, sizeof *f);
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT id, venue_id, custodian, status, imprest_fen, "
                               "approval_limit_fen, created_at, updated_at, updated_by "
                               "FROM petty_funds WHERE venue_id = $1");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", venue_id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) {
        f->id = sqlite3_column_int64(st, 0);
        f->venue_id = sqlite3_column_int64(st, 1);
        copy_col(f->custodian, sizeof f->custodian, st, 2);
        copy_col(f->status, sizeof f->status, st, 3);
        f->imprest_fen = sqlite3_column_int64(st, 4);
        f->approval_limit_fen = sqlite3_column_int64(st, 5);
        f->created_at = sqlite3_column_int64(st, 6);
        f->updated_at = sqlite3_column_int64(st, 7);
        copy_col(f->updated_by, sizeof f->updated_by, st, 8);
    }
    sqlite3_reset(st);
    return s;
}

enum db_status petty_fund_save(struct db *db, int64_t venue_id, const char *custodian,
                               int64_t approval_limit_fen, const char *by_user, int64_t at,
                               struct petty_fund *f)
{
    enum db_status s = db_exec(
        db,
        "INSERT INTO petty_funds(venue_id, custodian, approval_limit_fen, created_at, "
        "updated_at, updated_by) VALUES ($1, $2, $3, $4, $4, $5) "
        "ON CONFLICT (venue_id) DO UPDATE SET custodian = excluded.custodian, "
        "approval_limit_fen = excluded.approval_limit_fen, updated_at = excluded.updated_at, "
        "updated_by = excluded.updated_by",
        "itiit", venue_id, custodian ? custodian : "", approval_limit_fen, at,
        by_user ? by_user : "");
    if (s != DB_OK) return s;
    return petty_fund_load(db, venue_id, f);
}

/* The imprest the movements left, and the fund's status with it. */
static enum db_status fund_set_imprest(struct db *db, int64_t fund_id, int64_t imprest_fen,
                                       const char *by_user, int64_t at)
{
    return db_exec(db,
                   "UPDATE petty_funds SET imprest_fen = $2, status = CASE WHEN $2 > 0 THEN "
                   "'active' ELSE 'closed' END, updated_at = $3, updated_by = $4 WHERE id = $1",
                   "iiit", fund_id, imprest_fen, at, by_user ? by_user : "");
}

enum db_status petty_status_load(struct db *db, int64_t venue_id, struct petty_status *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT coalesce(sum(d_imprest), 0), coalesce(sum(d_cash), 0), "
                               "coalesce(sum(d_outstanding), 0), coalesce(sum(d_receipted), 0) "
                               "FROM petty_movements WHERE venue_id = $1");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", venue_id);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && row) {
        out->imprest_fen = sqlite3_column_int64(st, 0);
        out->cash_fen = sqlite3_column_int64(st, 1);
        out->outstanding_fen = sqlite3_column_int64(st, 2);
        out->receipted_fen = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    return s;
}

/* ---- issues ---- */

/* An issue and the sums of what was done against it. $1 venue, $2 issue id (0: any), $3/$4 day
 * range, $5 person, $6 open only, $7 limit (-1: none). */
static const char issue_sql[] =
    "SELECT i.id, i.day, i.at, i.person, coalesce(i.person_user_id, 0), i.purpose, i.amount_fen, "
    "coalesce(sum(s.returned_fen), 0), coalesce(sum(s.receipted_fen), 0), "
    "coalesce(sum(s.paid_out_fen), 0), i.d_outstanding + coalesce(sum(s.d_outstanding), 0), "
    "count(s.id), coalesce(max(s.day), ''), i.approved_by, i.by_user "
    "FROM petty_movements i LEFT JOIN petty_movements s ON s.issue_id = i.id "
    "WHERE i.venue_id = $1 AND i.kind = 'issue' AND ($2 = 0 OR i.id = $2) "
    "AND ($3 IS NULL OR i.day >= $3) AND ($4 IS NULL OR i.day <= $4) "
    "AND ($5 IS NULL OR i.person = $5) "
    "GROUP BY i.id HAVING $6 = 0 OR i.d_outstanding + coalesce(sum(s.d_outstanding), 0) > 0 "
    "ORDER BY i.day, i.id LIMIT $7";

static void read_issue(sqlite3_stmt *st, struct petty_issue *i)
{
    memset(i, 0, sizeof *i);
    i->id = sqlite3_column_int64(st, 0);
    copy_col(i->day, sizeof i->day, st, 1);
    i->at = sqlite3_column_int64(st, 2);
    copy_col(i->person, sizeof i->person, st, 3);
    i->person_user_id = sqlite3_column_int64(st, 4);
    copy_col(i->purpose, sizeof i->purpose, st, 5);
    i->amount_fen = sqlite3_column_int64(st, 6);
    i->returned_fen = sqlite3_column_int64(st, 7);
    i->receipted_fen = sqlite3_column_int64(st, 8);
    i->paid_out_fen = sqlite3_column_int64(st, 9);
    i->outstanding_fen = sqlite3_column_int64(st, 10);
    i->settlements = sqlite3_column_int64(st, 11);
    copy_col(i->last_day, sizeof i->last_day, st, 12);
    copy_col(i->approved_by, sizeof i->approved_by, st, 13);
    copy_col(i->by_user, sizeof i->by_user, st, 14);
}

enum db_status petty_issue_list(struct db *db, int64_t venue_id, const struct petty_issue_filter *f,
                                petty_issue_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, issue_sql);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "iitttIi", venue_id, (int64_t)0, f->from, f->to, f->person,
                               f->open_only ? 1 : 0, f->limit > 0 ? f->limit : (int64_t)-1);
    bool row = true;
    while (s == DB_OK && row) {
        s = db_step(st, &row);
        if (s != DB_OK || !row) break;
        struct petty_issue i;
        read_issue(st, &i);
        if (!cb(&i, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status petty_issue_load(struct db *db, int64_t venue_id, int64_t id, struct petty_issue *out)
{
    memset(out, 0, sizeof *out);
    if (id <= 0) return DB_NOT_FOUND;
    sqlite3_stmt *st = db_stmt(db, issue_sql);
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "iinnnIi", venue_id, id, 0, (int64_t)1);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) read_issue(st, out);
    sqlite3_reset(st);
    return s;
}

/* ---- movements ---- */

enum db_status petty_movement_list(struct db *db, int64_t venue_id,
                                   const struct petty_movement_filter *f, petty_movement_cb cb,
                                   void *ctx, int64_t *total)
{
    const char *kind = f->has_kind ? petty_kind_id(f->kind) : NULL;
    enum db_status s = DB_OK;
    if (total) {
        s = db_int(db, total,
                   "SELECT count(*) FROM petty_movements m WHERE m.venue_id = $1 "
                   "AND ($2 IS NULL OR m.day >= $2) AND ($3 IS NULL OR m.day <= $3) "
                   "AND ($4 IS NULL OR m.person = $4) AND ($5 IS NULL OR m.kind = $5) "
                   "AND ($6 = 0 OR m.id = $6 OR m.issue_id = $6) AND ($7 = 0 OR m.id = $7)",
                   "ittttii", venue_id, f->from, f->to, f->person, kind, f->issue_id, f->id);
        if (s != DB_OK) return s;
    }
    sqlite3_stmt *st = db_stmt(
        db,
        "SELECT m.id, m.kind, m.day, m.at, coalesce(m.issue_id, 0), m.person, "
        "coalesce(m.person_user_id, 0), m.purpose, m.amount_fen, m.returned_fen, m.receipted_fen, "
        "m.paid_out_fen, m.d_imprest, m.d_cash, m.d_outstanding, m.d_receipted, m.source, "
        "m.approved_by, m.by_user, m.note, coalesce(e.id, 0) "
        "FROM petty_movements m LEFT JOIN journal_entries e ON e.venue_id = m.venue_id "
        "AND e.source_kind = 'petty' AND e.source_id = m.id "
        /* Spelt out so that SQLite uses the partial index journal_source (one lookup per
         * movement instead of every entry of the venue). */
        "AND e.source_kind NOT IN ('manual','reversal') "
        "WHERE m.venue_id = $1 AND ($2 IS NULL OR m.day >= $2) AND ($3 IS NULL OR m.day <= $3) "
        "AND ($4 IS NULL OR m.person = $4) AND ($5 IS NULL OR m.kind = $5) "
        "AND ($6 = 0 OR m.id = $6 OR m.issue_id = $6) AND ($9 = 0 OR m.id = $9) "
        "ORDER BY m.day DESC, m.id DESC LIMIT $7 OFFSET $8");
    if (!st) return DB_ERROR;
    s = db_bind(st, "ittttiiii", venue_id, f->from, f->to, f->person, kind, f->issue_id,
                f->limit > 0 ? f->limit : (int64_t)-1, f->offset > 0 ? f->offset : (int64_t)0,
                f->id);
    bool row = true;
    while (s == DB_OK && row) {
        s = db_step(st, &row);
        if (s != DB_OK || !row) break;
        struct petty_movement m;
        memset(&m, 0, sizeof m);
        m.id = sqlite3_column_int64(st, 0);
        if (!petty_kind_parse(db_col_text(st, 1), &m.kind)) {
            s = DB_ERROR; /* the table's CHECK lists the same kinds */
            break;
        }
        copy_col(m.day, sizeof m.day, st, 2);
        m.at = sqlite3_column_int64(st, 3);
        m.issue_id = sqlite3_column_int64(st, 4);
        copy_col(m.person, sizeof m.person, st, 5);
        m.person_user_id = sqlite3_column_int64(st, 6);
        copy_col(m.purpose, sizeof m.purpose, st, 7);
        m.amount_fen = sqlite3_column_int64(st, 8);
        m.returned_fen = sqlite3_column_int64(st, 9);
        m.receipted_fen = sqlite3_column_int64(st, 10);
        m.paid_out_fen = sqlite3_column_int64(st, 11);
        m.effect.imprest_fen = sqlite3_column_int64(st, 12);
        m.effect.cash_fen = sqlite3_column_int64(st, 13);
        m.effect.outstanding_fen = sqlite3_column_int64(st, 14);
        m.effect.receipted_fen = sqlite3_column_int64(st, 15);
        m.effect.paid_out_fen = m.paid_out_fen;
        copy_col(m.source, sizeof m.source, st, 16);
        copy_col(m.approved_by, sizeof m.approved_by, st, 17);
        copy_col(m.by_user, sizeof m.by_user, st, 18);
        copy_col(m.note, sizeof m.note, st, 19);
        m.entry_id = sqlite3_column_int64(st, 20);
        if (!cb(&m, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status petty_receipts_of(struct db *db, int64_t movement_id, petty_receipt_cb cb,
                                 void *ctx)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT r.movement_id, r.line_no, r.account_id, a.code, "
                               "coalesce(a.system_key, ''), a.name, a.name_en, r.amount_fen, "
                               "r.receipt_count, r.receipt_no, r.note FROM petty_receipts r "
                               "JOIN accounts a ON a.id = r.account_id WHERE r.movement_id = $1 "
                               "ORDER BY r.line_no");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", movement_id);
    bool row = true;
    while (s == DB_OK && row) {
        s = db_step(st, &row);
        if (s != DB_OK || !row) break;
        struct petty_receipt_row r;
        memset(&r, 0, sizeof r);
        r.movement_id = sqlite3_column_int64(st, 0);
        r.line_no = sqlite3_column_int64(st, 1);
        r.account_id = sqlite3_column_int64(st, 2);
        copy_col(r.account_code, sizeof r.account_code, st, 3);
        copy_col(r.account_key, sizeof r.account_key, st, 4);
        copy_col(r.account_name, sizeof r.account_name, st, 5);
        copy_col(r.account_name_en, sizeof r.account_name_en, st, 6);
        r.amount_fen = sqlite3_column_int64(st, 7);
        r.receipt_count = sqlite3_column_int64(st, 8);
        copy_col(r.receipt_no, sizeof r.receipt_no, st, 9);
        copy_col(r.note, sizeof r.note, st, 10);
        if (!cb(&r, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

/* ---- expense accounts ---- */

static void read_account(sqlite3_stmt *st, struct petty_account *a)
{
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    copy_col(a->code, sizeof a->code, st, 1);
    copy_col(a->key, sizeof a->key, st, 2);
    copy_col(a->name, sizeof a->name, st, 3);
    copy_col(a->name_en, sizeof a->name_en, st, 4);
}

enum db_status petty_expense_account(struct db *db, int64_t venue_id, const char *name,
                                     struct petty_account *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT id, code, coalesce(system_key, ''), name, name_en, "
                               "type = 'expense' AND active = 1 FROM accounts "
                               "WHERE venue_id = $1 AND (system_key = $2 OR code = $2) "
                               "ORDER BY system_key IS NULL LIMIT 1");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "it", venue_id, name);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) {
        read_account(st, out);
        if (!sqlite3_column_int(st, 5)) s = DB_INVALID;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status petty_expense_accounts(struct db *db, int64_t venue_id, petty_account_cb cb,
                                      void *ctx)
{
    sqlite3_stmt *st = db_stmt(db,
                               "SELECT id, code, coalesce(system_key, ''), name, name_en "
                               "FROM accounts WHERE venue_id = $1 AND type = 'expense' "
                               "AND active = 1 ORDER BY sort_order, code");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", venue_id);
    bool row = true;
    while (s == DB_OK && row) {
        s = db_step(st, &row);
        if (s != DB_OK || !row) break;
        struct petty_account a;
        read_account(st, &a);
        if (!cb(&a, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

/* ---- the invariant ---- */

enum db_status petty_verify(struct db *db, int64_t venue_id, struct petty_check *c)
{
    memset(c, 0, sizeof *c);
    enum db_status s = petty_status_load(db, venue_id, &c->status);
    struct petty_fund f;
    if (s == DB_OK) {
        s = petty_fund_load(db, venue_id, &f);
        if (s == DB_OK) c->fund_imprest_fen = f.imprest_fen;
        if (s == DB_NOT_FOUND) s = DB_OK;
    }
    if (s == DB_OK) s = finance_balance(db, venue_id, "petty_cash", NULL, NULL, &c->ledger_cash_fen);
    if (s == DB_OK)
        s = finance_balance(db, venue_id, "petty_issued", NULL, NULL, &c->ledger_issued_fen);
    if (s != DB_OK) return s == DB_NOT_FOUND ? DB_ERROR : s; /* the chart lacks its accounts */
    c->holds = petty_holds(&c->status) && c->status.imprest_fen == c->fund_imprest_fen;
    c->ledger_agrees =
        c->ledger_cash_fen + c->ledger_issued_fen + c->status.receipted_fen ==
            c->status.imprest_fen &&
        c->ledger_cash_fen == c->status.cash_fen && c->ledger_issued_fen == c->status.outstanding_fen;
    return DB_OK;
}

/* ---- writing a movement ---- */

static enum db_status insert_movement(struct db *db, int64_t venue_id, int64_t fund_id,
                                      enum petty_kind kind, const struct petty_input *in,
                                      const char *person, int64_t person_user_id,
                                      const char *purpose, const struct petty_request *rq,
                                      const struct petty_effect *e, int64_t *id)
{
    int64_t amount = rq->amount_fen;
    if (kind == PETTY_RETURN || kind == PETTY_REIMBURSE || kind == PETTY_SETTLE)
        amount = rq->returned_fen + rq->receipted_fen;
    bool sourced = kind == PETTY_ESTABLISH || kind == PETTY_ADJUST || kind == PETTY_REPLENISH;
    return db_int(
        db, id,
        "INSERT INTO petty_movements(venue_id, fund_id, kind, day, at, issue_id, person, "
        "person_user_id, purpose, amount_fen, returned_fen, receipted_fen, paid_out_fen, "
        "d_imprest, d_cash, d_outstanding, d_receipted, source, approved_by, by_user, note) "
        "VALUES ($1, $2, $3, $4, $5, NULLIF($6, 0), $7, NULLIF($8, 0), $9, $10, $11, $12, $13, "
        "$14, $15, $16, $17, $18, $19, $20, $21) RETURNING id",
        "iitti" "itit" "iiii" "iiii" "tttt",
        venue_id, fund_id, petty_kind_id(kind), in->day, in->at,
        kind == PETTY_ISSUE ? (int64_t)0 : in->issue_id, person ? person : "", person_user_id,
        purpose ? purpose : "",
        amount, rq->returned_fen, rq->receipted_fen, e->paid_out_fen,
        e->imprest_fen, e->cash_fen, e->outstanding_fen, e->receipted_fen,
        sourced ? (in->source ? in->source : "") : "",
        in->approved_by ? in->approved_by : "", in->by_user ? in->by_user : "",
        in->note ? in->note : "");
}

enum db_status petty_record(struct db *db, int64_t venue_id, const struct petty_input *in,
                            struct petty_outcome *out)
{
    memset(out, 0, sizeof *out);
    out->bad_receipt = -1;
    out->fin = FIN_OK;
    struct petty_fund fund;
    enum db_status s = petty_fund_load(db, venue_id, &fund);
    bool fund_exists = s == DB_OK;
    if (s != DB_OK && s != DB_NOT_FOUND) return s;
    s = petty_status_load(db, venue_id, &out->before);
    if (s != DB_OK) return s;

    struct petty_request *rq = &out->request;
    rq->kind = in->kind;
    rq->amount_fen = in->amount_fen;
    rq->fund_exists = fund_exists;
    rq->approved = in->approved_by && *in->approved_by;
    rq->approval_limit_fen = fund_exists ? fund.approval_limit_fen : PETTY_DEFAULT_APPROVAL_LIMIT_FEN;
    const char *person = in->person, *purpose = in->purpose;
    int64_t person_user_id = in->person_user_id;

    /* The receipts: each an active expense account and a positive amount. */
    struct petty_receipt lines[PETTY_MAX_RECEIPTS];
    int64_t account_ids[PETTY_MAX_RECEIPTS];
    int64_t receipts_total = 0;
    if (in->nreceipts < 0 || in->nreceipts > PETTY_MAX_RECEIPTS) {
        out->verdict = PETTY_BAD_AMOUNT;
        return DB_OK;
    }
    for (int i = 0; i < in->nreceipts; i++) {
        const struct petty_receipt_in *r = &in->receipts[i];
        if (r->amount_fen <= 0 || r->amount_fen > MONEY_MAX_FEN) {
            out->verdict = PETTY_BAD_AMOUNT;
            out->bad_receipt = i;
            return DB_OK;
        }
        struct petty_account a;
        s = petty_expense_account(db, venue_id, r->account ? r->account : "", &a);
        if (s == DB_NOT_FOUND || s == DB_INVALID) {
            out->bad_account = true;
            out->bad_receipt = i;
            return DB_NOT_FOUND;
        }
        if (s != DB_OK) return s;
        snprintf(lines[i].account, sizeof lines[i].account, "%s", a.key[0] ? a.key : a.code);
        lines[i].amount_fen = r->amount_fen;
        account_ids[i] = a.id;
        receipts_total += r->amount_fen;
    }

    enum petty_kind kind = in->kind;
    switch (in->kind) {
    case PETTY_ESTABLISH:
    case PETTY_ADJUST:
        /* A fund with an imprest is adjusted; one without (new, or brought down to 0) is set
         * up again. */
        kind = fund_exists && out->before.imprest_fen > 0 ? PETTY_ADJUST : PETTY_ESTABLISH;
        break;
    case PETTY_RETURN:
    case PETTY_REIMBURSE:
    case PETTY_SETTLE:
        s = petty_issue_load(db, venue_id, in->issue_id, &out->issue);
        if (s != DB_OK) return s;
        person = out->issue.person;
        person_user_id = out->issue.person_user_id;
        purpose = out->issue.purpose;
        rq->returned_fen = in->returned_fen;
        rq->receipted_fen = receipts_total;
        rq->issue_outstanding_fen = out->issue.outstanding_fen;
        kind = petty_settle_kind(in->returned_fen, receipts_total);
        break;
    case PETTY_EXPENSE:
        rq->amount_fen = receipts_total;
        rq->receipted_fen = receipts_total;
        break;
    case PETTY_REPLENISH:
        /* Nothing named: put back everything receipted (the usual weekly top-up). */
        if (rq->amount_fen == 0) rq->amount_fen = out->before.receipted_fen;
        break;
    case PETTY_ISSUE:
    case PETTY_KIND__MAX:
        break;
    }
    rq->kind = kind;
    out->kind = kind;
    if ((kind == PETTY_ESTABLISH || kind == PETTY_ADJUST || kind == PETTY_REPLENISH) &&
        (!in->source || (strcmp(in->source, "safe") != 0 && strcmp(in->source, "bank") != 0))) {
        out->verdict = PETTY_BAD_AMOUNT; /* the API checks the source: our caller's bug */
        log_error("petty: %s without a source", petty_kind_id(kind));
        return DB_ERROR;
    }
    if (kind == PETTY_ISSUE && (!person || !*person)) {
        log_error("petty: an issue without a person");
        return DB_ERROR;
    }

    struct petty_effect e;
    out->verdict = petty_check(&out->before, rq, &e);
    if (out->verdict == PETTY_BROKEN) {
        log_error("petty: venue %lld's fund does not hold before a movement (imprest %lld, cash "
                  "%lld, outstanding %lld, receipted %lld)",
                  (long long)venue_id, (long long)out->before.imprest_fen,
                  (long long)out->before.cash_fen, (long long)out->before.outstanding_fen,
                  (long long)out->before.receipted_fen);
        return DB_ERROR;
    }
    if (out->verdict != PETTY_OK) return DB_OK;

    /* The fund row first: the movement names it. */
    if (!fund_exists) {
        s = petty_fund_save(db, venue_id, "", PETTY_DEFAULT_APPROVAL_LIMIT_FEN, in->by_user,
                            in->at, &fund);
        if (s != DB_OK) return s;
    }
    s = insert_movement(db, venue_id, fund.id, kind, in, person, person_user_id, purpose, rq, &e,
                        &out->movement_id);
    for (int i = 0; s == DB_OK && i < in->nreceipts; i++) {
        const struct petty_receipt_in *r = &in->receipts[i];
        s = db_exec(db,
                    "INSERT INTO petty_receipts(movement_id, line_no, account_id, amount_fen, "
                    "receipt_count, receipt_no, note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    "iiiiitt", out->movement_id, (int64_t)(i + 1), account_ids[i], r->amount_fen,
                    r->receipt_count, r->receipt_no ? r->receipt_no : "", r->note ? r->note : "");
    }
    out->after = out->before;
    petty_apply(&out->after, &e);
    if (s == DB_OK && e.imprest_fen)
        s = fund_set_imprest(db, fund.id, out->after.imprest_fen, in->by_user, in->at);
    if (s != DB_OK) return s;

    struct journal_entry entry;
    if (!petty_entry(kind, &e, in->day, out->movement_id, person, purpose, in->source, lines,
                     in->nreceipts, &entry)) {
        log_error("petty: movement #%lld (%s) has no entry", (long long)out->movement_id,
                  petty_kind_id(kind));
        return DB_ERROR;
    }
    out->fin = journal_post(db, venue_id, &entry, in->by_user, in->backfill, &out->entry_id);
    if (out->fin != FIN_OK) return fin_db_status(out->fin);

    /* The invariant after the write, from the movements and from the ledger. */
    struct petty_check c;
    s = petty_verify(db, venue_id, &c);
    if (s != DB_OK) return s;
    if (!c.holds || !c.ledger_agrees || memcmp(&c.status, &out->after, sizeof c.status) != 0) {
        log_error("petty: the invariant breaks after movement #%lld (%s) of venue %lld: imprest "
                  "%lld (fund %lld), cash %lld (ledger %lld), outstanding %lld (ledger %lld), "
                  "receipted %lld",
                  (long long)out->movement_id, petty_kind_id(kind), (long long)venue_id,
                  (long long)c.status.imprest_fen, (long long)c.fund_imprest_fen,
                  (long long)c.status.cash_fen, (long long)c.ledger_cash_fen,
                  (long long)c.status.outstanding_fen, (long long)c.ledger_issued_fen,
                  (long long)c.status.receipted_fen);
        out->verdict = PETTY_BROKEN;
        return DB_ERROR;
    }
    return DB_OK;
}
