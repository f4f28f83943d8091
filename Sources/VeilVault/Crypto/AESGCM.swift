internal import COpenSSL

/// AES-256-GCM with a 96-bit nonce and a 128-bit tag, through one reusable
/// `EVP_CIPHER_CTX`: the key is set once, each message re-initialises only the nonce.
/// The context (and the key schedule inside it) is cleansed and freed by
/// `EVP_CIPHER_CTX_free` in `deinit`. Not thread-safe; one instance per stream.
final class AESGCM {
    static let keyCount = 32
    static let nonceCount = 12
    static let tagCount = 16

    enum Direction { case seal, open }

    private let context: OpaquePointer
    private let direction: Direction

    init(key: borrowing SecureBytes, direction: Direction) throws {
        precondition(key.count == Self.keyCount, "AES-256-GCM needs a 32-byte key")
        guard let context = EVP_CIPHER_CTX_new() else { throw OpenSSL.failure("EVP_CIPHER_CTX_new") }
        self.context = context
        self.direction = direction
        let ok = key.withUnsafeBytes { key in
            let keyPointer = key.baseAddress!.assumingMemoryBound(to: UInt8.self)
            return switch direction {
            case .seal: EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, keyPointer, nil)
            case .open: EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, keyPointer, nil)
            }
        }
        guard ok == 1 else { throw OpenSSL.failure("EVP_CipherInit_ex(AES-256-GCM)") }
    }

    deinit { EVP_CIPHER_CTX_free(context) }

    /// Encrypts `plaintext` into `output` (`plaintext.count + 16` bytes: ciphertext ‖ tag).
    func seal(nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, plaintext: UnsafeRawBufferPointer,
              into output: UnsafeMutableRawBufferPointer) throws {
        precondition(direction == .seal && nonce.count == Self.nonceCount && output.count == plaintext.count + Self.tagCount)
        var length: Int32 = 0
        guard EVP_EncryptInit_ex(context, nil, nil, nil, nonce.baseAddress!.assumingMemoryBound(to: UInt8.self)) == 1
        else { throw OpenSSL.failure("EVP_EncryptInit_ex(nonce)") }
        if aad.count > 0 {
            guard EVP_EncryptUpdate(context, nil, &length, aad.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(aad.count)) == 1
            else { throw OpenSSL.failure("EVP_EncryptUpdate(aad)") }
        }
        let out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
        if plaintext.count > 0 {
            guard EVP_EncryptUpdate(context, out, &length, plaintext.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(plaintext.count)) == 1,
                  Int(length) == plaintext.count
            else { throw OpenSSL.failure("EVP_EncryptUpdate") }
        }
        guard EVP_EncryptFinal_ex(context, out + plaintext.count, &length) == 1 else { throw OpenSSL.failure("EVP_EncryptFinal_ex") }
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, Int32(Self.tagCount), output.baseAddress! + plaintext.count) == 1
        else { throw OpenSSL.failure("EVP_CIPHER_CTX_ctrl(GET_TAG)") }
    }

    /// Decrypts `sealed` (ciphertext ‖ tag) into `output` (`sealed.count - 16` bytes).
    /// Returns `false`, with `output` zeroised, when authentication fails; nothing unverified
    /// is ever left in `output`.
    func open(nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, sealed: UnsafeRawBufferPointer,
              into output: UnsafeMutableRawBufferPointer) throws -> Bool {
        precondition(direction == .open && nonce.count == Self.nonceCount)
        precondition(sealed.count >= Self.tagCount && output.count == sealed.count - Self.tagCount)
        let textCount = sealed.count - Self.tagCount
        var length: Int32 = 0
        guard EVP_DecryptInit_ex(context, nil, nil, nil, nonce.baseAddress!.assumingMemoryBound(to: UInt8.self)) == 1
        else { throw OpenSSL.failure("EVP_DecryptInit_ex(nonce)") }
        if aad.count > 0 {
            guard EVP_DecryptUpdate(context, nil, &length, aad.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(aad.count)) == 1
            else { throw OpenSSL.failure("EVP_DecryptUpdate(aad)") }
        }
        let out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        if textCount > 0 {
            guard EVP_DecryptUpdate(context, out, &length, sealed.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(textCount)) == 1
            else { throw OpenSSL.failure("EVP_DecryptUpdate") }
        }
        let tag = UnsafeMutableRawPointer(mutating: sealed.baseAddress! + textCount)
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, Int32(Self.tagCount), tag) == 1
        else { throw OpenSSL.failure("EVP_CIPHER_CTX_ctrl(SET_TAG)") }
        var scratch = [UInt8](repeating: 0, count: 16)
        if EVP_DecryptFinal_ex(context, &scratch, &length) == 1 { return true }
        OpenSSL.clearErrors()
        if output.count > 0 { OPENSSL_cleanse(output.baseAddress, output.count) }
        return false
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
