/*
 * The GraphML reader: what igraph's reader gives the model (ids, typed keys, defaults,
 * direction, attribute names), what our libxml2 pass adds (keys without attr.type read as text,
 * weights checked with their line), and what it refuses: DOCTYPEs, entities and external files
 * (shared/cases R29, copied into tests/data/cases), XML that is not well-formed, other roots.
 *
 * SG_TEST_DATA names the tests/data folder (Meson sets it; "." otherwise).
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stakegraph.h"

#include "test_data.h"

static int read_text(const char *xml, const sg_read_options *opts, sg_graph **g, sg_diag **d) {
    *d = sg_diag_new();
    assert_non_null(*d);
    return sg_read_graphml(xml, strlen(xml), "g.graphml", opts, g, *d);
}

static size_t count_messages(const sg_diag *d, sg_severity severity, long line, const char *part) {
    size_t n = 0;
    for (size_t i = 0; i < sg_diag_count(d); i++) {
        const sg_message *m = sg_diag_get(d, i);
        if (m->severity == severity && (!line || m->line == line) && strstr(m->text, part))
            n++;
    }
    return n;
}

static void expect_message(const sg_diag *d, sg_severity severity, long line, const char *part) {
    if (count_messages(d, severity, line, part) != 1) {
        sg_diag_print(d, stderr);
        fail_msg("no single message at line %ld with '%s'", line, part);
    }
}

static const char graph_text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
    "  <key id=\"d0\" for=\"node\" attr.name=\"Label\" attr.type=\"string\"/>\n"
    "  <key id=\"d1\" for=\"node\" attr.name=\"type\"/>\n"
    "  <key id=\"d2\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
    "  <key id=\"d3\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\">"
    "<default>funding</default></key>\n"
    "  <key id=\"d4\" for=\"node\" attr.name=\"founded\" attr.type=\"int\"/>\n"
    "  <key id=\"d5\" for=\"node\" attr.name=\"public\" attr.type=\"boolean\"/>\n"
    "  <key id=\"d6\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
    "  <graph id=\"G\" edgedefault=\"directed\">\n"
    "    <node id=\"KKF\"><data key=\"d0\">Kuzeyyaka Kalkınma Fonu</data>"
    "<data key=\"d1\">funder</data><data key=\"d4\">1998</data>"
    "<data key=\"d5\">true</data></node>\n"
    "    <node id=\"DKD\"><data key=\"d0\">Dağeteği &amp; Kadın &lt;Derneği&gt;</data>"
    "<data key=\"d6\"><shape/></data></node>\n"
    "    <node id=\"2030 Ağ\"/>\n"
    "    <edge source=\"KKF\" target=\"DKD\"><data key=\"d2\">250000.5</data></edge>\n"
    "    <edge source=\"DKD\" target=\"2030 Ağ\"><data key=\"d2\">0.75</data>"
    "<data key=\"d3\">implementation</data></edge>\n"
    "    <edge source=\"2030 Ağ\" target=\"KKF\"/>\n"
    "  </graph>\n"
    "</graphml>\n";

static void check_graph(const sg_graph *g) {
    assert_int_equal(sg_graph_directed(g), 1);
    assert_int_equal(sg_graph_node_count(g), 3);
    assert_int_equal(sg_graph_edge_count(g), 3);
    assert_string_equal(sg_graph_node_id(g, 0), "KKF");
    assert_string_equal(sg_graph_node_id(g, 2), "2030 Ağ");
    assert_string_equal(sg_graph_node_label(g, 0), "Kuzeyyaka Kalkınma Fonu");
    assert_string_equal(sg_graph_node_label(g, 1), "Dağeteği & Kadın <Derneği>");
    assert_string_equal(sg_graph_node_label(g, 2), "2030 Ağ"); /* no label: the id */
    assert_string_equal(sg_graph_node_type(g, 0), "funder");   /* untyped key, read as text */
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 0, "founded"), "1998");
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 0, "public"), "true");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "weight"), "250000.5");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 1, "weight"), "0.75");
    assert_null(sg_graph_attr(g, SG_ON_EDGE, 2, "weight"));       /* an unknown amount */
    assert_string_equal(sg_graph_edge_relation(g, 0), "funding"); /* the key's default */
    assert_string_equal(sg_graph_edge_relation(g, 1), "implementation");
    assert_int_equal(sg_graph_edge_source(g, 2), 2);
    assert_int_equal(sg_graph_edge_target(g, 2), 0);
}

