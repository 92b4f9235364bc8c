/*
 * The CSV reader: its RFC 4180 tokeniser on inline text (quotes, line breaks, CR/CRLF/LF,
 * blank, short and wide rows, positions of errors), the column rules (Gephi, Kumu, plain
 * words), numbers of European exports, encodings, and the cases of shared/cases (copied into
 * tests/data/cases) with the right values given there. Also: a table as Excel saves it in a
 * Turkish setting loads the same graph (the same report bytes) as its comma/UTF-8 version, in
 * the C locale and under tr_TR.UTF-8.
 *
 * SG_TEST_DATA names the tests/data folder (Meson sets it; "." otherwise).
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stakegraph.h"

/* ---------------------------------------------------------------------------------------- */
/* Helpers                                                                                  */

#include "test_data.h"

/* Reads the tables tests/data/edges (and tests/data/nodes when not NULL) with `opts` (may be
 * NULL). Returns the status; the graph in *g (NULL on failure), the messages in *d. */
static int read_files(const char *edges, const char *nodes, const sg_read_options *opts,
                      sg_graph **g, sg_diag **d) {
    sg_read_options o = opts ? *opts : (sg_read_options){0};
    char *ep = data_path(edges);
    char *np = nodes ? data_path(nodes) : NULL;
    o.nodes_path = np;
    *d = sg_diag_new();
    assert_non_null(*d);
    int rc = sg_read_file(ep, &o, g, *d);
    free(ep);
    free(np);
    return rc;
}

/* Reads inline tables (nodes may be NULL) with sg_read_csv(). */
static int read_text(const char *edges, const char *nodes, const sg_read_options *opts,
                     sg_graph **g, sg_diag **d) {
    *d = sg_diag_new();
    assert_non_null(*d);
    return sg_read_csv(edges, strlen(edges), "e.csv", nodes, nodes ? strlen(nodes) : 0,
                       nodes ? "n.csv" : NULL, opts, g, *d);
}

static sg_graph *text_ok(const char *edges, const char *nodes, const sg_read_options *opts) {
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    int rc = read_text(edges, nodes, opts, &g, &d);
    if (rc != SG_OK) {
        sg_diag_print(d, stderr);
        fail_msg("reading failed with %d", rc);
    }
    assert_non_null(g);
    sg_diag_free(d);
    return g;
}

static sg_graph *files_ok(const char *edges, const char *nodes, const sg_read_options *opts) {
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    int rc = read_files(edges, nodes, opts, &g, &d);
    if (rc != SG_OK) {
        sg_diag_print(d, stderr);
        fail_msg("reading %s failed with %d", edges, rc);
    }
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 0);
    sg_diag_free(d);
    return g;
}

/* The number of messages of `severity` at line/column (0: any) whose text holds `part`. */
static size_t count_messages(const sg_diag *d, sg_severity severity, long line, long col,
                             const char *part) {
    size_t n = 0;
    for (size_t i = 0; i < sg_diag_count(d); i++) {
        const sg_message *m = sg_diag_get(d, i);
        if (m->severity == severity && (!line || m->line == line) && (!col || m->column == col) &&
            strstr(m->text, part))
            n++;
    }
    return n;
}

static void expect_message(const sg_diag *d, sg_severity severity, long line, long col,
                           const char *part) {
    if (count_messages(d, severity, line, col, part) != 1) {
        sg_diag_print(d, stderr);
        fail_msg("no single %s at %ld:%ld with '%s'", severity == SG_ERROR ? "error" : "warning",
                 line, col, part);
    }
}

static const char *weight_of(const sg_graph *g, size_t e) {
    return sg_graph_attr(g, SG_ON_EDGE, e, "weight");
}

static const char *id_of(const sg_graph *g, size_t n) {
    return sg_graph_node_id(g, n);
}

static void expect_edge(const sg_graph *g, size_t e, const char *source, const char *target) {
    assert_string_equal(id_of(g, sg_graph_edge_source(g, e)), source);
    assert_string_equal(id_of(g, sg_graph_edge_target(g, e)), target);
}

/* The CSV centrality report of `g`, newly allocated. */
static char *report_of(const sg_graph *g) {
    sg_analysis *a = NULL;
    sg_diag *d = sg_diag_new();
    sg_analysis_options ao = {0};
    assert_int_equal(sg_analyse(g, &ao, &a, d), SG_OK);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(sg_report_write(g, a, d, "csv", NULL, f), SG_OK);
    assert_int_equal(fclose(f), 0);
    sg_analysis_free(a);
    sg_diag_free(d);
    return text;
}

/* ---------------------------------------------------------------------------------------- */
/* Tokeniser                                                                                */

