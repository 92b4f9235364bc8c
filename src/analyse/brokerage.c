/* Gould and Fernandez (1989) brokerage roles. igraph has no brokerage measure; this is the
 * project's own code, tested by hand-derived counts in tests/unit/test_analyse.c. */
#include "analyse/brokerage.h"

igraph_error_t sg_brokerage(const igraph_t *G, const igraph_integer_t *group, double *out[5]) {
    igraph_integer_t n = igraph_vcount(G);
    igraph_adjlist_t in, outs;
    int directed = igraph_is_directed(G);
    /* Neighbour lists come sorted by vertex id, so "a -> c?" is a binary search. */
    IGRAPH_CHECK(igraph_adjlist_init(G, &in, directed ? IGRAPH_IN : IGRAPH_ALL, IGRAPH_NO_LOOPS,
                                     IGRAPH_NO_MULTIPLE));
    IGRAPH_FINALLY(igraph_adjlist_destroy, &in);
    IGRAPH_CHECK(igraph_adjlist_init(G, &outs, directed ? IGRAPH_OUT : IGRAPH_ALL,
                                     IGRAPH_NO_LOOPS, IGRAPH_NO_MULTIPLE));
    IGRAPH_FINALLY(igraph_adjlist_destroy, &outs);
    for (igraph_integer_t v = 0; v < n; v++) {
        for (int k = 0; k < 5; k++)
            out[k][v] = 0;
        igraph_vector_int_t *from = igraph_adjlist_get(&in, v);
        igraph_vector_int_t *to = igraph_adjlist_get(&outs, v);
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(from); i++) {
            igraph_integer_t a = VECTOR(*from)[i];
            igraph_vector_int_t *a_out = igraph_adjlist_get(&outs, a);
            for (igraph_integer_t j = 0; j < igraph_vector_int_size(to); j++) {
                igraph_integer_t c = VECTOR(*to)[j];
                if (c == a || igraph_vector_int_binsearch2(a_out, c))
                    continue; /* a reaches c directly: v brokers nothing */
                igraph_integer_t ga = group[a], gv = group[v], gc = group[c];
                int role = ga == gv && gv == gc ? 0
                           : gv == gc           ? 1
                           : ga == gv           ? 2
                           : ga == gc           ? 3
                                                : 4;
                out[role][v] += 1;
            }
        }
    }
    igraph_adjlist_destroy(&outs);
    igraph_adjlist_destroy(&in);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}
