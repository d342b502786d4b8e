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
        if (p->holidays[mid] < day)
            lo = mid + 1;
        else
            hi = mid - 1;
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

/* Adds minutes at slot s of segment seg to the breakdown. */
static bool add_part(struct room_fee *out, int seg, int slot, int minutes, int64_t hour_fen)
{
    for (int i = 0; i < out->nparts; i++)
        if (out->parts[i].segment == seg && out->parts[i].slot == slot &&
            out->parts[i].hour_fen == hour_fen) {
            out->parts[i].minutes += minutes;
            return true;
        }
    if (out->nparts == PRICING_MAX_PARTS) return false;
    out->parts[out->nparts++] = (struct fee_part){slot, minutes, hour_fen, seg};
    return true;
}

/* The segment holding local instant t (segments are contiguous and t is inside the stay). */
static int segment_at(const struct stay_segment *segs, int nsegs, int64_t t)
{
    for (int k = 0; k < nsegs - 1; k++)
        if (t < segs[k].end_local) return k;
    return nsegs - 1;
}

static int64_t slot_price(const struct price_slot *slot, bool member)
{
    return member && slot->member_hour_fen ? slot->member_hour_fen : slot->hour_fen;
}

enum pricing_status pricing_stay_fee(const struct stay_segment *segs, int nsegs, bool member,
                                     struct room_fee *out)
{
    memset(out, 0, sizeof *out);
    out->first_slot = -1;
    if (nsegs < 1 || nsegs > PRICING_MAX_SEGMENTS) return PRICING_BAD_RANGE;
    for (int k = 0; k < nsegs; k++) {
        if (!segs[k].plan || pricing_check_plan(segs[k].plan) != PRICING_OK)
            return PRICING_BAD_PLAN;
        if (segs[k].end_local < segs[k].start_local) return PRICING_BAD_RANGE;
        if (k > 0 && segs[k].start_local != segs[k - 1].end_local) return PRICING_BAD_RANGE;
    }
    int64_t start = segs[0].start_local, end = segs[nsegs - 1].end_local;
    if (end - start > PRICING_MAX_STAY_SECONDS) return PRICING_BAD_RANGE;
    const struct price_plan *first = segs[0].plan, *last = segs[nsegs - 1].plan;
    out->actual_seconds = end - start;
    out->first_slot = pricing_slot_at(first, start);
    if (out->actual_seconds <= (int64_t)first->grace_min * 60) return PRICING_OK;
    /* A started minute counts; then whole billing units of the last room's plan. */
    int actual_min = (int)((out->actual_seconds + 59) / 60);
    int billed = (actual_min + last->unit_min - 1) / last->unit_min * last->unit_min;
    out->billed_minutes = billed;
    int last_seg = 0, last_slot = -1;
    int64_t last_price = 0;
    for (int m = 0; m < actual_min; m++) {
        int64_t t = start + (int64_t)m * 60;
        int k = segment_at(segs, nsegs, t);
        const struct price_plan *p = segs[k].plan;
        int s = pricing_slot_at(p, t);
        if (s < 0) return PRICING_UNCOVERED;
        int64_t price = slot_price(&p->slots[s], member);
        /* Count runs of minutes, not single minutes, into the breakdown. */
        int run = 1;
        while (m + run < actual_min) {
            int64_t u = start + (int64_t)(m + run) * 60;
            if (segment_at(segs, nsegs, u) != k || pricing_slot_at(p, u) != s) break;
            run++;
        }
        if (!add_part(out, k, s, run, price)) return PRICING_BAD_PLAN;
        m += run - 1;
        last_seg = k;
        last_slot = s;
        last_price = price;
    }
    /* The minutes the unit rounds up are priced where the stay ended. */
    if (billed > actual_min && !add_part(out, last_seg, last_slot, billed - actual_min, last_price))
        return PRICING_BAD_PLAN;
    __int128 sum = 0;
    for (int i = 0; i < out->nparts; i++)
        sum += (__int128)out->parts[i].minutes * out->parts[i].hour_fen;
    out->fee_fen = (int64_t)((sum + 30) / 60); /* half-up, sum is never negative */
    /* The minimum spend of each room is that of the slot the guest entered it in; a stay owes
     * the largest of them (moving to a bigger room takes on its minimum). */
    for (int k = 0; k < nsegs; k++) {
        int s = pricing_slot_at(segs[k].plan, segs[k].start_local);
        if (s >= 0 && segs[k].plan->slots[s].min_spend_fen > out->min_spend_fen)
            out->min_spend_fen = segs[k].plan->slots[s].min_spend_fen;
    }
    return PRICING_OK;
}

enum pricing_status pricing_room_fee(const struct price_plan *p, int64_t start, int64_t end,
                                     bool member, struct room_fee *out)
{
    struct stay_segment seg = {p, start, end};
    if (pricing_check_plan(p) != PRICING_OK) {
        memset(out, 0, sizeof *out);
        out->first_slot = -1;
        return PRICING_BAD_PLAN;
    }
    return pricing_stay_fee(&seg, 1, member, out);
}

void pricing_part_amounts(const struct room_fee *f, int64_t amounts[PRICING_MAX_PARTS])
{
    __int128 cum = 0;
    int64_t given = 0;
    for (int i = 0; i < f->nparts; i++) {
        cum += (__int128)f->parts[i].minutes * f->parts[i].hour_fen;
        int64_t upto = (int64_t)((cum + 30) / 60);
        amounts[i] = upto - given;
        given = upto;
    }
}

