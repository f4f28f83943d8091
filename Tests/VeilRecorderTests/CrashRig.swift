import Foundation
import Testing
import VeilArchive
@testable import VeilRecorder
import VeilVault
import VeilTestSupport

/// One data directory, one camera and the `veil record` process that a crash test kills over
/// and over; after each kill it runs the start-up a restart runs and judges what is left.
final class CrashRig {
    /// What one kill cost and what was wrong afterwards (empty `problems`: consistent).
    struct Outcome {
        let moment: CrashConsistencyTests.Moment
        var problems: [String] = []
        /// Temporary segment files reconciliation removed (raw and redacted counted apart): the
        /// footage in progress at the kill, at most one segment of each kind.
        var segmentsInProgressLost = 0
        /// Everything the restart repaired (temporary files, interrupted commits and shreds).
        var repairs = 0
        var rawOpened = 0
        /// Segments catalogued just before the kill, renamed into place by the restart.
        var commitsFinished = 0
        /// A sweep kill that left a shred for the restart to finish.
        var interruptedShred = false
    }

    let server: RTSPTestServer
    let harness: RecorderHarness
    let vaultConfiguration: VaultConfiguration
    private let temporary: URL
    private let log: URL
    private let config: String
    private var opened = Set<SegmentID>()
    private var plantedMinutes = 0
    private var planted: [(camera: String, epoch: String)] = []
    private let origin = Date().addingTimeInterval(-3 * 3600)
    /// Unlocked once (scrypt is slow on purpose); opens segments through each restart's vault.
    private let officer: UnlockedOfficerKey

    init() throws {
        server = try RTSPTestServer()
        harness = try RecorderHarness()
        vaultConfiguration = VaultConfiguration(dataDirectory: harness.dataDirectory, epochLength: 60)
        temporary = harness.directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        log = harness.directory.appendingPathComponent("record.log")
        config = harness.directory.appendingPathComponent("veil.yaml").path
        try (harness.configurationText(cameras: LiveRecordingTests.camera(CrashConsistencyTests.camera, url: server.url()))
            + "retention:\n  epochLength: 1m\n").write(toFile: config, atomically: true, encoding: .utf8)
        officer = try Vault.open(configuration: vaultConfiguration)
            .unlockOfficer(name: RecorderHarness.officer, passphrase: Passphrase(RecorderHarness.passphrase))
    }

    static func secondsToNextMinute(_ now: Date = Date()) -> Double {
        60 - now.timeIntervalSince1970.truncatingRemainder(dividingBy: 60)
    }

    /// Starts the recorder, kills it with SIGKILL at `moment`, recovers and checks.
    func killAndRecover(at moment: CrashConsistencyTests.Moment, using generator: inout SeededGenerator) throws -> Outcome {
        var outcome = Outcome(moment: moment)
        switch moment {
        case .segmentClose:
            let closes = finalRawFiles + 1 + Int.random(in: 0...1, using: &generator)
            // Right after the rename: the sealed file is in place, its row being written.
            let delay = Double.random(in: 0...0.015, using: &generator)
            let process = try start()
            poll(seconds: 40) { self.finalRawFiles >= closes || !process.isRunning }
            Thread.sleep(forTimeInterval: delay)
            kill(process)
        case .sweep:
            try plantExpiredEpochs(6)
            let shredded = tombstoneFiles + Int.random(in: 1...5, using: &generator)
            let process = try start()
            poll(seconds: 40) { self.tombstoneFiles >= shredded || !process.isRunning }
            kill(process)
            outcome.interruptedShred = VaultFiles(dataDirectory: harness.dataDirectory).tombstones.contains { !$0.rawDeleted }
                || planted.contains { key in VaultFiles(dataDirectory: harness.dataDirectory).keys.contains { $0.epoch == key.epoch } }
        case .epochBoundary:
            let boundary = Date().addingTimeInterval(Self.secondsToNextMinute())
            let offset = Double.random(in: 0.1...2.6, using: &generator)
            let before = finalRawFiles
            let process = try start()
            poll(seconds: boundary.timeIntervalSinceNow) { self.finalRawFiles > before || !process.isRunning }
            Thread.sleep(forTimeInterval: max(0, boundary.addingTimeInterval(offset).timeIntervalSinceNow))
            kill(process)
        }
        try recoverAndCheck(&outcome)
        return outcome
    }

    private func start() throws -> Process {
        try DaemonTests.startRecorder(config: config, temporary: temporary, log: log)
    }

