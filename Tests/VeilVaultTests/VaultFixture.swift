import Foundation
import Testing
import VeilCore
@testable import VeilVault
import VeilTestSupport

/// A clock tests move by hand.
final class ManualClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    func now() -> Date { lock.withLock { current } }
    func set(_ date: Date) { lock.withLock { current = date } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// A data directory with a vault, two officers (alice, bob) and a manual clock starting
/// at 2027-01-15T08:20:00Z (epoch 20270115T080000Z, expires 2027-01-16T09:00:00Z).
final class VaultFixture {
    static let start = Date(timeIntervalSince1970: 1_800_000_000 - 1_800_000_000.truncatingRemainder(dividingBy: 3600) + 1200)
    static let alicePassphrase = "correct horse battery staple"
    static let bobPassphrase = "bob's long enough passphrase"

    let dir: TemporaryDirectory
    let clock: ManualClock
    let configuration: VaultConfiguration

    init(officers: Bool = true, maximumHold: TimeInterval = 30 * 86_400) throws {
        dir = try TemporaryDirectory()
        clock = ManualClock(Self.start)
        configuration = VaultConfiguration(dataDirectory: dir.path, maximumHold: maximumHold, officerKeyDerivation: .testingOnly)
        if officers {
            let vault = try open()
            try vault.addOfficer(name: "alice", passphrase: Passphrase(Self.alicePassphrase), actor: "test")
            try vault.addOfficer(name: "bob", passphrase: Passphrase(Self.bobPassphrase), actor: "test")
        }
    }

    func open() throws -> Vault { try Vault.open(configuration: configuration, clock: clock) }

    var layout: VaultLayout { VaultLayout(dataDirectory: dir.path) }

    /// Seals `input` as a raw segment of `camera` at the current time; returns its path.
    func record(_ input: [UInt8], camera: String = "cam1", vault: Vault) throws -> String {
        let now = clock.now()
        let epoch = try vault.currentEpoch(camera: camera, at: now)
        let seconds = Int(now.timeIntervalSince1970)
        let path = dir.path + "/raw/\(camera)/day/\(seconds).veilraw"
        let writer = try SealedSegmentWriter(path: path, epoch: epoch, segmentStart: now)
        try writer.write(input)
        try writer.finish()
        return path
    }

    /// The officers the epoch key of the segment at `path` is wrapped to, in record order.
    func wrappedOfficers(segment path: String) throws -> [String] {
        let header = try SealedSegmentHeader.read(from: path)
        let record = layout.epochKey(camera: header.camera, epoch: header.epoch)
        return try RecordFile.read(EpochKeyRecord.self, at: record, what: "epoch key record").wrappedKeys.map(\.officer)
    }

    func openSegment(_ path: String, officer: String = "alice", vault: Vault) throws -> [UInt8] {
        let passphrase = officer == "alice" ? Self.alicePassphrase : Self.bobPassphrase
        let key = try vault.unlockOfficer(name: officer, passphrase: Passphrase(passphrase))
        return try vault.openSegment(at: path, officer: key, reason: "test").readAll()
    }
}
