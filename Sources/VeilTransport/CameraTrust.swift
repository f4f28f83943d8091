import Glibc
import NIOCore
import NIOSSL
import X509
import SwiftASN1

/// One camera's TLS client configuration, checked once when the relay starts or verifies: the
/// NIOSSL context (TLS 1.2 or later) and the verifier that decides inside each handshake.
struct CameraTrust: Sendable {
    let context: NIOSSLContext
    let verifier: CameraVerifier
    /// Sent as SNI; nil for an IP address (SNI carries names only).
    let sniName: String?

    /// Checks the configuration (CA file readable and holding certificates, pin well-formed).
    init(trust: TLSTrust, camera: String, serverName: String) throws {
        let pin = try trust.normalizedPin(camera: camera)
        var authority: (file: String, roots: [Certificate])?
        if let caFile = trust.caFile {
            authority = (caFile, try Self.readCertificates(caFile, camera: camera))
        }
        let isIPAddress = (try? SocketAddress(ipAddress: serverName, port: 0)) != nil
        verifier = CameraVerifier(camera: camera, serverName: serverName, serverNameIsIPAddress: isIPAddress,
                                  authority: authority, pin: pin)
        sniName = isIPAddress ? nil : serverName

        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        // Not `.none`: that would skip the custom callback, which decides for CA and pin alike.
        // Not `.fullVerification`: NIOSSL's name check accepts any IP address in the certificate
        // that equals the connected address, even when another name is expected.
        configuration.certificateVerification = .noHostnameVerification
        // BoringSSL trusts nothing by itself; the custom callback replaces its verification.
        configuration.trustRoots = .certificates([])
        // stop() waits for each camera connection to close; a camera that never answers the
        // TLS close_notify must not hold it for NIOSSL's default of 5 s.
        configuration.shutdownTimeout = .milliseconds(300)
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw TransportError(.configuration, camera: camera, "cannot create a TLS context for camera \(camera): \(error)")
        }
        // NIOSSL checks the SNI name when a connection is set up; a name it refuses is a
        // configuration error, reported here rather than as an unreachable camera.
        do {
            _ = try NIOSSLClientHandler(context: context, serverHostname: sniName)
        } catch {
            throw TransportError(.configuration, camera: camera, "cannot check certificates of camera \(camera) for the name \"\(serverName)\": \(error)")
        }
    }

    /// The certificates of a PEM CA file, or a configuration error that names the file.
    private static func readCertificates(_ caFile: String, camera: String) throws -> [Certificate] {
        guard access(caFile, R_OK) == 0 else {
            throw TransportError(.configuration, camera: camera,
                                 "cannot read the CA file \(caFile) for camera \(camera): \(String(cString: strerror(errno)))")
        }
        do {
            let certificates = try NIOSSLCertificate.fromPEMFile(caFile).map { try Certificate(derEncoded: $0.toDERBytes()) }
            guard !certificates.isEmpty else { throw NoCertificate() }
            return certificates
        } catch {
            throw TransportError(.configuration, camera: camera,
                                 "the CA file \(caFile) for camera \(camera) holds no usable certificate: \(error)")
        }
    }

    private struct NoCertificate: Error, CustomStringConvertible {
        var description: String { "no PEM certificate found" }
    }
}
