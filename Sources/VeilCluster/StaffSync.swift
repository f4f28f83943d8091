import Crypto
import Foundation
import Logging
import VeilCore

/// A node's console users, as the cluster member copies them (implemented over the staff
/// account store; every call is blocking file work).
public protocol ClusterStaffDirectory: Sendable {
    /// Every user's record file, by name.
    func recordFiles() throws -> [String: [UInt8]]
    /// Installs a record (checked first); replaces the user's if there is one.
    func install(name: String, record: [UInt8]) throws
    func uninstall(name: String) throws
}

/// Keeps a node's console users and the cluster's the same, so a staff member logs in on any
/// node. Each pass: users added, changed or removed on this node since the last pass (by
/// `veil user` here) are published; then what other nodes published since the last revision
/// seen is installed here. The last writer wins a conflict. What was last in step is kept in
/// `<data>/cluster/staff-sync.json` (names with the SHA-256 of their record, and the revision).
public struct StaffSync: Sendable {
    struct State: Codable, Equatable {
        var revision: Int64 = 0
        var synced: [String: String] = [:]
    }

    let directory: any ClusterStaffDirectory
    let statePath: String

    public init(directory: any ClusterStaffDirectory, dataDirectory: String) {
        self.directory = directory
        statePath = dataDirectory + "/cluster/staff-sync.json"
    }

    func loadState() -> State {
        guard let data = FileManager.default.contents(atPath: statePath),
              let state = try? JSONDecoder().decode(State.self, from: data) else { return State() }
        return state
    }

    func save(_ state: State) throws {
        try FileManager.default.createDirectory(atPath: (statePath as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try JSONEncoder().encode(state).write(to: URL(fileURLWithPath: statePath), options: .atomic)
    }

    static func digest(_ bytes: [UInt8]) -> String { Hex.encode(SHA256.hash(data: bytes)) }
}

extension ClusterMember {
    /// One pass of `StaffSync`: publish this node's changes, then install the others'.
    func syncStaff(_ sync: StaffSync) async throws {
        var state = try await blocking { sync.loadState() }
        let local = try await blocking { try sync.directory.recordFiles() }
        for (name, record) in local.sorted(by: { $0.key < $1.key }) where state.synced[name] != StaffSync.digest(record) {
            try await node.publishStaffRecord(name, record: String(decoding: record, as: UTF8.self))
            state.synced[name] = StaffSync.digest(record)
        }
        for name in state.synced.keys.sorted() where local[name] == nil {
            try await node.publishStaffRecord(name, record: nil)
            state.synced[name] = nil
        }
        for change in try await node.staffChanges(after: state.revision) {
            do {
                if let record = change.record {
                    let bytes = Array(record.utf8)
                    if local[change.name].map(StaffSync.digest) != StaffSync.digest(bytes) {
                        try await blocking { try sync.directory.install(name: change.name, record: bytes) }
                    }
                    state.synced[change.name] = StaffSync.digest(bytes)
                } else {
                    if local[change.name] != nil { try await blocking { try sync.directory.uninstall(name: change.name) } }
                    state.synced[change.name] = nil
                }
            } catch {
                // A record that does not check out (edited in the database) is not installed; the
                // user's record here stays as it was, and the rest of the changes go on.
                logger.error("refused a console user record from the cluster database", metadata: [
                    "user": "\(change.name)", "error": "\(error)"])
            }
            state.revision = change.revision
        }
        let final = state
        try await blocking { try sync.save(final) }
    }
}
