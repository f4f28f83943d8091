import VeilMedia

/// Reads the input and decodes its video into YUV 4:2:0 frames; passes audio packets through
/// when asked to. Runs on its own thread.
struct DecodeStage: @unchecked Sendable {
    let demuxer: Demuxer
    let decoder: Decoder
    /// The input stream whose packets are copied to the output unchanged, if any.
    let passthroughStream: StreamInfo?
    let output: BoundedQueue<StageItem>

    func run() throws {
        defer { output.close() }
        let packet = try Packet()
        let decoded = try Frame()
        let converter = PixelConverter()
        var videoPackets = 0

        func drainDecoder() throws -> ReceiveResult {
            while true {
                let result = try decoder.receive(into: decoded)
                guard result == .ready else { return result }
                let frame = try Frame()
                if decoded.isYUV420 {
                    frame.moveReference(from: decoded)
                } else {
                    try converter.convert(decoded, into: frame)
                }
                guard output.push(.video(frame)) else { return .endOfStream }
            }
        }

        while try demuxer.read(into: packet) == .packet {
            if packet.streamIndex == decoder.stream.index {
                videoPackets += 1
                while try decoder.send(packet) == .ready {
                    _ = try drainDecoder()
                }
                _ = try drainDecoder()
            } else if packet.streamIndex == passthroughStream?.index {
                guard output.push(.passthrough(try packet.makeReference())) else { return }
            }
        }
        try checkComplete(videoPackets: videoPackets)
        try decoder.sendEndOfStream()
        _ = try drainDecoder()
    }

    /// A file whose index announces more packets than could be read was cut short.
    private func checkComplete(videoPackets: Int) throws {
        let announced = decoder.stream.announcedPacketCount
        if announced > 0 && videoPackets < announced {
            throw PipelineError.truncatedInput(location: demuxer.location, read: videoPackets, announced: announced)
        }
    }
}
