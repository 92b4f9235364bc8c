/* Gould and Fernandez (1989) brokerage roles. igraph has no brokerage measure; this is the
 * project's own code, tested by hand-derived counts in tests/unit/test_analyse.c. */
#include "analyse/brokerage.h"

static int role_of(igraph_integer_t ga, igraph_integer_t gv, igraph_integer_t gc) {
    return ga == gv && gv == gc ? 0 : gv == gc ? 1 : ga == gv ? 2 : ga == gc ? 3 : 4;
}

/*
 * By counting rather than by listing the two-paths: the pairs (a, c) of an in-neighbour a and
 * an out-neighbour c of v fall into the five roles by the groups alone, so the counts of
 * in- and out-neighbours per group give every role's number of pairs at once; then the pairs
 * that broker nothing (c = a, or an arc a -> c) are taken off one by one, found through the
 * shorter of out(a) and out(v). Where every v was O(in(v) x out(v) x log) before, which on
 * heavy-tailed graphs (bench/gen.py's XL) took minutes, this is O(in(v) + out(v) + the
 * excluded pairs' search).
 */
igraph_error_t sg_brokerage(const igraph_t *G, const igraph_integer_t *group, double *out[5]) {
    igraph_integer_t n = igraph_vcount(G), groups = 1;
    igraph_adjlist_t in, outs;
    int directed = igraph_is_directed(G);
    /* Neighbour lists come sorted by vertex id, so "a -> c?" is a binary search. */
    IGRAPH_CHECK(igraph_adjlist_init(G, &in, directed ? IGRAPH_IN : IGRAPH_ALL, IGRAPH_NO_LOOPS,
                                     IGRAPH_NO_MULTIPLE));
    IGRAPH_FINALLY(igraph_adjlist_destroy, &in);
    IGRAPH_CHECK(igraph_adjlist_init(G, &outs, directed ? IGRAPH_OUT : IGRAPH_ALL,
                                     IGRAPH_NO_LOOPS, IGRAPH_NO_MULTIPLE));
    IGRAPH_FINALLY(igraph_adjlist_destroy, &outs);
    for (igraph_integer_t v = 0; v < n; v++)
        groups = group[v] + 1 > groups ? group[v] + 1 : groups;
    igraph_integer_t *mark = IGRAPH_CALLOC(n > 0 ? n : 1, igraph_integer_t);
    double *count_in = IGRAPH_CALLOC(groups, double), *count_out = IGRAPH_CALLOC(groups, double);
    igraph_integer_t *touched = IGRAPH_CALLOC(n > 0 ? n : 1, igraph_integer_t);
    if (!mark || !count_in || !count_out || !touched) {
        IGRAPH_FREE(mark), IGRAPH_FREE(count_in), IGRAPH_FREE(count_out), IGRAPH_FREE(touched);
        IGRAPH_ERROR("no memory for brokerage", IGRAPH_ENOMEM);
    }
    for (igraph_integer_t v = 0; v < n; v++)
        mark[v] = -1;
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_vector_int_t *from = igraph_adjlist_get(&in, v);
        igraph_vector_int_t *to = igraph_adjlist_get(&outs, v);
        igraph_integer_t n_in = igraph_vector_int_size(from), n_out = igraph_vector_int_size(to);
        igraph_integer_t gv = group[v], n_touched = 0;
        double role[5] = {0, 0, 0, 0, 0};
        for (igraph_integer_t j = 0; j < n_out; j++) {
            igraph_integer_t c = VECTOR(*to)[j];
            mark[c] = v;
            count_out[group[c]] += 1;
        }
        for (igraph_integer_t i = 0; i < n_in; i++) {
            igraph_integer_t g = group[VECTOR(*from)[i]];
            if (count_in[g] == 0)
                touched[n_touched++] = g;
            count_in[g] += 1;
        }
        /* every pair by the groups of a and c */
        role[0] = count_in[gv] * count_out[gv];
        role[1] = ((double)n_in - count_in[gv]) * count_out[gv];
        role[2] = count_in[gv] * ((double)n_out - count_out[gv]);
        for (igraph_integer_t k = 0; k < n_touched; k++)
            if (touched[k] != gv)
                role[3] += count_in[touched[k]] * count_out[touched[k]];
        role[4] = (double)n_in * (double)n_out - role[0] - role[1] - role[2] - role[3];
        /* less the pairs that broker nothing: c = a, or a reaches c directly */
        for (igraph_integer_t i = 0; i < n_in; i++) {
            igraph_integer_t a = VECTOR(*from)[i], ga = group[a];
            igraph_vector_int_t *a_out = igraph_adjlist_get(&outs, a);
            igraph_integer_t n_a = igraph_vector_int_size(a_out);
            if (mark[a] == v)
                role[role_of(ga, gv, ga)] -= 1;
            if (n_a <= n_out) {
                for (igraph_integer_t j = 0; j < n_a; j++) {
                    igraph_integer_t c = VECTOR(*a_out)[j];
                    if (mark[c] == v && c != a)
                        role[role_of(ga, gv, group[c])] -= 1;
                }
            } else {
                for (igraph_integer_t j = 0; j < n_out; j++) {
                    igraph_integer_t c = VECTOR(*to)[j];
                    if (c != a && igraph_vector_int_binsearch2(a_out, c))
                        role[role_of(ga, gv, group[c])] -= 1;
                }
            }
        }
        for (int k = 0; k < 5; k++)
            out[k][v] = role[k];
        for (igraph_integer_t j = 0; j < n_out; j++)
            count_out[group[VECTOR(*to)[j]]] = 0;
        for (igraph_integer_t k = 0; k < n_touched; k++)
            count_in[touched[k]] = 0;
    }
    IGRAPH_FREE(mark), IGRAPH_FREE(count_in), IGRAPH_FREE(count_out), IGRAPH_FREE(touched);
    igraph_adjlist_destroy(&outs);
    igraph_adjlist_destroy(&in);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}
