/* Internal to the readers: what the model offers beyond the public API. */
#ifndef SG_MODEL_GRAPH_H
#define SG_MODEL_GRAPH_H

#include "stakegraph.h"

/**
 * Starts loading what sg_graph_find_node(g, id) will read, for a lookup a few rows later:
 * `stage` 0 the id table's slot, 1 (once that slot has arrived) the id it points to. Only a
 * hint: reads nothing that matters and changes nothing. Lookups of 1,000,000 edges among
 * 200,000 ids wait on memory, not on instructions (issue 10).
 */
void sg_graph_prefetch_node(const sg_graph *g, const char *id, int stage);

/**
 * Room for `nodes` nodes and `edges` edges in all (a hint from a reader that knows the counts:
 * the arrays are then allocated once, in huge pages, instead of doubled; issue 10). Returns
 * SG_OK or SG_ENOMEM (the graph unchanged).
 */
int sg_graph_reserve(sg_graph *g, size_t nodes, size_t edges);

#endif
