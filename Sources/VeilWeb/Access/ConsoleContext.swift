import Hummingbird
import NIOCore
import VeilStaff

/// Who is asking: a user from a session cookie or an API token.
struct ConsoleIdentity: Sendable {
    let account: StaffAccount
    /// The session, when the request came with the cookie (then CSRF rules apply).
    let session: SessionStore.Session?

    var actor: String { "web:\(account.name)" }
}

/// Hummingbird's per-request context, with the client's address and, once the access check
/// has run, the identity.
struct ConsoleContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The peer's IP address, for rate limits and the audit log.
    let clientAddress: String
    var identity: ConsoleIdentity?
    /// The connection, whose TLS client certificate (if any) identifies another node.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        identity = nil
    }

    /// The identity the access check established; only routes it lets through call this.
    var user: ConsoleIdentity {
        get throws {
            guard let identity else { throw ConsoleError(.unauthorized, "log in first") }
            return identity
        }
    }
}
