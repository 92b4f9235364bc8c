/*
 * The style table of figures (internal): how a node type and an edge relation are drawn.
 *
 * Node colour comes from the Okabe-Ito palette (Okabe and Ito 2008, "Color Universal Design"),
 * which stays distinguishable under the common colour-vision deficiencies; the node shape is a
 * second channel, so a type is recognisable without colour too. A relation is drawn with a line
 * (style, width, single or double) and arrowheads that differ from every other known relation's,
 * so a grayscale print still tells them apart; colour is not used for relations.
 *
 * Type and relation names are matched ASCII case-insensitively, with ' ' and '-' taken as '_'
 * ("International Organisation" = "international_organisation"). Names outside the table get a
 * style chosen from the name (FNV-1a), so that a type or relation is drawn alike in every figure
 * whatever else the figure has; only two such names present that hash alike are told apart, the
 * first in byte order of their keys keeping its style. The order of registration does not
 * matter.
 *
 * The tables are constant; an sg_theme holds what one figure registered and is used from one
 * thread at a time.
 */
#ifndef SG_THEME_H
#define SG_THEME_H

#include <stddef.h>

#include "stakegraph.h"
#include "util/strbuf.h"

/** How the nodes of one type are drawn. Strings are static or owned by the theme. */
typedef struct {
    const char *fill;  /**< fill colour, "#RRGGBB" */
    const char *text;  /**< text colour readable on `fill`: "#000000" or "#FFFFFF" */
    const char *shape; /**< Graphviz shape name */
    const char *style; /**< Graphviz style: "filled" or "filled,rounded" */
} sg_node_style;

/**
 * How the edges of one relation are drawn. Strings are static or owned by the theme. The line alone (style, width,
 * single or double) differs between the known relations, so that they can be told apart in an
 * undirected graph too, where there are no arrowheads.
 */
typedef struct {
    const char *line;      /**< Graphviz line style: "solid", "dashed" or "dotted" */
    double penwidth;       /**< line width in points, 0.5 to 3 */
    int parallel;          /**< 1: drawn as two parallel strokes (a double line) */
    const char *arrowhead; /**< arrow at the target (Graphviz arrow shape, "none" for none) */
    const char *arrowtail; /**< arrow at the source; "none" when there is none */
} sg_edge_style;

/** A set of node types and relations with their styles, in order of registration. */
typedef struct sg_theme sg_theme;

/** A new, empty theme. NULL when out of memory. Free with sg_theme_free(). */
sg_theme *sg_theme_new(void);
void sg_theme_free(sg_theme *t);

/**
 * Registers a node type (NULL or "" is the "no type" category) and stores its index in `*k`.
 * Registering a name that matches an earlier one (same key) returns the earlier index.
 * A type outside the table gets a fill chosen from its name (FNV-1a of the key into the
 * categorical palette's colours, sg_theme_category_colour, that no type of the table has, but
 * Tol's cyan #88CCEE, too close to national government's sky blue) and
 * a shape chosen from its name, distinct from the other unknown types' fills: of two keys that
 * hash to one colour, the first in byte order keeps it, the other takes the next free colour.
 * Past the free colours (the last unknown types in byte order), a colour and shape pair chosen
 * from the name. Registering a type can thus change the fill of an unknown type registered
 * before (a collision): register every type of a figure before reading styles. The result
 * depends on the set of types, not on their order.
 * Returns SG_OK or SG_ENOMEM. O(number of types registered).
 */
int sg_theme_add_type(sg_theme *t, const char *type, size_t *k);
/**
 * As sg_theme_add_type(), for an edge relation (NULL or "" is "no relation"). A relation outside
 * the table gets one of 28 line-and-arrowhead pairs no built-in relation uses, chosen from its
 * name in the same way (distinct for the first 28 unknown relations in byte order).
 */
int sg_theme_add_relation(sg_theme *t, const char *relation, size_t *k);

size_t sg_theme_type_count(const sg_theme *t);
size_t sg_theme_relation_count(const sg_theme *t);

/** 1 when type k is the "no type" category (registered from NULL or ""), else 0. */
int sg_theme_type_is_empty(const sg_theme *t, size_t k);
/** 1 when relation k is the "no relation" category, else 0. */
int sg_theme_relation_is_empty(const sg_theme *t, size_t k);

/**
 * The legend's name of type k: the table's name for a known type ("International organisation"),
 * else the first spelling registered, with '_' shown as ' ' and the first letter (ASCII)
 * capitalised; "No type" for the empty category. Owned by the theme.
 */
