/*
 * Figures: the Graphviz bridge. Builds a fresh cgraph graph from the model in canonical order
 * (nodes by id, edges by source id, target id, relation, then input order), styled by the theme,
 * with a title and a legend; writes it as DOT ("gv") or lays it out with dot and renders it.
 *
 * The images are rendered from the DOT text itself (agwrite, then agmemread): what Graphviz lays
 * out is exactly the "gv" output, so `dot -Tsvg NAME.gv` draws the same picture.
 *
 * The drawing is laid out first, then the legend apart, placed beside or below it at the size
 * the print rule asks (see place_figure).
 *
 * All of it runs in a child process (sg_contain: large stack, time limit), so that a crash or a
 * runaway layout in Graphviz becomes SG_ELIB instead of taking the caller down. In there, graphs
 * are made, laid out and freed (gvFreeLayout, then agclose) within the call; the GVC context is
 * kept (see shared_context). Graphviz's messages are caught with agseterrf() and go to `diag`.
 */
#include "model/serial.h"
#include "stakegraph.h"
#include "style/theme.h"
#include "util/contain.h"
#include "util/names.h"
#include "util/number.h"
#include "write/layout_arena.h"
#include "write/pdf.h"
#include "write/png.h"
#include "write/render.h"
#include "util/strbuf.h"

#include <cgraph.h>
#include <fontconfig/fontconfig.h>
#include <gvc.h>

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FONT_NAME SG_FIGURE_FONT /* render.h says why DejaVu Sans */
#define LINE_COLOUR "#333333"
#define LEGEND_FRAME "#999999"
#define DEFAULT_DPI 150
/* The page a figure is printed on without --width and --height (the print rule, before
 * printed_scale): 16 cm wide (A4 with Word's or LaTeX's default margins), 24 cm tall (the text
 * block's height), in inches; PRINT_SIZE is Graphviz's `size` of that box, to 3 digits as
 * sg_figure_size writes --width 16cm. */
#define PRINT_WIDTH (16.0 / 2.54)
#define PRINT_HEIGHT (24.0 / 2.54)
#define PRINT_SIZE SG_PRINT_SIZE
#define GRAPHVIZ_EDGE_LABEL 1 /* EDGE_LABEL of Graphviz's const.h, which is not installed */
#define WRAP_COLUMNS 24       /* node labels longer than this are broken at spaces: the default
                               * of sg_render_options.label_width (--label-width) */

/* ---------------------------------------------------------------------------------------- */
/* Formats                                                                                  */

typedef struct {
    sg_names names;       /* our name, other names and extensions */
    const char *renderer; /* Graphviz output format; NULL for the DOT text */
} format_entry;

static const format_entry formats[] = {
    {{"gv", {".gv", "dot", ".dot"}}, NULL},
    {{"svg", {".svg"}}, "svg:svg"},
    {{"png", {".png"}}, "png:cairo"},
    {{"pdf", {".pdf"}}, "pdf:cairo"},
};

static const format_entry *format_lookup(const char *name) {
    int i = sg_names_find(formats, sizeof formats / sizeof formats[0], sizeof formats[0], name);
    return i < 0 ? NULL : &formats[i];
}

const char *sg_render_format_find(const char *name_or_extension) {
    const format_entry *f = format_lookup(name_or_extension);
    return f ? f->names.name : NULL;
}

const char *sg_render_renderer(const char *format) {
    const format_entry *f = format_lookup(format);
    return f ? f->renderer : NULL;
}

void sg_render_free(char *data) {
    free(data);
}

/* ---------------------------------------------------------------------------------------- */
/* Layout engines                                                                           */

static const char *const engines[] = {"dot", "neato", "fdp", "sfdp", "circo", "twopi"};

/* `auto` draws with dot while nodes + edges stay at most this, with sfdp beyond. dot's cost
 * grows with the edges and their crossings much faster than with the nodes; sfdp's stays near
 * linear. `stakegraph draw -T svg` with dot (measured with two dot layouts, one to place the
 * legend; now one, the legend laid out apart: place_figure), CPU seconds (user + system, the child included), median of 3, on bench/gen.py
 * graphs (2 cores shared, load 6 to 9, where wall time was 1.5 to 3 times the CPU time):
 *
 *   nodes / edges  n + m   dot        nodes / edges  n + m   dot
 *      50 /   200    250   0.19 s        150 /   300    450   0.22 s
 *      75 /   300    375   0.37 s        200 /   400    600   0.46 s
 *     100 /   400    500   0.70 s        250 /   500    750   0.57 s
 *     125 /   500    625   1.5 s         300 /   600    900   0.74 s
 *     150 /   600    750   4.1 s         350 /   700   1050   1.4 s
 *     175 /   700    875   4.4 s         400 /   800   1200   5.3 s
 *     200 /   800   1000   8.0 s         500 /  1000   1500   5.4 s
 *     250 /  1000   1250  18 s           600 /  1200   1800  13 s
 *     500 /  2000   2500  >120 s wall    800 /   800   1600   0.43 s
 *
 * Sparse graphs stay fast further, but the densest (four edges a node, as stakeholder maps
 * with many funders are) pass 4 s just above 700; stakegraph draws 500 / 2,000 with sfdp in
 * 0.56 s CPU (README.md, Performance). */
#define AUTO_DOT_MAX 700

/* The force-directed and circular engines route edges around the nodes (splines=true) while
 * nodes + edges stay at most this, and draw straight lines beyond: the routing, not the layout,
 * is their cost. CPU seconds of `stakegraph draw` (lead's measurement, load 3 to 5):
 *
 *   graph (undirected)       n + m   neato, routed   neato, straight   sfdp, routed   straight
 *   karate     34 /  78        112       0.41 s          0.27 s
 *   Les Mis.   77 / 254        331       1.3 s           0.31 s
 *   random    100 / 600        700       3.4 s           0.34 s           3.2 s         0.07 s
 *   random    200 / 500        700       8.6 s           0.78 s           7.7 s         0.12 s
 */
#define SPLINES_MAX 400
/* sfdp's overlap removal beyond SPLINES_MAX: prism with at most 50 passes, not 1,000 (see
 * lay_out_in_place). */
#define PRISM_CAPPED "prism50"

const char *sg_render_engine_find(const char *name) {
    if (!name || sg_ascii_casecmp(name, "auto") == 0)
        return "auto";
    for (size_t i = 0; i < sizeof engines / sizeof engines[0]; i++)
        if (sg_ascii_casecmp(name, engines[i]) == 0)
            return engines[i];
    return NULL;
}

const char *sg_render_engine_pick(const sg_graph *g, const char *engine) {
    const char *e = sg_render_engine_find(engine);
    if (!e || strcmp(e, "auto") != 0)
        return e;
    size_t size = g ? sg_graph_node_count(g) + sg_graph_edge_count(g) : 0;
    if (size > AUTO_DOT_MAX)
        return "sfdp";
    /* An undirected graph has no flow to read left to right: dot would rank it by the order of
     * its edges, a long flat strip (Les Misérables: 45 x 31 in). neato (stress majorisation)
     * draws it as the familiar picture. */
    return !g || sg_graph_directed(g) ? "dot" : "neato";
}

/* ---------------------------------------------------------------------------------------- */
/* Graphviz messages                                                                        */

/* Graphviz reports through one process-wide callback; the library is single-threaded by
 * contract, so the collected messages live in file-scope state for the duration of a call. */
typedef struct {
    int error;
    sg_buf text;
} gv_message;

static struct {
    gv_message *items;
    size_t count, cap;
    int expect_separator; /* the callback gets "Error", then ": ", then the text */
} gv_log;

static gv_message *log_start(int error) {
    if (gv_log.count == gv_log.cap) {
        size_t cap = gv_log.cap ? gv_log.cap * 2 : 8;
        gv_message *p = realloc(gv_log.items, cap * sizeof *p);
        if (!p)
            return NULL; /* the message is lost; Graphviz's own status still counts */
        gv_log.items = p;
        gv_log.cap = cap;
    }
    gv_message *m = &gv_log.items[gv_log.count++];
    m->error = error;
    memset(&m->text, 0, sizeof m->text);
    return m;
}

static int log_collect(char *text) {
    if (strcmp(text, "Error") == 0 || strcmp(text, "Warning") == 0) {
        log_start(text[0] == 'E');
        gv_log.expect_separator = 1;
        return 0;
    }
    if (gv_log.expect_separator && strcmp(text, ": ") == 0) {
        gv_log.expect_separator = 0;
        return 0;
    }
    gv_log.expect_separator = 0;
    /* A continuation line (AGPREV) belongs to the message before it. */
    gv_message *m = gv_log.count ? &gv_log.items[gv_log.count - 1] : log_start(0);
    if (m)
        sg_buf_puts(&m->text, text);
    return 0;
}

static size_t log_errors(void) {
    size_t n = 0;
    for (size_t i = 0; i < gv_log.count; i++)
        n += gv_log.items[i].error;
    return n;
}

/* Moves the collected messages to `diag` (as errors or warnings) and empties the log. */
static void log_flush(sg_diag *diag) {
    for (size_t i = 0; i < gv_log.count; i++) {
        gv_message *m = &gv_log.items[i];
        char *t = m->text.data ? m->text.data : "";
        size_t n = strlen(t);
        while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == ' '))
            t[--n] = '\0';
        sg_diag_add(diag, m->error ? SG_ERROR : SG_WARNING, NULL, 0, 0, "Graphviz: %s", t);
        sg_buf_free(&m->text);
    }
    free(gv_log.items);
    memset(&gv_log, 0, sizeof gv_log);
}

/* ---------------------------------------------------------------------------------------- */
/* Locale                                                                                   */

/* Graphviz's text layout (pango) takes its language from the locale of the process when it first
 * runs: under tr_TR the "fi" ligature is not formed, text is wider and every coordinate moves.
 * The whole render therefore runs in the C locale, which also fixes number formatting and
 * case-insensitive comparisons inside Graphviz. Not thread-safe; neither is Graphviz. */
typedef struct {
    char *saved;
    locale_t thread;
} locale_guard;

static void locale_enter(locale_guard *lg) {
    const char *cur = setlocale(LC_ALL, NULL);
    lg->saved = sg_strdup(cur);
    setlocale(LC_ALL, "C");
    lg->thread = uselocale(LC_GLOBAL_LOCALE);
}

static void locale_leave(locale_guard *lg) {
    if (lg->thread != (locale_t)0)
        uselocale(lg->thread);
    if (lg->saved)
        setlocale(LC_ALL, lg->saved);
    free(lg->saved);
    lg->saved = NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* Text                                                                                     */

/* Length of the valid UTF-8 sequence at s (1 to 4), or 0 when it is not valid (overlong forms,
 * surrogates and code points above U+10FFFF are not valid). */
static size_t utf8_length(const unsigned char *s) {
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return n;
}

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* Appends `s` with line ends as "\n" ("\r\n" and a lone "\r" too) and every byte that is not
 * valid UTF-8, and every other control character but tab (XML cannot carry them), replaced by
 * U+FFFD. Counts the replacements. */
static void clean_text(const char *s, sg_buf *out, size_t *replaced) {
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p == '\r') {
            sg_buf_putc(out, '\n');
            p += p[1] == '\n' ? 2 : 1;
            continue;
        }
        size_t n = utf8_length(p);
        if (n == 0 || (*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7F) {
            sg_buf_puts(out, REPLACEMENT);
            (*replaced)++;
            p++;
            continue;
        }
        sg_buf_append(out, (const char *)p, n);
        p += n;
    }
    if (!out->data)
        sg_buf_append(out, "", 0);
}

/* In Graphviz 2.43's DOT, a quoted string cannot end in an odd run of backslashes, nor have one
 * before a quote (agwrite writes '"' as '\"') or a newline (a line continuation). Such a run gets
 * one more backslash, so that what agwrite writes reads back. Counts the changes. */
static void dot_safe(const char *s, sg_buf *out, size_t *changed) {
    while (*s) {
        if (*s != '\\') {
            sg_buf_putc(out, *s++);
            continue;
        }
        size_t run = 0;
        while (s[run] == '\\')
            run++;
        sg_buf_append(out, s, run);
        char next = s[run];
        if (run % 2 == 1 && (next == '\0' || next == '"' || next == '\n')) {
            sg_buf_putc(out, '\\');
            (*changed)++;
        }
        s += run;
    }
    if (!out->data)
        sg_buf_append(out, "", 0);
}

/* Number of code points in a UTF-8 string. */
static size_t utf8_columns(const char *s, size_t n) {
    size_t cols = 0;
    for (size_t i = 0; i < n; i++)
        cols += ((unsigned char)s[i] & 0xC0) != 0x80;
    return cols;
}

/* Number of lines greedy wrapping at spaces gives with lines of at most `width` columns (a word
 * longer than that gets a line of its own). */
static size_t wrap_lines(const char *s, size_t len, size_t width) {
    size_t lines = 1, line = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && s[j] != ' ')
            j++;
        size_t word = utf8_columns(s + i, j - i);
        if (line > 0 && line + 1 + word > width) {
            lines++;
            line = word;
        } else {
            line += (line > 0) + word;
        }
        i = j < len ? j + 1 : j;
    }
    return lines;
}

/* The line width for a label wrapped at `columns` (0: never): 0 (no wrapping) when it fits in
 * `columns` or already has line breaks; else the narrowest width that still needs no more lines
 * than `columns` does, so that the lines come out about equally long. */
static size_t wrap_width(const char *s, size_t len, size_t columns) {
    size_t cols = utf8_columns(s, len);
    if (columns == 0 || cols <= columns || memchr(s, '\n', len))
        return 0;
    size_t lines = wrap_lines(s, len, columns);
    for (size_t w = (cols + lines - 1) / lines; w < columns; w++)
        if (wrap_lines(s, len, w) <= lines)
            return w;
    return columns;
}

/* Appends `text` as a Graphviz label that shows byte for byte: '\' doubled (so \N, \G, \n ...
 * stay literal), '&' written as "&amp;" (Graphviz decodes entities such as &copy; in labels),
 * a newline as the centred line break "\n". With `columns` > 0, a label without line breaks
 * that is longer than that many characters is broken at spaces (never inside a word, so never
 * inside a UTF-8 character) into lines of about equal length (wrap_width). */
static void label_text(const char *text, size_t columns, sg_buf *out, size_t *replaced) {
    sg_buf clean = {0};
    clean_text(text ? text : "", &clean, replaced);
    const char *s = clean.data ? clean.data : "";
    size_t len = strlen(s);
    size_t width = wrap_width(s, len, columns);
    size_t line = 0; /* columns on the current output line */
    for (size_t i = 0; i < len;) {
        if (width > 0 && s[i] == ' ') {
            size_t j = i + 1;
            while (j < len && s[j] != ' ')
                j++;
            size_t word = utf8_columns(s + i + 1, j - i - 1);
            if (line > 0 && line + 1 + word > width) {
                sg_buf_puts(out, "\\n");
                line = 0;
                i++;
                continue;
            }
        }
        char c = s[i];
        if (c == '\\')
            sg_buf_puts(out, "\\\\");
        else if (c == '&')
            sg_buf_puts(out, "&amp;");
        else if (c == '\n')
            sg_buf_puts(out, "\\n");
        else
            sg_buf_putc(out, c);
        if (c == '\n')
            line = 0;
        else if (((unsigned char)c & 0xC0) != 0x80)
            line++;
        i++;
    }
    if (!out->data)
        sg_buf_append(out, "", 0);
    sg_buf_free(&clean);
}

/* ---------------------------------------------------------------------------------------- */
/* Canonical order                                                                          */

typedef struct {
    const char *id;
    size_t index;
} node_key;

typedef struct {
    const char *source, *target, *relation;
    size_t index;
} edge_key;

static int node_key_cmp(const void *a, const void *b) {
    const node_key *x = a, *y = b;
    return strcmp(x->id, y->id);
}

static int edge_key_cmp(const void *a, const void *b) {
    const edge_key *x = a, *y = b;
    int c = strcmp(x->source, y->source);
    if (c == 0)
        c = strcmp(x->target, y->target);
    if (c == 0)
        c = strcmp(x->relation, y->relation);
    if (c == 0)
        c = (x->index > y->index) - (x->index < y->index);
    return c;
}

/* ---------------------------------------------------------------------------------------- */
/* Building the Graphviz graph                                                              */

/* Graphviz's attribute names (Graphviz 2.43 attribute reference), by the kind of object that uses
 * them; space-separated, with a space at both ends. A model attribute with one of these names is
 * not copied into the figure: it would change the drawing (`weight` is a layout weight, `image`
 * reads a file, `URL` makes a link), and the theme decides how things look. Graph attributes are
 * checked against every name (graph, cluster, node and edge), the safe side. */
static const char node_attrs[] =
    " URL area class color colorscheme comment distortion fillcolor fixedsize fontcolor "
    "fontname fontsize gradientangle group height href id image imagepos imagescale label "
    "labelloc layer margin nojustify ordering orientation penwidth peripheries pin pos rects "
    "regular root samplepoints shape shapefile showboxes sides skew sortv style target tooltip "
    "vertices width xlabel xlp z ";

static const char edge_attrs[] =
    " URL arrowhead arrowsize arrowtail class color colorscheme comment constraint decorate dir "
    "edgeURL edgehref edgetarget edgetooltip fillcolor fontcolor fontname fontsize headURL "
    "head_lp headclip headhref headlabel headport headtarget headtooltip href id label labelURL "
    "labelangle labeldistance labelfloat labelfontcolor labelfontname labelfontsize labelhref "
    "labeltarget labeltooltip layer len lhead lp ltail minlen nojustify penwidth pos samehead "
    "sametail showboxes style tailURL tail_lp tailclip tailhref taillabel tailport tailtarget "
    "tailtooltip target tooltip weight xlabel xlp ";

static const char graph_attrs[] =
    " Damping K bb bgcolor center charset clusterrank compound concentrate defaultdist dim "
    "dimen diredgeconstraints dpi epsilon esep fontnames fontpath forcelabels imagepath "
    "inputscale label_scheme labeljust landscape layerlistsep layers layerselect layersep "
    "layout levels levelsgap lheight lwidth maxiter mclimit mindist mode model mosek newrank "
    "nodesep normalize notranslate nslimit nslimit1 outputorder overlap overlap_scaling "
    "overlap_shrink pack packmode pad page pagedir pencolor quadtree quantum rank rankdir "
    "ranksep ratio remincross repulsiveforce resolution rotate rotation scale searchsize sep "
    "size smoothing splines start stylesheet truecolor viewport voro_margin xdotversion ";

/* 1 when `name` is one of the words of `list` (space-separated, spaces at both ends). */
static int in_list(const char *list, const char *name) {
    size_t n = strlen(name);
    if (n == 0 || strchr(name, ' '))
        return 0;
    for (const char *p = strstr(list, name); p; p = strstr(p + 1, name))
        if (p[-1] == ' ' && p[n] == ' ')
            return 1;
    return 0;
}

/* 1 when a model attribute of this name on this kind of object is not copied into the figure:
 * Graphviz would act on it, or the figure sets it itself (`amount` on edges). */
static int is_reserved_attr(sg_object on, const char *name) {
    if (name[0] == '\0' || name[0] == '_')
        return 1; /* no name, or one of Graphviz's own (_background, _draw_, ...) */
    switch (on) {
    case SG_ON_NODE:
        return in_list(node_attrs, name);
    case SG_ON_EDGE:
        return in_list(edge_attrs, name) || strcmp(name, "amount") == 0;
    case SG_ON_GRAPH:
        break;
    }
    return in_list(graph_attrs, name) || in_list(node_attrs, name) || in_list(edge_attrs, name);
}

/* A category of the colour key (--color-by other than type): its value and fill. */
typedef struct {
    const char *value; /* attribute value, or community number as text; "" for none */
    double number;     /* community number (for sorting); unused for attributes */
    char fill[8];
} colour_key;

/* What the figure encodes beyond type and relation: node size and colour, edge width. */
typedef struct {
    const sg_analysis *a; /* the measures of the model's nodes; NULL when not computed */
    /* node size */
    int size_on;
    sg_measure size_measure;
    double size_max;     /* largest value, > 0, or 0 when none */
    size_t size_missing; /* nodes without a value */
    /* node colour */
    int colour_mode;     /* 0 type, 1 community, 2 attribute */
    colour_key *keys;    /* in legend order */
    size_t nkeys;
    size_t *node_key;    /* model node -> key index */
    char (*type_gray)[8]; /* grayscale fill per type index, or NULL */
    /* edge width */
    int width_mode;      /* 0 the relation's, SG_EDGE_WIDTH_SQRT or SG_EDGE_WIDTH_LOG */
    double amount_min, amount_max; /* smallest positive and largest amount of the unit */
    const char *unit;    /* unit of the scaled amounts, NULL when none */
    size_t other_unit, no_amount; /* edges drawn at the minimum width */
    size_t thin;         /* all edges drawn at the minimum width for want of an amount in
                          * the unit (of any relation): the legend's "no amount" row */
    sg_buf scratch;      /* owns copies of strings above */
} encoding;

typedef struct {
    const sg_graph *model;
    const sg_render_options *opts; /* never NULL */
    encoding enc;
    int svg;                 /* node names get '&' as "&amp;" (see make_node) */
    Agraph_t *g;             /* the Graphviz graph */
    sg_theme *theme;         /* styles of the types and relations present */
    Agnode_t *legend_anchor; /* the legend's first node; NULL without a legend */
    double legend_scale;     /* the legend's texts and boxes times this (legend_size); 0: 1 */
    double label_scale;      /* node labels' 11 points times this (label_size); 0: 1 */
    size_t changed;          /* strings changed to be drawable (invalid UTF-8, controls, '\') */
    size_t shortened;        /* labels shortened to LABEL_MAX_COLUMNS (see shortened_label) */
    size_t links_left_out;   /* node links whose scheme is not http, https or mailto */
    int status;              /* first failure */
} builder;

static void fail(builder *b, int status) {
    if (b->status == SG_OK)
        b->status = status;
}

/* Sets attribute `name` of a graph, node or edge, declaring it (default "") when new. */
static void set(builder *b, void *obj, const char *name, const char *value) {
    if (b->status != SG_OK)
        return;
    if (agsafeset(obj, (char *)name, (char *)value, "") != 0)
        fail(b, SG_ELIB);
}

static void set_buf(builder *b, void *obj, const char *name, sg_buf *value) {
    if (value->failed || !value->data)
        fail(b, SG_ENOMEM);
    else
        set(b, obj, name, value->data);
}

/* A label longer than this many characters (code points) is shortened in the figure, ending
 * in "…": a 20 KB label drew a PNG 20 000 pixels tall (shared/cases R08). About 7 lines of
 * WRAP_COLUMNS. */
#define LABEL_MAX_COLUMNS 160

/* `text` shortened to LABEL_MAX_COLUMNS characters, the last of them "…", cut after the last
 * space among the final WRAP_COLUMNS characters kept if there is one, else after a whole
 * character (never inside a UTF-8 sequence); NULL when `text` is short enough (or out of
 * memory). The caller frees. */
static char *shortened_label(const char *text) {
    if (!text)
        return NULL;
    size_t cols = 0, cut = 0, space = 0, i = 0;
    for (; text[i]; i++) {
        if (((unsigned char)text[i] & 0xC0) == 0x80)
            continue; /* inside a character */
        if (cols == LABEL_MAX_COLUMNS - 1)
            cut = i;
        if (cols < LABEL_MAX_COLUMNS && (text[i] == ' ' || text[i] == '\n') &&
            cols + WRAP_COLUMNS >= LABEL_MAX_COLUMNS)
            space = i;
        cols++;
    }
    if (cols <= LABEL_MAX_COLUMNS)
        return NULL;
    if (space > 0 && space < cut)
        cut = space;
    while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == '\n'))
        cut--;
    sg_buf out = {0};
    sg_buf_append(&out, text, cut);
    sg_buf_puts(&out, "\xE2\x80\xA6"); /* U+2026 HORIZONTAL ELLIPSIS */
    if (out.failed) {
        sg_buf_free(&out);
        return NULL;
    }
    return out.data;
}

