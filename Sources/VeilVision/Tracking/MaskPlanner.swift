import VeilCore

/// Decides what to hide in one frame, failing closed: when detection cannot be trusted the
/// whole frame is masked; otherwise every tracked face, every person's head region and (by
/// default) body, and every static zone.
public struct MaskPlanner: Sendable {
    public let configuration: MaskPlannerConfiguration

    public init(configuration: MaskPlannerConfiguration = MaskPlannerConfiguration()) {
        self.configuration = configuration
    }

    /// The mask for `frame` given the tracks live at it and the detectors' health.
    ///
    /// Full frame, checked in this order over the enabled detectors: `.detectorFailed` while
    /// any one's latest attempt failed; `.noDetectionYet` until every one has succeeded once;
    /// `.detectionStale` when any one's latest success is more than `stalenessFrames` away
    /// from `frame` (either direction). With no enabled detector, always `.noDetectionYet`.
    /// A track with a non-finite box counts as a detector failure.
    public func plan(tracks: [Track], health: DetectorHealth, frame: Int, frameSize: Size) -> MaskPlan {
        if let reason = fullMaskReason(health: health, frame: frame) {
            return .fullFrame(reason)
        }
        if tracks.contains(where: { !$0.predictedBox.isFinite || !$0.lastSeenBox.isFinite }) {
            return .fullFrame(.detectorFailed)
        }
        var rects: [Rect] = []
        for track in tracks {
            rects.append(contentsOf: regions(of: track))
        }
        let visible = rects.map { $0.clamped(to: frameSize) }.filter { !$0.isEmpty }
        return .regions(Self.withoutContained(visible), zones: configuration.zones)
    }

    /// Why the whole frame must be masked, or nil if regions may be used.
    func fullMaskReason(health: DetectorHealth, frame: Int) -> FullMaskReason? {
        let kinds = DetectionKind.allCases.filter { configuration.enabledKinds.contains($0) }
        if kinds.isEmpty { return .noDetectionYet }
        if kinds.contains(where: { health.isFailing($0) }) { return .detectorFailed }
        let successes = kinds.compactMap { health.lastSuccessFrame(of: $0) }
        if successes.count < kinds.count { return .noDetectionYet }
        if successes.contains(where: { abs(frame - $0) > configuration.stalenessFrames }) { return .detectionStale }
        return nil
    }

    /// The dilated rectangles to mask for one track (not yet clamped).
    func regions(of track: Track) -> [Rect] {
        switch track.kind {
        case .face:
            return [track.box.dilated(by: configuration.faceMargin)]
        case .person:
            // The head of each box the person may be in: a union of the two heads covers the
            // head's whole path even when the body is not masked.
            let head = headRegion(of: track.predictedBox).union(headRegion(of: track.lastSeenBox))
            var result = [head]
            if configuration.maskWholeBody {
                result.append(track.box.dilated(by: configuration.margin))
            }
            return result
        }
    }

    /// The top `headFraction` of a person box, dilated by `headMargin`.
    func headRegion(of box: Rect) -> Rect {
        Rect(x: box.x, y: box.y, width: box.width, height: box.height * configuration.headFraction)
            .dilated(by: configuration.headMargin)
    }

    /// `rects` minus every rectangle contained in another one (of two equal ones, the first stays).
    static func withoutContained(_ rects: [Rect]) -> [Rect] {
        rects.enumerated().filter { index, rect in
            !rects.enumerated().contains { other, container in
                other != index && container.contains(rect) && (container != rect || other < index)
            }
        }.map(\.element)
    }
}
