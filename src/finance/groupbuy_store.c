/* finance/groupbuy_store.c: group-buy platforms, statement imports and their settlements in
 * SQL (see groupbuy.h). The vouchers of bills are read from bill_payments, the platforms'
 * receivables from the journal: both only read. */
#include "finance/groupbuy.h"

#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy(char *dst, size_t n, sqlite3_stmt *st, int col)
{
    snprintf(dst, n, "%s", db_col_text(st, col));
}

/* ---- platforms ---- */

#define PLATFORM_COLUMNS                                                                           \
    "id, code, name, name_en, col_code, col_verified_at, col_face, col_paid, col_fee, col_net, "   \
    "col_settled_on, col_batch, active, updated_at"

static void platform_of(sqlite3_stmt *st, struct gb_platform *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(st, 0);
    copy(p->code, sizeof p->code, st, 1);
    copy(p->name, sizeof p->name, st, 2);
    copy(p->name_en, sizeof p->name_en, st, 3);
    for (int f = 0; f < GB_F__MAX; f++)
        copy(p->map.headers[f], sizeof p->map.headers[f], st, 4 + f);
    p->active = sqlite3_column_int(st, 12) != 0;
    p->updated_at = sqlite3_column_int64(st, 13);
}

enum db_status gb_platform_list(struct db *db, int64_t venue_id, gb_platform_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " PLATFORM_COLUMNS " FROM groupbuy_platforms "
                                   "WHERE venue_id = $1 ORDER BY sort_order, id");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", venue_id);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct gb_platform p;
        platform_of(st, &p);
        if (!cb(&p, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status gb_platform_get(struct db *db, int64_t venue_id, const char *code,
                               struct gb_platform *p)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT " PLATFORM_COLUMNS " FROM groupbuy_platforms "
                                   "WHERE venue_id = $1 AND code = $2");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "it", venue_id, code);
    bool row = false;
    if (s == DB_OK) s = db_step(st, &row);
    if (s == DB_OK && !row) s = DB_NOT_FOUND;
    if (s == DB_OK) platform_of(st, p);
    sqlite3_reset(st);
    return s;
}

enum db_status gb_platform_insert(struct db *db, int64_t venue_id, struct gb_platform *p)
{
    const char(*h)[GB_HEADERS_MAX + 1] = p->map.headers;
    return db_int(db, &p->id,
                  "INSERT INTO groupbuy_platforms(venue_id, code, name, name_en, col_code, "
                  "col_verified_at, col_face, col_paid, col_fee, col_net, col_settled_on, "
                  "col_batch, active, sort_order, created_at, updated_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                  "(SELECT coalesce(max(sort_order), 0) + 10 FROM groupbuy_platforms "
                  "WHERE venue_id = $1), CAST(strftime('%s','now') AS INTEGER), "
                  "CAST(strftime('%s','now') AS INTEGER)) RETURNING id",
                  "itttttttttttI", venue_id, p->code, p->name, p->name_en, h[GB_F_CODE],
                  h[GB_F_VERIFIED_AT], h[GB_F_FACE], h[GB_F_PAID], h[GB_F_FEE], h[GB_F_NET],
                  h[GB_F_SETTLED_ON], h[GB_F_BATCH], p->active ? 1 : 0);
}

enum db_status gb_platform_update(struct db *db, int64_t venue_id, const struct gb_platform *p)
{
    const char(*h)[GB_HEADERS_MAX + 1] = p->map.headers;
    return db_exec(db,
                   "UPDATE groupbuy_platforms SET name = $3, name_en = $4, col_code = $5, "
                   "col_verified_at = $6, col_face = $7, col_paid = $8, col_fee = $9, "
                   "col_net = $10, col_settled_on = $11, col_batch = $12, active = $13, "
                   "updated_at = CAST(strftime('%s','now') AS INTEGER) "
                   "WHERE venue_id = $1 AND code = $2",
                   "itttttttttttI", venue_id, p->code, p->name, p->name_en, h[GB_F_CODE],
                   h[GB_F_VERIFIED_AT], h[GB_F_FACE], h[GB_F_PAID], h[GB_F_FEE], h[GB_F_NET],
                   h[GB_F_SETTLED_ON], h[GB_F_BATCH], p->active ? 1 : 0);
}

/* ---- what the matcher reads ---- */

/* Grows *v (of *cap elements of size) to hold n + 1. */
static bool grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap) return true;
    size_t c = *cap ? *cap * 2 : 256;
    void *x = realloc(*v, c * size);
    if (!x) return false;
    *v = x;
    *cap = c;
    return true;
}

