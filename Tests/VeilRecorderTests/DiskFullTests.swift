import Foundation
import Testing
import VeilArchive
@testable import VeilRecorder
import VeilTestSupport

/// `veil record` (the real process, a real RTSP camera) with its data directory on a small
/// tmpfs the test mounts, the looped sample filling it: issue 11's report was free space at
/// 0 bytes, failed sealed writes, SQLITE_FULL, the last seconds lost and a file without a row.
@Suite(.serialized) struct DiskFullTests {
    static let camera = "hall"
    static let minimumFree: Int64 = 4 << 20

    /// A data directory on a fresh `megabytes` MiB tmpfs with one officer, a camera, and a
    /// configuration of `segmentSeconds` segments (5 s as in the report) keeping `storage.minFreeBytes: 4MiB`. Redacted segments
    /// are encoded small (CRF 40, a tenth of the raw), so within the test only raw has to go.
    struct Setup {
        let server: RTSPTestServer
        let harness: RecorderHarness
        let disk: SmallDisk
        let config: String
        let log: URL
        let temporary: URL

        init(megabytes: Int, segmentSeconds: Int = 5) throws {
            server = try RTSPTestServer()
            var mounted: SmallDisk?
            harness = try RecorderHarness { mounted = try SmallDisk(at: $0, kilobytes: megabytes << 10) }
            disk = mounted!
            temporary = harness.directory.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            log = harness.directory.appendingPathComponent("record.log")
            config = harness.directory.appendingPathComponent("veil.yaml").path
            try """
                dataDirectory: \(harness.dataDirectory)
                segmentSeconds: \(segmentSeconds)
                storage:
                  minFreeBytes: 4MiB
                metrics:
                  listen: 127.0.0.1:0
                redaction:
                  encoder:
                    preset: ultrafast
                    crf: 40
                cameras:
                \(LiveRecordingTests.camera(DiskFullTests.camera, url: server.url()))
                """.write(toFile: config, atomically: true, encoding: .utf8)
        }

        func remove() {
            disk.unmount()
            harness.remove()
        }

        func start() throws -> Process { try DaemonTests.startRecorder(config: config, temporary: temporary, log: log) }

        var daemonLog: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// Raw rows of the camera in every status, oldest first.
        func rawRows() throws -> [SegmentRecord] {
            try harness.catalog.segments(camera: DiskFullTests.camera, kind: .raw, overlapping: Date.distantPast..<Date.distantFuture,
                                         statuses: [.present, .shredded, .missing])
        }

        /// Waits until `count` raw segments (any status) are catalogued, or `seconds` pass.
        func waitForRaw(_ count: Int, seconds: Double) {
            TestSupport.waitFor(seconds: seconds) { ((try? rawRows().count) ?? 0) >= count }
        }
    }

    @Test(.enabled(if: SmallDisk.canMount && ExportCLITests.available, SmallDisk.skipReason))
    func aSmallDiskFillsAndTheRecorderKeepsTheNewestFootage() throws {
        let setup = try Setup(megabytes: 10)
        defer { setup.remove() }
        let sampler = FreeSpaceSampler(setup.disk)
        let process = try setup.start()
        // The disk holds about three segments of footage above its 4 MiB floor: nine fill it
        // and make the recorder free space about six times.
        setup.waitForRaw(9, seconds: 120)
        let stillRunning = process.isRunning
        process.terminate()
        process.waitUntilExit()
        let free = sampler.stop()
        let log = setup.daemonLog

        #expect(stillRunning, "the daemon stayed up:\n\(log)")
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(log)")
        let rows = try setup.rawRows()
        let present = rows.filter { $0.status == .present }, gone = rows.filter { $0.status == .shredded }
        let redacted = try setup.harness.segments(Self.camera, .redacted)
        #expect(rows.count >= 9 && !gone.isEmpty, "the disk filled and raw footage was deleted: \(rows.count) raw segments, \(gone.count) deleted")
        #expect(!free.isEmpty && free.min()! > 0, "free space never reached 0 (lowest \(free.min() ?? -1) B)")
        // Checked before each segment and twice a second while writing, aiming above the floor
        // by what goes between two checks: the floor holds (1 MiB of slack for a burst).
        #expect(free.min()! >= Self.minimumFree - (1 << 20), "the 4 MiB floor held (lowest \(free.min()!) B)")
        #expect(!log.contains(OutOfSpace.systemMessage) && !log.contains("SQLITE_FULL") && !log.contains("database or disk is full"),
                "no write ran out of space:\n\(log)")
        #expect(log.contains("raw segments of the current epoch deleted early for storage"), "the deletions were reported:\n\(log)")

