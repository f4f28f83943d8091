import Foundation
import Logging
import Testing
import VeilArchive
import VeilConfig
import VeilMedia
import VeilRecorder
import VeilVault
import VeilTestSupport

/// A data directory with one privacy officer, a configuration for it, and ways to look at
/// what a recording left behind.
struct RecorderHarness {
    static let officer = "olive"
    static let passphrase = "library privacy officer passphrase"
    let directory: URL
    var dataDirectory: String { directory.appendingPathComponent("data").path }

    /// `prepare` gets the data directory's path before anything is written there (to mount a
    /// small file system on it, say).
    init(prepare: (String) throws -> Void = { _ in }) throws {
        directory = try TestSupport.temporaryDirectory(prefix: "veil-recorder")
        try prepare(directory.appendingPathComponent("data").path)
        let vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: dataDirectory))
        _ = try vault.addOfficer(name: Self.officer, passphrase: Passphrase(Self.passphrase), actor: "test")
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// The YAML of a configuration recording `cameras` (list items, already indented) in 2 s segments.
    func configurationText(cameras: String) -> String {
        """
        dataDirectory: \(dataDirectory)
        segmentSeconds: 2
        metrics:
          listen: 127.0.0.1:0
        redaction:
          encoder:
            preset: ultrafast
        cameras:
        \(cameras)
        """
    }

    /// A configuration recording `cameras` (YAML list items, already indented) in 2 s segments.
    func configuration(cameras: String) throws -> VeilConfiguration {
        try VeilConfiguration.parse(yaml: configurationText(cameras: cameras), source: "test.yaml")
    }

    /// Records for `seconds`, running `during` meanwhile, then stops cleanly.
    func record(_ configuration: VeilConfiguration, seconds: Double, during: (Recorder) throws -> Void = { _ in })
        throws -> Recorder {
        var logger = Logger(label: "veil.test")
        logger.logLevel = .warning
        let recorder = try Recorder(configuration: configuration, logger: logger)
        recorder.start()
        defer { recorder.stop() }
        try during(recorder)
        Thread.sleep(forTimeInterval: seconds)
        return recorder
    }

    var catalog: Catalog { get throws { try Catalog(dataDirectory: dataDirectory, readOnly: true) } }

    func segments(_ camera: String, _ kind: SegmentKind) throws -> [SegmentRecord] {
        try catalog.segments(camera: camera, kind: kind, overlapping: Date.distantPast..<Date.distantFuture)
    }

    func gaps(_ camera: String) throws -> [Gap] {
        try catalog.gaps(camera: camera, overlapping: Date.distantPast..<Date.distantFuture)
    }

    func path(of segment: SegmentRecord) -> String { dataDirectory + "/" + segment.path }

    /// Every file under the data directory.
    func files() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: dataDirectory)
        return (enumerator?.allObjects as? [String] ?? []).map { dataDirectory + "/" + $0 }
            .filter { (try? FileManager.default.attributesOfItem(atPath: $0)[.type] as? FileAttributeType) == .typeRegular }
    }

    /// The sealed raw segment decrypted in memory by the officer (never written to disk).
    func openRaw(_ segment: SegmentRecord) throws -> [UInt8] {
        let vault = try Vault.open(configuration: VaultConfiguration(dataDirectory: dataDirectory))
        let officer = try vault.unlockOfficer(name: Self.officer, passphrase: Passphrase(Self.passphrase))
        return try vault.openSegment(at: path(of: segment), officer: officer, reason: "test").readAll()
    }
}

/// Every redacted segment is paired with the raw segment of the same span. Every raw segment
/// has a redacted twin unless the redaction branch dropped frames under load (counted).
func expectPaired(redacted: [SegmentRecord], raw: [SegmentRecord], recorder: Recorder) {
    let lost = recorder.progress.map { $0.dropped + $0.undecodable }.reduce(0, +)
    expectPaired(redacted: redacted, raw: raw, redactionLostPackets: lost > 0, context: "\(lost) packets lost")
}

func expectPaired(redacted: [SegmentRecord], raw: [SegmentRecord], redactionLostPackets: Bool, context: String) {
    for video in redacted {
        let twin = raw.first { $0.id == video.pairedRawID }
        #expect(twin != nil, "redacted \(video.path) has no raw twin")
        #expect(twin.map { $0.start == video.start && $0.end >= video.end && $0.sha256 == video.pairedRawSHA256 } == true,
                "raw and redacted share boundaries")
    }
    #expect(raw.allSatisfy { $0.epoch != nil })
    if !redactionLostPackets {
        #expect(redacted.count == raw.count, "no frame was dropped, so every raw segment has its redacted twin: raw \(raw.map { "\($0.id) \($0.start.timeIntervalSince1970)…\($0.end.timeIntervalSince1970)" }) redacted \(redacted.map { "\($0.pairedRawID.map { "\($0)" } ?? "-") \($0.start.timeIntervalSince1970)…\($0.end.timeIntervalSince1970)" })")
    } else {
        #expect(redacted.count >= 1 && redacted.count <= raw.count, "\(context)")
    }
}
