/*
 * The report writers (issue 7): JSON parsed back by a small checker, null for missing values,
 * string escaping; LaTeX escaping of each special character; HTML escaping; --sort, --rows,
 * --digits and --excel as exact bytes on a small graph; the options that are refused.
 *
 * The small graph: a -> b (weight 2), a -> c (1), b -> c (3), and d alone. Undirected view:
 * a, b, c form a triangle, so closeness is 1 for each and missing for d; harmonic is 2/3 for
 * a, b, c and 0 for d; strength (in + out) is a 3, b 5, c 4, d 0.
 */
#include <math.h>
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

static sg_graph *small_graph(const char *label_a, const char *type_a) {
    sg_graph *g = sg_graph_new(1);
    assert_non_null(g);
    const char *ids[] = {"a", "b", "c", "d"};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(sg_graph_add_node(g, ids[i], NULL), SG_OK);
    if (label_a)
        assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, 0, "label", label_a), SG_OK);
    if (type_a)
        assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, 0, "type", type_a), SG_OK);
    assert_int_equal(sg_graph_set_attr(g, SG_ON_NODE, 1, "label", "Beta; with, comma"), SG_OK);
    const size_t ends[3][2] = {{0, 1}, {0, 2}, {1, 2}};
    const char *weights[] = {"2", "1", "3"};
    for (size_t e = 0; e < 3; e++) {
        size_t k;
        assert_int_equal(sg_graph_add_edge(g, ends[e][0], ends[e][1], &k), SG_OK);
        assert_int_equal(sg_graph_set_attr(g, SG_ON_EDGE, k, "weight", weights[e]), SG_OK);
    }
    return g;
}

typedef struct {
    sg_graph *g;
    sg_analysis *a;
    sg_diag *d;
} fixture;

static fixture analyse(const char *label_a, const char *type_a, const char *measures) {
    fixture f = {small_graph(label_a, type_a), NULL, sg_diag_new()};
    sg_analysis_options ao = {.measures = measures};
    assert_int_equal(sg_analyse(f.g, &ao, &f.a, f.d), SG_OK);
    return f;
}

static void release(fixture *f) {
    sg_analysis_free(f->a);
    sg_graph_free(f->g);
    sg_diag_free(f->d);
}

/* The report as a NUL-terminated string (free with free()); asserts `want` as the status. */
static char *report(const fixture *f, const char *format, const sg_report_options *o, int want) {
    char *data = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&data, &len);
    assert_non_null(out);
    int rc = sg_report_write(f->g, f->a, f->d, format, o, out);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(rc, want);
    assert_int_equal(strlen(data), len); /* no NUL inside */
    return data;
}

static void assert_contains(const char *text, const char *part) {
    if (!strstr(text, part))
        fail_msg("expected to find\n%s\nin\n%s", part, text);
}

static size_t occurrences(const char *text, const char *part) {
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, part)) != NULL; p += strlen(part))
        n++;
    return n;
}

/* ---------------------------------------------------------------------------------------- */
/* A small JSON checker (RFC 8259): 1 when `s` is exactly one valid JSON value.             */

static const char *json_value(const char *s, int depth);

static const char *json_ws(const char *s) {
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return s;
}

static const char *json_str(const char *s) {
    if (*s++ != '"')
        return NULL;
    for (; *s != '"'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20)
            return NULL; /* control characters must be escaped (this includes the end) */
        if (c == '\\') {
            s++;
            if (*s == 'u') {
                for (int k = 1; k <= 4; k++)
                    if (!strchr("0123456789abcdefABCDEF", s[k]) || !s[k])
                        return NULL;
                s += 4;
            } else if (!*s || !strchr("\"\\/bfnrt", *s)) {
                return NULL;
            }
        }
    }
    return s + 1;
}

