/* The model and diagnostics as bytes: length-prefixed strings, native byte order (both ends are
 * the same process image: the parent and its forked child). */
#include "model/serial.h"
#include "model/graph.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void put_u64(sg_buf *b, uint64_t v) {
    sg_buf_append(b, (const char *)&v, sizeof v);
}

static void put_str(sg_buf *b, const char *s) {
    put_u64(b, s ? (uint64_t)strlen(s) : UINT64_MAX);
    if (s)
        sg_buf_append(b, s, strlen(s));
}

/* A string with its NUL, so that the reader can use it where it lies. */
static void put_strz(sg_buf *b, const char *s) {
    size_t n = strlen(s);
    put_u64(b, n);
    sg_buf_append(b, s, n + 1);
}

/* The attributes of one object: their count, then each as name number and value. */
static void put_attrs(sg_buf *b, const sg_graph *g, sg_object on, size_t index) {
    size_t n = sg_graph_attr_count(g, on, index);
    put_u64(b, n);
    for (size_t k = 0; k < n; k++) {
        size_t name;
        const char *value;
        sg_graph_attr_number_at(g, on, index, k, &name, &value);
        put_u64(b, name);
        put_strz(b, value);
    }
}

void sg_serial_put_u64(sg_buf *b, uint64_t v) {
    put_u64(b, v);
}

void sg_serial_put_strz(sg_buf *b, const char *s) {
    put_strz(b, s);
}

static void put_messages(const sg_diag *diag, sg_buf *out) {
    put_u64(out, sg_diag_count(diag));
    for (size_t i = 0; i < sg_diag_count(diag); i++) {
        const sg_message *m = sg_diag_get(diag, i);
        put_u64(out, (uint64_t)m->severity);
        put_u64(out, (uint64_t)m->line);
        put_u64(out, (uint64_t)m->column);
        put_str(out, m->file);
        put_str(out, m->text);
    }
}

void sg_serialize_parts(const sg_diag *diag, const sg_serial_graph *parts, sg_buf *out) {
    put_messages(diag, out);
    put_u64(out, parts != NULL);
    if (!parts)
        return;
    put_u64(out, (uint64_t)parts->directed);
    put_u64(out, parts->nodes);
    put_u64(out, parts->edges);
    put_u64(out, parts->n_names);
    for (size_t k = 0; k < parts->n_names; k++)
        put_strz(out, parts->names[k]);
    sg_buf_append(out, parts->body, parts->body_len);
}

void sg_serialize(const sg_diag *diag, const sg_graph *g, sg_buf *out) {
    put_messages(diag, out);
    put_u64(out, g != NULL);
    if (!g)
        return;
    put_u64(out, (uint64_t)sg_graph_directed(g));
    put_u64(out, sg_graph_node_count(g));
    put_u64(out, sg_graph_edge_count(g));
    put_u64(out, sg_graph_name_count(g)); /* the attribute names once, then their numbers */
    for (size_t k = 0; k < sg_graph_name_count(g); k++)
        put_strz(out, sg_graph_name(g, k));
    put_attrs(out, g, SG_ON_GRAPH, 0);
    for (size_t i = 0; i < sg_graph_node_count(g); i++) {
        put_strz(out, sg_graph_node_id(g, i));
        put_attrs(out, g, SG_ON_NODE, i);
    }
    for (size_t e = 0; e < sg_graph_edge_count(g); e++) {
        put_u64(out, sg_graph_edge_source(g, e));
        put_u64(out, sg_graph_edge_target(g, e));
        put_attrs(out, g, SG_ON_EDGE, e);
    }
}

typedef struct {
    const char *p, *end;
    int bad;
} reader;

static uint64_t get_u64(reader *r) {
    uint64_t v = 0;
    if ((size_t)(r->end - r->p) < sizeof v) {
        r->bad = 1;
        return 0;
    }
    memcpy(&v, r->p, sizeof v);
    r->p += sizeof v;
    return v;
}

