/* The model: nodes and edges in input order, each with its own attributes. */
#include "stakegraph.h"
#include "util/strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *name;
    char *value;
} attr;

typedef struct {
    attr *items;
    size_t count;
    size_t cap;
} attr_list;

typedef struct {
    char *id;
    attr_list attrs;
} node_rec;

typedef struct {
    size_t source, target;
    attr_list attrs;
} edge_rec;

struct sg_graph {
    int directed;
    attr_list attrs;
    node_rec *nodes;
    size_t n_nodes, cap_nodes;
    edge_rec *edges;
    size_t n_edges, cap_edges;
    size_t *slots; /* open addressing: node index + 1, 0 = empty */
    size_t n_slots;
};

/* FNV-1a, 64 bits. */
static uint64_t hash_id(const char *s) {
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    /* FNV's low bits follow the last bytes closely (ids like N1, N2, ...); the table masks the
     * low bits, so mix the high ones in (the finaliser of MurmurHash3). */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

static void attrs_free(attr_list *l) {
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].name);
        free(l->items[i].value);
    }
    free(l->items);
}

sg_graph *sg_graph_new(int directed) {
    sg_graph *g = calloc(1, sizeof *g);
    if (g)
        g->directed = directed ? 1 : 0;
    return g;
}

void sg_graph_free(sg_graph *g) {
    if (!g)
        return;
    attrs_free(&g->attrs);
    for (size_t i = 0; i < g->n_nodes; i++) {
        free(g->nodes[i].id);
        attrs_free(&g->nodes[i].attrs);
    }
    for (size_t i = 0; i < g->n_edges; i++)
        attrs_free(&g->edges[i].attrs);
    free(g->nodes);
    free(g->edges);
    free(g->slots);
    free(g);
}

int sg_graph_directed(const sg_graph *g) {
    return g->directed;
}

size_t sg_graph_node_count(const sg_graph *g) {
    return g->n_nodes;
}

size_t sg_graph_edge_count(const sg_graph *g) {
    return g->n_edges;
}

static int rehash(sg_graph *g, size_t n_slots) {
    size_t *slots = calloc(n_slots, sizeof *slots);
    if (!slots)
        return SG_ENOMEM;
    for (size_t i = 0; i < g->n_nodes; i++) {
        size_t k = (size_t)(hash_id(g->nodes[i].id) & (n_slots - 1));
        while (slots[k])
            k = (k + 1) & (n_slots - 1);
        slots[k] = i + 1;
    }
    free(g->slots);
    g->slots = slots;
    g->n_slots = n_slots;
    return SG_OK;
}

int sg_graph_find_node(const sg_graph *g, const char *id, size_t *index) {
    if (!g->n_slots)
        return 0;
    size_t k = (size_t)(hash_id(id) & (g->n_slots - 1));
    while (g->slots[k]) {
        size_t i = g->slots[k] - 1;
        if (strcmp(g->nodes[i].id, id) == 0) {
            if (index)
                *index = i;
            return 1;
        }
        k = (k + 1) & (g->n_slots - 1);
    }
    return 0;
}

int sg_graph_add_node(sg_graph *g, const char *id, size_t *index) {
    if (sg_graph_find_node(g, id, index))
        return SG_EINVAL;
    if (g->n_nodes == g->cap_nodes) {
        size_t cap = g->cap_nodes ? g->cap_nodes * 2 : 16;
        node_rec *p = realloc(g->nodes, cap * sizeof *p);
        if (!p)
            return SG_ENOMEM;
        g->nodes = p;
        g->cap_nodes = cap;
    }
    if ((g->n_nodes + 1) * 2 > g->n_slots) {
        if (rehash(g, g->n_slots ? g->n_slots * 2 : 32) != SG_OK)
            return SG_ENOMEM;
    }
    char *copy = sg_strdup(id);
    if (!copy)
        return SG_ENOMEM;
    node_rec *n = &g->nodes[g->n_nodes];
    memset(n, 0, sizeof *n);
    n->id = copy;
    size_t k = (size_t)(hash_id(id) & (g->n_slots - 1));
    while (g->slots[k])
        k = (k + 1) & (g->n_slots - 1);
    g->slots[k] = g->n_nodes + 1;
    if (index)
        *index = g->n_nodes;
    g->n_nodes++;
    return SG_OK;
}

