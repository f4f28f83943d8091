import Foundation
import Testing
import VeilArchive
import VeilTestSupport

/// Real `veil record` processes as nodes of one cluster on a real PostgreSQL, recording real
/// RTSP cameras (small ones, so CPU does not bound the test): cameras are shared, move at a
/// segment boundary when a node joins or stops, and are taken over when a node is killed.
@Suite(.serialized) struct ClusterRecordingTests {
    static var enabled: Bool {
        FileManager.default.isExecutableFile(atPath: DaemonTests.veil)
            && FileManager.default.isExecutableFile(atPath: PostgresServer.binaries + "/initdb")
    }

    @Test(.enabled(if: enabled), .timeLimit(.minutes(6)))
    func camerasAreSharedHandedOverAndTakenOverAfterAKill() throws {
        let cluster = try TestCluster(cameras: 3)
        let north = try cluster.node("north"), south = try cluster.node("south")

        // North alone takes every camera.
        try north.start()
        TestSupport.waitFor(seconds: 90) { cluster.held(by: "north") == 3 }
        try #require(cluster.held(by: "north") == 3, "north records all three cameras\n\(cluster.context)")

        // South joins: its share (one camera of three) moves to it at a segment boundary.
        try south.start()
        TestSupport.waitFor(seconds: 90) { cluster.held(by: "south") == 1 && cluster.owners().count == 3 }
        try #require(cluster.held(by: "south") == 1, "one camera moved to south\n\(cluster.context)")
        TestSupport.waitFor(seconds: 30) { (try? south.catalog().summary().contains { $0.redacted.segmentCount > 0 }) == true }

        // SIGTERM south: it finishes its segment, sends every row, releases; north takes the camera back.
        #expect(south.terminate(), "south stops cleanly\n\(cluster.context)")
        #expect(try south.catalog().outboxBacklog() == 0, "south sent every row before it exited")
        let southLocal = try south.catalog().summary().reduce(0) { $0 + $1.raw.segmentCount + $1.redacted.segmentCount }
        #expect(cluster.sql("SELECT count(*) FROM segments WHERE node = 'south'") == "\(southLocal)" && southLocal > 0)
        TestSupport.waitFor(seconds: 30) { cluster.held(by: "north") == 3 }
        #expect(cluster.held(by: "north") == 3, "north took the camera back\n\(cluster.context)")

        // South again; then north is killed: south records each of north's cameras within 15 s.
        try south.start()
        TestSupport.waitFor(seconds: 90) { cluster.held(by: "south") == 1 }
        let orphans = cluster.owners().filter { $0.value == "north" }.map(\.key).sorted()
        try #require(orphans.count == 2, "north holds two cameras before the kill\n\(cluster.context)")
        kill(north.process!.processIdentifier, SIGKILL)
        north.process!.waitUntilExit()
        let killed = Date()
        var resumed: [String: Date] = [:]
        TestSupport.waitFor(seconds: 60) {
            for camera in orphans where resumed[camera] == nil {
                resumed[camera] = try? south.catalog().firstSegmentStart(camera: camera, notBefore: killed)
            }
            return resumed.count == orphans.count
        }
        for camera in orphans {
            let delay = resumed[camera].map { $0.timeIntervalSince(killed) }
            print("cluster failover: \(camera) recorded again by south \(delay.map { String(format: "%.1f", $0) } ?? "never") s after SIGKILL")
            #expect(delay.map { $0 <= 15 } == true, "\(camera) recorded again within 15 s of the kill\n\(cluster.context)")
        }

        // One failover gap per camera taken over, and never two primaries for one instant.
        TestSupport.waitFor(seconds: 30) {
            cluster.sql("SELECT count(*) FROM gaps WHERE reason = 'failover' AND node = 'south'") == "\(orphans.count)"
        }
        #expect(cluster.sql("SELECT string_agg(camera, ',' ORDER BY camera) FROM gaps WHERE reason = 'failover'")
                    == orphans.joined(separator: ","),
                "\(cluster.sql("SELECT camera, reason, detail, end_us - start_us FROM gaps"))\n\(cluster.context)")
        #expect(cluster.overlappingPrimaries == "0")

