import Crypto
import Foundation
import VeilCore
import VeilVault

/// A SHA-256 computed on its own thread while the caller goes on: the export hands over its
/// clip piece by piece as the index move writes it, and hashing (≈ 0.85 s for an hour's
/// 1.15 GB) then overlaps that I/O instead of following it. Each piece is copied into one of
/// a few reused buffers, so the caller may reuse its own at once.
final class BackgroundDigest: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    /// Copied pieces waiting to be hashed, oldest first; at most `depth`.
    private var pending: [[UInt8]] = []
    /// Hashed buffers, kept for their capacity.
    private var spare: [[UInt8]] = []
    private var inputEnded = false
    private var hashingEnded = false
    /// Touched only by the hashing thread until it ends, then by `finish`.
    private var digest = SHA256()
    private var result: String?

    init(depth: Int = 3) {
        self.depth = depth
        pending.reserveCapacity(depth)
        spare.reserveCapacity(depth + 1)
        let thread = Thread { [self] in hashUntilEnd() }
        thread.name = "veil-export-sha256"
        thread.start()
    }

    /// Queues a copy of `bytes`; waits while `depth` pieces are already queued.
    func update(_ bytes: UnsafeRawBufferPointer) {
        condition.lock()
        while pending.count >= depth { condition.wait() }
        var buffer = spare.popLast() ?? []
        condition.unlock()
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: bytes)
        condition.lock()
        pending.append(buffer)
        condition.broadcast()
        condition.unlock()
    }

    /// The digest (lowercase hex) of everything queued, once it is all hashed.
    func finish() -> String {
        endInputAndWait()
        if let result { return result }
        let hex = Hex.encode(digest.finalize())
        result = hex
        return hex
    }

    /// Ends the hashing thread without a result (the export failed); harmless after `finish`.
    func stop() {
        condition.lock()
        pending.removeAll()
        condition.unlock()
        endInputAndWait()
    }

    private func endInputAndWait() {
        condition.lock()
        inputEnded = true
        condition.broadcast()
        while !hashingEnded { condition.wait() }
        condition.unlock()
    }

    private func hashUntilEnd() {
        while true {
            condition.lock()
            while pending.isEmpty && !inputEnded { condition.wait() }
            guard !pending.isEmpty else {
                hashingEnded = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let piece = pending.removeFirst()
            condition.unlock()
            digest.update(data: piece)
            condition.lock()
            spare.append(piece)
            condition.broadcast()
            condition.unlock()
        }
    }
}
