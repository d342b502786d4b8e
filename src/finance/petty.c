/* finance/petty.c: the rules of petty cash (备用金), pure: the invariant, whether a movement is
 * allowed and what it does, its journal entry, and the sentences of refusals. See petty.h. */
#include "finance/petty.h"

#include <stdio.h>
#include <string.h>

#include "core/money.h"

static const char *const kind_ids[PETTY_KIND__MAX] = {
    "establish", "adjust", "issue", "return", "reimburse", "settle", "expense", "replenish",
};
static const char *const kind_zh[PETTY_KIND__MAX] = {
    "设立备用金", "调整定额", "领用", "退回零钱", "报销", "结算", "直接支付", "补充",
};
static const char *const kind_en[PETTY_KIND__MAX] = {
    "Established", "Imprest changed", "Issued", "Change returned", "Receipts", "Settled",
    "Paid directly", "Replenished",
};

const char *petty_kind_id(enum petty_kind k)
{
    return (unsigned)k < PETTY_KIND__MAX ? kind_ids[k] : "";
}

bool petty_kind_parse(const char *id, enum petty_kind *out)
{
    for (int k = 0; id && k < PETTY_KIND__MAX; k++)
        if (strcmp(id, kind_ids[k]) == 0) {
            *out = (enum petty_kind)k;
            return true;
        }
    return false;
}

const char *petty_kind_name(enum petty_kind k, bool english)
{
    if ((unsigned)k >= PETTY_KIND__MAX) return "";
    return english ? kind_en[k] : kind_zh[k];
}

bool petty_holds(const struct petty_status *s)
{
    return s->imprest_fen >= 0 && s->cash_fen >= 0 && s->outstanding_fen >= 0 &&
           s->receipted_fen >= 0 &&
           s->cash_fen + s->outstanding_fen + s->receipted_fen == s->imprest_fen;
}

void petty_apply(struct petty_status *s, const struct petty_effect *e)
{
    s->imprest_fen += e->imprest_fen;
    s->cash_fen += e->cash_fen;
    s->outstanding_fen += e->outstanding_fen;
    s->receipted_fen += e->receipted_fen;
}

enum petty_kind petty_settle_kind(int64_t returned_fen, int64_t receipted_fen)
{
    if (returned_fen > 0 && receipted_fen == 0) return PETTY_RETURN;
    if (returned_fen == 0 && receipted_fen > 0) return PETTY_REIMBURSE;
    return PETTY_SETTLE;
}

static bool amount_ok(int64_t fen)
{
    return fen > 0 && fen <= MONEY_MAX_FEN;
}

/* Change and receipts against an issue that owes O; R + E > O only as receipts alone, the
 * excess then paid to the person out of the cash on hand. */
static enum petty_verdict check_settle(const struct petty_status *s, const struct petty_request *rq,
                                       struct petty_effect *e)
{
    int64_t r = rq->returned_fen, x = rq->receipted_fen, owed = rq->issue_outstanding_fen;
    if (r < 0 || x < 0 || r > MONEY_MAX_FEN || x > MONEY_MAX_FEN) return PETTY_BAD_AMOUNT;
    if (r == 0 && x == 0) return PETTY_NOTHING;
    if (owed <= 0) return PETTY_ISSUE_SETTLED;
    if (r + x <= owed) {
        e->cash_fen = r;
        e->outstanding_fen = -(r + x);
        e->receipted_fen = x;
        return PETTY_OK;
    }
    /* More than is owed. Change handed back means the person had money left over: then the
     * receipts cannot also be more than what was left, so the figures are wrong. */
    if (r > 0) return PETTY_OVER_OUTSTANDING;
    int64_t extra = x - owed;
    if (extra > s->cash_fen) return PETTY_OVER_CASH;
    e->cash_fen = -extra;
    e->outstanding_fen = -owed;
    e->receipted_fen = x;
    e->paid_out_fen = extra;
    return PETTY_OK;
}

