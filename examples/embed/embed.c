/*
 * Embedding stakegraph: read a graph, analyse it, print the three organisations with the
 * highest PageRank, and draw the figure as SVG. Only the public header and library are used.
 *
 * Build against an installed stakegraph:
 *     cc embed.c $(pkg-config --cflags --libs stakegraph) -o embed
 * Usage: embed GRAPH OUT.svg
 */
#include <stakegraph.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s GRAPH OUT.svg\n", argv[0]);
        return 2;
    }
    int status = 1;
    sg_diag *diag = sg_diag_new();
    sg_graph *g = NULL;
    sg_analysis *a = NULL;
    char *svg = NULL;
    size_t size = 0;
    if (!diag)
        return 1;

    /* Read: the format comes from the file's extension (.gv, .csv, .graphml, ...). */
    if (sg_read_file(argv[1], NULL, &g, diag) != SG_OK)
        goto done;
    /* Analyse: every measure, default settings (PageRank damping 0.85, seed 0). */
    sg_analysis_options ao = {0};
    if (sg_analyse(g, &ao, &a, diag) != SG_OK)
        goto done;
    printf("%zu organisations, %zu links\n", sg_graph_node_count(g), sg_graph_edge_count(g));

    /* The three highest PageRank values, ties in input order. */
    int taken[3] = {-1, -1, -1};
    for (int k = 0; k < 3 && k < (int)sg_graph_node_count(g); k++) {
        for (size_t i = 0; i < sg_graph_node_count(g); i++) {
            double v = sg_analysis_value(a, SG_PAGERANK, i);
            int used = 0;
            for (int j = 0; j < k; j++)
                used |= taken[j] == (int)i;
            if (!used && !isnan(v) &&
                (taken[k] < 0 || v > sg_analysis_value(a, SG_PAGERANK, (size_t)taken[k])))
                taken[k] = (int)i;
        }
        printf("%d. %s (%s): pagerank %.4f\n", k + 1, sg_graph_node_label(g, (size_t)taken[k]),
               sg_graph_node_id(g, (size_t)taken[k]),
               sg_analysis_value(a, SG_PAGERANK, (size_t)taken[k]));
    }

    /* Draw: the styled figure as SVG, written to the file given. */
    sg_render_options ro = {.title = NULL};
    if (sg_render(g, &ro, "svg", &svg, &size, diag) != SG_OK)
        goto done;
    FILE *out = fopen(argv[2], "wb");
    int written = out && fwrite(svg, 1, size, out) == size;
    if (out && fclose(out) != 0)
        written = 0;
    if (!written) {
        perror(argv[2]);
        goto done;
    }
    printf("figure: %s (%zu bytes)\n", argv[2], size);
    status = 0;
done:
    sg_diag_print(diag, stderr);
    sg_render_free(svg);
    sg_analysis_free(a);
    sg_graph_free(g);
    sg_diag_free(diag);
    return status;
}
