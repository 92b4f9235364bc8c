/* Figures: the style table and the Graphviz bridge (sg_render). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stakegraph.h"
#include "style/theme.h"

/* ---------------------------------------------------------------------------------------- */
/* Helpers                                                                                  */

typedef struct {
    const char *id, *label, *type;
} node_row;

typedef struct {
    const char *source, *target, *relation, *weight;
} edge_row;

/* The sample stakeholder graph of the brief, in input order. */
static const node_row sample_nodes[] = {
    {"EU", "European Union", "donor"},
    {"IOM", "IOM", "international_organisation"},
    {"DGCE", "Directorate General of Customs Enforcement", "national_government"},
    {"DHMI", "DHMİ (State Airports Authority)", "state_enterprise"},
    {"MoT", "Ministry of Trade", "national_government"},
    {"PMM", "Presidency of Migration Management", "national_government"},
    {"PRIV", "Private logistics firms", "private_sector"},
};

static const edge_row sample_edges[] = {
    {"EU", "IOM", "funding", "5000000"},        {"IOM", "DGCE", "implementation", NULL},
    {"IOM", "DHMI", "capacity_building", NULL}, {"MoT", "DGCE", "hierarchy", NULL},
    {"IOM", "PMM", "partnership", NULL},        {"IOM", "PRIV", "capacity_building", NULL},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Builds a graph from rows; `order` (NULL for input order) permutes both tables, and `attr_order`
 * sets each node's attributes type first instead of label first. */
static sg_graph *make_graph(const node_row *nodes, size_t nn, const edge_row *edges, size_t ne,
                            int reversed, const char *title) {
    sg_graph *g = sg_graph_new(1);
    assert_non_null(g);
    if (title)
        assert_int_equal(sg_graph_set_attr(g, SG_ON_GRAPH, 0, "label", title), SG_OK);
    for (size_t r = 0; r < nn; r++) {
        const node_row *n = &nodes[reversed ? nn - 1 - r : r];
        size_t k;
        assert_int_equal(sg_graph_add_node(g, n->id, &k), SG_OK);
        if (reversed) {
            assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, k, "type", n->type), SG_OK);
            assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, k, "label", n->label), SG_OK);
        } else {
            assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, k, "label", n->label), SG_OK);
            assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, k, "type", n->type), SG_OK);
        }
    }
    for (size_t r = 0; r < ne; r++) {
        const edge_row *e = &edges[reversed ? ne - 1 - r : r];
        size_t s, t, k;
        assert_true(sg_graph_find_node(g, e->source, &s));
        assert_true(sg_graph_find_node(g, e->target, &t));
        assert_int_equal(sg_graph_add_edge(g, s, t, &k), SG_OK);
        if (e->weight)
            assert_int_equal(sg_graph_set_attr(g, SG_ON_EDGE, k, "weight", e->weight), SG_OK);
        if (e->relation)
            assert_int_equal(sg_graph_set_attr(g, SG_ON_EDGE, k, "relation", e->relation), SG_OK);
    }
    return g;
}

static sg_graph *sample_graph(int reversed) {
    return make_graph(sample_nodes, COUNT(sample_nodes), sample_edges, COUNT(sample_edges),
                      reversed, "Customs project: stakeholders");
}

/* Renders and checks success; the result is NUL-terminated. */
static char *render(const sg_graph *g, const sg_render_options *opts, const char *format,
                    size_t *size) {
    sg_diag *d = sg_diag_new();
    char *data = NULL;
    size_t n = 0;
    int rc = sg_render(g, opts, format, &data, &n, d);
    if (rc != SG_OK)
        sg_diag_print(d, stderr);
    assert_int_equal(rc, SG_OK);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 0);
    sg_diag_free(d);
    assert_non_null(data);
    assert_true(n > 0);
    assert_int_equal(data[n], '\0');
    if (size)
        *size = n;
    return data;
}

/* The text of the SVG group with this id, up to its "</g>" (a copy), or NULL. */
static char *svg_group(const char *svg, const char *id) {
    char key[128];
    snprintf(key, sizeof key, "<g id=\"%s\"", id);
    const char *start = strstr(svg, key);
    if (!start)
        return NULL;
    const char *end = strstr(start, "</g>");
    assert_non_null(end);
    size_t n = (size_t)(end - start);
    char *out = malloc(n + 1);
    assert_non_null(out);
    memcpy(out, start, n);
    out[n] = '\0';
    return out;
}

/* The SVG group of the model node drawn from `id` (found by Graphviz's comment before it; its
 * <title> is the node's label), or NULL. */
static char *svg_node(const char *svg, const char *id) {
    char key[128];
    snprintf(key, sizeof key, "<!-- %s -->\n<g id=\"node_", id);
    const char *hit = strstr(svg, key);
    if (!hit)
        return NULL;
    const char *start = hit;
    while (start > svg && strncmp(start, "<g id=\"", 7) != 0)
        start--;
    const char *end = strstr(hit, "</g>");
    size_t n = (size_t)(end - start);
    char *out = malloc(n + 1);
    assert_non_null(out);
    memcpy(out, start, n);
    out[n] = '\0';
    return out;
}

static int contains(const char *haystack, const char *needle) {
    return strstr(haystack, needle) != NULL;
}

/* The graph's SVG without Graphviz's version comment (the only line that names a version). */
static const char *svg_body(const char *svg) {
    const char *p = strstr(svg, "<!-- Title:");
    assert_non_null(p);
    return p;
}

/* ---------------------------------------------------------------------------------------- */
/* Style table                                                                              */

