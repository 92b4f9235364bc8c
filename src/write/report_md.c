/* The centrality report as Markdown: a Pandoc pipe table, the graph summary, the warnings, and
 * what each measure means in plain language. */
#include "write/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Inline text: Markdown's special characters escaped, line breaks as spaces. */
static void md_text(sg_buf *out, const char *s) {
    for (; *s; s++) {
        if (*s == '\n' || *s == '\r' || *s == '\t') {
            sg_buf_putc(out, ' ');
            continue;
        }
        if (strchr("\\|*_`<>[]#~^$", *s))
            sg_buf_putc(out, '\\');
        sg_buf_putc(out, *s);
    }
}


/* "- What: value" or "- What: why it is not defined". */
static void figure(sg_buf *out, const char *what, double value, const char *undefined) {
    char num[64];
    sg_format_number(value, 6, num, sizeof num);
    if (out->len > 0 && out->data[out->len - 1] == '\n')
        sg_buf_puts(out, "- ");
    sg_buf_printf(out, "%s: %s\n", what, *num ? num : undefined);
}

static void summary(sg_buf *out, const sg_analysis *a) {
    const sg_summary *s = sg_analysis_summary(a);
    char num[64];
    sg_buf_puts(out, "## Summary\n\n");
    sg_buf_printf(out, "- Nodes: %zu\n- Edges: %zu", s->nodes, s->edges);
    size_t nr = sg_analysis_relation_count(a);
    for (size_t k = 0; k < nr; k++) {
        size_t count;
        const char *r = sg_analysis_relation(a, k, &count);
        sg_buf_puts(out, k == 0 ? " (" : ", ");
        if (*r)
            md_text(out, r);
        else
            sg_buf_puts(out, "no relation");
        sg_buf_printf(out, " %zu", count);
    }
    sg_buf_puts(out, nr ? ")\n" : "\n");
    sg_format_number(s->density, 6, num, sizeof num);
    sg_buf_printf(out, "- Density: %s\n", *num ? num : "not defined (fewer than 2 nodes)");
    sg_format_number(s->reciprocity, 6, num, sizeof num);
    sg_buf_printf(out, "- Reciprocity: %s\n", *num ? num : "not defined (no directed edges)");
    sg_buf_printf(out, "- Weakly connected components: %zu\n", s->weak_components);
    sg_buf_printf(out, "- Strongly connected components: %zu\n", s->strong_components);
    figure(out, "Transitivity (global clustering)", s->transitivity, "not defined (no two-step "
                                                                      "paths)");
    figure(out, "Diameter (steps, within components)", s->diameter, "not defined (no edges)");
    figure(out, "Mean path length (steps, connected pairs)", s->mean_path_length,
           "not defined (no edges)");
    figure(out, "Degree centralisation (Freeman)", s->centralization_degree,
           "not defined (fewer than 3 nodes)");
    figure(out, "Betweenness centralisation (Freeman)", s->centralization_betweenness,
           "not defined (fewer than 3 nodes)");
    figure(out, "Assortativity by type", s->assortativity_type,
           "not defined (a single type, or no edges)");
    sg_buf_printf(out, "- Communities (Louvain): %zu, ", s->louvain_communities);
    figure(out, "modularity", s->louvain_modularity, "not defined (no edges)");
    sg_buf_printf(out, "- Communities (Leiden): %zu, ", s->leiden_communities);
    figure(out, "modularity", s->leiden_modularity, "not defined (no edges)");
    sg_buf_printf(out, "- Bridges (ties whose loss splits the network): %zu\n\n", s->bridges);
}

static void treatment(sg_buf *out, const sg_graph *g, const sg_analysis *a) {
    const sg_summary *s = sg_analysis_summary(a);
    sg_buf_puts(out, "## How the graph was treated\n\n");
    if (sg_graph_directed(g))
        sg_buf_puts(out, "- **Direction.** Links are directed and follow what flows: money from "
                         "funder to recipient, services and training from provider to "
                         "beneficiary, hierarchy from parent to unit. Degree, betweenness, "
                         "PageRank, hub, authority and brokerage follow the direction; closeness, "
                         "harmonic, eigenvector, coreness, clustering, constraint, articulation "
                         "and communities use the undirected view, in which a pair of opposite "
                         "links is one tie.\n");
    else
        sg_buf_puts(out, "- **Direction.** The graph is undirected: every measure treats a link "
                         "as a tie in both directions.\n");
    if (s->weighted)
        sg_buf_printf(out,
                      "- **Weights.** Weights are amounts: %zu of %zu edges have one. "
                      "Strengths add the known amounts%s. %s PageRank %s.\n",
                      s->weighted_edges, s->edges,
                      s->unknown_weights ? "; edges with an unknown amount add nothing" : "",
                      sg_analysis_settings(a)->path_weights == SG_PATH_INVERSE
                          ? "Paths are measured with distance = 1 / amount, so a large amount "
                            "is a short distance."
                          : "Paths count steps: an amount is never taken for a distance.",
                      s->pagerank_weighted ? "follows the amounts"
                                           : "is unweighted, since not every edge has an amount");
    else
        sg_buf_puts(out, "- **Weights.** No edge has an amount, so every edge counts 1 and "
                         "strength equals degree.\n");
    if (s->other_unit_edges)
        sg_buf_printf(out,
                      "- **Units.** Amounts come in more than one unit (see the warnings) and "
                      "are never added together: %zu edge%s in another unit than the one used "
                      "count%s as having an unknown amount.\n",
                      s->other_unit_edges, s->other_unit_edges == 1 ? "" : "s",
                      s->other_unit_edges == 1 ? "s" : "");
    sg_buf_printf(out,
                  "- **Self-loops.** %zu link%s from an organisation to itself %s left out of "
                  "every measure (they stay in the figure).\n",
                  s->self_loops, s->self_loops == 1 ? "" : "s", s->self_loops == 1 ? "is" : "are");
    sg_buf_printf(out,
                  "- **Parallel edges.** %zu link%s joining the same two organisations in the "
                  "same direction as an earlier one %s merged with it for every measure, their "
                  "amounts added, so strength is unchanged and no path is counted twice.\n",
                  s->parallel_merged, s->parallel_merged == 1 ? "" : "s",
                  s->parallel_merged == 1 ? "was" : "were");
    const sg_analysis_options *o = sg_analysis_settings(a);
    if (s->edges_left_out) {
        sg_buf_printf(out, "- **Relations.** Only these relations were analysed: ");
        md_text(out, o->relations);
        sg_buf_printf(out, " (%zu other edges left out).\n", s->edges_left_out);
    }
    sg_buf_printf(out,
                  "- **Randomness.** Community detection starts from seed %lu; the same seed "
                  "gives the same communities. PageRank damping is %g.\n",
                  o->seed, o->damping);
    sg_buf_puts(out, "- **Missing values.** An empty cell means the measure is not defined for "
                     "that organisation (see the warnings); it is never shown as 0.\n\n");
}

