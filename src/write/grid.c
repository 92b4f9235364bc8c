/*
 * The stakeholder matrix: Mendelow's power/interest grid. Interest runs left to right, power
 * (influence) bottom to top, each scaled from the smallest to the largest value present; the
 * four quadrants (manage closely, keep satisfied, keep informed, monitor) are drawn beneath
 * the nodes as Graphviz's `_background` (xdot), so that they are no obstacle to the labels.
 * Nodes are pinned (`pos="x,y!"`) and laid out by neato, which only places their labels
 * (`xlabel`, with Graphviz's label placement keeping them off each other); colour and shape by
 * type come from the figure's theme (style/theme.h), with a legend of the types present.
 *
 * The Graphviz work runs through sg_figure_contained(), as sg_render()'s does: a crash is an
 * error.
 */
#include "stakegraph.h"
#include "style/theme.h"
#include "write/render.h"
#include "util/strbuf.h"

#include <cgraph.h>
#include <gvc.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONT_NAME "Noto Sans,DejaVu Sans,sans-serif"
#define PLOT_W 576.0 /* the plot area, in points: 8 x 6 inches */
#define PLOT_H 432.0
#define INSET 36.0 /* the smallest and largest values sit this far inside the frame */

/* ---------------------------------------------------------------------------------------- */
/* Graphviz messages                                                                        */

static sg_buf gv_errors;

static int collect(char *text) {
    sg_buf_puts(&gv_errors, text);
    return 0;
}

/* SG_ELIB with Graphviz's message when it reported an error or `failed` is set. */
static int check(const char *step, int failed, sg_diag *diag) {
    if (!failed && agerrors() < AGERR)
        return SG_OK;
    const char *t = gv_errors.data ? gv_errors.data : "";
    size_t n = strlen(t);
    while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == ' '))
        n--;
    if (n)
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "Graphviz (%s): %.*s", step, (int)n, t);
    else
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "Graphviz failed in %s without a message", step);
    return SG_ELIB;
}

/* ---------------------------------------------------------------------------------------- */
/* Building                                                                                 */

typedef struct {
    Agraph_t *g;
    int status;
    unsigned texts; /* text nodes made */
} builder;

static void set(builder *b, void *obj, const char *name, const char *value) {
    if (b->status == SG_OK && agsafeset(obj, (char *)name, (char *)value, "") != 0)
        b->status = SG_ELIB;
}

/* A label as Graphviz reads it: backslashes doubled (no escapes), control characters as
 * spaces. */
static void label_text(const char *s, sg_buf *out) {
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\')
            sg_buf_puts(out, "\\\\");
        else
            sg_buf_putc(out, c < 0x20 || c == 0x7f ? ' ' : (char)c);
    }
}

static void set_label(builder *b, void *obj, const char *name, const char *text) {
    sg_buf l = {0};
    label_text(text, &l);
    if (l.failed)
        b->status = SG_ENOMEM;
    set(b, obj, name, l.data ? l.data : "");
    sg_buf_free(&l);
}

/* A position in points, pinned (`neato -n` reads it in points, as the nop engine does). */
static void set_pos(builder *b, Agnode_t *n, double x, double y) {
    char text[64];
    snprintf(text, sizeof text, "%.2f,%.2f!", x, y);
    set(b, n, "pos", text);
}

/* A line of text as a pinned plaintext node, left-aligned at px (j = -1), centred (0) or
 * right-aligned (1); widths estimated at 0.55 em a byte. (Text in `_background` would keep
 * clear of the label placement, but Graphviz 2.43 crashes rendering xdot text there.) */
