/*
 * The analysis: design.md's policies applied once (self-loops out, parallel edges merged,
 * weights as amounts, canonical order), then igraph behind this one bridge. No igraph object
 * outlives a call to sg_analyse().
 */
#include "sg_config.h"
#include "stakegraph.h"
#include "util/strbuf.h"

#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#if SG_HAVE_OPENMP
#include <omp.h>
#endif

static const char *const measure_names[SG_MEASURE_COUNT] = {
    "in_degree",   "out_degree", "degree",   "in_strength", "out_strength",
    "strength",    "betweenness", "closeness", "harmonic",   "eigenvector",
    "pagerank",    "hub",        "authority", "coreness",
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
    free(a);
}

size_t sg_analysis_node_count(const sg_analysis *a) {
    return a->n;
}

double sg_analysis_value(const sg_analysis *a, sg_measure m, size_t node) {
    if ((int)m < 0 || m >= SG_MEASURE_COUNT || node >= a->n)
        return NAN;
    return a->values[m][node];
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

typedef struct {
    igraph_integer_t from, to; /* canonical node indices; undirected: from <= to */
    const char *relation;
    size_t input;
    double weight; /* known weight, 0 when unknown */
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
    int c = strcmp(x->relation, y->relation);
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
    size_t n;
    size_t *canon;    /* canonical position -> input index */
    igraph_t G;       /* merged simple graph, input direction, canonical order */
    igraph_t U;       /* undirected view of G */
    int have_G, have_U;
    igraph_vector_t weights; /* merged weights of G's edges */
    igraph_vector_int_t known; /* 1 when every edge merged into it had a known weight */
    int have_w;
} context;

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

/* Reads and checks the weights, builds the merged edge list in canonical order. */
static int build_edges(context *c, const sg_analysis_options *opts, work_edge **out,
                       size_t *n_out) {
    const sg_graph *g = c->g;
    size_t m = sg_graph_edge_count(g);
    size_t *position = malloc((c->n ? c->n : 1) * sizeof *position);
    work_edge *w = malloc((m ? m : 1) * sizeof *w);
    if (!position || !w) {
        free(position);
        free(w);
        return SG_ENOMEM;
    }
    for (size_t i = 0; i < c->n; i++)
        position[c->canon[i]] = i;
    const char *wattr = weight_attribute(g, opts);
    int directed = sg_graph_directed(g), bad = 0;
    size_t k = 0;
    sg_summary *s = &c->a->summary;
    for (size_t e = 0; e < m; e++) {
        size_t src = sg_graph_edge_source(g, e), tgt = sg_graph_edge_target(g, e);
        const char *text = sg_graph_attr(g, SG_ON_EDGE, e, wattr);
        double value = 0;
        int known = 0;
        if (text && *text) {
            if (sg_parse_number(text, &value) != 0 || value < 0) {
                sg_diag_add(c->diag, SG_ERROR, NULL, 0, 0,
                            "edge %s -> %s: %s '%s' is %s (weights are amounts: a number of 0 "
                            "or more; leave it empty when unknown)",
                            sg_graph_node_id(g, src), sg_graph_node_id(g, tgt), wattr, text,
                            sg_parse_number(text, &value) == 0 ? "negative" : "not a number");
                bad++;
                continue;
            }
            known = 1;
            s->weighted_edges++;
        }
        if (src == tgt) {
            s->self_loops++;
            continue;
        }
        igraph_integer_t a = (igraph_integer_t)position[src], b = (igraph_integer_t)position[tgt];
        if (!directed && a > b) {
            igraph_integer_t t = a;
            a = b;
            b = t;
        }
        w[k++] = (work_edge){a, b, sg_graph_edge_relation(g, e), e, value, known};
    }
    free(position);
    if (bad) {
        free(w);
        return SG_EINVAL;
    }
    s->weighted = s->weighted_edges > 0;
    s->unknown_weights = s->weighted ? m - s->weighted_edges : 0;
    qsort(w, k, sizeof *w, by_endpoints);
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

static int build_graphs(context *c, const work_edge *w, size_t k) {
    int directed = sg_graph_directed(c->g);
    igraph_vector_int_t ends;
    if (igraph_vector_int_init(&ends, (igraph_integer_t)(2 * k)) != IGRAPH_SUCCESS)
        return lib_failed(c, "the graph");
    if (igraph_vector_init(&c->weights, (igraph_integer_t)k) != IGRAPH_SUCCESS ||
        igraph_vector_int_init(&c->known, (igraph_integer_t)k) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&ends);
        return lib_failed(c, "the graph");
    }
    c->have_w = 1;
    int weighted = c->a->summary.weighted;
    for (size_t i = 0; i < k; i++) {
        VECTOR(ends)[2 * i] = w[i].from;
        VECTOR(ends)[2 * i + 1] = w[i].to;
        VECTOR(c->weights)[i] = weighted ? w[i].weight : 1.0;
        VECTOR(c->known)[i] = weighted ? w[i].known : 1;
    }
    int rc = SG_OK;
    if (igraph_create(&c->G, &ends, (igraph_integer_t)c->n, directed) != IGRAPH_SUCCESS) {
        rc = lib_failed(c, "the graph");
    } else {
        c->have_G = 1;
        /* The undirected view joins a reciprocal pair into one tie. */
        if (igraph_copy(&c->U, &c->G) != IGRAPH_SUCCESS) {
            rc = lib_failed(c, "the undirected view");
        } else {
            c->have_U = 1;
            if (directed && (igraph_to_undirected(&c->U, IGRAPH_TO_UNDIRECTED_COLLAPSE, NULL) !=
                             IGRAPH_SUCCESS))
                rc = lib_failed(c, "the undirected view");
        }
    }
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

static int path_measures(context *c) {
    igraph_vector_t v;
    igraph_vector_int_t reach;
    igraph_bool_t all_reachable = 1;
    int rc = SG_OK;
    if (igraph_vector_init(&v, 0) != IGRAPH_SUCCESS)
        return lib_failed(c, "betweenness");
    if (igraph_vector_int_init(&reach, 0) != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&v);
        return lib_failed(c, "closeness");
    }
    if (igraph_betweenness(&c->G, &v, igraph_vss_all(), 1, NULL) != IGRAPH_SUCCESS) {
        rc = lib_failed(c, "betweenness");
        goto done;
    }
    store(c, SG_BETWEENNESS, &v);
    if (igraph_closeness(&c->U, &v, &reach, &all_reachable, igraph_vss_all(), IGRAPH_ALL, NULL,
                         1) != IGRAPH_SUCCESS) {
        rc = lib_failed(c, "closeness");
        goto done;
    }
    size_t isolated = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (VECTOR(reach)[i] == 0) {
            VECTOR(v)[i] = NAN; /* reaches nobody: undefined, never 0 */
            isolated++;
        }
    }
    store(c, SG_CLOSENESS, &v);
    if (isolated)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "closeness is missing for %zu node%s that reach%s no other node; use "
                    "harmonic, which is 0 there",
                    isolated, isolated == 1 ? "" : "s", isolated == 1 ? "es" : "");
    if (igraph_harmonic_centrality(&c->U, &v, igraph_vss_all(), IGRAPH_ALL, NULL, 1) !=
        IGRAPH_SUCCESS) {
        rc = lib_failed(c, "harmonic centrality");
        goto done;
    }
    store(c, SG_HARMONIC, &v);
    if (c->n == 1) {
        set_all(c, SG_HARMONIC, NAN);
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "harmonic centrality is missing: a single node has no other node to reach");
    }
