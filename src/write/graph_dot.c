/* The graph as plain DOT that Graphviz's reader (cgraph) reads back as the same graph.
 *
 * What cgraph 2.43 does with a quoted string (lib/cgraph/scan.l, checked by the tests): `\"`
 * becomes `"`, a backslash before a line break is dropped with the line break, and every other
 * byte is kept as written: `\\`, `\n`, `\N` stay two bytes each. Escapes such as `\n` or `\N` in
 * a label are Graphviz's drawing convention, applied when a label is drawn, not when it is
 * read. Labels (util/dot_label.h) are written in that convention, so that Graphviz draws the
 * model's text and stakegraph's reader, which decodes it (read/dot.c), reads the same text
 * back: each backslash doubled, a line break as `\n`. Every other value carries the model's
 * bytes, only `"` escaped. Two consequences for those:
 *  - a run of backslashes is read in pairs, so a value with an odd run before a `"`, a line
 *    break or its end (`C:\`) has no quoted form at all: it is written as `<...>`, which cgraph
 *    reads back byte for byte when its angle brackets balance;
 *  - cgraph's file reader (flex, as `dot` uses it) fails on a string of more than 16381 bytes
 *    (shared/cases R08): longer values are written as pieces of at most PIECE bytes joined with
 *    `+`, which DOT concatenates. A piece never ends inside a UTF-8 character or after an odd
 *    run of backslashes. */
#include "write/graph_export.h"
#include "util/dot_label.h"

#include <string.h>

enum { PIECE = 16000 };

/* 1 when `s` has a quoted DOT form: no odd run of backslashes before `"`, LF or the end. */
static int quotable(const char *s) {
    size_t run = 0;
    for (const char *p = s;; p++) {
        if (*p == '\\') {
            run++;
            continue;
        }
        if ((*p == '"' || *p == '\n' || *p == '\0') && run % 2 == 1)
            return 0;
        if (*p == '\0')
            return 1;
        run = 0;
    }
}

/* 1 when `s` can be written as <s>: every '>' closes an earlier '<', all are closed, and no
 * run between angle brackets is too long for cgraph's file reader. */
static int html_form(const char *s) {
    long depth = 0;
    size_t run = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '<' || *p == '>') {
            depth += *p == '<' ? 1 : -1;
            if (depth < 0)
                return 0;
            run = 0;
        } else if (++run > PIECE) {
            return 0;
        }
    }
    return depth == 0;
}

static void quoted(sg_buf *out, const char *s) {
    sg_buf_putc(out, '"');
    size_t piece = 0; /* bytes written in this piece */
    size_t run = 0;   /* backslashes just before p */
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        /* A piece may end before p when p starts a character and the backslashes before it
         * pair up (an odd one would escape the closing quote). Cutting at the first such place
         * after PIECE - 16 bytes keeps every piece within PIECE: the next place is at most one
         * character (4 bytes, 2 for an escaped quote) after a backslash away. */
        if (piece >= PIECE - 16 && (c & 0xC0) != 0x80 && run % 2 == 0) {
            sg_buf_puts(out, "\" +\n    \"");
            piece = 0;
        }
        if (c == '"') {
            sg_buf_putc(out, '\\');
            piece++;
        }
        sg_buf_putc(out, (char)c);
        piece++;
        run = c == '\\' ? run + 1 : 0;
    }
    sg_buf_putc(out, '"');
}

/* Writes an id, attribute name or value. Returns SG_EINVAL when it has no DOT form. */
static int dot_id(sg_buf *out, const sg_graph *g, sg_object on, size_t index, const char *what,
                  const char *s, sg_diag *diag) {
    if (quotable(s)) {
        quoted(out, s);
        return SG_OK;
    }
    if (html_form(s)) {
        sg_buf_putc(out, '<');
        sg_buf_puts(out, s);
        sg_buf_putc(out, '>');
        return SG_OK;
    }
    sg_buf d = {0};
    sg_export_describe(&d, g, on, index);
    sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                "%s: %s cannot be written as DOT (an odd run of backslashes before a quote, a "
                "line break or the end needs the <...> form, and its < > do not balance)",
                d.data ? d.data : "?", what);
    sg_buf_free(&d);
    return SG_EINVAL;
}

