package import VeilCore

/// One step of the redaction pipeline as the stage benchmark times it, in pipeline order.
package enum BenchmarkStage: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Demuxing and decoding the clip to YUV 4:2:0 frames.
    case decode
    /// One detector's runs, at its cadence.
    case detect(DetectionKind)
    /// Feeding detections to the tracker and planning each frame's masks.
    case trackAndPlan
    /// Making the decoded frame writable and hiding the planned regions.
    case blur
    /// Encoding the redacted frames (muxing excluded).
    case encode
    /// Remuxing the original packets to MPEG-TS and sealing them into the vault, as the recorder does.
    case seal

    package var description: String {
        switch self {
        case .decode: "decode"
        case .detect(let kind): "detect (\(kind))"
        case .trackAndPlan: "track/plan"
        case .blur: "blur"
        case .encode: "encode"
        case .seal: "seal"
        }
    }

    private var order: Int {
        switch self {
        case .decode: 0
        case .detect(let kind): 1 + (DetectionKind.allCases.firstIndex(of: kind) ?? 0)
        case .trackAndPlan: 1 + DetectionKind.allCases.count
        case .blur: 2 + DetectionKind.allCases.count
        case .encode: 3 + DetectionKind.allCases.count
        case .seal: 4 + DetectionKind.allCases.count
        }
    }

    package static func < (left: BenchmarkStage, right: BenchmarkStage) -> Bool { left.order < right.order }
}
