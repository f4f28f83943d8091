import Foundation

extension EpochKeyStore {
    /// Paths of every epoch key record, oldest epoch first per camera.
    func recordPaths() throws -> [String] {
        try cameraFiles(under: layout.epochs, suffix: ".key")
    }

    /// Paths of every tombstone.
    func tombstonePaths() throws -> [String] {
        try cameraFiles(under: layout.tombstones, suffix: ".tomb")
    }

    func tombstone(camera: String, epoch: EpochID) throws -> Tombstone? {
        let path = layout.tombstone(camera: camera, epoch: epoch)
        guard DurableFiles.exists(path) else { return nil }
        return try readTombstone(at: path)
    }

    func readTombstone(at path: String) throws -> Tombstone {
        let tombstone = try RecordFile.read(Tombstone.self, at: path, what: "tombstone")
        guard tombstone.format == Tombstone.formatName, let epoch = EpochID(rawValue: tombstone.epoch),
              layout.tombstone(camera: tombstone.camera, epoch: epoch) == path else {
            throw VaultError(.keyRecordTampered, "tombstone \(path) does not match its location or format; restore it from a backup.")
        }
        guard Canonical.areRepresentable(tombstone.startsAt, tombstone.endsAt, tombstone.expiresAt, tombstone.shreddedAt) else {
            throw VaultError(.keyRecordCorrupt, "tombstone \(path) holds a time outside years 1–9999: it was damaged or edited; restore it from a backup.")
        }
        guard tombstone.startsAt < tombstone.endsAt, tombstone.endsAt <= tombstone.expiresAt else {
            throw VaultError(.keyRecordCorrupt, "tombstone \(path) has its times out of order (the epoch must start before it ends, and end before it expires): it was damaged or edited; restore it from a backup.")
        }
        return tombstone
    }

    func writeTombstone(_ tombstone: Tombstone) throws {
        try DurableFiles.replace(layout.tombstone(camera: tombstone.camera, epoch: EpochID(rawValue: tombstone.epoch)!),
                                 with: RecordFile.encode(tombstone))
    }

    /// Overwrites, fsyncs and unlinks the key record, then fsyncs its directory.
    func destroyKey(camera: String, epoch: EpochID) throws {
        try DurableFiles.shred(layout.epochKey(camera: camera, epoch: epoch))
    }

    /// Finishes shreds a crash interrupted: a key record beside its epoch's tombstone (written
    /// first by every shred) is destroyed now, whatever state the crash left it in — intact,
    /// or half overwritten with noise and so unreadable. Returns the paths destroyed. Call with
    /// the vault lock held, before records are validated.
    func finishInterruptedShreds() throws -> [String] {
        var destroyed: [String] = []
        for path in try recordPaths() {
            let camera = DurableFiles.fileName(of: DurableFiles.directory(of: path))
            guard let epoch = EpochID(rawValue: String(DurableFiles.fileName(of: path).dropLast(".key".count))),
                  DurableFiles.exists(layout.tombstone(camera: camera, epoch: epoch)),
                  layout.epochKey(camera: camera, epoch: epoch) == path else { continue }
            try DurableFiles.shred(path)
            destroyed.append(path)
        }
        return destroyed
    }

    /// Removes temporary files a crash left in the vault (they hold only public or
    /// wrapped data). Returns their paths. Call with the vault lock held: every record
    /// writer holds it, so no temporary file in use can be removed.
    func removeStaleTemporaryFiles() throws -> [String] {
        var removed: [String] = []
        for directory in [layout.officers] + (try DurableFiles.list(layout.epochs).map { layout.epochs + "/" + $0 })
            + (try DurableFiles.list(layout.tombstones).map { layout.tombstones + "/" + $0 }) {
            for name in try DurableFiles.list(directory) where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                try DurableFiles.remove(directory + "/" + name)
                removed.append(directory + "/" + name)
            }
        }
        return removed
    }

    private func cameraFiles(under root: String, suffix: String) throws -> [String] {
        var paths: [String] = []
        for camera in try DurableFiles.list(root) where !camera.hasPrefix(".") && DurableFiles.isDirectory(root + "/" + camera) {
            for name in try DurableFiles.list(root + "/" + camera) where name.hasSuffix(suffix) && !name.hasPrefix(".") {
                paths.append(root + "/" + camera + "/" + name)
            }
        }
        return paths
    }
}
