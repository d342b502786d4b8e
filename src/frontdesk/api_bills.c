/* frontdesk/api_bills.c: the quote, the checkout (结账), the receipt, and after the fact: voids
 * (作废) and refunds (退款) of front-desk bills; and a member's balance at the till.
 *
 * The checkout is one transaction: the idempotency key is looked up first (a retry gets the
 * first answer), the stay must still be open (a second till gets 409), the cashier's shift must
 * be open, the bill is composed at the checkout instant with the pricing rules, the tenders
 * must sum to its total, and then the bill (through bill_insert, source 'pos'), its discounts,
 * the member ledger, the consumption from the bar, the approvals, the stay's closing and the
 * room's state are written together, or nothing is.
 *
 * A settled bill is never updated: a void is a bill_voids row plus one refund of kind 'void'
 * per tender (what was left of it) in the voiding cashier's shift, and the member's balance
 * back; a refund is refund rows in the current shift. */
#include "frontdesk/api_internal.h"
#include "finance/finance.h"

#include "core/audit.h"
#include "core/json.h"
#include "core/log.h"
#include "core/money.h"
#include "frontdesk/receipt.h"
#include "sales/store.h"
#include "shifts/shifts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How far back a cashier may price a checkout: the guest asked for the bill (买单), the till
 * quoted it, and the payment took a while. Beyond that the quote is stale. */
#define QUOTE_VALID_SECONDS (15 * 60)

static bool is_admin(const struct request *req)
{
    return strcmp(req->user.role, "admin") == 0;
}

/* ---- discounts ---- */

struct discount_req {
    struct compose_options o;
    const char *coupon_code, *reason;
    struct approval approval;
};

static const char *const discount_fields[] = {"bill_percent_bp",   "fixed_fen", "coupon_code",
                                              "coupon_fen",        "reason",    "approver_username",
                                              "approver_password", NULL};

/* Reads discounts{}, round_to_yuan and service_bp; checks the approver's password (outside
 * any transaction). */
static bool read_discounts(struct request *req, json_t *body, struct discount_req *d)
{
    memset(d, 0, sizeof *d);
    if (!jfield_bool(req, body, "round_to_yuan", "抹零", "round down to the yuan", false,
                     &d->o.round_to_yuan) ||
        !jfield_int(req, body, "service_bp", "服务费率（基点）", "service charge (basis points)",
                    false, 0, 3000, &d->o.service_bp))
        return false;
    json_t *ds = json_object_get(body, "discounts");
    if (!ds || json_is_null(ds)) return true;
    if (!fd_keys(req, ds, "discounts", discount_fields) ||
        !fd_int(req, ds, "bill_percent_bp", "discounts.bill_percent_bp", "整单折扣（基点）",
                "whole-bill discount (basis points)", false, 0, 10000, &d->o.percent_bp) ||
        !fd_fen(req, ds, "fixed_fen", "discounts.fixed_fen", "减免金额", "fixed discount", false,
                MONEY_MAX_FEN, &d->o.fixed_fen) ||
        !fd_str(req, ds, "coupon_code", "discounts.coupon_code", "优惠券号", "coupon code", false,
                40, &d->coupon_code) ||
        !fd_fen(req, ds, "coupon_fen", "discounts.coupon_fen", "优惠券金额", "coupon value", false,
                MONEY_MAX_FEN, &d->o.coupon_fen) ||
        !fd_str(req, ds, "reason", "discounts.reason", "优惠原因", "reason", false, 200,
                &d->reason))
        return false;
    if (!d->coupon_code != !d->o.coupon_fen) {
        reply_error(req, 400, "invalid_field", "discounts.coupon_code",
                    "优惠券须同时填写券号和金额", "a coupon needs both its code and its value");
        return false;
    }
    if ((d->o.percent_bp || d->o.fixed_fen) && (!d->reason || !d->reason[0])) {
        reply_error(req, 400, "invalid_field", "discounts.reason", "手工折扣或减免须写明原因",
                    "a manual discount needs a reason");
        return false;
    }
    return fd_approver(req, ds, "discounts", &d->approval);
}

/* Whether the discounts asked for are within the cashier's limits. Coupons count toward the
 * fixed limit until coupons are issued and checked by the marketing module: a typed coupon
 * value is otherwise an unlimited discount. */
static bool discount_within(const struct role_limit *l, const struct discount_req *d)
{
    return settle_discount_within(l, d->o.percent_bp, d->o.fixed_fen + d->o.coupon_fen);
}

/* Refuses (403) discounts beyond the cashier's limit without an approver whose limit covers
 * them; *approved_by gets who approved ("" within the cashier's own limit). */
static bool discount_authorised(struct request *req, const struct discount_req *d,
                                const char **approved_by)
{
    *approved_by = "";
    struct role_limit_row mine;
    if (role_limit_load(req->db, req->user.role, &mine) != DB_OK) {
        reply_internal(req);
        return false;
    }
    if (discount_within(&mine.limit, d)) return true;
    char zh[1024], en[1024];
    if (!d->approval.given) {
        snprintf(zh, sizeof zh, "折扣 %lld.%02lld%%、减免与优惠券 %lld.%02lld 元",
                 (long long)(d->o.percent_bp / 100), (long long)(d->o.percent_bp % 100),
                 (long long)((d->o.fixed_fen + d->o.coupon_fen) / 100),
                 (long long)((d->o.fixed_fen + d->o.coupon_fen) % 100));
        snprintf(en, sizeof en, "a discount of %lld.%02lld%% and %lld.%02lld off",
                 (long long)(d->o.percent_bp / 100), (long long)(d->o.percent_bp % 100),
                 (long long)((d->o.fixed_fen + d->o.coupon_fen) / 100),
                 (long long)((d->o.fixed_fen + d->o.coupon_fen) % 100));
        fd_reply_approval_required(req, zh, en);
        return false;
    }
    if (!discount_within(&d->approval.limits.limit, d)) {
        snprintf(zh, sizeof zh, "审批人 %s 的折扣额度也不够", d->approval.username);
        snprintf(en, sizeof en, "approver %s's discount limit does not cover it either",
                 d->approval.username);
        reply_error(req, 403, "approval_denied", "discounts.approver_username", zh, en);
        return false;
    }
    *approved_by = d->approval.username;
    return true;
}

/* The instant priced: now, or `at` (a quote's instant: within the last 15 minutes; any past
 * instant for an admin, for back-entry and tests). */
static bool read_at(struct request *req, const struct fd_ctx *c, json_t *body, int64_t *at)
{
    *at = c->now;
    int64_t t = 0;
    if (!fd_time(req, c, body, "at", "结账时间", "checkout time", false, &t)) return false;
    if (!t) return true;
    if (t > c->now + 60 || (!is_admin(req) && t < c->now - QUOTE_VALID_SECONDS)) {
        reply_error(req, 400, "invalid_field", "at",
                    "结账时间须在最近 15 分钟之内（报价已过期，请重新报价）",
                    "the checkout time is within the last 15 minutes (the quote is stale: quote "
                    "again)");
        return false;
    }
    *at = t;
    return true;
}

/* ---- quote ---- */

