/* Internal: Graphviz's graph objects at addresses that follow the order they were made in, for
 * the span of one layout.
 *
 * Graphviz 2.43's fdp lays out a graph it derives from ours and points each derived edge from
 * the node at the lower address to the one at the higher (lib/fdpgen/layout.c, deriveGraph:
 * `hd > tl`); the order in which it then sums the forces on a node, and through 600 iterations
 * the whole layout, follows where the allocator put the derived nodes. Where that is depends on
 * the blocks freed before, and pango's font threads free theirs at times that vary: measured on
 * tests/data/fdp-usaid.gv with libgvc alone, 2 layouts in 800 processes differed from the rest
 * (the fdp command alike), and a second layout in the same process differed every time. With
 * the arena: 800 in 800 the same, and the second layout too.
 *
 * Between sg_layout_arena_begin() and sg_layout_arena_end(), every allocation through cgraph's
 * default memory discipline (AgMemDisc, used by each graph opened without one of its own, the
 * derived graph included) is taken from one region, each block after the one before: the
 * derived nodes lie in the order fdp makes them, the same every run. Blocks from the region are
 * never reused (freeing one only counts it); the region is unmapped once the span has ended and
 * every block in it has been freed (at agclose of the graphs that hold them).
 *
 * Not thread-safe, like cgraph itself: one span at a time, on the thread that uses Graphviz.
 */
#ifndef SG_LAYOUT_ARENA_H
#define SG_LAYOUT_ARENA_H

#include <stddef.h>

/**
 * Starts a span with a region of `bytes` of address space (reserved, not committed: pages are
 * used as blocks reach them). An allocation that does not fit in what is left falls back to
 * cgraph's own allocator, so a region too small costs the guarantee, never a failure.
 * Returns 0, or -1 when a span is already open or the region cannot be mapped (errno set); then
 * nothing changed and the layout runs on cgraph's own allocator.
 */
int sg_layout_arena_begin(size_t bytes);

/** Ends the span started by sg_layout_arena_begin(): later allocations go to cgraph's own
 * allocator. Blocks taken from the region stay valid until freed. No-op without a span. */
void sg_layout_arena_end(void);

/** Bytes handed out from the current span's region so far (0 without a span): to size it. */
size_t sg_layout_arena_used(void);

#endif
