import Dispatch
import Foundation
import Synchronization

/// A task executor that runs every job on one thread of its own.
///
/// The recorder is synchronous: it starts the endpoint from a plain thread or from a caller
/// already on Swift's cooperative pool, and waits there until the server is bound. On a
/// two-core machine that pool has two threads, so two such waits would leave none to run the
/// server's tasks. With this executor as their preference, binding and serving run here.
/// Unstructured tasks do not inherit the preference: swift-service-lifecycle's shutdown makes
/// them, which is why `MetricsEndpoint` runs the bare server, outside any service group
/// (`MetricsEndpointTests.startAndStopNeverWaitOnSwiftsCooperativePool`).
final class ThreadTaskExecutor: TaskExecutor, Sendable {
    private let queue = Mutex<[UnownedJob]>([])
    /// Signalled once per job enqueued and once by `finish()`.
    private let wake = DispatchSemaphore(value: 0)

    init(name: String) {
        let thread = Thread { [self] in runJobs() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.append(job) }
        wake.signal()
    }

    /// Ends the thread once what is queued has run, without waiting for it. Call once, from
    /// the last job of the last task that prefers this executor.
    func finish() {
        wake.signal()
    }

    /// Each wake brings one job, or is the stop; a wake that finds no job left is the stop.
    private func runJobs() {
        while true {
            wake.wait()
            guard let job = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
