package import VeilCore
package import VeilMedia
package import VeilVision

/// Decides and applies the masks of each frame, in presentation order, in two steps:
/// `observe` runs the detectors due on the next frame (at their cadence, or sooner when
/// something moves that no track covers) and feeds the tracker and the motion net; `plan`
/// later masks that frame with every track known by then, so a person first detected a few
/// frames on is masked on the held frames before too (``LookaheadWindow``).
///
/// Owned by one stage thread at a time; detectors are not thread-safe.
package final class FrameRedactor: @unchecked Sendable {
    private let detectors: [any ObjectDetector]
    private let options: RedactionOptions
    private var trigger: DetectionTrigger
    private var tracker: Tracker
    private var health = DetectorHealth()
    private let planner: MaskPlanner
    private let redactor: Redactor
    private var stillScene: StillSceneReuse?
    private var motion: MotionWatch?
    /// What `observe` decided about each frame not yet planned.
    private var observed: [Int: ObservedFrame] = [:]
    package private(set) var statistics = RedactionStatistics()
    /// The most recent detector failure, kept for the summary (frames stay masked meanwhile).
    package private(set) var lastDetectorError: (any Error)?
    /// Frames the caller must hold after observing one before planning it (0: plan at once).
    package var lookaheadFrames: Int { options.effectiveLookaheadFrames }
    /// Frames since the start or the last `forgetPositions()`; drives the detection cadence.
    private var frameNumber = 0
    /// The detectors whose due runs may be deferred while every change lies under masks that
    /// follow the picture: the person detector, the expensive one.
    private static let deferrableKinds: Set<DetectionKind> = [.person]

    package init(detectors: [any ObjectDetector], options: RedactionOptions) {
        self.detectors = detectors
        self.options = options
        self.trigger = DetectionTrigger(schedule: options.schedule, minimumGapFrames: options.triggerGapFrames)
        self.tracker = Tracker(configuration: options.tracker)
        self.planner = MaskPlanner(configuration: options.masks)
        self.redactor = Redactor(style: options.style)
        self.stillScene = options.stillScene.map { configuration in
            // A deferred run is no detection: no track may expire, no frame go stale meanwhile.
            var configuration = configuration
            configuration.maximumDeferFrames = min(configuration.maximumDeferFrames, options.tracker.holdFrames,
                                                   options.masks.stalenessFrames)
            return StillSceneReuse(configuration: configuration)
        }
        self.motion = options.watchesMotion ? MotionWatch(changeMap: options.changeMap, net: options.motionNet) : nil
    }

    /// Redacts the next frame (in presentation order) in place, planning it at once, without
    /// lookahead. A thrown error means the frame could not be hidden and must not be encoded.
    @discardableResult
    package func redact(_ frame: Frame) throws -> MaskPlan {
        try frame.makeWritable()
        return try frame.withPlanes { try redact(planes: $0, motion: frame.motionField) }
    }

    /// Redacts the next frame's planes in place (they must be writable), without lookahead.
    /// `motion` as for ``observe(planes:motion:)``.
    package func redact(planes image: YUV420Image, motion field: MotionField? = nil) throws -> MaskPlan {
        let plan = plan(planes: image, motion: field)
        try apply(plan, to: image)
        return plan
    }

    /// `observe` then `plan` of the same frame: its masks from what is known at once.
    package func plan(planes image: YUV420Image, motion field: MotionField? = nil) -> MaskPlan {
        plan(frame: observe(planes: image, motion: field).index)
    }

    /// The first step: runs the detectors due on the next frame and updates the tracker and
    /// the motion net. Only reads the pixels. `motion` is the frame's motion since the one
    /// before (its decoder's vectors, `Frame.motionField`), nil when it has none: the tracker
    /// then predicts as without it. Returns what it did, with the frame's index for `plan(frame:)`.
    package func observe(planes image: YUV420Image, motion field: MotionField? = nil) -> FrameObservation {
        let index = frameNumber
        frameNumber += 1
        var observation = FrameObservation(index: index)
        if options.followsPictureMotion { tracker.follow(field, at: index) }
        let unexplained = motion?.look(at: image, frame: index, tracks: tracker.tracks(at: index), planner: planner) ?? false
        let due = detectors.filter { trigger.isDue($0.kind, at: index, unexplainedMotion: unexplained) }
        let started = ContinuousClock.now
        if !due.isEmpty {
            // Without a thumbnail nothing is reused: every due detector runs.
            try? stillScene?.observe(image, frame: index)
        }
        for detector in due {
            let triggered = trigger.isTriggered(detector.kind, at: index, unexplainedMotion: unexplained)
            if triggered { statistics.triggeredRuns[detector.kind, default: 0] += 1 }
            trigger.recordRun(of: detector.kind, at: index)
            // A run brought forward by motion no mask covers is never deferred.
            detect(with: detector, in: image, deferrable: !triggered, into: &observation)
        }
        observation.detectionDuration = due.isEmpty ? nil : ContinuousClock.now - started
        let net = motion?.settle(frame: index, tracks: tracker.tracks(at: index), planner: planner) ?? (masks: [], newlyMasked: 0)
        observation.newMotionNetRegions = net.newlyMasked
        statistics.motionNetRegions += net.newlyMasked
        observed[index] = ObservedFrame(fullMask: planner.fullMaskReason(health: health, frame: index),
                                        motionNet: net.masks, size: image.size)
        return observation
    }

    /// The second step: the masks of observed frame `index`, with the tracks known now. Each
    /// observed frame is planned once; a frame whose detection could not be trusted when it
    /// was observed stays masked whole.
    package func plan(frame index: Int) -> MaskPlan {
        guard let frame = observed.removeValue(forKey: index) else {
            preconditionFailure("frame \(index) was not observed, or was planned already")
        }
        if frame.fullMask == nil && !frame.motionNet.isEmpty { statistics.motionNetFrames += 1 }
        return planner.plan(tracks: tracker.tracks(at: index), motion: frame.motionNet,
                            fullMask: frame.fullMask, frameSize: frame.size)
    }

    /// Hides what `plan` decided (the planes must be writable) and counts the frame.
    package func apply(_ plan: MaskPlan, to image: YUV420Image) throws {
        try redactor.apply(plan, to: image)
        statistics.record(plan)
    }

    /// Frames were lost: drop every track and start detection afresh on the next frame, which
    /// is masked whole unless every detector succeeds on it (fail-closed). Plan every observed
    /// frame first.
    package func forgetPositions() {
        precondition(observed.isEmpty, "plan the observed frames before forgetting positions")
        tracker = Tracker(configuration: options.tracker)
        health = DetectorHealth()
        trigger.reset()
        stillScene?.reset()
        motion?.reset()
        frameNumber = 0
    }

    private func detect(with detector: any ObjectDetector, in image: YUV420Image, deferrable: Bool,
                        into observation: inout FrameObservation) {
        let frame = observation.index
        do {
            let found: [Detection]
            if let reused = stillScene?.reusableDetections(of: detector.kind, at: frame) {
                found = reused
                statistics.reusedRuns[detector.kind, default: 0] += 1
            } else if deferrable, let kept = keptDetections(of: detector.kind, at: frame) {
                // Not a run: the tracks over the change go on following it, the people on
                // unchanged pixels are confirmed where they were; health waits for the next real run.
                tracker.update(with: kept, of: detector.kind, at: frame)
                statistics.deferredRuns[detector.kind, default: 0] += 1
                return
            } else {
                found = try detector.detect(in: image)
                statistics.detectorRuns[detector.kind, default: 0] += 1
                stillScene?.recordRun(of: detector.kind, at: frame, detections: found)
            }
            if detector.kind == .person { observation.people = found }
            let update = tracker.update(with: found, of: detector.kind, at: frame)
            statistics.detections[detector.kind, default: 0] += found.count
            observation.detections[detector.kind, default: 0] += found.count
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
            observation.failures.append(detector.kind)
            lastDetectorError = error
        }
    }
}

