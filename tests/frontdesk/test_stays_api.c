/* test_stays_api.c: everything before the checkout, against the real server: price plans
 * (validated, effective from a day, never edited once in force), holidays, the authority
 * matrix, the room board with reservations and room states, gifts within the limit or with a
 * manager's approval, returns, a change of room priced per room, packages with the guest's
 * choice and an extension, cancelling a stay opened by mistake, and bad input. */
#include "fixture.h"

#include <time.h>

static struct client admin, cashier, staff;

/* Local "YYYY-MM-DD HH:MM:SS" of now plus minutes (Asia/Shanghai). */
static const char *local_in(int minutes)
{
    static char buf[4][24];
    static int n;
    char *b = buf[n++ % 4];
    time_t t = time(NULL) + 8 * 3600 + minutes * 60;
    struct tm d;
    gmtime_r(&t, &d);
    strftime(b, 24, "%Y-%m-%d %H:%M:%S", &d);
    return b;
}

static json_t *board_room(json_t *board, const char *no)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(board, "rooms"), i,
                       r) if (strcmp(jstr(r, "room_no"), no) == 0) return r;
    return NULL;
}

static void plans_are_validated(void)
{
    json_t *e =
        POST(&admin, 400, "/api/v1/price-plans",
             "{\"room_type_id\":%lld,\"effective_from\":\"2030-01-01\",\"unit_min\":15,"
             "\"slots\":[{\"name\":\"白天档\",\"start\":\"12:00\",\"end\":\"18:30\","
             "\"hour_fen\":6000},{\"name\":\"黄金档\",\"start\":\"18:00\",\"end\":\"24:00\","
             "\"hour_fen\":12000}]}",
             (long long)fx_small);
    CHECK(strstr(jstr(e, "error.message"), "白天档") && strstr(jstr(e, "error.message"), "重叠"));
    json_decref(e);
    e = POST(
        &admin, 400, "/api/v1/price-plans",
        "{\"room_type_id\":%lld,\"effective_from\":\"2030-01-01\",\"unit_min\":15,"
        "\"slots\":[{\"name\":\"通宵\",\"start\":\"22:00\",\"end\":\"02:00\",\"hour_fen\":6000}]}",
        (long long)fx_small);
    CHECK_STR(jstr(e, "error.field"), "slots[0].end");
    json_decref(e);
    e = POST(&admin, 400, "/api/v1/price-plans",
             "{\"room_type_id\":%lld,\"effective_from\":\"2030-01-01\",\"unit_min\":15,"
             "\"slots\":[{\"name\":\"全天\",\"start\":\"00:00\",\"end\":\"24:00\","
             "\"hour_fen\":\"60.00\"}]}",
             (long long)fx_small);
    CHECK_STR(jstr(e, "error.field"), "slots[0].hour_fen");
    CHECK(strstr(jstr(e, "error.message"), "6000") != NULL);
    json_decref(e);
    /* A price change starts today or later: a past day keeps its prices. */
    e = POST(
        &admin, 409, "/api/v1/price-plans",
        "{\"room_type_id\":%lld,\"effective_from\":\"2020-06-01\",\"unit_min\":15,"
        "\"slots\":[{\"name\":\"全天\",\"start\":\"00:00\",\"end\":\"24:00\",\"hour_fen\":1}]}",
        (long long)fx_small);
    CHECK_STR(jerr(e), "effective_in_past");
    json_decref(e);
    /* A plan from a future day may be edited and deleted until it starts; one in force never. */
    json_t *p =
        POST(&admin, 201, "/api/v1/price-plans",
             "{\"room_type_id\":%lld,\"effective_from\":\"2099-01-01\",\"unit_min\":30,"
             "\"grace_min\":5,\"slots\":[{\"name\":\"全天\",\"start\":\"00:00\","
             "\"end\":\"24:00\",\"hour_fen\":9900,\"days\":[0,6]},{\"name\":\"工作日\","
             "\"start\":\"00:00\",\"end\":\"24:00\",\"hour_fen\":8800,\"days\":[1,2,3,4,5]},"
             "{\"name\":\"节日\",\"start\":\"18:00\",\"end\":\"24:00\",\"hour_fen\":15000,"
             "\"holiday\":true,\"days\":[]}]}",
             (long long)fx_small);
    int64_t future = jint(p, "id");
    CHECK(json_is_true(jget(p, "editable")));
    json_decref(p);
    p = PUT(&admin, 200, fx_path("price-plans", future, ""),
            "{\"unit_min\":15,\"slots\":[{\"name\":\"全天\",\"start\":\"00:00\",\"end\":\"24:00\","
            "\"hour_fen\":9000}]}");
    CHECK_INT(jint(p, "slots[0].hour_fen"), 9000);
    CHECK_INT(jint(p, "unit_min"), 15);
    json_decref(p);
    int64_t current = fx_sql_int("SELECT id FROM price_plans WHERE room_type_id = %lld AND "
                                 "effective_from = '2020-01-01'",
                                 (long long)fx_small);
    e = PUT(&admin, 409, fx_path("price-plans", current, ""), "{\"unit_min\":30}");
    CHECK_STR(jerr(e), "plan_in_force");
    json_decref(e);
    json_t *list = GET(&admin, 200, "/api/v1/price-plans?room_type_id=1");
    CHECK_INT(json_array_size(json_object_get(list, "items")), 2);
    json_decref(list);
    struct response r =
        client_request(&admin, "DELETE", fx_path("price-plans", future, ""), NULL, 0, NULL);
    CHECK_INT(r.status, 200);
    response_free(&r);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM audit_log WHERE entity = 'price_plan' AND "
                         "entity_id = '%lld'",
                         (long long)future),
              3); /* create, update, delete */
    /* Only who may edit rooms edits prices. */
    e = POST(&cashier, 403, "/api/v1/price-plans", "{\"room_type_id\":1}");
    json_decref(e);
    /* Holidays. */
    json_decref(PUT(&admin, 200, "/api/v1/holidays/2026-10-01", "{\"name\":\"国庆节\"}"));
    json_t *h = GET(&admin, 200, "/api/v1/holidays");
    CHECK_STR(jstr(h, "items[0].name"), "国庆节");
    json_decref(h);
    r = client_request(&admin, "DELETE", "/api/v1/holidays/2026-10-01", NULL, 0, NULL);
    CHECK_INT(r.status, 200);
    response_free(&r);
    json_decref(PUT(&admin, 400, "/api/v1/holidays/2026-13-01", "{}"));
}