    private func kill(_ process: Process) {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    private func poll(seconds: Double, until condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, !condition() { usleep(1_000) }
    }

    /// Finished raw segment files on disk (renamed into place).
    private var finalRawFiles: Int {
        ArchiveCheck(dataDirectory: harness.dataDirectory).files.filter {
            $0.hasSuffix(".veilraw") && !($0 as NSString).lastPathComponent.hasPrefix(".")
        }.count
    }

    private var tombstoneFiles: Int {
        let folder = harness.dataDirectory + "/vault/tombstones/" + CrashConsistencyTests.camera
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".tomb") && !$0.hasPrefix(".") }.count
    }

    /// Epochs of hours ago, long expired, each with two sealed raw segments in the catalog:
    /// work for the start-up sweep the next kill interrupts.
    private func plantExpiredEpochs(_ count: Int) throws {
        let store = try SegmentStore.open(dataDirectory: harness.dataDirectory, hashFile: sha256OfFile)
        let vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: harness.dataDirectory, rawRetention: 60,
                                                                     epochLength: 60))
        for _ in 0..<count {
            let start = origin.addingTimeInterval(Double(plantedMinutes) * 60)
            plantedMinutes += 1
            let epoch = try vault.currentEpoch(camera: CrashConsistencyTests.camera, at: start)
            planted.append((CrashConsistencyTests.camera, epoch.epoch.rawValue))
            for second in [0.0, 30.0] {
                let at = start.addingTimeInterval(second)
                let pending = try store.prepare(camera: CrashConsistencyTests.camera, kind: .raw, start: at)
                let writer = try SealedSegmentWriter(path: pending.path, epoch: epoch, segmentStart: at)
                try writer.write([UInt8](repeating: 7, count: 64 << 10))
                _ = try writer.finish()
                try store.adopt(pending, end: at.addingTimeInterval(30), epoch: epoch.epoch.rawValue)
            }
        }
    }

    /// What a restart does, then every promise checked.
    private func recoverAndCheck(_ outcome: inout Outcome) throws {
        let recovery = try ArchiveRecovery(dataDirectory: harness.dataDirectory, vaultConfiguration: vaultConfiguration)
        let now = Date()
        let report = recovery.reconciliation
        outcome.segmentsInProgressLost = Set(report.removedTemporaryFiles.map { ($0 as NSString).lastPathComponent }).count
        outcome.commitsFinished = report.completedCommits.count
        outcome.repairs = report.lines.count + recovery.vault.startupSweep.shredded.count + recovery.vault.startupSweep.completedDeletions.count
        var problems: [String] = []
        if !report.unknownFiles.isEmpty { problems.append("files without a catalog row: \(report.unknownFiles)") }
        if !report.missingSegments.isEmpty { problems.append("catalogued segments whose file is gone: \(report.missingSegments.map(\.path))") }
        let again = try recovery.store.reconcile()
        if !again.isClean { problems.append("a second reconciliation still finds: \(again.lines)") }
        if try recovery.store.catalog.pragma("integrity_check") != "ok" { problems.append("the catalog fails SQLite's integrity check") }

        let check = ArchiveCheck(dataDirectory: harness.dataDirectory)
        if !check.temporaryFiles.isEmpty { problems.append("temporary files left: \(check.temporaryFiles)") }
        let disagreements = try check.disagreements(cameras: [CrashConsistencyTests.camera])
        if !disagreements.uncatalogued.isEmpty || !disagreements.withoutFile.isEmpty { problems.append("disk and catalog differ: \(disagreements)") }

        // Keys: none past its time, none destroyed before it, none missing for footage in the catalog.
        let files = VaultFiles(dataDirectory: harness.dataDirectory)
        let keys = files.keys, tombstones = files.tombstones
        for key in keys where key.expiresAt <= now { problems.append("key \(key.camera)/\(key.epoch) survived its expiry \(key.expiresAt)") }
        for tombstone in tombstones {
            if let shredded = tombstone.shreddedAt, shredded < tombstone.expiresAt {
                problems.append("key \(tombstone.camera)/\(tombstone.epoch) destroyed at \(shredded), before its expiry \(tombstone.expiresAt)")
            }
            if !tombstone.rawDeleted { problems.append("shred of \(tombstone.epoch) left unfinished after the restart") }
        }
        for epoch in planted where keys.contains(where: { $0.epoch == epoch.epoch }) || !tombstones.contains(where: { $0.epoch == epoch.epoch }) {
            problems.append("expired epoch \(epoch.epoch) was not shredded by the restart")
        }
        let raw = try harness.segments(CrashConsistencyTests.camera, .raw)
        for segment in raw where !keys.contains(where: { $0.epoch == segment.epoch }) {
            problems.append("raw segment \(segment.path) is catalogued but the key of epoch \(segment.epoch ?? "-") is gone")
        }
        // Every catalogued raw segment opens with the officer's key, to its last chunk.
        for segment in raw where !opened.contains(segment.id) {
            do {
                let bytes = try recovery.vault.openSegment(at: harness.path(of: segment), officer: officer, reason: "crash test").readAll()
                if bytes.isEmpty { problems.append("raw segment \(segment.path) opened empty") }
                opened.insert(segment.id)
                outcome.rawOpened += 1
            } catch {
                problems.append("raw segment \(segment.path) does not open: \(error)")
            }
        }
        do { _ = try recovery.vault.audit.verify() } catch { problems.append("audit log: \(error)") }
        outcome.problems = problems
    }
}
