/* test_transfers_api.c: fund transfers and channel settlements (资金划转与渠道到账) against a
 * real server: what a settlement, a deposit and a withdrawal post; the balances page's figures;
 * the list's totals and filters; cancellation by a reversal entry today (which frees the
 * reference); a locked day refused with nothing written; every bad input a 400 naming its
 * field; roles without finance refused; a duplicate reference 409; the safe never below zero
 * on the books (a deposit, a backdated one, and the cancellation of a withdrawal). The books
 * are read with SQL on the server's database, and server_stop checks the trial balance. */
#include "support.h"
#include "core/bizday.h"
#include "core/http.h"
#include "harness.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASSWORD "transfer-pass-1"

static struct client admin, boss, money, cashier;

/* ---- helpers ---- */

static long long transfers_count(void)
{
    return sql_int("SELECT count(*) FROM fund_transfers");
}
static long long entries_count(void)
{
    return sql_int("SELECT count(*) FROM journal_entries");
}
static long long audit_count(void)
{
    return sql_int("SELECT count(*) FROM audit_log");
}

/* A transfer as c: from, to, amount and fee in yuan (fee NULL: none), day (NULL: today),
 * reference (NULL: none). */
static struct response transfer(struct client *c, const char *day, const char *from,
                                const char *to, const char *amount, const char *fee,
                                const char *reference)
{
    char dayf[40] = "", feef[40] = "", reff[120] = "";
    if (day) snprintf(dayf, sizeof dayf, "\"day\":\"%s\",", day);
    if (fee) snprintf(feef, sizeof feef, "\"fee\":\"%s\",", fee);
    if (reference) snprintf(reff, sizeof reff, "\"reference\":\"%s\",", reference);
    return post(c, "/api/v1/finance/transfers",
                "{%s%s%s\"from_account\":\"%s\",\"to_account\":\"%s\",\"amount\":\"%s\","
                "\"note\":\"测试\"}",
                dayf, feef, reff, from, to, amount);
}

static int64_t transfer_ok(struct client *c, const char *day, const char *from, const char *to,
                           const char *amount, const char *fee, const char *reference, int line)
{
    struct response r = transfer(c, day, from, to, amount, fee, reference);
    int64_t id = r.status == 201 ? jint(r.json, "transfer.id") : 0;
    if (r.status != 201) harness_fail(__FILE__, line, "transfer: %ld %s", r.status, r.body);
    response_free(&r);
    return id;
}

/* An income record (money arriving on a channel), posted at once. */
static void income(const char *day, const char *amount, const char *channel)
{
    struct response r = post(&money, "/api/v1/finance/records",
                             "{\"day\":\"%s\",\"kind\":\"income\",\"category\":\"other_income\","
                             "\"amount\":\"%s\",\"channel\":\"%s\"}",
                             day, amount, channel);
    if (r.status != 201 || strcmp(jstr(r.json, "record.status"), "posted") != 0)
        harness_fail(__FILE__, __LINE__, "income: %ld %s", r.status, r.body);
    response_free(&r);
}

/* ---- the tests ---- */

