/* test_checkout_api.c: the money path at the till against the real server: a stay across 18:00
 * paid with two tenders (to the fen), the minimum-spend top-up line (R5), 抹零 (R4), member
 * prices and the member balance (M1, M2), typed amounts (M3), discounts within and beyond the
 * role's limit, the receipt, and every refusal that must leave nothing behind. */
#include "fixture.h"

static struct client admin, cashier, manager;

/* 17:30-19:15 in 小包 with three beers: 30 min x 60.00 + 75 min x 120.00 = 180.00, goods 30.00,
 * total 210.00, paid 100.00 cash (200.00 handed over, 100.00 change) + 110.00 WeChat. */
static void across_18_00_two_tenders(void)
{
    int64_t stay = fx_open(&admin, "A01", "17:30", ",\"booker\":\"小李\"");
    fx_order(&admin, stay, fx_beer, 3);
    json_t *q =
        POST(&admin, 200, fx_path("stays", stay, "/quote"), "{\"at\":\"%s\"}", fx_at("19:15"));
    CHECK_INT(jint(q, "total_fen"), 21000);
    CHECK_INT(jint(q, "room_fen"), 18000);
    CHECK(json_is_false(jget(q, "needs_approval")));
    json_decref(q);
    json_t *b = POST(&admin, 201, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"across-18-00\",\"at\":\"%s\",\"payments\":["
                     "{\"method\":\"cash\",\"amount_fen\":10000,\"tendered_fen\":20000},"
                     "{\"method\":\"wechat\",\"amount_fen\":11000}]}",
                     fx_at("19:15"));
    CHECK_INT(jint(b, "total_fen"), 21000);
    CHECK_INT(jint(b, "gross_fen"), 21000);
    CHECK_STR(jstr(b, "lines[0].item"), "A01 小包 白天档 30分钟 × 60.00/小时");
    CHECK_INT(jint(b, "lines[0].amount_fen"), 3000);
    CHECK_STR(jstr(b, "lines[1].item"), "A01 小包 黄金档 75分钟 × 120.00/小时");
    CHECK_INT(jint(b, "lines[1].amount_fen"), 15000);
    CHECK_STR(jstr(b, "lines[2].kind"), "goods");
    CHECK_INT(jint(b, "lines[2].amount_fen"), 3000);
    CHECK_INT(jint(b, "change_fen"), 10000);
    CHECK_INT(jint(b, "payments[0].tendered_fen"), 20000);
    CHECK_INT(jint(b, "payments[0].change_fen"), 10000);
    CHECK_INT(jint(b, "payments[1].amount_fen"), 11000);
    CHECK_STR(jstr(b, "business_day"), fx_day);
    int64_t bill = jint(b, "bill_id");
    CHECK(strncmp(jstr(b, "bill_no"), "F", 1) == 0);
    json_decref(b);
    /* In the database: the bill through bill_insert (source pos), its lines, the payments in
     * the admin's shift with what the drawer kept (never the 200.00 handed over), the beers
     * leaving the bar, the stay closed, the room to be cleaned. */
    CHECK_INT(fx_sql_int("SELECT total_fen FROM bills WHERE id = %lld AND source = 'pos' AND "
                         "status = 'settled'",
                         (long long)bill),
              21000);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bill_lines WHERE bill_id = %lld", (long long)bill),
              3);
    CHECK_INT(fx_sql_int("SELECT sum(amount_fen) FROM bill_payments WHERE bill_id = %lld AND "
                         "shift_id IS NOT NULL",
                         (long long)bill),
              21000);
    CHECK_INT(fx_sql_int("SELECT change_fen FROM bill_payments WHERE bill_id = %lld AND "
                         "method = 'cash' AND tendered_fen = 20000",
                         (long long)bill),
              10000);
    CHECK_INT(fx_sql_int("SELECT qty FROM consumption WHERE bill_id = %lld AND kind = 'sale' AND "
                         "product_id = %lld",
                         (long long)bill, (long long)fx_beer),
              3);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM stays WHERE id = %lld AND status = 'checked_out' "
                         "AND bill_id = %lld",
                         (long long)stay, (long long)bill),
              1);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM room_states WHERE room_id = %lld AND "
                         "state = 'cleaning'",
                         (long long)fx_room_id("A01")),
              1);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM audit_log WHERE action = 'checkout' AND "
                         "entity_id = '%lld'",
                         (long long)bill),
              1);
    /* The receipt: 80 mm, Chinese. */
    struct response r = client_get(&admin, fx_path("bills", bill, "/receipt"));
    CHECK_INT(r.status, 200);
    CHECK(strstr(r.content_type, "text/html") != NULL);
    CHECK(r.body && strstr(r.body, "width:72mm") && strstr(r.body, "找零") &&
          strstr(r.body, "210.00") && strstr(r.body, "小李"));
    response_free(&r);
    /* The bill with its tenders. */
    json_t *d = GET(&admin, 200, fx_path("frontdesk/bills", bill, ""));
    CHECK_STR(jstr(d, "status"), "settled");
    CHECK_INT(jint(d, "payments[0].shift_id") > 0, 1);
    CHECK_INT(jint(d, "stay_id"), stay);
    json_decref(d);
}

