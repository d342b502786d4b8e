/* frontdesk/compose.h: the bill of a stay, composed from what the stay holds. Pure.
 *
 * The shell loads a stay (its room segments with each room's price plan, the packages sold on
 * it, every ordered, returned and gifted item) and asks compose_bill for the bill as of an
 * instant. The quote, the room board's running total and the checkout all call it, so the
 * guest is shown what they will pay. The lines, in order:
 *   room      one per (room, slot, price): "A01 小包 黄金档 75分钟 × 120.00/小时", the fee
 *             split over the lines so that they sum to the fee rounded once (pricing.h);
 *             a stay inside the grace gets one line of 0.00;
 *   package   one per package sold (its price), then its overrun as room lines "超时 ...";
 *   goods     one per product and price, net of returns ("青岛啤酒", 3 x 10.00); gifts at
 *             0.00 ("青岛啤酒（赠送）"); goods included in a package are not lines (the
 *             package line holds their price) but they are consumed;
 *   min_spend the top-up to the minimum spend (低消补足), hourly stays only: a package is
 *             its own minimum;
 *   service   the service charge.
 * The lines sum to gross + service; the discounts (member, percentage, coupon, fixed and the
 * 抹零 rounding) are the bill's discount, itemised apart, never negative lines.
 * Consumption (goods leaving the bar) is one entry per product and kind (sale, gift, package),
 * net of returns: an unopened bottle returned before checkout never left the bar. */
#ifndef KTV_COMPOSE_H
#define KTV_COMPOSE_H

#include <stdbool.h>
#include <stdint.h>

#include "frontdesk/pricing.h"

struct compose_segment {
    const struct price_plan *plan;
    const char *const *slot_names; /* names of plan->slots, same order */
    const char *room_label;        /* "A01 小包" */
    int64_t start_local, end_local;
};

/* A package sold on the stay, with its terms as they were when it was sold. */
struct compose_package {
    int64_t package_id;
    const char *name;
    int64_t price_fen;
    int included_minutes;
    bool buyout;
    int buyout_until_min;
};

/* One ordered row of the stay (a return is a row with a negative quantity). */
struct compose_item {
    int64_t product_id;
    const char *name;
    int64_t qty;
    int64_t unit_fen; /* the price charged: 0 for gifts and package items */
    int64_t list_fen; /* the list price (what a gift is worth) */
    bool gift;
    int64_t package_id; /* non-zero: included in that package */
    bool discountable, counts_to_min_spend;
};

struct compose_input {
    const struct compose_segment *segments;
    int nsegments;
    const struct compose_package *packages;
    int npackages;
    const struct compose_item *items;
    int nitems;
    bool member;                /* member prices for the room */
    int64_t member_discount_bp; /* member level discount, basis points OFF goods */
    int64_t percent_bp;         /* manual whole-bill percentage off */
    int64_t coupon_fen, fixed_fen;
    int64_t service_bp;
    bool round_to_yuan;
};

struct compose_line {
    const char *kind; /* "room" "package" "goods" "min_spend" "service" (static) */
    char item[204];
    int64_t product_id, package_id;
    int64_t qty, unit_fen, amount_fen;
    bool gift;
};

struct compose_use {
    int64_t product_id;
    const char *kind; /* "sale" "gift" "package" (static) */
    int64_t qty;
};

struct composed_bill {
    enum pricing_status status; /* not PRICING_OK: the room fee cannot be computed */
    bool package;
    struct room_fee fee; /* hourly: the stay's fee; with a package: its overrun */
    int64_t package_fen; /* price of the packages */
    int64_t included_until_local;
    int64_t room_fen;           /* room fee, or packages + overrun */
    int64_t gifts_fen;          /* list value of the gifts, net of returned gifts */
    struct bill_calc calc;      /* totals (calc.lines is not kept) */
    struct compose_line *lines; /* owned: composed_bill_free */
    int nlines;
    struct compose_use *uses; /* owned */
    int nuses;
};

/* Composes the bill of in into out (zeroed first). Returns false only if memory ran out;
 * when the room fee cannot be computed (a minute in no slot, a bad range) out->status says
 * so and the totals are not meaningful. Borrows in; out owns its arrays. */
bool compose_bill(const struct compose_input *in, struct composed_bill *out);

/* Frees the arrays of a composed bill. Accepts NULL. */
void composed_bill_free(struct composed_bill *b);

#endif
