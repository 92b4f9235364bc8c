#!/usr/bin/env bash
# CLI tests: one case per call, named by the first argument. Usage: cli.sh CASE STAKEGRAPH SRCDIR
# $SG_WRAPPER (for example "valgrind --error-exitcode=99 ...") is put before every run of the
# program, so the valgrind setup checks the real command line too.
set -uo pipefail
case_name=$1
exe=$2
src=$3
graph="$src/graphs/iom-tuerkiye-customs.gv"
data="$src/tests/data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

sg() { ${SG_WRAPPER:-} "$exe" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
# expect STATUS: runs the rest, keeps stdout in out.txt and stderr in err.txt.
expect() {
    local want=$1; shift
    "$@" >out.txt 2>err.txt
    local got=$?
    [ "$got" -eq "$want" ] || { cat err.txt; fail "exit $got, expected $want: $*"; }
}
contains() { grep -qF -- "$2" "$1" || { cat "$1"; fail "$1 lacks '$2'"; }; }
is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$1 is not a PNG"; }
is_pdf() { [ "$(head -c 5 "$1")" = "%PDF-" ] || fail "$1 is not a PDF"; }

case "$case_name" in
help)
    expect 0 sg --help
    contains out.txt "Usage: stakegraph COMMAND"
    contains out.txt "export GRAPH"
    ;;
version)
    expect 0 sg --version
    contains out.txt "stakegraph 0."
    contains out.txt "igraph 0.10"
    contains out.txt "Graphviz 2."
    ;;
threads)
    # issue 10: the path measures on 1, 2 and 3 threads give the same bytes, in every format
    # that carries full precision (JSON at 17 digits) and in the default CSV
    for t in 1 2 3; do
        expect 0 sg report "$data/lesmis.gv" --threads "$t" -T json --digits 17 -o "l$t.json"
        expect 0 sg report "$data/karate.gv" --threads "$t" -o "k$t.csv"
    done
    cmp l1.json l2.json && cmp l1.json l3.json || fail "--threads changes the JSON report"
    cmp k1.csv k2.csv && cmp k1.csv k3.csv || fail "--threads changes the CSV report"
    # karate's betweenness of node 1, Zachary's instructor, from igraph: 231.0714...
    contains l1.json '"settings"'
    grep -q '^1,.*,231\.071,' k1.csv || { head -3 k1.csv; fail "karate node 1 betweenness"; }
    expect 2 sg report "$data/karate.gv" --threads 0
    contains err.txt "--threads takes a whole number from 1 to 64, not '0'"
    expect 2 sg report "$data/karate.gv" --threads two
    contains err.txt "--threads takes a whole number from 1 to 64"
    ;;
sample-sources)
    # issue 10: estimates from a seeded sample, marked as estimates in every format
    expect 0 sg report "$data/lesmis.gv" --sample-sources 20 --seed 5 -T json -o a.json
    contains err.txt "warning: estimates, not exact values"
    contains err.txt "from 20 of the 77 nodes as sources, sampled with seed 5"
    expect 0 sg report "$data/lesmis.gv" --sample-sources 20 --seed 5 -T json -o b.json
    cmp a.json b.json || fail "the same seed gives another sample"
    expect 0 sg report "$data/lesmis.gv" --sample-sources 20 --seed 6 -T json -o c.json
    cmp -s a.json c.json && fail "another seed gives the same sample"
    python3 - a.json <<'PY' || fail "JSON of a sampled report"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["settings"]["sampled_sources"] == 20, r["settings"]
assert any("estimates, not exact values" in w["message"] for w in r["warnings"])
PY
    expect 0 sg report "$data/lesmis.gv" -T json -o exact.json
    python3 - exact.json <<'PY' || fail "JSON of an exact report"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["settings"]["sampled_sources"] is None, r["settings"]
PY
    # a fraction: 0.5 of 77 nodes is 39 sources
    expect 0 sg report "$data/lesmis.gv" --sample-sources 0.5 -T md -o half.md
    contains half.md "from 39 of the 77 nodes as sources"
    expect 0 sg report "$data/lesmis.gv" --sample-sources 0.5 -T tex -o half.tex
    contains half.tex "Estimates: betweenness, closeness and harmonic centrality are estimated from 39"
    # as many sources as nodes: exact, no note
    expect 0 sg report "$data/lesmis.gv" --sample-sources 77 -o all.csv
    expect 0 sg report "$data/lesmis.gv" -o exact.csv
    cmp all.csv exact.csv || fail "--sample-sources n is not the exact report"
    grep -q "estimates" err.txt && fail "an exact report says estimates"
    # inverse path weights: closeness and harmonic (Dijkstra's searches) are sampled too, and
    # the same sources give the exact report
    expect 0 sg report "$data/lesmis.gv" --path-weights inverse --sample-sources 20 -T tex \
        -o inv.tex
    contains inv.tex "betweenness, closeness and harmonic centrality are estimated from 20"
    expect 0 sg report "$data/lesmis.gv" --path-weights inverse --sample-sources 77 -o inv77.csv
    expect 0 sg report "$data/lesmis.gv" --path-weights inverse -o inv.csv
    cmp inv77.csv inv.csv || fail "--sample-sources n with inverse weights is not exact"
    for bad in 0 -3 1.5 x 2,5; do
        expect 2 sg report "$data/lesmis.gv" --sample-sources "$bad"
        contains err.txt "--sample-sources takes a whole number of sources (1 or more) or a fraction"
    done
    ;;
progress)
    # issue 10: progress on a terminal's stderr, nothing with --quiet or when stderr is not a
    # terminal (tests, CI, pipes)
    command -v script >/dev/null || fail "script (util-linux) is needed"
    script -qec "${SG_WRAPPER:-} '$exe' report '$data/lesmis.gv' -o tty.csv" /dev/null > tty.txt
    contains tty.txt "stakegraph: betweenness"
    contains tty.txt "stakegraph: closeness and harmonic 100%"
    contains tty.txt "stakegraph: reading"
    script -qec "${SG_WRAPPER:-} '$exe' report '$data/lesmis.gv' --quiet -o quiet.csv" /dev/null > quiet.txt
    grep -q "stakegraph:" quiet.txt && { cat -v quiet.txt; fail "--quiet shows progress"; }
    script -qec "${SG_WRAPPER:-} '$exe' report '$data/lesmis.gv' -q -o q.csv" /dev/null > q.txt
    grep -q "stakegraph:" q.txt && fail "-q shows progress"
    cmp tty.csv quiet.csv || fail "progress changed the report"
    expect 0 sg report "$data/lesmis.gv" -o plain.csv
    grep -q "stakegraph:" err.txt && { cat -v err.txt; fail "progress on a stderr that is no terminal"; }
    grep -q $'\r' err.txt && fail "a carriage return on a stderr that is no terminal"
    ;;
usage-errors)
    expect 2 sg
    contains err.txt "missing command"
    expect 2 sg frobnicate "$graph"
    contains err.txt "unknown command 'frobnicate'"
    # getopt's own messages are off: ours carry the prefix and the hint, and stderr holds
    # nothing else.
    expect 2 sg report --no-such-option "$graph"
    [ "$(cat err.txt)" = "stakegraph: unknown option '--no-such-option'
Try 'stakegraph --help' for more information." ] || fail "unknown option: $(cat err.txt)"
    expect 2 sg report -x "$graph"
    contains err.txt "stakegraph: unknown option '-x'"
    expect 2 sg draw "$graph" -o
    [ "$(cat err.txt)" = "stakegraph: option '-o' needs a value
Try 'stakegraph --help' for more information." ] || fail "-o without a value: $(cat err.txt)"
    expect 2 sg draw "$graph" --dpi
    contains err.txt "stakegraph: option '--dpi' needs a value"
    expect 2 sg report --max 3 "$graph"
    contains err.txt "stakegraph: option '--max' is ambiguous: --max-nodes, --max-depth, --max-label"
    expect 2 sg report --undirected=yes "$graph"
    contains err.txt "stakegraph: option '--undirected' takes no value"
    contains err.txt "Try 'stakegraph --help' for more information."
    expect 2 sg report
    contains err.txt "missing GRAPH"
    expect 2 sg report "$graph" "$graph"
    expect 2 sg report -T docx "$graph"
    contains err.txt "unknown report format 'docx'"
    expect 2 sg draw "$graph"
    contains err.txt "draw needs -o FILE"
    expect 2 sg draw "$graph" -o figure.bmp
    expect 2 sg draw "$graph" -o figure.svg --dpi 0
    [ ! -e figure.bmp ] && [ ! -e figure.svg ] || fail "a file was written on a usage error"
    ;;
missing-file)
    expect 1 sg report no-such-file.gv -o r.csv
    contains err.txt "no-such-file.gv: error: cannot open: No such file or directory"
    [ ! -e r.csv ] || fail "output written for a missing input"
    ;;
empty-file)
    : >empty.gv
    expect 1 sg report empty.gv -o r.csv
    contains err.txt "empty.gv: error: empty file"
    [ ! -e r.csv ] || fail "output written for an empty input"
    ;;
syntax-error)
    printf 'digraph {\n  a -> b;\n  a -> -> c;\n}\n' >bad.gv
    expect 1 sg report bad.gv -o r.csv
    contains err.txt "bad.gv:3: error: syntax error in line 3"
    [ "$(wc -l <err.txt)" -eq 1 ] || fail "more than one line on stderr"
    [ ! -e r.csv ] || fail "output written for a bad input"
    expect 1 sg check bad.gv
    # Two graphs in one file: refused, naming where the second begins.
    cp "$data/two-graphs.gv" two.gv
    expect 1 sg report two.gv -o r.csv
    [ "$(cat err.txt)" = "two.gv:6: error: a second graph begins here: the file holds 2 graphs and stakegraph reads one graph a file (1 would be left out); split the file" ] ||
        fail "two graphs: $(cat err.txt)"
    [ ! -e r.csv ] || fail "output written for a file of two graphs"
    ;;
report)
    expect 0 sg report "$graph"
    [ "$(head -n 1 out.txt)" = "id,label,type,in_degree,out_degree,degree,in_strength,out_strength,strength,betweenness,betweenness_norm,closeness,harmonic,eigenvector,pagerank,hub,authority,coreness,clustering,constraint,brokerage_coordinator,brokerage_gatekeeper,brokerage_representative,brokerage_itinerant,brokerage_liaison,articulation,community" ] ||
        fail "header: $(head -n 1 out.txt)"
    # One row per institution of the default graph, in the file's order.
    [ "$(tail -n +2 out.txt | cut -d, -f1 | tr '\n' ' ')" = "EU IOM MoT DGCE DTC DGCE_STAFF TNP PMM DGCA DHMI PRIV " ] ||
        fail "rows: $(tail -n +2 out.txt | cut -d, -f1 | tr '\n' ' ')"
    contains err.txt "2 parallel edges merged"
    cp out.txt first.csv
    expect 0 sg report "$graph"
    cmp -s first.csv out.txt || fail "a second run printed other bytes"
    expect 0 sg report "$graph" -o report.csv
    cmp -s first.csv report.csv || fail "-o FILE differs from standard output"
    sg report - <"$graph" >stdin.csv 2>/dev/null || fail "reading standard input failed"
    cmp -s first.csv stdin.csv || fail "standard input gives other bytes"
    expect 0 sg report "$graph" -o -
    cmp -s first.csv out.txt || fail "-o - differs"
    ;;
report-locale)
    LC_ALL=C sg report "$graph" >c.csv 2>/dev/null || fail "C locale run failed"
    for loc in tr_TR.UTF-8 de_DE.UTF-8 C.UTF-8; do
        locale -a | grep -qi "^${loc%.UTF-8}.utf8$" || fail "locale $loc is not installed"
        LC_ALL=$loc sg report "$graph" >l.csv 2>/dev/null || fail "$loc run failed"
        cmp -s c.csv l.csv || fail "output under $loc differs from C"
        LC_ALL=$loc sg report -T md "$graph" >l.md 2>/dev/null || fail "$loc md run failed"
        LC_ALL=C sg report -T md "$graph" >c.md 2>/dev/null
        cmp -s c.md l.md || fail "Markdown under $loc differs from C"
    done
    ;;
refuse-overwrite)
    cp "$graph" g.gv
    cp g.gv g.orig
    expect 1 sg report -T csv g.gv -o g.gv
    contains err.txt "refusing to overwrite the input"
    cmp -s g.gv g.orig || fail "the input was changed"
    # The nodes table is an input too, for every command that writes a file.
    printf 'source,target\na,b\n' >e.csv
    printf 'id,label\na,A\nb,B\n' >n.csv
    cp n.csv n.orig
    expect 1 sg report -T csv e.csv --nodes n.csv -o n.csv
    contains err.txt "refusing to overwrite the input"
    expect 1 sg draw -T svg e.csv --nodes n.csv -o n.csv
    cp n.csv e-centrality.csv
    expect 1 sg export e.csv --nodes e-centrality.csv -o .
    cmp -s n.csv n.orig || fail "the nodes table was changed"
    cmp -s e-centrality.csv n.orig || fail "export overwrote its nodes table"
    ;;
check)
    expect 0 sg check "$graph"
    contains out.txt "nodes: 11"
    contains out.txt "edges: 13"
    contains out.txt "funding: 2"
    contains out.txt "capacity_building: 6"
    contains out.txt "density: 0.1"
    contains out.txt "weakly connected components: 1"
    contains out.txt "parallel edges merged for the measures: 2"
    ;;
empty-graph)
    printf 'digraph {}\n' >none.gv
    expect 0 sg report none.gv
    [ "$(wc -l <out.txt)" -eq 1 ] || fail "rows for an empty graph"
    contains err.txt "the graph has no nodes"
    # draw: the title and a note, not a blank 60 x 60 pixel PNG; a warning, exit 0
    printf 'digraph { label="Worked example" }\n' >titled.gv
    expect 0 sg draw titled.gv -o none.png
    is_png none.png
    contains err.txt "figure: the graph has no stakeholders"
    width=$(head -c 20 none.png | od -An -tu1 -j16 | awk '{print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4}')
    [ "$width" -gt 150 ] || fail "the empty graph's PNG is $width pixels wide"
    expect 0 sg draw titled.gv -o none.svg
    contains none.svg ">Worked example</text>"
    contains none.svg ">No stakeholders</text>"
    ;;
draw)
    expect 0 sg draw "$graph" -o fig.svg
    xmllint --noout fig.svg || fail "SVG is not well-formed"
    contains fig.svg "customs and border management in Türkiye (IOM)"
    expect 0 sg draw "$graph" -o fig.png
    is_png fig.png
    expect 0 sg draw "$graph" -o fig.pdf
    is_pdf fig.pdf
    expect 0 sg draw "$graph" -o fig.dot
    contains fig.dot "digraph"
    expect 0 sg draw "$graph" -T svg -o fig.out
    cmp -s fig.svg fig.out || fail "-T svg differs from .svg"
    expect 0 sg draw "$graph" -o fig2.svg
    cmp -s fig.svg fig2.svg || fail "a second drawing differs"
    expect 0 sg draw "$graph" -o fig.svg --title "Another title"
    contains fig.svg "Another title"
    ;;