static void authority_matrix(void)
{
    json_t *l = GET(&cashier, 200, "/api/v1/role-limits");
    size_t i;
    json_t *x;
    bool seen = false;
    json_array_foreach(json_object_get(l, "items"), i,
                       x) if (strcmp(jstr(x, "role"), "cashier") == 0)
    {
        seen = true;
        CHECK_INT(jint(x, "gift_limit_fen"), 5000);
        CHECK_INT(jint(x, "discount_limit_bp"), 500);
    }
    CHECK(seen);
    json_decref(l);
    json_decref(PUT(&cashier, 403, "/api/v1/role-limits/cashier", "{\"gift_limit_fen\":999999}"));
    json_t *p = PUT(&admin, 200, "/api/v1/role-limits/staff", "{\"gift_limit_fen\":1000}");
    CHECK_INT(jint(p, "gift_limit_fen"), 1000);
    json_decref(p);
    json_decref(PUT(&admin, 404, "/api/v1/role-limits/boss", "{\"gift_limit_fen\":1}"));
    json_decref(PUT(&admin, 400, "/api/v1/role-limits/staff", "{\"discount_limit_bp\":20000}"));
}

static void board_reservations_and_states(void)
{
    json_t *b = GET(&cashier, 200, "/api/v1/frontdesk/board");
    CHECK_STR(jstr(board_room(b, "A02"), "state"), "free");
    CHECK(jint(b, "counts.free") >= 10);
    json_decref(b);
    /* A reservation due in 30 minutes holds A02. */
    json_t *v =
        POST(&cashier, 201, "/api/v1/frontdesk/reservations",
             "{\"room_id\":%lld,\"guest_name\":\"张先生\",\"guest_phone\":\"13700001111\","
             "\"guests\":6,\"booker\":\"营销小王\",\"arrive_at\":\"%s\",\"hold_minutes\":30}",
             (long long)fx_room_id("A02"), local_in(30));
    int64_t res = jint(v, "id");
    CHECK_STR(jstr(v, "guest_phone"), "137****1111");
    json_decref(v);
    json_t *e = POST(&cashier, 409, "/api/v1/frontdesk/reservations",
                     "{\"room_id\":%lld,\"guest_name\":\"李女士\",\"arrive_at\":\"%s\"}",
                     (long long)fx_room_id("A02"), local_in(45));
    CHECK_STR(jerr(e), "room_reserved");
    json_decref(e);
    b = GET(&cashier, 200, "/api/v1/frontdesk/board");
    json_t *a02 = board_room(b, "A02");
    CHECK_STR(jstr(a02, "state"), "reserved");
    CHECK_STR(jstr(a02, "reservation.guest_name"), "张先生");
    CHECK_INT(jint(a02, "reservation.guests"), 6);
    CHECK_STR(jstr(a02, "reservation.booker"), "营销小王");
    json_decref(b);
    /* A walk-in cannot take it; the guest's arrival opens the stay with the booker. */
    e = POST(&cashier, 409, "/api/v1/stays", "{\"room_id\":%lld}", (long long)fx_room_id("A02"));
    CHECK_STR(jerr(e), "room_reserved");
    json_decref(e);
    json_t *s = POST(&cashier, 201, fx_path("frontdesk/reservations", res, "/arrive"),
                     "{\"idempotency_key\":\"arrive-zhang-1\"}");
    int64_t stay = jint(s, "id");
    CHECK_STR(jstr(s, "booker"), "营销小王");
    CHECK_INT(jint(s, "guests"), 6);
    json_decref(s);
    /* The same arrival again (a retried click) is the same stay. */
    s = POST(&cashier, 201, fx_path("frontdesk/reservations", res, "/arrive"),
             "{\"idempotency_key\":\"arrive-zhang-1\"}");
    CHECK_INT(jint(s, "id"), stay);
    json_decref(s);
    fx_order(&cashier, stay, fx_beer, 2);
    b = GET(&cashier, 200, "/api/v1/frontdesk/board");
    a02 = board_room(b, "A02");
    CHECK_STR(jstr(a02, "state"), "in_use");
    CHECK_INT(jint(a02, "stay.id"), stay);
    CHECK_INT(jint(a02, "stay.goods_fen"), 2000);
    CHECK_INT(jint(a02, "stay.total_fen"), 2000); /* inside the grace: no room fee yet */
    CHECK(jget(a02, "stay.elapsed_minutes") != NULL);
    json_decref(b);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM reservations WHERE id = %lld AND "
                         "status = 'arrived' AND stay_id = %lld",
                         (long long)res, (long long)stay),
              1);
    /* A hold that ran out is shown as expired and the room is free. */
    v = POST(
        &cashier, 201, "/api/v1/frontdesk/reservations",
        "{\"room_id\":%lld,\"guest_name\":\"赵先生\",\"arrive_at\":\"%s\",\"hold_minutes\":10}",
        (long long)fx_room_id("A03"), local_in(-50));
    json_decref(v);
    b = GET(&cashier, 200, "/api/v1/frontdesk/board");
    json_t *a03 = board_room(b, "A03");
    CHECK_STR(jstr(a03, "state"), "free");
    CHECK(json_is_true(jget(a03, "reservation.expired")));
    json_decref(b);
    /* Cancel. */
    v = POST(&cashier, 201, "/api/v1/frontdesk/reservations",
             "{\"room_id\":%lld,\"guest_name\":\"钱女士\",\"arrive_at\":\"%s\"}",
             (long long)fx_room_id("A04"), local_in(120));
    res = jint(v, "id");
    json_decref(v);
    v = POST(&cashier, 200, fx_path("frontdesk/reservations", res, "/cancel"), NULL);
    CHECK_STR(jstr(v, "status"), "cancelled");
    json_decref(v);
    json_decref(POST(&cashier, 409, fx_path("frontdesk/reservations", res, "/cancel"), NULL));
    json_t *list = GET(&cashier, 200, "/api/v1/frontdesk/reservations");
    CHECK(json_array_size(json_object_get(list, "items")) >= 2);
    json_decref(list);
    /* Out of service needs a note; a room out of service or to be cleaned takes no guests. */
    const char *state = fx_path("frontdesk/rooms", fx_room_id("A04"), "/state");
    json_decref(PUT(&cashier, 400, state, "{\"state\":\"out_of_service\"}"));
    json_decref(PUT(&cashier, 400, state, "{\"state\":\"broken\"}"));
    json_decref(
        PUT(&cashier, 200, state, "{\"state\":\"out_of_service\",\"note\":\"点歌机坏了\"}"));
    b = GET(&cashier, 200, "/api/v1/frontdesk/board");
    CHECK_STR(jstr(board_room(b, "A04"), "state"), "out_of_service");
    CHECK_STR(jstr(board_room(b, "A04"), "note"), "点歌机坏了");
    json_decref(b);
    e = POST(&cashier, 409, "/api/v1/stays", "{\"room_id\":%lld}", (long long)fx_room_id("A04"));
    CHECK_STR(jerr(e), "room_out_of_service");
    json_decref(e);
    json_decref(PUT(&cashier, 200, state, "{\"state\":\"free\"}"));
    /* A room in use keeps its state until checkout. */
    json_decref(PUT(&cashier, 409, fx_path("frontdesk/rooms", fx_room_id("A02"), "/state"),
                    "{\"state\":\"cleaning\"}"));
}

