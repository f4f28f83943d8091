#!/usr/bin/env python3
"""Convert Veil's YOLOv3-tiny (Darknet .cfg + .weights) to ONNX.

Written for Veil; it reads the Darknet files itself and builds the graph with
`onnx.helper`. The network ends at the two raw head convolutions: no sigmoid, no
anchor decode (Veil's Swift code decodes the heads).

    python3 -m venv /tmp/venv-onnx
    /tmp/venv-onnx/bin/pip install onnx==1.23.2 numpy==2.4.6
    /tmp/venv-onnx/bin/python scripts/models/darknet_to_onnx.py \
        [--cfg models/yolov3-tiny.cfg] [--weights models/yolov3-tiny.weights] \
        [--out models/yolov3-tiny.onnx]

Made and checked with: Python 3.11.7, onnx 1.23.2, numpy 2.4.6 (protobuf 7.36.2).

Graph
-----
* input  `input`  float32 [1, 3, height, width] (symbolic H and W, any multiple of 32),
  RGB scaled to 0-1, NCHW -- the same blob as
  `cv2.dnn.blobFromImage(img, 1/255, (W, H), swapRB=True)`.
* output `yolo_16` [1, 255, H/32, W/32]: raw output of the conv before the first [yolo]
  (anchors mask 3,4,5); `yolo_23` [1, 255, H/16, W/16]: before the second [yolo]
  (mask 1,2,3). Channel c = a*85 + k for anchor a in the mask, k = tx, ty, tw, th,
  objectness, 80 class logits. Output names follow the Darknet layer index of the
  [yolo] section, as OpenCV's Darknet importer names them.
* Batch normalisation is folded into the convolutions in float64 with
  w' = w * gamma / sqrt(var + 1e-6), b' = beta - mean * gamma / sqrt(var + 1e-6)
  (eps 1e-6 as OpenCV's Darknet importer uses, the reference for equivalence).
* leaky = LeakyRelu(0.1). Darknet max-pools pad with (size-1) split floor/ceil, i.e.
  on the right/bottom: MaxPool pads [top, left, bottom, right] = [p//2, p//2, p-p//2, p-p//2].
* upsample = Resize nearest, asymmetric coordinates, floor (exact x2 replication).
* route = the layer itself (one input) or Concat on channels.

The output is deterministic: the same inputs give the same bytes (no timestamps, fixed
names, fixed producer strings, float32 initialisers stored as raw little-endian data).
"""

import argparse
import hashlib
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

BN_EPS = 1e-6
OPSET = 13
IR_VERSION = 7  # the IR that goes with opset 13; older readers (OpenCV 4.6) accept it
PRODUCER = "veil darknet_to_onnx.py"
PRODUCER_VERSION = "1"


