#!/usr/bin/env python3
"""Markdown table of bench/run.sh's runs: bench/table.py RUNS.tsv [TIMEOUT] [DRAW_TIMEOUT]
Medians of wall time and peak RSS over the successful runs, and the ratios to stakegraph
computing the same set of measures on the same size. Several TSVs may be joined (one header)."""
import collections, statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if not l.startswith("size\t")]
tmo = sys.argv[2] if len(sys.argv) > 2 else "?"
draw_tmo = sys.argv[3] if len(sys.argv) > 3 else "?"
runs = collections.OrderedDict()
for size, set_, tool, r, status, wall, rss in rows:
    runs.setdefault((size, set_, tool), []).append((status, float(wall), int(rss)))
def median(key):
    ok = [x for x in runs.get(key, []) if x[0] == "ok"]
    if not ok:
        return None
    return statistics.median(x[1] for x in ok), statistics.median(x[2] for x in ok) / 1024, len(ok)
names = {"core": "design.md measures", "nopath": "no path measures",
         "default": "stakegraph's default report", "draw": "SVG figure",
         "png": "PNG figure, 150 dpi", "readcsv": "reading CSV (edges + nodes)",
         "readdot": "reading DOT"}
print("| size | measures | tool | runs | wall (s, median) | peak RSS (MB) | time / stakegraph | memory / stakegraph |")
print("|---|---|---|---|---|---|---|---|")
for (size, set_, tool), xs in runs.items():
    m = median((size, set_, tool))
    ref = median((size, set_, "stakegraph"))
    if m is None:
        st = xs[-1][0]
        lim = draw_tmo if set_ in ("draw", "png") else tmo
        print("| %s | %s | %s | %d | %s | | | |" % (size, names[set_], tool, len(xs),
              "> %s (timeout)" % lim if st == "timeout" else st))
        continue
    wall, rss, k = m
    rt = "%.3g" % (wall / ref[0]) if ref and ref[0] > 0 else "-"
    rm = "%.3g" % (rss / ref[1]) if ref and ref[1] > 0 else "-"
    if tool == "stakegraph":
        rt = rm = "1"
    print("| %s | %s | %s | %d | %.2f | %.0f | %s | %s |" % (size, names[set_], tool, k, wall, rss, rt, rm))
