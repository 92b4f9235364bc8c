#!/usr/bin/env python3
"""Counts the overlaps of a laid-out figure's labels (issue 6).

Usage: label_overlaps.py FIGURE.json [--max-labels N] [--max-edges N] [-v]

FIGURE.json is Graphviz's JSON of the figure as drawn: `dot -Tjson FIGURE.gv` for the DOT
that `stakegraph draw -o FIGURE.gv` writes (dot lays it out again; a figure placed by another
engine says layout=nop2, which Graphviz follows). Only the drawing counts: the legend's nodes
and edges (id legend_...) are left out.

Prints one line: the label-label overlaps (two nodes' labels), label-node overlaps (a label on
a node, its own node included for a label that stands beside it), node-node overlaps and
label-edge crossings (an edge's curve passing through a line of a label beside its node: each
line as wide as Graphviz measured it, in its place in the label's box). A label is
the box of its text: as wide as Graphviz measured its widest line, one line of
fontsize x 1.2 (Graphviz's line spacing) per line, centred on xlp (beside the node) or, for a
label inside its node, on the node; a node is its box, or its ellipse for an ellipse, circle
or doublecircle. Two shapes overlap when they share more than TOL = 0.5 points each way, so
that touching is not an overlap. Exits 1 when a count passes its --max.
"""
import json
import math
import sys

TOL = 0.5


def nums(text):
    return [float(x) for x in text.replace(",", " ").split()]


def text_box(ops, centre):
    """The box (x1, y1, x2, y2) of the text drawn by xdot `ops`, centred on `centre`."""
    size, width, lines = 14.0, 0.0, 0
    for op in ops or []:
        if op.get("op") == "F":
            size = float(op["size"])
        elif op.get("op") == "T":
            width = max(width, float(op["width"]))
            lines += 1
    if lines == 0:
        return None
    h = lines * size * 1.2
    x, y = centre
    return (x - width / 2, y - h / 2, x + width / 2, y + h / 2)


def line_boxes(ops, centre):
    """The box of each line of the text drawn by xdot `ops`, stacked as in text_box: a line as
    wide as Graphviz measured it, placed by its anchor and justification."""
    box = text_box(ops, centre)
    if not box:
        return []
    size, out = 14.0, []
    for op in ops:
        if op.get("op") == "F":
            size = float(op["size"])
        elif op.get("op") == "T":
            w, x = float(op["width"]), float(op["pt"][0])
            x1 = {"l": x, "r": x - w}.get(op.get("align", "c"), x - w / 2)
            top = box[3] - len(out) * size * 1.2
            out.append((x1, top - size * 1.2, x1 + w, top))
    return out


def boxes_overlap(a, b):
    return min(a[2], b[2]) - max(a[0], b[0]) > TOL and min(a[3], b[3]) - max(a[1], b[1]) > TOL


def node_hits_box(node, box):
    """1 when the node's shape and `box` overlap by more than TOL."""
    nb = node["box"]
    if not boxes_overlap(nb, box):
        return False
    if node["shape"] not in ("ellipse", "circle", "doublecircle", "oval"):
        return True
    # the point of the box (shrunk by TOL) nearest the ellipse's centre lies inside the ellipse
    cx, cy = (nb[0] + nb[2]) / 2, (nb[1] + nb[3]) / 2
    rx, ry = (nb[2] - nb[0]) / 2, (nb[3] - nb[1]) / 2
    px = min(max(cx, box[0] + TOL), box[2] - TOL)
    py = min(max(cy, box[1] + TOL), box[3] - TOL)
    return ((px - cx) / rx) ** 2 + ((py - cy) / ry) ** 2 < 1


def nodes_overlap(a, b):
    if a["shape"] in ("ellipse", "circle", "doublecircle", "oval") and \
            b["shape"] in ("ellipse", "circle", "doublecircle", "oval"):
        # two ellipses: near enough by the distance of their centres along the line between them
        ax, ay = (a["box"][0] + a["box"][2]) / 2, (a["box"][1] + a["box"][3]) / 2
        bx, by = (b["box"][0] + b["box"][2]) / 2, (b["box"][1] + b["box"][3]) / 2
        d = math.hypot(bx - ax, by - ay)
        if d == 0:
            return True
        ux, uy = (bx - ax) / d, (by - ay) / d

        def radius(n):
            rx, ry = (n["box"][2] - n["box"][0]) / 2, (n["box"][3] - n["box"][1]) / 2
            return 1 / math.sqrt((ux / rx) ** 2 + (uy / ry) ** 2)
        return radius(a) + radius(b) - d > TOL
    if a["shape"] in ("ellipse", "circle", "doublecircle", "oval"):
        return node_hits_box(a, b["box"])
    return node_hits_box(b, a["box"])


