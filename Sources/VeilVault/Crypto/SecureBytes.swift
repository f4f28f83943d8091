internal import COpenSSL

/// Secret bytes in memory that only this value owns. Never copied implicitly; the memory
/// is overwritten with `OPENSSL_cleanse` (which the optimiser may not remove) when the
/// value is destroyed or goes out of scope, then freed.
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

    /// `count` bytes from the operating system's CSPRNG via `RAND_bytes`.
    static func random(count: Int) throws -> SecureBytes {
        let bytes = SecureBytes(count: count)
        if count > 0 {
            guard RAND_bytes(bytes.storage.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(count)) == 1 else {
                throw OpenSSL.failure("RAND_bytes")
            }
        }
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
        return withUnsafeBytes { a in other.withUnsafeBytes { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, count) == 0 } }
    }

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
        OPENSSL_cleanse(storage.baseAddress, storage.count)
    }

    deinit {
        Self.cleanse(storage)
        storage.deallocate()
    }
}
