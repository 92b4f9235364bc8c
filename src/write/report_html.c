/* The centrality report as one self-contained HTML page: nothing is loaded from the network.
 * The figure is the SVG that sg_render() draws, inline (its XML prolog, doctype and comments
 * left out); then the summary, the settings, the warnings, the centrality table and what each
 * measure means (the Markdown report's texts, from report.c). A small inline script sorts the
 * table by the column whose head is clicked (numbers highest first, text A to Z, a second
 * click reverses, missing values always last, ties in input order); without it the table reads
 * in report order. Every text from the input is escaped. */
#include "model/graph.h"
#include "write/report.h"

#include <stdlib.h>
#include <string.h>

/* Text for HTML content and attribute values: & < > " ' as references; control characters
 * other than tab and line breaks as spaces. */
static void html_text(sg_buf *out, const char *s) {
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        const char *ref = c == '&'    ? "&amp;"
                          : c == '<'  ? "&lt;"
                          : c == '>'  ? "&gt;"
                          : c == '"'  ? "&quot;"
                          : c == '\'' ? "&#39;"
                                      : NULL;
        if (ref)
            sg_buf_puts(out, ref);
        else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
            sg_buf_putc(out, ' ');
        else
            sg_buf_putc(out, (char)c);
    }
}

/* A definition from report.c: escaped, its Markdown *emphasis* as <em>. */
static void html_meaning(sg_buf *out, const char *s) {
    int open = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '*') {
            sg_buf_puts(out, open ? "</em>" : "<em>");
            open = !open;
            continue;
        }
        char one[2] = {*p, '\0'};
        html_text(out, one);
    }
    if (open)
        sg_buf_puts(out, "</em>");
}

static const char style[] =
    "<style>\n"
    "body{font-family:\"Noto Sans\",\"DejaVu Sans\",Arial,sans-serif;margin:2em auto;"
    "max-width:72em;padding:0 1em;color:#222;line-height:1.45}\n"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}\n"
    "figure{margin:1em 0}figure svg{max-width:100%;height:auto}\n"
    ".scroll{overflow-x:auto}\n"
    "table{border-collapse:collapse;font-size:.85em}\n"
    "caption{text-align:left;font-weight:bold;padding:.4em 0}\n"
    "th,td{padding:.25em .5em;border-bottom:1px solid #ddd;vertical-align:top}\n"
    "thead th{border-bottom:2px solid #444;text-align:left;white-space:nowrap}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tbody td:nth-child(2){min-width:16em}\n"
    "th[tabindex]{cursor:pointer}th[tabindex]:hover{background:#eef}\n"
    "th[aria-sort=descending]::after{content:\" \\25BC\"}\n"
    "th[aria-sort=ascending]::after{content:\" \\25B2\"}\n"
    "dt{font-weight:bold;font-family:monospace}dd{margin:0 0 .5em 1.5em}\n"
    "</style>\n";

/* Sorts the table on a click (or Enter) on a column head. */
static const char script[] =
    "<script>\n"
    "(function () {\n"
    "  var table = document.getElementById(\"centrality\");\n"
    "  if (!table || !table.tHead || !table.tBodies.length) return;\n"
    "  var body = table.tBodies[0];\n"
    "  var heads = table.tHead.rows[0].cells;\n"
    "  function sortBy(col) {\n"
    "    var th = heads[col];\n"
    "    var numeric = th.className === \"n\";\n"
    "    var first = numeric ? \"descending\" : \"ascending\";\n"
    "    var order = th.getAttribute(\"aria-sort\") === first\n"
    "      ? (numeric ? \"ascending\" : \"descending\") : first;\n"
    "    var dir = order === \"ascending\" ? 1 : -1;\n"
    "    var rows = Array.prototype.slice.call(body.rows);\n"
    "    var keyed = rows.map(function (row) {\n"
    "      var text = row.cells[col].textContent;\n"
    "      var value = numeric ? (text === \"\" ? null : parseFloat(text)) : text;\n"
    "      return {row: row, value: value, index: +row.getAttribute(\"data-row\")};\n"
    "    });\n"
    "    keyed.sort(function (a, b) {\n"
    "      if (a.value === null || b.value === null)\n"
    "        return a.value === b.value ? a.index - b.index : (a.value === null ? 1 : -1);\n"
    "      var c = numeric ? a.value - b.value : a.value.localeCompare(b.value);\n"
    "      return c !== 0 ? dir * c : a.index - b.index;\n"
    "    });\n"
    "    keyed.forEach(function (k) { body.appendChild(k.row); });\n"
    "    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute(\"aria-sort\");\n"
    "    th.setAttribute(\"aria-sort\", order);\n"
    "  }\n"
    "  Array.prototype.forEach.call(heads, function (th, col) {\n"
    "    th.tabIndex = 0;\n"
    "    th.title = \"Sort by \" + th.textContent;\n"
    "    th.addEventListener(\"click\", function () { sortBy(col); });\n"
    "    th.addEventListener(\"keydown\", function (e) {\n"
    "      if (e.key === \"Enter\" || e.key === \" \") { e.preventDefault(); sortBy(col); }\n"
    "    });\n"
    "  });\n"
    "})();\n"
    "</script>\n";

