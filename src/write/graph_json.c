/* The graph as node-link JSON (RFC 8259), the shape d3 and networkx use:
 *
 *   {"directed": true, "multigraph": true, "graph": {...},
 *    "nodes": [{"id": "KKF", "label": ...}, ...],
 *    "links": [{"source": "KKF", "target": "DKD", "relation": ..., "weight": 250000}, ...]}
 *
 * networkx reads it with node_link_graph(data, edges="links") (its default key is "edges" since
 * 3.4). Numeric attributes (every value a number) are JSON numbers, never NaN or infinite; the
 * others strings. An unknown value (the weight of an edge whose amount is not known) is absent.
 * Strings are UTF-8 with `"`, `\` and the control characters escaped (U+2028 and U+2029 too, so
 * that the text is also valid JavaScript); invalid UTF-8 is an error. An attribute named like
 * a key of the format ("id" on a node; "source", "target", "key" on a link) is written as
 * NAME_2 (NAME_3... if that is taken) with a warning. */
#include "write/graph_export.h"

#include <string.h>

typedef struct {
    const sg_graph *g;
    sg_diag *diag;
    int rc;
} ctx;

static const sg_escape json_escapes[] = {
    {'"', "\\\""}, {'\\', "\\\\"}, {'\b', "\\b"}, {'\f', "\\f"},
    {'\n', "\\n"}, {'\r', "\\r"},  {'\t', "\\t"}, {0, NULL},
};

/* The other control characters, and U+2028 and U+2029 (line ends in JavaScript), as \uXXXX. */
static int json_other(sg_buf *out, unsigned long cp, void *arg) {
    (void)arg;
    if (cp >= 0x20 && cp != 0x2028 && cp != 0x2029)
        return 0;
    sg_buf_printf(out, "\\u%04lx", cp);
    return 1;
}

static void json_string(ctx *c, sg_buf *out, sg_object on, size_t index, const char *s) {
    if (c->rc != SG_OK)
        return;
    sg_buf d = {0};
    sg_export_describe(&d, c->g, on, index);
    c->rc = sg_export_check_utf8(s, "JSON", d.data ? d.data : "?", c->diag);
    sg_buf_free(&d);
    if (c->rc != SG_OK)
        return;
    sg_buf_putc(out, '"');
    sg_export_escape(out, s, json_escapes, json_other, NULL);
    sg_buf_putc(out, '"');
}

static int is_reserved(const char *name, const char *const *reserved) {
    for (size_t k = 0; reserved[k]; k++)
        if (strcmp(name, reserved[k]) == 0)
            return 1;
    return 0;
}

/* The key for a reserved attribute name: NAME_2, or NAME_3... when an attribute has that name
 * already. */
static void renamed(sg_buf *b, const char *name, const sg_attr_columns *cols) {
    for (int n = 2;; n++) {
        b->len = 0;
        sg_buf_printf(b, "%s_%d", name, n);
        if (b->failed)
            return;
        size_t k = 0;
        while (k < cols->count && strcmp(cols->items[k].name, b->data) != 0)
            k++;
        if (k == cols->count)
            return;
    }
}

/* Writes `, "NAME": VALUE` for each set attribute of the object, in column order. */
static void members(ctx *c, sg_buf *out, const sg_attr_columns *cols, sg_object on, size_t index,
                    const char *const *reserved, int first) {
    for (size_t k = 0; k < cols->count && c->rc == SG_OK; k++) {
        const char *name = cols->items[k].name;
        const char *v = sg_export_attr(c->g, on, index, name);
        if (!v)
            continue;
        sg_buf_puts(out, first ? "" : ", ");
        first = 0;
        if (is_reserved(name, reserved)) {
            sg_buf b = {0};
            renamed(&b, name, cols);
            if (b.failed)
                out->failed = 1;
            json_string(c, out, SG_ON_GRAPH, 0, b.data ? b.data : "");
            sg_buf_free(&b);
        } else {
            json_string(c, out, SG_ON_GRAPH, 0, name);
        }
        sg_buf_puts(out, ": ");
        double x;
        if (cols->items[k].numeric && sg_parse_number(v, &x) == 0)
            sg_export_number(out, x);
        else
            json_string(c, out, on, index, v);
    }
}

static void warn_reserved(const sg_attr_columns *cols, const char *const *reserved,
                          const char *what, sg_diag *diag) {
    for (size_t k = 0; k < cols->count; k++) {
        if (!is_reserved(cols->items[k].name, reserved))
            continue;
        sg_buf b = {0};
        renamed(&b, cols->items[k].name, cols);
        sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                    "%s attribute '%s' written to JSON as '%s' ('%s' is a key of the node-link "
                    "format)",
                    what, cols->items[k].name, b.data ? b.data : "?", cols->items[k].name);
        sg_buf_free(&b);
    }
}

int sg_export_json(const sg_graph *g, const sg_export_options *opts, sg_buf files[2],
                   sg_diag *diag) {
    static const char *const none[] = {NULL};
    static const char *const node_reserved[] = {"id", NULL};
    static const char *const link_reserved[] = {"source", "target", "key", NULL};
    sg_buf *out = &files[0];
    ctx c = {g, diag, SG_OK};
    sg_attr_columns cols[3] = {{0}};
    sg_attr_columns *gc = &cols[0], *nc = &cols[1], *ec = &cols[2];
    c.rc = sg_attr_columns_collect_all(g, opts->weight_attr, cols);
    if (c.rc == SG_OK) {
        warn_reserved(nc, node_reserved, "node", diag);
        warn_reserved(ec, link_reserved, "edge", diag);
    }
    size_t n = sg_graph_node_count(g), m = sg_graph_edge_count(g);
    sg_buf_printf(out, "{\n  \"directed\": %s,\n  \"multigraph\": true,\n  \"graph\": {",
                  sg_graph_directed(g) ? "true" : "false");
    members(&c, out, gc, SG_ON_GRAPH, 0, none, 1);
    sg_buf_puts(out, n ? "},\n  \"nodes\": [\n" : "},\n  \"nodes\": [");
    for (size_t i = 0; i < n && c.rc == SG_OK; i++) {
        sg_buf_puts(out, "    {\"id\": ");
        json_string(&c, out, SG_ON_NODE, i, sg_graph_node_id(g, i));
        members(&c, out, nc, SG_ON_NODE, i, node_reserved, 0);
        sg_buf_puts(out, i + 1 < n ? "},\n" : "}\n  ");
    }
    sg_buf_puts(out, m ? "],\n  \"links\": [\n" : "],\n  \"links\": [");
    for (size_t e = 0; e < m && c.rc == SG_OK; e++) {
        size_t s = sg_graph_edge_source(g, e), t = sg_graph_edge_target(g, e);
        sg_buf_puts(out, "    {\"source\": ");
        json_string(&c, out, SG_ON_NODE, s, sg_graph_node_id(g, s));
        sg_buf_puts(out, ", \"target\": ");
        json_string(&c, out, SG_ON_NODE, t, sg_graph_node_id(g, t));
        members(&c, out, ec, SG_ON_EDGE, e, link_reserved, 0);
        sg_buf_puts(out, e + 1 < m ? "},\n" : "}\n  ");
    }
    sg_buf_puts(out, "]\n}\n");
    sg_attr_columns_free_all(cols);
    return c.rc;
}
