/* DOT reader: Graphviz's cgraph parses; the model keeps what the file said, in file order. */
#include "stakegraph.h"
#include "model/serial.h"
#include "util/contain.h"
#include "util/dot_label.h"
#include "util/strbuf.h"

#include <graphviz/cgraph.h>
#include <stdlib.h>
#include <string.h>

/* Deeper nesting of braces makes cgraph's parser run out of its stack ("memory exhausted") and
 * return a partial graph, or crash in a small stack (shared/cases R09). */
enum { MAX_NESTING = 256 };
/* A longer attribute value is refused unless --max-label allows it. */
#define MAX_LABEL ((size_t)1 << 20)

/* cgraph reports through one global callback; messages arrive in pieces ("Error", ": ", text). */
static sg_buf errors_seen;

static int collect_error(char *text) {
    sg_buf_puts(&errors_seen, text);
    return 0;
}

/* The line number cgraph put in a message ("... in line 3 ..."), or 0. */
static long line_of(const char *msg) {
    const char *p = strstr(msg, "line ");
    while (p) {
        char *end;
        long n = strtol(p + 5, &end, 10);
        if (end != p + 5)
            return n;
        p = strstr(p + 5, "line ");
    }
    return 0;
}

/* Turns what cgraph said into diagnostics. Returns the number of errors. */
static int report_cgraph_messages(const char *text, const char *name, sg_diag *diag) {
    int errors = 0;
    const char *p = text;
    while (p && *p) {
        int is_error = strncmp(p, "Error: ", 7) == 0;
        int is_warning = strncmp(p, "Warning: ", 9) == 0;
        const char *start = is_error ? p + 7 : is_warning ? p + 9 : p;
        const char *next = start;
        /* A message runs to the next "Error: " or "Warning: " at the start of a line. */
        for (;;) {
            const char *nl = strchr(next, '\n');
            if (!nl) {
                next = start + strlen(start);
                break;
            }
            next = nl + 1;
            if (strncmp(next, "Error: ", 7) == 0 || strncmp(next, "Warning: ", 9) == 0 ||
                *next == '\0')
                break;
        }
        size_t len = (size_t)(next - start);
        while (len > 0 && (start[len - 1] == '\n' || start[len - 1] == ' '))
            len--;
        char *msg = malloc(len + 1);
        if (msg) {
            memcpy(msg, start, len);
            msg[len] = '\0';
            /* An id like 2030Gundem is split in two silently: an error, not a warning (R02). */
            int fatal = is_error || strstr(msg, "badly delimited number") != NULL;
            if (len > 0) {
                sg_diag_add(diag, fatal ? SG_ERROR : SG_WARNING, name, line_of(msg), 0, "%s",
                            msg);
                errors += fatal;
            }
            free(msg);
        }
        p = next;
    }
    return errors;
}

/* If a string ("..." or an HTML string <...>) or a comment starts at s[i], the index just past
 * it, counting the lines it spans in *line; otherwise i. */
static size_t skip_string_or_comment(const char *s, size_t n, size_t i, long *line) {
    char c = s[i];
    if (c == '"') {
        for (i++; i < n && s[i] != '"'; i++) {
            if (s[i] == '\\' && i + 1 < n)
                i++;
            *line += s[i] == '\n';
        }
        return i < n ? i + 1 : n;
    }
    if (c == '<') { /* an HTML string: '<' starts nothing else in DOT */
        for (int depth = 0; i < n; i++) {
            depth += (s[i] == '<') - (s[i] == '>');
            *line += s[i] == '\n';
            if (depth == 0)
                return i + 1;
        }
        return n;
    }
    if (c == '/' && i + 1 < n && s[i + 1] == '*') {
        for (i += 2; i + 1 < n && !(s[i] == '*' && s[i + 1] == '/'); i++)
            *line += s[i] == '\n';
        return i + 1 < n ? i + 2 : n;
    }
    if ((c == '/' && i + 1 < n && s[i + 1] == '/') || (c == '#' && (i == 0 || s[i - 1] == '\n'))) {
        while (i < n && s[i] != '\n')
            i++;
        return i; /* the line end is left to the caller */
    }
    return i;
}

/* Checks brace nesting outside strings and comments. Returns the line where the limit is passed,
 * or 0. */
