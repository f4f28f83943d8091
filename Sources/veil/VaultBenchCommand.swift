import ArgumentParser
import Foundation
import VeilVault
import VeilCore

/// `veil vault bench` (hidden): sealing and opening throughput on this machine.
struct VaultBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure sealing and opening throughput (MB/s) with a throwaway vault.",
        shouldDisplay: false
    )

    @Option(help: "Megabytes (MiB) to seal.") var megabytes = 256
    @Option(help: "Directory for the throwaway vault (default: the temporary directory).") var directory: String?

    func run() throws {
        let base = directory ?? NSTemporaryDirectory()
        let root = (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/veil-bench-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        var configuration = VaultConfiguration(dataDirectory: root)
        configuration.officerKeyDerivation = .testingOnly
        let vault = try Vault.open(configuration: configuration)
        try vault.addOfficer(name: "bench", passphrase: Passphrase("bench passphrase"), actor: "bench")
        let epoch = try vault.currentEpoch(camera: "bench", at: Date())
        let block = try SecureRandom.bytes(count: 1 << 20)
        let path = root + "/raw/bench/day/000000.veilraw"

        let sealStart = Date()
        let writer = try SealedSegmentWriter(path: path, epoch: epoch, segmentStart: Date())
        for _ in 0..<megabytes { try writer.write(block) }
        let finishStart = Date()
        try writer.finish()
        let sealSeconds = Date().timeIntervalSince(sealStart)
        let finishSeconds = Date().timeIntervalSince(finishStart)

        let key = try vault.unlockOfficer(name: "bench", passphrase: Passphrase("bench passphrase"))
        let openStart = Date()
        let reader = try vault.openSegment(at: path, officer: key, reason: "benchmark")
        var total = 0
        for index in 0..<reader.chunkCount { total += try reader.readChunk(at: index).count }
        let openSeconds = Date().timeIntervalSince(openStart)
        precondition(total == megabytes << 20)

        let mb = Double(megabytes) * 1.048576
        print(String(format: "sealed %d MiB in %.3f s: %.0f MB/s including the final fsync (%.3f s); %.0f MB/s before it",
                     megabytes, sealSeconds, mb / sealSeconds, finishSeconds, mb / (sealSeconds - finishSeconds)))
        print(String(format: "opened %d MiB in %.3f s: %.0f MB/s (authenticating every chunk, reading from %@)", megabytes, openSeconds, mb / openSeconds, root))
    }
}