static const char *json_num(const char *s) {
    if (*s == '-')
        s++;
    if (*s == '0')
        s++;
    else if (*s >= '1' && *s <= '9')
        while (*s >= '0' && *s <= '9')
            s++;
    else
        return NULL;
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9'))
            return NULL;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return NULL;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return s;
}

static const char *json_value(const char *s, int depth) {
    if (depth > 64)
        return NULL;
    s = json_ws(s);
    if (*s == '{' || *s == '[') {
        char close = *s == '{' ? '}' : ']';
        s = json_ws(s + 1);
        if (*s == close)
            return s + 1;
        for (;;) {
            if (close == '}') {
                if (!(s = json_str(json_ws(s))))
                    return NULL;
                s = json_ws(s);
                if (*s++ != ':')
                    return NULL;
            }
            if (!(s = json_value(s, depth + 1)))
                return NULL;
            s = json_ws(s);
            if (*s == close)
                return s + 1;
            if (*s++ != ',')
                return NULL;
        }
    }
    if (*s == '"')
        return json_str(s);
    if (strncmp(s, "true", 4) == 0)
        return s + 4;
    if (strncmp(s, "false", 5) == 0)
        return s + 5;
    if (strncmp(s, "null", 4) == 0)
        return s + 4;
    return json_num(s);
}

static int json_valid(const char *s) {
    const char *end = json_value(s, 0);
    return end && *json_ws(end) == '\0';
}

static void test_json_checker(void **state) {
    (void)state;
    /* The checker itself: it must say no, or the JSON tests below could not fail. */
    assert_true(json_valid("{\"a\": [1, -2.5e3, true, null, \"x\\u00e7\"]}"));
    assert_false(json_valid("{\"a\": NaN}"));
    assert_false(json_valid("{\"a\": Infinity}"));
    assert_false(json_valid("{\"a\": 1,}"));
    assert_false(json_valid("{\"a\": \"tab\there\"}"));
    assert_false(json_valid("{\"a\": \"\\x\"}"));
    assert_false(json_valid("{\"a\": 01}"));
    assert_false(json_valid("[1] [2]"));
}

/* ---------------------------------------------------------------------------------------- */
/* JSON                                                                                     */

static void test_json_parses_and_nulls(void **state) {
    (void)state;
    fixture f = analyse(NULL, NULL, "in_degree,strength,closeness,harmonic");
    char *json = report(&f, "json", NULL, SG_OK);
    assert_true(json_valid(json));
    /* The generator block alone on the second line, then the schema name. */
    assert_true(
        strncmp(json, "{\n  \"generator\": {\"name\": \"stakegraph\", \"version\": \"", 52) == 0);
    assert_contains(json, "},\n  \"schema\": \"stakegraph-centrality-report/1\",\n");
    assert_contains(json,
                    "\"columns\": [\"in_degree\", \"strength\", \"closeness\", \"harmonic\"]");
    assert_contains(json, "{\"id\": \"a\", \"label\": \"a\", \"type\": \"\", \"measures\": "
                          "{\"in_degree\": 0, \"strength\": 3, \"closeness\": 1, "
                          "\"harmonic\": 0.666667}}");
    /* d reaches nobody: closeness missing is null, never 0 or NaN. */
    assert_contains(json, "{\"id\": \"d\", \"label\": \"d\", \"type\": \"\", \"measures\": "
                          "{\"in_degree\": 0, \"strength\": 0, \"closeness\": null, "
                          "\"harmonic\": 0}}");
    assert_contains(json, "\"measures\": [\"in_degree\", \"strength\", \"closeness\", "
                          "\"harmonic\"],");
    assert_contains(json, "\"weighted\": true,");
    assert_contains(json, "\"weight_attribute\": \"weight\",");
    assert_contains(json, "\"damping\": 0.85,");
    assert_contains(json, "\"nodes\": 4,\n");
    assert_contains(json, "\"edges\": 3,\n");
    assert_contains(json, "\"relations\": [{\"relation\": \"\", \"edges\": 3}]");
    assert_null(strstr(json, "nan"));
    assert_null(strstr(json, "inf"));
    free(json);
    release(&f);
}

