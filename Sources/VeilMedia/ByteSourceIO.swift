internal import CFFmpeg

/// An FFmpeg input that reads from bytes held in memory instead of a file, so decrypted raw
/// camera data can be demuxed without any plaintext touching the disk. The mirror of
/// `ByteSinkIO`. Owns one `AVIOContext` and its buffer, freed in `deinit`; the bytes are
/// overwritten with zeros there too.
final class ByteSourceIO {
    let context: UnsafeMutablePointer<AVIOContext>
    private var bytes: [UInt8]
    private var position = 0

    init(bytes: [UInt8], describedAs name: String) throws {
        self.bytes = bytes
        let size = 64 * 1024
        guard let buffer = av_malloc(size) else {
            throw MediaError(.allocation, "allocating an input buffer", location: name)
        }
        // The opaque pointer is unretained: the demuxer that owns this object closes its
        // format context (which leaves a custom AVIOContext alone) before this is freed.
        let created = avio_alloc_context(buffer.assumingMemoryBound(to: UInt8.self), Int32(size), 0, nil,
                                         { opaque, destination, count in
            let io = Unmanaged<ByteSourceIO>.fromOpaque(opaque!).takeUnretainedValue()
            return io.read(into: destination!, count: Int(count))
        }, nil, { opaque, offset, whence in
            let io = Unmanaged<ByteSourceIO>.fromOpaque(opaque!).takeUnretainedValue()
            return io.seek(to: offset, whence: whence)
        })
        guard let created else {
            av_free(buffer)
            throw MediaError(.allocation, "allocating an input context", location: name)
        }
        context = created
        context.pointee.opaque = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        freeCustomIOContext(context)
        bytes.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    private func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) -> Int32 {
        let available = min(count, bytes.count - position)
        guard available > 0 else { return CFFmpegShims_AVERROR_EOF }
        bytes.withUnsafeBufferPointer { source in
            destination.update(from: source.baseAddress! + position, count: available)
        }
        position += available
        return Int32(available)
    }

    private func seek(to offset: Int64, whence: Int32) -> Int64 {
        if whence & AVSEEK_SIZE != 0 { return Int64(bytes.count) }
        let target: Int64 = switch whence & ~AVSEEK_FORCE {
        case SEEK_SET: offset
        case SEEK_CUR: Int64(position) + offset
        case SEEK_END: Int64(bytes.count) + offset
        default: -1
        }
        guard target >= 0, target <= Int64(bytes.count) else { return Int64(CFFmpegShims_averror(EINVAL)) }
        position = Int(target)
        return target
    }
}
