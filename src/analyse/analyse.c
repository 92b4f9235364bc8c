/*
 * The analysis: design.md's policies applied once (self-loops out, parallel edges merged,
 * weights as amounts, canonical order), then igraph behind this one bridge. No igraph object
 * outlives a call to sg_analyse().
 */
#include "sg_config.h"
#include "stakegraph.h"
#include "analyse/brokerage.h"
#include "analyse/paths.h"
#include "util/strbuf.h"

#include <igraph.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if SG_HAVE_OPENMP
#include <omp.h>
#endif

static const char *const measure_names[SG_MEASURE_COUNT] = {
    "in_degree",
    "out_degree",
    "degree",
    "in_strength",
    "out_strength",
    "strength",
    "betweenness",
    "betweenness_norm",
    "closeness",
    "harmonic",
    "eigenvector",
    "pagerank",
    "hub",
    "authority",
    "coreness",
    "clustering",
    "constraint",
    "brokerage_coordinator",
    "brokerage_gatekeeper",
    "brokerage_representative",
    "brokerage_itinerant",
    "brokerage_liaison",
    "articulation",
    "community",
};

const char *sg_measure_name(sg_measure m) {
    return (int)m >= 0 && m < SG_MEASURE_COUNT ? measure_names[m] : NULL;
}

int sg_measure_find(const char *name, sg_measure *m) {
    for (int i = 0; i < SG_MEASURE_COUNT; i++) {
        if (strcmp(name, measure_names[i]) == 0) {
            *m = (sg_measure)i;
            return 1;
        }
    }
    return 0;
}

typedef struct {
    char *name;
    size_t count;
} relation_count;

struct sg_analysis {
    size_t n;
    double *values[SG_MEASURE_COUNT]; /* each n values, input order; NaN = missing */
    int computed[SG_MEASURE_COUNT];
    sg_analysis_options settings;
    char *setting_text[4]; /* copies of the settings' strings, so that reports can quote them */
    sg_summary summary;
    relation_count *relations;
    size_t n_relations;
};

void sg_analysis_free(sg_analysis *a) {
    if (!a)
        return;
    for (int i = 0; i < SG_MEASURE_COUNT; i++)
        free(a->values[i]);
    for (size_t k = 0; k < a->n_relations; k++)
        free(a->relations[k].name);
    free(a->relations);
    for (size_t k = 0; k < 4; k++)
        free(a->setting_text[k]);
    free(a);
}

size_t sg_analysis_node_count(const sg_analysis *a) {
    return a->n;
}

double sg_analysis_value(const sg_analysis *a, sg_measure m, size_t node) {
    if ((int)m < 0 || m >= SG_MEASURE_COUNT || node >= a->n || !a->computed[m])
        return NAN;
    return a->values[m][node];
}

int sg_analysis_computed(const sg_analysis *a, sg_measure m) {
    return (int)m >= 0 && m < SG_MEASURE_COUNT && a->computed[m];
}

const sg_analysis_options *sg_analysis_settings(const sg_analysis *a) {
    return &a->settings;
}

const sg_summary *sg_analysis_summary(const sg_analysis *a) {
    return &a->summary;
}

size_t sg_analysis_relation_count(const sg_analysis *a) {
    return a->n_relations;
}

const char *sg_analysis_relation(const sg_analysis *a, size_t k, size_t *edges) {
    if (k >= a->n_relations)
        return NULL;
    if (edges)
        *edges = a->relations[k].count;
    return a->relations[k].name;
}

/* ---- igraph error and warning handlers ------------------------------------------------- */

static char igraph_reason[512];
static sg_diag *igraph_warnings_to;

static void on_igraph_error(const char *reason, const char *file, int line, igraph_error_t err) {
    snprintf(igraph_reason, sizeof igraph_reason, "%s (%s)", reason, igraph_strerror(err));
    IGRAPH_FINALLY_FREE();
}

static void on_igraph_warning(const char *reason, const char *file, int line) {
    sg_diag_add(igraph_warnings_to, SG_WARNING, NULL, 0, 0, "igraph: %s", reason);
}

/* ---- canonical order and merged edges --------------------------------------------------- */

/* 32 bytes an edge (48 with 64-bit node numbers and the relation's pointer: a million edges
 * and the sort's copy of them are 32 MB less to fault in, issue 10) */
typedef struct {
    uint32_t from, to; /* canonical node indices; undirected: from <= to */
    double weight;     /* known weight, 0 when unknown */
    size_t input;      /* the edge's number in the model (its relation: sort_graph's) */
    int known;
} work_edge;

static const sg_graph *sort_graph;

static int by_node_id(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(sg_graph_node_id(sort_graph, x), sg_graph_node_id(sort_graph, y));
    return c ? c : (x > y) - (x < y);
}

static int by_endpoints(const void *a, const void *b) {
    const work_edge *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    int c = strcmp(sg_graph_edge_relation(sort_graph, x->input),
                   sg_graph_edge_relation(sort_graph, y->input));
    return c ? c : (x->input > y->input) - (x->input < y->input);
}

/* The weight attribute: the one named, else "weight", else "amount" (the first present). */
static const char *weight_attribute(const sg_graph *g, const sg_analysis_options *opts) {
    if (opts && opts->weight_attr && *opts->weight_attr)
        return opts->weight_attr;
    static const char *const names[] = {"weight", "amount"};
    for (size_t k = 0; k < 2; k++)
        for (size_t e = 0; e < sg_graph_edge_count(g); e++)
            if (sg_graph_attr(g, SG_ON_EDGE, e, names[k]))
                return names[k];
    return "weight";
}

static int count_relations(const sg_graph *g, sg_analysis *a) {
    size_t m = sg_graph_edge_count(g);
    a->relations = calloc(m ? m : 1, sizeof *a->relations);
    if (!a->relations)
        return SG_ENOMEM;
    for (size_t e = 0; e < m; e++) {
        const char *r = sg_graph_edge_relation(g, e);
        size_t k = 0;
        while (k < a->n_relations && strcmp(a->relations[k].name, r) != 0)
            k++;
        if (k == a->n_relations) {
            a->relations[k].name = sg_strdup(r);
            if (!a->relations[k].name)
                return SG_ENOMEM;
            a->n_relations++;
        }
        a->relations[k].count++;
    }
    return SG_OK;
}

/* ---- the analysis ----------------------------------------------------------------------- */

typedef struct {
    const sg_graph *g;
    sg_analysis *a;
    sg_diag *diag;
    const sg_analysis_options *opts; /* the settings, defaults filled in */
    size_t n;
    size_t *canon;             /* canonical position -> input index */
    int want[SG_MEASURE_COUNT]; /* measures asked for */
    igraph_t G;                /* merged simple graph, input direction, canonical order */
    igraph_t U;                /* undirected view of G: a reciprocal pair is one tie */
    int have_G, have_U;
    igraph_vector_t weights;   /* G's merged weights (1 each when no edge has a weight) */
    igraph_vector_int_t known; /* 1 when every edge merged into it had a known weight */
    igraph_vector_t distances; /* G's distances for the path measures (inverse weights) */
    igraph_vector_t udistances; /* U's */
    int have_w;
    igraph_rng_t rng;          /* our own generator, seeded per random method */
    int hop_figures;           /* diameter and mean path length came from hop_distances() */
    int threads;               /* of the path measures' searches, >= 1 */
    int64_t *sample;           /* the sampled sources (canonical), NULL: exact */
    size_t n_sample;
} context;

/* The progress callback, when the caller gave one. */
static void step(context *c, const char *name, double fraction) {
    if (c->opts->progress)
        c->opts->progress(name, fraction, c->opts->progress_data);
}

typedef struct {
    context *c;
    const char *name;
} progress_of;

static void paths_progress(size_t done, size_t total, void *data) {
    progress_of *p = data;
    step(p->c, p->name, total ? (double)done / (double)total : 1);
}

/* igraph's progress reports, while one of its calls runs, to the caller's callback. */
static context *progress_context;

static igraph_error_t on_igraph_progress(const char *message, igraph_real_t percent,
                                         void *data) {
    if (progress_context) {
        size_t len = strlen(message);
        char name[64];
        /* igraph's messages end in "... ": the step's name alone */
        while (len > 0 && (message[len - 1] == ' ' || message[len - 1] == '.'))
            len--;
        snprintf(name, sizeof name, "%.*s", (int)len, message);
        step(progress_context, name, percent / 100);
    }
    return IGRAPH_SUCCESS;
}

/* Stores igraph's result vector `v` (canonical order) as measure `m` (input order). */
static void store(context *c, sg_measure m, const igraph_vector_t *v) {
    for (size_t i = 0; i < c->n; i++)
        c->a->values[m][c->canon[i]] = VECTOR(*v)[i];
}

static void store_int(context *c, sg_measure m, const igraph_vector_int_t *v) {
    for (size_t i = 0; i < c->n; i++)
        c->a->values[m][c->canon[i]] = (double)VECTOR(*v)[i];
}

static void set_all(context *c, sg_measure m, double value) {
    for (size_t i = 0; i < c->n; i++)
        c->a->values[m][i] = value;
}

static int lib_failed(context *c, const char *what) {
    sg_diag_add(c->diag, SG_ERROR, NULL, 0, 0, "igraph failed computing %s: %s", what,
                igraph_reason);
    return SG_ELIB;
}


