/* test_shifts_api.c: cashier shifts against the real server: the cases S1-S8 of
 * cases/money-path.md with their exact figures, the blind close, approval by a manager's
 * password, one open shift per cashier, closing once, who may touch whose shift, and the Z
 * that is never recomputed. Bills are written as checkout writes them (support.h). */
#include "support.h"

static struct client boss;

/* The manager's view of a shift: {"shift": record, "report": X or Z}. The caller frees. */
static struct response manager_view(int64_t id)
{
    return sx_get(&boss, "/api/v1/shifts/%lld", (long long)id);
}

/* S1: sale 75.00 paid with 100.00 (change 25.00) and 700.00 paid with 800.00: the drawer
 * expects +775.00 on a float of 0, never the 900.00 handed over. */
static void s1_change_is_not_takings(void)
{
    struct client c = sx_cashier("s1cash");
    int64_t uid = sx_user_id(&c), id = sx_open(&c, 0, NULL);
    sx_sale(uid, "cash", 7500, 10000);
    sx_sale(uid, "cash", 70000, 80000);
    struct response r = manager_view(id);
    CHECK_INT(jint(r.json, "report.cash.sales_fen"), 77500);
    CHECK_INT(jint(r.json, "report.cash.expected_fen"), 77500);
    CHECK_INT(jint(r.json, "report.cash_items.sales.0.amount_fen"), 7500);
    CHECK_INT(jint(r.json, "report.cash_items.sales.0.tendered_fen"), 10000);
    CHECK_INT(jint(r.json, "report.cash_items.sales.0.change_fen"), 2500);
    CHECK_INT(jint(r.json, "report.cash_items.sales.1.change_fen"), 10000);
    response_free(&r);
    r = sx_close(&c, id, 77500, NULL);
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "report.closing.difference_fen"), 0);
    CHECK_STR(jstr(r.json, "report.closing.outcome"), "even");
    response_free(&r);
    client_free(&c);
}

/* S2: float 100.00; cash sales 300.00; 40.00 paid out for bar supplies; 200.00 dropped in the
 * safe; a cash refund of 15.00: expected 145.00, each movement itemised. */
static void s2_every_cash_movement_counts(void)
{
    struct client c = sx_cashier("s2cash");
    int64_t uid = sx_user_id(&c), id = sx_open(&c, 10000, NULL);
    int64_t bill = sx_sale(uid, "cash", 30000, 0);
    CHECK_INT(sx_cash(&c, id, "pay_out", 4000, "吧台采购柠檬"), 201);
    CHECK_INT(sx_cash(&c, id, "safe_drop", 20000, ""), 201);
    sx_refund(id, bill, "cash", 1500);
    struct response r = manager_view(id);
    json_t *j = r.json;
    CHECK_INT(jint(j, "report.cash.opening_fen"), 10000);
    CHECK_INT(jint(j, "report.cash.sales_fen"), 30000);
    CHECK_INT(jint(j, "report.cash.pay_outs_fen"), 4000);
    CHECK_INT(jint(j, "report.cash.safe_drops_fen"), 20000);
    CHECK_INT(jint(j, "report.cash.refunds_fen"), 1500);
    CHECK_INT(jint(j, "report.cash.pay_ins_fen"), 0);
    CHECK_INT(jint(j, "report.cash.expected_fen"), 14500);
    CHECK_STR(jstr(j, "report.cash.expected"), "145.00");
    /* Itemised: one line per movement, with its amount and reason. */
    CHECK_INT(json_array_size(jpath(j, "report.cash_items.sales")), 1);
    CHECK_INT(json_array_size(jpath(j, "report.cash_items.pay_outs")), 1);
    CHECK_INT(json_array_size(jpath(j, "report.cash_items.safe_drops")), 1);
    CHECK_INT(json_array_size(jpath(j, "report.cash_items.refunds")), 1);
    CHECK_INT(jint(j, "report.cash_items.pay_outs.0.amount_fen"), 4000);
    CHECK_STR(jstr(j, "report.cash_items.pay_outs.0.reason"), "吧台采购柠檬");
    CHECK_INT(jint(j, "report.cash_items.safe_drops.0.amount_fen"), 20000);
    CHECK_INT(jint(j, "report.cash_items.refunds.0.amount_fen"), 1500);
    CHECK_INT(jint(j, "report.cash_items.sales.0.bill_id"), bill);
    response_free(&r);
    r = sx_close(&c, id, 14500, NULL);
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "report.closing.expected_fen"), 14500);
    CHECK_INT(jint(r.json, "report.closing.difference_fen"), 0);
    CHECK_STR(jstr(r.json, "report.kind"), "z");
    response_free(&r);
    client_free(&c);
}

