public import Foundation

/// Computes a file's lowercase hex SHA-256 (swift-crypto's, through the recorder's
/// `sha256OfFile`, in production; the archive does not link a crypto library itself).
public typealias FileHasher = @Sendable (_ path: String) throws -> String

/// A segment being written: where the writer puts its bytes, and where the file will end up.
public struct PendingSegment: Sendable, Hashable {
    public let camera: String
    public let kind: SegmentKind
    public let start: Date
    /// Final path relative to the data directory (what the catalog records).
    public let relativePath: String
    /// Absolute final path.
    public let path: String
    /// Absolute temporary path in the same directory (`.<hhmmss>.partial.<ext>`), where the writer writes.
    public let temporaryPath: String
}

/// The segment files under a data directory and their catalog: names new segments, commits
/// finished ones durably (fsync, the catalog row, rename, fsync the directory), deletes
/// them for retention and shredding, and reconciles disk and catalog at start-up.
///
/// Thread-safe: pipelines of several cameras share one store.
public final class SegmentStore: @unchecked Sendable {
    public let dataDirectory: String
    public let catalog: Catalog
    let hashFile: FileHasher
    private let lock = NSLock()
    private var reserved: Set<String> = []
    private var exhaustedHandler: (@Sendable () -> Void)?

    /// Called (on the writing thread) when a catalog write failed for lack of space, before it
    /// is retried once: the recorder releases its space reserve and frees footage there.
    public var spaceExhausted: (@Sendable () -> Void)? {
        get { lock.withLock { exhaustedHandler } }
        set { lock.withLock { exhaustedHandler = newValue } }
    }

    /// A store over `dataDirectory` using `catalog` and `hashFile` for files committed without a hash.
    public init(dataDirectory: String, catalog: Catalog, hashFile: @escaping FileHasher) {
        self.dataDirectory = DataDirectory.normalized(dataDirectory)
        self.catalog = catalog
        self.hashFile = hashFile
    }

    /// Creates `dataDirectory` if needed and opens (or creates) its catalog.
    public static func open(dataDirectory: String, hashFile: @escaping FileHasher,
                            now: @escaping @Sendable () -> Date = { Date() }) throws -> SegmentStore {
        try FileSystem.createDirectories(DataDirectory.normalized(dataDirectory))
        return SegmentStore(dataDirectory: dataDirectory, catalog: try Catalog(dataDirectory: dataDirectory, now: now),
                            hashFile: hashFile)
    }

    /// The absolute path of a catalogued segment.
    public func absolutePath(of segment: SegmentRecord) -> String { dataDirectory + "/" + segment.path }

    /// Chooses the final and temporary names of a new segment of `camera` starting at `start`
    /// (creating its day directory). Names already on disk, in the catalog or handed out and
    /// not yet committed are skipped (`084100-1.mp4`, …).
    public func prepare(camera: String, kind: SegmentKind, start: Date) throws -> PendingSegment {
        try Validation.camera(camera, path: dataDirectory)
        let directory = SegmentLayout.directory(camera: camera, kind: kind, start: start)
        try FileSystem.createDirectories(dataDirectory + "/" + directory)
        lock.lock()
        defer { lock.unlock() }
        for collision in 0... {
            let name = SegmentLayout.fileName(start: start, kind: kind, collision: collision)
            let relative = directory + "/" + name
            let pending = PendingSegment(camera: camera, kind: kind, start: start, relativePath: relative,
                                         path: dataDirectory + "/" + relative,
                                         temporaryPath: dataDirectory + "/" + directory + "/" + SegmentLayout.temporaryName(for: name))
            let taken = try reserved.contains(relative) || FileSystem.exists(pending.path)
                || FileSystem.exists(pending.temporaryPath) || catalog.segment(atPath: relative) != nil
            if taken { continue }
            reserved.insert(relative)
            return pending
        }
        fatalError("unreachable")
    }

