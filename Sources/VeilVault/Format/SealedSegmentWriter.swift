public import Foundation

/// Seals a byte stream as it arrives into a sealed segment file (docs/sealed-format.md).
///
/// Plaintext is held only in a zeroising in-memory buffer of one chunk; what reaches the
/// disk is the header and ciphertext, written to a hidden temporary name next to the
/// destination, fsynced, and renamed into place by `finish()`. A writer dropped without
/// `finish()` deletes its temporary file. Owns its file descriptor and file key; not
/// thread-safe (one writer per segment, used from one thread at a time).
public final class SealedSegmentWriter {
    /// Where the finished segment will be.
    public let path: String
    /// The header written at the start of the file.
    public let header: SealedSegmentHeader
    private let temporaryPath: String
    private let file: PosixFile
    private let cipher: AESGCM
    private let chunkAAD: [UInt8]
    private let buffer = SecureBytes(count: SealedFormat.chunkSize)
    private var buffered = 0
    private var counter: UInt64 = 0
    private var output = [UInt8](repeating: 0, count: SealedFormat.storedChunkSize)
    private var plaintextCount = 0
    private var finished = false

    /// Starts a segment of `epoch` at `path` (parent directories are created).
    public init(path: String, epoch: EpochPublicKey, segmentStart: Date) throws {
        self.path = path
        let fileKey = try SecureBytes.random(count: AESGCM.keyCount)
        header = try SealedSegmentHeader.seal(fileKey: fileKey, epoch: epoch, segmentStart: segmentStart)
        cipher = try AESGCM(key: fileKey, direction: .seal)
        fileKey.destroy()
        chunkAAD = SHA256Digest(hashing: header.encoded).bytes
        try DurableFiles.createDirectories(DurableFiles.directory(of: path))
        temporaryPath = try DurableFiles.temporaryPath(for: path)
        file = try PosixFile(path: temporaryPath, mode: .createExclusive)
        do { try file.write(header.encoded) } catch { _ = try? DurableFiles.remove(temporaryPath); throw error }
    }

    deinit {
        if !finished { _ = try? DurableFiles.remove(temporaryPath) }
    }

    /// Appends bytes to the stream; full chunks are encrypted and written as soon as it is
    /// known that more data follows them.
    public func write(_ bytes: some Collection<UInt8>) throws {
        if try bytes.withContiguousStorageIfAvailable({ try write(UnsafeRawBufferPointer($0)) }) == nil {
            var copy = Array(bytes)
            defer { _ = copy.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0) } }
            try copy.withUnsafeBytes { try write($0) }
        }
    }

    /// Appends the bytes in `bytes` to the stream (no copy beyond the chunk buffer).
    /// Public callers pass any contiguous collection (including a buffer pointer) to `write(_:)`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!finished, "SealedSegmentWriter.write after finish")
        var offset = 0
        while offset < bytes.count {
            if buffered == SealedFormat.chunkSize { try sealBuffered(isFinal: false) }
            let take = min(bytes.count - offset, SealedFormat.chunkSize - buffered)
            buffer.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: buffered).copyMemory(from: bytes.baseAddress! + offset, byteCount: take) }
            buffered += take
            offset += take
        }
        plaintextCount += bytes.count
    }

    /// Seals the final chunk, fsyncs, calls `beforeRename` with the complete temporary file
    /// (to catalogue it before it appears under its name; if it throws, the file is deleted),
    /// renames into place, fsyncs the directory. Returns the number of plaintext bytes sealed.
    @discardableResult
    public func finish(beforeRename: (_ temporaryPath: String) throws -> Void = { _ in }) throws -> Int {
        precondition(!finished, "SealedSegmentWriter.finish called twice")
        try sealBuffered(isFinal: true)
        try file.sync()
        try beforeRename(temporaryPath)
        try DurableFiles.commit(temporary: temporaryPath, to: path)
        finished = true
        return plaintextCount
    }

    private func sealBuffered(isFinal: Bool) throws {
        let nonce = SealedFormat.nonce(counter: counter, isFinal: isFinal)
        let count = buffered
        try buffer.withUnsafeBytes { plain in
            try nonce.withUnsafeBytes { nonce in
                try chunkAAD.withUnsafeBytes { aad in
                    try output.withUnsafeMutableBytes { out in
                        try cipher.seal(nonce: nonce, aad: aad, plaintext: UnsafeRawBufferPointer(rebasing: plain[0..<count]),
                                        into: UnsafeMutableRawBufferPointer(rebasing: out[0..<count + SealedFormat.tagCount]))
                        try file.write(UnsafeRawBufferPointer(rebasing: out[0..<count + SealedFormat.tagCount]))
                    }
                }
            }
        }
        _ = buffer.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0) }
        buffered = 0
        counter += 1
    }
}
