/* Internal: the report writers, one file per format, registered in report.c. */
#ifndef SG_REPORT_H
#define SG_REPORT_H

#include "stakegraph.h"
#include "util/strbuf.h"

/** Writes a report into `out` (a growable buffer); the registry writes it to the FILE. */
typedef int (*sg_report_fn)(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                            const sg_report_options *opts, sg_buf *out);

int sg_report_csv(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                  const sg_report_options *opts, sg_buf *out);
int sg_report_md(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                 const sg_report_options *opts, sg_buf *out);

/** 1 for measures whose values are whole numbers (degrees, coreness). */
int sg_measure_is_count(sg_measure m);
/** Appends measure `m` of node `i`, formatted for a report; nothing when missing. */
void sg_report_value(sg_buf *out, const sg_analysis *a, sg_measure m, size_t i);

#endif
