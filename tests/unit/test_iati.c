/*
 * The IATI activity reader. Expected counts and sums of the real files are not typed in: the
 * tests ask xmllint (libxml2-utils, `scripts/deps.sh test`) with XPath, an independent reading
 * of the same file, and compare. Small invented documents test the vocabularies, the rules and
 * the warnings.
 *
 * SG_TEST_DATA names the tests/data folder (Meson sets it; "." otherwise).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "stakegraph.h"

#include "test_data.h"

/* What `xmllint --xpath EXPR FILE` prints (without a final newline). Fails the test when
 * xmllint cannot be run. */
static char *xpath(const char *file, const char *expr) {
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execlp("xmllint", "xmllint", "--xpath", expr, file, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    size_t len = 0, cap = 4096;
    char *out = malloc(cap);
    assert_non_null(out);
    ssize_t n;
    while ((n = read(fd[0], out + len, cap - len - 1)) > 0) {
        len += (size_t)n;
        if (len + 1 == cap) {
            cap *= 2;
            out = realloc(out, cap);
            assert_non_null(out);
        }
    }
    close(fd[0]);
    int status;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        fail_msg("xmllint could not be run: install libxml2-utils (scripts/deps.sh test)");
    out[len] = '\0';
    while (len > 0 && out[len - 1] == '\n')
        out[--len] = '\0';
    return out;
}

/* Fails unless `actual` is what xmllint gives for EXPR. */
static void assert_xpath_string(const char *file, const char *expr, const char *actual) {
    char *want = xpath(file, expr);
    assert_string_equal(actual, want);
    free(want);
}

static double xpath_number(const char *file, const char *expr) {
    char *text = xpath(file, expr);
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end)
        fail_msg("xmllint gave '%s' for %s", text, expr);
    free(text);
    return v;
}

/* The distinct lines of `text` (cleaned of surrounding spaces; empty ones left out), in order. */
static size_t distinct_lines(char *text, char ***out) {
    size_t n = 0, cap = 16;
    char **lines = malloc(cap * sizeof *lines);
    assert_non_null(lines);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        while (*line == ' ')
            line++;
        size_t len = strlen(line);
        while (len > 0 && line[len - 1] == ' ')
            line[--len] = '\0';
        int seen = len == 0;
        for (size_t k = 0; k < n && !seen; k++)
            seen = strcmp(lines[k], line) == 0;
        if (seen)
            continue;
        if (n == cap) {
            cap *= 2;
            lines = realloc(lines, cap * sizeof *lines);
            assert_non_null(lines);
        }
        lines[n++] = line;
    }
    *out = lines;
    return n;
}

static int read_file(const char *rel, const sg_read_options *opts, sg_graph **g, sg_diag **d) {
    char *path = data_path(rel);
    *d = sg_diag_new();
    assert_non_null(*d);
    sg_read_options o = opts ? *opts : (sg_read_options){0};
    int rc = sg_read_file(path, &o, g, *d);
    free(path);
    return rc;
}

static int read_text(const char *xml, const sg_read_options *opts, sg_graph **g, sg_diag **d) {
    *d = sg_diag_new();
    assert_non_null(*d);
    return sg_read_iati(xml, strlen(xml), "t.xml", opts, g, *d);
}

/* The single message containing `part` (and `part2` when not NULL); fails otherwise. */
static const sg_message *message_with(const sg_diag *d, const char *part, const char *part2) {
    const sg_message *found = NULL;
    size_t n = 0;
    for (size_t i = 0; i < sg_diag_count(d); i++) {
        const sg_message *m = sg_diag_get(d, i);
        if (strstr(m->text, part) && (!part2 || strstr(m->text, part2))) {
            found = m;
            n++;
        }
    }
    if (n != 1) {
        sg_diag_print(d, stderr);
        fail_msg("%zu messages with '%s' '%s', expected 1", n, part, part2 ? part2 : "");
    }
    return found;
}

static size_t count_messages(const sg_diag *d, const char *part) {
    size_t n = 0;
    for (size_t i = 0; i < sg_diag_count(d); i++)
        n += strstr(sg_diag_get(d, i)->text, part) != NULL;
    return n;
}

static size_t node(const sg_graph *g, const char *id) {
    size_t i;
    if (!sg_graph_find_node(g, id, &i))
        fail_msg("no node '%s'", id);
    return i;
}

/* The edge source -> target with `relation` (and `unit` when not NULL); fails unless one. */
static size_t edge(const sg_graph *g, const char *source, const char *target, const char *relation,
                   const char *unit) {
    size_t s = node(g, source), t = node(g, target), found = 0, n = 0;
    for (size_t e = 0; e < sg_graph_edge_count(g); e++) {
        const char *u = sg_graph_attr(g, SG_ON_EDGE, e, "unit");
        if (sg_graph_edge_source(g, e) == s && sg_graph_edge_target(g, e) == t &&
            strcmp(sg_graph_edge_relation(g, e), relation) == 0 &&
            (!unit || (u && strcmp(u, unit) == 0))) {
            found = e;
            n++;
        }
    }
    if (n != 1)
        fail_msg("%zu edges %s -> %s (%s), expected 1", n, source, target, relation);
    return found;
}

