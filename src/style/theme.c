/* The style table of figures: colour and shape by node type, line and arrows by relation. */
#include "style/theme.h"
#include "stakegraph.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The Okabe-Ito palette (Okabe and Ito 2008). */
#define OI_ORANGE "#E69F00"
#define OI_SKY_BLUE "#56B4E9"
#define OI_BLUISH_GREEN "#009E73"
#define OI_YELLOW "#F0E442"
#define OI_BLUE "#0072B2"
#define OI_VERMILLION "#D55E00"
#define OI_REDDISH_PURPLE "#CC79A7"
#define OI_BLACK "#000000"

/* Neutral grey for nodes without a type (not a palette colour, so it never means a type). */
#define NO_TYPE_FILL "#E0E0E0"

typedef struct {
    const char *key;     /* normalised name */
    const char *display; /* legend name */
    const char *fill;
    const char *shape;
    const char *style;
} type_entry;

static const type_entry known_types[] = {
    {"donor", "Donor", OI_ORANGE, "hexagon", "filled"},
    {"international_organisation", "International organisation", OI_BLUE, "box", "filled,rounded"},
    {"national_government", "National government", OI_SKY_BLUE, "ellipse", "filled"},
    {"state_enterprise", "State enterprise", OI_BLUISH_GREEN, "octagon", "filled"},
    {"private_sector", "Private sector", OI_YELLOW, "parallelogram", "filled"},
    {"project", "Project", OI_REDDISH_PURPLE, "note", "filled"},
};

/* Types outside the table: colours and shapes for unknown_type_style(); the shapes are ones no
 * known type uses. */
static const char *const extra_fills[] = {
    OI_VERMILLION,   OI_BLACK,  OI_ORANGE, OI_SKY_BLUE,
    OI_BLUISH_GREEN, OI_YELLOW, OI_BLUE,   OI_REDDISH_PURPLE,
};
static const char *const extra_shapes[] = {
    "cylinder", "tab",      "folder",        "box3d",    "component", "trapezium",
    "pentagon", "septagon", "doubleoctagon", "invhouse", "egg",
};

typedef struct {
    const char *key;
    const char *display;
    sg_edge_style style;
} relation_entry;

/* Each known relation differs from every other one in its line (style, width, single or double)
 * and, in a directed graph, in its arrows too, so that none needs colour to be recognised. */
static const relation_entry known_relations[] = {
    {"funding", "Funding", {"solid", 2.5, 0, "normal", "none"}},
    {"implementation", "Implementation", {"solid", 1.2, 0, "vee", "none"}},
    {"capacity_building", "Capacity building", {"dashed", 1.2, 0, "onormal", "none"}},
    {"partnership", "Partnership", {"dotted", 1.6, 0, "dot", "dot"}},
    {"hierarchy", "Hierarchy", {"solid", 0.8, 1, "none", "odiamond"}},
    {"beneficiary", "Beneficiary", {"dashed", 2.5, 0, "odot", "none"}},
    {"policy_partnership", "Policy partnership", {"dotted", 0.8, 1, "obox", "obox"}},
    {"training", "Training", {"dashed", 0.8, 1, "vee", "none"}},
};

/* Edges without a relation: a thin plain line. */
static const sg_edge_style no_relation = {"solid", 0.6, 0, "normal", "none"};

/* Relations outside the table: line (4, none used by a known relation) x arrowhead (7, none used
 * by a known relation); 4 and 7 are coprime, so the first 28 get distinct pairs. */
static const struct {
    const char *line;
    double penwidth;
    int parallel;
} extra_lines[] = {{"dotted", 2.8, 0}, {"solid", 1.6, 1}, {"dashed", 0.6, 0}, {"dotted", 0.6, 0}};
static const char *const extra_heads[] = {"box", "tee",   "crow",  "diamond",
                                          "inv", "curve", "icurve"};

