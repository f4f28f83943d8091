import NIOPosix
import ServiceLifecycle
import VeilRecorder
import NIOCore

/// The recorder as a service of `veil record`'s group: started at once, stopped cleanly on
/// graceful shutdown (or when `--for` elapses, which ends the whole group).
///
/// The recorder is thread-based: `start()` spawns each camera's stage threads and `stop()` joins
/// them, finishing every open segment, which can take seconds. Both are blocking C-and-thread
/// work, so they run on NIO's blocking pool (`NIOThreadPool.runIfActive`, Veil's one bridge from
/// async code to blocking work) and never hold one of Swift's cooperative threads, of which a
/// 2-core recorder has two.
struct RecorderService: Service {
    let recorder: Recorder
    let seconds: Double?
    /// False in cluster mode, where the member starts the cameras whose leases it holds.
    var recordingCameras = true

    func run() async throws {
        try await NIOThreadPool.singleton.runIfActive { recorder.start(recordingCameras: recordingCameras) }
        if let seconds {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(seconds)) }
        } else {
            try? await gracefulShutdown()
        }
        // Even when the group is cancelled, the open segments are finished: the future is awaited
        // without regard to cancellation, and the pool runs the work unless it is shut down.
        try await NIOThreadPool.singleton.runIfActive(eventLoop: MultiThreadedEventLoopGroup.singleton.any()) {
            recorder.stop()
        }.get()
    }
}
