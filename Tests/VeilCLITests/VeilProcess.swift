import Foundation

/// Runs the built `veil` executable as a user would, capturing its exit status and output.
enum VeilProcess {
    static let repositoryRoot = TestSupport.repositoryRoot

    /// The `veil` binary built next to this test bundle (same build folder and configuration).
    static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("veil")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return repositoryRoot.appendingPathComponent(".build/debug/veil")
    }

    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       standardOutput: String(decoding: outData, as: UTF8.self),
                       standardError: String(decoding: errData, as: UTF8.self))
    }

    struct IsolatedRun {
        var status: Int32
        /// Standard output and error together, in the order written.
        var output: String
    }

    /// Runs `executable` with exactly `environment` (nothing inherited) from `directory`: what
    /// an installed program or a sandbox sees, not this test process's settings.
    static func runIsolated(_ executable: String, _ arguments: [String], environment: [String: String],
                            in directory: URL = repositoryRoot) throws -> IsolatedRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return IsolatedRun(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        try TestSupport.temporaryDirectory(prefix: "veil-cli")
    }

    static func ffmpeg(_ arguments: [String]) throws {
        try TestSupport.run("/usr/bin/ffmpeg", ["-v", "error", "-y"] + arguments)
    }
}
