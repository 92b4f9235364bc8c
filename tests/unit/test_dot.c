/*
 * The DOT reader: what it keeps (nodes in order of first appearance, edges in file order,
 * attributes, direction) and what it refuses (syntax errors with their line, keyword ids, ids
 * split by cgraph, deep nesting, empty input), on inline text and on the cases of
 * shared/cases (copied into tests/data/cases).
 *
 * SG_TEST_DATA names the tests/data folder (Meson sets it; "." otherwise).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stakegraph.h"

/* ---------------------------------------------------------------------------------------- */
/* Helpers                                                                                  */

#include "test_data.h"

/* Reads the DOT text `dot` (NUL-terminated) named `name`; expects success. */
static sg_graph *read_ok(const char *dot, const char *name) {
    sg_diag *d = sg_diag_new();
    sg_graph *g = (sg_graph *)1;
    int rc = sg_read_dot(dot, strlen(dot), name, &g, d);
    if (rc != SG_OK) {
        sg_diag_print(d, stderr);
        fail_msg("reading %s failed with %d", name, rc);
    }
    assert_non_null(g);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 0);
    sg_diag_free(d);
    return g;
}

/* Reads the file tests/data/rel; expects success. */
static sg_graph *read_file_ok(const char *rel) {
    char *path = data_path(rel);
    sg_diag *d = sg_diag_new();
    sg_graph *g = (sg_graph *)1;
    int rc = sg_read_file(path, NULL, &g, d);
    if (rc != SG_OK) {
        sg_diag_print(d, stderr);
        fail_msg("reading %s failed with %d", path, rc);
    }
    assert_non_null(g);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 0);
    sg_diag_free(d);
    free(path);
    return g;
}

/* The first error in `d` whose line is `line` and whose text holds `text` (NULL: any), or
 * NULL. */
static const sg_message *find_error(const sg_diag *d, long line, const char *text) {
    for (size_t i = 0; i < sg_diag_count(d); i++) {
        const sg_message *m = sg_diag_get(d, i);
        if (m->severity == SG_ERROR && m->line == line && (!text || strstr(m->text, text)))
            return m;
    }
    return NULL;
}

/* Expects reading the DOT text dot[0..n) named `name` to fail with SG_EPARSE and no graph, with
 * an error naming `name` on line `line` whose text holds `text` (line < 0: any error at all). */
static void expect_text_error(const char *dot, size_t n, const char *name, long line,
                              const char *text) {
    sg_diag *d = sg_diag_new();
    sg_graph *g = (sg_graph *)1;
    assert_int_equal(sg_read_dot(dot, n, name, &g, d), SG_EPARSE);
    assert_null(g);
    if (line >= 0) {
        const sg_message *m = find_error(d, line, text);
        if (!m)
            sg_diag_print(d, stderr);
        assert_non_null(m);
        assert_string_equal(m->file, name);
    } else {
        assert_true(sg_diag_count_severity(d, SG_ERROR) >= 1);
    }
    sg_diag_free(d);
}

/* Expects reading the file tests/data/rel to fail with `want` and an error on line `line`
 * whose text holds `text` (NULL: any text) and that names the file. */
static void expect_file_error(const char *rel, int want, long line, const char *text) {
    char *path = data_path(rel);
    sg_diag *d = sg_diag_new();
    sg_graph *g = (sg_graph *)1;
    int rc = sg_read_file(path, NULL, &g, d);
    if (rc != want || find_error(d, line, text) == NULL) {
        sg_diag_print(d, stderr);
        fail_msg("%s: got status %d, want %d with an error on line %ld holding \"%s\"", rel, rc,
                 want, line, text ? text : "");
    }
    /* Never a graph, not even a partial one. */
    assert_null(g);
    const sg_message *m = find_error(d, line, text);
    assert_non_null(m->file);
    assert_string_equal(m->file, path);
    sg_diag_free(d);
    free(path);
}