/* Gifts: a cashier may give 50.00 a bill. 30.00 passes; 30.00 more needs a manager: refused
 * without, with a wrong password, with a cashier as approver; given with the manager, who is
 * recorded. At checkout the gifts are lines at 0.00 and leave the bar as 'gift'. */
static void gifts_need_approval_over_the_limit(void)
{
    int64_t stay = fx_open(&cashier, "A05", NULL, "");
    const char *gifts = fx_path("stays", stay, "/gifts");
    json_t *s = POST(&cashier, 201, gifts, "{\"product_id\":%lld,\"qty\":3,\"reason\":\"生日\"}",
                     (long long)fx_beer);
    CHECK_STR(jstr(s, "items[0].approved_by"), "cashier1");
    CHECK_INT(jint(s, "bill.gifts_value_fen"), 3000);
    json_decref(s);
    json_t *e = POST(&cashier, 403, gifts, "{\"product_id\":%lld,\"qty\":3}", (long long)fx_beer);
    CHECK_STR(jerr(e), "approval_required");
    json_decref(e);
    e = POST(&cashier, 403, gifts,
             "{\"product_id\":%lld,\"qty\":3,\"approver_username\":\"manager1\","
             "\"approver_password\":\"not-the-one\"}",
             (long long)fx_beer);
    CHECK_STR(jerr(e), "approval_denied");
    json_decref(e);
    e = POST(&cashier, 403, gifts,
             "{\"product_id\":%lld,\"qty\":3,\"approver_username\":\"cashier2\","
             "\"approver_password\":\"cashier-pass-2\"}",
             (long long)fx_beer);
    CHECK_STR(jerr(e), "approval_denied");
    json_decref(e);
    s = POST(&cashier, 201, gifts,
             "{\"product_id\":%lld,\"qty\":3,\"reason\":\"老板朋友\",\"approver_username\":"
             "\"manager1\",\"approver_password\":\"manager-pass-1\"}",
             (long long)fx_beer);
    CHECK_STR(jstr(s, "items[1].approved_by"), "manager1");
    CHECK_INT(jint(s, "bill.gifts_value_fen"), 6000);
    CHECK_INT(jint(s, "bill.total_fen"), 0);
    json_decref(s);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM approvals WHERE kind = 'gift' AND "
                         "approved_by = 'manager1' AND amount_fen = 3000 AND subject = 'stay:%lld'",
                         (long long)stay),
              1);
    fx_order(&cashier, stay, fx_fruit, 1);
    json_t *b = POST(&cashier, 201, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"gift-stay-out\",\"payments\":[{\"method\":\"cash\","
                     "\"amount_fen\":3000}]}");
    int64_t bill = jint(b, "bill_id");
    CHECK_STR(jstr(b, "lines[1].item"), "青岛啤酒（赠送）");
    CHECK_INT(jint(b, "lines[1].qty"), 6);
    CHECK_INT(jint(b, "lines[1].amount_fen"), 0);
    json_decref(b);
    CHECK_INT(fx_sql_int("SELECT qty FROM consumption WHERE bill_id = %lld AND kind = 'gift'",
                         (long long)bill),
              6);
}

