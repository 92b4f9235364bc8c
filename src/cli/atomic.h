/* Atomic output: every file is written to a temporary file in its target directory and renamed
 * into place only when all of a command's outputs were written. */
#ifndef SG_ATOMIC_H
#define SG_ATOMIC_H

#include <stddef.h>

typedef struct {
    char *tmp;   /* temporary path, in the target's directory */
    char *final; /* the path it is renamed to */
} sg_pending;

/**
 * Writes `len` bytes to a new temporary file next to `final`, flushed and synced. Returns 0, or
 * -1 with errno set (nothing is left behind then).
 */
int sg_pending_write(sg_pending *p, const char *final, const void *data, size_t len);
/** Renames the temporary file into place. Returns 0, or -1 with errno set. */
int sg_pending_commit(sg_pending *p);
/**
 * Renames `n` written files into place, all or nothing: an existing file at a final path is kept
 * under a backup name (a hard link) until every rename succeeded, and put back if one fails.
 * Returns 0, or -1 with errno set and the index of the failing file in `*failed`.
 */
int sg_pending_commit_all(sg_pending *p, size_t n, size_t *failed);
/** Removes the temporary file (if any) and frees the paths. Safe to call twice. */
void sg_pending_discard(sg_pending *p);

/** 1 when the two paths name the same existing file. */
int sg_same_file(const char *a, const char *b);

#endif
