/* The path measures' searches on threads: Brandes's betweenness (2001), breadth-first searches
 * for closeness and harmonic centrality, and the seeded sample of sources (Brandes and Pich
 * 2007). Our own code because igraph 0.10.2 as Debian builds it is not thread-safe; measured in
 * bench/ (README, "Where stakegraph's time goes"). No igraph call happens here. */
#include "analyse/paths.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Sources are split into this many blocks (source i goes to block i mod SG_BLOCKS); each block
 * adds its sources in increasing order into its own sums, and the blocks are added in order: the
 * result is the same bits whatever the number of threads. */
#define SG_BLOCKS 16
#define SG_MAX_THREADS 64

int sg_paths_cpus(void) {
    long k = sysconf(_SC_NPROCESSORS_ONLN);
    return k < 1 ? 1 : k > SG_MAX_THREADS ? SG_MAX_THREADS : (int)k;
}

/* Runs fn(arg) on `threads` threads, this one among them; fewer when threads cannot start
 * (the results do not depend on how many run). */
static void run_threads(int threads, void *(*fn)(void *), void *arg) {
    pthread_t t[SG_MAX_THREADS];
    int started = 0;
    if (threads > SG_MAX_THREADS)
        threads = SG_MAX_THREADS;
    for (int i = 1; i < threads; i++)
        if (pthread_create(&t[started], NULL, fn, arg) == 0)
            started++;
    fn(arg);
    for (int i = 0; i < started; i++)
        pthread_join(t[i], NULL);
}

/* What every worker shares: the next block to take, the progress, a failure. */
typedef struct {
    pthread_mutex_t lock;
    size_t next_block, n_blocks;
    size_t done, total;
    int failed;
    sg_paths_progress *progress;
    void *progress_data;
} shared;

static void shared_init(shared *sh, size_t n_blocks, size_t total, sg_paths_progress *progress,
                        void *data) {
    pthread_mutex_init(&sh->lock, NULL);
    sh->next_block = 0;
    sh->n_blocks = n_blocks;
    sh->done = 0;
    sh->total = total;
    sh->failed = 0;
    sh->progress = progress;
    sh->progress_data = data;
}

/* The next block to work on, or (size_t)-1 when none is left or a worker failed. */
static size_t take_block(shared *sh) {
    pthread_mutex_lock(&sh->lock);
    size_t b = sh->failed || sh->next_block >= sh->n_blocks ? (size_t)-1 : sh->next_block++;
    pthread_mutex_unlock(&sh->lock);
    return b;
}

static void fail(shared *sh) {
    pthread_mutex_lock(&sh->lock);
    sh->failed = 1;
    pthread_mutex_unlock(&sh->lock);
}

/* One more source searched: tells the progress callback every 1/200 of the way. */
static void tick(shared *sh) {
    if (!sh->progress)
        return;
    pthread_mutex_lock(&sh->lock);
    sh->done++;
    if (sh->done == sh->total || sh->done % (sh->total / 200 + 1) == 0)
        sh->progress(sh->done, sh->total, sh->progress_data);
    pthread_mutex_unlock(&sh->lock);
}

/* ---- betweenness ------------------------------------------------------------------------ */

/* igraph_cmp_epsilon(a, b, 1e-10) == 0 for two positive path lengths: equal within the relative
 * tolerance igraph uses for equal shortest paths (IGRAPH_SHORTEST_PATH_EPSILON). */
static int same_length(double a, double b) {
    if (a == b)
        return 1;
    double sum = fabs(a) + fabs(b);
    if (a == 0 || b == 0 || !isfinite(sum))
        return 0;
    return fabs(a - b) / sum < 1e-10;
}

/* 1 when a is shorter than b beyond that tolerance. */
static int shorter(double a, double b) {
    return a < b && !same_length(a, b);
}

typedef struct {
    shared sh;
    const sg_csr *g;
    int directed;
    const int64_t *sources;
    size_t n_sources;
    double *sums; /* n_blocks x n */
} betweenness_job;

typedef struct {
    int64_t *order; /* visit order (the BFS queue; the settle order of Dijkstra) */
    int64_t *hops;  /* BFS distance, -1: not reached */
    double *len;    /* Dijkstra distance */
    int64_t *rank;  /* Dijkstra: position in `order` once settled, -1 before; heap position */
    int64_t *heap, *where;
    double *sigma, *delta;
} scratch;

