public import Foundation

/// What a sealing process holds for an epoch: its identity, time window, expiry and
/// public key. It can seal segments for the epoch but never open them.
public struct EpochPublicKey: Hashable, Sendable {
    public let camera: String
    public let epoch: EpochID
    /// Start of the epoch (inclusive).
    public let startsAt: Date
    /// End of the epoch (exclusive); segments starting at or after it belong to the next.
    public let endsAt: Date
    /// When the epoch key is shredded unless a legal hold extends it.
    public let expiresAt: Date
    public let publicKey: X25519PublicKey
}

/// An unwrapped epoch private key: opens every segment sealed to the epoch. Obtained only
/// through an officer's key; zeroised when destroyed or when it goes out of scope.
public struct EpochPrivateKey: ~Copyable {
    public let camera: String
    public let epoch: EpochID
    public let publicKey: X25519PublicKey
    let key: X25519PrivateKey

    init(camera: String, epoch: EpochID, publicKey: X25519PublicKey, key: consuming X25519PrivateKey) {
        self.camera = camera
        self.epoch = epoch
        self.publicKey = publicKey
        self.key = key
    }

    /// Zeroises the key now.
    public consuming func destroy() { key.destroy() }

    /// Test hook, see `SecureBytes.destroyForTesting`.
    consuming func destroyForTesting(_ inspect: (UnsafeRawBufferPointer) -> Void) { key.destroyForTesting(inspect) }
}