/* Sets the label of `obj` to `text`, shortened (shortened_label) and wrapped at `columns`
 * (0: never; see label_text). */
static void set_label(builder *b, void *obj, const char *text, size_t columns) {
    sg_buf l = {0};
    char *cut = shortened_label(text);
    b->shortened += cut != NULL;
    label_text(cut ? cut : text, columns, &l, &b->changed);
    free(cut);
    set_buf(b, obj, "label", &l);
    sg_buf_free(&l);
}

static void set_number(builder *b, void *obj, const char *name, double v) {
    char s[32];
    sg_format_number(v, 3, s, sizeof s);
    set(b, obj, name, s);
}

/* Sets `name` to `prefix` followed by the number k ("node_12"). */
static void set_numbered(builder *b, void *obj, const char *name, const char *prefix, size_t k) {
    sg_buf v = {0};
    sg_buf_printf(&v, "%s%zu", prefix, k);
    set_buf(b, obj, name, &v);
    sg_buf_free(&v);
}

/* Copies a model attribute as a plain DOT attribute, its value cleaned and made safe for DOT.
 * An attribute whose name would have to change is left out (and counted as a change). */
static void copy_attr(builder *b, void *obj, const char *name, const char *value) {
    sg_buf clean = {0}, safe = {0}, name_clean = {0}, name_safe = {0};
    size_t name_changes = 0;
    clean_text(value, &clean, &b->changed);
    dot_safe(clean.data ? clean.data : "", &safe, &b->changed);
    clean_text(name, &name_clean, &name_changes);
    dot_safe(name_clean.data ? name_clean.data : "", &name_safe, &name_changes);
    if (clean.failed || safe.failed || name_clean.failed || name_safe.failed)
        fail(b, SG_ENOMEM);
    else if (name_changes == 0 && strcmp(name_safe.data, name) == 0)
        set(b, obj, name_safe.data, safe.data);
    else
        b->changed++;
    sg_buf_free(&clean);
    sg_buf_free(&safe);
    sg_buf_free(&name_clean);
    sg_buf_free(&name_safe);
}

/* A node's link: its first attribute named URL (any case) or href, when the scheme is http,
 * https or mailto (anything else, javascript: or data: or a relative path, is left out and
 * counted). Characters a URL cannot hold as they are (space, " < > \ ` { } | ^, controls,
 * non-ASCII bytes) are percent-encoded (RFC 3986, section 2.1); '&' is written "&amp;", which
 * Graphviz copies into the SVG's xlink:href as it is (shared/cases R06). */
static void set_link(builder *b, void *obj, size_t v) {
    size_t n = sg_graph_attr_count(b->model, SG_ON_NODE, v);
    const char *url = NULL;
    for (size_t k = 0; k < n && !url; k++) {
        const char *name, *value;
        if (sg_graph_attr_at(b->model, SG_ON_NODE, v, k, &name, &value) &&
            (strcasecmp(name, "url") == 0 || strcmp(name, "href") == 0) && value && *value)
            url = value;
    }
    if (!url)
        return;
    if (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0 &&
        strncasecmp(url, "mailto:", 7) != 0) {
        b->links_left_out++;
        return;
    }
    sg_buf out = {0};
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (*p == '&')
            sg_buf_puts(&out, "&amp;");
        else if (*p <= ' ' || *p >= 0x7F || strchr("\"<>\\`{}|^", *p))
            sg_buf_printf(&out, "%%%02X", *p);
        else
            sg_buf_putc(&out, (char)*p);
    }
    set_buf(b, obj, "URL", &out);
    sg_buf_free(&out);
}

static void copy_attrs(builder *b, void *obj, sg_object on, size_t index) {
    size_t n = sg_graph_attr_count(b->model, on, index);
    for (size_t k = 0; k < n && b->status == SG_OK; k++) {
        const char *name, *value;
        if (sg_graph_attr_at(b->model, on, index, k, &name, &value) && !is_reserved_attr(on, name))
            copy_attr(b, obj, name, value);
    }
    if (on == SG_ON_NODE && b->status == SG_OK)
        set_link(b, obj, index);
}

/* The Graphviz name of a node: its id, cleaned and made safe for DOT; for SVG with '&' written
 * as "&amp;", because Graphviz copies node names into <title> without escaping an '&' that
 * starts an entity (an id "&copy;" would make the SVG ill-formed). A name already taken (by a
 * node whose id cleaned to the same text) gets "~2", "~3", ... appended. */
static Agnode_t *make_node(builder *b, Agraph_t *parent, const char *id) {
    sg_buf clean = {0}, safe = {0}, name = {0};
    Agnode_t *n = NULL;
    clean_text(id, &clean, &b->changed);
    dot_safe(clean.data ? clean.data : "", &safe, &b->changed);
    for (const char *p = safe.data ? safe.data : ""; *p; p++) {
        if (b->svg && *p == '&')
            sg_buf_puts(&name, "&amp;");
        else
            sg_buf_putc(&name, *p);
    }
    if (!name.data)
        sg_buf_append(&name, "", 0);
    size_t base = name.len;
    for (size_t suffix = 2; !name.failed && !clean.failed && !safe.failed; suffix++) {
        if (!agnode(b->g, name.data, 0)) {
            n = agnode(parent, name.data, 1);
            break;
        }
        name.len = base;
        name.data[base] = '\0';
        sg_buf_printf(&name, "~%zu", suffix);
    }
    if (!n)
        fail(b, name.failed || clean.failed || safe.failed ? SG_ENOMEM : SG_ELIB);
    sg_buf_free(&clean);
    sg_buf_free(&safe);
    sg_buf_free(&name);
    return n;
}

static void style_node(builder *b, Agnode_t *n, const sg_node_style *st) {
    set(b, n, "shape", st->shape);
    set(b, n, "fillcolor", st->fill);
    set(b, n, "fontcolor", st->text);
    if (strcmp(st->style, "filled") != 0)
        set(b, n, "style", st->style);
}

/* The edges' arrowsize (build_defaults()): an arrowhead 8 points long at a pen of 1 point. */
#define ARROW_SIZE 0.8
#define ARROW_SIZE_TEXT "0.8"

/* Sets edge e's pen width to `pen` points and, past a pen of 4 points, the arrowsize times
 * 4/pen. Graphviz 2.43 widens an arrowhead's outline by pen/4 past 4 points (measured at pen 6:
 * a normal head 8.4 points wide instead of 5.6, a vee 13.5 instead of 7.2) and strokes it at the
 * pen width: at the largest amount's pen (6) the heads came out more than twice the default.
 * With the cap the outline keeps the default's size and only the stroke is thicker: a normal
 * head at pen 6 is 5.6 + 6 points wide and about 5.3 + 12 long (the mitred tip), against
 * 5.6 + 1 and 8 + 2 at the default, within twice as large. */
static void set_pen(builder *b, Agedge_t *e, double pen) {
    set_number(b, e, "penwidth", pen);
    const char *now = agget(e, "arrowsize");
    if (pen > 4)
        set_number(b, e, "arrowsize", ARROW_SIZE * 4 / pen);
    else if (now && strcmp(now, ARROW_SIZE_TEXT) != 0) /* a thinner pen than set before */
        set(b, e, "arrowsize", ARROW_SIZE_TEXT);
}

static void style_edge(builder *b, Agedge_t *e, const sg_edge_style *st) {
    if (strcmp(st->line, "solid") != 0)
        set(b, e, "style", st->line);
    set_pen(b, e, st->penwidth);
    /* Two colours draw two parallel strokes. Not "c:invis:c", which would look the same: Graphviz
     * 2.43 draws the arrowhead in the first colour and the arrowtail in the second. */
    if (st->parallel)
        set(b, e, "color", LINE_COLOUR ":" LINE_COLOUR);
    if (!sg_graph_directed(b->model))
        return; /* an undirected tie has no arrows */
    int tail = strcmp(st->arrowtail, "none") != 0;
    set(b, e, "arrowhead", st->arrowhead);
    if (tail) {
        set(b, e, "dir", "both");
        set(b, e, "arrowtail", st->arrowtail);
    }
}

/* A title longer than this many characters is wrapped at spaces into lines of about equal
 * length (label_text), rather than shrunk to the figure's width: a 141-character title printed
 * at 5.9 points. The default graph's title (56 characters) stays one line. */
#define TITLE_COLUMNS 70

/* A scale of the builder (legend_scale, label_scale): 1 when unset. */
static double scale_or_one(double scale) {
    return scale > 0 ? scale : 1;
}

static void build_defaults(builder *b, const char *title) {
    Agraph_t *g = b->g;
    const char *font = b->opts->font && *b->opts->font ? b->opts->font : FONT_NAME;
    char node_pt[32];
    sg_format_number(11 * scale_or_one(b->label_scale), 3, node_pt, sizeof node_pt);
    set(b, g, "rankdir", "LR");
    set(b, g, "fontname", font);
    /* Sized nodes have their labels beside them (xlabel), which dot places after the layout in
     * the room left: more room between nodes and ranks. */
    set(b, g, "nodesep", b->enc.size_on ? "0.45" : "0.2");
    set(b, g, "ranksep", b->enc.size_on ? "1" : "0.5");
    set(b, g, "pad", "0.2");
    /* No page margin: Graphviz's paged renderers (PDF, PS) add 0.5 in on each side by default,
     * which would make a PDF larger than the size asked for and than the SVG. */
    set(b, g, "margin", "0");
    set(b, g, "outputorder", "edgesfirst");
    set(b, g, "bgcolor", "white");
    if (title && *title) {
        set_label(b, g, title, TITLE_COLUMNS);
        set(b, g, "labelloc", "t");
        set(b, g, "fontsize", "18");
    }
    if (b->opts->width > 0 || b->opts->height > 0) {
        sg_buf size = {0};
        sg_figure_size(b->opts->width, b->opts->height, &size);
        set_buf(b, g, "size", &size);
        sg_buf_free(&size);
    }
    if (b->status == SG_OK &&
        (!agattr(g, AGNODE, "fontname", (char *)font) || !agattr(g, AGNODE, "fontsize", node_pt) ||
         !agattr(g, AGNODE, "style", "filled") || !agattr(g, AGNODE, "color", LINE_COLOUR) ||
         !agattr(g, AGNODE, "penwidth", "1") || !agattr(g, AGEDGE, "fontname", (char *)font) ||
         !agattr(g, AGEDGE, "fontsize", "9") || !agattr(g, AGEDGE, "color", LINE_COLOUR) ||
         !agattr(g, AGEDGE, "arrowsize", ARROW_SIZE_TEXT)))
        fail(b, SG_ELIB);
}

/* ---------------------------------------------------------------------------------------- */
/* Encoding: node size and colour, edge width                                                */

#define NODE_MIN_IN 0.3  /* node diameter (width = height) of the smallest or missing value */
#define NODE_MAX_IN 1.2  /* of the largest value: 16 times the area of the smallest */
#define PEN_MIN 0.5      /* edge pen width in points of the smallest amount */
#define PEN_MAX 6.0      /* of the largest */
#define NO_VALUE_FILL "#E0E0E0"

/* The node diameter in inches for value v: area proportional to v, the largest value
 * NODE_MAX_IN, never below NODE_MIN_IN; NODE_MIN_IN for a missing value. */
static double node_diameter(const encoding *e, double v) {
    if (!(v > 0) || !(e->size_max > 0))
        return NODE_MIN_IN;
    double d = NODE_MAX_IN * sqrt(v / e->size_max);
    return d < NODE_MIN_IN ? NODE_MIN_IN : d;
}

/* The pen width in points for amount a: on the square-root scale proportional to sqrt(a), the
 * largest amount PEN_MAX; on the log scale from PEN_MIN (smallest positive amount) to PEN_MAX
 * (largest); never below PEN_MIN. */
static double edge_pen(const encoding *e, double a) {
    if (!(a > 0) || !(e->amount_max > 0))
        return PEN_MIN;
    double w;
    if (e->width_mode == SG_EDGE_WIDTH_LOG)
        w = e->amount_max > e->amount_min
                ? PEN_MIN + (PEN_MAX - PEN_MIN) * log(a / e->amount_min) /
                                log(e->amount_max / e->amount_min)
                : PEN_MAX;
    else
        w = PEN_MAX * sqrt(a / e->amount_max);
    return w < PEN_MIN ? PEN_MIN : w;
}

/* The amount of edge x (the weight attribute, else `amount`) and its unit ("" when none).
 * 1 when it has a number of 0 or more. */
static int edge_amount(const builder *b, size_t x, double *out, const char **unit) {
    const sg_graph *m = b->model;
    const char *attr = b->opts->weight_attr ? b->opts->weight_attr : "weight";
    const char *text = sg_graph_attr(m, SG_ON_EDGE, x, attr);
    if (!b->opts->weight_attr && !text)
        text = sg_graph_attr(m, SG_ON_EDGE, x, "amount");
    const char *u = sg_graph_attr(m, SG_ON_EDGE, x, "unit");
    *unit = u ? u : "";
    return text && sg_parse_number(text, out) == 0 && *out >= 0;
}

static int colour_key_cmp_text(const void *a, const void *b) {
    const colour_key *x = a, *y = b;
    int ex = x->value[0] == '\0', ey = y->value[0] == '\0';
    if (ex != ey)
        return ex - ey; /* "no value" last */
    return strcmp(x->value, y->value);
}

static int colour_key_cmp_number(const void *a, const void *b) {
    const colour_key *x = a, *y = b;
    int ex = x->value[0] == '\0', ey = y->value[0] == '\0';
    if (ex != ey)
        return ex - ey;
    return (x->number > y->number) - (x->number < y->number);
}

/* The value of node v that --color-by colours by, "" when it has none. Numbers are written into
 * `tmp` (at least 32 bytes). */
static const char *colour_value(const builder *b, size_t v, char *tmp, double *number) {
    if (b->enc.colour_mode == 1) {
        double c = b->enc.a ? sg_analysis_value(b->enc.a, SG_COMMUNITY, v) : NAN;
        *number = c;
        if (!isfinite(c))
            return "";
        sg_format_number(c, 6, tmp, 32);
        return tmp;
    }
    const char *x = sg_graph_attr(b->model, SG_ON_NODE, v, b->opts->color_by);
    *number = 0;
    return x ? x : "";
}

static int text_ptr_cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Warns that no node has --color-by's attribute `attr` (every node is drawn "No value"), naming
 * the node attributes that are present (with a value), in byte order, as the view options do. */
static void warn_no_colour_attr(builder *b, const char *attr, sg_diag *diag) {
    const sg_graph *m = b->model;
    size_t nn = sg_graph_node_count(m), total = 0;
    for (size_t v = 0; v < nn; v++)
        total += sg_graph_attr_count(m, SG_ON_NODE, v);
    const char **names = calloc(total + 1, sizeof *names);
    sg_buf present = {0};
    size_t n = 0;
    for (size_t v = 0; names && v < nn; v++)
        for (size_t k = 0; k < sg_graph_attr_count(m, SG_ON_NODE, v); k++) {
            const char *name, *value;
            if (sg_graph_attr_at(m, SG_ON_NODE, v, k, &name, &value) && value && *value)
                names[n++] = name;
        }
    if (names)
        qsort(names, n, sizeof *names, text_ptr_cmp);
    for (size_t i = 0; names && i < n; i++)
        if (i == 0 || strcmp(names[i - 1], names[i]) != 0)
            sg_buf_printf(&present, "%s%s", present.len ? ", " : "", names[i]);
    sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                "--color-by: no node has the attribute \"%s\" (node attributes present: %s); "
                "every node is drawn as \"No value\"",
                attr, present.len && !present.failed ? present.data : "none");
    free(names);
    sg_buf_free(&present);
}

/* Works out the colour key, the size scale and the width scale of the figure. */
static void prepare_encoding(builder *b, sg_diag *diag) {
    encoding *e = &b->enc;
    const sg_render_options *o = b->opts;
    const sg_graph *m = b->model;
    size_t nn = sg_graph_node_count(m), ne = sg_graph_edge_count(m);

    /* Size. */
    if (o->size_by && *o->size_by && strcmp(o->size_by, "none") != 0 &&
        sg_measure_find(o->size_by, &e->size_measure) && e->a &&
        sg_analysis_computed(e->a, e->size_measure)) {
        e->size_on = 1;
        for (size_t v = 0; v < nn; v++) {
            double x = sg_analysis_value(e->a, e->size_measure, v);
            if (!isfinite(x))
                e->size_missing++;
            else if (x > e->size_max)
                e->size_max = x;
        }
        if (e->size_missing > 0)
            sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                        "figure: %zu node(s) have no %s value (undefined there); they are drawn "
                        "at the smallest size",
                        e->size_missing, o->size_by);
    }

    /* Colour. */
    const char *cb = o->color_by;
    e->colour_mode = !cb || !*cb || strcmp(cb, "type") == 0 ? 0
                     : strcmp(cb, "community") == 0          ? 1
                                                             : 2;
    if (e->colour_mode != 0) {
        e->node_key = calloc(nn + 1, sizeof *e->node_key);
        colour_key *keys = calloc(nn + 1, sizeof *keys);
        char (*tmp)[32] = calloc(nn + 1, sizeof *tmp);
        if (!e->node_key || !keys || !tmp) {
            free(keys);
            free(tmp);
            fail(b, SG_ENOMEM);
            return;
        }
        size_t nk = 0;
        for (size_t v = 0; v < nn; v++) {
            double num;
            const char *val = colour_value(b, v, tmp[v], &num);
            keys[nk++] = (colour_key){val, num, ""};
        }
        qsort(keys, nk, sizeof *keys,
              e->colour_mode == 1 ? colour_key_cmp_number : colour_key_cmp_text);
        size_t distinct = 0;
        for (size_t i = 0; i < nk; i++)
            if (distinct == 0 || strcmp(keys[distinct - 1].value, keys[i].value) != 0)
                keys[distinct++] = keys[i];
        /* the values point into the model or into tmp: keep copies */
        size_t named = 0;
        for (size_t i = 0; i < distinct; i++)
            named += keys[i].value[0] != '\0';
        size_t *offsets = calloc(distinct + 1, sizeof *offsets);
        if (!offsets) {
            free(keys);
            free(tmp);
            fail(b, SG_ENOMEM);
            return;
        }
        for (size_t i = 0; i < distinct; i++) {
            offsets[i] = e->scratch.len;
            sg_buf_append(&e->scratch, keys[i].value, strlen(keys[i].value) + 1);
        }
        for (size_t i = 0; i < distinct; i++) {
            if (keys[i].value[0] == '\0')
                snprintf(keys[i].fill, sizeof keys[i].fill, "%s", NO_VALUE_FILL);
            else if (o->grayscale)
                sg_theme_gray(i, named, keys[i].fill);
            else
                snprintf(keys[i].fill, sizeof keys[i].fill, "%s",
                         e->colour_mode == 1 ? sg_theme_community_colour(i)
                                             : sg_theme_category_colour(i));
        }
        for (size_t v = 0; v < nn; v++) {
            double num;
            const char *val = colour_value(b, v, tmp[v], &num);
            colour_key probe = {val, num, ""};
            colour_key *hit = bsearch(&probe, keys, distinct, sizeof *keys,
                                      e->colour_mode == 1 ? colour_key_cmp_number
                                                          : colour_key_cmp_text);
            e->node_key[v] = hit ? (size_t)(hit - keys) : 0;
        }
        if (e->scratch.failed) {
            fail(b, SG_ENOMEM);
        } else {
            for (size_t i = 0; i < distinct; i++)
                keys[i].value = e->scratch.data + offsets[i];
        }
        free(offsets);
        free(tmp);
        e->keys = keys;
        e->nkeys = distinct;
        if (e->colour_mode == 2 && named == 0 && nn > 0)
            warn_no_colour_attr(b, cb, diag);
        else if (!o->grayscale && named > 8)
            sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                        "figure: %zu values of %s to colour; beyond 8 colours not all are told "
                        "apart by colour-blind readers%s",
                        named, e->colour_mode == 1 ? "community" : cb,
                        named > (e->colour_mode == 1 ? sg_theme_community_colour_count()
                                                     : sg_theme_category_colour_count())
                            ? (e->colour_mode == 1 ? ", and beyond 16 colours repeat"
                                                   : ", and beyond 17 colours repeat")
                            : "");
        else if (o->grayscale && named > 6)
            sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                        "figure: %zu values of %s in grays; beyond 6 grays are hard to tell "
                        "apart",
                        named, e->colour_mode == 1 ? "community" : cb);
    }

    /* Edge width. */
    int mode = o->edge_width;
    if (mode == SG_EDGE_WIDTH_NONE || ne == 0)
        return;
    const char **units = calloc(ne + 1, sizeof *units);
    size_t *counts = calloc(ne + 1, sizeof *counts);
    size_t nu = 0;
    if (!units || !counts) {
        free(units);
        free(counts);
        fail(b, SG_ENOMEM);
        return;
    }
    for (size_t x = 0; x < ne; x++) {
        double a;
        const char *u;
        if (!edge_amount(b, x, &a, &u))
            continue;
        size_t k = 0;
        while (k < nu && strcmp(units[k], u) != 0)
            k++;
        if (k == nu)
            units[nu++] = u;
        counts[k]++;
    }
    if (nu > 0) {
        size_t best = 0;
        for (size_t k = 1; k < nu; k++)
            if (counts[k] > counts[best] ||
                (counts[k] == counts[best] && strcmp(units[k], units[best]) < 0))
                best = k;
        for (size_t k = 0; o->unit && k < nu; k++)
            if (strcmp(units[k], o->unit) == 0)
                best = k;
        e->width_mode = mode == SG_EDGE_WIDTH_LOG ? SG_EDGE_WIDTH_LOG : SG_EDGE_WIDTH_SQRT;
        e->unit = units[best];
        /* An edge without an amount is counted (and warned about) only when others of its
         * relation have one: relations that carry no money at all (implementation, say) are
         * simply drawn thin. `units` is reused as the list of relations with amounts. */
        size_t nr = 0;
        for (size_t x = 0; x < ne; x++) {
            double a;
            const char *u, *r = sg_graph_edge_relation(m, x);
            r = r ? r : "";
            if (!edge_amount(b, x, &a, &u))
                continue;
            size_t k = 0;
            while (k < nr && strcmp(units[nu + k], r) != 0)
                k++;
            if (k == nr && nu + nr < ne)
                units[nu + nr++] = r;
        }
        for (size_t x = 0; x < ne; x++) {
            double a;
            const char *u, *r = sg_graph_edge_relation(m, x);
            r = r ? r : "";
            size_t k = 0;
            while (k < nr && strcmp(units[nu + k], r) != 0)
                k++;
            if (!edge_amount(b, x, &a, &u)) {
                e->no_amount += k < nr;
                e->thin++;
            } else if (strcmp(u, e->unit) != 0) {
                e->other_unit++;
                e->thin++;
            } else {
                e->amount_max = a > e->amount_max ? a : e->amount_max;
                if (a > 0 && (e->amount_min == 0 || a < e->amount_min))
                    e->amount_min = a;
            }
        }
        if (e->no_amount + e->other_unit > 0)
            sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                        "figure: %zu edge(s) without an amount%s%s%s, among edges of the same "
                        "relation with one, are drawn at the smallest width",
                        e->no_amount + e->other_unit, e->other_unit ? " in " : "",
                        e->other_unit ? (*e->unit ? e->unit : "no unit") : "",
                        e->other_unit ? " (amounts in other units are never compared)" : "");
    }
    free(units);
    free(counts);
}

