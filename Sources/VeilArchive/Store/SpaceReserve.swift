import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A pre-allocated file (`<data_dir>/.veil-reserve`) holding back a little disk space, so the
/// catalog (SQLite needs room for its write-ahead log) and the vault (tombstones, audit
/// entries) can still record deletions when something else has filled the file system:
/// releasing it is what lets storage pressure free space on a disk at 0 bytes free.
/// Held again once there is room. Thread-safe.
public final class SpaceReserve: @unchecked Sendable {
    public static let fileName = ".veil-reserve"
    /// 1 MiB: hundreds of catalog transactions, tombstones and audit lines.
    public static let defaultBytes: Int64 = 1 << 20

    public let path: String
    public let bytes: Int64
    private let lock = NSLock()

    public init(dataDirectory: String, bytes: Int64 = SpaceReserve.defaultBytes) {
        path = DataDirectory.normalized(dataDirectory) + "/" + Self.fileName
        self.bytes = bytes
    }

    /// True while the reserve file exists with all its blocks.
    public var isHeld: Bool {
        lock.withLock { (try? FileSystem.size(path)) == bytes }
    }

    /// Allocates the reserve if it is not held; `false` (and no file) when the space is not there.
    @discardableResult
    public func hold() -> Bool {
        lock.withLock {
            if (try? FileSystem.size(path)) == bytes { return true }
            let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { return false }
            let allocated = posix_fallocate(descriptor, 0, off_t(bytes)) == 0 && fsync(descriptor) == 0
            close(descriptor)
            if !allocated { unlink(path) }
            return allocated
        }
    }

    /// Deletes the reserve, giving its space back to the file system. Returns whether it was held.
    @discardableResult
    public func release() -> Bool {
        lock.withLock { unlink(path) == 0 }
    }
}
