/* reports/takings.c: the pure rules of the daily takings report (see takings.h). */
#include "reports/takings.h"

#include <stdlib.h>
#include <string.h>

const struct takings_method takings_methods[TAKINGS_METHODS] = {
    {"cash", "现金", "Cash"},
    {"wechat", "微信", "WeChat Pay"},
    {"alipay", "支付宝", "Alipay"},
    {"card", "银行卡", "Bank card"},
    {"member", "会员储值", "Member balance"},
    {"voucher", "团购券", "Group-buy voucher"},
    {"credit", "挂账", "Credit (signed)"},
    {"mixed", "混合", "Mixed"},
    {"other", "其他", "Other"},
};

int takings_method_index(const char *id)
{
    for (int i = 0; id && i < TAKINGS_METHODS; i++)
        if (strcmp(takings_methods[i].id, id) == 0) return i;
    return TAKINGS_METHODS - 1; /* "other": the money stays in the report */
}

void takings_add(struct takings_figures *into, const struct takings_figures *add)
{
    into->bills_settled += add->bills_settled;
    into->bills_voided += add->bills_voided;
    into->gross_fen += add->gross_fen;
    into->discount_fen += add->discount_fen;
    into->service_fen += add->service_fen;
    into->net_fen += add->net_fen;
    into->voided_fen += add->voided_fen;
    for (int i = 0; i < TAKINGS_METHODS; i++) {
        into->method_fen[i] += add->method_fen[i];
        into->method_count[i] += add->method_count[i];
        into->refund_fen[i] += add->refund_fen[i];
        into->refund_count[i] += add->refund_count[i];
    }
}

int64_t takings_refunds_fen(const struct takings_figures *f)
{
    int64_t sum = 0;
    for (int i = 0; i < TAKINGS_METHODS; i++)
        sum += f->refund_fen[i];
    return sum;
}

int64_t takings_kept_fen(const struct takings_figures *f, int method)
{
    if (method < 0 || method >= TAKINGS_METHODS) return 0;
    return f->method_fen[method] - f->refund_fen[method];
}

int64_t takings_collected_fen(const struct takings_figures *f)
{
    int64_t sum = 0;
    for (int i = 0; i < TAKINGS_METHODS; i++)
        sum += takings_kept_fen(f, i);
    return sum;
}

size_t takings_fill_days(int64_t from, int64_t to, const struct takings_day *rows, size_t nrows,
                         struct takings_day *days)
{
    if (to < from) return nrows;
    size_t ndays = (size_t)(to - from + 1);
    memset(days, 0, ndays * sizeof *days);
    for (size_t i = 0; i < ndays; i++)
        days[i].day = from + (int64_t)i;
    size_t outside = 0;
    for (size_t i = 0; i < nrows; i++) {
        if (rows[i].day < from || rows[i].day > to) {
            outside++;
            continue;
        }
        takings_add(&days[rows[i].day - from].f, &rows[i].f);
    }
    return outside;
}

void takings_total(const struct takings_day *days, size_t n, struct takings_figures *total)
{
    memset(total, 0, sizeof *total);
    for (size_t i = 0; i < n; i++)
        takings_add(total, &days[i].f);
}

int takings_methods_used(const struct takings_figures *total, bool used[TAKINGS_METHODS])
{
    int n = 0;
    for (int i = 0; i < TAKINGS_METHODS; i++) {
        used[i] = total->method_count[i] != 0 || total->method_fen[i] != 0 ||
                  total->refund_count[i] != 0 || total->refund_fen[i] != 0;
        n += used[i];
    }
    return n;
}

/* Copies name into out (size n) without cutting a UTF-8 character in half. */
static void copy_name(char *out, size_t n, const char *name)
{
    size_t len = strlen(name);
    if (len >= n) {
        len = n - 1;
        /* Back up over continuation bytes (10xxxxxx) to the start of the cut character. */
        while (len > 0 && ((unsigned char)name[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(out, name, len);
    out[len] = 0;
}

struct takings_group *takings_group_get(struct takings_groups *g, const char *name)
{
    char key[sizeof g->items[0].name];
    copy_name(key, sizeof key, name ? name : "");
    /* Linear search: a venue has a handful of room types and cashiers, and the store hands over
     * at most a few hundred rows per report. */
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->items[i].name, key) == 0) return &g->items[i];
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 16;
        struct takings_group *p = realloc(g->items, cap * sizeof *p);
        if (!p) return NULL;
        g->items = p;
        g->cap = cap;
    }
    struct takings_group *item = &g->items[g->n++];
    memset(item, 0, sizeof *item);
    memcpy(item->name, key, sizeof key);
    return item;
}

static int group_order(const void *a, const void *b)
{
    const struct takings_group *x = a, *y = b;
    if (x->f.net_fen != y->f.net_fen) return x->f.net_fen > y->f.net_fen ? -1 : 1;
    return strcmp(x->name, y->name);
}

void takings_groups_sort(struct takings_groups *g)
{
    if (g->n > 1) qsort(g->items, g->n, sizeof *g->items, group_order);
}

bool takings_figures_zero(const struct takings_figures *f)
{
    static const struct takings_figures zero;
    /* Every member is an int64_t, so the struct has no padding and compares bytewise. */
    return memcmp(f, &zero, sizeof zero) == 0;
}

void takings_groups_drop_empty(struct takings_groups *g)
{
    size_t k = 0;
    for (size_t i = 0; i < g->n; i++)
        if (!takings_figures_zero(&g->items[i].f)) {
            if (k != i) g->items[k] = g->items[i];
            k++;
        }
    g->n = k;
}

void takings_groups_free(struct takings_groups *g)
{
    free(g->items);
    memset(g, 0, sizeof *g);
}
