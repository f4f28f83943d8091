#!/usr/bin/env python3
"""Score a person detector's masks against the hand-checked references.

    python3 score.py references.json detections.json [--misses]
    python3 score.py --self-test

detections.json: {"images": [{"file": "images/x.jpg", "masks": [[x, y, w, h], ...]}, ...]}
holds the rectangles a detector configuration would mask, in image pixels.

A reference person is found when at least 80 % of its box area lies under the
union of the mask rectangles. The union is computed exactly on the pixel grid:
a pixel (column i, row j) is under a mask [x, y, w, h] when its centre
(i + 0.5, j + 0.5) lies inside it, so integer rectangles cover exactly
columns x .. x+w-1 and rows y .. y+h-1. People marked "ignore" count as
neither found nor missed. For every situation the mean fraction of the frame
that is masked is printed too; on "empty" images every masked pixel is a
false mask. Standard library only. Exits 0 after scoring.
"""
import json
import math
import sys

FOUND_AT = 0.80


def _span(lo, size, limit):
    """Pixel indices [a, b) whose centres lie in [lo, lo + size), clipped to [0, limit)."""
    a = math.ceil(lo - 0.5)
    b = math.ceil(lo + size - 0.5)
    return max(a, 0), min(b, limit)


def covered_fraction(box, masks):
    """Fraction of the pixels of box [x, y, w, h] (integers) under the union of masks."""
    bx, by, bw, bh = (int(v) for v in box)
    if bw <= 0 or bh <= 0:
        return 0.0
    grid = [bytearray(bw) for _ in range(bh)]
    for m in masks:
        mx, my, mw, mh = (float(v) for v in m)
        if mw <= 0 or mh <= 0:
            continue
        # work in box-local pixel coordinates
        c0, c1 = _span(mx - bx, mw, bw)
        r0, r1 = _span(my - by, mh, bh)
        if c1 <= c0 or r1 <= r0:
            continue
        ones = b"\x01" * (c1 - c0)
        for r in range(r0, r1):
            grid[r][c0:c1] = ones
    return sum(sum(row) for row in grid) / float(bw * bh)


def masked_fraction(width, height, masks):
    """Fraction of a width x height frame under the union of masks."""
    return covered_fraction([0, 0, width, height], masks)


def score(refs, dets):
    by_file = {}
    for d in dets.get("images", []):
        by_file.setdefault(d["file"], []).extend(d.get("masks", []))
    situations = {}
    misses = []
    missing_files = []
    for img in refs["images"]:
        f = img["file"]
        if f not in by_file:
            missing_files.append(f)
        masks = by_file.get(f, [])
        s = situations.setdefault(img["situation"], {"images": 0, "people": 0, "found": 0, "ignored": 0, "masked": 0.0})
        s["images"] += 1
        s["masked"] += masked_fraction(img["width"], img["height"], masks)
        for i, p in enumerate(img.get("people", [])):
            if p.get("ignore"):
                s["ignored"] += 1
                continue
            s["people"] += 1
            c = covered_fraction(p["box"], masks)
            if c >= FOUND_AT - 1e-12:
                s["found"] += 1
            else:
                misses.append((f, i, p["box"], c, p.get("note", "")))
    return situations, misses, missing_files


def pct(a, b):
    return "%6.1f" % (100.0 * a / b) if b else "     -"


def report(situations, misses, missing_files, show_misses, out=sys.stdout):
    order = ["close-crowd", "seated", "far", "top-down", "empty"]
    names = [n for n in order if n in situations] + sorted(n for n in situations if n not in order)
    out.write("%-12s %6s %7s %6s %8s %8s %13s\n" % ("situation", "images", "people", "found", "recall%", "ignored", "mean masked%"))
    tp = tf = 0
    for n in names:
        s = situations[n]
        tp += s["people"]
        tf += s["found"]
        out.write("%-12s %6d %7d %6d %8s %8d %13s\n" % (
            n, s["images"], s["people"], s["found"], pct(s["found"], s["people"]), s["ignored"],
            pct(s["masked"], s["images"])))
    out.write("%-12s %6s %7d %6d %8s\n" % ("overall", "", tp, tf, pct(tf, tp)))
    if "empty" in situations:
        s = situations["empty"]
        out.write("false masks: %.2f %% of the frame area is masked on %d empty images (mean)\n"
                  % (100.0 * s["masked"] / max(s["images"], 1), s["images"]))
    if missing_files:
        out.write("note: %d reference images have no entry in the detections (scored as no masks)\n" % len(missing_files))
    if show_misses:
        for f, i, box, c, note in misses:
            out.write("missed %s person %d box %s covered %.0f%% %s\n" % (f, i, box, 100 * c, note))


