/*
 * Views (src/view/view.c): relation and type filters, ego network, top-k by a measure, collapse
 * by attribute, parallel edges merged. Exact expectations, worked out by hand on one small graph (below).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "stakegraph.h"
#include "util/strbuf.h"

/* Nodes A B C D E; edges e0..e6 in this order. Out-degrees (distinct neighbours, self-loop left
 * out): A 2, B 2, C 1, D 1, E 0. */
static const char small[] =
    "digraph \"small\" {\n"
    "  label = \"Small\";\n"
    "  A [type = donor, label = \"Donor A\"];\n"
    "  B [type = ngo];\n"
    "  C [type = ngo];\n"
    "  D [type = national_government];\n"
    "  E [type = national_government];\n"
    "  A -> B [relation = funding, weight = 10];\n"  /* e0 */
    "  A -> C [relation = funding, weight = 5];\n"   /* e1 */
    "  B -> D [relation = partnership];\n"           /* e2 */
    "  C -> D [relation = partnership, weight = 2];\n" /* e3 */
    "  D -> E [relation = hierarchy];\n"             /* e4 */
    "  B -> C [relation = funding];\n"               /* e5 */
    "  B -> B [relation = partnership];\n"           /* e6 */
    "}\n";

static sg_graph *load(void) {
    sg_graph *g = NULL;
    sg_diag *d = sg_diag_new();
    assert_int_equal(sg_read_dot(small, strlen(small), "small.gv", &g, d), SG_OK);
    sg_diag_free(d);
    return g;
}

/* The ids of the nodes, joined with spaces. */
static void ids(const sg_graph *g, char *out, size_t size) {
    out[0] = '\0';
    for (size_t i = 0; i < sg_graph_node_count(g); i++) {
        if (i)
            strncat(out, " ", size - strlen(out) - 1);
        strncat(out, sg_graph_node_id(g, i), size - strlen(out) - 1);
    }
}

/* The edges as "S>T" joined with spaces. */
static void edges(const sg_graph *g, char *out, size_t size) {
    out[0] = '\0';
    for (size_t e = 0; e < sg_graph_edge_count(g); e++) {
        char one[64];
        snprintf(one, sizeof one, "%s%s>%s", e ? " " : "",
                 sg_graph_node_id(g, sg_graph_edge_source(g, e)),
                 sg_graph_node_id(g, sg_graph_edge_target(g, e)));
        strncat(out, one, size - strlen(out) - 1);
    }
}

static void expect(const sg_graph *v, const char *want_nodes, const char *want_edges) {
    char text[512];
    ids(v, text, sizeof text);
    assert_string_equal(text, want_nodes);
    edges(v, text, sizeof text);
    assert_string_equal(text, want_edges);
}

/* `d` holds one message, a warning with this text. */
static void expect_warning(const sg_diag *d, const char *text) {
    assert_int_equal(sg_diag_count(d), 1);
    assert_int_equal(sg_diag_get(d, 0)->severity, SG_WARNING);
    assert_string_equal(sg_diag_get(d, 0)->text, text);
}

static void test_relations(void **state) {
    (void)state;
    sg_graph *g = load(), *v = NULL;
    assert_int_equal(sg_view_relations(g, "funding", &v), SG_OK);
    expect(v, "A B C D E", "A>B A>C B>C");
    /* Attributes copied: the graph's, the nodes', the edges'. */
    assert_string_equal(sg_graph_attr(v, SG_ON_GRAPH, 0, "label"), "Small");
    assert_string_equal(sg_graph_node_label(v, 0), "Donor A");
    assert_string_equal(sg_graph_node_type(v, 0), "donor");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 0, "weight"), "10");
    assert_string_equal(sg_graph_edge_relation(v, 2), "funding");
    assert_int_equal(sg_graph_directed(v), 1);
    sg_graph_free(v);
    assert_int_equal(sg_view_relations(g, " hierarchy , funding", &v), SG_OK);
    expect(v, "A B C D E", "A>B A>C D>E B>C");
    sg_graph_free(v);
    v = NULL;
    assert_int_equal(sg_view_relations(g, "none_such", &v), SG_EINVAL); /* test_filter_names */
    assert_null(v);
    sg_graph_free(v);
    sg_graph_free(g);
}

