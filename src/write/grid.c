/*
 * The stakeholder matrix: Mendelow's power/interest grid (A. L. Mendelow, "Environmental
 * scanning: the impact of the stakeholder concept", ICIS 1981), as stakeholder analysis uses it.
 * Interest runs left to right, power (influence) bottom to top, each over its rating scale (the
 * one given, else the narrowest common scale that holds its values: 1 to 5, 1 to 10, 0 to 10,
 * 0 to 100; else from the smallest to the largest value present); the four quadrants are drawn beneath the nodes as Graphviz's
 * `_background` (xdot). Their captions (keep satisfied, manage closely at the top; monitor, keep
 * informed at the bottom) stand in bands along the top and bottom of the plot where no node is
 * placed, so no marker can sit on them.
 *
 * Every node is pinned (`pos="x,y!"`) and drawn by neato without a layout of its own (`nop`):
 * the markers where their values put them (stakeholders with the same values in a small block
 * around the point; markers that would still overlap moved apart, each kept in its quadrant),
 * each label beside its marker, at the nearest place clear of every marker, caption and label
 * placed before it and of their leader lines (a thin leader line of its own when that place is
 * not next to the marker, or is nearer another marker). Text and marker sizes come from
 * Graphviz itself: a first `nop` layout measures them, then the labels are placed and the
 * figure laid out again. Colour and shape by type come from the figure's theme
 * (style/theme.h: the built-in table or a theme file, in grayscale the types' grays), as in
 * draw, with a legend of the types present; a width and height scale the grid as draw's do,
 * and so does draw's print rule (print_layout: 16 cm wide by default, texts at 7 points or
 * more there).
 *
 * The Graphviz work runs through sg_figure_contained(), as sg_render()'s does: a crash is an
 * error.
 */
#include "stakegraph.h"
#include "style/theme.h"
#include "util/strbuf.h"
#include "write/pdf.h"
#include "write/png.h"
#include "write/render.h"

#include <cgraph.h>
#include <gvc.h>

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLOT_W 576.0 /* the plot area, in points: 8 x 6 inches */
#define PLOT_H 432.0
#define INSET 36.0 /* the smallest and largest interest sit this far inside the frame */
/* Sizes at text scale 1 (builder.k times them; see print_layout): */
#define BAND 40.0    /* the captions' bands along the top and bottom of the plot: no marker */
#define MARK_W 15.84 /* a marker: 0.22 x 0.18 in */
#define MARK_H 12.96
#define SPREAD_X 22.0 /* markers with the same values: a block of this pitch */
#define SPREAD_Y 20.0
#define KEY_W 136.8 /* a type's key in the legend: 1.9 x 0.3 in, 30 pt apart */
#define KEY_H 21.6
#define KEY_PITCH 30.0
#define KEY_GAP 10.0    /* between the keys of a row, with the legend below */
#define SMALLEST_PT 9.0 /* the smallest text: the quadrants' details */
#define TITLE_PT 16.0
/* The texts at most this many times larger: a quadrant's caption (14 pt times k) still fits
 * in its half of the plot. */
#define TEXT_SCALE_MAX 2.0
#define WRAP_COLUMNS 22       /* labels are broken at spaces into lines of about this length */
#define LABEL_MAX_COLUMNS 160 /* as in draw: a longer label is shortened, ending in "…" */
#define LEADER_FROM 6.0       /* a label farther than this from its marker gets a leader line */
#define RINGS 40              /* label places tried: 16 directions x RINGS distances, 5 pt apart */
#define AMBIGUOUS_UPTO 30.0   /* a label goes this far to stand nearer its marker than others */
#define FALLBACK 48           /* no clear place: the least overlapping of this many nearest ones */

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

/* A line of text: a pinned plaintext node anchored at (px, py), left-aligned there (j = -1),
 * centred (0) or right-aligned (1) once its width is measured. */
typedef struct {
    Agnode_t *n;
    double px, py;
    int j;
} text_item;

/* A stakeholder drawn: its marker's centre and size as Graphviz measures it (a second
 * periphery makes it larger), its marker and label nodes. */
typedef struct {
    Agnode_t *mark, *label;
    double x, y, w, h;
    int qx, qy; /* the side of each axis's middle its values are on: -1 low, 1 high (a value
                 * at the middle too, as quadrant_of counts it) */
} stake;

typedef struct {
    Agraph_t *g;
    int status;
    text_item *texts;
    size_t n_texts, cap_texts;
    stake *stakes;
    size_t n_stakes;
    sg_buf bg;       /* the _background xdot */
    sg_buf desc;     /* the SVG's <desc> */
    size_t overlaps; /* labels that found no free place */
    double k;        /* the texts' scale (print_layout): their sizes, and the sizes and gaps
                      * that hold them, times k */
    int below;       /* the legend below the plot (else beside it, on the right) */
    double band;     /* BAND times k */
    double left;     /* the room left of the plot for the power axis' ticks, at k = 1 */
} builder;

static void set(builder *b, void *obj, const char *name, const char *value) {
    if (b->status == SG_OK && agsafeset(obj, (char *)name, (char *)value, "") != 0)
        b->status = SG_ELIB;
}

/* A label as Graphviz reads it: backslashes doubled (no escapes), control characters as
 * spaces; with `wrap`, broken at spaces into lines of about WRAP_COLUMNS characters (a word
 * longer than twice that broken every WRAP_COLUMNS characters), joined by Graphviz's centred
 * line break. */
static void label_text(const char *s, int wrap, sg_buf *out) {
    size_t column = 0;
    while (*s) {
        size_t word = strcspn(s, " "), columns = 0;
        for (size_t k = 0; k < word; k++)
            columns += ((unsigned char)s[k] & 0xC0) != 0x80;
        int cut = wrap && columns > 2 * WRAP_COLUMNS;
        if (column > 0) {
            if (wrap && (cut || column + 1 + columns > WRAP_COLUMNS)) {
                sg_buf_puts(out, "\\n");
                column = 0;
            } else {
                sg_buf_putc(out, ' ');
                column++;
            }
        }
        size_t in_word = 0; /* characters of the word written */
        for (size_t k = 0; k < word; k++) {
            unsigned char c = (unsigned char)s[k];
            if ((c & 0xC0) != 0x80) {
                if (cut && in_word > 0 && in_word % WRAP_COLUMNS == 0) {
                    sg_buf_puts(out, "\\n");
                    column = 0;
                }
                in_word++;
                column++;
            }
            if (c == '\\')
                sg_buf_puts(out, "\\\\");
            else
                sg_buf_putc(out, c < 0x20 || c == 0x7f ? ' ' : (char)c);
        }
        s += word;
        while (*s == ' ')
            s++;
    }
}

/* `text` cut to LABEL_MAX_COLUMNS characters, the last of them "…", in `out`; 1 when cut. */
static int shortened(const char *text, sg_buf *out) {
    size_t chars = 0, end = 0;
    for (size_t k = 0; text[k]; k++)
        if (((unsigned char)text[k] & 0xC0) != 0x80 && chars++ == LABEL_MAX_COLUMNS - 1)
            end = k;
    if (chars <= LABEL_MAX_COLUMNS) {
        sg_buf_puts(out, text);
        return 0;
    }
    sg_buf_append(out, text, end);
    sg_buf_puts(out, "\xE2\x80\xA6");
    return 1;
}

