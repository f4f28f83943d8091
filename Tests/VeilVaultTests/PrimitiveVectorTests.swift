import Testing
@testable import VeilVault

/// Published vectors for every primitive the vault uses.
@Suite struct PrimitiveVectorTests {
    struct GCMCase: Sendable {
        let key, nonce, plaintext, aad, ciphertext, tag: String
    }

    /// McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13–16 (AES-256),
    /// the cases NIST SP 800-38D's validation suite reproduces.
    static let gcmCases: [GCMCase] = [
        GCMCase(key: String(repeating: "0", count: 64), nonce: String(repeating: "0", count: 24), plaintext: "", aad: "",
                ciphertext: "", tag: "530f8afbc74536b9a963b4f1c4cb738b"),
        GCMCase(key: String(repeating: "0", count: 64), nonce: String(repeating: "0", count: 24),
                plaintext: "00000000000000000000000000000000", aad: "",
                ciphertext: "cea7403d4d606b6e074ec5d3baf39d18", tag: "d0d1c8a799996bf0265b98b5d48ab919"),
        GCMCase(key: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", nonce: "cafebabefacedbaddecaf888",
                plaintext: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
                aad: "",
                ciphertext: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
                tag: "b094dac5d93471bdec1a502270e3cc6c"),
        GCMCase(key: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", nonce: "cafebabefacedbaddecaf888",
                plaintext: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
                aad: "feedfacedeadbeeffeedfacedeadbeefabaddad2",
                ciphertext: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
                tag: "76fc6ece0f4e1768cddf8853bb2d551b"),
    ]

    @Test(arguments: gcmCases) func aesGCMSealsAndOpensSpecificationVectors(_ vector: GCMCase) throws {
        let key = secure(hex(vector.key))
        let sealed = try AESGCM.seal(key: key, nonce: hex(vector.nonce), aad: hex(vector.aad), plaintext: secure(hex(vector.plaintext)))
        #expect(sealed == hex(vector.ciphertext) + hex(vector.tag))
        let opened = try AESGCM.open(key: key, nonce: hex(vector.nonce), aad: hex(vector.aad), sealed: sealed)
        #expect(opened?.array == hex(vector.plaintext))
    }

    @Test(arguments: gcmCases) func aesGCMRejectsAnyFlippedBit(_ vector: GCMCase) throws {
        let key = secure(hex(vector.key))
        let sealed = hex(vector.ciphertext) + hex(vector.tag)
        for index in [0, sealed.count / 2, sealed.count - 1] {
            var bad = sealed
            bad[index] ^= 0x01
            #expect(try AESGCM.open(key: key, nonce: hex(vector.nonce), aad: hex(vector.aad), sealed: bad) == nil)
        }
        #expect(try AESGCM.open(key: key, nonce: hex(vector.nonce), aad: hex(vector.aad) + [0], sealed: sealed) == nil)
    }

    /// RFC 7748 §5.2 (single iteration) and §6.1 (Alice and Bob).
    @Test func x25519MatchesRFC7748() throws {
        let scalar = X25519PrivateKey(rawRepresentation: secure(hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4")))
        let u = X25519PublicKey(rawRepresentation: hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"))!
        #expect(try scalar.sharedSecret(with: u).array == hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"))

        let alice = X25519PrivateKey(rawRepresentation: secure(hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")))
        let bob = X25519PrivateKey(rawRepresentation: secure(hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")))
        #expect(try alice.publicKey().rawRepresentation == hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"))
        #expect(try bob.publicKey().rawRepresentation == hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"))
        let shared = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
        #expect(try alice.sharedSecret(with: bob.publicKey()).array == shared)
        #expect(try bob.sharedSecret(with: alice.publicKey()).array == shared)
    }

    @Test func x25519RefusesALowOrderPeer() throws {
        let key = try X25519PrivateKey.generate()
        let zero = X25519PublicKey(rawRepresentation: [UInt8](repeating: 0, count: 32))!
        #expect(throws: VaultError.cryptoFailure) { _ = try key.sharedSecret(with: zero) }
    }

    /// RFC 5869 appendix A, test cases 1 and 3 (SHA-256).
    @Test func hkdfMatchesRFC5869() throws {
        let ikm = secure([UInt8](repeating: 0x0b, count: 22))
        let okm1 = HKDF.sha256(key: ikm, salt: hex("000102030405060708090a0b0c"), info: hex("f0f1f2f3f4f5f6f7f8f9"), outputCount: 42)
        #expect(okm1.array == hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"))
        let okm3 = HKDF.sha256(key: ikm, salt: [], info: [], outputCount: 42)
        #expect(okm3.array == hex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"))
    }

    /// RFC 7914 §12, the first two vectors (the others take seconds each).
    @Test func scryptMatchesRFC7914() throws {
        let empty = try Scrypt.derive(passphrase: secure([]), salt: [], parameters: ScryptParameters(logN: 4, r: 1, p: 1), outputCount: 64)
        #expect(empty.array == hex("""
            77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442
            fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906
            """))
        let salted = try Scrypt.derive(passphrase: secure(Array("password".utf8)), salt: Array("NaCl".utf8),
                                       parameters: ScryptParameters(logN: 10, r: 8, p: 16), outputCount: 64)
        #expect(salted.array == hex("""
            fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162
            2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640
            """))
    }

    /// FIPS 180-2 examples: "abc", the empty string, and one million "a".
    @Test func sha256MatchesFIPS180() {
        #expect(SHA256Digest(hashing: Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest(hashing: [UInt8]()).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let million = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(SHA256Digest(hashing: million).hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
