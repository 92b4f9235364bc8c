#!/usr/bin/env python3
"""Deterministic generator of stakeholder-like graphs for the benchmarks (issue 10).

Usage: bench/gen.py SIZE OUTDIR [--seed N]
  SIZE: S (~20 nodes), M (500 nodes / ~2,000 edges), L (20,000 / ~100,000),
        XL (200,000 / ~1,000,000), or NODES:EDGES.
Writes OUTDIR/SIZE.csv (edges: source,target,relation,weight), OUTDIR/SIZE-nodes.csv
(id,label,type) and OUTDIR/SIZE.gv (the same graph as a DOT digraph).

The shape: a few donors fund many implementers, implementers serve many beneficiaries.
Donors are ~1% of the nodes, implementers ~15%, beneficiaries the rest. Which node a link
picks follows a Zipf law (rank^-1.1), so degrees are heavy-tailed. Relations: funding
(donor -> implementer, donor -> donor pooled funds), implementation (implementer ->
implementer, sub-grants), beneficiary (implementer -> beneficiary), partnership (between
implementers). Every implementer has a funder and every beneficiary an implementer; the other
edges follow the Zipf law. Every edge carries an amount (money or participants) as `weight`. The graph is
simple: no self-loops and at most one edge per ordered pair, so every tool sees the same
edges without merging. Labels are UTF-8 with Turkish letters, some with commas and quotes.
Python's random.Random(seed) gives the same graph on every machine and run.
"""
import os
import bisect
import csv
import itertools
import random
import sys

SIZES = {"S": (20, 32), "M": (500, 2000), "L": (20000, 100000), "XL": (200000, 1000000)}

PLACES = ["Ankara", "İstanbul", "İzmir", "Şanlıurfa", "Gaziantep", "Çanakkale", "Muğla",
          "Eskişehir", "Kırşehir", "Ağrı", "Iğdır", "Düzce", "Çorum", "Şırnak", "Hakkâri",
          "Kahramanmaraş", "Diyarbakır", "Van", "Edirne", "Trabzon"]
DONORS = ["Avrupa Birliği Delegasyonu", "Dünya Bankası Fonu", "Kalkınma Ajansı",
          "Büyükelçiliği Hibe Programı", "İnsani Yardım Fonu"]
IMPLEMENTERS = ["Göç İdaresi İl Müdürlüğü", "Türk Kızılay Şubesi", "Uluslararası Göç Örgütü",
                "Gümrük ve Ticaret Bölge Müdürlüğü", "Kadın Dayanışma Derneği",
                "Mülteciler Derneği", "Üniversitesi Araştırma Merkezi", "Valiliği"]
BENEFICIARIES = ["Belediyesi", "Köyü Muhtarlığı", "Sağlık Ocağı", "İlköğretim Okulu",
                 "Kadın Kooperatifi", "Gençlik Merkezi", "Sınır Kapısı", "Çiftçiler Birliği"]
TYPES = {"d": "donor", "i": "implementer", "b": "beneficiary"}


def zipf_cum(n, s=1.1):
    acc, out = 0.0, []
    for r in range(1, n + 1):
        acc += r ** -s
        out.append(acc)
    return out


def pick(rng, cum, pool):
    return pool[bisect.bisect_left(cum, rng.random() * cum[-1])]


