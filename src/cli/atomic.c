#include "cli/atomic.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int sg_pending_write(sg_pending *p, const char *final, const void *data, size_t len) {
    p->tmp = NULL;
    p->final = strdup(final);
    const char *slash = strrchr(final, '/');
    size_t dir_len = slash ? (size_t)(slash - final + 1) : 0;
    const char *base = slash ? slash + 1 : final;
    size_t n = dir_len + strlen(base) + 16;
    p->tmp = malloc(n);
    if (!p->final || !p->tmp) {
        sg_pending_discard(p);
        errno = ENOMEM;
        return -1;
    }
    snprintf(p->tmp, n, "%.*s.%s.XXXXXX", (int)dir_len, final, base);
    int fd = mkstemp(p->tmp);
    if (fd < 0) {
        free(p->tmp);
        p->tmp = NULL;
        sg_pending_discard(p);
        return -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    const char *c = data;
    size_t left = len;
    int err = 0;
    while (left > 0) {
        ssize_t w = write(fd, c, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            err = errno;
            break;
        }
        c += w;
        left -= (size_t)w;
    }
    if (!err && fsync(fd) != 0 && errno != EINVAL)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (err) {
        sg_pending_discard(p);
        errno = err;
        return -1;
    }
    return 0;
}

int sg_pending_commit(sg_pending *p) {
    if (!p->tmp || rename(p->tmp, p->final) != 0)
        return -1;
    free(p->tmp);
    p->tmp = NULL;
    return 0;
}

int sg_pending_commit_all(sg_pending *p, size_t n, size_t *failed) {
    char **backup = calloc(n ? n : 1, sizeof *backup);
    if (!backup)
        return -1;
    int rc = 0, err = 0;
    size_t done = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        size_t len = strlen(p[k].tmp) + 8;
        backup[k] = malloc(len);
        if (!backup[k]) {
            rc = -1, err = ENOMEM, *failed = k;
            break;
        }
        snprintf(backup[k], len, "%s.old", p[k].tmp);
        if (link(p[k].final, backup[k]) != 0) {
            if (errno != ENOENT) {
                rc = -1, err = errno, *failed = k;
            }
            free(backup[k]);
            backup[k] = NULL;
        }
    }
    for (; rc == 0 && done < n; done++) {
        if (rename(p[done].tmp, p[done].final) != 0) {
            rc = -1, err = errno, *failed = done;
            break;
        }
        free(p[done].tmp);
        p[done].tmp = NULL;
    }
    for (size_t k = 0; k < n; k++) {
        if (rc != 0 && k < done) {
            /* Put back what was there before, or remove what this run added. */
            if (backup[k] ? rename(backup[k], p[k].final) != 0 : unlink(p[k].final) != 0)
                continue;
        } else if (backup[k]) {
            unlink(backup[k]);
        }
        free(backup[k]);
    }
    free(backup);
    if (rc != 0)
        errno = err;
    return rc;
}

void sg_pending_discard(sg_pending *p) {
    if (p->tmp) {
        unlink(p->tmp);
        free(p->tmp);
    }
    free(p->final);
    p->tmp = p->final = NULL;
}

int sg_same_file(const char *a, const char *b) {
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}