export)
    expect 0 sg export "$graph" -o out
    for f in iom-tuerkiye-customs.gv iom-tuerkiye-customs.svg iom-tuerkiye-customs.png \
             iom-tuerkiye-customs.pdf iom-tuerkiye-customs-centrality.csv \
             iom-tuerkiye-customs-centrality.md iom-tuerkiye-customs-centrality.json \
             iom-tuerkiye-customs-centrality.tex iom-tuerkiye-customs-report.html; do
        [ -s "out/$f" ] || fail "export did not write $f"
    done
    [ "$(ls -A out | wc -l)" -eq 9 ] || fail "export left other files: $(ls -A out)"
    python3 -m json.tool out/iom-tuerkiye-customs-centrality.json >/dev/null ||
        fail "the exported JSON does not parse"
    sg report -T html "$graph" 2>/dev/null | cmp -s - out/iom-tuerkiye-customs-report.html ||
        fail "the exported HTML differs from report -T html"
    # Report options shape the exported tables.
    expect 0 sg export "$graph" -o opts --sort degree --rows 2 --measures degree,pagerank
    [ "$(cut -d, -f1,4 opts/iom-tuerkiye-customs-centrality.csv | tr '\n' ' ')" = \
        "id,degree IOM,8 DGCE,4 " ] || fail "export --sort --rows: $(cat opts/*.csv)"
    xmllint --noout out/iom-tuerkiye-customs.svg || fail "SVG is not well-formed"
    is_png out/iom-tuerkiye-customs.png
    is_pdf out/iom-tuerkiye-customs.pdf
    sg report "$graph" 2>/dev/null | cmp -s - out/iom-tuerkiye-customs-centrality.csv ||
        fail "the exported CSV differs from report"
    # The styled DOT read back is the same graph: the legend's sample nodes are not data.
    # (the figure lists nodes in canonical order, so compare the rows sorted; its labels are
    # wrapped, "\n" in the DOT, which reads back as a line break: parsed as CSV)
    degrees() { python3 -c 'import csv, sys
for r in sorted(list(csv.reader(sys.stdin))[1:]): print(",".join([r[0]] + r[3:9]))'; }
    sg report out/iom-tuerkiye-customs.gv 2>/dev/null | degrees >back.csv
    sg report "$graph" 2>/dev/null | degrees >orig.csv
    [ "$(wc -l <orig.csv)" -eq 11 ] || fail "report rows: $(cat orig.csv)"
    cmp -s orig.csv back.csv || { diff orig.csv back.csv | head; fail "styled DOT reads back as another graph"; }
    # Drawn again, its wrapped labels are lines as before, not a literal "\n" (dot.c,
    # label_shown: labels read as Graphviz's escString).
    expect 0 sg draw out/iom-tuerkiye-customs.gv -o back.svg
    contains back.svg '>of Civil Aviation</text>'
    ! grep -q '<text[^>]*>[^<]*\\n' back.svg || fail "a literal \\n in the drawn labels"
    cp -r out first
    expect 0 sg export "$graph" -o out
    for f in first/*; do
        name=$(basename "$f")
        cmp -s "$f" "out/$name" || fail "a second export changed $name"
    done
    ;;
export-failure)
    # A failed export leaves the earlier outputs untouched and adds nothing.
    expect 0 sg export "$graph" -o out
    cp -r out before
    printf 'digraph {\n  a -> -> b;\n}\n' >iom-tuerkiye-customs.gv
    expect 1 sg export iom-tuerkiye-customs.gv -o out
    diff -r before out >/dev/null || fail "a failed export changed out/"
    # A failure while renaming (the PNG's place is taken by a directory) restores the rest.
    rm -rf out && cp -r before out
    rm out/iom-tuerkiye-customs.png && mkdir out/iom-tuerkiye-customs.png
    touch -d '2020-01-01' out/*.gv
    expect 1 sg export "$graph" -o out --title "Changed"
    contains err.txt "nothing was changed"
    cmp -s before/iom-tuerkiye-customs.svg out/iom-tuerkiye-customs.svg || fail "SVG replaced"
    cmp -s before/iom-tuerkiye-customs.gv out/iom-tuerkiye-customs.gv || fail "DOT replaced"
    [ "$(ls -A out | wc -l)" -eq 9 ] || fail "temporary files left: $(ls -A out)"
    # A failed export into a new directory does not leave it behind.
    expect 1 sg export iom-tuerkiye-customs.gv -o new/dir
    [ ! -e new/dir ] || fail "a failed export created its directory"
    ;;
csv-report)
    # An edges table with its nodes table (shared/cases R30): rows in the nodes file's order.
    cases="$data/cases"
    expect 0 sg report "$cases/R30-locale-nan-edges.csv" --nodes "$cases/R30-locale-nan-nodes.csv"
    [ "$(tail -n +2 out.txt | cut -d, -f1-9 | tr '\n' ' ')" = "AKA,Akçaburun Kalkınma Ajansı,funder,1,2,3,0.25,3.25,3.5 ETK,Ege Tarım Kooperatifi,implementer,1,1,2,0.75,1.5,2.25 KKD,Kuzey Kadın Derneği,implementer,1,1,2,1.5,0.25,1.75 KOY,Köy Okulu,beneficiary,1,0,1,2.5,0,2.5 GOZ,Bağımsız Gözlemci Kurul,observer,0,0,0,0,0,0 " ] ||
        fail "rows: $(tail -n +2 out.txt | cut -d, -f1-9)"
    cp out.txt first.csv
    # The same from standard input with --from csv.
    sg report --from csv --nodes "$cases/R30-locale-nan-nodes.csv" - \
        <"$cases/R30-locale-nan-edges.csv" >stdin.csv 2>/dev/null || fail "standard input failed"
    cmp -s first.csv stdin.csv || fail "standard input gives other bytes"
    # An unknown id without --nodes' row: an error naming line and column; --create-missing.
    printf 'Source,Target\nAKA,ETK\nAKA,NEW\n' >e.csv
    expect 1 sg report e.csv --nodes "$cases/R30-locale-nan-nodes.csv"
    contains err.txt "e.csv:3:5: error: unknown node 'NEW' in column Target"
    expect 0 sg check e.csv --nodes "$cases/R30-locale-nan-nodes.csv" --create-missing
    contains err.txt "1 node id of the edges is not in $cases/R30-locale-nan-nodes.csv and was added (--create-missing): NEW"
    contains out.txt "nodes: 6"
    expect 2 sg report e.csv --delimiter x
    contains err.txt "--delimiter takes one of"
    expect 1 sg report "$graph" --nodes "$cases/R30-locale-nan-nodes.csv"
    contains err.txt "--nodes applies to CSV input only"
    ;;
csv-invalid-weights)
    # shared/cases R20: every bad weight, each with FILE:LINE:COLUMN; no output.
    f="$data/cases/R20-invalid-weights-edges.csv"
    expect 1 sg report "$f" -o r.csv
    contains err.txt "$f:4:24: error: weight 'NaN' in column Weight: NaN is not an amount"
    contains err.txt "$f:5:19: error: weight '-5' in column Weight: a negative amount"
    contains err.txt "$f:7:17: error: weight 'n/a' in column Weight: not a number"
    [ "$(grep -c ': error: ' err.txt)" -eq 3 ] || { cat err.txt; fail "not exactly 3 errors"; }
    [ ! -e r.csv ] || fail "output written for bad weights"
    # shared/cases R14: an unquoted decimal comma splits the row.
    f="$data/cases/R14-thousands-separator-edges.csv"
    expect 1 sg check "$f"
    contains err.txt "$f:5:51: error: expected 4 fields, found 5"
    contains err.txt "$f:3: warning: weight '610,086' read as 610086"
    ;;
csv-encoding)
    # A table saved in windows-1254 (Excel in Türkiye): an error with the --encoding hint,
    # then with --encoding the same report as the table's comma/UTF-8 version.
    x="$data/excel"
    expect 1 sg report "$x/cp1254-edges.csv" --nodes "$x/cp1254-nodes.csv"
    contains err.txt "$x/cp1254-nodes.csv:2:19: error: byte 0xFD is not UTF-8 text"
    contains err.txt "name it with --encoding, for example --encoding windows-1254"
    expect 0 sg report "$x/utf8-edges.csv" --nodes "$x/utf8-nodes.csv"
    cp out.txt utf8.csv
    expect 0 sg report "$x/cp1254-edges.csv" --nodes "$x/cp1254-nodes.csv" --encoding windows-1254
    cmp -s utf8.csv out.txt || fail "the windows-1254 table gives another report"
    contains out.txt "DKD,\"Dağeteği Kadın Derneği, Şube İzmir\",implementer,"
    expect 0 sg report "$x/cp1254-edges.csv" --nodes "$x/cp1254-nodes.csv" \
        --encoding iso-8859-9 --delimiter ';' --decimal , --thousands .
    cmp -s utf8.csv out.txt || fail "iso-8859-9 with explicit marks gives another report"
    expect 1 sg report "$x/utf8-edges.csv" --encoding no-such-encoding
    contains err.txt "unknown encoding 'no-such-encoding'"
    ;;
csv-locale)
    # The same bytes under tr_TR.UTF-8, de_DE.UTF-8 and C.UTF-8 on CSV input.
    x="$data/excel"
    r13="$data/cases/R13-semicolon-decimal-comma-edges.csv"
    LC_ALL=C.UTF-8 sg report "$x/cp1254-edges.csv" --nodes "$x/cp1254-nodes.csv" \
        --encoding windows-1254 >c.csv 2>c.err || fail "C.UTF-8 run failed"
    LC_ALL=C.UTF-8 sg report "$r13" >c13.csv 2>/dev/null || fail "C.UTF-8 run on R13 failed"
    for loc in tr_TR.UTF-8 de_DE.UTF-8; do
        locale -a | grep -qi "^${loc%.UTF-8}.utf8$" || fail "locale $loc is not installed"
        LC_ALL=$loc sg report "$x/cp1254-edges.csv" --nodes "$x/cp1254-nodes.csv" \
            --encoding windows-1254 >l.csv 2>l.err || fail "$loc run failed"
        cmp -s c.csv l.csv || fail "output under $loc differs from C.UTF-8"
        # (lines of valgrind's own, under the valgrindcli setup, start with "==")
        cmp -s <(grep -v '^==' c.err) <(grep -v '^==' l.err) ||
            fail "messages under $loc differ from C.UTF-8"
        LC_ALL=$loc sg report "$r13" >l13.csv 2>/dev/null || fail "$loc run on R13 failed"
        cmp -s c13.csv l13.csv || fail "R13 under $loc differs from C.UTF-8"
    done
    contains c.csv "KKF,Kuzeyyaka Kalkınma Fonu,funder,1,2,3,1250.25,1285000,1286251,"
    ;;
graphml)
    # GraphML by extension; a DOCTYPE is refused and the entity's file never read (R29).
    cases="$data/cases"
    expect 1 sg report "$cases/R29-graphml-xxe.graphml"
    contains err.txt "R29-graphml-xxe.graphml:2: error: the document has a DOCTYPE declaration"
    if grep -q "XXE-MARKER" out.txt err.txt; then fail "the external entity was read"; fi
    expect 1 sg check "$cases/R29-graphml-billion-laughs-small.graphml"
    contains err.txt "DOCTYPE"
    printf '<graphml><key id="w" for="edge" attr.name="weight" attr.type="double"/>\n<graph edgedefault="directed"><node id="a"/><node id="b"/>\n<edge source="a" target="b"><data key="w">2.5</data></edge></graph></graphml>\n' >g.graphml
    expect 0 sg report g.graphml
    [ "$(sed -n 2p out.txt | cut -d, -f1-9)" = "a,a,,0,1,1,0,2.5,2.5" ] || fail "row: $(sed -n 2p out.txt)"
    ;;
convert)
    # Every graph format, by extension and by -T; the CSV pair; the same bytes run to run.
    karate="$data/karate.gv"
    for ext in gv graphml gml net json csv; do
        expect 0 sg convert "$graph" -o "g.$ext"
        [ -s "g.$ext" ] || fail "convert wrote no g.$ext"
        # (valgrind's own lines, under the valgrindcli setup, are not warnings)
        ! grep -qv '^==[0-9]*==' err.txt || { cat err.txt; fail "warnings converting to $ext"; }
        expect 0 sg convert "$graph" -o "again.$ext"
        cmp -s "g.$ext" "again.$ext" || fail "a second convert to $ext gave other bytes"
    done
    [ -s g-nodes.csv ] || fail "convert -o g.csv did not write g-nodes.csv"
    [ "$(head -n 1 g.csv)" = "source,target,relation,weight,notes,project,activities,participants,trainers" ] ||
        fail "edges header: $(head -n 1 g.csv)"
    [ "$(head -n 1 g-nodes.csv)" = "id,label,type,name_tr,notes" ] ||
        fail "nodes header: $(head -n 1 g-nodes.csv)"
    [ "$(wc -l <g.csv)" -eq 14 ] && [ "$(wc -l <g-nodes.csv)" -eq 12 ] || fail "CSV row counts"
    expect 0 sg convert "$graph" -T graphml -o g.xml
    cmp -s g.graphml g.xml || fail "-T graphml differs from .graphml"
    expect 0 sg convert "$graph" -T pajek -o -
    cmp -s g.net out.txt || fail "-o - differs from the file"
    expect 0 sg convert "$graph" -T dot -o g.dot
    cmp -s g.gv g.dot || fail ".dot differs from .gv"
    xmllint --noout g.graphml || fail "GraphML is not well-formed"
    python3 -m json.tool g.json >/dev/null || fail "JSON does not parse"
    dot -Tcanon g.gv >/dev/null || fail "Graphviz cannot read the DOT"
    [ "$(head -n 1 g.net)" = "*Vertices 11" ] || fail "Pajek: $(head -n 1 g.net)"
    # Round trips keep every measure: DOT -> CSV/GraphML/DOT -> the same centrality report.
    for g in "$graph" "$karate"; do
        sg report "$g" >want.csv 2>/dev/null || fail "report on $g"
        expect 0 sg convert "$g" -o rt.csv
        expect 0 sg report rt.csv --nodes rt-nodes.csv
        cmp -s want.csv out.txt || { diff want.csv out.txt | head; fail "$g -> CSV changed the report"; }
        expect 0 sg convert rt.csv --nodes rt-nodes.csv -o rt.gv
        expect 0 sg report rt.gv
        cmp -s want.csv out.txt || fail "$g -> CSV -> DOT changed the report"
        expect 0 sg convert "$g" -o rt.graphml
        expect 0 sg report rt.graphml
        cmp -s want.csv out.txt || fail "$g -> GraphML changed the report"
        expect 0 sg convert "$g" -o rt2.gv
        expect 0 sg report rt2.gv
        cmp -s want.csv out.txt || fail "$g -> DOT changed the report"
    done
    # Weights: karate's, as numbers; an unknown weight stays unknown.
    expect 0 sg convert "$karate" -o k.net
    [ "$(sed -n 2p k.net)" = '1 "1"' ] && grep -qx '1 2 4' k.net || fail "Pajek weights: $(sed -n 1,3p k.net)"
    printf 'digraph {\n  a -> b [weight=2.5];\n  b -> c;\n  c -> a [weight=""];\n}\n' >u.gv
    expect 0 sg convert u.gv -o u.json
    python3 - u.json <<'PY' || fail "JSON weights"
import json, sys
d = json.load(open(sys.argv[1]))
w = [l.get("weight") for l in d["links"]]
assert d["directed"] is True and w == [2.5, None, None] and "weight" not in d["links"][1], w
PY
    expect 0 sg convert u.gv -o u.csv
    [ "$(cat u.csv)" = "$(printf 'source,target,relation,weight\na,b,,2.5\nb,c,,\nc,a,,')" ] ||
        fail "CSV weights: $(cat u.csv)"
    if python3 -c 'import networkx' 2>/dev/null; then
        python3 - g.graphml g.json <<'PY' || fail "networkx cannot read the exports"
import json, sys, networkx as nx
a = nx.read_graphml(sys.argv[1])
b = nx.node_link_graph(json.load(open(sys.argv[2])), edges="links")
assert a.number_of_nodes() == b.number_of_nodes() == 11, (a, b)
assert a.number_of_edges() == b.number_of_edges() == 13, (a, b)
assert a.nodes["DGCE"]["label"] == b.nodes["DGCE"]["label"]
PY
    fi
    ;;
convert-errors)
    expect 2 sg convert "$graph"
    contains err.txt "convert needs -o FILE"
    expect 2 sg convert "$graph" -o g.xlsx
    contains err.txt "unknown graph format '.xlsx'"
    expect 2 sg convert "$graph" -o -
    contains err.txt "give -T FORMAT"
    expect 2 sg convert "$graph" -T csv -o -
    contains err.txt "writes two files"
    [ -z "$(ls -A | grep -v -e out.txt -e err.txt)" ] || fail "a file was written on a usage error"
    expect 1 sg convert missing.gv -o g.graphml
    [ ! -e g.graphml ] || fail "output written for a missing input"
    # Never overwrite the input, the nodes table included.
    cp "$graph" g.gv && cp g.gv g.orig
    expect 1 sg convert g.gv -T gv -o g.gv
    contains err.txt "g.gv: refusing to overwrite the input"
    cmp -s g.gv g.orig || fail "the input was changed"
    expect 0 sg convert g.gv -o t.csv
    mv t.csv z.csv && mv t-nodes.csv w-nodes.csv
    cp z.csv z.orig && cp w-nodes.csv w.orig
    expect 1 sg convert z.csv --nodes w-nodes.csv -o z.csv
    contains err.txt "z.csv: refusing to overwrite the input"
    expect 1 sg convert z.csv --nodes w-nodes.csv -o w-nodes.csv
    contains err.txt "w-nodes.csv: refusing to overwrite the input"
    expect 1 sg convert z.csv --nodes w-nodes.csv -o w.csv
    contains err.txt "w-nodes.csv: refusing to overwrite the input"
    [ ! -e w.csv ] || fail "half of a refused pair was written"
    cmp -s z.csv z.orig && cmp -s w-nodes.csv w.orig || fail "an input table was changed"
    # The pair is all or nothing: when the nodes table cannot be written, the edges table is
    # not either, and an earlier pair stays as it was.
    expect 0 sg convert g.gv -o p.csv
    cp p.csv p.orig
    rm p-nodes.csv && mkdir p-nodes.csv
    expect 1 sg convert "$data/karate.gv" -o p.csv
    cmp -s p.csv p.orig || fail "the edges table was replaced though the nodes table failed"
    [ "$(ls -A | grep -c '^\.')" -eq 0 ] || fail "temporary files left: $(ls -A)"
    # A value DOT cannot hold is an error naming the node, and nothing is written (not a
    # label: a label's backslashes are doubled, which any quoted string holds).
    printf 'id,note\nA,a < b\\\n' >bad-nodes.csv
    expect 1 sg convert bad-nodes.csv -o bad.gv
    contains err.txt "node 'A': a value cannot be written as DOT"
    [ ! -e bad.gv ] || fail "a DOT file was written for an unwritable value"
    ;;
convert-long-label)
    # R08: Graphviz's own reader fails on the 20400-byte label as given; the converted DOT
    # splits it with `+` and `dot` reads it back whole.
    r08="$data/cases/R08-long-label.gv"
    if dot -Tcanon "$r08" >/dev/null 2>&1; then fail "dot read R08 as given: the case is not real"; fi
    expect 0 sg convert "$r08" -o long.gv
    contains long.gv '" +'
    dot -Tcanon long.gv >canon.gv 2>dot.err || { cat dot.err; fail "dot cannot read the converted DOT"; }
    expect 0 sg convert long.gv -o long.json
    python3 - long.json <<'PY' || fail "the long label did not come back whole"
import json, sys
d = json.load(open(sys.argv[1]))
label = [n for n in d["nodes"] if n["id"] == "YKD"][0]["label"]
assert len(label.encode()) == 20400, len(label.encode())
PY
    expect 0 sg convert canon.gv -o canon.json
    cmp -s long.json canon.json || fail "what dot read differs from the export"
    ;;
convert-locale)
    for ext in gv graphml gml net json csv; do
        LC_ALL=C sg convert "$data/karate.gv" -o "c.$ext" 2>/dev/null || fail "C run ($ext)"
        for loc in tr_TR.UTF-8 de_DE.UTF-8; do
            LC_ALL=$loc sg convert "$data/karate.gv" -o "l.$ext" 2>/dev/null || fail "$loc run"
            cmp -s "c.$ext" "l.$ext" || fail "$ext under $loc differs from C"
        done
    done
    cmp -s c-nodes.csv l-nodes.csv || fail "nodes table differs"
    ;;
report-json)
    # JSON: parsed back by Python's json module; null for missing values; tool versions only
    # in "generator"; the same bytes under other locales.
    expect 0 sg report -T json "$graph"
    python3 - out.txt <<'PY' || fail "JSON checks failed"
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
r = json.loads(text, parse_constant=lambda c: sys.exit(f"constant {c} in JSON"))
assert r["schema"] == "stakegraph-centrality-report/1", r["schema"]
assert set(r["generator"]) == {"name", "version", "igraph", "graphviz"}, r["generator"]
assert r["settings"]["directed"] is True and r["settings"]["weighted"] is False
assert r["settings"]["damping"] == 0.85 and r["settings"]["seed"] == 0
assert r["settings"]["community_method"] == "louvain" and r["settings"]["group_by"] == "type"
assert r["summary"]["nodes"] == 11 and r["summary"]["edges"] == 13
assert r["summary"]["parallel_merged"] == 2
ids = [n["id"] for n in r["nodes"]]
assert ids == "EU IOM MoT DGCE DTC DGCE_STAFF TNP PMM DGCA DHMI PRIV".split(), ids
mot = r["nodes"][2]
assert mot["measures"]["clustering"] is None, mot   # fewer than two partners: missing
assert mot["measures"]["degree"] == 1, mot
assert list(mot["measures"]) == r["columns"], r["columns"]
assert any("parallel edges merged" in w["message"] for w in r["warnings"]), r["warnings"]
PY
    cp out.txt c.json
    LC_ALL=tr_TR.UTF-8 sg report -T json "$graph" >tr.json 2>/dev/null || fail "tr_TR run"
    cmp -s c.json tr.json || fail "JSON under tr_TR.UTF-8 differs"
    expect 0 sg report "$graph" -o r.json --sort pagerank --rows 3 --digits 3 --measures pagerank
    python3 -c 'import json,sys; r=json.load(open("r.json")); print(" ".join(n["id"]+"="+str(n["measures"]["pagerank"]) for n in r["nodes"]))' >got.txt
    [ "$(cat got.txt)" = "DGCE_STAFF=0.193 DGCE=0.153 IOM=0.0891" ] || fail "sorted JSON: $(cat got.txt)"
    # A graph without nodes: valid JSON with no rows, its figures null.
    printf 'digraph {}\n' >none.gv
    expect 0 sg report -T json none.gv
    python3 -c 'import json,sys; r=json.load(open("out.txt")); assert r["nodes"] == [] and r["summary"]["nodes"] == 0 and r["summary"]["density"] is None, r' ||
        fail "the empty graph's JSON"
    ;;
report-options)
    # --sort, --rows, --digits, --excel, --caption, --label: values and usage errors.
    expect 0 sg report "$graph" --sort pagerank --rows 3 --digits 3 --measures degree,pagerank
    [ "$(cat out.txt)" = "id,label,type,degree,pagerank
DGCE_STAFF,DGCE customs staff,national_government,1,0.193
DGCE,Directorate General of Customs Enforcement,national_government,4,0.153
IOM,International Organization for Migration (IOM) Türkiye,international_organisation,8,0.0891" ] ||
        fail "sorted CSV: $(cat out.txt)"
    expect 0 sg report "$graph" --excel --measures closeness --rows 2
    printf '\357\273\277id;label;type;closeness\nEU;EU Delegation to Türkiye;donor;0,555556\nIOM;International Organization for Migration (IOM) Türkiye;international_organisation;0,833333\n' >want.csv
    cmp -s want.csv out.txt || { od -c out.txt | head; fail "--excel bytes"; }
    LC_ALL=de_DE.UTF-8 sg report "$graph" --excel --measures closeness --rows 2 2>/dev/null |
        cmp -s want.csv - || fail "--excel under de_DE differs"
    # --digits on amounts of a million and more: the digits asked for, no zeros padded (the
    # fixed branch once wrote 123456789.1230 at --digits 10 and 123456789.122999996 at 15).
    printf 'source,target,weight\na,b,123456789.123\n' >big.csv
    for d in 6:123456789 10:123456789.1 12:123456789.123 15:123456789.123 17:123456789.123; do
        expect 0 sg report big.csv --measures strength --digits "${d%%:*}"
        [ "$(cat out.txt)" = "id,label,type,strength
a,a,,${d#*:}
b,b,,${d#*:}" ] || fail "--digits ${d%%:*}: $(cat out.txt)"
    done
    expect 0 sg report -T md "$graph" --caption "Table of ties" --measures degree
    contains out.txt "Table: Table of ties"
    expect 0 sg report -T tex "$graph" --caption "Ties & more" --label tab:ties --measures degree
    contains out.txt "\caption{Ties \& more}\label{tab:ties}"
    expect 2 sg report "$graph" --sort nonsense
    contains err.txt "--sort takes a measure's column name"
    expect 2 sg report "$graph" --sort pagerank --measures degree
    contains err.txt "--sort pagerank: the measure is not among --measures degree"
    expect 2 sg report "$graph" --rows 0
    contains err.txt "--rows takes a whole number of 1 or more"
    expect 2 sg report "$graph" --rows -3
    expect 2 sg report "$graph" --digits 18
    contains err.txt "--digits takes a whole number from 1 to 17"
    expect 2 sg report "$graph" --label 'bad}label'
    contains err.txt "--label takes letters, digits"
    # The views shape figures only (design.md): given to a command that draws none they are a
    # usage error naming the option, never ignored (a report of every node looked like one of
    # the view). --relation restricts report's analysis; convert and grid have none.
    for v in "--type donor" "--ego IOM" "--ego IOM --radius 2" "--radius 2" "--collapse type"; do
        expect 2 sg report "$graph" $v -o view.csv
        contains err.txt "stakegraph: report: ${v%% *} shapes the figures of draw and export only; the report covers the whole graph"
        [ ! -e view.csv ] || fail "report $v wrote a report"
    done
    expect 2 sg report "$graph" --top 3 --by degree
    contains err.txt "report: --top shapes the figures of draw and export only; the report covers the whole graph (--sort MEASURE --rows K gives its K highest rows)"
    [ ! -s out.txt ] || fail "report --top printed a report"
    expect 2 sg check "$graph" --ego IOM
    contains err.txt "check: --ego shapes the figures of draw and export only; check covers the whole graph"
    # so are the figures' own options: the report drew nothing with them (exit 0 before)
    for v in "--size-by pagerank" "--engine dot" "--label-width 10" "--colour-by community"; do
        expect 2 sg report "$graph" $v -o fig.csv
        contains err.txt "stakegraph: report: ${v%% *} shapes the figures of draw and export only; the HTML report's figure takes --title, --max-nodes and --parallel-edges"
        [ ! -e fig.csv ] || fail "report $v wrote a report"
    done
    for v in "--dpi 300" "--grayscale" "--greyscale" "--width 16cm" "--height 10cm" "--font Arial" "--theme nonexistent.theme"; do
        expect 2 sg report "$graph" $v -T html -o fig.html
        contains err.txt "stakegraph: report: ${v%% *} shapes the figures of draw, export and grid only"
        [ ! -e fig.html ] || fail "report $v wrote a report"
    done
    expect 2 sg report "$graph" --x-attr power
    contains err.txt "report: --x-attr is an option of grid only"
    expect 2 sg check "$graph" --dpi 300
    contains err.txt "check: --dpi shapes the figures of draw, export and grid only; check draws no figure"
    expect 2 sg convert "$graph" --engine neato -o fig.gv
    contains err.txt "convert: --engine shapes the figures of draw and export only"
    expect 2 sg grid "$graph" --size-by degree -o fig.svg
    contains err.txt "grid: --size-by shapes the figures of draw and export only; the grid has no such setting"
    expect 0 sg report "$graph" -T html --title "A title" --max-nodes 5 --parallel-edges each -o fig.html
    expect 2 sg convert "$graph" --relation funding -o view.gv
    contains err.txt "convert: --relation restricts the analysis (report, check) and the figures (draw, export); convert writes the whole graph"
    expect 2 sg grid "$graph" --top 3 -o view.svg
    contains err.txt "grid: --top shapes the figures of draw and export only; the grid shows the whole graph"
    expect 0 sg report "$graph" --relation funding --measures degree --rows 2
    [ "$(cat out.txt)" = "id,label,type,degree
EU,EU Delegation to Türkiye,donor,1
IOM,International Organization for Migration (IOM) Türkiye,international_organisation,1" ] ||
        fail "report --relation funding: $(cat out.txt)"
    ;;
report-tex)
    # The LaTeX report compiles with pdflatex and xelatex, alone and \input into a document,
    # with Turkish letters and every special character in labels, types and the caption.
    for tool in pdflatex xelatex pdftotext; do
        command -v $tool >/dev/null || fail "$tool is missing (scripts/deps.sh test installs it)"
    done
    cat >special.gv <<'GV'
digraph "special" {
    label = "Çalışma: 100% & _ # $ { } ~ ^ \\ ğĞ şŞ ıİ öÖ üÜ çÇ";
    a [label = "Gümrük & Ticaret 50% _ # $ { } ~ ^ \\ | < >", type = "kamu_kurumu"];
    b [label = "İçişleri Bakanlığı: ğ ş ı İ ö ü ç Ğ Ş Ö Ü Ç", type = "bakanlık"];
    c [label = "--- quotes \" and 'single' ---", type = "x^2"];
    a -> b; b -> c; a -> c;
}
GV
    expect 0 sg report -T tex special.gv -o t.tex --caption "Özet: 5% & _ # \$ ~ ^ { } \\"
    for engine in pdflatex xelatex; do
        rm -f t.aux t.log t.pdf
        for pass in 1 2; do
            $engine -interaction=nonstopmode -halt-on-error t.tex >"$engine.out" 2>&1 ||
                { tail -n 30 "$engine.out"; fail "$engine failed (pass $pass)"; }
        done
        if grep -E "Missing character|undefined references|Rerun" t.log; then
            fail "$engine: a missing glyph or an unresolved reference"
        fi
        # The text as the PDF holds it, without white space (labels wrap in their column).
        pdftotext -enc UTF-8 t.pdf - | tr -d ' \n' >"$engine.txt"
        contains "$engine.txt" "İçişleriBakanlığı:ğşıİöü"
        contains "$engine.txt" "çĞŞÖÜÇ"
        contains "$engine.txt" "Gümrük&Ticaret50%_"
        contains "$engine.txt" '#${}~^\|<>' # the DOT label's \\ is one backslash
        contains "$engine.txt" 'Table1:Özet:5%&_#$~^{}\'
        contains "$engine.txt" "kamu_kurumu"
        contains "$engine.txt" "x^2"
    done
    # \input into a document of one's own, with the packages the file's comment names.
    cat >doc.tex <<'TEX'
\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{lmodern}
\usepackage{booktabs,longtable,array}
\begin{document}
Text before the table.
\input{t.tex}
Text after the table, which is Table~\ref{tab:centrality}.
\end{document}
TEX
    for pass in 1 2; do
        pdflatex -interaction=nonstopmode -halt-on-error doc.tex >doc.out 2>&1 ||
            { tail -n 30 doc.out; fail "pdflatex failed on the \\input document"; }
    done
    pdftotext -enc UTF-8 doc.pdf doc.txt
    contains doc.txt "Text before the table."
    contains doc.txt "which is Table 1."
    contains doc.txt "İçişleri Bakanlığı"
    [ "$(grep -c "Text before" doc.txt)" -eq 1 ] || fail "the document was started twice"
    # The default graph with every measure: three parts over landscape pages.
    expect 0 sg report -T tex "$graph" -o all.tex
    for pass in 1 2; do
        pdflatex -interaction=nonstopmode -halt-on-error all.tex >all.out 2>&1 ||
            { tail -n 30 all.out; fail "pdflatex failed on the default graph"; }
    done
    if grep -E "Overfull .hbox|undefined references" all.log; then
        fail "the default graph's table overflows or has unresolved references"
    fi
    pdftotext -enc UTF-8 all.pdf all.txt
    contains all.txt "Table 1 (continued)"
    contains all.txt "International Organization"
    ;;
report-html)
    # The HTML report in headless Chromium: it renders, a real click sorts, a screenshot.
    command -v chromium >/dev/null || fail "chromium is missing (scripts/deps.sh test installs it)"
    expect 0 sg report -T html "$graph" -o r.html
    contains r.html "<figure>"
    if grep -qiE '<script src|<link |<img |<iframe|(src|href)="?(https?:)?//|url\(|@import' r.html; then
        grep -niE '<script src|<link |<img |<iframe|(src|href)="?(https?:)?//|url\(|@import' r.html | head
        fail "the page refers to something outside itself"
    fi
    shots=${SG_ARTIFACTS:-$work}
    python3 "$src/tests/html/click_sort.py" "$(command -v chromium)" r.html \
        "$shots/report-html.png" '{
  "initial": ["EU", "IOM", "MoT", "DGCE", "DTC", "DGCE_STAFF", "TNP", "PMM", "DGCA", "DHMI", "PRIV"],
  "clicks": [
    {"column": "pagerank", "order": "descending",
     "ids": ["DGCE_STAFF", "DGCE", "IOM", "DTC", "TNP", "PMM", "DGCA", "DHMI", "PRIV", "EU", "MoT"]},
    {"column": "pagerank", "order": "ascending",
     "ids": ["EU", "MoT", "DTC", "TNP", "PMM", "DGCA", "DHMI", "PRIV", "IOM", "DGCE", "DGCE_STAFF"]},
    {"column": "clustering", "order": "descending",
     "ids": ["EU", "DGCE", "IOM", "MoT", "DTC", "DGCE_STAFF", "TNP", "PMM", "DGCA", "DHMI", "PRIV"]},
    {"column": "clustering", "order": "ascending",
     "ids": ["IOM", "DGCE", "EU", "MoT", "DTC", "DGCE_STAFF", "TNP", "PMM", "DGCA", "DHMI", "PRIV"]},
    {"column": "label", "order": "ascending",
     "ids": ["DGCE_STAFF", "DGCA", "DGCE", "DTC", "EU", "IOM", "MoT", "PMM", "PRIV", "DHMI", "TNP"]}
  ]}' || fail "the page in Chromium"
    is_png "$shots/report-html.png"
    # Input text never becomes markup: a label that is a script stays text.
    printf 'digraph {\n  a [label="<script>document.title=\\"x\\"</script> & \\"q\\"", type="<b>t</b>"];\n  a -> b;\n}\n' >evil.gv
    expect 0 sg report -T html evil.gv -o evil.html
    contains evil.html "<td>&lt;script&gt;document.title="
    [ "$(grep -c '<script' evil.html)" -eq 1 ] || fail "a script tag came from the input"
    python3 "$src/tests/html/click_sort.py" "$(command -v chromium)" evil.html \
        "$work/evil.png" '{"initial": ["a", "b"], "clicks": [
    {"column": "in_degree", "order": "descending", "ids": ["b", "a"]}]}' ||
        fail "the page with a script in a label"
    ;;
iati-report)
    # USAID's IATI file for Türkiye: one row per organisation; expected counts from xmllint.
    usaid="$data/iati/usaid-tr.xml"
    expect 0 sg report "$usaid"
    refs=$(xmllint --xpath '//participating-org/@ref' "$usaid" | grep -o 'ref="[^"]*"' |
        grep -v 'ref=""' | sort -u | wc -l)
    names=$(xmllint --xpath '//participating-org[not(@ref) or @ref=""]/narrative/text()' \
        "$usaid" | sort -u | wc -l)
    [ "$(wc -l <out.txt)" -eq $((1 + refs + names)) ] ||
        fail "$(wc -l <out.txt) lines, expected 1 + $refs + $names"
    iom_label=$(xmllint --xpath 'string((//participating-org[@ref="XM-DAC-47066"]/narrative)[1])' \
        "$usaid")
    contains out.txt "XM-DAC-47066,$iom_label,multilateral,"
    contains err.txt "read as that organisation"
    contains err.txt "--relation disbursement"
    expect 0 sg report "$usaid" -T md
    contains out.txt "| XM-DAC-47066 | $iom_label | multilateral |"
    # Two-mode: one project row per activity.
    expect 0 sg report "$usaid" --activity-nodes
    [ "$(grep -c ',project,' out.txt)" -eq "$(xmllint --xpath 'count(//iati-activity)' "$usaid")" ] ||
        fail "not one project per activity"
    # Filters that match nothing: an empty report, a warning, exit 0.
    expect 0 sg report "$usaid" --country GR
    [ "$(wc -l <out.txt)" -eq 1 ] || fail "rows for --country GR"
    contains err.txt "matches the filters"
    expect 0 sg check "$usaid" --reporting-org US-GOV-1 --from-year 2020 --to-year 2023
    ;;
iati-export)
    usaid="$data/iati/usaid-tr.xml"
    expect 0 sg export "$usaid" -o out
    for f in usaid-tr.gv usaid-tr.svg usaid-tr.png usaid-tr.pdf usaid-tr-centrality.csv \
        usaid-tr-centrality.md; do
        [ -s "out/$f" ] || fail "export did not write $f"
    done
    is_png out/usaid-tr.png
    is_pdf out/usaid-tr.pdf
    contains out/usaid-tr.gv "XM-DAC-47066"
    contains out/usaid-tr-centrality.csv "XM-DAC-47066,International Organisation for Migration"
    contains out/usaid-tr.svg "<!-- XM&#45;DAC&#45;47066 -->" # IOM is drawn
    contains out/usaid-tr.svg "$(xmllint --xpath 'string(//reporting-org/narrative)' "$usaid"): \
$(xmllint --xpath 'count(//iati-activity)' "$usaid") IATI activities" # the title
    ;;
iati-errors)
    usaid="$data/iati/usaid-tr.xml"
    expect 2 sg report "$usaid" --from-year 20x4
    contains err.txt "--from-year takes a year"
    expect 2 sg report "$usaid" --from-year 2024 --to-year 2020
    contains err.txt "--from-year 2024 is after --to-year 2020"
    expect 2 sg report "$usaid" --country ''
    expect 1 sg report "$graph" --country TR
    contains err.txt "--country applies to IATI input only"
    # A DOCTYPE with an external entity: refused, the file it names never read.
    expect 1 sg report "$data/iati/xxe.xml"
    contains err.txt "xxe.xml:4: error: the document has a DOCTYPE declaration"
    ! grep -q XXE-MARKER out.txt err.txt || fail "the entity's file was read"
    printf '<iati-organisations/>\n' >org.xml
    expect 1 sg check org.xml
    contains err.txt "an IATI organisation file"
    # --from iati reads any name; a graph of DOT text is not IATI.
    cp "$data/iati/iati-schemas-worked-example.xml" worked.data
    expect 0 sg check worked.data --from iati --activity-nodes
    contains out.txt "edges: 2"
    ;;
limits)
    # Nesting depth and attribute length: clear errors naming the option that lifts them.
    nested="$src/tests/data/cases/R09-nested-subgraphs-3000.gv"
    expect 1 sg report "$nested" -o r.csv
    contains err.txt "R09-nested-subgraphs-3000.gv:2: error: nesting too deep (more than 256 levels"
    contains err.txt "--max-depth N allows more"
    [ ! -e r.csv ] || fail "output written past the nesting limit"
    expect 0 sg report --max-depth 4000 "$nested" -o r.csv
    [ "$(wc -l <r.csv)" -eq 3 ] || fail "the nested graph lifted: $(wc -l <r.csv) lines"
    expect 1 sg check --max-label 100 "$graph"
    contains err.txt "a value of attribute 'source' is longer than 100 bytes (--max-label BYTES"
    expect 2 sg check --max-depth 0 "$graph"
    # The largest limit accepted works (2147483648 was accepted, then failed on a flat file)
    expect 2 sg check --max-depth 2147483648 "$graph"
    contains err.txt "--max-depth takes a whole number from 1 to 2147483647"
    expect 0 sg check --max-depth 2147483647 --max-label 2147483647 "$graph"
    ;;
hostile-markup)
    # Script and event attributes in every input format never reach the SVG or the HTML report
    # as markup: text is escaped, and input attributes never become links or attributes.
    printf 'digraph {\n  a [label="<script>alert(1)</script>", URL="javascript:alert(1)",\n     href="javascript:x", onclick="alert(2)", tooltip="t\\" onmouseover=\\"x"];\n  a -> b [URL="javascript:y", labelURL="javascript:z", label="<img src=x onerror=alert(3)>"];\n}\n' >x.gv
    printf 'id,label,type,url\na,<script>alert(1)</script>,"x"" onload=""y",javascript:alert(1)\nb,B,<b onmouseover=alert(2)>,\n' >x-nodes.csv
    printf 'source,target,relation\na,b,"<svg onload=alert(4)>"\n' >x.csv
    cat >x.graphml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="URL" for="node" attr.name="URL" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="a"><data key="label">&lt;script&gt;alert(1)&lt;/script&gt;</data><data key="URL">javascript:alert(1)</data></node>
    <node id="b"><data key="label">b" onclick="alert(2)</data></node>
    <edge source="a" target="b"/>
  </graph>
</graphml>
XML
    for input in "x.gv" "x.csv --nodes x-nodes.csv" "x.graphml"; do
        # shellcheck disable=SC2086
        expect 0 sg export $input -o out
        for f in out/*.svg out/*-report.html; do
            xmllint --noout "$f" 2>/dev/null || [ "${f##*.}" = html ] || fail "$f is not well-formed"
            ! grep -qi 'javascript:' "$f" || fail "$f carries a javascript: URL ($input)"
            ! grep -qiE '<(script|img|svg)[^>]*(alert|onerror|onload)' "$f" || fail "$f carries input markup ($input)"
            # Parsed, not grepped: a tooltip may quote the text ' onclick="' escaped, as data.
            html=; [ "${f##*.}" = html ] && html=--html
            ! xmllint $html --xpath '//@*[starts-with(translate(name(), "ON", "on"), "on")]' "$f" \
                >/dev/null 2>&1 || fail "$f carries an event attribute ($input)"
        done
        rm -rf out
    done
    ;;
contain-crash)
    # Graphviz crashing while reading the DOT file and while laying the figure out (the
    # preloaded crash_shim.c raises SIGSEGV in agread or gvLayout): draw and grid say which
    # step failed, with the signal, exit 1 and write nothing; report's own child says the same.
    if [[ $(ldd "$exe") == *libasan* ]]; then # (not grep -q: its early exit fails the pipe)
        echo "skipped: the shim cannot be preloaded ahead of AddressSanitizer's runtime"
        exit 0
    fi
    export LD_PRELOAD="$SG_CRASH_SHIM"
    SG_CRASH_IN=agread expect 1 sg draw "$graph" -o c.svg
    contains err.txt "iom-tuerkiye-customs.gv: error: Graphviz failed while reading the graph (signal 11)"
    [ ! -e c.svg ] || fail "a crashed draw wrote c.svg"
    SG_CRASH_IN=gvLayout expect 1 sg draw "$graph" -o c.svg
    contains err.txt "iom-tuerkiye-customs.gv: error: Graphviz crashed while drawing the figure (signal 11: Segmentation fault)"
    [ ! -e c.svg ] || fail "a crashed draw wrote c.svg"
    SG_CRASH_IN=gvLayout expect 1 sg grid "$data/grid.gv" -o c.svg
    contains err.txt "error: Graphviz crashed while drawing the grid (signal 11"
    [ ! -e c.svg ] || fail "a crashed grid wrote c.svg"
    SG_CRASH_IN=agread expect 1 sg report "$graph" -o c.csv
    contains err.txt "iom-tuerkiye-customs.gv: error: Graphviz failed while reading the graph (signal 11)"
    [ ! -e c.csv ] || fail "a crashed report wrote c.csv"
    # The HTML report's figure crashing: the file, the step and the signal, as draw says it
    SG_CRASH_IN=gvLayout expect 1 sg report "$graph" -T html -o c.html
    contains err.txt "iom-tuerkiye-customs.gv: error: Graphviz crashed while drawing the figure (signal 11: Segmentation fault); the graph may be too large or too deep for dot"
    [ ! -e c.html ] || fail "a crashed report wrote c.html"
    # sfdp crashing on 11 nodes is not blamed on dot or on the graph's size
    SG_CRASH_IN=gvLayout expect 1 sg draw "$graph" --engine sfdp -o c.svg
    contains err.txt "Graphviz crashed while drawing the figure (signal 11: Segmentation fault)"
    ! grep -q "for dot" err.txt || fail "sfdp's crash blamed on dot: $(cat err.txt)"
    # the shim itself changes nothing when asked for no crash
    expect 0 sg draw "$graph" -o ok.svg
    unset LD_PRELOAD
    expect 0 sg draw "$graph" -o plain.svg
    cmp -s ok.svg plain.svg || fail "the shim changed the figure"
    ;;
hostile-dot-files)
    # Graphviz's own test corpus and the cases that trip tools of this kind: each file is
    # exported or refused with a clear message, never a crash (exit above 2) or a hang.
    for f in "$src"/tests/fuzz/corpus/dot/*; do
        timeout 600 "$exe" draw "$f" -o out.svg >/dev/null 2>err.txt
        rc=$?
        case $rc in
        0) ;;
        1) grep -q "error:" err.txt || fail "$(basename "$f"): exit 1 without an error message" ;;
        *) cat err.txt; fail "$(basename "$f"): exit $rc" ;;
        esac
        [ $rc -ne 0 ] || xmllint --noout out.svg || fail "$(basename "$f"): SVG not well-formed"
        [ $rc -eq 0 ] || [ ! -e out.svg ] || fail "$(basename "$f"): a failed draw left out.svg"
        rm -f out.svg
    done
    ;;
draw-encoding)
    # Size, colour and width by data, grayscale, themes, caption, size and font (issue 6).
    expect 0 sg draw "$data/karate.gv" --size-by betweenness --color-by community --engine dot -o k.gv
    contains k.gv 'label="Size (area): betweenness\l"'
    contains k.gv 'label="Colour: community\l"'
    contains k.gv 'label="Width: amount\l"'
    # node 1 has the largest betweenness (231.071): the largest size
    grep -A12 -P '^\t1\t\[' k.gv | grep -qE 'width=1\.2[],]' || fail "node 1 is not the largest"
    contains k.gv 'tooltip="1\ntype: No type\ncommunity: 1\ndegree: 16\nbetweenness: 231.071"'
    # the size legend's values: two significant digits (Valjean's 1624 is 1,600, a quarter
    # 406 is 410, a sixteenth 101.5 is 100), never an exponent (1.6e+03), grouped with a comma
    # in every locale
    expect 0 sg draw "$data/lesmis.gv" --size-by betweenness -o l.gv
    contains l.gv 'label="1,600\r"'
    contains l.gv 'label="410\r"'
    contains l.gv 'label="100\r"'
    LC_ALL=de_DE.UTF-8 expect 0 sg draw "$data/lesmis.gv" --size-by betweenness -o l-de.gv
    cmp -s l.gv l-de.gv || fail "the legend differs in de_DE"
    # --color-by an attribute no node has: a warning naming the attributes present, exit 0
    expect 0 sg draw "$data/karate.gv" --color-by sector -o ks.gv
    contains err.txt '--color-by: no node has the attribute "sector" (node attributes present: '
    expect 0 sg draw "$data/karate.gv" --size-by betweenness --colour-by community -o k.svg
    xmllint --noout k.svg || fail "k.svg is not well-formed"
    contains k.svg '<desc>An undirected graph of 34 stakeholders and 78 links; shape shows the type, colour the community, area the betweenness; line style shows the relation, width the amount.</desc>'
    expect 2 sg draw "$graph" --size-by fame -o x.svg
    contains err.txt "--size-by takes a measure's column name"
    expect 2 sg draw "$graph" --edge-width thick -o x.svg
    expect 2 sg draw "$graph" --width 16 -o x.svg
    contains err.txt "--width takes a length with its unit"
    expect 2 sg draw "$graph" --font 'a"b' -o x.svg
    # 16 cm = 6.2992 in: Graphviz's size, fitting within, aspect kept
    expect 0 sg draw "$graph" --width 16cm -o w.gv
    contains w.gv 'size="6.3,10000!"'
    expect 0 sg draw "$graph" --width 16cm -o w.svg
    [ "$(grep -o '<svg width="[0-9]*pt"' w.svg)" = '<svg width="454pt"' ] ||
        fail "16 cm wide is not 454 pt: $(grep -o '<svg width="[^"]*"' w.svg)"
    # the PDF page is the SVG's size: no default margin added by Graphviz's paged renderers
    expect 0 sg draw "$graph" --width 16cm -o w.pdf
    pw=$(pdfinfo w.pdf | sed -n 's/^Page size: *\([0-9.]*\) x.*/\1/p')
    [ "${pw%.*}" = 454 ] || [ "${pw%.*}" = 453 ] || fail "the 16 cm PDF is $pw pt wide, not 454"
    expect 0 sg draw "$graph" --caption "Source: IOM fact sheet, 2023 <draft>" -o c.svg
    xmllint --noout c.svg || fail "c.svg is not well-formed"
    contains c.svg '>Source: IOM fact sheet, 2023 &lt;draft&gt;</text>'
    contains c.svg '<desc>Source: IOM fact sheet, 2023 &lt;draft&gt;. A directed graph of 11'
    # the shipped default theme is the built-in one: the same bytes
    expect 0 sg draw "$graph" -o plain.gv
    expect 0 sg draw "$graph" --theme "$src/data/themes/default.theme" -o themed.gv
    cmp -s plain.gv themed.gv || fail "the default theme file draws another figure"
    ! grep -q 'no style for' err.txt || { cat err.txt; fail "the whole default theme warns"; }
    printf 'type donor fill=#E69F00 shape=blob\n' >bad.theme
    expect 1 sg draw "$graph" --theme bad.theme -o b.svg
    contains err.txt "bad.theme:1:31: error: theme: unknown shape 'blob'"
    [ ! -e b.svg ] || fail "a figure was written with a bad theme"
    printf 'type donor fill=#112233 shape=box\n' >own.theme
    expect 0 sg draw "$graph" --theme own.theme -o own.gv
    grep -A4 -P '^\tEU\t\[' own.gv | grep -q 'fillcolor="#112233"' || fail "own theme not used"
    # a theme that leaves out types and relations present: a warning for each (4 types and 7
    # relations of the default graph), once in a run, even one that draws several figures
    contains err.txt 'own.theme: warning: theme: no style for type "national_government"; drawn as an unknown type (colour and shape chosen from its name)'
    contains err.txt 'own.theme: warning: theme: no style for relation "funding"; drawn as an unknown relation (line style and arrowhead chosen from its name)'
    [ "$(grep -c 'no style for' err.txt)" = 11 ] || { cat err.txt; fail "not one warning each"; }
    ! grep -q 'no style for type "donor"' err.txt || fail "a warning for a type the theme has"
    expect 0 sg export "$graph" --theme own.theme -o own-export
    [ "$(grep -c 'no style for' err.txt)" = 11 ] || { cat err.txt; fail "export: not once each"; }
    # grayscale: every fill a gray
    expect 0 sg draw "$graph" --grayscale -o g.gv
    for c in $(grep -o 'fillcolor="#[0-9A-F]*"' g.gv | sort -u | cut -c13-18); do
        [ "${c:0:2}" = "${c:2:2}" ] && [ "${c:2:2}" = "${c:4:2}" ] || fail "#$c is not a gray"
    done
    [ "$(grep -o 'fillcolor="#[0-9A-F]*"' g.gv | sort -u | wc -l)" -eq 5 ] ||
        fail "not one gray per type (5 types)"
    # a label the font cannot show: a warning naming the font and the character
    printf 'digraph { a [label="\xe3\x81\x82"]; }' >jp.gv
    expect 0 sg draw jp.gv -o jp.svg
    contains err.txt 'not in the font "DejaVu Sans" (U+3042)'
    # a font that is not installed: the warning names the one fontconfig draws the text in
    # (issue 6), in every command that draws and every format
    used=$(fc-match -f '%{family[0]}' "No Such Family")
    [ -n "$used" ] || fail "fc-match names no font"
    for f in svg png; do
        expect 0 sg draw jp.gv --font "No Such Family" -o "jp.$f"
        contains err.txt "warning: figure: the font \"No Such Family\" is not installed; the text is drawn in \"$used\""
    done
    expect 0 sg export jp.gv --font "No Such Family" -o jp-out
    [ "$(grep -c 'the font "No Such Family" is not installed' err.txt)" -eq 1 ] ||
        fail "export: not one font warning"
    # a generic family is no font that could be missing (it said 'the font "DejaVu LGC Serif"
    # is not installed', a family nobody asked for)
    for generic in serif sans-serif monospace Sans; do
        expect 0 sg draw "$graph" --font "$generic" -o generic.svg
        ! grep -q 'is not installed' err.txt || { cat err.txt; fail "--font $generic warned"; }
    done
    # export takes the same options for its figures
    expect 0 sg export "$graph" --grayscale --caption "Source: test" -o out
    contains out/iom-tuerkiye-customs.svg '>Source: test</text>'
    ;;
draw-views)
    # The node ids a figure draws: Graphviz's comment before each node group (its <title> is
    # the label, for screen readers), the legend's left out.
    drawn() { awk '/^<!-- [^&]* -->$/ {c = substr($0, 6, length($0) - 9); next}
                   /^<g id="node_/ && c != "" {print c} {c = ""}' "$1" |
              grep -v '^legend' | grep -v '^stakegraph$' | grep -v '^cluster' | sort |
              tr '\n' ' '; }
    # Screen readers read each group's <title> (issue 6): the figure's own title and <desc>
    # first, then human text, never Graphviz's ids ("cluster_legend", "legend_relation_0->
    # legend_relation_end_0", "DGCE"). Read with an XML parser.
    expect 0 sg draw "$graph" -o a11y.svg
    python3 - a11y.svg <<'PY' || fail "the SVG's <title> elements"
import re, sys
import xml.etree.ElementTree as ET
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(sys.argv[1]).getroot()
assert root.find("s:title", ns).text == "EU-funded customs and border management in Türkiye (IOM)"
assert root.find("s:desc", ns).text.startswith("A directed graph of 11 stakeholders")
titles = {}
for g in root.iter("{http://www.w3.org/2000/svg}g"):
    t = g.find("s:title", ns)
    if t is not None:
        titles[g.get("id")] = t.text
ids = {"DGCE", "DGCE_STAFF", "EU", "IOM", "MoT", "PMM", "TNP", "DHMI", "DTC", "DGCA", "PRIV"}
for gid, text in titles.items():
    assert text and not re.match(r"(cluster|legend_|node_|edge_|stakegraph$)", text), (gid, text)
    assert "->" not in text and text not in ids, (gid, text)
assert "graph0" not in titles, titles.get("graph0")
assert titles["legend"] == "Legend", titles["legend"]
assert titles["legend_edge_0"] == "Legend: Funding", titles["legend_edge_0"]
assert titles["legend_type_0"] == "Legend: Donor", titles["legend_type_0"]
texts = set(titles.values())
assert "Directorate General of Customs Enforcement" in texts
assert ("Funding from EU Delegation to Türkiye to International Organization for Migration "
        "(IOM) Türkiye, 2 links") in texts, sorted(texts)
assert "Hierarchy from Ministry of Trade to Directorate General of Customs Enforcement" in texts
PY
    # a collapsed view's edge standing for 2 links (donor -> international organisation) says so
    expect 0 sg draw "$graph" --collapse type -T gv -o ct.gv
    grep -A6 -P '^\tdonor -> international_organisation\t\[' ct.gv | grep -q 'label=×2,' ||
        fail "the donor edge standing for 2 links has no ×2 label"
    expect 0 sg draw "$graph" --collapse type -o ct.svg
    [ "$(grep -c '>×2</text>' ct.svg)" -eq 1 ] || fail "ct.svg does not show ×2 once"
    expect 0 sg draw "$graph" --top 3 --by pagerank -o top.svg
    xmllint --noout top.svg || fail "top.svg is not well-formed"
    [ "$(drawn top.svg)" = "DGCE DGCE_STAFF IOM " ] || fail "--top 3: $(drawn top.svg)"
    expect 0 sg draw "$graph" --collapse type -o col.svg
    xmllint --noout col.svg || fail "col.svg is not well-formed"
    # labelled with the type's name as the legend shows it, and the count
    contains col.svg ">National government (7)<"
    contains col.svg ">Donor (1)<"
    ! grep -q ">donor (1)<" col.svg || fail "--collapse type: a lowercase type name as a label"
    # the view carries that name (issue 6): the tooltip's first line is the label drawn
    contains col.svg 'xlink:title="Donor (1)&#10;type: Donor'
    # names of types and relations keep known acronyms upper case (issue 6: "ngo" was "Ngo")
    printf 'digraph { a [type=ngo]; b [type=un_agency]; c [type=ngo]; a -> b [relation=eu_funding] }\n' >acr.gv
    expect 0 sg draw acr.gv -o acr.svg
    for t in '>NGO<' '>UN agency<' '>EU funding<'; do contains acr.svg "$t"; done
    ! grep -q '>Ngo<\|>Un agency<\|>Eu funding<' acr.svg || fail "an acronym in lower case"
    expect 0 sg draw acr.gv --collapse type -o acr-col.svg
    contains acr-col.svg '>NGO (2)<'
    [ "$(drawn col.svg)" = "donor international_organisation national_government private_sector state_enterprise " ] ||
        fail "--collapse type: $(drawn col.svg)"
    ! grep -q "Ministry of Trade" col.svg || fail "--collapse type drew a node of its own"
    expect 0 sg draw "$graph" --ego IOM --radius 1 -o ego.svg
    xmllint --noout ego.svg || fail "ego.svg is not well-formed"
    [ "$(drawn ego.svg)" = "DGCA DGCE DHMI DTC EU IOM PMM PRIV TNP " ] || fail "--ego: $(drawn ego.svg)"
    ! grep -q "DGCE customs staff" ego.svg || fail "--ego IOM --radius 1 drew a node 2 steps away"
    expect 0 sg draw "$graph" --ego IOM --radius 0 -o ego0.svg
    [ "$(drawn ego0.svg)" = "IOM " ] || fail "--radius 0: $(drawn ego0.svg)"
    expect 0 sg draw "$graph" --type donor,international_organisation -o type.svg
    [ "$(drawn type.svg)" = "EU IOM " ] || fail "--type: $(drawn type.svg)"
    # Filters match names as the legend does (case, ' ' and '-' as '_'); an item that matches
    # nothing is an error naming the values present, and nothing is written (issue 6: a
    # title-only figure and exit 0 looked like an answer).
    expect 0 sg draw "$graph" --type "Donor,International Organisation" -o type2.svg
    [ "$(drawn type2.svg)" = "EU IOM " ] || fail "--type as in the legend: $(drawn type2.svg)"
    types_present="(types present: donor, international_organisation, national_government, state_enterprise, private_sector)"
    rels_present="(relations present: funding, implementation, training, capacity_building, hierarchy, policy_partnership, partnership)"
    for f in svg png gv; do
        expect 1 sg draw "$graph" --type nonexist -o "none.$f"
        contains err.txt "error: --type: no node has type 'nonexist' $types_present"
        [ ! -e "none.$f" ] || fail "draw --type nonexist wrote none.$f"
    done
    expect 1 sg draw "$graph" --type "donor, nonexist" -o none.svg
    contains err.txt "error: --type: no node has type 'nonexist' $types_present"
    [ ! -e none.svg ] || fail "draw --type donor,nonexist wrote a figure"
    expect 1 sg export "$graph" --type nonexist -o none-dir
    contains err.txt "error: --type: no node has type 'nonexist' $types_present"
    [ ! -e none-dir ] || fail "export --type nonexist made its directory"
    for out in draw:none.svg report:none.csv export:none-dir; do
        expect 1 sg "${out%%:*}" "$graph" --relation "funding,nope" -o "${out#*:}"
        contains err.txt "error: --relation: no edge has relation 'nope' $rels_present"
        [ "$(grep -c 'no edge has relation' err.txt)" -eq 1 ] || fail "$out: the error twice"
        [ ! -e "${out#*:}" ] || fail "${out%%:*} --relation funding,nope wrote ${out#*:}"
    done
    expect 0 sg draw "$graph" --relation Funding -o rel.svg --parallel-edges each
    [ "$(grep -c 'class="edge"' rel.svg)" -eq 3 ] || fail "--relation Funding: not the 3 funding edges"
    # merged (the default): the two EU -> IOM edges are one, and the legend's sample
    expect 0 sg draw "$graph" --relation Funding -o rel-merged.svg
    [ "$(grep -c 'class="edge"' rel-merged.svg)" -eq 2 ] || fail "--relation Funding: not merged"
    ! grep -q "warning: --relation" err.txt || fail "--relation Funding warned"
    expect 0 sg draw "$graph" --relation "Capacity-Building" -o rel2.svg
    [ "$(grep -c 'class="edge"' rel2.svg)" -ge 1 ] || fail "--relation Capacity-Building: no edge"
    expect 0 sg report "$graph" --relation "Funding,capacity building" -o rel.csv
    ! grep -q "does not occur" err.txt || fail "report --relation did not match as the legend"
    contains err.txt "5 edges of other relations left out"
    expect 1 sg draw "$graph" --collapse nonexist -o bad.svg
    contains err.txt 'error: --collapse: no node has the attribute "nonexist" (node attributes present: label, name_tr, notes, type; nothing to group by)'
    [ ! -e bad.svg ] || fail "a figure was written for --collapse on a missing attribute"
    expect 1 sg draw "$graph" --ego NOBODY -o bad.svg
    contains err.txt 'error: --ego: no node with id or label "NOBODY" (no id or label is close)'
    [ ! -e bad.svg ] || fail "a figure was written for an unknown ego"
    # --ego takes a label where no id matches (exact, then in any case), and a comma-separated
    # list: the union of the ego networks. A name that matches nothing lists close matches.
    expect 0 sg draw "$graph" --ego "Ministry of Trade" -o ego-label.svg
    [ "$(drawn ego-label.svg)" = "DGCE MoT " ] || fail "--ego by label: $(drawn ego-label.svg)"
    expect 0 sg draw "$graph" --ego "ministry of TRADE" -o ego-case.svg
    [ "$(drawn ego-case.svg)" = "DGCE MoT " ] || fail "--ego in another case: $(drawn ego-case.svg)"
    expect 0 sg draw "$graph" --ego "MoT, DGCE customs staff" -o ego-list.svg
    [ "$(drawn ego-list.svg)" = "DGCE DGCE_STAFF MoT " ] || fail "--ego list: $(drawn ego-list.svg)"
    expect 0 sg draw "$graph" --ego "EU,PRIV" --radius 0 -o ego-list0.svg
    [ "$(drawn ego-list0.svg)" = "EU PRIV " ] || fail "--ego list, radius 0: $(drawn ego-list0.svg)"
    expect 1 sg draw "$graph" --ego "Ministy of Trade" -o bad.svg
    contains err.txt 'error: --ego: no node with id or label "Ministy of Trade" (close matches: MoT ("Ministry of Trade"))'
    expect 1 sg draw "$graph" --ego "MoT,iomm" -o bad.svg
    contains err.txt 'error: --ego: no node with id or label "iomm" (close matches: IOM ("International Organization for Migration (IOM) Türkiye"))'
    [ ! -e bad.svg ] || fail "a figure was written for a list with an unknown ego"
    # ids match in any case too, as labels do (exit 1 for "iom" before), exact first
    expect 0 sg draw "$graph" --ego "mot,iom" --radius 0 -o ego-idcase.svg
    [ "$(drawn ego-idcase.svg)" = "IOM MoT " ] || fail "--ego ids in another case: $(drawn ego-idcase.svg)"
    printf 'digraph { ab; AB; Ab -> ab; x [label="aB"] }\n' >case.gv
    expect 0 sg draw case.gv --ego AB --radius 0 -o case-exact.svg
    [ "$(drawn case-exact.svg)" = "AB " ] || fail "--ego AB: not the exact id: $(drawn case-exact.svg)"
    expect 0 sg draw case.gv --ego aB --radius 0 -o case-label.svg
    [ "$(drawn case-label.svg)" = "x " ] || fail "--ego aB: not the exact label: $(drawn case-label.svg)"
    printf 'digraph { ab; AB; Ab -> ab }\n' >case2.gv
    expect 1 sg draw case2.gv --ego aB -o bad.svg
    contains err.txt 'error: --ego: "aB" is, in another case, the id or label of several nodes (ids ab, AB, Ab): give one of the ids as written'
    [ ! -e bad.svg ] || fail "a figure was written for an ambiguous ego"
    expect 1 sg draw "$graph" --type donor --ego "EU,IOM" -o bad.svg
    contains err.txt 'error: --ego: node "IOM" is not in the view (left out by another option)'
    # a label that several nodes share names their ids; a label holding a comma is one name
    printf 'digraph { a [label="Same"]; b [label="Same"]; c [label="Ankara, HQ"]; a -> c; b -> c }\n' >lab.gv
    expect 1 sg draw lab.gv --ego Same -o bad.svg
    contains err.txt 'error: --ego: "Same" is the label of several nodes (ids a, b): give one of the ids'
    expect 0 sg draw lab.gv --ego "Ankara, HQ" --radius 0 -o comma.svg
    [ "$(drawn comma.svg)" = "c " ] || fail "--ego with a comma in the label: $(drawn comma.svg)"
    expect 2 sg draw "$graph" --radius 2 -o bad.svg
    contains err.txt "--radius needs --ego"
    expect 2 sg draw "$graph" --top 3 --by nonsense -o bad.svg
    # draw warns only about what the figure shows: --top's --by measure, --size-by's, the
    # communities of --color-by community; report keeps every warning. The funding layer has
    # 10 components and 9 isolated nodes, which leave closeness undefined, not PageRank.
    closeness_parts="warning: the graph has 10 weakly connected components: closeness is measured within each component"
    closeness_isolated="warning: 9 nodes have no link to another node: closeness and constraint are missing there"
    expect 0 sg draw "$graph" --relation funding --top 2 --by pagerank -o w-top.svg
    contains err.txt "warning: the graph is acyclic"
    contains err.txt "warning: 11 edges of other relations left out: only funding analysed"
    ! grep -q "closeness\|clustering\|constraint" err.txt || fail "draw --by pagerank warned about other measures: $(cat err.txt)"
    expect 0 sg draw "$graph" --relation funding --top 2 --by closeness -o w-close.svg
    contains err.txt "$closeness_parts"
    contains err.txt "$closeness_isolated"
    ! grep -q "clustering\|acyclic" err.txt || fail "draw --by closeness warned about other measures: $(cat err.txt)"
    expect 0 sg draw "$graph" --relation funding --top 2 --by harmonic -o w-harm.svg
    ! grep -q "closeness" err.txt || fail "draw --by harmonic warned about closeness: $(cat err.txt)"
    # --size-by's measure is sg_render()'s, on the graph drawn: its warnings say "figure:"
    # (the second analysis the CLI ran for them printed them as the graph's)
    printf 'digraph { a -> b; c -> d; c -> e }\n' >parts.gv
    expect 0 sg draw parts.gv --size-by closeness -o w-size.svg
    contains err.txt "warning: figure: the graph has 2 weakly connected components: closeness is measured within each component"
    [ "$(grep -c 'weakly connected' err.txt)" -eq 1 ] || fail "the components warning twice: $(cat err.txt)"
    expect 0 sg draw "$graph" --relation funding --size-by pagerank -o w-size2.svg
    contains err.txt "warning: figure: the graph is acyclic"
    ! grep -q "closeness\|clustering" err.txt || fail "draw --size-by pagerank warned about other measures: $(cat err.txt)"
    expect 0 sg draw "$graph" --relation funding -o w-plain.svg
    [ "$(cat err.txt)" = "$graph: warning: 9 stakeholders without a link of the chosen relations left out" ] ||
        fail "a figure without measures warned: $(cat err.txt)"
    # A filter's view leaves out the nodes it unlinked (9 of the 11 stayed, unlinked, in the
    # funding figure), not those unlinked in the whole graph; the title says it is a view.
    [ "$(drawn w-plain.svg)" = "EU IOM " ] || fail "--relation funding: $(drawn w-plain.svg)"
    contains w-plain.svg "<title>EU-funded customs and border management in Türkiye (IOM): funding</title>"
    printf 'digraph { label="Links"; a -> b [relation=funding]; b -> c [relation=training]; z; c -> c [relation=funding] }\n' >lone.gv
    expect 0 sg draw lone.gv --relation funding -o lone.svg
    [ "$(drawn lone.svg)" = "a b c z " ] || fail "--relation funding, a self-loop and a lone node: $(drawn lone.svg)"
    [ ! -s err.txt ] || fail "nothing unlinked, yet: $(cat err.txt)"
    expect 0 sg draw lone.gv --relation Training -o lone2.svg
    [ "$(drawn lone2.svg)" = "b c z " ] || fail "--relation training: $(drawn lone2.svg)"
    contains err.txt "lone.gv: warning: 1 stakeholder without a link of the chosen relations left out"
    contains lone2.svg "<title>Links: training</title>"
    expect 0 sg draw "$graph" --relation funding,implementation --type "donor,international organisation,national government" -o rel-type.svg
    contains err.txt "warning: 6 stakeholders without a link of the chosen relations among the chosen types left out"
    contains rel-type.svg ": funding and implementation; donor, international organisation and national government stakeholders</title>"
    # a type with no link among its nodes keeps them (a figure of nothing would be no answer)
    expect 0 sg draw "$graph" --type donor -o donor.svg
    [ "$(drawn donor.svg)" = "EU " ] || fail "--type donor: $(drawn donor.svg)"
    expect 0 sg draw "$graph" --ego IOM --radius 2 -o ego-title.svg
    contains ego-title.svg "<title>EU-funded customs and border management in Türkiye (IOM): ego network of International Organization for Migration (IOM) Türkiye, radius 2</title>"
    expect 0 sg draw "$graph" --ego IOM --radius 2 --title "IOM and its partners" -o ego-title2.svg
    contains ego-title2.svg "<title>IOM and its partners</title>"
    expect 0 sg export "$graph" --top 3 --by degree -o out-title
    contains out-title/iom-tuerkiye-customs.svg "(IOM): top 3 by degree</title>"
    # clusters: their labels are not drawn, said once (not per figure of an export)
    printf 'digraph { subgraph cluster_a { label="Ministries"; a; b } subgraph cluster_b { c } subgraph cluster_c { label="Agencies"; subgraph cluster_d { label="Inner"; d } } a -> c; b -> d }\n' >clusters.gv
    expect 0 sg draw clusters.gv -o clusters.svg
    contains err.txt 'clusters.gv: warning: 3 clusters with a label (cluster_a "Ministries", cluster_c "Agencies", cluster_d "Inner") left out'
    [ "$(grep -c cluster_a err.txt)" -eq 1 ] || fail "the clusters' warning not once: $(cat err.txt)"
    expect 0 sg export clusters.gv -o out-clusters
    [ "$(grep -c cluster_a err.txt)" -eq 1 ] || fail "export: the clusters' warning not once: $(cat err.txt)"
    printf 'source,target,weight\na,b,2\nb,c,\n' >unknown.csv
    expect 0 sg draw unknown.csv --top 2 --by strength -o w-str.svg
    contains err.txt "warning: 1 of 2 edges have no weight (an unknown amount): strengths sum the known weights only"
    ! grep -q "PageRank" err.txt || fail "draw --by strength warned about PageRank: $(cat err.txt)"
    expect 0 sg draw unknown.csv --top 2 --by pagerank -o w-pr.svg
    contains err.txt "warning: PageRank is unweighted: not every edge has a known weight"
    ! grep -q "strengths sum" err.txt || fail "draw --by pagerank warned about strength: $(cat err.txt)"
    expect 0 sg report "$graph" --relation funding -o w.csv
    contains err.txt "$closeness_parts"
    contains err.txt "$closeness_isolated"
    contains err.txt "warning: clustering is missing for 11 nodes"
    # the analysis warns about the measures asked for (it did about closeness whatever the
    # --measures, and draw matched the warnings' phrases to leave them out)
    expect 0 sg report "$graph" --relation funding --measures degree -o w-deg.csv
    ! grep -q "closeness\|constraint" err.txt || fail "report --measures degree warned about closeness: $(cat err.txt)"
    contains err.txt "warning: 11 edges of other relations left out: only funding analysed"
    expect 0 sg report "$graph" --relation funding --measures constraint -o w-con.csv
    ! grep -q "weakly connected" err.txt || fail "report --measures constraint warned about components: $(cat err.txt)"
    contains err.txt "$closeness_isolated"
    expect 0 sg report unknown.csv --measures degree,pagerank -o w-unk.csv
    ! grep -q "strengths sum" err.txt || fail "report --measures degree,pagerank warned about strength: $(cat err.txt)"
    expect 0 sg report unknown.csv --measures out_strength -o w-unk2.csv
    contains err.txt "warning: 1 of 2 edges have no weight (an unknown amount): strengths sum the known weights only"
    # parallel edges: draw says what report says (draw --size-by said the count of the drawn
    # graph, whose same-relation edges were merged already: 1 against the report's 2)
    expect 0 sg report "$graph" -o all.csv
    grep 'parallel edge' err.txt >report-parallel.txt || fail "report: no parallel-edge warning"
    contains report-parallel.txt "warning: 2 parallel edges merged"
    expect 0 sg draw "$graph" --top 3 -o w-top3.svg
    grep 'parallel edge' err.txt >draw-parallel.txt
    cmp report-parallel.txt draw-parallel.txt || fail "draw --top and report count parallel edges differently: $(cat draw-parallel.txt)"
    expect 0 sg draw "$graph" --size-by pagerank -o w-pr2.svg
    ! grep -q "parallel edge" err.txt || fail "draw --size-by counted the figure's parallel edges: $(cat err.txt)"
    # export: the figures show the view, the reports the whole graph.
    expect 0 sg export "$graph" --top 3 --by pagerank -o out
    [ "$(drawn out/iom-tuerkiye-customs.svg)" = "DGCE DGCE_STAFF IOM " ] || fail "export --top"
    [ "$(wc -l <out/iom-tuerkiye-customs-centrality.csv)" -eq 12 ] || fail "export's report lost rows"
    ;;
grid)
    expect 0 sg grid "$data/grid.gv" -o grid.svg
    xmllint --noout grid.svg || fail "grid.svg is not well-formed"
    for q in "Manage closely" "Keep satisfied" "Keep informed" "Monitor" "Donor agency" \
             "National government"; do
        contains grid.svg ">$q<"
    done
    contains err.txt "1 node(s) without numeric interest and influence left out: PRESS"
    ! grep -q "Regional press" grid.svg || fail "a node without values was drawn"
    expect 0 sg grid "$data/grid.gv" -o grid.png
    is_png grid.png
    expect 0 sg grid "$data/grid.gv" -o grid.gv
    contains grid.gv "layout=nop"
    # Graphviz's dot draws the DOT as stakegraph drew the SVG (but the <title> and <desc>).
    dot -Tsvg grid.gv >dot.svg 2>dot.err || { cat dot.err; fail "dot cannot draw grid.gv"; }
    [ ! -s dot.err ] || { cat dot.err; fail "dot warns on grid.gv"; }
    awk '!t && /^<title>/ {t = 1; next} /^<desc>/ {next} 1' grid.svg | cmp -s - dot.svg ||
        fail "dot draws grid.gv otherwise than stakegraph's SVG"
    # three types outside the built-in table: three fills, the markers' the legend's, chosen
    # from the names (FNV-1a mod 10 of the free colours: academia 8, media 3, zeta_kind 4)
    printf '%s\n' 'digraph { z [type=zeta_kind, influence=1, interest=2];' \
        'a [type=media, influence=3, interest=4]; m [type=academia, influence=2, interest=1]; }' >kinds.gv
    expect 0 sg grid kinds.gv -o kinds-grid.gv
    marks=$(grep -P '^\ts[0-9]+\t\[fillcolor=' kinds-grid.gv | grep -o '#[0-9A-F]*' | sort -u | tr '\n' ' ')
    keys=$(grep -P '^\tlegend_type_[0-9]+\t\[fillcolor=' kinds-grid.gv | grep -o '#[0-9A-F]*' | sort -u | tr '\n' ' ')
    [ "$marks" = "#332288 #999933 #DDCC77 " ] && [ "$keys" = "$marks" ] ||
        fail "grid fills: markers '$marks', legend '$keys'"
    # the <desc> counts in the singular for one (was "1 stakeholders", "1 node(s)")
    printf 'digraph { a [influence=1, interest=2]; b; }\n' >one.gv
    expect 0 sg grid one.gv -o one.svg
    contains one.svg '<desc>A power/interest grid (Mendelow) of 1 stakeholder: interest'
    contains one.svg ' 1 node without both values left out.</desc>'
    expect 1 sg grid "$data/grid.gv" --x-attr nothing -o bad.svg
    contains err.txt "no node has numeric nothing and influence"
    [ ! -e bad.svg ] || fail "a grid was written without values"
    expect 2 sg grid "$data/grid.gv"
    expect 0 sg --help
    contains out.txt "(--title, --caption, --font, --dpi, --theme, --grayscale,"
    contains out.txt "  --width and --height as for draw)"
    # The error names the file, the options and the attributes the nodes have (issue 6).
    expect 1 sg grid "$graph" -o bad.svg
    [ "$(cat err.txt)" = "$graph: error: grid: no node has numeric interest and influence attributes; name the attributes of interest and power with --x-attr and --y-attr (the nodes have: label, name_tr, notes, type; numeric: none)" ] ||
        { cat err.txt; fail "the error without values"; }
    expect 1 sg grid "$data/grid.gv" --y-attr power -o bad.svg
    contains err.txt "(the nodes have: influence, interest, label, type; numeric: influence, interest)"
    # SVG: <title> from --title (else the graph's label), <desc> with the caption, the axes and
    # the stakeholders of each quadrant (grid.gv's values by hand: the middle of 1 to 5 is 3).
    [ "$(sed -n 's:^<title>\(.*\)</title>$:\1:p' grid.svg | head -n 1)" = "Stakeholder grid test" ] ||
        fail "the grid's <title> is not the graph's label"
    expect 0 sg grid "$data/grid.gv" --title "Matrix & co" --caption "Source: test data, 2026" -o titled.svg
    [ "$(sed -n 's:^<title>\(.*\)</title>$:\1:p' titled.svg | head -n 1)" = "Matrix &amp; co" ] ||
        fail "--title is not the grid's <title>"
    [ "$(sed -n 's:^<desc>\(.*\)</desc>$:\1:p' titled.svg)" = "Source: test data, 2026. A power/interest grid (Mendelow) of 8 stakeholders: interest (interest, 1 to 5) left to right, power (influence, 1 to 5) bottom to top; shape and colour show the type. Manage closely: Donor agency, Implementing organisation. Keep satisfied: Ministry. Keep informed: Directorate, Local association. Monitor: Logistics firm, Port authority, University. 1 node without both values left out." ] ||
        { grep '<desc>' titled.svg; fail "the grid's <desc>"; }
    contains titled.svg ">Source: test data, 2026</text>"
    # --font: every text in that family (default DejaVu Sans), and draw's font warnings.
    [ "$(grep -c 'font-family="DejaVu Sans"' grid.svg)" = "$(grep -c '<text' grid.svg)" ] ||
        fail "a text of the grid is not in DejaVu Sans"
    expect 0 sg grid "$data/grid.gv" --font "DejaVu Serif" -o serif.svg
    [ "$(grep -c 'font-family="DejaVu Serif"' serif.svg)" = "$(grep -c '<text' serif.svg)" ] ||
        fail "--font is not every text's family in the grid"
    expect 0 sg grid "$data/grid.gv" --font "No Such Family" -o nofont.svg
    contains err.txt 'warning: figure: the font "No Such Family" is not installed'
    printf 'graph { a [label="\346\227\245\346\234\254 office", influence=1, interest=2]; b [influence=2, interest=1]; }\n' >cjk.gv
    expect 0 sg grid cjk.gv -o cjk.svg
    contains err.txt 'cjk.gv: warning: figure: 2 character(s) of the labels are not in the font "DejaVu Sans" (U+65E5, U+672C)'
    # A label of 200 characters in one word: 159 of them and "…", in lines of 22 characters
    # (the 1st and the 6th alike: the text repeats every 10 characters, the lines every 110).
    printf 'graph { a [label="%s", influence=1, interest=1]; b [influence=2, interest=2]; }\n' \
        "$(printf 'abcdefghij%.0s' $(seq 20))" >long.gv
    expect 0 sg grid long.gv -o long.svg
    contains err.txt "long.gv: warning: grid: 1 label(s) longer than 160 characters shortened"
    [ "$(grep -c '>abcdefghijabcdefghijab<' long.svg)" = 2 ] || fail "a long word is not broken"
    [ "$(grep -c '>[a-j]\{22\}<' long.svg)" = 7 ] || fail "a long word: not 7 lines of 22"
    contains long.svg ">efghi…<"
    # --theme, --grayscale, --width and --height as draw takes them (issue 6). fills: each
    # marker's (s0 is DONOR, grid.gv's first node) and legend entry's fill, text colour and text.
    fills() { python3 - "$1" <<'PY'
import re, sys
for part in re.split(r'<g id="[^"]*" class="node">', open(sys.argv[1]).read())[1:]:
    name = re.search(r'<title>([^<]*)</title>', part).group(1)
    if not (name[0] == "s" and name[1:].isdigit() or name.startswith("legend_type_")):
        continue
    fill = re.search(r'<(?:polygon|ellipse|path) fill="([^"]*)"', part)
    text = re.search(r'<text([^>]*)>([^<]*)</text>', part)
    colour = re.search(r' fill="([^"]*)"', text.group(1)) if text else None
    print(name, fill.group(1) if fill else "-", colour.group(1) if colour else "-",
          text.group(2) if text else "-")
PY
    }
    printf 'type donor fill=#112233 shape=box label="Funder"\n' >own.theme
    expect 0 sg grid "$data/grid.gv" --theme own.theme -o own.svg
    fills own.svg >own.txt
    grep -qx 's0 #112233 - -' own.txt || { cat own.txt; fail "--theme: the donor's marker"; }
    grep -qx 'legend_type_1 #112233 #ffffff Funder' own.txt ||
        { cat own.txt; fail "--theme: the donor's legend entry"; }
    [ "$(grep -c '#112233' own.txt)" = 2 ] || { cat own.txt; fail "--theme: another in its fill"; }
    printf 'type donor fill=#E69F00 shape=blob\n' >bad.theme
    expect 1 sg grid "$data/grid.gv" --theme bad.theme -o bad.svg
    contains err.txt "bad.theme:1:31: error: theme: unknown shape 'blob'"
    [ ! -e bad.svg ] || fail "a grid was written with a bad theme"
    # --grayscale: draw's grays of the 7 types present, each the gray of its colour
    # (sg_theme_colour_gray: the built-in types' colours at levels 2, 10, 4, 8, 0 of
    # L* = 96 - 7.6 i, the unknown types' (ngo, academia) at odd levels), not its rank among
    # the types present (it was: the same type had another gray in a --type view)
    expect 0 sg grid "$data/grid.gv" --grayscale -o gray.svg
    fills gray.svg | sort >gray.txt
    printf '%s\n' 'legend_type_0 #9f9f9f #000000 National government' 'legend_type_1 #c9c9c9 #000000 Donor' \
        'legend_type_2 #f3f3f3 #000000 Private sector' 'legend_type_3 #303030 #ffffff International organisation' \
        'legend_type_4 #b4b4b4 #000000 NGO' 'legend_type_5 #535353 #ffffff State enterprise' \
        'legend_type_6 #8b8b8b #000000 Academia' 's0 #c9c9c9 - -' 's1 #303030 - -' \
        's2 #9f9f9f - -' 's3 #9f9f9f - -' 's4 #535353 - -' 's5 #b4b4b4 - -' 's6 #8b8b8b - -' \
        's7 #f3f3f3 - -' >gray-want.txt
    diff gray-want.txt gray.txt || fail "--grayscale: the grid's fills"
    contains gray.svg "; shape and gray show the type."
    # the grays draw gives the same types (grid.gv without its node that has no values)
    grep -v PRESS "$data/grid.gv" >seven.gv
    expect 0 sg draw seven.gv --grayscale -o seven-draw.gv
    for n in DONOR:C9C9C9 IO:303030 MIN:9F9F9F PORT:535353 FIRM:F3F3F3 NGO:B4B4B4 UNI:8B8B8B; do
        grep -A3 -P "^\t${n%%:*}\t\[" seven-draw.gv | grep -q "fillcolor=\"#${n#*:}\"" ||
            fail "draw --grayscale gives ${n%%:*} another gray than the grid"
    done
    # ... and a view of some of the types (--type) gives them the same grays again
    expect 0 sg draw seven.gv --grayscale --type national_government,ngo -o view-draw.gv
    for n in MIN:9F9F9F DIR:9F9F9F NGO:B4B4B4; do
        grep -A3 -P "^\t${n%%:*}\t\[" view-draw.gv | grep -q "fillcolor=\"#${n#*:}\"" ||
            fail "draw --grayscale --type gives ${n%%:*} another gray than the whole graph"
    done
    # The print rule (issue 6), as draw's: without --width and --height the grid prints 16 cm
    # (454 pt) wide (before: its natural 29.9 x 19.8 cm, 848 x 560 pt, where 16 cm wide its
    # quadrants' details printed at 4.8 points and its labels at 5.4); its texts are enlarged
    # to print at 7 points or more there (grid_print.py measures them), the legend below the
    # plot, where the plot prints larger than beside it. --width 12cm = 4.72 in = 340 pt: the
    # DOT carries the size, and dot draws it the same; the PDF page is as wide.
    [ "$(grep -o '<svg width="[0-9]*pt" height="[0-9]*pt"' grid.svg)" = '<svg width="454pt" height="495pt"' ] ||
        fail "the grid's size: $(grep -o '<svg width="[^"]*" height="[^"]*"' grid.svg)"
    contains grid.gv 'size="6.3,9.45"'
    python3 "$src/tests/cli/grid_print.py" grid.gv >measure.txt || { cat measure.txt; fail "the grid as printed"; }
    expect 0 sg grid "$data/grid.gv" --width 12cm -o w.svg
    [ "$(grep -o '<svg width="[0-9]*pt" height="[0-9]*pt"' w.svg)" = '<svg width="340pt" height="429pt"' ] ||
        fail "--width 12cm: $(grep -o '<svg width="[^"]*" height="[^"]*"' w.svg)"
    expect 0 sg grid "$data/grid.gv" --width 12cm -o w.gv
    contains w.gv 'size="4.72,10000!"'
    python3 "$src/tests/cli/grid_print.py" w.gv --width-cm 12 >measure.txt ||
        { cat measure.txt; fail "the 12 cm grid as printed"; }
    dot -Tsvg w.gv >dotw.svg 2>dot.err || { cat dot.err; fail "dot cannot draw w.gv"; }
    awk '!t && /^<title>/ {t = 1; next} /^<desc>/ {next} 1' w.svg | cmp -s - dotw.svg ||
        fail "dot draws the 12 cm grid otherwise than stakegraph's SVG"
    expect 0 sg grid "$data/grid.gv" --width 12cm -o w.pdf
    pw=$(pdfinfo w.pdf | sed -n 's/^Page size: *\([0-9.]*\) x.*/\1/p')
    [ "${pw%.*}" = 340 ] || [ "${pw%.*}" = 339 ] || fail "the 12 cm PDF is $pw pt wide, not 340"
    # --height 8cm = 3.15 in = 226.8 pt (within 16 cm wide); the texts at twice their size
    # (the most, grid.c's TEXT_SCALE_MAX) print at 6.4 points: a grid this small has no room
    # for more
    expect 0 sg grid "$data/grid.gv" --height 8cm -o h.svg
    [ "$(grep -o '<svg width="[0-9]*pt" height="[0-9]*pt"' h.svg)" = '<svg width="348pt" height="227pt"' ] ||
        fail "--height 8cm: $(grep -o '<svg width="[^"]*" height="[^"]*"' h.svg)"
    # The Türkiye example's grid, 16 x 16.7 cm: every text at 7 points or more, none overlapping
    expect 0 sg grid "$src/examples/grid/tuerkiye-stakeholders.gv" -o tk.gv
    python3 "$src/tests/cli/grid_print.py" tk.gv >measure.txt || { cat measure.txt; fail "the Türkiye grid as printed"; }
    # A crowded grid (equal and near-equal scores, long labels): every label is a text node of
    # its own, and no label, marker or quadrant caption overlaps another (boxes as Graphviz
    # measures them in the DOT laid out again by dot); no marker stands in the captions' bands
    # at the top and bottom; leader lines avoid the labels and captions (2 cross a label in the
    # crowded corner, where no place is clear of all of them).
    expect 0 sg grid "$data/grid-crowded.gv" -o crowded.gv
    [ ! -s err.txt ] || { cat err.txt; fail "the crowded grid warns"; }
    python3 - crowded.gv <<'PY' || fail "the crowded grid's texts overlap"
