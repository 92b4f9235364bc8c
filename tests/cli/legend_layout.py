#!/usr/bin/env python3
"""Measures a placed figure (stakegraph draw -T gv, layout=nop2) for the legend's layout (issue 6).

Usage: legend_layout.py FIGURE.gv [--width-in W] [--max-white F] [--min-legend-pt P]
                        [--min-title-pt T] [--min-edge-label-pt E] [--min-label-pt N]
Reads the figure through `dot -Tjson` and prints one line of measures:
  white   the fraction of the figure's box that neither the drawing's box (its nodes, their
          labels beside them, and its edges) nor the legend's frame covers;
  gap     points between the drawing's box and the legend's frame (beside or below);
  legend  the smallest legend text as printed, in points: its font size times the print scale
          (W inches over the figure's width, else the figure shrunk to fit 16 x 24 cm);
  labels  the same for the node labels;
  title   the same for the title, and edge labels for the edges' labels ("×2").
Exits 1 when the legend overlaps the drawing, the gap is not between 17 and 60 points, the
legend text prints below --min-legend-pt (7), the title below --min-title-pt (0), the edge
labels below --min-edge-label-pt (0), the node labels below --min-label-pt (0), or white
exceeds --max-white (1).
"""
import json
import subprocess
import sys


def main():
    args = sys.argv[1:]
    path = args.pop(0)
    opts = {"--width-in": None, "--max-white": 1.0, "--min-legend-pt": 7.0,
            "--min-title-pt": 0.0, "--min-edge-label-pt": 0.0, "--min-label-pt": 0.0}
    while args:
        k = args.pop(0)
        opts[k] = float(args.pop(0))
    g = json.loads(subprocess.run(["dot", "-Tjson", path], check=True, capture_output=True,
                                  text=True).stdout)
    fx0, fy0, fx1, fy1 = map(float, g["bb"].split(","))
    width = fx1 - fx0
    if opts["--width-in"]:
        scale = opts["--width-in"] * 72 / width
    else:
        scale = min(1.0, 16 / 2.54 * 72 / width, 24 / 2.54 * 72 / (fy1 - fy0))
    legend = [o for o in g.get("objects", []) if o.get("name") == "cluster_legend"]
    assert len(legend) == 1, "no legend"
    lx0, ly0, lx1, ly1 = map(float, legend[0]["bb"].split(","))
    box = [1e300, 1e300, -1e300, -1e300]

    def grow(x0, y0, x1, y1):
        box[0], box[1] = min(box[0], x0), min(box[1], y0)
        box[2], box[3] = max(box[2], x1), max(box[3], y1)

    def fonts(o):
        return [op["size"] for key in ("_ldraw_", "_hldraw_", "_tldraw_")
                for op in o.get(key, []) if op.get("op") == "F"]

    legend_pt, label_pt = [], []
    for o in g.get("objects", []):
        oid = o.get("id", "")
        if oid.startswith("legend"):
            legend_pt += fonts(o)
        elif oid.startswith("node_") and "pos" in o:
            x, y = map(float, o["pos"].split(","))
            w, h = float(o["width"]) * 36, float(o["height"]) * 36
            grow(x - w, y - h, x + w, y + h)
            label_pt += fonts(o)
            for op in o.get("_ldraw_", []):
                if op.get("op") == "T":
                    tx, ty = op["pt"]
                    tw = op["width"]
                    grow(tx - tw / 2, ty - 2, tx + tw / 2, ty + 10)
    title_pt = [op["size"] for op in g.get("_ldraw_", []) if op.get("op") == "F"]
    edge_pt = []
    for e in g.get("edges", []):
        if not e.get("id", "").startswith("edge_"):
            continue
        edge_pt += [op["size"] for op in e.get("_ldraw_", []) if op.get("op") == "F"]
        for tok in e.get("pos", "").split():
            tok = tok[2:] if tok[:2] in ("e,", "s,") else tok
            x, y = map(float, tok.split(","))
            grow(x, y, x, y)
    legend_pt += fonts(legend[0])
    drawing = (box[2] - box[0]) * (box[3] - box[1])
    frame = (lx1 - lx0) * (ly1 - ly0)
    white = 1 - (drawing + frame) / (width * (fy1 - fy0))
    beside = lx0 >= box[2]
    below = ly1 <= box[3] and ly1 <= box[1]
    gap = lx0 - box[2] if beside else box[1] - ly1
    print(f"{path}: {'beside' if beside else 'below' if below else 'OVERLAP'} white {white:.3f} "
          f"gap {gap:.1f} legend {min(legend_pt) * scale:.2f} pt labels "
          f"{min(label_pt) * scale if label_pt else 0:.2f} pt figure {width:.0f} x {fy1 - fy0:.0f}"
          f" title {min(title_pt) * scale if title_pt else 0:.2f} pt edge labels "
          f"{min(edge_pt) * scale if edge_pt else 0:.2f} pt")
    ok = True
    if not (beside or below):
        print("FAIL: the legend overlaps the drawing"); ok = False
    elif not 17 <= gap <= 60:
        print(f"FAIL: gap {gap:.1f} points"); ok = False
    if min(legend_pt) * scale < opts["--min-legend-pt"] - 0.05:
        print(f"FAIL: legend text prints at {min(legend_pt) * scale:.2f} pt"); ok = False
    for name, pts in (("title", title_pt), ("edge-label", edge_pt), ("label", label_pt)):
        if pts and min(pts) * scale < opts[f"--min-{name}-pt"] - 0.05:
            print(f"FAIL: {name} prints at {min(pts) * scale:.2f} pt"); ok = False
    if white > opts["--max-white"]:
        print(f"FAIL: white {white:.3f} > {opts['--max-white']}"); ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