/* Checks --measures and --relation lists against what exists. */
static int check_lists(context *c) {
    const char *measures = c->opts->measures;
    int rc = SG_OK;
    for (int m = 0; m < SG_MEASURE_COUNT; m++)
        c->want[m] = !measures || !*measures || sg_list_has(measures, measure_names[m]);
    if (measures && *measures) {
        sg_buf word = {0};
        for (const char *p = measures;; p++) {
            if (*p == ',' || *p == '\0') {
                sg_measure m;
                if (word.len && !sg_measure_find(word.data, &m)) {
                    sg_diag_add(c->diag, SG_ERROR, NULL, 0, 0,
                                "unknown measure '%s' in the list of measures", word.data);
                    rc = SG_EINVAL;
                }
                sg_buf_free(&word);
                if (!*p)
                    break;
            } else if (*p != ' ') {
                sg_buf_putc(&word, *p);
            }
        }
    }
    const char *relations = c->opts->relations;
    if (relations && *relations) {
        sg_buf word = {0};
        for (const char *p = relations;; p++) {
            if (*p == ',' || *p == '\0') {
                size_t k = 0;
                while (word.len && k < c->a->n_relations &&
                       !sg_name_equal(c->a->relations[k].name, word.data))
                    k++;
                if (word.len && k == c->a->n_relations) {
                    /* an error, as the figures' filter (sg_view): an analysis of no edge
                     * would look like an answer */
                    sg_buf present = {0};
                    for (size_t j = 0; j < c->a->n_relations; j++)
                        if (*c->a->relations[j].name)
                            sg_buf_printf(&present, "%s%s", present.len ? ", " : "",
                                          c->a->relations[j].name);
                    sg_diag_add(c->diag, SG_ERROR, NULL, 0, 0,
                                "--relation: no edge has relation '%s' (relations present: %s)",
                                word.data, present.len ? present.data : "none");
                    sg_buf_free(&present);
                    rc = SG_EINVAL;
                }
                sg_buf_free(&word);
                if (!*p)
                    break;
            } else if (*p != ' ' || (word.len && p[1] != ',' && p[1] != ' ' && p[1])) {
                sg_buf_putc(&word, *p); /* inner spaces kept: "capacity building" */
            }
        }
    }
    return rc;
}

/* The unit of an edge's amount (`unit`, a currency code for money), "" when it has none. */
static const char *edge_unit(const sg_graph *g, size_t e) {
    const char *u = sg_graph_attr(g, SG_ON_EDGE, e, "unit");
    return u ? u : "";
}

/*
 * Units (design.md): amounts of different units are never added. With more than one unit among
 * the edges that have an amount, the weighted measures use only the unit that --unit names, or
 * else the most common one (ties: the first in byte order), and a warning names them all.
 * Stores the chosen unit, or NULL when there is at most one. Returns 1 on a bad --unit.
 */
static int choose_unit(context *c, const char **chosen) {
    const sg_graph *g = c->g;
    size_t m = sg_graph_edge_count(g), n_units = 0;
    const char **units = malloc((m ? m : 1) * sizeof *units);
    size_t *counts = calloc(m ? m : 1, sizeof *counts);
    *chosen = NULL;
    if (!units || !counts) {
        free(units);
        free(counts);
        return 0;
    }
    for (size_t e = 0; e < m; e++) {
        const char *text = sg_graph_attr(g, SG_ON_EDGE, e, c->opts->weight_attr);
        if (!text || !*text)
            continue;
        const char *u = edge_unit(g, e);
        size_t k = 0;
        while (k < n_units && strcmp(units[k], u) != 0)
            k++;
        if (k == n_units)
            units[n_units++] = u;
        counts[k]++;
    }
    int bad = 0;
    const char *want = c->opts->unit;
    if (want && *want) {
        size_t k = 0;
        while (k < n_units && strcmp(units[k], want) != 0)
            k++;
        if (k == n_units) {
            sg_diag_add(c->diag, SG_ERROR, NULL, 0, 0,
                        "no edge has an amount in unit '%s' (--unit)", want);
            bad = 1;
        } else if (n_units > 1) {
            *chosen = units[k];
        }
    } else if (n_units > 1) {
        size_t best = 0;
        for (size_t k = 1; k < n_units; k++)
            if (counts[k] > counts[best] ||
                (counts[k] == counts[best] && strcmp(units[k], units[best]) < 0))
                best = k;
        *chosen = units[best];
    }
    if (*chosen && !c->opts->no_policy_warnings) { /* a policy: see policy_warnings() */
        sg_buf list = {0};
        for (size_t k = 0; k < n_units; k++)
            sg_buf_printf(&list, "%s%s %zu", k ? ", " : "", *units[k] ? units[k] : "(no unit)",
                          counts[k]);
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "amounts in %zu units (%s edges): they are never added together, so the "
                    "weighted measures use only %s%s; the other amounts count as unknown (use "
                    "--unit CODE to choose)",
                    n_units, list.data ? list.data : "", **chosen ? *chosen : "(no unit)",
                    want && *want ? "" : ", the most common");
        sg_buf_free(&list);
    }
    free(units);
    free(counts);
    return bad;
}

/* Sorts the k work edges by (from, to) with two stable counting passes over the n node numbers
 * (O(k + n), where qsort spent a tenth of an XL report comparing), keeping the order they had
 * among equal keys; then each run of parallel edges by relation and input order. The result is
 * the order qsort gives with by_endpoints (a total order). Returns SG_ENOMEM, else SG_OK. */
static int sort_edges(work_edge *w, size_t k, size_t n) {
    if (k < 2)
        return SG_OK;
    work_edge *tmp = malloc(k * sizeof *tmp);
    size_t *count = malloc((n + 1) * sizeof *count);
    if (!tmp || !count) {
        free(tmp);
        free(count);
        return SG_ENOMEM;
    }
    for (int pass = 0; pass < 2; pass++) {
        work_edge *from = pass ? tmp : w, *to = pass ? w : tmp;
        memset(count, 0, (n + 1) * sizeof *count);
        for (size_t i = 0; i < k; i++)
            count[(size_t)(pass ? from[i].from : from[i].to) + 1]++;
        for (size_t v = 0; v < n; v++)
            count[v + 1] += count[v];
        for (size_t i = 0; i < k; i++)
            to[count[(size_t)(pass ? from[i].from : from[i].to)]++] = from[i];
    }
    free(tmp);
    free(count);
    for (size_t i = 1; i < k; i++) { /* insertion sort within runs of equal endpoints */
        work_edge x = w[i];
        size_t j = i;
        while (j > 0 && by_endpoints(&w[j - 1], &x) > 0) {
            w[j] = w[j - 1];
            j--;
        }
        w[j] = x;
    }
    return SG_OK;
}

/* Reads and checks the weights, builds the merged edge list in canonical order. */
static int build_edges(context *c, work_edge **out, size_t *n_out) {
    const sg_graph *g = c->g;
    size_t m = sg_graph_edge_count(g);
    if (c->n > UINT32_MAX) { /* the work edges' node numbers */
        sg_diag_add(c->diag, SG_ERROR, NULL, 0, 0,
                    "the analysis takes at most 4294967295 nodes, not %zu", c->n);
        return SG_EINVAL;
    }
    size_t *position = malloc((c->n ? c->n : 1) * sizeof *position);
    work_edge *w = malloc((m ? m : 1) * sizeof *w);
    if (!position || !w) {
        free(position);
        free(w);
        return SG_ENOMEM;
    }
    for (size_t i = 0; i < c->n; i++)
        position[c->canon[i]] = i;
    const char *wattr = c->opts->weight_attr;
    const char *relations = c->opts->relations;
    int directed = sg_graph_directed(g), bad = 0;
    size_t k = 0;
    sg_summary *s = &c->a->summary;
    const char *unit = NULL;
    if ((bad = choose_unit(c, &unit)) != 0) {
        free(position);
        free(w);
        return SG_EINVAL;
    }
    for (size_t e = 0; e < m; e++) {
        size_t src = sg_graph_edge_source(g, e), tgt = sg_graph_edge_target(g, e);
        if (relations && *relations &&
            !sg_list_has_name(relations, sg_graph_edge_relation(g, e))) {
            s->edges_left_out++;
            continue;
        }
        s->edges++;
        const char *text = sg_graph_attr(g, SG_ON_EDGE, e, wattr);
        double value = 0;
        int known = 0;
        if (text && *text) {
            int number = sg_parse_number(text, &value) == 0;
            if (!number || value < 0) {
                sg_diag_add(c->diag, SG_ERROR, NULL, 0, 0,
                            "edge %s -> %s: %s '%s' is %s (weights are amounts: a number of 0 "
                            "or more; leave it empty when unknown)",
                            sg_graph_node_id(g, src), sg_graph_node_id(g, tgt), wattr, text,
                            number ? "negative" : "not a number");
                bad++;
                continue;
            }
            known = 1;
            s->weighted_edges++;
            if (unit && strcmp(edge_unit(g, e), unit) != 0) {
                /* Another currency: never added to the chosen one's amounts. */
                known = 0, value = 0;
                s->weighted_edges--;
                s->other_unit_edges++;
            }
        }
        if (src == tgt) {
            s->self_loops++;
            continue;
        }
        uint32_t a = (uint32_t)position[src], b = (uint32_t)position[tgt];
        if (!directed && a > b) {
            uint32_t t = a;
            a = b;
            b = t;
        }
        w[k++] = (work_edge){a, b, value, e, known};
    }
    free(position);
    if (bad) {
        free(w);
        return SG_EINVAL;
    }
    s->weighted = s->weighted_edges > 0;
    s->unknown_weights = s->weighted ? s->edges - s->weighted_edges - s->other_unit_edges : 0;
    if (sort_edges(w, k, c->n) != SG_OK) {
        free(w);
        return SG_ENOMEM;
    }
    /* Merge parallel edges into the first of each run, summing the known weights. */
    size_t j = 0;
    for (size_t i = 0; i < k; i++) {
        if (j > 0 && w[j - 1].from == w[i].from && w[j - 1].to == w[i].to) {
            w[j - 1].weight += w[i].weight;
            w[j - 1].known = w[j - 1].known && w[i].known;
            s->parallel_merged++;
        } else {
            w[j++] = w[i];
        }
    }
    *out = w;
    *n_out = j;
    return SG_OK;
}