enum db_status gb_bill_uses(struct db *db, int64_t venue_id, const char *platform,
                            struct gb_bill_use **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* Settled bills only (an imported voided bill, or a front-desk void, gave the voucher
     * back); of the platforms the venue reconciles (a venue's own 代金券 is not one). */
    sqlite3_stmt *st = db_stmt(
        db, "SELECT b.id, b.bill_no, b.business_day, p.platform, p.reference, p.amount_fen, "
            "coalesce(p.voucher_paid_fen, p.amount_fen) "
            "FROM bill_payments p JOIN bills b ON b.id = p.bill_id "
            "WHERE p.method = 'voucher' AND b.venue_id = $1 AND b.status = 'settled' "
            "AND p.platform IN (SELECT code FROM groupbuy_platforms WHERE venue_id = $1 "
            "AND ($2 = '' OR code = $2)) "
            "AND NOT EXISTS (SELECT 1 FROM bill_voids v WHERE v.bill_id = b.id) "
            "ORDER BY b.id, p.seq");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "it", venue_id, platform ? platform : "");
    size_t cap = 0;
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        if (!grow((void **)out, &cap, *n, sizeof **out)) {
            s = DB_ERROR;
            break;
        }
        struct gb_bill_use *u = &(*out)[(*n)++];
        memset(u, 0, sizeof *u);
        u->bill_id = sqlite3_column_int64(st, 0);
        copy(u->bill_no, sizeof u->bill_no, st, 1);
        copy(u->day, sizeof u->day, st, 2);
        copy(u->platform, sizeof u->platform, st, 3);
        /* A tender without a usable code (an old imported bill) cannot be matched. */
        if (!gb_code_normalize(db_col_text(st, 4), u->code)) u->code[0] = 0;
        u->face_fen = sqlite3_column_int64(st, 5);
        u->paid_fen = sqlite3_column_int64(st, 6);
    }
    sqlite3_reset(st);
    if (s != DB_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return s;
}

static void row_of(sqlite3_stmt *st, struct gb_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->line = (unsigned)sqlite3_column_int64(st, 1);
    copy(r->platform, sizeof r->platform, st, 2);
    copy(r->code, sizeof r->code, st, 3);
    copy(r->verified_at, sizeof r->verified_at, st, 4);
    r->face_fen = sqlite3_column_int64(st, 5);
    r->paid_fen = sqlite3_column_int64(st, 6);
    r->fee_fen = sqlite3_column_int64(st, 7);
    r->net_fen = sqlite3_column_int64(st, 8);
    copy(r->settled_day, sizeof r->settled_day, st, 9);
    copy(r->batch, sizeof r->batch, st, 10);
    copy(r->batch_key, sizeof r->batch_key, st, 11);
}

enum db_status gb_statement_rows(struct db *db, int64_t venue_id, const char *platform,
                                 struct gb_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st =
        db_stmt(db, "SELECT id, line_no, platform, code, verified_at, coalesce(face_fen, -1), "
                    "coalesce(paid_fen, -1), coalesce(fee_fen, -1), coalesce(net_fen, -1), "
                    "coalesce(settled_day, ''), batch, batch_key FROM groupbuy_statement_rows "
                    "WHERE venue_id = $1 AND ($2 = '' OR platform = $2) ORDER BY id");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "it", venue_id, platform ? platform : "");
    size_t cap = 0;
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        if (!grow((void **)out, &cap, *n, sizeof **out)) {
            s = DB_ERROR;
            break;
        }
        row_of(st, &(*out)[(*n)++]);
    }
    sqlite3_reset(st);
    if (s != DB_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return s;
}

/* ---- importing a statement ---- */

void gb_import_result_free(struct gb_import_result *r)
{
    if (!r) return;
    free(r->settlements);
    memset(r, 0, sizeof *r);
}

__attribute__((format(printf, 4, 5))) static void add_issue(struct gb_statement *st, unsigned row,
                                                            const char *en, const char *zh_fmt, ...)
{
    if (st->nissues >= GB_MAX_ISSUES) return;
    struct gb_issue *is = &st->issues[st->nissues++];
    memset(is, 0, sizeof *is);
    is->row = row;
    snprintf(is->column, sizeof is->column, "%s",
             st->found[GB_F_CODE][0] ? st->found[GB_F_CODE] : gb_field_names_zh[GB_F_CODE]);
    va_list ap;
    va_start(ap, zh_fmt);
    vsnprintf(is->zh, sizeof is->zh, zh_fmt, ap);
    va_end(ap);
    snprintf(is->en, sizeof is->en, "%s", en);
}