void fd_stays_quote(struct request *req)
{
    static const char *const fields[] = {"discounts", "round_to_yuan", "service_bp", "at", NULL};
    json_t *body = req->body_len ? req_json_object(req, fields) : json_object();
    if (!body) return;
    struct fd_ctx c;
    struct discount_req d;
    int64_t at = 0;
    if (!fd_ctx_load(req, &c)) {
        json_decref(body);
        return;
    }
    if (read_discounts(req, body, &d) && read_at(req, &c, body, &at)) {
        struct stay_bill sb;
        enum db_status s = db_begin_read(req->db);
        enum fd_compose_status st =
            s == DB_OK ? fd_stay_bill(req, &c, req_param_id(req, "id"), at, &d.o, &sb)
                       : FD_COMPOSE_DB;
        if (s != DB_OK) {
            memset(&sb, 0, sizeof sb);
            sb.db = s;
        }
        if (st == FD_COMPOSE_OK && strcmp(sb.full.stay.status, "open") != 0) {
            reply_error(req, 409, "stay_closed", NULL, "这个房间已结账或已取消",
                        "this stay is already checked out or cancelled");
        } else if (st != FD_COMPOSE_OK)
            fd_reply_compose_error(req, st, &sb);
        else {
            json_t *j = fd_bill_json(&c, &sb, &d.o);
            struct role_limit_row mine;
            bool within = role_limit_load(req->db, req->user.role, &mine) == DB_OK &&
                          discount_within(&mine.limit, &d);
            json_object_set_new(j, "needs_approval", json_boolean(!within && !d.approval.given));
            reply_json(req, 200, j);
        }
        fd_stay_bill_free(&sb);
    }
    fd_ctx_free(&c);
    json_decref(body);
}

/* ---- checkout ---- */

struct tender_in {
    struct tender t;
    const char *platform, *reference, *member_phone;
    int64_t paid_fen; /* a voucher: what the guest paid the platform; -1 not given */
};

struct checkout {
    struct fd_ctx *c;
    json_t *body;
    int64_t stay_id, at;
    struct idem idem;
    struct discount_req d;
    struct tender_in tenders[SETTLE_MAX_TENDERS];
    int ntenders;
    const char *note;
};

static const char *const payment_fields[] = {
    "method", "amount_fen", "tendered_fen", "platform", "reference", "member_phone", "paid_fen",
    NULL};

static bool read_payments(struct request *req, json_t *body, struct checkout *w)
{
    json_t *arr = json_object_get(body, "payments");
    if (!json_is_array(arr) || json_array_size(arr) > SETTLE_MAX_TENDERS) {
        char zh[160], en[160];
        snprintf(zh, sizeof zh, "付款：应为最多 %d 笔的数组", SETTLE_MAX_TENDERS);
        snprintf(en, sizeof en, "payments: an array of at most %d tenders", SETTLE_MAX_TENDERS);
        reply_error(req, 400, "invalid_field", "payments", zh, en);
        return false;
    }
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        char path[32], f[64];
        snprintf(path, sizeof path, "payments[%zu]", i);
        if (!fd_keys(req, o, path, payment_fields)) return false;
        struct tender_in *t = &w->tenders[w->ntenders++];
        memset(t, 0, sizeof *t);
        const char *method = NULL;
        snprintf(f, sizeof f, "%s.method", path);
        if (!fd_str(req, o, "method", f, "付款方式", "method", true, 12, &method)) return false;
        if (!tender_method_parse(method, &t->t.method)) {
            reply_error(req, 400, "invalid_field", f,
                        "付款方式应为 cash、wechat、alipay、card、member、voucher 或 credit",
                        "method is cash, wechat, alipay, card, member, voucher or credit");
            return false;
        }
        snprintf(f, sizeof f, "%s.amount_fen", path);
        if (!fd_fen(req, o, "amount_fen", f, "付款金额", "amount", true, MONEY_MAX_FEN,
                    &t->t.amount_fen))
            return false;
        if (t->t.amount_fen <= 0) {
            reply_error(req, 400, "invalid_field", f, "付款金额须大于 0",
                        "a tender's amount is more than 0");
            return false;
        }
        snprintf(f, sizeof f, "%s.tendered_fen", path);
        if (!fd_fen(req, o, "tendered_fen", f, "实收现金", "cash handed over", false, MONEY_MAX_FEN,
                    &t->t.tendered_fen))
            return false;
        snprintf(f, sizeof f, "%s.platform", path);
        if (!fd_str(req, o, "platform", f, "团购平台", "platform", false, 20, &t->platform))
            return false;
        /* A platform is a short code the statements are matched on: meituan, douyin ... */
        for (const char *p = t->platform; p && *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) {
                reply_error(req, 400, "invalid_field", f,
                            "团购平台应为小写英文代码，如 meituan、douyin、dianping",
                            "a platform is a lower-case code such as meituan, douyin, dianping");
                return false;
            }
        snprintf(f, sizeof f, "%s.reference", path);
        if (!fd_str(req, o, "reference", f, "券码/挂账单位/凭证号", "reference", false, 20,
                    &t->reference))
            return false;
        snprintf(f, sizeof f, "%s.member_phone", path);
        if (!fd_phone(req, o, "member_phone", f, "会员手机号", "member phone", &t->member_phone))
            return false;
        if (t->t.method == TENDER_VOUCHER && (!t->platform || !t->reference)) {
            snprintf(f, sizeof f, "%s.%s", path, t->platform ? "reference" : "platform");
            reply_error(req, 400, "invalid_field", f, "团购券须填写平台和券码",
                        "a group-buy voucher needs its platform and code");
            return false;
        }
        if (t->t.method == TENDER_CREDIT && (!t->reference || !t->reference[0])) {
            snprintf(f, sizeof f, "%s.reference", path);
            reply_error(req, 400, "invalid_field", f, "挂账须填写挂账单位或个人",
                        "credit (挂账) needs the account it is signed to");
            return false;
        }
        if (t->t.tendered_fen && t->t.method != TENDER_CASH) {
            snprintf(f, sizeof f, "%s.tendered_fen", path);
            reply_error(req, 400, "invalid_field", f, "只有现金有实收和找零",
                        "only cash has an amount handed over and change");
            return false;
        }
        /* A voucher's price paid (用户实付): what the platform owes for it; the rest of the
         * face value (amount_fen) is the platform's discount. Optional: the face if absent. */
        t->paid_fen = -1;
        snprintf(f, sizeof f, "%s.paid_fen", path);
        if (!fd_fen(req, o, "paid_fen", f, "用户实付", "price paid", false, MONEY_MAX_FEN,
                    &t->paid_fen))
            return false;
        if (t->paid_fen >= 0 && t->t.method != TENDER_VOUCHER) {
            reply_error(req, 400, "invalid_field", f, "只有团购券有用户实付金额",
                        "only a group-buy voucher has a price paid");
            return false;
        }
        if (t->paid_fen > t->t.amount_fen) {
            reply_error(req, 400, "invalid_field", f, "用户实付不能超过券面值（付款金额）",
                        "the price paid is at most the voucher's face value (the amount)");
            return false;
        }
        for (int k = 0; k < w->ntenders - 1; k++)
            if (t->t.method == TENDER_MEMBER && w->tenders[k].t.method == TENDER_MEMBER) {
                snprintf(f, sizeof f, "%s.method", path);
                reply_error(req, 400, "invalid_field", f, "会员储值只能作为一笔付款",
                            "stored value is one tender per bill");
                return false;
            }
    }
    return true;
}

static void reply_amount_mismatch(struct request *req, int64_t total, int64_t paid)
{
    char a[32], b[32], zh[300], en[300];
    money_format(paid, a);
    money_format(total, b);
    snprintf(zh, sizeof zh,
             "付款合计 %s 元，与应收 %s 元不符（账单金额可能已随时间变化，请重新报价）", a, b);
    snprintf(en, sizeof en,
             "the tenders sum to %s but the bill is %s (the amount may have changed with time: "
             "quote again)",
             a, b);
    json_t *e = json_pack("{s:s,s:s,s:s,s:I,s:I}", "code", "amount_mismatch", "message",
                          req->english ? en : zh, "field", "payments", "total_fen",
                          (json_int_t)total, "paid_fen", (json_int_t)paid);
    log_info("req=%s %s %s -> 409 amount_mismatch", req->request_id, req->method, req->path);
    reply_json(req, 409, json_pack("{s:o}", "error", e));
}

