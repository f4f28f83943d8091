import VeilMedia

/// What flows between the stages of one redaction pipeline. Each item has one owner at a
/// time: after a stage pushes it, that stage no longer touches it.
enum StageItem: Sendable {
    /// A decoded picture and its position in presentation order (0, 1, 2, …).
    case video(Frame, index: Int)
    /// A packet of a stream that is copied through unchanged (audio with `--keep-audio`).
    case passthrough(Packet)
}
