import Foundation
import Testing
import VeilArchive
import VeilMedia
import VeilRecorder
import VeilVault
import VeilExport

/// `RawUnlocker` on the shared real recording: the officer's MP4 holds the raw stream's
/// pictures bit for bit; every refusal writes nothing and is audited; a shredded epoch is
/// refused with its shredded-at time; the audit chain still verifies afterwards.
@Suite(.serialized) struct UnlockTests {
    typealias Harness = RecorderHarness

    /// A copy of the shared recording's data directory, made once: this suite's audit entries
    /// then never interleave with the export suites' (which read the log's last entry).
    private static let copy = Result { () throws -> String in
        let recording = try ExportRecording.shared()
        let data = try recording.outputFolder() + "/data"
        try FileManager.default.copyItem(atPath: recording.harness.dataDirectory, toPath: data)
        return data
    }

    /// The sealed raw segment decrypted in memory by the officer, from the copy.
    func openRaw(_ segment: SegmentRecord, in data: String) throws -> [UInt8] {
        let vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: data))
        let officer = try vault.unlockOfficer(name: Harness.officer, passphrase: Passphrase(Harness.passphrase))
        return try vault.openSegment(at: data + "/" + segment.path, officer: officer, reason: "test").readAll()
    }

    func unlocker(_ data: String) throws -> RawUnlocker {
        RawUnlocker(vault: try Vault.open(configuration: VaultConfiguration(dataDirectory: data)), dataDirectory: data,
                    operatingSystemActor: "os-user:test")
    }

    func request(_ recording: ExportRecording, output: String, officer: String = Harness.officer,
                 reason: String = "incident 42") throws -> UnlockRequest {
        let raw = try recording.harness.segments(ExportRecording.camera, .raw)
        let first = try #require(raw.first), last = try #require(raw.last)
        return UnlockRequest(camera: ExportRecording.camera, range: first.start..<last.end, officer: officer,
                             reason: reason, output: output)
    }

    /// The last audit entry about `request` (other suites append to the shared log concurrently).
    func lastEntry(_ data: String, about request: UnlockRequest) throws -> AuditEntry {
        try #require(try Vault.open(configuration: VaultConfiguration(dataDirectory: data)).audit.entries()
            .last { $0.subject.hasPrefix(request.subject) && $0.action.hasPrefix("unlock") })
    }

    @Test func unlockWithinRetentionIsTheRawStreamBitForBitMode0600() throws {
        let recording = try ExportRecording.shared()
        let data = try Self.copy.get()
        let folder = try recording.outputFolder()
        let output = folder + "/raw.mp4"
        let raw = try recording.harness.segments(ExportRecording.camera, .raw)
        let unlock = try request(recording, output: output)
        let result = try unlocker(data).unlock(unlock, passphrase: { Passphrase(Harness.passphrase) })

        #expect(result.plan.segments.map(\.id) == raw.map(\.id) && result.plan.shredded.isEmpty)
        let expected = try raw.enumerated().flatMap { index, segment in
            try FrameChecksums.of(bytes: try openRaw(segment, in: data), in: URL(fileURLWithPath: folder), name: "check-\(index).ts")
        }
        let unlocked = try FrameChecksums.of(file: output)
        #expect(!expected.isEmpty && unlocked == expected, "decoded frames: \(unlocked.count) unlocked, \(expected.count) raw")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? NSNumber)
        #expect(mode.intValue & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["raw.mp4"], "no temporary file left")
        let span = raw.last!.end.timeIntervalSince(raw.first!.start)
        let duration = try #require(try Demuxer(url: output).durationSeconds)
        #expect(abs(duration - span) < 0.6, "timeline continuous: \(duration) s for segments spanning \(span) s")

        let entry = try lastEntry(data, about: unlock)
        #expect(entry.action == "unlock" && entry.actor == Harness.officer && entry.reason == "incident 42")
        #expect(entry.subject.contains("camera=\(ExportRecording.camera)") && entry.subject.contains("sha256=\(result.sha256)"))
    }

    @Test(arguments: [
        ("wrong passphrase", Harness.officer, "not the passphrase", "incident 1", "wrong passphrase"),
        ("unknown officer", "mallory", Harness.passphrase, "incident 2", "mallory"),
        ("missing reason", Harness.officer, Harness.passphrase, "  ", "no reason given"),
    ])
    func refusalsWriteNothingAndAreAudited(_ label: String, officer: String, passphrase: String, reason: String, message: String) throws {
        let recording = try ExportRecording.shared()
        let data = try Self.copy.get()
        let folder = try recording.outputFolder()
        let unlock = try request(recording, output: folder + "/raw.mp4", officer: officer, reason: reason)
        let error = #expect(throws: (any Error).self, "\(label)") {
            try unlocker(data).unlock(unlock, passphrase: { Passphrase(passphrase) })
        }
        #expect(String(describing: error).lowercased().contains(message), "\(label): \(String(describing: error))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "\(label): nothing written")
        let entry = try lastEntry(data, about: unlock)
        #expect(entry.action == "unlock.refused" && entry.subject.contains("officer=\(officer)"), "\(label): \(entry)")
        #expect(entry.actor == (officer == Harness.officer ? officer : "os-user:test"))
        #expect(entry.reason.contains("refused: "))
    }

    @Test func shreddedEpochIsRefusedWithItsShreddedAtTimeAndTheAuditLogVerifies() throws {
        let recording = try ExportRecording.shared()
        // A copy of the recording's data directory, so the shared one keeps its keys.
        let data = try recording.outputFolder() + "/data"
        try FileManager.default.copyItem(atPath: recording.harness.dataDirectory, toPath: data)
        let vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: data))
        let report = try vault.sweep(asOf: Date().addingTimeInterval(25 * 3600))
        let shred = try #require(report.shredded.first { $0.camera == ExportRecording.camera })
        let tombstone = try #require(try vault.shreddedEpoch(camera: ExportRecording.camera, epoch: shred.epoch))

        let folder = try recording.outputFolder()
        var unlock = try request(recording, output: folder + "/raw.mp4")
        let error = #expect(throws: UnlockError.shredded) {
            try unlocker(data).unlock(unlock, passphrase: { Passphrase(Harness.passphrase) })
        }
        let message = String(describing: error)
        #expect(message.contains("destroyed at \(Timestamps.format(tombstone.shreddedAt))"), "\(message)")
        #expect(message.contains("epoch \(shred.epoch)"), "\(message)")
        unlock.partial = true
        #expect(throws: UnlockError.shredded, "--partial with nothing left") {
            try unlocker(data).unlock(unlock, passphrase: { Passphrase(Harness.passphrase) })
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        let entry = try lastEntry(data, about: unlock)
        #expect(entry.action == "unlock.refused" && entry.reason.contains(Timestamps.format(tombstone.shreddedAt)))

        _ = try Vault.open(configuration: VaultConfiguration(dataDirectory: data)).audit.verify()
        _ = try Vault.open(configuration: VaultConfiguration(dataDirectory: try Self.copy.get())).audit.verify()
    }

    @Test func rangeWithoutRawFootageNamesTheRange() throws {
        let recording = try ExportRecording.shared()
        let folder = try recording.outputFolder()
        let from = Date().addingTimeInterval(-30 * 86400)
        let unlock = UnlockRequest(camera: ExportRecording.camera, range: from..<from.addingTimeInterval(60), officer: Harness.officer,
                                   reason: "incident 3", output: folder + "/raw.mp4")
        let error = #expect(throws: UnlockError.noFootage) {
            try unlocker(try Self.copy.get()).unlock(unlock, passphrase: { Passphrase(Harness.passphrase) })
        }
        #expect(String(describing: error).contains(Timestamps.format(from)))
    }
}
