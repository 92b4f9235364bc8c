/* stakegraph: the command line. It parses options and calls the library; nothing more. */
#include "cli/atomic.h"
#include "cli/cli.h"
#include "model/graph.h"
#include "util/contain.h"
#include "util/strbuf.h"
#include "stakegraph.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

/* getopt codes of the long-only options of the CSV and IATI readers. */
enum {
    OPT_NODES = 1000,
    OPT_DELIMITER,
    OPT_DECIMAL,
    OPT_THOUSANDS,
    OPT_ENCODING,
    OPT_UNDIRECTED,
    OPT_CREATE_MISSING,
    OPT_ACTIVITY_NODES,
    OPT_COUNTRY,
    OPT_FROM_YEAR,
    OPT_TO_YEAR,
    OPT_REPORTING_ORG,
    OPT_LANG,
    OPT_SORT, /* the report options */
    OPT_ROWS,
    OPT_DIGITS,
    OPT_CAPTION,
    OPT_LABEL,
    OPT_EXCEL,
    OPT_TYPE, /* the view options */
    OPT_EGO,
    OPT_RADIUS,
    OPT_TOP,
    OPT_BY,
    OPT_COLLAPSE,
    OPT_ENGINE, /* layout */
    OPT_MAX_NODES,
    OPT_LABEL_WIDTH,
    OPT_PARALLEL_EDGES,
    OPT_X_ATTR, /* grid */
    OPT_Y_ATTR,
    OPT_SCALE,
    OPT_SIZE_BY, /* figure encoding */
    OPT_COLOR_BY,
    OPT_EDGE_WIDTH,
    OPT_GRAYSCALE,
    OPT_THEME,
    OPT_WIDTH,
    OPT_HEIGHT,
    OPT_FONT
};

typedef struct {
    const char *command;
    int threads;           /* --threads (0: the online CPUs) */
    double sample_sources; /* --sample-sources (0: exact) */
    int quiet;             /* --quiet: no progress on standard error */
    const char *graph;
    const char *output;
    const char *format;
    const char *from;
    sg_read_options read; /* --nodes, --delimiter, --decimal, --thousands, --encoding, ... */
    const char *weight;
    const char *title;
    int dpi;
    double damping;
    unsigned long seed;
    sg_path_weights path_weights;
    const char *group_by;
    const char *relations;
    const char *measures;
    sg_community_method community;
    const char *unit;
    int table_only; /* the report is the CSV table alone: no costly graph figures */
    const char *shown; /* draw: the measures --top needs (comma-separated), computed alone, so
                          that the analysis warns only about them and the policies (NULL: all) */
    sg_report_options report; /* --sort, --rows, --digits, --caption, --label, --excel */
    sg_view_options view; /* --relation, --type, --ego, --radius, --top, --by, --collapse,
                             --parallel-edges */
    int radius_set, by_set;
    const char *engine; /* --engine (NULL: auto) */
    long max_nodes;     /* --max-nodes: larger figures are collapsed by type */
    const char *x_attr, *y_attr; /* grid: --x-attr, --y-attr */
    double scale_min, scale_max; /* grid: --scale MIN:MAX (unset: equal) */
    sg_render_options figure; /* --size-by, --color-by, --edge-width, --grayscale, --theme,
                                 --width, --height, --font, --label-width (--caption is the
                                 report's) */
} options;

static const char usage_text[] =
    "Usage: stakegraph COMMAND [OPTION]... GRAPH\n"
    "Turn a stakeholder relationship graph into figures and centrality reports.\n"
    "\n"
    "Commands:\n"
    "  export GRAPH [-o DIR]            every figure and report (default DIR: out/)\n"
    "  draw   GRAPH -o FILE [-T FORMAT] the figure: gv | svg | png | pdf\n"
    "  report GRAPH [-T FORMAT] [-o FILE]  the centrality report: csv (default) | md |\n"
    "                                   json | tex (LaTeX) | html\n"
    "  convert GRAPH -o FILE [-T FORMAT] the graph in another format: gv | graphml | gml |\n"
    "                                   net (Pajek) | csv (FILE.csv and FILE-nodes.csv) | json\n"
    "  grid   GRAPH -o FILE [-T FORMAT] power/interest grid: gv | svg | png | pdf\n"
    "  check  GRAPH                     validate; print the summary and the warnings\n"
    "\n"
    "GRAPH is a DOT file (.gv, .dot), a CSV edges table (.csv, .tsv, .txt; Source and\n"
    "Target or From and To columns) or a nodes table alone, a GraphML file (.graphml),\n"
    "an IATI activity file (.xml), or - for standard input (DOT unless --from says\n"
    "otherwise).\n"
    "\n"
    "Options:\n"
    "  -o, --output PATH    output file, or directory for export ('-' is standard output)\n"
    "  -T, --format NAME    output format (default: from the output's extension)\n"
    "      --from NAME      input format (default: from GRAPH's extension): dot | csv |\n"
    "                       graphml | iati\n"
    "      --weight ATTR    edge attribute or column holding the weight (default: weight,\n"
    "                       then amount; in CSV also strength, value)\n"
    "      --nodes FILE     CSV: the nodes table (Id, Label, Type, ...) of the edges table\n"
    "      --delimiter C    CSV: the field delimiter: , ; tab or | (default: detected)\n"
    "      --decimal C      CSV: the weights' decimal mark, . or , (default: detected)\n"
    "      --thousands C    CSV: the weights' thousands separator: . , space or '\n"
    "                       (default: detected)\n"
    "      --encoding NAME  CSV: the text's encoding, e.g. windows-1254, iso-8859-9,\n"
    "                       latin1 (default: UTF-8)\n"
    "      --undirected     CSV: the tables hold symmetric ties (an undirected graph)\n"
    "      --create-missing CSV: add the nodes that the edges name but the nodes table\n"
    "                       lacks (with a warning) instead of failing\n"
    "      --activity-nodes IATI: activities become nodes of type project (a two-mode\n"
    "                       graph of organisations and activities)\n"
    "      --country CODE   IATI: only activities and transactions for this\n"
    "                       recipient-country (e.g. TR)\n"
    "      --from-year Y    IATI: only activities running in or after year Y, and\n"
    "                       transactions dated in or after it\n"
    "      --to-year Y      IATI: only activities started by year Y, and transactions\n"
    "                       dated by then\n"
    "      --reporting-org ID  IATI: only activities reported by this organisation\n"
    "                       (identifier, e.g. US-GOV-1, or name)\n"
    "      --lang CODE      IATI: labels in this language where the file has it (e.g.\n"
    "                       fr; default: the first name given)\n"
    "      --damping D      PageRank damping factor in (0, 1) (default: 0.85)\n"
    "      --measures LIST  compute only these measures (comma-separated column names)\n"
    "      --relation LIST  analyse only the edges of these relations (comma-separated)\n"
    "      --path-weights hops|inverse  path measures count steps (default) or use\n"
    "                       distance = 1 / weight; an amount is never a distance\n"
    "      --group-by ATTR  node attribute giving the brokerage groups (default: type)\n"
    "      --community louvain|leiden|optimal  method of the community column\n"
    "                       (default: louvain; optimal: exact, up to 300 nodes)\n"
    "      --seed N         seed of the community detection and of --sample-sources\n"
    "                       (default: 0)\n"
    "      --max-depth N    DOT: deepest nesting of { } allowed (default: 256)\n"
    "      --max-label BYTES  DOT: longest attribute value allowed (default: 1048576)\n"
    "      --unit CODE      with amounts in several units (edge attribute unit), use this\n"
    "                       one's (default: the most common); units are never added\n"
    ;
/* The help's second part: one string would pass the 4095 characters that C requires compilers
 * to take. */
static const char usage_text_more[] =
    "      --threads N      threads of the path measures (default: the online CPUs);\n"
    "                       the values are the same whatever N\n"
    "      --sample-sources N|FRACTION  estimate betweenness, closeness and harmonic\n"
    "                       from N sampled sources (or that share of the nodes),\n"
    "                       drawn with --seed; the reports say they are estimates\n"
    "  -q, --quiet          no progress on standard error (shown only on a terminal)\n"
    "      --sort MEASURE   report rows by this measure, highest first (default: input\n"
    "                       order; ties keep input order, missing values come last)\n"
    "      --rows K         report only the first K rows\n"
    "      --digits N       significant digits of report numbers, 1 to 17 (default: 6)\n"
    "      --caption TEXT   the report table's caption (LaTeX, HTML, Markdown)\n"
    "      --label KEY      LaTeX: the table's \\label (default: tab:centrality)\n"
    "      --excel          CSV for spreadsheets set to European conventions: a UTF-8\n"
    "                       byte-order mark, ';' between cells, ',' as decimal mark\n"
    "      --title TEXT     the figure's title (default: the graph's label)\n"
    "      --dpi N          resolution of PNG figures (default: 150)\n"
    "Encoding (draw and export; --grayscale, --theme, --width, --height and --font\n"
    "also grid; a usage error elsewhere):\n"
    "      --size-by MEASURE  node area proportional to a measure (pagerank, degree,\n"
    "                       betweenness, ...) or none (default)\n"
    "      --color-by WHAT  node fill by type (default), community, or a node attribute\n"
    "      --edge-width amount|log|none  edge width by amount, square-root (default when\n"
    "                       edges have amounts) or log scale\n"
    "      --grayscale      fills in grays, one lightness per type\n"
    "      --theme FILE     colours, shapes and lines from a theme file (see README)\n"
    "      --caption TEXT   on figures: a line under the drawing (source, date)\n"
    "      --width LENGTH, --height LENGTH  fit the figure within, e.g. 16cm or 6.3in\n"
    "      --font NAME      font family of every text (default: DejaVu Sans)\n";
