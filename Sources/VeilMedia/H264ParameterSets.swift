/// The SPS and PPS NAL units of an H.264 stream's codec header, whichever way it is stored:
/// `avcC` (MP4 files, first byte 1) or Annex B start codes (what libx264 puts in an encoder's
/// extradata). Two streams whose parameter sets are byte-identical can share one MP4 track,
/// since an MP4 sample entry holds exactly one set.
public struct H264ParameterSets: Hashable, Sendable {
    public var sequence: [[UInt8]]
    public var picture: [[UInt8]]

    /// Nil when `extradata` is neither a well-formed `avcC` nor Annex B holding an SPS.
    public init?(extradata: [UInt8]) {
        if extradata.first == 1 {
            guard let parsed = Self.parseAVCC(extradata) else { return nil }
            (sequence, picture) = parsed
        } else {
            let units = Self.nalUnits(annexB: extradata[...])
            sequence = units.filter { $0.first.map { $0 & 0x1f == 7 } == true }
            picture = units.filter { $0.first.map { $0 & 0x1f == 8 } == true }
        }
        if sequence.isEmpty { return nil }
    }

    /// The NAL units of an Annex B byte stream (start codes of 3 or 4 bytes), without their
    /// start codes or trailing zero bytes.
    public static func nalUnits(annexB bytes: ArraySlice<UInt8>) -> [[UInt8]] {
        var starts: [Int] = []  // index of the first byte after each start code
        var index = bytes.startIndex
        while index + 2 < bytes.endIndex {
            if bytes[index] == 0, bytes[index + 1] == 0, bytes[index + 2] == 1 {
                starts.append(index + 3)
                index += 3
            } else {
                index += 1
            }
        }
        return starts.enumerated().compactMap { number, start in
            var end = number + 1 < starts.count ? starts[number + 1] - 3 : bytes.endIndex
            while end > start, bytes[end - 1] == 0 { end -= 1 }
            return end > start ? Array(bytes[start..<end]) : nil
        }
    }

    /// `avcC`: version, profile, compatibility, level, length size, then counted SPS and PPS
    /// each preceded by a 16-bit length.
    private static func parseAVCC(_ bytes: [UInt8]) -> ([[UInt8]], [[UInt8]])? {
        var cursor = 5
        func take(_ countMask: UInt8) -> [[UInt8]]? {
            guard cursor < bytes.count else { return nil }
            let count = Int(bytes[cursor] & countMask)
            cursor += 1
            var units: [[UInt8]] = []
            for _ in 0..<count {
                guard cursor + 2 <= bytes.count else { return nil }
                let length = Int(bytes[cursor]) << 8 | Int(bytes[cursor + 1])
                cursor += 2
                guard cursor + length <= bytes.count else { return nil }
                units.append(Array(bytes[cursor..<cursor + length]))
                cursor += length
            }
            return units
        }
        guard let sequence = take(0x1f), let picture = take(0xff) else { return nil }
        return (sequence, picture)
    }
}