enum petty_verdict petty_check(const struct petty_status *s, const struct petty_request *rq,
                               struct petty_effect *e)
{
    memset(e, 0, sizeof *e);
    if (!petty_holds(s)) return PETTY_BROKEN;
    bool established = rq->fund_exists && s->imprest_fen > 0;
    enum petty_verdict v = PETTY_OK;
    switch (rq->kind) {
    case PETTY_ESTABLISH:
        if (established) return PETTY_ESTABLISHED;
        if (!amount_ok(rq->amount_fen)) return PETTY_BAD_AMOUNT;
        e->imprest_fen = e->cash_fen = rq->amount_fen;
        return PETTY_OK;
    case PETTY_ADJUST: {
        if (!rq->fund_exists) return PETTY_NOT_ESTABLISHED;
        if (rq->amount_fen < 0 || rq->amount_fen > MONEY_MAX_FEN) return PETTY_BAD_AMOUNT;
        int64_t d = rq->amount_fen - s->imprest_fen;
        if (d == 0) return PETTY_SAME_IMPREST;
        /* Lowering takes cash out of the fund: only what is on hand can go back. */
        if (d < 0 && -d > s->cash_fen) return PETTY_OVER_CASH;
        e->imprest_fen = e->cash_fen = d;
        return PETTY_OK;
    }
    case PETTY_ISSUE:
        if (!established) return PETTY_NOT_ESTABLISHED;
        if (!amount_ok(rq->amount_fen)) return PETTY_BAD_AMOUNT;
        if (rq->amount_fen > s->cash_fen) return PETTY_OVER_CASH;
        if (rq->amount_fen > rq->approval_limit_fen && !rq->approved) return PETTY_NEEDS_APPROVAL;
        e->cash_fen = -rq->amount_fen;
        e->outstanding_fen = rq->amount_fen;
        return PETTY_OK;
    case PETTY_RETURN:
    case PETTY_REIMBURSE:
    case PETTY_SETTLE:
        /* An issue outlives a lowered imprest: it is settled whatever the fund's state. */
        if (!rq->fund_exists) return PETTY_NOT_ESTABLISHED;
        v = check_settle(s, rq, e);
        if (v != PETTY_OK) memset(e, 0, sizeof *e);
        return v;
    case PETTY_EXPENSE:
        if (!established) return PETTY_NOT_ESTABLISHED;
        if (!amount_ok(rq->amount_fen)) return PETTY_BAD_AMOUNT;
        if (rq->amount_fen > s->cash_fen) return PETTY_OVER_CASH;
        e->cash_fen = -rq->amount_fen;
        e->receipted_fen = rq->amount_fen;
        return PETTY_OK;
    case PETTY_REPLENISH:
        if (!rq->fund_exists) return PETTY_NOT_ESTABLISHED;
        if (s->receipted_fen == 0) return PETTY_NOTHING_TO_REPLENISH;
        if (!amount_ok(rq->amount_fen)) return PETTY_BAD_AMOUNT;
        if (rq->amount_fen > s->receipted_fen) return PETTY_OVER_RECEIPTED;
        e->cash_fen = rq->amount_fen;
        e->receipted_fen = -rq->amount_fen;
        return PETTY_OK;
    case PETTY_KIND__MAX:
        break;
    }
    return PETTY_BAD_AMOUNT;
}

static const char *const verdict_codes[PETTY_VERDICT__MAX] = {
    "ok",
    "fund_not_established",
    "fund_established",
    "invalid_amount",
    "same_imprest",
    "over_cash_on_hand",
    "over_outstanding",
    "issue_settled",
    "nothing_to_settle",
    "nothing_to_replenish",
    "over_receipted",
    "approval_required",
    "petty_cash_broken",
};

const char *petty_verdict_code(enum petty_verdict v)
{
    return (unsigned)v < PETTY_VERDICT__MAX ? verdict_codes[v] : "error";
}