static size_t edges_with(const sg_graph *g, const char *relation) {
    size_t n = 0;
    for (size_t e = 0; e < sg_graph_edge_count(g); e++)
        n += strcmp(sg_graph_edge_relation(g, e), relation) == 0;
    return n;
}

static double attr_number(const sg_graph *g, sg_object on, size_t i, const char *name) {
    const char *v = sg_graph_attr(g, on, i, name);
    if (!v)
        fail_msg("no attribute '%s' on %zu", name, i);
    return strtod(v, NULL);
}

/* 1 when `text` occurs in an id or an attribute value anywhere in the graph. */
static int graph_contains(const sg_graph *g, const char *text) {
    const char *name, *value;
    for (size_t k = 0; sg_graph_attr_at(g, SG_ON_GRAPH, 0, k, &name, &value); k++)
        if (strstr(value, text))
            return 1;
    for (size_t i = 0; i < sg_graph_node_count(g); i++) {
        if (strstr(sg_graph_node_id(g, i), text))
            return 1;
        for (size_t k = 0; sg_graph_attr_at(g, SG_ON_NODE, i, k, &name, &value); k++)
            if (strstr(value, text))
                return 1;
    }
    for (size_t e = 0; e < sg_graph_edge_count(g); e++)
        for (size_t k = 0; sg_graph_attr_at(g, SG_ON_EDGE, e, k, &name, &value); k++)
            if (strstr(value, text))
                return 1;
    return 0;
}

/* ---- USAID's file for Türkiye --------------------------------------------------------------- */

#define USAID "iati/usaid-tr.xml"
#define IOM "XM-DAC-47066"

static void test_usaid_nodes(void **state) {
    (void)state;
    char *file = data_path(USAID);
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    assert_int_equal(read_file(USAID, NULL, &g, &d), SG_OK);
    assert_int_equal(sg_diag_count_severity(d, SG_ERROR), 0);
    assert_int_equal(sg_graph_directed(g), 1);

    /* Every distinct participating-org ref is a node with that id. */
    char *refs_text = xpath(file, "//participating-org/@ref");
    for (char *p = refs_text; (p = strstr(p, "ref=\"")) != NULL;)
        memmove(p, p + 5, strlen(p + 5) + 1);
    for (char *p = refs_text; *p; p++)
        if (*p == '"')
            *p = ' ';
    char **refs;
    size_t n_refs = distinct_lines(refs_text, &refs);
    assert_true(n_refs > 10);
    for (size_t k = 0; k < n_refs; k++)
        node(g, refs[k]);
    /* Those without a ref are nodes keyed by their name, in lower case. */
    char *names_text =
        xpath(file, "//participating-org[not(@ref) or normalize-space(@ref)='']/narrative/text()");
    for (char *p = names_text; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    char **names;
    size_t n_names = distinct_lines(names_text, &names);
    assert_true(n_names > 0);
    for (size_t k = 0; k < n_names; k++)
        node(g, names[k]);
    /* Every receiver is a participating organisation, so nothing else becomes a node. */
    assert_int_equal(sg_graph_node_count(g), n_refs + n_names);

    /* IOM: its label and type as the file gives them, the activities it takes part in. */
    size_t iom = node(g, IOM);
    char *label = xpath(file, "string((//participating-org[@ref='" IOM "']/narrative)[1])");
    assert_string_equal(sg_graph_node_label(g, iom), label);
    assert_int_equal(xpath_number(file, "string((//participating-org[@ref='" IOM "']/@type)[1])"),
                     40); /* Multilateral in the OrganisationType codelist */
    assert_string_equal(sg_graph_node_type(g, iom), "multilateral");
    double iom_activities = xpath_number(
        file, "count(//iati-activity[participating-org/@ref='" IOM "' or transaction/"
              "receiver-org/@ref='" IOM "' or transaction/receiver-org/@receiver-activity-id='" IOM
              "' or transaction/provider-org/@ref='" IOM "'])");
    assert_true(iom_activities >= 1);
    assert_int_equal(attr_number(g, SG_ON_NODE, iom, "activities"), iom_activities);
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, iom, "roles"), "implementing");

    /* USAID, the reporting organisation, takes part in every activity, in every role but one. */
    char *usaid = xpath(file, "string(//iati-activity[1]/reporting-org/@ref)");
    assert_int_equal(xpath_number(file, "count(//iati-activity[reporting-org/@ref!='US-GOV-1'])"),
                     0);
    size_t u = node(g, usaid);
    assert_int_equal(attr_number(g, SG_ON_NODE, u, "activities"),
                     xpath_number(file, "count(//iati-activity)"));
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, u, "roles"),
                        "funding,accountable,extending,implementing");
    assert_string_equal(sg_graph_node_type(g, u), "government");
    /* The title names the reporting organisation and the number of activities. */
    char title[256];
    char *usaid_name = xpath(file, "string(//iati-activity[1]/reporting-org/narrative)");
    snprintf(title, sizeof title, "%s: %.0f IATI activities", usaid_name,
             xpath_number(file, "count(//iati-activity)"));
    assert_string_equal(sg_graph_attr(g, SG_ON_GRAPH, 0, "label"), title);

    free(usaid_name);
    free(usaid);
    free(label);
    free(names);
    free(names_text);
    free(refs);
    free(refs_text);
    free(file);
    sg_graph_free(g);
    sg_diag_free(d);
}

