internal import COpenSSL

/// Random bytes from OpenSSL's CSPRNG (`RAND_bytes`, seeded by the operating system).
public enum SecureRandom {
    /// `count` random bytes, for nonces, salts and identifiers (not for keys: keys are
    /// generated inside the vault's zeroising types).
    public static func bytes(count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        if count > 0 {
            guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw OpenSSL.failure("RAND_bytes") }
        }
        return bytes
    }
}
