/*
 * Views: the part of a graph that a figure is about (design.md, stage "view"). Every view is a
 * new sg_graph made from a selection of the input's nodes and edges, kept in input order with
 * all their attributes; the graph's own attributes are copied too. Own code over the model.
 *
 * The steps work on a selection over the input graph (one flag per node and per edge), so that
 * node indices stay those of the input and of its analysis until the view is built.
 */
#include "stakegraph.h"
#include "style/theme.h"
#include "util/strbuf.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A selection of nodes and edges of `g`. */
typedef struct {
    const sg_graph *g;
    unsigned char *node; /* 1: kept */
    unsigned char *edge;
} selection;

static int sel_init(selection *s, const sg_graph *g) {
    size_t n = sg_graph_node_count(g), m = sg_graph_edge_count(g);
    s->g = g;
    s->node = malloc(n ? n : 1);
    s->edge = malloc(m ? m : 1);
    if (!s->node || !s->edge) {
        free(s->node);
        free(s->edge);
        return SG_ENOMEM;
    }
    memset(s->node, 1, n);
    memset(s->edge, 1, m);
    return SG_OK;
}

static void sel_free(selection *s) {
    free(s->node);
    free(s->edge);
}

/* Keeps only the edges whose both ends are kept. */
static void sel_induce(selection *s) {
    for (size_t e = 0; e < sg_graph_edge_count(s->g); e++)
        if (!s->node[sg_graph_edge_source(s->g, e)] || !s->node[sg_graph_edge_target(s->g, e)])
            s->edge[e] = 0;
}


/* Stores the view `v` in `*out` when `rc` is SG_OK, else frees it; returns `rc`. */
static int finish(sg_graph *v, int rc, sg_graph **out) {
    if (rc == SG_OK)
        *out = v;
    else
        sg_graph_free(v);
    return rc;
}

static int copy_attrs(const sg_graph *g, sg_graph *v, sg_object on, size_t from, size_t to) {
    for (size_t k = 0; k < sg_graph_attr_count(g, on, from); k++) {
        const char *name, *value;
        sg_graph_attr_at(g, on, from, k, &name, &value);
        int rc = sg_graph_set_attr(v, on, to, name, value);
        if (rc != SG_OK)
            return rc;
    }
    return SG_OK;
}

/* ---------------------------------------------------------------------------------------- */
/* Steps                                                                                    */

/* The next item of comma list *p in `item`, without the spaces around it (possibly empty);
 * *p moves past the item and its comma, to NULL after the last item. 0 when *p is NULL (the
 * list is done), else 1; item->failed is set when memory ran out. */
static int list_item(const char **p, sg_buf *item) {
    if (!*p)
        return 0;
    item->len = 0;
    if (item->data)
        item->data[0] = '\0';
    const char *c = *p;
    for (; *c && *c != ','; c++)
        if (item->len || *c != ' ')
            sg_buf_putc(item, *c);
    while (item->len && item->data[item->len - 1] == ' ')
        item->data[--item->len] = '\0';
    *p = *c ? c + 1 : NULL;
    return 1;
}

/* Each item of `list` that matches none of the `count` values `value(g, k)` (sg_name_equal())
 * is an error naming the distinct values present, in order of first appearance: a filter that
 * keeps nothing of what it names is a mistake (a typo, another graph's names), and a figure of
 * what is left would look like an answer. Returns the number of such items. */
static size_t check_unmatched(const sg_graph *g, const char *list, size_t count,
                              const char *(*value)(const sg_graph *, size_t), const char *option,
                              const char *object, const char *what, const char *plural,
                              sg_diag *diag) {
    sg_buf word = {0}, present = {0};
    size_t unmatched = 0;
    for (const char *p = list;; p++) {
        if (*p != ',' && *p) {
            sg_buf_putc(&word, *p);
            continue;
        }
        int found = 0;
        for (size_t k = 0; !found && word.len && k < count; k++)
            found = sg_name_equal(word.data, value(g, k));
        if (word.len && !found) {
            /* The distinct values: O(count x distinct), and graphs have few categories. */
            present.len = 0;
            const char **distinct = malloc((count ? count : 1) * sizeof *distinct);
            size_t nd = 0;
            for (size_t k = 0; distinct && k < count; k++) {
                const char *v = value(g, k);
                int seen = !*v;
                for (size_t j = 0; !seen && j < nd; j++)
                    seen = strcmp(distinct[j], v) == 0;
                if (!seen) {
                    distinct[nd++] = v;
                    sg_buf_printf(&present, "%s%s", present.len ? ", " : "", v);
                }
            }
            free(distinct);
            /* Trim the item as the list is read (spaces around items ignored). */
            const char *w = word.data;
            size_t len = word.len;
            while (len && *w == ' ')
                w++, len--;
            while (len && w[len - 1] == ' ')
                len--;
            if (len) {
                unmatched++;
                sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                            "%s: no %s has %s '%.*s' (%s present: %s)", option, object, what,
                            (int)len, w, plural, present.len ? present.data : "none");
            }
        }
        word.len = 0;
        if (!*p)
            break;
    }
    sg_buf_free(&word);
    sg_buf_free(&present);
    return unmatched;
}

