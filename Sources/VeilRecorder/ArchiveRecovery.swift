import Foundation
public import VeilArchive
public import VeilCore
public import VeilVault

/// What `veil record` does to its data directory before any camera is read, in this order:
/// open the catalog, open the vault (whose first act is to shred every expired epoch,
/// finishing any shred a crash interrupted), then reconcile the catalog with the disk
/// (leftover temporary files removed, interrupted commits and shreds completed).
/// Public so a crash test can run exactly the start-up a restart would.
public struct ArchiveRecovery: Sendable {
    public let store: SegmentStore
    public let vault: Vault
    public let reconciliation: ReconciliationReport

    /// `clock` is the recorder's wall time, read by the catalog and the vault alike.
    public init(dataDirectory: String, vaultConfiguration: VaultConfiguration,
                clock: any WallClock = SystemWallClock()) throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        store = try SegmentStore.open(dataDirectory: dataDirectory, hashFile: sha256OfFile, now: { clock.now() })
        let deleter = CatalogRawSegmentDeleter(store: store, fileSystem: FileSystemRawSegmentDeleter(dataDirectory: dataDirectory))
        vault = try Vault.open(configuration: vaultConfiguration, clock: clock, rawSegments: deleter)
        reconciliation = try store.reconcile()
    }
}
