import ArgumentParser
import Foundation

/// Prints one clear error line (`veil: …`) and exits non-zero. Used by every subcommand so
/// that library errors reach the user as their own description, not a type dump.
func reportFailure(_ error: any Error) -> ExitCode {
    if let exit = error as? ExitCode { return exit }
    FileHandle.standardError.write(Data("veil: error: \(error)\n".utf8))
    return ExitCode.failure
}
