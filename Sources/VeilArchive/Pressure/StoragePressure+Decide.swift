/// Storage pressure policy (DESIGN.md: raw is shredded oldest-first before any redacted
/// segment is deleted early). A pure function of its input:
///
/// | step | condition                              | action                                                     |
/// |------|----------------------------------------|------------------------------------------------------------|
/// | 1    | used ≤ maximum and free ≥ minimum      | nothing                                                    |
/// | 2    | over by N bytes                        | shred whole raw epochs, oldest first, until ≥ N freed      |
/// | 3    | no whole epoch left to shred           | delete finished raw segments of the epochs being sealed    |
/// |      |                                        | into, oldest first (their key stays: it still seals)       |
/// | 4    | all deletable raw gone, still short    | delete redacted segments, oldest first, until ≥ N freed    |
/// | 5    | everything allowed gone, still short   | `shortfall > 0`: report loudly, keep recording the newest  |
///
/// "Over by" is the larger of `used − maximumBytes` and `minimumFreeBytes − free`; deleting a
/// byte lowers use and raises free space by one (the archive is on one file system).
/// Protected epochs (being sealed into) are never shredded whole, only their finished segments
/// deleted (step 3: a small disk fills within one epoch); protected segments are never chosen;
/// epochs and segments of zero bytes are skipped (they free nothing). Ties in age are broken by
/// camera and epoch name, then segment id, so the result is deterministic.
public enum StoragePressure {
    public static func decide(_ input: StoragePressureInput) -> StoragePressureDecision {
        var decision = StoragePressureDecision()
        decision.bytesToFree = overage(input.limits, input.usage)
        guard decision.bytesToFree > 0 else { return decision }

        let epochs = input.rawEpochs
            .filter { $0.bytes > 0 && !input.protectedEpochs.contains(EpochReference(camera: $0.camera, epoch: $0.epoch)) }
            .sorted { ($0.oldestStart, $0.camera, $0.epoch) < ($1.oldestStart, $1.camera, $1.epoch) }
        for epoch in epochs where decision.bytesFreed < decision.bytesToFree {
            decision.epochsToShred.append(EpochReference(camera: epoch.camera, epoch: epoch.epoch))
            decision.bytesFreed += epoch.bytes
        }

        let rawSegments = input.rawSegmentsOfProtectedEpochs
            .filter { $0.bytes > 0 && !input.protectedSegments.contains($0.id) }
            .sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
        for segment in rawSegments where decision.bytesFreed < decision.bytesToFree {
            decision.rawSegmentsToDelete.append(segment.id)
            decision.bytesFreed += segment.bytes
        }

        let segments = input.redacted
            .filter { $0.bytes > 0 && !input.protectedSegments.contains($0.id) }
            .sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
        for segment in segments where decision.bytesFreed < decision.bytesToFree {
            decision.redactedToDelete.append(segment.id)
            decision.bytesFreed += segment.bytes
        }
        return decision
    }

    /// Bytes over the tighter of the two limits (0 when within both or none is set).
    static func overage(_ limits: StorageLimits, _ usage: StorageUsage) -> Int64 {
        var over: Int64 = 0
        if let maximum = limits.maximumBytes { over = max(over, usage.rawBytes + usage.redactedBytes - maximum) }
        if let minimum = limits.minimumFreeBytes { over = max(over, minimum - usage.freeBytes) }
        return over
    }
}
