import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
import VeilArchive
@testable import VeilExport
import VeilVault
import VeilStaff
@testable import VeilWeb
import VeilCore
@testable import VeilLive

/// A console over a temporary data directory, with one user per role (password
/// `<name>-password-1`) and one camera, `room`, whose live window is filled by the test.
final class ConsoleFixture: Sendable {
    let dataDirectory: String
    let services: ConsoleServices
    let feed = CameraFeed(camera: "room", live: LiveStream())
    let clock = TestClock()

    init(settings: WebSettings = WebSettings()) throws {
        dataDirectory = FileManager.default.temporaryDirectory.path + "/veil-web-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        _ = try Catalog(dataDirectory: dataDirectory)  // as the recorder leaves it: empty
        let accounts = StaffAccountStore(dataDirectory: dataDirectory, parameters: .testingOnly)
        for role in StaffRole.allCases {
            _ = try accounts.add(name: role.rawValue, role: role, password: Passphrase("\(role.rawValue)-password-1"))
        }
        let clock = clock
        services = ConsoleServices(dataDirectory: dataDirectory, settings: settings, feeds: [feed],
                                   audit: AuditLog(path: dataDirectory + "/audit/audit.log"), keepFreeBytes: 0,
                                   assets: try ConsoleAssets.besideExecutable(), accounts: accounts,
                                   now: { clock.now })
    }

    deinit { try? FileManager.default.removeItem(atPath: dataDirectory) }

    var application: some ApplicationProtocol { Application(router: ConsoleRouter.make(services: services)) }

    /// Logs `user` in; returns the cookie header value and the session's CSRF token.
    func logIn(_ client: some TestClientProtocol, as user: String) async throws -> (cookie: String, csrf: String) {
        let response = try await client.execute(uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                                                body: ByteBuffer(string: "{\"user\":\"\(user)\",\"password\":\"\(user)-password-1\"}"))
        #expect(response.status == .noContent)
        let setCookie = try #require(response.headers[.setCookie])
        let cookie = String(setCookie.split(separator: ";")[0])
        let session = try await client.execute(uri: "/api/session", method: .get, headers: [.cookie: cookie])
        let csrf = try #require(try JSONSerialization.jsonObject(with: Data(buffer: session.body)) as? [String: Any])["csrfToken"] as? String
        return (cookie, try #require(csrf))
    }

    var auditActions: [String] {
        get throws { try AuditLog(path: dataDirectory + "/audit/audit.log").entries().map { "\($0.actor) \($0.action)" } }
    }
}

/// A wall clock the test moves by hand.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_796_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

extension Data {
    init(buffer: ByteBuffer) { self.init(buffer.readableBytesView) }
}
