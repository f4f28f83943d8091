/// An archive failure: what was attempted, on which file (the catalog database or a
/// segment file), and SQLite's or the system's own message.
public struct ArchiveError: Error, CustomStringConvertible, Sendable {
    enum Code: Sendable, Equatable {
        case openDatabase, sqlite, notADatabase, newerSchema, outdatedSchema, invalidValue, fileSystem, notFound
    }

    let code: Code
    /// The catalog database or segment file concerned.
    public let path: String
    /// What Veil was doing, in words.
    public let operation: String
    /// SQLite's (or the system's) message, when there is one.
    public let detail: String?
    /// SQLite's extended result code, when SQLite reported the failure.
    public let sqliteCode: Int32?

    init(_ code: Code, _ operation: String, path: String, detail: String? = nil, sqliteCode: Int32? = nil) {
        self.code = code
        self.operation = operation
        self.path = path
        self.detail = detail
        self.sqliteCode = sqliteCode
    }

    public var description: String {
        var text = "\(operation) failed for \(path)"
        if let detail { text += ": \(detail)" }
        switch code {
        case .notADatabase:
            text += " (the catalog is damaged or is not a Veil catalog; stop veil, move the file aside "
                + "together with its -wal and -shm files, and start again: a fresh catalog is created and "
                + "the segment files on disk are reported as unknown)"
        case .newerSchema:
            text += " (the catalog was written by a newer Veil; run that version, or restore an older catalog)"
        default:
            break
        }
        return text
    }

    /// True when the database file is damaged or not an SQLite database at all.
    public var isCorruptDatabase: Bool { code == .notADatabase }

    /// True when a value given to the archive was rejected (bad camera name, hash, times…).
    public var isInvalidValue: Bool { code == .invalidValue }

    static func invalid(_ what: String, path: String) -> ArchiveError {
        ArchiveError(.invalidValue, what, path: path)
    }
}
