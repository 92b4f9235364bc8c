/* Internal: the model and diagnostics as bytes, to bring them back from a contained child. */
#ifndef SG_SERIAL_H
#define SG_SERIAL_H

#include "stakegraph.h"
#include "util/strbuf.h"

#include <stdint.h>

/** Appends `diag`'s messages and `g` (may be NULL) to `out`. */
void sg_serialize(const sg_diag *diag, const sg_graph *g, sg_buf *out);

/* The same bytes made without a model (the DOT reader's child writes what cgraph parsed
 * straight into them: issue 10). The body is, in this order: the graph's attributes, then per
 * node its id and attributes, then per edge its source and target node numbers and
 * attributes; attributes as their count, then per attribute its name's number in `names` and
 * its value, all with sg_serial_put_u64() and sg_serial_put_strz(). */
typedef struct {
    int directed;
    size_t nodes, edges;
    const char *const *names; /* attribute names, numbered from 0 */
    size_t n_names;
    const char *body;
    size_t body_len;
} sg_serial_graph;

void sg_serial_put_u64(sg_buf *b, uint64_t v);
/** A string with its length and its NUL. */
void sg_serial_put_strz(sg_buf *b, const char *s);
/** Appends `diag`'s messages and the graph made of `parts` (NULL: no graph) to `out`. */
void sg_serialize_parts(const sg_diag *diag, const sg_serial_graph *parts, sg_buf *out);

/**
 * Reads what sg_serialize() wrote: the messages are added to `diag`, the graph (if one was
 * written) stored in `*g` (the caller frees it). Returns SG_OK, SG_EPARSE for malformed bytes,
 * SG_ENOMEM.
 */
int sg_deserialize(const char *data, size_t size, sg_diag *diag, sg_graph **g);

#endif
