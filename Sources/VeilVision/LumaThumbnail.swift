internal import CVeilVision
public import VeilCore

/// A coarse copy of a frame's luma (one area-averaged sample per `scale`×`scale` pixels),
/// kept in a reusable buffer: cheap to take (about 0.1 ms at 720p) and to compare.
public struct LumaThumbnail: Sendable {
    public private(set) var width = 0
    public private(set) var height = 0
    public private(set) var samples: [UInt8] = []

    public init() {}

    /// Overwrites this thumbnail with one of `image`, reusing the buffer when the size is unchanged.
    public mutating func capture(_ image: YUV420Image, scale: Int) throws {
        precondition(scale >= 1, "thumbnail scale must be ≥ 1")
        let width = max(1, image.width / scale), height = max(1, image.height / scale)
        if width != self.width || height != self.height {
            self.width = width
            self.height = height
            samples = [UInt8](repeating: 0, count: width * height)
        }
        let plane = image.y.readOnly
        try samples.withUnsafeMutableBufferPointer { buffer in
            try callShim({ message, capacity in
                veilcv_luma_thumbnail(plane, buffer.baseAddress, Int32(width), Int32(height), message, capacity)
            }, orThrow: { result in
                VisionError(visionCode(for: result.status, otherwise: .internalError),
                            operation: "taking a \(width)x\(height) thumbnail of a \(image.width)x\(image.height) frame",
                            detail: result.message, remedy: "Run the detectors on this frame")
            })
        }
    }

    /// Overwrites this thumbnail with `other`'s samples, reusing the buffer when sizes match.
    public mutating func copy(from other: LumaThumbnail) {
        guard width == other.width, height == other.height else {
            self = other
            return
        }
        samples.withUnsafeMutableBufferPointer { target in
            other.samples.withUnsafeBufferPointer { source in
                target.baseAddress!.update(from: source.baseAddress!, count: source.count)
            }
        }
    }

    /// True when at least `samples` samples differ from `other`'s by more than `threshold` luma
    /// levels, or the sizes differ. Stops at the `samples`-th change: a moving scene, the
    /// common case on a due frame, is told apart after a few samples.
    public func differs(from other: LumaThumbnail, byMoreThan threshold: Int, inAtLeast samples: Int) -> Bool {
        guard width == other.width, height == other.height else { return true }
        return self.samples.withUnsafeBufferPointer { current in
            other.samples.withUnsafeBufferPointer { previous in
                var changed = 0
                for index in 0..<current.count where abs(Int(current[index]) - Int(previous[index])) > threshold {
                    changed += 1
                    if changed >= samples { return true }
                }
                return false
            }
        }
    }
}
