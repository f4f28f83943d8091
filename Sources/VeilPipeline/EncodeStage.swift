import VeilMedia

/// Encodes redacted frames and writes them, with any passthrough packets, into the output
/// container. Runs on its own thread; the last stage of the pipeline.
struct EncodeStage: @unchecked Sendable {
    let encoder: Encoder
    let muxer: Muxer
    let videoOutputStream: Int
    let passthroughOutputStream: Int?
    let input: BoundedQueue<StageItem>
    /// Called after each frame is handed to the encoder, with the count so far.
    let frameEncoded: @Sendable (Int) -> Void

    func run() throws {
        let packet = try Packet()
        var framesEncoded = 0
        var lastPTS: Int64?

        func drainEncoder() throws -> ReceiveResult {
            while true {
                let result = try encoder.receive(into: packet)
                guard result == .ready else { return result }
                try muxer.write(packet, toStream: videoOutputStream)
            }
        }

        while let item = input.pop() {
            switch item {
            case .video(let frame):
                lastPTS = frame.makeTimestampFollow(lastPTS)
                while try encoder.send(frame) == .ready {
                    _ = try drainEncoder()
                }
                _ = try drainEncoder()
                framesEncoded += 1
                frameEncoded(framesEncoded)
            case .passthrough(let passthrough):
                if let passthroughOutputStream {
                    try muxer.write(passthrough, toStream: passthroughOutputStream)
                }
            case .segmentBoundary, .discontinuity:
                break
            }
        }
        guard !input.isCancelled else { return }
        try encoder.sendEndOfStream()
        _ = try drainEncoder()
        try muxer.finish()
    }
}
