/* test_records.c: income and expense records (财务收支, issue 4 item 2): the pure rules
 * (channels, categories, approval threshold, the posting rule, receipt types by magic bytes),
 * then the API against a real server: what each record posts to the books, approval above the
 * threshold by a manager who did not write it, cancellation by a reversal entry, locked days,
 * bad input, receipts stored outside the database and served only to finance, and the list's
 * filters, totals and exports. The books are checked with SQL on the server's database. */
#include "support.h"
#include "core/bizday.h"
#include "finance/records.h"
#include "harness.h"

#include <curl/curl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PASSWORD "records-pass-1"

static struct client admin, boss, boss2, money, cashier;

/* ---- helpers ---- */

/* Writes a record as c; returns the reply (the caller frees). */
static struct response create(struct client *c, const char *day, const char *kind,
                              const char *category, const char *amount, const char *channel,
                              const char *counterparty, const char *note)
{
    char dayf[40] = "";
    if (day) snprintf(dayf, sizeof dayf, "\"day\":\"%s\",", day);
    return post(c, "/api/v1/finance/records",
                "{%s\"kind\":\"%s\",\"category\":\"%s\",\"amount\":\"%s\",\"channel\":\"%s\","
                "\"counterparty\":\"%s\",\"note\":\"%s\"}",
                dayf, kind, category, amount, channel, counterparty, note);
}

/* create() expecting 201; returns the record id (0 on failure). */
static int64_t create_ok(struct client *c, const char *day, const char *kind, const char *category,
                         const char *amount, const char *channel, const char *counterparty,
                         const char *note)
{
    struct response r = create(c, day, kind, category, amount, channel, counterparty, note);
    int64_t id = r.status == 201 ? jint(r.json, "record.id") : 0;
    if (r.status != 201) harness_fail(__FILE__, __LINE__, "create: %ld %s", r.status, r.body);
    response_free(&r);
    return id;
}

/* ---- the rules ---- */

static void rules_channels_and_categories(void)
{
    /* The one channel table: four channels and the account each moves; petty cash has its own
     * register. */
    CHECK_INT(record_channel_count, 4);
    CHECK_STR(record_channel_find("cash")->account_key, "safe");
    CHECK_STR(record_channel_find("bank")->account_key, "bank");
    CHECK_STR(record_channel_find("wechat")->account_key, "clr_wechat");
    CHECK_STR(record_channel_find("alipay")->account_key, "clr_alipay");
    CHECK(record_channel_find("petty_cash") == NULL);
    CHECK(record_channel_find("card") == NULL);
    CHECK(record_channel_find("") == NULL);
    CHECK(record_channel_find(NULL) == NULL);
    /* Expense records name expense accounts; income records revenue and other income. */
    CHECK(record_category_fits(true, "expense", "expense"));
    CHECK(!record_category_fits(true, "expense", "cost"));
    CHECK(!record_category_fits(true, "revenue", "revenue"));
    CHECK(!record_category_fits(true, "asset", "bank"));
    CHECK(record_category_fits(false, "revenue", "revenue"));
    CHECK(record_category_fits(false, "revenue", "other_income"));
    CHECK(!record_category_fits(false, "revenue", "contra"));
    CHECK(!record_category_fits(false, "expense", "expense"));
    CHECK(!record_category_fits(false, "liability", "stored_value"));
    CHECK(!record_category_fits(false, NULL, "revenue"));
    /* Above the threshold waits; at it posts. */
    CHECK(!record_needs_approval(100000, 100000));
    CHECK(record_needs_approval(100001, 100000));
    CHECK(!record_needs_approval(1, 100000));
    CHECK(record_needs_approval(1, 0));
}

static void rules_posting(void)
{
    struct journal_entry e;
    /* Expense 350.00 rent by bank: Dr exp_rent 35000 / Cr bank 35000. */
    record_entry_rule(&e, "2025-03-01", 7, true, "exp_rent", "bank", 35000, "m");
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(e.nlines, 2);
    CHECK_INT(journal_amount(&e, "exp_rent", NULL), 35000);
    CHECK_INT(journal_amount(&e, "bank", NULL), -35000);
    CHECK_INT(journal_debits(&e), 35000);
    CHECK_STR(e.source_kind, "record");
    CHECK_INT(e.source_id, 7);
    CHECK_STR(e.day, "2025-03-01");
    /* Income 888.00 by WeChat: Dr clr_wechat 88800 / Cr other_income 88800. */
    record_entry_rule(&e, "2025-03-02", 8, false, "other_income", "clr_wechat", 88800, "m");
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "clr_wechat", NULL), 88800);
    CHECK_INT(journal_amount(&e, "other_income", NULL), -88800);
}

static void rules_receipt_types(void)
{
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};
    static const unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10};
    static const char webp[] = "RIFF\x10\0\0\0WEBPVP8 ";
    static const char pdf[] = "%PDF-1.7\n";
    CHECK_STR(receipt_sniff(png, sizeof png)->mime, "image/png");
    CHECK_STR(receipt_sniff(png, sizeof png)->ext, "png");
    CHECK_STR(receipt_sniff(jpg, sizeof jpg)->mime, "image/jpeg");
    CHECK_STR(receipt_sniff(webp, sizeof webp - 1)->mime, "image/webp");
    CHECK_STR(receipt_sniff(pdf, sizeof pdf - 1)->ext, "pdf");
    /* Too short for its magic, text, a RIFF that is not WebP (a WAV), nothing. */
    CHECK(receipt_sniff(png, 7) == NULL);
    CHECK(receipt_sniff("hello, I am text", 16) == NULL);
    CHECK(receipt_sniff("RIFF\x10\0\0\0WAVEfmt ", 16) == NULL);
    CHECK(receipt_sniff("", 0) == NULL);
    CHECK_STR(receipt_type_of_mime("image/PNG")->ext, "png");
    CHECK_STR(receipt_type_of_mime("application/pdf; charset=binary")->ext, "pdf");
    CHECK(receipt_type_of_mime("image/gif") == NULL);
    CHECK(receipt_type_of_mime("image/pngx") == NULL);
    CHECK(receipt_type_of_mime(NULL) == NULL);
}

/* ---- posting ---- */

/* Rent 350.00 paid by bank: exp_rent +35000, bank -35000, one entry of source "record" dated
 * today; the record shows the same lines. */