static void set_label(builder *b, void *obj, const char *name, const char *text, int wrap) {
    sg_buf l = {0};
    label_text(text, wrap, &l);
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

/* A node named `name` (a fresh one), or NULL with the status set. */
static Agnode_t *new_node(builder *b, const char *name) {
    Agnode_t *n = b->status == SG_OK ? agnode(b->g, (char *)name, 1) : NULL;
    if (!n && b->status == SG_OK)
        b->status = SG_ELIB;
    return n;
}

/* A plaintext node of `text` at (px, py) (see text_item), its size set by the text alone. */
static Agnode_t *plain_node(builder *b, const char *name, double px, double py, double size,
                            const char *colour, const char *text, int wrap) {
    Agnode_t *n = new_node(b, name);
    if (!n)
        return NULL;
    char number[32];
    set(b, n, "shape", "plaintext");
    set(b, n, "style", "");
    set(b, n, "fixedsize", "false");
    set(b, n, "width", "0");
    set(b, n, "height", "0");
    set(b, n, "margin", "0");
    set(b, n, "fontcolor", colour);
    snprintf(number, sizeof number, "%.1f", size);
    set(b, n, "fontsize", number);
    set_label(b, n, "label", text, wrap);
    set_pos(b, n, px, py);
    return n;
}

/* A line of text (see text_item). (Text in `_background` would need no node, but Graphviz
 * 2.43 crashes rendering xdot text there.) */
static void text_node(builder *b, double px, double py, int j, double size, const char *colour,
                      const char *text) {
    char name[48];
    snprintf(name, sizeof name, "text_%zu", b->n_texts);
    if (b->status == SG_OK && b->n_texts == b->cap_texts) {
        size_t cap = b->cap_texts ? 2 * b->cap_texts : 16;
        text_item *t = realloc(b->texts, cap * sizeof *t);
        if (!t) {
            b->status = SG_ENOMEM;
            return;
        }
        b->texts = t;
        b->cap_texts = cap;
    }
    Agnode_t *n = plain_node(b, name, px, py, size, colour, text, 0);
    if (n)
        b->texts[b->n_texts++] = (text_item){n, px, py, j};
}

static void xdot_box(sg_buf *x, double x0, double y0, double x1, double y1, const char *fill) {
    sg_buf_printf(x, "C %zu -%s c 7 -#FFFFFF P 4 %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f ",
                  strlen(fill), fill, x0, y0, x1, y0, x1, y1, x0, y1);
}

typedef struct {
    const char *name, *detail;
    double x, y; /* the name's left end and middle */
    const char *fill;
} quadrant;

/* The quadrants (beneath everything), their captions in the bands, the axes and their names. */
static void background(builder *b, const char *x_attr, const char *y_attr, double xmin, double xmax,
                       double ymin, double ymax) {
    const double w = PLOT_W, h = PLOT_H, k = b->k, y_inset = b->band + 12;
    sg_buf *x = &b->bg;
    const quadrant q[] = {
        {"Keep satisfied", "high power, low interest", 8 * k, h - 14 * k, "#EFEFEF"},
        {"Manage closely", "high power, high interest", w / 2 + 8 * k, h - 14 * k, "#E2E2E2"},
        {"Monitor", "low power, low interest", 8 * k, 26 * k, "#F8F8F8"},
        {"Keep informed", "low power, high interest", w / 2 + 8 * k, 26 * k, "#EFEFEF"},
    };
    xdot_box(x, 0, h / 2, w / 2, h, q[0].fill);
    xdot_box(x, w / 2, h / 2, w, h, q[1].fill);
    xdot_box(x, 0, 0, w / 2, h / 2, q[2].fill);
    xdot_box(x, w / 2, 0, w, h / 2, q[3].fill);
    for (size_t c = 0; c < 4; c++) {
        text_node(b, q[c].x, q[c].y, -1, 14 * k, "#444444", q[c].name);
        text_node(b, q[c].x + k, q[c].y - 15 * k, -1, SMALLEST_PT * k, "#666666", q[c].detail);
    }
    /* Axes along the frame's bottom and left side. */
    sg_buf_printf(x, "c 7 -#333333 L 2 0 0 %.1f 0 L 2 0 0 0 %.1f ", w, h);
    char lo[64], hi[64], text[256];
    sg_format_number(xmin, 6, lo, sizeof lo);
    sg_format_number(xmax, 6, hi, sizeof hi);
    text_node(b, INSET, -16 * k, 0, 10 * k, "#333333", lo);
    text_node(b, w - INSET, -16 * k, 0, 10 * k, "#333333", hi);
    char mid[64];
    if (xmax > xmin) { /* where the quadrants split */
        sg_format_number((xmin + xmax) / 2, 6, mid, sizeof mid);
        text_node(b, w / 2, -16 * k, 0, 10 * k, "#333333", mid);
    }
    snprintf(text, sizeof text, "%.100s (interest) \xe2\x86\x92", x_attr);
    if (strcmp(x_attr, "interest") == 0)
        snprintf(text, sizeof text, "interest \xe2\x86\x92");
    text_node(b, w / 2, -34 * k, 0, 12 * k, "#000000", text);
    sg_format_number(ymin, 6, lo, sizeof lo);
    sg_format_number(ymax, 6, hi, sizeof hi);
    text_node(b, -6 * k, y_inset, 1, 10 * k, "#333333", lo);
    text_node(b, -6 * k, h - y_inset, 1, 10 * k, "#333333", hi);
    if (ymax > ymin) {
        sg_format_number((ymin + ymax) / 2, 6, mid, sizeof mid);
        text_node(b, -6 * k, h / 2, 1, 10 * k, "#333333", mid);
    }
    snprintf(text, sizeof text, "%.100s (power) \xe2\x86\x91", y_attr);
    if (strcmp(y_attr, "power") == 0)
        snprintf(text, sizeof text, "power \xe2\x86\x91");
    text_node(b, 0, h + 12 * k, -1, 12 * k, "#000000", text);
}

/* A node's value of attribute `name` as a finite number; 0 when missing or not a number. */
static int value_of(const sg_graph *g, size_t i, const char *name, double *v) {
    const char *s = sg_graph_attr(g, SG_ON_NODE, i, name);
    return s && sg_parse_number(s, v) == 0 && isfinite(*v);
}

/* v on [lo, hi] to [inset, length - inset]; the middle when every value is the same. */
static double scale(double v, double lo, double hi, double length, double inset) {
    if (hi <= lo)
        return length / 2;
    return inset + (v - lo) / (hi - lo) * (length - 2 * inset);
}

/* The common rating scales, narrowest first: a grid's axis runs over the narrowest that holds
 * every value (nominal_scale()). */
static const double common_scales[][2] = {{1, 5}, {1, 10}, {0, 10}, {0, 100}};

/* The range an axis shows for values from `lo` to `hi`: the narrowest of common_scales that
 * holds them, so that scores of 2 to 4 on a 1 to 5 scale stand where the scale puts them and
 * the quadrants split at its middle (3); else the values' own range. */
static void nominal_scale(double lo, double hi, double *min, double *max) {
    *min = lo;
    *max = hi;
    for (size_t k = 0; k < sizeof common_scales / sizeof common_scales[0]; k++) {
        if (common_scales[k][0] <= lo && hi <= common_scales[k][1]) {
            *min = common_scales[k][0];
            *max = common_scales[k][1];
            return;
        }
    }
}

/* The error when no node has both values: the options that name others, and the attributes
 * the nodes have (and which of them hold numbers). */
static void no_values(const sg_graph *m, const char *xa, const char *ya, sg_diag *diag) {
    const char **names = NULL;
    unsigned char *numeric = NULL;
    size_t n = 0, cap = 0;
    int failed = 0;
    for (size_t i = 0; i < sg_graph_node_count(m) && !failed; i++) {
        for (size_t k = 0; k < sg_graph_attr_count(m, SG_ON_NODE, i); k++) {
            const char *name, *value;
            double v;
            if (!sg_graph_attr_at(m, SG_ON_NODE, i, k, &name, &value))
                continue;
            size_t q = 0;
            while (q < n && strcmp(names[q], name) != 0)
                q++;
            if (q == n) {
                if (n == cap) {
                    cap = cap ? 2 * cap : 16;
                    const char **nn = realloc(names, cap * sizeof *nn);
                    if (nn)
                        names = nn;
                    unsigned char *nu = realloc(numeric, cap);
                    if (nu)
                        numeric = nu;
                    if (!nn || !nu) {
                        failed = 1;
                        break;
                    }
                }
                names[n] = name;
                numeric[n++] = 0;
            }
            if (value && sg_parse_number(value, &v) == 0 && isfinite(v))
                numeric[q] = 1;
        }
    }
    sg_buf all = {0}, nums = {0};
    size_t n_nums = 0;
    for (size_t q = 0; q < n; q++) {
        sg_buf_printf(&all, "%s%s", q ? ", " : "", names[q]);
        if (numeric[q])
            sg_buf_printf(&nums, "%s%s", n_nums++ ? ", " : "", names[q]);
    }
    sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                "grid: no node has numeric %s and %s attributes; name the attributes of "
                "interest and power with --x-attr and --y-attr (the nodes have: %s; numeric: %s)",
                xa, ya, n && all.data ? all.data : "none",
                n_nums && nums.data ? nums.data : "none");
    sg_buf_free(&all);
    sg_buf_free(&nums);
    free(names);
    free(numeric);
}

