import Foundation
import Testing
import VeilCore
import VeilMedia
import VeilPipeline
import VeilVision

/// End-to-end redaction of real footage with the real detectors and the real encoder.
@Suite(.serialized) struct OfflineRedactorTests {
    static let manifest = Result { try ModelManifest.locate(explicitDirectory: MediaFixtures.repositoryRoot.appendingPathComponent("models").path) }

    func detectors() throws -> [any ObjectDetector] {
        let manifest = try Self.manifest.get()
        return [try FaceDetector(manifest: manifest), try PersonDetector(manifest: manifest)]
    }

    @Test func sampleKeepsEveryFrameAndTimestamp() throws {
        let directory = try MediaFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("redacted.mp4").path
        var options = RedactionOptions()
        options.encoder.preset = "ultrafast"

        let summary = try OfflineRedactor.run(input: MediaFixtures.sample, output: output, options: options,
                                              detectors: try detectors())

        #expect(summary.statistics.frames == 375)
        #expect(summary.statistics.detections[.person, default: 0] > 75 * 3, "vtest shows several people in every frame")
        #expect(summary.statistics.fullyMaskedFrames == 0)
        let input = try MediaFixtures.videoTiming(of: MediaFixtures.sample)
        let redacted = try MediaFixtures.videoTiming(of: output)
        #expect(redacted.count == input.count)
        #expect(zip(input, redacted).allSatisfy { abs($0.pts - $1.pts) < 1e-6 && abs($0.duration - $1.duration) < 1e-6 })
        #expect(try Demuxer(url: output).streams.count == 1, "audio and other streams are dropped")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["redacted.mp4"], "no temporary file is left next to the output")
    }

    @Test func variableFrameRateTimestampsSurvive() throws {
        let directory = try MediaFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let vfr = directory.appendingPathComponent("vfr.mkv").path
        // Frames 40 ms apart, with a 120 ms gap before every tenth frame.
        try MediaFixtures.ffmpeg(["-i", MediaFixtures.sample, "-frames:v", "40",
                                  "-vf", "setpts='(N*0.04+floor(N/10)*0.08)/TB'",
                                  "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "ultrafast", vfr])
        let output = directory.appendingPathComponent("vfr-redacted.mp4").path
        var options = RedactionOptions()
        options.encoder.preset = "ultrafast"
        _ = try OfflineRedactor.run(input: vfr, output: output, options: options, detectors: try detectors())

        let input = try MediaFixtures.videoTiming(of: vfr).map(\.pts)
        let redacted = try MediaFixtures.videoTiming(of: output).map(\.pts)
        #expect(redacted.count == 40)
        #expect(zip(input, redacted).allSatisfy { abs($0 - $1) < 0.001 }, "\(input) vs \(redacted)")
    }

    @Test func keepAudioCopiesTheAudioStreamOnlyWhenAsked() throws {
        let directory = try MediaFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let withAudio = directory.appendingPathComponent("with-audio.mp4").path
        try MediaFixtures.ffmpeg(["-i", MediaFixtures.sample, "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
                                  "-t", "2", "-c:v", "copy", "-c:a", "aac", withAudio])
        var options = RedactionOptions()
        options.encoder.preset = "ultrafast"
        let dropped = directory.appendingPathComponent("dropped.mp4").path
        _ = try OfflineRedactor.run(input: withAudio, output: dropped, options: options, detectors: try detectors())
        #expect(try Demuxer(url: dropped).streams.map(\.kind) == [.video])

        options.keepAudio = true
        let kept = directory.appendingPathComponent("kept.mp4").path
        _ = try OfflineRedactor.run(input: withAudio, output: kept, options: options, detectors: try detectors())
        #expect(try Demuxer(url: kept).streams.map(\.kind).sorted { "\($0)" < "\($1)" } == [.audio, .video])
    }
}
