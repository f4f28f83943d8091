import Foundation
import Synchronization

/// A count shared between stage threads.
final class SharedCount: Sendable {
    private let value = Atomic<Int>(0)
    func add(_ amount: Int) { value.add(amount, ordering: .relaxed) }
    var current: Int { value.load(ordering: .relaxed) }
}

/// The latest value of something, shared between threads.
final class SharedLatest<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
    var current: Value? { lock.withLock { value } }
}

/// What one camera's recording has done so far, across its connections; read for logs,
/// metrics and tests.
final class SessionCounters: Sendable {
    let packetsRead = SharedCount()
    let packetsDropped = SharedCount()
    let corruptPackets = SharedCount()
    let framesDecoded = SharedCount()
    let framesEncoded = SharedCount()
    let bytesSealed = SharedCount()
    let rawSegments = SharedCount()
    let redactedSegments = SharedCount()
    let reconnects = SharedCount()
    let lastDecodeError = SharedLatest<String>()
}
