/* test_ledger_api.c: the books against the real server: every money event of the front desk
 * and the shifts posts its balanced entry; case S5 reaches the books; a confirmed day is locked
 * through the API and the importer; manual entries, reversals, the chart and the trial balance.
 * (server_stop also asserts that the books balance at the end.) */
#include "core/bizday.h"
#include "frontdesk/fixture.h"

#include <sys/stat.h>
#include <unistd.h>

static struct client admin, fin, cashier;

/* The balance (debits - credits) of the account with system key `key`, one party or all. */
static int64_t bal(const char *key, const char *party)
{
    if (party)
        return fx_sql_int("SELECT coalesce(sum(l.amount_fen), 0) FROM journal_lines l JOIN accounts a "
                          "ON a.id = l.account_id WHERE a.system_key = '%s' AND l.party = '%s'",
                          key, party);
    return fx_sql_int("SELECT coalesce(sum(l.amount_fen), 0) FROM journal_lines l JOIN accounts a "
                      "ON a.id = l.account_id WHERE a.system_key = '%s'",
                      key);
}

/* The amount on account `key` in the entry of source kind/id (0 if none). */
static int64_t line_of(const char *kind, int64_t source, const char *key)
{
    return fx_sql_int("SELECT coalesce(sum(l.amount_fen), 0) FROM journal_lines l "
                      "JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON "
                      "a.id = l.account_id WHERE e.source_kind = '%s' AND e.source_id = %lld "
                      "AND a.system_key = '%s'",
                      kind, (long long)source, key);
}

static int64_t entries_of(const char *kind, int64_t source)
{
    return fx_sql_int("SELECT count(*) FROM journal_entries WHERE source_kind = '%s' AND "
                      "source_id = %lld",
                      kind, (long long)source);
}

/* Case S5: float 100.00, one cash sale of 10.00, 90.00 counted: a short of 20.00 is posted to
 * the cashier's receivable, and the drawer's account shows 90.00 after the close. */
static void s5_short_reaches_the_books(void)
{
    json_t *sh = POST(&cashier, 201, "/api/v1/shifts",
                      "{\"opening_count\":[{\"denomination_fen\":10000,\"pieces\":1}]}");
    int64_t shift = jint(sh, "shift.id");
    json_decref(sh);
    char party[24];
    snprintf(party, sizeof party, "%lld", (long long)shift);
    /* Float out of the safe: drawer +100.00, safe -100.00. */
    CHECK_INT(line_of("shift_open", shift, "drawer"), 10000);
    CHECK_INT(line_of("shift_open", shift, "safe"), -10000);
    /* A stay left inside the 10-minute grace costs no room fee at any hour: the bill is the
     * beer, 10.00, paid in cash. */
    int64_t stay = fx_open(&cashier, "A11", NULL, "");
    fx_order(&cashier, stay, fx_beer, 1);
    json_t *b = POST(&cashier, 201, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"s5-cash-sale\",\"payments\":[{\"method\":\"cash\","
                     "\"amount_fen\":1000}]}");
    int64_t bill = jint(b, "bill_id");
    CHECK_INT(jint(b, "total_fen"), 1000);
    json_decref(b);
    CHECK_INT(line_of("bill", bill, "drawer"), 1000);
    CHECK_INT(line_of("bill", bill, "rev_drinks"), -1000); /* 青岛啤酒 is 酒水 */
    CHECK_INT(bal("drawer", party), 11000);
    json_t *z = POST(&cashier, 200, fx_path("shifts", shift, "/close"),
                     "{\"closing_count\":[{\"denomination_fen\":5000,\"pieces\":1},"
                     "{\"denomination_fen\":2000,\"pieces\":2}],\"reason\":\"找错零钱\"}");
    CHECK_INT(jint(z, "shift.difference_fen"), -2000);
    json_decref(z);
    CHECK_INT(bal("drawer", party), 9000);
    CHECK_INT(bal("ar_cashier", "cashier1"), 2000);
    CHECK_INT(line_of("shift_close", shift, "ar_cashier"), 2000);
    CHECK_INT(line_of("shift_close", shift, "drawer"), -2000);
    /* Through the API: the drawer account (1001) holds 90.00 of this shift. */
    char path[160];
    int64_t drawer = fx_sql_int("SELECT id FROM accounts WHERE system_key = 'drawer'");
    snprintf(path, sizeof path, "/api/v1/ledger/accounts/%lld/statement?party=%lld",
             (long long)drawer, (long long)shift);
    json_t *st = GET(&fin, 200, path);
    CHECK_INT(jint(st, "closing_fen"), 9000);
    CHECK_INT(json_array_size(jget(st, "lines")), 3); /* float, sale, short */
    json_decref(st);
}

