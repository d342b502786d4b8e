/* demo/writer.c: stores the demo venue (see demo.h) as a venue that runs its front desk on
 * ktvoffice would look: users and catalogue through the auth and master stores; price plans,
 * package terms and members through the front desk's store; then each generated business day
 * in one transaction: its cashier shifts (opened with a float, every payment tagged, pay-outs
 * and safe drops, closed by a count with the Z report built by the shifts area's own report
 * code), its bills through bill_insert, the members' top-ups through the members area (the
 * venue's offers, cash into the drawer, their journal entries) and their payments through the
 * ledger, and the back office's review. The last business day is left live: a shift open, rooms in use, a
 * room out of service, reservations for the next evening.
 *
 * Everything added to the generated bills is drawn from streams of its own (a function of the
 * seed and the day), never from the generator's: the bills stay exactly what
 * demo_generate_day makes, and their fingerprint with them. */
#include "demo/demo.h"

#include "core/audit.h"
#include "core/auth.h"
#include "core/bizday.h"
#include "core/log.h"
#include "core/money.h"
#include "core/venue.h"
#include "demo/generator.h"
#include "finance/records.h"
#include "frontdesk/settle.h"
#include "frontdesk/store.h"
#include "master/store.h"
#include "members/members.h"
#include "sales/store.h"
#include "shifts/drawer.h"
#include "shifts/report.h"
#include "shifts/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Row ids of the catalogue, by catalogue index. */
struct catalogue_ids {
    int64_t room_type[16];
    int64_t room[64];
    int64_t product[128];
    int64_t package[32];
};
/* The catalogue in generator.c must fit (checked at run time: its sizes are not constants
 * here). */
static bool catalogue_fits(void)
{
    struct catalogue_ids *c = NULL;
    return demo_room_type_count <= (int)(sizeof c->room_type / sizeof c->room_type[0]) &&
           demo_room_count <= (int)(sizeof c->room / sizeof c->room[0]) &&
           demo_product_count <= (int)(sizeof c->product / sizeof c->product[0]) &&
           demo_package_count <= (int)(sizeof c->package / sizeof c->package[0]);
}

static enum db_status insert_users(struct db *db, int64_t venue_id, const char *password)
{
    enum db_status s = DB_OK;
    for (int i = 0; s == DB_OK && i < demo_user_count; i++) {
        int64_t id;
        s = auth_user_insert(db, venue_id, demo_users[i].username, demo_users[i].display_name,
                             demo_users[i].role, password, &id);
        if (s != DB_OK)
            log_error("demo: cannot add user %s: %s", demo_users[i].username, db_errmsg(db));
    }
    return s;
}

static enum db_status insert_catalogue(struct db *db, int64_t venue_id, struct catalogue_ids *ids)
{
    enum db_status s = DB_OK;
    for (int i = 0; s == DB_OK && i < demo_room_type_count; i++) {
        struct room_type t = {0};
        snprintf(t.name, sizeof t.name, "%s", demo_room_types[i].name);
        t.capacity = demo_room_types[i].capacity;
        t.active = true;
        t.sort_order = i + 1;
        s = room_type_insert(db, venue_id, &t, &ids->room_type[i]);
    }
    for (int i = 0; s == DB_OK && i < demo_room_count; i++) {
        struct room r = {0};
        snprintf(r.room_no, sizeof r.room_no, "%s", demo_rooms[i].room_no);
        snprintf(r.name, sizeof r.name, "%s", demo_rooms[i].name);
        r.room_type_id = ids->room_type[demo_rooms[i].type];
        r.active = true;
        s = room_insert(db, venue_id, &r, &ids->room[i]);
    }
    for (int i = 0; s == DB_OK && i < demo_product_count; i++) {
        const struct demo_product *d = &demo_products[i];
        struct product p = {0};
        snprintf(p.code, sizeof p.code, "%s", d->code);
        snprintf(p.name, sizeof p.name, "%s", d->name);
        snprintf(p.category, sizeof p.category, "%s", demo_category_names[d->category]);
        snprintf(p.unit, sizeof p.unit, "%s", d->unit);
        p.price_fen = d->price_fen;
        p.active = true;
        p.min_spend = d->min_spend;
        p.discountable = d->discountable;
        p.commissionable = true;
        p.storable = d->storable;
        s = product_insert(db, venue_id, &p, &ids->product[i]);
    }
    /* Packages with their terms (套餐 of N hours in their slot's window for their room type,
     * the buy-out until 06:00), through the front desk's store as its page saves them. */
    for (int i = 0; s == DB_OK && i < demo_package_count; i++) {
        const struct demo_package *d = &demo_packages[i];
        struct package *p = calloc(1, sizeof *p);
        if (!p) {
            s = DB_ERROR;
            break;
        }
        snprintf(p->name, sizeof p->name, "%s", d->name);
        snprintf(p->slot, sizeof p->slot, "%s", d->buyout ? "买断" : demo_slot_names[d->slot]);
        p->price_fen = d->price_fen;
        p->active = true;
        p->has_terms = true;
        p->room_type_id = ids->room_type[d->room_type];
        p->included_minutes = d->hours * 60;
        p->buyout = d->buyout;
        p->buyout_until_min = 360;
        p->days = PRICE_EVERY_DAY;
        demo_slot_window(d->slot, &p->start_min, &p->end_min);
        /* A buy-out is sold from 黄金档 on through the night: 18:00 to closing. */
        if (d->buyout) p->start_min = 18 * 60, p->end_min = 1440;
        snprintf(p->effective_from, sizeof p->effective_from, "2000-01-01");
        snprintf(p->effective_to, sizeof p->effective_to, "9999-12-31");
        for (int k = 0; k < d->nitems; k++) {
            p->items[k].product_id = ids->product[d->items[k].product];
            p->items[k].qty = d->items[k].qty;
        }
        p->nitems = d->nitems;
        s = fd_package_save(db, venue_id, p);
        ids->package[i] = p->id;
        free(p);
    }
    if (s != DB_OK) log_error("demo: cannot add the catalogue: %s", db_errmsg(db));
    return s;
}

/* Local wall-clock seconds (as generated) to a UTC instant in the venue's zone. */
static int64_t utc_of_local(const struct tz *tz, int64_t local)
{
    struct civil c;
    civil_from_epoch(local, &c);
    return tz_from_local(tz, &c);
}