/* Money to move: WeChat takes 12,345.67 two days ago, Alipay 800.00, the safe 5,000.00. */
static void setup_money(void)
{
    struct response r =
        client_put(&boss, "/api/v1/finance/settings", "{\"approval_threshold_fen\":100000000}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    income(day_minus[2], "12345.67", "wechat");
    income(day_minus[2], "800.00", "alipay");
    income(day_minus[2], "5000.00", "cash");
    CHECK_INT(balance("clr_wechat"), 1234567);
    CHECK_INT(balance("safe"), 500000);
}

/* WeChat 12,345.67 arrives yesterday with a fee of 74.07:
 *   Dr 1005 bank 12,271.60   Dr 6012 channel fees 74.07   Cr 1011 WeChat clearing 12,345.67 */
static int64_t settlement_id;
static void settlement_posts(void)
{
    long long a0 = audit_count();
    struct response r = transfer(&money, day_minus[1], "clr_wechat", "bank", "12345.67", "74.07",
                                 "WX20260101001");
    CHECK_INT(r.status, 201);
    json_t *t = jpath(r.json, "transfer");
    settlement_id = jint(t, "id");
    CHECK_STR(jstr(t, "kind"), "settlement");
    CHECK_STR(jstr(t, "kind_name"), "渠道到账");
    CHECK_STR(jstr(t, "status"), "posted");
    CHECK_STR(jstr(t, "day"), day_minus[1]);
    CHECK_INT(jint(t, "amount_fen"), 1234567);
    CHECK_INT(jint(t, "fee_fen"), 7407);
    CHECK_INT(jint(t, "arrived_fen"), 1227160);
    CHECK_STR(jstr(t, "arrived"), "12271.60");
    CHECK_STR(jstr(t, "reference"), "WX20260101001");
    CHECK_STR(jstr(t, "created_by"), "money");
    CHECK_INT(json_array_size(json_object_get(t, "lines")), 3);
    CHECK_INT(line_of(t, "lines", "1005"), 1227160);
    CHECK_INT(line_of(t, "lines", "6012"), 7407);
    CHECK_INT(line_of(t, "lines", "1011"), -1234567);
    long long entry = jint(t, "entry_id");
    response_free(&r);
    CHECK_INT(balance("bank"), 1227160);
    CHECK_INT(balance("exp_channel_fees"), 7407);
    CHECK_INT(balance("clr_wechat"), 0);
    CHECK_INT(sql_int("SELECT count(*) FROM journal_entries WHERE id = %lld AND source_kind = "
                      "'transfer' AND source_id = %lld AND day = '%s' AND backfill = 0 AND "
                      "debit_fen = 1234567",
                      entry, (long long)settlement_id, day_minus[1]),
              1);
    CHECK_INT(audit_count(), a0 + 1);
    CHECK_INT(sql_int("SELECT count(*) FROM audit_log WHERE entity = 'fund_transfer' AND "
                      "entity_id = '%lld' AND action = 'create'",
                      (long long)settlement_id),
              1);
    /* The same by GET, and the amount as whole fen. */
    r = get(&boss, "/api/v1/finance/transfers/%lld", (long long)settlement_id);
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "transfer.entry_id"), entry);
    response_free(&r);
    r = client_post(&money, "/api/v1/finance/transfers",
             "{\"from_account\":\"clr_alipay\",\"to_account\":\"bank\",\"amount_fen\":80000,"
             "\"fee_fen\":480,\"reference\":\"ZFB-1\"}");
    CHECK_INT(r.status, 201);
    CHECK_STR(jstr(r.json, "transfer.day"), TODAY);
    CHECK_INT(jint(r.json, "transfer.arrived_fen"), 79520);
    response_free(&r);
    CHECK_INT(balance("bank"), 1227160 + 79520);
    CHECK_INT(balance("exp_channel_fees"), 7407 + 480);
    r = get(&money, "/api/v1/finance/transfers/999999");
    CHECK_INT(r.status, 404);
    response_free(&r);
}

/* Deposits: the safe gives what it holds from that day on, to the fen, never more. */
static void safe_never_below_zero(void)
{
    long long n0 = transfers_count(), e0 = entries_count(), a0 = audit_count();
    struct response r = transfer(&money, NULL, "safe", "bank", "5000.01", NULL, NULL);
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "safe_short");
    CHECK_STR(jstr(r.json, "error.field"), "amount");
    CHECK(strstr(r.body, "5,000.00") != NULL);
    response_free(&r);
    /* Three days ago the safe held nothing yet (the cash came two days ago). */
    r = transfer(&money, day_minus[3], "safe", "bank", "100.00", NULL, NULL);
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "safe_short");
    response_free(&r);
    CHECK_INT(transfers_count(), n0);
    CHECK_INT(entries_count(), e0);
    CHECK_INT(audit_count(), a0);
    /* 4,000.00 to the bank (存现) yesterday leaves 1,000.00. */
    int64_t dep = transfer_ok(&money, day_minus[1], "safe", "bank", "4000.00", NULL, "CX-1",
                              __LINE__);
    CHECK(dep > 0);
    CHECK_INT(balance("safe"), 100000);
    /* Two days ago the safe still had 5,000.00, but taking 1,000.01 then would leave it short
     * after yesterday's deposit. */
    r = transfer(&money, day_minus[2], "safe", "bank", "1000.01", NULL, NULL);
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "safe_short");
    response_free(&r);
    /* Cash drawn for change (取现) goes the other way; the bank's balance is not checked. */
    int64_t wd = transfer_ok(&money, NULL, "bank", "safe", "300.00", NULL, "QX-1", __LINE__);
    CHECK_INT(balance("safe"), 130000);
    r = get(&money, "/api/v1/finance/transfers/%lld", (long long)wd);
    CHECK_STR(jstr(r.json, "transfer.kind"), "withdrawal");
    response_free(&r);
    /* Everything to the bank, to the fen: the safe is 0.00 and that is allowed. */
    transfer_ok(&money, NULL, "safe", "bank", "1300.00", NULL, NULL, __LINE__);
    CHECK_INT(balance("safe"), 0);
    /* Now cancelling the withdrawal would take 300.00 the safe no longer has. */
    n0 = transfers_count();
    e0 = entries_count();
    r = post(&money, "/api/v1/finance/transfers/0/cancel", "{\"reason\":\"x\"}");
    CHECK_INT(r.status, 404);
    response_free(&r);
    char path[96];
    snprintf(path, sizeof path, "/api/v1/finance/transfers/%lld/cancel", (long long)wd);
    r = client_post(&money, path, "{\"reason\":\"录错金额\"}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "safe_short");
    response_free(&r);
    CHECK_INT(entries_count(), e0);
    CHECK_INT(sql_int("SELECT count(*) FROM fund_transfers WHERE id = %lld AND status = 'posted'",
                      (long long)wd),
              1);
}