static int step_relations(selection *s, const char *relations, sg_diag *diag) {
    if (check_unmatched(s->g, relations, sg_graph_edge_count(s->g), sg_graph_edge_relation,
                        "--relation", "edge", "relation", "relations", diag))
        return SG_EINVAL;
    for (size_t e = 0; e < sg_graph_edge_count(s->g); e++)
        if (!sg_list_has_name(relations, sg_graph_edge_relation(s->g, e)))
            s->edge[e] = 0;
    return SG_OK;
}

static int step_types(selection *s, const char *types, sg_diag *diag) {
    if (check_unmatched(s->g, types, sg_graph_node_count(s->g), sg_graph_node_type, "--type",
                        "node", "type", "types", diag))
        return SG_EINVAL;
    for (size_t i = 0; i < sg_graph_node_count(s->g); i++)
        if (!sg_list_has_name(types, sg_graph_node_type(s->g, i)))
            s->node[i] = 0;
    sel_induce(s);
    return SG_OK;
}

/* After the relation and type filters: the nodes they left without an edge, though they had
 * one in `g`, are left out, with a warning saying how many (a funding view of the default
 * graph showed 9 of its 11 nodes unlinked). Nodes without an edge in `g` stay: the filters did
 * not unlink them. When no kept node has a kept edge, every kept node stays (--type donor: the
 * donors, among whom there is no link). A self-loop is an edge. O(n + m). */
static int step_unlinked(selection *s, int relations, int types, sg_diag *diag) {
    const sg_graph *g = s->g;
    size_t n = sg_graph_node_count(g), m = sg_graph_edge_count(g);
    unsigned char *linked = calloc(n ? n : 1, 1); /* bit 0: in g; bit 1: in the view */
    if (!linked)
        return SG_ENOMEM;
    for (size_t e = 0; e < m; e++) {
        size_t a = sg_graph_edge_source(g, e), b = sg_graph_edge_target(g, e);
        unsigned char bits = (unsigned char)(1 | (s->edge[e] ? 2 : 0));
        linked[a] |= bits;
        linked[b] |= bits;
    }
    size_t dropped = 0, any_linked = 0;
    for (size_t i = 0; i < n; i++) {
        any_linked += s->node[i] && (linked[i] & 2);
        dropped += s->node[i] && linked[i] == 1;
    }
    if (dropped && any_linked) {
        for (size_t i = 0; i < n; i++)
            if (s->node[i] && linked[i] == 1)
                s->node[i] = 0;
        sg_diag_add(diag, SG_WARNING, NULL, 0, 0, "%zu stakeholder%s without a link %s left out",
                    dropped, dropped == 1 ? "" : "s",
                    relations && types ? "of the chosen relations among the chosen types"
                    : relations        ? "of the chosen relations"
                                       : "to another of the chosen types");
    }
    free(linked);
    return SG_OK;
}

/* ASCII lower case, never the locale's. */
static char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The edit distance (Levenshtein, bytes, ASCII case folded) between `a` and `b`, or `limit` + 1
 * once it must exceed `limit`. O(|a| |b|), on the error path only. */
static size_t edit_distance(const char *a, const char *b, size_t limit) {
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    size_t *row = malloc((lb + 1) * sizeof *row);
    if (!row)
        return limit + 1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0], best = row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            int same = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]);
            size_t v = diag + !same;
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > limit) {
            free(row);
            return limit + 1;
        }
    }
    size_t d = row[lb];
    free(row);
    return d;
}

/* 1 when `needle` (non-empty) occurs in `hay`, ASCII case folded. */
static int contains_folded(const char *hay, const char *needle) {
    size_t ln = strlen(needle);
    for (; ln && *hay; hay++) {
        size_t k = 0;
        while (k < ln && hay[k] && ascii_lower(hay[k]) == ascii_lower(needle[k]))
            k++;
        if (k == ln)
            return 1;
    }
    return 0;
}

/* The nodes whose label is `name` (`folded`: ASCII case folded); SIZE_MAX when none, SIZE_MAX
 * - 1 when several (their ids appended to `ids`). */
static size_t find_label(const sg_graph *g, const char *name, int folded, sg_buf *ids) {
    size_t found = SIZE_MAX, count = 0;
    for (size_t i = 0; i < sg_graph_node_count(g); i++) {
        const char *label = sg_graph_node_label(g, i);
        if (folded ? sg_ascii_casecmp(label, name) != 0 : strcmp(label, name) != 0)
            continue;
        sg_buf_printf(ids, "%s%s", count++ ? ", " : "", sg_graph_node_id(g, i));
        found = i;
    }
    return count > 1 ? SIZE_MAX - 1 : found;
}

/* Up to 5 nodes whose id or label is close to `name` (contains it or is contained in it,
 * ASCII case folded, or within an edit distance of a third of its length), nearest first,
 * ties in input order, as `ID ("LABEL")`, appended to `out`. */
