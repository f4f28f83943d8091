import ArgumentParser
import Logging
import VeilCluster
import VeilVault

/// `veil audit verify [--anchor HASH]`.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the hash chain; report the first edited, deleted, reordered or inserted entry.",
        discussion: """
            Exit status 0 when intact, 1 when broken. Pass a head recorded earlier with --anchor to also catch \
            edits to the newest entries and truncation. On a cluster node the cluster's chain is checked too: \
            order, hashes, signatures, the head this node saw when it last appended, and this node's own entries \
            against its own log (so a rewrite re-signed by whoever controls the database is caught).
            """
    )

    @Option(help: "A head hash recorded earlier with 'veil audit head'.") var anchor: String?
    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        let anchored = try anchor.map { text in
            guard let digest = SHA256Digest(hex: text) else { throw ValidationError("--anchor must be 64 hexadecimal digits.") }
            return digest
        }
        let log = data.auditLog
        let result = try log.verify(anchoredHead: anchored)
        if let problem = result.problem {
            print("audit log \(log.path) is BROKEN at line \(problem.line): \(problem.description)")
            print("\(result.entryCount) entries before it chain correctly.")
            throw ExitCode(1)
        }
        print("audit log \(log.path) is intact: \(result.entryCount) entries, head \(result.head?.hex ?? "(empty)")")
        guard let membership = try ClusterMembership.of(dataDirectory: data.resolved) else { return }
        try await verifyCluster(membership, log: log)
    }

    /// The cluster's chain, anchored by what this node knows of its own part.
    private func verifyCluster(_ membership: ClusterMembership, log: AuditLog) async throws {
        let directory = data.resolved
        let anchor = NodeAuditAnchor(node: membership.node, head: try ClusterChainHead.kept(dataDirectory: directory),
                                     publicKey: try AuditSigningKey.load(dataDirectory: directory).publicKey,
                                     entries: try log.clusterEntries())
        let settings = try membership.databaseConfiguration()
        let verification: ClusterAuditVerification
        do {
            verification = try await ClusterDatabase.withDatabase(settings, logger: Logger(label: "veil.cluster") { _ in SwiftLogNoOpLogHandler() }) {
                try await $0.verifyAuditChain(anchor: anchor)
            }
        } catch {
            throw CommandFailure("the cluster's audit chain cannot be checked: \(error)")
        }
        if let problem = verification.problem {
            print("cluster audit chain is BROKEN at entry \(problem.seq): \(problem.description)")
            print("\(verification.entryCount) entries before it verify.")
            throw ExitCode(1)
        }
        let seen = anchor.head.map { ", including entry \($0.seq), the last this node appended" } ?? ""
        print("cluster audit chain is intact: \(verification.entryCount) entries\(seen); node \(membership.node)'s "
              + "entries in it match its own log")
    }
}