/* A bill of 210.00 (17:30-19:15, 3 beers) paid 100.00 cash + 110.00 card; its id. */
static int64_t settled_bill(const char *room, const char *key)
{
    int64_t stay = fx_open(&admin, room, "17:30", "");
    fx_order(&admin, stay, fx_beer, 3);
    json_t *b = POST(&admin, 201, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"%s\",\"at\":\"%s\",\"payments\":["
                     "{\"method\":\"cash\",\"amount_fen\":10000},"
                     "{\"method\":\"card\",\"amount_fen\":11000}]}",
                     key, fx_at("19:15"));
    int64_t id = jint(b, "bill_id");
    json_decref(b);
    return id;
}

#define MANAGER ",\"approver_username\":\"manager1\",\"approver_password\":\"manager-pass-1\""

/* The bill: room 180.00 (30 min x 60.00 + 75 min x 120.00) and beer 30.00 are revenue; cash
 * and card are money in. A refund of 30.00 in cash, then a void: the bill nets to nothing on
 * every account. */
static void bill_refund_and_void_post(void)
{
    int64_t bill = settled_bill("A01", "ledger-bill-1");
    int64_t admin_shift = fx_sql_int("SELECT id FROM shifts WHERE cashier = 'admin' AND status = 'open'");
    char party[24];
    snprintf(party, sizeof party, "%lld", (long long)admin_shift);
    CHECK_INT(entries_of("bill", bill), 1);
    CHECK_INT(line_of("bill", bill, "rev_room"), -18000);
    CHECK_INT(line_of("bill", bill, "rev_drinks"), -3000);
    CHECK_INT(line_of("bill", bill, "drawer"), 10000);
    CHECK_INT(line_of("bill", bill, "clr_card"), 11000);
    CHECK_INT(fx_sql_int("SELECT day = '%s' FROM journal_entries WHERE source_kind = 'bill' AND "
                         "source_id = %lld",
                         fx_day, (long long)bill),
              1);

    json_t *r = POST(&admin, 201, fx_path("bills", bill, "/refunds"),
                     "{\"reason\":\"少上一瓶\",\"idempotency_key\":\"ledger-refund-1\",\"tenders\":["
                     "{\"payment_seq\":1,\"amount_fen\":3000}]" MANAGER "}");
    json_decref(r);
    int64_t refund = fx_sql_int("SELECT max(id) FROM refunds WHERE bill_id = %lld", (long long)bill);
    CHECK_INT(line_of("refund", refund, "contra_refund"), 3000);
    CHECK_INT(line_of("refund", refund, "drawer"), -3000);

    json_decref(POST(&admin, 200, fx_path("bills", bill, "/void"),
                     "{\"reason\":\"录错房间\",\"idempotency_key\":\"ledger-void-1\"" MANAGER "}"));
    CHECK_INT(entries_of("void", bill), 1);
    CHECK_INT(line_of("void", bill, "rev_room"), 18000);
    CHECK_INT(line_of("void", bill, "rev_drinks"), 3000);
    CHECK_INT(line_of("void", bill, "contra_refund"), -3000);
    CHECK_INT(line_of("void", bill, "drawer"), -7000); /* the cash left after the refund */
    CHECK_INT(line_of("void", bill, "clr_card"), -11000);
    /* The void's refunds post with the void, not again on their own. */
    CHECK_INT(fx_sql_int("SELECT count(*) FROM journal_entries e JOIN refunds r ON r.id = "
                         "e.source_id WHERE e.source_kind = 'refund' AND r.bill_id = %lld",
                         (long long)bill),
              1);
    /* The bill, its refund and its void net to nothing on every account. */
    CHECK_INT(fx_sql_int("SELECT count(*) FROM (SELECT l.account_id, l.party, sum(l.amount_fen) s "
                         "FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id WHERE "
                         "(e.source_kind IN ('bill','void') AND e.source_id = %lld) OR "
                         "(e.source_kind = 'refund' AND e.source_id = %lld) "
                         "GROUP BY l.account_id, l.party) WHERE s <> 0",
                         (long long)bill, (long long)refund),
              0);
}