static void close_matches(const sg_graph *g, const char *name, sg_buf *out) {
    enum { MAX_SHOWN = 5 };
    size_t n = sg_graph_node_count(g), len = strlen(name), limit = len / 3 ? len / 3 : 1;
    size_t best[MAX_SHOWN], dist[MAX_SHOWN], shown = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id = sg_graph_node_id(g, i), *label = sg_graph_node_label(g, i);
        size_t d = edit_distance(name, id, limit), dl = edit_distance(name, label, limit);
        if (dl < d)
            d = dl;
        if (d > limit) {
            if (contains_folded(id, name) || contains_folded(label, name) ||
                (*id && contains_folded(name, id)))
                d = limit + 1; /* after every near spelling */
            else
                continue;
        }
        size_t at = shown;
        while (at > 0 && dist[at - 1] > d)
            at--;
        if (at == MAX_SHOWN)
            continue;
        if (shown < MAX_SHOWN)
            shown++;
        memmove(best + at + 1, best + at, (shown - 1 - at) * sizeof *best);
        memmove(dist + at + 1, dist + at, (shown - 1 - at) * sizeof *dist);
        best[at] = i;
        dist[at] = d;
    }
    for (size_t k = 0; k < shown; k++) {
        const char *id = sg_graph_node_id(g, best[k]), *label = sg_graph_node_label(g, best[k]);
        sg_buf_printf(out, "%s%s", k ? ", " : "", id);
        if (strcmp(id, label) != 0)
            sg_buf_printf(out, " (\"%s\")", label);
    }
}

/* The nodes whose id or label is `name` in any ASCII case; SIZE_MAX when none, SIZE_MAX - 1
 * when several (their ids appended to `ids`). */
static size_t find_folded(const sg_graph *g, const char *name, sg_buf *ids) {
    size_t found = SIZE_MAX, count = 0;
    for (size_t i = 0; i < sg_graph_node_count(g); i++) {
        if (sg_ascii_casecmp(sg_graph_node_id(g, i), name) != 0 &&
            sg_ascii_casecmp(sg_graph_node_label(g, i), name) != 0)
            continue;
        sg_buf_printf(ids, "%s%s", count++ ? ", " : "", sg_graph_node_id(g, i));
        found = i;
    }
    return count > 1 ? SIZE_MAX - 1 : found;
}

/* The node that one --ego item names: its id, else its exact label, else its id or label in
 * any (ASCII) case ("iom" for IOM, as labels already matched). Returns 1 and stores the index,
 * or 0 with an error in `diag`: several nodes named so (their ids listed), or none. */
static int resolve_ego(const selection *s, const char *name, size_t *node, sg_diag *diag) {
    const sg_graph *g = s->g;
    sg_buf ids = {0};
    size_t found = SIZE_MAX;
    int folded = 0;
    if (sg_graph_find_node(g, name, node))
        found = *node;
    if (found == SIZE_MAX)
        found = find_label(g, name, 0, &ids);
    if (found == SIZE_MAX) {
        folded = 1;
        found = find_folded(g, name, &ids);
    }
    if (found == SIZE_MAX - 1) {
        if (folded)
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                        "--ego: \"%s\" is, in another case, the id or label of several nodes "
                        "(ids %s): give one of the ids as written",
                        name, ids.data ? ids.data : "");
        else
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                        "--ego: \"%s\" is the label of several nodes (ids %s): give one of the "
                        "ids",
                        name, ids.data ? ids.data : "");
    } else if (found == SIZE_MAX) {
        sg_buf near = {0};
        close_matches(g, name, &near);
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "--ego: no node with id or label \"%s\" (%s%s)",
                    name, near.len ? "close matches: " : "no id or label is close",
                    near.len ? near.data : "");
        sg_buf_free(&near);
    } else if (!s->node[found]) {
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                    "--ego: node \"%s\" is not in the view (left out by another option)",
                    sg_graph_node_id(g, found));
    }
    sg_buf_free(&ids);
    if (found >= SIZE_MAX - 1 || !s->node[found])
        return 0;
    *node = found;
    return 1;
}

/* Breadth-first search from the --ego nodes over the kept edges, both directions, `radius`
 * steps: the union of their ego networks. `ego` is one node (id, else label, see resolve_ego())
 * or, when the whole string names none, a comma-separated list of them. */
static int step_ego(selection *s, const char *ego, size_t radius, sg_diag *diag) {
    const sg_graph *g = s->g;
    size_t n = sg_graph_node_count(g), m = sg_graph_edge_count(g), start;
    if (!ego || !*ego) {
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "--ego needs a node id or label");
        return SG_EINVAL;
    }
    size_t *dist = malloc((n ? n : 1) * sizeof *dist);
    if (!dist)
        return SG_ENOMEM;
    for (size_t i = 0; i < n; i++)
        dist[i] = (size_t)-1;
    sg_diag *quiet = sg_diag_new(); /* the whole string's failure, said only if no list */
    int whole = quiet && resolve_ego(s, ego, &start, quiet) ? 1 : 0;
    if (!whole && !quiet) {
        free(dist);
        return SG_ENOMEM;
    }
    if (whole || !strchr(ego, ',')) {
        if (!whole)
            for (size_t i = 0; i < sg_diag_count(quiet); i++)
                sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "%s", sg_diag_get(quiet, i)->text);
        sg_diag_free(quiet);
        if (!whole) {
            free(dist);
            return SG_EINVAL;
        }
        dist[start] = 0;
    } else {
        sg_diag_free(quiet);
        /* the items, spaces around them ignored; each must name a node */
        sg_buf item = {0};
        int bad = 0;
        for (const char *p = ego; list_item(&p, &item);)
            if (item.len) {
                if (resolve_ego(s, item.data, &start, diag))
                    dist[start] = 0;
                else
                    bad = 1;
            }
        int failed = item.failed;
        sg_buf_free(&item);
        if (bad || failed) {
            free(dist);
            return failed && !bad ? SG_ENOMEM : SG_EINVAL;
        }
    }
    /* One pass over the edges per step: O(radius x m), and radius stops growing the set once
     * nothing new is reached. */
    for (size_t step = 1; step <= radius; step++) {
        int grew = 0;
        for (size_t e = 0; e < m; e++) {
            if (!s->edge[e])
                continue;
            size_t a = sg_graph_edge_source(g, e), b = sg_graph_edge_target(g, e);
            if (dist[a] == step - 1 && dist[b] == (size_t)-1 && s->node[b]) {
                dist[b] = step;
                grew = 1;
            }
            if (dist[b] == step - 1 && dist[a] == (size_t)-1 && s->node[a]) {
                dist[a] = step;
                grew = 1;
            }
        }
        if (!grew)
            break;
    }
    for (size_t i = 0; i < n; i++)
        if (dist[i] == (size_t)-1)
            s->node[i] = 0;
    free(dist);
    sel_induce(s);
    return SG_OK;
}

