import Logging
import Testing
import VeilCluster
import VeilTestSupport

/// One real PostgreSQL server for a whole suite (`@Suite(.postgres)`): `initdb` costs seconds,
/// a database costs milliseconds, so each test makes its own database on the shared server.
struct SharedPostgres: SuiteTrait, TestScoping {
    @TaskLocal static var server: PostgresServer?

    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let server = try PostgresServer()
        defer { server.stop() }
        try await Self.$server.withValue(server, operation: function)
    }

    /// The suite's server, for use inside its tests.
    static var current: PostgresServer {
        get throws { try #require(server, "the suite needs the .postgres trait") }
    }
}

extension Trait where Self == SharedPostgres {
    /// Runs the suite's tests against one real PostgreSQL server, started before and stopped after.
    static var postgres: Self { SharedPostgres() }
}

/// What the tests share: a logger that stays quiet and settings for a fresh database.
enum ClusterFixture {
    static let logger = Logger(label: "veil.cluster.tests") { _ in SwiftLogNoOpLogHandler() }

    /// Short lease times, so expiry takes seconds, with margin for a loaded machine.
    static let rules = LeaseRules(leaseDuration: .seconds(3), renewalInterval: .milliseconds(500), nodeTimeout: .seconds(30))

    /// Settings for a new, empty database on the suite's server.
    static func freshDatabase(applicationName: String = "veil-tests") throws -> ClusterDatabase.Configuration {
        let server = try SharedPostgres.current
        return ClusterDatabase.Configuration(host: "127.0.0.1", port: Int(server.port), database: try server.createDatabase(),
                                             user: server.user, password: server.password, applicationName: applicationName)
    }

    /// A node named `name` (capacity 4) on the machine with certificate hash `machine` (made up).
    static func identity(_ name: String, machine: String = "ab") -> ClusterNode.Identity {
        ClusterNode.Identity(name: name, advertise: "https://\(name).test:8443",
                             certificateSHA256: String(repeating: machine, count: 32), capacity: 4)
    }
}

/// Every cluster test, nested in one suite so they share one server.
@Suite(.postgres) struct ClusterTests {}
