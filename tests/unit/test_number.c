/*
 * Number text without printf (src/util/number.c): the report numbers (sg_format_number), the
 * amounts the readers store (sg_amount_text), and the exact digits under both. Expected
 * strings are glibc printf's and Python's repr (shortest round-trip) of the same doubles; a
 * seeded sweep compares with snprintf itself in the C locale and in tr_TR/de_DE.
 */
#include "read/amount.h"
#include "stakegraph.h"
#include "util/number.h"
#include "util/strbuf.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static const char *num(double v, int digits) {
    static char out[64];
    sg_format_number(v, digits, out, sizeof out);
    return out;
}

static const char *amount(double v) {
    static char out[64];
    sg_amount_text(v, out, sizeof out);
    return out;
}

static void report_numbers(void **state) {
    (void)state;
    assert_string_equal(num(0.0, 6), "0");
    assert_string_equal(num(-0.0, 6), "0");
    assert_string_equal(num(-0.0000001, 1), "-1e-07");
    assert_string_equal(num(-1e-300 * 1e-300, 6), "0"); /* underflows to -0 */
    assert_string_equal(num(1e-300, 6), "1e-300");
    assert_string_equal(num(1e21, 6), "1e+21");
    assert_string_equal(num(1e15, 6), "1e+15");
    assert_string_equal(num(999999999999999.0, 6), "999999999999999");
    assert_string_equal(num(0.1 + 0.2, 6), "0.3");
    assert_string_equal(num(0.1 + 0.2, 17), "0.30000000000000004");
    assert_string_equal(num(5e-324, 6), "4.94066e-324");
    assert_string_equal(num(1.7976931348623157e308, 6), "1.79769e+308");
    assert_string_equal(num(-1.7976931348623157e308, 17), "-1.7976931348623157e+308");
    assert_string_equal(num(2.0 / 3.0, 0), "0.666667"); /* 0 digits: 6 */
    assert_string_equal(num(-42.0, 6), "-42");
    assert_string_equal(num(0.0001, 6), "0.0001");
    assert_string_equal(num(0.00001, 6), "1e-05");
    assert_string_equal(num(123456.5, 6), "123456"); /* a tie: to even */
    assert_string_equal(num(123457.5, 6), "123458");
    /* NaN and infinities are missing values: no text. */
    assert_string_equal(num(NAN, 6), "");
    assert_string_equal(num(-NAN, 6), "");
    assert_string_equal(num(INFINITY, 6), "");
    assert_string_equal(num(-INFINITY, 6), "");
    /* Rounding at --digits: ties to even where the double is exactly the tie. */
    assert_string_equal(num(2.5, 1), "2");
    assert_string_equal(num(3.5, 1), "4");
    assert_string_equal(num(0.125, 2), "0.12");
    assert_string_equal(num(0.375, 2), "0.38");
    assert_string_equal(num(9.9999996, 6), "10");
    assert_string_equal(num(0.00099999996, 6), "0.001");
    /* A million and more: the whole part kept, `digits` significant digits, no zeros padded
     * (the fixed branch once printed 123456789.1230 at --digits 10 and 123456789.122999996
     * at 15). */
    assert_string_equal(num(1234567.89, 6), "1234568");
    assert_string_equal(num(1234567.89, 7), "1234568");
    assert_string_equal(num(1234567.89, 8), "1234567.9");
    assert_string_equal(num(123456789.123, 6), "123456789");
    assert_string_equal(num(123456789.123, 10), "123456789.1");
    assert_string_equal(num(123456789.123, 12), "123456789.123");
    assert_string_equal(num(123456789.123, 15), "123456789.123");
    assert_string_equal(num(123456789.123, 17), "123456789.123");
    assert_string_equal(num(-123456789.123, 11), "-123456789.12");
    assert_string_equal(num(9999999.96, 8), "10000000");
    assert_string_equal(num(1000000.5, 8), "1000000.5");
    /* A short buffer is cut as snprintf cuts. */
    char small[4];
    sg_format_number(123456.0, 6, small, sizeof small);
    assert_string_equal(small, "123");
}

