internal import Crypto

/// HKDF-SHA256 (RFC 5869) over swift-crypto's `HKDF<SHA256>`. The input and output keys
/// pass through `SymmetricKey`s, which swift-crypto zeroises when they are freed.
enum HKDF {
    static func sha256(key: borrowing SecureBytes, salt: [UInt8], info: [UInt8], outputCount: Int) -> SecureBytes {
        let inputKey = key.withUnsafeBytes { SymmetricKey(data: $0) }
        // An empty salt means "HashLen zeros" (RFC 5869 §2.2): HMAC pads its key with zeros either way.
        let derived = Crypto.HKDF<Crypto.SHA256>.deriveKey(inputKeyMaterial: inputKey, salt: salt, info: info, outputByteCount: outputCount)
        return SecureBytes(copyingKey: derived)
    }
}
