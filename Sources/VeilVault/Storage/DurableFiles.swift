import VeilCore
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Crash-safe file operations: every write goes to a temporary name in the same
/// directory, is fsynced, then renamed (or linked) into place, and the directory is fsynced.
/// `package`, not public: the console's user records (VeilStaff) are written the same way.
package enum DurableFiles {
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    package static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// `mkdir -p` with mode 0700 for new directories.
    package static func createDirectories(_ path: String) throws {
        if exists(path) { return }
        let parent = directory(of: path)
        if parent != path, !parent.isEmpty { try createDirectories(parent) }
        if mkdir(path, 0o700) != 0, errno != EEXIST { throw PosixFile.error("mkdir", path) }
    }

    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw PosixFile.error("open directory", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw PosixFile.error("fsync directory", path) }
    }

    /// A fresh temporary path next to `path`, hidden and marked so start-up can clean it up.
    static func temporaryPath(for path: String) throws -> String {
        let tag = Hex.encode(try SecureRandom.bytes(count: 6))
        return directory(of: path) + "/." + fileName(of: path) + "." + tag + ".tmp"
    }

    /// Writes a temporary file with `bytes` and fsyncs it; returns its path.
    private static func writeTemporary(_ bytes: [UInt8], for path: String) throws -> String {
        try createDirectories(directory(of: path))
        let temporary = try temporaryPath(for: path)
        do {
            let file = try PosixFile(path: temporary, mode: .createExclusive)
            try file.write(bytes)
            try file.sync()
        } catch {
            unlink(temporary)
            throw error
        }
        return temporary
    }

    /// Replaces `path` atomically with `bytes`.
    package static func replace(_ path: String, with bytes: [UInt8]) throws {
        let temporary = try writeTemporary(bytes, for: path)
        guard rename(temporary, path) == 0 else {
            let error = PosixFile.error("rename to", path)
            unlink(temporary)
            throw error
        }
        try syncDirectory(directory(of: path))
    }

    /// Creates `path` with `bytes` only if it does not exist yet (`link(2)` fails on an
    /// existing name, unlike `rename`). Returns `false` when it already existed.
    package static func createExclusively(_ path: String, with bytes: [UInt8]) throws -> Bool {
        let temporary = try writeTemporary(bytes, for: path)
        defer { unlink(temporary) }
        if link(temporary, path) != 0 {
            if errno == EEXIST { return false }
            throw PosixFile.error("link to", path)
        }
        try syncDirectory(directory(of: path))
        return true
    }

    /// Renames a finished temporary file into place and fsyncs the directory.
    static func commit(temporary: String, to path: String) throws {
        guard rename(temporary, path) == 0 else { throw PosixFile.error("rename to", path) }
        try syncDirectory(directory(of: path))
    }

    /// Crypto-shredding of a small key file: overwrite every byte with random data, fsync,
    /// unlink, fsync the directory. (On copy-on-write or flash storage the old blocks may
    /// survive the overwrite; the wrapped key in them is still useless without an officer
    /// key, and backups must exclude `vault/epochs`: see docs/sealed-format.md.)
    static func shred(_ path: String) throws {
        let file = try PosixFile(path: path, mode: .readWrite)
        let size = try file.size
        let noise = try SecureRandom.bytes(count: max(size, 1))
        try noise.withUnsafeBytes { try file.write(UnsafeRawBufferPointer(rebasing: $0[0..<size]), at: 0) }
        try file.sync()
        guard unlink(path) == 0 else { throw PosixFile.error("unlink", path) }
        try syncDirectory(directory(of: path))
    }

    /// Removes a file if present; returns whether it existed.
    @discardableResult
    package static func remove(_ path: String) throws -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw PosixFile.error("unlink", path)
    }

    /// Names in a directory (no `.`/`..`), sorted; empty if the directory does not exist.
    package static func list(_ directory: String) throws -> [String] {
        guard let dir = opendir(directory) else {
            if errno == ENOENT { return [] }
            throw PosixFile.error("opendir", directory)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
