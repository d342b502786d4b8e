/* test_sv_api.c: stored value (储值) through the real server: members and their masked phones,
 * top-ups with the offer's bonus (充送) or a bonus by hand within a limit, cases M1 and M2 of
 * money-path.md through the API with the books beside them, cash top-ups and refunds in the
 * cashier's drawer (expected cash at close), refunds of principal only with a manager's
 * approval, the month-end liability report against the books, a locked day, bad input.
 *
 * Every step runs on today's business day, so the day's and the month's report hold exactly
 * what this file did; the hand-computed figures are beside each check. */
#include "frontdesk/fixture.h"

static struct client admin, cashier, cashier2, manager, finance;
static char today[11];
static int64_t member_a, member_b, member_c, member_d, member_e;

#define MANAGER ",\"approver_username\":\"manager1\",\"approver_password\":\"manager-pass-1\""

/* The sum of a journal entry's lines on an account (system key), for the entry posted from
 * source kind/id; 0 when there is none. */
static int64_t posted(const char *kind, int64_t id, const char *account)
{
    return fx_sql_int("SELECT coalesce(sum(l.amount_fen), 0) FROM journal_lines l "
                      "JOIN journal_entries e ON e.id = l.entry_id "
                      "JOIN accounts a ON a.id = l.account_id "
                      "WHERE e.source_kind = '%s' AND e.source_id = %lld AND a.system_key = '%s'",
                      kind, (long long)id, account);
}

/* The balance of an account (debits - credits) over every entry. */
static int64_t account(const char *key)
{
    return fx_sql_int("SELECT coalesce(sum(l.amount_fen), 0) FROM journal_lines l "
                      "JOIN accounts a ON a.id = l.account_id WHERE a.system_key = '%s'",
                      key);
}

static int64_t count_of(const char *table)
{
    return fx_sql_int("SELECT count(*) FROM %s", table);
}

static int64_t add_member(const char *phone, const char *name)
{
    json_t *j = POST(&admin, 201, "/api/v1/members",
                     "{\"phone\":\"%s\",\"name\":\"%s\",\"level\":\"金卡\"}", phone, name);
    return fx_id(j);
}

/* A top-up that must succeed; returns its id. extra: more fields (",\"bonus_fen\":0"). */
static int64_t topup(struct client *c, int64_t member, int64_t amount, const char *method,
                     const char *key, const char *extra)
{
    json_t *j = POST(c, 201, fx_path("members", member, "/topups"),
                     "{\"amount_fen\":%lld,\"method\":\"%s\",\"idempotency_key\":\"%s\"%s}",
                     (long long)amount, method, key, extra ? extra : "");
    int64_t id = jint(j, "topup.id");
    if (!today[0]) snprintf(today, sizeof today, "%s", jstr(j, "topup.business_day"));
    json_decref(j);
    return id;
}

static int64_t balance_of(int64_t member, const char *part)
{
    json_t *j = GET(&manager, 200, fx_path("members", member, ""));
    int64_t v = jint(j, part);
    json_decref(j);
    return v;
}

/* ---- offers ---- */

static void offers(void)
{
    json_decref(POST(&admin, 201, "/api/v1/members/sv-rules",
                     "{\"name\":\"充1000送200\",\"threshold_fen\":100000,\"bonus_fen\":20000}"));
    json_t *r = POST(&finance, 201, "/api/v1/members/sv-rules",
                     "{\"name\":\"充2000送500\",\"threshold_fen\":200000,\"bonus_fen\":50000}");
    CHECK_INT(jint(r, "bonus_fen"), 50000);
    CHECK(json_is_true(jget(r, "in_force")));
    int64_t id = jint(r, "id");
    json_decref(r);
    /* A cashier sees the offers but may not add one. */
    json_t *e = POST(&cashier, 403, "/api/v1/members/sv-rules",
                     "{\"threshold_fen\":50000,\"bonus_fen\":5000}");
    json_decref(e);
    /* A bonus above the threshold is a typo; the amounts of an offer never change. */
    e = POST(&admin, 400, "/api/v1/members/sv-rules", "{\"threshold_fen\":50000,\"bonus_fen\":50001}");
    CHECK_STR(jstr(e, "error.field"), "bonus_fen");
    json_decref(e);
    e = PUT(&admin, 400, fx_path("members/sv-rules", id, ""), "{\"bonus_fen\":60000}");
    CHECK_STR(jerr(e), "rule_fixed");
    json_decref(e);
    /* Offers of a future month do not count today. */
    json_decref(POST(&admin, 201, "/api/v1/members/sv-rules",
                     "{\"name\":\"未来\",\"threshold_fen\":100000,\"bonus_fen\":90000,"
                     "\"effective_from\":\"2999-01-01\"}"));
    json_t *list = GET(&cashier, 200, "/api/v1/members/sv-rules");
    CHECK_INT(json_array_size(jget(list, "rules")), 3);
    CHECK_INT(jint(list, "my_bonus_limit_bp"), 0);
    json_decref(list);
    /* What the offers give: 999.99 none, 1,000.00 200.00, 1,999.99 200.00, 2,000.00 500.00. */
    struct {
        int64_t amount, bonus;
    } q[] = {{99999, 0}, {100000, 20000}, {199999, 20000}, {200000, 50000}, {500000, 50000}};
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        char path[80];
        snprintf(path, sizeof path, "/api/v1/members/sv-quote?amount_fen=%lld",
                 (long long)q[i].amount);
        json_t *j = GET(&cashier, 200, path);
        CHECK_INT(jint(j, "bonus_fen"), q[i].bonus);
        json_decref(j);
    }
    json_decref(GET(&cashier, 400, "/api/v1/members/sv-quote?amount_fen=12.5"));
}