const char *sg_theme_type_display(const sg_theme *t, size_t k);
/** As sg_theme_type_display(), for relation k ("Capacity building", "No relation"). */
const char *sg_theme_relation_display(const sg_theme *t, size_t k);

/**
 * The place of type k in a legend: known types in the table's order, then the others in order of
 * registration, the "no type" category last. Distinct for distinct k.
 */
size_t sg_theme_type_rank(const sg_theme *t, size_t k);
/** As sg_theme_type_rank(), for relation k. */
size_t sg_theme_relation_rank(const sg_theme *t, size_t k);

/** The style of type k. Owned by the theme. */
const sg_node_style *sg_theme_type_style(const sg_theme *t, size_t k);
/** The style of relation k. Owned by the theme. */
const sg_edge_style *sg_theme_relation_style(const sg_theme *t, size_t k);

/**
 * Appends the display form of `name` to `out`: '_' becomes ' ', the first character is
 * capitalised when it is an ASCII letter. Other bytes are copied unchanged.
 */
void sg_theme_display_name(const char *name, sg_buf *out);

/**
 * The text colour that reads best on the fill colour `fill` ("#RRGGBB"): black or white, whichever
 * has the higher WCAG 2.1 contrast ratio with it (ties to black). Static storage; "#000000" when
 * `fill` is not of the form "#RRGGBB".
 */
const char *sg_theme_text_colour(const char *fill);

/** The WCAG 2.1 contrast ratio (1 to 21) of two "#RRGGBB" colours; 0 if either is malformed. */
double sg_theme_contrast(const char *a, const char *b);

/**
 * Replaces the table of a fresh theme (nothing registered yet) by the one in `text` (`len`
 * bytes), a theme file (format in README.md, "Themes"). `file` names it in messages, which go
 * to `diag` with line and column (1-based, bytes). Returns SG_OK, SG_EINVAL (the first bad line;
 * the theme is then unusable), SG_ENOMEM.
 */
int sg_theme_load(sg_theme *t, const char *text, size_t len, const char *file, sg_diag *diag);
/** As sg_theme_load(), from the file at `path` (at most 1 MiB). SG_EIO when unreadable. */
int sg_theme_load_file(sg_theme *t, const char *path, sg_diag *diag);
/**
 * When the table was read from a theme file (sg_theme_load): one warning in `diag` per type and
 * per relation registered that the file does not define (drawn as unknown ones), of the file,
 * 'theme: no style for type "KEY"; drawn as an unknown type (colour and shape chosen from its
 * name)', unless `diag` holds that warning already (so a run that draws several figures warns
 * once). Nothing for the built-in table. Register every type and relation first.
 */
void sg_theme_warn_unnamed(const sg_theme *t, sg_diag *diag);
/** Appends the theme's table in the theme file format: types, relations, then aliases. */
void sg_theme_write(const sg_theme *t, sg_buf *out);

/** Number of colours of the categorical palette: Okabe-Ito's 8, then Paul Tol's muted 9. */
size_t sg_theme_category_colour_count(void);
/** Colour i ("#RRGGBB", static) of the categorical palette; repeats after the last. */
const char *sg_theme_category_colour(size_t i);
/** Number of colours of communities: Paul Tol's muted 8 (no cyan), then his light 8. */
size_t sg_theme_community_colour_count(void);
/**
 * Colour i ("#RRGGBB", static) of communities (--color-by community): Paul Tol's muted and light
 * schemes, none a built-in type's colour; repeats after the last.
 */
const char *sg_theme_community_colour(size_t i);
/** Gray i of n ("#RRGGBB" into `out`), from light (#F2F2F2, i = 0) to dark (#404040). */
void sg_theme_gray(size_t i, size_t n, char out[8]);
/**
 * The gray of a fill colour ("#RRGGBB" into `out`), the same wherever the colour is drawn:
 * the palette's colours (sg_theme_category_colour) from a fixed table of twelve lightness
 * levels (#F3F3F3 to #303030, and black) in which the six built-in types' colours are 15 L*
 * apart and the colours of unknown types fall between them; a gray itself; any other colour
 * (a theme file's) the gray of its CIE lightness L* (as a grayscale print shows it); NULL or
 * a malformed colour the fill of nodes without a type (#E0E0E0).
 */
void sg_theme_colour_gray(const char *fill, char out[8]);
/**
 * The grayscale fill of type k ("#RRGGBB" into `out`): sg_theme_colour_gray() of its fill, so
 * that a type has the same gray in every figure (draw of any view, grid) whatever other types
 * the figure has. O(1).
 */
void sg_theme_type_gray(const sg_theme *t, size_t k, char out[8]);

#endif
