/*
 * The graph exports (sg_export_write): the exact text of every format for a small graph with
 * ids and labels that trip up writers (DOT keywords, a leading digit, quotes, backslashes, a
 * trailing backslash, line breaks, entity-like text, Turkish letters); reading each format back
 * with the reader that its users have (cgraph from a file as `dot` reads, igraph's GraphML, GML
 * and Pajek readers, stakegraph's own DOT, CSV and GraphML readers); unknown weights staying
 * unknown; Graphviz's 16 KiB string limit (shared/cases R08); the same bytes in every locale.
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
#include <graphviz/cgraph.h>
#include <igraph.h>
#include <locale.h>
#include <math.h>

#include "stakegraph.h"

/* ---------------------------------------------------------------------------------------- */
/* Helpers                                                                                  */

#include "test_data.h"

/* Adds a node with attributes given as name, value pairs ending with NULL. */
static size_t add_node(sg_graph *g, const char *id, ...) {
    size_t i;
    assert_int_equal(sg_graph_add_node(g, id, &i), SG_OK);
    va_list ap;
    va_start(ap, id);
    for (const char *n; (n = va_arg(ap, const char *)) != NULL;) {
        const char *v = va_arg(ap, const char *);
        assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, i, n, v), SG_OK);
    }
    va_end(ap);
    return i;
}

/* Adds an edge with attributes given as name, value pairs ending with NULL. */
static size_t add_edge(sg_graph *g, size_t s, size_t t, ...) {
    size_t e;
    assert_int_equal(sg_graph_add_edge(g, s, t, &e), SG_OK);
    va_list ap;
    va_start(ap, t);
    for (const char *n; (n = va_arg(ap, const char *)) != NULL;) {
        const char *v = va_arg(ap, const char *);
        assert_int_equal(sg_graph_set_attr(g, SG_ON_EDGE, e, n, v), SG_OK);
    }
    va_end(ap);
    return e;
}

/*
 * The small graph of these tests. Ids: a DOT keyword (`node`, `Graph`: R01), a leading digit
 * (R02), a backslash before a letter and a single trailing backslash (R04). Labels: quotes,
 * backslash, & and < >, a line break; an entity-like note (R05); Turkish letters. Edges: known
 * weights (a whole number, 1200000.5, 0.75 on a self-loop), an unknown weight (absent), an
 * empty weight (unknown too), a parallel edge of another relation.
 */
static sg_graph *small_graph(int directed) {
    sg_graph *g = sg_graph_new(directed);
    assert_non_null(g);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_GRAPH, 0, "label", "Kurum ağı \"2024\""), SG_OK);
    size_t a = add_node(g, "node", "label", "Node Sosyal Girişim Ağı", "type", "implementer", NULL);
    size_t b = add_node(g, "Graph", "type", "beneficiary", "Project name", "Yol & Su", NULL);
    size_t c = add_node(g, "2030Gundem", "label", "2030 Gündem", "type", "funder", NULL);
    size_t d =
        add_node(g, "Fon\\Nord", "label", "Fon\\Nord \"tırnak\" & <b>", "type", "funder", NULL);
    size_t e =
        add_node(g, "Yol C:\\", "label", "Satır bir\nSatır iki", "note", "&copy; şğüöçı İ", NULL);
    add_edge(g, a, b, "relation", "funding", "weight", "250000", "unit", "EUR", NULL);
    add_edge(g, c, a, "relation", "funding", "weight", "1200000.5", "unit", "EUR", NULL);
    add_edge(g, d, e, "relation", "implementation", NULL);
    add_edge(g, a, b, "relation", "capacity_building", "weight", "", NULL);
    add_edge(g, b, b, "relation", "partnership", "weight", "0.75", NULL);
    return g;
}

/* Exports `g` as `format`; expects success. Free with sg_export_free(). */
static sg_export *export_ok(const sg_graph *g, const char *format, const sg_export_options *o,
                            sg_diag *diag) {
    sg_export *x = (sg_export *)1;
    int rc = sg_export_write(g, format, o, &x, diag);
    if (rc != SG_OK) {
        sg_diag_print(diag, stderr);
        fail_msg("exporting as %s failed with %d", format, rc);
    }
    assert_non_null(x);
    return x;
}

/* File k of an export of `g` as `format`, newly allocated (NUL-terminated). */
static char *export_text(const sg_graph *g, const char *format, size_t k) {
    sg_diag *d = sg_diag_new();
    sg_export *x = export_ok(g, format, NULL, d);
    size_t n;
    const char *data = sg_export_file_data(x, k, &n);
    assert_non_null(data);
    assert_int_equal(strlen(data), n);
    char *copy = strdup(data);
    assert_non_null(copy);
    sg_export_free(x);
    sg_diag_free(d);
    return copy;
}

/* A temporary file holding `text`, positioned at its start: what readers of files get. */
static FILE *file_of(const char *text) {
    FILE *f = tmpfile();
    assert_non_null(f);
    size_t n = strlen(text);
    assert_int_equal(fwrite(text, 1, n, f), n);
    rewind(f);
    return f;
}

/* Expects two models to hold the same nodes and edges, in order, with the same non-empty
 * attributes (by name: the DOT reader lists them in cgraph's order, not the file's). */
static void assert_same_graph(const sg_graph *a, const sg_graph *b) {
    assert_int_equal(sg_graph_directed(a), sg_graph_directed(b));
    assert_int_equal(sg_graph_node_count(a), sg_graph_node_count(b));
    assert_int_equal(sg_graph_edge_count(a), sg_graph_edge_count(b));
    for (int on = SG_ON_GRAPH; on <= SG_ON_EDGE; on++) {
        size_t n = on == SG_ON_GRAPH  ? 1
                   : on == SG_ON_NODE ? sg_graph_node_count(a)
                                      : sg_graph_edge_count(a);
        for (size_t i = 0; i < n; i++) {
            if (on == SG_ON_NODE)
                assert_string_equal(sg_graph_node_id(a, i), sg_graph_node_id(b, i));
            if (on == SG_ON_EDGE) {
                assert_int_equal(sg_graph_edge_source(a, i), sg_graph_edge_source(b, i));
                assert_int_equal(sg_graph_edge_target(a, i), sg_graph_edge_target(b, i));
            }
            size_t set = 0;
            for (size_t ka = 0; ka < sg_graph_attr_count(a, (sg_object)on, i); ka++) {
                const char *name, *value;
                sg_graph_attr_at(a, (sg_object)on, i, ka, &name, &value);
                const char *vb = sg_graph_attr(b, (sg_object)on, i, name);
                if (!*value) {
                    assert_null(vb);
                    continue;
                }
                set++;
                if (!vb)
                    fail_msg("attribute '%s' lost", name);
                assert_string_equal(vb, value);
            }
            assert_int_equal(set, sg_graph_attr_count(b, (sg_object)on, i));
        }
    }
}

/* Reads DOT text with stakegraph's reader; expects success. */
static sg_graph *read_dot_ok(const char *text) {
    sg_diag *d = sg_diag_new();
    sg_graph *g = NULL;
    int rc = sg_read_dot(text, strlen(text), "export.gv", &g, d);
    if (rc != SG_OK) {
        sg_diag_print(d, stderr);
        fail_msg("reading the exported DOT failed with %d", rc);
    }
    assert_int_equal(sg_diag_count(d), 0);
    sg_diag_free(d);
    return g;
}

/* Reads DOT text from a file with cgraph's file reader (the one `dot` uses, with its 16 KiB
 * string limit). NULL when it fails. */
static Agraph_t *cgraph_read_file(const char *text) {
    FILE *f = file_of(text);
    agseterr(AGMAX);
    Agraph_t *ag = agread(f, NULL);
    int errors = agerrors();
    fclose(f);
    if (ag && errors) {
        agclose(ag);
        ag = NULL;
    }
    return ag;
}

