import VeilCore
import VeilMedia
import VeilVision

/// Decides and applies the masks of each frame, in presentation order: runs every detector at
/// its cadence, feeds the tracker, plans the masks (fail-closed) and redacts in place.
///
/// Owned by one stage thread at a time; detectors are not thread-safe.
package final class FrameRedactor: @unchecked Sendable {
    private let detectors: [any ObjectDetector]
    private let schedule: DetectionSchedule
    private let trackerConfiguration: TrackerConfiguration
    private var tracker: Tracker
    private var health = DetectorHealth()
    private let planner: MaskPlanner
    private let redactor: Redactor
    private var stillScene: StillSceneReuse?
    package private(set) var statistics = RedactionStatistics()
    /// The most recent detector failure, kept for the summary (frames stay masked meanwhile).
    package private(set) var lastDetectorError: (any Error)?
    /// How long the detectors took on the last frame; nil when none was due on it (metrics).
    package private(set) var lastDetectionDuration: Duration?
    /// What the detectors due on the last frame found (reused results included), and which failed: for live metrics.
    package private(set) var lastFrameDetections: [DetectionKind: Int] = [:]
    package private(set) var lastFrameFailures: [DetectionKind] = []
    /// The people the person detector found on the last frame (a reused result included), nil
    /// when it did not run there: what anonymous occupancy counts, in memory only.
    package private(set) var lastPersonDetections: [Detection]?
    /// The number of the last planned frame; starts again at 0 after `forgetPositions()`.
    package var lastFrameIndex: Int { frameNumber - 1 }
    /// Frames since the start or the last `forgetPositions()`; drives the detection cadence.
    private var frameNumber = 0

    package init(detectors: [any ObjectDetector], options: RedactionOptions) {
        self.detectors = detectors
        self.schedule = options.schedule
        self.trackerConfiguration = options.tracker
        self.tracker = Tracker(configuration: options.tracker)
        self.planner = MaskPlanner(configuration: options.masks)
        self.redactor = Redactor(style: options.style)
        self.stillScene = options.stillScene.map { StillSceneReuse(configuration: $0) }
    }

    /// Redacts the next frame (in presentation order) in place. A thrown error means the frame
    /// could not be hidden and must not be encoded.
    @discardableResult
    package func redact(_ frame: Frame) throws -> MaskPlan {
        try frame.makeWritable()
        return try frame.withPlanes { try redact(planes: $0) }
    }

    /// Redacts the next frame's planes in place (they must be writable).
    package func redact(planes image: YUV420Image) throws -> MaskPlan {
        let plan = plan(planes: image)
        try apply(plan, to: image)
        return plan
    }

    /// The first step of `redact`: runs the detectors due on the next frame and plans its
    /// masks. Only reads the pixels, so the frame need not be writable yet.
    package func plan(planes image: YUV420Image) -> MaskPlan {
        let index = frameNumber
        frameNumber += 1
        let due = detectors.filter { schedule.shouldRun($0.kind, at: index) }
        lastFrameDetections = [:]
        lastFrameFailures = []
        lastPersonDetections = nil
        let started = ContinuousClock.now
        if !due.isEmpty {
            // Without a thumbnail nothing is reused: every due detector runs.
            try? stillScene?.observe(image, frame: index)
        }
        for detector in due {
            detect(with: detector, in: image, frame: index)
        }
        lastDetectionDuration = due.isEmpty ? nil : ContinuousClock.now - started
        return planner.plan(tracks: tracker.tracks(at: index), health: health, frame: index, frameSize: image.size)
    }

    /// The second step of `redact`: hides what `plan` decided (the planes must be writable)
    /// and counts the frame.
    package func apply(_ plan: MaskPlan, to image: YUV420Image) throws {
        try redactor.apply(plan, to: image)
        statistics.record(plan)
    }

    /// Frames were lost: drop every track and start detection afresh on the next frame, which
    /// is masked whole unless every detector succeeds on it (fail-closed).
    package func forgetPositions() {
        tracker = Tracker(configuration: trackerConfiguration)
        health = DetectorHealth()
        stillScene?.reset()
        frameNumber = 0
    }

    private func detect(with detector: any ObjectDetector, in image: YUV420Image, frame: Int) {
        do {
            let found: [Detection]
            if let reused = stillScene?.reusableDetections(of: detector.kind, at: frame) {
                found = reused
                statistics.reusedRuns[detector.kind, default: 0] += 1
            } else {
                found = try detector.detect(in: image)
                statistics.detectorRuns[detector.kind, default: 0] += 1
                stillScene?.recordRun(of: detector.kind, at: frame, detections: found)
            }
            if detector.kind == .person { lastPersonDetections = found }
            let update = tracker.update(with: found, of: detector.kind, at: frame)
            statistics.detections[detector.kind, default: 0] += found.count
            lastFrameDetections[detector.kind, default: 0] += found.count
            // A box the tracker cannot use (not finite, wrong kind) is someone it cannot
            // follow: treat the run as failed so the frame is masked whole.
            guard update.rejected == 0 else {
                throw RejectedDetections(kind: detector.kind, count: update.rejected, frame: frame)
            }
            health.recordSuccess(kind: detector.kind, frame: frame)
        } catch {
            stillScene?.recordFailure(of: detector.kind)
            health.recordFailure(kind: detector.kind, frame: frame)
            statistics.detectorFailures += 1
            lastFrameFailures.append(detector.kind)
            lastDetectorError = error
        }
    }
}

/// A detector returned boxes the tracker had to reject.
struct RejectedDetections: Error, CustomStringConvertible {
    let kind: DetectionKind
    let count: Int
    let frame: Int
    var description: String { "the \(kind) detector returned \(count) unusable boxes at frame \(frame)" }
}