import itertools, json, subprocess, sys
doc = json.loads(subprocess.run(["dot", "-Tjson", sys.argv[1]], capture_output=True,
                                check=True).stdout)
boxes = {}
for o in doc["objects"]:
    name = o["name"]
    if name.startswith(("label_", "text_")) or (name[0] == "s" and name[1:].isdigit()):
        x, y = map(float, o["pos"].split(","))
        w, h = float(o["width"]) * 72, float(o["height"]) * 72
        boxes[name] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
labels = [n for n in boxes if n.startswith("label_")]
markers = [n for n in boxes if n[0] == "s"]
assert len(labels) == 18 and len(markers) == 18, (len(labels), len(markers))
captions = [n for n in boxes if n.startswith("text_") and
            any(o.get("label") in ("Manage closely", "Monitor") and o["name"] == n
                for o in doc["objects"])]
assert len(captions) == 2, captions
for m in markers:
    assert 40 < boxes[m][1] and boxes[m][3] < 432 - 40, (m, boxes[m])
bad = [(a, b) for a, b in itertools.combinations(sorted(boxes), 2)
       if min(boxes[a][2], boxes[b][2]) - max(boxes[a][0], boxes[b][0]) > 0.5
       and min(boxes[a][3], boxes[b][3]) - max(boxes[a][1], boxes[b][1]) > 0.5]
