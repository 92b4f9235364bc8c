/* Internal: a format found by its name or another name (a file extension), the one lookup of
 * the registries of readers (read/registry.c), figures (write/render.c), reports
 * (write/report.c) and graph exports (write/graph_export.c). */
#ifndef SG_NAMES_H
#define SG_NAMES_H

#include "util/strbuf.h"

#include <stddef.h>

/** A format's name and up to four other names (file extensions with their '.'), NULL after the
 * last. */
typedef struct {
    const char *name;
    const char *aliases[4];
} sg_names;

/**
 * The index of the entry of `table` whose name or one of whose aliases is `key`, ASCII case
 * ignored; -1 when none is, or `key` is NULL. `table` holds `count` entries of `stride` bytes,
 * each beginning with its sg_names.
 */
static inline int sg_names_find(const void *table, size_t count, size_t stride, const char *key) {
    for (size_t i = 0; key && i < count; i++) {
        const sg_names *n = (const sg_names *)(const void *)((const char *)table + i * stride);
        if (sg_ascii_casecmp(key, n->name) == 0)
            return (int)i;
        for (size_t k = 0; k < 4 && n->aliases[k]; k++)
            if (sg_ascii_casecmp(key, n->aliases[k]) == 0)
                return (int)i;
    }
    return -1;
}

#endif
