/*
 * The model and the diagnostics: graph creation, unique node ids and the id hash, attributes,
 * the well-known attributes' defaults, bad indices, and the list of messages.
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

/* ---------------------------------------------------------------------------------------- */
/* Graphs and nodes                                                                         */

static void test_new_graph(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    assert_non_null(g);
    assert_int_equal(sg_graph_directed(g), 1);
    assert_int_equal(sg_graph_node_count(g), 0);
    assert_int_equal(sg_graph_edge_count(g), 0);
    assert_int_equal(sg_graph_attr_count(g, SG_ON_GRAPH, 0), 0);
    size_t idx = 99;
    assert_int_equal(sg_graph_find_node(g, "KKF", &idx), 0);
    assert_int_equal(idx, 99);
    sg_graph_free(g);

    g = sg_graph_new(0);
    assert_non_null(g);
    assert_int_equal(sg_graph_directed(g), 0);
    sg_graph_free(g);

    /* "1 for directed": any other non-zero value is directed too, and reads back as 1. */
    g = sg_graph_new(7);
    assert_non_null(g);
    assert_int_equal(sg_graph_directed(g), 1);
    sg_graph_free(g);
}

static void test_free_null(void **state) {
    (void)state;
    sg_graph_free(NULL);
    sg_diag_free(NULL);
}

static void test_add_nodes_in_order(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    assert_non_null(g);
    const char *ids[] = {"KKF", "Göç İdaresi Başkanlığı", "node", "2030Gundem", "a b"};
    for (size_t i = 0; i < 5; i++) {
        size_t idx = 99;
        assert_int_equal(sg_graph_add_node(g, ids[i], &idx), SG_OK);
        assert_int_equal(idx, i);
    }
    assert_int_equal(sg_graph_node_count(g), 5);
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(sg_graph_node_id(g, i), ids[i]);
        size_t idx = 99;
        assert_int_equal(sg_graph_find_node(g, ids[i], &idx), 1);
        assert_int_equal(idx, i);
    }
    /* Found with a NULL index too. */
    assert_int_equal(sg_graph_find_node(g, "KKF", NULL), 1);
    /* Ids are compared whole and case-sensitively. */
    assert_int_equal(sg_graph_find_node(g, "kkf", NULL), 0);
    assert_int_equal(sg_graph_find_node(g, "KK", NULL), 0);
    assert_int_equal(sg_graph_find_node(g, "KKF ", NULL), 0);
    /* An index out of range has no id. */
    assert_null(sg_graph_node_id(g, 5));
    sg_graph_free(g);
}

static void test_node_id_is_copied(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    char id[8] = "DKD";
    assert_int_equal(sg_graph_add_node(g, id, NULL), SG_OK);
    strcpy(id, "XYZ");
    assert_string_equal(sg_graph_node_id(g, 0), "DKD");
    assert_int_equal(sg_graph_find_node(g, "DKD", NULL), 1);
    assert_int_equal(sg_graph_find_node(g, "XYZ", NULL), 0);
    sg_graph_free(g);
}

static void test_duplicate_id(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    assert_int_equal(sg_graph_add_node(g, "A", NULL), SG_OK);
    assert_int_equal(sg_graph_add_node(g, "B", NULL), SG_OK);
    assert_int_equal(sg_graph_add_node(g, "C", NULL), SG_OK);
    size_t idx = 99;
    assert_int_equal(sg_graph_add_node(g, "B", &idx), SG_EINVAL);
    assert_int_equal(idx, 1);
    idx = 99;
    assert_int_equal(sg_graph_add_node(g, "A", &idx), SG_EINVAL);
    assert_int_equal(idx, 0);
    assert_int_equal(sg_graph_add_node(g, "C", NULL), SG_EINVAL);
    assert_int_equal(sg_graph_node_count(g), 3);
    /* The next new node still gets the next index. */
    assert_int_equal(sg_graph_add_node(g, "D", &idx), SG_OK);
    assert_int_equal(idx, 3);
    sg_graph_free(g);
}

