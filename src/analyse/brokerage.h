/* Internal: Gould-Fernandez brokerage roles, our own code (igraph has none). */
#ifndef SG_BROKERAGE_H
#define SG_BROKERAGE_H

#include <igraph.h>

/**
 * Counts, for every node v, the two-paths a -> v -> c (a != c) with no edge a -> c, by the
 * groups of a, v and c (Gould and Fernandez 1989): out[0] coordinator (all in one group),
 * out[1] gatekeeper (v and c share a group, a does not), out[2] representative (a and v
 * share, c does not), out[3] itinerant (a and c share, v does not), out[4] liaison (three
 * groups). `G` must be simple (no loops, no parallel edges); on an undirected graph every tie
 * is a pair of arcs, so each unordered pair {a, c} is counted twice and gatekeeper equals
 * representative. `group` holds one group number per node. Each out[k] holds n doubles (the
 * caller's). Returns IGRAPH_SUCCESS or igraph's error.
 * Complexity: O(sum over v of in-degree(v) x out-degree(v) x log(max degree)).
 */
igraph_error_t sg_brokerage(const igraph_t *G, const igraph_integer_t *group, double *out[5]);

#endif
