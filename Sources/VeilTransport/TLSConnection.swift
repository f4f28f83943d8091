internal import CSSL
import Glibc

/// A verified TLS connection to a camera over a non-blocking socket. Owns one `SSL`, freed in
/// `deinit` (the socket closes with it). Used by one relay thread at a time.
final class TLSConnection: @unchecked Sendable {
    let socket: Socket
    let ssl: OpaquePointer

    /// The outcome of one non-blocking read or write.
    enum Transfer: Equatable {
        case bytes(Int)
        /// Nothing possible now; wait for the socket to become readable (or writable when `wantsWrite`).
        case wouldBlock(wantsWrite: Bool)
        /// The camera closed the connection or it failed.
        case closed
    }

    private init(socket: Socket, ssl: OpaquePointer) {
        self.socket = socket
        self.ssl = ssl
    }

    deinit { SSL_free(ssl) }

    /// Connects to the camera, completes the handshake and verifies its certificate against the
    /// context's trust; throws a `TransportError` that says precisely why a camera was refused.
    static func open(host: String, port: UInt16, serverName: String, context: TLSContext,
                     timeout: Duration, shouldStop: () -> Bool) throws -> TLSConnection {
        let camera = RelayTarget.describe(host: host, port: port)
        let socket = try Socket.connect(host: host, port: port, within: timeout, shouldStop: shouldStop)
        guard let ssl = SSL_new(context.context) else {
            throw TransportError(.handshake, camera: camera, "cannot create a TLS session: \(TLSContext.openSSLErrorText())")
        }
        let connection = TLSConnection(socket: socket, ssl: ssl)
        SSL_set_fd(ssl, socket.descriptor)
        if context.trust.caFile != nil {
            try connection.expectName(serverName, camera: camera)
        }
        if !Self.isIPAddress(serverName) { _ = CSSL_set_tlsext_host_name(ssl, serverName) }
        try connection.handshake(camera: camera, serverName: serverName, context: context,
                                 deadline: ContinuousClock.now + timeout, shouldStop: shouldStop)
        try connection.checkPin(context.pin, camera: camera)
        return connection
    }

    /// Makes the chain verification also check the name: DNS names and IP addresses differ in
    /// OpenSSL (an IP literal given as a host name would never match an IP subjectAltName).
    private func expectName(_ serverName: String, camera: String) throws {
        let accepted = Self.isIPAddress(serverName)
            ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), serverName)
            : SSL_set1_host(ssl, serverName)
        guard accepted == 1 else {
            throw TransportError(.configuration, camera: camera, "cannot check certificates for the name \"\(serverName)\"")
        }
    }

    static func isIPAddress(_ name: String) -> Bool {
        var scratch = in6_addr()
        return inet_pton(AF_INET, name, &scratch) == 1 || inet_pton(AF_INET6, name, &scratch) == 1
    }

    /// Whether OpenSSL holds decrypted bytes not yet read (poll cannot see those).
    var hasBufferedData: Bool { SSL_pending(ssl) > 0 }

    func read(into buffer: inout [UInt8]) -> Transfer {
        ERR_clear_error()
        let count = buffer.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
        return count > 0 ? .bytes(Int(count)) : transfer(after: count)
    }

    func write(_ bytes: [UInt8]) -> Transfer {
        ERR_clear_error()
        let count = bytes.withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
        return count > 0 ? .bytes(Int(count)) : transfer(after: count)
    }

    private func transfer(after status: Int32) -> Transfer {
        switch SSL_get_error(ssl, status) {
        case SSL_ERROR_WANT_READ: .wouldBlock(wantsWrite: false)
        case SSL_ERROR_WANT_WRITE: .wouldBlock(wantsWrite: true)
        default: .closed
        }
    }
}
