/* Figures: what they encode beyond type and relation (issue 6): node size by a measure, colour
 * by an attribute or community, edge width by amount, grayscale, theme files, caption, output
 * size, font coverage, SVG title, description and tooltips. Expected values are worked out by
 * hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stakegraph.h"
#include "style/theme.h"

/* ---------------------------------------------------------------------------------------- */
/* Helpers                                                                                  */

static sg_graph *dot_graph(const char *text) {
    sg_graph *g = NULL;
    sg_diag *d = sg_diag_new();
    int rc = sg_read_buffer(text, strlen(text), "test.gv", NULL, &g, d);
    if (rc != SG_OK)
        sg_diag_print(d, stderr);
    assert_int_equal(rc, SG_OK);
    sg_diag_free(d);
    return g;
}

/* Renders; stores the messages in *diag_out when given (else expects none at all). */
static char *render(const sg_graph *g, const sg_render_options *o, const char *format,
                    sg_diag **diag_out) {
    sg_diag *d = sg_diag_new();
    char *data = NULL;
    size_t n = 0;
    int rc = sg_render(g, o, format, &data, &n, d);
    if (rc != SG_OK || (!diag_out && sg_diag_count(d) > 0))
        sg_diag_print(d, stderr);
    assert_int_equal(rc, SG_OK);
    if (diag_out)
        *diag_out = d;
    else {
        assert_int_equal(sg_diag_count(d), 0);
        sg_diag_free(d);
    }
    return data;
}