typedef struct {
    double value; /* NaN sorts last */
    size_t index;
} ranked;

static int ranked_cmp(const void *pa, const void *pb) {
    const ranked *a = pa, *b = pb;
    int na = isnan(a->value), nb = isnan(b->value);
    if (na != nb)
        return na - nb;
    if (!na && a->value != b->value)
        return a->value > b->value ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int step_top(selection *s, const sg_analysis *a, size_t k, sg_measure by, sg_diag *diag) {
    const sg_graph *g = s->g;
    size_t n = sg_graph_node_count(g);
    if (!a || sg_analysis_node_count(a) != n) {
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "--top needs the analysis of the same graph");
        return SG_EINVAL;
    }
    if (!sg_analysis_computed(a, by)) {
        const char *name = sg_measure_name(by);
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "--by %s: the measure was not computed",
                    name ? name : "(unknown)");
        return SG_EINVAL;
    }
    ranked *r = malloc((n ? n : 1) * sizeof *r);
    if (!r)
        return SG_ENOMEM;
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (s->node[i])
            r[count++] = (ranked){sg_analysis_value(a, by, i), i};
    qsort(r, count, sizeof *r, ranked_cmp);
    for (size_t j = k; j < count; j++)
        s->node[r[j].index] = 0;
    free(r);
    sel_induce(s);
    return SG_OK;
}

/* ---------------------------------------------------------------------------------------- */
/* Collapse                                                                                 */

/* One aggregated edge: the kept edges with the same source group, target group (an unordered
 * pair when the graph is undirected), relation and unit. */
typedef struct {
    size_t source, target; /* groups */
    const char *relation;  /* borrowed from the input */
    const char *unit;      /* borrowed; "" when none */
    size_t first;          /* its first edge, in input order */
    size_t count, known;   /* edges, and those with a weight */
    double weight;         /* the sum of the known weights */
} group_edge;

/* An edge's aggregation key, for sorting. */
typedef struct {
    size_t source, target;
    const char *relation, *unit;
    size_t edge;
} edge_sort_key;

/* 0 when two edges aggregate together. */
static int same_key_cmp(const edge_sort_key *a, const edge_sort_key *b) {
    if (a->source != b->source)
        return a->source < b->source ? -1 : 1;
    if (a->target != b->target)
        return a->target < b->target ? -1 : 1;
    int c = strcmp(a->relation, b->relation);
    return c ? c : strcmp(a->unit, b->unit);
}

/* The key, then input order. */
static int edge_sort_key_cmp(const void *pa, const void *pb) {
    const edge_sort_key *a = pa, *b = pb;
    int c = same_key_cmp(a, b);
    return c ? c : (a->edge > b->edge) - (a->edge < b->edge);
}

static const char *node_value(const sg_graph *g, size_t i, const char *attr) {
    const char *v = sg_graph_attr(g, SG_ON_NODE, i, attr);
    return v ? v : "";
}

static const char *edge_attr_or_empty(const sg_graph *g, size_t e, const char *name) {
    const char *v = sg_graph_attr(g, SG_ON_EDGE, e, name);
    return v ? v : "";
}

/* The weight attribute: `weight_attr`, else "weight", else "amount" when an edge has it. */
static const char *weight_name(const sg_graph *g, const char *weight_attr) {
    if (weight_attr && *weight_attr)
        return weight_attr;
    for (size_t e = 0; e < sg_graph_edge_count(g); e++)
        if (sg_graph_attr(g, SG_ON_EDGE, e, "weight"))
            return "weight";
    for (size_t e = 0; e < sg_graph_edge_count(g); e++)
        if (sg_graph_attr(g, SG_ON_EDGE, e, "amount"))
            return "amount";
    return "weight";
}

static int set_number(sg_graph *v, sg_object on, size_t index, const char *name, double x) {
    char text[64];
    sg_format_number(x, 15, text, sizeof text);
    return sg_graph_set_attr(v, on, index, name, text);
}

/* The aggregation key of kept edge e: its ends' groups (ordered when undirected), relation,
 * unit. */
static edge_sort_key edge_key(const sg_graph *g, const size_t *group, size_t e) {
    size_t a = group[sg_graph_edge_source(g, e)], b = group[sg_graph_edge_target(g, e)];
    if (!sg_graph_directed(g) && b < a) {
        size_t t = a;
        a = b;
        b = t;
    }
    return (edge_sort_key){a, b, sg_graph_edge_relation(g, e), edge_attr_or_empty(g, e, "unit"),
                           e};
}

