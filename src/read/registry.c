/* Reader registry: formats by name and file extension, and reading whole files. */
#include "stakegraph.h"
#include "util/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*reader_fn)(const char *data, size_t size, const char *name, sg_graph **out,
                         sg_diag *diag);

static const struct {
    const char *name;
    const char *extensions[3];
    reader_fn read;
} readers[] = {
    {"dot", {".gv", ".dot", NULL}, sg_read_dot},
};

enum { N_READERS = sizeof readers / sizeof readers[0] };

static int find_reader(const char *format, const char *name) {
    for (int i = 0; i < N_READERS; i++) {
        if (format) {
            if (sg_ascii_casecmp(format, readers[i].name) == 0 ||
                (format[0] && sg_ascii_casecmp(format, readers[i].extensions[0] + 1) == 0))
                return i;
            continue;
        }
        const char *dot = name ? strrchr(name, '.') : NULL;
        for (int k = 0; dot && k < 3 && readers[i].extensions[k]; k++)
            if (sg_ascii_casecmp(dot, readers[i].extensions[k]) == 0)
                return i;
    }
    return -1;
}

int sg_read_buffer(const char *data, size_t size, const char *name, const sg_read_options *opts,
                   sg_graph **out, sg_diag *diag) {
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
    return readers[r].read(data, size, name, out, diag);
}

int sg_read_file(const char *path, const sg_read_options *opts, sg_graph **out, sg_diag *diag) {
    *out = NULL;
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        sg_diag_add(diag, SG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return SG_EIO;
    }
    sg_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        sg_buf_append(&b, chunk, n);
    int failed = ferror(f);
    int err = errno;
    if (!is_stdin)
        fclose(f);
    if (failed) {
        sg_diag_add(diag, SG_ERROR, name, 0, 0, "cannot read: %s", strerror(err));
        sg_buf_free(&b);
        return SG_EIO;
    }
    if (b.failed) {
        sg_buf_free(&b);
        return SG_ENOMEM;
    }
    sg_read_options o = opts ? *opts : (sg_read_options){0};
    int rc = sg_read_buffer(b.data ? b.data : "", b.len, name, &o, out, diag);
    sg_buf_free(&b);
    return rc;
}