/* Counts a bill into the summary (settled money only; voids are counted apart). */
static void summarise(struct demo_summary *s, const struct demo_bill *d, int64_t day,
                      int64_t last_day)
{
    const struct bill *b = &d->bill;
    s->bills++;
    s->lines += b->nlines;
    s->payments += b->npayments;
    if (d->closed_local / 86400 > day) s->after_midnight++;
    if (strcmp(b->status, "voided") == 0) {
        s->voided++;
        return;
    }
    s->gross_fen += b->gross_fen;
    s->discount_fen += b->discount_fen;
    s->service_fen += b->service_fen;
    s->net_fen += b->total_fen;
    if (day == last_day) {
        s->last_day_bills++;
        s->last_day_net_fen += b->total_fen;
    }
}

/* ---------------------------------------------------------------- the front desk's set-up */

/* One price plan per room type, in force from the first demo day (a later price change would
 * be a new plan: past bills are never re-priced). */
static enum db_status insert_plans(struct db *db, int64_t venue_id, const struct catalogue_ids *ids,
                                   int64_t first_day, int64_t at)
{
    struct plan *p = malloc(sizeof *p);
    if (!p) return DB_ERROR;
    enum db_status s = DB_OK;
    for (int t = 0; s == DB_OK && t < demo_room_type_count; t++) {
        struct price_slot slots[DEMO_PLAN_SLOTS];
        demo_price_slots(t, slots);
        memset(p, 0, sizeof *p);
        p->room_type_id = ids->room_type[t];
        snprintf(p->name, sizeof p->name, "%s标准价", demo_room_types[t].name);
        date_format(first_day, p->effective_from);
        p->unit_min = DEMO_UNIT_MIN;
        p->grace_min = DEMO_GRACE_MIN;
        p->created_at = at;
        snprintf(p->created_by, sizeof p->created_by, "manager");
        for (int i = 0; i < DEMO_PLAN_SLOTS; i++) {
            snprintf(p->slots[i].name, sizeof p->slots[i].name, "%s%s",
                     demo_slot_names[i % DEMO_SLOTS], i < DEMO_SLOTS ? "" : "(周五周六)");
            p->slots[i].slot = slots[i];
        }
        p->nslots = DEMO_PLAN_SLOTS;
        s = plan_insert(db, venue_id, p);
    }
    free(p);
    if (s != DB_OK) log_error("demo: cannot add the price plans: %s", db_errmsg(db));
    return s;
}

/* The members (会员) of the seed's pool, with their stored value as the writer knows it (the
 * ledger is the truth; this copy decides when a member must top up before paying). */
struct member_book {
    int64_t id[DEMO_MEMBER_POOL];
    char phone[DEMO_MEMBER_POOL][44];
    struct stored_value balance[DEMO_MEMBER_POOL];
    int n;
};

static const char *const surnames[] = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴",
                                       "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"};

static enum db_status insert_members(struct db *db, int64_t venue_id, uint64_t seed,
                                     struct member_book *book, int64_t at)
{
    enum db_status s = DB_OK;
    book->n = 0;
    for (int i = 0; s == DB_OK && i < DEMO_MEMBER_POOL; i++) {
        char phone[44];
        demo_member_phone(seed, i, phone);
        bool seen = false;
        for (int k = 0; k < book->n && !seen; k++)
            seen = strcmp(book->phone[k], phone) == 0; /* two draws gave one number */
        if (seen) continue;
        struct member m = {0};
        snprintf(m.phone, sizeof m.phone, "%s", phone);
        snprintf(m.name, sizeof m.name, "%s%s", surnames[i % 20], i % 3 ? "先生" : "女士");
        snprintf(m.level, sizeof m.level, "%s",
                 i % 7 == 0   ? "钻石卡"
                 : i % 3 == 0 ? "金卡"
                              : "银卡");
        m.discount_bp = 9000; /* the demo's member price: 9折 on goods */
        m.active = true;
        s = member_insert(db, venue_id, &m, at);
        book->id[book->n] = m.id;
        snprintf(book->phone[book->n], sizeof book->phone[0], "%s", phone);
        book->n++;
    }
    if (s != DB_OK) log_error("demo: cannot add the members: %s", db_errmsg(db));
    return s;
}

static int member_index(const struct member_book *book, const char *phone)
{
    for (int i = 0; i < book->n; i++)
        if (strcmp(book->phone[i], phone) == 0) return i;
    return -1;
}

/* ---------------------------------------------------------------- one business day */

/* The float every shift opens with (备用金), counted out of the safe. */
#define DEMO_FLOAT_FEN 50000
/* Stored-value offers (充值送): pay principal, get bonus. The venue runs them as its offers
 * (sv_rules, in force from the first business day), so every top-up names the one it got. */
static const struct stored_value topup_offers[] = {
    {50000, 5000}, {100000, 20000}, {200000, 50000}, {500000, 150000}};
#define TOPUP_OFFERS 4
static const char *const topup_offer_names[TOPUP_OFFERS] = {"充500送50", "充1000送200",
                                                            "充2000送500", "充5000送1500"};

struct writer {
    struct db *db;
    int64_t venue_id;
    const struct tz *tz;
    int cutoff;
    uint64_t seed;
    const struct catalogue_ids *ids;
    int64_t cashier_id[3];
    char cashier_user[3][SHIFT_NAME_MAX];
    struct member_book *members;
    int64_t offer_id[TOPUP_OFFERS];          /* the sv_rules rows of topup_offers */
    int64_t prev_shift_id, prev_counted_fen; /* the last closed shift (the float's handover) */
    int prev_cashier;                        /* its cashier, -1 before the first */
    struct demo_summary *sum;
    int64_t live_now; /* see demo_options.live_now */
};

/* A count by denomination of amount_fen as a drawer holds it: the float's usual make-up
 * (2 x 100, 2 x 50, 5 x 20, 5 x 10, 6 x 5, 20 x 1 yuan = 500.00) as far as it goes, the rest
 * in the largest notes; a JSON array as the shifts API stores it (caller owns). */
static json_t *count_json(int64_t amount_fen)
{
    static const int64_t usual[] = {2, 2, 5, 5, 6, 20, 0, 0};
    int64_t pieces[8] = {0}, left = amount_fen;
    for (int d = 0; d < drawer_denomination_count && d < 8; d++) {
        int64_t n = usual[d];
        if (n * drawer_denominations[d] > left) n = left / drawer_denominations[d];
        pieces[d] = n;
        left -= n * drawer_denominations[d];
    }
    for (int d = 0; d < drawer_denomination_count && d < 8; d++) {
        pieces[d] += left / drawer_denominations[d];
        left %= drawer_denominations[d];
    }
    json_t *out = json_array();
    for (int d = 0; d < drawer_denomination_count && d < 8; d++)
        if (pieces[d])
            json_array_append_new(out, json_pack("{s:I,s:I}", "denomination_fen",
                                                 (json_int_t)drawer_denominations[d], "pieces",
                                                 (json_int_t)pieces[d]));
    return out;
}

