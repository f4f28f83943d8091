import Foundation
import VeilCore
import VeilInference

/// YOLOv3-tiny's outputs → person boxes in network-input pixels (before NMS).
enum YOLODecoder {
    /// One detection head: its stride and the anchors (indices into `anchors`) it predicts.
    struct Head: Sendable, Hashable {
        var stride: Int
        var mask: [Int]
    }

    /// Anchor sizes (width, height pairs in input pixels) and heads of models/yolov3-tiny.cfg
    /// (second head's mask fixed to 1,2,3: see models/README.md).
    static let anchors: [Double] = [10, 14, 23, 27, 37, 58, 81, 82, 135, 169, 344, 319]
    static let heads = [Head(stride: 32, mask: [3, 4, 5]), Head(stride: 16, mask: [1, 2, 3])]
    static let classes = 80
    static let personClass = 0

    /// The raw convolution outputs of the ONNX conversion: per head a [1, 3·85, H/s, W/s] tensor
    /// of tx, ty, tw, th, objectness and 80 class logits per anchor, told apart by their grid
    /// size. As Darknet decodes them: cx = (col + σ(tx))·s, w = e^tw·anchor_w, score = σ(objectness)·σ(class).
    static func decodeRaw(_ outputs: [OutputTensor], inputWidth: Int, inputHeight: Int,
                          threshold: Float) throws -> [Detection] {
        var found: [Detection] = []
        let attributes = 5 + classes
        for head in heads {
            let columns = inputWidth / head.stride, rows = inputHeight / head.stride, cells = rows * columns
            guard let tensor = outputs.first(where: { $0.shape == [1, head.mask.count * attributes, rows, columns] }) else {
                throw DecodingFailure.layout("YOLOv3-tiny has no \(rows)×\(columns) head for stride \(head.stride) "
                                             + "(outputs: \(outputs.map { "\($0.name) \($0.shape)" }))")
            }
            let values = try tensor.requiring(head.mask.count * attributes * cells, model: "YOLOv3-tiny").values
            let s = Double(head.stride)
            for (slot, anchor) in head.mask.enumerated() {
                let base = slot * attributes * cells
                for cell in 0..<cells {
                    let objectness = sigmoid(values[base + 4 * cells + cell])
                    guard objectness >= threshold else { continue }  // the product is never larger
                    let score = objectness * sigmoid(values[base + (5 + personClass) * cells + cell])
                    guard score >= threshold else { continue }
                    let row = cell / columns, column = cell % columns
                    let cx = (Double(column) + Double(sigmoid(values[base + cell]))) * s
                    let cy = (Double(row) + Double(sigmoid(values[base + cells + cell]))) * s
                    let w = exp(Double(values[base + 2 * cells + cell])) * anchors[2 * anchor]
                    let h = exp(Double(values[base + 3 * cells + cell])) * anchors[2 * anchor + 1]
                    found.append(Detection(kind: .person, box: Rect(x: cx - w / 2, y: cy - h / 2, width: w, height: h),
                                           score: score))
                }
            }
        }
        return found
    }

    /// OpenCV's Darknet import decodes the region itself: rows of cx, cy, w, h (relative to
    /// the input), objectness, then 80 class scores already multiplied by objectness.
    static func decodeRegion(_ outputs: [OutputTensor], inputWidth: Int, inputHeight: Int,
                             threshold: Float) throws -> [Detection] {
        var found: [Detection] = []
        let attributes = 5 + classes
        for tensor in outputs {
            guard tensor.shape.count == 2, tensor.shape[1] == attributes else {
                throw DecodingFailure.layout("YOLOv3-tiny region output \(tensor.name) has shape \(tensor.shape)")
            }
            for row in 0..<tensor.shape[0] {
                let values = tensor.values[(row * attributes)..<((row + 1) * attributes)]
                let score = values[values.startIndex + 5 + personClass]
                guard score >= threshold else { continue }
                let w = Double(values[values.startIndex + 2]) * Double(inputWidth)
                let h = Double(values[values.startIndex + 3]) * Double(inputHeight)
                let cx = Double(values[values.startIndex]) * Double(inputWidth)
                let cy = Double(values[values.startIndex + 1]) * Double(inputHeight)
                found.append(Detection(kind: .person, box: Rect(x: cx - w / 2, y: cy - h / 2, width: w, height: h),
                                       score: score))
            }
        }
        return found
    }

    private static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }
}
