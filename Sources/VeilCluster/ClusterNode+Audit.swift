extension ClusterNode {
    /// This node's side of the cluster's audit chain.
    public var auditTrail: NodeAuditTrail { NodeAuditTrail(database: database, node: name) }

    /// Records `key`'s public half as one of this node's audit keys (idempotent).
    public func registerAuditKey(_ key: AuditSigningKey) async throws { try await auditTrail.registerKey(key) }

    /// The highest local seq of this node's entries already in the chain (0: none).
    public func lastAuditSeq() async throws -> Int { try await auditTrail.lastLocalSeq() }

    /// Appends `entry` unless this node's entry of that local seq is there already (see
    /// ``NodeAuditTrail/append(_:key:)``).
    public func appendAudit(_ entry: ClusterAuditEntry, key: AuditSigningKey) async throws {
        try await auditTrail.append(entry, key: key)
    }
}
