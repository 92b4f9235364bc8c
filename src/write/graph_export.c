/* Graph export registry: formats chosen by name or file extension; one writer per format; the
 * helpers the writers share. */
#include "write/graph_export.h"
#include "util/names.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    sg_names names;
    size_t files;
    sg_graph_export_fn write;
} formats[] = {
    {{"gv", {".gv", "dot", ".dot"}}, 1, sg_export_dot},
    {{"graphml", {".graphml"}}, 1, sg_export_graphml},
    {{"gml", {".gml"}}, 1, sg_export_gml},
    {{"net", {".net", "pajek", ".paj"}}, 1, sg_export_pajek},
    {{"csv", {".csv"}}, 2, sg_export_csv},
    {{"json", {".json", "node-link"}}, 1, sg_export_json},
};

enum { N_FORMATS = sizeof formats / sizeof formats[0] };

/* The suffix that file k of an export puts before the output path's extension. */
static const char *const suffixes[2] = {"", "-nodes"};

struct sg_export {
    size_t count;
    char *data[2];
    size_t size[2];
};

static int find(const char *name) {
    return sg_names_find(formats, N_FORMATS, sizeof formats[0], name);
}

const char *sg_export_format_find(const char *name_or_extension) {
    int i = find(name_or_extension);
    return i < 0 ? NULL : formats[i].names.name;
}

size_t sg_export_format_file_count(const char *format) {
    int i = find(format);
    return i < 0 ? 0 : formats[i].files;
}

/* The weight attribute: the one named, else "weight", else "amount" (the first present), the
 * rule of the analysis. */
static const char *weight_attribute(const sg_graph *g, const sg_export_options *opts) {
    if (opts && opts->weight_attr && *opts->weight_attr)
        return opts->weight_attr;
    static const char *const names[] = {"weight", "amount"};
    for (size_t k = 0; k < 2; k++)
        for (size_t e = 0; e < sg_graph_edge_count(g); e++)
            if (sg_graph_attr(g, SG_ON_EDGE, e, names[k]))
                return names[k];
    return "weight";
}

int sg_export_write(const sg_graph *g, const char *format, const sg_export_options *opts,
                    sg_export **out, sg_diag *diag) {
    *out = NULL;
    int i = find(format);
    if (i < 0) {
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "unknown graph format '%s'", format ? format : "");
        return SG_EINVAL;
    }
    sg_export_options o = opts ? *opts : (sg_export_options){0};
    o.weight_attr = weight_attribute(g, opts);
    sg_buf files[2] = {{0}, {0}};
    int rc = formats[i].write(g, &o, files, diag);
    for (size_t k = 0; rc == SG_OK && k < formats[i].files; k++) {
        sg_buf_append(&files[k], "", 0); /* an empty file still gets its NUL */
        if (files[k].failed)
            rc = SG_ENOMEM;
    }
    sg_export *x = NULL;
    if (rc == SG_OK) {
        x = calloc(1, sizeof *x);
        if (!x)
            rc = SG_ENOMEM;
    }
    if (rc == SG_OK) {
        x->count = formats[i].files;
        for (size_t k = 0; k < x->count; k++) {
            x->data[k] = files[k].data;
            x->size[k] = files[k].len;
            files[k] = (sg_buf){0};
        }
        *out = x;
    }
    sg_buf_free(&files[0]);
    sg_buf_free(&files[1]);
    return rc;
}

void sg_export_free(sg_export *x) {
    if (!x)
        return;
    free(x->data[0]);
    free(x->data[1]);
    free(x);
}

size_t sg_export_file_count(const sg_export *x) {
    return x ? x->count : 0;
}

const char *sg_export_file_data(const sg_export *x, size_t k, size_t *size) {
    if (!x || k >= x->count) {
        if (size)
            *size = 0;
        return NULL;
    }
    if (size)
        *size = x->size[k];
    return x->data[k];
}

char *sg_export_file_path(const sg_export *x, size_t k, const char *path) {
    if (!x || k >= x->count || !path)
        return NULL;
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base) /* no extension (a leading dot names a hidden file) */
        dot = base + strlen(base);
    size_t head = (size_t)(dot - path);
    const char *suffix = suffixes[k];
    size_t n = strlen(path) + strlen(suffix) + 1;
    char *p = malloc(n);
    if (p) {
        memcpy(p, path, head);
        strcpy(p + head, suffix);
        strcat(p, dot);
    }
    return p;
}

/* ---------------------------------------------------------------------------------------- */
/* Shared helpers                                                                           */

const char *sg_export_attr(const sg_graph *g, sg_object on, size_t index, const char *name) {
    const char *v = sg_graph_attr(g, on, index, name);
    return v && *v ? v : NULL;
}

/* A plain decimal number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?, finite. */
static int plain_number(const char *s, double *value) {
    const char *p = s;
    if (*p == '-')
        p++;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (*p >= '0' && *p <= '9')
            p++;
    else
        return 0;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0' && sg_parse_number(s, value) == 0;
}

