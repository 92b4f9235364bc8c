/*
 * Containment (src/util/contain.c, issue 9): a step run by sg_contain() in a child process, and
 * a whole command run by sg_contain_command() in one child with its steps inside. A crash, an
 * abort, a hang past the time limit or a deep recursion in a step must leave this process
 * running and say which step failed; bytes, statuses and standard error must come back.
 */
#include "stakegraph.h"
#include "util/contain.h"
#include "util/strbuf.h"

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

/* The test's own step error: "STEP: crashed with signal N" / "timed out" / "not run", naming
 * text[0] as the file. */
static void test_failed(const sg_contained *how, const char *const *text, sg_diag *diag) {
    const char *step = text[1] ? text[1] : "?";
    if (how->timed_out)
        sg_diag_add(diag, SG_ERROR, text[0], 0, 0, "%s: timed out", step);
    else if (how->signal)
        sg_diag_add(diag, SG_ERROR, text[0], 0, 0, "%s: crashed with signal %d", step,
                    how->signal);
    else
        sg_diag_add(diag, SG_ERROR, text[0], 0, 0, "%s: not run", step);
}

/* The one message of `diag` ("" when there is none or more than one). */
static const char *only_message(const sg_diag *diag) {
    return sg_diag_count(diag) == 1 ? sg_diag_get(diag, 0)->text : "";
}

static int say_hello(void *arg, sg_buf *out) {
    (void)arg;
    sg_buf_puts(out, "hello");
    return 7;
}

static int crash(void *arg, sg_buf *out) {
    (void)arg;
    sg_buf_puts(out, "lost");
    fprintf(stderr, "about to crash\n");
    signal(SIGSEGV, SIG_DFL); /* cmocka catches it; a crashing library meets no handler */
    raise(SIGSEGV);
    return 0;
}

static int abort_step(void *arg, sg_buf *out) {
    (void)arg;
    (void)out;
    signal(SIGABRT, SIG_DFL);
    abort();
}

static int hang(void *arg, sg_buf *out) {
    (void)arg;
    (void)out;
    for (;;)
        pause();
    return 0;
}

static int talk(void *arg, sg_buf *out) {
    (void)arg;
    (void)out;
    fprintf(stderr, "dot: a note\nsecond line\n");
    return 0;
}

/* About `depth` KiB of stack: deeper than the 8 MiB a process starts with. */
static unsigned long recurse(unsigned long depth) {
    volatile char frame[1024];
    frame[0] = (char)depth;
    frame[sizeof frame - 1] = 1;
    if (depth == 0)
        return frame[sizeof frame - 1];
    unsigned long below = recurse(depth - 1);
    return below + frame[sizeof frame - 1]; /* the frame lives until the call returns */
}

static int deep(void *arg, sg_buf *out) {
    unsigned long kib = *(const unsigned long *)arg;
    sg_buf_printf(out, "%lu", recurse(kib));
    return 0;
}

static const sg_contain_step step_a = {test_failed, {"in.gv", "step A", NULL, NULL}};

static void step_result_comes_back(void **state) {
    (void)state;
    sg_diag *diag = sg_diag_new();
    sg_buf out = {0};
    sg_contained how;
    assert_int_equal(sg_contain(say_hello, NULL, &step_a, 64, 60, &out, &how, diag), 0);
    assert_int_equal(how.status, 7);
    assert_int_equal(how.signal, 0);
    assert_string_equal(out.data, "hello");
    assert_int_equal(sg_diag_count(diag), 0);
    sg_contain_report(&how, diag, NULL);
    assert_int_equal(sg_diag_count(diag), 0);
    sg_buf_free(&out);
    sg_diag_free(diag);
}

static void step_crash_is_contained(void **state) {
    (void)state;
    sg_diag *diag = sg_diag_new();
    sg_buf out = {0};
    sg_contained how;
    assert_int_equal(sg_contain(crash, NULL, &step_a, 64, 60, &out, &how, diag), -1);
    assert_int_equal(how.signal, SIGSEGV);
    assert_null(out.data); /* nothing of the crashed step */
    assert_string_equal(only_message(diag), "step A: crashed with signal 11");
    assert_string_equal(sg_diag_get(diag, 0)->file, "in.gv");
    sg_contain_report(&how, diag, "in.gv"); /* what it printed before it crashed */
    assert_int_equal(sg_diag_count(diag), 2);
    assert_string_equal(sg_diag_get(diag, 1)->text, "Graphviz: about to crash");
    sg_diag_free(diag);

    diag = sg_diag_new();
    assert_int_equal(sg_contain(abort_step, NULL, &step_a, 64, 60, &out, &how, diag), -1);
    assert_int_equal(how.signal, SIGABRT);
    assert_string_equal(only_message(diag), "step A: crashed with signal 6");
    sg_contain_report(&how, diag, NULL);
    sg_diag_free(diag);
}