/* Builds G from the merged edges, and U, the undirected view, in which a reciprocal pair is one
 * tie whose weight is the sum of the two. With inverse path weights, the distances 1/weight.
 * Frees the merged edges (*w, set to NULL) as soon as G's ends are taken from them, and G's ends
 * before U is made: at XL's peak, 48 and 16 bytes an edge less (issue 10). */
static int build_graphs(context *c, work_edge **wp, size_t k) {
    int directed = sg_graph_directed(c->g);
    int weighted = c->a->summary.weighted;
    int inverse = c->opts->path_weights == SG_PATH_INVERSE;
    work_edge *w = *wp;
    igraph_vector_int_t ends;
    if (igraph_vector_int_init(&ends, (igraph_integer_t)(2 * k)) != IGRAPH_SUCCESS)
        return lib_failed(c, "the graph");
    if (igraph_vector_init(&c->weights, (igraph_integer_t)k) != IGRAPH_SUCCESS ||
        igraph_vector_int_init(&c->known, (igraph_integer_t)k) != IGRAPH_SUCCESS ||
        /* the distances serve inverse path weights only: 16 bytes an edge (issue 10) */
        igraph_vector_init(&c->distances, inverse ? (igraph_integer_t)k : 0) != IGRAPH_SUCCESS ||
        igraph_vector_init(&c->udistances, 0) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&ends);
        return lib_failed(c, "the graph");
    }
    c->have_w = 1;
    int rc = SG_OK;
    for (size_t i = 0; i < k; i++) {
        VECTOR(ends)[2 * i] = w[i].from;
        VECTOR(ends)[2 * i + 1] = w[i].to;
        VECTOR(c->weights)[i] = weighted ? w[i].weight : 1.0;
        VECTOR(c->known)[i] = weighted ? w[i].known : 1;
        if (inverse)
            VECTOR(c->distances)[i] = w[i].weight > 0 ? 1 / w[i].weight : 0; /* used only when
                                                                         every weight is > 0 */
        if (inverse && (!weighted || !w[i].known || !(w[i].weight > 0))) {
            if (rc == SG_OK)
                sg_diag_add(c->diag, SG_ERROR, NULL, 0, 0,
                            "inverse path weights need a known weight above 0 on every edge; "
                            "edge %s -> %s has %s",
                            sg_graph_node_id(c->g, c->canon[w[i].from]),
                            sg_graph_node_id(c->g, c->canon[w[i].to]),
                            !weighted || !w[i].known ? "none" : "0");
            rc = SG_EINVAL;
        }
    }
    free(w);
    *wp = NULL;
    if (rc == SG_OK && igraph_create(&c->G, &ends, (igraph_integer_t)c->n, directed) !=
                           IGRAPH_SUCCESS)
        rc = lib_failed(c, "the graph");
    c->have_G = rc == SG_OK;
    igraph_vector_int_destroy(&ends);
    if (rc != SG_OK)
        return rc;
    /* The undirected view: G's edges (canonical order) sorted by unordered pair (lo, hi) with
     * two stable counting passes, runs of one pair joined (a reciprocal pair: two edges, whose
     * weights add the same in either order). */
    igraph_integer_t n = (igraph_integer_t)c->n;
    const igraph_integer_t *tail = VECTOR(c->G.from), *head = VECTOR(c->G.to);
    igraph_integer_t *count = calloc((size_t)n + 1, sizeof *count);
    igraph_integer_t *by_hi = malloc((k ? k : 1) * sizeof *by_hi);
    igraph_integer_t *order = malloc((k ? k : 1) * sizeof *order);
    if (!count || !by_hi || !order ||
        igraph_vector_int_init(&ends, (igraph_integer_t)(2 * k)) != IGRAPH_SUCCESS) {
        free(count), free(by_hi), free(order);
        return lib_failed(c, "the undirected view");
    }
#define SG_LO(e) (tail[e] < head[e] ? tail[e] : head[e])
#define SG_HI(e) (tail[e] < head[e] ? head[e] : tail[e])
    for (size_t e = 0; e < k; e++)
        count[SG_HI(e)]++;
    for (igraph_integer_t v = 0, sum = 0; v < n; v++) { /* each hi's first place */
        igraph_integer_t here = count[v];
        count[v] = sum;
        sum += here;
    }
    for (size_t e = 0; e < k; e++)
        by_hi[count[SG_HI(e)]++] = (igraph_integer_t)e;
    memset(count, 0, ((size_t)n + 1) * sizeof *count);
    for (size_t e = 0; e < k; e++)
        count[SG_LO(e)]++;
    for (igraph_integer_t v = 0, sum = 0; v < n; v++) {
        igraph_integer_t here = count[v];
        count[v] = sum;
        sum += here;
    }
    for (size_t i = 0; i < k; i++)
        order[count[SG_LO(by_hi[i])]++] = by_hi[i];
    free(by_hi);
    free(count);
    size_t u = 0;
    for (size_t i = 0; i < k; i++) {
        igraph_integer_t e = order[i], lo = SG_LO(e), hi = SG_HI(e);
        if (u > 0 && VECTOR(ends)[2 * (u - 1)] == lo && VECTOR(ends)[2 * (u - 1) + 1] == hi) {
            if (inverse)
                VECTOR(c->udistances)[u - 1] += VECTOR(c->weights)[e]; /* a weight until
                                                                            inverted */
            continue;
        }
        VECTOR(ends)[2 * u] = lo;
        VECTOR(ends)[2 * u + 1] = hi;
        if (inverse &&
            igraph_vector_push_back(&c->udistances, VECTOR(c->weights)[e]) != IGRAPH_SUCCESS) {
            rc = lib_failed(c, "the undirected view");
            break;
        }
        u++;
    }
#undef SG_LO
#undef SG_HI
    free(order);
    for (size_t i = 0; rc == SG_OK && inverse && i < u; i++)
        VECTOR(c->udistances)[i] = VECTOR(c->udistances)[i] > 0 ? 1 / VECTOR(c->udistances)[i] : 0;
    if (rc == SG_OK && (igraph_vector_int_resize(&ends, (igraph_integer_t)(2 * u)) !=
                            IGRAPH_SUCCESS ||
                        igraph_create(&c->U, &ends, (igraph_integer_t)c->n, 0) != IGRAPH_SUCCESS))
        rc = lib_failed(c, "the undirected view");
    c->have_U = rc == SG_OK;
    igraph_vector_int_destroy(&ends);
    return rc;
}

static int degrees_and_strengths(context *c) {
    igraph_vector_int_t d;
    igraph_vector_t s;
    int rc = SG_OK;
    if (igraph_vector_int_init(&d, 0) != IGRAPH_SUCCESS)
        return lib_failed(c, "degree");
    if (igraph_vector_init(&s, 0) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&d);
        return lib_failed(c, "strength");
    }
    static const igraph_neimode_t modes[3] = {IGRAPH_IN, IGRAPH_OUT, IGRAPH_ALL};
    static const sg_measure deg[3] = {SG_IN_DEGREE, SG_OUT_DEGREE, SG_DEGREE};
    static const sg_measure str[3] = {SG_IN_STRENGTH, SG_OUT_STRENGTH, SG_STRENGTH};
    for (int k = 0; k < 3 && rc == SG_OK; k++) {
        /* G is simple (loops out, parallel edges merged): degree counts distinct neighbours,
         * and on directed input ALL = in + out. */
        if (igraph_degree(&c->G, &d, igraph_vss_all(), modes[k], 0) != IGRAPH_SUCCESS ||
            igraph_strength(&c->G, &s, igraph_vss_all(), modes[k], 0, &c->weights) !=
                IGRAPH_SUCCESS) {
            rc = lib_failed(c, "degree and strength");
            break;
        }
        store_int(c, deg[k], &d);
        store(c, str[k], &s);
    }
    igraph_vector_int_destroy(&d);
    igraph_vector_destroy(&s);
    return rc;
}

/* Flat adjacency arrays (sg_csr) of an igraph graph, arcs in edge order: on an undirected
 * graph each tie both ways (in == out); `lengths` per edge, or NULL for hops. */
typedef struct {
    sg_csr g;
    int64_t *out_start, *out_adj, *in_start, *in_adj;
    double *out_len, *in_len;
} csr_store;

static void csr_free(csr_store *st) {
    free(st->out_start), free(st->out_adj), free(st->out_len);
    if (st->in_start != st->out_start)
        free(st->in_start), free(st->in_adj), free(st->in_len);
}

