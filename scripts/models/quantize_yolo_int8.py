#!/usr/bin/env python3
"""Post-training int8 quantisation of models/yolov3-tiny.onnx with NNCF -> OpenVINO IR.

    python3 -m venv /tmp/venv-onnx
    /tmp/venv-onnx/bin/pip install onnx==1.23.2 numpy==2.4.6 openvino==2026.4.1 nncf==3.4.0
    /tmp/venv-onnx/bin/python scripts/models/quantize_yolo_int8.py

Made with: Python 3.11.7, openvino 2026.4.1, nncf 3.4.0, numpy 2.4.6, scipy 1.17.1;
ffmpeg 5.1 (Debian) decodes and scales the calibration frames.

Calibration set: every 2nd frame of samples/library-walk-720p.mp4 (--every 2: 188 frames),
each stretched to 704x384 (Veil's default YOLO input for 16:9 frames), RGB 0-1 NCHW, as
Veil feeds the network. No image of Benchmarks/eval calibrates, but the sample clip comes
from the same source video (OpenCV's vtest.avi) as that set's top-down vtest frames.

The IR keeps symbolic H and W (reshape it before compiling). Quantisation preset MIXED
(asymmetric activations: the leaky-ReLU outputs are not symmetric around 0); the two
linear head convolutions stay in float (ignored scope), so the raw heads are not
clipped by an int8 output range.

Writes models/yolov3-tiny-int8.xml / .bin and prints their SHA-256.
"""

import argparse
import hashlib
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
W, H = 704, 384


def ffmpeg_rgb(path, vf_extra=None, w=W, h=H):
    """Decode with ffmpeg, scale to w x h, return uint8 frames [N, h, w, 3] (RGB)."""
    vf = (vf_extra + "," if vf_extra else "") + f"scale={w}:{h}:flags=bilinear"
    cmd = ["ffmpeg", "-v", "error", "-nostdin", "-i", path, "-vf", vf,
           "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    raw = subprocess.run(cmd, check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype=np.uint8).reshape(-1, h, w, 3)


def calibration_blobs(every):
    # Only the sample clip: the fixture images include Benchmarks/eval's basketball1.
    frames = ffmpeg_rgb(os.path.join(ROOT, "samples", "library-walk-720p.mp4"),
                        vf_extra=f"select=not(mod(n\\,{every}))")
    blobs = frames.astype(np.float32).transpose(0, 3, 1, 2) / 255.0
    return [b[None] for b in blobs]


def head_conv(result):
    """The Convolution that feeds an output: Result <- [Identity] <- Add(bias) <- Convolution."""
    node = result.input_value(0).get_node()
    while node.get_type_name() in ("Identity", "Add"):
        node = node.input_value(0).get_node()
    if node.get_type_name() != "Convolution":
        raise SystemExit(f"unexpected head structure at {result.get_friendly_name()}")
    return node.get_friendly_name()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--onnx", default=os.path.join(ROOT, "models", "yolov3-tiny.onnx"))
    ap.add_argument("--out", default=os.path.join(ROOT, "models", "yolov3-tiny-int8.xml"))
    ap.add_argument("--every", type=int, default=2)
    ap.add_argument("--preset", default="mixed", choices=["mixed", "performance"])
    args = ap.parse_args(argv)

    import nncf
    import openvino as ov

    blobs = calibration_blobs(args.every)
    print(f"calibration: {len(blobs)} blobs of {blobs[0].shape}")
    model = ov.Core().read_model(args.onnx)
    heads = [head_conv(r) for r in model.get_results()]
    print("kept in float:", heads)
    preset = (nncf.QuantizationPreset.MIXED if args.preset == "mixed"
              else nncf.QuantizationPreset.PERFORMANCE)
    q = nncf.quantize(model, nncf.Dataset(blobs), preset=preset, subset_size=len(blobs),
                      ignored_scope=nncf.IgnoredScope(names=heads) if heads else None)
    ov.save_model(q, args.out, compress_to_fp16=False)
    for path in (args.out, os.path.splitext(args.out)[0] + ".bin"):
        with open(path, "rb") as f:
            data = f.read()
        print(f"{path}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    print(f"openvino {ov.__version__}, nncf {nncf.__version__}, numpy {np.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