/* The tenders as JSON (for the checkout's answer and the bill). */
static json_t *tenders_json(const struct tender_row *t, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++) {
        enum tender_method m;
        json_t *x = json_object();
        json_set_int(x, "seq", t[i].seq);
        json_set_str(x, "method", t[i].method);
        json_set_str(x, "label",
                     tender_method_parse(t[i].method, &m) ? tender_method_label(m) : t[i].method);
        fd_money(x, "amount", t[i].amount_fen);
        if (t[i].tendered_fen) {
            fd_money(x, "tendered", t[i].tendered_fen);
            fd_money(x, "change", t[i].change_fen);
        }
        if (t[i].platform[0]) json_set_str(x, "platform", t[i].platform);
        if (t[i].reference[0]) json_set_str(x, "reference", t[i].reference);
        if (t[i].shift_id) json_set_int(x, "shift_id", t[i].shift_id);
        fd_money(x, "refunded", t[i].refunded_fen);
        json_array_append_new(a, x);
    }
    return a;
}

static enum db_status write_discounts(struct request *req, int64_t bill_id,
                                      const struct stay_bill *sb, const struct discount_req *d,
                                      const char *approved_by)
{
    const struct bill_calc *t = &sb->bill.calc;
    struct bill_discount rows[] = {
        {"member", t->member_discount_fen, sb->has_member ? 10000 - sb->member.discount_bp : 0, "",
         sb->has_member ? sb->member.level : "", ""},
        {"percent", t->percent_discount_fen, d->o.percent_bp, "", d->reason, approved_by},
        {"coupon", t->coupon_discount_fen, 0, d->coupon_code, d->reason, approved_by},
        {"fixed", t->fixed_discount_fen, 0, "", d->reason, approved_by},
        {"rounding", t->rounding_fen, 0, "", "抹零", ""},
    };
    enum db_status s = DB_OK;
    for (size_t i = 0; s == DB_OK && i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i].amount_fen > 0) s = bill_discount_insert(req->db, bill_id, &rows[i]);
    return s;
}