static int csr_half(const igraph_t *graph, const igraph_vector_t *lengths, int into_to,
                    int both, int64_t **start_out, int64_t **adj_out, double **len_out) {
    igraph_integer_t n = igraph_vcount(graph), m = igraph_ecount(graph);
    size_t arcs = (size_t)m * (both ? 2 : 1);
    int64_t *start = calloc((size_t)n + 2, sizeof *start);
    int64_t *adj = malloc((arcs ? arcs : 1) * sizeof *adj);
    double *len = lengths ? malloc((arcs ? arcs : 1) * sizeof *len) : NULL;
    *start_out = start, *adj_out = adj, *len_out = len;
    if (!start || !adj || (lengths && !len))
        return SG_ENOMEM;
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t a = IGRAPH_FROM(graph, e), b = IGRAPH_TO(graph, e);
        start[(into_to ? b : a) + 2]++;
        if (both)
            start[(into_to ? a : b) + 2]++;
    }
    for (igraph_integer_t i = 0; i < n; i++)
        start[i + 2] += start[i + 1];
    /* start[v + 1] is v's write cursor; after the fill it is v's end, as it should be */
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t a = IGRAPH_FROM(graph, e), b = IGRAPH_TO(graph, e);
        if (into_to) {
            igraph_integer_t t = a;
            a = b, b = t;
        }
        int64_t k = start[a + 1]++;
        adj[k] = b;
        if (len)
            len[k] = VECTOR(*lengths)[e];
        if (both) {
            k = start[b + 1]++;
            adj[k] = a;
            if (len)
                len[k] = VECTOR(*lengths)[e];
        }
    }
    return SG_OK;
}

static int csr_build(const igraph_t *graph, const igraph_vector_t *lengths, csr_store *st) {
    int directed = igraph_is_directed(graph);
    memset(st, 0, sizeof *st);
    int rc = csr_half(graph, lengths, 0, !directed, &st->out_start, &st->out_adj, &st->out_len);
    if (rc == SG_OK && directed)
        rc = csr_half(graph, lengths, 1, 0, &st->in_start, &st->in_adj, &st->in_len);
    else
        st->in_start = st->out_start, st->in_adj = st->out_adj, st->in_len = st->out_len;
    st->g = (sg_csr){(size_t)igraph_vcount(graph), st->out_start, st->out_adj, st->out_len,
                     st->in_start, st->in_adj, st->in_len};
    if (rc != SG_OK)
        csr_free(st);
    return rc;
}

/*
 * Closeness, harmonic centrality, diameter and mean path length by hop count on the undirected
 * view, from ONE breadth-first search per source (sg_paths_closeness, on c->threads threads),
 * where igraph would run four all-pairs searches (one per call). Measured in bench/: on 5,000 nodes
 * and 25,000 edges 1.8 s against 16-22 s for the four igraph calls, with the same values (to
 * 2e-16). Same definitions as igraph_closeness (normalised, over reachable vertices),
 * igraph_harmonic_centrality (normalised), igraph_diameter and igraph_average_path_length
 * (unconnected pairs left out); estimates from the sampled sources with --sample-sources.
 * With `lengths` (inverse path weights: the distance of a tie is 1 / its weight), closeness and
 * harmonic from one Dijkstra search per source on the same threads, as igraph_closeness and
 * igraph_harmonic_centrality with weights (L, 20,000 nodes: README, Performance); the diameter
 * and mean path length are then left to a search by hops.
 * Results in canonical order; NaN where undefined.
 */
static int hop_distances(context *c, const igraph_vector_t *lengths, double *closeness,
                         double *harmonic) {
    csr_store st;
    sg_hop_totals totals = {0};
    progress_of p = {c, "closeness and harmonic"};
    if (csr_build(&c->U, lengths, &st) != SG_OK)
        return SG_ENOMEM;
    step(c, p.name, 0);
    int rc = sg_paths_closeness(&st.g, c->sample, c->n_sample, c->threads, closeness, harmonic,
                                &totals, c->opts->progress ? paths_progress : NULL, &p);
    csr_free(&st);
    if (rc != 0)
        return SG_ENOMEM;
    if (lengths)
        return SG_OK;
    sg_summary *sm = &c->a->summary;
    sm->diameter = igraph_ecount(&c->U) > 0 ? totals.longest : NAN;
    sm->mean_path_length = totals.pairs > 0 ? totals.total / totals.pairs : NAN;
    c->hop_figures = 1;
    return SG_OK;
}

/* Betweenness in canonical order: Brandes (2001) on c->threads threads (sg_paths_betweenness),
 * as igraph_betweenness defines it (see paths.h for why not igraph's own call), with arc
 * `lengths` (NULL: hops); from the sampled sources scaled by n / k (Brandes and Pich 2007). */
static int betweenness_of(context *c, const igraph_vector_t *lengths, double *b) {
    csr_store st;
    progress_of p = {c, "betweenness"};
    if (csr_build(&c->G, lengths, &st) != SG_OK)
        return SG_ENOMEM;
    step(c, p.name, 0);
    int failed = sg_paths_betweenness(&st.g, igraph_is_directed(&c->G), c->sample,
                                      c->sample ? c->n_sample : c->n, c->threads, b,
                                      c->opts->progress ? paths_progress : NULL, &p);
    csr_free(&st);
    for (size_t i = 0; c->sample && i < c->n; i++)
        b[i] *= (double)c->n / (double)c->n_sample;
    return failed ? SG_ENOMEM : SG_OK;
}

static int path_measures(context *c) {
    int inverse = c->opts->path_weights == SG_PATH_INVERSE;
    const igraph_vector_t *dist = inverse ? &c->distances : NULL;
    const igraph_vector_t *udist = inverse ? &c->udistances : NULL;
    if (c->want[SG_BETWEENNESS] || c->want[SG_BETWEENNESS_NORM]) {
        double *b = malloc((c->n ? c->n : 1) * sizeof *b);
        if (!b || betweenness_of(c, dist, b) != SG_OK) {
            free(b);
            return SG_ENOMEM;
        }
        for (size_t i = 0; i < c->n; i++)
            c->a->values[SG_BETWEENNESS][c->canon[i]] = b[i];
        free(b);
        double n = (double)c->n;
        double pairs = sg_graph_directed(c->g) ? (n - 1) * (n - 2) : (n - 1) * (n - 2) / 2;
        for (size_t i = 0; i < c->n; i++)
            c->a->values[SG_BETWEENNESS_NORM][i] =
                c->n >= 3 ? c->a->values[SG_BETWEENNESS][i] / pairs : NAN;
    }
    if (c->want[SG_CLOSENESS] || c->want[SG_HARMONIC]) {
        double *buf = malloc(2 * (c->n ? c->n : 1) * sizeof *buf);
        if (!buf || hop_distances(c, udist, buf, buf + c->n) != SG_OK) {
            free(buf);
            return SG_ENOMEM;
        }
        for (size_t i = 0; i < c->n; i++) {
            c->a->values[SG_CLOSENESS][c->canon[i]] = buf[i];
            c->a->values[SG_HARMONIC][c->canon[i]] = buf[c->n + i];
        }
        free(buf);
        if (c->n == 1 && c->want[SG_HARMONIC])
            sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                        "harmonic centrality is missing: a single node has no other node to "
                        "reach");
    }
    return SG_OK;
}

/* Entries below this are rounding noise of an eigenvector solver: they are exact zeros. */
#define SG_EIGEN_ZERO 1e-10

/* Kleinberg's iteration (1999) from two start vectors at once: authority a = A^T h, hub
 * h = A a, each scaled so that its largest entry is 1, until no entry moves by more than 1e-13.
 * The two runs are interleaved in memory (run r of node i at [2 * i + r]) and share each pass
 * over the edges: one pass reads an edge's ends and the two runs' entries on one cache line,
 * where two runs one after the other read the edges and miss the cache twice (hub and authority
 * were 11 % of the L report's instructions, issue 10). Each run does the same operations in the
 * same order as on its own, so gives the same bits; a run that has settled (or stopped) is left
 * alone while the other goes on. `h` holds the two start vectors on entry and the hub scores on
 * return, `a` (4 n: 2 n of scores, 2 n scratch) the authority scores; it[r] is run r's number of
 * iterations, or -1 when it did not settle. Run 1 (r = 1) is only wanted when run 0 settles:
 * when run 0 stops unsettled, run 1 stops too, with -1.
 *
 * Every 1,000 iterations the rate at which a run's largest change shrinks is measured; when at
 * that rate 1e-13 would take more than twice the iterations left of the 100,000 (a spectral
 * gap near 0, as on a long undirected chain, or an iteration that cycles), it stops there and
 * says so: the 100,000 would end the same way, after seconds instead of milliseconds. */
#define SG_HITS_ITERATIONS 100000

/* One pass of hits_iterate2 over the m edges src[e] -> dst[e]: out[dst] += in[src] (and back
 * on an undirected graph) for each active run, in edge order, interleaved as there. */
static void hits_spread(double *out, const double *in, const igraph_integer_t *src,
                        const igraph_integer_t *dst, igraph_integer_t m, const int active[2],
                        int undirected) {
    if (active[0] && active[1]) {
        for (igraph_integer_t e = 0; e < m; e++) {
            igraph_integer_t s = src[e], d = dst[e];
            out[2 * d] += in[2 * s];
            out[2 * d + 1] += in[2 * s + 1];
            if (undirected) {
                out[2 * s] += in[2 * d];
                out[2 * s + 1] += in[2 * d + 1];
            }
        }
    } else {
        int r = active[1];
        for (igraph_integer_t e = 0; e < m; e++) {
            igraph_integer_t s = src[e], d = dst[e];
            out[2 * d + r] += in[2 * s + r];
            if (undirected)
                out[2 * s + r] += in[2 * d + r];
        }
    }
}

