#!/usr/bin/env python3
"""Convert Veil's SSDLite person detector (TensorFlow frozen graph) to an OpenVINO IR
without the graph's post-processing loop.

    python3 -m venv /tmp/venv-onnx
    /tmp/venv-onnx/bin/pip install numpy==2.4.6 openvino==2026.4.1
    /tmp/venv-onnx/bin/python scripts/models/ssdlite_to_ir.py \
        [--pb models/ssdlite-person.pb] [--out models/ssdlite-person-raw.xml]

Made with: Python 3.11.7, openvino 2026.4.1, numpy 2.4.6.

Why: the frozen graph ends in the TensorFlow Object Detection API's batched NMS, a
TensorArray loop. OpenVINO reads it, but converting and compiling that loop costs ~4 s of
CPU at every start (read 2.0 s, compile 2.1 s, measured), and running it costs as much
again as the network. The IR written here stops at the two tensors that loop starts from:

* `boxes`  float32 [1, 1917, 4]: every anchor's box decoded by the graph itself
  (`Postprocessor/Reshape_2`), ymin, xmin, ymax, xmax relative to the input, not clipped;
* `scores` float32 [1, 1917, 2]: sigmoid class scores (`Postprocessor/convert_scores`),
  column 0 background, column 1 person.

Veil thresholds the person column, clips the boxes to the frame and runs its own NMS: the
same steps as the graph's post-processing (score, clip window, per-class NMS), without its
cap of 100 detections. The input stays `image_tensor` uint8 [1, 300, 300, 3] (RGB 0-255; the
graph scales to -1...1 itself). Weights stay float32, so results equal the frozen graph's
to ~1e-5 (checked in Tests/VeilVisionTests/BackendEquivalenceTests.swift against OpenCV DNN).

The output is deterministic: the same .pb gives the same bytes.
"""

import argparse
import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BOXES = "Postprocessor/Reshape_2"
SCORES = "Postprocessor/convert_scores"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--pb", default=os.path.join(ROOT, "models", "ssdlite-person.pb"))
    ap.add_argument("--out", default=os.path.join(ROOT, "models", "ssdlite-person-raw.xml"))
    args = ap.parse_args(argv)

    import openvino as ov

    model = ov.convert_model(args.pb)
    ops = {op.get_friendly_name(): op for op in model.get_ordered_ops()}
    missing = [name for name in (BOXES, SCORES) if name not in ops]
    if missing:
        raise SystemExit(f"{args.pb}: no node {missing}: not the SSDLite graph Veil ships")
    boxes, scores = ops[BOXES].output(0), ops[SCORES].output(0)
    boxes.get_tensor().set_names({"boxes"})
    scores.get_tensor().set_names({"scores"})
    cut = ov.Model([boxes, scores], model.get_parameters(), "ssdlite-person-raw")
    cut.reshape([1, 300, 300, 3])
    shapes = [(o.get_any_name(), str(o.get_partial_shape())) for o in cut.outputs]
    if shapes != [("boxes", "[1,1917,4]"), ("scores", "[1,1917,2]")]:
        raise SystemExit(f"unexpected outputs {shapes}")
    ov.save_model(cut, args.out, compress_to_fp16=False)
    for path in (args.out, os.path.splitext(args.out)[0] + ".bin"):
        with open(path, "rb") as f:
            data = f.read()
        print(f"{os.path.relpath(path, ROOT)}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    print(f"openvino {ov.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
