/* test_petty_api.c: petty cash (备用金) against the real server: the brief's sequence (imprest
 * 3,000.00; 500.00 issued to 小王; 120.00 back and 380.00 of receipts; 380.00 replenished) with
 * the ledger's petty_cash, petty_issued and expense accounts checked to the fen after every
 * step, the invariant on GET, approval above the limit with a manager's second sign-in, a
 * direct expense, the movements list and the register (JSON, CSV, xlsx), who may do it, bad
 * inputs, and a locked day that writes nothing. (server_stop also asserts that the books
 * balance at the end.) */
#include "frontdesk/fixture.h"

#define PASSWORD "petty-pass-1"
#define WRONG "wrong-pass-1"

static struct client fin, boss, till;
static char today[11];

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

static int64_t movements(void)
{
    return fx_sql_int("SELECT count(*) FROM petty_movements");
}

static int64_t entries(void)
{
    return fx_sql_int("SELECT count(*) FROM journal_entries");
}

/* The fund's four figures and the ledger's as GET /petty-cash shows them, checked at once. */
static void check_get(int64_t imprest, int64_t cash, int64_t outstanding, int64_t receipted,
                      int line)
{
    json_t *g = GET(&fin, 200, "/api/v1/petty-cash");
    if (jint(g, "status.imprest_fen") != imprest || jint(g, "status.cash_fen") != cash ||
        jint(g, "status.outstanding_fen") != outstanding ||
        jint(g, "status.receipted_fen") != receipted)
        harness_fail(__FILE__, line, "status %lld/%lld/%lld/%lld, expected %lld/%lld/%lld/%lld",
                     (long long)jint(g, "status.imprest_fen"), (long long)jint(g, "status.cash_fen"),
                     (long long)jint(g, "status.outstanding_fen"),
                     (long long)jint(g, "status.receipted_fen"), (long long)imprest,
                     (long long)cash, (long long)outstanding, (long long)receipted);
    if (!json_is_true(jget(g, "status.holds")) || !json_is_true(jget(g, "ledger.agrees")))
        harness_fail(__FILE__, line, "the invariant does not hold on GET");
    if (jint(g, "ledger.petty_cash_fen") != cash || jint(g, "ledger.petty_issued_fen") != outstanding)
        harness_fail(__FILE__, line, "ledger %lld/%lld", (long long)jint(g, "ledger.petty_cash_fen"),
                     (long long)jint(g, "ledger.petty_issued_fen"));
    /* The ledger itself, read from the database. */
    if (bal("petty_cash", NULL) != cash || bal("petty_issued", NULL) != outstanding)
        harness_fail(__FILE__, line, "books: petty_cash %lld, petty_issued %lld",
                     (long long)bal("petty_cash", NULL), (long long)bal("petty_issued", NULL));
    json_decref(g);
}
#define CHECK_FUND(imp, cash, out, rec) check_get((imp), (cash), (out), (rec), __LINE__)

/* An error reply of status with code and field; the body is freed. */
static void check_error(json_t *j, const char *code, const char *field, int line)
{
    if (strcmp(jstr(j, "error.code"), code) != 0 ||
        (field && strcmp(jstr(j, "error.field"), field) != 0))
        harness_fail(__FILE__, line, "error %s on %s, expected %s on %s (%s)", jstr(j, "error.code"),
                     jstr(j, "error.field"), code, field ? field : "-", jstr(j, "error.message"));
    json_decref(j);
}
#define ERR(j, code, field) check_error((j), (code), (field), __LINE__)

static bool start(void)
{
    if (!server_start(&srv, NULL)) return false;
    if (!add_user(&srv, "boss", "manager", PASSWORD) ||
        !add_user(&srv, "boss2", "manager", PASSWORD) ||
        !add_user(&srv, "money", "finance", PASSWORD) ||
        !add_user(&srv, "till", "cashier", PASSWORD) ||
        !add_user(&srv, "xiaowang", "staff", PASSWORD))
        return false;
    fin = fx_login("money", PASSWORD);
    boss = fx_login("boss", PASSWORD);
    till = fx_login("till", PASSWORD);
    json_t *g = GET(&fin, 200, "/api/v1/petty-cash");
    snprintf(today, sizeof today, "%s", jstr(g, "today"));
    json_decref(g);
    /* Cash in the safe to fund the petty cash from: nothing leaves a safe the books show
     * empty (safe_is_never_emptied below). */
    json_decref(POST(&fin, 201, "/api/v1/finance/transfers",
                     "{\"from_account\":\"bank\",\"to_account\":\"safe\",\"amount_fen\":1000000,"
                     "\"note\":\"备用金用现金\"}"));
    return strlen(today) == 10;
}

