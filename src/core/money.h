/* money.h: amounts in integer fen (1/100 yuan); exact parsing, formatting, rounding.
 *
 * No floating point touches money anywhere in ktvoffice. Amounts are int64_t fen in storage,
 * arithmetic and JSON. These functions are pure. */
#ifndef KTV_MONEY_H
#define KTV_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* Largest amount accepted from input: 10^10 yuan (100 亿元) is far above any chain's year, and
 * an account's total for one day overflows int64 only after more than nine million such
 * amounts (at 10^13 yuan, 384 manual entries of 48 lines overflowed a day's total). */
#define MONEY_MAX_FEN 1000000000000LL

enum money_parse_result {
    MONEY_OK = 0,
    MONEY_EMPTY,     /* nothing but blanks */
    MONEY_SYNTAX,    /* a character that is not a digit, sign or one decimal point */
    MONEY_PRECISION, /* more than two decimals */
    MONEY_RANGE,     /* larger than MONEY_MAX_FEN */
    MONEY_NEGATIVE,  /* a minus sign where negatives are not allowed */
};

/* Parses a yuan amount such as "12", "12.5", "12.50", "-3.00" into fen.
 * Accepts optional blanks around the number, an optional leading '-' when allow_negative,
 * digits, and an optional '.' followed by one or two digits. Refuses thousands separators
 * ("1,2"), currency signs ("$13", "¥13"), exponents and a third decimal ("12.345").
 * s need not be NUL-terminated. *out is written only on MONEY_OK. */
enum money_parse_result money_parse(const char *s, size_t len, int allow_negative, int64_t *out);

/* A sentence explaining the result, for a person (Chinese or English). Static strings. */
const char *money_parse_message(enum money_parse_result r, int english);

/* Writes "1234.50" / "-0.05" into buf (at least 32 bytes). Returns buf. */
char *money_format(int64_t fen, char *buf);

/* Writes "1,234.50" with thousands separators (at least 40 bytes). Returns buf. */
char *money_format_grouped(int64_t fen, char *buf);

/* amount x rate / 10000, rounded half away from zero: a rate in basis points
 * (500 = 5 %). Used for discounts and service charges on one line. */
int64_t money_apply_rate(int64_t amount, int64_t basis_points);

/* qty x unit price in fen, where qty is in thousandths (2.25 -> 2250), rounded half away from
 * zero to the fen. */
int64_t money_mul_qty(int64_t unit_fen, int64_t qty_milli);

#endif
