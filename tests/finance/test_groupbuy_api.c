/* test_groupbuy_api.c: group-buy reconciliation against the real server. Two bills are checked
 * out at the front desk with Meituan vouchers (face 300.00, the guest paid 198.00); a Meituan
 * statement settles one of them and lists a voucher no bill used; the other bill's voucher is
 * missing from it. Then: the exact exception lists, the books, re-importing (nothing added),
 * bad files (400 with row and column), a voucher settled twice (refused), a locked settlement
 * day (409, nothing written) and the later rows alone, the platform settings, the export, and
 * who may do it. */
#include "frontdesk/fixture.h"

static struct client admin, money_clerk;

/* The balance (debits - credits) of a system account, for one party or all (party NULL). */
static int64_t balance(const char *key, const char *party)
{
    if (party)
        return fx_sql_int("SELECT coalesce(sum(l.amount_fen), 0) FROM journal_lines l JOIN "
                          "accounts a ON a.id = l.account_id WHERE a.system_key = '%s' AND "
                          "l.party = '%s'",
                          key, party);
    return fx_sql_int("SELECT coalesce(sum(l.amount_fen), 0) FROM journal_lines l JOIN accounts a "
                      "ON a.id = l.account_id WHERE a.system_key = '%s'",
                      key);
}

/* How much there is of everything an import writes (to show a refusal wrote nothing). */
static int64_t written(void)
{
    return fx_sql_int("SELECT (SELECT count(*) FROM groupbuy_imports) * 1000000 + "
                      "(SELECT count(*) FROM groupbuy_statement_rows) * 10000 + "
                      "(SELECT count(*) FROM groupbuy_settlements) * 100 + "
                      "(SELECT count(*) FROM journal_entries WHERE source_kind = 'groupbuy')");
}

/* POSTs a statement (CSV text) for platform; returns the parsed answer, checking the status. */
static json_t *upload(struct client *c, const char *platform, long expected, const char *csv)
{
    char path[96];
    snprintf(path, sizeof path, "/api/v1/groupbuy/statements?platform=%s", platform);
    struct response r = client_request(c, "POST", path, csv, strlen(csv), "text/csv");
    if (r.status != expected)
        harness_fail(__FILE__, __LINE__, "upload %s -> %ld (expected %ld): %.800s", platform,
                     r.status, expected, r.body ? r.body : "");
    json_t *j = r.json ? json_incref(r.json) : json_object();
    response_free(&r);
    return j;
}

/* A stay in room `no` from 14:00 to 14:05 (inside the 10-minute grace: no room fee) with 24
 * beers (240.00) and 2 fruit plates (60.00): 300.00, paid by one Meituan voucher of face
 * 300.00 for which the guest paid the platform 198.00. Returns the bill id. */
static int64_t voucher_bill(const char *no, const char *key, const char *code)
{
    int64_t stay = fx_open(&admin, no, "14:00", "");
    fx_order(&admin, stay, fx_beer, 24);
    fx_order(&admin, stay, fx_fruit, 2);
    json_t *b = POST(&admin, 201, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"%s\",\"at\":\"%s\",\"payments\":[{\"method\":"
                     "\"voucher\",\"amount_fen\":30000,\"paid_fen\":19800,\"platform\":"
                     "\"meituan\",\"reference\":\"%s\"}]}",
                     key, fx_at("14:05"), code);
    CHECK_INT(jint(b, "total_fen"), 30000);
    int64_t bill = jint(b, "bill_id");
    json_decref(b);
    return bill;
}

static int64_t bill1, bill2;

