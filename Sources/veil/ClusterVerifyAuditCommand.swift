import ArgumentParser
import Foundation
import VeilCluster

/// `veil cluster verify-audit --config veil.yaml`: the cluster's audit chain, checked end to end.
struct ClusterVerifyAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-audit",
        abstract: "Check the cluster's audit chain: order, hashes and every node's signatures.",
        discussion: """
            Every node mirrors its own audit log (logins, exports, unlocks, shreds, clock steps) \
            into one chain in the cluster database, each entry hashed over the one before and \
            signed by its node. Exits 1, naming the first entry that fails, when the chain was \
            changed. Read-only.
            """
    )

    @Option(help: "The YAML configuration with a cluster: section.")
    var config: String

    func run() async throws {
        let verification: ClusterAuditVerification
        do {
            verification = try await ClusterCommand.withDatabase(config: config) { database, _, _ in
                try await database.verifyAuditChain()
            }
        } catch {
            throw reportFailure(error)
        }
        if let problem = verification.problem {
            let message = "veil: error: the cluster audit chain does not verify at entry \(problem.seq): "
                + "\(problem.description) (\(verification.entryCount) entries before it verify)\n"
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode.failure
        }
        print("cluster audit chain intact: \(verification.entryCount) entries, head \(verification.head ?? "none (empty)")")
    }
}