assert not bad, bad
# The leader lines (grey, in the background) cross no label or caption (Liang-Barsky).
def crosses(x0, y0, x1, y1, r):
    t0, t1 = 0.0, 1.0
    for p, q in ((x0 - x1, x0 - r[0] - 0.5), (x1 - x0, r[2] - 0.5 - x0),
                 (y0 - y1, y0 - r[1] - 0.5), (y1 - y0, r[3] - 0.5 - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        t0, t1 = (max(t0, t), t1) if p < 0 else (t0, min(t1, t))
        if t0 >= t1:
            return False
    return True
import re
lines = re.findall(r"-#808080 L 2 (\S+) (\S+) (\S+) (\S+)", doc["_background"])
assert len(lines) >= 5, lines
hits = [(l, n) for l in lines for n in boxes if not n[0] == "s"
        and crosses(*map(float, l), boxes[n])]
assert len(hits) <= 2, hits  # measured: 2 where the 5/5 corner leaves no other place
PY
    # Every marker lies whole in the quadrant its scores give (a score at the middle counts as
    # high, so the three at 3/3 are all in "Manage closely"), inside the area markers may use.
    python3 - crowded.gv <<'PY' || fail "a marker of the crowded grid left its quadrant"
import json, subprocess, sys
doc = json.loads(subprocess.run(["dot", "-Tjson", sys.argv[1]], capture_output=True,
                                check=True).stdout)
# grid-crowded.gv's (influence, interest) in node order (s0 is A); the middle of 1 to 5 is 3.
# The plot is 576 x 432 pt, split at x 288 and y 216, with 40 pt caption bands.
scores = [(5, 5)] * 5 + [(3, 3)] * 3 + [(1, 1)] * 3 + [(1, 5)] * 2 + [(5, 1)] * 2 + \
    [(3.2, 3.1), (2.9, 3.2), (4.8, 4.9)]
wrong, seen = [], 0
for o in doc["objects"]:
    name = o["name"]
    if not (name[0] == "s" and name[1:].isdigit()):
        continue
    seen += 1
    power, interest = scores[int(name[1:])]
    x, y = map(float, o["pos"].split(","))
    w, h = float(o["width"]) * 72, float(o["height"]) * 72
    x0, x1, y0, y1 = x - w / 2, x + w / 2, y - h / 2, y + h / 2
    ok_x = x0 >= 288 and x1 <= 576 if interest >= 3 else x0 >= 0 and x1 <= 288
    ok_y = y0 >= 216 and y1 <= 432 - 40 if power >= 3 else y0 >= 40 and y1 <= 216
    if not (ok_x and ok_y):
        wrong.append((name, o.get("tooltip"), (x0, y0, x1, y1)))
assert seen == 18, seen
assert not wrong, wrong
PY
    # Axes span the rating scale, not the data (issue 6): scores 2 to 4 on the default scale
    # 1 to 5 stand where a 1-to-5 scale puts them, the quadrants split at 3; the narrowest of
    # 1:5, 1:10, 0:10, 0:100 that holds an axis' values, else the values' range; --scale for
    # both axes. Marker centres from -T gv: x = 36 + (v - min) / (max - min) * 504, y = 52 +
    # (v - min) / (max - min) * 328 (grid.c's insets in the 576 x 432 pt plot, with its texts
    # at their own size: drawn 30 cm wide, where they print large enough).
    printf 'digraph { a [influence=2, interest=2]; b [influence=4, interest=4]; }\n' >s24.gv
    printf 'digraph { a [influence=0, interest=2]; b [influence=8, interest=7]; }\n' >s08.gv
    printf 'digraph { a [influence=5, interest=-3]; b [influence=60, interest=3]; }\n' >s60.gv
    expect 0 sg grid s24.gv --width 30cm -T gv -o s24.out
    expect 0 sg grid s24.gv --scale 0:10 --width 30cm -T gv -o s24-10.out
    expect 0 sg grid s08.gv --width 30cm -T gv -o s08.out
    expect 0 sg grid s60.gv --width 30cm -T gv -o s60.out
    python3 - <<'PY' || fail "grid axes over the rating scale"
import re
def grid(path):
    text = open(path, encoding="utf-8").read()
    marks = {m[1]: (float(m[2]), float(m[3])) for m in re.finditer(
        r'\n\ts\d+\t\[[^]]*?pos="([\d.-]+),([\d.-]+)!"[^]]*?tooltip="(\w+):', text)
        for m in [(None, m[3], m[1], m[2])]}
    ticks = sorted((float(y), float(x), label) for label, x, y in re.findall(
        r'label=([^,\n]+),\n(?:\t\t[^\n]*\n)*?\t\tpos="([\d.-]+),([\d.-]+)!"', text)
        if float(y) == -16)
    return marks, [t[2] for t in sorted(ticks, key=lambda t: t[1])]
def at(v, lo, hi, inset, length):
    return round(inset + (v - lo) / (hi - lo) * (length - 2 * inset), 2)
def check(path, xs, ys, xr, yr, xticks):
    marks, ticks = grid(path)
    for node, x, y in zip("ab", xs, ys):
        want = (at(x, *xr, 36, 576), at(y, *yr, 52, 432))
        assert marks[node] == want, (path, node, marks[node], want)
    assert ticks == xticks, (path, ticks, xticks)
check("s24.out", (2, 4), (2, 4), (1, 5), (1, 5), ["1", "3", "5"])
check("s24-10.out", (2, 4), (2, 4), (0, 10), (0, 10), ["0", "5", "10"])
check("s08.out", (2, 7), (0, 8), (1, 10), (0, 10), ["1", "5.5", "10"])
check("s60.out", (-3, 3), (5, 60), (-3, 3), (0, 100), ["-3", "0", "3"])
PY
    expect 0 sg grid s24.gv -o s24.svg
    contains s24.svg "interest (interest, 1 to 5) left to right, power (influence, 1 to 5)"
    expect 1 sg grid s24.gv --scale 1:3 -o out-of-scale.svg
    contains err.txt "error: grid: node b has interest 4, outside --scale 1:3"
    [ ! -e out-of-scale.svg ] || fail "a grid was written with a value outside --scale"
    for bad in 5:1 1 1:x 3:3 :5; do
        expect 2 sg grid s24.gv --scale "$bad" -o bad-scale.svg
        contains err.txt "--scale takes MIN:MAX"
    done
    expect 0 sg --help
    contains out.txt "--scale MIN:MAX"
    ;;
pdf-dates)
    # PDF figures are the same bytes in every run: cairo's /CreationDate (the time of the run,
    # to the second, in the local zone) is rewritten to 1970-01-01 UTC (or SOURCE_DATE_EPOCH),
    # the cross-reference offsets corrected (write/pdf.c). Before, two runs a second apart
    # differed in that date.
    #
    # every offset of a PDF's cross-reference table points at its object
    xref_ok() {
        python3 - "$1" <<'PY' || fail "$1: the PDF's xref offsets"
import re, sys
data = open(sys.argv[1], "rb").read()
start = int(re.search(rb"startxref\s+(\d+)", data[-64:]).group(1))
m = re.match(rb"xref\s+(\d+) (\d+)\s+", data[start:])
first, count = int(m.group(1)), int(m.group(2))
rows = data[start + m.end():start + m.end() + 20 * count].split(b"\n")
for k, row in enumerate(r for r in rows if r.strip()):
    off, _, kind = row.split()[:3]
    if kind == b"n":
        want = b"%d 0 obj" % (first + k)
        assert data[int(off):int(off) + len(want)] == want, (first + k, int(off))
PY
    }
    for cmd in draw grid; do
        in=$graph
        [ $cmd = grid ] && in=$data/grid.gv
        expect 0 sg $cmd "$in" -o one.pdf
        sleep 1.1
        expect 0 sg $cmd "$in" -T pdf -o two.pdf
        cmp one.pdf two.pdf || fail "$cmd: two runs wrote different PDFs"
        contains one.pdf "/CreationDate (D:19700101000000Z)"
        pdfinfo one.pdf >info.txt 2>info.err || { cat info.err; fail "$cmd: pdfinfo cannot read the PDF"; }
        [ ! -s info.err ] || { cat info.err; fail "$cmd: pdfinfo complains"; }
        grep -q '^Pages: *1$' info.txt || fail "$cmd: the PDF's pages: $(cat info.txt)"
        xref_ok one.pdf
    done
    SOURCE_DATE_EPOCH=1700000000 expect 0 sg draw "$graph" -o epoch.pdf
    contains epoch.pdf "/CreationDate (D:20231114221320Z)"
    # cairo writes the local time with its offset, 5 bytes longer than UTC's "Z": the same
    # bytes in Istanbul as in UTC, the offsets after the date moved to match
    TZ=Europe/Istanbul expect 0 sg draw "$graph" -o tz.pdf
    TZ=UTC expect 0 sg draw "$graph" -o utc.pdf
    cmp utc.pdf tz.pdf || fail "draw: the PDF depends on the time zone"
    xref_ok tz.pdf
    TZ=America/St_Johns expect 0 sg grid "$data/grid.gv" -o tz-grid.pdf
    cmp one.pdf tz-grid.pdf || fail "grid: the PDF depends on the time zone"
    ;;
graphviz-messages)
    # What Graphviz prints straight to stderr (cairo's bitmap limit) comes out as our warning,
    # prefixed with the file, saying what happened to the figure; no line is unprefixed.
    { echo 'digraph {'; for i in $(seq -w 1 200); do echo "  n$i;"; done; echo '}'; } >wide.gv
    # 200 nodes in one rank, 150 cm tall (the print rule shrinks a figure to 16 x 24 cm when
    # no size is given): 35,433 pixels at 600 dpi.
    expect 0 sg draw wide.gv --dpi 600 --height 150cm -o wide.png
    is_png wide.png
    contains err.txt "wide.gv: warning: Graphviz: the bitmap would be larger than cairo's limit of 32767 pixels a side: the figure was drawn scaled down by 0."
    contains err.txt "SVG and PDF keep the full size"
    ! grep -v '^wide.gv: ' err.txt || fail "an unprefixed line on stderr"
    # The PNG really is at cairo's limit on its long side.
    size=$(od -An -tu1 -j16 -N8 wide.png | tr -s ' ' | sed 's/^ //')
    set -- $size
    w=$(( ($1 << 24) + ($2 << 16) + ($3 << 8) + $4 )); h=$(( ($5 << 24) + ($6 << 16) + ($7 << 8) + $8 ))
    [ "$w" -eq 32767 ] || [ "$h" -eq 32767 ] || fail "PNG is $w x $h"
    expect 0 sg draw wide.gv --dpi 600 --height 150cm -o wide.svg
    [ ! -s err.txt ] || { cat err.txt; fail "SVG: messages on stderr"; }
    ;;
