package import Foundation

/// Vault records on disk: sorted-key JSON, then a trailer line `# sha256 <hex of the JSON>`.
/// The checksum catches corruption and hand edits; it is not a secret-keyed MAC (anyone
/// who can write the file can recompute it; see docs/sealed-format.md, threat model). The
/// console's user records (VeilStaff) use the same format.
package enum RecordFile {
    private static let trailer = Array("\n# sha256 ".utf8)

    package static func encode<T: Encodable>(_ record: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let body = Array(try encoder.encode(record))
        return body + trailer + Array(SHA256Digest(hashing: body).hex.utf8) + [0x0a]
    }

    /// Decodes the record at `path`; `what` names the kind of record in messages.
    package static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], path: String, what: String) throws -> T {
        let corrupt = VaultError(.keyRecordCorrupt, "\(what) \(path) is corrupt (unreadable structure). Restore it from a backup; the vault refuses to run with it.")
        let expectedTail = trailer.count + 64 + 1
        guard bytes.count > expectedTail, bytes.last == 0x0a,
              Array(bytes[(bytes.count - expectedTail)..<(bytes.count - 65)]) == trailer,
              let stored = SHA256Digest(hex: String(decoding: bytes[(bytes.count - 65)..<(bytes.count - 1)], as: UTF8.self))
        else { throw corrupt }
        let body = Array(bytes[..<(bytes.count - expectedTail)])
        guard SHA256Digest(hashing: body) == stored else {
            throw VaultError(.keyRecordTampered, "\(what) \(path) was modified: its content no longer matches its checksum. Restore it from a backup and check the audit log for who changed it; the vault refuses to run with it.")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(T.self, from: Data(body)) } catch { throw corrupt }
    }

    package static func read<T: Decodable>(_ type: T.Type, at path: String, what: String) throws -> T {
        try decode(type, from: try PosixFile(path: path, mode: .read).readAll(), path: path, what: what)
    }
}

/// Length-prefixed encoding of fields for associated data, so no two field lists collide, and
/// the millisecond times records hold.
package enum Canonical {
    static func encode(_ fields: [[UInt8]]) -> [UInt8] {
        var writer = ByteWriter()
        for field in fields {
            writer.append(UInt32(field.count))
            writer.append(field)
        }
        return writer.bytes
    }

    package static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    package static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
    /// Whether every time is one a record can hold (years 1–9999); a record with another was damaged or edited.
    package static func areRepresentable(_ times: Int64...) -> Bool { times.allSatisfy(Timestamps.representableMilliseconds.contains) }
    static func bytes(_ value: Int64) -> [UInt8] {
        var writer = ByteWriter()
        writer.append(value)
        return writer.bytes
    }
}