def self_test():
    failures = []
    count = [0]

    def check(name, got, want):
        count[0] += 1
        if abs(got - want) > 1e-9:
            failures.append("%s: got %r, want %r" % (name, got, want))

    box = [10, 20, 10, 10]
    check("fully covered by one mask", covered_fraction(box, [[10, 20, 10, 10]]), 1.0)
    check("fully covered by a larger mask", covered_fraction(box, [[0, 0, 100, 100]]), 1.0)
    # two overlapping masks that together cover the left half: columns 10..14
    check("half covered by two overlapping masks",
          covered_fraction(box, [[10, 20, 4, 10], [12, 20, 3, 10]]), 0.5)
    check("overlap is not counted twice", covered_fraction(box, [[10, 20, 5, 10], [10, 20, 5, 10]]), 0.5)
    check("uncovered", covered_fraction(box, [[30, 30, 5, 5]]), 0.0)
    check("no masks", covered_fraction(box, []), 0.0)
    check("touching edge only", covered_fraction(box, [[20, 20, 5, 10]]), 0.0)
    check("exactly 80 %", covered_fraction(box, [[10, 20, 8, 10]]), 0.8)
    check("L-shaped union of two masks", covered_fraction(box, [[10, 20, 10, 5], [10, 20, 5, 10]]), 0.75)
    check("mask beyond the frame is clipped", masked_fraction(10, 10, [[-5, -5, 10, 10]]), 0.25)
    # centres 0.5 and 1.5 lie in [0.4, 1.6); 2.5 does not
    check("fractional mask edges use pixel centres", covered_fraction([0, 0, 4, 1], [[0.4, 0, 1.2, 1]]), 0.5)

    refs = {"schema": 1, "images": [
        {"file": "a.png", "situation": "far", "width": 100, "height": 100, "people": [
            {"box": [0, 0, 10, 10]},                    # fully covered -> found
            {"box": [20, 0, 10, 10]},                   # half covered by two masks -> missed
            {"box": [50, 50, 10, 10]},                  # uncovered -> missed
            {"box": [80, 80, 4, 4], "ignore": True},    # ignored -> neither
        ]},
        {"file": "b.png", "situation": "empty", "width": 10, "height": 10, "people": []},
    ]}
    dets = {"images": [
        {"file": "a.png", "masks": [[0, 0, 10, 10], [20, 0, 4, 10], [22, 0, 3, 10], [79, 79, 10, 10]]},
        {"file": "b.png", "masks": [[0, 0, 5, 10], [0, 0, 5, 5]]},
    ]}
    sit, misses, missing = score(refs, dets)
    far = sit["far"]
    if (far["people"], far["found"], far["ignored"]) != (3, 1, 1):
        failures.append("scoring: far people/found/ignored = %r, want (3, 1, 1)" % ((far["people"], far["found"], far["ignored"]),))
    if sorted(i for _, i, _, _, _ in misses) != [1, 2]:
        failures.append("scoring: missed indices %r, want [1, 2]" % sorted(i for _, i, _, _, _ in misses))
    check("empty image masked fraction", sit["empty"]["masked"], 0.5)
    if missing:
        failures.append("scoring: unexpected missing files %r" % missing)

    if failures:
        sys.stderr.write("SELF-TEST FAILED\n" + "\n".join("  " + f for f in failures) + "\n")
        sys.exit(1)
    print("self-test: %d checks passed, 0 failed" % (count[0] + 3))


def main(argv):
    if "--self-test" in argv:
        self_test()
        return 0
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    with open(args[0]) as fh:
        refs = json.load(fh)
    with open(args[1]) as fh:
        dets = json.load(fh)
    situations, misses, missing = score(refs, dets)
    report(situations, misses, missing, "--misses" in argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