/* The writer's own random stream of a day (shift times, pay-outs, differences, top-ups, the
 * live rooms): a function of the seed and the day, apart from the generator's stream. */
static void seed_extras(struct demo_rng *r, uint64_t seed, int64_t day)
{
    uint64_t st = seed ^ 0x7368696674730000ULL ^ ((uint64_t)day * 0x9e3779b97f4a7c15ULL);
    demo_rng_seed(r, demo_splitmix64(&st));
}

/* Fills the detail of a tender as the till records it: the note handed over and the change
 * for cash, the platform and code of a group-buy voucher, the account of a credit. */
static void tender_detail(struct demo_rng *r, const struct bill *b, struct bill_payment *p)
{
    if (strcmp(p->method, "cash") == 0) {
        /* Guests pay with hundreds: the note rounded up to 100 yuan (an exact sum hands
         * over exactly). */
        p->tendered_fen = (p->amount_fen + 9999) / 10000 * 10000;
        p->change_fen = p->tendered_fen - p->amount_fen;
    } else if (strcmp(p->method, "voucher") == 0) {
        bool meituan = strstr(b->note, "美团") != NULL, douyin = strstr(b->note, "抖音") != NULL;
        snprintf(p->platform, sizeof p->platform, "%s",
                 meituan  ? "meituan"
                 : douyin ? "douyin"
                          : "venue");
        snprintf(p->reference, sizeof p->reference, "%s%010lld",
                 meituan  ? "MT"
                 : douyin ? "DY"
                          : "DJ",
                 (long long)demo_rng_between(r, 0, 9999999999LL));
        demo_voucher_paid(p);
    } else if (strcmp(p->method, "credit") == 0) {
        const char *acct = strstr(b->note, "挂账: ");
        if (acct) {
            acct += strlen("挂账: ");
            size_t n = strcspn(acct, "；");
            snprintf(p->reference, sizeof p->reference, "%.*s", (int)n, acct);
        }
    }
}

/* How a member pays a top-up: 3 in 10 in cash (into the cashier's drawer), 5 by WeChat, 2 by
 * Alipay. Drawn from a stream of its own (seed, member, instant, n-th top-up of the visit) so
 * the writer's other draws stay as they were. */
static const char *topup_method(uint64_t seed, int m, int64_t at, int n)
{
    uint64_t st = seed ^ 0x746f707570000000ULL ^ ((uint64_t)at * 0x9e3779b97f4a7c15ULL) ^
                  ((uint64_t)m << 20) ^ (uint64_t)n;
    uint64_t v = demo_splitmix64(&st) % 10;
    return v < 3 ? "cash" : v < 8 ? "wechat" : "alipay";
}

/* A member tops up at the till before paying when the balance is short: the smallest offer
 * that covers the bill, or the largest as many times as it takes. Written through the members
 * area as the till writes it (member_topups, the ledger row, the journal entry), tagged with
 * the cashier's shift; cash goes into the drawer and is added to *cash_fen. A liability, never
 * takings. */
static enum db_status member_top_up(struct writer *w, struct demo_rng *r, int m, int64_t need_fen,
                                    const char *day, int64_t at, int64_t shift_id,
                                    const char *cashier, int64_t *cash_fen)
{
    struct member_book *book = w->members;
    enum db_status s = DB_OK;
    for (int n = 0;
         s == DB_OK && book->balance[m].principal_fen + book->balance[m].bonus_fen < need_fen;
         n++) {
        int64_t short_by = need_fen - book->balance[m].principal_fen - book->balance[m].bonus_fen;
        int k = 0;
        while (k < TOPUP_OFFERS - 1 &&
               topup_offers[k].principal_fen + topup_offers[k].bonus_fen < short_by)
            k++;
        /* Now and then a member takes the next offer up (the bonus is better). */
        if (k < TOPUP_OFFERS - 1 && demo_rng_chance(r, 250)) k++;
        const struct stored_value *o = &topup_offers[k];
        const char *method = topup_method(w->seed, m, at, n);
        struct sv_topup t = {
            .venue_id = w->venue_id,
            .member_id = book->id[m],
            .amount_fen = o->principal_fen,
            .bonus_fen = o->bonus_fen,
            .bonus_source = "rule",
            .rule_id = w->offer_id[k],
            .method = method,
            .reference = "",
            .shift_id = shift_id,
            .at = at,
            .business_day = day,
            .by_user = cashier,
            .approved_by = "",
        };
        int64_t id = 0;
        enum fin_status posted = FIN_OK;
        s = sv_topup_write(w->db, &t, &id, &posted);
        if (s != DB_OK)
            log_error("demo: cannot top up member %lld (%d): %s", (long long)book->id[m],
                      (int)posted, db_errmsg(w->db));
        if (strcmp(method, "cash") == 0) *cash_fen += o->principal_fen;
        book->balance[m].principal_fen += o->principal_fen;
        book->balance[m].bonus_fen += o->bonus_fen;
        w->sum->topups++;
        w->sum->topup_principal_fen += o->principal_fen;
        w->sum->topup_bonus_fen += o->bonus_fen;
    }
    return s;
}

/* The venue's top-up offers, in force from first_day (its set-up). */
static enum db_status insert_offers(struct writer *w, int64_t first_day, int64_t at)
{
    char from[11];
    date_format(first_day, from);
    enum db_status s = DB_OK;
    for (int k = 0; s == DB_OK && k < TOPUP_OFFERS; k++)
        s = sv_rule_create(w->db, w->venue_id, topup_offer_names[k], topup_offers[k].principal_fen,
                           topup_offers[k].bonus_fen, from, "manager", at, &w->offer_id[k]);
    if (s != DB_OK) log_error("demo: cannot add the top-up offers: %s", db_errmsg(w->db));
    return s;
}

/* Stores one generated bill settled in shift_id: maps catalogue numbers to row ids and local
 * times to UTC, tags every payment with the shift (a voided bill's money went back at once:
 * its payments are in no shift, as the takings leave them out), takes member payments from
 * the balance. Adds the cash the drawer kept to *cash_fen. */