static void test_quoted_cells(void **state) {
    (void)state;
    sg_graph *g = text_ok("Source,Target,Note\n"
                          "\"A, Ltd\",B,\"say \"\"hi\"\"\"\n"
                          "B,\"C\nD\",\"\"\n",
                          NULL, NULL);
    assert_int_equal(sg_graph_node_count(g), 3);
    assert_int_equal(sg_graph_edge_count(g), 2);
    assert_string_equal(id_of(g, 0), "A, Ltd");
    assert_string_equal(id_of(g, 2), "C\nD");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "Note"), "say \"hi\"");
    assert_null(sg_graph_attr(g, SG_ON_EDGE, 1, "Note")); /* "" sets nothing */
    sg_graph_free(g);
}

static void test_line_ends(void **state) {
    (void)state;
    /* LF, CRLF and CR alone (old Mac) all end a row; a CRLF inside quotes becomes "\n". */
    const char *texts[] = {"Source,Target\nA,B\nB,C\n", "Source,Target\r\nA,B\r\nB,C\r\n",
                           "Source,Target\rA,B\rB,C", "Source,Target\r\nA,B\r\n\r\nB,C"};
    for (size_t k = 0; k < 4; k++) {
        sg_graph *g = text_ok(texts[k], NULL, NULL);
        assert_int_equal(sg_graph_node_count(g), 3);
        assert_int_equal(sg_graph_edge_count(g), 2);
        expect_edge(g, 1, "B", "C");
        sg_graph_free(g);
    }
    sg_graph *g = text_ok("Id,Label\r\nA,\"one\r\ntwo\"\r\n", NULL, NULL);
    assert_string_equal(sg_graph_node_label(g, 0), "one\ntwo");
    sg_graph_free(g);
}

static void test_blank_short_and_wide_rows(void **state) {
    (void)state;
    /* Blank rows and rows of empty cells are skipped; a short row gets empty cells; extra
     * empty cells (trailing empty columns) are fine. */
    sg_graph *g = text_ok("Source,Target,Weight,,\n\n,,,,\nA,B\nB,C,5,,\n\n", NULL, NULL);
    assert_int_equal(sg_graph_edge_count(g), 2);
    assert_null(weight_of(g, 0));
    assert_string_equal(weight_of(g, 1), "5");
    sg_graph_free(g);
}

static void test_tokeniser_errors(void **state) {
    (void)state;
    sg_graph *g = (sg_graph *)1;
    sg_diag *d = NULL;
    /* A quote never closed: the error names where it was opened (line 3, column 3). */
    assert_int_equal(read_text("Source,Target\nA,B\nB,\"C\nD,E\n", NULL, NULL, &g, &d), SG_EPARSE);
    assert_null(g);
    expect_message(d, SG_ERROR, 3, 3, "never closed");
    sg_diag_free(d);
    /* Text after a closing quote: line 2, column 6 (in characters: ğ is one). */
    assert_int_equal(read_text("Source,Target\nğ,\"B\"x\n", NULL, NULL, &g, &d), SG_EPARSE);
    expect_message(d, SG_ERROR, 2, 6, "after the closing quote");
    sg_diag_free(d);
    /* Too many cells, reported on every such row, with the column of the first extra one. */
    assert_int_equal(read_text("Source,Target\nA,B,C\nB,C\nC,D,,E\n", NULL, NULL, &g, &d),
                     SG_EINVAL);
    expect_message(d, SG_ERROR, 2, 5, "expected 2 fields, found 3");
    expect_message(d, SG_ERROR, 4, 6, "expected 2 fields, found 4");
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 2);
    sg_diag_free(d);
}

static void test_delimiters(void **state) {
    (void)state;
    sg_graph *g = text_ok("Source\tTarget\tWeight\nA, Inc\tB; Ltd\t1.5\n", NULL, NULL);
    assert_string_equal(id_of(g, 0), "A, Inc");
    assert_string_equal(id_of(g, 1), "B; Ltd");
    assert_string_equal(weight_of(g, 0), "1.5");
    sg_graph_free(g);
    g = text_ok("Source|Target\nA|B\n", NULL, &(sg_read_options){.delimiter = '|'});
    expect_edge(g, 0, "A", "B");
    sg_graph_free(g);
    /* A ';' inside quotes in the header does not count. */
    g = text_ok("\"Source;x\",Target,Source\nA,B,C\n", NULL, NULL);
    assert_int_equal(sg_graph_edge_count(g), 1);
    expect_edge(g, 0, "C", "B");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "Source;x"), "A");
    sg_graph_free(g);
}

/* ---------------------------------------------------------------------------------------- */
/* Columns                                                                                  */

