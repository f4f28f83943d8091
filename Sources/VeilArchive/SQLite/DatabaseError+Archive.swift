internal import GRDB
import Foundation

extension ArchiveError {
    /// SQLite's failure, as GRDB reports it, in the archive's words: what was attempted, on which
    /// file, SQLite's own message and its result code's name. A damaged or foreign file becomes
    /// `.notADatabase`; the extended code is kept so a full disk can be recognised (`isDiskFull`).
    static func sqlite(_ error: DatabaseError, _ operation: String, path: String) -> ArchiveError {
        let code: Code = switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: .notADatabase
        case .SQLITE_CANTOPEN: .openDatabase
        default: .sqlite
        }
        let message = error.message ?? "SQLite gave no message"
        return ArchiveError(code, operation, path: path, detail: "\(message) (\(codeName(error.resultCode)))",
                            sqliteCode: error.extendedResultCode.rawValue)
    }

    /// What a statement was, for an operation named after it: its first 60 characters.
    static func running(_ sql: String?) -> String {
        sql.map { "running «\($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(60))»" } ?? "using the catalog"
    }

    private static func codeName(_ code: ResultCode) -> String {
        switch code {
        case .SQLITE_BUSY: "SQLITE_BUSY"
        case .SQLITE_LOCKED: "SQLITE_LOCKED"
        case .SQLITE_READONLY: "SQLITE_READONLY"
        case .SQLITE_IOERR: "SQLITE_IOERR"
        case .SQLITE_CORRUPT: "SQLITE_CORRUPT"
        case .SQLITE_FULL: "SQLITE_FULL"
        case .SQLITE_CANTOPEN: "SQLITE_CANTOPEN"
        case .SQLITE_CONSTRAINT: "SQLITE_CONSTRAINT"
        case .SQLITE_NOTADB: "SQLITE_NOTADB"
        default: "SQLite code \(code.rawValue)"
        }
    }
}