/* Orders the rows to settle by day, batch, then line (arg: the statement). */
static int cmp_settle(const void *a, const void *b, void *arg)
{
    const struct gb_statement *st = arg;
    const struct gb_row *x = &st->rows[*(const size_t *)a];
    const struct gb_row *y = &st->rows[*(const size_t *)b];
    int c = strcmp(x->settled_day, y->settled_day);
    if (c) return c;
    c = strcmp(x->batch_key, y->batch_key);
    if (c) return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* The price the bill recorded for a code (GB_UNKNOWN if no bill used it). */
static int64_t bill_paid_of(const struct gb_bill_use *u, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(u[i].code, code) == 0) return u[i].paid_fen;
    return GB_UNKNOWN;
}

static enum gb_import_status import_status(enum db_status s)
{
    if (s == DB_RETRY) return GB_IMPORT_RETRY;
    return s == DB_OK ? GB_IMPORT_OK : GB_IMPORT_ERROR;
}

/* The memo of a settlement's entry: platform, batch, day, vouchers and the lines of the file
 * (as many as fit; the statement rows name their settlement in full). */
static void settlement_memo(const struct gb_platform *p, const struct gb_settlement *s,
                            int64_t import_id, const struct gb_statement *st, const size_t *idx,
                            size_t n, char *memo, size_t size)
{
    int k;
    if (strcmp(s->batch_key, s->day) == 0)
        k = snprintf(memo, size, "%s结算 %s：%d 张券，导入 #%lld 第", p->name, s->day, s->rows,
                     (long long)import_id);
    else
        k = snprintf(memo, size, "%s结算 批次 %.40s（%s）：%d 张券，导入 #%lld 第", p->name,
                     s->batch_key, s->day, s->rows, (long long)import_id);
    if (k < 0 || (size_t)k >= size) return;
    const char *tail = " 行";
    for (size_t i = 0; i < n; i++) {
        char part[24];
        snprintf(part, sizeof part, "%s%u", i ? "、" : " ", st->rows[idx[i]].line);
        if ((size_t)k + strlen(part) + strlen("等") + strlen(tail) + 1 > size) {
            tail = "等行";
            break;
        }
        k += snprintf(memo + k, size - (size_t)k, "%s", part);
    }
    snprintf(memo + k, size - (size_t)k, "%s", tail);
}

/* Marks the rows already stored (dup) and lists the new settled rows in settle; a voucher
 * settled before in another batch is an issue (the platform would have paid twice: someone
 * must look). */
static enum db_status check_stored(struct db *db, int64_t venue_id, const struct gb_platform *p,
                                   struct gb_statement *st, bool *dup, size_t *settle,
                                   size_t *nsettle, size_t *duplicates)
{
    for (size_t i = 0; i < st->n; i++) {
        const struct gb_row *r = &st->rows[i];
        int64_t id = 0;
        enum db_status s = db_int(db, &id,
                                  "SELECT id FROM groupbuy_statement_rows WHERE venue_id = $1 AND "
                                  "platform = $2 AND code = $3 AND batch_key = $4",
                                  "ittt", venue_id, p->code, r->code, r->batch_key);
        if (s == DB_OK) {
            dup[i] = true;
            (*duplicates)++;
            continue;
        }
        if (s != DB_NOT_FOUND) return s;
        if (!r->settled_day[0]) continue;
        sqlite3_stmt *q = db_stmt(db, "SELECT settled_day, batch_key, import_id FROM "
                                      "groupbuy_statement_rows WHERE venue_id = $1 AND "
                                      "platform = $2 AND code = $3 AND settled_day IS NOT NULL "
                                      "ORDER BY id LIMIT 1");
        if (!q) return DB_ERROR;
        s = db_bind(q, "itt", venue_id, p->code, r->code);
        bool row = false;
        if (s == DB_OK) s = db_step(q, &row);
        if (s == DB_OK && row)
            add_issue(st, r->line, "the voucher was settled before, in another batch",
                      "券码 %s 已于 %s 结算过（批次 %s，导入 #%lld），不能再次结算", r->code,
                      db_col_text(q, 0), db_col_text(q, 1), (long long)sqlite3_column_int64(q, 2));
        sqlite3_reset(q);
        if (s != DB_OK) return s;
        settle[(*nsettle)++] = i;
    }
    return DB_OK;
}

