/* The path measures on threads (src/analyse/paths.c, issue 10): the same bits whatever the
 * number of threads, and igraph's values (igraph_betweenness, igraph_closeness,
 * igraph_harmonic_centrality) to 1e-9 on the reference graphs and on generated graphs,
 * with and without arc lengths; the sampled estimates: seeded, scaled, marked. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <igraph.h>

#include "analyse/paths.h"
#include "stakegraph.h"

static sg_graph *read_data(const char *file) {
    const char *dir = getenv("SG_TEST_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", file);
    sg_graph *g = NULL;
    sg_diag *diag = sg_diag_new();
    sg_read_options ro = {0};
    assert_int_equal(sg_read_file(path, &ro, &g, diag), SG_OK);
    sg_diag_free(diag);
    return g;
}

/* A heavy-tailed directed graph like bench/gen.py's, from a fixed linear congruential
 * sequence: node k links to earlier nodes chosen by preference for low numbers, plus some
 * reciprocal arcs and a few separate pairs (more than one component). Weights 1 to 4, so that
 * many paths tie in length. */
static sg_graph *generated(size_t n, size_t m) {
    sg_graph *g = sg_graph_new(1);
    uint64_t x = 12345;
    char id[32], w[32];
    for (size_t k = 0; k < n; k++) {
        snprintf(id, sizeof id, "n%04zu", k);
        assert_int_equal(sg_graph_add_node(g, id, NULL), SG_OK);
    }
    for (size_t e = 0; e < m; e++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        size_t a = (size_t)(x >> 33) % (n - 10) + 1;
        x = x * 6364136223846793005u + 1442695040888963407u;
        double r = (double)(x >> 11) / 9007199254740992.0;
        size_t b = (size_t)(r * r * (double)a); /* earlier nodes, low numbers favoured */
        size_t index;
        int back = (x >> 7) % 5 == 0;
        assert_int_equal(sg_graph_add_edge(g, back ? a : b, back ? b : a, &index), SG_OK);
        snprintf(w, sizeof w, "%d", (int)((x >> 20) % 4) + 1);
        assert_int_equal(sg_graph_set_attr(g, SG_ON_EDGE, index, "weight", w), SG_OK);
    }
    for (size_t k = n - 9; k + 1 < n; k += 2) { /* separate pairs */
        size_t index;
        assert_int_equal(sg_graph_add_edge(g, k, k + 1, &index), SG_OK);
        assert_int_equal(sg_graph_set_attr(g, SG_ON_EDGE, index, "weight", "2"), SG_OK);
    }
    return g;
}

/* ---- the same bits with 1, 2 and 3 threads ---------------------------------------------- */

static sg_analysis *analyse(const sg_graph *g, int threads, double sample, int inverse) {
    sg_analysis_options o = {.threads = threads, .sample_sources = sample, .seed = 7,
                             .path_weights = inverse ? SG_PATH_INVERSE : SG_PATH_HOPS};
    sg_analysis *a = NULL;
    sg_diag *diag = sg_diag_new();
    assert_int_equal(sg_analyse(g, &o, &a, diag), SG_OK);
    sg_diag_free(diag);
    return a;
}

static void assert_same_bits(const sg_analysis *x, const sg_analysis *y) {
    size_t n = sg_analysis_node_count(x);
    assert_int_equal(n, sg_analysis_node_count(y));
    for (int m = 0; m < SG_MEASURE_COUNT; m++) {
        for (size_t i = 0; i < n; i++) {
            double a = sg_analysis_value(x, (sg_measure)m, i);
            double b = sg_analysis_value(y, (sg_measure)m, i);
            if (memcmp(&a, &b, sizeof a) != 0)
                fail_msg("%s of node %zu: %.17g and %.17g", sg_measure_name((sg_measure)m), i,
                         a, b);
        }
    }
    const sg_summary *s = sg_analysis_summary(x), *t = sg_analysis_summary(y);
    assert_memory_equal(&s->diameter, &t->diameter, sizeof s->diameter);
    assert_memory_equal(&s->mean_path_length, &t->mean_path_length,
                        sizeof s->mean_path_length);
    assert_memory_equal(&s->centralization_betweenness, &t->centralization_betweenness,
                        sizeof(double));
    assert_int_equal(s->sampled_sources, t->sampled_sources);
}