static enum db_status write_bill(struct writer *w, struct demo_rng *r, struct demo_bill *x,
                                 int64_t shift_id, int cashier, int64_t *cash_fen)
{
    struct bill *b = &x->bill;
    char generated_day[11];
    memcpy(generated_day, b->business_day, sizeof generated_day);
    bool voided = strcmp(b->status, "voided") == 0;
    b->room_id = w->ids->room[x->room];
    b->opened_at = utc_of_local(w->tz, x->opened_local);
    b->closed_at = utc_of_local(w->tz, x->closed_local);
    for (int k = 0; k < b->nlines; k++) {
        struct bill_line *l = &b->lines[k];
        if (l->product_id) l->product_id = w->ids->product[l->product_id - 1];
        if (l->package_id) l->package_id = w->ids->package[l->package_id - 1];
    }
    int member = b->member_phone[0] ? member_index(w->members, b->member_phone) : -1;
    enum db_status s = DB_OK;
    for (int k = 0; k < b->npayments; k++) {
        struct bill_payment *p = &b->payments[k];
        p->shift_id = voided ? 0 : shift_id;
        tender_detail(r, b, p);
        if (!voided && strcmp(p->method, "cash") == 0) *cash_fen += p->amount_fen;
        if (!voided && strcmp(p->method, "member") == 0 && member >= 0 && s == DB_OK)
            s = member_top_up(w, r, member, p->amount_fen, generated_day, b->closed_at - 120,
                              shift_id, w->cashier_user[cashier], cash_fen);
    }
    if (s == DB_OK) s = bill_insert(w->db, w->venue_id, w->tz, w->cutoff, b);
    if (s != DB_OK) {
        log_error("demo: cannot store bill %s: %s", b->bill_no, db_errmsg(w->db));
        return s;
    }
    if (strcmp(generated_day, b->business_day) != 0) {
        /* The generator keeps every stay inside its business day; a mismatch is our bug. */
        log_error("demo: bill %s generated for %s but stored on business day %s", b->bill_no,
                  generated_day, b->business_day);
        return DB_ERROR;
    }
    for (int k = 0; s == DB_OK && !voided && member >= 0 && k < b->npayments; k++) {
        const struct bill_payment *p = &b->payments[k];
        if (strcmp(p->method, "member") != 0) continue;
        struct stored_value *bal = &w->members->balance[member], taken;
        if (!stored_value_take(bal, p->amount_fen, &taken)) return DB_ERROR; /* topped up above */
        struct ledger_entry e = {.member_id = w->members->id[member],
                                 .at = b->closed_at,
                                 .kind = "pay",
                                 .change = {-taken.principal_fen, -taken.bonus_fen},
                                 .bill_id = b->id,
                                 .payment_seq = k + 1,
                                 .shift_id = shift_id,
                                 .note = b->bill_no,
                                 .by_user = w->cashier_user[cashier]};
        snprintf(e.business_day, sizeof e.business_day, "%s", b->business_day);
        s = ledger_insert(w->db, &e);
        bal->principal_fen -= taken.principal_fen;
        bal->bonus_fen -= taken.bonus_fen;
        w->sum->member_paid_fen += p->amount_fen;
    }
    return s;
}

static const char *const pay_out_reasons[] = {"购买冰块",       "采购柠檬和小番茄", "外卖跑腿费",
                                              "收银纸和打印纸", "维修工具零件",     "员工餐补"};
/* Differences of a count (fen) and why; most counts are exact. */
static const int64_t differences[] = {-10000, -5000, -2000, -1000, -500, 1000, 2000, 5000};
static const char *const short_reasons[] = {"找零失误，已由收银员补足", "收到假币一张，已上交",
                                            "疑似多找零"};
static const char *const over_reasons[] = {"客人多付未要找零", "少找零，客人已离店",
                                           "一笔现金未及时录入，已核实"};

/* Closes shift id at closed_at with a count differing by diff_fen from what it should hold:
 * the Z report is built by the shifts area's own code (the server's X report, then its
 * closing section) and frozen with the figures, as POST /api/v1/shifts/:id/close does.
 * *counted_fen gets what was counted. */
static enum db_status close_shift(struct writer *w, int64_t id, int64_t closed_at, int64_t diff_fen,
                                  const char *reason, const char *closed_by, int64_t *counted_fen)
{
    struct shift *sh = malloc(sizeof *sh);
    json_t *report = NULL, *count = NULL;
    char *z = NULL, *count_text = NULL;
    enum db_status s = sh ? shift_load(w->db, w->venue_id, id, sh) : DB_ERROR;
    struct shift_totals t;
    if (s == DB_OK) s = shift_report_build(w->db, sh, false, &report, &t);
    if (s != DB_OK) goto out;
    int64_t expected = t.drawer.expected_fen;
    if (expected + diff_fen < 0) diff_fen = 0;
    int64_t counted = expected + diff_fen;
    count = count_json(counted);
    /* The server stamps the report with the clock at close; the demo's clock is the close. */
    json_object_set_new(report, "generated_at", json_integer(closed_at));
    shift_report_close(report, count, counted, expected, diff_fen ? reason : "", closed_at,
                       closed_by);
    z = json_dumps(report, JSON_COMPACT);
    count_text = json_dumps(count, JSON_COMPACT);
    if (!z || !count_text) {
        s = DB_ERROR;
        goto out;
    }
    struct shift_close c = {
        .closed_at = closed_at,
        .closed_by = closed_by,
        .closing_count = count_text,
        .reason = diff_fen ? reason : "",
        .treatment = drawer_treatment(drawer_outcome_of(diff_fen)),
        .z_report = z,
        .counted_fen = counted,
        .expected_fen = expected,
        .difference_fen = diff_fen,
    };
    s = shift_close_update(w->db, id, &c);
    *counted_fen = counted;
out:
    free(z);
    free(count_text);
    json_decref(count);
    json_decref(report);
    free(sh);
    return s;
}

/* The live end of the last business day: rooms in use with goods ordered (one on the
 * buy-out), a room out of service, two reservations for the next evening. */
