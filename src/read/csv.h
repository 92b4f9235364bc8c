/* Internal: the CSV reader on buffers it may cut up (no copy of the text: issue 10). */
#ifndef SG_READ_CSV_H
#define SG_READ_CSV_H

#include "stakegraph.h"

/**
 * sg_read_csv() on writable buffers that it takes over: `data` (and `nodes_data`, may be NULL)
 * are malloc'd blocks of `size` (`nodes_size`) bytes followed by a NUL byte; they are cut into
 * cells in place and freed by the call, whatever it returns. Same results as sg_read_csv().
 */
int sg_read_csv_owned(char *data, size_t size, const char *name, char *nodes_data,
                      size_t nodes_size, const char *nodes_name, const sg_read_options *opts,
                      sg_graph **out, sg_diag *diag);

#endif