/* The figure's node limit when sg_report_options.max_nodes is 0 (as the CLI's --max-nodes). */
#define FIGURE_MAX_NODES 2000

/* The SVG element alone: what comes before "<svg" (XML prolog, doctype, comments) left out.
 * A graph above the node limit whose nodes have types is drawn collapsed by type, with a
 * caption saying so; else with its parallel edges merged when the options say so. */
static int figure(sg_buf *out, const sg_graph *g, const sg_report_options *opts) {
    char *svg = NULL;
    size_t size = 0;
    sg_diag *rdiag = sg_diag_new();
    if (!rdiag)
        return SG_ENOMEM;
    size_t n = sg_graph_node_count(g);
    long limit = opts->max_nodes == 0 ? FIGURE_MAX_NODES : opts->max_nodes;
    sg_graph *view = NULL;
    /* a graph whose nodes have no type cannot be collapsed by type: drawn whole (as draw) */
    int rc = SG_OK,
        collapsed = limit > 0 && n > (size_t)limit && sg_graph_any_node_has(g, "type");
    if (collapsed || opts->merge_parallel) {
        sg_view_options vo = {.collapse = collapsed ? "type" : NULL, .merge_parallel = 1};
        rc = sg_view(g, NULL, &vo, &view, rdiag);
        g = view;
    }
    sg_render_options ro = {.title = opts->title};
    if (rc == SG_OK)
        rc = sg_render(g, &ro, "svg", &svg, &size, rdiag);
    if (rc == SG_OK) {
        const char *start = NULL;
        for (size_t k = 0; k + 4 < size && !start; k++)
            if (memcmp(svg + k, "<svg", 4) == 0 && (svg[k + 4] == ' ' || svg[k + 4] == '\n'))
                start = svg + k;
        if (!start) {
            rc = SG_ELIB;
        } else {
            sg_buf_puts(out, "<figure>\n");
            sg_buf_append(out, start, size - (size_t)(start - svg));
            if (collapsed)
                sg_buf_printf(out,
                              "<figcaption>The graph collapsed by type: one node per type for "
                              "its %zu nodes, more than the figure's limit of %ld (--max-nodes)."
                              "</figcaption>\n",
                              n, limit);
            sg_buf_puts(out, "</figure>\n");
        }
    }
    /* why the figure failed, for the caller (the warnings of a figure drawn stay out) */
    for (size_t k = 0; rc != SG_OK && opts->errors && k < sg_diag_count(rdiag); k++) {
        const sg_message *m = sg_diag_get(rdiag, k);
        if (m->severity == SG_ERROR)
            sg_diag_add(opts->errors, SG_ERROR, m->file, m->line, m->column, "%s", m->text);
    }
    sg_graph_free(view);
    sg_render_free(svg);
    sg_diag_free(rdiag);
    return rc;
}

/* One line of the summary: a figure, or why it is not defined. */
static void item(sg_buf *out, const char *what, double v, const char *undefined) {
    char num[64];
    sg_format_number(v, 6, num, sizeof num);
    sg_buf_printf(out, "<li>%s: %s</li>\n", what, *num ? num : undefined);
}

