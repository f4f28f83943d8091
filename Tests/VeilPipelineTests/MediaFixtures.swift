import Foundation
import VeilCore
import VeilMedia
import VeilTestSupport

/// Bundled media, scratch folders, and small clips made with the ffmpeg CLI for the tests.
enum MediaFixtures {
    static let repositoryRoot = TestSupport.repositoryRoot
    static let sample = TestSupport.sample
    static let astronaut = repositoryRoot.appendingPathComponent("Tests/Fixtures/astronaut.jpg").path

    static func temporaryDirectory() throws -> URL {
        try TestSupport.temporaryDirectory(prefix: "veil-test")
    }

    /// Runs the ffmpeg CLI (a test tool only: the code under test uses the libraries).
    static func ffmpeg(_ arguments: [String]) throws {
        try TestSupport.ffmpeg(arguments)
    }

    /// Decodes every video frame of `path`, calling `body` with the frame's pts (seconds) and planes.
    static func forEachFrame(of path: String, _ body: (Double, YUV420Image) throws -> Void) throws {
        let demuxer = try Demuxer(url: path)
        let video = try demuxer.bestVideoStream()
        try demuxer.forEachVideoFrame { frame in try frame.withPlanes { try body(video.timeBase.seconds(frame.pts ?? 0), $0) } }
    }

    /// The presentation times (seconds) and durations of every video packet, in presentation order.
    static func videoTiming(of path: String) throws -> [(pts: Double, duration: Double)] {
        let demuxer = try Demuxer(url: path)
        let video = try demuxer.bestVideoStream()
        let packet = try Packet()
        var timing: [(Double, Double)] = []
        while try demuxer.read(into: packet) == .packet {
            guard packet.streamIndex == video.index else { continue }
            timing.append((video.timeBase.seconds(packet.pts ?? 0), video.timeBase.seconds(packet.duration)))
        }
        return timing.sorted { $0.0 < $1.0 }
    }
}