/* igraph's reader of `format` ("graphml", "gml", "pajek") on `text`; expects success. */
static void igraph_read(const char *format, const char *text, igraph_t *ig) {
    FILE *f = file_of(text);
    igraph_error_t rc;
    if (strcmp(format, "graphml") == 0)
        rc = igraph_read_graph_graphml(ig, f, 0);
    else if (strcmp(format, "gml") == 0)
        rc = igraph_read_graph_gml(ig, f);
    else
        rc = igraph_read_graph_pajek(ig, f);
    fclose(f);
    assert_int_equal(rc, IGRAPH_SUCCESS);
}

/* The weights of the small graph in edge order; NaN where unknown. */
static const double small_weights[] = {250000, 1200000.5, NAN, NAN, 0.75};

/* Expects igraph's edge attribute `weight` to be the small graph's weights, NaN included. */
static void assert_small_weights(const igraph_t *ig) {
    assert_int_equal(igraph_ecount(ig), 5);
    assert_true(igraph_cattribute_has_attr(ig, IGRAPH_ATTRIBUTE_EDGE, "weight"));
    for (igraph_integer_t e = 0; e < 5; e++) {
        double w = EAN(ig, "weight", e);
        if (isnan(small_weights[e]))
            assert_true(isnan(w));
        else
            assert_true(w == small_weights[e]);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Expected text of the small graph (directed)                                              */

/* clang-format off */
static const char expected_gv[] =
    "digraph {\n"
    "  \"label\"=\"Kurum ağı \\\"2024\\\"\";\n"
    "  \"node\" [\"label\"=\"Node Sosyal Girişim Ağı\", \"type\"=\"implementer\"];\n"
    "  \"Graph\" [\"type\"=\"beneficiary\", \"Project name\"=\"Yol & Su\"];\n"
    "  \"2030Gundem\" [\"label\"=\"2030 Gündem\", \"type\"=\"funder\"];\n"
    "  \"Fon\\Nord\" [\"label\"=\"Fon\\\\Nord \\\"tırnak\\\" & <b>\", \"type\"=\"funder\"];\n"
    "  <Yol C:\\> [\"label\"=\"Satır bir\\nSatır iki\", \"note\"=\"&copy; şğüöçı İ\"];\n"
    "  \"node\" -> \"Graph\" [\"relation\"=\"funding\", \"weight\"=\"250000\", \"unit\"=\"EUR\"];\n"
    "  \"2030Gundem\" -> \"node\" [\"relation\"=\"funding\", \"weight\"=\"1200000.5\", "
    "\"unit\"=\"EUR\"];\n"
    "  \"Fon\\Nord\" -> <Yol C:\\> [\"relation\"=\"implementation\"];\n"
    "  \"node\" -> \"Graph\" [\"relation\"=\"capacity_building\"];\n"
    "  \"Graph\" -> \"Graph\" [\"relation\"=\"partnership\", \"weight\"=\"0.75\"];\n"
    "}\n";
static const char expected_graphml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
    "  <key id=\"g0\" for=\"graph\" attr.name=\"label\" attr.type=\"string\"/>\n"
    "  <key id=\"n0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
    "  <key id=\"n1\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
    "  <key id=\"n2\" for=\"node\" attr.name=\"Project name\" attr.type=\"string\"/>\n"
    "  <key id=\"n3\" for=\"node\" attr.name=\"note\" attr.type=\"string\"/>\n"
    "  <key id=\"e0\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n"
    "  <key id=\"e1\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
    "  <key id=\"e2\" for=\"edge\" attr.name=\"unit\" attr.type=\"string\"/>\n"
    "  <graph id=\"G\" edgedefault=\"directed\">\n"
    "    <data key=\"g0\">Kurum ağı &quot;2024&quot;</data>\n"
    "    <node id=\"node\">\n"
    "      <data key=\"n0\">Node Sosyal Girişim Ağı</data>\n"
    "      <data key=\"n1\">implementer</data>\n"
    "    </node>\n"
    "    <node id=\"Graph\">\n"
    "      <data key=\"n1\">beneficiary</data>\n"
    "      <data key=\"n2\">Yol &amp; Su</data>\n"
    "    </node>\n"
    "    <node id=\"2030Gundem\">\n"
    "      <data key=\"n0\">2030 Gündem</data>\n"
    "      <data key=\"n1\">funder</data>\n"
    "    </node>\n"
    "    <node id=\"Fon\\Nord\">\n"
    "      <data key=\"n0\">Fon\\Nord &quot;tırnak&quot; &amp; &lt;b&gt;</data>\n"
    "      <data key=\"n1\">funder</data>\n"
    "    </node>\n"
    "    <node id=\"Yol C:\\\">\n"
    "      <data key=\"n0\">Satır bir\n"
    "Satır iki</data>\n"
    "      <data key=\"n3\">&amp;copy; şğüöçı İ</data>\n"
    "    </node>\n"
    "    <edge source=\"node\" target=\"Graph\">\n"
    "      <data key=\"e0\">funding</data>\n"
    "      <data key=\"e1\">250000</data>\n"
    "      <data key=\"e2\">EUR</data>\n"
    "    </edge>\n"
    "    <edge source=\"2030Gundem\" target=\"node\">\n"
    "      <data key=\"e0\">funding</data>\n"
    "      <data key=\"e1\">1200000.5</data>\n"
    "      <data key=\"e2\">EUR</data>\n"
    "    </edge>\n"
    "    <edge source=\"Fon\\Nord\" target=\"Yol C:\\\">\n"
    "      <data key=\"e0\">implementation</data>\n"
    "    </edge>\n"
    "    <edge source=\"node\" target=\"Graph\">\n"
    "      <data key=\"e0\">capacity_building</data>\n"
    "    </edge>\n"
    "    <edge source=\"Graph\" target=\"Graph\">\n"
    "      <data key=\"e0\">partnership</data>\n"
    "      <data key=\"e1\">0.75</data>\n"
    "    </edge>\n"
    "  </graph>\n"
    "</graphml>\n";
static const char expected_gml[] =
    "graph [\n"
    "  directed 1\n"
    "  label \"Kurum ağı &quot;2024&quot;\"\n"
    "  node [\n"
    "    id 0\n"
    "    name \"node\"\n"
    "    label \"Node Sosyal Girişim Ağı\"\n"
    "    type \"implementer\"\n"
    "  ]\n"
    "  node [\n"
    "    id 1\n"
    "    name \"Graph\"\n"
    "    label \"Graph\"\n"
    "    type \"beneficiary\"\n"
    "    Project_name \"Yol &amp; Su\"\n"
    "  ]\n"
    "  node [\n"
    "    id 2\n"
    "    name \"2030Gundem\"\n"
    "    label \"2030 Gündem\"\n"
    "    type \"funder\"\n"
    "  ]\n"
    "  node [\n"
    "    id 3\n"
    "    name \"Fon\\Nord\"\n"
    "    label \"Fon\\Nord &quot;tırnak&quot; &amp; <b>\"\n"
    "    type \"funder\"\n"
    "  ]\n"
    "  node [\n"
    "    id 4\n"
    "    name \"Yol C:\\\"\n"
    "    label \"Satır bir\n"
    "Satır iki\"\n"
    "    note \"&amp;copy; şğüöçı İ\"\n"
    "  ]\n"
    "  edge [\n"
    "    source 0\n"
    "    target 1\n"
    "    relation \"funding\"\n"
    "    weight 250000.0\n"
    "    unit \"EUR\"\n"
    "  ]\n"
    "  edge [\n"
    "    source 2\n"
    "    target 0\n"
    "    relation \"funding\"\n"
    "    weight 1200000.5\n"
    "    unit \"EUR\"\n"
    "  ]\n"
    "  edge [\n"
    "    source 3\n"
    "    target 4\n"
    "    relation \"implementation\"\n"
    "  ]\n"
    "  edge [\n"
    "    source 0\n"
    "    target 1\n"
    "    relation \"capacity_building\"\n"
    "  ]\n"
    "  edge [\n"
    "    source 1\n"
    "    target 1\n"
    "    relation \"partnership\"\n"
    "    weight 0.75\n"
    "  ]\n"
    "]\n";
static const char expected_net[] =
    "*Vertices 5\n"
    "1 \"node\"\n"
    "2 \"Graph\"\n"
    "3 \"2030Gundem\"\n"
    "4 \"Fon\\Nord\"\n"
    "5 \"Yol C:\\\"\n"
    "*Arcs\n"
    "1 2 250000\n"
    "3 1 1200000.5\n"
    "4 5\n"
    "1 2\n"
    "2 2 0.75\n";
static const char expected_json[] =
    "{\n"
    "  \"directed\": true,\n"
    "  \"multigraph\": true,\n"
    "  \"graph\": {\"label\": \"Kurum ağı \\\"2024\\\"\"},\n"
    "  \"nodes\": [\n"
    "    {\"id\": \"node\", \"label\": \"Node Sosyal Girişim Ağı\", \"type\": \"implementer\"},\n"
    "    {\"id\": \"Graph\", \"type\": \"beneficiary\", \"Project name\": \"Yol & Su\"},\n"
    "    {\"id\": \"2030Gundem\", \"label\": \"2030 Gündem\", \"type\": \"funder\"},\n"
    "    {\"id\": \"Fon\\\\Nord\", \"label\": \"Fon\\\\Nord \\\"tırnak\\\" & <b>\", \"type\": "
    "\"funder\"},\n"
    "    {\"id\": \"Yol C:\\\\\", \"label\": \"Satır bir\\nSatır iki\", \"note\": \"&copy; "
    "şğüöçı İ\"}\n"
    "  ],\n"
    "  \"links\": [\n"
    "    {\"source\": \"node\", \"target\": \"Graph\", \"relation\": \"funding\", \"weight\": "
    "250000, \"unit\": \"EUR\"},\n"
    "    {\"source\": \"2030Gundem\", \"target\": \"node\", \"relation\": \"funding\", "
    "\"weight\": 1200000.5, \"unit\": \"EUR\"},\n"
    "    {\"source\": \"Fon\\\\Nord\", \"target\": \"Yol C:\\\\\", \"relation\": "
    "\"implementation\"},\n"
    "    {\"source\": \"node\", \"target\": \"Graph\", \"relation\": \"capacity_building\"},\n"
    "    {\"source\": \"Graph\", \"target\": \"Graph\", \"relation\": \"partnership\", "
    "\"weight\": 0.75}\n"
    "  ]\n"
    "}\n";
static const char expected_csv_edges[] =
    "source,target,relation,weight,unit\n"
    "node,Graph,funding,250000,EUR\n"
    "2030Gundem,node,funding,1200000.5,EUR\n"
    "Fon\\Nord,Yol C:\\,implementation,,\n"
    "node,Graph,capacity_building,,\n"
    "Graph,Graph,partnership,0.75,\n";
static const char expected_csv_nodes[] =
    "id,label,type,Project name,note\n"
    "node,Node Sosyal Girişim Ağı,implementer,,\n"
    "Graph,Graph,beneficiary,Yol & Su,\n"
    "2030Gundem,2030 Gündem,funder,,\n"
    "Fon\\Nord,\"Fon\\Nord \"\"tırnak\"\" & <b>\",funder,,\n"
    "Yol C:\\,\"Satır bir\n"
    "Satır iki\",,,&copy; şğüöçı İ\n";
/* clang-format on */

/* ---------------------------------------------------------------------------------------- */
/* Registry                                                                                 */

static void test_format_find(void **state) {
    (void)state;
    assert_string_equal(sg_export_format_find("gv"), "gv");
    assert_string_equal(sg_export_format_find(".dot"), "gv");
    assert_string_equal(sg_export_format_find("DOT"), "gv");
    assert_string_equal(sg_export_format_find(".graphml"), "graphml");
    assert_string_equal(sg_export_format_find("gml"), "gml");
    assert_string_equal(sg_export_format_find(".NET"), "net");
    assert_string_equal(sg_export_format_find("pajek"), "net");
    assert_string_equal(sg_export_format_find(".csv"), "csv");
    assert_string_equal(sg_export_format_find("json"), "json");
    assert_null(sg_export_format_find("svg"));
    assert_null(sg_export_format_find(""));
    assert_null(sg_export_format_find(NULL));
    assert_int_equal(sg_export_format_file_count("csv"), 2);
    assert_int_equal(sg_export_format_file_count("gv"), 1);
    assert_int_equal(sg_export_format_file_count("xlsx"), 0);

    sg_graph *g = small_graph(1);
    sg_diag *d = sg_diag_new();
    sg_export *x = (sg_export *)1;
    assert_int_equal(sg_export_write(g, "xlsx", NULL, &x, d), SG_EINVAL);
    assert_null(x);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 1);
    assert_non_null(strstr(sg_diag_get(d, 0)->text, "unknown graph format 'xlsx'"));
    sg_diag_free(d);
    sg_graph_free(g);
}

static void test_file_paths(void **state) {
    (void)state;
    sg_graph *g = small_graph(1);
    sg_diag *d = sg_diag_new();
    sg_export *x = export_ok(g, "csv", NULL, d);
    assert_int_equal(sg_export_file_count(x), 2);
    static const char *const cases[][2] = {
        {"out/g.csv", "out/g-nodes.csv"}, {"g", "g-nodes"},
        {"dir.v2/g", "dir.v2/g-nodes"},   {"a.b.CSV", "a.b-nodes.CSV"},
        {".hidden", ".hidden-nodes"},     {"dir/.hidden", "dir/.hidden-nodes"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *p0 = sg_export_file_path(x, 0, cases[k][0]);
        char *p1 = sg_export_file_path(x, 1, cases[k][0]);
        assert_string_equal(p0, cases[k][0]);
        assert_string_equal(p1, cases[k][1]);
        free(p0);
        free(p1);
    }
    assert_null(sg_export_file_path(x, 2, "g.csv"));
    size_t n = 99;
    assert_null(sg_export_file_data(x, 2, &n));
    assert_int_equal(n, 0);
    sg_export_free(x);
    sg_export_free(NULL);
    sg_diag_free(d);
    sg_graph_free(g);
}

/* ---------------------------------------------------------------------------------------- */
/* Exact text                                                                               */

static void assert_export(const char *format, size_t k, const char *expected) {
    sg_graph *g = small_graph(1);
    char *text = export_text(g, format, k);
    assert_string_equal(text, expected);
    free(text);
    sg_graph_free(g);
}

static void test_dot_text(void **state) {
    (void)state;
    assert_export("gv", 0, expected_gv);
}

static void test_graphml_text(void **state) {
    (void)state;
    assert_export("graphml", 0, expected_graphml);
}

static void test_gml_text(void **state) {
    (void)state;
    assert_export("gml", 0, expected_gml);
    /* The attribute name with a space is not a GML key: renamed, and said so. */
    sg_graph *g = small_graph(1);
    sg_diag *d = sg_diag_new();
    sg_export *x = export_ok(g, "gml", NULL, d);
    assert_int_equal(sg_diag_count(d), 1);
    assert_string_equal(sg_diag_get(d, 0)->text,
                        "node attribute 'Project name' written to GML as 'Project_name'");
    sg_export_free(x);
    sg_diag_free(d);
    sg_graph_free(g);
}

static void test_pajek_text(void **state) {
    (void)state;
    assert_export("net", 0, expected_net);
}

static void test_csv_text(void **state) {
    (void)state;
    assert_export("csv", 0, expected_csv_edges);
    assert_export("csv", 1, expected_csv_nodes);
}

static void test_json_text(void **state) {
    (void)state;
    assert_export("json", 0, expected_json);
}

/* Every format says undirected the way its readers expect. */
static void test_undirected(void **state) {
    (void)state;
    sg_graph *g = small_graph(0);
    static const struct {
        const char *format;
        size_t file;
        const char *has;
    } cases[] = {
        {"gv", 0, "graph {\n"},
        {"gv", 0, "  \"node\" -- \"Graph\" [\"relation\"=\"funding\""},
        {"graphml", 0, "<graph id=\"G\" edgedefault=\"undirected\">"},
        {"gml", 0, "graph [\n  directed 0\n"},
        {"net", 0, "*Edges\n1 2 250000\n"},
        {"csv", 0,
         "source,target,relation,weight,type,unit\n"
         "node,Graph,funding,250000,Undirected,EUR\n"},
        {"json", 0, "  \"directed\": false,\n"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *text = export_text(g, cases[k].format, cases[k].file);
        if (!strstr(text, cases[k].has))
            fail_msg("%s lacks '%s':\n%s", cases[k].format, cases[k].has, text);
        assert_null(strstr(text, "->"));
        assert_null(strstr(text, "*Arcs"));
        free(text);
    }
    char *dot = export_text(g, "gv", 0);
    sg_graph *back = read_dot_ok(dot);
    assert_same_graph(g, back);
    sg_graph_free(back);
    free(dot);
    sg_graph_free(g);
}

/* A graph without nodes is still a valid file in every format. */
static void test_empty_graph(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    static const struct {
        const char *format;
        size_t file;
        const char *text;
    } cases[] = {
        {"gv", 0, "digraph {\n}\n"},
        {"gml", 0, "graph [\n  directed 1\n]\n"},
        {"net", 0, "*Vertices 0\n*Arcs\n"},
        {"csv", 0, "source,target,relation,weight\n"},
        {"csv", 1, "id,label,type\n"},
        {"json", 0,
         "{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": {},\n"
         "  \"nodes\": [],\n  \"links\": []\n}\n"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *text = export_text(g, cases[k].format, cases[k].file);
        assert_string_equal(text, cases[k].text);
        free(text);
    }
    char *xml = export_text(g, "graphml", 0);
    assert_non_null(strstr(xml, "  <graph id=\"G\" edgedefault=\"directed\">\n  </graph>\n"));
    assert_null(strstr(xml, "<key"));
    igraph_t ig;
    igraph_read("graphml", xml, &ig);
    assert_int_equal(igraph_vcount(&ig), 0);
    igraph_destroy(&ig);
    free(xml);
    sg_graph_free(g);
}

/* ---------------------------------------------------------------------------------------- */
/* DOT                                                                                      */

/* DOT -> DOT: stakegraph's reader gets the same model back, and writing it again gives the
 * same bytes. */
static void test_dot_round_trip(void **state) {
    (void)state;
    sg_graph *g = small_graph(1);
    char *dot = export_text(g, "gv", 0);
    sg_graph *back = read_dot_ok(dot);
    assert_same_graph(g, back);
    /* The cases one by one, so that a failure names them. */
    size_t i;
    assert_true(sg_graph_find_node(back, "Yol C:\\", &i));
    assert_string_equal(sg_graph_node_label(back, i), "Satır bir\nSatır iki");
    assert_true(sg_graph_find_node(back, "Fon\\Nord", &i));
    assert_string_equal(sg_graph_node_label(back, i), "Fon\\Nord \"tırnak\" & <b>");
    assert_true(sg_graph_find_node(back, "2030Gundem", &i));
    assert_null(sg_graph_attr(back, SG_ON_EDGE, 2, "weight")); /* unknown stays unknown */
    assert_null(sg_graph_attr(back, SG_ON_EDGE, 3, "weight"));
    /* Written again, the same bytes (from the second trip on: the reader lists attributes in
     * cgraph's order, so the first trip may reorder them within a node or edge). */
    char *dot2 = export_text(back, "gv", 0);
    sg_graph *back2 = read_dot_ok(dot2);
    assert_same_graph(back, back2);
    char *dot3 = export_text(back2, "gv", 0);
    assert_string_equal(dot3, dot2);
    free(dot3);
    sg_graph_free(back2);
    free(dot2);
    sg_graph_free(back);
    free(dot);
    sg_graph_free(g);
}

/* What `dot` itself reads (cgraph from a file) is the same graph. */
static void test_dot_cgraph_file_reader(void **state) {
    (void)state;
    sg_graph *g = small_graph(1);
    char *dot = export_text(g, "gv", 0);
    Agraph_t *ag = cgraph_read_file(dot);
    assert_non_null(ag);
    assert_int_equal(agnnodes(ag), 5);
    assert_int_equal(agnedges(ag), 5);
    static const char *const ids[] = {"node", "Graph", "2030Gundem", "Fon\\Nord", "Yol C:\\"};
    size_t k = 0;
    for (Agnode_t *n = agfstnode(ag); n; n = agnxtnode(ag, n), k++)
        assert_string_equal(agnameof(n), ids[k]);
    Agnode_t *yol = agnode(ag, "Yol C:\\", 0);
    assert_non_null(yol);
    /* a label as Graphviz draws it (escString): the line break written \n */
    assert_string_equal(agget(yol, "label"), "Satır bir\\nSatır iki");
    assert_string_equal(agget(ag, "label"), "Kurum ağı \"2024\"");
    agclose(ag);
    free(dot);
    sg_graph_free(g);
}

/* R01, R02: keyword ids in any case and ids with a leading digit read back as themselves. */
static void test_dot_keyword_and_digit_ids(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    static const char *const ids[] = {"Node",         "EDGE",    "Graph",      "strict",
                                      "Subgraph",     "DiGraph", "2030Gundem", "3Boyut_Atolyesi",
                                      "1e5_Girisimi", "-5",      "a b",        ""};
    enum { N = sizeof ids / sizeof ids[0] };
    for (size_t k = 0; k < N; k++)
        add_node(g, ids[k], NULL);
    add_edge(g, 0, 2, NULL);
    add_edge(g, 1, 3, NULL);
    add_edge(g, 4, 0, NULL);
    add_edge(g, 6, 7, NULL);
    char *dot = export_text(g, "gv", 0);
    sg_graph *back = read_dot_ok(dot);
    assert_same_graph(g, back);
    Agraph_t *ag = cgraph_read_file(dot);
    assert_non_null(ag);
    assert_int_equal(agnnodes(ag), N);
    assert_int_equal(agnedges(ag), 4);
    agclose(ag);
    sg_graph_free(back);
    free(dot);
    sg_graph_free(g);
}

/* The DOT text of a label: Graphviz's escString, a backslash doubled, a line break \n, a quote
 * \" (graph_dot.c). */
static void label_written(const char *v, char *out, size_t size) {
    size_t n = 0;
    out[n++] = '"';
    for (const char *p = v; *p && n + 4 < size; p++) {
        if (*p == '\\' || *p == '"')
            out[n++] = '\\';
        out[n++] = *p == '\n' ? '\\' : *p;
        if (*p == '\n')
            out[n++] = 'n';
    }
    out[n++] = '"';
    out[n] = '\0';
}

/* R04: backslashes in every position read back as written. In an id or an ordinary value
 * cgraph keeps `\\` and `\n` as two bytes, so only `"` is escaped and a value no quoted string
 * can hold is written as <...>; a label is written as Graphviz draws it (label_written). */
static void test_dot_backslashes(void **state) {
    (void)state;
    static const struct {
        const char *value;
        const char *written;
    } cases[] = {
        {"Arşiv\\new Birimi", "\"Arşiv\\new Birimi\""},
        {"Fon\\Nord", "\"Fon\\Nord\""},
        {"Kurum\\G Ofisi", "\"Kurum\\G Ofisi\""},
        {"Yol C:\\\\", "\"Yol C:\\\\\""}, /* an even run at the end: quoted */
        {"Yol C:\\", "<Yol C:\\>"},       /* an odd run at the end */
        {"a\\\"b", "<a\\\"b>"},           /* an odd run before a quote */
        {"a\\\\\"b", "\"a\\\\\\\"b\""},   /* an even run before a quote */
        {"x\\\ny", "<x\\\ny>"},           /* an odd run before a line break */
        {"\\", "<\\>"},
        {"<b>\\</b>\\", "<<b>\\</b>\\>"},
        {"say \"hi\"", "\"say \\\"hi\\\"\""},
        {"a\rb", "\"a\rb\""},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        sg_graph *g = sg_graph_new(1);
        size_t a = add_node(g, cases[k].value, "label", cases[k].value, NULL);
        add_edge(g, a, a, "note", cases[k].value, NULL);
        char *dot = export_text(g, "gv", 0);
        char want[256], label[128];
        label_written(cases[k].value, label, sizeof label);
        snprintf(want, sizeof want, "  %s [\"label\"=%s];\n", cases[k].written, label);
        if (!strstr(dot, want))
            fail_msg("case %zu: expected\n%s\nin\n%s", k, want, dot);
        sg_graph *back = read_dot_ok(dot);
        assert_same_graph(g, back);
        Agraph_t *ag = cgraph_read_file(dot);
        assert_non_null(ag);
        assert_string_equal(agnameof(agfstnode(ag)), cases[k].value);
        agclose(ag);
        sg_graph_free(back);
        free(dot);
        sg_graph_free(g);
    }
}

/* A value with no DOT form at all (an odd run of backslashes at its end and a '<' without its
 * '>') is an error that names the node, not a broken file. */
static void test_dot_unwritable(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    add_node(g, "A", NULL);
    add_node(g, "B", "note", "a < b\\", NULL);
    sg_diag *d = sg_diag_new();
    sg_export *x = (sg_export *)1;
    assert_int_equal(sg_export_write(g, "gv", NULL, &x, d), SG_EINVAL);
    assert_null(x);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 1);
    const char *text = sg_diag_get(d, 0)->text;
    assert_non_null(strstr(text, "node 'B': a value cannot be written as DOT"));
    sg_diag_free(d);
    /* The other formats carry it. */
    char *json = export_text(g, "json", 0);
    assert_non_null(strstr(json, "\"note\": \"a < b\\\\\""));
    free(json);
    sg_graph_free(g);
}

/* An edge attribute "key" is Graphviz's edge identity: left out, with a warning, so that two
 * parallel edges stay two. */
static void test_dot_edge_key(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    add_node(g, "A", NULL);
    add_node(g, "B", NULL);
    add_edge(g, 0, 1, "key", "k", "relation", "funding", NULL);
    add_edge(g, 0, 1, "key", "k", "relation", "partnership", NULL);
    sg_diag *d = sg_diag_new();
    sg_export *x = export_ok(g, "gv", NULL, d);
    assert_int_equal(sg_diag_count_severity(d, SG_WARNING), 2);
    assert_non_null(strstr(sg_diag_get(d, 0)->text, "edge 1 'A' -> 'B': attribute 'key'"));
    const char *dot = sg_export_file_data(x, 0, NULL);
    sg_graph *back = read_dot_ok(dot);
    assert_int_equal(sg_graph_edge_count(back), 2);
    assert_string_equal(sg_graph_edge_relation(back, 1), "partnership");
    sg_graph_free(back);
    sg_export_free(x);
    sg_diag_free(d);
    sg_graph_free(g);
}

/* Checks the pieces of every quoted string in `dot`: none longer than 16000 bytes, none
 * starting inside a UTF-8 character. Returns the number of `+` joins. */
static size_t check_pieces(const char *dot) {
    size_t joins = 0;
    const char *p = dot;
    while ((p = strchr(p, '"')) != NULL) {
        const char *start = ++p;
        while (*p && *p != '"')
            p += *p == '\\' && p[1] ? 2 : 1;
        assert_int_equal(*p, '"');
        size_t len = (size_t)(p - start);
        if (len > 16000)
            fail_msg("a piece of %zu bytes", len);
        if (len > 0) {
            assert_true(((unsigned char)start[0] & 0xC0) != 0x80);
            assert_true(((unsigned char)p[-1] & 0xC0) != 0xC0); /* no lead byte cut off */
        }
        p++;
        if (strncmp(p, " +\n    \"", 8) == 0)
            joins++;
    }
    return joins;
}

/* R08: a label of 20400 bytes, which cgraph's file reader refuses in one piece, is written in
 * pieces joined with `+` and reads back whole, with `dot`'s reader as with ours. */
static void test_r08_long_label(void **state) {
    (void)state;
    char *path = data_path("cases/R08-long-label.gv");
    sg_diag *d = sg_diag_new();
    sg_graph *g = NULL;
    assert_int_equal(sg_read_file(path, NULL, &g, d), SG_OK);
    size_t ykd;
    assert_true(sg_graph_find_node(g, "YKD", &ykd));
    const char *label = sg_graph_attr(g, SG_ON_NODE, ykd, "label");
    assert_int_equal(strlen(label), 20400);

    /* That `dot` fails on the input as given, and reads the export, is tested in a fresh
     * process (tests/cli/cli.sh, convert-long-label): cgraph keeps the buffer that a long
     * string made it grow, so within one process the limit depends on what was read before. */

    char *dot = export_text(g, "gv", 0);
    assert_int_equal(check_pieces(dot), 1);
    Agraph_t *ag = cgraph_read_file(dot);
    assert_non_null(ag);
    Agnode_t *n = agnode(ag, "YKD", 0);
    assert_non_null(n);
    assert_string_equal(agget(n, "label"), label);
    agclose(ag);
    sg_graph *back = read_dot_ok(dot);
    assert_same_graph(g, back);
    sg_graph_free(back);
    free(dot);
    sg_graph_free(g);
    sg_diag_free(d);
    free(path);
}

/* The split never falls inside a UTF-8 character nor after a backslash, for ids and values;
 * 50000 bytes make three joins. */
static void test_long_value_boundaries(void **state) {
    (void)state;
    enum { LEN = 50000 };
    char *odd = malloc(LEN + 1); /* "a" then "ğ" (2 bytes): every even offset is mid-character */
    char *bs = malloc(LEN + 1);  /* a backslash just before where the first cut would be */
    assert_non_null(odd);
    assert_non_null(bs);
    odd[0] = 'a';
    for (size_t i = 1; i + 1 < LEN; i += 2)
        memcpy(odd + i, "\xC4\x9F", 2);
    odd[LEN - 1] = '\0';
    memset(bs, 'x', LEN);
    bs[15983] = '\\';
    bs[32000] = '"';
    bs[LEN] = '\0';
    sg_graph *g = sg_graph_new(1);
    size_t a = add_node(g, odd, "label", bs, NULL);
    size_t b = add_node(g, bs, "label", odd, NULL);
    add_edge(g, a, b, "note", odd, NULL);
    char *dot = export_text(g, "gv", 0);
    assert_int_equal(check_pieces(dot), 7 * 3); /* 7 long values of 4 pieces each */
    Agraph_t *ag = cgraph_read_file(dot);
    assert_non_null(ag);
    assert_int_equal(agnnodes(ag), 2);
    assert_non_null(agnode(ag, bs, 0)); /* a name: its bytes as written */
    agclose(ag);
    sg_graph *back = read_dot_ok(dot);
    assert_same_graph(g, back);
    sg_graph_free(back);
    free(dot);
    sg_graph_free(g);
    free(odd);
    free(bs);
}

/* ---------------------------------------------------------------------------------------- */
/* GraphML, GML, Pajek read back by igraph                                                  */

static void assert_vertex_strings(const igraph_t *ig, const char *attr, const char *const *expected,
                                  size_t n) {
    assert_int_equal(igraph_vcount(ig), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(VAS(ig, attr, (igraph_integer_t)i), expected[i]);
}

static const char *const small_ids[] = {"node", "Graph", "2030Gundem", "Fon\\Nord", "Yol C:\\"};

static void assert_small_edges(const igraph_t *ig) {
    static const igraph_integer_t ends[][2] = {{0, 1}, {2, 0}, {3, 4}, {0, 1}, {1, 1}};
    for (igraph_integer_t e = 0; e < 5; e++) {
        igraph_integer_t from, to;
        igraph_edge(ig, e, &from, &to);
        assert_int_equal(from, ends[e][0]);
        assert_int_equal(to, ends[e][1]);
    }
}

/* DOT -> GraphML: igraph keeps nodes, edges, direction, weights (unknown ones NaN), ids,
 * labels and the text that looks like an entity. */
static void test_graphml_igraph(void **state) {
    (void)state;
    sg_graph *src = small_graph(1);
    char *dot = export_text(src, "gv", 0);
    sg_graph *g = read_dot_ok(dot); /* DOT -> GraphML, as the issue says */
    char *xml = export_text(g, "graphml", 0);
    igraph_t ig;
    igraph_read("graphml", xml, &ig);
    assert_true(igraph_is_directed(&ig));
    assert_vertex_strings(&ig, "id", small_ids, 5);
    assert_small_edges(&ig);
    assert_small_weights(&ig);
    static const char *const labels[] = {"Node Sosyal Girişim Ağı", "", "2030 Gündem",
                                         "Fon\\Nord \"tırnak\" & <b>", "Satır bir\nSatır iki"};
    assert_vertex_strings(&ig, "label", labels, 5);
    assert_string_equal(VAS(&ig, "note", 4), "&copy; şğüöçı İ");
    assert_string_equal(VAS(&ig, "Project name", 1), "Yol & Su");
    assert_string_equal(EAS(&ig, "relation", 3), "capacity_building");
    assert_string_equal(GAS(&ig, "label"), "Kurum ağı \"2024\"");
    igraph_destroy(&ig);
    free(xml);
    sg_graph_free(g);
    free(dot);
    sg_graph_free(src);
}

/* XML 1.0 cannot hold most control characters: replaced by U+FFFD with a warning; CR, and tab
 * and LF in attributes, as character references so that a parser keeps them. */
static void test_graphml_control_characters(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    add_node(g, "a\tb\nc\rd", "label", "x\x01y\x1Fz\tw\r", NULL);
    sg_diag *d = sg_diag_new();
    sg_export *x = export_ok(g, "graphml", NULL, d);
    const char *xml = sg_export_file_data(x, 0, NULL);
    assert_non_null(strstr(xml, "<node id=\"a&#9;b&#10;c&#13;d\">"));
    assert_non_null(strstr(xml, "<data key=\"n0\">x\xEF\xBF\xBDy\xEF\xBF\xBDz\tw&#13;</data>"));
    assert_int_equal(sg_diag_count_severity(d, SG_WARNING), 1);
    assert_non_null(strstr(sg_diag_get(d, 0)->text, "replaced by U+FFFD"));
    igraph_t ig;
    igraph_read("graphml", xml, &ig);
    assert_string_equal(VAS(&ig, "id", 0), "a\tb\nc\rd");
    assert_string_equal(VAS(&ig, "label", 0), "x\xEF\xBF\xBDy\xEF\xBF\xBDz\tw\r");
    igraph_destroy(&ig);
    sg_export_free(x);
    sg_diag_free(d);
    sg_graph_free(g);
}

/* GraphML and JSON need UTF-8: other bytes are an error naming the object; DOT, GML, Pajek and
 * CSV carry the bytes as they are. */
static void test_invalid_utf8(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    add_node(g, "A", "label", "Kurum \xFD", NULL); /* windows-1254 ı */
    for (int k = 0; k < 2; k++) {
        const char *format = k ? "json" : "graphml";
        sg_diag *d = sg_diag_new();
        sg_export *x = (sg_export *)1;
        assert_int_equal(sg_export_write(g, format, NULL, &x, d), SG_EINVAL);
        assert_null(x);
        assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 1);
        assert_non_null(strstr(sg_diag_get(d, 0)->text,
                               "node 'A': the text is not valid UTF-8 (byte 7: 0xFD)"));
        sg_diag_free(d);
    }
    static const char *const others[] = {"gv", "gml", "net", "csv"};
    for (size_t k = 0; k < 4; k++) {
        char *text = export_text(g, others[k], k == 3 ? 1 : 0);
        assert_non_null(strstr(text, k == 2 ? "\"A\"" : "Kurum \xFD"));
        free(text);
    }
    sg_graph_free(g);
}

/* DOT -> GML: igraph keeps nodes, edges, weights (unknown ones NaN), ids (as `name`), labels
 * (the id where there is none), and decodes &quot; and &amp; back. */
static void test_gml_igraph(void **state) {
    (void)state;
    sg_graph *src = small_graph(1);
    char *dot = export_text(src, "gv", 0);
    sg_graph *g = read_dot_ok(dot);
    char *gml = export_text(g, "gml", 0);
    igraph_t ig;
    igraph_read("gml", gml, &ig);
    assert_true(igraph_is_directed(&ig));
    assert_vertex_strings(&ig, "name", small_ids, 5);
    assert_small_edges(&ig);
    assert_small_weights(&ig);
    static const char *const labels[] = {"Node Sosyal Girişim Ağı", "Graph", "2030 Gündem",
                                         "Fon\\Nord \"tırnak\" & <b>", "Satır bir\nSatır iki"};
    assert_vertex_strings(&ig, "label", labels, 5);
    assert_string_equal(VAS(&ig, "note", 4), "&copy; şğüöçı İ");
    assert_string_equal(VAS(&ig, "Project_name", 1), "Yol & Su");
    assert_string_equal(GAS(&ig, "label"), "Kurum ağı \"2024\"");
    igraph_destroy(&ig);
    free(gml);
    sg_graph_free(g);
    free(dot);
    sg_graph_free(src);
}

/* GML keys: names that are not GML keys, or that the format reserves, are renamed uniquely;
 * whole numbers stay integers, other numbers get a '.'. */
static void test_gml_keys_and_numbers(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(0);
    add_node(g, "A", "name", "Ad", "2024 bütçe", "5", "a b", "x", "a_b", "y", "id", "7", NULL);
    add_node(g, "B", "2024 bütçe", "1e20", NULL);
    add_edge(g, 0, 1, "source", "s", "year", "2024", "amount", "1e20", NULL);
    char *gml = export_text(g, "gml", 0);
    static const char *const lines[] = {
        "    name_2 \"Ad\"\n",  "    a2024_b__t__e 5.0\n",
        "    a_b_2 \"x\"\n",    "    a_b \"y\"\n",
        "    id_2 7\n",         "    a2024_b__t__e 1.0e+20\n",
        "    source_2 \"s\"\n", "    year 2024\n",
        "    amount 1.0e+20\n", "  directed 0\n",
    };
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++)
        if (!strstr(gml, lines[k]))
            fail_msg("GML lacks '%s':\n%s", lines[k], gml);
    igraph_t ig;
    igraph_read("gml", gml, &ig);
    assert_true(VAN(&ig, "a2024_b__t__e", 1) == 1e20);
    assert_true(EAN(&ig, "amount", 0) == 1e20);
    assert_string_equal(VAS(&ig, "name", 0), "A");
    assert_string_equal(VAS(&ig, "name_2", 0), "Ad");
    igraph_destroy(&ig);
    free(gml);
    sg_graph_free(g);
}

/* DOT -> Pajek: igraph keeps nodes, edges, weights (unknown ones NaN) and ids. */
static void test_pajek_igraph(void **state) {
    (void)state;
    sg_graph *src = small_graph(1);
    char *dot = export_text(src, "gv", 0);
    sg_graph *g = read_dot_ok(dot);
    char *net = export_text(g, "net", 0);
    igraph_t ig;
    igraph_read("pajek", net, &ig);
    assert_true(igraph_is_directed(&ig));
    assert_vertex_strings(&ig, "id", small_ids, 5);
    assert_small_edges(&ig);
    assert_small_weights(&ig);
    igraph_destroy(&ig);
    free(net);
    sg_graph_free(g);
    free(dot);
    sg_graph_free(src);
}

/* Pajek has no escapes: quotes and line breaks in ids are replaced, with a warning; a weight
 * that is not a number is left out, with a warning; the weight can be another attribute. */
static void test_pajek_limits(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    add_node(g, "say \"hi\"\nnow", NULL);
    add_node(g, "B", NULL);
    add_edge(g, 0, 1, "weight", "n/a", "participants", "40", NULL);
    add_edge(g, 1, 0, "weight", "3", "participants", "12", NULL);
    sg_diag *d = sg_diag_new();
    sg_export *x = export_ok(g, "net", NULL, d);
    assert_string_equal(sg_export_file_data(x, 0, NULL),
                        "*Vertices 2\n1 \"say 'hi' now\"\n2 \"B\"\n*Arcs\n1 2\n2 1 3\n");
    assert_int_equal(sg_diag_count_severity(d, SG_WARNING), 2);
    assert_non_null(strstr(sg_diag_get(d, 1)->text,
                           "1 edges have a 'weight' that is not a number (the first: 'n/a')"));
    sg_export_free(x);
    sg_export_options o = {.weight_attr = "participants"};
    x = export_ok(g, "net", &o, d);
    assert_string_equal(sg_export_file_data(x, 0, NULL),
                        "*Vertices 2\n1 \"say 'hi' now\"\n2 \"B\"\n*Arcs\n1 2 40\n2 1 12\n");
    sg_export_free(x);
    sg_diag_free(d);
    sg_graph_free(g);
}

/* ---------------------------------------------------------------------------------------- */
/* CSV, JSON, numbers                                                                       */

/* The weight column is named after the weight attribute; a weight that is text makes the
 * GraphML key a string; fixed column names are never written twice. */
static void test_csv_weight_column_and_reserved_names(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    add_node(g, "A", "ID", "x", "Label", "y", NULL);
    add_node(g, "B", NULL);
    add_edge(g, 0, 1, "amount", "1.200.000,5", "Source", "s", "value", "3", NULL);
    sg_diag *d = sg_diag_new();
    sg_export *x = export_ok(g, "csv", NULL, d);
    assert_string_equal(sg_export_file_data(x, 0, NULL),
                        "source,target,relation,amount,value\nA,B,,\"1.200.000,5\",3\n");
    assert_string_equal(sg_export_file_data(x, 1, NULL), "id,label,type\nA,A,\nB,B,\n");
    assert_int_equal(sg_diag_count_severity(d, SG_WARNING), 3);
    assert_non_null(strstr(sg_diag_get(d, 0)->text, "edge attribute 'Source' left out"));
    assert_non_null(strstr(sg_diag_get(d, 1)->text, "node attribute 'ID' left out"));
    sg_export_free(x);
    char *xml = export_text(g, "graphml", 0);
    assert_non_null(strstr(xml, "attr.name=\"amount\" attr.type=\"string\""));
    assert_non_null(strstr(xml, "attr.name=\"value\" attr.type=\"double\""));
    free(xml);
    sg_diag_free(d);
    sg_graph_free(g);
}

/* RFC 4180: a cell is quoted for a comma, a quote, a line break or space at an end; a cell
 * that a spreadsheet would run as a formula is written as it is. */
static void test_csv_cells(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    add_node(g, "=1+2", "label", " padded ", "type", "a,b", NULL);
    add_node(g, "-x", "label", "@SUM(A1)", "type", "line\r\nbreak", NULL);
    char *nodes = export_text(g, "csv", 1);
    assert_string_equal(nodes, "id,label,type\n=1+2,\" padded \",\"a,b\"\n"
                               "-x,@SUM(A1),\"line\r\nbreak\"\n");
    free(nodes);
    sg_graph_free(g);
}

/* JSON escapes: quotes, backslashes, every control character, U+2028; numbers only for
 * numeric attributes; reserved keys renamed. */
static void test_json_escapes(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    add_node(g, "A", "label", "q\" b\\ t\t n\n r\r \x01 \x1F \xE2\x80\xA8 \x7F", "code", "007",
             "id", "x", NULL);
    add_node(g, "B", "code", "12", NULL);
    add_edge(g, 0, 1, "weight", "007", "key", "k", "target", "t", "target_2", "u", NULL);
    sg_diag *d = sg_diag_new();
    sg_export *x = export_ok(g, "json", NULL, d);
    const char *json = sg_export_file_data(x, 0, NULL);
    static const char *const parts[] = {
        "{\"id\": \"A\", \"label\": \"q\\\" b\\\\ t\\t n\\n r\\r \\u0001 \\u001f \\u2028 \x7F\", "
        "\"code\": \"007\", \"id_2\": \"x\"}",
        "{\"id\": \"B\", \"code\": \"12\"}",
        "{\"source\": \"A\", \"target\": \"B\", \"weight\": 7, \"key_2\": \"k\", \"target_3\": "
        "\"t\", \"target_2\": \"u\"}",
    };
    for (size_t k = 0; k < 3; k++)
        if (!strstr(json, parts[k]))
            fail_msg("JSON lacks '%s':\n%s", parts[k], json);
    assert_int_equal(sg_diag_count_severity(d, SG_WARNING), 3);
    assert_string_equal(sg_diag_get(d, 2)->text, "edge attribute 'target' written to JSON as "
                                                 "'target_3' ('target' is a key of the node-link "
                                                 "format)");
    sg_export_free(x);
    sg_diag_free(d);
    sg_graph_free(g);
}

/* Numbers: the shortest text that reads back as the same double, in every format. */
static void test_numbers(void **state) {
    (void)state;
    static const struct {
        const char *in;
        const char *json;
    } cases[] = {
        {"0.1", "0.1"},
        {"1e21", "1e+21"},
        {"-0", "0"},
        {"0.3333333333333333", "0.3333333333333333"},
        {"2.5E-7", "2.5e-07"},
        {"123456789012345678", "1.2345678901234568e+17"},
        {"1200000.50", "1200000.5"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        sg_graph *g = sg_graph_new(1);
        add_node(g, "A", NULL);
        add_edge(g, 0, 0, "weight", cases[k].in, NULL);
        char *json = export_text(g, "json", 0);
        char want[128];
        snprintf(want, sizeof want, "\"weight\": %s}", cases[k].json);
        if (!strstr(json, want))
            fail_msg("case %s: JSON lacks '%s':\n%s", cases[k].in, want, json);
        char *net = export_text(g, "net", 0);
        snprintf(want, sizeof want, "1 1 %s\n", cases[k].json);
        assert_non_null(strstr(net, want));
        free(net);
        free(json);
        sg_graph_free(g);
    }
}

/* The same bytes in every locale (R30), and run to run. */
static void test_locales(void **state) {
    (void)state;
    static const char *const formats[] = {"gv", "graphml", "gml", "net", "csv", "json"};
    static const char *const locales[] = {"tr_TR.UTF-8", "de_DE.UTF-8"};
    sg_graph *g = small_graph(1);
    char *old = strdup(setlocale(LC_ALL, NULL));
    assert_non_null(old);
    for (size_t f = 0; f < 6; f++) {
        for (size_t file = 0; file < (f == 4 ? 2u : 1u); file++) {
            assert_non_null(setlocale(LC_ALL, "C"));
            char *c = export_text(g, formats[f], file);
            for (size_t l = 0; l < 2; l++) {
                if (!setlocale(LC_ALL, locales[l]))
                    fail_msg("locale %s is not installed", locales[l]);
                char *other = export_text(g, formats[f], file);
                assert_string_equal(other, c);
                free(other);
            }
            assert_non_null(setlocale(LC_ALL, "C"));
            char *again = export_text(g, formats[f], file);
            assert_string_equal(again, c);
            free(again);
            free(c);
        }
    }
    setlocale(LC_ALL, old);
    free(old);
    sg_graph_free(g);
}

/* ---------------------------------------------------------------------------------------- */
/* Round trips through stakegraph's own readers                                             */

/* Reads an exported CSV pair back with stakegraph's CSV reader. */
static sg_graph *read_csv_pair(const sg_graph *g, const sg_read_options *ro) {
    char *edges = export_text(g, "csv", 0);
    char *nodes = export_text(g, "csv", 1);
    sg_diag *d = sg_diag_new();
    sg_graph *back = NULL;
    int rc = sg_read_csv(edges, strlen(edges), "g.csv", nodes, strlen(nodes), "g-nodes.csv", ro,
                         &back, d);
    if (rc != SG_OK) {
        sg_diag_print(d, stderr);
        fail_msg("reading the CSV pair back failed with %d", rc);
    }
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 0);
    sg_diag_free(d);
    free(nodes);
    free(edges);
    return back;
}

/* Expects the same nodes (ids, labels, types), edges (ends, relations) and weights, an
 * unknown weight staying unknown; other attributes by name. */
static void assert_same_data(const sg_graph *a, const sg_graph *b) {
    assert_int_equal(sg_graph_directed(a), sg_graph_directed(b));
    assert_int_equal(sg_graph_node_count(a), sg_graph_node_count(b));
    assert_int_equal(sg_graph_edge_count(a), sg_graph_edge_count(b));
    for (size_t i = 0; i < sg_graph_node_count(a); i++) {
        assert_string_equal(sg_graph_node_id(a, i), sg_graph_node_id(b, i));
        assert_string_equal(sg_graph_node_label(a, i), sg_graph_node_label(b, i));
        assert_string_equal(sg_graph_node_type(a, i), sg_graph_node_type(b, i));
        for (size_t k = 0; k < sg_graph_attr_count(a, SG_ON_NODE, i); k++) {
            const char *name, *value;
            sg_graph_attr_at(a, SG_ON_NODE, i, k, &name, &value);
            const char *vb = sg_graph_attr(b, SG_ON_NODE, i, name);
            if (*value)
                assert_string_equal(vb ? vb : "(unset)", value);
        }
    }
    for (size_t e = 0; e < sg_graph_edge_count(a); e++) {
        size_t sa = sg_graph_edge_source(a, e), ta = sg_graph_edge_target(a, e);
        size_t sb = sg_graph_edge_source(b, e), tb = sg_graph_edge_target(b, e);
        if (!sg_graph_directed(a) && sa != sb) { /* an undirected edge has no first end */
            size_t t = sb;
            sb = tb;
            tb = t;
        }
        assert_int_equal(sa, sb);
        assert_int_equal(ta, tb);
        assert_string_equal(sg_graph_edge_relation(a, e), sg_graph_edge_relation(b, e));
        const char *wa = sg_graph_attr(a, SG_ON_EDGE, e, "weight");
        const char *wb = sg_graph_attr(b, SG_ON_EDGE, e, "weight");
        if (wa && *wa) {
            double x, y;
            assert_non_null(wb);
            assert_int_equal(sscanf(wa, "%lf", &x), 1);
            assert_int_equal(sscanf(wb, "%lf", &y), 1);
            assert_true(x == y);
        } else {
            assert_true(wb == NULL || *wb == '\0');
        }
    }
}

/* DOT -> CSV -> DOT keeps nodes, edges, relations, weights (unknown ones unknown), labels, the
 * backslashes and line breaks; a second trip changes no byte. Directed and undirected. */
static void test_csv_round_trip(void **state) {
    (void)state;
    for (int directed = 1; directed >= 0; directed--) {
        sg_graph *src = small_graph(directed);
        char *dot = export_text(src, "gv", 0);
        sg_graph *g = read_dot_ok(dot);
        sg_graph *back = read_csv_pair(g, NULL);
        assert_same_data(g, back);
        char *dot2 = export_text(back, "gv", 0);
        sg_graph *again = read_dot_ok(dot2);
        assert_same_data(g, again);
        sg_graph *back2 = read_csv_pair(again, NULL);
        char *e1 = export_text(back, "csv", 0), *e2 = export_text(back2, "csv", 0);
        char *n1 = export_text(back, "csv", 1), *n2 = export_text(back2, "csv", 1);
        assert_string_equal(e1, e2);
        assert_string_equal(n1, n2);
        free(e1);
        free(e2);
        free(n1);
        free(n2);
        sg_graph_free(back2);
        sg_graph_free(again);
        free(dot2);
        sg_graph_free(back);
        sg_graph_free(g);
        free(dot);
        sg_graph_free(src);
    }
}

/* A graph whose weight is `amount` keeps it through CSV (the column is named after it). */
static void test_csv_round_trip_amount(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    add_node(g, "KKF", "label", "Kuzeyyaka Kalkınma\nFonu", NULL);
    add_node(g, "DKD", NULL);
    add_edge(g, 0, 1, "amount", "85000", NULL);
    add_edge(g, 1, 0, "amount", "", NULL);
    add_edge(g, 1, 1, "amount", "0.5", NULL);
    sg_graph *back = read_csv_pair(g, NULL);
    assert_string_equal(sg_graph_node_label(back, 0), "Kuzeyyaka Kalkınma\nFonu");
    static const char *const weights[] = {"85000", NULL, "0.5"};
    for (size_t e = 0; e < 3; e++) {
        const char *w = sg_graph_attr(back, SG_ON_EDGE, e, "weight");
        if (!w)
            w = sg_graph_attr(back, SG_ON_EDGE, e, "amount");
        if (weights[e])
            assert_string_equal(w, weights[e]);
        else
            assert_null(w);
    }
    sg_graph_free(back);
    sg_graph_free(g);
}

/* DOT -> GraphML -> stakegraph's GraphML reader: the same data. */
static void test_graphml_round_trip(void **state) {
    (void)state;
    for (int directed = 1; directed >= 0; directed--) {
        sg_graph *src = small_graph(directed);
        char *dot = export_text(src, "gv", 0);
        sg_graph *g = read_dot_ok(dot);
        char *xml = export_text(g, "graphml", 0);
        sg_diag *d = sg_diag_new();
        sg_graph *back = NULL;
        int rc = sg_read_graphml(xml, strlen(xml), "g.graphml", NULL, &back, d);
        if (rc != SG_OK) {
            sg_diag_print(d, stderr);
            fail_msg("reading the GraphML back failed with %d", rc);
        }
        assert_same_data(g, back);
        sg_graph_free(back);
        sg_diag_free(d);
        free(xml);
        sg_graph_free(g);
        free(dot);
        sg_graph_free(src);
    }
}

static int setup(void **state) {
    (void)state;
    igraph_set_attribute_table(&igraph_cattribute_table);
    igraph_set_error_handler(igraph_error_handler_printignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
    return 0;
}

int main(void) {
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_find),
        cmocka_unit_test(test_file_paths),
        cmocka_unit_test(test_dot_text),
        cmocka_unit_test(test_graphml_text),
        cmocka_unit_test(test_gml_text),
        cmocka_unit_test(test_pajek_text),
        cmocka_unit_test(test_csv_text),
        cmocka_unit_test(test_json_text),
        cmocka_unit_test(test_undirected),
        cmocka_unit_test(test_empty_graph),
        cmocka_unit_test(test_dot_round_trip),
        cmocka_unit_test(test_dot_cgraph_file_reader),
        cmocka_unit_test(test_dot_keyword_and_digit_ids),
        cmocka_unit_test(test_dot_backslashes),
        cmocka_unit_test(test_dot_unwritable),
        cmocka_unit_test(test_dot_edge_key),
        cmocka_unit_test(test_r08_long_label),
        cmocka_unit_test(test_long_value_boundaries),
        cmocka_unit_test(test_graphml_igraph),
        cmocka_unit_test(test_graphml_control_characters),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_gml_igraph),
        cmocka_unit_test(test_gml_keys_and_numbers),
        cmocka_unit_test(test_pajek_igraph),
        cmocka_unit_test(test_pajek_limits),
        cmocka_unit_test(test_csv_weight_column_and_reserved_names),
        cmocka_unit_test(test_csv_cells),
        cmocka_unit_test(test_json_escapes),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_locales),
        cmocka_unit_test(test_csv_round_trip),
        cmocka_unit_test(test_csv_round_trip_amount),
        cmocka_unit_test(test_graphml_round_trip),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, setup, NULL);
}
