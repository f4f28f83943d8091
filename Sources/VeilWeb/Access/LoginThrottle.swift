import Foundation

/// Limits failed logins per user name and per client address over a sliding window, so a
/// password cannot be guessed online (each guess also costs the server an scrypt run). A
/// value type: the console keeps one behind a lock; time is passed in.
struct LoginThrottle: Sendable {
    struct Limits: Sendable {
        /// Failed logins of one user name allowed in `window`.
        var perUser = 5
        /// Failed logins from one address allowed in `window` (several users behind one NAT).
        var perAddress = 20
        var window: TimeInterval = 15 * 60
    }

    let limits: Limits
    private var failuresByUser: [String: [Date]] = [:]
    private var failuresByAddress: [String: [Date]] = [:]

    init(limits: Limits = .init()) {
        self.limits = limits
    }

    /// How long until `user` from `address` may try again; nil when a try is allowed now.
    func retryAfter(user: String, address: String, now: Date) -> TimeInterval? {
        let waits = [(failuresByUser[user] ?? [], limits.perUser), (failuresByAddress[address] ?? [], limits.perAddress)]
            .compactMap { failures, limit -> TimeInterval? in
                let recent = failures.filter { now.timeIntervalSince($0) < limits.window }
                guard recent.count >= limit else { return nil }
                return recent[recent.count - limit].addingTimeInterval(limits.window).timeIntervalSince(now)
            }
        return waits.max()
    }

    mutating func recordFailure(user: String, address: String, now: Date) {
        failuresByUser[user, default: []].append(now)
        failuresByAddress[address, default: []].append(now)
        prune(now: now)
    }

    /// A success clears the user's failures, not the address's (one good account must not
    /// unlock guessing at the others from the same place).
    mutating func recordSuccess(user: String) {
        failuresByUser[user] = nil
    }

    private mutating func prune(now: Date) {
        let keep = { (dates: [Date]) in dates.filter { now.timeIntervalSince($0) < self.limits.window } }
        failuresByUser = failuresByUser.mapValues(keep).filter { !$0.value.isEmpty }
        failuresByAddress = failuresByAddress.mapValues(keep).filter { !$0.value.isEmpty }
    }
}
