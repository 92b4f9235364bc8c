/* Report registry: formats chosen by name or file extension; one writer per format. */
#include "write/report.h"
#include "util/names.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    sg_names names;
    sg_report_fn write;
} formats[] = {
    {{"csv", {".csv"}}, sg_report_csv},
    {{"md", {".md", "markdown", ".markdown"}}, sg_report_md},
    {{"json", {".json"}}, sg_report_json},
    {{"tex", {".tex", "latex", ".latex"}}, sg_report_tex},
    {{"html", {".html", ".htm"}}, sg_report_html},
};

enum { N_FORMATS = sizeof formats / sizeof formats[0] };

static int find(const char *name) {
    return sg_names_find(formats, N_FORMATS, sizeof formats[0], name);
}

const char *sg_report_format_find(const char *name_or_extension) {
    int i = find(name_or_extension);
    return i < 0 ? NULL : formats[i].names.name;
}

int sg_measure_is_count(sg_measure m) {
    return m == SG_IN_DEGREE || m == SG_OUT_DEGREE || m == SG_DEGREE || m == SG_CORENESS;
}

void sg_report_value(sg_buf *out, const sg_analysis *a, sg_measure m, size_t i,
                     const sg_report_options *opts) {
    sg_report_number(out, sg_analysis_value(a, m, i), opts);
}

void sg_report_number(sg_buf *out, double v, const sg_report_options *opts) {
    char text[64];
    sg_format_number(v, opts && opts->digits > 0 ? opts->digits : 6, text, sizeof text);
    sg_buf_puts(out, text);
}

/* What each measure means, in plain language: the definitions of the Markdown and HTML
 * reports. The brokerage roles' first entry introduces all five. */
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
    {SG_BETWEENNESS_NORM, "betweenness divided by the number of pairs of other organisations, "
                          "so that graphs of different sizes compare: 1 means every chain "
                          "between two others passes through this one."},
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
    {SG_CLUSTERING, "the share of an organisation's pairs of partners that are partners of "
                    "each other too (Watts and Strogatz 1998), ignoring direction: 1 in a closed "
                    "circle, 0 in a star. Missing with fewer than two partners."},
    {SG_CONSTRAINT, "how much an organisation's ties lead to partners who are tied to each "
                    "other (Burt 1992), ignoring direction and amounts: high for one locked "
                    "into a closed group, low for one whose partners do not know each other "
                    "(structural holes). Missing for an organisation without ties."},
    {SG_BROKERAGE_COORDINATOR, "Gould and Fernandez (1989) brokerage roles count the chains "
                               "A -> B -> C with no direct link A -> C, by the groups (types) "
                               "of A, B and C. Coordinator: all three in one group."},
    {SG_BROKERAGE_GATEKEEPER, "B lets an outsider A reach B's own group C."},
    {SG_BROKERAGE_REPRESENTATIVE, "B carries its own group's A out to another group C."},
    {SG_BROKERAGE_ITINERANT, "B, from another group, links two members of one group "
                             "(consultant)."},
    {SG_BROKERAGE_LIAISON, "A, B and C are in three different groups."},
    {SG_ARTICULATION, "1 when removing the organisation would split the network into parts "
                      "that can no longer reach each other, else 0."},
    {SG_COMMUNITY, "the group of organisations more densely tied to each other than to the "
                   "rest, found by the Louvain method (Blondel et al. 2008) with a fixed seed, "
                   "ignoring direction and amounts; numbered in the order of each group's "
                   "first id."},
};

const char *sg_measure_meaning(sg_measure m) {
    for (size_t k = 0; k < sizeof meanings / sizeof meanings[0]; k++)
        if (meanings[k].m == m)
            return meanings[k].text;
    return NULL;
}

typedef struct {
    double v;
    size_t i;
} keyed_row;

/* Highest first, missing (NaN) last, ties in input order. */
static int by_value(const void *pa, const void *pb) {
    const keyed_row *x = pa, *y = pb;
    int xm = isnan(x->v), ym = isnan(y->v);
    if (xm != ym)
        return xm - ym;
    if (!xm && x->v != y->v)
        return x->v > y->v ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

size_t *sg_report_rows(const sg_graph *g, const sg_analysis *a, const sg_report_options *opts,
                       size_t *count) {
    size_t n = sg_graph_node_count(g);
    size_t *rows = malloc((n ? n : 1) * sizeof *rows);
    keyed_row *keys = NULL;
    sg_measure m;
    *count = 0;
    if (!rows)
        return NULL;
    if (opts && opts->sort && sg_measure_find(opts->sort, &m)) {
        keys = malloc((n ? n : 1) * sizeof *keys);
        if (!keys) {
            free(rows);
            return NULL;
        }
        for (size_t i = 0; i < n; i++)
            keys[i] = (keyed_row){sg_analysis_value(a, m, i), i};
        qsort(keys, n, sizeof *keys, by_value);
        for (size_t i = 0; i < n; i++)
            rows[i] = keys[i].i;
        free(keys);
    } else {
        for (size_t i = 0; i < n; i++)
            rows[i] = i;
    }
    *count = opts && opts->rows && opts->rows < n ? opts->rows : n;
    return rows;
}

const char *sg_report_caption(const sg_graph *g, const sg_report_options *opts, sg_buf *out) {
    if (opts->caption)
        return opts->caption;
    const char *title = sg_graph_attr(g, SG_ON_GRAPH, 0, "label");
    sg_buf_puts(out, "Centrality of the organisations");
    if (title && *title) {
        sg_buf_puts(out, ": ");
        sg_buf_puts(out, title);
    }
    return out->failed ? "" : out->data;
}

int sg_report_write(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                    const char *format, const sg_report_options *opts, FILE *out) {
    int i = find(format);
    if (i < 0)
        return SG_EINVAL;
    sg_report_options o = opts ? *opts : (sg_report_options){0};
    sg_measure m;
    if (o.digits < 0 || o.digits > 17)
        return SG_EINVAL;
    if (o.sort && (!sg_measure_find(o.sort, &m) || !sg_analysis_computed(a, m)))
        return SG_EINVAL;
    sg_buf b = {0};
    int rc = formats[i].write(g, a, diag, &o, &b);
    if (rc == SG_OK && b.failed)
        rc = SG_ENOMEM;
    if (rc == SG_OK && b.len && fwrite(b.data, 1, b.len, out) != b.len)
        rc = SG_EIO;
    sg_buf_free(&b);
    return rc;
}