/* Many nodes: the id hash grows (rehashes) many times; every id stays findable and unique. */
static void test_many_nodes(void **state) {
    (void)state;
    enum { N = 10000 };
    sg_graph *g = sg_graph_new(1);
    char id[32];
    for (size_t i = 0; i < N; i++) {
        snprintf(id, sizeof id, "n%zu", i);
        size_t idx = 0;
        assert_int_equal(sg_graph_add_node(g, id, &idx), SG_OK);
        assert_int_equal(idx, i);
        /* The first node stays findable across every growth. */
        assert_int_equal(sg_graph_find_node(g, "n0", &idx), 1);
        assert_int_equal(idx, 0);
    }
    assert_int_equal(sg_graph_node_count(g), N);
    for (size_t i = 0; i < N; i++) {
        snprintf(id, sizeof id, "n%zu", i);
        size_t idx = N + 1;
        assert_int_equal(sg_graph_find_node(g, id, &idx), 1);
        assert_int_equal(idx, i);
        assert_string_equal(sg_graph_node_id(g, i), id);
    }
    /* Duplicates are still refused after the growth, with the existing index. */
    for (size_t i = 0; i < N; i += 997) {
        snprintf(id, sizeof id, "n%zu", i);
        size_t idx = N + 1;
        assert_int_equal(sg_graph_add_node(g, id, &idx), SG_EINVAL);
        assert_int_equal(idx, i);
    }
    assert_int_equal(sg_graph_node_count(g), N);
    snprintf(id, sizeof id, "n%d", N);
    assert_int_equal(sg_graph_find_node(g, id, NULL), 0);
    assert_int_equal(sg_graph_find_node(g, "", NULL), 0);
    assert_int_equal(sg_graph_find_node(g, "n", NULL), 0);
    sg_graph_free(g);
}

/* ---------------------------------------------------------------------------------------- */
/* Edges                                                                                    */

static void test_edges(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    assert_int_equal(sg_graph_add_node(g, "A", NULL), SG_OK);
    assert_int_equal(sg_graph_add_node(g, "B", NULL), SG_OK);
    size_t e = 99;
    assert_int_equal(sg_graph_add_edge(g, 0, 1, &e), SG_OK);
    assert_int_equal(e, 0);
    assert_int_equal(sg_graph_add_edge(g, 1, 0, &e), SG_OK);
    assert_int_equal(e, 1);
    /* A self-loop and a parallel edge are kept in the model as they are. */
    assert_int_equal(sg_graph_add_edge(g, 1, 1, &e), SG_OK);
    assert_int_equal(e, 2);
    assert_int_equal(sg_graph_add_edge(g, 0, 1, NULL), SG_OK);
    assert_int_equal(sg_graph_edge_count(g), 4);
    assert_int_equal(sg_graph_edge_source(g, 0), 0);
    assert_int_equal(sg_graph_edge_target(g, 0), 1);
    assert_int_equal(sg_graph_edge_source(g, 1), 1);
    assert_int_equal(sg_graph_edge_target(g, 1), 0);
    assert_int_equal(sg_graph_edge_source(g, 2), 1);
    assert_int_equal(sg_graph_edge_target(g, 2), 1);
    assert_int_equal(sg_graph_edge_source(g, 3), 0);
    assert_int_equal(sg_graph_edge_target(g, 3), 1);
    sg_graph_free(g);
}

static void test_bad_edge_index(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    size_t e = 99;
    /* No nodes at all. */
    assert_int_equal(sg_graph_add_edge(g, 0, 0, &e), SG_EINVAL);
    assert_int_equal(sg_graph_add_node(g, "A", NULL), SG_OK);
    assert_int_equal(sg_graph_add_node(g, "B", NULL), SG_OK);
    assert_int_equal(sg_graph_add_edge(g, 0, 2, &e), SG_EINVAL);
    assert_int_equal(sg_graph_add_edge(g, 2, 0, &e), SG_EINVAL);
    assert_int_equal(sg_graph_add_edge(g, (size_t)-1, 1, &e), SG_EINVAL);
    assert_int_equal(sg_graph_add_edge(g, 1, SIZE_MAX, NULL), SG_EINVAL);
    assert_int_equal(sg_graph_edge_count(g), 0);
    assert_int_equal(e, 99);
    sg_graph_free(g);
}

/* ---------------------------------------------------------------------------------------- */
/* Attributes                                                                               */