static void test_types(void **state) {
    (void)state;
    sg_graph *g = load(), *v = NULL;
    assert_int_equal(sg_view_types(g, "ngo,national_government", &v), SG_OK);
    expect(v, "B C D E", "B>D C>D D>E B>C B>B");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 1, "weight"), "2");
    sg_graph_free(v);
    assert_int_equal(sg_view_types(g, "donor", &v), SG_OK);
    expect(v, "A", "");
    sg_graph_free(v);
    sg_graph_free(g);
}

/* The filters match names as the legend does: ASCII case, ' ' and '-' as '_'; an item that
 * matches nothing is an error naming the values present, and no view is made (a figure of what
 * the other items keep would look like an answer). */
static void test_filter_names(void **state) {
    (void)state;
    sg_graph *g = load(), *v = NULL;
    sg_diag *d = sg_diag_new();
    sg_view_options o = {.relations = "Funding, HIERARCHY"};
    assert_int_equal(sg_view(g, NULL, &o, &v, d), SG_OK);
    expect(v, "A B C D E", "A>B A>C D>E B>C");
    assert_int_equal(sg_diag_count(d), 0);
    sg_graph_free(v);
    v = NULL;
    sg_view_options t = {.types = "National Government,nope"};
    assert_int_equal(sg_view(g, NULL, &t, &v, d), SG_EINVAL);
    assert_null(v);
    assert_int_equal(sg_diag_count(d), 1);
    assert_int_equal(sg_diag_get(d, 0)->severity, SG_ERROR);
    assert_string_equal(sg_diag_get(d, 0)->text, "--type: no node has type 'nope' (types "
                                                 "present: donor, ngo, national_government)");
    sg_view_options r = {.relations = "national-government"};
    assert_int_equal(sg_view(g, NULL, &r, &v, d), SG_EINVAL);
    assert_null(v);
    assert_int_equal(sg_diag_count(d), 2);
    assert_int_equal(sg_diag_get(d, 1)->severity, SG_ERROR);
    assert_string_equal(sg_diag_get(d, 1)->text,
                        "--relation: no edge has relation 'national-government' (relations "
                        "present: funding, partnership, hierarchy)");
    /* the relation filter fails first: the type filter is not reached */
    sg_view_options both = {.relations = "nope", .types = "nope"};
    assert_int_equal(sg_view(g, NULL, &both, &v, d), SG_EINVAL);
    assert_int_equal(sg_diag_count(d), 3);
    assert_int_equal(sg_view_types(g, "donor, nothing", &v), SG_EINVAL);
    assert_null(v);
    assert_int_equal(sg_name_equal("Capacity-Building", "capacity building"), 1);
    assert_int_equal(sg_name_equal(" capacity_building ", "CAPACITY  BUILDING"), 1);
    assert_int_equal(sg_name_equal("capacitybuilding", "capacity_building"), 0);
    assert_int_equal(sg_name_equal("", ""), 0);
    sg_diag_free(d);
    sg_graph_free(g);
}

