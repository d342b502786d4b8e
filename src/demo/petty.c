/* demo/petty.c: the demo venue's petty cash (备用金): a fund with an imprest of 3,000.00 set up
 * on the first business day, and every week a few issues to staff for small purchases, each
 * settled a day or two later with change and receipts, now and then a direct expense, a larger
 * issue approved by the manager once a month, and the week's receipts replenished from the
 * safe on its last day. Issues of the last days stay open. Everything is written through the
 * petty-cash store (petty_record), so the movements, the checks and the journal entries are
 * the real ones; the entries are posted as backfill because the demo confirms its old days.
 * Deterministic: a function of the seed and the days. An issue, expense or replenishment the
 * fund refuses (nothing left to replenish) is simply not written. */
#include "demo/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bizday.h"
#include "core/log.h"
#include "core/venue.h"
#include "demo/generator.h"
#include "finance/petty.h"

#define DEMO_PETTY_IMPREST_FEN 300000
/* A week holds at most this many movements: three issues and their settlements, an expense,
 * the replenishment. */
#define WEEK_EVENTS_MAX 12

/* What staff take petty cash for, and where the receipts go. */
struct petty_purpose {
    const char *purpose, *account, *receipt_note;
    int64_t min_yuan, max_yuan; /* what it costs */
};
static const struct petty_purpose purposes[] = {
    {"采购水果", "exp_purchases", "水果批发市场收据", 180, 520},
    {"购买清洁用品", "exp_cleaning", "超市小票", 80, 260},
    {"维修麦克风配件", "exp_repairs", "电子市场发票", 120, 450},
    {"打印纸和文具", "exp_office", "文具店发票", 40, 160},
    {"更换包厢灯管", "exp_repairs", "五金店收据", 60, 220},
    {"宣传单印刷", "exp_marketing", "图文店发票", 150, 380},
    {"购买冰块和一次性杯", "exp_purchases", "批发部收据", 90, 240},
};
static const char *const people[] = {"小王", "小李", "阿强", "赵强", "周杰"};

enum event_kind { EV_ISSUE, EV_SETTLE, EV_EXPENSE, EV_REPLENISH };

struct event {
    enum event_kind kind;
    int64_t day;
    int minute;   /* local minutes after midnight (all within the business day) */
    int issue;    /* EV_ISSUE: its index; EV_SETTLE: the issue it settles */
    int purpose;
    int person;
    int64_t amount_fen, spent_fen;
    bool big;     /* above the approval limit: the manager approves */
};

