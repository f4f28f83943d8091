import Foundation
import VeilArchive
import VeilVault
import VeilExport

/// Clips exported through the console, under `<data>/web/exports/<id>/` until a day old
/// (``ExportCopies``, which storage pressure empties first): the same export `veil export`
/// runs (redacted segments only, signed manifest), named by an unguessable identifier and kept
/// for the user who made it. An export that would eat into the space kept free for recording
/// is refused.
final class ExportShelf: Sendable {
    struct Entry: Codable, Sendable {
        let id: String
        let user: String
        let camera: String
        let clipName: String
        let created: Date
    }

    private let copies: ExportCopies
    private let dataDirectory: String
    private let keepFreeBytes: Int64
    private let now: @Sendable () -> Date
    static let keptFor: TimeInterval = 24 * 3600

    /// `keepFreeBytes`: the recorder's free-space floor (`storage.minFreeBytes`).
    init(dataDirectory: String, keepFreeBytes: Int64, now: @escaping @Sendable () -> Date) {
        self.dataDirectory = dataDirectory
        copies = ExportCopies(dataDirectory: dataDirectory)
        self.keepFreeBytes = keepFreeBytes
        self.now = now
    }

    var directory: String { copies.directory }

    /// Runs the export; throws ``ExportError`` for a range with no footage and the like.
    /// `node`: in a cluster, this node's name, which the manifest names.
    func export(camera: String, from: Date, to: Date, exact: Bool, user: String, node: String? = nil) throws -> (Entry, ExportResult) {
        prune()
        let id = try RandomToken.hex(bytes: 16)
        let folder = directory + "/" + id
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stamp = from.formatted(.iso8601.year().month().day().dateSeparator(.omitted).time(includingFractionalSeconds: false)
            .timeSeparator(.omitted)).replacingOccurrences(of: ":", with: "")
        let entry = Entry(id: id, user: user, camera: camera, clipName: "\(camera)-\(stamp).mp4", created: now())
        do {
            let result = try ClipExporter(dataDirectory: dataDirectory, node: node, now: now)
                .export(camera: camera, from: from, to: to, output: folder + "/" + entry.clipName, exact: exact,
                        keepingFree: keepFreeBytes)
            try JSONEncoder().encode(entry).write(to: URL(fileURLWithPath: folder + "/" + ExportCopies.finishedMarker))
            return (entry, result)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// The export `id`, if it exists and is still kept.
    func entry(_ id: String) -> Entry? {
        guard id.count == 32, id.allSatisfy(\.isHexDigit),
              let data = FileManager.default.contents(atPath: directory + "/" + id + "/" + ExportCopies.finishedMarker),
              let entry = try? JSONDecoder().decode(Entry.self, from: data),
              now().timeIntervalSince(entry.created) < Self.keptFor else { return nil }
        return entry
    }

    func clipPath(_ entry: Entry) -> String { directory + "/" + entry.id + "/" + entry.clipName }
    func manifestPath(_ entry: Entry) -> String { ClipExporter.manifestPath(for: clipPath(entry)) }

    /// Removes exports older than ``keptFor``.
    func prune() {
        copies.removeExpired(age: Self.keptFor, now: now())
    }
}