static void test_ego(void **state) {
    (void)state;
    sg_graph *g = load(), *v = NULL;
    sg_diag *d = sg_diag_new();
    assert_int_equal(sg_view_ego(g, "D", 1, &v, d), SG_OK);
    expect(v, "B C D E", "B>D C>D D>E B>C B>B");
    sg_graph_free(v);
    assert_int_equal(sg_view_ego(g, "D", 0, &v, d), SG_OK);
    expect(v, "D", "");
    sg_graph_free(v);
    /* Direction ignored: E reaches D, then B and C, against the arrows. */
    assert_int_equal(sg_view_ego(g, "E", 2, &v, d), SG_OK);
    expect(v, "B C D E", "B>D C>D D>E B>C B>B");
    sg_graph_free(v);
    assert_int_equal(sg_view_ego(g, "A", 1, &v, d), SG_OK);
    expect(v, "A B C", "A>B A>C B>C B>B");
    sg_graph_free(v);
    assert_int_equal(sg_view_ego(g, "A", 100, &v, d), SG_OK);
    assert_int_equal(sg_graph_node_count(v), 5);
    assert_int_equal(sg_graph_edge_count(v), 7);
    sg_graph_free(v);
    assert_int_equal(sg_diag_count(d), 0);
    /* Within a relation filter: A -funding- B, C only. */
    sg_view_options o = {.relations = "hierarchy", .ego = "E", .radius = 3};
    assert_int_equal(sg_view(g, NULL, &o, &v, d), SG_OK);
    expect(v, "D E", "D>E");
    sg_graph_free(v);
    /* An unknown id is an error naming it; nothing is stored. */
    v = NULL;
    assert_int_equal(sg_view_ego(g, "Nobody", 1, &v, d), SG_EINVAL);
    assert_null(v);
    assert_int_equal(sg_diag_count(d), 1);
    assert_non_null(strstr(sg_diag_get(d, 0)->text, "\"Nobody\""));
    assert_int_equal(sg_diag_get(d, 0)->severity, SG_ERROR);
    sg_diag_free(d);
    sg_graph_free(g);
}

static void test_top(void **state) {
    (void)state;
    sg_graph *g = load(), *v = NULL;
    sg_diag *d = sg_diag_new();
    sg_analysis *a = NULL;
    sg_analysis_options ao = {0};
    assert_int_equal(sg_analyse(g, &ao, &a, d), SG_OK);
    /* A and B tie at 2: input order. */
    assert_int_equal(sg_view_top(g, a, 2, SG_OUT_DEGREE, &v, d), SG_OK);
    expect(v, "A B", "A>B B>B");
    sg_graph_free(v);
    /* C and D tie at 1: C comes first. */
    assert_int_equal(sg_view_top(g, a, 3, SG_OUT_DEGREE, &v, d), SG_OK);
    expect(v, "A B C", "A>B A>C B>C B>B");
    sg_graph_free(v);
    assert_int_equal(sg_view_top(g, a, 50, SG_OUT_DEGREE, &v, d), SG_OK);
    assert_int_equal(sg_graph_node_count(v), 5);
    assert_int_equal(sg_graph_edge_count(v), 7);
    sg_graph_free(v);
    /* After a type filter, the top is taken among what is left: D (in 1, out 1) over E. */
    sg_view_options o = {.types = "national_government", .top = 1, .by = SG_OUT_DEGREE};
    assert_int_equal(sg_view(g, a, &o, &v, d), SG_OK);
    expect(v, "D", "");
    sg_graph_free(v);
    /* Without the analysis: an error. */
    v = NULL;
    size_t before = sg_diag_count(d);
    assert_int_equal(sg_view_top(g, NULL, 2, SG_PAGERANK, &v, d), SG_EINVAL);
    assert_null(v);
    assert_int_equal(sg_diag_count(d), before + 1);
    sg_analysis_free(a);
    /* A measure that was not computed: an error. */
    ao.measures = "degree";
    assert_int_equal(sg_analyse(g, &ao, &a, d), SG_OK);
    assert_int_equal(sg_view_top(g, a, 2, SG_PAGERANK, &v, d), SG_EINVAL);
    assert_null(v);
    sg_analysis_free(a);
    sg_diag_free(d);
    sg_graph_free(g);
}

