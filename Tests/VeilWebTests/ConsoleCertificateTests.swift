import Foundation
import Testing
import VeilTestSupport
@testable import VeilWeb
import VeilCore

/// The self-signed certificate is made once, reused, and its fingerprint is the one OpenSSL
/// computes; the key file is readable by its owner only.
@Suite struct ConsoleCertificateTests {
    @Test func selfSignedIsMadeOnceAndReused() throws {
        let data = FileManager.default.temporaryDirectory.path + "/veil-cert-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: data) }
        let first = try #require(try ConsoleCertificate.resolve(.selfSigned, dataDirectory: data, host: "0.0.0.0"))
        let again = try #require(try ConsoleCertificate.resolve(.selfSigned, dataDirectory: data, host: "0.0.0.0"))
        #expect(first.der == again.der)
        let certificate = ConsoleCertificate.certificatePath(dataDirectory: data)
        let key = ConsoleCertificate.keyPath(dataDirectory: data)
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let openssl = try run("/usr/bin/openssl", ["x509", "-in", certificate, "-noout", "-fingerprint", "-sha256", "-text"])
        #expect(openssl.contains("sha256 Fingerprint=\(first.fingerprint)") || openssl.contains("SHA256 Fingerprint=\(first.fingerprint)"))
        #expect(openssl.contains("ASN1 OID: prime256v1"))
        #expect(openssl.contains("DNS:localhost"))
        #expect(openssl.contains("TLS Web Server Authentication"))
        _ = try first.tlsConfiguration()
    }

    @Test func brokenFilesAreRefusedWithTheirPaths() throws {
        let data = FileManager.default.temporaryDirectory.path + "/veil-cert-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: data) }
        try "not a certificate".write(toFile: data + "/c.pem", atomically: true, encoding: .utf8)
        try "not a key".write(toFile: data + "/k.pem", atomically: true, encoding: .utf8)
        #expect { try ConsoleCertificate.resolve(.files(certificate: data + "/c.pem", key: data + "/k.pem"), dataDirectory: data, host: "x") }
            throws: { "\($0)".contains(data + "/c.pem") }
    }

    private func run(_ executable: String, _ arguments: [String]) throws -> String {
        try TestSupport.launch(executable, arguments).standardOutput
    }
}