static void text_node(builder *b, double px, double py, int j, double size, const char *colour,
                      const char *text) {
    char name[48], number[32];
    snprintf(name, sizeof name, "text_%u", b->texts++);
    Agnode_t *n = b->status == SG_OK ? agnode(b->g, name, 1) : NULL;
    if (!n) {
        if (b->status == SG_OK)
            b->status = SG_ELIB;
        return;
    }
    double w = size * 0.55 * (double)strlen(text) + 4;
    set(b, n, "shape", "plaintext");
    set(b, n, "style", "");
    set(b, n, "fixedsize", "false");
    set(b, n, "width", "0");
    set(b, n, "height", "0");
    set(b, n, "margin", "0");
    set(b, n, "fontcolor", colour);
    snprintf(number, sizeof number, "%.1f", size);
    set(b, n, "fontsize", number);
    set_label(b, n, "label", text);
    set_pos(b, n, px + (j < 0 ? w / 2 : j > 0 ? -w / 2 : 0), py);
}

static void xdot_box(sg_buf *x, double x0, double y0, double x1, double y1, const char *fill) {
    sg_buf_printf(x, "C %zu -%s c 7 -#FFFFFF P 4 %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f ",
                  strlen(fill), fill, x0, y0, x1, y0, x1, y1, x0, y1);
}

typedef struct {
    const char *name, *detail;
    double x, y; /* the label's top-left corner */
    const char *fill;
} quadrant;

/* The background: quadrants, their names, the axes and their names. */
static void background(builder *b, const char *x_attr, const char *y_attr, double xmin,
                       double xmax, double ymin, double ymax, sg_buf *x) {
    const double w = PLOT_W, h = PLOT_H;
    const quadrant q[] = {
        {"Keep satisfied", "high power, low interest", 8, h - 18, "#EFEFEF"},
        {"Manage closely", "high power, high interest", w / 2 + 8, h - 18, "#E2E2E2"},
        {"Monitor", "low power, low interest", 8, h / 2 - 18, "#F8F8F8"},
        {"Keep informed", "low power, high interest", w / 2 + 8, h / 2 - 18, "#EFEFEF"},
    };
    xdot_box(x, 0, h / 2, w / 2, h, q[0].fill);
    xdot_box(x, w / 2, h / 2, w, h, q[1].fill);
    xdot_box(x, 0, 0, w / 2, h / 2, q[2].fill);
    xdot_box(x, w / 2, 0, w, h / 2, q[3].fill);
    for (size_t k = 0; k < 4; k++) {
        text_node(b, q[k].x, q[k].y, -1, 14, "#444444", q[k].name);
        text_node(b, q[k].x, q[k].y - 14, -1, 9, "#666666", q[k].detail);
    }
    /* Axes along the frame's bottom and left side. */
    sg_buf_printf(x, "c 7 -#333333 L 2 0 0 %.1f 0 L 2 0 0 0 %.1f ", w, h);
    char lo[64], hi[64], text[256];
    sg_format_number(xmin, 6, lo, sizeof lo);
    sg_format_number(xmax, 6, hi, sizeof hi);
    text_node(b, INSET, -16, 0, 10, "#333333", lo);
    text_node(b, w - INSET, -16, 0, 10, "#333333", hi);
    snprintf(text, sizeof text, "%.100s (interest) \xe2\x86\x92", x_attr);
    if (strcmp(x_attr, "interest") == 0)
        snprintf(text, sizeof text, "interest \xe2\x86\x92");
    text_node(b, w / 2, -32, 0, 12, "#000000", text);
    sg_format_number(ymin, 6, lo, sizeof lo);
    sg_format_number(ymax, 6, hi, sizeof hi);
    text_node(b, -6, INSET - 4, 1, 10, "#333333", lo);
    text_node(b, -6, h - INSET - 4, 1, 10, "#333333", hi);
    snprintf(text, sizeof text, "%.100s (power) \xe2\x86\x91", y_attr);
    if (strcmp(y_attr, "power") == 0)
        snprintf(text, sizeof text, "power \xe2\x86\x91");
    text_node(b, 0, h + 10, -1, 12, "#000000", text);
}

/* A node's value of attribute `name` as a finite number; 0 when missing or not a number. */
static int value_of(const sg_graph *g, size_t i, const char *name, double *v) {
    const char *s = sg_graph_attr(g, SG_ON_NODE, i, name);
    return s && sg_parse_number(s, v) == 0 && isfinite(*v);
}

