public import Foundation

/// What one run of redacted retention removed.
public struct RetentionResult: Sendable, Hashable {
    /// Redacted segments deleted (files and rows).
    public var segmentsDeleted = 0
    /// Bytes of the files actually deleted.
    public var bytesFreed: Int64 = 0
    /// Rows of long-shredded raw segments and of gaps forgotten with them.
    public var rawRowsForgotten = 0
    public var gapsForgotten = 0
}

extension SegmentStore {
    /// Deletes the raw segment files of `camera` sealed under `epoch` after the vault
    /// destroyed that epoch's key, marking their rows `shredded` first (so a crash mid-way
    /// is finished by the next reconciliation). Returns how many files were deleted;
    /// calling it again for the same epoch is harmless. This is the shape of the vault's
    /// `RawSegmentDeleting` requirement.
    public func deleteRawSegments(camera: String, epoch: String) throws -> Int {
        let rows = try catalog.markShredded(camera: camera, epoch: epoch)
        return try deleteFiles(of: rows).count
    }

    /// Redacted retention: deletes every redacted segment that ended at or before `cutoff`
    /// (files, then rows), and forgets shredded raw rows and gaps that old.
    public func applyRedactedRetention(cutoff: Date) throws -> RetentionResult {
        let rows = try catalog.redactedSegments(endingBy: cutoff)
        var result = RetentionResult()
        let deleted = try deleteFiles(of: rows)
        result.bytesFreed = deleted.reduce(0) { $0 + $1.bytes }
        result.segmentsDeleted = try catalog.forget(rows.map(\.id))
        (result.rawRowsForgotten, result.gapsForgotten) = try catalog.forgetHistory(endingBy: cutoff)
        return result
    }

    /// Deletes redacted segments early (storage pressure), files then rows. Returns the bytes
    /// freed. A segment still being committed is left for a later round (`committed(_:)`).
    @discardableResult
    public func deleteRedacted(_ ids: [SegmentID]) throws -> Int64 {
        let rows = committed(try ids.compactMap { try catalog.segment($0) }.filter { $0.kind == .redacted })
        let deleted = try deleteFiles(of: rows)
        _ = try catalogWrite { try catalog.forget(rows.map(\.id)) }
        return deleted.reduce(0) { $0 + $1.bytes }
    }

    /// Deletes raw segments early (storage pressure, their epoch key still live and sealing):
    /// rows marked shredded first, so a crash mid-way is finished by the next reconciliation,
    /// then the files. Returns the rows and the bytes freed. A segment still being committed is
    /// left for a later round (`committed(_:)`).
    @discardableResult
    public func deleteRawEarly(_ ids: [SegmentID]) throws -> (rows: [SegmentRecord], bytes: Int64) {
        let settled = committed(try ids.compactMap { try catalog.segment($0) }).map(\.id)
        let rows = try catalogWrite { try catalog.markShredded(settled) }
        let deleted = try deleteFiles(of: rows)
        return (rows, deleted.reduce(0) { $0 + $1.bytes })
    }

    /// `rows` without the segments whose commit is under way: their row goes in before their
    /// file is renamed into place, and until `commit` or `finished` releases the name, deleting
    /// would find no file, drop the row, and the rename would then leave a file no row knows.
    func committed(_ rows: [SegmentRecord]) -> [SegmentRecord] {
        let inProgress = reservedPaths
        return rows.filter { !inProgress.contains($0.path) }
    }

    /// Unlinks the files of `rows`, flushes their directories, and removes day directories
    /// left empty (except today's, where a writer may be about to create a file).
    /// Returns the rows whose file existed and was deleted.
    func deleteFiles(of rows: [SegmentRecord]) throws -> [SegmentRecord] {
        var deleted: [SegmentRecord] = []
        var directories = Set<String>()
        for row in rows where try FileSystem.remove(absolutePath(of: row)) {
            deleted.append(row)
            directories.insert((absolutePath(of: row) as NSString).deletingLastPathComponent)
        }
        let today = SegmentLayout.utc(catalog.now()).day
        for directory in directories.sorted() {
            try FileSystem.syncDirectory(directory)
            if !directory.hasSuffix("/" + today) { FileSystem.removeIfEmpty(directory) }
        }
        return deleted
    }
}
