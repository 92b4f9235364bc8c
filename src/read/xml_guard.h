/* Internal: what the two XML readers (graphml.c, iati.c) share: the size limits, libxml2 set so
 * that it loads nothing and prints nothing, the refusal of a DOCTYPE (shared/cases R29: a DTD's
 * entities can read local files or expand without end) and libxml2's error as a message. */
#ifndef SG_XML_GUARD_H
#define SG_XML_GUARD_H

#include "stakegraph.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

/* An empty file, or one beyond the int sizes of libxml2's memory parser: an error. */
static inline int sg_xml_check_size(size_t size, const char *name, sg_diag *diag) {
    if (size == 0) {
        sg_diag_add(diag, SG_ERROR, name, 0, 0, "empty file");
        return SG_EINVAL;
    }
    if (size > (size_t)0x7fffffff) {
        sg_diag_add(diag, SG_ERROR, name, 0, 0, "file too large for the XML parser (2 GiB)");
        return SG_EINVAL;
    }
    return SG_OK;
}

/* Loads nothing: no file, no network, whatever a document (or igraph's parser) asks for. */
static inline xmlParserInputPtr sg_xml_load_nothing(const char *url, const char *id,
                                                    xmlParserCtxtPtr ctxt) {
    (void)url, (void)id, (void)ctxt;
    return NULL;
}

static inline void sg_xml_ignore_error(void *ctx, const char *msg, ...) {
    (void)ctx, (void)msg;
}

/* libxml2's process-wide entity loader and error printer, as they were before the reader. */
typedef struct {
    xmlExternalEntityLoader loader;
    xmlGenericErrorFunc generic;
    void *generic_ctx;
} sg_xml_guard;

static inline void sg_xml_guard_begin(sg_xml_guard *g) {
    xmlInitParser();
    g->loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(sg_xml_load_nothing);
    g->generic = xmlGenericError;
    g->generic_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, sg_xml_ignore_error);
}

static inline void sg_xml_guard_end(const sg_xml_guard *g) {
    xmlSetGenericErrorFunc(g->generic_ctx, g->generic);
    xmlSetExternalEntityLoader(g->loader);
}

/* A SAX internalSubset handler: stores the line of <!DOCTYPE in the long that the parser's
 * _private points at (first member of the caller's state) and stops the parse there, before
 * any entity is declared. */
static inline void sg_xml_stop_at_doctype(void *ctx, const xmlChar *name,
                                          const xmlChar *external_id, const xmlChar *system_id) {
    (void)name, (void)external_id, (void)system_id;
    xmlParserCtxtPtr c = ctx;
    long line = xmlSAX2GetLineNumber(ctx);
    *(long *)c->_private = line > 0 ? line : 1;
    xmlStopParser(c);
}

/* The error for a DOCTYPE at `line`; `aside` goes before the advice (NULL: nothing). */
static inline void sg_xml_doctype_error(sg_diag *diag, const char *name, long line,
                                        const char *aside) {
    sg_diag_add(diag, SG_ERROR, name, line, 0,
                "the document has a DOCTYPE declaration: stakegraph reads no DTD and no "
                "entities (they can read local files or expand without end); %sremove the "
                "<!DOCTYPE ...> part",
                aside ? aside : "");
}

/* "not well-formed XML: " and libxml2's message (its line end dropped), or `fallback` when
 * there is none ("not well-formed XML" alone for NULL), into msg[n]. */
static inline void sg_xml_error_text(const xmlError *e, const char *fallback, char *msg,
                                     size_t n) {
    if (e && e->message)
        snprintf(msg, n, "not well-formed XML: %s", e->message);
    else if (fallback)
        snprintf(msg, n, "not well-formed XML: %s", fallback);
    else
        snprintf(msg, n, "not well-formed XML");
    size_t len = strlen(msg);
    while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
        msg[--len] = '\0';
}

#endif
