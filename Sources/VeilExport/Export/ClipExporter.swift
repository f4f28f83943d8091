public import Foundation
import VeilArchive
import VeilVault

/// What one export produced.
public struct ExportResult: Sendable {
    public let output: String
    public let manifestPath: String
    public let manifest: ExportManifest
    public let plan: ExportPlan
    public let frames: Int
    /// Frames re-encoded at the ends (0 for a keyframe cut).
    public let reencodedFrames: Int
    public let bytes: Int64
    public let actualStart: Date
    public let actualEnd: Date
}

/// Exports a redacted clip of one camera and time range: selects segments from the catalog
/// (read-only), joins them by stream copy into an MP4 with its index at the front (cut at
/// keyframes, or `exact`: the partial GOPs at both ends re-encoded from the redacted
/// pictures), then writes a signed manifest beside it. Both files are written under temporary names and
/// renamed when complete; a failed export leaves neither behind.
public struct ClipExporter: Sendable {
    public let dataDirectory: String
    private let now: @Sendable () -> Date
    /// The cluster node exporting (named in the manifest), nil outside a cluster.
    private let node: String?

    public init(dataDirectory: String, node: String? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        self.dataDirectory = dataDirectory
        self.now = now
        self.node = node
    }

    /// Where the manifest of `output` goes.
    public static func manifestPath(for output: String) -> String { output + ".manifest.json" }

    /// `progress(done, total)` is called after each segment. `keepingFree`: refuse an export
    /// whose clip (about the size of the segments it joins) would leave less than that free on
    /// the output's file system. Throws `ExportError` for every refusal (see its static
    /// members), before anything is written.
    public func export(camera: String, from: Date, to: Date, output: String, force: Bool = false, exact: Bool = false,
                       keepingFree floor: Int64? = nil, progress: (Int, Int) -> Void = { _, _ in }) throws -> ExportResult {
        let manifestPath = Self.manifestPath(for: output)
        try checkDestination(output, manifest: manifestPath, force: force)
        let catalog = try Catalog(dataDirectory: dataDirectory, readOnly: true)
        let plan = try ExportPlan(catalog: catalog, camera: camera, from: from, to: to)
        if let floor { try checkRoom(for: plan, output: output, floor: floor) }

        let folder = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temporaryClip = (folder.isEmpty ? "." : folder) + "/.\(name).\(tag).partial.mp4"
        let temporaryManifest = (folder.isEmpty ? "." : folder) + "/.\(name).\(tag).partial.json"
        defer {
            unlink(temporaryClip)
            unlink(temporaryManifest)
        }
        do {
            return try write(plan, camera: camera, from: from, to: to, output: output, manifestPath: manifestPath, exact: exact,
                             temporaryClip: temporaryClip, temporaryManifest: temporaryManifest, progress: progress)
        } catch where OutOfSpace.caused(error) {
            throw ExportError(.noSpace, OutOfSpace.outputMessage(output, what: "redacted clip of camera \(camera)"))
        }
    }

    /// Writes the clip and its manifest under their temporary names and moves them into place.
    private func write(_ plan: ExportPlan, camera: String, from: Date, to: Date, output: String, manifestPath: String, exact: Bool,
                       temporaryClip: String, temporaryManifest: String, progress: (Int, Int) -> Void) throws -> ExportResult {
        let name = (output as NSString).lastPathComponent
        // Hashed as it is written (the fast-start move hands over every byte), on another
        // thread: no second read, and the hashing overlaps the writing.
        let digest = BackgroundDigest()
        defer { digest.stop() }
        let outcome = try ClipJoiner(dataDirectory: dataDirectory)
            .join(plan.segments, range: plan.requested, into: temporaryClip, exact: exact ? ExactCut(range: plan.requested) : nil,
                  finalBytes: { digest.update($0) }) { progress($0, plan.segments.count) }
        let sha256 = digest.finish()
        let bytes = (try FileManager.default.attributesOfItem(atPath: temporaryClip)[.size] as? NSNumber)?.int64Value ?? 0
        let manifest = try ExportManifest(
            formatVersion: 1, camera: camera,
            requested: .init(from: Timestamps.format(from), to: Timestamps.format(to)),
            actual: .init(from: Timestamps.format(outcome.actualStart), to: Timestamps.format(outcome.actualEnd)),
            gaps: plan.gaps.map { .init(start: Timestamps.format($0.start), end: Timestamps.format($0.end), reason: $0.reason) },
            segments: plan.segments.map {
                .init(path: $0.path, start: Timestamps.format($0.start), end: Timestamps.format($0.end),
                      sha256: $0.sha256, pairedRawSHA256: $0.pairedRawSHA256)
            },
            output: .init(file: name, sha256: sha256, bytes: bytes, frames: outcome.frames,
                          reencodedFrames: exact ? outcome.reencodedFrames : nil),
            exact: exact ? true : nil,
            tool: exact ? ExportManifest.exactToolVersion : ExportManifest.toolVersion, createdAt: Timestamps.format(now()), signature: nil,
            node: node
        ).signed(with: ExportKeyStore(dataDirectory: dataDirectory))
        try manifest.encoded().write(to: URL(fileURLWithPath: temporaryManifest))
        try moveIntoPlace(temporaryClip, output)
        try moveIntoPlace(temporaryManifest, manifestPath)
        return ExportResult(output: output, manifestPath: manifestPath, manifest: manifest, plan: plan, frames: outcome.frames,
                            reencodedFrames: outcome.reencodedFrames, bytes: bytes, actualStart: outcome.actualStart, actualEnd: outcome.actualEnd)
    }

    private func checkDestination(_ output: String, manifest: String, force: Bool) throws {
        let folder = (output as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw ExportError(.outputFolderMissing, "the folder \(folder) for \(output) does not exist; create it first or choose another -o path.")
        }
        guard !force else { return }
        for path in [output, manifest] where FileManager.default.fileExists(atPath: path) {
            throw ExportError(.outputExists, "\(path) already exists; choose another -o path, or pass --force to replace it (and its manifest).")
        }
    }

    private func checkRoom(for plan: ExportPlan, output: String, floor: Int64) throws {
        let folder = (output as NSString).deletingLastPathComponent
        let needed = plan.segments.reduce(Int64(0)) { $0 + $1.bytes }
        let free = try FileSystem.freeBytes(folder.isEmpty ? "." : folder)
        guard free - needed < floor else { return }
        func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
        throw ExportError(.noSpace, "exporting this range needs about \(megabytes(needed)), and the file system of \(folder) has "
                          + "\(megabytes(free)) free, of which \(megabytes(floor)) is kept free for recording (storage.minFreeBytes): "
                          + "export a shorter range, or free space on the data disk")
    }

    private func moveIntoPlace(_ temporary: String, _ path: String) throws {
        guard rename(temporary, path) == 0 else {
            throw ExportError(.outputFolderMissing, "cannot rename \(temporary) to \(path): \(String(cString: strerror(errno))). Check the folder's permissions and free space.")
        }
    }
}