/* Canonical order: node indices by id (the grid holds tens of stakeholders: insertion sort). */
static size_t *canonical_order(const sg_graph *m) {
    size_t n = sg_graph_node_count(m);
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        return NULL;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i;
             j > 0 && strcmp(sg_graph_node_id(m, order[j - 1]), sg_graph_node_id(m, order[j])) > 0;
             j--) {
            size_t tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    return order;
}

/* Which quadrant a stakeholder is in: 0 keep satisfied, 1 manage closely, 2 monitor, 3 keep
 * informed (a value at the middle of its axis counts as high). */
static int quadrant_of(double x, double y, double xmin, double xmax, double ymin, double ymax) {
    int high_x = x >= (xmin + xmax) / 2, high_y = y >= (ymin + ymax) / 2;
    return high_y ? (high_x ? 1 : 0) : (high_x ? 3 : 2);
}

/* The style of type k: the theme's, in grayscale with draw's gray of the type (in `gray`) and
 * the text colour that reads on it. */
static sg_node_style type_style(const sg_theme *t, size_t k, const sg_grid_options *o,
                                char gray[8]) {
    sg_node_style st = *sg_theme_type_style(t, k);
    if (o && o->grayscale) {
        sg_theme_type_gray(t, k, gray);
        st.fill = gray;
        st.text = sg_theme_text_colour(gray);
    }
    return st;
}

/* The SVG's description: caption, what the axes show, the stakeholders of each quadrant. */
static void describe(builder *b, const sg_graph *m, const sg_grid_options *o, const char *xa,
                     const char *ya, const size_t *order, const unsigned char *ok, const double *xs,
                     const double *ys, double r[4], size_t n_missing) {
    static const char *const names[4] = {"keep satisfied", "manage closely", "monitor",
                                         "keep informed"};
    sg_buf *d = &b->desc;
    char a[64], z[64], c[64], e[64];
    sg_format_number(r[0], 6, a, sizeof a);
    sg_format_number(r[1], 6, z, sizeof z);
    sg_format_number(r[2], 6, c, sizeof c);
    sg_format_number(r[3], 6, e, sizeof e);
    if (o && o->caption && *o->caption)
        sg_buf_printf(d, "%s. ", o->caption);
    sg_buf_printf(d,
                  "A power/interest grid (Mendelow) of %zu stakeholder%s: interest (%s, %s to "
                  "%s) left to right, power (%s, %s to %s) bottom to top; shape and %s show the "
                  "type.",
                  b->n_stakes, b->n_stakes == 1 ? "" : "s", xa, a, z, ya, c, e,
                  o && o->grayscale ? "gray" : "colour");
    static const int shown[4] = {1, 0, 3, 2}; /* manage closely first, monitor last */
    for (int s = 0; s < 4; s++) {
        int quad = shown[s];
        size_t count = 0;
        sg_buf_printf(d, " %c%s:", names[quad][0] - 32, names[quad] + 1);
        for (size_t j = 0; j < sg_graph_node_count(m); j++) {
            size_t i = order[j];
            if (!ok[i] || quadrant_of(xs[i], ys[i], r[0], r[1], r[2], r[3]) != quad)
                continue;
            sg_buf_printf(d, "%s %s", count++ ? "," : "", sg_graph_node_label(m, i));
        }
        sg_buf_puts(d, count ? "." : " none.");
    }
    if (n_missing)
        sg_buf_printf(d, " %zu node%s without both values left out.", n_missing,
                      n_missing == 1 ? "" : "s");
}

/* The legend below the plot: its columns of keys at text scale k for `nt` types (as many as
 * the plot's width holds, at least one). */
static size_t key_columns(double k, size_t nt) {
    size_t cols = (size_t)floor((PLOT_W + KEY_GAP * k) / ((KEY_W + KEY_GAP) * k));
    cols = cols < 1 ? 1 : cols;
    return cols < nt ? cols : (nt ? nt : 1);
}

/* The y of the top of the legend below the plot, at text scale k: under the interest axis'
 * name, or under the caption. */
static double below_top(double k, int has_caption) {
    return (has_caption ? -62.0 : -42.0) * k - 8 * k;
}

/* The figure's box (x0, y0, x1, y1, in points, without Graphviz's pad) at text scale k with
 * the legend of `nt` types beside (below 0) or below the plot, a caption and a title band of
 * `title_h` points (as Graphviz measured them, to a few points: a key's outline reaches past
 * its width). */
static void figure_box(const builder *b, double k, int below, size_t nt, int has_caption,
                       double title_h, double fb[4]) {
    fb[0] = -b->left * k;
    fb[1] = (has_caption ? -66.0 : -46.0) * k;
    fb[2] = PLOT_W + 10;
    fb[3] = PLOT_H + 26 * k + title_h;
    if (nt == 0)
        return;
    if (below) {
        size_t rows = (nt + key_columns(k, nt) - 1) / key_columns(k, nt);
        fb[1] = below_top(k, has_caption) - 20 * k - KEY_PITCH * k * (double)rows;
    } else {
        fb[2] = PLOT_W + (100 + KEY_W / 2 + 6) * k;
        fb[1] = fmin(fb[1], PLOT_H - (40 + KEY_H / 2) * k - KEY_PITCH * k * (double)(nt - 1));
    }
}

/* The title's size in a figure printed at scale s: TITLE_PT, or larger to print at
 * SG_TITLE_MIN_PT (in half points, as draw's). */
static double title_pt(double s) {
    return fmax(TITLE_PT, ceil(SG_TITLE_MIN_PT / s * 2.0) / 2.0);
}

