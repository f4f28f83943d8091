/// Why an unlock was refused. A struct around a private code so new cases never break
/// callers; compare with the static members (`error == .shredded`) and show `description`,
/// which says what failed, on which camera and range, and what to do.
public struct UnlockError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Code: String, Hashable, Sendable {
        case missingReason, emptyRange, noFootage, shredded, missingFiles, outputExists, outputFolderMissing, noSpace
        case unreadableSegment, formatChanged
    }

    let code: Code
    public let description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// Equality compares the kind of failure only, not its message.
    public static func == (lhs: UnlockError, rhs: UnlockError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// No reason (or only blanks) was given for opening raw footage.
    public static let missingReason = UnlockError(.missingReason, "missing reason")
    /// `to` is not after `from`.
    public static let emptyRange = UnlockError(.emptyRange, "empty range")
    /// The range holds no raw footage at all (live, shredded or missing).
    public static let noFootage = UnlockError(.noFootage, "no raw footage in range")
    /// Part of the range was shredded and `partial` was not given (or nothing else is left).
    public static let shredded = UnlockError(.shredded, "range shredded")
    /// Part of the range has no raw file any more (catalogued `missing`) and `partial` was not
    /// given (or nothing else is left); nothing in it is shredded.
    public static let missingFiles = UnlockError(.missingFiles, "raw segment files missing")
    /// The output exists and `force` was not given.
    public static let outputExists = UnlockError(.outputExists, "output exists")
    /// The folder the output would go in does not exist.
    public static let outputFolderMissing = UnlockError(.outputFolderMissing, "output folder missing")
    /// The output's file system filled up while the footage was written (nothing was left behind).
    public static let noSpace = UnlockError(.noSpace, "no space for the output")
    /// A decrypted raw segment cannot be demuxed or remuxed.
    public static let unreadableSegment = UnlockError(.unreadableSegment, "raw segment unreadable")
    /// The camera's tracks changed between segments of the range.
    public static let formatChanged = UnlockError(.formatChanged, "tracks changed")
}
