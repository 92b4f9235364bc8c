/*
 * Figures: the Graphviz bridge. Builds a fresh cgraph graph from the model in canonical order
 * (nodes by id, edges by source id, target id, relation, then input order), styled by the theme,
 * with a title and a legend; writes it as DOT ("gv") or lays it out with dot and renders it.
 *
 * The images are rendered from the DOT text itself (agwrite, then agmemread): what Graphviz lays
 * out is exactly the "gv" output, so `dot -Tsvg NAME.gv` draws the same picture.
 *
 * The legend is placed to the right of the drawing by a first layout (see add_legend).
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
#include "util/strbuf.h"

#include <cgraph.h>
#include <gvc.h>

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONT_NAME "Noto Sans,DejaVu Sans,sans-serif"
#define LINE_COLOUR "#333333"
#define LEGEND_FRAME "#999999"
#define DEFAULT_DPI 150
#define GRAPHVIZ_EDGE_LABEL 1 /* EDGE_LABEL of Graphviz's const.h, which is not installed */
#define WRAP_COLUMNS 24       /* node labels longer than this are broken at spaces */

/* ---------------------------------------------------------------------------------------- */
/* Formats                                                                                  */

typedef struct {
    const char *name;     /* our name */
    const char *renderer; /* Graphviz output format; NULL for the DOT text */
} format_entry;

static const format_entry formats[] = {
    {"gv", NULL},
    {"svg", "svg:svg"},
    {"png", "png:cairo"},
    {"pdf", "pdf:cairo"},
};

static const struct {
    const char *alias;
    const char *name;
} format_aliases[] = {{"dot", "gv"}};

const char *sg_render_format_find(const char *name_or_extension) {
    if (!name_or_extension)
        return NULL;
    const char *s = name_or_extension[0] == '.' ? name_or_extension + 1 : name_or_extension;
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (sg_ascii_casecmp(s, formats[i].name) == 0)
            return formats[i].name;
    for (size_t i = 0; i < sizeof format_aliases / sizeof format_aliases[0]; i++)
        if (sg_ascii_casecmp(s, format_aliases[i].alias) == 0)
            return format_aliases[i].name;
    return NULL;
}

static const format_entry *format_lookup(const char *name) {
    const char *found = sg_render_format_find(name);
    for (size_t i = 0; found && i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(found, formats[i].name) == 0)
            return &formats[i];
    return NULL;
}

