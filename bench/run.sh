#!/usr/bin/env bash
# Benchmarks of stakegraph against the tools users would pick instead (issue 10).
#
# Usage: bench/run.sh [--sizes "S M L"] [--xl] [--sets "core nopath ... readdot"] [--runs N]
#                     [--runs-l N] [--timeout SEC] [--draw-timeout SEC] [--no-draw] [--dir DIR]
#                     [--threads N]
# A size is S, M, L, XL or NODES:EDGES (e.g. 5000:25000: path measures in minutes, not hours).
#
# Builds stakegraph (release, in DIR/build) and bench/bare.c, generates the graphs with
# bench/gen.py into DIR (default /tmp/stakegraph-bench; nothing is written into the tree),
# then runs every tool on every size, alternating tools within each round, each run under
# /usr/bin/time (wall time, peak RSS) and `timeout`. Prints a Markdown table of medians and
# of ratios to stakegraph computing the same set of measures; keeps the raw runs in
# DIR/runs.tsv and the table in DIR/results.md.
#
# Sets of measures (every tool computes the same definitions, design.md):
#   core    design.md's measure table: degrees, strengths, betweenness (+ _norm), closeness,
#           harmonic, eigenvector, pagerank, hub, authority, coreness
#   nopath  core without betweenness, closeness, harmonic
#   default stakegraph's default report (every column, and the graph figures that it always
#           computes) against python-igraph's `--set full` (the same columns and figures)
#   draw    an SVG figure: stakegraph draw (--engine auto: dot on S, sfdp on M) vs Graphviz
#           dot and sfdp on the same DOT file, sfdp with stakegraph's settings (overlap=prism,
#           splines=line, start=1)
#   png     a PNG figure at 150 dpi: stakegraph draw vs sfdp with the same settings
#   readcsv reading the CSV edges and nodes tables alone (bench/readtime.c: sg_read_file)
#   readdot reading the DOT file alone (bench/readtime.c) vs Graphviz's `gc` on it
# stakegraph runs with `--threads N` (default: every online CPU, as stakegraph itself); on the
# sets with path measures (core, default) a second row, "stakegraph --threads 1", shows the
# one-core time beside it.
# Default: sizes S M L; XL only with --xl (then without path measures: they take hours).
# networkx runs the path measures on S and M only (on L its betweenness alone takes about
# half an hour); on L and XL it runs `nopath`. Drawing runs on S and M only, with its own
# timeout (default 60 s): dot on a few hundred nodes takes minutes.
# Not a test: speed is measured here, never by timed tests.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
sizes="S M L"
runs=5
runs_l=1
tmo=600
draw_tmo=60
draw=1
threads=$(nproc)
sets="core default nopath draw png readcsv readdot"
dir=${SG_BENCH_DIR:-/tmp/stakegraph-bench}
while [ $# -gt 0 ]; do
    case $1 in
        --sizes) sizes=$2; shift ;;
        --xl) sizes="$sizes XL" ;;
        --sets) sets=$2; shift ;;
        --runs) runs=$2; shift ;;
        --runs-l) runs_l=$2; shift ;;
        --timeout) tmo=$2; shift ;;
        --draw-timeout) draw_tmo=$2; shift ;;
        --no-draw) draw=0 ;;
        --threads) threads=$2; shift ;;
        --dir) dir=$2; shift ;;
        -h|--help) sed -n '2,34p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

# Packages: the competitors and GNU time, when missing.
need=()
for p in python3-igraph python3-networkx python3-scipy graphviz time gcc pkg-config \
         libigraph-dev meson ninja-build; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "Installing: ${need[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "${need[@]}" >/dev/null
fi

mkdir -p "$dir/data" "$dir/out"
if [ ! -f "$dir/build/build.ninja" ]; then
    meson setup "$dir/build" "$root" --buildtype=release >"$dir/setup.log"
fi
# the program is a launcher; the command line and the library are what it loads
ninja -C "$dir/build" stakegraph stakegraph-cli.so >"$dir/build.log"
sg="$dir/build/stakegraph"
gcc -O2 -std=c11 "$here/bare.c" $(pkg-config --cflags --libs igraph) -lm -o "$dir/bare"
gcc -O2 -std=c11 "$here/readtime.c" -I"$root/src" -L"$dir/build" -lstakegraph \
    -Wl,-rpath,"$dir/build" -o "$dir/readtime"

core=in_degree,out_degree,degree,in_strength,out_strength,strength,betweenness,betweenness_norm
core=$core,closeness,harmonic,eigenvector,pagerank,hub,authority,coreness
nopath=in_degree,out_degree,degree,in_strength,out_strength,strength,eigenvector,pagerank,hub
nopath=$nopath,authority,coreness

for s in $sizes; do
    [ -f "$dir/data/${s//:/x}.gv" ] || python3 "$here/gen.py" "$s" "$dir/data" 2>>"$dir/gen.log"
done

