import Foundation

/// Reads a whole file as UTF-8 text. Through `FileHandle` because swift-foundation's
/// `String(contentsOfFile:)` leaks 4 KiB for every empty file it reads (LeakSanitizer,
/// Fuzz/README.md), and a camera's password file is read again at every reconnection.
enum FileText {
    static func read(_ path: String) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let bytes = try handle.readToEnd() ?? Data()
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CocoaError(.fileReadInapplicableStringEncoding, userInfo: [NSFilePathErrorKey: path])
        }
        return text
    }
}