static long nesting_too_deep(const char *s, size_t n, unsigned max_depth) {
    /* The bytes that start a string or comment, or count: the others are passed over at once
     * (a call for every byte was 2.5 % of reading L.gv: issue 10). */
    static const unsigned char special[256] = {['"'] = 1, ['<'] = 1, ['/'] = 1, ['#'] = 1,
                                               ['\n'] = 1, ['{'] = 1, ['}'] = 1};
    long line = 1;
    int depth = 0;
    for (size_t i = 0; i < n;) {
        if (!special[(unsigned char)s[i]]) {
            i++;
            continue;
        }
        size_t next = skip_string_or_comment(s, n, i, &line);
        if (next != i) {
            i = next;
            continue;
        }
        if (s[i] == '\n') {
            line++;
        } else if (s[i] == '{') {
            if (++depth > (int)max_depth)
                return line;
        } else if (s[i] == '}') {
            depth--;
        }
        i++;
    }
    return 0;
}

/* The line where text after the first graph's closing brace begins (the second graph), or 0
 * when only blanks and comments follow it. */
static long second_graph_line(const char *s, size_t n) {
    long line = 1;
    int depth = 0, closed = 0;
    for (size_t i = 0; i < n;) {
        if (closed && (s[i] == '"' || s[i] == '<'))
            return line;
        size_t next = skip_string_or_comment(s, n, i, &line);
        if (next != i) {
            i = next;
            continue;
        }
        char c = s[i];
        if (c == '\n')
            line++;
        else if (closed && !strchr(" \t\r\f\v", c))
            return line;
        else if (c == '{')
            depth++;
        else if (c == '}' && --depth == 0)
            closed = 1;
        i++;
    }
    return 0;
}

/* The longest attribute value allowed (the reader's limit) and what broke it. */
static size_t max_value;
static const char *too_long;

/* The attribute symbols of one kind of object, listed once (agnxtattr() per object was a
 * tenth of the child's own work on L: issue 10), with their names' numbers in the model. */
typedef struct {
    Agsym_t **syms;
    long *number; /* the name's number on the wire, -1 until first set (the model's order) */
    size_t n;
} symbols;

/* The model as the bytes of model/serial.h, written straight from cgraph's graph: the child
 * builds no model of its own (issue 10). */
typedef struct {
    sg_buf body;
    size_t nodes, edges;
    const char **names; /* cgraph's strings, kept: the graph is never closed in the child */
    size_t n_names, cap_names;
} wire;

/* The number of attribute name `name` on the wire, added if new (numbered as the model numbers
 * names: in the order they are first set); -1 when out of memory. */
static long wire_name(wire *w, const char *name) {
    for (size_t k = 0; k < w->n_names; k++)
        if (strcmp(w->names[k], name) == 0)
            return (long)k;
    if (w->n_names == w->cap_names) {
        size_t cap = w->cap_names ? 2 * w->cap_names : 8;
        const char **p = realloc(w->names, cap * sizeof *p);
        if (!p)
            return -1;
        w->names = p;
        w->cap_names = cap;
    }
    w->names[w->n_names] = name;
    return (long)w->n_names++;
}

static int symbols_list(Agraph_t *g, int kind, symbols *t) {
    t->n = 0;
    for (Agsym_t *sym = agnxtattr(g, kind, NULL); sym; sym = agnxtattr(g, kind, sym))
        t->n++;
    t->syms = malloc((t->n ? t->n : 1) * sizeof *t->syms);
    t->number = malloc((t->n ? t->n : 1) * sizeof *t->number);
    if (!t->syms || !t->number)
        return SG_ENOMEM;
    size_t k = 0;
    for (Agsym_t *sym = agnxtattr(g, kind, NULL); sym && k < t->n; sym = agnxtattr(g, kind, sym)) {
        if (kind == AGEDGE && strcmp(sym->name, "key") == 0)
            continue; /* cgraph's, not data */
        t->syms[k] = sym;
        t->number[k++] = -1;
    }
    t->n = k;
    return SG_OK;
}

static void symbols_free(symbols *t) {
    free(t->syms);
    free(t->number);
}

/* The text a label `v` of `obj` (kind AGRAPH, AGNODE or AGEDGE) shows, as Graphviz reads it
 * (escString): the line breaks \n, \l and \r become newlines (a break at the very end ends the
 * last line and is dropped), \N the node's name, \G the graph's, \E the edge's "tail->head",
 * \T and \H its ends', \\ one backslash; before any other character the backslash is dropped,
 * as Graphviz drops it. Names are never decoded: a node without a label shows its name
 * literally (shared/cases R04). Into `out`. */