        // `veil cluster status` tells the same story.
        let status = try VeilProcess.run(["cluster", "status", "--config", south.config])
        #expect(status.status == 0, "\(status.standardError)")
        for line in ["south (this node)", "records 3 of 3 offered", "failover  2,", "this node's outbox:"] {
            #expect(status.standardOutput.contains(line), "\(line) in:\n\(status.standardOutput)")
        }
        #expect(south.terminate(), "south stops cleanly\n\(cluster.context)")
    }

    /// A node paused (SIGSTOP) past its lease loses its camera to the other node; woken up, it
    /// stops recording it, and what it commits late is never primary over the new owner's footage.
    @Test(.enabled(if: enabled), .timeLimit(.minutes(5)))
    func aPausedNodeWakesUpWithoutBecomingPrimaryAgain() throws {
        let cluster = try TestCluster(cameras: 2)
        let north = try cluster.node("north"), south = try cluster.node("south")
        try cluster.startSharing(north, south)
        let camera = try #require(cluster.owners().first { $0.value == "north" }?.key)
        Thread.sleep(forTimeInterval: 3)  // north has footage of it in flight

        kill(north.process!.processIdentifier, SIGSTOP)
        let paused = Date()
        TestSupport.waitFor(seconds: 40) { cluster.held(by: "south") == 2 }
        #expect(cluster.held(by: "south") == 2, "south took the paused node's camera\n\(cluster.context)")
        Thread.sleep(forTimeInterval: max(0, 20 - Date().timeIntervalSince(paused)))  // paused for 20 s in all
        kill(north.process!.processIdentifier, SIGCONT)

        // Woken, north finds its lease gone, stops the camera and sends what it recorded (on a
        // loaded CI machine finishing the segment and sending can take most of a minute).
        TestSupport.waitFor(seconds: 90) {
            north.logText.contains("lease lost to another node") && (try? north.catalog().outboxBacklog()) == 0
        }
        #expect(north.logText.contains("lease lost to another node"), "\(cluster.context)")
        #expect(try north.catalog().outboxBacklog() == 0)
        #expect(cluster.overlappingPrimaries == "0", "\(cluster.sql("SELECT node, camera, kind, start_us, end_us, role, generation FROM segments ORDER BY camera, kind, start_us"))")
        // Everything north recorded of that camera after south took it over is an overlap.
        let takeover = cluster.sql("SELECT min(start_us) FROM segments WHERE node = 'south' AND camera = '\(camera)'")
        #expect(cluster.sql("""
            SELECT count(*) FROM segments WHERE node = 'north' AND camera = '\(camera)' AND role = 'primary'
              AND end_us > \(takeover)
              AND EXISTS (SELECT 1 FROM segments s WHERE s.node = 'south' AND s.camera = '\(camera)' AND s.kind = segments.kind
                          AND s.start_us < segments.end_us AND s.end_us > segments.start_us)
            """) == "0")
        #expect(north.terminate() && south.terminate(), "\(cluster.context)")
    }

    /// PostgreSQL restarted (clean, then crash-like) for less than a lease: nobody loses a
    /// camera, no gap is recorded, and every catalogued row reaches PostgreSQL exactly once.
    @Test(.enabled(if: enabled), .timeLimit(.minutes(5)))
    func aDatabaseRestartChangesNoOwnerAndLosesNoRow() throws {
        let cluster = try TestCluster(cameras: 2)
        let north = try cluster.node("north"), south = try cluster.node("south")
        try cluster.startSharing(north, south)
        // The camera that moved has its hand-over gap on record once south's first segment is.
        TestSupport.waitFor(seconds: 30) { cluster.sql("SELECT count(*) FROM gaps WHERE reason = 'handover'") == "1" }
        let before = cluster.leases()
        let gapsBefore = cluster.sql("SELECT count(*) FROM gaps")

        for mode in ["fast", "immediate"] {
            try cluster.postgres.restart(mode: mode, downtime: 1)
            Thread.sleep(forTimeInterval: 8)
            #expect(cluster.leases() == before, "after a \(mode) restart the same nodes hold the same leases\n\(cluster.context)")
        }
        #expect(cluster.sql("SELECT count(*) FROM gaps") == gapsBefore && gapsBefore == "1",
                "\(cluster.sql("SELECT node, camera, reason, detail, end_us - start_us FROM gaps"))")

        #expect(north.terminate() && south.terminate(), "\(cluster.context)")
        for node in [north, south] {
            #expect(try node.catalog().outboxBacklog() == 0)
            let local = try node.catalog().summary().reduce(0) { $0 + $1.raw.segmentCount + $1.redacted.segmentCount }
            #expect(cluster.sql("SELECT count(*) FROM segments WHERE node = '\(node.name)'") == "\(local)" && local > 0,
                    "every segment of \(node.name) reached PostgreSQL once")
        }
        #expect(cluster.overlappingPrimaries == "0")

        // Each node's own audit log is in the cluster's chain, which verifies.
        for node in [north, south] {
            let local = try String(contentsOfFile: node.harness.dataDirectory + "/audit/audit.log", encoding: .utf8)
                .split(separator: "\n").count
            #expect(cluster.sql("SELECT count(*) FROM audit_chain WHERE node = '\(node.name)'") == "\(local)" && local > 0,
                    "\(node.name)'s \(local) audit entries are in the cluster chain")
        }
        let audit = try VeilProcess.run(["cluster", "verify-audit", "--config", north.config])
        #expect(audit.status == 0 && audit.standardOutput.contains("cluster audit chain intact"), "\(audit.standardOutput)\(audit.standardError)")

        // No key material in PostgreSQL: a dump (what a backup keeps) has no binary column and
        // none of the keys in either node's vault (wrapped epoch keys, epoch and officer public
        // keys: every hex string of 32 digits or more in its files).
        let dump = try cluster.postgres.dump(database: cluster.database)
        #expect(!dump.contains("bytea") && dump.contains("COPY public.segments"))
        for node in [north, south] {
            let vault = URL(fileURLWithPath: node.harness.dataDirectory).appendingPathComponent("vault")
            let files = (FileManager.default.enumerator(at: vault, includingPropertiesForKeys: nil)?.allObjects as? [URL]) ?? []
            let keys = files.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
                .flatMap { $0.matches(of: /[0-9a-f]{32,}/).map { String($0.output) } }
            #expect(keys.count >= 4, "\(node.name)'s vault holds wrapped epoch keys to look for")
            for key in keys { #expect(!dump.contains(key), "a key from \(node.name)'s vault is in the database dump") }
        }
    }

    /// A node cut off from PostgreSQL for 60 s (a real partition: the link to the database goes
    /// down, the one to its cameras stays) records throughout; the other node takes its camera
    /// over; once healed, both recordings are catalogued, one primary per instant, nothing lost.
    @Test(.enabled(if: enabled && NetworkNamespace.isAvailable), .timeLimit(.minutes(8)))
    func aNodeCutOffFromTheDatabaseRecordsThroughoutAndLosesNothing() throws {
        let namespace = try NetworkNamespace(links: 2)  // link 0: the cameras; link 1: the database
        let cluster = try TestCluster(cameras: 2, namespace: namespace)
        let island = try cluster.node("island", inside: true), mainland = try cluster.node("mainland")
        try cluster.startSharing(island, mainland, firstInside: true)
        let camera = try #require(cluster.owners().first { $0.value == "island" }?.key)
        Thread.sleep(forTimeInterval: 3)

        let cut = Date()
        try namespace.setLink(1, up: false)
        TestSupport.waitFor(seconds: 40) { cluster.held(by: "mainland") == 2 }
        #expect(cluster.held(by: "mainland") == 2, "mainland took the cut-off node's camera over\n\(cluster.context)")
        Thread.sleep(forTimeInterval: max(0, 60 - Date().timeIntervalSince(cut)))
        let healed = Date()
        try namespace.setLink(1, up: true)

        // The island recorded its camera all along: its raw segments cover the partition.
        let raw = try island.catalog().segments(camera: camera, kind: .raw, overlapping: cut..<healed)
        let covered = raw.reduce(0.0) { $0 + min($1.end, healed).timeIntervalSince(max($1.start, cut)) }
        #expect(covered >= healed.timeIntervalSince(cut) - 4, "\(covered) s of the \(healed.timeIntervalSince(cut)) s partition recorded")

        // Healed: the island finds its lease gone, stops the camera and sends what it recorded.
        TestSupport.waitFor(seconds: 150) {
            island.logText.contains("lease lost to another node") && (try? island.catalog().outboxBacklog()) == 0
        }
        #expect(island.logText.contains("lease lost to another node"), "\(cluster.context)")
        #expect(try island.catalog().outboxBacklog() == 0, "the island sent every row once healed")
        #expect(terminateAll([island, mainland]), "\(cluster.context)")
        for node in [island, mainland] {
            let local = try node.catalog().summary().reduce(0) { $0 + $1.raw.segmentCount + $1.redacted.segmentCount }
            #expect(cluster.sql("SELECT count(*) FROM segments WHERE node = '\(node.name)'") == "\(local)" && local > 0,
                    "every segment \(node.name) recorded is catalogued in PostgreSQL")
        }
        #expect(cluster.overlappingPrimaries == "0")
        #expect(cluster.sql("SELECT count(*) FROM segments WHERE node = 'island' AND camera = '\(camera)' AND role = 'overlap'") != "0",
                "the island's recording of the taken-over time is kept, as an overlap")
    }

    /// A console user added on one node can log in on the other, a user removed on the other is
    /// gone from both, and a record edited in the database is refused, not installed.
    @Test(.enabled(if: enabled), .timeLimit(.minutes(4)))
    func consoleUsersAreSharedByEveryNode() throws {
        let cluster = try TestCluster(cameras: 1)
        let north = try cluster.node("north"), south = try cluster.node("south")
        try north.start()
        try south.start()
        let password = cluster.scratch.appendingPathComponent("alice.pass").path
        try "reading room staff 2026\n".write(toFile: password, atomically: true, encoding: .utf8)
        func users(_ node: ClusterTestNode) -> String {
            (try? VeilProcess.run(["user", "list", "--data-dir", node.harness.dataDirectory]).standardOutput) ?? ""
        }
        let added = try VeilProcess.run(["user", "add", "alice", "--role", "viewer", "--password-file", password,
                                         "--data-dir", north.harness.dataDirectory])
        try #require(added.status == 0, "\(added.standardError)")
        TestSupport.waitFor(seconds: 30) { users(south).contains("alice") }
        #expect(users(south).contains("alice") && users(south).contains("viewer"), "\(users(south))\n\(cluster.context)")
        // South has north's very record: the same password hash, so the same password logs in.
        #expect(try String(contentsOfFile: south.harness.dataDirectory + "/web/users/alice.user", encoding: .utf8)
                == String(contentsOfFile: north.harness.dataDirectory + "/web/users/alice.user", encoding: .utf8))

        // Someone with the database's password makes alice an administrator: refused on both nodes.
        _ = cluster.sql("UPDATE staff_accounts SET record = replace(record, '\"viewer\"', '\"admin\"'), revision = nextval('staff_revision')")
        TestSupport.waitFor(seconds: 10) { south.logText.contains("refused a console user record") }
        #expect(south.logText.contains("refused a console user record"), "\(cluster.context)")
        #expect(users(south).contains("viewer") && !users(south).contains("admin"), "\(users(south))")

        let removed = try VeilProcess.run(["user", "remove", "alice", "--data-dir", south.harness.dataDirectory])
        #expect(removed.status == 0, "\(removed.standardError)")
        TestSupport.waitFor(seconds: 30) { !users(north).contains("alice") }
        #expect(!users(north).contains("alice"), "\(users(north))\n\(cluster.context)")
        #expect(terminateAll([north, south]), "\(cluster.context)")
    }

    /// SIGTERM to every node; whether all exited cleanly.
    func terminateAll(_ nodes: [ClusterTestNode]) -> Bool {
        nodes.map { $0.terminate() }.allSatisfy { $0 }
    }
}
