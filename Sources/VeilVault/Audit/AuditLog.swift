import Foundation
public import VeilCore

/// The append-only, hash-chained audit log at `<data_dir>/audit/audit.log`.
///
/// Each append takes an exclusive `flock` on the log, reads the last line to continue the
/// sequence and chain, writes one line with one `write`, and fsyncs. Tampering with any
/// entry but the last breaks a later link; the last entry is protected by anchoring the
/// head hash elsewhere (`veil audit head`) and passing it to `verify(anchoredHead:)`.
public struct AuditLog: Sendable {
    public let path: String
    private let clock: any WallClock

    public init(path: String, clock: any WallClock = SystemWallClock()) {
        self.path = path
        self.clock = clock
    }

    /// Limits keep every line small enough to append and read back in one piece.
    static let maximumFieldCount = 2000

    /// Appends an entry and returns it.
    @discardableResult
    public func append(actor: String, action: String, subject: String, reason: String) throws -> AuditEntry {
        for (name, value) in [("actor", actor), ("action", action), ("subject", subject), ("reason", reason)]
        where value.utf8.count > Self.maximumFieldCount {
            throw VaultError(.invalidArgument, "audit \(name) is \(value.utf8.count) bytes; the limit is \(Self.maximumFieldCount). Shorten it.")
        }
        try DurableFiles.createDirectories(DurableFiles.directory(of: path))
        let file = try PosixFile(path: path, mode: .createOrOpen)
        try file.lockExclusively()
        let size = try file.size
        var seq = 1
        var prev = AuditEntry.genesis
        if size > 0 {
            let last = try lastLine(of: file, size: size)
            guard let entry = AuditEntry.decode(line: last) else {
                throw VaultError(.auditLogCorrupt, "the last entry of the audit log \(path) is unreadable (a partial write or an edit); nothing more can be chained to it. Run 'veil audit verify', keep a copy of the log, and repair it by hand before continuing.")
            }
            guard entry.seq >= 1, entry.seq < Int.max else {
                throw VaultError(.auditLogCorrupt, "the last entry of the audit log \(path) has sequence number \(entry.seq), which no entry can follow (an edit); nothing more can be chained to it. Run 'veil audit verify', keep a copy of the log, and repair it by hand before continuing.")
            }
            seq = entry.seq + 1
            prev = SHA256Digest(hashing: last).hex
        }
        let entry = AuditEntry(seq: seq, time: Timestamps.format(clock.now()), actor: actor, action: action,
                               subject: subject, reason: reason, prev: prev)
        try (try entry.encodedLine() + [0x0a]).withUnsafeBytes { try file.write($0, at: size) }
        try file.sync()
        if size == 0 { try DurableFiles.syncDirectory(DurableFiles.directory(of: path)) }
        return entry
    }

    /// The last line (without its newline); refuses a log whose final line is unterminated.
    private func lastLine(of file: PosixFile, size: Int) throws -> [UInt8] {
        var window = min(size, 65_536)
        while true {
            let tail = try file.read(count: window, at: size - window)
            guard tail.last == 0x0a else {
                throw VaultError(.auditLogCorrupt, "the audit log \(path) does not end with a complete line (a partial write or an edit). Run 'veil audit verify', keep a copy, and repair it before continuing.")
            }
            let body = tail.dropLast()
            if let newline = body.lastIndex(of: 0x0a) { return Array(body[(newline + 1)...]) }
            if window == size { return Array(body) }
            window = min(size, window * 4)
        }
    }

    /// Every entry in order; stops at the first unreadable line.
    public func entries() throws -> [AuditEntry] {
        try lines().compactMap { AuditEntry.decode(line: $0) }
    }

    func lines() throws -> [ArraySlice<UInt8>] {
        guard DurableFiles.exists(path) else { return [] }
        let bytes = try PosixFile(path: path, mode: .read).readAll()
        var lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