/* S3: shift A closes with 100.00 counted; B opens (handed over by A) counting 50.00: an
 * opening difference of -50.00, reported once, at B's opening; one cash sale of 10.00: B
 * expects 60.00 and its close is measured against 60.00. The count of A opens no other shift;
 * the next opening is measured against B's count. */
static void s3_opening_counted_once(void)
{
    struct client a = sx_cashier("s3a"), b = sx_cashier("s3b"), c = sx_cashier("s3c"),
                  d = sx_cashier("s3d");
    int64_t a_id = sx_open(&a, 10000, NULL);
    struct response r = sx_close(&a, a_id, 10000, NULL);
    CHECK_INT(r.status, 200);
    response_free(&r);

    int64_t b_id = sx_open(&b, 5000, "s3a");
    r = manager_view(b_id);
    CHECK_INT(jint(r.json, "shift.previous_shift_id"), a_id);
    CHECK_INT(jint(r.json, "shift.previous_counted_fen"), 10000);
    CHECK_INT(jint(r.json, "shift.opening_difference_fen"), -5000);
    CHECK_STR(jstr(r.json, "shift.handed_over_by"), "s3a");
    CHECK_STR(jstr(r.json, "shift.cashier"), "s3b");
    CHECK_INT(jint(r.json, "report.opening.opening_difference_fen"), -5000);
    response_free(&r);
    /* Both names on the record: A's shift names who took it over. */
    r = manager_view(a_id);
    CHECK_STR(jstr(r.json, "shift.handed_to"), "s3b");
    CHECK_INT(jint(r.json, "shift.handed_to_shift_id"), b_id);
    response_free(&r);

    sx_sale(sx_user_id(&b), "cash", 1000, 0);
    r = manager_view(b_id);
    CHECK_INT(jint(r.json, "report.cash.expected_fen"), 6000);
    response_free(&r);
    r = sx_close(&b, b_id, 6000, NULL);
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "report.closing.difference_fen"), 0);
    CHECK_INT(jint(r.json, "report.opening.opening_difference_fen"), -5000);
    response_free(&r);

    /* A's count was taken over by B: it cannot be handed over again. */
    char count[256];
    r = sx_post(&c, "/api/v1/shifts", "{\"opening_count\":%s,\"handed_over_by\":\"s3a\"}",
                sx_count(6000, count, sizeof count));
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "no_handover");
    response_free(&r);
    /* Without a handover the next shift is measured against the venue's last close, B's
     * 60.00, and reports only its own difference. */
    int64_t c_id = sx_open(&c, 6500, NULL);
    r = manager_view(c_id);
    CHECK_INT(jint(r.json, "shift.previous_shift_id"), b_id);
    CHECK_INT(jint(r.json, "shift.opening_difference_fen"), 500);
    response_free(&r);
    /* B's count is taken now too: D's opening has nothing to be measured against. */
    int64_t d_id = sx_open(&d, 6000, NULL);
    r = manager_view(d_id);
    CHECK(json_is_null(jpath(r.json, "shift.previous_shift_id")));
    CHECK_INT(jint(r.json, "shift.opening_difference_fen"), 0);
    response_free(&r);
    r = sx_close(&c, c_id, 6500, NULL);
    response_free(&r);
    r = sx_close(&d, d_id, 6000, NULL);
    response_free(&r);
    client_free(&a);
    client_free(&b);
    client_free(&c);
    client_free(&d);
}

