/// A pipeline failure that is not a single library call's: the input as a whole is wrong.
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    enum Code: Sendable { case truncatedInput, noFrames, resolutionChanged, invalidOptions }

    let code: Code
    public let description: String

    static func truncatedInput(location: String, read: Int, announced: Int) -> PipelineError {
        PipelineError(code: .truncatedInput, description:
            "\(location) is truncated: its index announces \(announced) video packets but only \(read) could be read; "
            + "the file was cut short (copy it again from its source)")
    }

    package static func noFrames(location: String) -> PipelineError {
        PipelineError(code: .noFrames, description: "\(location) contains no decodable video frames")
    }

    package static func invalidOptions(_ problems: [String]) -> PipelineError {
        PipelineError(code: .invalidOptions, description: "the redaction options do not work together: "
                      + problems.joined(separator: "; "))
    }

    static func resolutionChanged(location: String, from: (Int, Int), to: (Int, Int)) -> PipelineError {
        PipelineError(code: .resolutionChanged, description:
            "\(location) changes resolution mid-stream (\(from.0)×\(from.1) → \(to.0)×\(to.1)); split the file first")
    }
}
