/// Why a whole frame is masked instead of only its regions (fail-closed).
public enum FullMaskReason: String, Hashable, Sendable, CaseIterable {
    /// No detection result has arrived yet for this stream.
    case noDetectionYet
    /// The detector failed on the most recent attempt.
    case detectorFailed
    /// The freshest detection is older than the configured staleness.
    case detectionStale
}

/// What the redactor must hide in one frame. Produced by the mask planner, consumed by the redactor.
public enum MaskPlan: Hashable, Sendable {
    /// Hide everything: there is no trustworthy knowledge of where people are.
    case fullFrame(FullMaskReason)
    /// Hide these rectangles (already dilated and clamped) and these static zones.
    case regions([Rect], zones: [Polygon])

    public var isFullFrame: Bool {
        if case .fullFrame = self { return true }
        return false
    }
}

/// How masked pixels are hidden. Mosaic is opt-in: pixelated faces can be re-identified.
public enum RedactionStyle: Hashable, Sendable {
    /// A strong blur that also neutralises colour: two box-blur passes whose half-width is
    /// `strength` percent of the region's smaller side (at least 1; 50 averages over a box as
    /// wide as that side).
    case blur(strength: Int)
    /// A flat fill (mid-grey by default in YUV: Y=luma, U=V=128).
    case solid(luma: UInt8)
    /// Square blocks of `block` pixels, each the mean of its pixels.
    case pixelate(block: Int)

    /// The default: strong enough that a face detector at a low threshold finds nothing in a blurred face box.
    public static let `default` = RedactionStyle.blur(strength: 50)
}