static void scratch_free(scratch *s) {
    free(s->order), free(s->hops), free(s->len), free(s->rank), free(s->heap), free(s->where);
    free(s->sigma), free(s->delta);
}

static int scratch_init(scratch *s, size_t n, int weighted) {
    size_t k = n ? n : 1;
    memset(s, 0, sizeof *s);
    s->order = malloc(k * sizeof *s->order);
    s->sigma = calloc(k, sizeof *s->sigma);
    s->delta = calloc(k, sizeof *s->delta);
    if (weighted) {
        s->len = malloc(k * sizeof *s->len);
        s->rank = malloc(k * sizeof *s->rank);
        s->heap = malloc(k * sizeof *s->heap);
        s->where = malloc(k * sizeof *s->where);
    } else {
        s->hops = malloc(k * sizeof *s->hops);
    }
    if (!s->order || !s->sigma || !s->delta ||
        (weighted ? !s->len || !s->rank || !s->heap || !s->where : !s->hops)) {
        scratch_free(s);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (weighted)
            s->len[i] = -1, s->rank[i] = -1, s->where[i] = -1;
        else
            s->hops[i] = -1;
    }
    return 0;
}

/* Brandes's accumulation for one source by hop count. */
static void brandes_hops(const sg_csr *g, int64_t s, scratch *x, double *sum) {
    int64_t *order = x->order, *hops = x->hops;
    double *sigma = x->sigma, *delta = x->delta;
    size_t head = 0, tail = 0;
    hops[s] = 0;
    sigma[s] = 1;
    order[tail++] = s;
    while (head < tail) {
        int64_t v = order[head++], next = hops[v] + 1;
        double sv = sigma[v];
        for (int64_t k = g->out_start[v]; k < g->out_start[v + 1]; k++) {
            int64_t w = g->out_adj[k];
            if (hops[w] < 0) {
                hops[w] = next;
                order[tail++] = w;
            }
            if (hops[w] == next)
                sigma[w] += sv;
        }
    }
    for (size_t i = tail; i-- > 1;) { /* order[0] is s: it has no predecessor */
        int64_t w = order[i], before = hops[w] - 1;
        double coeff = (1 + delta[w]) / sigma[w];
        for (int64_t k = g->in_start[w]; k < g->in_start[w + 1]; k++) {
            int64_t v = g->in_adj[k];
            if (hops[v] == before)
                delta[v] += sigma[v] * coeff;
        }
        sum[w] += delta[w];
    }
    for (size_t i = 0; i < tail; i++) {
        int64_t w = order[i];
        hops[w] = -1;
        sigma[w] = delta[w] = 0;
    }
}

/* The binary min-heap of Dijkstra's search, by x->len; where[v] is v's slot. */
static void heap_up(scratch *x, size_t i) {
    int64_t v = x->heap[i];
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!(x->len[x->heap[p]] > x->len[v]))
            break;
        x->heap[i] = x->heap[p];
        x->where[x->heap[i]] = (int64_t)i;
        i = p;
    }
    x->heap[i] = v;
    x->where[v] = (int64_t)i;
}

static int64_t heap_pop(scratch *x, size_t *size) {
    int64_t top = x->heap[0], v = x->heap[--*size];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= *size)
            break;
        if (c + 1 < *size && x->len[x->heap[c + 1]] < x->len[x->heap[c]])
            c++;
        if (!(x->len[x->heap[c]] < x->len[v]))
            break;
        x->heap[i] = x->heap[c];
        x->where[x->heap[i]] = (int64_t)i;
        i = c;
    }
    if (*size > 0) {
        x->heap[i] = v;
        x->where[v] = (int64_t)i;
    }
    x->where[top] = -1;
    return top;
}

/* Dijkstra's search from s along the out-arcs and their lengths: settles every node that s
 * reaches into x->order[0 .. return value), nearest first, with its distance in x->len and its
 * place in x->order in x->rank (the caller resets both to -1 for those nodes). */
static size_t dijkstra(const sg_csr *g, int64_t s, scratch *x) {
    double *len = x->len;
    size_t tail = 0, size = 0;
    len[s] = 0;
    x->heap[size++] = s;
    x->where[s] = 0;
    while (size > 0) {
        int64_t v = heap_pop(x, &size);
        x->rank[v] = (int64_t)tail;
        x->order[tail++] = v;
        for (int64_t k = g->out_start[v]; k < g->out_start[v + 1]; k++) {
            int64_t w = g->out_adj[k];
            double alt = len[v] + g->out_len[k];
            if (len[w] < 0) {
                len[w] = alt;
                x->heap[size] = w;
                heap_up(x, size++);
            } else if (x->where[w] >= 0 && shorter(alt, len[w])) {
                len[w] = alt;
                heap_up(x, (size_t)x->where[w]);
            }
        }
    }
    return tail;
}