/* Aggregates the kept edges of `s`: one group_edge per (group[source], group[target], relation,
 * unit), an unordered pair of groups when undirected, in order of first appearance, stored in
 * `*out` (the caller frees) with their number in `*count`; `of[e]` (room for every edge) gets
 * kept edge e's aggregate. Sums the weights `wname`: a weight that is not an amount is SG_EINVAL
 * naming `option` when `strict`, else a warning and left out of the sum. O(m log m): the keys
 * sorted, so that each run of equal keys is one aggregate. Used by the collapse and by the merge
 * of parallel edges (sg_view_options.merge_parallel). */
static int aggregate(const selection *s, const size_t *group, const char *wname, int strict,
                     const char *option, group_edge **out, size_t *count, size_t *of,
                     sg_diag *diag) {
    const sg_graph *g = s->g;
    size_t m = sg_graph_edge_count(g), nk = 0, nge = 0;
    edge_sort_key *key = malloc((m ? m : 1) * sizeof *key);
    group_edge *ge = malloc((m ? m : 1) * sizeof *ge);
    if (!key || !ge) {
        free(key);
        free(ge);
        return SG_ENOMEM;
    }
    for (size_t e = 0; e < m; e++)
        if (s->edge[e])
            key[nk++] = edge_key(g, group, e);
    qsort(key, nk, sizeof *key, edge_sort_key_cmp);
    /* of[e]: first the first edge of e's run (the run's first key, ties being in input order) */
    for (size_t i = 0, run = 0; i < nk; i++) {
        if (same_key_cmp(&key[run], &key[i]) != 0)
            run = i;
        of[key[i].edge] = key[run].edge;
    }
    free(key);
    /* then, in input order, where a run's first edge comes before the others: its aggregate */
    int rc = SG_OK;
    for (size_t e = 0; rc == SG_OK && e < m; e++) {
        if (!s->edge[e])
            continue;
        if (of[e] == e) {
            edge_sort_key k = edge_key(g, group, e);
            ge[nge] = (group_edge){k.source, k.target, k.relation, k.unit, e, 0, 0, 0.0};
            of[e] = nge++;
        } else {
            of[e] = of[of[e]];
        }
        group_edge *x = &ge[of[e]];
        x->count++;
        const char *w = sg_graph_attr(g, SG_ON_EDGE, e, wname);
        double amount;
        if (!w || !*w)
            continue;
        if (sg_parse_number(w, &amount) == 0 && isfinite(amount) && amount >= 0) {
            x->weight += amount;
            x->known++;
            continue;
        }
        sg_diag_add(diag, strict ? SG_ERROR : SG_WARNING, NULL, 0, 0,
                    "%s: edge %s -> %s: %s \"%s\" is not an amount%s", option,
                    sg_graph_node_id(g, sg_graph_edge_source(g, e)),
                    sg_graph_node_id(g, sg_graph_edge_target(g, e)), wname, w,
                    strict ? "" : " (left out of the sum)");
        if (strict)
            rc = SG_EINVAL;
    }
    if (rc != SG_OK) {
        free(ge);
        return rc;
    }
    *out = ge;
    *count = nge;
    return SG_OK;
}

static int name_ptr_cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Appends to `out` the names of the node attributes of g that some node has with a value,
 * distinct, in byte order, ", " between (as --color-by's warning names them). SG_OK or
 * SG_ENOMEM. */
static int present_node_attrs(const sg_graph *g, sg_buf *out) {
    size_t nn = sg_graph_node_count(g), total = 0, n = 0;
    for (size_t v = 0; v < nn; v++)
        total += sg_graph_attr_count(g, SG_ON_NODE, v);
    const char **names = calloc(total + 1, sizeof *names);
    if (!names)
        return SG_ENOMEM;
    for (size_t v = 0; v < nn; v++)
        for (size_t k = 0; k < sg_graph_attr_count(g, SG_ON_NODE, v); k++) {
            const char *name, *value;
            if (sg_graph_attr_at(g, SG_ON_NODE, v, k, &name, &value) && value && *value)
                names[n++] = name;
        }
    qsort(names, n, sizeof *names, name_ptr_cmp);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(names[i - 1], names[i]) != 0)
            sg_buf_printf(out, "%s%s", out->len ? ", " : "", names[i]);
    free(names);
    return out->failed ? SG_ENOMEM : SG_OK;
}

/* A theme (sg_theme_new(), with the table of the theme file `theme_path` when not NULL) in
 * `*out` with the types of the collapsed view `v` (group ids: the values, "(none)") registered
 * in byte order of the ids, as the figure registers its nodes (render.c, canonical order), so
 * that a group's display name is the legend's. SG_OK, the theme file's error, SG_ENOMEM. */
static int type_names(const sg_graph *v, const char *theme_path, sg_theme **out,
                      sg_diag *diag) {
    size_t n = sg_graph_node_count(v);
    sg_theme *t = sg_theme_new();
    const char **ids = malloc((n ? n : 1) * sizeof *ids);
    int rc = t && ids ? SG_OK : SG_ENOMEM;
    if (rc == SG_OK && theme_path)
        rc = sg_theme_load_file(t, theme_path, diag);
    for (size_t i = 0; rc == SG_OK && i < n; i++)
        ids[i] = sg_graph_node_id(v, i);
    if (rc == SG_OK)
        qsort(ids, n, sizeof *ids, name_ptr_cmp);
    for (size_t i = 0; rc == SG_OK && i < n; i++) {
        size_t k, index;
        sg_graph_find_node(v, ids[i], &index);
        rc = sg_theme_add_type(t, sg_graph_node_type(v, index), &k);
    }
    free(ids);
    if (rc != SG_OK) {
        sg_theme_free(t);
        t = NULL;
    }
    *out = t;
    return rc;
}

