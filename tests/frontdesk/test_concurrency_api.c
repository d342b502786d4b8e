/* test_concurrency_api.c: duplicates and concurrency at the till, against the real server:
 * C1 (a double click sends the same payment twice within 200 ms: one payment), C2 (a checkout
 * retried after a lost reply: one bill, the retries get it back), C3 (two tills check out the
 * same room at once: one succeeds, the other gets a clear 409, nothing is charged twice), and
 * 16 clients hammering checkouts with retries and a competing till per room: no double charge,
 * no lost payment, every payment in exactly one shift. */
#include "fixture.h"

#include <pthread.h>

/* Clients are made in the main thread (curl's global set-up is not thread-safe) and each is
 * used by one thread at a time. */
#define CLIENTS 16

static struct client admin, tills[CLIENTS];
static const char *const cashiers[] = {"cashier1", "cashier2", "cashier3", "cashier4"};

struct shot {
    struct client *c;
    const char *path;
    char body[512];
    pthread_barrier_t *start;
    long status;
    int64_t bill_id;
    char code[40], message[300];
};

static void *fire(void *arg)
{
    struct shot *s = arg;
    if (s->start) pthread_barrier_wait(s->start);
    struct response r = client_request(s->c, "POST", s->path, s->body, 0, NULL);
    s->status = r.status;
    s->bill_id = json_integer_value(json_object_get(r.json, "bill_id"));
    snprintf(s->code, sizeof s->code, "%s", response_error_code(&r));
    const char *m = json_string_value(json_object_get(json_object_get(r.json, "error"), "message"));
    snprintf(s->message, sizeof s->message, "%s", m ? m : "");
    response_free(&r);
    return NULL;
}

/* Fires n shots at once (a barrier releases them together) and waits for all. */
static void volley(struct shot *shots, int n)
{
    pthread_t t[CLIENTS];
    pthread_barrier_t b;
    pthread_barrier_init(&b, NULL, (unsigned)n);
    for (int i = 0; i < n; i++) {
        shots[i].start = &b;
        pthread_create(&t[i], NULL, fire, &shots[i]);
    }
    for (int i = 0; i < n; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&b);
}

/* Bills written for a stay: a bill keeps the stay's room and opening instant. */
static int64_t bills_of_stay(int64_t stay)
{
    return fx_sql_int("SELECT count(*) FROM bills b JOIN stays s ON b.room_id = s.room_id AND "
                      "b.opened_at = s.opened_at WHERE s.id = %lld",
                      (long long)stay);
}

/* C1: a bill of 50.00; "add 50.00 cash" arrives twice within 200 ms (the same key: one
 * click's request sent twice). One payment of 50.00, nothing left to pay, no change due. */
static void c1_double_click(void)
{
    int64_t stay = fx_open(&admin, "A01", NULL, "");
    fx_order(&admin, stay, fx_beer, 5);
    struct shot s[2];
    for (int i = 0; i < 2; i++) {
        memset(&s[i], 0, sizeof s[i]);
        s[i].c = &tills[0];
        s[i].path = fx_path("stays", stay, "/checkout");
        snprintf(s[i].body, sizeof s[i].body,
                 "{\"idempotency_key\":\"c1-double-click\",\"payments\":[{\"method\":\"cash\","
                 "\"amount_fen\":5000,\"tendered_fen\":5000}]}");
    }
    /* Two clients of the same till (one per thread). */
    s[1].c = &tills[4];
    volley(s, 2);
    CHECK_INT(s[0].status, 201);
    CHECK_INT(s[1].status, 201);
    CHECK(s[0].bill_id > 0 && s[0].bill_id == s[1].bill_id);
    CHECK_INT(bills_of_stay(stay), 1);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bill_payments WHERE bill_id = %lld",
                         (long long)s[0].bill_id),
              1);
    CHECK_INT(fx_sql_int("SELECT amount_fen FROM bill_payments WHERE bill_id = %lld",
                         (long long)s[0].bill_id),
              5000);
    CHECK_INT(fx_sql_int("SELECT change_fen FROM bill_payments WHERE bill_id = %lld",
                         (long long)s[0].bill_id),
              0);
    CHECK_INT(fx_sql_int("SELECT total_fen - (SELECT sum(amount_fen) FROM bill_payments WHERE "
                         "bill_id = %lld) FROM bills WHERE id = %lld",
                         (long long)s[0].bill_id, (long long)s[0].bill_id),
              0);
}

/* C2: the till sends checkout X, the server commits, the reply is lost; the till sends X
 * again, twice at once, then once more: one bill, one set of payments, one stock deduction,
 * every answer the first bill. */
