import Foundation
import VeilMedia

/// Re-encodes the frames of one GOP that lie inside an export's range (`--exact`): decodes the
/// GOP from its keyframe, drops the frames outside, and encodes the rest with a fresh encoder
/// that reproduces the track's parameter sets. The pictures decoded are the segment's own,
/// already redacted; nothing raw is involved.
struct PartialGOPEncoder {
    let encoder: MatchingEncoder

    /// Packets for the track: NAL-length H.264, timed in `video`'s time base like the GOP's own
    /// (the encoder works in that time base), each with its frame's duration.
    func reencode(_ group: [Packet], of demuxer: Demuxer, video: StreamInfo, location: String,
                  keeping inside: (_ pts: Int64) -> Bool) throws -> [Packet] {
        let decoder = try Decoder(demuxer: demuxer, stream: video)
        let encoder = try encoder.makeEncoder(location: location)
        let frame = try Frame()
        var lastPTS: Int64?
        var output: [Packet] = []

        func receivePackets() throws {
            while true {
                let packet = try Packet()
                guard try encoder.receive(into: packet) == .ready else { return }
                try packet.convertAnnexBToLengthPrefixed()
                output.append(packet)
            }
        }
        func receiveFrames() throws {
            while try decoder.receive(into: frame) == .ready {
                guard let pts = frame.pts, inside(pts) else { continue }
                lastPTS = frame.makeTimestampFollow(lastPTS)
                while try encoder.send(frame) == .ready { try receivePackets() }
                try receivePackets()
            }
        }
        for packet in group {
            while try decoder.send(packet) == .ready { try receiveFrames() }
            try receiveFrames()
        }
        try decoder.sendEndOfStream()
        try receiveFrames()
        try encoder.sendEndOfStream()
        try receivePackets()
        return output
    }
}
