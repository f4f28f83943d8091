/// Random bytes from the operating system's CSPRNG, through `SystemRandomNumberGenerator`
/// (`getrandom(2)` on Linux, `arc4random_buf` on Darwin), as swift-crypto draws its own.
public enum SecureRandom {
    /// `count` random bytes, for nonces, salts and identifiers (not for keys: keys are
    /// generated inside the vault's zeroising types). Never fails today (the generator traps
    /// if the system has no randomness); it throws so a source that can fail can replace it.
    public static func bytes(count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { fill($0) }
        return bytes
    }

    /// Overwrites `buffer` with random bytes.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var generator = SystemRandomNumberGenerator()
        var offset = 0
        while offset < buffer.count {
            let word = generator.next()
            let take = Swift.min(8, buffer.count - offset)
            withUnsafeBytes(of: word) { buffer.baseAddress!.advanced(by: offset).copyMemory(from: $0.baseAddress!, byteCount: take) }
            offset += take
        }
    }
}
