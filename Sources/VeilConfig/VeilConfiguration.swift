public import VeilCore
public import VeilOccupancy
public import VeilPipeline
public import VeilVision

/// Everything `veil record` needs, as loaded from `veil.yaml` by ``load(path:)``.
/// Every default is documented on its property and in `veil.example.yaml`.
public struct VeilConfiguration: Sendable, Hashable {
    /// Root of all Veil data (catalog, segments, vault, audit log). Default `/var/lib/veil`;
    /// a relative path in YAML is taken from the configuration file's folder.
    public var dataDirectory: String
    /// Length of each redacted and raw segment in seconds, 1–3600 and at most one epoch.
    /// Default 10.
    public var segmentSeconds: Int
    public var retention: RetentionSettings
    /// Officers every epoch key is wrapped to. Only the names are configured: their public
    /// keys are registered with `veil officer add` and live in the vault under the data
    /// directory. Empty (default): every registered officer.
    public var officers: [String]
    public var storage: StorageLimits
    public var metrics: MetricsSettings
    /// The staff console; nil (default): not served.
    public var web: WebSettings?
    /// Cluster mode: this node and the PostgreSQL catalog of record; nil (default): one
    /// machine with the embedded SQLite catalog.
    public var cluster: ClusterSettings?
    /// Which runtime runs every camera's detectors. Default `auto` (OpenVINO when it loads,
    /// else OpenCV DNN with a warning at start-up), every core, f32.
    public var inference: InferenceOptions
    /// Detection and redaction defaults for every camera.
    public var redaction: RedactionSettings
    /// At least one; names are unique.
    public var cameras: [CameraConfiguration]
    /// How anonymous occupancy counts are kept (`occupancy:`); each camera's zones and lines
    /// are under the camera.
    public var occupancy: OccupancySettings

    public init(dataDirectory: String = "/var/lib/veil", segmentSeconds: Int = 10,
                retention: RetentionSettings = .init(), officers: [String] = [], storage: StorageLimits = .init(),
                metrics: MetricsSettings = .init(), inference: InferenceOptions = .init(),
                redaction: RedactionSettings = .init(),
                cameras: [CameraConfiguration] = [], occupancy: OccupancySettings = .init()) {
        self.dataDirectory = dataDirectory
        self.segmentSeconds = segmentSeconds
        self.retention = retention
        self.officers = officers
        self.storage = storage
        self.metrics = metrics
        self.inference = inference
        self.redaction = redaction
        self.cameras = cameras
        self.occupancy = occupancy
    }

    /// The camera named `name`, if configured.
    public func camera(named name: String) -> CameraConfiguration? {
        cameras.first { $0.name == name }
    }

    /// The defaults with the camera's overrides applied.
    public func redactionSettings(for camera: CameraConfiguration) -> RedactionSettings {
        redaction.applying(camera.overrides)
    }

    /// The camera's redaction pipeline options: defaults, then its overrides, plus its zones.
    /// The encoder's GOP is left to the recorder, which aligns keyframes with segments.
    public func redactionOptions(for camera: CameraConfiguration) -> RedactionOptions {
        redactionSettings(for: camera).redactionOptions(zones: camera.zones)
    }

    /// The camera's detector thresholds and person model.
    public func detectorSettings(for camera: CameraConfiguration) -> DetectorSettings {
        redactionSettings(for: camera).detectorSettings
    }
}