static enum db_status checkout_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct checkout *w = arg;
    const struct fd_ctx *c = w->c;
    enum db_status s;
    if (fd_idem_replay(req, &w->idem, out, &s)) return s;
    struct stay st;
    s = stay_load(req->db, req->user.venue_id, w->stay_id, &st);
    if (s == DB_NOT_FOUND) {
        reply_error(req, 404, "not_found", NULL, "没有这个开房记录", "no such stay");
        return s;
    }
    if (s != DB_OK) return s;
    if (strcmp(st.status, "open") != 0) {
        /* Case C3: the other till was first. Say who and which bill, so nobody charges twice. */
        char bill_no[48] = "", zh[1024], en[1024];
        if (st.bill_id) stay_bill_no(req->db, st.bill_id, bill_no);
        snprintf(zh, sizeof zh, "这个房间已由 %s 结账%s%s%s，请勿重复收款", st.closed_by,
                 bill_no[0] ? "（账单 " : "", bill_no, bill_no[0] ? "）" : "");
        snprintf(en, sizeof en,
                 "this room was already checked out by %s%s%s%s: do not charge again", st.closed_by,
                 bill_no[0] ? " (bill " : "", bill_no, bill_no[0] ? ")" : "");
        reply_error(req, 409, "stay_closed", NULL, zh, en);
        return DB_INVALID;
    }
    int64_t shift_id = 0;
    s = shift_require_open(req->db, req->user.venue_id, req->user.id, &shift_id);
    if (s == DB_NOT_FOUND) {
        reply_error(req, 409, "shift_required", NULL, "请先开班：收款必须记在一个当班班次里",
                    "open a shift first: every payment belongs to a cashier's shift");
        return DB_INVALID;
    }
    if (s != DB_OK) return s;
    const char *approved_by = "";
    if (!discount_authorised(req, &w->d, &approved_by)) return DB_INVALID;

    struct stay_bill sb;
    struct bill b;
    struct bill_line *lines = NULL;
    struct bill_payment pays[SETTLE_MAX_TENDERS];
    struct member members[SETTLE_MAX_TENDERS];
    struct stored_value taken[SETTLE_MAX_TENDERS];
    memset(&b, 0, sizeof b);
    enum fd_compose_status cs = fd_stay_bill(req, c, w->stay_id, w->at, &w->d.o, &sb);
    if (cs != FD_COMPOSE_OK) {
        if (cs == FD_COMPOSE_DB && sb.db != DB_NOT_FOUND)
            s = sb.db;
        else {
            fd_reply_compose_error(req, cs, &sb);
            s = DB_INVALID;
        }
        goto out;
    }
    const struct bill_calc *t = &sb.bill.calc;

    /* Tenders: they sum to the total; cash gives change (S1); member and vouchers checked. */
    struct tender tt[SETTLE_MAX_TENDERS];
    for (int i = 0; i < w->ntenders; i++)
        tt[i] = w->tenders[i].t;
    int bad = -1;
    enum settle_status ss = settle_tenders(t->total_fen, tt, w->ntenders, &bad);
    if (ss == SETTLE_SUM_MISMATCH) {
        int64_t paid = 0;
        for (int i = 0; i < w->ntenders; i++)
            paid += tt[i].amount_fen;
        reply_amount_mismatch(req, t->total_fen, paid);
        s = DB_INVALID;
        goto out;
    }
    if (ss != SETTLE_OK) {
        char f[48];
        snprintf(f, sizeof f, "payments[%d].tendered_fen", bad < 0 ? 0 : bad);
        reply_error(req, 400, "invalid_field", f, "实收现金少于该笔付款金额",
                    "the cash handed over is less than the tender's amount");
        s = DB_INVALID;
        goto out;
    }
    memset(pays, 0, sizeof pays);
    for (int i = 0; i < w->ntenders; i++) {
        const struct tender_in *in = &w->tenders[i];
        struct bill_payment *p = &pays[i];
        snprintf(p->method, sizeof p->method, "%s", tender_method_name(tt[i].method));
        p->amount_fen = tt[i].amount_fen;
        p->shift_id = shift_id;
        p->tendered_fen = tt[i].tendered_fen;
        p->change_fen = tt[i].change_fen;
        snprintf(p->platform, sizeof p->platform, "%s", in->platform ? in->platform : "");
        snprintf(p->reference, sizeof p->reference, "%s", in->reference ? in->reference : "");
        p->has_voucher_paid = in->paid_fen >= 0;
        p->voucher_paid_fen = in->paid_fen >= 0 ? in->paid_fen : 0;
        char f[48];
        if (tt[i].method == TENDER_VOUCHER) {
            bool used = false;
            s = voucher_used(req->db, req->user.venue_id, in->platform, in->reference, &used);
            if (s != DB_OK) goto out;
            if (used) {
                snprintf(f, sizeof f, "payments[%d].reference", i);
                reply_error(req, 409, "voucher_used", f, "这张团购券已经用过",
                            "this group-buy voucher has already been used");
                s = DB_INVALID;
                goto out;
            }
        }
        if (tt[i].method == TENDER_MEMBER) {
            const char *phone =
                in->member_phone && in->member_phone[0] ? in->member_phone : st.member_phone;
            snprintf(f, sizeof f, "payments[%d].member_phone", i);
            s = phone[0] ? member_find(req->db, req->user.venue_id, phone, &members[i])
                         : DB_NOT_FOUND;
            if (s == DB_NOT_FOUND || (s == DB_OK && !members[i].active)) {
                reply_error(req, 400, "invalid_field", f, "没有这个会员（储值付款须指定会员）",
                            "no such member (stored value needs the member)");
                s = DB_INVALID;
                goto out;
            }
            if (s != DB_OK) goto out;
            if (!stored_value_take(&members[i].balance, tt[i].amount_fen, &taken[i])) {
                char a[32], bal[32], zh[200], en[200];
                money_format(tt[i].amount_fen, a);
                money_format(members[i].balance.principal_fen + members[i].balance.bonus_fen, bal);
                snprintf(zh, sizeof zh, "会员余额不足：余额 %s 元，本笔 %s 元", bal, a);
                snprintf(en, sizeof en, "the member's balance %s is less than %s", bal, a);
                reply_error(req, 409, "insufficient_balance", f, zh, en);
                s = DB_INVALID;
                goto out;
            }
            /* The reference shows which member paid (masked: the receipt is the guest's). */
            fd_mask_phone(members[i].phone, p->reference);
        }
    }

    /* The bill, written through the sales store like every other bill. */
    char business_day[11];
    fd_bizday(c, w->at, business_day);
    s = bill_next_no(req->db, req->user.venue_id, business_day, b.bill_no, sizeof b.bill_no);
    if (s != DB_OK) goto out;
    const struct stay_full *f = &sb.full;
    const struct stay_room *room = &f->rooms[f->nrooms - 1];
    b.room_id = room->room_id;
    snprintf(b.room_no, sizeof b.room_no, "%s", room->room_no);
    snprintf(b.room_type, sizeof b.room_type, "%s", room->room_type);
    b.opened_at = st.opened_at;
    b.closed_at = sb.at;
    snprintf(b.status, sizeof b.status, "settled");
    snprintf(b.cashier, sizeof b.cashier, "%s", req->user.username);
    snprintf(b.member_phone, sizeof b.member_phone, "%s", st.member_phone);
    snprintf(b.booker, sizeof b.booker, "%s", st.booker);
    b.gross_fen = t->gross_fen;
    b.discount_fen = t->discount_fen + t->rounding_fen; /* 抹零 is a discount (case R4) */
    b.service_fen = t->service_fen;
    b.total_fen = t->total_fen;
    snprintf(b.note, sizeof b.note, "%s", w->note ? w->note : "");
    snprintf(b.source, sizeof b.source, "pos");
    lines = calloc((size_t)(sb.bill.nlines ? sb.bill.nlines : 1), sizeof *lines);
    if (!lines) {
        s = DB_ERROR;
        goto out;
    }
    for (int i = 0; i < sb.bill.nlines; i++) {
        const struct compose_line *l = &sb.bill.lines[i];
        lines[i].line_no = i + 1;
        snprintf(lines[i].kind, sizeof lines[i].kind, "%s", l->kind);
        snprintf(lines[i].item, sizeof lines[i].item, "%s", l->item);
        lines[i].product_id = l->product_id;
        lines[i].package_id = l->package_id;
        lines[i].qty = l->qty;
        lines[i].has_unit_price = lines[i].has_amount = true;
        lines[i].unit_price_fen = l->unit_fen;
        lines[i].amount_fen = l->amount_fen;
    }
    b.lines = lines;
    b.nlines = sb.bill.nlines;
    b.payments = pays;
    b.npayments = w->ntenders;
    s = bill_insert(req->db, req->user.venue_id, c->tz, c->venue.cutoff_minutes, &b);
    if (s != DB_OK) goto out;

    /* Stored value: principal and bonus taken in proportion (settle.h, case M1). */
    for (int i = 0; s == DB_OK && i < w->ntenders; i++) {
        if (tt[i].method != TENDER_MEMBER) continue;
        struct ledger_entry e = {members[i].id,
                                 c->now,
                                 "",
                                 "pay",
                                 {-taken[i].principal_fen, -taken[i].bonus_fen},
                                 b.id,
                                 i + 1,
                                 shift_id,
                                 b.bill_no,
                                 req->user.username};
        snprintf(e.business_day, sizeof e.business_day, "%s", b.business_day);
        s = ledger_insert(req->db, &e);
    }
    if (s == DB_OK) s = write_discounts(req, b.id, &sb, &w->d, approved_by);
    /* Goods leave the bar (issue 3 item 7): per product and kind, packages expanded. */
    for (int i = 0; s == DB_OK && i < sb.bill.nuses; i++)
        s = consumption_insert(req->db, req->user.venue_id, b.id, sb.bill.uses[i].product_id,
                               sb.bill.uses[i].qty, sb.bill.uses[i].kind, b.business_day, sb.at);
    if (s == DB_OK && approved_by[0]) {
        char subject[40];
        snprintf(subject, sizeof subject, "bill:%lld", (long long)b.id);
        s = approval_insert(
            req->db, req->user.venue_id, "discount", subject,
            t->percent_discount_fen + t->coupon_discount_fen + t->fixed_discount_fen,
            req->user.username, approved_by, w->d.reason ? w->d.reason : "", c->now);
    }
    if (s == DB_OK)
        s = stay_close(req->db, w->stay_id, "checked_out", sb.at, b.id, req->user.username);
    if (s == DB_CONFLICT) s = DB_RETRY; /* cannot happen under BEGIN IMMEDIATE; retry safely */
    if (s == DB_OK) s = stay_room_close(req->db, w->stay_id, sb.at);
    if (s == DB_OK)
        s = room_state_set(req->db, room->room_id, "cleaning", "", req->user.username, c->now);
    /* The books: revenue, discounts and every tender, in this transaction (issue 4). */
    if (s == DB_OK)
        s = finance_status_reply(
            req, finance_post_bill(req->db, req->user.venue_id, b.id, req->user.username));
    if (s != DB_OK) goto out;

    json_t *j = fd_bill_json(c, &sb, &w->d.o);
    struct tender_row rows[BILL_MAX_TENDERS];
    int nrows = 0;
    s = bill_tenders(req->db, b.id, rows, BILL_MAX_TENDERS, &nrows);
    int64_t change = 0;
    for (int i = 0; i < w->ntenders; i++)
        change += tt[i].change_fen;
    char receipt[64];
    snprintf(receipt, sizeof receipt, "/api/v1/bills/%lld/receipt", (long long)b.id);
    json_set_int(j, "bill_id", b.id);
    json_set_str(j, "bill_no", b.bill_no);
    json_set_str(j, "business_day", b.business_day);
    json_set_int(j, "shift_id", shift_id);
    json_object_set_new(j, "payments", tenders_json(rows, nrows));
    fd_money(j, "change", change);
    json_set_str(j, "receipt_url", receipt);
    out->status = 201;
    out->body = j;
    if (s == DB_OK) {
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)b.id);
        json_t *after =
            json_pack("{s:s,s:I,s:I,s:I,s:I}", "bill_no", b.bill_no, "stay_id",
                      (json_int_t)w->stay_id, "total_fen", (json_int_t)b.total_fen, "discount_fen",
                      (json_int_t)b.discount_fen, "shift_id", (json_int_t)shift_id);
        json_object_set(after, "payments", json_object_get(j, "payments"));
        s = audit_record(req->db, &a, "checkout", "bill", sid, NULL, after);
        json_decref(after);
    }
    if (s == DB_OK) s = fd_idem_store(req, &w->idem, out->status, out->body);
out:
    free(lines);
    fd_stay_bill_free(&sb);
    return s;
}

void fd_stays_checkout(struct request *req)
{
    static const char *const fields[] = {
        "idempotency_key", "discounts", "round_to_yuan", "service_bp",
        "payments",        "at",        "note",          NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) {
        json_decref(body);
        return;
    }
    struct checkout *w = calloc(1, sizeof *w);
    if (!w) {
        reply_internal(req);
        goto out;
    }
    w->c = &c;
    w->body = body;
    w->stay_id = req_param_id(req, "id");
    char endpoint[64];
    snprintf(endpoint, sizeof endpoint, "checkout:%lld", (long long)w->stay_id);
    if (fd_idem_prepare(req, body, true, endpoint, &w->idem) && read_payments(req, body, w) &&
        read_at(req, &c, body, &w->at) &&
        jfield_str(req, body, "note", "备注", "note", false, 100, &w->note) &&
        read_discounts(req, body, &w->d))
        fd_run_write(req, checkout_tx, w, "账单", "bill");
out:
    free(w);
    fd_ctx_free(&c);
    json_decref(body);
}

