/* bench/readtime.c: the time stakegraph takes to read a graph file, nothing else (issue 10's
 * reading goals: CSV at 50 MB/s, DOT within 1.2x of Graphviz's gc).
 *
 * Usage: readtime FILE [NODES.csv]
 * Reads FILE with sg_read_file() (the nodes table with it when given) and prints one line:
 * bytes read, wall seconds, CPU seconds (user + system of this process and its children: the
 * DOT reader parses in a child process), MB/s of wall time and of CPU time. Built by run.sh
 * against the release libstakegraph; not a test. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "stakegraph.h"

static double cpu_seconds(void) {
    double t = 0;
    struct rusage ru;
    int who[2] = {RUSAGE_SELF, RUSAGE_CHILDREN};
    for (int i = 0; i < 2; i++)
        if (getrusage(who[i], &ru) == 0)
            t += (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    return t;
}

static double wall_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long long file_size(const char *path) {
    struct stat st;
    return path && stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: readtime FILE [NODES.csv]\n");
        return 2;
    }
    sg_read_options opts = {0};
    opts.nodes_path = argc == 3 ? argv[2] : NULL;
    sg_diag *diag = sg_diag_new();
    sg_graph *g = NULL;
    double w0 = wall_seconds(), c0 = cpu_seconds();
    int rc = sg_read_file(argv[1], &opts, &g, diag);
    double w = wall_seconds() - w0, c = cpu_seconds() - c0;
    if (rc != 0) {
        fprintf(stderr, "readtime: %s: read failed (%d)\n", argv[1], rc);
        return 1;
    }
    double mb = (double)(file_size(argv[1]) + file_size(opts.nodes_path)) / 1e6;
    printf("%.1f MB\t%.3f s wall\t%.3f s CPU\t%.1f MB/s wall\t%.1f MB/s CPU\n", mb, w, c, mb / w,
           mb / c);
    sg_graph_free(g);
    sg_diag_free(diag);
    return 0;
}