/* Brandes's accumulation for one source with arc lengths (Dijkstra). A predecessor u of w is a
 * node settled before w with len[u] + arc = len[w] within igraph's tolerance. */
static void brandes_lengths(const sg_csr *g, int64_t s, scratch *x, double *sum) {
    double *len = x->len, *sigma = x->sigma, *delta = x->delta;
    int64_t *order = x->order, *rank = x->rank;
    size_t tail = dijkstra(g, s, x);
    sigma[s] = 1;
    for (size_t i = 1; i < tail; i++) { /* paths counted in settle order */
        int64_t v = order[i];
        for (int64_t k = g->in_start[v]; k < g->in_start[v + 1]; k++) {
            int64_t u = g->in_adj[k];
            if (rank[u] >= 0 && rank[u] < rank[v] && same_length(len[u] + g->in_len[k], len[v]))
                sigma[v] += sigma[u];
        }
    }
    for (size_t i = tail; i-- > 1;) {
        int64_t w = order[i];
        double coeff = (1 + delta[w]) / sigma[w];
        for (int64_t k = g->in_start[w]; k < g->in_start[w + 1]; k++) {
            int64_t u = g->in_adj[k];
            if (rank[u] >= 0 && rank[u] < rank[w] && same_length(len[u] + g->in_len[k], len[w]))
                delta[u] += sigma[u] * coeff;
        }
        sum[w] += delta[w];
    }
    for (size_t i = 0; i < tail; i++) {
        int64_t w = order[i];
        len[w] = -1;
        rank[w] = -1;
        sigma[w] = delta[w] = 0;
    }
}

static void *betweenness_worker(void *arg) {
    betweenness_job *j = arg;
    size_t n = j->g->n;
    int weighted = j->g->out_len != NULL;
    scratch x;
    if (scratch_init(&x, n, weighted) != 0) {
        fail(&j->sh);
        return NULL;
    }
    for (size_t b; (b = take_block(&j->sh)) != (size_t)-1;) {
        double *sum = j->sums + b * n;
        for (size_t i = b; i < j->n_sources; i += j->sh.n_blocks) {
            int64_t s = j->sources ? j->sources[i] : (int64_t)i;
            if (weighted)
                brandes_lengths(j->g, s, &x, sum);
            else
                brandes_hops(j->g, s, &x, sum);
            tick(&j->sh);
        }
    }
    scratch_free(&x);
    return NULL;
}

int sg_paths_betweenness(const sg_csr *g, int directed, const int64_t *sources,
                         size_t n_sources, int threads, double *out, sg_paths_progress *progress,
                         void *progress_data) {
    size_t n = g->n;
    size_t blocks = n_sources < SG_BLOCKS ? (n_sources ? n_sources : 1) : SG_BLOCKS;
    betweenness_job j = {.g = g, .directed = directed, .sources = sources,
                         .n_sources = n_sources};
    j.sums = calloc(blocks * (n ? n : 1), sizeof *j.sums);
    if (!j.sums)
        return -1;
    shared_init(&j.sh, blocks, n_sources, progress, progress_data);
    run_threads(threads < (int)blocks ? threads : (int)blocks, betweenness_worker, &j);
    pthread_mutex_destroy(&j.sh.lock);
    int rc = j.sh.failed ? -1 : 0;
    for (size_t v = 0; v < n; v++) {
        double total = 0;
        for (size_t b = 0; b < blocks; b++)
            total += j.sums[b * n + v];
        out[v] = directed ? total : total / 2;
    }
    free(j.sums);
    return rc;
}

/* ---- closeness and harmonic: breadth-first searches, or Dijkstra's with lengths ----------- */

typedef struct {
    shared sh;
    const sg_csr *u;
    const int64_t *sources; /* NULL: every node */
    size_t n_sources;
    int accumulate; /* the sampled form: add each source's distances to the sums below */
    double *closeness, *harmonic;
    /* the sampled form: sums over the sources, per thread (counts, exact) and per block */
    int64_t *reached_by; /* threads x n */
    int64_t *distance_sum; /* threads x n (hops) */
    double *length_sum;    /* blocks x n (lengths: floating-point sums, added block by block) */
    double *inverse_sum;   /* blocks x n */
    int next_slot;
    /* totals, per thread (exact integers) */
    int64_t longest[SG_MAX_THREADS], total[SG_MAX_THREADS], pairs[SG_MAX_THREADS];
} hop_job;

