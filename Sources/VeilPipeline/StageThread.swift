import Foundation

/// A named thread for one pipeline stage that blocks in C code (demuxing, codecs, detection),
/// kept off Swift's cooperative pool, which has only as many threads as cores.
package final class StageThread: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var failure: (any Error)?

    /// Starts `body` on a new thread named `name`. A thrown error is kept for `join()`.
    package init(name: String, body: @escaping @Sendable () throws -> Void) {
        let thread = Thread { [self] in
            do { try body() } catch {
                lock.withLock { failure = error }
            }
            finished.signal()
        }
        thread.name = name
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Waits for the stage to end and returns the error it ended with, if any. May be called
    /// again, from any thread: later calls return at once.
    package func join() -> (any Error)? {
        finished.wait()
        finished.signal()
        return lock.withLock { failure }
    }
}
