import Foundation
import VeilBenchmark
import VeilMedia
import VeilPipeline
import VeilVault

/// Seals packets exactly as the recorder's raw segments are sealed (`RawSegmentWriter`): the
/// original packets of every track are remuxed to MPEG-TS in memory and each byte the muxer
/// produces goes to a `SealedSegmentWriter`, so no plaintext reaches the disk. The vault is a
/// throwaway one under `directory`, removed by `removeVault()`.
final class ThrowawayVaultSealer: PacketSealer {
    let root: String
    private let epoch: EpochPublicKey
    private var segments = 0

    init(directory: String) throws {
        root = (directory.hasSuffix("/") ? String(directory.dropLast()) : directory) + "/veil-bench-" + UUID().uuidString
        var configuration = VaultConfiguration(dataDirectory: root)
        configuration.officerKeyDerivation = .testingOnly
        let vault = try Vault.open(configuration: configuration)
        try vault.addOfficer(name: "bench", passphrase: Passphrase("bench passphrase"), actor: "bench")
        epoch = try vault.currentEpoch(camera: "bench", at: Date())
    }

    func seal(_ packets: [Packet], from demuxer: Demuxer) throws {
        segments += 1
        let path = root + "/raw/bench/day/\(segments).veilraw"
        let sealer = try SealedSegmentWriter(path: path, epoch: epoch, segmentStart: Date())
        let muxer = try Muxer(format: "mpegts", describedAs: "benchmark raw segment \(segments)") { bytes in
            try sealer.write(bytes)
        }
        var outputStreams: [Int: Int] = [:]
        for stream in demuxer.streams {
            outputStreams[stream.index] = try muxer.addStream(copying: stream, of: demuxer)
        }
        try muxer.writeHeader()
        for packet in packets {
            guard let output = outputStreams[packet.streamIndex] else { continue }
            try muxer.write(packet, toStream: output)
        }
        try muxer.finish()
        try sealer.finish()
    }

    func removeVault() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
