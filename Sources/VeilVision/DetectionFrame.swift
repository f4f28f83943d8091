internal import CVeilVision
public import VeilCore

/// A frame on its way to the detectors, with the reduced copies they take their inputs from.
///
/// Every detector shrinks the frame to its network's input (YOLOv3-tiny 704×384, SSDLite
/// 300×300, YuNet 640×352). An area resize by an arbitrary factor costs about one nanosecond
/// and a half per source sample, so at 1080p each detector's resize cost 4–6 ms of CPU on its
/// own; an exact halving takes OpenCV's 2×2 fast path (0.14 ms for a 1080p frame). So the frame
/// is halved once, as often as every detector's input still fits in the result, and each
/// detector resizes that copy: the halvings are made at the first request and shared by every
/// later one on the same frame.
///
/// Borrows the frame's planes: use it only while they are lent (inside the `withPlanes`
/// closure or the call that received them), and on one thread. The halvings are its own and
/// freed with it.
public final class DetectionFrame {
    /// The frame itself.
    public let image: YUV420Image
    /// The halvings made so far: `halvings[k]` is the frame halved k + 1 times.
    private var halvings: [Halving] = []

    public init(_ image: YUV420Image) {
        self.image = image
    }

    /// How many halvings have been made, for tests: one shared request makes at most one per level.
    package var halvingsMade: Int { halvings.count }

    /// Lends `body` the smallest of the frame and its halvings that is at least `width`×`height`
    /// (the frame itself when even one halving is smaller). Throws `VisionError` if a halving fails.
    public func withSource<R>(atLeast width: Int, _ height: Int, _ body: (YUV420Image) throws -> R) throws -> R {
        let level = Self.level(frameWidth: image.width, frameHeight: image.height, atLeast: width, height)
        guard level > 0 else { return try body(image) }
        while halvings.count < level {
            let next = try halvings.last.map { try $0.withImage { try Halving(of: $0) } } ?? Halving(of: image)
            halvings.append(next)
        }
        return try halvings[level - 1].withImage(body)
    }

    /// How many times a `frameWidth`×`frameHeight` frame can be halved (sizes rounded down)
    /// and stay at least `width`×`height`.
    static func level(frameWidth: Int, frameHeight: Int, atLeast width: Int, _ height: Int) -> Int {
        var level = 0, w = frameWidth, h = frameHeight
        while w / 2 >= max(width, 2), h / 2 >= max(height, 2) {
            w /= 2
            h /= 2
            level += 1
        }
        return level
    }
}

/// One halving of a YUV 4:2:0 image, in memory of its own (freed in `deinit`).
private final class Halving {
    let width: Int
    let height: Int
    private let chromaWidth: Int
    private let chromaHeight: Int
    private let bytes: UnsafeMutablePointer<UInt8>

    init(of image: YUV420Image) throws {
        width = image.width / 2
        height = image.height / 2
        chromaWidth = (width + 1) / 2
        chromaHeight = (height + 1) / 2
        bytes = .allocate(capacity: width * height + 2 * chromaWidth * chromaHeight)
        let (width, height) = (width, height)
        try withImage { half in
            try callShim({ message, capacity in
                veilcv_halve_planes(image.y.readOnly, image.u.readOnly, image.v.readOnly, half.y.writable,
                                    half.u.writable, half.v.writable, message, capacity)
            }, orThrow: { result in
                VisionError(visionCode(for: result.status, otherwise: .detectionFailed),
                            operation: "halving a \(image.width)x\(image.height) frame to \(width)x\(height) for the detectors",
                            detail: result.message, remedy: "Mask the frame in full; if this repeats, report the message")
            })
        }
    }

    deinit {
        bytes.deallocate()
    }

    func withImage<R>(_ body: (YUV420Image) throws -> R) rethrows -> R {
        let chroma = chromaWidth * chromaHeight
        return try body(YUV420Image(
            y: PlaneView(base: bytes, stride: width, width: width, height: height),
            u: PlaneView(base: bytes + width * height, stride: chromaWidth, width: chromaWidth, height: chromaHeight),
            v: PlaneView(base: bytes + width * height + chroma, stride: chromaWidth, width: chromaWidth, height: chromaHeight)))
    }
}