static void expense_posts_to_the_books(void)
{
    long long rent0 = balance("exp_rent"), bank0 = balance("bank");
    struct response r = create(&money, NULL, "expense", "exp_rent", "350.00", "bank", "物业公司",
                               "三月房租");
    CHECK_INT(r.status, 201);
    int64_t id = jint(r.json, "record.id");
    CHECK_STR(jstr(r.json, "record.status"), "posted");
    CHECK_STR(jstr(r.json, "record.day"), TODAY);
    CHECK_INT(jint(r.json, "record.amount_fen"), 35000);
    CHECK_STR(jstr(r.json, "record.amount"), "350.00");
    CHECK_STR(jstr(r.json, "record.category_code"), "6001");
    CHECK_STR(jstr(r.json, "record.created_by"), "money");
    CHECK_INT(json_array_size(jpath(r.json, "record.lines")), 2);
    CHECK_INT(line_of(jpath(r.json, "record"), "lines", "6001"), 35000);
    CHECK_INT(line_of(jpath(r.json, "record"), "lines", "1005"), -35000);
    int64_t entry = jint(r.json, "record.entry_id");
    response_free(&r);
    CHECK_INT(balance("exp_rent") - rent0, 35000);
    CHECK_INT(balance("bank") - bank0, -35000);
    CHECK_INT(sql_int("SELECT count(*) FROM journal_entries WHERE id = %lld AND source_kind = "
                      "'record' AND source_id = %lld AND day = '%s' AND debit_fen = 35000 AND "
                      "backfill = 0",
                      (long long)entry, (long long)id, TODAY),
              1);
    /* GET shows the record with its entry and its history. */
    r = get(&money, "/api/v1/finance/records/%lld", (long long)id);
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "record.entry_id"), entry);
    CHECK_STR(jstr(r.json, "record.counterparty"), "物业公司");
    CHECK_STR(jstr(r.json, "record.history.0.action"), "create");
    CHECK_STR(jstr(r.json, "record.history.0.to_status"), "posted");
    CHECK_INT(jint(r.json, "record.history.0.entry_id"), entry);
    response_free(&r);

    /* A category by its id (utilities, from the category list) and by its code. */
    r = client_get(&money, "/api/v1/finance/categories?kind=expense");
    CHECK_INT(r.status, 200);
    long long utilities = 0;
    size_t i;
    json_t *c;
    bool revenue_listed = false;
    json_array_foreach(json_object_get(r.json, "items"), i, c)
    {
        if (strcmp(jstr(c, "code"), "6002") == 0) utilities = jint(c, "id");
        if (strcmp(jstr(c, "kind"), "expense") != 0) revenue_listed = true;
    }
    CHECK(utilities > 0);
    CHECK(!revenue_listed);
    CHECK_INT(json_array_size(json_object_get(r.json, "channels")), 4);
    CHECK_STR(jstr(r.json, "channels.0.account"), "safe");
    response_free(&r);
    long long util0 = balance("exp_utilities"), alipay0 = balance("clr_alipay");
    r = post(&money, "/api/v1/finance/records",
             "{\"kind\":\"expense\",\"category\":%lld,\"amount_fen\":1234,\"channel\":\"alipay\"}",
             utilities);
    CHECK_INT(r.status, 201);
    response_free(&r);
    CHECK_INT(balance("exp_utilities") - util0, 1234);
    CHECK_INT(balance("clr_alipay") - alipay0, -1234);
    r = create(&money, NULL, "expense", "6004", "0.01", "cash", "", "");
    CHECK_INT(r.status, 201);
    CHECK_STR(jstr(r.json, "record.category_code"), "6004");
    CHECK_INT(line_of(jpath(r.json, "record"), "lines", "1002"), -1);
    response_free(&r);
}

/* Income 888.00 by WeChat to other income: clr_wechat +88800, other_income -88800. */
static void income_posts_to_the_books(void)
{
    long long wx0 = balance("clr_wechat"), oi0 = balance("other_income");
    struct response r = create(&money, NULL, "income", "other_income", "888.00", "wechat",
                               "赞助商", "周年庆赞助");
    CHECK_INT(r.status, 201);
    CHECK_STR(jstr(r.json, "record.kind"), "income");
    CHECK_INT(line_of(jpath(r.json, "record"), "lines", "1011"), 88800);
    CHECK_INT(line_of(jpath(r.json, "record"), "lines", "4201"), -88800);
    response_free(&r);
    CHECK_INT(balance("clr_wechat") - wx0, 88800);
    CHECK_INT(balance("other_income") - oi0, -88800);
    /* A revenue account is an income category too (the chart's code 4006). */
    r = create(&money, NULL, "income", "4006", "50.00", "cash", "", "场地出租");
    CHECK_INT(r.status, 201);
    CHECK_INT(line_of(jpath(r.json, "record"), "lines", "4006"), -5000);
    response_free(&r);
}

/* ---- approval ---- */

static void approval_above_the_threshold(void)
{
    /* At the threshold (1,000.00 by default) a record posts; a fen above, it waits. */
    struct response r = client_get(&money, "/api/v1/finance/settings");
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "approval_threshold_fen"), 100000);
    CHECK_INT(jint(r.json, "receipt_max_bytes"), 5 * 1024 * 1024);
    response_free(&r);
    r = create(&money, NULL, "expense", "exp_repairs", "1000.00", "bank", "维修公司", "空调");
    CHECK_STR(jstr(r.json, "record.status"), "posted");
    response_free(&r);
    long long repairs0 = balance("exp_repairs"), bank0 = balance("bank");
    long long entries0 = sql_int("SELECT count(*) FROM journal_entries");
    r = create(&boss, NULL, "expense", "exp_repairs", "1000.01", "bank", "维修公司", "音响");
    CHECK_INT(r.status, 201);
    int64_t id = jint(r.json, "record.id");
    CHECK_STR(jstr(r.json, "record.status"), "pending");
    CHECK(json_is_null(jpath(r.json, "record.entry_id")));
    CHECK_INT(json_array_size(jpath(r.json, "record.lines")), 0);
    CHECK(json_is_false(jpath(r.json, "record.can_approve"))); /* its own writer */
    response_free(&r);
    /* Not in the books while it waits. */
    CHECK_INT(balance("exp_repairs"), repairs0);
    CHECK_INT(sql_int("SELECT count(*) FROM journal_entries"), entries0);

    char path[96];
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/approve", (long long)id);
    /* Finance clerks do not approve; nor does the manager who wrote it. */
    r = client_post(&money, path, "{}");
    CHECK_INT(r.status, 403);
    CHECK_STR(response_error_code(&r), "not_approver");
    response_free(&r);
    r = client_post(&boss, path, "{}");
    CHECK_INT(r.status, 403);
    CHECK_STR(response_error_code(&r), "own_record");
    response_free(&r);
    r = client_post(&cashier, path, "{}");
    CHECK_INT(r.status, 403);
    response_free(&r);
    CHECK_INT(balance("exp_repairs"), repairs0);
    /* Another manager approves: it posts into its own day. */
    r = client_post(&boss2, path, "{\"note\":\"已核实报价\"}");
    CHECK_INT(r.status, 200);
    CHECK_STR(jstr(r.json, "record.status"), "posted");
    CHECK_STR(jstr(r.json, "record.decided_by"), "boss2");
    CHECK_STR(jstr(r.json, "record.decision_note"), "已核实报价");
    int64_t entry = jint(r.json, "record.entry_id");
    CHECK(entry > 0);
    CHECK_INT(line_of(jpath(r.json, "record"), "lines", "6004"), 100001);
    /* Who wrote it, who approved it, when: the history. */
    CHECK_INT(json_array_size(jpath(r.json, "record.history")), 2);
    CHECK_STR(jstr(r.json, "record.history.0.by"), "boss");
    CHECK_STR(jstr(r.json, "record.history.0.to_status"), "pending");
    CHECK_STR(jstr(r.json, "record.history.1.action"), "approve");
    CHECK_STR(jstr(r.json, "record.history.1.by"), "boss2");
    CHECK_INT(jint(r.json, "record.history.1.entry_id"), entry);
    CHECK(jint(r.json, "record.history.1.at") > 0);
    response_free(&r);
    CHECK_INT(balance("exp_repairs") - repairs0, 100001);
    CHECK_INT(balance("bank") - bank0, -100001);
    CHECK_INT(sql_int("SELECT count(*) FROM journal_entries WHERE id = %lld AND by_user = 'boss2' "
                      "AND source_id = %lld",
                      (long long)entry, (long long)id),
              1);
    /* Approved once only. */
    r = client_post(&boss2, path, "{}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "wrong_status");
    response_free(&r);
    CHECK_INT(sql_int("SELECT count(*) FROM audit_log WHERE entity = 'finance_record' AND "
                      "entity_id = '%lld' AND action = 'approve'",
                      (long long)id),
              1);

    /* An admin may approve a finance clerk's record. */
    id = create_ok(&money, NULL, "expense", "exp_marketing", "5000.00", "bank", "", "");
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/approve", (long long)id);
    r = client_post(&admin, path, NULL);
    CHECK_INT(r.status, 200);
    CHECK_STR(jstr(r.json, "record.status"), "posted");
    response_free(&r);
}