static void free_encoding(encoding *e) {
    free(e->keys);
    free(e->node_key);
    free(e->type_gray);
    sg_buf_free(&e->scratch);
}

/* The style of a node: its type's, with the fill of the colour key or of grayscale. */
static sg_node_style node_style(const builder *b, size_t v, size_t k) {
    sg_node_style st = *sg_theme_type_style(b->theme, k);
    if (b->enc.colour_mode != 0 && b->enc.keys)
        st.fill = b->enc.keys[b->enc.node_key[v]].fill;
    else if (b->enc.type_gray)
        st.fill = b->enc.type_gray[k];
    st.text = sg_theme_text_colour(st.fill);
    return st;
}

/* Order of a legend entry: known names in table order, then the others in order of first
 * appearance, the empty category last. */
typedef struct {
    size_t k;
    size_t rank;
} legend_entry;

static int legend_entry_cmp(const void *a, const void *b) {
    const legend_entry *x = a, *y = b;
    return (x->rank > y->rank) - (x->rank < y->rank);
}

/* Which categories the legend lists: all, except an empty one that stands alone. Stores them in
 * legend order in `out` (room for `count`) and returns how many. */
static size_t legend_select(const sg_theme *t, int relations, legend_entry *out) {
    size_t count = relations ? sg_theme_relation_count(t) : sg_theme_type_count(t);
    size_t n = 0, named = 0;
    for (size_t k = 0; k < count; k++) {
        int empty = relations ? sg_theme_relation_is_empty(t, k) : sg_theme_type_is_empty(t, k);
        size_t rank = relations ? sg_theme_relation_rank(t, k) : sg_theme_type_rank(t, k);
        out[n++] = (legend_entry){k, rank};
        named += !empty;
    }
    if (named == 0)
        return 0;
    qsort(out, n, sizeof *out, legend_entry_cmp);
    return n;
}

/* A free node name for a legend item: `base`, else base~2, base~3, ... */
static Agnode_t *legend_node(builder *b, Agraph_t *cluster, const char *prefix, size_t k) {
    sg_buf name = {0};
    sg_buf_printf(&name, "%s%zu", prefix, k);
    Agnode_t *n = name.failed ? NULL : make_node(b, cluster, name.data);
    if (name.failed)
        fail(b, SG_ENOMEM);
    sg_buf_free(&name);
    return n;
}

/* Estimated width in inches of a 9-point legend text: about 0.065 in per character. */
static double legend_width(const sg_theme *t, const legend_entry *types, size_t nt,
                           const legend_entry *rels, size_t nr, double min) {
    size_t cols = 0;
    for (size_t i = 0; i < nt + nr; i++) {
        const char *d = i < nt ? sg_theme_type_display(t, types[i].k)
                               : sg_theme_relation_display(t, rels[i - nt].k);
        size_t c = utf8_columns(d, strlen(d));
        cols = c > cols ? c : cols;
    }
    double w = 0.065 * (double)cols + 0.3;
    w = (double)(long)(w * 10.0 + 0.999) / 10.0;
    return w < min ? min : w;
}

/* Sets a legend size `name` (points or inches) to `v` times the legend's scale. */
static void legend_size(builder *b, void *obj, const char *name, double v) {
    set_number(b, obj, name, v * scale_or_one(b->legend_scale));
}

/* Sets a node's margin "x,y" (inches) times the legend's scale. */
static void legend_margin(builder *b, Agnode_t *n, double x, double y) {
    char v[2][32], m[72];
    double k = scale_or_one(b->legend_scale);
    sg_format_number(x * k, 3, v[0], sizeof v[0]);
    sg_format_number(y * k, 3, v[1], sizeof v[1]);
    snprintf(m, sizeof m, "%s,%s", v[0], v[1]);
    set(b, n, "margin", m);
}

/* A legend text node: `text` with Graphviz's line justification `justify` ("\\l" left,
 * "\\r" right), id prefix+k, in the legend's 9-point plain style (times its scale), `width`
 * inches wide. */
static void legend_text(builder *b, Agnode_t *n, const char *text, const char *justify,
                        const char *id_prefix, size_t k, const char *width) {
    sg_buf l = {0};
    label_text(text, 0, &l, &b->changed);
    sg_buf_puts(&l, justify);
    set_buf(b, n, "label", &l);
    sg_buf_free(&l);
    set_numbered(b, n, "id", id_prefix, k);
    set(b, n, "shape", "plaintext");
    set(b, n, "style", "solid");
    legend_size(b, n, "fontsize", 9);
    set(b, n, "width", width);
    legend_size(b, n, "height", 0.2);
}

/* A legend heading (plain text, left-justified) for one of the scales. */
static Agnode_t *legend_heading(builder *b, Agraph_t *c, size_t k, const char *text,
                                const char *width) {
    Agnode_t *n = legend_node(b, c, "legend_heading_", k);
    if (!n)
        return NULL;
    b->legend_anchor = b->legend_anchor ? b->legend_anchor : n;
    legend_text(b, n, text, "\\l", "legend_heading_", k, width);
    return n;
}

/* A sample row of a scale: `text` right-justified, then the sample (`end`) one rank on. The
 * edge between them is returned (drawn for an edge width sample, invisible otherwise). */
static Agedge_t *legend_sample(builder *b, Agraph_t *c, const char *prefix, size_t k,
                               const char *text, const char *width, Agnode_t **end) {
    sg_buf name = {0}, end_name = {0};
    sg_buf_printf(&name, "%s_text_", prefix);
    sg_buf_printf(&end_name, "%s_", prefix);
    Agnode_t *t = name.failed || end_name.failed ? NULL : legend_node(b, c, name.data, k);
    *end = t ? legend_node(b, c, end_name.data, k) : NULL;
    Agedge_t *e = *end && b->status == SG_OK ? agedge(c, t, *end, NULL, 1) : NULL;
    if (!e) {
        fail(b, name.failed || end_name.failed ? SG_ENOMEM : SG_ELIB);
        sg_buf_free(&name);
        sg_buf_free(&end_name);
        return NULL;
    }
    legend_text(b, t, text, "\\r", name.data, k, width);
    legend_margin(b, t, 0.1, 0.02);
    set_numbered(b, *end, "id", end_name.data, k);
    sg_buf_free(&end_name);
    /* dot keeps an edge within a group straight: the sample beside its text */
    sg_buf_free(&name);
    sg_buf_printf(&name, "%s_%zu", prefix, k);
    set_buf(b, t, "group", &name);
    set_buf(b, *end, "group", &name);
    sg_buf_free(&name);
    return e;
}

/* A legend's sample value: three significant digits, but every digit of the whole part (1624,
 * not 1.62e+03: a reader compares it with the report's table), grouped by three with a comma
 * ("1,200,000") in every locale; the fraction, if any, after a point. */
static void legend_number(double v, char *out, size_t size) {
    int digits = 3;
    for (double a = fabs(v); a >= 1000 && digits < 15; a /= 10)
        digits++;
    char plain[64];
    sg_format_number(v, digits, plain, sizeof plain);
    const char *p = plain;
    size_t whole = strspn(p + (*p == '-'), "0123456789"), o = 0;
    if (size == 0)
        return;
    if (strchr(plain, 'e')) /* an exponent: no whole part to group */
        whole = 0;
    if (*p == '-' && o + 1 < size)
        out[o++] = *p++;
    for (size_t i = 0; i < whole && o + 1 < size; i++) {
        if (i > 0 && (whole - i) % 3 == 0 && o + 2 < size)
            out[o++] = ',';
        out[o++] = *p++;
    }
    for (; *p && o + 1 < size; p++)
        out[o++] = *p;
    out[o] = '\0';
}

/* `v` (finite, > 0) rounded to two significant digits (ties to even, as printf), read back from
 * that decimal text, so that a legend's sample is the number it prints: 0.0833333 is 0.083,
 * 1624 is 1600, 4.25 is 4.2. Locale-independent (the digits of sg_decimal_digits(), an exponent
 * from %d, sg_parse_number() in the C locale); v itself when the text does not read back. */
static double two_digits(double v) {
    char dg[2], text[32];
    int x;
    double r;
    sg_decimal_digits(v, 2, dg, &x);
    snprintf(text, sizeof text, "%c%ce%d", dg[0], dg[1], x - 1);
    return sg_parse_number(text, &r) == 0 && r > 0 ? r : v;
}

/* The sample values of a scale of the legend (node size, edge width): s[0] > s[1] > s[2] > 0 as
 * computed, each raised to `lowest` (the smallest value drawn, so that no sample is below it;
 * 0 for none) and rounded to two significant digits (two_digits(): within 5 %), so that both
 * scales print alike (sizes 0.57, 0.14, 0.036; amounts 80,000,000, 20,000,000, 5,000,000 for
 * 79,704,000 and its quarter and sixteenth) and each sample is drawn at the value it prints.
 * Returns how many to draw: up to the first that does not decrease. */
static size_t legend_samples(double s[3], double lowest) {
    for (size_t i = 0; i < 3; i++) {
        s[i] = two_digits(s[i] < lowest ? lowest : s[i]);
        if (i > 0 && !(s[i] < s[i - 1]))
            return i;
    }
    return 3;
}

/* A row of the legend's width scale: the sample edge `x` (row `row`) drawn `pen` points wide
 * to an invisible end point. */
static void width_row(builder *b, Agnode_t *end, Agedge_t *x, size_t row, double pen) {
    set(b, end, "shape", "point");
    set(b, end, "style", "invis");
    set(b, end, "width", "0.03");
    set_numbered(b, x, "id", "legend_width_edge_", row);
    set(b, x, "minlen", "2");
    set(b, x, "dir", "none");
    set_number(b, x, "penwidth", pen); /* no arrowhead: no arrowsize (set_pen()) */
}

/* The scales of the figure in the legend, after types and relations, each only when used: the
 * colour key of --color-by, the edge widths (two or three amounts with their unit), the node
 * sizes (two or three values). Samples are drawn with the figure's own functions. */
static void legend_scales(builder *b, Agraph_t *c, const char *width) {
    encoding *e = &b->enc;
    size_t heading = 0;
    char num[64];
    if (e->colour_mode != 0 && e->keys && b->status == SG_OK) {
        sg_buf h = {0};
        sg_buf_printf(&h, "Colour: %s", e->colour_mode == 1 ? "community" : b->opts->color_by);
        if (!h.failed)
            legend_heading(b, c, heading++, h.data, width);
        sg_buf_free(&h);
        for (size_t i = 0; i < e->nkeys && b->status == SG_OK; i++) {
            Agnode_t *n = legend_node(b, c, "legend_colour_", i);
            if (!n)
                break;
            sg_buf l = {0};
            if (e->keys[i].value[0] == '\0')
                sg_buf_puts(&l, "No value");
            else
                sg_buf_printf(&l, "%s%s", e->colour_mode == 1 ? "Community " : "",
                              e->keys[i].value);
            if (l.failed) {
                fail(b, SG_ENOMEM);
            } else {
                set_label(b, n, l.data, 0);
            }
            sg_buf_free(&l);
            set_numbered(b, n, "id", "legend_colour_", i);
            set(b, n, "shape", "box");
            set(b, n, "fillcolor", e->keys[i].fill);
            set(b, n, "fontcolor", sg_theme_text_colour(e->keys[i].fill));
            legend_size(b, n, "fontsize", 9);
            set(b, n, "width", width);
            legend_size(b, n, "height", 0.25);
            legend_margin(b, n, 0.06, 0.02);
        }
    }
    if (e->width_mode && e->amount_max > 0 && b->status == SG_OK) {
        sg_buf h = {0};
        sg_buf_printf(&h, "Width: amount%s%s%s", *e->unit ? " (" : "", e->unit,
                      *e->unit ? ")" : "");
        if (!h.failed)
            legend_heading(b, c, heading++, h.data, width);
        sg_buf_free(&h);
        double samples[3] = {e->amount_max, e->amount_max / 4, e->amount_max / 16};
        size_t rows = 0;
        if (e->width_mode == SG_EDGE_WIDTH_LOG) {
            samples[1] = sqrt(e->amount_min * e->amount_max);
            samples[2] = e->amount_min;
        }
        size_t n = legend_samples(samples, e->amount_min);
        for (size_t i = 0; i < n && b->status == SG_OK; i++) {
            legend_number(samples[i], num, sizeof num);
            sg_buf l = {0};
            sg_buf_printf(&l, "%s%s%s", num, *e->unit ? " " : "", e->unit);
            Agnode_t *end = NULL;
            Agedge_t *x =
                l.failed ? NULL : legend_sample(b, c, "legend_width", i, l.data, width, &end);
            sg_buf_free(&l);
            if (!x)
                break;
            width_row(b, end, x, i, edge_pen(e, samples[i]));
            rows = i + 1;
        }
        /* The edges drawn thinnest for want of an amount (in the unit), as width_edge() draws
         * them: the figure's thin lines explained. */
        Agnode_t *end = NULL;
        Agedge_t *x = e->thin > 0 && b->status == SG_OK
                          ? legend_sample(b, c, "legend_width", rows,
                                          e->other_unit ? "other unit or none" : "no amount",
                                          width, &end)
                          : NULL;
        if (x)
            width_row(b, end, x, rows, PEN_MIN);
    }
    if (e->size_on && e->size_max > 0 && b->status == SG_OK) {
        /* The samples in the nodes' shape when they all have one (untyped nodes are boxes),
         * else circles, and the heading says that the area counts, not the shape. */
        const sg_node_style *one = NULL;
        int mixed = 0;
        for (size_t k = 0; k < sg_theme_type_count(b->theme) && !mixed; k++) {
            const sg_node_style *st = sg_theme_type_style(b->theme, k);
            if (!one)
                one = st;
            else
                mixed = strcmp(one->shape, st->shape) != 0 || strcmp(one->style, st->style) != 0;
        }
        if (mixed)
            one = NULL;
        sg_buf h = {0};
        sg_buf_printf(&h, "Size (area%s): %s", one ? "" : ", any shape", b->opts->size_by);
        if (!h.failed)
            legend_heading(b, c, heading++, h.data, width);
        sg_buf_free(&h);
        /* the largest value, a quarter and a sixteenth of it (legend_samples()) */
        double samples[3] = {e->size_max, e->size_max / 4, e->size_max / 16};
        size_t n = legend_samples(samples, 0);
        for (size_t i = 0; i < n && b->status == SG_OK; i++) {
            legend_number(samples[i], num, sizeof num);
            Agnode_t *end = NULL;
            Agedge_t *x = legend_sample(b, c, "legend_size", i, num, width, &end);
            if (!x)
                break;
            set(b, x, "style", "invis");
            set(b, x, "minlen", "2"); /* in the column of the sample lines' ends */
            /* the text as tall as its circle: the two centred on one row */
            set_number(b, agtail(x), "height", node_diameter(e, samples[i]));
            set(b, end, "shape", one ? one->shape : "circle");
            if (one && strcmp(one->style, "filled") != 0)
                set(b, end, "style", one->style);
            set(b, end, "label", "");
            set(b, end, "fillcolor", "#FFFFFF");
            set(b, end, "fixedsize", "true");
            set_number(b, end, "width", node_diameter(e, samples[i]));
            set_number(b, end, "height", node_diameter(e, samples[i]));
        }
    }
}

/* The legend: a cluster with one sample node per type (drawn as in the figure, named by the
 * type's display name) and, per relation, its name followed by a short edge in its style, then
 * the scales: one column of rows, each row a node or a text and its sample joined by an edge,
 * which arrange_legend() then packs into columns. Texts are 9 points times b->legend_scale
 * (the title 11); the samples of node size and edge width keep the figure's own sizes. */
static void build_legend(builder *b, const legend_entry *types, size_t nt, const legend_entry *rels,
                         size_t nr) {
    const sg_theme *t = b->theme;
    Agraph_t *c = agsubg(b->g, "cluster_legend", 1);
    if (!c) {
        fail(b, SG_ELIB);
        return;
    }
    set(b, c, "label", "Legend");
    set(b, c, "id", "legend");
    legend_size(b, c, "fontsize", 11);
    set(b, c, "labeljust", "l");
    set(b, c, "style", "rounded");
    set(b, c, "color", LEGEND_FRAME);
    legend_size(b, c, "margin", 8);
    char type_width[32];
    sg_format_number(legend_width(t, types, nt, rels, nr, 1.6) * scale_or_one(b->legend_scale), 3,
                     type_width, sizeof type_width);
    for (size_t i = 0; i < nt && b->status == SG_OK; i++) {
        Agnode_t *n = legend_node(b, c, "legend_type_", i);
        if (!n)
            break;
        b->legend_anchor = b->legend_anchor ? b->legend_anchor : n;
        set_label(b, n, sg_theme_type_display(t, types[i].k), 0);
        set_numbered(b, n, "id", "legend_type_", i);
        sg_node_style st = *sg_theme_type_style(t, types[i].k);
        if (b->enc.colour_mode != 0) /* the colour says something else: shape alone */
            st.fill = "#FFFFFF";
        else if (b->enc.type_gray)
            st.fill = b->enc.type_gray[types[i].k];
        st.text = sg_theme_text_colour(st.fill);
        style_node(b, n, &st);
        legend_size(b, n, "fontsize", 9);
        set(b, n, "width", type_width);
        legend_size(b, n, "height", 0.25);
        legend_margin(b, n, 0.06, 0.02);
    }
    for (size_t i = 0; i < nr && b->status == SG_OK; i++) {
        Agnode_t *text = legend_node(b, c, "legend_relation_", i);
        Agnode_t *end = text ? legend_node(b, c, "legend_relation_end_", i) : NULL;
        if (!end)
            break;
        b->legend_anchor = b->legend_anchor ? b->legend_anchor : text;
        /* right-justified, next to the sample line */
        legend_text(b, text, sg_theme_relation_display(t, rels[i].k), "\\r", "legend_relation_",
                    i, type_width);
        legend_margin(b, text, 0.1, 0.02); /* a gap between the name and the line */
        set_numbered(b, end, "id", "legend_relation_end_", i);
        set(b, end, "shape", "point");
        set(b, end, "style", "invis");
        set(b, end, "width", "0.03");
        Agedge_t *e = b->status == SG_OK ? agedge(c, text, end, NULL, 1) : NULL;
        if (!e) {
            fail(b, SG_ELIB);
            break;
        }
        set_numbered(b, e, "id", "legend_edge_", i);
        set(b, e, "minlen", "2"); /* a sample line about an inch long */
        style_edge(b, e, sg_theme_relation_style(t, rels[i].k));
        if (b->enc.width_mode) /* width is the amount's: the line as an edge without one */
            set_pen(b, e, PEN_MIN);
    }
    legend_scales(b, c, type_width);
}

/* Grayscale fills of the types: sg_theme_type_gray(), a function of the type's colour, so the
 * same in every figure (the grid's too). */
static void type_grays(builder *b) {
    size_t nt = sg_theme_type_count(b->theme);
    b->enc.type_gray = calloc(nt + 1, sizeof *b->enc.type_gray);
    if (!b->enc.type_gray) {
        fail(b, SG_ENOMEM);
        return;
    }
    for (size_t k = 0; k < nt; k++)
        sg_theme_type_gray(b->theme, k, b->enc.type_gray[k]);
}

/* The columns node labels wrap at (sg_render_options.label_width): 0 for never. */
static size_t label_columns(const builder *b) {
    int w = b->opts->label_width;
    return w < 0 ? 0 : w == 0 ? WRAP_COLUMNS : (size_t)w;
}

/* With --size-by: the node's fixed size, from its value. */
static void size_node(builder *b, Agnode_t *n, size_t v) {
    if (!b->enc.size_on)
        return;
    double d = node_diameter(&b->enc, sg_analysis_value(b->enc.a, b->enc.size_measure, v));
    set_number(b, n, "width", d);
    set_number(b, n, "height", d);
    set(b, n, "fixedsize", "true");
}

/* 1 when the label of sized node v fits inside it: about 0.085 in a character at 11 points, 0.2
 * in a line, in 70 % of the node's width and height. */
static int label_fits(const builder *b, const char *text, size_t v) {
    const char *s = text ? text : "";
    size_t len = strlen(s);
    if (memchr(s, '\n', len) || memchr(s, '\r', len))
        return 0;
    size_t w = wrap_width(s, len, label_columns(b));
    size_t cols = w ? w : utf8_columns(s, len), lines = w ? wrap_lines(s, len, w) : 1;
    double d = node_diameter(&b->enc, sg_analysis_value(b->enc.a, b->enc.size_measure, v));
    double k = scale_or_one(b->label_scale);
    return 0.085 * k * (double)cols <= 0.7 * d && 0.2 * k * (double)lines <= 0.7 * d;
}

/* The label of a sized node that does not fit in it: an external label (xlabel), in black, the
 * node itself without text; a long label is wrapped as a node label is. */
static void set_xlabel(builder *b, Agnode_t *n, const char *text) {
    sg_buf l = {0};
    label_text(text, label_columns(b), &l, &b->changed);
    set_buf(b, n, "xlabel", &l);
    sg_buf_free(&l);
    set(b, n, "label", "");
    /* the text stands on the page, not on the fill: white text for a dark fill would vanish */
    set(b, n, "fontcolor", "#000000");
}

/* Appends text for a Graphviz tooltip: cleaned, '&' as "&amp;" (Graphviz passes entities
 * through to the SVG), a line end as "\\n"; a backslash, which Graphviz's escapes in tooltips
 * would eat or expand (\\N is the node's name), is shown as U+29F5 REVERSE SOLIDUS OPERATOR. */
static void tooltip_text(builder *b, sg_buf *out, const char *text) {
    sg_buf clean = {0};
    size_t ignored = 0;
    clean_text(text ? text : "", &clean, &ignored);
    for (const char *p = clean.data ? clean.data : ""; *p; p++) {
        if (*p == '&')
            sg_buf_puts(out, "&amp;");
        else if (*p == '\\')
            sg_buf_puts(out, "\xE2\xA7\xB5");
        else if (*p == '\n')
            sg_buf_puts(out, "\\n");
        else
            sg_buf_putc(out, *p);
    }
    if (clean.failed)
        fail(b, SG_ENOMEM);
    sg_buf_free(&clean);
}

static void tooltip_measure(builder *b, sg_buf *out, sg_measure m, size_t v) {
    if (!b->enc.a || !sg_analysis_computed(b->enc.a, m))
        return;
    double x = sg_analysis_value(b->enc.a, m, v);
    char num[32];
    if (isfinite(x))
        sg_format_number(x, 6, num, sizeof num);
    else
        snprintf(num, sizeof num, "undefined");
    sg_buf_printf(out, "\\n%s: %s", sg_measure_name(m), num);
}

/* The node's tooltip (SVG): the input's own `tooltip` text when the node has one, then its
 * label, type, colour-by value and measures, one per line. */
