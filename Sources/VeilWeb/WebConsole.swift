import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import ServiceLifecycle
import NIOCore
import Synchronization
import VeilConfig
import VeilRecorder
import VeilVault

/// The staff console `veil record` serves when `web:` is configured: HTTPS (or HTTP on
/// loopback), logins, live and recorded redacted video, exports. It reads only what the
/// redacted encoder and the redacted segments produce; raw footage has no route.
public final class WebConsole: Sendable {
    private let settings: WebSettings
    private let services: ConsoleServices
    private let certificate: ConsoleCertificate?
    private let logger: Logger
    private let running = Mutex<(group: ServiceGroup, task: Task<Void, Never>)?>(nil)

    /// Reads the pages from beside the binary and resolves the certificate (making the
    /// self-signed one if it is the first start).
    /// `keepFreeBytes`: the recorder's free-space floor (`storage.minFreeBytes`): an export that
    /// would leave less free is refused.
    public init(settings: WebSettings, dataDirectory: String, feeds: [CameraFeed], audit: AuditLog, keepFreeBytes: Int64,
                logger: Logger, accounts: StaffAccountStore? = nil) throws {
        if settings.tls == .none, !settings.isLoopback {
            throw WebConsoleError("the console would serve plain HTTP on \(settings.host), which is not loopback; configure web.tls")
        }
        self.settings = settings
        self.logger = logger
        services = ConsoleServices(dataDirectory: dataDirectory, settings: settings, feeds: feeds, audit: audit,
                                   keepFreeBytes: keepFreeBytes, assets: try ConsoleAssets.besideExecutable(), accounts: accounts)
        certificate = try ConsoleCertificate.resolve(settings.tls, dataDirectory: dataDirectory, host: settings.host)
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

    /// Starts serving; returns the bound port (useful with port 0) once the socket listens.
    /// Async and never blocking a thread: the recorder's callers run on Swift's cooperative
    /// pool, which on a 2-core recorder has two threads.
    public func start() async throws -> Int {
        let router = ConsoleRouter.make(services: services)
        let server: HTTPServerBuilder = try certificate.map { try .tls(.http1(), tlsConfiguration: try $0.tlsConfiguration()) } ?? .http1()
        let address = "\(settings.host):\(settings.port)"
        let (ports, continuation) = AsyncStream.makeStream(of: Result<Int, any Error>.self)
        let app = Application(router: router, server: server,
                              configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
                              onServerRunning: { channel in
                                  continuation.yield(channel.localAddress?.port.map { .success($0) }
                                                     ?? .failure(WebConsoleError("the console's socket has no port")))
                              },
                              logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            do { try await group.run() } catch { continuation.yield(.failure(error)) }
            continuation.finish()
        }
        running.withLock { $0 = (group, task) }
        for await outcome in ports {
            do { return try outcome.get() } catch {
                throw WebConsoleError("the console cannot listen on \(address) (\(error)); is another program using the port?")
            }
        }
        throw WebConsoleError("the console stopped before it listened on \(address)")
    }

    /// Stops serving (requests in progress are answered first) and waits until the socket is closed.
    public func stop() async {
        guard let running = running.withLock({ current in defer { current = nil }; return current }) else { return }
        await running.group.triggerGracefulShutdown()
        _ = await running.task.value
    }
}