static enum db_status write_live(struct writer *w, struct demo_rng *r, const struct demo_day *d,
                                 int night_cashier)
{
    int64_t base = d->day * 86400;
    int64_t free_at[64] = {0};
    for (int i = 0; i < d->nbills; i++) {
        const struct demo_bill *x = &d->bills[i];
        if (x->closed_local > free_at[x->room]) free_at[x->room] = x->closed_local;
    }
    const char *by = w->cashier_user[night_cashier];
    /* A large room's sound system fails at the end of the night (维修停用). */
    int out_of_service = -1;
    for (int k = demo_room_count - 1; k >= 0 && out_of_service < 0; k--)
        if (demo_room_types[demo_rooms[k].type].capacity >= 18 &&
            strcmp(demo_rooms[k].name, "") == 0)
            out_of_service = k;
    enum db_status s = DB_OK;
    if (out_of_service >= 0)
        s = room_state_set(w->db, w->ids->room[out_of_service], "out_of_service",
                           "功放无声音，已报修（工程部）", "technician",
                           utc_of_local(w->tz, base + 29 * 3600 + 30 * 60));
    /* Rooms whose last guests had left by 01:30 take the late arrivals, opened between
     * 00:30 and 03:00. */
    int candidates[64], n = 0;
    for (int k = 0; k < demo_room_count; k++)
        if (k != out_of_service && free_at[k] < base + 25 * 3600 + 30 * 60) candidates[n++] = k;
    int want = (int)demo_rng_between(r, 5, 8);
    bool buyout_sold = false;
    int live_rooms[8], nlive = 0;
    for (int i = 0; s == DB_OK && i < want && n > 0; i++) {
        int pick = (int)demo_rng_between(r, 0, n - 1), k = candidates[pick];
        candidates[pick] = candidates[--n];
        int64_t open_local = base + 24 * 3600 + 30 * 60 + demo_rng_between(r, 0, 150) * 60;
        if (open_local < free_at[k] + 15 * 60) open_local = free_at[k] + 15 * 60;
        if (w->live_now) {
            /* Run without --end-date (make run): last night's rooms would be a day old by the
             * time anyone looks, and would cross the closed morning hours. If the venue is
             * open now, the rooms in use were opened in the last two and a half hours (never
             * before today's 12:00 opening); outside opening hours the fixed layout stays. */
            int64_t now_local = w->live_now + tz_offset_at(w->tz, w->live_now);
            int clock = (int)(((now_local % 86400) + 86400) % 86400 / 60);
            bool open_now = clock >= 12 * 60 || clock < 5 * 60;
            int64_t opening = now_local - (int64_t)((clock - 12 * 60 + 1440) % 1440) * 60;
            int64_t when = now_local - demo_rng_between(r, 15, 150) * 60;
            if (open_now) open_local = when < opening ? opening : when;
        }
        int type = demo_rooms[k].type;
        struct stay st = {0};
        st.venue_id = w->venue_id;
        st.room_id = w->ids->room[k];
        st.opened_at = utc_of_local(w->tz, open_local);
        st.guests = demo_rng_between(r, 2, demo_room_types[type].capacity);
        if (demo_rng_chance(r, 600))
            snprintf(st.booker, sizeof st.booker, "%s",
                     demo_bookers[demo_rng_between(r, 0, demo_booker_count - 1)]);
        if (demo_rng_chance(r, 250))
            demo_member_phone(w->seed, (int)demo_rng_between(r, 0, DEMO_MEMBER_POOL - 1),
                              st.member_phone);
        snprintf(st.opened_by, sizeof st.opened_by, "%s", by);
        int package = -1;
        for (int p = 0; p < demo_package_count && !buyout_sold; p++)
            if (demo_packages[p].buyout && demo_packages[p].room_type == type) package = p;
        if (package >= 0) {
            buyout_sold = true;
            st.package_id = w->ids->package[package];
        } else if (demo_rng_chance(r, 500)) {
            st.planned_minutes = 60 * demo_rng_between(r, 2, 3); /* 订了几个钟 */
        }
        s = stay_insert(w->db, &st);
        if (s == DB_OK) s = stay_room_insert(w->db, st.id, st.room_id, st.opened_at);
        if (s == DB_OK && package >= 0) {
            const struct demo_package *p = &demo_packages[package];
            struct stay_package sp = {0};
            sp.package_id = st.package_id;
            snprintf(sp.name, sizeof sp.name, "%s", p->name);
            sp.price_fen = p->price_fen;
            sp.buyout = p->buyout;
            sp.buyout_until_min = 360;
            sp.included_minutes = p->hours * 60;
            sp.at = st.opened_at;
            snprintf(sp.by_user, sizeof sp.by_user, "%s", by);
            s = stay_package_insert(w->db, st.id, &sp);
            /* The package's goods come with it, at no price of their own. */
            for (int i2 = 0; s == DB_OK && i2 < p->nitems; i2++) {
                const struct demo_product *g = &demo_products[p->items[i2].product];
                struct stay_item it = {0};
                it.product_id = w->ids->product[p->items[i2].product];
                snprintf(it.item, sizeof it.item, "%s", g->name);
                it.qty = p->items[i2].qty;
                it.list_fen = g->price_fen;
                it.package_id = st.package_id;
                it.at = st.opened_at;
                snprintf(it.by_user, sizeof it.by_user, "%s", by);
                s = stay_item_insert(w->db, st.id, &it);
            }
        }
        /* Goods ordered since: beer, fruit, snacks, drinks, as a late table orders. */
        static const char *const codes[] = {"B001", "B002", "F002", "S002", "S010",
                                            "D002", "D006", "L003", "M002"};
        int orders = (int)demo_rng_between(r, package >= 0 ? 0 : 1, 4);
        for (int o = 0; s == DB_OK && o < orders; o++) {
            const char *code = codes[demo_rng_between(r, 0, 8)];
            int pi = 0;
            while (pi < demo_product_count && strcmp(demo_products[pi].code, code) != 0)
                pi++;
            if (pi == demo_product_count) continue;
            const struct demo_product *g = &demo_products[pi];
            struct stay_item it = {0};
            it.product_id = w->ids->product[pi];
            snprintf(it.item, sizeof it.item, "%s", g->name);
            it.qty = g->category == CAT_BEER      ? 6
                     : g->category == CAT_SPIRITS ? 1
                                                  : demo_rng_between(r, 1, 2);
            it.unit_fen = it.list_fen = g->price_fen;
            it.at = st.opened_at + demo_rng_between(r, 3, 40) * 60;
            if (w->live_now && it.at > w->live_now) it.at = w->live_now; /* never in the future */
            snprintf(it.by_user, sizeof it.by_user, "%s", by);
            s = stay_item_insert(w->db, st.id, &it);
        }
        if (s == DB_OK) {
            live_rooms[nlive++] = k;
            w->sum->open_stays++;
        }
    }
    /* Two reservations for the next evening, in rooms free then. */
    static const char *const guests[] = {"黄女士", "陈先生"};
    for (int i = 0, k = 0; s == DB_OK && i < 2 && k < demo_room_count; k++) {
        bool taken = k == out_of_service || demo_rooms[k].type < 1;
        for (int j = 0; j < nlive && !taken; j++)
            taken = live_rooms[j] == k;
        if (taken || (k % 5) != (int)(w->seed % 5)) continue;
        struct reservation v = {0};
        v.room_id = w->ids->room[k];
        snprintf(v.guest_name, sizeof v.guest_name, "%s", guests[i]);
        demo_member_phone(w->seed, 17 + i, v.guest_phone);
        v.guests = demo_room_types[demo_rooms[k].type].capacity / 2 + 2;
        snprintf(v.booker, sizeof v.booker, "%s", demo_bookers[i]);
        v.arrive_at = utc_of_local(w->tz, base + 86400 + 20 * 3600 + i * 90 * 60);
        v.hold_until = v.arrive_at + 30 * 60; /* 保留30分钟 */
        snprintf(v.note, sizeof v.note, "%s", i ? "生日聚会，需要蛋糕刀叉" : "公司聚餐");
        snprintf(v.created_by, sizeof v.created_by, "marketing");
        v.created_at = utc_of_local(w->tz, base + 20 * 3600);
        s = reservation_insert(w->db, w->venue_id, &v);
        if (s == DB_OK) w->sum->reservations++;
        i++;
    }
    if (s != DB_OK) log_error("demo: cannot leave the last day live: %s", db_errmsg(w->db));
    return s;
}

