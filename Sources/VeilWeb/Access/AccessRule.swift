import HTTPTypes
import VeilStaff

/// Which role each request needs: every path but the login page, its script and the login
/// call itself needs a logged-in user. The one table to read for "who may do what".
enum AccessRule: Equatable {
    case open
    case requires(StaffRole)
    /// Another node of the cluster, identified by its TLS client certificate (``PeerAccess``).
    case peer

    static func of(method: HTTPRequest.Method, path: String) -> AccessRule {
        switch (method, path) {
        case (.get, "/login"), (.get, "/static/login.js"), (.get, "/static/console.css"), (.post, "/api/session"):
            return .open
        case (.post, "/api/exports"):
            return .requires(.exporter)
        case _ where path.hasPrefix(PeerRoutes.prefix):
            return .peer
        case _ where path.hasPrefix("/api/exports/") || path.hasPrefix("/exports/")
            || (path.hasPrefix("/nodes/") && path.contains("/exports/")):
            return .requires(.exporter)
        case (_, "/status"), (_, "/api/status"):
            return .requires(.admin)
        default:
            return .requires(.viewer)
        }
    }

    /// Whether a refused request gets a status code (API, media, scripts) rather than a
    /// redirect to the login page (pages a person opened).
    static func answersWithStatus(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path.hasPrefix(PeerRoutes.prefix) || path.hasPrefix("/static/") || path.hasSuffix(".m3u8") || path.hasSuffix(".m4s")
            || path.hasSuffix(".mp4") || path.hasSuffix(".json")
    }
}