/* The print rule (render.h, as draw's): the figure prints at --width and --height, else
 * shrunk to 16 cm wide and 24 cm tall; there its texts print at SG_TEXT_MIN_PT or more. The
 * texts (SMALLEST_PT the smallest), the marks and the gaps that hold them are made k times
 * larger, the plot kept, until they do (a figure of larger texts prints smaller: the k that
 * meets it, found by iteration, at most TEXT_SCALE_MAX), for the legend beside the plot and
 * below it; the arrangement whose plot prints larger is kept (below, in a figure 16 cm wide:
 * the Türkiye grid's plot prints 13 cm wide, its texts at 7.1 points; beside, 9.6 cm and the
 * texts 1.7 times larger). Sets b->k, b->below, b->band; returns the print scale. */
static double print_layout(builder *b, const sg_grid_options *o, size_t nt, int has_caption,
                           int has_title) {
    double width = o ? o->width : 0, height = o ? o->height : 0, best = 0;
    for (int below = 0; below < 2; below++) {
        double k = 1, s = 1, fb[4];
        for (int round = 0; round < 50; round++) {
            /* the title's band: its size (title_pt) and Graphviz's gaps, as measured */
            double title_h = has_title ? 1.05 * title_pt(s) + 10 : 0;
            figure_box(b, k, below, nt, has_caption, title_h, fb);
            s = sg_figure_print_scale(width, height, fb[2] - fb[0] + 28.8, fb[3] - fb[1] + 28.8);
            /* 1 % more: Graphviz's size has 3 digits (6.3 in for 16 cm) */
            double need = 1.01 * SG_TEXT_MIN_PT / (SMALLEST_PT * s);
            if (need <= k * (1 + 1e-9) || k >= TEXT_SCALE_MAX)
                break;
            k = fmin(need, TEXT_SCALE_MAX);
        }
        if (s > best * (1 + 1e-9)) {
            best = s;
            b->k = k;
            b->below = below;
        }
    }
    b->band = BAND * b->k;
    return best;
}

