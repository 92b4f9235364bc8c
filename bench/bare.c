/* The floor of the benchmarks (issue 10): read the generator's CSV with fgets and call igraph
 * C once per measure, with design.md's definitions; write the values as CSV.
 *
 * Usage: bare EDGES.csv NODES.csv [--no-path] [--times] > out.csv
 *   --times  also print the wall time of each igraph call to stderr, and time the calls that
 *            stakegraph's graph figures add (diameter, average path length, betweenness
 *            centralisation, Louvain, Leiden): the profile of where a report's time goes
 *
 * It assumes what bench/gen.py guarantees: ids without commas or quotes in the first column,
 * edges `source,target,relation,weight` with a known weight on every edge, no self-loops and
 * no parallel edges (so nothing needs merging and PageRank is weighted). It is not a reader
 * of CSV in general, only the cheapest way to get the generator's graph into igraph.
 * Build: gcc -O2 bare.c $(pkg-config --cflags --libs igraph) -o bare
 */
#include <igraph.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int timing;
static double t0;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* With --times: prints the time since the previous mark, naming the step. */
static void mark(const char *what) {
    double t = now();
    if (timing)
        fprintf(stderr, "%-28s %8.3f s\n", what, t - t0);
    t0 = t;
}

typedef struct {
    char **key;
    igraph_integer_t *val;
    size_t cap;
} table;

static uint64_t hash(const char *s) {
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h ^ (h >> 29);
}

static igraph_integer_t *slot(table *t, const char *k, int *found) {
    size_t i = hash(k) & (t->cap - 1);
    while (t->key[i]) {
        if (strcmp(t->key[i], k) == 0) {
            *found = 1;
            return &t->val[i];
        }
        i = (i + 1) & (t->cap - 1);
    }
    *found = 0;
    t->key[i] = strdup(k);
    return &t->val[i];
}

static void die(const char *what) {
    fprintf(stderr, "bare: %s\n", what);
    exit(1);
}

static char *field(char **p) {
    char *s = *p, *c = strchr(s, ',');
    if (c) {
        *c = '\0';
        *p = c + 1;
    } else {
        s[strcspn(s, "\r\n")] = '\0';
        *p = s + strlen(s);
    }
    return s;
}

static void out_vec(FILE *f, const igraph_vector_t *v, igraph_integer_t i) {
    double x = VECTOR(*v)[i];
    if (isnan(x))
        fputc(',', f);
    else
        fprintf(f, ",%.6g", x);
}

