/*
 * The PDF figures' dates (src/write/pdf.c): /CreationDate and /ModDate made the same whatever
 * the time and zone of the run (PDF 1.7, 7.9.4), the cross-reference table's offsets and
 * startxref corrected when a date becomes shorter (7.5.4, 7.5.5). 1700000000 s =
 * 2023-11-14 22:13:20 UTC (Python: datetime.fromtimestamp(1700000000, timezone.utc)).
 */
#include "write/pdf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* A PDF of three objects, as cairo 1.16 lays it out (the information dictionary last), with
 * `date` as its /CreationDate, its table's offsets computed; its length. */
static size_t make(char *b, size_t cap, const char *date) {
    size_t off[4], n = 0;
    n += (size_t)snprintf(b + n, cap - n, "%%PDF-1.5\n%%\xb5\xed\xae\xfb\n");
    off[1] = n;
    n += (size_t)snprintf(b + n, cap - n, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    off[2] = n;
    n +=
        (size_t)snprintf(b + n, cap - n, "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
    off[3] = n;
    n += (size_t)snprintf(b + n, cap - n,
                          "3 0 obj\n<< /Producer (cairo 1.16.0 (https://cairographics.org))\n"
                          "   /CreationDate (D:%s)\n>>\nendobj\n",
                          date);
    size_t xref = n;
    n += (size_t)snprintf(b + n, cap - n, "xref\n0 4\n0000000000 65535 f \n");
    for (int k = 1; k <= 3; k++)
        n += (size_t)snprintf(b + n, cap - n, "%010zu 00000 n \n", off[k]);
    n += (size_t)snprintf(
        b + n, cap - n, "trailer\n<< /Size 4 /Root 1 0 R /Info 3 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
        xref);
    return n;
}

/* Every in-use row of the table startxref points at names its object there. */
static void xref_valid(const char *b, size_t n) {
    const char *s = strstr(b, "startxref\n");
    assert_non_null(s);
    size_t x = strtoul(s + 10, NULL, 10);
    assert_true(x < n);
    assert_memory_equal(b + x, "xref\n0 4\n", 9);
    for (int k = 1; k <= 3; k++) {
        size_t o = strtoul(b + x + 9 + 20 * (size_t)k, NULL, 10);
        char want[16];
        snprintf(want, sizeof want, "%d 0 obj", k);
        assert_memory_equal(b + o, want, strlen(want));
    }
}

static void same_in_every_zone(void **state) {
    (void)state;
    unsetenv("SOURCE_DATE_EPOCH");
    char utc[1024], east[1024], want[1024];
    size_t nu = make(utc, sizeof utc, "20261207232055Z");
    size_t ne = make(east, sizeof east, "20261208022314+03'00");
    size_t nw = make(want, sizeof want, "19700101000000Z");
    assert_int_equal(ne, nu + 5);
    assert_int_equal(sg_pdf_fix_dates(utc, &nu), 1);
    assert_int_equal(sg_pdf_fix_dates(east, &ne), 1);
    assert_int_equal(nu, nw);
    assert_int_equal(ne, nw);
    assert_memory_equal(utc, want, nw);
    assert_memory_equal(east, want, nw);
    east[ne] = '\0';
    xref_valid(east, ne);
}

static void source_date_epoch(void **state) {
    (void)state;
    char b[1024], want[1024];
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    size_t n = make(b, sizeof b, "20261208022314-05'30'");
    size_t nw = make(want, sizeof want, "20231114221320Z");
    assert_int_equal(sg_pdf_fix_dates(b, &n), 1);
    assert_int_equal(n, nw);
    assert_memory_equal(b, want, nw);
    setenv("SOURCE_DATE_EPOCH", "soon", 1); /* not a number: as unset */
    n = make(b, sizeof b, "20261207232055Z");
    nw = make(want, sizeof want, "19700101000000Z");
    sg_pdf_fix_dates(b, &n);
    assert_memory_equal(b, want, nw);
    unsetenv("SOURCE_DATE_EPOCH");
}

static void without_a_table(void **state) {
    (void)state;
    unsetenv("SOURCE_DATE_EPOCH");
    /* no table where startxref points (a cross-reference stream): digit for digit */
    char b[] = "<< /CreationDate (D:20261208022314-03'00) /ModDate (D:20261208022314Z) >>\n"
               "startxref\n0\n%%EOF\n";
    size_t n = strlen(b), before = n;
    assert_int_equal(sg_pdf_fix_dates(b, &n), 2);
    assert_int_equal(n, before);
    assert_string_equal(b, "<< /CreationDate (D:19700101000000+00'00) /ModDate "
                           "(D:19700101000000Z) >>\nstartxref\n0\n%%EOF\n");
}

static void left_alone(void **state) {
    (void)state;
    /* no date, a short date, a date cut by the end of the buffer */
    const char *cases[] = {"<< /Producer (x) >>", "/CreationDate (D:2026)",
                           "/CreationDate (D:2026120723"};
    for (size_t k = 0; k < 3; k++) {
        char b[64];
        size_t n = strlen(cases[k]);
        memcpy(b, cases[k], n + 1);
        assert_int_equal(sg_pdf_fix_dates(b, &n), 0);
        assert_string_equal(b, cases[k]);
    }
    size_t n = 10;
    assert_int_equal(sg_pdf_fix_dates(NULL, &n), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_in_every_zone),
        cmocka_unit_test(source_date_epoch),
        cmocka_unit_test(without_a_table),
        cmocka_unit_test(left_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
