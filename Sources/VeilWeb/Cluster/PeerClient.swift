import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// GETs from another node's console over HTTPS, as this node: it presents its own console
/// certificate as a TLS client certificate, and accepts the server only if the certificate it
/// presents has the SHA-256 the cluster records for that node (pinned; no CA, no host name).
/// One connection a request, every request under a deadline; nothing blocks a thread.
/// (async-http-client cannot pin a certificate, its issue #285; this is NIO's HTTP/1 codec.)
struct PeerClient: Sendable {
    /// A node's answer: status, content type and body.
    struct Answer: Sendable {
        let status: Int
        let contentType: String
        /// `Content-Disposition`, for a download.
        let disposition: String?
        let body: ByteBuffer
    }

    private let context: NIOSSLContext
    /// For the connection, the TLS handshake and the whole answer.
    let timeout: TimeAmount
    /// Bodies larger than this are refused (a recorded segment's fragment is far smaller).
    static let maximumBody = 512 * 1024 * 1024

    /// `certificatePEM`/`keyPEM`: this node's console certificate and key.
    init(certificatePEM: String, keyPEM: String, timeout: TimeAmount = .seconds(15)) throws {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8))
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateChain = chain.map { .certificate($0) }
        configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem))
        // Verified by the pin in the callback instead; the mode must not be `.none`, or the
        // callback is never called.
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .certificates(chain)
        configuration.minimumTLSVersion = .tlsv12
        context = try NIOSSLContext(configuration: configuration)
        self.timeout = timeout
    }

    /// `GET path` (with its query) from `node`, within `timeout` (by default the client's).
    func get(_ path: String, from node: ConsoleNode, timeout: TimeAmount? = nil) async throws -> Answer {
        try await request(.GET, path, json: nil, to: node, timeout: timeout ?? self.timeout)
    }

    /// `POST path` with a JSON body to `node`, within `timeout`.
    func post(_ path: String, json: [UInt8], to node: ConsoleNode, timeout: TimeAmount) async throws -> Answer {
        try await request(.POST, path, json: json, to: node, timeout: timeout)
    }

    private func request(_ method: HTTPMethod, _ path: String, json: [UInt8]?, to node: ConsoleNode, timeout: TimeAmount) async throws -> Answer {
        guard let url = URLComponents(string: node.advertise), url.scheme == "https", let host = url.host, !host.isEmpty else {
            throw PeerError(code: .unreachable, node: node.name, description:
                "node \(node.name)'s advertise URL \(node.advertise) is not https://host:port; correct cluster.node.advertise on \(node.name)")
        }
        let port = url.port ?? 443
        let expected = NodeFingerprint.normalized(node.certificateSHA256)
        let observed = Observed()
        let verify: @Sendable ([NIOSSLCertificate], EventLoopPromise<NIOSSLVerificationResult>) -> Void = { certificates, promise in
            let fingerprint = (try? certificates.first?.toDERBytes()).map { NodeFingerprint.of(der: $0) }
            observed.presented.withLock { $0 = fingerprint ?? "none" }
            promise.succeed(fingerprint == expected ? .certificateVerified : .failed)
        }
        let isAddress = host.contains(":") || host.split(separator: ".").allSatisfy { UInt8($0) != nil }
        let context = context
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(timeout)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let tls = try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host,
                                                          customVerificationCallback: verify)
                        try channel.pipeline.syncOperations.addHandler(tls)
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw observed.failure(error, node: node, expected: expected, timeout: timeout)
        }
        let deadline = channel.channel.eventLoop.scheduleTask(in: timeout) { [channel = channel.channel] in
            observed.timedOut.store(true, ordering: .sequentiallyConsistent)
            channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
                head.headers.add(name: "Host", value: port == 443 ? host : "\(host):\(port)")
                head.headers.add(name: "Connection", value: "close")
                if let json {
                    head.headers.add(name: "Content-Type", value: "application/json")
                    head.headers.add(name: "Content-Length", value: "\(json.count)")
                }
                try await outbound.write(.head(head))
                if let json { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: json)))) }
                try await outbound.write(.end(nil))
                var status = 0, type = "application/octet-stream", disposition: String?, body = ByteBuffer()
                for try await part in inbound {
                    switch part {
                    case .head(let response):
                        status = Int(response.status.code)
                        type = response.headers.first(name: "Content-Type") ?? type
                        disposition = response.headers.first(name: "Content-Disposition")
                    case .body(var bytes):
                        guard body.readableBytes + bytes.readableBytes <= Self.maximumBody else {
                            throw PeerError(code: .tooLarge, node: node.name, description:
                                "node \(node.name) answered \(path) with more than \(Self.maximumBody / 1_048_576) MiB, more than "
                                + "this node passes on; fetch it from node \(node.name)'s console directly")
                        }
                        body.writeBuffer(&bytes)
                    case .end:
                        return Answer(status: status, contentType: type, disposition: disposition, body: body)
                    }
                }
                throw PeerError(code: .badAnswer, node: node.name, description:
                    "node \(node.name) at \(node.advertise) closed the connection before answering \(path) in full")
            }
        } catch {
            throw observed.failure(error, node: node, expected: expected, timeout: timeout)
        }
    }
}

/// What one request saw: the certificate the server presented, and whether its deadline passed.
private final class Observed: Sendable {
    let presented = Mutex<String?>(nil)
    let timedOut = Atomic(false)

    /// The error to report for `error`: a certificate that is not the recorded one first (the
    /// handshake failed because of it), then the deadline, then what happened.
    func failure(_ error: any Error, node: ConsoleNode, expected: String, timeout: TimeAmount) -> PeerError {
        if let fingerprint = presented.withLock({ $0 }), fingerprint != expected {
            return PeerError.mismatch(node: node.name, url: node.advertise, recorded: expected, presented: fingerprint)
        }
        if timedOut.load(ordering: .sequentiallyConsistent) {
            return PeerError.timeout(node: node.name, url: node.advertise, seconds: timeout.nanoseconds / 1_000_000_000)
        }
        return error as? PeerError ?? PeerError.unreachable(node: node.name, url: node.advertise, error)
    }
}
