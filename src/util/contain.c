/* Containment: fork, run on a large stack, send the result back through a pipe. */
#define _GNU_SOURCE /* memfd_create */
#include "util/contain.h"
#include "stakegraph.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
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

typedef struct {
    sg_contained_fn fn;
    void *arg;
    sg_buf out;
    int status;
} job;

static void *run_job(void *p) {
    job *j = p;
    j->status = j->fn(j->arg, &j->out);
    return NULL;
}

/* Runs `j` on a thread with a stack of `stack_mib` MiB; on this stack when no thread can be
 * made. */
static void run_on_large_stack(job *j, unsigned stack_mib) {
    pthread_attr_t attr;
    pthread_t thread;
    int ok = pthread_attr_init(&attr) == 0 &&
             pthread_attr_setstacksize(&attr, (size_t)stack_mib << 20) == 0 &&
             pthread_create(&thread, &attr, run_job, j) == 0 && pthread_join(thread, NULL) == 0;
    if (!ok)
        run_job(j);
}

static int write_all(int fd, const void *data, size_t len) {
    const char *c = data;
    while (len > 0) {
        ssize_t w = write(fd, c, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        len -= (size_t)w;
    }
    return 0;
}

/* ---- inside sg_contain_command(): the step in memory shared with the parent --------------- */

/* Written by the child, read by the parent: while a step runs (for its time limit) and after
 * the child died (for the step's error). `seq` is odd while the child writes. */
typedef struct {
    atomic_uint seq;
    int active;
    unsigned seconds;
    struct timespec start;
    void (*failed)(const sg_contained *how, const char *const *text, struct sg_diag *diag);
    int has_text[SG_CONTAIN_TEXTS];
    char text[SG_CONTAIN_TEXTS][SG_CONTAIN_TEXT_MAX + 1];
} step_record;

/* In the child of sg_contain_command(): the shared record, and a memory file that the steps'
 * standard error goes to (shared too: the parent reads it after a crash). */
static step_record *inside;
static int inside_err = -1;

static void record_step(const sg_contain_step *step, unsigned seconds) {
    atomic_fetch_add_explicit(&inside->seq, 1, memory_order_acq_rel);
    inside->active = 1;
    inside->seconds = seconds;
    clock_gettime(CLOCK_MONOTONIC, &inside->start);
    inside->failed = step ? step->failed : NULL;
    for (int k = 0; k < SG_CONTAIN_TEXTS; k++) {
        const char *t = step ? step->text[k] : NULL;
        inside->has_text[k] = t != NULL;
        size_t n = t ? strnlen(t, SG_CONTAIN_TEXT_MAX) : 0;
        if (t)
            memcpy(inside->text[k], t, n);
        inside->text[k][n] = '\0';
    }
    atomic_fetch_add_explicit(&inside->seq, 1, memory_order_release);
}

static void end_step(void) {
    atomic_fetch_add_explicit(&inside->seq, 1, memory_order_acq_rel);
    inside->active = 0;
    atomic_fetch_add_explicit(&inside->seq, 1, memory_order_release);
}

/* Appends the memory file's bytes (the step's standard error) to `into`. */
static void read_errors(int fd, sg_buf *into) {
    char chunk[8192];
    off_t at = 0;
    for (;;) {
        ssize_t n = pread(fd, chunk, sizeof chunk, at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        sg_buf_append(into, chunk, (size_t)n);
        at += n;
    }
}

/* A step inside sg_contain_command(): run here, on the command's large stack, with the step
 * recorded and standard error caught in the memory file. */
static int contain_inside(sg_contained_fn fn, void *arg, const sg_contain_step *step,
                          unsigned seconds, sg_buf *out, sg_contained *how) {
    fflush(stderr);
    int saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 0);
    int caught = saved >= 0 && ftruncate(inside_err, 0) == 0 &&
                 lseek(inside_err, 0, SEEK_SET) == 0 && dup2(inside_err, STDERR_FILENO) >= 0;
    record_step(step, seconds);
    how->status = fn(arg, out);
    end_step();
    fflush(stderr);
    if (caught) {
        dup2(saved, STDERR_FILENO);
        read_errors(inside_err, &how->output);
    }
    if (saved >= 0)
        close(saved);
    return 0;
}

/* ---- one child a step ------------------------------------------------------------------ */

/* The child: runs the job on a big stack, writes [status][bytes] to the pipe, exits at once
 * (no atexit handlers: the parent owns everything that was copied). */
static void child(int fd, sg_contained_fn fn, void *arg, unsigned stack_mib) {
    job j = {fn, arg, {0}, 0};
    run_on_large_stack(&j, stack_mib);
    int32_t status = j.out.failed ? -1 : (int32_t)j.status;
    if (write_all(fd, &status, sizeof status) != 0 ||
        (j.out.len && write_all(fd, j.out.data, j.out.len) != 0))
        _exit(3);
    _exit(0);
}

static long elapsed_ms(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

static int contain_off(void) {
    /* Fuzzing needs the work in this process, where the coverage counters are. */
    const char *off = getenv("STAKEGRAPH_NO_CONTAIN");
    return off && *off && strcmp(off, "0") != 0;
}

/* The step's error, made from the step's own texts. */
static void step_failed(const sg_contain_step *step, const sg_contained *how,
                        struct sg_diag *diag) {
    if (step && step->failed)
        step->failed(how, step->text, diag);
}

int sg_contain(sg_contained_fn fn, void *arg, const sg_contain_step *step, unsigned stack_mib,
               unsigned seconds, sg_buf *out, sg_contained *how, struct sg_diag *diag) {
    memset(how, 0, sizeof *how);
    if (inside)
        return contain_inside(fn, arg, step, seconds, out, how);
    if (contain_off()) {
        how->status = fn(arg, out);
        return 0;
    }
    int fds[2], errfds[2];
    if (pipe(fds) != 0) {
        how->not_run = 1;
        step_failed(step, how, diag);
        return -1;
    }
    if (pipe(errfds) != 0) {
        close(fds[0]);
        close(fds[1]);
        how->not_run = 1;
        step_failed(step, how, diag);
        return -1;
    }
    fflush(NULL); /* nothing buffered is written twice */
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        close(errfds[0]);
        close(errfds[1]);
        how->not_run = 1;
        step_failed(step, how, diag);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        close(errfds[0]);
        /* The child's standard error goes to the parent, which makes diagnostics of it. */
        if (dup2(errfds[1], STDERR_FILENO) >= 0)
            close(errfds[1]);
        child(fds[1], fn, arg, stack_mib);
    }
    close(fds[1]);
    close(errfds[1]);
    /* Read while the child writes (a full pipe would block it), until both pipes end or the
     * time limit passes. */
    sg_buf got = {0};
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    char chunk[65536];
    struct pollfd p[2] = {{fds[0], POLLIN, 0}, {errfds[0], POLLIN, 0}};
    sg_buf *into[2] = {&got, &how->output};
    while (p[0].fd >= 0 || p[1].fd >= 0) {
        long left = (long)seconds * 1000 - elapsed_ms(&start);
        if (left <= 0) {
            how->timed_out = 1;
            break;
        }
        int r = poll(p, 2, (int)(left > 1000 ? 1000 : left));
        if (r <= 0)
            continue;
        for (int k = 0; k < 2; k++) {
            if (p[k].fd < 0 || !p[k].revents)
                continue;
            ssize_t n = read(p[k].fd, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                close(p[k].fd);
                p[k].fd = -1; /* poll() skips it */
                continue;
            }
            sg_buf_append(into[k], chunk, (size_t)n);
        }
    }
    for (int k = 0; k < 2; k++)
        if (p[k].fd >= 0)
            close(p[k].fd);
    if (how->timed_out)
        kill(pid, SIGKILL);
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    int rc = -1;
    if (how->timed_out) {
        /* stays -1 */
    } else if (WIFSIGNALED(wstatus)) {
        how->signal = WTERMSIG(wstatus);
    } else if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 && got.len >= sizeof(int32_t)) {
        int32_t status;
        memcpy(&status, got.data, sizeof status);
        how->status = status;
        if (!out->data) { /* handed over, not copied (megabytes for a large graph: issue 10) */
            got.len -= sizeof status;
            memmove(got.data, got.data + sizeof status, got.len + 1);
            *out = got;
            got = (sg_buf){0};
        } else {
            sg_buf_append(out, got.data + sizeof status, got.len - sizeof status);
        }
        rc = 0;
    } else {
        how->signal = 0;
        how->not_run = got.len < sizeof(int32_t);
    }
    sg_buf_free(&got);
    if (rc != 0)
        step_failed(step, how, diag);
    return rc;
}

