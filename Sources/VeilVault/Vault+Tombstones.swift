public import Foundation

/// What remains of a shredded epoch: which camera and time span it covered and when its
/// key was destroyed. Public data only (read from the epoch's tombstone).
public struct ShreddedEpoch: Sendable, Hashable {
    public let camera: String
    public let epoch: EpochID
    /// The span of footage the epoch key sealed.
    public let start: Date
    public let end: Date
    /// When the key was destroyed.
    public let shreddedAt: Date
    /// Raw segment files deleted after the shred; nil while that is still pending.
    public let rawSegmentsDeleted: Int?
}

extension Vault {
    /// The shredded epoch `epoch` of `camera`, or nil if it has no tombstone (it is live,
    /// or never existed).
    public func shreddedEpoch(camera: String, epoch: EpochID) throws -> ShreddedEpoch? {
        try epochStore.tombstone(camera: camera, epoch: epoch).map(ShreddedEpoch.init)
    }

    /// Every shredded epoch of every camera. A tombstone that cannot be read is left out here
    /// (the sweeper reports it).
    public func shreddedEpochs() throws -> [ShreddedEpoch] {
        try epochStore.tombstonePaths().compactMap { path in (try? epochStore.readTombstone(at: path)).map(ShreddedEpoch.init) }
    }

    /// Every shredded epoch of `camera` whose span overlaps `range`, oldest first.
    public func shreddedEpochs(camera: String, overlapping range: Range<Date>) throws -> [ShreddedEpoch] {
        try epochStore.tombstonePaths()
            .map { ShreddedEpoch(try epochStore.readTombstone(at: $0)) }
            .filter { $0.camera == camera && $0.start < range.upperBound && $0.end > range.lowerBound }
            .sorted { $0.start < $1.start }
    }
}

extension ShreddedEpoch {
    init(_ tombstone: Tombstone) {
        camera = tombstone.camera
        epoch = EpochID(rawValue: tombstone.epoch)!
        start = Canonical.date(tombstone.startsAt)
        end = Canonical.date(tombstone.endsAt)
        shreddedAt = Canonical.date(tombstone.shreddedAt)
        rawSegmentsDeleted = tombstone.rawSegmentsDeleted
    }
}