static void test_typed_keys_and_defaults(void **state) {
    (void)state;
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    assert_int_equal(read_text(graph_text, NULL, &g, &d), SG_OK);
    check_graph(g);
    expect_message(d, SG_WARNING, 4, "key 'd1' (type) has no attr.type: read as text");
    expect_message(d, SG_WARNING, 9, "key 'd6' has neither attr.name nor attr.type");
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 0);
    sg_graph_free(g);
    sg_diag_free(d);
}

static void test_locale_independent(void **state) {
    (void)state;
    /* Under tr_TR and de_DE, strtod reads "0,75"; igraph runs in the C locale here. */
    char *old = strdup(setlocale(LC_ALL, NULL));
    const char *locales[] = {"tr_TR.UTF-8", "de_DE.UTF-8"};
    for (size_t k = 0; k < 2; k++) {
        assert_non_null(setlocale(LC_ALL, locales[k]));
        sg_graph *g = NULL;
        sg_diag *d = NULL;
        assert_int_equal(read_text(graph_text, NULL, &g, &d), SG_OK);
        check_graph(g);
        sg_graph_free(g);
        sg_diag_free(d);
    }
    setlocale(LC_ALL, old);
    free(old);
}

static void test_undirected_and_weight_option(void **state) {
    (void)state;
    const char *xml = "<graphml><key id=\"p\" for=\"edge\" attr.name=\"Participants\" "
                      "attr.type=\"long\"/><key id=\"a\" for=\"edge\" attr.name=\"Amount\" "
                      "attr.type=\"string\"/>\n"
                      "<graph edgedefault=\"undirected\"><node id=\"a\"/><node id=\"b\"/>\n"
                      "<edge source=\"a\" target=\"b\"><data key=\"p\">12</data>"
                      "<data key=\"a\">1e3</data></edge></graph></graphml>";
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    assert_int_equal(read_text(xml, NULL, &g, &d), SG_OK);
    assert_int_equal(sg_graph_directed(g), 0);
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "amount"), "1000"); /* normalised */
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "Participants"), "12");
    sg_graph_free(g);
    sg_diag_free(d);
    assert_int_equal(read_text(xml, &(sg_read_options){.weight_attr = "participants"}, &g, &d),
                     SG_OK);
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "Participants"), "12");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "amount"), "1e3"); /* just text now */
    sg_graph_free(g);
    sg_diag_free(d);
}

static void test_bad_weights(void **state) {
    (void)state;
    const char *xml = "<graphml>\n<key id=\"w\" for=\"edge\" attr.name=\"weight\" "
                      "attr.type=\"double\"/>\n"
                      "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>\n"
                      "<edge source=\"a\" target=\"b\"><data key=\"w\">NaN</data></edge>\n"
                      "<edge source=\"a\" target=\"b\"><data key=\"w\">-5</data></edge>\n"
                      "<edge source=\"a\" target=\"b\"><data key=\"w\"></data></edge>\n"
                      "<edge source=\"a\" target=\"b\"><data key=\"w\">0</data></edge>\n"
                      "<edge source=\"a\" target=\"b\"><data key=\"w\">n/a</data></edge>\n"
                      "</graph></graphml>";
    sg_graph *g = (sg_graph *)1;
    sg_diag *d = NULL;
    assert_int_equal(read_text(xml, NULL, &g, &d), SG_EINVAL);
    assert_null(g);
    expect_message(d, SG_ERROR, 4, "weight 'NaN' (key weight): NaN is not an amount");
    expect_message(d, SG_ERROR, 5, "weight '-5' (key weight): a negative amount");
    expect_message(d, SG_ERROR, 8, "weight 'n/a' (key weight): not a number");
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 3);
    sg_diag_free(d);
}

