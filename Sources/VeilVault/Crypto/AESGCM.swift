internal import Crypto
import Foundation

/// AES-256-GCM with a 96-bit nonce and a 128-bit tag, over swift-crypto's `AES.GCM`. The key
/// is held as a `SymmetricKey`, whose storage swift-crypto zeroises when it is freed (with
/// this instance). Not thread-safe; one instance per stream.
final class AESGCM {
    static let keyCount = 32
    static let nonceCount = 12
    static let tagCount = 16

    enum Direction { case seal, open }

    private let key: SymmetricKey
    private let direction: Direction

    init(key: borrowing SecureBytes, direction: Direction) throws {
        precondition(key.count == Self.keyCount, "AES-256-GCM needs a 32-byte key")
        self.key = key.withUnsafeBytes { SymmetricKey(data: $0) }
        self.direction = direction
    }

    /// Encrypts `plaintext` into `output` (`plaintext.count + 16` bytes: ciphertext ‖ tag).
    func seal(nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, plaintext: UnsafeRawBufferPointer,
              into output: UnsafeMutableRawBufferPointer) throws {
        precondition(direction == .seal && nonce.count == Self.nonceCount && output.count == plaintext.count + Self.tagCount)
        let box = try CryptoFailure.mapping("AES.GCM.seal") {
            try AES.GCM.seal(plaintext, using: key, nonce: AES.GCM.Nonce(data: nonce), authenticating: aad)
        }
        _ = box.ciphertext.copyBytes(to: output)
        _ = box.tag.copyBytes(to: UnsafeMutableRawBufferPointer(rebasing: output[plaintext.count...]))
    }

    /// Decrypts `sealed` (ciphertext ‖ tag) into `output` (`sealed.count - 16` bytes).
    /// Returns `false`, with `output` zeroised, when authentication fails; nothing unverified
    /// is ever left in `output`.
    func open(nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, sealed: UnsafeRawBufferPointer,
              into output: UnsafeMutableRawBufferPointer) throws -> Bool {
        precondition(direction == .open && nonce.count == Self.nonceCount)
        precondition(sealed.count >= Self.tagCount && output.count == sealed.count - Self.tagCount)
        let textCount = sealed.count - Self.tagCount
        let box = try CryptoFailure.mapping("AES.GCM.SealedBox") {
            try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: nonce), ciphertext: UnsafeRawBufferPointer(rebasing: sealed[..<textCount]),
                                  tag: UnsafeRawBufferPointer(rebasing: sealed[textCount...]))
        }
        // swift-crypto reports a failed tag check, and only that here, by throwing.
        guard var plain = try? AES.GCM.open(box, using: key, authenticating: aad) else {
            output.initializeMemory(as: UInt8.self, repeating: 0)
            return false
        }
        _ = plain.copyBytes(to: output)
        // The returned buffer is uniquely ours: overwrite it before it is freed.
        plain.resetBytes(in: 0..<plain.count)
        return true
    }
}

extension AESGCM {
    /// One-shot seal of `plaintext`; returns ciphertext ‖ tag.
    static func seal(key: borrowing SecureBytes, nonce: [UInt8], aad: [UInt8], plaintext: borrowing SecureBytes) throws -> [UInt8] {
        let cipher = try AESGCM(key: key, direction: .seal)
        var output = [UInt8](repeating: 0, count: plaintext.count + tagCount)
        try plaintext.withUnsafeBytes { text in
            try nonce.withUnsafeBytes { nonce in
                try aad.withUnsafeBytes { aad in
                    try output.withUnsafeMutableBytes { out in
                        try cipher.seal(nonce: nonce, aad: aad, plaintext: text, into: out)
                    }
                }
            }
        }
        return output
    }

    /// One-shot open of ciphertext ‖ tag; `nil` when authentication fails.
    static func open(key: borrowing SecureBytes, nonce: [UInt8], aad: [UInt8], sealed: [UInt8]) throws -> SecureBytes? {
        guard sealed.count >= tagCount, nonce.count == nonceCount else { return nil }
        let cipher = try AESGCM(key: key, direction: .open)
        let output = SecureBytes(count: sealed.count - tagCount)
        let ok = try output.withUnsafeMutableBytes { out in
            try nonce.withUnsafeBytes { nonce in
                try aad.withUnsafeBytes { aad in
                    try sealed.withUnsafeBytes { sealed in
                        try cipher.open(nonce: nonce, aad: aad, sealed: sealed, into: out)
                    }
                }
            }
        }
        guard ok else { return nil }
        return Optional(output)
    }
}
