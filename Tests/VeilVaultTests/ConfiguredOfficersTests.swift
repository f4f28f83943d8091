import Foundation
import Testing
@testable import VeilVault

/// The YAML's `officers:` list: new epoch keys are wrapped to the active officers it names,
/// to every active officer when it names none, and never to a name that is not registered.
@Suite struct ConfiguredOfficersTests {
    func vault(_ fixture: VaultFixture, naming officers: [String]) throws -> Vault {
        var configuration = fixture.configuration
        configuration.officers = officers
        return try Vault.open(configuration: configuration, clock: fixture.clock)
    }

    @Test func aNewEpochIsWrappedOnlyToTheOfficersTheConfigurationNames() throws {
        let fixture = try VaultFixture()
        let vault = try vault(fixture, naming: ["alice"])
        let segment = try fixture.record([1, 2, 3], vault: vault)
        #expect(try fixture.wrappedOfficers(segment: segment) == ["alice"])
        #expect(try fixture.openSegment(segment, officer: "alice", vault: vault) == [1, 2, 3])
        #expect(vaultError { _ = try fixture.openSegment(segment, officer: "bob", vault: vault) } == .notWrappedForOfficer)
    }

    @Test func anEmptyListMeansEveryActiveOfficer() throws {
        let fixture = try VaultFixture()
        let segment = try fixture.record([4, 5], vault: try vault(fixture, naming: []))
        #expect(try fixture.wrappedOfficers(segment: segment) == ["alice", "bob"])
    }

    @Test func namesNoneOfWhomIsRegisteredAreRefusedBeforeAnyKeyIsMade() throws {
        let fixture = try VaultFixture()
        let vault = try vault(fixture, naming: ["carol"])
        let error = try #require(throws: VaultError.self) { _ = try fixture.record([6], vault: vault) }
        #expect(error.code == .noOfficers && error.description.contains("carol"))
        #expect(!FileManager.default.fileExists(atPath: fixture.layout.epochKey(camera: "cam1", epoch: EpochID(start: EpochWindow.start(containing: fixture.clock.now(), length: 3600)))))
    }
}
