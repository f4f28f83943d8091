import Foundation
import Testing
import VeilArchive
import VeilTestSupport

/// Acts that must be audited, run with the CLI on real cluster nodes (real `veil record`
/// processes, real PostgreSQL, real RTSP cameras): refused while the database is away, in the
/// cluster's chain before the command returns, run on the node that holds the footage, and a
/// chain cut short by whoever controls the database caught by the node's own anchor.
extension ClusterRecordingTests {
    @Test(.enabled(if: enabled), .timeLimit(.minutes(6)))
    func auditedActsFollowTheClusterDatabaseAndTheFootage() throws {
        let cluster = try TestCluster(cameras: 2)
        let north = try cluster.node("north"), south = try cluster.node("south")
        // South records both cameras first and then hands one to north, so north never recorded
        // south's camera.
        try cluster.startSharing(south, north)
        let owners = cluster.owners()
        let northCamera = try #require(owners.first { $0.value == "north" }?.key)
        let southCamera = try #require(owners.first { $0.value == "south" }?.key)
        func rawEpoch(_ camera: String, by node: String) -> String {
            cluster.sql("""
                SELECT epoch FROM segments WHERE node = '\(node)' AND camera = '\(camera)' AND kind = 'raw' AND status = 'present'
                LIMIT 1
                """)
        }
        TestSupport.waitFor(seconds: 60) { !rawEpoch(northCamera, by: "north").isEmpty && !rawEpoch(southCamera, by: "south").isEmpty }
        try #require(!rawEpoch(northCamera, by: "north").isEmpty && !rawEpoch(southCamera, by: "south").isEmpty,
                     "each node's raw segments are catalogued\n\(cluster.context)")
        let passphrase = cluster.scratch.appendingPathComponent("officer.pass").path
        try (RecorderHarness.passphrase + "\n").write(toFile: passphrase, atomically: true, encoding: .utf8)
        let data = ["--data-dir", north.harness.dataDirectory]
        let officer = ["--officer", RecorderHarness.officer, "--passphrase-file", passphrase]

