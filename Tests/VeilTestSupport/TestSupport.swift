package import Foundation
import Synchronization

/// Paths and the one way tests run a program to completion, shared by every test target.
package enum TestSupport {
    package static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    package static let sample = repositoryRoot.appendingPathComponent("samples/library-walk-720p.mp4").path
    package static let serverScript = repositoryRoot.appendingPathComponent("scripts/rtsp-test-server.py").path

    package struct Failure: Error, CustomStringConvertible {
        package let description: String
        package init(description: String) { self.description = description }
    }

    package static func temporaryDirectory(prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// What a finished program said and how it ended.
    package struct Outcome: Sendable {
        package var status: Int32
        package var output: Data
        /// Standard error; standard output too when the run was asked to merge them.
        package var errors: String
        package var standardOutput: String { String(decoding: output, as: UTF8.self) }
    }

    /// Runs `executable` to completion. `environment` is added to this process's own, or, with
    /// `isolated`, is all the program sees (what an installed program or a sandbox gets).
    /// `mergeErrors` sends standard error into `errors` together with standard output, in the
    /// order written, and leaves `output` empty.
    package static func launch(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                               isolated: Bool = false, in directory: URL? = nil,
                               mergeErrors: Bool = false) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = isolated ? environment : ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe(), errors = mergeErrors ? output : Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Standard error is drained on its own thread, so neither pipe can fill up unread.
        let errorData = Mutex(Data())
        let drained = DispatchSemaphore(value: 0)
        if !mergeErrors {
            Thread { [handle = errors.fileHandleForReading] in
                let data = handle.readDataToEndOfFile()
                errorData.withLock { $0 = data }
                drained.signal()
            }.start()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if !mergeErrors { drained.wait() }
        let errorText = mergeErrors ? String(decoding: outputData, as: UTF8.self)
                                    : String(decoding: errorData.withLock { $0 }, as: UTF8.self)
        return Outcome(status: process.terminationStatus, output: mergeErrors ? Data() : outputData, errors: errorText)
    }

    /// Runs a command-line tool (test tools only: the code under test uses the libraries) and
    /// returns its standard output; throws with its standard error when it fails.
    @discardableResult
    package static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> String {
        try runForData(executable, arguments, in: directory).standardOutput
    }

    /// Runs the ffmpeg CLI (a test tool only: the code under test uses the libraries).
    package static func ffmpeg(_ arguments: [String]) throws {
        try run("/usr/bin/ffmpeg", ["-v", "error", "-y"] + arguments)
    }

    /// As `run`, for a tool whose output is bytes (raw frames from ffmpeg, say).
    package static func runForData(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> Outcome {
        let outcome = try launch(executable, arguments, in: directory)
        guard outcome.status == 0 else {
            let name = URL(fileURLWithPath: executable).lastPathComponent
            throw Failure(description: "\(name) \(arguments.joined(separator: " ")) failed (exit \(outcome.status)): \(outcome.errors)")
        }
        return outcome
    }

    /// Polls `condition` every 0.1 s until it holds or `seconds` pass; returns whether it held.
    /// For waiting on what a recorder does, which takes longer on a loaded machine.
    @discardableResult
    package static func waitFor(seconds: Double, until condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }
}