done:
    igraph_vector_destroy(&v);
    igraph_vector_int_destroy(&reach);
    return rc;
}

/* Entries below this are rounding noise of an eigenvector solver: they are exact zeros. */
#define SG_EIGEN_ZERO 1e-10

/* One run of Kleinberg's iteration (1999): authority a = A^T h, hub h = A a, each scaled so
 * that its largest entry is 1, from the start vector `h`, until no entry moves by more than
 * 1e-13. Returns the number of iterations, or -1 when it did not settle. */
static long hits_iterate(const igraph_t *G, igraph_integer_t n, double *h, double *a) {
    igraph_integer_t m = igraph_ecount(G);
    int undirected = !igraph_is_directed(G);
    for (long it = 1; it <= 100000; it++) {
        double delta = 0, top = 0;
        for (igraph_integer_t i = 0; i < n; i++)
            a[i] = 0;
        for (igraph_integer_t e = 0; e < m; e++) {
            igraph_integer_t from = IGRAPH_FROM(G, e), to = IGRAPH_TO(G, e);
            a[to] += h[from];
            if (undirected)
                a[from] += h[to];
        }
        for (igraph_integer_t i = 0; i < n; i++)
            top = a[i] > top ? a[i] : top;
        for (igraph_integer_t i = 0; top > 0 && i < n; i++)
            a[i] /= top;
        double *next = a + n; /* scratch: the new hub vector */
        for (igraph_integer_t i = 0; i < n; i++)
            next[i] = 0;
        for (igraph_integer_t e = 0; e < m; e++) {
            igraph_integer_t from = IGRAPH_FROM(G, e), to = IGRAPH_TO(G, e);
            next[from] += a[to];
            if (undirected)
                next[to] += a[from];
        }
        top = 0;
        for (igraph_integer_t i = 0; i < n; i++)
            top = next[i] > top ? next[i] : top;
        for (igraph_integer_t i = 0; i < n; i++) {
            double v = top > 0 ? next[i] / top : 0;
            delta = fabs(v - h[i]) > delta ? fabs(v - h[i]) : delta;
            h[i] = v;
        }
        if (delta < 1e-13)
            return it;
    }
    return -1;
}