static void test_gephi_tables(void **state) {
    (void)state;
    const char *nodes = "Id,Label,Type,Sector\nA,Alpha,donor,public\nB,Beta,,\nC,Gamma,ngo,\n";
    const char *edges = "Source,Target,Type,Id,Label,Weight\nA,B,Undirected,0,x,2\n"
                        "B,C,Undirected,1,,3\n";
    sg_graph *g = text_ok(edges, nodes, NULL);
    assert_int_equal(sg_graph_directed(g), 0);
    assert_string_equal(sg_graph_node_label(g, 0), "Alpha");
    assert_string_equal(sg_graph_node_type(g, 2), "ngo");
    assert_string_equal(sg_graph_node_type(g, 1), "");
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 0, "Sector"), "public");
    assert_string_equal(sg_graph_edge_relation(g, 0), ""); /* Type was the direction */
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "label"), "x");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 1, "Id"), "1");
    assert_string_equal(weight_of(g, 1), "3");
    sg_graph_free(g);
    /* Directed in every row: directed. Mixed: directed, with a warning. */
    g = text_ok("Source,Target,Type\nA,B,Directed\n", NULL, NULL);
    assert_int_equal(sg_graph_directed(g), 1);
    sg_graph_free(g);
    sg_diag *d = NULL;
    assert_int_equal(
        read_text("Source,Target,Type\nA,B,Directed\nB,C,Undirected\n", NULL, NULL, &g, &d), SG_OK);
    assert_int_equal(sg_graph_directed(g), 1);
    expect_message(d, SG_WARNING, 0, 0, "1 of 2 edges say Type Undirected");
    sg_graph_free(g);
    sg_diag_free(d);
    /* --undirected */
    g = text_ok("Source,Target\nA,B\n", NULL, &(sg_read_options){.undirected = 1});
    assert_int_equal(sg_graph_directed(g), 0);
    sg_graph_free(g);
}

static void test_relation_and_type_columns(void **state) {
    (void)state;
    /* Relation wins; the Type column is then kept as an attribute `type`. */
    sg_graph *g = text_ok("From,To,Relation,TYPE,Year\nA,B, funding ,grant,2021\n", NULL, NULL);
    assert_string_equal(sg_graph_edge_relation(g, 0), "funding");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "type"), "grant");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "year"), "2021");
    sg_graph_free(g);
}

static void test_weight_columns(void **state) {
    (void)state;
    /* The first of weight, amount, strength, value; --weight names another. */
    sg_graph *g = text_ok("Source,Target,Value,Amount\nA,B,1,200\n", NULL, NULL);
    assert_string_equal(weight_of(g, 0), "200");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "Value"), "1");
    sg_graph_free(g);
    g = text_ok("Source,Target,Amount,Participants\nA,B,\"1,000\",12\n", NULL,
                &(sg_read_options){.weight_attr = "participants"});
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "participants"), "12");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, 0, "Amount"), "1,000");
    assert_null(weight_of(g, 0));
    sg_graph_free(g);
    sg_diag *d = NULL;
    assert_int_equal(read_text("Source,Target,Amount\nA,B,1\n", NULL,
                               &(sg_read_options){.weight_attr = "people"}, &g, &d),
                     SG_EINVAL);
    expect_message(d, SG_ERROR, 1, 1, "no column 'people'");
    sg_diag_free(d);
}

static void test_nodes_table_alone(void **state) {
    (void)state;
    /* An Id column and no Source/Target: a graph without links. */
    sg_graph *g = text_ok("Id,Label\nA,Alpha\nB,Beta\n", NULL, NULL);
    assert_int_equal(sg_graph_node_count(g), 2);
    assert_int_equal(sg_graph_edge_count(g), 0);
    assert_string_equal(sg_graph_node_label(g, 1), "Beta");
    sg_graph_free(g);
    /* Kumu's elements: Label is the key. */
    g = text_ok("Label,Type,Description\nAlpha Fund,donor,a fund\n", NULL, NULL);
    assert_string_equal(id_of(g, 0), "Alpha Fund");
    assert_string_equal(sg_graph_node_type(g, 0), "donor");
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 0, "Description"), "a fund");
    sg_graph_free(g);
    sg_diag *d = NULL;
    assert_int_equal(read_text("Name,Sector\nA,x\n", NULL, NULL, &g, &d), SG_EINVAL);
    expect_message(d, SG_ERROR, 1, 1, "needs an Id column");
    sg_diag_free(d);
}

