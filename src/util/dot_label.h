/* Internal: the DOT attributes whose text Graphviz draws as an escString with line breaks. */
#ifndef SG_DOT_LABEL_H
#define SG_DOT_LABEL_H

#include <string.h>

/** 1 for a label of any object, an external label, an edge's head and tail labels: text in
 * which Graphviz reads \n, \l, \r as line breaks and \N, \G, \E, \T, \H as names (Graphviz
 * attribute reference, escString). The DOT reader decodes them (read/dot.c) and the DOT
 * export writes labels so (write/graph_dot.c): a backslash doubled, a line break as \n. */
static inline int sg_dot_label_attr(const char *name) {
    return strcmp(name, "label") == 0 || strcmp(name, "xlabel") == 0 ||
           strcmp(name, "headlabel") == 0 || strcmp(name, "taillabel") == 0;
}

#endif