/* Returns of unopened goods: 5 ordered, 2 back by product, 1 back by item: 2 on the bill and
 * 2 consumed; more than is left is refused. */
static void returns(void)
{
    int64_t stay = fx_open(&cashier, "A06", NULL, "");
    json_t *s = POST(&cashier, 201, fx_path("stays", stay, "/items"),
                     "{\"product_id\":%lld,\"qty\":5}", (long long)fx_beer);
    int64_t item = jint(s, "items[0].id");
    json_decref(s);
    const char *ret = fx_path("stays", stay, "/returns");
    s = POST(&cashier, 201, ret, "{\"product_id\":%lld,\"qty\":2,\"reason\":\"没开\"}",
             (long long)fx_beer);
    CHECK_INT(jint(s, "items[0].returned"), 2);
    CHECK_INT(jint(s, "items[1].qty"), -2);
    CHECK_INT(jint(s, "items[1].return_of"), item);
    json_decref(s);
    json_t *e = POST(&cashier, 409, ret, "{\"product_id\":%lld,\"qty\":4}", (long long)fx_beer);
    CHECK_STR(jerr(e), "return_too_many");
    json_decref(e);
    json_decref(POST(&cashier, 400, ret, "{\"qty\":1}"));
    json_decref(POST(&cashier, 201, ret, "{\"item_id\":%lld,\"qty\":1}", (long long)item));
    json_t *b = POST(&cashier, 201, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"returns-out-1\",\"payments\":[{\"method\":\"cash\","
                     "\"amount_fen\":2000}]}");
    CHECK_INT(jint(b, "lines[1].qty"), 2);
    int64_t bill = jint(b, "bill_id");
    json_decref(b);
    CHECK_INT(fx_sql_int("SELECT qty FROM consumption WHERE bill_id = %lld", (long long)bill), 2);
    /* Ordered rows are never edited or deleted (returns are rows of their own). */
    char *out = fx_sql("UPDATE stay_items SET qty = 1 WHERE id = %lld", (long long)item);
    CHECK(strstr(out, "never edited") != NULL);
    free(out);
}

