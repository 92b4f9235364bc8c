/*
 * Views: the part of a graph that a figure is about (design.md, stage "view"). Every view is a
 * new sg_graph made from a selection of the input's nodes and edges, kept in input order with
 * all their attributes; the graph's own attributes are copied too. Own code over the model.
 *
 * The steps work on a selection over the input graph (one flag per node and per edge), so that
 * node indices stay those of the input and of its analysis until the view is built.
 */
#include "stakegraph.h"
#include "util/strbuf.h"

#include <math.h>
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

/* The view of a selection: kept nodes and edges in input order, attributes copied. */
static int sel_build(const selection *s, sg_graph **out) {
    const sg_graph *g = s->g;
    size_t n = sg_graph_node_count(g);
    sg_graph *v = sg_graph_new(sg_graph_directed(g));
    size_t *map = malloc((n ? n : 1) * sizeof *map);
    int rc = v && map ? copy_attrs(g, v, SG_ON_GRAPH, 0, 0) : SG_ENOMEM;
    for (size_t i = 0; rc == SG_OK && i < n; i++) {
        if (!s->node[i])
            continue;
        rc = sg_graph_add_node(v, sg_graph_node_id(g, i), &map[i]);
        if (rc == SG_OK)
            rc = copy_attrs(g, v, SG_ON_NODE, i, map[i]);
    }
    for (size_t e = 0; rc == SG_OK && e < sg_graph_edge_count(g); e++) {
        size_t k;
        if (!s->edge[e])
            continue;
        rc = sg_graph_add_edge(v, map[sg_graph_edge_source(g, e)],
                               map[sg_graph_edge_target(g, e)], &k);
        if (rc == SG_OK)
            rc = copy_attrs(g, v, SG_ON_EDGE, e, k);
    }
    free(map);
    if (rc != SG_OK) {
        sg_graph_free(v);
        return rc;
    }
    *out = v;
    return SG_OK;
}

/* ---------------------------------------------------------------------------------------- */
/* Steps                                                                                    */

/* Warns about each item of `list` that matches none of the `count` values `value(g, k)`
 * (sg_name_equal()), naming the distinct values present, in order of first appearance. */
static void warn_unmatched(const sg_graph *g, const char *list, size_t count,
                           const char *(*value)(const sg_graph *, size_t), const char *option,
                           const char *object, const char *what, const char *plural,
                           sg_diag *diag) {
    sg_buf word = {0}, present = {0};
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
            if (len)
                sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                            "%s: no %s has %s '%.*s' (%s present: %s)", option, object, what, (int)len, w, plural,
                            present.len ? present.data : "none");
        }
        word.len = 0;
        if (!*p)
            break;
    }
    sg_buf_free(&word);
    sg_buf_free(&present);
}

static void step_relations(selection *s, const char *relations, sg_diag *diag) {
    warn_unmatched(s->g, relations, sg_graph_edge_count(s->g), sg_graph_edge_relation,
                   "--relation", "edge", "relation", "relations", diag);
    for (size_t e = 0; e < sg_graph_edge_count(s->g); e++)
        if (!sg_list_has_name(relations, sg_graph_edge_relation(s->g, e)))
            s->edge[e] = 0;
}

static void step_types(selection *s, const char *types, sg_diag *diag) {
    warn_unmatched(s->g, types, sg_graph_node_count(s->g), sg_graph_node_type, "--type", "node",
                   "type", "types", diag);
    for (size_t i = 0; i < sg_graph_node_count(s->g); i++)
        if (!sg_list_has_name(types, sg_graph_node_type(s->g, i)))
            s->node[i] = 0;
    sel_induce(s);
}

/* Breadth-first search from `ego` over the kept edges, both directions, `radius` steps. */
static int step_ego(selection *s, const char *ego, size_t radius, sg_diag *diag) {
    const sg_graph *g = s->g;
    size_t n = sg_graph_node_count(g), m = sg_graph_edge_count(g), start;
    if (!ego || !sg_graph_find_node(g, ego, &start) || !s->node[start]) {
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "--ego: no node with id \"%s\"%s",
                    ego ? ego : "", ego && sg_graph_find_node(g, ego, &start)
                                        ? " in the view (left out by another option)"
                                        : "");
        return SG_EINVAL;
    }
    size_t *dist = malloc((n ? n : 1) * sizeof *dist);
    if (!dist)
        return SG_ENOMEM;
    for (size_t i = 0; i < n; i++)
        dist[i] = (size_t)-1;
    dist[start] = 0;
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