/* Stores one generated day with its shifts. reviewed: the back office has checked every shift
 * and confirmed the day; live: the last day (night shift left open, rooms in use). */
static enum db_status write_day(struct writer *w, struct demo_day *d, bool reviewed, bool live)
{
    struct demo_rng r;
    seed_extras(&r, w->seed, d->day);
    int64_t base = d->day * 86400;
    char day[11];
    date_format(d->day, day);
    json_t *float_count = count_json(DEMO_FLOAT_FEN);
    char *float_text = json_dumps(float_count, JSON_COMPACT);
    json_decref(float_count);
    if (!float_text) return DB_ERROR;
    enum db_status s = DB_OK;
    int next = 0, night_cashier = 0;
    int64_t ids[DEMO_SHIFTS] = {0};
    for (int k = 0; s == DB_OK && k < DEMO_SHIFTS; k++) {
        int cashier = demo_shift_cashier(d->day, k);
        /* The afternoon cashier opens before the first guests; the others take the drawer
         * over at the hour of the handover. */
        int64_t opened_local = k == 0 ? base + 11 * 3600 + 40 * 60 + demo_rng_between(&r, 0, 900)
                                      : base + (int64_t)demo_shift_ends[k - 1] * 60;
        struct shift_new n = {
            .venue_id = w->venue_id,
            .cashier_id = w->cashier_id[cashier],
            .cashier = w->cashier_user[cashier],
            .business_day = day,
            .opening_count = float_text,
            .handed_over_by = k > 0 && w->prev_cashier >= 0 ? w->cashier_user[w->prev_cashier] : "",
            .opened_at = utc_of_local(w->tz, opened_local),
            .opening_fen = DEMO_FLOAT_FEN,
            .previous_shift_id = w->prev_shift_id,
            .previous_counted_fen = w->prev_counted_fen,
            /* The float is put back to 500.00 at every opening: an over of the shift before
             * went to other income, a short is owed by its cashier (长缴短补). */
            .opening_difference_fen =
                w->prev_shift_id ? drawer_difference(DEMO_FLOAT_FEN, w->prev_counted_fen) : 0,
        };
        s = shift_insert(w->db, &n, &ids[k]);
        w->sum->shifts++;
        int64_t cash = 0, cash_mid = 0, last_local = opened_local;
        int64_t close_local = k < DEMO_SHIFTS - 1 ? base + (int64_t)demo_shift_ends[k] * 60 : 0;
        int64_t mid_local =
            k < DEMO_SHIFTS - 1 ? (opened_local + close_local) / 2 : base + 26 * 3600;
        while (s == DB_OK && next < d->nbills && d->bills[d->settled[next]].shift == k) {
            struct demo_bill *x = &d->bills[d->settled[next++]];
            int64_t before = cash;
            s = write_bill(w, &r, x, ids[k], cashier, &cash);
            if (x->closed_local < mid_local) cash_mid += cash - before;
            last_local = x->closed_local;
        }
        if (k == DEMO_SHIFTS - 1) {
            night_cashier = cashier;
            close_local = last_local + 60 * demo_rng_between(&r, 6, 20);
            if (close_local < base + 25 * 3600 + 30 * 60) close_local = base + 25 * 3600 + 30 * 60;
        }
        if (s != DB_OK) break;
        /* Cash out of the drawer: a pay-out now and then, a safe drop (存入保险柜) mid-shift
         * when the drawer holds more than 1,000.00, and before the count everything above the
         * float goes to the safe, so the drawer handed over holds the float. */
        int64_t out = 0, id = 0;
        if (demo_rng_chance(&r, 350)) {
            int64_t amount = 500 * demo_rng_between(&r, 4, 30);
            int64_t at = opened_local + demo_rng_between(&r, 30, 120) * 60;
            s = shift_cash_event_insert(w->db, ids[k], utc_of_local(w->tz, at), "pay_out", amount,
                                        pay_out_reasons[demo_rng_between(&r, 0, 5)],
                                        w->cashier_user[cashier], &id);
            out += amount;
        }
        if (s == DB_OK && cash_mid >= 100000) {
            int64_t drop = cash_mid / 10000 * 10000;
            s = shift_cash_event_insert(w->db, ids[k], utc_of_local(w->tz, mid_local), "safe_drop",
                                        drop, "中途存入保险柜", w->cashier_user[cashier], &id);
            out += drop;
        }
        if (live && k == DEMO_SHIFTS - 1) break; /* the night shift of the last day is open */
        int64_t above = cash - out;              /* what the drawer holds above the float */
        if (s == DB_OK && above > 0)
            s = shift_cash_event_insert(w->db, ids[k], utc_of_local(w->tz, close_local - 180),
                                        "safe_drop", above, "交班解缴营业款",
                                        w->cashier_user[cashier], &id);
        int64_t diff = 0;
        const char *reason = "";
        if (demo_rng_chance(&r, 80)) {
            diff = differences[demo_rng_between(&r, 0, 7)];
            reason = diff < 0 ? short_reasons[demo_rng_between(&r, 0, 2)]
                              : over_reasons[demo_rng_between(&r, 0, 2)];
        }
        int64_t closed_at = utc_of_local(w->tz, close_local), counted = 0;
        if (s == DB_OK)
            s = close_shift(w, ids[k], closed_at, diff, reason, w->cashier_user[cashier], &counted);
        if (s != DB_OK) break;
        w->prev_shift_id = ids[k];
        w->prev_counted_fen = counted;
        w->prev_cashier = cashier;
        if (diff > 0) w->sum->overs++;
        if (diff < 0) w->sum->shorts++;
        /* The manager signs differences off at once, except on the last two days, which
         * the back office has not got to yet. */
        if (diff && reviewed)
            s = shift_approve_update(w->db, ids[k], "manager", closed_at + 600,
                                     "已核实，按长缴短补处理");
        /* The back office checks every shift the next morning (核对). */
        if (s == DB_OK && reviewed) {
            int64_t at = utc_of_local(w->tz, base + 86400 + 10 * 3600 + k * 7 * 60);
            s = shift_review_update(w->db, ids[k], "finance", at, "");
            w->sum->shifts_reviewed++;
        }
    }
    if (s == DB_OK && next != d->nbills) {
        log_error("demo: %d bills of %s fell in no shift", d->nbills - next, day);
        s = DB_ERROR;
    }
    if (s == DB_OK && reviewed) {
        s = business_day_confirm(w->db, w->venue_id, day, "finance",
                                 utc_of_local(w->tz, base + 86400 + 11 * 3600), "");
        w->sum->days_confirmed++;
    }
    if (s == DB_OK && live) {
        w->sum->shifts_open++;
        s = write_live(w, &r, d, night_cashier);
    }
    if (s != DB_OK) log_error("demo: cannot store business day %s: %s", day, db_errmsg(w->db));
    free(float_text);
    return s;
}