/* Funding or replenishing the petty cash from the safe may not take the safe below zero:
 * refused with the figures, nothing written. */
static void safe_is_never_emptied(void)
{
    int64_t safe = fx_sql_int("SELECT coalesce(sum(l.amount_fen), 0) FROM journal_lines l JOIN "
                              "accounts a ON a.id = l.account_id WHERE a.system_key = 'safe'");
    int64_t m = movements(), e = fx_sql_int("SELECT count(*) FROM journal_entries");
    int64_t imprest = fx_sql_int("SELECT imprest_fen FROM petty_funds");
    json_t *r = POST(&boss, 409, "/api/v1/petty-cash/fund",
                     "{\"imprest_fen\":%lld,\"source\":\"safe\"}", (long long)(imprest + safe + 1));
    CHECK(strstr(jstr(r, "error.message"), "保险柜现金不足") != NULL);
    ERR(r, "safe_short", NULL);
    CHECK_INT(movements(), m);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM journal_entries"), e);
}

/* A cashier has no finance permission: neither reads nor writes. */
static void cashier_forbidden(void)
{
    ERR(GET(&till, 403, "/api/v1/petty-cash"), "forbidden", NULL);
    json_decref(GET(&till, 403, "/api/v1/petty-cash/movements"));
    json_decref(GET(&till, 403, "/api/v1/petty-cash/register"));
    json_decref(POST(&till, 403, "/api/v1/petty-cash/issues",
                     "{\"person\":\"小王\",\"purpose\":\"x\",\"amount_fen\":100}"));
    json_decref(POST(&till, 403, "/api/v1/petty-cash/fund",
                     "{\"imprest_fen\":300000,\"source\":\"safe\"}"));
    CHECK_INT(movements(), 0);
}

/* Before the fund: nothing to issue; the fund's inputs checked. */
static void fund_inputs(void)
{
    json_t *g = GET(&fin, 200, "/api/v1/petty-cash");
    CHECK(json_is_null(jget(g, "fund")));
    CHECK_INT(jint(g, "status.imprest_fen"), 0);
    CHECK(json_is_true(jget(g, "status.holds")));
    CHECK(json_array_size(jget(g, "expense_accounts")) >= 10);
    json_decref(g);
    ERR(POST(&fin, 409, "/api/v1/petty-cash/issues",
             "{\"person\":\"小王\",\"purpose\":\"采购水果\",\"amount_fen\":50000}"),
        "fund_not_established", NULL);
    ERR(POST(&fin, 400, "/api/v1/petty-cash/fund", "{}"), "invalid_field", "imprest_fen");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/fund", "{\"imprest_fen\":300000}"), "invalid_field",
        "source");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/fund", "{\"imprest_fen\":\"3000\",\"source\":\"safe\"}"),
        "invalid_field", "imprest_fen");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/fund", "{\"imprest_fen\":300000,\"source\":\"vault\"}"),
        "invalid_field", "source");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/fund",
             "{\"imprest_fen\":300000,\"source\":\"safe\",\"colour\":1}"),
        "unknown_field", "colour");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/fund", "{\"imprest_fen\":0,\"source\":\"safe\"}"),
        "invalid_field", "imprest_fen");
    CHECK_INT(movements(), 0);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM petty_funds"), 0);
}

/* The brief's sequence, to the fen.
 *   establish 3,000.00 from the safe   petty_cash 3,000.00, safe -3,000.00
 *   issue 500.00 to 小王               petty_cash 2,500.00, petty_issued(小王) 500.00
 *   settle 120.00 + 380.00 receipts    petty_cash 2,620.00, petty_issued 0,
 *     (300.00 purchases, 80.00 cleaning) exp_purchases 300.00, exp_cleaning 80.00
 *   replenish 380.00 from the safe     petty_cash 3,000.00, safe -3,380.00 */