/* Cases M1 and M2 in the books: a 228.00 bill with a 28.00 discount paid from the balance moves
 * 200.00 of stored value to revenue; the void gives it back. */
static void stored_value_moves_with_the_bill(void)
{
    fx_member("13900000077", 10000, 80000, 20000);
    int64_t before = bal("sv_principal", NULL);
    int64_t stay = fx_open(&admin, "A02", "12:00", ",\"member_phone\":\"13900000077\"");
    fx_order(&admin, stay, fx_platter, 1);
    json_t *b = POST(&admin, 201, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"ledger-m1\",\"at\":\"%s\",\"discounts\":{\"fixed_fen\":2800,"
                     "\"reason\":\"店长折扣\"},\"payments\":[{\"method\":\"member\","
                     "\"amount_fen\":20000}]}",
                     fx_at("12:05"));
    int64_t bill = jint(b, "bill_id");
    CHECK_INT(jint(b, "total_fen"), 20000);
    json_decref(b);
    CHECK_INT(fx_balance("13900000077"), 80000);
    /* The balance pays in its mix: 800.00 principal + 200.00 bonus -> 160.00 + 40.00. */
    CHECK_INT(line_of("bill", bill, "sv_principal"), 16000);
    CHECK_INT(line_of("bill", bill, "sv_bonus"), 4000);
    CHECK_INT(line_of("bill", bill, "contra_discount"), 2800);
    CHECK_INT(line_of("bill", bill, "rev_food"), -22800); /* 果盘套装 is 小吃果盘 */
    CHECK_INT(bal("sv_principal", NULL) - before, 16000);
    json_decref(POST(&admin, 200, fx_path("bills", bill, "/void"),
                     "{\"reason\":\"顾客投诉\",\"idempotency_key\":\"ledger-m2\"" MANAGER "}"));
    CHECK_INT(fx_balance("13900000077"), 100000);
    CHECK_INT(line_of("void", bill, "sv_principal"), -16000);
    CHECK_INT(line_of("void", bill, "sv_bonus"), -4000);
    CHECK_INT(bal("sv_principal", NULL) - before, 0);
}

/* A confirmed business day is locked: the till, a manual entry and the importer all refuse it,
 * and nothing of the refused write lands. */