static void hits_iterate2(const igraph_t *G, igraph_integer_t n, double *h, double *a,
                          long it[2]) {
    igraph_integer_t m = igraph_ecount(G);
    int undirected = !igraph_is_directed(G);
    const igraph_integer_t *tail = VECTOR(G->from), *head = VECTOR(G->to);
    double *next = a + 2 * n; /* scratch: the new hub vectors */
    double checkpoint[2] = {0, 0};
    int active[2] = {1, 1};
    int by_tail = !undirected; /* G's edges in canonical order: by tail */
    for (igraph_integer_t e = 1; by_tail && e < m; e++)
        by_tail = tail[e - 1] <= tail[e];
    for (long step = 1; step <= SG_HITS_ITERATIONS && (active[0] || active[1]); step++) {
        double delta[2] = {0, 0}, top[2] = {0, 0};
        for (igraph_integer_t i = 0; i < 2 * n; i++)
            if (active[i & 1]) /* a settled run keeps its authority scores */
                a[i] = 0;
        hits_spread(a, h, tail, head, m, active, undirected); /* a = A^T h */
        for (igraph_integer_t i = 0; i < n; i++)
            for (int r = 0; r < 2; r++)
                top[r] = a[2 * i + r] > top[r] ? a[2 * i + r] : top[r];
        for (igraph_integer_t i = 0; i < n; i++)
            for (int r = 0; r < 2; r++)
                if (active[r] && top[r] > 0)
                    a[2 * i + r] /= top[r];
        for (igraph_integer_t i = 0; i < 2 * n; i++)
            next[i] = 0;
        if (by_tail) {
            /* each tail's sums in registers, added in the same order as through memory (a
             * settled run's sum is scratch, unused) */
            for (igraph_integer_t e = 0; e < m;) {
                igraph_integer_t from = tail[e];
                double s0 = 0, s1 = 0;
                for (; e < m && tail[e] == from; e++) {
                    s0 += a[2 * head[e]];
                    s1 += a[2 * head[e] + 1];
                }
                next[2 * from] = s0;
                next[2 * from + 1] = s1;
            }
        } else {
            hits_spread(next, a, head, tail, m, active, undirected); /* h = A a */
        }
        top[0] = top[1] = 0;
        for (igraph_integer_t i = 0; i < n; i++)
            for (int r = 0; r < 2; r++)
                top[r] = next[2 * i + r] > top[r] ? next[2 * i + r] : top[r];
        for (igraph_integer_t i = 0; i < n; i++)
            for (int r = 0; r < 2; r++) {
                if (!active[r])
                    continue;
                double v = top[r] > 0 ? next[2 * i + r] / top[r] : 0;
                double d = fabs(v - h[2 * i + r]);
                delta[r] = d > delta[r] ? d : delta[r];
                h[2 * i + r] = v;
            }
        for (int r = 0; r < 2; r++) {
            if (!active[r])
                continue;
            if (delta[r] < 1e-13) {
                it[r] = step;
                active[r] = 0;
            } else if (step % 1000 == 0) {
                if (step >= 2000) {
                    double rate = pow(delta[r] / checkpoint[r], 1.0 / 1000);
                    if (!(rate < 1) || log(1e-13 / delta[r]) / log(rate) >
                                           2.0 * (double)(SG_HITS_ITERATIONS - step))
                        active[r] = 0; /* it[r] stays -1 */
                }
                checkpoint[r] = delta[r];
            }
        }
        if (!active[0] && it[0] < 0)
            active[1] = 0; /* run 0 did not settle: whether run 1 would is moot */
    }
}

/*
 * Hub and authority scores (Kleinberg 1999) by his own iteration from the all-ones vector,
 * rather than igraph's ARPACK call: where the leading eigenvalue of A^T A is repeated, ARPACK
 * restarts from a random vector and gives other scores on every call. Run at the same time
 * from another start vector, the iteration tells whether the scores are unique; when they are
 * not, a warning says so and the all-ones start (Kleinberg's) decides.
 */
static int hits(context *c) {
    igraph_integer_t n = (igraph_integer_t)c->n;
    double *buf = malloc(6 * (size_t)n * sizeof *buf);
    if (!buf)
        return SG_ENOMEM;
    double *h = buf, *a = buf + 2 * n; /* run r of node i at [2 * i + r] */
    for (igraph_integer_t i = 0; i < n; i++) {
        h[2 * i] = 1;
        h[2 * i + 1] = 1 + (double)((i * 7919) % 97) / 97; /* any other positive start */
    }
    long it[2];
    hits_iterate2(&c->G, n, h, a, it);
    double diff = 0;
    for (igraph_integer_t i = 0; i < n; i++) {
        double h1 = h[2 * i], a1 = a[2 * i];
        diff = fmax(diff, fmax(fabs(h1 - h[2 * i + 1]), fabs(a1 - a[2 * i + 1])));
        c->a->values[SG_HUB][c->canon[i]] = h1 < SG_EIGEN_ZERO ? 0 : h1;
        c->a->values[SG_AUTHORITY][c->canon[i]] = a1 < SG_EIGEN_ZERO ? 0 : a1;
    }
    if (it[0] < 0)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "hub and authority scores did not settle: Kleinberg's iteration converges "
                    "too slowly on this graph (a spectral gap near 0, as on a long chain) to "
                    "reach 1e-13 within 100000 iterations; treat them as approximate");
    else if (diff > 1e-6 || it[1] < 0)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "hub and authority scores are not unique on this graph (the leading "
                    "eigenvalue is repeated, as in a graph of separate or symmetric parts): "
                    "the scores shown start from equal scores for all (Kleinberg 1999); "
                    "compare in_degree and out_degree instead");
    free(buf);
    return SG_OK;
}

/* Seeds our generator: eigenvector centrality with 1 (its ARPACK start vector), community
 * detection with the user's seed. Through igraph_rng_default(), not &c->rng: igraph 0.10's
 * igraph_rng_set_default() installs a copy of the generator, and seeding the original leaves the
 * copy's is_seeded flag unset, so igraph's RNG_BEGIN() would reseed it from time(0) and the
 * communities would change from one second to the next. */
static void seed(context *c, unsigned long value) {
    (void)c;
    igraph_rng_seed(igraph_rng_default(), value);
}

static int spectral_measures(context *c) {
    igraph_vector_t v;
    igraph_real_t value;
    int rc = SG_OK;
    igraph_integer_t m = igraph_ecount(&c->G);
    step(c, "eigenvector, hub, authority and PageRank", 0);
    if (igraph_vector_init(&v, 0) != IGRAPH_SUCCESS)
        return lib_failed(c, "eigenvector centrality");
    if (m == 0) {
        set_all(c, SG_EIGENVECTOR, NAN);
        set_all(c, SG_HUB, NAN);
        set_all(c, SG_AUTHORITY, NAN);
        if (c->n > 0 && (c->want[SG_EIGENVECTOR] || c->want[SG_HUB] || c->want[SG_AUTHORITY]))
            sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                        "eigenvector, hub and authority scores are missing: the graph has no "
                        "edges between distinct nodes; use degree instead");
    } else {
        if (c->want[SG_EIGENVECTOR]) {
            seed(c, 1);
            if (igraph_eigenvector_centrality(&c->U, &v, &value, 0, 1, NULL, NULL) !=
                IGRAPH_SUCCESS) {
                /* ARPACK may not converge where the spectral gap is tiny (a long chain, R10):
                 * one measure left missing, with the reason, not the whole report lost. */
                sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                            "eigenvector centrality is missing: igraph's solver did not converge "
                            "on this graph (%s); use harmonic or PageRank instead",
                            igraph_reason);
                set_all(c, SG_EIGENVECTOR, NAN);
                goto after_eigenvector;
            }
            /* ARPACK's last bits depend on where BLAS finds its arrays in memory (seen under
             * valgrind): values in [0, 1] are rounded to 12 decimals, so the same graph gives
             * the same bits; entries below SG_EIGEN_ZERO are exact zeros. */
            for (igraph_integer_t i = 0; i < igraph_vector_size(&v); i++)
                VECTOR(v)[i] = fabs(VECTOR(v)[i]) < SG_EIGEN_ZERO
                                   ? 0
                                   : nearbyint(VECTOR(v)[i] * 1e12) / 1e12;
            store(c, SG_EIGENVECTOR, &v);
        }
    after_eigenvector:
        if ((c->want[SG_HUB] || c->want[SG_AUTHORITY]) && (rc = hits(c)) != SG_OK)
            goto done;
    }
    if (c->n > 0 && c->want[SG_PAGERANK]) {
        const sg_summary *s = &c->a->summary;
        int all_known = s->weighted && igraph_vector_int_sum(&c->known) == m;
        double total = all_known ? igraph_vector_sum(&c->weights) : 0;
        c->a->summary.pagerank_weighted = all_known && total > 0;
        if (s->weighted && !c->a->summary.pagerank_weighted)
            sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0, "PageRank is unweighted: %s",
                        all_known ? "every weight is 0" : "not every edge has a known weight");
        if (igraph_pagerank(&c->G, IGRAPH_PAGERANK_ALGO_PRPACK, &v, &value, igraph_vss_all(), 1,
                            c->opts->damping,
                            c->a->summary.pagerank_weighted ? &c->weights : NULL,
                            NULL) != IGRAPH_SUCCESS) {
            rc = lib_failed(c, "PageRank");
            goto done;
        }
        store(c, SG_PAGERANK, &v);
    }
