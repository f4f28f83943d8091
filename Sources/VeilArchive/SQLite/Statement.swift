internal import CSQLite

/// A value bound to a statement parameter.
enum SQLValue: Sendable, Hashable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null

    static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
    static func optional(_ integer: Int64?) -> SQLValue { integer.map(SQLValue.integer) ?? .null }
}

/// One prepared statement. Owns its `sqlite3_stmt*`, finalised in `deinit`. Belongs to the
/// `Database` that prepared it (which caches it) and shares its one-thread-at-a-time rule.
final class Statement {
    private let handle: OpaquePointer
    private unowned let database: Database

    init(_ handle: OpaquePointer, database: Database) {
        self.handle = handle
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds `values` to parameters 1…n (SQLite copies text before returning).
    func bind(_ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32 = switch value {
            case .integer(let number): sqlite3_bind_int64(handle, index, number)
            case .real(let number): sqlite3_bind_double(handle, index, number)
            case .text(let text): sqlite3_bind_text(handle, index, text, -1, CSQLite_transient())
            case .null: sqlite3_bind_null(handle, index)
            }
            guard status == SQLITE_OK else { throw database.error(status, "binding parameter \(index)") }
        }
    }

    /// Advances to the next row: `true` when a row is available, `false` when done.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let status:
            let failure = database.error(status, "running «\(String(cString: sqlite3_sql(handle)).prefix(60))»")
            reset()
            throw failure
        }
    }

    /// Makes the statement runnable again and clears its bindings.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func optionalInt64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : int64(column)
    }

    func optionalDouble(_ column: Int32) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }

    func text(_ column: Int32) -> String { optionalText(column) ?? "" }

    func optionalText(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: bytes)
    }
}
