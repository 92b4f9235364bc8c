/*
 * Decimal text of doubles without printf: exact, and the same bytes in every locale.
 *
 * A finite double is m x 2^e with an integer m below 2^53. Its value times 10^s, rounded to an
 * integer, is a quotient of two integers that fit in 128 bits over the range reports and
 * amounts use (about 1e-19 to 1e21), so the digits printf would print come from one exact
 * division with the same rounding (ties to even); outside that range we ask snprintf.
 */
#include "util/number.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

static const uint64_t pow10_64[20] = {1ull,
                                      10ull,
                                      100ull,
                                      1000ull,
                                      10000ull,
                                      100000ull,
                                      1000000ull,
                                      10000000ull,
                                      100000000ull,
                                      1000000000ull,
                                      10000000000ull,
                                      100000000000ull,
                                      1000000000000ull,
                                      10000000000000ull,
                                      100000000000000ull,
                                      1000000000000000ull,
                                      10000000000000000ull,
                                      100000000000000000ull,
                                      1000000000000000000ull,
                                      10000000000000000000ull};

/* 10^k for 0 <= k <= 38 (below 2^127). */
static u128 pow10_128(int k) {
    return k <= 19 ? (u128)pow10_64[k] : (u128)pow10_64[19] * pow10_64[k - 19];
}

/* An upper bound of the bits of 10^k (log2 10 < 3.322). */
static int pow10_bits(int k) {
    return k * 3322 / 1000 + 1;
}

/* round(v x 10^s) with ties to even, for finite v > 0: 1 with *q set when it fits the exact
 * arithmetic and 64 bits, 0 otherwise. */
static int scaled_round(double v, int s, uint64_t *q) {
    int E;
    double f = frexp(v, &E);
    uint64_t m = (uint64_t)ldexp(f, 53); /* exact: f has at most 53 significant bits */
    int e = E - 53;
    if (m == 0 || s > 38 || s < -38)
        return 0;
    int tz = __builtin_ctzll(m);
    m >>= tz;
    e += tz;
    int num_bits = 64 - __builtin_clzll(m) + (e > 0 ? e : 0) + (s > 0 ? pow10_bits(s) : 0);
    int den_bits = (e < 0 ? -e : 0) + (s < 0 ? pow10_bits(-s) : 0);
    if (num_bits > 125 || den_bits > 125)
        return 0;
    u128 num = m, quo, rem, half;
    if (e > 0)
        num <<= e;
    if (s > 0)
        num *= pow10_128(s);
    if (s >= 0) {
        /* The divisor is a power of two: shifts. */
        int k = e < 0 ? -e : 0;
        if (k == 0) {
            *q = (uint64_t)num;
            return (num >> 64) == 0;
        }
        quo = num >> k;
        rem = num & (((u128)1 << k) - 1);
        half = (u128)1 << (k - 1);
    } else {
        u128 den = pow10_128(-s);
        if (e < 0)
            den <<= -e;
        quo = num / den;
        rem = num % den;
        /* compare rem with den / 2 without overflow: 2 rem vs den */
        if (2 * rem > den || (2 * rem == den && (quo & 1)))
            quo++;
        if (quo >> 64)
            return 0;
        *q = (uint64_t)quo;
        return 1;
    }
    if (rem > half || (rem == half && (quo & 1)))
        quo++;
    if (quo >> 64)
        return 0;
    *q = (uint64_t)quo;
    return 1;
}

/* The digits of %.*e from snprintf (the decimal mark, whatever it is, is skipped). */
static void digits_by_printf(double v, int precision, char *digits, int *exp10) {
    char buf[64];
    snprintf(buf, sizeof buf, "%.*e", precision - 1, v);
    int k = 0;
    const char *p = buf;
    for (; *p && *p != 'e' && *p != 'E'; p++)
        if (*p >= '0' && *p <= '9' && k < precision)
            digits[k++] = *p;
    while (k < precision)
        digits[k++] = '0';
    *exp10 = *p ? (int)strtol(p + 1, NULL, 10) : 0;
}

void sg_decimal_digits(double v, int precision, char *digits, int *exp10) {
    v = fabs(v);
    if (precision < 1)
        precision = 1;
    if (precision > 17)
        precision = 17;
    int E;
    (void)frexp(v, &E);
    /* v is in [2^(E-1), 2^E): this is floor(log10 v) or one less. */
    int X = (int)floor((double)(E - 1) * 0.30102999566398120);
    for (int tries = 0; tries < 4; tries++) {
        uint64_t q;
        if (!scaled_round(v, precision - 1 - X, &q))
            break;
        if (q >= pow10_64[precision]) {
            X++;
            continue;
        }
        if (q < pow10_64[precision - 1]) {
            X--;
            continue;
        }
        for (int k = precision - 1; k >= 0; k--) {
            digits[k] = (char)('0' + q % 10);
            q /= 10;
        }
        *exp10 = X;
        return;
    }
    digits_by_printf(v, precision, digits, exp10);
}

/* Copies `len` bytes of `s` into out[size] as snprintf would; returns len. */
static size_t emit(const char *s, size_t len, char *out, size_t size) {
    if (size > 0) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(out, s, n);
        out[n] = '\0';
    }
    return len;
}

/* %g's text of `n` digits (no trailing zeros but the first) with exponent X, notation chosen
 * as precision P chooses it. Returns the length written to p (at most 32 bytes). */
