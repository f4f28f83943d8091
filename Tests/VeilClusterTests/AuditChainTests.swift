import Foundation
import Testing
import VeilCluster
import VeilTestSupport

extension ClusterTests {
    /// The cluster's audit chain: nodes appending at once make one chain that verifies; an
    /// edited, removed or re-signed entry is found and named.
    @Suite struct AuditChainTests {
        static func entry(_ seq: Int, node: String) -> ClusterAuditEntry {
            ClusterAuditEntry(localSeq: seq, time: "2026-12-07T21:00:\(String(format: "%02d", seq % 60))Z", actor: "officer-\(node)",
                              action: "segment.open", subject: "camera cam1 segment \(seq)", reason: "incident \(seq)")
        }

        /// Three nodes with 20 entries each, appended concurrently (each node twice over, as
        /// after a lost reply): 60 entries, each node's in its own order, one chain.
        @Test func threeNodesAppendingAtOnceMakeOneChainThatVerifies() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            let folder = try TestSupport.temporaryDirectory(prefix: "veil-audit-keys")
            defer { try? FileManager.default.removeItem(at: folder) }
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                let names = ["north", "south", "east"]
                var nodes: [(ClusterNode, AuditSigningKey)] = []
                for name in names {
                    let node = try await ClusterNode.register(ClusterFixture.identity(name), in: database, rules: ClusterFixture.rules)
                    let key = try AuditSigningKey.load(dataDirectory: folder.appendingPathComponent(name).path)
                    try await node.registerAuditKey(key)
                    nodes.append((node, key))
                }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (node, key) in nodes + nodes {
                        group.addTask {
                            for seq in 1...20 { try await node.appendAudit(Self.entry(seq, node: node.name), key: key) }
                        }
                    }
                    try await group.waitForAll()
                }
                let verification = try await database.verifyAuditChain()
                #expect(verification.isIntact && verification.entryCount == 60, "\(String(describing: verification.problem))")
                let server = try SharedPostgres.current
                for name in names {
                    let order = try server.sql("SELECT string_agg(local_seq::text, ',' ORDER BY seq) FROM audit_chain WHERE node = '\(name)'",
                                               database: configuration.database)
                    #expect(order == (1...20).map(String.init).joined(separator: ","))
                }
                #expect(try await nodes[0].0.lastAuditSeq() == 20)
            }
        }

        @Test func anEditedRemovedOrReSignedEntryIsNamed() async throws {
            let configuration = try ClusterFixture.freshDatabase()
            let folder = try TestSupport.temporaryDirectory(prefix: "veil-audit-keys")
            defer { try? FileManager.default.removeItem(at: folder) }
            try await ClusterDatabase.withDatabase(configuration, logger: ClusterFixture.logger) { database in
                let node = try await ClusterNode.register(ClusterFixture.identity("north"), in: database, rules: ClusterFixture.rules)
                let key = try AuditSigningKey.load(dataDirectory: folder.path)
                try await node.registerAuditKey(key)
                for seq in 1...10 { try await node.appendAudit(Self.entry(seq, node: "north"), key: key) }
                #expect(try await database.verifyAuditChain().isIntact)
                let server = try SharedPostgres.current
                let db = configuration.database

                try server.sql("UPDATE audit_chain SET reason = 'nothing to see' WHERE seq = 7", database: db)
                var verification = try await database.verifyAuditChain()
                #expect(verification.problem?.seq == 7 && verification.problem?.description.contains("changed after it was appended") == true
                        && verification.entryCount == 6, "\(String(describing: verification.problem))")
                try server.sql("UPDATE audit_chain SET reason = 'incident 7' WHERE seq = 7", database: db)
                #expect(try await database.verifyAuditChain().isIntact)

                // Removing an entry breaks the order at the next one.
                try server.sql("DELETE FROM audit_chain WHERE seq = 4", database: db)
                verification = try await database.verifyAuditChain()
                #expect(verification.problem?.seq == 5 && verification.problem?.description.contains("missing") == true)

                // Rewriting from entry 3 on with another key (hashes recomputed): the signer is not north's.
                let intruder = try AuditSigningKey.load(dataDirectory: folder.appendingPathComponent("intruder").path)
                try server.sql("DELETE FROM audit_chain WHERE seq >= 3", database: db)
                try await node.appendAudit(Self.entry(3, node: "north"), key: intruder)
                verification = try await database.verifyAuditChain()
                #expect(verification.problem?.seq == 3 && verification.problem?.description.contains("not registered for node north") == true,
                        "\(String(describing: verification.problem))")
            }
        }

        /// The signing key is made once, kept with mode 0600, and read back the same.
        @Test func theSigningKeyIsKeptPrivateAndStable() throws {
            let folder = try TestSupport.temporaryDirectory(prefix: "veil-audit-keys")
            defer { try? FileManager.default.removeItem(at: folder) }
            let first = try AuditSigningKey.load(dataDirectory: folder.path)
            let again = try AuditSigningKey.load(dataDirectory: folder.path)
            #expect(first.publicKey == again.publicKey && first.publicKey.count == 64)
            let mode = try FileManager.default.attributesOfItem(atPath: folder.path + "/cluster/audit-signing.key")[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }
}