static void test_collapse(void **state) {
    (void)state;
    sg_graph *g = load(), *v = NULL;
    sg_diag *d = sg_diag_new();
    assert_int_equal(sg_view_collapse(g, "type", &v, d), SG_OK);
    expect(v, "donor ngo national_government",
           "donor>ngo ngo>national_government national_government>national_government "
           "ngo>ngo ngo>ngo");
    /* by type: the legend's names of the types (the figure draws them as they are) */
    assert_string_equal(sg_graph_node_label(v, 0), "Donor (1)");
    assert_string_equal(sg_graph_node_label(v, 1), "NGO (2)");
    assert_string_equal(sg_graph_node_label(v, 2), "National government (2)");
    assert_string_equal(sg_graph_node_type(v, 2), "national_government");
    assert_string_equal(sg_graph_attr(v, SG_ON_NODE, 1, "count"), "2");
    static const struct {
        const char *relation, *count, *weight;
    } want[] = {{"funding", "2", "15"},  {"partnership", "2", "2"}, {"hierarchy", "1", NULL},
                {"funding", "1", NULL}, {"partnership", "1", NULL}};
    assert_int_equal(sg_graph_edge_count(v), 5);
    for (size_t e = 0; e < 5; e++) {
        assert_string_equal(sg_graph_edge_relation(v, e), want[e].relation);
        assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, e, "count"), want[e].count);
        const char *w = sg_graph_attr(v, SG_ON_EDGE, e, "weight");
        if (want[e].weight)
            assert_string_equal(w, want[e].weight);
        else
            assert_null(w);
    }
    sg_graph_free(v);
    /* By an attribute that some nodes lack: they form the "(none)" group. */
    assert_int_equal(sg_view_collapse(g, "label", &v, d), SG_OK);
    expect(v, "Donor A (none)", "Donor A>(none) (none)>(none) (none)>(none) (none)>(none)");
    assert_string_equal(sg_graph_node_label(v, 0), "Donor A (1)");
    assert_string_equal(sg_graph_node_label(v, 1), "no label (4)");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 0, "count"), "2");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 0, "weight"), "15");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 1, "count"), "3"); /* partnership */
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 1, "weight"), "2");
    sg_graph_free(v);
    assert_int_equal(sg_diag_count(d), 0);
    assert_int_equal(sg_view_collapse(g, "", &v, d), SG_EINVAL);
    /* A theme file's names: its label= for a type it names, the name's own display else;
     * a node without a type is in the group "No type". */
    char theme[64];
    snprintf(theme, sizeof theme, "/tmp/sg_test_view_%ld.theme", (long)getpid());
    FILE *f = fopen(theme, "w");
    assert_non_null(f);
    fputs("type ngo label=\"Civil society\" fill=#112233 shape=box\n", f);
    assert_int_equal(fclose(f), 0);
    static const char untyped[] = "digraph { a [type=ngo]; b [type=donor]; c; d; a -> c }\n";
    sg_graph *u = NULL;
    assert_int_equal(sg_read_dot(untyped, strlen(untyped), "u.gv", &u, NULL), SG_OK);
    sg_view_options themed = {.collapse = "type", .theme_path = theme};
    assert_int_equal(sg_view(u, NULL, &themed, &v, d), SG_OK);
    expect(v, "ngo donor (none)", "ngo>(none)");
    assert_string_equal(sg_graph_node_label(v, 0), "Civil society (1)");
    assert_string_equal(sg_graph_node_label(v, 1), "Donor (1)");
    assert_string_equal(sg_graph_node_label(v, 2), "No type (2)");
    sg_graph_free(v);
    remove(theme);
    v = NULL;
    assert_int_equal(sg_view(u, NULL, &themed, &v, d), SG_EIO); /* the file is gone */
    assert_null(v);
    sg_graph_free(u);
    /* An attribute no node has: an error, not one group "(none)". */
    v = NULL;
    assert_int_equal(sg_view_collapse(g, "nonexist", &v, d), SG_EINVAL);
    assert_null(v);
    assert_non_null(strstr(sg_diag_get(d, sg_diag_count(d) - 1)->text,
                           "no node has the attribute \"nonexist\""));
    sg_diag_free(d);
    sg_graph_free(g);
}