static void duplicate_reference_is_refused(void)
{
    income(TODAY, "200.00", "wechat");
    long long n0 = transfers_count(), e0 = entries_count(), a0 = audit_count();
    struct response r =
        transfer(&money, NULL, "clr_wechat", "bank", "100.00", "0.60", "WX20260101001");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "duplicate_reference");
    CHECK_STR(jstr(r.json, "error.field"), "reference");
    response_free(&r);
    /* Blanks around it and another case are the same slip. */
    r = transfer(&money, NULL, "clr_wechat", "bank", "100.00", "0.60", " wx20260101001 ");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "duplicate_reference");
    response_free(&r);
    /* An amount above the cap says so (not "a whole number"). */
    r = client_post(&money, "/api/v1/finance/transfers",
             "{\"from_account\":\"bank\",\"to_account\":\"safe\",\"amount_fen\":1000000000001}");
    CHECK_INT(r.status, 400);
    CHECK(strstr(r.body, "金额过大") != NULL);
    response_free(&r);
    CHECK_INT(transfers_count(), n0);
    CHECK_INT(entries_count(), e0);
    CHECK_INT(audit_count(), a0);
    /* The same number from another channel is another batch. */
    transfer_ok(&money, NULL, "clr_card", "bank", "1.00", NULL, "WX20260101001", __LINE__);
}

/* Cancelling posts the reversal of the entry today, names it, and frees the reference. */
static void cancel_posts_the_reversal(void)
{
    long long bank0 = balance("bank"), fee0 = balance("exp_channel_fees"),
              wx0 = balance("clr_wechat"), a0 = audit_count();
    char path[96];
    snprintf(path, sizeof path, "/api/v1/finance/transfers/%lld/cancel", (long long)settlement_id);
    struct response r = client_post(&money, path, "{}");
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(r.json, "error.field"), "reason");
    response_free(&r);
    r = client_post(&money, path, "{\"reason\":\"  \"}");
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(r.json, "error.field"), "reason");
    response_free(&r);
    r = client_post(&money, path, "{\"reason\":\"到账金额录错\"}");
    CHECK_INT(r.status, 200);
    json_t *t = jpath(r.json, "transfer");
    CHECK_STR(jstr(t, "status"), "cancelled");
    CHECK_STR(jstr(t, "cancelled_by"), "money");
    CHECK_STR(jstr(t, "cancel_reason"), "到账金额录错");
    long long rev = jint(t, "reversal_entry_id");
    CHECK(rev > 0);
    CHECK_INT(line_of(t, "reversal_lines", "1005"), -1227160);
    CHECK_INT(line_of(t, "reversal_lines", "6012"), -7407);
    CHECK_INT(line_of(t, "reversal_lines", "1011"), 1234567);
    long long entry = jint(t, "entry_id");
    response_free(&r);
    CHECK_INT(sql_int("SELECT count(*) FROM journal_entries WHERE id = %lld AND source_kind = "
                      "'reversal' AND reverses_id = %lld AND day = '%s'",
                      rev, entry, TODAY),
              1);
    CHECK_INT(balance("bank") - bank0, -1227160);
    CHECK_INT(balance("exp_channel_fees") - fee0, -7407);
    CHECK_INT(balance("clr_wechat") - wx0, 1234567);
    CHECK_INT(audit_count(), a0 + 1);
    CHECK_INT(sql_int("SELECT count(*) FROM audit_log WHERE entity = 'fund_transfer' AND "
                      "action = 'cancel' AND entity_id = '%lld'",
                      (long long)settlement_id),
              1);
    /* Once. */
    r = client_post(&money, path, "{\"reason\":\"again\"}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "wrong_status");
    response_free(&r);
    /* The corrected one takes the same batch number. */
    int64_t again = transfer_ok(&money, day_minus[1], "clr_wechat", "bank", "12345.67", "74.07",
                                "WX20260101001", __LINE__);
    CHECK(again > settlement_id);
    CHECK_INT(balance("bank"), bank0);
}

