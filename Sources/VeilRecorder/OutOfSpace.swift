import Foundation
import VeilArchive

/// Whether a failure was a file system running out of space, whichever layer reported it:
/// the archive (`SQLITE_FULL`, `ENOSPC`), the vault's file writes, FFmpeg's muxer or
/// Foundation (each words it through the system's own message, or SQLite's).
enum OutOfSpace {
    static let systemMessage = String(cString: strerror(ENOSPC))

    static func caused(_ error: any Error) -> Bool {
        if let archive = error as? ArchiveError, archive.isDiskFull { return true }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain, nsError.code == Int(ENOSPC) { return true }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileWriteOutOfSpaceError { return true }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           underlying.code == Int(ENOSPC) { return true }
        let text = String(describing: error)
        return text.contains(systemMessage) || text.contains("database or disk is full")
    }
}
