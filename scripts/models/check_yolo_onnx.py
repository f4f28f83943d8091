#!/usr/bin/python3
"""Check models/yolov3-tiny.onnx against OpenCV's own Darknet import of the same network.

Run with Debian's Python and python3-opencv (OpenCV 4.6):

    apt-get install -y python3-opencv
    /usr/bin/python3 scripts/models/check_yolo_onnx.py \
        [--openvino-python /tmp/venv-onnx/bin/python] [--ir models/yolov3-tiny-int8.xml]

For every fixture frame in Tests/Fixtures and each input size (416x416, 608x352):

1. OpenCV DNN reads yolov3-tiny.cfg + .weights (cv2.dnn.readNetFromDarknet) and gives
   its two region outputs (yolo_16, yolo_23: rows cx, cy, w, h, objectness, 80 class
   scores) and the raw head convolutions (conv_15, conv_22).
2. OpenCV DNN reads the ONNX (cv2.dnn.readNetFromONNX); the raw heads are decoded here
   the Darknet way (see `decode`) and compared with (1); the raw heads are compared with
   OpenCV's conv_15/conv_22 as well.
3. If --openvino-python names a Python with `openvino` installed (a venv; it cannot be
   mixed with Debian's numpy in one process), this script runs itself there as a worker
   (`--ov-worker`) on the same input blobs: OpenVINO CPU, 2 threads, f32 and bf16,
   optionally an IR given with --ir (e.g. the int8 model), and compares the same way.

OpenCV's region layer sets every class score (objectness * sigmoid(class logit)) that is
not above its threshold (the cfg's `thresh`, default 0.2) to 0; boxes and objectness are
left alone and the layer runs no NMS. The decode here does the same; a score within
max(--tol, 1e-3) of the threshold may legitimately land on either side, and such flips are
counted and reported instead of being taken as errors.

It also counts people (person score > 0.2, NMS IoU 0.6, as the manifest's
yolov3-tiny-onnx entry says) per backend and how many of the reference's people each
backend matches at IoU >= 0.5, and times every backend on vtest-frame200 (median of 30
runs: wall clock and process CPU time; --no-timing skips it). --heldout adds images that
no int8 calibration used (astronaut, basketball2, camera; clip frames n % 4 == 1).

Exit status 0 when every f32 comparison (OpenCV ONNX, OpenVINO f32) is within --tol
(default 1e-4); an --ir model (int8) is reported, never failed.
"""

import argparse
import json
import shutil
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
MODELS = os.path.join(ROOT, "models")
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures")
FRAMES = ["vtest-frame0.png", "vtest-frame100.png", "vtest-frame200.png",
          "basketball1.png", "messi5.jpg"]
