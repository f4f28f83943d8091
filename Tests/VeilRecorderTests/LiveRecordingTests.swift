import Foundation
import Testing
import VeilArchive
import VeilConfig
import VeilMedia
import VeilRecorder
import VeilVision
import VeilTestSupport
import VeilMetrics
import VeilCore

/// `veil record` against a real RTSP server (GStreamer) serving the sample as a live camera.
@Suite(.serialized) struct LiveRecordingTests {
    static func camera(_ name: String, url: String) -> String {
        "  - name: \(name)\n    url: \(url)\n"
    }

    @Test func liveCameraBecomesPairedRedactedAndSealedSegments() throws {
        let server = try RTSPTestServer()
        let harness = try RecorderHarness()
        defer { harness.remove() }
        let recorder = try harness.record(try harness.configuration(cameras: Self.camera("lobby", url: server.url())), seconds: 9)

        let raw = try harness.segments("lobby", .raw)
        let redacted = try harness.segments("lobby", .redacted)
        #expect(raw.count >= 3, "2 s segments over ~9 s")
        expectPaired(redacted: redacted, raw: raw, recorder: recorder)

        // What the metrics endpoint serves agrees with the catalog.
        let exposition = recorder.metrics.registry.render()
        #expect(exposition.contains("veil_segments_written_total{camera=\"lobby\",kind=\"raw\"} \(raw.count)"), "\(exposition)")
        #expect(!exposition.contains("veil_frames_out_total{camera=\"lobby\"} 0\n"))

        // No plaintext raw byte anywhere in the data directory (the temporary directory is
        // checked with the real process in DaemonTests).
        #expect(try plaintextRuns(of: server.bitstreamPath, in: harness.files()).isEmpty)

        // Every redacted segment plays on its own; the raw segments hold the camera's pictures bit for bit.
        let source = Set(try FrameChecksums.of(file: TestSupport.sample))
        for video in redacted {
            let sealed = try #require(raw.first { $0.id == video.pairedRawID })
            let redactedFrames = try FrameChecksums.of(file: harness.path(of: video))
            let rawFrames = try FrameChecksums.of(bytes: try harness.openRaw(sealed), in: harness.directory, name: "raw.ts")
            #expect(!redactedFrames.isEmpty)
            #expect(rawFrames.count >= redactedFrames.count, "the raw segment holds every frame of its redacted twin")
            #expect(rawFrames.allSatisfy(source.contains), "raw frames are the camera's original pictures")
            #expect(!redactedFrames.contains(where: source.contains), "no redacted frame is an original picture")
        }
    }

    @Test func redactedSegmentsShowNoFace() throws {
        let server = try RTSPTestServer()
        let harness = try RecorderHarness()
        defer { harness.remove() }
        _ = try harness.record(try harness.configuration(cameras: Self.camera("desk", url: server.url())), seconds: 6)
        let faces = try FaceDetector(manifest: try ModelManifest.locate(), options: .init(scoreThreshold: 0.3))
        var found: [String] = []
        for segment in try harness.segments("desk", .redacted) {
            let demuxer = try Demuxer(url: harness.path(of: segment))
            let video = try demuxer.bestVideoStream()
            let decoder = try Decoder(demuxer: demuxer, stream: video)
            let packet = try Packet(), frame = try Frame()
            while try demuxer.read(into: packet) == .packet {
                _ = try decoder.send(packet)
                while try decoder.receive(into: frame) == .ready {
                    found += try frame.withPlanes { try faces.detect(in: $0) }.map { "\(segment.path): \($0.box)" }
                }
            }
        }
        #expect(found.isEmpty, "faces in redacted footage: \(found.prefix(5))")
    }
}
