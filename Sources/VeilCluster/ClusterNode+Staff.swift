import PostgresNIO

extension ClusterNode {
    /// Stores user `name`'s record (nil: removed) as changed by this node, under a new revision.
    @discardableResult
    public func publishStaffRecord(_ name: String, record: String?) async throws -> Int64 {
        try await database.withConnection("sharing console user \(name) from node \(self.name)") { connection in
            let rows = try await connection.query("""
                INSERT INTO staff_accounts (name, record, revision, changed_by, changed_at)
                VALUES (\(name), \(record), nextval('staff_revision'), \(self.name), clock_timestamp())
                ON CONFLICT (name) DO UPDATE
                    SET record = excluded.record, revision = excluded.revision, changed_by = excluded.changed_by,
                        changed_at = excluded.changed_at
                RETURNING revision
                """, logger: database.logger)
            return try await rows.decode(Int64.self).first { _ in true } ?? 0
        }
    }

    /// Users changed after `revision` (their record, nil if removed), oldest change first.
    public func staffChanges(after revision: Int64) async throws -> [(name: String, record: String?, revision: Int64)] {
        try await database.withConnection("reading console users changed in the cluster") { connection in
            let rows = try await connection.query("""
                SELECT name, record, revision FROM staff_accounts WHERE revision > \(revision) ORDER BY revision
                """, logger: database.logger)
            var changes: [(name: String, record: String?, revision: Int64)] = []
            for try await (name, record, revision) in rows.decode((String, String?, Int64).self) {
                changes.append((name, record, revision))
            }
            return changes
        }
    }
}
