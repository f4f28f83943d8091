/// How one detector's network is read and fed on each backend: which manifest entry and files,
/// the colour order and scaling of its input, and which outputs to read.
struct NetworkRecipe: Sendable {
    struct Files: Sendable {
        let manifestName: String
        /// File roles in the order the reader takes them.
        let roles: [String]
    }

    let openCV: Files
    let openCVFormat: OpenCVNetwork.Format
    /// nil when the model does not run on OpenVINO.
    let openVINO: Files?
    /// Input channel order: R,G,B (else B,G,R).
    let rgb: Bool
    /// Factor from 0–255 samples to the network's float input.
    let scale: Float
    /// OpenVINO takes the input as interleaved uint8 (TensorFlow detection graphs' `image_tensor`).
    let openVINOTakesBytes: Bool
    /// The outputs OpenCV is asked for, in the order the decoder reads them (empty: all).
    let openCVOutputs: [String]
}

extension NetworkRecipe {
    static let yuNet = NetworkRecipe(
        openCV: Files(manifestName: ModelManifest.yuNetName, roles: ["model"]), openCVFormat: .onnx,
        openVINO: Files(manifestName: ModelManifest.yuNetName, roles: ["model"]),
        rgb: false, scale: 1, openVINOTakesBytes: false,
        openCVOutputs: ["cls_8", "cls_16", "cls_32", "obj_8", "obj_16", "obj_32", "bbox_8", "bbox_16", "bbox_32"])

    /// OpenCV reads the Darknet original; OpenVINO the ONNX converted from it by
    /// scripts/models/darknet_to_onnx.py (same weights, checked against each other in tests).
    static let yoloV3Tiny = NetworkRecipe(
        openCV: Files(manifestName: ModelManifest.yoloV3TinyName, roles: ["config", "weights"]), openCVFormat: .darknet,
        openVINO: Files(manifestName: ModelManifest.yoloV3TinyONNXName, roles: ["model"]),
        rgb: true, scale: 1 / 255, openVINOTakesBytes: false, openCVOutputs: [])

    /// The same network with int8 weights and activations on OpenVINO; OpenCV DNN, which
    /// cannot run that IR, falls back to the float Darknet files.
    static let yoloV3TinyInt8 = NetworkRecipe(
        openCV: yoloV3Tiny.openCV, openCVFormat: .darknet,
        openVINO: Files(manifestName: ModelManifest.yoloV3TinyInt8Name, roles: ["model", "weights"]),
        rgb: true, scale: 1 / 255, openVINOTakesBytes: false, openCVOutputs: [])

    /// OpenCV reads the frozen graph through its text graph; OpenVINO an IR of the same graph
    /// cut before its post-processing loop (scripts/models/ssdlite_to_ir.py), whose boxes and
    /// scores the decoder thresholds and Veil's NMS merges.
    static let ssdLite = NetworkRecipe(
        openCV: Files(manifestName: ModelManifest.ssdLiteName, roles: ["model", "config"]), openCVFormat: .tensorflow,
        openVINO: Files(manifestName: ModelManifest.ssdLiteRawName, roles: ["model", "weights"]),
        rgb: true, scale: 1, openVINOTakesBytes: true, openCVOutputs: [])

    /// The person detector's main network for `model`.
    static func person(_ model: PersonDetector.Model) -> NetworkRecipe {
        switch model {
        case .yoloV3Tiny: .yoloV3Tiny
        case .yoloV3TinyInt8: .yoloV3TinyInt8
        case .ssdLite: .ssdLite
        }
    }

    /// The files read on `backend`, as `DetectionNetwork` chooses them: OpenVINO's when it runs
    /// and the model has them, else OpenCV's.
    func files(on backend: InferenceBackend) -> Files {
        backend == .openvino ? openVINO ?? openCV : openCV
    }
}
