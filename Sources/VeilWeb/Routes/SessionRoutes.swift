import Foundation
import HTTPTypes
import Hummingbird
import NIOPosix
import VeilVault
import Synchronization
import VeilStaff

/// `POST /api/session` (log in), `GET /api/session` (who am I, and the CSRF token the page
/// sends back), `DELETE /api/session` (log out). Every login, failed login and logout is audited.
struct SessionRoutes {
    let services: ConsoleServices

    struct Login: Decodable { let user: String; let password: String }
    struct Current: Encodable { let user: String; let role: StaffRole; let csrfToken: String? }

    func add(to router: Router<ConsoleContext>) {
        router.post("/api/session") { request, context in try await logIn(request, context) }
        router.get("/api/session") { _, context in
            let identity = try context.user
            return Reply.json(Current(user: identity.account.name, role: identity.account.role,
                                      csrfToken: identity.session?.csrfToken))
        }
        router.delete("/api/session") { _, context in
            let identity = try context.user
            guard let session = identity.session else {
                return Reply.error(.badRequest, "an API token has no session to end; remove the user or issue a new token instead")
            }
            services.sessions.close(session.id)
            try services.record(identity.actor, "web.logout", subject: "from \(context.clientAddress)", reason: "logged out")
            var response = Response(status: .noContent)
            response.setCookie(SessionCookie.expired(secure: true))
            return response
        }
    }

    private func logIn(_ request: Request, _ context: ConsoleContext) async throws -> Response {
        guard let login = try? await request.decode(as: Login.self, context: context) else {
            return Reply.error(.badRequest, "send JSON {\"user\": \"NAME\", \"password\": \"...\"}")
        }
        let name = String(login.user.prefix(64))
        let address = context.clientAddress
        if let wait = services.throttle.withLock({ $0.retryAfter(user: name, address: address, now: services.now()) }) {
            try services.record("web:\(name)", "web.login.throttled", subject: "from \(address)",
                                reason: "too many failed logins; refused without checking the password")
            var response = Reply.error(.tooManyRequests, "too many failed logins for this user or from this address; try again in \(Int(wait.rounded(.up))) s")
            response.headers[.retryAfter] = "\(Int(wait.rounded(.up)))"
            return response
        }
        let password = login.password
        let accounts = services.accounts
        let account = try await NIOThreadPool.singleton.runIfActive { try accounts.authenticate(name: name, password: Passphrase(password)) }
        guard let account else {
            services.throttle.withLock { $0.recordFailure(user: name, address: address, now: services.now()) }
            try services.record("web:\(name)", "web.login.failed", subject: "from \(address)", reason: "wrong user name or password")
            return Reply.error(.unauthorized, "wrong user name or password")
        }
        services.throttle.withLock { $0.recordSuccess(user: name) }
        let session = try services.sessions.open(for: account.name)
        try services.record("web:\(account.name)", "web.login", subject: "from \(address)", reason: "logged in as \(account.role.rawValue)")
        var response = Response(status: .noContent)
        response.setCookie(SessionCookie.make(session.id, secure: true))
        return response
    }
}

/// The session cookie: `Secure`, `HttpOnly`, `SameSite=Strict`, for the whole console.
/// Browsers accept `Secure` cookies from `http://localhost` and `127.0.0.1` too.
enum SessionCookie {
    static func make(_ id: String, secure: Bool) -> Cookie {
        Cookie(name: AccessControl.sessionCookie, value: id, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func expired(secure: Bool) -> Cookie {
        Cookie(name: AccessControl.sessionCookie, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