/* Checks the node ids of `g` in order. */
static void expect_nodes(const sg_graph *g, const char *const *ids, size_t n) {
    assert_int_equal(sg_graph_node_count(g), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(sg_graph_node_id(g, i), ids[i]);
}

/* Checks the edges of `g` in order, given as pairs of ids. */
static void expect_edges(const sg_graph *g, const char *const (*pairs)[2], size_t m) {
    assert_int_equal(sg_graph_edge_count(g), m);
    for (size_t e = 0; e < m; e++) {
        assert_string_equal(sg_graph_node_id(g, sg_graph_edge_source(g, e)), pairs[e][0]);
        assert_string_equal(sg_graph_node_id(g, sg_graph_edge_target(g, e)), pairs[e][1]);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Inline text                                                                              */

static void test_small_digraph(void **state) {
    (void)state;
    sg_graph *g = read_ok("digraph { A -> B; B -> C; }", "small.gv");
    assert_int_equal(sg_graph_directed(g), 1);
    static const char *const ids[] = {"A", "B", "C"};
    static const char *const edges[][2] = {{"A", "B"}, {"B", "C"}};
    expect_nodes(g, ids, 3);
    expect_edges(g, edges, 2);
    sg_graph_free(g);
}

static void test_undirected(void **state) {
    (void)state;
    sg_graph *g = read_ok("graph { a -- b; c -- a }", "u.gv");
    assert_int_equal(sg_graph_directed(g), 0);
    static const char *const ids[] = {"a", "b", "c"};
    static const char *const edges[][2] = {{"a", "b"}, {"c", "a"}};
    expect_nodes(g, ids, 3);
    expect_edges(g, edges, 2);
    sg_graph_free(g);
}

/* sg_read_buffer picks the reader by the name's extension or the format option. */
static void test_read_buffer(void **state) {
    (void)state;
    static const char dot[] = "digraph { x -> y }";
    sg_diag *d = sg_diag_new();
    sg_graph *g = NULL;
    assert_int_equal(sg_read_buffer(dot, strlen(dot), "f.gv", NULL, &g, d), SG_OK);
    assert_non_null(g);
    assert_int_equal(sg_graph_edge_count(g), 1);
    sg_graph_free(g);
    assert_int_equal(sg_read_buffer(dot, strlen(dot), "F.DOT", NULL, &g, d), SG_OK);
    assert_int_equal(sg_graph_node_count(g), 2);
    sg_graph_free(g);
    sg_read_options o = {0};
    o.format = "dot";
    assert_int_equal(sg_read_buffer(dot, strlen(dot), "f.txt", &o, &g, d), SG_OK);
    assert_int_equal(sg_graph_node_count(g), 2);
    sg_graph_free(g);
    assert_int_equal(sg_diag_count(d), 0);

    /* Not NUL-terminated: only `size` bytes are read. */
    static const char longer[] = "digraph { x -> y } trailing garbage {{{";
    assert_int_equal(sg_read_buffer(longer, strlen(dot), "f.gv", NULL, &g, d), SG_OK);
    assert_int_equal(sg_graph_edge_count(g), 1);
    sg_graph_free(g);

    /* No format and an unknown extension: an error, no graph. */
    g = (sg_graph *)1;
    assert_int_equal(sg_read_buffer(dot, strlen(dot), "f.txt", NULL, &g, d), SG_EINVAL);
    assert_null(g);
    o.format = "no-such-format";
    g = (sg_graph *)1;
    assert_int_equal(sg_read_buffer(dot, strlen(dot), "f.gv", &o, &g, d), SG_EINVAL);
    assert_null(g);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 2);
    sg_diag_free(d);
}

static void test_empty_buffer(void **state) {
    (void)state;
    static const char none[1] = "";
    sg_diag *d = sg_diag_new();
    sg_graph *g = (sg_graph *)1;
    assert_int_equal(sg_read_buffer(none, 0, "empty.gv", NULL, &g, d), SG_EINVAL);
    assert_null(g);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 1);
    const sg_message *m = sg_diag_get(d, 0);
    assert_string_equal(m->text, "empty file");
    assert_string_equal(m->file, "empty.gv");
    sg_diag_free(d);

    d = sg_diag_new();
    g = (sg_graph *)1;
    assert_int_equal(sg_read_dot(none, 0, "e.gv", &g, d), SG_EINVAL);
    assert_null(g);
    assert_non_null(find_error(d, 0, "empty file"));
    sg_diag_free(d);
}

static void test_empty_file(void **state) {
    (void)state;
    char *path = data_path("cases/R27-empty-file.gv");
    sg_diag *d = sg_diag_new();
    sg_graph *g = (sg_graph *)1;
    assert_int_equal(sg_read_file(path, NULL, &g, d), SG_EINVAL);
    assert_null(g);
    const sg_message *m = find_error(d, 0, "empty file");
    assert_non_null(m);
    assert_string_equal(m->file, path);
    sg_diag_free(d);
    free(path);
}

static void test_missing_file(void **state) {
    (void)state;
    char *path = data_path("cases/no-such-file.gv");
    sg_diag *d = sg_diag_new();
    sg_graph *g = (sg_graph *)1;
    assert_int_equal(sg_read_file(path, NULL, &g, d), SG_EIO);
    assert_null(g);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 1);
    assert_string_equal(sg_diag_get(d, 0)->file, path);
    sg_diag_free(d);
    free(path);
}

