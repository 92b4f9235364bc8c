/*
 * stakegraph: the program. It links nothing but the C library and loads the command line
 * (stakegraph-cli.so, src/cli/main.c, with the library, Graphviz and igraph behind it) with
 * dlopen().
 *
 * Why (issue 9; README, Performance > Drawing): `draw` and `grid` run in a child process, so
 * that a crash or a runaway layout inside Graphviz becomes an error message. Forked from a
 * process that had loaded Graphviz's and igraph's sixty libraries, the child took some 200
 * copy-on-write page faults on pages the loader had written (16 % of an 11-node figure). Forked
 * from here, before anything is loaded, it takes none of them: the child loads the libraries
 * itself, as the one process would have. The parent loads them only to word a failed step's
 * error. Every other command, and these two with STAKEGRAPH_NO_CONTAIN set, run in this process.
 */
#include "cli/cli.h"
#include "util/command.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if !defined(SG_MODULE_DIR) || !defined(SG_MODULE_FROM_BIN)
#error "SG_MODULE_DIR, SG_MODULE_FROM_BIN: where stakegraph-cli.so is installed (meson.build)"
#endif
#define MODULE "stakegraph-cli.so"

/* dlopen()s `dir`/`rel`/MODULE ("" for no `rel`) when the file is there; NULL otherwise. */
static void *load_from(const char *dir, const char *rel) {
    char path[2 * PATH_MAX];
    int n = snprintf(path, sizeof path, "%s%s%s/%s", dir, *rel ? "/" : "", rel, MODULE);
    if (n < 0 || (size_t)n >= sizeof path || access(path, F_OK) != 0)
        return NULL;
    return dlopen(path, RTLD_LAZY | RTLD_GLOBAL);
}

/* The module: beside this program (the build tree), else at SG_MODULE_FROM_BIN from this
 * program's directory (an installed tree, wherever it was moved), else where it is installed.
 * Exits with status 1 and a message when it cannot be loaded. */
static void *load_module(void) {
    char dir[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    void *h = NULL;
    if (n > 0) {
        dir[n] = '\0';
        char *slash = strrchr(dir, '/');
        if (slash) {
            *slash = '\0';
            h = load_from(dir, "");
            if (!h && SG_MODULE_FROM_BIN[0] != '/')
                h = load_from(dir, SG_MODULE_FROM_BIN);
        }
    }
    if (!h)
        h = load_from(SG_MODULE_DIR, "");
    if (!h) {
        const char *why = dlerror();
        fprintf(stderr, "stakegraph: cannot load %s (from %s): %s\n", MODULE, SG_MODULE_DIR,
                why ? why : "no such file");
        exit(1);
    }
    return h;
}

/* The module's function `name`; exits with a message when it has none. */
static void *find(void *module, const char *name) {
    void *p = dlsym(module, name);
    if (!p) {
        fprintf(stderr, "stakegraph: %s has no %s: built from other sources?\n", MODULE, name);
        exit(1);
    }
    return p;
}

typedef int (*main_fn)(int, char **);

typedef struct {
    sg_command *c;
    int argc;
    char **argv;
} child_args;

/* The command's child: loads the command line, tells the library that its steps are recorded in
 * the shared record, runs the command. */
static int child(void *arg) {
    const child_args *a = arg;
    void *module = load_module();
    void (*enter)(sg_step_record *, int);
    main_fn cli_main;
    void *p = find(module, "sg_contain_enter");
    memcpy(&enter, &p, sizeof p);
    p = find(module, "sg_cli_main");
    memcpy(&cli_main, &p, sizeof p);
    enter(a->c->record, a->c->err);
    return cli_main(a->argc, a->argv);
}

/* 1 when `command` draws with Graphviz for the whole of its run (draw, grid) and containment
 * is not switched off (STAKEGRAPH_NO_CONTAIN, for the fuzz targets and for measuring). */
static int contained(int argc, char **argv) {
    if (argc < 2 || sg_command_off())
        return 0;
    return strcmp(argv[1], "draw") == 0 || strcmp(argv[1], "grid") == 0;
}

int main(int argc, char **argv) {
    sg_command c;
    if (contained(argc, argv)) {
        int forked = sg_command_fork(&c);
        if (forked == 0) {
            child_args a = {&c, argc, argv};
            sg_command_child_run(&c, child, &a);
        }
        if (forked == 1) {
            sg_command_end end;
            int status;
            if (sg_command_wait(&c, &end) == 0) {
                status = end.status;
            } else {
                int (*failed)(sg_command *, const sg_command_end *);
                void *p = find(load_module(), "sg_cli_contained_failed");
                memcpy(&failed, &p, sizeof p);
                status = failed(&c, &end);
            }
            sg_command_close(&c);
            return status;
        }
        /* no child: the command line contains each step by itself */
    }
    main_fn cli_main;
    void *p = find(load_module(), "sg_cli_main");
    memcpy(&cli_main, &p, sizeof p);
    return cli_main(argc, argv);
}
