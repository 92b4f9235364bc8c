/* Fuzz target: the graphml reader. Any input must give a graph or an error, never a crash. */
#include "fuzz_common.h"
#include "stakegraph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sg_diag *diag = sg_diag_new();
    sg_graph *g = NULL;
    sg_read_options opts = {.format = "graphml"};
    sg_read_buffer((const char *)data, size, "fuzz", &opts, &g, diag);
    sg_graph_free(g);
    sg_diag_free(diag);
    return 0;
}