/* R5: opened 18:30 in prime (minimum 200.00), out 19:30: room 60 min x 120.00 = 120.00, three
 * beers 30.00: 150.00, so a top-up line of 50.00 and a total of 200.00. With nine beers
 * (120.00 + 90.00 = 210.00) there is no top-up. Cigarettes do not count toward it. */
static void r5_minimum_spend(void)
{
    int64_t stay = fx_open(&admin, "A02", "18:30", "");
    fx_order(&admin, stay, fx_beer, 3);
    fx_order(&admin, stay, fx_cigs, 1);
    json_t *b = POST(&admin, 201, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"r5-min-spend\",\"at\":\"%s\",\"payments\":["
                     "{\"method\":\"card\",\"amount_fen\":22000}]}",
                     fx_at("19:30"));
    CHECK_INT(jint(b, "room_fen"), 12000);
    CHECK_INT(jint(b, "topup_fen"), 5000);
    CHECK_INT(jint(b, "total_fen"), 22000); /* 200.00 + cigarettes 20.00 */
    int64_t bill = jint(b, "bill_id");
    json_decref(b);
    CHECK_INT(fx_sql_int("SELECT amount_fen FROM bill_lines WHERE bill_id = %lld AND "
                         "kind = 'min_spend'",
                         (long long)bill),
              5000);
    /* With 210.00 of spend: no top-up line. */
    stay = fx_open(&admin, "A03", "18:30", "");
    fx_order(&admin, stay, fx_beer, 9);
    b = POST(&admin, 201, fx_path("stays", stay, "/checkout"),
             "{\"idempotency_key\":\"r5-no-top-up\",\"at\":\"%s\",\"payments\":["
             "{\"method\":\"alipay\",\"amount_fen\":21000}]}",
             fx_at("19:30"));
    CHECK_INT(jint(b, "topup_fen"), 0);
    bill = jint(b, "bill_id");
    json_decref(b);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bill_lines WHERE bill_id = %lld AND "
                         "kind = 'min_spend'",
                         (long long)bill),
              0);
}

/* R4: 250.50 collected as 250.00 and 50.50 as 50.00: takings 300.00 with a rounding discount
 * of 1.00, recorded on each bill (bills.discount_fen and a bill_discounts row 'rounding'). */
