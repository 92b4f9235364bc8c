/* The graph as GML (Himsolt, "GML: A portable Graph File Format", 1997), written the way
 * igraph's own writer does, so that igraph, Gephi and yEd read it:
 *  - nodes `id` 0..n-1 in input order, `name` (the stakegraph id: igraph's vertex name),
 *    `label` (the label, or the id where there is none: what Gephi and yEd show);
 *  - edges `source`, `target` (node ids), then the attributes;
 *  - strings in double quotes, UTF-8 as it is, with `&` and `"` written as &amp; and &quot;
 *    (the entities igraph's reader decodes); GML has no other escape;
 *  - numeric attributes (all values numbers) as numbers: integers when every value is whole
 *    and fits in 32 bits (GML's integers), else reals that always hold a '.';
 *  - keys are ASCII letters, digits and `_`, starting with a letter: other names are rewritten
 *    (each other byte becomes `_`), and a name taken twice or reserved by the format gets
 *    `_2`, `_3`...; each rewritten name is named in a warning.
 * networkx's read_gml accepts ASCII only, with &#N; for other characters, which igraph 0.10 does
 * not decode: for networkx, use GraphML or node-link JSON. */
#include "write/graph_export.h"

#include <stdlib.h>
#include <string.h>

/* The GML key of each attribute column, newly allocated. */
typedef struct {
    char **keys;
    size_t count;
} key_list;

static int is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_key_char(char c) {
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '_';
}

static int taken(const char *key, const char *const *reserved, const key_list *l, size_t n) {
    for (size_t k = 0; reserved[k]; k++)
        if (strcmp(key, reserved[k]) == 0)
            return 1;
    for (size_t k = 0; k < n; k++)
        if (l->keys[k] && strcmp(key, l->keys[k]) == 0)
            return 1;
    return 0;
}

/* Makes the keys of `cols` (skipping the column named `skip`, left NULL). Returns SG_OK or
 * SG_ENOMEM. */
static int make_keys(const sg_attr_columns *cols, const char *skip, const char *const *reserved,
                     const char *what, key_list *l, sg_diag *diag) {
    l->count = cols->count;
    l->keys = calloc(cols->count ? cols->count : 1, sizeof *l->keys);
    if (!l->keys)
        return SG_ENOMEM;
    /* First the names that are keys already and not reserved: they keep themselves. */
    for (size_t k = 0; k < cols->count; k++) {
        const char *name = cols->items[k].name;
        int valid = is_alpha(name[0]);
        for (const char *p = name; valid && *p; p++)
            valid = is_key_char(*p);
        if (!valid || (skip && strcmp(name, skip) == 0) || taken(name, reserved, l, k))
            continue;
        l->keys[k] = malloc(strlen(name) + 1);
        if (!l->keys[k])
            return SG_ENOMEM;
        strcpy(l->keys[k], name);
    }
    /* Then the others, rewritten, each to a key not taken yet. */
    for (size_t k = 0; k < cols->count; k++) {
        const char *name = cols->items[k].name;
        if (l->keys[k] || (skip && strcmp(name, skip) == 0))
            continue;
        sg_buf b = {0};
        if (!is_alpha(name[0]))
            sg_buf_puts(&b, "a");
        for (const char *p = name; *p; p++)
            sg_buf_putc(&b, is_key_char(*p) ? *p : '_');
        size_t base = b.len;
        for (int n = 2; !b.failed && taken(b.data, reserved, l, l->count); n++) {
            b.len = base;
            sg_buf_printf(&b, "_%d", n);
        }
        if (b.failed) {
            sg_buf_free(&b);
            return SG_ENOMEM;
        }
        if (strcmp(b.data, name) != 0)
            sg_diag_add(diag, SG_WARNING, NULL, 0, 0, "%s attribute '%s' written to GML as '%s'",
                        what, name, b.data);
        l->keys[k] = b.data;
    }
    return SG_OK;
}

static void free_keys(key_list *l) {
    for (size_t k = 0; k < l->count; k++)
        free(l->keys[k]);
    free(l->keys);
    l->keys = NULL;
    l->count = 0;
}

