import Foundation

/// Opens a sealed segment with its epoch private key. Chunks can be read by index without
/// decrypting the rest; `readAll()` and `decrypt(to:)` authenticate every chunk, including
/// the final-chunk marker, so truncation and extension are refused. No byte of a chunk
/// that fails authentication is ever returned. Owns its file descriptor and file key.
public final class SealedSegmentReader {
    public let path: String
    public let header: SealedSegmentHeader
    /// Number of stored chunks (at least 1 in an intact file).
    public let chunkCount: Int
    private let file: PosixFile
    private let cipher: AESGCM
    private let chunkAAD: [UInt8]
    private let payloadCount: Int

    /// Opens `path` with `epochKey`, checking that the header names the key's camera, epoch
    /// and public key and that the header authenticates (it unwraps the file key).
    public init(path: String, epochKey: borrowing EpochPrivateKey) throws {
        self.path = path
        file = try PosixFile(path: path, mode: .read)
        header = try SealedSegmentHeader.read(from: file)
        guard header.camera == epochKey.camera, header.epoch == epochKey.epoch, header.epochPublicKey == epochKey.publicKey else {
            throw VaultError(.headerTampered, "header of \(path) names camera '\(header.camera)' epoch \(header.epoch) (key \(header.epochPublicKey)), but the key supplied is for camera '\(epochKey.camera)' epoch \(epochKey.epoch) (key \(epochKey.publicKey)). The header was altered or the wrong key was chosen.")
        }
        guard let fileKey = try KeyWrap.unwrap(header.wrappedFileKey, ephemeral: header.ephemeralPublicKey, with: epochKey.key,
                                               info: KeyWrap.segmentFileKeyInfo, aad: Array(header.encoded.prefix(header.authenticatedPrefixCount)))
        else {
            throw VaultError(.headerTampered, "header of \(path) failed authentication: a header byte (camera, epoch, start time, keys or wrapped file key) was changed. The segment cannot be trusted and was not opened.")
        }
        cipher = try AESGCM(key: fileKey, direction: .open)
        fileKey.destroy()
        chunkAAD = SHA256Digest(hashing: header.encoded).bytes
        payloadCount = try file.size - header.encoded.count
        guard payloadCount > 0 else {
            throw VaultError(.truncated, "\(path) ends right after its header: it has no chunks (not even the final one). It was cut short; no plaintext is available.")
        }
        chunkCount = (payloadCount + SealedFormat.storedChunkSize - 1) / SealedFormat.storedChunkSize
    }

    /// Decrypts and authenticates chunk `index` (0-based). Authenticates the chunk's
    /// position and whether it is the final one; says nothing about other chunks.
    public func readChunk(at index: Int) throws -> [UInt8] {
        guard (0..<chunkCount).contains(index) else {
            throw VaultError(.chunkOutOfRange, "chunk \(index) requested from \(path), which has chunks 0..<\(chunkCount).")
        }
        let offset = index * SealedFormat.storedChunkSize
        let storedCount = min(SealedFormat.storedChunkSize, payloadCount - offset)
        let isLast = index == chunkCount - 1
        guard storedCount >= SealedFormat.tagCount else {
            throw VaultError(.truncated, "\(path) ends \(storedCount) bytes into chunk \(index), inside its authentication tag: the file was cut short. No plaintext of that chunk is returned.")
        }
        let sealed = try file.read(count: storedCount, at: header.encoded.count + offset)
        if let plain = try open(sealed, counter: index, isFinal: isLast) { return plain }
        if isLast, storedCount == SealedFormat.storedChunkSize, try open(sealed, counter: index, isFinal: false) != nil {
            throw VaultError(.truncated, "\(path) ends after chunk \(index), which is not the final chunk: the file was truncated at a chunk boundary. The rest of the segment is missing.")
        }
        if !isLast, try open(sealed, counter: index, isFinal: true) != nil {
            throw VaultError(.trailingData, "\(path): chunk \(index) is the final chunk but \(payloadCount - offset - storedCount) more bytes follow it; data was appended to the segment. It cannot be trusted.")
        }
        throw VaultError(.chunkAuthenticationFailed, "chunk \(index) of \(path) failed authentication: a bit was changed, chunks were reordered or spliced, or the file was cut inside this chunk. No plaintext of it is returned; restore the segment from an intact copy.")
    }

    /// Decrypts the whole segment; returns nothing unless every chunk authenticates.
    public func readAll() throws -> [UInt8] {
        var plain: [UInt8] = []
        plain.reserveCapacity(chunkCount * SealedFormat.chunkSize)
        do {
            for index in 0..<chunkCount { plain += try readChunk(at: index) }
        } catch {
            _ = plain.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0) }
            throw error
        }
        return plain
    }

    /// Decrypts the whole segment into a new file at `outputPath` (mode 0600), via a
    /// temporary name that is deleted if any chunk fails, so a partial plaintext never
    /// remains. Returns the number of bytes written.
    @discardableResult
    public func decrypt(to outputPath: String) throws -> Int {
        let temporary = try DurableFiles.temporaryPath(for: outputPath)
        let output = try PosixFile(path: temporary, mode: .createExclusive)
        var total = 0
        do {
            for index in 0..<chunkCount {
                let chunk = try readChunk(at: index)
                try output.write(chunk)
                total += chunk.count
            }
            try output.sync()
            try DurableFiles.commit(temporary: temporary, to: outputPath)
        } catch {
            _ = try? DurableFiles.remove(temporary)
            throw error
        }
        return total
    }

    private func open(_ sealed: [UInt8], counter: Int, isFinal: Bool) throws -> [UInt8]? {
        let nonce = SealedFormat.nonce(counter: UInt64(counter), isFinal: isFinal)
        var plain = [UInt8](repeating: 0, count: sealed.count - SealedFormat.tagCount)
        let ok = try plain.withUnsafeMutableBytes { out in
            try nonce.withUnsafeBytes { nonce in
                try chunkAAD.withUnsafeBytes { aad in
                    try sealed.withUnsafeBytes { sealed in try cipher.open(nonce: nonce, aad: aad, sealed: sealed, into: out) }
                }
            }
        }
        return ok ? plain : nil
    }
}