static void theme_known_types(void **state) {
    (void)state;
    sg_theme *t = sg_theme_new();
    assert_non_null(t);
    size_t a, b, c, d;
    assert_int_equal(sg_theme_add_type(t, "donor", &a), SG_OK);
    assert_int_equal(sg_theme_add_type(t, "International Organisation", &b), SG_OK);
    assert_int_equal(sg_theme_add_type(t, "international_organisation", &c), SG_OK);
    assert_int_equal(sg_theme_add_type(t, "  DONOR ", &d), SG_OK);
    assert_int_equal(b, c);
    assert_int_equal(a, d);
    assert_int_equal(sg_theme_type_count(t), 2);
    assert_string_equal(sg_theme_type_style(t, a)->fill, "#E69F00");
    assert_string_equal(sg_theme_type_style(t, a)->text, "#000000");
    assert_string_equal(sg_theme_type_style(t, b)->fill, "#0072B2");
    assert_string_equal(sg_theme_type_style(t, b)->text, "#FFFFFF");
    assert_string_equal(sg_theme_type_style(t, b)->style, "filled,rounded");
    assert_string_equal(sg_theme_type_display(t, b), "International organisation");
    assert_string_equal(sg_theme_type_display(t, a), "Donor");

    size_t ng, se, ps, pr;
    assert_int_equal(sg_theme_add_type(t, "national-government", &ng), SG_OK);
    assert_int_equal(sg_theme_add_type(t, "state_enterprise", &se), SG_OK);
    assert_int_equal(sg_theme_add_type(t, "Private Sector", &ps), SG_OK);
    assert_int_equal(sg_theme_add_type(t, "project", &pr), SG_OK);
    const char *shapes[] = {sg_theme_type_style(t, a)->shape,  sg_theme_type_style(t, b)->shape,
                            sg_theme_type_style(t, ng)->shape, sg_theme_type_style(t, se)->shape,
                            sg_theme_type_style(t, ps)->shape, sg_theme_type_style(t, pr)->shape};
    const char *fills[] = {sg_theme_type_style(t, a)->fill,  sg_theme_type_style(t, b)->fill,
                           sg_theme_type_style(t, ng)->fill, sg_theme_type_style(t, se)->fill,
                           sg_theme_type_style(t, ps)->fill, sg_theme_type_style(t, pr)->fill};
    for (size_t i = 0; i < 6; i++)
        for (size_t j = i + 1; j < 6; j++) {
            assert_string_not_equal(shapes[i], shapes[j]);
            assert_string_not_equal(fills[i], fills[j]);
        }
    assert_string_equal(sg_theme_type_display(t, ng), "National government");
    sg_theme_free(t);
}

static void theme_unknown_and_empty(void **state) {
    (void)state;
    sg_theme *t = sg_theme_new();
    size_t u1, u2, again, none, donor;
    assert_int_equal(sg_theme_add_type(t, "civil_society", &u1), SG_OK);
    assert_int_equal(sg_theme_add_type(t, "academia", &u2), SG_OK);
    assert_int_equal(sg_theme_add_type(t, "Civil Society", &again), SG_OK);
    assert_int_equal(sg_theme_add_type(t, "", &none), SG_OK);
    assert_int_equal(sg_theme_add_type(t, "donor", &donor), SG_OK);
    assert_int_equal(u1, again);
    /* Unknown types take the colour FNV-1a of their key picks among the 10 palette colours no
     * built-in type has (vermillion, black, Tol's muted 9 but cyan): civil_society 1
     * (#000000), academia 8 (#999933); the shape is FNV-1a of the key into the 11 extra shapes
     * (values worked out in Python). */
    assert_string_equal(sg_theme_type_style(t, u1)->fill, "#000000");
    assert_string_equal(sg_theme_type_style(t, u1)->shape, "pentagon");
    assert_string_equal(sg_theme_type_style(t, u1)->text, "#FFFFFF");
    assert_string_equal(sg_theme_type_style(t, u2)->fill, "#999933");
    assert_string_equal(sg_theme_type_style(t, u2)->shape, "box3d");
    assert_string_equal(sg_theme_type_style(t, u2)->text, "#000000");
    assert_string_equal(sg_theme_type_display(t, u1), "Civil society");
    assert_string_equal(sg_theme_type_display(t, none), "No type");
    assert_true(sg_theme_type_is_empty(t, none));
    assert_false(sg_theme_type_is_empty(t, u1));
    /* Legend order: known first, then unknown in order of registration, empty last. */
    assert_true(sg_theme_type_rank(t, donor) < sg_theme_type_rank(t, u1));
    assert_true(sg_theme_type_rank(t, u1) < sg_theme_type_rank(t, u2));
    assert_true(sg_theme_type_rank(t, u2) < sg_theme_type_rank(t, none));
    sg_theme_free(t);
}

/* Unknown types' fills are a function of their names (FNV-1a of the key into the 10 palette
 * colours no built-in type has, Tol's cyan left out), the same alone and among other types,
 * whatever the order of registration; distinct within a theme (a figure): of two keys hashing
 * to one colour, the first in byte order keeps it and the other takes the next free one; past
 * the free colours, the pair by name. No unknown type looks like a built-in one (its colour
 * with a shape of its family). Values worked out in Python (FNV-1a of the key, mod 10). */