static int build(const sg_graph *m, const sg_grid_options *o, builder *b, sg_theme *t,
                 sg_diag *diag) {
    const char *xa = o && o->x_attr ? o->x_attr : "interest";
    const char *ya = o && o->y_attr ? o->y_attr : "influence";
    const char *font = o && o->font && *o->font ? o->font : SG_FIGURE_FONT;
    size_t n = sg_graph_node_count(m), kept = 0;
    double *xs = malloc((n ? n : 1) * sizeof *xs), *ys = malloc((n ? n : 1) * sizeof *ys);
    unsigned char *ok = calloc(n ? n : 1, 1);
    size_t *order = canonical_order(m);
    b->stakes = calloc(n ? n : 1, sizeof *b->stakes);
    sg_buf missing = {0}, text = {0}, short_label = {0};
    size_t n_missing = 0, n_shortened = 0;
    double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
    if (!xs || !ys || !ok || !order || !b->stakes) {
        b->status = SG_ENOMEM;
        goto done;
    }
    if (sg_figure_font_name_check(o ? o->font : NULL, diag) != SG_OK) {
        b->status = SG_EINVAL;
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
    if (kept == 0) {
        no_values(m, xa, ya, diag);
        b->status = SG_EINVAL;
        goto done;
    }
    if (n_missing)
        sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                    "grid: %zu node(s) without numeric %s and %s left out: %s", n_missing, xa, ya,
                    missing.data ? missing.data : "");
    if (o && o->scale_max > o->scale_min) {
        /* the scale given: a value outside it is an error, naming the first (canonical order) */
        for (size_t j = 0; j < n; j++) {
            size_t i = order[j];
            int x_out = xs[i] < o->scale_min || xs[i] > o->scale_max;
            int y_out = ys[i] < o->scale_min || ys[i] > o->scale_max;
            if (!ok[i] || (!x_out && !y_out))
                continue;
            double v = x_out ? xs[i] : ys[i];
            char value[64], lo[64], hi[64];
            sg_format_number(v, 6, value, sizeof value);
            sg_format_number(o->scale_min, 6, lo, sizeof lo);
            sg_format_number(o->scale_max, 6, hi, sizeof hi);
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                        "grid: node %s has %s %s, outside --scale %s:%s", sg_graph_node_id(m, i),
                        x_out ? xa : ya, value, lo, hi);
            b->status = SG_EINVAL;
            goto done;
        }
        xmin = ymin = o->scale_min;
        xmax = ymax = o->scale_max;
    } else {
        nominal_scale(xmin, xmax, &xmin, &xmax);
        nominal_scale(ymin, ymax, &ymin, &ymax);
    }
    const char *title = o && o->title ? o->title : sg_graph_attr(m, SG_ON_GRAPH, 0, "label");
    int has_title = title && *title, has_caption = o && o->caption && *o->caption;
    /* All types first: an unknown type's fill depends on the other types present. */
    for (size_t j = 0; j < n && b->status == SG_OK; j++) {
        size_t k;
        if (ok[order[j]] && sg_theme_add_type(t, sg_graph_node_type(m, order[j]), &k) != SG_OK)
            b->status = SG_ENOMEM;
    }
    if (b->status != SG_OK)
        goto done;
    size_t nt = sg_theme_type_count(t);
    /* Room for the power axis' ticks: 6 pt to the right-aligned numbers, each character of
     * the 10-point text at most 7 pt wide (DejaVu Sans' digits are 6.4), 4 pt of margin (the
     * grid had 70 pt, enough for 8 characters, whatever its ticks). */
    {
        char lo[64], hi[64], mid[64];
        sg_format_number(ymin, 6, lo, sizeof lo);
        sg_format_number(ymax, 6, hi, sizeof hi);
        sg_format_number((ymin + ymax) / 2, 6, mid, sizeof mid);
        size_t chars = strlen(lo);
        chars = strlen(hi) > chars ? strlen(hi) : chars;
        chars = ymax > ymin && strlen(mid) > chars ? strlen(mid) : chars;
        b->left = 6 + 7 * (double)chars + 4;
    }
    double printed = print_layout(b, o, nt, has_caption, has_title);
    const double k = b->k;
    b->g = agopen("stakeholder_grid", Agundirected, NULL);
    if (!b->g) {
        b->status = SG_ELIB;
        goto done;
    }
    Agraph_t *g = b->g;
    set(b, g, "layout", "nop");
    set(b, g, "notranslate", "true");
    set(b, g, "overlap", "true");
    set(b, g, "outputorder", "nodesfirst");
    set(b, g, "fontname", font);
    set(b, g, "pad", "0.2");
    set(b, g, "margin", "0"); /* no 0.5 in page margin in PDF and PS (as in render.c) */
    if (o && (o->width > 0 || o->height > 0)) {
        sg_buf size = {0};
        sg_figure_size(o->width, o->height, &size);
        if (size.failed)
            b->status = SG_ENOMEM;
        set(b, g, "size", size.data ? size.data : "");
        sg_buf_free(&size);
    } else {
        set(b, g, "size", SG_PRINT_SIZE); /* the print rule: shrunk to 16 x 24 cm */
    }
    char number[32];
    if (has_title) {
        set_label(b, g, "label", title, 0);
        set(b, g, "labelloc", "t");
        sg_format_number(title_pt(printed), 3, number, sizeof number);
        set(b, g, "fontsize", number);
    }
    sg_format_number(10 * k, 3, number, sizeof number);
    if (b->status == SG_OK &&
        (!agattr(g, AGNODE, "fontname", (char *)font) || !agattr(g, AGNODE, "fontsize", number) ||
         !agattr(g, AGNODE, "style", "filled") || !agattr(g, AGNODE, "color", "#333333") ||
         !agattr(g, AGNODE, "fixedsize", "true") || !agattr(g, AGNODE, "label", "\\N")))
        b->status = SG_ELIB;
    background(b, xa, ya, xmin, xmax, ymin, ymax);
    if (has_caption)
        text_node(b, PLOT_W / 2, -56 * k, 0, 10 * k, "#333333", o->caption);
    /* Corners that hold the axes' names, the caption and the legend inside the drawing's
     * bounding box. */
    double fb[4];
    figure_box(b, k, b->below, nt, has_caption, 0, fb);
    const double corners[2][2] = {{fb[0], fb[1]}, {PLOT_W + 10, PLOT_H + 26 * k}};
    for (int q = 0; q < 2 && b->status == SG_OK; q++) {
        char name[32];
        snprintf(name, sizeof name, "corner_%d", q);
        Agnode_t *c = new_node(b, name);
        set(b, c, "style", "invis");
        set(b, c, "label", "");
        set(b, c, "width", "0.01");
        set(b, c, "height", "0.01");
        set_pos(b, c, corners[q][0], corners[q][1]);
    }
    /* Markers where their values put them; those with the same values in a block of about
     * as many columns as rows around the point, kept inside the area markers may use (the
     * plot without the captions' bands). Types registered in canonical order (by id) so that
     * the styles do not depend on row order. */
    const double mark_w = MARK_W, mark_h = MARK_H; /* marks, not texts: not times k */
    const double lo_x = mark_w / 2 + 2, hi_x = PLOT_W - mark_w / 2 - 2;
    const double lo_y = b->band + mark_h / 2 + 2, hi_y = PLOT_H - b->band - mark_h / 2 - 2;
    for (size_t j = 0; j < n && b->status == SG_OK; j++) {
        size_t i = order[j], ty;
        if (!ok[i])
            continue;
        if (sg_theme_add_type(t, sg_graph_node_type(m, i), &ty) != SG_OK) {
            b->status = SG_ENOMEM;
            break;
        }
        char gray[8];
        const sg_node_style style = type_style(t, ty, o, gray), *st = &style;
        double px = scale(xs[i], xmin, xmax, PLOT_W, INSET);
        double py = scale(ys[i], ymin, ymax, PLOT_H, b->band + 12);
        size_t same = 0, before = 0;
        for (size_t q = 0; q < n; q++) {
            size_t other = order[q];
            if (ok[other] && xs[other] == xs[i] && ys[other] == ys[i]) {
                same++;
                before += q < j;
            }
        }
        size_t cols = 1;
        while (cols * cols < same)
            cols++;
        size_t rows = (same + cols - 1) / cols;
        double half_w = (double)(cols - 1) / 2 * SPREAD_X,
               half_h = (double)(rows - 1) / 2 * SPREAD_Y;
        double mx = (xmin + xmax) / 2, my = (ymin + ymax) / 2;
        /* A block at an axis's middle starts on its high side (a value at the middle counts
         * as high), clear of the line as separate_markers keeps it. */
        if (xs[i] == mx)
            px = fmax(px, PLOT_W / 2 + half_w + mark_w / 2 + 1);
        if (ys[i] == my)
            py = fmax(py, PLOT_H / 2 + half_h + mark_h / 2 + 1);
        double cx = fmin(fmax(px, lo_x + half_w), hi_x - half_w);
        double cy = fmin(fmax(py, lo_y + half_h), hi_y - half_h);
        px = cx - half_w + (double)(before % cols) * SPREAD_X;
        py = cy + half_h - (double)(before / cols) * SPREAD_Y;
        char name[32];
        snprintf(name, sizeof name, "s%zu", i);
        Agnode_t *v = new_node(b, name);
        if (!v)
            break;
        set(b, v, "shape", st->shape);
        set(b, v, "fillcolor", st->fill);
        sg_format_number(mark_w / 72, 3, number, sizeof number);
        set(b, v, "width", number);
        sg_format_number(mark_h / 72, 3, number, sizeof number);
        set(b, v, "height", number);
        /* Each marker's empty label said on the node: agwrite leaves out a default "", which
         * Graphviz's dot would then read as its own default, the node's name. */
        set(b, v, "label", "");
        text.len = 0;
        if (text.data)
            text.data[0] = '\0';
        char xv[64], yv[64];
        sg_format_number(xs[i], 6, xv, sizeof xv);
        sg_format_number(ys[i], 6, yv, sizeof yv);
        sg_buf_printf(&text, "%s: %s %s, %s %s", sg_graph_node_label(m, i), xa, xv, ya, yv);
        if (text.failed)
            b->status = SG_ENOMEM;
        set_label(b, v, "tooltip", text.data ? text.data : "", 0);
        set_pos(b, v, px, py);
        snprintf(name, sizeof name, "label_s%zu", i);
        short_label.len = 0;
        n_shortened += shortened(sg_graph_node_label(m, i), &short_label);
        if (short_label.failed)
            b->status = SG_ENOMEM;
        Agnode_t *l = plain_node(b, name, px, py, 10 * k, "#000000",
                                 short_label.data ? short_label.data : "", 1);
        set_label(b, l, "tooltip", text.data ? text.data : "", 0);
        /* A value at the middle is on the high side, as quadrant_of counts it. */
        b->stakes[b->n_stakes++] =
            (stake){v, l, px, py, mark_w, mark_h, xs[i] >= mx ? 1 : -1, ys[i] >= my ? 1 : -1};
    }
    /* The legend of the types present, in the theme's order: to the right of the grid, in
     * one column; or below it, centred, in rows of as many keys as the plot's width holds. */
    const size_t cols = b->below ? key_columns(k, nt) : 1;
    const double top = below_top(k, has_caption), pitch = (KEY_W + KEY_GAP) * k;
    const double x_first =
        b->below ? PLOT_W / 2 - ((double)cols * pitch - KEY_GAP * k) / 2 + KEY_W * k / 2
                 : PLOT_W + 100 * k;
    Agnode_t *head = new_node(b, "legend_title");
    if (head) {
        set(b, head, "shape", "plaintext");
        set(b, head, "style", "");
        set(b, head, "label", "Type");
        sg_format_number(12 * k, 3, number, sizeof number);
        set(b, head, "fontsize", number);
        sg_format_number(1.6 * k, 3, number, sizeof number);
        set(b, head, "width", number);
        sg_format_number(0.3 * k, 3, number, sizeof number);
        set(b, head, "height", number);
        if (b->below)
            set_pos(b, head, PLOT_W / 2, top - 8 * k);
        else
            set_pos(b, head, x_first, PLOT_H - 10 * k);
    }
    for (size_t c = 0; c < nt && b->status == SG_OK; c++) {
        size_t rank = sg_theme_type_rank(t, c), row = 0;
        for (size_t q = 0; q < nt; q++)
            row += sg_theme_type_rank(t, q) < rank;
        char gray[8];
        const sg_node_style style = type_style(t, c, o, gray), *st = &style;
        char name[48];
        snprintf(name, sizeof name, "legend_type_%zu", c);
        Agnode_t *v = new_node(b, name);
        if (!v)
            break;
        set(b, v, "shape", st->shape);
        set(b, v, "style", st->style);
        set(b, v, "fillcolor", st->fill);
        set(b, v, "fontcolor", st->text);
        sg_format_number(KEY_W * k / 72, 3, number, sizeof number);
        set(b, v, "width", number);
        sg_format_number(KEY_H * k / 72, 3, number, sizeof number);
        set(b, v, "height", number);
        set_label(b, v, "label", sg_theme_type_display(t, c), 0);
        if (b->below)
            set_pos(b, v, x_first + (double)(row % cols) * pitch,
                    top - 20 * k - KEY_PITCH * k * ((double)(row / cols) + 0.5));
        else
            set_pos(b, v, x_first, PLOT_H - (40 + KEY_PITCH * (double)row) * k);
    }
    if (n_shortened)
        sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                    "grid: %zu label(s) longer than %d characters shortened, ending in "
                    "\"\xE2\x80\xA6\" (the SVG's tooltips keep the whole text)",
                    n_shortened, LABEL_MAX_COLUMNS);
    double range[4] = {xmin, xmax, ymin, ymax};
    describe(b, m, o, xa, ya, order, ok, xs, ys, range, n_missing);
    if (b->desc.failed || b->bg.failed)
        b->status = SG_ENOMEM;
    /* The font check: every text the grid draws from the input or the options. */
    const char **texts = b->status == SG_OK ? malloc((kept + 5) * sizeof *texts) : NULL;
    if (texts) {
        size_t q = 0;
        for (size_t i = 0; i < n; i++)
            if (ok[i])
                texts[q++] = sg_graph_node_label(m, i);
        texts[q++] = title;
        texts[q++] = o ? o->caption : NULL;
        texts[q++] = xa;
        texts[q++] = ya;
        sg_figure_font_check(font, texts, q, diag);
        free(texts);
    }
