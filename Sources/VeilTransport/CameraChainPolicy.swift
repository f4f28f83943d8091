import Foundation
import SwiftASN1
import X509

/// What a camera's certificate chain must satisfy when a CA file is configured, checked in the
/// order OpenSSL checked it before the relay moved to swift-nio: the chain itself (RFC 5280:
/// signatures, validity, CA constraints) up to a certificate of the CA file, then the name, then
/// the purpose (a leaf that lists extended key usages must list serverAuth).
///
/// `Verifier` only keeps each refusal's text; the policy also remembers which check refused the
/// first rejected chain, so that the error can say "not issued for" rather than "not signed by".
struct CameraChainPolicy: VerifierPolicy {
    enum Check: Sendable { case chain, name, purpose }

    private let chain = RFC5280Policy()
    private var name: ServerIdentityPolicy
    private let nameIsIPAddress: Bool
    /// The first refusal: which check, and the reason in OpenSSL's words where there is one.
    private(set) var firstRefusal: (check: Check, reason: String)?

    /// - Parameter serverName: the DNS name or IP address the leaf must carry in its subjectAltName
    ///   (a DNS name may also match the subject's common name when there is no subjectAltName).
    init(serverName: String, isIPAddress: Bool) {
        nameIsIPAddress = isIPAddress
        // An IP address is never compared with DNS names, nor a DNS name with IP addresses.
        name = isIPAddress ? ServerIdentityPolicy(serverHostname: nil, serverIP: serverName)
                           : ServerIdentityPolicy(serverHostname: serverName, serverIP: nil)
    }

    var verifyingCriticalExtensions: [ASN1ObjectIdentifier] {
        chain.verifyingCriticalExtensions + name.verifyingCriticalExtensions + [.X509ExtensionID.extendedKeyUsage]
    }

    mutating func chainMeetsPolicyRequirements(chain candidate: UnverifiedCertificateChain) -> PolicyEvaluationResult {
        // The commonest refusal, said as OpenSSL said it: RFC5280Policy would print whole certificates.
        let now = Date()
        for certificate in candidate {
            if now > certificate.notValidAfter { return refuse(.chain, "certificate has expired") }
            if now < certificate.notValidBefore { return refuse(.chain, "certificate is not yet valid") }
        }
        if case .failsToMeetPolicy(let reason) = chain.chainMeetsPolicyRequirements(chain: candidate) {
            return refuse(.chain, reason.description)
        }
        if case .failsToMeetPolicy = name.chainMeetsPolicyRequirements(chain: candidate) {
            return refuse(.name, nameIsIPAddress ? "IP address mismatch" : "hostname mismatch")
        }
        do {
            if let usages = try candidate.leaf.extensions.extendedKeyUsage, !usages.contains(.serverAuth) {
                return refuse(.purpose, "unsupported certificate purpose")
            }
        } catch {
            return refuse(.purpose, "unreadable extended key usage: \(error)")
        }
        return .meetsPolicy
    }

    private mutating func refuse(_ check: Check, _ reason: String) -> PolicyEvaluationResult {
        if firstRefusal == nil { firstRefusal = (check, reason) }
        return .failsToMeetPolicy(reason: reason)
    }
}
