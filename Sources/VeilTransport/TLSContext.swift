internal import CSSL
import Glibc

/// An OpenSSL client context configured for one camera's trust. Owns one `SSL_CTX`, freed in
/// `deinit`. Configured once in `init`; afterwards OpenSSL allows creating connections from it
/// on several threads, hence `@unchecked Sendable`.
final class TLSContext: @unchecked Sendable {
    let context: OpaquePointer
    /// The pin as 64 lowercase hex digits, when one is configured.
    let pin: String?
    let trust: TLSTrust

    /// Checks the configuration (CA file readable and non-empty, pin well-formed) and builds the
    /// context: TLS 1.2 or later; peer verification on whenever a CA file is given.
    init(trust: TLSTrust, camera: String) throws {
        self.trust = trust
        pin = try trust.normalizedPin(camera: camera)
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw TransportError(.configuration, camera: camera, "cannot create a TLS context: \(Self.openSSLErrorText())")
        }
        self.context = context
        guard CSSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) == 1 else {
            throw TransportError(.configuration, camera: camera, "cannot require TLS 1.2: \(Self.openSSLErrorText())")
        }
        // The relay retries a write with a buffer that may have moved (a Swift array) and
        // accepts partial writes: both are needed for non-blocking SSL_write.
        _ = CSSL_CTX_set_mode(context, Int(SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER))
        if let caFile = trust.caFile {
            guard access(caFile, R_OK) == 0 else {
                throw TransportError(.configuration, camera: camera,
                                     "cannot read the CA file \(caFile) for camera \(camera): \(Socket.errorText())")
            }
            ERR_clear_error()
            guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                throw TransportError(.configuration, camera: camera,
                                     "the CA file \(caFile) for camera \(camera) holds no usable certificate: \(Self.openSSLErrorText())")
            }
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        } else {
            // Pin only: the chain of a self-signed camera cannot verify; the pin, checked after
            // the handshake and before any byte is relayed, decides instead.
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        }
    }

    deinit { SSL_CTX_free(context) }

    /// OpenSSL's reason for the oldest error on this thread's queue (then clears the queue).
    static func openSSLErrorText() -> String {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return "no further detail from OpenSSL" }
        if let reason = ERR_reason_error_string(code) { return String(cString: reason) }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
