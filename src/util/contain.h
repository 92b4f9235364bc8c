/* Internal: running a library call where its crash cannot take the process down. */
#ifndef SG_CONTAIN_H
#define SG_CONTAIN_H

#include "util/command.h"
#include "util/strbuf.h"

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

struct sg_diag;

/**
 * A contained step's error, made by the process that survives it: `failed` adds to `diag` the
 * error for a step that crashed (`how->signal`), ran out of time (`how->timed_out`) or could not
 * be started (`how->not_run`), from the step's `text` (NULL entries allowed; by convention
 * text[0] is the input file named by the messages, NULL for none). `failed` must be a function
 * of the program or library (not of a plugin loaded later): inside sg_contain_command() it is
 * called by the parent, with copies of the texts (each cut at SG_CONTAIN_TEXT_MAX bytes).
 */
typedef struct sg_contain_step {
    void (*failed)(const sg_contained *how, const char *const *text, struct sg_diag *diag);
    const char *text[SG_CONTAIN_TEXTS];
} sg_contain_step;

/**
 * Runs `fn(arg, out)` in a child process, on a thread with a stack of `stack_mib` MiB (deep
 * recursion in Graphviz's parser and layout), for at most `seconds` seconds of wall time. The
 * bytes the function put in its buffer come back in `out` (appended); nothing else of the child
 * survives, so the function must return everything it made through `out`. A crash, an abort or
 * the time limit leaves the calling process as it was. Returns 0 when the function ran to the
 * end (its own status is in `how->status`), -1 otherwise, after `step->failed` has added the
 * error to `diag` (see `how`).
 * With the environment variable STAKEGRAPH_NO_CONTAIN set (and not "0") the function runs in
 * this process instead: the fuzz targets need their coverage counters here.
 * Inside sg_contain_command() the function also runs in this process, which is already the
 * contained one: `step` and the time limit are recorded where the parent reads them, so that
 * a crash there is still reported as this step's, and standard error is caught as below.
 * The child's standard error comes back in `how->output` (see sg_contain_report()).
 * Cost (README, Performance > Drawing): one fork(), measured in milliseconds on a process with
 * Graphviz's and igraph's sixty libraries mapped; nothing inside sg_contain_command().
 */
int sg_contain(sg_contained_fn fn, void *arg, const sg_contain_step *step, unsigned stack_mib,
               unsigned seconds, sg_buf *out, sg_contained *how, struct sg_diag *diag);

/**
 * Runs a whole command, `*status = fn(arg)`, in one child process on a stack of
 * SG_CONTAIN_STACK_MIB MiB, so that a command with several contained steps (reading a DOT
 * file, drawing one or more figures) forks once instead of once a step: each sg_contain() inside
 * runs in that child and records its step in memory shared with this process. The child keeps
 * this process's standard streams and writes the command's output itself. When the child
 * crashes inside a step, or a step passes its time limit (the child is then killed), the
 * step's error goes to `diag` (with what Graphviz printed to stderr as warnings) and the call
 * returns -1. A child killed outside a step (the user's Ctrl-C, the OOM killer, a bug of ours)
 * ends this process by the same signal, as if there were one process; when this process is
 * killed, the child is too (PR_SET_PDEATHSIG). Returns 0 with the
 * child's exit status in `*status` otherwise; `fn`'s return value must be an exit status
 * (0 to 255). Without a child (STAKEGRAPH_NO_CONTAIN, already inside a command, fork() or
 * the shared memory failed) runs `fn` here, each step contained by itself.
 */
int sg_contain_command(int (*fn)(void *arg), void *arg, struct sg_diag *diag, int *status);

/**
 * In the child of a command forked by someone else (the launcher, src/cli/launch.c, with
 * sg_command_fork): from now on each sg_contain() records its step in `record` and sends its
 * standard error to the memory file `err`, and sg_contain_command() runs its command here.
 * Both stay owned by the caller.
 */
void sg_contain_enter(sg_step_record *record, int err);

/** Inside a command's child: the input as the command's messages name it ("<stdin>", a path),
 * kept for the parent's message should a step fail (`label` of sg_step_record, cut at
 * SG_CONTAIN_TEXT_MAX bytes). Does nothing elsewhere. */
void sg_contain_label(const char *name);

/**
 * In the parent of a command's child that died inside a step or ran out of time there
 * (sg_command_wait returned 1): adds the step's error to `diag`, made by the step's own
 * `failed` function found in this process (the same object, loaded here too by then; a
 * generic message naming the signal when it is not), then what the step printed to standard
 * error (sg_contain_report). Returns -1.
 */
int sg_contain_failed(sg_command *c, const sg_command_end *end, struct sg_diag *diag);


/**
 * Moves what the contained call printed to its standard error (`how->output`) into `diag`, one
 * warning "Graphviz: TEXT" a line, naming `file` (may be NULL), and frees it: nothing reaches
 * the terminal unprefixed. Graphviz's program-name prefix ("dot: ", "(null): ") is dropped, and
 * cairo's "graph is too large for cairo-renderer bitmaps. Scaling by S to fit" becomes a
 * sentence saying what happened to the figure.
 */
void sg_contain_report(sg_contained *how, struct sg_diag *diag, const char *file);

#endif
