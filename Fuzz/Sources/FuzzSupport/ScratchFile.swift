import Foundation

/// A per-process directory in tmpfs (`/dev/shm`, else the temporary directory) for parsers
/// that are reached only through a file path. Each input is written there and the parser
/// reads it back, so no harness needs a test-only entry point.
public enum Scratch {
    public static let directory: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = "\(base)/veil-fuzz-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: Scratch.directory) }
        return path
    }()

    /// Writes `bytes` to `name` under the scratch directory (parents created) and returns its path.
    @discardableResult
    public static func write(_ bytes: some Sequence<UInt8>, to name: String) -> String {
        let path = directory + "/" + name
        let folder = (path as NSString).deletingLastPathComponent
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Removes `name` (a file or a folder) under the scratch directory, if present.
    public static func remove(_ name: String) {
        try? FileManager.default.removeItem(atPath: directory + "/" + name)
    }
}