static void test_syntax_error_line(void **state) {
    (void)state;
    static const char dot[] = "digraph {\n"
                              "  a -> b;\n"
                              "  c -> ;\n"
                              "  d -> e;\n"
                              "}\n";
    expect_text_error(dot, strlen(dot), "bad.gv", 3, NULL);
    /* Unbalanced braces: an error too, never a partial graph. */
    static const char open[] = "digraph {\n  a -> b;\n";
    expect_text_error(open, strlen(open), "open.gv", -1, NULL);
    /* Not DOT at all. */
    static const char text[] = "Source,Target\nA,B\n";
    expect_text_error(text, strlen(text), "t.gv", -1, NULL);
    /* A NUL byte inside the text. */
    static const char nul[] = "digraph { a -> b }\0digraph { c }";
    expect_text_error(nul, sizeof nul - 1, "nul.gv", -1, NULL);
}

/* An error leaves no state behind in cgraph: the next good text reads cleanly. */
static void test_good_after_bad(void **state) {
    (void)state;
    static const char bad[] = "digraph {\n node -> edge;\n}\n";
    sg_diag *d = sg_diag_new();
    sg_graph *g = (sg_graph *)1;
    assert_int_equal(sg_read_dot(bad, strlen(bad), "bad.gv", &g, d), SG_EPARSE);
    assert_null(g);
    sg_diag_free(d);
    d = sg_diag_new();
    static const char good[] = "digraph {\n \"node\" -> \"edge\";\n}\n";
    assert_int_equal(sg_read_dot(good, strlen(good), "good.gv", &g, d), SG_OK);
    assert_int_equal(sg_diag_count(d), 0);
    static const char *const ids[] = {"node", "edge"};
    expect_nodes(g, ids, 2);
    sg_graph_free(g);
    sg_diag_free(d);
}

/* Quoted ids may be keywords, hold spaces, UTF-8 and escaped quotes. */
static void test_quoted_ids(void **state) {
    (void)state;
    sg_graph *g = read_ok("digraph {\n"
                          "  \"node\" -> \"Göç İdaresi Başkanlığı\";\n"
                          "  \"2030Gundem\" -> \"say \\\"hi\\\"\";\n"
                          "  \"EDGE\";\n"
                          "}\n",
                          "q.gv");
    static const char *const ids[] = {"node", "Göç İdaresi Başkanlığı", "2030Gundem", "say \"hi\"",
                                      "EDGE"};
    expect_nodes(g, ids, 5);
    sg_graph_free(g);
}

/* Nodes in order of first appearance, wherever they first appear (edge, node statement,
 * subgraph); edges in file order, also inside subgraphs and edge chains. */