int sg_graph_add_edge(sg_graph *g, size_t source, size_t target, size_t *index) {
    if (source >= g->n_nodes || target >= g->n_nodes)
        return SG_EINVAL;
    if (g->n_edges == g->cap_edges) {
        size_t cap = g->cap_edges ? g->cap_edges * 2 : 16;
        edge_rec *p = realloc(g->edges, cap * sizeof *p);
        if (!p)
            return SG_ENOMEM;
        g->edges = p;
        g->cap_edges = cap;
    }
    edge_rec *e = &g->edges[g->n_edges];
    memset(e, 0, sizeof *e);
    e->source = source;
    e->target = target;
    if (index)
        *index = g->n_edges;
    g->n_edges++;
    return SG_OK;
}

const char *sg_graph_node_id(const sg_graph *g, size_t node) {
    return node < g->n_nodes ? g->nodes[node].id : NULL;
}

size_t sg_graph_edge_source(const sg_graph *g, size_t edge) {
    return g->edges[edge].source;
}

size_t sg_graph_edge_target(const sg_graph *g, size_t edge) {
    return g->edges[edge].target;
}

static attr_list *list_of(sg_graph *g, sg_object on, size_t index) {
    switch (on) {
    case SG_ON_GRAPH:
        return &g->attrs;
    case SG_ON_NODE:
        return index < g->n_nodes ? &g->nodes[index].attrs : NULL;
    case SG_ON_EDGE:
        return index < g->n_edges ? &g->edges[index].attrs : NULL;
    }
    return NULL;
}

static const attr_list *clist_of(const sg_graph *g, sg_object on, size_t index) {
    return list_of((sg_graph *)g, on, index);
}

int sg_graph_set_attr(sg_graph *g, sg_object on, size_t index, const char *name,
                      const char *value) {
    attr_list *l = list_of(g, on, index);
    if (!l || !name || !value)
        return SG_EINVAL;
    char *v = sg_strdup(value);
    if (!v)
        return SG_ENOMEM;
    for (size_t i = 0; i < l->count; i++) {
        if (strcmp(l->items[i].name, name) == 0) {
            free(l->items[i].value);
            l->items[i].value = v;
            return SG_OK;
        }
    }
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        attr *p = realloc(l->items, cap * sizeof *p);
        if (!p) {
            free(v);
            return SG_ENOMEM;
        }
        l->items = p;
        l->cap = cap;
    }
    char *n = sg_strdup(name);
    if (!n) {
        free(v);
        return SG_ENOMEM;
    }
    l->items[l->count].name = n;
    l->items[l->count].value = v;
    l->count++;
    return SG_OK;
}

const char *sg_graph_attr(const sg_graph *g, sg_object on, size_t index, const char *name) {
    const attr_list *l = clist_of(g, on, index);
    if (!l)
        return NULL;
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i].name, name) == 0)
            return l->items[i].value;
    return NULL;
}

size_t sg_graph_attr_count(const sg_graph *g, sg_object on, size_t index) {
    const attr_list *l = clist_of(g, on, index);
    return l ? l->count : 0;
}

int sg_graph_attr_at(const sg_graph *g, sg_object on, size_t index, size_t k, const char **name,
                     const char **value) {
    const attr_list *l = clist_of(g, on, index);
    if (!l || k >= l->count)
        return 0;
    if (name)
        *name = l->items[k].name;
    if (value)
        *value = l->items[k].value;
    return 1;
}

const char *sg_graph_node_label(const sg_graph *g, size_t node) {
    const char *l = sg_graph_attr(g, SG_ON_NODE, node, "label");
    return l && *l ? l : sg_graph_node_id(g, node);
}

const char *sg_graph_node_type(const sg_graph *g, size_t node) {
    const char *t = sg_graph_attr(g, SG_ON_NODE, node, "type");
    return t ? t : "";
}

const char *sg_graph_edge_relation(const sg_graph *g, size_t edge) {
    const char *r = sg_graph_attr(g, SG_ON_EDGE, edge, "relation");
    return r ? r : "";
}
