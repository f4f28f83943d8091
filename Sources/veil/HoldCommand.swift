import ArgumentParser
import Foundation
import VeilCluster
import VeilVault

/// `veil hold --camera C --epoch E --until TIME --officer NAME --reason TEXT`.
struct HoldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold",
        abstract: "Place a legal hold: keep one epoch's raw footage until a later time (bounded).",
        discussion: "Needs the officer's passphrase. Audited."
    )

    @Option(help: "Camera id.") var camera: String
    @Option(help: "Epoch id, e.g. 20261129T080000Z.") var epoch: String
    @Option(help: "ISO 8601 time the hold ends.") var until: String
    @Option(help: "Officer placing the hold.") var officer: String
    @Option(help: "Why the footage must be kept (recorded in the audit log).") var reason: String
    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var passphrase: PassphraseOptions

    func run() async throws {
        guard let epochID = EpochID(rawValue: epoch) else {
            throw ValidationError("--epoch '\(epoch)' is not an epoch id; they look like 20261129T080000Z.")
        }
        let end = try parseTime(until, option: "--until")
        try await AuditedAct.run("placing a legal hold", data: data) { cluster in
            var recorded: Int64?
            if let cluster {
                recorded = try await Self.record(on: cluster, camera: camera, epoch: epoch, until: end, officer: officer, reason: reason)
            }
            let outcome: Result<EpochPublicKey, any Error>
            do {
                outcome = .success(try await AuditedAct.blocking {
                    let vault = try data.openVault()
                    let key = try vault.unlockOfficer(name: officer, passphrase: try passphrase.read(for: officer))
                    return try vault.placeHold(camera: camera, epoch: epochID, until: end, officer: key, reason: reason)
                })
            } catch {
                outcome = .failure(error)
            }
            if let cluster, let recorded {
                do {
                    try await cluster.database.settleHold(recorded, placed: (try? outcome.get()) != nil)
                } catch {
                    FileHandle.standardError.write(Data("veil: warning: hold \(recorded) is recorded in the cluster database as still being placed: \(error)\n".utf8))
                }
            }
            print("camera \(camera) epoch \(epochID) now expires at \(Timestamps.format(try outcome.get().expiresAt))")
        }
    }

    /// On a cluster node, the hold is recorded in the cluster's database before it takes
    /// effect; refused when the epoch is another node's (its key never leaves it) or when the
    /// hold cannot be recorded.
    private static func record(on cluster: AuditedAct.Cluster, camera: String, epoch: String, until: Date, officer: String,
                               reason: String) async throws -> Int64 {
        try cluster.requireFootageHere(try await cluster.database.rawFootageNodes(camera: camera, epoch: epoch),
                                       "camera \(camera) epoch \(epoch)", run: "veil hold")
        do {
            return try await cluster.database.recordHold(node: cluster.node, camera: camera, epoch: epoch, until: until,
                                                         officer: officer, reason: reason)
        } catch {
            throw CommandFailure("refused: the hold cannot be recorded in the cluster database (\(error)); nothing was placed")
        }
    }
}