static enum db_status record_audit(struct db *db, int64_t venue_id, const struct demo_options *opts,
                                   const struct demo_summary *sum)
{
    char from[11], to[11], print[17], id[24];
    date_format(sum->first_day, from);
    date_format(sum->last_day, to);
    snprintf(print, sizeof print, "%016llx", (unsigned long long)sum->fingerprint);
    snprintf(id, sizeof id, "%lld", (long long)venue_id);
    json_t *after = json_pack(
        "{s:I,s:i,s:s,s:s,s:i,s:i,s:i,s:i,s:i,s:I,s:I,s:I,s:I,s:s,s:i,s:i,s:I,s:I,s:i}", "seed",
        (json_int_t)opts->seed, "days", opts->days, "from", opts->days ? from : "", "to",
        opts->days ? to : "", "users", sum->users, "room_types", sum->room_types, "rooms",
        sum->rooms, "products", sum->products, "packages", sum->packages, "bills",
        (json_int_t)sum->bills, "voided", (json_int_t)sum->voided, "lines", (json_int_t)sum->lines,
        "net_fen", (json_int_t)sum->net_fen, "fingerprint", print, "price_plans", sum->plans,
        "members", sum->members, "shifts", (json_int_t)sum->shifts, "days_confirmed",
        (json_int_t)sum->days_confirmed, "open_stays", sum->open_stays);
    struct actor a = actor_cli(venue_id);
    enum db_status s = after ? audit_record(db, &a, "demo", "venue", id, NULL, after) : DB_ERROR;
    json_decref(after);
    return s;
}

/* The cashier users (cashier1..3) behind demo_cashiers' display names. */
static enum db_status load_cashiers(struct writer *w)
{
    for (int i = 0; i < 3; i++) {
        struct shift_user u;
        snprintf(w->cashier_user[i], sizeof w->cashier_user[i], "cashier%d", i + 1);
        enum db_status s = shift_user_by_name(w->db, w->venue_id, w->cashier_user[i], &u);
        if (s != DB_OK) return s;
        if (strcmp(u.display_name, demo_cashiers[i]) != 0) return DB_ERROR; /* our bug */
        w->cashier_id[i] = u.id;
    }
    return DB_OK;
}

/* ---- income and expense records (财务收支) of the demo period ---- */

/* What finance pays and takes in by hand each month, so the monthly profit and loss has its
 * costs: rent on the 1st, utilities on the 5th, wages on the 10th, cleaning, marketing, two
 * repairs, the drinks and food bought in (until the stock area books the cost of goods, the
 * purchases are the venue's largest cost, about a quarter of the goods sold) and the scrap
 * collector's few hundred yuan. Amounts are whole yuan
 * between lo and hi, drawn from a stream of the seed, the month and the line (so a month's
 * figures do not depend on where the demo period starts). */
struct demo_record_plan {
    int day_of_month;
    const char *category; /* system key of the account */
    bool expense;
    int64_t lo_yuan, hi_yuan;
    const char *channel, *counterparty, *note;
};
static const struct demo_record_plan demo_record_plans[] = {
    {1, "exp_rent", true, 120000, 120000, "bank", "星河广场物业管理公司", "房租及物业费"},
    {2, "exp_purchases", true, 85000, 105000, "bank", "鸿运酒水批发部", "啤酒洋酒进货"},
    {5, "exp_utilities", true, 18000, 24000, "bank", "国网电力、自来水公司", "上月水电燃气费"},
    {8, "exp_repairs", true, 300, 2500, "cash", "李师傅音响维修", "包厢音响维修"},
    {9, "exp_purchases", true, 12000, 18000, "bank", "佳佳乐超市", "小吃果盘原料"},
    {10, "exp_wages", true, 150000, 165000, "bank", "员工工资", "上月工资"},
    {12, "exp_purchases", true, 85000, 105000, "bank", "华润雪花啤酒经销商", "啤酒进货"},
    {15, "exp_cleaning", true, 6000, 8000, "bank", "洁美保洁服务公司", "保洁外包服务费"},
    {16, "exp_purchases", true, 40000, 60000, "bank", "鸿运酒水批发部", "饮料洋酒进货"},
    {20, "exp_marketing", true, 8000, 12000, "bank", "抖音本地生活推广", "线上推广费"},
    {22, "exp_repairs", true, 300, 2500, "cash", "空调维修服务部", "空调清洗维修"},
    {23, "exp_purchases", true, 12000, 18000, "bank", "佳佳乐超市", "小吃果盘原料"},
    {23, "exp_purchases", true, 800, 3000, "cash", "佳佳乐超市", "纸巾及一次性用品"},
    {25, "other_income", false, 150, 400, "cash", "废品回收站", "酒瓶纸箱回收"},
    {26, "exp_purchases", true, 85000, 105000, "bank", "鸿运酒水批发部", "啤酒洋酒进货"},
};

/* Writes the records of demo_record_plans for every day of first_day..last_day in one
 * transaction, through the records store as the API does: entered by the finance user at
 * 15:00 of the day; those above the approval threshold wait and are approved by the manager
 * an hour later. Their entries post as backfill (the demo has already confirmed the days). */