static void test_collapse_undirected(void **state) {
    (void)state;
    static const char text[] = "graph { a [t=x]; b [t=y]; c [t=x];\n"
                               "  a -- b [weight=1.5]; b -- c [weight=2.25]; a -- c; }\n";
    sg_graph *g = NULL, *v = NULL;
    assert_int_equal(sg_read_dot(text, strlen(text), "u.gv", &g, NULL), SG_OK);
    assert_int_equal(sg_view_collapse(g, "t", &v, NULL), SG_OK);
    assert_int_equal(sg_graph_directed(v), 0);
    /* a -- b and b -- c are one pair of groups {x, y}. */
    expect(v, "x y", "x>y x>x");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 0, "count"), "2");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 0, "weight"), "3.75");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 1, "count"), "1");
    assert_null(sg_graph_attr(v, SG_ON_EDGE, 1, "weight"));
    assert_string_equal(sg_graph_node_label(v, 0), "x (2)");
    sg_graph_free(v);
    sg_graph_free(g);
}

/* Parallel edges merged (sg_view_options.merge_parallel): same ends, relation and unit only. */
static void test_merge_parallel(void **state) {
    (void)state;
    static const char text[] =
        "digraph { A; B; C;\n"
        "  A -> B [relation=funding, amount=100, unit=EUR, project=p1, source=IATI];\n" /* e0 */
        "  A -> B [relation=training];\n"                                               /* e1 */
        "  A -> B [relation=funding, amount=250, unit=EUR, project=p2, source=IATI];\n" /* e2 */
        "  B -> A [relation=funding, amount=7, unit=EUR];\n"                            /* e3 */
        "  A -> B [relation=funding, amount=9, unit=USD];\n"                            /* e4 */
        "  A -> C [relation=funding];\n"                                                /* e5 */
        "  A -> B [relation=funding, amount=40.5, unit=EUR, project=p3, source=IATI];\n" /* e6 */
        "  A -> C [relation=funding, amount=\"n/a\"];\n"                                /* e7 */
        "}\n";
    sg_graph *g = NULL, *v = NULL;
    sg_diag *d = sg_diag_new();
    assert_int_equal(sg_read_dot(text, strlen(text), "p.gv", &g, NULL), SG_OK);
    /* Off (the zero value): every edge on its own. */
    sg_view_options each = {0};
    assert_int_equal(sg_view(g, NULL, &each, &v, d), SG_OK);
    expect(v, "A B C", "A>B A>B A>B B>A A>B A>C A>B A>C");
    sg_graph_free(v);
    sg_view_options merge = {.merge_parallel = 1};
    assert_int_equal(sg_view(g, NULL, &merge, &v, d), SG_OK);
    /* e0 e2 e6 at e0's place; e1 (training), e3 (the other way), e4 (USD) apart; e5 e7 one. */
    expect(v, "A B C", "A>B A>B B>A A>B A>C");
    assert_string_equal(sg_graph_edge_relation(v, 0), "funding");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 0, "count"), "3");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 0, "amount"), "390.5"); /* 100+250+40.5 */
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 0, "unit"), "EUR");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 0, "source"), "IATI"); /* shared */
    assert_null(sg_graph_attr(v, SG_ON_EDGE, 0, "project"));                /* differs */
    assert_string_equal(sg_graph_edge_relation(v, 1), "training");
    assert_null(sg_graph_attr(v, SG_ON_EDGE, 1, "count")); /* alone: as it was */
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 2, "amount"), "7");
    assert_null(sg_graph_attr(v, SG_ON_EDGE, 2, "count"));
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 3, "unit"), "USD");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 3, "amount"), "9");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 4, "count"), "2");
    assert_null(sg_graph_attr(v, SG_ON_EDGE, 4, "amount")); /* "n/a" is no amount */
    expect_warning(d, "merging parallel edges: edge A -> C: amount \"n/a\" is not an amount "
                      "(left out of the sum)");
    sg_graph_free(v);
    /* After a filter: only the kept edges are merged. */
    sg_view_options filtered = {.relations = "training,funding", .merge_parallel = 1};
    assert_int_equal(sg_view(g, NULL, &filtered, &v, NULL), SG_OK);
    expect(v, "A B C", "A>B A>B B>A A>B A>C");
    sg_graph_free(v);
    sg_diag_free(d);
    sg_graph_free(g);
    /* Undirected: {a, b} and {b, a} are parallel; the first edge's ends are kept. */
    static const char utext[] = "graph { a -- b [weight=2]; b -- a [weight=3.25];\n"
                                "  a -- b [relation=other]; c -- a [weight=1]; a -- c; }\n";
    assert_int_equal(sg_read_dot(utext, strlen(utext), "u.gv", &g, NULL), SG_OK);
    assert_int_equal(sg_view(g, NULL, &merge, &v, NULL), SG_OK);
    assert_int_equal(sg_graph_directed(v), 0);
    expect(v, "a b c", "a>b a>b c>a");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 0, "count"), "2");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 0, "weight"), "5.25");
    assert_string_equal(sg_graph_edge_relation(v, 1), "other");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 2, "count"), "2");
    assert_string_equal(sg_graph_attr(v, SG_ON_EDGE, 2, "weight"), "1"); /* the one known */
    sg_graph_free(v);
    sg_graph_free(g);
}

