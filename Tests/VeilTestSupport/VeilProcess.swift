package import Foundation

/// Runs the built `veil` executable as a user would, capturing its exit status and output.
package enum VeilProcess {
    package static let repositoryRoot = TestSupport.repositoryRoot

    /// The `veil` binary built next to the running test bundle (same build folder and configuration).
    package static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("veil")
    }

    /// Whether that binary exists (tests of the process are skipped, saying so, when it does not).
    package static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }

    package struct Outcome {
        package var status: Int32
        package var standardOutput: String
        package var standardError: String
    }

    /// `veil arguments…` from the repository root, with `environment` added to this process's.
    package static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let outcome = try TestSupport.launch(executable.path, arguments, environment: environment, in: repositoryRoot)
        return Outcome(status: outcome.status, standardOutput: outcome.standardOutput, standardError: outcome.errors)
    }

    package struct IsolatedRun {
        package var status: Int32
        /// Standard output and error together, in the order written.
        package var output: String
    }

    /// Runs `executable` with exactly `environment` (nothing inherited) from `directory`: what
    /// an installed program or a sandbox sees, not this test process's settings.
    package static func runIsolated(_ executable: String, _ arguments: [String], environment: [String: String],
                                    in directory: URL = repositoryRoot) throws -> IsolatedRun {
        let outcome = try TestSupport.launch(executable, arguments, environment: environment, isolated: true,
                                             in: directory, mergeErrors: true)
        return IsolatedRun(status: outcome.status, output: outcome.errors)
    }

    package static func temporaryDirectory() throws -> URL {
        try TestSupport.temporaryDirectory(prefix: "veil-cli")
    }

    package static func ffmpeg(_ arguments: [String]) throws {
        try TestSupport.run("/usr/bin/ffmpeg", ["-v", "error", "-y"] + arguments)
    }
}
