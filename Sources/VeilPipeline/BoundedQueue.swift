import Foundation

/// A small blocking FIFO between two stage threads (depth ~8, as in ffmpeg's own tools).
///
/// `push` blocks while full, `pop` while empty. `close()` lets the consumer drain what is
/// left and then see the end; `cancel()` wakes everyone at once and discards the rest, for
/// errors and shutdown.
package final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private let capacity: Int
    private var closed = false
    private var cancelled = false

    package init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    private var count: Int { items.count - head }

    /// How many elements wait now (for metrics).
    package var depth: Int {
        condition.lock()
        defer { condition.unlock() }
        return count
    }

    /// Appends `element` only if there is room now; never waits. For producers that must not
    /// be held up by a slow consumer (a live camera's ingest).
    package func tryPush(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !cancelled, !closed, count < capacity else { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// Appends a rare control element even when full (one past capacity), so that markers such
    /// as segment boundaries are never lost while data is being dropped.
    package func pushIgnoringCapacity(_ element: Element) {
        condition.lock()
        defer { condition.unlock() }
        guard !cancelled, !closed else { return }
        items.append(element)
        condition.broadcast()
    }

    /// Appends `element`, waiting for room. Returns false (dropping it) once cancelled.
    @discardableResult
    package func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        precondition(!closed, "push after close")
        items.append(element)
        condition.broadcast()
        return true
    }

    /// The next element, waiting for one; nil at the end (closed and drained) or once cancelled.
    package func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while count == 0 && !closed && !cancelled { condition.wait() }
        guard !cancelled, count > 0 else { return nil }
        let element = items[head]
        head += 1
        if head > 64 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return element
    }

    /// True once `cancel()` was called: a consumer that saw the end must not finalise its output.
    package var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// No more pushes will come; the consumer drains what is queued.
    package func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops both sides now and drops whatever is queued.
    package func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
    }
}
