/* The centrality report as CSV (RFC 4180): only the table; statements go elsewhere. */
#include "write/report.h"

#include <string.h>

/* A text cell: quoted when it holds a delimiter, quote or line break; a cell that a spreadsheet
 * would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe. */
static void text_cell(sg_buf *out, const char *s) {
    int formula = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
    int quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        sg_buf_putc(out, '"');
    if (formula)
        sg_buf_putc(out, '\'');
    for (; *s; s++) {
        if (*s == '"')
            sg_buf_putc(out, '"');
        sg_buf_putc(out, *s);
    }
    if (quote)
        sg_buf_putc(out, '"');
}

int sg_report_csv(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                  const sg_report_options *opts, sg_buf *out) {
    sg_buf_puts(out, "id,label,type");
    for (int m = 0; m < SG_MEASURE_COUNT; m++) {
        sg_buf_putc(out, ',');
        sg_buf_puts(out, sg_measure_name((sg_measure)m));
    }
    sg_buf_puts(out, "\n");
    for (size_t i = 0; i < sg_graph_node_count(g); i++) {
        text_cell(out, sg_graph_node_id(g, i));
        sg_buf_putc(out, ',');
        text_cell(out, sg_graph_node_label(g, i));
        sg_buf_putc(out, ',');
        text_cell(out, sg_graph_node_type(g, i));
        for (int m = 0; m < SG_MEASURE_COUNT; m++) {
            sg_buf_putc(out, ',');
            sg_report_value(out, a, (sg_measure)m, i);
        }
        sg_buf_puts(out, "\n");
    }
    return SG_OK;
}
