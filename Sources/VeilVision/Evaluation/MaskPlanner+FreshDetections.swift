public import VeilCore

extension MaskPlanner {
    /// What this planner masks on a frame where every detector has just run and found
    /// `detections` (no earlier tracks): the regions a still picture gets, for scoring
    /// detector settings against reference people.
    public func regions(afterFreshDetections detections: [Detection], tracker configuration: TrackerConfiguration,
                        frameSize: Size) -> [Rect] {
        var tracker = Tracker(configuration: configuration)
        var health = DetectorHealth()
        for kind in DetectionKind.allCases {
            tracker.update(with: detections.filter { $0.kind == kind }, of: kind, at: 0)
            health.recordSuccess(kind: kind, frame: 0)
        }
        switch plan(tracks: tracker.tracks(at: 0), health: health, frame: 0, frameSize: frameSize) {
        case .fullFrame: return [Rect(x: 0, y: 0, width: frameSize.width, height: frameSize.height)]
        case .regions(let rects, _): return rects
        }
    }
}