static double scale(double v, double lo, double hi, double length) {
    if (hi <= lo)
        return length / 2;
    return INSET + (v - lo) / (hi - lo) * (length - 2 * INSET);
}

static int build(const sg_graph *m, const sg_grid_options *o, builder *b, sg_theme *t,
                 sg_diag *diag) {
    const char *xa = o && o->x_attr ? o->x_attr : "interest";
    const char *ya = o && o->y_attr ? o->y_attr : "influence";
    size_t n = sg_graph_node_count(m), kept = 0;
    double *xs = malloc((n ? n : 1) * sizeof *xs), *ys = malloc((n ? n : 1) * sizeof *ys);
    unsigned char *ok = calloc(n ? n : 1, 1);
    sg_buf missing = {0}, bg = {0}, text = {0};
    size_t n_missing = 0;
    double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
    if (!xs || !ys || !ok) {
        b->status = SG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        if (value_of(m, i, xa, &xs[i]) && value_of(m, i, ya, &ys[i])) {
            ok[i] = 1;
            kept++;
            xmin = fmin(xmin, xs[i]);
            xmax = fmax(xmax, xs[i]);
            ymin = fmin(ymin, ys[i]);
            ymax = fmax(ymax, ys[i]);
        } else {
            sg_buf_printf(&missing, "%s%s", n_missing ? ", " : "", sg_graph_node_id(m, i));
            n_missing++;
        }
    }
    if (n_missing)
        sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                    "grid: %zu node(s) without numeric %s and %s left out: %s", n_missing, xa,
                    ya, missing.data ? missing.data : "");
    if (kept == 0) {
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                    "grid: no node has numeric %s and %s attributes (name others with the x and "
                    "y attribute options)",
                    xa, ya);
        b->status = SG_EINVAL;
        goto done;
    }
    const char *title = o && o->title ? o->title : sg_graph_attr(m, SG_ON_GRAPH, 0, "label");
    b->g = agopen("stakeholder_grid", Agundirected, NULL);
    if (!b->g) {
        b->status = SG_ELIB;
        goto done;
    }
    Agraph_t *g = b->g;
    set(b, g, "layout", "nop");
    set(b, g, "notranslate", "true");
    set(b, g, "overlap", "true");
    set(b, g, "forcelabels", "true");
    set(b, g, "outputorder", "nodesfirst");
    set(b, g, "fontname", FONT_NAME);
    set(b, g, "pad", "0.2");
    set(b, g, "margin", "0"); /* no 0.5 in page margin in PDF and PS (as in render.c) */
    if (title && *title) {
        set_label(b, g, "label", title);
        set(b, g, "labelloc", "t");
        set(b, g, "fontsize", "16");
    }
    if (b->status == SG_OK &&
        (!agattr(g, AGNODE, "fontname", FONT_NAME) || !agattr(g, AGNODE, "fontsize", "10") ||
         !agattr(g, AGNODE, "style", "filled") || !agattr(g, AGNODE, "color", "#333333") ||
         !agattr(g, AGNODE, "fixedsize", "true") || !agattr(g, AGNODE, "label", "")))
        b->status = SG_ELIB;
    background(b, xa, ya, xmin, xmax, ymin, ymax, &bg);
    if (bg.failed)
        b->status = SG_ENOMEM;
    set(b, g, "_background", bg.data ? bg.data : "");
    /* Corners that hold the axes' names inside the drawing's bounding box. */
    const double corners[2][2] = {{-70, -46}, {PLOT_W + 10, PLOT_H + 26}};
    for (int k = 0; k < 2 && b->status == SG_OK; k++) {
        char name[32];
        snprintf(name, sizeof name, "corner_%d", k);
        Agnode_t *c = agnode(g, name, 1);
        set(b, c, "style", "invis");
        set(b, c, "width", "0.01");
        set(b, c, "height", "0.01");
        set_pos(b, c, corners[k][0], corners[k][1]);
    }
    /* Types registered in canonical order (by id) so the styles do not depend on row order. */
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order) {
        b->status = SG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = 1; i < n; i++) /* insertion sort: the grid holds tens of stakeholders */
        for (size_t j = i; j > 0 && strcmp(sg_graph_node_id(m, order[j - 1]),
                                           sg_graph_node_id(m, order[j])) > 0;
             j--) {
            size_t tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    /* All types first: an unknown type's fill depends on the other types present. */
    for (size_t j = 0; j < n && b->status == SG_OK; j++) {
        size_t k;
        if (ok[order[j]] && sg_theme_add_type(t, sg_graph_node_type(m, order[j]), &k) != SG_OK)
            b->status = SG_ENOMEM;
    }
    for (size_t j = 0; j < n && b->status == SG_OK; j++) {
        size_t i = order[j], k;
        if (!ok[i])
            continue;
        if (sg_theme_add_type(t, sg_graph_node_type(m, i), &k) != SG_OK) {
            b->status = SG_ENOMEM;
            break;
        }
        const sg_node_style *st = sg_theme_type_style(t, k);
        double px = scale(xs[i], xmin, xmax, PLOT_W), py = scale(ys[i], ymin, ymax, PLOT_H);
        /* Stakeholders at the same place are spread sideways, 18 points apart. */
        size_t same = 0, before = 0;
        for (size_t q = 0; q < n; q++)
            if (ok[q] && xs[q] == xs[i] && ys[q] == ys[i]) {
                same++;
                before += q < i;
            }
        px += ((double)before - (double)(same - 1) / 2) * 18;
        char name[32];
        snprintf(name, sizeof name, "s%zu", i);
        Agnode_t *v = agnode(g, name, 1);
        if (!v) {
            b->status = SG_ELIB;
            break;
        }
        set(b, v, "shape", st->shape);
        set(b, v, "fillcolor", st->fill);
        set(b, v, "width", "0.22");
        set(b, v, "height", "0.18");
        set_label(b, v, "xlabel", sg_graph_node_label(m, i));
        text.len = 0;
        char xv[64], yv[64];
        sg_format_number(xs[i], 6, xv, sizeof xv);
        sg_format_number(ys[i], 6, yv, sizeof yv);
        sg_buf_printf(&text, "%s: %s %s, %s %s", sg_graph_node_label(m, i), xa, xv, ya, yv);
        if (text.failed)
            b->status = SG_ENOMEM;
        set_label(b, v, "tooltip", text.data ? text.data : "");
        set_pos(b, v, px, py);
    }
    free(order);
    /* The legend of the types present, to the right of the grid, in the theme's order. */
    size_t nt = sg_theme_type_count(t);
    double lx = PLOT_W + 100;
    Agnode_t *head = b->status == SG_OK ? agnode(g, "legend_title", 1) : NULL;
    if (head) {
        set(b, head, "shape", "plaintext");
        set(b, head, "style", "");
        set(b, head, "label", "Type");
        set(b, head, "fontsize", "12");
        set(b, head, "width", "1.6");
        set(b, head, "height", "0.3");
        set_pos(b, head, lx, PLOT_H - 10);
    }
    for (size_t k = 0; k < nt && b->status == SG_OK; k++) {
        size_t rank = sg_theme_type_rank(t, k), row = 0;
        for (size_t q = 0; q < nt; q++)
            row += sg_theme_type_rank(t, q) < rank;
        const sg_node_style *st = sg_theme_type_style(t, k);
        char name[48];
        snprintf(name, sizeof name, "legend_type_%zu", k);
        Agnode_t *v = agnode(g, name, 1);
        if (!v) {
            b->status = SG_ELIB;
            break;
        }
        set(b, v, "shape", st->shape);
        set(b, v, "style", st->style);
        set(b, v, "fillcolor", st->fill);
        set(b, v, "fontcolor", st->text);
        set(b, v, "width", "1.9");
        set(b, v, "height", "0.3");
        set_label(b, v, "label", sg_theme_type_display(t, k));
        set_pos(b, v, lx, PLOT_H - 40 - 30 * (double)row);
    }
done:
    free(xs);
    free(ys);
    free(ok);
    sg_buf_free(&missing);
    sg_buf_free(&bg);
    sg_buf_free(&text);
    return b->status;
}

