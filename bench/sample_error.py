#!/usr/bin/env python3
"""The error of sampled path measures (--sample-sources) against the exact report (issue 10).

Usage: bench/sample_error.py EXACT.csv SAMPLED.csv

Both are stakegraph CSV reports of the same graph. For betweenness, closeness and harmonic:
Spearman's rank correlation over the nodes where both are defined, and the median and largest
relative error over the exact top 100, with how many of the exact top 100 the estimate also
puts in its top 100."""
import csv, sys
def load(p):
    rows = list(csv.DictReader(open(p)))
    return {r["id"]: r for r in rows}
def ranks(v):
    order = sorted(range(len(v)), key=lambda i: v[i])
    r = [0.0] * len(v)
    i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2
        i = j + 1
    return r
def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    n = len(a); ma = sum(ra) / n; mb = sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = sum((x - ma) ** 2 for x in ra) ** .5; vb = sum((y - mb) ** 2 for y in rb) ** .5
    return cov / (va * vb)
exact, est = load(sys.argv[1]), load(sys.argv[2])
ids = list(exact)
out = []
for m in [m for m in ["betweenness", "closeness", "harmonic"] if m in next(iter(exact.values()))]:
    def f(x):
        return float(x) if x not in ("", None) else float("nan")
    a = [f(exact[i][m]) for i in ids]; b = [f(est[i][m]) for i in ids]
    keep = [k for k in range(len(ids)) if a[k] == a[k] and b[k] == b[k]]
    a2 = [a[k] for k in keep]; b2 = [b[k] for k in keep]
    top = sorted(range(len(a2)), key=lambda k: -a2[k])[:100]
    rels = sorted(abs(b2[k] - a2[k]) / a2[k] for k in top if a2[k] > 0)
    rel = rels[-1]; med = rels[len(rels) // 2]
    topset_e = set(top); topset_s = set(sorted(range(len(b2)), key=lambda k: -b2[k])[:100])
    out.append("%s: spearman %.4f, top-100 rel err max %.3f median %.3f, top-100 overlap %d" % (m, spearman(a2, b2), rel, med, len(topset_e & topset_s)))
print("; ".join(out))
