public import Foundation

/// An officer's private key, decrypted with their passphrase. Opens the epoch keys wrapped
/// to this officer; zeroised when destroyed or when it goes out of scope.
public struct UnlockedOfficerKey: ~Copyable {
    public let name: String
    public let publicKey: X25519PublicKey
    let key: X25519PrivateKey

    /// Zeroises the key now.
    public consuming func destroy() { key.destroy() }
}

/// A registered officer as listed by the vault (public information only).
public struct Officer: Hashable, Sendable {
    public let name: String
    public let publicKey: X25519PublicKey
    public let createdAt: Date
    /// Set once the officer is removed: new epochs are no longer wrapped to them.
    public let removal: OfficerRemoval?

    /// Whether new epochs are wrapped to this officer.
    public var isActive: Bool { removal == nil }
}

/// When, by whom and why an officer was removed (`veil officer remove`).
public struct OfficerRemoval: Hashable, Sendable {
    public let at: Date
    public let by: String
    public let reason: String
}
