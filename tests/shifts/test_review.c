/* test_review.c: the back office's morning (issue 3, item 6): the shifts of a business day
 * with their status, over/short and totals per channel; the drill-down to each payment; each
 * shift reviewed (核对); the day confirmed only when all are; and the sum of the day's Z reports
 * equal to the takings report of the day's bills, to the fen, per payment method. */
#include "support.h"

static struct client boss, money;
static char day[11];

/* The takings report of the day, by method id. */
static long long takings_of(json_t *takings, const char *method)
{
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(takings, "by_method"), i, m)
        if (strcmp(jstr(m, "method"), method) == 0) return jint(m, "amount_fen");
    return 0;
}

static void a_day_of_two_cashiers(void)
{
    struct client a = sx_cashier("daya"), b = sx_cashier("dayb");
    int64_t ua = sx_user_id(&a), ub = sx_user_id(&b);
    int64_t sa = sx_open(&a, 50000, NULL), sb = sx_open(&b, 30000, NULL);
    CHECK(sa && sb);
    struct db *db = db_open(srv.db);
    /* Cashier A: cash with change, WeChat, a split cash + Alipay, a voucher, a credit bill. */
    int64_t l1[] = {28800}, l2[] = {46600}, l3[] = {120000}, l4[] = {39900}, l5[] = {88800};
    struct sx_tender t1[] = {{"cash", 28800, 30000}};
    struct sx_tender t2[] = {{"wechat", 46600, 0}};
    struct sx_tender t3[] = {{"cash", 20000, 0}, {"alipay", 100000, 0}};
    struct sx_tender t4[] = {{"voucher", 39900, 0}};
    struct sx_tender t5[] = {{"credit", 88800, 0}};
    CHECK_INT(sx_checkout(db, ua, "daya", l1, 1, t1, 1, NULL, NULL), DB_OK);
    CHECK_INT(sx_checkout(db, ua, "daya", l2, 1, t2, 1, NULL, NULL), DB_OK);
    CHECK_INT(sx_checkout(db, ua, "daya", l3, 1, t3, 2, NULL, NULL), DB_OK);
    CHECK_INT(sx_checkout(db, ua, "daya", l4, 1, t4, 1, NULL, NULL), DB_OK);
    CHECK_INT(sx_checkout(db, ua, "daya", l5, 1, t5, 1, NULL, NULL), DB_OK);
    /* Cashier B: card, member balance, cash. */
    int64_t l6[] = {66600}, l7[] = {15000}, l8[] = {9900};
    struct sx_tender t6[] = {{"card", 66600, 0}};
    struct sx_tender t7[] = {{"member", 15000, 0}};
    struct sx_tender t8[] = {{"cash", 9900, 10000}};
    CHECK_INT(sx_checkout(db, ub, "dayb", l6, 1, t6, 1, NULL, NULL), DB_OK);
    CHECK_INT(sx_checkout(db, ub, "dayb", l7, 1, t7, 1, NULL, NULL), DB_OK);
    CHECK_INT(sx_checkout(db, ub, "dayb", l8, 1, t8, 1, NULL, NULL), DB_OK);
    db_close(db);
    CHECK_INT(sx_cash(&b, sb, "pay_out", 2000, "买冰块"), 201);

    /* A counts right: 500 + 288 + 200 = 988.00. B is short 10.00: 300 + 99 - 20 = 379.00. */
    struct response r = sx_close(&a, sa, 98800, NULL);
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "report.closing.difference_fen"), 0);
    CHECK_INT(jint(r.json, "report.payments_total_fen"), 28800 + 46600 + 120000 + 39900 + 88800);
    CHECK_INT(jint(r.json, "report.bills_count"), 5);
    response_free(&r);
    /* The day is not over while a shift is open: the confirmation names it. */
    char path[96];
    snprintf(path, sizeof path, "/api/v1/business-days/%s/confirm", day);
    r = client_post(&boss, path, "{}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "shifts_not_reviewed");
    char want[64];
    snprintf(want, sizeof want, "#%lld daya（已结班）", (long long)sa);
    CHECK(strstr(r.body, want) != NULL);
    snprintf(want, sizeof want, "#%lld dayb（营业中）", (long long)sb);
    CHECK(strstr(r.body, want) != NULL);
    response_free(&r);
    r = sx_close(&b, sb, 36900, "找零多找了");
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "report.closing.expected_fen"), 37900);
    CHECK_INT(jint(r.json, "report.closing.difference_fen"), -1000);
    response_free(&r);

    /* The sum of the day's Z reports is the takings report of the day's bills, per method and
     * in total, to the fen. */
    struct response za = sx_get(&boss, "/api/v1/shifts/%lld", (long long)sa);
    struct response zb = sx_get(&boss, "/api/v1/shifts/%lld", (long long)sb);
    struct response tk = sx_get(&boss, "/api/v1/reports/takings?from=%s&to=%s", day, day);
    CHECK_INT(tk.status, 200);
    const char *methods[] = {"cash", "wechat", "alipay", "card", "member", "voucher", "credit"};
    const long long expect[] = {28800 + 20000 + 9900, 46600, 100000, 66600, 15000, 39900, 88800};
    long long z_total = 0;
    for (int i = 0; i < 7; i++) {
        json_t *ca = sx_channel(jpath(za.json, "report"), methods[i]);
        json_t *cb = sx_channel(jpath(zb.json, "report"), methods[i]);
        long long z = (ca ? jint(ca, "payments_fen") : 0) + (cb ? jint(cb, "payments_fen") : 0);
        if (z != expect[i] || takings_of(tk.json, methods[i]) != z)
            harness_fail(__FILE__, __LINE__, "%s: Z %lld, takings %lld, expected %lld",
                         methods[i], z, takings_of(tk.json, methods[i]), expect[i]);
        z_total += z;
    }
    CHECK_INT(z_total, jint(za.json, "report.payments_total_fen") +
                           jint(zb.json, "report.payments_total_fen"));
    CHECK_INT(jint(tk.json, "totals.net_fen"), z_total);
    CHECK_INT(jint(tk.json, "totals.bills_settled"),
              jint(za.json, "report.bills_count") + jint(zb.json, "report.bills_count"));
    CHECK_INT(z_total, 415600);
    response_free(&za);
    response_free(&zb);
    response_free(&tk);

    /* The day view: both shifts, their status and over/short, totals per channel, the
     * drill-down, and the reconciliation with the takings report. */
    r = sx_get(&boss, "/api/v1/business-days/%s", day);
    CHECK_INT(r.status, 200);
    CHECK_INT(json_array_size(json_object_get(r.json, "shifts")), 2);
    CHECK_INT(jint(r.json, "shifts.0.id"), sa);
    CHECK_STR(jstr(r.json, "shifts.0.status"), "closed");
    CHECK_INT(jint(r.json, "shifts.1.difference_fen"), -1000);
    CHECK_INT(jint(r.json, "totals.short_total_fen"), 1000);
    CHECK_INT(jint(r.json, "totals.over_total_fen"), 0);
    CHECK_INT(jint(r.json, "totals.channels.cash.payments_fen"), 58700);
    CHECK_INT(jint(r.json, "totals.channels.credit.payments_fen"), 88800);
    CHECK_INT(jint(r.json, "totals.payments_total_fen"), 415600);
    CHECK(json_is_true(jpath(r.json, "reconciliation.agrees")));
    CHECK_INT(jint(r.json, "reconciliation.takings_payments_fen"), 415600);
    CHECK_INT(jint(r.json, "reconciliation.shifts_payments_fen"), 415600);
    CHECK(json_is_false(jpath(r.json, "confirmed")));
    CHECK(json_is_false(jpath(r.json, "can_confirm")));
    CHECK_INT(json_array_size(json_object_get(r.json, "unreviewed")), 2);
    response_free(&r);
    r = sx_get(&boss, "/api/v1/shifts/%lld/payments", (long long)sa);
    CHECK_INT(json_array_size(json_object_get(r.json, "items")), 6);
    CHECK_INT(jint(r.json, "payments_total_fen"), 324100);
    response_free(&r);

    /* Cashiers do not review, nor see the day. */
    snprintf(path, sizeof path, "/api/v1/shifts/%lld/review", (long long)sa);
    r = client_post(&a, path, "{}");
    CHECK_INT(r.status, 403);
    response_free(&r);
    r = sx_get(&a, "/api/v1/business-days/%s", day);
    CHECK_INT(r.status, 403);
    response_free(&r);
    r = client_post(&money, path, "{\"note\":\"与微信、支付宝账单核对一致\"}");
    CHECK_INT(r.status, 200);
    CHECK_STR(jstr(r.json, "shift.status"), "reviewed");
    CHECK_STR(jstr(r.json, "shift.reviewed_by"), "money");
    response_free(&r);
    r = client_post(&money, path, "{}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "already_reviewed");
    response_free(&r);
    /* B's short must be approved by a manager before the review. */
    snprintf(path, sizeof path, "/api/v1/shifts/%lld/review", (long long)sb);
    r = client_post(&money, path, "{}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "not_approved");
    CHECK(strstr(r.body, "短款 10.00") != NULL);
    response_free(&r);
    snprintf(path, sizeof path, "/api/v1/shifts/%lld/approve", (long long)sb);
    r = sx_post(&b, path, "{\"approver_username\":\"boss\",\"approver_password\":\"%s\"}",
                SX_PASSWORD);
    CHECK_INT(r.status, 200);
    response_free(&r);
    snprintf(path, sizeof path, "/api/v1/business-days/%s/confirm", day);
    r = client_post(&boss, path, "{}");
    CHECK_INT(r.status, 409);
    snprintf(want, sizeof want, "#%lld dayb", (long long)sb);
    CHECK(strstr(r.body, want) != NULL);
    snprintf(want, sizeof want, "#%lld daya", (long long)sa);
    CHECK(strstr(r.body, want) == NULL);
    response_free(&r);
    snprintf(path, sizeof path, "/api/v1/shifts/%lld/review", (long long)sb);
    r = client_post(&boss, path, "{}");
    CHECK_INT(r.status, 200);
    response_free(&r);

    /* The days are confirmed in order: a shift of the day before, closed but not reviewed,
     * keeps this day from being confirmed (its review would post into a closed day), and the
     * refusal names that day. A copy of shift B moved to the day before stands for it. */
    int64_t before_days = 0;
    char before[11];
    CHECK(date_parse(day, &before_days));
    date_format(before_days - 1, before);
    db = db_open(srv.db);
    CHECK(db != NULL);
    if (db) {
        CHECK_INT(db_exec(db, "CREATE TEMP TABLE earlier AS SELECT * FROM shifts WHERE id = $1",
                          "i", sb),
                  DB_OK);
        CHECK_INT(db_exec(db, "UPDATE earlier SET id = (SELECT max(id) + 1 FROM shifts), "
                              "business_day = $1, status = 'closed', reviewed_at = NULL, "
                              "reviewed_by = ''",
                          "t", before),
                  DB_OK);
        CHECK_INT(db_exec(db, "INSERT INTO shifts SELECT * FROM earlier", ""), DB_OK);
    }
    snprintf(path, sizeof path, "/api/v1/business-days/%s/confirm", day);
    r = client_post(&money, path, "{}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "earlier_day_open");
    CHECK(strstr(r.body, before) != NULL);
    response_free(&r);
    /* Reviewed, it lets the day go. */
    int64_t copy = 0;
    if (db) {
        CHECK_INT(db_int(db, &copy, "SELECT id FROM earlier", ""), DB_OK);
        db_close(db);
    }
    char review[96];
    snprintf(review, sizeof review, "/api/v1/shifts/%lld/review", (long long)copy);
    r = client_post(&boss, review, "{}");
    CHECK_INT(r.status, 200);
    response_free(&r);

    r = sx_get(&boss, "/api/v1/business-days/%s", day);
    CHECK(json_is_true(jpath(r.json, "can_confirm")));
    CHECK_INT(jint(r.json, "totals.reviewed"), 2);
    response_free(&r);
    snprintf(path, sizeof path, "/api/v1/business-days/%s/confirm", day);
    r = client_post(&money, path, "{\"note\":\"当日营业款核对完毕\"}");
    CHECK_INT(r.status, 200);
    CHECK(json_is_true(jpath(r.json, "confirmed")));
    response_free(&r);
    r = client_post(&money, path, "{}");
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "day_confirmed");
    response_free(&r);
    r = sx_get(&boss, "/api/v1/business-days/%s", day);
    CHECK(json_is_true(jpath(r.json, "confirmed")));
    CHECK_STR(jstr(r.json, "confirmed_by"), "money");
    response_free(&r);
    /* A confirmed day takes no new shift. */
    char count[128];
    r = sx_post(&a, "/api/v1/shifts", "{\"opening_count\":%s}", sx_count(100, count, sizeof count));
    CHECK_INT(r.status, 409);
    CHECK_STR(response_error_code(&r), "day_confirmed");
    response_free(&r);
    /* A day that has not begun cannot be confirmed; a malformed one is refused. */
    r = client_post(&boss, "/api/v1/business-days/2999-01-01/confirm", "{}");
    CHECK_INT(r.status, 400);
    response_free(&r);
    r = client_get(&boss, "/api/v1/business-days/2024-02-30");
    CHECK_INT(r.status, 400);
    response_free(&r);
    client_free(&a);
    client_free(&b);
}

/* The shift list filters by business day, status and cashier. */
static void list_filters(void)
{
    struct response r = sx_get(&boss, "/api/v1/shifts?from=%s&to=%s&status=reviewed", day, day);
    CHECK_INT(r.status, 200);
    CHECK_INT(jint(r.json, "total"), 2);
    response_free(&r);
    r = sx_get(&boss, "/api/v1/shifts?from=%s&to=%s&cashier=dayb", day, day);
    CHECK_INT(jint(r.json, "total"), 1);
    CHECK_STR(jstr(r.json, "items.0.cashier"), "dayb");
    response_free(&r);
    r = client_get(&boss, "/api/v1/shifts?from=2020-13-01");
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(r.json, "error.field"), "from");
    response_free(&r);
    r = client_get(&boss, "/api/v1/shifts?status=lost");
    CHECK_INT(r.status, 400);
    response_free(&r);
}

int main(void)
{
    if (!sx_start()) {
        fprintf(stderr, "server did not start\n");
        return harness_finish("shifts/review");
    }
    boss = sx_login("boss");
    money = sx_login("money");
    sx_steady_day(&boss, day);
    RUN(a_day_of_two_cashiers);
    RUN(list_filters);
    client_free(&boss);
    client_free(&money);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("shifts/review");
}