static void issue_settle_replenish(void)
{
    int64_t safe0 = bal("safe", NULL);
    json_t *f = POST(&fin, 201, "/api/v1/petty-cash/fund",
                     "{\"imprest_fen\":300000,\"source\":\"safe\",\"custodian\":\"刘敏\"}");
    CHECK_STR(jstr(f, "movement.kind"), "establish");
    CHECK_STR(jstr(f, "fund.custodian"), "刘敏");
    CHECK_STR(jstr(f, "fund.status"), "active");
    CHECK_INT(jint(f, "fund.imprest_fen"), 300000);
    CHECK_INT(jint(f, "fund.approval_limit_fen"), 200000);
    CHECK_INT(jint(f, "status.cash_fen"), 300000);
    json_decref(f);
    CHECK_FUND(300000, 300000, 0, 0);
    CHECK_INT(bal("safe", NULL) - safe0, -300000);
    /* The same imprest again is no change. */
    ERR(POST(&fin, 400, "/api/v1/petty-cash/fund", "{\"imprest_fen\":300000,\"source\":\"safe\"}"),
        "same_imprest", "imprest_fen");

    /* Bad issues first: nothing is written. */
    ERR(POST(&fin, 400, "/api/v1/petty-cash/issues",
             "{\"person\":\"小王\",\"purpose\":\"采购水果\",\"amount_fen\":0}"),
        "invalid_field", "amount_fen");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/issues",
             "{\"person\":\"小王\",\"purpose\":\"采购水果\",\"amount_fen\":\"500\"}"),
        "invalid_field", "amount_fen");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/issues", "{\"person\":\"小王\",\"amount_fen\":50000}"),
        "invalid_field", "purpose");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/issues",
             "{\"person\":\"  \",\"purpose\":\"采购水果\",\"amount_fen\":50000}"),
        "invalid_field", "person");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/issues",
             "{\"person\":\"一二三四五六七八九十一二三四五六七八九十一\",\"purpose\":\"x\","
             "\"amount_fen\":50000}"),
        "invalid_field", "person");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/issues",
             "{\"person_username\":\"nobody\",\"purpose\":\"x\",\"amount_fen\":50000}"),
        "invalid_field", "person_username");
    CHECK_INT(movements(), 1);

    json_t *i = POST(&fin, 201, "/api/v1/petty-cash/issues",
                     "{\"person\":\"小王\",\"person_username\":\"xiaowang\",\"purpose\":\"采购水果\","
                     "\"amount_fen\":50000,\"idempotency_key\":\"petty-issue-1\"}");
    int64_t issue = jint(i, "movement.id");
    CHECK_STR(jstr(i, "movement.kind"), "issue");
    CHECK_STR(jstr(i, "movement.person"), "小王");
    CHECK_INT(jint(i, "movement.effect.cash_fen"), -50000);
    CHECK_INT(jint(i, "issue.outstanding_fen"), 50000);
    CHECK(jint(i, "issue.person_user_id") > 0);
    CHECK(jint(i, "movement.entry_id") > 0);
    json_decref(i);
    /* A retry with the same key gets the same answer and writes nothing more. */
    i = POST(&fin, 201, "/api/v1/petty-cash/issues",
             "{\"person\":\"小王\",\"person_username\":\"xiaowang\",\"purpose\":\"采购水果\","
             "\"amount_fen\":50000,\"idempotency_key\":\"petty-issue-1\"}");
    CHECK_INT(jint(i, "movement.id"), issue);
    json_decref(i);
    CHECK_INT(movements(), 2);
    CHECK_FUND(300000, 250000, 50000, 0);
    CHECK_INT(bal("petty_issued", "小王"), 50000);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM journal_entries WHERE source_kind = 'petty' AND "
                         "source_id = %lld AND day = '%s'",
                         (long long)issue, today),
              1);

    /* More than on hand: 2,500.01 with 2,500.00 there (the cash refuses before the approval). */
    json_t *e = POST(&fin, 409, "/api/v1/petty-cash/issues",
                     "{\"person\":\"阿强\",\"purpose\":\"采购酒水\",\"amount_fen\":250001}");
    CHECK_STR(jstr(e, "error.message"), "库存现金只有 2,500.00 元，不能领用 2,500.01 元");
    ERR(e, "over_cash_on_hand", "amount_fen");

    /* Bad settlements: nothing is written. */
    const char *settle = fx_path("petty-cash/issues", issue, "/settle");
    e = POST(&fin, 409, settle, "{\"returned_fen\":50001}");
    CHECK_STR(jstr(e, "error.message"), "退回零钱 500.01 元超过该笔借支未归还的 500.00 元");
    ERR(e, "over_outstanding", "returned_fen");
    ERR(POST(&fin, 409, settle,
             "{\"returned_fen\":12000,\"receipts\":[{\"account\":\"exp_purchases\","
             "\"amount_fen\":38001}]}"),
        "over_outstanding", "returned_fen");
    ERR(POST(&fin, 400, settle,
             "{\"returned_fen\":12000,\"receipts\":[{\"account\":\"rev_room\",\"amount_fen\":38000}]}"),
        "invalid_field", "receipts[0].account");
    ERR(POST(&fin, 400, settle,
             "{\"receipts\":[{\"account\":\"exp_office\",\"amount_fen\":100},"
             "{\"account\":\"9999\",\"amount_fen\":38000}]}"),
        "invalid_field", "receipts[1].account");
    ERR(POST(&fin, 400, settle, "{\"receipts\":[{\"account\":\"exp_office\",\"amount_fen\":0}]}"),
        "invalid_field", "receipts[0].amount_fen");
    ERR(POST(&fin, 400, settle,
             "{\"receipts\":[{\"account\":\"exp_office\",\"amount_fen\":100,\"vat\":6}]}"),
        "unknown_field", "receipts[0].vat");
    ERR(POST(&fin, 400, settle, "{\"receipts\":{\"account\":\"exp_office\"}}"), "invalid_field",
        "receipts");
    ERR(POST(&fin, 409, settle, "{}"), "nothing_to_settle", NULL);
    ERR(POST(&fin, 404, "/api/v1/petty-cash/issues/99999/settle", "{\"returned_fen\":100}"),
        "not_found", NULL);
    CHECK_INT(movements(), 2);

    json_t *s = POST(&fin, 201, settle,
                     "{\"returned_fen\":12000,\"receipts\":["
                     "{\"account\":\"exp_purchases\",\"amount_fen\":30000,\"note\":\"水果\","
                     "\"receipt_count\":2,\"receipt_no\":\"No.0001\"},"
                     "{\"account\":\"6005\",\"amount_fen\":8000,\"note\":\"洗洁精\"}]}");
    CHECK_STR(jstr(s, "movement.kind"), "settle");
    CHECK_INT(jint(s, "movement.amount_fen"), 50000);
    CHECK_INT(jint(s, "movement.returned_fen"), 12000);
    CHECK_INT(jint(s, "movement.receipted_fen"), 38000);
    CHECK_INT(jint(s, "movement.issue_id"), issue);
    CHECK_INT(json_array_size(jget(s, "movement.receipts")), 2);
    CHECK_STR(jstr(s, "movement.receipts[1].account"), "exp_cleaning");
    CHECK_INT(jint(s, "movement.receipts[0].receipt_count"), 2);
    CHECK_INT(jint(s, "issue.outstanding_fen"), 0);
    CHECK(json_is_true(jget(s, "issue.settled")));
    CHECK_INT(jint(s, "status.receipted_fen"), 38000);
    json_decref(s);
    CHECK_FUND(300000, 262000, 0, 38000);
    CHECK_INT(bal("petty_issued", "小王"), 0);
    CHECK_INT(bal("exp_purchases", NULL), 30000);
    CHECK_INT(bal("exp_cleaning", NULL), 8000);
    ERR(POST(&fin, 409, settle, "{\"returned_fen\":100}"), "issue_settled", NULL);

    /* Replenish: not more than receipted, a source named; then everything (the default). */
    e = POST(&fin, 409, "/api/v1/petty-cash/replenish", "{\"amount_fen\":38001,\"source\":\"safe\"}");
    CHECK_STR(jstr(e, "error.message"), "已报销待补充的只有 380.00 元，不能补充 380.01 元");
    ERR(e, "over_receipted", "amount_fen");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/replenish", "{}"), "invalid_field", "source");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/replenish", "{\"amount_fen\":0,\"source\":\"safe\"}"),
        "invalid_field", "amount_fen");
    int64_t safe1 = bal("safe", NULL);
    json_t *r = POST(&fin, 201, "/api/v1/petty-cash/replenish", "{\"source\":\"safe\"}");
    CHECK_STR(jstr(r, "movement.kind"), "replenish");
    CHECK_INT(jint(r, "movement.amount_fen"), 38000);
    json_decref(r);
    CHECK_FUND(300000, 300000, 0, 0);
    CHECK_INT(bal("safe", NULL) - safe1, -38000);
    ERR(POST(&fin, 409, "/api/v1/petty-cash/replenish", "{\"source\":\"bank\"}"),
        "nothing_to_replenish", NULL);
    /* Every movement is audited. */
    CHECK_INT(fx_sql_int("SELECT count(*) FROM audit_log WHERE entity = 'petty_movement'"), 4);
}

