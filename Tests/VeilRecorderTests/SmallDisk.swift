import Foundation
import Glibc
import Testing
import VeilTestSupport

/// A small tmpfs the test mounts itself (as root), so a disk really fills: writes fail with
/// `ENOSPC` exactly as on a full data disk. Unmounted by `unmount()` (call it in a `defer`).
struct SmallDisk {
    /// Mounting needs root; tests that need a small disk are skipped otherwise, saying so.
    static var canMount: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount") }
    static let skipReason: Comment = "needs root to mount a small tmpfs (mount -t tmpfs -o size=…)"

    let path: String

    /// Mounts a tmpfs of `kilobytes` KiB on `path` (created if needed).
    init(at path: String, kilobytes: Int) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try TestSupport.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", path])
        self.path = path
    }

    /// Lazily unmounts (files still open elsewhere do not keep it busy).
    func unmount() {
        _ = try? TestSupport.run("/bin/umount", ["-l", path])
    }

    /// Bytes available on the file system now.
    var freeBytes: Int64 {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return -1 }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    /// Fills every free byte with `name` (written until `ENOSPC`); returns its size.
    @discardableResult
    func fill(with name: String) -> Int64 {
        let descriptor = open(path + "/" + name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0x5a, count: 64 << 10)
        var total: Int64 = 0
        while true {
            let written = block.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
            if written <= 0 { break }
            total += Int64(written)
        }
        // Then the last odd blocks, a page at a time.
        while block.withUnsafeBytes({ write(descriptor, $0.baseAddress!, 4096) }) > 0 { total += 4096 }
        return total
    }
}

/// Samples a disk's free space every 100 ms on its own thread until stopped.
final class FreeSpaceSampler: @unchecked Sendable {
    private let disk: SmallDisk
    private let lock = NSLock()
    private var samples: [Int64] = []
    private var running = true

    init(_ disk: SmallDisk) {
        self.disk = disk
        Thread.detachNewThread { [self] in
            while isRunning {
                add(self.disk.freeBytes)
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }

    private var isRunning: Bool { lock.withLock { running } }
    private func add(_ sample: Int64) { lock.withLock { samples.append(sample) } }

    /// Stops sampling and returns the samples taken.
    func stop() -> [Int64] {
        lock.withLock {
            running = false
            return samples
        }
    }
}
