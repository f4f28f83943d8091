import Foundation
import VeilMedia

/// The keyframe cut shared by staff export and officer unlock: of one segment's video packets
/// (decode order), the GOPs (keyframe to next keyframe) whose time span overlaps a range. A
/// GOP is kept whole, so the cut needs no re-encode and every kept picture decodes.
struct WholeGOPSelection {
    /// The kept GOPs, each in decode order.
    let groups: [[Packet]]
    /// The kept video packets, in decode order.
    var packets: [Packet] { Array(groups.joined()) }
    /// From the first kept keyframe to where the last kept GOP ends (the next keyframe, or the
    /// segment's end); nil when nothing is kept. Other tracks (audio) are cut to this span.
    let span: Range<Date>?

    /// `base` (in `timeBase` ticks) is the decoding time that falls at `start`, the segment's
    /// catalogued start; `end` is its catalogued end, where its last GOP ends.
    init(_ video: [Packet], timeBase: TimeBase, base: Int64, start: Date, end: Date, overlapping range: Range<Date>) {
        func wall(_ packet: Packet) -> Date {
            start.addingTimeInterval(timeBase.seconds((packet.dts ?? packet.pts ?? base) - base))
        }
        var groups: [[Packet]] = []
        // Packets before the first keyframe cannot be decoded on their own: dropped.
        for packet in video {
            if packet.isKeyframe { groups.append([packet]) } else if !groups.isEmpty { groups[groups.count - 1].append(packet) }
        }
        var kept: [[Packet]] = []
        var span: Range<Date>? = nil
        for (index, group) in groups.enumerated() {
            let groupStart = wall(group[0])
            let groupEnd = index + 1 < groups.count ? wall(groups[index + 1][0]) : max(end, groupStart)
            guard groupStart < range.upperBound && groupEnd > range.lowerBound else { continue }
            kept.append(group)
            span = (span?.lowerBound ?? groupStart)..<max(groupEnd, span?.lowerBound ?? groupStart)
        }
        self.groups = kept
        self.span = span
    }
}