/* ---- a bill with its after-sales ---- */

static const char *line_kind_label(const char *kind)
{
    if (strcmp(kind, "room") == 0) return "房费";
    if (strcmp(kind, "package") == 0) return "套餐";
    if (strcmp(kind, "goods") == 0) return "商品";
    if (strcmp(kind, "min_spend") == 0) return "低消补足";
    if (strcmp(kind, "service") == 0) return "服务费";
    return "其他";
}

static bool append_discount(const struct bill_discount_row *d, void *ctx)
{
    json_t *x = json_object();
    json_set_str(x, "kind", d->kind);
    fd_money(x, "amount", d->amount_fen);
    if (d->rate_bp) json_set_int(x, "rate_bp", d->rate_bp);
    if (d->code[0]) json_set_str(x, "code", d->code);
    if (d->reason[0]) json_set_str(x, "reason", d->reason);
    if (d->approved_by[0]) json_set_str(x, "approved_by", d->approved_by);
    json_array_append_new(ctx, x);
    return true;
}

struct refund_list_ctx {
    const struct fd_ctx *c;
    json_t *items;
};

static bool append_refund(const struct refund_row *r, void *ctx)
{
    struct refund_list_ctx *l = ctx;
    json_t *x = json_object();
    char t[20];
    json_set_int(x, "id", r->id);
    json_set_str(x, "kind", r->kind);
    fd_local_text(l->c, r->at, t);
    json_set_str(x, "at", t);
    json_set_str(x, "business_day", r->business_day);
    if (r->shift_id) json_set_int(x, "shift_id", r->shift_id);
    json_set_str(x, "method", r->method);
    json_set_int(x, "payment_seq", r->payment_seq);
    fd_money(x, "amount", r->amount_fen);
    json_set_str(x, "reason", r->reason);
    json_set_str(x, "approved_by", r->approved_by);
    json_set_str(x, "by", r->by_user);
    if (r->reference[0]) json_set_str(x, "reference", r->reference);
    json_array_append_new(l->items, x);
    return true;
}

/* The bill (lines, tenders, discounts, void, refunds) as JSON; NULL with *s on failure. */
static json_t *bill_detail(struct request *req, const struct fd_ctx *c, int64_t id,
                           enum db_status *s)
{
    struct bill b;
    memset(&b, 0, sizeof b);
    *s = bill_load(req->db, req->user.venue_id, id, &b);
    if (*s != DB_OK) return NULL;
    json_t *j = json_object();
    char t[20];
    json_set_int(j, "id", b.id);
    json_set_str(j, "bill_no", b.bill_no);
    json_set_str(j, "source", b.source);
    json_set_str(j, "room_no", b.room_no);
    json_set_str(j, "room_type", b.room_type);
    fd_local_text(c, b.opened_at, t);
    json_set_str(j, "opened_at", t);
    fd_local_text(c, b.closed_at, t);
    json_set_str(j, "closed_at", t);
    json_set_str(j, "business_day", b.business_day);
    json_set_str(j, "cashier", b.cashier);
    json_set_str(j, "booker", b.booker);
    char masked[44];
    fd_mask_phone(b.member_phone, masked);
    json_set_str(j, "member_phone", masked);
    fd_money(j, "gross", b.gross_fen);
    fd_money(j, "discount", b.discount_fen);
    fd_money(j, "service", b.service_fen);
    fd_money(j, "total", b.total_fen);
    json_set_str(j, "note", b.note);
    json_t *lines = json_array();
    for (int i = 0; i < b.nlines; i++) {
        json_t *x = json_object();
        json_set_int(x, "line_no", b.lines[i].line_no);
        json_set_str(x, "kind", b.lines[i].kind);
        json_set_str(x, "kind_label", line_kind_label(b.lines[i].kind));
        json_set_str(x, "item", b.lines[i].item);
        json_set_int(x, "qty", b.lines[i].qty);
        if (b.lines[i].has_unit_price) fd_money(x, "unit_price", b.lines[i].unit_price_fen);
        if (b.lines[i].has_amount) fd_money(x, "amount", b.lines[i].amount_fen);
        if (b.lines[i].product_id) json_set_int(x, "product_id", b.lines[i].product_id);
        json_array_append_new(lines, x);
    }
    json_object_set_new(j, "lines", lines);
    bill_free_parts(&b);
    struct tender_row rows[BILL_MAX_TENDERS];
    int n = 0;
    int64_t refunded = 0;
    *s = bill_tenders(req->db, id, rows, BILL_MAX_TENDERS, &n);
    for (int i = 0; i < n; i++)
        refunded += rows[i].refunded_fen;
    json_object_set_new(j, "payments", tenders_json(rows, n));
    json_t *ds = json_array();
    if (*s == DB_OK) *s = bill_discount_list(req->db, id, append_discount, ds);
    json_object_set_new(j, "discounts", ds);
    struct refund_list_ctx rl = {c, json_array()};
    if (*s == DB_OK) *s = refund_list(req->db, id, append_refund, &rl);
    json_object_set_new(j, "refunds", rl.items);
    fd_money(j, "refunded", refunded);
    struct void_row v;
    enum db_status vs = *s == DB_OK ? bill_void_load(req->db, id, &v) : *s;
    if (vs == DB_OK) {
        json_t *x = json_object();
        fd_local_text(c, v.at, t);
        json_set_str(x, "at", t);
        json_set_str(x, "business_day", v.business_day);
        if (v.shift_id) json_set_int(x, "shift_id", v.shift_id);
        json_set_str(x, "reason", v.reason);
        json_set_str(x, "approved_by", v.approved_by);
        json_set_str(x, "by", v.by_user);
        json_object_set_new(j, "void", x);
        json_set_str(j, "status", "voided");
    } else if (vs == DB_NOT_FOUND) {
        json_object_set_new(j, "void", json_null());
        json_set_str(j, "status", "settled");
    } else
        *s = vs;
    int64_t stay_id = 0;
    if (*s == DB_OK) *s = bill_stay(req->db, id, &stay_id);
    if (stay_id) json_set_int(j, "stay_id", stay_id);
    if (*s != DB_OK) {
        json_decref(j);
        return NULL;
    }
    return j;
}

void fd_bills_get(struct request *req)
{
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    enum db_status s = db_begin_read(req->db);
    json_t *j = s == DB_OK ? bill_detail(req, &c, req_param_id(req, "id"), &s) : NULL;
    if (!j)
        reply_db_error(req, s, "账单", "bill");
    else
        reply_json(req, 200, j);
    fd_ctx_free(&c);
}

/* ---- the receipt ---- */

struct receipt_data {
    struct receipt_amount discounts[8];
    char discount_labels[8][128];
    int ndiscounts;
    struct receipt_amount refunds[32];
    char refund_labels[32][96];
    int nrefunds;
};

static bool receipt_discount(const struct bill_discount_row *d, void *ctx)
{
    struct receipt_data *r = ctx;
    if (r->ndiscounts == 8) return false;
    const char *label = strcmp(d->kind, "member") == 0     ? "会员折扣"
                        : strcmp(d->kind, "percent") == 0  ? "整单折扣"
                        : strcmp(d->kind, "coupon") == 0   ? "优惠券"
                        : strcmp(d->kind, "rounding") == 0 ? "抹零"
                                                           : "减免";
    snprintf(r->discount_labels[r->ndiscounts], sizeof r->discount_labels[0], "%s%s%s", label,
             d->code[0] ? " " : "", d->code);
    r->discounts[r->ndiscounts].label = r->discount_labels[r->ndiscounts];
    r->discounts[r->ndiscounts].fen = d->amount_fen;
    r->ndiscounts++;
    return true;
}