/* S4: float 50.00, cash sales 100.00 (expected 150.00), counted 50.00: short 100.00, owed by
 * the cashier. After approval it still says short 100.00, and a later over of 100.00 in the
 * cashier's next shift stands beside it, never netted. */
static void s4_a_difference_stays(void)
{
    struct client c = sx_cashier("s4cash");
    int64_t uid = sx_user_id(&c), id = sx_open(&c, 5000, NULL);
    sx_sale(uid, "cash", 10000, 0);
    /* A difference needs a reason; the refusal does not tell the amount. */
    struct response r = sx_close(&c, id, 5000, NULL);
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(r.json, "error.field"), "reason");
    CHECK(strstr(r.body, "100.00") == NULL && strstr(r.body, "10000") == NULL &&
          strstr(r.body, "150") == NULL);
    response_free(&r);
    r = sx_close(&c, id, 5000, "少收一张百元");
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "report.closing.expected_fen"), 15000);
    CHECK_INT(jint(r.json, "report.closing.counted_fen"), 5000);
    CHECK_INT(jint(r.json, "report.closing.difference_fen"), -10000);
    CHECK_STR(jstr(r.json, "report.closing.outcome"), "short");
    CHECK_STR(jstr(r.json, "report.closing.treatment"), "cashier_receivable");
    CHECK_INT(jint(r.json, "report.closing.short_owed_fen"), 10000);
    CHECK_STR(jstr(r.json, "shift.treatment"), "cashier_receivable");
    response_free(&r);
    char path[64];
    snprintf(path, sizeof path, "/api/v1/shifts/%lld/approve", (long long)id);
    r = sx_post(&c, path,
                "{\"approver_username\":\"boss\",\"approver_password\":\"%s\",\"note\":\"扣工资\"}",
                SX_PASSWORD);
    CHECK_INT(r.status, 200);
    CHECK_STR(jstr(r.json, "shift.difference_approved_by"), "boss");
    CHECK_INT(jint(r.json, "shift.difference_fen"), -10000);
    response_free(&r);

    /* The next shift of the same cashier is over by 100.00. */
    int64_t id2 = sx_open(&c, 10000, NULL);
    r = sx_close(&c, id2, 20000, "多出一张百元");
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "report.closing.difference_fen"), 10000);
    CHECK_STR(jstr(r.json, "report.closing.treatment"), "other_income");
    CHECK_INT(jint(r.json, "report.closing.over_income_fen"), 10000);
    response_free(&r);

    r = manager_view(id);
    CHECK_INT(jint(r.json, "shift.difference_fen"), -10000);
    CHECK_INT(jint(r.json, "report.closing.difference_fen"), -10000);
    CHECK_STR(jstr(r.json, "shift.outcome"), "short");
    response_free(&r);
    /* Finance posts each row alone: the short and the over are two rows, two sums. */
    r = client_get(&boss, "/api/v1/shifts/over-short");
    CHECK_INT(r.status, 200);
    int found = 0;
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(r.json, "items"), i, it)
    {
        int64_t sid = json_integer_value(json_object_get(it, "shift_id"));
        if (sid == id) {
            found++;
            CHECK_INT(jint(it, "difference_fen"), -10000);
            CHECK_STR(jstr(it, "treatment"), "cashier_receivable");
            CHECK_STR(jstr(it, "approved_by"), "boss");
        }
        if (sid == id2) {
            found++;
            CHECK_INT(jint(it, "difference_fen"), 10000);
            CHECK_STR(jstr(it, "treatment"), "other_income");
        }
    }
    CHECK_INT(found, 2);
    CHECK(jint(r.json, "short_total_fen") >= 10000);
    CHECK(jint(r.json, "over_total_fen") >= 10000);
    response_free(&r);
    /* Forever: the database itself refuses to change a closed shift's figures. */
    char sql[160], out[512];
    snprintf(sql, sizeof sql, "UPDATE shifts SET difference_fen = 0 WHERE id = %lld",
             (long long)id);
    CHECK(sx_sql(sql, out, sizeof out) != 0);
    CHECK(strstr(out, "frozen") != NULL);
    snprintf(sql, sizeof sql, "SELECT difference_fen FROM shifts WHERE id = %lld", (long long)id);
    sx_sql(sql, out, sizeof out);
    CHECK_INT(atoll(out), -10000);
    client_free(&c);
}