done:
    igraph_vector_destroy(&v);
    return rc;
}

/*
 * Burt's constraint (1992) on the simple undirected view, unweighted, as igraph_constraint
 * defines it: c_i = sum over neighbours q of (p_iq + sum over common neighbours j of p_ij p_jq)^2
 * with p_ij = 1 / degree(i); NaN for an isolated node. igraph's own call looks up incident
 * edges with a fresh vector per neighbour and visits every neighbour's neighbours: on
 * bench/gen.py's XL (200,000 nodes) it ran for minutes. Here each tie (i, j) costs the shorter
 * of the two neighbour lists (the other is searched: lists are sorted), the bound of triangle
 * counting. Same values as igraph's to rounding (the reference tests, and the L report).
 */
static igraph_error_t constraint(const igraph_t *U, igraph_vector_t *res) {
    igraph_integer_t n = igraph_vcount(U);
    igraph_adjlist_t adj;
    IGRAPH_CHECK(igraph_vector_resize(res, n));
    IGRAPH_CHECK(igraph_adjlist_init(U, &adj, IGRAPH_ALL, IGRAPH_NO_LOOPS, IGRAPH_NO_MULTIPLE));
    IGRAPH_FINALLY(igraph_adjlist_destroy, &adj);
    igraph_integer_t *mark = IGRAPH_CALLOC(n > 0 ? n : 1, igraph_integer_t);
    double *contrib = IGRAPH_CALLOC(n > 0 ? n : 1, double);
    if (!mark || !contrib) {
        IGRAPH_FREE(mark), IGRAPH_FREE(contrib);
        IGRAPH_ERROR("no memory for constraint", IGRAPH_ENOMEM);
    }
    for (igraph_integer_t i = 0; i < n; i++)
        mark[i] = -1;
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_vector_int_t *ni = igraph_adjlist_get(&adj, i);
        igraph_integer_t di = igraph_vector_int_size(ni);
        if (di == 0) {
            VECTOR(*res)[i] = NAN;
            continue;
        }
        for (igraph_integer_t k = 0; k < di; k++) {
            igraph_integer_t q = VECTOR(*ni)[k];
            mark[q] = i;
            contrib[q] = 1.0 / (double)di;
        }
        for (igraph_integer_t k = 0; k < di; k++) {
            igraph_integer_t j = VECTOR(*ni)[k];
            igraph_vector_int_t *nj = igraph_adjlist_get(&adj, j);
            igraph_integer_t dj = igraph_vector_int_size(nj);
            double p = 1.0 / (double)di / (double)dj;
            if (dj <= di) {
                for (igraph_integer_t l = 0; l < dj; l++)
                    if (mark[VECTOR(*nj)[l]] == i)
                        contrib[VECTOR(*nj)[l]] += p;
            } else {
                for (igraph_integer_t l = 0; l < di; l++) {
                    igraph_integer_t q = VECTOR(*ni)[l];
                    if (q != j && igraph_vector_int_binsearch2(nj, q))
                        contrib[q] += p;
                }
            }
        }
        double sum = 0;
        for (igraph_integer_t k = 0; k < di; k++)
            sum += contrib[VECTOR(*ni)[k]] * contrib[VECTOR(*ni)[k]];
        VECTOR(*res)[i] = sum;
    }
    IGRAPH_FREE(mark), IGRAPH_FREE(contrib);
    igraph_adjlist_destroy(&adj);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* Coreness, clustering, constraint and articulation points, all on the undirected view. */
static int local_structure(context *c) {
    igraph_vector_int_t iv;
    igraph_vector_t v;
    int rc = SG_OK;
    step(c, "coreness, clustering and constraint", 0);
    if (igraph_vector_int_init(&iv, 0) != IGRAPH_SUCCESS)
        return lib_failed(c, "coreness");
    if (igraph_vector_init(&v, 0) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&iv);
        return lib_failed(c, "clustering");
    }
    if (c->want[SG_CORENESS]) {
        if (igraph_coreness(&c->U, &iv, IGRAPH_ALL) != IGRAPH_SUCCESS) {
            rc = lib_failed(c, "coreness");
            goto done;
        }
        store_int(c, SG_CORENESS, &iv);
    }
    if (c->want[SG_CLUSTERING]) {
        if (igraph_transitivity_local_undirected(&c->U, &v, igraph_vss_all(),
                                                 IGRAPH_TRANSITIVITY_NAN) != IGRAPH_SUCCESS) {
            rc = lib_failed(c, "clustering");
            goto done;
        }
        store(c, SG_CLUSTERING, &v);
        size_t few = 0;
        for (igraph_integer_t i = 0; i < igraph_vector_size(&v); i++)
            few += isnan(VECTOR(v)[i]) != 0;
        if (few)
            sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                        "clustering is missing for %zu node%s with fewer than two neighbours "
                        "(a triangle needs two)",
                        few, few == 1 ? "" : "s");
    }
    if (c->want[SG_CONSTRAINT]) {
        if (constraint(&c->U, &v) != IGRAPH_SUCCESS) {
            rc = lib_failed(c, "constraint");
            goto done;
        }
        store(c, SG_CONSTRAINT, &v);
    }
    if (c->want[SG_ARTICULATION]) {
        if (igraph_articulation_points(&c->U, &iv) != IGRAPH_SUCCESS) {
            rc = lib_failed(c, "articulation points");
            goto done;
        }
        set_all(c, SG_ARTICULATION, 0);
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(&iv); i++)
            c->a->values[SG_ARTICULATION][c->canon[VECTOR(iv)[i]]] = 1;
    }
done:
    igraph_vector_int_destroy(&iv);
    igraph_vector_destroy(&v);
    return rc;
}

/* Group numbers (canonical order) from the group attribute, numbered by first appearance;
 * a node without one is in the group "". Returns the number of nodes without a group. */
static size_t groups_of(context *c, igraph_integer_t *group, size_t *n_groups) {
    const char *attr = c->opts->group_by;
    const char **names = malloc((c->n ? c->n : 1) * sizeof *names);
    size_t count = 0, missing = 0;
    for (size_t i = 0; i < c->n; i++) {
        const char *v = sg_graph_attr(c->g, SG_ON_NODE, c->canon[i], attr);
        if (!v)
            v = "", missing++;
        size_t k = 0;
        while (names && k < count && strcmp(names[k], v) != 0)
            k++;
        if (names && k == count)
            names[count++] = v;
        group[i] = (igraph_integer_t)k;
    }
    free(names);
    *n_groups = count;
    return missing;
}

static int brokerage(context *c) {
    int rc = SG_OK;
    igraph_integer_t *group = malloc((c->n ? c->n : 1) * sizeof *group);
    double *buf = malloc(5 * (c->n ? c->n : 1) * sizeof *buf);
    if (!group || !buf) {
        free(group);
        free(buf);
        return SG_ENOMEM;
    }
    size_t n_groups = 0;
    size_t missing = groups_of(c, group, &n_groups);
    if (missing && missing < c->n)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "%zu node%s no '%s': for brokerage they form one group of their own",
                    missing, missing == 1 ? " has" : "s have", c->opts->group_by);
    double *out[5] = {buf, buf + c->n, buf + 2 * c->n, buf + 3 * c->n, buf + 4 * c->n};
    if (sg_brokerage(&c->G, group, out) != IGRAPH_SUCCESS) {
        rc = lib_failed(c, "brokerage");
    } else {
        for (int k = 0; k < 5; k++)
            for (size_t i = 0; i < c->n; i++)
                c->a->values[SG_BROKERAGE_COORDINATOR + k][c->canon[i]] = out[k][i];
    }
    free(group);
    free(buf);
    return rc;
}

/* Renumbers a membership vector (canonical order) from 1 in order of each community's first
 * node, which in canonical order is its smallest id. Returns the number of communities. */
static size_t renumber(igraph_vector_int_t *memb) {
    igraph_integer_t n = igraph_vector_int_size(memb);
    igraph_integer_t *map = malloc((n ? (size_t)n : 1) * sizeof *map);
    size_t next = 0;
    if (!map)
        return 0;
    for (igraph_integer_t i = 0; i < n; i++)
        map[i] = -1;
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t old = VECTOR(*memb)[i];
        if (map[old] < 0)
            map[old] = (igraph_integer_t)++next;
        VECTOR(*memb)[i] = map[old];
    }
    free(map);
    return next;
}

/* Louvain and Leiden (modularity, seeded) on the undirected view, unweighted; the optimal
 * partition on request. The `community` column follows the chosen method. */