static size_t render_g(int negative, const char *d, int n, int X, int P, char *p) {
    char *start = p;
    if (negative)
        *p++ = '-';
    if (X < -4 || X >= P) {
        *p++ = d[0];
        if (n > 1) {
            *p++ = '.';
            memcpy(p, d + 1, (size_t)(n - 1));
            p += n - 1;
        }
        *p++ = 'e';
        *p++ = X < 0 ? '-' : '+';
        int a = X < 0 ? -X : X;
        if (a >= 100) {
            *p++ = (char)('0' + a / 100);
            a %= 100;
        }
        *p++ = (char)('0' + a / 10);
        *p++ = (char)('0' + a % 10);
    } else if (X >= 0) {
        for (int i = 0; i <= X; i++)
            *p++ = i < n ? d[i] : '0';
        if (n > X + 1) {
            *p++ = '.';
            memcpy(p, d + X + 1, (size_t)(n - X - 1));
            p += n - X - 1;
        }
    } else {
        *p++ = '0';
        *p++ = '.';
        for (int i = 0; i < -X - 1; i++)
            *p++ = '0';
        memcpy(p, d, (size_t)n);
        p += n;
    }
    *p = '\0';
    return (size_t)(p - start);
}

/* "inf", "-nan", ... as glibc prints them; 0 when v is finite. */
static size_t special(double v, char *buf) {
    if (isnan(v))
        return (size_t)sprintf(buf, "%snan", signbit(v) ? "-" : "");
    if (isinf(v))
        return (size_t)sprintf(buf, "%sinf", v < 0 ? "-" : "");
    return 0;
}

size_t sg_format_g(double v, int precision, char *out, size_t size) {
    char buf[48];
    size_t len = special(v, buf);
    if (len)
        return emit(buf, len, out, size);
    if (precision < 1)
        precision = 1;
    if (precision > 17)
        precision = 17;
    if (v == 0)
        return emit(signbit(v) ? "-0" : "0", signbit(v) ? 2 : 1, out, size);
    char d[17];
    int X;
    sg_decimal_digits(v, precision, d, &X);
    int n = precision;
    while (n > 1 && d[n - 1] == '0')
        n--;
    len = render_g(v < 0, d, n, X, precision, buf);
    return emit(buf, len, out, size);
}

/* The C locale, made once, for strtod and the snprintf fallbacks. */
static locale_t c_locale(void) {
    static locale_t loc = (locale_t)0;
    if (loc == (locale_t)0)
        loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    return loc;
}

/* strtod in the C locale. */
static double c_strtod(const char *s) {
    locale_t loc = c_locale();
    locale_t old = loc ? uselocale(loc) : (locale_t)0;
    double v = strtod(s, NULL);
    if (loc)
        uselocale(old);
    return v;
}

size_t sg_format_shortest(double v, char *out, size_t size) {
    char buf[48];
    size_t len = special(v, buf);
    if (len)
        return emit(buf, len, out, size);
    if (v == 0)
        return emit(signbit(v) ? "-0" : "0", signbit(v) ? 2 : 1, out, size);
    /* A decimal of at most 15 digits that reads back as v is the only one (DBL_DIG): if the
     * 15-digit rounding reads back, its digits without trailing zeros are the shortest, and
     * "%.*g" with that many digits prints them. Else 16, else 17 digits. */
    int first = fabs(v) < DBL_MIN ? 1 : 15; /* subnormals have fewer digits: try them all */
    for (int P = first; P <= 17; P++) {
        char d[17];
        int X;
        sg_decimal_digits(v, P, d, &X);
        int n = P;
        while (n > 1 && d[n - 1] == '0')
            n--;
        len = render_g(v < 0, d, n, X, P == 15 && first == 15 ? n : P, buf);
        if (P == 17 || c_strtod(buf) == v)
            break;
    }
    return emit(buf, len, out, size);
}

size_t sg_format_fixed(double v, int decimals, char *out, size_t size) {
    char buf[64];
    size_t len = special(v, buf);
    if (len)
        return emit(buf, len, out, size);
    if (decimals < 0)
        decimals = 0;
    uint64_t q = 0;
    double a = fabs(v);
    int ok = decimals <= 17 && a < 1e15;
    if (ok && a > 0)
        ok = scaled_round(a, decimals, &q);
    if (!ok) {
        /* Out of the exact range: printf, in the C locale. */
        locale_t loc = c_locale();
        locale_t old = loc ? uselocale(loc) : (locale_t)0;
        char big[400]; /* DBL_MAX has 309 digits */
        int n = snprintf(big, sizeof big, "%.*f", decimals > 60 ? 60 : decimals, v);
        if (loc)
            uselocale(old);
        return emit(big, n > 0 && (size_t)n < sizeof big ? (size_t)n : 0, out, size);
    }
    char d[24];
    int n = 0;
    do {
        d[n++] = (char)('0' + q % 10);
        q /= 10;
    } while (q);
    while (n < decimals + 1)
        d[n++] = '0';
    char *p = buf;
    if (signbit(v))
        *p++ = '-';
    for (int i = n - 1; i >= 0; i--) {
        *p++ = d[i];
        if (i == decimals && decimals > 0)
            *p++ = '.';
    }
    return emit(buf, (size_t)(p - buf), out, size);
}