static void test_json_edgeless_has_no_nan(void **state) {
    (void)state;
    sg_graph *g = sg_graph_new(1);
    assert_int_equal(sg_graph_add_node(g, "only", NULL), SG_OK);
    fixture f = {g, NULL, sg_diag_new()};
    assert_int_equal(sg_analyse(f.g, NULL, &f.a, f.d), SG_OK);
    char *json = report(&f, "json", NULL, SG_OK);
    assert_true(json_valid(json));
    assert_contains(json, "\"density\": null,");
    assert_contains(json, "\"eigenvector\": null");
    assert_contains(json, "\"warnings\": [\n    {\"line\": null, \"message\": \"");
    assert_null(strstr(json, "nan"));
    assert_null(strstr(json, "NaN"));
    free(json);
    release(&f);
}

static void test_json_escaping(void **state) {
    (void)state;
    fixture f =
        analyse("q\" b\\ t\t n\n c\x01 </script> \xe2\x80\xa8 bad\xff end", "t/1", "degree");
    char *json = report(&f, "json", NULL, SG_OK);
    assert_true(json_valid(json));
    assert_contains(json, "\"label\": \"q\\\" b\\\\ t\\t n\\n c\\u0001 <\\/script> \\u2028 "
                          "bad\\ufffd end\"");
    assert_contains(json, "\"type\": \"t/1\""); /* "/" is escaped only after "<" */
    assert_null(strstr(json, "</script>"));
    free(json);
    release(&f);
}

/* ---------------------------------------------------------------------------------------- */
/* LaTeX                                                                                    */

static void test_tex_escaping(void **state) {
    (void)state;
    fixture f = analyse("% _ & # $ { } ~ ^ \\ < > | -- Çağrı İşık ö ü", "x_y", "degree");
    char *tex = report(&f, "tex", NULL, SG_OK);
    assert_contains(tex, "\na & \\% \\_\\allowbreak{} \\& \\# \\$ \\{ \\} \\textasciitilde{} "
                         "\\textasciicircum{} \\textbackslash{} \\textless{} \\textgreater{} "
                         "\\textbar{} -{}- Çağrı İşık ö ü & x\\_\\allowbreak{}y & 2 \\\\\n");
    assert_contains(tex, "\\caption{Centrality of the organisations}\\label{tab:centrality}\\\\");
    assert_contains(tex, "\\begin{longtable}{@{}l>{\\raggedright\\arraybackslash}p{40mm}"
                         ">{\\raggedright\\arraybackslash}p{26mm}r@{}}");
    assert_contains(tex, "\\toprule\nid & label & type & degree \\\\\n\\midrule\n");
    assert_contains(tex, "\\bottomrule\n\\endlastfoot\n");
    /* One measure: a portrait page when compiled alone. */
    assert_contains(tex, "\\usepackage[margin=15mm]{geometry}");
    free(tex);

    sg_report_options o = {.caption = "Costs: 100% & more_{x}", .label = "tab:costs-2024"};
    tex = report(&f, "tex", &o, SG_OK);
    assert_contains(tex, "\\caption{Costs: 100\\% \\& more\\_\\{x\\}}\\label{tab:costs-2024}");
    free(tex);
    o.label = "bad label}";
    free(report(&f, "tex", &o, SG_EINVAL));
    release(&f);
}

static void test_tex_parts(void **state) {
    (void)state;
    /* Every measure: 24 columns in three parts of 8, each after the first "continued". */
    fixture f = analyse(NULL, NULL, NULL);
    char *tex = report(&f, "tex", NULL, SG_OK);
    assert_int_equal(occurrences(tex, "\\begin{longtable}"), 3);
    assert_int_equal(occurrences(tex, "\\caption*{\\tablename~\\ref{tab:centrality} "
                                      "(continued)}"),
                     2);
    assert_contains(tex, "\\usepackage[landscape,margin=15mm]{geometry}");
    assert_contains(tex, "\\shortstack[r]{betweenness\\_\\\\norm}");
    free(tex);
    release(&f);
}