static void label_shown(void *obj, int kind, const char *v, sg_buf *out) {
    Agraph_t *root = agroot(obj);
    for (const char *p = v; *p; p++) {
        if (*p != '\\' || !p[1]) {
            sg_buf_putc(out, *p);
            continue;
        }
        char c = *++p;
        if (c == 'n' || c == 'l' || c == 'r') {
            if (p[1])
                sg_buf_putc(out, '\n');
        } else if (c == 'N' && kind == AGNODE) {
            sg_buf_puts(out, agnameof(obj));
        } else if (c == 'G') {
            sg_buf_puts(out, agnameof(kind == AGRAPH ? obj : root));
        } else if ((c == 'E' || c == 'T' || c == 'H') && kind == AGEDGE) {
            if (c != 'H')
                sg_buf_puts(out, agnameof(agtail((Agedge_t *)obj)));
            if (c == 'E')
                sg_buf_puts(out, agisdirected(root) ? "->" : "--");
            if (c != 'T')
                sg_buf_puts(out, agnameof(aghead((Agedge_t *)obj)));
        } else {
            sg_buf_putc(out, c);
        }
    }
    if (!out->data)
        sg_buf_append(out, "", 0);
}

/* Writes the attributes of `obj` (count, then name number and value of each) to the wire. */
static int copy_attrs(symbols *t, int kind, void *obj, wire *w) {
    size_t at = w->body.len, count = 0;
    sg_serial_put_u64(&w->body, 0); /* the count, set below */
    for (size_t k = 0; k < t->n; k++) {
        Agsym_t *sym = t->syms[k];
        const char *v = agxget(obj, sym);
        if (!v || !*v)
            continue;
        /* gvContext() gives every node the default label "\N" (the node's name). */
        if (kind == AGNODE && v[0] == '\\' && v[1] == 'N' && !v[2] &&
            strcmp(sym->name, "label") == 0)
            continue;
        if (strlen(v) > max_value) {
            too_long = sym->name;
            return SG_EINVAL;
        }
        if (t->number[k] < 0 && (t->number[k] = wire_name(w, sym->name)) < 0)
            return SG_ENOMEM;
        sg_serial_put_u64(&w->body, (uint64_t)t->number[k]);
        if (sg_dot_label_attr(sym->name) && strchr(v, '\\') && !aghtmlstr((char *)v)) {
            sg_buf shown = {0};
            label_shown(obj, kind, v, &shown);
            if (shown.failed) {
                sg_buf_free(&shown);
                return SG_ENOMEM;
            }
            sg_serial_put_strz(&w->body, shown.data);
            sg_buf_free(&shown);
        } else {
            sg_serial_put_strz(&w->body, v);
        }
        count++;
    }
    if (w->body.failed)
        return SG_ENOMEM;
    uint64_t c = count;
    memcpy(w->body.data + at, &c, sizeof c);
    return SG_OK;
}

/* Edges by their sequence number (creation order). */
static int by_seq(const void *a, const void *b) {
    IDTYPE sa = AGSEQ(*(Agedge_t *const *)a), sb = AGSEQ(*(Agedge_t *const *)b);
    return (sa > sb) - (sa < sb);
}

/* 1 for a node of the legend that stakegraph's own figure draws (a styled NAME.gv read back):
 * in the subgraph cluster_legend, with an id beginning "legend". Such nodes are drawing, not
 * data, and their edges go with them. */
static int is_legend_node(Agraph_t *legend, Agnode_t *n) {
    if (!legend || !agsubnode(legend, n, 0))
        return 0;
    const char *id = agget(n, "id");
    return id && strncmp(id, "legend", 6) == 0;
}