static bool receipt_refund(const struct refund_row *x, void *ctx)
{
    struct receipt_data *r = ctx;
    if (r->nrefunds == 32) return false;
    enum tender_method m;
    snprintf(r->refund_labels[r->nrefunds], sizeof r->refund_labels[0], "%s（%s）",
             strcmp(x->kind, "void") == 0 ? "作废退回" : "退款",
             tender_method_parse(x->method, &m) ? tender_method_label(m) : x->method);
    r->refunds[r->nrefunds].label = r->refund_labels[r->nrefunds];
    r->refunds[r->nrefunds].fen = x->amount_fen;
    r->nrefunds++;
    return true;
}

void fd_bills_receipt(struct request *req)
{
    struct fd_ctx c;
    if (!fd_ctx_load(req, &c)) return;
    int64_t id = req_param_id(req, "id");
    struct bill b;
    memset(&b, 0, sizeof b);
    struct receipt_data *rd = calloc(1, sizeof *rd);
    struct receipt_line *lines = NULL;
    struct tender_row rows[BILL_MAX_TENDERS];
    struct receipt_tender tenders[BILL_MAX_TENDERS];
    int n = 0;
    enum db_status s = rd ? db_begin_read(req->db) : DB_ERROR;
    if (s == DB_OK) s = bill_load(req->db, req->user.venue_id, id, &b);
    if (s == DB_OK) s = bill_tenders(req->db, id, rows, BILL_MAX_TENDERS, &n);
    if (s == DB_OK) s = bill_discount_list(req->db, id, receipt_discount, rd);
    if (s == DB_OK) s = refund_list(req->db, id, receipt_refund, rd);
    struct void_row v;
    enum db_status vs = s == DB_OK ? bill_void_load(req->db, id, &v) : s;
    if (vs != DB_OK && vs != DB_NOT_FOUND) s = vs;
    if (s == DB_OK && b.nlines && !(lines = calloc((size_t)b.nlines, sizeof *lines))) s = DB_ERROR;
    if (s != DB_OK) {
        reply_db_error(req, s, "账单", "bill");
        goto out;
    }
    for (int i = 0; i < b.nlines; i++)
        lines[i] = (struct receipt_line){b.lines[i].item, b.lines[i].qty, b.lines[i].amount_fen,
                                         strcmp(b.lines[i].kind, "goods") == 0};
    for (int i = 0; i < n; i++) {
        enum tender_method m;
        tenders[i] = (struct receipt_tender){
            tender_method_parse(rows[i].method, &m) ? tender_method_label(m) : rows[i].method,
            rows[i].amount_fen, rows[i].tendered_fen, rows[i].change_fen, rows[i].reference};
    }
    /* Imported bills may lack discount rows: show their total discount as one. */
    if (rd->ndiscounts == 0 && b.discount_fen > 0) {
        rd->discounts[0] = (struct receipt_amount){"优惠", b.discount_fen};
        rd->ndiscounts = 1;
    }
    char opened[20], closed[20], printed[20], room[300], masked[44], void_note[600] = "";
    fd_local_text(&c, b.opened_at, opened);
    fd_local_text(&c, b.closed_at, closed);
    fd_local_text(&c, c.now, printed);
    snprintf(room, sizeof room, "%s %s", b.room_no, b.room_type);
    fd_mask_phone(b.member_phone, masked);
    if (vs == DB_OK) {
        char at[20];
        fd_local_text(&c, v.at, at);
        snprintf(void_note, sizeof void_note, "%s 作废：%s（审批 %s）", at, v.reason,
                 v.approved_by);
    }
    struct receipt r = {
        c.venue.name,
        c.venue.address,
        c.venue.phone,
        b.bill_no,
        b.business_day,
        room,
        opened,
        closed,
        b.cashier,
        b.booker,
        masked,
        printed,
        lines,
        b.nlines,
        b.gross_fen,
        b.service_fen,
        b.total_fen,
        rd->discounts,
        rd->ndiscounts,
        tenders,
        n,
        vs == DB_OK || strcmp(b.status, "voided") == 0,
        void_note,
        rd->refunds,
        rd->nrefunds,
    };
    char *html = receipt_html(&r);
    if (!html)
        reply_internal(req);
    else
        reply_bytes(req, 200, "text/html; charset=utf-8", html, strlen(html), NULL);
out:
    free(lines);
    free(rd);
    bill_free_parts(&b);
    fd_ctx_free(&c);
}

/* ---- voids and refunds ---- */

struct after_sale {
    struct fd_ctx *c;
    json_t *body;
    int64_t bill_id;
    struct idem idem;
    struct approval approval;
    const char *reason, *reference;
    bool return_goods;
    struct {
        int seq;
        int64_t amount_fen;
        const char *method;
    } parts[BILL_MAX_TENDERS];
    int nparts;
};

/* Loads a front-desk bill that is not voided and the voiding/refunding cashier's shift;
 * replies and returns non-OK otherwise. */
static enum db_status after_sale_checks(struct request *req, struct after_sale *w, struct bill *b,
                                        int64_t *shift_id)
{
    enum db_status s = bill_load(req->db, req->user.venue_id, w->bill_id, b);
    if (s == DB_NOT_FOUND) {
        reply_error(req, 404, "not_found", NULL, "没有这张账单", "no such bill");
        return s;
    }
    if (s != DB_OK) return s;
    /* bill_load shows a front-desk void as status "voided" (from bill_voids); that case is
     * answered below as already voided, not as a bill from elsewhere. */
    if (strcmp(b->source, "pos") != 0 ||
        (strcmp(b->status, "settled") != 0 && strcmp(b->status, "voided") != 0)) {
        reply_error(req, 409, "not_pos_bill", NULL,
                    "只有前台结账的账单可以作废或退款（导入的账单请在原系统处理）",
                    "only bills settled at this front desk can be voided or refunded (imported "
                    "bills are corrected in their own system)");
        return DB_INVALID;
    }
    struct void_row v;
    s = bill_void_load(req->db, w->bill_id, &v);
    if (s == DB_OK) {
        reply_error(req, 409, "bill_voided", NULL, "这张账单已作废", "this bill is already voided");
        return DB_INVALID;
    }
    if (s != DB_NOT_FOUND) return s;
    s = shift_require_open(req->db, req->user.venue_id, req->user.id, shift_id);
    if (s == DB_NOT_FOUND) {
        reply_error(req, 409, "shift_required", NULL, "请先开班：退款必须记在一个当班班次里",
                    "open a shift first: every refund belongs to a cashier's shift");
        return DB_INVALID;
    }
    return s;
}

/* The approver must cover the amount given back with their role's refund limit. */
static bool refund_authorised(struct request *req, const struct after_sale *w, int64_t amount,
                              const char *what_zh, const char *what_en)
{
    char zh[1024], en[1024], a[32];
    money_format(amount, a);
    if (!w->approval.given) {
        snprintf(zh, sizeof zh, "%s %s 元", what_zh, a);
        snprintf(en, sizeof en, "%s of %s", what_en, a);
        fd_reply_approval_required(req, zh, en);
        return false;
    }
    if (w->approval.limits.refund_limit_fen < amount) {
        snprintf(zh, sizeof zh, "审批人 %s 无权审批%s %s 元", w->approval.username, what_zh, a);
        snprintf(en, sizeof en, "approver %s may not approve a %s of %s", w->approval.username,
                 what_en, a);
        reply_error(req, 403, "approval_denied", "approver_username", zh, en);
        return false;
    }
    return true;
}

