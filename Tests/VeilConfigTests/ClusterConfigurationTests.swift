import Foundation
import Testing
@testable import VeilConfig

/// `cluster:`: absent means one machine; present, every mistake is reported with its path
/// before a node touches the database.
@Suite struct ClusterConfigurationTests {
    /// A password file and a CA file that exist, in a fresh folder.
    private static func secrets() throws -> (password: String, ca: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veil-cluster-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let password = folder + "/db-password", ca = folder + "/ca.pem"
        try "secret\n".write(toFile: password, atomically: true, encoding: .utf8)
        try "-----BEGIN CERTIFICATE-----\n".write(toFile: ca, atomically: true, encoding: .utf8)
        return (password, ca)
    }

    /// What every node needs beside `cluster:`: its console over HTTPS.
    private static let console = "web: {listen: \"127.0.0.1:8443\", tls: {selfSigned: true}}\n"

    @Test func noClusterSectionIsOneMachine() throws {
        #expect(try Fixtures.parse(Fixtures.sampleCamera).cluster == nil)
    }

    @Test func aLoopbackDatabaseWithoutTLSAndItsDefaults() throws {
        let files = try Self.secrets()
        let configuration = try Fixtures.parse("""
            cluster:
              database: {host: 127.0.0.1, name: veil, user: veil, passwordFile: \(files.password)}
              node: {name: branch-1, advertise: "https://veil-1.branch.example:8443"}
            """ + "\n" + Self.console + Fixtures.sampleCamera)
        let cluster = try #require(configuration.cluster)
        #expect(cluster.database == ClusterSettings.Database(host: "127.0.0.1", port: 5432, name: "veil", user: "veil",
                                                             passwordFile: files.password, certificateAuthority: nil))
        #expect(cluster.node == ClusterSettings.Node(name: "branch-1", advertiseHost: "veil-1.branch.example", advertisePort: 8443))
        #expect(cluster.node.advertise == "https://veil-1.branch.example:8443")
    }

    @Test func aNetworkDatabaseNeedsTLSWithAnExistingCA() throws {
        let files = try Self.secrets()
        let plain = Fixtures.problems("""
            cluster:
              database: {host: db.branch.example, port: 5433, name: veil, user: veil, passwordFile: \(files.password)}
              node: {name: branch-1, advertise: "https://10.0.0.2:8443"}
            """ + "\n" + Fixtures.sampleCamera)
        #expect(Fixtures.problem(at: "cluster.database.host", in: plain)?.message.contains("needs TLS") == true)

        let missingCA = Fixtures.problems("""
            cluster:
              database: {host: db.branch.example, name: veil, user: veil, passwordFile: \(files.password), tls: {ca: /nowhere/ca.pem}}
              node: {name: branch-1, advertise: "https://10.0.0.2:8443"}
            """ + "\n" + Fixtures.sampleCamera)
        #expect(Fixtures.problem(at: "cluster.database.tls.ca", in: missingCA)?.message.contains("does not exist") == true)

        let configuration = try Fixtures.parse("""
            cluster:
              database: {host: db.branch.example, port: 5433, name: veil, user: veil, passwordFile: \(files.password), tls: {ca: \(files.ca)}}
              node: {name: branch-1, advertise: "https://[fd00::2]:8443", capacity: 6}
            """ + "\n" + Self.console + Fixtures.sampleCamera)
        #expect(configuration.cluster?.database.certificateAuthority == files.ca)
        #expect(configuration.cluster?.database.port == 5433)
        #expect(configuration.cluster?.node.advertise == "https://[fd00::2]:8443")
        #expect(configuration.cluster?.node.capacity == 6)
    }

    /// A node's console certificate is its identity: without the console over HTTPS,
    /// `veil config check` says so at `cluster`, before the node is started.
    @Test func aNodeNeedsItsConsoleOverHTTPS() throws {
        let files = try Self.secrets()
        let cluster = """
            cluster:
              database: {host: 127.0.0.1, name: veil, user: veil, passwordFile: \(files.password)}
              node: {name: branch-1, advertise: "https://127.0.0.1:8443", capacity: -1}
            """ + "\n"
        let without = Fixtures.problems(cluster + Fixtures.sampleCamera)
        #expect(Fixtures.problem(at: "cluster", in: without)?.message.contains("needs the staff console over HTTPS") == true)
        #expect(Fixtures.problem(at: "cluster.node.capacity", in: without) != nil)
        let plainHTTP = Fixtures.problems(cluster + "web: {listen: \"127.0.0.1:8443\"}\n" + Fixtures.sampleCamera)
        #expect(Fixtures.problem(at: "cluster", in: plainHTTP)?.message.contains("HTTPS") == true)
    }

    @Test func everyMistakeIsReportedWithItsPath() {
        let problems = Fixtures.problems("""
            cluster:
              database: {host: 127.0.0.1, name: veil, passwordFile: /nowhere/password, pasword: x}
              node: {name: Branch.1, advertise: "http://veil-1:8443"}
            """ + "\n" + Fixtures.sampleCamera)
        #expect(Fixtures.problem(at: "cluster.database", in: problems)?.message.contains("user") == true)
        #expect(Fixtures.problem(at: "cluster.database.passwordFile", in: problems)?.message.contains("does not exist") == true)
        #expect(Fixtures.problem(at: "cluster.database.pasword", in: problems) != nil)
        #expect(Fixtures.problem(at: "cluster.node.name", in: problems)?.message.contains("not a valid node name") == true)
        #expect(Fixtures.problem(at: "cluster.node.advertise", in: problems)?.message.contains("https://HOST:PORT") == true)
    }

    @Test func bothPartsAreRequired() {
        let problems = Fixtures.problems("cluster: {node: {name: a, advertise: \"https://a:1\"}}\n" + Fixtures.sampleCamera)
        #expect(Fixtures.problem(at: "cluster", in: problems)?.message.contains("needs database") == true)
    }
}
