/* The centrality report as JSON (RFC 8259); the schema is docs/report-schema.md. Tool versions
 * sit alone on the second line ("generator"), so that golden tests can leave them out. */
#include "write/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at `s` (1 to 4), or 0 when the bytes are not UTF-8. */
static size_t utf8_length(const unsigned char *s) {
    unsigned c = s[0];
    size_t n;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, min = 0x10000;
    else
        return 0;
    unsigned cp = c & (0x3F >> (n - 1));
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* A JSON string: " and \ escaped, control characters as \n \t ... or \u00XX, "</" as "<\/"
 * (so that the text can sit inside an HTML <script>), U+2028 and U+2029 escaped (JavaScript
 * string literals cannot hold them), bytes that are not UTF-8 as U+FFFD. */
static void json_string(sg_buf *out, const char *text) {
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    sg_buf_putc(out, '"');
    while (*s) {
        unsigned c = *s;
        size_t n = utf8_length(s);
        if (n == 0) {
            sg_buf_puts(out, "\\ufffd");
            s++;
            continue;
        }
        if (n == 3 && c == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9)) {
            sg_buf_puts(out, s[2] == 0xA8 ? "\\u2028" : "\\u2029");
        } else if (c == '"' || c == '\\') {
            sg_buf_putc(out, '\\');
            sg_buf_putc(out, (char)c);
        } else if (c == '/' && s > (const unsigned char *)text && s[-1] == '<') {
            sg_buf_puts(out, "\\/");
        } else if (c == '\n') {
            sg_buf_puts(out, "\\n");
        } else if (c == '\r') {
            sg_buf_puts(out, "\\r");
        } else if (c == '\t') {
            sg_buf_puts(out, "\\t");
        } else if (c < 0x20 || c == 0x7F) {
            sg_buf_printf(out, "\\u%04x", c);
        } else {
            sg_buf_append(out, (const char *)s, n);
        }
        s += n;
    }
    sg_buf_putc(out, '"');
}

/* A number, or null for a missing (NaN) or infinite value. */
static void json_number(sg_buf *out, double v, const sg_report_options *opts) {
    size_t start = out->len;
    sg_report_number(out, v, opts);
    if (out->len == start)
        sg_buf_puts(out, "null");
}

static void json_bool(sg_buf *out, int v) {
    sg_buf_puts(out, v ? "true" : "false");
}

/* "key": at the given indentation, after a comma when not the first of its object. */
static void key(sg_buf *out, int indent, int *first, const char *name) {
    sg_buf_puts(out, *first ? "\n" : ",\n");
    *first = 0;
    for (int k = 0; k < indent; k++)
        sg_buf_putc(out, ' ');
    json_string(out, name);
    sg_buf_puts(out, ": ");
}

/* A comma-separated list as an array of strings; null for NULL or "". */
static void json_list(sg_buf *out, const char *list) {
    if (!list || !*list) {
        sg_buf_puts(out, "null");
        return;
    }
    sg_buf word = {0};
    sg_buf_putc(out, '[');
    int first = 1;
    for (const char *p = list;; p++) {
        if (*p == ',' || *p == '\0') {
            if (!first)
                sg_buf_puts(out, ", ");
            first = 0;
            json_string(out, word.len && !word.failed ? word.data : "");
            word.len = 0;
            if (word.data)
                word.data[0] = '\0';
            if (!*p)
                break;
        } else if (*p != ' ' || word.len) {
            sg_buf_putc(&word, *p);
        }
    }
    sg_buf_putc(out, ']');
    sg_buf_free(&word);
}

