#!/usr/bin/env python3
"""Measures a power/interest grid (stakegraph grid -T gv) as it prints (the print rule, issue 6).

Usage: grid_print.py GRID.gv [--min-pt P] [--min-title-pt T] [--width-cm W] [--height-cm H]
Draws the grid with `dot -Tsvg` (the size it records: the SVG's width and height) and reads
its texts through `dot -Tjson`, then prints one line of measures:
  size    the printed figure, in cm (the SVG's width and height);
  text    the smallest text as printed, in points: its font size times the print scale (the
          SVG's width over the bounding box's and the pad's), over the node labels, the quadrants' captions, the
          axes' ticks and names, the caption and the legend; and which text that is;
  title   the same for the title (0 without one);
  overlaps  pairs of boxes (markers, labels, texts, legend keys) that overlap by more than
          half a point both ways.
Exits 1 when a text prints below --min-pt (7), the title below --min-title-pt (9), a box
overlaps another, or the figure is wider than --width-cm (16) or taller than --height-cm (24)
(to 0.05 cm).
"""
import itertools
import json
import re
import subprocess
import sys


def main():
    args = sys.argv[1:]
    path = args.pop(0)
    opts = {"--min-pt": 7.0, "--min-title-pt": 9.0, "--width-cm": 16.0, "--height-cm": 24.0}
    while args:
        k = args.pop(0)
        opts[k] = float(args.pop(0))
    svg = subprocess.run(["dot", "-Tsvg", path], check=True, capture_output=True,
                         text=True).stdout
    m = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    width_pt, height_pt = float(m[1]), float(m[2])
    g = json.loads(subprocess.run(["dot", "-Tjson", path], check=True, capture_output=True,
                                  text=True).stdout)
    # Graphviz's zoom: the figure's width over the bounding box's and the pad's (the SVG's
    # own transform gives it to 2 digits only)
    x0, _, x1, _ = map(float, g["bb"].split(","))
    scale = width_pt / (x1 - x0 + 2 * 72 * float(g.get("pad", "0.0555")))
    texts, boxes = [], {}
    for o in g.get("objects", []):
        name = o.get("name", "")
        if name.startswith("corner_") or "pos" not in o:
            continue
        for op in o.get("_ldraw_", []):
            if op.get("op") == "F":
                texts.append((op["size"] * scale, name, o.get("label", "")))
        x, y = map(float, o["pos"].split(","))
        w, h = float(o["width"]) * 72, float(o["height"]) * 72
        boxes[name] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    title = [op["size"] * scale for op in g.get("_ldraw_", []) if op.get("op") == "F"]
    bad = [(a, b) for a, b in itertools.combinations(sorted(boxes), 2)
           if not (a == "legend_title" or b == "legend_title")
           and min(boxes[a][2], boxes[b][2]) - max(boxes[a][0], boxes[b][0]) > 0.5
           and min(boxes[a][3], boxes[b][3]) - max(boxes[a][1], boxes[b][1]) > 0.5]
    smallest = min(texts)
    w_cm, h_cm = width_pt / 72 * 2.54, height_pt / 72 * 2.54
    print(f"size {w_cm:.1f} x {h_cm:.1f} cm  text {smallest[0]:.2f} pt ({smallest[2]!r})  "
          f"title {max(title, default=0):.2f} pt  overlaps {len(bad)}")
    fails = []
    if smallest[0] < opts["--min-pt"] - 1e-6:
        fails.append(f"{smallest[2]!r} prints at {smallest[0]:.2f} pt")
    if title and title[0] < opts["--min-title-pt"] - 1e-6:
        fails.append(f"the title prints at {title[0]:.2f} pt")
    if bad:
        fails.append(f"overlapping: {bad}")
    if w_cm > opts["--width-cm"] + 0.05 or h_cm > opts["--height-cm"] + 0.05:
        fails.append(f"{w_cm:.2f} x {h_cm:.2f} cm is larger than the page allows")
    for f in fails:
        print("grid_print:", f, file=sys.stderr)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
