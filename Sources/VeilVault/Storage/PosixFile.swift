#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// An open file descriptor, closed in `deinit`. Thin POSIX wrapper so every write,
/// `fsync` and `rename` the vault does is explicit (Foundation's atomic writes do not fsync).
final class PosixFile {
    let path: String
    private let descriptor: Int32

    enum Mode { case read, createExclusive, readWrite, createOrOpen }

    init(path: String, mode: Mode) throws {
        self.path = path
        let flags: Int32 = switch mode {
        case .read: O_RDONLY | O_CLOEXEC
        case .createExclusive: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC
        case .readWrite: O_RDWR | O_CLOEXEC
        case .createOrOpen: O_RDWR | O_CREAT | O_CLOEXEC
        }
        let fd = open(path, flags, 0o600)
        guard fd >= 0 else { throw PosixFile.error("open", path) }
        descriptor = fd
    }

    deinit { close(descriptor) }

    var size: Int {
        get throws {
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { throw PosixFile.error("fstat", path) }
            return Int(info.st_size)
        }
    }

    func write(_ buffer: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw PosixFile.error("write", path)
            }
            offset += written
        }
    }

    /// Writes all of `buffer` at `offset` (`pwrite`), leaving the file position alone.
    func write(_ buffer: UnsafeRawBufferPointer, at offset: Int) throws {
        var done = 0
        while done < buffer.count {
            let written = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if written < 0 {
                if errno == EINTR { continue }
                throw PosixFile.error("write", path)
            }
            done += written
        }
    }

    func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    /// Reads exactly `buffer.count` bytes at `offset`; fewer only at end of file (returns the count).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if got < 0 {
                if errno == EINTR { continue }
                throw PosixFile.error("read", path)
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    func read(count: Int, at offset: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = try bytes.withUnsafeMutableBytes { try read(into: $0, at: offset) }
        if got < count { bytes.removeSubrange(got...) }
        return bytes
    }

    func readAll() throws -> [UInt8] { try read(count: try size, at: 0) }

    func sync() throws {
        guard fsync(descriptor) == 0 else { throw PosixFile.error("fsync", path) }
    }

    /// Holds an exclusive advisory lock (`flock`) until the file is closed.
    func lockExclusively() throws {
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR { throw PosixFile.error("flock", path) }
        }
    }

    static func error(_ operation: String, _ path: String, errorNumber: Int32 = errno) -> VaultError {
        let reason = String(cString: strerror(errorNumber))
        return VaultError(.ioFailure, "\(operation) failed on \(path): \(reason). Check that the path exists, the disk is not full and the vault user may write there.")
    }
}