static void gml_string(sg_buf *out, const char *s) {
    sg_buf_putc(out, '"');
    for (; *s; s++) {
        if (*s == '&')
            sg_buf_puts(out, "&amp;");
        else if (*s == '"')
            sg_buf_puts(out, "&quot;");
        else
            sg_buf_putc(out, *s);
    }
    sg_buf_putc(out, '"');
}

/* A real number as GML wants it: always with a '.' ("250000.0", "1.0e+20"). */
static void gml_real(sg_buf *out, double v) {
    sg_buf t = {0};
    sg_export_number(&t, v);
    if (t.failed) {
        out->failed = 1;
    } else if (strpbrk(t.data, ".nN")) {
        sg_buf_puts(out, t.data);
    } else {
        char *e = strpbrk(t.data, "eE");
        size_t head = e ? (size_t)(e - t.data) : t.len;
        sg_buf_append(out, t.data, head);
        sg_buf_puts(out, ".0");
        sg_buf_puts(out, t.data + head);
    }
    sg_buf_free(&t);
}

static void values(sg_buf *out, const sg_graph *g, sg_object on, size_t index,
                   const sg_attr_columns *cols, const key_list *keys, const char *indent) {
    for (size_t k = 0; k < cols->count; k++) {
        const char *v = keys->keys[k] ? sg_export_attr(g, on, index, cols->items[k].name) : NULL;
        if (!v)
            continue;
        sg_buf_printf(out, "%s%s ", indent, keys->keys[k]);
        double x;
        if (cols->items[k].numeric && sg_parse_number(v, &x) == 0) {
            if (cols->items[k].integral)
                sg_export_number(out, x);
            else
                gml_real(out, x);
        } else {
            gml_string(out, v);
        }
        sg_buf_putc(out, '\n');
    }
}

int sg_export_gml(const sg_graph *g, const sg_export_options *opts, sg_buf files[2],
                  sg_diag *diag) {
    static const char *const graph_reserved[] = {"directed", "node", "edge", "id", NULL};
    static const char *const node_reserved[] = {"id", "name", "label", NULL};
    static const char *const edge_reserved[] = {"source", "target", "id", NULL};
    sg_buf *out = &files[0];
    sg_attr_columns cols[3] = {{0}};
    sg_attr_columns *gc = &cols[0], *nc = &cols[1], *ec = &cols[2];
    key_list gk = {0}, nk = {0}, ek = {0};
    int rc = sg_attr_columns_collect_all(g, opts->weight_attr, cols);
    if (rc == SG_OK)
        rc = make_keys(gc, NULL, graph_reserved, "graph", &gk, diag);
    if (rc == SG_OK)
        rc = make_keys(nc, "label", node_reserved, "node", &nk, diag);
    if (rc == SG_OK)
        rc = make_keys(ec, NULL, edge_reserved, "edge", &ek, diag);
    if (rc == SG_OK) {
        sg_buf_printf(out, "graph [\n  directed %d\n", sg_graph_directed(g) ? 1 : 0);
        values(out, g, SG_ON_GRAPH, 0, gc, &gk, "  ");
        for (size_t i = 0; i < sg_graph_node_count(g); i++) {
            sg_buf_printf(out, "  node [\n    id %zu\n    name ", i);
            gml_string(out, sg_graph_node_id(g, i));
            sg_buf_puts(out, "\n    label ");
            gml_string(out, sg_graph_node_label(g, i));
            sg_buf_putc(out, '\n');
            values(out, g, SG_ON_NODE, i, nc, &nk, "    ");
            sg_buf_puts(out, "  ]\n");
        }
        for (size_t e = 0; e < sg_graph_edge_count(g); e++) {
            sg_buf_printf(out, "  edge [\n    source %zu\n    target %zu\n",
                          sg_graph_edge_source(g, e), sg_graph_edge_target(g, e));
            values(out, g, SG_ON_EDGE, e, ec, &ek, "    ");
            sg_buf_puts(out, "  ]\n");
        }
        sg_buf_puts(out, "]\n");
    }
    free_keys(&gk);
    free_keys(&nk);
    free_keys(&ek);
    sg_attr_columns_free_all(cols);
    return rc;
}