/* No message may carry the text of R29-xxe-target.txt. */
static void expect_no_marker(const sg_diag *d) {
    for (size_t i = 0; i < sg_diag_count(d); i++)
        assert_null(strstr(sg_diag_get(d, i)->text, "XXE-MARKER"));
}

static void test_R29_doctype_refused(void **state) {
    (void)state;
    const char *files[] = {"cases/R29-graphml-xxe.graphml",
                           "cases/R29-graphml-billion-laughs-small.graphml"};
    for (size_t k = 0; k < 2; k++) {
        char *path = data_path(files[k]);
        sg_diag *d = sg_diag_new();
        sg_graph *g = (sg_graph *)1;
        assert_int_equal(sg_read_file(path, NULL, &g, d), SG_EPARSE);
        assert_null(g);
        expect_message(d, SG_ERROR, 2, "has a DOCTYPE declaration");
        assert_int_equal(sg_diag_count(d), 1);
        expect_no_marker(d);
        free(path);
        sg_diag_free(d);
    }
    /* An external entity in an otherwise plain document is never loaded either. */
    sg_graph *g = (sg_graph *)1;
    sg_diag *d = NULL;
    assert_int_equal(
        read_text("<graphml><graph><node id=\"a\">&ext;</node></graph></graphml>", NULL, &g, &d),
        SG_EPARSE);
    expect_message(d, SG_ERROR, 1, "not well-formed XML: Entity 'ext' not defined");
    expect_no_marker(d);
    sg_diag_free(d);
}

static void test_not_graphml(void **state) {
    (void)state;
    sg_graph *g = (sg_graph *)1;
    sg_diag *d = NULL;
    assert_int_equal(
        read_text("<graphml>\n<graph>\n<node id=\"a\">\n</graph></graphml>", NULL, &g, &d),
        SG_EPARSE);
    assert_null(g);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 1);
    const sg_message *m = sg_diag_get(d, 0);
    assert_int_equal(m->line, 4);
    assert_true(m->column > 0);
    assert_non_null(strstr(m->text, "not well-formed XML"));
    sg_diag_free(d);
    assert_int_equal(read_text("<svg/>", NULL, &g, &d), SG_EPARSE);
    expect_message(d, SG_ERROR, 1, "the root element is <svg>");
    sg_diag_free(d);
    d = sg_diag_new();
    assert_int_equal(sg_read_graphml("", 0, "e.graphml", NULL, &g, d), SG_EINVAL);
    expect_message(d, SG_ERROR, 0, "empty file");
    sg_diag_free(d);
}

static void test_registry(void **state) {
    (void)state;
    /* By extension, and by --from for another name. */
    sg_diag *d = sg_diag_new();
    sg_graph *g = NULL;
    assert_int_equal(sg_read_buffer(graph_text, strlen(graph_text), "x.graphml", NULL, &g, d),
                     SG_OK);
    check_graph(g);
    sg_graph_free(g);
    assert_int_equal(sg_read_buffer(graph_text, strlen(graph_text), "x.data",
                                    &(sg_read_options){.format = "graphml"}, &g, d),
                     SG_OK);
    check_graph(g);
    sg_graph_free(g);
    /* .xml is IATI (design.md), never GraphML: the IATI reader refuses the <graphml> root. */
    assert_int_equal(sg_read_buffer(graph_text, strlen(graph_text), "x.xml",
                                    &(sg_read_options){.nodes_path = NULL}, &g, d),
                     SG_EPARSE);
    assert_null(g);
    /* --nodes belongs to CSV. */
    assert_int_equal(sg_read_buffer(graph_text, strlen(graph_text), "x.graphml",
                                    &(sg_read_options){.nodes_path = "n.csv"}, &g, d),
                     SG_EINVAL);
    sg_diag_free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_keys_and_defaults),
        cmocka_unit_test(test_locale_independent),
        cmocka_unit_test(test_undirected_and_weight_option),
        cmocka_unit_test(test_bad_weights),
        cmocka_unit_test(test_R29_doctype_refused),
        cmocka_unit_test(test_not_graphml),
        cmocka_unit_test(test_registry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