draw-engines)
    # Every engine draws the default graph with its legend, byte for byte the same twice and
    # under tr_TR; the DOT of every engine (dot too) is the placed figure (layout=nop2), which
    # Graphviz's own dot command draws with the same geometry.
    for e in dot neato fdp sfdp circo twopi; do
        expect 0 sg draw "$graph" --engine "$e" -o "$e.svg"
        [ ! -s err.txt ] || { cat err.txt; fail "$e: messages on stderr"; }
        xmllint --noout "$e.svg" || fail "$e: SVG is not well-formed"
        # 13 edges; merged (the default), the two EU -> IOM funding edges are one: 12
        for id in legend legend_type_0 legend_type_4 legend_relation_0 legend_edge_6 node_0 \
            node_10 edge_0 edge_11; do
            contains "$e.svg" "id=\"$id\""
        done
        # The merged EU -> IOM edge's count (fdp: placed in the nop2 stage, see lay_out_fdp)
        [ "$(grep -c '>×2</text>' "$e.svg")" -eq 1 ] || fail "$e: not one ×2"
        # Drawn again, the same bytes. fdp before render.c's lay_out_fdp(): 3 figures in 8 runs
        # with that label (its layout followed malloc's addresses), so fdp is drawn 8 times.
        runs=2
        [ "$e" = fdp ] && runs=8
        for k in $(seq 2 "$runs"); do
            expect 0 sg draw "$graph" --engine "$e" -o "$e-2.svg"
            cmp -s "$e.svg" "$e-2.svg" || fail "$e: run $k differs from the first"
        done
        LC_ALL=tr_TR.UTF-8 expect 0 sg draw "$graph" --engine "$e" -o "$e-tr.svg"
        cmp -s "$e.svg" "$e-tr.svg" || fail "$e: tr_TR.UTF-8 differs"
        expect 0 sg draw "$graph" --engine "$e" -o "$e.gv"
        contains "$e.gv" "layout=nop2"
        case $e in neato|fdp|sfdp) contains "$e.gv" "start=1" ;; esac
        # Graphviz's dot command reads layout=nop2 and draws the same shapes at the same places.
        dot -Tsvg "$e.gv" -o "$e-dot.svg" || fail "$e: dot cannot draw the DOT output"
        geometry() { grep -o ' \(points\|d\|x\|y\)="[^"]*"' "$1"; }
        [ "$(geometry "$e.svg")" = "$(geometry "$e-dot.svg")" ] || fail "$e: dot draws another picture"
        # The legend stands beside or below the drawing, 18 points off it, its text at 7 points
        # or more printed 16 cm wide (legend_layout.py measures it).
        python3 "$src/tests/cli/legend_layout.py" "$e.gv" --max-white 0.2 >>legend.txt ||
            { cat legend.txt; fail "$e: the legend's layout"; }
    done
    # fdp on a graph whose labels would print below 6 points: one layout, not a second with
    # larger labels (render.c, labels_larger: with it, 4 figures in 8 runs), the same bytes.
    usaid="$src/examples/iati-tuerkiye/usaid-tr.gv"
    expect 0 sg draw "$usaid" --engine fdp -o usaid.gv
    for k in 2 3 4 5 6 7 8; do
        expect 0 sg draw "$usaid" --engine fdp -o usaid-2.gv
        cmp -s usaid.gv usaid-2.gv || fail "fdp on usaid-tr.gv: run $k differs from the first"
    done
    # The caption (a band under the figure, made after the layout) goes under the drawing and
    # the legend, and the title stays above it.
    for e in dot sfdp circo; do
        expect 0 sg draw "$graph" --engine "$e" --caption "Source: test" -o "cap-$e.gv"
        dot -Tjson "cap-$e.gv" | python3 -c '
