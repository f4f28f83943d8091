import Foundation
import VeilCore

/// `vault/epochs/<camera>/<epoch>.key`: one epoch's public key, its private key wrapped to
/// every officer registered when it was created, its expiry and any legal holds.
struct EpochKeyRecord: Codable {
    static let formatName = "veil-epoch-key-v1"

    struct WrappedKey: Codable {
        var officer: String
        var officerPublicKey: String
        var ephemeralPublicKey: String
        var sealed: String
    }

    struct Hold: Codable {
        var officer: String
        var reason: String
        var until: Int64
        var placedAt: Int64
    }

    var format: String
    var camera: String
    var epoch: String
    var startsAt: Int64
    var endsAt: Int64
    var createdAt: Int64
    /// `endsAt + raw retention`, fixed at creation.
    var retentionExpiresAt: Int64
    /// When the key is shredded: `retentionExpiresAt`, or the latest hold's end.
    var expiresAt: Int64
    var publicKey: String
    var holds: [Hold]
    var wrappedKeys: [WrappedKey]

    var epochID: EpochID { EpochID(rawValue: epoch)! }

    /// Associated data of each wrap: everything that identifies the key and the recipient.
    static func associatedData(camera: String, epoch: EpochID, startsAt: Int64, endsAt: Int64,
                               publicKey: X25519PublicKey, officer: String, officerPublicKey: X25519PublicKey) -> [UInt8] {
        Canonical.encode([Array(formatName.utf8), Array(camera.utf8), Array(epoch.rawValue.utf8),
                          Canonical.bytes(startsAt), Canonical.bytes(endsAt), publicKey.rawRepresentation,
                          Array(officer.utf8), officerPublicKey.rawRepresentation])
    }

    /// Checks structure and that the record sits at the path its camera and epoch name.
    func validated(path: String, layout: VaultLayout) throws -> EpochPublicKey {
        let bad = { (what: String) in
            VaultError(.keyRecordCorrupt, "epoch key record \(path) is invalid (\(what)). Restore it from a backup; the vault refuses to run with it.")
        }
        guard format == Self.formatName else { throw bad("format '\(format)' is not \(Self.formatName)") }
        guard (try? Identifier.validateCamera(camera, what: "camera")) != nil, let id = EpochID(rawValue: epoch),
              layout.epochKey(camera: camera, epoch: id) == path else {
            throw VaultError(.keyRecordTampered, "epoch key record \(path) names camera '\(camera)' epoch '\(epoch)', which does not match its location. It was moved or edited; restore it from a backup.")
        }
        guard let key = Hex.decode(publicKey).flatMap(X25519PublicKey.init(rawRepresentation:)) else { throw bad("public key") }
        guard Canonical.areRepresentable(startsAt, endsAt, createdAt, retentionExpiresAt, expiresAt),
              holds.allSatisfy({ Canonical.areRepresentable($0.until, $0.placedAt) }) else { throw bad("a time outside years 1–9999") }
        guard startsAt < endsAt, endsAt <= retentionExpiresAt, retentionExpiresAt <= expiresAt else { throw bad("times out of order") }
        guard !wrappedKeys.isEmpty, wrappedKeys.allSatisfy({ Hex.decode($0.sealed)?.count == 48 }) else { throw bad("wrapped keys") }
        return EpochPublicKey(camera: camera, epoch: id, startsAt: Canonical.date(startsAt), endsAt: Canonical.date(endsAt),
                              expiresAt: Canonical.date(expiresAt), publicKey: key)
    }
}

/// `vault/tombstones/<camera>/<epoch>.tomb`: what a shredded epoch was and when it went.
struct Tombstone: Codable {
    static let formatName = "veil-tombstone-v1"

    var format: String
    var camera: String
    var epoch: String
    var startsAt: Int64
    var endsAt: Int64
    var expiresAt: Int64
    var shreddedAt: Int64
    /// Raw segment files deleted; `nil` while deletion is still pending (retried by the sweeper).
    var rawSegmentsDeleted: Int?

    var summary: String {
        "camera '\(camera)' epoch \(epoch) (\(Timestamps.format(Canonical.date(startsAt))) to \(Timestamps.format(Canonical.date(endsAt)))) was shredded at \(Timestamps.format(Canonical.date(shreddedAt))) when its retention expired"
    }
}
