import PostgresNIO

extension ClusterNode {
    /// Records `key`'s public half as one of this node's audit keys (idempotent).
    public func registerAuditKey(_ key: AuditSigningKey) async throws {
        _ = try await database.withConnection("registering node \(name)'s audit key") { connection in
            try await connection.query("""
                INSERT INTO node_audit_keys (node, public_key) VALUES (\(name), \(key.publicKey)) ON CONFLICT DO NOTHING
                """, logger: database.logger)
        }
    }

    /// The highest local seq of this node's entries already in the chain (0: none).
    public func lastAuditSeq() async throws -> Int {
        try await database.withConnection("reading node \(name)'s place in the audit chain") { connection in
            let rows = try await connection.query("""
                SELECT coalesce(max(local_seq), 0)::bigint FROM audit_chain WHERE node = \(name)
                """, logger: database.logger)
            return Int(try await rows.decode(Int64.self).first { _ in true } ?? 0)
        }
    }

    /// Appends `entry` to the cluster's audit chain, signed with `key`, unless this node's
    /// entry of that local seq is there already. Appends from all nodes are serialised by an
    /// advisory lock, so the chain has one order and no fork.
    public func appendAudit(_ entry: ClusterAuditEntry, key: AuditSigningKey) async throws {
        let operation = "appending audit entry \(entry.localSeq) of node \(name) to the cluster chain"
        try await database.withTransaction(operation) { connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(ClusterAudit.appendLock))", logger: database.logger)
            let present = try await connection.query("""
                SELECT 1 FROM audit_chain WHERE node = \(name) AND local_seq = \(entry.localSeq)
                """, logger: database.logger)
            if try await present.decode(Int32.self).first(where: { _ in true }) != nil { return }
            let head = try await connection.query("SELECT seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1",
                                                  logger: database.logger)
            let (last, previous) = try await head.decode((Int64, String).self).first { _ in true } ?? (Int64(0), ClusterAuditEntry.genesis)
            let seq = last + 1
            let hash = entry.hash(seq: seq, node: name, previous: previous)
            let signature = try key.sign(hash)
            _ = try await connection.query("""
                INSERT INTO audit_chain (seq, node, local_seq, time, actor, action, subject, reason, prev_hash, hash, signer,
                                         signature, appended_at)
                VALUES (\(seq), \(name), \(entry.localSeq), \(entry.time), \(entry.actor), \(entry.action), \(entry.subject),
                        \(entry.reason), \(previous), \(hash), \(key.publicKey), \(signature), clock_timestamp())
                """, logger: database.logger)
        }
    }
}