static void step_time_limit(void **state) {
    (void)state;
    sg_diag *diag = sg_diag_new();
    sg_buf out = {0};
    sg_contained how;
    assert_int_equal(sg_contain(hang, NULL, &step_a, 64, 1, &out, &how, diag), -1);
    assert_int_equal(how.timed_out, 1);
    assert_string_equal(only_message(diag), "step A: timed out");
    sg_contain_report(&how, diag, NULL);
    sg_diag_free(diag);
}

static void step_stderr_becomes_warnings(void **state) {
    (void)state;
    sg_diag *diag = sg_diag_new();
    sg_buf out = {0};
    sg_contained how;
    assert_int_equal(sg_contain(talk, NULL, &step_a, 64, 60, &out, &how, diag), 0);
    sg_contain_report(&how, diag, "in.gv");
    sg_buf_free(&out);
    assert_int_equal(sg_diag_count(diag), 2);
    assert_int_equal(sg_diag_get(diag, 0)->severity, SG_WARNING);
    assert_string_equal(sg_diag_get(diag, 0)->text, "Graphviz: a note"); /* "dot: " dropped */
    assert_string_equal(sg_diag_get(diag, 1)->text, "Graphviz: second line");
    assert_string_equal(sg_diag_get(diag, 1)->file, "in.gv");
    sg_diag_free(diag);
}

static void step_deep_recursion(void **state) {
    (void)state;
    sg_diag *diag = sg_diag_new();
    sg_buf out = {0};
    sg_contained how;
    unsigned long kib = 24 * 1024; /* 24 MiB of the 64 */
    int rc = sg_contain(deep, &kib, &step_a, 64, 300, &out, &how, diag);
    if (rc != 0) /* what the child said (valgrind's messages among them) */
        fprintf(stderr, "%s\n", how.output.data ? how.output.data : "");
    assert_int_equal(rc, 0);
    assert_string_equal(out.data, "24577"); /* one per frame, and the last frame's 1 */
    sg_contain_report(&how, diag, NULL);
    assert_int_equal(sg_diag_count(diag), 0);
    sg_buf_free(&out);
    sg_diag_free(diag);
}

/* ---- a whole command in one child ---- */

/* What a command does, and where it reports to the test (a pipe: the command runs in another
 * process). */
typedef struct {
    const char *what;
    int fd;
} command;

static void tell(int fd, const char *text) {
    if (write(fd, text, strlen(text)) < 0)
        abort();
}

static int run(void *arg) {
    const command *c = arg;
    sg_diag *diag = sg_diag_new();
    sg_buf out = {0};
    sg_contained how = {0};
    unsigned long kib = 24 * 1024;
    static const sg_contain_step read_step = {test_failed, {"in.gv", "reading", NULL, NULL}};
    static const sg_contain_step draw_step = {test_failed, {NULL, "drawing", NULL, NULL}};
    int status = 0;
    if (strcmp(c->what, "steps") == 0) {
        /* two steps in this process: their bytes, statuses and stderr come back as from a
         * child of their own */
        if (sg_contain(say_hello, NULL, &read_step, 64, 60, &out, &how, diag) != 0 ||
            how.status != 7 || strcmp(out.data, "hello") != 0)
            status = 10;
        sg_contain_report(&how, diag, NULL);
        if (sg_contain(talk, NULL, &draw_step, 64, 60, &out, &how, diag) != 0)
            status = 11;
        sg_contain_report(&how, diag, "in.gv");
        if (sg_diag_count(diag) != 2 ||
            strcmp(sg_diag_get(diag, 0)->text, "Graphviz: a note") != 0)
            status = 12;
        char pid[32];
        snprintf(pid, sizeof pid, "%ld", (long)getpid());
        tell(c->fd, pid);
    } else if (strcmp(c->what, "deep") == 0) {
        /* the command's own stack holds 24 MiB */
        status = sg_contain(deep, &kib, &read_step, 64, 300, &out, &how, diag) == 0 &&
                         strcmp(out.data, "24577") == 0
                     ? 0
                     : 20;
    } else if (strcmp(c->what, "crash") == 0) {
        tell(c->fd, "before;");
        sg_contain(talk, NULL, &read_step, 64, 60, &out, &how, diag);
        sg_contain(crash, NULL, &draw_step, 64, 60, &out, &how, diag);
        tell(c->fd, "after;"); /* never */
    } else if (strcmp(c->what, "hang") == 0) {
        sg_contain(hang, NULL, &read_step, 64, 1, &out, &how, diag);
    } else if (strcmp(c->what, "own crash") == 0) {
        signal(SIGSEGV, SIG_DFL);
        raise(SIGSEGV); /* outside every step */
    } else {
        status = 42;
    }
    sg_contain_report(&how, diag, NULL);
    sg_buf_free(&out);
    sg_diag_free(diag);
    return status;
}

