import Foundation
import VeilCore
import VeilInference

/// YuNet 2023mar's outputs → face boxes in network-input pixels (before NMS).
///
/// For each stride s in 8, 16, 32 there are tensors cls_s, obj_s (one value per cell) and
/// bbox_s (four per cell), one row per grid cell, row-major over (H/s)×(W/s), in that order:
/// cls 8/16/32, obj 8/16/32, bbox 8/16/32 (OpenVINO also returns kps, unused). score =
/// √(clamp01(cls)·clamp01(obj)); cx = (col + b0)·s, cy = (row + b1)·s, w = e^b2·s, h = e^b3·s.
enum YuNetDecoder {
    static let strides = [8, 16, 32]

    static func decode(_ outputs: [OutputTensor], inputWidth: Int, inputHeight: Int,
                       threshold: Float) throws -> [Detection] {
        guard outputs.count >= 9 else {
            throw DecodingFailure.layout("YuNet returned \(outputs.count) outputs, expected at least 9")
        }
        var found: [Detection] = []
        for (level, stride) in strides.enumerated() {
            let columns = inputWidth / stride, rows = inputHeight / stride, cells = columns * rows
            let cls = try outputs[level].requiring(cells, model: "YuNet").values
            let obj = try outputs[level + 3].requiring(cells, model: "YuNet").values
            let box = try outputs[level + 6].requiring(cells * 4, model: "YuNet").values
            for row in 0..<rows {
                for column in 0..<columns {
                    let cell = row * columns + column
                    let score = (min(max(cls[cell], 0), 1) * min(max(obj[cell], 0), 1)).squareRoot()
                    guard score >= threshold else { continue }
                    let s = Double(stride)
                    let cx = (Double(column) + Double(box[4 * cell])) * s
                    let cy = (Double(row) + Double(box[4 * cell + 1])) * s
                    let w = exp(Double(box[4 * cell + 2])) * s, h = exp(Double(box[4 * cell + 3])) * s
                    found.append(Detection(kind: .face, box: Rect(x: cx - w / 2, y: cy - h / 2, width: w, height: h),
                                           score: score))
                }
            }
        }
        return found
    }
}
