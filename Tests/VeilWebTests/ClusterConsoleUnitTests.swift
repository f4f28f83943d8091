import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
@testable import VeilWeb

/// The console's cluster parts that need no second node: the peer routes refuse everyone on a
/// machine alone, and the cluster directory is read from the database at most once a second.
@Suite struct ClusterConsoleUnitTests {
    @Test func onAMachineAlonePeerRoutesAreRefusedEvenToALoggedInAdmin() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.application.test(.router) { client in
            let admin = try await fixture.logIn(client, as: "admin")
            for path in ["/cluster/v1/cameras", "/cluster/v1/cameras/room/live.m3u8", "/cluster/v1/cameras/room/recorded/1/media.m4s"] {
                let response = try await client.execute(uri: path, method: .get, headers: [.cookie: admin.cookie])
                #expect(response.status == .forbidden, "\(path)")
                #expect(String(buffer: response.body).contains("not in a cluster"), "\(path)")
            }
        }
        #expect(AccessRule.of(method: .get, path: "/cluster/v1/cameras") == .peer)
    }

    @Test func theNodeListAndCameraHoldersAreReadAtMostOnceASecond() async throws {
        let clock = TestClock()
        let database = CountingCluster()
        let cached = CachedConsoleCluster(database, maximumAge: 1, now: { clock.now })
        for _ in 0..<5 {
            _ = try await cached.nodes()
            _ = try await cached.cameras()
        }
        #expect(database.reads.withLock { $0 } == ["nodes": 1, "cameras": 1])
        clock.advance(1.5)
        _ = try await cached.nodes()
        _ = try await cached.footage(camera: "room", overlapping: clock.now..<clock.now)
        _ = try await cached.footage(camera: "room", overlapping: clock.now..<clock.now)
        #expect(database.reads.withLock { $0 } == ["nodes": 2, "cameras": 1, "footage": 2])
    }

    @Test func fingerprintsCompareInEitherForm() {
        let colons = "AB:CD:EF:01"
        #expect(NodeFingerprint.normalized(colons) == "abcdef01")
        #expect(NodeFingerprint.display("abcdef01") == colons)
    }
}

/// Counts the reads that would reach the database.
private final class CountingCluster: ConsoleCluster {
    let reads = Mutex<[String: Int]>([:])
    var nodeName: String { "here" }

    private func count(_ what: String) { reads.withLock { $0[what, default: 0] += 1 } }

    func nodes() async throws -> [ConsoleNode] {
        count("nodes")
        return [ConsoleNode(name: "here", advertise: "https://127.0.0.1:1", certificateSHA256: "00", isActive: true)]
    }

    func cameras() async throws -> [ConsoleCameraHolding] {
        count("cameras")
        return [ConsoleCameraHolding(camera: "room", node: "here", isValid: true)]
    }

    func footage(camera: String, overlapping range: Range<Date>) async throws -> [ConsoleSegment] {
        count("footage")
        return []
    }

    func gaps(camera: String, overlapping range: Range<Date>) async throws -> [ConsoleGap] { [] }
}

private extension String {
    init(buffer: ByteBuffer) { self.init(decoding: buffer.readableBytesView, as: UTF8.self) }
}
