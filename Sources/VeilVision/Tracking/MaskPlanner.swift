public import VeilCore

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
    /// A track with a non-finite box counts as a detector failure. `motion` (the motion safety
    /// net's regions, already dilated) is masked beside the tracks.
    public func plan(tracks: [Track], motion: [Rect] = [], health: DetectorHealth, frame: Int, frameSize: Size) -> MaskPlan {
        plan(tracks: tracks, motion: motion, fullMask: fullMaskReason(health: health, frame: frame), frameSize: frameSize)
    }

    /// The same, with the full-mask decision already taken (`fullMaskReason(health:frame:)` of
    /// the frame as it arrived): a frame held for lookahead keeps the verdict of its own time,
    /// and gains only the tracks that later runs found.
    public func plan(tracks: [Track], motion: [Rect] = [], fullMask: FullMaskReason?, frameSize: Size) -> MaskPlan {
        if let reason = fullMask {
            return .fullFrame(reason)
        }
        if tracks.contains(where: { !$0.predictedBox.isFinite || !$0.lastSeenBox.isFinite || $0.flowBox?.isFinite == false }) {
            return .fullFrame(.detectorFailed)
        }
        var rects: [Rect] = []
        for track in tracks {
            let own = regions(of: track)
            rects.append(contentsOf: track.entryBox.map { entry in
                own.map { reachingEdges(touchedBy: entry, from: $0, frameSize: frameSize) }
            } ?? own)
        }
        rects.append(contentsOf: motion)
        let visible = rects.map { $0.clamped(to: frameSize) }.filter { !$0.isEmpty }
        return .regions(Self.withoutContained(visible), zones: configuration.zones)
    }

    /// Why the whole frame must be masked, or nil if regions may be used.
    public func fullMaskReason(health: DetectorHealth, frame: Int) -> FullMaskReason? {
        let kinds = DetectionKind.allCases.filter { configuration.enabledKinds.contains($0) }
        if kinds.isEmpty { return .noDetectionYet }
        if kinds.contains(where: { health.isFailing($0) }) { return .detectorFailed }
        let successes = kinds.compactMap { health.lastSuccessFrame(of: $0) }
        if successes.count < kinds.count { return .noDetectionYet }
        if successes.contains(where: { abs(frame - $0) > configuration.stalenessFrames }) { return .detectionStale }
        return nil
    }

    /// The dilated rectangles to mask for one track (not yet clamped).
    public func regions(of track: Track) -> [Rect] {
        switch track.kind {
        case .face:
            return [track.box.dilated(by: configuration.faceMargin)]
        case .person:
            // The head of each box the person may be in (prediction, last detection, where the
            // motion vectors carried them): their union covers the head's whole path even when
            // the body is not masked.
            var head = headRegion(of: track.predictedBox).union(headRegion(of: track.lastSeenBox))
            if let flow = track.flowBox { head = head.union(headRegion(of: flow)) }
            var result = [head]
            if configuration.maskWholeBody {
                result.append(track.box.dilated(by: configuration.margin))
            }
            return result
        }
    }

    /// `rect` stretched to every frame edge that `entry` (a track's first detection) lies
    /// within `entryEdgeMargin` of: before that detection the person was coming in across that
    /// edge, so whatever part of them was already in view lies between the box and the edge.
    func reachingEdges(touchedBy entry: Rect, from rect: Rect, frameSize: Size) -> Rect {
        let marginX = configuration.entryEdgeMargin * frameSize.width
        let marginY = configuration.entryEdgeMargin * frameSize.height
        var result = rect
        if entry.minX <= marginX { result = result.union(Rect(x: 0, y: rect.y, width: 0, height: rect.height)) }
        if entry.maxX >= frameSize.width - marginX {
            result = result.union(Rect(x: frameSize.width, y: rect.y, width: 0, height: rect.height))
        }
        if entry.minY <= marginY { result = result.union(Rect(x: rect.x, y: 0, width: rect.width, height: 0)) }
        if entry.maxY >= frameSize.height - marginY {
            result = result.union(Rect(x: rect.x, y: frameSize.height, width: rect.width, height: 0))
        }
        return result
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
