/* Internal: a whole command in one child process, the part that needs nothing of the library.
 *
 * Both the library (sg_contain_command in util/contain.c) and the program's launcher
 * (src/cli/launch.c, which links none of Graphviz, igraph or the library) run a command this
 * way: the parent forks, the child runs the command, the parent waits, watching the time limit
 * of the step the child says it is in (a record in memory shared by both). The launcher forks
 * before any library is loaded, so that the child writes no page the parent wrote first: the
 * copy-on-write faults that made containment cost 16 % of an 11-node figure (issue 9; README,
 * Performance > Drawing) do not happen. */
#ifndef SG_COMMAND_H
#define SG_COMMAND_H

#include <stdatomic.h>
#include <sys/types.h>
#include <time.h>

/** How many texts a step gives its failure message (see sg_contain_step). */
#define SG_CONTAIN_TEXTS 4
/** The longest text of a step kept for a message made in another process, in bytes. */
#define SG_CONTAIN_TEXT_MAX 4095
/** The stack of a contained call, in MiB (virtual: only what is used is committed). */
#define SG_CONTAIN_STACK_MIB 64
/** The longest path of a loaded object kept in a step record, in bytes. */
#define SG_COMMAND_PATH_MAX 4095

/**
 * The step a command's child is in, written by the child (util/contain.c, record_step) and read
 * by the parent: while the step runs (its time limit) and after the child died (its error).
 * `seq` is odd while the child writes. The step's `failed` function is an address in the child;
 * the parent finds the same function in its own copy of the object by `object` (the path the
 * dynamic loader gave it, "" for the program) and `offset` (from the object's load address),
 * since the launcher's parent loads the library only after the child has died.
 */
typedef struct sg_step_record {
    atomic_uint seq;
    int active;
    unsigned seconds;
    struct timespec start;
    unsigned long offset; /* of the step's failed function in `object` */
    int has_failed;       /* 0 when the step has no failed function */
    char object[SG_COMMAND_PATH_MAX + 1];
    int has_text[SG_CONTAIN_TEXTS];
    char text[SG_CONTAIN_TEXTS][SG_CONTAIN_TEXT_MAX + 1];
    /** The command's input as its messages name it ("<stdin>", "in.gv"), set by the child with
     * sg_contain_label(); "" when none. */
    char label[SG_CONTAIN_TEXT_MAX + 1];
} sg_step_record;

/** A command's child process and what it shares with the parent. */
typedef struct {
    sg_step_record *record; /**< shared memory, one page or so */
    int err;                /**< memory file the steps' standard error goes to (shared) */
    int alive;              /**< parent: read end of a pipe that ends when the child does */
    pid_t pid;              /**< parent: the child */
    int main_thread;        /**< 1 when forked from the process's main thread */
} sg_command;

/** How a command's child ended (sg_command_wait). */
typedef struct {
    int status;    /**< its exit status, when it exited */
    int signal;    /**< the signal that killed it inside a step, else 0 */
    int timed_out; /**< 1 when a step passed its time limit (the child was then killed) */
} sg_command_end;

/**
 * Forks the command's child: returns 0 in the child, 1 in the parent, -1 when no child could be
 * made (no shared memory, no pipe, fork() failed; errno kept), then nothing is left open and the
 * caller runs the command itself. The child dies with the parent (PR_SET_PDEATHSIG).
 */
int sg_command_fork(sg_command *c);

/**
 * In the child: runs `fn(arg)` on a stack of SG_CONTAIN_STACK_MIB MiB (the main thread's, its
 * limit raised, or a thread's) and ends the process with its return value (0 to 255) as the
 * exit status, flushing stdio but running no library destructors (sixty libraries' exit code
 * costs about 150 page faults; the leak checkers still see the exit).
 */
_Noreturn void sg_command_child_run(sg_command *c, int (*fn)(void *arg), void *arg);

/**
 * In the parent: waits for the child, killing it when the step it is in passes its time limit.
 * Returns 0 when the child exited (status in `end->status`), 1 when it died inside a step or ran
 * out of time there (the step's record is kept for the message: sg_contain_failed), and does not
 * return when it was killed outside every step (not Graphviz's: the user's Ctrl-C, the OOM
 * killer, a bug of ours): this process then ends by the same signal, as if there were one (if
 * that signal does not end it, returns 0 with status 128 + the signal).
 */
int sg_command_wait(sg_command *c, sg_command_end *end);

/** 1 when the environment variable STAKEGRAPH_NO_CONTAIN is set and not "0": nothing is run in
 * a child (the fuzz targets need the work in their own process, where the coverage counters
 * are; the benchmarks compare with it). */
int sg_command_off(void);

/** Frees the shared record and the memory file. */
void sg_command_close(sg_command *c);

#endif
