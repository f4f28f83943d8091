import Foundation
import VeilInference
import VeilVision
import VeilConfig

extension DoctorChecks {
    /// The backend and precision `inference:` resolves to, and whether its runtime loads.
    func inferenceRuntime() -> (finding: DoctorFinding, backend: InferenceBackend) {
        let wanted = configuration.inference
        let resolved: (options: InferenceOptions, warning: String?)
        do {
            resolved = try wanted.resolved()
        } catch {
            return (.fail("inference", "\(error)", fix: "run scripts/setup.sh, or set inference.backend: opencv in \(configPath)"),
                    .opencv)
        }
        let threads = resolved.options.threads == 0 ? "threads: runtime's choice" : "\(resolved.options.threads) threads"
        switch resolved.options.backend {
        case .openvino:
            do {
                let runtime = try OpenVINORuntime.load()
                return (.ok("inference", "OpenVINO \(runtime.version) from \(runtime.directory), precision "
                            + "\(resolved.options.precision.rawValue), \(threads)"), .openvino)
            } catch {
                return (.fail("inference", "OpenVINO does not load: \(error)", fix: "run scripts/setup.sh"), .openvino)
            }
        case .opencv, .auto:
            let precision = wanted.precision == .f32 ? "precision f32" : "precision f32 (OpenCV ignores \(wanted.precision.rawValue))"
            let found = "OpenCV DNN, \(precision), \(threads)"
            if let warning = resolved.warning {
                return (.warning("inference", found + ": " + warning, fix: "run scripts/setup.sh"), .opencv)
            }
            return (.ok("inference", found + " (inference.backend: opencv)"), .opencv)
        }
    }

    /// Every file of every model the cameras' detectors load on `backend`, against the
    /// manifest's SHA-256.
    func models(backend: InferenceBackend) -> DoctorFinding {
        let manifest: ModelManifest
        do {
            manifest = try ModelManifest.locate()
        } catch {
            return .fail("models", "\(error)", fix: "set VEIL_MODELS_DIR to the models directory of this release")
        }
        var names: [String] = []
        for camera in configuration.cameras {
            for name in ModelManifest.modelsLoaded(person: configuration.detectorSettings(for: camera).person, backend: backend)
            where !names.contains(name) {
                names.append(name)
            }
        }
        var files = 0
        for name in names {
            do {
                files += try manifest.verifyFiles(of: name).count
            } catch {
                return .fail("models", "\(error)", fix: "copy models/ of this release to \(manifest.directory.path) again "
                             + "(git checkout -- models/ in the repository)")
            }
        }
        return .ok("models", "\(files) files of \(names.joined(separator: ", ")) match the SHA-256 in "
                   + "\(manifest.directory.appendingPathComponent("manifest.json").path)")
    }
}