static void theme_unknown_type_by_name(void **state) {
    (void)state;
    sg_theme *alone = sg_theme_new(), *many = sg_theme_new(), *back = sg_theme_new();
    size_t a, m, k;
    assert_int_equal(sg_theme_add_type(alone, "Government", &a), SG_OK);
    const char *others[] = {"private sector", "government", "multilateral", "national_ngo",
                            "regional-ngo"};
    for (size_t i = 0; i < COUNT(others); i++)
        assert_int_equal(sg_theme_add_type(many, others[i], &m), SG_OK);
    for (size_t i = COUNT(others); i-- > 0;)
        assert_int_equal(sg_theme_add_type(back, others[i], &k), SG_OK);
    assert_string_equal(sg_theme_type_style(alone, a)->fill, "#D55E00");
    assert_string_equal(sg_theme_type_style(alone, a)->shape, "house");
    /* private sector (built-in) keeps its yellow; the others their colours by name (hashes 0,
     * 5, 0 and 5 of the free colours), government the same as alone; national_ngo and
     * regional-ngo, second in byte order of two names hashing alike, the next free colours
     * (1 and 6); shapes by name whatever the colour */
    static const struct {
        const char *name, *fill, *shape;
    } want[] = {{"private sector", "#F0E442", "parallelogram"},
                {"government", "#D55E00", "house"},
                {"multilateral", "#117733", "pentagon"},
                {"national_ngo", "#000000", "box3d"},
                {"regional-ngo", "#882255", "egg"}};
    for (size_t i = 0; i < COUNT(want); i++) {
        assert_int_equal(sg_theme_add_type(many, want[i].name, &m), SG_OK);
        assert_int_equal(sg_theme_add_type(back, want[i].name, &k), SG_OK);
        assert_string_equal(sg_theme_type_style(many, m)->fill, want[i].fill);
        assert_string_equal(sg_theme_type_style(many, m)->shape, want[i].shape);
        assert_string_equal(sg_theme_type_style(back, k)->fill, want[i].fill);
        assert_string_equal(sg_theme_type_style(back, k)->shape, want[i].shape);
    }
    sg_theme_free(alone);
    sg_theme_free(many);
    sg_theme_free(back);

    /* 20 unknown types: "kind 00" to "kind 09" (in byte order) take the 10 free colours, each
     * by its hash (kind_08 hashes to 6, held by kind_02, and goes on past 7, kind_03's, to 8,
     * #999933; kind_09 to 7 and on to 9); the last ten fall back to the pair by name (one of
     * the 8 extra fills). */
    static const char *const by_hash[10] = {"#DDCC77", "#117733", "#882255", "#44AA99", "#D55E00",
                                            "#000000", "#CC6677", "#332288", "#999933", "#AA4499"};
    static const char *const palette[] = {
        "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
        "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933",
        "#AA4499"};
    sg_theme *t = sg_theme_new();
    size_t idx[20];
    for (int i = 19; i >= 0; i--) {
        char name[16];
        snprintf(name, sizeof name, "kind %02d", i);
        assert_int_equal(sg_theme_add_type(t, name, &idx[i]), SG_OK);
    }
    for (size_t i = 0; i < 10; i++)
        assert_string_equal(sg_theme_type_style(t, idx[i])->fill, by_hash[i]);
    for (size_t i = 10; i < 20; i++) {
        int in_extra = 0;
        for (size_t p = 0; p < 8; p++)
            in_extra |= strcmp(sg_theme_type_style(t, idx[i])->fill, palette[p]) == 0;
        assert_true(in_extra);
    }
    sg_theme_free(t);

    /* A theme file whose 17 types present have the 17 palette colours: no colour is free, the
     * unknown types keep their pairs by name (one of the 8 extra fills). */
    char text[2048] = "";
    for (size_t i = 0; i < 17; i++) {
        char line[96];
        snprintf(line, sizeof line, "type own_%02zu fill=%s shape=box\n", i, palette[i]);
        strcat(text, line);
    }
    t = sg_theme_new();
    sg_diag *d = sg_diag_new();
    assert_int_equal(sg_theme_load(t, text, strlen(text), "own.theme", d), SG_OK);
    sg_diag_free(d);
    assert_int_equal(sg_theme_add_type(t, "zz_unknown", &k), SG_OK);
    for (size_t i = 0; i < 17; i++) {
        char name[16];
        snprintf(name, sizeof name, "own_%02zu", i);
        assert_int_equal(sg_theme_add_type(t, name, &m), SG_OK);
        assert_string_equal(sg_theme_type_style(t, m)->fill, palette[i]);
    }
    assert_int_equal(sg_theme_add_type(t, "aa_unknown", &a), SG_OK);
    const char *fa = sg_theme_type_style(t, a)->fill, *fk = sg_theme_type_style(t, k)->fill;
    int extra_a = 0, extra_k = 0;
    for (size_t p = 0; p < 8; p++) {
        extra_a |= strcmp(fa, palette[p]) == 0;
        extra_k |= strcmp(fk, palette[p]) == 0;
    }
    assert_true(extra_a && extra_k);
    sg_theme_free(t);

    /* The same theme written in lower case ("#e69f00"): an unknown type never takes a colour
     * of the file's table (whatever its case) with a shape of the box family of its types. */
    text[0] = '\0';
    for (size_t i = 0; i < 17; i++) {
        char line[96], lower[8];
        for (size_t j = 0; j < 8; j++)
            lower[j] = (char)(palette[i][j] >= 'A' && palette[i][j] <= 'F' ? palette[i][j] + 32
                                                                           : palette[i][j]);
        snprintf(line, sizeof line, "type own_%02zu fill=%s shape=box\n", i, lower);
        strcat(text, line);
    }
    t = sg_theme_new();
    d = sg_diag_new();
    assert_int_equal(sg_theme_load(t, text, strlen(text), "own.theme", d), SG_OK);
    sg_diag_free(d);
    for (size_t i = 0; i < 17; i++) {
        char name[16];
        snprintf(name, sizeof name, "own_%02zu", i);
        assert_int_equal(sg_theme_add_type(t, name, &m), SG_OK);
    }
    for (int i = 0; i < 40; i++) {
        char name[32];
        snprintf(name, sizeof name, "kind %d", i);
        assert_int_equal(sg_theme_add_type(t, name, &k), SG_OK);
        const char *shape = sg_theme_type_style(t, k)->shape;
        if (strcmp(shape, "tab") == 0 || strcmp(shape, "folder") == 0 ||
            strcmp(shape, "box3d") == 0 || strcmp(shape, "component") == 0)
            fail_msg("%s is drawn %s %s, like a type of the theme file", name,
                     sg_theme_type_style(t, k)->fill, shape);
    }
    sg_theme_free(t);

    /* Never a built-in type's colour with a look-alike shape. */
    static const struct {
        const char *fill, *alike[5];
    } builtin[] = {
        {"#E69F00", {"hexagon", "pentagon", "septagon", "doubleoctagon", NULL}},
        {"#0072B2", {"box", "tab", "folder", "box3d", "component"}},
        {"#56B4E9", {"ellipse", "egg", "cylinder", NULL, NULL}},
        {"#009E73", {"octagon", "pentagon", "septagon", "doubleoctagon", NULL}},
        {"#F0E442", {"parallelogram", "trapezium", "invhouse", "house", NULL}},
        {"#CC79A7", {"note", "tab", "folder", "box3d", "component"}},
    };
    for (int g = 0; g < 15; g++) { /* 300 names, 20 a figure: every palette colour, and past */
        t = sg_theme_new();
        for (int i = 0; i < 20; i++) {
            char name[32];
            snprintf(name, sizeof name, "kind %d", g * 20 + i);
            assert_int_equal(sg_theme_add_type(t, name, &k), SG_OK);
        }
        for (k = 0; k < 20; k++) {
            const sg_node_style *st = sg_theme_type_style(t, k);
            assert_string_not_equal(st->fill, "#88CCEE"); /* next to the sky blue */
            for (size_t b = 0; b < COUNT(builtin); b++)
                for (size_t j = 0; j < 5 && builtin[b].alike[j]; j++)
                    if (strcmp(st->fill, builtin[b].fill) == 0 &&
                        strcmp(st->shape, builtin[b].alike[j]) == 0)
                        fail_msg("%s is drawn %s %s, like a built-in type",
                                 sg_theme_type_display(t, k), st->fill, st->shape);
        }
        sg_theme_free(t);
    }
}

