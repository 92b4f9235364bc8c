/*
 * GraphML reader: igraph's reader builds the graph; a libxml2 pass before it refuses DTDs and
 * entities (shared/cases R29), gives keys without attr.type a type (igraph 0.10.2 drops them),
 * and checks the weights with their line numbers, which igraph does not report.
 */
#include "read/amount.h"
#include "read/xml_guard.h"
#include "stakegraph.h"
#include "util/strbuf.h"

#include <igraph.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- libxml2 pass ------------------------------------------------------------------------- */

static int is_element(const xmlNode *n, const char *name) {
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* An attribute's value as a new string (free with xmlFree), NULL when absent. */
static char *prop(const xmlNode *n, const char *name) {
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* The weight key: attr.name equal (ASCII case folded) to `wanted`, for edges or all. */
static int is_weight_key(const xmlNode *key, const char *wanted) {
    char *for_ = prop(key, "for"), *name = prop(key, "attr.name");
    int yes = name && sg_ascii_casecmp(name, wanted) == 0 &&
              (!for_ || strcmp(for_, "edge") == 0 || strcmp(for_, "all") == 0);
    xmlFree(for_);
    xmlFree(name);
    return yes;
}

/* Checks one weight text; reports a bad one at `line`. Returns 1 when bad. */
static int check_weight(const xmlNode *n, const char *name, const char *attr, sg_diag *diag) {
    char *text = (char *)xmlNodeGetContent(n);
    char number[64];
    const char *why = NULL;
    int bad = text && sg_amount_check(text, number, sizeof number, &why) < 0;
    if (bad)
        sg_diag_add(diag, SG_ERROR, name, xmlGetLineNo(n), 0, "weight '%s' (key %s): %s", text,
                    attr, why);
    xmlFree(text);
    return bad;
}

/* Walks the document: types the untyped keys, checks the weights. `*changed` is set when the
 * document was modified. Returns SG_OK, SG_EPARSE (not GraphML) or SG_EINVAL (bad weights). */
static int check_document(xmlDoc *doc, const char *name, const sg_read_options *o, int *changed,
                          char **weight_name, sg_diag *diag) {
    xmlNode *root = xmlDocGetRootElement(doc);
    *changed = 0;
    if (!is_element(root, "graphml")) {
        sg_diag_add(diag, SG_ERROR, name, root ? xmlGetLineNo(root) : 0, 0,
                    "not GraphML: the root element is <%s>, not <graphml>",
                    root ? (const char *)root->name : "");
        return SG_EPARSE;
    }
    /* The weight key: the one named, else weight, else amount. */
    const char *wanted[] = {o && o->weight_attr ? o->weight_attr : "weight",
                            o && o->weight_attr ? NULL : "amount"};
    char *weight_id = NULL;
    for (int w = 0; w < 2 && wanted[w] && !weight_id; w++)
        for (xmlNode *k = root->children; k && !weight_id; k = k->next)
            if (is_element(k, "key") && is_weight_key(k, wanted[w])) {
                weight_id = prop(k, "id");
                *weight_name = prop(k, "attr.name");
            }
    int errors = 0;
    for (xmlNode *k = root->children; k; k = k->next) {
        if (!is_element(k, "key"))
            continue;
        char *id = prop(k, "id"), *type = prop(k, "attr.type"), *attr = prop(k, "attr.name");
        if (!type && attr) {
            xmlSetProp(k, (const xmlChar *)"attr.type", (const xmlChar *)"string");
            *changed = 1;
            sg_diag_add(diag, SG_WARNING, name, xmlGetLineNo(k), 0,
                        "key '%s' (%s) has no attr.type: read as text", id ? id : "", attr);
        } else if (!type) {
            char *yfiles = prop(k, "yfiles.type");
            sg_diag_add(diag, SG_WARNING, name, xmlGetLineNo(k), 0,
                        "key '%s' has neither attr.name nor attr.type%s%s%s: left out",
                        id ? id : "", yfiles ? " (yEd's " : "", yfiles ? yfiles : "",
                        yfiles ? ")" : "");
            xmlFree(yfiles);
        }
        if (weight_id && id && strcmp(id, weight_id) == 0)
            for (xmlNode *d = k->children; d; d = d->next)
                if (is_element(d, "default"))
                    errors += check_weight(d, name, attr ? attr : id, diag);
        xmlFree(id);
        xmlFree(type);
        xmlFree(attr);
    }
    /* Every <data> of the weight key inside an <edge>, in any graph. */
    for (xmlNode *n = root; n && weight_id;) {
        if (is_element(n, "data") && n->parent && is_element(n->parent, "edge")) {
            char *key = prop(n, "key");
            if (key && strcmp(key, weight_id) == 0)
                errors += check_weight(n, name, *weight_name, diag);
            xmlFree(key);
        }
        /* next node in document order */
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
        } else {
            while (n && !n->next && n != root)
                n = n->parent;
            n = n && n != root ? n->next : NULL;
        }
    }
    xmlFree(weight_id);
    return errors ? SG_EINVAL : SG_OK;
}

/* Parses with libxml2 without DTD, entities or network; refuses a DOCTYPE. On success stores
 * the document in *doc. */
static int parse_safely(const char *data, size_t size, const char *name, xmlDoc **doc,
                        sg_diag *diag) {
    *doc = NULL;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return SG_ENOMEM;
    long doctype_line = 0; /* set when the parser meets <!DOCTYPE: the parse stops there */
    ctxt->_private = &doctype_line;
    ctxt->sax->internalSubset = sg_xml_stop_at_doctype;
    int rc = SG_OK;
    xmlDoc *d = xmlCtxtReadMemory(ctxt, data, (int)size, name, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                      XML_PARSE_BIG_LINES);
    if (doctype_line) {
        sg_xml_doctype_error(diag, name, doctype_line, NULL);
        rc = SG_EPARSE;
    } else if (!d || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        char msg[512];
        sg_xml_error_text(e, NULL, msg, sizeof msg);
        sg_diag_add(diag, SG_ERROR, name, e ? e->line : 0, e ? e->int2 : 0, "%s", msg);
        rc = SG_EPARSE;
    }
    if (rc == SG_OK)
        *doc = d;
    else
        xmlFreeDoc(d);
    xmlFreeParserCtxt(ctxt);
    return rc;
}

/* ---- igraph ------------------------------------------------------------------------------- */

static char igraph_reason[512];
static sg_diag *igraph_warnings_to;
static const char *igraph_input_name;

static void on_igraph_error(const char *reason, const char *file, int line, igraph_error_t err) {
    snprintf(igraph_reason, sizeof igraph_reason, "%s (%s)", reason, igraph_strerror(err));
    IGRAPH_FINALLY_FREE();
}

static void on_igraph_warning(const char *reason, const char *file, int line) {
    if (strstr(reason, "missing 'attr.type'"))
        return; /* each such key was named by our own pass */
    sg_diag_add(igraph_warnings_to, SG_WARNING, igraph_input_name, 0, 0, "igraph: %s", reason);
}

/* The model's name for an attribute: label, type, relation, weight, amount and unit in lower
 * case; an edge `type` is the relation when there is no relation attribute. */
static const char *model_name(const char *name, sg_object on, int have_relation) {
    static const char *const lower[] = {"label", "type", "relation", "weight", "amount", "unit"};
    if (on == SG_ON_EDGE && !have_relation && sg_ascii_casecmp(name, "type") == 0)
        return "relation";
    for (size_t k = 0; k < sizeof lower / sizeof lower[0]; k++)
        if (sg_ascii_casecmp(name, lower[k]) == 0)
            return lower[k];
    return name;
}

/* The text of attribute `name` of object `i` (value numeric, string or boolean); NULL when it
 * has none. Numbers in C-locale text. */
static const char *value_text(const igraph_t *ig, sg_object on, const char *name, int type,
                              igraph_integer_t i, char *buf, size_t size) {
    if (type == IGRAPH_ATTRIBUTE_STRING) {
        const char *s = on == SG_ON_GRAPH  ? GAS(ig, name)
                        : on == SG_ON_NODE ? VAS(ig, name, i)
                                           : EAS(ig, name, i);
        return s && *s ? s : NULL;
    }
    if (type == IGRAPH_ATTRIBUTE_BOOLEAN) {
        igraph_bool_t b = on == SG_ON_GRAPH  ? GAB(ig, name)
                          : on == SG_ON_NODE ? VAB(ig, name, i)
                                             : EAB(ig, name, i);
        return b ? "true" : "false";
    }
    if (type == IGRAPH_ATTRIBUTE_NUMERIC) {
        double v = on == SG_ON_GRAPH  ? GAN(ig, name)
                   : on == SG_ON_NODE ? VAN(ig, name, i)
                                      : EAN(ig, name, i);
        if (isnan(v))
            return NULL; /* igraph's mark of a missing value */
        if (isinf(v))
            return v > 0 ? "inf" : "-inf";
        sg_amount_text(v, buf, size);
        return buf;
    }
    return NULL;
}

/* Copies the attributes of one kind of object. */
static int copy_attrs(const igraph_t *ig, sg_graph *g, sg_object on,
                      const igraph_strvector_t *names, const igraph_vector_int_t *types,
                      size_t count, const char *weight_name) {
    int have_relation = 0;
    for (igraph_integer_t k = 0; k < igraph_strvector_size(names); k++)
        have_relation |= sg_ascii_casecmp(igraph_strvector_get(names, k), "relation") == 0;
    int rc = SG_OK;
    for (size_t i = 0; i < count && rc == SG_OK; i++) {
        for (igraph_integer_t k = 0; k < igraph_strvector_size(names) && rc == SG_OK; k++) {
            const char *name = igraph_strvector_get(names, k);
            if (on == SG_ON_NODE && strcmp(name, "id") == 0)
                continue; /* the node's id */
            char buf[64];
            const char *v = value_text(ig, on, name, (int)VECTOR(*types)[k], (igraph_integer_t)i,
                                       buf, sizeof buf);
            if (!v)
                continue;
            char number[64];
            const char *why;
            if (on == SG_ON_EDGE && weight_name && strcmp(name, weight_name) == 0 &&
                sg_amount_check(v, number, sizeof number, &why) == 0)
                v = number; /* a weight key typed string: normalised as well */
            rc = sg_graph_set_attr(g, on, i, model_name(name, on, have_relation), v);
        }
    }
    return rc;
}

/* Builds the model from igraph's graph. */
static int convert(const igraph_t *ig, const char *name, const char *weight_name, sg_graph **out,
                   sg_diag *diag) {
    int rc = SG_ENOMEM;
    igraph_strvector_t gn, vn, en;
    igraph_vector_int_t gt, vt, et;
    int lists = 0;
    sg_graph *g = sg_graph_new(igraph_is_directed(ig));
    if (!g)
        goto done;
    if (igraph_strvector_init(&gn, 0) || igraph_strvector_init(&vn, 0) ||
        igraph_strvector_init(&en, 0) || igraph_vector_int_init(&gt, 0) ||
        igraph_vector_int_init(&vt, 0) || igraph_vector_int_init(&et, 0))
        goto done; /* under our error handler a failed init leaves nothing to free */
    lists = 1;
    if (igraph_cattribute_list(ig, &gn, &gt, &vn, &vt, &en, &et) != IGRAPH_SUCCESS) {
        rc = SG_ELIB;
        goto done;
    }
    int have_id = igraph_cattribute_has_attr(ig, IGRAPH_ATTRIBUTE_VERTEX, "id");
    size_t n = (size_t)igraph_vcount(ig), m = (size_t)igraph_ecount(ig);
    rc = SG_OK;
    for (size_t i = 0; i < n && rc == SG_OK; i++) {
        char fallback[32];
        const char *id = have_id ? VAS(ig, "id", (igraph_integer_t)i) : NULL;
        if (!id || !*id) {
            snprintf(fallback, sizeof fallback, "n%zu", i);
            id = fallback;
        }
        size_t idx;
        rc = sg_graph_add_node(g, id, &idx);
        if (rc == SG_EINVAL)
            sg_diag_add(diag, SG_ERROR, name, 0, 0, "duplicate node id '%s'", id);
    }
    if (rc == SG_OK)
        rc = copy_attrs(ig, g, SG_ON_GRAPH, &gn, &gt, 1, NULL);
    if (rc == SG_OK)
        rc = copy_attrs(ig, g, SG_ON_NODE, &vn, &vt, n, NULL);
    for (size_t e = 0; e < m && rc == SG_OK; e++) {
        size_t idx;
        rc = sg_graph_add_edge(g, (size_t)IGRAPH_FROM(ig, e), (size_t)IGRAPH_TO(ig, e), &idx);
    }
    if (rc == SG_OK)
        rc = copy_attrs(ig, g, SG_ON_EDGE, &en, &et, m, weight_name);
done:
    if (lists) {
        igraph_strvector_destroy(&gn);
        igraph_strvector_destroy(&vn);
        igraph_strvector_destroy(&en);
        igraph_vector_int_destroy(&gt);
        igraph_vector_int_destroy(&vt);
        igraph_vector_int_destroy(&et);
    }
    if (rc != SG_OK) {
        sg_graph_free(g);
        g = NULL;
    }
    *out = g;
    return rc;
}

/* Runs igraph's reader over `size` bytes at `text` (a FILE over memory: fmemopen). */
static int read_with_igraph(const char *text, size_t size, const char *name,
                            const char *weight_name, sg_graph **out, sg_diag *diag) {
    FILE *f = fmemopen((void *)text, size, "r");
    if (!f)
        return SG_ENOMEM;
    igraph_error_handler_t *old_error = igraph_set_error_handler(on_igraph_error);
    igraph_warning_handler_t *old_warning = igraph_set_warning_handler(on_igraph_warning);
    igraph_attribute_table_t *old_table = igraph_set_attribute_table(&igraph_cattribute_table);
    igraph_warnings_to = diag;
    igraph_input_name = name;
    igraph_reason[0] = '\0';
    /* igraph parses numbers with strtod: the C locale for this thread, whatever the process
     * locale is (tr_TR and de_DE write 0,5). */
    locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t old_locale = c ? uselocale(c) : (locale_t)0;
    igraph_t ig;
    int rc = SG_OK;
    if (igraph_read_graph_graphml(&ig, f, 0) != IGRAPH_SUCCESS) {
        sg_diag_add(diag, SG_ERROR, name, 0, 0, "igraph cannot read this GraphML: %s",
                    igraph_reason);
        rc = SG_EPARSE;
    }
    if (c) {
        uselocale(old_locale);
        freelocale(c);
    }
    if (rc == SG_OK) {
        rc = convert(&ig, name, weight_name, out, diag);
        igraph_destroy(&ig);
    }
    igraph_set_attribute_table(old_table);
    igraph_set_error_handler(old_error);
    igraph_set_warning_handler(old_warning);
    igraph_warnings_to = NULL;
    igraph_input_name = NULL;
    fclose(f);
    return rc;
}

int sg_read_graphml(const char *data, size_t size, const char *name, const sg_read_options *opts,
                    sg_graph **out, sg_diag *diag) {
    *out = NULL;
    if (sg_xml_check_size(size, name, diag) != SG_OK)
        return SG_EINVAL;
    sg_xml_guard guard;
    sg_xml_guard_begin(&guard);
    xmlDoc *doc = NULL;
    xmlChar *fixed = NULL;
    char *weight_name = NULL;
    int changed = 0;
    int rc = parse_safely(data, size, name, &doc, diag);
    if (rc == SG_OK)
        rc = check_document(doc, name, opts, &changed, &weight_name, diag);
    const char *text = data;
    size_t len = size;
    if (rc == SG_OK && changed) {
        int n = 0;
        xmlDocDumpMemory(doc, &fixed, &n);
        if (!fixed)
            rc = SG_ENOMEM;
        text = (const char *)fixed;
        len = (size_t)n;
    }
    if (rc == SG_OK)
        rc = read_with_igraph(text, len, name, weight_name, out, diag);
    xmlFree(weight_name);
    xmlFree(fixed);
    xmlFreeDoc(doc);
    sg_xml_guard_end(&guard);
    return rc;
}