/* Change of room: 小包 A07 from 17:30, to 大包 B01 at 18:10, out at 19:00. Each minute in its
 * room: 30 x 60.00 + 10 x 120.00 + 50 x 200.00 = 216.67. B01 was entered in prime, whose
 * minimum is 500.00: a top-up of 283.33, total 500.00. A07 is left to be cleaned. */
static void change_of_room(void)
{
    int64_t stay = fx_open(&admin, "A07", "17:30", "");
    json_t *s = POST(&admin, 200, fx_path("stays", stay, "/change-room"),
                     "{\"room_id\":%lld,\"at\":\"%s\",\"reason\":\"客人嫌小\"}",
                     (long long)fx_room_id("B01"), fx_at("18:10"));
    CHECK_STR(jstr(s, "room_no"), "B01");
    CHECK_INT(json_array_size(json_object_get(s, "rooms")), 2);
    json_decref(s);
    json_t *e = POST(&admin, 409, fx_path("stays", stay, "/change-room"), "{\"room_id\":%lld}",
                     (long long)fx_room_id("A02"));
    CHECK_STR(jerr(e), "room_in_use");
    json_decref(e);
    json_t *q =
        POST(&admin, 200, fx_path("stays", stay, "/quote"), "{\"at\":\"%s\"}", fx_at("19:00"));
    CHECK_INT(jint(q, "room_fen"), 21667);
    CHECK_STR(jstr(q, "lines[0].item"), "A07 小包 白天档 30分钟 × 60.00/小时");
    CHECK_STR(jstr(q, "lines[1].item"), "A07 小包 黄金档 10分钟 × 120.00/小时");
    CHECK_STR(jstr(q, "lines[2].item"), "B01 大包 黄金档 50分钟 × 200.00/小时");
    CHECK_INT(jint(q, "lines[2].amount_fen"), 16667);
    CHECK_INT(jint(q, "topup_fen"), 28333);
    CHECK_INT(jint(q, "total_fen"), 50000);
    json_decref(q);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM room_states WHERE room_id = %lld AND "
                         "state = 'cleaning'",
                         (long long)fx_room_id("A07")),
              1);
    /* A cashier cannot back-date a change. */
    e = POST(&cashier, 403, fx_path("stays", stay, "/change-room"),
             "{\"room_id\":%lld,\"at\":\"%s\"}", (long long)fx_room_id("B02"), fx_at("18:20"));
    json_decref(e);
}

