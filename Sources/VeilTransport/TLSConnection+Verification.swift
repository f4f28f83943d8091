internal import CSSL
import Glibc

extension TLSConnection {
    /// Runs the client handshake on the non-blocking socket, polling in short slices so that a
    /// silent camera or `stop()` never holds the relay thread beyond `deadline`.
    func handshake(camera: String, serverName: String, context: TLSContext,
                   deadline: ContinuousClock.Instant, shouldStop: () -> Bool) throws {
        while true {
            ERR_clear_error()
            let status = SSL_connect(ssl)
            if status == 1 { break }
            let wanted: Int16
            switch SSL_get_error(ssl, status) {
            case SSL_ERROR_WANT_READ: wanted = Int16(POLLIN)
            case SSL_ERROR_WANT_WRITE: wanted = Int16(POLLOUT)
            default: throw handshakeFailure(camera: camera, serverName: serverName, caFile: context.trust.caFile)
            }
            guard ContinuousClock.now < deadline, !shouldStop() else {
                throw TransportError(.handshake, camera: camera, "camera \(camera) did not complete the TLS handshake in time")
            }
            _ = socket.wait(for: wanted, milliseconds: 100)
        }
        // Defence in depth: with a CA file the handshake only succeeds on a verified chain.
        if let caFile = context.trust.caFile, SSL_get_verify_result(ssl) != Int(X509_V_OK) {
            throw handshakeFailure(camera: camera, serverName: serverName, caFile: caFile)
        }
    }

    /// Compares the SHA-256 of the leaf certificate's DER encoding with the pin.
    func checkPin(_ pin: String?, camera: String) throws {
        guard let pin else { return }
        guard let certificate = SSL_get1_peer_certificate(ssl) else {
            throw TransportError(.pinMismatch, camera: camera, "camera \(camera) presented no certificate to compare with the pin")
        }
        defer { X509_free(certificate) }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(certificate, EVP_sha256(), &digest, &length) == 1 else {
            throw TransportError(.pinMismatch, camera: camera, "cannot compute the fingerprint of the certificate of \(camera)")
        }
        let actual = digest.prefix(Int(length)).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
        guard actual == pin else {
            throw TransportError(.pinMismatch, camera: camera,
                                 "certificate of \(camera) does not match the pinned SHA-256 fingerprint: expected \(pin), got \(actual)")
        }
    }

    /// Explains a failed handshake: the certificate verdict when verification failed, else OpenSSL's reason.
    private func handshakeFailure(camera: String, serverName: String, caFile: String?) -> TransportError {
        let result = Int32(truncatingIfNeeded: SSL_get_verify_result(ssl))
        guard let caFile, result != X509_V_OK else {
            return TransportError(.handshake, camera: camera,
                                  "TLS handshake with camera \(camera) failed: \(TLSContext.openSSLErrorText())")
        }
        ERR_clear_error()
        let reason = String(cString: X509_verify_cert_error_string(Int(result)))
        switch result {
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
            return TransportError(.untrustedCertificate, camera: camera,
                                  "certificate of \(camera) is not issued for \"\(serverName)\": \(reason)")
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
             X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
             X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, X509_V_ERR_CERT_SIGNATURE_FAILURE:
            return TransportError(.untrustedCertificate, camera: camera,
                                  "certificate of \(camera) is not signed by the CA in \(caFile): \(reason)")
        default:
            return TransportError(.untrustedCertificate, camera: camera,
                                  "certificate of \(camera) does not verify against the CA in \(caFile): \(reason)")
        }
    }
}