/* ---------------------------------------------------------------------------------------- */
/* HTML                                                                                     */

static void test_html_escaping(void **state) {
    (void)state;
    fixture f = analyse("<script>alert(\"x&y\")</script> 'q'", "<b>t</b>", "degree,closeness");
    char *html = report(&f, "html", NULL, SG_OK);
    assert_contains(html, "<td>&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; "
                          "&#39;q&#39;</td><td>&lt;b&gt;t&lt;/b&gt;</td>");
    /* Our one script, and no other: the label's is text, in the table and in the figure. */
    assert_int_equal(occurrences(html, "<script"), 1);
    assert_int_equal(occurrences(html, "</script>"), 1);
    assert_null(strstr(html, "<b>t"));
    /* The figure inline, without its XML prolog or doctype; nothing from the network. */
    assert_contains(html, "<figure>\n<svg ");
    assert_null(strstr(html, "<?xml"));
    assert_null(strstr(html, "<!DOCTYPE svg"));
    assert_null(strstr(html, "http://www.w3.org/Graphics"));
    assert_null(strstr(html, " src="));
    assert_null(strstr(html, "<link"));
    /* Missing is an empty cell; the definitions come from report.c, emphasis as <em>. */
    assert_contains(html, "<tr data-row=\"3\"><td>d</td><td>d</td><td></td><td class=\"n\">0"
                          "</td><td class=\"n\"></td></tr>");
    assert_contains(html, "<dt>degree</dt><dd>in-degree plus out-degree");
    assert_contains(html, "<th class=\"n\">closeness</th>");
    free(html);
    release(&f);
}

/* ---------------------------------------------------------------------------------------- */
/* Options, exact bytes                                                                     */

static void test_csv_default(void **state) {
    (void)state;
    fixture f = analyse("=SUM(A1)", NULL, "strength,closeness,harmonic");
    char *csv = report(&f, "csv", NULL, SG_OK);
    assert_string_equal(csv, "id,label,type,strength,closeness,harmonic\n"
                             "a,\"'=SUM(A1)\",,3,1,0.666667\n"
                             "b,\"Beta; with, comma\",,5,1,0.666667\n"
                             "c,c,,4,1,0.666667\n"
                             "d,d,,0,,0\n");
    free(csv);
    release(&f);
}

static void test_sort_rows_digits(void **state) {
    (void)state;
    fixture f = analyse(NULL, NULL, "strength,closeness,harmonic");
    sg_report_options o = {.sort = "strength"};
    char *csv = report(&f, "csv", &o, SG_OK);
    assert_string_equal(csv, "id,label,type,strength,closeness,harmonic\n"
                             "b,\"Beta; with, comma\",,5,1,0.666667\n"
                             "c,c,,4,1,0.666667\n"
                             "a,a,,3,1,0.666667\n"
                             "d,d,,0,,0\n");
    free(csv);
    /* Ties (a, b, c all 1) keep input order; the missing value comes last. */
    o = (sg_report_options){.sort = "closeness", .rows = 3, .digits = 3};
    csv = report(&f, "csv", &o, SG_OK);
    assert_string_equal(csv, "id,label,type,strength,closeness,harmonic\n"
                             "a,a,,3,1,0.667\n"
                             "b,\"Beta; with, comma\",,5,1,0.667\n"
                             "c,c,,4,1,0.667\n");
    free(csv);
    /* More rows than nodes: all of them. --digits 12. */
    o = (sg_report_options){.rows = 10, .digits = 12};
    csv = report(&f, "csv", &o, SG_OK);
    assert_contains(csv, "\nd,d,,0,,0\n");
    assert_contains(csv, "\na,a,,3,1,0.666666666667\n");
    free(csv);
    /* The same rows in the other formats. */
    o = (sg_report_options){.sort = "strength", .rows = 2};
    char *md = report(&f, "md", &o, SG_OK);
    assert_contains(md, "|:---|:---|:---|---:|---:|---:|\n| b | Beta; with, comma |  | 5 | 1 | "
                        "0.666667 |\n| c | c |  | 4 | 1 | 0.666667 |\n\n2 of 4 organisations, "
                        "by strength (highest first; missing values last).\n");
    free(md);
    char *json = report(&f, "json", &o, SG_OK);
    assert_true(json_valid(json));
    assert_int_equal(occurrences(json, "{\"id\": "), 2);
    assert_contains(json, "\"nodes\": [\n    {\"id\": \"b\"");
    assert_contains(json, "\"sort\": \"strength\",\n    \"rows\": 2,\n    \"digits\": 6\n");
    free(json);
    char *tex = report(&f, "tex", &o, SG_OK);
    assert_contains(tex, "\\endlastfoot\nb & Beta; with, comma &  & 5 & 1 & 0.666667 \\\\\n"
                         "c & c &  & 4 & 1 & 0.666667 \\\\\n\\end{longtable}");
    free(tex);
    release(&f);
}