int main(int argc, char **argv) {
    if (argc < 3)
        die("usage: bare EDGES.csv NODES.csv [--no-path]");
    int paths = 1;
    for (int k = 3; k < argc; k++) {
        if (strcmp(argv[k], "--no-path") == 0)
            paths = 0;
        else if (strcmp(argv[k], "--times") == 0)
            timing = 1;
    }
    t0 = now();
    char line[4096];
    size_t cap = 1 << 10;
    FILE *nf = fopen(argv[2], "r"), *ef = fopen(argv[1], "r");
    if (!nf || !ef)
        die("cannot open the input");
    /* Nodes: count lines first to size the table. */
    size_t lines = 0;
    while (fgets(line, sizeof line, nf))
        lines++;
    while (cap < 4 * lines)
        cap <<= 1;
    rewind(nf);
    table t = {calloc(cap, sizeof(char *)), calloc(cap, sizeof(igraph_integer_t)), cap};
    char **ids = malloc((lines + 1) * sizeof(char *));
    igraph_integer_t n = 0;
    int found;
    if (!fgets(line, sizeof line, nf))
        die("empty nodes table");
    while (fgets(line, sizeof line, nf)) {
        char *p = line, *id = field(&p);
        igraph_integer_t *v = slot(&t, id, &found);
        if (!found) {
            *v = n;
            ids[n++] = strdup(id);
        }
    }
    fclose(nf);
    igraph_vector_int_t el;
    igraph_vector_t w;
    igraph_vector_int_init(&el, 0);
    igraph_vector_init(&w, 0);
    if (!fgets(line, sizeof line, ef))
        die("empty edges table");
    while (fgets(line, sizeof line, ef)) {
        char *p = line, *s = field(&p), *d = field(&p);
        (void)field(&p); /* relation */
        char *wt = field(&p);
        igraph_integer_t *a = slot(&t, s, &found);
        if (!found)
            die("an edge names a node the nodes table lacks");
        igraph_vector_int_push_back(&el, *a);
        igraph_integer_t *b = slot(&t, d, &found);
        if (!found)
            die("an edge names a node the nodes table lacks");
        igraph_vector_int_push_back(&el, *b);
        igraph_vector_push_back(&w, strtod(wt, NULL));
    }
    fclose(ef);

    mark("read (fgets)");
    igraph_t g, u;
    igraph_create(&g, &el, n, IGRAPH_DIRECTED);
    igraph_copy(&u, &g);
    igraph_to_undirected(&u, IGRAPH_TO_UNDIRECTED_COLLAPSE, NULL);
    igraph_rng_seed(igraph_rng_default(), 1);
    mark("build graphs");

    enum { IND, OUTD, DEG, INS, OUTS, STR, BET, BETN, CLO, HAR, EIG, PR, HUB, AUTH, CORE, NM };
    static const char *names[NM] = {"in_degree", "out_degree", "degree", "in_strength",
                                    "out_strength", "strength", "betweenness",
                                    "betweenness_norm", "closeness", "harmonic", "eigenvector",
                                    "pagerank", "hub", "authority", "coreness"};
    igraph_vector_t m[NM];
    for (int k = 0; k < NM; k++)
        igraph_vector_init(&m[k], n);
    igraph_vector_int_t iv, reach;
    igraph_vector_int_init(&iv, 0);
    igraph_vector_int_init(&reach, 0);
    igraph_real_t value;
    igraph_bool_t all;
    igraph_neimode_t modes[3] = {IGRAPH_IN, IGRAPH_OUT, IGRAPH_ALL};
    for (int k = 0; k < 3; k++) {
        igraph_degree(&g, &iv, igraph_vss_all(), modes[k], IGRAPH_NO_LOOPS);
        for (igraph_integer_t i = 0; i < n; i++)
            VECTOR(m[IND + k])[i] = (double)VECTOR(iv)[i];
        igraph_strength(&g, &m[INS + k], igraph_vss_all(), modes[k], IGRAPH_NO_LOOPS, &w);
    }
    mark("degrees and strengths");
    if (paths) {
        igraph_betweenness(&g, &m[BET], igraph_vss_all(), IGRAPH_DIRECTED, NULL);
        for (igraph_integer_t i = 0; i < n; i++)
            VECTOR(m[BETN])[i] = n >= 3 ? VECTOR(m[BET])[i] / ((n - 1.0) * (n - 2.0)) : NAN;
        mark("betweenness (directed)");
        igraph_closeness(&u, &m[CLO], &reach, &all, igraph_vss_all(), IGRAPH_ALL, NULL, 1);
        for (igraph_integer_t i = 0; i < n; i++)
            if (VECTOR(reach)[i] == 0)
                VECTOR(m[CLO])[i] = NAN;
        mark("closeness (undirected)");
        igraph_harmonic_centrality(&u, &m[HAR], igraph_vss_all(), IGRAPH_ALL, NULL, 1);
        mark("harmonic (undirected)");
    }
    igraph_eigenvector_centrality(&u, &m[EIG], &value, IGRAPH_UNDIRECTED, 1, NULL, NULL);
    mark("eigenvector");
    igraph_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &m[PR], &value, igraph_vss_all(),
                    IGRAPH_DIRECTED, 0.85, &w, NULL);
    mark("pagerank");
    igraph_hub_and_authority_scores(&g, &m[HUB], &m[AUTH], &value, 1, NULL, NULL);
    mark("hub and authority (ARPACK)");
    igraph_coreness(&u, &iv, IGRAPH_ALL);
    for (igraph_integer_t i = 0; i < n; i++)
        VECTOR(m[CORE])[i] = (double)VECTOR(iv)[i];
    mark("coreness");
    if (timing && paths) {
        igraph_real_t x, y;
        igraph_integer_t clusters;
        igraph_vector_t tmp;
        igraph_vector_int_t memb;
        igraph_vector_init(&tmp, 0);
        igraph_vector_int_init(&memb, 0);
        igraph_diameter(&u, &x, NULL, NULL, NULL, NULL, 0, 1);
        mark("+ diameter (undirected)");
        igraph_average_path_length(&u, &x, &y, 0, 1);
        mark("+ mean path length");
        igraph_centralization_betweenness(&g, &tmp, 1, &x, &y, 1);
        mark("+ betweenness centralisation");
        igraph_community_multilevel(&u, NULL, 1, &memb, NULL, NULL);
        mark("+ Louvain");
        igraph_community_leiden(&u, NULL, NULL, 1.0 / (2.0 * (double)igraph_ecount(&u)), 0.01,
                                0, -1, &memb, &clusters, &x);
        mark("+ Leiden (unit node weights)");
        igraph_constraint(&u, &tmp, igraph_vss_all(), NULL);
        mark("+ constraint");
    }

    fputs("id", stdout);
    for (int k = 0; k < NM; k++)
        if (paths || (k < BET || k > HAR))
            printf(",%s", names[k]);
    putchar('\n');
    for (igraph_integer_t i = 0; i < n; i++) {
        fputs(ids[i], stdout);
        for (int k = 0; k < NM; k++)
            if (paths || (k < BET || k > HAR))
                out_vec(stdout, &m[k], i);
        putchar('\n');
    }
    mark("write CSV");
    /* The process ends here: the operating system frees the rest. */
    return 0;
}