static void r4_rounding_to_the_yuan(void)
{
    int64_t s1 = fx_open(&admin, "A04", "20:00", "");
    int64_t s2 = fx_open(&admin, "A05", "20:00", "");
    fx_order(&admin, s1, fx_wine, 1);
    fx_order(&admin, s2, fx_drink, 1);
    json_t *b1 = POST(&admin, 201, fx_path("stays", s1, "/checkout"),
                      "{\"idempotency_key\":\"r4-first\",\"at\":\"%s\",\"round_to_yuan\":true,"
                      "\"payments\":[{\"method\":\"cash\",\"amount_fen\":25000}]}",
                      fx_at("20:05"));
    json_t *b2 = POST(&admin, 201, fx_path("stays", s2, "/checkout"),
                      "{\"idempotency_key\":\"r4-second\",\"at\":\"%s\",\"round_to_yuan\":true,"
                      "\"payments\":[{\"method\":\"cash\",\"amount_fen\":5000}]}",
                      fx_at("20:05"));
    CHECK_INT(jint(b1, "total_fen"), 25000);
    CHECK_INT(jint(b1, "rounding_fen"), 50);
    CHECK_INT(jint(b2, "total_fen"), 5000);
    CHECK_STR(jstr(b2, "discounts[0].kind"), "rounding");
    int64_t id1 = jint(b1, "bill_id"), id2 = jint(b2, "bill_id");
    json_decref(b1);
    json_decref(b2);
    CHECK_INT(fx_sql_int("SELECT sum(total_fen) FROM bills WHERE id IN (%lld, %lld)",
                         (long long)id1, (long long)id2),
              30000);
    CHECK_INT(fx_sql_int("SELECT sum(discount_fen) FROM bills WHERE id IN (%lld, %lld)",
                         (long long)id1, (long long)id2),
              100);
    CHECK_INT(fx_sql_int("SELECT sum(amount_fen) FROM bill_discounts WHERE kind = 'rounding' AND "
                         "bill_id IN (%lld, %lld)",
                         (long long)id1, (long long)id2),
              100);
    CHECK_INT(fx_sql_int("SELECT sum(amount_fen) FROM bill_payments WHERE bill_id IN (%lld, %lld)",
                         (long long)id1, (long long)id2),
              30000);
}

/* Member prices: 17:00-18:00 in 小包 is 48.00 for a member and 60.00 for a walk-in. */
static void member_price(void)
{
    fx_member("13900000001", 10000, 10000, 0);
    int64_t m = fx_open(&admin, "A06", "17:00", ",\"member_phone\":\"13900000001\"");
    int64_t w = fx_open(&admin, "A07", "17:00", "");
    json_t *qm =
        POST(&admin, 200, fx_path("stays", m, "/quote"), "{\"at\":\"%s\"}", fx_at("18:00"));
    json_t *qw =
        POST(&admin, 200, fx_path("stays", w, "/quote"), "{\"at\":\"%s\"}", fx_at("18:00"));
    CHECK_INT(jint(qm, "room_fen"), 4800);
    CHECK(strstr(jstr(qm, "lines[0].item"), "会员价") != NULL);
    CHECK_STR(jstr(qm, "member.phone"), "139****0001");
    CHECK_INT(jint(qw, "room_fen"), 6000);
    json_decref(qm);
    json_decref(qw);
    /* An unknown member is refused at opening. */
    json_t *e =
        POST(&admin, 400, "/api/v1/stays", "{\"room_id\":%lld,\"member_phone\":\"13000000000\"}",
             (long long)fx_room_id("A08"));
    CHECK_STR(jstr(e, "error.field"), "member_phone");
    json_decref(e);
}

/* M1: balance 1,000.00 (800.00 paid in + 200.00 bonus); bill 228.00 with a 28.00 discount, the
 * 200.00 payable paid from the balance: 800.00 left (640.00 + 160.00: the bonus is spent in
 * proportion). M2: voiding that bill gives it back: 1,000.00. */
