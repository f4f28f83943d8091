import Foundation
import Testing
import VeilTestSupport
import VeilRecorder
import VeilVault
import VeilExport
import VeilArchive

/// The real `veil export`, `veil verify` and `veil export-key` processes on the shared recording.
@Suite(.serialized) struct ExportCLITests {
    static var available: Bool { VeilProcess.isBuilt }

    func veil(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let outcome = try TestSupport.launch(DaemonTests.veil, arguments)
        return (outcome.status, outcome.standardOutput, outcome.errors)
    }

    @Test(.enabled(if: ExportCLITests.available)) func exportIsAuditedAndVerifies() throws {
        let recording = try ExportRecording.shared()
        let data = recording.harness.dataDirectory
        let output = try recording.outputFolder() + "/clip.mp4"
        let exported = try veil(["export", "--camera", ExportRecording.camera, "--from", "-1h", "--to", "now",
                                 "-o", output, "--reason", "incident 7", "--data-dir", data])
        #expect(exported.status == 0, "\(exported.errors)")
        #expect(exported.output.contains("exported \(output): \(recording.segments.count) segment(s)"), "\(exported.output)")

        let manifest = try JSONDecoder().decode(ExportManifest.self, from: Data(contentsOf: URL(fileURLWithPath: output + ".manifest.json")))
        let entry = try #require(try Vault.open(configuration: VaultConfiguration(dataDirectory: data)).audit.entries().last)
        #expect(entry.action == "export" && entry.actor.hasPrefix("os-user:") && entry.reason == "incident 7")
        #expect(entry.subject.contains("camera=\(ExportRecording.camera)") && entry.subject.contains("sha256=\(manifest.output.sha256)"))

        let verified = try veil(["verify", output, "--data-dir", data])
        #expect(verified.status == 0 && verified.output.hasPrefix("OK: "), "\(verified.errors)")
        let key = try veil(["export-key", "--data-dir", data])
        #expect(key.output.contains("-----BEGIN PUBLIC KEY-----") && key.output.contains(manifest.signature?.publicKey ?? "-"))

        var bytes = try Data(contentsOf: URL(fileURLWithPath: output))
        bytes[bytes.count - 10] ^= 0xff
        try bytes.write(to: URL(fileURLWithPath: output))
        let tampered = try veil(["verify", output, "--data-dir", data])
        #expect(tampered.status != 0)
        #expect(tampered.errors.contains("clip.mp4: SHA-256 differs from the manifest"), "\(tampered.errors)")

        let refused = try veil(["export", "--camera", "garage", "--from", "-1h", "--to", "now", "-o", output + ".2.mp4", "--data-dir", data])
        #expect(refused.status != 0 && refused.errors.contains("camera 'garage' has no redacted footage"), "\(refused.errors)")
    }

    @Test(.enabled(if: ExportCLITests.available)) func exactExportSaysWhatWasReencodedAndVerifies() throws {
        let recording = try ExportRecording.shared()
        let data = recording.harness.dataDirectory
        let segment = try #require(recording.segments.dropFirst().first)
        let output = try recording.outputFolder() + "/exact.mp4"
        let exported = try veil(["export", "--camera", ExportRecording.camera,
                                 "--from", Timestamps.format(segment.start.addingTimeInterval(0.5)),
                                 "--to", Timestamps.format(segment.end.addingTimeInterval(0.5)),
                                 "-o", output, "--exact", "--data-dir", data])
        #expect(exported.status == 0, "\(exported.errors)")
        #expect(exported.output.contains("frames re-encoded at the ends"), "\(exported.output)")
        #expect(exported.errors.isEmpty, "no library chatter from the re-encoder: \(exported.errors)")
        let manifest = try JSONDecoder().decode(ExportManifest.self, from: Data(contentsOf: URL(fileURLWithPath: output + ".manifest.json")))
        #expect(manifest.exact == true && (manifest.output.reencodedFrames ?? 0) > 0)
        let verified = try veil(["verify", output, "--data-dir", data])
        #expect(verified.status == 0 && verified.output.hasPrefix("OK: "), "\(verified.errors)")
    }
}