static void locked_day_stays_locked(void)
{
    free(fx_sql("INSERT INTO business_days(venue_id, day, status, confirmed_by, confirmed_at) "
                "VALUES (1, '%s', 'confirmed', 'test', 0)",
                fx_day));
    int64_t bills = fx_sql_int("SELECT count(*) FROM bills");
    int64_t entries = fx_sql_int("SELECT count(*) FROM journal_entries");
    int64_t audits = fx_sql_int("SELECT count(*) FROM audit_log");
    int64_t stay = fx_open(&admin, "A03", "12:00", "");
    fx_order(&admin, stay, fx_beer, 2);
    audits = fx_sql_int("SELECT count(*) FROM audit_log");
    json_t *e = POST(&admin, 409, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"ledger-locked\",\"at\":\"%s\",\"payments\":["
                     "{\"method\":\"cash\",\"amount_fen\":2000}]}",
                     fx_at("12:05"));
    CHECK_STR(jerr(e), "day_locked");
    CHECK(strstr(jstr(e, "error.message"), fx_day) != NULL);
    json_decref(e);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bills"), bills);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM journal_entries"), entries);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM audit_log"), audits);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM stays WHERE id = %lld AND status = 'open'",
                         (long long)stay),
              1);

    /* A bill of 0.00 (a few minutes inside the grace, nothing ordered) posts nothing, and is
     * refused all the same: the takings of a closed day never change. */
    int64_t zero = fx_open(&admin, "A04", "12:00", "");
    e = POST(&admin, 409, fx_path("stays", zero, "/checkout"),
             "{\"idempotency_key\":\"ledger-locked-zero\",\"at\":\"%s\",\"payments\":[]}",
             fx_at("12:03"));
    CHECK_STR(jerr(e), "day_locked");
    json_decref(e);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bills"), bills);

    /* A manual entry into the locked day is refused too; into today it lands. */
    e = POST(&fin, 409, "/api/v1/ledger/entries",
             "{\"day\":\"%s\",\"memo\":\"补记\",\"lines\":[{\"account\":\"bank\",\"debit_fen\":100},"
             "{\"account\":\"equity_opening\",\"credit_fen\":100}]}",
             fx_day);
    CHECK_STR(jerr(e), "day_locked");
    json_decref(e);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM journal_entries"), entries);

    /* The importer rejects the bill of the locked day and of a day before it (the books are
     * closed up to the last confirmed day), and keeps the one of the day after. */
    char after[11];
    int64_t locked_days = 0;
    CHECK(date_parse(fx_day, &locked_days));
    date_format(locked_days + 1, after);
    char dir[400], file[480];
    snprintf(dir, sizeof dir, "%s.import", srv.db);
    CHECK(mkdir(dir, 0700) == 0);
    snprintf(file, sizeof file, "%s/bills.csv", dir);
    FILE *f = fopen(file, "w");
    CHECK(f != NULL);
    if (!f) return;
    fprintf(f, "bill_no,room,room_type,opened_at,closed_at,status,cashier,member_phone,booker,"
               "gross,discount,total,note\n"
               "LOCK-1,V01,小包,%s 12:00:00,%s 13:00:00,settled,小李,,,100.00,0,100.00,\n"
               "LOCK-2,V01,小包,2019-03-02 12:00:00,2019-03-02 13:00:00,settled,小李,,,60.00,0,60.00,\n"
               "OPEN-1,V01,小包,%s 07:00:00,%s 07:30:00,settled,小李,,,80.00,0,80.00,\n"
               "FUT-1,V01,小包,2099-03-02 12:00:00,2099-03-02 13:00:00,settled,小李,,,50.00,0,50.00,\n",
            fx_day, fx_day, after, after);
    fclose(f);
    snprintf(file, sizeof file, "%s/bill_lines.csv", dir);
    f = fopen(file, "w");
    CHECK(f != NULL);
    if (!f) return;
    fprintf(f, "bill_no,line_no,kind,item,qty,unit_price,amount\n");
    fclose(f);
    snprintf(file, sizeof file, "%s/bill_payments.csv", dir);
    f = fopen(file, "w");
    CHECK(f != NULL);
    if (!f) return;
    fprintf(f, "bill_no,method,amount\nLOCK-1,cash,100.00\nLOCK-2,cash,60.00\nOPEN-1,wechat,80.00\n"
               "FUT-1,cash,50.00\n");
    fclose(f);
    char *out = NULL;
    CHECK_INT(run_cli(&out, "import", "bills", "--db", srv.db, dir, NULL), 1);
    CHECK(out && strstr(out, "已确认锁定") != NULL);
    CHECK(out && strstr(out, "未来的账单不能导入") != NULL);
    if (out && !strstr(out, "已确认锁定")) fprintf(stderr, "%s\n", out);
    free(out);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bills WHERE bill_no IN ('LOCK-1','OPEN-1')"), 0);
    out = NULL;
    CHECK_INT(run_cli(&out, "import", "bills", "--db", srv.db, "--skip-invalid", dir, NULL), 0);
    if (out && !strstr(out, "已确认锁定")) fprintf(stderr, "%s\n", out);
    free(out);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bills WHERE bill_no IN ('LOCK-1','LOCK-2','FUT-1')"),
              0);
    int64_t open1 = fx_sql_int("SELECT id FROM bills WHERE bill_no = 'OPEN-1'");
    CHECK(open1 > 0);
    /* The imported bill posts: unitemised revenue 80.00 against WeChat. */
    CHECK_INT(line_of("bill", open1, "clr_wechat"), 8000);
    CHECK_INT(line_of("bill", open1, "rev_other"), -8000);
}

/* Manual entries: balanced or refused with the reason; reversed once, dated in an open day,
 * naming the entry; entries posted by events are corrected by their events. */
