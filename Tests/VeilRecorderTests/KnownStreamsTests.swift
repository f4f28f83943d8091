import Testing
@testable import VeilMedia
@testable import VeilRecorder

/// A reconnection keeps its one-packet probe only when it found the streams the first connection did.
@Suite struct KnownStreamsTests {
    static func stream(_ index: Int, _ kind: StreamKind, _ codec: String, width: Int = 0, height: Int = 0,
                       timeBase: TimeBase = TimeBase(1, 90_000), frameRate: TimeBase = TimeBase(25, 1)) -> StreamInfo {
        StreamInfo(index: index, kind: kind, codecName: codec, timeBase: timeBase, averageFrameRate: frameRate,
                   width: width, height: height, announcedPacketCount: 0, duration: nil)
    }

    static let video = stream(0, .video, "h264", width: 1280, height: 720)
    static let audio = stream(1, .audio, "aac", timeBase: TimeBase(1, 48_000))
    static let known = KnownStreams(video: video, recorded: [video, audio])

    @Test func theSameStreamsMatchEvenWithoutTheFrameRateAProbeWouldEstimate() {
        let briefVideo = Self.stream(0, .video, "h264", width: 1280, height: 720, frameRate: TimeBase(0, 1))
        #expect(Self.known.matches(video: briefVideo, recorded: [briefVideo, Self.audio]))
    }

    @Test(arguments: [
        stream(0, .video, "h264", width: 1920, height: 1080),  // the camera's resolution changed
        stream(0, .video, "hevc", width: 1280, height: 720),   // its codec changed
        stream(0, .video, "h264", width: 0, height: 0),        // the brief probe could not tell the size
        stream(0, .video, "h264", width: 1280, height: 720, timeBase: TimeBase(1, 1000)),
    ])
    func anyChangedVideoParameterMeansAFullProbe(_ video: StreamInfo) {
        #expect(!Self.known.matches(video: video, recorded: [video, Self.audio]))
    }

    @Test func aTrackAddedOrLostMeansAFullProbe() {
        #expect(!Self.known.matches(video: Self.video, recorded: [Self.video]))
        #expect(!Self.known.matches(video: Self.video, recorded: [Self.video, Self.audio, Self.stream(2, .audio, "aac")]))
    }
}