/* Writes the graph `ag` to `w` as the model would be written (model/serial.h). */
static int convert(Agraph_t *ag, wire *w) {
    int rc = SG_ENOMEM;
    Agraph_t *legend = agsubg(ag, "cluster_legend", 0);
    Agedge_t **edges = NULL;
    symbols syms[3] = {{0}};
    size_t *of_seq = NULL; /* node sequence number -> model index + 1 (0: not in the model) */
    /* agnameof() searches cgraph's name map at every call: the edges find their ends by the
     * nodes' sequence numbers instead (issue 10: DOT read within 1.2x of Graphviz's gc). */
    size_t n_seq = 1;
    for (Agnode_t *n = agfstnode(ag); n; n = agnxtnode(ag, n))
        if ((size_t)AGSEQ(n) + 1 > n_seq)
            n_seq = (size_t)AGSEQ(n) + 1;
    of_seq = calloc(n_seq, sizeof *of_seq);
    if (!of_seq)
        goto done;
    if ((rc = symbols_list(ag, AGRAPH, &syms[0])) != SG_OK ||
        (rc = symbols_list(ag, AGNODE, &syms[1])) != SG_OK ||
        (rc = symbols_list(ag, AGEDGE, &syms[2])) != SG_OK)
        goto done;
    if ((rc = copy_attrs(&syms[0], AGRAPH, ag, w)) != SG_OK)
        goto done;
    for (Agnode_t *n = agfstnode(ag); n; n = agnxtnode(ag, n)) {
        if (is_legend_node(legend, n))
            continue;
        /* cgraph's node names are distinct: no check for a second node of one id */
        sg_serial_put_strz(&w->body, agnameof(n));
        of_seq[AGSEQ(n)] = ++w->nodes;
        if ((rc = copy_attrs(&syms[1], AGNODE, n, w)) != SG_OK)
            goto done;
    }
    size_t m = (size_t)agnedges(ag), k = 0;
    edges = malloc((m ? m : 1) * sizeof *edges);
    rc = SG_ENOMEM;
    if (!edges)
        goto done;
    size_t max_seq = 0;
    for (Agnode_t *n = agfstnode(ag); n; n = agnxtnode(ag, n))
        for (Agedge_t *e = agfstout(ag, n); e && k < m; e = agnxtout(ag, e)) {
            edges[k++] = e;
            if ((size_t)AGSEQ(e) > max_seq)
                max_seq = (size_t)AGSEQ(e);
        }
    /* Sequence numbers are distinct and, in a parsed graph, about 1 to m: each edge goes
     * straight to its place (qsort took as long as building the model's edges; issue 10). */
    Agedge_t **by_number = max_seq <= 2 * k + 16 ? calloc(max_seq + 1, sizeof *by_number) : NULL;
    if (by_number) {
        int twice = 0;
        for (size_t i = 0; i < k; i++) {
            twice |= by_number[AGSEQ(edges[i])] != NULL;
            by_number[AGSEQ(edges[i])] = edges[i];
        }
        if (!twice) {
            size_t j = 0;
            for (size_t q = 0; q <= max_seq; q++)
                if (by_number[q])
                    edges[j++] = by_number[q];
        }
        free(by_number);
        if (twice) /* two edges with one number: not seen, but then the sort decides */
            qsort(edges, k, sizeof *edges, by_seq);
    } else {
        qsort(edges, k, sizeof *edges, by_seq);
    }
    for (size_t i = 0; i < k; i++) {
        size_t s = of_seq[AGSEQ(agtail(edges[i]))], t = of_seq[AGSEQ(aghead(edges[i]))];
        if (!s || !t)
            continue; /* an edge of the legend */
        sg_serial_put_u64(&w->body, s - 1);
        sg_serial_put_u64(&w->body, t - 1);
        w->edges++;
        if ((rc = copy_attrs(&syms[2], AGEDGE, edges[i], w)) != SG_OK)
            goto done;
    }
    rc = SG_OK;
done:
    for (int q = 0; q < 3; q++)
        symbols_free(&syms[q]);
    free(edges);
    free(of_seq);
    return rc;
}

/* The clusters of `g` and its subgraphs (depth first, in cgraph's order) with a label of their
 * own (not the one they inherit from the root graph), but for stakegraph's own legend: their
 * count, and the first few as `cluster_x "Label"` in `names`. */
static size_t labelled_clusters(Agraph_t *root, Agraph_t *g, sg_buf *names, size_t shown) {
    size_t count = 0;
    const char *inherited = agget(root, "label");
    for (Agraph_t *sub = agfstsubg(g); sub; sub = agnxtsubg(sub)) {
        const char *name = agnameof(sub);
        const char *label = agget(sub, "label");
        if (name && strncmp(name, "cluster", 7) == 0 && strcmp(name, "cluster_legend") != 0 &&
            label && *label && !(inherited && strcmp(label, inherited) == 0)) {
            if (shown + count < 3)
                sg_buf_printf(names, "%s%s \"%s\"", names->len ? ", " : "", name, label);
            count++;
        }
        count += labelled_clusters(root, sub, names, shown + count);
    }
    return count;
}

