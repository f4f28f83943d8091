public import VeilCore

/// One camera's metrics, every series labelled `camera="<name>"`. Created once per camera by
/// ``RecorderMetrics/camera(_:)``; its handles are updated from the camera's stage threads.
///
/// Every reason, kind and stage series exists from the start at zero, so a dashboard shows
/// "0 drops" rather than no data, and `rate()` sees the first increment.
public final class CameraMetrics: Sendable {
    /// A stage of the redaction path, timed per frame.
    public enum Stage: String, Sendable, CaseIterable { case decode, detect, redact, encode }

    /// Why a packet or frame never reached the encoder (the redacted path may drop, the raw path never does).
    public enum DropReason: String, Sendable, CaseIterable {
        /// The redaction path fell behind and a bounded queue was full.
        case overload
    }

    /// The camera's configured name, the value of every series' `camera` label.
    public let camera: String
    /// `veil_packets_in_total`: packets read from the camera, every one of them teed to the raw path.
    public let packetsIn: Counter
    /// `veil_decode_errors_total`: packets the decoder rejected as corrupt.
    public let decodeErrors: Counter
    /// `veil_frames_in_total`: frames decoded from the camera.
    public let framesIn: Counter
    /// `veil_frames_out_total`: redacted frames encoded into segments.
    public let framesOut: Counter
    /// `veil_camera_fps`: frames per second as the recorder last measured them.
    public let fps: Gauge
    /// `veil_camera_up`: 1 while streaming, 0 while connecting, backing off or stopped.
    public let up: Gauge
    /// `veil_reconnects_total`: connections re-established after the stream was lost.
    public let reconnects: Counter
    /// `veil_sealed_bytes_total`: plaintext bytes (the camera's packets remuxed to MPEG-TS)
    /// sealed into `.veilraw` segments.
    public let bytesSealed: Counter
    /// `veil_seal_cpu_seconds_total`: CPU time the ingest thread spent writing raw segments
    /// (remuxing, encrypting, writing and hashing), to set against `process_cpu_seconds_total`.
    public let sealCPU: SecondsCounter
    /// `veil_frame_latency_seconds`: from reading a packet from the camera to the encoder
    /// emitting the packet of its redacted frame.
    public let endToEndLatency: Histogram
    /// `veil_motion_net_regions_total`: moving regions no track covered that the motion safety
    /// net began masking (doors and screens count too: the privacy-safe error).
    public let motionNetRegions: Counter

    private let registry: MetricsRegistry
    private let packetDrops: [DropReason: Counter]
    private let fullMasks: [FullMaskReason: Counter]
    private let detectionCounts: [DetectionKind: Counter]
    private let failureCounts: [DetectionKind: Counter]
    private let stageHistograms: [Stage: Histogram]
    private let segmentCounts: [RecorderMetrics.SegmentKind: Counter]

    init(camera: String, registry: MetricsRegistry) {
        self.camera = camera
        self.registry = registry
        let labels = ["camera": camera]
        func counter(_ name: String, _ help: String) -> Counter { registry.counter(name, help: help, labels: labels) }
        /// One handle per case of `Key`, labelled `label="<case>"` beside the camera.
        func each<Key: RawRepresentable & CaseIterable & Hashable, Handle>(
            _ label: String, _ make: ([String: String]) -> Handle) -> [Key: Handle] where Key.RawValue == String {
            Dictionary(uniqueKeysWithValues: Key.allCases.map { ($0, make(labels.merging([label: $0.rawValue]) { $1 })) })
        }
        func counters<Key>(_ name: String, by label: String, _ help: String) -> [Key: Counter]
            where Key: RawRepresentable & CaseIterable & Hashable, Key.RawValue == String {
            each(label) { registry.counter(name, help: help, labels: $0) }
        }

        packetsIn = counter("veil_packets_in_total", "Packets read from the camera, all teed to the raw path.")
        decodeErrors = counter("veil_decode_errors_total", "Packets the decoder rejected as corrupt.")
        framesIn = counter("veil_frames_in_total", "Video frames decoded from the camera.")
        framesOut = counter("veil_frames_out_total", "Redacted frames encoded into segments.")
        reconnects = counter("veil_reconnects_total", "Connections re-established after the stream was lost.")
        bytesSealed = counter("veil_sealed_bytes_total",
                              "Plaintext bytes (the camera's packets remuxed to MPEG-TS) sealed into .veilraw segments.")
        sealCPU = registry.secondsCounter("veil_seal_cpu_seconds_total",
                                          help: "CPU time spent remuxing, encrypting, writing and hashing raw segments.",
                                          labels: labels)
        fps = registry.gauge("veil_camera_fps", help: "Frames per second decoded, as last measured by the recorder.",
                             labels: labels)
        up = registry.gauge("veil_camera_up", help: "1 while the camera is streaming, 0 otherwise.", labels: labels)
        endToEndLatency = registry.histogram("veil_frame_latency_seconds",
                                             help: "Time from reading a packet from the camera to the encoder emitting its redacted frame.",
                                             labels: labels, buckets: Histogram.frameLatencyBuckets)
        motionNetRegions = counter("veil_motion_net_regions_total",
                                   "Moving regions no detection covered that the motion safety net began masking.")
        stageHistograms = each("stage") {
            registry.histogram("veil_stage_duration_seconds", help: "Time one frame spends in each stage of the redaction path.",
                               labels: $0)
        }
        packetDrops = counters("veil_packets_dropped_total", by: "reason",
                               "Video packets not handed to the decoder, by reason (they are still sealed raw).")
        fullMasks = counters("veil_frames_fully_masked_total", by: "reason",
                             "Frames masked whole because no fresh detection covered them, by reason.")
        detectionCounts = counters("veil_detections_total", by: "kind", "Objects found by the detectors, by kind.")
        failureCounts = counters("veil_detector_failures_total", by: "kind",
                                 "Detector runs that failed (the following frames are masked whole), by kind.")
        segmentCounts = counters("veil_segments_written_total", by: "kind", "Segments finalised and catalogued, by kind.")
    }

    /// `veil_packets_dropped_total{reason}`.
    public func packetsDropped(_ reason: DropReason) -> Counter { packetDrops[reason]! }

    /// `veil_frames_fully_masked_total{reason}`.
    public func framesFullyMasked(_ reason: FullMaskReason) -> Counter { fullMasks[reason]! }

    /// `veil_detections_total{kind}`.
    public func detections(_ kind: DetectionKind) -> Counter { detectionCounts[kind]! }

    /// `veil_detector_failures_total{kind}`.
    public func detectorFailures(_ kind: DetectionKind) -> Counter { failureCounts[kind]! }

    /// `veil_stage_duration_seconds{stage}`.
    public func stageDuration(_ stage: Stage) -> Histogram { stageHistograms[stage]! }

    /// `veil_segments_written_total{kind}`.
    public func segmentsWritten(_ kind: RecorderMetrics.SegmentKind) -> Counter { segmentCounts[kind]! }

    /// `veil_queue_depth{queue}`: items waiting in the named queue. Registers on first use
    /// (takes the registry lock): call once when the pipeline is built and keep the gauge.
    public func queueDepth(_ queue: String) -> Gauge {
        registry.gauge("veil_queue_depth", help: "Items waiting in a bounded queue between two stages.",
                       labels: ["camera": camera, "queue": queue])
    }
}
