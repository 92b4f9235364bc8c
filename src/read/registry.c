/* Reader registry: formats by name and file extension, and reading whole files. */
#include "stakegraph.h"
#include "util/names.h"
#include "util/strbuf.h"

#include "read/csv.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef int (*reader_fn)(const char *data, size_t size, const char *name,
                         const sg_read_options *opts, sg_graph **out, sg_diag *diag);

static int read_dot(const char *data, size_t size, const char *name, const sg_read_options *opts,
                    sg_graph **out, sg_diag *diag) {
    return sg_read_dot_limited(data, size, name, opts, out, diag);
}

static int read_csv(const char *data, size_t size, const char *name, const sg_read_options *opts,
                    sg_graph **out, sg_diag *diag);
static int read_csv_owned(char *data, size_t size, const char *name, const sg_read_options *opts,
                          sg_graph **out, sg_diag *diag);

/* --from names a reader by any of its names ("gv" and "xml" too); a file by its extension. */
static const struct {
    sg_names names;
    reader_fn read;
} readers[] = {
    {{"dot", {".gv", ".dot", "gv"}}, read_dot},
    {{"csv", {".csv", ".tsv", ".txt"}}, read_csv},
    {{"graphml", {".graphml"}}, sg_read_graphml},
    {{"iati", {".xml", "xml"}}, sg_read_iati},
};

enum { N_READERS = sizeof readers / sizeof readers[0] };

static int find_reader(const char *format, const char *name) {
    const char *key = format ? format : name ? strrchr(name, '.') : NULL;
    return sg_names_find(readers, N_READERS, sizeof readers[0], key);
}

/* sg_read_buffer(); `*owned`, when `owned` is not NULL, is `data` as a malloc'd block (NUL
 * after it) that the CSV reader takes over (setting *owned to NULL) to cut up in place instead
 * of copying it (issue 10). */
static int read_buffer(const char *data, char **owned, size_t size, const char *name,
                       const sg_read_options *opts, sg_graph **out, sg_diag *diag) {
    *out = NULL;
    const char *format = opts ? opts->format : NULL;
    int r = find_reader(format, name);
    if (r < 0 && !format && (!name || strcmp(name, "<stdin>") == 0))
        r = 0; /* standard input without --from: DOT */
    if (r < 0) {
        if (format)
            sg_diag_add(diag, SG_ERROR, NULL, 0, 0, "unknown input format '%s'", format);
        else
            sg_diag_add(diag, SG_ERROR, name, 0, 0,
                        "cannot tell the format from the file name (use --from FORMAT)");
        return SG_EINVAL;
    }
    if (opts && opts->nodes_path && readers[r].read != read_csv) {
        sg_diag_add(diag, SG_ERROR, name, 0, 0, "--nodes applies to CSV input only, not to %s",
                    readers[r].names.name);
        return SG_EINVAL;
    }
    const char *iati_option = !opts                   ? NULL
                              : opts->activity_nodes  ? "--activity-nodes"
                              : opts->country         ? "--country"
                              : opts->from_year       ? "--from-year"
                              : opts->to_year         ? "--to-year"
                              : opts->reporting_org   ? "--reporting-org"
                              : opts->lang            ? "--lang"
                                                      : NULL;
    if (iati_option && readers[r].read != sg_read_iati) {
        sg_diag_add(diag, SG_ERROR, name, 0, 0, "%s applies to IATI input only, not to %s",
                    iati_option, readers[r].names.name);
        return SG_EINVAL;
    }
    if (owned && *owned == data && readers[r].read == read_csv) {
        *owned = NULL;
        return read_csv_owned((char *)data, size, name, opts, out, diag);
    }
    return readers[r].read(data, size, name, opts, out, diag);
}

int sg_read_buffer(const char *data, size_t size, const char *name, const sg_read_options *opts,
                   sg_graph **out, sg_diag *diag) {
    return read_buffer(data, NULL, size, name, opts, out, diag);
}

/* Reads the whole file at `path` ("-": standard input) into `b`. */
static int load_file(const char *path, sg_buf *b, sg_diag *diag) {
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        sg_diag_add(diag, SG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return SG_EIO;
    }
    /* A regular file: one block of its size, filled by one read (issue 10: growing the buffer
     * by doubling copied it and touched twice the pages). */
    struct stat st;
    if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uintmax_t)st.st_size < SIZE_MAX / 2 && !b->data) {
        size_t size = (size_t)st.st_size;
        b->data = sg_big_alloc(size + 1);
        if (b->data) {
            b->cap = size + 1;
            b->len = fread(b->data, 1, size, f);
            b->data[b->len] = '\0';
        }
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) /* a pipe, or a file that grew */
        sg_buf_append(b, chunk, n);
    int failed = ferror(f);
    int err = errno;
    if (!is_stdin)
        fclose(f);
    if (failed) {
        sg_diag_add(diag, SG_ERROR, name, 0, 0, "cannot read: %s", strerror(err));
        return SG_EIO;
    }
    return b->failed ? SG_ENOMEM : SG_OK;
}

/* CSV: the edges table in `data` (a malloc'd block with a NUL after it, taken over and freed),
 * the nodes table (if any) read from opts->nodes_path. */
static int read_csv_owned(char *data, size_t size, const char *name, const sg_read_options *opts,
                          sg_graph **out, sg_diag *diag) {
    const char *nodes_path = opts ? opts->nodes_path : NULL;
    sg_buf nodes = {0};
    int rc = nodes_path ? load_file(nodes_path, &nodes, diag) : SG_OK;
    if (rc == SG_OK && nodes_path && !nodes.data) {
        nodes.data = calloc(1, 1); /* an empty file */
        rc = nodes.data ? SG_OK : SG_ENOMEM;
    }
    if (rc != SG_OK) {
        free(data);
        sg_buf_free(&nodes);
        return rc;
    }
    return sg_read_csv_owned(data, size, name, nodes.data, nodes.len,
                             nodes_path && strcmp(nodes_path, "-") == 0 ? "<stdin>" : nodes_path,
                             opts, out, diag);
}

/* CSV from a buffer the caller keeps: a copy to cut up. */
static int read_csv(const char *data, size_t size, const char *name, const sg_read_options *opts,
                    sg_graph **out, sg_diag *diag) {
    char *copy = malloc(size + 1);
    if (!copy)
        return SG_ENOMEM;
    memcpy(copy, data, size);
    copy[size] = '\0';
    return read_csv_owned(copy, size, name, opts, out, diag);
}

int sg_read_file(const char *path, const sg_read_options *opts, sg_graph **out, sg_diag *diag) {
    *out = NULL;
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    sg_buf b = {0};
    int rc = load_file(path, &b, diag);
    if (rc == SG_OK && !b.data) {
        b.data = calloc(1, 1); /* an empty file */
        rc = b.data ? SG_OK : SG_ENOMEM;
    }
    if (rc != SG_OK) {
        sg_buf_free(&b);
        return rc;
    }
    sg_read_options o = opts ? *opts : (sg_read_options){0};
    rc = read_buffer(b.data, &b.data, b.len, name, &o, out, diag);
    sg_buf_free(&b); /* NULL when the CSV reader took it */
    return rc;
}
