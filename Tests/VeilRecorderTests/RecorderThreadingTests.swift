import Foundation
import Logging
import Synchronization
import Testing
import VeilRecorder
import VeilTestSupport
import VeilArchive

/// The recorder's `start` and `stop` are thread work: `veil record` reaches them through NIO's
/// blocking pool, so they must never need one of Swift's cooperative threads themselves.
@Suite(.timeLimit(.minutes(10))) struct RecorderThreadingTests {
    @Test func startAndStopNeverWaitOnSwiftsCooperativePool() throws {
        let server = try RTSPTestServer()
        let harness = try RecorderHarness()
        defer { harness.remove() }
        var logger = Logger(label: "veil.test")
        logger.logLevel = .error
        let recorder = try Recorder(configuration: try harness.configuration(cameras: LiveRecordingTests.camera("hall", url: server.url())),
                                    logger: logger)
        let finished = BlockedPool.finishes(within: 60) {
            recorder.start()
            TestSupport.waitFor(seconds: 30) { ((try? harness.segments("hall", .raw).count) ?? 0) >= 1 }
            recorder.stop()
        }
        #expect(finished, "the recorder's start or stop waited on the blocked pool")
        #expect(try harness.segments("hall", .raw).count >= 2, "one segment recorded while the pool was held, one finished by stop")
    }
}