static void m1_m2_member_balance(void)
{
    fx_member("13800138000", 10000, 80000, 20000);
    int64_t stay = fx_open(&admin, "A09", "17:00", ",\"member_phone\":\"13800138000\"");
    fx_order(&admin, stay, fx_platter, 1);
    json_t *b = POST(&admin, 201, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"m1-member-pay\",\"at\":\"%s\","
                     "\"discounts\":{\"fixed_fen\":2800,\"reason\":\"老客优惠\"},"
                     "\"payments\":[{\"method\":\"member\",\"amount_fen\":20000}]}",
                     fx_at("17:05"));
    CHECK_INT(jint(b, "gross_fen"), 22800);
    CHECK_INT(jint(b, "discount_fen"), 2800);
    CHECK_INT(jint(b, "total_fen"), 20000);
    CHECK_STR(jstr(b, "payments[0].reference"), "138****8000");
    int64_t bill = jint(b, "bill_id");
    json_decref(b);
    CHECK_INT(fx_balance("13800138000"), 80000);
    CHECK_INT(fx_sql_int("SELECT -principal_fen FROM member_ledger WHERE bill_id = %lld AND "
                         "kind = 'pay'",
                         (long long)bill),
              16000);
    CHECK_INT(fx_sql_int("SELECT -bonus_fen FROM member_ledger WHERE bill_id = %lld AND "
                         "kind = 'pay'",
                         (long long)bill),
              4000);
    /* More than the balance is refused and nothing is taken. */
    int64_t again = fx_open(&admin, "A10", "17:00", ",\"member_phone\":\"13800138000\"");
    fx_order(&admin, again, fx_platter, 4); /* 912.00 */
    json_t *e = POST(&admin, 409, fx_path("stays", again, "/checkout"),
                     "{\"idempotency_key\":\"m1-too-much\",\"at\":\"%s\",\"payments\":["
                     "{\"method\":\"member\",\"amount_fen\":91200}]}",
                     fx_at("17:05"));
    CHECK_STR(jerr(e), "insufficient_balance");
    json_decref(e);
    CHECK_INT(fx_balance("13800138000"), 80000);
    /* M2. */
    json_t *v = POST(&admin, 200, fx_path("bills", bill, "/void"),
                     "{\"reason\":\"结错账\",\"approver_username\":\"manager1\","
                     "\"approver_password\":\"manager-pass-1\"}");
    CHECK_STR(jstr(v, "status"), "voided");
    CHECK_INT(jint(v, "refunds[0].amount_fen"), 20000);
    CHECK_STR(jstr(v, "refunds[0].kind"), "void");
    json_decref(v);
    CHECK_INT(fx_balance("13800138000"), 100000);
    CHECK_INT(fx_sql_int("SELECT sum(principal_fen) FROM member_ledger l JOIN members m ON "
                         "m.id = l.member_id WHERE m.phone = '13800138000'"),
              80000);
    /* The settled bill row itself is untouched: the void is its own record. */
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bills WHERE id = %lld AND status = 'settled'",
                         (long long)bill),
              1);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bills_current WHERE id = %lld AND "
                         "current_status = 'voided'",
                         (long long)bill),
              1);
}

/* M3: amounts are integer fen. "12.5" (a string), 12.5 (a fraction), "12.345", "$13", "1,2"
 * are refused with a message that says why and, where it reads as yuan, what to send. */
