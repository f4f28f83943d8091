import Foundation
import Testing
import VeilMedia

/// Parameter sets read from an MP4's `avcC` and from an encoder's Annex B header compare
/// equal when they are the same, which is what lets `--exact` export share one MP4 track.
@Suite struct H264ParameterSetsTests {
    @Test func annexBSplitsOnThreeAndFourByteStartCodesAndDropsTrailingZeros() {
        let bytes: [UInt8] = [0, 0, 0, 1, 0x67, 1, 2, 0, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 4, 5, 0, 0]
        #expect(H264ParameterSets.nalUnits(annexB: bytes[...]) == [[0x67, 1, 2], [0x68, 3], [0x65, 4, 5]])
        let sets = H264ParameterSets(extradata: bytes)
        #expect(sets?.sequence == [[0x67, 1, 2]] && sets?.picture == [[0x68, 3]])
        #expect(H264ParameterSets(extradata: [0, 0, 1, 0x68, 3]) == nil, "no SPS")
        #expect(H264ParameterSets(extradata: [1, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 9]) == nil, "avcC cut short")
    }

    @Test func encoderHeaderEqualsTheAVCCItsMP4Gets() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try Demuxer(url: Fixtures.sample)
        let video = try source.bestVideoStream()
        let sampleSets = try #require(H264ParameterSets(extradata: source.extradata(of: video)))
        #expect(sampleSets.sequence.count == 1 && sampleSets.picture.count == 1)

        let path = directory.appendingPathComponent("encoded.mp4").path
        let muxer = try Muxer(path: path, format: "mp4")
        let encoder = try Encoder(settings: EncoderSettings(preset: "ultrafast"), width: video.width, height: video.height,
                                  timeBase: video.timeBase, frameRate: video.averageFrameRate,
                                  globalHeader: muxer.wantsGlobalHeader, location: path)
        let encoderSets = try #require(H264ParameterSets(extradata: encoder.extradata))
        #expect(encoder.extradata.first == 0, "libx264 gives Annex B")
        #expect(encoderSets != sampleSets, "another encoder's sets differ")
        _ = try muxer.addStream(from: encoder)
        try muxer.writeHeader()

        let decoder = try Decoder(demuxer: source, stream: video)
        let packet = try Packet(), frame = try Frame(), encoded = try Packet()
        var converted: [(annexB: [[UInt8]], lengthPrefixed: [UInt8])] = []
        func write() throws {
            while try encoder.receive(into: encoded) == .ready {
                let units = encoded.withBytes { H264ParameterSets.nalUnits(annexB: Array($0)[...]) }
                // The muxer gets the Annex B original (its track header is Annex B, so it converts).
                try muxer.write(try encoded.makeReference(), toStream: 0)
                try encoded.convertAnnexBToLengthPrefixed()
                converted.append((units, encoded.withBytes { Array($0) }))
                encoded.unref()
            }
        }
        var frames = 0
        while frames < 5, try source.read(into: packet) == .packet {
            guard packet.streamIndex == video.index else { continue }
            _ = try decoder.send(packet)
            while frames < 5, try decoder.receive(into: frame) == .ready {
                _ = try encoder.send(frame)
                try write()
                frames += 1
            }
        }
        try encoder.sendEndOfStream()
        try write()
        try muxer.finish()

        let written = try Demuxer(url: path)
        let stored = try #require(H264ParameterSets(extradata: written.extradata(of: try written.bestVideoStream())))
        #expect(written.extradata(of: try written.bestVideoStream()).first == 1, "the MP4 holds avcC")
        #expect(stored == encoderSets, "the same SPS and PPS, whichever way they are stored")

        #expect(!converted.isEmpty)
        for (units, bytes) in converted {
            var cursor = 0, parsed: [[UInt8]] = []
            while cursor + 4 <= bytes.count {
                let length = bytes[cursor..<cursor + 4].reduce(0) { $0 << 8 | Int($1) }
                parsed.append(Array(bytes[cursor + 4..<min(bytes.count, cursor + 4 + length)]))
                cursor += 4 + length
            }
            #expect(cursor == bytes.count && parsed == units, "4-byte NAL lengths carry the same NAL units")
        }
    }
}