static void same_bits(sg_graph *g, double sample, int inverse) {
    sg_analysis *one = analyse(g, 1, sample, inverse);
    for (int t = 2; t <= 3; t++) {
        sg_analysis *more = analyse(g, t, sample, inverse);
        assert_same_bits(one, more);
        sg_analysis_free(more);
    }
    sg_analysis_free(one);
}

static void test_threads_same_bits(void **state) {
    (void)state;
    const char *files[] = {"karate.gv", "lesmis.gv"};
    for (size_t k = 0; k < 2; k++) {
        sg_graph *g = read_data(files[k]);
        same_bits(g, 0, 0);
        same_bits(g, 0, 1);
        same_bits(g, 10, 0);
        sg_graph_free(g);
    }
    sg_graph *g = generated(600, 2400);
    same_bits(g, 0, 0);
    same_bits(g, 0, 1);
    same_bits(g, 0.1, 0);
    same_bits(g, 0.1, 1);
    sg_graph_free(g);
}

/* ---- igraph's values ---------------------------------------------------------------------- */

typedef struct {
    sg_csr g;
    int64_t *os, *oa, *is, *ia;
    double *ol, *il;
} csr;

/* The flat arrays of an igraph graph, arcs in edge order (the test's own, written apart from
 * analyse.c's). */
static void fill(const igraph_t *G, const igraph_vector_t *len, int in, int64_t **start,
                 int64_t **adj, double **l) {
    igraph_integer_t n = igraph_vcount(G), m = igraph_ecount(G);
    int both = !igraph_is_directed(G);
    size_t arcs = (size_t)m * (both ? 2 : 1) + 1;
    *start = calloc((size_t)n + 1, sizeof **start);
    *adj = malloc(arcs * sizeof **adj);
    *l = len ? malloc(arcs * sizeof **l) : NULL;
    int64_t *at = calloc((size_t)n + 1, sizeof *at);
    for (int pass = 0; pass < 2; pass++) {
        for (igraph_integer_t e = 0; e < m; e++) {
            for (int dir = 0; dir < (both ? 2 : 1); dir++) {
                igraph_integer_t a = IGRAPH_FROM(G, e), b = IGRAPH_TO(G, e);
                if (in != dir) { /* in-lists (or the second direction): the other end */
                    igraph_integer_t t = a;
                    a = b, b = t;
                }
                if (pass == 0) {
                    (*start)[a + 1]++;
                } else {
                    (*adj)[at[a]] = b;
                    if (len)
                        (*l)[at[a]] = VECTOR(*len)[e];
                    at[a]++;
                }
            }
        }
        if (pass == 0) {
            for (igraph_integer_t v = 0; v < n; v++)
                (*start)[v + 1] += (*start)[v];
            memcpy(at, *start, (size_t)n * sizeof *at);
        }
    }
    free(at);
}

static void csr_of(const igraph_t *G, const igraph_vector_t *len, csr *c) {
    memset(c, 0, sizeof *c);
    fill(G, len, 0, &c->os, &c->oa, &c->ol);
    if (igraph_is_directed(G)) {
        fill(G, len, 1, &c->is, &c->ia, &c->il);
    }
    c->g = (sg_csr){(size_t)igraph_vcount(G), c->os, c->oa, c->ol,
                    c->is ? c->is : c->os, c->ia ? c->ia : c->oa, c->is ? c->il : c->ol};
}

static void csr_free(csr *c) {
    free(c->os), free(c->oa), free(c->ol), free(c->is), free(c->ia), free(c->il);
}

static void assert_close(double want, double got, const char *what, igraph_integer_t v) {
    if (isnan(want) && isnan(got))
        return;
    if (!(fabs(want - got) <= 1e-9 * fmax(1, fabs(want))))
        fail_msg("%s of vertex %" IGRAPH_PRId ": igraph %.17g, ours %.17g", what, v, want, got);
}

/* Betweenness of G (its own direction), with and without lengths, on 1 and 3 threads; with an
 * undirected G also closeness and harmonic centrality, by hops and with lengths, and the
 * diameter and mean path length by hops. */
