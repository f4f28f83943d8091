import ArgumentParser
import Foundation
import VeilConfig

/// `veil config …`: work with recorder configuration files.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check recorder configuration files.",
        subcommands: [Check.self]
    )

    /// `veil config check FILE`: load the file as `veil record` would and report every problem.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a configuration file and print every problem in it.",
            discussion: """
                Prints 'FILE: OK — N cameras (names)' and exits 0, or prints every problem \
                with its YAML path and line and exits 1. Credentials are never printed. \
                See veil.example.yaml for every key and its default.
                """
        )

        @Argument(help: "The YAML configuration file to check.")
        var file: String

        func run() throws {
            do {
                let configuration = try VeilConfiguration.load(path: file)
                let names = configuration.cameras.map(\.name)
                let count = names.count == 1 ? "1 camera" : "\(names.count) cameras"
                print("\(file): OK — \(count) (\(names.joined(separator: ", ")))")
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode.failure
            }
        }
    }
}