/* The till records the price paid on a voucher, and only there. */
static void checkout_with_paid_price(void)
{
    bill1 = voucher_bill("A01", "gb-bill-1", "1111 2222 3333");
    bill2 = voucher_bill("A02", "gb-bill-2", "444455556666");
    CHECK_INT(fx_sql_int("SELECT voucher_paid_fen FROM bill_payments WHERE bill_id = %lld",
                         (long long)bill1),
              19800);
    CHECK_INT(
        fx_sql_int("SELECT amount_fen FROM bill_payments WHERE bill_id = %lld", (long long)bill2),
        30000);
    /* Checkout posted each: Dr ar_groupbuy[meituan] 198.00, Dr contra_groupbuy 102.00. */
    CHECK_INT(balance("ar_groupbuy", "meituan"), 39600);
    CHECK_INT(balance("contra_groupbuy", NULL), 20400);

    /* Refused: a price paid on cash, a price above the face value. Nothing written. */
    int64_t stay = fx_open(&admin, "A03", "14:00", "");
    fx_order(&admin, stay, fx_beer, 1);
    json_t *e = POST(&admin, 400, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"gb-bad-1\",\"at\":\"%s\",\"payments\":[{\"method\":"
                     "\"cash\",\"amount_fen\":1000,\"paid_fen\":900}]}",
                     fx_at("14:05"));
    CHECK_STR(jstr(e, "error.field"), "payments[0].paid_fen");
    json_decref(e);
    e = POST(&admin, 400, fx_path("stays", stay, "/checkout"),
             "{\"idempotency_key\":\"gb-bad-2\",\"at\":\"%s\",\"payments\":[{\"method\":"
             "\"voucher\",\"amount_fen\":1000,\"paid_fen\":1001,\"platform\":\"meituan\","
             "\"reference\":\"55\"}]}",
             fx_at("14:05"));
    CHECK_STR(jstr(e, "error.field"), "payments[0].paid_fen");
    json_decref(e);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM stays WHERE id = %lld AND status = 'open'",
                         (long long)stay),
              1);
}

/* The statement: 1111 2222 3333 settled (198.00 - 9.90 = 188.10) in batch JS1; 999900001111
 * verified, never used on a bill, not settled. 444455556666 (bill 2) is not on it. */
static char statement[1024];