static enum db_status insert_row(struct db *db, int64_t venue_id, const char *platform,
                                 int64_t import_id, const struct gb_row *r, int64_t settlement_id)
{
    sqlite3_stmt *ins = db_stmt(
        db, "INSERT INTO groupbuy_statement_rows(venue_id, platform, import_id, line_no, code, "
            "verified_at, face_fen, paid_fen, fee_fen, net_fen, settled_day, batch, batch_key, "
            "settlement_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)");
    if (!ins) return DB_ERROR;
    enum db_status s =
        db_bind(ins, "itiittiiiitttn", venue_id, platform, import_id, (int64_t)r->line, r->code,
                r->verified_at, r->face_fen, r->paid_fen, r->fee_fen, r->net_fen,
                r->settled_day[0] ? r->settled_day : NULL, r->batch, r->batch_key);
    if (s != DB_OK) return s;
    /* Amounts the statement does not give are NULL; a row not settled has no settlement. */
    if (r->face_fen == GB_UNKNOWN) sqlite3_bind_null(ins, 7);
    if (r->paid_fen == GB_UNKNOWN) sqlite3_bind_null(ins, 8);
    if (r->fee_fen == GB_UNKNOWN) sqlite3_bind_null(ins, 9);
    if (r->net_fen == GB_UNKNOWN) sqlite3_bind_null(ins, 10);
    if (settlement_id) sqlite3_bind_int64(ins, 14, settlement_id);
    return db_exec_stmt(ins);
}

enum gb_import_status gb_import(struct db *db, int64_t venue_id, const struct actor *who,
                                const struct gb_platform *p, const char *file_name,
                                struct gb_statement *st, bool backfill,
                                struct gb_import_result *out)
{
    memset(out, 0, sizeof *out);
    enum gb_import_status result = GB_IMPORT_ERROR;
    enum db_status s = DB_ERROR;
    bool *dup = calloc(st->n + 1, sizeof *dup);
    size_t *settle = calloc(st->n + 1, sizeof *settle);
    int64_t *paid = calloc(st->n + 1, sizeof *paid);
    int64_t *settlement_of = calloc(st->n + 1, sizeof *settlement_of);
    struct gb_bill_use *bills = NULL;
    size_t nbills = 0, nsettle = 0;
    if (!dup || !settle || !paid || !settlement_of) goto out;

    s = check_stored(db, venue_id, p, st, dup, settle, &nsettle, &out->duplicates);
    if (s != DB_OK) goto out;
    if (st->nissues) {
        result = GB_IMPORT_INVALID;
        goto out;
    }
    out->imported = st->n - out->duplicates;
    /* The same rows again add nothing: not even a record of the import. */
    if (!out->imported) {
        result = GB_IMPORT_OK;
        goto out;
    }

    /* The price each settled row clears: the statement's, else the bill's, else net + fee. */
    s = gb_bill_uses(db, venue_id, p->code, &bills, &nbills);
    if (s != DB_OK) goto out;
    int64_t net_total = 0, fee_total = 0;
    for (size_t k = 0; k < nsettle; k++) {
        const struct gb_row *r = &st->rows[settle[k]];
        paid[settle[k]] = gb_row_paid(r, bill_paid_of(bills, nbills, r->code));
        net_total += r->net_fen;
        if (r->fee_fen != GB_UNKNOWN) fee_total += r->fee_fen;
    }
    s = db_int(db, &out->import_id,
               "INSERT INTO groupbuy_imports(venue_id, platform, file_name, encoding, at, by_user, "
               "rows_read, imported, duplicates, settled, net_fen, fee_fen) VALUES ($1, $2, $3, "
               "$4, CAST(strftime('%s','now') AS INTEGER), $5, $6, $7, $8, $9, $10, $11) "
               "RETURNING id",
               "ittttiiiiii", venue_id, p->code, file_name ? file_name : "", st->encoding,
               who->username ? who->username : "", (int64_t)st->n, (int64_t)out->imported,
               (int64_t)out->duplicates, (int64_t)nsettle, net_total, fee_total);
    if (s != DB_OK) goto out;

