internal import CSQLite
import Foundation

/// One SQLite connection. Owns its `sqlite3*` handle, which `deinit` closes (with
/// `sqlite3_close_v2`, so statements still alive keep it valid until they are finalised).
///
/// Not thread-safe by design: a `Database` is used from one thread at a time. `Catalog`
/// serialises every use of its connection with a lock; another thread or process that wants
/// to read concurrently opens its own connection (WAL lets readers run beside the writer).
final class Database {
    /// The database file, for messages.
    let path: String
    let handle: OpaquePointer
    private var cache: [String: Statement] = [:]

    /// Opens (and, unless `readOnly`, creates) the database at `path`.
    init(path: String, readOnly: Bool) throws {
        self.path = path
        var opened: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let status = sqlite3_open_v2(path, &opened, flags | SQLITE_OPEN_EXRESCODE, nil)
        guard status == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_close_v2(opened)
            throw ArchiveError(.openDatabase, "opening the catalog", path: path,
                               detail: "\(message) (\(Database.codeName(status)))", sqliteCode: status)
        }
        handle = opened
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows (schema, pragmas that set).
    func execute(_ sql: String, _ operation: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        if status != SQLITE_OK {
            throw error(status, operation, message: message.map { String(cString: $0) })
        }
    }

    /// A prepared statement for `sql`, reused across calls (reset and with bindings cleared).
    func statement(_ sql: String) throws -> Statement {
        if let cached = cache[sql] {
            cached.reset()
            return cached
        }
        var prepared: OpaquePointer?
        let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard status == SQLITE_OK, let prepared else {
            throw error(status, "preparing «\(sql.prefix(60))»")
        }
        let statement = Statement(prepared, database: self)
        cache[sql] = statement
        return statement
    }

    /// Runs `sql` with `values` bound and steps it to completion.
    func run(_ sql: String, _ values: [SQLValue] = []) throws {
        let statement = try self.statement(sql)
        try statement.bind(values)
        defer { statement.reset() }
        while try statement.step() {}
    }

    /// Runs a query and maps every row.
    func query<T>(_ sql: String, _ values: [SQLValue] = [], row: (Statement) throws -> T) throws -> [T] {
        let statement = try self.statement(sql)
        try statement.bind(values)
        defer { statement.reset() }
        var rows: [T] = []
        while try statement.step() { rows.append(try row(statement)) }
        return rows
    }

    /// The first row of a query, if any.
    func queryFirst<T>(_ sql: String, _ values: [SQLValue] = [], row: (Statement) throws -> T) throws -> T? {
        let statement = try self.statement(sql)
        try statement.bind(values)
        defer { statement.reset() }
        return try statement.step() ? row(statement) : nil
    }

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`: the write lock is taken up
    /// front, so a concurrent writer waits on the busy timeout instead of failing mid-way).
    /// Rolled back if `body` throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE", "starting a transaction")
        do {
            let result = try body()
            try execute("COMMIT", "committing a transaction")
            return result
        } catch {
            try? execute("ROLLBACK", "rolling back a transaction")
            throw error
        }
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// An error for a failed SQLite call, carrying SQLite's message and the database path.
    func error(_ status: Int32, _ operation: String, message: String? = nil) -> ArchiveError {
        let text = message ?? String(cString: sqlite3_errmsg(handle))
        let primary = status & 0xff
        let code: ArchiveError.Code = (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) ? .notADatabase : .sqlite
        return ArchiveError(code, operation, path: path, detail: "\(text) (\(Database.codeName(status)))", sqliteCode: status)
    }

    static func codeName(_ status: Int32) -> String {
        switch status & 0xff {
        case SQLITE_BUSY: "SQLITE_BUSY"
        case SQLITE_LOCKED: "SQLITE_LOCKED"
        case SQLITE_READONLY: "SQLITE_READONLY"
        case SQLITE_IOERR: "SQLITE_IOERR"
        case SQLITE_CORRUPT: "SQLITE_CORRUPT"
        case SQLITE_FULL: "SQLITE_FULL"
        case SQLITE_CANTOPEN: "SQLITE_CANTOPEN"
        case SQLITE_CONSTRAINT: "SQLITE_CONSTRAINT"
        case SQLITE_NOTADB: "SQLITE_NOTADB"
        default: "SQLite code \(status)"
        }
    }
}
