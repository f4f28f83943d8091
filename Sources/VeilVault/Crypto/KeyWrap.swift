/// Wraps a secret to an X25519 public key: a fresh ephemeral X25519 key pair, the shared
/// secret fed to HKDF-SHA256 (salt = ephemeral public ‖ recipient public, info = purpose
/// label) for a 32-byte AES key and a 12-byte nonce, then AES-256-GCM over the secret with
/// caller-supplied associated data. The key is used once, so the derived nonce is unique.
enum KeyWrap {
    /// Info label for a segment file key wrapped to an epoch public key.
    static let segmentFileKeyInfo = Array("veil/v1 segment file key".utf8)
    /// Info label for an epoch private key wrapped to an officer public key.
    static let epochPrivateKeyInfo = Array("veil/v1 epoch private key".utf8)

    /// Returns the ephemeral public key and ciphertext ‖ tag. `aad` receives the ephemeral
    /// public key so the caller can bind it (for example into a header) before sealing.
    static func wrap(_ secret: borrowing SecureBytes, to recipient: X25519PublicKey, info: [UInt8],
                     aad: (X25519PublicKey) -> [UInt8]) throws -> (ephemeral: X25519PublicKey, sealed: [UInt8]) {
        let ephemeral = try X25519PrivateKey.generate()
        let ephemeralPublic = try ephemeral.publicKey()
        let shared = try ephemeral.sharedSecret(with: recipient)
        ephemeral.destroy()
        let derived = try derive(shared: shared, ephemeral: ephemeralPublic, recipient: recipient, info: info)
        let sealed = try AESGCM.seal(key: derived.key, nonce: derived.nonce, aad: aad(ephemeralPublic), plaintext: secret)
        return (ephemeralPublic, sealed)
    }

    /// The secret, or `nil` if the ciphertext, the associated data or the key do not match.
    static func unwrap(_ sealed: [UInt8], ephemeral: X25519PublicKey, with recipient: borrowing X25519PrivateKey,
                       info: [UInt8], aad: [UInt8]) throws -> SecureBytes? {
        let shared = try recipient.sharedSecret(with: ephemeral)
        let derived = try derive(shared: shared, ephemeral: ephemeral, recipient: try recipient.publicKey(), info: info)
        return try AESGCM.open(key: derived.key, nonce: derived.nonce, aad: aad, sealed: sealed)
    }

    private static func derive(shared: borrowing SecureBytes, ephemeral: X25519PublicKey, recipient: X25519PublicKey,
                               info: [UInt8]) throws -> Derived {
        let okm = HKDF.sha256(key: shared, salt: ephemeral.rawRepresentation + recipient.rawRepresentation,
                                  info: info, outputCount: AESGCM.keyCount + AESGCM.nonceCount)
        let nonce = okm.withUnsafeBytes { Array($0[AESGCM.keyCount...]) }
        return Derived(key: okm.slice(0..<AESGCM.keyCount), nonce: nonce)
    }

    private struct Derived: ~Copyable {
        let key: SecureBytes
        let nonce: [UInt8]
    }
}
