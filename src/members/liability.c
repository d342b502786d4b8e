/* members/liability.c: the stored-value liability report (储值负债表), for a month (month-end) or
 * one business day: per member the principal and bonus held at the end, the opening, and the
 * movements in between (sv.h sorts them); the totals; and the books' own balances of
 * sv_principal and sv_bonus at the same day beside them, with a flag saying whether the members'
 * ledger and the books agree. As JSON, .xlsx or CSV (the same rows). */
#include "core/bizday.h"
#include "core/export.h"
#include "core/json.h"
#include "core/log.h"
#include "finance/finance.h"
#include "frontdesk/api_internal.h"
#include "members/api_internal.h"
#include "members/store.h"
#include "members/sv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The period asked for: a month (YYYY-MM) or a day. */
struct period {
    bool month;
    char label[11]; /* "2025-03" or "2025-03-31" */
    char from[11], to[11];
    char before[11]; /* the day before from: the opening */
};

/* Reads month= or day= (not both); neither: the month of the current business day. Replies 400
 * and returns false on a malformed one. */
static bool read_period(struct request *req, struct period *p)
{
    memset(p, 0, sizeof *p);
    const char *month = req_query(req, "month"), *day = req_query(req, "day");
    if (month && *month && day && *day) {
        reply_error(req, 400, "invalid_field", "day", "请只给出 month 或 day 之一",
                    "give month or day, not both");
        return false;
    }
    int64_t first = 0, last = 0;
    if (day && *day) {
        if (strlen(day) != 10 || !date_parse(day, &first)) {
            reply_error(req, 400, "invalid_field", "day", "营业日应为 YYYY-MM-DD",
                        "the day is YYYY-MM-DD");
            return false;
        }
        last = first;
    } else {
        char text[11];
        if (month && *month) {
            if (strlen(month) != 7) {
                reply_error(req, 400, "invalid_field", "month", "月份应为 YYYY-MM",
                            "the month is YYYY-MM");
                return false;
            }
            snprintf(text, sizeof text, "%s-01", month);
        } else {
            struct fd_ctx c;
            if (!fd_ctx_load(req, &c)) return false;
            snprintf(text, sizeof text, "%.7s-01", c.today);
            fd_ctx_free(&c);
        }
        if (!date_parse(text, &first)) {
            reply_error(req, 400, "invalid_field", "month", "月份应为 YYYY-MM",
                        "the month is YYYY-MM");
            return false;
        }
        int y, m, d;
        civil_from_days(first, &y, &m, &d);
        last = (m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1)) - 1;
        p->month = true;
    }
    date_format(first, p->from);
    date_format(last, p->to);
    date_format(first - 1, p->before);
    snprintf(p->label, sizeof p->label, "%.*s", p->month ? 7 : 10, p->from);
    return true;
}

/* ---- gathering ---- */

struct liab_member {
    int64_t id;
    char phone[44], name[204], level[84];
    struct sv_balance opening;
    struct sv_movements mv;
};

struct gather {
    struct liab_member *rows;
    size_t n, cap;
    bool failed;
};

static bool on_part(const struct sv_liability_part *p, void *ctx)
{
    struct gather *g = ctx;
    if (g->n == 0 || g->rows[g->n - 1].id != p->member_id) {
        if (g->n == g->cap) {
            size_t cap = g->cap ? g->cap * 2 : 256;
            struct liab_member *grown = realloc(g->rows, cap * sizeof *grown);
            if (!grown) {
                g->failed = true;
                return false;
            }
            g->rows = grown;
            g->cap = cap;
        }
        struct liab_member *m = &g->rows[g->n++];
        memset(m, 0, sizeof *m);
        m->id = p->member_id;
        snprintf(m->phone, sizeof m->phone, "%s", p->phone);
        snprintf(m->name, sizeof m->name, "%s", p->name);
        snprintf(m->level, sizeof m->level, "%s", p->level);
    }
    struct liab_member *m = &g->rows[g->n - 1];
    if (!p->in_period) {
        m->opening.principal_fen += p->sum.principal_fen;
        m->opening.bonus_fen += p->sum.bonus_fen;
    } else if (!sv_movements_add(&m->mv, p->kind, p->with_bill, p->sum.principal_fen,
                                 p->sum.bonus_fen)) {
        /* The ledger's CHECK allows no other kind: a broken row is our bug. */
        log_error("members: ledger kind '%s' of member %lld is unknown", p->kind,
                  (long long)p->member_id);
        g->failed = true;
        return false;
    }
    return true;
}

