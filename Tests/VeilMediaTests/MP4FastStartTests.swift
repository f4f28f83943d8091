import Foundation
import Testing
import VeilMedia

/// A fast-start MP4 made by `Muxer` has its index before its data, and every packet (bytes,
/// times, keyframe flag) is the source's: the moved chunk offsets are right.
@Suite struct MP4FastStartTests {
    struct Sample: Equatable {
        let bytes: [UInt8]
        let pts: Int64?
        let dts: Int64?
        let isKeyframe: Bool
    }

    func packets(of path: String) throws -> [Sample] {
        let demuxer = try Demuxer(url: path)
        let packet = try Packet()
        var samples: [Sample] = []
        while try demuxer.read(into: packet) == .packet {
            samples.append(Sample(bytes: packet.withBytes { Array($0) }, pts: packet.pts, dts: packet.dts, isKeyframe: packet.isKeyframe))
        }
        return samples
    }

    func copySample(to path: String) throws {
        let demuxer = try Demuxer(url: Fixtures.sample)
        let video = try demuxer.bestVideoStream()
        let muxer = try Muxer(path: path, format: "mp4", fastStart: true)
        _ = try muxer.addStream(copying: video, of: demuxer)
        try muxer.writeHeader()
        let packet = try Packet()
        while try demuxer.read(into: packet) == .packet { try muxer.write(packet, toStream: 0) }
        try muxer.finish()
    }

    /// Top-level box types of an MP4, in order.
    func boxes(of path: String) throws -> [String] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var types: [String] = []
        var offset = 0
        while offset + 8 <= bytes.count {
            var size = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            if size == 1 { size = bytes[offset + 8..<offset + 16].reduce(0) { $0 << 8 | Int($1) } }
            types.append(String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self))
            guard size >= 8 else { break }
            offset += size
        }
        #expect(offset == bytes.count, "boxes tile the file")
        return types
    }

    @Test func indexComesFirstAndEveryPacketIsTheSource() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("clip.mp4").path
        try copySample(to: output)

        #expect(try boxes(of: output) == ["ftyp", "moov", "free", "mdat"])
        #expect(try packets(of: output) == (try packets(of: Fixtures.sample)))
    }
}
