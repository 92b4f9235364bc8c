#!/usr/bin/env bash
# The examples and the installation, one case per call (issue 7).
# Usage: examples.sh CASE STAKEGRAPH EMBED SRCDIR BUILDDIR
#   embed    examples/embed (built by Meson) reads, analyses and draws the default graph
#   annex    examples/evaluation-annex/build.sh builds the annex: HTML, and PDF through LaTeX
#   install  `meson install --destdir` puts every file in place; a program builds against it
#   figures  the commands of examples/figures/README.md make the committed figures again
#   grid     the commands of examples/grid/README.md make the committed grids again
# $SG_WRAPPER (valgrind in the valgrindcli setup) is put before the embedding program.
set -uo pipefail
case_name=$1 exe=$2 embed=$3 src=$4 build=$5
graph="$src/graphs/iom-tuerkiye-customs.gv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
contains() { grep -qF -- "$2" "$1" || { head -c 2000 "$1"; fail "$1 lacks '$2'"; }; }

# remake DIR COMMAND COUNT: every `stakegraph COMMAND` line of DIR/README.md (COUNT of them)
# again, into $work/out: the SVGs byte for byte as committed (SVG is deterministic); the PNGs
# valid PNGs of the committed size in pixels (PNG bytes can differ from one machine to
# another); every SVG and PNG committed in DIR made by a command. Paths in the commands are
# relative to the project's root; -o FILE goes to $work/out.
remake() {
    local dir=$1 command=$2 count=$3
    local readme="$src/$dir/README.md"
    grep "^stakegraph $command " "$readme" >cmds.txt || fail "no commands in $readme"
    [ "$(wc -l <cmds.txt)" -eq "$count" ] || fail "$(wc -l <cmds.txt) commands in $readme, expected $count"
    mkdir out
    while read -r -a words; do
        args=() prev=
        for w in "${words[@]:1}"; do
            if [ "$prev" = -o ]; then
                args+=("$work/out/${w##*/}")
            elif [ -e "$src/$w" ]; then
                args+=("$src/$w")
            else
                args+=("$w")
            fi
            prev=$w
        done
        (cd "$src" && "$exe" "${args[@]}") >/dev/null 2>err.txt ||
            { cat err.txt; fail "failed: ${words[*]}"; }
    done <cmds.txt
    local n=0 f name
    for f in out/*; do
        name=${f#out/}
        [ -f "$src/$dir/$name" ] || fail "$name is made but not committed"
        case $name in
        *.svg)
            cmp -s "$f" "$src/$dir/$name" || fail "$name differs from the committed one"
            xmllint --noout "$f" || fail "$name is not well-formed" ;;
        *.png)
            python3 - "$f" "$src/$dir/$name" <<'PY' || fail "$name: not a PNG of the committed size"
import struct, sys
def size(path):
    head = open(path, "rb").read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", path + ": not a PNG"
    return struct.unpack(">II", head[16:24])
made, kept = size(sys.argv[1]), size(sys.argv[2])
assert made == kept, f"{made} pixels, committed {kept}"
PY
            ;;
        *) fail "unexpected output $name" ;;
        esac
        n=$((n + 1))
    done
    [ "$n" -eq "$count" ] || fail "$n figures made, expected $count"
    # and every figure committed is one the README makes
    for f in "$src/$dir"/*.svg "$src/$dir"/*.png; do
        [ -f "out/${f##*/}" ] || fail "${f##*/} is committed but no command of the README makes it"
    done
}

