import Foundation
import Testing
import VeilArchive
import VeilVault
import VeilTestSupport

/// `veil export` and `veil unlock` (the real processes) writing to a 512 KiB tmpfs, smaller
/// than the clip: one clear error naming the output and "no space", the partial output
/// removed, and nothing in the archive changed (the unlock's audit entries aside, which record
/// the refusal as every refusal is recorded).
@Suite(.serialized) struct OutputDiskFullTests {
    /// A copy of the shared recording's data directory and a tiny disk for the output.
    struct Setup {
        let data: String
        let disk: SmallDisk
        let folder: String

        init() throws {
            let recording = try ExportRecording.shared()
            folder = try recording.outputFolder()
            data = folder + "/data"
            try FileManager.default.copyItem(atPath: recording.harness.dataDirectory, toPath: data)
            disk = try SmallDisk(at: folder + "/out", kilobytes: 512)
        }

        /// SHA-256 of every file under the data directory except `skipping` (relative paths)
        /// and SQLite's shared-memory index, which readers rewrite.
        func archive(skipping: Set<String> = []) throws -> [String: String] {
            let check = ArchiveCheck(dataDirectory: data)
            var hashes: [String: String] = [:]
            for file in check.files where !skipping.contains(file) && !file.hasSuffix("-shm") {
                hashes[file] = try sha256(ofFile: data + "/" + file)
            }
            return hashes
        }

        var outputFiles: [String] { (try? FileManager.default.contentsOfDirectory(atPath: disk.path)) ?? [] }
    }

    @Test(.enabled(if: SmallDisk.canMount && ExportCLITests.available, SmallDisk.skipReason))
    func exportToAFullDiskSaysSoAndLeavesNothing() throws {
        let setup = try Setup()
        defer { setup.disk.unmount() }
        let before = try setup.archive()
        let output = setup.disk.path + "/clip.mp4"
        let result = try ExportCLITests().veil(["export", "--camera", ExportRecording.camera, "--from", "-1h", "--to", "now",
                                                "-o", output, "--data-dir", setup.data])

        #expect(result.status != 0)
        let lines = result.errors.split(separator: "\n").filter { $0.hasPrefix("veil: error:") }
        #expect(lines.count == 1 && lines[0].contains("no space") && lines[0].contains(output), "\(result.errors)")
        #expect(setup.outputFiles.isEmpty, "the partial clip and manifest were removed: \(setup.outputFiles)")
        #expect(try setup.archive() == before, "nothing in the archive changed")
        ReliabilityLog.record(scenario: "disk-full/export-output", runs: 1, lost: "nothing (export refused, archive unchanged)",
                              details: ["outputKiB": 512, "partialFilesLeft": setup.outputFiles.count])
    }

    @Test(.enabled(if: SmallDisk.canMount && ExportCLITests.available, SmallDisk.skipReason))
    func unlockToAFullDiskSaysSoAndLeavesNothing() throws {
        let setup = try Setup()
        defer { setup.disk.unmount() }
        let audit = "audit/audit.log"
        let before = try setup.archive(skipping: [audit])
        let entries = try Vault.open(configuration: VaultConfiguration(dataDirectory: setup.data)).audit.entries().count
        let secret = setup.folder + "/passphrase"
        try (RecorderHarness.passphrase + "\n").write(toFile: secret, atomically: true, encoding: .utf8)
        let output = setup.disk.path + "/raw.mp4"
        let result = try ExportCLITests().veil(["unlock", "--camera", ExportRecording.camera, "--from", "-1h", "--to", "now",
                                                "--officer", RecorderHarness.officer, "--reason", "incident 11", "-o", output,
                                                "--passphrase-file", secret, "--data-dir", setup.data])

        #expect(result.status != 0)
        let lines = result.errors.split(separator: "\n").filter { $0.hasPrefix("veil: error:") }
        #expect(lines.count == 1 && lines[0].contains("no space") && lines[0].contains(output), "\(result.errors)")
        #expect(setup.outputFiles.isEmpty, "the partial raw footage was removed: \(setup.outputFiles)")
        #expect(try setup.archive(skipping: [audit]) == before, "nothing in the archive changed but the audit log")
        let log = try Vault.open(configuration: VaultConfiguration(dataDirectory: setup.data)).audit
        let added = try log.entries().dropFirst(entries)
        #expect(added.last?.action == "unlock.refused" && added.last?.reason.contains("no space") == true, "\(added.map(\.action))")
        #expect(added.allSatisfy { ["segment.open", "unlock.refused"].contains($0.action) })
        _ = try log.verify()
        ReliabilityLog.record(scenario: "disk-full/unlock-output", runs: 1, lost: "nothing (unlock refused and audited, archive unchanged)",
                              details: ["outputKiB": 512, "partialFilesLeft": setup.outputFiles.count])
    }
}