static void test_order(void **state) {
    (void)state;
    sg_graph *g = read_ok("digraph {\n"
                          "  c -> d;\n"
                          "  subgraph cluster_1 { a -> b; e; }\n"
                          "  b -> c;\n"
                          "  subgraph { subgraph inner { d -> a } }\n"
                          "  f;\n"
                          "  a -> b;\n"
                          "  b -> f -> c;\n"
                          "  d -> a;\n"
                          "}\n",
                          "order.gv");
    static const char *const ids[] = {"c", "d", "a", "b", "e", "f"};
    static const char *const edges[][2] = {{"c", "d"}, {"a", "b"}, {"b", "c"}, {"d", "a"},
                                           {"a", "b"}, {"b", "f"}, {"f", "c"}, {"d", "a"}};
    expect_nodes(g, ids, 6);
    expect_edges(g, edges, 8);
    sg_graph_free(g);

    /* An edge to a subgraph: one edge per member, in the subgraph's order. */
    g = read_ok("digraph { z -> { y x } ; w }", "fan.gv");
    static const char *const ids2[] = {"z", "y", "x", "w"};
    static const char *const edges2[][2] = {{"z", "y"}, {"z", "x"}};
    expect_nodes(g, ids2, 4);
    expect_edges(g, edges2, 2);
    sg_graph_free(g);
}

/* Attributes: set ones kept, defaults applied, "" values left out. */
static void test_attributes(void **state) {
    (void)state;
    sg_graph *g = read_ok("digraph {\n"
                          "  label = \"Funding in Türkiye\";\n"
                          "  node [type = donor];\n"
                          "  EU [label = \"EU Delegation\"];\n"
                          "  node [type = \"\"];\n"
                          "  IOM [type = international_organisation, notes = \"\"];\n"
                          "  MoT;\n"
                          "  edge [relation = funding];\n"
                          "  EU -> IOM [weight = 250000, project = \"P1\", note = \"\"];\n"
                          "  MoT -> IOM [relation = hierarchy];\n"
                          "  edge [relation = \"\"];\n"
                          "  IOM -> MoT;\n"
                          "  XX [color = red];\n"
                          "}\n",
                          "attrs.gv");
    assert_string_equal(sg_graph_attr(g, SG_ON_GRAPH, 0, "label"), "Funding in Türkiye");
    static const char *const ids[] = {"EU", "IOM", "MoT", "XX"};
    expect_nodes(g, ids, 4);

    /* EU: the default type, its own label. */
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 0, "type"), "donor");
    assert_string_equal(sg_graph_node_type(g, 0), "donor");
    assert_string_equal(sg_graph_node_label(g, 0), "EU Delegation");
    assert_int_equal(sg_graph_attr_count(g, SG_ON_NODE, 0), 2);
    /* IOM: its own type; notes = "" left out; no label: the id. */
    assert_string_equal(sg_graph_node_type(g, 1), "international_organisation");
    assert_null(sg_graph_attr(g, SG_ON_NODE, 1, "notes"));
    assert_null(sg_graph_attr(g, SG_ON_NODE, 1, "label"));
    assert_string_equal(sg_graph_node_label(g, 1), "IOM");
    assert_int_equal(sg_graph_attr_count(g, SG_ON_NODE, 1), 1);
    /* MoT: declared after the default became "": no type at all. */
    assert_null(sg_graph_attr(g, SG_ON_NODE, 2, "type"));
    assert_string_equal(sg_graph_node_type(g, 2), "");
    assert_int_equal(sg_graph_attr_count(g, SG_ON_NODE, 2), 0);
    /* An attribute set on one node only is not on the others. */
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 3, "color"), "red");
    assert_null(sg_graph_attr(g, SG_ON_NODE, 0, "color"));

    assert_int_equal(sg_graph_edge_count(g), 3);
    assert_string_equal(sg_graph_edge_relation(g, 0), "funding");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "weight"), "250000");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "project"), "P1");
    assert_null(sg_graph_attr(g, SG_ON_EDGE, 0, "note"));
    assert_int_equal(sg_graph_attr_count(g, SG_ON_EDGE, 0), 3);
    assert_string_equal(sg_graph_edge_relation(g, 1), "hierarchy");
    assert_null(sg_graph_attr(g, SG_ON_EDGE, 1, "weight"));
    assert_string_equal(sg_graph_edge_relation(g, 2), "");
    assert_null(sg_graph_attr(g, SG_ON_EDGE, 2, "relation"));
    assert_int_equal(sg_graph_attr_count(g, SG_ON_EDGE, 2), 0);
    sg_graph_free(g);
}

