import Foundation
import Synchronization

/// The relay's loopback listening socket and its threads: one accept thread, and one thread per
/// relayed connection (blocking C work stays off Swift's cooperative pool).
final class Listener: Sendable {
    let port: UInt16
    private let stopping: StopFlag
    /// Entered by the accept thread and each connection thread; `stop()` waits for all of them.
    private let threads = DispatchGroup()

    private init(port: UInt16, stopping: StopFlag) {
        self.port = port
        self.stopping = stopping
    }

    /// Listens on 127.0.0.1 and calls `handle` on a new thread for each accepted connection.
    static func start(name: String,
                      handle: @escaping @Sendable (Socket, _ shouldStop: () -> Bool) -> Void) throws -> Listener {
        let (socket, port) = try Socket.listenOnLoopback()
        let listener = Listener(port: port, stopping: StopFlag())
        let stopping = listener.stopping, threads = listener.threads
        threads.enter()
        let acceptor = Thread {
            defer { threads.leave() }
            while !stopping.isSet {
                // Wakes at least every 200 ms to notice stop(); the socket closes when this ends.
                guard socket.wait(for: Int16(POLLIN), milliseconds: 200) != 0, let client = socket.accept() else { continue }
                threads.enter()
                let worker = Thread {
                    defer { threads.leave() }
                    handle(client) { stopping.isSet }
                }
                worker.name = "\(name) connection"
                worker.start()
            }
        }
        acceptor.name = "\(name) accept"
        acceptor.start()
        return listener
    }

    /// Stops accepting, ends every relayed connection and waits until all threads have finished.
    func stop() {
        stopping.set()
        threads.wait()
    }
}

/// A flag set once, read from several threads.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
