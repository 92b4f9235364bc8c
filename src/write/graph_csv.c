/* The graph as two CSV tables (RFC 4180), as Gephi's and Kumu's spreadsheet imports and
 * stakegraph's own CSV reader take them:
 *
 *   FILE.csv        source,target,relation,WEIGHT[,type],OTHER...   one row per edge
 *   FILE-nodes.csv  id,label,type,OTHER...                           one row per node
 *
 * WEIGHT is the weight attribute's own name ("weight" unless the graph's weight is "amount" or
 * the one named in the options), empty where the weight is unknown. An undirected graph adds
 * Gephi's `type` column saying Undirected. `label` is the node's label, or its id where it has
 * none. OTHER: the other attributes, in order of first appearance. A cell is quoted when it
 * holds a comma, a quote, a line break, or space at either end; text is written as it is (a
 * graph export carries data, so no formula neutralising: that is the centrality report's).
 * Lines end in LF, as the other CSV files of stakegraph. An attribute whose name a CSV reader
 * would take for one of the fixed columns (ASCII case folded) is left out with a warning. */
#include "write/graph_export.h"

#include <stdlib.h>
#include <string.h>

static void cell(sg_buf *out, const char *s) {
    size_t n = strlen(s);
    int quote = strpbrk(s, ",\"\r\n") != NULL ||
                (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'));
    if (quote)
        sg_buf_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            sg_buf_putc(out, '"');
        sg_buf_putc(out, *s);
    }
    if (quote)
        sg_buf_putc(out, '"');
}

static int reserved(const char *name, const char *const *fixed) {
    for (size_t k = 0; fixed[k]; k++)
        if (sg_ascii_casecmp(name, fixed[k]) == 0)
            return 1;
    return 0;
}

/* Marks (in `keep`) the columns written as OTHER: not a fixed column's attribute, and not a name
 * a reader would mistake for a fixed column. */
static void choose(const sg_attr_columns *cols, const char *const *own, const char *const *fixed,
                   const char *what, int *keep, sg_diag *diag) {
    for (size_t k = 0; k < cols->count; k++) {
        const char *name = cols->items[k].name;
        keep[k] = 1;
        for (size_t i = 0; own[i]; i++)
            if (strcmp(name, own[i]) == 0)
                keep[k] = 0;
        if (keep[k] && reserved(name, fixed)) {
            keep[k] = 0;
            sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                        "%s attribute '%s' left out of the CSV export: a reader would take it "
                        "for a standard column",
                        what, name);
        }
    }
}

static int nodes_table(const sg_graph *g, sg_buf *out, sg_diag *diag) {
    static const char *const own[] = {"label", "type", NULL};
    static const char *const fixed[] = {"id", "label", "type", NULL};
    sg_attr_columns cols = {0};
    int rc = sg_attr_columns_collect(g, SG_ON_NODE, NULL, &cols);
    int keep_one = 0;
    int *keep = rc == SG_OK && cols.count ? calloc(cols.count, sizeof *keep) : &keep_one;
    if (!keep)
        rc = SG_ENOMEM;
    if (rc == SG_OK) {
        choose(&cols, own, fixed, "node", keep, diag);
        sg_buf_puts(out, "id,label,type");
        for (size_t k = 0; k < cols.count; k++) {
            if (keep[k]) {
                sg_buf_putc(out, ',');
                cell(out, cols.items[k].name);
            }
        }
        sg_buf_putc(out, '\n');
        for (size_t i = 0; i < sg_graph_node_count(g); i++) {
            cell(out, sg_graph_node_id(g, i));
            sg_buf_putc(out, ',');
            cell(out, sg_graph_node_label(g, i));
            sg_buf_putc(out, ',');
            cell(out, sg_graph_node_type(g, i));
            for (size_t k = 0; k < cols.count; k++) {
                if (!keep[k])
                    continue;
                const char *v = sg_graph_attr(g, SG_ON_NODE, i, cols.items[k].name);
                sg_buf_putc(out, ',');
                cell(out, v ? v : "");
            }
            sg_buf_putc(out, '\n');
        }
    }
    if (keep != &keep_one)
        free(keep);
    sg_attr_columns_free(&cols);
    return rc;
}

static int edges_table(const sg_graph *g, const char *weight, sg_buf *out, sg_diag *diag) {
    const char *own[] = {"relation", weight, NULL};
    /* Gephi, Kumu and design.md's names for the endpoint, relation and weight columns. */
    static const char *const fixed[] = {"source",   "target", "from",   "to",
                                        "relation", "type",   "weight", NULL};
    const char *fixed_weight[] = {weight, NULL};
    sg_attr_columns cols = {0};
    int directed = sg_graph_directed(g);
    int rc = sg_attr_columns_collect(g, SG_ON_EDGE, weight, &cols);
    int keep_one = 0;
    int *keep = rc == SG_OK && cols.count ? calloc(cols.count, sizeof *keep) : &keep_one;
    if (!keep)
        rc = SG_ENOMEM;
    if (rc == SG_OK) {
        choose(&cols, own, fixed, "edge", keep, diag);
        for (size_t k = 0; k < cols.count; k++)
            if (keep[k] && reserved(cols.items[k].name, fixed_weight))
                keep[k] = 0; /* a case variant of the weight's own name */
        sg_buf_puts(out, "source,target,relation,");
        cell(out, weight);
        if (!directed)
            sg_buf_puts(out, ",type");
        for (size_t k = 0; k < cols.count; k++) {
            if (keep[k]) {
                sg_buf_putc(out, ',');
                cell(out, cols.items[k].name);
            }
        }
        sg_buf_putc(out, '\n');
        for (size_t e = 0; e < sg_graph_edge_count(g); e++) {
            cell(out, sg_graph_node_id(g, sg_graph_edge_source(g, e)));
            sg_buf_putc(out, ',');
            cell(out, sg_graph_node_id(g, sg_graph_edge_target(g, e)));
            sg_buf_putc(out, ',');
            cell(out, sg_graph_edge_relation(g, e));
            sg_buf_putc(out, ',');
            const char *w = sg_graph_attr(g, SG_ON_EDGE, e, weight);
            cell(out, w ? w : "");
            if (!directed)
                sg_buf_puts(out, ",Undirected");
            for (size_t k = 0; k < cols.count; k++) {
                if (!keep[k])
                    continue;
                const char *v = sg_graph_attr(g, SG_ON_EDGE, e, cols.items[k].name);
                sg_buf_putc(out, ',');
                cell(out, v ? v : "");
            }
            sg_buf_putc(out, '\n');
        }
    }
    if (keep != &keep_one)
        free(keep);
    sg_attr_columns_free(&cols);
    return rc;
}

int sg_export_csv(const sg_graph *g, const sg_export_options *opts, sg_buf files[2],
                  sg_diag *diag) {
    int rc = edges_table(g, opts->weight_attr, &files[0], diag);
    if (rc == SG_OK)
        rc = nodes_table(g, &files[1], diag);
    return rc;
}