static void list_and_totals(void)
{
    struct response r = client_get(&money, "/api/v1/finance/transfers");
    CHECK_INT(r.status, 200);
    long long n = sql_int("SELECT count(*) FROM fund_transfers");
    CHECK_INT(jint(r.json, "total"), n);
    CHECK_INT(jint(r.json, "totals.count"), n);
    CHECK_INT(jint(r.json, "totals.cancelled"), 1);
    long long amount = sql_int("SELECT sum(amount_fen) FROM fund_transfers WHERE status = 'posted'");
    long long fee = sql_int("SELECT sum(fee_fen) FROM fund_transfers WHERE status = 'posted'");
    CHECK_INT(jint(r.json, "totals.amount_fen"), amount);
    CHECK_INT(jint(r.json, "totals.fee_fen"), fee);
    CHECK_INT(jint(r.json, "totals.arrived_fen"), amount - fee);
    CHECK_INT(fee, 7407 + 480);
    /* Newest day first. */
    CHECK(strcmp(jstr(r.json, "items.0.day"), jstr(r.json, "items.1.day")) >= 0);
    response_free(&r);
    /* One account, either side: the safe. */
    r = client_get(&money, "/api/v1/finance/transfers?account=safe");
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "total"), 3);
    response_free(&r);
    /* Days: yesterday only (the settlement, its correction, the deposit). */
    r = get(&money, "/api/v1/finance/transfers?from=%s&to=%s", day_minus[1], day_minus[1]);
    CHECK_INT(jint(r.json, "total"), 3);
    CHECK_INT(jint(r.json, "totals.fee_fen"), 7407);
    response_free(&r);
    r = client_get(&money, "/api/v1/finance/transfers?page=2&page_size=2");
    CHECK_INT(r.status, 200);
    CHECK_INT(json_array_size(json_object_get(r.json, "items")), 2);
    response_free(&r);
    r = client_get(&money, "/api/v1/finance/transfers?account=cash");
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(r.json, "error.field"), "account");
    response_free(&r);
    r = client_get(&money, "/api/v1/finance/transfers?from=2026-13-01");
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(r.json, "error.field"), "from");
    response_free(&r);
}

/* The cards: every money account's balance, and what each channel took in this week. */
static void balances(void)
{
    struct response r = client_get(&boss, "/api/v1/finance/balances");
    CHECK_INT(r.status, 200);
    CHECK_STR(jstr(r.json, "today"), TODAY);
    CHECK_INT(json_array_size(json_object_get(r.json, "items")), 6);
    size_t i;
    json_t *o;
    int seen = 0;
    json_array_foreach(json_object_get(r.json, "items"), i, o)
    {
        const char *key = jstr(o, "account");
        CHECK_INT(jint(o, "balance_fen"), balance(key));
        if (strcmp(key, "clr_wechat") == 0) {
            seen++;
            CHECK_STR(jstr(o, "code"), "1011");
            CHECK_INT(json_array_size(json_object_get(o, "received")), 7);
            /* Two days ago 12,345.67, today 200.00; the settlements are not takings. */
            CHECK_STR(jstr(o, "received.4.day"), day_minus[2]);
            CHECK_INT(jint(o, "received.4.received_fen"), 1234567);
            CHECK_INT(jint(o, "received.6.received_fen"), 20000);
            CHECK_INT(jint(o, "received.5.received_fen"), 0);
            CHECK_INT(jint(o, "received_7d_fen"), 1234567 + 20000);
            CHECK_INT(jint(o, "rate_bp"), 60);
            CHECK_STR(jstr(o, "expected.for_day"), day_minus[1]);
        }
        if (strcmp(key, "safe") == 0) {
            seen++;
            CHECK(json_is_false(json_object_get(o, "clearing")));
            CHECK(json_object_get(o, "received") == NULL);
        }
    }
    CHECK_INT(seen, 2);
    response_free(&r);
}