/* ---- one child a command --------------------------------------------------------------- */

typedef struct {
    int (*fn)(void *arg);
    void *arg;
} command_job;

static int run_command(void *arg, sg_buf *out) {
    (void)out;
    const command_job *c = arg;
    return c->fn(c->arg);
}

/* The step the child was in (copied out of the shared record), or 0 when it was in none. */
static int step_of(const step_record *r, sg_contain_step *step) {
    if (!r->active)
        return 0;
    step->failed = r->failed;
    for (int k = 0; k < SG_CONTAIN_TEXTS; k++)
        step->text[k] = r->has_text[k] ? r->text[k] : NULL;
    return 1;
}

/* Milliseconds left of the running step's time limit, or -1 when no step runs (or the record
 * is being written: looked at again at the next wake-up). */
static long step_left_ms(step_record *r) {
    unsigned before = atomic_load_explicit(&r->seq, memory_order_acquire);
    if (before & 1)
        return -1;
    int active = r->active;
    unsigned seconds = r->seconds;
    struct timespec start = r->start;
    atomic_thread_fence(memory_order_acquire);
    if (atomic_load_explicit(&r->seq, memory_order_relaxed) != before ||
        !active)
        return -1;
    long left = (long)seconds * 1000 - elapsed_ms(&start);
    return left > 0 ? left : 0;
}

