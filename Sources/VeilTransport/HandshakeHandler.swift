import NIOCore
import NIOSSL
import NIOTLS
import Foundation

/// Sits behind the `NIOSSLClientHandler` of a camera connection until the TLS handshake (with
/// verification) completes, then removes itself. `completed` fails with the `TransportError` that
/// explains a refusal, a failed handshake, a camera that hangs up, or one that takes longer than
/// `timeout` from the TCP connection on (the relay then closes the connection).
final class HandshakeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    /// Succeeds once the camera is verified; never fails with anything but a `TransportError`.
    var completed: EventLoopFuture<Void> { promise.futureResult }

    private let promise: EventLoopPromise<Void>
    private let camera: String
    private let timeout: TimeAmount
    /// Where the verification callback leaves its refusal, which explains a failed handshake best.
    private let refusals: FailureRecord
    private var timer: Scheduled<Void>?
    private var isDone = false

    init(eventLoop: any EventLoop, camera: String, timeout: TimeAmount, refusals: FailureRecord) {
        promise = eventLoop.makePromise()
        self.camera = camera
        self.timeout = timeout
        self.refusals = refusals
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startTimer(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        finish(.failure(TransportError(.handshake, camera: camera, "the relay stopped the TLS handshake with camera \(camera)")))
    }

    func channelActive(context: ChannelHandlerContext) {
        startTimer(context: context)
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        context.fireUserInboundEventTriggered(event)
        guard case .handshakeCompleted? = event as? TLSUserEvent else { return }
        finish(.success(()))
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(refusals.latest ?? TransportError(.handshake, camera: camera,
                                                          "TLS handshake with camera \(camera) failed: \(Self.reason(error))")))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(refusals.latest ?? TransportError(.handshake, camera: camera,
                                                          "TLS handshake with camera \(camera) failed: the camera closed the connection")))
        context.fireChannelInactive()
    }

    private func startTimer(context: ChannelHandlerContext) {
        guard timer == nil else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.finish(.failure(TransportError(.handshake, camera: self.camera,
                                                "camera \(self.camera) did not complete the TLS handshake in time")))
            context.close(promise: nil)
        }
    }

    private func finish(_ result: Result<Void, TransportError>) {
        guard !isDone else { return }
        isDone = true
        timer?.cancel()
        promise.completeWith(result.mapError { $0 as any Error })
    }

    /// BoringSSL's reason in OpenSSL's style ("wrong version number"), without its code and source
    /// location; NIOSSL's own description for anything else.
    static func reason(_ error: any Error) -> String {
        guard case NIOSSLError.handshakeFailed(.sslError(let stack)) = error, let oldest = stack.first else {
            return "\(error)"
        }
        // "Error: 268435703 error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER at /…/file.cc:123"
        let text = "\(oldest)"
        guard let end = text.range(of: " at ")?.lowerBound, let reason = text[..<end].split(separator: ":").last else {
            return text
        }
        return String(reason.lowercased().map { $0 == "_" ? " " : $0 })
    }
}

@available(*, unavailable)
extension HandshakeHandler: Sendable {}