static void manual_entries_and_reversal(void)
{
    /* Nothing leaves a safe the books show empty, not by a manual entry either. */
    int64_t safe_now = fx_sql_int("SELECT coalesce(sum(l.amount_fen), 0) FROM journal_lines l JOIN "
                                  "accounts a ON a.id = l.account_id WHERE a.system_key = 'safe'");
    json_t *short_e = POST(&fin, 409, "/api/v1/ledger/entries",
                           "{\"memo\":\"取保险柜现金存银行\",\"lines\":[{\"account\":\"1005\","
                           "\"debit_fen\":%lld},{\"account\":\"safe\",\"credit_fen\":%lld}]}",
                           (long long)((safe_now > 0 ? safe_now : 0) + 1),
                           (long long)((safe_now > 0 ? safe_now : 0) + 1));
    CHECK_STR(jerr(short_e), "safe_short");
    json_decref(short_e);

    json_t *e = POST(&fin, 400, "/api/v1/ledger/entries",
                     "{\"memo\":\"期初\",\"lines\":[{\"account\":\"bank\",\"debit_fen\":500000},"
                     "{\"account\":\"equity_opening\",\"credit_fen\":400000}]}");
    CHECK_STR(jstr(e, "error.field"), "lines");
    json_decref(e);
    e = POST(&fin, 400, "/api/v1/ledger/entries",
             "{\"memo\":\"期初\",\"lines\":[{\"account\":\"bank\",\"debit_fen\":500000},"
             "{\"account\":\"9999\",\"credit_fen\":500000}]}");
    CHECK_STR(jstr(e, "error.field"), "lines[1].account");
    json_decref(e);
    e = POST(&fin, 400, "/api/v1/ledger/entries",
             "{\"memo\":\"期初\",\"lines\":[{\"account\":\"bank\",\"debit_fen\":500000,"
             "\"credit_fen\":1},{\"account\":\"equity_opening\",\"credit_fen\":500000}]}");
    CHECK_STR(jstr(e, "error.field"), "lines[0]");
    json_decref(e);
    e = POST(&fin, 400, "/api/v1/ledger/entries",
             "{\"memo\":\"期初\",\"lines\":[{\"account\":\"bank\",\"debit_fen\":\"12.345\"},"
             "{\"account\":\"equity_opening\",\"credit_fen\":500000}]}");
    CHECK_STR(jstr(e, "error.field"), "debit_fen");
    json_decref(e);
    e = POST(&fin, 400, "/api/v1/ledger/entries",
             "{\"day\":\"2999-01-01\",\"memo\":\"期初\",\"lines\":[{\"account\":\"bank\","
             "\"debit_fen\":1},{\"account\":\"equity_opening\",\"credit_fen\":1}]}");
    CHECK_STR(jstr(e, "error.field"), "day");
    json_decref(e);
    e = POST(&fin, 400, "/api/v1/ledger/entries",
             "{\"memo\":\"期初\",\"colour\":1,\"lines\":[]}");
    CHECK_STR(jerr(e), "unknown_field");
    json_decref(e);
    /* Accounts a sub-ledger keeps (drawers, petty cash, stored value) take no manual line, by
     * key or by code; nothing lands. */
    int64_t before = fx_sql_int("SELECT count(*) FROM journal_entries");
    const char *kept[] = {"petty_cash", "1004", "drawer", "sv_principal", "2002"};
    for (size_t k = 0; k < sizeof kept / sizeof *kept; k++) {
        char body[256];
        snprintf(body, sizeof body,
                 "{\"memo\":\"挪用\",\"lines\":[{\"account\":\"bank\",\"debit_fen\":100},"
                 "{\"account\":\"%s\",\"credit_fen\":100}]}",
                 kept[k]);
        e = POST(&fin, 400, "/api/v1/ledger/entries", "%s", body);
        CHECK_STR(jstr(e, "error.field"), "lines[1].account");
        CHECK(strstr(jstr(e, "error.message"), "不能手工记账") != NULL);
        json_decref(e);
    }
    CHECK_INT(fx_sql_int("SELECT count(*) FROM journal_entries"), before);

    e = POST(&fin, 201, "/api/v1/ledger/entries",
             "{\"memo\":\"期初银行存款\",\"lines\":[{\"account\":\"1005\",\"debit_fen\":500000},"
             "{\"account\":\"equity_opening\",\"credit_fen\":500000}]}");
    int64_t id = jint(e, "id");
    CHECK_STR(jstr(e, "source_kind"), "manual");
    CHECK_INT(jint(e, "lines[0].debit_fen"), 500000);
    CHECK_STR(jstr(e, "lines[0].account_code"), "1005");
    json_decref(e);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM journal_entries"), before + 1);
    CHECK_INT(bal("bank", NULL), 500000);

    /* The cashier reads no books. */
    json_decref(GET(&cashier, 403, "/api/v1/ledger/entries"));
    json_decref(POST(&cashier, 403, fx_path("ledger/entries", id, "/reverse"), "{\"reason\":\"x\"}"));

    e = POST(&fin, 201, fx_path("ledger/entries", id, "/reverse"), "{\"reason\":\"金额记错\"}");
    CHECK_INT(jint(e, "reverses_id"), id);
    CHECK_STR(jstr(e, "source_kind"), "reversal");
    CHECK_INT(jint(e, "lines[0].credit_fen") + jint(e, "lines[1].credit_fen"), 500000);
    json_decref(e);
    CHECK_INT(bal("bank", NULL), 0);
    e = POST(&fin, 409, fx_path("ledger/entries", id, "/reverse"), "{\"reason\":\"again\"}");
    CHECK_STR(jerr(e), "already_reversed");
    json_decref(e);
    /* A bill's entry is corrected by a void or a refund, never here. */
    int64_t bill_entry = fx_sql_int("SELECT min(id) FROM journal_entries WHERE source_kind = 'bill'");
    e = POST(&fin, 409, fx_path("ledger/entries", bill_entry, "/reverse"), "{\"reason\":\"x\"}");
    CHECK_STR(jerr(e), "not_manual");
    json_decref(e);
    /* The original names its reversal. */
    e = GET(&fin, 200, fx_path("ledger/entries", id, ""));
    CHECK(jint(e, "reversed_by_id") > id);
    json_decref(e);
    /* Ledger rows are never edited, whatever path tries. */
    char *o = fx_sql("UPDATE journal_lines SET amount_fen = 1 WHERE entry_id = %lld", (long long)id);
    CHECK(strstr(o, "never edited") != NULL);
    free(o);
    o = fx_sql("DELETE FROM journal_entries WHERE id = %lld", (long long)id);
    CHECK(strstr(o, "never deleted") != NULL);
    free(o);
}

