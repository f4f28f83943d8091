public import VeilCore

/// Something that finds faces or people in a frame. The pipeline calls `detect` once per
/// sampled frame; any thrown error makes the pipeline mask the whole frame (fail-closed).
///
/// Implementations are not expected to be thread-safe: use one instance per thread.
public protocol ObjectDetector: AnyObject {
    /// What this detector finds.
    var kind: DetectionKind { get }
    /// The objects found in `image`, in full-resolution pixels, best score first. Boxes may
    /// reach past the frame edges (a person half out of view); clamp them where needed.
    func detect(in image: YUV420Image) throws -> [Detection]
}
