internal import COpenSSL

/// HKDF-SHA256 (RFC 5869) through `EVP_PKEY_HKDF` and the `EVP_PKEY_CTX_set_hkdf_*`
/// functions, which copy their inputs (no `OSSL_PARAM` strings that could dangle).
enum HKDF {
    static func sha256(key: borrowing SecureBytes, salt: [UInt8], info: [UInt8], outputCount: Int) throws -> SecureBytes {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nil) else { throw OpenSSL.failure("EVP_PKEY_CTX_new_id(HKDF)") }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_derive_init(context) == 1 else { throw OpenSSL.failure("EVP_PKEY_derive_init(HKDF)") }
        guard EVP_PKEY_CTX_set_hkdf_md(context, EVP_sha256()) == 1 else { throw OpenSSL.failure("EVP_PKEY_CTX_set_hkdf_md") }
        // An empty salt means "HashLen zeros" (RFC 5869 §2.2); OpenSSL treats a missing salt the same way.
        if !salt.isEmpty {
            guard EVP_PKEY_CTX_set1_hkdf_salt(context, salt, Int32(salt.count)) == 1 else { throw OpenSSL.failure("EVP_PKEY_CTX_set1_hkdf_salt") }
        }
        let keyOK = key.withUnsafeBytes { EVP_PKEY_CTX_set1_hkdf_key(context, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32($0.count)) }
        guard keyOK == 1 else { throw OpenSSL.failure("EVP_PKEY_CTX_set1_hkdf_key") }
        if !info.isEmpty {
            guard EVP_PKEY_CTX_add1_hkdf_info(context, info, Int32(info.count)) == 1 else { throw OpenSSL.failure("EVP_PKEY_CTX_add1_hkdf_info") }
        }
        let output = SecureBytes(count: outputCount)
        var length = outputCount
        let ok = output.withUnsafeMutableBytes { EVP_PKEY_derive(context, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), &length) }
        guard ok == 1, length == outputCount else { throw OpenSSL.failure("EVP_PKEY_derive(HKDF)") }
        return output
    }
}
