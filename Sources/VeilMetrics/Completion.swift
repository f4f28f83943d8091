import Dispatch
import Synchronization

/// A value delivered once by one thread and awaited by another, blocking: how the endpoint's
/// synchronous `start` and `stop` learn what its async server task did. Later deliveries are
/// ignored, so "bound" and "failed before binding" can both be reported without a race.
final class Completion<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let delivered = DispatchSemaphore(value: 0)

    func complete(_ result: Value) {
        let first = value.withLock { value in
            guard case .none = value else { return false }
            value = result
            return true
        }
        if first { delivered.signal() }
    }

    /// Blocks until `complete` was called, then returns its value; may be called again.
    func wait() -> Value {
        delivered.wait()
        defer { delivered.signal() }
        return value.withLock { $0! }
    }
}