static void rejection_posts_nothing(void)
{
    long long entries0 = sql_int("SELECT count(*) FROM journal_entries");
    int64_t id = create_ok(&money, NULL, "expense", "exp_other", "2000.00", "cash", "", "");
    char path[96];
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/reject", (long long)id);
    struct response r = client_post(&boss, path, "{}");
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(r.json, "error.field"), "reason");
    response_free(&r);
    r = client_post(&boss, path, "{\"reason\":\"没有报价单\"}");
    CHECK_INT(r.status, 200);
    CHECK_STR(jstr(r.json, "record.status"), "rejected");
    CHECK_STR(jstr(r.json, "record.decided_by"), "boss");
    CHECK_STR(jstr(r.json, "record.decision_note"), "没有报价单");
    response_free(&r);
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/approve", (long long)id);
    r = client_post(&boss2, path, "{}");
    CHECK_INT(r.status, 409);
    response_free(&r);
    CHECK_INT(sql_int("SELECT count(*) FROM journal_entries"), entries0);
    /* The writer may withdraw their own pending record. */
    id = create_ok(&money, NULL, "expense", "exp_other", "2000.00", "cash", "", "");
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/reject", (long long)id);
    r = client_post(&money, path, "{\"reason\":\"录错金额\"}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    CHECK_INT(sql_int("SELECT count(*) FROM journal_entries"), entries0);
}

