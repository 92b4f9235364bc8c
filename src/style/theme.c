/* The style table of figures: colour and shape by node type, line and arrows by relation. */
#include "style/theme.h"
#include "stakegraph.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
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

typedef struct {
    const char *key;
    const char *display;
    sg_edge_style style;
} relation_entry;

typedef struct {
    const char *alias;
    const char *key;
} alias_entry;

static const type_entry known_types[] = {
    {"donor", "Donor", OI_ORANGE, "hexagon", "filled"},
    {"international_organisation", "International organisation", OI_BLUE, "box", "filled,rounded"},
    {"national_government", "National government", OI_SKY_BLUE, "ellipse", "filled"},
    {"state_enterprise", "State enterprise", OI_BLUISH_GREEN, "octagon", "filled"},
    {"private_sector", "Private sector", OI_YELLOW, "parallelogram", "filled"},
    {"project", "Project", OI_REDDISH_PURPLE, "note", "filled"},
};

/* Types outside the table: colours and shapes for unknown_type_style(); the shapes are ones no
 * known type uses. Not "cylinder": Graphviz 2.43's spline router aborts on its outline with fdp
 * (multispline.c, findMap: assertion `ip'; examples/iati-tuerkiye/usaid-tr.gv with one type
 * drawn as a cylinder, tests/cli draw-engines); "house" takes its place. */
static const char *const extra_fills[] = {
    OI_VERMILLION,   OI_BLACK,  OI_ORANGE, OI_SKY_BLUE,
    OI_BLUISH_GREEN, OI_YELLOW, OI_BLUE,   OI_REDDISH_PURPLE,
};
static const char *const extra_shapes[] = {
    "house",    "tab",      "folder",        "box3d",    "component", "trapezium",
    "pentagon", "septagon", "doubleoctagon", "invhouse", "egg",
};

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
    /* IATI's transaction types (TransactionType codelist 1 to 4), as the IATI reader names
     * them: a figure of IATI data draws its money flows in a line each, also when width is the
     * amount (a line's kind, unlike its width, survives that). Commitment, a promise, is half an
     * arrowhead. */
    {"commitment", "Commitment", {"dotted", 2.0, 0, "lnormal", "none"}},
    {"disbursement", "Disbursement", {"solid", 1.2, 1, "normal", "none"}},
    {"expenditure", "Expenditure", {"dashed", 1.8, 0, "lvee", "none"}},
    {"incoming_funds", "Incoming funds", {"dashed", 1.4, 1, "onormal", "none"}},
};

/* Edges without a relation: a thin plain line. */
static const sg_edge_style no_relation = {"solid", 0.6, 0, "normal", "none"};

/* Relations outside the table: line (4, none used by a known relation) x arrowhead (7, none used
 * by a known relation); 4 and 7 are coprime, so the first 28 get distinct pairs. The four lines
 * are four kinds (dotted, double, dashed, double dotted), not two dotted ones of different
 * widths, which width by amount made one: IATI's commitment and disbursement, both unknown
 * then, were drawn dotted 2.8 and dotted 0.6, the same dots at the amount's width. */
static const struct {
    const char *line;
    double penwidth;
    int parallel;
} extra_lines[] = {{"dotted", 2.8, 0}, {"solid", 2.0, 1}, {"dashed", 0.6, 0}, {"dotted", 2.0, 1}};
static const char *const extra_heads[] = {"box", "tee",   "crow",  "diamond",
                                          "inv", "curve", "icurve"};

/* Other spellings of known names (after normalisation). */
static const alias_entry known_aliases[] = {
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
    int unknown; /* a type or relation neither in the table nor empty */
    size_t rank; /* legend order */
    sg_node_style node;
    sg_edge_style edge;
} category;

typedef struct {
    category *items;
    size_t count, cap;
    size_t unknown; /* categories registered that are neither known nor empty */
} category_list;

/* The table a theme styles by: the built-in one, or one read from a theme file (whose strings
 * the theme owns, in `pool`). */
typedef struct {
    const type_entry *types;
    size_t n_types;
    const relation_entry *relations;
    size_t n_relations;
    const alias_entry *aliases;
    size_t n_aliases;
} table;

struct sg_theme {
    category_list types;
    category_list relations;
    table tab;
    type_entry *own_types; /* a loaded table's entries; NULL for the built-in one */
    relation_entry *own_relations;
    alias_entry *own_aliases;
    char **pool;
    size_t pool_count;
    char *file; /* the theme file read (sg_theme_load's `file`), NULL for the built-in table */
    /* Unknown types' fills (assign_unknown_fills()): the palette colours that no type of the
     * table has, but cyan (palette indices, in palette order; set at the first type), and the
     * unknown types holding one of them, in byte order of their keys. */
    unsigned char free_colour[32];
    size_t n_free;
    size_t top[33];
    size_t ntop;
    /* Unknown relations' lines (assign_unknown_lines()): the unknown relations holding one of
     * the extra line-and-arrow pairs of their own, in byte order of their keys. */
    size_t rtop[33];
    size_t nrtop;
};

sg_theme *sg_theme_new(void) {
    sg_theme *t = calloc(1, sizeof(sg_theme));
    if (t) {
        t->tab = (table){known_types,     COUNT(known_types),   known_relations,
                         COUNT(known_relations), known_aliases, COUNT(known_aliases)};
        t->n_free = SIZE_MAX; /* set at the first type (the palette is defined below) */
    }
    return t;
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
    free(t->own_types);
    free(t->own_relations);
    free(t->own_aliases);
    for (size_t i = 0; i < t->pool_count; i++)
        free(t->pool[i]);
    free(t->pool);
    free(t->file);
    free(t);
}

static int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The key of a name: surrounding white space removed, ASCII lowercase, runs of ' ', '-', '_'
 * and white space as one '_' (sg_name_key(), shared with the --type/--relation filters). */
static void normalise(const char *name, sg_buf *out) {
    sg_name_key(name, out);
}

static const char *resolve_alias(const sg_theme *t, const char *key) {
    for (size_t i = 0; i < t->tab.n_aliases; i++)
        if (strcmp(t->tab.aliases[i].alias, key) == 0)
            return t->tab.aliases[i].key;
    return key;
}

