extension Demuxer {
    /// Decodes the best video stream from here to its end and hands `body` every frame, in
    /// presentation order, each a frame of its own (kept if `body` keeps it) in YUV 4:2:0,
    /// converted when the stream is in another format. For what looks at a whole clip at once
    /// (benchmarks, tools, tests); the pipeline's stages stream frame by frame instead. With
    /// `exportMotionVectors`, frames carry the codec's motion vectors (`Frame.motionField`).
    public func forEachVideoFrame(threads: Int = 0, exportMotionVectors: Bool = false, _ body: (Frame) throws -> Void) throws {
        let video = try bestVideoStream()
        let decoder = try Decoder(demuxer: self, stream: video, threads: threads, exportMotionVectors: exportMotionVectors)
        let packet = try Packet(), decoded = try Frame(), converter = PixelConverter()
        func drain() throws {
            while try decoder.receive(into: decoded) == .ready {
                let frame = try Frame()
                if decoded.isYUV420 { frame.moveReference(from: decoded) } else { try converter.convert(decoded, into: frame) }
                try body(frame)
            }
        }
        while try read(into: packet) == .packet {
            guard packet.streamIndex == video.index else { continue }
            while try decoder.send(packet) == .ready { try drain() }
            try drain()
        }
        try decoder.sendEndOfStream()
        try drain()
    }
}
