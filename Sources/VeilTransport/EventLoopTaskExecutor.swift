import NIOCore

/// Runs the jobs of a Swift task on one NIO event loop.
///
/// X509's certificate verifier is `async`. Run as an ordinary task it would need a thread of
/// Swift's cooperative pool, which has as many threads as cores, and which callers of the relay's
/// blocking `start()`, `verify()` and `stop()` may all be occupying (tests do): the handshake would
/// then wait until its timeout. With this executor as the task's preference the verification runs
/// on the camera connection's own event loop, as NIOSSL's own verification would (it is short
/// CPU work: a few signature checks).
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