void sg_render_free(char *data) {
    free(data);
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

/* The line width for a label: 0 (no wrapping) when it fits in WRAP_COLUMNS or already has line
 * breaks; else the narrowest width that still needs no more lines than WRAP_COLUMNS does, so
 * that the lines come out about equally long. */
static size_t wrap_width(const char *s, size_t len) {
    size_t cols = utf8_columns(s, len);
    if (cols <= WRAP_COLUMNS || memchr(s, '\n', len))
        return 0;
    size_t lines = wrap_lines(s, len, WRAP_COLUMNS);
    for (size_t w = (cols + lines - 1) / lines; w < WRAP_COLUMNS; w++)
        if (wrap_lines(s, len, w) <= lines)
            return w;
    return WRAP_COLUMNS;
}

/* Appends `text` as a Graphviz label that shows byte for byte: '\' doubled (so \N, \G, \n ...
 * stay literal), '&' written as "&amp;" (Graphviz decodes entities such as &copy; in labels),
 * a newline as the centred line break "\n". With `wrap`, a label without line breaks that is
 * longer than WRAP_COLUMNS is broken at spaces into lines of about equal length. */
static void label_text(const char *text, int wrap, sg_buf *out, size_t *replaced) {
    sg_buf clean = {0};
    clean_text(text ? text : "", &clean, replaced);
    const char *s = clean.data ? clean.data : "";
    size_t len = strlen(s);
    size_t width = wrap ? wrap_width(s, len) : 0;
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

typedef struct {
    const sg_graph *model;
    int svg;                 /* node names get '&' as "&amp;" (see make_node) */
    Agraph_t *g;             /* the Graphviz graph */
    sg_theme *theme;         /* styles of the types and relations present */
    Agnode_t *legend_anchor; /* the legend's first node; NULL without a legend */
    size_t changed;          /* strings changed to be drawable (invalid UTF-8, controls, '\') */
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

static void set_label(builder *b, void *obj, const char *text, int wrap) {
    sg_buf l = {0};
    label_text(text, wrap, &l, &b->changed);
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

static void copy_attrs(builder *b, void *obj, sg_object on, size_t index) {
    size_t n = sg_graph_attr_count(b->model, on, index);
    for (size_t k = 0; k < n && b->status == SG_OK; k++) {
        const char *name, *value;
        if (sg_graph_attr_at(b->model, on, index, k, &name, &value) && !is_reserved_attr(on, name))
            copy_attr(b, obj, name, value);
    }
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

static void style_edge(builder *b, Agedge_t *e, const sg_edge_style *st) {
    if (strcmp(st->line, "solid") != 0)
        set(b, e, "style", st->line);
    set_number(b, e, "penwidth", st->penwidth);
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

static void build_defaults(builder *b, const char *title) {
    Agraph_t *g = b->g;
    set(b, g, "rankdir", "LR");
    set(b, g, "fontname", FONT_NAME);
    set(b, g, "nodesep", "0.2");
    set(b, g, "ranksep", "0.5");
    set(b, g, "pad", "0.2");
    set(b, g, "outputorder", "edgesfirst");
    set(b, g, "bgcolor", "white");
    if (title && *title) {
        set_label(b, g, title, 0);
        set(b, g, "labelloc", "t");
        set(b, g, "fontsize", "18");
    }
    if (b->status == SG_OK &&
        (!agattr(g, AGNODE, "fontname", FONT_NAME) || !agattr(g, AGNODE, "fontsize", "11") ||
         !agattr(g, AGNODE, "style", "filled") || !agattr(g, AGNODE, "color", LINE_COLOUR) ||
         !agattr(g, AGNODE, "penwidth", "1") || !agattr(g, AGEDGE, "fontname", FONT_NAME) ||
         !agattr(g, AGEDGE, "fontsize", "9") || !agattr(g, AGEDGE, "color", LINE_COLOUR) ||
         !agattr(g, AGEDGE, "arrowsize", "0.8")))
        fail(b, SG_ELIB);
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

/* The legend: a cluster with one sample node per type (drawn as in the figure, named by the
 * type's display name) and, per relation, its name followed by a short edge in its style. In one
 * column, the relations follow the types; in two, they stand beside them, row by row. */
static void build_legend(builder *b, const legend_entry *types, size_t nt, const legend_entry *rels,
                         size_t nr, int two_columns) {
    const sg_theme *t = b->theme;
    Agraph_t *c = agsubg(b->g, "cluster_legend", 1);
    if (!c) {
        fail(b, SG_ELIB);
        return;
    }
    set(b, c, "label", "Legend");
    set(b, c, "id", "legend");
    set(b, c, "fontsize", "11");
    set(b, c, "labeljust", "l");
    set(b, c, "style", "rounded");
    set(b, c, "color", LEGEND_FRAME);
    set(b, c, "margin", "8");
    char type_width[32], rel_width[32];
    sg_format_number(legend_width(t, types, nt, rels, two_columns ? 0 : nr, 1.6), 3, type_width,
                     sizeof type_width);
    sg_format_number(legend_width(t, rels, 0, rels, nr, 1.0), 3, rel_width, sizeof rel_width);
    Agnode_t **type_nodes = calloc(nt + 1, sizeof *type_nodes);
    if (!type_nodes) {
        fail(b, SG_ENOMEM);
        return;
    }
    for (size_t i = 0; i < nt && b->status == SG_OK; i++) {
        Agnode_t *n = legend_node(b, c, "legend_type_", i);
        if (!n)
            break;
        b->legend_anchor = b->legend_anchor ? b->legend_anchor : n;
        set_label(b, n, sg_theme_type_display(t, types[i].k), 0);
        set_numbered(b, n, "id", "legend_type_", i);
        style_node(b, n, sg_theme_type_style(t, types[i].k));
        set(b, n, "fontsize", "9");
        set(b, n, "width", type_width);
        set(b, n, "height", "0.25");
        set(b, n, "margin", "0.06,0.02");
        type_nodes[i] = n;
    }
    for (size_t i = 0; i < nr && b->status == SG_OK; i++) {
        Agnode_t *text = legend_node(b, c, "legend_relation_", i);
        Agnode_t *end = text ? legend_node(b, c, "legend_relation_end_", i) : NULL;
        if (!end)
            break;
        b->legend_anchor = b->legend_anchor ? b->legend_anchor : text;
        sg_buf l = {0};
        label_text(sg_theme_relation_display(t, rels[i].k), 0, &l, &b->changed);
        sg_buf_puts(&l, "\\r"); /* right-justified, next to the sample line */
        set_buf(b, text, "label", &l);
        sg_buf_free(&l);
        set_numbered(b, text, "id", "legend_relation_", i);
        set(b, text, "shape", "plaintext");
        set(b, text, "style", "solid");
        set(b, text, "fontsize", "9");
        set(b, text, "width", two_columns ? rel_width : type_width);
        set(b, text, "height", "0.2");
        set(b, text, "margin", "0.1,0.02"); /* a gap between the name and the line */
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
        if (two_columns && nt > 0) {
            /* beside type i (or the last type): one rank to the right, on the same row */
            Agnode_t *beside = type_nodes[i < nt ? i : nt - 1];
            Agedge_t *row = beside ? agedge(c, beside, text, NULL, 1) : NULL;
            if (!row) {
                fail(b, SG_ELIB);
                break;
            }
            set_numbered(b, row, "id", "legend_row_", i);
            set(b, row, "style", "invis");
        }
    }
    free(type_nodes);
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

    for (size_t i = 0; i < nn && b->status == SG_OK; i++) {
        size_t v = nodes[i].index, k;
        if (sg_theme_add_type(b->theme, sg_graph_node_type(m, v), &k) != SG_OK) {
            fail(b, SG_ENOMEM);
            break;
        }
        Agnode_t *n = make_node(b, b->g, nodes[i].id);
        if (!n)
            break;
        gv_nodes[v] = n;
        set_label(b, n, sg_graph_node_label(m, v), 1);
        set_numbered(b, n, "id", "node_", i);
        style_node(b, n, sg_theme_type_style(b->theme, k));
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
        const char *label = sg_graph_attr(m, SG_ON_EDGE, x, "label");
        if (label && *label)
            set_label(b, e, label, 0);
        copy_attrs(b, e, SG_ON_EDGE, x);
        /* The amount (model `weight`, else `amount`) never becomes Graphviz's layout weight. */
        const char *amount = sg_graph_attr(m, SG_ON_EDGE, x, "weight");
        if (!amount)
            amount = sg_graph_attr(m, SG_ON_EDGE, x, "amount");
        if (amount)
            copy_attr(b, e, "amount", amount);
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

/* Reads DOT `text` back and lays it out with dot. On success stores the laid-out graph (free with
 * gvFreeLayout() and agclose()). */
static int layout_text(session *s, const char *text, const char *dpi, Agraph_t **out) {
    Agraph_t *g = agmemread(text);
    int rc = check(s, "reading the DOT back", !g);
    if (rc == SG_OK && dpi)
        rc = check(s, "setting the resolution", agsafeset(g, "dpi", (char *)dpi, "") != 0);
    if (rc == SG_OK)
        rc = check(s, "the dot layout", gvLayout(s->gvc, g, "dot") != 0);
    if (rc == SG_OK) {
        *out = g;
    } else if (g) {
        gvFreeLayout(s->gvc, g);
        agclose(g);
    }
    return rc;
}

/* The scale at which a figure of w x h inches prints on a landscape A4 page (9 x 6.3 inches of
 * text), at most 1. */
static double print_scale(double w, double h) {
    double sw = w > 0 ? 9.0 / w : 1, sh = h > 0 ? 6.3 / h : 1;
    double scale = sw < sh ? sw : sh;
    return scale < 1 ? scale : 1;
}

/* 1 when a figure of w2 x h2 inches is the better one: it prints larger, or as large and is
 * smaller. */
static int prefer_second(double w1, double h1, double w2, double h2) {
    double s1 = print_scale(w1, h1), s2 = print_scale(w2, h2);
    if (s2 > s1 + 1e-9 || s2 < s1 - 1e-9)
        return s2 > s1;
    return w2 * h2 < w1 * h1;
}

/* Adds the legend, to the right of the drawing. The graph is laid out once without it, to learn
 * its last rank and its height; then an invisible edge from the first node of the drawing (in
 * file order) to the legend, long enough in ranks, puts the legend's columns after the last rank,
 * where they take none of the graph's width. The edge starts at the first node because dot
 * breaks cycles by a depth-first search from the node its component search meets first: from
 * there, the search, and thus the ranks of the graph, stay as they were without the legend.
 * The legend has one column, or two (types, and relations beside them) when that makes a figure
 * that prints larger on a landscape page, or as large and smaller. */
static int add_legend(builder *b, session *s) {
    const sg_theme *t = b->theme;
    size_t nt_all = sg_theme_type_count(t), nr_all = sg_theme_relation_count(t);
    legend_entry *types = calloc(nt_all + 1, sizeof *types);
    legend_entry *rels = calloc(nr_all + 1, sizeof *rels);
    char *text = NULL, *first_name = NULL;
    size_t len = 0;
    long span = 1;
    double width = 0, height = 0; /* of the drawing, in inches */
    Agraph_t *g = NULL;
    int rc = types && rels ? SG_OK : SG_ENOMEM;
    size_t nt = rc == SG_OK ? legend_select(t, 0, types) : 0;
    size_t nr = rc == SG_OK ? legend_select(t, 1, rels) : 0;
    if (rc != SG_OK || nt + nr == 0)
        goto done;
    rc = write_dot(b->g, &text, &len);
    if (rc == SG_ELIB)
        s->step = "writing DOT";
    if (rc == SG_OK)
        rc = layout_text(s, text, NULL, &g);
    if (rc == SG_OK) {
        Agnode_t *first = agfstnode(g);
        int max_rank = 0;
        for (Agnode_t *n = first; n; n = agnxtnode(g, n))
            max_rank = ND_rank(n) > max_rank ? ND_rank(n) : max_rank;
        if (first) {
            span = (long)max_rank - ND_rank(first) + 1;
            /* With edge labels, dot puts the labels on ranks of their own: its ranks count
             * double, and so will the legend edge's minlen. */
            if (GD_has_labels(g) & GRAPHVIZ_EDGE_LABEL)
                span = (span + 1) / 2;
            first_name = sg_strdup(agnameof(first));
            rc = first_name ? SG_OK : SG_ENOMEM;
        }
        width = (GD_bb(g).UR.x - GD_bb(g).LL.x) / 72.0;
        height = (GD_bb(g).UR.y - GD_bb(g).LL.y) / 72.0;
        gvFreeLayout(s->gvc, g);
        agclose(g);
    }
    if (rc != SG_OK)
        goto done;
    /* Sizes in inches. Rows: a type 0.25 + 0.2 apart, a relation 0.2 + 0.2; a sample line about
     * 1; the frame, its title and the gap to the drawing about 0.5. */
    double type_w = legend_width(t, types, nt, rels, nr, 1.6);
    double types_only_w = legend_width(t, types, nt, rels, 0, 1.6);
    double rel_w = legend_width(t, rels, 0, rels, nr, 1.0);
    double one_h = 0.45 * (double)nt + 0.4 * (double)nr + 0.5;
    double one_w = type_w + (nr > 0 ? 1.2 : 0) + 0.5;
    double two_h =
        (0.45 * (double)nt > 0.4 * (double)nr ? 0.45 * (double)nt : 0.4 * (double)nr) + 0.5;
    double two_w = types_only_w + 0.5 + rel_w + 1.2 + 0.5;
    int two_columns = nt > 0 && nr > 0 &&
                      prefer_second(width + one_w, one_h > height ? one_h : height, width + two_w,
                                    two_h > height ? two_h : height);
    build_legend(b, types, nt, rels, nr, two_columns);
    if (b->status == SG_OK && first_name && b->legend_anchor) {
        Agnode_t *from = agnode(b->g, first_name, 0);
        Agedge_t *e = from ? agedge(b->g, from, b->legend_anchor, NULL, 1) : NULL;
        if (!e) {
            fail(b, SG_ELIB);
        } else {
            set(b, e, "style", "invis");
            set(b, e, "id", "legend_link");
            set_number(b, e, "minlen", (double)span);
        }
    }
    rc = b->status == SG_ENOMEM ? SG_ENOMEM : check(s, "adding the legend", b->status != SG_OK);
done:
    free(first_name);
    free(text);
    free(types);
    free(rels);
    return rc;
}

/* The whole figure, in this process: sg_render() without the argument checks. */
static int render_here(const sg_graph *g, const sg_render_options *opts, const format_entry *fmt,
                       char **data, size_t *size, sg_diag *diag) {
    const char *title =
        opts && opts->title ? opts->title : sg_graph_attr(g, SG_ON_GRAPH, 0, "label");
    char dpi[32];
    snprintf(dpi, sizeof dpi, "%d", opts && opts->dpi > 0 ? opts->dpi : DEFAULT_DPI);

    locale_guard lg;
    locale_enter(&lg);
    agerrlevel_t old_level = agseterr(AGWARN);
    agusererrf old_errf = agseterrf(log_collect);
    agreseterrors();

    builder b = {0};
    b.model = g;
    b.svg = strcmp(fmt->name, "svg") == 0;
    b.theme = sg_theme_new();
    session s = {0};
    s.gvc = shared_context(); /* before any graph is made */
    char *dot = NULL, *rendered = NULL;
    size_t dot_len = 0;
    unsigned int rendered_len = 0;
    Agraph_t *laid = NULL;
    int rc = s.gvc && b.theme ? SG_OK : SG_ENOMEM;

    if (rc == SG_OK) {
        rc = build(&b, title);
        if (rc == SG_ELIB || rc == SG_OK)
            rc = check(&s, "building the graph", rc != SG_OK);
    }
    if (rc == SG_OK)
        rc = add_legend(&b, &s);
    if (rc == SG_OK) {
        rc = write_dot(b.g, &dot, &dot_len);
        if (rc == SG_ELIB || rc == SG_OK)
            rc = check(&s, "writing DOT", rc != SG_OK);
    }
    if (rc == SG_OK && b.changed > 0)
        sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                    "figure: %zu character(s) changed to be drawable (invalid UTF-8, control "
                    "characters, or a backslash DOT cannot end a string with)",
                    b.changed);
    if (rc == SG_OK && fmt->renderer) {
        rc = layout_text(&s, dot, strcmp(fmt->name, "png") == 0 ? dpi : NULL, &laid);
        if (rc == SG_OK)
            rc = check(&s, "rendering",
                       gvRenderData(s.gvc, laid, fmt->renderer, &rendered, &rendered_len) != 0);
    }
    if (rc == SG_OK) {
        const char *src = fmt->renderer ? rendered : dot;
        size_t n = fmt->renderer ? rendered_len : dot_len;
        char *out = malloc(n + 1);
        if (!out) {
            rc = SG_ENOMEM;
        } else {
            memcpy(out, src ? src : "", n);
            out[n] = '\0';
            *data = out;
            *size = n;
        }
    }
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

static int render_contained(void *arg, sg_buf *out) {
    const render_job *job = arg;
    sg_diag *diag = sg_diag_new();
    char *data = NULL;
    size_t size = 0;
    int rc = diag ? render_here(job->g, job->opts, job->fmt, &data, &size, diag) : SG_ENOMEM;
    uint64_t n = rc == SG_OK ? (uint64_t)size : 0;
    sg_buf_append(out, (const char *)&n, sizeof n);
    if (n > 0)
        sg_buf_append(out, data, size);
    sg_serialize(diag, NULL, out);
    sg_render_free(data);
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

int sg_render(const sg_graph *g, const sg_render_options *opts, const char *format, char **data,
              size_t *size, sg_diag *diag) {
    const format_entry *fmt = format_lookup(format);
    if (!g || !data || !size || !fmt) {
        if (!fmt)
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "unknown figure format \"%s\"",
                        format ? format : "(null)");
        return SG_EINVAL;
    }
    *data = NULL;
    *size = 0;
    render_job job = {g, opts, fmt};
    sg_buf bytes = {0};
    sg_contained how;
    int rc;
    if (sg_contain(render_contained, &job, SG_CONTAIN_STACK_MIB, SG_CONTAIN_SECONDS, &bytes,
                   &how) != 0) {
        if (how.timed_out)
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                        "Graphviz took longer than %d s to draw the figure; the graph may be "
                        "too large or too dense for dot",
                        SG_CONTAIN_SECONDS);
        else if (how.signal)
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                        "Graphviz crashed while drawing the figure (signal %d: %s); the graph "
                        "may be too large or too deep for dot",
                        how.signal, strsignal(how.signal));
        else
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "Graphviz could not be run to draw the figure");
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
                            "the process drawing the figure sent back a malformed answer");
            rc = rc == SG_OK ? how.status : rc;
        }
    }
    sg_contain_report(&how, diag, NULL); /* what Graphviz printed to stderr */
    sg_buf_free(&bytes);
    return rc;
}