static void c2_retried_checkout(void)
{
    int64_t stay = fx_open(&admin, "A02", NULL, "");
    fx_order(&admin, stay, fx_beer, 4);
    fx_order(&admin, stay, fx_fruit, 1);
    struct shot s[4];
    for (int i = 0; i < 4; i++) {
        memset(&s[i], 0, sizeof s[i]);
        s[i].c = &tills[i * 4 + 1]; /* cashier2's clients */
        s[i].path = fx_path("stays", stay, "/checkout");
        snprintf(s[i].body, sizeof s[i].body,
                 "{\"idempotency_key\":\"c2-retried-key\",\"payments\":["
                 "{\"method\":\"cash\",\"amount_fen\":3000,\"tendered_fen\":5000},"
                 "{\"method\":\"alipay\",\"amount_fen\":4000}]}");
    }
    fire(&s[0]);      /* the first, whose reply "was lost" */
    volley(s + 1, 2); /* two retries at once */
    fire(&s[3]);      /* and one more later */
    for (int i = 0; i < 4; i++) {
        CHECK_INT(s[i].status, 201);
        CHECK_INT(s[i].bill_id, s[0].bill_id);
    }
    CHECK_INT(bills_of_stay(stay), 1);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bill_payments WHERE bill_id = %lld",
                         (long long)s[0].bill_id),
              2);
    CHECK_INT(fx_sql_int("SELECT sum(qty) FROM consumption WHERE bill_id = %lld",
                         (long long)s[0].bill_id),
              5);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM audit_log WHERE action = 'checkout' AND "
                         "entity_id = '%lld'",
                         (long long)s[0].bill_id),
              1);
}

/* C3: two cashiers (two tills, two shifts) check out the same room at the same moment, each
 * with its own key: one bill; the other till is told who checked it out and which bill. */
static void c3_two_tills_one_room(void)
{
    int64_t stay = fx_open(&admin, "A03", NULL, "");
    fx_order(&admin, stay, fx_beer, 3);
    struct shot s[2];
    for (int i = 0; i < 2; i++) {
        memset(&s[i], 0, sizeof s[i]);
        s[i].c = &tills[i + 2]; /* cashier3 and cashier4 */
        s[i].path = fx_path("stays", stay, "/checkout");
        snprintf(s[i].body, sizeof s[i].body,
                 "{\"idempotency_key\":\"c3-till-%d-key\",\"payments\":[{\"method\":\"%s\","
                 "\"amount_fen\":3000}]}",
                 i, i ? "card" : "cash");
    }
    volley(s, 2);
    int won = s[0].status == 201 ? 0 : 1, lost = 1 - won;
    CHECK_INT(s[won].status, 201);
    CHECK_INT(s[lost].status, 409);
    CHECK_STR(s[lost].code, "stay_closed");
    CHECK(strstr(s[lost].message, "已由") && strstr(s[lost].message, "请勿重复收款"));
    CHECK_INT(bills_of_stay(stay), 1);
    CHECK_INT(fx_sql_int("SELECT sum(p.amount_fen) FROM bill_payments p JOIN stays s ON "
                         "s.bill_id = p.bill_id WHERE s.id = %lld",
                         (long long)stay),
              3000);
}

/* ---- the hammer ---- */

#define HAMMER_STAYS 64

struct worker {
    int index;
    int64_t *stays;
    int ok, conflicts, retried, errors;
    int64_t bill_of[HAMMER_STAYS]; /* per stay: the bill this worker's key got (0: none) */
    char failure[300];
};

/* Sends one checkout until it gets an answer that is not "busy" (503), then repeats the same
 * request once (a retry after a lost reply) and checks the repeat says the same. */
static long checkout_with_retries(struct worker *w, struct client *c, int64_t stay, const char *key,
                                  int64_t *bill)
{
    char body[400];
    snprintf(body, sizeof body,
             "{\"idempotency_key\":\"%s\",\"payments\":[{\"method\":\"cash\",\"amount_fen\":1000,"
             "\"tendered_fen\":2000},{\"method\":\"wechat\",\"amount_fen\":1000}]}",
             key);
    long status = 0;
    int64_t first = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        struct response r;
        int tries = 0;
        do {
            r = client_request(c, "POST", fx_path("stays", stay, "/checkout"), body, 0, NULL);
            if (r.status == 503) {
                response_free(&r);
                w->retried++;
            }
        } while (r.status == 503 && ++tries < 20);
        int64_t id = json_integer_value(json_object_get(r.json, "bill_id"));
        if (attempt == 0) {
            status = r.status;
            first = id;
        } else if (r.status != status || id != first) {
            snprintf(w->failure, sizeof w->failure, "stay %lld key %s: %ld/%lld then %ld/%lld",
                     (long long)stay, key, status, (long long)first, r.status, (long long)id);
        }
        if (r.status != 201 && r.status != 409) {
            w->errors++;
            snprintf(w->failure, sizeof w->failure, "stay %lld: %ld %.200s", (long long)stay,
                     r.status, r.body ? r.body : "");
        }
        response_free(&r);
    }
    *bill = status == 201 ? first : 0;
    return status;
}

static void *hammer(void *arg)
{
    struct worker *w = arg;
    struct client *c = &tills[w->index];
    /* Each stay is checked out by its own till and, at the same time, by the next worker's
     * till with another key (two cashiers pressing checkout on one room). */
    for (int i = 0; i < HAMMER_STAYS; i++) {
        int owner = i % CLIENTS, rival = (owner + 1) % CLIENTS;
        if (w->index != owner && w->index != rival) continue;
        char key[64];
        snprintf(key, sizeof key, "hammer-%02d-stay-%02d", w->index, i);
        int64_t bill = 0;
        long st = checkout_with_retries(w, c, w->stays[i], key, &bill);
        if (st == 201) {
            w->ok++;
            w->bill_of[i] = bill;
        } else if (st == 409)
            w->conflicts++;
    }
    return NULL;
}

