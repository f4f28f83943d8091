internal import CFFmpeg

/// An FFmpeg output that hands every byte the muxer writes to a Swift closure instead of a
/// file, so that raw camera data can be sealed before anything touches the disk.
/// Owns one `AVIOContext` and its buffer, freed in `deinit`.
final class ByteSinkIO {
    let context: UnsafeMutablePointer<AVIOContext>
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    /// The first error the sink threw; FFmpeg only sees an I/O error code.
    private(set) var failure: (any Error)?

    init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        self.sink = sink
        let size = 64 * 1024
        guard let buffer = av_malloc(size) else {
            throw MediaError(.allocation, "allocating an output buffer", location: "memory")
        }
        // The opaque pointer is unretained: the muxer that owns this object frees the context first.
        let created = avio_alloc_context(buffer.assumingMemoryBound(to: UInt8.self), Int32(size), 1, nil, nil,
                                         { opaque, bytes, count in
            let io = Unmanaged<ByteSinkIO>.fromOpaque(opaque!).takeUnretainedValue()
            return io.deliver(UnsafeRawBufferPointer(start: bytes, count: Int(count)))
        }, nil)
        guard let created else {
            av_free(buffer)
            throw MediaError(.allocation, "allocating an output context", location: "memory")
        }
        context = created
        context.pointee.opaque = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        freeCustomIOContext(context)
    }

    private func deliver(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard failure == nil else { return CFFmpegShims_averror(EIO) }
        do {
            try sink(bytes)
            return Int32(bytes.count)
        } catch {
            failure = error
            return CFFmpegShims_averror(EIO)
        }
    }
}