/*
 * One breadth-first search from s, level by level. A level is searched top-down (the frontier's
 * arcs) or, when the frontier's arcs outnumber a fourteenth of the arcs not yet explored,
 * bottom-up (each unreached node looks for a neighbour in the frontier and stops at the first):
 * Beamer, Asanovic and Patterson (2012), "Direction-optimizing breadth-first search". Either way
 * a level holds the same nodes, and the sums are taken per level: `count` nodes at distance d
 * add count x d and count / d, so the order within a level changes nothing. Leaves the reached
 * nodes in queue[0 .. return value) with their distances in dist (the caller resets them).
 */
static size_t bfs_levels(const sg_csr *u, int64_t s, int64_t *dist, int64_t *queue,
                         int64_t *sum_out, double *inverse_out, int64_t *longest_out,
                         int64_t *level_end) {
    size_t n = u->n, lo = 0, hi = 1, tail = 1;
    int64_t d = 0, sum = 0, unexplored = u->out_start[n] - (u->out_start[s + 1] - u->out_start[s]);
    int64_t frontier_arcs = u->out_start[s + 1] - u->out_start[s];
    double inverse = 0;
    int bottom_up = 0;
    dist[s] = 0;
    queue[0] = s;
    while (lo < hi) {
        d++;
        if (!bottom_up && frontier_arcs > unexplored / 14)
            bottom_up = 1;
        else if (bottom_up && (hi - lo) < n / 24)
            bottom_up = 0;
        frontier_arcs = 0;
        if (bottom_up) {
            for (size_t v = 0; v < n; v++) {
                if (dist[v] >= 0)
                    continue;
                for (int64_t k = u->out_start[v]; k < u->out_start[v + 1]; k++) {
                    if (dist[u->out_adj[k]] == d - 1) {
                        dist[v] = d;
                        queue[tail++] = (int64_t)v;
                        break;
                    }
                }
            }
        } else {
            for (size_t q = lo; q < hi; q++) {
                int64_t v = queue[q];
                for (int64_t k = u->out_start[v]; k < u->out_start[v + 1]; k++) {
                    int64_t w = u->out_adj[k];
                    if (dist[w] < 0) {
                        dist[w] = d;
                        queue[tail++] = w;
                    }
                }
            }
        }
        for (size_t q = hi; q < tail; q++) {
            int64_t w = queue[q], deg = u->out_start[w + 1] - u->out_start[w];
            frontier_arcs += deg;
            unexplored -= deg;
        }
        int64_t count = (int64_t)(tail - hi);
        if (count > 0) {
            sum += count * d;
            inverse += (double)count / (double)d;
            *longest_out = d > *longest_out ? d : *longest_out;
        }
        if (level_end)
            level_end[d] = (int64_t)tail;
        lo = hi;
        hi = tail;
    }
    *sum_out = sum;
    *inverse_out = inverse;
    return tail;
}

/* One search from s with arc lengths (Dijkstra): the nodes s reaches in x->order[0 .. return
 * value), their distances in x->len, the sum of the distances and of their inverses (in settle
 * order: the same bits on every run). */
static size_t length_sums(const sg_csr *u, int64_t s, scratch *x, double *sum_out,
                          double *inverse_out) {
    size_t tail = dijkstra(u, s, x);
    double sum = 0, inverse = 0;
    for (size_t q = 1; q < tail; q++) {
        double d = x->len[x->order[q]];
        sum += d;
        inverse += 1 / d;
    }
    *sum_out = sum;
    *inverse_out = inverse;
    return tail;
}