        // South's camera: its keys are on south, so north names south and does nothing.
        let output = cluster.scratch.appendingPathComponent("raw.mp4").path
        let unlock = try VeilProcess.run(["unlock", "--camera", southCamera, "--from", "-10m", "--to", "now", "--reason", "a test",
                                          "-o", output] + officer + data)
        #expect(unlock.status != 0 && unlock.standardError.contains("recorded on node south")
                    && !FileManager.default.fileExists(atPath: output), "\(unlock.standardError)")
        let clip = cluster.scratch.appendingPathComponent("clip.mp4").path
        let export = try VeilProcess.run(["export", "--camera", southCamera, "--from", "-10m", "--to", "now", "--reason", "a request",
                                          "-o", clip] + data)
        #expect(export.status != 0 && export.standardError.contains("recorded on node south")
                    && !FileManager.default.fileExists(atPath: clip), "\(export.standardError)")
        let until = ISO8601DateFormatter().string(from: Date().addingTimeInterval(20 * 86_400))
        let elsewhere = try VeilProcess.run(["hold", "--camera", southCamera, "--epoch", rawEpoch(southCamera, by: "south"), "--until", until,
                                             "--reason", "a claim"] + officer + data)
        #expect(elsewhere.status != 0 && elsewhere.standardError.contains("recorded on node south"), "\(elsewhere.standardError)")

        // North's own epoch: the hold is recorded in the database, placed, and in the chain at once.
        let hold = try VeilProcess.run(["hold", "--camera", northCamera, "--epoch", rawEpoch(northCamera, by: "north"), "--until", until,
                                        "--reason", "a claim"] + officer + data)
        #expect(hold.status == 0, "\(hold.standardError)")
        #expect(cluster.sql("SELECT node || ' ' || camera || ' ' || state FROM legal_holds") == "north \(northCamera) placed")
        #expect(cluster.sql("SELECT count(*) FROM audit_chain WHERE node = 'north' AND action = 'epoch.hold'") == "1")

        // The database away: a user change is refused and nothing is written; recording goes on.
        let auditLines = try String(contentsOfFile: north.harness.dataDirectory + "/audit/audit.log", encoding: .utf8).count
        let password = cluster.scratch.appendingPathComponent("user.pass").path
        try "reading room staff 2026\n".write(toFile: password, atomically: true, encoding: .utf8)
        let segmentsBefore = try north.catalog().segments(camera: northCamera, kind: .redacted,
                                                          overlapping: Date.distantPast..<Date.distantFuture).count
        try cluster.postgres.pause()
        let refused = try VeilProcess.run(["user", "add", "bob", "--role", "viewer", "--password-file", password] + data)
        #expect(refused.status != 0 && refused.standardError.contains("refused")
                    && refused.standardError.contains("cannot reach the cluster database"), "\(refused.standardError)")
        #expect(!FileManager.default.fileExists(atPath: north.harness.dataDirectory + "/web/users/bob.user"))
        #expect(try String(contentsOfFile: north.harness.dataDirectory + "/audit/audit.log", encoding: .utf8).count == auditLines)
        TestSupport.waitFor(seconds: 20) {
            ((try? north.catalog().segments(camera: northCamera, kind: .redacted,
                                            overlapping: Date.distantPast..<Date.distantFuture).count) ?? 0) > segmentsBefore + 2
        }
        #expect(try north.catalog().segments(camera: northCamera, kind: .redacted,
                                             overlapping: Date.distantPast..<Date.distantFuture).count > segmentsBefore + 2,
                "north records while the database is away")
        try cluster.postgres.resume()

        // Back: the change is made and its entry is in the chain before the command returns.
        #expect(north.terminate(), "\(cluster.context)")
        let added = try VeilProcess.run(["user", "add", "bob", "--role", "viewer", "--password-file", password] + data)
        #expect(added.status == 0, "\(added.standardError)")
        #expect(cluster.sql("SELECT count(*) FROM audit_chain WHERE node = 'north' AND action = 'web.user.add'") == "1")
        let shown = try VeilProcess.run(["audit", "show", "--cluster", "--last", "5"] + data)
        #expect(shown.status == 0 && shown.standardOutput.contains("north#") && shown.standardOutput.contains("web.user.add"),
                "\(shown.standardOutput)\(shown.standardError)")
        let verified = try VeilProcess.run(["audit", "verify"] + data)
        #expect(verified.status == 0 && verified.standardOutput.contains("cluster audit chain is intact"),
                "\(verified.standardOutput)\(verified.standardError)")

        // Whoever controls the database drops the record of bob's addition and what followed:
        // the chain alone still verifies; north's anchor does not.
        _ = cluster.sql("""
            DELETE FROM audit_chain WHERE seq >= (SELECT seq FROM audit_chain WHERE node = 'north' AND action = 'web.user.add')
            """)
        let chainOnly = try VeilProcess.run(["cluster", "verify-audit", "--config", north.config])
        #expect(chainOnly.status == 0, "\(chainOnly.standardOutput)\(chainOnly.standardError)")
        let anchored = try VeilProcess.run(["audit", "verify"] + data)
        #expect(anchored.status != 0 && anchored.standardOutput.contains("cluster audit chain is BROKEN")
                    && anchored.standardOutput.contains("node north saw"),
                "\(anchored.standardOutput)\(anchored.standardError)")

        // North shreds its epochs early, while it is stopped: its epoch of south's camera (every
        // node keys every camera) goes, its held epoch stays. Once north runs again the database
        // has the tombstone.
        let asOf = ISO8601DateFormatter().string(from: Date().addingTimeInterval(2 * 86_400))
        let sweep = try VeilProcess.run(["sweep", "--as-of", asOf] + data)
        #expect(sweep.status == 0 && sweep.standardOutput.contains("shredded"), "\(sweep.standardOutput)\(sweep.standardError)")
        try north.start()
        let tombstones = "SELECT string_agg(camera || ' ' || epoch, ',' ORDER BY camera) FROM epoch_tombstones WHERE node = 'north'"
        TestSupport.waitFor(seconds: 60) { !cluster.sql(tombstones).isEmpty }
        let shredded = cluster.sql(tombstones)
        #expect(shredded.hasPrefix(southCamera + " ") && !shredded.contains(northCamera + " "), "\(shredded)\n\(cluster.context)")
        #expect(terminateAll([north, south]), "\(cluster.context)")
    }

}