static void test_usaid_transactions(void **state) {
    (void)state;
    char *file = data_path(USAID);
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    assert_int_equal(read_file(USAID, NULL, &g, &d), SG_OK);

    /* The file has no provider-org: IATI's rule makes the reporting organisation the provider
     * of its commitments and disbursements, so every transaction is on an edge. */
    assert_int_equal(xpath_number(file, "count(//transaction/provider-org)"), 0);
    assert_int_equal(xpath_number(file, "count(//transaction/transaction-type[@code!='2' and "
                                        "@code!='3'])"),
                     0);
    double transactions = 0, total = 0;
    for (size_t e = 0; e < sg_graph_edge_count(g); e++) {
        const char *n = sg_graph_attr(g, SG_ON_EDGE, e, "transactions");
        if (!n)
            continue;
        assert_string_equal(sg_graph_node_id(g, sg_graph_edge_source(g, e)), "US-GOV-1");
        assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, e, "unit"), "USD");
        transactions += strtod(n, NULL);
        const char *w = sg_graph_attr(g, SG_ON_EDGE, e, "weight");
        total += strtod(w ? w : sg_graph_attr(g, SG_ON_EDGE, e, "net_value"), NULL);
    }
    assert_int_equal(transactions, xpath_number(file, "count(//transaction)"));
    /* Every value is in the activities' default currency, USD; the sums add up to the file's. */
    assert_int_equal(xpath_number(file, "count(//transaction/value[@currency])"), 0);
    assert_int_equal(xpath_number(file, "count(//iati-activity[@default-currency!='USD'])"), 0);
    assert_float_equal(total, xpath_number(file, "string(sum(//transaction/value))"), 1e-6);

    /* IOM: the disbursements and commitments to it, summed per type. */
    static const struct {
        const char *code, *relation;
    } types[] = {{"3", "disbursement"}, {"2", "commitment"}};
    for (size_t k = 0; k < 2; k++) {
        char expr[512];
        snprintf(expr, sizeof expr,
                 "string(sum(//transaction[transaction-type/@code='%s'][receiver-org/"
                 "@receiver-activity-id='" IOM "' or receiver-org/@ref='" IOM "']/value))",
                 types[k].code);
        double want = xpath_number(file, expr);
        assert_true(want > 1000000);
        size_t e = edge(g, "US-GOV-1", IOM, types[k].relation, "USD");
        assert_float_equal(attr_number(g, SG_ON_EDGE, e, "weight"), want, 1e-6);
        snprintf(expr, sizeof expr,
                 "count(//transaction[transaction-type/@code='%s'][receiver-org/"
                 "@receiver-activity-id='" IOM "'])",
                 types[k].code);
        assert_int_equal(attr_number(g, SG_ON_EDGE, e, "transactions"), xpath_number(file, expr));
    }
    /* A commitment whose corrections outweigh it: no weight, the sum kept as net_value. */
    double carana = xpath_number(file, "string(sum(//transaction[transaction-type/@code='2']"
                                       "[receiver-org/@receiver-activity-id="
                                       "'XI-DUNS-148655053']/value))");
    assert_true(carana < 0);
    size_t e = edge(g, "US-GOV-1", "XI-DUNS-148655053", "commitment", "USD");
    assert_null(sg_graph_attr(g, SG_ON_EDGE, e, "weight"));
    assert_float_equal(attr_number(g, SG_ON_EDGE, e, "net_value"), carana, 1e-6);
    message_with(d, "sum below 0", NULL);

    /* The receivers' identifiers sit in receiver-activity-id: counted in one warning. */
    char count[64];
    snprintf(count, sizeof count, ": %.0f (first",
             xpath_number(file, "count(//transaction/receiver-org[not(@ref) or @ref='']"
                                "[@receiver-activity-id!=''])"));
    message_with(d, "organisation identifier as their activity id", count);
    message_with(d, "several types (commitment", "--relation");
    assert_int_equal(count_messages(d, "currencies"), 0);

    /* Role edges: USAID (funding and extending) -> each implementing organisation, once. */
    char *impl_refs = xpath(file, "//participating-org[@role='4'][@ref!='US-GOV-1' and "
                                  "@ref!='']/@ref");
    char **refs;
    size_t n_refs = distinct_lines(impl_refs, &refs);
    size_t n_names = (size_t)xpath_number(
        file, "count(//participating-org[@role='4'][not(@ref) or @ref=''][not(narrative = "
              "preceding::participating-org[@role='4'][not(@ref) or @ref='']/narrative)])");
    assert_int_equal(edges_with(g, "implementation"), n_refs + n_names);
    assert_int_equal(edges_with(g, "funding"), 0); /* USAID funds itself only */
    e = edge(g, "US-GOV-1", IOM, "implementation", NULL);
    assert_null(sg_graph_attr(g, SG_ON_EDGE, e, "weight"));
    assert_int_equal(attr_number(g, SG_ON_EDGE, e, "activities"),
                     xpath_number(file, "count(//iati-activity[participating-org[@role='4']/"
                                        "@ref='" IOM "'])"));

    free(refs);
    free(impl_refs);
    free(file);
    sg_graph_free(g);
    sg_diag_free(d);
}

