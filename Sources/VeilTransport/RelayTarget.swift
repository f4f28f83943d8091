import Synchronization

/// What each relayed connection needs to reach and verify the camera, without a reference back
/// to the `TLSRelay`: the relay's `deinit` joins the relay threads, so it must never run on one.
struct RelayTarget: Sendable {
    let host: String
    let port: UInt16
    let serverName: String
    let timeout: Duration
    let onFailure: (@Sendable (TransportError) -> Void)?
    let failures = FailureRecord()

    var camera: String { Self.describe(host: host, port: port) }

    /// `host:port`, with an IPv6 address in brackets so the port stays readable.
    static func describe(host: String, port: UInt16) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Connects and verifies; records the outcome (a failure is also passed to `onFailure`).
    func open(context: TLSContext, shouldStop: () -> Bool) throws -> TLSConnection {
        do {
            let connection = try TLSConnection.open(host: host, port: port, serverName: serverName,
                                                    context: context, timeout: timeout, shouldStop: shouldStop)
            failures.latest = nil
            return connection
        } catch let error as TransportError {
            failures.latest = error
            onFailure?(error)
            throw error
        }
    }

    /// One local connection: verify the camera, then relay. On failure the client is closed
    /// (when `client` goes out of scope) without a byte from the camera.
    func serve(_ client: Socket, context: TLSContext, shouldStop: () -> Bool) {
        guard let connection = try? open(context: context, shouldStop: shouldStop) else { return }
        RelayPump.run(client: client, camera: connection, shouldStop: shouldStop)
    }
}

/// The latest refused or failed camera connection, shared by the relay threads.
final class FailureRecord: Sendable {
    private let storage = Mutex<TransportError?>(nil)

    var latest: TransportError? {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
