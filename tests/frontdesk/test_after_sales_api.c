/* test_after_sales_api.c: after the fact, against the real server: refunds per tender and voids
 * of a whole bill, each with a reason and a manager's approval, in the current cashier's shift;
 * the settled bill row never changes; stored value comes back to the member; a refund may go
 * back by another channel (S7); the reports' views see it all. */
#include "fixture.h"

static struct client admin, cashier, idle;

/* A bill of 210.00 (17:30-19:15 with 3 beers) paid 100.00 cash + 110.00 card; its id. */
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

static void refunds_need_a_manager(void)
{
    int64_t bill = settled_bill("A01", "after-sales-1");
    const char *path = fx_path("bills", bill, "/refunds");
    json_t *e =
        POST(&cashier, 403, path,
             "{\"reason\":\"少上一瓶\",\"tenders\":[{\"payment_seq\":1,\"amount_fen\":3000}]}");
    CHECK_STR(jerr(e), "approval_required");
    json_decref(e);
    /* A cashier may not approve refunds (limit 0). */
    e = POST(&cashier, 403, path,
             "{\"reason\":\"少上一瓶\",\"approver_username\":\"cashier2\",\"approver_password\":"
             "\"cashier-pass-2\",\"tenders\":[{\"payment_seq\":1,\"amount_fen\":3000}]}");
    CHECK_STR(jerr(e), "approval_denied");
    json_decref(e);
    json_decref(POST(&cashier, 400, path,
                     "{\"tenders\":[{\"payment_seq\":1,\"amount_fen\":3000}]" MANAGER "}"));
    json_t *r = POST(&cashier, 201, path,
                     "{\"reason\":\"少上一瓶\",\"idempotency_key\":\"refund-once-1\",\"tenders\":["
                     "{\"payment_seq\":1,\"amount_fen\":3000}]" MANAGER "}");
    CHECK_INT(jint(r, "refunded_fen"), 3000);
    CHECK_STR(jstr(r, "refunds[0].kind"), "refund");
    CHECK_STR(jstr(r, "refunds[0].method"), "cash");
    CHECK_STR(jstr(r, "refunds[0].approved_by"), "manager1");
    CHECK_STR(jstr(r, "status"), "settled");
    json_decref(r);
    /* The same request again (a retried click) refunds nothing more. */
    r = POST(&cashier, 201, path,
             "{\"reason\":\"少上一瓶\",\"idempotency_key\":\"refund-once-1\",\"tenders\":["
             "{\"payment_seq\":1,\"amount_fen\":3000}]" MANAGER "}");
    CHECK_INT(jint(r, "refunded_fen"), 3000);
    json_decref(r);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM refunds WHERE bill_id = %lld", (long long)bill), 1);
    /* In the refunding cashier's shift, on today's business day; the bill row is untouched. */
    CHECK_INT(fx_sql_int("SELECT count(*) FROM refunds r JOIN shifts s ON s.id = r.shift_id "
                         "WHERE r.bill_id = %lld AND s.cashier = 'cashier1' AND r.by_user = "
                         "'cashier1'",
                         (long long)bill),
              1);
    CHECK_INT(fx_sql_int("SELECT total_fen FROM bills WHERE id = %lld AND status = 'settled'",
                         (long long)bill),
              21000);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM approvals WHERE kind = 'refund' AND "
                         "subject = 'bill:%lld'",
                         (long long)bill),
              1);
    /* What is left of the cash tender is 70.00: 80.00 is refused; a tender that does not
     * exist is refused; no shift, no refund. */
    e = POST(&cashier, 409, path,
             "{\"reason\":\"x\",\"tenders\":[{\"payment_seq\":1,\"amount_fen\":8000}]" MANAGER "}");
    CHECK_STR(jerr(e), "refund_too_much");
    json_decref(e);
    e = POST(&cashier, 400, path,
             "{\"reason\":\"x\",\"tenders\":[{\"payment_seq\":9,\"amount_fen\":100}]" MANAGER "}");
    CHECK_STR(jstr(e, "error.field"), "tenders[0].payment_seq");
    json_decref(e);
    e = POST(&idle, 409, path,
             "{\"reason\":\"x\",\"tenders\":[{\"payment_seq\":1,\"amount_fen\":100}]" MANAGER "}");
    CHECK_STR(jerr(e), "shift_required");
    json_decref(e);
    e = POST(&cashier, 400, path,
             "{\"reason\":\"x\",\"tenders\":[{\"payment_seq\":1,\"amount_fen\":\"10.00\"}]" MANAGER
             "}");
    CHECK(strstr(jstr(e, "error.message"), "1000") != NULL);
    json_decref(e);
}