/* cgraph's reader over text in memory (what agmemread() does), kept so that the graphs after
 * the first can be read too: one line a call, as cgraph's own file reader gives them. */
typedef struct {
    const char *data;
    size_t len, at;
} text_reader;

static int read_line(void *chan, char *buf, int bufsize) {
    text_reader *r = chan;
    if (bufsize <= 0 || r->at >= r->len)
        return 0;
    const char *s = r->data + r->at;
    const char *nl = memchr(s, '\n', r->len - r->at);
    size_t n = nl ? (size_t)(nl - s) + 1 : r->len - r->at;
    if (n > (size_t)bufsize)
        n = (size_t)bufsize;
    memcpy(buf, s, n);
    r->at += n;
    return (int)n;
}

/* Reads the first graph of `text` and counts the graphs after it (closing them). */
static Agraph_t *read_first_graph(const char *text, size_t size, int *more) {
    text_reader r = {text, size, 0};
    Agiodisc_t io = {read_line, AgIoDisc.putstr, AgIoDisc.flush};
    Agdisc_t disc = {&AgMemDisc, &AgIdDisc, &io};
    Agraph_t *first = agread(&r, &disc);
    *more = 0;
    for (Agraph_t *g = first ? agread(&r, &disc) : NULL; g; g = agread(&r, &disc)) {
        agclose(g);
        ++*more;
    }
    return first;
}

/* The graph the child parsed, never closed (see read_dot_here). */
static Agraph_t *volatile parsed_graph; /* volatile: the store is kept */

/* Parses in this process. Called in the contained child only. */
static int read_dot_here(const char *data, size_t size, const char *name, unsigned max_depth,
                         wire *out, int *made, sg_diag *diag) {
    *made = 0;
    if (size == 0) {
        sg_diag_add(diag, SG_ERROR, name, 0, 0, "empty file");
        return SG_EINVAL;
    }
    if (memchr(data, '\0', size)) {
        sg_diag_add(diag, SG_ERROR, name, 0, 0, "the file holds a NUL byte: not a DOT text file");
        return SG_EPARSE;
    }
    long deep = nesting_too_deep(data, size, max_depth);
    if (deep) {
        sg_diag_add(diag, SG_ERROR, name, deep, 0,
                    "nesting too deep (more than %u levels of {}; --max-depth N allows more)",
                    max_depth);
        return SG_EPARSE;
    }
    sg_buf_free(&errors_seen);
    agusererrf old_f = agseterrf(collect_error);
    agerrlevel_t old_level = agseterr(AGWARN);
    agreseterrors();
    int more = 0;
    Agraph_t *ag = read_first_graph(data, size, &more); /* by length: no NUL needed */
    int max_level = agerrors();
    agseterr(old_level);
    agseterrf(old_f);

    int rc = SG_OK;
    int errors = report_cgraph_messages(errors_seen.data ? errors_seen.data : "", name, diag);
    sg_buf_free(&errors_seen);
    if (!ag) {
        if (errors == 0)
            sg_diag_add(diag, SG_ERROR, name, 0, 0, "no graph found (not a DOT file?)");
        rc = SG_EPARSE;
    } else if (errors > 0 || max_level >= AGERR) {
        /* cgraph may return a partial graph after an error: never use it. */
        if (errors == 0)
            sg_diag_add(diag, SG_ERROR, name, 0, 0, "Graphviz reported an error while parsing");
        rc = SG_EPARSE;
    } else if (more > 0) {
        /* Graphviz's dot draws every graph of a file; a report is about one graph, and reading
         * the first alone would leave data out unseen. */
        sg_diag_add(diag, SG_ERROR, name, second_graph_line(data, size), 0,
                    "a second graph begins here: the file holds %d graphs and stakegraph reads "
                    "one graph a file (%d would be left out); split the file",
                    more + 1, more);
        rc = SG_EPARSE;
    } else {
        too_long = NULL;
        rc = convert(ag, out);
        *made = rc == SG_OK;
        sg_buf names = {0};
        size_t clusters = *made ? labelled_clusters(ag, ag, &names, 0) : 0;
        if (clusters) /* once for all of them: the model keeps no clusters */
            sg_diag_add(diag, SG_WARNING, name, 0, 0,
                        "%zu cluster%s with a label (%s%s) left out: stakegraph keeps the nodes "
                        "and edges, not the clusters, and draws no cluster labels; a node "
                        "attribute with --color-by ATTR or --collapse ATTR shows such groups",
                        clusters, clusters == 1 ? "" : "s", names.data ? names.data : "",
                        clusters > 3 ? ", ..." : "");
        sg_buf_free(&names);
        if (rc == SG_EINVAL && too_long)
            sg_diag_add(diag, SG_ERROR, name, 0, 0,
                        "a value of attribute '%s' is longer than %zu bytes (--max-label BYTES "
                        "allows more)",
                        too_long, max_value);
    }
    /* Not agclose() now: it took a fifth of the reading time (0.4 s of 2 s on 100,000 edges),
     * and the child process ends as soon as the model is sent. Kept reachable, not leaked; a
     * process that reads again (uncontained: STAKEGRAPH_NO_CONTAIN, the fuzz targets) closes
     * the previous graph first, so at most one is kept. */
    if (parsed_graph)
        agclose(parsed_graph);
    parsed_graph = ag;
    return rc;
}

