public import Foundation

/// The plaintext, authenticated header of a sealed segment. Its fields can be read without
/// any key (the sweeper uses them to find an epoch's files); they are authenticated when the
/// file key is unwrapped, because every header byte before the wrapped key is the AEAD's
/// associated data, and every chunk's associated data is the SHA-256 of the whole header.
public struct SealedSegmentHeader: Hashable, Sendable {
    public let camera: String
    public let epoch: EpochID
    /// Start time of the segment (millisecond precision).
    public let segmentStart: Date
    /// The epoch public key the file key was wrapped to.
    public let epochPublicKey: X25519PublicKey
    let ephemeralPublicKey: X25519PublicKey
    let wrappedFileKey: [UInt8]
    /// The exact header bytes as stored.
    let encoded: [UInt8]

    /// Number of bytes of `encoded` that are associated data for the file-key wrap.
    var authenticatedPrefixCount: Int { encoded.count - wrappedFileKey.count }

    /// Builds and encodes a header, wrapping `fileKey` to the epoch's public key.
    static func seal(fileKey: borrowing SecureBytes, epoch: EpochPublicKey, segmentStart: Date) throws -> SealedSegmentHeader {
        let startMilliseconds = Int64((segmentStart.timeIntervalSince1970 * 1000).rounded(.down))
        func prefix(_ ephemeral: X25519PublicKey) -> [UInt8] {
            var w = ByteWriter()
            w.append(SealedFormat.magic)
            w.append(SealedFormat.version)
            let count = SealedFormat.prefixCount + 4 + 8 + 1 + epoch.camera.utf8.count + 1 + epoch.epoch.rawValue.utf8.count + 32 + 32 + 48
            w.append(UInt16(count))
            w.append(UInt32(SealedFormat.chunkSize))
            w.append(startMilliseconds)
            w.appendShortString(epoch.camera)
            w.appendShortString(epoch.epoch.rawValue)
            w.append(epoch.publicKey.rawRepresentation)
            w.append(ephemeral.rawRepresentation)
            return w.bytes
        }
        let wrapped = try KeyWrap.wrap(fileKey, to: epoch.publicKey, info: KeyWrap.segmentFileKeyInfo, aad: prefix)
        return SealedSegmentHeader(camera: epoch.camera, epoch: epoch.epoch,
                                   segmentStart: Date(timeIntervalSince1970: Double(startMilliseconds) / 1000),
                                   epochPublicKey: epoch.publicKey, ephemeralPublicKey: wrapped.ephemeral,
                                   wrappedFileKey: wrapped.sealed, encoded: prefix(wrapped.ephemeral) + wrapped.sealed)
    }

    /// Reads and parses the header of the sealed segment at `path` (no key needed, nothing authenticated yet).
    public static func read(from path: String) throws -> SealedSegmentHeader {
        try read(from: PosixFile(path: path, mode: .read))
    }

    static func read(from file: PosixFile) throws -> SealedSegmentHeader {
        let path = file.path
        let prefix = try file.read(count: SealedFormat.prefixCount, at: 0)
        var reader = ByteReader(prefix)
        guard reader.take(8) == SealedFormat.magic else {
            throw VaultError(.badMagic, "\(path) is not a Veil sealed segment (wrong magic bytes); check the path.")
        }
        guard prefix.count == SealedFormat.prefixCount else {
            throw VaultError(.truncated, "\(path) ends inside its header (\(prefix.count) bytes); the file was cut short and cannot be opened.")
        }
        guard let version = reader.uint16(), version == SealedFormat.version else {
            throw VaultError(.unsupportedVersion, "\(path) uses sealed format version \(Int(prefix[8]) << 8 | Int(prefix[9])); this build reads version \(SealedFormat.version) only. Use a Veil build that supports it.")
        }
        func corrupt(_ what: String) -> VaultError {
            VaultError(.headerCorrupt, "header of \(path) is corrupt (\(what)); the file was damaged or tampered with and cannot be opened.")
        }
        guard let count = reader.uint16().map(Int.init), (SealedFormat.prefixCount + 128...SealedFormat.maximumHeaderCount).contains(count) else {
            throw corrupt("header length out of range")
        }
        let encoded = try file.read(count: count, at: 0)
        guard encoded.count == count else { throw VaultError(.truncated, "\(path) ends inside its header (\(encoded.count) of \(count) bytes); the file was cut short and cannot be opened.") }
        var body = ByteReader(encoded)
        _ = body.take(SealedFormat.prefixCount)
        guard body.uint32() == UInt32(SealedFormat.chunkSize) else { throw corrupt("chunk size is not 65536") }
        guard let start = body.int64() else { throw corrupt("missing start time") }
        guard let camera = body.shortString(), (try? Identifier.validateCamera(camera, what: "camera")) != nil else { throw corrupt("invalid camera id") }
        guard let epochText = body.shortString(), let epoch = EpochID(rawValue: epochText) else { throw corrupt("invalid epoch id") }
        guard let epochKey = body.take(32).flatMap(X25519PublicKey.init(rawRepresentation:)),
              let ephemeral = body.take(32).flatMap(X25519PublicKey.init(rawRepresentation:)),
              let wrapped = body.take(32 + AESGCM.tagCount), body.remaining == 0
        else { throw corrupt("field lengths do not add up to the header length") }
        return SealedSegmentHeader(camera: camera, epoch: epoch, segmentStart: Date(timeIntervalSince1970: Double(start) / 1000),
                                   epochPublicKey: epochKey, ephemeralPublicKey: ephemeral, wrappedFileKey: wrapped, encoded: encoded)
    }
}
