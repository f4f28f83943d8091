import Foundation
import VeilCore
internal import Crypto

/// An Ed25519 public key (RFC 8032), 32 bytes. Safe to store, print and share.
public struct Ed25519PublicKey: Hashable, Sendable, CustomStringConvertible {
    /// The 32-byte encoded point.
    public let rawRepresentation: [UInt8]

    /// `nil` unless `bytes` is exactly 32 bytes.
    public init?(rawRepresentation bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        rawRepresentation = bytes
    }

    /// Parses 64 hexadecimal digits.
    public init?(hex: String) {
        guard let bytes = Hex.decode(hex) else { return nil }
        self.init(rawRepresentation: bytes)
    }

    /// Parses a `PUBLIC KEY` PEM (SubjectPublicKeyInfo) holding an Ed25519 key.
    public init?(pem: String) {
        guard let der = Ed25519DER.decodePEM(pem, label: "PUBLIC KEY"), der.count == 44,
              Array(der.prefix(12)) == Ed25519DER.publicPrefix else { return nil }
        self.init(rawRepresentation: Array(der.suffix(32)))
    }

    public var hex: String { Hex.encode(rawRepresentation) }
    /// The SubjectPublicKeyInfo PEM, as `openssl pkey -pubout` writes it.
    public var pem: String { Ed25519DER.encodePEM(Ed25519DER.publicPrefix + rawRepresentation, label: "PUBLIC KEY") }
    /// SHA-256 of the raw key in hex: the fingerprint people compare.
    public var fingerprint: String { SHA256Digest(hashing: rawRepresentation).hex }
    public var description: String { "ed25519:\(fingerprint.prefix(16))" }

    /// Whether `signature` is this key's signature of `message`.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}

/// An Ed25519 private key: the 32-byte secret seed, zeroised when destroyed.
struct Ed25519PrivateKey: ~Copyable {
    private let secret: SecureBytes

    init(rawRepresentation secret: consuming SecureBytes) {
        precondition(secret.count == 32, "Ed25519 private keys are 32 bytes")
        self.secret = secret
    }

    /// A fresh key: 32 bytes from the CSPRNG are a complete Ed25519 secret (RFC 8032 §5.1.5).
    static func generate() throws -> Ed25519PrivateKey {
        Ed25519PrivateKey(rawRepresentation: try SecureBytes.random(count: 32))
    }

    func withSecret<R: ~Copyable>(_ body: (borrowing SecureBytes) throws -> R) rethrows -> R { try body(secret) }

    func publicKey() throws -> Ed25519PublicKey {
        Ed25519PublicKey(rawRepresentation: Array(try makeKey().publicKey.rawRepresentation))!
    }

    /// The 64-byte signature of `message` (pure Ed25519, RFC 8032: deterministic, so the same
    /// key and message always give the same bytes).
    func signature(for message: [UInt8]) throws -> [UInt8] {
        let key = try makeKey()
        return Array(try CryptoFailure.mapping("Curve25519.Signing.signature") { try key.signature(for: message) })
    }

    consuming func destroy() { secret.destroy() }

    /// A swift-crypto key holding a copy of the secret in its own zeroising storage, freed
    /// (and cleansed) when the caller drops it.
    private func makeKey() throws -> Curve25519.Signing.PrivateKey {
        try CryptoFailure.mapping("Curve25519.Signing.PrivateKey") {
            try secret.withUnsafeBytes { try Curve25519.Signing.PrivateKey(rawRepresentation: $0) }
        }
    }
}

/// The fixed DER framing of Ed25519 keys (RFC 8410), so PEM needs no ASN.1 parser.
enum Ed25519DER {
    /// SubjectPublicKeyInfo up to the 32 key bytes.
    static let publicPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]
    /// PKCS #8 OneAsymmetricKey up to the 32 seed bytes.
    static let privatePrefix: [UInt8] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
                                         0x04, 0x22, 0x04, 0x20]

    static func encodePEM(_ der: [UInt8], label: String) -> String {
        "-----BEGIN \(label)-----\n" + Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
            + "\n-----END \(label)-----\n"
    }

    static func decodePEM(_ pem: String, label: String) -> [UInt8]? {
        let lines = pem.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(of: "-----BEGIN \(label)-----"),
              let end = lines.firstIndex(of: "-----END \(label)-----"), begin < end else { return nil }
        return Data(base64Encoded: lines[(begin + 1)..<end].joined()).map { Array($0) }
    }
}
