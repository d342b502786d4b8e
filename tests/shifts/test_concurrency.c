/* test_concurrency.c: every payment belongs to exactly one shift, also one that lands while the
 * shift closes. 16 threads check out bills as the front desk does (one write transaction that
 * asks shift_require_open and writes the bill with its payments tagged with the shift) while
 * the cashier closes the shift through the API. Afterwards every committed payment is in the
 * frozen Z, no refused one was written, nothing is tagged with the shift after its close, and
 * the sums agree. */
#include "support.h"

#include <pthread.h>

#define THREADS 16
/* Enough payments before the close that the race is real, few enough to stay quick under ASan. */
#define BEFORE_CLOSE 240
/* A thread gives up after this many bills (the close should come long before). */
#define MAX_PER_THREAD 2000

struct worker {
    int n;
    int64_t user_id;
    int64_t bills[MAX_PER_THREAD];
    int64_t amounts[MAX_PER_THREAD];
    bool cash[MAX_PER_THREAD];
    int committed, retries;
    bool refused, failed;
};

static int committed_total;

static void *work(void *arg)
{
    struct worker *w = arg;
    struct db *db = db_open(srv.db);
    if (!db) {
        w->failed = true;
        return NULL;
    }
    for (int i = 0; w->committed < MAX_PER_THREAD;) {
        /* Amounts differ per thread and bill so that a lost or doubled one shows in the sums. */
        int64_t amount = 1000 + w->n * 100 + i % 97;
        bool cash = (w->n + i) % 3 != 0;
        int64_t lines[1] = {amount}, bill = 0;
        struct sx_tender t[1] = {{cash ? "cash" : "wechat", amount, 0}};
        enum db_status s = sx_checkout(db, w->user_id, "race", lines, 1, t, 1, &bill, NULL);
        if (s == DB_OK) {
            w->bills[w->committed] = bill;
            w->amounts[w->committed] = amount;
            w->cash[w->committed] = cash;
            w->committed++;
            __atomic_add_fetch(&committed_total, 1, __ATOMIC_SEQ_CST);
            i++;
        } else if (s == DB_NOT_FOUND) {
            w->refused = true; /* the shift has closed: the till must open a new one */
            break;
        } else if (s == DB_RETRY) {
            w->retries++;
        } else {
            w->failed = true;
            break;
        }
    }
    db_close(db);
    return NULL;
}

static bool contains(json_t *ids, int64_t id)
{
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v)
        if (json_integer_value(v) == id) return true;
    return false;
}

static void payments_while_closing(void)
{
    struct client c = sx_cashier("race");
    int64_t uid = sx_user_id(&c), id = sx_open(&c, 20000, NULL);
    static struct worker w[THREADS];
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i].n = i;
        w[i].user_id = uid;
        CHECK_INT(pthread_create(&th[i], NULL, work, &w[i]), 0);
    }
    while (__atomic_load_n(&committed_total, __ATOMIC_SEQ_CST) < BEFORE_CLOSE) {
        struct timespec ts = {0, 2 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    /* The count is whatever; the race is the point, so a reason is always given. Under 16
     * writers the close may wait longer than the busy timeout and be told 503 (retry), as a
     * till would be: it retries. */
    struct response r = sx_close(&c, id, 20000, "并发测试");
    for (int attempt = 0; r.status == 503 && attempt < 20; attempt++) {
        response_free(&r);
        r = sx_close(&c, id, 20000, "并发测试");
    }
    CHECK_INT(r.status, 200);
    for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);

    json_t *z = jpath(r.json, "report");
    json_t *ids = json_object_get(z, "payment_ids");
    int64_t committed = 0, cash = 0, wechat = 0;
    struct db *db = db_open(srv.db);
    for (int i = 0; i < THREADS; i++) {
        CHECK(!w[i].failed);
        CHECK(w[i].refused); /* every till ran into the closed shift in the end */
        for (int k = 0; k < w[i].committed; k++) {
            int64_t pid = 0;
            CHECK_INT(db_int(db, &pid, "SELECT id FROM bill_payments WHERE bill_id = $1", "i",
                             w[i].bills[k]),
                      DB_OK);
            if (!contains(ids, pid))
                harness_fail(__FILE__, __LINE__, "payment %lld of bill %lld is not in the Z",
                             (long long)pid, (long long)w[i].bills[k]);
            if (w[i].cash[k]) cash += w[i].amounts[k];
            else wechat += w[i].amounts[k];
            committed++;
        }
    }
    fprintf(stderr, "concurrency: %lld payments committed, %d before the close\n",
            (long long)committed, BEFORE_CLOSE);
    CHECK(committed >= BEFORE_CLOSE);
    /* Exactly the committed ones: none refused was written, none counted twice. */
    CHECK_INT((int64_t)json_array_size(ids), committed);
    int64_t n = 0;
    CHECK_INT(db_int(db, &n, "SELECT count(*) FROM bills WHERE cashier = 'race'", ""), DB_OK);
    CHECK_INT(n, committed);
    CHECK_INT(db_int(db, &n, "SELECT count(*) FROM bill_payments WHERE shift_id = $1", "i", id),
              DB_OK);
    CHECK_INT(n, committed);
    db_close(db);
    /* The sums of the frozen Z are the sums of what was committed. */
    CHECK_INT(jint(z, "cash.sales_fen"), cash);
    CHECK_INT(jint(z, "cash.expected_fen"), 20000 + cash);
    CHECK_INT(jint(sx_channel(z, "wechat"), "payments_fen"), wechat);
    CHECK_INT(jint(z, "payments_total_fen"), cash + wechat);
    CHECK_INT(jint(z, "bills_count"), committed);
    CHECK_INT(jint(z, "closing.difference_fen"), 20000 - (20000 + cash));
    response_free(&r);

    /* The next shift starts empty: nothing of the old one leaks into it. */
    int64_t next = sx_open(&c, 0, NULL);
    sx_sale(uid, "cash", 500, 0);
    r = sx_get(&c, "/api/v1/shifts/%lld/payments", (long long)next);
    CHECK_INT(json_array_size(json_object_get(r.json, "items")), 0); /* blind: cash hidden */
    response_free(&r);
    struct client boss = sx_login("boss");
    r = sx_get(&boss, "/api/v1/shifts/%lld", (long long)next);
    CHECK_INT(jint(r.json, "report.cash.sales_fen"), 500);
    CHECK_INT(jint(r.json, "report.payments_count"), 1);
    response_free(&r);
    client_free(&boss);
    client_free(&c);
}

int main(void)
{
    if (!sx_start()) {
        fprintf(stderr, "server did not start\n");
        return harness_finish("shifts/concurrency");
    }
    RUN(payments_while_closing);
    CHECK_INT(server_stop(&srv), 0);
    return harness_finish("shifts/concurrency");
}
