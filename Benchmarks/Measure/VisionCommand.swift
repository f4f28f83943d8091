import ArgumentParser
import Foundation
import VeilCore
import VeilTestSupport
import VeilVision

/// Timings, not assertions: each detector and redaction style on a 720p frame, with one and two
/// OpenCV threads. Build in release to measure:
///
///     VEIL_MEASURE=1 swift run -c release veil-measure vision
///
/// Until issue 21 it was the test suite `VisionBenchmarks` (`VEIL_VISION_BENCH=1`); its lines are unchanged.
struct VisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vision",
        abstract: "Median and p90 milliseconds of each detector and redaction style on a 720p frame."
    )

    func run() throws {
        lineBufferedOutput()
        try detectorsAndRedaction()
    }

    /// Median and 90th percentile wall-clock milliseconds of `body` after 3 warm-up calls.
    func measure(_ label: String, iterations: Int = 30, _ body: () throws -> Void) rethrows {
        for _ in 0..<3 { try body() }
        var samples: [Double] = []
        for _ in 0..<iterations {
            let start = ContinuousClock.now
            try body()
            let elapsed = ContinuousClock.now - start
            samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
        }
        samples.sort()
        let median = samples[samples.count / 2], p90 = samples[samples.count * 9 / 10]
        print(String(format: "BENCH %-44@ median %7.2f ms   p90 %7.2f ms", label as NSString, median, p90))
    }

    func detectorsAndRedaction() throws {
        let manifest = try Fixtures.manifest()
        let frame = try Fixtures.frame(Fixtures.vtest(frame: 200), scaledTo: (1280, 720))
        let yunet640 = try FaceDetector(manifest: manifest, options: .init(inputWidth: 640))
        let yunet320 = try FaceDetector(manifest: manifest, options: .init(inputWidth: 320))
        let yolo416 = try PersonDetector(manifest: manifest, options: .init(inputSize: 416))
        let yolo320 = try PersonDetector(manifest: manifest, options: .init(inputSize: 320))
        let ssd = try PersonDetector(manifest: manifest, options: .init(model: .ssdLite))
        let regions = (0..<5).map { Rect(x: Double(20 + $0 * 250), y: 200, width: 200, height: 300) }
        for threads in [1, 2] {
            try VisionRuntime.setOpenCVThreadCount(threads)
            let t = "\(threads) thread\(threads == 1 ? "" : "s")"
            try frame.withPlanes { image in
                try measure("YuNet 640x352, 720p frame, \(t)") { _ = try yunet640.detect(in: image) }
                try measure("YuNet 320x192, 720p frame, \(t)") { _ = try yunet320.detect(in: image) }
                try measure("YOLOv3-tiny 416x416, 720p frame, \(t)") { _ = try yolo416.detect(in: image) }
                try measure("YOLOv3-tiny 320x320, 720p frame, \(t)") { _ = try yolo320.detect(in: image) }
                try measure("SSDLite 300x300, 720p frame, \(t)") { _ = try ssd.detect(in: image) }
            }
            for (name, style) in [("blur default", RedactionStyle.default), ("solid", .solid(luma: 128)),
                                  ("pixelate 16", .pixelate(block: 16))] {
                let scratch = frame.copy()
                try scratch.withPlanes { image in
                    try measure("\(name), 5 regions 200x300 at 720p, \(t)") {
                        try Redactor(style: style).apply(.regions(regions, zones: []), to: image)
                    }
                }
            }
            let scratch = frame.copy()
            try scratch.withPlanes { image in
                try measure("full-frame coarse blur at 720p, \(t)") {
                    try Redactor().apply(.fullFrame(.detectionStale), to: image)
                }
                let zone = Polygon([Point(x: 0, y: 0), Point(x: 640, y: 0), Point(x: 0, y: 720)])
                try measure("zone (triangle, half of 720p) default blur, \(t)") {
                    try Redactor().apply(.regions([], zones: [zone]), to: image)
                }
            }
        }
        try VisionRuntime.setOpenCVThreadCount(2)
    }
}