static void import_and_reconcile(void)
{
    snprintf(statement, sizeof statement,
             "美团开店宝 结算明细\n"
             "券码,验券时间,券面值,用户实付,平台服务费,结算金额,结算日期,结算批次\n"
             "1111 2222 3333,%s 14:03:00,300.00,198.00,9.90,188.10,%s,JS1\n"
             "999900001111,%s 15:00:00,300.00,198.00,,,,\n",
             fx_day, fx_day, fx_day);
    json_t *r = upload(&money_clerk, "meituan", 201, statement);
    CHECK(json_is_true(jget(r, "committed")));
    CHECK_INT(jint(r, "header_row"), 2);
    CHECK_INT(jint(r, "rows_read"), 2);
    CHECK_INT(jint(r, "imported"), 2);
    CHECK_INT(jint(r, "duplicates"), 0);
    CHECK_STR(jstr(r, "encoding"), "utf-8");
    CHECK_INT(json_array_size(jget(r, "settlements")), 1);
    CHECK_STR(jstr(r, "settlements[0].batch"), "JS1");
    CHECK_STR(jstr(r, "settlements[0].day"), fx_day);
    CHECK_INT(jint(r, "settlements[0].rows"), 1);
    CHECK_INT(jint(r, "settlements[0].paid_fen"), 19800);
    CHECK_INT(jint(r, "settlements[0].net_fen"), 18810);
    CHECK_INT(jint(r, "settlements[0].fee_fen"), 990);
    CHECK_INT(jint(r, "settlements[0].adjust_fen"), 0);
    int64_t entry = jint(r, "settlements[0].entry_id");
    CHECK(entry > 0);
    json_decref(r);

    /* The books, by hand:
     *   checkout bill 1   Dr ar_groupbuy[meituan] 198.00   Dr contra_groupbuy 102.00
     *   checkout bill 2   Dr ar_groupbuy[meituan] 198.00   Dr contra_groupbuy 102.00
     *   settlement JS1    Dr bank 188.10   Dr exp_platform_fee 9.90
     *                     Cr ar_groupbuy[meituan] 198.00
     *   ar_groupbuy meituan = 198.00 + 198.00 - 198.00 = 198.00 (bill 2's voucher, unsettled)
     *   bank = 188.10, platform fees = 9.90, contra_groupbuy stays 204.00. */
    CHECK_INT(balance("ar_groupbuy", "meituan"), 19800);
    CHECK_INT(balance("bank", NULL), 18810);
    CHECK_INT(balance("exp_platform_fee", NULL), 990);
    CHECK_INT(balance("contra_groupbuy", NULL), 20400);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM journal_entries WHERE id = %lld AND source_kind = "
                         "'groupbuy' AND day = '%s' AND debit_fen = 19800 AND memo LIKE "
                         "'美团结算 批次 JS1%%第 3 行'",
                         (long long)entry, fx_day),
              1);
    /* The settlement names its row. */
    CHECK_INT(fx_sql_int("SELECT count(*) FROM groupbuy_statement_rows r JOIN "
                         "groupbuy_settlements s ON s.id = r.settlement_id WHERE r.code = "
                         "'111122223333' AND r.line_no = 3 AND s.batch = 'JS1'"),
              1);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM audit_log WHERE action = 'import' AND entity = "
                         "'groupbuy_statement' AND username = 'money'"),
              1);

    char path[160];
    snprintf(path, sizeof path, "/api/v1/groupbuy/reconciliation?platform=meituan&from=%s&to=%s",
             fx_day, fx_day);
    json_t *m = GET(&money_clerk, 200, path);
    /* Per class (count, amount = the price paid):
     *   matched         1111 2222 3333                 1   198.00
     *   bill_only       444455556666 (bill 2)          1   198.00
     *   statement_only  999900001111                   1   198.00 (the statement's price)
     *   unsettled       999900001111                   1   198.00
     *   the rest 0. */
    static const struct {
        const char *key;
        int64_t count, amount;
    } want[] = {{"matched", 1, 19800}, {"bill_only", 1, 19800}, {"statement_only", 1, 19800},
                {"amount_diff", 0, 0}, {"unsettled", 1, 19800}, {"net_diff", 0, 0},
                {"duplicate", 0, 0}};
    for (int k = 0; k < 7; k++) {
        char p[64];
        snprintf(p, sizeof p, "classes[%d].class", k);
        CHECK_STR(jstr(m, p), want[k].key);
        snprintf(p, sizeof p, "classes[%d].count", k);
        CHECK_INT(jint(m, p), want[k].count);
        snprintf(p, sizeof p, "classes[%d].amount_fen", k);
        CHECK_INT(jint(m, p), want[k].amount);
    }
    CHECK_INT(jint(m, "totals.vouchers"), 3);
    CHECK_INT(jint(m, "totals.on_bills"), 2);
    CHECK_INT(jint(m, "totals.bills_face_fen"), 60000);
    CHECK_INT(jint(m, "totals.bills_paid_fen"), 39600);
    CHECK_INT(jint(m, "totals.on_statements"), 2);
    CHECK_INT(jint(m, "totals.settled"), 1);
    CHECK_INT(jint(m, "totals.settled_net_fen"), 18810);
    CHECK_INT(jint(m, "totals.settled_fee_fen"), 990);
    CHECK_INT(jint(m, "totals.exceptions"), 2);
    /* The exception rows, class by class: exactly three. */
    CHECK_INT(json_array_size(jget(m, "exceptions")), 3);
    CHECK_STR(jstr(m, "exceptions[0].class"), "bill_only");
    CHECK_STR(jstr(m, "exceptions[0].code"), "444455556666");
    CHECK_INT(jint(m, "exceptions[0].bill_id"), bill2);
    CHECK_INT(jint(m, "exceptions[0].bill_face_fen"), 30000);
    CHECK_INT(jint(m, "exceptions[0].bill_paid_fen"), 19800);
    CHECK(json_is_null(jget(m, "exceptions[0].stmt_paid_fen")));
    CHECK_STR(jstr(m, "exceptions[1].class"), "statement_only");
    CHECK_STR(jstr(m, "exceptions[1].code"), "999900001111");
    CHECK(jget(m, "exceptions[1].bill_id") == NULL);
    CHECK_INT(jint(m, "exceptions[1].stmt_paid_fen"), 19800);
    CHECK_STR(jstr(m, "exceptions[2].class"), "unsettled");
    CHECK_STR(jstr(m, "exceptions[2].code"), "999900001111");
    CHECK(strstr(jstr(m, "exceptions[2].reason"), "尚未结算") != NULL);
    /* What the platforms still owe. */
    CHECK_STR(jstr(m, "receivables[0].platform"), "meituan");
    CHECK_INT(jint(m, "receivables[0].balance_fen"), 19800);
    json_decref(m);

    /* The same statement again adds nothing: 200, two duplicates, the books unchanged. */
    int64_t before = written();
    r = upload(&money_clerk, "meituan", 200, statement);
    CHECK(json_is_false(jget(r, "committed")));
    CHECK_INT(jint(r, "imported"), 0);
    CHECK_INT(jint(r, "duplicates"), 2);
    CHECK_INT(json_array_size(jget(r, "settlements")), 0);
    json_decref(r);
    CHECK_INT(written(), before);
    CHECK_INT(balance("bank", NULL), 18810);
}

