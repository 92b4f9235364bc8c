/* The centrality report as LaTeX: booktabs rules in a longtable (the table may run over pages),
 * with caption and label. One file serves two uses: compiled alone (pdflatex, xelatex or
 * lualatex) it is a whole document; \input into a document it is the table alone, and that
 * document's preamble needs \usepackage{booktabs,longtable,array}. The test that tells the two
 * apart: once a document class is loaded, LaTeX has let \documentclass be \@twoclasseserror.
 *
 * Wide tables are cut into parts of at most PART_MEASURES measure columns, each a longtable
 * with id, label and type first; the parts after the first say "continued" and refer to the
 * first by its label. */
#include "write/report.h"

#include <stdlib.h>
#include <string.h>

enum { PART_MEASURES = 8 };

/* Text for LaTeX's text mode: the ten special characters, and < > | (which OT1 fonts would
 * print as other glyphs), as commands; line breaks and other control characters as spaces;
 * "--" kept as two hyphens; a break allowed after "_" so that snake_case types can wrap.
 * UTF-8 passes through: pdflatex's utf8 input with T1 fonts (the standalone preamble) sets
 * Turkish and the other Latin letters, xelatex and lualatex set every script their font has. */
static void tex_text(sg_buf *out, const char *s, int breakable) {
    static const struct {
        char c;
        const char *tex;
    } specials[] = {
        {'\\', "\\textbackslash{}"},
        {'{', "\\{"},
        {'}', "\\}"},
        {'%', "\\%"},
        {'&', "\\&"},
        {'#', "\\#"},
        {'$', "\\$"},
        {'~', "\\textasciitilde{}"},
        {'^', "\\textasciicircum{}"},
        {'<', "\\textless{}"},
        {'>', "\\textgreater{}"},
        {'|', "\\textbar{}"},
    };
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        const char *tex = NULL;
        for (size_t k = 0; k < sizeof specials / sizeof specials[0] && !tex; k++)
            if (specials[k].c == *s)
                tex = specials[k].tex;
        if (tex)
            sg_buf_puts(out, tex);
        else if (c == '_')
            sg_buf_puts(out, breakable ? "\\_\\allowbreak{}" : "\\_");
        else if (c == '-' && s[1] == '-')
            sg_buf_puts(out, "-{}");
        else if (c < 0x20 || c == 0x7F)
            sg_buf_putc(out, ' ');
        else
            sg_buf_putc(out, (char)c);
    }
}

/* A column head: a measure name stacked at its underscores ("betweenness_norm" over two lines),
 * so that the numbers, not the names, set the column widths. */
static void head(sg_buf *out, const char *name) {
    if (!strchr(name, '_')) {
        tex_text(out, name, 0);
        return;
    }
    sg_buf_puts(out, "\\shortstack[r]{");
    for (const char *p = name; *p; p++) {
        if (*p == '_')
            sg_buf_puts(out, "\\_\\\\");
        else
            sg_buf_putc(out, *p);
    }
    sg_buf_putc(out, '}');
}

static int valid_label(const char *s) {
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              strchr(":._-/+", *s)))
            return 0;
    return 1;
}

static void part(sg_buf *out, const sg_graph *g, const sg_analysis *a,
                 const sg_report_options *opts, const size_t *rows, size_t nrows,
                 const int *measures, size_t nm, int first_part, const char *caption,
                 const char *label) {
    sg_buf_puts(out, "\\begin{longtable}{@{}l>{\\raggedright\\arraybackslash}p{40mm}"
                     ">{\\raggedright\\arraybackslash}p{26mm}");
    for (size_t k = 0; k < nm; k++)
        sg_buf_putc(out, 'r');
    sg_buf_puts(out, "@{}}\n");
    if (first_part) {
        sg_buf_puts(out, "\\caption{");
        tex_text(out, caption, 0);
        sg_buf_printf(out, "}\\label{%s}\\\\\n", label);
    } else {
        sg_buf_printf(out, "\\caption*{\\tablename~\\ref{%s} (continued)}\\\\\n", label);
    }
    sg_buf buf_head = {0};
    sg_buf_puts(&buf_head, "\\toprule\nid & label & type");
    for (size_t k = 0; k < nm; k++) {
        sg_buf_puts(&buf_head, " & ");
        head(&buf_head, sg_measure_name((sg_measure)measures[k]));
    }
    sg_buf_puts(&buf_head, " \\\\\n\\midrule\n");
    if (!buf_head.failed) {
        sg_buf_append(out, buf_head.data, buf_head.len);
        sg_buf_puts(out, "\\endfirsthead\n");
        sg_buf_printf(out,
                      "\\multicolumn{%zu}{@{}l}{\\small\\tablename~\\ref{%s} (continued)}"
                      "\\\\\n",
                      nm + 3, label);
        sg_buf_append(out, buf_head.data, buf_head.len);
        sg_buf_puts(out, "\\endhead\n");
    } else {
        out->failed = 1;
    }
    sg_buf_free(&buf_head);
    sg_buf_puts(out, "\\bottomrule\n\\endlastfoot\n");
    for (size_t r = 0; r < nrows; r++) {
        size_t i = rows[r];
        tex_text(out, sg_graph_node_id(g, i), 1);
        sg_buf_puts(out, " & ");
        tex_text(out, sg_graph_node_label(g, i), 1);
        sg_buf_puts(out, " & ");
        tex_text(out, sg_graph_node_type(g, i), 1);
        for (size_t k = 0; k < nm; k++) {
            sg_buf_puts(out, " & ");
            sg_report_value(out, a, (sg_measure)measures[k], i, opts);
        }
        sg_buf_puts(out, " \\\\\n");
    }
    sg_buf_puts(out, "\\end{longtable}\n");
}

