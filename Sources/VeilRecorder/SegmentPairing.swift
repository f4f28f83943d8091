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
        let twin: SegmentID? = lock.withLock {
            guard let twin = redacted.removeValue(forKey: sequence) else {
                raw[sequence] = id
                return nil
            }
            return twin
        }
        if let twin { _ = try catalog.pair(redacted: twin, withRaw: id) }
    }

    /// The raw twin of redacted segment `sequence`, if already committed (then pass it to the
    /// commit); otherwise nil, and `redactedCommitted` must be called after committing.
    func rawTwin(of sequence: Int) -> SegmentID? {
        lock.withLock { raw.removeValue(forKey: sequence) }
    }

    /// Redacted segment `sequence` was committed without its twin; pairs it now if the raw
    /// segment was committed meanwhile, else when it is.
    func redactedCommitted(_ id: SegmentID, sequence: Int) throws {
        let twin: SegmentID? = lock.withLock {
            guard let twin = raw.removeValue(forKey: sequence) else {
                redacted[sequence] = id
                return nil
            }
            return twin
        }
        if let twin { _ = try catalog.pair(redacted: id, withRaw: twin) }
    }
}