static void m3_typed_amounts(void)
{
    int64_t stay = fx_open(&admin, "A11", "20:00", "");
    fx_order(&admin, stay, fx_beer, 2);
    const char *path = fx_path("stays", stay, "/checkout");
    struct {
        const char *discounts, *field, *says;
    } cases[] = {
        {"{\"fixed_fen\":\"12.5\",\"reason\":\"x\"}", "discounts.fixed_fen", "1250"},
        {"{\"fixed_fen\":12.5,\"reason\":\"x\"}", "discounts.fixed_fen", "1250"},
        {"{\"fixed_fen\":\"12.345\",\"reason\":\"x\"}", "discounts.fixed_fen", "两位"},
        {"{\"fixed_fen\":\"$13\",\"reason\":\"x\"}", "discounts.fixed_fen", "货币符号"},
        {"{\"fixed_fen\":\"1,2\",\"reason\":\"x\"}", "discounts.fixed_fen", "千位分隔符"},
        {"{\"bill_percent_bp\":\"10\",\"reason\":\"x\"}", "discounts.bill_percent_bp", "整数"},
        {"{\"fixed_fen\":-100,\"reason\":\"x\"}", "discounts.fixed_fen", "0"},
        {"{\"fixed_fen\":100}", "discounts.reason", "原因"},
        {"{\"fixed_fen\":100,\"reason\":\"x\",\"colour\":1}", "discounts.colour", "不认识"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *e = POST(&admin, 400, path,
                         "{\"idempotency_key\":\"m3-case-%02zu\",\"at\":\"%s\",\"discounts\":%s,"
                         "\"payments\":[{\"method\":\"cash\",\"amount_fen\":2000}]}",
                         i, fx_at("20:05"), cases[i].discounts);
        if (strcmp(jstr(e, "error.field"), cases[i].field) != 0 ||
            !strstr(jstr(e, "error.message"), cases[i].says))
            harness_fail(__FILE__, __LINE__, "case %zu: %s / %s", i, jstr(e, "error.field"),
                         jstr(e, "error.message"));
        json_decref(e);
    }
    json_t *e = POST(&admin, 400, path,
                     "{\"idempotency_key\":\"m3-payment\",\"at\":\"%s\",\"payments\":["
                     "{\"method\":\"cash\",\"amount_fen\":\"20.00\"}]}",
                     fx_at("20:05"));
    CHECK_STR(jstr(e, "error.field"), "payments[0].amount_fen");
    CHECK(strstr(jstr(e, "error.message"), "2000") != NULL);
    json_decref(e);
    /* Nothing was written by any of them; the right request goes through. */
    CHECK_INT(fx_sql_int("SELECT count(*) FROM stays WHERE id = %lld AND status = 'open'",
                         (long long)stay),
              1);
    json_decref(POST(&admin, 201, path,
                     "{\"idempotency_key\":\"m3-good-one\",\"at\":\"%s\",\"discounts\":"
                     "{\"fixed_fen\":1250,\"reason\":\"x\"},\"payments\":["
                     "{\"method\":\"cash\",\"amount_fen\":750}]}",
                     fx_at("20:05")));
}

/* Refusals that write nothing: no shift, tenders that do not sum (with the total in the
 * error), a key reused for another request, no key, a voucher used twice, credit without an
 * account, a stale `at` from a cashier. */
static void refusals(void)
{
    int64_t stay = fx_open(&admin, "A12", NULL, "");
    fx_order(&cashier, stay, fx_beer, 2);
    const char *path = fx_path("stays", stay, "/checkout");
    json_t *e = POST(&cashier, 409, path,
                     "{\"idempotency_key\":\"no-shift-1\",\"payments\":["
                     "{\"method\":\"cash\",\"amount_fen\":2000}]}");
    CHECK_STR(jerr(e), "shift_required");
    CHECK(strstr(jstr(e, "error.message"), "请先开班") != NULL);
    json_decref(e);
    fx_open_shift(&cashier);
    e = POST(&cashier, 409, path,
             "{\"idempotency_key\":\"short-pay-1\",\"payments\":["
             "{\"method\":\"cash\",\"amount_fen\":1500}]}");
    CHECK_STR(jerr(e), "amount_mismatch");
    CHECK_INT(jint(e, "error.total_fen"), 2000);
    CHECK_INT(jint(e, "error.paid_fen"), 1500);
    json_decref(e);
    e = POST(&cashier, 400, path, "{\"payments\":[{\"method\":\"cash\",\"amount_fen\":2000}]}");
    CHECK_STR(jstr(e, "error.field"), "idempotency_key");
    json_decref(e);
    e = POST(&cashier, 400, path,
             "{\"idempotency_key\":\"credit-1\",\"payments\":["
             "{\"method\":\"credit\",\"amount_fen\":2000}]}");
    CHECK_STR(jstr(e, "error.field"), "payments[0].reference");
    json_decref(e);
    e = POST(&cashier, 400, path,
             "{\"idempotency_key\":\"stale-at-1\",\"at\":\"%s\",\"payments\":["
             "{\"method\":\"cash\",\"amount_fen\":2000}]}",
             fx_at("12:00"));
    CHECK_STR(jstr(e, "error.field"), "at");
    json_decref(e);
    e = POST(&cashier, 400, path,
             "{\"idempotency_key\":\"bad-method\",\"payments\":["
             "{\"method\":\"bitcoin\",\"amount_fen\":2000}]}");
    CHECK_STR(jstr(e, "error.field"), "payments[0].method");
    json_decref(e);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM stays WHERE id = %lld AND status = 'open'",
                         (long long)stay),
              1);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM idempotency_keys WHERE key IN ('no-shift-1', "
                         "'short-pay-1', 'credit-1', 'stale-at-1')"),
              0);
    /* A group-buy voucher with platform and code pays; the same code again is refused. */
    json_t *b = POST(&cashier, 201, path,
                     "{\"idempotency_key\":\"voucher-1\",\"payments\":[{\"method\":\"voucher\","
                     "\"amount_fen\":2000,\"platform\":\"meituan\",\"reference\":\"MT8888\"}]}");
    CHECK_STR(jstr(b, "payments[0].platform"), "meituan");
    CHECK_STR(jstr(b, "payments[0].reference"), "MT8888");
    json_decref(b);
    /* The same key with another body is a client bug: 422, not the first answer. */
    e = POST(&cashier, 422, path,
             "{\"idempotency_key\":\"voucher-1\",\"payments\":[{\"method\":\"cash\","
             "\"amount_fen\":2000}]}");
    CHECK_STR(jerr(e), "idempotency_mismatch");
    json_decref(e);
    int64_t other = fx_open(&admin, "A13", NULL, "");
    fx_order(&cashier, other, fx_beer, 2);
    e = POST(&cashier, 409, fx_path("stays", other, "/checkout"),
             "{\"idempotency_key\":\"voucher-2\",\"payments\":[{\"method\":\"voucher\","
             "\"amount_fen\":2000,\"platform\":\"meituan\",\"reference\":\"MT8888\"}]}");
    CHECK_STR(jerr(e), "voucher_used");
    json_decref(e);
    /* Credit (挂账) to a named account. */
    b = POST(&cashier, 201, fx_path("stays", other, "/checkout"),
             "{\"idempotency_key\":\"credit-2\",\"payments\":[{\"method\":\"credit\","
             "\"amount_fen\":2000,\"reference\":\"星辰公司\"}]}");
    CHECK_STR(jstr(b, "payments[0].method"), "credit");
    json_decref(b);
}

