public import Foundation

/// Redacted clips exported through the staff console, each in its own folder under
/// `<data>/web/exports/` until it is a day old. They are copies of catalogued footage, on the
/// archive's own file system but outside the catalog: when space runs short they are the
/// first thing to go, before any raw footage is shredded early.
public struct ExportCopies: Sendable {
    /// One exported clip's folder.
    public struct Copy: Sendable, Hashable {
        public let folder: String
        public let created: Date
        public let bytes: Int64
        /// Whether its export finished (an export still being written is never removed for
        /// space: it fails on its own, reporting the lack of space).
        public let isFinished: Bool
    }

    public let directory: String
    /// The file a finished export writes last.
    public static let finishedMarker = "entry.json"

    public init(dataDirectory: String) {
        directory = dataDirectory + "/web/exports"
    }

    /// Every export folder, oldest first.
    public func copies() -> [Copy] {
        let names = (try? FileSystem.list(directory)) ?? []
        return names.compactMap { name -> Copy? in
            let folder = directory + "/" + name
            guard FileSystem.isDirectory(folder),
                  let attributes = try? FileManager.default.attributesOfItem(atPath: folder) else { return nil }
            let created = attributes[.creationDate] as? Date ?? attributes[.modificationDate] as? Date ?? .distantPast
            let files = (try? FileSystem.list(folder)) ?? []
            let bytes = files.reduce(Int64(0)) { $0 + ((try? FileSystem.size(folder + "/" + $1)) ?? 0) }
            return Copy(folder: folder, created: created, bytes: bytes, isFinished: files.contains(Self.finishedMarker))
        }.sorted { ($0.created, $0.folder) < ($1.created, $1.folder) }
    }

    /// Removes every export created `age` seconds or more before `now`.
    public func removeExpired(age: TimeInterval, now: Date) {
        for copy in copies() where now.timeIntervalSince(copy.created) >= age {
            try? FileManager.default.removeItem(atPath: copy.folder)
        }
    }

    /// Removes finished exports, oldest first, until at least `bytes` are freed (or none is
    /// left). Returns how many went and the bytes they held.
    public func removeOldest(toFree bytes: Int64) -> (count: Int, bytes: Int64) {
        var freed: (count: Int, bytes: Int64) = (0, 0)
        for copy in copies() where copy.isFinished && freed.bytes < bytes {
            guard (try? FileManager.default.removeItem(atPath: copy.folder)) != nil else { continue }
            freed.count += 1
            freed.bytes += copy.bytes
        }
        return freed
    }
}