/* Acronyms of development cooperation that a display name keeps upper case, whatever the case
 * of the name ("ngo" is shown "NGO", "un_agency" "UN agency"): the organisations and kinds of
 * organisation of IATI's OrganisationType codelist and of evaluation reports. Words that are
 * also common English words (WHO) are left out. In byte order. */
static const char *const acronyms[] = {
    "cbo",  "cso", "dac", "eu",   "fao",   "giz",  "iati", "igo",    "ilo",   "imf",
    "ingo", "iom", "ngo", "oecd", "sme",   "un",   "undp", "unfpa",  "unhcr", "unicef",
    "unops", "usaid", "wfp",
};

/* A byte of a word: an ASCII letter or digit, or a byte of a UTF-8 sequence (so that "ngo"
 * inside "bängo" is no word of its own). */
static int is_word_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (unsigned char)c >= 0x80;
}

/* 1 when the `len` bytes at `w` are one of acronyms[] in any ASCII case. */
static int is_acronym(const char *w, size_t len) {
    for (size_t i = 0; i < COUNT(acronyms); i++)
        if (strlen(acronyms[i]) == len && strncasecmp(acronyms[i], w, len) == 0)
            return 1;
    return 0;
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
        if (is_word_byte(c) && (p == s || !is_word_byte(p[-1]))) {
            /* a word (between spaces, '_', '-' and punctuation): an acronym upper case */
            size_t len = 0;
            while (p + len < end && is_word_byte(p[len]))
                len++;
            if (is_acronym(p, len)) {
                for (size_t i = 0; i < len; i++)
                    sg_buf_putc(out, p[i] >= 'a' && p[i] <= 'z' ? (char)(p[i] - 'a' + 'A') : p[i]);
                p += len - 1;
                continue;
            }
        }
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
static int register_name(const sg_theme *t, category_list *l, const char *name,
                         const char *(*table_display)(const sg_theme *t, const char *key,
                                                      int *known),
                         size_t *k, int *is_new, int *known) {
    sg_buf key = {0}, display = {0};
    int rc = SG_ENOMEM;
    normalise(name, &key);
    if (key.failed || !key.data)
        goto done;
    const char *canon = resolve_alias(t, key.data);
    *known = -1;
    const char *fixed = canon[0] ? table_display(t, canon, known) : NULL;
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

static const char *type_display(const sg_theme *t, const char *key, int *known) {
    for (size_t i = 0; i < t->tab.n_types; i++) {
        if (strcmp(t->tab.types[i].key, key) == 0) {
            *known = (int)i;
            return t->tab.types[i].display;
        }
    }
    return NULL;
}

static const char *relation_display(const sg_theme *t, const char *key, int *known) {
    for (size_t i = 0; i < t->tab.n_relations; i++) {
        if (strcmp(t->tab.relations[i].key, key) == 0) {
            *known = (int)i;
            return t->tab.relations[i].display;
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
        {"cylinder", 4}, {"house", 3},
    };
    for (size_t i = 0; i < COUNT(families); i++)
        if (strcmp(families[i].shape, shape) == 0)
            return families[i].family;
    return 0;
}

/* 1 when a node filled `fill_a` drawn as `shape_a` looks like one filled `fill_b` as `shape_b`:
 * the same colour (hex digits in either case: a theme file may write "#e69f00") and the same
 * shape, or shapes of one family (shape_family()). The one test of unknown_type_style() and
 * assign_unknown_fills(). */
static int looks_alike(const char *fill_a, const char *shape_a, const char *fill_b,
                       const char *shape_b) {
    if (!fill_a || !fill_b || !shape_a || !shape_b || strcasecmp(fill_a, fill_b) != 0)
        return 0;
    int fa = shape_family(shape_a);
    return strcmp(shape_a, shape_b) == 0 || (fa != 0 && fa == shape_family(shape_b));
}

/* The style of type k, which the table does not name, as a function of its normalised name, so
 * that a type looks the same in every figure whatever other types it has. Pair p of the extra
 * lists is (colours[p % 8], shapes[p % 11]): 8 and 11 are coprime, so the 88 pairs are distinct
 * and the next pair differs in both. Pairs that look like a type of the table (looks_alike():
 * its colour, a shape of its family: IATI's "Regional NGO" was the yellow of "Private sector"
 * as a trapezium) are left out, which leaves 70 with the built-in table. The name hashes to
 * one of them; when a type registered earlier looks like it (looks_alike()), the next pair
 * that no such type has is taken.
 * Figures register types in canonical order (sorted ids), so of two names that meet the first
 * keeps its pair, whatever the input order. */
static void unknown_type_style(const sg_theme *t, size_t k, sg_node_style *out) {
    enum { NF = COUNT(extra_fills), NS = COUNT(extra_shapes) };
    unsigned char allowed[NF * NS];
    size_t n = 0;
    for (size_t p = 0; p < NF * NS; p++) {
        int alike = 0;
        for (size_t j = 0; j < t->tab.n_types && !alike; j++)
            alike = looks_alike(t->tab.types[j].fill, t->tab.types[j].shape, extra_fills[p % NF],
                                extra_shapes[p % NS]);
        if (!alike)
            allowed[n++] = (unsigned char)p;
    }
    if (n == 0) /* a theme file's table has every extra colour in every family: any pair */
        for (size_t p = 0; p < NF * NS; p++)
            allowed[n++] = (unsigned char)p;
    size_t i = (size_t)(name_hash(t->types.items[k].key) % n);
    for (size_t tries = 0; tries < n; tries++, i = (i + 1) % n) {
        const char *fill = extra_fills[allowed[i] % NF], *shape = extra_shapes[allowed[i] % NS];
        int taken = 0;
        for (size_t j = 0; j < t->types.count && !taken; j++) {
            const category *o = &t->types.items[j];
            taken = j != k && !o->empty && looks_alike(o->node.fill, o->node.shape, fill, shape);
        }
        if (!taken)
            break;
    }
    out->fill = extra_fills[allowed[i] % NF];
    out->shape = extra_shapes[allowed[i] % NS];
    out->style = "filled";
}

/* Okabe-Ito (Okabe and Ito 2008), then Paul Tol's "muted" scheme (Tol 2021, "Colour Schemes",
 * SRON/EPS/TN/09-002, without its pale grey for bad data). */
static const char *const category_colours[] = {
    OI_ORANGE, OI_SKY_BLUE, OI_BLUISH_GREEN, OI_YELLOW, OI_BLUE, OI_VERMILLION,
    OI_REDDISH_PURPLE, OI_BLACK, "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE",
    "#882255", "#44AA99", "#999933", "#AA4499",
};

/* A palette colour's index (category_colours), or -1. */
static int palette_index(const char *fill) {
    for (size_t i = 0; fill && i < COUNT(category_colours); i++)
        if (strcasecmp(category_colours[i], fill) == 0)
            return (int)i;
    return -1;
}

/* Keeps in top[] (*n of them, at most `cap`, in byte order of their keys) the unknown categories
 * with the smallest keys, `added` inserted. Returns the category that no longer fits (`added`
 * or one evicted), or SIZE_MAX. O(cap). */
static size_t top_insert(const category *items, size_t *top, size_t *n, size_t cap,
                         size_t added) {
    if (*n == cap && (cap == 0 || strcmp(items[added].key, items[top[cap - 1]].key) > 0))
        return added;
    size_t i = (*n)++;
    for (; i > 0 && strcmp(items[top[i - 1]].key, items[added].key) > 0; i--)
        top[i] = top[i - 1];
    top[i] = added;
    return *n > cap ? top[--*n] : SIZE_MAX;
}

/* Slots chosen by name: in byte order of their keys (top[], n <= n_slots <= 32), each category
 * takes slot FNV-1a(key) mod n_slots, or when a category before it in that order has the slot
 * (two names hashing alike), the next free one. slot[i] is top[i]'s. A category's slot is thus
 * a function of its name alone unless it collides with another one present. */
static void slots_by_name(const category *items, const size_t *top, size_t n, size_t n_slots,
                          size_t *slot) {
    unsigned char used[32] = {0};
    for (size_t i = 0; i < n; i++) {
        size_t s = (size_t)(name_hash(items[top[i]].key) % n_slots);
        while (used[s])
            s = (s + 1) % n_slots;
        used[s] = 1;
        slot[i] = s;
    }
}

/* The fills of the unknown types, a function of the type's name so that a type has the same
 * colour in every figure of a run whatever other types a figure has: FNV-1a of the key into
 * the categorical palette's colours (Okabe-Ito, then Tol's muted) that no type of the table
 * has, but Tol's cyan (10 with the built-in table), distinct within the theme
 * (slots_by_name(): of two names hashing to one colour, the first in byte order keeps it, the
 * other takes the next free colour). The shape is a function of the name too (FNV-1a into
 * the extra shapes), skipping the shapes of the family of a table type with that colour, so
 * that it does not look like a built-in type. With more unknown types than free colours, the
 * last ones in byte order keep the pair by name of unknown_type_style(). Called when type
 * `added` is registered; O(17 + types). */
static void assign_unknown_fills(sg_theme *t, size_t added) {
    enum { NS = COUNT(extra_shapes), NP = COUNT(category_colours) };
    category *items = t->types.items;
    if (t->n_free == SIZE_MAX) {
        t->n_free = 0;
        for (size_t p = 0; p < NP; p++) {
            /* not Tol's cyan: next to national government's sky blue (#56B4E9) it reads as
             * the same colour */
            int taken = strcmp(category_colours[p], "#88CCEE") == 0;
            for (size_t j = 0; j < t->tab.n_types && !taken; j++)
                taken = palette_index(t->tab.types[j].fill) == (int)p;
            if (!taken)
                t->free_colour[t->n_free++] = (unsigned char)p;
        }
    }
    if (!items[added].unknown)
        return;
    size_t out = top_insert(items, t->top, &t->ntop, t->n_free, added);
    if (out != SIZE_MAX) { /* past the free colours: the pair by name */
        unknown_type_style(t, out, &items[out].node);
        items[out].node.text = sg_theme_text_colour(items[out].node.fill);
    }
    size_t slot[33];
    slots_by_name(items, t->top, t->ntop, t->n_free, slot);
    for (size_t i = 0; i < t->ntop; i++) {
        category *c = &items[t->top[i]];
        c->node.fill = category_colours[t->free_colour[slot[i]]];
        size_t s = (size_t)(name_hash(c->key) % NS);
        for (size_t tries = 0; tries < NS; tries++, s = (s + 1) % NS) {
            int alike = 0;
            for (size_t j = 0; j < t->tab.n_types && !alike; j++)
                alike = looks_alike(t->tab.types[j].fill, t->tab.types[j].shape, c->node.fill,
                                    extra_shapes[s]);
            if (!alike)
                break;
        }
        c->node.shape = extra_shapes[s];
        c->node.style = "filled";
        c->node.text = sg_theme_text_colour(c->node.fill);
    }
}

/* Extra line-and-arrow pair p (0 to 27) of an unknown relation: line p mod 4, arrowhead p mod 7
 * (coprime, so the 28 pairs are distinct). */
static void set_extra_line(category *c, size_t p) {
    c->edge.line = extra_lines[p % COUNT(extra_lines)].line;
    c->edge.penwidth = extra_lines[p % COUNT(extra_lines)].penwidth;
    c->edge.parallel = extra_lines[p % COUNT(extra_lines)].parallel;
    c->edge.arrowhead = extra_heads[p % COUNT(extra_heads)];
    c->edge.arrowtail = "none";
}

/* The lines of the unknown relations, as the fills of the unknown types: FNV-1a of the key into
 * the 28 extra pairs, distinct within the theme (slots_by_name()); past 28 unknown relations,
 * the last ones in byte order take the pair of their hash, shared. Called when relation `added`
 * (unknown) is registered; O(28). */
static void assign_unknown_lines(sg_theme *t, size_t added) {
    enum { NPAIR = COUNT(extra_lines) * COUNT(extra_heads) };
    category *items = t->relations.items;
    set_extra_line(&items[added], (size_t)(name_hash(items[added].key) % NPAIR));
    size_t out = top_insert(items, t->rtop, &t->nrtop, NPAIR, added);
    if (out != SIZE_MAX)
        set_extra_line(&items[out], (size_t)(name_hash(items[out].key) % NPAIR));
    size_t slot[33];
    slots_by_name(items, t->rtop, t->nrtop, NPAIR, slot);
    for (size_t i = 0; i < t->nrtop; i++)
        set_extra_line(&items[t->rtop[i]], slot[i]);
}

int sg_theme_add_type(sg_theme *t, const char *type, size_t *k) {
    int is_new = 0, known = -1;
    int rc = register_name(t, &t->types, type, type_display, k, &is_new, &known);
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
        c->node.fill = t->tab.types[known].fill;
        c->node.shape = t->tab.types[known].shape;
        c->node.style = t->tab.types[known].style;
    } else {
        c->rank = t->tab.n_types + t->types.unknown++;
        c->unknown = 1;
        unknown_type_style(t, *k, &c->node);
    }
    c->node.text = sg_theme_text_colour(c->node.fill);
    if (rc == SG_OK)
        assign_unknown_fills(t, *k); /* a new type can take a colour an unknown type had */
    return rc;
}

int sg_theme_add_relation(sg_theme *t, const char *relation, size_t *k) {
    int is_new = 0, known = -1;
    int rc = register_name(t, &t->relations, relation, relation_display, k, &is_new, &known);
    if (rc != SG_OK || !is_new)
        return rc;
    category *c = &t->relations.items[*k];
    if (c->empty) {
        c->edge = no_relation;
        c->rank = SIZE_MAX;
        rc = set_display(c, "No relation");
    } else if (known >= 0) {
        c->edge = t->tab.relations[known].style;
        c->rank = (size_t)known;
    } else {
        c->rank = t->tab.n_relations + t->relations.unknown++;
        c->unknown = 1;
        assign_unknown_lines(t, *k); /* by name: the same line in every figure */
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

/* ---------------------------------------------------------------------------------------- */
/* Palettes of colour by category, and grays                                                */

size_t sg_theme_category_colour_count(void) {
    return COUNT(category_colours);
}

const char *sg_theme_category_colour(size_t i) {
    return category_colours[i % COUNT(category_colours)];
}

/* Colours of communities (--color-by community): Paul Tol's (Tol 2021, "Colour Schemes",
 * SRON/EPS/TN/09-002) "muted" scheme without its cyan (#88CCEE, close to the sky blue of
 * national government) and pale grey, then his "light" scheme without its pale grey: none is
 * a colour of a built-in type (Okabe-Ito), so a community never looks like a type of the
 * other figures of a report. */
static const char *const community_colours[] = {
    "#CC6677", "#332288", "#DDCC77", "#117733", "#882255", "#44AA99", "#999933", "#AA4499",
    "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00",
};

size_t sg_theme_community_colour_count(void) {
    return COUNT(community_colours);
}

const char *sg_theme_community_colour(size_t i) {
    return community_colours[i % COUNT(community_colours)];
}

void sg_theme_gray(size_t i, size_t n, char out[8]) {
    /* From light (#F2F2F2) to dark (#404040), evenly spaced in sRGB value. */
    double hi = 0xF2, lo = 0x40;
    double v = n <= 1 ? hi : hi - (hi - lo) * (double)(i % n) / (double)(n - 1);
    int c = (int)(v + 0.5);
    static const char hex[] = "0123456789ABCDEF";
    out[0] = '#';
    for (int k = 0; k < 3; k++) {
        out[1 + 2 * k] = hex[(c >> 4) & 15];
        out[2 + 2 * k] = hex[c & 15];
    }
    out[7] = '\0';
}

/* The grays of the palette's colours, as CIE L* (lightness, 0 black to 100 white), so that a
 * type has one gray wherever it is drawn: not its rank among the types of one figure, which
 * made the same type #999999 in a whole graph, #F2F2F2 in a --type view and #B7B7B7 in the
 * grid. Twelve levels, L* = 96 - 7.6 i (i = 0 to 10, #F3F3F3 to #303030) and black:
 * - the six colours of the built-in types take the even levels, in the order of their own
 *   lightness (yellow, orange, sky blue, reddish purple, bluish green, blue): 15 L* apart,
 *   although orange and sky blue, purple and bluish green, are within 3 L* of each other in a
 *   gray print of the colours;
 * - level 1 (#DEDEDE) is left to the fill of the nodes without a type (#E0E0E0, a gray);
 * - the colours that unknown types take (assign_unknown_fills()) take the odd levels, so an
 *   unknown type's gray is never a built-in type's: black black, the others, in the order of
 *   their own lightness, two or three to a level (sand, cyan and teal 3; olive, rose and
 *   vermillion 5; purple and green 7; wine and indigo 9). Two unknown types of one level share
 *   a gray; their shapes, chosen by name, usually differ. */
static const struct {
    const char *colour;
    double lightness;
} palette_grays[] = {
    {OI_YELLOW, 96.0},       {OI_ORANGE, 80.8}, {OI_SKY_BLUE, 65.6},   {OI_REDDISH_PURPLE, 50.4},
    {OI_BLUISH_GREEN, 35.2}, {OI_BLUE, 20.0},   {OI_VERMILLION, 58.0}, {OI_BLACK, 0.0},
    {"#CC6677", 58.0},       {"#332288", 27.6}, {"#DDCC77", 73.2},     {"#117733", 42.8},
    {"#88CCEE", 73.2},       {"#882255", 27.6}, {"#44AA99", 73.2},     {"#999933", 58.0},
    {"#AA4499", 42.8},
};

/* "#RRGGBB" of the gray of CIE lightness `l` (0 to 100; D65, sRGB). */
static void gray_of_lightness(double l, char out[8]) {
    double y = l > 8 ? pow((l + 16) / 116, 3) : l * 27 / 24389;
    double c = y <= 0.0031308 ? 12.92 * y : 1.055 * pow(y, 1 / 2.4) - 0.055;
    int v = (int)(c * 255 + 0.5);
    v = v < 0 ? 0 : v > 255 ? 255 : v;
    snprintf(out, 8, "#%02X%02X%02X", (unsigned)v, (unsigned)v, (unsigned)v);
}

void sg_theme_colour_gray(const char *fill, char out[8]) {
    for (size_t i = 0; i < COUNT(palette_grays); i++) {
        if (fill && strcasecmp(fill, palette_grays[i].colour) == 0) {
            gray_of_lightness(palette_grays[i].lightness, out);
            return;
        }
    }
    double y = luminance(fill);
    if (y < 0) { /* not "#RRGGBB": the fill of no type */
        snprintf(out, 8, "%s", NO_TYPE_FILL);
        return;
    }
    if (hex_digit(fill[1]) == hex_digit(fill[3]) && hex_digit(fill[3]) == hex_digit(fill[5]) &&
        hex_digit(fill[2]) == hex_digit(fill[4]) && hex_digit(fill[4]) == hex_digit(fill[6])) {
        for (int i = 0; i < 7; i++) /* a gray already (#E0E0E0): itself, upper case */
            out[i] = fill[i] >= 'a' && fill[i] <= 'f' ? (char)(fill[i] - 'a' + 'A') : fill[i];
        out[7] = '\0';
        return;
    }
    gray_of_lightness(y > 216.0 / 24389 ? 116 * cbrt(y) - 16 : y * 24389 / 27, out);
}

void sg_theme_type_gray(const sg_theme *t, size_t k, char out[8]) {
    const sg_node_style *st = sg_theme_type_style(t, k);
    sg_theme_colour_gray(st ? st->fill : NULL, out);
}

/* ---------------------------------------------------------------------------------------- */
/* Theme files                                                                              */

/* Graphviz 2.43's node shapes (the polygon-based ones of "Node Shapes"; record shapes, which
 * parse their label, and custom shapes, which read a file, are not offered). */
static const char graphviz_shapes[] =
    " box polygon ellipse oval circle point egg triangle plaintext plain diamond trapezium "
    "parallelogram house pentagon hexagon septagon octagon doublecircle doubleoctagon "
    "tripleoctagon invtriangle invtrapezium invhouse Mdiamond Msquare Mcircle rect rectangle "
    "square star none underline cylinder note tab folder box3d component promoter cds "
    "terminator utr primersite restrictionsite fivepoverhang threepoverhang noverhang assembly "
    "signature insulator ribosite rnastab proteasesite proteinstab rpromoter rarrow larrow "
    "lpromoter ";

/* Graphviz's primitive arrow shapes, and the old names it still takes ("Arrow Shapes"). */
static const char *const arrow_shapes[] = {"box",  "crow", "curve", "icurve", "diamond", "dot",
                                           "inv",  "none", "normal", "tee",  "vee"};
static const char *const arrow_old_names[] = {"ediamond", "open",   "halfopen", "empty",
                                              "invempty", "invdot", "invodot"};

static const char *const line_styles[] = {"solid", "dashed", "dotted", "bold"};
static const char *const node_styles[] = {"filled", "filled,rounded"};

static int word_in(const char *list, const char *w) {
    size_t n = strlen(w);
    if (n == 0 || strchr(w, ' '))
        return 0;
    for (const char *p = strstr(list, w); p; p = strstr(p + 1, w))
        if (p[-1] == ' ' && p[n] == ' ')
            return 1;
    return 0;
}

/* 1 when `s` is a Graphviz arrow: an old name, or one to four shapes, each an optional 'o'
 * (open), an optional 'l' or 'r' (half), then a primitive shape. */
static int valid_arrow(const char *s) {
    for (size_t i = 0; i < COUNT(arrow_old_names); i++)
        if (strcmp(s, arrow_old_names[i]) == 0)
            return 1;
    int shapes = 0;
    while (*s) {
        if (++shapes > 4)
            return 0;
        if (*s == 'o')
            s++;
        if (*s == 'l' || *s == 'r')
            s++;
        size_t best = 0;
        for (size_t i = 0; i < COUNT(arrow_shapes); i++) {
            size_t n = strlen(arrow_shapes[i]);
            if (n > best && strncmp(s, arrow_shapes[i], n) == 0)
                best = n;
        }
        if (best == 0)
            return 0;
        s += best;
    }
    return shapes > 0;
}

static int valid_colour(const char *s) {
    if (s[0] != '#' || strlen(s) != 7)
        return 0;
    for (int i = 1; i < 7; i++)
        if (hex_digit(s[i]) < 0)
            return 0;
    return 1;
}

static int one_of(const char *const *list, size_t n, const char *s) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

typedef struct {
    sg_theme *t;
    const char *file;
    sg_diag *diag;
    long line;
    size_t errors;
    int nomem;
    size_t cap_types, cap_relations, cap_aliases, cap_pool;
} loader;

static void load_error(loader *L, long column, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void load_error(loader *L, long column, const char *fmt, ...) {
    sg_buf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    sg_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    sg_diag_add(L->diag, SG_ERROR, L->file, L->line, column, "theme: %s",
                msg.data ? msg.data : "out of memory");
    sg_buf_free(&msg);
    L->errors++;
}

/* Keeps `s` (a new string) in the theme's pool; NULL when out of memory. */
static const char *pool_keep(loader *L, char *s) {
    sg_theme *t = L->t;
    if (!s || L->nomem) {
        free(s);
        L->nomem = 1;
        return NULL;
    }
    if (t->pool_count == L->cap_pool) {
        size_t cap = L->cap_pool ? L->cap_pool * 2 : 32;
        char **p = realloc(t->pool, cap * sizeof *p);
        if (!p) {
            free(s);
            L->nomem = 1;
            return NULL;
        }
        t->pool = p;
        L->cap_pool = cap;
    }
    t->pool[t->pool_count++] = s;
    return s;
}

static int grow(loader *L, void **items, size_t count, size_t *cap, size_t size) {
    if (count < *cap)
        return 1;
    size_t n = *cap ? *cap * 2 : 8;
    void *p = realloc(*items, n * size);
    if (!p) {
        L->nomem = 1;
        return 0;
    }
    *items = p;
    *cap = n;
    return 1;
}

/* One token of a line: a bare word (up to white space, or '=' when `stop_at_equals`) or a
 * "quoted" string with \" and \\. */
typedef struct {
    sg_buf text;
    long column; /* 1-based, in bytes */
    int quoted;
} token;

/* Reads a token at *p; 0 at the end of the line (or a comment), -1 on an unterminated quote. */
static int next_token(const char *line, const char **p, int stop_at_equals, token *tk) {
    const char *s = *p;
    while (*s == ' ' || *s == '\t')
        s++;
    memset(tk, 0, sizeof *tk);
    tk->column = (long)(s - line) + 1;
    /* '#' starts a comment after white space (or at the line's start), not in a value
     * ("fill=#E69F00") */
    if (*s == '\0' || (*s == '#' && (s > *p || s == line))) {
        *p = s;
        return 0;
    }
    if (*s == '"') {
        tk->quoted = 1;
        s++;
        while (*s && *s != '"') {
            if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
                s++;
            sg_buf_putc(&tk->text, *s++);
        }
        if (*s != '"') {
            *p = s;
            return -1;
        }
        s++;
    } else {
        while (*s && *s != ' ' && *s != '\t' && !(stop_at_equals && *s == '='))
            sg_buf_putc(&tk->text, *s++);
    }
    if (!tk->text.data)
        sg_buf_append(&tk->text, "", 0);
    *p = s;
    return 1;
}

typedef struct {
    const char *name;
    char *value;
    long column;
} setting;

#define MAX_SETTINGS 8

/* Reads the key=value settings after a line's name into `out`; returns how many, or -1 after an
 * error (reported; nothing left to free). Keys must be among `allowed` (space-separated, spaces at both ends). */
/* 1 when setting name `a` (pointing into an allowed list, ended by a space) is `k`. */
static int same_name(const char *a, const char *k) {
    size_t n = strlen(k);
    return strncmp(a, k, n) == 0 && a[n] == ' ';
}

/* Reads the key=value settings after a line's name into `out` (*n of them); -1 after an error
 * (reported). Keys must be among `allowed` (space-separated, spaces at both ends). */
static int read_settings_into(loader *L, const char *line, const char *p, const char *allowed,
                              setting *out, int *n) {
    for (;;) {
        token key, value;
        int r = next_token(line, &p, 1, &key);
        const char *k = key.text.data ? key.text.data : "";
        int rc = -1;
        if (r == 0) {
            rc = 0;
        } else if (r < 0 || key.quoted || *p != '=') {
            load_error(L, key.column,
                       r < 0 ? "unterminated quoted string" : "expected name=value, not '%s'",
                       k);
        } else if (!word_in(allowed, k)) {
            load_error(L, key.column, "unknown setting '%s' (allowed:%s)", k, allowed);
        } else {
            rc = 1;
            for (int i = 0; i < *n && rc; i++)
                if (same_name(out[i].name, k))
                    rc = 0;
            if (!rc) {
                load_error(L, key.column, "'%s' given twice", k);
                rc = -1;
            }
        }
        if (rc <= 0) {
            sg_buf_free(&key.text);
            return rc;
        }
        p++; /* '=' */
        int rv = next_token(line, &p, 0, &value);
        if (rv <= 0 || (!value.quoted && value.text.len == 0)) {
            load_error(L, value.column,
                       rv < 0 ? "unterminated quoted string" : "'%s=' needs a value", k);
            sg_buf_free(&key.text);
            sg_buf_free(&value.text);
            return -1;
        }
        /* the allowed list is static: the name points into it */
        const char *static_name = strstr(allowed, k);
        while (static_name && !(static_name[-1] == ' ' && same_name(static_name, k)))
            static_name = strstr(static_name + 1, k);
        out[*n].name = static_name;
        out[*n].value = value.text.data;
        out[*n].column = value.column;
        (*n)++;
        sg_buf_free(&key.text);
    }
}

/* As read_settings_into(); returns how many, or -1 after an error (nothing left to free). */
static int read_settings(loader *L, const char *line, const char *p, const char *allowed,
                         setting *out) {
    int n = 0;
    if (read_settings_into(L, line, p, allowed, out, &n) < 0) {
        for (int i = 0; i < n; i++)
            free(out[i].value);
        return -1;
    }
    return n;
}

static setting *find_setting(setting *s, int n, const char *name) {
    for (int i = 0; i < n; i++)
        if (same_name(s[i].name, name))
            return &s[i];
    return NULL;
}

/* The normalised key of a name token; NULL after an error (reported). */
static char *name_key(loader *L, const token *tk) {
    sg_buf key = {0};
    normalise(tk->text.data, &key);
    if (key.failed || !key.data) {
        L->nomem = 1;
        sg_buf_free(&key);
        return NULL;
    }
    if (key.data[0] == '\0') {
        load_error(L, tk->column, "an empty name");
        sg_buf_free(&key);
        return NULL;
    }
    return key.data;
}

/* A display name: the label= setting, else the name's display form. */
static const char *display_of(loader *L, setting *label, const char *name) {
    if (label)
        return pool_keep(L, sg_strdup(label->value));
    sg_buf d = {0};
    sg_theme_display_name(name, &d);
    if (d.failed || !d.data) {
        sg_buf_free(&d);
        L->nomem = 1;
        return NULL;
    }
    return pool_keep(L, d.data);
}

static const char *required(loader *L, setting *s, int n, const char *name, long column) {
    setting *x = find_setting(s, n, name);
    if (!x) {
        load_error(L, column, "'%s=' is missing", name);
        return NULL;
    }
    return x->value;
}

static void load_type(loader *L, const char *line, const char *p, const token *name) {
    sg_theme *t = L->t;
    setting s[MAX_SETTINGS];
    int n = read_settings(L, line, p, " label fill shape style ", s);
    if (n < 0)
        return;
    char *key = L->errors == 0 ? name_key(L, name) : NULL;
    if (key) {
        for (size_t i = 0; i < t->tab.n_types; i++)
            if (strcmp(t->tab.types[i].key, key) == 0)
                load_error(L, name->column, "type '%s' defined twice", key);
    }
    const char *fill = key ? required(L, s, n, "fill", name->column) : NULL;
    const char *shape = fill ? required(L, s, n, "shape", name->column) : NULL;
    setting *style = find_setting(s, n, "style");
    if (fill && !valid_colour(fill))
        load_error(L, find_setting(s, n, "fill")->column,
                   "unknown colour '%s' (a colour is #RRGGBB)", fill);
    else if (shape && !word_in(graphviz_shapes, shape))
        load_error(L, find_setting(s, n, "shape")->column,
                   "unknown shape '%s' (a Graphviz node shape: box, ellipse, hexagon, ...)",
                   shape);
    else if (style && !one_of(node_styles, COUNT(node_styles), style->value))
        load_error(L, style->column, "unknown style '%s' (filled or filled,rounded)",
                   style->value);
    else if (shape && L->errors == 0 &&
             grow(L, (void **)&t->own_types, t->tab.n_types, &L->cap_types, sizeof(type_entry))) {
        type_entry *e = &t->own_types[t->tab.n_types];
        e->key = pool_keep(L, key);
        key = NULL;
        e->display = display_of(L, find_setting(s, n, "label"), name->text.data);
        e->fill = pool_keep(L, sg_strdup(fill));
        e->shape = pool_keep(L, sg_strdup(shape));
        e->style = pool_keep(L, sg_strdup(style ? style->value : "filled"));
        t->tab.types = t->own_types;
        t->tab.n_types++;
    }
    free(key);
    for (int i = 0; i < n; i++)
        free(s[i].value);
}

static void load_relation(loader *L, const char *line, const char *p, const token *name) {
    sg_theme *t = L->t;
    setting s[MAX_SETTINGS];
    int n = read_settings(L, line, p, " label line width double head tail ", s);
    if (n < 0)
        return;
    char *key = L->errors == 0 ? name_key(L, name) : NULL;
    if (key) {
        for (size_t i = 0; i < t->tab.n_relations; i++)
            if (strcmp(t->tab.relations[i].key, key) == 0)
                load_error(L, name->column, "relation '%s' defined twice", key);
    }
    const char *lstyle = key ? required(L, s, n, "line", name->column) : NULL;
    const char *width = lstyle ? required(L, s, n, "width", name->column) : NULL;
    const char *head = width ? required(L, s, n, "head", name->column) : NULL;
    setting *tail = find_setting(s, n, "tail"), *dbl = find_setting(s, n, "double");
    double w = 0;
    if (lstyle && !one_of(line_styles, COUNT(line_styles), lstyle))
        load_error(L, find_setting(s, n, "line")->column,
                   "unknown line style '%s' (solid, dashed, dotted or bold)", lstyle);
    else if (width && (sg_parse_number(width, &w) != 0 || !(w >= 0.1 && w <= 10)))
        load_error(L, find_setting(s, n, "width")->column,
                   "width '%s' is not a number from 0.1 to 10 (points)", width);
    else if (head && !valid_arrow(head))
        load_error(L, find_setting(s, n, "head")->column,
                   "unknown arrow '%s' (a Graphviz arrow: normal, vee, dot, onormal, none, ...)",
                   head);
    else if (head && tail && !valid_arrow(tail->value))
        load_error(L, tail->column,
                   "unknown arrow '%s' (a Graphviz arrow: normal, vee, dot, onormal, none, ...)",
                   tail->value);
    else if (head && dbl && strcmp(dbl->value, "yes") != 0 && strcmp(dbl->value, "no") != 0)
        load_error(L, dbl->column, "double takes yes or no, not '%s'", dbl->value);
    else if (head && L->errors == 0 &&
             grow(L, (void **)&t->own_relations, t->tab.n_relations, &L->cap_relations,
                  sizeof(relation_entry))) {
        relation_entry *e = &t->own_relations[t->tab.n_relations];
        e->key = pool_keep(L, key);
        key = NULL;
        e->display = display_of(L, find_setting(s, n, "label"), name->text.data);
        e->style.line = pool_keep(L, sg_strdup(lstyle));
        e->style.penwidth = w;
        e->style.parallel = dbl && strcmp(dbl->value, "yes") == 0;
        e->style.arrowhead = pool_keep(L, sg_strdup(head));
        e->style.arrowtail = pool_keep(L, sg_strdup(tail ? tail->value : "none"));
        t->tab.relations = t->own_relations;
        t->tab.n_relations++;
    }
    free(key);
    for (int i = 0; i < n; i++)
        free(s[i].value);
}

static void load_alias(loader *L, const char *line, const char *p, const token *name) {
    sg_theme *t = L->t;
    token target, extra;
    int r = next_token(line, &p, 0, &target);
    if (r <= 0) {
        load_error(L, target.column, r < 0 ? "unterminated quoted string"
                                           : "alias needs two names: alias OTHER-NAME NAME");
        sg_buf_free(&target.text);
        return;
    }
    int r2 = next_token(line, &p, 0, &extra);
    if (r2 != 0)
        load_error(L, extra.column, "alias takes two names only");
    sg_buf_free(&extra.text);
    char *from = L->errors == 0 ? name_key(L, name) : NULL;
    char *to = from ? name_key(L, &target) : NULL;
    if (to && grow(L, (void **)&t->own_aliases, t->tab.n_aliases, &L->cap_aliases,
                   sizeof(alias_entry))) {
        alias_entry *e = &t->own_aliases[t->tab.n_aliases];
        e->alias = pool_keep(L, from);
        e->key = pool_keep(L, to);
        from = to = NULL;
        t->tab.aliases = t->own_aliases;
        t->tab.n_aliases++;
    }
    free(from);
    free(to);
    sg_buf_free(&target.text);
}

int sg_theme_load(sg_theme *t, const char *text, size_t len, const char *file, sg_diag *diag) {
    if (t->types.count || t->relations.count || t->own_types || t->own_relations ||
        t->own_aliases)
        return SG_EINVAL; /* only into a fresh theme */
    loader L = {t, file, diag, 0, 0, 0, 0, 0, 0, 0};
    t->tab = (table){NULL, 0, NULL, 0, NULL, 0};
    size_t start = 0;
    sg_buf line = {0};
    while (start < len && L.errors == 0 && !L.nomem) {
        size_t end = start;
        while (end < len && text[end] != '\n')
            end++;
        L.line++;
        line.len = 0;
        sg_buf_append(&line, text + start, end - start);
        if (line.len && line.data[line.len - 1] == '\r')
            line.data[--line.len] = '\0';
        start = end + 1;
        if (line.failed) {
            L.nomem = 1;
            break;
        }
        if (memchr(line.data, '\0', line.len)) {
            load_error(&L, (long)strlen(line.data) + 1, "a NUL byte");
            break;
        }
        const char *p = line.data;
        token kind, name;
        if (next_token(line.data, &p, 0, &kind) == 0) {
            sg_buf_free(&kind.text);
            continue; /* blank or comment */
        }
        int is_type = strcmp(kind.text.data, "type") == 0;
        int is_rel = strcmp(kind.text.data, "relation") == 0;
        int is_alias = strcmp(kind.text.data, "alias") == 0;
        if (!is_type && !is_rel && !is_alias) {
            load_error(&L, kind.column, "expected type, relation or alias, not '%s'",
                       kind.text.data);
            sg_buf_free(&kind.text);
            break;
        }
        int r = next_token(line.data, &p, is_alias ? 0 : 1, &name);
        if (r <= 0)
            load_error(&L, name.column, r < 0 ? "unterminated quoted string"
                                              : "'%s' needs a name",
                       kind.text.data);
        else if (is_type)
            load_type(&L, line.data, p, &name);
        else if (is_rel)
            load_relation(&L, line.data, p, &name);
        else
            load_alias(&L, line.data, p, &name);
        sg_buf_free(&kind.text);
        sg_buf_free(&name.text);
    }
    sg_buf_free(&line);
    if (!L.nomem && L.errors == 0 && !(t->file = sg_strdup(file ? file : "")))
        L.nomem = 1;
    if (L.nomem)
        return SG_ENOMEM;
    if (L.errors == 0 && t->tab.n_types == 0 && t->tab.n_relations == 0) {
        sg_diag_add(diag, SG_ERROR, file, L.line ? L.line : 1, 1,
                    "theme: no type and no relation defined");
        return SG_EINVAL;
    }
    return L.errors ? SG_EINVAL : SG_OK;
}

int sg_theme_load_file(sg_theme *t, const char *path, sg_diag *diag) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        sg_diag_add(diag, SG_ERROR, path, 0, 0, "cannot read the theme file: %s",
                    strerror(errno));
        return SG_EIO;
    }
    sg_buf text = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && text.len < (1u << 20))
        sg_buf_append(&text, chunk, n);
    int err = ferror(f);
    fclose(f);
    int rc;
    if (err) {
        sg_diag_add(diag, SG_ERROR, path, 0, 0, "cannot read the theme file");
        rc = SG_EIO;
    } else if (text.len >= (1u << 20)) {
        sg_diag_add(diag, SG_ERROR, path, 0, 0, "the theme file is larger than 1 MiB");
        rc = SG_EINVAL;
    } else if (text.failed) {
        rc = SG_ENOMEM;
    } else {
        rc = sg_theme_load(t, text.data ? text.data : "", text.len, path, diag);
    }
    sg_buf_free(&text);
    return rc;
}

int sg_theme_file_check(const char *path, sg_diag *diag) {
    sg_theme *t = sg_theme_new();
    if (!t)
        return SG_ENOMEM;
    int rc = sg_theme_load_file(t, path, diag);
    sg_theme_free(t);
    return rc;
}

static void write_quoted(sg_buf *out, const char *s) {
    sg_buf_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            sg_buf_putc(out, '\\');
        sg_buf_putc(out, *s);
    }
    sg_buf_putc(out, '"');
}

void sg_theme_write(const sg_theme *t, sg_buf *out) {
    for (size_t i = 0; i < t->tab.n_types; i++) {
        const type_entry *e = &t->tab.types[i];
        sg_buf_printf(out, "type %s label=", e->key);
        write_quoted(out, e->display);
        sg_buf_printf(out, " fill=%s shape=%s style=%s\n", e->fill, e->shape, e->style);
    }
    for (size_t i = 0; i < t->tab.n_relations; i++) {
        const relation_entry *e = &t->tab.relations[i];
        char w[32];
        sg_format_number(e->style.penwidth, 6, w, sizeof w);
        sg_buf_printf(out, "relation %s label=", e->key);
        write_quoted(out, e->display);
        sg_buf_printf(out, " line=%s width=%s double=%s head=%s tail=%s\n", e->style.line, w,
                      e->style.parallel ? "yes" : "no", e->style.arrowhead, e->style.arrowtail);
    }
    for (size_t i = 0; i < t->tab.n_aliases; i++)
        sg_buf_printf(out, "alias %s %s\n", t->tab.aliases[i].alias, t->tab.aliases[i].key);
}

/* Adds warning `text` to `diag` unless it holds that warning already (of `file`). */
static void warn_once(sg_diag *diag, const char *file, const char *text) {
    for (size_t i = 0; i < sg_diag_count(diag); i++) {
        const sg_message *m = sg_diag_get(diag, i);
        if (m->severity == SG_WARNING && strcmp(m->text, text) == 0 &&
            strcmp(m->file ? m->file : "", file) == 0)
            return;
    }
    sg_diag_add(diag, SG_WARNING, file, 0, 0, "%s", text);
}

void sg_theme_warn_unnamed(const sg_theme *t, sg_diag *diag) {
    if (!t || !t->file)
        return;
    for (int rel = 0; rel < 2; rel++) {
        const category_list *l = rel ? &t->relations : &t->types;
        for (size_t i = 0; i < l->count; i++) {
            if (!l->items[i].unknown)
                continue;
            sg_buf msg = {0};
            sg_buf_printf(&msg,
                          "theme: no style for %s \"%s\"; drawn as an unknown %s (%s chosen from "
                          "its name)",
                          rel ? "relation" : "type", l->items[i].key, rel ? "relation" : "type",
                          rel ? "line style and arrowhead" : "colour and shape");
            if (!msg.failed && msg.data)
                warn_once(diag, t->file, msg.data);
            sg_buf_free(&msg);
        }
    }
}