static void test_node_errors(void **state) {
    (void)state;
    sg_graph *g = (sg_graph *)1;
    sg_diag *d = NULL;
    const char *nodes = "Id,Label\nA,Alpha\nB,Beta\n A ,Again\n,Nobody\n";
    assert_int_equal(read_text("Source,Target\nA,B\n", nodes, NULL, &g, &d), SG_EINVAL);
    assert_null(g);
    expect_message(d, SG_ERROR, 4, 1, "duplicate node id 'A' (first on line 2)");
    expect_message(d, SG_ERROR, 5, 1, "empty node id");
    sg_diag_free(d);
    /* Every unknown id, each at its cell. */
    nodes = "Id\nA\nB\n";
    assert_int_equal(read_text("Source,Target\nA,X\nY,B\nA,B\n", nodes, NULL, &g, &d), SG_EINVAL);
    expect_message(d, SG_ERROR, 2, 3, "unknown node 'X' in column Target: it is not in n.csv");
    expect_message(d, SG_ERROR, 3, 1, "unknown node 'Y' in column Source");
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 2);
    sg_diag_free(d);
    /* --create-missing adds them, in order of first appearance, with one warning. */
    assert_int_equal(read_text("Source,Target\nA,X\nY,B\nX,Y\n", nodes,
                               &(sg_read_options){.create_missing = 1}, &g, &d),
                     SG_OK);
    assert_int_equal(sg_graph_node_count(g), 4);
    assert_string_equal(id_of(g, 2), "X");
    assert_string_equal(id_of(g, 3), "Y");
    assert_int_equal(sg_graph_edge_count(g), 3);
    expect_message(d, SG_WARNING, 0, 0,
                   "2 node ids of the edges are not in n.csv and were "
                   "added (--create-missing): X, Y");
    sg_graph_free(g);
    sg_diag_free(d);
}

/* ---------------------------------------------------------------------------------------- */
/* Numbers                                                                                  */

static void test_number_forms(void **state) {
    (void)state;
    /* Comma table: '.' decimal; quoted grouped thousands; exponent; spaces around. */
    sg_graph *g = text_ok("Source,Target,Weight\nA,B,\"1,234,567.25\"\nA,C, 1e3 \nA,D,0.1\n"
                          "A,E,+7\nA,F,0\nA,G,.5\n",
                          NULL, NULL);
    assert_string_equal(weight_of(g, 0), "1234567.25");
    assert_string_equal(weight_of(g, 1), "1000");
    assert_string_equal(weight_of(g, 2), "0.1");
    assert_string_equal(weight_of(g, 3), "7");
    assert_string_equal(weight_of(g, 4), "0"); /* zero: a known amount of nothing */
    assert_string_equal(weight_of(g, 5), "0.5");
    sg_graph_free(g);
    /* Semicolon table without evidence: decimal comma, so "1.500" is 1500 (with a warning). */
    sg_diag *d = NULL;
    assert_int_equal(read_text("Source;Target;Amount\nA;B;1.500\n", NULL, NULL, &g, &d), SG_OK);
    assert_string_equal(weight_of(g, 0), "1500");
    expect_message(d, SG_WARNING, 2, 0, "'1.500' read as 1500");
    sg_graph_free(g);
    sg_diag_free(d);
    /* Forced marks. */
    g = text_ok("Source;Target;Weight\nA;B;1.500\n", NULL, &(sg_read_options){.decimal = '.'});
    assert_string_equal(weight_of(g, 0), "1.5");
    sg_graph_free(g);
    g = text_ok("Source\tTarget\tWeight\nA\tB\t1 200 000,5\n", NULL,
                &(sg_read_options){.thousands = ' ', .decimal = ','});
    assert_string_equal(weight_of(g, 0), "1200000.5");
    sg_graph_free(g);
    /* Both marks used as decimal in one column: an error asking for --decimal. */
    assert_int_equal(read_text("Source;Target;Weight\nA;B;1.5\nB;C;2,25\n", NULL, NULL, &g, &d),
                     SG_EINVAL);
    expect_message(d, SG_ERROR, 3, 0, "'.' on line 2");
    sg_diag_free(d);
    /* Bad groups and bad words. */
    assert_int_equal(read_text("Source,Target,Weight\nA,B,\"1,2,3\"\nA,C,inf\nA,D,12abc\n"
                               "A,E,0x10\n",
                               NULL, NULL, &g, &d),
                     SG_EINVAL);
    expect_message(d, SG_ERROR, 2, 5,
                   "weight '1,2,3' in column Weight: not a number with '.' as decimal");
    expect_message(d, SG_ERROR, 3, 5, "infinite");
    expect_message(d, SG_ERROR, 4, 5, "not a number");
    expect_message(d, SG_ERROR, 5, 5, "not a number");
    sg_diag_free(d);
    assert_int_equal(read_text("Source,Target,Weight\nA,B,1\n", NULL,
                               &(sg_read_options){.decimal = ',', .thousands = ','}, &g, &d),
                     SG_EINVAL);
    sg_diag_free(d);
}

/* ---------------------------------------------------------------------------------------- */
/* Encodings                                                                                */