/* Strings joined with + are one; attributes other than labels keep their backslashes as
 * cgraph gives them. */
static void test_concatenated_strings(void **state) {
    (void)state;
    sg_graph *g = read_ok("digraph { A [notes = \"one \" + \"t\\nwo\", label = \"x\\ny\"] }", "c.gv");
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 0, "notes"), "one t\\nwo");
    assert_string_equal(sg_graph_node_label(g, 0), "x\ny");
    sg_graph_free(g);
}

/* A label reads as Graphviz draws it (escString): \n \l \r line breaks (one at the end
 * dropped), \N \G \E \T \H names, \\ a backslash, any other backslash dropped; names
 * and HTML-like labels untouched. stakegraph's own figures wrap labels with \n: read back,
 * the lines are lines, not a literal "\n" (examples/iati-tuerkiye/usaid-tr.gv). */
static void test_label_escapes(void **state) {
    (void)state;
    sg_graph *g = read_ok("digraph G { a [label=\"Ministry of\\nTrade\\l\"];"
                          " b [label=\"\\N in \\G\\r\\q\"]; \"C:\\\\\";"
                          " a -> b [label=\"\\E \\T \\H\", xlabel=\"1\\n2\"];"
                          " h [label=<x\\ny>]; t [label=\"end\\\\\"] }",
                          "e.gv");
    assert_int_equal(sg_graph_node_count(g), 5);
    assert_string_equal(sg_graph_node_label(g, 0), "Ministry of\nTrade");
    assert_string_equal(sg_graph_node_label(g, 1), "b in G\nq");
    assert_string_equal(sg_graph_node_label(g, 2), "C:\\\\"); /* a name: literal (R04) */
    assert_string_equal(sg_graph_node_label(g, 3), "x\\ny");    /* HTML-like */
    assert_string_equal(sg_graph_node_label(g, 4), "end\\");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "label"), "a->b a b");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "xlabel"), "1\n2");
    sg_graph_free(g);
}

/* ---------------------------------------------------------------------------------------- */
/* The cases of shared/cases                                                                */

/* R01: DOT keywords as unquoted ids: a syntax error on line 3, naming the file. */
static void test_r01_keyword_ids(void **state) {
    (void)state;
    expect_file_error("cases/R01-keyword-ids.gv", SG_EPARSE, 3, NULL);
}

/* R02: 2030Gundem is split by cgraph ("badly delimited number"): an error on line 2. */
static void test_r02_digit_leading_ids(void **state) {
    (void)state;
    expect_file_error("cases/R02-digit-leading-ids.gv", SG_EPARSE, 2, "badly delimited number");
}

/* R09: 10000 nested braces: "nesting too deep" on line 2, never a partial graph. */
static void test_r09_nested_braces(void **state) {
    (void)state;
    expect_file_error("cases/R09-nested-braces-10000.gv", SG_EPARSE, 2, "nesting too deep");
}

/* Nesting up to a sensible depth is fine; braces inside strings and comments do not count. */
static void test_moderate_nesting(void **state) {
    (void)state;
    char dot[4096];
    size_t n = 0;
    n += (size_t)snprintf(dot + n, sizeof dot - n, "digraph {\n a -> ");
    for (int i = 0; i < 50; i++)
        dot[n++] = '{';
    n += (size_t)snprintf(dot + n, sizeof dot - n, " b ");
    for (int i = 0; i < 50; i++)
        dot[n++] = '}';
    dot[n] = '\0';
    /* 300 opening braces that are text, not structure. */
    n += (size_t)snprintf(dot + n, sizeof dot - n, "\n c [label = \"");
    for (int i = 0; i < 300; i++)
        dot[n++] = '{';
    n += (size_t)snprintf(dot + n, sizeof dot - n, "\"];\n /* ");
    for (int i = 0; i < 300; i++)
        dot[n++] = '{';
    n += (size_t)snprintf(dot + n, sizeof dot - n, " */\n}\n");
    assert_true(n < sizeof dot);
    sg_graph *g = read_ok(dot, "nest.gv");
    static const char *const ids[] = {"a", "b", "c"};
    static const char *const edges[][2] = {{"a", "b"}};
    expect_nodes(g, ids, 3);
    expect_edges(g, edges, 1);
    assert_int_equal(strlen(sg_graph_node_label(g, 2)), 300);
    sg_graph_free(g);
}

