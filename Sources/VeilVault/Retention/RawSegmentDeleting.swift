public import Foundation

/// Deletes the raw (sealed) segment files of a shredded epoch. The archive implements it
/// with its catalog; `FileSystemRawSegmentDeleter` works from the files alone.
public protocol RawSegmentDeleting: Sendable {
    /// Deletes every raw segment of `camera` sealed to `epoch` (whose segments start within
    /// `period`) and returns how many files were deleted. Called after the epoch key is destroyed.
    func deleteRawSegments(camera: String, epoch: EpochID, period: Range<Date>) throws -> Int
}

/// Finds raw segments under `<data_dir>/raw/<camera>/*/` by reading each file's plaintext
/// header, and deletes those naming the epoch (including a writer's leftover temporary
/// files). Files whose header cannot be read are left alone.
public struct FileSystemRawSegmentDeleter: RawSegmentDeleting {
    public let dataDirectory: String

    public init(dataDirectory: String) { self.dataDirectory = dataDirectory }

    public func deleteRawSegments(camera: String, epoch: EpochID, period: Range<Date>) throws -> Int {
        try Identifier.validateCamera(camera, what: "camera id")
        let root = VaultLayout(dataDirectory: dataDirectory).rawCamera(camera)
        var deleted = 0
        for day in try DurableFiles.list(root) where DurableFiles.isDirectory(root + "/" + day) {
            let directory = root + "/" + day
            var removedHere = false
            for name in try DurableFiles.list(directory) where name.hasSuffix(".veilraw") || (name.hasPrefix(".") && name.hasSuffix(".tmp")) {
                let path = directory + "/" + name
                guard let header = try? SealedSegmentHeader.read(from: path), header.camera == camera, header.epoch == epoch else { continue }
                if try DurableFiles.remove(path) {
                    deleted += 1
                    removedHere = true
                }
            }
            if removedHere { try DurableFiles.syncDirectory(directory) }
        }
        return deleted
    }
}
