/* Internal: the shortest-path searches of the path measures, our own code on threads.
 *
 * Debian's igraph 0.10.2 is built without thread safety (IGRAPH_THREAD_SAFE 0: its error
 * stack, random generator and progress handler are global), so these searches never call
 * igraph: they run over flat adjacency arrays (CSR) that the caller builds once. Every result
 * is independent of the number of threads: each source's search is self-contained, and where
 * sources' contributions are added (betweenness, sampled closeness and harmonic), they are
 * added in fixed blocks of sources, the blocks in a fixed order. */
#ifndef SG_PATHS_H
#define SG_PATHS_H

#include <stddef.h>
#include <stdint.h>

/** A graph as flat adjacency arrays: the arcs leaving node v are adj[start[v] .. start[v+1]),
 * with their lengths len[...] (NULL: every arc is one step). An undirected graph lists each
 * tie in both directions and has in == out. */
typedef struct {
    size_t n;
    const int64_t *out_start, *out_adj; /* successors */
    const double *out_len;
    const int64_t *in_start, *in_adj; /* predecessors (== out for undirected) */
    const double *in_len;
} sg_csr;

/** Progress of a long search: `done` of `total` sources, called from any thread but never
 * from two at once. */
typedef void sg_paths_progress(size_t done, size_t total, void *data);

/**
 * Betweenness (Brandes 2001; with lengths, Dijkstra with igraph's tolerance of 1e-10 relative
 * for equal path lengths, IGRAPH_SHORTEST_PATH_EPSILON) summed over the `n_sources` sources
 * (NULL: every node), each pair once: on an undirected graph (`directed` 0) the sums are
 * halved, as igraph_betweenness does. `out` gets n values (the caller's). `threads` >= 1.
 * Returns 0, or -1 when out of memory.
 */
int sg_paths_betweenness(const sg_csr *g, int directed, const int64_t *sources,
                         size_t n_sources, int threads, double *out, sg_paths_progress *progress,
                         void *progress_data);

/** What the hop searches find. */
typedef struct {
    double longest;  /* the longest shortest path seen (hops) */
    double total;    /* the sum of all shortest-path lengths found from the sources */
    double pairs;    /* the number of (source, reached node) pairs */
} sg_hop_totals;

/**
 * Closeness and harmonic centrality of an undirected graph `u`: breadth-first searches by hop
 * count, or, when `u` has arc lengths (u->out_len), Dijkstra's searches (1959; the inverse path
 * weights of the report). With every node as a source
 * (`sources` NULL): closeness[v] = reached / sum of distances (NaN when v reaches nobody) and
 * harmonic[v] = sum of 1/distance over the n - 1 others (NaN when n < 2), as igraph_closeness
 * and igraph_harmonic_centrality (normalised) give them. With a sample of sources (distances
 * are symmetric): closeness[v] = the sampled nodes v reaches / the sum of their distances, and
 * harmonic[v] = the mean of 1/distance over the sampled nodes other than v (Eppstein and Wang
 * 2004); a node that no sampled node reaches gets its exact values from a search of its own.
 * `totals` sums over the sources' searches only, in hops (NaN with arc lengths: the diameter
 * and mean path length of the summary count steps). The sums of a node's distances are taken
 * in a fixed order (per source in settle order; sampled: per block of sources, blocks in
 * order), so the values are the same bits whatever `threads`. Returns 0, or -1 when out of
 * memory.
 */
int sg_paths_closeness(const sg_csr *u, const int64_t *sources, size_t n_sources, int threads,
                       double *closeness, double *harmonic, sg_hop_totals *totals,
                       sg_paths_progress *progress, void *progress_data);

/** A seeded uniform sample of k of the n nodes, without replacement, in increasing order
 * (the same for the same seed on every machine). `out` holds k values (the caller's). */
void sg_paths_sample(size_t n, size_t k, unsigned long seed, int64_t *out);

/** The number of online CPUs (at least 1). */
int sg_paths_cpus(void);

#endif
