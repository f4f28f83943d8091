internal import GRDB

/// The catalog's schema and its migrations, versioned with SQLite's `user_version`.
///
/// Times are `INTEGER` microseconds since 1970-01-01T00:00:00Z (UTC): exact, compact,
/// ordered, and cheap to compare in range queries. A segment or gap covers the half-open
/// interval `[start_us, end_us)`. Paths are relative to the data directory.
///
/// Migration `n` (index `n - 1`) takes the schema from version `n - 1` to `n`. Append new
/// migrations; never edit a released one.
enum Schema {
    static let migrations: [String] = [version1, version2, version3, version4, version5]

    static var currentVersion: Int { migrations.count }

    /// Version 1: segments (with the paired raw segment's id and hash beside each redacted
    /// segment) and gaps.
    static let version1 = """
        CREATE TABLE segments (
            id                INTEGER PRIMARY KEY,
            camera            TEXT    NOT NULL,
            kind              TEXT    NOT NULL CHECK (kind IN ('redacted', 'raw')),
            start_us          INTEGER NOT NULL,
            end_us            INTEGER NOT NULL CHECK (end_us > start_us),
            path              TEXT    NOT NULL UNIQUE,
            bytes             INTEGER NOT NULL CHECK (bytes >= 0),
            sha256            TEXT    NOT NULL CHECK (length(sha256) = 64),
            epoch             TEXT,
            paired_raw_id     INTEGER REFERENCES segments(id) ON DELETE SET NULL,
            paired_raw_sha256 TEXT    CHECK (paired_raw_sha256 IS NULL OR length(paired_raw_sha256) = 64),
            status            TEXT    NOT NULL DEFAULT 'present' CHECK (status IN ('present', 'missing', 'shredded')),
            recorded_us       INTEGER NOT NULL,
            CHECK (kind = 'redacted' OR (epoch IS NOT NULL AND paired_raw_id IS NULL AND paired_raw_sha256 IS NULL))
        );
        CREATE INDEX segments_by_camera_time ON segments (camera, kind, start_us);
        CREATE INDEX segments_by_kind_time ON segments (kind, start_us);
        CREATE INDEX segments_by_epoch ON segments (camera, epoch) WHERE kind = 'raw';
        CREATE INDEX segments_by_paired_raw ON segments (paired_raw_id) WHERE paired_raw_id IS NOT NULL;

        CREATE TABLE gaps (
            id       INTEGER PRIMARY KEY,
            camera   TEXT    NOT NULL,
            start_us INTEGER NOT NULL,
            end_us   INTEGER NOT NULL CHECK (end_us >= start_us),
            reason   TEXT    NOT NULL,
            detail   TEXT
        );
        CREATE INDEX gaps_by_camera_time ON gaps (camera, start_us);
        """

    /// Version 2: anonymous occupancy aggregates, one row per camera zone or line (or building
    /// area, camera NULL) and interval. Nothing per person: no track, position or time finer
    /// than the interval. A figure below `minimum_count` is stored as NULL ("<N"), and the
    /// CHECKs refuse an exact figure below it, so no bug upstream can store one. `measures`
    /// says which figures apply: people (mean, max), crossings (entries, exits) or both.
    static let version2 = """
        CREATE TABLE occupancy (
            id            INTEGER PRIMARY KEY,
            camera        TEXT,
            kind          TEXT    NOT NULL CHECK (kind IN ('zone', 'line', 'area')),
            name          TEXT    NOT NULL,
            start_us      INTEGER NOT NULL,
            end_us        INTEGER NOT NULL CHECK (end_us > start_us),
            measures      TEXT    NOT NULL CHECK (measures IN ('people', 'crossings', 'both')),
            minimum_count INTEGER NOT NULL CHECK (minimum_count >= 1),
            mean_people   REAL    CHECK (mean_people IS NULL OR mean_people >= minimum_count),
            max_people    INTEGER CHECK (max_people IS NULL OR max_people >= minimum_count),
            entries       INTEGER CHECK (entries IS NULL OR entries >= minimum_count),
            exits         INTEGER CHECK (exits IS NULL OR exits >= minimum_count),
            CHECK ((kind = 'area') = (camera IS NULL))
        );
        CREATE INDEX occupancy_by_time ON occupancy (start_us, camera, name);
        """