static void theme_relations_distinct(void **state) {
    (void)state;
    const char *names[] = {"funding",     "implementation",      "capacity building",
                           "partnership", "hierarchy",           "beneficiary",
                           "Training",    "policy_partnership",  "",
                           "mentoring",   "technical_assistance"};
    sg_theme *t = sg_theme_new();
    size_t k[COUNT(names)];
    for (size_t i = 0; i < COUNT(names); i++)
        assert_int_equal(sg_theme_add_relation(t, names[i], &k[i]), SG_OK);
    assert_int_equal(sg_theme_relation_count(t), COUNT(names));
    /* Known relations and "no relation" differ in their line alone (style, width, double),
     * so that they can be told apart without arrows and without colour. */
    for (size_t i = 0; i < 9; i++) {
        const sg_edge_style *a = sg_theme_relation_style(t, k[i]);
        for (size_t j = i + 1; j < 9; j++) {
            const sg_edge_style *b = sg_theme_relation_style(t, k[j]);
            int same_line = strcmp(a->line, b->line) == 0 && a->penwidth == b->penwidth &&
                            a->parallel == b->parallel;
            assert_false(same_line);
        }
    }
    /* Every relation, unknown ones included, has its own line-and-arrows combination. */
    for (size_t i = 0; i < COUNT(names); i++) {
        const sg_edge_style *a = sg_theme_relation_style(t, k[i]);
        for (size_t j = i + 1; j < COUNT(names); j++) {
            const sg_edge_style *b = sg_theme_relation_style(t, k[j]);
            int same = strcmp(a->line, b->line) == 0 && a->penwidth == b->penwidth &&
                       a->parallel == b->parallel && strcmp(a->arrowhead, b->arrowhead) == 0 &&
                       strcmp(a->arrowtail, b->arrowtail) == 0;
            assert_false(same);
        }
    }
    const sg_edge_style *funding = sg_theme_relation_style(t, k[0]);
    assert_string_equal(funding->line, "solid");
    assert_string_equal(funding->arrowhead, "normal");
    assert_string_equal(sg_theme_relation_style(t, k[1])->arrowhead, "vee");
    assert_string_equal(sg_theme_relation_style(t, k[2])->line, "dashed");
    assert_string_equal(sg_theme_relation_display(t, k[2]), "Capacity building");
    assert_string_equal(sg_theme_relation_display(t, k[7]), "Policy partnership");
    assert_string_equal(sg_theme_relation_display(t, k[8]), "No relation");
    assert_string_equal(sg_theme_relation_display(t, k[10]), "Technical assistance");
    sg_theme_free(t);

    /* IATI's transactions and the implementation role differ in the kind of line (style,
     * single or double), which width by amount keeps: commitment and disbursement were both
     * unknown relations drawn dotted. */
    const char *iati[] = {"implementation", "commitment", "disbursement", "expenditure",
                          "incoming funds"};
    t = sg_theme_new();
    size_t ki[COUNT(iati)];
    for (size_t i = 0; i < COUNT(iati); i++)
        assert_int_equal(sg_theme_add_relation(t, iati[i], &ki[i]), SG_OK);
    for (size_t i = 0; i < COUNT(iati); i++) {
        const sg_edge_style *a = sg_theme_relation_style(t, ki[i]);
        for (size_t j = i + 1; j < COUNT(iati); j++) {
            const sg_edge_style *b = sg_theme_relation_style(t, ki[j]);
            if (strcmp(a->line, b->line) == 0 && a->parallel == b->parallel)
                fail_msg("%s and %s are both drawn %s%s", iati[i], iati[j],
                         a->parallel ? "double " : "", a->line);
        }
    }
    assert_string_equal(sg_theme_relation_style(t, ki[1])->line, "dotted");
    assert_int_equal(sg_theme_relation_style(t, ki[2])->parallel, 1);
    assert_string_equal(sg_theme_relation_display(t, ki[4]), "Incoming funds");
    sg_theme_free(t);

    /* Unknown relations: one width per kind of line, so that two of them never differ in
     * width alone (the same line once width is the amount; there were dotted 2.8 and 0.6). */
    t = sg_theme_new();
    size_t ku[28];
    for (size_t i = 0; i < 28; i++) {
        char name[32];
        snprintf(name, sizeof name, "kind of link %zu", i);
        assert_int_equal(sg_theme_add_relation(t, name, &ku[i]), SG_OK);
    }
    for (size_t i = 0; i < 28; i++) {
        const sg_edge_style *a = sg_theme_relation_style(t, ku[i]);
        for (size_t j = i + 1; j < 28; j++) {
            const sg_edge_style *b = sg_theme_relation_style(t, ku[j]);
            if (strcmp(a->line, b->line) == 0 && a->parallel == b->parallel)
                assert_float_equal(a->penwidth, b->penwidth, 1e-9);
        }
    }
    sg_theme_free(t);
}

static void theme_text_colour(void **state) {
    (void)state;
    /* WCAG 2.1: white on Okabe-Ito blue (5.2:1 against 4.0:1), black on the light colours. */
    assert_string_equal(sg_theme_text_colour("#0072B2"), "#FFFFFF");
    assert_string_equal(sg_theme_text_colour("#000000"), "#FFFFFF");
    assert_string_equal(sg_theme_text_colour("#F0E442"), "#000000");
    assert_string_equal(sg_theme_text_colour("#E69F00"), "#000000");
    assert_string_equal(sg_theme_text_colour("not a colour"), "#000000");
    assert_true(sg_theme_contrast("#000000", "#FFFFFF") > 20.9);
    assert_true(sg_theme_contrast("#0072B2", "#FFFFFF") > 4.5);
    assert_true(sg_theme_contrast("#0072B2", "#FFFFFF") > sg_theme_contrast("#0072B2", "#000000"));
    assert_true(sg_theme_contrast("#bad", "#FFFFFF") == 0);
}

