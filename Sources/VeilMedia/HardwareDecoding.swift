internal import CFFmpeg

/// Where video is decoded. Hardware decoding frees the CPU for detection and encoding on
/// machines with a GPU; frames come back to memory (NV12) for redaction either way.
public enum HardwareDecoding: Sendable, Hashable {
    /// On the CPU (the default; the path every measurement in Benchmarks/ uses).
    case none
    /// VAAPI on the DRM render node `device`; opening the decoder fails if it cannot be used.
    case vaapi(device: String)
    /// VAAPI on `device` when it can be opened, otherwise the CPU.
    case automatic(device: String)

    /// The first render node, where Intel and AMD GPUs appear.
    public static let defaultDevice = "/dev/dri/renderD128"

    /// The choices as users write them (`--hwaccel`, `hardwareDecoding:`).
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        case none, vaapi, auto
    }

    public init(mode: Mode, device: String = defaultDevice) {
        switch mode {
        case .none: self = .none
        case .vaapi: self = .vaapi(device: device)
        case .auto: self = .automatic(device: device)
        }
    }
}

extension Decoder {
    /// Gives `context` a VAAPI device so the decoder can use it. Throws if `codec` has no
    /// VAAPI path in this FFmpeg or the device cannot be opened.
    static func attachVAAPI(to context: UnsafeMutablePointer<AVCodecContext>, codec: UnsafePointer<AVCodec>,
                            device: String, codecName: String, location: String) throws {
        var index: Int32 = 0
        var supported = false
        while let configuration = avcodec_get_hw_config(codec, index) {
            index += 1
            if configuration.pointee.device_type == AV_HWDEVICE_TYPE_VAAPI,
               configuration.pointee.methods & Int32(AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) != 0 {
                supported = true
                break
            }
        }
        guard supported else {
            throw MediaError(.unsupported, "decoding \(codecName) with VAAPI", location: location,
                             remedy: "This FFmpeg has no VAAPI decoder for \(codecName): decode on the CPU (hardware decoding none or auto)")
        }
        var deviceContext: UnsafeMutablePointer<AVBufferRef>?
        let status = av_hwdevice_ctx_create(&deviceContext, AV_HWDEVICE_TYPE_VAAPI, device, nil, 0)
        guard status >= 0, let deviceContext else {
            throw MediaError(.decoderSetup, "opening the VAAPI device \(device)", location: location, status: status,
                             remedy: "Check that the machine has a GPU with a VAAPI driver and that this user may open \(device), or decode on the CPU (hardware decoding none or auto)")
        }
        context.pointee.hw_device_ctx = deviceContext
        CFFmpegShims_usePreferVAAPI(context)
    }

    /// Replaces a frame held in GPU memory with its copy in system memory (NV12), keeping
    /// its timestamps; leaves software frames alone.
    static func downloadIfOnGPU(_ frame: Frame, scratch: Frame, codecName: String, location: String) throws {
        guard frame.pointer.pointee.format == AV_PIX_FMT_VAAPI.rawValue else { return }
        scratch.unref()
        var status = av_hwframe_transfer_data(scratch.pointer, frame.pointer, 0)
        if status >= 0 { status = av_frame_copy_props(scratch.pointer, frame.pointer) }
        guard status >= 0 else {
            throw MediaError(.decode, "copying a VAAPI-decoded \(codecName) frame to memory", location: location, status: status)
        }
        frame.unref()
        frame.moveReference(from: scratch)
    }
}
