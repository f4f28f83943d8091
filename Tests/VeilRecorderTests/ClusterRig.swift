import Foundation
import Testing
import VeilArchive
import VeilTestSupport

// Real `veil record` processes as nodes of one cluster on a real PostgreSQL, recording real RTSP
// cameras: what the ClusterRecordingTests suite and its extensions share.

/// One node: its data directory (with an officer), configuration, log and process. With a
/// `consolePort`, its console listens there and advertises it (0: any port, not advertised).
final class ClusterTestNode {
    let name: String
    let harness: RecorderHarness
    let config: String
    let log: URL
    let temporary: URL
    var process: Process?
    /// Added to the node's environment (libfaketime, say).
    var environment: [String: String] = [:]

    init(_ name: String, cameras: String, postgres: PostgresServer, database: String, passwordFile: String,
         databaseHost: String = "127.0.0.1", certificateAuthority: String? = nil, consolePort: UInt16 = 0) throws {
        self.name = name
        harness = try RecorderHarness()
        temporary = harness.directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        log = harness.directory.appendingPathComponent("record.log")
        config = harness.directory.appendingPathComponent("veil.yaml").path
        let cluster = """
            cluster:
              database: {host: \(databaseHost), port: \(postgres.port), name: \(database), user: \(postgres.user), passwordFile: \(passwordFile)\(certificateAuthority.map { ", tls: {ca: \($0)}" } ?? "")}
              node: {name: \(name), advertise: "https://127.0.0.1:\(consolePort == 0 ? 8443 : consolePort)"}
            web: {listen: "127.0.0.1:\(consolePort)", tls: {selfSigned: true}}

            """
        try (cluster + harness.configurationText(cameras: cameras)).write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// Starts the node, inside `namespace` when one is given.
    func start(in namespace: NetworkNamespace? = nil) throws {
        process = try DaemonTests.startRecorder(config: config, temporary: temporary, log: log, namespace: namespace,
                                                environment: environment)
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

/// A real PostgreSQL, `count` small RTSP cameras, and nodes configured for both.
final class TestCluster {
    let postgres: PostgresServer
    let database: String
    let cameras: [RTSPTestServer]
    let scratch: URL
    let passwordFile: String
    var nodes: [ClusterTestNode] = []

    /// With `namespace`, the cameras listen on its link 0 and PostgreSQL also on its link 1
    /// (with TLS from `certificates`), so a node inside reaches each over its own link.
    let certificates: TestCertificates?
    let namespace: NetworkNamespace?

    init(cameras count: Int, namespace: NetworkNamespace? = nil) throws {
        self.namespace = namespace
        if let namespace {
            let certificates = try TestCertificates()
            self.certificates = certificates
            postgres = try PostgresServer(tls: try certificates.server(for: [namespace.hostAddresses[1]]),
                                          alsoListenOn: [namespace.hostAddresses[1]])
        } else {
            certificates = nil
            postgres = try PostgresServer()
        }
        database = try postgres.createDatabase()
        let address = namespace?.hostAddresses[0] ?? "127.0.0.1"
        cameras = try (1...count).map { try RTSPTestServer(path: "/cam\($0)", size: (320, 240), address: address) }
        scratch = try TestSupport.temporaryDirectory(prefix: "veil-cluster")
        passwordFile = scratch.appendingPathComponent("pgpass").path
        try (postgres.password + "\n").write(toFile: passwordFile, atomically: true, encoding: .utf8)
    }

    deinit {
        for node in nodes {
            if let process = node.process { kill(process.processIdentifier, SIGKILL) }
            node.harness.remove()
        }
        postgres.stop()
        namespace?.remove()
        try? FileManager.default.removeItem(at: scratch)
    }

    /// A node; `inside` the namespace it reaches PostgreSQL over link 1, with TLS.
    func node(_ name: String, inside: Bool = false, consolePort: UInt16 = 0) throws -> ClusterTestNode {
        let yaml = cameras.enumerated().map { LiveRecordingTests.camera("cam\($0.offset + 1)", url: $0.element.url()) }.joined()
        let node = try ClusterTestNode(name, cameras: yaml, postgres: postgres, database: database, passwordFile: passwordFile,
                            databaseHost: inside ? namespace!.hostAddresses[1] : "127.0.0.1",
                            certificateAuthority: inside ? certificates!.caFile : nil, consolePort: consolePort)
        nodes.append(node)
        return node
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

    /// Camera → holder and generation of its valid lease.
    func leases() -> String {
        sql("SELECT string_agg(camera || '=' || node || '#' || generation, ',' ORDER BY camera) FROM camera_leases "
            + "WHERE expires_at > clock_timestamp()")
    }

    func held(by node: String) -> Int { owners().filter { $0.value == node }.count }

    /// Segments of one camera and kind that are both primary and overlap in time: must stay 0.
    var overlappingPrimaries: String {
        sql("""
            SELECT count(*) FROM segments a JOIN segments b ON a.camera = b.camera AND a.kind = b.kind AND a.id < b.id
            WHERE a.role = 'primary' AND b.role = 'primary' AND a.start_us < b.end_us AND b.start_us < a.end_us
            """)
    }

    var context: String {
        nodes.map { "\($0.name):\n\($0.logText.suffix(3000))" }.joined(separator: "\n")
    }

    /// Starts `first` (inside the namespace if `firstInside`), waits until it holds every
    /// camera, then starts `second` and waits until they hold one camera each (two cameras).
    func startSharing(_ first: ClusterTestNode, _ second: ClusterTestNode, firstInside: Bool = false) throws {
        try first.start(in: firstInside ? namespace : nil)
        TestSupport.waitFor(seconds: 90) { self.held(by: first.name) == self.cameras.count }
        try #require(held(by: first.name) == cameras.count, "\(first.name) records every camera\n\(context)")
        try second.start()
        TestSupport.waitFor(seconds: 90) { self.held(by: first.name) == 1 && self.held(by: second.name) == 1 }
        try #require(held(by: first.name) == 1 && held(by: second.name) == 1, "one camera each\n\(context)")
    }
}