    /* One settlement, and one journal entry, per settlement batch and day. */
    if (nsettle) {
        qsort_r(settle, nsettle, sizeof *settle, cmp_settle, st);
        out->settlements = calloc(nsettle, sizeof *out->settlements);
        if (!out->settlements) {
            s = DB_ERROR;
            goto out;
        }
    }
    for (size_t i = 0; i < nsettle;) {
        const struct gb_row *first = &st->rows[settle[i]];
        size_t j = i;
        struct gb_settlement_done *d = &out->settlements[out->nsettlements++];
        snprintf(d->s.platform, sizeof d->s.platform, "%s", p->code);
        snprintf(d->s.day, sizeof d->s.day, "%s", first->settled_day);
        snprintf(d->s.batch_key, sizeof d->s.batch_key, "%s", first->batch_key);
        while (j < nsettle && strcmp(st->rows[settle[j]].settled_day, first->settled_day) == 0 &&
               strcmp(st->rows[settle[j]].batch_key, first->batch_key) == 0) {
            const struct gb_row *r = &st->rows[settle[j]];
            d->s.rows++;
            d->s.paid_fen += paid[settle[j]];
            d->s.net_fen += r->net_fen;
            if (r->fee_fen != GB_UNKNOWN) d->s.fee_fen += r->fee_fen;
            j++;
        }
        d->adjust_fen = d->s.paid_fen - d->s.net_fen - d->s.fee_fen;
        s = db_int(db, &d->id,
                   "INSERT INTO groupbuy_settlements(venue_id, platform, import_id, batch, day, "
                   "rows, paid_fen, net_fen, fee_fen, adjust_fen) VALUES ($1, $2, $3, $4, $5, "
                   "$6, $7, $8, $9, $10) RETURNING id",
                   "itittIiiii", venue_id, p->code, out->import_id, d->s.batch_key, d->s.day,
                   d->s.rows, d->s.paid_fen, d->s.net_fen, d->s.fee_fen, d->adjust_fen);
        if (s != DB_OK) goto out;
        for (size_t k = i; k < j; k++)
            settlement_of[settle[k]] = d->id;
        char memo[200];
        settlement_memo(p, &d->s, out->import_id, st, settle + i, j - i, memo, sizeof memo);
        struct journal_entry e;
        gb_posting_settlement(&d->s, d->id, memo, &e);
        enum fin_status f = journal_post(db, venue_id, &e, who->username, backfill, &d->entry_id);
        if (f == FIN_LOCKED) {
            result = GB_IMPORT_LOCKED;
            goto out;
        }
        if (f != FIN_OK) {
            s = f == FIN_RETRY ? DB_RETRY : DB_ERROR;
            goto out;
        }
        i = j;
    }
    for (size_t i = 0; s == DB_OK && i < st->n; i++)
        if (!dup[i])
            s = insert_row(db, venue_id, p->code, out->import_id, &st->rows[i], settlement_of[i]);
    result = import_status(s);
out:
    if (result == GB_IMPORT_ERROR && s == DB_RETRY) result = GB_IMPORT_RETRY;
    free(dup);
    free(settle);
    free(paid);
    free(settlement_of);
    free(bills);
    return result;
}

/* ---- lists ---- */

enum db_status gb_import_list(struct db *db, int64_t venue_id, const char *platform, int limit,
                              gb_import_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT id, at, rows_read, imported, duplicates, settled, "
                                   "net_fen, fee_fen, platform, file_name, encoding, by_user "
                                   "FROM groupbuy_imports WHERE venue_id = $1 AND "
                                   "($2 = '' OR platform = $2) ORDER BY id DESC LIMIT $3");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "itI", venue_id, platform ? platform : "", limit);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row) {
        struct gb_import_row r;
        memset(&r, 0, sizeof r);
        r.id = sqlite3_column_int64(st, 0);
        r.at = sqlite3_column_int64(st, 1);
        r.rows_read = sqlite3_column_int64(st, 2);
        r.imported = sqlite3_column_int64(st, 3);
        r.duplicates = sqlite3_column_int64(st, 4);
        r.settled = sqlite3_column_int64(st, 5);
        r.net_fen = sqlite3_column_int64(st, 6);
        r.fee_fen = sqlite3_column_int64(st, 7);
        copy(r.platform, sizeof r.platform, st, 8);
        copy(r.file_name, sizeof r.file_name, st, 9);
        copy(r.encoding, sizeof r.encoding, st, 10);
        copy(r.by_user, sizeof r.by_user, st, 11);
        if (!cb(&r, ctx)) break;
    }
    sqlite3_reset(st);
    return s;
}

enum db_status gb_receivables(struct db *db, int64_t venue_id, gb_balance_cb cb, void *ctx)
{
    sqlite3_stmt *st = db_stmt(db, "SELECT l.party, sum(l.amount_fen) FROM journal_lines l "
                                   "JOIN accounts a ON a.id = l.account_id "
                                   "WHERE a.venue_id = $1 AND a.system_key = 'ar_groupbuy' "
                                   "GROUP BY l.party ORDER BY l.party");
    if (!st) return DB_ERROR;
    enum db_status s = db_bind(st, "i", venue_id);
    bool row = false;
    while (s == DB_OK && (s = db_step(st, &row)) == DB_OK && row)
        if (!cb(db_col_text(st, 0), sqlite3_column_int64(st, 1), ctx)) break;
    sqlite3_reset(st);
    return s;
}
