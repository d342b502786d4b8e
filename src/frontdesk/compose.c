/* frontdesk/compose.c: the bill of a stay (see compose.h). */
#include "frontdesk/compose.h"

#include "core/money.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* printf into a fixed field; a cut never splits a UTF-8 character (a half character would make
 * the JSON of the bill invalid). */
static void text(char *dst, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void text(char *dst, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(dst, size, fmt, ap);
    va_end(ap);
    if (n < 0) {
        dst[0] = 0;
        return;
    }
    if ((size_t)n >= size) {
        size_t len = size - 1;
        while (len > 0 && ((unsigned char)dst[len] & 0xC0) == 0x80)
            len--;
        dst[len] = 0;
    }
}

struct lines {
    struct compose_line *v;
    int n, cap;
};

static struct compose_line *line_push(struct lines *l)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 16;
        struct compose_line *p = realloc(l->v, sizeof *p * (size_t)cap);
        if (!p) return NULL;
        l->v = p;
        l->cap = cap;
    }
    struct compose_line *x = &l->v[l->n++];
    memset(x, 0, sizeof *x);
    return x;
}

static const char *slot_name(const struct compose_segment *seg, int slot)
{
    return seg->slot_names && seg->slot_names[slot] && seg->slot_names[slot][0]
               ? seg->slot_names[slot]
               : "时段";
}

/* The room lines of a fee: one per part, amounts split so that they sum to the fee. */
static bool room_lines(const struct compose_input *in, const struct room_fee *fee,
                       const char *prefix, struct lines *out)
{
    int64_t amounts[PRICING_MAX_PARTS];
    pricing_part_amounts(fee, amounts);
    for (int i = 0; i < fee->nparts; i++) {
        const struct fee_part *p = &fee->parts[i];
        const struct compose_segment *seg = &in->segments[p->segment];
        const struct price_slot *slot = &seg->plan->slots[p->slot];
        bool member_price =
            in->member && slot->member_hour_fen && p->hour_fen == slot->member_hour_fen;
        char price[32];
        struct compose_line *l = line_push(out);
        if (!l) return false;
        l->kind = "room";
        text(l->item, sizeof l->item, "%s%s %s %d分钟 × %s/小时%s", prefix, seg->room_label,
             slot_name(seg, p->slot), p->minutes, money_format(p->hour_fen, price),
             member_price ? "（会员价）" : "");
        l->qty = 1;
        l->unit_fen = l->amount_fen = amounts[i];
    }
    return true;
}

/* Items grouped by product, price, gift and package: net quantities, first-seen order. */
struct group {
    const struct compose_item *first;
    int64_t qty;
};

static int find_group(const struct group *g, int n, const struct compose_item *it)
{
    for (int i = 0; i < n; i++) {
        const struct compose_item *f = g[i].first;
        if (f->product_id == it->product_id && f->unit_fen == it->unit_fen && f->gift == it->gift &&
            f->package_id == it->package_id)
            return i;
    }
    return -1;
}

static bool add_use(struct composed_bill *out, int64_t product_id, const char *kind, int64_t qty)
{
    for (int i = 0; i < out->nuses; i++)
        if (out->uses[i].product_id == product_id && strcmp(out->uses[i].kind, kind) == 0) {
            out->uses[i].qty += qty;
            return true;
        }
    struct compose_use *p = realloc(out->uses, sizeof *p * (size_t)(out->nuses + 1));
    if (!p) return false;
    out->uses = p;
    out->uses[out->nuses++] = (struct compose_use){product_id, kind, qty};
    return true;
}