/* A package with the guest's choice ("8 beers or 6 drinks"), its overrun, and a second one
 * bought to extend (续钟). */
static void packages_and_extend(void)
{
    json_t *p =
        POST(&admin, 201, "/api/v1/packages",
             "{\"name\":\"欢唱套餐\",\"price_fen\":30000,\"terms\":{\"included_minutes\":180,"
             "\"room_type_id\":%lld},\"items\":[{\"product_id\":%lld,\"qty\":1},"
             "{\"product_id\":%lld,\"qty\":8,\"choice_group\":\"酒水\"},"
             "{\"product_id\":%lld,\"qty\":6,\"choice_group\":\"酒水\"}]}",
             (long long)fx_small, (long long)fx_fruit, (long long)fx_beer, (long long)fx_drink);
    int64_t pkg = jint(p, "id");
    CHECK_INT(jint(p, "terms.included_minutes"), 180);
    CHECK_INT(json_array_size(json_object_get(p, "items")), 3);
    json_decref(p);
    json_decref(POST(&admin, 400, "/api/v1/packages",
                     "{\"name\":\"坏套餐\",\"price_fen\":100,\"terms\":{\"included_minutes\":0}}"));
    int64_t bare = jint(
        p = POST(&admin, 201, "/api/v1/packages", "{\"name\":\"无条款套餐\",\"price_fen\":100}"),
        "id");
    json_decref(p);
    json_t *e = POST(&admin, 409, "/api/v1/stays", "{\"room_id\":%lld,\"package_id\":%lld}",
                     (long long)fx_room_id("A08"), (long long)bare);
    CHECK_STR(jerr(e), "package_not_allowed");
    json_decref(e);
    e = POST(&admin, 409, "/api/v1/stays", "{\"room_id\":%lld,\"package_id\":%lld}",
             (long long)fx_room_id("B02"), (long long)pkg);
    CHECK_STR(jerr(e), "package_not_allowed"); /* 小包 only */
    json_decref(e);
    e = POST(&admin, 400, "/api/v1/stays",
             "{\"room_id\":%lld,\"package_id\":%lld,\"choices\":{\"酒水\":%lld}}",
             (long long)fx_room_id("A08"), (long long)pkg, (long long)fx_wine);
    CHECK_STR(jstr(e, "error.field"), "choices.酒水");
    json_decref(e);
    char extra[160];
    snprintf(extra, sizeof extra, ",\"package_id\":%lld,\"choices\":{\"酒水\":%lld}",
             (long long)pkg, (long long)fx_beer);
    int64_t stay = fx_open(&admin, "A08", "20:00", extra);
    json_t *s = GET(&admin, 200, fx_path("stays", stay, ""));
    CHECK_INT(json_array_size(json_object_get(s, "items")), 2); /* fruit + 8 beers */
    CHECK_INT(jint(s, "planned_minutes"), 180);
    json_decref(s);
    e = POST(&admin, 409, fx_path("stays", stay, "/items"),
             "{\"product_id\":%lld,\"choice\":\"酒水\"}", (long long)fx_drink);
    CHECK_STR(jerr(e), "choice_taken");
    json_decref(e);
    /* 20:00-23:20: the package 300.00 + 20 min over (billed 30 min at 120.00 = 60.00). */
    json_t *q =
        POST(&admin, 200, fx_path("stays", stay, "/quote"), "{\"at\":\"%s\"}", fx_at("23:20"));
    CHECK_STR(jstr(q, "lines[0].item"), "欢唱套餐（3小时）");
    CHECK_INT(jint(q, "lines[0].amount_fen"), 30000);
    CHECK_STR(jstr(q, "lines[1].item"), "超时 A08 小包 黄金档 30分钟 × 120.00/小时");
    CHECK_INT(jint(q, "total_fen"), 36000);
    json_decref(q);
    /* 续钟: a second package; 6 hours in all, nothing over at 23:20. */
    s = POST(&admin, 200, fx_path("stays", stay, "/extend"), "{\"package_id\":%lld}",
             (long long)pkg);
    CHECK_INT(json_array_size(json_object_get(s, "packages")), 2);
    json_decref(s);
    json_decref(POST(&admin, 400, fx_path("stays", stay, "/extend"), "{}"));
    json_t *b = POST(&admin, 201, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"package-out-1\",\"at\":\"%s\",\"payments\":["
                     "{\"method\":\"wechat\",\"amount_fen\":60000}]}",
                     fx_at("23:20"));
    int64_t bill = jint(b, "bill_id");
    CHECK_INT(jint(b, "total_fen"), 60000);
    json_decref(b);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bill_lines WHERE bill_id = %lld AND "
                         "kind = 'package' AND package_id = %lld",
                         (long long)bill, (long long)pkg),
              2);
    /* The package's goods leave the bar, expanded: 2 fruit plates (one per package), 8 beers. */
    CHECK_INT(fx_sql_int("SELECT qty FROM consumption WHERE bill_id = %lld AND kind = 'package' "
                         "AND product_id = %lld",
                         (long long)bill, (long long)fx_fruit),
              2);
    CHECK_INT(fx_sql_int("SELECT qty FROM consumption WHERE bill_id = %lld AND kind = 'package' "
                         "AND product_id = %lld",
                         (long long)bill, (long long)fx_beer),
              8);
    /* An hourly stay extends its planned time only. */
    int64_t hourly = fx_open(&admin, "A09", NULL, "");
    s = POST(&admin, 200, fx_path("stays", hourly, "/extend"), "{\"minutes\":60}");
    CHECK(jint(s, "planned_minutes") >= 60);
    json_decref(s);
    e = POST(&admin, 409, fx_path("stays", hourly, "/extend"), "{\"package_id\":%lld}",
             (long long)pkg);
    CHECK_STR(jerr(e), "extend_not_package");
    json_decref(e);
}

