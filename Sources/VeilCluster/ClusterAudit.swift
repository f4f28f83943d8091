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

/// What one node knows of its own part of the chain, which a database superuser cannot
/// change: the head it saw when it last appended, its signing key, and its own audit log.
public struct NodeAuditAnchor: Sendable {
    public var node: String
    public var head: ClusterChainHead?
    public var publicKey: String
    /// The node's own log by local seq.
    public var entries: [Int: ClusterAuditEntry]

    public init(node: String, head: ClusterChainHead?, publicKey: String, entries: [ClusterAuditEntry]) {
        self.node = node
        self.head = head
        self.publicKey = publicKey
        self.entries = Dictionary(entries.map { ($0.localSeq, $0) }, uniquingKeysWith: { first, _ in first })
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
    ///
    /// With `anchor` (a node verifying), also: the entry at the head the node saw is still
    /// there with the same hash, and every entry under the node's name is signed with its own
    /// key and carries exactly what its own log says. That catches a rewrite that re-hashes and
    /// re-signs the chain with a key registered by whoever controls the database.
    public func verifyAuditChain(anchor: NodeAuditAnchor? = nil) async throws -> ClusterAuditVerification {
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
                if let anchor {
                    if let head = anchor.head, head.seq == seq, head.hash != hash {
                        return failed("entry \(seq) is not the entry node \(anchor.node) saw there when it appended "
                                      + "(hash \(head.hash.prefix(16))…, now \(hash.prefix(16))…): the chain was rewritten")
                    }
                    if node == anchor.node {
                        guard signer == anchor.publicKey else {
                            return failed("entry \(seq) is signed for node \(node) by a key that is not this node's own")
                        }
                        guard anchor.entries[Int(localSeq)] == entry else {
                            return failed("entry \(seq) differs from entry \(localSeq) of node \(node)'s own audit log")
                        }
                    }
                }
                count += 1
                previous = hash
                head = hash
            }
            if let seen = anchor?.head, seen.seq > Int64(count) {
                return ClusterAuditVerification(entryCount: count, head: head, problem: (Int64(count + 1),
                    "the chain ends at entry \(count), but node \(anchor!.node) saw it reach entry \(seen.seq): entries were removed"))
            }
            return ClusterAuditVerification(entryCount: count, head: head, problem: nil)
        }
    }
}

/// One entry of the cluster's audit chain as `veil audit show --cluster` prints it.
public struct ClusterAuditRow: Sendable, Hashable {
    public let seq: Int64
    public let node: String
    public let entry: ClusterAuditEntry
}

extension ClusterDatabase {
    /// The chain's entries in order; with `last`, only the newest `last`.
    public func auditEntries(last: Int? = nil) async throws -> [ClusterAuditRow] {
        let limit = Int64(max(0, last ?? Int.max))
        return try await withConnection("reading the cluster's audit chain") { connection in
            let rows = try await connection.query("""
                SELECT seq, node, local_seq, time, actor, action, subject, reason FROM (
                    SELECT * FROM audit_chain ORDER BY seq DESC LIMIT \(limit)) newest
                ORDER BY seq
                """, logger: logger)
            var entries: [ClusterAuditRow] = []
            for try await (seq, node, localSeq, time, actor, action, subject, reason) in
                rows.decode((Int64, String, Int64, String, String, String, String, String).self) {
                entries.append(ClusterAuditRow(seq: seq, node: node, entry: ClusterAuditEntry(
                    localSeq: Int(localSeq), time: time, actor: actor, action: action, subject: subject, reason: reason)))
            }
            return entries
        }
    }
}
