/* test_money.c: exact money parsing, formatting and rounding (cases R1, R2, M3). */
#include "core/money.h"
#include "harness.h"

static int64_t parse(const char *s, int *result)
{
    int64_t v = -999999;
    *result = money_parse(s, strlen(s), 1, &v);
    return v;
}

static void parses_plain_amounts(void)
{
    int r;
    CHECK_INT(parse("12", &r), 1200);
    CHECK_INT(r, MONEY_OK);
    CHECK_INT(parse("0.05", &r), 5);
    CHECK_INT(parse(" 100.00 ", &r), 10000);
    CHECK_INT(parse("-3.5", &r), -350);
    CHECK_INT(parse("68955.00", &r), 6895500);
}

/* M3: "12.5" is 12.50, never 125; "12.345", "$13", "1,2" are refused with a reason. */
static void m3_typed_amounts(void)
{
    int r;
    CHECK_INT(parse("12.5", &r), 1250);
    CHECK_INT(r, MONEY_OK);
    parse("12.345", &r);
    CHECK_INT(r, MONEY_PRECISION);
    parse("$13", &r);
    CHECK_INT(r, MONEY_SYNTAX);
    parse("1,2", &r);
    CHECK_INT(r, MONEY_SYNTAX);
    parse("¥13", &r);
    CHECK_INT(r, MONEY_SYNTAX);
    parse("", &r);
    CHECK_INT(r, MONEY_EMPTY);
    parse("12.", &r);
    CHECK_INT(r, MONEY_SYNTAX);
    parse(".5", &r);
    CHECK_INT(r, MONEY_SYNTAX);
    parse("1e3", &r);
    CHECK_INT(r, MONEY_SYNTAX);
    parse("99999999999999999999", &r);
    CHECK_INT(r, MONEY_RANGE);
    /* The cap is 10^10 yuan: a day's total of an account stays far from int64 overflow. */
    CHECK_INT(parse("10000000000.00", &r), 1000000000000LL);
    CHECK_INT(r, MONEY_OK);
    parse("10000000000.01", &r);
    CHECK_INT(r, MONEY_RANGE);
    CHECK(strstr(money_parse_message(MONEY_PRECISION, 0), "两位") != NULL);
    CHECK(strstr(money_parse_message(MONEY_SYNTAX, 1), "sign") != NULL);
}

static void refuses_negative_when_not_allowed(void)
{
    int64_t v = 7;
    CHECK_INT(money_parse("-1.00", 5, 0, &v), MONEY_NEGATIVE);
    CHECK_INT(v, 7);
    CHECK_INT(money_parse("-0.00", 5, 0, &v), MONEY_OK);
    CHECK_INT(v, 0);
}

static void formats(void)
{
    char b[40];
    CHECK_STR(money_format(0, b), "0.00");
    CHECK_STR(money_format(5, b), "0.05");
    CHECK_STR(money_format(-5, b), "-0.05");
    CHECK_STR(money_format(6335800, b), "63358.00");
    CHECK_STR(money_format_grouped(6335800, b), "63,358.00");
    CHECK_STR(money_format_grouped(-123456789, b), "-1,234,567.89");
    CHECK_STR(money_format_grouped(99, b), "0.99");
}

/* R1: 2.30 with a 5 % line discount is 2.19 (2.185 half-up), never 2.18. */
static void r1_line_discount_rounds_half_up(void)
{
    CHECK_INT(money_apply_rate(230, 10000 - 500), 219);
    CHECK_INT(money_apply_rate(-230, 10000 - 500), -219);
}

/* R2: 2.25 x 64.22 = 144.50 (144.495 half-up); a 100 % discount makes 0.00, not -0.01. */
static void r2_quantity_and_full_discount(void)
{
    int64_t line = money_mul_qty(6422, 2250);
    CHECK_INT(line, 14450);
    CHECK_INT(money_apply_rate(line, 0), 0);
    CHECK_INT(money_mul_qty(200, 5000), 1000); /* R3: 2.00 x 5 guests = 10.00 */
}

int main(void)
{
    RUN(parses_plain_amounts);
    RUN(m3_typed_amounts);
    RUN(refuses_negative_when_not_allowed);
    RUN(formats);
    RUN(r1_line_discount_rounds_half_up);
    RUN(r2_quantity_and_full_discount);
    return harness_finish("core/money");
}