static void test_usaid_filters(void **state) {
    (void)state;
    char *file = data_path(USAID);
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    /* Every transaction of the file is for Türkiye; no activity is for Greece. */
    sg_read_options o = {.country = "tr"};
    assert_int_equal(read_file(USAID, &o, &g, &d), SG_OK);
    size_t all = sg_graph_edge_count(g);
    assert_int_equal(xpath_number(file, "count(//transaction[recipient-country/@code!='TR'])"), 0);
    sg_graph_free(g);
    sg_diag_free(d);
    assert_int_equal(read_file(USAID, NULL, &g, &d), SG_OK);
    assert_int_equal(sg_graph_edge_count(g), all);
    sg_graph_free(g);
    sg_diag_free(d);
    o.country = "GR";
    assert_int_equal(read_file(USAID, &o, &g, &d), SG_OK);
    assert_int_equal(sg_graph_node_count(g), 0);
    message_with(d, "none of the", "matches the filters");
    sg_graph_free(g);
    sg_diag_free(d);

    /* 2023: activities running in 2023 (actual dates before planned), transactions of 2023. */
    o = (sg_read_options){.from_year = 2023, .to_year = 2023};
    assert_int_equal(read_file(USAID, &o, &g, &d), SG_OK);
    double transactions = 0;
    for (size_t e = 0; e < sg_graph_edge_count(g); e++)
        if (sg_graph_attr(g, SG_ON_EDGE, e, "transactions"))
            transactions += attr_number(g, SG_ON_EDGE, e, "transactions");
    const char *running =
        "//iati-activity[number(substring(concat(activity-date[@type='2']/@iso-date,"
        "activity-date[@type='1']/@iso-date),1,4)) <= 2023 and number(substring(concat("
        "activity-date[@type='4']/@iso-date,activity-date[@type='3']/@iso-date),1,4)) >= 2023]";
    char expr[1024];
    snprintf(expr, sizeof expr,
             "count(%s/transaction[substring(transaction-date/@iso-date,1,4)='2023'])", running);
    double want = xpath_number(file, expr);
    assert_true(want > 0 && want < xpath_number(file, "count(//transaction)"));
    assert_int_equal(transactions, want);
    snprintf(expr, sizeof expr, "count(%s)", running);
    assert_int_equal(attr_number(g, SG_ON_NODE, node(g, "US-GOV-1"), "activities"),
                     xpath_number(file, expr));
    sg_graph_free(g);
    sg_diag_free(d);

    /* --reporting-org by identifier (any case) or by name. */
    o = (sg_read_options){.reporting_org = "us-gov-1"};
    assert_int_equal(read_file(USAID, &o, &g, &d), SG_OK);
    assert_int_equal(sg_graph_edge_count(g), all);
    sg_graph_free(g);
    sg_diag_free(d);
    o.reporting_org = "XM-DAC-47066";
    assert_int_equal(read_file(USAID, &o, &g, &d), SG_OK);
    assert_int_equal(sg_graph_node_count(g), 0);
    sg_graph_free(g);
    sg_diag_free(d);
    free(file);
}

static void test_usaid_activity_nodes(void **state) {
    (void)state;
    char *file = data_path(USAID);
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    sg_read_options o = {.activity_nodes = 1};
    assert_int_equal(read_file(USAID, &o, &g, &d), SG_OK);
    size_t projects = 0;
    for (size_t i = 0; i < sg_graph_node_count(g); i++)
        projects += strcmp(sg_graph_node_type(g, i), "project") == 0;
    assert_int_equal(projects, xpath_number(file, "count(//iati-activity)"));
    char *first = xpath(file, "string(//iati-activity[1]/iati-identifier)");
    char *title = xpath(file, "string(//iati-activity[1]/title/narrative)");
    size_t a = node(g, first);
    assert_string_equal(sg_graph_node_label(g, a), title);
    /* Disbursements leave the activity; every edge has a project at one end. */
    for (size_t e = 0; e < sg_graph_edge_count(g); e++) {
        const char *s = sg_graph_node_type(g, sg_graph_edge_source(g, e));
        const char *t = sg_graph_node_type(g, sg_graph_edge_target(g, e));
        assert_true((strcmp(s, "project") == 0) != (strcmp(t, "project") == 0));
    }
    free(first);
    free(title);
    free(file);
    sg_graph_free(g);
    sg_diag_free(d);
}

/* contact-info (names, e-mail addresses, telephones, addresses) never enters the graph. */
static void test_contact_info_never_copied(void **state) {
    (void)state;
    const char *files[] = {USAID, "iati/iati-2.03-activity-standard-example-annotated.xml"};
    for (size_t k = 0; k < 2; k++) {
        char *file = data_path(files[k]);
        char *text = xpath(file, "//contact-info/*[not(self::organisation)]//text()");
        char **lines;
        size_t n = distinct_lines(text, &lines);
        assert_true(n >= 3);
        for (int nodes = 0; nodes < 2; nodes++) {
            sg_graph *g = NULL;
            sg_diag *d = NULL;
            sg_read_options o = {.activity_nodes = nodes};
            assert_int_equal(read_file(files[k], &o, &g, &d), SG_OK);
            for (size_t i = 0; i < n; i++)
                if (graph_contains(g, lines[i]))
                    fail_msg("'%s' of contact-info is in the graph of %s", lines[i], files[k]);
            sg_graph_free(g);
            sg_diag_free(d);
        }
        free(lines);
        free(text);
        free(file);
    }
}

