import Glibc
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// What each relayed connection needs to reach and verify the camera, without a reference back
/// to the `TLSRelay` (the channels' closures must not keep the relay alive).
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

    /// Connects to the camera on `eventLoop` and completes the TLS handshake, verifying the camera
    /// inside it. Fails with a `TransportError`, which is also recorded (and passed to `onFailure`);
    /// success clears the record. `registry` tracks the connection from its first moment.
    func open(_ trust: CameraTrust, on eventLoop: any EventLoop, registry: ChannelRegistry?) -> EventLoopFuture<any Channel> {
        let camera = camera, timeout = TimeAmount(timeout)
        let connected = ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                registry?.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    let refusals = FailureRecord()
                    let tls = try NIOSSLClientHandler(context: trust.context, serverHostname: trust.sniName,
                                                      customVerificationCallback: trust.verifier.callback(recordingIn: refusals))
                    let handshake = HandshakeHandler(eventLoop: channel.eventLoop, camera: camera, timeout: timeout, refusals: refusals)
                    try channel.pipeline.syncOperations.addHandlers(tls, handshake)
                }
            }
            .connect(host: host, port: Int(port))
        let failures = failures, onFailure = onFailure
        return connected
            .flatMapErrorThrowing { error in throw connectFailure(error, stopped: registry?.isClosed ?? false) }
            .flatMap { channel in
                // Happy eyeballs may have tried several addresses: wait for the handshake on the one that connected.
                let handshake = channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.handler(type: HandshakeHandler.self).completed
                }
                // A connection that is not verified is never handed on, so it is closed here
                // (HandshakeHandler closes it on a refusal already; this covers every other way).
                return handshake.flatMap { $0 }.map { channel }.flatMapErrorThrowing { error in
                    channel.close(promise: nil)
                    throw error
                }
            }
            .flatMapErrorThrowing { error in
                throw error as? TransportError
                    ?? TransportError(.handshake, camera: camera, "TLS handshake with camera \(camera) failed: \(error)")
            }
            .always { result in
                switch result {
                case .success: failures.latest = nil
                case .failure(let error as TransportError):
                    failures.latest = error
                    onFailure?(error)
                case .failure: break  // made a TransportError just above
                }
            }
    }

    /// One local connection: verify the camera, then join the two channels. The client's channel
    /// reads nothing until then, so no byte of it reaches an unverified camera; on failure it is
    /// closed without a byte from the camera.
    func serve(_ client: any Channel, trust: CameraTrust, registry: ChannelRegistry) {
        open(trust, on: client.eventLoop, registry: registry).whenComplete { result in
            guard case .success(let camera) = result else {
                client.close(promise: nil)
                return
            }
            do {
                guard client.isActive else { throw ChannelError.ioOnClosedChannel }
                let (local, remote) = GlueHandler.pair()
                try client.pipeline.syncOperations.addHandler(local)
                try camera.pipeline.syncOperations.addHandler(remote)
                try client.syncOptions?.setOption(ChannelOptions.autoRead, value: true)
            } catch {
                client.close(promise: nil)
                camera.close(promise: nil)
            }
        }
    }

    /// Explains why the TCP connection did not come about, naming the camera.
    private func connectFailure(_ error: any Error, stopped: Bool) -> any Error {
        if error is TransportError { return error }
        let problem: String
        if stopped {
            problem = "the relay was stopped"
        } else if case ChannelError.connectTimeout = error {
            problem = "no answer within \(timeout)"
        } else if let error = error as? NIOConnectionError {
            if let last = error.connectionErrors.last {
                problem = Self.describe(last.error)
            } else if let lookup = error.dnsAError ?? error.dnsAAAAError {
                let reason = (lookup as? SocketAddressError.UnknownHost)?.errorDescription ?? "\(lookup)"
                return TransportError(.unreachable, camera: camera, "cannot resolve camera \(camera): \(reason)")
            } else {
                problem = "no address"
            }
        } else {
            problem = Self.describe(error)
        }
        return TransportError(.unreachable, camera: camera, "cannot connect to camera \(camera): \(problem)")
    }

    /// The system's words for a socket error ("Connection refused"), else the error's own description.
    private static func describe(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        return "\(error)"
    }
}

/// The latest refused or failed camera connection, shared by the relay's connections.
final class FailureRecord: Sendable {
    private let storage = Mutex<TransportError?>(nil)

    var latest: TransportError? {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
