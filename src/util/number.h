/* Internal: exact, locale-independent decimal text of doubles without printf (issue 10: printf
 * cost about 3,200 instructions per number of a report). */
#ifndef SG_UTIL_NUMBER_H
#define SG_UTIL_NUMBER_H

#include <stddef.h>

/**
 * The `precision` (1 to 17) significant decimal digits of |v| (finite, not 0), correctly
 * rounded with ties to even as glibc's printf rounds: ASCII digits in digits[0..precision)
 * (not NUL-terminated) and in `*exp10` the power of ten of the first digit, so that
 * |v| ~ d0.d1d2... x 10^exp10. Exact 128-bit integer arithmetic over the binary value;
 * outside its range (about 1e-19 to 1e21 for 17 digits) it asks snprintf("%.*e") instead.
 */
void sg_decimal_digits(double v, int precision, char *digits, int *exp10);

/**
 * printf's "%.*g" of `v` (finite) with `precision` 1 to 17, in the C locale whatever the
 * process locale: the same bytes as glibc ("1.5e-05", "123457", "1e+21", "-0.25"). Writes at
 * most `size` bytes including the NUL (32 are always enough); returns the length.
 */
size_t sg_format_g(double v, int precision, char *out, size_t size);

/**
 * The shortest text that reads back (strtod, correctly rounded) as `v` (finite), as
 * "%.*g" with the fewest digits from 1 to 17 that round-trip. Returns the length.
 */
size_t sg_format_shortest(double v, char *out, size_t size);

/**
 * printf's "%.*f" of `v` with `decimals` 0 to 60, in the C locale: exact integer arithmetic
 * when |v| < 1e15 and decimals <= 17, snprintf otherwise. Returns the length (up to 380 for
 * DBL_MAX: give a buffer that large for such values, else the text is cut as snprintf cuts).
 */
size_t sg_format_fixed(double v, int decimals, char *out, size_t size);

#endif
