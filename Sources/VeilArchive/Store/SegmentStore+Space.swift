import Foundation

extension ArchiveError {
    /// True when the failure was the file system running out of space (`SQLITE_FULL`, or
    /// `ENOSPC` from a file operation).
    public var isDiskFull: Bool {
        if let sqliteCode, sqliteCode & 0xff == 13 { return true }  // SQLITE_FULL
        return code == .fileSystem && detail == String(cString: strerror(ENOSPC))
    }
}

extension SegmentStore {
    /// Runs a catalog write; if it fails for lack of space, calls the store's
    /// `spaceExhausted` handler (which releases the space reserve and frees footage) and
    /// tries once more. Every write the recorder makes while footage arrives goes through here,
    /// so a full disk never leaves a finished file without its row or a gap unrecorded.
    public func catalogWrite<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ArchiveError where error.isDiskFull {
            guard let handler = spaceExhausted else { throw error }
            handler()
            return try body()
        }
    }
}