    /// Commits a segment its writer finished at `pending.temporaryPath`: fsync the file, hash
    /// it (unless `sha256` is given), insert the catalog row, rename the file into place, fsync
    /// the directory. A raw segment needs its `epoch`; a redacted one names its `pairedRaw`
    /// twin (or gets paired later with `Catalog.pair`). Row before rename: a crash in between
    /// leaves a row and its complete temporary file, which reconciliation renames into place
    /// (the other order left a finished file no row knew). If this throws, the temporary file
    /// is left for `abandon` or the next reconciliation, and no row remains.
    @discardableResult
    public func commit(_ pending: PendingSegment, end: Date, epoch: String? = nil, pairedRaw: SegmentID? = nil,
                       sha256: String? = nil) throws -> SegmentRecord {
        defer { release(pending) }
        try FileSystem.syncFile(pending.temporaryPath)
        let segment = try describe(pending, file: pending.temporaryPath, end: end, epoch: epoch, pairedRaw: pairedRaw, sha256: sha256)
        guard !FileSystem.exists(pending.path) else {
            throw ArchiveError(.fileSystem, "committing a segment", path: pending.path, detail: "a file with this name appeared meanwhile")
        }
        let record = try catalogWrite { try catalog.insert(segment) }
        do {
            try FileSystem.rename(pending.temporaryPath, to: pending.path)
        } catch {
            _ = try? catalogWrite { try catalog.forget([record.id]) }
            throw error
        }
        try FileSystem.syncDirectory((pending.path as NSString).deletingLastPathComponent)
        return record
    }

    /// Catalogues a segment whose writer has flushed it at `temporary` and renames it into
    /// `pending.path` itself right after (the vault's `SealedSegmentWriter`): the row goes in
    /// first, as in `commit`. If the rename then fails, pass the row to `forget(_:)`.
    @discardableResult
    public func catalogue(_ pending: PendingSegment, stagedAt temporary: String, end: Date, epoch: String? = nil,
                          sha256: String? = nil) throws -> SegmentRecord {
        let segment = try describe(pending, file: temporary, end: end, epoch: epoch, pairedRaw: nil, sha256: sha256)
        return try catalogWrite { try catalog.insert(segment) }
    }

    /// Removes the row of a segment that never reached its final name, and frees its name.
    public func forget(_ record: SegmentRecord, of pending: PendingSegment) {
        _ = try? catalogWrite { try catalog.forget([record.id]) }
        release(pending)
    }

    /// Frees the name of a segment committed through `catalogue` once its file is in place.
    public func finished(_ pending: PendingSegment) { release(pending) }

    /// Catalogues a segment whose writer already renamed it into `pending.path` durably
    /// (the vault's `SealedSegmentWriter` does its own temporary file, fsync and rename).
    /// If it cannot be catalogued, the file is deleted.
    @discardableResult
    public func adopt(_ pending: PendingSegment, end: Date, epoch: String? = nil, pairedRaw: SegmentID? = nil,
                      sha256: String? = nil) throws -> SegmentRecord {
        defer { release(pending) }
        do {
            try FileSystem.syncFile(pending.path)
            let segment = try describe(pending, file: pending.path, end: end, epoch: epoch, pairedRaw: pairedRaw, sha256: sha256)
            return try insertOrRemove(segment, file: pending.path)
        } catch {
            _ = try? FileSystem.remove(pending.path)
            throw error
        }
    }

    /// Inserts the row of a file already in place (retried once after freeing space); if that
    /// fails, the file is deleted, so no finished file is ever left without its row.
    private func insertOrRemove(_ segment: NewSegment, file: String) throws -> SegmentRecord {
        do {
            return try catalogWrite { try catalog.insert(segment) }
        } catch {
            _ = try? FileSystem.remove(file)
            try? FileSystem.syncDirectory((file as NSString).deletingLastPathComponent)
            throw error
        }
    }

    /// Gives up a segment: deletes its temporary file (if any) and frees its name.
    public func abandon(_ pending: PendingSegment) {
        _ = try? FileSystem.remove(pending.temporaryPath)
        release(pending)
    }

    private func describe(_ pending: PendingSegment, file: String, end: Date, epoch: String?, pairedRaw: SegmentID?,
                          sha256: String?) throws -> NewSegment {
        let segment = NewSegment(camera: pending.camera, kind: pending.kind, start: pending.start, end: end,
                                 path: pending.relativePath, bytes: try FileSystem.size(file),
                                 sha256: try sha256 ?? hashFile(file), epoch: epoch, pairedRaw: pairedRaw)
        try Catalog.validate(segment)
        return segment
    }

    private func release(_ pending: PendingSegment) {
        lock.lock()
        reserved.remove(pending.relativePath)
        lock.unlock()
    }

    /// Paths handed out by `prepare` and not yet committed or abandoned.
    var reservedPaths: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return reserved
    }
}
