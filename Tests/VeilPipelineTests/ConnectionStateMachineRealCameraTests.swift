import Foundation
import Testing
import VeilMedia
import VeilPipeline
import VeilTestSupport

/// The connection state machine driving a real `Demuxer` against the real camera while it goes
/// away, comes back and freezes: it reconnects each time and records one gap per outage.
/// A fast backoff (50 ms doubling to 200 ms) keeps each test to a few seconds.
@Suite(.serialized) struct ConnectionStateMachineRealCameraTests {
    static let fast = Backoff(base: .milliseconds(50), cap: .milliseconds(200))

    @Test func killedAndRestartedCameraIsReconnectedWithTheGapRecorded() throws {
        let server = try RTSPTestServer()
        var reader = SupervisedReader(url: server.url(), readTimeout: .seconds(2), backoff: Self.fast)
        var killedAfter: Int?
        try reader.run(limit: .seconds(20)) { log in
            if killedAfter == nil && log.packets.count == 25 {
                server.kill()
                killedAfter = log.packets.count
            }
            // Bring the camera back only after a reconnection attempt has failed.
            if !log.failures.isEmpty && !server.isRunning { try server.restart() }
            return log.gaps.count == 1 && log.packets.count >= (killedAfter ?? 0) + 10
        }
        let log = reader.log
        #expect(log.failures.first == .unreachable)
        #expect(reader.machine.reconnectCount == 1)
        #expect(reader.machine.state == .stopped)
        let gap = try #require(log.gaps.first)
        // The gap runs from the last packet before the outage to the first one after it.
        let lastBefore = try #require(log.packets.last(where: { $0 <= gap.from }))
        let firstAfter = try #require(log.packets.first(where: { $0 > gap.from }))
        #expect(gap.from == lastBefore && gap.to == firstAfter)
        #expect(gap.to - gap.from > .milliseconds(100), "an outage with a failed reconnection cannot be shorter")
    }

    @Test func frozenCameraIsDetectedAndReconnectedAfterItThaws() throws {
        let server = try RTSPTestServer()
        var reader = SupervisedReader(url: server.url(), readTimeout: .seconds(1), backoff: Self.fast)
        var frozen = false, thawed = false
        try reader.run(limit: .seconds(20)) { log in
            if !frozen && log.packets.count == 25 {
                server.stop()
                frozen = true
            }
            // Thaw once the reader has given up on the frozen connection.
            if frozen && !thawed && !log.backoffs.isEmpty {
                server.resume()
                thawed = true
            }
            return log.gaps.count == 1
        }
        #expect(reader.machine.reconnectCount >= 1)
        #expect(reader.log.gaps.count == 1)
    }

    @Test func refusedCredentialsAreNotRetriedInAHotLoop() throws {
        let server = try RTSPTestServer(credentials: .init(user: "viewer", password: "s3cret"))
        var reader = SupervisedReader(url: server.url(user: "viewer", password: "wrong"), readTimeout: .seconds(2),
                                      backoff: Self.fast)
        // The real refusal schedule: after the first refusal the reader must wait at least 15 s.
        reader.machine = .init(backoff: Self.fast, random: { 0 })
        try reader.run(limit: .seconds(10)) { log in !log.failures.isEmpty }
        #expect(reader.log.failures == [.authenticationRefused])
        #expect(reader.log.actions.last == .reportRefused(.authenticationRefused, retryIn: .seconds(15)))
        #expect(reader.log.backoffs.isEmpty, "stopped before sleeping: no second attempt within the test")
    }
}