/* A filter leaves out the nodes it unlinked (they had an edge in the graph), with a warning;
 * keep_unlinked keeps them. */
static void test_unlinked(void **state) {
    (void)state;
    sg_graph *g = load(), *v = NULL;
    sg_diag *d = sg_diag_new();
    sg_view_options o = {.relations = "hierarchy"};
    assert_int_equal(sg_view(g, NULL, &o, &v, d), SG_OK);
    expect(v, "D E", "D>E");
    expect_warning(d, "3 stakeholders without a link of the chosen relations left out");
    sg_graph_free(v);
    o.keep_unlinked = 1;
    assert_int_equal(sg_view(g, NULL, &o, &v, NULL), SG_OK);
    expect(v, "A B C D E", "D>E");
    sg_graph_free(v);
    /* B's self-loop is a link; A and E go */
    sg_view_options p = {.relations = "partnership"};
    assert_int_equal(sg_view(g, NULL, &p, &v, NULL), SG_OK);
    expect(v, "B C D", "B>D C>D B>B");
    sg_graph_free(v);
    /* around an ego the named node stays, linked or not */
    sg_view_options e = {.relations = "hierarchy", .ego = "A", .radius = 1};
    assert_int_equal(sg_view(g, NULL, &e, &v, NULL), SG_OK);
    expect(v, "A", "");
    sg_graph_free(v);
    sg_diag_free(d);
    sg_graph_free(g);
}

/* A view in words, for a figure's title; ids match in any case, as labels do. */
static void test_describe(void **state) {
    (void)state;
    sg_graph *g = load(), *v = NULL;
    char *text = NULL;
    sg_view_options o = {.relations = "Funding, HIERARCHY", .types = "ngo,donor",
                         .ego = "donor a", .radius = 2, .top = 3, .by = SG_PAGERANK,
                         .collapse = "type"};
    assert_int_equal(sg_view_describe(g, &o, &text), SG_OK);
    assert_string_equal(text, "funding and hierarchy; NGO and donor stakeholders; ego network "
                              "of Donor A, radius 2; top 3 by pagerank; collapsed by type");
    free(text);
    sg_view_options none = {.merge_parallel = 1};
    assert_int_equal(sg_view_describe(g, &none, &text), SG_OK);
    assert_null(text);
    sg_view_options ego = {.ego = "a,e", .radius = 0};
    assert_int_equal(sg_view_describe(g, &ego, &text), SG_OK);
    assert_string_equal(text, "ego network of Donor A and E, radius 0");
    free(text);
    assert_int_equal(sg_view(g, NULL, &ego, &v, NULL), SG_OK);
    expect(v, "A E", "");
    sg_graph_free(v);
    sg_graph_free(g);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relations), cmocka_unit_test(test_types),
        cmocka_unit_test(test_filter_names), cmocka_unit_test(test_ego), cmocka_unit_test(test_top),
        cmocka_unit_test(test_collapse),  cmocka_unit_test(test_collapse_undirected),
        cmocka_unit_test(test_merge_parallel), cmocka_unit_test(test_unlinked),
        cmocka_unit_test(test_describe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