extension FrameRedactor {
    /// What may stand for `kind`'s due run on `frame` when every change since its last real run
    /// lies under the masks of tracks that follow the picture's motion (a flow box on this
    /// frame): see ``StillSceneReuse/keptDetections(of:at:under:cadence:)``. Nil: run it.
    private func keptDetections(of kind: DetectionKind, at frame: Int) -> [Detection]? {
        guard Self.deferrableKinds.contains(kind), let stillScene, let cadence = options.schedule.cadence(of: kind) else { return nil }
        let following = tracker.tracks(at: frame).filter { $0.flowBox != nil }
        return stillScene.keptDetections(of: kind, at: frame, under: following.flatMap { planner.regions(of: $0) }, cadence: cadence)
    }
}

/// What `FrameRedactor.observe` decided about a frame, kept until it is planned.
private struct ObservedFrame {
    /// The planner's fail-closed verdict at the frame's own time.
    var fullMask: FullMaskReason?
    var motionNet: [Rect]
    var size: Size
}

/// A detector returned boxes the tracker had to reject.
struct RejectedDetections: Error, CustomStringConvertible {
    let kind: DetectionKind
    let count: Int
    let frame: Int
    var description: String { "the \(kind) detector returned \(count) unusable boxes at frame \(frame)" }
}
