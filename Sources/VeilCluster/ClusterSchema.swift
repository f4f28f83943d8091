/// The cluster database's schema, versioned in the `schema_version` table.
///
/// Migration `n` (index `n - 1`) takes the schema from version `n - 1` to `n`; each is a list
/// of statements run in the one migration transaction. Append new migrations; never edit a
/// released one.
///
/// Times of footage are `bigint` microseconds since 1970 UTC, as in the SQLite catalog, stamped
/// by the recording node. Times of cluster coordination (heartbeats, lease expiry) are
/// `timestamptz` from the *database's* clock, so nodes with skewed clocks still agree on them.
/// No column holds key material: epochs appear by name only.
enum ClusterSchema {
    static let migrations: [[String]] = [version1, version2, version3, version4, version5, version6, version7, version8]

    static var currentVersion: Int { migrations.count }

    /// The `pg_advisory_xact_lock` key that serialises migrations ("VEILSCHM" in ASCII), held
    /// until the migrating transaction ends.
    static let migrationLock: Int64 = 0x5645_494C_5343_484D

    /// Created before any migration, under the lock; one row per applied version.
    static let versionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    integer     PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            applied_by text        NOT NULL
        )
        """

    /// Version 1: nodes, cameras, leases (with their logged generation sequence), segments, gaps.
    static let version1 = [
        // Lease generations. A plain (logged) sequence: its value is in the WAL, so after a crash
        // it never hands out a generation it handed out before. Gaps in the numbering are fine;
        // going backwards never is.
        "CREATE SEQUENCE lease_generation AS bigint MINVALUE 1",
        // One row per node name. `instance_id` changes at every start of `veil record`, so a second
        // process using the same name is told apart from a restart of the first.
        """
        CREATE TABLE nodes (
            name               text        PRIMARY KEY,
            advertise_url      text        NOT NULL,
            certificate_sha256 text        NOT NULL CHECK (certificate_sha256 ~ '^[0-9a-f]{64}$'),
            capacity_cameras   integer     NOT NULL CHECK (capacity_cameras >= 0),
            instance_id        uuid        NOT NULL,
            registered_at      timestamptz NOT NULL,
            last_heartbeat     timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE cameras (
            name     text        PRIMARY KEY,
            added_at timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """,
        // At most one row per camera: the latest lease. Released or expired when
        // `expires_at <= clock_timestamp()`; the row stays so the generation is on record.
        """
        CREATE TABLE camera_leases (
            camera      text        PRIMARY KEY REFERENCES cameras (name),
            node        text        NOT NULL REFERENCES nodes (name),
            generation  bigint      NOT NULL,
            acquired_at timestamptz NOT NULL,
            expires_at  timestamptz NOT NULL
        )
        """,
        // `local_id` is the recording node's own catalog id: re-sending a row (after a lost reply,
        // from the outbox) inserts nothing. `role` is decided once, at commit, by the lease check.
        """
        CREATE TABLE segments (
            id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            node                text        NOT NULL REFERENCES nodes (name),
            local_id            bigint      NOT NULL,
            camera              text        NOT NULL REFERENCES cameras (name),
            kind                text        NOT NULL CHECK (kind IN ('redacted', 'raw')),
            start_us            bigint      NOT NULL,
            end_us              bigint      NOT NULL CHECK (end_us > start_us),
            path                text        NOT NULL,
            bytes               bigint      NOT NULL CHECK (bytes >= 0),
            sha256              text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
            epoch               text,
            paired_raw_local_id bigint,
            generation          bigint      NOT NULL,
            role                text        NOT NULL CHECK (role IN ('primary', 'overlap')),
            committed_at        timestamptz NOT NULL,
            UNIQUE (node, local_id),
            CHECK (kind = 'redacted' OR (epoch IS NOT NULL AND paired_raw_local_id IS NULL))
        )
        """,
        "CREATE INDEX segments_by_camera_time ON segments (camera, kind, start_us)",
        """
        CREATE TABLE gaps (
            id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            node        text        NOT NULL REFERENCES nodes (name),
            local_id    bigint      NOT NULL,
            camera      text        NOT NULL REFERENCES cameras (name),
            start_us    bigint      NOT NULL,
            end_us      bigint      NOT NULL CHECK (end_us >= start_us),
            reason      text        NOT NULL,
            detail      text,
            recorded_at timestamptz NOT NULL,
            UNIQUE (node, local_id)
        )
        """,
        "CREATE INDEX gaps_by_camera_time ON gaps (camera, start_us)",
    ]

    /// Version 2, for recording as a cluster: a released lease says so (`released_at`), so the
    /// next holder can tell a hand-over from a failover; every generation ever granted is kept
    /// with its camera and node (`lease_history`), so a late commit can be checked against the
    /// lease it claims; segments are found by role quickly.
    static let version2 = [
        "ALTER TABLE camera_leases ADD COLUMN released_at timestamptz",
        """
        CREATE TABLE lease_history (
            generation  bigint      PRIMARY KEY,
            camera      text        NOT NULL REFERENCES cameras (name),
            node        text        NOT NULL REFERENCES nodes (name),
            acquired_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX segments_primary_by_camera_time ON segments (camera, kind, start_us) WHERE role = 'primary'",
    ]

    /// Version 3: the cluster's audit chain. Every node mirrors its own audit log's entries
    /// into one chain: `seq` is the chain's order, each row's `hash` covers the previous row's
    /// hash and the row itself, and the node signs that hash with its Ed25519 audit key (whose
    /// public half is in `node_audit_keys`). Appends are serialised by an advisory lock.
    static let version3 = [
        """
        CREATE TABLE node_audit_keys (
            node       text        NOT NULL REFERENCES nodes (name),
            public_key text        NOT NULL CHECK (public_key ~ '^[0-9a-f]{64}$'),
            first_seen timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (node, public_key)
        )
        """,
        """
        CREATE TABLE audit_chain (
            seq         bigint      PRIMARY KEY CHECK (seq >= 1),
            node        text        NOT NULL REFERENCES nodes (name),
            local_seq   bigint      NOT NULL,
            time        text        NOT NULL,
            actor       text        NOT NULL,
            action      text        NOT NULL,
            subject     text        NOT NULL,
            reason      text        NOT NULL,
            prev_hash   text        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
            hash        text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
            signer      text        NOT NULL CHECK (signer ~ '^[0-9a-f]{64}$'),
            signature   text        NOT NULL CHECK (signature ~ '^[0-9a-f]{128}$'),
            appended_at timestamptz NOT NULL,
            UNIQUE (node, local_seq)
        )
        """,
    ]

    /// Version 4: a segment's status follows its node's catalog (`present`, `missing`,
    /// `shredded` for raw footage whose key is destroyed, `deleted` by retention), so the
    /// cluster never lists footage its node no longer has.
    static let version4 = [
        """
        ALTER TABLE segments ADD COLUMN status text NOT NULL DEFAULT 'present'
            CHECK (status IN ('present', 'missing', 'shredded', 'deleted'))
        """,
    ]

    /// Version 5: a camera taken out of the cluster's list is retired, not deleted (its
    /// footage rows still name it); retired cameras are neither leased nor compared.
    static let version5 = [
        "ALTER TABLE cameras ADD COLUMN retired_at timestamptz",
    ]

    /// Version 6: staff accounts shared by every node, so a staff member logs in on any node.
    /// `record` is the user's record file as `veil user` wrote it (scrypt password hash and API
    /// token hashes, under a checksum), NULL once the user was removed; `revision` comes from a
    /// logged sequence, so nodes fetch what changed since the last revision they saw.
    static let version6 = [
        "CREATE SEQUENCE staff_revision AS bigint MINVALUE 1",
        """
        CREATE TABLE staff_accounts (
            name       text        PRIMARY KEY,
            record     text,
            revision   bigint      NOT NULL,
            changed_by text        NOT NULL REFERENCES nodes (name),
            changed_at timestamptz NOT NULL
        )
        """,
    ]

    /// Version 7: legal holds placed through the cluster, and the epochs each node shredded.
    /// A hold row is written before the owning node extends the epoch (`placing`), then marked
    /// `placed` or `failed`; a tombstone names an epoch whose key its node destroyed (never the
    /// key itself, which never entered the database).
    static let version7 = [
        """
        CREATE TABLE legal_holds (
            id        bigserial   PRIMARY KEY,
            node      text        NOT NULL REFERENCES nodes (name),
            camera    text        NOT NULL,
            epoch     text        NOT NULL,
            until_us  bigint      NOT NULL,
            officer   text        NOT NULL,
            reason    text        NOT NULL,
            state     text        NOT NULL CHECK (state IN ('placing', 'placed', 'failed')),
            placed_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE epoch_tombstones (
            node        text        NOT NULL REFERENCES nodes (name),
            camera      text        NOT NULL,
            epoch       text        NOT NULL,
            starts_us   bigint      NOT NULL,
            ends_us     bigint      NOT NULL,
            shredded_us bigint      NOT NULL,
            raw_deleted integer,
            recorded_at timestamptz NOT NULL,
            PRIMARY KEY (node, camera, epoch)
        )
        """,
    ]

    /// Version 8: occupancy intervals of every node, as its catalog stored them (figures below
    /// `minimum_count` are NULL: "<N"), keyed like segments by (node, local id) so a re-sent
    /// interval is stored once. Counts only: no identity, no track, no image.
    static let version8 = [
        """
        CREATE TABLE occupancy_intervals (
            node          text             NOT NULL REFERENCES nodes (name),
            local_id      bigint           NOT NULL,
            camera        text,
            kind          text             NOT NULL CHECK (kind IN ('zone', 'line', 'area')),
            name          text             NOT NULL,
            start_us      bigint           NOT NULL,
            end_us        bigint           NOT NULL CHECK (end_us > start_us),
            measures      text             NOT NULL,
            minimum_count integer          NOT NULL,
            mean_people   double precision,
            max_people    integer,
            entries       integer,
            exits         integer,
            recorded_at   timestamptz      NOT NULL,
            PRIMARY KEY (node, local_id)
        )
        """,
        "CREATE INDEX occupancy_intervals_by_time ON occupancy_intervals (start_us, camera, name)",
    ]
}
