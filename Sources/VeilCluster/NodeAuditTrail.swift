import PostgresNIO

/// One node's side of the cluster's audit chain: its signing key registered, its own entries
/// appended once each and in order. Used by the node's cluster member and by the CLI, which
/// appends an audited act's entries before it returns (neither needs the node registered as a
/// running instance).
public struct NodeAuditTrail: Sendable {
    let database: ClusterDatabase
    public let node: String

    public init(database: ClusterDatabase, node: String) {
        self.database = database
        self.node = node
    }

    /// Records `key`'s public half as one of this node's audit keys (idempotent).
    public func registerKey(_ key: AuditSigningKey) async throws {
        _ = try await database.withConnection("registering node \(node)'s audit key") { connection in
            try await connection.query("""
                INSERT INTO node_audit_keys (node, public_key) VALUES (\(node), \(key.publicKey)) ON CONFLICT DO NOTHING
                """, logger: database.logger)
        }
    }

    /// The highest local seq of this node's entries already in the chain (0: none).
    public func lastLocalSeq() async throws -> Int {
        try await database.withConnection("reading node \(node)'s place in the audit chain") { connection in
            let rows = try await connection.query("""
                SELECT coalesce(max(local_seq), 0)::bigint FROM audit_chain WHERE node = \(node)
                """, logger: database.logger)
            return Int(try await rows.decode(Int64.self).first { _ in true } ?? 0)
        }
    }

    /// Appends `entry` to the cluster's audit chain, signed with `key`, unless this node's
    /// entry of that local seq is there already; returns where the entry is in the chain.
    /// Appends from all nodes are serialised by an advisory lock, so the chain has one order
    /// and no fork.
    @discardableResult
    public func append(_ entry: ClusterAuditEntry, key: AuditSigningKey) async throws -> ClusterChainHead {
        let operation = "appending audit entry \(entry.localSeq) of node \(node) to the cluster chain"
        return try await database.withTransaction(operation) { connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(ClusterAudit.appendLock))", logger: database.logger)
            let present = try await connection.query("""
                SELECT seq, hash FROM audit_chain WHERE node = \(node) AND local_seq = \(entry.localSeq)
                """, logger: database.logger)
            if let (seq, hash) = try await present.decode((Int64, String).self).first(where: { _ in true }) {
                return ClusterChainHead(seq: seq, hash: hash)
            }
            let head = try await connection.query("SELECT seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1",
                                                  logger: database.logger)
            let (last, previous) = try await head.decode((Int64, String).self).first { _ in true } ?? (Int64(0), ClusterAuditEntry.genesis)
            let seq = last + 1
            let hash = entry.hash(seq: seq, node: node, previous: previous)
            let signature = try key.sign(hash)
            _ = try await connection.query("""
                INSERT INTO audit_chain (seq, node, local_seq, time, actor, action, subject, reason, prev_hash, hash, signer,
                                         signature, appended_at)
                VALUES (\(seq), \(node), \(entry.localSeq), \(entry.time), \(entry.actor), \(entry.action), \(entry.subject),
                        \(entry.reason), \(previous), \(hash), \(key.publicKey), \(signature), clock_timestamp())
                """, logger: database.logger)
            return ClusterChainHead(seq: seq, hash: hash)
        }
    }

    /// Appends, in order, the entries of `entries` (the node's own log) the chain does not
    /// have yet (after local seq `sent`, or after what the chain says when nil), and keeps the
    /// last one's place as the head this node saw (in `dataDirectory`). Returns the highest
    /// local seq now in the chain.
    public func send(_ entries: [ClusterAuditEntry], key: AuditSigningKey, after sent: Int?,
                     dataDirectory: String) async throws -> Int {
        var last = if let sent { sent } else { try await lastLocalSeq() }
        var head: ClusterChainHead?
        for entry in entries.sorted(by: { $0.localSeq < $1.localSeq }) where entry.localSeq > last {
            head = try await append(entry, key: key)
            last = entry.localSeq
        }
        if let head { try head.keep(dataDirectory: dataDirectory) }
        return last
    }
}
