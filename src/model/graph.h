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

/* Attribute names by number (the graph's own numbering, 0 to sg_graph_name_count() - 1, in the
 * order the names were first set): the contained DOT reader sends each name once and the
 * attributes by number (issue 10). */

/** The number of attribute name `name`, added if new; -1 when out of memory (or name NULL). */
long sg_graph_intern_name(sg_graph *g, const char *name);
/** How many attribute names the graph has. */
size_t sg_graph_name_count(const sg_graph *g);
/** Attribute name number `k` (NULL when out of range). */
const char *sg_graph_name(const sg_graph *g, size_t k);
/** sg_graph_attr_at() giving the name's number. Returns 1, or 0 when out of range. */
int sg_graph_attr_number_at(const sg_graph *g, sg_object on, size_t index, size_t k,
                            size_t *name, const char **value);
/** sg_graph_set_attr() with the name's number `k`; SG_EINVAL when `k` is not a name's. */
int sg_graph_set_attr_number(sg_graph *g, sg_object on, size_t index, size_t k,
                             const char *value);
/** 1 when some node of g has a non-empty value of attribute `name` (so that g can be collapsed
 * by it), else 0. */
int sg_graph_any_node_has(const sg_graph *g, const char *name);

#endif
