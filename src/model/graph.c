/* The model: nodes and edges in input order, each with its own attributes. */
#include "model/graph.h"
#include "stakegraph.h"
#include "util/strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Memory layout (issue 10: 1,000,000 edges must fit beside igraph's own copy): every string
 * (ids, attribute values) lives in the graph's string pool, in large chunks freed with the
 * graph, and so are the arrays of attributes; attribute names are interned once per graph and
 * an attribute is a name number and a value pointer; values of a name with few distinct
 * values (relation, type, unit) are shared. A replaced value stays in the pool until the graph
 * is freed.
 */
typedef struct {
    uint32_t name; /* index in the graph's names */
    const char *value;
} attr;

typedef struct {
    attr *items;
    uint32_t count, cap;
} attr_list;

typedef struct {
    const char *id;
    attr_list attrs;
} node_rec;

typedef struct {
    size_t source, target;
    attr_list attrs;
} edge_rec;

typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    char data[];
} chunk;

/* Values of one attribute name that were seen, while they are few. */
#define SHARED_SLOTS 512 /* power of two; at most half used */
typedef struct {
    char *name;
    const char **shared; /* open addressing over SHARED_SLOTS; NULL: not shared (any more) */
    size_t n_shared;
} name_rec;

typedef struct {
    const char *id; /* the node's id, so that a lookup reads no node record */
    uint32_t tag;   /* high bits of the id's hash */
    uint32_t index; /* node index + 1, 0 = empty */
} slot;