/* Gives back `amount` of tender `t` as a refund row of `kind` (and to the member's balance
 * for stored value). */
static enum db_status give_back(struct request *req, struct after_sale *w, const struct bill *b,
                                const struct tender_row *t, int64_t amount, const char *method,
                                const char *kind, int64_t shift_id)
{
    struct refund_row r;
    memset(&r, 0, sizeof r);
    r.at = w->c->now;
    fd_bizday(w->c, w->c->now, r.business_day);
    r.shift_id = shift_id;
    snprintf(r.method, sizeof r.method, "%s", method);
    r.amount_fen = amount;
    snprintf(r.reason, sizeof r.reason, "%s", w->reason);
    snprintf(r.approved_by, sizeof r.approved_by, "%s", w->approval.username);
    snprintf(r.by_user, sizeof r.by_user, "%s", req->user.username);
    snprintf(r.kind, sizeof r.kind, "%s", kind);
    r.payment_seq = t->seq;
    snprintf(r.reference, sizeof r.reference, "%s", w->reference ? w->reference : "");
    enum db_status s = refund_insert(req->db, req->user.venue_id, b->id, &r);
    if (s != DB_OK) return s;
    /* A refund posts its entry here; a void's refunds post with the void (void_tx). */
    if (strcmp(t->method, "member") != 0)
        return strcmp(kind, "refund") == 0
                   ? finance_status_reply(req, finance_post_refund(req->db, req->user.venue_id,
                                                                   r.id, req->user.username))
                   : DB_OK;
    /* Stored value comes back in the mix it was taken (case M2). */
    int64_t member_id = 0;
    struct stored_value taken, returned, back;
    s = ledger_of_tender(req->db, b->id, t->seq, &member_id, &taken, &returned);
    if (s != DB_OK) return s == DB_NOT_FOUND ? DB_ERROR : s;
    if (!stored_value_give_back(&taken, &returned, amount, &back)) return DB_ERROR;
    struct ledger_entry e = {member_id, w->c->now, "",       kind,       back,
                             b->id,     t->seq,    shift_id, b->bill_no, req->user.username};
    snprintf(e.business_day, sizeof e.business_day, "%s", r.business_day);
    s = ledger_insert(req->db, &e);
    if (s == DB_OK && strcmp(kind, "refund") == 0)
        s = finance_status_reply(
            req, finance_post_refund(req->db, req->user.venue_id, r.id, req->user.username));
    return s;
}

struct goods_back {
    struct request *req;
    struct after_sale *w;
    const struct bill *b;
    struct consumption_row rows[64];
    int n;
};

static bool collect_consumption(const struct consumption_row *c, void *ctx)
{
    struct goods_back *g = ctx;
    if (strcmp(c->kind, "return") == 0 || g->n == 64) return true;
    g->rows[g->n++] = *c;
    return true;
}

static enum db_status void_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct after_sale *w = arg;
    enum db_status s;
    if (fd_idem_replay(req, &w->idem, out, &s)) return s;
    struct bill b;
    memset(&b, 0, sizeof b);
    int64_t shift_id = 0;
    struct tender_row rows[BILL_MAX_TENDERS];
    int n = 0;
    s = after_sale_checks(req, w, &b, &shift_id);
    if (s == DB_OK && !refund_authorised(req, w, b.total_fen, "作废账单", "void")) s = DB_INVALID;
    if (s == DB_OK) s = bill_tenders(req->db, w->bill_id, rows, BILL_MAX_TENDERS, &n);
    /* Each tender gives back what is left of it after earlier refunds. */
    for (int i = 0; s == DB_OK && i < n; i++) {
        int64_t left = settle_refundable(rows[i].amount_fen, rows[i].refunded_fen);
        if (left > 0) s = give_back(req, w, &b, &rows[i], left, rows[i].method, "void", shift_id);
    }
    if (s == DB_OK) {
        struct void_row v;
        memset(&v, 0, sizeof v);
        v.at = w->c->now;
        fd_bizday(w->c, w->c->now, v.business_day);
        v.shift_id = shift_id;
        snprintf(v.reason, sizeof v.reason, "%s", w->reason);
        snprintf(v.approved_by, sizeof v.approved_by, "%s", w->approval.username);
        snprintf(v.by_user, sizeof v.by_user, "%s", req->user.username);
        s = bill_void_insert(req->db, w->bill_id, &v);
    }
    if (s == DB_OK)
        s = finance_status_reply(
            req, finance_post_void(req->db, req->user.venue_id, w->bill_id, req->user.username));
    if (s == DB_OK && w->return_goods) {
        /* Unopened goods came back to the bar: the consumption is reversed, kind 'return'. */
        struct goods_back g = {req, w, &b, {{0}}, 0};
        char day[11];
        fd_bizday(w->c, w->c->now, day);
        s = consumption_of_bill(req->db, w->bill_id, collect_consumption, &g);
        for (int i = 0; s == DB_OK && i < g.n; i++)
            s = consumption_insert(req->db, req->user.venue_id, w->bill_id, g.rows[i].product_id,
                                   -g.rows[i].qty, "return", day, w->c->now);
    }
    if (s == DB_OK) {
        char subject[40];
        snprintf(subject, sizeof subject, "bill:%lld", (long long)w->bill_id);
        s = approval_insert(req->db, req->user.venue_id, "void", subject, b.total_fen,
                            req->user.username, w->approval.username, w->reason, w->c->now);
    }
    if (s == DB_OK) {
        out->body = bill_detail(req, w->c, w->bill_id, &s);
        out->status = 200;
    }
    if (s == DB_OK) {
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)w->bill_id);
        json_t *after =
            json_pack("{s:s,s:s,s:s,s:I}", "bill_no", b.bill_no, "reason", w->reason, "approved_by",
                      w->approval.username, "shift_id", (json_int_t)shift_id);
        s = audit_record(req->db, &a, "void", "bill", sid, NULL, after);
        json_decref(after);
    }
    if (s == DB_OK) s = fd_idem_store(req, &w->idem, out->status, out->body);
    bill_free_parts(&b);
    return s;
}

static bool read_after_sale(struct request *req, json_t *body, struct after_sale *w,
                            const char *verb)
{
    char endpoint[64];
    snprintf(endpoint, sizeof endpoint, "%s:%lld", verb, (long long)w->bill_id);
    return jfield_str(req, body, "reason", "原因", "reason", true, 100, &w->reason) &&
           jfield_str(req, body, "reference", "退款凭证号", "reference", false, 20,
                      &w->reference) &&
           fd_idem_prepare(req, body, false, endpoint, &w->idem) &&
           fd_approver(req, body, NULL, &w->approval);
}