/* Above the limit of 2,000.00 a manager approves with a second sign-in: not a finance clerk,
 * not a wrong password, not the manager who issues it; boss approves what money issues. */
static void approval_above_limit(void)
{
#define BODY "{\"person\":\"阿强\",\"purpose\":\"采购周末活动物料\",\"amount_fen\":200001%s}"
    char b[400];
    snprintf(b, sizeof b, BODY, "");
    json_t *e = POST(&fin, 403, "/api/v1/petty-cash/issues", "%s", b);
    CHECK_STR(jstr(e, "error.message"),
              "领用 2,000.01 元超过审批额度 2,000.00 元，需要经理审批（填写审批人用户名和密码）");
    ERR(e, "approval_required", "approver_username");
    snprintf(b, sizeof b, BODY, ",\"approver_username\":\"money\",\"approver_password\":\"" PASSWORD "\"");
    ERR(POST(&fin, 403, "/api/v1/petty-cash/issues", "%s", b), "approver_not_manager",
        "approver_username");
    snprintf(b, sizeof b, BODY, ",\"approver_username\":\"boss\",\"approver_password\":\"" WRONG "\"");
    ERR(POST(&fin, 403, "/api/v1/petty-cash/issues", "%s", b), "approval_denied", NULL);
    snprintf(b, sizeof b, BODY, ",\"approver_username\":\"boss\"");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/issues", "%s", b), "invalid_field",
        "approver_password");
    snprintf(b, sizeof b, BODY, ",\"approver_username\":\"boss\",\"approver_password\":\"" PASSWORD "\"");
    ERR(POST(&boss, 403, "/api/v1/petty-cash/issues", "%s", b), "self_approval",
        "approver_username");
    /* The person typed as text is the approver (by user name): refused the same way. */
    ERR(POST(&fin, 403, "/api/v1/petty-cash/issues",
             "{\"person\":\" boss \",\"purpose\":\"x\",\"amount_fen\":200001,"
             "\"approver_username\":\"boss\",\"approver_password\":\"" PASSWORD "\"}"),
        "self_approval", "approver_username");
    CHECK_INT(movements(), 4);
    /* 2,000.00 exactly needs nobody. */
    json_t *ok = POST(&fin, 201, "/api/v1/petty-cash/issues",
                      "{\"person\":\"阿强\",\"purpose\":\"采购\",\"amount_fen\":200000}");
    int64_t plain = jint(ok, "movement.id");
    CHECK_STR(jstr(ok, "movement.approved_by"), "");
    json_decref(ok);
    json_decref(POST(&fin, 201, fx_path("petty-cash/issues", plain, "/settle"),
                     "{\"returned_fen\":200000}"));
    /* boss approves money's issue. */
    json_t *i = POST(&fin, 201, "/api/v1/petty-cash/issues", "%s", b);
    int64_t issue = jint(i, "movement.id");
    CHECK_STR(jstr(i, "movement.approved_by"), "boss");
    CHECK_STR(jstr(i, "issue.approved_by"), "boss");
    CHECK_STR(jstr(i, "movement.by_user"), "money");
    json_decref(i);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM approvals WHERE kind = 'petty_issue' AND "
                         "approved_by = 'boss' AND requested_by = 'money' AND amount_fen = 200001"),
              1);
    CHECK_FUND(300000, 99999, 200001, 0);
    CHECK_INT(bal("petty_issued", "阿强"), 200001);
    /* Spent 2,030.00 against 2,000.01 issued: 29.99 more is paid from the cash (补付).
     *   cash 999.99 - 29.99 = 970.00; outstanding 0; receipted 2,030.00; 970 + 2,030 = 3,000 */
    json_t *s = POST(&fin, 201, fx_path("petty-cash/issues", issue, "/settle"),
                     "{\"receipts\":[{\"account\":\"exp_marketing\",\"amount_fen\":203000}]}");
    CHECK_STR(jstr(s, "movement.kind"), "reimburse");
    CHECK_INT(jint(s, "movement.paid_out_fen"), 2999);
    CHECK_INT(jint(s, "issue.paid_out_fen"), 2999);
    json_decref(s);
    CHECK_FUND(300000, 97000, 0, 203000);
    CHECK_INT(bal("petty_issued", "阿强"), 0);
    CHECK_INT(bal("exp_marketing", NULL), 203000);
    json_decref(POST(&fin, 201, "/api/v1/petty-cash/replenish", "{\"source\":\"bank\"}"));
    CHECK_FUND(300000, 300000, 0, 0);
}