static int by_time(const void *a, const void *b)
{
    const struct event *x = a, *y = b;
    if (x->day != y->day) return x->day < y->day ? -1 : 1;
    if (x->minute != y->minute) return x->minute < y->minute ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

static int64_t utc_at(const struct tz *tz, int64_t day, int minute)
{
    struct civil c;
    civil_from_epoch(day * 86400 + (int64_t)minute * 60, &c);
    return tz_from_local(tz, &c);
}

/* Writes one week of events, in time order, in the caller's transaction. An event the fund
 * refuses (not enough cash on hand after a busy week) is left out, and so is the settlement
 * of an issue that was left out. */
static enum db_status write_week(struct db *db, int64_t venue_id, const struct tz *tz,
                                 struct event *ev, int n)
{
    qsort(ev, (size_t)n, sizeof ev[0], by_time);
    int64_t issue_ids[WEEK_EVENTS_MAX] = {0};
    enum db_status s = DB_OK;
    for (int i = 0; s == DB_OK && i < n; i++) {
        const struct event *e = &ev[i];
        const struct petty_purpose *p = &purposes[e->purpose];
        char day[11], receipt_no[24];
        date_format(e->day, day);
        snprintf(receipt_no, sizeof receipt_no, "No.%08lld",
                 (long long)((e->day * 7919 + e->minute * 31 + e->purpose) % 100000000));
        struct petty_receipt_in receipt = {
            .account = p->account, .amount_fen = e->spent_fen, .note = p->receipt_note,
            .receipt_count = 1 + (e->minute % 3), .receipt_no = receipt_no};
        struct petty_input in = {.day = day, .at = utc_at(tz, e->day, e->minute),
                                 .by_user = "finance", .backfill = true};
        switch (e->kind) {
        case EV_ISSUE:
            in.kind = PETTY_ISSUE;
            in.amount_fen = e->amount_fen;
            in.person = people[e->person];
            in.purpose = e->big ? "采购周末活动酒水促销物料" : p->purpose;
            in.approved_by = e->big ? "manager" : "";
            break;
        case EV_SETTLE:
            if (!issue_ids[e->issue]) continue;
            in.kind = PETTY_SETTLE;
            in.issue_id = issue_ids[e->issue];
            in.returned_fen = e->amount_fen > e->spent_fen ? e->amount_fen - e->spent_fen : 0;
            in.receipts = &receipt;
            in.nreceipts = 1;
            break;
        case EV_EXPENSE:
            in.kind = PETTY_EXPENSE;
            in.person = people[e->person];
            in.purpose = "快递费";
            receipt.account = "exp_office";
            receipt.note = "快递单";
            in.receipts = &receipt;
            in.nreceipts = 1;
            break;
        case EV_REPLENISH:
            in.kind = PETTY_REPLENISH;
            in.amount_fen = 0; /* everything receipted */
            in.source = "safe";
            in.note = "每周补足备用金";
            break;
        }
        struct petty_outcome o;
        s = petty_record(db, venue_id, &in, &o);
        if (s == DB_OK && o.verdict == PETTY_OK && e->kind == EV_ISSUE)
            issue_ids[e->issue] = o.movement_id;
        /* A settlement of an issue that was written is always allowed: if not, our bug. */
        if (s == DB_OK && o.verdict != PETTY_OK && e->kind == EV_SETTLE) {
            log_error("demo: petty cash refused a %s on %s (%s)", petty_kind_id(o.kind), day,
                      petty_verdict_code(o.verdict));
            s = DB_ERROR;
        }
    }
    return s;
}

/* The events of the week starting on week_start (at most last_day). */
static int plan_week(uint64_t seed, int64_t week_start, int64_t last_day, int week,
                     struct event *ev)
{
    struct demo_rng r;
    uint64_t st = seed ^ 0x7065747479636173ULL ^ ((uint64_t)week_start * 0x9e3779b97f4a7c15ULL);
    demo_rng_seed(&r, demo_splitmix64(&st));
    int n = 0, issues = 0;
    /* Once every four weeks, a larger purchase for the weekend: above the approval limit. */
    bool big = week % 4 == 2;
    int count = big ? 1 : (int)demo_rng_between(&r, 2, 3);
    if (big) {
        int64_t day = week_start + demo_rng_between(&r, 0, 2);
        int64_t spent = 100 * demo_rng_between(&r, 2150, 2480);
        ev[n++] = (struct event){.kind = EV_ISSUE, .day = day, .minute = 14 * 60 + 10,
                                 .issue = issues, .purpose = 0, .person = 0,
                                 .amount_fen = 250000, .spent_fen = spent, .big = true};
        ev[n++] = (struct event){.kind = EV_SETTLE, .day = day + 1, .minute = 15 * 60,
                                 .issue = issues, .purpose = 0, .amount_fen = 250000,
                                 .spent_fen = spent};
        issues++;
    }
    for (int k = 0; k < count; k++) {
        int purpose = (int)demo_rng_between(&r, 0, (int64_t)(sizeof purposes / sizeof purposes[0]) - 1);
        const struct petty_purpose *p = &purposes[purpose];
        int64_t spent = 100 * demo_rng_between(&r, p->min_yuan, p->max_yuan) +
                        10 * demo_rng_between(&r, 0, 9);
        /* Issued in round hundreds above the expected cost; now and then the cost runs over
         * and the difference is paid out at the settlement (补付). */
        int64_t amount = (spent / 10000 + 1) * 10000;
        if (demo_rng_chance(&r, 100)) spent = amount + 100 * demo_rng_between(&r, 10, 50);
        int64_t day = week_start + demo_rng_between(&r, 0, 4);
        int minute = (int)(13 * 60 + demo_rng_between(&r, 0, 360));
        ev[n++] = (struct event){.kind = EV_ISSUE, .day = day, .minute = minute, .issue = issues,
                                 .purpose = purpose,
                                 .person = (int)demo_rng_between(&r, 0, 4), .amount_fen = amount,
                                 .spent_fen = spent};
        int64_t back = day + demo_rng_between(&r, 1, 2);
        ev[n++] = (struct event){.kind = EV_SETTLE, .day = back,
                                 .minute = (int)(12 * 60 + demo_rng_between(&r, 0, 480)),
                                 .issue = issues, .purpose = purpose, .amount_fen = amount,
                                 .spent_fen = spent};
        issues++;
    }
    if (demo_rng_chance(&r, 350))
        ev[n++] = (struct event){.kind = EV_EXPENSE, .day = week_start + demo_rng_between(&r, 0, 5),
                                 .minute = 17 * 60, .person = (int)demo_rng_between(&r, 0, 4),
                                 .spent_fen = 100 * demo_rng_between(&r, 12, 45)};
    ev[n++] = (struct event){.kind = EV_REPLENISH, .day = week_start + 6, .minute = 22 * 60};
    /* What falls after the last day has not happened yet: its issues stay open. */
    int k = 0;
    for (int i = 0; i < n; i++)
        if (ev[i].day <= last_day) ev[k++] = ev[i];
    return k;
}

enum db_status demo_petty_cash(struct db *db, int64_t venue_id, uint64_t seed, int64_t first_day,
                               int64_t last_day)
{
    struct venue v;
    enum db_status s = venue_load(db, venue_id, &v);
    if (s != DB_OK) return s;
    struct tz *tz = tz_load(v.timezone);
    if (!tz) return DB_ERROR;
    char day[11];
    date_format(first_day, day);
    struct petty_fund f;
    struct petty_outcome o;
    struct petty_input in = {.kind = PETTY_ESTABLISH, .day = day,
                             .at = utc_at(tz, first_day, 13 * 60),
                             .amount_fen = DEMO_PETTY_IMPREST_FEN, .source = "safe",
                             .note = "设立备用金", .by_user = "finance", .backfill = true};
    s = db_begin_write(db);
    if (s == DB_OK) s = petty_record(db, venue_id, &in, &o);
    if (s == DB_OK && o.verdict != PETTY_OK) s = DB_ERROR;
    /* The finance clerk keeps the fund. */
    if (s == DB_OK)
        s = petty_fund_save(db, venue_id, "刘敏", PETTY_DEFAULT_APPROVAL_LIMIT_FEN, "finance",
                            in.at, &f);
    if (s == DB_OK) s = db_commit(db);
    for (int64_t week = 0; s == DB_OK && first_day + 7 * week <= last_day; week++) {
        struct event ev[WEEK_EVENTS_MAX];
        int n = plan_week(seed, first_day + 7 * week, last_day, (int)week, ev);
        s = db_begin_write(db);
        if (s == DB_OK) s = write_week(db, venue_id, tz, ev, n);
        if (s == DB_OK) s = db_commit(db);
    }
    if (s != DB_OK) {
        log_error("demo: cannot write the petty cash: %s", db_errmsg(db));
        db_rollback(db);
    }
    tz_free(tz);
    return s;
}