/*
 * Hub and authority scores (Kleinberg 1999) by his own iteration from the all-ones vector,
 * rather than igraph's ARPACK call: where the leading eigenvalue of A^T A is repeated, ARPACK
 * restarts from a random vector and gives other scores on every call. Run a second time from
 * another start vector, the iteration tells whether the scores are unique; when they are not,
 * a warning says so and the all-ones start (Kleinberg's) decides.
 */
static int hits(context *c) {
    igraph_integer_t n = (igraph_integer_t)c->n;
    double *buf = malloc(6 * (size_t)n * sizeof *buf);
    if (!buf)
        return SG_ENOMEM;
    double *h1 = buf, *a1 = buf + n, *h2 = buf + 3 * n, *a2 = buf + 4 * n;
    for (igraph_integer_t i = 0; i < n; i++) {
        h1[i] = 1;
        h2[i] = 1 + (double)((i * 7919) % 97) / 97; /* any other positive start */
    }
    long it1 = hits_iterate(&c->G, n, h1, a1);
    long it2 = hits_iterate(&c->G, n, h2, a2);
    double diff = 0;
    for (igraph_integer_t i = 0; i < n; i++) {
        diff = fmax(diff, fmax(fabs(h1[i] - h2[i]), fabs(a1[i] - a2[i])));
        if (h1[i] < SG_EIGEN_ZERO)
            h1[i] = 0;
        if (a1[i] < SG_EIGEN_ZERO)
            a1[i] = 0;
        c->a->values[SG_HUB][c->canon[i]] = h1[i];
        c->a->values[SG_AUTHORITY][c->canon[i]] = a1[i];
    }
    if (it1 < 0)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "hub and authority scores did not settle after 100000 iterations: treat "
                    "them as approximate");
    else if (diff > 1e-6 || it2 < 0)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "hub and authority scores are not unique on this graph (the leading "
                    "eigenvalue is repeated, as in a graph of separate or symmetric parts): "
                    "the scores shown start from equal scores for all (Kleinberg 1999); "
                    "compare in_degree and out_degree instead");
    free(buf);
    return SG_OK;
}

static int spectral_measures(context *c, double damping) {
    igraph_vector_t v;
    igraph_real_t value;
    int rc = SG_OK;
    igraph_integer_t m = igraph_ecount(&c->G);
    if (igraph_vector_init(&v, 0) != IGRAPH_SUCCESS)
        return lib_failed(c, "eigenvector centrality");
    if (m == 0) {
        set_all(c, SG_EIGENVECTOR, NAN);
        set_all(c, SG_HUB, NAN);
        set_all(c, SG_AUTHORITY, NAN);
        if (c->n > 0)
            sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                        "eigenvector, hub and authority scores are missing: the graph has no "
                        "edges between distinct nodes; use degree instead");
    } else {
        if (igraph_eigenvector_centrality(&c->U, &v, &value, 0, 1, NULL, NULL) !=
            IGRAPH_SUCCESS) {
            rc = lib_failed(c, "eigenvector centrality");
            goto done;
        }
        for (igraph_integer_t i = 0; i < igraph_vector_size(&v); i++)
            if (fabs(VECTOR(v)[i]) < SG_EIGEN_ZERO)
                VECTOR(v)[i] = 0;
        store(c, SG_EIGENVECTOR, &v);
        if ((rc = hits(c)) != SG_OK)
            goto done;
    }
    if (c->n > 0) {
        const sg_summary *s = &c->a->summary;
        int all_known = s->weighted && igraph_vector_int_sum(&c->known) == m;
        double total = all_known ? igraph_vector_sum(&c->weights) : 0;
        c->a->summary.pagerank_weighted = all_known && total > 0;
        if (s->weighted && !c->a->summary.pagerank_weighted)
            sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                        "PageRank is unweighted: %s",
                        all_known ? "every weight is 0"
                                  : "not every edge has a known weight");
        if (igraph_pagerank(&c->G, IGRAPH_PAGERANK_ALGO_PRPACK, &v, &value, igraph_vss_all(), 1,
                            damping, c->a->summary.pagerank_weighted ? &c->weights : NULL,
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

static int structure(context *c) {
    igraph_vector_int_t core;
    igraph_integer_t comps = 0;
    igraph_real_t recip = NAN;
    sg_summary *s = &c->a->summary;
    if (igraph_vector_int_init(&core, 0) != IGRAPH_SUCCESS)
        return lib_failed(c, "coreness");
    int rc = SG_OK;
    if (igraph_coreness(&c->U, &core, IGRAPH_ALL) != IGRAPH_SUCCESS ||
        igraph_connected_components(&c->G, NULL, NULL, &comps, IGRAPH_WEAK) != IGRAPH_SUCCESS) {
        rc = lib_failed(c, "coreness and components");
    } else {
        store_int(c, SG_CORENESS, &core);
        s->weak_components = (size_t)comps;
        double n = (double)c->n, m = (double)igraph_ecount(&c->G);
        double possible = sg_graph_directed(c->g) ? n * (n - 1) : n * (n - 1) / 2;
        s->density = c->n >= 2 ? m / possible : NAN;
        if (sg_graph_directed(c->g) && m > 0 &&
            igraph_reciprocity(&c->G, &recip, 1, IGRAPH_RECIPROCITY_DEFAULT) != IGRAPH_SUCCESS)
            rc = lib_failed(c, "reciprocity");
        s->reciprocity = sg_graph_directed(c->g) && m > 0 ? recip : NAN;
        if (comps > 1)
            sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                        "the graph has %zu weakly connected components: closeness is measured "
                        "within each component, so compare harmonic centrality across them",
                        (size_t)comps);
    }
    igraph_vector_int_destroy(&core);
    return rc;
}

static void policy_warnings(context *c) {
    const sg_summary *s = &c->a->summary;
    if (s->nodes == 0)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0, "the graph has no nodes");
    if (s->self_loops)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "%zu self-loop%s left out of every measure (kept in drawings and exports)",
                    s->self_loops, s->self_loops == 1 ? "" : "s");
    if (s->parallel_merged)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "%zu parallel edge%s merged into an edge with the same endpoints for every "
                    "measure (known weights summed, so strength is unchanged)",
                    s->parallel_merged, s->parallel_merged == 1 ? "" : "s");
    if (s->unknown_weights)
        sg_diag_add(c->diag, SG_WARNING, NULL, 0, 0,
                    "%zu of %zu edges have no weight (an unknown amount): strengths sum the "
                    "known weights only",
                    s->unknown_weights, s->edges);
}