/* ---- the standard's examples ---------------------------------------------------------------- */

#define ANNOTATED "iati/iati-2.03-activity-standard-example-annotated.xml"

static void test_annotated_example(void **state) {
    (void)state;
    char *file = data_path(ANNOTATED);
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    assert_int_equal(read_file(ANNOTATED, NULL, &g, &d), SG_OK);
    /* Funding (1) -> Extending (3); Accountable (2) gives no edge, only its role. */
    char *funder = xpath(file, "string(//participating-org[@role='1']/@ref)");
    char *accountable = xpath(file, "string(//participating-org[@role='2']/@ref)");
    char *extending = xpath(file, "string(//participating-org[@role='3']/@ref)");
    assert_int_equal(sg_graph_node_count(g),
                     xpath_number(file, "count(//iati-activity/participating-org)"));
    edge(g, funder, extending, "funding", NULL);
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, node(g, accountable), "roles"), "accountable");
    assert_int_equal(attr_number(g, SG_ON_NODE, node(g, accountable), "activities"), 1);
    /* The transaction (incoming funds) in its own currency, not the default one; the planned
     * disbursement's provider-org and receiver-org make no edge. */
    char *provider = xpath(file, "string(//transaction/provider-org/@ref)");
    char *receiver = xpath(file, "string(//transaction/receiver-org/@ref)");
    char *currency = xpath(file, "string(//transaction/value/@currency)");
    char *default_currency = xpath(file, "string(//iati-activity/@default-currency)");
    assert_string_not_equal(currency, default_currency);
    free(default_currency);
    size_t e = edge(g, provider, receiver, "incoming_funds", currency);
    assert_float_equal(attr_number(g, SG_ON_EDGE, e, "weight"),
                       xpath_number(file, "string(//transaction/value)"), 0);
    assert_int_equal(sg_graph_edge_count(g), 2);
    /* Labels: the first narrative, or the one in --lang. */
    char *en = xpath(file, "string(//participating-org[@role='3']/narrative[1])");
    char *fr = xpath(file, "string(//participating-org[@role='3']/narrative[@xml:lang='fr'])");
    assert_string_equal(sg_graph_node_label(g, node(g, extending)), en);
    assert_string_equal(sg_graph_node_type(g, node(g, extending)), "international NGO");
    sg_graph_free(g);
    sg_diag_free(d);
    sg_read_options o = {.lang = "fr"};
    assert_int_equal(read_file(ANNOTATED, &o, &g, &d), SG_OK);
    assert_string_equal(sg_graph_node_label(g, node(g, extending)), fr);
    /* Agency B has no French name: the first one. */
    assert_xpath_string(file, "string(//participating-org[@role='1']/narrative)",
                        sg_graph_node_label(g, node(g, funder)));
    sg_graph_free(g);
    sg_diag_free(d);
    free(en);
    free(fr);
    free(provider);
    free(receiver);
    free(currency);
    free(funder);
    free(accountable);
    free(extending);
    free(file);
}

#define WORKED "iati/iati-schemas-worked-example.xml"

static void test_worked_example(void **state) {
    (void)state;
    char *file = data_path(WORKED);
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    /* No reporting-org: neither transaction has both ends. */
    assert_int_equal(xpath_number(file, "count(//reporting-org)"), 0);
    assert_int_equal(read_file(WORKED, NULL, &g, &d), SG_OK);
    assert_int_equal(sg_graph_edge_count(g), 0);
    message_with(d, "without a provider", ": 1 (first: disbursement)");
    message_with(d, "without a receiver", ": 1 (first: incoming_funds)");
    sg_graph_free(g);
    sg_diag_free(d);
    /* With the activity as a node, money flows in from DFID and out to UNICEF. */
    sg_read_options o = {.activity_nodes = 1};
    assert_int_equal(read_file(WORKED, &o, &g, &d), SG_OK);
    char *id = xpath(file, "string(//iati-identifier)");
    char *currency = xpath(file, "string(//iati-activity/@default-currency)");
    size_t in = edge(g, "http://www.dfid.gov.uk/", id, "incoming_funds", currency);
    size_t out = edge(g, id, "http://www.unicef.org/", "disbursement", currency);
    assert_float_equal(attr_number(g, SG_ON_EDGE, in, "weight"),
                       xpath_number(file, "string(//transaction[@flow='incoming']/value)"), 0);
    assert_float_equal(attr_number(g, SG_ON_EDGE, out, "weight"),
                       xpath_number(file, "string(//transaction[@flow='outgoing']/value)"), 0);
    assert_xpath_string(file, "normalize-space(//title[@xml:lang='en'])",
                        sg_graph_node_label(g, node(g, id)));
    assert_string_equal(sg_graph_node_label(g, node(g, "http://www.unicef.org/")), "UNICEF");
    assert_int_equal(sg_graph_edge_count(g), 2);
    free(id);
    free(currency);
    free(file);
    sg_graph_free(g);
    sg_diag_free(d);
}

/* ---- vocabularies, rules and warnings, on invented organisations ----------------------------- */