def curve_points(ops):
    """Points along the B-splines and polylines drawn by xdot `ops` (20 per cubic piece)."""
    pts = []
    for op in ops or []:
        p = op.get("points")
        if op.get("op") in ("b", "B") and p:
            for i in range(0, len(p) - 3, 3):
                (x0, y0), (x1, y1), (x2, y2), (x3, y3) = p[i:i + 4]
                for k in range(21):
                    t = k / 20
                    u = 1 - t
                    pts.append((u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
                                u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3))
        elif op.get("op") == "L" and p:
            for (x0, y0), (x1, y1) in zip(p, p[1:]):
                for k in range(21):
                    t = k / 20
                    pts.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
    return pts


def main(argv):
    args = argv[1:]
    limits = {"labels": None, "edges": None}
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    path = None
    while args:
        a = args.pop(0)
        if a in ("--max-labels", "--max-edges"):
            limits[a[6:]] = int(args.pop(0))
        else:
            path = a
    if not path:
        sys.exit(__doc__)
    with open(path, encoding="utf-8") as f:
        g = json.load(f)
    nodes, labels = [], []
    for o in g.get("objects", []):
        if "nodes" in o or "subgraphs" in o or "_gvid" not in o or "pos" not in o:
            continue  # a subgraph or cluster
        if o.get("id", "").startswith("legend") or o.get("style") == "invis":
            continue
        x, y = nums(o["pos"])
        w, h = float(o["width"]) * 72, float(o["height"]) * 72
        node = {"name": o["name"], "shape": o.get("shape", "ellipse"),
                "box": (x - w / 2, y - h / 2, x + w / 2, y + h / 2), "gvid": o["_gvid"]}
        nodes.append(node)
        # Graphviz 2.43 writes the text beside the node (xlabel) in _ldraw_ with the node's
        # own label: each line goes to the nearer of the two centres
        ops = (o.get("_ldraw_") or []) + (o.get("_xldraw_") or [])
        xl = nums(o["xlp"]) if o.get("xlp") else None
        inside, beside = [], []
        for op in ops:
            if op.get("op") == "T" and xl and \
                    math.hypot(op["pt"][0] - xl[0], op["pt"][1] - xl[1]) < \
                    math.hypot(op["pt"][0] - x, op["pt"][1] - y):
                beside.append(op)
            elif op.get("op") == "T":
                inside.append(op)
            else:
                inside.append(op)
                beside.append(op)
        for part, centre, is_beside in ((beside, xl, True), (inside, (x, y), False)):
            box = text_box(part, centre) if centre else None
            if box:
                labels.append({"node": node, "box": box, "beside": is_beside,
                               "lines": line_boxes(part, centre)})
    ids = {n["gvid"] for n in nodes}
    edges = [e for e in g.get("edges", []) if e.get("tail") in ids and e.get("head") in ids]

    ll = ln = nn = le = 0
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if a["node"] is not b["node"] and boxes_overlap(a["box"], b["box"]):
                ll += 1
                if verbose:
                    print("label-label:", a["node"]["name"], b["node"]["name"])
        for n in nodes:
            if n is a["node"] and not a["beside"]:
                continue  # a label inside its own node
            if node_hits_box(n, a["box"]):
                ln += 1
                if verbose:
                    print("label-node:", a["node"]["name"], "on", n["name"])
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            if nodes_overlap(a, b):
                nn += 1
                if verbose:
                    print("node-node:", a["name"], b["name"])
    beside = [a for a in labels if a["beside"]]
    for e in edges:
        pts = curve_points(e.get("_draw_"))
        for a in beside:
            if any(x1 + TOL < x < x2 - TOL and y1 + TOL < y < y2 - TOL
                   for x1, y1, x2, y2 in a["lines"] for x, y in pts):
                le += 1
                if verbose:
                    print("label-edge:", a["node"]["name"], "crossed by", e.get("id"))
    print(f"label-label {ll} label-node {ln} node-node {nn} label-edge {le} "
          f"(labels {len(labels)}, beside their node {len(beside)}, edges {len(edges)})")
    bad = (limits["labels"] is not None and ll + ln > limits["labels"]) or \
          (limits["edges"] is not None and le > limits["edges"])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