/* Other spellings of known names (after normalisation). */
static const struct {
    const char *alias;
    const char *key;
} aliases[] = {
    {"international_organization", "international_organisation"},
    {"state_owned_enterprise", "state_enterprise"},
    {"financing", "funding"},
    {"capacity_development", "capacity_building"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    char *key;     /* normalised name; "" for the empty category */
    char *display; /* legend name */
    int empty;
    size_t rank; /* legend order */
    sg_node_style node;
    sg_edge_style edge;
} category;

typedef struct {
    category *items;
    size_t count, cap;
    size_t unknown; /* categories registered that are neither known nor empty */
} category_list;

struct sg_theme {
    category_list types;
    category_list relations;
};

sg_theme *sg_theme_new(void) {
    return calloc(1, sizeof(sg_theme));
}

static void list_free(category_list *l) {
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].key);
        free(l->items[i].display);
    }
    free(l->items);
}

void sg_theme_free(sg_theme *t) {
    if (!t)
        return;
    list_free(&t->types);
    list_free(&t->relations);
    free(t);
}

static int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The key of a name: surrounding white space removed, ASCII lowercase, runs of ' ', '-', '_'
 * and white space as one '_'. */
static void normalise(const char *name, sg_buf *out) {
    const char *s = name ? name : "";
    const char *end = s + strlen(s);
    while (s < end && is_space(*s))
        s++;
    while (end > s && is_space(end[-1]))
        end--;
    int pending = 0;
    for (; s < end; s++) {
        char c = *s;
        if (c == '_' || c == '-' || is_space(c)) {
            pending = 1;
            continue;
        }
        if (pending && out->len > 0)
            sg_buf_putc(out, '_');
        pending = 0;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        sg_buf_putc(out, c);
    }
    if (!out->data)
        sg_buf_append(out, "", 0);
}

static const char *resolve_alias(const char *key) {
    for (size_t i = 0; i < COUNT(aliases); i++)
        if (strcmp(aliases[i].alias, key) == 0)
            return aliases[i].key;
    return key;
}

void sg_theme_display_name(const char *name, sg_buf *out) {
    const char *s = name ? name : "";
    const char *end = s + strlen(s);
    while (s < end && is_space(*s))
        s++;
    while (end > s && is_space(end[-1]))
        end--;
    for (const char *p = s; p < end; p++) {
        char c = *p;
        if (c == '_')
            c = ' ';
        else if (p == s && c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        sg_buf_putc(out, c);
    }
    if (!out->data)
        sg_buf_append(out, "", 0);
}

/* Finds the category with this key, or appends a new one. *added is 1 when appended. */
static int list_add(category_list *l, const char *key, const char *display, size_t *k, int *added) {
    *added = 0;
    for (size_t i = 0; i < l->count; i++) {
        if (strcmp(l->items[i].key, key) == 0) {
            *k = i;
            return SG_OK;
        }
    }
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        category *p = realloc(l->items, cap * sizeof *p);
        if (!p)
            return SG_ENOMEM;
        l->items = p;
        l->cap = cap;
    }
    category *c = &l->items[l->count];
    memset(c, 0, sizeof *c);
    c->key = sg_strdup(key);
    c->display = sg_strdup(display);
    if (!c->key || !c->display) {
        free(c->key);
        free(c->display);
        return SG_ENOMEM;
    }
    c->empty = key[0] == '\0';
    *k = l->count++;
    *added = 1;
    return SG_OK;
}

/* Registers `name` in `l`: the key, its display name (table's, or the name's own). On success
 * stores the index in *k and, when the category is new, sets *is_new and the known-table index
 * (or -1) in *known. */
static int register_name(category_list *l, const char *name,
                         const char *(*table_display)(const char *key, int *known), size_t *k,
                         int *is_new, int *known) {
    sg_buf key = {0}, display = {0};
    int rc = SG_ENOMEM;
    normalise(name, &key);
    if (key.failed || !key.data)
        goto done;
    const char *canon = resolve_alias(key.data);
    *known = -1;
    const char *fixed = canon[0] ? table_display(canon, known) : NULL;
    if (fixed)
        sg_buf_puts(&display, fixed);
    else if (canon[0])
        sg_theme_display_name(name, &display);
    else
        sg_buf_puts(&display, ""); /* set by the caller for the empty category */
    if (display.failed || !display.data)
        goto done;
    rc = list_add(l, canon, display.data, k, is_new);
done:
    sg_buf_free(&key);
    sg_buf_free(&display);
    return rc;
}