static int collapse(const selection *s, const char *attr, const char *weight_attr,
                    const char *theme_path, sg_graph **out, sg_diag *diag) {
    const sg_graph *g = s->g;
    size_t n = sg_graph_node_count(g), m = sg_graph_edge_count(g);
    size_t with = 0;
    while (with < n && !*node_value(g, with, attr))
        with++;
    if (with == n) {
        sg_buf present = {0};
        int rc = present_node_attrs(g, &present);
        if (rc == SG_OK)
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                        "--collapse: no node has the attribute \"%s\" (node attributes "
                        "present: %s; nothing to group by)",
                        attr, present.len ? present.data : "none");
        sg_buf_free(&present);
        return rc == SG_OK ? SG_EINVAL : rc;
    }
    const char *wname = weight_name(g, weight_attr);
    sg_graph *v = sg_graph_new(sg_graph_directed(g));
    size_t *group = malloc((n ? n : 1) * sizeof *group);   /* node -> group */
    size_t *members = calloc(n ? n : 1, sizeof *members);  /* group -> node count */
    size_t *of = malloc((m ? m : 1) * sizeof *of);         /* edge -> aggregated edge */
    group_edge *ge = NULL;
    size_t ng = 0, nge = 0;
    sg_buf text = {0};
    int rc = v && group && members && of ? copy_attrs(g, v, SG_ON_GRAPH, 0, 0) : SG_ENOMEM;
    /* Groups in order of first appearance; a group's id is the value ("" has its own id). */
    for (size_t i = 0; rc == SG_OK && i < n; i++) {
        if (!s->node[i])
            continue;
        const char *value = node_value(g, i, attr);
        const char *id = *value ? value : "(none)";
        if (!sg_graph_find_node(v, id, &group[i])) {
            rc = sg_graph_add_node(v, id, &group[i]);
            ng++;
            if (rc == SG_OK && *value)
                rc = sg_graph_set_attr(v, SG_ON_NODE, group[i], attr, value);
        }
        if (rc == SG_OK)
            members[group[i]]++;
    }
    /* By type, a group is labelled with its type's display name, as the legend names it. */
    sg_theme *theme = NULL;
    if (rc == SG_OK && strcmp(attr, "type") == 0)
        rc = type_names(v, theme_path, &theme, diag);
    for (size_t k = 0; rc == SG_OK && k < ng; k++) {
        const char *value = sg_graph_attr(v, SG_ON_NODE, k, attr);
        size_t t;
        text.len = 0;
        if (theme && sg_theme_add_type(theme, value, &t) == SG_OK) {
            sg_buf_puts(&text, sg_theme_type_display(theme, t));
        } else if (value) {
            for (const char *p = value; *p; p++)
                sg_buf_putc(&text, *p == '_' ? ' ' : *p);
        } else {
            sg_buf_printf(&text, "no %s", attr);
        }
        sg_buf_printf(&text, " (%zu)", members[k]);
        if (text.failed)
            rc = SG_ENOMEM;
        if (rc == SG_OK)
            rc = sg_graph_set_attr(v, SG_ON_NODE, k, "label", text.data);
        if (rc == SG_OK)
            rc = set_number(v, SG_ON_NODE, k, "count", (double)members[k]);
    }
    /* Edges per (source group, target group, relation, unit), in order of first appearance. */
    if (rc == SG_OK)
        rc = aggregate(s, group, wname, 1, "--collapse", &ge, &nge, of, diag);
    for (size_t k = 0; rc == SG_OK && k < nge; k++) {
        size_t index;
        rc = sg_graph_add_edge(v, ge[k].source, ge[k].target, &index);
        if (rc == SG_OK && *ge[k].relation)
            rc = sg_graph_set_attr(v, SG_ON_EDGE, index, "relation", ge[k].relation);
        if (rc == SG_OK)
            rc = set_number(v, SG_ON_EDGE, index, "count", (double)ge[k].count);
        if (rc == SG_OK && ge[k].known > 0)
            rc = set_number(v, SG_ON_EDGE, index, "weight", ge[k].weight);
        if (rc == SG_OK && *ge[k].unit)
            rc = sg_graph_set_attr(v, SG_ON_EDGE, index, "unit", ge[k].unit);
    }
    sg_theme_free(theme);
    sg_buf_free(&text);
    free(group);
    free(members);
    free(of);
    free(ge);
    return finish(v, rc, out);
}

#define NO_EDGE ((size_t)-1)

/* Copies to edge `to` of `v` each attribute that every edge of aggregate `x` (its first edge,
 * then next[] until NO_EDGE) has with the same value, except `skip` (the summed weight). */
