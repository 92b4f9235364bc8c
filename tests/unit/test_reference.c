/*
 * Reference networks: the analysis against values computed by python-igraph 0.10.2 and
 * networkx 2.8.8 (shared/reference, copied into tests/data/expected).
 *
 * Each network is read from its DOT file in tests/data (converted from
 * shared/reference/inputs), analysed with the default options (damping 0.9 for the
 * Langville-Meyer example), and every node's measures are compared with the expected table,
 * rows matched by node id. Tolerance: 1e-6 relative, 1e-9 absolute near zero (the tables print
 * 10 significant figures). Graph figures come from shared/reference/graph_level.json.
 *
 * SG_TEST_DATA names the tests/data folder (Meson sets it; "." otherwise).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stakegraph.h"

#define REL_TOL 1e-6
#define ABS_TOL 1e-9

/* ---------------------------------------------------------------------------------------- */
/* Files                                                                                    */

#include "test_data.h"

/* The whole file as a NUL-terminated string; fails the test when it cannot be read. */
static char *slurp(const char *rel) {
    char *path = data_path(rel);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fail_msg("cannot open %s", path);
    }
    size_t cap = 4096;
    size_t len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    assert_int_equal(ferror(f), 0);
    fclose(f);
    buf[len] = '\0';
    free(path);
    return buf;
}

/*
 * The next token of `*p` delimited by any of `delims` (cut in place, `*p` moved past it), or
 * NULL at the end. Empty tokens are skipped. (strtok_r is POSIX, not C11.)
 */
static char *next_token(char **p, const char *delims) {
    char *s = *p + strspn(*p, delims);
    if (*s == '\0') {
        *p = s;
        return NULL;
    }
    char *end = s + strcspn(s, delims);
    if (*end != '\0') {
        *end++ = '\0';
    }
    *p = end;
    return s;
}

/* Parses all of `s` as a finite number. Returns 1 on success. */
static int parse_number(const char *s, double *out) {
    char *end = NULL;
    if (s == NULL || *s == '\0') {
        return 0;
    }
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(v)) {
        return 0;
    }
    *out = v;
    return 1;
}

/* ---------------------------------------------------------------------------------------- */
/* Expected tables: plain CSV without quoting, header row first                             */

typedef struct {
    char *text; /* the file, cut into cells in place */
    size_t ncols;
    size_t nrows;
    char **header; /* ncols names */
    char **cells;  /* nrows * ncols cells, row-major */
} table;

/* Splits one line at commas into `cells` (at most `max`); returns the number of cells. */
static size_t split_line(char *line, char **cells, size_t max) {
    size_t n = 0;
    char *p = line;
    for (;;) {
        char *comma = strchr(p, ',');
        assert_true(n < max);
        cells[n++] = p;
        if (comma == NULL) {
            break;
        }
        *comma = '\0';
        p = comma + 1;
    }
    return n;
}

static void table_load(table *t, const char *rel) {
    memset(t, 0, sizeof *t);
    t->text = slurp(rel);
    /* These tables never quote; a quote would mean a format this parser gets wrong. */
    assert_null(strchr(t->text, '"'));

    size_t lines = 0;
    for (const char *p = t->text; *p != '\0'; p++) {
        lines += (*p == '\n');
    }
    lines += 1;
    size_t max_cols = 64;
    t->header = calloc(max_cols, sizeof *t->header);
    t->cells = calloc(lines * max_cols, sizeof *t->cells);
    assert_non_null(t->header);
    assert_non_null(t->cells);

    char *rest = t->text;
    int first = 1;
    for (char *line = next_token(&rest, "\n"); line != NULL; line = next_token(&rest, "\n")) {
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] == '\r') {
            line[--len] = '\0';
        }
        if (len == 0) {
            continue;
        }
        if (first) {
            t->ncols = split_line(line, t->header, max_cols);
            first = 0;
            continue;
        }
        size_t n = split_line(line, t->cells + t->nrows * t->ncols, t->ncols);
        if (n != t->ncols) {
            fail_msg("%s: row %zu has %zu cells, header has %zu", rel, t->nrows + 2, n, t->ncols);
        }
        t->nrows++;
    }
    assert_true(t->ncols >= 2);
    assert_true(t->nrows >= 1);
}