static void test_attributes(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    assert_int_equal(sg_graph_add_node(g, "A", NULL), SG_OK);
    assert_int_equal(sg_graph_add_node(g, "B", NULL), SG_OK);
    assert_int_equal(sg_graph_add_edge(g, 0, 1, NULL), SG_OK);

    assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, 0, "type", "donor"), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, 0, "label", "Avrupa Birliği"), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, 0, "notes", "x"), SG_OK);
    assert_int_equal(sg_graph_attr_count(g, SG_ON_NODE, 0), 3);
    assert_int_equal(sg_graph_attr_count(g, SG_ON_NODE, 1), 0);
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 0, "type"), "donor");
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 0, "label"), "Avrupa Birliği");
    assert_null(sg_graph_attr(g, SG_ON_NODE, 0, "weight"));
    assert_null(sg_graph_attr(g, SG_ON_NODE, 1, "type"));
    /* Names are case-sensitive. */
    assert_null(sg_graph_attr(g, SG_ON_NODE, 0, "Type"));

    /* Replacing keeps the count and the place of the first setting. */
    assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, 0, "type", "funder"), SG_OK);
    assert_int_equal(sg_graph_attr_count(g, SG_ON_NODE, 0), 3);
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 0, "type"), "funder");
    const char *name = NULL, *value = NULL;
    const char *want_names[] = {"type", "label", "notes"};
    const char *want_values[] = {"funder", "Avrupa Birliği", "x"};
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(sg_graph_attr_at(g, SG_ON_NODE, 0, k, &name, &value), 1);
        assert_string_equal(name, want_names[k]);
        assert_string_equal(value, want_values[k]);
    }
    name = value = NULL;
    assert_int_equal(sg_graph_attr_at(g, SG_ON_NODE, 0, 3, &name, &value), 0);
    assert_int_equal(sg_graph_attr_at(g, SG_ON_NODE, 1, 0, &name, &value), 0);
    /* NULL out-parameters are allowed. */
    assert_int_equal(sg_graph_attr_at(g, SG_ON_NODE, 0, 1, NULL, &value), 1);
    assert_string_equal(value, "Avrupa Birliği");
    assert_int_equal(sg_graph_attr_at(g, SG_ON_NODE, 0, 2, &name, NULL), 1);
    assert_string_equal(name, "notes");

    /* Edges and the graph have attributes of their own. */
    assert_int_equal(sg_graph_set_attr(g, SG_ON_EDGE, 0, "relation", "funding"), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_EDGE, 0, "weight", "250000"), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_GRAPH, 0, "label", "Başlık"), SG_OK);
    /* The graph's index is ignored. */
    assert_int_equal(sg_graph_set_attr(g, SG_ON_GRAPH, 12345, "source", "fact sheet"), SG_OK);
    assert_int_equal(sg_graph_attr_count(g, SG_ON_EDGE, 0), 2);
    assert_int_equal(sg_graph_attr_count(g, SG_ON_GRAPH, 0), 2);
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "weight"), "250000");
    assert_string_equal(sg_graph_attr(g, SG_ON_GRAPH, 0, "label"), "Başlık");
    assert_string_equal(sg_graph_attr(g, SG_ON_GRAPH, 7, "source"), "fact sheet");
    assert_int_equal(sg_graph_attr_at(g, SG_ON_GRAPH, 0, 1, &name, &value), 1);
    assert_string_equal(name, "source");
    /* A node's attribute is not the graph's or the edge's. */
    assert_null(sg_graph_attr(g, SG_ON_GRAPH, 0, "type"));
    assert_null(sg_graph_attr(g, SG_ON_EDGE, 0, "label"));
    /* An empty value is a value. */
    assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, 1, "notes", ""), SG_OK);
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 1, "notes"), "");
    sg_graph_free(g);
}

static void test_attribute_strings_copied(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(0);
    assert_int_equal(sg_graph_add_node(g, "A", NULL), SG_OK);
    char name[16] = "colour", value[16] = "red";
    assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, 0, name, value), SG_OK);
    strcpy(name, "shape");
    strcpy(value, "box");
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 0, "colour"), "red");
    assert_null(sg_graph_attr(g, SG_ON_NODE, 0, "shape"));
    sg_graph_free(g);
}

static void test_attribute_bad_index(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    assert_int_equal(sg_graph_add_node(g, "A", NULL), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, 1, "type", "donor"), SG_EINVAL);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_EDGE, 0, "relation", "funding"), SG_EINVAL);
    assert_null(sg_graph_attr(g, SG_ON_NODE, 1, "type"));
    assert_null(sg_graph_attr(g, SG_ON_EDGE, 0, "relation"));
    assert_int_equal(sg_graph_attr_count(g, SG_ON_NODE, 1), 0);
    assert_int_equal(sg_graph_attr_count(g, SG_ON_EDGE, 0), 0);
    const char *name = NULL, *value = NULL;
    assert_int_equal(sg_graph_attr_at(g, SG_ON_EDGE, 0, 0, &name, &value), 0);
    assert_int_equal(sg_graph_attr_count(g, SG_ON_NODE, 0), 0);
    sg_graph_free(g);
}