static void test_role_vocabularies(void **state) {
    (void)state;
    /* 2.0x codes, 1.0x words in any case, v1 words; the element's own text as name (1.0x). */
    static const char xml[] =
        "<iati-activities version=\"1.03\">\n"
        " <iati-activity default-currency=\"EUR\">\n"
        "  <iati-identifier>XX-A-1</iati-identifier>\n"
        "  <reporting-org ref=\"XX-A\">Alpha Ministry</reporting-org>\n"
        "  <participating-org ref=\"XX-A\" role=\"Funding\" type=\"10\">Alpha Ministry"
        "</participating-org>\n"
        "  <participating-org ref=\"XX-B\" role=\"EXTENDING\" type=\"40\">Beta Fund"
        "</participating-org>\n"
        "  <participating-org ref=\"XX-C\" role=\"implementing\">Gamma NGO</participating-org>\n"
        "  <participating-org ref=\"XX-D\" role=\" Accountable \">Delta Office"
        "</participating-org>\n"
        " </iati-activity>\n"
        " <iati-activity default-currency=\"EUR\">\n"
        "  <iati-identifier>XX-A-2</iati-identifier>\n"
        "  <participating-org role=\"donor\" type=\"multilateral\">Alpha  Ministry"
        "</participating-org>\n"
        "  <participating-org role=\"Implementing\">  Epsilon Works </participating-org>\n"
        "  <participating-org role=\"beneficiary\">Zeta Town</participating-org>\n"
        "  <participating-org ref=\"XX-B\" role=\"1\"/>\n"
        "  <participating-org ref=\"XX-C\" role=\"3\"/>\n"
        "  <participating-org ref=\"XX-C\" role=\"4\"/>\n"
        " </iati-activity>\n"
        "</iati-activities>\n";
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    assert_int_equal(read_text(xml, NULL, &g, &d), SG_OK);
    /* The only warning: the name-keyed "Alpha  Ministry" is not merged with XX-A. */
    message_with(d, "share the name of one with an identifier", "'Alpha Ministry' and XX-A");
    assert_int_equal(sg_diag_count(d), 1);
    edge(g, "XX-A", "XX-B", "funding", NULL);
    edge(g, "XX-B", "XX-C", "implementation", NULL);
    /* The second activity: funders -> XX-C (extending) -> Epsilon and XX-C (implementing) ->
     * Zeta (beneficiary). */
    edge(g, "alpha ministry", "XX-C", "funding", NULL);
    edge(g, "XX-B", "XX-C", "funding", NULL);
    edge(g, "XX-C", "epsilon works", "implementation", NULL);
    edge(g, "epsilon works", "zeta town", "beneficiary", NULL);
    edge(g, "XX-C", "zeta town", "beneficiary", NULL);
    assert_int_equal(sg_graph_edge_count(g), 7); /* no XX-C -> XX-C */
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, node(g, "XX-D"), "roles"), "accountable");
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, node(g, "XX-C"), "roles"),
                        "extending,implementing");
    assert_string_equal(sg_graph_attr(g, SG_ON_NODE, node(g, "XX-B"), "activities"), "2");
    assert_string_equal(sg_graph_node_label(g, node(g, "epsilon works")), "Epsilon Works");
    assert_string_equal(sg_graph_node_label(g, node(g, "alpha ministry")), "Alpha Ministry");
    assert_string_equal(sg_graph_node_type(g, node(g, "alpha ministry")), "multilateral");
    assert_string_equal(sg_graph_node_type(g, node(g, "XX-B")), "multilateral");
    assert_string_equal(sg_graph_node_type(g, node(g, "XX-C")), "");
    sg_graph_free(g);
    sg_diag_free(d);
}

static void test_unknown_roles_counted(void **state) {
    (void)state;
    char *file = data_path("iati/unknown-roles.xml");
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    assert_int_equal(read_file("iati/unknown-roles.xml", NULL, &g, &d), SG_OK);
    double unknown =
        xpath_number(file, "count(//participating-org[not(@role) or (@role!='1' and @role!='2' and "
                           "@role!='3' and @role!='4')])");
    assert_int_equal(unknown, 3);
    char count[32];
    snprintf(count, sizeof count, ": %.0f (first: '9')", unknown);
    const sg_message *m = message_with(d, "unknown or missing role", count);
    assert_int_equal(m->severity, SG_WARNING);
    assert_int_equal(m->line, 10); /* the first of them, role="9" */
    /* Kept as nodes, without role edges. */
    assert_int_equal(sg_graph_node_count(g), xpath_number(file, "count(//participating-org)"));
    assert_int_equal(sg_graph_edge_count(g), 1);
    edge(g, "XX-EXAMPLE-1", "XX-EXAMPLE-2", "implementation", NULL);
    assert_null(sg_graph_attr(g, SG_ON_NODE, node(g, "XX-EXAMPLE-3"), "roles"));
    assert_string_equal(sg_graph_node_type(g, node(g, "XX-EXAMPLE-3")), "private sector");
    free(file);
    sg_graph_free(g);
    sg_diag_free(d);
}

