internal import CVeilVision
public import VeilCore

/// Non-maximum suppression (OpenCV's `NMSBoxes`), for merging detections from several passes.
public enum NonMaximumSuppression {
    /// The detections scoring at least `scoreThreshold`, minus every box overlapping a
    /// better-scoring kept box by more than `iouThreshold`; best score first.
    public static func apply(to detections: [Detection], scoreThreshold: Float,
                             iouThreshold: Float) throws -> [Detection] {
        let boxes = detections.map {
            veilcv_box(x: Float($0.box.x), y: Float($0.box.y), width: Float($0.box.width),
                       height: Float($0.box.height), score: $0.score)
        }
        var keep = [Int32](repeating: 0, count: Swift.max(1, boxes.count))
        var kept: Int32 = 0
        try callShim({ message, capacity in
            veilcv_nms(boxes, Int32(boxes.count), scoreThreshold, iouThreshold, &keep, &kept, message, capacity)
        }, orThrow: { result in
            VisionError(visionCode(for: result.status, otherwise: .internalError),
                        operation: "non-maximum suppression of \(detections.count) boxes",
                        detail: result.message, remedy: "Check the thresholds (0...1)")
        })
        return keep.prefix(Int(kept)).map { detections[Int($0)] }
    }
}
