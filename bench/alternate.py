#!/usr/bin/env python3
"""Alternating runs of a few variants of one command: medians of wall time, CPU time (user +
system, children included: os.wait4) and minor page faults, and each variant against the last.

    bench/alternate.py N NAME:EXE:ENV=VALUE,... [NAME:EXE:...] -- ARGS...

runs `EXE ARGS` N times per variant, in alternating order (ABC, CBA, ...), so that a change of
the machine's load falls on every variant alike; prints the 1-minute load average range seen.
Example (containment, README Performance > Drawing):

    bench/alternate.py 100 contained:build/stakegraph: \
        in-process:build/stakegraph:STAKEGRAPH_NO_CONTAIN=1 -- draw graphs/iom-tuerkiye-customs.gv -o /tmp/x.svg
"""
import os, sys, time, statistics
n = int(sys.argv[1]); args = sys.argv[2:]; i = args.index('--'); specs = args[:i]; rest = args[i+1:]
variants = []
for spec in specs:
    name, exe, envs = spec.split(':', 2)
    env = dict(os.environ)
    for kv in filter(None, envs.split(',')):
        k, _, v = kv.partition('='); env[k] = v
    variants.append((name, exe, env))
res = {v[0]: [] for v in variants}
loads = []
for r in range(n):
    order = variants if r % 2 == 0 else variants[::-1]
    for name, exe, env in order:
        t0 = time.perf_counter()
        pid = os.posix_spawn(exe, [exe] + rest, env)
        _, st, ru = os.wait4(pid, 0)
        t = time.perf_counter() - t0
        assert os.waitstatus_to_exitcode(st) == 0, name
        res[name].append((t * 1e3, (ru.ru_utime + ru.ru_stime) * 1e3, ru.ru_minflt))
    loads.append(os.getloadavg()[0])
base = statistics.median(x[0] for x in res[variants[-1][0]])
basec = statistics.median(x[1] for x in res[variants[-1][0]])
for name, _, _ in variants:
    v = res[name]
    w = statistics.median(x[0] for x in v); c = statistics.median(x[1] for x in v)
    print(f"{name:10s} wall {w:8.1f} ms ({(w/base-1)*100:+5.1f} %)  cpu {c:7.1f} ms ({(c/basec-1)*100:+5.1f} %)  faults {statistics.median(x[2] for x in v):.0f}  n={len(v)}")
print(f"load (1 min) during the runs: {min(loads):.1f} to {max(loads):.1f}")