/* S7: sold 100.00 by card, refunded 100.00 in cash later: card +100.00, cash -100.00, net 0;
 * the view the reports read shows both. */
static void s7_refund_by_another_method(void)
{
    int64_t stay = fx_open(&admin, "A02", NULL, "");
    fx_order(&admin, stay, fx_beer, 10);
    json_t *b = POST(&admin, 201, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"s7-card-sale\",\"payments\":[{\"method\":\"card\","
                     "\"amount_fen\":10000}]}");
    int64_t bill = jint(b, "bill_id");
    json_decref(b);
    json_t *r = POST(&cashier, 201, fx_path("bills", bill, "/refunds"),
                     "{\"reason\":\"刷错卡\",\"tenders\":[{\"payment_seq\":1,\"amount_fen\":10000,"
                     "\"method\":\"cash\"}]" MANAGER "}");
    CHECK_STR(jstr(r, "refunds[0].method"), "cash");
    json_decref(r);
    CHECK_INT(fx_sql_int("SELECT amount_fen FROM bill_money_flows WHERE bill_id = %lld AND "
                         "method = 'card'",
                         (long long)bill),
              10000);
    CHECK_INT(fx_sql_int("SELECT amount_fen FROM bill_money_flows WHERE bill_id = %lld AND "
                         "method = 'cash'",
                         (long long)bill),
              -10000);
    CHECK_INT(fx_sql_int("SELECT sum(amount_fen) FROM bill_money_flows WHERE bill_id = %lld",
                         (long long)bill),
              0);
    /* Nothing left to refund. */
    json_t *e =
        POST(&cashier, 409, fx_path("bills", bill, "/refunds"),
             "{\"reason\":\"x\",\"tenders\":[{\"payment_seq\":1,\"amount_fen\":1}]" MANAGER "}");
    CHECK_STR(jerr(e), "refund_too_much");
    json_decref(e);
}

/* A void gives back what is left of every tender (after earlier refunds), in the voiding
 * cashier's shift, with the reason and the approver; the bill row stays 'settled' and the
 * void is its own record, seen by the bills_current view. */