/* A file of several graphs is refused, naming the line where the second begins and how many
 * would be left out (Graphviz's dot draws them all; a report is about one). */
static void test_multiple_graphs(void **state) {
    (void)state;
    expect_file_error("two-graphs.gv", SG_EPARSE, 6,
                      "the file holds 2 graphs and stakegraph reads one graph a file (1 would "
                      "be left out)");
    /* Braces in strings, HTML strings and comments do not end the first graph. */
    static const char three[] = "digraph {\n"
                                "  a [label=\"}\", xlabel=<<b>}</b>>]; // }\n"
                                "}\n"
                                "/* {\n"
                                "   } */\n"
                                "graph B { c }\n"
                                "graph C { d }\n";
    expect_text_error(three, strlen(three), "three.gv", 6, "3 graphs and stakegraph reads one "
                                                           "graph a file (2 would be left out)");
    /* Only comments after the graph: one graph. */
    sg_graph *one = read_ok("digraph { a -> b }\n/* the end */\n// {\n# 2\n", "one.gv");
    assert_int_equal(sg_graph_node_count(one), 2);
    sg_graph_free(one);
    /* Text after the graph that is no graph: a syntax error on its line. */
    static const char junk[] = "digraph { a -> b }\n\n} x\n";
    expect_text_error(junk, strlen(junk), "junk.gv", 3, "syntax error");
}

/* R27: an empty graph is a graph with no nodes, not an error. */
static void test_r27_empty_graph(void **state) {
    (void)state;
    sg_graph *g = read_file_ok("cases/R27-empty-graph.gv");
    assert_int_equal(sg_graph_directed(g), 1);
    assert_int_equal(sg_graph_node_count(g), 0);
    assert_int_equal(sg_graph_edge_count(g), 0);
    sg_graph_free(g);
}

static void test_r27_single_node(void **state) {
    (void)state;
    sg_graph *g = read_file_ok("cases/R27-single-node.gv");
    static const char *const ids[] = {"KKF"};
    expect_nodes(g, ids, 1);
    assert_int_equal(sg_graph_edge_count(g), 0);
    assert_string_equal(sg_graph_node_label(g, 0), "Kuzeyyaka Kalkınma Fonu");
    sg_graph_free(g);
}

static void test_r27_loop_only(void **state) {
    (void)state;
    sg_graph *g = read_file_ok("cases/R27-loop-only.gv");
    static const char *const ids[] = {"KKF"};
    static const char *const edges[][2] = {{"KKF", "KKF"}};
    expect_nodes(g, ids, 1);
    expect_edges(g, edges, 1);
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "label"), "iç program");
    sg_graph_free(g);
}

/* R32: the same undirected graph in two orders: each read in its own file order. */
static void test_r32_order(void **state) {
    (void)state;
    sg_graph *a = read_file_ok("cases/R32-order-a.gv");
    sg_graph *b = read_file_ok("cases/R32-order-b.gv");
    assert_int_equal(sg_graph_directed(a), 0);
    assert_int_equal(sg_graph_directed(b), 0);
    static const char *const ids_a[] = {"KKF", "DKD", "ADK", "GOK", "BEL", "OKL"};
    static const char *const edges_a[][2] = {{"KKF", "DKD"}, {"KKF", "ADK"}, {"DKD", "ADK"},
                                             {"ADK", "GOK"}, {"GOK", "BEL"}, {"BEL", "KKF"},
                                             {"DKD", "OKL"}};
    static const char *const ids_b[] = {"DKD", "OKL", "BEL", "KKF", "GOK", "ADK"};
    static const char *const edges_b[][2] = {{"DKD", "OKL"}, {"BEL", "KKF"}, {"GOK", "BEL"},
                                             {"ADK", "GOK"}, {"DKD", "ADK"}, {"KKF", "ADK"},
                                             {"KKF", "DKD"}};
    expect_nodes(a, ids_a, 6);
    expect_edges(a, edges_a, 7);
    expect_nodes(b, ids_b, 6);
    expect_edges(b, edges_b, 7);
    sg_graph_free(a);
    sg_graph_free(b);
}