/* S5: float 100.00, cash sale 10.00, counted 90.00: a short of 20.00 for the cashier to make
 * good, and the cash after the close is 90.00. */
static void s5_the_difference_reaches_the_books(void)
{
    struct client c = sx_cashier("s5cash");
    int64_t id = sx_open(&c, 10000, NULL);
    sx_sale(sx_user_id(&c), "cash", 1000, 0);
    struct response r = sx_close(&c, id, 9000, "找错零钱");
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "report.closing.expected_fen"), 11000);
    CHECK_INT(jint(r.json, "report.closing.difference_fen"), -2000);
    CHECK_INT(jint(r.json, "report.closing.cash_after_close_fen"), 9000);
    CHECK_STR(jstr(r.json, "report.closing.treatment"), "cashier_receivable");
    response_free(&r);
    r = client_get(&boss, "/api/v1/shifts/over-short");
    bool found = false;
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(r.json, "items"), i, it)
        if (json_integer_value(json_object_get(it, "shift_id")) == id) {
            found = true;
            CHECK_INT(jint(it, "difference_fen"), -2000);
            CHECK_STR(jstr(it, "treatment"), "cashier_receivable");
        }
    CHECK(found);
    response_free(&r);
    client_free(&c);
}

/* S6: a 500.00 bill with 300.00 in cash and 200.00 on credit (挂账): the shift took 300.00 in
 * cash and shows 200.00 credit; one bill, counted once. */
static void s6_part_paid_bill(void)
{
    struct client c = sx_cashier("s6cash");
    int64_t uid = sx_user_id(&c), id = sx_open(&c, 0, NULL);
    struct db *db = db_open(srv.db);
    int64_t lines[1] = {50000};
    struct sx_tender t[2] = {{"cash", 30000, 0}, {"credit", 20000, 0}};
    CHECK_INT(sx_checkout(db, uid, "s6cash", lines, 1, t, 2, NULL, NULL), DB_OK);
    db_close(db);
    struct response r = manager_view(id);
    CHECK_INT(jint(r.json, "report.cash.sales_fen"), 30000);
    CHECK_INT(jint(r.json, "report.cash.expected_fen"), 30000);
    CHECK_INT(jint(sx_channel(jpath(r.json, "report"), "cash"), "net_fen"), 30000);
    CHECK_INT(jint(sx_channel(jpath(r.json, "report"), "credit"), "payments_fen"), 20000);
    CHECK_INT(jint(r.json, "report.payments_total_fen"), 50000);
    CHECK_INT(jint(r.json, "report.bills_count"), 1);
    CHECK_INT(jint(r.json, "report.payments_count"), 2);
    response_free(&r);
    r = sx_close(&c, id, 30000, NULL);
    CHECK_INT(jint(r.json, "report.closing.difference_fen"), 0);
    response_free(&r);
    client_free(&c);
}

/* S7: sold 100.00 by card, refunded 100.00 in cash later in the shift: card +100.00, cash
 * -100.00, net 0; the drawer holds 100.00 less than the float. */