static void table_free(table *t) {
    free(t->text);
    free(t->header);
    free(t->cells);
}

/* Index of column `name`, or -1. */
static long table_col(const table *t, const char *name) {
    for (size_t c = 0; c < t->ncols; c++) {
        if (strcmp(t->header[c], name) == 0) {
            return (long)c;
        }
    }
    return -1;
}

static const char *table_cell(const table *t, size_t row, long col) {
    assert_true(col >= 0 && (size_t)col < t->ncols);
    return t->cells[row * t->ncols + (size_t)col];
}

/* ---------------------------------------------------------------------------------------- */
/* Comparison                                                                               */

static int close_enough(double actual, double expected) {
    if (isnan(actual) || isnan(expected)) {
        return 0;
    }
    double tol = fmax(REL_TOL * fabs(expected), ABS_TOL);
    return fabs(actual - expected) <= tol;
}

/* Counts of comparisons made and failed; a mismatch is printed, the test fails at the end. */
typedef struct {
    const char *network;
    size_t checks;
    size_t failures;
} tally;

static void report_mismatch(tally *ty, const char *what, const char *node, double actual,
                            double expected) {
    double diff = actual - expected;
    double rel = expected != 0.0 ? fabs(diff) / fabs(expected) : fabs(diff);
    print_error("%s: %s of node %s: got %.12g, expected %.12g (diff %.3g, rel %.3g)\n", ty->network,
                what, node, actual, expected, diff, rel);
    ty->failures++;
}

static void check_close(tally *ty, const char *what, const char *node, double actual,
                        double expected) {
    ty->checks++;
    if (!close_enough(actual, expected)) {
        report_mismatch(ty, what, node, actual, expected);
    }
}

static void check_exact(tally *ty, const char *what, const char *node, double actual,
                        double expected) {
    ty->checks++;
    if (!(actual == expected)) {
        report_mismatch(ty, what, node, actual, expected);
    }
}

