/* Fuzz target: the whole pipeline on DOT input: read, analyse, write the CSV and Markdown
 * reports, and render DOT and SVG. */
#include "fuzz_common.h"
#include "stakegraph.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sg_diag *diag = sg_diag_new();
    sg_graph *g = NULL;
    sg_analysis *a = NULL;
    sg_read_options opts = {.format = "dot"};
    if (sg_read_buffer((const char *)data, size, "fuzz.gv", &opts, &g, diag) == SG_OK &&
        sg_graph_node_count(g) <= 200 && sg_analyse(g, NULL, &a, diag) == SG_OK) {
        static const char *const reports[] = {"csv", "md"};
        for (int k = 0; k < 2; k++) {
            char *text = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&text, &len);
            if (f) {
                sg_report_write(g, a, diag, reports[k], NULL, f);
                fclose(f);
            }
            free(text);
        }
        static const char *const figures[] = {"gv", "svg"};
        for (int k = 0; k < 2; k++) {
            char *out = NULL;
            size_t len = 0;
            sg_render_options ro = {0};
            sg_render(g, &ro, figures[k], &out, &len, diag);
            sg_render_free(out);
        }
    }
    sg_analysis_free(a);
    sg_graph_free(g);
    sg_diag_free(diag);
    return 0;
}
