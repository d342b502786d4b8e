/* money.c: exact money parsing and formatting (see money.h). */
#include "core/money.h"

#include <stdio.h>
#include <string.h>

enum money_parse_result money_parse(const char *s, size_t len, int allow_negative, int64_t *out)
{
    size_t i = 0, end = len;
    while (i < end && (s[i] == ' ' || s[i] == '\t')) i++;
    while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t')) end--;
    if (i == end) return MONEY_EMPTY;

    int negative = 0;
    if (s[i] == '-') {
        negative = 1;
        i++;
    } else if (s[i] == '+') {
        i++;
    }
    int64_t yuan = 0;
    size_t int_digits = 0;
    while (i < end && s[i] >= '0' && s[i] <= '9') {
        if (yuan > MONEY_MAX_FEN / 100) return MONEY_RANGE;
        yuan = yuan * 10 + (s[i] - '0');
        i++;
        int_digits++;
    }
    int64_t cents = 0;
    size_t frac_digits = 0;
    if (i < end && s[i] == '.') {
        i++;
        while (i < end && s[i] >= '0' && s[i] <= '9') {
            if (frac_digits == 2) {
                /* A third decimal that is not a digit is a syntax error, a digit is precision. */
                return MONEY_PRECISION;
            }
            cents = cents * 10 + (s[i] - '0');
            frac_digits++;
            i++;
        }
        if (frac_digits == 0) return MONEY_SYNTAX; /* "12." */
    }
    if (i != end || int_digits == 0) return MONEY_SYNTAX;
    if (frac_digits == 1) cents *= 10;
    int64_t fen = yuan * 100 + cents;
    if (fen > MONEY_MAX_FEN) return MONEY_RANGE;
    if (negative && fen != 0 && !allow_negative) return MONEY_NEGATIVE;
    *out = negative ? -fen : fen;
    return MONEY_OK;
}

const char *money_parse_message(enum money_parse_result r, int english)
{
    switch (r) {
    case MONEY_OK: return english ? "ok" : "正确";
    case MONEY_EMPTY: return english ? "amount is missing" : "金额为空";
    case MONEY_SYNTAX:
        return english ? "not an amount: write digits with at most one decimal point, "
                         "no currency sign or thousands separator (e.g. 12.50)"
                       : "金额格式不对：只能写数字和一个小数点，不要货币符号或千位分隔符（例如 12.50）";
    case MONEY_PRECISION:
        return english ? "more than two decimals: amounts are exact to the fen (0.01)"
                       : "小数超过两位：金额只精确到分（0.01）";
    case MONEY_RANGE: return english ? "amount is too large" : "金额过大";
    case MONEY_NEGATIVE: return english ? "amount may not be negative" : "金额不能为负数";
    }
    return "?";
}

char *money_format(int64_t fen, char *buf)
{
    uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    snprintf(buf, 32, "%s%llu.%02llu", fen < 0 ? "-" : "", (unsigned long long)(a / 100),
             (unsigned long long)(a % 100));
    return buf;
}

char *money_format_grouped(int64_t fen, char *buf)
{
    uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)(a / 100));
    char *p = buf;
    if (fen < 0) *p++ = '-';
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) *p++ = ',';
        *p++ = digits[i];
    }
    snprintf(p, 8, ".%02llu", (unsigned long long)(a % 100));
    return buf;
}

/* Integer division of a signed numerator by a positive divisor, half away from zero. */
static int64_t div_half_away(__int128 num, int64_t den)
{
    __int128 q = num / den, r = num % den;
    if (r < 0) r = -r;
    if (2 * r >= den) q += num < 0 ? -1 : 1;
    return (int64_t)q;
}

int64_t money_apply_rate(int64_t amount, int64_t basis_points)
{
    return div_half_away((__int128)amount * basis_points, 10000);
}

int64_t money_mul_qty(int64_t unit_fen, int64_t qty_milli)
{
    return div_half_away((__int128)unit_fen * qty_milli, 1000);
}