/* The figures of a row or of the totals, as plain integers in fen: the same object feeds the
 * page, the CSV and the workbook. */
static void set_figures(json_t *o, const struct sv_balance *opening, const struct sv_movements *m)
{
    struct sv_balance c = sv_closing(opening, m);
    json_set_int(o, "opening_principal_fen", opening->principal_fen);
    json_set_int(o, "opening_bonus_fen", opening->bonus_fen);
    json_set_int(o, "opening_fen", opening->principal_fen + opening->bonus_fen);
    json_set_int(o, "topup_principal_fen", m->topup_principal_fen);
    json_set_int(o, "topup_bonus_fen", m->topup_bonus_fen);
    json_set_int(o, "consumed_principal_fen", m->consumed_principal_fen);
    json_set_int(o, "consumed_bonus_fen", m->consumed_bonus_fen);
    json_set_int(o, "refunded_principal_fen", m->refunded_principal_fen);
    json_set_int(o, "forfeited_bonus_fen", m->forfeited_bonus_fen);
    json_set_int(o, "adjust_principal_fen", m->adjust_principal_fen);
    json_set_int(o, "adjust_bonus_fen", m->adjust_bonus_fen);
    json_set_int(o, "closing_principal_fen", c.principal_fen);
    json_set_int(o, "closing_bonus_fen", c.bonus_fen);
    json_set_int(o, "closing_fen", c.principal_fen + c.bonus_fen);
}

static bool all_zero(const struct liab_member *m)
{
    const struct sv_movements *v = &m->mv;
    return !m->opening.principal_fen && !m->opening.bonus_fen && !v->topup_principal_fen &&
           !v->topup_bonus_fen && !v->consumed_principal_fen && !v->consumed_bonus_fen &&
           !v->refunded_principal_fen && !v->forfeited_bonus_fen && !v->adjust_principal_fen &&
           !v->adjust_bonus_fen;
}

