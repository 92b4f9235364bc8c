/* Internal: the graph exports, one file per format, registered in graph_export.c, and the
 * helpers they share (attribute columns, numbers, UTF-8). */
#ifndef SG_GRAPH_EXPORT_H
#define SG_GRAPH_EXPORT_H

#include "stakegraph.h"
#include "util/strbuf.h"

/**
 * Writes `g` into `files[0]` (and, for the CSV pair, the nodes table into `files[1]`). The
 * options are filled in (never NULL, `weight_attr` chosen). Returns SG_OK, SG_EINVAL (a value
 * the format cannot hold; the error names the object in `diag`); a failed allocation shows as
 * `failed` in a buffer and the registry turns it into SG_ENOMEM.
 */
typedef int (*sg_graph_export_fn)(const sg_graph *g, const sg_export_options *opts, sg_buf files[2],
                                  sg_diag *diag);

int sg_export_dot(const sg_graph *g, const sg_export_options *opts, sg_buf files[2], sg_diag *diag);
int sg_export_graphml(const sg_graph *g, const sg_export_options *opts, sg_buf files[2],
                      sg_diag *diag);
int sg_export_gml(const sg_graph *g, const sg_export_options *opts, sg_buf files[2], sg_diag *diag);
int sg_export_pajek(const sg_graph *g, const sg_export_options *opts, sg_buf files[2],
                    sg_diag *diag);
int sg_export_csv(const sg_graph *g, const sg_export_options *opts, sg_buf files[2], sg_diag *diag);
int sg_export_json(const sg_graph *g, const sg_export_options *opts, sg_buf files[2],
                   sg_diag *diag);

/** One attribute name of one kind of object (graph, nodes or edges). */
typedef struct {
    const char *name; /* borrowed from the graph */
    int numeric;      /* every value set is a number (see sg_attr_columns_collect) */
    int integral;     /* numeric, and every value a whole number of at most 32 bits */
} sg_attr_column;

typedef struct {
    sg_attr_column *items;
    size_t count;
} sg_attr_columns;

/**
 * The attribute names set on the graph, on the nodes or on the edges, in order of first
 * appearance (objects in input order). An attribute is numeric when it has at least one value
 * and every value is a plain decimal number ("-12", "0.5", "1e6"; not "007", "+5", " 5", "1.",
 * which a number type would rewrite); the edge attribute `weight_attr` is numeric when every
 * value parses as a number at all (the weight is an amount by design.md). Empty values count
 * as unset everywhere. Returns SG_OK or SG_ENOMEM.
 */
int sg_attr_columns_collect(const sg_graph *g, sg_object on, const char *weight_attr,
                            sg_attr_columns *out);
void sg_attr_columns_free(sg_attr_columns *c);

/** The columns of the graph, of the nodes and of the edges (`weight_attr` as above), into
 * cols[0], cols[1] and cols[2]. Returns SG_OK or SG_ENOMEM; free with sg_attr_columns_free_all()
 * either way. */
int sg_attr_columns_collect_all(const sg_graph *g, const char *weight_attr,
                                sg_attr_columns cols[3]);
void sg_attr_columns_free_all(sg_attr_columns cols[3]);

/** The value of an attribute, or NULL when it is unset or empty. */
const char *sg_export_attr(const sg_graph *g, sg_object on, size_t index, const char *name);

/**
 * Appends a finite number in the shortest form that reads back as the same double ("%.15g",
 * else 16, else 17 significant digits), "." as decimal mark in every locale, -0 as 0.
 */
void sg_export_number(sg_buf *b, double v);

/** The length of the valid UTF-8 prefix of `s`: strlen(s) when all of `s` is valid UTF-8
 * (shortest forms, no surrogates, at most U+10FFFF). */
size_t sg_utf8_valid_prefix(const char *s);

/**
 * Decodes one UTF-8 character at `s` (valid UTF-8 assumed: check with sg_utf8_valid_prefix()).
 * Stores its code point and returns its length in bytes (1 for the NUL byte).
 */
size_t sg_utf8_decode(const char *s, unsigned long *cp);

/** A character and what a format writes for it. A table of them ends with `text` NULL. */
typedef struct {
    unsigned long cp;
    const char *text;
} sg_escape;

/** For a character not in the table: writes its escape to `out` and returns 1, or returns 0 to
 * have it copied as it is. `arg` is the caller's. */
typedef int (*sg_escape_fn)(sg_buf *out, unsigned long cp, void *arg);

/** Appends `s` (valid UTF-8 assumed) character by character: one of `table` as its text, any
 * other through `other` (NULL: copied). */
void sg_export_escape(sg_buf *out, const char *s, const sg_escape *table, sg_escape_fn other,
                      void *arg);

/** Adds an error "what: VALUE is not valid UTF-8 (byte N)" when `s` is not valid UTF-8, and
 * returns SG_EINVAL; SG_OK otherwise. `what` names the object ("node 'A', attribute 'label'"). */
int sg_export_check_utf8(const char *s, const char *format, const char *what, sg_diag *diag);

/** Describes an object for messages: "the graph", "node 'ID'", "edge 3 'A' -> 'B'". */
void sg_export_describe(sg_buf *b, const sg_graph *g, sg_object on, size_t index);

#endif