import json, sys
g = json.load(sys.stdin)
cap = [s for s in g["objects"] if s.get("name") == "cluster_figure"][0]
cap_y = float(cap["lp"].split(",")[1])
nodes = [o for o in g["objects"] if o.get("id", "").startswith("node_")]
lowest = min(float(o["pos"].split(",")[1]) - float(o["height"]) * 36 for o in nodes)
assert cap_y < lowest, (cap_y, lowest)
legend = [s for s in g["objects"] if s.get("name") == "cluster_legend"][0]
assert cap_y < float(legend["bb"].split(",")[1]), (cap_y, legend["bb"])
title_y = float(g["lp"].split(",")[1])
assert title_y > float(cap["bb"].split(",")[3]), (title_y, cap["bb"])
' || fail "$e: the caption is not under the drawing"
    done
    # A long caption wraps to the figure's width, its lines left-aligned; a long title wraps
    # (at 70 characters, lines of about equal length) and prints at 9 points or more. Before:
    # the caption one line cut at the figure's right edge; a 141-character title shrunk to
    # the figure's width, 5.9 points.
    long_cap="Source: IOM Türkiye fact sheets and EU Delegation reports, 2019-2023; links coded by the evaluation team from project documents"
    long_title="Stakeholders of the EU-funded customs and border management projects implemented by IOM in Türkiye, 2019 to 2023, as coded by the evaluation"
    expect 0 sg draw "$graph" --caption "$long_cap" --title "$long_title" -o wrap.gv
    python3 "$src/tests/cli/legend_layout.py" wrap.gv --min-title-pt 9 >>legend.txt ||
        { cat legend.txt; fail "a long title prints below 9 points"; }
    dot -Tjson wrap.gv | python3 -c '