        // Raw goes oldest-first, and before any redacted segment: the newest raw is what is left,
        // and no redacted segment is gone while older raw footage was still there.
        #expect(gone.map(\.start).max()! < present.map(\.start).min()!, "raw was deleted oldest first")
        let written = Self.segmentsWritten(in: log)
        #expect(written?.raw == rows.count, "every raw segment written was catalogued: \(String(describing: written)) vs \(rows.count) rows")
        #expect(written?.redacted == redacted.count && !log.contains("redacted segments deleted early"),
                "no redacted segment went early while raw could go: \(String(describing: written)), \(redacted.count) kept")
        // The newest footage is kept, and recording never stopped: consecutive raw segments,
        // no gap, the last one finished by the stop.
        for (earlier, later) in zip(rows, rows.dropFirst()) {
            #expect(abs(later.start.timeIntervalSince(earlier.end)) < 0.5, "no footage lost between \(earlier.path) and \(later.path)")
        }
        #expect(try setup.harness.gaps(Self.camera).isEmpty, "no gap: recording never stopped")

        // Catalog and disk agree: nothing for reconciliation to repair, no file without a row, no partial file.
        let check = ArchiveCheck(dataDirectory: setup.harness.dataDirectory)
        #expect(check.temporaryFiles.isEmpty, "\(check.temporaryFiles)")
        let disagreements = try check.disagreements(cameras: [Self.camera])
        #expect(disagreements.uncatalogued.isEmpty && disagreements.withoutFile.isEmpty, "\(disagreements)")
        let report = try check.reconcile()
        #expect(report.isClean, "\(report.lines)")
        expectPaired(redacted: redacted, raw: rows, redactionLostPackets: !log.contains(" 0 packets dropped under load, 0 packets undecodable"),
                     context: log)
        ReliabilityLog.record(scenario: "disk-full/small-disk-fills", runs: 1,
                              lost: "\(gone.count) oldest raw segment(s) deleted early, 0 redacted, 0 s of recording",
                              details: ["diskMiB": 10, "minFreeBytes": Self.minimumFree, "lowestFreeBytes": free.min() ?? -1,
                                        "rawSegments": rows.count, "rawKept": present.count, "redactedKept": redacted.count,
                                        "reconciliationClean": report.isClean])
    }

    /// Another program fills the disk to its last byte while the camera records: the recorder
    /// releases its reserve, frees what it may (raw first), says so loudly, and records on in
    /// the space it freed; every write that failed left nothing behind, and once the other
    /// program's file is gone recording simply goes on.
    @Test(.enabled(if: SmallDisk.canMount && ExportCLITests.available, SmallDisk.skipReason))
    func aDiskFilledByAnotherProgramNeverStopsRecordingSilently() throws {
        let setup = try Setup(megabytes: 10, segmentSeconds: 2)
        defer { setup.remove() }
        let process = try setup.start()
        setup.waitForRaw(2, seconds: 60)
        let ballast = setup.disk.path + "/ballast"
        let filled = setup.disk.fill(with: "ballast")
        let full = try setup.rawRows().count
        setup.waitForRaw(full + 3, seconds: 60)
        try FileManager.default.removeItem(atPath: ballast)
        let freedAt = Date()
        let afterFree = try setup.rawRows().count
        setup.waitForRaw(afterFree + 2, seconds: 60)
        let stillRunning = process.isRunning
        process.terminate()
        process.waitUntilExit()
        let log = setup.daemonLog

        #expect(filled > 0 && stillRunning, "the daemon stayed up with the disk full:\n\(log)")
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(log)")
        #expect(log.contains("critical") && (log.contains("space reserve") || log.contains("file system is full")), "reported loudly:\n\(log)")
        let rows = try setup.rawRows()
        #expect(rows.contains { $0.start > freedAt }, "recording went on after the disk had room again")
        // Never silently: between any two raw segments either nothing is missing or a gap says why.
        let gaps = try setup.harness.gaps(Self.camera)
        for (earlier, later) in zip(rows, rows.dropFirst()) where later.start.timeIntervalSince(earlier.end) > 0.5 {
            #expect(gaps.contains { $0.start <= earlier.end.addingTimeInterval(1) && $0.end >= later.start.addingTimeInterval(-1) },
                    "the footage missing between \(earlier.path) and \(later.path) is recorded as a gap: \(gaps)")
        }
        let check = ArchiveCheck(dataDirectory: setup.harness.dataDirectory)
        #expect(check.temporaryFiles.isEmpty, "no failed write left a partial file: \(check.temporaryFiles)")
        let disagreements = try check.disagreements(cameras: [Self.camera])
        #expect(disagreements.uncatalogued.isEmpty && disagreements.withoutFile.isEmpty, "\(disagreements)")
        let report = try check.reconcile()
        #expect(report.isClean, "\(report.lines)")
        let failedWrites = log.components(separatedBy: "cannot write footage").count - 1
        ReliabilityLog.record(scenario: "disk-full/filled-by-another-program", runs: 1,
                              lost: "\(rows.filter { $0.status == .shredded }.count) raw segment(s) deleted, \(gaps.count) gap(s) recorded, \(failedWrites) failed write(s)",
                              details: ["diskMiB": 10, "ballastBytes": filled, "rawSegments": rows.count,
                                        "reconciliationClean": report.isClean])
    }

    /// The daemon's closing summary: segments written per kind in this run.
    static func segmentsWritten(in log: String) -> (redacted: Int, raw: Int)? {
        guard let line = log.split(separator: "\n").first(where: { $0.hasPrefix("camera \(camera): ") }) else { return nil }
        let words = line.split(separator: " ")
        guard words.count > 6, let redacted = Int(words[2]), let raw = Int(words[5]) else { return nil }
        return (redacted, raw)
    }
}
