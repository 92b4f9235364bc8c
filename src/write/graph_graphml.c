/* The graph as GraphML 1.0 (graphml.graphdrawing.org), for Gephi, yEd, igraph and networkx.
 *
 * Keys are typed: "double" for an attribute whose values are all numbers (the weight, as a
 * rule), "string" otherwise; igraph 0.10 drops a key without attr.type. Text is UTF-8 with
 * & < > " as entities; CR, and tab and LF inside XML attributes, as character references so
 * that an XML parser's normalisation keeps them. XML 1.0 cannot hold the other control
 * characters (U+0001-U+001F but tab, LF, CR) nor U+FFFE/U+FFFF even as references: they are
 * replaced by U+FFFD, with one warning per object. Unknown values have no <data> element. */
#include "write/graph_export.h"

#include <string.h>

typedef struct {
    const sg_graph *g;
    sg_diag *diag;
    int rc;
} ctx;

static const sg_escape xml_escapes[] = {
    {'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\r', "&#13;"}, {0, NULL},
};

typedef struct {
    int in_attribute;
    size_t replaced;
} xml_escape;

/* Tab and LF as references in an attribute; the characters XML 1.0 cannot hold as U+FFFD. */
static int xml_other(sg_buf *out, unsigned long cp, void *arg) {
    xml_escape *x = arg;
    if (cp == '\t' || cp == '\n') {
        if (!x->in_attribute)
            return 0;
        sg_buf_printf(out, "&#%lu;", cp);
        return 1;
    }
    if (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF)
        return 0;
    sg_buf_puts(out, "\xEF\xBF\xBD"); /* U+FFFD */
    x->replaced++;
    return 1;
}

/* Appends `s` escaped for XML; `in_attribute` also keeps tab and LF from normalisation.
 * Returns the number of characters replaced. */
static size_t xml_text(sg_buf *out, const char *s, int in_attribute) {
    xml_escape x = {in_attribute, 0};
    sg_export_escape(out, s, xml_escapes, xml_other, &x);
    return x.replaced;
}

/* Writes text of object (on, index) after checking it is UTF-8; warns about replacements. */
static void text(ctx *c, sg_buf *out, sg_object on, size_t index, const char *s, int in_attribute) {
    if (c->rc != SG_OK)
        return;
    sg_buf d = {0};
    sg_export_describe(&d, c->g, on, index);
    if (sg_export_check_utf8(s, "GraphML", d.data ? d.data : "?", c->diag) != SG_OK) {
        c->rc = SG_EINVAL;
    } else if (xml_text(out, s, in_attribute) > 0) {
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "%s: control characters that XML cannot hold replaced by U+FFFD in GraphML",
                    d.data ? d.data : "?");
    }
    sg_buf_free(&d);
}

static void keys(ctx *c, sg_buf *out, const sg_attr_columns *cols, const char *domain,
                 char prefix) {
    for (size_t k = 0; k < cols->count; k++) {
        sg_buf_printf(out, "  <key id=\"%c%zu\" for=\"%s\" attr.name=\"", prefix, k, domain);
        text(c, out, SG_ON_GRAPH, 0, cols->items[k].name, 1);
        sg_buf_printf(out, "\" attr.type=\"%s\"/>\n", cols->items[k].numeric ? "double" : "string");
    }
}

static void data(ctx *c, sg_buf *out, const sg_attr_columns *cols, sg_object on, size_t index,
                 char prefix, const char *indent) {
    for (size_t k = 0; k < cols->count && c->rc == SG_OK; k++) {
        const char *v = sg_export_attr(c->g, on, index, cols->items[k].name);
        if (!v)
            continue;
        sg_buf_printf(out, "%s<data key=\"%c%zu\">", indent, prefix, k);
        double x;
        if (cols->items[k].numeric && sg_parse_number(v, &x) == 0)
            sg_export_number(out, x);
        else
            text(c, out, on, index, v, 0);
        sg_buf_puts(out, "</data>\n");
    }
}

/* 1 when the object has a non-empty attribute value. */
static int has_values(const sg_graph *g, sg_object on, size_t index) {
    for (size_t k = 0; k < sg_graph_attr_count(g, on, index); k++) {
        const char *value;
        sg_graph_attr_at(g, on, index, k, NULL, &value);
        if (*value)
            return 1;
    }
    return 0;
}

int sg_export_graphml(const sg_graph *g, const sg_export_options *opts, sg_buf files[2],
                      sg_diag *diag) {
    sg_buf *out = &files[0];
    ctx c = {g, diag, SG_OK};
    sg_attr_columns cols[3] = {{0}};
    sg_attr_columns *gc = &cols[0], *nc = &cols[1], *ec = &cols[2];
    c.rc = sg_attr_columns_collect_all(g, opts->weight_attr, cols);
    sg_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
                     "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                     "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                     "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    keys(&c, out, gc, "graph", 'g');
    keys(&c, out, nc, "node", 'n');
    keys(&c, out, ec, "edge", 'e');
    sg_buf_printf(out, "  <graph id=\"G\" edgedefault=\"%s\">\n",
                  sg_graph_directed(g) ? "directed" : "undirected");
    data(&c, out, gc, SG_ON_GRAPH, 0, 'g', "    ");
    for (size_t i = 0; i < sg_graph_node_count(g) && c.rc == SG_OK; i++) {
        sg_buf_puts(out, "    <node id=\"");
        text(&c, out, SG_ON_NODE, i, sg_graph_node_id(g, i), 1);
        if (!has_values(g, SG_ON_NODE, i)) {
            sg_buf_puts(out, "\"/>\n");
            continue;
        }
        sg_buf_puts(out, "\">\n");
        data(&c, out, nc, SG_ON_NODE, i, 'n', "      ");
        sg_buf_puts(out, "    </node>\n");
    }
    for (size_t e = 0; e < sg_graph_edge_count(g) && c.rc == SG_OK; e++) {
        sg_buf_puts(out, "    <edge source=\"");
        text(&c, out, SG_ON_NODE, sg_graph_edge_source(g, e),
             sg_graph_node_id(g, sg_graph_edge_source(g, e)), 1);
        sg_buf_puts(out, "\" target=\"");
        text(&c, out, SG_ON_NODE, sg_graph_edge_target(g, e),
             sg_graph_node_id(g, sg_graph_edge_target(g, e)), 1);
        if (!has_values(g, SG_ON_EDGE, e)) {
            sg_buf_puts(out, "\"/>\n");
            continue;
        }
        sg_buf_puts(out, "\">\n");
        data(&c, out, ec, SG_ON_EDGE, e, 'e', "      ");
        sg_buf_puts(out, "    </edge>\n");
    }
    sg_buf_puts(out, "  </graph>\n</graphml>\n");
    sg_attr_columns_free_all(cols);
    return c.rc;
}