static int communities(context *c) {
    sg_summary *s = &c->a->summary;
    igraph_vector_int_t louvain, leiden, optimal;
    igraph_vector_t degree;
    igraph_integer_t m = igraph_ecount(&c->U), clusters = 0;
    igraph_real_t quality;
    int rc = SG_OK;
    step(c, "communities", 0);
    int ok = igraph_vector_int_init(&louvain, (igraph_integer_t)c->n) == IGRAPH_SUCCESS;
    ok = igraph_vector_int_init(&leiden, (igraph_integer_t)c->n) == IGRAPH_SUCCESS && ok;
    ok = igraph_vector_int_init(&optimal, (igraph_integer_t)c->n) == IGRAPH_SUCCESS && ok;
    ok = igraph_vector_init(&degree, 0) == IGRAPH_SUCCESS && ok;
    s->louvain_modularity = s->leiden_modularity = s->modularity = NAN;
    igraph_vector_int_t *chosen = c->opts->community == SG_COMMUNITY_LEIDEN    ? &leiden
                                  : c->opts->community == SG_COMMUNITY_OPTIMAL ? &optimal
                                                                               : &louvain;
    if (!ok) {
        rc = lib_failed(c, "communities");
    } else if (c->opts->table_only && !c->want[SG_COMMUNITY]) {
        /* Only the table is wanted and it has no community column. */
    } else if (m == 0) {
        /* Without edges every node is its own community and modularity is undefined. */
        for (size_t i = 0; i < c->n; i++)
            VECTOR(*chosen)[i] = (igraph_integer_t)i;
        s->louvain_communities = s->leiden_communities = c->n;
        if (c->n > 0)
            sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                        "modularity is missing: the graph has no edges between distinct nodes, "
                        "so each node is its own community");
    } else {
        seed(c, c->opts->seed);
        if (igraph_community_multilevel(&c->U, NULL, 1, &louvain, NULL, NULL) !=
                IGRAPH_SUCCESS ||
            igraph_modularity(&c->U, &louvain, NULL, 1, 0, &s->louvain_modularity) !=
                IGRAPH_SUCCESS) {
            rc = lib_failed(c, "Louvain communities");
            goto done;
        }
        s->louvain_communities = renumber(&louvain);
        /* Leiden optimises modularity with the degrees as node weights and resolution 1/2m. */
        if (c->opts->table_only && chosen != &leiden)
            goto chosen_only;
        seed(c, c->opts->seed);
        if (igraph_strength(&c->U, &degree, igraph_vss_all(), IGRAPH_ALL, 0, NULL) !=
                IGRAPH_SUCCESS ||
            igraph_community_leiden(&c->U, NULL, &degree, 1.0 / (2.0 * (double)m), 0.01, 0, -1,
                                    &leiden, &clusters, &quality) != IGRAPH_SUCCESS ||
            igraph_modularity(&c->U, &leiden, NULL, 1, 0, &s->leiden_modularity) !=
                IGRAPH_SUCCESS) {
            rc = lib_failed(c, "Leiden communities");
            goto done;
        }
        s->leiden_communities = renumber(&leiden);
    chosen_only:
        s->modularity = chosen == &leiden ? s->leiden_modularity : s->louvain_modularity;
        if (chosen == &optimal) {
            if (c->n > 300) {
                sg_diag_add(c->diag, SG_ERROR, NULL, 0, 0,
                            "the optimal community method takes at most 300 nodes (this graph "
                            "has %zu): use louvain or leiden",
                            c->n);
                rc = SG_EINVAL;
                goto done;
            }
            if (igraph_community_optimal_modularity(&c->U, &s->modularity, &optimal, NULL) !=
                IGRAPH_SUCCESS) {
                rc = lib_failed(c, "the optimal communities");
                goto done;
            }
        }
    }
    if (rc == SG_OK && c->want[SG_COMMUNITY]) {
        renumber(chosen);
        store_int(c, SG_COMMUNITY, chosen);
    }
done:
    igraph_vector_int_destroy(&louvain);
    igraph_vector_int_destroy(&leiden);
    igraph_vector_int_destroy(&optimal);
    igraph_vector_destroy(&degree);
    return rc;
}

/* Figures of the whole graph. */
static int graph_measures(context *c) {
    sg_summary *s = &c->a->summary;
    igraph_integer_t weak = 0, strong = 0;
    igraph_real_t value = NAN, tmax;
    igraph_bool_t dag = 0;
    igraph_vector_int_t iv;
    igraph_vector_t v;
    int rc = SG_OK;
    double n = (double)c->n, m = (double)igraph_ecount(&c->G);
    int directed = sg_graph_directed(c->g);
    step(c, "the graph figures", 0);
    if (igraph_vector_int_init(&iv, 0) != IGRAPH_SUCCESS)
        return lib_failed(c, "the graph figures");
    if (igraph_vector_init(&v, 0) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&iv);
        return lib_failed(c, "the graph figures");
    }
    s->density = c->n >= 2 ? m / (directed ? n * (n - 1) : n * (n - 1) / 2) : NAN;
    s->reciprocity = s->transitivity = NAN;
    if (!c->hop_figures)
        s->diameter = s->mean_path_length = NAN;
    s->centralization_degree = s->centralization_betweenness = s->assortativity_type = NAN;
    if (igraph_connected_components(&c->G, NULL, NULL, &weak, IGRAPH_WEAK) != IGRAPH_SUCCESS ||
        igraph_connected_components(&c->G, NULL, NULL, &strong, IGRAPH_STRONG) != IGRAPH_SUCCESS)
        goto failed;
    s->weak_components = (size_t)weak;
    s->strong_components = (size_t)strong;
    if (directed && m > 0 &&
        (igraph_reciprocity(&c->G, &s->reciprocity, 1, IGRAPH_RECIPROCITY_DEFAULT) !=
             IGRAPH_SUCCESS ||
         igraph_is_dag(&c->G, &dag) != IGRAPH_SUCCESS))
        goto failed;
    s->acyclic = directed && m > 0 && dag;
    /* Diameter and mean path length are two more all-pairs searches: only for a summary. */
    if (m > 0) {
        igraph_real_t unconnected;
        /* Transitivity and bridges are summary figures too: a fifth of an XL table's time. */
        if (!c->opts->table_only &&
            (igraph_transitivity_undirected(&c->U, &s->transitivity,
                                            IGRAPH_TRANSITIVITY_NAN) != IGRAPH_SUCCESS ||
             igraph_bridges(&c->U, &iv) != IGRAPH_SUCCESS))
            goto failed;
        s->bridges = c->opts->table_only ? 0 : (size_t)igraph_vector_int_size(&iv);
        (void)unconnected;
        if (!c->opts->table_only && !c->hop_figures) {
            /* the same one search per source as closeness and harmonic (hop_distances) where
             * igraph_diameter and igraph_average_path_length would search twice */
            double *buf = malloc(2 * (c->n ? c->n : 1) * sizeof *buf);
            int hop_rc = buf ? hop_distances(c, NULL, buf, buf + c->n) : SG_ENOMEM;
            free(buf);
            if (hop_rc != SG_OK)
                goto failed;
        }
    }
    if (c->n >= 3) {
        if (igraph_centralization_degree(&c->G, &v, IGRAPH_ALL, 0, &s->centralization_degree,
                                         &tmax, 1) != IGRAPH_SUCCESS)
            goto failed;
        if (c->want[SG_BETWEENNESS] || c->want[SG_BETWEENNESS_NORM]) {
            /* Freeman: sum of (max - b_i) over the largest possible sum, from the betweenness
             * already computed rather than a second run of Brandes's algorithm. */
            double top = 0, sum = 0;
            for (size_t i = 0; i < c->n; i++)
                top = fmax(top, c->a->values[SG_BETWEENNESS][i]);
            for (size_t i = 0; i < c->n; i++)
                sum += top - c->a->values[SG_BETWEENNESS][i];
            if (igraph_centralization_betweenness_tmax(&c->G, 0, 1, &tmax) != IGRAPH_SUCCESS)
                goto failed;
            s->centralization_betweenness = tmax > 0 ? sum / tmax : NAN;
        } else if (!c->opts->table_only) {
            /* igraph_centralization_betweenness's definition (hops), from our Brandes */
            double *b = malloc(c->n * sizeof *b);
            double top = 0, sum = 0;
            if (!b || betweenness_of(c, NULL, b) != SG_OK) {
                free(b);
                goto failed;
            }
            for (size_t i = 0; i < c->n; i++)
                top = fmax(top, b[i]);
            for (size_t i = 0; i < c->n; i++)
                sum += top - b[i];
            free(b);
            if (igraph_centralization_betweenness_tmax(&c->G, 0, 1, &tmax) != IGRAPH_SUCCESS)
                goto failed;
            s->centralization_betweenness = tmax > 0 ? sum / tmax : NAN;
        }
    }
    if (m > 0) {
        size_t n_groups = 0;
        if (igraph_vector_int_resize(&iv, (igraph_integer_t)c->n) != IGRAPH_SUCCESS)
            goto failed;
        groups_of(c, VECTOR(iv), &n_groups);
        if (n_groups > 1 &&
            igraph_assortativity_nominal(&c->G, &iv, &value, directed, 1) != IGRAPH_SUCCESS)
            goto failed;
        s->assortativity_type = n_groups > 1 ? value : NAN;
    }
    if (s->weak_components > 1 && c->want[SG_CLOSENESS])
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "the graph has %zu weakly connected components: closeness is measured "
                    "within each component, so compare harmonic centrality across them",
                    s->weak_components);
    if (s->acyclic && (c->want[SG_EIGENVECTOR] || c->want[SG_PAGERANK]))
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "the graph is acyclic (flows run one way, as in a funding chain): directed "
                    "eigenvector centrality would be 0 everywhere, so eigenvector is taken on "
                    "the undirected view; PageRank follows the flow and is highest at the ends "
                    "of the chains");
    goto done;
failed:
    rc = lib_failed(c, "the graph figures");
