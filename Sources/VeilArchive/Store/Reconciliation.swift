import Foundation

/// What start-up reconciliation found and did; the recorder logs it.
public struct ReconciliationReport: Sendable, Hashable {
    /// Writers' leftover temporary files, deleted (relative paths).
    public var removedTemporaryFiles: [String] = []
    /// Segments catalogued just before a crash stopped their rename: renamed into place now.
    public var completedCommits: [String] = []
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
        removedTemporaryFiles.isEmpty && completedCommits.isEmpty && missingSegments.isEmpty && restoredSegments.isEmpty
            && completedShreds.isEmpty && unknownFiles.isEmpty
    }

    /// One line per finding, for the log.
    public var lines: [String] {
        removedTemporaryFiles.map { "removed leftover temporary file \($0)" }
            + completedCommits.map { "renamed \($0) into place: it was catalogued when a crash interrupted its commit" }
            + missingSegments.map { "segment \($0.path) (\($0.camera), \($0.kind.rawValue)) is missing; marked missing" }
            + restoredSegments.map { "segment \($0.path) is present again" }
            + completedShreds.map { "deleted \($0), left behind by an interrupted shred" }
            + unknownFiles.map { "file \($0) is not in the catalog; left in place" }
    }
}

extension SegmentStore {
    /// Brings catalog and disk into agreement. Call at start-up, before any writer runs
    /// (temporary files of names handed out by `prepare` and not yet committed are kept).
    /// Works one day folder at a time, so memory stays bounded by the largest folder.
    public func reconcile() throws -> ReconciliationReport {
        var report = ReconciliationReport()
        let inProgress = reservedPaths
        var directories = Set<String>()
        for kind in SegmentKind.allCases {
            let (days, misplaced) = try dayDirectories(kind.directoryName)
            report.unknownFiles += misplaced
            for directory in days {
                directories.insert(directory)
                try reconcile(directory: directory, inProgress: inProgress, into: &report)
            }
        }
        let vanished = try catalog.presentSegments(outside: directories)
        try catalog.setStatus(.missing, of: vanished.map(\.id))
        report.missingSegments += vanished
        return report
    }

    private func reconcile(directory: String, inProgress: Set<String>, into report: inout ReconciliationReport) throws {
        var files = Set<String>(), temporary: [String] = []
        for name in try FileSystem.list(dataDirectory + "/" + directory) {
            let file = directory + "/" + name
            guard SegmentLayout.isTemporary(name) else { files.insert(file); continue }
            guard !inProgress.contains(where: { SegmentLayout.isTemporary(file, of: $0) }) else { continue }
            temporary.append(file)
        }
        let rows = try catalog.segments(inDirectory: directory)
        for segment in rows where segment.status == .present && !files.contains(segment.path) {
            guard let staged = temporary.first(where: { SegmentLayout.isTemporary($0, of: segment.path) }),
                  try hashFile(dataDirectory + "/" + staged) == segment.sha256 else { continue }
            try FileSystem.rename(dataDirectory + "/" + staged, to: absolutePath(of: segment))
            try FileSystem.syncDirectory(dataDirectory + "/" + directory)
            temporary.removeAll { $0 == staged }
            files.insert(segment.path)
            report.completedCommits.append(segment.path)
        }
        for file in temporary {
            try FileSystem.remove(dataDirectory + "/" + file)
            report.removedTemporaryFiles.append(file)
        }
        var missing: [SegmentRecord] = [], restored: [SegmentRecord] = [], shredded: [SegmentRecord] = []
        for segment in rows {
            let exists = files.remove(segment.path) != nil
            switch (segment.status, exists) {
            case (.present, false): missing.append(segment)
            case (.missing, true): restored.append(segment)
            case (.shredded, true): shredded.append(segment)
            default: break
            }
        }
        try catalog.setStatus(.missing, of: missing.map(\.id))
        try catalog.setStatus(.present, of: restored.map(\.id))
        report.missingSegments += missing
        report.restoredSegments += restored
        report.completedShreds += try deleteFiles(of: shredded).map(\.path)
        report.unknownFiles += files.sorted()
    }

    /// Day folders `<top>/<camera>/<day>` (relative), and any file misplaced above that level.
    private func dayDirectories(_ top: String) throws -> (days: [String], misplaced: [String]) {
        var days: [String] = [], misplaced: [String] = []
        for camera in try FileSystem.list(dataDirectory + "/" + top) {
            let cameraPath = top + "/" + camera
            guard FileSystem.isDirectory(dataDirectory + "/" + cameraPath) else { misplaced.append(cameraPath); continue }
            for day in try FileSystem.list(dataDirectory + "/" + cameraPath) {
                let dayPath = cameraPath + "/" + day
                if FileSystem.isDirectory(dataDirectory + "/" + dayPath) { days.append(dayPath) } else { misplaced.append(dayPath) }
            }
        }
        return (days, misplaced)
    }
}
