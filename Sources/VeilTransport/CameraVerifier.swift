import Crypto
import NIOCore
import NIOSSL
import X509
import SwiftASN1

/// Decides, inside the TLS handshake, whether the camera is the one configured: its chain against
/// the CA file (with the name), and/or its leaf certificate against the pinned fingerprint.
///
/// It runs as NIOSSL's custom verification callback, which replaces BoringSSL's own check: that
/// check would only say "certificate verify failed", while a refusal here says which certificate
/// failed and why, in the words the relay used when it verified with OpenSSL.
struct CameraVerifier: Sendable {
    /// `host:port`, as in every message.
    let camera: String
    /// The DNS name or IP address the certificate must carry when a CA file is configured.
    let serverName: String
    let serverNameIsIPAddress: Bool
    /// The CA file and the certificates read from it, when the chain is verified.
    let authority: (file: String, roots: [Certificate])?
    /// The pin as 64 lowercase hex digits, when one is configured.
    let pin: String?

    /// NIOSSL's verification callback for one connection. The verdict is reached in a task that
    /// runs on the connection's event loop, after the callback has returned (X509's verifier is
    /// async); a refusal is also left in `refusals` for the handshake's error.
    func callback(recordingIn refusals: FailureRecord) -> NIOSSLCustomVerificationCallback {
        { presented, promise in
            Task(executorPreference: EventLoopTaskExecutor(promise.futureResult.eventLoop)) {
                if let refusal = await self.refusal(of: presented) {
                    refusals.latest = refusal
                    promise.succeed(.failed)
                } else {
                    promise.succeed(.certificateVerified)
                }
            }
        }
    }

    /// nil when the camera is trusted, else why it is refused. The chain is checked before the pin.
    func refusal(of presented: [NIOSSLCertificate]) async -> TransportError? {
        guard let leaf = presented.first else {
            return TransportError(authority == nil ? .pinMismatch : .untrustedCertificate, camera: camera,
                                  "camera \(camera) presented no certificate")
        }
        if let authority, let refusal = await chainRefusal(presented, file: authority.file, roots: authority.roots) {
            return refusal
        }
        if let pin { return pinRefusal(leaf, pin: pin) }
        return nil
    }

    private func chainRefusal(_ presented: [NIOSSLCertificate], file: String, roots: [Certificate]) async -> TransportError? {
        let chain: [Certificate]
        do {
            chain = try presented.map { try Certificate(derEncoded: $0.toDERBytes()) }
        } catch {
            return notVerified(by: file, "the certificate cannot be read (\(error))")
        }
        let leaf = chain[0]
        // `return` keeps PolicyBuilder out, so `verifier.policy` stays a CameraChainPolicy to ask afterwards.
        var verifier = Verifier(rootCertificates: CertificateStore(roots)) {
            return CameraChainPolicy(serverName: serverName, isIPAddress: serverNameIsIPAddress)
        }
        let handled = verifier.policy.verifyingCriticalExtensions
        if leaf.extensions.contains(where: { $0.critical && !handled.contains($0.oid) }) {
            return notVerified(by: file, "unhandled critical extension")
        }
        guard case .couldNotValidate = await verifier.validate(leaf: leaf, intermediates: CertificateStore(chain.dropFirst())) else {
            return nil
        }
        switch verifier.policy.firstRefusal {
        case (.name, let reason)?:
            return TransportError(.untrustedCertificate, camera: camera,
                                  "certificate of \(camera) is not issued for \"\(serverName)\": \(reason)")
        case (_, let reason)?:
            return notVerified(by: file, reason)
        case nil:
            // No chain reached a certificate of the CA file.
            let reason = leaf.subject == leaf.issuer ? "self-signed certificate"
                : chain.count > 1 && chain.last!.subject == chain.last!.issuer ? "self-signed certificate in certificate chain"
                : "unable to get local issuer certificate"
            return TransportError(.untrustedCertificate, camera: camera,
                                  "certificate of \(camera) is not signed by the CA in \(file): \(reason)")
        }
    }

    private func notVerified(by file: String, _ reason: String) -> TransportError {
        TransportError(.untrustedCertificate, camera: camera,
                       "certificate of \(camera) does not verify against the CA in \(file): \(reason)")
    }

    /// Compares the SHA-256 of the leaf certificate's DER encoding with the pin.
    private func pinRefusal(_ leaf: NIOSSLCertificate, pin: String) -> TransportError? {
        guard let der = try? leaf.toDERBytes() else {
            return TransportError(.pinMismatch, camera: camera, "cannot compute the fingerprint of the certificate of \(camera)")
        }
        let actual = SHA256.hash(data: der).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
        guard actual == pin else {
            return TransportError(.pinMismatch, camera: camera,
                                  "certificate of \(camera) does not match the pinned SHA-256 fingerprint: expected \(pin), got \(actual)")
        }
        return nil
    }
}