def generate(n, m, seed):
    rng = random.Random(seed)
    nd = max(2, n // 100)
    ni = max(3, n * 15 // 100)
    nb = max(1, n - nd - ni)
    donors = ["d%d" % k for k in range(nd)]
    impl = ["i%d" % k for k in range(ni)]
    bene = ["b%d" % k for k in range(nb)]
    # Shuffle who is popular so that the heavy tail is not just the low ids.
    pools = {}
    for name, pool in (("d", donors), ("i", impl), ("b", bene)):
        p = pool[:]
        rng.shuffle(p)
        pools[name] = (p, zipf_cum(len(p)))
    nodes = []
    for k, v in enumerate(itertools.chain(donors, impl, bene)):
        kind = v[0]
        place = PLACES[rng.randrange(len(PLACES))]
        if kind == "d":
            label = "%s %s" % (place, DONORS[rng.randrange(len(DONORS))])
        elif kind == "i":
            label = "%s %s" % (place, IMPLEMENTERS[rng.randrange(len(IMPLEMENTERS))])
        else:
            label = "%s %s" % (place, BENEFICIARIES[rng.randrange(len(BENEFICIARIES))])
        if k % 17 == 3:
            label = "%s, Çankaya" % label
        if k % 29 == 5:
            label = '%s "Şefkat"' % label
        nodes.append((v, "%s %d" % (label, k), TYPES[kind]))
    # Relation mix (share of edges): funding 12%, implementation 13%, beneficiary 65%,
    # partnership 10%. Sources of funding are donors, of the rest implementers.
    mix = [("funding", 0.12), ("implementation", 0.25), ("beneficiary", 0.90),
           ("partnership", 1.00)]
    seen = set()
    edges = []
    # First every implementer gets a funder and every beneficiary an implementer (a node is on
    # a stakeholder map because of a link); then links by the Zipf law up to m.
    for v in impl:
        if len(edges) < m:
            src = pick(rng, pools["d"][1], pools["d"][0])
            seen.add((src, v))
            edges.append((src, v, "funding", round(rng.lognormvariate(12.0, 1.5), 2)))
    for v in bene:
        if len(edges) < m:
            src = pick(rng, pools["i"][1], pools["i"][0])
            seen.add((src, v))
            edges.append((src, v, "beneficiary", int(rng.lognormvariate(4.0, 1.2)) + 1))
    attempts = 0
    while len(edges) < m and attempts < 50 * m:
        attempts += 1
        x = rng.random()
        rel = next(r for r, c in mix if x < c)
        if rel == "funding":
            src = pick(rng, pools["d"][1], pools["d"][0])
            if rng.random() < 0.05:
                dst = pick(rng, pools["d"][1], pools["d"][0])
            else:
                dst = pick(rng, pools["i"][1], pools["i"][0])
            w = round(rng.lognormvariate(12.0, 1.5), 2)
        elif rel == "beneficiary":
            src = pick(rng, pools["i"][1], pools["i"][0])
            dst = pick(rng, pools["b"][1], pools["b"][0])
            w = int(rng.lognormvariate(4.0, 1.2)) + 1
        else:
            src = pick(rng, pools["i"][1], pools["i"][0])
            dst = pick(rng, pools["i"][1], pools["i"][0])
            w = round(rng.lognormvariate(10.0, 1.3), 2) if rel == "implementation" else \
                int(rng.lognormvariate(2.0, 1.0)) + 1
        if src == dst or (src, dst) in seen:
            continue
        seen.add((src, dst))
        edges.append((src, dst, rel, w))
    return nodes, edges


def dot_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv):
    args = argv[1:]
    seed = 10
    if "--seed" in args:
        k = args.index("--seed")
        seed = int(args[k + 1])
        del args[k:k + 2]
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    size, outdir = args
    if size in SIZES:
        n, m = SIZES[size]
    else:
        try:
            n, m = (int(x) for x in size.split(":"))
        except ValueError:
            sys.stderr.write("gen.py: unknown size %r\n" % size)
            return 2
    nodes, edges = generate(n, m, seed)
    os.makedirs(outdir, exist_ok=True)
    base = "%s/%s" % (outdir, size.replace(":", "x"))
    with open(base + "-nodes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "label", "type"])
        w.writerows(nodes)
    with open(base + ".csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "relation", "weight"])
        w.writerows(edges)
    with open(base + ".gv", "w", encoding="utf-8") as f:
        f.write("digraph stakeholders {\n")
        for v, label, typ in nodes:
            f.write("  %s [label=%s, type=%s];\n" % (v, dot_quote(label), typ))
        for s, t, rel, wt in edges:
            f.write("  %s -> %s [relation=%s, weight=%s];\n" % (s, t, rel, wt))
        f.write("}\n")
    sys.stderr.write("%s: %d nodes, %d edges\n" % (base, len(nodes), len(edges)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