/* The local instant a package's time ends for a stay starting at start. */
static int64_t package_until(const struct package_terms *t, int64_t start)
{
    if (t->buyout) {
        /* Until the next occurrence of the buy-out clock time after the start. */
        int64_t day = floor_div(start, 86400);
        int64_t until = day * 86400 + (int64_t)t->buyout_until_min * 60;
        if (until <= start) until += 86400;
        return until;
    }
    return start + (int64_t)t->included_minutes * 60;
}

enum pricing_status pricing_stay_package_fee(const struct stay_segment *segs, int nsegs,
                                             const struct package_terms *t, bool member,
                                             struct package_fee *out)
{
    memset(out, 0, sizeof *out);
    out->overrun.first_slot = -1;
    if (nsegs < 1 || nsegs > PRICING_MAX_SEGMENTS || t->price_fen < 0 ||
        (!t->buyout && t->included_minutes < 0) ||
        (t->buyout && (t->buyout_until_min < 0 || t->buyout_until_min >= 1440)))
        return PRICING_BAD_RANGE;
    for (int k = 1; k < nsegs; k++)
        if (segs[k].start_local != segs[k - 1].end_local) return PRICING_BAD_RANGE;
    int64_t start = segs[0].start_local, end = segs[nsegs - 1].end_local;
    if (end < start || end - start > PRICING_MAX_STAY_SECONDS) return PRICING_BAD_RANGE;
    out->package_fen = t->price_fen;
    int64_t until = package_until(t, start);
    out->included_until_local = until;
    if (end <= until) return PRICING_OK;
    /* The overrun: the segments clipped to [until, end), keeping their indexes in the parts
     * meaningful by leaving the rooms before `until` as empty segments. */
    struct stay_segment clipped[PRICING_MAX_SEGMENTS];
    int n = 0, offset = 0;
    for (int k = 0; k < nsegs; k++) {
        if (segs[k].end_local <= until && k < nsegs - 1) {
            offset++;
            continue;
        }
        clipped[n] = segs[k];
        if (clipped[n].start_local < until) clipped[n].start_local = until;
        n++;
    }
    enum pricing_status st = pricing_stay_fee(clipped, n, member, &out->overrun);
    for (int i = 0; i < out->overrun.nparts; i++)
        out->overrun.parts[i].segment += offset;
    /* The package is the stay's minimum: an overrun does not add another. */
    out->overrun.min_spend_fen = 0;
    return st;
}

enum pricing_status pricing_package_fee(const struct price_plan *p, const struct package_terms *t,
                                        int64_t start, int64_t end, bool member,
                                        struct package_fee *out)
{
    struct stay_segment seg = {p, start, end};
    return pricing_stay_package_fee(&seg, 1, t, member, out);
}

int64_t pricing_min_spend_topup(int64_t min_spend_fen, int64_t room_fen, int64_t eligible_goods_fen)
{
    if (min_spend_fen <= 0) return 0; /* no minimum: a return must not create a top-up */
    int64_t have = room_fen + eligible_goods_fen;
    return min_spend_fen > have ? min_spend_fen - have : 0;
}

/* min(want, *left), taken off *left: each discount gets at most what the ones before left. */
static int64_t take(int64_t want, int64_t *left)
{
    if (want <= 0) return 0;
    int64_t got = want < *left ? want : *left;
    *left -= got;
    return got;
}

void pricing_bill_totals(struct bill_calc *b)
{
    int64_t goods = 0, eligible = 0, discountable_goods = 0;
    for (int i = 0; i < b->nlines; i++) {
        struct calc_line *l = &b->lines[i];
        int64_t raw = l->qty * l->unit_fen;
        /* A line discount rounds half-up once, on the line (case R1). */
        l->amount_fen = money_apply_rate(raw, 10000 - l->line_discount_bp);
        goods += l->amount_fen;
        if (l->counts_to_min_spend) eligible += l->amount_fen;
        if (l->discountable) discountable_goods += l->amount_fen;
    }
    b->goods_fen = goods;
    b->topup_fen = pricing_min_spend_topup(b->min_spend_fen, b->room_fen, eligible);
    b->gross_fen = b->room_fen + goods + b->topup_fen;
    int64_t left = b->gross_fen > 0 ? b->gross_fen : 0;
    int64_t member = 0;
    if (b->member_discount_bp > 0 && discountable_goods > 0)
        member = discountable_goods -
                 money_apply_rate(discountable_goods, 10000 - b->member_discount_bp);
    b->member_discount_fen = take(member, &left);
    int64_t base =
        discountable_goods - b->member_discount_fen + (b->room_discountable ? b->room_fen : 0);
    int64_t pct = 0;
    if (b->bill_discount_bp > 0 && base > 0)
        pct = base - money_apply_rate(base, 10000 - b->bill_discount_bp);
    b->percent_discount_fen = take(pct, &left);
    b->coupon_discount_fen = take(b->coupon_fen, &left);
    b->fixed_discount_fen = take(b->bill_discount_fen, &left);
    b->discount_fen = b->member_discount_fen + b->percent_discount_fen + b->coupon_discount_fen +
                      b->fixed_discount_fen;
    int64_t after = b->gross_fen - b->discount_fen;
    b->service_fen = b->service_bp > 0 ? money_apply_rate(after, b->service_bp) : 0;
    int64_t payable = after + b->service_fen;
    b->rounding_fen = b->round_down_to_yuan && payable > 0 ? payable % 100 : 0;
    b->total_fen = payable - b->rounding_fen;
}