/* ---- members ---- */

static void members_and_phones(void)
{
    json_t *m = POST(&admin, 201, "/api/v1/members",
                     "{\"phone\":\"13800138000\",\"name\":\"王先生\",\"level\":\"金卡\","
                     "\"discount_bp\":9000}");
    member_a = jint(m, "id");
    CHECK_STR(jstr(m, "phone"), "13800138000");
    CHECK_INT(jint(m, "balance_fen"), 0);
    json_decref(m);
    json_t *e = POST(&admin, 409, "/api/v1/members", "{\"phone\":\"13800138000\"}");
    CHECK_STR(jerr(e), "phone_taken");
    json_decref(e);
    e = POST(&admin, 400, "/api/v1/members", "{\"phone\":\"138-0013-8000\"}");
    CHECK_STR(jstr(e, "error.field"), "phone");
    json_decref(e);
    e = POST(&admin, 400, "/api/v1/members", "{\"phone\":\"13900000000\",\"discount_bp\":10001}");
    CHECK_STR(jstr(e, "error.field"), "discount_bp");
    json_decref(e);
    e = POST(&admin, 400, "/api/v1/members", "{\"phone\":\"13900000000\",\"balance_fen\":100}");
    CHECK_STR(jerr(e), "unknown_field");
    json_decref(e);
    /* A cashier reads members (crm read) but does not keep them; phones are masked for those
     * who do not keep member records, finance included. */
    json_decref(POST(&cashier, 403, "/api/v1/members", "{\"phone\":\"13900000000\"}"));
    json_t *l = GET(&cashier, 200, "/api/v1/members?q=8000");
    CHECK_INT(jint(l, "total"), 1);
    CHECK_STR(jstr(l, "items[0].phone"), "138****8000");
    CHECK(json_is_true(jget(l, "phone_masked")));
    json_decref(l);
    l = GET(&finance, 200, "/api/v1/members");
    CHECK_STR(jstr(l, "items[0].phone"), "138****8000");
    json_decref(l);
    l = GET(&manager, 200, "/api/v1/members?q=%E7%8E%8B"); /* 王 */
    CHECK_INT(jint(l, "total"), 1);
    CHECK_STR(jstr(l, "items[0].phone"), "13800138000");
    json_decref(l);
    json_decref(GET(&manager, 400, "/api/v1/members?sort=password"));
    json_decref(GET(&manager, 400, "/api/v1/members?page_size=501"));
    /* Edit: name, level, discount; the phone stays. */
    m = PUT(&manager, 200, fx_path("members", member_a, ""),
            "{\"name\":\"王总\",\"level\":\"钻石卡\",\"discount_bp\":10000}");
    CHECK_STR(jstr(m, "name"), "王总");
    CHECK_STR(jstr(m, "level"), "钻石卡");
    json_decref(m);
    e = PUT(&manager, 400, fx_path("members", member_a, ""), "{\"phone\":\"13800138001\"}");
    CHECK_STR(jstr(e, "error.field"), "phone");
    json_decref(e);
    json_decref(GET(&manager, 404, "/api/v1/members/999999"));
    CHECK_INT(fx_sql_int("SELECT count(*) FROM audit_log WHERE entity = 'member'"), 2);
}

/* ---- M1 and M2 ---- */

/* Checks out a stay of member phone with one 果盘套装 (228.00) less 28.00: 200.00 from the
 * balance. Returns the bill id. */
static int64_t pay_200_from_balance(const char *phone, const char *room, const char *key)
{
    char extra[80];
    snprintf(extra, sizeof extra, ",\"member_phone\":\"%s\"", phone);
    int64_t stay = fx_open(&admin, room, NULL, extra);
    fx_order(&admin, stay, fx_platter, 1);
    json_t *b = POST(&admin, 201, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"%s\","
                     "\"discounts\":{\"fixed_fen\":2800,\"reason\":\"老客优惠\"},"
                     "\"payments\":[{\"method\":\"member\",\"amount_fen\":20000}]}",
                     key);
    CHECK_INT(jint(b, "gross_fen"), 22800);
    CHECK_INT(jint(b, "total_fen"), 20000);
    int64_t bill = jint(b, "bill_id");
    json_decref(b);
    return bill;
}

