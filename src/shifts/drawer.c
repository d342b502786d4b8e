/* shifts/drawer.c: expected cash, counts by denomination, over/short (see drawer.h). */
#include "shifts/drawer.h"

#include <string.h>

const int64_t drawer_denominations[] = {10000, 5000, 2000, 1000, 500, 100, 50, 10};
const int drawer_denomination_count = 8;

int64_t drawer_effect(const struct cash_event *e)
{
    switch (e->kind) {
    case CASH_SALE:
    case CASH_PAY_IN:
    case CASH_SV_TOPUP: return e->amount_fen;
    case CASH_REFUND:
    case CASH_PAY_OUT:
    case CASH_SAFE_DROP:
    case CASH_SV_REFUND: return -e->amount_fen;
    case CASH_KIND__MAX: break;
    }
    return 0;
}

bool drawer_summarise(int64_t opening_fen, const struct cash_event *events, int n,
                      struct drawer_summary *out)
{
    memset(out, 0, sizeof *out);
    if (opening_fen < 0) return false;
    for (int i = 0; i < n; i++)
        if (events[i].amount_fen <= 0 || events[i].kind < 0 || events[i].kind >= CASH_KIND__MAX)
            return false;
    out->opening_fen = opening_fen;
    out->expected_fen = opening_fen;
    for (int i = 0; i < n; i++) {
        out->totals[events[i].kind] += events[i].amount_fen;
        out->expected_fen += drawer_effect(&events[i]);
    }
    return true;
}

bool drawer_count_total(const struct denomination_count *counts, int n, int64_t *total)
{
    int64_t sum = 0;
    for (int i = 0; i < n; i++) {
        bool legal = false;
        for (int d = 0; d < drawer_denomination_count; d++)
            if (counts[i].denomination_fen == drawer_denominations[d]) legal = true;
        /* A million pieces of one note is far beyond any drawer: refuse, do not overflow. */
        if (!legal || counts[i].pieces < 0 || counts[i].pieces > 1000000) return false;
        for (int j = 0; j < i; j++)
            if (counts[j].denomination_fen == counts[i].denomination_fen) return false;
        sum += counts[i].denomination_fen * counts[i].pieces;
    }
    *total = sum;
    return true;
}

bool drawer_tender(int64_t due_fen, int64_t tendered_fen, int64_t *kept_fen, int64_t *change_fen)
{
    if (due_fen < 0 || tendered_fen < due_fen) return false;
    *kept_fen = due_fen;
    *change_fen = tendered_fen - due_fen;
    return true;
}

int64_t drawer_difference(int64_t counted_fen, int64_t expected_fen)
{
    return counted_fen - expected_fen;
}

bool drawer_payment_event(int64_t amount_fen, struct cash_event *out)
{
    if (amount_fen == 0) return false;
    out->kind = amount_fen > 0 ? CASH_SALE : CASH_REFUND;
    out->amount_fen = amount_fen > 0 ? amount_fen : -amount_fen;
    return true;
}

enum drawer_outcome drawer_outcome_of(int64_t difference_fen)
{
    return difference_fen > 0 ? DRAWER_OVER : difference_fen < 0 ? DRAWER_SHORT : DRAWER_EVEN;
}

const char *drawer_outcome_id(enum drawer_outcome o)
{
    switch (o) {
    case DRAWER_OVER: return "over";
    case DRAWER_SHORT: return "short";
    case DRAWER_EVEN: break;
    }
    return "even";
}

const char *drawer_treatment(enum drawer_outcome o)
{
    /* Each shift's difference is booked alone: an over is never used to cover a short. */
    switch (o) {
    case DRAWER_OVER: return "other_income";
    case DRAWER_SHORT: return "cashier_receivable";
    case DRAWER_EVEN: break;
    }
    return "";
}