struct sg_graph {
    int directed;
    attr_list attrs;
    node_rec *nodes;
    size_t n_nodes, cap_nodes;
    edge_rec *edges;
    size_t n_edges, cap_edges;
    slot *slots; /* open addressing over the node ids */
    size_t n_slots;
    name_rec *names;
    size_t n_names, cap_names;
    uint32_t last_name; /* the name found last: rows set the same names in turn */
    chunk *pool;
    chunk *id_pool; /* the ids apart, packed: lookups touch fewer cache lines and pages */
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

/* `n` bytes from the pool `*pool`, aligned for pointers. NULL when out of memory. */
static void *pool_alloc(chunk **pool, size_t n) {
    n = (n + 7) & ~(size_t)7;
    chunk *c = *pool;
    if (!c || c->cap - c->used < n) {
        /* Chunks double from 256 KiB to 8 MiB: a small graph takes little, a large one few
         * chunks in huge pages (sg_big_alloc: fewer page faults, issue 10). */
        size_t next = c ? 2 * (c->cap + sizeof(chunk)) : 262144;
        if (next > ((size_t)8 << 20))
            next = (size_t)8 << 20;
        size_t cap = n > 65536 ? n : next - sizeof(chunk);
        chunk *fresh = sg_big_alloc(sizeof(chunk) + cap);
        if (!fresh)
            return NULL;
        fresh->used = 0;
        fresh->cap = cap;
        if (c && n > 65536) { /* a large string: keep filling the current chunk */
            fresh->next = c->next;
            c->next = fresh;
        } else {
            fresh->next = c;
            *pool = fresh;
        }
        c = fresh;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

static const char *pool_strdup(chunk **pool, const char *s) {
    size_t n = strlen(s) + 1;
    char *p = pool_alloc(pool, n);
    if (p)
        memcpy(p, s, n);
    return p;
}

/* The number of attribute name `name`, added when `add` (the writers' path, which also
 * remembers it); -1 when absent (or out of memory). */
static long name_index(sg_graph *g, const char *name, int add) {
    /* The first byte before strcmp: the names of a graph (relation, weight, unit, label,
     * type) mostly differ there, and lookups by name were 4 % of the L report (issue 10). */
    if (g->last_name < g->n_names && g->names[g->last_name].name[0] == name[0] &&
        strcmp(g->names[g->last_name].name, name) == 0)
        return g->last_name;
    for (size_t k = 0; k < g->n_names; k++)
        if (g->names[k].name[0] == name[0] && strcmp(g->names[k].name, name) == 0) {
            if (add) /* lookups of a const graph write nothing (threads may read it) */
                g->last_name = (uint32_t)k;
            return (long)k;
        }
    if (!add)
        return -1;
    if (g->n_names == g->cap_names) {
        size_t cap = g->cap_names ? 2 * g->cap_names : 8;
        name_rec *p = realloc(g->names, cap * sizeof *p);
        if (!p)
            return -1;
        g->names = p;
        g->cap_names = cap;
    }
    name_rec *r = &g->names[g->n_names];
    r->name = sg_strdup(name);
    r->shared = calloc(SHARED_SLOTS, sizeof *r->shared);
    r->n_shared = 0;
    if (!r->name) {
        free(r->shared);
        return -1;
    }
    return g->last_name = (uint32_t)g->n_names++;
}

/* The stored copy of `value` for name `k`: shared with an equal earlier value while the name
 * has few distinct values. NULL when out of memory. */
static const char *value_copy(sg_graph *g, name_rec *r, const char *value) {
    if (!r->shared)
        return pool_strdup(&g->pool, value);
    size_t mask = SHARED_SLOTS - 1, k = (size_t)hash_id(value) & mask;
    while (r->shared[k]) {
        if (strcmp(r->shared[k], value) == 0)
            return r->shared[k];
        k = (k + 1) & mask;
    }
    const char *copy = pool_strdup(&g->pool, value);
    if (!copy)
        return NULL;
    if (++r->n_shared > SHARED_SLOTS / 2) { /* many distinct values: stop looking */
        free(r->shared);
        r->shared = NULL;
    } else {
        r->shared[k] = copy;
    }
    return copy;
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
    for (size_t k = 0; k < g->n_names; k++) {
        free(g->names[k].name);
        free(g->names[k].shared);
    }
    for (int k = 0; k < 2; k++)
        for (chunk *c = k ? g->id_pool : g->pool, *next; c; c = next) {
            next = c->next;
            free(c);
        }
    free(g->names);
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

/* Zeroed memory for the id table; from 2 MiB on in transparent huge pages where the kernel
 * offers them (madvise mode): random lookups then miss the TLB far less. */
static void *table_alloc(size_t bytes) {
    void *p = sg_big_alloc(bytes);
    if (p)
        memset(p, 0, bytes);
    return p;
}

static int rehash(sg_graph *g, size_t n_slots) {
    slot *slots = table_alloc(n_slots * sizeof *slots);
    if (!slots)
        return SG_ENOMEM;
    for (size_t i = 0; i < g->n_nodes; i++) {
        uint64_t h = hash_id(g->nodes[i].id);
        size_t k = (size_t)(h & (n_slots - 1));
        while (slots[k].index)
            k = (k + 1) & (n_slots - 1);
        slots[k] = (slot){g->nodes[i].id, (uint32_t)(h >> 32), (uint32_t)(i + 1)};
    }
    free(g->slots);
    g->slots = slots;
    g->n_slots = n_slots;
    return SG_OK;
}

/* The slot of `id` (hash h): its node's, or the empty one where it would go. */
static size_t probe(const sg_graph *g, const char *id, uint64_t h) {
    size_t mask = g->n_slots - 1, k = (size_t)(h & mask);
    uint32_t tag = (uint32_t)(h >> 32);
    while (g->slots[k].index) {
        if (g->slots[k].tag == tag && strcmp(g->slots[k].id, id) == 0)
            break;
        k = (k + 1) & mask;
    }
    return k;
}

void sg_graph_prefetch_node(const sg_graph *g, const char *id, int stage) {
    if (!g->n_slots)
        return;
    const slot *sl = &g->slots[hash_id(id) & (g->n_slots - 1)];
    if (stage == 0)
        __builtin_prefetch(sl);
    else if (sl->id)
        __builtin_prefetch(sl->id);
}

int sg_graph_find_node(const sg_graph *g, const char *id, size_t *index) {
    if (!g->n_slots)
        return 0;
    size_t k = probe(g, id, hash_id(id));
    if (!g->slots[k].index)
        return 0;
    if (index)
        *index = g->slots[k].index - 1;
    return 1;
}

int sg_graph_add_node(sg_graph *g, const char *id, size_t *index) {
    if (sg_graph_find_node(g, id, index))
        return SG_EINVAL;
    if (g->n_nodes >= UINT32_MAX - 1)
        return SG_ENOMEM; /* the id table holds 32-bit indices */
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
    const char *copy = pool_strdup(&g->id_pool, id);
    if (!copy)
        return SG_ENOMEM;
    node_rec *n = &g->nodes[g->n_nodes];
    memset(n, 0, sizeof *n);
    n->id = copy;
    uint64_t h = hash_id(id);
    size_t k = probe(g, id, h);
    g->slots[k] = (slot){copy, (uint32_t)(h >> 32), (uint32_t)(g->n_nodes + 1)};
    if (index)
        *index = g->n_nodes;
    g->n_nodes++;
    return SG_OK;
}

int sg_graph_reserve(sg_graph *g, size_t nodes, size_t edges) {
    if (nodes > g->cap_nodes && nodes < SIZE_MAX / sizeof(node_rec)) {
        node_rec *p = sg_big_alloc(nodes * sizeof *p);
        if (!p)
            return SG_ENOMEM;
        if (g->n_nodes)
            memcpy(p, g->nodes, g->n_nodes * sizeof *p);
        free(g->nodes);
        g->nodes = p;
        g->cap_nodes = nodes;
    }
    if (edges > g->cap_edges && edges < SIZE_MAX / sizeof(edge_rec)) {
        edge_rec *p = sg_big_alloc(edges * sizeof *p);
        if (!p)
            return SG_ENOMEM;
        if (g->n_edges)
            memcpy(p, g->edges, g->n_edges * sizeof *p);
        free(g->edges);
        g->edges = p;
        g->cap_edges = edges;
    }
    size_t slots = g->n_slots ? g->n_slots : 32;
    while (slots < nodes * 2 && slots < SIZE_MAX / 4)
        slots *= 2;
    if (slots > g->n_slots)
        return rehash(g, slots); /* the id table at its final size: no rehashing on the way */
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

long sg_graph_intern_name(sg_graph *g, const char *name) {
    return name ? name_index(g, name, 1) : -1;
}

size_t sg_graph_name_count(const sg_graph *g) {
    return g->n_names;
}

const char *sg_graph_name(const sg_graph *g, size_t k) {
    return k < g->n_names ? g->names[k].name : NULL;
}

int sg_graph_attr_number_at(const sg_graph *g, sg_object on, size_t index, size_t k,
                            size_t *name, const char **value) {
    const attr_list *l = clist_of(g, on, index);
    if (!l || k >= l->count)
        return 0;
    *name = l->items[k].name;
    *value = l->items[k].value;
    return 1;
}

int sg_graph_set_attr(sg_graph *g, sg_object on, size_t index, const char *name,
                      const char *value) {
    if (!list_of(g, on, index) || !name || !value)
        return SG_EINVAL;
    long k = name_index(g, name, 1);
    if (k < 0)
        return SG_ENOMEM;
    return sg_graph_set_attr_number(g, on, index, (size_t)k, value);
}

int sg_graph_set_attr_number(sg_graph *g, sg_object on, size_t index, size_t k,
                             const char *value) {
    attr_list *l = list_of(g, on, index);
    if (!l || !value || k >= g->n_names)
        return SG_EINVAL;
    const char *v = value_copy(g, &g->names[k], value);
    if (!v)
        return SG_ENOMEM;
    for (uint32_t i = 0; i < l->count; i++) {
        if (l->items[i].name == (uint32_t)k) {
            l->items[i].value = v;
            return SG_OK;
        }
    }
    if (l->count == l->cap) {
        /* From the pool: no allocation header per object (the old array stays there). */
        uint32_t cap = l->cap ? l->cap * 2 : 2;
        attr *p = pool_alloc(&g->pool, cap * sizeof *p);
        if (!p)
            return SG_ENOMEM;
        if (l->count)
            memcpy(p, l->items, l->count * sizeof *p);
        l->items = p;
        l->cap = cap;
    }
    l->items[l->count].name = (uint32_t)k;
    l->items[l->count].value = v;
    l->count++;
    return SG_OK;
}

const char *sg_graph_attr(const sg_graph *g, sg_object on, size_t index, const char *name) {
    const attr_list *l = clist_of(g, on, index);
    if (!l || !l->count)
        return NULL;
    long k = name_index((sg_graph *)g, name, 0);
    if (k < 0)
        return NULL;
    for (uint32_t i = 0; i < l->count; i++)
        if (l->items[i].name == (uint32_t)k)
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
        *name = g->names[l->items[k].name].name;
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

int sg_graph_any_node_has(const sg_graph *g, const char *name) {
    for (size_t v = 0, n = sg_graph_node_count(g); v < n; v++) {
        const char *t = sg_graph_attr(g, SG_ON_NODE, v, name);
        if (t && *t)
            return 1;
    }
    return 0;
}
