internal import GRDB

extension Catalog {
    /// Segments (any status) catalogued directly in `directory` (relative, e.g.
    /// `raw/lobby/2026-11-29`), ordered by path. Uses the path index: `'/'` sorts just
    /// before `'0'`, so `[dir/, dir0)` is exactly the directory's subtree.
    func segments(inDirectory directory: String) throws -> [SegmentRecord] {
        try withDatabase { database in
            try Row.fetchAll(database, sql: """
                SELECT \(Catalog.segmentColumns) FROM segments WHERE path >= ? AND path < ? ORDER BY path
                """, arguments: [directory + "/", directory + "0"]).map(Catalog.segment)
                .filter { !$0.path.dropFirst(directory.count + 1).contains("/") }
        }
    }

    /// Present segments whose directory is none of `directories` (relative paths): their
    /// whole day folder is gone. Streams the table once; only the matches are kept.
    func presentSegments(outside directories: Set<String>) throws -> [SegmentRecord] {
        try withDatabase { database in
            try database.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS reconcile_directories (directory TEXT PRIMARY KEY); "
                                      + "DELETE FROM reconcile_directories")
            for directory in directories {
                try database.execute(sql: "INSERT INTO reconcile_directories VALUES (?)", arguments: [directory + "/"])
            }
            defer { try? database.execute(sql: "DELETE FROM reconcile_directories") }
            // rtrim(path, <path without slashes>) strips the file name, leaving "dir/".
            return try Row.fetchAll(database, sql: """
                SELECT \(Catalog.segmentColumns) FROM segments WHERE status = 'present'
                AND rtrim(path, replace(path, '/', '')) NOT IN (SELECT directory FROM reconcile_directories) ORDER BY path
                """).map(Catalog.segment)
        }
    }
}