/* The help's third part, for the same reason. */
static const char usage_text_views[] =
    "Views (draw and export: what the figures show; --relation filters them too;\n"
    "refused by report, check, convert and grid, which cover the whole graph):\n"
    "      --type LIST      only nodes of these types (comma-separated); after it and\n"
    "                       --relation, nodes left without a link are left out\n"
    "      --ego LIST       only the nodes within --radius steps of these nodes: ids or,\n"
    "                       where no id matches, labels (exact; then ids or labels\n"
    "                       in any case),\n"
    "                       comma-separated (the union of their ego networks)\n"
    "      --radius N       steps from the --ego nodes (default: 1), edge direction ignored\n"
    "      --top K          only the K nodes highest by --by (default: pagerank)\n"
    "      --by MEASURE     the measure of --top (a report column name)\n"
    "      --collapse ATTR  one node per value of a node attribute (e.g. type), edges\n"
    "                       aggregated with their count and summed weights\n"
    "Layout (draw and export; --engine and --label-width a usage error elsewhere):\n"
    "      --engine NAME    auto (default): up to 700 nodes + edges dot, left to right,\n"
    "                       for a directed graph and neato for an undirected one; sfdp\n"
    "                       beyond. Or dot, neato, fdp, sfdp, circo, twopi\n"
    "      --max-nodes N    a figure of more than N nodes shows the graph collapsed by\n"
    "                       type, with a warning (default: 2000; 0: no limit); one\n"
    "                       whose nodes have no type is drawn whole, with a warning\n"
    "      --label-width N  node labels wrapped at spaces into lines of about N\n"
    "                       characters (default: 24; 0: never wrapped)\n"
    "      --parallel-edges merge|each  edges with the same ends and relation drawn\n"
    "                       as one, labelled with their count and as wide as their\n"
    "                       summed amount (default: merge), or each on its own\n"
    "Grid:\n"
    "      --x-attr ATTR    the node attribute of interest (default: interest)\n"
    "      --y-attr ATTR    the node attribute of power (default: influence)\n"
    "      --scale MIN:MAX  both axes' scale (default: 1:5, 1:10, 0:10 or 0:100)\n"
    "                       (--title, --caption, --font, --dpi, --theme, --grayscale,\n"
    "                       --width and --height as for draw)\n"
    "  -h, --help           print this help and exit\n"
    "  -V, --version        print the versions of stakegraph, igraph and Graphviz and exit\n"
    "\n"
    "Exit status: 0 success (warnings go to standard error), 1 bad input or failed\n"
    "processing, 2 bad usage.\n";

/* --max-nodes's default: sfdp and the SVG renderer draw 2,000 nodes / 8,000 edges in 3.6 s CPU
 * and 5,000 / 20,000 in 22 s (README.md, Figures), and no label can be read at either. */
#define DEFAULT_MAX_NODES 2000
/* --label-width's largest value: a figure shortens labels to 160 characters (render.c), so a
 * wider line never wraps one. */
#define MAX_LABEL_WIDTH 160

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "stakegraph: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'stakegraph --help' for more information.\n");
    return EXIT_USAGE;
}

/* The usage error for what getopt_long() refused: `c` is ':' (a value missing) or '?' (an
 * unknown, ambiguous or value-less option given a value); `arg` is the word that held it. */
static int option_error(int c, const char *arg, const struct option *longopts) {
    if (!arg)
        arg = "";
    if (strncmp(arg, "--", 2) != 0) { /* a short option; optopt is its letter */
        if (c == ':')
            return usage_error("option '-%c' needs a value", optopt);
        return usage_error("unknown option '-%c'", optopt);
    }
    const char *name = arg + 2;
    size_t len = strcspn(name, "=");
    if (c == ':')
        return usage_error("option '--%.*s' needs a value", (int)len, name);
    size_t prefix_of = 0, exact = 0;
    for (const struct option *o = longopts; o->name; o++) {
        prefix_of += strncmp(o->name, name, len) == 0;
        exact += strncmp(o->name, name, len) == 0 && o->name[len] == '\0';
    }
    if (exact || (prefix_of == 1 && optopt))
        return usage_error("option '--%.*s' takes no value", (int)len, name);
    if (prefix_of > 1) {
        sg_buf names = {0};
        for (const struct option *o = longopts; o->name; o++)
            if (strncmp(o->name, name, len) == 0)
                sg_buf_printf(&names, "%s--%s", names.len ? ", " : "", o->name);
        int rc = usage_error("option '--%.*s' is ambiguous: %s", (int)len, name,
                             names.data ? names.data : "");
        sg_buf_free(&names);
        return rc;
    }
    return usage_error("unknown option '--%.*s'", (int)len, name);
}

/* A one-character option (--delimiter, --decimal, --thousands): the character, or its name
 * (tab, comma, semicolon, dot, space, apostrophe, pipe). */
static int mark_option(const char *option, const char *arg, const char *allowed, char *out) {
    static const struct {
        const char *name;
        char c;
    } names[] = {{"tab", '\t'}, {"\\t", '\t'},   {"comma", ','},       {"semicolon", ';'},
                 {"dot", '.'}, {"period", '.'}, {"space", ' '},       {"apostrophe", '\''},
                 {"pipe", '|'}};
    char c = 0;
    if (arg[0] && !arg[1])
        c = arg[0];
    for (size_t k = 0; !c && k < sizeof names / sizeof names[0]; k++)
        if (strcmp(arg, names[k].name) == 0)
            c = names[k].c;
    if (!c || !strchr(allowed, c)) {
        usage_error("%s takes one of %s, not '%s'", option,
                    strcmp(option, "--delimiter") == 0 ? ", ; tab |"
                    : strcmp(option, "--decimal") == 0 ? ". ,"
                                                       : ". , ' space",
                    arg);
        return -1;
    }
    *out = c;
    return 0;
}

static void print_message(const sg_message *m, const char *graph) {
    const char *file = m->file ? m->file : graph;
    if (file && m->line > 0 && m->column > 0)
        fprintf(stderr, "%s:%ld:%ld: ", file, m->line, m->column);
    else if (file && m->line > 0)
        fprintf(stderr, "%s:%ld: ", file, m->line);
    else if (file)
        fprintf(stderr, "%s: ", file);
    fprintf(stderr, "%s: %s\n", m->severity == SG_ERROR ? "error" : "warning", m->text);
}

static void print_diag(const sg_diag *diag, const char *graph) {
    for (size_t i = 0; i < sg_diag_count(diag); i++)
        print_message(sg_diag_get(diag, i), graph);
}

/* The input's name in messages: the file, or "<stdin>" for "-". */
static const char *input_name(const options *o) {
    return strcmp(o->graph, "-") == 0 ? "<stdin>" : o->graph;
}

/* ---- progress (issue 10): on standard error, only when it is a terminal, never with --quiet.
 * One line, rewritten in place ("\r", then erased to its end), erased when the command ends. */

static int progress_shown;

static int progress_on(const options *o) {
    static int tty = -1;
    if (tty < 0)
        tty = isatty(STDERR_FILENO);
    return tty && !o->quiet;
}

static void progress_line(const char *step, double fraction) {
    static char last_step[64];
    static int last_percent = -2;
    int percent = fraction >= 0 ? (int)(fraction * 100) : -1;
    if (percent == last_percent && strncmp(step, last_step, sizeof last_step - 1) == 0)
        return; /* nothing new to show */
    snprintf(last_step, sizeof last_step, "%s", step);
    last_percent = percent;
    if (fraction >= 0)
        fprintf(stderr, "\rstakegraph: %s %3d%%\033[K", step, (int)(fraction * 100));
    else
        fprintf(stderr, "\rstakegraph: %s...\033[K", step);
    fflush(stderr);
    progress_shown = 1;
}

