/* Internal: the model and diagnostics as bytes, to bring them back from a contained child. */
#ifndef SG_SERIAL_H
#define SG_SERIAL_H

#include "stakegraph.h"
#include "util/strbuf.h"

/** Appends `diag`'s messages and `g` (may be NULL) to `out`. */
void sg_serialize(const sg_diag *diag, const sg_graph *g, sg_buf *out);

/**
 * Reads what sg_serialize() wrote: the messages are added to `diag`, the graph (if one was
 * written) stored in `*g` (the caller frees it). Returns SG_OK, SG_EPARSE for malformed bytes,
 * SG_ENOMEM.
 */
int sg_deserialize(const char *data, size_t size, sg_diag *diag, sg_graph **g);

#endif
