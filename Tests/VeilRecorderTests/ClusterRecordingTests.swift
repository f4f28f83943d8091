import Foundation
import Testing
import VeilArchive
import VeilTestSupport

/// Real `veil record` processes as nodes of one cluster on a real PostgreSQL, recording real
/// RTSP cameras (small ones, so CPU does not bound the test): cameras are shared, move at a
/// segment boundary when a node joins or stops, and are taken over when a node is killed.
@Suite(.serialized) struct ClusterRecordingTests {
    /// One node: its data directory (with an officer), configuration, log and process.
    final class Node {
        let name: String
        let harness: RecorderHarness
        let config: String
        let log: URL
        let temporary: URL
        var process: Process?

        init(_ name: String, cameras: String, postgres: PostgresServer, database: String, passwordFile: String) throws {
            self.name = name
            harness = try RecorderHarness()
            temporary = harness.directory.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            log = harness.directory.appendingPathComponent("record.log")
            config = harness.directory.appendingPathComponent("veil.yaml").path
            let cluster = """
                cluster:
                  database: {host: 127.0.0.1, port: \(postgres.port), name: \(database), user: \(postgres.user), passwordFile: \(passwordFile)}
                  node: {name: \(name), advertise: "https://127.0.0.1:8443"}
                web: {listen: "127.0.0.1:0", tls: {selfSigned: true}}

                """
            try (cluster + harness.configurationText(cameras: cameras)).write(toFile: config, atomically: true, encoding: .utf8)
        }

        func start() throws {
            process = try DaemonTests.startRecorder(config: config, temporary: temporary, log: log)
        }

        /// SIGTERM, and whether it exited 0 within `seconds`.
        func terminate(within seconds: Double = 30) -> Bool {
            guard let process else { return false }
            process.terminate()
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return process.terminationReason == .exit && process.terminationStatus == 0
        }

        var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// This node's own catalog, read-only.
        func catalog() throws -> Catalog { try Catalog(dataDirectory: harness.dataDirectory, readOnly: true) }
    }

    static var enabled: Bool {
        FileManager.default.isExecutableFile(atPath: DaemonTests.veil)
            && FileManager.default.isExecutableFile(atPath: PostgresServer.binaries + "/initdb")
    }

    @Test(.enabled(if: enabled), .timeLimit(.minutes(6)))
    func camerasAreSharedHandedOverAndTakenOverAfterAKill() throws {
        let postgres = try PostgresServer()
        defer { postgres.stop() }
        let database = try postgres.createDatabase()
        let cameras = try (1...3).map { try RTSPTestServer(path: "/cam\($0)", size: (320, 240)) }
        let scratch = try TestSupport.temporaryDirectory(prefix: "veil-cluster")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let passwordFile = scratch.appendingPathComponent("pgpass").path
        try (postgres.password + "\n").write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let yaml = cameras.enumerated().map { LiveRecordingTests.camera("cam\($0.offset + 1)", url: $0.element.url()) }.joined()
        let north = try Node("north", cameras: yaml, postgres: postgres, database: database, passwordFile: passwordFile)
        let south = try Node("south", cameras: yaml, postgres: postgres, database: database, passwordFile: passwordFile)
        defer {
            for node in [north, south] { node.process.map { kill($0.processIdentifier, SIGKILL) }; node.harness.remove() }
        }
        func sql(_ statement: String) -> String { (try? postgres.sql(statement, database: database)) ?? "" }
        /// Camera → node holding a valid lease.
        func owners() -> [String: String] {
            Dictionary(uniqueKeysWithValues: sql("""
                SELECT camera || '=' || node FROM camera_leases WHERE expires_at > clock_timestamp() ORDER BY camera
                """).split(separator: "\n").map { line in
                    let parts = line.split(separator: "=").map(String.init)
                    return (parts[0], parts[1])
                })
        }
        func context() -> String { "north:\n\(north.logText.suffix(3000))\nsouth:\n\(south.logText.suffix(3000))" }

        // North alone takes every camera.
        try north.start()
        TestSupport.waitFor(seconds: 90) { owners().filter { $0.value == "north" }.count == 3 }
        try #require(owners().filter { $0.value == "north" }.count == 3, "north records all three cameras\n\(context())")

        // South joins: its share (one camera of three) moves to it at a segment boundary.
        try south.start()
        TestSupport.waitFor(seconds: 90) { owners().filter { $0.value == "south" }.count == 1 && owners().count == 3 }
        try #require(owners().filter { $0.value == "south" }.count == 1, "one camera moved to south\n\(context())")
        TestSupport.waitFor(seconds: 30) { (try? south.catalog().summary().contains { $0.redacted.segmentCount > 0 }) == true }

        // SIGTERM south: it finishes its segment, sends every row, releases; north takes the camera back.
        #expect(south.terminate(), "south stops cleanly\n\(context())")
        #expect(try south.catalog().outboxBacklog() == 0, "south sent every row before it exited")
        let southLocal = try south.catalog().summary().reduce(0) { $0 + $1.raw.segmentCount + $1.redacted.segmentCount }
        #expect(sql("SELECT count(*) FROM segments WHERE node = 'south'") == "\(southLocal)" && southLocal > 0)
        TestSupport.waitFor(seconds: 30) { owners().filter { $0.value == "north" }.count == 3 }
        #expect(owners().filter { $0.value == "north" }.count == 3, "north took the camera back\n\(context())")

        // South again; then north is killed: south records each of north's cameras within 15 s.
        try south.start()
        TestSupport.waitFor(seconds: 90) { owners().filter { $0.value == "south" }.count == 1 }
        let orphans = owners().filter { $0.value == "north" }.map(\.key).sorted()
        try #require(orphans.count == 2, "north holds two cameras before the kill\n\(context())")
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
            #expect(delay.map { $0 <= 15 } == true, "\(camera) recorded again within 15 s of the kill\n\(context())")
        }

        // One failover gap per camera taken over, and never two primaries for one instant.
        TestSupport.waitFor(seconds: 30) {
            sql("SELECT count(*) FROM gaps WHERE reason = 'failover' AND node = 'south'") == "\(orphans.count)"
        }
        #expect(sql("SELECT string_agg(camera, ',' ORDER BY camera) FROM gaps WHERE reason = 'failover'") == orphans.joined(separator: ","),
                "\(sql("SELECT camera, reason, detail, end_us - start_us FROM gaps"))\n\(context())")
        #expect(sql("""
            SELECT count(*) FROM segments a JOIN segments b ON a.camera = b.camera AND a.kind = b.kind AND a.id < b.id
            WHERE a.role = 'primary' AND b.role = 'primary' AND a.start_us < b.end_us AND b.start_us < a.end_us
            """) == "0")
        #expect(south.terminate(), "south stops cleanly\n\(context())")
    }
}