static void expect_400(struct response r, const char *field, int line)
{
    if (r.status != 400 || strcmp(jstr(r.json, "error.field"), field) != 0)
        harness_fail(__FILE__, line, "expected 400 on %s, got %ld %s", field, r.status, r.body);
    response_free(&r);
}

static void bad_input_is_refused(void)
{
    long long n0 = transfers_count(), e0 = entries_count(), a0 = audit_count();
    const char *url = "/api/v1/finance/transfers";
    char tomorrow[11];
    int64_t d;
    date_parse(TODAY, &d);
    date_format(d + 1, tomorrow);
    expect_400(transfer(&money, NULL, "clr_wechat", "bank", "12.345", NULL, NULL), "amount",
               __LINE__);
    expect_400(transfer(&money, NULL, "clr_wechat", "bank", "-5.00", NULL, NULL), "amount",
               __LINE__);
    expect_400(transfer(&money, NULL, "clr_wechat", "bank", "0.00", NULL, NULL), "amount",
               __LINE__);
    expect_400(transfer(&money, NULL, "clr_wechat", "bank", "1,000.00", NULL, NULL), "amount",
               __LINE__);
    expect_400(transfer(&money, NULL, "clr_wechat", "bank", "¥13", NULL, NULL), "amount",
               __LINE__);
    expect_400(transfer(&money, NULL, "clr_wechat", "bank", "100.00", "-0.01", NULL), "fee",
               __LINE__);
    expect_400(transfer(&money, NULL, "clr_wechat", "bank", "100.00", "100.00", NULL), "fee",
               __LINE__);
    expect_400(transfer(&money, NULL, "clr_wechat", "bank", "100.00", "0.605", NULL), "fee",
               __LINE__);
    expect_400(transfer(&money, NULL, "safe", "bank", "100.00", "1.00", NULL), "fee", __LINE__);
    expect_400(transfer(&money, NULL, "bank", "safe", "100.00", "1.00", NULL), "fee", __LINE__);
    expect_400(transfer(&money, NULL, "bank", "bank", "100.00", NULL, NULL), "to_account",
               __LINE__);
    expect_400(transfer(&money, NULL, "safe", "clr_wechat", "100.00", NULL, NULL), "to_account",
               __LINE__);
    expect_400(transfer(&money, NULL, "cash", "bank", "100.00", NULL, NULL), "from_account",
               __LINE__);
    expect_400(transfer(&money, tomorrow, "clr_wechat", "bank", "1.00", NULL, NULL), "day",
               __LINE__);
    expect_400(transfer(&money, "2024-02-30", "clr_wechat", "bank", "1.00", NULL, NULL), "day",
               __LINE__);
    expect_400(transfer(&money, NULL, "clr_wechat", "bank", "1.00", NULL,
                        "12345678901234567890123456789012345678901"),
               "reference", __LINE__);
    expect_400(post(&money, url, "{\"to_account\":\"bank\",\"amount\":\"1.00\"}"), "from_account",
               __LINE__);
    expect_400(post(&money, url, "{\"from_account\":\"safe\",\"to_account\":\"bank\"}"), "amount",
               __LINE__);
    expect_400(post(&money, url,
                    "{\"from_account\":\"safe\",\"to_account\":\"bank\",\"amount\":\"1.00\","
                    "\"amount_fen\":100}"),
               "amount", __LINE__);
    expect_400(post(&money, url,
                    "{\"from_account\":\"safe\",\"to_account\":\"bank\",\"amount\":100}"),
               "amount", __LINE__);
    expect_400(post(&money, url,
                    "{\"from_account\":\"safe\",\"to_account\":\"bank\",\"amount_fen\":1.5}"),
               "amount_fen", __LINE__);
    expect_400(post(&money, url,
                    "{\"from_account\":\"safe\",\"to_account\":\"bank\",\"amount\":\"1.00\","
                    "\"colour\":\"red\"}"),
               "colour", __LINE__);
    struct response r = post(&money, url, "{not json");
    CHECK_INT(r.status, 400);
    response_free(&r);
    CHECK_INT(transfers_count(), n0);
    CHECK_INT(entries_count(), e0);
    CHECK_INT(audit_count(), a0);
}