/* Builds the report of period p (a read transaction of its own). NULL after replying. */
static json_t *build(struct request *req, const struct period *p)
{
    struct gather g = {NULL, 0, 0, false};
    int64_t lp = 0, lb = 0, lpo = 0, lbo = 0;
    int64_t venue = req->user.venue_id;
    enum db_status s = db_begin_read(req->db);
    if (s == DB_OK) s = sv_liability_parts(req->db, venue, p->from, p->to, on_part, &g);
    if (s == DB_OK && g.failed) s = DB_ERROR;
    /* The books at the same days, in the same snapshot: liabilities are credit balances. */
    if (s == DB_OK) s = finance_balance(req->db, venue, "sv_principal", NULL, p->to, &lp);
    if (s == DB_OK) s = finance_balance(req->db, venue, "sv_bonus", NULL, p->to, &lb);
    if (s == DB_OK) s = finance_balance(req->db, venue, "sv_principal", NULL, p->before, &lpo);
    if (s == DB_OK) s = finance_balance(req->db, venue, "sv_bonus", NULL, p->before, &lbo);
    if (s == DB_OK) s = db_commit(req->db);
    db_rollback(req->db);
    if (s != DB_OK) {
        free(g.rows);
        reply_db_error(req, s, "储值负债", "stored-value liability");
        return NULL;
    }
    bool full = members_phone_visible(req);
    json_t *rows = json_array();
    struct sv_balance open_total = {0, 0};
    struct sv_movements mv_total;
    memset(&mv_total, 0, sizeof mv_total);
    int64_t holders = 0;
    for (size_t i = 0; i < g.n; i++) {
        const struct liab_member *m = &g.rows[i];
        open_total.principal_fen += m->opening.principal_fen;
        open_total.bonus_fen += m->opening.bonus_fen;
        sv_movements_sum(&mv_total, &m->mv);
        if (all_zero(m)) continue;
        struct sv_balance c = sv_closing(&m->opening, &m->mv);
        if (c.principal_fen || c.bonus_fen) holders++;
        json_t *o = json_object();
        json_set_int(o, "member_id", m->id);
        members_set_phone(o, "phone", m->phone, full);
        json_set_str(o, "name", m->name);
        json_set_str(o, "level", m->level);
        set_figures(o, &m->opening, &m->mv);
        json_array_append_new(rows, o);
    }
    free(g.rows);
    struct sv_balance close_total = sv_closing(&open_total, &mv_total);
    json_t *out = json_object();
    json_set_str(out, "kind", p->month ? "month" : "day");
    json_set_str(out, p->month ? "month" : "day", p->label);
    json_set_str(out, "from", p->from);
    json_set_str(out, "to", p->to);
    json_object_set_new(out, "phone_masked", json_boolean(!full));
    json_set_int(out, "members_count", (int64_t)json_array_size(rows));
    json_set_int(out, "holders_count", holders);
    json_object_set_new(out, "rows", rows);
    json_t *t = json_object();
    set_figures(t, &open_total, &mv_total);
    json_object_set_new(out, "totals", t);
    json_t *l = json_object();
    json_set_int(l, "opening_principal_fen", -lpo);
    json_set_int(l, "opening_bonus_fen", -lbo);
    json_set_int(l, "closing_principal_fen", -lp);
    json_set_int(l, "closing_bonus_fen", -lb);
    json_set_int(l, "closing_fen", -lp - lb);
    json_object_set_new(out, "ledger", l);
    json_t *d = json_object();
    json_set_int(d, "principal_fen", -lp - close_total.principal_fen);
    json_set_int(d, "bonus_fen", -lb - close_total.bonus_fen);
    json_object_set_new(out, "difference", d);
    json_object_set_new(out, "agrees", json_boolean(-lp == close_total.principal_fen &&
                                                     -lb == close_total.bonus_fen));
    json_object_set_new(out, "opening_agrees", json_boolean(-lpo == open_total.principal_fen &&
                                                             -lbo == open_total.bonus_fen));
    json_set_int(out, "generated_at", now_epoch());
    return out;
}

/* GET /api/v1/members/liability?month=YYYY-MM | day=YYYY-MM-DD */
void members_liability(struct request *req)
{
    struct period p;
    if (!read_period(req, &p)) return;
    json_t *out = build(req, &p);
    if (out) reply_json(req, 200, out);
}

/* ---- export ---- */

static const struct table_col summary_cols[] = {
    {"item", "项目", "Item", COL_TEXT},
    {"principal_fen", "本金", "Principal", COL_MONEY},
    {"bonus_fen", "赠额", "Bonus", COL_MONEY},
    {"total_fen", "合计", "Total", COL_MONEY},
};

static const struct table_col member_cols[] = {
    {"phone", "手机号", "Phone", COL_TEXT},
    {"name", "姓名", "Name", COL_TEXT},
    {"level", "等级", "Level", COL_TEXT},
    {"opening_principal_fen", "期初本金", "Opening principal", COL_MONEY},
    {"opening_bonus_fen", "期初赠额", "Opening bonus", COL_MONEY},
    {"topup_principal_fen", "充值本金", "Topped up", COL_MONEY},
    {"topup_bonus_fen", "充值赠送", "Bonus given", COL_MONEY},
    {"consumed_principal_fen", "消费本金", "Spent principal", COL_MONEY},
    {"consumed_bonus_fen", "消费赠额", "Spent bonus", COL_MONEY},
    {"refunded_principal_fen", "退款本金", "Refunded", COL_MONEY},
    {"forfeited_bonus_fen", "赠额作废", "Bonus forfeited", COL_MONEY},
    {"adjust_principal_fen", "调整本金", "Adjusted principal", COL_MONEY},
    {"adjust_bonus_fen", "调整赠额", "Adjusted bonus", COL_MONEY},
    {"closing_principal_fen", "期末本金", "Closing principal", COL_MONEY},
    {"closing_bonus_fen", "期末赠额", "Closing bonus", COL_MONEY},
    {"closing_fen", "期末余额", "Closing balance", COL_MONEY},
};

