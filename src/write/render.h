/* Internal: what the figure writers (render.c, grid.c) share. */
#ifndef SG_RENDER_H
#define SG_RENDER_H

#include <stddef.h>

#include "stakegraph.h"
#include "util/strbuf.h"

/* The figures' font. DejaVu Sans (Debian: fonts-dejavu-core) covers Latin with the Turkish
 * letters, Greek, Cyrillic, Arabic and Hebrew in one family; Noto Sans leaves Arabic and Hebrew
 * to other families (checked with fc-query on Debian 12). */
#define SG_FIGURE_FONT "DejaVu Sans"

/** The Graphviz output format ("svg:svg", "png:cairo", "pdf:cairo") of the figure format
 * `format` (a name sg_render_format_find() gives); NULL for "gv" (the DOT text) and for an
 * unknown format. */
const char *sg_render_renderer(const char *format);

/** Draws a figure into `figure` (bytes of the output format), its messages into `diag`;
 * returns SG_OK or an error code. Runs in the contained child. */
typedef int (*sg_figure_fn)(void *arg, sg_buf *figure, sg_diag *diag);

/**
 * Runs `draw(arg, ...)` by sg_contain(): in a child process on a large stack with a time limit
 * (Graphviz 2.43 crashes or hangs on some graphs), or inside sg_contain_command()'s child, which
 * is already that process (stakegraph's draw and grid). On success stores the figure in a new
 * NUL-terminated buffer of `*size` bytes in `*data` (free with sg_render_free()). The child's
 * messages and what Graphviz printed to stderr go to `diag`. A time-out, a crash or a child that
 * could not run is SG_ELIB with an error naming `what` ("figure", "grid"), followed by
 * `slow_hint` or `crash_hint` ("" for none); otherwise the status of `draw`, or SG_ENOMEM.
 */
int sg_figure_contained(sg_figure_fn draw, void *arg, const char *what, const char *slow_hint,
                        const char *crash_hint, char **data, size_t *size, sg_diag *diag);

/**
 * Appends to `out` the Graphviz graph attribute `size` that fits a figure within `width` x
 * `height` inches (a height of 0: no limit that way; a width of 0 with a height: a page's text
 * width, 16 cm), keeping its aspect and scaling it up as well as down ("W,H!", each to 3
 * significant digits); nothing when neither is set.
 */
void sg_figure_size(double width, double height, sg_buf *out);

/* The print rule (issue 6; render.c, "The print rule"): without --width and --height a figure
 * prints 16 cm wide when wider, and at most 24 cm tall; SG_PRINT_SIZE is Graphviz's `size` of
 * that box in inches (without "!": Graphviz only shrinks), which the figure then records (the
 * SVG's width and height, the PDF's page, the PNG's pixels at --dpi). At that size the
 * figure's texts print at SG_TEXT_MIN_PT points or more (draw's legend, grid's every text) and
 * its title at SG_TITLE_MIN_PT. */
#define SG_PRINT_SIZE "6.3,9.45"
#define SG_TEXT_MIN_PT 7.0
#define SG_TITLE_MIN_PT 9.0

/**
 * The scale at which a figure of `w` x `h` points prints under the print rule: given --width
 * `width` and --height `height` (inches, 0 when unset; a height alone within 16 cm wide as
 * well), the scale that fits it within them, up or down; without either, 1, or less to
 * shrink it to 16 cm wide and then to 24 cm tall. Always > 0.
 */
double sg_figure_print_scale(double width, double height, double w, double h);

/** SG_OK, or SG_EINVAL with an error in `diag` when the font name `font` (NULL: none) has a
 * quote, backslash or control character (DOT could not carry it back, nor fontconfig use it). */
int sg_figure_font_name_check(const char *font, sg_diag *diag);

/**
 * Warns in `diag` when the font family `font` (NULL or "": SG_FIGURE_FONT) is not installed
 * (fontconfig matches another family: the warning names the one the text is drawn in; a
 * generic family such as "serif" or "monospace" is never "not installed"), or when the `n_texts` texts (UTF-8; NULL entries skipped)
 * have characters the font does not cover, naming the font and the first five of them.
 * Time O(c log c) for c characters.
 */
void sg_figure_font_check(const char *font, const char *const *texts, size_t n_texts,
                          sg_diag *diag);

/**
 * Makes `title` and `desc` (UTF-8, escaped here; invalid bytes and control characters cleaned)
 * the SVG's <title> and <desc>, the first children of <svg> (SVG 1.1; what a screen reader
 * says of the figure). `*data` (malloc'd, `*size` bytes) is replaced by a new buffer; left as
 * it is when it has no <svg> element. SG_OK or SG_ENOMEM (`*data` unchanged).
 */
int sg_svg_describe(char **data, size_t *size, const char *title, const char *desc);

#endif