int sg_contain_command(int (*fn)(void *arg), void *arg, struct sg_diag *diag, int *status) {
    if (inside || contain_off()) {
        *status = fn(arg);
        return 0;
    }
    step_record *r = mmap(NULL, sizeof *r, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                          -1, 0);
    int err = r == MAP_FAILED ? -1 : memfd_create("stakegraph-step-stderr", MFD_CLOEXEC);
    int alive[2] = {-1, -1};
    pid_t pid = -1;
    /* Only the main thread's stack grows with the limit (below); others have a fixed size. */
    int main_thread = getpid() == gettid();
    pid_t parent = getpid();
    if (err >= 0 && pipe2(alive, O_CLOEXEC) == 0) {
        fflush(NULL); /* nothing buffered is written twice */
        pid = fork();
    }
    if (pid < 0) {
        /* no child: each step is contained by itself */
        if (alive[0] >= 0) {
            close(alive[0]);
            close(alive[1]);
        }
        if (err >= 0)
            close(err);
        if (r != MAP_FAILED)
            munmap(r, sizeof *r);
        *status = fn(arg);
        return 0;
    }
    if (pid == 0) {
        /* The write end of `alive` stays open until this process ends: the parent's poll()
         * sees its end. */
        close(alive[0]);
        /* A parent killed by a signal the child did not get (kill PID) takes the child along,
         * as it would take the one process. */
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
            _exit(1);
        inside = r;
        inside_err = err;
        command_job c = {fn, arg};
        job j = {run_command, &c, {0}, 0};
        /* On the main thread, whose stack may grow up to the limit set here (the kernel looks
         * at the limit when it grows the stack; below the stack it keeps at least 128 MiB free
         * of mappings): a thread of its own would cost its stack and a malloc arena of fresh
         * pages (README, Performance > Drawing). valgrind fixes the main stack's size when it
         * starts: there, when the hard limit is lower, and when called from another thread,
         * a thread. */
        struct rlimit lim;
        rlim_t want = (rlim_t)SG_CONTAIN_STACK_MIB << 20;
        if (main_thread && !RUNNING_ON_VALGRIND && getrlimit(RLIMIT_STACK, &lim) == 0 &&
            (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= want ||
             ((lim.rlim_max == RLIM_INFINITY || lim.rlim_max >= want) &&
              (lim.rlim_cur = want, setrlimit(RLIMIT_STACK, &lim) == 0))))
            run_job(&j);
        else
            run_on_large_stack(&j, SG_CONTAIN_STACK_MIB);
        sg_buf_free(&j.out);
#if defined(SG_ASAN)
        /* LeakSanitizer looks at the whole command when it exits; not in a child forked from
         * another thread, where it would take what the parent's other threads hold for leaks. */
        if (main_thread)
            exit(j.status);
#endif
        /* Without the libraries' destructors: sixty libraries' exit code costs this process
         * about 150 page faults, and the parent runs them anyway. valgrind's leak check runs
         * at _exit too. */
        fflush(NULL);
        _exit(j.status);
    }
    close(alive[1]);
    /* Wait for the end of the child; wake up at least once a second to look at the running
     * step's time limit. */
    int timed_out = 0;
    for (;;) {
        long left = step_left_ms(r);
        if (left == 0) {
            timed_out = 1;
            break;
        }
        struct pollfd p = {alive[0], POLLIN, 0};
        int n = poll(&p, 1, left < 0 || left > 1000 ? 1000 : (int)left);
        if (n > 0) {
            char c;
            ssize_t got = read(alive[0], &c, 1);
            if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN))
                break;
        }
    }
    close(alive[0]);
    if (timed_out)
        kill(pid, SIGKILL);
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    sg_contained how;
    memset(&how, 0, sizeof how);
    sg_contain_step step = {0};
    int rc = 0;
    if (timed_out) {
        step_of(r, &step);
        how.timed_out = 1;
        rc = -1;
    } else if (WIFSIGNALED(wstatus)) {
        how.signal = WTERMSIG(wstatus);
        if (!step_of(r, &step)) {
            /* Not Graphviz's: end as the one process would have ended. */
            close(err);
            munmap(r, sizeof *r);
            fflush(NULL);
            signal(how.signal, SIG_DFL);
            raise(how.signal);
            *status = 128 + how.signal;
            return 0;
        }
        rc = -1;
    } else {
        *status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 1;
    }
    if (rc != 0) {
        read_errors(err, &how.output);
        step_failed(&step, &how, diag);
        sg_contain_report(&how, diag, step.text[0]);
    }
    close(err);
    munmap(r, sizeof *r);
    return rc;
}