int sg_attr_columns_collect(const sg_graph *g, sg_object on, const char *weight_attr,
                            sg_attr_columns *out) {
    out->items = NULL;
    out->count = 0;
    size_t n = on == SG_ON_GRAPH  ? 1
               : on == SG_ON_NODE ? sg_graph_node_count(g)
                                  : sg_graph_edge_count(g);
    size_t cap = 0;
    int rc = SG_OK;
    /* seen[k]: column k has a value; kept beside the columns. */
    int *seen = NULL;
    for (size_t i = 0; i < n && rc == SG_OK; i++) {
        for (size_t a = 0; a < sg_graph_attr_count(g, on, i); a++) {
            const char *name, *value;
            sg_graph_attr_at(g, on, i, a, &name, &value);
            size_t c = 0;
            while (c < out->count && strcmp(out->items[c].name, name) != 0)
                c++;
            if (c == out->count) {
                if (out->count == cap) {
                    size_t ncap = cap ? cap * 2 : 8;
                    sg_attr_column *p = realloc(out->items, ncap * sizeof *p);
                    int *q = p ? realloc(seen, ncap * sizeof *q) : NULL;
                    if (p)
                        out->items = p;
                    if (!p || !q) {
                        rc = SG_ENOMEM;
                        break;
                    }
                    seen = q;
                    cap = ncap;
                }
                out->items[c] = (sg_attr_column){name, 1, 1};
                seen[c] = 0;
                out->count++;
            }
            if (!*value)
                continue;
            double v;
            sg_attr_column *col = &out->items[c];
            int is_weight = on == SG_ON_EDGE && weight_attr && strcmp(name, weight_attr) == 0;
            int number = is_weight ? sg_parse_number(value, &v) == 0 : plain_number(value, &v);
            seen[c] = 1;
            if (!number)
                col->numeric = col->integral = 0;
            else if (!(v == floor(v) && fabs(v) <= 2147483647.0))
                col->integral = 0;
        }
    }
    for (size_t c = 0; c < out->count; c++)
        if (!seen[c])
            out->items[c].numeric = out->items[c].integral = 0;
    free(seen);
    if (rc != SG_OK)
        sg_attr_columns_free(out);
    return rc;
}

int sg_attr_columns_collect_all(const sg_graph *g, const char *weight_attr,
                                sg_attr_columns cols[3]) {
    int rc = sg_attr_columns_collect(g, SG_ON_GRAPH, NULL, &cols[0]);
    if (rc == SG_OK)
        rc = sg_attr_columns_collect(g, SG_ON_NODE, NULL, &cols[1]);
    if (rc == SG_OK)
        rc = sg_attr_columns_collect(g, SG_ON_EDGE, weight_attr, &cols[2]);
    return rc;
}

void sg_attr_columns_free_all(sg_attr_columns cols[3]) {
    for (int k = 0; k < 3; k++)
        sg_attr_columns_free(&cols[k]);
}

void sg_attr_columns_free(sg_attr_columns *c) {
    free(c->items);
    c->items = NULL;
    c->count = 0;
}

void sg_export_number(sg_buf *b, double v) {
    if (v == 0.0)
        v = 0.0; /* -0 as 0 */
    sg_buf tmp = {0};
    for (int digits = 15; digits <= 17; digits++) {
        tmp.len = 0;
        sg_buf_printf(&tmp, "%.*g", digits, v);
        double back;
        if (tmp.failed || (sg_parse_number(tmp.data, &back) == 0 && back == v))
            break;
    }
    if (tmp.failed)
        b->failed = 1;
    else
        sg_buf_append(b, tmp.data, tmp.len);
    sg_buf_free(&tmp);
}

size_t sg_utf8_valid_prefix(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (p[i]) {
        unsigned char c = p[i];
        size_t len;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, cp = c & 0x07, min = 0x10000;
        } else {
            return i;
        }
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return i;
}

void sg_export_escape(sg_buf *out, const char *s, const sg_escape *table, sg_escape_fn other,
                      void *arg) {
    for (const char *p = s; *p;) {
        unsigned long cp;
        size_t len = sg_utf8_decode(p, &cp);
        const sg_escape *e = table;
        while (e->text && e->cp != cp)
            e++;
        if (e->text)
            sg_buf_puts(out, e->text);
        else if (!other || !other(out, cp, arg))
            sg_buf_append(out, p, len);
        p += len;
    }
}

size_t sg_utf8_decode(const char *s, unsigned long *cp) {
    const unsigned char *p = (const unsigned char *)s;
    unsigned char c = p[0];
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    unsigned long v = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (size_t k = 1; k < len; k++)
        v = (v << 6) | (p[k] & 0x3Fu);
    *cp = v;
    return len;
}

int sg_export_check_utf8(const char *s, const char *format, const char *what, sg_diag *diag) {
    size_t ok = sg_utf8_valid_prefix(s);
    if (s[ok] == '\0')
        return SG_OK;
    sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                "%s: the text is not valid UTF-8 (byte %zu: 0x%02X); %s needs UTF-8", what, ok + 1,
                (unsigned)(unsigned char)s[ok], format);
    return SG_EINVAL;
}

void sg_export_describe(sg_buf *b, const sg_graph *g, sg_object on, size_t index) {
    if (on == SG_ON_GRAPH)
        sg_buf_puts(b, "the graph");
    else if (on == SG_ON_NODE)
        sg_buf_printf(b, "node '%s'", sg_graph_node_id(g, index));
    else
        sg_buf_printf(b, "edge %zu '%s' -> '%s'", index + 1,
                      sg_graph_node_id(g, sg_graph_edge_source(g, index)),
                      sg_graph_node_id(g, sg_graph_edge_target(g, index)));
}