static void amounts(void **state) {
    (void)state;
    assert_string_equal(amount(0.0), "0");
    assert_string_equal(amount(-0.0), "0");
    assert_string_equal(amount(85000.0), "85000");
    assert_string_equal(amount(419833.02), "419833.02");
    assert_string_equal(amount(1200000.5), "1200000.5");
    assert_string_equal(amount(0.75), "0.75");
    assert_string_equal(amount(0.1 + 0.2), "0.30000000000000004");
    assert_string_equal(amount(0.00012), "0.00012");
    assert_string_equal(amount(0.0001), "0.0001");
    assert_string_equal(amount(0.00001), "1e-05");
    assert_string_equal(amount(1e-300), "1e-300");
    assert_string_equal(amount(5e-324), "5e-324");
    assert_string_equal(amount(1e15), "1e+15");
    assert_string_equal(amount(1e21), "1e+21");
    assert_string_equal(amount(1234567890123456.0), "1234567890123456");
    assert_string_equal(amount(1.7976931348623157e308), "1.7976931348623157e+308");
    assert_string_equal(amount(123456789012.345), "123456789012.345");
    assert_string_equal(amount(9007199254740993.0), "9007199254740992"); /* 2^53 + 1 rounds */
}

/* xorshift64: the same sweep on every run. */
static uint64_t rnd_state = 88172645463325252ull;
static uint64_t rnd(void) {
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

static unsigned long long pow10i(int k) {
    unsigned long long p = 1;
    while (k-- > 0)
        p *= 10;
    return p;
}

static double random_double(int kind) {
    uint64_t bits = rnd();
    double v;
    switch (kind) {
    case 0: /* any bit pattern: subnormals, huge, tiny */
        memcpy(&v, &bits, sizeof v);
        return v;
    case 1: /* 53-bit integers scaled over a wide range */
        return ldexp((double)(bits >> 11), (int)(rnd() % 140) - 110);
    case 2: /* decimal amounts */
        return (double)(bits % 100000000) / pow(10, (double)(rnd() % 9));
    default: /* near ties */
        return (double)(bits % 1000) + 0.5 / (double)(1u << (rnd() % 10));
    }
}

/* The old way: the fewest %.*g digits that read back. */
static void shortest_by_printf(double v, char *out, size_t size) {
    for (int d = 1; d <= 17; d++) {
        snprintf(out, size, "%.*g", d, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

static void sweep(int n) {
    char a[400], b[400];
    for (int i = 0; i < n; i++) {
        double v = random_double(i % 4);
        if (isnan(v))
            continue;
        int p = 1 + (int)(rnd() % 17);
        sg_format_g(v, p, a, sizeof a);
        locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
        locale_t old = uselocale(c);
        snprintf(b, sizeof b, "%.*g", p, v);
        if (strcmp(a, b) != 0)
            fail_msg("%%.%dg of %.17g: %s, printf %s", p, v, a, b);
        int dec = (int)(rnd() % 18);
        if (fabs(v) < 1e15) {
            sg_format_fixed(v, dec, a, sizeof a);
            snprintf(b, sizeof b, "%.*f", dec, v);
            if (strcmp(a, b) != 0)
                fail_msg("%%.%df of %.17g: %s, printf %s", dec, v, a, b);
        }
        if (i % 8 == 0 && !isinf(v)) {
            sg_format_shortest(v, a, sizeof a);
            shortest_by_printf(v, b, sizeof b);
            if (strcmp(a, b) != 0)
                fail_msg("shortest of %.17g: %s, printf %s", v, a, b);
        }
        uselocale(old);
        freelocale(c);
    }
}

static void same_as_printf(void **state) {
    (void)state;
    sweep(60000);
    /* The process locale never changes a byte. */
    static const char *const locales[] = {"tr_TR.UTF-8", "de_DE.UTF-8"};
    for (size_t k = 0; k < 2; k++) {
        if (!setlocale(LC_ALL, locales[k]))
            continue;
        assert_string_equal(num(1234.5678, 6), "1234.57");
        assert_string_equal(num(123456789.123, 10), "123456789.1");
        assert_string_equal(num(1e-300, 6), "1e-300");
        assert_string_equal(amount(0.1 + 0.2), "0.30000000000000004");
        sweep(10000);
        setlocale(LC_ALL, "C");
    }
}

static void exact_digits(void **state) {
    (void)state;
    char d[17];
    int x;
    sg_decimal_digits(0.1, 17, d, &x);
    assert_memory_equal(d, "10000000000000001", 17);
    assert_int_equal(x, -1);
    sg_decimal_digits(-999.5, 3, d, &x); /* a tie at 999|.5: to even, 1000 */
    assert_memory_equal(d, "100", 3);
    assert_int_equal(x, 3);
    sg_decimal_digits(5e-324, 17, d, &x); /* below the exact range: snprintf's digits */
    assert_memory_equal(d, "49406564584124654", 17);
    assert_int_equal(x, -324);
    sg_decimal_digits(DBL_MAX, 5, d, &x);
    assert_memory_equal(d, "17977", 5);
    assert_int_equal(x, 308);
}

/* The CSV reader writes decimals of at most 15 digits straight from their digits: the same
 * text as sg_amount_text of the double they make. */
static void csv_amounts(void **state) {
    (void)state;
    static const char *const cases[][2] = {
        {"0012.3400", "12.34"}, {"-0.00", "0"},      {"0.0001", "0.0001"},
        {"0.00001", "1e-05"},   {"419833.02", "419833.02"}, {"123456789012345", "123456789012345"},
        {"12.", "12"},          {".5", "0.5"},       {"+7.250", "7.25"},
        {"99999999999999.9", "99999999999999.9"},    {"0.30000000000000004", "0.30000000000000004"},
    };
    size_t n_cases = sizeof cases / sizeof cases[0];
    sg_buf csv = {0};
    sg_buf_puts(&csv, "source,target,weight\n");
    for (size_t k = 0; k < n_cases; k++)
        sg_buf_printf(&csv, "a%zu,b%zu,%s\n", k, k, cases[k][0]);
    /* and random decimals of 1 to 15 digits, compared with sg_amount_text of strtod */
    char expect[2000][40];
    for (int k = 0; k < 2000; k++) {
        int whole = (int)(rnd() % 10), frac = 1 + (int)(rnd() % (15 - whole > 0 ? 15 - whole : 1));
        char text[40];
        int len = snprintf(text, sizeof text, "%.*llu.%0*llu", whole > 0 ? whole : 1,
                           (unsigned long long)(whole ? rnd() % pow10i(whole) : 0), frac,
                           (unsigned long long)(rnd() % pow10i(frac)));
        assert_true(len > 0);
        sg_amount_text(strtod(text, NULL), expect[k], sizeof expect[k]);
        sg_buf_printf(&csv, "r%d,s%d,%s\n", k, k, text);
    }
    sg_read_options o = {.format = "csv"};
    sg_graph *g = NULL;
    sg_diag *diag = sg_diag_new();
    assert_int_equal(sg_read_buffer(csv.data, csv.len, "amounts.csv", &o, &g, diag), SG_OK);
    assert_int_equal(sg_graph_edge_count(g), n_cases + 2000);
    for (size_t k = 0; k < n_cases; k++)
        assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, k, "weight"), cases[k][1]);
    for (int k = 0; k < 2000; k++)
        assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, n_cases + (size_t)k, "weight"),
                            expect[k]);
    /* A negative amount is still refused by the short path. */
    sg_graph_free(g);
    g = NULL;
    const char *neg = "source,target,weight\na,b,-1.5\n";
    assert_int_equal(sg_read_buffer(neg, strlen(neg), "neg.csv", &o, &g, diag), SG_EINVAL);
    assert_null(g);
    sg_diag_free(diag);
    sg_buf_free(&csv);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(report_numbers),
        cmocka_unit_test(amounts),
        cmocka_unit_test(exact_digits),
        cmocka_unit_test(same_as_printf),
        cmocka_unit_test(csv_amounts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
