#!/usr/bin/env python3
"""Checks that two benchmark outputs agree: bench/compare.py A.csv B.csv [REL_TOL]
Compares the columns both have, by id, to a relative tolerance (default 1e-4, the outputs
carry 6 significant digits); prints the worst difference per column; exit 1 on a mismatch."""
import csv
import sys


def load(p):
    with open(p, newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        return r.fieldnames, {row["id"]: row for row in r}


def main(argv):
    tol = float(argv[3]) if len(argv) > 3 else 1e-4
    ca, a = load(argv[1])
    cb, b = load(argv[2])
    bad = 0
    for col in [c for c in ca if c in cb and c not in ("id", "label", "type")]:
        worst, where = 0.0, None
        for k, ra in a.items():
            x, y = ra[col], b[k][col]
            if x == "" or y == "":
                if x != y:
                    worst, where = float("inf"), k
                continue
            x, y = float(x), float(y)
            d = abs(x - y) / max(abs(x), abs(y), 1e-12)
            if abs(x - y) > 1e-9 and d > worst:
                worst, where = d, k
        flag = "ok" if worst <= tol else "DIFFERS"
        bad += worst > tol
        print("%-18s %-8s worst relative difference %.2g%s" %
              (col, flag, worst, " (at %s)" % where if where else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