/* Runs command `what` contained; returns what it told the test through the pipe. */
static char *contained(const char *what, int expect_rc, int expect_status, sg_diag *diag) {
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    command c = {what, fds[1]};
    int status = -1;
    assert_int_equal(sg_contain_command(run, &c, diag, &status), expect_rc);
    if (expect_rc == 0)
        assert_int_equal(status, expect_status);
    close(fds[1]);
    static char told[256];
    ssize_t n = read(fds[0], told, sizeof told - 1);
    told[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    return told;
}

static void command_runs_once_in_a_child(void **state) {
    (void)state;
    sg_diag *diag = sg_diag_new();
    assert_int_equal(sg_diag_count(diag), 0);
    contained("other", 0, 42, diag); /* the command's exit status comes back */
    char *pid = contained("steps", 0, 0, diag);
    /* the steps ran in the command's process, which is not this one */
    assert_true(atol(pid) > 0);
    assert_true(atol(pid) != (long)getpid());
    assert_int_equal(sg_diag_count(diag), 0);
    contained("deep", 0, 0, diag);
    assert_int_equal(sg_diag_count(diag), 0);
    sg_diag_free(diag);
}

static void command_step_crash_names_the_step(void **state) {
    (void)state;
    sg_diag *diag = sg_diag_new();
    assert_string_equal(contained("crash", -1, 0, diag), "before;");
    /* the step that crashed, then what it printed to stderr before */
    assert_int_equal(sg_diag_count(diag), 2);
    assert_string_equal(sg_diag_get(diag, 0)->text, "drawing: crashed with signal 11");
    assert_null(sg_diag_get(diag, 0)->file);
    assert_string_equal(sg_diag_get(diag, 1)->text, "Graphviz: about to crash");
    sg_diag_free(diag);

    diag = sg_diag_new();
    contained("hang", -1, 0, diag);
    assert_string_equal(only_message(diag), "reading: timed out");
    assert_string_equal(sg_diag_get(diag, 0)->file, "in.gv");
    sg_diag_free(diag);
}

/* From a thread other than the main one, whose stack cannot grow: the command gets a thread
 * with the large stack. */
static void *deep_command(void *arg) {
    sg_diag *diag = sg_diag_new();
    int status = -1;
    int fds[2];
    if (pipe(fds) != 0)
        abort();
    command c = {"deep", fds[1]};
    int rc = sg_contain_command(run, &c, diag, &status);
    close(fds[0]);
    close(fds[1]);
    *(int *)arg = rc == 0 && status == 0 && sg_diag_count(diag) == 0;
    sg_diag_free(diag);
    return NULL;
}

static void command_from_a_thread(void **state) {
    (void)state;
    pthread_attr_t attr;
    pthread_t thread;
    int ok = 0;
    assert_int_equal(pthread_attr_init(&attr), 0);
    assert_int_equal(pthread_attr_setstacksize(&attr, 1 << 20), 0); /* 1 MiB */
    assert_int_equal(pthread_create(&thread, &attr, deep_command, &ok), 0);
    assert_int_equal(pthread_join(thread, NULL), 0);
    assert_int_equal(ok, 1);
}

/* A crash outside every step is not Graphviz's: the process ends by the same signal. */
static void command_own_crash_ends_the_process(void **state) {
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        sg_diag *diag = sg_diag_new();
        int status = 0;
        sg_contain_command(run, &(command){"own crash", -1}, diag, &status);
        _exit(99); /* not reached */
    }
    int wstatus = 0;
    assert_int_equal(waitpid(pid, &wstatus, 0), pid);
    assert_true(WIFSIGNALED(wstatus));
    assert_int_equal(WTERMSIG(wstatus), SIGSEGV);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(step_result_comes_back),
        cmocka_unit_test(step_crash_is_contained),
        cmocka_unit_test(step_time_limit),
        cmocka_unit_test(step_stderr_becomes_warnings),
        cmocka_unit_test(step_deep_recursion),
        cmocka_unit_test(command_runs_once_in_a_child),
        cmocka_unit_test(command_step_crash_names_the_step),
        cmocka_unit_test(command_from_a_thread),
        cmocka_unit_test(command_own_crash_ends_the_process),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
