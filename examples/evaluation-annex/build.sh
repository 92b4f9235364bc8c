#!/usr/bin/env bash
# Builds the evaluation annex (annex.md) into OUT (default: build/ beside this script):
#   annex.html  one self-contained page (the figure embedded), always;
#   annex.pdf   through LaTeX (pdflatex, else xelatex), when one is installed.
# It runs `stakegraph export` on the default graph, puts the figure and a centrality table
# into the annex, and converts it with pandoc.
#
# Needs: stakegraph (on PATH, or STAKEGRAPH=/path/to/stakegraph), pandoc (Debian: pandoc);
# for the PDF also texlive-latex-base, texlive-latex-recommended, texlive-xetex and lmodern
# (scripts/deps.sh test installs them). Usage: build.sh [OUT]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$here/build}
stakegraph=${STAKEGRAPH:-stakegraph}
graph="$root/graphs/iom-tuerkiye-customs.gv"
name=iom-tuerkiye-customs

command -v "$stakegraph" >/dev/null || { echo "build.sh: needs stakegraph (set STAKEGRAPH)" >&2; exit 1; }
command -v pandoc >/dev/null || { echo "build.sh: needs pandoc (apt-get install pandoc)" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The figures and reports; the table: five measures, by betweenness.
measures=degree,betweenness,pagerank,eigenvector,brokerage_liaison
caption="Centrality of the organisations, by betweenness."
"$stakegraph" export "$graph" -o "$out/figures" --measures $measures --sort betweenness \
    --caption "$caption" --label tab:centrality
"$stakegraph" report -T md "$graph" -o "$out/table.md" --measures $measures --sort betweenness \
    --caption "$caption" 2>/dev/null

# The annex with the figure and the table put in. The page gets the SVG and the Markdown
# report (its title left out, its sections one level down); the PDF gets the PDF figure, the
# LaTeX table (stakegraph's booktabs longtable, \input as raw LaTeX) and the same sections.
compose() {
    local figure=$1 table=$2
    awk -v report="$out/table.md" -v figure="$figure" -v table="$table" '
        /@TABLE@/ {
            if (table == "latex") print "\\input{figures/'"$name"'-centrality.tex}\n"
            sections = (table == "latex") ? 0 : 1
            while ((getline line < report) > 0) {
                if (line ~ /^# /) continue                    # the report title
                if (line ~ /^## /) { sections = 1; line = "#" line }
                if (sections) print line
            }
            next
        }
        { gsub(/@FIGURE@/, figure); print }' "$here/annex.md"
}
compose "figures/$name.svg" markdown >"$out/annex-html.md"
compose "figures/$name.pdf" latex >"$out/annex-pdf.md"

# pandoc 2.19 and later say --embed-resources; Debian 12's 2.17 says --self-contained.
embed=--self-contained
pandoc --help | grep -q -- --embed-resources && embed="--embed-resources --standalone"
(cd "$out" && pandoc annex-html.md -o annex.html --standalone --wrap=none $embed \
    --metadata pagetitle="Annex C" 2>pandoc-html.log) || { cat "$out/pandoc-html.log" >&2; exit 1; }
echo "wrote $out/annex.html"

engine=""
for e in pdflatex xelatex; do
    command -v $e >/dev/null && { engine=$e; break; }
done
if [ -z "$engine" ]; then
    echo "no LaTeX engine (xelatex or pdflatex): annex.pdf not built"
    exit 0
fi
(cd "$out" && pandoc annex-pdf.md -o annex.pdf --pdf-engine=$engine \
    -V geometry:margin=20mm -V header-includes='\usepackage{booktabs,longtable,array}' \
    2>pandoc-pdf.log) ||
    { cat "$out/pandoc-pdf.log" >&2; exit 1; }
echo "wrote $out/annex.pdf ($engine)"