static void test_excel(void **state) {
    (void)state;
    fixture f = analyse("@cmd", NULL, "strength,harmonic");
    sg_report_options o = {.excel = 1};
    char *csv = report(&f, "csv", &o, SG_OK);
    assert_string_equal(csv, "\xEF\xBB\xBFid;label;type;strength;harmonic\n"
                             "a;\"'@cmd\";;3;0,666667\n"
                             "b;\"Beta; with, comma\";;5;0,666667\n"
                             "c;c;;4;0,666667\n"
                             "d;d;;0;0\n");
    free(csv);
    o.sort = "strength";
    o.rows = 1;
    o.digits = 2;
    csv = report(&f, "csv", &o, SG_OK);
    assert_string_equal(csv, "\xEF\xBB\xBFid;label;type;strength;harmonic\n"
                             "b;\"Beta; with, comma\";;5;0,67\n");
    free(csv);
    release(&f);
}

static void test_bad_options(void **state) {
    (void)state;
    fixture f = analyse(NULL, NULL, "degree");
    sg_report_options o = {.sort = "no_such_measure"};
    free(report(&f, "csv", &o, SG_EINVAL));
    o.sort = "pagerank"; /* a measure, but not computed */
    free(report(&f, "json", &o, SG_EINVAL));
    o = (sg_report_options){.digits = 18};
    free(report(&f, "csv", &o, SG_EINVAL));
    o.digits = -1;
    free(report(&f, "md", &o, SG_EINVAL));
    free(report(&f, "docx", NULL, SG_EINVAL));
    release(&f);
}

static void test_format_names(void **state) {
    (void)state;
    assert_string_equal(sg_report_format_find("json"), "json");
    assert_string_equal(sg_report_format_find(".JSON"), "json");
    assert_string_equal(sg_report_format_find("latex"), "tex");
    assert_string_equal(sg_report_format_find(".tex"), "tex");
    assert_string_equal(sg_report_format_find("html"), "html");
    assert_string_equal(sg_report_format_find(".htm"), "html");
    assert_string_equal(sg_report_format_find(".md"), "md");
    assert_null(sg_report_format_find("pdf"));
}

int main(void) {
    /* clang-format off */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_checker),
        cmocka_unit_test(test_json_parses_and_nulls),
        cmocka_unit_test(test_json_edgeless_has_no_nan),
        cmocka_unit_test(test_json_escaping),
        cmocka_unit_test(test_tex_escaping),
        cmocka_unit_test(test_tex_parts),
        cmocka_unit_test(test_html_escaping),
        cmocka_unit_test(test_csv_default),
        cmocka_unit_test(test_sort_rows_digits),
        cmocka_unit_test(test_excel),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_format_names),
    };
    /* clang-format on */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