/* M1: balance 1,000.00 (a top-up of 1,000.00 with no bonus: the guest took none); bill 228.00
 * with a 28.00 discount paid from the balance: 800.00 left, and the books' stored-value
 * principal moved by exactly 200.00 (not 228.00). M2: voiding that bill gives the 200.00 back
 * to the balance and to the liability. */
static void m1_m2_through_the_api(void)
{
    int64_t t = topup(&cashier, member_a, 100000, "wechat", "m1-topup-a", ",\"bonus_fen\":0");
    CHECK_INT(balance_of(member_a, "balance_fen"), 100000);
    CHECK_INT(balance_of(member_a, "principal_fen"), 100000);
    /* The top-up: WeChat clearing +1,000.00, stored value principal -1,000.00; nothing else. */
    CHECK_INT(posted("topup", t, "clr_wechat"), 100000);
    CHECK_INT(posted("topup", t, "sv_principal"), -100000);
    CHECK_INT(posted("topup", t, "sv_bonus"), 0);
    CHECK_INT(posted("topup", t, "exp_sv_bonus"), 0);

    int64_t bill = pay_200_from_balance("13800138000", "A01", "m1-checkout-a");
    CHECK_INT(balance_of(member_a, "balance_fen"), 80000);
    /* The bill's entry takes 200.00 off the liability, never 228.00. */
    CHECK_INT(posted("bill", bill, "sv_principal"), 20000);
    CHECK_INT(posted("bill", bill, "sv_bonus"), 0);
    CHECK_INT(account("sv_principal"), -80000);
    /* The history: the payment with its bill number and the running balance. */
    json_t *h = GET(&cashier, 200, fx_path("members", member_a, "/ledger"));
    CHECK_INT(jint(h, "total"), 2);
    CHECK_STR(jstr(h, "items[0].kind"), "pay");
    CHECK_INT(jint(h, "items[0].amount_fen"), -20000);
    CHECK_INT(jint(h, "items[0].balance_after_fen"), 80000);
    CHECK(jstr(h, "items[0].bill_no")[0] != 0);
    CHECK_STR(jstr(h, "items[1].kind"), "topup");
    CHECK_STR(jstr(h, "items[1].method"), "wechat");
    CHECK_INT(jint(h, "items[1].balance_after_fen"), 100000);
    json_decref(h);

    /* M2 */
    json_t *v = POST(&admin, 200, fx_path("bills", bill, "/void"), "{\"reason\":\"结错账\"" MANAGER "}");
    CHECK_STR(jstr(v, "status"), "voided");
    json_decref(v);
    CHECK_INT(balance_of(member_a, "balance_fen"), 100000);
    CHECK_INT(posted("void", bill, "sv_principal"), -20000);
    CHECK_INT(account("sv_principal"), -100000);

    /* With a bonus: 1,000.00 by the offer (+200.00). The top-up posts tender +1,000.00,
     * principal -1,000.00, bonus cost +200.00, bonus liability -200.00. Paying 200.00 takes the
     * bonus in proportion: 200 x 200/1,200 = 33.333 -> 33.33, principal 166.67. */
    member_b = add_member("13800000002", "李女士");
    t = topup(&cashier, member_b, 100000, "wechat", "m1-topup-b", NULL);
    CHECK_INT(posted("topup", t, "clr_wechat"), 100000);
    CHECK_INT(posted("topup", t, "sv_principal"), -100000);
    CHECK_INT(posted("topup", t, "sv_bonus"), -20000);
    CHECK_INT(posted("topup", t, "exp_sv_bonus"), 20000);
    CHECK_INT(balance_of(member_b, "bonus_fen"), 20000);
    bill = pay_200_from_balance("13800000002", "A02", "m1-checkout-b");
    CHECK_INT(posted("bill", bill, "sv_principal"), 16667);
    CHECK_INT(posted("bill", bill, "sv_bonus"), 3333);
    CHECK_INT(balance_of(member_b, "principal_fen"), 83333);
    CHECK_INT(balance_of(member_b, "bonus_fen"), 16667);
    /* A top-up is never revenue. */
    CHECK_INT(fx_sql_int("SELECT count(*) FROM journal_lines l JOIN journal_entries e ON "
                         "e.id = l.entry_id JOIN accounts a ON a.id = l.account_id WHERE "
                         "e.source_kind IN ('topup', 'sv_refund') AND a.type = 'revenue'"),
              0);
}

/* ---- the bonus by hand, idempotency, bad input ---- */

