/* frontdesk/pricing.c: room fees across slots, packages, minimum spend, bill totals
 * (see pricing.h for the rules and worked examples). */
#include "frontdesk/pricing.h"

#include "core/bizday.h"
#include "core/money.h"

#include <string.h>

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

static bool is_holiday(const struct price_plan *p, int64_t day)
{
    int lo = 0, hi = p->nholidays - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (p->holidays[mid] == day) return true;
        if (p->holidays[mid] < day) lo = mid + 1;
        else hi = mid - 1;
    }
    return false;
}

int pricing_slot_at(const struct price_plan *p, int64_t local)
{
    int64_t day = floor_div(local, 86400);
    int clock = (int)((local - day * 86400) / 60);
    int64_t bizday = clock < p->cutoff_min ? day - 1 : day;
    unsigned bit = 1u << weekday_from_days(bizday);
    if (p->nholidays && is_holiday(p, bizday))
        for (int i = 0; i < p->nslots; i++)
            if ((p->slots[i].days & PRICE_HOLIDAY) && clock >= p->slots[i].start_min &&
                clock < p->slots[i].end_min)
                return i;
    for (int i = 0; i < p->nslots; i++)
        if ((p->slots[i].days & bit) && clock >= p->slots[i].start_min &&
            clock < p->slots[i].end_min)
            return i;
    return -1;
}

enum pricing_status pricing_check_plan(const struct price_plan *p)
{
    if (p->unit_min < 1 || p->unit_min > 240 || p->grace_min < 0 || p->grace_min > 120 ||
        p->cutoff_min < 0 || p->cutoff_min >= 1440 || p->nslots < 1 ||
        p->nslots > PRICING_MAX_PARTS)
        return PRICING_BAD_PLAN;
    for (int i = 0; i < p->nslots; i++) {
        const struct price_slot *a = &p->slots[i];
        if (a->start_min < 0 || a->end_min > 1440 || a->start_min >= a->end_min || !a->days ||
            a->hour_fen < 0 || a->member_hour_fen < 0 || a->min_spend_fen < 0)
            return PRICING_BAD_PLAN;
        for (int j = i + 1; j < p->nslots; j++) {
            const struct price_slot *b = &p->slots[j];
            if ((a->days & b->days) && a->start_min < b->end_min && b->start_min < a->end_min)
                return PRICING_BAD_PLAN;
        }
    }
    return PRICING_OK;
}

/* Adds minutes at slot s to the breakdown. */
static bool add_part(struct room_fee *out, int slot, int minutes, int64_t hour_fen)
{
    for (int i = 0; i < out->nparts; i++)
        if (out->parts[i].slot == slot && out->parts[i].hour_fen == hour_fen) {
            out->parts[i].minutes += minutes;
            return true;
        }
    if (out->nparts == PRICING_MAX_PARTS) return false;
    out->parts[out->nparts++] = (struct fee_part){slot, minutes, hour_fen};
    return true;
}

enum pricing_status pricing_room_fee(const struct price_plan *p, int64_t start, int64_t end,
                                     bool member, struct room_fee *out)
{
    memset(out, 0, sizeof *out);
    out->first_slot = -1;
    if (pricing_check_plan(p) != PRICING_OK) return PRICING_BAD_PLAN;
    if (end < start || end - start > PRICING_MAX_STAY_SECONDS) return PRICING_BAD_RANGE;
    out->actual_seconds = end - start;
    out->first_slot = pricing_slot_at(p, start);
    if (out->actual_seconds <= (int64_t)p->grace_min * 60) return PRICING_OK;
    /* A started minute counts; then whole billing units. */
    int actual_min = (int)((out->actual_seconds + 59) / 60);
    int billed = (actual_min + p->unit_min - 1) / p->unit_min * p->unit_min;
    out->billed_minutes = billed;
    int last_slot = -1;
    int64_t last_price = 0;
    for (int m = 0; m < actual_min; m++) {
        int s = pricing_slot_at(p, start + (int64_t)m * 60);
        if (s < 0) return PRICING_UNCOVERED;
        const struct price_slot *slot = &p->slots[s];
        int64_t price = member && slot->member_hour_fen ? slot->member_hour_fen : slot->hour_fen;
        /* Count runs of minutes, not single minutes, into the breakdown. */
        int run = 1;
        while (m + run < actual_min && pricing_slot_at(p, start + (int64_t)(m + run) * 60) == s)
            run++;
        if (!add_part(out, s, run, price)) return PRICING_BAD_PLAN;
        m += run - 1;
        last_slot = s;
        last_price = price;
    }
    /* The minutes the unit rounds up are priced where the stay ended. */
    if (billed > actual_min && !add_part(out, last_slot, billed - actual_min, last_price))
        return PRICING_BAD_PLAN;
    __int128 sum = 0;
    for (int i = 0; i < out->nparts; i++) sum += (__int128)out->parts[i].minutes * out->parts[i].hour_fen;
    out->fee_fen = (int64_t)((sum + 30) / 60); /* half-up, sum is never negative */
    return PRICING_OK;
}