static void s7_refund_by_another_method(void)
{
    struct client c = sx_cashier("s7cash");
    int64_t id = sx_open(&c, 20000, NULL);
    int64_t bill = sx_sale(sx_user_id(&c), "card", 10000, 0);
    sx_refund(id, bill, "cash", 10000);
    struct response r = manager_view(id);
    json_t *rep = jpath(r.json, "report");
    CHECK_INT(jint(sx_channel(rep, "card"), "net_fen"), 10000);
    CHECK_INT(jint(sx_channel(rep, "card"), "payments_fen"), 10000);
    CHECK_INT(jint(sx_channel(rep, "cash"), "net_fen"), -10000);
    CHECK_INT(jint(sx_channel(rep, "cash"), "refunds_fen"), 10000);
    CHECK_INT(jint(rep, "net_total_fen"), 0);
    CHECK_INT(jint(rep, "cash.expected_fen"), 10000);
    response_free(&r);
    r = sx_close(&c, id, 10000, NULL);
    CHECK_INT(jint(r.json, "report.closing.difference_fen"), 0);
    response_free(&r);
    client_free(&c);
}

/* S8: lines +1 x 150.00 and -1 x 250.00 (total -100.00) refunded by card: the cash difference
 * is 0.00 and card shows -100.00. */
static void s8_returned_line_paid_by_card(void)
{
    struct client c = sx_cashier("s8cash");
    int64_t uid = sx_user_id(&c), id = sx_open(&c, 10000, NULL);
    struct db *db = db_open(srv.db);
    int64_t lines[2] = {15000, -25000};
    struct sx_tender t[1] = {{"card", -10000, 0}};
    CHECK_INT(sx_checkout(db, uid, "s8cash", lines, 2, t, 1, NULL, NULL), DB_OK);
    db_close(db);
    struct response r = manager_view(id);
    json_t *rep = jpath(r.json, "report");
    CHECK_INT(jint(sx_channel(rep, "card"), "net_fen"), -10000);
    CHECK(sx_channel(rep, "cash") == NULL);
    CHECK_INT(jint(rep, "cash.expected_fen"), 10000);
    response_free(&r);
    r = sx_close(&c, id, 10000, NULL);
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "report.closing.difference_fen"), 0);
    response_free(&r);
    client_free(&c);
}

/* The blind close: the cashier's own X report shows no expected cash and nothing to work it
 * out from (cash sales, the cash channel, the grand totals); the manager sees it all; after
 * the close the cashier gets the whole Z. */
static void blind_close(void)
{
    struct client c = sx_cashier("blind1");
    int64_t id = sx_open(&c, 10000, NULL);
    sx_sale(sx_user_id(&c), "cash", 2000, 0);
    sx_sale(sx_user_id(&c), "wechat", 3000, 0);
    CHECK_INT(sx_cash(&c, id, "pay_in", 500, "补零钱"), 201);
    char paths[3][64];
    snprintf(paths[0], sizeof paths[0], "/api/v1/shifts/%lld/x-report", (long long)id);
    snprintf(paths[1], sizeof paths[1], "/api/v1/shifts/current");
    snprintf(paths[2], sizeof paths[2], "/api/v1/shifts/%lld", (long long)id);
    for (int i = 0; i < 3; i++) {
        struct response r = client_get(&c, paths[i]);
        CHECK_INT(r.status, 200);
        json_t *rep = i == 0 ? r.json : jpath(r.json, "report");
        CHECK(json_is_true(json_object_get(rep, "blind")));
        CHECK(jpath(rep, "cash.expected_fen") == NULL);
        CHECK(jpath(rep, "cash.sales_fen") == NULL);
        CHECK(jpath(rep, "cash_items.sales") == NULL);
        CHECK(jpath(rep, "payments_total_fen") == NULL);
        CHECK(sx_channel(rep, "cash") == NULL);
        CHECK_INT(jint(sx_channel(rep, "wechat"), "net_fen"), 3000);
        CHECK_INT(jint(rep, "cash.pay_ins_fen"), 500);
        CHECK(strstr(r.body, "12500") == NULL); /* 100 + 20 + 5 yuan, nowhere */
        response_free(&r);
    }
    /* The drill-down is blind too. */
    struct response r = sx_get(&c, "/api/v1/shifts/%lld/payments", (long long)id);
    CHECK_INT(r.status, 200);
    CHECK_INT(json_array_size(json_object_get(r.json, "items")), 1);
    CHECK_STR(jstr(r.json, "items.0.method"), "wechat");
    response_free(&r);
    r = sx_get(&boss, "/api/v1/shifts/%lld/x-report", (long long)id);
    CHECK(json_is_false(json_object_get(r.json, "blind")));
    CHECK_INT(jint(r.json, "cash.expected_fen"), 12500);
    CHECK_INT(jint(r.json, "cash.sales_fen"), 2000);
    response_free(&r);
    r = sx_get(&boss, "/api/v1/shifts/%lld/payments", (long long)id);
    CHECK_INT(json_array_size(json_object_get(r.json, "items")), 2);
    response_free(&r);
    r = sx_close(&c, id, 12500, NULL);
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "report.cash.expected_fen"), 12500);
    response_free(&r);
    client_free(&c);
}