static void test_not_utf8(void **state) {
    (void)state;
    sg_graph *g = (sg_graph *)1;
    sg_diag *d = NULL;
    /* "Köy" in latin1 on line 3: the byte 0xF6 is column 4 (after "A,K"). */
    assert_int_equal(read_text("Source,Target\nA,B\nA,K\xf6y\n", NULL, NULL, &g, &d), SG_EPARSE);
    assert_null(g);
    expect_message(d, SG_ERROR, 3, 4, "byte 0xF6 is not UTF-8 text");
    expect_message(d, SG_ERROR, 3, 4, "--encoding");
    sg_diag_free(d);
    /* Overlong and surrogate forms are not UTF-8 either. */
    assert_int_equal(read_text("Id\n\xc0\xaf\n", NULL, NULL, &g, &d), SG_EPARSE);
    sg_diag_free(d);
    assert_int_equal(read_text("Id\n\xed\xa0\x80\n", NULL, NULL, &g, &d), SG_EPARSE);
    sg_diag_free(d);
    /* With the encoding named it reads. */
    g = text_ok("Id,Label\nK,K\xf6y \xdd\xfe\n", NULL, &(sg_read_options){.encoding = "latin1"});
    assert_string_equal(sg_graph_node_label(g, 0), "Köy Ýþ");
    sg_graph_free(g);
    g = text_ok("Id,Label\nK,K\xf6y \xdd\xfe\n", NULL,
                &(sg_read_options){.encoding = "windows-1254"});
    assert_string_equal(sg_graph_node_label(g, 0), "Köy İş");
    sg_graph_free(g);
    assert_int_equal(
        read_text("Id\nA\n", NULL, &(sg_read_options){.encoding = "klingon-8"}, &g, &d), SG_EINVAL);
    expect_message(d, SG_ERROR, 0, 0, "unknown encoding 'klingon-8'");
    sg_diag_free(d);
}

static void test_utf16_with_mark(void **state) {
    (void)state;
    /* Excel's "Unicode text": UTF-16LE with a byte-order mark, tab-separated. */
    const char text[] = "\xff\xfeI\0d\0\t\0L\0a\0b\0e\0l\0\n\0A\0\t\0\x1f\x01\n\0";
    sg_diag *d = sg_diag_new();
    sg_graph *g = NULL;
    assert_int_equal(sg_read_csv(text, sizeof text - 1, "u.txt", NULL, 0, NULL, NULL, &g, d),
                     SG_OK);
    assert_string_equal(id_of(g, 0), "A");
    assert_string_equal(sg_graph_node_label(g, 0), "ğ");
    sg_graph_free(g);
    sg_diag_free(d);
}

/* ---------------------------------------------------------------------------------------- */
/* shared/cases                                                                             */

static void test_R01_keyword_ids(void **state) {
    (void)state;
    sg_graph *g =
        files_ok("cases/R01-keyword-ids-edges.csv", "cases/R01-keyword-ids-nodes.csv", NULL);
    assert_int_equal(sg_graph_node_count(g), 5);
    assert_int_equal(sg_graph_edge_count(g), 4);
    const char *ids[] = {"Node", "EDGE", "Graph", "strict", "Subgraph"};
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(id_of(g, i), ids[i]);
    assert_string_equal(sg_graph_node_label(g, 0), "Node Sosyal Girişim Ağı");
    expect_edge(g, 2, "strict", "Graph");
    assert_string_equal(sg_graph_edge_relation(g, 2), "beneficiary");
    sg_graph_free(g);
}

static void test_R04_backslash_names(void **state) {
    (void)state;
    sg_graph *g = files_ok("cases/R04-backslash-names-edges.csv",
                           "cases/R04-backslash-names-nodes.csv", NULL);
    assert_int_equal(sg_graph_node_count(g), 4);
    assert_int_equal(sg_graph_edge_count(g), 3);
    assert_string_equal(sg_graph_node_label(g, 0), "Arşiv\\new Birimi");
    assert_string_equal(sg_graph_node_label(g, 1), "Fon\\Nord");
    assert_string_equal(sg_graph_node_label(g, 2), "Kurum\\G Ofisi");
    assert_string_equal(sg_graph_node_label(g, 3), "Yol C:\\");
    sg_graph_free(g);
}

static void test_R12_bom(void **state) {
    (void)state;
    sg_graph *g = files_ok("cases/R12-bom-edges.csv", "cases/R12-bom-nodes.csv", NULL);
    assert_int_equal(sg_graph_node_count(g), 3);
    assert_int_equal(sg_graph_edge_count(g), 2);
    assert_string_equal(id_of(g, 0), "KKF");
    assert_string_equal(sg_graph_node_label(g, 1), "Ayçiçeği Köy Kooperatifi");
    assert_string_equal(sg_graph_node_type(g, 2), "implementer"); /* no "\r" left */
    assert_string_equal(weight_of(g, 0), "250000");
    assert_string_equal(weight_of(g, 1), "60000");
    sg_graph_free(g);
}