/* A direct expense: courier 57.00 paid from the fund (two receipts on one account); one issue
 * left open for the page. */
static void direct_expense(void)
{
    ERR(POST(&fin, 400, "/api/v1/petty-cash/expenses", "{\"purpose\":\"快递费\"}"), "invalid_field",
        "receipts");
    ERR(POST(&fin, 400, "/api/v1/petty-cash/expenses", "{\"purpose\":\"快递费\",\"receipts\":[]}"),
        "invalid_field", "receipts");
    ERR(POST(&fin, 409, "/api/v1/petty-cash/expenses",
             "{\"purpose\":\"快递费\",\"receipts\":[{\"account\":\"exp_office\",\"amount_fen\":300001}]}"),
        "over_cash_on_hand", "receipts");
    int64_t office = bal("exp_office", NULL);
    json_t *x = POST(&fin, 201, "/api/v1/petty-cash/expenses",
                     "{\"purpose\":\"快递费\",\"person\":\"小李\",\"receipts\":["
                     "{\"account\":\"exp_office\",\"amount_fen\":3000,\"receipt_no\":\"SF1\"},"
                     "{\"account\":\"6010\",\"amount_fen\":2700,\"receipt_no\":\"SF2\"}]}");
    CHECK_STR(jstr(x, "movement.kind"), "expense");
    CHECK_INT(jint(x, "movement.amount_fen"), 5700);
    json_decref(x);
    CHECK_FUND(300000, 294300, 0, 5700);
    CHECK_INT(bal("exp_office", NULL) - office, 5700);
    json_decref(POST(&fin, 201, "/api/v1/petty-cash/issues",
                     "{\"person\":\"小李\",\"purpose\":\"买灯管\",\"amount_fen\":10000}"));
    CHECK_FUND(300000, 284300, 10000, 5700);
    json_t *g = GET(&fin, 200, "/api/v1/petty-cash");
    CHECK_INT(json_array_size(jget(g, "open_issues")), 1);
    CHECK_STR(jstr(g, "open_issues[0].person"), "小李");
    CHECK_INT(jint(g, "open_issues[0].outstanding_fen"), 10000);
    json_decref(g);
    /* Lowering the imprest below what is on hand is refused; raising it works. */
    ERR(POST(&fin, 409, "/api/v1/petty-cash/fund", "{\"imprest_fen\":0,\"source\":\"safe\"}"),
        "over_cash_on_hand", "imprest_fen");
    /* The approval limit is a control over whoever issues the cash: finance cannot set it
     * (nothing moves), a manager can. */
    int64_t n = movements();
    ERR(POST(&fin, 403, "/api/v1/petty-cash/fund",
             "{\"imprest_fen\":350000,\"source\":\"bank\",\"approval_limit_fen\":100000}"),
        "manager_only", "approval_limit_fen");
    CHECK_INT(movements(), n);
    CHECK_FUND(300000, 284300, 10000, 5700);
    json_t *f = POST(&boss, 201, "/api/v1/petty-cash/fund",
                     "{\"imprest_fen\":350000,\"source\":\"bank\",\"approval_limit_fen\":100000}");
    CHECK_STR(jstr(f, "movement.kind"), "adjust");
    CHECK_INT(jint(f, "fund.approval_limit_fen"), 100000);
    json_decref(f);
    CHECK_FUND(350000, 334300, 10000, 5700);
    /* Settings alone: no movement. An empty custodian is refused (it would clear it). */
    n = movements();
    f = POST(&boss, 200, "/api/v1/petty-cash/fund", "{\"approval_limit_fen\":200000}");
    CHECK(json_is_null(jget(f, "movement")));
    json_decref(f);
    ERR(POST(&fin, 400, "/api/v1/petty-cash/fund", "{\"custodian\":null}"), "invalid_field",
        "custodian");
    CHECK_INT(movements(), n);
}