done:
    free(xs);
    free(ys);
    free(ok);
    free(order);
    sg_buf_free(&missing);
    sg_buf_free(&text);
    sg_buf_free(&short_label);
    return b->status;
}

/* ---------------------------------------------------------------------------------------- */
/* Label placement                                                                          */

typedef struct {
    double x0, y0, x1, y1;
} rect;

static rect rect_at(double cx, double cy, double w, double h, double pad) {
    return (rect){cx - w / 2 - pad, cy - h / 2 - pad, cx + w / 2 + pad, cy + h / 2 + pad};
}

static double overlap_area(rect a, rect b) {
    double w = (a.x1 < b.x1 ? a.x1 : b.x1) - (a.x0 > b.x0 ? a.x0 : b.x0);
    double h = (a.y1 < b.y1 ? a.y1 : b.y1) - (a.y0 > b.y0 ? a.y0 : b.y0);
    return w > 0 && h > 0 ? w * h : 0;
}

/* 1 when `l` overlaps none of the n rectangles of `near`. */
static int clear_of(rect l, const rect *near, size_t n) {
    for (size_t k = 0; k < n; k++)
        if (l.x0 < near[k].x1 && near[k].x0 < l.x1 && l.y0 < near[k].y1 && near[k].y0 < l.y1)
            return 0;
    return 1;
}

/* Rectangles by the distance of their centres from a point: the nearest meet a label first. */
typedef struct {
    double d;
    rect r;
    int text; /* a text (a label, a caption), not a marker */
} near_rect;

static int near_cmp(const void *pa, const void *pb) {
    const near_rect *a = pa, *b = pb;
    return (a->d > b->d) - (a->d < b->d);
}

/* The gap between two boxes (0 when they touch or overlap). */
static double gap(rect a, rect b) {
    double dx = fmax(0, fmax(a.x0 - b.x1, b.x0 - a.x1));
    double dy = fmax(0, fmax(a.y0 - b.y1, b.y0 - a.y1));
    return sqrt(dx * dx + dy * dy);
}

/* 1 when the label of stake i centred at (cx, cy) is nearer (centre to centre) another
 * stake's marker than its own. */
static int ambiguous(const builder *b, size_t i, double cx, double cy) {
    const stake *own = &b->stakes[i];
    double d = hypot(own->x - cx, own->y - cy);
    for (size_t k = 0; k < b->n_stakes; k++)
        if (k != i && hypot(b->stakes[k].x - cx, b->stakes[k].y - cy) < d - 0.5)
            return 1;
    return 0;
}

/* A leader line, from the marker's centre to the nearest point of its label; `on` 0: none. */
typedef struct {
    int on;
    double x0, y0, x1, y1;
} segment;

/* The leader line of a stake's label at `l`: when the label is farther than LEADER_FROM from
 * the marker, or nearer another marker (`unsure`). */
static segment leader_of(const stake *st, rect l, int unsure) {
    segment g = {0, st->x, st->y, fmin(fmax(st->x, l.x0), l.x1), fmin(fmax(st->y, l.y0), l.y1)};
    g.on = unsure || gap(rect_at(st->x, st->y, st->w, st->h, 0), l) > LEADER_FROM;
    return g;
}

/* 1 when the segment crosses the inside of `r` (Liang and Barsky's clipping). */
static int segment_hits(segment g, rect r) {
    double t0 = 0, t1 = 1, dx = g.x1 - g.x0, dy = g.y1 - g.y0;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {g.x0 - r.x0, r.x1 - g.x0, g.y0 - r.y0, r.y1 - g.y0};
    for (int k = 0; k < 4; k++) {
        if (p[k] == 0) {
            if (q[k] <= 0)
                return 0;
            continue;
        }
        double t = q[k] / p[k];
        if (p[k] < 0)
            t0 = fmax(t0, t);
        else
            t1 = fmin(t1, t);
        if (t0 >= t1)
            return 0;
    }
    return 1;
}

typedef struct {
    double dist;
    size_t order; /* generation order: ties keep it */
    double cx, cy;
} candidate;