static void test_R13_semicolon_decimal_comma(void **state) {
    (void)state;
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    assert_int_equal(read_files("cases/R13-semicolon-decimal-comma-edges.csv", NULL, NULL, &g, &d),
                     SG_OK);
    assert_int_equal(sg_graph_node_count(g), 4);
    assert_int_equal(sg_graph_edge_count(g), 3);
    assert_string_equal(id_of(g, 0), "Kuzeyyaka Kalkınma Fonu");
    assert_string_equal(id_of(g, 3), "Köy Okulu; Aile Birliği");
    assert_string_equal(weight_of(g, 0), "1200000.5");
    assert_string_equal(weight_of(g, 1), "85000");
    assert_string_equal(weight_of(g, 2), "0.75");
    assert_string_equal(sg_graph_edge_relation(g, 2), "implementation");
    expect_message(d, SG_WARNING, 3, 0, "'85.000' read as 85000");
    sg_graph_free(g);
    sg_diag_free(d);
}

static void test_R14_thousands_separator(void **state) {
    (void)state;
    sg_graph *g = (sg_graph *)1;
    sg_diag *d = NULL;
    assert_int_equal(read_files("cases/R14-thousands-separator-edges.csv", NULL, NULL, &g, &d),
                     SG_EINVAL);
    assert_null(g);
    /* Line 5 "...,implementation,1,5": the fifth field starts at character 51. */
    expect_message(d, SG_ERROR, 5, 51, "expected 4 fields, found 5");
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 1);
    expect_message(d, SG_WARNING, 3, 0, "'610,086' read as 610086");
    sg_diag_free(d);
    /* The first four lines alone load, with the right weights. */
    char *path = data_path("cases/R14-thousands-separator-edges.csv");
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char text[1024];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    free(path);
    text[n] = '\0';
    char *line5 = strstr(text, "Dağeteği Kadın Derneği,Köy");
    assert_non_null(line5);
    *line5 = '\0';
    g = text_ok(text, NULL, NULL);
    assert_int_equal(sg_graph_edge_count(g), 3);
    assert_string_equal(weight_of(g, 0), "1200000");
    assert_string_equal(weight_of(g, 1), "610086");
    assert_string_equal(weight_of(g, 2), "1200000");
    sg_graph_free(g);
    /* --thousands , says it outright: no warning. */
    assert_int_equal(read_text(text, NULL, &(sg_read_options){.thousands = ','}, &g, &d), SG_OK);
    assert_int_equal(count_messages(d, SG_WARNING, 0, 0, "read as"), 0);
    sg_graph_free(g);
    sg_diag_free(d);
}

static void test_R15_embedded_newlines(void **state) {
    (void)state;
    sg_graph *g = files_ok("cases/R15-embedded-newlines-edges.csv",
                           "cases/R15-embedded-newlines-nodes.csv", NULL);
    assert_int_equal(sg_graph_node_count(g), 3);
    assert_int_equal(sg_graph_edge_count(g), 2);
    assert_string_equal(sg_graph_node_label(g, 0), "Kuzeyyaka Kalkınma\nFonu");
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 0, "Notes"),
                        "Merkez: Yeşilyamaç, Şube: Akçaburun");
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, 1, "Notes"),
                        "Satır bir\nSatır iki, \"tırnaklı\" not");
    assert_null(sg_graph_attr(g, SG_ON_NODE, 2, "Notes"));
    sg_graph_free(g);
    /* Records start on physical lines 2, 4 and 6: a duplicate id in the third is line 6, an
     * unknown id in the edges is reported where it stands. */
    const char *nodes = "Id,Label,Type,Notes\n"
                        "KKF,\"Kuzeyyaka Kalkınma\nFonu\",funder,\"x\"\n"
                        "ADK,Ayçiçeği,beneficiary,\"Satır bir\nSatır iki, \"\"t\"\" not\"\n"
                        "KKF,Dağeteği,implementer,\n";
    sg_diag *d = NULL;
    assert_int_equal(read_text("Source,Target\nKKF,ADK\nADK,\"Z\nZ\"\n", nodes, NULL, &g, &d),
                     SG_EINVAL);
    expect_message(d, SG_ERROR, 6, 1, "duplicate node id 'KKF' (first on line 2)");
    expect_message(d, SG_ERROR, 3, 5, "unknown node 'Z\nZ'");
    sg_diag_free(d);
}