static enum db_status demo_write_finance_records(struct writer *w, int64_t first_day,
                                                 int64_t last_day)
{
    struct shift_user clerk;
    struct finance_settings settings;
    enum db_status s = db_begin_write(w->db);
    if (s == DB_OK) s = shift_user_by_name(w->db, w->venue_id, "finance", &clerk);
    if (s == DB_OK) s = finance_settings_load(w->db, w->venue_id, &settings);
    int n = (int)(sizeof demo_record_plans / sizeof demo_record_plans[0]);
    for (int64_t d = first_day; s == DB_OK && d <= last_day; d++) {
        int year, month, dom;
        civil_from_days(d, &year, &month, &dom);
        char day[11];
        date_format(d, day);
        for (int i = 0; s == DB_OK && i < n; i++) {
            const struct demo_record_plan *p = &demo_record_plans[i];
            if (p->day_of_month != dom) continue;
            struct demo_rng r;
            demo_rng_seed(&r, w->seed ^ 0x7265636f72647321ULL ^
                                  ((uint64_t)(year * 12 + month) << 8) ^ (uint64_t)i);
            struct record_category cat;
            s = record_category_find(w->db, w->venue_id, 0, p->category, &cat);
            if (s != DB_OK) break;
            int64_t at = utc_of_local(w->tz, d * 86400 + 15 * 3600);
            struct record_new rn = {
                .day = day,
                .expense = p->expense,
                .category = &cat,
                .amount_fen = demo_rng_between(&r, p->lo_yuan, p->hi_yuan) * 100,
                .channel = record_channel_find(p->channel),
                .counterparty = p->counterparty,
                .note = p->note,
                .created_by = clerk.username,
                .created_by_id = clerk.id,
                .created_at = at,
            };
            rn.pending = record_needs_approval(rn.amount_fen, settings.approval_threshold_fen);
            int64_t id = 0;
            enum fin_status f = record_create(w->db, w->venue_id, &rn, true, &id);
            struct record rec;
            if (f == FIN_OK && rn.pending) {
                s = record_load(w->db, w->venue_id, id, &rec);
                if (s == DB_OK) f = record_approve(w->db, &rec, "manager", at + 3600, "", true);
            }
            if (s == DB_OK && f != FIN_OK) s = fin_db_status(f);
        }
    }
    if (s == DB_OK) s = db_commit(w->db);
    if (s != DB_OK) {
        log_error("demo: cannot write the income and expense records: %s", db_errmsg(w->db));
        db_rollback(w->db);
    }
    return s;
}

enum db_status demo_populate(struct db *db, int64_t venue_id, const struct demo_options *opts,
                             struct demo_summary *out)
{
    memset(out, 0, sizeof *out);
    if (!catalogue_fits()) {
        log_error("demo: the catalogue outgrew the writer's id tables");
        return DB_ERROR;
    }
    struct venue v;
    enum db_status s = venue_load(db, venue_id, &v);
    if (s != DB_OK) {
        log_error("demo: no venue %lld", (long long)venue_id);
        return s;
    }
    struct tz *tz = tz_load(v.timezone);
    struct catalogue_ids *ids = calloc(1, sizeof *ids);
    struct demo_day *day = malloc(sizeof *day);
    struct member_book *members = calloc(1, sizeof *members);
    if (!tz || !ids || !day || !members) {
        log_error("demo: cannot load zone %s or allocate", v.timezone);
        s = DB_ERROR;
        goto out;
    }
    out->first_day = opts->end_day - (opts->days > 0 ? opts->days - 1 : 0);
    out->last_day = opts->end_day;
    out->users = demo_user_count;
    out->room_types = demo_room_type_count;
    out->rooms = demo_room_count;
    out->products = demo_product_count;
    out->packages = demo_package_count;
    out->plans = demo_room_type_count;
    out->fingerprint = DEMO_FINGERPRINT_INIT;
    struct writer w = {.db = db,
                       .venue_id = venue_id,
                       .tz = tz,
                       .cutoff = v.cutoff_minutes,
                       .seed = opts->seed,
                       .ids = ids,
                       .members = members,
                       .prev_cashier = -1,
                       .sum = out,
                       .live_now = opts->live_now};
    /* The set-up is dated noon of the first business day, so nothing is older than it. */
    int64_t set_up = utc_of_local(tz, out->first_day * 86400 + 11 * 3600);

    s = db_begin_write(db);
    if (s == DB_OK) s = insert_users(db, venue_id, opts->password);
    if (s == DB_OK) s = insert_catalogue(db, venue_id, ids);
    if (s == DB_OK) s = insert_plans(db, venue_id, ids, out->first_day, set_up);
    if (s == DB_OK) s = insert_members(db, venue_id, opts->seed, members, set_up);
    if (s == DB_OK) s = insert_offers(&w, out->first_day, set_up);
    if (s == DB_OK) s = load_cashiers(&w);
    out->members = members->n;
    if (s == DB_OK && opts->days == 0) s = record_audit(db, venue_id, opts, out);
    if (s == DB_OK) s = db_commit(db);
    if (s != DB_OK) goto out;

    for (int i = 0; i < opts->days; i++) {
        int64_t d = out->first_day + i;
        demo_generate_day(opts->seed, d, day);
        out->fingerprint = demo_day_fingerprint(day, out->fingerprint);
        for (int k = 0; k < day->nbills; k++)
            summarise(out, &day->bills[day->settled[k]], d, out->last_day);
        s = db_begin_write(db);
        /* The back office has checked and confirmed every day but the last two. */
        if (s == DB_OK) s = write_day(&w, day, i < opts->days - 2, i == opts->days - 1);
        /* The run is audited once, with everything it wrote, in its last transaction. */
        if (s == DB_OK && i == opts->days - 1) s = record_audit(db, venue_id, opts, out);
        if (s == DB_OK) s = db_commit(db);
        if (s != DB_OK) goto out;
    }
    if (opts->days > 0) s = demo_petty_cash(db, venue_id, opts->seed, out->first_day, out->last_day);
    if (s == DB_OK && opts->days > 0)
        s = demo_groupbuy(db, venue_id, opts->seed, out->first_day, out->last_day);
    if (s == DB_OK && opts->days > 0) s = demo_write_finance_records(&w, out->first_day, out->last_day);
    if (s == DB_OK && opts->days > 0) s = demo_transfers(db, venue_id, out->first_day, out->last_day);
out:
    if (s != DB_OK) db_rollback(db);
    free(members);
    free(day);
    free(ids);
    tz_free(tz);
    return s;
}
