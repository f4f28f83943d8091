import Foundation
// struct stat's members come from the clang module that first included <sys/stat.h>: CoreFoundation.
import CoreFoundation
import Glibc
import VeilConfig
import VeilVault

/// The checks of `veil doctor` that need the configuration. Each returns one finding and
/// changes nothing on disk.
struct DoctorChecks {
    let configuration: VeilConfiguration
    let configPath: String

    var directory: String { configuration.dataDirectory }

    /// Loads the file as `veil config check` and `veil record` do.
    static func configuration(path: String) -> (finding: DoctorFinding, configuration: VeilConfiguration?) {
        do {
            let configuration = try VeilConfiguration.load(path: path)
            let names = configuration.cameras.map(\.name)
            let cameras = names.count == 1 ? "1 camera" : "\(names.count) cameras"
            return (.ok("configuration", "\(path) loads (\(cameras): \(names.joined(separator: ", ")))"), configuration)
        } catch {
            let shown = error.problems.prefix(3).map(\.description).joined(separator: "; ")
            let more = error.problems.count > 3 ? "; and \(error.problems.count - 3) more" : ""
            let fix = FileManager.default.fileExists(atPath: path)
                ? "edit \(path)\(error.problems.first?.line.map { " at line \($0)" } ?? ""), then run 'veil config check \(path)'"
                : "cp veil.example.yaml \(path), edit it, then run 'veil config check \(path)'"
            return (.fail("configuration", "\(path): \(shown)\(more) (the checks that need it were skipped)", fix: fix), nil)
        }
    }

    /// Exists; owned by the `veil` system user if there is one, else by whoever runs this;
    /// mode 0750 or stricter (no world access, no group write).
    func dataDirectory() -> DoctorFinding {
        let owner = ExpectedOwner.current
        var info = stat()
        guard stat(directory, &info) == 0 else {
            return .fail("data directory", "\(directory) does not exist",
                         fix: "install -d -m 0750 -o \(owner.name) -g \(owner.group) \(directory)")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            return .fail("data directory", "\(directory) is not a directory", fix: "set dataDirectory in \(configPath) to a directory")
        }
        let mode = info.st_mode & 0o7777
        var problems: [String] = [], fixes: [String] = []
        if info.st_uid != owner.uid {
            problems.append("is owned by \(ExpectedOwner.name(of: info.st_uid)), not \(owner.name)\(owner.why)")
            fixes.append("chown -R \(owner.name):\(owner.group) \(directory)")
        }
        if mode & 0o027 != 0 {
            let what = [mode & 0o007 != 0 ? "world access" : nil, mode & 0o020 != 0 ? "group write" : nil].compactMap { $0 }
            problems.append("has mode \(Self.octal(mode)) (\(what.joined(separator: ", "))); it must be 0750 or stricter")
            fixes.append("chmod 0750 \(directory)")
        }
        guard problems.isEmpty else {
            return .fail("data directory", "\(directory) " + problems.joined(separator: " and "), fix: fixes.joined(separator: " && "))
        }
        return .ok("data directory", "\(directory) is owned by \(owner.name) with mode \(Self.octal(mode))")
    }

    /// At least one officer registered, read without opening (and so sweeping) the vault.
    func officers() -> DoctorFinding {
        let add = (ExpectedOwner.current.isSystemUser ? "sudo -u veil " : "") + "veil officer add NAME --data-dir \(directory)"
        let registered: [Officer]
        do {
            registered = try Vault.registeredOfficers(dataDirectory: directory)
        } catch {
            return .fail("officers", "cannot read the officer records: \(error)", fix: "restore the record named above from a backup")
        }
        guard !registered.isEmpty else {
            return .fail("officers", "no privacy officer is registered in \(directory): veil record refuses to start, "
                         + "since raw footage could never be opened", fix: add)
        }
        let names = registered.map(\.name)
        let missing = configuration.officers.filter { !names.contains($0) }
        let list = "\(names.count) registered (\(names.joined(separator: ", ")))"
        guard missing.isEmpty else {
            return .warning("officers", list + "; officers: in \(configPath) also names \(missing.joined(separator: ", ")), "
                            + "who is not registered", fix: add.replacingOccurrences(of: "NAME", with: missing[0]))
        }
        return .ok("officers", list)
    }

    /// Free space on the data directory's file system against `storage.minFreeBytes`.
    func freeSpace() -> DoctorFinding {
        var path = directory
        while !FileManager.default.fileExists(atPath: path), path != "/" {
            path = (path as NSString).deletingLastPathComponent
        }
        var info = statvfs()
        guard statvfs(path, &info) == 0 else {
            return .fail("free space", "cannot measure the file system of \(path): \(String(cString: strerror(errno)))",
                         fix: "check that \(path) is mounted")
        }
        let free = Int64(info.f_bavail) * Int64(info.f_frsize)
        let minimum = configuration.storage.minFreeBytes
        let found = "\(StatusReport.bytes(free)) free on the file system of \(path), storage.minFreeBytes is \(StatusReport.bytes(minimum))"
        guard free >= minimum else {
            return .fail("free space", found + ": the recorder would shed the oldest footage at once",
                         fix: "free space on that file system, or lower storage.minFreeBytes in \(configPath)")
        }
        return .ok("free space", found)
    }

    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// Who should own the data directory: the `veil` system user of an installed server, else
/// the user running the command (a development set-up).
struct ExpectedOwner {
    let uid: uid_t
    let name: String
    let group: String
    let isSystemUser: Bool

    var why: String { isSystemUser ? " (the veil system user)" : " (who runs this; there is no veil user)" }

    static var current: ExpectedOwner {
        if let entry = getpwnam("veil") {
            return ExpectedOwner(uid: entry.pointee.pw_uid, name: "veil", group: groupName(entry.pointee.pw_gid), isSystemUser: true)
        }
        let uid = geteuid()
        return ExpectedOwner(uid: uid, name: name(of: uid), group: groupName(getegid()), isSystemUser: false)
    }

    static func name(of uid: uid_t) -> String {
        getpwuid(uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid \(uid)"
    }

    static func groupName(_ gid: gid_t) -> String {
        getgrgid(gid).flatMap { $0.pointee.gr_name.map { String(cString: $0) } } ?? String(gid)
    }
}
