import Foundation

/// Whether a failure was a file system running out of space, whichever layer reported it:
/// the archive (`SQLITE_FULL`, `ENOSPC`), the vault's file writes, FFmpeg's muxer or
/// Foundation (each words it through the system's own message, or SQLite's).
public enum OutOfSpace {
    public static let systemMessage = String(cString: strerror(ENOSPC))

    public static func caused(_ error: any Error) -> Bool {
        if let archive = error as? ArchiveError, archive.isDiskFull { return true }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain, nsError.code == Int(ENOSPC) { return true }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileWriteOutOfSpaceError { return true }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           underlying.code == Int(ENOSPC) { return true }
        let text = String(describing: error)
        return text.contains(systemMessage) || text.contains("database or disk is full")
    }

    /// The one message for an output that did not fit: what, where, and what to do.
    public static func outputMessage(_ output: String, what: String) -> String {
        let folder = (output as NSString).deletingLastPathComponent
        return "no space left on the file system of \(folder.isEmpty ? "." : folder) to write \(output) (\(what)); "
            + "the partial output was removed and nothing in the archive was changed. Free some space there, or choose another -o path."
    }
}