done:
    igraph_vector_int_destroy(&iv);
    igraph_vector_destroy(&v);
    return rc;
}

/* --sample-sources: the sampled sources (canonical positions), drawn with --seed; none when
 * the sample would hold every node. */
static int choose_sample(context *c) {
    double want = c->opts->sample_sources;
    if (!(want > 0) || c->n == 0)
        return SG_OK;
    double k = want >= 1 ? floor(want) : ceil(want * (double)c->n);
    if (k >= (double)c->n)
        return SG_OK;
    c->n_sample = k < 1 ? 1 : (size_t)k;
    if (!(c->sample = malloc(c->n_sample * sizeof *c->sample)))
        return SG_ENOMEM;
    sg_paths_sample(c->n, c->n_sample, c->opts->seed, c->sample);
    c->a->summary.sampled_sources = c->n_sample;
    return SG_OK;
}

/* The note that the path measures are estimates. */
static void sample_warning(context *c) {
    /* the summary's path figures (not in the CSV table) come from the sample too */
    if (!c->sample || !(c->want[SG_BETWEENNESS] || c->want[SG_BETWEENNESS_NORM] ||
                        c->want[SG_CLOSENESS] || c->want[SG_HARMONIC] || !c->opts->table_only))
        return;
    sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                "estimates, not exact values: betweenness, closeness, harmonic, betweenness "
                "centralisation and mean path length are computed from %zu of the %zu nodes as "
                "sources, sampled with seed %lu (Brandes and Pich 2007); the diameter is the "
                "longest path seen from them",
                c->n_sample, c->n, c->opts->seed);
}

/* The policies every measure follows (design.md): a graph without nodes, relations left out,
 * self-loops, merged parallel edges (and the units, said where they are chosen); none with
 * sg_analysis_options.no_policy_warnings. The unknown weights concern the strengths alone: said
 * only when one of them is wanted (PageRank says for itself when it goes unweighted). */
static void policy_warnings(context *c) {
    const sg_summary *s = &c->a->summary;
    int policies = !c->opts->no_policy_warnings;
    if (policies && s->nodes == 0)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0, "the graph has no nodes");
    if (policies && s->edges_left_out)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "%zu edge%s of other relations left out: only %s analysed",
                    s->edges_left_out, s->edges_left_out == 1 ? "" : "s", c->opts->relations);
    if (policies && s->self_loops)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "%zu self-loop%s left out of every measure (kept in drawings and exports)",
                    s->self_loops, s->self_loops == 1 ? "" : "s");
    if (policies && s->parallel_merged)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "%zu parallel edge%s merged into an edge with the same endpoints for every "
                    "measure (%s)",
                    s->parallel_merged, s->parallel_merged == 1 ? "" : "s",
                    s->weighted ? "known weights summed, so strength is unchanged"
                                : "no edge has a weight, so each merged edge counts 1 and "
                                  "strength equals degree");
    if (s->unknown_weights &&
        (c->want[SG_IN_STRENGTH] || c->want[SG_OUT_STRENGTH] || c->want[SG_STRENGTH]))
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "%zu of %zu edges have no weight (an unknown amount): strengths sum the "
                    "known weights only",
                    s->unknown_weights, s->edges);
}

/* Isolated nodes: one warning for every measure they leave undefined, given when one of those
 * measures (closeness, constraint) is wanted. */
static void isolated_warning(context *c) {
    size_t isolated = 0;
    if (!c->want[SG_CLOSENESS] && !c->want[SG_CONSTRAINT])
        return;
    for (size_t i = 0; i < c->n; i++)
        isolated += c->a->values[SG_DEGREE][i] == 0;
    if (isolated && c->n > 1)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "%zu node%s no link to another node: closeness and constraint are missing "
                    "there (harmonic is 0; use it to compare across the graph)",
                    isolated, isolated == 1 ? " has" : "s have");
}

int sg_analyse(const sg_graph *g, const sg_analysis_options *opts, sg_analysis **out,
               sg_diag *diag) {
    *out = NULL;
    sg_analysis_options o = opts ? *opts : (sg_analysis_options){0};
    if (o.damping == 0)
        o.damping = 0.85;
    if (!o.group_by || !*o.group_by)
        o.group_by = "type";
    o.weight_attr = weight_attribute(g, &o);
    if (!(o.damping > 0 && o.damping < 1)) {
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "PageRank damping must be in (0, 1), not %g",
                    o.damping);
        return SG_EINVAL;
    }
    context c = {.g = g, .diag = diag, .opts = &o, .n = sg_graph_node_count(g)};
    work_edge *edges = NULL;
    size_t k = 0;
    igraph_error_handler_t *old_error = igraph_set_error_handler(on_igraph_error);
    igraph_warning_handler_t *old_warning = igraph_set_warning_handler(on_igraph_warning);
    igraph_warnings_to = diag;
    /* igraph's random generator drives ARPACK's start vector and the community methods: our
     * own, seeded for each use, gives the same bits on every call and leaves the caller's
     * default generator as it was. */
    igraph_rng_t old_rng = *igraph_rng_default(); /* set_default copies: keep the struct */
    int have_rng = igraph_rng_init(&c.rng, &igraph_rngtype_pcg32) == IGRAPH_SUCCESS;
    if (have_rng)
        igraph_rng_set_default(&c.rng);
#if SG_HAVE_OPENMP
    omp_set_num_threads(1); /* PRPACK's threads slow it down when the other core is busy */
#endif
    igraph_progress_handler_t *old_progress = NULL;
    if (o.progress) {
        progress_context = &c;
        old_progress = igraph_set_progress_handler(on_igraph_progress);
    }
    c.threads = o.threads > 0 ? o.threads : sg_paths_cpus();
    int rc = SG_ENOMEM;
    c.a = calloc(1, sizeof *c.a);
    c.canon = malloc((c.n ? c.n : 1) * sizeof *c.canon);
    if (!c.a || !c.canon || !have_rng)
        goto done;
    c.a->n = c.n;
    c.a->settings = o;
    c.a->settings.progress = NULL; /* the caller's callback is for this call only */
    c.a->settings.progress_data = NULL;
    {
        const char **texts[4] = {&c.a->settings.weight_attr, &c.a->settings.group_by,
                                 &c.a->settings.relations, &c.a->settings.measures};
        for (size_t t = 0; t < 4; t++) {
            if (*texts[t] && !(c.a->setting_text[t] = sg_strdup(*texts[t])))
                goto done;
            *texts[t] = c.a->setting_text[t];
        }
    }
    for (int i = 0; i < SG_MEASURE_COUNT; i++) {
        if (!(c.a->values[i] = malloc((c.n ? c.n : 1) * sizeof(double))))
            goto done;
    }
    c.a->summary.nodes = c.n;
    if ((rc = count_relations(g, c.a)) != SG_OK || (rc = check_lists(&c)) != SG_OK)
        goto done;
    /* Only the measures asked for are filled (NaN = missing): the others' pages are never
     * touched, 8 bytes a node each less (issue 10), and sg_analysis_value() gives NaN. */
    for (int i = 0; i < SG_MEASURE_COUNT; i++) {
        c.a->computed[i] = c.want[i];
        for (size_t j = 0; c.want[i] && j < c.n; j++)
            c.a->values[i][j] = NAN;
    }
    for (size_t i = 0; i < c.n; i++)
        c.canon[i] = i;
    sort_graph = g;
    qsort(c.canon, c.n, sizeof *c.canon, by_node_id);
    if ((rc = choose_sample(&c)) != SG_OK || (rc = build_edges(&c, &edges, &k)) != SG_OK)
        goto done;
    policy_warnings(&c);
    sample_warning(&c);
    rc = build_graphs(&c, &edges, k); /* frees the edges: G and U hold them now */
    if (rc != SG_OK || (rc = degrees_and_strengths(&c)) != SG_OK)
        goto done;
    isolated_warning(&c);
    if ((rc = path_measures(&c)) != SG_OK || (rc = spectral_measures(&c)) != SG_OK ||
        (rc = local_structure(&c)) != SG_OK || (rc = graph_measures(&c)) != SG_OK ||
        (rc = communities(&c)) != SG_OK)
        goto done;
    int want_brokerage = 0;
    for (int r = SG_BROKERAGE_COORDINATOR; r <= SG_BROKERAGE_LIAISON; r++)
        want_brokerage |= c.want[r];
    if (want_brokerage)
        step(&c, "brokerage", 0);
    if (want_brokerage && (rc = brokerage(&c)) != SG_OK)
        goto done;
    rc = SG_OK;
done:
    if (c.have_U)
        igraph_destroy(&c.U);
    if (c.have_G)
        igraph_destroy(&c.G);
    if (c.have_w) {
        igraph_vector_destroy(&c.weights);
        igraph_vector_int_destroy(&c.known);
        igraph_vector_destroy(&c.distances);
        igraph_vector_destroy(&c.udistances);
    }
    free(edges);
    free(c.canon);
    free(c.sample);
    if (o.progress) {
        igraph_set_progress_handler(old_progress);
        progress_context = NULL;
    }
    if (have_rng) {
        igraph_rng_set_default(&old_rng);
        igraph_rng_destroy(&c.rng);
    }
    igraph_set_error_handler(old_error);
    igraph_set_warning_handler(old_warning);
    igraph_warnings_to = NULL;
    if (rc != SG_OK) {
        sg_analysis_free(c.a);
        c.a = NULL;
    }
    *out = c.a;
    return rc;
}
