import Foundation
import Testing
@testable import VeilConfig

/// Shared helpers: the repository root, a minimal valid camera, and parsing that expects failure.
enum Fixtures {
    /// The repository root, found from this file's path (Tests/VeilConfigTests/…).
    static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A file camera on the bundled sample, valid when parsed with `baseDirectory: repositoryRoot`.
    static let sampleCamera = """
        cameras:
          - name: sample
            url: samples/library-walk-720p.mp4
        """

    static func parse(_ yaml: String) throws(ConfigurationError) -> VeilConfiguration {
        try VeilConfiguration.parse(yaml: yaml, source: "test.yaml", baseDirectory: repositoryRoot)
    }

    /// The problems of a configuration that must not load; records an issue if it loads.
    static func problems(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> [ConfigurationProblem] {
        do {
            _ = try parse(yaml)
            Issue.record("expected the configuration to be rejected", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.problems
        }
    }

    /// The single problem at `path`, recording an issue if there is not exactly one.
    static func problem(at path: String, in problems: [ConfigurationProblem],
                        sourceLocation: SourceLocation = #_sourceLocation) -> ConfigurationProblem? {
        let matching = problems.filter { $0.path == path }
        #expect(matching.count == 1, "problems at \(path): \(problems)", sourceLocation: sourceLocation)
        return matching.first
    }
}
