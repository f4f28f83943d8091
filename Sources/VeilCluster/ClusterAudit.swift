import PostgresNIO

/// The cluster's audit chain checked end to end.
public struct ClusterAuditVerification: Sendable, Hashable {
    public let entryCount: Int
    /// The last entry's hash (hex), nil for an empty chain.
    public let head: String?
    /// The first entry that does not verify, and why; nil when the whole chain does.
    public let problem: (seq: Int64, description: String)?

    public var isIntact: Bool { problem == nil }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.entryCount == rhs.entryCount && lhs.head == rhs.head && lhs.problem?.seq == rhs.problem?.seq
            && lhs.problem?.description == rhs.problem?.description
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entryCount)
        hasher.combine(head)
        hasher.combine(problem?.seq)
    }
}

enum ClusterAudit {
    /// The advisory lock key serialising appends ("VEILAUDT" in ASCII).
    static let appendLock: Int64 = 0x5645_494C_4155_4454
}

extension ClusterDatabase {
    /// Reads the whole chain in order and checks each entry: its seq follows the previous one,
    /// its `prev_hash` is the previous entry's hash, its hash is that of its own fields, and its
    /// signature verifies with a key registered for its node. Stops at the first entry that
    /// fails, naming it.
    public func verifyAuditChain() async throws -> ClusterAuditVerification {
        try await withConnection("verifying the cluster's audit chain") { connection in
            var keys: [String: Set<String>] = [:]
            for try await (node, key) in try await connection.query("SELECT node, public_key FROM node_audit_keys",
                                                                       logger: self.logger).decode((String, String).self) {
                keys[node, default: []].insert(key)
            }
            let rows = try await connection.query("""
                SELECT seq, node, local_seq, time, actor, action, subject, reason, prev_hash, hash, signer, signature
                FROM audit_chain ORDER BY seq
                """, logger: self.logger)
            var count = 0, previous = ClusterAuditEntry.genesis
            var head: String?
            for try await row in rows {
                let (seq, node, localSeq, time, actor, action, subject, reason, prevHash, hash, signer, signature) =
                    try row.decode((Int64, String, Int64, String, String, String, String, String, String, String, String, String).self)
                let entry = ClusterAuditEntry(localSeq: Int(localSeq), time: time, actor: actor, action: action,
                                              subject: subject, reason: reason)
                func failed(_ why: String) -> ClusterAuditVerification {
                    ClusterAuditVerification(entryCount: count, head: head, problem: (seq, why))
                }
                if seq != Int64(count + 1) { return failed("entry \(seq) where entry \(count + 1) should be: an entry is missing") }
                if prevHash != previous { return failed("entry \(seq) (node \(node)) does not follow the entry before it") }
                if entry.hash(seq: seq, node: node, previous: prevHash) != hash {
                    return failed("entry \(seq) (node \(node), \(action)) was changed after it was appended: its hash does not match")
                }
                guard keys[node]?.contains(signer) == true else {
                    return failed("entry \(seq) is signed by a key not registered for node \(node)")
                }
                guard AuditSigningKey.verify(signature: signature, of: hash, publicKey: signer) else {
                    return failed("entry \(seq) (node \(node)) has a signature that does not verify")
                }
                count += 1
                previous = hash
                head = hash
            }
            return ClusterAuditVerification(entryCount: count, head: head, problem: nil)
        }
    }
}
