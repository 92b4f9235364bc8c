#!/usr/bin/env python3
"""The centrality report with python-igraph (Debian python3-igraph), design.md's definitions.

Usage: bench/py_igraph.py EDGES.csv NODES.csv [--set core|nopath|full] > out.csv
  core   (default) design.md's measure table: degrees, strengths, betweenness (directed, hops,
         raw) and its normalised form, closeness and harmonic (undirected view), eigenvector
         (undirected, largest = 1), PageRank 0.85 (weighted), hub, authority, coreness
  nopath core without betweenness, closeness and harmonic
  full   core plus stakegraph's other default columns (clustering, constraint, brokerage by
         hand, articulation, Louvain community) and its graph figures (density, reciprocity,
         components, transitivity, diameter, mean path length, centralisation, assortativity,
         Leiden, bridges), the way a user of python-igraph would write them
Parallel edges are merged (weights summed) and self-loops dropped, as design.md says.
"""
import csv
import math
import sys

import igraph as ig


def main(argv):
    edges_path, nodes_path = argv[1], argv[2]
    which = argv[argv.index("--set") + 1] if "--set" in argv else "core"
    with open(nodes_path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        nodes = [row[:3] for row in r]
    index = {row[0]: k for k, row in enumerate(nodes)}
    el, w = [], []
    with open(edges_path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        for s, t, rel, wt in r:
            el.append((index[s], index[t]))
            w.append(float(wt))
    n = len(nodes)
    g = ig.Graph(n=n, edges=el, directed=True, edge_attrs={"weight": w})
    g.simplify(multiple=True, loops=True, combine_edges={"weight": "sum"})
    u = g.as_undirected(mode="collapse")
    cols = {}
    cols["in_degree"] = g.degree(mode="in")
    cols["out_degree"] = g.degree(mode="out")
    cols["degree"] = g.degree(mode="all")
    cols["in_strength"] = g.strength(mode="in", weights="weight")
    cols["out_strength"] = g.strength(mode="out", weights="weight")
    cols["strength"] = g.strength(mode="all", weights="weight")
    if which != "nopath":
        b = g.betweenness(directed=True)
        cols["betweenness"] = b
        cols["betweenness_norm"] = [x / ((n - 1) * (n - 2)) for x in b] if n >= 3 else [None] * n
        cols["closeness"] = u.closeness(normalized=True)
        cols["harmonic"] = u.harmonic_centrality(normalized=True)
    cols["eigenvector"] = u.eigenvector_centrality(scale=True)
    cols["pagerank"] = g.pagerank(damping=0.85, weights="weight", directed=True)
    cols["hub"] = g.hub_score(scale=True)
    cols["authority"] = g.authority_score(scale=True)
    cols["coreness"] = u.coreness()
    if which == "full":
        cols["clustering"] = u.transitivity_local_undirected(mode="nan")
        cols["constraint"] = u.constraint()
        types = [row[2] for row in nodes]
        roles = [[0] * n for _ in range(5)]
        out_sets = [set(x) for x in g.get_adjlist(mode="out")]
        ins = g.get_adjlist(mode="in")
        for v in range(n):
            for a in ins[v]:
                for c in out_sets[v]:
                    if a == c or c in out_sets[a]:
                        continue
                    ga, gv, gc = types[a], types[v], types[c]
                    if ga == gv == gc:
                        roles[0][v] += 1
                    elif gv == gc:
                        roles[1][v] += 1
                    elif ga == gv:
                        roles[2][v] += 1
                    elif ga == gc:
                        roles[3][v] += 1
                    else:
                        roles[4][v] += 1
        for k, name in enumerate(["coordinator", "gatekeeper", "representative", "itinerant",
                                  "liaison"]):
            cols["brokerage_" + name] = roles[k]
        art = set(u.articulation_points())
        cols["articulation"] = [1 if v in art else 0 for v in range(n)]
        ig.set_random_number_generator(None)
        louvain = u.community_multilevel()
        cols["community"] = [m + 1 for m in louvain.membership]
        summary = {
            "density": g.density(),
            "reciprocity": g.reciprocity(),
            "weak": len(g.connected_components(mode="weak")),
            "strong": len(g.connected_components(mode="strong")),
            "transitivity": u.transitivity_undirected(),
            "diameter": u.diameter(directed=False),
            "mean_path_length": u.average_path_length(directed=False),
            "centralization_degree": None,
            "assortativity": g.assortativity_nominal(
                [{"donor": 0, "implementer": 1}.get(t, 2) for t in types], directed=True),
            "louvain_modularity": louvain.modularity,
            "leiden": len(u.community_leiden(objective_function="modularity")),
            "bridges": len(u.bridges()),
        }
        bmax = max(b) if b else 0
        summary["centralization_betweenness"] = sum(bmax - x for x in b) / ((n - 1) ** 2 * (n - 2)) if n >= 3 else None
        sys.stderr.write("summary: %r\n" % summary)
    out = csv.writer(sys.stdout, lineterminator="\n")
    names = list(cols)
    out.writerow(["id", "label", "type"] + names)
    for v in range(n):
        row = nodes[v][:]
        for name in names:
            x = cols[name][v]
            row.append("" if x is None or (isinstance(x, float) and math.isnan(x)) else "%.6g" % x)
        out.writerow(row)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
