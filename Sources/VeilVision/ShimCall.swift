internal import CVeilVision

/// The outcome of one `veilcv_…` call: its status and the shim's message.
struct ShimResult {
    let status: veilcv_status
    let message: String
    var succeeded: Bool { status == VEILCV_OK }
}

/// Calls a `veilcv_…` function with a message buffer.
func callShim(_ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) -> ShimResult {
    // On the stack: shims run several times per frame, and their message is usually empty.
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 2048) { buffer in
        buffer[0] = 0
        let status = body(buffer.baseAddress!, buffer.count)
        let text = buffer[0] == 0 ? "" : String(cString: buffer.baseAddress!)
        return ShimResult(status: veilcv_status(rawValue: .init(truncatingIfNeeded: status)), message: text)
    }
}

/// Calls a `veilcv_…` function and throws the error `describe` builds when it fails.
func callShim(
    _ body: (UnsafeMutablePointer<CChar>, Int) -> Int32,
    orThrow describe: (ShimResult) -> VisionError
) throws {
    let result = callShim(body)
    if !result.succeeded { throw describe(result) }
}

/// The code that matches a shim status when no more specific mapping applies.
func visionCode(for status: veilcv_status, otherwise fallback: VisionError.Code) -> VisionError.Code {
    switch status {
    case VEILCV_MODEL_INVALID: return .modelInvalid
    case VEILCV_INVALID_ARGUMENT: return .invalidArgument
    case VEILCV_INTERNAL_ERROR: return .internalError
    default: return fallback
    }
}