int sg_analyse(const sg_graph *g, const sg_analysis_options *opts, sg_analysis **out,
               sg_diag *diag) {
    *out = NULL;
    context c = {.g = g, .diag = diag, .n = sg_graph_node_count(g)};
    work_edge *edges = NULL;
    size_t k = 0;
    double damping = opts && opts->damping > 0 ? opts->damping : 0.85;
    if (damping >= 1) {
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "PageRank damping must be in (0, 1), not %g",
                    damping);
        return SG_EINVAL;
    }
    igraph_error_handler_t *old_error = igraph_set_error_handler(on_igraph_error);
    igraph_warning_handler_t *old_warning = igraph_set_warning_handler(on_igraph_warning);
    igraph_warnings_to = diag;
    /* igraph perturbs ARPACK's start vector with its random generator (eigenvector): our own
     * generator with a fixed seed gives the same bits on every call, and leaves the caller's
     * default generator as it was. */
    igraph_rng_t rng;
    igraph_rng_t *old_rng = igraph_rng_default();
    int have_rng = igraph_rng_init(&rng, &igraph_rngtype_pcg32) == IGRAPH_SUCCESS;
    if (have_rng) {
        igraph_rng_seed(&rng, 1);
        igraph_rng_set_default(&rng);
    }
#if SG_HAVE_OPENMP
    omp_set_num_threads(1); /* PRPACK's threads slow it down when the other core is busy */
#endif
    int rc = SG_ENOMEM;
    c.a = calloc(1, sizeof *c.a);
    c.canon = malloc((c.n ? c.n : 1) * sizeof *c.canon);
    if (!c.a || !c.canon)
        goto done;
    c.a->n = c.n;
    for (int i = 0; i < SG_MEASURE_COUNT; i++)
        if (!(c.a->values[i] = malloc((c.n ? c.n : 1) * sizeof(double))))
            goto done;
    c.a->summary.nodes = c.n;
    c.a->summary.edges = sg_graph_edge_count(g);
    if ((rc = count_relations(g, c.a)) != SG_OK)
        goto done;
    for (size_t i = 0; i < c.n; i++)
        c.canon[i] = i;
    sort_graph = g;
    qsort(c.canon, c.n, sizeof *c.canon, by_node_id);
    if ((rc = build_edges(&c, opts, &edges, &k)) != SG_OK)
        goto done;
    policy_warnings(&c);
    if ((rc = build_graphs(&c, edges, k)) != SG_OK)
        goto done;
    if ((rc = degrees_and_strengths(&c)) != SG_OK || (rc = path_measures(&c)) != SG_OK ||
        (rc = spectral_measures(&c, damping)) != SG_OK || (rc = structure(&c)) != SG_OK)
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
    }
    free(edges);
    free(c.canon);
    if (have_rng) {
        igraph_rng_set_default(old_rng);
        igraph_rng_destroy(&rng);
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