static void settings(sg_buf *out, const sg_graph *g, const sg_analysis *a,
                     const sg_report_options *opts) {
    const sg_analysis_options *o = sg_analysis_settings(a);
    const sg_summary *s = sg_analysis_summary(a);
    static const char *const methods[] = {"louvain", "leiden", "optimal"};
    int first = 1;
    sg_buf_putc(out, '{');
    key(out, 4, &first, "directed");
    json_bool(out, sg_graph_directed(g));
    key(out, 4, &first, "weight_attribute");
    json_string(out, o->weight_attr);
    key(out, 4, &first, "weighted");
    json_bool(out, s->weighted);
    key(out, 4, &first, "pagerank_weighted");
    json_bool(out, s->pagerank_weighted);
    key(out, 4, &first, "path_weights");
    json_string(out, o->path_weights == SG_PATH_INVERSE ? "inverse" : "hops");
    key(out, 4, &first, "damping");
    json_number(out, o->damping, &(sg_report_options){.digits = 15});
    key(out, 4, &first, "seed");
    sg_buf_printf(out, "%lu", o->seed);
    key(out, 4, &first, "sampled_sources");
    if (s->sampled_sources)
        sg_buf_printf(out, "%zu", s->sampled_sources);
    else
        sg_buf_puts(out, "null");
    key(out, 4, &first, "community_method");
    json_string(out, (unsigned)o->community < 3 ? methods[o->community] : "louvain");
    key(out, 4, &first, "group_by");
    json_string(out, o->group_by);
    key(out, 4, &first, "relations");
    json_list(out, o->relations);
    key(out, 4, &first, "measures");
    json_list(out, o->measures);
    key(out, 4, &first, "sort");
    if (opts->sort)
        json_string(out, opts->sort);
    else
        sg_buf_puts(out, "null");
    key(out, 4, &first, "rows");
    if (opts->rows)
        sg_buf_printf(out, "%zu", opts->rows);
    else
        sg_buf_puts(out, "null");
    key(out, 4, &first, "digits");
    sg_buf_printf(out, "%d", opts->digits > 0 ? opts->digits : 6);
    sg_buf_puts(out, "\n  }");
}

static void summary(sg_buf *out, const sg_analysis *a, const sg_report_options *opts) {
    const sg_summary *s = sg_analysis_summary(a);
    int first = 1;
    sg_buf_putc(out, '{');
    static const struct {
        const char *name;
        size_t offset;
    } counts[] = {
        {"nodes", offsetof(sg_summary, nodes)},
        {"edges", offsetof(sg_summary, edges)},
        {"edges_left_out", offsetof(sg_summary, edges_left_out)},
        {"self_loops", offsetof(sg_summary, self_loops)},
        {"parallel_merged", offsetof(sg_summary, parallel_merged)},
        {"weighted_edges", offsetof(sg_summary, weighted_edges)},
        {"unknown_weights", offsetof(sg_summary, unknown_weights)},
    };
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        key(out, 4, &first, counts[k].name);
        sg_buf_printf(out, "%zu", *(const size_t *)((const char *)s + counts[k].offset));
    }
    key(out, 4, &first, "weighted");
    json_bool(out, s->weighted);
    key(out, 4, &first, "pagerank_weighted");
    json_bool(out, s->pagerank_weighted);
    key(out, 4, &first, "acyclic");
    json_bool(out, s->acyclic);
    key(out, 4, &first, "density");
    json_number(out, s->density, opts);
    key(out, 4, &first, "reciprocity");
    json_number(out, s->reciprocity, opts);
    key(out, 4, &first, "transitivity");
    json_number(out, s->transitivity, opts);
    key(out, 4, &first, "weak_components");
    sg_buf_printf(out, "%zu", s->weak_components);
    key(out, 4, &first, "strong_components");
    sg_buf_printf(out, "%zu", s->strong_components);
    key(out, 4, &first, "diameter");
    json_number(out, s->diameter, opts);
    key(out, 4, &first, "mean_path_length");
    json_number(out, s->mean_path_length, opts);
    key(out, 4, &first, "centralization_degree");
    json_number(out, s->centralization_degree, opts);
    key(out, 4, &first, "centralization_betweenness");
    json_number(out, s->centralization_betweenness, opts);
    key(out, 4, &first, "assortativity_type");
    json_number(out, s->assortativity_type, opts);
    key(out, 4, &first, "louvain_communities");
    sg_buf_printf(out, "%zu", s->louvain_communities);
    key(out, 4, &first, "louvain_modularity");
    json_number(out, s->louvain_modularity, opts);
    key(out, 4, &first, "leiden_communities");
    sg_buf_printf(out, "%zu", s->leiden_communities);
    key(out, 4, &first, "leiden_modularity");
    json_number(out, s->leiden_modularity, opts);
    key(out, 4, &first, "modularity");
    json_number(out, s->modularity, opts);
    key(out, 4, &first, "bridges");
    sg_buf_printf(out, "%zu", s->bridges);
    key(out, 4, &first, "relations");
    sg_buf_putc(out, '[');
    for (size_t k = 0; k < sg_analysis_relation_count(a); k++) {
        size_t count;
        const char *r = sg_analysis_relation(a, k, &count);
        sg_buf_puts(out, k ? ", {\"relation\": " : "{\"relation\": ");
        json_string(out, r);
        sg_buf_printf(out, ", \"edges\": %zu}", count);
    }
    sg_buf_puts(out, "]\n  }");
}