/* A cashier may give 5 % and 20.00 off; 10 % needs a manager: refused without, refused with a
 * wrong password, refused with another cashier, accepted with the manager (and recorded). */
static void discount_authority(void)
{
    int64_t stay = fx_open(&admin, "A14", NULL, "");
    fx_order(&cashier, stay, fx_beer, 10);
    const char *path = fx_path("stays", stay, "/checkout");
    json_t *q = POST(&cashier, 200, fx_path("stays", stay, "/quote"),
                     "{\"discounts\":{\"bill_percent_bp\":1000,\"reason\":\"熟客\"}}");
    CHECK(json_is_true(jget(q, "needs_approval")));
    int64_t total = jint(q, "total_fen");
    json_decref(q);
    json_t *e =
        POST(&cashier, 403, path,
             "{\"idempotency_key\":\"discount-1\",\"discounts\":{\"bill_percent_bp\":1000,"
             "\"reason\":\"熟客\"},\"payments\":[{\"method\":\"cash\",\"amount_fen\":%lld}]}",
             (long long)total);
    CHECK_STR(jerr(e), "approval_required");
    json_decref(e);
    e = POST(&cashier, 403, path,
             "{\"idempotency_key\":\"discount-2\",\"discounts\":{\"bill_percent_bp\":1000,"
             "\"reason\":\"熟客\",\"approver_username\":\"manager1\",\"approver_password\":"
             "\"wrong-pass-9\"},\"payments\":[{\"method\":\"cash\",\"amount_fen\":%lld}]}",
             (long long)total);
    CHECK_STR(jerr(e), "approval_denied");
    json_decref(e);
    e = POST(&cashier, 403, path,
             "{\"idempotency_key\":\"discount-3\",\"discounts\":{\"bill_percent_bp\":1000,"
             "\"reason\":\"熟客\",\"approver_username\":\"cashier2\",\"approver_password\":"
             "\"cashier-pass-2\"},\"payments\":[{\"method\":\"cash\",\"amount_fen\":%lld}]}",
             (long long)total);
    CHECK_STR(jerr(e), "approval_denied");
    json_decref(e);
    json_t *b =
        POST(&cashier, 201, path,
             "{\"idempotency_key\":\"discount-4\",\"discounts\":{\"bill_percent_bp\":1000,"
             "\"reason\":\"熟客\",\"approver_username\":\"manager1\",\"approver_password\":"
             "\"manager-pass-1\"},\"payments\":[{\"method\":\"cash\",\"amount_fen\":%lld}]}",
             (long long)total);
    int64_t bill = jint(b, "bill_id");
    CHECK_INT(jint(b, "discounts[0].amount_fen"), 1000); /* 10 % of 100.00 of beer */
    json_decref(b);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM approvals WHERE kind = 'discount' AND "
                         "subject = 'bill:%lld' AND approved_by = 'manager1' AND "
                         "requested_by = 'cashier1'",
                         (long long)bill),
              1);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bill_discounts WHERE bill_id = %lld AND "
                         "kind = 'percent' AND approved_by = 'manager1'",
                         (long long)bill),
              1);
}

