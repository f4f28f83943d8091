internal import CFFmpeg

extension Packet {
    /// Rewrites an H.264 packet from Annex B (start codes, as libx264 emits it) to 4-byte
    /// big-endian NAL lengths, the form an MP4 track whose header is `avcC` holds. The MP4
    /// muxer converts only when the track's own header is Annex B, so packets from an encoder
    /// joined into a track copied from an MP4 must be converted here. Timing and flags are kept.
    public func convertAnnexBToLengthPrefixed() throws {
        let units = withBytes { H264ParameterSets.nalUnits(annexB: Array($0)[...]) }
        var payload: [UInt8] = []
        payload.reserveCapacity(byteCount + 4 * units.count)
        for unit in units {
            let length = UInt32(unit.count)
            payload += [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)]
            payload += unit
        }
        guard let replacement = av_packet_alloc() else {
            throw MediaError(.allocation, "allocating a packet", location: "memory")
        }
        var toFree: UnsafeMutablePointer<AVPacket>? = replacement
        defer { av_packet_free(&toFree) }
        var status = av_new_packet(replacement, Int32(payload.count))
        if status >= 0 {
            payload.withUnsafeBytes { replacement.pointee.data.update(from: $0.bindMemory(to: UInt8.self).baseAddress!, count: payload.count) }
            status = av_packet_copy_props(replacement, pointer)
        }
        guard status >= 0 else {
            throw MediaError(.allocation, "rewriting an H.264 packet with NAL lengths", location: "memory", status: status)
        }
        av_packet_unref(pointer)
        av_packet_move_ref(pointer, replacement)
    }
}
