import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension SegmentStore {
    /// Bytes available to Veil on the data directory's file system (`statvfs`, `f_bavail`).
    public func freeBytes() throws -> Int64 {
        try FileSystem.freeBytes(dataDirectory)
    }

    /// The storage-pressure input as things stand: catalogued usage, free space, raw epochs
    /// and the oldest `redactedLimit` redacted segments (a later round continues if more are needed).
    public func storagePressureInput(limits: StorageLimits, protectedEpochs: Set<EpochReference> = [],
                                     redactedLimit: Int = 10_000) throws -> StoragePressureInput {
        let totals = try catalog.totalBytes()
        let usage = StorageUsage(rawBytes: totals[.raw] ?? 0, redactedBytes: totals[.redacted] ?? 0, freeBytes: try freeBytes())
        let redacted = StoragePressure.overage(limits, usage) > 0
            ? try catalog.oldestSegments(kind: .redacted, limit: redactedLimit).map(RedactedUsage.init) : []
        let protectedRaw = StoragePressure.overage(limits, usage) > 0
            ? try protectedEpochs.sorted { ($0.camera, $0.epoch) < ($1.camera, $1.epoch) }
                .flatMap { try catalog.presentRawSegments(camera: $0.camera, epoch: $0.epoch) }.map(RawSegmentUsage.init) : []
        return StoragePressureInput(limits: limits, usage: usage, rawEpochs: try catalog.rawEpochs(), redacted: redacted,
                                    protectedEpochs: protectedEpochs, rawSegmentsOfProtectedEpochs: protectedRaw)
    }
}
