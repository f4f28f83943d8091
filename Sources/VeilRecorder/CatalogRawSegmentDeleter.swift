import Foundation
import VeilArchive
import VeilVault

/// How the vault's sweeper deletes the raw segments of a shredded epoch: through the catalog
/// (rows marked shredded, then files unlinked), then by reading headers for any raw file the
/// catalog never learned about (a crash between rename and insert).
struct CatalogRawSegmentDeleter: RawSegmentDeleting {
    let store: SegmentStore
    let fileSystem: FileSystemRawSegmentDeleter

    func deleteRawSegments(camera: String, epoch: EpochID, period: Range<Date>) throws -> Int {
        let catalogued = try store.deleteRawSegments(camera: camera, epoch: epoch.rawValue)
        return catalogued + (try fileSystem.deleteRawSegments(camera: camera, epoch: epoch, period: period))
    }
}