static void node_tooltip(builder *b, Agnode_t *n, size_t v, size_t k) {
    sg_buf t = {0};
    const char *own = sg_graph_attr(b->model, SG_ON_NODE, v, "tooltip");
    if (own && *own) {
        tooltip_text(b, &t, own);
        sg_buf_puts(&t, "\\n");
    }
    tooltip_text(b, &t, sg_graph_node_label(b->model, v));
    sg_buf_puts(&t, "\\ntype: ");
    tooltip_text(b, &t, sg_theme_type_display(b->theme, k));
    if (b->enc.colour_mode != 0 && b->enc.keys) {
        const char *val = b->enc.keys[b->enc.node_key[v]].value;
        sg_buf_puts(&t, "\\n");
        tooltip_text(b, &t, b->enc.colour_mode == 1 ? "community" : b->opts->color_by);
        sg_buf_puts(&t, ": ");
        tooltip_text(b, &t, *val ? val : "none");
    }
    if (b->enc.size_on && b->enc.size_measure != SG_DEGREE &&
        b->enc.size_measure != SG_BETWEENNESS)
        tooltip_measure(b, &t, b->enc.size_measure, v);
    tooltip_measure(b, &t, SG_DEGREE, v);
    tooltip_measure(b, &t, SG_BETWEENNESS, v);
    set_buf(b, n, "tooltip", &t);
    sg_buf_free(&t);
}

/* With edge widths by amount: the pen width of edge x from its amount; the smallest width when
 * it has none in the unit of the scale. */
static void width_edge(builder *b, Agedge_t *e, size_t x) {
    if (!b->enc.width_mode)
        return;
    double a;
    const char *u;
    int has = edge_amount(b, x, &a, &u) && strcmp(u, b->enc.unit) == 0;
    set_pen(b, e, has ? edge_pen(&b->enc, a) : PEN_MIN);
}

/* How many links edge x stands for: its `count` (a collapsed view's or merged parallel edges'
 * edge, sg_view) when that is a number above 1 (and below 1e15), else 1. */
static double edge_links(const sg_graph *m, size_t x) {
    const char *count = sg_graph_attr(m, SG_ON_EDGE, x, "count");
    char *end = NULL;
    double links = count ? strtod(count, &end) : 0;
    return count && end != count && *end == '\0' && links > 1 && links < 1e15 ? links : 1;
}

/* Builds the styled graph of `model` in canonical order. */
static int build(builder *b, const char *title) {
    const sg_graph *m = b->model;
    size_t nn = sg_graph_node_count(m), ne = sg_graph_edge_count(m);
    node_key *nodes = calloc(nn + 1, sizeof *nodes);
    edge_key *edges = calloc(ne + 1, sizeof *edges);
    Agnode_t **gv_nodes = calloc(nn + 1, sizeof *gv_nodes); /* by model index */
    if (!nodes || !edges || !gv_nodes) {
        fail(b, SG_ENOMEM);
        goto done;
    }
    for (size_t i = 0; i < nn; i++)
        nodes[i] = (node_key){sg_graph_node_id(m, i), i};
    qsort(nodes, nn, sizeof *nodes, node_key_cmp);
    for (size_t i = 0; i < ne; i++) {
        edges[i] = (edge_key){sg_graph_node_id(m, sg_graph_edge_source(m, i)),
                              sg_graph_node_id(m, sg_graph_edge_target(m, i)),
                              sg_graph_edge_relation(m, i), i};
    }
    qsort(edges, ne, sizeof *edges, edge_key_cmp);

    Agdesc_t desc = sg_graph_directed(m) ? Agdirected : Agundirected;
    b->g = agopen("stakegraph", desc, NULL);
    if (!b->g) {
        fail(b, SG_ELIB);
        goto done;
    }
    build_defaults(b, title);
    copy_attrs(b, b->g, SG_ON_GRAPH, 0);
    /* The types first, in canonical order: an unknown type's colour depends on the others. */
    for (size_t i = 0; i < nn && b->status == SG_OK; i++) {
        size_t k;
        if (sg_theme_add_type(b->theme, sg_graph_node_type(m, nodes[i].index), &k) != SG_OK)
            fail(b, SG_ENOMEM);
    }
    if (b->status == SG_OK && b->opts->grayscale && b->enc.colour_mode == 0)
        type_grays(b);
    /* The caption is added after the layout (place_figure), where it cannot move a node. */
    Agraph_t *parent = b->g;

    for (size_t i = 0; i < nn && b->status == SG_OK; i++) {
        size_t v = nodes[i].index, k;
        if (sg_theme_add_type(b->theme, sg_graph_node_type(m, v), &k) != SG_OK) {
            fail(b, SG_ENOMEM);
            break;
        }
        Agnode_t *n = make_node(b, parent, nodes[i].id);
        if (!n)
            break;
        gv_nodes[v] = n;
        set_numbered(b, n, "id", "node_", i);
        sg_node_style st = node_style(b, v, k);
        style_node(b, n, &st);
        size_node(b, n, v);
        /* a collapsed view's group carries its display name (sg_view_collapse()) */
        const char *label = sg_graph_node_label(m, v);
        if (b->enc.size_on && !label_fits(b, label, v))
            set_xlabel(b, n, label); /* beside the node */
        else
            set_label(b, n, label, label_columns(b));
        node_tooltip(b, n, v, k);
        copy_attrs(b, n, SG_ON_NODE, v);
    }
    for (size_t i = 0; i < ne && b->status == SG_OK; i++) {
        size_t x = edges[i].index, k;
        if (sg_theme_add_relation(b->theme, edges[i].relation, &k) != SG_OK) {
            fail(b, SG_ENOMEM);
            break;
        }
        Agedge_t *e = agedge(b->g, gv_nodes[sg_graph_edge_source(m, x)],
                             gv_nodes[sg_graph_edge_target(m, x)], NULL, 1);
        if (!e) {
            fail(b, SG_ELIB);
            break;
        }
        set_numbered(b, e, "id", "edge_", i);
        style_edge(b, e, sg_theme_relation_style(b->theme, k));
        width_edge(b, e, x);
        const char *label = sg_graph_attr(m, SG_ON_EDGE, x, "label");
        /* An edge of a collapsed view stands for `count` links: "×count" as (or after) its
         * label, in the edges' small font, when it stands for more than one. */
        double links = edge_links(m, x);
        if (links > 1) {
            sg_buf l = {0};
            sg_buf_printf(&l, "%s%s\xc3\x97%.0f", label && *label ? label : "",
                          label && *label ? " " : "", links);
            if (l.failed || !l.data)
                fail(b, SG_ENOMEM);
            else
                set_label(b, e, l.data, 0);
            sg_buf_free(&l);
        } else if (label && *label)
            set_label(b, e, label, 0);
        copy_attrs(b, e, SG_ON_EDGE, x);
        /* The amount (model `weight`, else `amount`) never becomes Graphviz's layout weight. */
        const char *amount = sg_graph_attr(m, SG_ON_EDGE, x, "weight");
        if (!amount)
            amount = sg_graph_attr(m, SG_ON_EDGE, x, "amount");
        if (amount)
            copy_attr(b, e, "amount", amount);
    }
    /* A graph without nodes: a note under the title, which Graphviz would otherwise leave
     * out of a drawing of nothing (a blank 60 x 60 pixel PNG). */
    if (nn == 0 && b->status == SG_OK) {
        Agnode_t *n = make_node(b, b->g, "no_stakeholders");
        if (n) {
            set(b, n, "id", "no_stakeholders");
            set(b, n, "shape", "plaintext");
            set(b, n, "style", "solid");
            set(b, n, "fontcolor", "#444444");
            set(b, n, "label", "No stakeholders");
        }
    }
done:
    free(nodes);
    free(edges);
    free(gv_nodes);
    return b->status;
}

/* ---------------------------------------------------------------------------------------- */
/* Rendering                                                                                */

/* Writes `g` as DOT into a new NUL-terminated buffer. */
static int write_dot(Agraph_t *g, char **text, size_t *size) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return SG_ENOMEM;
    int rc = agwrite(g, f);
    if (fclose(f) != 0 || !buf) {
        free(buf);
        return SG_ENOMEM;
    }
    if (rc != 0) {
        free(buf);
        return SG_ELIB;
    }
    *text = buf;
    *size = len;
    return SG_OK;
}

/* The Graphviz context, made at the first render and kept for the life of the process.
 *
 * Not one context per call, as one would like: Graphviz 2.43's pango plugin keeps, in a static
 * variable, a pointer to the name of the last font it laid out, and that name belongs to the
 * context's font table. gvFreeContext() frees the table and leaves the pointer dangling; the next
 * render, in a new context, reads it (valgrind: "Invalid read" in strcmp called from
 * libgvplugin_pango). With one context the name stays valid. Graphs and layouts are still made
 * and freed within each call; the context holds only the plugin configuration and font table. */
static GVC_t *shared_context(void) {
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    return gvc;
}

/* One call's Graphviz state. */
typedef struct {
    GVC_t *gvc;
    const char *step; /* the Graphviz step that failed, for the message */
} session;

/* SG_ELIB, remembering the step, when Graphviz reported an error (since the call began) or
 * `failed` is set. */
static int check(session *s, const char *step, int failed) {
    if (failed || agerrors() >= AGERR || log_errors() > 0) {
        s->step = s->step ? s->step : step;
        return SG_ELIB;
    }
    return SG_OK;
}

/* Reads DOT `text` back and lays it out with `engine` (dot, or nop2 for a graph whose nodes and
 * edges all have their positions). On success stores the laid-out graph (free with
 * gvFreeLayout() and agclose()). */
static int layout_text(session *s, const char *text, const char *engine, const char *dpi,
                       Agraph_t **out) {
    Agraph_t *g = agmemread(text);
    int rc = check(s, "reading the DOT back", !g);
    if (rc == SG_OK && dpi)
        rc = check(s, "setting the resolution", agsafeset(g, "dpi", (char *)dpi, "") != 0);
    if (rc == SG_OK)
        rc = check(s, "the layout", gvLayout(s->gvc, g, engine) != 0);
    if (rc == SG_OK) {
        *out = g;
    } else if (g) {
        gvFreeLayout(s->gvc, g);
        agclose(g);
    }
    return rc;
}

/* ---------------------------------------------------------------------------------------- */
/* The layout: the drawing, then the legend and the caption placed beside or below it       */

/* Layout attributes of neato, fdp, sfdp, circo and twopi (Graphviz 2.43 attribute reference).
 * overlap=prism removes node overlaps, so that labels (inside their nodes) do not overlap,
 * keeping the layout's proportions (Gansner and Hu 2010, "Efficient, proximity-preserving node
 * overlap removal"). Edges are routed around the nodes (splines=true) up to SPLINES_MAX,
 * straight beyond: routing takes seconds at 700 nodes + edges and minutes on 500 nodes / 2,000
 * edges, sfdp's layout 2 s. start=1 seeds the random start, so that a graph always gives the
 * same figure. Beyond SPLINES_MAX, sfdp's prism makes at most 50 passes (PRISM_CAPPED), each a
 * Delaunay triangulation of the nodes: on the generator's graphs it needs 27 to 43 passes to
 * part the neighbours and 10 to 20 more to part every pair, then repeats passes that report the
 * smallest overlap it knows (0.1 %) until one finds none (500 nodes / 2,000 edges: 89 passes,
 * half of the draw's instructions). lay_out_in_place() checks the capped result and lays the
 * graph out again uncapped if two nodes still overlap. */
#define SPRING_SEP "+12"
#define SPRING_SEP_NODES 50
static void engine_attrs(builder *b, const char *engine) {
    const sg_graph *m = b->model;
    int small = sg_graph_node_count(m) + sg_graph_edge_count(m) <= SPLINES_MAX;
    if (strcmp(engine, "circo") != 0) /* circo keeps its circles apart itself */
        set(b, b->g, "overlap",
            strcmp(engine, "sfdp") == 0 && !small ? PRISM_CAPPED : "prism");
    set(b, b->g, "splines", small ? "true" : "line");
    if (strcmp(engine, "neato") == 0 || strcmp(engine, "fdp") == 0 ||
        strcmp(engine, "sfdp") == 0) {
        set(b, b->g, "start", "1");
        if (small && !b->enc.size_on && sg_graph_node_count(m) <= SPRING_SEP_NODES) {
            /* The overlap removal keeps nodes SPRING_SEP points apart on each side, room for
             * an arrowhead and the line before it (Graphviz's default, 4, left EU Delegation
             * and IOM 8 points apart with fdp, IOM and the Presidency of Migration Management
             * with sfdp: the arrow between them hidden); the router's margin stays 3.2
             * (ROUTE_MARGIN: esep follows sep unless given). Not with --size-by, where a node
             * is laid out as the box of itself and its label below it (lay_out_labelled): the
             * label keeps the node's edges apart already, and a larger sep spread Les
             * Misérables' dense centre so that 2 edges crossed labels. Nor beyond
             * SPRING_SEP_NODES nodes: the drawing grows and its labels print smaller (Les
             * Misérables, 77 nodes: 5.96 -> 5.66 points; karate, 34: 4.13 -> 4.56, its nodes
             * 8 -> 24.5 points apart). */
            set(b, b->g, "sep", SPRING_SEP);
            set(b, b->g, "esep", "+3.2");
        }
    }
    if (strcmp(engine, "twopi") == 0)
        set(b, b->g, "ranksep", "1"); /* between the circles */
}

/* Appends Graphviz's point list `pos` ("x,y"; an edge's "e,x,y s,x,y x,y ..."; a box
 * "x1,y1,x2,y2"; in points) moved by (dx, dy). 0 on success, -1 when it does not parse. */
static int shift_points(const char *pos, double dx, double dy, sg_buf *out) {
    size_t k = 0; /* numbers so far: x when even, y when odd */
    for (const char *p = pos; *p;) {
        if (*p == ' ' || *p == ',' || ((*p == 'e' || *p == 's') && p[1] == ',')) {
            sg_buf_putc(out, *p++);
            continue;
        }
        char *end;
        double v = strtod(p, &end); /* the C locale: see locale_enter */
        if (end == p)
            return -1;
        char num[32];
        sg_format_number(v + (k % 2 ? dy : dx), 10, num, sizeof num);
        sg_buf_puts(out, num);
        k++;
        p = end;
    }
    if (!out->data)
        sg_buf_append(out, "", 0);
    return k % 2 == 0 && !out->failed ? 0 : -1;
}

/* Sets `name` of `obj` to `name` of `from` moved by (dx, dy); nothing when `from` has none. */
static void set_shifted(builder *b, void *obj, void *from, const char *name, double dx,
                        double dy) {
    const char *v = agget(from, (char *)name);
    if (!v || !*v)
        return;
    sg_buf moved = {0};
    if (shift_points(v, dx, dy, &moved) != 0)
        fail(b, moved.failed ? SG_ENOMEM : SG_ELIB);
    else
        set_buf(b, obj, name, &moved);
    sg_buf_free(&moved);
}

/* The box "x1,y1,x2,y2" of graph `g` in `box`; 0, or -1 when it has none. */
static int read_box(Agraph_t *g, double bb[4]) {
    const char *v = agget(g, "bb");
    return v && sscanf(v, "%lf,%lf,%lf,%lf", &bb[0], &bb[1], &bb[2], &bb[3]) == 4 ? 0 : -1;
}

/* Sets the box attribute `bb` of graph or cluster `g` to "x1,y1,x2,y2" (points). */
static void set_box(builder *b, Agraph_t *g, const double bb[4]) {
    sg_buf v = {0};
    char num[4][32];
    for (int k = 0; k < 4; k++)
        sg_format_number(bb[k], 10, num[k], sizeof num[k]);
    sg_buf_printf(&v, "%s,%s,%s,%s", num[0], num[1], num[2], num[3]);
    set_buf(b, g, "bb", &v);
    sg_buf_free(&v);
}

/* The height the title takes at the top of a laid-out graph (lheight, in inches), with its gap;
 * 0 without a title. */
static double title_height(Agraph_t *g) {
    const char *lh = agget(g, "lheight");
    return lh && *lh ? strtod(lh, NULL) * 72.0 + 8.0 : 0;
}

static Agnode_t *node_with_id(Agraph_t *g, const char *id) {
    for (Agnode_t *n = agfstnode(g); n && id; n = agnxtnode(g, n))
        if (strcmp(agget(n, "id") ? agget(n, "id") : "", id) == 0)
            return n;
    return NULL;
}

static Agedge_t *edge_with_id(Agraph_t *g, const char *id) {
    for (Agnode_t *n = agfstnode(g); n && id; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e))
            if (strcmp(agget(e, "id") ? agget(e, "id") : "", id) == 0)
                return e;
    return NULL;
}

/* 1 when two nodes of laid-out `g` overlap: their boxes (ND_coord, ND_width, ND_height) share
 * more than half a point each way, as tests/cli/label_overlaps.py counts them. A sweep over the
 * boxes sorted by their left sides. 0 also when out of memory (the figure stays as laid out). */
typedef struct {
    double x1, y1, x2, y2; /* points */
} node_box;

static int box_left_cmp(const void *a, const void *b) {
    double l = ((const node_box *)a)->x1, r = ((const node_box *)b)->x1;
    return (l > r) - (l < r);
}

static int boxes_overlap(Agraph_t *g) {
    size_t n = (size_t)agnnodes(g), k = 0;
    node_box *nb = malloc((n + 1) * sizeof *nb);
    if (!nb)
        return 0;
    for (Agnode_t *v = agfstnode(g); v && k < n; v = agnxtnode(g, v), k++) {
        double hw = ND_width(v) * 36.0, hh = ND_height(v) * 36.0; /* half, inches to points */
        nb[k] = (node_box){ND_coord(v).x - hw, ND_coord(v).y - hh, ND_coord(v).x + hw,
                           ND_coord(v).y + hh};
    }
    qsort(nb, k, sizeof *nb, box_left_cmp);
    int found = 0;
    for (size_t i = 0; i < k && !found; i++)
        for (size_t j = i + 1; j < k && nb[j].x1 < nb[i].x2 - 0.5 && !found; j++)
            found = (nb[i].y2 < nb[j].y2 ? nb[i].y2 : nb[j].y2) -
                        (nb[i].y1 > nb[j].y1 ? nb[i].y1 : nb[j].y1) >
                    0.5;
    free(nb);
    return found;
}

/* Address space for fdp's graph objects (layout_arena.h), reserved, not committed: laying out
 * the default graph took 26 kB of it, usaid-tr.gv (23 nodes, 66 edges) 59 kB, a graph of 500
 * nodes and 2,000 edges 1.9 MB, so under 1 kB per node and edge. */
#define ARENA_BASE ((size_t)16 << 20)
#define ARENA_PER_OBJECT ((size_t)4 << 10)

/* gvLayout(); with fdp, the graph objects Graphviz makes in the layout at addresses in the order
 * it makes them (layout_arena.h), so that the layout is the same every run. */
static int layout_call(session *s, Agraph_t *g, const char *engine) {
    if (strcmp(engine, "fdp") != 0)
        return gvLayout(s->gvc, g, engine);
    size_t objects = (size_t)agnnodes(g) + (size_t)agnedges(g);
    /* when no region can be had (-1), the layout runs on cgraph's own allocator */
    (void)sg_layout_arena_begin(ARENA_BASE + objects * ARENA_PER_OBJECT);
    int rc = gvLayout(s->gvc, g, engine);
    sg_layout_arena_end();
    return rc;
}

/* Lays `g` out with `engine` and keeps the result as attributes, as Graphviz's -Tdot writes them
 * (attach_attrs): pos of nodes and edges, bb and lp of the graph and its clusters, the nodes'
 * width and height; then frees the layout. In place: writing the graph as DOT and reading it
 * back would cost as much again as sfdp's layout of a 500-node graph. With overlap=PRISM_CAPPED
 * (engine_attrs) and two nodes left overlapping, the graph is laid out again with the uncapped
 * prism (a figure other than one uncapped layout would give: Graphviz 2.43's sfdp lays a graph
 * out differently the first time in a process than after, but as free of overlaps). */
/* Graphviz 2.43 (shapes.c, poly_init) sizes a skewed polygon by placing the corners of a box of
 * the width it is given, shifting them sideways by the skew, and widening the node to hold the
 * shifted corners: a parallelogram (skew 0.6) is drawn 1.0368 times the width it is given,
 * twice the corner (sqrt 2 / 4, sqrt 2 / 4) at hypot(skew, 1) + skew / 2 times its x. Sizing it
 * again when the placed figure is drawn (nop2) would widen it once more. So the width the
 * layout gave such a node (attach_attrs) is divided by that growth: Graphviz draws it as wide
 * as it was laid out. Before: CARANA Corporation in USAID's figure 2.2 points past the box the
 * legend was placed from, and wider at each nop2 stage. The other shapes Graphviz has do not
 * grow (their distortion narrows one side). */
static void unskew_widths(Agraph_t *g) {
    const double growth = M_SQRT1_2 * (hypot(0.6, 1.0) + 0.3);
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        const char *shape = agget(n, "shape");
        if (!shape || strcmp(shape, "parallelogram") != 0)
            continue;
        char num[32];
        sg_format_number(ND_width(n) / growth, 6, num, sizeof num);
        agsafeset(n, "width", num, "");
    }
}

static int lay_out_in_place(session *s, Agraph_t *g, const char *engine) {
    int rc = check(s, "the layout", layout_call(s, g, engine) != 0);
    const char *overlap = agget(g, "overlap");
    if (rc == SG_OK && overlap && strcmp(overlap, PRISM_CAPPED) == 0 && boxes_overlap(g)) {
        /* the capped overlap removal left some: the layout again, uncapped */
        gvFreeLayout(s->gvc, g);
        rc = check(s, "the layout", agsafeset(g, "overlap", "prism", "") != 0);
        if (rc == SG_OK)
            rc = check(s, "the layout", layout_call(s, g, engine) != 0);
    }
    if (rc == SG_OK) {
        attach_attrs(g);
        unskew_widths(g);
    }
    gvFreeLayout(s->gvc, g);
    return rc == SG_OK ? check(s, "the layout", 0) : rc;
}

/* ---------------------------------------------------------------------------------------- */
/* Labels beside their nodes: room left by the layout, edges kept off them                  */

/* A sized node whose label does not fit in it has its label beside it (xlabel, set_xlabel).
 * Graphviz places xlabels after the layout in the room the layout happened to leave: neato's
 * overlap removal does not see them (Les Misérables: 50 overlaps in the dense centre), nor
 * does the placement see the edges (dot: 97 labels crossed by an edge). So such a node is laid
 * out as the box of itself and its label, the node at the top, centred, its label LABEL_GAP
 * below; then the node gets its own size at the top of its box, the label is pinned below it
 * (xlp), and the edges are routed again with the nodes in place (layout nop2, splines=true),
 * around the nodes and around a box over each label (an invisible node, removed afterwards). */
/* Graphviz's router keeps an edge ROUTE_MARGIN points (esep) off every node, and gives up on
 * curves for the whole graph when two nodes' margins touch (Plegal_arrangement). */
#define ROUTE_MARGIN 3.2
#define LABEL_GAP 6.4 /* points between a node and its label below it */
/* Graphviz's router keeps edges esep (ROUTE_MARGIN, 3.2 points by default: 0.8 x sep's 4) off
 * every box and gives up on curves if two of those margins touch: a label's box is this much
 * smaller at its sides and bottom, which keeps it apart from its neighbours' margins... */
#define LABEL_INSET 3.0
/* ...and this much at its top, under its own node: LABEL_GAP + LABEL_TOP_INSET exceeds twice
 * ROUTE_MARGIN by 0.6 points, so the lane the router sees between a node and its label is 0.6
 * points wide (Graphviz rounds the box to whole points: 0.35 at least) and lies 2.6 points
 * above the text. Before (a gap of 4 and an inset of 3 all round) the lane lay on the text's
 * top: 21 of Les Misérables' edges grazed a label there. */
#define LABEL_TOP_INSET 0.6
/* The router's cost grows with the cube of the boxes it avoids (Graphviz's visibility graph):
 * the labels' boxes are added while nodes + labels are at most this. Les Misérables (77 nodes,
 * 76 labels beside them, 254 edges): 1.0 s of CPU without them, 4.0 s with them; 250 nodes and
 * labels, 150 edges: 3.2 s and 49 s. Beyond, the labels still have their room, and the edges
 * avoid the nodes but may cross a label. */
