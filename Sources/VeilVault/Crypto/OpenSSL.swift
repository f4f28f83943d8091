internal import COpenSSL

/// Turns OpenSSL's thread-local error queue into a `VaultError`.
enum OpenSSL {
    /// A `.cryptoFailure` naming the OpenSSL function and OpenSSL's own reason.
    static func failure(_ function: String) -> VaultError {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        let reason = reasons.isEmpty ? "no OpenSSL reason given" : reasons.joined(separator: "; ")
        return VaultError(.cryptoFailure, "OpenSSL \(function) failed: \(reason). Check that libcrypto 3 is installed intact; this is not a problem with the data.")
    }

    /// Discards queued errors after an expected failure (for example a failed GCM tag check).
    static func clearErrors() { ERR_clear_error() }
}