static void hammer_16_clients(void)
{
    int64_t stays[HAMMER_STAYS];
    for (int i = 0; i < HAMMER_STAYS; i++) {
        char no[16];
        snprintf(no, sizeof no, "A%02d", i + 10);
        stays[i] = fx_open(&admin, no, NULL, "");
        fx_order(&admin, stays[i], fx_beer, 2);
    }
    int64_t bills_before = fx_sql_int("SELECT count(*) FROM bills");
    int64_t paid_before = fx_sql_int("SELECT coalesce(sum(amount_fen), 0) FROM bill_payments");
    struct worker w[CLIENTS];
    pthread_t t[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].index = i;
        w[i].stays = stays;
        pthread_create(&t[i], NULL, hammer, &w[i]);
    }
    for (int i = 0; i < CLIENTS; i++)
        pthread_join(t[i], NULL);
    int ok = 0, conflicts = 0, retried = 0;
    for (int i = 0; i < CLIENTS; i++) {
        ok += w[i].ok;
        conflicts += w[i].conflicts;
        retried += w[i].retried;
        if (w[i].failure[0]) harness_fail(__FILE__, __LINE__, "worker %d: %s", i, w[i].failure);
    }
    printf("hammer: %d checkouts, %d refused as already checked out, %d busy retries\n", ok,
           conflicts, retried);
    /* Exactly one bill per stay, each answered to exactly one till. */
    CHECK_INT(ok, HAMMER_STAYS);
    CHECK_INT(conflicts, HAMMER_STAYS);
    for (int i = 0; i < HAMMER_STAYS; i++) {
        int winners = 0;
        int64_t bill = 0;
        for (int k = 0; k < CLIENTS; k++)
            if (w[k].bill_of[i]) {
                winners++;
                bill = w[k].bill_of[i];
            }
        if (winners != 1 ||
            fx_sql_int("SELECT bill_id FROM stays WHERE id = %lld", (long long)stays[i]) != bill)
            harness_fail(__FILE__, __LINE__, "stay %d: %d winners", i, winners);
    }
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bills") - bills_before, HAMMER_STAYS);
    /* No double charge, no lost payment: 20.00 per stay, two tenders each, all in a shift. */
    CHECK_INT(fx_sql_int("SELECT sum(amount_fen) FROM bill_payments") - paid_before,
              HAMMER_STAYS * 2000);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bill_payments p JOIN bills b ON b.id = p.bill_id "
                         "WHERE b.source = 'pos' AND (p.shift_id IS NULL OR p.shift_id NOT IN "
                         "(SELECT id FROM shifts))"),
              0);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM bills b WHERE b.source = 'pos' AND b.total_fen <> "
                         "(SELECT sum(amount_fen) FROM bill_payments p WHERE p.bill_id = b.id)"),
              0);
    CHECK_INT(fx_sql_int("SELECT count(*) FROM stays WHERE status = 'open'"), 0);
    /* Every payment in exactly one shift: the shifts' sums are the bills' sum. */
    CHECK_INT(fx_sql_int("SELECT sum(amount_fen) FROM bill_payments WHERE shift_id IN "
                         "(SELECT id FROM shifts)"),
              fx_sql_int("SELECT sum(total_fen) FROM bills WHERE source = 'pos'"));
    /* One stock deduction per bill: 2 beers each. */
    CHECK_INT(fx_sql_int("SELECT sum(qty) FROM consumption WHERE bill_id IN (SELECT bill_id FROM "
                         "stays WHERE id >= %lld AND id <= %lld)",
                         (long long)stays[0], (long long)stays[HAMMER_STAYS - 1]),
              HAMMER_STAYS * 2);
}

int main(void)
{
    if (!fx_start(HAMMER_STAYS + 10)) {
        printf("frontdesk/concurrency_api: 0 passed, 1 failed\n");
        return 1;
    }
    for (int i = 0; i < 4; i++) {
        char pw[32];
        snprintf(pw, sizeof pw, "cashier-pass-%d", i + 1);
        CHECK(add_user(&srv, cashiers[i], "cashier", pw));
    }
    admin = fx_login("admin", TEST_ADMIN_PASSWORD);
    for (int i = 0; i < CLIENTS; i++) {
        char pw[32];
        snprintf(pw, sizeof pw, "cashier-pass-%d", i % 4 + 1);
        tills[i] = fx_login(cashiers[i % 4], pw);
        if (i < 4) fx_open_shift(&tills[i]);
    }
    RUN(c1_double_click);
    RUN(c2_retried_checkout);
    RUN(c3_two_tills_one_room);
    RUN(hammer_16_clients);
    client_free(&admin);
    for (int i = 0; i < CLIENTS; i++)
        client_free(&tills[i]);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("frontdesk/concurrency_api");
}
