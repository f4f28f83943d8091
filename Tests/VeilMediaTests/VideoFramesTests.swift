import Foundation
import Testing
import VeilTestSupport
import VeilMedia

/// `Demuxer.forEachVideoFrame`: every frame of a clip, in order, each one the caller may keep,
/// and always in YUV 4:2:0.
@Suite struct VideoFramesTests {
    @Test func everyFrameOfTheSampleArrivesInOrderAndCanBeKept() throws {
        var kept: [Frame] = []
        try Demuxer(url: Fixtures.sample).forEachVideoFrame { kept.append($0) }
        let timestamps = kept.compactMap(\.pts)
        #expect(kept.count == 375 && timestamps.count == 375)
        // Kept frames are frames of their own: none was overwritten by a later one.
        #expect(timestamps == timestamps.sorted() && Set(timestamps).count == 375)
        #expect(kept.allSatisfy { $0.isYUV420 && $0.width == 1280 && $0.height == 720 })
    }

    @Test func anotherPixelFormatArrivesConverted() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clip = directory.appendingPathComponent("444.mkv").path
        try TestSupport.run("/usr/bin/ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=0.4",
                                                "-pix_fmt", "yuv444p", "-c:v", "ffv1", clip])
        var frames: [Frame] = []
        try Demuxer(url: clip).forEachVideoFrame { frames.append($0) }
        #expect(frames.count == 10)
        #expect(frames.allSatisfy { $0.isYUV420 && $0.width == 320 && $0.height == 240 })
    }
}