void petty_message(enum petty_verdict v, const struct petty_status *s,
                   const struct petty_request *rq, bool english, char *buf, size_t size)
{
    char cash[40], amount[40], imprest[40], owed[40], rec[40], back[40], got[40], out[40];
    money_format_grouped(s->cash_fen, cash);
    money_format_grouped(rq->amount_fen, amount);
    money_format_grouped(s->imprest_fen, imprest);
    money_format_grouped(rq->issue_outstanding_fen, owed);
    money_format_grouped(s->receipted_fen, rec);
    money_format_grouped(rq->returned_fen, back);
    money_format_grouped(rq->receipted_fen, got);
    money_format_grouped(s->outstanding_fen, out);
    switch (v) {
    case PETTY_OK:
        snprintf(buf, size, "%s", english ? "done" : "已完成");
        return;
    case PETTY_NOT_ESTABLISHED:
        snprintf(buf, size, "%s",
                 english ? "the petty-cash fund is not established: set its imprest first"
                         : "尚未设立备用金：请先设定备用金定额");
        return;
    case PETTY_ESTABLISHED:
        snprintf(buf, size,
                 english ? "the fund is already established with an imprest of %s; change the "
                           "imprest instead"
                         : "备用金已设立（定额 %s 元），如需变更请调整定额",
                 imprest);
        return;
    case PETTY_BAD_AMOUNT:
        snprintf(buf, size, "%s",
                 english ? "the amount must be more than 0 (whole fen)"
                         : "金额必须大于 0（以分为单位的整数）");
        return;
    case PETTY_SAME_IMPREST:
        snprintf(buf, size, english ? "the imprest is already %s" : "定额已经是 %s 元", imprest);
        return;
    case PETTY_OVER_CASH:
        if (rq->kind == PETTY_ADJUST) {
            char down[40];
            money_format_grouped(s->imprest_fen - rq->amount_fen, down);
            snprintf(buf, size,
                     english ? "the imprest can come down by at most the cash on hand (%s), not "
                               "%s: settle the outstanding issues (%s) and replenish the receipts "
                               "(%s) first"
                             : "定额最多只能减少库存现金 %s 元，不能减少 %s 元：请先结清未归还借支"
                               "（%s 元）并补充已报销金额（%s 元）",
                     cash, down, out, rec);
        } else if (rq->kind == PETTY_ISSUE) {
            snprintf(buf, size,
                     english ? "only %s is on hand; %s cannot be issued"
                             : "库存现金只有 %s 元，不能领用 %s 元",
                     cash, amount);
        } else if (rq->kind == PETTY_EXPENSE) {
            snprintf(buf, size,
                     english ? "only %s is on hand; %s cannot be paid from petty cash"
                             : "库存现金只有 %s 元，不能支付 %s 元",
                     cash, amount);
        } else {
            char extra[40];
            money_format_grouped(rq->receipted_fen - rq->issue_outstanding_fen, extra);
            snprintf(buf, size,
                     english ? "the receipts (%s) exceed what the issue owes (%s) by %s, but only "
                               "%s is on hand to pay it"
                             : "报销票据 %s 元超出该笔借支未归还的 %s 元，需补付 %s 元，但库存"
                               "现金只有 %s 元",
                     got, owed, extra, cash);
        }
        return;
    case PETTY_OVER_OUTSTANDING:
        if (rq->returned_fen > rq->issue_outstanding_fen)
            snprintf(buf, size,
                     english ? "change returned (%s) is more than the issue still owes (%s)"
                             : "退回零钱 %s 元超过该笔借支未归还的 %s 元",
                     back, owed);
        else
            snprintf(buf, size,
                     english ? "change (%s) plus receipts (%s) is more than the issue still owes "
                               "(%s)"
                             : "退回零钱 %s 元加报销票据 %s 元超过该笔借支未归还的 %s 元",
                     back, got, owed);
        return;
    case PETTY_ISSUE_SETTLED:
        snprintf(buf, size, "%s",
                 english ? "this issue is settled: nothing is outstanding on it"
                         : "该笔借支已结清，没有未归还金额");
        return;
    case PETTY_NOTHING:
        snprintf(buf, size, "%s",
                 english ? "enter the change returned or at least one receipt"
                         : "请填写退回零钱或至少一张报销票据");
        return;
    case PETTY_NOTHING_TO_REPLENISH:
        snprintf(buf, size, "%s",
                 english ? "nothing is receipted and waiting to be replenished"
                         : "没有已报销待补充的金额，无需补充");
        return;
    case PETTY_OVER_RECEIPTED:
        snprintf(buf, size,
                 english ? "only %s is receipted and not yet replenished; %s cannot be put back"
                         : "已报销待补充的只有 %s 元，不能补充 %s 元",
                 rec, amount);
        return;
    case PETTY_NEEDS_APPROVAL: {
        char limit[40];
        money_format_grouped(rq->approval_limit_fen, limit);
        snprintf(buf, size,
                 english ? "an issue of %s is above the limit of %s: a manager must approve "
                           "(approver_username and approver_password)"
                         : "领用 %s 元超过审批额度 %s 元，需要经理审批（填写审批人用户名和密码）",
                 amount, limit);
        return;
    }
    case PETTY_BROKEN:
    case PETTY_VERDICT__MAX:
        break;
    }
    snprintf(buf, size, "%s",
             english ? "the petty-cash figures do not add up; nothing was written"
                     : "备用金账目不平，未做任何记录");
}

bool petty_entry(enum petty_kind kind, const struct petty_effect *e, const char *day,
                 int64_t movement_id, const char *person, const char *purpose,
                 const char *source, const struct petty_receipt *receipts, int nreceipts,
                 struct journal_entry *out)
{
    char memo[200];
    snprintf(memo, sizeof memo, "备用金%s%s%s%s%s", petty_kind_name(kind, false),
             person && *person ? " " : "", person ? person : "",
             purpose && *purpose ? " " : "", purpose ? purpose : "");
    /* Keep the memo valid UTF-8 if it was cut: drop a trailing partial character. */
    size_t n = strlen(memo);
    if (n == sizeof memo - 1) {
        size_t i = n;
        while (i > 0 && ((unsigned char)memo[i - 1] & 0xC0) == 0x80) i--;
        if (i > 0 && (unsigned char)memo[i - 1] >= 0xC0) {
            unsigned char lead = (unsigned char)memo[i - 1];
            size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            if (n - (i - 1) < want) memo[i - 1] = '\0';
        }
    }
    journal_begin(out, day, "petty", movement_id, memo);
    int64_t expenses = 0;
    for (int i = 0; i < nreceipts; i++) {
        if (receipts[i].amount_fen <= 0) return false;
        journal_add(out, receipts[i].account, NULL, receipts[i].amount_fen);
        expenses += receipts[i].amount_fen;
    }
    /* Receipts are exactly what was receipted by a settlement or an expense, and nothing
     * else carries any. */
    int64_t want = e->receipted_fen > 0 ? e->receipted_fen : 0;
    if (expenses != want) return false;
    journal_add(out, "petty_cash", NULL, e->cash_fen);
    if (e->outstanding_fen) {
        if (!person || !*person) return false;
        journal_add(out, "petty_issued", person, e->outstanding_fen);
    }
    int64_t rest = -(e->cash_fen + e->outstanding_fen + expenses);
    if (rest) {
        if (!source || (strcmp(source, "safe") != 0 && strcmp(source, "bank") != 0)) return false;
        journal_add(out, source, NULL, rest);
    }
    return true;
}
