import Crypto
import Foundation
import Testing
import VeilArchive
import VeilMedia
import VeilRecorder
import VeilVault
import VeilTestSupport
import VeilCore
import VeilExport

/// One real recording (the real recorder over the real RTSP server, 2 s segments, ~9 s),
/// made once and shared by every export suite to keep test time down.
final class ExportRecording: @unchecked Sendable {
    static let camera = "lobby"
    let harness: RecorderHarness
    let segments: [SegmentRecord]

    private init() throws {
        let server = try RTSPTestServer()
        harness = try RecorderHarness()
        Self.removeAtExit = harness.directory.path
        atexit { if let path = ExportRecording.removeAtExit { try? FileManager.default.removeItem(atPath: path) } }
        let camera = "  - name: \(Self.camera)\n    url: \(server.url())\n"
        _ = try harness.record(try harness.configuration(cameras: camera), seconds: 9)
        segments = try harness.segments(Self.camera, .redacted)
    }

    /// The shared recording lives until the test process ends.
    nonisolated(unsafe) private static var removeAtExit: String?
    private static let made = Result { try ExportRecording() }
    static func shared() throws -> ExportRecording { try made.get() }

    var exporter: ClipExporter { ClipExporter(dataDirectory: harness.dataDirectory) }

    /// A fresh folder for one test's outputs.
    func outputFolder() throws -> String {
        let url = harness.directory.appendingPathComponent("out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}

func sha256(ofFile path: String) throws -> String {
    Hex.encode(SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))))
}

@Suite(.serialized) struct ExportClipTests {
    @Test func subRangeIsTheWholeSegmentsBitForBitAndSigned() throws {
        let recording = try ExportRecording.shared()
        let all = recording.segments
        try #require(all.count >= 3, "2 s segments over ~9 s: \(all.count)")
        let chosen = all.count >= 4 ? Array(all[1...2]) : Array(all[0...1])
        // Just inside the chosen segments: the keyframe cut keeps their whole GOPs, hence both segments whole.
        let from = chosen.first!.start.addingTimeInterval(0.1), to = chosen.last!.end.addingTimeInterval(-0.1)
        let output = try recording.outputFolder() + "/clip.mp4"
        let result = try recording.exporter.export(camera: ExportRecording.camera, from: from, to: to, output: output)

        #expect(result.plan.segments.map(\.id) == chosen.map(\.id))
        let expected = try chosen.flatMap { try FrameChecksums.of(file: recording.harness.path(of: $0)) }
        let clipFrames = try FrameChecksums.of(file: output)
        #expect(clipFrames.count == expected.count, "frames of the selected segments")
        #expect(clipFrames == expected, "stream copy: the clip decodes to the segments' pictures, in order")
        #expect(result.frames == expected.count)

        // The clip lasts what it reports, within the segments' span, and at least as long as its
        // frames take at the camera's rate. Without dropped GOPs that is the whole span; a
        // loaded machine may drop GOPs from the redacted segments, which shortens the clip.
        let clipDuration = try #require(try Demuxer(url: output).durationSeconds)
        let reported = result.actualEnd.timeIntervalSince(result.actualStart)
        #expect(abs(clipDuration - reported) < 0.1, "clip lasts \(clipDuration) s, its manifest says \(reported) s")
        #expect(result.actualStart >= chosen.first!.start.addingTimeInterval(-0.05))
        #expect(result.actualEnd <= chosen.last!.end.addingTimeInterval(0.05))
        let sampleFrameRate = 25.0
        #expect(clipDuration >= Double(expected.count) / sampleFrameRate - 0.1, "\(expected.count) frames in \(clipDuration) s")

        let manifest = result.manifest
        #expect(manifest.output.sha256 == (try sha256(ofFile: output)))
        #expect(manifest.output.bytes == Int64(try Data(contentsOf: URL(fileURLWithPath: output)).count))
        #expect(manifest.segments.map(\.sha256) == chosen.map(\.sha256))
        #expect(manifest.segments.map(\.pairedRawSHA256) == chosen.map(\.pairedRawSHA256))
        #expect(manifest.camera == ExportRecording.camera && manifest.requested.from == Timestamps.format(from))
        let report = try ClipVerifier(dataDirectory: recording.harness.dataDirectory).verify(clip: output)
        #expect(report.publicKey == (try ExportKeyStore(dataDirectory: recording.harness.dataDirectory).existingPublicKey()))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (output as NSString).deletingLastPathComponent)
        #expect(leftovers.sorted() == ["clip.mp4", "clip.mp4.manifest.json"], "no temporary file left")
    }

    @Test func tamperingWithClipOrManifestIsNamed() throws {
        let recording = try ExportRecording.shared()
        let first = try #require(recording.segments.first)
        let output = try recording.outputFolder() + "/clip.mp4"
        _ = try recording.exporter.export(camera: ExportRecording.camera, from: first.start, to: first.end, output: output)
        let verifier = ClipVerifier(dataDirectory: recording.harness.dataDirectory)
        let manifestPath = ClipExporter.manifestPath(for: output)
        let original = try Data(contentsOf: URL(fileURLWithPath: output))
        let originalManifest = try String(contentsOfFile: manifestPath, encoding: .utf8)

        var flipped = original
        flipped[flipped.count / 2] ^= 0x01
        try flipped.write(to: URL(fileURLWithPath: output))
        let clipError = #expect(throws: ExportError.clipDiffers) { try verifier.verify(clip: output) }
        #expect(clipError?.description.contains("clip.mp4: SHA-256 differs from the manifest") == true, "\(String(describing: clipError))")
        try original.write(to: URL(fileURLWithPath: output))
        _ = try verifier.verify(clip: output)

        let edited = originalManifest.replacingOccurrences(of: "\"camera\" : \"lobby\"", with: "\"camera\" : \"lobbx\"")
        #expect(edited != originalManifest)
        try edited.write(toFile: manifestPath, atomically: true, encoding: .utf8)
        let signatureError = #expect(throws: ExportError.signatureInvalid) { try verifier.verify(clip: output) }
        #expect(signatureError?.description.contains("manifest signature does not verify") == true)

        let withoutHash = originalManifest.replacingOccurrences(of: "\"sha256\" : \"\(try sha256(ofFile: output))\"", with: "\"sha\" : \"x\"")
        try withoutHash.write(toFile: manifestPath, atomically: true, encoding: .utf8)
        let missing = #expect(throws: ExportError.manifestFieldMissing) { try verifier.verify(clip: output) }
        #expect(missing?.description.contains("manifest field output.sha256 missing") == true, "\(String(describing: missing))")

        try originalManifest.write(toFile: manifestPath, atomically: true, encoding: .utf8)
        let stranger = try #require(Ed25519PublicKey(hex: String(repeating: "ab", count: 32)))
        #expect(throws: ExportError.signatureInvalid) { try ClipVerifier(publicKey: stranger).verify(clip: output) }
        _ = try verifier.verify(clip: output)
    }
}
