/* Containment: fork, run on a large stack, send the result back through a pipe. */
#define _GNU_SOURCE /* memfd_create */
#include "util/contain.h"
#include "stakegraph.h"

#include <dlfcn.h>
#include <errno.h>
#include <link.h>
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
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
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

/* In the child of a command (sg_contain_command, or the launcher's: sg_contain_enter): the
 * shared record, and a memory file that the steps' standard error goes to (shared too: the
 * parent reads it after a crash). */
static sg_step_record *inside;
static int inside_err = -1;

void sg_contain_enter(sg_step_record *record, int err) {
    inside = record;
    inside_err = err;
}

void sg_contain_label(const char *name) {
    if (!inside)
        return;
    size_t n = name ? strnlen(name, SG_CONTAIN_TEXT_MAX) : 0;
    memcpy(inside->label, name ? name : "", n);
    inside->label[n] = '\0';
}

/* Records where `failed` is: its object's path and its offset from the object's load address,
 * which the parent finds again in its own copy of the object (see sg_step_record). */
static void record_failed(void (*failed)(const sg_contained *, const char *const *,
                                         struct sg_diag *)) {
    Dl_info info;
    struct link_map *map = NULL;
    inside->has_failed = 0;
    void *at;
    memcpy(&at, &failed, sizeof at); /* a function's address as data (POSIX dladdr) */
    if (!failed || !dladdr1(at, &info, (void **)&map, RTLD_DL_LINKMAP) || !map)
        return;
    size_t n = map->l_name ? strnlen(map->l_name, SG_COMMAND_PATH_MAX) : 0;
    if (n == SG_COMMAND_PATH_MAX)
        return;
    memcpy(inside->object, map->l_name, n);
    inside->object[n] = '\0';
    inside->offset = (unsigned long)((uintptr_t)at - (uintptr_t)map->l_addr);
    inside->has_failed = 1;
}

static void record_step(const sg_contain_step *step, unsigned seconds) {
    atomic_fetch_add_explicit(&inside->seq, 1, memory_order_acq_rel);
    inside->active = 1;
    inside->seconds = seconds;
    clock_gettime(CLOCK_MONOTONIC, &inside->start);
    record_failed(step ? step->failed : NULL);
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
    if (sg_command_off()) {
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

/* The step's failed function in this process: the record's object and offset (see
 * sg_step_record), or NULL when the object is not loaded here. */
static void (*failed_here(const sg_step_record *r))(const sg_contained *, const char *const *,
                                                    struct sg_diag *) {
    if (!r->has_failed)
        return NULL;
    /* RTLD_NOLOAD: only an object already loaded; "" is the program itself */
    void *h = dlopen(r->object[0] ? r->object : NULL, RTLD_LAZY | RTLD_NOLOAD);
    struct link_map *map = NULL;
    if (!h)
        return NULL;
    int ok = dlinfo(h, RTLD_DI_LINKMAP, &map) == 0 && map;
    uintptr_t at = ok ? (uintptr_t)map->l_addr + (uintptr_t)r->offset : 0;
    dlclose(h); /* NOLOAD took a reference; the object stays, loaded before */
    void (*fn)(const sg_contained *, const char *const *, struct sg_diag *) = NULL;
    if (ok) {
        void *p = (void *)at;
        memcpy(&fn, &p, sizeof fn);
    }
    return fn;
}

int sg_contain_failed(sg_command *c, const sg_command_end *end, struct sg_diag *diag) {
    const sg_step_record *r = c->record;
    sg_contained how;
    memset(&how, 0, sizeof how);
    how.signal = end->signal;
    how.timed_out = end->timed_out;
    sg_contain_step step = {failed_here(r), {NULL}};
    for (int k = 0; k < SG_CONTAIN_TEXTS; k++)
        step.text[k] = r->has_text[k] ? r->text[k] : NULL;
    read_errors(c->err, &how.output);
    if (step.failed)
        step.failed(&how, step.text, diag);
    else if (how.timed_out)
        sg_diag_add(diag, SG_ERROR, step.text[0], 0, 0,
                    "the program ran out of time (over %u seconds)", r->seconds);
    else
        sg_diag_add(diag, SG_ERROR, step.text[0], 0, 0, "the program crashed (signal %d: %s)",
                    how.signal, strsignal(how.signal));
    sg_contain_report(&how, diag, step.text[0]);
    return -1;
}

typedef struct {
    int (*fn)(void *arg);
    void *arg;
    sg_command *c;
} command_job;

static int run_command(void *arg) {
    const command_job *j = arg;
    sg_contain_enter(j->c->record, j->c->err);
    return j->fn(j->arg);
}

int sg_contain_command(int (*fn)(void *arg), void *arg, struct sg_diag *diag, int *status) {
    sg_command c;
    if (inside || sg_command_off() || sg_command_fork(&c) < 0) {
        /* no child: each step is contained by itself */
        *status = fn(arg);
        return 0;
    }
    if (c.pid == 0) {
        command_job j = {fn, arg, &c};
        sg_command_child_run(&c, run_command, &j);
    }
    sg_command_end end;
    int rc = 0;
    if (sg_command_wait(&c, &end) != 0)
        rc = sg_contain_failed(&c, &end, diag);
    *status = end.status;
    sg_command_close(&c);
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