static void settings_change(void)
{
    struct response r = client_put(&cashier, "/api/v1/finance/settings",
                                   "{\"approval_threshold_fen\":1}");
    CHECK_INT(r.status, 403);
    response_free(&r);
    r = client_put(&money, "/api/v1/finance/settings", "{\"receipt_max_bytes\":100}");
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(r.json, "error.field"), "receipt_max_bytes");
    response_free(&r);
    r = client_put(&boss, "/api/v1/finance/settings", "{\"approval_threshold_fen\":-1}");
    CHECK_INT(r.status, 400);
    response_free(&r);
    /* The approval line is a control over finance: finance cannot move it (it could otherwise
     * raise it and post any amount unapproved); the receipt size it may set. */
    r = client_put(&money, "/api/v1/finance/settings", "{\"approval_threshold_fen\":20000}");
    CHECK_INT(r.status, 403);
    CHECK_STR(response_error_code(&r), "manager_only");
    CHECK_STR(jstr(r.json, "error.field"), "approval_threshold_fen");
    response_free(&r);
    r = client_put(&money, "/api/v1/finance/settings", "{\"threshold\":1}");
    CHECK_INT(r.status, 400);
    CHECK_STR(response_error_code(&r), "unknown_field");
    response_free(&r);
    /* 200.00: a record of 200.01 now waits, one of 200.00 posts. */
    r = client_put(&boss, "/api/v1/finance/settings", "{\"approval_threshold_fen\":20000}");
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "approval_threshold_fen"), 20000);
    CHECK_STR(jstr(r.json, "updated_by"), "boss");
    response_free(&r);
    r = create(&money, NULL, "expense", "exp_office", "200.01", "cash", "", "");
    CHECK_STR(jstr(r.json, "record.status"), "pending");
    int64_t id = jint(r.json, "record.id");
    response_free(&r);
    r = create(&money, NULL, "expense", "exp_office", "200.00", "cash", "", "");
    CHECK_STR(jstr(r.json, "record.status"), "posted");
    response_free(&r);
    char path[96];
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/reject", (long long)id);
    r = client_post(&money, path, "{\"reason\":\"测试\"}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    r = client_put(&boss, "/api/v1/finance/settings", "{\"approval_threshold_fen\":100000}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    CHECK_INT(sql_int("SELECT count(*) FROM audit_log WHERE entity = 'finance_settings'"), 2);
}

/* ---- cancellation ---- */

static void cancel_posts_a_reversal(void)
{
    long long clean0 = balance("exp_cleaning"), safe0 = balance("safe");
    int64_t id = create_ok(&money, day_minus[1], "expense", "exp_cleaning", "120.00", "cash",
                           "保洁公司", "");
    CHECK_INT(balance("exp_cleaning") - clean0, 12000);
    CHECK_INT(balance("safe") - safe0, -12000);
    char path[96];
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/cancel", (long long)id);
    struct response r = client_post(&money, path, "{}");
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(r.json, "error.field"), "reason");
    response_free(&r);
    r = client_post(&cashier, path, "{\"reason\":\"x\"}");
    CHECK_INT(r.status, 403);
    response_free(&r);
    r = client_post(&money, path, "{\"reason\":\"重复录入\"}");
    CHECK_INT(r.status, 200);
    CHECK_STR(jstr(r.json, "record.status"), "cancelled");
    CHECK_STR(jstr(r.json, "record.cancelled_by"), "money");
    CHECK_STR(jstr(r.json, "record.cancel_reason"), "重复录入");
    int64_t entry = jint(r.json, "record.entry_id"), rev = jint(r.json, "record.reversal_entry_id");
    CHECK(rev > entry && entry > 0);
    /* The reversal turns each line round, dated today (the record was yesterday's). */
    CHECK_INT(line_of(jpath(r.json, "record"), "reversal_lines", "6005"), -12000);
    CHECK_INT(line_of(jpath(r.json, "record"), "reversal_lines", "1002"), 12000);
    CHECK_STR(jstr(r.json, "record.reversal_lines.0.day"), TODAY);
    CHECK_STR(jstr(r.json, "record.lines.0.day"), day_minus[1]);
    CHECK_STR(jstr(r.json, "record.history.1.action"), "cancel");
    CHECK_INT(jint(r.json, "record.history.1.entry_id"), rev);
    response_free(&r);
    CHECK_INT(sql_int("SELECT count(*) FROM journal_entries WHERE id = %lld AND reverses_id = %lld "
                      "AND source_kind = 'reversal' AND day = '%s'",
                      (long long)rev, (long long)entry, TODAY),
              1);
    /* Back to where they were. */
    CHECK_INT(balance("exp_cleaning"), clean0);
    CHECK_INT(balance("safe"), safe0);
    /* Cancelled once; a pending record is rejected, not cancelled. */
    r = client_post(&money, path, "{\"reason\":\"再来一次\"}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "wrong_status");
    response_free(&r);
    id = create_ok(&money, NULL, "expense", "exp_cleaning", "3000.00", "cash", "", "");
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/cancel", (long long)id);
    r = client_post(&money, path, "{\"reason\":\"x\"}");
    CHECK_INT(r.status, 409);
    response_free(&r);
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/reject", (long long)id);
    r = client_post(&money, path, "{\"reason\":\"x\"}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    CHECK_INT(balance("exp_cleaning"), clean0);
    /* The database refuses an edit of a posted record whatever the caller. */
    CHECK_INT(sql_int("SELECT count(*) FROM finance_records WHERE status = 'cancelled' AND "
                      "reversal_entry_id IS NULL"),
              0);
}

/* ---- locked days ---- */

static long long records_count(void)
{
    return sql_int("SELECT count(*) FROM finance_records");
}
static long long audit_count(void)
{
    return sql_int("SELECT count(*) FROM audit_log");
}

/* A confirmed day is locked, and so is every day before it (the books are closed up to the
 * last confirmed day): day_minus[3] confirmed locks day_minus[4] and day_minus[5] too. */
static void locked_day_refuses(void)
{
    char path[96];
    /* A pending record of day_minus[4], written while the day is open. */
    int64_t id = create_ok(&money, day_minus[4], "expense", "exp_wages", "1500.00", "bank", "", "");
    snprintf(path, sizeof path, "/api/v1/business-days/%s/confirm", day_minus[3]);
    struct response r = client_post(&boss, path, "{}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    long long n0 = records_count(), a0 = audit_count();
    long long e0 = sql_int("SELECT count(*) FROM journal_entries");
    r = create(&money, day_minus[3], "expense", "exp_rent", "350.00", "bank", "", "");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "day_locked");
    CHECK(strstr(r.body, day_minus[3]) != NULL);
    response_free(&r);
    /* Above the threshold too: it could never post into that day. */
    r = create(&money, day_minus[3], "expense", "exp_rent", "35000.00", "bank", "", "");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "day_locked");
    response_free(&r);
    /* A day before the confirmed one, never confirmed itself: locked as well. */
    r = create(&money, day_minus[5], "expense", "exp_rent", "350.00", "bank", "", "");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "day_locked");
    CHECK(strstr(r.body, day_minus[5]) != NULL);
    response_free(&r);
    CHECK_INT(records_count(), n0);
    CHECK_INT(audit_count(), a0);
    CHECK_INT(sql_int("SELECT count(*) FROM journal_entries"), e0);

    /* The pending record of day_minus[4], locked before it was approved, cannot post. */
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/approve", (long long)id);
    r = client_post(&boss, path, "{}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "day_locked");
    response_free(&r);
    CHECK_INT(audit_count(), a0);
    CHECK_INT(sql_int("SELECT count(*) FROM finance_records WHERE id = %lld AND status = "
                      "'pending'",
                      (long long)id),
              1);
    CHECK_INT(sql_int("SELECT count(*) FROM journal_entries"), e0);
    /* Rejecting it moves no money and is allowed. */
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/reject", (long long)id);
    r = client_post(&boss, path, "{\"reason\":\"该日已锁定，改在今日重录\"}");
    CHECK_INT(r.status, 200);
    response_free(&r);
}

/* Cash paid from the safe may not take it below zero, that day or any later: the safe holds
 * 10,000.00 drawn on day_minus[11] less what the tests paid in cash since; one fen more than
 * its least balance from today on is refused with the figure, nothing written; a record that
 * waits is checked when it is approved. */
static void safe_is_never_negative(void)
{
    long long safe = sql_int("SELECT coalesce(sum(l.amount_fen), 0) FROM journal_lines l JOIN "
                             "accounts a ON a.id = l.account_id WHERE a.system_key = 'safe'");
    CHECK(safe > 0);
    long long n0 = records_count(), e0 = sql_int("SELECT count(*) FROM journal_entries");
    char amount[32];
    snprintf(amount, sizeof amount, "%lld.%02lld", (safe + 1) / 100, (safe + 1) % 100);
    /* Posted at once (the approval line raised for the moment): refused. */
    struct response r = client_put(&boss, "/api/v1/finance/settings",
                                   "{\"approval_threshold_fen\":100000000}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    r = create(&boss, NULL, "expense", "exp_office", amount, "cash", "", "");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "safe_short");
    CHECK_STR(jstr(r.json, "error.field"), "amount_fen");
    response_free(&r);
    CHECK_INT(records_count(), n0);
    CHECK_INT(sql_int("SELECT count(*) FROM journal_entries"), e0);
    /* By bank the same amount is fine (the bank is not checked: it may be overdrawn). */
    r = create(&boss, NULL, "expense", "exp_office", amount, "bank", "", "");
    CHECK_INT(r.status, 201);
    response_free(&r);
    r = client_put(&boss, "/api/v1/finance/settings", "{\"approval_threshold_fen\":100000}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    /* Waiting for approval: written, then refused when approved, and still pending. */
    r = create(&boss, NULL, "expense", "exp_office", amount, "cash", "", "");
    CHECK_INT(r.status, 201);
    CHECK_STR(jstr(r.json, "record.status"), "pending");
    long long id = jint(r.json, "record.id");
    response_free(&r);
    char path[96];
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/approve", id);
    r = client_post(&boss2, path, "{}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "safe_short");
    response_free(&r);
    CHECK_INT(sql_int("SELECT count(*) FROM finance_records WHERE id = %lld AND status = "
                      "'pending'",
                      id),
              1);
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/reject", id);
    r = client_post(&boss2, path, "{\"reason\":\"改用银行支付\"}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    /* Cash taken in (100.00), then every fen of the safe paid out: cancelling the income would
     * take back cash the safe no longer holds. Refused; the record stays posted. */
    r = client_put(&boss, "/api/v1/finance/settings", "{\"approval_threshold_fen\":100000000}");
    response_free(&r);
    safe = sql_int("SELECT coalesce(sum(l.amount_fen), 0) FROM journal_lines l JOIN accounts a "
                   "ON a.id = l.account_id WHERE a.system_key = 'safe'");
    int64_t income = create_ok(&boss, NULL, "income", "other_income", "100.00", "cash", "", "");
    snprintf(amount, sizeof amount, "%lld.%02lld", (safe + 10000) / 100, (safe + 10000) % 100);
    r = create(&boss, NULL, "expense", "exp_office", amount, "cash", "", "");
    CHECK_INT(r.status, 201);
    response_free(&r);
    char cancel[96];
    snprintf(cancel, sizeof cancel, "/api/v1/finance/records/%lld/cancel", (long long)income);
    r = client_post(&boss, cancel, "{\"reason\":\"录错\"}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "safe_short");
    response_free(&r);
    CHECK_INT(sql_int("SELECT count(*) FROM finance_records WHERE id = %lld AND status = 'posted'",
                      (long long)income),
              1);
    r = client_put(&boss, "/api/v1/finance/settings", "{\"approval_threshold_fen\":100000}");
    response_free(&r);
    /* Cash back in the safe for the tests that follow. */
    r = client_post(&money, "/api/v1/finance/transfers",
                    "{\"from_account\":\"bank\",\"to_account\":\"safe\",\"amount_fen\":1000000}");
    CHECK_INT(r.status, 201);
    response_free(&r);
}

static void future_and_malformed_days(void)
{
    long long n0 = records_count();
    char tomorrow[11];
    int64_t d;
    date_parse(TODAY, &d);
    date_format(d + 1, tomorrow);
    struct response r = create(&money, tomorrow, "expense", "exp_rent", "1.00", "bank", "", "");
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(r.json, "error.field"), "day");
    response_free(&r);
    r = create(&money, "2024-02-30", "expense", "exp_rent", "1.00", "bank", "", "");
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(r.json, "error.field"), "day");
    response_free(&r);
    r = create(&money, "2024/02/01", "expense", "exp_rent", "1.00", "bank", "", "");
    CHECK_INT(r.status, 400);
    response_free(&r);
    CHECK_INT(records_count(), n0);
}

/* ---- bad input ---- */

static void expect_400(struct response r, const char *field, int line)
{
    if (r.status != 400 || strcmp(jstr(r.json, "error.field"), field) != 0)
        harness_fail(__FILE__, line, "expected 400 on %s, got %ld %s", field, r.status, r.body);
    response_free(&r);
}

static void bad_input_is_refused(void)
{
    long long n0 = records_count(), a0 = audit_count();
    const char *url = "/api/v1/finance/records";
    expect_400(create(&money, NULL, "expense", "exp_rent", "12.345", "bank", "", ""), "amount",
               __LINE__);
    expect_400(create(&money, NULL, "expense", "exp_rent", "-5.00", "bank", "", ""), "amount",
               __LINE__);
    expect_400(create(&money, NULL, "expense", "exp_rent", "0.00", "bank", "", ""), "amount",
               __LINE__);
    expect_400(create(&money, NULL, "expense", "exp_rent", "1,000.00", "bank", "", ""), "amount",
               __LINE__);
    expect_400(create(&money, NULL, "expense", "exp_rent", "¥13", "bank", "", ""), "amount",
               __LINE__);
    expect_400(post(&money, url, "{\"kind\":\"expense\",\"category\":\"exp_rent\","
                                 "\"amount_fen\":-100,\"channel\":\"bank\"}"),
               "amount_fen", __LINE__);
    expect_400(post(&money, url, "{\"kind\":\"expense\",\"category\":\"exp_rent\","
                                 "\"amount_fen\":12.5,\"channel\":\"bank\"}"),
               "amount_fen", __LINE__);
    expect_400(post(&money, url, "{\"kind\":\"expense\",\"category\":\"exp_rent\","
                                 "\"amount\":\"1.00\",\"amount_fen\":100,\"channel\":\"bank\"}"),
               "amount", __LINE__);
    expect_400(post(&money, url, "{\"kind\":\"expense\",\"category\":\"exp_rent\","
                                 "\"channel\":\"bank\"}"),
               "amount", __LINE__);
    expect_400(post(&money, url, "{\"kind\":\"expense\",\"category\":\"exp_rent\","
                                 "\"amount\":\"1.00\",\"channel\":\"bank\",\"foo\":1}"),
               "foo", __LINE__);
    expect_400(create(&money, NULL, "expense", "9999", "1.00", "bank", "", ""), "category",
               __LINE__);
    expect_400(post(&money, url, "{\"kind\":\"expense\",\"category\":999999,"
                                 "\"amount\":\"1.00\",\"channel\":\"bank\"}"),
               "category", __LINE__);
    /* Revenue on an expense, an expense on an income, contra revenue, an asset, cost. */
    expect_400(create(&money, NULL, "expense", "rev_room", "1.00", "bank", "", ""), "category",
               __LINE__);
    expect_400(create(&money, NULL, "income", "exp_rent", "1.00", "bank", "", ""), "category",
               __LINE__);
    expect_400(create(&money, NULL, "income", "contra_discount", "1.00", "bank", "", ""),
               "category", __LINE__);
    expect_400(create(&money, NULL, "expense", "bank", "1.00", "bank", "", ""), "category",
               __LINE__);
    expect_400(create(&money, NULL, "expense", "cogs", "1.00", "bank", "", ""), "category",
               __LINE__);
    expect_400(create(&money, NULL, "expense", "exp_rent", "1.00", "card", "", ""), "channel",
               __LINE__);
    /* Petty cash pays through its own register, never as a record's channel. */
    expect_400(create(&money, NULL, "expense", "exp_rent", "1.00", "petty_cash", "", ""), "channel",
               __LINE__);
    expect_400(create(&money, NULL, "refund", "exp_rent", "1.00", "bank", "", ""), "kind",
               __LINE__);
    char longnote[700];
    memset(longnote, 'x', 201);
    longnote[201] = 0;
    expect_400(create(&money, NULL, "expense", "exp_rent", "1.00", "bank", "", longnote), "note",
               __LINE__);
    struct response r = client_post(&money, url, "{\"kind\":");
    CHECK_INT(r.status, 400);
    CHECK_STR(response_error_code(&r), "invalid_json");
    response_free(&r);
    /* Cashiers keep no books. */
    r = create(&cashier, NULL, "expense", "exp_rent", "1.00", "bank", "", "");
    CHECK_INT(r.status, 403);
    response_free(&r);
    r = client_get(&cashier, url);
    CHECK_INT(r.status, 403);
    response_free(&r);
    CHECK_INT(records_count(), n0);
    CHECK_INT(audit_count(), a0);
    r = client_get(&money, "/api/v1/finance/records/999999");
    CHECK_INT(r.status, 404);
    response_free(&r);
}

/* ---- receipts ---- */

/* A 1x1 PNG (with zero bytes inside: the body is binary). */
static const unsigned char png1[] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
    0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00,
    0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};

struct headers {
    char disposition[300], nosniff[300];
};

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
    struct headers *h = ctx;
    size_t len = size * n;
    char line[300];
    snprintf(line, sizeof line, "%.*s", (int)(len < 299 ? len : 299), p);
    line[strcspn(line, "\r\n")] = 0;
    if (strncasecmp(line, "Content-Disposition: ", 21) == 0)
        snprintf(h->disposition, sizeof h->disposition, "%s", line + 21);
    if (strncasecmp(line, "X-Content-Type-Options: ", 24) == 0)
        snprintf(h->nosniff, sizeof h->nosniff, "%s", line + 24);
    return len;
}

static struct response upload(struct client *c, int64_t id, const void *data, size_t len,
                              const char *type)
{
    char path[96];
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/receipt", (long long)id);
    return client_request(c, "POST", path, data, len, type);
}

static void receipts(void)
{
    int64_t id = create_ok(&money, NULL, "expense", "exp_purchases", "66.00", "cash", "超市",
                           "冰块");
    char path[96];
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/receipt", (long long)id);
    /* None yet. */
    struct response r = client_get(&money, path);
    CHECK_INT(r.status, 404);
    CHECK_STR(response_error_code(&r), "no_receipt");
    response_free(&r);

    r = upload(&money, id, png1, sizeof png1, "image/png");
    CHECK_INT(r.status, 200);
    unsigned char hash[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(hash, png1, sizeof png1);
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    CHECK_STR(jstr(r.json, "record.receipt.sha256"), hex);
    CHECK_STR(jstr(r.json, "record.receipt.type"), "image/png");
    CHECK_INT(jint(r.json, "record.receipt.bytes"), (long long)sizeof png1);
    CHECK_STR(jstr(r.json, "record.receipt.by"), "money");
    response_free(&r);
    /* Stored outside the database, next to it, under its hash. */
    char file[600], dir[400];
    snprintf(dir, sizeof dir, "%s", srv.db);
    *strrchr(dir, '/') = 0;
    snprintf(file, sizeof file, "%s/receipts/1/%s.png", dir, hex);
    size_t flen = 0;
    char *stored = read_file(file, &flen);
    CHECK(stored && flen == sizeof png1 && memcmp(stored, png1, flen) == 0);
    free(stored);
    CHECK_INT(sql_int("SELECT count(*) FROM finance_records WHERE id = %lld AND receipt_sha256 = "
                      "'%s' AND receipt_bytes = %zu",
                      (long long)id, hex, sizeof png1),
              1);

    /* Served back byte for byte to finance, inline, with its type and nosniff. */
    struct headers h = {0};
    curl_easy_setopt(money.curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(money.curl, CURLOPT_HEADERDATA, &h);
    r = client_get(&money, path);
    curl_easy_setopt(money.curl, CURLOPT_HEADERFUNCTION, NULL);
    curl_easy_setopt(money.curl, CURLOPT_HEADERDATA, NULL);
    CHECK_INT(r.status, 200);
    CHECK_STR(r.content_type, "image/png");
    CHECK(r.len == sizeof png1 && memcmp(r.body, png1, sizeof png1) == 0);
    CHECK_STR(h.nosniff, "nosniff");
    char want[80];
    snprintf(want, sizeof want, "inline; filename=\"receipt-%lld.png\"", (long long)id);
    CHECK_STR(h.disposition, want);
    response_free(&r);
    /* A manager reads it too; a cashier neither reads nor uploads. */
    r = client_get(&boss, path);
    CHECK_INT(r.status, 200);
    response_free(&r);
    r = client_get(&cashier, path);
    CHECK_INT(r.status, 403);
    CHECK(r.len != sizeof png1 && strstr(r.content_type, "json") != NULL);
    response_free(&r);
    r = upload(&cashier, id, png1, sizeof png1, "image/png");
    CHECK_INT(r.status, 403);
    response_free(&r);

    /* A text file called a PNG, a GIF, a PNG declared as a JPEG: refused by content. */
    static const char text[] = "hello, this is not a picture\n";
    r = upload(&money, id, text, sizeof text - 1, "image/png");
    CHECK_INT(r.status, 415);
    CHECK_STR(response_error_code(&r), "unsupported_type");
    response_free(&r);
    r = upload(&money, id, "GIF89a\1\0\1\0", 10, "image/gif");
    CHECK_INT(r.status, 415);
    response_free(&r);
    r = upload(&money, id, png1, sizeof png1, "image/jpeg");
    CHECK_INT(r.status, 415);
    response_free(&r);
    r = upload(&money, id, "", 0, "image/png");
    CHECK_INT(r.status, 400);
    response_free(&r);

    /* Size: above the default 5 MiB refused; then a cap of 1 KiB: 1025 bytes refused, 1024
     * taken. */
    size_t big_len = 5 * 1024 * 1024 + 1;
    unsigned char *big = calloc(1, big_len);
    memcpy(big, png1, 8);
    r = upload(&money, id, big, big_len, "image/png");
    CHECK_INT(r.status, 413);
    CHECK_STR(response_error_code(&r), "too_large");
    response_free(&r);
    r = client_put(&money, "/api/v1/finance/settings", "{\"receipt_max_bytes\":1024}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    r = upload(&money, id, big, 1025, "image/png");
    CHECK_INT(r.status, 413);
    response_free(&r);
    /* Still the first receipt after every refusal. */
    r = get(&money, "/api/v1/finance/records/%lld", (long long)id);
    CHECK_STR(jstr(r.json, "record.receipt.sha256"), hex);
    response_free(&r);
    r = upload(&money, id, big, 1024, "image/png");
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "record.receipt.bytes"), 1024);
    /* Replaced, and the history keeps both. */
    size_t i, n = 0;
    json_t *e;
    json_array_foreach(jpath(r.json, "record.history"), i, e)
        if (strcmp(jstr(e, "action"), "receipt") == 0) n++;
    CHECK_INT(n, 2);
    response_free(&r);
    free(big);
    r = client_put(&money, "/api/v1/finance/settings", "{\"receipt_max_bytes\":5242880}");
    CHECK_INT(r.status, 200);
    response_free(&r);

    /* A PDF and a JPEG go in as well. */
    static const char pdf[] = "%PDF-1.4\n%%EOF\n";
    int64_t id2 = create_ok(&money, NULL, "expense", "exp_purchases", "10.00", "cash", "", "");
    r = upload(&money, id2, pdf, sizeof pdf - 1, "application/pdf");
    CHECK_INT(r.status, 200);
    CHECK_STR(jstr(r.json, "record.receipt.type"), "application/pdf");
    response_free(&r);
    static const unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F'};
    r = upload(&money, id2, jpg, sizeof jpg, "image/jpeg");
    CHECK_INT(r.status, 200);
    response_free(&r);
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/receipt", (long long)id2);
    r = client_get(&money, path);
    CHECK_STR(r.content_type, "image/jpeg");
    CHECK(r.len == sizeof jpg && memcmp(r.body, jpg, sizeof jpg) == 0);
    response_free(&r);
}

/* ---- the list ---- */

static void list_filters_totals_export(void)
{
    /* Five records over three days of their own (D-10 .. D-8):
     *   a  expense  100.00  办公 6010   cash    D-10  文具店 / 打印纸
     *   b  expense  250.50  营销 6006   wechat  D-9   广告公司 / 朋友圈推广
     *   c  income   300.00  4201        alipay  D-9   赞助商 / 活动赞助
     *   d  expense 1500.00  营销 6006   bank    D-8   pending (above 1,000.00)
     *   e  expense   80.00  办公 6010   cash    D-8   cancelled
     * Posted: income 300.00; expense 100.00 + 250.50 = 350.50; net -50.50; pending 1,500.00. */
    const char *d10 = day_minus[10], *d9 = day_minus[9], *d8 = day_minus[8];
    int64_t a = create_ok(&money, d10, "expense", "6010", "100.00", "cash", "文具店", "打印纸");
    int64_t b = create_ok(&money, d9, "expense", "6006", "250.50", "wechat", "广告公司",
                          "朋友圈推广");
    int64_t c = create_ok(&money, d9, "income", "4201", "300.00", "alipay", "赞助商", "活动赞助");
    int64_t d = create_ok(&money, d8, "expense", "6006", "1500.00", "bank", "", "");
    int64_t e = create_ok(&money, d8, "expense", "6010", "80.00", "cash", "", "");
    char path[96];
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/cancel", (long long)e);
    struct response r = client_post(&money, path, "{\"reason\":\"作废\"}");
    CHECK_INT(r.status, 200);
    response_free(&r);

    r = get(&money, "/api/v1/finance/records?from=%s&to=%s", d10, d8);
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "total"), 5);
    CHECK_INT(jint(r.json, "totals.income_fen"), 30000);
    CHECK_INT(jint(r.json, "totals.expense_fen"), 35050);
    CHECK_INT(jint(r.json, "totals.net_fen"), -5050);
    CHECK_STR(jstr(r.json, "totals.net"), "-50.50");
    CHECK_INT(jint(r.json, "totals.pending_expense_fen"), 150000);
    CHECK_INT(jint(r.json, "totals.pending_income_fen"), 0);
    /* Newest day first, then newest record: e, d, c, b, a. */
    CHECK_INT(jint(r.json, "items.0.id"), e);
    CHECK_INT(jint(r.json, "items.1.id"), d);
    CHECK_INT(jint(r.json, "items.2.id"), c);
    CHECK_INT(jint(r.json, "items.4.id"), a);
    response_free(&r);

    r = get(&money, "/api/v1/finance/records?from=%s&to=%s&kind=expense", d10, d8);
    CHECK_INT(jint(r.json, "total"), 4);
    CHECK_INT(jint(r.json, "totals.income_fen"), 0);
    CHECK_INT(jint(r.json, "totals.expense_fen"), 35050);
    response_free(&r);
    r = get(&money, "/api/v1/finance/records?from=%s&to=%s&category=6006", d10, d8);
    CHECK_INT(jint(r.json, "total"), 2);
    CHECK_INT(jint(r.json, "totals.expense_fen"), 25050);
    CHECK_INT(jint(r.json, "totals.pending_expense_fen"), 150000);
    response_free(&r);
    r = get(&money, "/api/v1/finance/records?from=%s&to=%s&category=exp_office", d10, d8);
    CHECK_INT(jint(r.json, "total"), 2);
    CHECK_INT(jint(r.json, "totals.expense_fen"), 10000); /* e is cancelled */
    response_free(&r);
    r = get(&money, "/api/v1/finance/records?from=%s&to=%s&channel=cash", d10, d8);
    CHECK_INT(jint(r.json, "total"), 2);
    response_free(&r);
    r = get(&money, "/api/v1/finance/records?from=%s&to=%s&status=cancelled", d10, d8);
    CHECK_INT(jint(r.json, "total"), 1);
    CHECK_INT(jint(r.json, "items.0.id"), e);
    CHECK_INT(jint(r.json, "totals.expense_fen"), 0);
    response_free(&r);
    r = get(&money, "/api/v1/finance/records?from=%s&to=%s&status=pending", d10, d8);
    CHECK_INT(jint(r.json, "items.0.id"), d);
    response_free(&r);
    /* Text in the counterparty or the note (%E5%B9%BF%E5%91%8A is 广告, %E6%89%93%E5%8D%B0 打印). */
    r = get(&money, "/api/v1/finance/records?from=%s&to=%s&q=%%E5%%B9%%BF%%E5%%91%%8A", d10, d8);
    CHECK_INT(jint(r.json, "total"), 1);
    CHECK_INT(jint(r.json, "items.0.id"), b);
    response_free(&r);
    r = get(&money, "/api/v1/finance/records?from=%s&to=%s&q=%%E6%%89%%93%%E5%%8D%%B0", d10, d8);
    CHECK_INT(jint(r.json, "total"), 1);
    CHECK_INT(jint(r.json, "items.0.id"), a);
    response_free(&r);
    r = get(&money, "/api/v1/finance/records?from=%s&to=%s", d9, d9);
    CHECK_INT(jint(r.json, "total"), 2);
    CHECK_INT(jint(r.json, "totals.income_fen"), 30000);
    CHECK_INT(jint(r.json, "totals.expense_fen"), 25050);
    response_free(&r);
    /* By amount: e 80.00, a 100.00, b 250.50, c 300.00, d 1500.00; page 2 of 2 per page. */
    r = get(&money, "/api/v1/finance/records?from=%s&to=%s&sort=amount&page=2&page_size=2", d10, d8);
    CHECK_INT(jint(r.json, "total"), 5);
    CHECK_INT(json_array_size(json_object_get(r.json, "items")), 2);
    CHECK_INT(jint(r.json, "items.0.id"), b);
    CHECK_INT(jint(r.json, "items.1.id"), c);
    response_free(&r);
    r = get(&money, "/api/v1/finance/records?from=%s&to=%s&sort=-amount", d10, d8);
    CHECK_INT(jint(r.json, "items.0.id"), d);
    response_free(&r);
    /* Bad filters. */
    static const char *const bad[][2] = {
        {"sort=amount_fen;drop", "sort"}, {"kind=refund", "kind"},   {"status=open", "status"},
        {"channel=card", "channel"},      {"from=2024-13-01", "from"}, {"category=9999", "category"},
        {"page_size=501", "page_size"},   {"page=0", "page"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = get(&money, "/api/v1/finance/records?%s", bad[i][0]);
        if (r.status != 400 || strcmp(jstr(r.json, "error.field"), bad[i][1]) != 0)
            harness_fail(__FILE__, __LINE__, "%s: %ld %s", bad[i][0], r.status, r.body);
        response_free(&r);
    }

    /* The CSV has every row of the filter and the totals. */
    r = get(&money, "/api/v1/finance/records/export?format=csv&from=%s&to=%s", d10, d8);
    CHECK_INT(r.status, 200);
    CHECK(strncmp(r.content_type, "text/csv", 8) == 0);
    CHECK(strstr(r.body, "营业日") != NULL);
    CHECK(strstr(r.body, "文具店") && strstr(r.body, "广告公司") && strstr(r.body, "赞助商"));
    CHECK(strstr(r.body, "250.50") != NULL);
    CHECK(strstr(r.body, "1500.00") != NULL);
    CHECK(strstr(r.body, "已冲销") != NULL);
    CHECK(strstr(r.body, "待审批") != NULL);
    CHECK(strstr(r.body, "-50.50") != NULL);
    /* One line per record: a header, five rows, the totals' title, header and five rows. */
    int lines = 0;
    for (const char *p = r.body; (p = strchr(p, '\n')) != NULL; p++) lines++;
    CHECK(lines >= 1 + 5 + 1 + 1 + 5);
    char idtext[32];
    snprintf(idtext, sizeof idtext, "\n%lld,", (long long)d);
    CHECK(strstr(r.body, idtext) != NULL);
    response_free(&r);
    r = get(&money, "/api/v1/finance/records/export?format=csv&from=%s&to=%s&kind=income", d10, d8);
    CHECK(strstr(r.body, "赞助商") && !strstr(r.body, "文具店"));
    response_free(&r);
    r = get(&money, "/api/v1/finance/records/export?format=xlsx&from=%s&to=%s", d10, d8);
    CHECK_INT(r.status, 200);
    CHECK(r.len > 100 && memcmp(r.body, "PK", 2) == 0);
    response_free(&r);
    r = get(&money, "/api/v1/finance/records/export?format=pdf");
    CHECK_INT(r.status, 400);
    response_free(&r);
}

/* Last: today itself confirmed, a cancellation (dated today) is refused and nothing moves. */
static void cancel_refused_when_today_is_locked(void)
{
    int64_t id = create_ok(&money, NULL, "expense", "exp_marketing", "45.00", "wechat", "", "");
    char path[96];
    snprintf(path, sizeof path, "/api/v1/business-days/%s/confirm", TODAY);
    struct response r = client_post(&boss, path, "{}");
    CHECK_INT(r.status, 200);
    response_free(&r);
    long long a0 = audit_count(), e0 = sql_int("SELECT count(*) FROM journal_entries");
    snprintf(path, sizeof path, "/api/v1/finance/records/%lld/cancel", (long long)id);
    r = client_post(&money, path, "{\"reason\":\"录错\"}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "day_locked");
    CHECK(strstr(r.body, TODAY) != NULL);
    response_free(&r);
    CHECK_INT(audit_count(), a0);
    CHECK_INT(sql_int("SELECT count(*) FROM journal_entries"), e0);
    CHECK_INT(sql_int("SELECT count(*) FROM finance_records WHERE id = %lld AND status = 'posted'",
                      (long long)id),
              1);
    /* And no new record lands today. */
    r = create(&money, NULL, "expense", "exp_marketing", "1.00", "wechat", "", "");
    CHECK_INT(r.status, 409);
    response_free(&r);
    /* A receipt may still be attached to a record of the closed day that has none, but the
     * one a record of a closed day has is never replaced. */
    r = upload(&money, id, png1, sizeof png1, "image/png");
    CHECK_INT(r.status, 200);
    response_free(&r);
    a0 = audit_count();
    static const char other[] = "%PDF-1.4\n%%EOF\n";
    r = upload(&money, id, other, sizeof other - 1, "application/pdf");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "day_locked");
    response_free(&r);
    CHECK_INT(audit_count(), a0);
}

/* ---- the demo venue ---- */

static bool prepare_demo(const char *db_path)
{
    return run_cli(NULL, "demo", "--db", db_path, "--days", "31", "--end-date", "2025-03-31",
                   "--seed", "7", NULL) == 0;
}

/* The demo writes each month's records through the records store: March 2025 has the fifteen
 * lines of its plan (on the 1st, 2nd, 5th, 8th, 9th, 10th, 12th, 15th, 16th, 20th, 22nd, twice
 * on the 23rd, 25th and 26th), rent 120,000.00 by bank on the 1st; those above 1,000.00 approved by the manager; every
 * record posted once, as backfill; and the API's totals are the books'. */
static void demo_month_of_records(void)
{
    struct server keep = srv;
    if (!server_start(&srv, prepare_demo)) {
        harness_fail(__FILE__, __LINE__, "demo server did not start");
        srv = keep;
        return;
    }
    CHECK_INT(sql_int("SELECT count(*) FROM finance_records WHERE day BETWEEN '2025-03-01' AND "
                      "'2025-03-31'"),
              15);
    CHECK_INT(sql_int("SELECT count(*) FROM finance_records r JOIN accounts a ON a.id = "
                      "r.account_id WHERE r.day = '2025-03-01' AND a.system_key = 'exp_rent' AND "
                      "r.amount_fen = 12000000 AND r.channel = 'bank' AND r.status = 'posted' AND "
                      "r.created_by = 'finance' AND r.decided_by = 'manager'"),
              1);
    CHECK_INT(sql_int("SELECT count(*) FROM finance_records WHERE status <> 'posted'"), 0);
    CHECK_INT(sql_int("SELECT count(*) FROM finance_records r JOIN journal_entries e ON e.id = "
                      "r.entry_id WHERE e.source_kind = 'record' AND e.source_id = r.id AND "
                      "e.day = r.day AND e.backfill = 1 AND e.debit_fen = r.amount_fen"),
              15);
    /* Wages 150,000-165,000, utilities 18,000-24,000, in whole yuan. */
    CHECK_INT(sql_int("SELECT count(*) FROM finance_records r JOIN accounts a ON a.id = "
                      "r.account_id WHERE (a.system_key = 'exp_wages' AND r.amount_fen BETWEEN "
                      "15000000 AND 16500000 AND r.day = '2025-03-10') OR (a.system_key = "
                      "'exp_utilities' AND r.amount_fen BETWEEN 1800000 AND 2400000 AND r.day = "
                      "'2025-03-05')"),
              2);
    CHECK_INT(sql_int("SELECT count(*) FROM finance_records WHERE amount_fen %% 100 <> 0"), 0);
    /* Above the threshold: created pending, approved by the manager (the history says so). */
    long long above = sql_int("SELECT count(*) FROM finance_records WHERE amount_fen > 100000");
    CHECK(above >= 6);
    CHECK_INT(sql_int("SELECT count(*) FROM finance_record_events WHERE action = 'approve' AND "
                      "by_user = 'manager' AND entry_id IS NOT NULL"),
              above);
    /* Each expense's account moved by its amount in the record's entry. */
    CHECK_INT(sql_int("SELECT count(*) FROM finance_records r WHERE r.kind = 'expense' AND "
                      "(SELECT l.amount_fen FROM journal_lines l WHERE l.entry_id = r.entry_id "
                      "AND l.account_id = r.account_id) <> r.amount_fen"),
              0);
    long long expense = sql_int("SELECT sum(amount_fen) FROM finance_records WHERE kind = "
                                "'expense' AND day BETWEEN '2025-03-01' AND '2025-03-31'");
    long long income = sql_int("SELECT sum(amount_fen) FROM finance_records WHERE kind = "
                               "'income' AND day BETWEEN '2025-03-01' AND '2025-03-31'");
    CHECK(income >= 15000 && income <= 40000);
    struct client fin = login("finance", "ktvdemo123");
    struct response r = client_get(&fin, "/api/v1/finance/records?from=2025-03-01&to=2025-03-31");
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "total"), 15);
    CHECK_INT(jint(r.json, "totals.expense_fen"), expense);
    CHECK_INT(jint(r.json, "totals.income_fen"), income);
    response_free(&r);
    client_free(&fin);
    CHECK_INT(server_stop(&srv), 0);
    srv = keep;
}