/* Approval is a manager's second login: a wrong password, a cashier's own credentials, a shift
 * without difference and a second approval are all refused; the manager's is recorded. */
static void approval_needs_a_managers_password(void)
{
    struct client c = sx_cashier("appr1");
    int64_t id = sx_open(&c, 10000, NULL);
    char path[64];
    snprintf(path, sizeof path, "/api/v1/shifts/%lld/approve", (long long)id);
    /* Not closed yet. */
    struct response r = sx_post(&c, path,
                                "{\"approver_username\":\"boss\",\"approver_password\":\"%s\"}",
                                SX_PASSWORD);
    CHECK_INT(r.status, 409);
    response_free(&r);
    r = sx_close(&c, id, 9950, "硬币掉了");
    CHECK_INT(jint(r.json, "report.closing.difference_fen"), -50);
    response_free(&r);
    r = sx_post(&c, path, "{\"approver_username\":\"boss\",\"approver_password\":\"wrong-pass-9\"}");
    CHECK_INT(r.status, 401);
    CHECK_STR(response_error_code(&r), "bad_approver");
    response_free(&r);
    r = sx_post(&c, path, "{\"approver_username\":\"appr1\",\"approver_password\":\"%s\"}",
                SX_PASSWORD);
    CHECK_INT(r.status, 403);
    CHECK_STR(response_error_code(&r), "approver_not_manager");
    response_free(&r);
    r = sx_post(&c, path, "{\"approver_username\":\"money\",\"approver_password\":\"%s\"}",
                SX_PASSWORD);
    CHECK_INT(r.status, 403); /* finance reviews, but does not approve */
    response_free(&r);
    r = manager_view(id);
    CHECK(json_is_false(jpath(r.json, "shift.difference_approved")));
    response_free(&r);
    r = sx_post(&c, path,
                "{\"approver_username\":\"boss\",\"approver_password\":\"%s\",\"note\":\"同意\"}",
                SX_PASSWORD);
    CHECK_INT(r.status, 200);
    CHECK(json_is_true(jpath(r.json, "shift.difference_approved")));
    CHECK_STR(jstr(r.json, "shift.approval_note"), "同意");
    CHECK_INT(jint(r.json, "shift.difference_fen"), -50);
    response_free(&r);
    r = sx_post(&c, path, "{\"approver_username\":\"boss\",\"approver_password\":\"%s\"}",
                SX_PASSWORD);
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "already_approved");
    response_free(&r);
    /* A shift without difference has nothing to approve. */
    int64_t id2 = sx_open(&c, 0, NULL);
    r = sx_close(&c, id2, 0, NULL);
    response_free(&r);
    snprintf(path, sizeof path, "/api/v1/shifts/%lld/approve", (long long)id2);
    r = sx_post(&c, path, "{\"approver_username\":\"boss\",\"approver_password\":\"%s\"}",
                SX_PASSWORD);
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "no_difference");
    response_free(&r);
    client_free(&c);
}