#define LABEL_COVER_MAX 160

typedef struct {
    Agnode_t *n;
    char *width, *height; /* the node's own, in inches (copies) */
    double tw, th;        /* its label's text, in points, as Graphviz measures it */
    Agnode_t *cover;      /* the invisible box over the label while the edges are routed */
} beside_label;

static const char *attr_or(void *obj, const char *name, const char *dflt) {
    const char *v = agget(obj, (char *)name);
    return v && *v ? v : dflt;
}

/* The nodes of `g` with a label beside them: their number in `*k`, themselves in `*out` (NULL
 * for none). SG_OK or SG_ENOMEM. */
static int beside_labels(Agraph_t *g, beside_label **out, size_t *k) {
    *k = 0;
    *out = NULL;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        *k += *attr_or(n, "xlabel", "") != '\0';
    if (*k == 0)
        return SG_OK;
    if (!(*out = calloc(*k, sizeof **out)))
        return SG_ENOMEM;
    size_t i = 0;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        if (*attr_or(n, "xlabel", "") != '\0')
            (*out)[i++].n = n;
    return SG_OK;
}

static void beside_labels_free(beside_label *l, size_t k) {
    for (size_t i = 0; i < k; i++) {
        free(l[i].width);
        free(l[i].height);
    }
    free(l);
}

/* The size of each label's text as Graphviz draws it: each text a plain node of its own with
 * the same font, at one place, in a graph laid out with nop2 (which only sizes the nodes). */
static int measure_labels(session *s, beside_label *l, size_t k) {
    Agraph_t *m = agopen("labels", Agundirected, NULL);
    int rc = check(s, "measuring the labels", !m);
    for (size_t i = 0; i < k && rc == SG_OK; i++) {
        char name[32];
        snprintf(name, sizeof name, "l%zu", i);
        Agnode_t *t = agnode(m, name, 1);
        const char *attrs[][2] = {{"label", attr_or(l[i].n, "xlabel", "")},
                                  {"fontname", attr_or(l[i].n, "fontname", FONT_NAME)},
                                  {"fontsize", attr_or(l[i].n, "fontsize", "11")},
                                  {"shape", "plaintext"}, {"margin", "0"}, {"width", "0"},
                                  {"height", "0"}, {"pos", "0,0"}};
        for (size_t a = 0; t && a < sizeof attrs / sizeof attrs[0]; a++)
            if (agsafeset(t, (char *)attrs[a][0], (char *)attrs[a][1], "") != 0)
                t = NULL;
        rc = check(s, "measuring the labels", !t);
    }
    if (rc == SG_OK)
        rc = check(s, "measuring the labels", gvLayout(s->gvc, m, "nop2") != 0);
    if (rc == SG_OK) {
        size_t i = 0;
        for (Agnode_t *t = agfstnode(m); t && i < k; t = agnxtnode(m, t), i++) {
            l[i].tw = ND_label(t)->dimen.x;
            l[i].th = ND_label(t)->dimen.y;
        }
        gvFreeLayout(s->gvc, m);
    }
    if (m)
        agclose(m);
    return rc;
}

static int read_point(void *obj, const char *name, double *x, double *y) {
    const char *v = agget(obj, (char *)name);
    return v && sscanf(v, "%lf,%lf", x, y) == 2 ? 0 : -1;
}

static void set_point(builder *b, void *obj, const char *name, double x, double y) {
    char num[2][32];
    sg_buf v = {0};
    sg_format_number(x, 10, num[0], sizeof num[0]);
    sg_format_number(y, 10, num[1], sizeof num[1]);
    sg_buf_printf(&v, "%s,%s", num[0], num[1]);
    set_buf(b, obj, name, &v);
    sg_buf_free(&v);
}

/* 1 when edge e is the drawing's (not the legend's). */
static int drawing_edge(Agedge_t *e) {
    return strncmp(attr_or(e, "id", ""), "legend", 6) != 0;
}

/* 1 when edges e and f join the same two nodes, in either direction. */
static int same_ends(Agedge_t *e, Agedge_t *f) {
    return (agtail(e) == agtail(f) && aghead(e) == aghead(f)) ||
           (agtail(e) == aghead(f) && aghead(e) == agtail(f));
}

/* The drawing's edges that join the same two nodes as another (parallel edges, either
 * direction), in `*out` (their number in `*k`). Graphviz 2.43 routes those through
 * makeMultiSpline, whose triangulation wrote past its buffer and crashed with the labels' boxes
 * in place (the Türkiye graph, --size-by betweenness): they are routed without the boxes.
 * SG_OK or SG_ENOMEM. */
static int parallel_edges(Agraph_t *g, Agedge_t ***out, size_t *k) {
    size_t cap = 0;
    *out = NULL;
    *k = 0;
    for (Agnode_t *v = agfstnode(g); v; v = agnxtnode(g, v))
        for (Agedge_t *e = agfstout(g, v); e; e = agnxtout(g, e)) {
            Agnode_t *w = aghead(e);
            if (w == v || !drawing_edge(e))
                continue;
            int twin = 0;
            for (Agedge_t *f = agfstedge(g, v); f && !twin; f = agnxtedge(g, f, v))
                twin = f != e && drawing_edge(f) && same_ends(e, f);
            if (!twin)
                continue;
            if (*k == cap) {
                cap = cap ? 2 * cap : 16;
                Agedge_t **grown = realloc(*out, cap * sizeof **out);
                if (!grown)
                    return SG_ENOMEM;
                *out = grown;
            }
            (*out)[(*k)++] = e;
        }
    return SG_OK;
}

/* Grows box bb (x1, y1, x2, y2) to hold the box x1, y1, x2, y2. */
static void grow_box(double bb[4], double x1, double y1, double x2, double y2) {
    bb[0] = x1 < bb[0] ? x1 : bb[0];
    bb[1] = y1 < bb[1] ? y1 : bb[1];
    bb[2] = x2 > bb[2] ? x2 : bb[2];
    bb[3] = y2 > bb[3] ? y2 : bb[3];
}

/* Gives edge e a straight route from its tail's centre to its head's (pos): Graphviz keeps a
 * route it is given. 0, or -1 when a node has no place. */
static int route_straight(builder *b, Agedge_t *e) {
    double tx, ty, hx, hy;
    if (read_point(agtail(e), "pos", &tx, &ty) != 0 || read_point(aghead(e), "pos", &hx, &hy) != 0)
        return -1;
    char num[4][32];
    sg_buf v = {0};
    sg_format_number(tx, 10, num[0], sizeof num[0]);
    sg_format_number(ty, 10, num[1], sizeof num[1]);
    sg_format_number(hx, 10, num[2], sizeof num[2]);
    sg_format_number(hy, 10, num[3], sizeof num[3]);
    sg_buf_printf(&v, "%s,%s %s,%s %s,%s %s,%s", num[0], num[1], num[0], num[1], num[2], num[3],
                  num[2], num[3]);
    set_buf(b, e, "pos", &v);
    sg_buf_free(&v);
    return 0;
}

/* The point halfway along the route of edge e (pos: "e,x,y s,x,y" then the B-spline's control
 * points, 3m + 1 of them): the middle control point for an even m, else the middle piece at
 * t = 1/2. 0, or -1 without a route. */
static int route_middle(Agedge_t *e, double *x, double *y) {
    double px[64], py[64];
    size_t n = 0;
    for (const char *p = agget(e, "pos"); p && *p && n < 64;) {
        while (*p == ' ')
            p++;
        int arrow = (*p == 'e' || *p == 's') && p[1] == ',';
        if (!arrow && sscanf(p, "%lf,%lf", &px[n], &py[n]) == 2)
            n++;
        p = strchr(p, ' ');
    }
    if (n < 4 || n >= 64 || (n - 1) % 3 != 0)
        return -1;
    size_t m = (n - 1) / 3, i = 3 * (m / 2);
    if (m % 2 == 0) {
        *x = px[i], *y = py[i];
    } else {
        *x = (px[i] + 3 * px[i + 1] + 3 * px[i + 2] + px[i + 3]) / 8;
        *y = (py[i] + 3 * py[i + 1] + 3 * py[i + 2] + py[i + 3]) / 8;
    }
    return 0;
}

/* Half the side of the mark that keeps a parallel edge off its siblings' route, in points. */
#define APART_MARK 3.0

/* 1 when box bb (x1, y1, x2, y2) grown by ROUTE_MARGIN would touch a node of g's grown the same. */
static int touches_node(Agraph_t *g, const double bb[4]) {
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        double x, y;
        if (read_point(n, "pos", &x, &y) != 0)
            continue;
        double hw = strtod(attr_or(n, "width", "0"), NULL) * 36.0 + 2 * ROUTE_MARGIN;
        double hh = strtod(attr_or(n, "height", "0"), NULL) * 36.0 + 2 * ROUTE_MARGIN;
        if (bb[0] < x + hw && x - hw < bb[2] && bb[1] < y + hh && y - hh < bb[3])
            return 1;
    }
    return 0;
}

/* Routes the parallel edges par[i] of rank[i] > 0 (the how-manieth of its group, the first
 * routed with the graph), one rank at a time, around the labels' boxes as the first were:
 * Graphviz 2.43 routes parallel edges together (makeMultiSpline), which crashed with the boxes
 * in place, but a single unrouted edge alone (routesplines). So that an edge does not take its
 * siblings' way, a small invisible node (a mark, APART_MARK) is placed over the middle of the
 * routes its group has so far while it is routed: it goes round it, on one side, and meets them
 * at its ends, as Graphviz draws parallel edges. *apart is 0 when a mark would touch a node
 * (the router would give up on curves): those edges are then left to the caller. */
static int route_apart(builder *b, session *s, Agedge_t **par, const size_t *rank, size_t np,
                       int *apart) {
    size_t top = 0;
    for (size_t i = 0; i < np; i++)
        top = rank[i] > top ? rank[i] : top;
    int rc = SG_OK;
    for (size_t r = 1; r <= top && rc == SG_OK && *apart; r++) {
        Agnode_t **marks = calloc(np, sizeof *marks);
        if (!marks)
            return SG_ENOMEM;
        for (size_t i = 0; i < np && *apart; i++) {
            if (rank[i] != r)
                continue;
            double bb[4] = {1e300, 1e300, -1e300, -1e300};
            for (size_t j = 0; j < np; j++) {
                double x, y;
                if (rank[j] < r && same_ends(par[i], par[j]) && route_middle(par[j], &x, &y) == 0)
                    grow_box(bb, x - APART_MARK, y - APART_MARK, x + APART_MARK, y + APART_MARK);
            }
            if (bb[0] > bb[2] || touches_node(b->g, bb)) {
                *apart = 0;
                break;
            }
            Agnode_t *mark = marks[i] = agnode(b->g, NULL, 1);
            if (!mark) {
                fail(b, SG_ELIB);
                break;
            }
            set(b, mark, "shape", "box");
            set(b, mark, "label", "");
            set(b, mark, "style", "invis");
            set(b, mark, "fixedsize", "true");
            set_number(b, mark, "width", (bb[2] - bb[0]) / 72.0);
            set_number(b, mark, "height", (bb[3] - bb[1]) / 72.0);
            set_point(b, mark, "pos", (bb[0] + bb[2]) / 2, (bb[1] + bb[3]) / 2);
            set(b, par[i], "pos", "");
        }
        if (b->status != SG_OK)
            rc = b->status == SG_ENOMEM ? SG_ENOMEM : check(s, "placing the labels", 1);
        else if (*apart)
            rc = lay_out_in_place(s, b->g, "nop2");
        for (size_t i = 0; i < np; i++)
            if (marks[i])
                agdelnode(b->g, marks[i]);
        free(marks);
    }
    return rc;
}

/* Edge labels taken off the graph for a layout or a routing, to be given back after it. */
typedef struct {
    Agedge_t **edges;
    char **texts; /* the labels, owned */
    size_t n, cap;
} held_labels;

/* Room for every labelled edge of b->g. Returns SG_OK or SG_ENOMEM. */
static int hold_labels_init(builder *b, held_labels *h) {
    memset(h, 0, sizeof *h);
    for (Agnode_t *v = agfstnode(b->g); v; v = agnxtnode(b->g, v))
        for (Agedge_t *e = agfstout(b->g, v); e; e = agnxtout(b->g, e))
            h->cap += *attr_or(e, "label", "") != '\0';
    h->edges = h->cap ? calloc(h->cap, sizeof *h->edges) : NULL;
    h->texts = h->cap ? calloc(h->cap, sizeof *h->texts) : NULL;
    return h->cap && (!h->edges || !h->texts) ? SG_ENOMEM : SG_OK;
}

/* Takes e's label off into `h` when it has one. Returns SG_OK or SG_ENOMEM. */
static int hold_label(builder *b, held_labels *h, Agedge_t *e) {
    if (*attr_or(e, "label", "") == '\0' || h->n >= h->cap)
        return SG_OK;
    h->edges[h->n] = e;
    if (!(h->texts[h->n++] = sg_strdup(agget(e, "label"))))
        return SG_ENOMEM;
    set(b, e, "label", "");
    return SG_OK;
}

/* Gives every held label back to its edge and frees `h`. */
static void give_labels_back(builder *b, held_labels *h) {
    for (size_t i = 0; i < h->n; i++) {
        if (h->texts[i])
            set(b, h->edges[i], "label", h->texts[i]);
        free(h->texts[i]);
    }
    free(h->texts);
    free(h->edges);
    memset(h, 0, sizeof *h);
}

/* Lays `b->g` out with `engine` as lay_out_in_place() does, leaving room for the labels beside
 * their nodes and routing the edges off them (above). `route` is how the edges are drawn (the
 * graph's splines): "true" (around the nodes) or "line"; it may be the graph's own value.
 * Edges whose id begins with "legend" keep the layout's route. */
static int lay_out_labelled(builder *b, session *s, const char *engine, const char *route) {
    beside_label *l = NULL;
    size_t k = 0, np = 0;
    Agedge_t **par = NULL;
    held_labels held = {0};
    int rc = beside_labels(b->g, &l, &k);
    if (rc != SG_OK || k == 0)
        return rc == SG_OK ? lay_out_in_place(s, b->g, engine) : rc;
    char *edge_route = sg_strdup(route);
    rc = edge_route ? measure_labels(s, l, k) : SG_ENOMEM;
    int covered = edge_route && strcmp(edge_route, "true") == 0 &&
                  sg_graph_node_count(b->model) + k <= LABEL_COVER_MAX;
    if (rc == SG_OK && covered)
        rc = parallel_edges(b->g, &par, &np);
    /* The layout with each node as the box of itself and its label; edges straight, as they
     * are routed again below. */
    for (size_t i = 0; i < k && rc == SG_OK; i++) {
        l[i].width = sg_strdup(attr_or(l[i].n, "width", "0.75"));
        l[i].height = sg_strdup(attr_or(l[i].n, "height", "0.5"));
        if (!l[i].width || !l[i].height) {
            rc = SG_ENOMEM;
            break;
        }
        /* Graphviz rounds a node's size to whole points */
        double w = floor(strtod(l[i].width, NULL) * 72.0 + 0.5);
        double h = floor(strtod(l[i].height, NULL) * 72.0 + 0.5);
        set_number(b, l[i].n, "width", (w > l[i].tw ? w : l[i].tw) / 72.0);
        set_number(b, l[i].n, "height", (h + LABEL_GAP + l[i].th) / 72.0);
        set(b, l[i].n, "fixedsize", "true");
    }
    set(b, b->g, "splines", "line");
    if (rc == SG_OK)
        rc = b->status == SG_ENOMEM ? SG_ENOMEM : check(s, "setting the layout", b->status != SG_OK);
    if (rc == SG_OK)
        rc = lay_out_in_place(s, b->g, engine);
    /* Each node at the top of its box, its label below, a box over the label. */
    for (size_t i = 0; i < k && rc == SG_OK; i++) {
        double x, y, bh = strtod(attr_or(l[i].n, "height", "0"), NULL) * 72.0;
        double h = floor(strtod(l[i].height, NULL) * 72.0 + 0.5); /* as Graphviz rounds it */
        if (read_point(l[i].n, "pos", &x, &y) != 0) {
            rc = check(s, "placing the labels", 1);
            break;
        }
        double top = y + bh / 2, ly = top - h - LABEL_GAP - l[i].th / 2;
        set(b, l[i].n, "width", l[i].width);
        set(b, l[i].n, "height", l[i].height);
        set_point(b, l[i].n, "pos", x, top - h / 2);
        set_point(b, l[i].n, "xlp", x, ly);
        if (!covered)
            continue;
        Agnode_t *c = agnode(b->g, NULL, 1); /* anonymous: no name of the graph's own */
        if (!c) {
            fail(b, SG_ELIB);
            break;
        }
        l[i].cover = c;
        double cw = l[i].tw - 2 * LABEL_INSET, ch = l[i].th - LABEL_INSET - LABEL_TOP_INSET;
        set(b, c, "shape", "box");
        set(b, c, "label", "");
        set(b, c, "style", "invis");
        set(b, c, "fixedsize", "true");
        set_number(b, c, "width", (cw > 1 ? cw : 1) / 72.0);
        set_number(b, c, "height", (ch > 1 ? ch : 1) / 72.0);
        set_point(b, c, "pos", x, ly + (LABEL_INSET - LABEL_TOP_INSET) / 2);
    }
    /* The edges without a route. Their labels are left out while they are routed (Graphviz
     * routes a graph with edge labels differently) and put back without a place: Graphviz
     * places them when it draws, beside their edge, off the nodes and the other labels (as it
     * places xlabels). */
    if (rc == SG_OK)
        rc = hold_labels_init(b, &held);
    for (Agnode_t *n = rc == SG_OK ? agfstnode(b->g) : NULL; n; n = agnxtnode(b->g, n))
        for (Agedge_t *e = agfstout(b->g, n); e && rc == SG_OK; e = agnxtout(b->g, e)) {
            static const char *const routed[] = {"pos", "lp", "xlp", "head_lp", "tail_lp"};
            for (size_t a = 0; drawing_edge(e) && a < sizeof routed / sizeof routed[0]; a++)
                if (agattr(b->g, AGEDGE, (char *)routed[a], NULL))
                    set(b, e, routed[a], "");
            rc = hold_label(b, &held, e);
        }
    /* Each group of parallel edges: its first edge routed with the rest, around the labels'
     * boxes; the others straight (a route given, so not routed) until routed_apart() routes
     * them one at a time. */
    size_t *rank = np ? calloc(np, sizeof *rank) : NULL;
    if (np && !rank)
        rc = SG_ENOMEM;
    for (size_t i = 0; i < np && rc == SG_OK; i++) {
        for (size_t j = 0; j < i; j++)
            rank[i] += same_ends(par[i], par[j]);
        if (rank[i] > 0 && route_straight(b, par[i]) != 0)
            rc = check(s, "placing the labels", 1);
    }
    if (edge_route)
        set(b, b->g, "splines", edge_route);
    if (rc == SG_OK)
        rc = b->status == SG_ENOMEM ? SG_ENOMEM : check(s, "placing the labels", b->status != SG_OK);
    if (rc == SG_OK)
        rc = lay_out_in_place(s, b->g, "nop2");
    int apart = 1;
    if (rc == SG_OK && np > 0)
        rc = route_apart(b, s, par, rank, np, &apart);
    for (size_t i = 0; i < k; i++)
        if (l[i].cover)
            agdelnode(b->g, l[i].cover);
    /* Not every sibling could be kept apart by a mark: the parallel edges routed together
     * without the labels' boxes, as Graphviz routes parallel edges (makeMultiSpline) */
    for (size_t i = 0; i < np && rc == SG_OK && !apart; i++)
        set(b, par[i], "pos", "");
    if (rc == SG_OK && !apart)
        rc = b->status == SG_ENOMEM ? SG_ENOMEM : check(s, "placing the labels", b->status != SG_OK);
    if (rc == SG_OK && !apart)
        rc = lay_out_in_place(s, b->g, "nop2");
    free(rank);
    give_labels_back(b, &held);
    free(par);
    beside_labels_free(l, k);
    free(edge_route);
    if (rc == SG_OK)
        rc = b->status == SG_ENOMEM ? SG_ENOMEM : check(s, "placing the labels", b->status != SG_OK);
    return rc;
}
/* The drawing laid out with dot, in place (as lay_out_in_place), and then placed (layout=nop2)
 * as with the other engines. The labels beside their nodes are placed by lay_out_labelled()
 * while its edges are routed (nodes + edges at most SPLINES_MAX, nodes + labels at most
 * LABEL_COVER_MAX): Graphviz routes the edges again, with the nodes where dot put them
 * (splines=true: curves around the nodes and labels). Otherwise dot places the labels itself
 * in its layout, where edges may cross them. */
static int place_dot_labels(builder *b, session *s) {
    const sg_graph *m = b->model;
    size_t n = sg_graph_node_count(m), k = 0;
    beside_label *l = NULL;
    int rc = beside_labels(b->g, &l, &k);
    beside_labels_free(l, k);
    if (rc != SG_OK)
        return rc;
    int labelled = k > 0 && n + sg_graph_edge_count(m) <= SPLINES_MAX && n + k <= LABEL_COVER_MAX;
    /* The nodes' sizes as built (1.2, not the 1.19444 of Graphviz's whole points that the
     * layout writes back): the DOT says the sizes that --size-by gave. */
    size_t nn = (size_t)agnnodes(b->g), i = 0;
    char **sizes = calloc(2 * nn + 1, sizeof *sizes);
    if (!sizes)
        return SG_ENOMEM;
    for (Agnode_t *v = agfstnode(b->g); v && i < nn; v = agnxtnode(b->g, v), i++)
        if (!(sizes[2 * i] = sg_strdup(attr_or(v, "width", ""))) ||
            !(sizes[2 * i + 1] = sg_strdup(attr_or(v, "height", ""))))
            rc = SG_ENOMEM;
    if (rc == SG_OK)
        rc = labelled ? lay_out_labelled(b, s, "dot", "true") : lay_out_in_place(s, b->g, "dot");
    i = 0;
    for (Agnode_t *v = agfstnode(b->g); v && i < nn && rc == SG_OK; v = agnxtnode(b->g, v), i++)
        for (int d = 0; d < 2; d++)
            if (*sizes[2 * i + d])
                set(b, v, d ? "height" : "width", sizes[2 * i + d]);
    for (i = 0; i < 2 * nn; i++)
        free(sizes[i]);
    free(sizes);
    if (rc == SG_OK) {
        set(b, b->g, "layout", "nop2");
        rc = b->status == SG_ENOMEM ? SG_ENOMEM : check(s, "placing the figure", b->status != SG_OK);
    }
    return rc;
}

/* lay_out_labelled() with fdp, the edges' labels left out of the layout and given back for the
 * nop2 stage, where Graphviz places each beside its edge. Graphviz 2.43's fdp lays out a graph
 * it derives from ours, whose edges run from the node at the lower address to the one at the
 * higher (lib/fdpgen/layout.c, deriveGraph: `hd > tl`), so the layout follows where the
 * allocator put the derived nodes; layout_call() puts them in the order they are made
 * (layout_arena.h). Before that, measuring the edge labels inside the layout made 3 figures in 8
 * runs, and without the labels 1 run in a few hundred still differed (pango's font threads free
 * blocks in between); tests/unit/test_layout_arena.c lays the same graph out three times in one
 * process, which without the arena gives a new figure nearly every time. */