/* Wrong approver passwords are throttled like sign-ins (5 in 15 minutes), but apart from them:
 * a cashier typing a manager's password wrong five times cannot lock that manager out of
 * signing in (the adversarial pass locked the admin out this way). */
static void approver_failures_do_not_lock_sign_in(void)
{
    CHECK(add_user(&srv, "manager9", "manager", "manager-pass-9"));
    int64_t stay = fx_open(&admin, "A15", NULL, "");
    fx_order(&cashier, stay, fx_beer, 10);
    json_t *q = POST(&cashier, 200, fx_path("stays", stay, "/quote"),
                     "{\"discounts\":{\"bill_percent_bp\":1000,\"reason\":\"熟客\"}}");
    long long total = jint(q, "total_fen");
    json_decref(q);
    const char *path = fx_path("stays", stay, "/checkout");
    for (int i = 0; i < 5; i++) {
        json_t *e = POST(&cashier, 403, path,
                         "{\"idempotency_key\":\"throttle-%d\",\"discounts\":{\"bill_percent_bp\":"
                         "1000,\"reason\":\"熟客\",\"approver_username\":\"manager9\","
                         "\"approver_password\":\"guess-%d\"},\"payments\":[{\"method\":\"cash\","
                         "\"amount_fen\":%lld}]}",
                         i, i, total);
        CHECK_STR(jerr(e), "approval_denied");
        json_decref(e);
    }
    json_t *e = POST(&cashier, 429, path,
                     "{\"idempotency_key\":\"throttle-6\",\"discounts\":{\"bill_percent_bp\":1000,"
                     "\"reason\":\"熟客\",\"approver_username\":\"manager9\","
                     "\"approver_password\":\"manager-pass-9\"},\"payments\":[{\"method\":\"cash\","
                     "\"amount_fen\":%lld}]}",
                     total);
    CHECK_STR(jerr(e), "throttled");
    json_decref(e);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM login_failures WHERE username = 'manager9'"), 0);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM login_failures WHERE username = "
                         "'approve:manager9'"),
              5);
    struct client m;
    client_init(&m, &srv);
    CHECK_INT(client_login(&m, "manager9", "manager-pass-9"), 200);
    client_free(&m);
}

int main(void)
{
    if (!fx_start(16)) {
        printf("frontdesk/checkout_api: 0 passed, 1 failed\n");
        return 1;
    }
    CHECK(add_user(&srv, "cashier1", "cashier", "cashier-pass-1"));
    CHECK(add_user(&srv, "cashier2", "cashier", "cashier-pass-2"));
    CHECK(add_user(&srv, "manager1", "manager", "manager-pass-1"));
    admin = fx_login("admin", TEST_ADMIN_PASSWORD);
    cashier = fx_login("cashier1", "cashier-pass-1");
    manager = fx_login("manager1", "manager-pass-1");
    fx_open_shift(&admin);
    RUN(across_18_00_two_tenders);
    RUN(r5_minimum_spend);
    RUN(r4_rounding_to_the_yuan);
    RUN(member_price);
    RUN(m1_m2_member_balance);
    RUN(m3_typed_amounts);
    RUN(refusals);
    RUN(discount_authority);
    RUN(approver_failures_do_not_lock_sign_in);
    client_free(&admin);
    client_free(&cashier);
    client_free(&manager);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("frontdesk/checkout_api");
}