static void topup_authority_and_input(void)
{
    member_e = add_member("13800000005", "赵先生");
    const char *path = fx_path("members", member_e, "/topups");
    int64_t before = count_of("member_topups"), ledger = count_of("member_ledger");
    /* 300.00 on 1,000.00 where the offer gives 200.00: beyond a cashier (0 %). */
    json_t *e = POST(&cashier, 403, path,
                     "{\"amount_fen\":100000,\"method\":\"cash\",\"bonus_fen\":30000,"
                     "\"idempotency_key\":\"manual-bonus-1\"}");
    CHECK_STR(jerr(e), "approval_required");
    json_decref(e);
    e = POST(&cashier, 403, path,
             "{\"amount_fen\":100000,\"method\":\"wechat\",\"bonus_fen\":30000,"
             "\"idempotency_key\":\"manual-bonus-2\",\"approver_username\":\"cashier2\","
             "\"approver_password\":\"cashier-pass-2\"}");
    CHECK_STR(jerr(e), "approval_denied");
    json_decref(e);
    CHECK_INT(count_of("member_topups"), before);
    CHECK_INT(count_of("member_ledger"), ledger);
    /* A manager may give 30 % of 1,000.00 = 300.00. */
    json_t *r = POST(&cashier, 201, path,
                     "{\"amount_fen\":100000,\"method\":\"wechat\",\"bonus_fen\":30000,"
                     "\"reference\":\"4200001234\",\"idempotency_key\":\"manual-bonus-3\"" MANAGER
                     "}");
    CHECK_INT(jint(r, "topup.bonus_fen"), 30000);
    CHECK_STR(jstr(r, "topup.bonus_source"), "manual");
    CHECK_STR(jstr(r, "topup.approved_by"), "manager1");
    CHECK_INT(jint(r, "member.balance_fen"), 130000);
    json_decref(r);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM approvals WHERE kind = 'sv_bonus'"), 1);
    /* The same request again (a retried click) tops up nothing more; the key with another
     * request is refused. */
    r = POST(&cashier, 201, path,
             "{\"amount_fen\":100000,\"method\":\"wechat\",\"bonus_fen\":30000,"
             "\"reference\":\"4200001234\",\"idempotency_key\":\"manual-bonus-3\"" MANAGER "}");
    CHECK(json_is_true(jget(r, "replayed")));
    json_decref(r);
    e = POST(&cashier, 422, path,
             "{\"amount_fen\":200000,\"method\":\"wechat\",\"idempotency_key\":\"manual-bonus-3\"}");
    CHECK_STR(jerr(e), "idempotency_mismatch");
    json_decref(e);
    CHECK_INT(count_of("member_topups"), before + 1);
    /* Finance has no shift: WeChat is fine (no shift tagged), cash needs a drawer. */
    e = POST(&finance, 409, path,
             "{\"amount_fen\":100000,\"method\":\"cash\",\"idempotency_key\":\"fin-cash-1\"}");
    CHECK_STR(jerr(e), "shift_required");
    json_decref(e);
    r = POST(&finance, 201, path,
             "{\"amount_fen\":100000,\"method\":\"wechat\",\"idempotency_key\":\"fin-wechat-1\"}");
    CHECK(json_is_null(jget(r, "topup.shift_id")));
    CHECK_INT(jint(r, "topup.bonus_fen"), 20000); /* the offer */
    CHECK_STR(jstr(r, "topup.bonus_source"), "rule");
    json_decref(r);
    /* Bad input: 400 naming the field, nothing written. */
    before = count_of("member_topups");
    struct {
        const char *body, *field;
    } bad[] = {
        {"{\"amount_fen\":\"1000.00\",\"method\":\"cash\",\"idempotency_key\":\"bad-00001\"}",
         "amount_fen"},
        {"{\"amount_fen\":1000.5,\"method\":\"cash\",\"idempotency_key\":\"bad-00002\"}",
         "amount_fen"},
        {"{\"amount_fen\":0,\"method\":\"cash\",\"idempotency_key\":\"bad-00003\"}", "amount_fen"},
        {"{\"amount_fen\":100000000001,\"method\":\"cash\",\"idempotency_key\":\"bad-00004\"}",
         "amount_fen"},
        {"{\"amount_fen\":1000,\"method\":\"member\",\"idempotency_key\":\"bad-00005\"}",
         "method"},
        {"{\"amount_fen\":1000,\"idempotency_key\":\"bad-00006\"}", "method"},
        {"{\"amount_fen\":1000,\"method\":\"cash\"}", "idempotency_key"},
        {"{\"amount_fen\":1000,\"method\":\"cash\",\"bonus_fen\":1001,"
         "\"idempotency_key\":\"bad-00007\"}",
         "bonus_fen"},
        {"{\"amount_fen\":1000,\"method\":\"cash\",\"bonus_fen\":-1,"
         "\"idempotency_key\":\"bad-00008\"}",
         "bonus_fen"},
        {"{\"amount_fen\":1000,\"method\":\"cash\",\"idempotency_key\":\"bad key!\"}",
         "idempotency_key"},
        {"{\"amount_fen\":1000,\"method\":\"cash\",\"idempotency_key\":\"bad-00009\","
         "\"approver_username\":\"manager1\"}",
         "approver_password"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        e = POST(&cashier, 400, path, "%s", bad[i].body);
        if (strcmp(jstr(e, "error.field"), bad[i].field) != 0)
            harness_fail(__FILE__, __LINE__, "case %zu: field %s, expected %s", i,
                         jstr(e, "error.field"), bad[i].field);
        json_decref(e);
    }
    e = POST(&cashier, 400, path,
             "{\"amount_fen\":1000,\"method\":\"cash\",\"idempotency_key\":\"bad-00010\","
             "\"note\":\"x\"}");
    CHECK_STR(jerr(e), "unknown_field");
    json_decref(e);
    json_decref(POST(&cashier, 404, "/api/v1/members/999999/topups",
                     "{\"amount_fen\":1000,\"method\":\"wechat\",\"idempotency_key\":\"bad-00011\"}"));
    CHECK_INT(count_of("member_topups"), before);
    /* A deactivated member takes no top-up. */
    int64_t f = add_member("13800000006", "停用会员");
    json_decref(PUT(&manager, 200, fx_path("members", f, ""), "{\"active\":false}"));
    e = POST(&cashier, 409, fx_path("members", f, "/topups"),
             "{\"amount_fen\":1000,\"method\":\"wechat\",\"idempotency_key\":\"inactive-1\"}");
    CHECK_STR(jerr(e), "member_inactive");
    json_decref(e);
}

/* ---- cash in the drawer ---- */

/* Shift of cashier2 opened with 100.00: a cash top-up of 500.00 (below every offer: no bonus)
 * and a cash refund of 100.00 of principal: expected cash 100 + 500 - 100 = 500.00, both on
 * their own lines of the X report and never in its takings; counting 500.00 closes even, and
 * the drawer account of the shift holds exactly that. */
static void cash_topups_and_refunds_in_the_drawer(void)
{
    json_t *o = POST(&cashier2, 201, "/api/v1/shifts",
                     "{\"opening_count\":[{\"denomination_fen\":10000,\"pieces\":1}]}");
    int64_t shift = jint(o, "shift.id");
    json_decref(o);
    member_c = add_member("13800000003", "张先生");
    int64_t t = topup(&cashier2, member_c, 50000, "cash", "cash-topup-c", NULL);
    CHECK_INT(fx_sql_int("SELECT shift_id FROM member_topups WHERE id = %lld", (long long)t),
              shift);
    CHECK_INT(posted("topup", t, "drawer"), 50000);
    CHECK_INT(posted("topup", t, "sv_bonus"), 0);
    const char *x = fx_path("shifts", shift, "/x-report");
    json_t *r = GET(&manager, 200, x);
    CHECK_INT(jint(r, "cash.sv_topups_fen"), 50000);
    CHECK_INT(jint(r, "cash.expected_fen"), 60000);
    CHECK_INT(jint(r, "cash.sales_fen"), 0);
    CHECK_INT(jint(r, "payments_total_fen"), 0); /* a top-up is not takings */
    CHECK_INT(json_array_size(jget(r, "cash_items.sv_topups")), 1);
    json_decref(r);
    /* The cashier's own blind X report shows none of it. */
    r = GET(&cashier2, 200, x);
    CHECK(jget(r, "cash.sv_topups_fen") == NULL);
    CHECK(jget(r, "cash.expected_fen") == NULL);
    json_decref(r);
    json_t *d = POST(&cashier2, 201, fx_path("members", member_c, "/refunds"),
                     "{\"principal_fen\":10000,\"method\":\"cash\",\"reason\":\"客人要求退回部分\""
                     MANAGER "}");
    int64_t refund = jint(d, "refund.id");
    CHECK_INT(jint(d, "refund.bonus_forfeited_fen"), 0);
    CHECK_INT(jint(d, "refund.shift_id"), shift);
    CHECK_INT(jint(d, "member.principal_fen"), 40000);
    json_decref(d);
    CHECK_INT(posted("sv_refund", refund, "drawer"), -10000);
    CHECK_INT(posted("sv_refund", refund, "sv_principal"), 10000);
    r = GET(&manager, 200, x);
    CHECK_INT(jint(r, "cash.sv_refunds_fen"), 10000);
    CHECK_INT(jint(r, "cash.expected_fen"), 50000);
    json_decref(r);
    /* Close counting 5 x 100.00: even. */
    r = POST(&cashier2, 200, fx_path("shifts", shift, "/close"),
             "{\"closing_count\":[{\"denomination_fen\":10000,\"pieces\":5}]}");
    json_decref(r);
    CHECK_INT(fx_sql_int("SELECT expected_fen FROM shifts WHERE id = %lld", (long long)shift),
              50000);
    CHECK_INT(fx_sql_int("SELECT difference_fen FROM shifts WHERE id = %lld", (long long)shift),
              0);
    CHECK_INT(fx_sql_int("SELECT json_extract(z_report, '$.cash.sv_topups_fen') FROM shifts "
                         "WHERE id = %lld",
                         (long long)shift),
              50000);
    /* The drawer of the shift in the books: float 100.00 + 500.00 - 100.00. */
    CHECK_INT(fx_sql_int("SELECT coalesce(sum(l.amount_fen), 0) FROM journal_lines l JOIN "
                         "accounts a ON a.id = l.account_id WHERE a.system_key = 'drawer' AND "
                         "l.party = '%lld'",
                         (long long)shift),
              50000);
    /* A closed shift takes no more cash. */
    json_t *e = POST(&cashier2, 409, fx_path("members", member_c, "/topups"),
                     "{\"amount_fen\":1000,\"method\":\"cash\",\"idempotency_key\":\"closed-1\"}");
    CHECK_STR(jerr(e), "shift_required");
    json_decref(e);
}

/* ---- refunds of principal ---- */

/* Member D: 1,000.00 + 200.00 by the offer. 300.00 back by WeChat (the bonus stays), then the
 * other 700.00 by Alipay: the 200.00 of bonus is forfeited with it. */
static void refunds_of_principal(void)
{
    member_d = add_member("13800000004", "周女士");
    topup(&cashier, member_d, 100000, "wechat", "refund-topup-d", NULL);
    const char *path = fx_path("members", member_d, "/refunds");
    int64_t before = count_of("member_sv_refunds"), ledger = count_of("member_ledger");
    /* A cashier cannot refund without a manager; another cashier is no manager; a manager does
     * not approve their own refund. */
    json_t *e = POST(&cashier, 403, path,
                     "{\"principal_fen\":30000,\"method\":\"wechat\",\"reason\":\"退卡\"}");
    CHECK_STR(jerr(e), "approval_required");
    json_decref(e);
    e = POST(&cashier, 403, path,
             "{\"principal_fen\":30000,\"method\":\"wechat\",\"reason\":\"退卡\","
             "\"approver_username\":\"cashier2\",\"approver_password\":\"cashier-pass-2\"}");
    CHECK_STR(jerr(e), "approval_denied");
    json_decref(e);
    e = POST(&manager, 403, path,
             "{\"principal_fen\":30000,\"method\":\"wechat\",\"reason\":\"退卡\"" MANAGER "}");
    CHECK_STR(jerr(e), "approval_denied");
    json_decref(e);
    /* Never more than the principal (1,000.00): the bonus is not paid out. */
    e = POST(&cashier, 409, path,
             "{\"principal_fen\":100001,\"method\":\"wechat\",\"reason\":\"退卡\"" MANAGER "}");
    CHECK_STR(jerr(e), "refund_too_much");
    CHECK_STR(jstr(e, "error.field"), "principal_fen");
    json_decref(e);
    e = POST(&cashier, 400, path, "{\"principal_fen\":30000,\"method\":\"wechat\"" MANAGER "}");
    CHECK_STR(jstr(e, "error.field"), "reason");
    json_decref(e);
    e = POST(&cashier, 400, path,
             "{\"principal_fen\":30000,\"method\":\"member\",\"reason\":\"x\"" MANAGER "}");
    CHECK_STR(jstr(e, "error.field"), "method");
    json_decref(e);
    CHECK_INT(count_of("member_sv_refunds"), before);
    CHECK_INT(count_of("member_ledger"), ledger);

    json_t *r = POST(&cashier, 201, path,
                     "{\"principal_fen\":30000,\"method\":\"wechat\",\"reason\":\"退部分\","
                     "\"idempotency_key\":\"sv-refund-d-1\"" MANAGER "}");
    /* 300.00 of the 1,000.00 principal: the bonus given with it leaves in proportion,
     * 200.00 x 3/10 = 60.00 (back off the bonus expense); 700.00 + 140.00 stay. */
    int64_t first = jint(r, "refund.id");
    CHECK_INT(jint(r, "refund.bonus_forfeited_fen"), 6000);
    CHECK_STR(jstr(r, "refund.approved_by"), "manager1");
    CHECK_INT(jint(r, "member.principal_fen"), 70000);
    CHECK_INT(jint(r, "member.bonus_fen"), 14000);
    json_decref(r);
    CHECK_INT(posted("sv_refund", first, "sv_principal"), 30000);
    CHECK_INT(posted("sv_refund", first, "clr_wechat"), -30000);
    CHECK_INT(posted("sv_refund", first, "sv_bonus"), 6000);
    CHECK_INT(posted("sv_refund", first, "exp_sv_bonus"), -6000);
    r = POST(&cashier, 201, path,
             "{\"principal_fen\":70000,\"method\":\"alipay\",\"reason\":\"退卡\"" MANAGER "}");
    int64_t second = jint(r, "refund.id");
    CHECK_INT(jint(r, "refund.bonus_forfeited_fen"), 14000);
    CHECK_INT(jint(r, "member.balance_fen"), 0);
    json_decref(r);
    CHECK_INT(posted("sv_refund", second, "sv_principal"), 70000);
    CHECK_INT(posted("sv_refund", second, "clr_alipay"), -70000);
    CHECK_INT(posted("sv_refund", second, "sv_bonus"), 14000);
    CHECK_INT(posted("sv_refund", second, "exp_sv_bonus"), -14000);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM approvals WHERE kind = 'sv_refund'"), 3);
    /* Nothing left to refund. */
    e = POST(&cashier, 409, path,
             "{\"principal_fen\":1,\"method\":\"wechat\",\"reason\":\"x\"" MANAGER "}");
    CHECK_STR(jerr(e), "refund_too_much");
    json_decref(e);
    json_t *h = GET(&cashier, 200, fx_path("members", member_d, "/ledger"));
    CHECK_STR(jstr(h, "items[0].kind_name"), "储值退款");
    CHECK_INT(jint(h, "items[0].bonus_fen"), -14000);
    CHECK_STR(jstr(h, "items[0].method"), "alipay");
    CHECK_STR(jstr(h, "items[0].approved_by"), "manager1");
    CHECK_INT(jint(h, "items[0].balance_after_fen"), 0);
    json_decref(h);
}

/* ---- the liability report ---- */

/* Everything above, by member (principal / bonus), all on today:
 *   A  top-up 100000/0; pay -20000, void +20000: consumed 0          closing 100000 / 0
 *   B  top-up 100000/20000; pay -16667/-3333                        closing  83333 / 16667
 *   C  top-up 50000 cash; refund 10000 cash                          closing  40000 / 0
 *   D  top-up 100000/20000; refunds 30000 + 70000, bonus forfeited  closing      0 / 0
 *   E  top-ups 100000/30000 (by hand) + 100000/20000 (offer)         closing 200000 / 50000
 * top-ups 550000 / 90000; consumed 16667 / 3333; refunded 110000; forfeited 20000;
 * closing 550000 - 16667 - 110000 = 423333 / 90000 - 3333 - 20000 = 66667. */
static void liability_report(void)
{
    char path[120];
    snprintf(path, sizeof path, "/api/v1/members/liability?day=%s", today);
    json_t *r = GET(&finance, 200, path);
    CHECK_INT(jint(r, "members_count"), 5);
    CHECK_INT(jint(r, "totals.opening_principal_fen"), 0);
    CHECK_INT(jint(r, "totals.topup_principal_fen"), 550000);
    CHECK_INT(jint(r, "totals.topup_bonus_fen"), 90000);
    CHECK_INT(jint(r, "totals.consumed_principal_fen"), 16667);
    CHECK_INT(jint(r, "totals.consumed_bonus_fen"), 3333);
    CHECK_INT(jint(r, "totals.refunded_principal_fen"), 110000);
    CHECK_INT(jint(r, "totals.forfeited_bonus_fen"), 20000);
    CHECK_INT(jint(r, "totals.closing_principal_fen"), 423333);
    CHECK_INT(jint(r, "totals.closing_bonus_fen"), 66667);
    CHECK_INT(jint(r, "ledger.closing_principal_fen"), 423333);
    CHECK_INT(jint(r, "ledger.closing_bonus_fen"), 66667);
    CHECK(json_is_true(jget(r, "agrees")));
    CHECK_INT(jint(r, "difference.principal_fen"), 0);
    CHECK_INT(jint(r, "holders_count"), 4); /* D holds nothing any more */
    /* Row of B (second member created after A and the deactivated one is absent). */
    json_t *rows = jget(r, "rows");
    bool seen_b = false;
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *row = json_array_get(rows, i);
        if (jint(row, "member_id") != member_b) continue;
        seen_b = true;
        CHECK_STR(jstr(row, "phone"), "138****0002");
        CHECK_INT(jint(row, "closing_principal_fen"), 83333);
        CHECK_INT(jint(row, "closing_bonus_fen"), 16667);
        CHECK_INT(jint(row, "closing_fen"), 100000);
    }
    CHECK(seen_b);
    json_decref(r);
    /* The month holds the same (the database began today), the day before nothing. */
    snprintf(path, sizeof path, "/api/v1/members/liability?month=%.7s", today);
    r = GET(&finance, 200, path);
    CHECK_INT(jint(r, "totals.closing_principal_fen"), 423333);
    CHECK_INT(jint(r, "ledger.closing_bonus_fen"), 66667);
    CHECK(json_is_true(jget(r, "agrees")));
    CHECK(strncmp(jstr(r, "from"), today, 7) == 0 && strcmp(jstr(r, "from") + 8, "01") == 0);
    json_decref(r);
    r = GET(&finance, 200, "/api/v1/members/liability?month=2000-02");
    CHECK_STR(jstr(r, "to"), "2000-02-29");
    CHECK_INT(jint(r, "members_count"), 0);
    CHECK_INT(jint(r, "ledger.closing_principal_fen"), 0);
    CHECK(json_is_true(jget(r, "agrees")));
    json_decref(r);
    /* Exports: the same figures. */
    snprintf(path, sizeof path, "/api/v1/members/liability/export?day=%s&format=csv", today);
    struct response c = client_get(&finance, path);
    CHECK_INT(c.status, 200);
    CHECK(c.body && strstr(c.body, "期末余额") && strstr(c.body, "4233.33") &&
          strstr(c.body, "666.67"));
    response_free(&c);
    snprintf(path, sizeof path, "/api/v1/members/liability/export?day=%s", today);
    c = client_get(&finance, path);
    CHECK_INT(c.status, 200);
    CHECK(c.len > 4 && memcmp(c.body, "PK", 2) == 0);
    response_free(&c);
    /* Only finance reads it; bad periods are refused. */
    json_decref(GET(&cashier, 403, "/api/v1/members/liability"));
    json_t *e = GET(&finance, 400, "/api/v1/members/liability?month=2025-13");
    CHECK_STR(jstr(e, "error.field"), "month");
    json_decref(e);
    json_decref(GET(&finance, 400, "/api/v1/members/liability?month=2025-01&day=2025-01-02"));
    json_decref(GET(&finance, 400, "/api/v1/members/liability?day=2025-02-30"));
    json_decref(GET(&finance, 400, "/api/v1/members/liability/export?format=pdf"));

    /* A ledger row written behind the books' back shows as a difference (the flag's purpose). */
    free(fx_sql("INSERT INTO member_ledger(member_id, at, business_day, kind, principal_fen, "
                "bonus_fen, by_user) VALUES (%lld, 0, '%s', 'adjust', 100, 0, 'test')",
                (long long)member_a, today));
    snprintf(path, sizeof path, "/api/v1/members/liability?day=%s", today);
    r = GET(&finance, 200, path);
    CHECK(json_is_false(jget(r, "agrees")));
    CHECK_INT(jint(r, "totals.adjust_principal_fen"), 100);
    CHECK_INT(jint(r, "totals.closing_principal_fen"), 423433);
    CHECK_INT(jint(r, "difference.principal_fen"), -100);
    json_decref(r);
}

