import Foundation
import HummingbirdTesting
import NIOCore
import Testing
import VeilArchive
@testable import VeilWeb
import VeilCore
import HTTPTypes

/// The occupancy panel's API serves the stored aggregates exactly as `veil occupancy --format
/// json` prints them: small counts stay coarsened, and only logged-in staff see them.
@Suite struct OccupancyRouteTests {
    @Test func theAggregatesAreServedAsStoredAndCoarsened() async throws {
        let fixture = try ConsoleFixture()
        let start = Date(timeIntervalSince1970: 1_796_000_400)
        let catalog = try Catalog(dataDirectory: fixture.dataDirectory)
        try catalog.recordOccupancy([
            IntervalFigures(camera: "room", subject: .zone("desk"), measures: .people, start: start, end: start + 300,
                            meanPeople: 4.5, maxPeople: 7),
            IntervalFigures(camera: "room", subject: .line("door"), measures: .crossings, start: start, end: start + 300,
                            entries: 1, exits: 5),
        ], minimumCount: 3)
        let expected = try JSONEncoder().encode(try catalog.occupancy(camera: "room", from: start, to: start + 300))
        try await fixture.application.test(.router) { client in
            let query = "/api/occupancy?camera=room&from=2026-11-30T00:00:00Z&to=2026-11-30T23:59:59Z"
            #expect(try await client.execute(uri: query, method: .get).status == .unauthorized)
            let viewer = try await fixture.logIn(client, as: "viewer")
            let response = try await client.execute(uri: query, method: .get, headers: [.cookie: viewer.cookie])
            #expect(response.status == .ok)
            let served = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
            #expect(served.count == 2)
            #expect(served.first { $0["line"] as? String == "door" }?["entries"] as? String == "<3")
            #expect(served.first { $0["zone"] as? String == "desk" }?["maxPeople"] as? Int == 7)
            let same = try JSONSerialization.jsonObject(with: expected) as? [[String: Any]]
            #expect(same?.count == served.count)
            let other = try await client.execute(uri: "/api/occupancy?camera=nowhere&from=-1d&to=now", method: .get,
                                                 headers: [.cookie: viewer.cookie])
            #expect(other.status == .notFound)
        }
    }
}
