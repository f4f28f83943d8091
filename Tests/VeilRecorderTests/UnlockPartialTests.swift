import Foundation
import Testing
import VeilArchive
import VeilRecorder
import VeilVault
import VeilExport

/// A range over two epochs, one shredded: the refusal names the shredded part and when it
/// was destroyed; `partial` unlocks the live epoch's segments and says what it skipped.
@Suite(.serialized) struct UnlockPartialTests {
    @Test func partiallyShreddedRangeIsNamedAndPartialUnlocksTheRest() throws {
        let recording = try ExportRecording.shared()
        let data = try recording.outputFolder() + "/data"
        try FileManager.default.copyItem(atPath: recording.harness.dataDirectory, toPath: data)
        let raw = try recording.harness.segments(ExportRecording.camera, .raw)
        let first = try #require(raw.first), last = try #require(raw.last)

        // An older epoch two days back, with one catalogued raw segment, shredded by the sweep.
        let vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: data))
        let oldStart = first.start.addingTimeInterval(-2 * 86400)
        let oldEpoch = try vault.currentEpoch(camera: ExportRecording.camera, at: oldStart).epoch
        _ = try Catalog(dataDirectory: data).insert(NewSegment(
            camera: ExportRecording.camera, kind: .raw, start: oldStart, end: oldStart.addingTimeInterval(2),
            path: "raw/\(ExportRecording.camera)/old/000000.veilraw", bytes: 1, sha256: String(repeating: "0", count: 64),
            epoch: oldEpoch.rawValue))
        _ = try vault.sweep(asOf: Date().addingTimeInterval(1))
        let tombstone = try #require(try vault.shreddedEpoch(camera: ExportRecording.camera, epoch: oldEpoch))
        #expect(try vault.shreddedEpoch(camera: ExportRecording.camera, epoch: #require(EpochID(rawValue: first.epoch ?? ""))) == nil)

        let unlocker = RawUnlocker(vault: vault, dataDirectory: data, operatingSystemActor: "os-user:test")
        let folder = try recording.outputFolder()
        var request = UnlockRequest(camera: ExportRecording.camera, range: oldStart..<last.end, officer: RecorderHarness.officer,
                                    reason: "incident 9", output: folder + "/raw.mp4")
        let error = #expect(throws: UnlockError.shredded) {
            try unlocker.unlock(request, passphrase: { Passphrase(RecorderHarness.passphrase) })
        }
        let message = String(describing: error)
        #expect(message.contains("\(Timestamps.format(oldStart)) – \(Timestamps.format(tombstone.end))"), "\(message)")
        #expect(message.contains("destroyed at \(Timestamps.format(tombstone.shreddedAt))") && message.contains("--partial"), "\(message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)

        request.partial = true
        let result = try unlocker.unlock(request, passphrase: { Passphrase(RecorderHarness.passphrase) })
        #expect(result.plan.segments.map(\.id) == raw.map(\.id) && result.plan.shredded.count == 1)
        #expect(try FrameChecksums.of(file: result.output).count > 0)
        let entry = try #require(try vault.audit.entries().last)
        #expect(entry.action == "unlock" && entry.reason.hasPrefix("incident 9 (partial: shredded "), "\(entry)")
        _ = try vault.audit.verify()
    }
}
