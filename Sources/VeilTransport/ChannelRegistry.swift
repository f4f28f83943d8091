import NIOCore
import Synchronization

/// The channels of one running relay (the listener, each local client, each camera connection,
/// including connections still being made), so that `stop()` can close them all and wait.
final class ChannelRegistry: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var isClosed = false
    }

    private let state = Mutex(State())

    /// Tracks `channel` until it closes; closes it at once when the relay has already stopped.
    func add(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        let accepted = state.withLock { state in
            guard !state.isClosed else { return false }
            state.channels[key] = channel
            return true
        }
        guard accepted else {
            channel.close(promise: nil)
            return
        }
        channel.closeFuture.whenComplete { [weak self] _ in
            self?.state.withLock { _ = $0.channels.removeValue(forKey: key) }
        }
    }

    /// Whether `closeAll()` has been called.
    var isClosed: Bool { state.withLock { $0.isClosed } }

    /// Closes every tracked channel and refuses new ones; the result succeeds when all are closed.
    func closeAll(on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        let channels = state.withLock { state in
            state.isClosed = true
            return Array(state.channels.values)
        }
        for channel in channels { channel.close(promise: nil) }
        return EventLoopFuture.andAllComplete(channels.map(\.closeFuture), on: eventLoop)
    }
}