/* One open shift per cashier; a shift closes once; input is checked. */
static void one_open_shift_and_one_close(void)
{
    struct client c = sx_cashier("once1");
    int64_t id = sx_open(&c, 10000, NULL);
    char count[256];
    struct response r = sx_post(&c, "/api/v1/shifts", "{\"opening_count\":%s}",
                                sx_count(5000, count, sizeof count));
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "shift_open");
    CHECK(strstr(r.body, "请先结班") != NULL);
    response_free(&r);
    r = sx_close(&c, id, 10000, NULL);
    CHECK_INT(r.status, 200);
    response_free(&r);
    r = sx_close(&c, id, 10000, NULL);
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "shift_closed");
    response_free(&r);
    /* Nothing may be paid into a closed shift. */
    CHECK_INT(sx_cash(&c, id, "pay_in", 100, ""), 409);
    /* Counts: an illegal note, a denomination twice, a negative count, a float. */
    const char *bad[] = {
        "{\"opening_count\":[{\"denomination_fen\":3000,\"pieces\":1}]}",
        "{\"opening_count\":[{\"denomination_fen\":100,\"pieces\":1},{\"denomination_fen\":100,\"pieces\":2}]}",
        "{\"opening_count\":[{\"denomination_fen\":100,\"pieces\":-1}]}",
        "{\"opening_count\":[{\"denomination_fen\":100,\"pieces\":1.5}]}",
        "{\"opening_count\":[{\"denomination_fen\":100,\"pieces\":1,\"x\":1}]}",
        "{\"opening_count\":{}}",
        "{}",
        "{\"opening_count\":[],\"float\":1}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = client_post(&c, "/api/v1/shifts", bad[i]);
        if (r.status != 400) harness_fail(__FILE__, __LINE__, "%s -> %ld", bad[i], r.status);
        response_free(&r);
    }
    /* A pay-out names its purpose; amounts are positive fen. */
    id = sx_open(&c, 0, NULL);
    char path[64];
    snprintf(path, sizeof path, "/api/v1/shifts/%lld/cash", (long long)id);
    r = client_post(&c, path, "{\"kind\":\"pay_out\",\"amount_fen\":500}");
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(r.json, "error.field"), "reason");
    response_free(&r);
    r = client_post(&c, path, "{\"kind\":\"pay_in\",\"amount_fen\":0}");
    CHECK_INT(r.status, 400);
    response_free(&r);
    r = client_post(&c, path, "{\"kind\":\"tip\",\"amount_fen\":100}");
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(r.json, "error.field"), "kind");
    response_free(&r);
    r = sx_close(&c, id, 0, NULL);
    response_free(&r);
    client_free(&c);
}

/* A cashier works in their own shift only: another cashier cannot see, pay into or close it
 * (403); a manager may see and close it; a checkout without an open shift is refused. */
static void ownership(void)
{
    struct client a = sx_cashier("own1"), b = sx_cashier("own2");
    int64_t id = sx_open(&a, 10000, NULL);
    struct response r = sx_get(&b, "/api/v1/shifts/%lld", (long long)id);
    CHECK_INT(r.status, 403);
    response_free(&r);
    CHECK_INT(sx_cash(&b, id, "pay_in", 100, ""), 403);
    r = sx_close(&b, id, 10000, NULL);
    CHECK_INT(r.status, 403);
    CHECK_STR(response_error_code(&r), "not_your_shift");
    response_free(&r);
    /* b's list holds none of a's shifts, whatever the filter asks. */
    r = client_get(&b, "/api/v1/shifts?cashier=own1");
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "total"), 0);
    response_free(&r);
    r = client_get(&boss, "/api/v1/shifts?cashier=own1&status=open");
    CHECK_INT(jint(r.json, "total"), 1);
    CHECK_INT(jint(r.json, "items.0.id"), id);
    response_free(&r);
    /* No open shift, no payment: nothing is written. */
    struct db *db = db_open(srv.db);
    int64_t lines[1] = {1000};
    struct sx_tender t[1] = {{"cash", 1000, 0}};
    CHECK_INT(sx_checkout(db, sx_user_id(&b), "own2", lines, 1, t, 1, NULL, NULL), DB_NOT_FOUND);
    db_close(db);
    /* The manager closes a shift the cashier left open. */
    r = sx_close(&boss, id, 10000, NULL);
    CHECK_INT(r.status, 200);
    CHECK_STR(jstr(r.json, "shift.closed_by"), "boss");
    CHECK_STR(jstr(r.json, "shift.cashier"), "own1");
    response_free(&r);
    client_free(&a);
    client_free(&b);
}