static int lay_out_fdp(builder *b, session *s, const char *route) {
    held_labels held;
    int rc = hold_labels_init(b, &held);
    for (Agnode_t *v = rc == SG_OK ? agfstnode(b->g) : NULL; v; v = agnxtnode(b->g, v))
        for (Agedge_t *e = agfstout(b->g, v); e && rc == SG_OK; e = agnxtout(b->g, e))
            rc = hold_label(b, &held, e);
    if (rc == SG_OK)
        rc = b->status == SG_ENOMEM ? SG_ENOMEM : check(s, "setting the layout", b->status != SG_OK);
    if (rc == SG_OK)
        rc = lay_out_labelled(b, s, "fdp", route);
    give_labels_back(b, &held);
    if (rc == SG_OK)
        rc = b->status == SG_ENOMEM ? SG_ENOMEM : check(s, "placing the labels", b->status != SG_OK);
    return rc;
}

/* The print rule (issue 6). A figure is printed at --width (and --height) when given, else at
 * a text width of 16 cm (PRINT_WIDTH: A4 with Word's or LaTeX's default margins) when it is
 * wider than that, scaled down to it, and down to 24 cm tall (PRINT_HEIGHT) when taller then:
 * the size the figure records (PRINT_SIZE, place_figure). At that size the legend's texts (9
 * points times legend_scale) print at LEGEND_MIN_PT or more: the legend is made larger until they do; and
 * the node labels (11 points times label_scale) at LABEL_MIN_PT or more where possible: when
 * they would print smaller but labels at most LABEL_SCALE_MAX times larger would do, the
 * drawing is built and laid out once more with larger labels (the square of the shortfall,
 * as the drawing grows with them, at most LABEL_SCALE_MAX times). The drawing grows with its
 * labels, so they may still print somewhat below LABEL_MIN_PT; and a drawing that needs more
 * (Les Misérables' 77 labels print at 4.9 points, then 5.5 at 1.25 times; 400 nodes at 1.6
 * points, where 3.7 times gave 2.2 points and a drawing 2.8 times as wide) is not laid out
 * again: at that page width its labels cannot be read (README, "Figures"). */
#define LEGEND_MIN_PT SG_TEXT_MIN_PT
#define LABEL_MIN_PT 6.0
#define LABEL_SCALE_MAX 2.0
#define LABEL_GAIN_MIN 1.1
#define LEGEND_SCALE_MAX 40.0
/* Gaps in points: between the drawing and the legend (fixed); between the legend's rows and
 * between its columns (times legend_scale; twice the row gap before a heading). */
#define LEGEND_GAP 18.0
#define LEGEND_ROW_GAP 5.0
#define LEGEND_COLUMN_GAP 16.0

/* The box a figure given --width (`width`) or --height (`height`, inches; 0 unset) is printed
 * in, in points: width by height; with a height alone, PRINT_WIDTH wide (the text width a page
 * gives it, as sg_figure_size); with a width alone, no height (0). Both 0 without either. */
static void box_of(double width, double height, double *pw, double *ph) {
    *pw = width * 72.0;
    *ph = height * 72.0;
    if (!(*pw > 0) && *ph > 0)
        *pw = PRINT_WIDTH * 72.0;
}

/* The print box of the figure `b` draws (box_of its --width and --height). */
static void print_box(const builder *b, double *pw, double *ph) {
    box_of(b->opts->width, b->opts->height, pw, ph);
}

/* See render.h. */
double sg_figure_print_scale(double width, double height, double w, double h) {
    double pw, ph, s = 0;
    box_of(width, height, &pw, &ph);
    if (pw > 0 || ph > 0) {
        if (pw > 0 && w > 0)
            s = pw / w;
        if (ph > 0 && h > 0 && (s == 0 || ph / h < s))
            s = ph / h;
        return s > 0 ? s : 1;
    }
    s = w > PRINT_WIDTH * 72.0 ? PRINT_WIDTH * 72.0 / w : 1;
    return h * s > PRINT_HEIGHT * 72.0 ? PRINT_HEIGHT * 72.0 / h : s;
}

/* The scale at which a figure of w x h points prints (the print rule above). */
static double printed_scale(const builder *b, double w, double h) {
    return sg_figure_print_scale(b->opts->width, b->opts->height, w, h);
}

/* A row of the legend as its own dot layout drew it (one column): a type, a relation and its
 * line, a heading, a colour, a width or a size sample. */
typedef struct {
    double box[4]; /* x1, y1, x2, y2 in points */
    int heading;   /* it begins a part: a scale's heading, or the first relation */
} legend_row;

/* The legend laid out in one column, cut into rows. */
typedef struct {
    Agraph_t *g;       /* the legend's own graph, laid out (not owned) */
    legend_row *rows;  /* in the order they were made */
    size_t n;
    size_t *row_of;    /* node sequence number -> row */
    size_t nseq;
    double frame[4];   /* the cluster's box */
    double margin[4];  /* from the rows' union to the frame: left, bottom, right, top */
    double lp[2];      /* the title's place from the frame's left and top */
} legend_rows;

/* One arrangement of the legend's rows: the column of each row and the content's size. */
typedef struct {
    size_t *col;
    size_t columns;
    double w, h;         /* the rows' box, in points */
    double fw, fh;       /* the frame's */
    int below;           /* 1 below the drawing, 0 beside it */
    double waste;        /* the figure's area that neither drawing nor legend takes */
    double printed;      /* the legend's 9-point texts printed, in points */
    double scale;        /* the figure's print scale (printed_scale) */
} legend_arrangement;

/* Adds the points of Graphviz point list `pos` ("e,x,y x,y ...") to box `bb`. */
static void grow_box_points(double bb[4], const char *pos) {
    for (const char *p = pos; p && *p;) {
        while (*p == ' ')
            p++;
        if ((*p == 'e' || *p == 's') && p[1] == ',')
            p += 2;
        double x, y;
        if (sscanf(p, "%lf,%lf", &x, &y) == 2)
            grow_box(bb, x, y, x, y);
        p = strchr(p, ' ');
    }
}

static size_t find_root(size_t *parent, size_t i) {
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static void legend_rows_free(legend_rows *r) {
    free(r->rows);
    free(r->row_of);
    memset(r, 0, sizeof *r);
}

/* Cuts the laid-out legend graph `lg` into rows: the nodes joined by the legend's edges make a
 * row (a text and its sample), in the order of their first node. SG_OK, SG_ENOMEM, or SG_ELIB
 * when a position is missing. */
static int read_legend_rows(Agraph_t *lg, legend_rows *r) {
    memset(r, 0, sizeof *r);
    r->g = lg;
    Agraph_t *c = agsubg(lg, "cluster_legend", 0);
    if (!c || read_box(c, r->frame) != 0)
        return SG_ELIB;
    for (Agnode_t *n = agfstnode(lg); n; n = agnxtnode(lg, n))
        r->nseq = (size_t)AGSEQ(n) + 1 > r->nseq ? (size_t)AGSEQ(n) + 1 : r->nseq;
    size_t *parent = calloc(r->nseq + 1, sizeof *parent);
    r->row_of = calloc(r->nseq + 1, sizeof *r->row_of);
    r->rows = calloc(r->nseq + 1, sizeof *r->rows);
    if (!parent || !r->row_of || !r->rows) {
        free(parent);
        return SG_ENOMEM;
    }
    for (size_t i = 0; i < r->nseq; i++) {
        parent[i] = i;
        r->row_of[i] = SIZE_MAX;
    }
    for (Agnode_t *n = agfstnode(lg); n; n = agnxtnode(lg, n))
        for (Agedge_t *e = agfstout(lg, n); e; e = agnxtout(lg, e)) {
            size_t a = find_root(parent, (size_t)AGSEQ(agtail(e)));
            size_t h = find_root(parent, (size_t)AGSEQ(aghead(e)));
            parent[a > h ? a : h] = a < h ? a : h;
        }
    int rc = SG_OK;
    double content[4] = {1e300, 1e300, -1e300, -1e300};
    for (Agnode_t *n = agfstnode(lg); n && rc == SG_OK; n = agnxtnode(lg, n)) {
        size_t root = find_root(parent, (size_t)AGSEQ(n));
        if (r->row_of[root] == SIZE_MAX) {
            r->row_of[root] = r->n;
            legend_row *row = &r->rows[r->n++];
            row->box[0] = row->box[1] = 1e300;
            row->box[2] = row->box[3] = -1e300;
            row->heading = strncmp(attr_or(n, "id", ""), "legend_heading_", 15) == 0 ||
                           strcmp(attr_or(n, "id", ""), "legend_relation_0") == 0;
        }
        legend_row *row = &r->rows[r->row_of[root]];
        r->row_of[AGSEQ(n)] = r->row_of[root];
        double x, y, w = strtod(attr_or(n, "width", "0"), NULL) * 36.0,
                     h = strtod(attr_or(n, "height", "0"), NULL) * 36.0;
        if (read_point(n, "pos", &x, &y) != 0)
            rc = SG_ELIB;
        grow_box(row->box, x - w, y - h, x + w, y + h);
        for (Agedge_t *e = agfstout(lg, n); e; e = agnxtout(lg, e))
            grow_box_points(row->box, agget(e, "pos"));
    }
    for (size_t i = 0; i < r->n; i++)
        grow_box(content, r->rows[i].box[0], r->rows[i].box[1], r->rows[i].box[2],
                 r->rows[i].box[3]);
    double lx = 0, ly = 0;
    if (rc == SG_OK && read_point(c, "lp", &lx, &ly) != 0)
        lx = r->frame[0], ly = r->frame[3];
    r->margin[0] = content[0] - r->frame[0];
    r->margin[1] = content[1] - r->frame[1];
    r->margin[2] = r->frame[2] - content[2];
    r->margin[3] = r->frame[3] - content[3];
    r->lp[0] = lx - r->frame[0];
    r->lp[1] = r->frame[3] - ly;
    free(parent);
    return rc == SG_OK && r->n > 0 ? SG_OK : SG_ELIB;
}

/* The gap above row i in a column (none at its top): twice as much before a part. */
static double row_gap(const legend_rows *r, size_t i, double k) {
    return (r->rows[i].heading ? 2 : 1) * LEGEND_ROW_GAP * k;
}

static double row_height(const legend_rows *r, size_t i) {
    return r->rows[i].box[3] - r->rows[i].box[1];
}

/* The height of the part that row i begins, up to the next part, and its rows in `*rows`. */
static double part_height(const legend_rows *r, size_t i, double k, size_t *rows) {
    double h = row_height(r, i);
    size_t j = i + 1;
    for (; j < r->n && !r->rows[j].heading; j++)
        h += row_gap(r, j, k) + row_height(r, j);
    *rows = j - i;
    return h;
}

/* A part of at most this many rows (the types, the relations, a scale) is never split between
 * columns; a longer one (a colour key of many values) is. */
#define LEGEND_PART_ROWS 8

/* Packs the rows in order into columns at most `limit` points tall (a row or a short part
 * taller stands alone), never splitting a short part, the beginning of a long part never last
 * in a column; stores each row's column in `col` and returns the number of columns. */
static size_t pack_rows(const legend_rows *r, double k, double limit, size_t *col) {
    size_t c = 0, in_col = 0, rows = 0, short_left = 0; /* rows of a short part to come */
    double used = 0;
    for (size_t i = 0; i < r->n; i++) {
        double h = row_height(r, i), need = h;
        if (r->rows[i].heading || i == 0) {
            double ph = part_height(r, i, k, &rows);
            short_left = rows <= LEGEND_PART_ROWS ? rows : 0;
            need = short_left ? ph : h;
        }
        int inside = short_left > 0 && !(r->rows[i].heading || i == 0);
        if (in_col > 0 && !inside && used + row_gap(r, i, k) + need > limit + 1e-6) {
            c++;
            if (in_col > 1 && r->rows[i - 1].heading) {
                col[i - 1] = c;
                used = row_height(r, i - 1);
                in_col = 1;
            } else {
                used = 0;
                in_col = 0;
            }
        }
        used += (in_col > 0 ? row_gap(r, i, k) : 0) + h;
        col[i] = c;
        in_col++;
        short_left = short_left > 0 ? short_left - 1 : 0;
    }
    return r->n > 0 ? c + 1 : 0;
}

/* The columns' left edges (relative to the first's, in `x`, room for a->columns) and the
 * content's size, of the packing in a->col. */
static void measure_columns(const legend_rows *r, double k, legend_arrangement *a, double *x) {
    a->w = a->h = 0;
    size_t first = 0;
    for (size_t c = 0; c < a->columns; c++) {
        double left = 1e300, right = -1e300, used = 0;
        size_t i = first;
        for (; i < r->n && a->col[i] == c; i++) {
            left = r->rows[i].box[0] < left ? r->rows[i].box[0] : left;
            right = r->rows[i].box[2] > right ? r->rows[i].box[2] : right;
            used += (i > first ? row_gap(r, i, k) : 0) + row_height(r, i);
        }
        if (x)
            x[c] = a->w + (c > 0 ? LEGEND_COLUMN_GAP * k : 0);
        a->w += (c > 0 ? LEGEND_COLUMN_GAP * k : 0) + (i > first ? right - left : 0);
        a->h = used > a->h ? used : a->h;
        first = i;
    }
    a->fw = a->w + r->margin[0] + r->margin[2];
    a->fh = a->h + r->margin[1] + r->margin[3];
}

/* The packing of the rows into at most `columns` columns that is least tall (a bisection on
 * the columns' height), measured. */
static void pack_columns(const legend_rows *r, double k, size_t columns, legend_arrangement *a) {
    double lo = 0, hi = 0;
    for (size_t i = 0; i < r->n; i++) {
        size_t rows = 0;
        double h = r->rows[i].heading || i == 0 ? part_height(r, i, k, &rows) : 0;
        h = rows > 0 && rows <= LEGEND_PART_ROWS ? h : row_height(r, i);
        lo = h > lo ? h : lo;
        hi += (i > 0 ? row_gap(r, i, k) : 0) + row_height(r, i);
    }
    if (pack_rows(r, k, lo, a->col) > columns) {
        for (int it = 0; it < 40; it++) {
            double mid = (lo + hi) / 2;
            if (pack_rows(r, k, mid, a->col) <= columns)
                hi = mid;
            else
                lo = mid;
        }
        lo = hi;
    }
    a->columns = pack_rows(r, k, lo, a->col);
    measure_columns(r, k, a, NULL);
}

/* The figure's size with the legend arranged as `a` beside or below drawing box `gb` (whose top
 * `title` points are the title's), its waste and the legend's text printed. The waste is the
 * area of the figure that neither the drawing nor the legend takes; in a box of both sides
 * (print_box: --width and --height, or --height alone), the box's area that the figure, scaled
 * to fit it, leaves empty (a wide drawing with its legend beside it makes a strip in a box of
 * 16 x 10 cm: 16 x 4.7 cm of the default graph, where below it fills 16 x 9.4). */
static void score_arrangement(const builder *b, const double gb[4], double title, double k,
                              legend_arrangement *a) {
    double dw = gb[2] - gb[0], dh = gb[3] - gb[1], w, h;
    if (a->below) {
        w = dw > a->fw ? dw : a->fw;
        h = dh + LEGEND_GAP + a->fh;
    } else {
        w = dw + LEGEND_GAP + a->fw;
        h = dh > title + a->fh ? dh : title + a->fh;
    }
    double pw, ph, s = printed_scale(b, w, h);
    print_box(b, &pw, &ph);
    a->waste = pw > 0 && ph > 0 ? pw * ph - w * h * s * s : w * h - dw * dh - a->fw * a->fh;
    a->printed = 9.0 * k * s;
    a->scale = s;
}

/* 1 when packing `a` of the legend below drawing box gb is better than `best` without a print
 * box: the figure printed larger (a figure shrunk to PRINT_HEIGHT: columns that make the legend
 * less tall make the drawing print larger, up to PRINT_WIDTH), then no wider than the drawing,
 * then less tall. */
static int better_below(const legend_arrangement *a, const legend_arrangement *best,
                        const double gb[4]) {
    if (a->scale > best->scale + 1e-6 || a->scale < best->scale - 1e-6)
        return a->scale > best->scale;
    int fits = a->fw <= gb[2] - gb[0] + 1e-6, best_fits = best->fw <= gb[2] - gb[0] + 1e-6;
    return fits != best_fits ? fits : a->fh < best->fh - 1e-6;
}

/* The legend's arrangement for drawing box `gb` (whose top `title` points are the title's),
 * `below` it or beside it: beside, in as few columns as make it no taller than the drawing
 * (else the least tall); below, the packing with which the figure prints largest, then no
 * wider than the drawing, then the least tall (better_below; fewer columns on a tie; before,
 * never wider than the drawing: the default graph by PageRank, a drawing of 740 points shrunk
 * to 24 cm tall, had a one-column legend half the figure's height and node labels printed at
 * 4.7 points). In a box of both sides (print_box), the
 * packing with which the figure prints largest in the box (fewer columns on a tie), however
 * wide or tall. best->col has room for r->n rows. */
static void arrange_legend(const builder *b, const legend_rows *r, const double gb[4],
                           double title, double k, int below, legend_arrangement *best) {
    size_t *col = calloc(r->n + 1, sizeof *col), *keep = best->col;
    size_t max_columns = r->n < 64 ? r->n : 64;
    double room_h = gb[3] - gb[1] - title;
    legend_arrangement a = {.col = col};
    if (!col)
        max_columns = 1;
    if (!col)
        a.col = best->col;
    double pw, ph;
    print_box(b, &pw, &ph);
    int in_box = pw > 0 && ph > 0;
    for (size_t c = 1; c <= max_columns; c++) {
        pack_columns(r, k, c, &a);
        if (c > 1 && a.columns < c)
            break;
        a.below = below;
        score_arrangement(b, gb, title, k, &a);
        if (c == 1 || (in_box  ? a.printed > best->printed + 1e-6
                       : below ? better_below(&a, best, gb)
                               : a.fh < best->fh - 1e-6)) {
            if (a.col != keep)
                memcpy(keep, a.col, r->n * sizeof *col);
            *best = a;
            best->col = keep;
        }
        if (!in_box && !below && best->fh <= room_h + 1e-6)
            break;
    }
    free(col);
    best->below = below;
    score_arrangement(b, gb, title, k, best);
}

/* Builds the legend in graph `lb->g` at scale k and lays it out with dot in one column. */
static int lay_out_legend(builder *lb, session *s, const legend_entry *types, size_t nt,
                          const legend_entry *rels, size_t nr, double k) {
    lb->legend_scale = k;
    lb->legend_anchor = NULL;
    lb->g = agopen("legend", sg_graph_directed(lb->model) ? Agdirected : Agundirected, NULL);
    if (!lb->g)
        fail(lb, SG_ELIB);
    else
        build_defaults(lb, NULL);
    legend_size(lb, lb->g, "ranksep", 0.5); /* the sample lines about an inch long at scale 1 */
    if (lb->g)
        build_legend(lb, types, nt, rels, nr);
    int rc = lb->status == SG_ENOMEM ? SG_ENOMEM
                                     : check(s, "building the legend", lb->status != SG_OK);
    if (rc == SG_OK && agnnodes(lb->g) > 0)
        rc = lay_out_in_place(s, lb->g, "dot");
    return rc;
}

/* The caption under the whole figure `whole` (extended down to hold it): a cluster with no
 * node, its box a band as wide as the figure, its label (the caption, 10 points times the
 * legend's scale, so that it prints as large as the legend) placed by Graphviz at the band's
 * bottom left (labelloc=b). Made after the layout, it moves no node. */
/* Makes the line breaks of `obj`'s label (as label_text writes it: "\n", a backslash doubled)
 * left-aligned ("\l"), its last line too. */
static void left_aligned(builder *b, void *obj) {
    const char *label = agget(obj, "label");
    sg_buf out = {0};
    for (const char *p = label ? label : ""; *p; p++) {
        if (*p == '\\' && p[1] == 'n') {
            sg_buf_puts(&out, "\\l");
            p++;
        } else if (*p == '\\' && p[1]) {
            sg_buf_putc(&out, *p++);
            sg_buf_putc(&out, *p);
        } else {
            sg_buf_putc(&out, *p);
        }
    }
    sg_buf_puts(&out, "\\l");
    set_buf(b, obj, "label", &out);
    sg_buf_free(&out);
}

/* The widest a caption's character is on average, in ems (DejaVu Sans: 0.55 for English and
 * Turkish text; a little more, so that a line never passes the figure). */
#define CAPTION_EM 0.6
static void place_caption(builder *b, double whole[4]) {
    const char *text = b->opts->caption;
    if (!text || !*text)
        return;
    Agraph_t *caption = agsubg(b->g, "cluster_figure", 1);
    if (!caption) {
        fail(b, SG_ELIB);
        return;
    }
    /* wrapped to the figure's width: columns of CAPTION_EM of its font size */
    double k = scale_or_one(b->legend_scale);
    double columns = (whole[2] - whole[0] - 8.0 * k) / (CAPTION_EM * 10.0 * k);
    set_label(b, caption, text, columns > 20 ? (size_t)columns : 20);
    left_aligned(b, caption);
    set(b, caption, "id", "caption");
    set(b, caption, "labelloc", "b");
    set(b, caption, "labeljust", "l");
    legend_size(b, caption, "fontsize", 10);
    set(b, caption, "penwidth", "0");
    legend_size(b, caption, "margin", 4);
    set(b, caption, "lp", ""); /* not the title's, which a cluster inherits */
    const char *label = agget(caption, "label");
    double lines = 0;
    for (const char *p = label; p && *p; p++)
        if (*p == '\\')
            lines += *++p == 'l';
    double band[4] = {whole[0], whole[1] - (12.0 * lines + 12.0) * k, whole[2], whole[1]};
    set_box(b, caption, band);
    whole[1] = band[1];
}

/* The figure: the drawing laid out with `engine` (lay_out_drawing: dot, or another whose
 * clusters neato, sfdp, circo and twopi do not draw), again with larger labels when the print
 * rule asks (labels_larger), the legend apart with dot in its own graph, cut into rows and
 * packed into columns beside or below the drawing (arrange_legend) at the size the print rule
 * asks, then the caption under it all (place_figure); `b->g` becomes the whole figure with
 * every node and edge at its place (pos, in points) and layout=nop2, which draws it as placed:
 * the DOT text alone gives the picture (`dot -Tsvg` reads `layout`). The drawing's box in gb. */
static int lay_out_drawing(builder *b, session *s, const char *engine, double gb[4]) {
    if (strcmp(engine, "dot") != 0)
        engine_attrs(b, engine);
    int rc = b->status == SG_ENOMEM ? SG_ENOMEM
                                    : check(s, "setting the layout", b->status != SG_OK);
    if (rc == SG_OK)
        rc = strcmp(engine, "dot") == 0 ? place_dot_labels(b, s)
             : strcmp(engine, "fdp") == 0
                 ? lay_out_fdp(b, s, attr_or(b->g, "splines", "true"))
                 : lay_out_labelled(b, s, engine, attr_or(b->g, "splines", "true"));
    if (rc == SG_OK)
        rc = check(s, "reading the bounding box", read_box(b->g, gb) != 0);
    return rc;
}

/* The node labels' size printed (the print rule), in points, of drawing box gb. */
static double labels_printed(const builder *b, const double gb[4]) {
    return 11.0 * scale_or_one(b->label_scale) * printed_scale(b, gb[2] - gb[0], gb[3] - gb[1]);
}

/* The print rule's node labels: when those of the laid-out drawing (box gb) print below
 * LABEL_MIN_PT but labels at most LABEL_SCALE_MAX times larger would do, the graph is built
 * and laid out once more with larger labels, asked the square of the shortfall (the drawing
 * grows with them), in steps of 0.05 (the same figure on every machine), at most
 * LABEL_SCALE_MAX; the new drawing is kept when its labels print at LABEL_MIN_PT, or at least
 * LABEL_GAIN_MIN times as large as before, else the first (neato and fdp spread the nodes as
 * much as they grow: the default graph's labels printed no larger with neato). Not with fdp:
 * Graphviz 2.43's fdp follows where malloc put the nodes (see lay_out_fdp), and a second layout
 * in this process meets a heap left by the first in an order that varies from run to run
 * (examples/iati-tuerkiye/usaid-tr.gv: 4 figures in 8 runs); one layout, the same bytes. */
static int labels_larger(builder *b, session *s, const char *title, const char *engine,
                         double gb[4]) {
    double pt = labels_printed(b, gb), need = LABEL_MIN_PT / pt;
    if (!(pt < LABEL_MIN_PT - 1e-6 && need <= LABEL_SCALE_MAX) || strcmp(engine, "fdp") == 0)
        return SG_OK;
    double want = ceil(need * need * 20.0) / 20.0;
    Agraph_t *first = b->g;
    char (*gray)[8] = b->enc.type_gray; /* made again by build() */
    size_t changed = b->changed, shortened = b->shortened, left_out = b->links_left_out;
    double first_box[4] = {gb[0], gb[1], gb[2], gb[3]};
    b->g = NULL;
    b->enc.type_gray = NULL;
    b->changed = b->shortened = b->links_left_out = 0; /* counted again, the same */
    b->label_scale = want < LABEL_SCALE_MAX ? want : LABEL_SCALE_MAX;
    int rc = build(b, title);
    if (rc == SG_ELIB || rc == SG_OK)
        rc = check(s, "building the graph", rc != SG_OK);
    if (rc == SG_OK)
        rc = lay_out_drawing(b, s, engine, gb);
    double now = rc == SG_OK ? labels_printed(b, gb) : 0;
    if (rc == SG_OK && (now >= LABEL_MIN_PT - 1e-6 || now >= pt * LABEL_GAIN_MIN)) {
        agclose(first);
        free(gray);
        return SG_OK;
    }
    if (b->g) /* no larger: the first drawing */
        agclose(b->g);
    free(b->enc.type_gray);
    b->g = first;
    b->enc.type_gray = gray;
    b->changed = changed, b->shortened = shortened, b->links_left_out = left_out;
    b->label_scale = 0;
    memcpy(gb, first_box, sizeof first_box);
    return rc;
}

/* The title's and the edge labels' sizes (build_defaults) and the smallest they print at (the
 * print rule, as the legend's LEGEND_MIN_PT): a title is larger than the legend's text, an
 * edge's label ("×2" of a merged edge) smaller. */
#define TITLE_PT 18.0
#define TITLE_MIN_PT SG_TITLE_MIN_PT
#define EDGE_LABEL_PT 9.0
#define EDGE_LABEL_MIN_PT 6.0

/* The print rule's title, after the layout: when the figure `whole` (box, in points) prints its
 * title below TITLE_MIN_PT, the title is made larger until it does (in half points; its band at
 * the top grows with it), its bottom kept where the layout put it, never wider than the figure
 * (a title as wide as a figure printed 8 cm wide prints at 7.5 points: there it stays as wide).
 * The default graph drawn by circo printed its title at 3.9 points (a figure 29 in wide,
 * printed 16 cm). `whole` grows to hold it. */
static void title_larger(builder *b, double whole[4]) {
    const char *lh = agget(b->g, "lheight"), *lw = agget(b->g, "lwidth");
    double x, y;
    if (!lh || !*lh || !lw || !*lw || read_point(b->g, "lp", &x, &y) != 0)
        return;
    double h0 = strtod(lh, NULL) * 72.0, w0 = strtod(lw, NULL) * 72.0, pt = TITLE_PT;
    double widest = w0 > 0 ? floor(TITLE_PT * (whole[2] - whole[0]) / w0 * 2.0) / 2.0 : TITLE_PT;
    for (int round = 0; round < 8; round++) {
        double top = whole[3] + h0 * (pt / TITLE_PT - 1);
        double printed = pt * printed_scale(b, whole[2] - whole[0], top - whole[1]);
        double want = ceil(pt * TITLE_MIN_PT / printed * 2.0) / 2.0;
        want = want < widest ? want : widest;
        if (printed >= TITLE_MIN_PT - 1e-6 || want <= pt)
            break;
        pt = want;
    }
    if (pt <= TITLE_PT)
        return;
    double grow = h0 * (pt / TITLE_PT - 1);
    set_number(b, b->g, "fontsize", pt);
    set_number(b, b->g, "lheight", h0 * pt / TITLE_PT / 72.0);
    set_number(b, b->g, "lwidth", w0 * pt / TITLE_PT / 72.0);
    set_point(b, b->g, "lp", x, y + grow / 2);
    whole[3] += grow;
}

/* The print rule's edge labels (an edge's own label, the "×2" of a merged edge): printed below
 * EDGE_LABEL_MIN_PT in figure `whole`, they are made larger in place until they print at it (in
 * half points), about the centre the layout gave them. The default graph's "×2" printed at 4.6
 * points 16 cm wide (with circo, 2 points). */
static void edge_labels_larger(builder *b, const double whole[4]) {
    double s = printed_scale(b, whole[2] - whole[0], whole[3] - whole[1]);
    if (EDGE_LABEL_PT * s >= EDGE_LABEL_MIN_PT - 1e-6)
        return;
    double pt = ceil(EDGE_LABEL_MIN_PT / s * 2.0) / 2.0;
    for (Agnode_t *n = agfstnode(b->g); n; n = agnxtnode(b->g, n))
        for (Agedge_t *e = agfstout(b->g, n); e; e = agnxtout(b->g, e))
            if (strncmp(attr_or(e, "id", ""), "edge_", 5) == 0 && *attr_or(e, "label", ""))
                set_number(b, e, "fontsize", pt);
}

/* Places the legend and the caption around the laid-out drawing (box gb): see above. */
static int place_figure(builder *b, session *s, const double gb[4]) {
    const sg_theme *t = b->theme;
    size_t nt_all = sg_theme_type_count(t), nr_all = sg_theme_relation_count(t);
    legend_entry *types = calloc(nt_all + 1, sizeof *types);
    legend_entry *rels = calloc(nr_all + 1, sizeof *rels);
    builder lb = *b; /* the legend's own graph: the same theme and options */
    lb.g = NULL;
    lb.status = SG_OK;
    legend_rows rows = {0};
    legend_arrangement arr = {0};
    double *col_x = NULL;
    int rc = types && rels ? SG_OK : SG_ENOMEM;
    size_t nt = rc == SG_OK ? legend_select(t, 0, types) : 0;
    size_t nr = rc == SG_OK ? legend_select(t, 1, rels) : 0;
    double title = title_height(b->g);
    /* The legend, beside and below: made larger until its texts print at LEGEND_MIN_PT (a few
     * rounds: beside the drawing, a larger legend makes a wider figure); of the two, the one
     * that meets the rule and wastes less area (beside on a tie), else the one whose texts
     * print larger. In a box of both sides (print_box), the one that leaves less of the box
     * empty (score_arrangement), rule or not: the box is the page's room for the figure. A
     * drawing taller than wide otherwise has the legend beside it when that meets the rule
     * (or neither does): below, it makes a tall figure taller, shrunk on the page to fit
     * PRINT_HEIGHT (examples/iati-tuerkiye/usaid-tr.gv: 7.7 x 24 cm with the legend below, a
     * third of the figure). Then laid out again at the scale of the one chosen. */
    double k = 1, scale[2] = {1, 1}, waste[2] = {0}, printed[2] = {0}, pw, ph;
    print_box(b, &pw, &ph);
    int in_box = pw > 0 && ph > 0, tall = gb[3] - gb[1] > gb[2] - gb[0];
    for (int pass = 0; pass < 3 && rc == SG_OK; pass++) {
        int met[2] = {printed[0] >= LEGEND_MIN_PT - 1e-6, printed[1] >= LEGEND_MIN_PT - 1e-6};
        int below = pass < 2                       ? pass
                    : in_box                       ? waste[1] < waste[0] - 1e-6
                    : tall && (met[0] || !met[1])  ? 0
                    : met[0] && met[1]             ? waste[1] < waste[0] - 1e-6
                    : met[0] != met[1]             ? met[1]
                                                   : printed[1] > printed[0] + 1e-6;
        k = pass == 2 ? scale[below] : 1;
        for (int round = 0; rc == SG_OK && round < (pass == 2 ? 1 : 6); round++) {
            if (lb.g)
                agclose(lb.g);
            lb.g = NULL;
            legend_rows_free(&rows);
            free(arr.col);
            arr = (legend_arrangement){0};
            rc = lay_out_legend(&lb, s, types, nt, rels, nr, k);
            if (rc != SG_OK || agnnodes(lb.g) == 0)
                break;
            rc = read_legend_rows(lb.g, &rows);
            if (rc == SG_ELIB)
                rc = check(s, "placing the legend", 1);
            arr.col = rc == SG_OK ? calloc(rows.n + 1, sizeof *arr.col) : NULL;
            if (rc == SG_OK && !arr.col)
                rc = SG_ENOMEM;
            if (rc != SG_OK)
                break;
            arrange_legend(b, &rows, gb, title, k, below, &arr);
            if (arr.printed >= LEGEND_MIN_PT - 1e-6 || k >= LEGEND_SCALE_MAX || pass == 2 ||
                (round > 0 && !(arr.printed > printed[below] + 1e-3)))
                break; /* met, or no nearer: a larger legend makes as much larger a figure */
            printed[below] = arr.printed;
            k = ceil(k * LEGEND_MIN_PT / arr.printed * 1.02 * 20.0) / 20.0;
            k = k < LEGEND_SCALE_MAX ? k : LEGEND_SCALE_MAX;
        }
        if (!lb.g || agnnodes(lb.g) == 0)
            break; /* no legend */
        scale[below] = k;
        waste[below] = arr.waste;
        printed[below] = arr.printed;
    }
    double whole[4] = {gb[0], gb[1], gb[2], gb[3]};
    if (rc == SG_OK && lb.g && agnnodes(lb.g) > 0) {
        b->legend_scale = k;
        build_legend(b, types, nt, rels, nr);
        Agraph_t *c = b->status == SG_OK ? agsubg(b->g, "cluster_legend", 0) : NULL;
        col_x = calloc(arr.columns + 1, sizeof *col_x);
        if (!col_x)
            rc = SG_ENOMEM;
        else if (!c)
            fail(b, SG_ELIB);
        if (rc == SG_OK && c) {
            measure_columns(&rows, k, &arr, col_x);
            /* the frame's top left corner */
            double fx = arr.below ? (gb[0] + gb[2]) / 2 - arr.fw / 2 : gb[2] + LEGEND_GAP;
            double fy = arr.below ? gb[1] - LEGEND_GAP : gb[3] - title;
            double cx = fx + rows.margin[0], cy = fy - rows.margin[3]; /* the rows' */
            /* each row moved to its column, below the rows before it there */
            double *dx = calloc(rows.n + 1, sizeof *dx), *dy = calloc(rows.n + 1, sizeof *dy);
            double top = 0;
            for (size_t i = 0; dx && dy && i < rows.n; i++) {
                size_t col = arr.col[i];
                int first = i == 0 || arr.col[i - 1] != col;
                double left = 1e300;
                for (size_t j = i; first && j < rows.n && arr.col[j] == col; j++)
                    left = rows.rows[j].box[0] < left ? rows.rows[j].box[0] : left;
                if (first) {
                    top = 0;
                    dx[i] = cx + col_x[col] - left;
                } else {
                    top += row_gap(&rows, i, k);
                    dx[i] = dx[i - 1];
                }
                dy[i] = cy - top - rows.rows[i].box[3];
                top += row_height(&rows, i);
            }
            if (!dx || !dy)
                rc = SG_ENOMEM;
            for (Agnode_t *n = agfstnode(c); n && rc == SG_OK && b->status == SG_OK;
                 n = agnxtnode(c, n)) {
                Agnode_t *ln = node_with_id(lb.g, agget(n, "id"));
                size_t row = ln ? rows.row_of[AGSEQ(ln)] : SIZE_MAX;
                if (row >= rows.n) {
                    fail(b, SG_ELIB);
                    break;
                }
                set_shifted(b, n, ln, "pos", dx[row], dy[row]);
                for (Agedge_t *e = agfstout(c, n); e && b->status == SG_OK; e = agnxtout(c, e)) {
                    Agedge_t *le = edge_with_id(lb.g, agget(e, "id"));
                    if (!le)
                        fail(b, SG_ELIB);
                    else
                        set_shifted(b, e, le, "pos", dx[row], dy[row]);
                }
            }
            free(dx);
            free(dy);
            double frame[4] = {fx, fy - arr.fh, fx + arr.fw, fy};
            set_box(b, c, frame);
            set_point(b, c, "lp", fx + rows.lp[0], fy - rows.lp[1]);
            grow_box(whole, frame[0], frame[1], frame[2], frame[3]);
        }
        if (rc == SG_OK)
            rc = b->status == SG_ENOMEM ? SG_ENOMEM
                                        : check(s, "placing the legend", b->status != SG_OK);
    }
    if (rc == SG_OK) {
        place_caption(b, whole);
        title_larger(b, whole);
        edge_labels_larger(b, whole);
        /* The whole figure's box; the title centred above it. */
        set_box(b, b->g, whole);
        double x, y;
        if (read_point(b->g, "lp", &x, &y) == 0)
            set_point(b, b->g, "lp", (whole[0] + whole[2]) / 2, y);
        set(b, b->g, "layout", "nop2");
        /* Without --width and --height, the print size (the print rule, printed_scale): shrunk
         * to 16 cm wide, and to 24 cm tall, when larger (without "!" and with ratio unset,
         * Graphviz only shrinks), so that the SVG's width and height, the PDF's page and the
         * PNG's pixels at --dpi say it. Set on the placed figure only, where no layout reads
         * it (the legend's own graph and the layouts before have none). */
        if (!(b->opts->width > 0) && !(b->opts->height > 0))
            set(b, b->g, "size", PRINT_SIZE);
        rc = b->status == SG_ENOMEM ? SG_ENOMEM : check(s, "placing the figure", b->status != SG_OK);
    }
    if (lb.g)
        agclose(lb.g);
    legend_rows_free(&rows);
    free(arr.col);
    free(col_x);
    free(types);
    free(rels);
    return rc;
}

/* See render.h. */
void sg_figure_size(double width, double height, sg_buf *out) {
    /* Fit within width x height, keeping the aspect, scaled up too ("!"); an unset height is no
     * limit, an unset width the print width (PRINT_WIDTH, a page's text width). */
    if (!(width > 0) && !(height > 0))
        return;
    char w[32], h[32];
    sg_format_number(width > 0 ? width : PRINT_WIDTH, 3, w, sizeof w);
    sg_format_number(height > 0 ? height : 10000, 3, h, sizeof h);
    sg_buf_printf(out, "%s,%s!", w, h);
}

/* See render.h. */
int sg_figure_font_name_check(const char *font, sg_diag *diag) {
    for (const unsigned char *p = (const unsigned char *)(font ? font : ""); *p; p++) {
        if (*p < 0x20 || *p == 0x7F || *p == '"' || *p == '\\') {
            /* DOT could not carry it back (a trailing backslash), nor fontconfig use it */
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                        "the font name has a quote, backslash or control character");
            return SG_EINVAL;
        }
    }
    return SG_OK;
}

