/*
 * The layout arena (src/write/layout_arena.c): during a span, cgraph's objects come from one
 * region in the order they are made, zeroed, and fdp lays the same graph out the same way
 * however the allocator's free lists stand (three layouts in one process: without the arena,
 * the second and third differ from the first nearly every run).
 */
#include "write/layout_arena.h"

#include <cgraph.h>
#include <gvc.h>

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>

#include <cmocka.h>

/* Nodes made in a span lie one after another; blocks are zeroed; nothing is left after the end. */
static void test_order_and_zero(void **state) {
    (void)state;
    assert_int_equal(sg_layout_arena_begin((size_t)1 << 20), 0);
    Agraph_t *g = agopen("g", Agdirected, NULL);
    assert_non_null(g);
    Agnode_t *prev = NULL;
    char name[16];
    for (int i = 0; i < 200; i++) {
        snprintf(name, sizeof name, "n%d", i);
        Agnode_t *n = agnode(g, name, 1);
        assert_non_null(n);
        if (prev)
            assert_true((uintptr_t)n > (uintptr_t)prev);
        prev = n;
    }
    assert_true(sg_layout_arena_used() > 200 * sizeof(Agnode_t));
    unsigned char *p = AgMemDisc.alloc(NULL, 40);
    for (size_t i = 0; i < 40; i++)
        assert_int_equal(p[i], 0);
    memset(p, 0xab, 40);
    unsigned char *q = AgMemDisc.resize(NULL, p, 40, 100);
    for (size_t i = 0; i < 100; i++)
        assert_int_equal(q[i], i < 40 ? 0xab : 0);
    AgMemDisc.free(NULL, q);
    /* a second span cannot start inside the first */
    assert_int_equal(sg_layout_arena_begin(4096), -1);
    sg_layout_arena_end();
    assert_int_equal(sg_layout_arena_used(), 0);
    /* blocks from the ended span stay usable until freed (agclose frees them) */
    assert_non_null(agnode(g, "n7", 0));
    agclose(g);
}

/* What does not fit falls back to cgraph's own allocator; outside a span, everything does. */
static void test_fallback(void **state) {
    (void)state;
    assert_int_equal(sg_layout_arena_begin(4096), 0);
    void *big = AgMemDisc.alloc(NULL, 1 << 16);
    assert_non_null(big);
    assert_int_equal(sg_layout_arena_used(), 0);
    void *small = AgMemDisc.alloc(NULL, 64);
    assert_int_equal(sg_layout_arena_used(), 64);
    sg_layout_arena_end();
    AgMemDisc.free(NULL, big);
    AgMemDisc.free(NULL, small);
    void *after = AgMemDisc.alloc(NULL, 64);
    assert_non_null(after);
    assert_int_equal(sg_layout_arena_used(), 0);
    AgMemDisc.free(NULL, after);
}

/* fdp-usaid.gv (the USAID IATI example as render.c hands it to fdp) laid out three times in this
 * process, each in a span: the same figure every time. Within 1e-6 points, not exactly: fdp
 * keeps some state from one layout to the next, and the later layouts differ from the first in
 * the last bits (1e-13 points here); without the arena they differ by hundreds of points. */
static void test_fdp_repeatable(void **state) {
    (void)state;
    GVC_t *gvc = gvContext();
    FILE *f = fopen("fdp-usaid.gv", "r");
    assert_non_null(f);
    Agraph_t *g = agread(f, NULL);
    fclose(f);
    assert_non_null(g);
    int n = agnnodes(g);
    assert_int_equal(n, 23);
    double *first = calloc((size_t)n * 2, sizeof *first);
    assert_non_null(first);
    for (int run = 0; run < 3; run++) {
        assert_int_equal(sg_layout_arena_begin((size_t)16 << 20), 0);
        assert_int_equal(gvLayout(gvc, g, "fdp"), 0);
        sg_layout_arena_end();
        int i = 0, same = 1;
        for (Agnode_t *v = agfstnode(g); v; v = agnxtnode(g, v), i++) {
            pointf p = ND_coord(v);
            if (run == 0) {
                first[2 * i] = p.x;
                first[2 * i + 1] = p.y;
            } else if (fabs(p.x - first[2 * i]) > 1e-6 || fabs(p.y - first[2 * i + 1]) > 1e-6) {
                same = 0;
            }
        }
        if (!same)
            fail_msg("fdp layout %d of the same graph differs from the first", run + 1);
        gvFreeLayout(gvc, g);
    }
    free(first);
    agclose(g);
    gvFreeContext(gvc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_zero),
        cmocka_unit_test(test_fallback),
        cmocka_unit_test(test_fdp_repeatable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