/* The Z is frozen at close: every payment id in it, and a row written later with the shift's
 * id (which checkout can no longer do) changes neither the Z nor the record. */
static void z_is_never_recomputed(void)
{
    struct client c = sx_cashier("frozen1");
    int64_t uid = sx_user_id(&c), id = sx_open(&c, 0, NULL);
    int64_t b1 = sx_sale(uid, "cash", 1200, 0), b2 = sx_sale(uid, "alipay", 3400, 0);
    struct response r = sx_close(&c, id, 1200, NULL);
    CHECK_INT(r.status, 200);
    CHECK_INT(json_array_size(jpath(r.json, "report.payment_ids")), 2);
    char *z1 = json_dumps(jpath(r.json, "report"), JSON_SORT_KEYS);
    response_free(&r);
    /* The drill-down lists the same payments, with their bills. */
    r = sx_get(&boss, "/api/v1/shifts/%lld/payments", (long long)id);
    CHECK_INT(json_array_size(json_object_get(r.json, "items")), 2);
    CHECK_INT(jint(r.json, "items.0.bill_id"), b1);
    CHECK_INT(jint(r.json, "items.1.bill_id"), b2);
    CHECK_INT(jint(r.json, "payments_total_fen"), 4600);
    response_free(&r);
    char sql[200];
    snprintf(sql, sizeof sql,
             "INSERT INTO bill_payments(bill_id, seq, method, amount_fen, shift_id) "
             "VALUES (%lld, 9, 'cash', 99900, %lld)",
             (long long)b1, (long long)id);
    CHECK_INT(sx_sql(sql, NULL, 0), 0);
    r = manager_view(id);
    char *z2 = json_dumps(jpath(r.json, "report"), JSON_SORT_KEYS);
    CHECK(z1 && z2 && strcmp(z1, z2) == 0);
    CHECK_INT(jint(r.json, "report.cash.sales_fen"), 1200);
    CHECK_INT(jint(r.json, "shift.expected_fen"), 1200);
    response_free(&r);
    free(z1);
    free(z2);
    client_free(&c);
}

/* Every write is in the audit trail with before and after. */
static void writes_are_audited(void)
{
    struct response r = client_get(&boss, "/api/v1/audit?entity=shift&page_size=500");
    CHECK_INT(r.status, 200);
    bool open = false, close = false, approve = false, pay_out = false, refused = false;
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(r.json, "items"), i, it)
    {
        const char *a = jstr(it, "action");
        open |= strcmp(a, "open") == 0;
        close |= strcmp(a, "close") == 0 && json_is_object(json_object_get(it, "before"));
        approve |= strcmp(a, "approve_difference") == 0;
        pay_out |= strcmp(a, "pay_out") == 0;
        refused |= strcmp(a, "close_refused") == 0;
    }
    CHECK(open && close && approve && pay_out && refused);
    response_free(&r);
}

int main(void)
{
    if (!sx_start()) {
        fprintf(stderr, "server did not start\n");
        return harness_finish("shifts/api");
    }
    boss = sx_login("boss");
    RUN(s1_change_is_not_takings);
    RUN(s2_every_cash_movement_counts);
    RUN(s3_opening_counted_once);
    RUN(s4_a_difference_stays);
    RUN(s5_the_difference_reaches_the_books);
    RUN(s6_part_paid_bill);
    RUN(s7_refund_by_another_method);
    RUN(s8_returned_line_paid_by_card);
    RUN(blind_close);
    RUN(approval_needs_a_managers_password);
    RUN(one_open_shift_and_one_close);
    RUN(ownership);
    RUN(z_is_never_recomputed);
    RUN(writes_are_audited);
    client_free(&boss);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("shifts/api");
}
