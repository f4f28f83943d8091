public import VeilCore

/// Lets a due detector run be skipped when the picture has not changed since that detector
/// last ran: the same pixels give the same people, so its last result is reused as this
/// run's (tracks stay confirmed, the planner sees a fresh success). Quiet rooms, most of a
/// library's day, then cost almost no detection.
///
/// "Unchanged" compares a luma thumbnail of the frame with the one taken at the last real
/// run, not with the previous frame, so slow change accumulates until it counts. A real run
/// is forced at least every `maximumReuseFrames` frames whatever the picture says.
///
/// Where the picture did change, a due run may still be deferred (``keptDetections(of:at:under:cadence:)``)
/// when every change since the last real run lies under the masks of tracks that follow the
/// picture's motion: those detections of that run whose pixels are unchanged stand for this
/// run, and the changed regions stay masked by their tracks until the next real run, at most
/// `maximumDeferFrames` after the last one.
public struct StillSceneReuse: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Pixels averaged into one thumbnail sample, per side (default 4: 320×180 at 720p).
        public var scale: Int
        /// A sample counts as changed beyond this many luma levels (default 12; camera noise
        /// averaged over a 4×4 block stays well under it).
        public var threshold: Int
        /// The scene counts as changed from this many changed samples on (default 3).
        public var changedSamples: Int
        /// A real run at least every this many frames (default 50, 2 s at 25 fps).
        public var maximumReuseFrames: Int
        /// Where the picture changed, but only under masks that follow it, a real run at least
        /// every this many frames (default 10, two runs at the default cadence: every other due
        /// run may be deferred); 0 runs every due detector whose picture changed.
        public var maximumDeferFrames: Int

        public init(scale: Int = 4, threshold: Int = 12, changedSamples: Int = 3, maximumReuseFrames: Int = 50,
                    maximumDeferFrames: Int = 10) {
            self.scale = scale
            self.threshold = threshold
            self.changedSamples = changedSamples
            self.maximumReuseFrames = maximumReuseFrames
            self.maximumDeferFrames = maximumDeferFrames
        }

        /// Out-of-range values, empty when usable.
        public var problems: [String] {
            var problems: [String] = []
            if scale < 1 { problems.append("still-scene thumbnail scale must be ≥ 1, got \(scale)") }
            if !(0...255).contains(threshold) { problems.append("still-scene threshold must be 0…255, got \(threshold)") }
            if changedSamples < 1 { problems.append("still-scene changed samples must be ≥ 1, got \(changedSamples)") }
            if maximumReuseFrames < 1 { problems.append("still-scene reuse must be ≥ 1 frame, got \(maximumReuseFrames)") }
            if maximumDeferFrames < 0 { problems.append("deferral of runs over masked change must be ≥ 0 frames, got \(maximumDeferFrames)") }
            return problems
        }
    }

    /// What a detector last saw for real.
    private struct LastRun: Sendable {
        var frame: Int
        var thumbnail: LumaThumbnail
        var detections: [Detection]
    }

    public let configuration: Configuration
    private var current = LumaThumbnail()
    private var currentFrame: Int?
    private var lastRuns: [DetectionKind: LastRun] = [:]

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Takes the thumbnail of `frame`, once per frame on which some detector is due. If it
    /// throws, nothing is reusable on this frame and every due detector runs.
    public mutating func observe(_ image: YUV420Image, frame: Int) throws {
        currentFrame = nil
        try current.capture(image, scale: configuration.scale)
        currentFrame = frame
    }

    /// The last real result of `kind`, if the frame observed last is `frame`, the picture is
    /// unchanged since that run, and the run is recent enough; nil means "run the detector".
    public func reusableDetections(of kind: DetectionKind, at frame: Int) -> [Detection]? {
        guard currentFrame == frame, let last = lastRuns[kind],
              frame > last.frame, frame - last.frame <= configuration.maximumReuseFrames,
              !current.differs(from: last.thumbnail, byMoreThan: configuration.threshold,
                               inAtLeast: configuration.changedSamples)
        else { return nil }
        return last.detections
    }

    /// The detections of `kind`'s last real run that may stand for a due run on `frame` although
    /// the picture changed since: nil (run the detector) unless the frame observed last is
    /// `frame`, the next due run (`cadence` frames on) would still come within
    /// `maximumDeferFrames` of the last real one, and every changed 4×4-pixel sample, with the
    /// samples around it, lies inside `masks` (the masks of tracks that follow the picture's
    /// motion). The detections returned are those whose box, with that halo, holds no change:
    /// the same pixels, the same people. The others are left to their tracks until the next real run.
    public func keptDetections(of kind: DetectionKind, at frame: Int, under masks: [Rect], cadence: Int) -> [Detection]? {
        guard currentFrame == frame, let last = lastRuns[kind], frame > last.frame,
              frame + cadence - last.frame <= configuration.maximumDeferFrames,
              let changes = ChangedTiles(current, since: last.thumbnail, threshold: configuration.threshold,
                                         scale: configuration.scale),
              changes.areCovered(by: masks)
        else { return nil }
        return last.detections.filter { !changes.touch($0.box) }
    }

    /// `kind`'s detector ran for real on the observed `frame` and succeeded.
    public mutating func recordRun(of kind: DetectionKind, at frame: Int, detections: [Detection]) {
        guard currentFrame == frame else {
            lastRuns[kind] = nil
            return
        }
        if var last = lastRuns.removeValue(forKey: kind) {
            last.thumbnail.copy(from: current)
            last.frame = frame
            last.detections = detections
            lastRuns[kind] = last
        } else {
            lastRuns[kind] = LastRun(frame: frame, thumbnail: current, detections: detections)
        }
    }

    /// `kind`'s detector failed: nothing of it may be reused until it succeeds again.
    public mutating func recordFailure(of kind: DetectionKind) {
        lastRuns[kind] = nil
    }

    /// Frames were lost: forget everything.
    public mutating func reset() {
        lastRuns = [:]
        currentFrame = nil
    }
}
