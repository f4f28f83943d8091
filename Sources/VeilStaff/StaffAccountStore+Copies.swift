import Foundation
import VeilCore
import VeilVault

/// The user records as files, for cluster mode, which copies them between nodes so a staff
/// member logs in on any node. A record travels exactly as `veil user` wrote it (its checksum
/// trailer included) and is checked before it is installed.
extension StaffAccountStore {
    /// Every user's record file by name, each checked as the console reads it.
    public func recordFiles() throws -> [String: [UInt8]] {
        guard DurableFiles.isDirectory(directory) else { return [:] }
        var files: [String: [UInt8]] = [:]
        for file in try DurableFiles.list(directory) where file.hasSuffix(".user") && !file.hasPrefix(".") {
            let path = directory + "/" + file
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            files[String(file.dropLast(".user".count))] = try Self.checked(bytes, path: path)
        }
        return files
    }

    /// Installs `record` as user `name`'s (replacing theirs), once it proves a valid record of
    /// that name: a tampered or foreign record is refused and nothing is written.
    public func install(name: String, record: [UInt8]) throws {
        try Identifier.validate(name, what: "user name")
        let path = directory + "/" + name + ".user"
        _ = try Self.checked(record, path: path)
        try DurableFiles.createDirectories(directory)
        try DurableFiles.replace(path, with: record)
    }

    /// Removes user `name`'s record if there is one.
    public func uninstall(name: String) throws {
        try Identifier.validate(name, what: "user name")
        _ = try DurableFiles.remove(directory + "/" + name + ".user")
    }

    private static func checked(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        _ = try RecordFile.decode(StaffAccountRecord.self, from: bytes, path: path, what: "console user record").validated(path: path)
        return bytes
    }
}
