/* Internal: what the figure writers (render.c, grid.c) share. */
#ifndef SG_RENDER_H
#define SG_RENDER_H

/** The Graphviz output format ("svg:svg", "png:cairo", "pdf:cairo") of the figure format
 * `format` (a name sg_render_format_find() gives); NULL for "gv" (the DOT text) and for an
 * unknown format. */
const char *sg_render_renderer(const char *format);

#endif