/* A malloc'd copy of the next string (NULL for a NULL string or on error). */
static char *get_str(reader *r) {
    uint64_t n = get_u64(r);
    if (r->bad || n == UINT64_MAX)
        return NULL;
    if (n > (uint64_t)(r->end - r->p)) {
        r->bad = 1;
        return NULL;
    }
    char *s = malloc((size_t)n + 1);
    if (!s) {
        r->bad = 1;
        return NULL;
    }
    memcpy(s, r->p, (size_t)n);
    s[n] = '\0';
    r->p += n;
    return s;
}

/* The next string written by put_strz(), where it lies in the bytes (NULL on error). */
static const char *get_strz(reader *r) {
    uint64_t n = get_u64(r);
    if (r->bad || n >= (uint64_t)(r->end - r->p) || r->p[n] != '\0') {
        r->bad = 1;
        return NULL;
    }
    const char *s = r->p;
    r->p += n + 1;
    return s;
}

static int get_attrs(reader *r, sg_graph *g, sg_object on, size_t index, uint64_t names) {
    uint64_t n = get_u64(r);
    for (uint64_t k = 0; k < n && !r->bad; k++) {
        uint64_t name = get_u64(r);
        const char *value = get_strz(r);
        if (!r->bad && (name >= names || sg_graph_set_attr_number(g, on, index, (size_t)name,
                                                                  value) != SG_OK))
            r->bad = 1;
    }
    return r->bad ? SG_EPARSE : SG_OK;
}

int sg_deserialize(const char *data, size_t size, sg_diag *diag, sg_graph **g) {
    reader r = {data, data + size, 0};
    *g = NULL;
    uint64_t messages = get_u64(&r);
    for (uint64_t i = 0; i < messages && !r.bad; i++) {
        uint64_t severity = get_u64(&r), line = get_u64(&r), column = get_u64(&r);
        char *file = get_str(&r), *text = get_str(&r);
        if (!r.bad && text)
            sg_diag_add(diag, (sg_severity)severity, file, (long)line, (long)column, "%s", text);
        free(file);
        free(text);
    }
    if (r.bad || !get_u64(&r))
        return r.bad ? SG_EPARSE : SG_OK;
    sg_graph *out = sg_graph_new((int)get_u64(&r));
    if (!out)
        return SG_ENOMEM;
    uint64_t n = get_u64(&r), m = get_u64(&r), names = get_u64(&r);
    /* Counts that the bytes cannot hold are malformed (and must not size the arrays). */
    uint64_t left = (uint64_t)(r.end - r.p);
    if (!r.bad && (n > left / 17 || m > left / 24 || names > left / 9))
        r.bad = 1;
    if (!r.bad && sg_graph_reserve(out, (size_t)n, (size_t)m) != SG_OK)
        r.bad = 1;
    for (uint64_t k = 0; k < names && !r.bad; k++) {
        const char *name = get_strz(&r);
        if (!r.bad && sg_graph_intern_name(out, name) != (long)k)
            r.bad = 1; /* a name twice, or out of memory */
    }
    if (!r.bad)
        get_attrs(&r, out, SG_ON_GRAPH, 0, names);
    for (uint64_t i = 0; i < n && !r.bad; i++) {
        const char *id = get_strz(&r);
        size_t index;
        if (!r.bad && sg_graph_add_node(out, id, &index) != SG_OK)
            r.bad = 1;
        if (!r.bad)
            get_attrs(&r, out, SG_ON_NODE, index, names);
    }
    for (uint64_t e = 0; e < m && !r.bad; e++) {
        uint64_t s = get_u64(&r), t = get_u64(&r);
        size_t index;
        if (!r.bad && sg_graph_add_edge(out, (size_t)s, (size_t)t, &index) != SG_OK)
            r.bad = 1;
        if (!r.bad)
            get_attrs(&r, out, SG_ON_EDGE, index, names);
    }
    if (r.bad) {
        sg_graph_free(out);
        return SG_EPARSE;
    }
    *g = out;
    return SG_OK;
}
