/* The centrality report as CSV (RFC 4180): only the table; statements go elsewhere. With
 * --excel: a UTF-8 byte-order mark, ';' between cells and ',' as decimal mark, as spreadsheet
 * programs set to European conventions open a double-clicked file; chosen by the option, never
 * by the machine's locale. */
#include "write/report.h"

#include <stdlib.h>
#include <string.h>

/* A text cell: quoted when it holds a delimiter, quote or line break; a cell that a spreadsheet
 * would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe. */
static void text_cell(sg_buf *out, const char *s, char sep) {
    int formula = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
    int quote = formula || strchr(s, sep) || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        sg_buf_putc(out, '"');
    if (formula)
        sg_buf_putc(out, '\'');
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
        sg_buf_append(out, s, (size_t)(q - s + 1));
        sg_buf_putc(out, '"'); /* a quote is written twice */
    }
    sg_buf_puts(out, s);
    if (quote)
        sg_buf_putc(out, '"');
}

/* A number cell; with --excel a decimal comma (the cell then never holds the delimiter ';'). */
static void number_cell(sg_buf *out, const sg_analysis *a, sg_measure m, size_t i,
                        const sg_report_options *opts) {
    size_t start = out->len;
    sg_report_value(out, a, m, i, opts);
    if (opts->excel)
        for (size_t k = start; k < out->len && !out->failed; k++)
            if (out->data[k] == '.')
                out->data[k] = ',';
}

int sg_report_csv(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                  const sg_report_options *opts, sg_buf *out) {
    char sep = opts->excel ? ';' : ',';
    size_t nrows;
    size_t *rows = sg_report_rows(g, a, opts, &nrows);
    if (!rows)
        return SG_ENOMEM;
    if (opts->excel)
        sg_buf_puts(out, "\xEF\xBB\xBF"); /* UTF-8 byte-order mark: Excel then reads UTF-8 */
    sg_buf_printf(out, "id%clabel%ctype", sep, sep);
    for (int m = 0; m < SG_MEASURE_COUNT; m++) {
        if (!sg_analysis_computed(a, (sg_measure)m))
            continue;
        sg_buf_putc(out, sep);
        sg_buf_puts(out, sg_measure_name((sg_measure)m));
    }
    sg_buf_puts(out, "\n");
    for (size_t r = 0; r < nrows; r++) {
        size_t i = rows[r];
        text_cell(out, sg_graph_node_id(g, i), sep);
        sg_buf_putc(out, sep);
        text_cell(out, sg_graph_node_label(g, i), sep);
        sg_buf_putc(out, sep);
        text_cell(out, sg_graph_node_type(g, i), sep);
        for (int m = 0; m < SG_MEASURE_COUNT; m++) {
            if (!sg_analysis_computed(a, (sg_measure)m))
                continue;
            sg_buf_putc(out, sep);
            number_cell(out, a, (sg_measure)m, i, opts);
        }
        sg_buf_puts(out, "\n");
    }
    free(rows);
    return SG_OK;
}
