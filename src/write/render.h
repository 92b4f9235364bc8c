/* Internal: what the figure writers (render.c, grid.c) share. */
#ifndef SG_RENDER_H
#define SG_RENDER_H

#include <stddef.h>

#include "stakegraph.h"
#include "util/strbuf.h"

/** The Graphviz output format ("svg:svg", "png:cairo", "pdf:cairo") of the figure format
 * `format` (a name sg_render_format_find() gives); NULL for "gv" (the DOT text) and for an
 * unknown format. */
const char *sg_render_renderer(const char *format);

/** Draws a figure into `figure` (bytes of the output format), its messages into `diag`;
 * returns SG_OK or an error code. Runs in the contained child. */
typedef int (*sg_figure_fn)(void *arg, sg_buf *figure, sg_diag *diag);

/**
 * Runs `draw(arg, ...)` by sg_contain(): in a child process on a large stack with a time limit
 * (Graphviz 2.43 crashes or hangs on some graphs). On success stores the figure in a new
 * NUL-terminated buffer of `*size` bytes in `*data` (free with sg_render_free()). The child's
 * messages and what Graphviz printed to stderr go to `diag`. A time-out, a crash or a child that
 * could not run is SG_ELIB with an error naming `what` ("figure", "grid"), followed by
 * `slow_hint` or `crash_hint` ("" for none); otherwise the status of `draw`, or SG_ENOMEM.
 */
int sg_figure_contained(sg_figure_fn draw, void *arg, const char *what, const char *slow_hint,
                        const char *crash_hint, char **data, size_t *size, sg_diag *diag);

#endif
