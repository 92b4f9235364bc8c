/*
 * The pHYs chunk of the PNG figures (src/write/png.c; PNG, ISO/IEC 15948:2004 / W3C PNG 2nd
 * edition, 11.3.5.3). Expected pixels per metre: 300 dpi / 0.0254 = 11811.02 -> 11811, 96 dpi
 * -> 3779.53 -> 3780 (the value Windows writes for 96 dpi). Expected CRCs from Python's
 * zlib.crc32(b"pHYs" + struct.pack(">IIB", ppm, ppm, 1)).
 */
#include "stakegraph.h"
#include "write/png.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* A 1x1 greyscale PNG's chunks (IDAT's bytes do not matter here), with a 72 dpi pHYs after
 * IDAT when `with_phys`. */
static const unsigned char head[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',                       /* signature */
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0, /* IHDR */
    0x3a, 0x7e, 0x9b, 0x55,                                             /* its CRC */
    0, 0, 0, 2, 'I', 'D', 'A', 'T', 0xab, 0xcd, 1, 2, 3, 4};
static const unsigned char old_phys[] = {0, 0, 0, 9, 'p', 'H', 'Y', 's', 0, 0, 0x0b, 0x13,
                                         0, 0, 0x0b, 0x13, 1, 9, 9, 9, 9};
static const unsigned char tail[] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};

static size_t make(unsigned char *b, int with_phys) {
    size_t n = 0;
    memcpy(b + n, head, sizeof head);
    n += sizeof head;
    if (with_phys) {
        memcpy(b + n, old_phys, sizeof old_phys);
        n += sizeof old_phys;
    }
    memcpy(b + n, tail, sizeof tail);
    return n + sizeof tail;
}

static void expect_phys(const unsigned char *p, uint32_t ppm, uint32_t crc) {
    const unsigned char want[] = {0, 0, 0, 9, 'p', 'H', 'Y', 's',
                                  (unsigned char)(ppm >> 24), (unsigned char)(ppm >> 16),
                                  (unsigned char)(ppm >> 8), (unsigned char)ppm,
                                  (unsigned char)(ppm >> 24), (unsigned char)(ppm >> 16),
                                  (unsigned char)(ppm >> 8), (unsigned char)ppm, 1,
                                  (unsigned char)(crc >> 24), (unsigned char)(crc >> 16),
                                  (unsigned char)(crc >> 8), (unsigned char)crc};
    assert_memory_equal(p, want, sizeof want);
}

static void added_after_ihdr(void **state) {
    (void)state;
    unsigned char in[128];
    size_t n = make(in, 0);
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(sg_png_set_dpi((const char *)in, n, 300, &out, &len), SG_OK);
    assert_int_equal(len, n + 21);
    assert_int_equal(out[len], '\0');
    const unsigned char *o = (const unsigned char *)out;
    assert_memory_equal(o, in, 33);                  /* signature and IHDR unchanged */
    expect_phys(o + 33, 11811, 0x78a53f76u);
    assert_memory_equal(o + 54, in + 33, n - 33);    /* IDAT and IEND as they were */
    free(out);
}

static void replaced_not_doubled(void **state) {
    (void)state;
    unsigned char in[128], plain[128];
    size_t n = make(in, 1), m = make(plain, 0);
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(sg_png_set_dpi((const char *)in, n, 96, &out, &len), SG_OK);
    assert_int_equal(len, m + 21); /* the 72 dpi pHYs after IDAT is gone */
    const unsigned char *o = (const unsigned char *)out;
    expect_phys(o + 33, 3780, 0x952b0e1bu);
    assert_memory_equal(o + 54, plain + 33, m - 33);
    free(out);
}

static void not_a_png(void **state) {
    (void)state;
    unsigned char in[128];
    size_t n = make(in, 0);
    char *out = (char *)in;
    size_t len = 7;
    assert_int_equal(sg_png_set_dpi("GIF89a", 6, 300, &out, &len), SG_EINVAL);
    assert_null(out);
    assert_int_equal(len, 0);
    assert_int_equal(sg_png_set_dpi((const char *)in, n - 1, 300, &out, &len), SG_EINVAL);
    assert_int_equal(sg_png_set_dpi((const char *)in, n, 0, &out, &len), SG_EINVAL);
    in[12] = 'X'; /* IHDR not first */
    assert_int_equal(sg_png_set_dpi((const char *)in, n, 300, &out, &len), SG_EINVAL);
    assert_null(out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(added_after_ihdr),
        cmocka_unit_test(replaced_not_doubled),
        cmocka_unit_test(not_a_png),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
