/// One 8-bit image plane, borrowed for the duration of a `withPlanes` closure.
///
/// The memory belongs to whoever lent it (a decoded frame, a test buffer); never store
/// a `PlaneView` or its pointer beyond the closure that received it.
public struct PlaneView {
    public let base: UnsafeMutablePointer<UInt8>
    /// Bytes from one row to the next (may exceed `width`).
    public let stride: Int
    public let width: Int
    public let height: Int

    public init(base: UnsafeMutablePointer<UInt8>, stride: Int, width: Int, height: Int) {
        precondition(stride >= width && width > 0 && height > 0, "invalid plane geometry")
        self.base = base
        self.stride = stride
        self.width = width
        self.height = height
    }
}

/// A YUV 4:2:0 planar image (luma full size, chroma half size rounded up), borrowed from its owner.
public struct YUV420Image {
    public let y: PlaneView
    public let u: PlaneView
    public let v: PlaneView

    public init(y: PlaneView, u: PlaneView, v: PlaneView) {
        precondition(u.width == (y.width + 1) / 2 && u.height == (y.height + 1) / 2, "chroma plane size")
        precondition(v.width == u.width && v.height == u.height, "chroma plane size")
        self.y = y
        self.u = u
        self.v = v
    }

    public var width: Int { y.width }
    public var height: Int { y.height }
    public var size: Size { Size(width: Double(width), height: Double(height)) }
}

/// A YUV 4:2:0 image in memory owned by Swift: for tests, fixtures and still images.
public final class YUV420Buffer: @unchecked Sendable {
    public let width: Int
    public let height: Int
    public private(set) var bytes: [UInt8]

    /// Wraps tightly packed I420 bytes (Y, then U, then V) as produced by `ffmpeg -pix_fmt yuv420p -f rawvideo`.
    public init(width: Int, height: Int, bytes: [UInt8]) {
        let chroma = ((width + 1) / 2) * ((height + 1) / 2)
        precondition(bytes.count == width * height + 2 * chroma, "I420 buffer size")
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    /// Lends the planes to `body`; the views are valid only inside it.
    public func withPlanes<R>(_ body: (YUV420Image) throws -> R) rethrows -> R {
        let chromaWidth = (width + 1) / 2, chromaHeight = (height + 1) / 2
        return try bytes.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let image = YUV420Image(
                y: PlaneView(base: base, stride: width, width: width, height: height),
                u: PlaneView(base: base + width * height, stride: chromaWidth, width: chromaWidth, height: chromaHeight),
                v: PlaneView(base: base + width * height + chromaWidth * chromaHeight,
                             stride: chromaWidth, width: chromaWidth, height: chromaHeight)
            )
            return try body(image)
        }
    }
}
