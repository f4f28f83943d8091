import Foundation

/// A file written under a temporary name beside its target and renamed into place only when
/// complete, so a failed or interrupted run never leaves a partial file under the real name.
struct OutputFile {
    let target: URL
    let temporary: URL

    /// Reserves a temporary name next to `path`. Fails with a clear message when the target's
    /// directory does not exist or cannot be written.
    init(path: String) throws {
        target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputFileError(message: "cannot write \(path): the folder \(directory.path) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: directory.path) else {
            throw OutputFileError(message: "cannot write \(path): the folder \(directory.path) is not writable")
        }
        temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).partial")
    }

    /// Flushes the temporary file to disk, renames it to the target, and flushes the folder.
    func commit() throws {
        try Self.fsync(temporary.path)
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw OutputFileError(message: "cannot move the finished output into place at \(target.path): \(reason)")
        }
        try Self.fsync(target.deletingLastPathComponent().path)
    }

    /// Removes the temporary file; used on every failure path.
    func discard() {
        unlink(temporary.path)
    }

    private static func fsync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw OutputFileError(message: "cannot open \(path) to flush it: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard Glibc.fsync(descriptor) == 0 else {
            throw OutputFileError(message: "cannot flush \(path) to disk: \(String(cString: strerror(errno)))")
        }
    }
}

/// Writing the output file itself failed (folder missing, not writable, disk full).
public struct OutputFileError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
