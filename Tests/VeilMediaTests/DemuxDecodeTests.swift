import Foundation
import Testing
import VeilMedia

@Suite struct DemuxDecodeTests {
    @Test func sampleHasOneVideoStreamOf375Packets() throws {
        let demuxer = try Demuxer(url: Fixtures.sample)
        let video = try demuxer.bestVideoStream()
        #expect(video.codecName == "h264")
        #expect(video.width == 1280 && video.height == 720)
        let packet = try Packet()
        var count = 0, keyframes = 0
        while try demuxer.read(into: packet) == .packet {
            if packet.streamIndex == video.index { count += 1 }
            if packet.isKeyframe { keyframes += 1 }
        }
        #expect(count == 375)
        #expect(keyframes == 8)
    }

    @Test func decodesEveryFrameWithIncreasingTimestamps() throws {
        let demuxer = try Demuxer(url: Fixtures.sample)
        let video = try demuxer.bestVideoStream()
        let decoder = try Decoder(demuxer: demuxer, stream: video)
        let packet = try Packet(), frame = try Frame()
        var timestamps: [Int64] = []
        func drain() throws -> ReceiveResult {
            while true {
                let result = try decoder.receive(into: frame)
                guard result == .ready else { return result }
                #expect(frame.isYUV420 && frame.width == 1280)
                timestamps.append(try #require(frame.pts))
            }
        }
        while try demuxer.read(into: packet) == .packet {
            guard packet.streamIndex == video.index else { continue }
            _ = try decoder.send(packet)
            _ = try drain()
        }
        try decoder.sendEndOfStream()
        #expect(try drain() == .endOfStream)
        #expect(timestamps.count == 375)
        #expect(timestamps == timestamps.sorted() && Set(timestamps).count == 375)
    }

    @Test func missingFileNamesThePath() throws {
        let error = try #require(throws: MediaError.self) { try Demuxer(url: "/nonexistent/clip.mp4") }
        #expect(error.isUnreadableInput)
        #expect(error.description.contains("/nonexistent/clip.mp4"))
        #expect(error.description.contains("No such file"))
    }

    @Test func textFileIsNotMedia() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("notes.mp4").path
        try Data("these are meeting notes, not a video\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: MediaError.self) { try Demuxer(url: path) }
        #expect(error.isUnreadableInput)
        #expect(error.description.contains(path))
    }
}
