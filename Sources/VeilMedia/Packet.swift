internal import CFFmpeg

/// A compressed packet. Owns one `AVPacket`, freed in `deinit`.
///
/// One owner at a time: after handing a packet to another stage, the sender does not touch
/// it again. Two stages that both need the data use `makeReference()`.
public final class Packet: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<AVPacket>

    public init() throws {
        guard let packet = av_packet_alloc() else {
            throw MediaError(.allocation, "allocating a packet", location: "memory")
        }
        pointer = packet
    }

    deinit {
        var packet: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&packet)
    }

    /// A second owner of the same (reference-counted) data, e.g. for the sealer and the decoder.
    public func makeReference() throws -> Packet {
        let copy = try Packet()
        let status = av_packet_ref(copy.pointer, pointer)
        guard status >= 0 else {
            throw MediaError(.allocation, "referencing a packet", location: "memory", status: status)
        }
        return copy
    }

    /// Drops the data so the packet can be reused.
    public func unref() { av_packet_unref(pointer) }

    public var streamIndex: Int { Int(pointer.pointee.stream_index) }
    public var isKeyframe: Bool { pointer.pointee.flags & AV_PKT_FLAG_KEY != 0 }
    public var byteCount: Int { Int(pointer.pointee.size) }

    /// Presentation time in the packet's stream time base, nil when unknown.
    public var pts: Int64? {
        get { pointer.pointee.pts == CFFmpegShims_AV_NOPTS_VALUE ? nil : pointer.pointee.pts }
        set { pointer.pointee.pts = newValue ?? CFFmpegShims_AV_NOPTS_VALUE }
    }

    /// Decoding time in the packet's stream time base, nil when unknown.
    public var dts: Int64? {
        get { pointer.pointee.dts == CFFmpegShims_AV_NOPTS_VALUE ? nil : pointer.pointee.dts }
        set { pointer.pointee.dts = newValue ?? CFFmpegShims_AV_NOPTS_VALUE }
    }

    public var duration: Int64 {
        get { pointer.pointee.duration }
        set { pointer.pointee.duration = newValue }
    }

    /// Copies the payload out (for sealing and tests); avoid on hot paths.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: pointer.pointee.data, count: Int(pointer.pointee.size)))
    }
}