static void summary(sg_buf *out, const sg_graph *g, const sg_analysis *a) {
    const sg_summary *s = sg_analysis_summary(a);
    sg_buf_puts(out, "<h2>Summary</h2>\n<ul>\n");
    sg_buf_printf(out, "<li>Nodes: %zu</li>\n<li>Edges: %zu", s->nodes, s->edges);
    size_t nr = sg_analysis_relation_count(a);
    for (size_t k = 0; k < nr; k++) {
        size_t count;
        const char *r = sg_analysis_relation(a, k, &count);
        sg_buf_puts(out, k == 0 ? " (" : ", ");
        html_text(out, *r ? r : "no relation");
        sg_buf_printf(out, " %zu", count);
    }
    sg_buf_puts(out, nr ? ")</li>\n" : "</li>\n");
    item(out, "Density", s->density, "not defined (fewer than 2 nodes)");
    item(out, "Reciprocity", s->reciprocity, "not defined (no directed edges)");
    sg_buf_printf(out, "<li>Weakly connected components: %zu</li>\n", s->weak_components);
    sg_buf_printf(out, "<li>Strongly connected components: %zu</li>\n", s->strong_components);
    item(out, "Transitivity (global clustering)", s->transitivity,
         "not defined (no two-step paths)");
    item(out, "Diameter (steps, within components)", s->diameter, "not defined (no edges)");
    item(out, "Mean path length (steps, connected pairs)", s->mean_path_length,
         "not defined (no edges)");
    item(out, "Degree centralisation (Freeman)", s->centralization_degree,
         "not defined (fewer than 3 nodes)");
    item(out, "Betweenness centralisation (Freeman)", s->centralization_betweenness,
         "not defined (fewer than 3 nodes)");
    item(out, "Assortativity by type", s->assortativity_type,
         "not defined (a single type, or no edges)");
    sg_buf_printf(out, "<li>Communities (Louvain): %zu</li>\n", s->louvain_communities);
    item(out, "Modularity (Louvain)", s->louvain_modularity, "not defined (no edges)");
    sg_buf_printf(out, "<li>Communities (Leiden): %zu</li>\n", s->leiden_communities);
    item(out, "Modularity (Leiden)", s->leiden_modularity, "not defined (no edges)");
    sg_buf_printf(out, "<li>Bridges (ties whose loss splits the network): %zu</li>\n</ul>\n",
                  s->bridges);

    const sg_analysis_options *o = sg_analysis_settings(a);
    static const char *const methods[] = {"Louvain", "Leiden", "optimal"};
    sg_buf_puts(out, "<h2>Settings</h2>\n<ul>\n");
    sg_buf_printf(out, "<li>Direction: %s</li>\n",
                  sg_graph_directed(g) ? "directed (links follow what flows)" : "undirected");
    if (s->weighted) {
        sg_buf_printf(out, "<li>Weights: amounts in the edge attribute <code>");
        html_text(out, o->weight_attr);
        sg_buf_printf(out, "</code>, known on %zu of %zu edges; PageRank %s</li>\n",
                      s->weighted_edges, s->edges,
                      s->pagerank_weighted ? "weighted" : "unweighted");
    } else {
        sg_buf_puts(out, "<li>Weights: none, every edge counts 1</li>\n");
    }
    sg_buf_printf(out, "<li>Path measures: %s</li>\n",
                  o->path_weights == SG_PATH_INVERSE ? "distance = 1 / weight"
                                                     : "steps (an amount is never a distance)");
    sg_buf_printf(out, "<li>Self-loops left out: %zu; parallel edges merged: %zu</li>\n",
                  s->self_loops, s->parallel_merged);
    if (o->relations && *o->relations) {
        sg_buf_puts(out, "<li>Relations analysed: ");
        html_text(out, o->relations);
        sg_buf_printf(out, " (%zu other edges left out)</li>\n", s->edges_left_out);
    }
    sg_buf_puts(out, "<li>Brokerage groups from: <code>");
    html_text(out, o->group_by);
    sg_buf_printf(out, "</code></li>\n<li>Communities: %s, seed %lu</li>\n",
                  (unsigned)o->community < 3 ? methods[o->community] : "Louvain", o->seed);
    char num[64];
    sg_format_number(o->damping, 6, num, sizeof num);
    sg_buf_printf(out, "<li>PageRank damping: %s</li>\n</ul>\n", num);
}

