import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The few POSIX file operations durability needs (fsync of files and directories, rename),
/// with errors naming the path and the system's message.
public enum FileSystem {
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// `mkdir -p` with mode 0700; each directory created is made durable in its parent.
    static func createDirectories(_ path: String) throws {
        if exists(path) { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try createDirectories(parent) }
        if mkdir(path, 0o700) != 0 {
            if errno == EEXIST { return }
            throw failure("creating the directory", path)
        }
        try syncDirectory(parent.isEmpty ? "." : parent)
    }

    /// Flushes a file's data and metadata to disk.
    static func syncFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("opening the file to flush it", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("flushing the file (fsync)", path) }
    }

    /// Flushes a directory, making renames and unlinks in it durable.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("opening the directory to flush it", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("flushing the directory (fsync)", path) }
    }

    static func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw failure("renaming to \(to)", from) }
    }

    /// Deletes a file; `false` if it did not exist.
    @discardableResult
    static func remove(_ path: String) throws -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw failure("deleting the file", path)
    }

    /// Removes a directory if it is empty; ignores a non-empty or missing one.
    static func removeIfEmpty(_ path: String) {
        _ = rmdir(path)
    }

    /// The size of a regular file.
    static func size(_ path: String) throws -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw failure("reading the size of the file", path) }
        return Int64(info.st_size)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Entry names of a directory (no `.`/`..`), sorted; empty if it does not exist.
    static func list(_ path: String) throws -> [String] {
        guard let directory = opendir(path) else {
            if errno == ENOENT { return [] }
            throw failure("listing the directory", path)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Bytes available to an unprivileged writer on the file system holding `path` (`f_bavail`).
    public static func freeBytes(_ path: String) throws -> Int64 {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { throw failure("reading free space", path) }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    static func failure(_ operation: String, _ path: String) -> ArchiveError {
        let code = errno
        return ArchiveError(.fileSystem, operation, path: path, detail: String(cString: strerror(code)))
    }
}
