import Foundation
import Testing
import VeilCore
@testable import VeilVault

/// The sweeper and key opening on the recorder's clock (`SteadyWallClock`) when the wall clock is
/// stepped an hour forward or back: a forward step never delays a shred, a backward step never
/// brings an expired key back.
@Suite struct ClockStepRetentionTests {
    static let expiry = RetentionTests.expiry

    /// Monotonic seconds that move only when told.
    final class Monotonic: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds: TimeInterval = 1000
        func read() -> TimeInterval { lock.withLock { seconds } }
        func advance(_ delta: TimeInterval) { lock.withLock { seconds += delta } }
    }

    struct Setup {
        let fixture: VaultFixture
        let monotonic = Monotonic()
        let clock: SteadyWallClock
        let vault: Vault
        let path: String
        let input: [UInt8]

        init() throws {
            fixture = try VaultFixture()
            let monotonic = self.monotonic
            clock = SteadyWallClock(wall: fixture.clock, monotonic: { monotonic.read() })
            vault = try Vault.open(configuration: fixture.configuration, clock: clock)
            input = try SecureRandom.bytes(count: 1000)
            path = try fixture.record(input, vault: vault)
        }

        /// The wall clock moves by `wall` seconds while the monotonic clock moves by `elapsed`.
        func move(wall: TimeInterval, elapsed: TimeInterval) {
            fixture.clock.advance(wall)
            monotonic.advance(elapsed)
        }
    }

    @Test func aStepForwardPastTheExpiryShredsAtTheNextSweep() throws {
        let setup = try Setup()
        let steps = StepLog()
        setup.clock.onStep { step, _ in steps.append(step) }
        #expect(try setup.vault.sweep().shredded.isEmpty)
        setup.move(wall: Self.expiry.timeIntervalSince(setup.fixture.clock.now()) + 60, elapsed: 1)
        let report = try setup.vault.sweep()
        #expect(report.shredded.count == 1, "expired by the new time: shredded without waiting for the old one")
        #expect(!FileManager.default.fileExists(atPath: setup.path))
        #expect(steps.all.count == 1 && steps.all.first.map { $0.seconds > 0 } == true)
    }

    @Test func aStepBackNeverRevivesAnExpiredKeyAndTheSweepStillShredsIt() throws {
        let setup = try Setup()
        // The clock reaches 5 s past the expiry and is read (a segment, an audit entry) …
        setup.move(wall: Self.expiry.timeIntervalSince(setup.fixture.clock.now()) + 5, elapsed: 1)
        _ = setup.clock.now()
        // … then steps an hour back before any sweep ran.
        setup.move(wall: -3600, elapsed: 1)
        #expect(setup.fixture.clock.now() < Self.expiry, "the wall clock alone says the key is live again")
        let refused = vaultError { _ = try setup.fixture.openSegment(setup.path, vault: setup.vault) }
        #expect(refused == .epochExpired, "an expired key stays expired")
        let report = try setup.vault.sweep()
        #expect(report.shredded.count == 1, "past its expiry by the highest wall time seen: shredded")
        #expect(!FileManager.default.fileExists(atPath: setup.path))
        // Once shredded, gone: further back still, nothing opens and nothing seals to that epoch.
        setup.move(wall: -3600, elapsed: 1)
        #expect(vaultError { _ = try setup.fixture.openSegment(setup.path, vault: setup.vault) } != nil)
        let epoch = EpochID(start: EpochWindow.start(containing: VaultFixture.start, length: setup.fixture.configuration.epochLength))
        #expect(vaultError { _ = try setup.vault.epoch(camera: "cam1", epoch: epoch) } == .epochShredded)
    }
}

/// Steps reported by a clock, collected across threads.
final class StepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var steps: [SteadyWallTime.Step] = []
    func append(_ step: SteadyWallTime.Step) { lock.withLock { steps.append(step) } }
    var all: [SteadyWallTime.Step] { lock.withLock { steps } }
}
