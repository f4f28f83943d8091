import Foundation
import Testing
import VeilTestSupport

/// A real `veil record` node whose wall clock is 30 s ahead (libfaketime) beside one on true
/// time: leases follow the database's clock, so nobody takes a camera that is renewed, and a
/// dead node's cameras are still taken over.
extension ClusterRecordingTests {
    @Test(.enabled(if: enabled && FileManager.default.fileExists(atPath: ClockStepFaketimeTests.library),
                   "needs PostgreSQL and libfaketime: run scripts/setup.sh"),
          .timeLimit(.minutes(5)))
    func aNodeWhoseClockIsAheadKeepsToTheDatabaseClock() throws {
        let cluster = try TestCluster(cameras: 2)
        let north = try cluster.node("north"), south = try cluster.node("south")
        // Judged by north's clock, every lease south renews would look 24 s expired.
        north.environment = ["LD_PRELOAD": ClockStepFaketimeTests.library, "FAKETIME": "+30s", "FAKETIME_DONT_FAKE_MONOTONIC": "1"]
        try cluster.startSharing(north, south)
        // North's footage carries its own clock: the skew is real.
        let northEnd = { Double(cluster.sql("SELECT max(end_us) FROM segments WHERE node = 'north'")).map { $0 / 1e6 } ?? 0 }
        TestSupport.waitFor(seconds: 20) { northEnd() > 0 }
        #expect(northEnd() > Date().timeIntervalSince1970 + 15, "north's segments end in its future\n\(cluster.context)")

        // Eight renewal rounds: no camera changes owner or generation.
        let before = cluster.leases()
        Thread.sleep(forTimeInterval: 16)
        #expect(cluster.leases() == before, "\(before) → \(cluster.leases())\n\(cluster.context)")

        // South killed: north takes its camera over once its lease expires by the database's clock.
        let camera = try #require(cluster.owners().first { $0.value == "south" }?.key)
        kill(south.process!.processIdentifier, SIGKILL)
        south.process!.waitUntilExit()
        TestSupport.waitFor(seconds: 30) { cluster.owners()[camera] == "north" }
        #expect(cluster.owners()[camera] == "north", "north took \(camera) over\n\(cluster.context)")
        #expect(north.terminate(), "\(cluster.context)")
    }
}