static const char *type_display(const char *key, int *known) {
    for (size_t i = 0; i < COUNT(known_types); i++) {
        if (strcmp(known_types[i].key, key) == 0) {
            *known = (int)i;
            return known_types[i].display;
        }
    }
    return NULL;
}

static const char *relation_display(const char *key, int *known) {
    for (size_t i = 0; i < COUNT(known_relations); i++) {
        if (strcmp(known_relations[i].key, key) == 0) {
            *known = (int)i;
            return known_relations[i].display;
        }
    }
    return NULL;
}

static int set_display(category *c, const char *text) {
    char *d = sg_strdup(text);
    if (!d)
        return SG_ENOMEM;
    free(c->display);
    c->display = d;
    return SG_OK;
}

/* FNV-1a, 64 bit (Fowler, Noll and Vo): the same number for the same name everywhere. */
static uint64_t name_hash(const char *s) {
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Shapes that look alike at a glance, as families (0: none): an unknown type never gets the
 * colour of a built-in type together with a shape of that type's family. */
static int shape_family(const char *shape) {
    static const struct {
        const char *shape;
        int family;
    } families[] = {
        {"box", 1},      {"note", 1},      {"tab", 1},          {"folder", 1},
        {"box3d", 1},    {"component", 1}, {"hexagon", 2},      {"octagon", 2},
        {"pentagon", 2}, {"septagon", 2},  {"doubleoctagon", 2}, {"parallelogram", 3},
        {"trapezium", 3}, {"invhouse", 3}, {"ellipse", 4},      {"egg", 4},
        {"cylinder", 4},
    };
    for (size_t i = 0; i < COUNT(families); i++)
        if (strcmp(families[i].shape, shape) == 0)
            return families[i].family;
    return 0;
}

/* The style of type k, which the table does not name, as a function of its normalised name, so
 * that a type looks the same in every figure whatever other types it has. Pair p of the extra
 * lists is (colours[p % 8], shapes[p % 11]): 8 and 11 are coprime, so the 88 pairs are distinct
 * and the next pair differs in both. Pairs that look like a built-in type (its colour, a shape
 * of its family: IATI's "Regional NGO" was the yellow of "Private sector" as a trapezium) are
 * left out, which leaves 70. The name hashes to one of them; when a type registered earlier
 * has its colour and a shape of its family, the next pair that no such type has is taken.
 * Figures register types in canonical order (sorted ids), so of two names that meet the first
 * keeps its pair, whatever the input order. */
static void unknown_type_style(const sg_theme *t, size_t k, sg_node_style *out) {
    enum { NF = COUNT(extra_fills), NS = COUNT(extra_shapes) };
    unsigned char allowed[NF * NS];
    size_t n = 0;
    for (size_t p = 0; p < NF * NS; p++) {
        int alike = 0;
        for (size_t j = 0; j < COUNT(known_types) && !alike; j++)
            alike = strcasecmp(known_types[j].fill, extra_fills[p % NF]) == 0 &&
                    shape_family(known_types[j].shape) == shape_family(extra_shapes[p % NS]);
        if (!alike)
            allowed[n++] = (unsigned char)p;
    }
    size_t i = (size_t)(name_hash(t->types.items[k].key) % n);
    for (size_t tries = 0; tries < n; tries++, i = (i + 1) % n) {
        const char *fill = extra_fills[allowed[i] % NF], *shape = extra_shapes[allowed[i] % NS];
        int taken = 0;
        for (size_t j = 0; j < t->types.count && !taken; j++) {
            const category *o = &t->types.items[j];
            taken = j != k && !o->empty && o->node.fill && o->node.shape &&
                    strcmp(o->node.fill, fill) == 0 &&
                    shape_family(o->node.shape) == shape_family(shape);
        }
        if (!taken)
            break;
    }
    out->fill = extra_fills[allowed[i] % NF];
    out->shape = extra_shapes[allowed[i] % NS];
    out->style = "filled";
}

int sg_theme_add_type(sg_theme *t, const char *type, size_t *k) {
    int is_new = 0, known = -1;
    int rc = register_name(&t->types, type, type_display, k, &is_new, &known);
    if (rc != SG_OK || !is_new)
        return rc;
    category *c = &t->types.items[*k];
    if (c->empty) {
        c->node.fill = NO_TYPE_FILL;
        c->node.shape = "box";
        c->node.style = "filled";
        c->rank = SIZE_MAX;
        rc = set_display(c, "No type");
    } else if (known >= 0) {
        c->rank = (size_t)known;
        c->node.fill = known_types[known].fill;
        c->node.shape = known_types[known].shape;
        c->node.style = known_types[known].style;
    } else {
        c->rank = COUNT(known_types) + t->types.unknown++;
        unknown_type_style(t, *k, &c->node);
    }
    c->node.text = sg_theme_text_colour(c->node.fill);
    return rc;
}

int sg_theme_add_relation(sg_theme *t, const char *relation, size_t *k) {
    int is_new = 0, known = -1;
    int rc = register_name(&t->relations, relation, relation_display, k, &is_new, &known);
    if (rc != SG_OK || !is_new)
        return rc;
    category *c = &t->relations.items[*k];
    if (c->empty) {
        c->edge = no_relation;
        c->rank = SIZE_MAX;
        rc = set_display(c, "No relation");
    } else if (known >= 0) {
        c->edge = known_relations[known].style;
        c->rank = (size_t)known;
    } else {
        size_t u = t->relations.unknown++;
        c->rank = COUNT(known_relations) + u;
        c->edge.line = extra_lines[u % COUNT(extra_lines)].line;
        c->edge.penwidth = extra_lines[u % COUNT(extra_lines)].penwidth;
        c->edge.parallel = extra_lines[u % COUNT(extra_lines)].parallel;
        c->edge.arrowhead = extra_heads[u % COUNT(extra_heads)];
        c->edge.arrowtail = "none";
    }
    return rc;
}

size_t sg_theme_type_count(const sg_theme *t) {
    return t->types.count;
}

size_t sg_theme_relation_count(const sg_theme *t) {
    return t->relations.count;
}

int sg_theme_type_is_empty(const sg_theme *t, size_t k) {
    return k < t->types.count && t->types.items[k].empty;
}

int sg_theme_relation_is_empty(const sg_theme *t, size_t k) {
    return k < t->relations.count && t->relations.items[k].empty;
}

const char *sg_theme_type_display(const sg_theme *t, size_t k) {
    return k < t->types.count ? t->types.items[k].display : NULL;
}

const char *sg_theme_relation_display(const sg_theme *t, size_t k) {
    return k < t->relations.count ? t->relations.items[k].display : NULL;
}

size_t sg_theme_type_rank(const sg_theme *t, size_t k) {
    return k < t->types.count ? t->types.items[k].rank : SIZE_MAX;
}

size_t sg_theme_relation_rank(const sg_theme *t, size_t k) {
    return k < t->relations.count ? t->relations.items[k].rank : SIZE_MAX;
}

const sg_node_style *sg_theme_type_style(const sg_theme *t, size_t k) {
    return k < t->types.count ? &t->types.items[k].node : NULL;
}

const sg_edge_style *sg_theme_relation_style(const sg_theme *t, size_t k) {
    return k < t->relations.count ? &t->relations.items[k].edge : NULL;
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* WCAG 2.1 relative luminance of "#RRGGBB"; -1 when malformed. */
static double luminance(const char *colour) {
    if (!colour || colour[0] != '#' || strlen(colour) != 7)
        return -1;
    double lin[3];
    for (int i = 0; i < 3; i++) {
        int hi = hex_digit(colour[1 + 2 * i]), lo = hex_digit(colour[2 + 2 * i]);
        if (hi < 0 || lo < 0)
            return -1;
        double c = (hi * 16 + lo) / 255.0;
        lin[i] = c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

double sg_theme_contrast(const char *a, const char *b) {
    double la = luminance(a), lb = luminance(b);
    if (la < 0 || lb < 0)
        return 0;
    double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
    return (hi + 0.05) / (lo + 0.05);
}

const char *sg_theme_text_colour(const char *fill) {
    if (luminance(fill) < 0)
        return "#000000";
    return sg_theme_contrast(fill, "#000000") >= sg_theme_contrast(fill, "#FFFFFF") ? "#000000"
                                                                                    : "#FFFFFF";
}