static void test_R16_crlf(void **state) {
    (void)state;
    sg_graph *g = files_ok("cases/R16-crlf-edges.csv", NULL, NULL);
    assert_int_equal(sg_graph_node_count(g), 3);
    assert_int_equal(sg_graph_edge_count(g), 3);
    expect_edge(g, 0, "KKF", "DKD");
    expect_edge(g, 1, "DKD", "ADK");
    expect_edge(g, 2, "ADK", "KKF");
    assert_string_equal(sg_graph_edge_relation(g, 2), "reporting");
    sg_graph_free(g);
    g = files_ok("cases/R16-crlf-weights-edges.csv", NULL, NULL);
    assert_int_equal(sg_graph_node_count(g), 3);
    assert_string_equal(id_of(g, 1), "DKD");
    assert_string_equal(weight_of(g, 0), "250000");
    assert_string_equal(weight_of(g, 1), "60000");
    sg_graph_free(g);
}

static void test_R18_headers(void **state) {
    (void)state;
    /* Under tr_TR.UTF-8, where a locale-aware tolower('I') is not 'i'. */
    char *old = strdup(setlocale(LC_ALL, NULL));
    assert_non_null(setlocale(LC_ALL, "tr_TR.UTF-8"));
    sg_graph *g = files_ok("cases/R18-header-case-spaces-edges.csv", NULL, NULL);
    assert_int_equal(sg_graph_node_count(g), 3);
    assert_int_equal(sg_graph_edge_count(g), 2);
    expect_edge(g, 0, "KKF", "DKD");
    assert_string_equal(weight_of(g, 0), "250000");
    assert_string_equal(weight_of(g, 1), "60000");
    assert_string_equal(sg_graph_edge_relation(g, 1), "implementation");
    sg_graph_free(g);
    g = files_ok("cases/R18-kumu-style-connections.csv", NULL, NULL);
    assert_int_equal(sg_graph_node_count(g), 3);
    expect_edge(g, 1, "Dağeteği Kadın Derneği", "Ayçiçeği Köy Kooperatifi");
    assert_string_equal(weight_of(g, 0), "3");
    assert_string_equal(weight_of(g, 1), "2");
    assert_string_equal(sg_graph_edge_relation(g, 0), "funding");
    sg_graph_free(g);
    g = files_ok("cases/R18-uppercase-headers-nodes.csv", NULL, NULL);
    assert_int_equal(sg_graph_node_count(g), 2);
    assert_int_equal(sg_graph_edge_count(g), 0);
    assert_string_equal(sg_graph_node_label(g, 1), "Dağeteği Kadın Derneği");
    assert_string_equal(sg_graph_node_type(g, 0), "funder");
    sg_graph_free(g);
    g = files_ok("cases/R18-header-case-spaces-edges.csv", "cases/R18-uppercase-headers-nodes.csv",
                 &(sg_read_options){.create_missing = 1});
    assert_int_equal(sg_graph_node_count(g), 3);
    assert_string_equal(sg_graph_node_label(g, 0), "Kuzeyyaka Kalkınma Fonu");
    sg_graph_free(g);
    setlocale(LC_ALL, old);
    free(old);
}

static void test_R20_invalid_weights(void **state) {
    (void)state;
    sg_graph *g = (sg_graph *)1;
    sg_diag *d = NULL;
    assert_int_equal(read_files("cases/R20-invalid-weights-edges.csv", NULL, NULL, &g, &d),
                     SG_EINVAL);
    assert_null(g);
    expect_message(d, SG_ERROR, 4, 24, "weight 'NaN' in column Weight: NaN is not an amount");
    expect_message(d, SG_ERROR, 5, 19, "weight '-5' in column Weight: a negative amount");
    expect_message(d, SG_ERROR, 7, 17, "weight 'n/a' in column Weight: not a number");
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 3); /* not lines 3 (empty), 6 (0) */
    sg_diag_free(d);
    /* Without the bad rows: the empty weight is unknown, zero is a known 0. */
    g = text_ok("Source,Target,Type,Weight\nKKF,DKD,funding,250000\nDKD,ADK,implementation,\n"
                "KKF,ADK,funding,0\n",
                NULL, NULL);
    assert_string_equal(weight_of(g, 0), "250000");
    assert_null(weight_of(g, 1));
    assert_string_equal(weight_of(g, 2), "0");
    sg_graph_free(g);
}

static void test_R30_locale(void **state) {
    (void)state;
    sg_graph *g =
        files_ok("cases/R30-locale-nan-edges.csv", "cases/R30-locale-nan-nodes.csv", NULL);
    assert_int_equal(sg_graph_node_count(g), 5);
    assert_int_equal(sg_graph_edge_count(g), 4);
    const char *w[] = {"0.75", "1.5", "0.25", "2.5"};
    for (size_t e = 0; e < 4; e++)
        assert_string_equal(weight_of(g, e), w[e]);
    char *c_report = report_of(g);
    sg_graph_free(g);
    /* In strength from the report: 0.25, 0.75, 1.5, 2.5, 0 (shared/cases R30). */
    assert_non_null(strstr(c_report, "\nAKA,Akçaburun Kalkınma Ajansı,funder,1,2,3,0.25,3.25,"));
    assert_non_null(strstr(c_report, "\nKOY,Köy Okulu,beneficiary,1,0,1,2.5,0,2.5,"));
    char *old = strdup(setlocale(LC_ALL, NULL));
    assert_non_null(setlocale(LC_ALL, "tr_TR.UTF-8"));
    g = files_ok("cases/R30-locale-nan-edges.csv", "cases/R30-locale-nan-nodes.csv", NULL);
    assert_string_equal(weight_of(g, 0), "0.75");
    char *tr_report = report_of(g);
    sg_graph_free(g);
    setlocale(LC_ALL, old);
    free(old);
    assert_string_equal(tr_report, c_report);
    free(c_report);
    free(tr_report);
}

