import Foundation
import HTTPTypes
import Hummingbird
import NIOPosix
import VeilVault
import VeilStaff
import VeilExport
import Logging

/// Runs before every route: finds who is asking (session cookie or `Authorization: Bearer`),
/// applies ``AccessRule``, and refuses a state-changing request that could be forged from
/// another site (CSRF). Adds the security headers every response carries.
struct AccessControl: RouterMiddleware {
    typealias Context = ConsoleContext
    let services: ConsoleServices

    static let sessionCookie = "veil_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: ConsoleContext,
                next: (Request, ConsoleContext) async throws -> Response) async throws -> Response {
        var context = context
        let path = request.uri.path
        var response: Response
        do {
            if AccessRule.of(method: request.method, path: path) == .peer {
                // Another node: its certificate, not a user, is what is checked.
                if let refusal = try await PeerAccess.refusal(of: context.channel, cluster: services.cluster) {
                    response = refusal
                } else {
                    response = try await next(request, context)
                }
            } else {
                context.identity = try await identify(request)
                if let refusal = refusal(of: request, path: path, identity: context.identity) {
                    response = refusal
                } else {
                    response = try await next(request, context)
                }
            }
        } catch let error as ConsoleError {
            response = error.response
        } catch let error as ExportError {
            response = Reply.error(ExportRoutes.status(of: error), error.description)
        } catch let error as any HTTPResponseError {
            // The router's own answers (404 for a path no route has, 405, …).
            response = Reply.error(error.status, "\(error.status.code) \(error.status.reasonPhrase): \(request.method) \(path)")
        } catch {
            context.logger.error("console request failed", metadata: ["path": "\(path)", "error": "\(error)"])
            response = Reply.error(.internalServerError, "\(error)")
        }
        SecurityHeaders.add(to: &response, path: path, overTLS: services.overTLS)
        return response
    }

    private func identify(_ request: Request) async throws -> ConsoleIdentity? {
        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer ") else { return nil }
            let token = String(authorization.dropFirst("Bearer ".count))
            guard let account = try await NIOThreadPool.singleton.runIfActive({ try services.accounts.authenticate(token: token) }) else { return nil }
            return ConsoleIdentity(account: account, session: nil)
        }
        guard let id = request.cookies[Self.sessionCookie]?.value, let session = services.sessions.use(id) else { return nil }
        // Looked up each time: a removed user's sessions end at once.
        guard let account = try await NIOThreadPool.singleton.runIfActive({ try services.accounts.account(session.user) }) else {
            services.sessions.closeAll(of: session.user)
            return nil
        }
        return ConsoleIdentity(account: account, session: session)
    }

    private func refusal(of request: Request, path: String, identity: ConsoleIdentity?) -> Response? {
        if let problem = CSRFCheck.problem(with: request, identity: identity) {
            return Reply.error(.forbidden, problem)
        }
        guard case .requires(let role) = AccessRule.of(method: request.method, path: path) else { return nil }
        guard let identity else {
            if AccessRule.answersWithStatus(path) { return Reply.error(.unauthorized, "log in first: POST /api/session, or send Authorization: Bearer TOKEN") }
            let next = path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_."))) ?? "/"
            return Response(status: .seeOther, headers: [.location: "/login?next=\(next)"])
        }
        guard identity.account.role >= role else {
            return Reply.error(.forbidden, "user '\(identity.account.name)' is a \(identity.account.role.rawValue); this needs the \(role.rawValue) role")
        }
        return nil
    }
}

/// Cookie-authenticated state changes must carry the session's CSRF token; a request whose
/// `Origin` is another site is refused whatever it carries (that also covers the login form,
/// which has no session yet). Bearer tokens are never sent by a browser on its own, so they
/// need neither.
enum CSRFCheck {
    static func problem(with request: Request, identity: ConsoleIdentity?) -> String? {
        guard ![.get, .head, .options].contains(request.method) else { return nil }
        if let origin = request.headers[.origin], let host = request.head.authority {
            guard origin == "https://\(host)" || origin == "http://\(host)" else {
                return "the request comes from another site (Origin \(origin)); refused as a possible cross-site request forgery"
            }
        }
        guard let session = identity?.session else { return nil }
        guard let token = request.headers[AccessControl.csrfHeader], constantTimeEqual(token, session.csrfToken) else {
            return "missing or wrong X-CSRF-Token header (the page sends the one GET /api/session returns); refused as a possible cross-site request forgery"
        }
        return nil
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        return x.count == y.count && zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
