/// Every failure the vault reports. A struct around a private code, so new cases never
/// break callers; compare with the static members (`error == .wrongPassphrase`), read
/// `description` for what failed, on which file/officer/epoch, and what to do.
public struct VaultError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Code: String, Hashable, Sendable {
        case cryptoFailure, ioFailure, invalidArgument
        case badMagic, unsupportedVersion, headerCorrupt, headerTampered
        case chunkAuthenticationFailed, truncated, trailingData, chunkOutOfRange
        case wrongPassphrase, unknownOfficer, officerExists, noOfficers, notWrappedForOfficer, lastOfficer, officerRemoved
        case keyRecordMissing, keyRecordCorrupt, keyRecordTampered
        case epochShredded, epochExpired
        case holdRejected, asOfInPast, auditLogCorrupt
        case userExists, unknownUser
    }

    let code: Code
    /// What failed, on which input, and what to do about it.
    public let description: String

    /// `package`: the console's user store (VeilStaff) reports its failures as vault errors, since its
    /// records are vault record files.
    package init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// Equality compares the kind of failure only, not its context.
    public static func == (lhs: VaultError, rhs: VaultError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// `veil user add` of a name already taken.
    public static let userExists = VaultError(.userExists, "console user exists")
    /// A console user name no record has.
    public static let unknownUser = VaultError(.unknownUser, "unknown console user")
    /// swift-crypto failed (unexpected library state) or a key was unusable (a low-order X25519 point); the message says which.
    public static let cryptoFailure = VaultError(.cryptoFailure, "cryptographic library failure")
    /// A file system operation failed; the message names the path and errno text.
    public static let ioFailure = VaultError(.ioFailure, "I/O failure")
    /// A caller-supplied value (name, time, size) is not acceptable.
    public static let invalidArgument = VaultError(.invalidArgument, "invalid argument")
    /// The file does not start with the sealed-segment magic: not a Veil sealed segment.
    public static let badMagic = VaultError(.badMagic, "not a sealed segment")
    /// The sealed segment uses a format version this build cannot read.
    public static let unsupportedVersion = VaultError(.unsupportedVersion, "unsupported version")
    /// The header cannot be parsed (lengths or fields out of range).
    public static let headerCorrupt = VaultError(.headerCorrupt, "header corrupt")
    /// The header parsed but failed authentication or does not match the epoch key.
    public static let headerTampered = VaultError(.headerTampered, "header tampered")
    /// A chunk failed authentication: flipped bit, reordered or spliced chunk, or cut mid-chunk.
    public static let chunkAuthenticationFailed = VaultError(.chunkAuthenticationFailed, "chunk failed authentication")
    /// The stream ends without its final chunk.
    public static let truncated = VaultError(.truncated, "truncated")
    /// Data follows the chunk marked final (extension).
    public static let trailingData = VaultError(.trailingData, "data after final chunk")
    /// A chunk index outside the segment was requested.
    public static let chunkOutOfRange = VaultError(.chunkOutOfRange, "chunk index out of range")
    /// The passphrase does not decrypt the officer's private key.
    public static let wrongPassphrase = VaultError(.wrongPassphrase, "wrong passphrase")
    /// No officer of that name is registered in the vault.
    public static let unknownOfficer = VaultError(.unknownOfficer, "unknown officer")
    /// An officer of that name is already registered.
    public static let officerExists = VaultError(.officerExists, "officer exists")
    /// No officer is registered, so no epoch key can be created (nobody could ever open it).
    public static let noOfficers = VaultError(.noOfficers, "no officers")
    /// Removing this officer would leave none to wrap new epochs to; add another officer first.
    public static let lastOfficer = VaultError(.lastOfficer, "last officer")
    /// The officer was removed: already removed, or asked to do what only active officers may (a hold).
    public static let officerRemoved = VaultError(.officerRemoved, "officer removed")
    /// The epoch key was created before this officer was added and is not wrapped to them.
    public static let notWrappedForOfficer = VaultError(.notWrappedForOfficer, "epoch key not wrapped for officer")
    /// No key record exists for the camera and epoch (and no tombstone either).
    public static let keyRecordMissing = VaultError(.keyRecordMissing, "key record missing")
    /// A key, officer or tombstone record cannot be parsed.
    public static let keyRecordCorrupt = VaultError(.keyRecordCorrupt, "key record corrupt")
    /// A record's checksum or authenticated binding does not match its content.
    public static let keyRecordTampered = VaultError(.keyRecordTampered, "key record tampered")
    /// The epoch key was destroyed by retention; its raw footage is unrecoverable.
    public static let epochShredded = VaultError(.epochShredded, "epoch shredded")
    /// The epoch is past its expiry and awaits shredding; it can no longer be opened.
    public static let epochExpired = VaultError(.epochExpired, "epoch expired")
    /// A legal hold was refused (would not extend, exceeds the maximum, epoch gone).
    public static let holdRejected = VaultError(.holdRejected, "hold rejected")
    /// A sweep was asked to run as of a time before now (it may shred earlier, never later).
    public static let asOfInPast = VaultError(.asOfInPast, "as-of time in the past")
    /// The audit log cannot be appended to because its last entry is unreadable.
    public static let auditLogCorrupt = VaultError(.auditLogCorrupt, "audit log corrupt")
}
