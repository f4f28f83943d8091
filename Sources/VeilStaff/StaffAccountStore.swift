public import Foundation
import VeilCore
public import VeilVault

/// The staff console's users, one record file each under `<data>/web/users/`, written as the
/// vault's record files. Passwords are kept as scrypt hashes (the officers' KDF, from the
/// vault); API tokens as SHA-256. Every change is appended to the audit log by the CLI that
/// makes it. Safe to read from several threads; changes are made by one `veil user` process at
/// a time (each file is replaced atomically).
public struct StaffAccountStore: Sendable {
    public let directory: String
    private let parameters: ScryptParameters
    private let now: @Sendable () -> Date

    /// `parameters` only for tests: the default is the vault's standard cost.
    public init(dataDirectory: String, parameters: ScryptParameters = .standard, now: @escaping @Sendable () -> Date = { Date() }) {
        directory = dataDirectory + "/web/users"
        self.parameters = parameters
        self.now = now
    }

    /// Shortest password `veil user add` accepts.
    public static let minimumPasswordLength = 12

    private func path(_ name: String) -> String { directory + "/" + name + ".user" }

    public func add(name: String, role: StaffRole, password: borrowing Passphrase) throws -> StaffAccount {
        try Identifier.validate(name, what: "user name")
        try Self.checkLength(of: password, for: name)
        let record = StaffAccountRecord(format: StaffAccountRecord.formatName, name: name, role: role,
                                        createdAt: Canonical.milliseconds(now()),
                                        password: try StaffAccountRecord.hash(password, parameters: parameters), tokens: [])
        try DurableFiles.createDirectories(directory)
        guard try DurableFiles.createExclusively(path(name), with: RecordFile.encode(record)) else {
            throw VaultError(.userExists, "console user '\(name)' already exists; choose another name, or change their password with `veil user passwd \(name)`.")
        }
        return record.account
    }

    /// Every user, by name. A tampered or corrupt record is refused (the whole list fails):
    /// the console must not guess who may log in.
    public func list() throws -> [StaffAccount] {
        try records().map(\.account)
    }

    public func account(_ name: String) throws -> StaffAccount? {
        try record(name)?.account
    }

    /// The user, if `password` is theirs; nil for an unknown user or a wrong password (the
    /// caller cannot tell which, and both cost one scrypt derivation).
    public func authenticate(name: String, password: borrowing Passphrase) throws -> StaffAccount? {
        guard (try? Identifier.validate(name, what: "user name")) != nil, let record = try record(name) else {
            // Same work as a real check, so timing does not reveal which names exist.
            _ = try StaffAccountRecord.hash(password, parameters: parameters)
            return nil
        }
        return try record.accepts(password) ? record.account : nil
    }

    /// The user holding API token `token`, if any.
    public func authenticate(token: String) throws -> StaffAccount? {
        let digest = SHA256Digest(hashing: Array(token.utf8)).hex
        return try records().first { $0.tokens.contains { $0.sha256 == digest } }?.account
    }

    public func changePassword(name: String, to password: borrowing Passphrase) throws {
        try Self.checkLength(of: password, for: name)
        var record = try existing(name)
        record.password = try StaffAccountRecord.hash(password, parameters: parameters)
        try DurableFiles.replace(path(name), with: RecordFile.encode(record))
    }

    /// Issues a new API token for `name`; returns it (shown once, never stored) and its identifier.
    public func issueToken(name: String) throws -> (token: String, id: String) {
        var record = try existing(name)
        let token = "veil_" + Hex.encode(try SecureRandom.bytes(count: 32))
        let id = String(token.dropFirst(5).prefix(8))
        record.tokens.append(.init(id: id, sha256: SHA256Digest(hashing: Array(token.utf8)).hex, createdAt: Canonical.milliseconds(now())))
        try DurableFiles.replace(path(name), with: RecordFile.encode(record))
        return (token, id)
    }

    /// Removes the user and their tokens: they can no longer log in, and sessions they hold
    /// end at their next request (the console looks the user up each time).
    public func remove(name: String) throws {
        _ = try existing(name)
        _ = try DurableFiles.remove(path(name))
    }

    private func existing(_ name: String) throws -> StaffAccountRecord {
        try Identifier.validate(name, what: "user name")
        guard let record = try record(name) else {
            let known = (try? list().map(\.name)) ?? []
            throw VaultError(.unknownUser, "no console user '\(name)' (users: \(known.isEmpty ? "none yet" : known.joined(separator: ", "))). Add one with `veil user add \(name) --role viewer`.")
        }
        return record
    }

    private func record(_ name: String) throws -> StaffAccountRecord? {
        let path = path(name)
        guard DurableFiles.exists(path) else { return nil }
        return try RecordFile.read(StaffAccountRecord.self, at: path, what: "console user record").validated(path: path)
    }

    private func records() throws -> [StaffAccountRecord] {
        guard DurableFiles.isDirectory(directory) else { return [] }
        return try DurableFiles.list(directory).filter { $0.hasSuffix(".user") && !$0.hasPrefix(".") }.sorted().map { file in
            let path = directory + "/" + file
            return try RecordFile.read(StaffAccountRecord.self, at: path, what: "console user record").validated(path: path)
        }
    }

    private static func checkLength(of password: borrowing Passphrase, for name: String) throws {
        guard password.count >= minimumPasswordLength else {
            throw VaultError(.invalidArgument, "the password for console user '\(name)' is \(password.count) characters; use at least \(minimumPasswordLength).")
        }
    }
}