/* Writes ` [name=value, ...]` for the object's set attributes (none: nothing). */
static int attr_list(sg_buf *out, const sg_graph *g, sg_object on, size_t index, sg_diag *diag) {
    int rc = SG_OK;
    int first = 1;
    for (size_t k = 0; rc == SG_OK && k < sg_graph_attr_count(g, on, index); k++) {
        const char *name, *value;
        sg_graph_attr_at(g, on, index, k, &name, &value);
        if (!*value)
            continue;
        /* cgraph takes an edge's "key" as the edge's identity (two edges with one key between
         * the same nodes are one edge), so it never is an ordinary attribute. */
        if (on == SG_ON_EDGE && strcmp(name, "key") == 0) {
            sg_buf d = {0};
            sg_export_describe(&d, g, on, index);
            sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                        "%s: attribute 'key' left out of DOT (Graphviz takes it as the edge's "
                        "identity)",
                        d.data ? d.data : "?");
            sg_buf_free(&d);
            continue;
        }
        sg_buf_puts(out, first ? " [" : ", ");
        first = 0;
        rc = dot_id(out, g, on, index, "an attribute name", name, diag);
        sg_buf_putc(out, '=');
        if (rc == SG_OK && sg_dot_label_attr(name)) {
            sg_buf esc = {0};
            for (const char *p = value; *p; p++) {
                if (*p == '\\')
                    sg_buf_puts(&esc, "\\\\");
                else if (*p == '\n')
                    sg_buf_puts(&esc, "\\n");
                else
                    sg_buf_putc(&esc, *p);
            }
            rc = esc.failed ? SG_ENOMEM
                            : dot_id(out, g, on, index, "a value", esc.data ? esc.data : "", diag);
            sg_buf_free(&esc);
        } else if (rc == SG_OK) {
            rc = dot_id(out, g, on, index, "a value", value, diag);
        }
    }
    if (!first)
        sg_buf_putc(out, ']');
    return rc;
}

int sg_export_dot(const sg_graph *g, const sg_export_options *opts, sg_buf files[2],
                  sg_diag *diag) {
    sg_buf *out = &files[0];
    int directed = sg_graph_directed(g);
    int rc = SG_OK;
    sg_buf_puts(out, directed ? "digraph {\n" : "graph {\n");
    for (size_t k = 0; rc == SG_OK && k < sg_graph_attr_count(g, SG_ON_GRAPH, 0); k++) {
        const char *name, *value;
        sg_graph_attr_at(g, SG_ON_GRAPH, 0, k, &name, &value);
        if (!*value)
            continue;
        sg_buf_puts(out, "  ");
        rc = dot_id(out, g, SG_ON_GRAPH, 0, "an attribute name", name, diag);
        sg_buf_putc(out, '=');
        if (rc == SG_OK)
            rc = dot_id(out, g, SG_ON_GRAPH, 0, "a value", value, diag);
        sg_buf_puts(out, ";\n");
    }
    for (size_t i = 0; rc == SG_OK && i < sg_graph_node_count(g); i++) {
        sg_buf_puts(out, "  ");
        rc = dot_id(out, g, SG_ON_NODE, i, "the id", sg_graph_node_id(g, i), diag);
        if (rc == SG_OK)
            rc = attr_list(out, g, SG_ON_NODE, i, diag);
        sg_buf_puts(out, ";\n");
    }
    for (size_t e = 0; rc == SG_OK && e < sg_graph_edge_count(g); e++) {
        size_t s = sg_graph_edge_source(g, e), t = sg_graph_edge_target(g, e);
        sg_buf_puts(out, "  ");
        rc = dot_id(out, g, SG_ON_NODE, s, "the id", sg_graph_node_id(g, s), diag);
        sg_buf_puts(out, directed ? " -> " : " -- ");
        if (rc == SG_OK)
            rc = dot_id(out, g, SG_ON_NODE, t, "the id", sg_graph_node_id(g, t), diag);
        if (rc == SG_OK)
            rc = attr_list(out, g, SG_ON_EDGE, e, diag);
        sg_buf_puts(out, ";\n");
    }
    sg_buf_puts(out, "}\n");
    (void)opts;
    return rc;
}
