import Foundation
public import VeilCore

/// The vault: officers, epoch keys, retention and the audit log, over the files under
/// `<data_dir>`. Stateless apart from those files, so several processes may use it; the
/// operations that change keys serialise on a vault-wide lock.
///
/// `Vault.open` checks every record and runs the retention sweeper once before returning,
/// so nothing can seal or open footage before expired epochs are shredded.
public struct Vault: Sendable {
    public let configuration: VaultConfiguration
    public let audit: AuditLog
    /// What the start-up sweep did.
    public let startupSweep: SweepReport
    let clock: any WallClock
    let rawSegments: any RawSegmentDeleting
    let layout: VaultLayout
    let officerStore: OfficerStore
    let epochStore: EpochKeyStore

    /// Validates the configuration and every record, removes crash leftovers (temporary files,
    /// key records a shred was interrupted on), sweeps once.
    /// Throws (naming the file) if a record is corrupt or tampered, after shredding what
    /// it could: a bad record never delays the destruction of other expired keys.
    public static func open(configuration: VaultConfiguration, clock: any WallClock = SystemWallClock(),
                            rawSegments: (any RawSegmentDeleting)? = nil) throws -> Vault {
        let problems = configuration.problems
        guard problems.isEmpty else {
            throw VaultError(.invalidArgument, "vault configuration is invalid: \(problems.joined(separator: "; ")).")
        }
        let layout = VaultLayout(dataDirectory: configuration.dataDirectory)
        let unswept = Vault(configuration: configuration, clock: clock,
                            rawSegments: rawSegments ?? FileSystemRawSegmentDeleter(dataDirectory: configuration.dataDirectory),
                            layout: layout, startupSweep: SweepReport())
        let finished = try VaultLock.withLock(layout) {
            _ = try unswept.epochStore.removeStaleTemporaryFiles()
            return try unswept.epochStore.finishInterruptedShreds()
        }
        for path in finished {
            _ = try? unswept.audit.append(actor: "veil-sweeper", action: "epoch.shred", subject: path,
                                          reason: "a shred interrupted by a crash was finished at start-up")
        }
        let recordProblems = unswept.validateRecords()
        let report = try unswept.sweep()
        if let first = recordProblems.first {
            let more = recordProblems.count > 1 ? " (and \(recordProblems.count - 1) more problem(s): \(recordProblems.dropFirst().map(\.description).joined(separator: " | ")))" : ""
            throw VaultError(first.code, first.description + more)
        }
        return Vault(configuration: configuration, clock: clock, rawSegments: unswept.rawSegments, layout: layout, startupSweep: report)
    }

    private init(configuration: VaultConfiguration, clock: any WallClock, rawSegments: any RawSegmentDeleting,
                 layout: VaultLayout, startupSweep: SweepReport) {
        self.configuration = configuration
        self.clock = clock
        self.rawSegments = rawSegments
        self.layout = layout
        self.startupSweep = startupSweep
        officerStore = OfficerStore(layout: layout)
        epochStore = EpochKeyStore(layout: layout)
        audit = AuditLog(path: layout.auditLog, clock: clock)
    }

    /// Every corrupt or tampered officer record, epoch key record or tombstone.
    func validateRecords() -> [VaultError] {
        var problems: [VaultError] = []
        func check(_ body: () throws -> Void) {
            do { try body() } catch let error as VaultError { problems.append(error) } catch {
                problems.append(VaultError(.ioFailure, "\(error)"))
            }
        }
        for name in (try? DurableFiles.list(layout.officers)) ?? [] where name.hasSuffix(".officer") && !name.hasPrefix(".") {
            let path = layout.officers + "/" + name
            check { _ = try RecordFile.read(OfficerRecord.self, at: path, what: "officer record").validated(path: path) }
        }
        check {
            for path in try epochStore.recordPaths() {
                check { _ = try RecordFile.read(EpochKeyRecord.self, at: path, what: "epoch key record").validated(path: path, layout: layout) }
            }
            for path in try epochStore.tombstonePaths() { check { _ = try epochStore.readTombstone(at: path) } }
        }
        return problems
    }
}