/* A stay opened by mistake may be cancelled while it costs nothing; not once goods are on it. */
static void cancel_a_stay(void)
{
    int64_t stay = fx_open(&cashier, "A10", NULL, "");
    json_decref(POST(&cashier, 400, fx_path("stays", stay, "/cancel"), "{}"));
    json_t *s = POST(&cashier, 200, fx_path("stays", stay, "/cancel"), "{\"reason\":\"开错房\"}");
    CHECK_STR(jstr(s, "status"), "cancelled");
    json_decref(s);
    json_t *e = POST(&cashier, 409, fx_path("stays", stay, "/items"), "{\"product_id\":%lld}",
                     (long long)fx_beer);
    CHECK_STR(jerr(e), "stay_closed");
    json_decref(e);
    stay = fx_open(&cashier, "A10", NULL, "");
    fx_order(&cashier, stay, fx_beer, 1);
    e = POST(&cashier, 409, fx_path("stays", stay, "/cancel"), "{\"reason\":\"开错房\"}");
    CHECK_STR(jerr(e), "stay_not_empty");
    json_decref(e);
}

/* Bad input is answered 4xx with the field, never a crash or a 500. */
static void bad_input(void)
{
    json_t *e = POST(&cashier, 400, "/api/v1/stays", "{\"room_id\":\"A01\"}");
    CHECK_STR(jstr(e, "error.field"), "room_id");
    json_decref(e);
    e = POST(&cashier, 400, "/api/v1/stays", "{\"room_id\":%lld,\"colour\":1}",
             (long long)fx_room_id("A11"));
    CHECK_STR(jerr(e), "unknown_field");
    json_decref(e);
    json_decref(POST(&cashier, 400, "/api/v1/stays", "{\"room_id\":99999}"));
    e = POST(&cashier, 403, "/api/v1/stays", "{\"room_id\":%lld,\"opened_at\":\"%s\"}",
             (long long)fx_room_id("A11"), fx_at("12:00"));
    CHECK_STR(jstr(e, "error.field"), "opened_at");
    json_decref(e);
    json_decref(POST(&admin, 400, "/api/v1/stays", "{\"room_id\":%lld,\"opened_at\":\"yesterday\"}",
                     (long long)fx_room_id("A11")));
    json_decref(POST(&admin, 400, "/api/v1/stays",
                     "{\"room_id\":%lld,\"opened_at\":\"2001-01-01 10:00\"}",
                     (long long)fx_room_id("A11")));
    int64_t stay = fx_open(&cashier, "A11", NULL, "");
    json_decref(POST(&cashier, 400, fx_path("stays", stay, "/items"),
                     "{\"product_id\":%lld,\"qty\":0}", (long long)fx_beer));
    json_decref(POST(&cashier, 400, fx_path("stays", stay, "/items"),
                     "{\"product_id\":%lld,\"qty\":1.5}", (long long)fx_beer));
    json_decref(POST(&cashier, 400, fx_path("stays", stay, "/items"), "[1,2]"));
    json_decref(POST(&cashier, 400, fx_path("stays", stay, "/items"), "{"));
    json_decref(POST(&cashier, 400, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"bad input key\",\"payments\":[]}"));
    json_decref(POST(&cashier, 400, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"bad-input-2\",\"payments\":{}}"));
    json_decref(POST(&cashier, 400, fx_path("stays", stay, "/checkout"),
                     "{\"idempotency_key\":\"bad-input-3\",\"payments\":[1]}"));
    json_decref(GET(&cashier, 404, "/api/v1/stays/999999"));
    json_decref(POST(&cashier, 404, "/api/v1/stays/999999/quote", "{}"));
    json_decref(POST(&cashier, 404, "/api/v1/stays/999999/items", "{\"product_id\":1}"));
    json_decref(GET(&cashier, 404, "/api/v1/bills/999999/receipt"));
    /* A role without the bills module sees nothing of the front desk. */
    json_decref(GET(&staff, 403, "/api/v1/frontdesk/board"));
    json_decref(POST(&staff, 403, "/api/v1/stays", "{\"room_id\":1}"));
}

