import Glibc

/// Moves a finished MP4's index (`moov`, written last) to the front so players can start at
/// once, as FFmpeg's `+faststart` does (the data shifted in place, front to back), but in 4 MiB
/// pieces with plain `pread`/`pwrite`, and handing every byte of the finished file, in order,
/// to an observer as it is written: a caller that needs the file's hash gets it without
/// reading the file back (an hour's export: 1.15 GB).
///
/// Result: `ftyp`, `moov` (chunk offsets moved), the old header as a `free` box, the `mdat`,
/// and nothing after it.
enum MP4FastStart {
    /// Pieces the data moves in (at least the shift, so each is read before it is written over).
    private static let pieceSize = 4 << 20

    static func moveIndexToFront(path: String, finalBytes: ((UnsafeRawBufferPointer) throws -> Void)? = nil) throws {
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("opening", path) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure("reading the size of", path) }
        let boxes = try topLevelBoxes(descriptor, size: Int(info.st_size), path: path)
        guard let ftyp = boxes.first, ftyp.type == "ftyp", let moov = boxes.last, moov.type == "moov",
              let mdat = boxes.firstIndex(where: { $0.type == "mdat" }), boxes.filter({ $0.type == "moov" }).count == 1,
              boxes[1..<mdat].allSatisfy({ ["free", "wide", "skip"].contains($0.type) }) else {
            throw MediaError(.writeOutput, "moving the MP4 index to the front (unexpected layout \(boxes.map(\.type)))",
                             location: path)
        }
        let fileType = try read(descriptor, at: 0, count: ftyp.size, path: path)
        let index = try read(descriptor, at: moov.offset, count: moov.size, path: path)
        guard let (shift, moved) = [false, true].lazy.compactMap({ wide in
            shiftedIndex(index, after: fileType.count, wide: wide)
        }).first else {
            throw MediaError(.writeOutput, "moving the MP4 index to the front (malformed index)", location: path)
        }
        let prefix = fileType + moved
        // The old header (ftyp and its padding) stays, turned into one `free` box.
        let oldHeader = MP4Index.header(type: "free", payloadCount: boxes[mdat].offset - 8)

        // Front to back: a piece is read before the one before it is written over it. Two
        // buffers, reused, allocated on this thread (helper threads would each keep a malloc arena).
        let length = moov.offset, size = min(max(pieceSize, shift), length)
        var current = [UInt8](repeating: 0, count: size), following = current
        var count = size
        try fill(&current, count: count, from: descriptor, at: 0, path: path)
        current.replaceSubrange(0..<oldHeader.count, with: oldHeader)
        try prefix.withUnsafeBytes { bytes in
            try write(descriptor, bytes, at: 0, path: path)
            try finalBytes?(bytes)
        }
        var position = 0
        while count > 0 {
            let nextStart = position + count, nextCount = min(size, length - nextStart)
            if nextCount > 0 { try fill(&following, count: nextCount, from: descriptor, at: nextStart, path: path) }
            try current.withUnsafeBytes { buffer in
                let piece = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
                try write(descriptor, piece, at: position + shift, path: path)
                try finalBytes?(piece)
            }
            swap(&current, &following)
            (position, count) = (nextStart, nextCount)
        }
        guard ftruncate(descriptor, off_t(shift + length)) == 0 else { throw failure("truncating", path) }
    }

    /// Hands every byte of the file at `path` to `body`, in order, in 4 MiB pieces.
    static func readAll(path: String, into body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("opening", path) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure("reading the size of", path) }
        var buffer = [UInt8](repeating: 0, count: min(pieceSize, Int(info.st_size)))
        var position = 0
        while position < Int(info.st_size) {
            let count = min(buffer.count, Int(info.st_size) - position)
            try fill(&buffer, count: count, from: descriptor, at: position, path: path)
            try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            position += count
        }
    }

    /// The shift (the new index's length after `ftyp`) and the index moved by it; nil when
    /// 32-bit offsets do not fit (`wide` false) or the index is malformed.
    private static func shiftedIndex(_ index: [UInt8], after fileType: Int, wide: Bool) -> (Int, [UInt8])? {
        guard let length = MP4Index.moov(index, shiftedBy: 0, wide: wide)?.count else { return nil }
        let shift = fileType + length
        return MP4Index.moov(index, shiftedBy: UInt64(shift), wide: wide).map { (shift, $0) }
    }

    private static func topLevelBoxes(_ descriptor: Int32, size: Int, path: String) throws -> [MP4Index.Box] {
        var boxes: [MP4Index.Box] = []
        var offset = 0
        while offset < size {
            let header = try read(descriptor, at: offset, count: min(16, size - offset), path: path)
            guard let box = MP4Index.box(at: offset, header: header, remaining: size - offset) else {
                throw MediaError(.writeOutput, "moving the MP4 index to the front (malformed box at byte \(offset))", location: path)
            }
            boxes.append(box)
            offset += box.size
        }
        return boxes
    }

    private static func read(_ descriptor: Int32, at offset: Int, count: Int, path: String) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try fill(&bytes, count: count, from: descriptor, at: offset, path: path)
        return bytes
    }

    /// Reads `count` bytes at `offset` into the start of `buffer`.
    private static func fill(_ buffer: inout [UInt8], count: Int, from descriptor: Int32, at offset: Int, path: String) throws {
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            guard got > 0 else { throw failure("reading", path) }
            done += got
        }
    }

    private static func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int, path: String) throws {
        var done = 0
        while done < bytes.count {
            let wrote = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            guard wrote > 0 else { throw failure("writing", path) }
            done += wrote
        }
    }

    private static func failure(_ action: String, _ path: String) -> MediaError {
        MediaError(.writeOutput, "\(action) the file to move its MP4 index to the front (\(String(cString: strerror(errno))))",
                   location: path)
    }
}