int sg_report_json(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                   const sg_report_options *opts, sg_buf *out) {
    size_t nrows;
    size_t *rows = sg_report_rows(g, a, opts, &nrows);
    if (!rows)
        return SG_ENOMEM;
    int first = 0;
    sg_buf_puts(out, "{\n  \"generator\": {\"name\": \"stakegraph\", \"version\": ");
    json_string(out, sg_version());
    sg_buf_puts(out, ", \"igraph\": ");
    json_string(out, sg_igraph_version());
    sg_buf_puts(out, ", \"graphviz\": ");
    json_string(out, sg_graphviz_version());
    sg_buf_puts(out, "},\n  \"schema\": \"stakegraph-centrality-report/1\"");
    key(out, 2, &first, "title");
    const char *title = sg_graph_attr(g, SG_ON_GRAPH, 0, "label");
    if (title && *title)
        json_string(out, title);
    else
        sg_buf_puts(out, "null");
    key(out, 2, &first, "input");
    if (opts->source_name) {
        const char *slash = strrchr(opts->source_name, '/');
        json_string(out, strcmp(opts->source_name, "-") == 0 ? "<stdin>"
                         : slash                             ? slash + 1
                                                             : opts->source_name);
    } else {
        sg_buf_puts(out, "null");
    }
    key(out, 2, &first, "caption");
    if (opts->caption)
        json_string(out, opts->caption);
    else
        sg_buf_puts(out, "null");
    key(out, 2, &first, "settings");
    settings(out, g, a, opts);
    key(out, 2, &first, "summary");
    summary(out, a, opts);
    sg_buf_puts(out, ",\n  \"columns\": [");
    int col = 0;
    for (int m = 0; m < SG_MEASURE_COUNT; m++) {
        if (!sg_analysis_computed(a, (sg_measure)m))
            continue;
        sg_buf_puts(out, col++ ? ", " : "");
        json_string(out, sg_measure_name((sg_measure)m));
    }
    sg_buf_puts(out, "],\n  \"nodes\": [");
    for (size_t r = 0; r < nrows; r++) {
        size_t i = rows[r];
        sg_buf_puts(out, r ? ",\n    {\"id\": " : "\n    {\"id\": ");
        json_string(out, sg_graph_node_id(g, i));
        sg_buf_puts(out, ", \"label\": ");
        json_string(out, sg_graph_node_label(g, i));
        sg_buf_puts(out, ", \"type\": ");
        json_string(out, sg_graph_node_type(g, i));
        sg_buf_puts(out, ", \"measures\": {");
        col = 0;
        for (int m = 0; m < SG_MEASURE_COUNT; m++) {
            if (!sg_analysis_computed(a, (sg_measure)m))
                continue;
            sg_buf_puts(out, col++ ? ", " : "");
            json_string(out, sg_measure_name((sg_measure)m));
            sg_buf_puts(out, ": ");
            json_number(out, sg_analysis_value(a, (sg_measure)m, i), opts);
        }
        sg_buf_puts(out, "}}");
    }
    sg_buf_puts(out, nrows ? "\n  ],\n  \"warnings\": [" : "],\n  \"warnings\": [");
    size_t nw = 0;
    for (size_t k = 0; k < sg_diag_count(diag); k++) {
        const sg_message *msg = sg_diag_get(diag, k);
        if (msg->severity != SG_WARNING)
            continue;
        sg_buf_puts(out, nw++ ? ",\n    {\"line\": " : "\n    {\"line\": ");
        if (msg->line > 0)
            sg_buf_printf(out, "%ld", msg->line);
        else
            sg_buf_puts(out, "null");
        sg_buf_puts(out, ", \"message\": ");
        json_string(out, msg->text);
        sg_buf_putc(out, '}');
    }
    sg_buf_puts(out, nw ? "\n  ]\n}\n" : "]\n}\n");
    free(rows);
    return SG_OK;
}