static void test_well_known_defaults(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    assert_int_equal(sg_graph_add_node(g, "IOM", NULL), SG_OK);
    assert_int_equal(sg_graph_add_node(g, "MoT", NULL), SG_OK);
    assert_int_equal(sg_graph_add_edge(g, 0, 1, NULL), SG_OK);
    /* Without attributes: the label is the id, type and relation are "". */
    assert_string_equal(sg_graph_node_label(g, 0), "IOM");
    assert_string_equal(sg_graph_node_type(g, 0), "");
    assert_string_equal(sg_graph_edge_relation(g, 0), "");
    /* The defaults are not stored as attributes. */
    assert_int_equal(sg_graph_attr_count(g, SG_ON_NODE, 0), 0);
    assert_null(sg_graph_attr(g, SG_ON_NODE, 0, "label"));

    assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, 1, "label", "Ministry of Trade"), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, 1, "type", "national_government"), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_EDGE, 0, "relation", "hierarchy"), SG_OK);
    assert_string_equal(sg_graph_node_label(g, 1), "Ministry of Trade");
    assert_string_equal(sg_graph_node_type(g, 1), "national_government");
    assert_string_equal(sg_graph_edge_relation(g, 0), "hierarchy");
    /* The other node keeps its defaults. */
    assert_string_equal(sg_graph_node_label(g, 0), "IOM");
    assert_string_equal(sg_graph_node_type(g, 0), "");
    sg_graph_free(g);
}

/* ---------------------------------------------------------------------------------------- */
/* Diagnostics                                                                              */

static void test_diag_add_get(void **state) {
    (void)state;
    sg_diag *d = sg_diag_new();
    assert_non_null(d);
    assert_int_equal(sg_diag_count(d), 0);
    assert_null(sg_diag_get(d, 0));

    sg_diag_add(d, SG_WARNING, "a.gv", 3, 7, "node %s has %d edges", "KKF", 2);
    sg_diag_add(d, SG_ERROR, NULL, 0, 0, "plain");
    sg_diag_add(d, SG_WARNING, "b.csv", 12, 0, "w");
    assert_int_equal(sg_diag_count(d), 3);
    assert_int_equal(sg_diag_count_severity(d, SG_WARNING), 2);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 1);

    const sg_message *m = sg_diag_get(d, 0);
    assert_non_null(m);
    assert_int_equal(m->severity, SG_WARNING);
    assert_string_equal(m->file, "a.gv");
    assert_int_equal(m->line, 3);
    assert_int_equal(m->column, 7);
    assert_string_equal(m->text, "node KKF has 2 edges");
    m = sg_diag_get(d, 1);
    assert_non_null(m);
    assert_int_equal(m->severity, SG_ERROR);
    assert_null(m->file);
    assert_int_equal(m->line, 0);
    assert_int_equal(m->column, 0);
    assert_string_equal(m->text, "plain");
    m = sg_diag_get(d, 2);
    assert_non_null(m);
    assert_string_equal(m->file, "b.csv");
    assert_int_equal(m->line, 12);
    assert_null(sg_diag_get(d, 3));
    sg_diag_free(d);
}

static void test_diag_copies_file_name(void **state) {
    (void)state;
    sg_diag *d = sg_diag_new();
    char file[16] = "x.gv";
    sg_diag_add(d, SG_ERROR, file, 1, 1, "e");
    strcpy(file, "yyy");
    assert_string_equal(sg_diag_get(d, 0)->file, "x.gv");
    sg_diag_free(d);
}

static void test_diag_long_message(void **state) {
    (void)state;
    sg_diag *d = sg_diag_new();
    char big[2001];
    memset(big, 'x', 2000);
    big[2000] = '\0';
    sg_diag_add(d, SG_WARNING, NULL, 0, 0, "<%s>", big);
    const sg_message *m = sg_diag_get(d, 0);
    assert_non_null(m);
    assert_int_equal(strlen(m->text), 2002);
    assert_int_equal(m->text[0], '<');
    assert_int_equal(m->text[1], 'x');
    assert_int_equal(m->text[2000], 'x');
    assert_int_equal(m->text[2001], '>');
    sg_diag_free(d);
}