/* Bad files: 400 with every problem's row and column; nothing written. */
static void bad_files(void)
{
    int64_t before = written();
    char csv[1024];
    snprintf(csv, sizeof csv,
             "券码,验券时间,券面值,用户实付,平台服务费,结算金额,结算日期,结算批次\n"
             "123412341234,%s 14:00:00,300.00,198.005,9.90,188.10,%s,JS9\n"
             ",%s 14:00:00,300.00,198.00,,,,\n",
             fx_day, fx_day, fx_day);
    json_t *r = upload(&money_clerk, "meituan", 400, csv);
    CHECK_STR(jerr(r), "import_refused");
    CHECK(json_is_false(jget(r, "committed")));
    CHECK_INT(json_array_size(jget(r, "errors")), 2);
    CHECK_INT(jint(r, "errors[0].row"), 2);
    CHECK_STR(jstr(r, "errors[0].column"), "用户实付");
    CHECK(strstr(jstr(r, "errors[0].reason"), "小数超过两位") != NULL);
    CHECK_INT(jint(r, "errors[1].row"), 3);
    CHECK_STR(jstr(r, "errors[1].column"), "券码");
    json_decref(r);
    /* The wrong platform's file: no code column under Meituan's map... */
    r = upload(&money_clerk, "meituan", 400, "订单号,金额\n1,2.00\n");
    CHECK_INT(jint(r, "errors[0].row"), 0);
    CHECK(strstr(jstr(r, "errors[0].reason"), "没有找到券码列") != NULL);
    json_decref(r);
    /* A voucher settled before, settled again in another batch: refused, with its row. */
    snprintf(csv, sizeof csv,
             "券码,验券时间,券面值,用户实付,平台服务费,结算金额,结算日期,结算批次\n"
             "111122223333,%s 14:03:00,300.00,198.00,9.90,188.10,%s,JS-OTHER\n",
             fx_day, fx_day);
    r = upload(&money_clerk, "meituan", 400, csv);
    CHECK_INT(jint(r, "errors[0].row"), 2);
    CHECK_STR(jstr(r, "errors[0].column"), "券码");
    CHECK(strstr(jstr(r, "errors[0].reason"), "JS1") != NULL);
    json_decref(r);
    /* No such platform; not a platform code. */
    r = upload(&money_clerk, "koubei", 404, "券码\n1\n");
    CHECK_STR(jstr(r, "error.field"), "platform");
    json_decref(r);
    r = upload(&money_clerk, "Mei%20Tuan", 400, "券码\n1\n");
    CHECK_STR(jstr(r, "error.field"), "platform");
    json_decref(r);
    CHECK_INT(written(), before);
    /* English on request. */
    money_clerk.english = true;
    r = upload(&money_clerk, "meituan", 400, "券码,结算金额,结算日期\nX1,,2025-01-01\n");
    CHECK_STR(jstr(r, "errors[0].reason"), "a settled row needs its settled net amount");
    json_decref(r);
    money_clerk.english = false;
}

/* A locked settlement day refuses the whole file (409 naming the day) and writes nothing;
 * the later rows alone import. On Douyin (its own receivable), without a batch column. */