/* The analysis's callback (sg_analysis_options.progress). */
static void show_progress(const char *step, double fraction, void *data) {
    progress_line(step, fraction);
}

/* A step without a measure of its own progress: reading, drawing. */
static void progress_step(const options *o, const char *step) {
    if (progress_on(o))
        progress_line(step, -1);
}

/* Erases the progress line, so that messages and the shell prompt start clean. */
static void progress_clear(void) {
    if (progress_shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        progress_shown = 0;
    }
}

/* Reads and analyses the graph. Returns EXIT_OK or EXIT_INPUT (messages printed). */
static int load(const options *o, sg_graph **g, sg_analysis **a, sg_diag *diag) {
    sg_read_options ro = o->read;
    ro.format = o->from;
    ro.weight_attr = o->weight;
    if (a)
        *a = NULL;
    progress_step(o, "reading");
    int rc = sg_read_file(o->graph, &ro, g, diag);
    if (rc == SG_OK && a) {
        sg_analysis_options ao = {.weight_attr = o->weight,
                                  .damping = o->damping,
                                  .seed = o->seed,
                                  .path_weights = o->path_weights,
                                  .group_by = o->group_by,
                                  .relations = o->relations,
                                  .measures = o->measures,
                                  .community = o->community,
                                  .unit = o->unit,
                                  .table_only = o->table_only,
                                  .threads = o->threads,
                                  .sample_sources = o->sample_sources};
        if (progress_on(o)) {
            ao.progress = show_progress;
            progress_step(o, "analysing");
        }
        if (o->shown) /* draw: only the measures the figure shows, and their warnings */
            ao.measures = o->shown, ao.table_only = 1;
        rc = sg_analyse(*g, &ao, a, diag);
    }
    progress_clear();
    print_diag(diag, input_name(o));
    return rc == SG_OK ? EXIT_OK : EXIT_INPUT;
}

/* 1 when writing to `path` would overwrite one of the command's inputs. */
static int is_input(const options *o, const char *path) {
    return sg_same_file(path, o->graph) ||
           (o->read.nodes_path && sg_same_file(path, o->read.nodes_path));
}

/* Writes `len` bytes to `path` ("-": standard output) atomically; never over an input. */
static int write_output(const char *path, const options *o, const char *data, size_t len) {
    if (strcmp(path, "-") == 0) {
        if (len && fwrite(data, 1, len, stdout) != len) {
            fprintf(stderr, "stakegraph: cannot write to standard output: %s\n", strerror(errno));
            return EXIT_INPUT;
        }
        return EXIT_OK;
    }
    if (is_input(o, path)) {
        fprintf(stderr, "stakegraph: %s: refusing to overwrite the input\n", path);
        return EXIT_INPUT;
    }
    sg_pending p;
    if (sg_pending_write(&p, path, data, len) != 0 || sg_pending_commit(&p) != 0) {
        fprintf(stderr, "stakegraph: %s: cannot write: %s\n", path, strerror(errno));
        sg_pending_discard(&p);
        return EXIT_INPUT;
    }
    sg_pending_discard(&p);
    return EXIT_OK;
}

/* The report in memory, so that nothing is half-written. */
static int report_to_memory(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                            sg_diag *errors, const char *format, const options *o, char **data,
                            size_t *len) {
    FILE *f = open_memstream(data, len);
    if (!f)
        return SG_ENOMEM;
    sg_report_options ro = o->report;
    ro.source_name = o->graph;
    ro.title = o->title;
    /* --max-nodes 0: no limit */
    ro.max_nodes = o->max_nodes > 0 ? o->max_nodes : -1;
    ro.merge_parallel = o->view.merge_parallel;           /* --parallel-edges */
    ro.errors = errors;
    int rc = sg_report_write(g, a, diag, format, &ro, f);
    if (fclose(f) != 0 && rc == SG_OK)
        rc = SG_ENOMEM;
    return rc;
}

static const char *extension_of(const char *path) {
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    return dot && (!slash || dot > slash) ? dot : NULL;
}

static int cmd_report(const options *o) {
    const char *format = "csv";
    if (o->format || (o->output && extension_of(o->output))) {
        const char *name = o->format ? o->format : extension_of(o->output);
        format = sg_report_format_find(name);
        if (!format)
            return usage_error("unknown report format '%s' (csv, md, json, tex, html)", name);
    }
    sg_diag *diag = sg_diag_new();
    sg_graph *g = NULL;
    sg_analysis *a = NULL;
    options table = *o;
    table.table_only = strcmp(format, "csv") == 0;
    int status = load(&table, &g, &a, diag);
    if (status == EXIT_OK) {
        char *data = NULL;
        size_t len = 0;
        progress_step(o, "writing the report");
        sg_diag *errors = sg_diag_new(); /* why the HTML report's figure failed */
        int rc = errors ? report_to_memory(g, a, diag, errors, format, o, &data, &len)
                        : SG_ENOMEM;
        progress_clear();
        if (rc == SG_ELIB && sg_diag_count(errors) > 0) {
            print_diag(errors, input_name(o));
            status = EXIT_INPUT;
        } else if (rc != SG_OK) {
            fprintf(stderr, "%s: error: %s\n", input_name(o),
                    rc == SG_ELIB ? "Graphviz failed to draw the report's figure"
                                  : "out of memory writing the report");
            status = EXIT_INPUT;
        } else {
            status = write_output(o->output ? o->output : "-", o, data, len);
        }
        sg_diag_free(errors);
        free(data);
    }
    sg_analysis_free(a);
    sg_graph_free(g);
    sg_diag_free(diag);
    return status;
}

/* Numbers as the reports print them: "." as decimal mark whatever the locale. */
static void print_number(const char *what, double v, const char *undefined) {
    char text[64];
    sg_format_number(v, 6, text, sizeof text);
    printf("%s: %s\n", what, *text ? text : undefined);
}

static int cmd_check(const options *o) {
    sg_diag *diag = sg_diag_new();
    sg_graph *g = NULL;
    sg_analysis *a = NULL;
    int status = load(o, &g, &a, diag);
    if (status == EXIT_OK) {
        const sg_summary *s = sg_analysis_summary(a);
        printf("%s: %s graph\n", o->graph, sg_graph_directed(g) ? "directed" : "undirected");
        printf("nodes: %zu\nedges: %zu\n", s->nodes, s->edges);
        for (size_t k = 0; k < sg_analysis_relation_count(a); k++) {
            size_t count;
            const char *r = sg_analysis_relation(a, k, &count);
            printf("  %s: %zu\n", *r ? r : "(no relation)", count);
        }
        print_number("density", s->density, "not defined (fewer than 2 nodes)");
        print_number("reciprocity", s->reciprocity, "not defined (no directed edges)");
        printf("weakly connected components: %zu\n", s->weak_components);
        printf("strongly connected components: %zu\n", s->strong_components);
        print_number("transitivity", s->transitivity, "not defined (no two-step paths)");
        print_number("diameter", s->diameter, "not defined (no edges)");
        print_number("mean path length", s->mean_path_length, "not defined (no edges)");
        print_number("degree centralisation", s->centralization_degree,
                     "not defined (fewer than 3 nodes)");
        print_number("betweenness centralisation", s->centralization_betweenness,
                     "not defined (fewer than 3 nodes)");
        print_number("assortativity by type", s->assortativity_type,
                     "not defined (a single type, or no edges)");
        printf("communities (Louvain): %zu\n", s->louvain_communities);
        print_number("modularity (Louvain)", s->louvain_modularity, "not defined (no edges)");
        printf("communities (Leiden): %zu\n", s->leiden_communities);
        print_number("modularity (Leiden)", s->leiden_modularity, "not defined (no edges)");
        printf("bridges: %zu\n", s->bridges);
        if (s->weighted)
            printf("weights: %zu of %zu edges have one; PageRank %s\n", s->weighted_edges,
                   s->edges, s->pagerank_weighted ? "weighted" : "unweighted");
        else
            printf("weights: none (every edge counts 1)\n");
        printf("self-loops left out of the measures: %zu\n", s->self_loops);
        printf("parallel edges merged for the measures: %zu\n", s->parallel_merged);
        printf("warnings: %zu\n", sg_diag_count_severity(diag, SG_WARNING));
    }
    sg_analysis_free(a);
    sg_graph_free(g);
    sg_diag_free(diag);
    return status;
}

static int render(const sg_graph *g, const options *o, const char *format, char **data,
                  size_t *len, sg_diag *diag) {
    sg_render_options ro = o->figure;
    ro.title = o->title;
    ro.dpi = o->dpi;
    ro.engine = o->engine;
    ro.caption = o->report.caption;
    ro.weight_attr = o->weight;
    ro.unit = o->unit;
    ro.seed = o->seed;
    ro.community = o->community;
    return sg_render(g, &ro, format, data, len, diag);
}

