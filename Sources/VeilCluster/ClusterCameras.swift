/// The recorder as the cluster member drives it: start and stop one camera's recording. Both
/// may take seconds (connecting; finishing the open segment), and run off Swift's
/// cooperative threads in the implementation.
public protocol ClusterCameras: Sendable {
    /// The cameras this node can record (its configuration's): it takes no lease on another.
    var names: Set<String> { get }
    /// Starts recording `camera` (it connects and reconnects on its own from then on).
    func startRecording(_ camera: String) async throws
    /// Stops recording `camera`, finishing and cataloguing its open segment first.
    func stopRecording(_ camera: String) async
}