static void locked_day(void)
{
    free(fx_sql("INSERT INTO business_days(venue_id, day, status, confirmed_by, confirmed_at) "
                "VALUES (1, '2024-03-01', 'confirmed', 'boss', 0)"));
    int64_t before = written();
    int64_t bank = balance("bank", NULL);
    char csv[1024];
    snprintf(csv, sizeof csv,
             "券码,核销时间,券面值,用户实付,平台服务费,结算金额,结算日期\n"
             "DY0001,2024-02-28 20:00:00,128.00,99.00,4.95,94.05,2024-03-01\n"
             "DY0002,%s 20:00:00,128.00,99.00,4.95,94.05,%s\n",
             fx_day, fx_day);
    json_t *r = upload(&money_clerk, "douyin", 409, csv);
    CHECK_STR(jerr(r), "day_locked");
    CHECK(strstr(jstr(r, "error.message"), "2024-03-01") != NULL);
    json_decref(r);
    CHECK_INT(written(), before);
    CHECK_INT(balance("bank", NULL), bank);
    /* The later row alone: settled on its day (no batch column: the date is the batch).
     *   Dr bank 94.05   Dr exp_platform_fee 4.95   Cr ar_groupbuy[douyin] 99.00
     * No bill used DY0002, so Douyin's receivable goes to -99.00 until one is found. */
    snprintf(csv, sizeof csv,
             "券码,核销时间,券面值,用户实付,平台服务费,结算金额,结算日期\n"
             "DY0002,%s 20:00:00,128.00,99.00,4.95,94.05,%s\n",
             fx_day, fx_day);
    r = upload(&money_clerk, "douyin", 201, csv);
    CHECK_STR(jstr(r, "settlements[0].batch"), fx_day);
    CHECK_INT(jint(r, "settlements[0].net_fen"), 9405);
    json_decref(r);
    CHECK_INT(balance("bank", NULL), bank + 9405);
    CHECK_INT(balance("ar_groupbuy", "douyin"), -9900);
    CHECK_INT(balance("exp_platform_fee", NULL), 990 + 495);
    CHECK_INT(balance("ar_groupbuy", "meituan"), 19800);
}

/* Platform settings: list with maps and receivables, edit a map, add a platform. */
static void platforms(void)
{
    json_t *p = GET(&money_clerk, 200, "/api/v1/groupbuy/platforms");
    CHECK_INT(json_array_size(jget(p, "items")), 3);
    CHECK_STR(jstr(p, "items[0].code"), "meituan");
    CHECK_STR(jstr(p, "items[0].name"), "美团");
    CHECK_STR(jstr(p, "items[0].columns.code"), "券码|团购券码|券号");
    CHECK_STR(jstr(p, "items[0].columns.paid"), "用户实付|团购价|售卖价");
    CHECK_INT(jint(p, "items[0].receivable_fen"), 19800);
    CHECK_STR(jstr(p, "items[1].code"), "douyin");
    CHECK_INT(jint(p, "items[1].receivable_fen"), -9900);
    CHECK_STR(jstr(p, "items[2].code"), "dianping");
    CHECK_INT(json_array_size(jget(p, "fields")), 8);
    json_decref(p);

    json_t *e = PUT(&money_clerk, 400, "/api/v1/groupbuy/platforms/dianping",
                    "{\"columns\":{\"net\":\"实收|用户实付\"}}");
    CHECK_STR(jstr(e, "error.field"), "columns.net");
    json_decref(e);
    e = PUT(&money_clerk, 400, "/api/v1/groupbuy/platforms/dianping",
            "{\"columns\":{\"amount\":\"金额\"}}");
    CHECK_STR(jstr(e, "error.field"), "columns.amount");
    json_decref(e);
    e = PUT(&money_clerk, 400, "/api/v1/groupbuy/platforms/dianping", "{\"code\":\"dp\"}");
    CHECK_STR(jerr(e), "unknown_field");
    json_decref(e);
    e = PUT(&money_clerk, 404, "/api/v1/groupbuy/platforms/nope", "{\"name\":\"x\"}");
    json_decref(e);
    json_t *d = PUT(&money_clerk, 200, "/api/v1/groupbuy/platforms/dianping",
                    "{\"name\":\"大众点评\",\"columns\":{\"batch\":\"\",\"code\":\"团购券号\"}}");
    CHECK_STR(jstr(d, "name"), "大众点评");
    CHECK_STR(jstr(d, "columns.code"), "团购券号");
    CHECK_STR(jstr(d, "columns.batch"), "");
    CHECK_STR(jstr(d, "columns.net"), "结算金额|商家应得|结算价");
    json_decref(d);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM audit_log WHERE entity = 'groupbuy_platform' AND "
                         "entity_id = 'dianping' AND action = 'update'"),
              1);
    /* The edited map reads the file it names. */
    json_t *r = upload(&money_clerk, "dianping", 201, "团购券号,验券时间\nDP1,2025-01-02 12:00\n");
    CHECK_INT(jint(r, "imported"), 1);
    json_decref(r);

    json_t *k = POST(&money_clerk, 201, "/api/v1/groupbuy/platforms",
                     "{\"code\":\"koubei\",\"name\":\"口碑\",\"columns\":{\"code\":\"券号\"}}");
    CHECK_STR(jstr(k, "code"), "koubei");
    CHECK(json_is_true(jget(k, "active")));
    CHECK_STR(jstr(k, "columns.fee"), "");
    json_decref(k);
    e = POST(&money_clerk, 409, "/api/v1/groupbuy/platforms",
             "{\"code\":\"koubei\",\"name\":\"口碑\",\"columns\":{\"code\":\"券号\"}}");
    CHECK_STR(jerr(e), "platform_exists");
    json_decref(e);
    e = POST(&money_clerk, 400, "/api/v1/groupbuy/platforms",
             "{\"code\":\"Kou Bei\",\"name\":\"口碑\",\"columns\":{\"code\":\"券号\"}}");
    CHECK_STR(jstr(e, "error.field"), "code");
    json_decref(e);
    e = POST(&money_clerk, 400, "/api/v1/groupbuy/platforms",
             "{\"code\":\"kb2\",\"name\":\"口碑2\"}");
    CHECK_STR(jstr(e, "error.field"), "columns.code");
    json_decref(e);
    /* A deactivated platform takes no statements. */
    json_decref(PUT(&money_clerk, 200, "/api/v1/groupbuy/platforms/koubei", "{\"active\":false}"));
    r = upload(&money_clerk, "koubei", 409, "券号\n1\n");
    CHECK_STR(jerr(r), "platform_inactive");
    json_decref(r);
}

