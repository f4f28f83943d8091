import Foundation
import Testing
import VeilTestSupport

/// For every file that holds any of many 32-byte runs of `bitstream` (the camera's
/// plaintext, probed every 8 KiB through it), how many such runs it holds.
func plaintextRuns(of bitstream: String, in files: [String]) throws -> [String: Int] {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bitstream)))
    let probes = stride(from: 4096, to: bytes.count - 32, by: 8192).map { Array(bytes[$0..<$0 + 32]) }
    #expect(probes.count > 100)
    // Index the probes by their first 8 bytes so each file is read once, window by window.
    var byPrefix: [UInt64: [[UInt8]]] = [:]
    for probe in probes {
        byPrefix[probe.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }, default: []].append(probe)
    }
    var found: [String: Int] = [:]
    for file in files {
        let contents = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        guard contents.count >= 32 else { continue }
        let leaks = contents.withUnsafeBytes { raw in
            (0...(contents.count - 32)).filter { offset in
                guard let candidates = byPrefix[raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)] else { return false }
                return candidates.contains { $0.elementsEqual(raw[offset..<offset + 32]) }
            }.count
        }
        if leaks > 0 { found[file] = leaks }
    }
    return found
}

@Suite struct PlaintextScanTests {
    /// The scan itself must be able to fail: the sample MP4 holds the same H.264 bitstream.
    @Test func findsTheBitstreamInsideAnotherContainer() throws {
        let directory = try TestSupport.temporaryDirectory(prefix: "veil-scan")
        defer { try? FileManager.default.removeItem(at: directory) }
        let annexB = directory.appendingPathComponent("camera.h264").path
        try TestSupport.run("/usr/bin/ffmpeg", ["-v", "error", "-i", TestSupport.sample, "-c", "copy",
                                                "-bsf:v", "h264_mp4toannexb", "-f", "h264", annexB])
        let found = try plaintextRuns(of: annexB, in: [TestSupport.sample])
        #expect((found[TestSupport.sample] ?? 0) > 100)
    }
}
