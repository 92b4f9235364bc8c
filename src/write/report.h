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
int sg_report_json(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                   const sg_report_options *opts, sg_buf *out);
int sg_report_tex(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                  const sg_report_options *opts, sg_buf *out);
int sg_report_html(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                   const sg_report_options *opts, sg_buf *out);

/** 1 for measures whose values are whole numbers (degrees, coreness). */
int sg_measure_is_count(sg_measure m);
/** Appends measure `m` of node `i`, formatted for a report (opts->digits significant digits,
 * "." as decimal mark); nothing when missing. */
void sg_report_value(sg_buf *out, const sg_analysis *a, sg_measure m, size_t i,
                     const sg_report_options *opts);
/** Appends a number as sg_report_value() does; nothing for NaN or an infinity. */
void sg_report_number(sg_buf *out, double v, const sg_report_options *opts);
/** What measure `m` means, in plain language (Markdown's `*emphasis*` may occur); NULL if none.
 * The definitions of the Markdown and HTML reports. Static storage. */
const char *sg_measure_meaning(sg_measure m);
/**
 * The report's rows: node indices in the order the report prints them (by opts->sort, highest
 * first, missing last, ties in input order; else input order), `*count` of them (opts->rows
 * cuts the list). Newly allocated, free with free(); NULL when out of memory. O(n log n).
 */
size_t *sg_report_rows(const sg_graph *g, const sg_analysis *a, const sg_report_options *opts,
                       size_t *count);
/** The table's caption: opts->caption, else one made from the graph's label in `scratch`. */
const char *sg_report_caption(const sg_graph *g, const sg_report_options *opts, sg_buf *scratch);

#endif