/* The chart: finance adds and renames accounts; a system account is never deactivated; codes
 * are unique. */
static void chart_of_accounts(void)
{
    json_t *a = GET(&fin, 200, "/api/v1/ledger/accounts?type=expense");
    CHECK(json_array_size(jget(a, "items")) >= 12);
    json_decref(a);
    a = POST(&fin, 201, "/api/v1/ledger/accounts",
             "{\"code\":\"6050\",\"name\":\"广告费\",\"type\":\"expense\"}");
    int64_t id = jint(a, "id");
    CHECK_STR(jstr(a, "grp"), "expense");
    json_decref(a);
    a = POST(&fin, 409, "/api/v1/ledger/accounts",
             "{\"code\":\"6050\",\"name\":\"重复\",\"type\":\"expense\"}");
    CHECK_STR(jerr(a), "duplicate_code");
    json_decref(a);
    a = POST(&fin, 400, "/api/v1/ledger/accounts", "{\"code\":\"1099\",\"name\":\"x\",\"type\":\"asset\"}");
    CHECK_STR(jstr(a, "error.field"), "grp");
    json_decref(a);
    a = POST(&fin, 400, "/api/v1/ledger/accounts", "{\"code\":\"a b\",\"name\":\"x\",\"type\":\"expense\"}");
    CHECK_STR(jstr(a, "error.field"), "code");
    json_decref(a);
    /* A code is never a word: renamed to "drawer", an expense account would have let a
     * manual entry name the drawer (kept out of manual entries) and a reversal land on the
     * bank; both codes are refused, and the drawer stays out of reach. */
    a = POST(&fin, 400, "/api/v1/ledger/accounts", "{\"code\":\"bank\",\"name\":\"x\",\"type\":\"expense\"}");
    CHECK_STR(jstr(a, "error.field"), "code");
    json_decref(a);
    a = PUT(&fin, 400, fx_path("ledger/accounts", id, ""), "{\"code\":\"drawer\"}");
    CHECK_STR(jstr(a, "error.field"), "code");
    json_decref(a);
    /* An entry on the new account, the account renumbered, the entry reversed: the reversal
     * lands on the very accounts the entry moved (it is read back by account, not by the code
     * the entry showed when it was posted). */
    json_t *m = POST(&fin, 201, "/api/v1/ledger/entries",
                     "{\"memo\":\"广告费预付\",\"lines\":[{\"account\":\"6050\",\"debit_fen\":100},"
                     "{\"account\":\"1005\",\"credit_fen\":100}]}");
    int64_t posted = jint(m, "id");
    json_decref(m);
    json_decref(PUT(&fin, 200, fx_path("ledger/accounts", id, ""), "{\"code\":\"6051\"}"));
    m = POST(&fin, 201, fx_path("ledger/entries", posted, "/reverse"), "{\"reason\":\"记错\"}");
    int64_t rev = jint(m, "id");
    json_decref(m);
    CHECK_INT(fx_sql_int("SELECT amount_fen FROM journal_lines WHERE entry_id = %lld AND "
                         "account_id = %lld",
                         (long long)rev, (long long)id),
              -100);
    CHECK_INT(fx_sql_int("SELECT l.amount_fen FROM journal_lines l JOIN accounts a ON a.id = "
                         "l.account_id WHERE l.entry_id = %lld AND a.system_key = 'bank'",
                         (long long)rev),
              100);
    json_decref(PUT(&fin, 200, fx_path("ledger/accounts", id, ""), "{\"active\":false}"));
    int64_t safe = fx_sql_int("SELECT id FROM accounts WHERE system_key = 'safe'");
    a = PUT(&fin, 409, fx_path("ledger/accounts", safe, ""), "{\"active\":false}");
    CHECK_STR(jerr(a), "system_account");
    json_decref(a);
    a = PUT(&fin, 200, fx_path("ledger/accounts", safe, ""), "{\"name\":\"总台保险柜\"}");
    CHECK_STR(jstr(a, "name"), "总台保险柜");
    CHECK_STR(jstr(a, "system_key"), "safe");
    json_decref(a);
    /* The category mapping sends 饮料 to other goods from now on. */
    json_decref(PUT(&fin, 200, "/api/v1/ledger/category-accounts",
                    "{\"category\":\"饮料\",\"account\":\"rev_goods\"}"));
    a = PUT(&fin, 400, "/api/v1/ledger/category-accounts", "{\"category\":\"饮料\",\"account\":\"bank\"}");
    CHECK_STR(jstr(a, "error.field"), "account");
    json_decref(a);
}

