import Crypto
import Foundation
import HummingbirdTLS
import NIOCore
import NIOSSL
import SwiftASN1
import VeilCore
import X509

/// The console's TLS certificate and key: the administrator's PEM files, or a self-signed
/// ECDSA P-256 certificate made once and kept under `<data>/web/tls/` (key readable by its
/// owner only), whose SHA-256 fingerprint staff compare with `veil web fingerprint`.
struct ConsoleCertificate: Sendable {
    let certificatePEM: String
    let keyPEM: String
    /// The certificate's DER bytes, what the fingerprint is taken over.
    let der: [UInt8]

    static func certificatePath(dataDirectory: String) -> String { dataDirectory + "/web/tls/console.crt" }
    static func keyPath(dataDirectory: String) -> String { dataDirectory + "/web/tls/console.key" }

    /// The certificate `tls` calls for; the self-signed one is made on first use.
    static func resolve(_ tls: WebSettings.TLS, dataDirectory: String, host: String) throws -> ConsoleCertificate? {
        switch tls {
        case .none: return nil
        case .files(let certificate, let key): return try load(certificate: certificate, key: key)
        case .selfSigned:
            let certificate = certificatePath(dataDirectory: dataDirectory), key = keyPath(dataDirectory: dataDirectory)
            if FileManager.default.fileExists(atPath: certificate) { return try load(certificate: certificate, key: key) }
            return try makeSelfSigned(host: host, certificatePath: certificate, keyPath: key)
        }
    }

    static func load(certificate: String, key: String) throws -> ConsoleCertificate {
        func read(_ path: String, _ what: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw WebConsoleError("cannot read the console's TLS \(what) \(path); check the path and its permissions")
            }
            return text
        }
        let certificatePEM = try read(certificate, "certificate"), keyPEM = try read(key, "key")
        do {
            let parsed = try Certificate(pemEncoded: certificatePEM)
            _ = try Certificate.PrivateKey(pemEncoded: keyPEM)
            var serializer = DER.Serializer()
            try serializer.serialize(parsed)
            return ConsoleCertificate(certificatePEM: certificatePEM, keyPEM: keyPEM, der: serializer.serializedBytes)
        } catch {
            throw WebConsoleError("the console's TLS certificate \(certificate) or key \(key) is not valid PEM (\(error)); replace them, or delete both to have a new self-signed pair made")
        }
    }

    /// Valid for 5 years, for `localhost`, this machine's name and the listen address.
    private static func makeSelfSigned(host: String, certificatePath: String, keyPath: String) throws -> ConsoleCertificate {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            CommonName("Veil staff console")
            OrganizationName("Veil")
        }
        var names: [GeneralName] = [.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))]
        let machine = ProcessInfo.processInfo.hostName
        if !machine.isEmpty, machine != "localhost" { names.append(.dnsName(machine)) }
        let octets = host.split(separator: ".").compactMap { UInt8($0) }
        if octets.count == 4, host != "0.0.0.0", octets != [127, 0, 0, 1] {
            names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(octets))))
        } else if !host.contains(":"), octets.isEmpty, host != "localhost" {
            names.append(.dnsName(host))
        }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(5 * 365 * 86400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: .init(key))
        let certificatePEM = try certificate.serializeAsPEM().pemString + "\n"
        let keyPEM = key.pemRepresentation + "\n"
        try FileManager.default.createDirectory(atPath: (certificatePath as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try write(keyPEM, to: keyPath, mode: 0o600)
        try write(certificatePEM, to: certificatePath, mode: 0o644)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return ConsoleCertificate(certificatePEM: certificatePEM, keyPEM: keyPEM, der: serializer.serializedBytes)
    }

    /// Written under a temporary name with its final mode, then renamed: never a readable key.
    private static func write(_ text: String, to path: String, mode: mode_t) throws {
        let temporary = path + ".partial"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw WebConsoleError("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw WebConsoleError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// SHA-256 of the certificate, as `AB:CD:…` (the form `openssl x509 -fingerprint -sha256` prints).
    var fingerprint: String {
        Crypto.SHA256.hash(data: der).map { String(format: "%02X", $0) }.joined(separator: ":")
    }

    func tlsConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }

    /// For a cluster node: asks for a client certificate but accepts a connection without one
    /// (browsers), and accepts whatever certificate is presented at the TLS layer (TLS still
    /// proves the client holds its key). Which certificate may do what is decided per route
    /// (``PeerAccess``), where a refusal can say why; the node certificates are self-signed,
    /// so no chain could be verified here anyway.
    func clusterTLSConfiguration() throws -> TLSChannelConfiguration {
        var configuration = try tlsConfiguration()
        configuration.certificateVerification = .optionalVerification
        return TLSChannelConfiguration(tlsConfiguration: configuration, customVerificationCallback: { _, promise in
            promise.succeed(.certificateVerified)
        })
    }
}

/// The console cannot start or answer: what and where, and what to do.
public struct WebConsoleError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
