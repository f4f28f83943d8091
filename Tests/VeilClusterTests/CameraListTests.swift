import Foundation
import Testing
import VeilCluster
import VeilTestSupport

extension ClusterTests {
    /// Every node lists the same cameras; the list changes only through `changeCameraList`.
    @Suite struct CameraListTests {
        @Test func aDifferentListIsRefusedUntilTheClusterAdoptsIt() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                try await database.requireCameraList(["hall", "lobby"], node: "north")
                try await database.requireCameraList(["lobby", "hall"], node: "south")
                let refused = await #expect(throws: ClusterError.self) {
                    try await database.requireCameraList(["lobby", "stacks"], node: "east")
                }
                #expect(refused?.isConfigurationError == true)
                #expect(refused?.description.contains("it lacks hall and it adds stacks") == true, "\(String(describing: refused))")

                // A dry run changes nothing; applying retires hall and adds stacks.
                let preview = try await database.changeCameraList(to: ["lobby", "stacks"], apply: false)
                #expect(preview.added == ["stacks"] && preview.retired == ["hall"])
                await #expect(throws: ClusterError.self) { try await database.requireCameraList(["lobby", "stacks"], node: "east") }
                _ = try await database.changeCameraList(to: ["lobby", "stacks"], apply: true)
                try await database.requireCameraList(["lobby", "stacks"], node: "east")
                await #expect(throws: ClusterError.self) { try await database.requireCameraList(["hall", "lobby"], node: "north") }

                // A retired camera is not in the cluster's view, so nobody leases it; it can come back.
                let node = try await ClusterNode.register(ClusterFixture.identity("east"), in: database, rules: ClusterFixture.rules)
                #expect(try await node.view().cameras == ["lobby", "stacks"])
                let back = try await database.changeCameraList(to: ["hall", "lobby", "stacks"], apply: true)
                #expect(back.added == ["hall"] && back.retired.isEmpty)
                #expect(try await node.view().cameras == ["hall", "lobby", "stacks"])
            }
        }
    }
}