static void *hop_worker(void *arg) {
    hop_job *j = arg;
    size_t n = j->u->n;
    const sg_csr *u = j->u;
    int weighted = u->out_len != NULL;
    scratch x = {0};
    int64_t *dist = weighted ? NULL : malloc((n ? n : 1) * sizeof *dist);
    int64_t *queue = weighted ? NULL : malloc((n ? n : 1) * sizeof *queue);
    pthread_mutex_lock(&j->sh.lock);
    int slot = j->next_slot++;
    pthread_mutex_unlock(&j->sh.lock);
    if (weighted ? scratch_init(&x, n, 1) != 0 : !dist || !queue) {
        free(dist), free(queue);
        fail(&j->sh);
        return NULL;
    }
    for (size_t i = 0; !weighted && i < n; i++)
        dist[i] = -1;
    int64_t longest = 0, total = 0, pairs = 0;
    for (size_t b; (b = take_block(&j->sh)) != (size_t)-1;) {
        /* Sampled sources: strided blocks; every node: blocks of consecutive nodes. */
        size_t chunk = (n + j->sh.n_blocks - 1) / j->sh.n_blocks;
        size_t step = j->sources ? j->sh.n_blocks : 1;
        size_t first = j->sources ? b : b * chunk;
        size_t last = j->sources ? j->n_sources : first + chunk < n ? first + chunk : n;
        for (size_t i = first; i < last; i += step) {
            int64_t s = j->sources ? j->sources[i] : (int64_t)i, hops = 0;
            double sum = 0, inverse = 0;
            size_t tail;
            if (weighted) {
                tail = length_sums(u, s, &x, &sum, &inverse);
            } else {
                tail = bfs_levels(u, s, dist, queue, &hops, &inverse, &longest, NULL);
                sum = (double)hops;
                total += hops;
                pairs += (int64_t)tail - 1;
            }
            const int64_t *reached_nodes = weighted ? x.order : queue;
            int64_t reached = (int64_t)tail - 1;
            j->closeness[s] = reached > 0 ? (double)reached / sum : NAN;
            j->harmonic[s] = n > 1 ? inverse / (double)(n - 1) : NAN;
            if (j->accumulate) {
                int64_t *rb = j->reached_by + (size_t)slot * n;
                double *is = j->inverse_sum + b * n;
                for (size_t q = 1; q < tail; q++) {
                    int64_t w = reached_nodes[q];
                    double d = weighted ? x.len[w] : (double)dist[w];
                    rb[w]++;
                    if (weighted)
                        j->length_sum[b * n + (size_t)w] += d;
                    else
                        j->distance_sum[(size_t)slot * n + (size_t)w] += dist[w];
                    is[w] += 1.0 / d;
                }
            }
            for (size_t q = 0; q < tail; q++) {
                int64_t w = reached_nodes[q];
                if (weighted)
                    x.len[w] = -1, x.rank[w] = -1;
                else
                    dist[w] = -1;
            }
            tick(&j->sh);
        }
    }
    j->longest[slot] = longest;
    j->total[slot] = total;
    j->pairs[slot] = pairs;
    free(dist), free(queue);
    if (weighted)
        scratch_free(&x);
    return NULL;
}

/* Runs the searches from `sources` (NULL: all), `blocks` blocks. */
static int hop_run(hop_job *j, size_t blocks, int threads, sg_paths_progress *progress,
                   void *data) {
    shared_init(&j->sh, blocks, j->sources ? j->n_sources : j->u->n, progress, data);
    j->next_slot = 0;
    if (threads > (int)blocks)
        threads = (int)blocks;
    if (threads > SG_MAX_THREADS)
        threads = SG_MAX_THREADS;
    memset(j->longest, 0, sizeof j->longest);
    memset(j->total, 0, sizeof j->total);
    memset(j->pairs, 0, sizeof j->pairs);
    run_threads(threads, hop_worker, j);
    pthread_mutex_destroy(&j->sh.lock);
    return j->sh.failed ? -1 : 0;
}

