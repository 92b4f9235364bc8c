/*
 * stakegraph: stakeholder relationship graphs to styled diagrams and centrality reports.
 *
 * Ownership, stated once for the whole header: every pointer argument is borrowed for the
 * duration of the call unless its comment says otherwise. Every `sg_x_new` (or function that
 * returns a new object through an out-parameter) has an `sg_x_free` that accepts NULL. Strings
 * returned by accessors belong to the object they came from and live as long as it does.
 *
 * Errors: functions return an `sg_status` (0 on success, a negative code otherwise) and add a
 * message with file, line and column where known to the `sg_diag` they are given. The library
 * never prints and never exits.
 *
 * Threads: igraph and Graphviz are not thread-safe; call this library from one thread at a time.
 */
#ifndef STAKEGRAPH_H
#define STAKEGRAPH_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes. 0 is success; every failure is negative. */
typedef enum {
    SG_OK = 0,
    SG_ENOMEM = -1, /**< out of memory */
    SG_EIO = -2,    /**< a file could not be read or written */
    SG_EPARSE = -3, /**< the input is not valid in its format */
    SG_EINVAL = -4, /**< invalid data or arguments (unknown node, bad weight, bad option) */
    SG_ELIB = -5,   /**< igraph or Graphviz reported a failure */
} sg_status;

/** The version of stakegraph, "MAJOR.MINOR.PATCH". Static storage. */
const char *sg_version(void);
/** The version of igraph linked in. Static storage. */
const char *sg_igraph_version(void);
/** The version of Graphviz linked in, as Graphviz names itself. Static storage. */
const char *sg_graphviz_version(void);

/* ---------------------------------------------------------------------------------------- */
/* Diagnostics                                                                              */

typedef enum { SG_WARNING = 1, SG_ERROR = 2 } sg_severity;

/** One diagnostic. `file` may be NULL; `line` and `column` are 1-based, 0 when unknown. */
typedef struct {
    sg_severity severity;
    const char *file;
    long line;
    long column;
    const char *text;
} sg_message;

/** A list of warnings and errors, in the order they were found. */
typedef struct sg_diag sg_diag;

