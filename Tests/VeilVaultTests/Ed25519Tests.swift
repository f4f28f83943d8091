import Foundation
import Testing
@testable import VeilVault
import VeilCore

/// Ed25519 against RFC 8032 §7.1 and against tampering; the export key store.
@Suite struct Ed25519Tests {
    static let secret = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
    static let publicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    static let signature = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"

    @Test func rfc8032TestVector1() throws {
        let key = Ed25519PrivateKey(rawRepresentation: SecureBytes(copying: Hex.decode(Self.secret)!))
        #expect(try key.publicKey().hex == Self.publicKey)
        #expect(Hex.encode(try key.signature(for: [])) == Self.signature)
        let expected = try #require(Ed25519PublicKey(hex: Self.publicKey))
        #expect(expected.isValidSignature(Hex.decode(Self.signature)!, for: []))
    }

    @Test func tamperedSignatureOrMessageFails() throws {
        let key = try Ed25519PrivateKey.generate()
        let message = Array("manifest bytes".utf8)
        let signature = try key.signature(for: message)
        let publicKey = try key.publicKey()
        #expect(publicKey.isValidSignature(signature, for: message))
        var flipped = signature
        flipped[10] ^= 1
        #expect(!publicKey.isValidSignature(flipped, for: message))
        #expect(!publicKey.isValidSignature(signature, for: Array("manifest bytez".utf8)))
        #expect(!publicKey.isValidSignature(Array(signature.prefix(63)), for: message))
        let other = try Ed25519PrivateKey.generate().publicKey()
        #expect(!other.isValidSignature(signature, for: message))
    }

    @Test func keyStoreCreatesOnceWithPrivateMode() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("veil-ed25519-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = ExportKeyStore(dataDirectory: directory)
        #expect(try store.existingPublicKey() == nil)
        let (signature, publicKey) = try store.sign(Array("x".utf8))
        #expect(publicKey.isValidSignature(signature, for: Array("x".utf8)))
        #expect(try store.publicKey() == publicKey, "the key is created once and reused")
        let mode = try FileManager.default.attributesOfItem(atPath: store.privateKeyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let pem = try String(contentsOfFile: store.publicKeyPath, encoding: .utf8)
        #expect(Ed25519PublicKey(pem: pem) == publicKey)
    }
}