    /// Version 3: cluster mode's outbox. While this node holds a camera's lease,
    /// `cluster_leases` has the lease's generation, and every segment or gap the camera
    /// catalogues gets an outbox row stating that generation, in the same transaction (the
    /// triggers), so a crash can never leave a catalogued row the cluster will not hear of. The
    /// replicator sends unsent rows to PostgreSQL (idempotently, by local id) and marks them
    /// sent. A gap widened after it was sent is sent again. Without cluster mode both tables
    /// stay empty.
    static let version3 = """
        CREATE TABLE cluster_leases (
            camera     TEXT    PRIMARY KEY,
            generation INTEGER NOT NULL CHECK (generation > 0)
        );
        CREATE TABLE cluster_queue (
            kind       TEXT    NOT NULL CHECK (kind IN ('segment', 'gap')),
            local_id   INTEGER NOT NULL,
            generation INTEGER NOT NULL,
            sent       INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1)),
            PRIMARY KEY (kind, local_id)
        );
        CREATE INDEX cluster_queue_unsent ON cluster_queue (local_id) WHERE sent = 0;
        CREATE TRIGGER cluster_queue_segment AFTER INSERT ON segments BEGIN
            INSERT INTO cluster_queue (kind, local_id, generation)
            SELECT 'segment', NEW.id, generation FROM cluster_leases WHERE camera = NEW.camera;
        END;
        CREATE TRIGGER cluster_queue_pairing AFTER UPDATE OF paired_raw_id ON segments BEGIN
            UPDATE cluster_queue SET sent = 0 WHERE kind = 'segment' AND local_id = NEW.id;
        END;
        CREATE TRIGGER cluster_queue_gap AFTER INSERT ON gaps BEGIN
            INSERT INTO cluster_queue (kind, local_id, generation)
            SELECT 'gap', NEW.id, generation FROM cluster_leases WHERE camera = NEW.camera;
        END;
        CREATE TRIGGER cluster_queue_gap_widened AFTER UPDATE OF start_us, end_us ON gaps BEGIN
            UPDATE cluster_queue SET sent = 0 WHERE kind = 'gap' AND local_id = NEW.id;
        END;
        """

    /// Version 4: what retention does reaches the cluster too. A segment whose status changes
    /// (a raw segment shredded, a file found missing) is owed again with its new status; one
    /// deleted from the catalog is owed as a deletion (`deleted`), so PostgreSQL never lists
    /// footage its node no longer has.
    static let version4 = """
        ALTER TABLE cluster_queue ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1));
        CREATE TRIGGER cluster_queue_status AFTER UPDATE OF status ON segments BEGIN
            UPDATE cluster_queue SET sent = 0 WHERE kind = 'segment' AND local_id = NEW.id;
        END;
        CREATE TRIGGER cluster_queue_deleted AFTER DELETE ON segments BEGIN
            UPDATE cluster_queue SET sent = 0, deleted = 1 WHERE kind = 'segment' AND local_id = OLD.id;
        END;
        """

    /// Version 5: occupancy intervals reach the cluster too. An interval of a camera this node
    /// holds the lease of, or of a building area while the node holds any lease (it is in a
    /// cluster), is queued in the same transaction as the interval; an interval forgotten by
    /// occupancy retention before it was sent is dropped from the queue.
    static let version5 = """
        CREATE TABLE cluster_occupancy_queue (
            local_id INTEGER PRIMARY KEY,
            sent     INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1))
        );
        CREATE INDEX cluster_occupancy_queue_unsent ON cluster_occupancy_queue (local_id) WHERE sent = 0;
        CREATE TRIGGER cluster_queue_occupancy AFTER INSERT ON occupancy
        WHEN NEW.camera IN (SELECT camera FROM cluster_leases)
             OR (NEW.camera IS NULL AND EXISTS (SELECT 1 FROM cluster_leases)) BEGIN
            INSERT INTO cluster_occupancy_queue (local_id) VALUES (NEW.id);
        END;
        """

    /// Brings `database` to `currentVersion`, one migration per transaction. A database
    /// written by a newer Veil (higher version) is refused rather than misread.
    static func migrate(_ database: Database, path: String) throws {
        var version = try userVersion(database)
        if version == currentVersion { return }
        try checkNotNewer(version, path: path)
        while version < currentVersion {
            try database.inTransaction(.immediate) {
                // Re-read inside the write lock: another process may have migrated meanwhile.
                let now = try userVersion(database)
                try checkNotNewer(now, path: path)
                guard now == version else { return .commit }
                try database.execute(sql: migrations[version])
                try database.execute(sql: "PRAGMA user_version = \(version + 1)")
                return .commit
            }
            version = try userVersion(database)
        }
    }

    /// Refuses a database whose version is not exactly the current one (for read-only use).
    static func requireCurrent(_ database: Database, path: String) throws {
        let version = try userVersion(database)
        try checkNotNewer(version, path: path)
        guard version == currentVersion else {
            throw ArchiveError(.outdatedSchema, "reading the catalog schema", path: path,
                               detail: "schema version \(version), expected \(currentVersion); run `veil record` once to upgrade it")
        }
    }

    static func userVersion(_ database: Database) throws -> Int {
        try Int.fetchOne(database, sql: "PRAGMA user_version") ?? 0
    }

    private static func checkNotNewer(_ version: Int, path: String) throws {
        guard version <= currentVersion else {
            throw ArchiveError(.newerSchema, "reading the catalog schema", path: path,
                               detail: "schema version \(version) is newer than this Veil's \(currentVersion)")
        }
    }
}