/* The movements list (filters, paging) and the register (JSON, CSV, xlsx). */
static void lists_and_register(void)
{
    json_t *m = GET(&fin, 200, "/api/v1/petty-cash/movements");
    int64_t total = jint(m, "total");
    CHECK_INT(total, movements());
    CHECK_STR(jstr(m, "movements[0].kind"), "adjust"); /* newest first */
    json_decref(m);
    m = GET(&fin, 200, "/api/v1/petty-cash/movements?person=%E5%B0%8F%E7%8E%8B"); /* 小王 */
    CHECK_INT(jint(m, "total"), 2);
    CHECK_STR(jstr(m, "movements[0].kind"), "settle");
    CHECK_INT(json_array_size(jget(m, "movements[0].receipts")), 2);
    CHECK_STR(jstr(m, "movements[1].kind"), "issue");
    json_decref(m);
    m = GET(&fin, 200, "/api/v1/petty-cash/movements?kind=issue&page_size=2&page=2");
    CHECK_INT(jint(m, "total"), 4);
    CHECK_INT(json_array_size(jget(m, "movements")), 2);
    json_decref(m);
    ERR(GET(&fin, 400, "/api/v1/petty-cash/movements?from=2025-13-01"), "invalid_field", "from");
    ERR(GET(&fin, 400, "/api/v1/petty-cash/movements?kind=spend"), "invalid_field", "kind");
    ERR(GET(&fin, 400, "/api/v1/petty-cash/movements?page_size=501"), "invalid_field", "page_size");

    /* The register of today: 小王 500.00 (120.00 back, 380.00 receipted), 阿强 2,000.00 (all
     * back), 阿强 2,000.01 (2,030.00 receipted, 29.99 paid beyond), 小李 100.00 open.
     *   issued 500.00 + 2,000.00 + 2,000.01 + 100.00 = 4,600.01
     *   returned 120.00 + 2,000.00 = 2,120.00; receipted 380.00 + 2,030.00 = 2,410.00 */
    char path[160];
    snprintf(path, sizeof path, "/api/v1/petty-cash/register?from=%s&to=%s", today, today);
    json_t *r = GET(&fin, 200, path);
    CHECK_INT(json_array_size(jget(r, "rows")), 4);
    CHECK_STR(jstr(r, "rows[0].person"), "小王");
    CHECK_INT(jint(r, "rows[0].returned_fen"), 12000);
    CHECK_INT(jint(r, "rows[0].receipted_fen"), 38000);
    CHECK_STR(jstr(r, "rows[2].approved_by"), "boss");
    CHECK_STR(jstr(r, "rows[2].by_user"), "money");
    CHECK_INT(jint(r, "totals.amount_fen"), 460001);
    CHECK_INT(jint(r, "totals.returned_fen"), 212000);
    CHECK_INT(jint(r, "totals.receipted_fen"), 241000);
    CHECK_INT(jint(r, "totals.paid_out_fen"), 2999);
    CHECK_INT(jint(r, "totals.outstanding_fen"), 10000);
    json_decref(r);
    ERR(GET(&fin, 400, "/api/v1/petty-cash/register?format=pdf"), "invalid_field", "format");
    ERR(GET(&fin, 400, "/api/v1/petty-cash/register?from=2025-02-02&to=2025-02-01"),
        "invalid_field", "to");

    snprintf(path, sizeof path, "/api/v1/petty-cash/register?from=%s&to=%s&format=csv", today, today);
    struct response csv = client_get(&fin, path);
    CHECK_INT(csv.status, 200);
    CHECK(strstr(csv.content_type, "text/csv") != NULL);
    /* One table: the header row, the four issues, the totals row (合计 ... 4600.01). */
    CHECK(csv.body && strstr(csv.body, "领用日期,单号,领用人,用途,领用金额") &&
          strstr(csv.body, "小王") && strstr(csv.body, "合计") && strstr(csv.body, "4600.01"));
    response_free(&csv);
    snprintf(path, sizeof path, "/api/v1/petty-cash/register?from=%s&to=%s&format=xlsx", today, today);
    struct response x = client_get(&fin, path);
    CHECK_INT(x.status, 200);
    CHECK(x.len > 100 && x.body && memcmp(x.body, "PK", 2) == 0);
    response_free(&x);
}

