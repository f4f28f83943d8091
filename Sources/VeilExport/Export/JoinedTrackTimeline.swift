import VeilMedia

/// One output track of a file joined from consecutive segments (staff export, officer
/// unlock): places each segment's packets at that segment's offset on one timeline, keeps
/// decoding times strictly increasing across joins, and gives a segment's duration-less last
/// packet the frame interval before it (without one the MP4's edit list ends at that
/// packet's start and players drop it).
struct JoinedTrackTimeline {
    /// The output track's time base.
    let timeBase: TimeBase
    private var lastDts = Int64.min
    private var frameDuration: Int64 = 0

    init(timeBase: TimeBase) {
        self.timeBase = timeBase
    }

    /// Rewrites `packet`'s times: `base` (in `source` ticks) is subtracted, the result moved
    /// to this time base and shifted by `offset` (in this time base's ticks).
    mutating func place(_ packet: Packet, from source: TimeBase, base: Int64, offset: Int64) {
        let dts = packet.dts ?? packet.pts ?? base
        let pts = packet.pts ?? dts
        var newDts = offset + source.rescale(dts - base, to: timeBase)
        var newPts = offset + source.rescale(pts - base, to: timeBase)
        if newDts <= lastDts { newDts = lastDts + 1 }
        if newPts < newDts { newPts = newDts }
        lastDts = newDts
        packet.dts = newDts
        packet.pts = newPts
        let duration = source.rescale(packet.duration, to: timeBase)
        if duration > 0 { frameDuration = duration }
        packet.duration = duration > 0 ? duration : frameDuration
    }
}