typedef struct {
    const char *data;
    size_t size;
    const char *name;
    unsigned max_depth;
} parse_job;

/* The child's work: parse, then send the messages and the graph back as bytes. */
static int parse_contained(void *arg, sg_buf *out) {
    const parse_job *job = arg;
    sg_diag *diag = sg_diag_new();
    /* The model's bytes take about the text's size: one block, in huge pages, rather than
     * doubling from 64 bytes (issue 10). */
    wire w = {{sg_big_alloc(job->size + 65536), 0, job->size + 65536, 0}, 0, 0, NULL, 0, 0};
    if (w.body.data)
        w.body.data[0] = '\0';
    else
        w.body.cap = 0;
    int made = 0;
    int rc = read_dot_here(job->data, job->size, job->name, job->max_depth, &w, &made, diag);
    if (made && w.body.failed) {
        made = 0;
        rc = SG_ENOMEM;
    }
    sg_serial_graph parts = {parsed_graph && agisdirected(parsed_graph), w.nodes, w.edges,
                             w.names, w.n_names, w.body.data, w.body.len};
    sg_serialize_parts(diag, made ? &parts : NULL, out);
    sg_buf_free(&w.body);
    free(w.names);
    sg_diag_free(diag);
    return rc;
}

/* The error of a parse that did not end (text[0]: the file's name). */
static void parse_failed(const sg_contained *how, const char *const *text, sg_diag *diag) {
    if (how->timed_out)
        sg_diag_add(diag, SG_ERROR, text[0], 0, 0,
                    "Graphviz took longer than %d s to read the graph", SG_CONTAIN_SECONDS);
    else if (how->signal)
        sg_diag_add(diag, SG_ERROR, text[0], 0, 0,
                    "Graphviz failed while reading the graph (signal %d)", how->signal);
    else
        sg_diag_add(diag, SG_ERROR, text[0], 0, 0, "Graphviz could not be run to read the graph");
}

int sg_read_dot(const char *data, size_t size, const char *name, sg_graph **out, sg_diag *diag) {
    return sg_read_dot_limited(data, size, name, NULL, out, diag);
}

int sg_read_dot_limited(const char *data, size_t size, const char *name,
                        const sg_read_options *opts, sg_graph **out, sg_diag *diag) {
    *out = NULL;
    max_value = opts && opts->max_label ? opts->max_label : MAX_LABEL;
    if (size == 0) {
        sg_diag_add(diag, SG_ERROR, name, 0, 0, "empty file");
        return SG_EINVAL;
    }
    /* cgraph's parser recurses deeply on nested input and has crashed on malformed files
     * (shared/cases R09, shared/data/dot): it runs in a child process on a large stack. */
    parse_job job = {data, size, name,
                     opts && opts->max_depth ? opts->max_depth : (unsigned)MAX_NESTING};
    sg_buf bytes = {0};
    sg_contained how;
    const sg_contain_step step = {parse_failed, {name}};
    int rc;
    if (sg_contain(parse_contained, &job, &step, SG_CONTAIN_STACK_MIB, SG_CONTAIN_SECONDS, &bytes,
                   &how, diag) != 0) {
        rc = SG_ELIB;
    } else {
        rc = sg_deserialize(bytes.data, bytes.len, diag, out);
        if (rc == SG_OK)
            rc = how.status;
        if (rc != SG_OK) {
            sg_graph_free(*out);
            *out = NULL;
        }
    }
    sg_contain_report(&how, diag, name); /* what Graphviz printed to stderr */
    sg_buf_free(&bytes);
    return rc;
}