/* The board is polled every few seconds by every till: 60 rooms in use, each with goods, are
 * priced in one request quickly (printed; checked loosely, the sanitizer build is slow). */
static void board_is_cheap(void)
{
    for (int i = 0; i < 60; i++) {
        char no[16];
        snprintf(no, sizeof no, "A%02d", i + 20);
        int64_t s = fx_open(&admin, no, i % 2 ? "17:30" : NULL, "");
        fx_order(&admin, s, fx_beer, 2);
    }
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    int n = 10;
    for (int i = 0; i < n; i++) {
        json_t *j = GET(&cashier, 200, "/api/v1/frontdesk/board");
        if (i == 0) CHECK(jint(j, "counts.in_use") >= 60);
        json_decref(j);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double ms = ((double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6) / n;
    printf("board with %lld rooms in use: %.1f ms per request\n",
           (long long)fx_sql_int("SELECT count(*) FROM stays WHERE status = 'open'"), ms);
    CHECK(ms < 1000);
}

int main(void)
{
    if (!fx_start(80)) {
        printf("frontdesk/stays_api: 0 passed, 1 failed\n");
        return 1;
    }
    CHECK(add_user(&srv, "cashier1", "cashier", "cashier-pass-1"));
    CHECK(add_user(&srv, "cashier2", "cashier", "cashier-pass-2"));
    CHECK(add_user(&srv, "manager1", "manager", "manager-pass-1"));
    CHECK(add_user(&srv, "staff1", "staff", "staff-pass-1"));
    admin = fx_login("admin", TEST_ADMIN_PASSWORD);
    cashier = fx_login("cashier1", "cashier-pass-1");
    staff = fx_login("staff1", "staff-pass-1");
    fx_open_shift(&admin);
    fx_open_shift(&cashier);
    RUN(plans_are_validated);
    RUN(authority_matrix);
    RUN(board_reservations_and_states);
    RUN(gifts_need_approval_over_the_limit);
    RUN(returns);
    RUN(change_of_room);
    RUN(packages_and_extend);
    RUN(cancel_a_stay);
    RUN(bad_input);
    RUN(board_is_cheap);
    client_free(&admin);
    client_free(&cashier);
    client_free(&staff);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("frontdesk/stays_api");
}
