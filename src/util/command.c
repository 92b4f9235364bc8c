/* A whole command in one child process: fork, run on a large stack, wait with a time limit.
 * Needs nothing but the C library: the launcher (src/cli/launch.c) links it without the
 * library. */
#define _GNU_SOURCE /* memfd_create, gettid */
#include "util/command.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif
/* AddressSanitizer (GCC's macro, clang's feature test): LeakSanitizer runs at exit(). */
#if defined(__SANITIZE_ADDRESS__)
#define SG_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SG_ASAN 1
#endif
#endif

int sg_command_fork(sg_command *c) {
    memset(c, 0, sizeof *c);
    c->err = c->alive = -1;
    c->record = mmap(NULL, sizeof *c->record, PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (c->record == MAP_FAILED) {
        c->record = NULL;
        return -1;
    }
    int alive[2] = {-1, -1};
    /* Only the main thread's stack grows with the limit (sg_command_child_run). */
    c->main_thread = getpid() == gettid();
    pid_t parent = getpid();
    c->err = memfd_create("stakegraph-step-stderr", MFD_CLOEXEC);
    if (c->err >= 0 && pipe2(alive, O_CLOEXEC) == 0) {
        fflush(NULL); /* nothing buffered is written twice */
        c->pid = fork();
    } else {
        c->pid = -1;
    }
    if (c->pid < 0) {
        int saved = errno;
        if (alive[0] >= 0) {
            close(alive[0]);
            close(alive[1]);
        }
        sg_command_close(c);
        errno = saved;
        return -1;
    }
    if (c->pid == 0) {
        /* The write end of `alive` stays open until this process ends: the parent's poll()
         * sees its end. */
        close(alive[0]);
        /* A parent killed by a signal the child did not get (kill PID) takes the child along,
         * as it would take the one process. */
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
            _exit(1);
        return 0;
    }
    close(alive[1]);
    c->alive = alive[0];
    return 1;
}

typedef struct {
    int (*fn)(void *arg);
    void *arg;
    int status;
} command_job;

static void *run_job(void *p) {
    command_job *j = p;
    j->status = j->fn(j->arg);
    return NULL;
}

_Noreturn void sg_command_child_run(sg_command *c, int (*fn)(void *arg), void *arg) {
    command_job j = {fn, arg, 1};
    /* On the main thread, whose stack may grow up to the limit set here (the kernel looks at
     * the limit when it grows the stack; below the stack it keeps at least 128 MiB free of
     * mappings): a thread of its own would cost its stack and a malloc arena of fresh pages
     * (README, Performance > Drawing). valgrind fixes the main stack's size when it starts:
     * there, when the hard limit is lower, and when called from another thread, a thread. */
    struct rlimit lim;
    rlim_t want = (rlim_t)SG_CONTAIN_STACK_MIB << 20;
    pthread_attr_t attr;
    pthread_t thread;
    if (c->main_thread && !RUNNING_ON_VALGRIND && getrlimit(RLIMIT_STACK, &lim) == 0 &&
        (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= want ||
         ((lim.rlim_max == RLIM_INFINITY || lim.rlim_max >= want) &&
          (lim.rlim_cur = want, setrlimit(RLIMIT_STACK, &lim) == 0))))
        run_job(&j);
    else if (!(pthread_attr_init(&attr) == 0 &&
               pthread_attr_setstacksize(&attr, (size_t)SG_CONTAIN_STACK_MIB << 20) == 0 &&
               pthread_create(&thread, &attr, run_job, &j) == 0 &&
               pthread_join(thread, NULL) == 0))
        run_job(&j);
#if defined(SG_ASAN)
    /* LeakSanitizer looks at the whole command when it exits; not in a child forked from
     * another thread, where it would take what the parent's other threads hold for leaks. */
    if (c->main_thread)
        exit(j.status);
#endif
    /* Without the libraries' destructors: sixty libraries' exit code costs this process about
     * 150 page faults, and the parent runs them anyway. valgrind's leak check runs at _exit
     * too. */
    fflush(NULL);
    _exit(j.status);
}

static long elapsed_ms(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* Milliseconds left of the running step's time limit, or -1 when no step runs (or the record
 * is being written: looked at again at the next wake-up). */
static long step_left_ms(sg_step_record *r) {
    unsigned before = atomic_load_explicit(&r->seq, memory_order_acquire);
    if (before & 1)
        return -1;
    int active = r->active;
    unsigned seconds = r->seconds;
    struct timespec start = r->start;
    atomic_thread_fence(memory_order_acquire);
    if (atomic_load_explicit(&r->seq, memory_order_relaxed) != before || !active)
        return -1;
    long left = (long)seconds * 1000 - elapsed_ms(&start);
    return left > 0 ? left : 0;
}

int sg_command_wait(sg_command *c, sg_command_end *end) {
    memset(end, 0, sizeof *end);
    /* Wait for the end of the child; wake up at least once a second to look at the running
     * step's time limit. */
    for (;;) {
        long left = step_left_ms(c->record);
        if (left == 0) {
            end->timed_out = 1;
            break;
        }
        struct pollfd p = {c->alive, POLLIN, 0};
        int n = poll(&p, 1, left < 0 || left > 1000 ? 1000 : (int)left);
        if (n > 0) {
            char ch;
            ssize_t got = read(c->alive, &ch, 1);
            if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN))
                break;
        }
    }
    close(c->alive);
    c->alive = -1;
    if (end->timed_out)
        kill(c->pid, SIGKILL);
    int wstatus = 0;
    while (waitpid(c->pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    if (end->timed_out)
        return 1;
    if (WIFSIGNALED(wstatus)) {
        end->signal = WTERMSIG(wstatus);
        if (c->record->active)
            return 1;
        /* Not Graphviz's: end as the one process would have ended. */
        sg_command_close(c);
        fflush(NULL);
        signal(end->signal, SIG_DFL);
        raise(end->signal);
        end->status = 128 + end->signal;
        end->signal = 0;
        return 0;
    }
    end->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 1;
    return 0;
}

int sg_command_off(void) {
    const char *off = getenv("STAKEGRAPH_NO_CONTAIN");
    return off && *off && strcmp(off, "0") != 0;
}

void sg_command_close(sg_command *c) {
    if (c->alive >= 0)
        close(c->alive);
    if (c->err >= 0)
        close(c->err);
    if (c->record)
        munmap(c->record, sizeof *c->record);
    c->alive = c->err = -1;
    c->record = NULL;
}