enum pricing_status pricing_package_fee(const struct price_plan *p,
                                        const struct package_terms *t, int64_t start, int64_t end,
                                        bool member, struct package_fee *out)
{
    memset(out, 0, sizeof *out);
    out->overrun.first_slot = -1;
    if (end < start || end - start > PRICING_MAX_STAY_SECONDS || t->price_fen < 0)
        return PRICING_BAD_RANGE;
    out->package_fen = t->price_fen;
    int64_t until;
    if (t->buyout) {
        /* Until the next occurrence of the buy-out clock time after the start. */
        int64_t day = floor_div(start, 86400);
        until = day * 86400 + (int64_t)t->buyout_until_min * 60;
        if (until <= start) until += 86400;
    } else {
        if (t->included_minutes < 0) return PRICING_BAD_RANGE;
        until = start + (int64_t)t->included_minutes * 60;
    }
    out->included_until_local = until;
    if (end <= until) return PRICING_OK;
    return pricing_room_fee(p, until, end, member, &out->overrun);
}

int64_t pricing_min_spend_topup(int64_t min_spend_fen, int64_t room_fen,
                                int64_t eligible_goods_fen)
{
    if (min_spend_fen <= 0) return 0; /* no minimum: a return must not create a top-up */
    int64_t have = room_fen + eligible_goods_fen;
    return min_spend_fen > have ? min_spend_fen - have : 0;
}

void pricing_bill_totals(struct bill_calc *b)
{
    int64_t goods = 0, eligible = 0, discountable = b->room_discountable ? b->room_fen : 0;
    for (int i = 0; i < b->nlines; i++) {
        struct calc_line *l = &b->lines[i];
        int64_t raw = l->qty * l->unit_fen;
        /* A line discount rounds half-up once, on the line (case R1). */
        l->amount_fen = money_apply_rate(raw, 10000 - l->line_discount_bp);
        goods += l->amount_fen;
        if (l->counts_to_min_spend) eligible += l->amount_fen;
        if (l->discountable) discountable += l->amount_fen;
    }
    b->goods_fen = goods;
    b->topup_fen = pricing_min_spend_topup(b->min_spend_fen, b->room_fen, eligible);
    b->gross_fen = b->room_fen + goods + b->topup_fen;
    int64_t pct = 0;
    if (b->bill_discount_bp > 0 && discountable > 0)
        pct = discountable - money_apply_rate(discountable, 10000 - b->bill_discount_bp);
    int64_t discount = pct + (b->bill_discount_fen > 0 ? b->bill_discount_fen : 0);
    if (discount > b->gross_fen) discount = b->gross_fen > 0 ? b->gross_fen : 0;
    b->discount_fen = discount;
    int64_t after = b->gross_fen - discount;
    b->service_fen = b->service_bp > 0 ? money_apply_rate(after, b->service_bp) : 0;
    int64_t payable = after + b->service_fen;
    b->rounding_fen = b->round_down_to_yuan && payable > 0 ? payable % 100 : 0;
    b->total_fen = payable - b->rounding_fen;
}