/* ---- a locked day ---- */

/* Once today is confirmed, no top-up or refund lands in it: 409 day_locked, nothing written. */
static void locked_day_writes_nothing(void)
{
    free(fx_sql("INSERT INTO business_days(venue_id, day, status, confirmed_by, confirmed_at) "
                "VALUES (1, '%s', 'confirmed', 'finance1', 0)",
                today));
    int64_t topups = count_of("member_topups"), refunds = count_of("member_sv_refunds");
    int64_t ledger = count_of("member_ledger"), entries = count_of("journal_entries");
    json_t *e = POST(&cashier, 409, fx_path("members", member_e, "/topups"),
                     "{\"amount_fen\":100000,\"method\":\"wechat\",\"idempotency_key\":\"locked-1\"}");
    CHECK_STR(jerr(e), "day_locked");
    json_decref(e);
    e = POST(&cashier, 409, fx_path("members", member_e, "/refunds"),
             "{\"principal_fen\":100,\"method\":\"wechat\",\"reason\":\"x\"" MANAGER "}");
    CHECK_STR(jerr(e), "day_locked");
    json_decref(e);
    CHECK_INT(count_of("member_topups"), topups);
    CHECK_INT(count_of("member_sv_refunds"), refunds);
    CHECK_INT(count_of("member_ledger"), ledger);
    CHECK_INT(count_of("journal_entries"), entries);
    CHECK_INT(balance_of(member_e, "balance_fen"), 250000);
    /* The key was not used up by the refusal. */
    CHECK_INT(fx_sql_int("SELECT count(*) FROM idempotency_keys WHERE key = 'locked-1'"), 0);
}

