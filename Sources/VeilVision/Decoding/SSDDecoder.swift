import VeilCore
import VeilInference

/// SSDLite (TensorFlow Object Detection API graph, people only) → boxes in input pixels.
enum SSDDecoder {
    /// OpenCV, through the text graph's DetectionOutput: [1, 1, N, 7] rows of image, class,
    /// score, x1, y1, x2, y2 (relative); class 1 is the person.
    /// OpenVINO, on the IR cut before the graph's post-processing: `boxes` [1, N, 4] as y1, x1,
    /// y2, x2 (relative, unclipped) for every anchor and `scores` [1, N, 2] (column 1 the
    /// person); boxes are clipped to the input as the graph's post-processing did, and the
    /// caller's NMS merges the overlaps.
    static func decode(_ outputs: [OutputTensor], inputWidth: Int, inputHeight: Int,
                       threshold: Float) throws -> [Detection] {
        let w = Double(inputWidth), h = Double(inputHeight)
        func box(_ x1: Float, _ y1: Float, _ x2: Float, _ y2: Float, _ score: Float) -> Detection {
            Detection(kind: .person, box: Rect(x: Double(x1) * w, y: Double(y1) * h, width: Double(x2 - x1) * w,
                                               height: Double(y2 - y1) * h), score: score)
        }
        if outputs.count == 1, let rows = outputs.first, rows.shape.count == 4, rows.shape[3] == 7 {
            return stride(from: 0, to: rows.values.count - 6, by: 7).compactMap { i in
                let r = rows.values
                guard Int(r[i + 1]) == 1, r[i + 2] >= threshold else { return nil }
                return box(r[i + 3], r[i + 4], r[i + 5], r[i + 6], r[i + 2])
            }
        }
        guard let boxes = outputs.first(where: { $0.name == "boxes" }), boxes.shape.count == 3, boxes.shape[2] == 4,
              let scores = outputs.first(where: { $0.name == "scores" }),
              scores.shape == [boxes.shape[0], boxes.shape[1], 2] else {
            throw DecodingFailure.layout("SSD outputs \(outputs.map { "\($0.name) \($0.shape)" }) are neither "
                                         + "DetectionOutput rows nor the cut graph's boxes [1, N, 4] and scores [1, N, 2]")
        }
        func clipped(_ value: Float) -> Float { min(max(value, 0), 1) }
        let b = boxes.values, s = scores.values
        return (0..<boxes.shape[1]).compactMap { i in
            let score = s[2 * i + 1]
            guard score >= threshold else { return nil }
            let (y1, x1, y2, x2) = (clipped(b[4 * i]), clipped(b[4 * i + 1]), clipped(b[4 * i + 2]), clipped(b[4 * i + 3]))
            guard x2 > x1, y2 > y1 else { return nil }
            return box(x1, y1, x2, y2, score)
        }
    }
}