static void against_igraph(const igraph_t *G, const igraph_vector_t *len) {
    igraph_integer_t n = igraph_vcount(G);
    igraph_vector_t want;
    igraph_vector_init(&want, 0);
    double *got = malloc(((size_t)n + 1) * sizeof *got);
    double *got2 = malloc(((size_t)n + 1) * sizeof *got2);
    for (int weighted = 0; weighted < 2; weighted++) {
        csr c;
        csr_of(G, weighted ? len : NULL, &c);
        assert_int_equal(igraph_betweenness(G, &want, igraph_vss_all(), 1, weighted ? len : NULL),
                         IGRAPH_SUCCESS);
        for (int threads = 1; threads <= 3; threads += 2) {
            assert_int_equal(sg_paths_betweenness(&c.g, igraph_is_directed(G), NULL, (size_t)n,
                                                  threads, got, NULL, NULL),
                             0);
            for (igraph_integer_t v = 0; v < n; v++)
                assert_close(VECTOR(want)[v], got[v], "betweenness", v);
        }
        if (!igraph_is_directed(G)) {
            const igraph_vector_t *l = weighted ? len : NULL;
            sg_hop_totals totals;
            igraph_vector_int_t reach;
            igraph_vector_int_init(&reach, 0);
            assert_int_equal(sg_paths_closeness(&c.g, NULL, 0, 2, got, got2, &totals, NULL, NULL),
                             0);
            assert_int_equal(igraph_closeness(G, &want, &reach, NULL, igraph_vss_all(),
                                              IGRAPH_ALL, l, 1),
                             IGRAPH_SUCCESS);
            for (igraph_integer_t v = 0; v < n; v++)
                if (VECTOR(reach)[v] > 0)
                    assert_close(VECTOR(want)[v], got[v], "closeness", v);
                else
                    assert_true(isnan(got[v]));
            assert_int_equal(igraph_harmonic_centrality(G, &want, igraph_vss_all(), IGRAPH_ALL,
                                                        l, 1),
                             IGRAPH_SUCCESS);
            for (igraph_integer_t v = 0; v < n; v++)
                assert_close(VECTOR(want)[v], got2[v], "harmonic", v);
            igraph_vector_int_destroy(&reach);
            if (weighted) { /* the totals count hops only */
                assert_true(isnan(totals.longest) && isnan(totals.total) && isnan(totals.pairs));
                csr_free(&c);
                continue;
            }
            igraph_real_t mean, diameter;
            assert_int_equal(igraph_average_path_length(G, &mean, NULL, 0, 1), IGRAPH_SUCCESS);
            assert_int_equal(igraph_diameter(G, &diameter, NULL, NULL, NULL, NULL, 0, 1),
                             IGRAPH_SUCCESS);
            assert_close(mean, totals.total / totals.pairs, "mean path length", -1);
            assert_close(diameter, totals.longest, "diameter", -1);
        }
        csr_free(&c);
    }
    free(got);
    free(got2);
    igraph_vector_destroy(&want);
}

/* igraph graphs of an sg_graph: as read (direction kept) and its undirected form, edges in
 * input order (parallel edges kept: both sides count them alike); lengths from `weight`. */
static void igraph_of(const sg_graph *g, igraph_t *G, igraph_t *U, igraph_vector_t *len) {
    size_t m = sg_graph_edge_count(g);
    igraph_vector_int_t ends;
    igraph_vector_int_init(&ends, (igraph_integer_t)(2 * m));
    igraph_vector_init(len, (igraph_integer_t)m);
    for (size_t e = 0; e < m; e++) {
        VECTOR(ends)[2 * e] = (igraph_integer_t)sg_graph_edge_source(g, e);
        VECTOR(ends)[2 * e + 1] = (igraph_integer_t)sg_graph_edge_target(g, e);
        const char *w = sg_graph_attr(g, SG_ON_EDGE, e, "weight");
        VECTOR(*len)[e] = w ? 1 / strtod(w, NULL) : 1; /* inverse: non-integer lengths */
    }
    igraph_integer_t n = (igraph_integer_t)sg_graph_node_count(g);
    assert_int_equal(igraph_create(G, &ends, n, sg_graph_directed(g)), IGRAPH_SUCCESS);
    assert_int_equal(igraph_create(U, &ends, n, 0), IGRAPH_SUCCESS);
    igraph_vector_int_destroy(&ends);
}