/* ---------------------------------------------------------------------------------------- */
/* Rendering                                                                                */

/* The Graphviz context, kept for the process (see render.c's shared_context: Graphviz 2.43's
 * pango plugin keeps a pointer into the context's font table). */
static GVC_t *context(void) {
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    return gvc;
}

static int grid_here(const sg_graph *m, const sg_grid_options *o, const char *renderer,
                     sg_buf *out, sg_diag *diag) {
    char *saved = sg_strdup(setlocale(LC_ALL, NULL));
    setlocale(LC_ALL, "C");
    locale_t thread = uselocale(LC_GLOBAL_LOCALE);
    agerrlevel_t old_level = agseterr(AGWARN);
    agusererrf old_errf = agseterrf(collect);
    agreseterrors();
    sg_buf_free(&gv_errors);

    GVC_t *gvc = context();
    sg_theme *t = sg_theme_new();
    builder b = {0};
    int rc = gvc && t ? build(m, o, &b, t, diag) : SG_ENOMEM;
    if (rc == SG_ELIB || rc == SG_OK)
        rc = check("building the grid", rc != SG_OK, diag);
    if (rc == SG_OK && !renderer) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        int failed = !f || agwrite(b.g, f) != 0;
        if (f && fclose(f) != 0)
            failed = 1;
        rc = check("writing DOT", failed, diag);
        if (rc == SG_OK)
            sg_buf_append(out, text, len);
        free(text);
    } else if (rc == SG_OK) {
        char dpi[32];
        snprintf(dpi, sizeof dpi, "%d", o && o->dpi > 0 ? o->dpi : 150);
        if (strcmp(renderer, "png:cairo") == 0)
            agsafeset(b.g, "dpi", dpi, "");
        rc = check("the neato layout", gvLayout(gvc, b.g, "nop") != 0, diag);
        char *data = NULL;
        unsigned int len = 0;
        if (rc == SG_OK)
            rc = check("rendering", gvRenderData(gvc, b.g, (char *)renderer, &data, &len) != 0,
                       diag);
        if (rc == SG_OK)
            sg_buf_append(out, data ? data : "", len);
        if (data)
            gvFreeRenderData(data);
        gvFreeLayout(gvc, b.g);
    }
    if (out->failed && rc == SG_OK)
        rc = SG_ENOMEM;
    if (b.g)
        agclose(b.g);
    sg_theme_free(t);
    sg_buf_free(&gv_errors);
    agreseterrors();
    agseterrf(old_errf);
    agseterr(old_level);
    if (thread != (locale_t)0)
        uselocale(thread);
    if (saved)
        setlocale(LC_ALL, saved);
    free(saved);
    return rc;
}

typedef struct {
    const sg_graph *g;
    const sg_grid_options *opts;
    const char *renderer;
} grid_job;

/* The drawing of grid_here(), as a figure callback of sg_figure_contained(). */
static int draw_grid(void *arg, sg_buf *figure, sg_diag *diag) {
    const grid_job *job = arg;
    return grid_here(job->g, job->opts, job->renderer, figure, diag);
}

int sg_grid_render(const sg_graph *g, const sg_grid_options *opts, const char *format,
                   char **data, size_t *size, sg_diag *diag) {
    const char *name = sg_render_format_find(format);
    const char *renderer = sg_render_renderer(name);
    if (!g || !data || !size || !name) {
        if (!name)
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "unknown figure format \"%s\"",
                        format ? format : "(null)");
        return SG_EINVAL;
    }
    *data = NULL;
    *size = 0;
    grid_job job = {g, opts, renderer};
    return sg_figure_contained(draw_grid, &job, "grid", "", "", data, size, diag);
}