static void void_a_bill(void)
{
    int64_t bill = settled_bill("A03", "after-sales-void");
    json_decref(POST(
        &cashier, 201, fx_path("bills", bill, "/refunds"),
        "{\"reason\":\"少上一瓶\",\"tenders\":[{\"payment_seq\":1,\"amount_fen\":3000}]" MANAGER
        "}"));
    const char *path = fx_path("bills", bill, "/void");
    json_t *e = POST(&cashier, 403, path, "{\"reason\":\"结错房间\"}");
    CHECK_STR(jerr(e), "approval_required");
    json_decref(e);
    e = POST(&cashier, 400, path, "{\"approver_username\":\"manager1\"}");
    json_decref(e);
    e = POST(&idle, 409, path, "{\"reason\":\"结错房间\"" MANAGER "}");
    CHECK_STR(jerr(e), "shift_required");
    json_decref(e);
    json_t *v =
        POST(&cashier, 200, path, "{\"reason\":\"结错房间\",\"return_goods\":true" MANAGER "}");
    CHECK_STR(jstr(v, "status"), "voided");
    CHECK_STR(jstr(v, "void.reason"), "结错房间");
    CHECK_STR(jstr(v, "void.approved_by"), "manager1");
    CHECK_INT(jint(v, "refunded_fen"), 21000);
    json_decref(v);
    CHECK_INT(fx_sql_int("SELECT sum(amount_fen) FROM refunds WHERE bill_id = %lld AND "
                         "kind = 'void'",
                         (long long)bill),
              18000); /* 70.00 cash left + 110.00 card */
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bill_voids v JOIN shifts s ON s.id = v.shift_id "
                         "WHERE v.bill_id = %lld AND s.cashier = 'cashier1'",
                         (long long)bill),
              1);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bills WHERE id = %lld AND status = 'settled' AND "
                         "total_fen = 21000",
                         (long long)bill),
              1);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bills_current WHERE id = %lld AND "
                         "current_status = 'voided'",
                         (long long)bill),
              1);
    CHECK_INT(fx_sql_int("SELECT sum(amount_fen) FROM bill_money_flows WHERE bill_id = %lld",
                         (long long)bill),
              0);
    /* The goods came back to the bar unopened: the consumption is reversed. */
    CHECK_INT(fx_sql_int("SELECT sum(qty) FROM consumption WHERE bill_id = %lld", (long long)bill),
              0);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM approvals WHERE kind = 'void' AND "
                         "subject = 'bill:%lld'",
                         (long long)bill),
              1);
    /* Once voided: no second void, no refund; the receipt says so. */
    e = POST(&cashier, 409, path, "{\"reason\":\"again\"" MANAGER "}");
    CHECK_STR(jerr(e), "bill_voided");
    json_decref(e);
    e = POST(&cashier, 409, fx_path("bills", bill, "/refunds"),
             "{\"reason\":\"x\",\"tenders\":[{\"payment_seq\":2,\"amount_fen\":100}]" MANAGER "}");
    CHECK_STR(jerr(e), "bill_voided");
    json_decref(e);
    struct response r = client_get(&cashier, fx_path("bills", bill, "/receipt"));
    CHECK(r.body && strstr(r.body, "已作废") && strstr(r.body, "结错房间"));
    response_free(&r);
    /* Settled rows are never updated, voids never deleted. */
    char *out = fx_sql("UPDATE refunds SET amount_fen = 1 WHERE bill_id = %lld", (long long)bill);
    CHECK(strstr(out, "never edited") != NULL);
    free(out);
    out = fx_sql("DELETE FROM bill_voids WHERE bill_id = %lld", (long long)bill);
    CHECK(strstr(out, "never deleted") != NULL);
    free(out);
}

/* Stored value: a partial refund of a member tender goes back to the balance in the mix it was
 * taken (principal 80 %, bonus 20 % here), never as cash. */
static void member_refund_goes_back_to_the_balance(void)
{
    fx_member("13800000009", 10000, 40000, 10000); /* 400.00 + 100.00 */
    int64_t stay = fx_open(&admin, "A04", NULL, ",\"member_phone\":\"13800000009\"");
    fx_order(&admin, stay, fx_beer, 10);
    json_t *b = POST(&admin, 201, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"member-refund-1\",\"payments\":[{\"method\":"
                     "\"member\",\"amount_fen\":10000}]}");
    int64_t bill = jint(b, "bill_id");
    json_decref(b);
    CHECK_INT(fx_balance("13800000009"), 40000);
    json_t *e = POST(&cashier, 400, fx_path("bills", bill, "/refunds"),
                     "{\"reason\":\"x\",\"tenders\":[{\"payment_seq\":1,\"amount_fen\":5000,"
                     "\"method\":\"cash\"}]" MANAGER "}");
    CHECK_STR(jstr(e, "error.field"), "tenders[0].method");
    json_decref(e);
    json_decref(
        POST(&cashier, 201, fx_path("bills", bill, "/refunds"),
             "{\"reason\":\"少上酒\",\"tenders\":[{\"payment_seq\":1,\"amount_fen\":5000}]" MANAGER
             "}"));
    CHECK_INT(fx_balance("13800000009"), 45000);
    CHECK_INT(fx_sql_int("SELECT principal_fen FROM member_ledger WHERE bill_id = %lld AND "
                         "kind = 'refund'",
                         (long long)bill),
              4000);
    CHECK_INT(fx_sql_int("SELECT bonus_fen FROM member_ledger WHERE bill_id = %lld AND "
                         "kind = 'refund'",
                         (long long)bill),
              1000);
    /* The void gives back the rest: the balance is whole again, principal and bonus apart. */
    json_decref(
        POST(&cashier, 200, fx_path("bills", bill, "/void"), "{\"reason\":\"作废\"" MANAGER "}"));
    CHECK_INT(fx_balance("13800000009"), 50000);
    /* The bills API shows the status as it is now, though the bill row is never edited (a
     * reload of the bill list showed a voided front-desk bill as settled). */
    json_t *detail = GET(&cashier, 200, fx_path("bills", bill, ""));
    CHECK_STR(json_string_value(json_object_get(detail, "status")), "voided");
    json_decref(detail);
    CHECK_INT(fx_sql_int("SELECT sum(bonus_fen) FROM member_ledger l JOIN members m ON "
                         "m.id = l.member_id WHERE m.phone = '13800000009'"),
              10000);
}

