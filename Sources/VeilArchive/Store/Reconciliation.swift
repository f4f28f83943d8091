import Foundation

/// What start-up reconciliation found and did; the recorder logs it.
public struct ReconciliationReport: Sendable, Hashable {
    /// Writers' leftover temporary files, deleted (relative paths).
    public var removedTemporaryFiles: [String] = []
    /// Segments whose file is gone, now marked `missing`.
    public var missingSegments: [SegmentRecord] = []
    /// Segments marked `missing` earlier whose file is back, marked `present` again.
    public var restoredSegments: [SegmentRecord] = []
    /// Files of shredded raw segments still on disk (a shred interrupted by a crash), deleted now.
    public var completedShreds: [String] = []
    /// Files the catalog does not know (relative paths); reported, never deleted.
    public var unknownFiles: [String] = []

    /// True when disk and catalog agreed and nothing was changed.
    public var isClean: Bool {
        removedTemporaryFiles.isEmpty && missingSegments.isEmpty && restoredSegments.isEmpty
            && completedShreds.isEmpty && unknownFiles.isEmpty
    }

    /// One line per finding, for the log.
    public var lines: [String] {
        removedTemporaryFiles.map { "removed leftover temporary file \($0)" }
            + missingSegments.map { "segment \($0.path) (\($0.camera), \($0.kind.rawValue)) is missing; marked missing" }
            + restoredSegments.map { "segment \($0.path) is present again" }
            + completedShreds.map { "deleted \($0), left behind by an interrupted shred" }
            + unknownFiles.map { "file \($0) is not in the catalog; left in place" }
    }
}

extension SegmentStore {
    /// Brings catalog and disk into agreement. Call at start-up, before any writer runs
    /// (names handed out by `prepare` and not yet committed are skipped anyway).
    public func reconcile() throws -> ReconciliationReport {
        var report = ReconciliationReport()
        var onDisk = Set<String>()
        let inProgress = reservedPaths
        for kind in SegmentKind.allCases {
            for file in try filesUnder(kind.directoryName) {
                let name = (file as NSString).lastPathComponent
                if SegmentLayout.isTemporary(name) {
                    guard !inProgress.contains(where: { SegmentLayout.isTemporary(file, of: $0) }) else { continue }
                    try FileSystem.remove(dataDirectory + "/" + file)
                    report.removedTemporaryFiles.append(file)
                } else {
                    onDisk.insert(file)
                }
            }
        }
        var known = Set<String>()
        var missing: [SegmentRecord] = [], restored: [SegmentRecord] = [], shredded: [SegmentRecord] = []
        for segment in try catalog.allSegments() {
            known.insert(segment.path)
            let exists = onDisk.contains(segment.path)
            switch (segment.status, exists) {
            case (.present, false): missing.append(segment)
            case (.missing, true): restored.append(segment)
            case (.shredded, true): shredded.append(segment)
            default: break
            }
        }
        try catalog.setStatus(.missing, of: missing.map(\.id))
        try catalog.setStatus(.present, of: restored.map(\.id))
        report.missingSegments = missing
        report.restoredSegments = restored
        report.completedShreds = try deleteFiles(of: shredded).map(\.path)
        report.unknownFiles = onDisk.subtracting(known).sorted()
        return report
    }

    /// Files (relative paths) in `<top>/<camera>/<day>/`, plus anything misplaced higher up.
    private func filesUnder(_ top: String) throws -> [String] {
        var files: [String] = []
        for camera in try FileSystem.list(dataDirectory + "/" + top) {
            let cameraPath = top + "/" + camera
            guard FileSystem.isDirectory(dataDirectory + "/" + cameraPath) else { files.append(cameraPath); continue }
            for day in try FileSystem.list(dataDirectory + "/" + cameraPath) {
                let dayPath = cameraPath + "/" + day
                guard FileSystem.isDirectory(dataDirectory + "/" + dayPath) else { files.append(dayPath); continue }
                files += try FileSystem.list(dataDirectory + "/" + dayPath).map { dayPath + "/" + $0 }
            }
        }
        return files
    }
}