void fd_bills_void(struct request *req)
{
    static const char *const fields[] = {"reason",
                                         "approver_username",
                                         "approver_password",
                                         "return_goods",
                                         "reference",
                                         "idempotency_key",
                                         NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    if (fd_ctx_load(req, &c)) {
        struct after_sale *w = calloc(1, sizeof *w);
        if (!w)
            reply_internal(req);
        else {
            w->c = &c;
            w->body = body;
            w->bill_id = req_param_id(req, "id");
            if (jfield_bool(req, body, "return_goods", "商品退回吧台", "goods back to the bar",
                            false, &w->return_goods) &&
                read_after_sale(req, body, w, "void"))
                fd_run_write(req, void_tx, w, "账单", "bill");
        }
        free(w);
        fd_ctx_free(&c);
    }
    json_decref(body);
}

static enum db_status refund_tx(struct request *req, void *arg, struct fd_reply *out)
{
    struct after_sale *w = arg;
    enum db_status s;
    if (fd_idem_replay(req, &w->idem, out, &s)) return s;
    struct bill b;
    memset(&b, 0, sizeof b);
    int64_t shift_id = 0, total = 0;
    struct tender_row rows[BILL_MAX_TENDERS];
    int n = 0;
    s = after_sale_checks(req, w, &b, &shift_id);
    if (s == DB_OK) s = bill_tenders(req->db, w->bill_id, rows, BILL_MAX_TENDERS, &n);
    for (int i = 0; s == DB_OK && i < w->nparts; i++) {
        char f[48];
        snprintf(f, sizeof f, "tenders[%d].payment_seq", i);
        struct tender_row *t = NULL;
        for (int k = 0; k < n; k++)
            if (rows[k].seq == w->parts[i].seq) t = &rows[k];
        if (!t) {
            reply_error(req, 400, "invalid_field", f, "这张账单没有这笔付款",
                        "the bill has no such tender");
            s = DB_INVALID;
            break;
        }
        int64_t left = settle_refundable(t->amount_fen, t->refunded_fen);
        if (w->parts[i].amount_fen > left) {
            char a[32], zh[200], en[200];
            money_format(left, a);
            snprintf(f, sizeof f, "tenders[%d].amount_fen", i);
            snprintf(zh, sizeof zh, "这笔付款最多还能退 %s 元", a);
            snprintf(en, sizeof en, "at most %s of this tender can still be refunded", a);
            reply_error(req, 409, "refund_too_much", f, zh, en);
            s = DB_INVALID;
            break;
        }
        t->refunded_fen += w->parts[i].amount_fen; /* a second part of the same tender */
        total += w->parts[i].amount_fen;
        /* Money may go back by another channel (case S7: card sale refunded in cash), except
         * stored value, which goes back to the balance it came from. */
        const char *method = w->parts[i].method ? w->parts[i].method : t->method;
        enum tender_method m;
        bool member = strcmp(t->method, "member") == 0;
        if (!tender_method_parse(method, &m) || m == TENDER_VOUCHER || m == TENDER_CREDIT ||
            (member != (m == TENDER_MEMBER))) {
            snprintf(f, sizeof f, "tenders[%d].method", i);
            reply_error(req, 400, "invalid_field", f,
                        "退款方式应为 cash、wechat、alipay 或 card；储值付款只能退回会员余额",
                        "a refund goes back by cash, wechat, alipay or card; stored value goes "
                        "back to the balance");
            s = DB_INVALID;
            break;
        }
        w->parts[i].method = method;
    }
    if (s == DB_OK && !refund_authorised(req, w, total, "退款", "refund")) s = DB_INVALID;
    for (int i = 0; s == DB_OK && i < w->nparts; i++) {
        struct tender_row *t = NULL;
        for (int k = 0; k < n; k++)
            if (rows[k].seq == w->parts[i].seq) t = &rows[k];
        s = give_back(req, w, &b, t, w->parts[i].amount_fen, w->parts[i].method, "refund",
                      shift_id);
    }
    if (s == DB_OK) {
        char subject[40];
        snprintf(subject, sizeof subject, "bill:%lld", (long long)w->bill_id);
        s = approval_insert(req->db, req->user.venue_id, "refund", subject, total,
                            req->user.username, w->approval.username, w->reason, w->c->now);
    }
    if (s == DB_OK) {
        out->body = bill_detail(req, w->c, w->bill_id, &s);
        out->status = 201;
    }
    if (s == DB_OK) {
        struct actor a = actor_of(req);
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", (long long)w->bill_id);
        json_t *after = json_pack("{s:s,s:I,s:s,s:s,s:I}", "bill_no", b.bill_no, "amount_fen",
                                  (json_int_t)total, "reason", w->reason, "approved_by",
                                  w->approval.username, "shift_id", (json_int_t)shift_id);
        s = audit_record(req->db, &a, "refund", "bill", sid, NULL, after);
        json_decref(after);
    }
    if (s == DB_OK) s = fd_idem_store(req, &w->idem, out->status, out->body);
    bill_free_parts(&b);
    return s;
}

void fd_bills_refund(struct request *req)
{
    static const char *const fields[] = {
        "tenders",         "reason", "approver_username", "approver_password", "reference",
        "idempotency_key", NULL};
    static const char *const part_fields[] = {"payment_seq", "amount_fen", "method", NULL};
    json_t *body = req_json_object(req, fields);
    if (!body) return;
    struct fd_ctx c;
    struct after_sale *w = NULL;
    if (!fd_ctx_load(req, &c)) goto out;
    w = calloc(1, sizeof *w);
    if (!w) {
        reply_internal(req);
        goto done;
    }
    w->c = &c;
    w->body = body;
    w->bill_id = req_param_id(req, "id");
    json_t *arr = json_object_get(body, "tenders");
    if (!json_is_array(arr) || json_array_size(arr) == 0 ||
        json_array_size(arr) > BILL_MAX_TENDERS) {
        reply_error(req, 400, "invalid_field", "tenders",
                    "退款明细：应为 1 到 16 笔 {payment_seq, amount_fen} 的数组",
                    "tenders: an array of 1 to 16 {payment_seq, amount_fen}");
        goto done;
    }
    size_t i;
    json_t *o;
    json_array_foreach(arr, i, o)
    {
        char path[32], f1[48], f2[48], f3[48];
        snprintf(path, sizeof path, "tenders[%zu]", i);
        snprintf(f1, sizeof f1, "%s.payment_seq", path);
        snprintf(f2, sizeof f2, "%s.amount_fen", path);
        snprintf(f3, sizeof f3, "%s.method", path);
        int64_t seq = 0;
        if (!fd_keys(req, o, path, part_fields) ||
            !fd_int(req, o, "payment_seq", f1, "付款序号", "tender", true, 1, 1000, &seq) ||
            !fd_fen(req, o, "amount_fen", f2, "退款金额", "refund amount", true, MONEY_MAX_FEN,
                    &w->parts[i].amount_fen) ||
            !fd_str(req, o, "method", f3, "退款方式", "refund method", false, 12,
                    &w->parts[i].method))
            goto done;
        if (w->parts[i].amount_fen <= 0) {
            reply_error(req, 400, "invalid_field", f2, "退款金额须大于 0",
                        "a refund is more than 0");
            goto done;
        }
        w->parts[i].seq = (int)seq;
        w->nparts++;
    }
    if (read_after_sale(req, body, w, "refund")) fd_run_write(req, refund_tx, w, "账单", "bill");
done:
    fd_ctx_free(&c);
out:
    free(w);
    json_decref(body);
}

/* ---- members at the till ---- */

/* GET /api/v1/frontdesk/members?phone=...: the member's level, discount and balance. */
void fd_members_lookup(struct request *req)
{
    const char *phone = req_query(req, "phone");
    if (!phone || strlen(phone) < 5 || strlen(phone) > 20) {
        reply_error(req, 400, "invalid_field", "phone", "请输入会员手机号",
                    "give the member's phone number");
        return;
    }
    struct member m;
    enum db_status s = member_find(req->db, req->user.venue_id, phone, &m);
    if (s == DB_NOT_FOUND) {
        reply_error(req, 404, "not_found", "phone", "没有这个会员", "no such member");
        return;
    }
    if (s != DB_OK) {
        reply_db_error(req, s, "会员", "member");
        return;
    }
    json_t *j = json_object();
    char masked[44];
    fd_mask_phone(m.phone, masked);
    json_set_int(j, "id", m.id);
    json_set_str(j, "phone", masked);
    json_set_str(j, "name", m.name);
    json_set_str(j, "level", m.level);
    json_set_int(j, "discount_bp", m.discount_bp);
    json_object_set_new(j, "active", json_boolean(m.active));
    fd_money(j, "principal", m.balance.principal_fen);
    fd_money(j, "bonus", m.balance.bonus_fen);
    fd_money(j, "balance", m.balance.principal_fen + m.balance.bonus_fen);
    reply_json(req, 200, j);
}
