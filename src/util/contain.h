/* Internal: running a library call where its crash cannot take the process down. */
#ifndef SG_CONTAIN_H
#define SG_CONTAIN_H

#include "util/strbuf.h"

/** The stack of a contained call, in MiB (virtual: only what is used is committed). */
#define SG_CONTAIN_STACK_MIB 64
/** The wall-time limit of a contained call, in seconds. */
#define SG_CONTAIN_SECONDS 300

/** Work to run contained: fills `out` with its result bytes; returns 0 or a status code. */
typedef int (*sg_contained_fn)(void *arg, sg_buf *out);

/** How a contained call ended. */
typedef struct {
    int status;     /**< the function's return value when it ran to the end */
    int signal;     /**< the signal that killed it (SIGSEGV, SIGABRT, ...), else 0 */
    int timed_out;  /**< 1 when it ran longer than the time limit and was killed */
    int not_run;    /**< 1 when no child process could be started (errno kept) */
    /** What the child wrote to its standard error (Graphviz's plugins print some messages there
     * instead of through agerr, e.g. cairo's bitmap size limit). Owned by the caller: hand it to
     * sg_contain_report(), which frees it. */
    sg_buf output;
} sg_contained;

/**
 * Runs `fn(arg, out)` in a child process, on a thread with a stack of `stack_mib` MiB (deep
 * recursion in Graphviz's parser and layout), for at most `seconds` seconds of wall time. The
 * bytes the function put in its buffer come back in `out` (appended); nothing else of the child
 * survives, so the function must return everything it made through `out`. A crash, an abort or
 * the time limit leaves the calling process as it was. Returns 0 when the function ran to the
 * end (its own status is in `how->status`), -1 otherwise (see `how`).
 * With the environment variable STAKEGRAPH_NO_CONTAIN set (and not "0") the function runs in
 * this process instead: the fuzz targets need their coverage counters here.
 * The child's standard error comes back in `how->output` (see sg_contain_report()).
 * Cost: one fork() (copy-on-write) and two pipes: about 1 ms, measured on the default graph.
 */
int sg_contain(sg_contained_fn fn, void *arg, unsigned stack_mib, unsigned seconds, sg_buf *out,
               sg_contained *how);

struct sg_diag;

/**
 * Moves what the contained call printed to its standard error (`how->output`) into `diag`, one
 * warning "Graphviz: TEXT" a line, naming `file` (may be NULL), and frees it: nothing reaches
 * the terminal unprefixed. Graphviz's program-name prefix ("dot: ", "(null): ") is dropped, and
 * cairo's "graph is too large for cairo-renderer bitmaps. Scaling by S to fit" becomes a
 * sentence saying what happened to the figure.
 */
void sg_contain_report(sg_contained *how, struct sg_diag *diag, const char *file);

#endif
