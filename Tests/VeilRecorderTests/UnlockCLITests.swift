import Foundation
import Testing
import VeilVault
import VeilArchive

/// The real `veil unlock` process on the shared recording, passphrase from a file.
@Suite(.serialized) struct UnlockCLITests {
    @Test(.enabled(if: ExportCLITests.available)) func unlockAndRefusalAreAudited() throws {
        let recording = try ExportRecording.shared()
        let folder = try recording.outputFolder()
        // A copy of the data directory, so no other suite appends to this audit log meanwhile.
        let data = folder + "/data"
        try FileManager.default.copyItem(atPath: recording.harness.dataDirectory, toPath: data)
        let secret = folder + "/passphrase"
        try (RecorderHarness.passphrase + "\n").write(toFile: secret, atomically: true, encoding: .utf8)
        let common = ["unlock", "--camera", ExportRecording.camera, "--from", "-1h", "--to", "now", "--officer", RecorderHarness.officer,
                      "-o", folder + "/raw.mp4", "--passphrase-file", secret, "--data-dir", data]

        let refused = try ExportCLITests().veil(common)
        #expect(refused.status != 0 && refused.errors.contains("no reason given"), "\(refused.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/raw.mp4"))
        let log = try Vault.open(configuration: VaultConfiguration(dataDirectory: data)).audit
        #expect(try log.entries().last?.action == "unlock.refused")

        let unlocked = try ExportCLITests().veil(common + ["--reason", "incident 11"])
        #expect(unlocked.status == 0, "\(unlocked.errors)")
        #expect(unlocked.output.contains("unlocked \(folder)/raw.mp4: \(try recording.harness.segments(ExportRecording.camera, .raw).count) raw segment(s), 1 track(s)"), "\(unlocked.output)")
        let entry = try #require(try log.entries().last)
        #expect(entry.action == "unlock" && entry.actor == RecorderHarness.officer && entry.reason == "incident 11")
        _ = try log.verify()
    }
}
