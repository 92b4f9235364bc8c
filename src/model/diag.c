/* Diagnostics: a list of warnings and errors with their place in the input. */
#include "stakegraph.h"
#include "util/strbuf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct sg_diag {
    sg_message *items;
    size_t count;
    size_t cap;
};

sg_diag *sg_diag_new(void) {
    return calloc(1, sizeof(sg_diag));
}

void sg_diag_free(sg_diag *diag) {
    if (!diag)
        return;
    for (size_t i = 0; i < diag->count; i++) {
        free((char *)diag->items[i].file);
        free((char *)diag->items[i].text);
    }
    free(diag->items);
    free(diag);
}

void sg_diag_add(sg_diag *diag, sg_severity severity, const char *file, long line, long column,
                 const char *fmt, ...) {
    if (!diag)
        return;
    if (diag->count == diag->cap) {
        size_t cap = diag->cap ? diag->cap * 2 : 8;
        sg_message *p = realloc(diag->items, cap * sizeof *p);
        if (!p)
            return;
        diag->items = p;
        diag->cap = cap;
    }
    sg_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (!b.data)
        return;
    sg_message *m = &diag->items[diag->count++];
    m->severity = severity;
    m->file = sg_strdup(file);
    m->line = line;
    m->column = column;
    m->text = b.data;
}

size_t sg_diag_count(const sg_diag *diag) {
    return diag ? diag->count : 0;
}

const sg_message *sg_diag_get(const sg_diag *diag, size_t i) {
    return diag && i < diag->count ? &diag->items[i] : NULL;
}

size_t sg_diag_count_severity(const sg_diag *diag, sg_severity severity) {
    size_t n = 0;
    for (size_t i = 0; i < sg_diag_count(diag); i++)
        n += diag->items[i].severity == severity;
    return n;
}

void sg_diag_print(const sg_diag *diag, FILE *out) {
    for (size_t i = 0; i < sg_diag_count(diag); i++) {
        const sg_message *m = &diag->items[i];
        if (m->file && m->line > 0 && m->column > 0)
            fprintf(out, "%s:%ld:%ld: ", m->file, m->line, m->column);
        else if (m->file && m->line > 0)
            fprintf(out, "%s:%ld: ", m->file, m->line);
        else if (m->file)
            fprintf(out, "%s: ", m->file);
        fprintf(out, "%s: %s\n", m->severity == SG_ERROR ? "error" : "warning", m->text);
    }
}
