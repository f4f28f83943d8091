package import Foundation

/// A throwaway PKI made with the `openssl` CLI in a temporary folder (removed in `deinit`): a test
/// CA, a camera certificate it signed for 127.0.0.1/localhost, an unrelated CA that must be
/// refused, and a self-signed camera certificate (as many cameras ship). EC P-256 keys: generated in milliseconds, and GnuTLS (the server side) takes them.
package final class TestCertificates: Sendable {
    /// A certificate and its private key in PEM files, as the RTSP server loads them.
    package struct ServerIdentity: Sendable { package let certificate: String, key: String }

    package let directory: URL
    /// The CA that signed `server`.
    package let caFile: String
    /// A CA that signed nothing the server presents.
    package let otherCAFile: String
    package let server: ServerIdentity
    /// A self-signed certificate for 127.0.0.1/localhost, signed by no CA.
    package let selfSigned: ServerIdentity
    /// SHA-256 of the server certificate's DER encoding, lowercase hex without separators.
    package let serverFingerprint: String

    package init() throws {
        directory = try TestSupport.temporaryDirectory(prefix: "veil-pki")
        do {
            caFile = try Self.makeCA(named: "ca", commonName: "Veil Test CA", in: directory)
            otherCAFile = try Self.makeCA(named: "other-ca", commonName: "Some Other CA", in: directory)
            server = try Self.makeServer(signedBy: "ca", in: directory)
            selfSigned = try Self.makeSelfSigned(in: directory)
            let output = try TestSupport.run("/usr/bin/openssl", ["x509", "-in", server.certificate, "-noout", "-fingerprint", "-sha256"])
            // "sha256 Fingerprint=AB:CD:…" (the digest of the DER form).
            guard let hex = output.split(separator: "=").last else {
                throw TestSupport.Failure(description: "unexpected openssl fingerprint output: \(output)")
            }
            serverFingerprint = hex.filter { $0 != ":" && !$0.isWhitespace }.lowercased()
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    private static let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    private static func makeCA(named name: String, commonName: String, in directory: URL) throws -> String {
        try TestSupport.run("/usr/bin/openssl", ["req", "-x509"] + curve + [
            "-keyout", "\(name).key", "-out", "\(name).pem", "-days", "2", "-subj", "/CN=\(commonName)",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ], in: directory)
        return directory.appendingPathComponent("\(name).pem").path
    }

    private static let cameraNames = "subjectAltName=IP:127.0.0.1,DNS:localhost"

    private static func makeSelfSigned(in directory: URL) throws -> ServerIdentity {
        try TestSupport.run("/usr/bin/openssl", ["req", "-x509"] + curve + [
            "-keyout", "self-signed.key", "-out", "self-signed.pem", "-days", "2", "-subj", "/CN=localhost",
            "-addext", cameraNames,
        ], in: directory)
        return ServerIdentity(certificate: directory.appendingPathComponent("self-signed.pem").path,
                              key: directory.appendingPathComponent("self-signed.key").path)
    }

    /// A certificate from the test CA valid for `addresses` as well as 127.0.0.1 and localhost
    /// (a server reached over a test network namespace's link, say).
    package func server(for addresses: [String]) throws -> ServerIdentity {
        let names = Self.cameraNames + addresses.map { ",IP:\($0)" }.joined()
        return try Self.makeServer(signedBy: "ca", named: "server-" + UUID().uuidString.prefix(8), names: names, in: directory)
    }

    private static func makeServer(signedBy ca: String, named name: String = "camera", names: String = cameraNames,
                                   in directory: URL) throws -> ServerIdentity {
        try TestSupport.run("/usr/bin/openssl", ["req"] + curve + [
            "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=localhost",
        ], in: directory)
        try "\(names)\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(to: directory.appendingPathComponent("\(name).ext"), atomically: true, encoding: .utf8)
        try TestSupport.run("/usr/bin/openssl", [
            "x509", "-req", "-in", "\(name).csr", "-CA", "\(ca).pem", "-CAkey", "\(ca).key", "-CAcreateserial",
            "-out", "\(name).pem", "-days", "2", "-extfile", "\(name).ext",
        ], in: directory)
        return ServerIdentity(certificate: directory.appendingPathComponent("\(name).pem").path,
                              key: directory.appendingPathComponent("\(name).key").path)
    }
}
