/* Containment: fork, run on a large stack, send the result back through a pipe. */
#include "util/contain.h"
#include "stakegraph.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
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

/* The child: runs the job on a big stack, writes [status][bytes] to the pipe, exits at once
 * (no atexit handlers: the parent owns everything that was copied). */
static void child(int fd, sg_contained_fn fn, void *arg, unsigned stack_mib) {
    job j = {fn, arg, {0}, 0};
    pthread_attr_t attr;
    pthread_t thread;
    int ok = pthread_attr_init(&attr) == 0 &&
             pthread_attr_setstacksize(&attr, (size_t)stack_mib << 20) == 0 &&
             pthread_create(&thread, &attr, run_job, &j) == 0 && pthread_join(thread, NULL) == 0;
    if (!ok)
        run_job(&j); /* no thread: run on this stack */
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

int sg_contain(sg_contained_fn fn, void *arg, unsigned stack_mib, unsigned seconds, sg_buf *out,
               sg_contained *how) {
    memset(how, 0, sizeof *how);
    /* Fuzzing needs the work in this process, where the coverage counters are. */
    const char *off = getenv("STAKEGRAPH_NO_CONTAIN");
    if (off && *off && strcmp(off, "0") != 0) {
        how->status = fn(arg, out);
        return 0;
    }
    int fds[2], errfds[2];
    if (pipe(fds) != 0) {
        how->not_run = 1;
        return -1;
    }
    if (pipe(errfds) != 0) {
        close(fds[0]);
        close(fds[1]);
        how->not_run = 1;
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
        sg_buf_append(out, got.data + sizeof status, got.len - sizeof status);
        rc = 0;
    } else {
        how->signal = 0;
        how->not_run = got.len < sizeof(int32_t);
    }
    sg_buf_free(&got);
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
