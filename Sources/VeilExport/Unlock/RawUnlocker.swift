public import Foundation
import VeilArchive
public import VeilVault

/// What an officer asks to unlock.
public struct UnlockRequest: Sendable {
    public var camera: String
    public var range: Range<Date>
    public var officer: String
    public var reason: String
    public var output: String
    /// Unlock what is left when part of the range is shredded or its file missing (otherwise refused).
    public var partial: Bool
    /// Replace an existing output.
    public var force: Bool

    public init(camera: String, range: Range<Date>, officer: String, reason: String, output: String,
                partial: Bool = false, force: Bool = false) {
        self.camera = camera
        self.range = range
        self.officer = officer
        self.reason = reason
        self.output = output
        self.partial = partial
        self.force = force
    }

    /// How the request is named in the audit log.
    public var subject: String {
        "camera=\(camera) from=\(Timestamps.format(range.lowerBound)) to=\(Timestamps.format(range.upperBound)) officer=\(officer)"
    }
}

/// What one unlock produced.
public struct UnlockResult: Sendable {
    public let output: String
    public let plan: UnlockPlan
    public let packets: Int
    public let tracks: Int
    /// The first kept keyframe: the cut keeps whole GOPs, so up to one GOP before the range.
    public let actualStart: Date
    /// Where the last kept GOP ends: up to one GOP after the range.
    public let actualEnd: Date
    public let sha256: String
}

/// Recovers the raw footage of one camera and range for a privacy officer: selects raw
/// segments from the catalog, has the vault open each (officer key; audited by the vault),
/// demuxes the decrypted MPEG-TS from memory and remuxes every track by stream copy into
/// one MP4 (index at the front; cut at keyframes to the whole GOPs overlapping the range), mode 0600, written under a temporary name and renamed. No
/// other plaintext touches the disk. Every unlock and every refusal is appended to the
/// audit log (`unlock` / `unlock.refused`) before the result or the error is returned.
public struct RawUnlocker: Sendable {
    public let vault: Vault
    public let dataDirectory: String
    /// Who runs the unlock when the officer named is not registered (e.g. `os-user:alice`).
    public let operatingSystemActor: String

    public init(vault: Vault, dataDirectory: String, operatingSystemActor: String) {
        self.vault = vault
        self.dataDirectory = dataDirectory
        self.operatingSystemActor = operatingSystemActor
    }

    /// `passphrase()` is asked only once the request itself is acceptable (reason, range,
    /// output, nothing shredded or missing unless `partial`). `progress(done, total)` after each segment.
    public func unlock(_ request: UnlockRequest, passphrase: () throws -> Passphrase,
                       progress: (Int, Int) -> Void = { _, _ in }) throws -> UnlockResult {
        do {
            return try perform(request, passphrase: passphrase, progress: progress)
        } catch {
            let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            try vault.audit.append(actor: try actor(for: request), action: "unlock.refused", subject: request.subject,
                                   reason: "\(reason.isEmpty ? "(no reason given)" : reason); refused: \(error)")
            throw error
        }
    }

    private func perform(_ request: UnlockRequest, passphrase: () throws -> Passphrase,
                         progress: (Int, Int) -> Void) throws -> UnlockResult {
        guard !request.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw UnlockError(.missingReason, "no reason given for opening camera '\(request.camera)' raw footage; pass --reason saying why (it is kept in the audit log).")
        }
        try checkDestination(request)
        let plan = try UnlockPlan(catalog: try Catalog(dataDirectory: dataDirectory, readOnly: true), vault: vault,
                                  camera: request.camera, range: request.range)
        if plan.isIncomplete && (!request.partial || plan.segments.isEmpty) {
            let advice = plan.segments.isEmpty ? "nothing in the range can be unlocked any more."
                : "pass --partial to unlock the rest of the range (\(plan.segments.count) segment(s))."
            throw UnlockError(plan.shredded.isEmpty ? .missingFiles : .shredded, "part of camera '\(request.camera)' \(Timestamps.format(request.range.lowerBound)) – \(Timestamps.format(request.range.upperBound)) cannot be unlocked: \(plan.unavailableDescription); its raw footage no longer exists; \(advice)")
        }
        let key = try vault.unlockOfficer(name: request.officer, passphrase: try passphrase())

        let folder = (request.output as NSString).deletingLastPathComponent
        let name = (request.output as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).partial.mp4"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw UnlockError(.outputFolderMissing, "cannot create \(temporary): \(String(cString: strerror(errno))). Check the folder's permissions and free space.")
        }
        close(descriptor)
        defer { unlink(temporary) }
        let outcome: RawRemuxer.Outcome
        do {
            outcome = try RawRemuxer().remux(plan.segments, range: request.range, open: { segment in
                try vault.openSegment(at: dataDirectory + "/" + segment.path, officer: key, reason: request.reason).readAll()
            }, into: temporary) { progress($0, plan.segments.count) }
        } catch where OutOfSpace.caused(error) {
            throw UnlockError(.noSpace, OutOfSpace.outputMessage(request.output, what: "raw footage of camera \(request.camera)"))
        }
        key.destroy()
        let sha256 = try sha256OfFile(temporary)
        let skipped = plan.isIncomplete ? " (partial: \(plan.unavailableDescription))" : ""
        try vault.audit.append(actor: request.officer, action: "unlock", subject: request.subject + " sha256=\(sha256)",
                               reason: request.reason + skipped)
        guard rename(temporary, request.output) == 0 else {
            throw UnlockError(.outputFolderMissing, "cannot rename \(temporary) to \(request.output): \(String(cString: strerror(errno))). Check the folder's permissions and free space.")
        }
        return UnlockResult(output: request.output, plan: plan, packets: outcome.packets, tracks: outcome.tracks,
                            actualStart: outcome.span.lowerBound, actualEnd: outcome.span.upperBound, sha256: sha256)
    }

    private func checkDestination(_ request: UnlockRequest) throws {
        guard request.range.lowerBound < request.range.upperBound else {
            throw UnlockError(.emptyRange, "--to is not after --from; give a range whose end comes after its start.")
        }
        let folder = (request.output as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw UnlockError(.outputFolderMissing, "the folder \(folder) for \(request.output) does not exist; create it first or choose another -o path.")
        }
        if !request.force, FileManager.default.fileExists(atPath: request.output) {
            throw UnlockError(.outputExists, "\(request.output) already exists; choose another -o path, or pass --force to replace it.")
        }
    }

    /// The officer when registered, otherwise the operating-system user (the subject still names the officer asked for).
    private func actor(for request: UnlockRequest) throws -> String {
        try vault.officers().contains { $0.name == request.officer } ? request.officer : operatingSystemActor
    }
}
