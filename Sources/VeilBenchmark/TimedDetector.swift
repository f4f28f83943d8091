import VeilCore
import VeilVision

/// A detector that times its wrapped detector's runs, so the stage benchmark can drive the
/// production `FrameRedactor` and still tell detection apart from the rest of planning.
final class TimedDetector: ObjectDetector {
    private let detector: any ObjectDetector
    /// Wall and process CPU time of every run so far.
    private(set) var cost = StageCost()

    init(_ detector: any ObjectDetector) {
        self.detector = detector
    }

    var kind: DetectionKind { detector.kind }

    func detect(in image: YUV420Image) throws -> [Detection] {
        try StageClock.measure(into: &cost) { try detector.detect(in: image) }
    }
}