def parse_cfg(path):
    """Return a list of (section_type, {key: value}) in file order, [net] included."""
    sections = []
    with open(path, "r", encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if not line or line.startswith(";"):
                continue
            if line.startswith("["):
                if not line.endswith("]"):
                    raise ValueError(f"bad section header: {raw!r}")
                sections.append((line[1:-1].strip(), {}))
                continue
            if "=" not in line:
                raise ValueError(f"bad cfg line: {raw!r}")
            if not sections:
                raise ValueError("cfg entry before any section")
            key, value = line.split("=", 1)
            sections[-1][1][key.strip()] = value.strip()
    return sections


def ints(text):
    return [int(v) for v in text.split(",") if v.strip()]


class WeightReader:
    def __init__(self, path):
        with open(path, "rb") as f:
            data = f.read()
        major, minor, revision = np.frombuffer(data, dtype="<i4", count=3)
        self.version = (int(major), int(minor), int(revision))
        if major * 10 + minor >= 2:
            seen = int(np.frombuffer(data, dtype="<i8", count=1, offset=12)[0])
            offset = 20
        else:
            seen = int(np.frombuffer(data, dtype="<i4", count=1, offset=12)[0])
            offset = 16
        if major > 1000 or minor > 1000:
            raise ValueError("transposed (flipped) weights are not supported")
        self.seen = seen
        self.data = data
        self.offset = offset

    def take(self, count):
        end = self.offset + 4 * count
        if end > len(self.data):
            raise ValueError(f"weights file too short: need {end} bytes, have {len(self.data)}")
        arr = np.frombuffer(self.data, dtype="<f4", count=count, offset=self.offset)
        self.offset = end
        return arr.astype(np.float64)

    def remaining(self):
        return len(self.data) - self.offset


def convert(cfg_path, weights_path):
    sections = parse_cfg(cfg_path)
    if not sections or sections[0][0] not in ("net", "network"):
        raise ValueError("cfg must start with [net]")
    net = sections[0][1]
    channels = int(net.get("channels", 3))
    layers = sections[1:]
    reader = WeightReader(weights_path)

    nodes = []
    inits = []
    # per darknet layer index: (tensor name, channels, stride relative to the input)
    outs = []
    heads = []  # (output name, source tensor, channels, stride, mask)

    cur_name, cur_c, cur_s = "input", channels, 1
    for idx, (kind, p) in enumerate(layers):
        if kind == "convolutional":
            filters = int(p["filters"])
            size = int(p.get("size", 1))
            stride = int(p.get("stride", 1))
            pad = size // 2 if int(p.get("pad", 0)) else int(p.get("padding", 0))
            groups = int(p.get("groups", 1))
            bn = int(p.get("batch_normalize", 0)) == 1
            act = p.get("activation", "logistic")
            if groups != 1:
                raise ValueError("grouped convolutions are not supported")
            if int(p.get("flipped", 0)):
                raise ValueError("flipped convolutions are not supported")
            nw = filters * cur_c * size * size
            biases = reader.take(filters)
            if bn:
                gamma = reader.take(filters)
                mean = reader.take(filters)
                var = reader.take(filters)
            w = reader.take(nw).reshape(filters, cur_c, size, size)
            if bn:
                k = gamma / np.sqrt(var + BN_EPS)
                w = w * k[:, None, None, None]
                b = biases - mean * k
            else:
                b = biases
            wname, bname = f"conv_{idx}.weight", f"conv_{idx}.bias"
            inits.append(numpy_helper.from_array(w.astype(np.float32), wname))
            inits.append(numpy_helper.from_array(b.astype(np.float32), bname))
            conv_out = f"conv_{idx}"
            nodes.append(helper.make_node(
                "Conv", [cur_name, wname, bname], [conv_out], name=conv_out,
                kernel_shape=[size, size], strides=[stride, stride],
                pads=[pad, pad, pad, pad], dilations=[1, 1], group=1))
            if act == "leaky":
                out = f"leaky_{idx}"
                nodes.append(helper.make_node("LeakyRelu", [conv_out], [out], name=out, alpha=0.1))
            elif act == "linear":
                out = conv_out
            else:
                raise ValueError(f"unsupported activation {act!r} in layer {idx}")
            cur_name, cur_c, cur_s = out, filters, cur_s * stride
        elif kind == "maxpool":
            size = int(p.get("size", 2))
            stride = int(p.get("stride", 2))
            padding = int(p.get("padding", size - 1))
            lo, hi = padding // 2, padding - padding // 2
            out = f"maxpool_{idx}"
            nodes.append(helper.make_node(
                "MaxPool", [cur_name], [out], name=out,
                kernel_shape=[size, size], strides=[stride, stride],
                pads=[lo, lo, hi, hi], ceil_mode=0))
            cur_name, cur_s = out, cur_s * stride
        elif kind == "upsample":
            factor = int(p.get("stride", 2))
            if float(p.get("scale", 1)) != 1.0:
                raise ValueError("upsample scale != 1 is not supported")
            sname = f"upsample_{idx}.scales"
            inits.append(numpy_helper.from_array(
                np.array([1, 1, factor, factor], dtype=np.float32), sname))
            out = f"upsample_{idx}"
            nodes.append(helper.make_node(
                "Resize", [cur_name, "", sname], [out], name=out, mode="nearest",
                coordinate_transformation_mode="asymmetric", nearest_mode="floor"))
            cur_name, cur_s = out, cur_s // factor
        elif kind == "route":
            srcs = [v if v >= 0 else idx + v for v in ints(p["layers"])]
            if any(s < 0 or s >= idx for s in srcs):
                raise ValueError(f"bad route in layer {idx}: {p['layers']}")
            if len(srcs) == 1:
                cur_name, cur_c, cur_s = outs[srcs[0]]
            else:
                strides = {outs[s][2] for s in srcs}
                if len(strides) != 1:
                    raise ValueError(f"route {idx} joins different resolutions")
                out = f"route_{idx}"
                nodes.append(helper.make_node(
                    "Concat", [outs[s][0] for s in srcs], [out], name=out, axis=1))
                cur_name, cur_c, cur_s = out, sum(outs[s][1] for s in srcs), strides.pop()
        elif kind == "yolo":
            mask = ints(p["mask"])
            classes = int(p.get("classes", 80))
            if cur_c != len(mask) * (classes + 5):
                raise ValueError(f"yolo {idx}: {cur_c} channels for {len(mask)} anchors")
            heads.append((f"yolo_{idx}", cur_name, cur_c, cur_s, mask))
            # the [yolo] layer passes its input on (Darknet keeps the same tensor)
        else:
            raise ValueError(f"unsupported layer type [{kind}] (layer {idx})")
        outs.append((cur_name, cur_c, cur_s))

    if reader.remaining() != 0:
        raise ValueError(f"{reader.remaining()} bytes of the weights file were not used")
    if not heads:
        raise ValueError("no [yolo] layers")

    outputs = []
    for out_name, src, c, s, _mask in heads:
        nodes.append(helper.make_node("Identity", [src], [out_name], name=out_name))
        outputs.append(helper.make_tensor_value_info(
            out_name, TensorProto.FLOAT, [1, c, f"height/{s}", f"width/{s}"]))

    graph = helper.make_graph(
        nodes, "yolov3_tiny",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, channels, "height", "width"])],
        outputs, initializer=inits)
    graph.doc_string = ("YOLOv3-tiny (Darknet, COCO) raw heads; input RGB 0-1 NCHW, H and W "
                        "multiples of 32; " + "; ".join(
                            f"{n}: stride {s}, mask {','.join(map(str, m))}"
                            for n, _src, _c, s, m in heads))
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name=PRODUCER, producer_version=PRODUCER_VERSION)
    model.ir_version = IR_VERSION
    anchors = net_anchors(layers)
    for key, value in (("anchors", ",".join(anchors)),
                       ("heads", ";".join(f"{n}:stride={s}:mask={','.join(map(str, m))}"
                                          for n, _src, _c, s, m in heads)),
                       ("darknet_weights_version", "%d.%d.%d" % reader.version),
                       ("darknet_seen", str(reader.seen)),
                       ("bn_eps", repr(BN_EPS))):
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model, full_check=True)
    return model


def net_anchors(layers):
    for kind, p in layers:
        if kind == "yolo":
            return [a.strip() for a in p["anchors"].split(",") if a.strip()]
    return []


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    models = os.path.normpath(os.path.join(here, "..", "..", "models"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--cfg", default=os.path.join(models, "yolov3-tiny.cfg"))
    ap.add_argument("--weights", default=os.path.join(models, "yolov3-tiny.weights"))
    ap.add_argument("--out", default=os.path.join(models, "yolov3-tiny.onnx"))
    args = ap.parse_args(argv)

    model = convert(args.cfg, args.weights)
    data = model.SerializeToString(deterministic=True)
    # round-trip check: the bytes we write parse and pass the checker
    onnx.checker.check_model(onnx.load_from_string(data), full_check=True)
    tmp = args.out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, args.out)
    digest = hashlib.sha256(data).hexdigest()
    print(f"wrote {args.out}: {len(data)} bytes, sha256 {digest}")
    print(f"onnx {onnx.__version__}, numpy {np.__version__}, opset {OPSET}, IR {IR_VERSION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