/* The attributes of DOT statement `head` (e.g. "\tc\t[") up to its closing ']', a copy. */
static char *statement(const char *gv, const char *head) {
    const char *p = strstr(gv, head);
    if (!p)
        fprintf(stderr, "no statement '%s' in:\n%s\n", head, gv);
    assert_non_null(p);
    const char *end = strchr(p, ']');
    assert_non_null(end);
    size_t n = (size_t)(end - p);
    char *s = malloc(n + 1);
    memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

/* The number after "name=" in `stmt`; NAN when absent. */
static double attr_number(const char *stmt, const char *name) {
    char key[64];
    snprintf(key, sizeof key, "%s=", name);
    for (const char *p = strstr(stmt, key); p; p = strstr(p + 1, key))
        if (p == stmt || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '[' || p[-1] == '\n')
            return strtod(p + strlen(key) + (p[strlen(key)] == '"'), NULL);
    return NAN;
}

static int contains(const char *hay, const char *needle) {
    return strstr(hay, needle) != NULL;
}

static size_t count_of(const char *hay, const char *needle) {
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static int has_message(const sg_diag *d, sg_severity sev, const char *text) {
    for (size_t i = 0; i < sg_diag_count(d); i++) {
        const sg_message *m = sg_diag_get(d, i);
        if (m->severity == sev && strstr(m->text, text))
            return 1;
    }
    return 0;
}

/* A star: c linked to four leaves (degree 4 against 1), and an isolated node z. */
static const char star[] = "graph { c -- a; c -- b; c -- d; c -- e; z; }";

/* ---------------------------------------------------------------------------------------- */
/* Size                                                                                     */

/* Area proportional to the value: degree 4 against 1 is twice the width; the largest is 1.2 in,
 * the isolated node (degree 0) the smallest size, 0.3 in. A label that fits stays inside; a
 * longer one goes beside the node (xlabel). */
static void size_by_degree_is_area(void **state) {
    (void)state;
    sg_graph *g = dot_graph("graph { c -- a; c -- b; c -- d; c -- e; z;"
                            " a [label=\"Agency with a long name\"]; }");
    sg_render_options o = {.size_by = "degree", .engine = "dot"};
    char *gv = render(g, &o, "gv", NULL);
    char *c = statement(gv, "\tc\t["), *a = statement(gv, "\ta\t["), *z = statement(gv, "\tz\t[");
    assert_float_equal(attr_number(c, "width"), 1.2, 1e-9);
    assert_float_equal(attr_number(c, "height"), 1.2, 1e-9);
    assert_float_equal(attr_number(a, "width"), 0.6, 1e-9);
    assert_float_equal(attr_number(c, "width") / attr_number(a, "width"), 2.0, 1e-9);
    assert_float_equal(attr_number(z, "width"), 0.3, 1e-9);
    assert_true(contains(c, "fixedsize=true"));
    /* "c" fits in 1.2 in: inside; 23 characters (about 2 in) do not fit in 0.6 in: beside */
    assert_true(contains(c, "label=c"));
    assert_false(contains(c, "xlabel"));
    assert_true(contains(a, "xlabel=\"Agency with a long name\""));
    assert_true(contains(a, "label=\"\""));
    /* the legend's samples: the largest value and a quarter of it (half the width) */
    char *s0 = statement(gv, "\tlegend_size_0\t["), *s1 = statement(gv, "\tlegend_size_1\t[");
    assert_float_equal(attr_number(s0, "width"), 1.2, 1e-9);
    assert_float_equal(attr_number(s1, "width"), 0.6, 1e-9);
    assert_true(contains(gv, "label=\"Size (area): degree\\l\""));
    assert_true(contains(gv, "label=\"4\\r\""));
    assert_true(contains(gv, "label=\"1\\r\""));
    free(s0);
    free(s1);
    free(c);
    free(a);
    free(z);
    sg_render_free(gv);
    sg_graph_free(g);
}

/* The size legend's samples are rounded to two significant digits and drawn at the size of the
 * value printed: with degree 3 the largest, a quarter and a sixteenth are 3, 0.75 and
 * 0.1875, printed 3, 0.75 and 0.19 (before: 0.188), the last one 1.2 in x sqrt(0.19 / 3) =
 * 0.30199 in wide (0.1875 gave 0.3). In every locale. */
static void size_legend_two_digits(void **state) {
    (void)state;
    sg_graph *g = dot_graph("graph { c -- a; c -- b; c -- d; }");
    sg_render_options o = {.size_by = "degree", .engine = "dot"};
    char *gv = render(g, &o, "gv", NULL);
    assert_true(contains(gv, "label=\"3\\r\""));
    assert_true(contains(gv, "label=\"0.75\\r\""));
    assert_true(contains(gv, "label=\"0.19\\r\""));
    assert_false(contains(gv, "0.188"));
    char *s2 = statement(gv, "\tlegend_size_2\t[");
    assert_float_equal(attr_number(s2, "width"), 1.2 * sqrt(0.19 / 3), 1e-4);
    free(s2);
    const char *old = setlocale(LC_ALL, NULL);
    char *saved = old ? strdup(old) : NULL;
    if (setlocale(LC_ALL, "de_DE.UTF-8")) {
        char *de = render(g, &o, "gv", NULL);
        assert_string_equal(gv, de);
        sg_render_free(de);
    }
    setlocale(LC_ALL, saved ? saved : "C");
    free(saved);
    sg_render_free(gv);
    sg_graph_free(g);
}

/* An undefined value (clustering of a node with fewer than two neighbours) gets the smallest
 * size and a warning. */
/* A label beside its node stands on the page: black, even where the node's fill is dark and
 * a label inside it is white (International organisation: Okabe-Ito blue #0072B2, contrast
 * with white 5.1, with black 4.1). Seen as invisible labels in Les Miserables by community. */
static void size_by_label_beside_is_black(void **state) {
    (void)state;
    sg_graph *g = dot_graph("graph { c -- a; c -- b; c -- d;"
                            " c [type=international_organisation];"
                            " a [type=international_organisation, label=\"Agency with a long name\"]; }");
    sg_render_options o = {.size_by = "degree", .engine = "dot"};
    char *gv = render(g, &o, "gv", NULL);
    char *c = statement(gv, "\tc\t["), *a = statement(gv, "\ta\t[");
    assert_true(contains(c, "label=c"));
    assert_true(contains(c, "fontcolor=\"#FFFFFF\""));
    assert_true(contains(a, "xlabel=\"Agency with a long name\""));
    assert_true(contains(a, "fontcolor=\"#000000\""));
    assert_false(contains(a, "#FFFFFF\""));
    free(c);
    free(a);
    sg_render_free(gv);
    sg_graph_free(g);
}

static void size_by_missing_values(void **state) {
    (void)state;
    /* triangle a b c plus a pendant d on c: clustering a = b = 1, c = 1/3, d undefined */
    sg_graph *g = dot_graph("graph { a -- b; b -- c; c -- a; c -- d; }");
    sg_render_options o = {.size_by = "clustering", .engine = "dot"};
    sg_diag *d = NULL;
    char *gv = render(g, &o, "gv", &d);
    assert_true(has_message(d, SG_WARNING, "1 node(s) have no clustering value"));
    char *sa = statement(gv, "\ta\t["), *sc = statement(gv, "\tc\t["), *sd = statement(gv, "\td\t[");
    assert_float_equal(attr_number(sa, "width"), 1.2, 1e-9);
    /* 1.2 sqrt(1/3) = 0.6928 -> 3 digits */
    assert_float_equal(attr_number(sc, "width"), 0.693, 1e-9);
    assert_float_equal(attr_number(sd, "width"), 0.3, 1e-9);
    free(sa);
    free(sc);
    free(sd);
    sg_diag_free(d);
    sg_render_free(gv);
    sg_graph_free(g);
}

static void size_by_unknown_measure(void **state) {
    (void)state;
    sg_graph *g = dot_graph(star);
    sg_render_options o = {.size_by = "fame"};
    sg_diag *d = sg_diag_new();
    char *data = NULL;
    size_t n;
    assert_int_equal(sg_render(g, &o, "gv", &data, &n, d), SG_EINVAL);
    assert_null(data);
    assert_true(has_message(d, SG_ERROR, "unknown measure \"fame\""));
    sg_diag_free(d);
    sg_graph_free(g);
}

/* ---------------------------------------------------------------------------------------- */
/* Edge width                                                                               */

/* Square-root scale: the largest amount 6 points, 25 of 100 half of it (3), 4 of 100 a fifth
 * (1.2), 1 of 100 0.6; an edge of the same relation without an amount 0.5, with a warning. */
static void edge_width_sqrt(void **state) {
    (void)state;
    sg_graph *g = dot_graph("digraph { a -> b [weight=100, relation=funding];"
                            " a -> c [weight=25, relation=funding];"
                            " a -> d [weight=4, relation=funding];"
                            " a -> e [weight=1, relation=funding];"
                            " a -> f [relation=funding]; b -> c [relation=implementation]; }");
    sg_diag *d = NULL;
    char *gv = render(g, NULL, "gv", &d);
    assert_true(has_message(d, SG_WARNING, "1 edge(s) without an amount"));
    struct {
        const char *head;
        double pen;
    } want[] = {{"\ta -> b\t[", 6}, {"\ta -> c\t[", 3},   {"\ta -> d\t[", 1.2},
                {"\ta -> e\t[", 0.6}, {"\ta -> f\t[", 0.5}, {"\tb -> c\t[", 0.5}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char *s = statement(gv, want[i].head);
        assert_float_equal(attr_number(s, "penwidth"), want[i].pen, 1e-9);
        free(s);
    }
    /* legend: 100, 25 and 6.25 with the same widths, 6.25 printed and drawn as 6.2 (two
     * significant digits, as the size scale's: it was 6.25) */
    char *w1 = statement(gv, "\tlegend_width_text_1 -> legend_width_1\t[");
    assert_float_equal(attr_number(w1, "penwidth"), 3, 1e-9);
    free(w1);
    assert_true(contains(gv, "label=\"Width: amount\\l\""));
    assert_true(contains(gv, "label=\"100\\r\""));
    assert_true(contains(gv, "label=\"25\\r\""));
    assert_true(contains(gv, "label=\"6.2\\r\""));
    assert_false(contains(gv, "6.25"));
    sg_diag_free(d);
    sg_render_free(gv);

    /* The thickest pen (6 points) with a smaller arrowsize (0.8 x 4/6), so that its head's
     * outline is no larger than at the default pen (Graphviz widens it by pen/4 past 4 points:
     * 8.4 points wide, 9.03 from corner to corner, where the default's is 8.48); thinner pens
     * keep the default. */
    gv = render(g, NULL, "gv", &d);
    sg_diag_free(d);
    char *ab = statement(gv, "\ta -> b\t[");
    assert_float_equal(attr_number(ab, "arrowsize"), 0.533, 1e-9);
    free(ab);
    char *ac = statement(gv, "\ta -> c\t[");
    assert_null(strstr(ac, "arrowsize"));
    free(ac);
    sg_render_free(gv);
    char *svg = render(g, NULL, "svg", &d);
    sg_diag_free(d);
    const char *edge = strstr(svg, "<title>Funding from a to b</title>");
    assert_non_null(edge);
    const char *poly = strstr(edge, "<polygon");
    assert_non_null(poly);
    poly = strstr(poly, "points=\"");
    assert_non_null(poly);
    double pt[4][2];
    int np = 0;
    for (const char *q = poly + 8; np < 4 && *q != '"'; np++) {
        char *end;
        pt[np][0] = strtod(q, &end);
        pt[np][1] = strtod(end + 1, &end);
        q = end;
        while (*q == ' ')
            q++;
    }
    double far = 0;
    for (int i = 0; i < np; i++)
        for (int j = i + 1; j < np; j++)
            far = fmax(far, hypot(pt[i][0] - pt[j][0], pt[i][1] - pt[j][1]));
    assert_true(np >= 3 && far > 5 && far < 8.5);
    sg_render_free(svg);

    /* none: the relation's own width (funding 2.5) */
    sg_render_options o = {.edge_width = SG_EDGE_WIDTH_NONE};
    gv = render(g, &o, "gv", NULL);
    char *s = statement(gv, "\ta -> b\t[");
    assert_float_equal(attr_number(s, "penwidth"), 2.5, 1e-9);
    assert_false(contains(gv, "Width: amount"));
    free(s);
    sg_render_free(gv);
    sg_graph_free(g);
}


/* The legend's samples (the largest amount, a quarter, a sixteenth) stop at the smallest amount
 * drawn: weights 1 to 7 (the karate club's) give 7, 1.8 (1.75 to two digits) and 1, not 0.438;
 * weights 4 to 7 give 7 and 4 only (a quarter, 1.75, is below 4). */
static void edge_width_samples_from_smallest(void **state) {
    (void)state;
    sg_graph *g = dot_graph("graph { a -- b [weight=7]; a -- c [weight=3]; a -- d [weight=1]; }");
    char *gv = render(g, NULL, "gv", NULL);
    assert_true(contains(gv, "label=\"7\\r\""));
    assert_true(contains(gv, "label=\"1.8\\r\""));
    assert_true(contains(gv, "label=\"1\\r\""));
    assert_false(contains(gv, "0.438"));
    char *w2 = statement(gv, "\tlegend_width_text_2 -- legend_width_2\t[");
    char *d = statement(gv, "\ta -- d\t[");
    assert_float_equal(attr_number(w2, "penwidth"), attr_number(d, "penwidth"), 1e-9);
    free(w2);
    free(d);
    sg_render_free(gv);
    sg_graph_free(g);
    g = dot_graph("graph { a -- b [weight=7]; a -- c [weight=4]; }");
    gv = render(g, NULL, "gv", NULL);
    assert_true(contains(gv, "label=\"7\\r\""));
    assert_true(contains(gv, "label=\"4\\r\""));
    assert_false(contains(gv, "legend_width_2"));
    sg_render_free(gv);
    sg_graph_free(g);
}
/* Log scale from 0.5 (smallest, 1) to 6 (largest, 100): 10 is half-way, 3.25. The unit shows in
 * the legend; an amount in another unit is drawn thin. */
static void edge_width_log_and_unit(void **state) {
    (void)state;
    sg_graph *g = dot_graph("digraph { a -> b [amount=1, unit=EUR]; a -> c [amount=10, unit=EUR];"
                            " a -> d [amount=100, unit=EUR]; a -> e [amount=5000, unit=TRY]; }");
    sg_render_options o = {.edge_width = SG_EDGE_WIDTH_LOG};
    sg_diag *d = NULL;
    char *gv = render(g, &o, "gv", &d);
    assert_true(has_message(d, SG_WARNING, "in EUR"));
    double want[] = {0.5, 3.25, 6, 0.5};
    const char *heads[] = {"\ta -> b\t[", "\ta -> c\t[", "\ta -> d\t[", "\ta -> e\t["};
    for (size_t i = 0; i < 4; i++) {
        char *s = statement(gv, heads[i]);
        assert_float_equal(attr_number(s, "penwidth"), want[i], 1e-9);
        free(s);
    }
    assert_true(contains(gv, "Width: amount (EUR)"));
    assert_true(contains(gv, "label=\"100 EUR\\r\""));
    assert_true(contains(gv, "label=\"1 EUR\\r\""));
    sg_diag_free(d);
    sg_render_free(gv);
    sg_graph_free(g);
}

/* ---------------------------------------------------------------------------------------- */
/* Colour                                                                                   */

/* By attribute: values in byte order take Okabe-Ito's colours in order, whatever the order of
 * the rows; a node without the value is grey; the type's shape stays. */
static void colour_by_attribute(void **state) {
    (void)state;
    const char *one = "digraph { x [sector=health, type=donor]; y [sector=customs];"
                      " w [sector=aviation]; v; x -> y; }";
    const char *two = "digraph { v; w [sector=aviation]; y [sector=customs];"
                      " x [type=donor, sector=health]; x -> y; }";
    sg_graph *g1 = dot_graph(one), *g2 = dot_graph(two);
    sg_render_options o = {.color_by = "sector"};
    char *a = render(g1, &o, "gv", NULL), *b = render(g2, &o, "gv", NULL);
    assert_string_equal(a, b);
    char *w = statement(a, "\tw\t["), *y = statement(a, "\ty\t["), *x = statement(a, "\tx\t["),
         *v = statement(a, "\tv\t[");
    assert_true(contains(w, "fillcolor=\"#E69F00\"")); /* aviation */
    assert_true(contains(y, "fillcolor=\"#56B4E9\"")); /* customs */
    assert_true(contains(x, "fillcolor=\"#009E73\"")); /* health */
    assert_true(contains(x, "shape=hexagon"));         /* a donor still */
    assert_true(contains(v, "fillcolor=\"#E0E0E0\""));
    assert_true(contains(a, "label=\"Colour: sector\\l\""));
    assert_true(contains(a, "label=\"No value\""));
    /* the legend's type samples show the shape, white */
    char *t = statement(a, "\tlegend_type_0\t[");
    assert_true(contains(t, "fillcolor=\"#FFFFFF\""));
    free(t);
    free(w);
    free(y);
    free(x);
    free(v);
    sg_render_free(a);
    sg_render_free(b);
    sg_graph_free(g1);
    sg_graph_free(g2);
}

/* Ten values: more than 8 colours draws a warning; the 9th value takes Tol's first (rose). */
static void colour_beyond_okabe_ito(void **state) {
    (void)state;
    sg_graph *g = dot_graph("digraph { n0 [k=a]; n1 [k=b]; n2 [k=c]; n3 [k=d]; n4 [k=e];"
                            " n5 [k=f]; n6 [k=g]; n7 [k=h]; n8 [k=i]; n9 [k=j]; }");
    sg_render_options o = {.color_by = "k"};
    sg_diag *d = NULL;
    char *gv = render(g, &o, "gv", &d);
    assert_true(has_message(d, SG_WARNING, "10 values of k"));
    char *n8 = statement(gv, "\tn8\t["), *n7 = statement(gv, "\tn7\t[");
    assert_true(contains(n7, "fillcolor=\"#000000\""));
    assert_true(contains(n7, "fontcolor=\"#FFFFFF\"")); /* readable on black */
    assert_true(contains(n8, "fillcolor=\"#CC6677\""));
    free(n7);
    free(n8);
    sg_diag_free(d);
    sg_render_free(gv);
    sg_graph_free(g);
}

/* By community: the colours follow the analysis's community column (Louvain, seeded). Two
 * triangles joined by one edge: two communities, {a,b,c} first (smallest id). Their colours are
 * Paul Tol's muted rose and indigo, not the built-in types' Okabe-Ito orange and sky blue
 * (donor and national government in a report's other figures), which they were. */
static void colour_by_community(void **state) {
    (void)state;
    sg_graph *g = dot_graph("graph { a -- b; b -- c; c -- a; d -- e; e -- f; f -- d; c -- d; }");
    sg_render_options o = {.color_by = "community"};
    char *gv = render(g, &o, "gv", NULL);
    const char *first[] = {"\ta\t[", "\tb\t[", "\tc\t["}, *second[] = {"\td\t[", "\te\t[", "\tf\t["};
    for (size_t i = 0; i < 3; i++) {
        char *s = statement(gv, first[i]), *t = statement(gv, second[i]);
        assert_true(contains(s, "fillcolor=\"#CC6677\""));
        assert_true(contains(t, "fillcolor=\"#332288\""));
        free(s);
        free(t);
    }
    assert_true(contains(gv, "label=\"Community 1\""));
    assert_true(contains(gv, "label=\"Community 2\""));
    sg_render_free(gv);
    sg_graph_free(g);
}

/* The fill of node `id` ("\tID\t[") in DOT text `gv`, "#RRGGBB" into `hex`. */
static void fill_of(const char *gv, const char *id, char hex[8]) {
    char *s = statement(gv, id);
    const char *f = strstr(s, "fillcolor=\"#");
    assert_non_null(f);
    memcpy(hex, f + 11, 7);
    hex[7] = '\0';
    free(s);
}

/* Grayscale: every fill a gray (R = G = B), one per type, a function of the type's colour (the
 * same gray in a figure of the whole graph and in one of a few of its types: it was the type's
 * rank among the types present, so national_government was #999999 among five and #F2F2F2
 * alone); the text colour readable (contrast at least 4.5). */
static void grayscale_fills(void **state) {
    (void)state;
    sg_graph *g = dot_graph("digraph { d [type=donor]; i [type=international_organisation];"
                            " n [type=national_government]; p [type=project]; q; d -> i; }");
    sg_render_options o = {.grayscale = 1};
    char *gv = render(g, &o, "gv", NULL);
    const char *ids[] = {"\td\t[", "\ti\t[", "\tn\t[", "\tp\t[", "\tq\t["};
    /* orange, blue, sky blue, reddish purple: levels 2, 10, 4, 6 of L* = 96 - 7.6 i; no type */
    const char *want[] = {"#C9C9C9", "#303030", "#9F9F9F", "#787878", "#E0E0E0"};
    for (size_t i = 0; i < 5; i++) {
        char hex[8];
        fill_of(gv, ids[i], hex);
        assert_string_equal(hex, want[i]);
        char *s = statement(gv, ids[i]);
        const char *tc = strstr(s, "fontcolor=\"");
        assert_non_null(tc);
        char text[8];
        memcpy(text, tc + 11, 7);
        text[7] = '\0';
        assert_true(sg_theme_contrast(hex, text) >= 4.5);
        free(s);
    }
    sg_render_free(gv);
    sg_graph_free(g);
    /* national_government alone, and with a type that is not in the first figure */
    const char *views[] = {"digraph { n [type=national_government]; }",
                           "digraph { n [type=national_government]; x [type=academia]; }"};
    for (size_t v = 0; v < 2; v++) {
        g = dot_graph(views[v]);
        gv = render(g, &o, "gv", NULL);
        char hex[8];
        fill_of(gv, "\tn\t[", hex);
        assert_string_equal(hex, "#9F9F9F");
        if (v == 1) { /* an unknown type: an odd level, never a built-in type's gray */
            fill_of(gv, "\tx\t[", hex);
            for (size_t i = 0; i < 4; i++)
                assert_string_not_equal(hex, want[i]);
            assert_true(hex[1] == hex[3] && hex[3] == hex[5] && hex[2] == hex[4]);
        }
        sg_render_free(gv);
        sg_graph_free(g);
    }
    /* the grays of the colours: the palette's from the table, a gray itself, others by L* */
    char out[8];
    sg_theme_colour_gray("#F0E442", out);
    assert_string_equal(out, "#F3F3F3");
    sg_theme_colour_gray("#56b4e9", out);
    assert_string_equal(out, "#9F9F9F");
    sg_theme_colour_gray("#000000", out);
    assert_string_equal(out, "#000000");
    sg_theme_colour_gray("#e0e0e0", out);
    assert_string_equal(out, "#E0E0E0");
    sg_theme_colour_gray("#FF0000", out); /* L* 53.2 */
    assert_string_equal(out, "#7F7F7F");
    sg_theme_colour_gray(NULL, out);
    assert_string_equal(out, "#E0E0E0");
}

/* ---------------------------------------------------------------------------------------- */
/* Theme files                                                                              */

static char *read_text(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 16);
    *len = fread(buf, 1, (1 << 16) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* The shipped default theme is the built-in table, exactly; and writing a theme then reading it
 * back gives the same table. */
static void default_theme_file_is_builtin(void **state) {
    (void)state;
    const char *data = getenv("SG_TEST_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/../../data/themes/default.theme", data ? data : ".");
    size_t len;
    char *text = read_text(path, &len);
    sg_theme *builtin = sg_theme_new(), *file = sg_theme_new(), *again = sg_theme_new();
    sg_diag *d = sg_diag_new();
    assert_int_equal(sg_theme_load(file, text, len, path, d), SG_OK);
    sg_buf a = {0}, b = {0}, c = {0};
    sg_theme_write(builtin, &a);
    sg_theme_write(file, &b);
    assert_string_equal(a.data, b.data);
    assert_int_equal(sg_theme_load(again, b.data, b.len, "again", d), SG_OK);
    sg_theme_write(again, &c);
    assert_string_equal(b.data, c.data);
    assert_int_equal(sg_diag_count(d), 0);
    /* 6 types, 12 relations (8 and IATI's 4 transaction types), 4 aliases */
    assert_int_equal(count_of(a.data, "\ntype ") + (strncmp(a.data, "type ", 5) == 0), 6);
    assert_int_equal(count_of(a.data, "\nrelation "), 12);
    assert_int_equal(count_of(a.data, "\nalias "), 4);
    sg_buf_free(&a);
    sg_buf_free(&b);
    sg_buf_free(&c);
    sg_theme_free(builtin);
    sg_theme_free(file);
    sg_theme_free(again);
    sg_diag_free(d);

    /* and the figure drawn with the file is the figure drawn without it; the file does not
     * define type "other": a warning of the file says so, once, and nothing else */
    sg_graph *g = dot_graph("digraph { EU [type=donor]; IOM [type=international_organization];"
                            " x [type=other]; EU -> IOM [relation=financing]; IOM -> x; }");
    sg_render_options o = {.theme_path = path};
    sg_diag *rd = NULL;
    char *g1 = render(g, NULL, "gv", NULL), *g2 = render(g, &o, "gv", &rd);
    assert_string_equal(g1, g2);
    assert_int_equal(sg_diag_count(rd), 1);
    const sg_message *m = sg_diag_get(rd, 0);
    assert_int_equal(m->severity, SG_WARNING);
    assert_string_equal(m->file, path);
    assert_string_equal(m->text, "theme: no style for type \"other\"; drawn as an unknown type "
                                 "(colour and shape chosen from its name)");
    sg_diag_free(rd);
    sg_render_free(g1);
    sg_render_free(g2);
    sg_graph_free(g);
    free(text);
}

/* A theme of one's own: colours, shapes, lines and names as written. */
static void own_theme(void **state) {
    (void)state;
    const char *text = "# our colours\n"
                       "type \"Civil society\" fill=#112233 shape=cylinder label=\"NGO\"\n"
                       "relation grant line=dashed width=3 head=vee tail=none double=yes\n"
                       "alias subsidy grant\n";
    sg_theme *t = sg_theme_new();
    sg_diag *d = sg_diag_new();
    assert_int_equal(sg_theme_load(t, text, strlen(text), "own.theme", d), SG_OK);
    size_t k;
    assert_int_equal(sg_theme_add_type(t, "civil-society", &k), SG_OK);
    const sg_node_style *ns = sg_theme_type_style(t, k);
    assert_string_equal(ns->fill, "#112233");
    assert_string_equal(ns->shape, "cylinder");
    assert_string_equal(ns->text, "#FFFFFF");
    assert_string_equal(sg_theme_type_display(t, k), "NGO");
    assert_int_equal(sg_theme_add_relation(t, "Subsidy", &k), SG_OK);
    const sg_edge_style *es = sg_theme_relation_style(t, k);
    assert_string_equal(es->line, "dashed");
    assert_float_equal(es->penwidth, 3, 0);
    assert_int_equal(es->parallel, 1);
    assert_string_equal(es->arrowhead, "vee");
    assert_string_equal(sg_theme_relation_display(t, k), "Grant");
    /* a type the file does not name: after the file's types, in another colour */
    assert_int_equal(sg_theme_add_type(t, "donor", &k), SG_OK);
    assert_int_equal(sg_theme_type_rank(t, k), 1);
    assert_string_not_equal(sg_theme_type_style(t, k)->fill, "#112233");
    assert_int_equal(sg_diag_count(d), 0);
    sg_theme_free(t);
    sg_diag_free(d);
}

/* A type or relation the theme does not know is drawn alike in every figure of a run, whatever
 * other types and relations a figure has (the HTML report's figure and a draw of a part of
 * the graph): its fill and line are functions of its name. Before, they were taken in the
 * order of the unknown names present: civil_society was orange in the second figure below
 * and sky blue in the first (academia, before it, took orange), mentoring had the second
 * extra line in the first and the first in the second. */
static void unknown_styles_same_in_every_figure(void **state) {
    (void)state;
    sg_graph *both = dot_graph("digraph { a [type=academia]; b [type=civil_society];"
                               " c [type=civil_society]; a -> b [relation=advocacy];"
                               " b -> c [relation=mentoring]; }");
    sg_graph *one = dot_graph("digraph { b [type=civil_society]; c [type=civil_society];"
                              " b -> c [relation=mentoring]; }");
    char *g1 = render(both, NULL, "gv", NULL), *g2 = render(one, NULL, "gv", NULL);
    char *b1 = statement(g1, "\tb\t["), *b2 = statement(g2, "\tb\t[");
    char *e1 = statement(g1, "\tb -> c\t["), *e2 = statement(g2, "\tb -> c\t[");
    /* FNV-1a of "civil_society" is 1 mod 10: the 2nd colour no built-in type has (black; Tol's
     * cyan is left out); of "mentoring" 20 mod 28: line 20 mod 4 = 0 (dotted, 2.8 points), head
     * 20 mod 7 = 6 (icurve) (worked out in Python) */
    assert_true(contains(b1, "fillcolor=\"#000000\""));
    assert_true(contains(b2, "fillcolor=\"#000000\""));
    assert_true(contains(b1, "shape=pentagon"));
    assert_true(contains(b2, "shape=pentagon"));
    assert_true(contains(e1, "arrowhead=icurve"));
    assert_true(contains(e2, "arrowhead=icurve"));
    assert_true(contains(e1, "style=dotted"));
    assert_true(contains(e2, "style=dotted"));
    assert_float_equal(attr_number(e1, "penwidth"), 2.8, 1e-9);
    assert_float_equal(attr_number(e2, "penwidth"), 2.8, 1e-9);
    free(b1);
    free(b2);
    free(e1);
    free(e2);
    sg_render_free(g1);
    sg_render_free(g2);
    sg_graph_free(both);
    sg_graph_free(one);
}

/* Bad theme files: the first error, with its line and column. */
static void bad_theme_positions(void **state) {
    (void)state;
    struct {
        const char *text;
        long line, column;
        const char *says;
    } cases[] = {
        {"type donor fill=#E69F0 shape=hexagon\n", 1, 17, "unknown colour '#E69F0'"},
        {"# c\n\ntype x fill=#000000 shape=blob\n", 3, 27, "unknown shape 'blob'"},
        {"relation f line=wavy width=1 head=normal\n", 1, 17, "unknown line style 'wavy'"},
        {"relation f line=solid width=20 head=normal\n", 1, 29, "width '20'"},
        {"relation f line=solid width=1 head=arrow\n", 1, 36, "unknown arrow 'arrow'"},
        {"type x fill=#000000\n", 1, 6, "'shape=' is missing"},
        {"type x fill=#000000 shape=box colour=red\n", 1, 31, "unknown setting 'colour'"},
        {"type x fill=#000000 fill=#111111 shape=box\n", 1, 21, "'fill' given twice"},
        {"node x fill=#000000\n", 1, 1, "expected type, relation or alias"},
        {"type x label=\"open fill=#000000 shape=box\n", 1, 14, "unterminated"},
        {"type x fill=#000000 shape=box\ntype X fill=#000000 shape=box\n", 2, 6, "defined twice"},
        {"  type x fill #000000\n", 1, 10, "expected name=value"},
        {"\n# nothing\n", 2, 1, "no type and no relation"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_theme *t = sg_theme_new();
        sg_diag *d = sg_diag_new();
        int rc = sg_theme_load(t, cases[i].text, strlen(cases[i].text), "bad.theme", d);
        if (rc != SG_EINVAL || sg_diag_count(d) != 1)
            sg_diag_print(d, stderr);
        assert_int_equal(rc, SG_EINVAL);
        assert_int_equal(sg_diag_count(d), 1);
        const sg_message *m = sg_diag_get(d, 0);
        if (m->line != cases[i].line || m->column != cases[i].column ||
            !strstr(m->text, cases[i].says))
            fprintf(stderr, "case %zu: %ld:%ld %s\n", i, m->line, m->column, m->text);
        assert_string_equal(m->file, "bad.theme");
        assert_int_equal(m->line, cases[i].line);
        assert_int_equal(m->column, cases[i].column);
        assert_non_null(strstr(m->text, cases[i].says));
        sg_theme_free(t);
        sg_diag_free(d);
    }
    /* through sg_render: the error and SG_EINVAL */
    sg_diag *d = sg_diag_new();
    assert_int_equal(sg_theme_file_check("/nonexistent/x.theme", d), SG_EIO);
    sg_diag_free(d);
}

/* ---------------------------------------------------------------------------------------- */
/* Caption, size, font, SVG                                                                 */

static void caption_and_size(void **state) {
    (void)state;
    sg_graph *g = dot_graph(star);
    sg_render_options o = {.caption = "Source: fact sheet <2023> & notes", .width = 16 / 2.54};
    char *gv = render(g, &o, "gv", NULL);
    assert_true(contains(gv, "size=\"6.3,10000!\""));
    assert_true(contains(gv, "subgraph cluster_figure"));
    sg_render_free(gv);
    char *svg = render(g, &o, "svg", NULL);
    assert_true(contains(svg, ">Source: fact sheet &lt;2023&gt; &amp; notes</text>"));
    assert_true(contains(svg, "<desc>Source: fact sheet &lt;2023&gt; &amp; notes. An undirected "
                              "graph of 6 stakeholders and 4 links"));
    /* 6.3 in = 453.6 pt wide (less a little: Graphviz rounds the scale) */
    const char *w = strstr(svg, "<svg width=\"");
    assert_non_null(w);
    double pt = strtod(w + 12, NULL);
    assert_true(pt > 448 && pt <= 454);
    sg_render_free(svg);
    sg_graph_free(g);
}

/* The SVG's own title and description come first in <svg>; each node has a tooltip with its
 * label, type and measures, escaped (the SVG stays well-formed: checked by xmllint in the CLI
 * tests). */
static void svg_title_desc_tooltips(void **state) {
    (void)state;
    sg_graph *g = dot_graph("digraph { label=\"Customs & borders\";"
                            " a [label=\"A <&> \\\"q\\\" \\\\N &copy;\", type=donor]; a -> b; }");
    sg_render_options o = {.size_by = "pagerank"};
    sg_diag *d = NULL;
    char *svg = render(g, &o, "svg", &d);
    /* the warnings of the measure sized by are the figure's (sg_render hands them over): a -> b
     * is acyclic, which PageRank's warning says; no policy warning */
    assert_int_equal(sg_diag_count(d), 1);
    assert_non_null(strstr(sg_diag_get(d, 0)->text, "figure: the graph is acyclic"));
    sg_diag_free(d);
    const char *svg_open = strstr(svg, "<svg ");
    const char *title = strstr(svg, "\n<title>Customs &amp; borders</title>\n<desc>");
    assert_non_null(title);
    assert_true(title > svg_open && title < strstr(svg, "<g id=\"graph0\""));
    assert_true(contains(svg, "area the pagerank"));
    /* a -> b: degree 1 each, betweenness 0; PageRank with b dangling (its rank spread over both
     * nodes): a = 0.15/2 + 0.85 b/2, b = 0.15/2 + 0.85 (a + b/2), a + b = 1, so
     * a = 0.075 + 0.425 b and b = 1 - a give a = 0.5 / 1.425 = 0.350877 */
    /* the DOT reader reads the label's "\\N" as Graphviz draws it: one backslash, then N */
    assert_true(contains(svg, "xlink:title=\"A &lt;&amp;&gt; &quot;q&quot; "
                              "\xE2\xA7\xB5N &amp;copy;&#10;type: Donor&#10;pagerank: "
                              "0.350877&#10;degree: 1&#10;betweenness: 0\""));
    assert_true(contains(svg, "&#10;degree: 1&#10;betweenness: 0\""));
    assert_false(contains(svg, "&copy;"));
    /* the <desc> counts in the singular for one: a -> b is 2 stakeholders and 1 link (was
     * "1 links"), a lone node 1 stakeholder and 0 links */
    assert_true(contains(svg, "A directed graph of 2 stakeholders and 1 link; shape"));
    sg_render_free(svg);
    sg_graph_free(g);
    g = dot_graph("graph { a }");
    svg = render(g, NULL, "svg", NULL);
    assert_true(contains(svg, "<desc>An undirected graph of 1 stakeholder and 0 links; shape"));
    sg_render_free(svg);
    sg_graph_free(g);
}

/* Characters the font lacks: a warning naming the font and the code points. */
static void font_coverage(void **state) {
    (void)state;
    sg_graph *g = dot_graph("digraph { a [label=\"Gümrük Ιω Жж عربى עברית\"];"
                            " b [label=\"\xE3\x81\x82\"]; }");
    sg_diag *d = NULL;
    char *gv = render(g, NULL, "gv", &d);
    /* DejaVu Sans has Turkish, Greek, Cyrillic, Arabic and Hebrew, not Japanese */
    assert_int_equal(sg_diag_count(d), 1);
    assert_true(has_message(d, SG_WARNING, "1 character(s) of the labels are not in the font "
                                           "\"DejaVu Sans\" (U+3042)"));
    assert_true(contains(gv, "fontname=\"DejaVu Sans\""));
    sg_diag_free(d);
    sg_render_free(gv);
    sg_render_options o = {.font = "No Such Font Family"};
    gv = render(g, &o, "gv", &d);
    assert_true(has_message(d, SG_WARNING, "the font \"No Such Font Family\" is not installed"));
    assert_true(contains(gv, "fontname=\"No Such Font Family\""));
    sg_diag_free(d);
    sg_render_free(gv);
    /* a generic family is never "not installed" (it named fontconfig's substitute, "DejaVu
     * LGC Serif", as a missing font) */
    sg_render_options generic = {.font = "serif"};
    gv = render(g, &generic, "gv", &d);
    for (size_t i = 0; i < sg_diag_count(d); i++)
        assert_null(strstr(sg_diag_get(d, i)->text, "is not installed"));
    sg_diag_free(d);
    sg_render_free(gv);
    /* a name DOT could not carry back */
    sg_render_options bad = {.font = "Sans\\"};
    d = sg_diag_new();
    char *data = NULL;
    size_t n;
    assert_int_equal(sg_render(g, &bad, "svg", &data, &n, d), SG_EINVAL);
    assert_null(data);
    assert_true(has_message(d, SG_ERROR, "the font name has a quote, backslash"));
    sg_diag_free(d);
    sg_graph_free(g);
}

/* ---------------------------------------------------------------------------------------- */
/* The legend's encoding gaps (issue 6)                                                     */

/* Amounts in the legend grouped by three with a comma, in every locale, rounded to two
 * significant digits as the size scale's values (legend_samples()): 12,345.67 is 12,000 (it
 * was 12,346); a quarter is 3,086.4175 (3,100); a sixteenth, 771.6, is below the smallest
 * amount, 1,000, so the third sample is 1,000. USAID's largest commitment, 79,704,000, gives
 * 80,000,000, 20,000,000 and 5,000,000 (it gave 19,926,000 and 4,981,500). */
static void legend_amounts_grouped(void **state) {
    (void)state;
    sg_graph *g = dot_graph("digraph { a -> b [weight=1200000]; a -> c [weight=85000]; }");
    char *gv = render(g, NULL, "gv", NULL);
    assert_true(contains(gv, "label=\"1,200,000\\r\""));
    assert_true(contains(gv, "label=\"300,000\\r\""));
    assert_true(contains(gv, "label=\"85,000\\r\"")); /* 75,000 is below 85,000 */
    assert_false(contains(gv, "1200000\\r"));
    sg_render_free(gv);
    sg_graph_free(g);
    g = dot_graph("digraph { a -> b [weight=12345.67]; a -> c [weight=1000]; }");
    gv = render(g, NULL, "gv", NULL);
    assert_true(contains(gv, "label=\"12,000\\r\""));
    assert_true(contains(gv, "label=\"3,100\\r\""));
    assert_true(contains(gv, "label=\"1,000\\r\""));
    const char *locales[] = {"de_DE.utf8", "tr_TR.utf8"};
    for (size_t i = 0; i < 2; i++) {
        if (!setlocale(LC_ALL, locales[i]))
            continue; /* not installed here: the C locale's bytes are checked above */
        char *other = render(g, NULL, "gv", NULL);
        setlocale(LC_ALL, "C");
        assert_string_equal(other, gv);
        sg_render_free(other);
    }
    sg_render_free(gv);
    sg_graph_free(g);
    g = dot_graph("digraph { a -> b [weight=79704000]; a -> c [weight=1000]; }");
    gv = render(g, NULL, "gv", NULL);
    assert_true(contains(gv, "label=\"80,000,000\\r\""));
    assert_true(contains(gv, "label=\"20,000,000\\r\""));
    assert_true(contains(gv, "label=\"5,000,000\\r\""));
    sg_render_free(gv);
    sg_graph_free(g);
}

/* Edges without an amount are drawn thinnest (0.5 pt): the legend says so in a "no amount" row
 * of that width, and the relations' samples are drawn at it too (their own widths, funding 2.5
 * and implementation 1.2, are not what the figure shows when width is the amount). */
static void legend_no_amount(void **state) {
    (void)state;
    sg_graph *g = dot_graph("digraph { a -> b [weight=100, relation=funding];"
                            " a -> c [weight=4, relation=funding];"
                            " a -> f [relation=funding]; b -> c [relation=implementation]; }");
    sg_diag *d = NULL;
    char *gv = render(g, NULL, "gv", &d);
    sg_diag_free(d);
    /* samples 100, 25 and 6.2 (6.25 to two digits, above the smallest, 4), then the "no
     * amount" row */
    assert_true(contains(gv, "label=\"6.2\\r\""));
    char *row = statement(gv, "\tlegend_width_text_3 -> legend_width_3\t[");
    assert_float_equal(attr_number(row, "penwidth"), 0.5, 1e-9);
    free(row);
    assert_true(contains(gv, "label=\"no amount\\r\""));
    const char *rels[] = {"\tlegend_relation_0 -> legend_relation_end_0\t[",
                          "\tlegend_relation_1 -> legend_relation_end_1\t["};
    for (size_t i = 0; i < 2; i++) {
        char *s = statement(gv, rels[i]);
        assert_float_equal(attr_number(s, "penwidth"), 0.5, 1e-9);
        free(s);
    }
    char *bc = statement(gv, "\tb -> c\t[");
    assert_float_equal(attr_number(bc, "penwidth"), 0.5, 1e-9);
    free(bc);
    sg_render_free(gv);
    char *svg = render(g, NULL, "svg", &d);
    sg_diag_free(d);
    assert_true(contains(svg, "width the amount (the thinnest lines have none)."));
    sg_render_free(svg);
    /* without width by amount: the relations' own widths, no such row */
    sg_render_options o = {.edge_width = SG_EDGE_WIDTH_NONE};
    gv = render(g, &o, "gv", NULL);
    char *s = statement(gv, rels[0]);
    assert_float_equal(attr_number(s, "penwidth"), 2.5, 1e-9);
    free(s);
    assert_false(contains(gv, "no amount"));
    sg_render_free(gv);
    sg_graph_free(g);
    /* every edge with an amount: no row (samples 7, 1.75 and 1 only) */
    g = dot_graph("digraph { a -> b [weight=7]; a -> c [weight=1]; }");
    gv = render(g, NULL, "gv", NULL);
    assert_false(contains(gv, "no amount"));
    assert_true(contains(gv, "legend_width_2"));
    assert_false(contains(gv, "legend_width_3"));
    sg_render_free(gv);
    sg_graph_free(g);
    /* an amount in another unit is drawn thin too */
    g = dot_graph("digraph { a -> b [amount=10, unit=EUR]; a -> c [amount=100, unit=EUR];"
                  " a -> d [amount=5, unit=TRY]; }");
    gv = render(g, NULL, "gv", &d);
    sg_diag_free(d);
    assert_true(contains(gv, "label=\"other unit or none\\r\""));
    sg_render_free(gv);
    sg_graph_free(g);
}

/* The size legend's samples have the nodes' shape when they all share one (untyped nodes are
 * boxes, donors hexagons, an international organisation a rounded box); else circles, and the
 * heading says the area counts whatever the shape. */
static void size_legend_shape(void **state) {
    (void)state;
    static const struct {
        const char *graph, *shape, *style, *heading;
    } cases[] = {
        {"digraph { a -> b; a -> c; }", "shape=box", NULL, "Size (area): degree\\l"},
        {"digraph { a [type=donor]; b [type=donor]; a -> b; }", "shape=hexagon", NULL,
         "Size (area): degree\\l"},
        {"digraph { a [type=IO]; b [type=international_organisation]; a -> b; }", "shape=circle",
         NULL, "Size (area, any shape): degree\\l"},
        {"digraph { a [type=international_organization]; b [type=international_organisation];"
         " a -> b; }", "shape=box",
         "style=\"filled,rounded\"", "Size (area): degree\\l"},
        {"digraph { a [type=donor]; b; a -> b; }", "shape=circle", NULL,
         "Size (area, any shape): degree\\l"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_graph *g = dot_graph(cases[i].graph);
        sg_render_options o = {.size_by = "degree"};
        char *gv = render(g, &o, "gv", NULL);
        char *s0 = statement(gv, "\tlegend_size_0\t[");
        if (!contains(s0, cases[i].shape))
            fail_msg("case %zu: %s has no %s", i, s0, cases[i].shape);
        assert_true(!cases[i].style || contains(s0, cases[i].style));
        char head[96];
        snprintf(head, sizeof head, "label=\"%s\"", cases[i].heading);
        assert_true(contains(gv, head));
        free(s0);
        sg_render_free(gv);
        sg_graph_free(g);
    }
}

/* --color-by an attribute no node has: a warning naming it and the attributes present (in byte
 * order), and the figure still drawn. */
static void colour_by_missing_attribute(void **state) {
    (void)state;
    sg_graph *g = dot_graph("digraph { a [type=donor, label=A]; b [region=north]; a -> b; }");
    sg_render_options o = {.color_by = "sector"};
    sg_diag *d = NULL;
    char *gv = render(g, &o, "gv", &d);
    assert_int_equal(sg_diag_count(d), 1);
    assert_true(has_message(d, SG_WARNING,
                            "--color-by: no node has the attribute \"sector\" (node attributes "
                            "present: label, region, type); every node is drawn as \"No value\""));
    assert_true(contains(gv, "label=\"No value\""));
    sg_diag_free(d);
    sg_render_free(gv);
    sg_graph_free(g);
}

/* A node's own tooltip (DOT tooltip=, a CSV or GraphML column) comes first in its SVG tooltip,
 * escaped: markup in it stays text. */
static void input_tooltip_kept(void **state) {
    (void)state;
    sg_graph *g = dot_graph("digraph { a [label=A, type=donor,"
                            " tooltip=\"<script>alert(1)</script> & <b>more</b>\"]; a -> b; }");
    char *svg = render(g, NULL, "svg", NULL);
    assert_true(contains(svg, "xlink:title=\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
                              "&lt;b&gt;more&lt;/b&gt;&#10;A&#10;type: Donor&#10;degree: 1&#10;"
                              "betweenness: 0\""));
    assert_false(contains(svg, "<script"));
    assert_false(contains(svg, "<b>"));
    /* b has none: its tooltip starts with its label */
    assert_true(contains(svg, "xlink:title=\"b&#10;type: No type&#10;"));
    sg_render_free(svg);
    sg_graph_free(g);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(size_by_degree_is_area),
        cmocka_unit_test(size_by_label_beside_is_black),
        cmocka_unit_test(size_legend_two_digits),
        cmocka_unit_test(size_by_missing_values),
        cmocka_unit_test(size_by_unknown_measure),
        cmocka_unit_test(edge_width_sqrt),
        cmocka_unit_test(edge_width_samples_from_smallest),
        cmocka_unit_test(edge_width_log_and_unit),
        cmocka_unit_test(colour_by_attribute),
        cmocka_unit_test(colour_beyond_okabe_ito),
        cmocka_unit_test(colour_by_community),
        cmocka_unit_test(grayscale_fills),
        cmocka_unit_test(default_theme_file_is_builtin),
        cmocka_unit_test(own_theme),
        cmocka_unit_test(unknown_styles_same_in_every_figure),
        cmocka_unit_test(bad_theme_positions),
        cmocka_unit_test(caption_and_size),
        cmocka_unit_test(svg_title_desc_tooltips),
        cmocka_unit_test(font_coverage),
        cmocka_unit_test(legend_amounts_grouped),
        cmocka_unit_test(legend_no_amount),
        cmocka_unit_test(size_legend_shape),
        cmocka_unit_test(colour_by_missing_attribute),
        cmocka_unit_test(input_tooltip_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
