/// Why an export or a verification failed. A struct around a private code so new cases never
/// break callers; compare with the static members (`error == .noFootage`) and show
/// `description`, which says what failed, on which input, and what to do.
public struct ExportError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Code: String, Hashable, Sendable {
        case unknownCamera, emptyRange, noFootage, outputExists, outputFolderMissing, noSpace, exactCutImpossible
        case unreadableSegment, manifestUnreadable, manifestFieldMissing, clipDiffers, signatureInvalid, noPublicKey
    }

    let code: Code
    public let description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// Equality compares the kind of failure only, not its message.
    public static func == (lhs: ExportError, rhs: ExportError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The catalog has no redacted segment of that camera at all.
    public static let unknownCamera = ExportError(.unknownCamera, "unknown camera")
    /// `to` is not after `from`.
    public static let emptyRange = ExportError(.emptyRange, "empty range")
    /// The camera has footage, but none in the range.
    public static let noFootage = ExportError(.noFootage, "no footage in range")
    /// The output (or its manifest) exists and `force` was not given.
    public static let outputExists = ExportError(.outputExists, "output exists")
    /// The folder the output would go in does not exist.
    public static let outputFolderMissing = ExportError(.outputFolderMissing, "output folder missing")
    /// The output's file system filled up while the clip was written (nothing was left behind).
    public static let noSpace = ExportError(.noSpace, "no space for the output")
    /// `--exact` cannot re-encode the partial GOPs so that they share the clip's track (the
    /// segments are not H.264, or were encoded with settings that cannot be reproduced).
    public static let exactCutImpossible = ExportError(.exactCutImpossible, "exact cut impossible")
    /// A catalogued segment file is missing or unreadable.
    public static let unreadableSegment = ExportError(.unreadableSegment, "segment unreadable")
    /// The manifest is missing or not JSON.
    public static let manifestUnreadable = ExportError(.manifestUnreadable, "manifest unreadable")
    /// A required manifest field is absent or of the wrong type.
    public static let manifestFieldMissing = ExportError(.manifestFieldMissing, "manifest field missing")
    /// The clip's size or SHA-256 is not the manifest's.
    public static let clipDiffers = ExportError(.clipDiffers, "clip differs from manifest")
    /// The manifest's signature does not verify.
    public static let signatureInvalid = ExportError(.signatureInvalid, "signature invalid")
    /// No public key to check the signature with.
    public static let noPublicKey = ExportError(.noPublicKey, "no public key")
}