/* ---------------------------------------------------------------------------------------- */
/* Spreadsheet exports                                                                      */

static void test_turkish_excel_export(void **state) {
    (void)state;
    /* tests/data/excel: the same tables as comma/UTF-8 and as Excel writes them in Türkiye
     * (';', decimal comma, thousands dot, CRLF, windows-1254). */
    sg_graph *g = files_ok("excel/utf8-edges.csv", "excel/utf8-nodes.csv", NULL);
    assert_string_equal(weight_of(g, 0), "1200000.5");
    assert_string_equal(weight_of(g, 4), "1250.25");
    char *reference = report_of(g);
    sg_graph_free(g);
    sg_graph *bad = (sg_graph *)1;
    sg_diag *d = NULL;
    assert_int_equal(read_files("excel/cp1254-edges.csv", "excel/cp1254-nodes.csv", NULL, &bad, &d),
                     SG_EPARSE);
    expect_message(d, SG_ERROR, 2, 19, "byte 0xFD is not UTF-8 text");
    sg_diag_free(d);
    const char *locales[] = {"C", "tr_TR.UTF-8", "de_DE.UTF-8"};
    char *old = strdup(setlocale(LC_ALL, NULL));
    for (size_t k = 0; k < 3; k++) {
        assert_non_null(setlocale(LC_ALL, locales[k]));
        g = files_ok("excel/cp1254-edges.csv", "excel/cp1254-nodes.csv",
                     &(sg_read_options){.encoding = "windows-1254"});
        assert_string_equal(sg_graph_node_label(g, 1), "Dağeteği Kadın Derneği, Şube İzmir");
        assert_string_equal(weight_of(g, 1), "85000");
        assert_null(weight_of(g, 3));
        char *r = report_of(g);
        assert_string_equal(r, reference);
        free(r);
        sg_graph_free(g);
    }
    setlocale(LC_ALL, old);
    free(old);
    free(reference);
}

static void test_empty_inputs(void **state) {
    (void)state;
    sg_graph *g = (sg_graph *)1;
    sg_diag *d = sg_diag_new();
    assert_int_equal(sg_read_csv("", 0, "e.csv", NULL, 0, NULL, NULL, &g, d), SG_EINVAL);
    assert_null(g);
    expect_message(d, SG_ERROR, 0, 0, "empty file");
    sg_diag_free(d);
    /* A header alone: a graph with no nodes. */
    g = text_ok("Source,Target\r\n", NULL, NULL);
    assert_int_equal(sg_graph_node_count(g), 0);
    sg_graph_free(g);
    /* An edges table without a Target column. */
    assert_int_equal(read_text("Source,Weight\nA,1\n", NULL, NULL, &g, &d), SG_EINVAL);
    expect_message(d, SG_ERROR, 1, 1, "needs a Target column");
    sg_diag_free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoted_cells),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_blank_short_and_wide_rows),
        cmocka_unit_test(test_tokeniser_errors),
        cmocka_unit_test(test_delimiters),
        cmocka_unit_test(test_gephi_tables),
        cmocka_unit_test(test_relation_and_type_columns),
        cmocka_unit_test(test_weight_columns),
        cmocka_unit_test(test_nodes_table_alone),
        cmocka_unit_test(test_node_errors),
        cmocka_unit_test(test_number_forms),
        cmocka_unit_test(test_not_utf8),
        cmocka_unit_test(test_utf16_with_mark),
        cmocka_unit_test(test_R01_keyword_ids),
        cmocka_unit_test(test_R04_backslash_names),
        cmocka_unit_test(test_R12_bom),
        cmocka_unit_test(test_R13_semicolon_decimal_comma),
        cmocka_unit_test(test_R14_thousands_separator),
        cmocka_unit_test(test_R15_embedded_newlines),
        cmocka_unit_test(test_R16_crlf),
        cmocka_unit_test(test_R18_headers),
        cmocka_unit_test(test_R20_invalid_weights),
        cmocka_unit_test(test_R30_locale),
        cmocka_unit_test(test_turkish_excel_export),
        cmocka_unit_test(test_empty_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
