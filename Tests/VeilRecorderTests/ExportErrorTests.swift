import Foundation
import Testing
import VeilArchive
import VeilRecorder
import VeilVault
import VeilExport

/// Every refusal of `veil export` is one clear error, and leaves nothing behind.
@Suite(.serialized) struct ExportErrorTests {
    @Test func rangeWithNoFootageSaysWhereTheFootageIs() throws {
        let recording = try ExportRecording.shared()
        let oldest = try #require(recording.segments.first).start
        let newest = try #require(recording.segments.last).end
        let folder = try recording.outputFolder()
        let error = #expect(throws: ExportError.noFootage) {
            try recording.exporter.export(camera: ExportRecording.camera, from: oldest.addingTimeInterval(-7200),
                                          to: oldest.addingTimeInterval(-3600), output: folder + "/clip.mp4")
        }
        let message = error?.description ?? ""
        #expect(message.contains(Timestamps.format(oldest.addingTimeInterval(-7200))), "\(message)")
        #expect(message.contains("runs from \(Timestamps.format(oldest)) to \(Timestamps.format(newest))"), "\(message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func unknownCameraListsTheKnownOnes() throws {
        let recording = try ExportRecording.shared()
        let first = try #require(recording.segments.first)
        let error = #expect(throws: ExportError.unknownCamera) {
            try recording.exporter.export(camera: "garage", from: first.start, to: first.end,
                                          output: try recording.outputFolder() + "/clip.mp4")
        }
        #expect(error?.description.contains("camera 'garage' has no redacted footage") == true)
        #expect(error?.description.contains(ExportRecording.camera) == true)
    }

    @Test func toBeforeFromIsRefused() throws {
        let recording = try ExportRecording.shared()
        let first = try #require(recording.segments.first)
        for end in [first.start, first.start.addingTimeInterval(-1)] {
            let error = #expect(throws: ExportError.emptyRange) {
                try recording.exporter.export(camera: ExportRecording.camera, from: first.start, to: end,
                                              output: try recording.outputFolder() + "/clip.mp4")
            }
            #expect(error?.description.contains("is not after --from") == true)
        }
    }

    @Test func anExportThatWouldEatIntoTheFreeSpaceFloorIsRefused() throws {
        let recording = try ExportRecording.shared()
        let first = try #require(recording.segments.first), last = try #require(recording.segments.last)
        let folder = try recording.outputFolder()
        // A floor above all the disk has free (other tests free space meanwhile: a floor just
        // below it could be passed).
        let floor = try FileSystem.freeBytes(folder) * 4
        let error = #expect(throws: ExportError.noSpace) {
            try recording.exporter.export(camera: ExportRecording.camera, from: first.start, to: last.end, output: folder + "/clip.mp4",
                                          keepingFree: floor)
        }
        #expect(error?.description.contains("storage.minFreeBytes") == true, "\(error?.description ?? "")")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "nothing written")
        let result = try recording.exporter.export(camera: ExportRecording.camera, from: first.start, to: first.end,
                                                   output: folder + "/clip.mp4", keepingFree: 1 << 20)
        #expect(result.frames > 0)
    }

    @Test func existingOutputNeedsForce() throws {
        let recording = try ExportRecording.shared()
        let first = try #require(recording.segments.first)
        let output = try recording.outputFolder() + "/clip.mp4"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: output))
        let error = #expect(throws: ExportError.outputExists) {
            try recording.exporter.export(camera: ExportRecording.camera, from: first.start, to: first.end, output: output)
        }
        #expect(error?.description.contains("pass --force") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Data("precious".utf8), "untouched")
        let result = try recording.exporter.export(camera: ExportRecording.camera, from: first.start, to: first.end,
                                                   output: output, force: true)
        #expect(result.manifest.output.sha256 == (try sha256(ofFile: output)))
    }

    @Test func missingFolderIsRefused() throws {
        let recording = try ExportRecording.shared()
        let first = try #require(recording.segments.first)
        let folder = try recording.outputFolder()
        let missing = #expect(throws: ExportError.outputFolderMissing) {
            try recording.exporter.export(camera: ExportRecording.camera, from: first.start, to: first.end,
                                          output: folder + "/no/such/clip.mp4")
        }
        #expect(missing?.description.contains("\(folder)/no/such") == true)
    }

    @Test func gapsBetweenSegmentsAndAtTheEndsAreListed() throws {
        let recording = try ExportRecording.shared()
        let first = try #require(recording.segments.first)
        let last = try #require(recording.segments.last)
        let output = try recording.outputFolder() + "/clip.mp4"
        // Ask for 30 s more than was recorded: the tail is a gap, reported and in the manifest.
        let result = try recording.exporter.export(camera: ExportRecording.camera, from: first.start,
                                                   to: last.end.addingTimeInterval(30), output: output)
        let tail = try #require(result.plan.gaps.last)
        #expect(tail.end == last.end.addingTimeInterval(30))
        #expect(result.manifest.gaps.last?.end == Timestamps.format(tail.end))
    }
}
