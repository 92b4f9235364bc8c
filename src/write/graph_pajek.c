/* The graph as a Pajek network (.net; Batagelj and Mrvar, Pajek manual), which Pajek, UCINET
 * and igraph read:
 *
 *   *Vertices 3
 *   1 "KKF"
 *   ...
 *   *Arcs            (*Edges for an undirected graph)
 *   1 2 250000
 *   2 3
 *
 * Vertices are numbered from 1 in input order and labelled with the stakegraph id (unique, as
 * Pajek and UCINET use labels to match vertices; igraph reads it as the vertex attribute "id").
 * An arc's third number is the weight where it is known; where it is not the number is left
 * out (Pajek then assumes 1, igraph reads NaN when other arcs have a weight). Pajek has no
 * escape inside quotes: a `"` in an id is written as `'`, a line break as a space, with a
 * warning. Relations and other attributes have no place in this format. */
#include "write/graph_export.h"

#include <string.h>

static void label(sg_buf *out, const sg_graph *g, size_t node, sg_diag *diag) {
    const char *s = sg_graph_node_id(g, node);
    int changed = 0;
    sg_buf_putc(out, '"');
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (c == '"' || c == '\n' || c == '\r') {
            sg_buf_putc(out, c == '"' ? '\'' : ' ');
            changed = 1;
        } else {
            sg_buf_putc(out, c);
        }
    }
    sg_buf_puts(out, "\"\n");
    if (changed)
        sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                    "node '%s': quotes and line breaks in the id written to Pajek as ' and "
                    "spaces (Pajek has no escapes)",
                    s);
}

int sg_export_pajek(const sg_graph *g, const sg_export_options *opts, sg_buf files[2],
                    sg_diag *diag) {
    sg_buf *out = &files[0];
    size_t n = sg_graph_node_count(g), m = sg_graph_edge_count(g);
    size_t text_weights = 0;
    const char *first_text = NULL;
    sg_buf_printf(out, "*Vertices %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        sg_buf_printf(out, "%zu ", i + 1);
        label(out, g, i, diag);
    }
    sg_buf_puts(out, sg_graph_directed(g) ? "*Arcs\n" : "*Edges\n");
    for (size_t e = 0; e < m; e++) {
        sg_buf_printf(out, "%zu %zu", sg_graph_edge_source(g, e) + 1,
                      sg_graph_edge_target(g, e) + 1);
        const char *w = sg_export_attr(g, SG_ON_EDGE, e, opts->weight_attr);
        double v;
        if (w && sg_parse_number(w, &v) == 0) {
            sg_buf_putc(out, ' ');
            sg_export_number(out, v);
        } else if (w && text_weights++ == 0) {
            first_text = w;
        }
        sg_buf_putc(out, '\n');
    }
    if (text_weights)
        sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                    "%zu edges have a '%s' that is not a number (the first: '%s'): written to "
                    "Pajek without a weight",
                    text_weights, opts->weight_attr, first_text);
    return SG_OK;
}