/* The default graph of the project: 11 institutions, 13 links (two EU -> IOM funding edges,
 * one per project, kept apart), no weights. */
static void test_default_graph(void **state) {
    (void)state;
    sg_graph *g = read_file_ok("../../graphs/iom-tuerkiye-customs.gv");
    assert_int_equal(sg_graph_directed(g), 1);
    static const char *const ids[] = {"EU",  "IOM", "MoT",  "DGCE", "DTC", "DGCE_STAFF",
                                      "TNP", "PMM", "DGCA", "DHMI", "PRIV"};
    static const char *const edges[][2] = {
        {"EU", "IOM"},   {"EU", "IOM"},  {"IOM", "DGCE"}, {"DGCE", "DGCE_STAFF"}, {"IOM", "DTC"},
        {"IOM", "TNP"},  {"IOM", "PMM"}, {"IOM", "DGCA"}, {"IOM", "DHMI"},        {"IOM", "PRIV"},
        {"MoT", "DGCE"}, {"EU", "DGCE"}, {"IOM", "PMM"}};
    expect_nodes(g, ids, 11);
    expect_edges(g, edges, 13);
    assert_string_equal(sg_graph_attr(g, SG_ON_GRAPH, 0, "label"),
                        "EU-funded customs and border management in Türkiye (IOM)");
    assert_string_equal(sg_graph_node_label(g, 0), "EU Delegation to Türkiye");
    assert_string_equal(sg_graph_node_type(g, 0), "donor");
    assert_string_equal(sg_graph_node_type(g, 1), "international_organisation");
    /* DTC has no Turkish name: the attribute is absent, not "". */
    assert_null(sg_graph_attr(g, SG_ON_NODE, 4, "name_tr"));
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 3, "name_tr"),
                        "Gümrük Muhafaza Genel Müdürlüğü");
    assert_string_equal(sg_graph_edge_relation(g, 0), "funding");
    assert_string_equal(sg_graph_edge_relation(g, 1), "funding");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 1, "project"),
                        "Supporting Border and Migration Management at Airports");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 2, "participants"), "2166");
    assert_string_equal(sg_graph_edge_relation(g, 10), "hierarchy");
    assert_string_equal(sg_graph_edge_relation(g, 12), "partnership");
    for (size_t e = 0; e < 13; e++)
        assert_null(sg_graph_attr(g, SG_ON_EDGE, e, "weight"));
    sg_graph_free(g);
}

int main(void) {
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_digraph),
        cmocka_unit_test(test_undirected),
        cmocka_unit_test(test_read_buffer),
        cmocka_unit_test(test_empty_buffer),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_syntax_error_line),
        cmocka_unit_test(test_good_after_bad),
        cmocka_unit_test(test_quoted_ids),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_concatenated_strings),
        cmocka_unit_test(test_label_escapes),
        cmocka_unit_test(test_r01_keyword_ids),
        cmocka_unit_test(test_r02_digit_leading_ids),
        cmocka_unit_test(test_r09_nested_braces),
        cmocka_unit_test(test_moderate_nesting),
        cmocka_unit_test(test_multiple_graphs),
        cmocka_unit_test(test_r27_empty_graph),
        cmocka_unit_test(test_r27_single_node),
        cmocka_unit_test(test_r27_loop_only),
        cmocka_unit_test(test_r32_order),
        cmocka_unit_test(test_default_graph),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