case "$case_name" in
embed)
    ${SG_WRAPPER:-} "$embed" "$graph" fig.svg >out.txt 2>err.txt || { cat err.txt; fail "embed failed"; }
    [ "$(sed -n 1,4p out.txt)" = "11 organisations, 13 links
1. DGCE customs staff (DGCE_STAFF): pagerank 0.1926
2. Directorate General of Customs Enforcement (DGCE): pagerank 0.1531
3. International Organization for Migration (IOM) Türkiye (IOM): pagerank 0.0891" ] ||
        fail "embed printed: $(cat out.txt)"
    xmllint --noout fig.svg || fail "the figure is not well-formed SVG"
    contains fig.svg "customs and border management in Türkiye (IOM)"
    "$embed" >/dev/null 2>&1
    [ $? -eq 2 ] || fail "embed without arguments should exit 2"
    ;;
annex)
    command -v pandoc >/dev/null || fail "pandoc is missing (scripts/deps.sh test installs it)"
    STAKEGRAPH="$exe" bash "$src/examples/evaluation-annex/build.sh" "$work/annex" >log.txt 2>&1 ||
        { cat log.txt; fail "build.sh failed"; }
    contains log.txt "wrote $work/annex/annex.html"
    contains log.txt "wrote $work/annex/annex.pdf"
    html="$work/annex/annex.html" pdf="$work/annex/annex.pdf"
    # The page: self-contained (the figure embedded), the table and the title in it.
    contains "$html" "Annex C. Stakeholder map and centrality of the organisations"
    contains "$html" "data:image/svg+xml"
    contains "$html" ">International Organization for Migration (IOM) Türkiye</td>"
    contains "$html" "Centrality of the organisations, by betweenness."
    if grep -qiE '(src|href)="https?://' "$html"; then fail "the page loads from the network"; fi
    python3 - "$html" <<'PY' || fail "the page does not parse as HTML"
