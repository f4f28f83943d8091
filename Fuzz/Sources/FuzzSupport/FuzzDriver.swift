internal import CLibFuzzer
import Foundation

/// Runs libFuzzer with the process's arguments and `testOneInput` (a harness's
/// `LLVMFuzzerTestOneInput`), then exits with libFuzzer's status.
public enum FuzzDriver {
    public static func run(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }
}
