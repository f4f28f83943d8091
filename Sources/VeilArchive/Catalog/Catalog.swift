internal import CSQLite
public import Foundation

/// The SQLite catalog of segments and gaps (`<data_dir>/catalog.sqlite`).
///
/// Thread-safe: one connection, every use serialised by a lock, so pipelines, the sweeper
/// and the status code may share one `Catalog`. Another process (e.g. `veil status`) opens its
/// own, typically read-only; WAL lets it read while the recorder writes.
///
/// The connection runs in WAL mode with `synchronous=FULL`: every committed row is on disk
/// when the call returns, like the segment file it describes (committed by fsync + rename
/// first). `NORMAL` would be crash-safe too, but a power cut could then roll back the last
/// rows and leave their finished files "unknown" at the next start; one extra fsync per
/// segment (every ~10 s per camera and kind) is cheap. Busy timeout 5 s; foreign keys on.
public final class Catalog: @unchecked Sendable {
    /// The database file.
    public let path: String
    /// True when opened read-only (queries only).
    public let isReadOnly: Bool
    private let database: Database
    private let lock = NSLock()
    let now: @Sendable () -> Date

    /// The file name of the catalog inside a data directory.
    public static let fileName = "catalog.sqlite"

    /// Opens the catalog at `path`, creating and migrating it unless `readOnly`.
    /// `now` stamps when rows were recorded; injected so tests control time.
    public init(path: String, readOnly: Bool = false, now: @escaping @Sendable () -> Date = { Date() }) throws {
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw ArchiveError(.notFound, "opening the catalog", path: path,
                               detail: "no such file (has `veil record` run with this data directory?)")
        }
        self.path = path
        self.isReadOnly = readOnly
        self.now = now
        database = try Database(path: path, readOnly: readOnly)
        try Catalog.configure(database, readOnly: readOnly)
        if readOnly { try Schema.requireCurrent(database) } else { try Schema.migrate(database) }
    }

    /// Opens `<dataDirectory>/catalog.sqlite`.
    public convenience init(dataDirectory: String, readOnly: Bool = false,
                            now: @escaping @Sendable () -> Date = { Date() }) throws {
        try self.init(path: DataDirectory.normalized(dataDirectory) + "/" + Catalog.fileName, readOnly: readOnly, now: now)
    }

    private static func configure(_ database: Database, readOnly: Bool) throws {
        sqlite3_busy_timeout(database.handle, 5_000)
        // The first statement that reads the file: a damaged or foreign file fails here.
        try database.execute("SELECT count(*) FROM sqlite_schema", "reading the catalog")
        try database.execute("PRAGMA foreign_keys = ON", "configuring the catalog")
        if readOnly { return }
        let mode = try database.queryFirst("PRAGMA journal_mode = WAL") { $0.text(0) } ?? ""
        guard mode.lowercased() == "wal" else {
            throw ArchiveError(.sqlite, "switching the catalog to WAL mode", path: database.path,
                               detail: "SQLite kept journal mode '\(mode)' (is the file system a network share?)")
        }
        try database.execute("PRAGMA synchronous = FULL", "configuring the catalog")
    }

    /// Runs `body` with the connection, holding the lock.
    func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(database)
    }

    /// Runs `body` in one write transaction, holding the lock.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard !isReadOnly else {
            throw ArchiveError(.invalidValue, "writing to a catalog opened read-only", path: path)
        }
        return try withDatabase { database in try database.transaction { try body(database) } }
    }

    /// A pragma's current value, for diagnostics and tests (`journal_mode`, `synchronous`…).
    public func pragma(_ name: String) throws -> String {
        precondition(name.allSatisfy { $0.isLetter || $0 == "_" }, "pragma name")
        return try withDatabase { try $0.queryFirst("PRAGMA \(name)") { $0.text(0) } ?? "" }
    }

    /// Every table and its columns, for the privacy check (what could hold a per-person record).
    public func tableColumns() throws -> [String: [String]] {
        try withDatabase { database in
            let tables = try database.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") { $0.text(0) }
            return try Dictionary(uniqueKeysWithValues: tables.map { table in
                (table, try database.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(table)]) { $0.text(0) })
            })
        }
    }

    /// The schema version recorded in the file (`PRAGMA user_version`).
    public func schemaVersion() throws -> Int {
        try withDatabase { try Schema.userVersion($0) }
    }
}
