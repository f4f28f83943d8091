import Foundation
import Logging
import Testing
import VeilArchive
import VeilCore
import VeilMetrics
import VeilPipeline
@testable import VeilRecorder
import VeilVault

/// Storage pressure in a running recorder's housekeeping, on a real vault and catalog:
/// raw footage goes first, oldest epoch first, and only then redacted footage.
@Suite struct StoragePressureTests {
    struct Archive {
        let harness: RecorderHarness
        let store: SegmentStore
        let vault: Vault
        let now = Date()

        init(harness given: RecorderHarness? = nil) throws {
            let harness = try given ?? RecorderHarness()
            self.harness = harness
            store = try SegmentStore.open(dataDirectory: harness.dataDirectory, hashFile: sha256OfFile)
            vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: harness.dataDirectory),
                                   rawSegments: CatalogRawSegmentDeleter(store: store, fileSystem: .init(dataDirectory: harness.dataDirectory)))
            for hoursAgo in [3.0, 2.0, 1.0] { try addFootage(at: now.addingTimeInterval(-hoursAgo * 3600)) }
        }

        /// One sealed raw segment (200 KB) and one redacted segment (100 KB) starting at `start`.
        func addFootage(at start: Date) throws {
            let raw = try store.prepare(camera: "c", kind: .raw, start: start)
            let epoch = try vault.currentEpoch(camera: "c", at: start)
            let writer = try SealedSegmentWriter(path: raw.path, epoch: epoch, segmentStart: start)
            try writer.write([UInt8](repeating: 7, count: 200_000))
            _ = try writer.finish()
            let rawRecord = try store.adopt(raw, end: start.addingTimeInterval(10), epoch: epoch.epoch.rawValue)
            let redacted = try store.prepare(camera: "c", kind: .redacted, start: start)
            try Data(repeating: 1, count: 100_000).write(to: URL(fileURLWithPath: redacted.temporaryPath))
            _ = try store.commit(redacted, end: start.addingTimeInterval(10), pairedRaw: rawRecord.id)
        }

        func maintenance(maximumBytes: Int64) -> Maintenance {
            Maintenance(vault: vault, store: store, redactedRetention: 30 * 86400, interval: 60,
                        limits: StorageLimits(maximumBytes: maximumBytes), cameras: ["c"], clock: SystemWallClock(),
                        metrics: RecorderMetrics(), logger: Logger(label: "test"))
        }

        func starts(_ kind: SegmentKind) throws -> [Date] {
            try store.catalog.segments(camera: "c", kind: kind, overlapping: Date.distantPast..<Date.distantFuture).map(\.start)
        }
    }

    @Test func rawIsShreddedOldestFirstBeforeAnyRedactedSegment() throws {
        let archive = try Archive()
        defer { archive.harness.remove() }
        let total = try archive.store.catalog.totalBytes()
        let allRedacted = try archive.starts(.redacted)
        try archive.maintenance(maximumBytes: total[.raw]! + total[.redacted]! - 150_000).relieveStoragePressure()

        #expect(try archive.starts(.raw).count == 2, "only the oldest epoch was shredded")
        #expect(try archive.starts(.raw).min()! > allRedacted.min()!, "the oldest raw footage went first")
        #expect(try archive.starts(.redacted) == allRedacted, "no redacted segment was deleted while raw could go")
        let entries = try archive.vault.audit.entries().filter { $0.action == "epoch.shred" }
        #expect(entries.count == 1 && entries[0].reason.contains("shredded early"))
    }

    /// Console exports are copies of footage the archive keeps: under the free-space floor they
    /// go first, oldest first, and an export still being written is left to fail on its own.
    @Test(.enabled(if: SmallDisk.canMount, SmallDisk.skipReason))
    func consoleExportsGoBeforeAnyFootage() throws {
        var mounted: SmallDisk?
        let archive = try Archive(harness: try RecorderHarness { mounted = try SmallDisk(at: $0, kilobytes: 8 << 10) })
        let disk = try #require(mounted)
        defer {
            disk.unmount()
            archive.harness.remove()
        }
        let copies = ExportCopies(dataDirectory: archive.harness.dataDirectory)
        func export(_ name: String, megabytes: Int, finished: Bool) throws {
            let folder = copies.directory + "/" + name
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(repeating: 3, count: megabytes << 20).write(to: URL(fileURLWithPath: folder + "/clip.mp4"))
            if finished { try Data("{}".utf8).write(to: URL(fileURLWithPath: folder + "/" + ExportCopies.finishedMarker)) }
            Thread.sleep(forTimeInterval: 0.02)  // distinct creation times
        }
        try export("older", megabytes: 2, finished: true)
        try export("newer", megabytes: 2, finished: true)
        try export("writing", megabytes: 1, finished: false)
        let floor = disk.freeBytes + (1 << 20)
        let raw = try archive.starts(.raw), redacted = try archive.starts(.redacted)
        let storage = StorageGuard(vault: archive.vault, store: archive.store, limits: StorageLimits(minimumFreeBytes: floor),
                                   cameras: ["c"], clock: SystemWallClock(), metrics: RecorderMetrics(), logger: Logger(label: "test"))
        try storage.relieveOrThrow()

        #expect(Set(copies.copies().map { ($0.folder as NSString).lastPathComponent }) == ["newer", "writing"],
                "the oldest finished export went, and only it")
        #expect(disk.freeBytes >= floor)
        #expect(try archive.starts(.raw) == raw && archive.starts(.redacted) == redacted, "no footage went")
        #expect(try archive.vault.audit.entries().allSatisfy { $0.action != "epoch.shred" })
    }

    @Test func redactedGoesOnlyOnceNoRawIsLeft() throws {
        let archive = try Archive()
        defer { archive.harness.remove() }
        try archive.maintenance(maximumBytes: 150_000).relieveStoragePressure()

        #expect(try archive.starts(.raw).isEmpty, "every shreddable epoch is gone")
        let redacted = try archive.starts(.redacted)
        #expect(redacted.count == 1, "the newest redacted segment is kept: \(redacted)")
    }
}