/* A figure of more than --max-nodes nodes shows the graph collapsed by type (issue 6): a drawing
 * of thousands of nodes cannot be read, and takes sfdp and the SVG renderer seconds to tens of
 * seconds (README.md, Figures). Replaces `*view` and `*figure` with the collapsed view, with a
 * warning naming --max-nodes, and sets `*collapsed` to 1. A graph whose nodes have no type cannot
 * be collapsed by type: it is drawn whole, with a warning naming the ways out. */
static int limit_nodes(const options *o, sg_graph **view, const sg_graph **figure,
                       int *collapsed_out) {
    size_t n = sg_graph_node_count(*figure);
    if (o->max_nodes <= 0 || n <= (size_t)o->max_nodes)
        return EXIT_OK;
    if (!sg_graph_any_node_has(*figure, "type")) {
        fprintf(stderr,
                "%s: warning: the figure has %zu nodes, more than --max-nodes %ld, but no node "
                "has a type, so it cannot be collapsed by type: it shows every node; give "
                "--collapse ATTR to group the nodes by another attribute, or --max-nodes %zu "
                "to draw every node without this warning\n",
                input_name(o), n, o->max_nodes, n);
        return EXIT_OK;
    }
    *collapsed_out = 1;
    sg_diag *diag = sg_diag_new();
    sg_view_options cv = {.collapse = "type", .weight_attr = o->view.weight_attr,
                          .theme_path = o->view.theme_path};
    sg_graph *collapsed = NULL;
    int rc = sg_view(*figure, NULL, &cv, &collapsed, diag);
    if (rc == SG_OK)
        sg_diag_add(diag, SG_WARNING, NULL, 0, 0,
                    "the figure would have %zu nodes, more than --max-nodes %ld: it shows the "
                    "graph collapsed by type (%zu nodes); give --max-nodes %zu to draw every node",
                    n, o->max_nodes, sg_graph_node_count(collapsed), n);
    print_diag(diag, input_name(o));
    sg_diag_free(diag);
    if (rc == SG_ENOMEM)
        fprintf(stderr, "stakegraph: out of memory\n");
    if (rc != SG_OK)
        return EXIT_INPUT;
    sg_graph_free(*view);
    *view = collapsed;
    *figure = collapsed;
    return EXIT_OK;
}

/* Replaces `*view` (which may be NULL) and `*figure` with the view `v` of `*figure`. */
static int apply_view(const options *o, const sg_view_options *v, const sg_analysis *a,
                      sg_graph **view, const sg_graph **figure) {
    sg_diag *diag = sg_diag_new();
    sg_graph *made = NULL;
    int rc = sg_view(*figure, a, v, &made, diag);
    print_diag(diag, input_name(o));
    sg_diag_free(diag);
    if (rc == SG_ENOMEM)
        fprintf(stderr, "stakegraph: out of memory\n");
    if (rc != SG_OK)
        return EXIT_INPUT;
    sg_graph_free(*view);
    *view = made;
    *figure = made;
    return EXIT_OK;
}

/* The graph a figure shows: the view of `g` that the view options select (a new graph in `*view`,
 * which `*figure` then points to), or `g` itself when no view option is set; collapsed by type
 * above --max-nodes (limit_nodes); else with its parallel edges merged (--parallel-edges merge)
 * last, so that a collapse counts every link, not the merged edges. */
static int figure_graph(const options *o, const sg_graph *g, const sg_analysis *a, sg_graph **view,
                        const sg_graph **figure, int *limited) {
    sg_view_options v = o->view;
    v.merge_parallel = 0;
    *view = NULL;
    *figure = g;
    int status = EXIT_OK;
    if ((v.relations && *v.relations) || (v.types && *v.types) || v.ego || v.top || v.collapse)
        status = apply_view(o, &v, a, view, figure);
    int collapsed = v.collapse != NULL;
    if (status == EXIT_OK)
        status = limit_nodes(o, view, figure, &collapsed);
    *limited = collapsed && !v.collapse;
    if (status == EXIT_OK && o->view.merge_parallel && !collapsed) {
        sg_view_options merge = {.merge_parallel = 1, .weight_attr = v.weight_attr};
        status = apply_view(o, &merge, NULL, view, figure);
    }
    return status;
}

/* The title of a figure of a view, when --title is not given: the graph's label, then what the
 * view shows (sg_view_describe: "EU-funded customs ...: funding and implementation"), so that
 * a figure of a part never passes for the whole; NULL (the usual title) for the whole graph.
 * `limited`: the figure is collapsed by type for --max-nodes, which the title says too.
 * Free with free(). */
static char *view_title(const options *o, const sg_graph *g, int limited) {
    if (o->title)
        return NULL;
    sg_view_options v = o->view;
    v.merge_parallel = 0;
    if (limited) /* collapsed by type above --max-nodes (limit_nodes) */
        v.collapse = "type";
    char *what = NULL;
    if (sg_view_describe(g, &v, &what) != SG_OK || !what)
        return NULL;
    const char *label = sg_graph_attr(g, SG_ON_GRAPH, 0, "label");
    sg_buf t = {0};
    if (label && *label)
        sg_buf_printf(&t, "%s: %s", label, what);
    else
        sg_buf_printf(&t, "%c%s", what[0] >= 'a' && what[0] <= 'z' ? what[0] - 'a' + 'A' : what[0],
                      what + 1);
    free(what);
    if (t.failed) {
        sg_buf_free(&t);
        return NULL;
    }
    return t.data;
}

/* The figure format of draw and grid: -T, else the output's extension; NULL after a usage
 * error (printed). */
static const char *figure_format(const options *o) {
    const char *name = o->format ? o->format : extension_of(o->output);
    const char *format = name ? sg_render_format_find(name) : NULL;
    if (!format)
        usage_error("unknown figure format '%s' (gv, svg, png, pdf)", name ? name : "");
    return format;
}

static int cmd_draw(const options *o) {
    if (!o->output)
        return usage_error("%s needs -o FILE", "draw");
    const char *format = figure_format(o);
    if (!format)
        return EXIT_USAGE;
    sg_diag *diag = sg_diag_new();
    sg_graph *g = NULL, *view = NULL;
    sg_analysis *a = NULL;
    const sg_graph *figure = NULL;
    /* --top needs its measure: only then is the graph analysed, for that measure alone, which
     * warns about it alone (the other measures' warnings are the report's business). The
     * measures the figure encodes (--size-by, --color-by community) are sg_render()'s: it
     * says their warnings, "figure: ...". */
    options top = *o;
    top.shown = sg_measure_name(o->view.by);
    int status = load(&top, &g, o->view.top ? &a : NULL, diag), limited = 0;
    if (status == EXIT_OK)
        status = figure_graph(o, g, a, &view, &figure, &limited);
    char *title = status == EXIT_OK ? view_title(o, g, limited) : NULL;
    options titled = *o;
    if (title)
        titled.title = title;
    if (status == EXIT_OK) {
        sg_diag *rdiag = sg_diag_new();
        char *data = NULL;
        size_t len = 0;
        progress_step(o, "drawing");
        int rc = render(figure, &titled, format, &data, &len, rdiag);
        progress_clear();
        print_diag(rdiag, o->graph);
        status = rc == SG_OK ? write_output(o->output, o, data, len) : EXIT_INPUT;
        sg_render_free(data);
        sg_diag_free(rdiag);
    }
    free(title);
    sg_graph_free(view);
    sg_analysis_free(a);
    sg_graph_free(g);
    sg_diag_free(diag);
    return status;
}

/* draw and grid run in one child process (sg_contain_command): reading a DOT file and drawing
 * the figure, each of which can crash Graphviz, then cost one fork instead of two (issue 9;
 * README, Performance > Drawing). export keeps one child a step: a crash there must still
 * discard the outputs already written to temporary files. */
typedef struct {
    int (*cmd)(const options *);
    const options *o;
} contained_command;

static int run_contained(void *arg) {
    const contained_command *c = arg;
    return c->cmd(c->o);
}

static int contained(int (*cmd)(const options *), const options *o) {
    sg_diag *diag = sg_diag_new();
    if (!diag) {
        fprintf(stderr, "stakegraph: out of memory\n");
        return EXIT_INPUT;
    }
    contained_command c = {cmd, o};
    int status = EXIT_INPUT;
    sg_contain_label(input_name(o)); /* for the launcher's message, should a step fail */
    if (sg_contain_command(run_contained, &c, diag, &status) != 0) {
        if (progress_on(o))
            fputs("\r\033[K", stderr); /* the child's progress line */
        print_diag(diag, input_name(o));
        status = EXIT_INPUT;
    }
    sg_diag_free(diag);
    return status;
}

