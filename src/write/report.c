/* Report registry: formats chosen by name or file extension; one writer per format. */
#include "write/report.h"

#include <math.h>
#include <string.h>

static const struct {
    const char *name;
    const char *aliases[3];
    sg_report_fn write;
} formats[] = {
    {"csv", {".csv", NULL, NULL}, sg_report_csv},
    {"md", {".md", "markdown", ".markdown"}, sg_report_md},
};

enum { N_FORMATS = sizeof formats / sizeof formats[0] };

static int find(const char *name) {
    if (!name)
        return -1;
    for (int i = 0; i < N_FORMATS; i++) {
        if (sg_ascii_casecmp(name, formats[i].name) == 0)
            return i;
        for (int k = 0; k < 3 && formats[i].aliases[k]; k++)
            if (sg_ascii_casecmp(name, formats[i].aliases[k]) == 0)
                return i;
    }
    return -1;
}

const char *sg_report_format_find(const char *name_or_extension) {
    int i = find(name_or_extension);
    return i < 0 ? NULL : formats[i].name;
}

int sg_measure_is_count(sg_measure m) {
    return m == SG_IN_DEGREE || m == SG_OUT_DEGREE || m == SG_DEGREE || m == SG_CORENESS;
}

void sg_report_value(sg_buf *out, const sg_analysis *a, sg_measure m, size_t i) {
    char text[64];
    sg_format_number(sg_analysis_value(a, m, i), 6, text, sizeof text);
    sg_buf_puts(out, text);
}

int sg_report_write(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                    const char *format, const sg_report_options *opts, FILE *out) {
    int i = find(format);
    if (i < 0)
        return SG_EINVAL;
    sg_report_options o = opts ? *opts : (sg_report_options){0};
    sg_buf b = {0};
    int rc = formats[i].write(g, a, diag, &o, &b);
    if (rc == SG_OK && b.failed)
        rc = SG_ENOMEM;
    if (rc == SG_OK && b.len && fwrite(b.data, 1, b.len, out) != b.len)
        rc = SG_EIO;
    sg_buf_free(&b);
    return rc;
}