/* cairo's bitmap size limit, printed by Graphviz's cairo plugin straight to stderr. */
static const char too_large[] = "graph is too large for cairo-renderer bitmaps. Scaling by ";

void sg_contain_report(sg_contained *how, sg_diag *diag, const char *file) {
    char *text = how->output.data;
    for (char *line = text; line && *line;) {
        char *end = strchr(line, '\n');
        char *next = end ? end + 1 : line + strlen(line);
        if (end)
            *end = '\0';
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        /* Graphviz's plugins put the program name first, "(null)" in a library. */
        if (strncmp(line, "(null): ", 8) == 0)
            line += 8;
        else if (strncmp(line, "dot: ", 5) == 0)
            line += 5;
        const char *scale = strstr(line, too_large);
        if (scale) {
            /* The factor as Graphviz printed it (C locale), not reparsed in the user's. */
            scale += sizeof too_large - 1;
            sg_diag_add(diag, SG_WARNING, file, 0, 0,
                        "Graphviz: the bitmap would be larger than cairo's limit of 32767 pixels "
                        "a side: the figure was drawn scaled down by %.*s (fewer pixels per inch "
                        "than --dpi asked; SVG and PDF keep the full size)",
                        (int)strspn(scale, "0123456789.e-"), scale);
        } else if (*line)
            sg_diag_add(diag, SG_WARNING, file, 0, 0, "Graphviz: %s", line);
        line = next;
    }
    sg_buf_free(&how->output);
}