static void table(sg_buf *out, const sg_graph *g, const sg_analysis *a,
                  const sg_report_options *opts, const size_t *rows, size_t nrows) {
    sg_buf scratch = {0};
    sg_buf_puts(out, "<h2>Centrality</h2>\n");
    if (opts->sort || nrows < sg_graph_node_count(g)) {
        sg_buf_printf(out, "<p>%zu of %zu organisations", nrows, sg_graph_node_count(g));
        if (opts->sort) {
            sg_buf_puts(out, ", by <code>");
            html_text(out, opts->sort);
            sg_buf_puts(out, "</code> (highest first; missing values last)");
        }
        sg_buf_puts(out, ".</p>\n");
    }
    sg_buf_puts(out, "<p>Click a column's head to sort by it; click again to reverse. An empty "
                     "cell is a value that is not defined (see the warnings), never 0.</p>\n");
    sg_buf_puts(out, "<div class=\"scroll\">\n<table id=\"centrality\">\n<caption>");
    html_text(out, sg_report_caption(g, opts, &scratch));
    sg_buf_puts(out, "</caption>\n<thead><tr><th>id</th><th>label</th><th>type</th>");
    for (int m = 0; m < SG_MEASURE_COUNT; m++)
        if (sg_analysis_computed(a, (sg_measure)m))
            sg_buf_printf(out, "<th class=\"n\">%s</th>", sg_measure_name((sg_measure)m));
    sg_buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < nrows; r++) {
        size_t i = rows[r];
        sg_buf_printf(out, "<tr data-row=\"%zu\"><td>", r);
        html_text(out, sg_graph_node_id(g, i));
        sg_buf_puts(out, "</td><td>");
        html_text(out, sg_graph_node_label(g, i));
        sg_buf_puts(out, "</td><td>");
        html_text(out, sg_graph_node_type(g, i));
        sg_buf_puts(out, "</td>");
        for (int m = 0; m < SG_MEASURE_COUNT; m++) {
            if (!sg_analysis_computed(a, (sg_measure)m))
                continue;
            sg_buf_puts(out, "<td class=\"n\">");
            sg_report_value(out, a, (sg_measure)m, i, opts);
            sg_buf_puts(out, "</td>");
        }
        sg_buf_puts(out, "</tr>\n");
    }
    sg_buf_puts(out, "</tbody>\n</table>\n</div>\n");
    sg_buf_free(&scratch);
}

int sg_report_html(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                   const sg_report_options *opts, sg_buf *out) {
    const char *title = sg_graph_attr(g, SG_ON_GRAPH, 0, "label");
    if (!title || !*title)
        title = opts->source_name;
    size_t nrows;
    size_t *rows = sg_report_rows(g, a, opts, &nrows);
    if (!rows)
        return SG_ENOMEM;
    sg_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta name=\"generator\" content=\"stakegraph\">\n<title>");
    sg_buf_puts(out, "Centrality report");
    if (title && *title) {
        sg_buf_puts(out, ": ");
        html_text(out, title);
    }
    sg_buf_puts(out, "</title>\n");
    sg_buf_puts(out, style);
    sg_buf_puts(out, "</head>\n<body>\n<h1>Centrality report");
    if (title && *title) {
        sg_buf_puts(out, ": ");
        html_text(out, title);
    }
    sg_buf_puts(out, "</h1>\n");
    int rc = figure(out, g, opts);
    if (rc == SG_OK) {
        summary(out, g, a);
        size_t nw = sg_diag_count_severity(diag, SG_WARNING);
        if (nw) {
            sg_buf_puts(out, "<h2>Warnings</h2>\n<ul>\n");
            for (size_t k = 0; k < sg_diag_count(diag); k++) {
                const sg_message *msg = sg_diag_get(diag, k);
                if (msg->severity != SG_WARNING)
                    continue;
                sg_buf_puts(out, "<li>");
                html_text(out, msg->text);
                sg_buf_puts(out, "</li>\n");
            }
            sg_buf_puts(out, "</ul>\n");
        }
        table(out, g, a, opts, rows, nrows);
        sg_buf_puts(out, "<h2>What the measures mean</h2>\n<dl>\n");
        for (int m = 0; m < SG_MEASURE_COUNT; m++) {
            const char *meaning = sg_measure_meaning((sg_measure)m);
            if (!sg_analysis_computed(a, (sg_measure)m) || !meaning)
                continue;
            sg_buf_printf(out, "<dt>%s</dt><dd>", sg_measure_name((sg_measure)m));
            html_meaning(out, meaning);
            sg_buf_puts(out, "</dd>\n");
        }
        sg_buf_puts(out, "</dl>\n");
        sg_buf_puts(out, script);
        sg_buf_puts(out, "</body>\n</html>\n");
    }
    free(rows);
    return rc;
}