import html.parser, sys
class Check(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.stack = []; self.rows = 0
    def handle_starttag(self, tag, attrs):
        if tag == "tr": self.rows += 1
p = Check(); p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close()
assert p.rows == 12, f"{p.rows} table rows, expected a head and 11"
PY
    # The PDF: a PDF, its text with the figure's title, the LaTeX table and the definitions.
    [ "$(head -c 5 "$pdf")" = "%PDF-" ] || fail "annex.pdf is not a PDF"
    pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
    [ "${pages:-0}" -ge 2 ] || fail "annex.pdf has ${pages:-no} pages"
    pdftotext -enc UTF-8 "$pdf" annex.txt
    contains annex.txt "Stakeholder map and centrality of the organisations"
    contains annex.txt "Table 1: Centrality of the organisations, by betweenness."
    contains annex.txt "International Organization"
    contains annex.txt "What the measures mean"
    ;;
install)
    dest="$work/root"
    meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >log.txt 2>&1 ||
        { cat log.txt; fail "meson install failed"; }
    prefix=$(meson introspect "$build" --buildoptions |
        python3 -c 'import json,sys; o={x["name"]:x["value"] for x in json.load(sys.stdin)}; print(o["prefix"], o["libdir"], o["bindir"], o["includedir"], o["mandir"], o["datadir"], o["b_sanitize"])')
    read -r pre libdir bindir incdir mandir datadir sanitize <<<"$prefix"
    at() { case $1 in /*) echo "$dest$1" ;; *) echo "$dest$pre/$1" ;; esac; }
    for f in "$(at "$bindir")/stakegraph" "$(at "$incdir")/stakegraph.h" \
             "$(at "$libdir")/libstakegraph.so" "$(at "$libdir")/pkgconfig/stakegraph.pc" \
             "$(at "$mandir")/man1/stakegraph.1" \
             "$(at "$datadir")/bash-completion/completions/stakegraph"; do
        [ -s "$f" ] || fail "not installed: ${f#"$dest"}"
    done
    lib="$(at "$libdir")"
    LD_LIBRARY_PATH="$lib" "$(at "$bindir")/stakegraph" --version >v.txt || fail "installed program"
    contains v.txt "igraph 0.10"
    contains v.txt "Graphviz 2."
    # draw runs in a child that loads the command line module itself (src/cli/launch.c): the
    # installed program finds it from its own directory, and draws the default graph.
    LD_LIBRARY_PATH="$lib" "$(at "$bindir")/stakegraph" draw "$src/graphs/iom-tuerkiye-customs.gv" \
        -o installed.svg || fail "the installed program cannot draw"
    xmllint --noout installed.svg || fail "the installed program's SVG is not well-formed"
    # The man page is roff made by scdoc, and names every command.
    head -n 1 "$(at "$mandir")/man1/stakegraph.1" | grep -q '^\.\\" Generated by scdoc' ||
        fail "the man page was not generated by scdoc"
    for cmd in export draw report convert check grid; do
        grep -q "^\\\\fB$cmd\\\\fR" "$(at "$mandir")/man1/stakegraph.1" ||
            grep -q "fB$cmd" "$(at "$mandir")/man1/stakegraph.1" || fail "the man page lacks $cmd"
    done
    # man renders it without a warning from groff.
    LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$(at "$mandir")/man1/stakegraph.1" \
        >man.txt 2>man.err || { cat man.err; fail "man cannot show the page"; }
    [ ! -s man.err ] || { cat man.err; fail "groff warns about the man page"; }
    contains man.txt "stakegraph export GRAPH [-o DIR] [OPTION]..."
    contains man.txt "--excel"
    # Bash completion: the subcommands, report formats, options and measures.
    complete_words() {
        bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _stakegraph
                 printf "%s\n" "${COMPREPLY[@]}"' _ \
            "$(at "$datadir")/bash-completion/completions/stakegraph" "$@" | tr '\n' ' '
    }
    [ "$(complete_words stakegraph "")" = "export draw report convert check grid --help --version " ] ||
        fail "commands: $(complete_words stakegraph "")"
    [ "$(complete_words stakegraph report -T "")" = "csv md json tex html " ] ||
        fail "report formats: $(complete_words stakegraph report -T "")"
    [ "$(complete_words stakegraph report --so)" = "--sort " ] || fail "--so: $(complete_words stakegraph report --so)"
    [ "$(complete_words stakegraph grid -T "")" = "gv svg png pdf " ] ||
        fail "grid formats: $(complete_words stakegraph grid -T "")"
    [ "$(complete_words stakegraph grid --x-)" = "--x-attr " ] || fail "--x-: $(complete_words stakegraph grid --x-)"
    [ "$(complete_words stakegraph draw --parallel-edges "")" = "merge each " ] ||
        fail "--parallel-edges: $(complete_words stakegraph draw --parallel-edges "")"
    [ "$(complete_words stakegraph draw --label-)" = "--label-width " ] ||
        fail "--label-: $(complete_words stakegraph draw --label-)"
    contains man.txt "--parallel-edges merge|each"
    contains man.txt "--label-width N"
    [ "$(complete_words stakegraph report --measures degree,page)" = "degree,pagerank " ] ||
        fail "--measures: $(complete_words stakegraph report --measures degree,page)"
    # A program builds against the installed header, library and pkg-config file.
    export PKG_CONFIG_SYSROOT_DIR="$dest" PKG_CONFIG_PATH="$lib/pkgconfig"
    flags=$(pkg-config --cflags --libs stakegraph) || fail "pkg-config does not know stakegraph"
    # shellcheck disable=SC2086
    # A library built with sanitizers needs a program built with them (their runtime first).
    [ "$sanitize" = none ] || flags="$flags -fsanitize=$sanitize"
    cc -std=c11 "$src/examples/embed/embed.c" $flags -lm -o embed-installed 2>cc.txt ||
        { cat cc.txt; fail "embed.c does not build against the installed files"; }
    LD_LIBRARY_PATH="$lib" ./embed-installed "$graph" fig.svg >out.txt 2>err.txt ||
        { tail -n 20 err.txt; fail "the program built against the installation failed"; }
    contains out.txt "11 organisations, 13 links"
    ;;
figures)
    remake examples/figures draw 10
    ;;
grid)
    remake examples/grid grid 4
    ;;
*)
    fail "unknown case $case_name"
    ;;
esac
echo "ok: $case_name"