static void check_missing(tally *ty, const char *what, const char *node, double actual) {
    ty->checks++;
    if (!isnan(actual)) {
        print_error("%s: %s of node %s: got %.12g, expected missing (NaN)\n", ty->network, what,
                    node, actual);
        ty->failures++;
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Reading and analysing                                                                    */

typedef struct {
    sg_graph *graph;
    sg_analysis *analysis;
    sg_diag *diag;
} analysed;

static void analyse_file(analysed *an, const char *gv, double damping) {
    memset(an, 0, sizeof *an);
    an->diag = sg_diag_new();
    assert_non_null(an->diag);

    char *path = data_path(gv);
    sg_read_options ropts;
    memset(&ropts, 0, sizeof ropts);
    int st = sg_read_file(path, &ropts, &an->graph, an->diag);
    if (st != SG_OK) {
        sg_diag_print(an->diag, stderr);
        fail_msg("sg_read_file(%s) returned %d", path, st);
    }
    assert_non_null(an->graph);
    free(path);

    sg_analysis_options aopts;
    memset(&aopts, 0, sizeof aopts);
    aopts.damping = damping;
    st = sg_analyse(an->graph, &aopts, &an->analysis, an->diag);
    if (st != SG_OK) {
        sg_diag_print(an->diag, stderr);
        fail_msg("sg_analyse(%s) returned %d", gv, st);
    }
    assert_non_null(an->analysis);
    if (sg_diag_count_severity(an->diag, SG_ERROR) != 0) {
        sg_diag_print(an->diag, stderr);
    }
    assert_int_equal(sg_diag_count_severity(an->diag, SG_ERROR), 0);
    assert_int_equal(sg_analysis_node_count(an->analysis), sg_graph_node_count(an->graph));
}

static void analysed_free(analysed *an) {
    sg_analysis_free(an->analysis);
    sg_graph_free(an->graph);
    sg_diag_free(an->diag);
}

/* ---------------------------------------------------------------------------------------- */
/* One undirected reference network against its table                                      */

typedef struct {
    const char *network;  /* name in messages */
    const char *gv;       /* input, in tests/data */
    const char *expected; /* table, in tests/data/expected */
    int weighted;         /* every edge has a weight: strength and pagerank_weighted apply */
    /* graph_level.json */
    size_t nodes;
    size_t edges;
    double density;
    size_t weak_components;
} reference_case;

static void check_summary(tally *ty, const sg_summary *s, const reference_case *rc) {
    assert_int_equal(s->nodes, rc->nodes);
    assert_int_equal(s->edges, rc->edges);
    assert_int_equal(s->self_loops, 0);
    assert_int_equal(s->parallel_merged, 0);
    assert_int_equal(s->weighted, rc->weighted);
    assert_int_equal(s->weighted_edges, rc->weighted ? rc->edges : 0);
    assert_int_equal(s->unknown_weights, 0);
    assert_int_equal(s->pagerank_weighted, rc->weighted);
    assert_int_equal(s->weak_components, rc->weak_components);
    check_close(ty, "density", "(graph)", s->density, rc->density);
}

static void run_undirected_case(const reference_case *rc) {
    analysed an;
    analyse_file(&an, rc->gv, 0.0);
    const sg_graph *g = an.graph;
    const sg_analysis *a = an.analysis;
    tally ty = {rc->network, 0, 0};

    assert_int_equal(sg_graph_directed(g), 0);
    assert_int_equal(sg_graph_node_count(g), rc->nodes);
    assert_int_equal(sg_graph_edge_count(g), rc->edges);
    check_summary(&ty, sg_analysis_summary(a), rc);

    char rel[256];
    snprintf(rel, sizeof rel, "expected/%s", rc->expected);
    table t;
    table_load(&t, rel);
    assert_string_equal(t.header[0], "node");
    assert_int_equal(t.nrows, rc->nodes);

    /* Every column this test reads must be in the table: a renamed column is a failure. */
    long c_degree = table_col(&t, "degree");
    long c_betweenness = table_col(&t, "betweenness_raw");
    long c_closeness = table_col(&t, "closeness_igraph");
    long c_harmonic = table_col(&t, "harmonic_norm");
    long c_betweenness_norm = table_col(&t, "betweenness_norm");
    long c_eigenvector = table_col(&t, "eigenvector_max1");
    long c_pagerank = table_col(&t, rc->weighted ? "pagerank_weighted" : "pagerank");
    long c_strength = table_col(&t, "strength");
    assert_true(c_degree > 0);
    assert_true(c_betweenness > 0);
    assert_true(c_closeness > 0);
    assert_true(c_harmonic > 0);
    assert_true(c_betweenness_norm > 0);
    assert_true(c_eigenvector > 0);
    assert_true(c_pagerank > 0);
    /* The weighted tables have strength; the unweighted ones do not. */
    assert_int_equal(c_strength > 0, rc->weighted);

    const struct {
        sg_measure m;
        long col;
    } measures[] = {
        {SG_BETWEENNESS, c_betweenness},
        {SG_BETWEENNESS_NORM, c_betweenness_norm},
        {SG_HARMONIC, c_harmonic},
        {SG_EIGENVECTOR, c_eigenvector},
        {SG_PAGERANK, c_pagerank},
    };

    unsigned char *seen = calloc(rc->nodes, 1);
    assert_non_null(seen);
    for (size_t r = 0; r < t.nrows; r++) {
        const char *id = table_cell(&t, r, 0);
        size_t node = 0;
        if (!sg_graph_find_node(g, id, &node)) {
            print_error("%s: node %s of the expected table is not in the graph\n", rc->network, id);
            ty.failures++;
            continue;
        }
        assert_true(node < rc->nodes);
        if (seen[node]) {
            fail_msg("%s: node %s twice in the expected table", rc->network, id);
        }
        seen[node] = 1;

        double e_degree = 0.0;
        assert_true(parse_number(table_cell(&t, r, c_degree), &e_degree));
        double degree = sg_analysis_value(a, SG_DEGREE, node);
        check_exact(&ty, "degree", id, degree, e_degree);
        /* Undirected input: in = out = all. */
        check_exact(&ty, "in_degree", id, sg_analysis_value(a, SG_IN_DEGREE, node), degree);
        check_exact(&ty, "out_degree", id, sg_analysis_value(a, SG_OUT_DEGREE, node), degree);

        double strength = sg_analysis_value(a, SG_STRENGTH, node);
        if (rc->weighted) {
            double e_strength = 0.0;
            assert_true(parse_number(table_cell(&t, r, c_strength), &e_strength));
            check_close(&ty, "strength", id, strength, e_strength);
        } else {
            /* No weights: every edge weighs 1, so strength = degree (design.md). */
            check_exact(&ty, "strength", id, strength, e_degree);
        }
        check_exact(&ty, "in_strength", id, sg_analysis_value(a, SG_IN_STRENGTH, node), strength);
        check_exact(&ty, "out_strength", id, sg_analysis_value(a, SG_OUT_STRENGTH, node), strength);

        for (size_t k = 0; k < sizeof measures / sizeof measures[0]; k++) {
            double e = 0.0;
            assert_true(parse_number(table_cell(&t, r, measures[k].col), &e));
            check_close(&ty, sg_measure_name(measures[k].m), id,
                        sg_analysis_value(a, measures[k].m, node), e);
        }

        /* The reference writes 0 for an isolate's closeness; the tool reports it missing. */
        double e_closeness = 0.0;
        assert_true(parse_number(table_cell(&t, r, c_closeness), &e_closeness));
        double closeness = sg_analysis_value(a, SG_CLOSENESS, node);
        if (e_degree == 0.0) {
            assert_true(e_closeness == 0.0);
            check_missing(&ty, "closeness", id, closeness);
        } else {
            check_close(&ty, "closeness", id, closeness, e_closeness);
        }
    }
    for (size_t i = 0; i < rc->nodes; i++) {
        if (!seen[i]) {
            print_error("%s: node %s has no row in the expected table\n", rc->network,
                        sg_graph_node_id(g, i));
            ty.failures++;
        }
    }
    free(seen);

    print_message("%s: %zu comparisons, %zu failed\n", rc->network, ty.checks, ty.failures);
    /* Per node: degree, in/out degree, strength, in/out strength, betweenness (raw and
     * normalised), harmonic, eigenvector, pagerank, closeness; then the density. */
    assert_int_equal(ty.checks, rc->nodes * 12 + 1);
    assert_int_equal(ty.failures, 0);

    table_free(&t);
    analysed_free(&an);
}

/* ---------------------------------------------------------------------------------------- */
/* The networks                                                                             */

/* Zachary's karate club with the interaction counts as weights (UCINET ZACHC). */
static void test_karate_weighted(void **state) {
    (void)state;
    const reference_case rc = {"karate",
                               "karate.gv",
                               "karate_weighted_zachc.centrality.csv",
                               1,
                               34,
                               78,
                               0.13903743315508021,
                               1};
    run_undirected_case(&rc);
}

static void test_karate_unweighted(void **state) {
    (void)state;
    const reference_case rc = {"karate-unweighted",
                               "karate-unweighted.gv",
                               "karate_unweighted.centrality.csv",
                               0,
                               34,
                               78,
                               0.13903743315508021,
                               1};
    run_undirected_case(&rc);
}

/* Padgett's Florentine families, marriage ties, without the isolate Pucci. */
static void test_florentine15(void **state) {
    (void)state;
    const reference_case rc = {"florentine15",
                               "florentine15.gv",
                               "florentine_marriage_15.centrality.csv",
                               0,
                               15,
                               20,
                               0.19047619047619047,
                               1};
    run_undirected_case(&rc);
}

/* The same with the isolate Pucci: two components, closeness missing for Pucci. */
static void test_florentine16(void **state) {
    (void)state;
    const reference_case rc = {"florentine16",
                               "florentine16.gv",
                               "florentine_marriage_16.centrality.csv",
                               0,
                               16,
                               20,
                               0.16666666666666666,
                               2};
    run_undirected_case(&rc);
}

/* Krackhardt's kite. */
static void test_kite(void **state) {
    (void)state;
    const reference_case rc = {"kite", "kite.gv", "krackhardt_kite.centrality.csv", 0, 10, 18,
                               0.4,    1};
    run_undirected_case(&rc);
}

/* Les Misérables co-appearances, weighted. */
static void test_lesmis(void **state) {
    (void)state;
    const reference_case rc = {
        "lesmis", "lesmis.gv", "les_miserables.centrality.csv", 1, 77, 254, 0.08680792891319207, 1};
    run_undirected_case(&rc);
}

/*
 * The expected PageRank of the Langville-Meyer example: the "igraph" line of the expected file,
 * "igraph ... damping 0.9: 1:0.03721197 2:0.05395735 ...". Stores up to `max` ids and values.
 */
static size_t load_langville_meyer(char ids[][16], double *values, size_t max) {
    char *text = slurp("expected/langville_meyer_pagerank.expected.txt");
    size_t n = 0;
    int found = 0;
    char *rest = text;
    for (char *line = next_token(&rest, "\n"); line != NULL; line = next_token(&rest, "\n")) {
        if (strncmp(line, "igraph", 6) != 0) {
            continue;
        }
        found = 1;
        char *words = line;
        for (char *tok = next_token(&words, " \t\r"); tok != NULL;
             tok = next_token(&words, " \t\r")) {
            /* "ID:VALUE" with both sides present; "0.9:" and words are skipped. */
            char *colon = strchr(tok, ':');
            double v = 0.0;
            if (colon == NULL || colon == tok || !parse_number(colon + 1, &v)) {
                continue;
            }
            *colon = '\0';
            assert_true(n < max);
            assert_true(strlen(tok) < 16);
            strcpy(ids[n], tok);
            values[n] = v;
            n++;
        }
        break;
    }
    assert_true(found);
    free(text);
    return n;
}

/* Langville and Meyer's 6-node example: directed, damping 0.9, node 2 dangling. */
static void test_langville_meyer(void **state) {
    (void)state;
    analysed an;
    analyse_file(&an, "langville-meyer.gv", 0.9);
    const sg_graph *g = an.graph;
    const sg_analysis *a = an.analysis;
    tally ty = {"langville-meyer", 0, 0};

    assert_int_equal(sg_graph_directed(g), 1);
    assert_int_equal(sg_graph_node_count(g), 6);
    assert_int_equal(sg_graph_edge_count(g), 10);

    /* Graph figures by hand from the 10 arcs: 1->2 1->3 3->1 3->2 3->5 4->5 4->6 5->4 5->6
     * 6->4. Density 10 / (6 * 5); reciprocated arcs 1<->3, 4<->5, 4<->6: 6 of 10; one weak
     * component (3->5 joins {1,2,3} and {4,5,6}). */
    const sg_summary *s = sg_analysis_summary(a);
    assert_int_equal(s->nodes, 6);
    assert_int_equal(s->edges, 10);
    assert_int_equal(s->self_loops, 0);
    assert_int_equal(s->parallel_merged, 0);
    assert_int_equal(s->weighted, 0);
    assert_int_equal(s->weighted_edges, 0);
    assert_int_equal(s->pagerank_weighted, 0);
    assert_int_equal(s->weak_components, 1);
    check_close(&ty, "density", "(graph)", s->density, 10.0 / 30.0);
    check_close(&ty, "reciprocity", "(graph)", s->reciprocity, 0.6);

    /* Distinct neighbours by direction, by hand from the arcs above. */
    static const struct {
        const char *id;
        double in, out;
    } degrees[] = {
        {"1", 1, 2}, {"2", 2, 0}, {"3", 1, 3}, {"4", 2, 2}, {"5", 2, 2}, {"6", 2, 1},
    };
    for (size_t k = 0; k < sizeof degrees / sizeof degrees[0]; k++) {
        size_t node = 0;
        assert_true(sg_graph_find_node(g, degrees[k].id, &node));
        const char *id = degrees[k].id;
        check_exact(&ty, "in_degree", id, sg_analysis_value(a, SG_IN_DEGREE, node), degrees[k].in);
        check_exact(&ty, "out_degree", id, sg_analysis_value(a, SG_OUT_DEGREE, node),
                    degrees[k].out);
        check_exact(&ty, "degree", id, sg_analysis_value(a, SG_DEGREE, node),
                    degrees[k].in + degrees[k].out);
        /* No weights: every arc weighs 1. */
        check_exact(&ty, "in_strength", id, sg_analysis_value(a, SG_IN_STRENGTH, node),
                    degrees[k].in);
        check_exact(&ty, "out_strength", id, sg_analysis_value(a, SG_OUT_STRENGTH, node),
                    degrees[k].out);
    }

    char ids[8][16];
    double expected[8];
    size_t n = load_langville_meyer(ids, expected, 8);
    assert_int_equal(n, 6);
    for (size_t k = 0; k < n; k++) {
        size_t node = 0;
        if (!sg_graph_find_node(g, ids[k], &node)) {
            fail_msg("langville-meyer: node %s of the expected file is not in the graph", ids[k]);
        }
        check_close(&ty, "pagerank", ids[k], sg_analysis_value(a, SG_PAGERANK, node), expected[k]);
    }

    print_message("langville-meyer: %zu comparisons, %zu failed\n", ty.checks, ty.failures);
    assert_int_equal(ty.checks, 2 + 6 * 5 + 6);
    assert_int_equal(ty.failures, 0);
    analysed_free(&an);
}

/* Graph figures against shared/reference/graph_level.json (python-igraph and networkx):
 * global transitivity, the mean local clustering over nodes where it is defined, and Freeman's
 * degree and betweenness centralisation. */
static void test_graph_level(void **state) {
    (void)state;
    static const struct {
        const char *gv;
        double transitivity, avglocal, cent_degree, cent_betweenness;
    } cases[] = {
        {"karate.gv", 0.2556818181818182, 0.5879305533048848, 0.3996212121212121,
         0.40555719532992257},
        {"florentine16.gv", 0.19148936170212766, 0.21818181818181817, 0.26666666666666666,
         0.3834920634920635},
        {"florentine15.gv", 0.19148936170212766, 0.21818181818181817, 0.27472527472527475,
         0.4368131868131868},
        {"kite.gv", 0.5789473684210527, 0.5777777777777777, 0.3333333333333333,
         0.2962962962962963},
        {"lesmis.gv", 0.49893162393162394, 0.735525495746084, 0.3971929824561404,
         0.5553190103110119},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        analysed an;
        analyse_file(&an, cases[k].gv, 0.0);
        tally ty = {cases[k].gv, 0, 0};
        const sg_summary *s = sg_analysis_summary(an.analysis);
        check_close(&ty, "transitivity", "(graph)", s->transitivity, cases[k].transitivity);
        check_close(&ty, "degree centralisation", "(graph)", s->centralization_degree,
                    cases[k].cent_degree);
        check_close(&ty, "betweenness centralisation", "(graph)",
                    s->centralization_betweenness, cases[k].cent_betweenness);
        double sum = 0;
        size_t defined = 0;
        for (size_t i = 0; i < sg_analysis_node_count(an.analysis); i++) {
            double c = sg_analysis_value(an.analysis, SG_CLUSTERING, i);
            if (!isnan(c)) {
                sum += c;
                defined++;
            }
        }
        assert_true(defined > 0);
        check_close(&ty, "mean local clustering", "(graph)", sum / (double)defined,
                    cases[k].avglocal);
        assert_int_equal(ty.failures, 0);
        analysed_free(&an);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_karate_weighted),
        cmocka_unit_test(test_karate_unweighted),
        cmocka_unit_test(test_florentine15),
        cmocka_unit_test(test_florentine16),
        cmocka_unit_test(test_kite),
        cmocka_unit_test(test_graph_level),
        cmocka_unit_test(test_lesmis),
        cmocka_unit_test(test_langville_meyer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
