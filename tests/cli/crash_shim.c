/*
 * Test shim for the contain-crash CLI case (issue 9), loaded with LD_PRELOAD: Graphviz 2.43
 * crashes on some inputs, but no input at hand crashes this build, so this stands in for one.
 * With SG_CRASH_IN=agread (cgraph's parser, the DOT reader's step) or SG_CRASH_IN=gvLayout (the
 * drawing's step) that function raises SIGSEGV, as a crash in Graphviz would end; otherwise it
 * calls the real one.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static void crash_if(const char *function) {
    const char *in = getenv("SG_CRASH_IN");
    if (in && strcmp(in, function) == 0) {
        signal(SIGSEGV, SIG_DFL);
        raise(SIGSEGV);
    }
}

/* The next definition of `name` (the real one), as a function pointer without ISO C's
 * object-to-function cast. */
static void next(const char *name, void *fn, size_t size) {
    void *p = dlsym(RTLD_NEXT, name);
    if (!p)
        abort();
    memcpy(fn, &p, size);
}

Agraph_t *agread(void *chan, Agdisc_t *disc) {
    crash_if("agread");
    Agraph_t *(*real)(void *, Agdisc_t *);
    next("agread", &real, sizeof real);
    return real(chan, disc);
}

int gvLayout(GVC_t *gvc, graph_t *g, const char *engine) {
    crash_if("gvLayout");
    int (*real)(GVC_t *, graph_t *, const char *);
    next("gvLayout", &real, sizeof real);
    return real(gvc, g, engine);
}