int sg_paths_closeness(const sg_csr *u, const int64_t *sources, size_t n_sources, int threads,
                       double *closeness, double *harmonic, sg_hop_totals *totals,
                       sg_paths_progress *progress, void *progress_data) {
    size_t n = u->n;
    int weighted = u->out_len != NULL;
    hop_job j = {.u = u, .closeness = closeness, .harmonic = harmonic};
    int64_t longest = 0, total = 0, pairs = 0;
    if (threads < 1)
        threads = 1;
    if (threads > SG_MAX_THREADS)
        threads = SG_MAX_THREADS;
    if (!sources) {
        /* Every node: each search gives its source's values; blocks of consecutive nodes. */
        size_t blocks = n < 64 ? 1 : 64;
        if (hop_run(&j, blocks, threads, progress, progress_data) != 0)
            return -1;
    } else {
        size_t blocks = n_sources < SG_BLOCKS ? (n_sources ? n_sources : 1) : SG_BLOCKS;
        int t = threads < (int)blocks ? threads : (int)blocks;
        j.sources = sources;
        j.n_sources = n_sources;
        j.accumulate = 1;
        j.reached_by = calloc((size_t)t * (n ? n : 1), sizeof *j.reached_by);
        if (weighted)
            j.length_sum = calloc(blocks * (n ? n : 1), sizeof *j.length_sum);
        else
            j.distance_sum = calloc((size_t)t * (n ? n : 1), sizeof *j.distance_sum);
        j.inverse_sum = calloc(blocks * (n ? n : 1), sizeof *j.inverse_sum);
        char *sampled = calloc(n ? n : 1, 1);
        int64_t *alone = malloc((n ? n : 1) * sizeof *alone);
        int rc = !j.reached_by || !(weighted ? (void *)j.length_sum : (void *)j.distance_sum) ||
                         !j.inverse_sum || !sampled || !alone
                     ? -1
                     : hop_run(&j, blocks, t, progress, progress_data);
        size_t n_alone = 0;
        if (rc == 0) {
            for (size_t i = 0; i < n_sources; i++)
                sampled[sources[i]] = 1;
            for (size_t v = 0; v < n; v++) {
                if (sampled[v])
                    continue; /* its own search gave its exact values */
                int64_t reached = 0, hops = 0;
                double inverse = 0, lengths = 0;
                for (int k = 0; k < t; k++) {
                    reached += j.reached_by[(size_t)k * n + v];
                    if (!weighted)
                        hops += j.distance_sum[(size_t)k * n + v];
                }
                for (size_t b = 0; b < blocks; b++) {
                    inverse += j.inverse_sum[b * n + v];
                    if (weighted)
                        lengths += j.length_sum[b * n + v];
                }
                double sum = weighted ? lengths : (double)hops;
                if (reached == 0) {
                    alone[n_alone++] = (int64_t)v; /* no sampled node in its component */
                    continue;
                }
                closeness[v] = (double)reached / sum;
                harmonic[v] = inverse / (double)n_sources;
            }
        }
        free(j.reached_by), free(j.distance_sum), free(j.length_sum), free(j.inverse_sum);
        free(sampled);
        if (rc == 0 && n_alone > 0) {
            /* The nodes that no sample reaches: exact values from their own searches. */
            hop_job k = {.u = u, .closeness = closeness, .harmonic = harmonic,
                         .sources = alone, .n_sources = n_alone};
            rc = hop_run(&k, n_alone < SG_BLOCKS ? n_alone : SG_BLOCKS, threads, NULL, NULL);
        }
        free(alone);
        if (rc != 0)
            return -1;
    }
    for (int k = 0; k < SG_MAX_THREADS; k++) { /* the sources' searches only */
        longest = j.longest[k] > longest ? j.longest[k] : longest;
        total += j.total[k];
        pairs += j.pairs[k];
    }
    totals->longest = weighted ? NAN : (double)longest;
    totals->total = weighted ? NAN : (double)total;
    totals->pairs = weighted ? NAN : (double)pairs;
    return 0;
}

/* ---- the sample ------------------------------------------------------------------------- */

/* SplitMix64 (Steele, Lea and Flood 2014): small, and the same numbers everywhere. */
static uint64_t splitmix(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* A uniform number in [0, bound), by rejection (no modulo bias). */
static uint64_t below(uint64_t *state, uint64_t bound) {
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t r;
    do
        r = splitmix(state);
    while (r >= limit);
    return r % bound;
}

static int by_value(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

void sg_paths_sample(size_t n, size_t k, unsigned long seed, int64_t *out) {
    /* Floyd's algorithm would need a set; a partial Fisher-Yates shuffle over an index array
     * costs n words and is simple. Falls back to the first k on no memory. */
    int64_t *all = malloc((n ? n : 1) * sizeof *all);
    uint64_t state = (uint64_t)seed ^ 0x5354414B45475248u; /* "STAKEGRH" */
    if (k > n)
        k = n;
    if (!all) {
        for (size_t i = 0; i < k; i++)
            out[i] = (int64_t)i;
        return;
    }
    for (size_t i = 0; i < n; i++)
        all[i] = (int64_t)i;
    for (size_t i = 0; i < k; i++) {
        size_t r = i + (size_t)below(&state, (uint64_t)(n - i));
        int64_t t = all[i];
        all[i] = all[r];
        all[r] = t;
        out[i] = all[i];
    }
    free(all);
    qsort(out, k, sizeof *out, by_value);
}