bool compose_bill(const struct compose_input *in, struct composed_bill *out)
{
    memset(out, 0, sizeof *out);
    struct lines lines = {0};
    struct group *groups = NULL;
    struct calc_line *calc = NULL;
    int ngroups = 0, ncalc = 0;
    bool ok = false;
    struct stay_segment segs[PRICING_MAX_SEGMENTS];
    if (in->nsegments < 1 || in->nsegments > PRICING_MAX_SEGMENTS) {
        out->status = PRICING_BAD_RANGE;
        return true;
    }
    for (int k = 0; k < in->nsegments; k++)
        segs[k] = (struct stay_segment){in->segments[k].plan, in->segments[k].start_local,
                                        in->segments[k].end_local};

    /* Room: hourly, or the packages sold (added up) and their overrun. */
    int64_t min_spend = 0;
    if (in->npackages > 0) {
        struct package_terms t = {0, 0, false, 0};
        for (int i = 0; i < in->npackages; i++) {
            const struct compose_package *p = &in->packages[i];
            t.price_fen += p->price_fen;
            t.included_minutes += p->included_minutes;
            if (p->buyout && !t.buyout) {
                t.buyout = true;
                t.buyout_until_min = p->buyout_until_min;
            }
        }
        struct package_fee pf;
        out->package = true;
        out->status = pricing_stay_package_fee(segs, in->nsegments, &t, in->member, &pf);
        out->fee = pf.overrun;
        out->package_fen = t.price_fen;
        out->included_until_local = pf.included_until_local;
        out->room_fen = t.price_fen + pf.overrun.fee_fen;
        for (int i = 0; i < in->npackages; i++) {
            const struct compose_package *p = &in->packages[i];
            struct compose_line *l = line_push(&lines);
            if (!l) goto out;
            l->kind = "package";
            if (p->buyout)
                text(l->item, sizeof l->item, "%s（买断至 %02d:%02d）", p->name,
                     p->buyout_until_min / 60, p->buyout_until_min % 60);
            else if (p->included_minutes % 60 == 0)
                text(l->item, sizeof l->item, "%s（%d小时）", p->name, p->included_minutes / 60);
            else
                text(l->item, sizeof l->item, "%s（%d分钟）", p->name, p->included_minutes);
            l->package_id = p->package_id;
            l->qty = 1;
            l->unit_fen = l->amount_fen = p->price_fen;
        }
        if (out->status == PRICING_OK && !room_lines(in, &out->fee, "超时 ", &lines)) goto out;
    } else {
        out->status = pricing_stay_fee(segs, in->nsegments, in->member, &out->fee);
        out->room_fen = out->fee.fee_fen;
        min_spend = out->fee.min_spend_fen;
        if (out->status == PRICING_OK && out->fee.nparts == 0) {
            struct compose_line *l = line_push(&lines);
            if (!l) goto out;
            l->kind = "room";
            text(l->item, sizeof l->item, "%s %lld分钟（免费时长内）", in->segments[0].room_label,
                 (long long)((out->fee.actual_seconds + 59) / 60));
            l->qty = 1;
        } else if (out->status == PRICING_OK && !room_lines(in, &out->fee, "", &lines))
            goto out;
    }

    /* Goods, net of returns. */
    if (in->nitems > 0) {
        groups = calloc((size_t)in->nitems, sizeof *groups);
        calc = calloc((size_t)in->nitems, sizeof *calc);
        if (!groups || !calc) goto out;
    }
    for (int i = 0; i < in->nitems; i++) {
        const struct compose_item *it = &in->items[i];
        int g = find_group(groups, ngroups, it);
        if (g < 0) {
            g = ngroups++;
            groups[g].first = it;
        }
        groups[g].qty += it->qty;
        const char *kind = it->package_id ? "package" : it->gift ? "gift" : "sale";
        if (!add_use(out, it->product_id, kind, it->qty)) goto out;
    }
    for (int g = 0; g < ngroups; g++) {
        const struct compose_item *f = groups[g].first;
        if (groups[g].qty == 0 || f->package_id) continue;
        struct compose_line *l = line_push(&lines);
        if (!l) goto out;
        l->kind = "goods";
        l->product_id = f->product_id;
        l->qty = groups[g].qty;
        l->gift = f->gift;
        if (f->gift) {
            text(l->item, sizeof l->item, "%s（赠送）", f->name);
            out->gifts_fen += groups[g].qty * f->list_fen;
            continue; /* unit and amount 0 */
        }
        text(l->item, sizeof l->item, "%s", f->name);
        l->unit_fen = f->unit_fen;
        calc[ncalc++] = (struct calc_line){
            groups[g].qty, f->unit_fen, 0, f->discountable, f->counts_to_min_spend, 0};
        l->amount_fen = groups[g].qty * f->unit_fen;
    }
    /* Drop consumption that nets to nothing (all returned). */
    int k = 0;
    for (int i = 0; i < out->nuses; i++)
        if (out->uses[i].qty != 0) out->uses[k++] = out->uses[i];
    out->nuses = k;

    struct bill_calc *b = &out->calc;
    b->room_fen = out->room_fen;
    b->room_discountable = true;
    b->min_spend_fen = min_spend;
    b->lines = calc;
    b->nlines = ncalc;
    b->member_discount_bp = in->member_discount_bp;
    b->bill_discount_bp = in->percent_bp;
    b->coupon_fen = in->coupon_fen;
    b->bill_discount_fen = in->fixed_fen;
    b->service_bp = in->service_bp;
    b->round_down_to_yuan = in->round_to_yuan;
    pricing_bill_totals(b);
    b->lines = NULL;
    b->nlines = 0;

    char money[32];
    if (b->topup_fen > 0) {
        struct compose_line *l = line_push(&lines);
        if (!l) goto out;
        l->kind = "min_spend";
        text(l->item, sizeof l->item, "低消补足（最低消费 %s）", money_format(min_spend, money));
        l->qty = 1;
        l->unit_fen = l->amount_fen = b->topup_fen;
    }
    if (b->service_fen > 0) {
        struct compose_line *l = line_push(&lines);
        if (!l) goto out;
        l->kind = "service";
        if (in->service_bp % 100 == 0)
            text(l->item, sizeof l->item, "服务费 %lld%%", (long long)(in->service_bp / 100));
        else
            text(l->item, sizeof l->item, "服务费 %lld.%02lld%%", (long long)(in->service_bp / 100),
                 (long long)(in->service_bp % 100));
        l->qty = 1;
        l->unit_fen = l->amount_fen = b->service_fen;
    }
    ok = true;
out:
    free(groups);
    free(calc);
    if (ok) {
        out->lines = lines.v;
        out->nlines = lines.n;
    } else {
        free(lines.v);
        free(out->uses);
        out->uses = NULL;
        out->nuses = 0;
    }
    return ok;
}

void composed_bill_free(struct composed_bill *b)
{
    if (!b) return;
    free(b->lines);
    free(b->uses);
    b->lines = NULL;
    b->uses = NULL;
    b->nlines = b->nuses = 0;
}