# jobs: size|set|tool|timeout|command (run with bash -c; E, N, G, O set per size)
jobs_for() {
    local s=$1
    local paths=1
    [ "$s" = XL ] && paths=0
    if [ $paths = 1 ]; then
        echo "core|stakegraph|$tmo|\"\$SG\" report \"\$E\" --nodes \"\$N\" --threads $threads --measures $core -o \"\$O\""
        echo "core|stakegraph --threads 1|$tmo|\"\$SG\" report \"\$E\" --nodes \"\$N\" --threads 1 --measures $core -o \"\$O\""
        echo "core|bare C (igraph)|$tmo|\"\$BARE\" \"\$E\" \"\$N\" > \"\$O\""
        echo "core|python-igraph|$tmo|\"\$PY\" \"\$H/py_igraph.py\" \"\$E\" \"\$N\" > \"\$O\""
        if [ "$s" = S ] || [ "$s" = M ]; then
            echo "core|networkx|$tmo|\"\$PY\" \"\$H/py_networkx.py\" \"\$E\" \"\$N\" > \"\$O\""
        fi
        echo "default|stakegraph|$tmo|\"\$SG\" report \"\$E\" --nodes \"\$N\" --threads $threads -o \"\$O\""
        echo "default|stakegraph --threads 1|$tmo|\"\$SG\" report \"\$E\" --nodes \"\$N\" --threads 1 -o \"\$O\""
        echo "default|python-igraph --set full|$tmo|\"\$PY\" \"\$H/py_igraph.py\" \"\$E\" \"\$N\" --set full > \"\$O\""
    fi
    echo "nopath|stakegraph|$tmo|\"\$SG\" report \"\$E\" --nodes \"\$N\" --measures $nopath -o \"\$O\""
    echo "nopath|bare C (igraph)|$tmo|\"\$BARE\" \"\$E\" \"\$N\" --no-path > \"\$O\""
    echo "nopath|python-igraph|$tmo|\"\$PY\" \"\$H/py_igraph.py\" \"\$E\" \"\$N\" --set nopath > \"\$O\""
    echo "nopath|networkx|$tmo|\"\$PY\" \"\$H/py_networkx.py\" \"\$E\" \"\$N\" --set nopath > \"\$O\""
    echo "readcsv|stakegraph|$tmo|\"\$RT\" \"\$E\" \"\$N\" > \"\$O\""
    echo "readdot|stakegraph|$tmo|\"\$RT\" \"\$G\" > \"\$O\""
    echo "readdot|Graphviz gc|$tmo|gc \"\$G\" > \"\$O\""
    if [ $draw = 1 ] && { [ "$s" = S ] || [ "$s" = M ]; }; then
        echo "draw|stakegraph|$draw_tmo|\"\$SG\" draw \"\$G\" -o \"\$O.svg\""
        echo "draw|Graphviz dot|$draw_tmo|dot -Tsvg \"\$G\" -o \"\$O.svg\""
        echo "draw|Graphviz sfdp|$draw_tmo|sfdp -Goverlap=prism -Gsplines=line -Gstart=1 -Tsvg \"\$G\" -o \"\$O.svg\""
        echo "png|stakegraph|$draw_tmo|\"\$SG\" draw \"\$G\" -o \"\$O.png\""
        echo "png|Graphviz sfdp|$draw_tmo|sfdp -Goverlap=prism -Gsplines=line -Gstart=1 -Gdpi=150 -Tpng \"\$G\" -o \"\$O.png\""
    fi
}

tsv="$dir/runs.tsv"
printf 'size\tset\ttool\trun\tstatus\twall_s\trss_kb\n' >"$tsv"
export SG="$sg" BARE="$dir/bare" RT="$dir/readtime" H="$here" PY=/usr/bin/python3
for s in $sizes; do
    f=${s//:/x}
    export E="$dir/data/$f.csv" N="$dir/data/$f-nodes.csv" G="$dir/data/$f.gv"
    n=$runs
    [ "$s" = L ] || [ "$s" = XL ] && n=$runs_l
    mapfile -t jobs < <(jobs_for "$s" | while IFS= read -r j; do
        case " $sets " in *" ${j%%|*} "*) echo "$j" ;; esac
    done)
    declare -A dead=()
    for ((r = 1; r <= n; r++)); do
        for j in "${jobs[@]}"; do
            IFS='|' read -r set tool t cmd <<<"$j"
            key="$set|$tool"
            [ -n "${dead[$key]:-}" ] && continue
            export O="$dir/out/$f-$set-${tool// /_}.csv"
            echo "[$s run $r] $set: $tool" >&2
            status=ok
            if ! /usr/bin/time -f '%e %M' -o "$dir/time.txt" timeout "$t" bash -c "$cmd" \
                2>"$dir/out/last.err"; then
                code=$(tail -n 1 "$dir/time.txt" | sed -n 's/.*status \([0-9]*\).*/\1/p')
                status=fail
                grep -q 'status 124' "$dir/time.txt" && status=timeout
                dead[$key]=1
            fi
            read -r wall rss < <(tail -n 1 "$dir/time.txt")
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$set" "$tool" "$r" "$status" "$wall" \
                "$rss" >>"$tsv"
        done
    done
    unset dead
    # Same numbers: every tool's output against stakegraph's on the same set (design.md's
    # columns; the community numbering of python-igraph --set full differs by design).
    for set in core nopath; do
        ref="$dir/out/$f-$set-stakegraph.csv"
        [ -s "$ref" ] || continue
        for o in "$dir/out/$f-$set-"*.csv; do
            [ "$o" = "$ref" ] || [ ! -s "$o" ] && continue
            if "$PY" "$here/compare.py" "$ref" "$o" >"$dir/out/compare.txt"; then
                echo "[$s] $set: $(basename "$o" .csv) agrees with stakegraph (1e-4 relative)" >&2
            else
                echo "[$s] $set: $(basename "$o" .csv) DIFFERS from stakegraph:" >&2
                grep DIFFERS "$dir/out/compare.txt" >&2
            fi
        done
    done
done

# Medians and ratios to stakegraph on the same set and size.
python3 "$here/table.py" "$tsv" "$tmo" "$draw_tmo" | tee "$dir/results.md"