/* The export carries the same rows; a cashier sees none of it. */
static void export_and_access(void)
{
    char path[200];
    snprintf(path, sizeof path,
             "/api/v1/groupbuy/reconciliation/export?format=csv&platform=meituan&from=%s&to=%s",
             fx_day, fx_day);
    struct response r = client_get(&money_clerk, path);
    CHECK_INT(r.status, 200);
    CHECK(strstr(r.content_type, "text/csv") != NULL);
    CHECK(r.body && strstr(r.body, "异常明细") && strstr(r.body, "444455556666") &&
          strstr(r.body, "999900001111") && strstr(r.body, "对账单有、账单未用"));
    response_free(&r);
    snprintf(path, sizeof path, "/api/v1/groupbuy/reconciliation/export?platform=meituan");
    r = client_get(&money_clerk, path);
    CHECK_INT(r.status, 200);
    CHECK(r.len > 4 && memcmp(r.body, "PK", 2) == 0);
    response_free(&r);
    r = client_get(&money_clerk, "/api/v1/groupbuy/reconciliation/export?format=pdf");
    CHECK_INT(r.status, 400);
    response_free(&r);
    r = client_get(&money_clerk, "/api/v1/groupbuy/reconciliation?from=2025-02-30");
    CHECK_INT(r.status, 400);
    response_free(&r);

    /* All platforms, all time: meituan's three, douyin's DY0002, dianping's DP1. */
    json_t *all = GET(&money_clerk, 200, "/api/v1/groupbuy/reconciliation");
    CHECK_INT(jint(all, "totals.vouchers"), 5);
    json_decref(all);
    json_t *imports = GET(&money_clerk, 200, "/api/v1/groupbuy/statements?platform=meituan");
    CHECK_INT(json_array_size(jget(imports, "items")), 1);
    CHECK_INT(jint(imports, "items[0].settled"), 1);
    CHECK_INT(jint(imports, "items[0].net_fen"), 18810);
    json_decref(imports);

    CHECK(add_user(&srv, "cashier9", "cashier", "cashier-pass-9"));
    struct client cashier = fx_login("cashier9", "cashier-pass-9");
    r = client_get(&cashier, "/api/v1/groupbuy/reconciliation");
    CHECK_INT(r.status, 403);
    response_free(&r);
    json_t *x = upload(&cashier, "meituan", 403, statement);
    json_decref(x);
    client_free(&cashier);
}

int main(void)
{
    if (!fx_start(4)) {
        printf("finance/groupbuy_api: 0 passed, 1 failed\n");
        return 1;
    }
    CHECK(add_user(&srv, "money", "finance", "money-pass-1"));
    admin = fx_login("admin", TEST_ADMIN_PASSWORD);
    money_clerk = fx_login("money", "money-pass-1");
    fx_open_shift(&admin);
    RUN(checkout_with_paid_price);
    RUN(import_and_reconcile);
    RUN(bad_files);
    RUN(locked_day);
    RUN(platforms);
    RUN(export_and_access);
    client_free(&admin);
    client_free(&money_clerk);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("finance/groupbuy_api");
}