/* grid: the power/interest grid of the whole graph. */
static int cmd_grid(const options *o) {
    if (!o->output)
        return usage_error("%s needs -o FILE", "grid");
    const char *format = figure_format(o);
    if (!format)
        return EXIT_USAGE;
    sg_diag *diag = sg_diag_new();
    sg_graph *g = NULL;
    int status = load(o, &g, NULL, diag);
    if (status == EXIT_OK) {
        sg_diag *rdiag = sg_diag_new();
        sg_grid_options go = {.x_attr = o->x_attr, .y_attr = o->y_attr, .title = o->title,
                              .dpi = o->dpi, .caption = o->report.caption,
                              .font = o->figure.font, .grayscale = o->figure.grayscale,
                              .theme_path = o->figure.theme_path, .width = o->figure.width,
                              .height = o->figure.height, .scale_min = o->scale_min,
                              .scale_max = o->scale_max};
        char *data = NULL;
        size_t len = 0;
        progress_step(o, "drawing the grid");
        int rc = sg_grid_render(g, &go, format, &data, &len, rdiag);
        progress_clear();
        print_diag(rdiag, input_name(o));
        if (rc == SG_ENOMEM)
            fprintf(stderr, "stakegraph: out of memory\n");
        status = rc == SG_OK ? write_output(o->output, o, data, len) : EXIT_INPUT;
        sg_render_free(data);
        sg_diag_free(rdiag);
    }
    sg_graph_free(g);
    sg_diag_free(diag);
    return status;
}


/* convert: the graph in another format; the CSV pair's two files are written all or nothing. */
static int cmd_convert(const options *o) {
    if (!o->output)
        return usage_error("%s needs -o FILE", "convert");
    const char *name = o->format ? o->format : extension_of(o->output);
    if (!name)
        return usage_error("convert: give -T FORMAT for '%s' (gv, graphml, gml, net, csv, json)",
                           o->output);
    const char *format = sg_export_format_find(name);
    if (!format)
        return usage_error("unknown graph format '%s' (gv, graphml, gml, net, csv, json)", name);
    if (strcmp(o->output, "-") == 0 && sg_export_format_file_count(format) > 1)
        return usage_error("convert -T %s writes two files (FILE.csv and FILE-nodes.csv): "
                           "give -o FILE, not -o -",
                           format);
    enum { MAX_FILES = 2 };
    sg_pending pending[MAX_FILES] = {{0}};
    size_t written = 0;
    sg_diag *diag = sg_diag_new();
    sg_graph *g = NULL;
    sg_export *x = NULL;
    int status = load(o, &g, NULL, diag);
    if (status == EXIT_OK) {
        sg_diag *xdiag = sg_diag_new();
        sg_export_options xo = {.weight_attr = o->weight};
        int rc = sg_export_write(g, format, &xo, &x, xdiag);
        print_diag(xdiag, input_name(o));
        sg_diag_free(xdiag);
        if (rc == SG_ENOMEM)
            fprintf(stderr, "stakegraph: out of memory\n");
        if (rc != SG_OK)
            status = EXIT_INPUT;
    }
    if (status == EXIT_OK && strcmp(o->output, "-") == 0) {
        size_t len;
        const char *data = sg_export_file_data(x, 0, &len);
        status = write_output("-", o, data, len);
    }
    for (size_t k = 0; status == EXIT_OK && strcmp(o->output, "-") != 0 &&
                       k < sg_export_file_count(x) && k < MAX_FILES;
         k++) {
        size_t len;
        const char *data = sg_export_file_data(x, k, &len);
        char *path = sg_export_file_path(x, k, o->output);
        if (!path) {
            fprintf(stderr, "stakegraph: out of memory\n");
            status = EXIT_INPUT;
        } else if (is_input(o, path)) {
            fprintf(stderr, "stakegraph: %s: refusing to overwrite the input\n", path);
            status = EXIT_INPUT;
        } else if (sg_pending_write(&pending[k], path, data, len) != 0) {
            fprintf(stderr, "stakegraph: %s: cannot write: %s\n", path, strerror(errno));
            status = EXIT_INPUT;
        } else {
            written = k + 1;
        }
        free(path);
    }
    size_t bad = 0;
    if (status == EXIT_OK && written > 0 && sg_pending_commit_all(pending, written, &bad) != 0) {
        fprintf(stderr, "stakegraph: %s: cannot write: %s (no file was changed)\n",
                pending[bad].final, strerror(errno));
        status = EXIT_INPUT;
    }
    for (size_t k = 0; k < MAX_FILES; k++)
        sg_pending_discard(&pending[k]);
    sg_export_free(x);
    sg_graph_free(g);
    sg_diag_free(diag);
    return status;
}

/* NAME: the graph's file name without directory and extension ("graph" for standard input). */
static char *base_name(const char *path) {
    if (strcmp(path, "-") == 0)
        return strdup("graph");
    const char *slash = strrchr(path, '/');
    const char *start = slash ? slash + 1 : path;
    const char *dot = strrchr(start, '.');
    size_t n = dot && dot != start ? (size_t)(dot - start) : strlen(start);
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, start, n);
        s[n] = '\0';
    }
    return s;
}

static int make_dirs(const char *dir, int *created) {
    struct stat st;
    *created = 0;
    if (stat(dir, &st) == 0)
        return S_ISDIR(st.st_mode) ? 0 : (errno = ENOTDIR, -1);
    char *copy = strdup(dir);
    if (!copy)
        return -1;
    for (char *p = copy + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
                free(copy);
                return -1;
            }
            *p = '/';
        }
    }
    free(copy);
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return -1;
    *created = 1;
    return 0;
}

static int cmd_export(const options *o) {
    const char *dir = o->output ? o->output : "out";
    static const struct {
        const char *suffix;
        const char *format;
        int figure;
    } outputs[] = {
        {".gv", "gv", 1},   {".svg", "svg", 1},
        {".png", "png", 1}, {".pdf", "pdf", 1},
        {"-centrality.csv", "csv", 0}, {"-centrality.md", "md", 0},
        {"-centrality.json", "json", 0}, {"-centrality.tex", "tex", 0},
        {"-report.html", "html", 0},
    };
    enum { N_OUTPUTS = sizeof outputs / sizeof outputs[0] };
    sg_pending pending[N_OUTPUTS] = {{0}};
    size_t written = 0;
    sg_diag *diag = sg_diag_new();
    sg_graph *g = NULL, *view = NULL;
    sg_analysis *a = NULL;
    const sg_graph *figure = NULL;
    char *name = base_name(o->graph);
    int created = 0;
    int status = load(o, &g, &a, diag), limited = 0;
    /* The figures show the view; the reports keep the whole graph as analysed. */
    if (status == EXIT_OK)
        status = figure_graph(o, g, a, &view, &figure, &limited);
    char *title = status == EXIT_OK ? view_title(o, g, limited) : NULL;
    options titled = *o;
    if (title)
        titled.title = title;
    if (status == EXIT_OK && make_dirs(dir, &created) != 0) {
        fprintf(stderr, "stakegraph: %s: cannot create the directory: %s\n", dir,
                strerror(errno));
        status = EXIT_INPUT;
    }
    for (size_t k = 0; status == EXIT_OK && k < N_OUTPUTS; k++) {
        size_t n = strlen(dir) + strlen(name) + strlen(outputs[k].suffix) + 2;
        char *path = malloc(n);
        char *data = NULL;
        size_t len = 0;
        int rc = SG_ENOMEM;
        sg_diag *rdiag = sg_diag_new();
        if (path) {
            snprintf(path, n, "%s/%s%s", dir, name, outputs[k].suffix);
            progress_step(o, outputs[k].figure ? "drawing" : "writing the reports");
            if (outputs[k].figure)
                rc = render(figure, &titled, outputs[k].format, &data, &len, rdiag);
            else
                rc = report_to_memory(g, a, diag, rdiag, outputs[k].format, o, &data, &len);
            progress_clear();
        }
        if (k == 0 || rc != SG_OK)
            print_diag(rdiag, o->graph); /* the figure's warnings once, not per format */
        if (rc != SG_OK) {
            if (rc == SG_ENOMEM)
                fprintf(stderr, "stakegraph: out of memory\n");
            status = EXIT_INPUT;
        } else if (is_input(o, path)) {
            fprintf(stderr, "stakegraph: %s: refusing to overwrite the input\n", path);
            status = EXIT_INPUT;
        } else if (sg_pending_write(&pending[k], path, data, len) != 0) {
            fprintf(stderr, "stakegraph: %s: cannot write: %s\n", path, strerror(errno));
            status = EXIT_INPUT;
        } else {
            written = k + 1;
        }
        if (outputs[k].figure)
            sg_render_free(data);
        else
            free(data);
        free(path);
        sg_diag_free(rdiag);
    }
    /* All or nothing: rename only when every output was written. */
    size_t bad = 0;
    if (status == EXIT_OK && sg_pending_commit_all(pending, written, &bad) != 0) {
        fprintf(stderr, "stakegraph: %s: cannot write: %s (nothing was changed in %s)\n",
                pending[bad].final, strerror(errno), dir);
        status = EXIT_INPUT;
    }
    for (size_t k = 0; k < N_OUTPUTS; k++)
        sg_pending_discard(&pending[k]);
    if (status != EXIT_OK && created)
        rmdir(dir);
    free(title);
    free(name);
    sg_graph_free(view);
    sg_analysis_free(a);
    sg_graph_free(g);
    sg_diag_free(diag);
    return status;
}


