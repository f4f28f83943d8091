public import VeilInference

/// Which runtime runs the detector networks.
public enum InferenceBackend: String, Sendable, Hashable, CaseIterable, Codable {
    /// OpenVINO's CPU plugin (installed from its PyPI wheel by scripts/setup.sh): 2.5–4× faster.
    case openvino
    /// OpenCV 4.6 DNN from Debian: always present, the reference the OpenVINO path is checked against.
    case opencv
    /// OpenVINO when its libraries load, else OpenCV with a warning (`InferenceOptions.resolved`).
    case auto
}

/// How detector networks run. Defaults: `auto`, every core, f32.
public struct InferenceOptions: Sendable, Hashable {
    public var backend: InferenceBackend
    /// Worker threads per network run; 0 = the runtime's choice. OpenCV's count is process-wide.
    public var threads: Int
    /// OpenVINO's floating-point precision; OpenCV always computes in f32.
    public var precision: InferencePrecision

    public init(backend: InferenceBackend = .auto, threads: Int = 0, precision: InferencePrecision = .f32) {
        self.backend = backend
        self.threads = threads
        self.precision = precision
    }

    /// `auto` replaced by the backend that will actually run, with the warning to show once at
    /// start-up when OpenVINO was wanted but does not load. An explicit `openvino` that does not
    /// load is an error, not a fallback.
    public func resolved() throws -> (options: InferenceOptions, warning: String?) {
        var concrete = self
        switch backend {
        case .opencv:
            return (self, nil)
        case .openvino:
            do {
                _ = try OpenVINORuntime.load()
            } catch let error as InferenceError {
                throw VisionError(.runtimeUnavailable, operation: "loading the OpenVINO runtime",
                                  detail: error.description,
                                  remedy: "Run scripts/setup.sh, or choose the OpenCV backend (inference: opencv)")
            }
            return (self, nil)
        case .auto:
            do {
                _ = try OpenVINORuntime.load()
                concrete.backend = .openvino
                return (concrete, nil)
            } catch {
                concrete.backend = .opencv
                return (concrete, "OpenVINO is not available (\(error)); detectors run on OpenCV DNN, 2.5–4× slower. "
                                  + "Install it with scripts/setup.sh")
            }
        }
    }
}