int sg_report_tex(const sg_graph *g, const sg_analysis *a, const sg_diag *diag,
                  const sg_report_options *opts, sg_buf *out) {
    const char *label = opts->label ? opts->label : "tab:centrality";
    if (!valid_label(label))
        return SG_EINVAL;
    int measures[SG_MEASURE_COUNT];
    size_t nm = 0;
    for (int m = 0; m < SG_MEASURE_COUNT; m++)
        if (sg_analysis_computed(a, (sg_measure)m))
            measures[nm++] = m;
    size_t nrows;
    size_t *rows = sg_report_rows(g, a, opts, &nrows);
    if (!rows)
        return SG_ENOMEM;
    sg_buf scratch = {0};
    const char *caption = sg_report_caption(g, opts, &scratch);
    sg_buf_puts(out,
                "% Centrality report written by stakegraph. Compiled alone (pdflatex, xelatex or\n"
                "% lualatex) this file is a whole document; \\input into a document it is the\n"
                "% table alone, and that document's preamble needs\n"
                "% \\usepackage{booktabs,longtable,array}.\n"
                "\\expandafter\\ifx\\csname @twoclasseserror\\endcsname\\documentclass\n"
                "  \\expandafter\\let\\csname stakegraphbegin\\endcsname\\relax\n"
                "  \\expandafter\\let\\csname stakegraphend\\endcsname\\relax\n"
                "\\else\n");
    sg_buf_printf(out,
                  "  \\documentclass[a4paper]{article}\n"
                  "  \\usepackage[%smargin=15mm]{geometry}\n",
                  nm > 4 ? "landscape," : "");
    sg_buf_puts(out, "  \\ifdefined\\XeTeXrevision \\usepackage{fontspec}\n"
                     "  \\else\\ifdefined\\directlua \\usepackage{fontspec}\n"
                     "  \\else \\usepackage[T1]{fontenc}\\usepackage[utf8]{inputenc}"
                     "\\usepackage{lmodern}\\fi\\fi\n"
                     "  \\usepackage{booktabs,longtable,array}\n"
                     "  \\def\\stakegraphbegin{\\begin{document}}\n"
                     "  \\def\\stakegraphend{\\end{document}}\n"
                     "\\fi\n"
                     "\\stakegraphbegin\n"
                     "% ---- the table ----\n"
                     "\\begingroup\n\\small\n\\setlength{\\tabcolsep}{4pt}\n");
    for (size_t start = 0; start == 0 || start < nm; start += PART_MEASURES) {
        size_t count = nm - start < PART_MEASURES ? nm - start : PART_MEASURES;
        part(out, g, a, opts, rows, nrows, measures + start, count, start == 0, caption, label);
    }
    const sg_summary *sum = sg_analysis_summary(a);
    if (sum->sampled_sources) /* estimates say so wherever the table goes */
        sg_buf_printf(out,
                      "\\par\\medskip\\noindent Estimates: betweenness, closeness and harmonic "
                      "centrality are estimated from %zu of the %zu nodes as sources, sampled "
                      "with seed %lu (Brandes and Pich 2007).\\par\n",
                      sum->sampled_sources, sum->nodes, sg_analysis_settings(a)->seed);
    sg_buf_puts(out, "\\endgroup\n% ---- end of the table ----\n\\stakegraphend\n");
    sg_buf_free(&scratch);
    free(rows);
    return SG_OK;
}