/* The launcher's parent (src/cli/launch.c) after draw's or grid's child died in a step: the
 * step's error as contained() prints it, for the input the child named with
 * sg_contain_label(). */
int sg_cli_contained_failed(sg_command *c, const sg_command_end *end) {
    sg_diag *diag = sg_diag_new();
    if (!diag) {
        fprintf(stderr, "stakegraph: out of memory\n");
        return EXIT_INPUT;
    }
    sg_contain_failed(c, end, diag);
    if (isatty(STDERR_FILENO))
        fputs("\r\033[K", stderr); /* the child's progress line, if it showed one */
    print_diag(diag, c->record->label[0] ? c->record->label : NULL);
    sg_diag_free(diag);
    return EXIT_INPUT;
}

/* The options of the figures, and the commands that take each (comma-separated): given to
 * another command they are a usage error naming them, never ignored (report --engine sfdp
 * printed the report as if nothing had been said). The HTML report's figure takes --title,
 * --max-nodes and --parallel-edges alone; --caption is also the report table's. */
typedef struct {
    int code; /* getopt_long's */
    const char *commands;
} figure_option;

static const figure_option figure_options[] = {
    {OPT_SIZE_BY, "draw,export"},
    {OPT_COLOR_BY, "draw,export"},
    {OPT_EDGE_WIDTH, "draw,export"},
    {OPT_ENGINE, "draw,export"},
    {OPT_LABEL_WIDTH, "draw,export"},
    {'d', "draw,export,grid"},
    {OPT_GRAYSCALE, "draw,export,grid"},
    {OPT_WIDTH, "draw,export,grid"},
    {OPT_HEIGHT, "draw,export,grid"},
    {OPT_FONT, "draw,export,grid"},
    {OPT_THEME, "draw,export,grid"},
    {OPT_X_ATTR, "grid"},
    {OPT_Y_ATTR, "grid"},
    {OPT_SCALE, "grid"},
};

static void print_version(void) {
    printf("stakegraph %s\nigraph %s\nGraphviz %s\n", sg_version(), sg_igraph_version(),
           sg_graphviz_version());
}

