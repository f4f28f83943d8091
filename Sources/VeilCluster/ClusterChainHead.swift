import Foundation

/// A place in the cluster's audit chain as a node saw it when it appended there: the entry's
/// position and hash. Each node keeps the latest in its data directory
/// (`cluster/audit-chain-head.json`), so a database superuser who rewrites the chain, even
/// re-hashing and re-signing all of it, is caught by `veil audit verify` on any node whose
/// head no longer matches.
public struct ClusterChainHead: Codable, Sendable, Hashable {
    public var seq: Int64
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    static func path(dataDirectory: String) -> String { dataDirectory + "/cluster/audit-chain-head.json" }

    /// The head this node kept; nil before its first append.
    public static func kept(dataDirectory: String) throws -> ClusterChainHead? {
        let path = path(dataDirectory: dataDirectory)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(ClusterChainHead.self, from: data)
        } catch {
            throw ClusterError(.configuration, "reading the audit chain head this node saw", database: path,
                               detail: "\(path) is not a chain head (\(error)); it holds the node's anchor against a rewritten chain, "
                                   + "so restore it from a backup rather than deleting it")
        }
    }

    /// Keeps this head unless the one kept is further along (the CLI and the recorder both
    /// append); written to a temporary file, synced, then renamed over the old one.
    func keep(dataDirectory: String) throws {
        if let kept = try? Self.kept(dataDirectory: dataDirectory), kept.seq >= seq { return }
        let path = Self.path(dataDirectory: dataDirectory), temporary = path + ".\(getpid()).partial"
        let bytes = try JSONEncoder().encode(self)
        try FileManager.default.createDirectory(atPath: dataDirectory + "/cluster", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        guard FileManager.default.createFile(atPath: temporary, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            throw ClusterError(.configuration, "keeping the audit chain head", database: path, detail: "cannot create \(temporary)")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ClusterError(.configuration, "keeping the audit chain head", database: path,
                               detail: "cannot rename \(temporary): \(String(cString: strerror(errno)))")
        }
    }
}