static void roles_without_finance_are_refused(void)
{
    long long n0 = transfers_count();
    struct response r = transfer(&cashier, NULL, "clr_wechat", "bank", "1.00", NULL, NULL);
    CHECK_INT(r.status, 403);
    response_free(&r);
    r = client_get(&cashier, "/api/v1/finance/transfers");
    CHECK_INT(r.status, 403);
    response_free(&r);
    r = client_get(&cashier, "/api/v1/finance/balances");
    CHECK_INT(r.status, 403);
    response_free(&r);
    char path[96];
    snprintf(path, sizeof path, "/api/v1/finance/transfers/%lld/cancel", (long long)settlement_id);
    r = client_post(&cashier, path, "{\"reason\":\"x\"}");
    CHECK_INT(r.status, 403);
    response_free(&r);
    CHECK_INT(transfers_count(), n0);
}

static void locked_day_refuses(void)
{
    char path[96];
    snprintf(path, sizeof path, "/api/v1/business-days/%s/confirm", day_minus[4]);
    struct response r = client_post(&boss, path, "{}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    income(TODAY, "300.00", "alipay");
    long long n0 = transfers_count(), e0 = entries_count(), a0 = audit_count();
    r = transfer(&money, day_minus[4], "clr_alipay", "bank", "100.00", "0.60", "ZFB-LOCK");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "day_locked");
    CHECK(strstr(r.body, day_minus[4]) != NULL);
    response_free(&r);
    CHECK_INT(transfers_count(), n0);
    CHECK_INT(entries_count(), e0);
    CHECK_INT(audit_count(), a0);
    /* The day after is open. */
    transfer_ok(&money, day_minus[3], "clr_alipay", "bank", "100.00", "0.60", "ZFB-LOCK",
                __LINE__);
}

/* Last: today confirmed, a cancellation (dated today) is refused and nothing moves. */
static void cancel_refused_when_today_is_locked(void)
{
    int64_t id = transfer_ok(&money, NULL, "clr_alipay", "bank", "50.00", "0.30", NULL, __LINE__);
    char path[96];
    snprintf(path, sizeof path, "/api/v1/business-days/%s/confirm", TODAY);
    struct response r = client_post(&boss, path, "{}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    long long e0 = entries_count(), a0 = audit_count();
    snprintf(path, sizeof path, "/api/v1/finance/transfers/%lld/cancel", (long long)id);
    r = client_post(&money, path, "{\"reason\":\"重复登记\"}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "day_locked");
    response_free(&r);
    CHECK_INT(entries_count(), e0);
    CHECK_INT(audit_count(), a0);
    CHECK_INT(sql_int("SELECT count(*) FROM fund_transfers WHERE id = %lld AND status = 'posted'",
                      (long long)id),
              1);
    r = transfer(&money, NULL, "clr_alipay", "bank", "1.00", NULL, NULL);
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "day_locked");
    response_free(&r);
}

/* The table refuses what the API would never write. */
static void the_table_is_append_only(void)
{
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(srv.db, &db) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    CHECK(sqlite3_exec(db, "UPDATE fund_transfers SET amount_fen = amount_fen + 1", NULL, NULL,
                       NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "DELETE FROM fund_transfers", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE fund_transfers SET status = 'posted' WHERE status = "
                           "'cancelled'",
                       NULL, NULL, NULL) != SQLITE_OK);
    sqlite3_close(db);
    CHECK_INT(sql_int("SELECT count(*) FROM accounts WHERE system_key = 'exp_channel_fees' AND "
                      "code = '6012' AND type = 'expense'"),
              1);
}

int main(void)
{
    if (!server_start(&srv, NULL) || !add_user(&srv, "boss", "manager", PASSWORD) ||
        !add_user(&srv, "money", "finance", PASSWORD) ||
        !add_user(&srv, "cash1", "cashier", PASSWORD)) {
        fprintf(stderr, "server did not start\n");
        return harness_finish("finance/transfers_api");
    }
    admin = login("admin", TEST_ADMIN_PASSWORD);
    boss = login("boss", PASSWORD);
    money = login("money", PASSWORD);
    cashier = login("cash1", PASSWORD);
    if (!steady_days(&admin)) harness_fail(__FILE__, __LINE__, "cannot steady the business day");
    RUN(setup_money);
    RUN(settlement_posts);
    RUN(safe_never_below_zero);
    RUN(duplicate_reference_is_refused);
    RUN(cancel_posts_the_reversal);
    RUN(list_and_totals);
    RUN(balances);
    RUN(bad_input_is_refused);
    RUN(roles_without_finance_are_refused);
    RUN(locked_day_refuses);
    RUN(cancel_refused_when_today_is_locked);
    RUN(the_table_is_append_only);
    client_free(&admin);
    client_free(&boss);
    client_free(&money);
    client_free(&cashier);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("finance/transfers_api");
}
