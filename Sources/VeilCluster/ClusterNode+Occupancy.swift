import PostgresNIO
public import VeilArchive

extension ClusterNode {
    /// Stores this node's occupancy intervals, each once however often it is sent.
    public func recordOccupancy(_ rows: [Catalog.OccupancyOutboxRow]) async throws {
        guard !rows.isEmpty else { return }
        try await database.withTransaction("recording \(rows.count) occupancy interval(s) of node \(name)") { connection in
            for row in rows {
                let start = CatalogTime.microseconds(row.start), end = CatalogTime.microseconds(row.end)
                _ = try await connection.query("""
                    INSERT INTO occupancy_intervals (node, local_id, camera, kind, name, start_us, end_us, measures, minimum_count,
                                                     mean_people, max_people, entries, exits, recorded_at)
                    VALUES (\(name), \(row.localID), \(row.camera), \(row.kind), \(row.name), \(start), \(end), \(row.measures),
                            \(row.minimumCount), \(row.meanPeople), \(row.maxPeople), \(row.entries), \(row.exits), clock_timestamp())
                    ON CONFLICT (node, local_id) DO NOTHING
                    """, logger: database.logger)
            }
        }
    }
}
