package import VeilMedia

/// Seals a camera's original packets the way the recorder does. Implemented above this module,
/// by whoever owns a vault (the pipeline does not depend on the vault).
package protocol PacketSealer {
    /// Remuxes and seals `packets` (every track of `demuxer`, in read order) as one raw segment.
    /// The packets' data is consumed.
    func seal(_ packets: [Packet], from demuxer: Demuxer) throws
}
