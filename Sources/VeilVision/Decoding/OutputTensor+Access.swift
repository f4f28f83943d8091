import VeilInference

extension OutputTensor {
    /// Checks that the tensor holds at least `count` values for `model`'s decoder.
    func requiring(_ count: Int, model: String) throws -> OutputTensor {
        guard values.count >= count else {
            throw DecodingFailure.layout("\(model) output \(name) has \(values.count) values, expected \(count) "
                                         + "(shape \(shape))")
        }
        return self
    }
}

/// A network's outputs do not have the layout its decoder reads.
struct DecodingFailure: Error {
    let detail: String

    static func layout(_ detail: String) -> DecodingFailure { DecodingFailure(detail: detail) }

    var visionError: VisionError {
        VisionError(.detectionFailed, operation: "decoding detector outputs", detail: detail,
                           remedy: "The model file does not match its decoder: restore models/ from git")
    }
}
