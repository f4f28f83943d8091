import Foundation
import VeilArchive
import VeilCore
import VeilMedia
import VeilMetrics
import VeilPipeline
import VeilVault

/// One raw segment being written: the camera's original packets (every track) remuxed into
/// MPEG-TS in memory and sealed chunk by chunk as the muxer produces bytes. No plaintext byte
/// reaches a file. Used on the ingest thread only, whose CPU time in this writer is counted
/// (`veil_seal_cpu_seconds_total`) beside the bytes sealed.
final class RawSegmentWriter {
    let sequence: Int
    let start: Date
    private let pending: PendingSegment
    private let sealer: SealedSegmentWriter
    private let muxer: Muxer
    private let outputStreams: [Int: Int]
    private let store: SegmentStore
    private let epoch: EpochPublicKey
    private let cpu: SecondsCounter

    init(camera: String, demuxer: Demuxer, streams: [StreamInfo], sequence: Int, start: Date,
         store: SegmentStore, vault: Vault, metrics: CameraMetrics) throws {
        self.sequence = sequence
        self.start = start
        self.store = store
        cpu = metrics.sealCPU
        let started = CPUTime.currentThread
        defer { metrics.sealCPU.add(CPUTime.currentThread - started) }
        epoch = try vault.currentEpoch(camera: camera, at: start)
        let pending = try store.prepare(camera: camera, kind: .raw, start: start)
        self.pending = pending
        do {
            // An unfinished sealer deletes its temporary file when it goes, as it does if this throws.
            let sealer = try SealedSegmentWriter(path: pending.path, epoch: epoch, segmentStart: start)
            self.sealer = sealer
            let sealed = metrics.bytesSealed
            muxer = try Muxer(format: "mpegts", describedAs: "raw segment \(pending.relativePath)") { bytes in
                try sealer.write(bytes)
                sealed.increment(by: bytes.count)
            }
            var mapping: [Int: Int] = [:]
            for stream in streams {
                mapping[stream.index] = try muxer.addStream(copying: stream, of: demuxer)
            }
            outputStreams = mapping
            try muxer.writeHeader()
        } catch {
            store.abandon(pending)  // frees the name: no writer is left to abandon it
            throw error
        }
    }

    /// Remuxes and seals one original packet. The packet's data is consumed.
    func write(_ packet: Packet) throws {
        guard let output = outputStreams[packet.streamIndex] else { return }
        try cpu.addThreadCPUTime { try muxer.write(packet, toStream: output) }
    }

    /// Completes the container, seals the last chunk, records it, then renames the file into
    /// place (a crash in between is finished by reconciliation, never an uncatalogued file).
    func finish(end: Date) throws -> SegmentRecord {
        try cpu.addThreadCPUTime {
            try muxer.finish()
            var record: SegmentRecord?
            do {
                _ = try sealer.finish { temporary in
                    record = try store.catalogue(pending, stagedAt: temporary, end: end, epoch: epoch.epoch.rawValue,
                                                 sha256: sha256OfFile(temporary))
                }
            } catch {
                if let record { store.forget(record, of: pending) }
                throw error
            }
            store.finished(pending)
            return record!
        }
    }

    /// Gives up on this segment (nothing is catalogued; the sealer's temporary file is removed).
    func abandon() {
        store.abandon(pending)
    }
}