/* The analysis of the graph being drawn (sg_render() computes it before the child process
 * starts, which inherits it), and that graph. Graphviz is single-threaded by contract, and so
 * is sg_render(). */
static struct {
    const sg_graph *g;
    const sg_analysis *a;
} figure_values;

static const sg_render_options no_options;

/* Sets up a builder for the figure of `g`: the options, the theme (a theme file), the measures
 * and the scales. SG_OK, or the theme file's error. */
static int figure_setup(builder *b, const sg_graph *g, const sg_render_options *opts,
                        sg_diag *diag) {
    b->opts = opts ? opts : &no_options;
    b->enc.a = figure_values.g == g ? figure_values.a : NULL;
    if (sg_figure_font_name_check(b->opts->font, diag) != SG_OK)
        return SG_EINVAL;
    if (b->opts->theme_path) {
        int rc = sg_theme_load_file(b->theme, b->opts->theme_path, diag);
        if (rc != SG_OK)
            return rc;
    }
    prepare_encoding(b, diag);
    return b->status;
}

/* Appends the code points of `s` to `out` (a growing array). */
static void collect_code_points(const char *s, uint32_t **cps, size_t *n, size_t *cap) {
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        size_t len = utf8_length(p);
        if (len == 0) {
            p++;
            continue;
        }
        uint32_t c = len == 1 ? p[0]
                     : len == 2 ? (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F)
                     : len == 3 ? (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 |
                                      (p[2] & 0x3F)
                                : (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
                                      (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
        p += len;
        if (c < 0x20)
            continue;
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 256;
            uint32_t *q = realloc(*cps, nc * sizeof *q);
            if (!q)
                return;
            *cps = q;
            *cap = nc;
        }
        (*cps)[(*n)++] = c;
    }
}

static int cp_cmp(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* See render.h. */
void sg_figure_font_check(const char *font, const char *const *texts, size_t n_texts,
                          sg_diag *diag) {
    font = font && *font ? font : FONT_NAME;
    uint32_t *cps = NULL;
    size_t n = 0, cap = 0;
    for (size_t k = 0; k < n_texts; k++)
        collect_code_points(texts[k], &cps, &n, &cap);
    if (n > 0)
        qsort(cps, n, sizeof *cps, cp_cmp);
    FcPattern *pat = FcNameParse((const FcChar8 *)font);
    FcPattern *match = NULL;
    FcResult res;
    /* The family asked for, read before fontconfig's substitutions put theirs first (a generic
     * "serif" becomes "DejaVu LGC Serif, ...", which is no more installed than it was asked). */
    FcChar8 *asked = NULL;
    char *want = NULL;
    if (pat && FcPatternGetString(pat, FC_FAMILY, 0, &asked) == FcResultMatch)
        want = sg_strdup((const char *)asked);
    if (pat && FcConfigSubstitute(NULL, pat, FcMatchPattern)) {
        FcDefaultSubstitute(pat);
        match = FcFontMatch(NULL, pat, &res);
    }
    FcChar8 *got = NULL;
    FcCharSet *cs = NULL;
    if (match) {
        FcPatternGetString(match, FC_FAMILY, 0, &got);
        FcPatternGetCharSet(match, FC_CHARSET, 0, &cs);
    }
    /* CSS's and fontconfig's generic families name no font: whichever fontconfig picks is
     * the one asked for. */
    static const char *const generic[] = {"sans-serif", "sans", "serif", "monospace", "mono",
                                          "cursive", "fantasy", "system-ui", "emoji", "math"};
    int is_generic = 0;
    for (size_t k = 0; want && k < sizeof generic / sizeof generic[0]; k++)
        is_generic |= sg_ascii_casecmp(want, generic[k]) == 0;
    if (want && got && !is_generic && sg_ascii_casecmp(want, (const char *)got) != 0)
        sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                    "figure: the font \"%s\" is not installed; the text is drawn in \"%s\"",
                    want, (const char *)got);
    free(want);
    if (cs) {
        sg_buf missing = {0};
        size_t count = 0;
        for (size_t i = 0; i < n; i++) {
            if ((i > 0 && cps[i] == cps[i - 1]) || FcCharSetHasChar(cs, cps[i]))
                continue;
            if (count++ < 5)
                sg_buf_printf(&missing, "%sU+%04X", count > 1 ? ", " : "", (unsigned)cps[i]);
        }
        if (count > 0)
            sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                        "figure: %zu character(s) of the labels are not in the font \"%s\" "
                        "(%s%s); they may show in another font or as empty boxes: choose a "
                        "font that has them with --font",
                        count, got ? (const char *)got : font,
                        missing.data ? missing.data : "", count > 5 ? ", ..." : "");
        sg_buf_free(&missing);
    }
    if (match)
        FcPatternDestroy(match);
    if (pat)
        FcPatternDestroy(pat);
    free(cps);
}

/* sg_figure_font_check() on the texts of the figure: labels, title, caption. */
static void font_check(builder *b, const char *title, sg_diag *diag) {
    const sg_graph *m = b->model;
    size_t nv = sg_graph_node_count(m), ne = sg_graph_edge_count(m), k = 0;
    const char **texts = malloc((nv + ne + 2) * sizeof *texts);
    if (!texts)
        return;
    for (size_t v = 0; v < nv; v++)
        texts[k++] = sg_graph_node_label(m, v);
    for (size_t x = 0; x < ne; x++)
        texts[k++] = sg_graph_attr(m, SG_ON_EDGE, x, "label");
    texts[k++] = title;
    texts[k++] = b->opts->caption;
    sg_figure_font_check(b->opts->font, texts, k, diag);
    free(texts);
}

/* Appends `s` to `out` as XML text: cleaned, with & < > " escaped. */
static void xml_text(sg_buf *out, const char *s) {
    sg_buf clean = {0};
    size_t ignored = 0;
    clean_text(s ? s : "", &clean, &ignored);
    for (const char *p = clean.data ? clean.data : ""; *p; p++) {
        switch (*p) {
        case '&': sg_buf_puts(out, "&amp;"); break;
        case '<': sg_buf_puts(out, "&lt;"); break;
        case '>': sg_buf_puts(out, "&gt;"); break;
        case '"': sg_buf_puts(out, "&quot;"); break;
        default: sg_buf_putc(out, *p);
        }
    }
    if (clean.failed)
        out->failed = 1;
    sg_buf_free(&clean);
}

/* See render.h. */
int sg_svg_describe(char **data, size_t *size, const char *title, const char *desc) {
    char *svg = *data;
    char *open = strstr(svg, "<svg");
    char *end = open ? strchr(open, '>') : NULL;
    if (!end)
        return SG_OK;
    sg_buf out = {0};
    sg_buf_append(&out, svg, (size_t)(end + 1 - svg));
    sg_buf_puts(&out, "\n<title>");
    xml_text(&out, title);
    sg_buf_puts(&out, "</title>\n<desc>");
    xml_text(&out, desc);
    sg_buf_puts(&out, "</desc>");
    sg_buf_append(&out, end + 1, *size - (size_t)(end + 1 - svg));
    if (out.failed) {
        sg_buf_free(&out);
        return SG_ENOMEM;
    }
    free(*data);
    *data = out.data;
    *size = out.len;
    return SG_OK;
}

/* The text of the first <text> element of the group that starts at `g` (up to its "</g>"),
 * as the SVG has it (XML-escaped), into `out`; 0 when it has none. */
static int group_text(const char *g, sg_buf *out) {
    const char *end = strstr(g, "</g>");
    const char *t = strstr(g, "<text");
    const char *open = t ? strchr(t, '>') : NULL;
    const char *close = open ? strstr(open, "</text>") : NULL;
    if (!end || !close || t > end || close > end)
        return 0;
    sg_buf_append(out, open + 1, (size_t)(close - open - 1));
    return 1;
}

/* The group whose id is the `len` bytes at `id`, or NULL. */
static const char *find_group(const char *svg, const char *id, size_t len) {
    for (const char *p = strstr(svg, "<g id=\""); p; p = strstr(p + 1, "<g id=\""))
        if (strncmp(p + 7, id, len) == 0 && p[7 + len] == '"')
            return p;
    return NULL;
}

