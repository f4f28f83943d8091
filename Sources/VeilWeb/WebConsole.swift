import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
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
    private let running = Mutex<Task<Void, Never>?>(nil)

    /// Resolves the certificate (making the self-signed one if it is the first start).
    public init(settings: WebSettings, dataDirectory: String, feeds: [CameraFeed], audit: AuditLog, logger: Logger,
                accounts: StaffAccountStore? = nil) throws {
        if settings.tls == .none, !settings.isLoopback {
            throw WebConsoleError("the console would serve plain HTTP on \(settings.host), which is not loopback; configure web.tls")
        }
        self.settings = settings
        self.logger = logger
        services = ConsoleServices(dataDirectory: dataDirectory, settings: settings, feeds: feeds, audit: audit, accounts: accounts)
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
    public func start() throws -> Int {
        let router = ConsoleRouter.make(services: services)
        let server: HTTPServerBuilder = try certificate.map { try .tls(.http1(), tlsConfiguration: try $0.tlsConfiguration()) } ?? .http1()
        let bound = BoundPort()
        let app = Application(router: router, server: server,
                              configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
                              onServerRunning: { channel in bound.resolve(channel.localAddress?.port) },
                              logger: logger)
        let task = Task {
            do { try await app.run() } catch { bound.fail(error) }
        }
        running.withLock { $0 = task }
        return try bound.wait(address: "\(settings.host):\(settings.port)")
    }

    /// Stops serving and waits until the socket is closed.
    public func stop() {
        guard let task = running.withLock({ current in defer { current = nil }; return current }) else { return }
        task.cancel()
        let done = DispatchSemaphore(value: 0)
        Task {
            _ = await task.value
            done.signal()
        }
        done.wait()
    }
}

/// Hands the listening port (or the failure to listen) from the server's task to `start()`.
private final class BoundPort: Sendable {
    private let outcome = Mutex<Result<Int, any Error>?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func resolve(_ port: Int?) {
        settle(port.map { .success($0) } ?? .failure(WebConsoleError("the console's socket has no port")))
    }

    func fail(_ error: any Error) { settle(.failure(error)) }

    private func settle(_ result: Result<Int, any Error>) {
        let first = outcome.withLock { current -> Bool in
            guard current == nil else { return false }
            current = result
            return true
        }
        if first { ready.signal() }
    }

    func wait(address: String) throws -> Int {
        ready.wait()
        do { return try outcome.withLock { $0! }.get() } catch {
            throw WebConsoleError("the console cannot listen on \(address) (\(error)); is another program using the port?")
        }
    }
}