static void theme_display_name(void **state) {
    (void)state;
    sg_buf b = {0};
    sg_theme_display_name("capacity_building", &b);
    assert_string_equal(b.data, "Capacity building");
    sg_buf_free(&b);
    sg_theme_display_name("ülke_ofisi", &b); /* a non-ASCII first letter is left alone */
    assert_string_equal(b.data, "ülke ofisi");
    sg_buf_free(&b);
    /* known acronyms stay upper case (issue 6: IATI's "ngo" was shown "Ngo"), as whole words
     * only: "ngo" in "bängo" or "mongo", "un" in "fund" or "united" are not acronyms */
    static const char *const cases[][2] = {
        {"ngo", "NGO"},
        {"international NGO", "International NGO"},
        {"national_ngo", "National NGO"},
        {"un_agency", "UN agency"},
        {"Eu-funded IOM project", "EU-funded IOM project"},
        {"unhcr/unicef", "UNHCR/UNICEF"},
        {"bängo_mongo fund united", "Bängo mongo fund united"},
        {"ngos", "Ngos"},
        {"who", "Who"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_theme_display_name(cases[i][0], &b);
        assert_string_equal(b.data, cases[i][1]);
        sg_buf_free(&b);
    }
    /* the legend's name of a type outside the table, and of a relation */
    sg_theme *t = sg_theme_new();
    size_t k;
    assert_int_equal(sg_theme_add_type(t, "ngo", &k), SG_OK);
    assert_string_equal(sg_theme_type_display(t, k), "NGO");
    assert_int_equal(sg_theme_add_relation(t, "eu_funding", &k), SG_OK);
    assert_string_equal(sg_theme_relation_display(t, k), "EU funding");
    sg_theme_free(t);
}

/* ---------------------------------------------------------------------------------------- */
/* Formats                                                                                  */

static void format_find(void **state) {
    (void)state;
    assert_string_equal(sg_render_format_find("gv"), "gv");
    assert_string_equal(sg_render_format_find("dot"), "gv");
    assert_string_equal(sg_render_format_find(".gv"), "gv");
    assert_string_equal(sg_render_format_find(".DOT"), "gv");
    assert_string_equal(sg_render_format_find("SVG"), "svg");
    assert_string_equal(sg_render_format_find(".png"), "png");
    assert_string_equal(sg_render_format_find("Pdf"), "pdf");
    assert_ptr_equal(sg_render_format_find("svg"), sg_render_format_find(".SVG"));
    assert_null(sg_render_format_find("jpg"));
    assert_null(sg_render_format_find(""));
    assert_null(sg_render_format_find("."));
    assert_null(sg_render_format_find("..svg"));
    assert_null(sg_render_format_find("svgz"));
    assert_null(sg_render_format_find(NULL));
}

static void unknown_format_is_einval(void **state) {
    (void)state;
    sg_graph *g = sample_graph(0);
    sg_diag *d = sg_diag_new();
    char *data = (char *)"untouched";
    size_t n = 7;
    assert_int_equal(sg_render(g, NULL, "jpg", &data, &n, d), SG_EINVAL);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 1);
    assert_true(contains(sg_diag_get(d, 0)->text, "jpg"));
    assert_int_equal(sg_render(g, NULL, NULL, &data, &n, d), SG_EINVAL);
    assert_int_equal(sg_render(NULL, NULL, "svg", &data, &n, d), SG_EINVAL);
    sg_diag_free(d);
    sg_graph_free(g);
    sg_render_free(NULL);
}

/* --engine: the names, and auto's choice by size (dot up to 700 nodes + edges, sfdp beyond). */
static void engine_find_and_pick(void **state) {
    (void)state;
    assert_string_equal(sg_render_engine_find(NULL), "auto");
    assert_string_equal(sg_render_engine_find("Auto"), "auto");
    assert_string_equal(sg_render_engine_find("SFDP"), "sfdp");
    assert_string_equal(sg_render_engine_find("twopi"), "twopi");
    assert_null(sg_render_engine_find("spring"));
    assert_null(sg_render_engine_find(""));
    assert_null(sg_render_engine_find("nop2")); /* ours to use, not to choose */
    sg_graph *g = sg_graph_new(1);
    assert_non_null(g);
    char id[16];
    for (size_t i = 0; i < 100; i++) {
        size_t k;
        snprintf(id, sizeof id, "n%zu", i);
        assert_int_equal(sg_graph_add_node(g, id, &k), SG_OK);
    }
    for (size_t i = 0; i < 100; i++)
        for (size_t step = 1; step <= 6; step++) {
            size_t k;
            assert_int_equal(sg_graph_add_edge(g, i, (i + step) % 100, &k), SG_OK);
        }
    /* 100 nodes + 600 edges = 700: still dot */
    assert_string_equal(sg_render_engine_pick(g, NULL), "dot");
    assert_string_equal(sg_render_engine_pick(g, "auto"), "dot");
    assert_string_equal(sg_render_engine_pick(g, "neato"), "neato");
    assert_null(sg_render_engine_pick(g, "spring"));
    size_t k;
    assert_int_equal(sg_graph_add_edge(g, 0, 50, &k), SG_OK);
    assert_string_equal(sg_render_engine_pick(g, NULL), "sfdp");
    assert_string_equal(sg_render_engine_pick(g, "dot"), "dot");
    sg_graph_free(g);
    /* Undirected: no flow to rank, neato up to the same size, sfdp beyond. */
    g = sg_graph_new(0);
    assert_non_null(g);
    for (size_t i = 0; i < 100; i++) {
        snprintf(id, sizeof id, "n%zu", i);
        assert_int_equal(sg_graph_add_node(g, id, &k), SG_OK);
    }
    for (size_t i = 0; i < 600; i++)
        assert_int_equal(sg_graph_add_edge(g, i % 100, (i * 7 + 1) % 100, &k), SG_OK);
    assert_string_equal(sg_render_engine_pick(g, NULL), "neato");
    assert_int_equal(sg_graph_add_edge(g, 0, 50, &k), SG_OK);
    assert_string_equal(sg_render_engine_pick(g, "auto"), "sfdp");
    sg_graph_free(g);
}

static void unknown_engine_is_einval(void **state) {
    (void)state;
    sg_graph *g = sample_graph(0);
    sg_diag *d = sg_diag_new();
    sg_render_options o = {0};
    o.engine = "spring";
    char *data = (char *)"untouched";
    size_t n = 7;
    assert_int_equal(sg_render(g, &o, "svg", &data, &n, d), SG_EINVAL);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 1);
    assert_true(contains(sg_diag_get(d, 0)->text, "unknown layout engine \"spring\""));
    sg_diag_free(d);
    sg_graph_free(g);
}