/* One aggregated edge. */
typedef struct {
    size_t source, target; /* groups */
    const char *relation;  /* borrowed from the input */
    const char *unit;      /* borrowed; "" when none */
    size_t count, known;
    double weight;
} group_edge;

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

static int collapse(const selection *s, const char *attr, const char *weight_attr,
                    sg_graph **out, sg_diag *diag) {
    const sg_graph *g = s->g;
    size_t n = sg_graph_node_count(g), m = sg_graph_edge_count(g);
    size_t with = 0;
    while (with < n && !*node_value(g, with, attr))
        with++;
    if (with == n) {
        sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                    "--collapse: no node has the attribute \"%s\" (nothing to group by)", attr);
        return SG_EINVAL;
    }
    const char *wname = weight_name(g, weight_attr);
    sg_graph *v = sg_graph_new(sg_graph_directed(g));
    size_t *group = malloc((n ? n : 1) * sizeof *group);   /* node -> group */
    size_t *members = calloc(n ? n : 1, sizeof *members);  /* group -> node count */
    group_edge *ge = malloc((m ? m : 1) * sizeof *ge);
    size_t ng = 0, nge = 0;
    sg_buf text = {0};
    int rc = v && group && members && ge ? copy_attrs(g, v, SG_ON_GRAPH, 0, 0) : SG_ENOMEM;
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
    for (size_t k = 0; rc == SG_OK && k < ng; k++) {
        const char *value = sg_graph_attr(v, SG_ON_NODE, k, attr);
        text.len = 0;
        if (value) {
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
    /* Edges per (source group, target group, relation, unit), in order of first appearance;
     * an undirected edge's groups are taken as an unordered pair. Linear search per edge:
     * O(m x aggregated edges), and a collapsed graph has few of those. */
    for (size_t e = 0; rc == SG_OK && e < m; e++) {
        if (!s->edge[e])
            continue;
        size_t a = group[sg_graph_edge_source(g, e)], b = group[sg_graph_edge_target(g, e)];
        if (!sg_graph_directed(g) && b < a) {
            size_t t = a;
            a = b;
            b = t;
        }
        const char *relation = sg_graph_edge_relation(g, e);
        const char *unit = edge_attr_or_empty(g, e, "unit");
        size_t k = 0;
        while (k < nge && !(ge[k].source == a && ge[k].target == b &&
                            strcmp(ge[k].relation, relation) == 0 && strcmp(ge[k].unit, unit) == 0))
            k++;
        if (k == nge)
            ge[nge++] = (group_edge){a, b, relation, unit, 0, 0, 0.0};
        ge[k].count++;
        const char *w = sg_graph_attr(g, SG_ON_EDGE, e, wname);
        if (w && *w) {
            double x;
            if (sg_parse_number(w, &x) != 0 || !isfinite(x) || x < 0) {
                sg_diag_add(diag, SG_ERROR, NULL, 0, 0,
                            "--collapse: edge %s -> %s: %s \"%s\" is not an amount",
                            sg_graph_node_id(g, sg_graph_edge_source(g, e)),
                            sg_graph_node_id(g, sg_graph_edge_target(g, e)), wname, w);
                rc = SG_EINVAL;
            } else {
                ge[k].weight += x;
                ge[k].known++;
            }
        }
    }
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
    sg_buf_free(&text);
    free(group);
    free(members);
    free(ge);
    if (rc != SG_OK) {
        sg_graph_free(v);
        return rc;
    }
    *out = v;
    return SG_OK;
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
        step_relations(&s, o->relations, diag);
    if (o->types && *o->types)
        step_types(&s, o->types, diag);
    if (o->ego)
        rc = step_ego(&s, o->ego, o->radius, diag);
    if (rc == SG_OK && o->top > 0)
        rc = step_top(&s, a, o->top, o->by, diag);
    if (rc == SG_OK)
        rc = o->collapse ? collapse(&s, o->collapse, o->weight_attr, out, diag)
                         : sel_build(&s, out);
    sel_free(&s);
    return rc;
}

int sg_view_relations(const sg_graph *g, const char *relations, sg_graph **out) {
    sg_view_options o = {.relations = relations};
    return sg_view(g, NULL, &o, out, NULL);
}

int sg_view_types(const sg_graph *g, const char *types, sg_graph **out) {
    sg_view_options o = {.types = types};
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
