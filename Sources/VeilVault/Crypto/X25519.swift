import VeilCore
internal import Crypto

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
    public var fingerprint: String { Hex.encode(SHA256Digest(hashing: rawRepresentation).bytes.prefix(8)) }
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
        X25519PublicKey(rawRepresentation: Array(try makeKey().publicKey.rawRepresentation))!
    }

    /// X25519(self, peer). An all-zero result (a low-order peer key) is refused, as the
    /// format requires; swift-crypto itself does not check.
    func sharedSecret(with peer: X25519PublicKey) throws -> SecureBytes {
        let shared = try CryptoFailure.mapping("Curve25519.KeyAgreement") {
            try makeKey().sharedSecretFromKeyAgreement(with: Curve25519.KeyAgreement.PublicKey(rawRepresentation: peer.rawRepresentation))
        }
        let bytes = SecureBytes(copyingKey: shared)
        guard !bytes.isAllZero else {
            throw VaultError(.cryptoFailure, "X25519 with public key \(Hex.encode(peer.rawRepresentation)) gave the all-zero shared secret: it is a low-order point, not a real public key. The record or header holding it was altered.")
        }
        return bytes
    }

    /// Zeroises the key now.
    consuming func destroy() { secret.destroy() }

    /// Test hook, see `SecureBytes.destroyForTesting`.
    consuming func destroyForTesting(_ inspect: (UnsafeRawBufferPointer) -> Void) { secret.destroyForTesting(inspect) }

    /// A swift-crypto key holding a copy of the secret in its own zeroising storage, freed
    /// (and cleansed) when the caller drops it.
    private func makeKey() throws -> Curve25519.KeyAgreement.PrivateKey {
        try CryptoFailure.mapping("Curve25519.KeyAgreement.PrivateKey") {
            try secret.withUnsafeBytes { try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: $0) }
        }
    }
}
