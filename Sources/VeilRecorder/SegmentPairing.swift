import Foundation
import VeilArchive

/// Pairs each redacted segment with the raw segment that starts at the same keyframe. The two
/// are committed on different threads in either order; whichever comes second makes the pair.
final class SegmentPairing: @unchecked Sendable {
    private let lock = NSLock()
    private var raw: [Int: SegmentID] = [:]
    private var redacted: [Int: SegmentID] = [:]
    private let catalog: Catalog
    private var lastSequence = -1

    init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// A segment number never used before for this camera, across reconnections, so a
    /// leftover half of an earlier connection's pair can never be matched with a new segment.
    func nextSequence() -> Int {
        lock.withLock {
            lastSequence += 1
            return lastSequence
        }
    }

    /// The raw segment `sequence` is committed; pairs it if its redacted twin already is.
    func rawCommitted(_ id: SegmentID, sequence: Int) throws {
        if let twin = meet(id, sequence: sequence, twinIn: \.redacted, elseWaitIn: \.raw) {
            _ = try catalog.pair(redacted: twin, withRaw: id)
        }
    }

    /// The raw twin of redacted segment `sequence`, if already committed (then pass it to the
    /// commit); otherwise nil, and `redactedCommitted` must be called after committing.
    func rawTwin(of sequence: Int) -> SegmentID? {
        lock.withLock { raw.removeValue(forKey: sequence) }
    }

    /// Redacted segment `sequence` was committed without its twin; pairs it now if the raw
    /// segment was committed meanwhile, else when it is.
    func redactedCommitted(_ id: SegmentID, sequence: Int) throws {
        if let twin = meet(id, sequence: sequence, twinIn: \.raw, elseWaitIn: \.redacted) {
            _ = try catalog.pair(redacted: id, withRaw: twin)
        }
    }

    /// Under the lock: takes the twin of `sequence` out of `twins` if it was committed first;
    /// otherwise leaves `id` in `waiting` for the twin to find, and returns nil.
    private func meet(_ id: SegmentID, sequence: Int, twinIn twins: ReferenceWritableKeyPath<SegmentPairing, [Int: SegmentID]>,
                      elseWaitIn waiting: ReferenceWritableKeyPath<SegmentPairing, [Int: SegmentID]>) -> SegmentID? {
        lock.withLock {
            if let twin = self[keyPath: twins].removeValue(forKey: sequence) { return twin }
            self[keyPath: waiting][sequence] = id
            return nil
        }
    }
}
