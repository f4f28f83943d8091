import NIOCore

/// One end of the byte relay between the local client (FFmpeg, plaintext on loopback) and the
/// verified camera connection: what one channel reads, the other writes. Both channels run on the
/// same event loop, so each end calls its partner directly.
///
/// Backpressure: an end reads from its channel only while the partner's channel is writable, and
/// resumes when it becomes writable again; so a slow reader never makes the relay buffer without
/// bound. When either channel closes, the other is closed too. The two ends hold each other until
/// they are removed from their pipelines (when the channels close).
final class GlueHandler {
    private var partner: GlueHandler?
    private var context: ChannelHandlerContext?
    /// A read was asked for while the partner could not take more.
    private var readIsHeld = false

    private init() {}

    /// Two ends joined to each other: one for each channel.
    static func pair() -> (GlueHandler, GlueHandler) {
        let first = GlueHandler(), second = GlueHandler()
        first.partner = second
        second.partner = first
        return (first, second)
    }

    private var canTakeMore: Bool { context?.channel.isWritable ?? false }

    private func send(_ buffer: ByteBuffer) {
        context?.write(NIOAny(buffer), promise: nil)
    }

    private func flush() { context?.flush() }

    private func close() { context?.close(promise: nil) }

    private func partnerCanTakeMore() {
        guard readIsHeld else { return }
        readIsHeld = false
        context?.read()
    }
}

extension GlueHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partner?.send(unwrapInboundIn(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        partner?.flush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.close()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset, or a TLS record that does not decrypt: the relayed connection is over.
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { partner?.partnerCanTakeMore() }
        context.fireChannelWritabilityChanged()
    }

    func read(context: ChannelHandlerContext) {
        if partner?.canTakeMore ?? false {
            context.read()
        } else {
            readIsHeld = true
        }
    }
}

@available(*, unavailable)
extension GlueHandler: Sendable {}