/* The human text of the <title> of the SVG group `id` (class `cls`, Graphviz's title `old`)
 * into `out`, for screen readers, which read a group's <title> aloud: a node's label, an
 * edge's relation and ends ("Funding from EU to IOM"), the legend's heading and its rows
 * ("Legend: Funding"). 0 when the group gets none (the whole graph's and the caption's, an
 * empty legend node): its <title> is dropped, the figure's own (sg_svg_describe) stays. */
static int group_title(builder *b, const char *svg, const char *g, const char *id, size_t id_len,
                       const char *cls, const char *old, size_t old_len, const node_key *nodes,
                       const edge_key *edges, sg_buf *out) {
    const sg_graph *m = b->model;
    size_t nn = sg_graph_node_count(m), ne = sg_graph_edge_count(m), k;
    char *end = NULL;
    if (id_len > 5 && strncmp(id, "node_", 5) == 0) {
        k = (size_t)strtoul(id + 5, &end, 10);
        if (end != id + id_len || k >= nn)
            return 0;
        xml_text(out, sg_graph_node_label(m, nodes[k].index));
        return 1;
    }
    if (id_len > 5 && strncmp(id, "edge_", 5) == 0) {
        k = (size_t)strtoul(id + 5, &end, 10);
        if (end != id + id_len || k >= ne)
            return 0;
        size_t x = edges[k].index, r;
        if (sg_theme_add_relation(b->theme, edges[k].relation, &r) != SG_OK)
            return 0;
        int directed = sg_graph_directed(m);
        xml_text(out, sg_theme_relation_is_empty(b->theme, r)
                          ? "Link"
                          : sg_theme_relation_display(b->theme, r));
        sg_buf_puts(out, directed ? " from " : " between ");
        xml_text(out, sg_graph_node_label(m, sg_graph_edge_source(m, x)));
        sg_buf_puts(out, directed ? " to " : " and ");
        xml_text(out, sg_graph_node_label(m, sg_graph_edge_target(m, x)));
        double links = edge_links(m, x);
        if (links > 1)
            sg_buf_printf(out, ", %.0f links", links);
        return 1;
    }
    if (id_len == 6 && strncmp(id, "legend", 6) == 0)
        return group_text(g, out); /* the legend's heading */
    if (id_len < 6 || strncmp(id, "legend", 6) != 0)
        return 0; /* the graph, the caption's cluster */
    sg_buf text = {0};
    int found = group_text(g, &text);
    if (!found && strcmp(cls, "edge") == 0) {
        /* a legend sample line: the row's text is its tail node's ("a&#45;&gt;b") */
        const char *arrow = NULL;
        for (size_t i = 0; i + 5 <= old_len && !arrow; i++)
            if (strncmp(old + i, "&#45;", 5) == 0)
                arrow = old + i;
        const char *row = arrow ? find_group(svg, old, (size_t)(arrow - old)) : NULL;
        found = row && group_text(row, &text);
    }
    if (found && text.len) {
        sg_buf_puts(out, "Legend: ");
        sg_buf_append(out, text.data, text.len);
    }
    found = found && text.len;
    sg_buf_free(&text);
    return found;
}

/* Replaces the <title> of each group of the SVG (Graphviz writes node names and ids there,
 * "cluster_legend", "legend_relation_0->legend_relation_end_0", which screen readers read
 * aloud) by group_title()'s text, or drops it. */
static int svg_titles(builder *b, char **data, size_t *size) {
    const sg_graph *m = b->model;
    size_t nn = sg_graph_node_count(m), ne = sg_graph_edge_count(m);
    node_key *nodes = calloc(nn + 1, sizeof *nodes);
    edge_key *edges = calloc(ne + 1, sizeof *edges);
    sg_buf out = {0};
    int rc = nodes && edges ? SG_OK : SG_ENOMEM;
    for (size_t i = 0; rc == SG_OK && i < nn; i++)
        nodes[i] = (node_key){sg_graph_node_id(m, i), i};
    for (size_t i = 0; rc == SG_OK && i < ne; i++)
        edges[i] = (edge_key){sg_graph_node_id(m, sg_graph_edge_source(m, i)),
                              sg_graph_node_id(m, sg_graph_edge_target(m, i)),
                              sg_graph_edge_relation(m, i), i};
    if (rc == SG_OK) {
        qsort(nodes, nn, sizeof *nodes, node_key_cmp); /* as build() numbers them */
        qsort(edges, ne, sizeof *edges, edge_key_cmp);
    }
    const char *svg = *data, *p = svg;
    while (rc == SG_OK) {
        const char *g = strstr(p, "<g id=\"");
        const char *gt = g ? strchr(g, '>') : NULL;
        const char *t = gt && strncmp(gt, ">\n<title>", 9) == 0 ? gt + 2 : NULL;
        const char *te = t ? strstr(t, "</title>\n") : NULL;
        if (!te) {
            sg_buf_append(&out, p, g && gt ? (size_t)(gt + 1 - p) : strlen(p));
            if (!g || !gt)
                break;
            p = gt + 1;
            continue;
        }
        const char *id = g + 7, *id_end = strchr(id, '"');
        const char *c = strstr(g, "class=\"");
        char cls[16] = "";
        if (c && c < gt)
            snprintf(cls, sizeof cls, "%.*s", (int)strcspn(c + 7, "\""), c + 7);
        sg_buf_append(&out, p, (size_t)(t - p));
        size_t before = out.len;
        sg_buf_puts(&out, "<title>");
        if (group_title(b, svg, g, id, (size_t)(id_end - id), cls, t + 7, (size_t)(te - t - 7),
                        nodes, edges, &out))
            sg_buf_puts(&out, "</title>\n");
        else
            out.len = before; /* dropped */
        p = te + 9;
    }
    free(nodes);
    free(edges);
    if (rc == SG_OK && out.failed)
        rc = SG_ENOMEM;
    if (rc != SG_OK) {
        sg_buf_free(&out);
        return rc;
    }
    free(*data);
    *data = out.data;
    *size = out.len;
    return SG_OK;
}

/* The figure's <title> and <desc> (sg_svg_describe): the title (or "Stakeholder graph"), and
 * the caption, the counts and what colour, size and width show. */
static int svg_describe(builder *b, const char *title, char **data, size_t *size) {
    const sg_render_options *o = b->opts;
    const sg_graph *m = b->model;
    sg_buf desc = {0};
    if (o->caption && *o->caption)
        sg_buf_printf(&desc, "%s. ", o->caption);
    double links = 0; /* an edge standing for several (edge_links) counts them all */
    for (size_t x = 0; x < sg_graph_edge_count(m); x++)
        links += edge_links(m, x);
    size_t nodes = sg_graph_node_count(m);
    sg_buf_printf(&desc, "%s graph of %zu stakeholder%s and %.0f link%s; shape",
                  sg_graph_directed(m) ? "A directed" : "An undirected", nodes,
                  nodes == 1 ? "" : "s", links, links == 1 ? "" : "s");
    if (b->enc.colour_mode == 0)
        sg_buf_puts(&desc, o->grayscale ? " and gray show the type" : " and colour show the type");
    else
        sg_buf_puts(&desc, " shows the type");
    if (b->enc.colour_mode != 0)
        sg_buf_printf(&desc, ", colour the %s",
                      b->enc.colour_mode == 1 ? "community" : o->color_by);
    if (b->enc.size_on)
        sg_buf_printf(&desc, ", area the %s", o->size_by);
    sg_buf_puts(&desc, "; line style shows the relation");
    if (b->enc.width_mode)
        sg_buf_printf(&desc, ", width the amount%s%s%s", *b->enc.unit ? " in " : "", b->enc.unit,
                      b->enc.thin ? " (the thinnest lines have none)" : "");
    sg_buf_puts(&desc, ".");
    int rc = desc.failed ? SG_ENOMEM
                         : sg_svg_describe(data, size, title && *title ? title : "Stakeholder graph",
                                           desc.data);
    sg_buf_free(&desc);
    return rc;
}

/* The warning of a figure of a graph without nodes, once per `diag` (export draws four). */
static void warn_empty(sg_diag *diag) {
    static const char text[] =
        "figure: the graph has no stakeholders: the figure shows its title and a note";
    for (size_t i = 0; i < sg_diag_count(diag); i++)
        if (strcmp(sg_diag_get(diag, i)->text, text) == 0)
            return;
    sg_diag_add(diag, SG_WARNING, NULL, 0, 0, "%s", text);
}

/* The whole figure, in this process: sg_render() without the argument checks. */
static int render_here(const sg_graph *g, const sg_render_options *opts, const format_entry *fmt,
                       char **data, size_t *size, sg_diag *diag) {
    const char *title =
        opts && opts->title ? opts->title : sg_graph_attr(g, SG_ON_GRAPH, 0, "label");
    char dpi[32];
    snprintf(dpi, sizeof dpi, "%d", opts && opts->dpi > 0 ? opts->dpi : DEFAULT_DPI);
    /* Known (sg_render checked it); a graph without nodes has nothing to lay out. */
    const char *engine = sg_render_engine_pick(g, opts ? opts->engine : NULL);
    if (!engine || sg_graph_node_count(g) == 0)
        engine = "dot";

    locale_guard lg;
    locale_enter(&lg);
    agerrlevel_t old_level = agseterr(AGWARN);
    agusererrf old_errf = agseterrf(log_collect);
    agreseterrors();

    builder b = {0};
    b.model = g;
    b.svg = strcmp(fmt->names.name, "svg") == 0;
    b.theme = sg_theme_new();
    int setup = b.theme ? figure_setup(&b, g, opts, diag) : SG_OK;
    session s = {0};
    s.gvc = shared_context(); /* before any graph is made */
    char *dot = NULL, *rendered = NULL;
    size_t dot_len = 0;
    unsigned int rendered_len = 0;
    Agraph_t *laid = NULL;
    int rc = s.gvc && b.theme ? setup : SG_ENOMEM;

    if (rc == SG_OK) {
        rc = build(&b, title);
        if (rc == SG_ELIB || rc == SG_OK)
            rc = check(&s, "building the graph", rc != SG_OK);
    }
    if (rc == SG_OK)
        sg_theme_warn_unnamed(b.theme, diag); /* a --theme file that leaves some out */
    if (rc == SG_OK && sg_graph_node_count(g) == 0)
        warn_empty(diag);
    double drawing_box[4] = {0};
    if (rc == SG_OK)
        rc = lay_out_drawing(&b, &s, engine, drawing_box);
    if (rc == SG_OK)
        rc = labels_larger(&b, &s, title, engine, drawing_box);
    if (rc == SG_OK)
        rc = place_figure(&b, &s, drawing_box);
    if (rc == SG_OK) {
        rc = write_dot(b.g, &dot, &dot_len);
        if (rc == SG_ELIB || rc == SG_OK)
            rc = check(&s, "writing DOT", rc != SG_OK);
    }
    if (rc == SG_OK)
        font_check(&b, title, diag);
    if (rc == SG_OK && b.changed > 0)
        sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                    "figure: %zu character(s) changed to be drawable (invalid UTF-8, control "
                    "characters, or a backslash DOT cannot end a string with)",
                    b.changed);
    if (rc == SG_OK && b.shortened > 0)
        sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                    "figure: %zu label(s) longer than %d characters shortened, ending in \"\xE2\x80\xA6\" "
                    "(reports and exports keep the whole text)",
                    b.shortened, LABEL_MAX_COLUMNS);
    if (rc == SG_OK && b.links_left_out > 0)
        sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                    "figure: %zu link(s) left out: a figure links only to http, https and mailto "
                    "addresses",
                    b.links_left_out);
    if (rc == SG_OK && fmt->renderer) {
        rc = layout_text(&s, dot,
                         strcmp(engine, "dot") == 0 && strcmp(attr_or(b.g, "layout", ""), "nop2")
                             ? "dot"
                             : "nop2",
                         strcmp(fmt->names.name, "png") == 0 ? dpi : NULL, &laid);
        if (rc == SG_OK)
            rc = check(&s, "rendering",
                       gvRenderData(s.gvc, laid, fmt->renderer, &rendered, &rendered_len) != 0);
    }
    if (rc == SG_OK && laid && strcmp(fmt->names.name, "png") == 0) {
        /* The resolution in the PNG itself (pHYs), which the cairo renderer leaves out. */
        char *png = NULL;
        size_t png_len = 0;
        rc = sg_png_set_dpi(rendered, rendered_len,
                            opts && opts->dpi > 0 ? opts->dpi : DEFAULT_DPI, &png, &png_len);
        if (rc == SG_OK) {
            *data = png;
            *size = png_len;
        } else if (rc == SG_EINVAL) {
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "Graphviz wrote a PNG that is not whole");
            rc = SG_ELIB;
        }
    } else if (rc == SG_OK) {
        const char *src = fmt->renderer ? rendered : dot;
        size_t n = fmt->renderer ? rendered_len : dot_len;
        char *out = malloc(n + 1);
        if (!out) {
            rc = SG_ENOMEM;
        } else {
            memcpy(out, src ? src : "", n);
            if (strcmp(fmt->names.name, "pdf") == 0)
                sg_pdf_fix_dates(out, &n); /* no time of the run: the same bytes every run */
            out[n] = '\0';
            *data = out;
            *size = n;
        }
    }
    if (rc == SG_OK && b.svg)
        rc = svg_describe(&b, title, data, size);
    if (rc == SG_OK && b.svg)
        rc = svg_titles(&b, data, size);
    if (rendered)
        gvFreeRenderData(rendered);
    if (laid) {
        gvFreeLayout(s.gvc, laid);
        agclose(laid);
    }
    if (b.g)
        agclose(b.g);
    free(dot);
    sg_theme_free(b.theme);
    free_encoding(&b.enc);

    int logged = log_errors() > 0;
    log_flush(diag);
    if (rc == SG_ELIB && !logged)
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "Graphviz failed in %s without a message",
                    s.step ? s.step : "building the graph");
    agreseterrors();
    agseterrf(old_errf);
    agseterr(old_level);
    locale_leave(&lg);
    return rc;
}

/* ---------------------------------------------------------------------------------------- */
/* Containment                                                                              */

/* Graphviz 2.43 crashes on some graphs (a chain of 200 000 nodes overflows the stack in dot's
 * recursive searches) and takes minutes on others (dense random graphs of a few hundred nodes):
 * the figure is drawn by sg_contain(), in a child process on a large stack with a time limit.
 * The child sends back [figure size][figure bytes][messages]. It also keeps Graphviz's
 * process-wide state (the C locale, the error handler, the context) out of the caller. */

typedef struct {
    const sg_graph *g;
    const sg_render_options *opts;
    const format_entry *fmt;
} render_job;

/* The drawing of render_here(), as a figure callback of sg_figure_contained(). */
static int draw_figure(void *arg, sg_buf *figure, sg_diag *diag) {
    const render_job *job = arg;
    char *data = NULL;
    size_t size = 0;
    int rc = render_here(job->g, job->opts, job->fmt, &data, &size, diag);
    if (rc == SG_OK)
        sg_buf_append(figure, data, size);
    sg_render_free(data);
    return rc;
}

typedef struct {
    sg_figure_fn draw;
    void *arg;
} figure_job;

/* In the child: [figure size][figure bytes][messages]. */
static int figure_child(void *arg, sg_buf *out) {
    const figure_job *job = arg;
    sg_diag *diag = sg_diag_new();
    sg_buf figure = {0};
    int rc = diag ? job->draw(job->arg, &figure, diag) : SG_ENOMEM;
    if (rc == SG_OK && figure.failed)
        rc = SG_ENOMEM;
    uint64_t n = rc == SG_OK ? (uint64_t)figure.len : 0;
    sg_buf_append(out, (const char *)&n, sizeof n);
    if (n > 0)
        sg_buf_append(out, figure.data, figure.len);
    sg_serialize(diag, NULL, out);
    sg_buf_free(&figure);
    sg_diag_free(diag);
    return rc;
}

/* Takes the figure and the messages out of the child's answer. */
static int unpack(const sg_buf *bytes, char **data, size_t *size, sg_diag *diag) {
    uint64_t n;
    if (bytes->len < sizeof n)
        return SG_ELIB;
    memcpy(&n, bytes->data, sizeof n);
    if (n > bytes->len - sizeof n)
        return SG_ELIB;
    const char *rest = bytes->data + sizeof n + n;
    sg_graph *none = NULL;
    int rc = sg_deserialize(rest, bytes->len - sizeof n - (size_t)n, diag, &none);
    sg_graph_free(none);
    if (rc != SG_OK)
        return rc == SG_ENOMEM ? SG_ENOMEM : SG_ELIB;
    char *copy = malloc((size_t)n + 1);
    if (!copy)
        return SG_ENOMEM;
    memcpy(copy, bytes->data + sizeof n, (size_t)n);
    copy[n] = '\0';
    *data = copy;
    *size = (size_t)n;
    return SG_OK;
}

/* The error of a drawing that did not end: text[1] names what was drawn, text[2] and text[3]
 * are the hints after a time-out and after a crash. */
static void figure_failed(const sg_contained *how, const char *const *text, sg_diag *diag) {
    const char *what = text[1] ? text[1] : "figure";
    if (how->timed_out)
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "Graphviz took longer than %d s to draw the %s%s",
                    SG_CONTAIN_SECONDS, what, text[2] ? text[2] : "");
    else if (how->signal)
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                    "Graphviz crashed while drawing the %s (signal %d: %s)%s", what, how->signal,
                    strsignal(how->signal), text[3] ? text[3] : "");
    else
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "Graphviz could not be run to draw the %s", what);
}

int sg_figure_contained(sg_figure_fn draw, void *arg, const char *what, const char *slow_hint,
                        const char *crash_hint, char **data, size_t *size, sg_diag *diag) {
    figure_job job = {draw, arg};
    sg_buf bytes = {0};
    sg_contained how;
    const sg_contain_step step = {figure_failed, {NULL, what, slow_hint, crash_hint}};
    int rc;
    if (sg_contain(figure_child, &job, &step, SG_CONTAIN_STACK_MIB, SG_CONTAIN_SECONDS, &bytes,
                   &how, diag) != 0) {
        rc = SG_ELIB;
    } else {
        char *out = NULL;
        size_t n = 0;
        rc = bytes.failed ? SG_ENOMEM : unpack(&bytes, &out, &n, diag);
        if (rc == SG_OK && how.status == SG_OK) {
            *data = out;
            *size = n;
        } else {
            sg_render_free(out);
            if (rc == SG_ELIB)
                sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                            "the process drawing the %s sent back a malformed answer", what);
            rc = rc == SG_OK ? how.status : rc;
        }
    }
    sg_contain_report(&how, diag, NULL); /* what Graphviz printed to stderr */
    sg_buf_free(&bytes);
    return rc;
}

/* Graphs up to this many nodes get betweenness in their tooltips. It is O(n m), and sg_render
 * computes it for each format of an export: measured (report --measures degree,betweenness
 * against degree alone, median of 5, 2 cores at load 16), random digraphs of 1,000 nodes and
 * 4,000 edges 0.2 s more, of 2,000 and 8,000 0.9 s more. */
#define TOOLTIP_BETWEENNESS_NODES 1000

/* The measures the figure shows, computed here, in the caller's process (the analysis may use
 * threads, which a forked child could not): the size-by measure, the communities of
 * --color-by community, and for the tooltips degree and (up to TOOLTIP_BETWEENNESS_NODES
 * nodes) betweenness. The analysis's warnings about those measures go to `diag` as the
 * figure's ("figure: the graph has 3 weakly connected components: closeness ..."): they are
 * about the graph drawn, which may be a view. Its policy warnings (self-loops, merged edges,
 * units) are not asked for: they are the report's business, and counted on a view whose
 * parallel edges are already merged they would disagree with the report's. Its errors fail
 * the figure only when size or colour needs it (else the tooltips go without measures). */
static int figure_measures(const sg_graph *g, const sg_render_options *opts, sg_analysis **out,
                           sg_diag *diag) {
    const sg_render_options *o = opts ? opts : &no_options;
    sg_buf list = {0};
    int needed = 0;
    sg_buf_puts(&list, "degree");
    if (sg_graph_node_count(g) <= TOOLTIP_BETWEENNESS_NODES)
        sg_buf_puts(&list, ",betweenness");
    if (o->size_by && *o->size_by && strcmp(o->size_by, "none") != 0) {
        sg_measure m;
        if (!sg_measure_find(o->size_by, &m)) {
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                        "unknown measure \"%s\" to size nodes by (a report column name: "
                        "pagerank, betweenness, degree, ...)",
                        o->size_by);
            sg_buf_free(&list);
            return SG_EINVAL;
        }
        sg_buf_printf(&list, ",%s", o->size_by);
        needed = 1;
    }
    if (o->color_by && strcmp(o->color_by, "community") == 0) {
        sg_buf_puts(&list, ",community");
        needed = 1;
    }
    if (list.failed) {
        sg_buf_free(&list);
        return SG_ENOMEM;
    }
    sg_analysis_options ao = {0};
    ao.weight_attr = o->weight_attr;
    ao.seed = o->seed;
    ao.community = o->community;
    ao.unit = o->unit;
    ao.measures = list.data;
    ao.table_only = 1;
    ao.no_policy_warnings = 1;
    sg_diag *scratch = sg_diag_new();
    int rc = scratch ? sg_analyse(g, &ao, out, scratch) : SG_ENOMEM;
    for (size_t i = 0; rc == SG_OK && needed && i < sg_diag_count(scratch); i++) {
        const sg_message *msg = sg_diag_get(scratch, i);
        sg_diag_add(diag, msg->severity, msg->file, msg->line, msg->column, "figure: %s",
                    msg->text);
    }
    if (rc != SG_OK && needed) {
        for (size_t i = 0; scratch && i < sg_diag_count(scratch); i++) {
            const sg_message *msg = sg_diag_get(scratch, i);
            if (msg->severity == SG_ERROR)
                sg_diag_add(diag, SG_ERROR, msg->file, msg->line, msg->column, "%s",
                            msg->text);
        }
    }
    sg_diag_free(scratch);
    sg_buf_free(&list);
    if (rc != SG_OK) {
        *out = NULL;
        return needed || rc == SG_ENOMEM ? rc : SG_OK;
    }
    return SG_OK;
}

int sg_render(const sg_graph *g, const sg_render_options *opts, const char *format, char **data,
              size_t *size, sg_diag *diag) {
    const format_entry *fmt = format_lookup(format);
    if (!g || !data || !size || !fmt) {
        if (!fmt)
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "unknown figure format \"%s\"",
                        format ? format : "(null)");
        return SG_EINVAL;
    }
    if (!sg_render_engine_find(opts ? opts->engine : NULL)) {
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                    "unknown layout engine \"%s\" (auto, dot, neato, fdp, sfdp, circo, twopi)",
                    opts->engine);
        return SG_EINVAL;
    }
    *data = NULL;
    *size = 0;
    sg_analysis *values = NULL;
    int arc = figure_measures(g, opts, &values, diag);
    if (arc != SG_OK)
        return arc;
    figure_values.g = g;
    figure_values.a = values;
    render_job job = {g, opts, fmt};
    /* the hints name dot only when dot draws it (a crash of sfdp on 11 nodes is not a size) */
    int by_dot = strcmp(sg_render_engine_pick(g, opts ? opts->engine : NULL), "dot") == 0;
    int rc = sg_figure_contained(
        draw_figure, &job, "figure",
        by_dot ? "; the graph may be too large or too dense for dot (--engine sfdp is faster)"
               : "",
        by_dot ? "; the graph may be too large or too deep for dot (--engine sfdp may draw it)"
               : "",
        data, size, diag);
    figure_values.g = NULL;
    figure_values.a = NULL;
    sg_analysis_free(values);
    return rc;
}
