public import Foundation

/// Limits on the archive's disk use (configuration, item 7 of issue 6). Either, both or neither.
public struct StorageLimits: Sendable, Hashable {
    /// Keep catalogued raw + redacted bytes at or below this (nil: no cap).
    public var maximumBytes: Int64?
    /// Keep at least this much free on the data directory's file system (nil: no floor).
    public var minimumFreeBytes: Int64?

    public init(maximumBytes: Int64? = nil, minimumFreeBytes: Int64? = nil) {
        self.maximumBytes = maximumBytes
        self.minimumFreeBytes = minimumFreeBytes
    }
}

/// Current disk use: catalogued present bytes per kind and the file system's free bytes.
public struct StorageUsage: Sendable, Hashable {
    public var rawBytes: Int64
    public var redactedBytes: Int64
    public var freeBytes: Int64

    public init(rawBytes: Int64, redactedBytes: Int64, freeBytes: Int64) {
        self.rawBytes = rawBytes
        self.redactedBytes = redactedBytes
        self.freeBytes = freeBytes
    }
}

/// One raw epoch of one camera (the unit the vault can shred).
public struct EpochReference: Sendable, Hashable {
    public let camera: String
    public let epoch: String
    public init(camera: String, epoch: String) {
        self.camera = camera
        self.epoch = epoch
    }
}

/// A redacted segment that storage pressure may delete early.
public struct RedactedUsage: Sendable, Hashable {
    public let id: SegmentID
    public let camera: String
    public let start: Date
    public let bytes: Int64

    public init(id: SegmentID, camera: String, start: Date, bytes: Int64) {
        self.id = id
        self.camera = camera
        self.start = start
        self.bytes = bytes
    }

    public init(_ segment: SegmentRecord) {
        self.init(id: segment.id, camera: segment.camera, start: segment.start, bytes: segment.bytes)
    }
}

/// A finished raw segment of an epoch still being sealed into: deletable on its own under
/// pressure (its epoch key cannot be shredded yet).
public struct RawSegmentUsage: Sendable, Hashable {
    public let id: SegmentID
    public let camera: String
    public let epoch: String
    public let start: Date
    public let bytes: Int64

    public init(id: SegmentID, camera: String, epoch: String, start: Date, bytes: Int64) {
        self.id = id
        self.camera = camera
        self.epoch = epoch
        self.start = start
        self.bytes = bytes
    }

    public init(_ segment: SegmentRecord) {
        self.init(id: segment.id, camera: segment.camera, epoch: segment.epoch ?? "", start: segment.start, bytes: segment.bytes)
    }
}

/// Everything the storage-pressure decision looks at.
public struct StoragePressureInput: Sendable, Hashable {
    public var limits: StorageLimits
    public var usage: StorageUsage
    /// Present raw footage per epoch (any order).
    public var rawEpochs: [EpochUsage]
    /// Present raw segments of the protected epochs (any order).
    public var rawSegmentsOfProtectedEpochs: [RawSegmentUsage]
    /// Present redacted segments (any order; the oldest ones are enough).
    public var redacted: [RedactedUsage]
    /// Epochs still being sealed into: never shredded early.
    public var protectedEpochs: Set<EpochReference>
    /// Segments being written or exported: never deleted.
    public var protectedSegments: Set<SegmentID>

    public init(limits: StorageLimits, usage: StorageUsage, rawEpochs: [EpochUsage], redacted: [RedactedUsage],
                protectedEpochs: Set<EpochReference> = [], protectedSegments: Set<SegmentID> = [],
                rawSegmentsOfProtectedEpochs: [RawSegmentUsage] = []) {
        self.limits = limits
        self.usage = usage
        self.rawEpochs = rawEpochs
        self.rawSegmentsOfProtectedEpochs = rawSegmentsOfProtectedEpochs
        self.redacted = redacted
        self.protectedEpochs = protectedEpochs
        self.protectedSegments = protectedSegments
    }
}

/// What to delete to get back within the limits.
public struct StoragePressureDecision: Sendable, Hashable {
    /// How far over the limits the archive is (0: within them, nothing to do).
    public var bytesToFree: Int64 = 0
    /// Epochs to shred early through the vault, oldest first.
    public var epochsToShred: [EpochReference] = []
    /// Finished raw segments of protected epochs to delete, oldest first (once no whole epoch is left).
    public var rawSegmentsToDelete: [SegmentID] = []
    /// Redacted segments to delete early, oldest first (only once no deletable raw is left).
    public var redactedToDelete: [SegmentID] = []
    /// Bytes the actions above free.
    public var bytesFreed: Int64 = 0
    /// Bytes still over the limits after every allowed action: report loudly, keep recording.
    public var shortfall: Int64 { max(0, bytesToFree - bytesFreed) }
    public var isWithinLimits: Bool { bytesToFree == 0 }
}