static void test_transactions_rules(void **state) {
    (void)state;
    static const char xml[] =
        "<iati-activities version=\"2.03\">\n"
        " <iati-activity default-currency=\"eur\">\n"
        "  <iati-identifier>XX-A-1</iati-identifier>\n"
        "  <reporting-org ref=\"XX-A\" type=\"10\"><narrative>Alpha</narrative></reporting-org>\n"
        "  <transaction><transaction-type code=\"1\"/><value>100.10</value>\n"
        "   <provider-org ref=\"XX-F\"><narrative>Funder</narrative></provider-org></transaction>\n"
        "  <transaction><transaction-type code=\"1\"/><value>0.20</value>\n"
        "   <provider-org ref=\"XX-F\"/></transaction>\n"
        "  <transaction><transaction-type code=\"3\"/><value currency=\"USD\">5</value>\n"
        "   <receiver-org receiver-activity-id=\"XX-B-7\"><narrative>Beta</narrative>"
        "</receiver-org></transaction>\n"
        "  <transaction><transaction-type code=\"3\"/><value>7</value>\n"
        "   <receiver-org receiver-activity-id=\"XX-F-99\"/></transaction>\n"
        "  <transaction><transaction-type code=\"4\"/><value>2</value>\n"
        "   <receiver-org><narrative>Local  Shop</narrative></receiver-org></transaction>\n"
        "  <transaction><transaction-type code=\"5\"/><value>1</value>\n"
        "   <receiver-org ref=\"XX-F\"/></transaction>\n"
        "  <transaction><transaction-type code=\"99\"/><value>1</value></transaction>\n"
        "  <transaction><transaction-type code=\"3\"/><value>n/a</value></transaction>\n"
        "  <transaction><transaction-type code=\"3\"/><value> </value></transaction>\n"
        "  <transaction><transaction-type code=\"3\"/><value>-3</value>\n"
        "   <receiver-org ref=\"XX-N\"/></transaction>\n"
        " </iati-activity>\n"
        " <iati-activity>\n"
        "  <iati-identifier>XX-B-7</iati-identifier>\n"
        "  <reporting-org ref=\"XX-B\"><narrative>Beta</narrative></reporting-org>\n"
        "  <transaction><transaction-type code=\"D\"/><value>1</value>\n"
        "   <receiver-org ref=\"XX-C\"/></transaction>\n"
        " </iati-activity>\n"
        "</iati-activities>\n";
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    assert_int_equal(read_text(xml, NULL, &g, &d), SG_OK);
    /* Incoming funds: the reporting organisation receives; sums exact to the cent. */
    size_t e = edge(g, "XX-F", "XX-A", "incoming_funds", "EUR");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, e, "weight"), "100.3");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, e, "transactions"), "2");
    /* receiver-activity-id of an activity of the file: its reporting organisation. */
    e = edge(g, "XX-A", "XX-B", "disbursement", "USD");
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, e, "weight"), "5");
    message_with(d, "name an activity of this file", "'XX-B-7'");
    /* ... of an activity outside it: the file's organisation whose identifier begins it. */
    edge(g, "XX-A", "XX-F", "disbursement", "EUR");
    message_with(d, "outside this file", "'XX-F-99'");
    edge(g, "XX-A", "local shop", "expenditure", "EUR");
    assert_string_equal(sg_graph_node_label(g, node(g, "local shop")), "Local Shop");
    /* Interest payments have no implied side; unknown types and values are counted. */
    message_with(d, "without a provider", ": 1 (first: interest_payment)");
    message_with(d, "unknown or missing type", ": 1 (first: '99')");
    message_with(d, "without a numeric value", ": 2 (first: 'n/a')");
    e = edge(g, "XX-A", "XX-N", "disbursement", "EUR");
    assert_null(sg_graph_attr(g, SG_ON_EDGE, e, "weight"));
    assert_string_equal(sg_graph_attr(g, SG_ON_EDGE, e, "net_value"), "-3");
    /* No default-currency in the second activity: its value is not used. */
    message_with(d, "without a currency", ": 1");
    message_with(d, "several currencies", "EUR");
    message_with(d, "several currencies", "USD");
    message_with(d, "several types", "incoming_funds");
    assert_false(sg_graph_find_node(g, "XX-C", NULL));
    assert_int_equal(sg_graph_edge_count(g), 5);
    sg_graph_free(g);
    sg_diag_free(d);

    /* --activity-nodes: the receiving activity is a node. */
    sg_read_options o = {.activity_nodes = 1};
    assert_int_equal(read_text(xml, &o, &g, &d), SG_OK);
    edge(g, "XX-A-1", "XX-B-7", "disbursement", "USD");
    edge(g, "XX-F", "XX-A-1", "incoming_funds", "EUR");
    assert_string_equal(sg_graph_node_type(g, node(g, "XX-B-7")), "project");
    sg_graph_free(g);
    sg_diag_free(d);
}

/* ---- refused input -------------------------------------------------------------------------- */

static void expect_refused(const char *xml, int want, const char *part) {
    sg_graph *g = (sg_graph *)&g;
    sg_diag *d = NULL;
    assert_int_equal(read_text(xml, NULL, &g, &d), want);
    assert_null(g);
    message_with(d, part, NULL);
    sg_diag_free(d);
}