/* ---------------------------------------------------------------------------------------- */
/* Output                                                                                   */

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void png_and_dpi(void **state) {
    (void)state;
    sg_graph *g = sample_graph(0);
    size_t n150, n300;
    char *p150 = render(g, NULL, "png", &n150);
    sg_render_options o = {.dpi = 300};
    char *p300 = render(g, &o, "PNG", &n300);
    assert_true(n150 > 33 && n300 > 33);
    assert_memory_equal(p150, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(p150 + 12, "IHDR", 4);
    uint32_t w150 = be32((unsigned char *)p150 + 16), h150 = be32((unsigned char *)p150 + 20);
    uint32_t w300 = be32((unsigned char *)p300 + 16);
    /* A figure of some inches: wider than high (left to right), doubled by doubling the dpi. */
    assert_true(w150 > 600 && w150 < 6000);
    assert_true(w150 > h150);
    assert_true(w300 >= 2 * w150 - 4 && w300 <= 2 * w150 + 4);
    sg_render_free(p150);
    sg_render_free(p300);
    sg_graph_free(g);
}

static void pdf_signature(void **state) {
    (void)state;
    sg_graph *g = sample_graph(0);
    size_t n;
    char *pdf = render(g, NULL, ".pdf", &n);
    assert_true(n > 1000);
    assert_memory_equal(pdf, "%PDF-", 5);
    assert_true(contains(pdf + n - 8, "%%EOF"));
    sg_render_free(pdf);
    sg_graph_free(g);
}

static void svg_title_styles_and_legend(void **state) {
    (void)state;
    sg_graph *g = sample_graph(0);
    sg_diag *d = sg_diag_new();
    char *svg = NULL;
    size_t n;
    assert_int_equal(sg_render(g, NULL, "svg", &svg, &n, d), SG_OK);
    assert_int_equal(sg_diag_count(d), 0); /* Graphviz had nothing to say */
    sg_diag_free(d);
    assert_true(contains(svg, "<svg "));
    assert_true(contains(svg, ">Customs project: stakeholders</text>"));
    assert_true(contains(svg, "font-family=\"DejaVu Sans\""));

    /* Nodes: fill by type, readable text, shape by type. */
    char *eu = svg_node(svg, "EU");
    assert_non_null(eu);
    assert_true(contains(eu, "<polygon fill=\"#e69f00\"")); /* a hexagon in orange */
    assert_true(contains(eu, "fill=\"#000000\">European Union</text>"));
    char *iom = svg_node(svg, "IOM");
    assert_non_null(iom);
    assert_true(contains(iom, "<path fill=\"#0072b2\"")); /* a rounded box in blue */
    assert_true(contains(iom, "fill=\"#ffffff\">IOM</text>"));
    char *dgce = svg_node(svg, "DGCE");
    assert_true(contains(dgce, "<ellipse fill=\"#56b4e9\""));
    /* A long name is broken into lines of about equal length. */
    assert_true(contains(dgce, ">Directorate General of</text>"));
    assert_true(contains(dgce, ">Customs Enforcement</text>"));
    free(eu);
    free(iom);
    free(dgce);

    /* Stable SVG ids by canonical index: DGCE is the first id in byte order. */
    char *first = svg_group(svg, "node_0");
    assert_non_null(first);
    /* its <title>, read aloud by screen readers, is its label, not its id */
    assert_true(contains(first, "<title>Directorate General of Customs Enforcement</title>"));
    free(first);

    /* Edges: funding, the only edge with an amount, the widest (6 points) by default; capacity
     * building dashed. */
    char *funding = svg_group(svg, "edge_0"); /* EU -> IOM: EU is the first source id */
    assert_non_null(funding);
    assert_true(contains(funding, "<title>Funding from European Union to IOM</title>"));
    assert_true(contains(funding, "stroke-width=\"6\""));
    free(funding);

    /* The legend lists the types and relations present, and only those. */
    char *legend = svg_group(svg, "legend");
    assert_non_null(legend);
    assert_true(contains(legend, ">Legend</text>"));
    free(legend);
    const char *present[] = {">Donor</text>",
                             ">International organisation</text>",
                             ">National government</text>",
                             ">State enterprise</text>",
                             ">Private sector</text>",
                             ">Funding</text>",
                             ">Implementation</text>",
                             ">Capacity building</text>",
                             ">Partnership</text>",
                             ">Hierarchy</text>"};
    for (size_t i = 0; i < COUNT(present); i++)
        assert_true(contains(svg, present[i]));
    const char *absent[] = {">Project</text>", ">Beneficiary</text>", ">Training</text>",
                            ">No type</text>", ">No relation</text>", ">Policy partnership</text>"};
    for (size_t i = 0; i < COUNT(absent); i++)
        assert_false(contains(svg, absent[i]));
    /* The legend's sample of the donor type is drawn as donors are. */
    char *sample = svg_group(svg, "legend_type_0");
    assert_non_null(sample);
    assert_true(contains(sample, "<polygon fill=\"#e69f00\""));
    assert_true(contains(sample, ">Donor</text>"));
    free(sample);
    sg_render_free(svg);
    sg_graph_free(g);
}

static void title_option_wins(void **state) {
    (void)state;
    sg_graph *g = sample_graph(0);
    sg_render_options o = {.title = "Annex 3 & figure <1>"};
    char *svg = render(g, &o, "svg", NULL);
    assert_true(contains(svg, ">Annex 3 &amp; figure &lt;1&gt;</text>"));
    assert_false(contains(svg, "Customs project: stakeholders"));
    sg_render_free(svg);
    sg_graph_free(g);
}

static void gv_carries_amount_not_weight(void **state) {
    (void)state;
    sg_graph *g = sample_graph(0);
    size_t e;
    size_t dgce, pmm;
    assert_true(sg_graph_find_node(g, "DGCE", &dgce));
    assert_true(sg_graph_find_node(g, "PMM", &pmm));
    assert_int_equal(sg_graph_add_edge(g, dgce, pmm, &e), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_EDGE, e, "amount", "1250.5"), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_EDGE, e, "label_tr", "Gümrük"), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_EDGE, e, "color", "red"), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, dgce, "budget", "12.5"), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, dgce, "group", "g1"), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, dgce, "image", "/etc/passwd"), SG_OK);
    char *gv = render(g, NULL, "gv", NULL);
    assert_true(contains(gv, "digraph stakegraph {"));
    assert_true(contains(gv, "rankdir=LR"));
    /* The amount travels as `amount`; Graphviz's layout `weight` appears nowhere. */
    assert_true(contains(gv, "EU -> IOM\t[amount=5000000,"));
    assert_true(contains(gv, "amount=1250.5"));
    assert_false(contains(gv, "weight"));
    /* Other model attributes are copied, except names Graphviz would act on. */
    assert_true(contains(gv, "relation=funding"));
    assert_true(contains(gv, "type=donor"));
    assert_true(contains(gv, "label_tr=Gümrük"));
    assert_true(contains(gv, "budget=12.5"));
    assert_false(contains(gv, "red"));
    assert_false(contains(gv, "g1"));
    assert_false(contains(gv, "/etc/passwd"));
    /* The legend is inside the figure, placed with it (no edge ties it to the drawing). */
    assert_true(contains(gv, "subgraph cluster_legend {"));
    assert_true(contains(gv, "layout=nop2"));
    assert_false(contains(gv, "legend_link"));
    sg_render_free(gv);
    sg_graph_free(g);
}

static void renders_are_identical(void **state) {
    (void)state;
    sg_graph *g = sample_graph(0);
    const char *formats[] = {"gv", "svg", "png"};
    for (size_t i = 0; i < COUNT(formats); i++) {
        size_t n1, n2;
        char *a = render(g, NULL, formats[i], &n1);
        char *b = render(g, NULL, formats[i], &n2);
        assert_int_equal(n1, n2);
        assert_memory_equal(a, b, n1);
        sg_render_free(a);
        sg_render_free(b);
    }
    sg_graph_free(g);
}