import json, sys
g = json.load(sys.stdin)
x0, _, x1, _ = map(float, g["bb"].split(","))
cap = [s for s in g["objects"] if s.get("name") == "cluster_figure"][0]
lines = [op for op in cap["_ldraw_"] if op["op"] == "T"]
assert len(lines) >= 2, lines
for op in lines:
    assert op["align"] == "l" and x0 <= op["pt"][0] and op["pt"][0] + op["width"] <= x1, (op, x0, x1)
title = [op for op in g["_ldraw_"] if op["op"] == "T"]
assert len(title) >= 2 and all(op["width"] <= x1 - x0 for op in title), title
print(f"caption {len(lines)} lines, title {len(title)} lines")
' >>legend.txt || { cat legend.txt; fail "the long caption or title not wrapped"; }
    expect 0 sg draw "$graph" --engine sfdp -o sfdp.png
    is_png sfdp.png
    expect 0 sg draw "$graph" --engine neato -o neato.pdf
    is_pdf neato.pdf
    expect 2 sg draw "$graph" --engine spring -o x.svg
    contains err.txt "--engine takes auto, dot, neato, fdp, sfdp, circo or twopi, not 'spring'"
    [ ! -e x.svg ] || fail "x.svg written"
    ;;
draw-legend-layout)
    # Issue 6: the legend beside or below the drawing, whichever wastes less, 18 points off it,
    # its text at 7 points or more where the figure prints 16 cm wide (or at --width); measured
    # by legend_layout.py from the placed DOT. Before: the legend always to the right, taller
    # than the drawing with --size-by (white 0.45 and 0.54 of the figure below, gaps of 64 and
    # 65 points) and its text printed at 1.3 to 5.3 points.
    cases="$src/tests/data/cases"
    while IFS='|' read -r white args; do
        # shellcheck disable=SC2086 # the arguments are words
        expect 0 sg draw $args -o m.gv
        python3 "$src/tests/cli/legend_layout.py" m.gv --max-white "$white" >>legend.txt ||
            { cat legend.txt; fail "legend layout: $args"; }
    done <<LIST
0.2|$graph
0.3|$graph --size-by betweenness
0.2|$graph --color-by community --engine neato
0.3|$cases/R23-disconnected.gv --size-by betweenness
0.3|$cases/R18-kumu-style-connections.csv --color-by community
0.13|$data/lesmis.gv
0.1|$data/karate.gv --size-by betweenness --color-by community
LIST
    # below a drawing shrunk to 24 cm tall, a legend wider than the drawing when that prints
    # the figure larger: the default graph by PageRank, two columns, node labels at 5.8 points.
    # Before: one column (never wider than the drawing), half the figure, labels at 4.7 points
    expect 0 sg draw "$graph" --size-by pagerank -o pr.gv
    python3 "$src/tests/cli/legend_layout.py" pr.gv --min-label-pt 5.5 --max-white 0.15 \
        >>legend.txt || { cat legend.txt; fail "legend layout: --size-by pagerank"; }
    # --width: the legend's text printed at 7 points at that width
    expect 0 sg draw "$graph" --width 8cm -o w.gv
    python3 "$src/tests/cli/legend_layout.py" w.gv --width-in 3.1496 >>legend.txt ||
        { cat legend.txt; fail "legend layout at --width 8cm"; }
    # --width and --height: the figure fills that box as well as it can, the legend beside or
    # below by which leaves less of the box empty; --height alone: 16 cm wide at most. Before:
    # 16 x 4.7 cm in 16 x 10 cm (the legend beside, as the drawing is wide), 27.5 x 8 cm at
    # --height 8cm; now 16 x 8.6 and 15 x 8 cm.
    while read -r w h args; do
        # shellcheck disable=SC2086 # the arguments are words
        expect 0 sg draw "$graph" $args -o box.png
        python3 -c '
import struct, sys
d = open("box.png", "rb").read()
w, h = (v / 150 * 2.54 for v in struct.unpack(">II", d[16:24]))
bw, bh = float(sys.argv[1]), float(sys.argv[2])
print(f"{sys.argv[3:]}: {w:.2f} x {h:.2f} cm in {bw} x {bh}")
sys.exit(0 if w <= bw + 0.05 and h <= bh + 0.05 and w * h >= 0.8 * bw * bh else 1)' \
            "$w" "$h" $args >>legend.txt || { cat legend.txt; fail "figure not filling $w x $h cm: $args"; }
    done <<LIST
16 10 --width 16cm --height 10cm
10 16 --width 10cm --height 16cm
16 8 --height 8cm
LIST
    # Without --width and --height the figure records the print size (16 cm wide at most, and
    # 24 cm tall): SVG width and height, PDF page, PNG pixels at --dpi; a drawing taller than
    # wide has its legend beside it. Before: USAID's 20 x 57 cm (legend below), karate by
    # PageRank 27 x 50 cm; now 16 x 18.4 and 16 x 12.4 cm, the legend beside.
    while read -r where args; do
        # shellcheck disable=SC2086 # the arguments are words
        expect 0 sg draw $args -o print.svg
        expect 0 sg draw $args -o print.png
        expect 0 sg draw $args -o print.pdf
        expect 0 sg draw $args -o print.gv
        python3 "$src/tests/cli/legend_layout.py" print.gv >print.txt ||
            { cat print.txt; fail "legend layout: $args"; }
        grep -q ": $where " print.txt || { cat print.txt; fail "legend not $where: $args"; }
        python3 - "$args" <<'PY' || fail "not printed at most 16 x 24 cm: $args"