static void summary_row(json_t *rows, const char *item, int64_t principal, int64_t bonus)
{
    json_t *o = json_object();
    json_set_str(o, "item", item);
    json_set_int(o, "principal_fen", principal);
    json_set_int(o, "bonus_fen", bonus);
    json_set_int(o, "total_fen", principal + bonus);
    json_array_append_new(rows, o);
}

static int64_t num(const json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

/* The summary: opening, each movement with the sign it has on the balance, closing, then the
 * books and the difference. */
static json_t *summary_rows(const json_t *report, bool en)
{
    const json_t *t = json_object_get(report, "totals"), *l = json_object_get(report, "ledger");
    const json_t *d = json_object_get(report, "difference");
    json_t *rows = json_array();
    summary_row(rows, en ? "Opening balance" : "期初余额", num(t, "opening_principal_fen"),
                num(t, "opening_bonus_fen"));
    summary_row(rows, en ? "+ Top-ups" : "加：充值", num(t, "topup_principal_fen"),
                num(t, "topup_bonus_fen"));
    summary_row(rows, en ? "- Spent on bills" : "减：消费", -num(t, "consumed_principal_fen"),
                -num(t, "consumed_bonus_fen"));
    summary_row(rows, en ? "- Refunded (principal)" : "减：储值退款", -num(t, "refunded_principal_fen"), 0);
    summary_row(rows, en ? "- Bonus forfeited" : "减：赠额作废", 0, -num(t, "forfeited_bonus_fen"));
    summary_row(rows, en ? "+/- Adjustments" : "加减：调整", num(t, "adjust_principal_fen"),
                num(t, "adjust_bonus_fen"));
    summary_row(rows, en ? "Closing balance" : "期末余额", num(t, "closing_principal_fen"),
                num(t, "closing_bonus_fen"));
    summary_row(rows, en ? "Books (sv_principal / sv_bonus)" : "总账余额（储值负债-本金/赠额）",
                num(l, "closing_principal_fen"), num(l, "closing_bonus_fen"));
    summary_row(rows, en ? "Books less members" : "差额（总账-会员）", num(d, "principal_fen"),
                num(d, "bonus_fen"));
    return rows;
}

/* GET /api/v1/members/liability/export?month|day&format=xlsx|csv */
void members_liability_export(struct request *req)
{
    const char *format = req_query(req, "format");
    bool csv = format && strcmp(format, "csv") == 0;
    if (format && *format && !csv && strcmp(format, "xlsx") != 0) {
        reply_error(req, 400, "invalid_field", "format", "导出格式只能是 xlsx 或 csv",
                    "the export format is xlsx or csv");
        return;
    }
    struct period p;
    if (!read_period(req, &p)) return;
    json_t *report = build(req, &p);
    if (!report) return;
    bool en = req->english;
    char title[80], title_en[80], members_title[80], members_title_en[80];
    snprintf(title, sizeof title, "储值负债 %s", p.label);
    snprintf(title_en, sizeof title_en, "Stored value %s", p.label);
    snprintf(members_title, sizeof members_title, "会员储值余额 %s", p.label);
    snprintf(members_title_en, sizeof members_title_en, "Members %s", p.label);
    json_t *summary = summary_rows(report, en);
    struct table tables[2] = {
        {title, title_en, summary_cols, (int)(sizeof summary_cols / sizeof summary_cols[0]),
         summary, false},
        {members_title, members_title_en, member_cols,
         (int)(sizeof member_cols / sizeof member_cols[0]), json_object_get(report, "rows"), true},
    };
    size_t len = 0;
    char *bytes = csv ? export_csv(tables, 2, en, &len) : export_xlsx(tables, 2, en, &len);
    json_decref(summary);
    json_decref(report);
    if (!bytes) {
        reply_internal(req);
        return;
    }
    char filename[80];
    snprintf(filename, sizeof filename, "%s_%s.%s", en ? "stored-value-liability" : "储值负债",
             p.label, csv ? "csv" : "xlsx");
    reply_bytes(req, 200,
                csv ? "text/csv; charset=utf-8"
                    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                bytes, len, filename);
}