int main(void)
{
    RUN(rules_channels_and_categories);
    RUN(rules_posting);
    RUN(rules_receipt_types);
    if (!server_start(&srv, NULL) || !add_user(&srv, "boss", "manager", PASSWORD) ||
        !add_user(&srv, "boss2", "manager", PASSWORD) ||
        !add_user(&srv, "money", "finance", PASSWORD) ||
        !add_user(&srv, "cash1", "cashier", PASSWORD)) {
        fprintf(stderr, "server did not start\n");
        return harness_finish("finance/records");
    }
    admin = login("admin", TEST_ADMIN_PASSWORD);
    boss = login("boss", PASSWORD);
    boss2 = login("boss2", PASSWORD);
    money = login("money", PASSWORD);
    cashier = login("cash1", PASSWORD);
    if (!steady_days(&admin)) harness_fail(__FILE__, __LINE__, "cannot steady the business day");
    /* Cash for the safe, drawn from the bank before the first day the tests write: a cash
     * expense may not take the safe below zero on any day (safe_is_never_negative). */
    char draw[200];
    snprintf(draw, sizeof draw,
             "{\"day\":\"%s\",\"from_account\":\"bank\",\"to_account\":\"safe\","
             "\"amount_fen\":1000000,\"note\":\"备用现金\"}",
             day_minus[11]);
    struct response w = client_post(&money, "/api/v1/finance/transfers", draw);
    if (w.status != 201) harness_fail(__FILE__, __LINE__, "withdrawal: %ld %s", w.status, w.body);
    response_free(&w);
    RUN(expense_posts_to_the_books);
    RUN(income_posts_to_the_books);
    RUN(approval_above_the_threshold);
    RUN(rejection_posts_nothing);
    RUN(settings_change);
    RUN(cancel_posts_a_reversal);
    /* Before any day is confirmed: it writes records days back. */
    RUN(list_filters_totals_export);
    RUN(safe_is_never_negative);
    RUN(locked_day_refuses);
    RUN(future_and_malformed_days);
    RUN(bad_input_is_refused);
    RUN(receipts);
    RUN(cancel_refused_when_today_is_locked);
    RUN(demo_month_of_records);
    client_free(&admin);
    client_free(&boss);
    client_free(&boss2);
    client_free(&money);
    client_free(&cashier);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("finance/records");
}