import re, struct, sys
svg = open("print.svg").read()
w, h = (float(v) for v in re.search(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"', svg).groups())
px = struct.unpack(">II", open("print.png", "rb").read()[16:24])
box = re.search(rb"/MediaBox \[ *0 0 ([0-9.]+) ([0-9.]+) *\]", open("print.pdf", "rb").read())
pdf = tuple(float(v) for v in box.groups())
print(sys.argv[1], "svg", w, h, "png", px, "pdf", pdf)
cm = lambda pt: pt / 72 * 2.54
assert cm(w) <= 16.05 and cm(h) <= 24.05, (w, h)
assert cm(max(w, h)) >= 15.9 or cm(w) >= 15.9, (w, h)  # these are all larger: shrunk to the box
assert px[0] / 150 * 2.54 <= 16.1 and px[1] / 150 * 2.54 <= 24.1, px
assert abs(pdf[0] - w) <= 2 and abs(pdf[1] - h) <= 2, (pdf, w, h)
PY
    done <<LIST
beside $src/examples/iati-tuerkiye/usaid-tr.gv
beside $data/karate.gv --size-by pagerank
below $graph
LIST
    # The title prints at 9 points or more and the edges' labels ("×2") at 6, as the legend at
    # 7; the title never wider than the figure (8 cm wide: 7.3 points, about as wide as it).
    # Before: the title at 3.9 and "×2" at 2.0 points with circo, "×2" at 4.8 by default, the
    # title at 4.7 and "×2" at 2.4 at --width 8cm.
    while read -r title args; do
        # shellcheck disable=SC2086 # the arguments are words
        expect 0 sg draw "$graph" $args -o tl.gv
        w=$(sed -n 's/^[[:space:]]*size="\([0-9.]*\),.*!",*$/\1/p' tl.gv)
        python3 "$src/tests/cli/legend_layout.py" tl.gv ${w:+--width-in "$w"} --min-title-pt "$title" \
            --min-edge-label-pt 6 >>legend.txt ||
            { cat legend.txt; fail "title or edge label too small: $args"; }
    done <<LIST
9 --engine circo
9 --engine dot
7.2 --width 8cm
LIST
    # 400 nodes (bench/gen.py): the legend below the drawing, its text printed at 7 points
    python3 "$src/bench/gen.py" 400:800 . >/dev/null
    expect 0 sg draw 400x800.gv -o big.gv
    python3 "$src/tests/cli/legend_layout.py" big.gv --max-white 0.1 >>legend.txt ||
        { cat legend.txt; fail "legend layout at 400 nodes"; }
    # The node labels: printed below 6 points at 16 cm, the graph is laid out again with
    # larger labels, kept when they print 10 % larger: Les Misérables (neato) 4.9 points, then
    # 6.0 at 1.5 times 11 points; karate's do not grow enough and stay at 11.
    contains m.gv 'fontsize=11'
    expect 0 sg draw "$data/lesmis.gv" -o l.gv
    contains l.gv 'fontsize=16.5'
    python3 "$src/tests/cli/legend_layout.py" l.gv >l.txt
    grep -q ' labels 5\.9[0-9] pt' l.txt || { cat l.txt; fail "Les Misérables' labels not enlarged"; }
    # The caption takes no part in the layout: with dot, every node at the same place relative
    # to the first, with and without it (before, a node of the default graph changed rank).
    expect 0 sg draw "$graph" -o nc.gv
    expect 0 sg draw "$graph" --caption "Source: IOM fact sheet, 2023" -o c.gv
    rel() { dot -Tjson "$1" | python3 -c '
import json, sys
g = json.load(sys.stdin)
n = [(o["id"], *map(float, o["pos"].split(","))) for o in g["objects"] if o.get("id", "").startswith("node_")]
for i, x, y in n:
    print(i, round(x - n[0][1], 1), round(y - n[0][2], 1))'; }
    [ "$(rel nc.gv)" = "$(rel c.gv)" ] || fail "the caption moved a node"
    ;;
draw-auto)
    # auto: dot (left to right) on the default graph, sfdp on bench/gen.py's M graph (500 nodes,
    # 2,000 edges: 2,500 > 700), made here by its deterministic generator.
    expect 0 sg draw "$graph" -o auto.gv
    expect 0 sg draw "$graph" --engine dot -o dot.gv
    cmp -s auto.gv dot.gv || fail "auto did not pick dot on the default graph"
    contains auto.gv "rankdir=LR"
    python3 "$src/bench/gen.py" M . 2>/dev/null || fail "bench/gen.py M"
    [ "$(grep -c -- '->' M.gv)" -eq 2000 ] || fail "M.gv: not 2,000 edges"
    expect 0 sg draw M.gv -o m.gv
    [ ! -s err.txt ] || { cat err.txt; fail "M: messages on stderr"; }
    contains m.gv "layout=nop2"
    contains m.gv "overlap=prism"
    contains m.gv "splines=line"
    # sfdp's overlap removal capped at 50 passes beyond 400 nodes + edges (render.c,
    # PRISM_CAPPED; uncapped, 89 passes on M), and still no two nodes or labels overlap
    contains m.gv "overlap=prism50"
    dot -Tjson m.gv >m.json || fail "dot cannot read m.gv"
    python3 "$src/tests/cli/label_overlaps.py" m.json --max-labels 0 >count.txt ||
        { cat count.txt; fail "M: labels overlap"; }
    grep -q ' node-node 0 ' count.txt || { cat count.txt; fail "M: nodes overlap"; }
    ;;
draw-label-overlaps)
    # --size-by: a label that does not fit in its node stands below it, with room left by the
    # layout and edges routed off it (issue 6). Counted on the figure as Graphviz draws it
    # (label_overlaps.py over `dot -Tjson`). Before: Les Misérables (neato) had 9 label-label
    # and 41 label-node overlaps, 318 labels crossed by an edge; with dot, 97 crossed.
    for e in auto dot; do
        expect 0 sg draw "$data/karate.gv" --size-by betweenness --engine $e -o "k-$e.gv"
        expect 0 sg draw "$data/lesmis.gv" --size-by betweenness --engine $e -o "l-$e.gv"
        for f in k l; do
            dot -Tjson "$f-$e.gv" >"$f-$e.json" || fail "dot cannot read $f-$e.gv"
            python3 "$src/tests/cli/label_overlaps.py" "$f-$e.json" --max-labels 0 --max-edges 0 \
                >count.txt || { cat count.txt; fail "$f-$e: labels overlap or are crossed"; }
        done
    done
    contains l-auto.gv 'xlp='
    grep -q 'label="",' l-auto.gv || fail "Les Misérables: no label beside its node"
    # two edges join the same two nodes (IOM to the Presidency of Migration Management): each
    # routed around the labels' boxes, one at a time, apart (Graphviz 2.43 crashed routing the
    # two together with the boxes in place). Before: routed together without the boxes, over
    # IOM's label (4 label-edge crossings with PageRank, 2 with betweenness).
    for m in betweenness pagerank; do
        expect 0 sg draw "$graph" --size-by $m -o t.gv
        dot -Tjson t.gv >t.json || fail "dot cannot read t.gv"
        python3 "$src/tests/cli/label_overlaps.py" t.json --max-labels 0 --max-edges 0 \
            >count.txt || { cat count.txt; fail "Türkiye, $m: labels overlap or are crossed"; }
        python3 - t.json "$src/tests/cli" <<'PY' || fail "Türkiye, $m: parallel edges not apart"
import json, math, sys
sys.path.insert(0, sys.argv[2])
from label_overlaps import curve_points
g = json.load(open(sys.argv[1]))
edges = [e for e in g["edges"] if e.get("id") in ("edge_7", "edge_8")]
a, b = (curve_points(e["_draw_"]) for e in edges)
mx, my = a[len(a) // 2]
apart = min(math.hypot(mx - x, my - y) for x, y in b)
print(f"parallel edges {apart:.1f} points apart")
sys.exit(0 if apart >= 5 else 1)
PY
    done
    # neato, fdp and sfdp keep linked nodes at least 20 points apart on a small graph, room for
    # an arrow between them (engine_attrs: sep). Before: 8 points, EU Delegation and IOM with
    # fdp, IOM and the Presidency of Migration Management with sfdp, the arrow hidden.
    for e in neato fdp sfdp; do
        expect 0 sg draw "$graph" --engine $e -o gap.gv
        dot -Tjson gap.gv >gap.json || fail "dot cannot read gap.gv"
        python3 - gap.json <<'PY' || fail "$e: linked nodes too close"
import json, math, sys
g = json.load(open(sys.argv[1]))
o = g["objects"]
def box(n):
    x, y = map(float, n["pos"].split(","))
    w, h = float(n["width"]) * 36, float(n["height"]) * 36
    return x - w, y - h, x + w, y + h
gaps = []
for e in g["edges"]:
    if e.get("id", "").startswith("edge_"):
        a, b = box(o[e["tail"]]), box(o[e["head"]])
        gaps.append(math.hypot(max(b[0] - a[2], a[0] - b[2], 0), max(b[1] - a[3], a[1] - b[3], 0)))
print(f"linked nodes at least {min(gaps):.1f} points apart")
sys.exit(0 if min(gaps) >= 20 else 1)
PY
    done
    # Les Misérables by PageRank (neato): edges kept off the text. Before: 22 labels grazed or
    # crossed (the router's lane between a node and its label lay on the text's top).
    expect 0 sg draw "$data/lesmis.gv" --size-by pagerank -o lp.gv
    dot -Tjson lp.gv >lp.json || fail "dot cannot read lp.gv"
    python3 "$src/tests/cli/label_overlaps.py" lp.json --max-labels 0 --max-edges 1 >count.txt ||
        { cat count.txt; fail "Les Misérables by PageRank: labels crossed"; }
    # the same bytes again, and in another locale
    LC_ALL=de_DE.UTF-8 expect 0 sg draw "$data/lesmis.gv" --size-by betweenness -o l-de.gv
    cmp -s l-auto.gv l-de.gv || fail "Les Misérables: not the same bytes in de_DE"
    ;;
draw-max-nodes)
    # Just above --max-nodes (11 nodes, limit 10): the figure is the graph collapsed by type,
    # one node per type, with a warning naming --max-nodes; exit 0. At the limit: the whole graph.
    expect 0 sg draw "$graph" --max-nodes 10 -o c.gv
    contains err.txt "warning: the figure would have 11 nodes, more than --max-nodes 10"
    contains err.txt "collapsed by type (5 nodes); give --max-nodes 11 to draw every node"
    [ "$(grep -c 'id=node_' c.gv)" -eq 5 ] || fail "collapsed: not 5 nodes"
    expect 0 sg draw "$graph" --collapse type -o by-type.gv
    cmp -s c.gv by-type.gv || fail "not the --collapse type view"
    # its title says so, as a --collapse type view's does
    contains c.gv 'label="EU-funded customs and border management\nin Türkiye (IOM): collapsed by type",'
    expect 0 sg draw "$graph" --max-nodes 11 -o whole.gv
    [ ! -s err.txt ] || { cat err.txt; fail "at the limit: a message"; }
    [ "$(grep -c 'id=node_' whole.gv)" -eq 11 ] || fail "whole: not 11 nodes"
    expect 0 sg draw "$graph" --max-nodes 0 -o none.gv
    cmp -s whole.gv none.gv || fail "--max-nodes 0 is not 'no limit'"
    expect 0 sg export "$graph" --max-nodes 10 -o out
    contains err.txt "more than --max-nodes 10"
    [ "$(grep -c 'id=node_' out/iom-tuerkiye-customs.gv)" -eq 5 ] || fail "export: not collapsed"
    [ "$(wc -l < out/iom-tuerkiye-customs-centrality.csv)" -eq 12 ] || fail "export: the report lost nodes"
    expect 2 sg draw "$graph" --max-nodes -1 -o x.gv
    contains err.txt "--max-nodes takes a whole number of 0 or more, not '-1'"
    # The HTML report's inline figure follows the same limit; its table keeps every node.
    expect 0 sg report "$graph" -T html --max-nodes 10 -o r.html
    contains r.html "<figcaption>The graph collapsed by type: one node per type for its 11 nodes, more than the figure's limit of 10 (--max-nodes).</figcaption>"
    [ "$(grep -c 'id="node_' r.html)" -eq 5 ] || fail "HTML figure: not collapsed to 5 nodes"
    [ "$(grep -c '<tr' r.html)" -eq 12 ] || fail "HTML table: not 11 rows and a header"
    # No node has a type (Les Misérables, 77 nodes): it cannot be collapsed by type, so every
    # node is drawn, with a warning naming the ways out; exit 0.
    expect 0 sg draw "$data/lesmis.gv" --max-nodes 20 -o les.gv
    contains err.txt "warning: the figure has 77 nodes, more than --max-nodes 20, but no node has a type, so it cannot be collapsed by type: it shows every node; give --collapse ATTR to group the nodes by another attribute, or --max-nodes 77 to draw every node without this warning"
    [ "$(grep -c 'id=node_' les.gv)" -eq 77 ] || fail "untyped: not 77 nodes"
    expect 0 sg export "$data/karate.gv" --max-nodes 10 -o kout
    contains err.txt "more than --max-nodes 10, but no node has a type"
    [ "$(grep -c 'id=node_' kout/karate.gv)" -eq 34 ] || fail "export untyped: not 34 nodes"
    [ "$(grep -c 'id="node_' kout/karate-report.html)" -eq 34 ] || fail "export untyped: HTML not 34 nodes"
    expect 0 sg report "$graph" -T html -o whole.html
    [ "$(grep -c 'id="node_' whole.html)" -eq 11 ] || fail "HTML figure under the limit: not 11 nodes"
    if grep -q figcaption whole.html; then fail "HTML figure under the limit has a caption"; fi
    ;;
figure-cases)
    # shared/cases R04, R05, R06, R08, R32 drawn: well-formed SVG, text as written.
    cases="$data/cases"
    svg_ok() { xmllint --noout "$1" || fail "$1 is not well-formed"; }
    # R04: backslashes shown literally (cgraph keeps "\\" in a quoted DOT id as two).
    expect 0 sg draw "$cases/R04-backslash-default-label.gv" -o r04a.svg
    svg_ok r04a.svg
    for t in 'Arşiv\new Birimi' 'Fon\Nord' 'Kurum\G Ofisi' 'Yol C:\\'; do contains r04a.svg ">$t</text>"; done
    expect 0 sg draw "$cases/R04-backslash-names-edges.csv" --nodes "$cases/R04-backslash-names-nodes.csv" -o r04b.svg
    svg_ok r04b.svg
    for t in 'Arşiv\new Birimi' 'Fon\Nord' 'Kurum\G Ofisi' 'Yol C:\'; do contains r04b.svg ">$t</text>"; done
    # R05: entity-looking text stays text.
    for input in R05-entity-text-names.gv R05-entity-text-nodes.csv; do
        expect 0 sg draw "$cases/$input" -o r05.svg
        svg_ok r05.svg
        contains r05.svg '>Eski &amp;copy; Vakfı</text>'
        contains r05.svg '>Boşluk&amp;nbsp;Kooperatifi</text>'
        contains r05.svg '>Ar&amp;Ge Fonu &lt;Ankara&gt;</text>'
    done
    # R06: links with '&' well-formed, only http, https and mailto.
    expect 0 sg draw "$cases/R06-url-ampersand.gv" -o r06a.svg
    svg_ok r06a.svg
    contains r06a.svg 'xlink:href="https://example.org/kurum?id=12&amp;lang=tr"'
    expect 0 sg draw "$cases/R06-url-ampersand-edges.csv" --nodes "$cases/R06-url-ampersand-nodes.csv" -o r06b.svg
    svg_ok r06b.svg
    contains r06b.svg 'xlink:href="https://example.org/kurum?id=12&amp;lang=tr"'
    contains r06b.svg 'xlink:href="https://example.org/a?x=1&amp;y=%3C2%3E"'
    printf 'digraph {\n a [URL="javascript:alert(1)"];\n b [href="mailto:office@example.org?subject=a b"];\n c [URL="data:text/html,x"];\n}\n' >links.gv
    expect 0 sg draw links.gv -o links.svg
    svg_ok links.svg
    [ "$(grep -c '<a xlink:href=' links.svg)" -eq 1 ] || fail "links.svg: $(grep -o '<a [^>]*>' links.svg)"
    contains links.svg 'xlink:href="mailto:office@example.org?subject=a%20b"'
    contains err.txt "links.gv: warning: figure: 2 link(s) left out: a figure links only to http, https and mailto addresses"
    # R08: a 20 KB label is shortened in the figure, ending in "…" after a whole character.
    expect 0 sg draw "$cases/R08-long-label.gv" -o r08.png
    contains err.txt 'R08-long-label.gv: warning: figure: 1 label(s) longer than 160 characters shortened, ending in "…"'
    set -- $(od -An -tu1 -j16 -N8 r08.png)
    h=$(( ($5 << 24) + ($6 << 16) + ($7 << 8) + $8 ))
    [ "$h" -lt 1000 ] || fail "R08: the PNG is $h pixels tall"
    expect 0 sg draw "$cases/R08-long-label.gv" -o r08.svg
    svg_ok r08.svg
    contains r08.svg '>Yeşilyamaç Köy Kalkınma…</text>'
    # R32: the same graph in another order gives the same bytes; ids unique; each edge once.
    expect 0 sg draw "$cases/R32-order-a.gv" -o a.svg
    expect 0 sg draw "$cases/R32-order-b.gv" -o b.svg
    cmp -s a.svg b.svg || fail "R32-order-a and -b drew different SVG"
    expect 0 sg draw "$cases/R32-duplicate-user-ids.gv" -o dup.svg
    svg_ok dup.svg
    [ -z "$(grep -o ' id="[^"]*"' dup.svg | sort | uniq -d)" ] || fail "dup.svg: an id twice"
    ! grep -q 'id="kurum"' dup.svg || fail "a user id became an SVG id"
    expect 0 sg draw "$cases/R32-cluster-edge-drawn-twice.gv" -o cl.svg
    for e in 'KKF&#45;&gt;BEL' 'KKF&#45;&gt;DKD'; do
        [ "$(grep -c "<!-- $e -->" cl.svg)" -eq 1 ] || fail "cl.svg: $e not drawn once"
    done
    [ "$(grep -c '<path' cl.svg)" -eq "$(grep -c '<g id="edge' cl.svg)" ] ||
        fail "cl.svg: $(grep -c '<path' cl.svg) paths for $(grep -c '<g id="edge' cl.svg) edges"
    expect 0 sg draw "$cases/R32-record-lost-edge.gv" -o rec.svg
    [ ! -s err.txt ] || { cat err.txt; fail "R32 record: messages"; }
    contains rec.svg '<!-- K_1&#45;&gt;K_2 -->'
    ;;
draw-parallel-edges)
    # issue 6: parallel edges (same ends, relation and unit) drawn once with their count and
    # summed amount (--parallel-edges merge, the default), or each on its own.
    # One edge's DOT statement, tab-indented, up to its closing bracket, on one line.
    stmt() { awk -v h="$2" '$0 ~ "^\t" h "\t\\[" {on = 1} on {printf "%s ", $0} on && /\];$/ {print ""; on = 0}' "$1" |
             tr -s '\t ' '  '; }
    expect 0 sg draw "$graph" -T gv -o merged.gv
    [ "$(stmt merged.gv 'EU -> IOM' | wc -l)" -eq 1 ] || fail "EU -> IOM not drawn once"
    stmt merged.gv 'EU -> IOM' | grep -q 'count=2,.*label=×2,.*relation=funding' ||
        fail "EU -> IOM: $(stmt merged.gv 'EU -> IOM')"
    ! stmt merged.gv 'EU -> IOM' | grep -q 'project=' || fail "the projects differ: none kept"
    # IOM -> PMM: capacity building and partnership, two relations, never merged
    [ "$(stmt merged.gv 'IOM -> PMM' | wc -l)" -eq 2 ] || fail "IOM -> PMM's two relations merged"
    expect 0 sg draw "$graph" -T gv -o each.gv --parallel-edges each
    [ "$(stmt each.gv 'EU -> IOM' | wc -l)" -eq 2 ] || fail "--parallel-edges each: not 2 edges"
    ! grep -q '×' each.gv || fail "--parallel-edges each drew a count"
    expect 0 sg draw "$graph" -o merged.svg
    [ "$(grep -c '>×2</text>' merged.svg)" -eq 1 ] || fail "merged.svg does not show ×2 once"
    # Amounts: summed for the width, per unit; the other direction is another edge.
    cat >amounts.gv <<'GV'
digraph {
  a [type=donor]; b [type=ngo]; c [type=ngo];
  a -> b [relation=funding, amount=100, unit=EUR, project=p1];
  a -> b [relation=funding, amount=250, unit=EUR, project=p2];
  a -> b [relation=training];
  b -> a [relation=funding, amount=7, unit=EUR];
  a -> b [relation=funding, amount=40.5, unit=EUR, project=p3];
  a -> c [relation=funding, amount=5, unit=EUR];
}
GV
    expect 0 sg draw amounts.gv -T gv -o amounts-merged.gv
    stmt amounts-merged.gv 'a -> b' | grep -q 'amount=390.5, .*count=3, .*label=×3, .*penwidth=6,' ||
        fail "a -> b funding: $(stmt amounts-merged.gv 'a -> b')"
    [ "$(stmt amounts-merged.gv 'a -> b' | wc -l)" -eq 2 ] || fail "a -> b: not funding + training"
    stmt amounts-merged.gv 'b -> a' | grep -q 'amount=7,' || fail "b -> a merged with a -> b"
    # the width scale's largest sample is the sum
    contains amounts-merged.gv 'label="390 EUR\r"'
    # each on its own: the largest amount drawn is 250, and no count
    expect 0 sg draw amounts.gv -T gv -o amounts-each.gv --parallel-edges each
    [ "$(stmt amounts-each.gv 'a -> b' | wc -l)" -eq 4 ] || fail "each: not 4 edges a -> b"
    contains amounts-each.gv 'label="250 EUR\r"'
    ! grep -q 'count=' amounts-each.gv || fail "each: a count"
    # Undirected: {a, b} and {b, a} are parallel.
    printf 'graph { a -- b [weight=2]; b -- a [weight=3.25]; a -- b [relation=other]; }\n' >u.gv
    expect 0 sg draw u.gv -T gv -o u-merged.gv
    stmt u-merged.gv 'a -- b' | grep -q 'amount=5.25, .*count=2, .*label=×2,' ||
        fail "undirected: $(stmt u-merged.gv 'a -- b')"
    [ "$(stmt u-merged.gv 'a -- b' | wc -l)" -eq 2 ] || fail "undirected: the other relation merged"
    # export: the figures merge, the reports keep every edge.
    expect 0 sg export amounts.gv -o out-m
    expect 0 sg export amounts.gv -o out-e --parallel-edges each
    contains out-m/amounts.gv 'label=×3'
    ! grep -q '×' out-e/amounts.gv || fail "export --parallel-edges each drew a count"
    cmp out-m/amounts-centrality.csv out-e/amounts-centrality.csv || fail "the report changed"
    # the HTML report's inline figure follows --parallel-edges too; its table has every node
    expect 0 sg report "$graph" -T html -o r.html
    [ "$(grep -c '>×2</text>' r.html)" -eq 1 ] || fail "the HTML report's figure: not one ×2"
    expect 0 sg report "$graph" -T html -o r-each.html --parallel-edges each
    ! grep -q '>×2</text>' r-each.html || fail "HTML report, --parallel-edges each: a ×2"
    expect 2 sg draw "$graph" -o bad.svg --parallel-edges both
    contains err.txt "--parallel-edges takes merge or each, not 'both'"
    [ ! -e bad.svg ] || fail "a figure was written after a usage error"
    ;;
draw-label-width)
    # issue 6: node labels wrapped at spaces into lines of about N characters (code points, not
    # bytes), never inside a word, so never inside a UTF-8 character.
    cat >tr.gv <<'GV'
digraph {
  g [type=national_government, label="Gümrük ve Ticaret Bakanlığı"];
  m [type=national_government, label="Sivil Havacılık Genel Müdürlüğü"];
  g -> m;
}
GV
    # "Gümrük ve Ticaret Bakanlığı": 27 characters, 31 bytes; the other 31 characters, 38 bytes
    labels() { grep -oE '^\s+label="?(Güm|Siv)[^,]*' "$1" | sed 's/^\s*label=//' | tr '\n' '|'; }
    check_width() { # WIDTH EXPECTED
        expect 0 sg draw tr.gv -T gv -o "w$1.gv" --label-width "$1"
        [ "$(labels "w$1.gv")" = "$2" ] || fail "--label-width $1: $(labels "w$1.gv")"
    }
    check_width 0 '"Gümrük ve Ticaret Bakanlığı"|"Sivil Havacılık Genel Müdürlüğü"|'
    check_width 5 '"Gümrük\nve\nTicaret\nBakanlığı"|"Sivil\nHavacılık\nGenel\nMüdürlüğü"|'
    check_width 10 '"Gümrük ve\nTicaret\nBakanlığı"|"Sivil\nHavacılık\nGenel\nMüdürlüğü"|'
    check_width 16 '"Gümrük ve\nTicaret\nBakanlığı"|"Sivil Havacılık\nGenel Müdürlüğü"|'
    check_width 24 '"Gümrük ve Ticaret\nBakanlığı"|"Sivil Havacılık\nGenel Müdürlüğü"|'
    check_width 26 '"Gümrük ve Ticaret\nBakanlığı"|"Sivil Havacılık\nGenel Müdürlüğü"|'
    check_width 27 '"Gümrük ve Ticaret Bakanlığı"|"Sivil Havacılık\nGenel Müdürlüğü"|'
    check_width 31 '"Gümrük ve Ticaret Bakanlığı"|"Sivil Havacılık Genel Müdürlüğü"|'
    # 24 is the default
    expect 0 sg draw tr.gv -T gv -o default.gv
    cmp default.gv w24.gv || fail "the default is not --label-width 24"
    # A label past 160 characters is shortened first ("…"): never wider than Graphviz can take.
    long=$(printf 'Türkiye %.0s' $(seq 1 30))
    printf 'digraph { x [label="%s"]; }\n' "$long" >long.gv
    expect 0 sg draw long.gv -o long160.svg --label-width 160
    contains err.txt "1 label(s) longer than 160 characters shortened"
    [ "$(grep -c '>Türkiye\( Türkiye\)\{19\}…<' long160.svg)" -eq 1 ] ||
        fail "a long label at --label-width 160: $(grep -o '>Tür[^<]*<' long160.svg)"
    expect 0 sg draw long.gv -o long24.svg
    [ "$(grep -c '>Türkiye Türkiye Türkiye<' long24.svg)" -eq 6 ] ||
        fail "a long label at 24: $(grep -o '>Tür[^<]*<' long24.svg)"
    contains long24.svg '>Türkiye Türkiye…<'
    expect 0 sg draw "$graph" -o narrow.png --label-width 10
    is_png narrow.png
    for bad in -1 161 abc '' 1.5; do
        expect 2 sg draw tr.gv -o bad.svg --label-width "$bad"
        contains err.txt "--label-width takes a whole number of characters from 1 to 160, or 0 (never wrap), not '$bad'"
    done
    [ ! -e bad.svg ] || fail "a figure was written after a usage error"
    ;;
png-resolution)
    # The PNG figures carry their resolution (pHYs, PNG 11.3.5.3), right after IHDR, once:
    # round(300 / 0.0254) = 11811 and round(150 / 0.0254) = 5906 pixels per metre, unit 1
    # (metre); png_chunks.py checks every CRC with Python's zlib and inflates the image.
    chunks() {
        python3 "$src/tests/cli/png_chunks.py" "$1" >"$1.chunks" || fail "$1: not a whole PNG"
        [ "$(sed -n 2p "$1.chunks")" = "pHYs 9 crc-ok $2 $2 1" ] ||
            { head -3 "$1.chunks"; fail "$1: pHYs is not $2 pixels per metre after IHDR"; }
        [ "$(grep -c '^pHYs' "$1.chunks")" -eq 1 ] || fail "$1: more than one pHYs"
        ! grep -q crc-BAD "$1.chunks" || fail "$1: a chunk's CRC is wrong"
        grep -q '^image [0-9]*x[0-9]* decoded$' "$1.chunks" || fail "$1: the image does not decode"
        file "$1" | grep -q 'PNG image data, [0-9]* x [0-9]*' || fail "file(1) cannot read $1"
    }
    expect 0 sg draw "$graph" -o d300.png --dpi 300
    chunks d300.png 11811
    expect 0 sg draw "$graph" -o d150.png
    chunks d150.png 5906
    # the pixels follow the resolution: 300 dpi is twice the width of 150 dpi (to a pixel)
    w300=$(sed -n 's/^IHDR 13 crc-ok \([0-9]*\)x.*/\1/p' d300.png.chunks)
    w150=$(sed -n 's/^IHDR 13 crc-ok \([0-9]*\)x.*/\1/p' d150.png.chunks)
    [ $((w300 - 2 * w150)) -ge -1 ] && [ $((w300 - 2 * w150)) -le 1 ] ||
        fail "300 dpi is $w300 pixels wide, 150 dpi $w150"
    expect 0 sg grid "$data/grid.gv" -o g300.png --dpi 300
    chunks g300.png 11811
    expect 0 sg export "$graph" -o out
    chunks out/iom-tuerkiye-customs.png 5906
    ;;
*)
    fail "unknown case $case_name"
    ;;
esac
echo "ok: $case_name"
