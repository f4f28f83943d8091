import Crypto
import Foundation
import VeilMedia
import VeilVault
import VeilCore

/// Decoded-frame checksums (SHA-256 of the Y, U, V planes), for comparing pictures across
/// containers: the same bitstream decodes to the same checksums.
enum FrameChecksums {
    static func of(file path: String) throws -> [String] {
        var sums: [String] = []
        try Demuxer(url: path).forEachVideoFrame(threads: 1) { frame in
            sums.append(frame.withPlanes { image in
                var digest = SHA256()
                for plane in [image.y, image.u, image.v] {
                    for row in 0..<plane.height {
                        digest.update(bufferPointer: UnsafeRawBufferPointer(start: plane.base + row * plane.stride, count: plane.width))
                    }
                }
                return Hex.encode(digest.finalize())
            })
        }
        return sums
    }

    /// Checksums of bytes held in memory, through a private temporary file that is removed
    /// at once (test only; the bytes are the test's own sample).
    static func of(bytes: [UInt8], in directory: URL, name: String) throws -> [String] {
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        return try of(file: path)
    }
}