int sg_cli_main(int argc, char **argv) {
    setlocale(LC_ALL, ""); /* messages may follow the locale; numbers never do */
    static const struct option longopts[] = {
        {"threads", required_argument, NULL, 'j'},
        {"sample-sources", required_argument, NULL, 'S'},
        {"quiet", no_argument, NULL, 'q'},
        {"output", required_argument, NULL, 'o'}, {"format", required_argument, NULL, 'T'},
        {"from", required_argument, NULL, 'f'},   {"weight", required_argument, NULL, 'w'},
        {"nodes", required_argument, NULL, OPT_NODES},
        {"delimiter", required_argument, NULL, OPT_DELIMITER},
        {"decimal", required_argument, NULL, OPT_DECIMAL},
        {"thousands", required_argument, NULL, OPT_THOUSANDS},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"undirected", no_argument, NULL, OPT_UNDIRECTED},
        {"create-missing", no_argument, NULL, OPT_CREATE_MISSING},
        {"sort", required_argument, NULL, OPT_SORT},
        {"rows", required_argument, NULL, OPT_ROWS},
        {"digits", required_argument, NULL, OPT_DIGITS},
        {"caption", required_argument, NULL, OPT_CAPTION},
        {"label", required_argument, NULL, OPT_LABEL},
        {"excel", no_argument, NULL, OPT_EXCEL},
        {"activity-nodes", no_argument, NULL, OPT_ACTIVITY_NODES},
        {"country", required_argument, NULL, OPT_COUNTRY},
        {"from-year", required_argument, NULL, OPT_FROM_YEAR},
        {"to-year", required_argument, NULL, OPT_TO_YEAR},
        {"reporting-org", required_argument, NULL, OPT_REPORTING_ORG},
        {"lang", required_argument, NULL, OPT_LANG},
        {"type", required_argument, NULL, OPT_TYPE},
        {"ego", required_argument, NULL, OPT_EGO},
        {"radius", required_argument, NULL, OPT_RADIUS},
        {"top", required_argument, NULL, OPT_TOP},
        {"by", required_argument, NULL, OPT_BY},
        {"collapse", required_argument, NULL, OPT_COLLAPSE},
        {"engine", required_argument, NULL, OPT_ENGINE},
        {"max-nodes", required_argument, NULL, OPT_MAX_NODES},
        {"label-width", required_argument, NULL, OPT_LABEL_WIDTH},
        {"parallel-edges", required_argument, NULL, OPT_PARALLEL_EDGES},
        {"x-attr", required_argument, NULL, OPT_X_ATTR},
        {"y-attr", required_argument, NULL, OPT_Y_ATTR},
        {"scale", required_argument, NULL, OPT_SCALE},
        {"size-by", required_argument, NULL, OPT_SIZE_BY},
        {"color-by", required_argument, NULL, OPT_COLOR_BY},
        {"colour-by", required_argument, NULL, OPT_COLOR_BY},
        {"edge-width", required_argument, NULL, OPT_EDGE_WIDTH},
        {"grayscale", no_argument, NULL, OPT_GRAYSCALE},
        {"greyscale", no_argument, NULL, OPT_GRAYSCALE},
        {"theme", required_argument, NULL, OPT_THEME},
        {"width", required_argument, NULL, OPT_WIDTH},
        {"height", required_argument, NULL, OPT_HEIGHT},
        {"font", required_argument, NULL, OPT_FONT},
        {"title", required_argument, NULL, 't'},  {"dpi", required_argument, NULL, 'd'},
        {"damping", required_argument, NULL, 'p'}, {"seed", required_argument, NULL, 's'},
        {"path-weights", required_argument, NULL, 'P'},
        {"group-by", required_argument, NULL, 'g'}, {"relation", required_argument, NULL, 'r'},
        {"measures", required_argument, NULL, 'm'},
        {"community", required_argument, NULL, 'C'}, {"unit", required_argument, NULL, 'U'},
        {"max-depth", required_argument, NULL, 'D'}, {"max-label", required_argument, NULL, 'L'}, {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},      {NULL, 0, NULL, 0},
    };
    options o = {0};
    o.max_nodes = DEFAULT_MAX_NODES;
    o.view.merge_parallel = 1; /* --parallel-edges merge */
    if (argc < 2)
        return usage_error("%s", "missing command");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage_text, stdout);
        fputs(usage_text_more, stdout);
        fputs(usage_text_views, stdout);
        return fflush(stdout) == 0 ? EXIT_OK : EXIT_INPUT;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        print_version();
        return fflush(stdout) == 0 ? EXIT_OK : EXIT_INPUT;
    }
    o.command = argv[1];
    static const char *const commands[] = {"report", "check", "draw", "export", "convert",
                                          "grid"};
    int known = 0;
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
        known |= strcmp(o.command, commands[k]) == 0;
    if (!known)
        return usage_error("unknown command '%s'", o.command);
    int c;
    optind = 1;
    opterr = 0; /* our messages, with the "stakegraph:" prefix and the hint (option_error) */
    /* the figure options given, as spelt (--greyscale, --colour-by) */
    const char *figure_given[sizeof figure_options / sizeof figure_options[0]] = {0};
    int index = -1;
    while ((c = getopt_long(argc - 1, argv + 1, ":o:T:hVq", longopts, &index)) != -1) {
        char *end;
        for (size_t k = 0; index >= 0 && k < sizeof figure_options / sizeof figure_options[0]; k++)
            if (figure_options[k].code == c)
                figure_given[k] = longopts[index].name;
        index = -1;
        switch (c) {
        case 'o': o.output = optarg; break;
        case 'T': o.format = optarg; break;
        case 'f': o.from = optarg; break;
        case 'w': o.weight = optarg; break;
        case 't': o.title = optarg; break;
        case 'd':
            o.dpi = (int)strtol(optarg, &end, 10);
            if (*end || o.dpi < 10 || o.dpi > 2400)
                return usage_error("--dpi takes a whole number from 10 to 2400, not '%s'", optarg);
            break;
        case 's':
            errno = 0;
            o.seed = strtoul(optarg, &end, 10);
            if (*end || !*optarg || errno || optarg[0] == '-')
                return usage_error("--seed takes a whole number of 0 or more, not '%s'", optarg);
            break;
        case 'P':
            if (strcmp(optarg, "hops") == 0)
                o.path_weights = SG_PATH_HOPS;
            else if (strcmp(optarg, "inverse") == 0)
                o.path_weights = SG_PATH_INVERSE;
            else
                return usage_error("--path-weights takes hops or inverse, not '%s'", optarg);
            break;
        case 'g': o.group_by = optarg; break;
        case 'U': o.unit = optarg; break;
        case 'D':
        case 'L': {
            errno = 0;
            unsigned long v = strtoul(optarg, &end, 10);
            if (*end || !*optarg || errno || optarg[0] == '-' || v == 0 || v > 2147483647ul)
                return usage_error("--%s takes a whole number from 1 to 2147483647, not '%s'",
                                   c == 'D' ? "max-depth" : "max-label", optarg);
            if (c == 'D')
                o.read.max_depth = (unsigned)v;
            else
                o.read.max_label = (size_t)v;
            break;
        }
        case 'r': o.relations = optarg; break;
        case 'j': {
            errno = 0;
            unsigned long v = strtoul(optarg, &end, 10);
            if (*end || !*optarg || errno || optarg[0] == '-' || v < 1 || v > 64)
                return usage_error("--threads takes a whole number from 1 to 64, not '%s'",
                                   optarg);
            o.threads = (int)v;
            break;
        }
        case 'S':
            /* a count (a whole number) or a share of the nodes (in (0, 1)), "." decimal mark */
            if (sg_parse_number(optarg, &o.sample_sources) != 0 || !(o.sample_sources > 0) ||
                o.sample_sources > 1e15 ||
                (o.sample_sources >= 1 &&
                 o.sample_sources != (double)(unsigned long long)o.sample_sources))
                return usage_error("--sample-sources takes a whole number of sources (1 or "
                                   "more) or a fraction of the nodes between 0 and 1, not '%s'",
                                   optarg);
            break;
        case 'q': o.quiet = 1; break;
        case 'm': o.measures = optarg; break;
        case 'C':
            if (strcmp(optarg, "louvain") == 0)
                o.community = SG_COMMUNITY_LOUVAIN;
            else if (strcmp(optarg, "leiden") == 0)
                o.community = SG_COMMUNITY_LEIDEN;
            else if (strcmp(optarg, "optimal") == 0)
                o.community = SG_COMMUNITY_OPTIMAL;
            else
                return usage_error("--community takes louvain, leiden or optimal, not '%s'",
                                   optarg);
            break;
        case 'p':
            o.damping = strtod(optarg, &end);
            if (*end || !(o.damping > 0 && o.damping < 1))
                return usage_error("--damping takes a number between 0 and 1, not '%s'", optarg);
            break;
        case OPT_NODES: o.read.nodes_path = optarg; break;
        case OPT_ENCODING: o.read.encoding = optarg; break;
        case OPT_UNDIRECTED: o.read.undirected = 1; break;
        case OPT_CREATE_MISSING: o.read.create_missing = 1; break;
        case OPT_SORT: {
            sg_measure m;
            if (!sg_measure_find(optarg, &m))
                return usage_error("--sort takes a measure's column name (pagerank, degree, "
                                   "...), not '%s'",
                                   optarg);
            o.report.sort = optarg;
            break;
        }
        case OPT_ROWS:
            errno = 0;
            o.report.rows = strtoul(optarg, &end, 10);
            if (*end || !*optarg || errno || optarg[0] == '-' || o.report.rows == 0)
                return usage_error("--rows takes a whole number of 1 or more, not '%s'", optarg);
            break;
        case OPT_DIGITS:
            o.report.digits = (int)strtol(optarg, &end, 10);
            if (*end || !*optarg || o.report.digits < 1 || o.report.digits > 17)
                return usage_error("--digits takes a whole number from 1 to 17, not '%s'",
                                   optarg);
            break;
        case OPT_CAPTION: o.report.caption = optarg; break;
        case OPT_LABEL:
            if (!*optarg || optarg[strspn(optarg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"
                                                  "RSTUVWXYZ0123456789:._-/+")])
                return usage_error("--label takes letters, digits and : . _ - / + only, not "
                                   "'%s'",
                                   optarg);
            o.report.label = optarg;
            break;
        case OPT_EXCEL: o.report.excel = 1; break;
        case OPT_TYPE: o.view.types = optarg; break;
        case OPT_EGO:
            if (!*optarg)
                return usage_error("--ego takes node ids or labels, not ''");
            o.view.ego = optarg;
            break;
        case OPT_RADIUS:
        case OPT_TOP: {
            errno = 0;
            unsigned long v = strtoul(optarg, &end, 10);
            if (*end || !*optarg || errno || optarg[0] == '-' || (c == OPT_TOP && v == 0))
                return usage_error("--%s takes a whole number of %d or more, not '%s'",
                                   c == OPT_TOP ? "top" : "radius", c == OPT_TOP, optarg);
            if (c == OPT_TOP)
                o.view.top = v;
            else
                o.view.radius = v;
            o.radius_set |= c == OPT_RADIUS;
            break;
        }
        case OPT_BY:
            if (!sg_measure_find(optarg, &o.view.by))
                return usage_error("--by takes a measure's column name (pagerank, degree, "
                                   "...), not '%s'",
                                   optarg);
            o.by_set = 1;
            break;
        case OPT_ENGINE:
            if (!sg_render_engine_find(optarg))
                return usage_error("--engine takes auto, dot, neato, fdp, sfdp, circo or "
                                   "twopi, not '%s'",
                                   optarg);
            o.engine = optarg;
            break;
        case OPT_MAX_NODES:
            errno = 0;
            o.max_nodes = strtol(optarg, &end, 10);
            if (*end || !*optarg || errno || o.max_nodes < 0)
                return usage_error("--max-nodes takes a whole number of 0 or more, not '%s'",
                                   optarg);
            break;
        case OPT_LABEL_WIDTH: {
            errno = 0;
            long w = strtol(optarg, &end, 10);
            if (*end || !*optarg || errno || w < 0 || w > MAX_LABEL_WIDTH)
                return usage_error("--label-width takes a whole number of characters from 1 "
                                   "to %d, or 0 (never wrap), not '%s'",
                                   MAX_LABEL_WIDTH, optarg);
            o.figure.label_width = w == 0 ? -1 : (int)w;
            break;
        }
        case OPT_PARALLEL_EDGES:
            if (strcmp(optarg, "merge") != 0 && strcmp(optarg, "each") != 0)
                return usage_error("--parallel-edges takes merge or each, not '%s'", optarg);
            o.view.merge_parallel = strcmp(optarg, "merge") == 0;
            break;
        case OPT_COLLAPSE:
            if (!*optarg)
                return usage_error("--collapse takes a node attribute (e.g. type), not ''");
            o.view.collapse = optarg;
            break;
        case OPT_X_ATTR: o.x_attr = optarg; break;
        case OPT_Y_ATTR: o.y_attr = optarg; break;
        case OPT_SCALE: {
            const char *colon = strchr(optarg, ':');
            char lo[64];
            double a, z;
            if (!colon || (size_t)(colon - optarg) >= sizeof lo)
                return usage_error("--scale takes MIN:MAX (such as 1:5), not '%s'", optarg);
            memcpy(lo, optarg, (size_t)(colon - optarg));
            lo[colon - optarg] = '\0';
            if (sg_parse_number(lo, &a) != 0 || sg_parse_number(colon + 1, &z) != 0 || !(a < z))
                return usage_error("--scale takes MIN:MAX, two numbers with MIN below MAX "
                                   "(such as 1:5), not '%s'", optarg);
            o.scale_min = a;
            o.scale_max = z;
            break;
        }
        case OPT_SIZE_BY: {
            sg_measure m;
            if (strcmp(optarg, "none") != 0 && !sg_measure_find(optarg, &m))
                return usage_error("--size-by takes a measure's column name (pagerank, "
                                   "betweenness, degree, ...) or none, not '%s'",
                                   optarg);
            o.figure.size_by = optarg;
            break;
        }
        case OPT_COLOR_BY:
            if (!*optarg)
                return usage_error("--color-by takes type, community or a node attribute, "
                                   "not ''");
            o.figure.color_by = optarg;
            break;
        case OPT_EDGE_WIDTH:
            if (strcmp(optarg, "amount") == 0 || strcmp(optarg, "sqrt") == 0)
                o.figure.edge_width = SG_EDGE_WIDTH_SQRT;
            else if (strcmp(optarg, "log") == 0)
                o.figure.edge_width = SG_EDGE_WIDTH_LOG;
            else if (strcmp(optarg, "none") == 0)
                o.figure.edge_width = SG_EDGE_WIDTH_NONE;
            else
                return usage_error("--edge-width takes amount, sqrt, log or none, not '%s'",
                                   optarg);
            break;
        case OPT_GRAYSCALE: o.figure.grayscale = 1; break;
        case OPT_THEME:
            if (!*optarg)
                return usage_error("--theme takes a file, not ''");
            o.figure.theme_path = optarg;
            break;
        case OPT_WIDTH:
        case OPT_HEIGHT: {
            /* the number in the C locale ("." decimal mark), then the unit */
            size_t len = strlen(optarg);
            double v = 0, per_inch = 0;
            char number[64];
            if (len > 2 && len - 2 < sizeof number) {
                const char *unit = optarg + len - 2;
                per_inch = strcmp(unit, "cm") == 0   ? 2.54
                           : strcmp(unit, "mm") == 0 ? 25.4
                           : strcmp(unit, "in") == 0 ? 1
                                                     : 0;
                memcpy(number, optarg, len - 2);
                number[len - 2] = '\0';
                if (sg_parse_number(number, &v) != 0)
                    per_inch = 0;
            }
            if (!per_inch || !(v / per_inch >= 0.5 && v / per_inch <= 200))
                return usage_error("--%s takes a length with its unit, cm, mm or in, from 0.5 "
                                   "to 200 in (e.g. 16cm or 6.3in), not '%s'",
                                   c == OPT_WIDTH ? "width" : "height", optarg);
            *(c == OPT_WIDTH ? &o.figure.width : &o.figure.height) = v / per_inch;
            break;
        }
        case OPT_FONT:
            if (!*optarg || optarg[strcspn(optarg, "\"\\\n\r\t")])
                return usage_error("--font takes a font family name without quotes, "
                                   "backslashes or line breaks, not '%s'",
                                   optarg);
            o.figure.font = optarg;
            break;
        case OPT_ACTIVITY_NODES: o.read.activity_nodes = 1; break;
        case OPT_COUNTRY:
        case OPT_REPORTING_ORG:
        case OPT_LANG:
            if (!*optarg)
                return usage_error("--%s takes a value, not ''",
                                   c == OPT_COUNTRY ? "country"
                                   : c == OPT_LANG  ? "lang"
                                                    : "reporting-org");
            *(c == OPT_COUNTRY ? &o.read.country
              : c == OPT_LANG  ? &o.read.lang
                               : &o.read.reporting_org) = optarg;
            break;
        case OPT_FROM_YEAR:
        case OPT_TO_YEAR: {
            long y = strtol(optarg, &end, 10);
            if (*end || !*optarg || y < 1 || y > 9999)
                return usage_error("--%s takes a year from 1 to 9999, not '%s'",
                                   c == OPT_FROM_YEAR ? "from-year" : "to-year", optarg);
            *(c == OPT_FROM_YEAR ? &o.read.from_year : &o.read.to_year) = (int)y;
            break;
        }
        case OPT_DELIMITER:
            if (mark_option("--delimiter", optarg, ",;\t|", &o.read.delimiter) != 0)
                return EXIT_USAGE;
            break;
        case OPT_DECIMAL:
            if (mark_option("--decimal", optarg, ".,", &o.read.decimal) != 0)
                return EXIT_USAGE;
            break;
        case OPT_THOUSANDS:
            if (mark_option("--thousands", optarg, ".,' ", &o.read.thousands) != 0)
                return EXIT_USAGE;
            break;
        case 'h':
            fputs(usage_text, stdout);
            fputs(usage_text_more, stdout);
            fputs(usage_text_views, stdout);
            return fflush(stdout) == 0 ? EXIT_OK : EXIT_INPUT;
        case 'V':
            print_version();
            return fflush(stdout) == 0 ? EXIT_OK : EXIT_INPUT;
        default: /* ':' or '?': getopt's own messages are off (opterr = 0) */
            return option_error(c, (argv + 1)[optind - 1], longopts);
        }
    }
    if (o.read.from_year && o.read.to_year && o.read.from_year > o.read.to_year)
        return usage_error("--from-year %d is after --to-year %d", o.read.from_year,
                           o.read.to_year);
    if (optind + 1 != argc - 1)
        return usage_error("%s: %s", o.command,
                           optind + 1 < argc - 1 ? "more than one GRAPH given" : "missing GRAPH");
    o.graph = argv[optind + 1];
    /* The figures' options on a command that draws no such figure would be ignored without a
     * word, as the views below. */
    for (size_t k = 0; k < sizeof figure_options / sizeof figure_options[0]; k++) {
        const figure_option *f = &figure_options[k];
        if (!figure_given[k] || sg_list_has(f->commands, o.command))
            continue;
        return usage_error(
            "%s: --%s %s only; %s", o.command, figure_given[k],
            strcmp(f->commands, "grid") == 0 ? "is an option of grid"
            : strcmp(f->commands, "draw,export") == 0
                ? "shapes the figures of draw and export"
                : "shapes the figures of draw, export and grid",
            strcmp(o.command, "report") == 0
                ? "the HTML report's figure takes --title, --max-nodes and --parallel-edges"
            : strcmp(o.command, "check") == 0   ? "check draws no figure"
            : strcmp(o.command, "convert") == 0 ? "convert writes the graph, not a figure"
                                                : "the grid has no such setting");
    }
    if (o.figure.theme_path) {
        /* a bad theme file is bad input: said before the graph is read */
        sg_diag *td = sg_diag_new();
        int trc = td ? sg_theme_file_check(o.figure.theme_path, td) : SG_ENOMEM;
        if (td)
            sg_diag_print(td, stderr);
        sg_diag_free(td);
        if (trc != SG_OK)
            return EXIT_INPUT;
    }
    /* The views shape figures only (design.md: on export the reports keep the whole graph):
     * on a command that draws no view they would be ignored without a word. */
    if (strcmp(o.command, "draw") != 0 && strcmp(o.command, "export") != 0) {
        const char *view_option = o.view.types      ? "--type"
                                  : o.view.ego      ? "--ego"
                                  : o.radius_set    ? "--radius"
                                  : o.view.top      ? "--top"
                                  : o.by_set        ? "--by"
                                  : o.view.collapse ? "--collapse"
                                                    : NULL;
        /* --relation restricts the analysis of report and check; convert and grid have none */
        if (!view_option && o.relations &&
            (strcmp(o.command, "convert") == 0 || strcmp(o.command, "grid") == 0))
            view_option = "--relation";
        if (view_option)
            return usage_error(
                "%s: %s %s; %s", o.command, view_option,
                o.relations && strcmp(view_option, "--relation") == 0
                    ? "restricts the analysis (report, check) and the figures (draw, export)"
                    : "shapes the figures of draw and export only",
                strcmp(o.command, "report") == 0
                    ? (o.view.top || o.by_set
                           ? "the report covers the whole graph (--sort MEASURE --rows K gives "
                             "its K highest rows)"
                           : "the report covers the whole graph (--relation LIST restricts "
                             "what is analysed)")
                : strcmp(o.command, "check") == 0 ? "check covers the whole graph"
                : strcmp(o.command, "convert") == 0 ? "convert writes the whole graph"
                                                      : "the grid shows the whole graph");
    }
    if (o.radius_set && !o.view.ego)
        return usage_error("--radius needs --ego LIST");
    if (o.view.ego && !o.radius_set)
        o.view.radius = 1;
    if (o.by_set && !o.view.top)
        return usage_error("--by needs --top K");
    if (o.view.top && !o.by_set)
        o.view.by = SG_PAGERANK;
    if (o.view.top && o.measures && *o.measures &&
        !sg_list_has(o.measures, sg_measure_name(o.view.by)))
        return usage_error("--by %s: the measure is not among --measures %s",
                           sg_measure_name(o.view.by), o.measures);
    o.view.relations = o.relations; /* on draw and export --relation also filters the figure */
    o.view.weight_attr = o.weight;
    o.view.theme_path = o.figure.theme_path; /* a collapse by type names types as the legend */
    if (o.report.sort && o.measures && *o.measures && !sg_list_has(o.measures, o.report.sort))
        return usage_error("--sort %s: the measure is not among --measures %s", o.report.sort,
                           o.measures);
    int status = EXIT_OK;
    if (strcmp(o.command, "report") == 0)
        status = cmd_report(&o);
    else if (strcmp(o.command, "check") == 0)
        status = cmd_check(&o);
    else if (strcmp(o.command, "draw") == 0)
        status = contained(cmd_draw, &o);
    else if (strcmp(o.command, "grid") == 0)
        status = contained(cmd_grid, &o);
    else if (strcmp(o.command, "convert") == 0)
        status = cmd_convert(&o);
    else
        status = cmd_export(&o);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "stakegraph: cannot write to standard output\n");
        status = EXIT_INPUT;
    }
    return status;
}