static int copy_common_attrs(const sg_graph *g, sg_graph *v, const group_edge *x,
                             const size_t *next, const char *skip, size_t to) {
    int rc = SG_OK;
    for (size_t k = 0; rc == SG_OK && k < sg_graph_attr_count(g, SG_ON_EDGE, x->first); k++) {
        const char *name, *value;
        sg_graph_attr_at(g, SG_ON_EDGE, x->first, k, &name, &value);
        int common = strcmp(name, skip) != 0;
        for (size_t e = next[x->first]; common && e != NO_EDGE; e = next[e]) {
            const char *other = sg_graph_attr(g, SG_ON_EDGE, e, name);
            common = other && strcmp(other, value) == 0;
        }
        if (common)
            rc = sg_graph_set_attr(v, SG_ON_EDGE, to, name, value);
    }
    return rc;
}

/* The view of a selection: kept nodes and edges in input order, attributes copied. With
 * `merge`, parallel edges (aggregate()) become one at the place of the first: the attributes
 * they share, `count`, and the sum of their known weights as weight `wname`; an edge without
 * a parallel one is copied as it is. */
static int sel_build(const selection *s, int merge, const char *weight_attr, sg_graph **out,
                     sg_diag *diag) {
    const sg_graph *g = s->g;
    size_t n = sg_graph_node_count(g), m = sg_graph_edge_count(g), nge = 0;
    sg_graph *v = sg_graph_new(sg_graph_directed(g));
    size_t *map = malloc((n ? n : 1) * sizeof *map);
    size_t *of = NULL, *next = NULL, *last = NULL; /* merge: aggregate, next member, last one */
    group_edge *ge = NULL;
    const char *wname = weight_name(g, weight_attr);
    int rc = v && map ? copy_attrs(g, v, SG_ON_GRAPH, 0, 0) : SG_ENOMEM;
    for (size_t i = 0; rc == SG_OK && i < n; i++) {
        if (!s->node[i])
            continue;
        rc = sg_graph_add_node(v, sg_graph_node_id(g, i), &map[i]);
        if (rc == SG_OK)
            rc = copy_attrs(g, v, SG_ON_NODE, i, map[i]);
    }
    if (rc == SG_OK && merge) {
        of = malloc((m ? m : 1) * sizeof *of);
        next = malloc((m ? m : 1) * sizeof *next);
        rc = of && next ? aggregate(s, map, wname, 0, "merging parallel edges", &ge, &nge, of,
                                    diag)
                        : SG_ENOMEM;
        last = rc == SG_OK ? malloc((nge ? nge : 1) * sizeof *last) : NULL;
        if (rc == SG_OK && !last)
            rc = SG_ENOMEM;
        for (size_t e = 0; rc == SG_OK && e < m; e++) {
            if (!s->edge[e])
                continue;
            next[e] = NO_EDGE;
            if (e != ge[of[e]].first)
                next[last[of[e]]] = e;
            last[of[e]] = e;
        }
    }
    for (size_t e = 0; rc == SG_OK && e < m; e++) {
        if (!s->edge[e])
            continue;
        const group_edge *x = merge ? &ge[of[e]] : NULL;
        size_t k;
        if (x && x->first != e)
            continue;
        rc = sg_graph_add_edge(v, map[sg_graph_edge_source(g, e)],
                               map[sg_graph_edge_target(g, e)], &k);
        if (rc != SG_OK)
            break;
        if (!x || x->count == 1) {
            rc = copy_attrs(g, v, SG_ON_EDGE, e, k);
            continue;
        }
        rc = copy_common_attrs(g, v, x, next, wname, k);
        if (rc == SG_OK)
            rc = set_number(v, SG_ON_EDGE, k, "count", (double)x->count);
        if (rc == SG_OK && x->known > 0)
            rc = set_number(v, SG_ON_EDGE, k, wname, x->weight);
    }
    free(map);
    free(of);
    free(next);
    free(last);
    free(ge);
    return finish(v, rc, out);
}

/* ---------------------------------------------------------------------------------------- */
/* Public                                                                                   */

int sg_view(const sg_graph *g, const sg_analysis *a, const sg_view_options *opts, sg_graph **out,
            sg_diag *diag) {
    if (!g || !out)
        return SG_EINVAL;
    sg_view_options none = {0};
    const sg_view_options *o = opts ? opts : &none;
    if (o->collapse && !*o->collapse) {
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "--collapse needs an attribute name");
        return SG_EINVAL;
    }
    selection s;
    int rc = sel_init(&s, g);
    if (rc != SG_OK)
        return rc;
    if (o->relations && *o->relations)
        rc = step_relations(&s, o->relations, diag);
    if (rc == SG_OK && o->types && *o->types)
        rc = step_types(&s, o->types, diag);
    /* not around an ego: the nodes it reaches are linked, and the egos were named */
    int filtered = (o->relations && *o->relations) || (o->types && *o->types);
    if (rc == SG_OK && filtered && !o->ego && !o->keep_unlinked)
        rc = step_unlinked(&s, o->relations && *o->relations, o->types && *o->types, diag);
    if (rc == SG_OK && o->ego)
        rc = step_ego(&s, o->ego, o->radius, diag);
    if (rc == SG_OK && o->top > 0)
        rc = step_top(&s, a, o->top, o->by, diag);
    if (rc == SG_OK)
        rc = o->collapse ? collapse(&s, o->collapse, o->weight_attr, o->theme_path, out, diag)
                         : sel_build(&s, o->merge_parallel, o->weight_attr, out, diag);
    sel_free(&s);
    return rc;
}