/* The trial balance through the API: debits equal credits, no entry out of balance. */
static void trial_balance_is_zero(void)
{
    json_t *t = GET(&fin, 200, "/api/v1/ledger/trial-balance");
    CHECK_INT(jint(t, "difference_fen"), 0);
    CHECK(json_is_true(jget(t, "balanced")));
    CHECK_INT(jint(t, "unbalanced_entries"), 0);
    CHECK(jint(t, "debit_total_fen") > 0);
    CHECK_INT(jint(t, "debit_balance_total_fen"), jint(t, "credit_balance_total_fen"));
    CHECK_INT(jint(t, "entries"), fx_sql_int("SELECT count(*) FROM journal_entries"));
    json_decref(t);
    json_decref(GET(&fin, 400, "/api/v1/ledger/trial-balance?day=2026-13-01"));
}

int main(void)
{
    if (!fx_start(12)) {
        printf("finance/ledger_api: 0 passed, 1 failed\n");
        return 1;
    }
    CHECK(add_user(&srv, "cashier1", "cashier", "cashier-pass-1"));
    CHECK(add_user(&srv, "manager1", "manager", "manager-pass-1"));
    CHECK(add_user(&srv, "finance1", "finance", "finance-pass-1"));
    admin = fx_login("admin", TEST_ADMIN_PASSWORD);
    cashier = fx_login("cashier1", "cashier-pass-1");
    fin = fx_login("finance1", "finance-pass-1");
    /* Sales post to revenue by product category (酒水 drinks, 小吃 food). */
    free(fx_sql("UPDATE products SET category = '酒水' WHERE id = %lld", (long long)fx_beer));
    free(fx_sql("UPDATE products SET category = '小吃' WHERE id = %lld", (long long)fx_platter));
    RUN(s5_short_reaches_the_books);
    fx_open_shift(&admin);
    RUN(bill_refund_and_void_post);
    RUN(stored_value_moves_with_the_bill);
    RUN(manual_entries_and_reversal);
    RUN(chart_of_accounts);
    RUN(locked_day_stays_locked);
    RUN(trial_balance_is_zero);
    client_free(&admin);
    client_free(&cashier);
    client_free(&fin);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("finance/ledger_api");
}