static void test_doctype_and_entities_refused(void **state) {
    (void)state;
    sg_graph *g = (sg_graph *)&g;
    sg_diag *d = NULL;
    /* The XXE file: refused, and the marker it points at is never read. */
    assert_int_equal(read_file("iati/xxe.xml", NULL, &g, &d), SG_EPARSE);
    assert_null(g);
    const sg_message *m = message_with(d, "DOCTYPE", NULL);
    assert_int_equal(m->line, 4);
    for (size_t i = 0; i < sg_diag_count(d); i++)
        assert_null(strstr(sg_diag_get(d, i)->text, "XXE-MARKER"));
    sg_diag_free(d);
    /* A billion laughs, and a DOCTYPE with no internal subset. */
    expect_refused("<?xml version=\"1.0\"?>\n<!DOCTYPE iati-activities [\n"
                   " <!ENTITY a \"aaaaaaaaaa\">\n <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
                   " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n"
                   "<iati-activities><iati-activity><participating-org ref=\"&c;\" role=\"1\"/>"
                   "</iati-activity></iati-activities>\n",
                   SG_EPARSE, "DOCTYPE");
    expect_refused("<!-- x -->\n<!DOCTYPE iati-activities SYSTEM \"iati.dtd\">\n"
                   "<iati-activities/>\n",
                   SG_EPARSE, "DOCTYPE");
    /* An undeclared entity is not well-formed. */
    expect_refused("<iati-activities><iati-activity><title>&x;</title></iati-activity>"
                   "</iati-activities>",
                   SG_EPARSE, "not well-formed");
}

static void test_not_iati(void **state) {
    (void)state;
    expect_refused("", SG_EINVAL, "empty file");
    expect_refused("<iati-organisations/>", SG_EPARSE, "IATI organisation file");
    expect_refused("<graphml/>", SG_EPARSE, "root element is <graphml>");
    expect_refused("<iati-activities><iati-activity>", SG_EPARSE, "not well-formed");
    expect_refused("plain text", SG_EPARSE, "not well-formed");
    sg_read_options o = {.from_year = 2024, .to_year = 2020};
    sg_graph *g = NULL;
    sg_diag *d = NULL;
    assert_int_equal(read_text("<iati-activities/>", &o, &g, &d), SG_EINVAL);
    sg_diag_free(d);
    /* No activity: an empty graph and a warning. */
    assert_int_equal(read_text("<iati-activities/>", NULL, &g, &d), SG_OK);
    assert_int_equal(sg_graph_node_count(g), 0);
    message_with(d, "no iati-activity", NULL);
    sg_graph_free(g);
    sg_diag_free(d);
    /* A portal's result wrapper, and a single activity as the root. */
    assert_int_equal(read_text("<result><iati-activities><iati-activity><participating-org "
                               "ref=\"XX-A\" role=\"1\"/><participating-org ref=\"XX-B\" "
                               "role=\"4\"/></iati-activity></iati-activities></result>",
                               NULL, &g, &d),
                     SG_OK);
    edge(g, "XX-A", "XX-B", "implementation", NULL);
    sg_graph_free(g);
    sg_diag_free(d);
    assert_int_equal(read_text("<iati-activity><participating-org ref=\"XX-A\" role=\"1\"/>"
                               "<participating-org ref=\"XX-B\" role=\"3\"/></iati-activity>",
                               NULL, &g, &d),
                     SG_OK);
    edge(g, "XX-A", "XX-B", "funding", NULL);
    sg_graph_free(g);
    sg_diag_free(d);
}

/* The registry reads .xml as IATI. */
static void test_registry(void **state) {
    (void)state;
    const char *xml = "<iati-activity><participating-org ref=\"XX-A\" role=\"1\"/>"
                      "<participating-org ref=\"XX-B\" role=\"4\"/></iati-activity>";
    sg_graph *g = NULL;
    sg_diag *d = sg_diag_new();
    assert_int_equal(sg_read_buffer(xml, strlen(xml), "a.XML", NULL, &g, d), SG_OK);
    assert_int_equal(sg_graph_edge_count(g), 1);
    sg_graph_free(g);
    sg_read_options o = {.format = "iati"};
    assert_int_equal(sg_read_buffer(xml, strlen(xml), "a.txt", &o, &g, d), SG_OK);
    sg_graph_free(g);
    /* The IATI options belong to IATI input. */
    const char *dot = "digraph { a -> b }";
    o = (sg_read_options){.country = "TR"};
    assert_int_equal(sg_read_buffer(dot, strlen(dot), "g.gv", &o, &g, d), SG_EINVAL);
    assert_null(g);
    message_with(d, "--country applies to IATI input only", NULL);
    sg_diag_free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_usaid_nodes),
        cmocka_unit_test(test_usaid_transactions),
        cmocka_unit_test(test_usaid_filters),
        cmocka_unit_test(test_usaid_activity_nodes),
        cmocka_unit_test(test_contact_info_never_copied),
        cmocka_unit_test(test_annotated_example),
        cmocka_unit_test(test_worked_example),
        cmocka_unit_test(test_role_vocabularies),
        cmocka_unit_test(test_unknown_roles_counted),
        cmocka_unit_test(test_transactions_rules),
        cmocka_unit_test(test_doctype_and_entities_refused),
        cmocka_unit_test(test_not_iati),
        cmocka_unit_test(test_registry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
