import Foundation
import Logging
import ServiceLifecycle
import Testing
import VeilArchive
import VeilCluster
import VeilTestSupport

extension ClusterTests {
    /// A node stopped gracefully hands its cameras over: it keeps renewing their leases while
    /// each camera finishes its segment, however long that takes, and then releases them, so
    /// the next node takes them as a hand-over, never as after a crash.
    @Suite struct HandOverTests {
        /// Cameras whose stop takes longer than a lease lasts (a loaded machine finishing a segment).
        struct SlowCameras: ClusterCameras {
            let names: Set<String> = ["lobby"]
            func startRecording(_ camera: String) async throws {}
            func stopRecording(_ camera: String) async { try? await Task.sleep(for: .seconds(10)) }
        }

        // Generous: on a loaded 2-core machine the long synchronous process tests that run beside
        // this one can hold Swift's cooperative threads, which the member's loops need, for minutes.
        @Test(.timeLimit(.minutes(15)))
        func aSlowStopStillEndsInARelease() async throws {
            let directory = try TestSupport.temporaryDirectory(prefix: "veil-handover")
            defer { try? FileManager.default.removeItem(at: directory) }
            let catalog = try Catalog(dataDirectory: directory.path)
            let configuration = try ClusterFixture.freshDatabase()
            @Sendable func lease() throws -> String {
                try SharedPostgres.current.sql("""
                    SELECT node || ' ' || (expires_at > clock_timestamp()) || ' ' || (released_at IS NOT NULL) FROM camera_leases
                    """, database: configuration.database)
            }
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                try await database.declareCameras(["lobby"])
                // The production rules (6 s leases renewed every 2 s): a node is active while its
                // heartbeat is under 4 s old, which a loaded machine still manages.
                let north = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: LeaseRules())
                let member = ClusterMember(node: north, catalog: catalog, cameras: SlowCameras(), logger: ClusterFixture.logger)
                let group = ServiceGroup(services: [member], logger: ClusterFixture.logger)
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await group.run() }
                    let deadline = Date().addingTimeInterval(600)
                    while try lease() != "north true false", Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
                    #expect(try lease() == "north true false", "north took the free camera")
                    await group.triggerGracefulShutdown()
                    try await tasks.waitForAll()
                }
            }
            #expect(try lease() == "north false true", "released by north, not left to expire")
        }
    }
}
