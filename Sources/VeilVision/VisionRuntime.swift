internal import CVeilVision

/// Process-wide settings of the vision libraries.
public enum VisionRuntime {
    /// Sets how many worker threads OpenCV uses for detection and colour conversion
    /// (process-wide; 0 or 1 = run on the calling thread). On a 2-core box, 2 roughly
    /// halves detection time but competes with the encoder.
    public static func setOpenCVThreadCount(_ count: Int) throws {
        try callShim({ message, capacity in
            veilcv_set_num_threads(Int32(count), message, capacity)
        }, orThrow: { result in
            VisionError(.invalidArgument, operation: "setting the OpenCV thread count to \(count)",
                        detail: result.message, remedy: "Use a count of 0 or more")
        })
    }
}