static void row_order_does_not_matter(void **state) {
    (void)state;
    sg_graph *a = sample_graph(0);
    sg_graph *b = sample_graph(1);
    const char *formats[] = {"gv", "svg", "png"};
    for (size_t i = 0; i < COUNT(formats); i++) {
        size_t n1, n2;
        char *x = render(a, NULL, formats[i], &n1);
        char *y = render(b, NULL, formats[i], &n2);
        assert_int_equal(n1, n2);
        assert_memory_equal(x, y, n1);
        sg_render_free(x);
        sg_render_free(y);
    }
    sg_graph_free(a);
    sg_graph_free(b);
}

/* Unknown types take their styles by name, in canonical order: the same whatever the input
 * order. */
static void unknown_types_in_canonical_order(void **state) {
    (void)state;
    static const node_row nodes[] = {
        {"zeta", "Zeta", "think_tank"},
        {"alpha", "Alpha", "civil_society"},
        {"mid", "Mid", "academia"},
    };
    static const edge_row edges[] = {{"zeta", "alpha", "mentoring", NULL},
                                     {"alpha", "mid", "peer_review", NULL}};
    sg_graph *a = make_graph(nodes, 3, edges, 2, 0, NULL);
    sg_graph *b = make_graph(nodes, 3, edges, 2, 1, NULL);
    char *x = render(a, NULL, "svg", NULL);
    char *y = render(b, NULL, "svg", NULL);
    assert_string_equal(svg_body(x), svg_body(y));
    /* colours by name (theme_unknown_type_by_name): civil_society #000000 (white text),
     * academia #999933, think_tank #D55E00 */
    char *alpha = svg_node(x, "alpha"); /* civil_society */
    assert_true(contains(alpha, "fill=\"#000000\""));
    assert_true(contains(alpha, "fill=\"#ffffff\">Alpha</text>"));
    char *mid = svg_node(x, "mid"); /* academia */
    assert_true(contains(mid, "fill=\"#999933\""));
    char *zeta = svg_node(x, "zeta"); /* think_tank */
    assert_true(contains(zeta, "fill=\"#d55e00\""));
    free(zeta);
    assert_true(contains(x, ">Civil society</text>"));
    assert_true(contains(x, ">Think tank</text>"));
    assert_true(contains(x, ">Peer review</text>"));
    free(alpha);
    free(mid);
    sg_render_free(x);
    sg_render_free(y);
    sg_graph_free(a);
    sg_graph_free(b);
}

/* Same bytes in every locale: in the child process that draws (the default) and in this process
 * (STAKEGRAPH_NO_CONTAIN), where the caller's locale must also be restored afterwards. */
static void same_bytes_in_every_locale(void **state) {
    (void)state;
    sg_graph *g = sample_graph(0);
    char *c_svg = render(g, NULL, "svg", NULL);
    char *c_gv = render(g, NULL, "gv", NULL);
    const char *locales[] = {"tr_TR.UTF-8", "tr_TR.utf8", "de_DE.UTF-8", "de_DE.utf8"};
    for (int here = 0; here < 2; here++) {
        if (here)
            setenv("STAKEGRAPH_NO_CONTAIN", "1", 1);
        for (size_t i = 0; i < COUNT(locales); i++) {
            if (!setlocale(LC_ALL, locales[i]))
                continue; /* not generated on this machine */
            char before[256];
            snprintf(before, sizeof before, "%s", setlocale(LC_ALL, NULL));
            char *svg = render(g, NULL, "svg", NULL);
            char *gv = render(g, NULL, "gv", NULL);
            assert_string_equal(setlocale(LC_ALL, NULL), before); /* restored */
            assert_string_equal(svg, c_svg);
            assert_string_equal(gv, c_gv);
            sg_render_free(svg);
            sg_render_free(gv);
        }
        setlocale(LC_ALL, "C");
        char *svg = render(g, NULL, "svg", NULL); /* and again, in the same process */
        assert_string_equal(svg, c_svg);
        sg_render_free(svg);
    }
    unsetenv("STAKEGRAPH_NO_CONTAIN");
    sg_render_free(c_svg);
    sg_render_free(c_gv);
    sg_graph_free(g);
}

/* Text shows byte for byte: no Graphviz escapes (\N, \G, \n), no entities, valid XML. */
static void text_is_literal(void **state) {
    (void)state;
    static const node_row nodes[] = {
        {"A&copy;B", "Fish &copy; & <b>x</b>", "donor"},
        {"esc", "\\N \\G \\n literal", "donor"},
        {"slash", "ends with a backslash\\", "project"},
        {"q", "say \"hi\"", "project"},
        {"legend_type_0", "a node named like a legend node", "project"},
        {"tr", "Türkiye İstanbul ığüşöç", "x&y"},
        {"crlf", "first line\r\nsecond line", "x&y"},
    };
    static const edge_row edges[] = {{"A&copy;B", "esc", "funding", "1"},
                                     {"esc", "slash", "a<b>", NULL},
                                     {"q", "tr", NULL, NULL},
                                     {"legend_type_0", "q", "funding", NULL}};
    sg_graph *g = make_graph(nodes, COUNT(nodes), edges, COUNT(edges), 0, "T & \\N <x>");
    char *svg = render(g, NULL, "svg", NULL);
    assert_false(contains(svg, "&copy;"));
    assert_true(contains(svg, ">Fish &amp;copy; &amp; &lt;b&gt;x&lt;/b&gt;</text>"));
    assert_true(contains(svg, ">\\N \\G \\n literal</text>"));
    assert_true(contains(svg, ">ends with a backslash\\</text>"));
    assert_true(contains(svg, ">say &quot;hi&quot;</text>"));
    assert_true(contains(svg, ">Türkiye İstanbul ığüşöç</text>"));
    assert_true(contains(svg, ">T &amp; \\N &lt;x&gt;</text>"));
    assert_true(contains(svg, ">X&amp;y</text>"));
    assert_true(contains(svg, ">A&lt;b&gt;</text>"));
    assert_true(contains(svg, ">first line</text>")); /* CR LF is a line break */
    assert_true(contains(svg, ">second line</text>"));
    /* The node id shows in Graphviz's comment as it is ("&amp;copy;" in XML is "&copy;"), the
     * label in the <title> that screen readers read. */
    assert_true(contains(svg, "<!-- A&amp;copy;B -->"));
    assert_true(contains(svg, "<title>Fish &amp;copy; &amp; &lt;b&gt;x&lt;/b&gt;</title>"));
    /* A user node keeps its name; the legend's node gives way. */
    char *user = svg_node(svg, "legend_type_0");
    assert_non_null(user);
    assert_true(contains(user, "a node named"));
    free(user);
    /* No two SVG elements share an id. */
    for (const char *p = strstr(svg, " id=\""); p; p = strstr(p + 1, " id=\"")) {
        const char *end = strchr(p + 5, '"');
        char id[64];
        size_t len = (size_t)(end - p - 5);
        assert_true(len < sizeof id);
        memcpy(id, p + 5, len);
        id[len] = '\0';
        char key[80];
        snprintf(key, sizeof key, " id=\"%s\"", id);
        assert_ptr_equal(strstr(svg, key), p);
    }
    sg_render_free(svg);

    char *gv = render(g, NULL, "gv", NULL);
    assert_true(contains(gv, "\"A&copy;B\"")); /* the DOT keeps the real id */
    assert_true(contains(gv, "label=\"\\\\N \\\\G \\\\n literal\""));
    sg_render_free(gv);
    sg_graph_free(g);
}

