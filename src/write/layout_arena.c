/*
 * Graphviz's graph objects at increasing addresses during one layout: see layout_arena.h.
 *
 * cgraph allocates every graph's nodes, edges, records and dictionaries through the functions of
 * its memory discipline (cgraph.h, Agmemdisc_t); a graph opened without a discipline of its own
 * (agopen(..., NULL), as fdp opens its derived graph) uses the library's AgMemDisc. The first
 * span replaces AgMemDisc's alloc, resize and free with the functions below, which hand out the
 * region's blocks during a span and pass everything else to the functions they replaced.
 */
#include "write/layout_arena.h"

#include <cgraph.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ALIGN 16 /* malloc's alignment on x86-64 and aarch64 */

typedef struct region {
    char *base, *next, *end;
    size_t live; /* blocks handed out and not yet freed */
    struct region *older;
} region;

static Agmemdisc_t cgraph_own; /* AgMemDisc as cgraph set it up */
static int installed;
static region *open_region;  /* the current span's, else NULL */
static region *ended;        /* regions of ended spans with blocks still in use */

static region *holding(const void *p) {
    const char *c = p;
    if (open_region && c >= open_region->base && c < open_region->end)
        return open_region;
    for (region *r = ended; r; r = r->older)
        if (c >= r->base && c < r->end)
            return r;
    return NULL;
}

static void release(region *r) {
    region **link = &ended;
    while (*link && *link != r)
        link = &(*link)->older;
    if (*link)
        *link = r->older;
    munmap(r->base, (size_t)(r->end - r->base));
    free(r);
}

/* cgraph asks for zeroed memory (its memalloc is calloc): the region's pages are fresh
 * anonymous memory, zero until written, and no block is handed out twice. */
static void *arena_alloc(void *state, size_t req) {
    region *r = open_region;
    size_t size = req ? (req + (ALIGN - 1)) & ~(size_t)(ALIGN - 1) : ALIGN;
    if (r && size >= req && size <= (size_t)(r->end - r->next)) {
        void *p = r->next;
        r->next += size;
        r->live++;
        return p;
    }
    return cgraph_own.alloc(state, req);
}

static void arena_free(void *state, void *p) {
    region *r = p ? holding(p) : NULL;
    if (!r) {
        cgraph_own.free(state, p);
        return;
    }
    if (--r->live == 0 && r != open_region)
        release(r);
}

/* As cgraph's memresize: the first `old` bytes kept, the rest zero. */
static void *arena_resize(void *state, void *p, size_t old, size_t req) {
    if (!p || !holding(p))
        return cgraph_own.resize(state, p, old, req);
    void *q = arena_alloc(state, req);
    if (!q)
        return NULL;
    memcpy(q, p, old < req ? old : req);
    arena_free(state, p);
    return q;
}

int sg_layout_arena_begin(size_t bytes) {
    if (open_region) {
        errno = EBUSY;
        return -1;
    }
    region *r = malloc(sizeof *r);
    if (!r)
        return -1;
    void *base = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                      -1, 0);
    if (base == MAP_FAILED) {
        free(r);
        return -1;
    }
    *r = (region){.base = base, .next = base, .end = (char *)base + bytes};
    if (!installed) {
        cgraph_own = AgMemDisc;
        AgMemDisc.alloc = arena_alloc;
        AgMemDisc.resize = arena_resize;
        AgMemDisc.free = arena_free;
        installed = 1;
    }
    open_region = r;
    return 0;
}

void sg_layout_arena_end(void) {
    region *r = open_region;
    if (!r)
        return;
    open_region = NULL;
    if (r->live == 0) {
        munmap(r->base, (size_t)(r->end - r->base));
        free(r);
    } else {
        r->older = ended;
        ended = r;
    }
}

size_t sg_layout_arena_used(void) {
    return open_region ? (size_t)(open_region->next - open_region->base) : 0;
}
