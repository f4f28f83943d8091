internal import COpenSSL

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
    var isAcceptable: Bool {
        guard (10...20).contains(logN), (1...32).contains(r), (1...16).contains(p) else { return false }
        let blocks = (1 << logN) * r
        return 128 * blocks <= Self.maximumMemory && blocks * p <= Self.maximumWork
    }

    static let maximumMemory = 256 << 20
    static let maximumWork = 16 * (1 << 15) * 8

    /// Memory scrypt needs (128·N·r·p plus 128·r·p), with headroom for OpenSSL's check.
    var memoryBound: UInt64 { UInt64(128 * r) * (UInt64(1) << UInt64(logN) + UInt64(p) + 2) + 1 << 20 }
}

/// scrypt through `EVP_PBE_scrypt`.
enum Scrypt {
    static func derive(passphrase: borrowing SecureBytes, salt: [UInt8], parameters: ScryptParameters,
                       outputCount: Int = 32) throws -> SecureBytes {
        let output = SecureBytes(count: outputCount)
        let ok = passphrase.withUnsafeBytes { pass in
            output.withUnsafeMutableBytes { out in
                EVP_PBE_scrypt(pass.baseAddress?.assumingMemoryBound(to: CChar.self), pass.count, salt, salt.count,
                               UInt64(1) << UInt64(parameters.logN), UInt64(parameters.r), UInt64(parameters.p),
                               parameters.memoryBound, out.baseAddress!.assumingMemoryBound(to: UInt8.self), outputCount)
            }
        }
        guard ok == 1 else { throw OpenSSL.failure("EVP_PBE_scrypt(N=2^\(parameters.logN), r=\(parameters.r), p=\(parameters.p))") }
        return output
    }
}
