import Foundation
import Logging
import NIOPosix
import VeilCluster
import VeilVault

/// Acts that must be audited (raw footage unlocked or opened, legal holds, officer and console
/// user changes), run from the command line. On a machine that records alone they simply run.
/// On a cluster node (``ClusterMembership``) the cluster's database must answer first: while it
/// cannot be reached the act is refused and nothing is done (recording goes on regardless), and
/// the act's audit entries are appended to the cluster's chain before the command returns.
enum AuditedAct {
    /// The cluster an act runs in: its database, open, and this node's name.
    struct Cluster: Sendable {
        let database: ClusterDatabase
        let node: String
    }

    /// Runs `act`, given the cluster on a cluster node (nil alone). `what` names the act in a
    /// refusal ("unlocking raw footage").
    static func run<Result: Sendable>(_ what: String, data: DataDirectoryOptions,
                                      _ act: @escaping @Sendable (Cluster?) async throws -> Result) async throws -> Result {
        let dataDirectory = data.resolved, audit = data.auditLog
        guard let membership = try ClusterMembership.of(dataDirectory: dataDirectory) else { return try await act(nil) }
        let settings = try membership.databaseConfiguration()
        let logger = Logger(label: "veil.cluster") { _ in SwiftLogNoOpLogHandler() }
        do {
            return try await ClusterDatabase.withDatabase(settings, logger: logger) { database in
                do {
                    return try await run(act, in: Cluster(database: database, node: membership.node), audit: audit,
                                         dataDirectory: dataDirectory)
                } catch {
                    throw Inside(error: error)
                }
            }
        } catch let inside as Inside {
            throw inside.error
        } catch {
            throw CommandFailure("refused: \(what) must be audited in the cluster's audit trail, and node \(membership.node) "
                                 + "cannot reach the cluster database: \(error). Nothing was done; try again once the "
                                 + "database answers (recording goes on meanwhile)")
        }
    }

    /// Runs `act`, which blocks (vault and file work, passphrase prompts), on NIO's blocking pool.
    static func run<Result: Sendable>(_ what: String, data: DataDirectoryOptions,
                                      blocking act: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await run(what, data: data) { _ in try await blocking(act) }
    }

    static func blocking<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    /// An error of the act itself, told apart from one opening the database.
    private struct Inside: Error { let error: any Error }

    /// The act, then its entries (and any the recorder has not sent yet) into the chain, also
    /// when the act failed (a refused unlock is audited too).
    private static func run<Result: Sendable>(_ act: @Sendable (Cluster?) async throws -> Result, in cluster: Cluster,
                                              audit: AuditLog, dataDirectory: String) async throws -> Result {
        let trail = NodeAuditTrail(database: cluster.database, node: cluster.node)
        let key = try AuditSigningKey.load(dataDirectory: dataDirectory)
        try await trail.registerKey(key)
        let outcome: Swift.Result<Result, any Error>
        do { outcome = .success(try await act(cluster)) } catch { outcome = .failure(error) }
        do {
            let entries = try await blocking { try audit.clusterEntries() }
            _ = try await trail.send(entries, key: key, after: nil, dataDirectory: dataDirectory)
        } catch {
            FileHandle.standardError.write(Data(("veil: warning: this act is in node \(cluster.node)'s own audit log, but appending "
                + "it to the cluster's chain failed (\(error)); the node's recorder appends it when it next reaches the database\n").utf8))
        }
        return try outcome.get()
    }
}

extension AuditedAct.Cluster {
    /// Footage stays on the node that recorded it: refused when every node of `holders` (those
    /// with the footage asked for) is another node, naming them; told which other nodes hold a
    /// part of it otherwise. `what` names the footage, `command` what to run there.
    func requireFootageHere(_ holders: [ClusterNodeAddress], _ what: String, run command: String) throws {
        let others = holders.filter { $0.name != node }
        guard !others.isEmpty else { return }
        let list = others.map(\.description).joined(separator: ", ")
        if others.count == holders.count {
            throw CommandFailure("\(what) was recorded on node \(list), not on this node (\(node)); footage and its keys "
                                 + "stay on the node that recorded them: run \(command) there")
        }
        print("part of \(what) was recorded on node \(list): run \(command) there for that part")
    }
}

extension AuditLog {
    /// The node's own log as the cluster's chain carries it.
    func clusterEntries() throws -> [ClusterAuditEntry] {
        try entries().map {
            ClusterAuditEntry(localSeq: $0.seq, time: $0.time, actor: $0.actor, action: $0.action, subject: $0.subject, reason: $0.reason)
        }
    }
}
