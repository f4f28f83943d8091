import Testing
import VeilMedia

/// Cameras encode with the zerolatency tune so that live video does not wait in the encoder.
@Suite struct EncoderLatencyTests {
    /// Sends the sample's first `count` frames to an encoder with `settings`; returns how many
    /// packets had come out after each frame was sent.
    func packetsOutAfterEachFrame(_ settings: EncoderSettings, count: Int = 20) throws -> [Int] {
        let demuxer = try Demuxer(url: Fixtures.sample)
        let video = try demuxer.bestVideoStream()
        let decoder = try Decoder(demuxer: demuxer, stream: video)
        let encoder = try Encoder(settings: settings, width: video.width, height: video.height, timeBase: video.timeBase,
                                  frameRate: video.averageFrameRate, globalHeader: true, location: "latency test")
        let packet = try Packet(), frame = try Frame(), encoded = try Packet()
        var out = 0
        var counts: [Int] = []
        while counts.count < count, try demuxer.read(into: packet) == .packet {
            guard packet.streamIndex == video.index else { continue }
            _ = try decoder.send(packet)
            while counts.count < count, try decoder.receive(into: frame) == .ready {
                _ = try encoder.send(frame)
                while try encoder.receive(into: encoded) == .ready { out += 1 }
                counts.append(out)
            }
        }
        return counts
    }

    @Test func zerolatencyReturnsEveryFrameAsSoonAsItIsSent() throws {
        let counts = try packetsOutAfterEachFrame(EncoderSettings(preset: "veryfast", tune: EncoderSettings.liveTune))
        #expect(counts == Array(1...20), "packets out after each frame: \(counts)")
    }

    @Test func withoutATuneVeryfastHoldsFramesBack() throws {
        let counts = try packetsOutAfterEachFrame(EncoderSettings(preset: "veryfast"))
        #expect(counts[9] == 0, "look-ahead and B-frames keep the first frames in the encoder: \(counts)")
    }
}
