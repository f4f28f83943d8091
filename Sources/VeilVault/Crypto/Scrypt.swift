internal import Crypto
internal import _CryptoExtras
import Foundation

/// scrypt cost parameters (RFC 7914). Stored with every passphrase-protected record.
public struct ScryptParameters: Hashable, Sendable, Codable {
    /// log2 of the CPU/memory cost N.
    public var logN: Int
    /// Block size r.
    public var r: Int
    /// Parallelism p.
    public var p: Int

    public init(logN: Int, r: Int, p: Int) {
        self.logN = logN
        self.r = r
        self.p = p
    }

    /// N = 2^15, r = 8, p = 1: 32 MiB and roughly 0.1 s per derivation here. The default.
    public static let standard = ScryptParameters(logN: 15, r: 8, p: 1)
    /// N = 2^10, r = 8, p = 1: for tests only; far too cheap to protect a real key.
    public static let testingOnly = ScryptParameters(logN: 10, r: 8, p: 1)

    /// Parameters a stored record may carry: bounded so an edited file cannot make the
    /// vault allocate gigabytes or spin for minutes. Each range alone is not enough (N = 2^20
    /// with r = 32 is 4 GiB), so memory (128·N·r) is capped at 256 MiB, 8× the default, and
    /// work (N·r·p) at 16× the default's.
    package var isAcceptable: Bool {
        guard (10...20).contains(logN), (1...32).contains(r), (1...16).contains(p) else { return false }
        let blocks = (1 << logN) * r
        return 128 * blocks <= Self.maximumMemory && blocks * p <= Self.maximumWork
    }

    static let maximumMemory = 256 << 20
    static let maximumWork = 16 * (1 << 15) * 8
}

/// scrypt through `_CryptoExtras`' `KDF.Scrypt`.
enum Scrypt {
    static func derive(passphrase: borrowing SecureBytes, salt: [UInt8], parameters: ScryptParameters,
                       outputCount: Int = 32) throws -> SecureBytes {
        let key = try CryptoFailure.mapping("KDF.Scrypt(N=2^\(parameters.logN), r=\(parameters.r), p=\(parameters.p))") {
            try passphrase.withUnsafeBytes { passphrase in
                try KDF.Scrypt.deriveKey(from: passphrase, salt: salt, outputByteCount: outputCount,
                                         rounds: 1 << parameters.logN, blockSize: parameters.r, parallelism: parameters.p)
            }
        }
        return SecureBytes(copyingKey: key)
    }
}

extension Passphrase {
    /// The scrypt hash of this passphrase with `salt`: for password hashes kept outside the
    /// vault (the console's users), so they use the officers' KDF without seeing its key bytes.
    package func scryptHash(salt: [UInt8], parameters: ScryptParameters, outputCount: Int = 32) throws -> [UInt8] {
        try Scrypt.derive(passphrase: bytes, salt: salt, parameters: parameters, outputCount: outputCount).withUnsafeBytes { Array($0) }
    }
}