int sg_report_md(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                 const sg_report_options *opts, sg_buf *out) {
    const char *title = sg_graph_attr(g, SG_ON_GRAPH, 0, "label");
    sg_buf_puts(out, "# Centrality report");
    if ((title && *title) || opts->source_name) {
        sg_buf_puts(out, ": ");
        md_text(out, title && *title ? title : opts->source_name);
    }
    sg_buf_puts(out, "\n\n");
    sg_buf_puts(out, "| id | label | type |");
    for (int m = 0; m < SG_MEASURE_COUNT; m++)
        if (sg_analysis_computed(a, (sg_measure)m))
            sg_buf_printf(out, " %s |", sg_measure_name((sg_measure)m));
    sg_buf_puts(out, "\n|:---|:---|:---|");
    for (int m = 0; m < SG_MEASURE_COUNT; m++)
        if (sg_analysis_computed(a, (sg_measure)m))
            sg_buf_puts(out, "---:|");
    sg_buf_puts(out, "\n");
    size_t nrows;
    size_t *rows = sg_report_rows(g, a, opts, &nrows);
    if (!rows)
        return SG_ENOMEM;
    for (size_t r = 0; r < nrows; r++) {
        size_t i = rows[r];
        sg_buf_puts(out, "| ");
        md_text(out, sg_graph_node_id(g, i));
        sg_buf_puts(out, " | ");
        md_text(out, sg_graph_node_label(g, i));
        sg_buf_puts(out, " | ");
        md_text(out, sg_graph_node_type(g, i));
        sg_buf_puts(out, " |");
        for (int m = 0; m < SG_MEASURE_COUNT; m++) {
            if (!sg_analysis_computed(a, (sg_measure)m))
                continue;
            sg_buf_putc(out, ' ');
            sg_report_value(out, a, (sg_measure)m, i, opts);
            sg_buf_puts(out, " |");
        }
        sg_buf_puts(out, "\n");
    }
    free(rows);
    sg_buf_puts(out, "\n");
    if (opts->caption) {
        sg_buf_puts(out, "Table: ");
        md_text(out, opts->caption);
        sg_buf_puts(out, "\n\n");
    }
    if (opts->sort || nrows < sg_graph_node_count(g)) {
        sg_buf_printf(out, "%zu of %zu organisations", nrows, sg_graph_node_count(g));
        if (opts->sort) {
            sg_buf_puts(out, ", by ");
            md_text(out, opts->sort);
            sg_buf_puts(out, " (highest first; missing values last)");
        }
        sg_buf_puts(out, ".\n\n");
    }
    summary(out, a);
    size_t nw = sg_diag_count_severity(diag, SG_WARNING);
    if (nw) {
        sg_buf_puts(out, "## Warnings\n\n");
        for (size_t i = 0; i < sg_diag_count(diag); i++) {
            const sg_message *msg = sg_diag_get(diag, i);
            if (msg->severity != SG_WARNING)
                continue;
            sg_buf_puts(out, "- ");
            md_text(out, msg->text);
            sg_buf_puts(out, "\n");
        }
        sg_buf_puts(out, "\n");
    }
    treatment(out, g, a);
    sg_buf_puts(out, "## What the measures mean\n\n");
    for (int m = 0; m < SG_MEASURE_COUNT; m++)
        if (sg_analysis_computed(a, (sg_measure)m) && sg_measure_meaning((sg_measure)m))
            sg_buf_printf(out, "- **%s**: %s\n", sg_measure_name((sg_measure)m),
                          sg_measure_meaning((sg_measure)m));
    return SG_OK;
}