/** A new, empty list. Returns NULL when out of memory. Free with sg_diag_free(). */
sg_diag *sg_diag_new(void);
void sg_diag_free(sg_diag *diag);
/** Adds a message (printf format, always formatted in the C locale). `file` may be NULL. */
void sg_diag_add(sg_diag *diag, sg_severity severity, const char *file, long line, long column,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
size_t sg_diag_count(const sg_diag *diag);
/** The i-th message, 0 <= i < sg_diag_count(). Owned by `diag`. */
const sg_message *sg_diag_get(const sg_diag *diag, size_t i);
/** Number of messages of the given severity. */
size_t sg_diag_count_severity(const sg_diag *diag, sg_severity severity);
/** Writes "FILE:LINE:COLUMN: severity: text" lines, one per message, to `out`. */
void sg_diag_print(const sg_diag *diag, FILE *out);

/* ---------------------------------------------------------------------------------------- */
/* Model                                                                                    */

/**
 * A stakeholder graph: nodes (an id unique in the graph, and attributes) and edges (source,
 * target, attributes), both kept in input order. Well-known attributes: nodes `label`, `type`;
 * edges `relation`, `weight` (or the name given to the analysis), `unit`. The graph, its nodes
 * and its edges each have their own attributes, kept in the order they were first set.
 */
typedef struct sg_graph sg_graph;

/** A new graph. `directed` is 1 for directed, 0 for undirected. NULL when out of memory. */
sg_graph *sg_graph_new(int directed);
void sg_graph_free(sg_graph *g);

int sg_graph_directed(const sg_graph *g);
size_t sg_graph_node_count(const sg_graph *g);
size_t sg_graph_edge_count(const sg_graph *g);

/**
 * Adds a node with this id (UTF-8, copied). Returns SG_EINVAL if the id is taken (the index of
 * the existing node is then stored in `*index` when `index` is not NULL), SG_ENOMEM.
 * Expected O(1) (a hash of ids).
 */
int sg_graph_add_node(sg_graph *g, const char *id, size_t *index);
/** Finds a node by id. Returns 1 and stores its index when found, 0 otherwise. */
int sg_graph_find_node(const sg_graph *g, const char *id, size_t *index);
/** Adds an edge between two existing nodes (indices). Returns SG_EINVAL for a bad index. */
int sg_graph_add_edge(sg_graph *g, size_t source, size_t target, size_t *index);

const char *sg_graph_node_id(const sg_graph *g, size_t node);
size_t sg_graph_edge_source(const sg_graph *g, size_t edge);
size_t sg_graph_edge_target(const sg_graph *g, size_t edge);

/** The node's `label`, or its id when it has none. */
const char *sg_graph_node_label(const sg_graph *g, size_t node);
/** The node's `type`, or "" when it has none. */
const char *sg_graph_node_type(const sg_graph *g, size_t node);
/** The edge's `relation`, or "" when it has none. */
const char *sg_graph_edge_relation(const sg_graph *g, size_t edge);

/** Which object an attribute belongs to. */
typedef enum { SG_ON_GRAPH = 0, SG_ON_NODE = 1, SG_ON_EDGE = 2 } sg_object;

/**
 * Sets attribute `name` of the graph (`index` ignored), of node `index` or of edge `index` to
 * `value` (both copied). Replaces an earlier value. Returns SG_EINVAL for a bad index.
 */
int sg_graph_set_attr(sg_graph *g, sg_object on, size_t index, const char *name,
                      const char *value);
/** The value of an attribute, or NULL when it is not set. */
const char *sg_graph_attr(const sg_graph *g, sg_object on, size_t index, const char *name);
/** Number of attributes set on an object. */
size_t sg_graph_attr_count(const sg_graph *g, sg_object on, size_t index);
/** The k-th attribute of an object, in the order first set. Returns 0 when k is out of range. */
int sg_graph_attr_at(const sg_graph *g, sg_object on, size_t index, size_t k, const char **name,
                     const char **value);

/* ---------------------------------------------------------------------------------------- */
/* Reading                                                                                  */

/** Options of the readers. Zero-initialise, then set what you need. */
typedef struct {
    const char *format;      /**< "dot", "csv", "graphml", "iati"; NULL to choose by the file
                                  name's extension (.gv .dot, .csv .tsv .txt, .graphml, .xml) */
    const char *weight_attr; /**< the edge column (CSV, matched ASCII-case-insensitively) or
                                  attribute (GraphML) holding the weight; its values are checked
                                  and stored normalised under this name. NULL: a CSV column
                                  weight, amount, strength or value (stored as `weight`); the
                                  GraphML key weight, else amount. Unused by the DOT reader. */
    /* Fields below: CSV only (the other readers ignore them; --nodes with another format is
     * SG_EINVAL). */
    const char *nodes_path;  /**< the nodes table of a CSV edges table; NULL: none (nodes come
                                  from the edges, in order of first appearance) */
    char delimiter;          /**< field delimiter; 0: detected among , ; and tab in the header */
    char decimal;            /**< decimal mark of the weights, '.' or ','; 0: detected from the
                                  weights (see sg_read_csv) */
    char thousands;          /**< thousands separator of the weights ('.', ',', ' ', '\''); 0:
                                  detected; must differ from `decimal` (else SG_EINVAL) */
    const char *encoding;    /**< iconv name of the text's encoding ("windows-1254",
                                  "iso-8859-9", "latin1", ...); NULL: UTF-8 (a UTF-8 or UTF-16
                                  byte-order mark is honoured); unknown names are SG_EINVAL */
    int undirected;          /**< 1: the tables hold symmetric ties (an undirected graph) */
    int create_missing;      /**< 1: node ids of the edges missing from the nodes table are
                                  added (with a warning listing them) instead of errors */
    /* Fields below: IATI only (the other readers ignore them; see sg_read_iati). 0 or NULL:
     * no filter. */
    int activity_nodes;        /**< 1: activities become nodes of type `project` (a two-mode
                                    graph of organisations and activities) */
    const char *country;       /**< keep activities and transactions for this recipient-country
                                    code (ISO 3166-1 alpha-2, ASCII case folded) */
    int from_year;             /**< keep activities whose dates reach this year or later, and
                                    transactions dated in it or later */
    int to_year;               /**< keep activities that start in this year or earlier, and
                                    transactions dated in it or earlier; >= from_year */
    const char *reporting_org; /**< keep activities whose reporting-org has this identifier (or,
                                    without one, this name), ASCII case folded */
    const char *lang;          /**< language of the labels (xml:lang, "fr" also matches
                                    "fr-CA"); NULL: the first narrative */
    /* Limits (DOT). Input past a limit is an error naming the limit and its option. */
    unsigned max_depth;        /**< deepest nesting of { } and subgraphs; 0: 256 */
    size_t max_label;          /**< longest attribute value in bytes; 0: 1 MiB (16 MiB at most
                                    is sensible: Graphviz copies every value several times) */
} sg_read_options;

/**
 * Reads a graph from `size` bytes at `data` (not NUL-terminated necessarily). `name` is the file
 * name used in messages. On success stores a new graph in `*out` (free with sg_graph_free()).
 * Returns SG_EPARSE on a syntax error (with "name:LINE: message" in `diag`), SG_EINVAL when the
 * format is unknown or the data is invalid (a 0-byte input is "empty file"), SG_ENOMEM.
 * Nothing is stored in `*out` on failure.
 */
int sg_read_buffer(const char *data, size_t size, const char *name, const sg_read_options *opts,
                   sg_graph **out, sg_diag *diag);

/** Reads the file at `path` ("-" for standard input), as sg_read_buffer(). SG_EIO if unreadable. */
int sg_read_file(const char *path, const sg_read_options *opts, sg_graph **out, sg_diag *diag);

/**
 * Reads DOT with Graphviz's cgraph: node and edge attributes kept (values equal to "" are left
 * out), nodes in order of first appearance, edges in file order. A parse error, or a graph that
 * cgraph returns after an error, is SG_EPARSE; cgraph's "badly delimited number" warning (an id
 * like 2030Gundem silently split in two) is an error too.
 */
int sg_read_dot(const char *data, size_t size, const char *name, sg_graph **out, sg_diag *diag);

/** As sg_read_dot(), with the limits of `opts` (max_depth, max_label; may be NULL). */
int sg_read_dot_limited(const char *data, size_t size, const char *name,
                        const sg_read_options *opts, sg_graph **out, sg_diag *diag);

/**
 * Reads CSV tables (RFC 4180, and what spreadsheets really export): an edges table (`data`,
 * with Source/Target or From/To columns) with an optional nodes table (`nodes_data`, may be
 * NULL; `nodes_size` bytes, named `nodes_name` in messages), or a nodes table alone (an Id or,
 * as Kumu writes it, a Label column and no Source/Target) for a graph without links.
 *
 * Text: UTF-8, a byte-order mark skipped (UTF-16 with a mark is converted), or the encoding
 * `opts->encoding` names (iconv). CRLF, LF or CR line ends; quoted fields may hold delimiters,
 * line breaks and doubled quotes; blank rows are skipped; short rows are padded with empty
 * cells; extra cells are allowed only when empty. The delimiter is `opts->delimiter` or the
 * one of `,` `;` tab that the header uses most.
 *
 * Columns: header names trimmed and matched by ASCII case folding (never the locale). Edges:
 * Source|From, Target|To, Relation (else Type), Weight|Amount|Strength|Value (or the column
 * `opts->weight_attr` names); a Type (or Direction) column whose values are all Directed or
 * Undirected (Gephi) sets the direction instead. Nodes: Id (else Label), Label, Type. Every
 * other column is kept as an attribute under its header name; label, type, relation, unit and
 * year are stored in lower case. Empty cells set nothing.
 *
 * Weights: an empty cell is an unknown amount; 0 is a known amount of nothing; NaN, infinite,
 * negative and text are errors. Decimal mark and thousands separator are `opts->decimal` and
 * `opts->thousands`, or read from the column as a whole ("1.200.000,50" shows that ',' is the
 * decimal mark, so "85.000" is 85000; a cell that alone would be ambiguous gets a warning);
 * with no evidence ',' is the decimal mark in a ';'-separated table, '.' otherwise. The model
 * gets the number in C-locale text, shortest round-trip ("1200000.5").
 *
 * Errors, each with FILE:LINE:COLUMN (physical line; column in characters, of the cell's
 * start), all of them and not only the first: bytes that are not UTF-8 (with a hint to use
 * --encoding), a quote left open, text after a closing quote, too many cells, an empty or
 * duplicate node id, an edge naming a node missing from the nodes table (unless
 * `opts->create_missing`: added, with one warning listing them), a bad weight.
 * Returns SG_OK (a new graph in `*out`, free with sg_graph_free()), SG_EPARSE (not readable as
 * CSV text), SG_EINVAL (invalid data, an empty file, unknown encoding or options), SG_ENOMEM.
 * Nothing is stored in `*out` on failure. Complexity: O(size), plus a hash per id.
 */
int sg_read_csv(const char *data, size_t size, const char *name, const char *nodes_data,
                size_t nodes_size, const char *nodes_name, const sg_read_options *opts,
                sg_graph **out, sg_diag *diag);

/**
 * Reads GraphML 1.0 with igraph's reader (igraph_read_graph_graphml, the first graph of the
 * file): node ids from the `id` of each <node>, typed keys with their defaults, direction from
 * `edgedefault`; nodes and edges in file order. Attributes keep their key's attr.name; label,
 * type, relation, weight, amount and unit are stored in lower case; an edge `type` is the
 * relation when there is no `relation` key; numbers are written in C-locale text. Keys without
 * attr.type (which igraph 0.10 would drop) are read as strings, with a warning naming them;
 * the weight key (`opts->weight_attr`, else weight, else amount) is checked as sg_read_csv()
 * checks weights, errors naming the line.
 * Never a DTD and never an entity: a document with a DOCTYPE is refused (SG_EPARSE) before any
 * of it is used, and no file or network resource is ever loaded.
 * Returns SG_OK (a new graph in `*out`), SG_EPARSE (not well-formed XML, a DOCTYPE, not
 * GraphML), SG_EINVAL (empty file, bad weight), SG_ELIB (igraph failed; its message in
 * `diag`), SG_ENOMEM. `opts` may be NULL.
 */
int sg_read_graphml(const char *data, size_t size, const char *name, const sg_read_options *opts,
                    sg_graph **out, sg_diag *diag);

/**
 * Reads IATI activity XML (IATI Activity Standard 2.03; 2.0x and 1.0x files): root
 * <iati-activities>, a single <iati-activity>, or a portal's <result> around either. The graph
 * is directed; nodes and edges come in order of first appearance.
 *
 * Nodes are organisations: id = the IATI organisation identifier (`ref`), else the name
 * (narrative, or the element's text in 1.0x) with white space collapsed and ASCII letters in
 * lower case; `label` = the narrative in `opts->lang`, else the first; `type` = the
 * OrganisationType code in words (10 government, 21 international NGO, 40 multilateral,
 * 70 private sector, 80 academic, training and research, ...; the first type seen is kept);
 * `activities` = the number of activities (used ones, after the filters) in which it takes part
 * (as participating-org, or as a party to a transaction); `roles` = the roles it holds anywhere,
 * comma-separated (funding, accountable, extending, implementing, beneficiary).
 *
 * Role edges, within each activity: participating-org roles (2.0x codes 1-4; 1.0x Funding,
 * Accountable, Extending, Implementing; v1 donor, implementing, beneficiary; any case) form the
 * chain Funding -> Extending -> Implementing -> Beneficiary; each level links to the next level
 * present (a missing role is skipped), relation by the target's level (`funding` into
 * Extending, `implementation` into Implementing, `beneficiary`); no edge from an organisation
 * to itself; Accountable gives no edge, only the `roles` attribute. No weight. One edge per
 * (source, target, relation) for the whole file, with `activities` = how many activities gave it.
 *
 * Transaction edges: provider-org -> receiver-org, `relation` = the transaction type word
 * (incoming_funds, commitment, disbursement, expenditure, interest_payment, loan_repayment,
 * reimbursement, purchase_of_equity, sale_of_equity, credit_guarantee, incoming_commitment,
 * outgoing_pledge, incoming_pledge; 2.0x codes, 1.0x letters C D E IF ...), `unit` = the
 * currency (value/@currency, else the activity's default-currency), `weight` = the sum of the
 * values per (provider, receiver, type, currency) as written (never converted, never added
 * across currencies; a sum below 0 is kept as `net_value`, without weight), `transactions` = how
 * many. IATI's rule where the transaction names no provider (receiver): the reporting-org
 * provides the outgoing types and receives the incoming ones; interest payments and loan
 * repayments need both. A provider-org or receiver-org without `ref` is found by its
 * provider-/receiver-activity-id: an organisation identifier of the file used there as such;
 * else an activity of the file, read as that activity's reporting-org (its own node with
 * `activity_nodes`); else the file's organisation whose identifier begins it (an activity
 * identifier begins with its reporting organisation's); else by the name.
 *
 * `opts->activity_nodes`: activities become nodes (id = iati-identifier, label = title, type
 * `project`); role edges link funding, extending and accountable organisations to the activity
 * (relation = the role word) and the activity to its implementing (`implementation`) and
 * beneficiary organisations; outgoing transactions leave the activity, incoming ones reach it.
 * Filters: `country` (the activity's recipient-country, else its transactions'; a transaction
 * with its own recipient-country must match), `from_year`/`to_year` (activity dates, actual
 * before planned, overlap the years; a transaction's date, else its value-date, within them),
 * `reporting_org`. The graph's `label` names the reporting organisation and the count.
 *
 * Whatever cannot be used is counted and warned about, each kind once with the count and the
 * line of the first: an unknown or missing role, a participating-org without ref or name, a
 * transaction of unknown type, without a number, without a currency, without a provider or
 * receiver, an unknown organisation type, conflicting types; so are the interpretations made
 * (an organisation identifier in receiver-activity-id, negative sums, several currencies,
 * several transaction types on the edges). contact-info, and any element not named here, is
 * never read into the graph.
 *
 * Safety and memory: libxml2's streaming reader (two passes, one activity in memory at a time),
 * no network, no DTD, no entity expansion: a document with a DOCTYPE is refused (SG_EPARSE)
 * before its internal subset is read, and no file is ever loaded.
 * Returns SG_OK (a new graph in `*out`, free with sg_graph_free()), SG_EPARSE (not well-formed
 * XML, a DOCTYPE, not an IATI activity file), SG_EINVAL (empty file, from_year > to_year),
 * SG_ENOMEM. Nothing is stored in `*out` on failure. `opts` may be NULL.
 * Complexity: O(size) time, memory O(largest activity + graph).
 */
int sg_read_iati(const char *data, size_t size, const char *name, const sg_read_options *opts,
                 sg_graph **out, sg_diag *diag);

/* ---------------------------------------------------------------------------------------- */
/* Analysis                                                                                 */

/**
 * Node measures, in the order of the centrality report's columns (design.md). Directed input
 * unless said otherwise; on undirected input in = out = all. Hop counts for path measures
 * unless the analysis is asked for inverse weights.
 */
typedef enum {
    SG_IN_DEGREE = 0,   /**< distinct in-neighbours (undirected: neighbours) */
    SG_OUT_DEGREE,      /**< distinct out-neighbours (undirected: neighbours) */
    SG_DEGREE,          /**< in + out (undirected: neighbours) */
    SG_IN_STRENGTH,     /**< sum of known weights of incoming edges */
    SG_OUT_STRENGTH,    /**< sum of known weights of outgoing edges */
    SG_STRENGTH,        /**< in + out strength (undirected: sum over incident edges) */
    SG_BETWEENNESS,     /**< Brandes (2001), directed shortest paths, raw pair counts */
    SG_BETWEENNESS_NORM, /**< betweenness / ((n-1)(n-2)) directed, / ((n-1)(n-2)/2)
                              undirected; missing when n < 3 */
    SG_CLOSENESS,       /**< undirected view, (r-1)/sum of distances over the r reachable */
    SG_HARMONIC,        /**< Marchiori and Latora (2000), undirected view, / (n-1) */
    SG_EIGENVECTOR,     /**< Bonacich (1972), undirected view, unweighted, largest = 1 */
    SG_PAGERANK,        /**< Brin and Page (1998), directed, damping 0.85 */
    SG_HUB,             /**< Kleinberg (1999) HITS hub score, unweighted, largest = 1 */
    SG_AUTHORITY,       /**< Kleinberg (1999) HITS authority score, unweighted, largest = 1 */
    SG_CORENESS,        /**< Seidman (1983) k-core index, undirected view */
    SG_CLUSTERING,      /**< Watts and Strogatz (1998) local clustering coefficient, undirected
                             view; missing with fewer than 2 neighbours */
    SG_CONSTRAINT,      /**< Burt (1992) constraint, undirected view, every tie weighing 1;
                             missing for an isolated node */
    SG_BROKERAGE_COORDINATOR,     /**< Gould and Fernandez (1989): a -> v -> c, a -/-> c, all three
                                       in one group */
    SG_BROKERAGE_GATEKEEPER,      /**< v and c in one group, a in another */
    SG_BROKERAGE_REPRESENTATIVE,  /**< a and v in one group, c in another */
    SG_BROKERAGE_ITINERANT,       /**< a and c in one group, v in another (consultant) */
    SG_BROKERAGE_LIAISON,         /**< a, v and c in three groups */
    SG_ARTICULATION,    /**< 1 if removing the node disconnects its component (undirected view) */
    SG_COMMUNITY,       /**< community number from 1 (Louvain, Blondel et al. 2008, seeded),
                             numbered in the order of each community's smallest id */
    SG_MEASURE_COUNT
} sg_measure;

/** The report column name of a measure ("in_degree", ...); NULL when out of range. */
const char *sg_measure_name(sg_measure m);
/** Finds a measure by its column name. Returns 1 and stores it when found, 0 otherwise. */
int sg_measure_find(const char *name, sg_measure *m);

/** How path measures (betweenness, closeness, harmonic) measure a distance. */
typedef enum {
    SG_PATH_HOPS = 0,   /**< every edge is one step (default) */
    SG_PATH_INVERSE = 1 /**< distance = 1 / weight; every edge needs a known positive weight */
} sg_path_weights;

/** Which community detection gives the `community` column. */
typedef enum {
    SG_COMMUNITY_LOUVAIN = 0, /**< Blondel et al. (2008), seeded (default) */
    SG_COMMUNITY_LEIDEN = 1,  /**< Traag, Waltman and van Eck (2019), modularity, seeded */
    SG_COMMUNITY_OPTIMAL = 2  /**< Brandes et al. (2008) exact maximum modularity by integer
                                   programming (GLPK); at most 300 nodes */
} sg_community_method;

/** Options of the analysis. Zero-initialise, then set what you need. */
typedef struct {
    const char *weight_attr; /**< edge attribute holding the weight; NULL: "weight", then
                                  "amount" */
    double damping;          /**< PageRank damping in (0, 1); 0 means 0.85 */
    unsigned long seed;      /**< seed of the random community detection (default 0) */
    sg_path_weights path_weights; /**< distances of the path measures */
    const char *group_by;    /**< node attribute giving brokerage groups; NULL: "type" */
    const char *relations;   /**< comma-separated relations to analyse (in any ASCII case,
                                  ' ' and '-' as '_'); NULL or "": all. An item that no edge
                                  has is SG_EINVAL. */
    const char *measures;    /**< comma-separated measure names to compute; NULL or "": all.
                                  A warning about measures (components or isolated nodes and
                                  closeness or constraint, unknown weights and the strengths,
                                  ...) is given only when one of them is asked for */
    sg_community_method community; /**< method of the `community` column */
    const char *unit;        /**< the unit (edge attribute `unit`, a currency code for money)
                                  whose amounts the weighted measures use when there are
                                  several; NULL: the most common. Amounts of different units
                                  are never added. */
    int table_only;          /**< 1 when only the node table is wanted (the CSV report): the
                                  graph figures that cost all-pairs searches (diameter, mean
                                  path length, betweenness centralisation without the
                                  betweenness column), transitivity, bridges and the unchosen
                                  community method are skipped and stay undefined (NaN, 0
                                  communities, 0 bridges) */
    int threads;             /**< threads of the path measures' searches (betweenness; closeness,
                                  harmonic, diameter and mean path length by hops): 0 the
                                  online CPUs, 1 the calling thread alone. The results are the
                                  same bits whatever the number. */
    double sample_sources;   /**< 0: exact path measures, every node a source. k >= 1: the
                                  betweenness, closeness and harmonic columns, the diameter and
                                  the mean path length are estimated from k sources drawn
                                  uniformly without replacement with `seed` (Brandes and Pich
                                  2007, "Centrality estimation in large networks"; closeness and
                                  harmonic as Eppstein and Wang 2004); a fraction in (0, 1):
                                  that share of the nodes, rounded up. k >= n is exact. See
                                  sg_summary.sampled_sources. */
    void (*progress)(const char *step, double fraction, void *data); /**< called as the
                                  analysis advances: the step's name ("betweenness", ...) and
                                  the fraction done in [0, 1] (0 at its start, 1 at its end),
                                  with `progress_data`; from one thread at a time. NULL: none */
    void *progress_data;
    int no_policy_warnings; /**< 1: leave out the warnings that state the policies (a graph
                                 without nodes, relations left out, self-loops, merged
                                 parallel edges, the unit used), for a caller whose graph is a
                                 view already reported on (sg_render: the figure's measures),
                                 where those counts would be the view's. The warnings about
                                 the measures asked for stay. 0: every warning */
} sg_analysis_options;

/** Per-graph figures of an analysis. NaN marks an undefined figure (written as missing). */
typedef struct {
    size_t nodes;            /**< number of nodes */
    size_t edges;            /**< number of edges analysed (after the relation filter) */
    size_t edges_left_out;   /**< edges left out by the relation filter */
    size_t self_loops;       /**< edges left out of every measure because source = target */
    size_t parallel_merged;  /**< edges merged into an earlier edge with the same endpoints */
    size_t weighted_edges;   /**< edges with a known weight */
    size_t unknown_weights;  /**< edges with an empty weight while others have one */
    size_t other_unit_edges; /**< edges whose amount is in another unit than the one used */
    int weighted;            /**< 1 when at least one edge has a weight */
    int pagerank_weighted;   /**< 1 when PageRank used the weights */
    int acyclic;             /**< 1 when the directed graph has edges and no cycle */
    double density;          /**< simple edges / possible edges; NaN when n < 2 */
    double reciprocity;      /**< share of directed simple edges reciprocated; NaN if none */
    double transitivity;     /**< global clustering: 3 x triangles / connected triples,
                                  undirected view; NaN without triples */
    size_t weak_components;  /**< weakly connected components */
    size_t strong_components; /**< strongly connected components (= weak when undirected) */
    double diameter;         /**< longest shortest path within components, hops, undirected
                                  view; NaN without edges */
    double mean_path_length; /**< mean shortest path over connected pairs, hops, undirected
                                  view; NaN without edges */
    double centralization_degree;      /**< Freeman (1979), degree, normalised to [0, 1] */
    double centralization_betweenness; /**< Freeman (1979), betweenness, normalised */
    double assortativity_type; /**< Newman (2003) nominal assortativity of the groups (`type`
                                    or group_by); NaN with one group or no edges */
    size_t louvain_communities; /**< communities found by Louvain (undirected view, unweighted) */
    double louvain_modularity;  /**< their modularity (Newman 2006); NaN without edges */
    size_t leiden_communities;  /**< communities found by Leiden */
    double leiden_modularity;   /**< their modularity; NaN without edges */
    double modularity;          /**< modularity of the `community` column; NaN without edges */
    size_t bridges;             /**< edges whose removal disconnects the undirected view */
    size_t sampled_sources;     /**< sources the path measures were estimated from (see
                                     sg_analysis_options.sample_sources); 0 when they are exact.
                                     Then betweenness, closeness, harmonic, the betweenness
                                     centralisation and the mean path length are estimates, and
                                     the diameter the longest path seen (a lower bound). */
} sg_summary;

/**
 * The result of an analysis: one value per node and measure, nodes in input order. A missing
 * (undefined) value is NaN here and is written as an empty cell or null, never as a number.
 */
typedef struct sg_analysis sg_analysis;

/**
 * Analyses `g` with igraph, applying design.md's policies once: self-loops left out (warning),
 * parallel edges merged with summed known weights (warning), unknown weights counted (warning),
 * NaN, infinite, negative or non-numeric weights rejected (SG_EINVAL). The analysis works on the
 * graph in canonical order (nodes by id, edges by source, target, relation), so the order of the
 * input changes no number. Warnings about undefined values go to `diag`.
 * On success stores a new analysis in `*out` (free with sg_analysis_free()).
 * Returns SG_EINVAL (bad weight, unknown measure, a `relations` item that no edge has (the
 * message names the relations present), bad option), SG_ELIB (igraph failed; its message is in
 * `diag`), SG_ENOMEM.
 * Complexity: O(n m) for betweenness and the path measures (O(n m + n^2 log n) with inverse
 * weights), O(sum of in-degree x out-degree) for brokerage, the rest near O(n + m); the optimal
 * community method is exponential in the worst case.
 */
int sg_analyse(const sg_graph *g, const sg_analysis_options *opts, sg_analysis **out,
               sg_diag *diag);
void sg_analysis_free(sg_analysis *a);
size_t sg_analysis_node_count(const sg_analysis *a);
/** The value of measure `m` for node `node` (input order); NaN when missing. */
double sg_analysis_value(const sg_analysis *a, sg_measure m, size_t node);
/** 1 when measure `m` was computed (see sg_analysis_options.measures), else 0. */
int sg_analysis_computed(const sg_analysis *a, sg_measure m);
/** The options the analysis used, defaults filled in (weight_attr and group_by are never
 * NULL). Its strings are copies owned by `a`. */
const sg_analysis_options *sg_analysis_settings(const sg_analysis *a);
/** The graph figures. Owned by `a`. */
const sg_summary *sg_analysis_summary(const sg_analysis *a);
/** Number of distinct relations, and the k-th (in order of first appearance) with its count. */
size_t sg_analysis_relation_count(const sg_analysis *a);
const char *sg_analysis_relation(const sg_analysis *a, size_t k, size_t *edges);

/* ---------------------------------------------------------------------------------------- */
/* Views                                                                                    */

/**
 * What a figure shows: a part of the graph. Zero-initialise, then set what you need; each set
 * field is one step, applied in the order of the fields, each to what the steps before kept.
 */
typedef struct {
    const char *relations; /**< comma-separated relations: only edges of these relations (the
                                nodes left unlinked go, see `keep_unlinked`); NULL or "": all */
    const char *types;     /**< comma-separated node types: only nodes of these types and the
                                edges among them; NULL or "": all */
    const char *ego;       /**< a node: its id, else (no id matching) its label, exactly, then
                                its id or label in any ASCII case (an error naming them when
                                several nodes match so); when the whole string names no node, a
                                comma-separated list of such names (spaces around items
                                ignored). Only the nodes within `radius` steps of them, edge
                                direction ignored (the union of their ego networks), and the
                                edges among them; NULL: no ego */
    size_t radius;         /**< steps from the `ego` nodes (0: the egos alone) */
    size_t top;            /**< only the `top` nodes highest by measure `by` of the analysis
                                (ties in input order, missing values last) and the edges among
                                them; 0: no limit */
    sg_measure by;         /**< the measure of `top` */
    const char *collapse;  /**< a node attribute: one node per value (see sg_view_collapse());
                                NULL: no collapse */
    const char *theme_path; /**< collapsing by `type`: the theme file (sg_theme_file_check())
                                 whose names label the groups, as the figure's legend names
                                 the types; NULL: the built-in theme */
    const char *weight_attr; /**< the weight summed by `collapse` and `merge_parallel`; NULL:
                                  "weight", else "amount" when an edge has it */
    int merge_parallel;    /**< 1: parallel edges (same source and target, an unordered pair
                                when undirected, same relation and unit) become one edge, at the
                                place of the first: the attributes they all share with the same
                                value, `count` = how many, the weight (as `weight_attr` names it)
                                = the sum of their known weights (one that is not an amount is
                                left out, with a warning); an edge without a parallel one stays
                                as it is. 0: every edge on its own. (A collapse merges them
                                anyway.) */
    int keep_unlinked;     /**< 0 (default): after `relations` and `types` (without `ego`),
                                the nodes they left without an edge though they had one in the
                                graph are left out, with a warning counting them ("3
                                stakeholders without a link of the chosen relations left out");
                                nodes without an edge in the graph stay, and so does every node
                                when none kept has a kept edge. 1: every node the filters keep
                                stays */
} sg_view_options;

/**
 * Makes a new graph (free with sg_graph_free()) holding the part of `g` that `opts` selects
 * (NULL: all of it): the kept nodes and edges in input order, with every attribute, and the
 * graph's attributes. `a` is the analysis of `g` (sg_analyse()), needed only for `top` (else
 * may be NULL). Returns SG_EINVAL, with a message in `diag` (may be NULL), for an item of
 * `relations` or `types` that no edge or node of `g` has (the message names the ones present),
 * an `ego` name that is no node's id or label (the message lists up to 5 close ones), a label
 * that several nodes share (the message names their ids) or a node an earlier step left out, `top` without
 * an analysis of `g` or with a measure that was not computed, an empty `collapse` name or a
 * collapsed weight that is not an amount; SG_ENOMEM. Nothing is stored in `*out` on failure.
 * Complexity: O(n + m) per step, O(radius x m) for the ego, O(n log n) for top, O(m log m) for
 * the collapse and the merge of parallel edges.
 */
int sg_view(const sg_graph *g, const sg_analysis *a, const sg_view_options *opts, sg_graph **out,
            sg_diag *diag);

/**
 * What the view `opts` of `g` shows, in words for a figure's title, into `*out` (free()):
 * "funding and implementation", "donor and NGO stakeholders", "ego network of LABEL, radius
 * 2", "top 5 by pagerank", "collapsed by type", joined with "; " in the order of the steps;
 * names as the legend shows them (first letter in lower case), egos by their labels. `*out`
 * is NULL when no step is set (merge_parallel alone is no view). SG_OK, SG_EINVAL for a NULL
 * argument, SG_ENOMEM.
 */
int sg_view_describe(const sg_graph *g, const sg_view_options *opts, char **out);

/** The edges of the comma-separated `relations` and every node, as sg_view(). */
int sg_view_relations(const sg_graph *g, const char *relations, sg_graph **out);
/** The nodes of the comma-separated `types` and the edges among them, as sg_view(). */
int sg_view_types(const sg_graph *g, const char *types, sg_graph **out);
/** The ego network of node `id` (radius steps, direction ignored), as sg_view(): `id` is an id,
 * a label or a comma-separated list of them, as sg_view_options.ego. SG_EINVAL naming it when
 * it names no node. */
int sg_view_ego(const sg_graph *g, const char *id, size_t radius, sg_graph **out, sg_diag *diag);
/** The `k` (> 0) nodes highest by measure `by` of the analysis `a` of `g`, and the edges among
 * them, as sg_view(). */
int sg_view_top(const sg_graph *g, const sg_analysis *a, size_t k, sg_measure by, sg_graph **out,
                sg_diag *diag);
/**
 * One node per value of node attribute `attr`, in order of first appearance: id the value
 * ("(none)" for the nodes without it), `attr` = the value (so collapsing by `type` keeps the
 * type), `count` = the number of nodes, `label` = the value with '_' shown as ' ' and the
 * count ("sector a (7)", "no ATTR (2)"); by `type`, the type's name as the legend of the
 * built-in theme (sg_view_options.theme_path: another theme's) shows it, and the count
 * ("National government (7)", "NGO (2)", "No type (3)"), which a figure draws as it is. A theme
 * file's error is SG_EINVAL or SG_EIO (its message in `diag`). One edge per (source group, target group,
 * relation, unit) in order of first appearance (an unordered pair of groups when undirected),
 * self-loops of a group included: `relation`, `unit` as they were, `count` = the edges it
 * stands for, `weight` = the sum of their known weights (absent when none is known).
 */
int sg_view_collapse(const sg_graph *g, const char *attr, sg_graph **out, sg_diag *diag);

/* ---------------------------------------------------------------------------------------- */
/* Reports                                                                                  */

/** Options of the report writers. Zero-initialise, then set what you need. */
typedef struct {
    const char *source_name; /**< the input's name, quoted in the Markdown report; may be NULL */
    /* Fields below: every format (issue 7). */
    const char *sort;    /**< a measure's column name: rows by that measure, highest first, ties
                              in input order, missing values last; NULL: input order. The
                              measure must have been computed (else SG_EINVAL) */
    size_t rows;         /**< at most this many rows, the first after sorting; 0: all */
    int digits;          /**< significant digits of numbers that are not whole, 1 to 17;
                              0 means 6 (else SG_EINVAL) */
    const char *caption; /**< the table's caption (LaTeX, HTML, Markdown's "Table:" line); NULL:
                              LaTeX and HTML say "Centrality of the organisations" and the
                              graph's label, Markdown has none */
    const char *label;   /**< LaTeX: the table's \label key; NULL: "tab:centrality" */
    int excel;           /**< CSV: 1 for spreadsheets set to European conventions: a UTF-8
                              byte-order mark, ';' between cells and ',' as decimal mark (never
                              taken from the machine's locale) */
    const char *title;   /**< HTML: the inline figure's title, as sg_render_options.title */
    long max_nodes;      /**< HTML: a graph of more nodes than this is drawn collapsed by type
                              (sg_view_collapse(), said in the figure's caption), since a
                              drawing of thousands of nodes cannot be read and takes sfdp tens
                              of seconds; 0 means 2000, negative: never collapsed */
    int merge_parallel;  /**< HTML: 1 draws the inline figure's parallel edges as one (as
                              sg_view_options.merge_parallel; the CLI's --parallel-edges merge,
                              its default); 0: each on its own */
    sg_diag *errors;     /**< HTML: when the inline figure cannot be drawn (sg_report_write
                              returns SG_ELIB), its errors are added here (a Graphviz crash
                              names its signal); NULL: not kept. Borrowed, not freed */
} sg_report_options;

/**
 * Writes a report of format `format` to `out`: "csv", "md", "json", "tex" or "html" (see
 * sg_report_format_find() for the aliases). Every format has one row per node in input order
 * (or as `opts->sort` and `opts->rows` say): id, label, type, then the computed measures;
 * numbers in the C locale ("." as decimal mark, except CSV with `opts->excel`) in every
 * locale; missing values empty (CSV, Markdown, LaTeX, HTML) or null (JSON), never 0 or NaN.
 *  - "csv": only the table (RFC 4180); a text cell that a spreadsheet would run as a formula
 *    (starting with = + - @, tab or CR) gets a leading apostrophe.
 *  - "md": a Pandoc pipe table, the summary, the warnings, the policies and the definitions.
 *  - "json": RFC 8259, the schema in docs/report-schema.md: "generator" (tool versions, on the
 *    second line alone), "settings", "summary", "columns", "nodes", "warnings".
 *  - "tex": a booktabs longtable with caption and label; compiled alone (pdflatex, xelatex or
 *    lualatex) it is a whole document, \input into a document it is the table alone, whose
 *    preamble then needs \usepackage{booktabs,longtable}. Every special character escaped.
 *  - "html": one self-contained page (nothing loaded from the network): the figure as inline
 *    SVG (sg_render()), the summary, the warnings, a table that sorts on a click on its
 *    header (a small inline script; without it the page still reads), the definitions.
 * `diag` holds the warnings of the analysis (quoted by reports that carry statements; may be
 * NULL). Returns SG_EINVAL for an unknown format or a bad option, SG_ELIB when Graphviz fails
 * to draw the HTML report's figure, SG_ENOMEM, SG_EIO when a write fails.
 */
int sg_report_write(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                    const char *format, const sg_report_options *opts, FILE *out);

/** Finds a report format by name or file extension ("md", ".md", "markdown"); NULL if none. */
const char *sg_report_format_find(const char *name_or_extension);

/* ---------------------------------------------------------------------------------------- */
/* Graph exports                                                                            */

/** Options of the graph exports. Zero-initialise, then set what you need. */
typedef struct {
    const char *weight_attr; /**< the edge attribute that fills a format's one weight slot
                                  (Pajek's arc value, the CSV edges table's fourth column);
                                  NULL: "weight", else "amount" (the first present), as the
                                  analysis chooses */
} sg_export_options;

/** The files of one graph export, in memory: one, or two for the CSV pair. */
typedef struct sg_export sg_export;

/**
 * Writes `g` in the graph format `format` (any name sg_export_format_find() accepts). Every
 * format keeps nodes and edges in input order, writes numbers in the C locale (the same bytes
 * in every locale and every run), carries text as it is, and leaves an unknown (empty) value
 * out, never writing it as 0:
 *
 *  - "gv": DOT that Graphviz's reader (cgraph) reads back as the same graph, byte for byte.
 *    Every id, attribute name and value is quoted. cgraph keeps every backslash of a quoted
 *    string as written (`\\`, `\n` and `\N` stay two bytes; only `\"` and a backslash before a
 *    line break are read as escapes), so only `"` is escaped; label escapes are Graphviz's
 *    drawing convention, which sg_render() applies. A value longer than 16000 bytes is split
 *    into pieces joined with `+` (cgraph's file reader fails on a string of more than 16381
 *    bytes), never inside a UTF-8 character. A value no quoted string can hold (an odd run of
 *    backslashes before a `"`, a line break or the end, as in `C:\`) is written as `<...>`,
 *    which cgraph reads back whole when its angle brackets balance (Graphviz then draws such a
 *    label as an HTML-like label); else SG_EINVAL. Never `strict`: parallel edges stay. An
 *    edge attribute `key` (Graphviz's edge identity) is left out with a warning.
 *  - "graphml": GraphML 1.0 in UTF-8 (Gephi, yEd, igraph, networkx): keys typed "double" for
 *    attributes whose values are all numbers (the weight), "string" otherwise; & < > " as
 *    entities; control characters that XML 1.0 cannot hold replaced by U+FFFD (a warning).
 *  - "gml": GML (Himsolt 1997) as igraph writes it: nodes `id` 0..n-1 with `name` (the id) and
 *    `label` (the label, else the id); UTF-8 strings with `&` and `"` as &amp; &quot;; keys
 *    made of ASCII letters, digits and `_` (other names rewritten, with a warning). igraph and
 *    Gephi read it; networkx's read_gml takes ASCII only (use GraphML or JSON there).
 *  - "net": Pajek (Pajek, UCINET, igraph): `*Vertices n`, `k "id"` lines numbered from 1,
 *    `*Arcs` (directed) or `*Edges`, each with the weight as third number where it is known.
 *    Pajek has no escapes: `"` in an id becomes `'`, a line break a space (a warning).
 *  - "csv": two RFC 4180 tables, edges `source,target,relation,WEIGHT,...` (WEIGHT named after
 *    the weight attribute; an undirected graph adds Gephi's `type` = Undirected) and nodes
 *    `id,label,type,...`, the other attributes after, in order of first appearance. No
 *    formula neutralising (that is the centrality report's).
 *  - "json": node-link JSON (RFC 8259) as d3 and networkx use it: "directed", "multigraph",
 *    "graph", "nodes" [{"id", ...}], "links" [{"source", "target", ...}]; numeric attributes as
 *    numbers, never NaN or infinite.
 *
 * GraphML and JSON need valid UTF-8 (SG_EINVAL otherwise). On success stores a new export in
 * `*out` (free with sg_export_free()); warnings go to `diag` (may be NULL). Returns SG_EINVAL
 * (an unknown format, or a value the format cannot hold: the error names the object),
 * SG_ENOMEM. Nothing is stored in `*out` on failure. Complexity O(size of the graph).
 */
int sg_export_write(const sg_graph *g, const char *format, const sg_export_options *opts,
                    sg_export **out, sg_diag *diag);
void sg_export_free(sg_export *x);
/** Number of files of the export: 2 for "csv" (edges, then nodes), else 1. */
size_t sg_export_file_count(const sg_export *x);
/**
 * The bytes of file k, 0 <= k < sg_export_file_count(), NUL-terminated; `*size` is the length
 * without the NUL. Owned by `x`. NULL (and `*size` 0) when k is out of range.
 */
const char *sg_export_file_data(const sg_export *x, size_t k, size_t *size);
/**
 * Where file k goes when the export is written to `path`: file 0 to `path` itself, the CSV
 * nodes table to `path` with "-nodes" before its extension ("out/g.csv" -> "out/g-nodes.csv",
 * "g" -> "g-nodes"). Newly allocated: free with free(). NULL when k is out of range or memory
 * runs out.
 */
char *sg_export_file_path(const sg_export *x, size_t k, const char *path);
/** Finds a graph format by name or extension ("gv", ".dot", "pajek", ".net"); NULL if none. */
const char *sg_export_format_find(const char *name_or_extension);
/** Number of files a graph format writes (2 for "csv", else 1); 0 for an unknown format. */
size_t sg_export_format_file_count(const char *format);

/* ---------------------------------------------------------------------------------------- */
/* Figures                                                                                  */

/** How edge widths show the edges' amounts (model attribute `weight`, else `amount`). */
typedef enum {
    SG_EDGE_WIDTH_AUTO = 0, /**< square-root scale when at least one edge has an amount, else
                                 each relation's own width */
    SG_EDGE_WIDTH_NONE,     /**< each relation's own width */
    SG_EDGE_WIDTH_SQRT,     /**< pen width proportional to the square root of the amount, the
                                 largest amount 6 points, never under 0.5 */
    SG_EDGE_WIDTH_LOG       /**< pen width from 0.5 (smallest positive amount) to 6 points
                                 (largest) on a logarithmic scale */
} sg_edge_width;

/**
 * Checks a theme file (the format is in README.md, "Themes"; data/themes/default.theme is the
 * built-in theme written as one). Every error goes to `diag` as file:line:column. Returns SG_OK,
 * SG_EINVAL (a bad line, an unknown colour, shape, line style or arrow), SG_EIO (cannot read),
 * SG_ENOMEM.
 */
int sg_theme_file_check(const char *path, sg_diag *diag);

/** Options of the figure. Zero-initialise, then set what you need. */
typedef struct {
    const char *title; /**< the figure's title; NULL: the graph's `label` attribute, else none */
    int dpi;           /**< resolution of PNG output in dots per inch; 0 means 150 */
    const char *engine; /**< Graphviz layout engine: "dot", "neato", "fdp", "sfdp", "circo",
                             "twopi", or NULL / "auto" (sg_render_engine_pick()) */
    /* Encoding (issue 6). */
    const char *size_by;  /**< node measure (report column name) giving the node's area; NULL
                               or "none": every node its type's usual size */
    const char *color_by; /**< NULL or "type": fill by type; "community": by the community
                               (method and seed below); else the node attribute of that name,
                               its values as categories in byte order */
    sg_edge_width edge_width; /**< edge width by amount (see sg_edge_width) */
    int grayscale;        /**< 1: fills in grays, a type's the gray of its colour */
    const char *theme_path; /**< theme file (see sg_theme_file_check); NULL: the built-in one */
    const char *caption;  /**< text under the drawing (source, date); NULL: none */
    double width, height; /**< the drawing fits within width x height inches, keeping its
                               aspect, scaled up or down; 0: no limit in that direction */
    const char *font;     /**< font family of every text; NULL: "DejaVu Sans" */
    int label_width;      /**< node labels longer than this many characters (code points) are
                               wrapped at spaces into lines of about equal length, at most this
                               long but for a longer word (never cut); 0 means 24; negative:
                               never wrapped. Labels are shortened to 160 characters first */
    const char *weight_attr; /**< edge attribute holding the amount; NULL: "weight", then
                                  "amount" */
    const char *unit;     /**< the unit whose amounts give edge widths; NULL: the most common */
    unsigned long seed;   /**< seed of the community detection of color_by "community" */
    sg_community_method community; /**< its method */
} sg_render_options;

/**
 * Draws `g` with Graphviz (the gvc library, engine dot, left to right) from a fresh Graphviz
 * graph built from the model in canonical order: node colour by `type` from the Okabe-Ito
 * palette, shape by type, line style and arrowhead by `relation`, a legend listing only the
 * types and relations present, and a title. `format` is "gv" (styled DOT, which Graphviz's `dot`
 * renders to the same picture), "svg", "png" or "pdf". The options add node size by a measure
 * (area proportional), colour by community or attribute, edge width by amount, grayscale, a
 * theme file, a caption, a size and a font; the measures come from sg_analyse() run here, in the
 * calling process (seeded: the same figure every time). An SVG gets a <title> and <desc>, a
 * <title> of human text on each node, edge and legend row (the label; "Funding from A to B";
 * "Legend: Funding"; none on the whole drawing's group) and a tooltip per node (label, type,
 * measures). On success stores a new buffer of
 * `*size` bytes in `*data` (free with sg_render_free()). Returns SG_EINVAL for an unknown format,
 * SG_ELIB when Graphviz fails (its message in `diag`), SG_ENOMEM.
 */
int sg_render(const sg_graph *g, const sg_render_options *opts, const char *format, char **data,
              size_t *size, sg_diag *diag);
void sg_render_free(char *data);
/** Finds a figure format by name or file extension ("svg", ".svg", "dot" -> "gv"); NULL if none. */
const char *sg_render_format_find(const char *name_or_extension);
/** Finds a layout engine by name, in any case: "auto" (also for NULL), "dot", "neato", "fdp",
 * "sfdp", "circo" or "twopi" (static strings); NULL if none. */
const char *sg_render_engine_find(const char *name);
/**
 * The engine sg_render() lays `g` out with for `engine` (as sg_render_options.engine): that
 * engine, or for "auto" and NULL, while nodes + edges are at most 700: dot (left to right) for
 * a directed graph, where dot takes about 3 s at most (measured: README.md, Figures), neato for
 * an undirected one (no flow to rank); sfdp beyond. NULL for an unknown engine.
 */
const char *sg_render_engine_pick(const sg_graph *g, const char *engine);

/** Options of the stakeholder grid. Zero-initialise, then set what you need. */
typedef struct {
    const char *x_attr; /**< node attribute of the horizontal axis (interest); NULL: "interest" */
    const char *y_attr; /**< node attribute of the vertical axis (power); NULL: "influence" */
    const char *title;  /**< as sg_render_options.title; SVG <title> "Power/interest grid"
                             when neither is set */
    int dpi;            /**< as sg_render_options.dpi */
    const char *caption; /**< as sg_render_options.caption: a line under the grid, and the
                              start of the SVG's <desc> */
    const char *font;   /**< as sg_render_options.font (NULL: DejaVu Sans), checked the same */
    int grayscale;      /**< as sg_render_options.grayscale: 1, markers and legend in the
                             grays that draw gives the types (a gray per colour) */
    const char *theme_path; /**< as sg_render_options.theme_path: the types' fills and shapes
                                 from a theme file; NULL: the built-in theme */
    double width, height; /**< as sg_render_options.width and height: the grid fits within
                               width x height inches, keeping its aspect; 0: no limit */
    double scale_min, scale_max; /**< the rating scale of both axes when scale_max >
                                      scale_min (a value outside it is SG_EINVAL); else each
                                      axis runs over the narrowest of the common scales 1 to 5,
                                      1 to 10, 0 to 10 and 0 to 100 that holds its values, or
                                      from its smallest to its largest value when none does */
} sg_grid_options;

/**
 * Draws Mendelow's power/interest grid of `g` (A. L. Mendelow, "Environmental scanning: the
 * impact of the stakeholder concept", ICIS 1981): each node with numeric values of both
 * attributes placed by them (each axis over its rating scale, `scale_min` and `scale_max`; nodes
 * with the same values in a small block around their point, markers that would overlap moved
 * apart within their quadrant), in four quadrants split at the
 * middle of each axis: manage closely (high power, high interest), keep satisfied (high power,
 * low interest), keep informed (low power, high interest), monitor (low, low). The quadrants'
 * captions stand in bands along the top and bottom of the plot where no node is placed.
 * Colour and shape by `type` as in sg_render() (the same theme file, grayscale and size
 * options, applied by the same code), a legend of the types present. Each label
 * stands beside its node at the nearest place clear of every node, caption and other label
 * (with a leader line when that place is not next to it; a warning when the grid is too
 * crowded for any clear place). The print rule of sg_render(): `width` and `height` as there;
 * without them the figure records 16 cm wide (at most 24 cm tall) when larger, and its texts
 * are enlarged (at most twice) until they print at 7 points or more at that size, its title at
 * 9; the legend stands below the plot or beside it, whichever prints the plot larger. Every
 * node pinned, drawn by neato without a layout of its own
 * (`nop`); "gv" is that DOT with every position (`dot -Tsvg` draws the same grid). SVG: a
 * <title> and a <desc> (caption, axes and ranges, the stakeholders of each quadrant, a value
 * at the middle counting as high). Warnings as sg_render()'s for a font that is not installed
 * or lacks characters of the texts. Nodes without both values are left out, listed in a
 * warning. Formats, result and errors as sg_render() (free with sg_render_free()); SG_EINVAL
 * also when no node has both values (the error names the attributes the nodes have) and for
 * a bad font name; a theme file's error as sg_render() (SG_EINVAL, SG_EIO). The Graphviz
 * work runs in a contained child process: a Graphviz crash is SG_ELIB.
 */
int sg_grid_render(const sg_graph *g, const sg_grid_options *opts, const char *format,
                   char **data, size_t *size, sg_diag *diag);

#ifdef __cplusplus
}
#endif

#endif /* STAKEGRAPH_H */
