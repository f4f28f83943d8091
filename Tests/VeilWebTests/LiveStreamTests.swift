import Foundation
import Testing
@testable import VeilLive

/// The live window: a bounded number of segments, a playlist HLS players accept, a new
/// initialisation segment (and a discontinuity) whenever the encoder restarts.
@Suite struct LiveStreamTests {
    let start = Date(timeIntervalSince1970: 1_796_000_000)

    @Test func nothingBeforeTheFirstSegment() {
        #expect(LiveStream().playlist() == nil)
    }

    @Test func theWindowKeepsTheNewestSegmentsAndMarksEncoderRestarts() throws {
        let stream = LiveStream(capacity: 3)
        let first = stream.addInitialization([1])
        for i in 0..<3 { stream.publish([UInt8(i)], initialization: first, duration: 1, firstFrameRead: start.addingTimeInterval(Double(i))) }
        let second = stream.addInitialization([2])
        stream.publish([9], initialization: second, duration: 0.96, firstFrameRead: start.addingTimeInterval(3))
        let playlist = try #require(stream.playlist())
        let lines = playlist.split(separator: "\n").map(String.init)
        #expect(lines.contains("#EXT-X-MEDIA-SEQUENCE:1"))
        #expect(lines.contains("#EXT-X-TARGETDURATION:1"))
        #expect(lines.filter { !$0.hasPrefix("#") } == ["live/1.m4s", "live/2.m4s", "live/3.m4s"])
        #expect(lines.filter { $0.hasPrefix("#EXT-X-MAP") } == ["#EXT-X-MAP:URI=\"live/init-0.mp4\"", "#EXT-X-MAP:URI=\"live/init-1.mp4\""])
        #expect(lines.firstIndex(of: "#EXT-X-DISCONTINUITY")! < lines.firstIndex(of: "live/3.m4s")!)
        #expect(lines.contains("#EXT-X-PROGRAM-DATE-TIME:2026-11-30T00:53:21.000Z"))
        #expect(stream.segment(0) == nil)
        #expect(stream.segment(3)?.bytes == [9])
        #expect(stream.initialization(first) == [1])

        // Once its last segment leaves, the first init goes too and the discontinuity is counted.
        for i in 4..<7 { stream.publish([UInt8(i)], initialization: second, duration: 1, firstFrameRead: start.addingTimeInterval(Double(i))) }
        #expect(stream.initialization(first) == nil)
        #expect(try #require(stream.playlist()).contains("#EXT-X-DISCONTINUITY-SEQUENCE:1"))
    }
}
