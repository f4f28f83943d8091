import Foundation
#if canImport(Darwin)
internal import Darwin
#else
internal import Glibc
#endif
import VeilCore

/// Secret bytes in memory that only this value owns. Never copied implicitly; the memory
/// is overwritten with `explicit_bzero` (`memset_s` on Darwin; neither may be optimised
/// away) when the value is destroyed or goes out of scope, then freed.
struct SecureBytes: ~Copyable {
    private let storage: UnsafeMutableRawBufferPointer

    /// `count` zero bytes.
    init(count: Int) {
        precondition(count >= 0, "negative SecureBytes size")
        storage = .allocate(byteCount: max(count, 1), alignment: 16)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        self.count = count
    }

    /// A copy of `bytes`; the caller remains responsible for its own copy.
    init(copying bytes: UnsafeRawBufferPointer) {
        self.init(count: bytes.count)
        if bytes.count > 0 { storage.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
    }

    /// A copy of `bytes` (the array itself cannot be zeroised: use for non-long-lived copies).
    init(copying bytes: [UInt8]) {
        self.init(count: bytes.count)
        bytes.withUnsafeBytes { source in
            if source.count > 0 { storage.baseAddress!.copyMemory(from: source.baseAddress!, byteCount: source.count) }
        }
    }

    /// A copy of the bytes of a swift-crypto `SymmetricKey` or `SharedSecret` (which zeroise their own storage).
    init(copyingKey key: some ContiguousBytes) {
        self.init(count: key.withUnsafeBytes { $0.count })
        key.withUnsafeBytes { source in
            if source.count > 0 { storage.baseAddress!.copyMemory(from: source.baseAddress!, byteCount: source.count) }
        }
    }

    /// `count` bytes from the operating system's CSPRNG (`SecureRandom`).
    static func random(count: Int) throws -> SecureBytes {
        let bytes = SecureBytes(count: count)
        bytes.withUnsafeMutableBytes { SecureRandom.fill($0) }
        return bytes
    }

    let count: Int

    func withUnsafeBytes<R: ~Copyable>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(rebasing: storage[0..<count]))
    }

    func withUnsafeMutableBytes<R: ~Copyable>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeMutableRawBufferPointer(rebasing: storage[0..<count]))
    }

    /// A new value holding bytes `range` of this one.
    func slice(_ range: Range<Int>) -> SecureBytes {
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        return withUnsafeBytes { SecureBytes(copying: UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Constant-time comparison of contents.
    func constantTimeEquals(_ other: borrowing SecureBytes) -> Bool {
        guard count == other.count else { return false }
        return withUnsafeBytes { a in other.withUnsafeBytes { b in zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0 } }
    }

    /// Whether every byte is zero, without stopping at the first non-zero one.
    var isAllZero: Bool { withUnsafeBytes { $0.reduce(UInt8(0)) { $0 | $1 } == 0 } }

    /// Zeroises and frees the bytes now rather than at the end of the scope.
    consuming func destroy() {}

    /// Test hook: zeroises exactly as `deinit` does, shows the still-allocated memory to
    /// `inspect`, then frees it. Lets a release-mode test observe that destruction zeroises.
    consuming func destroyForTesting(_ inspect: (UnsafeRawBufferPointer) -> Void) {
        Self.cleanse(storage)
        inspect(UnsafeRawBufferPointer(storage))
        storage.deallocate()
        discard self
    }

    private static func cleanse(_ storage: UnsafeMutableRawBufferPointer) {
        #if canImport(Darwin)
        _ = memset_s(storage.baseAddress, storage.count, 0, storage.count)
        #else
        explicit_bzero(storage.baseAddress!, storage.count)
        #endif
    }

    deinit {
        Self.cleanse(storage)
        storage.deallocate()
    }
}
