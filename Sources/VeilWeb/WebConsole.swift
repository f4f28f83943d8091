import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import Logging
public import ServiceLifecycle
import NIOCore
import Synchronization
public import VeilCore
public import VeilVault
public import VeilStaff
public import VeilLive

/// The staff console `veil record` serves when `web:` is configured: HTTPS (or HTTP on
/// loopback), logins, live and recorded redacted video, exports. It reads only what the
/// redacted encoder and the redacted segments produce; raw footage has no route.
///
/// A service of `veil record`'s service group: ``run()`` serves until the group shuts down
/// gracefully (requests in progress are answered first) and throws one clear error if the
/// address cannot be bound.
public struct WebConsole: Service {
    private let settings: WebSettings
    private let services: ConsoleServices
    private let certificate: ConsoleCertificate?
    private let logger: Logger
    private let onListening: @Sendable (Int) -> Void
    private let cluster: (any ConsoleCluster)?

    /// Reads the pages from beside the binary and resolves the certificate (making the
    /// self-signed one if it is the first start).
    /// `keepFreeBytes`: the recorder's free-space floor (`storage.minFreeBytes`): an export that
    /// would leave less free is refused. `onListening` is told the bound port (useful with port 0).
    /// `cluster`: the cluster this node is in (then the console shows every node's cameras and
    /// footage, fetched from the other nodes as this node, by its certificate; HTTPS required).
    public init(settings: WebSettings, dataDirectory: String, feeds: [CameraFeed], audit: AuditLog, keepFreeBytes: Int64,
                logger: Logger, accounts: StaffAccountStore? = nil, cluster: (any ConsoleCluster)? = nil,
                onListening: @escaping @Sendable (Int) -> Void = { _ in }) throws {
        if settings.tls == .none, !settings.isLoopback {
            throw WebConsoleError("the console would serve plain HTTP on \(settings.host), which is not loopback; configure web.tls")
        }
        self.settings = settings
        self.logger = logger
        self.onListening = onListening
        let cluster = cluster.map { CachedConsoleCluster($0) as any ConsoleCluster }
        self.cluster = cluster
        let certificate = try ConsoleCertificate.resolve(settings.tls, dataDirectory: dataDirectory, host: settings.host)
        self.certificate = certificate
        var peers: PeerClient?
        if cluster != nil {
            guard let certificate else {
                throw WebConsoleError("a cluster node's console must serve HTTPS (web.tls): its certificate identifies it to the other nodes")
            }
            peers = try PeerClient(certificatePEM: certificate.certificatePEM, keyPEM: certificate.keyPEM)
        }
        services = ConsoleServices(dataDirectory: dataDirectory, settings: settings, feeds: feeds, audit: audit,
                                   keepFreeBytes: keepFreeBytes, assets: try ConsoleAssets.besideExecutable(), accounts: accounts,
                                   cluster: cluster, peers: peers)
    }

    /// The fingerprint of the certificate `settings` call for (the self-signed one is made if
    /// missing, exactly as at start), nil for plain HTTP.
    public static func certificateFingerprint(settings: WebSettings, dataDirectory: String) throws -> String? {
        try ConsoleCertificate.resolve(settings.tls, dataDirectory: dataDirectory, host: settings.host)?.fingerprint
    }

    /// The SHA-256 fingerprint of the certificate served, nil over plain HTTP.
    public var fingerprint: String? { certificate?.fingerprint }

    /// The console's address, such as `https://0.0.0.0:8443`, with the bound port.
    public func url(port: Int) -> String {
        let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        return "\(certificate == nil ? "http" : "https")://\(host):\(port)"
    }

    /// Serves until graceful shutdown; logs "staff console served" with its URL (and the
    /// certificate's fingerprint) once the socket listens.
    public func run() async throws {
        // A cluster node also asks for a client certificate: that of another node (peer routes).
        let server: HTTPServerBuilder = if let certificate {
            if cluster == nil { try .tls(.http1(), tlsConfiguration: try certificate.tlsConfiguration()) }
            else { try .tls(.http1(), configuration: try certificate.clusterTLSConfiguration()) }
        } else {
            .http1()
        }
        let bound = Atomic(false)
        let (logger, onListening, fingerprint) = (logger, onListening, fingerprint)
        let url = url(port:)
        let app = Application(router: ConsoleRouter.make(services: services), server: server,
                              configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
                              onServerRunning: { channel in
                                  bound.store(true, ordering: .sequentiallyConsistent)
                                  let port = channel.localAddress?.port ?? 0
                                  var metadata: Logger.Metadata = ["url": "\(url(port))"]
                                  if let fingerprint { metadata["sha256_fingerprint"] = "\(fingerprint)" }
                                  logger.notice("staff console served", metadata: metadata)
                                  onListening(port)
                              },
                              logger: logger)
        do {
            try await app.run()
        } catch where !bound.load(ordering: .sequentiallyConsistent) {
            throw WebConsoleError("the console cannot listen on \(settings.host):\(settings.port) (\(error)); is another program using the port?")
        }
    }
}
