internal import COpenSSL

/// An X25519 public key (RFC 7748), 32 bytes. Safe to store, log and share.
public struct X25519PublicKey: Hashable, Sendable, CustomStringConvertible {
    /// The 32-byte u-coordinate.
    public let rawRepresentation: [UInt8]

    /// `nil` unless `bytes` is exactly 32 bytes.
    public init?(rawRepresentation bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        rawRepresentation = bytes
    }

    /// The first 8 bytes of SHA-256 of the key, in hex: a short fingerprint for people.
    public var fingerprint: String { Hex.encode(SHA256.hash(rawRepresentation).bytes.prefix(8)) }
    public var description: String { "x25519:\(fingerprint)" }
}

/// An X25519 private key: 32 secret bytes, zeroised when destroyed.
struct X25519PrivateKey: ~Copyable {
    private let secret: SecureBytes

    init(rawRepresentation secret: consuming SecureBytes) {
        precondition(secret.count == 32, "X25519 private keys are 32 bytes")
        self.secret = secret
    }

    /// A fresh key from the CSPRNG (clamping is applied by X25519 itself).
    static func generate() throws -> X25519PrivateKey {
        X25519PrivateKey(rawRepresentation: try SecureBytes.random(count: 32))
    }

    /// Runs `body` with the secret bytes (for wrapping the key to someone else).
    func withSecret<R: ~Copyable>(_ body: (borrowing SecureBytes) throws -> R) rethrows -> R { try body(secret) }

    func publicKey() throws -> X25519PublicKey {
        let key = try makeKey()
        defer { EVP_PKEY_free(key) }
        var out = [UInt8](repeating: 0, count: 32)
        var length = 32
        guard EVP_PKEY_get_raw_public_key(key, &out, &length) == 1, length == 32 else {
            throw OpenSSL.failure("EVP_PKEY_get_raw_public_key")
        }
        return X25519PublicKey(rawRepresentation: out)!
    }

    /// X25519(self, peer). OpenSSL refuses an all-zero result (a low-order peer key).
    func sharedSecret(with peer: X25519PublicKey) throws -> SecureBytes {
        let key = try makeKey()
        defer { EVP_PKEY_free(key) }
        guard let peerKey = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nil, peer.rawRepresentation, 32) else {
            throw OpenSSL.failure("EVP_PKEY_new_raw_public_key(X25519)")
        }
        defer { EVP_PKEY_free(peerKey) }
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else { throw OpenSSL.failure("EVP_PKEY_CTX_new_from_pkey") }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_derive_init(context) == 1, EVP_PKEY_derive_set_peer(context, peerKey) == 1 else {
            throw OpenSSL.failure("EVP_PKEY_derive_init/set_peer(X25519)")
        }
        let shared = SecureBytes(count: 32)
        var length = 32
        let ok = shared.withUnsafeMutableBytes { EVP_PKEY_derive(context, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), &length) }
        guard ok == 1, length == 32 else { throw OpenSSL.failure("EVP_PKEY_derive(X25519)") }
        return shared
    }

    /// Zeroises the key now.
    consuming func destroy() { secret.destroy() }

    /// Test hook, see `SecureBytes.destroyForTesting`.
    consuming func destroyForTesting(_ inspect: (UnsafeRawBufferPointer) -> Void) { secret.destroyForTesting(inspect) }

    /// An `EVP_PKEY` holding a copy of the secret; the caller frees it with `EVP_PKEY_free`,
    /// which cleanses OpenSSL's copy.
    private func makeKey() throws -> OpaquePointer {
        let key = secret.withUnsafeBytes {
            EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nil, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), 32)
        }
        guard let key else { throw OpenSSL.failure("EVP_PKEY_new_raw_private_key(X25519)") }
        return key
    }
}
