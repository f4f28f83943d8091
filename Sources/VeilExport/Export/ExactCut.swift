import Foundation
import VeilArchive
import VeilMedia
import VeilVault

/// `--exact`: of the GOPs a keyframe cut would keep, those that reach outside the range (only
/// the clip's first and last can) are replaced by their frames inside it, re-encoded; GOPs
/// wholly inside are copied untouched. Refuses, rather than write a track that cannot decode,
/// when the re-encoded frames cannot share the track's parameter sets.
struct ExactCut {
    let range: Range<Date>
    /// Frames written by the re-encoder so far.
    private(set) var reencodedFrames = 0
    /// The parameter sets of the track: those of the first segment that contributes frames.
    private var track: (parameterSets: H264ParameterSets, path: String)?
    private var matched: [H264ParameterSets: MatchingEncoder] = [:]

    init(range: Range<Date>) {
        self.range = range
    }

    /// `groups` (whole GOPs of one segment, in decode order) cut to the range.
    mutating func cut(_ groups: [[Packet]], of segment: LoadedSegment, demuxer: Demuxer, video: StreamInfo,
                      path: String) throws -> [[Packet]] {
        func isInside(_ pts: Int64) -> Bool { range.contains(segment.wallTime(ofTicks: pts)) }
        let partial = groups.map { group in !group.allSatisfy { isInside($0.pts ?? $0.dts ?? segment.base) } }
        let kept = zip(groups, partial).filter { group, isPartial in
            !isPartial || group.contains { isInside($0.pts ?? $0.dts ?? segment.base) }
        }
        guard !kept.isEmpty else { return [] }
        let parameterSets = try Self.parameterSets(of: demuxer, video: video, path: path)
        if let track, track.parameterSets != parameterSets {
            throw ExportError(.exactCutImpossible, "segment \(path) was encoded with other H.264 parameter sets (SPS/PPS) than \(track.path), where the clip begins (the recorder's encoder settings changed between them), and an MP4 track holds one set, so the re-encoded frames cannot join both. Export the two parts separately, split at \(Timestamps.format(segment.start)).")
        }
        if track == nil { track = (parameterSets, path) }
        guard kept.contains(where: { $0.1 }) else { return kept.map(\.0) }

        let encoder = try matchingEncoder(for: parameterSets, video: video, firstPacket: segment.packets.first, path: path)
        var result: [[Packet]] = []
        for (group, isPartial) in kept {
            guard isPartial else { result.append(group); continue }
            let packets = try PartialGOPEncoder(encoder: encoder)
                .reencode(group, of: demuxer, video: video, location: path, keeping: isInside)
            reencodedFrames += packets.count
            if !packets.isEmpty { result.append(packets) }
        }
        return result
    }

    private mutating func matchingEncoder(for parameterSets: H264ParameterSets, video: StreamInfo, firstPacket: Packet?,
                                          path: String) throws -> MatchingEncoder {
        if let known = matched[parameterSets] { return known }
        let options = firstPacket.map(MatchingEncoder.x264Options(in:)) ?? [:]
        guard let found = MatchingEncoder.find(reproducing: parameterSets, of: video, x264Options: options) else {
            throw ExportError(.exactCutImpossible, "segment \(path) was encoded with settings this export cannot reproduce (no libx264 preset at \(options["crf"].map { "CRF \($0)" } ?? "the default CRF") and \(video.width)x\(video.height) gives its H.264 parameter sets byte for byte), and an MP4 track holds one set of them, so re-encoded frames cannot join the copied ones. Leave out --exact to cut at keyframes (the clip then starts up to one GOP early and ends up to one GOP late).")
        }
        matched[parameterSets] = found
        return found
    }

    private static func parameterSets(of demuxer: Demuxer, video: StreamInfo, path: String) throws -> H264ParameterSets {
        guard video.codecName == "h264", let sets = H264ParameterSets(extradata: demuxer.extradata(of: video)) else {
            throw ExportError(.exactCutImpossible, "--exact re-encodes the partial GOPs at the clip's ends, which needs H.264 segments with their parameter sets in the MP4 header; segment \(path) is \(video.codecName). Leave out --exact to cut at keyframes.")
        }
        return sets
    }
}
