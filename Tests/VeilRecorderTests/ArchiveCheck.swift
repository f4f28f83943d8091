import Foundation
import VeilArchive
@testable import VeilRecorder
import VeilVault

/// A data directory checked against its catalog the way an operator would after a stop or a
/// crash: the project's reconciliation, the segment files on disk, and the temporary files.
struct ArchiveCheck {
    let dataDirectory: String

    /// Runs reconciliation as `veil record` does at start-up; returns what it found and repaired.
    func reconcile() throws -> ReconciliationReport {
        try SegmentStore.open(dataDirectory: dataDirectory, hashFile: sha256OfFile).reconcile()
    }

    /// Every regular file under the data directory, relative.
    var files: [String] {
        let enumerator = FileManager.default.enumerator(atPath: dataDirectory)
        return (enumerator?.allObjects as? [String] ?? []).filter {
            (try? FileManager.default.attributesOfItem(atPath: dataDirectory + "/" + $0)[.type] as? FileAttributeType) == .typeRegular
        }.sorted()
    }

    /// Writers' temporary files (segments and vault records) left on disk.
    var temporaryFiles: [String] {
        files.filter { ($0 as NSString).lastPathComponent.hasPrefix(".") && ($0.contains(".partial") || $0.hasSuffix(".tmp")) }
    }

    /// Segment files on disk that the catalog does not list as present, and present rows without a file.
    func disagreements(cameras: [String]) throws -> (uncatalogued: [String], withoutFile: [String]) {
        let catalog = try Catalog(dataDirectory: dataDirectory, readOnly: true)
        var present = Set<String>()
        for camera in cameras {
            present.formUnion(try catalog.segments(camera: camera, overlapping: Date.distantPast..<Date.distantFuture).map(\.path))
        }
        let onDisk = Set(files.filter { $0.hasSuffix(".mp4") || $0.hasSuffix(".veilraw") }.filter { !($0 as NSString).lastPathComponent.hasPrefix(".") })
        return (onDisk.subtracting(present).sorted(), present.subtracting(onDisk).sorted())
    }
}