/* Imported bills are corrected in the system they came from. */
static void imported_bills_are_not_voided_here(void)
{
    free(
        fx_sql("INSERT INTO bills(venue_id, bill_no, opened_at, closed_at, business_day, "
               "open_hour, status, gross_fen, total_fen, source, created_at) VALUES (1, "
               "'241547733912327', 0, 0, '2019-01-17', 22, 'settled', 10000, 10000, 'import', 0)"));
    int64_t bill = fx_sql_int("SELECT id FROM bills WHERE bill_no = '241547733912327'");
    json_t *e =
        POST(&cashier, 409, fx_path("bills", bill, "/void"), "{\"reason\":\"x\"" MANAGER "}");
    CHECK_STR(jerr(e), "not_pos_bill");
    json_decref(e);
    /* Its receipt still prints. */
    struct response r = client_get(&cashier, fx_path("bills", bill, "/receipt"));
    CHECK_INT(r.status, 200);
    response_free(&r);
    json_decref(POST(&cashier, 404, "/api/v1/bills/999999/void", "{\"reason\":\"x\"" MANAGER "}"));
}

/* Every payment and refund sits in exactly one shift: per shift, the view's sum is what the
 * shift took less what it gave back. */
static void shifts_see_payments_and_refunds(void)
{
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bill_money_flows f JOIN bills b ON "
                         "b.id = f.bill_id WHERE b.source = 'pos' AND f.shift_id IS NULL"),
              0);
    int64_t admin_shift = fx_sql_int("SELECT id FROM shifts WHERE cashier = 'admin'");
    int64_t cashier_shift = fx_sql_int("SELECT id FROM shifts WHERE cashier = 'cashier1'");
    /* The admin took: 210 + 100 + 210 + 100 (member) = 620.00; the cashier gave back: 30 +
     * 100 + 30 + 180 + 50 + 50 = 440.00. */
    CHECK_INT(fx_sql_int("SELECT sum(amount_fen) FROM bill_money_flows WHERE shift_id = %lld",
                         (long long)admin_shift),
              62000);
    CHECK_INT(fx_sql_int("SELECT sum(amount_fen) FROM bill_money_flows WHERE shift_id = %lld",
                         (long long)cashier_shift),
              -44000);
}

int main(void)
{
    if (!fx_start(12)) {
        printf("frontdesk/after_sales_api: 0 passed, 1 failed\n");
        return 1;
    }
    CHECK(add_user(&srv, "cashier1", "cashier", "cashier-pass-1"));
    CHECK(add_user(&srv, "cashier2", "cashier", "cashier-pass-2"));
    CHECK(add_user(&srv, "manager1", "manager", "manager-pass-1"));
    admin = fx_login("admin", TEST_ADMIN_PASSWORD);
    cashier = fx_login("cashier1", "cashier-pass-1");
    idle = fx_login("cashier2", "cashier-pass-2");
    fx_open_shift(&admin);
    fx_open_shift(&cashier);
    RUN(refunds_need_a_manager);
    RUN(s7_refund_by_another_method);
    RUN(void_a_bill);
    RUN(member_refund_goes_back_to_the_balance);
    RUN(imported_bills_are_not_voided_here);
    RUN(shifts_see_payments_and_refunds);
    client_free(&admin);
    client_free(&cashier);
    client_free(&idle);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("frontdesk/after_sales_api");
}
