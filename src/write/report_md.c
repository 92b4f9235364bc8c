/* The centrality report as Markdown: a Pandoc pipe table, the graph summary, the warnings, and
 * what each measure means in plain language. */
#include "write/report.h"

#include <math.h>
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

static const struct {
    sg_measure m;
    const char *text;
} meanings[] = {
    {SG_IN_DEGREE, "how many different organisations have a link *to* this one (for example, "
                   "how many fund or serve it)."},
    {SG_OUT_DEGREE, "how many different organisations this one has a link *to* (for example, "
                    "how many it funds or serves)."},
    {SG_DEGREE, "in-degree plus out-degree: how many direct ties the organisation has in all. "
                "On an undirected graph, the number of direct partners."},
    {SG_IN_STRENGTH, "the sum of the amounts (money, participants: the weights) on incoming "
                     "links. Links with an unknown amount add nothing."},
    {SG_OUT_STRENGTH, "the sum of the amounts on outgoing links."},
    {SG_STRENGTH, "in-strength plus out-strength. Without any amounts every link counts 1, so "
                  "strength equals degree."},
    {SG_BETWEENNESS, "how many shortest chains between two other organisations pass through this "
                     "one, following the direction of the links and counting steps, not amounts "
                     "(Brandes 2001). A high value marks a broker or a bottleneck."},
    {SG_CLOSENESS, "how near the organisation is to all those it can reach, ignoring direction: "
                   "1 divided by the average number of steps. Missing for an organisation with "
                   "no links; compare it only within one connected part of the graph."},
    {SG_HARMONIC, "like closeness, but averaging 1/steps over every other organisation, so "
                  "unreachable ones count 0 and the graph may be in several parts (Marchiori and "
                  "Latora 2000). Between 0 and 1."},
    {SG_EIGENVECTOR, "how well connected an organisation's partners are themselves, ignoring "
                     "direction and amounts (Bonacich 1972); the highest is 1. It is taken on "
                     "the undirected view because on a one-way funding chain the directed "
                     "version is zero everywhere."},
    {SG_PAGERANK, "the share of time a walker following the links (in their direction, in "
                  "proportion to the amounts when every link has one) would spend at the "
                  "organisation, jumping anywhere 15% of the time (Brin and Page 1998). The "
                  "values add up to 1; organisations at the end of flows score high."},
    {SG_HUB, "a good hub points to many good authorities: organisations that fund or serve the "
             "organisations most pointed to (Kleinberg 1999); the highest is 1."},
    {SG_AUTHORITY, "a good authority is pointed to by many good hubs: organisations that "
                   "receive from the main providers (Kleinberg 1999); the highest is 1."},
    {SG_CORENESS, "the largest k such that the organisation belongs to a group in which everyone "
                  "has at least k ties within the group (Seidman 1983); a high value marks the "
                  "dense core of the network."},
};

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
    sg_buf_printf(out, "- Weakly connected components: %zu\n\n", s->weak_components);
}

static void treatment(sg_buf *out, const sg_graph *g, const sg_analysis *a) {
    const sg_summary *s = sg_analysis_summary(a);
    sg_buf_puts(out, "## How the graph was treated\n\n");
    if (sg_graph_directed(g))
        sg_buf_puts(out, "- **Direction.** Links are directed and follow what flows: money from "
                         "funder to recipient, services and training from provider to "
                         "beneficiary, hierarchy from parent to unit. Degree, betweenness, "
                         "PageRank, hub and authority follow the direction; closeness, harmonic, "
                         "eigenvector and coreness use the undirected view, in which a pair of "
                         "opposite links is one tie.\n");
    else
        sg_buf_puts(out, "- **Direction.** The graph is undirected: every measure treats a link "
                         "as a tie in both directions.\n");
    if (s->weighted)
        sg_buf_printf(out,
                      "- **Weights.** Weights are amounts, never distances: %zu of %zu edges "
                      "have one. Strengths add the known amounts%s. Paths count steps. "
                      "PageRank %s.\n",
                      s->weighted_edges, s->edges,
                      s->unknown_weights ? "; edges with an unknown amount add nothing" : "",
                      s->pagerank_weighted ? "follows the amounts"
                                           : "is unweighted, since not every edge has an amount");
    else
        sg_buf_puts(out, "- **Weights.** No edge has an amount, so every edge counts 1 and "
                         "strength equals degree.\n");
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
        sg_buf_printf(out, " %s |", sg_measure_name((sg_measure)m));
    sg_buf_puts(out, "\n|:---|:---|:---|");
    for (int m = 0; m < SG_MEASURE_COUNT; m++)
        sg_buf_puts(out, "---:|");
    sg_buf_puts(out, "\n");
    for (size_t i = 0; i < sg_graph_node_count(g); i++) {
        sg_buf_puts(out, "| ");
        md_text(out, sg_graph_node_id(g, i));
        sg_buf_puts(out, " | ");
        md_text(out, sg_graph_node_label(g, i));
        sg_buf_puts(out, " | ");
        md_text(out, sg_graph_node_type(g, i));
        sg_buf_puts(out, " |");
        for (int m = 0; m < SG_MEASURE_COUNT; m++) {
            sg_buf_putc(out, ' ');
            sg_report_value(out, a, (sg_measure)m, i);
            sg_buf_puts(out, " |");
        }
        sg_buf_puts(out, "\n");
    }
    sg_buf_puts(out, "\n");
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
    for (size_t k = 0; k < sizeof meanings / sizeof meanings[0]; k++)
        sg_buf_printf(out, "- **%s**: %s\n", sg_measure_name(meanings[k].m), meanings[k].text);
    return SG_OK;
}
