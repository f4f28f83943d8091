internal import GRDB
public import Foundation

/// The SQLite catalog of segments and gaps (`<data_dir>/catalog.sqlite`), through GRDB.
///
/// Thread-safe: one connection (a GRDB `DatabaseQueue`), every use serialised, so pipelines,
/// the sweeper and the status code may share one `Catalog`. Another process (e.g. `veil status`)
/// opens its own, typically read-only; WAL lets it read while the recorder writes.
///
/// The connection runs in WAL mode with `synchronous=FULL`: every committed row is on disk
/// when the call returns, like the segment file it describes (committed by fsync + rename
/// first). `NORMAL` would be crash-safe too, but a power cut could then roll back the last
/// rows and leave their finished files "unknown" at the next start; one extra fsync per
/// segment (every ~10 s per camera and kind) is cheap. Busy timeout 5 s; foreign keys on.
public final class Catalog: Sendable {
    /// The database file.
    public let path: String
    /// True when opened read-only (queries only).
    public let isReadOnly: Bool
    private let queue: DatabaseQueue
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
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        configuration.label = "catalog"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw ArchiveError.sqlite(error, "opening the catalog", path: path)
        }
        try withDatabase { database in
            try Catalog.configure(database, readOnly: readOnly, path: path)
            if readOnly { try Schema.requireCurrent(database, path: path) } else { try Schema.migrate(database, path: path) }
        }
    }

    /// Opens `<dataDirectory>/catalog.sqlite`.
    public convenience init(dataDirectory: String, readOnly: Bool = false,
                            now: @escaping @Sendable () -> Date = { Date() }) throws {
        try self.init(path: DataDirectory.normalized(dataDirectory) + "/" + Catalog.fileName, readOnly: readOnly, now: now)
    }

    private static func configure(_ database: Database, readOnly: Bool, path: String) throws {
        // The first statement that reads the file: a damaged or foreign file fails here.
        _ = try Int.fetchOne(database, sql: "SELECT count(*) FROM sqlite_schema")
        if readOnly { return }
        let mode = try String.fetchOne(database, sql: "PRAGMA journal_mode = WAL") ?? ""
        guard mode.lowercased() == "wal" else {
            throw ArchiveError(.sqlite, "switching the catalog to WAL mode", path: path,
                               detail: "SQLite kept journal mode '\(mode)' (is the file system a network share?)")
        }
        try database.execute(sql: "PRAGMA synchronous = FULL")
    }

    /// Runs `body` with the connection, serialised with every other use; SQLite's failures
    /// come out as `ArchiveError`s naming the statement and the file.
    func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.inDatabase(body)
        } catch let error as DatabaseError {
            throw ArchiveError.sqlite(error, ArchiveError.running(error.sql), path: path)
        }
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`), serialised with every other use.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard !isReadOnly else {
            throw ArchiveError(.invalidValue, "writing to a catalog opened read-only", path: path)
        }
        return try withDatabase { database in
            var result: T?
            try database.inTransaction(.immediate) {
                result = try body(database)
                return .commit
            }
            return result!
        }
    }

    /// A pragma's current value, for diagnostics and tests (`journal_mode`, `synchronous`…).
    public func pragma(_ name: String) throws -> String {
        precondition(name.allSatisfy { $0.isLetter || $0 == "_" }, "pragma name")
        return try withDatabase { try String.fetchOne($0, sql: "PRAGMA \(name)") ?? "" }
    }

    /// Every table and its columns, for the privacy check (what could hold a per-person record).
    public func tableColumns() throws -> [String: [String]] {
        try withDatabase { database in
            let tables = try String.fetchAll(database, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            return try Dictionary(uniqueKeysWithValues: tables.map { table in
                (table, try String.fetchAll(database, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table]))
            })
        }
    }

    /// The schema version recorded in the file (`PRAGMA user_version`).
    public func schemaVersion() throws -> Int {
        try withDatabase { try Schema.userVersion($0) }
    }
}