static void test_against_igraph(void **state) {
    (void)state;
    const char *files[] = {"karate.gv", "karate-unweighted.gv", "lesmis.gv", "florentine16.gv",
                           "kite.gv", "langville-meyer.gv"};
    for (size_t k = 0; k < sizeof files / sizeof files[0] + 1; k++) {
        sg_graph *g = k < sizeof files / sizeof files[0] ? read_data(files[k])
                                                         : generated(600, 2400);
        igraph_t G, U;
        igraph_vector_t len;
        igraph_of(g, &G, &U, &len);
        against_igraph(&G, &len);
        against_igraph(&U, &len);
        if (k == sizeof files / sizeof files[0]) {
            /* integer lengths: many paths of equal length, igraph's tolerance decides */
            for (igraph_integer_t e = 0; e < igraph_vector_size(&len); e++)
                VECTOR(len)[e] = 1 / VECTOR(len)[e];
            against_igraph(&G, &len);
            against_igraph(&U, &len);
        }
        igraph_destroy(&G);
        igraph_destroy(&U);
        igraph_vector_destroy(&len);
        sg_graph_free(g);
    }
}

/* ---- sampled estimates --------------------------------------------------------------------- */

static void test_sample(void **state) {
    (void)state;
    int64_t s1[50], s2[50], s3[50];
    sg_paths_sample(1000, 50, 3, s1);
    sg_paths_sample(1000, 50, 3, s2);
    sg_paths_sample(1000, 50, 4, s3);
    assert_memory_equal(s1, s2, sizeof s1);
    assert_memory_not_equal(s1, s3, sizeof s1);
    for (int i = 0; i < 50; i++) {
        assert_true(s1[i] >= 0 && s1[i] < 1000);
        if (i)
            assert_true(s1[i] > s1[i - 1]); /* increasing: no repeats */
    }
    /* every node sampled: the exact values, and no estimate is claimed */
    sg_graph *g = read_data("karate.gv");
    sg_analysis *exact = analyse(g, 2, 0, 0), *all = analyse(g, 2, 34, 0);
    assert_same_bits(exact, all);
    assert_int_equal(sg_analysis_summary(all)->sampled_sources, 0);
    sg_analysis_free(all);
    /* 17 of 34: marked; each estimate in the range of the exact values and unbiased enough
     * that the rank of the top node by betweenness (node 1 of karate) stays on top */
    sg_analysis *half = analyse(g, 2, 0.5, 0);
    assert_int_equal(sg_analysis_summary(half)->sampled_sources, 17);
    size_t top_exact = 0, top_half = 0;
    for (size_t i = 0; i < 34; i++) {
        if (sg_analysis_value(exact, SG_BETWEENNESS, i) >
            sg_analysis_value(exact, SG_BETWEENNESS, top_exact))
            top_exact = i;
        if (sg_analysis_value(half, SG_BETWEENNESS, i) >
            sg_analysis_value(half, SG_BETWEENNESS, top_half))
            top_half = i;
        double c = sg_analysis_value(half, SG_CLOSENESS, i);
        assert_true(c > 0 && c <= 1);
    }
    assert_int_equal(top_exact, top_half);
    sg_analysis_free(half);
    sg_analysis_free(exact);
    sg_graph_free(g);
    /* one source on a path a - b - c, sampled node b (seed chosen so): betweenness of b is
     * n/k = 3 times b's own dependency 0, and the rest follows by hand */
    g = sg_graph_new(0);
    size_t a, b, c;
    sg_graph_add_node(g, "a", &a), sg_graph_add_node(g, "b", &b), sg_graph_add_node(g, "c", &c);
    sg_graph_add_edge(g, a, b, NULL), sg_graph_add_edge(g, b, c, NULL);
    for (unsigned long seed = 0; seed < 50; seed++) {
        sg_analysis_options o = {.sample_sources = 1, .seed = seed, .threads = 1};
        sg_analysis *x = NULL;
        sg_diag *diag = sg_diag_new();
        assert_int_equal(sg_analyse(g, &o, &x, diag), SG_OK);
        int64_t pick;
        sg_paths_sample(3, 1, seed, &pick);
        /* the source a (or c) sends one path through b: b's betweenness 1 x 3/1 / 2 halves
         * (undirected) = 1.5; from b itself, 0 */
        assert_true(fabs(sg_analysis_value(x, SG_BETWEENNESS, b) - (pick == 1 ? 0 : 1.5)) <
                    1e-12);
        /* the warning says so */
        int warned = 0;
        for (size_t k = 0; k < sg_diag_count(diag); k++)
            warned |= strstr(sg_diag_get(diag, k)->text, "estimates, not exact values") != NULL;
        assert_true(warned);
        sg_diag_free(diag);
        sg_analysis_free(x);
    }
    sg_graph_free(g);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_same_bits),
        cmocka_unit_test(test_against_igraph),
        cmocka_unit_test(test_sample),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
