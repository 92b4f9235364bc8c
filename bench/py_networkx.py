#!/usr/bin/env python3
"""The centrality report with networkx (Debian python3-networkx), design.md's definitions.

Usage: bench/py_networkx.py EDGES.csv NODES.csv [--set core|nopath] > out.csv
  core   (default) degrees, strengths, betweenness (directed, hops, raw) and its normalised
         form, closeness and harmonic (undirected view), eigenvector (undirected, largest = 1),
         PageRank 0.85 (weighted), hub, authority (largest = 1), coreness
  nopath core without betweenness, closeness and harmonic
Parallel edges are merged (weights summed) and self-loops dropped, as design.md says.
"""
import csv
import math
import sys

import networkx as nx


def scaled(d):
    top = max((abs(x) for x in d.values()), default=0)
    return {k: (abs(x) / top if top else x) for k, x in d.items()}


def main(argv):
    edges_path, nodes_path = argv[1], argv[2]
    which = argv[argv.index("--set") + 1] if "--set" in argv else "core"
    g = nx.DiGraph()
    with open(nodes_path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        nodes = [row[:3] for row in r]
    g.add_nodes_from(row[0] for row in nodes)
    with open(edges_path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        for s, t, rel, wt in r:
            if s == t:
                continue
            if g.has_edge(s, t):
                g[s][t]["weight"] += float(wt)
            else:
                g.add_edge(s, t, weight=float(wt))
    n = g.number_of_nodes()
    u = nx.Graph(g.to_undirected(as_view=True))
    cols = {}
    cols["in_degree"] = dict(g.in_degree())
    cols["out_degree"] = dict(g.out_degree())
    cols["degree"] = {v: cols["in_degree"][v] + cols["out_degree"][v] for v in g}
    cols["in_strength"] = dict(g.in_degree(weight="weight"))
    cols["out_strength"] = dict(g.out_degree(weight="weight"))
    cols["strength"] = {v: cols["in_strength"][v] + cols["out_strength"][v] for v in g}
    if which != "nopath":
        b = nx.betweenness_centrality(g, normalized=False)
        cols["betweenness"] = b
        cols["betweenness_norm"] = {v: b[v] / ((n - 1) * (n - 2)) if n >= 3 else None for v in g}
        c = nx.closeness_centrality(u, wf_improved=False)
        cols["closeness"] = {v: (c[v] if u.degree(v) > 0 else None) for v in g}
        h = nx.harmonic_centrality(u)
        cols["harmonic"] = {v: h[v] / (n - 1) if n > 1 else None for v in g}
    try:
        eig = nx.eigenvector_centrality_numpy(u)
    except Exception:  # scipy missing: the power iteration
        eig = nx.eigenvector_centrality(u, max_iter=10000)
    cols["eigenvector"] = scaled(eig)
    cols["pagerank"] = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-10)
    # HITS unweighted (design.md): networkx's hits reads the `weight` attribute, so it runs
    # on a copy without weights.
    hub, auth = nx.hits(nx.DiGraph(g.edges()), max_iter=10000, tol=1e-12)
    cols["hub"] = scaled(hub)
    cols["authority"] = scaled(auth)
    cols["coreness"] = nx.core_number(u)
    out = csv.writer(sys.stdout, lineterminator="\n")
    names = list(cols)
    out.writerow(["id", "label", "type"] + names)
    for row in nodes:
        v = row[0]
        for name in names:
            x = cols[name][v]
            row.append("" if x is None or (isinstance(x, float) and math.isnan(x)) else "%.6g" % x)
        out.writerow(row)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