int sg_view_relations(const sg_graph *g, const char *relations, sg_graph **out) {
    sg_view_options o = {.relations = relations, .keep_unlinked = 1};
    return sg_view(g, NULL, &o, out, NULL);
}

int sg_view_types(const sg_graph *g, const char *types, sg_graph **out) {
    sg_view_options o = {.types = types, .keep_unlinked = 1};
    return sg_view(g, NULL, &o, out, NULL);
}

int sg_view_ego(const sg_graph *g, const char *id, size_t radius, sg_graph **out, sg_diag *diag) {
    if (!id)
        return SG_EINVAL;
    sg_view_options o = {.ego = id, .radius = radius};
    return sg_view(g, NULL, &o, out, diag);
}

int sg_view_top(const sg_graph *g, const sg_analysis *a, size_t k, sg_measure by, sg_graph **out,
                sg_diag *diag) {
    if (k == 0)
        return SG_EINVAL;
    sg_view_options o = {.top = k, .by = by};
    return sg_view(g, a, &o, out, diag);
}

int sg_view_collapse(const sg_graph *g, const char *attr, sg_graph **out, sg_diag *diag) {
    if (!attr)
        return SG_EINVAL;
    sg_view_options o = {.collapse = attr};
    return sg_view(g, NULL, &o, out, diag);
}

/* Appends the names of `list`'s items (comma-separated) as the legend shows the values of `g`
 * that they match (`value(g, k)`, `count` of them), joined "a, b and c", each with its first
 * letter in lower case unless the second is upper case too ("EU funding" stays). */
static void describe_names(const sg_graph *g, const char *list, size_t count,
                           const char *(*value)(const sg_graph *, size_t), sg_buf *out) {
    sg_buf names[64];
    size_t nn = 0;
    sg_buf word = {0};
    for (const char *p = list; list_item(&p, &word);) {
        const char *match = NULL;
        for (size_t k = 0; word.len && !match && k < count; k++)
            if (sg_name_equal(word.data, value(g, k)))
                match = value(g, k);
        if (match && nn < sizeof names / sizeof names[0]) {
            names[nn] = (sg_buf){0};
            sg_theme_display_name(match, &names[nn]);
            int seen = 0;
            for (size_t j = 0; j < nn && !seen; j++)
                seen =
                    names[nn].data && names[j].data && strcmp(names[j].data, names[nn].data) == 0;
            if (seen || !names[nn].data) {
                sg_buf_free(&names[nn]);
            } else {
                char *d = names[nn].data;
                if (d[0] >= 'A' && d[0] <= 'Z' && !(d[1] >= 'A' && d[1] <= 'Z'))
                    d[0] = (char)(d[0] - 'A' + 'a');
                nn++;
            }
        }
    }
    sg_buf_free(&word);
    for (size_t j = 0; j < nn; j++) {
        sg_buf_printf(out, "%s%s", j == 0 ? "" : j + 1 == nn ? " and " : ", ", names[j].data);
        sg_buf_free(&names[j]);
    }
}

int sg_view_describe(const sg_graph *g, const sg_view_options *o, char **out) {
    *out = NULL;
    if (!g || !o)
        return SG_EINVAL;
    sg_buf d = {0};
    if (o->relations && *o->relations)
        describe_names(g, o->relations, sg_graph_edge_count(g), sg_graph_edge_relation, &d);
    if (o->types && *o->types) {
        if (d.len)
            sg_buf_puts(&d, "; ");
        describe_names(g, o->types, sg_graph_node_count(g), sg_graph_node_type, &d);
        sg_buf_puts(&d, " stakeholders");
    }
    if (o->ego && *o->ego) {
        /* the egos by their labels, resolved as the view resolves them (a name that names no
         * node is an error of sg_view(); here it is shown as given) */
        selection s;
        int rc = sel_init(&s, g);
        if (rc != SG_OK) {
            sg_buf_free(&d);
            return rc;
        }
        sg_buf_printf(&d, "%sego network of ", d.len ? "; " : "");
        size_t node;
        if (resolve_ego(&s, o->ego, &node, NULL)) {
            sg_buf_puts(&d, sg_graph_node_label(g, node));
        } else {
            sg_buf item = {0};
            size_t k = 0, items = 0;
            for (const char *p = o->ego;; p++)
                if (!*p || *p == ',') {
                    items++;
                    if (!*p)
                        break;
                }
            for (const char *p = o->ego; list_item(&p, &item);) {
                if (item.len) {
                    sg_buf_printf(&d, "%s%s",
                                  k == 0           ? ""
                                  : k + 1 == items ? " and "
                                                   : ", ",
                                  resolve_ego(&s, item.data, &node, NULL)
                                      ? sg_graph_node_label(g, node)
                                      : item.data);
                    k++;
                }
            }
            sg_buf_free(&item);
        }
        sg_buf_printf(&d, ", radius %zu", o->radius);
        sel_free(&s);
    }
    if (o->top > 0) {
        const char *by = sg_measure_name(o->by);
        sg_buf_printf(&d, "%stop %zu by %s", d.len ? "; " : "", o->top, by ? by : "?");
    }
    if (o->collapse && *o->collapse)
        sg_buf_printf(&d, "%scollapsed by %s", d.len ? "; " : "", o->collapse);
    if (d.failed) {
        sg_buf_free(&d);
        return SG_ENOMEM;
    }
    *out = d.data; /* NULL when no step describes anything */
    return SG_OK;
}