int main(void)
{
    if (!fx_start(4)) {
        printf("members/sv_api: 0 passed, 1 failed\n");
        return 1;
    }
    CHECK(add_user(&srv, "cashier1", "cashier", "cashier-pass-1"));
    CHECK(add_user(&srv, "cashier2", "cashier", "cashier-pass-2"));
    CHECK(add_user(&srv, "manager1", "manager", "manager-pass-1"));
    CHECK(add_user(&srv, "finance1", "finance", "finance-pass-1"));
    admin = fx_login("admin", TEST_ADMIN_PASSWORD);
    cashier = fx_login("cashier1", "cashier-pass-1");
    cashier2 = fx_login("cashier2", "cashier-pass-2");
    manager = fx_login("manager1", "manager-pass-1");
    finance = fx_login("finance1", "finance-pass-1");
    fx_open_shift(&admin);
    fx_open_shift(&cashier);
    RUN(offers);
    RUN(members_and_phones);
    RUN(m1_m2_through_the_api);
    RUN(topup_authority_and_input);
    RUN(cash_topups_and_refunds_in_the_drawer);
    RUN(refunds_of_principal);
    RUN(liability_report);
    RUN(locked_day_writes_nothing);
    client_free(&admin);
    client_free(&cashier);
    client_free(&cashier2);
    client_free(&manager);
    client_free(&finance);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("members/sv_api");
}