/* Once today is confirmed (locked), every movement is refused with 409 day_locked and nothing
 * is written: no movement, no entry, no audit row. */
static void locked_day_writes_nothing(void)
{
    char path[120];
    snprintf(path, sizeof path, "/api/v1/business-days/%s/confirm", today);
    json_decref(POST(&fin, 200, path, "{}"));
    int64_t m = movements(), e = entries();
    int64_t audits = fx_sql_int("SELECT count(*) FROM audit_log WHERE entity = 'petty_movement'");
    json_t *r = POST(&fin, 409, "/api/v1/petty-cash/issues",
                     "{\"person\":\"小王\",\"purpose\":\"采购水果\",\"amount_fen\":100}");
    CHECK(strstr(jstr(r, "error.message"), today) != NULL);
    ERR(r, "day_locked", NULL);
    ERR(POST(&fin, 409, "/api/v1/petty-cash/expenses",
             "{\"purpose\":\"快递费\",\"receipts\":[{\"account\":\"exp_office\",\"amount_fen\":100}]}"),
        "day_locked", NULL);
    ERR(POST(&fin, 409, "/api/v1/petty-cash/replenish", "{\"source\":\"safe\"}"), "day_locked",
        NULL);
    int64_t open = fx_sql_int("SELECT id FROM petty_movements WHERE kind = 'issue' AND person = '小李'");
    ERR(POST(&fin, 409, fx_path("petty-cash/issues", open, "/settle"), "{\"returned_fen\":10000}"),
        "day_locked", NULL);
    ERR(POST(&fin, 409, "/api/v1/petty-cash/fund", "{\"imprest_fen\":300000,\"source\":\"safe\"}"),
        "day_locked", NULL);
    CHECK_INT(movements(), m);
    CHECK_INT(entries(), e);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM audit_log WHERE entity = 'petty_movement'"), audits);
    CHECK_INT(fx_sql_int("SELECT imprest_fen FROM petty_funds"), 350000);
    CHECK_FUND(350000, 334300, 10000, 5700);
}

int main(void)
{
    if (!start()) {
        fprintf(stderr, "petty_api: the server did not start\n");
        return 1;
    }
    RUN(cashier_forbidden);
    RUN(fund_inputs);
    RUN(issue_settle_replenish);
    RUN(approval_above_limit);
    RUN(direct_expense);
    RUN(lists_and_register);
    RUN(safe_is_never_emptied);
    RUN(locked_day_writes_nothing);
    client_free(&fin);
    client_free(&boss);
    client_free(&till);
    if (server_stop(&srv) != 0) harness_fail(__FILE__, __LINE__, "server exit or books");
    return harness_finish("petty_api");
}