static int candidate_cmp(const void *pa, const void *pb) {
    const candidate *a = pa, *b = pb;
    if (a->dist != b->dist)
        return a->dist < b->dist ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

/* How many leader lines the label at `l` with its leader `own` crosses: those of the first
 * `s` labels of `seq` crossing `l`, and `own` crossing a text of `nr` (it may pass beneath a
 * marker); with `any`, 1 at the first. */
static size_t crossings(const size_t *seq, size_t s, const segment *leader, const near_rect *nr,
                        size_t n_near, segment own, rect l, int any) {
    size_t n = 0;
    for (size_t k = 0; k < s && !(any && n); k++)
        n += leader[seq[k]].on && segment_hits(leader[seq[k]], l);
    for (size_t k = 0; k < n_near && own.on && !(any && n); k++)
        n += nr[k].text && segment_hits(own, nr[k].r);
    return n;
}

/* Places the labels of stakes in the order `seq`, each at the nearest candidate clear of the
 * obstacles, of the labels placed before it and of their leader lines, its own leader line
 * clear of every text; when none is clear, the one of least overlap, then of fewest crossing
 * leader lines, its index marked in `failed` when it overlaps. Returns the number of labels
 * that overlap. */
static size_t place_in_order(const builder *b, const size_t *seq, const rect *obstacles,
                             size_t n_obstacles, const double *lw, const double *lh,
                             candidate *cand, rect *placed, near_rect *nr, rect *near,
                             segment *leader, double *lx, double *ly, unsigned char *failed,
                             unsigned char *overlapping, unsigned char *amb) {
    static const double dir[16][2] = {
        {1, 0},   {-1, 0},   {0, 1},    {0, -1},    {1, 1},   {1, -1},   {-1, 1},   {-1, -1},
        {1, 0.5}, {1, -0.5}, {-1, 0.5}, {-1, -0.5}, {0.5, 1}, {-0.5, 1}, {0.5, -1}, {-0.5, -1}};
    const double space = 3;
    size_t n_failed = 0;
    for (size_t s = 0; s < b->n_stakes; s++) {
        size_t i = seq[s];
        const stake *st = &b->stakes[i];
        const double hw = st->w / 2, hh = st->h / 2;
        rect mark = rect_at(st->x, st->y, st->w, st->h, 0);
        size_t nc = 0;
        for (size_t r = 0; r < RINGS; r++)
            for (size_t d = 0; d < 16; d++) {
                double cx = st->x + dir[d][0] * (hw + space + lw[i] / 2 + 5.0 * (double)r);
                double cy = st->y + dir[d][1] * (hh + space + lh[i] / 2 + 5.0 * (double)r);
                rect l = rect_at(cx, cy, lw[i], lh[i], 0);
                if (l.x0 < 1 || l.x1 > PLOT_W - 1 || l.y0 < 1 || l.y1 > PLOT_H - 1)
                    continue;
                /* to 0.01 pt, so that rounding does not order equal distances */
                cand[nc] = (candidate){round(gap(mark, l) * 100) / 100, nc, cx, cy};
                nc++;
            }
        qsort(cand, nc, sizeof *cand, candidate_cmp);
        /* What a candidate can meet: the obstacles and placed labels near the marker. */
        const double reach_x = 5.0 * RINGS + hw + space + lw[i] + 2;
        const double reach_y = 5.0 * RINGS + hh + space + lh[i] + 2;
        const rect region = {st->x - reach_x, st->y - reach_y, st->x + reach_x, st->y + reach_y};
        size_t n_near = 0;
        for (size_t k = 0; k < n_obstacles + s; k++) {
            rect r = k < n_obstacles ? obstacles[k] : placed[seq[k - n_obstacles]];
            if (overlap_area(region, r) > 0)
                nr[n_near++] =
                    (near_rect){hypot((r.x0 + r.x1) / 2 - st->x, (r.y0 + r.y1) / 2 - st->y), r,
                                k < b->n_texts || k >= n_obstacles};
        }
        qsort(nr, n_near, sizeof *nr, near_cmp);
        for (size_t k = 0; k < n_near; k++)
            near[k] = nr[k].r;
        /* The nearest clear place where the label is nearer its own marker than any other;
         * else, past AMBIGUOUS_UPTO points away, the nearest clear place (a leader line then
         * says whose label it is); else, of the FALLBACK nearest places, the least
         * overlapping one. */
        double best_cost = INFINITY;
        size_t best = 0, first_clear = SIZE_MAX;
        int found = 0;
        for (size_t c = 0; c < nc; c++) {
            if (first_clear != SIZE_MAX && cand[c].dist > AMBIGUOUS_UPTO)
                break;
            rect l = rect_at(cand[c].cx, cand[c].cy, lw[i], lh[i], 0);
            if (!clear_of(l, near, n_near))
                continue;
            int unsure = ambiguous(b, i, cand[c].cx, cand[c].cy);
            if (crossings(seq, s, leader, nr, n_near, leader_of(st, l, unsure), l, 1))
                continue;
            if (first_clear == SIZE_MAX)
                first_clear = c;
            if (!unsure) {
                best = c;
                found = 1;
                break;
            }
        }
        if (!found && first_clear != SIZE_MAX) {
            best = first_clear;
            found = 1;
        }
        if (found)
            best_cost = 0;
        for (size_t c = 0; !found && c < nc && c < FALLBACK; c++) {
            rect l = rect_at(cand[c].cx, cand[c].cy, lw[i], lh[i], 0);
            segment own = leader_of(st, l, ambiguous(b, i, cand[c].cx, cand[c].cy));
            double cost = 0.01 * (double)crossings(seq, s, leader, nr, n_near, own, l, 0);
            for (size_t k = 0; k < n_near && cost < best_cost; k++)
                cost += overlap_area(l, near[k]);
            if (cost < best_cost) {
                best_cost = cost;
                best = c;
            }
        }
        amb[i] = nc > 0 && ambiguous(b, i, cand[best].cx, cand[best].cy);
        leader[i] = leader_of(st, rect_at(cand[best].cx, cand[best].cy, lw[i], lh[i], 0), amb[i]);
        if (nc == 0) { /* a label wider than the plot: beside its marker, whatever it covers */
            cand[0] = (candidate){0, 0, st->x + hw + space + lw[i] / 2, st->y};
            best_cost = 1;
        }
        lx[i] = cand[best].cx;
        ly[i] = cand[best].cy;
        placed[i] = rect_at(lx[i], ly[i], lw[i], lh[i], 1.5);
        failed[i] = !found;
        n_failed += failed[i];
        overlapping[i] = best_cost >= 1; /* a crossing of leader lines alone is no overlap */
    }
    return n_failed;
}

/* Moves markers that overlap (near-equal values, or a block of equal ones beside them) apart,
 * each pair by half the smaller overlap each way, as long as one overlaps (at most 50 rounds);
 * each marker stays in the plot's marker area and on its side of each axis's middle (1 pt
 * clear of the line), so that it stays in its quadrant. */
static void separate_markers(builder *b) {
    const double lo_y = b->band + 2, hi_y = PLOT_H - b->band - 2;
    for (int round = 0; round < 50; round++) {
        int moved = 0;
        for (size_t i = 0; i < b->n_stakes; i++)
            for (size_t j = i + 1; j < b->n_stakes; j++) {
                stake *p = &b->stakes[i], *q = &b->stakes[j];
                double ox = (p->w + q->w) / 2 + 1 - fabs(p->x - q->x);
                double oy = (p->h + q->h) / 2 + 1 - fabs(p->y - q->y);
                if (ox <= 0 || oy <= 0)
                    continue;
                if (ox < oy) {
                    double side = p->x < q->x ? -1 : p->x > q->x ? 1 : -1;
                    p->x += side * ox / 2;
                    q->x -= side * ox / 2;
                } else {
                    double side = p->y > q->y ? 1 : p->y < q->y ? -1 : 1;
                    p->y += side * oy / 2;
                    q->y -= side * oy / 2;
                }
                moved = 1;
            }
        for (size_t i = 0; i < b->n_stakes; i++) {
            stake *st = &b->stakes[i];
            double x0 = st->w / 2 + 2, x1 = PLOT_W - st->w / 2 - 2;
            double y0 = lo_y + st->h / 2, y1 = hi_y - st->h / 2;
            if (st->qx < 0)
                x1 = fmin(x1, PLOT_W / 2 - st->w / 2 - 1);
            if (st->qx > 0)
                x0 = fmax(x0, PLOT_W / 2 + st->w / 2 + 1);
            if (st->qy < 0)
                y1 = fmin(y1, PLOT_H / 2 - st->h / 2 - 1);
            if (st->qy > 0)
                y0 = fmax(y0, PLOT_H / 2 + st->h / 2 + 1);
            st->x = fmin(fmax(st->x, x0), x1);
            st->y = fmin(fmax(st->y, y0), y1);
        }
        if (!moved)
            break;
    }
}

/* Measures every text (a `nop` layout), aligns the lines of text at their anchors, places the
 * labels, and draws the leader lines into the background. */
static int place_labels(builder *b, GVC_t *gvc, sg_diag *diag) {
    int rc = check("measuring the text", gvLayout(gvc, b->g, "nop") != 0, diag);
    size_t n = b->n_stakes, no = b->n_texts + n;
    double *lw = malloc((n ? n : 1) * sizeof *lw), *lh = malloc((n ? n : 1) * sizeof *lh);
    double *lx = malloc((n ? n : 1) * sizeof *lx), *ly = malloc((n ? n : 1) * sizeof *ly);
    double *bx = malloc((n ? n : 1) * sizeof *bx), *by = malloc((n ? n : 1) * sizeof *by);
    rect *obstacles = malloc((no ? no : 1) * sizeof *obstacles);
    rect *placed = malloc((n ? n : 1) * sizeof *placed);
    rect *near = malloc((no + n + 1) * sizeof *near);
    near_rect *nr = malloc((no + n + 1) * sizeof *nr);
    segment *leader = calloc(n ? n : 1, sizeof *leader);
    unsigned char *ov = calloc(n ? n : 1, 1), *bov = calloc(n ? n : 1, 1);
    candidate *cand = malloc(RINGS * 16 * sizeof *cand);
    size_t *seq = malloc((n ? n : 1) * sizeof *seq), *next = malloc((n ? n : 1) * sizeof *next);
    unsigned char *failed = calloc(n ? n : 1, 1), *amb = calloc(n ? n : 1, 1);
    unsigned char *bamb = calloc(n ? n : 1, 1);
    if (rc == SG_OK && !(lw && lh && lx && ly && bx && by && obstacles && placed && cand && seq &&
                         next && failed && amb && bamb && near && nr && leader && ov && bov))
        rc = SG_ENOMEM;
    if (rc == SG_OK) {
        for (size_t k = 0; k < b->n_texts; k++) {
            text_item *t = &b->texts[k];
            double w = ND_width(t->n) * 72, h = ND_height(t->n) * 72;
            double cx = t->px + (t->j < 0 ? w / 2 : t->j > 0 ? -w / 2 : 0);
            set_pos(b, t->n, cx, t->py);
            obstacles[k] = rect_at(cx, t->py, w, h, 1);
        }
        for (size_t i = 0; i < n; i++) {
            stake *st = &b->stakes[i];
            lw[i] = ND_width(st->label) * 72;
            lh[i] = ND_height(st->label) * 72;
            st->w = ND_width(st->mark) * 72;
            st->h = ND_height(st->mark) * 72;
            seq[i] = i;
        }
        separate_markers(b);
        for (size_t i = 0; i < n; i++) {
            stake *st = &b->stakes[i];
            set_pos(b, st->mark, st->x, st->y);
            obstacles[b->n_texts + i] = rect_at(st->x, st->y, st->w, st->h, 2);
        }
    }
    gvFreeLayout(gvc, b->g);
    /* Canonical order first; then, while it helps, the labels that found no place first
     * (that settles a few conflicts; a grid with more is too crowded for any order). */
    size_t best_failed = SIZE_MAX, best_overlaps = SIZE_MAX;
    for (int pass = 0;
         pass < 3 && rc == SG_OK && best_failed > 0 && (pass == 0 || best_failed <= 32); pass++) {
        size_t f = place_in_order(b, seq, obstacles, no, lw, lh, cand, placed, nr, near, leader, lx,
                                  ly, failed, ov, amb);
        size_t o = 0;
        for (size_t i = 0; i < n; i++)
            o += ov[i];
        if (o < best_overlaps || (o == best_overlaps && f < best_failed)) {
            best_failed = f;
            best_overlaps = o;
            memcpy(bx, lx, n * sizeof *bx);
            memcpy(by, ly, n * sizeof *by);
            memcpy(bamb, amb, n);
            memcpy(bov, ov, n);
        }
        size_t k = 0;
        for (size_t s = 0; s < n; s++)
            if (failed[seq[s]])
                next[k++] = seq[s];
        for (size_t s = 0; s < n; s++)
            if (!failed[seq[s]])
                next[k++] = seq[s];
        memcpy(seq, next, n * sizeof *seq);
    }
    for (size_t i = 0; i < n && rc == SG_OK; i++) {
        const stake *st = &b->stakes[i];
        set_pos(b, st->label, bx[i], by[i]);
        segment line = leader_of(st, rect_at(bx[i], by[i], lw[i], lh[i], 0), bamb[i]);
        if (line.on)
            sg_buf_printf(&b->bg, "c 7 -#808080 L 2 %.1f %.1f %.1f %.1f ", line.x0, line.y0,
                          line.x1, line.y1);
    }
    if (rc == SG_OK) {
        b->overlaps = 0;
        for (size_t i = 0; i < n; i++)
            b->overlaps += bov[i];
        if (b->overlaps)
            sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                        "grid: %zu label(s) found no free place and overlap other text or "
                        "markers: the grid is too crowded to label every stakeholder apart",
                        b->overlaps);
        if (b->bg.failed)
            rc = SG_ENOMEM;
        set(b, b->g, "_background", b->bg.data ? b->bg.data : "");
        if (b->status != SG_OK)
            rc = b->status;
    }
    free(lw);
    free(lh);
    free(lx);
    free(ly);
    free(bx);
    free(by);
    free(obstacles);
    free(placed);
    free(near);
    free(nr);
    free(leader);
    free(ov);
    free(bov);
    free(cand);
    free(seq);
    free(next);
    free(failed);
    free(amb);
    free(bamb);
    return rc;
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

static int grid_here(const sg_graph *m, const sg_grid_options *o, const char *renderer, sg_buf *out,
                     sg_diag *diag) {
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
    int rc = gvc && t ? SG_OK : SG_ENOMEM;
    if (rc == SG_OK && o && o->theme_path) /* as draw's figure_setup */
        rc = sg_theme_load_file(t, o->theme_path, diag);
    if (rc == SG_OK)
        rc = build(m, o, &b, t, diag);
    if (rc == SG_OK)
        sg_theme_warn_unnamed(t, diag); /* a --theme file that leaves some types out */
    if (rc == SG_ELIB || rc == SG_OK)
        rc = check("building the grid", rc != SG_OK, diag);
    if (rc == SG_OK)
        rc = place_labels(&b, gvc, diag);
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
        rc = check("the layout", gvLayout(gvc, b.g, "nop") != 0, diag);
        char *data = NULL;
        unsigned int len = 0;
        if (rc == SG_OK)
            rc = check("rendering", gvRenderData(gvc, b.g, (char *)renderer, &data, &len) != 0,
                       diag);
        if (rc == SG_OK && strcmp(renderer, "png:cairo") == 0) {
            /* The resolution in the PNG itself (pHYs), which the cairo renderer leaves out. */
            char *png = NULL;
            size_t png_len = 0;
            rc = sg_png_set_dpi(data, len, o && o->dpi > 0 ? o->dpi : 150, &png, &png_len);
            if (rc == SG_EINVAL)
                rc = check("rendering (Graphviz wrote a PNG that is not whole)", 1, diag);
            if (rc == SG_OK)
                sg_buf_append(out, png, png_len);
            free(png);
        } else if (rc == SG_OK) {
            size_t n = len;
            if (data && strcmp(renderer, "pdf:cairo") == 0)
                sg_pdf_fix_dates(data, &n); /* no time of the run: the same bytes every run */
            sg_buf_append(out, data ? data : "", n);
        }
        if (data)
            gvFreeRenderData(data);
        gvFreeLayout(gvc, b.g);
        if (rc == SG_OK && strcmp(renderer, "svg:svg") == 0) {
            const char *title =
                o && o->title ? o->title : sg_graph_attr(m, SG_ON_GRAPH, 0, "label");
            rc = sg_svg_describe(&out->data, &out->len,
                                 title && *title ? title : "Power/interest grid",
                                 b.desc.data ? b.desc.data : "");
            out->cap = out->len + 1;
        }
    }
    if (out->failed && rc == SG_OK)
        rc = SG_ENOMEM;
    if (b.g)
        agclose(b.g);
    free(b.texts);
    free(b.stakes);
    sg_buf_free(&b.bg);
    sg_buf_free(&b.desc);
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

int sg_grid_render(const sg_graph *g, const sg_grid_options *opts, const char *format, char **data,
                   size_t *size, sg_diag *diag) {
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