/* Many messages: the list grows and keeps the order. */
static void test_diag_many(void **state) {
    (void)state;
    sg_diag *d = sg_diag_new();
    for (int i = 0; i < 1000; i++)
        sg_diag_add(d, i % 3 ? SG_WARNING : SG_ERROR, "f", i + 1, 0, "m%d", i);
    assert_int_equal(sg_diag_count(d), 1000);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 334);
    assert_int_equal(sg_diag_count_severity(d, SG_WARNING), 666);
    char want[16];
    for (int i = 0; i < 1000; i++) {
        const sg_message *m = sg_diag_get(d, (size_t)i);
        snprintf(want, sizeof want, "m%d", i);
        assert_string_equal(m->text, want);
        assert_int_equal(m->line, i + 1);
    }
    sg_diag_free(d);
}

/* The whole output of sg_diag_print() as a string (free it). */
static char *print_diag(const sg_diag *d) {
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    sg_diag_print(d, f);
    assert_int_equal(fclose(f), 0);
    return text;
}

static void test_diag_print(void **state) {
    (void)state;
    sg_diag *d = sg_diag_new();
    sg_diag_add(d, SG_ERROR, "in.gv", 3, 5, "syntax error near '%s'", "->");
    sg_diag_add(d, SG_WARNING, "in.gv", 2, 0, "badly delimited number");
    sg_diag_add(d, SG_ERROR, "in.gv", 0, 0, "empty file");
    sg_diag_add(d, SG_WARNING, NULL, 0, 0, "1 self-loop left out");
    char *text = print_diag(d);
    assert_string_equal(text, "in.gv:3:5: error: syntax error near '->'\n"
                              "in.gv:2: warning: badly delimited number\n"
                              "in.gv: error: empty file\n"
                              "warning: 1 self-loop left out\n");
    free(text);
    sg_diag_free(d);

    /* An empty list prints nothing. */
    d = sg_diag_new();
    text = print_diag(d);
    assert_string_equal(text, "");
    free(text);
    sg_diag_free(d);
}

/* Messages are formatted in the C locale whatever the process locale is. */
static void test_diag_c_locale(void **state) {
    (void)state;
    const char *locales[] = {"tr_TR.UTF-8", "de_DE.UTF-8"};
    int tried = 0;
    for (size_t k = 0; k < 2; k++) {
        if (setlocale(LC_ALL, locales[k]) == NULL) {
            printf("note: locale %s not installed; skipped\n", locales[k]);
            continue;
        }
        tried++;
        sg_diag *d = sg_diag_new();
        sg_diag_add(d, SG_WARNING, NULL, 0, 0, "%g %.2f", 0.5, 1234.25);
        assert_string_equal(sg_diag_get(d, 0)->text, "0.5 1234.25");
        sg_diag_free(d);
        setlocale(LC_ALL, "C");
    }
    setlocale(LC_ALL, "C");
    if (tried == 0)
        printf("note: no locale with a decimal comma installed; C-locale formatting untested\n");
}

/* ---------------------------------------------------------------------------------------- */

static void test_versions(void **state) {
    (void)state;
    const char *v = sg_version();
    assert_non_null(v);
    int major = -1, minor = -1, patch = -1, end = 0;
    assert_int_equal(sscanf(v, "%d.%d.%d%n", &major, &minor, &patch, &end), 3);
    assert_int_equal((size_t)end, strlen(v));
    assert_non_null(sg_igraph_version());
    assert_true(strlen(sg_igraph_version()) > 0);
    assert_non_null(sg_graphviz_version());
    assert_true(strlen(sg_graphviz_version()) > 0);
}

int main(void) {
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_graph),
        cmocka_unit_test(test_free_null),
        cmocka_unit_test(test_add_nodes_in_order),
        cmocka_unit_test(test_node_id_is_copied),
        cmocka_unit_test(test_duplicate_id),
        cmocka_unit_test(test_many_nodes),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_bad_edge_index),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_attribute_strings_copied),
        cmocka_unit_test(test_attribute_bad_index),
        cmocka_unit_test(test_well_known_defaults),
        cmocka_unit_test(test_diag_add_get),
        cmocka_unit_test(test_diag_copies_file_name),
        cmocka_unit_test(test_diag_long_message),
        cmocka_unit_test(test_diag_many),
        cmocka_unit_test(test_diag_print),
        cmocka_unit_test(test_diag_c_locale),
        cmocka_unit_test(test_versions),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
