/// What makes a camera's certificate trusted. There is deliberately no "accept anything" case:
/// footage of people must not flow to whoever answers on the camera's address.
public enum TLSTrust: Sendable, Equatable {
    /// The chain must verify against the CA certificates in this PEM file, and the leaf must
    /// name the server (DNS name or IP address in its subjectAltName).
    case caFile(String)
    /// The leaf certificate's SHA-256 fingerprint (of its DER encoding) must equal this hex
    /// string; colons, spaces and case are ignored. For cameras with self-signed certificates:
    /// the pin identifies the one certificate, so neither chain nor name is checked.
    case pinnedSHA256(String)
    /// Both: the chain and name verify against the CA file, and the leaf matches the pin.
    case caFileAndPin(caFile: String, sha256: String)

    /// The CA file, when the chain is verified.
    var caFile: String? {
        switch self {
        case .caFile(let path), .caFileAndPin(let path, _): path
        case .pinnedSHA256: nil
        }
    }

    /// The pin as given, when one is configured.
    var pin: String? {
        switch self {
        case .pinnedSHA256(let pin), .caFileAndPin(_, let pin): pin
        case .caFile: nil
        }
    }

    /// The pin as 64 lowercase hex digits, or a configuration error that says what is wrong.
    func normalizedPin(camera: String) throws -> String? {
        guard let pin else { return nil }
        let digits = pin.filter { $0 != ":" && !$0.isWhitespace }.lowercased()
        guard digits.count == 64, digits.allSatisfy({ $0.isHexDigit }) else {
            throw TransportError(.configuration, camera: camera,
                                 "the pinned fingerprint \"\(pin)\" for camera \(camera) is not a SHA-256 digest (64 hex digits, colons allowed)")
        }
        return digits
    }
}