static void invalid_text_is_replaced(void **state) {
    (void)state;
    static const node_row nodes[] = {{"bad\xff", "ctl\x01x", "donor"}, {"ok", "ok", "donor"}};
    static const edge_row edges[] = {{"bad\xff", "ok", "funding", NULL}};
    sg_graph *g = make_graph(nodes, 2, edges, 1, 0, NULL);
    sg_diag *d = sg_diag_new();
    char *svg = NULL;
    size_t n;
    assert_int_equal(sg_render(g, NULL, "svg", &svg, &n, d), SG_OK);
    assert_int_equal(sg_diag_count_severity(d, SG_WARNING), 1);
    assert_true(contains(svg, "<!-- bad\xEF\xBF\xBD -->"));
    assert_true(contains(svg, "<title>ctl\xEF\xBF\xBDx</title>"));
    assert_true(contains(svg, ">ctl\xEF\xBF\xBDx</text>"));
    assert_false(contains(svg, "\x01"));
    sg_render_free(svg);
    sg_diag_free(d);
    sg_graph_free(g);
}

static void undirected_has_no_arrows(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(0);
    size_t a, b, e;
    sg_graph_add_node(g, "a", &a);
    sg_graph_add_node(g, "b", &b);
    sg_graph_set_attr(g, SG_ON_NODE, a, "type", "donor");
    sg_graph_add_edge(g, a, b, &e);
    sg_graph_set_attr(g, SG_ON_EDGE, e, "relation", "hierarchy");
    char *gv = render(g, NULL, "gv", NULL);
    assert_true(contains(gv, "graph stakegraph {"));
    assert_false(contains(gv, "digraph"));
    assert_true(contains(gv, "a -- b"));
    assert_false(contains(gv, "arrowhead"));
    assert_false(contains(gv, "arrowtail"));
    assert_true(contains(gv, "color=\"#333333:#333333\"")); /* hierarchy: a double line */
    /* "No type" is listed beside a named type. */
    char *svg = render(g, NULL, "svg", NULL);
    assert_true(contains(svg, ">No type</text>"));
    assert_true(contains(svg, ">Donor</text>"));
    assert_true(contains(svg, ">Hierarchy</text>"));
    sg_render_free(svg);
    sg_render_free(gv);
    sg_graph_free(g);
}

/* A graph without nodes: its title and a "No stakeholders" note, with a warning (it was a
 * blank 60 x 60 pixel PNG, the title outside the drawing). */
static void empty_graph_and_no_legend(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    sg_graph_set_attr(g, SG_ON_GRAPH, 0, "label", "Worked example");
    char *svg = render(g, NULL, "svg", NULL);
    assert_true(contains(svg, "<svg "));
    assert_false(contains(svg, "Legend"));
    assert_true(contains(svg, ">Worked example</text>"));
    assert_true(contains(svg, ">No stakeholders</text>"));
    sg_render_free(svg);
    sg_diag *wd = sg_diag_new();
    char *png = NULL;
    size_t png_len = 0;
    assert_int_equal(sg_render(g, NULL, "png", &png, &png_len, wd), SG_OK);
    assert_true(png_len > 24);
    unsigned w = 0, h = 0; /* IHDR: width and height, big-endian, at bytes 16 and 20 */
    for (int i = 0; i < 4; i++) {
        w = w << 8 | (unsigned char)png[16 + i];
        h = h << 8 | (unsigned char)png[20 + i];
    }
    assert_true(w > 150 && h > 60);
    assert_int_equal(sg_diag_count_severity(wd, SG_WARNING), 1);
    assert_true(strstr(sg_diag_get(wd, 0)->text, "no stakeholders") != NULL);
    sg_render_free(png);
    sg_diag_free(wd);
    char *pdf = render(g, NULL, "pdf", NULL);
    assert_memory_equal(pdf, "%PDF-", 5);
    sg_render_free(pdf);
    /* Untyped nodes without relations: nothing to explain, so no legend. */
    size_t a, b, e;
    sg_graph_add_node(g, "a", &a);
    sg_graph_add_node(g, "b", &b);
    sg_graph_add_edge(g, a, b, &e);
    svg = render(g, NULL, "svg", NULL);
    assert_false(contains(svg, "Legend"));
    assert_true(contains(svg, "<title>Link from a to b</title>"));
    sg_render_free(svg);
    sg_graph_free(g);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(theme_known_types),
        cmocka_unit_test(theme_unknown_and_empty),
        cmocka_unit_test(theme_unknown_type_by_name),
        cmocka_unit_test(theme_relations_distinct),
        cmocka_unit_test(theme_text_colour),
        cmocka_unit_test(theme_display_name),
        cmocka_unit_test(format_find),
        cmocka_unit_test(unknown_format_is_einval),
        cmocka_unit_test(engine_find_and_pick),
        cmocka_unit_test(unknown_engine_is_einval),
        cmocka_unit_test(png_and_dpi),
        cmocka_unit_test(pdf_signature),
        cmocka_unit_test(svg_title_styles_and_legend),
        cmocka_unit_test(title_option_wins),
        cmocka_unit_test(gv_carries_amount_not_weight),
        cmocka_unit_test(renders_are_identical),
        cmocka_unit_test(row_order_does_not_matter),
        cmocka_unit_test(unknown_types_in_canonical_order),
        cmocka_unit_test(text_is_literal),
        cmocka_unit_test(invalid_text_is_replaced),
        cmocka_unit_test(undirected_has_no_arrows),
        cmocka_unit_test(empty_graph_and_no_legend),
        /* Last: it draws in this process too, and what Graphviz keeps from that would be
         * copied into every child process of a later test. */
        cmocka_unit_test(same_bytes_in_every_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
