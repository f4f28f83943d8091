import Foundation
import Synchronization
package import VeilCore
package import VeilMedia
package import VeilPipeline
package import VeilVision

/// Runs the production redact stage (lookahead window included) over an ``EnteringPersonScene``
/// clip and reports, per frame, whether the visible part of the head was under a mask.
package enum EnteringPersonRun {
    package struct Outcome {
        /// Frames on which some of the head showed and some of it was left unmasked.
        package var leaked: [Int]
        /// The plan of every frame, in order.
        package var plans: [MaskPlan]
        package var statistics: RedactionStatistics
    }

    /// The first `frames` frames of `scene` as decoded frames, through a lossless file (so
    /// they are real decoder output, as in `veil redact`).
    package static func frames(of scene: EnteringPersonScene, count: Int, noise: Int = 0, still: Bool = false) throws -> [Frame] {
        let directory = try TestSupport.temporaryDirectory(prefix: "veil-test")
        defer { try? FileManager.default.removeItem(at: directory) }
        let raw = directory.appendingPathComponent("scene.yuv"), clip = directory.appendingPathComponent("scene.nut").path
        var bytes: [UInt8] = []
        for frame in 0..<count { bytes += try scene.image(at: still ? scene.firstVisibleFrame + 8 : frame, noise: noise, seed: UInt64(frame)).bytes }
        try Data(bytes).write(to: raw)
        try TestSupport.ffmpeg(["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "\(EnteringPersonScene.width)x\(EnteringPersonScene.height)",
                                  "-r", "25", "-i", raw.path, "-c:v", "rawvideo", clip])
        return try decode(clip)
    }

    /// Every video frame of `path`, decoded, each its own `Frame`.
    package static func decode(_ path: String) throws -> [Frame] {
        var frames: [Frame] = []
        try Demuxer(url: path).forEachVideoFrame(exportMotionVectors: true) { frames.append($0) }
        return frames
    }

    package static func run(_ scene: EnteringPersonScene, frames: [Frame], detectors: [any ObjectDetector],
                    options: RedactionOptions) throws -> Outcome {
        let input = BoundedQueue<StageItem>(capacity: frames.count + 1)
        let output = BoundedQueue<StageItem>(capacity: frames.count + 1)
        for frame in frames { _ = input.push(.video(frame)) }
        input.close()
        let plans = Mutex<[MaskPlan]>([])
        let redactor = FrameRedactor(detectors: detectors, options: options)
        let stage = RedactStage(redactor: redactor, expectedWidth: EnteringPersonScene.width,
                                expectedHeight: EnteringPersonScene.height, location: "scene", input: input, output: output,
                                observe: { plan, _ in plans.withLock { $0.append(plan) } })
        try stage.run()
        let planned = plans.withLock { $0 }
        let leaked = planned.indices.filter { frame in
            guard let head = scene.visibleHead(at: frame) else { return false }
            return !covers(planned[frame], head)
        }
        return Outcome(leaked: leaked, plans: planned, statistics: redactor.statistics)
    }

    /// True when every pixel of `head` lies under the plan's masks.
    package static func covers(_ plan: MaskPlan, _ head: Rect) -> Bool {
        guard case .regions(let rects, _) = plan else { return true }
        for y in Int(head.minY)..<Int(head.maxY.rounded(.up)) {
            for x in Int(head.minX)..<Int(head.maxX.rounded(.up)) {
                let pixel = Rect(x: Double(x), y: Double(y), width: 1, height: 1)
                guard rects.contains(where: { $0.intersection(pixel).area >= 1 - 1e-9 }) else { return false }
            }
        }
        return true
    }
}

/// A real detector whose results are kept per picture, so that one sweep runs each picture
/// through the network once however many configurations look at it.
package final class RememberingDetector: ObjectDetector {
    package let detector: any ObjectDetector
    private var remembered: [Int: [Detection]] = [:]

    package init(_ detector: any ObjectDetector) { self.detector = detector }

    /// The bundled face and person detectors, each remembering: what the entering-person sweeps run.
    package static func sceneDetectors() throws -> [any ObjectDetector] {
        let manifest = try ModelManifest.locate(explicitDirectory: TestSupport.repositoryRoot.appendingPathComponent("models").path)
        return [RememberingDetector(try FaceDetector(manifest: manifest)), RememberingDetector(try PersonDetector(manifest: manifest))]
    }

    package var kind: DetectionKind { detector.kind }

    package func detect(in image: YUV420Image) throws -> [Detection] {
        var hasher = Hasher()
        for row in stride(from: 0, to: image.height, by: 2) {
            hasher.combine(bytes: UnsafeRawBufferPointer(start: image.y.base + row * image.y.stride, count: image.width))
        }
        let key = hasher.finalize()
        if let known = remembered[key] { return known }
        let found = try detector.detect(in: image)
        remembered[key] = found
        return found
    }
}
