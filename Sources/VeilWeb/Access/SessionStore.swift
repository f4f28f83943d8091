import Foundation
import Synchronization
import VeilVault

/// Logged-in browser sessions, in memory only (a restart logs everyone out). A session ends
/// when unused for the idle limit, at the absolute limit after its login, at logout, or when
/// its user is removed. Its identifier and CSRF token are 32 random bytes each.
final class SessionStore: Sendable {
    struct Session: Sendable, Hashable {
        let id: String
        let user: String
        /// Sent by the page with every state-changing request (`X-CSRF-Token`).
        let csrfToken: String
        let created: Date
        var lastUsed: Date
    }

    private let idleTimeout: TimeInterval
    private let lifetime: TimeInterval
    private let now: @Sendable () -> Date
    private let sessions = Mutex<[String: Session]>([:])

    init(idleTimeout: TimeInterval, lifetime: TimeInterval, now: @escaping @Sendable () -> Date = { Date() }) {
        self.idleTimeout = idleTimeout
        self.lifetime = lifetime
        self.now = now
    }

    /// A new session for `user`.
    func open(for user: String) throws -> Session {
        let time = now()
        let session = Session(id: try RandomToken.hex(), user: user,
                              csrfToken: try RandomToken.hex(), created: time, lastUsed: time)
        sessions.withLock { sessions in
            sessions = sessions.filter { isAlive($0.value, at: time) }
            sessions[session.id] = session
        }
        return session
    }

    /// The live session `id`, marked as used now; nil when unknown or expired (and then forgotten).
    func use(_ id: String) -> Session? {
        let time = now()
        return sessions.withLock { sessions in
            guard var session = sessions[id] else { return nil }
            guard isAlive(session, at: time) else {
                sessions[id] = nil
                return nil
            }
            session.lastUsed = time
            sessions[id] = session
            return session
        }
    }

    func close(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// Ends every session of `user` (removed, or their password changed).
    func closeAll(of user: String) {
        sessions.withLock { sessions in sessions = sessions.filter { $0.value.user != user } }
    }

    private func isAlive(_ session: Session, at time: Date) -> Bool {
        time.timeIntervalSince(session.lastUsed) < idleTimeout && time.timeIntervalSince(session.created) < lifetime
    }
}
