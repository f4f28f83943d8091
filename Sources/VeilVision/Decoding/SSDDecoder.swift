import VeilCore
import VeilInference

/// SSDLite (TensorFlow Object Detection API graph, people only) → boxes in input pixels.
enum SSDDecoder {
    /// OpenCV, through the text graph's DetectionOutput: [1, 1, N, 7] rows of image, class,
    /// score, x1, y1, x2, y2 (relative); class 1 is the person.
    /// OpenVINO, running the frozen graph's own post-processing: boxes [1, N, 4] as
    /// y1, x1, y2, x2 (relative) and scores [1, N] (`…TensorArrayStack_1…`), best first.
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
        guard let boxes = outputs.first(where: { $0.shape.count == 3 && $0.shape.last == 4 }),
              let scores = outputs.first(where: { $0.name.contains("TensorArrayStack_1") }) else {
            throw DecodingFailure.layout("SSD outputs \(outputs.map { "\($0.name) \($0.shape)" }) are neither "
                                         + "DetectionOutput rows nor the graph's boxes and scores")
        }
        let count = min(scores.values.count, boxes.values.count / 4)
        return (0..<count).compactMap { i in
            guard scores.values[i] >= threshold else { return nil }
            let b = boxes.values
            return box(b[4 * i + 1], b[4 * i], b[4 * i + 3], b[4 * i + 2], scores.values[i])
        }
    }
}
