import Crypto
import VeilCore

/// A node's identity: the SHA-256 of its console certificate's DER bytes. Compared as lowercase
/// hex without separators (as the cluster records it); shown as `AB:CD:…` (as `openssl x509
/// -fingerprint -sha256` and `veil web fingerprint` print it).
enum NodeFingerprint {
    static func of(der: [UInt8]) -> String {
        Hex.encode(SHA256.hash(data: der))
    }

    /// Lowercase hex without `:`, whatever form `text` is in.
    static func normalized(_ text: String) -> String {
        text.lowercased().filter { $0 != ":" }
    }

    /// `AB:CD:…`.
    static func display(_ text: String) -> String {
        let hex = Array(normalized(text).uppercased())
        return stride(from: 0, to: hex.count, by: 2).map { String(hex[$0..<min($0 + 2, hex.count)]) }.joined(separator: ":")
    }
}
