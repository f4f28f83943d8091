import Foundation

/// Where segments live under the data directory (DESIGN.md, "Storage layout"):
/// `<kind>/<camera>/<yyyy-mm-dd>/<hhmmss>.<ext>`, named after the segment's UTC start.
/// A second segment starting in the same second gets `<hhmmss>-1.<ext>`, then `-2`, …
/// Writers work on `.<stem>.partial.<ext>` beside the final name (the extension stays
/// last so FFmpeg can still guess the container); the vault's sealed writer uses its own
/// `.<name>.<tag>.tmp`. Both are leftovers after a crash.
enum SegmentLayout {
    /// `redacted/lobby/2026-11-29`.
    static func directory(camera: String, kind: SegmentKind, start: Date) -> String {
        "\(kind.directoryName)/\(camera)/\(utc(start).day)"
    }

    /// `084100.mp4`, or `084100-2.mp4` for `collision: 2`.
    static func fileName(start: Date, kind: SegmentKind, collision: Int) -> String {
        let stem = utc(start).time + (collision == 0 ? "" : "-\(collision)")
        return "\(stem).\(kind.fileExtension)"
    }

    /// `.084100.partial.mp4` for `084100.mp4`.
    static func temporaryName(for fileName: some StringProtocol) -> String {
        guard let dot = fileName.lastIndex(of: ".") else { return ".\(fileName).partial" }
        return ".\(fileName[..<dot]).partial\(fileName[dot...])"
    }

    /// True for writers' temporary files: hidden, and marked `.partial` or `.tmp`.
    static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") && (name.contains(".partial") || name.hasSuffix(".tmp"))
    }

    /// True when `file` is a writer's temporary file for the segment at `segment` (both
    /// relative paths): ours (`.084100.partial.mp4`) or the sealer's (`.084100.veilraw.<tag>.tmp`).
    static func isTemporary(_ file: String, of segment: String) -> Bool {
        let (directory, name) = split(file), (segmentDirectory, segmentName) = split(segment)
        return directory == segmentDirectory
            && (name == temporaryName(for: segmentName) || (name.hasPrefix(".\(segmentName).") && name.hasSuffix(".tmp")))
    }

    private static func split(_ path: String) -> (directory: Substring, name: Substring) {
        guard let slash = path.lastIndex(of: "/") else { return ("", Substring(path)) }
        return (path[..<slash], path[path.index(after: slash)...])
    }

    /// The UTC day (`yyyy-mm-dd`) and time (`hhmmss`) of `date`, to the whole second.
    static func utc(_ date: Date) -> (day: String, time: String) {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let day = String(format: "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday)
        let time = String(format: "%02d%02d%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
        return (day, time)
    }
}
