extension Demuxer {
    /// Demuxes `bytes` held in memory (e.g. a decrypted raw segment) as FFmpeg's `format`
    /// (e.g. "mpegts"), without writing them anywhere. `name` stands for the input in messages.
    /// The demuxer keeps its own copy of the bytes and zeroes it when freed.
    public convenience init(reading bytes: [UInt8], format: String, describedAs name: String) throws {
        let source = try ByteSourceIO(bytes: bytes, describedAs: name)
        try self.init(location: name, url: "", format: format, options: [:], timeout: nil, byteSource: source)
    }
}
