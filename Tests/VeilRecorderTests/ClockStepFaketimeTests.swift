import Foundation
import Testing
import VeilArchive
import VeilVault
import VeilTestSupport

/// The real `veil record` process under libfaketime (Debian `faketime`): its wall clock is moved
/// an hour forward and back while it records, its monotonic clock is left alone
/// (FAKETIME_DONT_FAKE_MONOTONIC), as with an operator or an NTP server stepping the system clock.
@Suite(.serialized) struct ClockStepFaketimeTests {
    static let library = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: library), "libfaketime is not installed: run scripts/setup.sh"))
    func theRecorderProcessAuditsBothStepsAndKeepsItsSegmentsInOrder() throws {
        let setup = try DaemonTests.Setup()
        defer { setup.harness.remove() }
        let offset = setup.harness.directory.appendingPathComponent("faketime-offset")
        try "+0\n".write(to: offset, atomically: true, encoding: .utf8)
        let process = Process()
        // Through env(1): spawned straight from this process with libfaketime preloaded, the veil
        // binary sees no arguments (it prints its usage); exec'd by env it sees them.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [DaemonTests.veil, "record", "--config", setup.config]
        process.currentDirectoryURL = TestSupport.repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging([
            "TMPDIR": setup.temporary.path, "LD_PRELOAD": Self.library,
            "FAKETIME_TIMESTAMP_FILE": offset.path, "FAKETIME_NO_CACHE": "1", "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        ]) { $1 }
        _ = FileManager.default.createFile(atPath: setup.log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: setup.log)
        process.standardError = process.standardOutput
        try process.run()
        TestSupport.waitFor(seconds: 30) { !process.isRunning || ((try? setup.harness.segments("hall", .raw).count) ?? 0) >= 2 }
        for step in ["+3600", "+0"] {  // an hour forward, then back
            try "\(step)\n".write(to: offset, atomically: true, encoding: .utf8)
            Thread.sleep(forTimeInterval: 5)
        }
        process.terminate()
        process.waitUntilExit()
        let log = (try? String(contentsOf: setup.log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "veil record under faketime: \(log.suffix(2000))")
        guard FileManager.default.fileExists(atPath: setup.harness.dataDirectory + "/catalog.sqlite") else {
            Issue.record("veil record under faketime wrote no catalog: \(log.prefix(1500))")
            return
        }

        let raw = try setup.harness.segments("hall", .raw).sorted { $0.id < $1.id }
        #expect(raw.count >= 4)
        for (earlier, later) in zip(raw, raw.dropFirst()) {
            #expect(later.start >= earlier.end.addingTimeInterval(-0.001), "segment \(later.id) begins before \(earlier.id) ends")
        }
        let vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: setup.harness.dataDirectory))
        let steps = try vault.audit.entries().filter { $0.action == "clock.step" }
        #expect(steps.map { $0.reason.hasPrefix("clock step forward") } == [true, false], "\(steps.map(\.reason))")
        ReliabilityLog.record(scenario: "clock-steps-faketime", runs: 2, ["clockStepsAudited": Double(steps.count)])
    }
}
