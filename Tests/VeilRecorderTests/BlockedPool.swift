import Dispatch
import Foundation

/// Occupies every thread of Swift's cooperative pool, as a recorder's blocked callers can on a
/// two-core machine, to check that the recorder's synchronous start and stop never wait on that pool.
enum BlockedPool {
    /// Runs `work` on a plain thread while tasks block the pool's other threads (a synchronous
    /// test already holds one). Returns whether `work` finished within `seconds`; the pool is
    /// released either way, so a regression fails the test instead of hanging the run.
    static func finishes(within seconds: Double, _ work: @escaping @Sendable () -> Void) -> Bool {
        let blockers = 2 * ProcessInfo.processInfo.activeProcessorCount
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        for _ in 0..<blockers {
            Task.detached {
                started.signal()
                release.wait()
            }
        }
        // Other tests may hold some of the threads; a few seconds is enough for the rest.
        let deadline = DispatchTime.now() + 5
        for _ in 1..<ProcessInfo.processInfo.activeProcessorCount where started.wait(timeout: deadline) == .timedOut { break }
        let done = DispatchSemaphore(value: 0)
        Thread {
            work()
            done.signal()
        }.start()
        let finished = done.wait(timeout: .now() + seconds) == .success
        for _ in 0..<blockers { release.signal() }
        if !finished { done.wait() }
        return finished
    }
}