HELDOUT_IMAGES = ["astronaut.jpg", "basketball2.png", "camera.png"]
SIZES = [(416, 416), (608, 352)]  # (width, height)
ANCHORS = [10, 14, 23, 27, 37, 58, 81, 82, 135, 169, 344, 319]
HEADS = [("yolo_16", "conv_15", 32, [3, 4, 5]), ("yolo_23", "conv_22", 16, [1, 2, 3])]
REGION_THRESH = 0.2  # OpenCV region layer: class scores <= this are set to 0
SCORE_THRESH, NMS_THRESH = 0.2, 0.6  # manifest entry yolov3-tiny-onnx
RUNS = 30


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def decode(raw, mask, in_w, in_h, zero_below=REGION_THRESH):
    """Raw head [1, 85*A, gh, gw] -> rows (gh*gw*A, 85) in OpenCV's order (y, x, anchor)."""
    raw = np.asarray(raw, dtype=np.float64)
    _, c, gh, gw = raw.shape
    a = len(mask)
    t = raw.reshape(a, c // a, gh, gw).transpose(2, 3, 0, 1)  # gh, gw, a, 85
    out = np.empty_like(t)
    cols = np.arange(gw, dtype=np.float64)[None, :, None]
    rows = np.arange(gh, dtype=np.float64)[:, None, None]
    aw = np.array([ANCHORS[2 * m] for m in mask], dtype=np.float64)[None, None, :]
    ah = np.array([ANCHORS[2 * m + 1] for m in mask], dtype=np.float64)[None, None, :]
    out[..., 0] = (cols + sigmoid(t[..., 0])) / gw
    out[..., 1] = (rows + sigmoid(t[..., 1])) / gh
    out[..., 2] = np.exp(t[..., 2]) * aw / in_w
    out[..., 3] = np.exp(t[..., 3]) * ah / in_h
    obj = sigmoid(t[..., 4])
    out[..., 4] = obj
    scores = sigmoid(t[..., 5:]) * obj[..., None]
    if zero_below is not None:
        scores = np.where(scores > zero_below, scores, 0.0)
    out[..., 5:] = scores
    return out.reshape(-1, c // a)


def compare_rows(ref, got, tol):
    """Max abs differences between two region outputs, accounting for threshold flips."""
    ref = np.asarray(ref, dtype=np.float64)
    got = np.asarray(got, dtype=np.float64)
    box = float(np.abs(ref[:, :4] - got[:, :4]).max())
    obj = float(np.abs(ref[:, 4] - got[:, 4]).max())
    res = {"box": box, "obj": obj}
    for key, sl in (("person", slice(5, 6)), ("classes", slice(5, None))):
        r, g = ref[:, sl], got[:, sl]
        both = (r > 0) & (g > 0)
        flip = (r > 0) != (g > 0)
        # a flip is explained when the non-zero side is within tol of the threshold
        nz = np.where(r > 0, r, g)
        explained = flip & (np.abs(nz - REGION_THRESH) <= max(tol, 1e-3))
        d = np.abs(r - g)
        res[key] = float(d[~flip].max()) if (~flip).any() else 0.0
        res[key + "_nonzero"] = int(both.sum())
        res[key + "_flips"] = int(flip.sum())
        res[key + "_flips_unexplained"] = int((flip & ~explained).sum())
    return res


def people(rows_by_head):
    """Person boxes [x, y, w, h] (relative) after score threshold + NMS (manifest thresholds)."""
    import cv2
    rows = np.concatenate(rows_by_head, axis=0)
    r = rows[rows[:, 5] > SCORE_THRESH]
    boxes = [[float(x - w / 2), float(y - h / 2), float(w), float(h)] for x, y, w, h in r[:, :4]]
    scores = [float(v) for v in r[:, 5]]
    idx = cv2.dnn.NMSBoxes(boxes, scores, SCORE_THRESH, NMS_THRESH) if boxes else []
    return [boxes[int(i)] for i in np.array(idx).reshape(-1)]


def iou(a, b):
    ix = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / (a[2] * a[3] + b[2] * b[3] - inter + 1e-12)


def matched(ref_boxes, boxes, thr=0.5):
    """How many reference people have a box with IoU >= thr (greedy one-to-one)."""
    used, n = set(), 0
    for rb in ref_boxes:
        best, bi = 0.0, None
        for i, b in enumerate(boxes):
            if i not in used and iou(rb, b) > best:
                best, bi = iou(rb, b), i
        if bi is not None and best >= thr:
            used.add(bi)
            n += 1
    return n


def median_ms(fn, runs=RUNS, warmup=3):
    """Median wall-clock and median process CPU time per call, in ms.

    CPU time (all threads of this process) is reported too because the machine is
    shared: under load the wall clock measures the queue, the CPU time the work."""
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000.0)
        cpu.append((time.process_time() - c0) * 1000.0)
    return [statistics.median(wall), statistics.median(cpu)]


# ---------------------------------------------------------------- OpenVINO worker
def ov_worker(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--ov-worker", action="store_true")
    ap.add_argument("--blobs", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--model", action="append", required=True, help="label=path")
    ap.add_argument("--precision", action="append", required=True, help="label=f32|bf16")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--time-frame", default="vtest-frame200.png")
    ap.add_argument("--no-timing", action="store_true")
    a = ap.parse_args(argv)
    import openvino as ov
    core = ov.Core()
    blobs = dict(np.load(a.blobs))
    result, timing, actual = {}, {}, {}
    for spec in a.model:
        label, path = spec.split("=", 1)
        for pspec in a.precision:
            plabel, prec = pspec.split("=", 1)
            tag = f"{label}-{plabel}"
            for (w, h) in SIZES:
                model = core.read_model(path)
                model.reshape({model.inputs[0].any_name: [1, 3, h, w]})
                cfg = {"INFERENCE_PRECISION_HINT": prec,
                       "INFERENCE_NUM_THREADS": a.threads,
                       "PERFORMANCE_HINT": "LATENCY", "NUM_STREAMS": 1}
                compiled = core.compile_model(model, "CPU", cfg)
                # a CPU without bf16 support silently runs f32: record what was compiled
                actual[tag] = str(compiled.get_property("INFERENCE_PRECISION_HINT"))
                req = compiled.create_infer_request()
                # OpenVINO drops the Identity nodes: a head may carry several tensor names
                outs = {n: o for o in compiled.outputs for n in o.get_names()}
                for key, blob in blobs.items():
                    name, size = key.rsplit("@", 1)
                    if size != f"{w}x{h}":
                        continue
                    req.infer({0: blob})
                    for head, *_ in HEADS:
                        result[f"{tag}|{key}|{head}"] = np.array(req.get_tensor(outs[head]).data)
                if not a.no_timing:
                    tb = blobs[f"{a.time_frame}@{w}x{h}"]
                    timing[f"{tag}@{w}x{h}"] = median_ms(lambda: req.infer({0: tb}))
    np.savez(a.out, **result)
    with open(a.out + ".json", "w") as f:
        json.dump({"timing_ms": timing, "openvino": ov.__version__, "precision": actual,
                   "cpu": core.get_property("CPU", "FULL_DEVICE_NAME"),
                   "capabilities": list(core.get_property("CPU", "OPTIMIZATION_CAPABILITIES"))}, f)
    return 0


# ---------------------------------------------------------------- main (OpenCV side)
def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--onnx", default=os.path.join(MODELS, "yolov3-tiny.onnx"))
    ap.add_argument("--cfg", default=os.path.join(MODELS, "yolov3-tiny.cfg"))
    ap.add_argument("--weights", default=os.path.join(MODELS, "yolov3-tiny.weights"))
    ap.add_argument("--openvino-python", default=None)
    ap.add_argument("--ir", default=None, help="extra OpenVINO model (IR .xml) to compare, e.g. int8")
    ap.add_argument("--tol", type=float, default=1e-4)
    ap.add_argument("--json", default=None, help="write all numbers here")
    ap.add_argument("--no-timing", action="store_true")
    ap.add_argument("--heldout", action="store_true",
                    help="also count people on images no calibration used: fixtures "
                         "astronaut/basketball2/camera and every 4th+1 frame of the sample clip")
    a = ap.parse_args(argv)

    import cv2
    cv2.setNumThreads(2)
    print(f"OpenCV {cv2.__version__}, numpy {np.__version__}, threads {cv2.getNumThreads()}")
    dark = cv2.dnn.readNetFromDarknet(a.cfg, a.weights)
    dark_out = ["yolo_16", "yolo_23", "conv_15", "conv_22"]
    tmpdir = tempfile.mkdtemp(prefix="veil-yolo-check-")
    onnx_path = a.onnx
    # OpenCV 4.6 reads the symbolic height/width and reshapes on every setInput
    onnx_net = cv2.dnn.readNetFromONNX(onnx_path)
    onnx_note = "OpenCV read the ONNX with symbolic H/W as is"

    blobs, ref, cv_onnx = {}, {}, {}
    report = {"frames": {}, "timing_ms": {}, "notes": [onnx_note]}
    ok = True
    images = [(f, cv2.imread(os.path.join(FIXTURES, f)), SIZES) for f in FRAMES]
    if a.heldout:
        images += [(f, cv2.imread(os.path.join(FIXTURES, f)), SIZES) for f in HELDOUT_IMAGES]
        cap = cv2.VideoCapture(os.path.join(ROOT, "samples", "library-walk-720p.mp4"))
        n = 0
        while True:
            good, img = cap.read()
            if not good:
                break
            if n % 4 == 1:  # never in quantize_yolo_int8.py's calibration set (every 2nd/4th)
                images.append((f"clip-{n:03d}", img, [(608, 352)]))
            n += 1
    for frame, img, sizes in images:
        if img is None:
            raise SystemExit(f"cannot read {frame}")
        for (w, h) in sizes:
            blob = cv2.dnn.blobFromImage(img, 1 / 255.0, (w, h), swapRB=True, crop=False)
            key = f"{frame}@{w}x{h}"
            blobs[key] = blob
            dark.setInput(blob)
            outs = dark.forward(dark_out)
            ref[key] = dict(zip(dark_out, [np.array(o) for o in outs]))
            onnx_net.setInput(blob, "input")
            outs = onnx_net.forward([hd[0] for hd in HEADS])
            cv_onnx[key] = dict(zip([hd[0] for hd in HEADS], [np.array(o) for o in outs]))

    def evaluate(label, raw_by_key):
        nonlocal ok
        strict = label.endswith("f32") or label == "opencv-onnx"
        for key, heads in raw_by_key.items():
            w, h = map(int, key.rsplit("@", 1)[1].split("x"))
            rows_all, entry = [], {}
            for head, conv, stride, mask in HEADS:
                raw = heads[head]
                assert raw.shape == (1, 255, h // stride, w // stride), (label, key, head, raw.shape)
                rraw = ref[key][conv]
                d_raw = float(np.abs(raw.astype(np.float64) - rraw).max())
                rows = decode(raw, mask, w, h)
                rows_all.append(rows)
                c = compare_rows(ref[key][head], rows, a.tol)
                c["raw"] = d_raw
                c["raw_scale"] = float(np.abs(rraw).max())
                entry[head] = c
                if strict and (max(c["box"], c["obj"], c["classes"]) > a.tol
                               or c["classes_flips_unexplained"]):
                    ok = False
            got_b = people(rows_all)
            ref_b = people([ref[key][hd[0]] for hd in HEADS])
            entry["people"], entry["people_ref"] = len(got_b), len(ref_b)
            entry["people_matched"] = matched(ref_b, got_b)
            report["frames"].setdefault(key, {})[label] = entry

    evaluate("opencv-onnx", cv_onnx)

    # timing: OpenCV darknet and OpenCV ONNX, vtest-frame200
    for (w, h) in ([] if a.no_timing else SIZES):
        tb = blobs[f"vtest-frame200.png@{w}x{h}"]
        for label, net, names in (("opencv-darknet", dark, ["yolo_16", "yolo_23"]),
                                  ("opencv-onnx", onnx_net, ["yolo_16", "yolo_23"])):
            def run(net=net, names=names):
                net.setInput(tb)
                net.forward(names)
            report["timing_ms"][f"{label}@{w}x{h}"] = median_ms(run)

    if a.openvino_python:
        bpath = os.path.join(tmpdir, "blobs.npz")
        opath = os.path.join(tmpdir, "ov.npz")
        np.savez(bpath, **blobs)
        cmd = [a.openvino_python, os.path.abspath(__file__), "--ov-worker", "--blobs", bpath,
               "--out", opath, "--model", f"ov-onnx={onnx_path}",
               "--precision", "f32=f32", "--precision", "bf16=bf16"] + (["--no-timing"] if a.no_timing else [])
        subprocess.run(cmd, check=True)
        res = dict(np.load(opath))
        with open(opath + ".json") as f:
            meta = json.load(f)
        report["timing_ms"].update(meta["timing_ms"])
        report["notes"].append(f"OpenVINO {meta['openvino']} on {meta['cpu']}, "
                               f"capabilities {meta['capabilities']}")
        for tag, prec in sorted(meta["precision"].items()):
            report["notes"].append(f"{tag}: compiled with inference precision {prec}")
        if a.ir:
            opath2 = os.path.join(tmpdir, "ov-ir.npz")
            cmd = [a.openvino_python, os.path.abspath(__file__), "--ov-worker", "--blobs", bpath,
                   "--out", opath2, "--model", f"ov-ir={a.ir}",
                   "--precision", "f32=f32", "--precision", "bf16=bf16"] + (["--no-timing"] if a.no_timing else [])
            subprocess.run(cmd, check=True)
            res.update(dict(np.load(opath2)))
            with open(opath2 + ".json") as f:
                meta2 = json.load(f)
            report["timing_ms"].update(meta2["timing_ms"])
            for tag, prec in sorted(meta2["precision"].items()):
                report["notes"].append(f"{tag}: compiled with inference precision {prec}")
        by_label = {}
        for k, v in res.items():
            label, key, head = k.split("|")
            by_label.setdefault(label, {}).setdefault(key, {})[head] = v
        for label in sorted(by_label):
            # an int8 IR is not expected to be within tol: report, do not fail
            evaluate(label if not label.startswith("ov-ir") else label + "-report", by_label[label])

    # ---- print
    labels = sorted({lab for fr in report["frames"].values() for lab in fr})
    print(f"\nmax abs difference vs OpenCV Darknet import (tol {a.tol:g}); "
          "box = cx,cy,w,h; person/classes exclude threshold flips")
    hdr = f"{'frame@size':28s} {'backend':18s} {'head':8s} {'box':>9s} {'obj':>9s} {'person':>9s} " \
          f"{'classes':>9s} {'raw':>9s} {'flips':>5s} {'people':>7s}"
    print(hdr)
    for key in report["frames"]:
        if key.rsplit("@", 1)[0] not in FRAMES:
            continue
        for label in labels:
            e = report["frames"][key].get(label)
            if e is None:
                continue
            for head, *_ in HEADS:
                c = e[head]
                print(f"{key:28s} {label:18s} {head:8s} {c['box']:9.2e} {c['obj']:9.2e} "
                      f"{c['person']:9.2e} {c['classes']:9.2e} {c['raw']:9.2e} "
                      f"{c['classes_flips']:5d} {e['people']:3d}/{e['people_ref']:<3d}")
    print("\npeople (score > %.1f, NMS %.1f): found / OpenCV-darknet reference, "
          "reference people matched at IoU >= 0.5" % (SCORE_THRESH, NMS_THRESH))
    groups = [("fixtures", lambda k: k.rsplit("@", 1)[0] in FRAMES),
              ("held-out images", lambda k: k.rsplit("@", 1)[0] in HELDOUT_IMAGES),
              ("held-out clip frames", lambda k: k.startswith("clip-"))]
    for gname, member in groups:
        keys = [k for k in report["frames"] if member(k)]
        if not keys:
            continue
        print(f" {gname} ({len(keys)} frame/size pairs)")
        for label in labels:
            tot, cells = [0, 0, 0], []
            for key in keys:
                e = report["frames"][key].get(label)
                if e is None:
                    continue
                tot[0] += e["people"]; tot[1] += e["people_ref"]; tot[2] += e["people_matched"]
                if gname != "held-out clip frames":
                    cells.append(f"{key.split('.')[0]}@{key.rsplit('@', 1)[1]} "
                                 f"{e['people']}/{e['people_ref']}/{e['people_matched']}")
            print(f"  {label:18s} found {tot[0]}, reference {tot[1]}, matched {tot[2]}"
                  + (": " + ", ".join(cells) if cells else ""))
    print("\nlatency, median of %d runs after 3 warm-ups, vtest-frame200, 2 threads (ms): "
          "wall clock, process CPU time" % RUNS)
    for k in sorted(report["timing_ms"]):
        wall, cpu = report["timing_ms"][k]
        print(f"  {k:28s} {wall:8.1f} {cpu:8.1f}")
    print("load average:", os.getloadavg())
    for n in report["notes"]:
        print("note:", n)
    shutil.rmtree(tmpdir, ignore_errors=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(report, f, indent=1)
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    if "--ov-worker" in sys.argv[1:]:
        sys.exit(ov_worker(sys.argv[1:]))
    sys.exit(main(sys.argv[1:]))
