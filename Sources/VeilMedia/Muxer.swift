internal import CFFmpeg

/// Writes packets into a container, in a file or handed to a closure. Owns one output
/// `AVFormatContext` and its file or byte sink, closed in `deinit` (without a trailer if
/// `finish()` was not reached).
public final class Muxer: @unchecked Sendable {
    private let context: UnsafeMutablePointer<AVFormatContext>
    /// The file written, or a description of the byte sink; used in messages.
    public let path: String
    private let fastStart: Bool
    private let byteSink: ByteSinkIO?
    private var streamTimeBases: [TimeBase] = []
    private var sourceTimeBases: [TimeBase] = []
    private var headerWritten = false

    /// Creates `path` for writing. `format` is FFmpeg's muxer name (nil: guessed from the
    /// extension). `fastStart` moves an MP4's index to the front so players can start at once
    /// (`MP4FastStart`, once the file is finished and closed).
    public init(path: String, format: String? = nil, fastStart: Bool = true) throws {
        self.path = path
        self.fastStart = fastStart
        var allocated: UnsafeMutablePointer<AVFormatContext>? = nil
        var status = avformat_alloc_output_context2(&allocated, nil, format, path)
        guard status >= 0, let candidate = allocated else {
            throw MediaError(.openOutput, "choosing a container format", location: path, status: status)
        }
        status = avio_open(&candidate.pointee.pb, path, AVIO_FLAG_WRITE)
        guard status >= 0 else {
            avformat_free_context(candidate)
            throw MediaError(.openOutput, "creating the output file", location: path, status: status)
        }
        context = candidate
        byteSink = nil
    }

    /// Muxes into memory: every byte the container format produces is passed to `sink`, in
    /// order, and never written to a file. `format` is FFmpeg's muxer name (e.g. "mpegts").
    /// An error thrown by `sink` fails the write that produced the bytes.
    public init(format: String, describedAs name: String,
                sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        path = name
        fastStart = false
        var allocated: UnsafeMutablePointer<AVFormatContext>? = nil
        let status = avformat_alloc_output_context2(&allocated, nil, format, nil)
        guard status >= 0, let candidate = allocated else {
            throw MediaError(.openOutput, "choosing the \(format) container", location: name, status: status)
        }
        do {
            let io = try ByteSinkIO(sink: sink)
            candidate.pointee.pb = io.context
            candidate.pointee.flags |= AVFMT_FLAG_CUSTOM_IO
            byteSink = io
        } catch {
            avformat_free_context(candidate)
            throw error
        }
        context = candidate
    }

    deinit {
        if byteSink == nil { avio_closep(&context.pointee.pb) }
        avformat_free_context(context)
    }

    /// Whether encoders must put their headers in extradata (true for MP4).
    public var wantsGlobalHeader: Bool {
        context.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER != 0
    }

    /// Adds a stream fed by `encoder`; returns its index.
    public func addStream(from encoder: Encoder) throws -> Int {
        let stream = try newStream()
        let status = avcodec_parameters_from_context(stream.pointee.codecpar, encoder.context)
        guard status >= 0 else {
            throw MediaError(.openOutput, "describing the encoded stream", location: path, status: status)
        }
        stream.pointee.time_base = encoder.timeBase.rational
        sourceTimeBases.append(encoder.timeBase)
        return Int(stream.pointee.index)
    }

    /// Adds a stream that receives `source`'s packets unchanged (stream copy); returns its index.
    public func addStream(copying source: StreamInfo, of demuxer: Demuxer) throws -> Int {
        let stream = try newStream()
        let status = avcodec_parameters_copy(stream.pointee.codecpar, demuxer.stream(at: source.index).pointee.codecpar)
        guard status >= 0 else {
            throw MediaError(.openOutput, "copying the \(source.codecName) stream parameters", location: path, status: status)
        }
        stream.pointee.codecpar.pointee.codec_tag = 0
        stream.pointee.time_base = source.timeBase.rational
        sourceTimeBases.append(source.timeBase)
        return Int(stream.pointee.index)
    }

    /// Writes the container header; call after every stream is added. `options` are the
    /// muxer's private options (for MP4, `movflags`), each of which must be recognised.
    public func writeHeader(options: [String: String] = [:]) throws {
        var dictionary: OpaquePointer? = nil
        for (key, value) in options { av_dict_set(&dictionary, key, value, 0) }
        defer { av_dict_free(&dictionary) }
        let status = avformat_write_header(context, &dictionary)
        if status >= 0, let unknown = av_dict_get(dictionary, "", nil, AV_DICT_IGNORE_SUFFIX) {
            preconditionFailure("muxer option '\(String(cString: unknown.pointee.key))' was not recognised")
        }
        guard status >= 0 else {
            throw MediaError(.writeOutput, "writing the container header", location: path, status: status)
        }
        streamTimeBases = (0..<Int(context.pointee.nb_streams)).map { TimeBase(context.pointee.streams[$0]!.pointee.time_base) }
        headerWritten = true
    }

    /// Writes `packet` to output stream `index`, converting its times from the time base the
    /// stream was added with. The packet's data is consumed (unreferenced).
    public func write(_ packet: Packet, toStream index: Int) throws {
        precondition(headerWritten, "writeHeader() must come before write(_:toStream:)")
        packet.pointer.pointee.stream_index = Int32(index)
        av_packet_rescale_ts(packet.pointer, sourceTimeBases[index].rational, streamTimeBases[index].rational)
        packet.pointer.pointee.pos = -1
        let status = av_interleaved_write_frame(context, packet.pointer)
        if let failure = byteSink?.failure { throw failure }
        guard status >= 0 else {
            throw MediaError(.writeOutput, "writing a packet", location: path, status: status)
        }
    }

    /// Asks the muxer to write out what it holds (for fragmented MP4 with `frag_custom`: the
    /// fragment so far, as one `moof`+`mdat`) and hands every pending byte to the sink.
    public func flush() throws {
        precondition(headerWritten, "writeHeader() must come before flush()")
        let status = av_write_frame(context, nil)
        avio_flush(context.pointee.pb)
        if let failure = byteSink?.failure { throw failure }
        guard status >= 0 else {
            throw MediaError(.writeOutput, "flushing the container", location: path, status: status)
        }
    }

    /// Flushes interleaving buffers and writes the trailer (the MP4 index). `finalBytes`, for a
    /// file output, receives every byte of the finished file in order (for a fast-start MP4
    /// while its data moves behind the index, so a hash costs no second read of the file).
    public func finish(finalBytes: ((UnsafeRawBufferPointer) throws -> Void)? = nil) throws {
        precondition(headerWritten, "writeHeader() must come before finish()")
        let status = av_write_trailer(context)
        if byteSink != nil { avio_flush(context.pointee.pb) }
        if let failure = byteSink?.failure { throw failure }
        guard status >= 0 else {
            throw MediaError(.writeOutput, "finishing the container", location: path, status: status)
        }
        guard byteSink == nil else { return }
        let closed = avio_closep(&context.pointee.pb)
        guard closed >= 0 else {
            throw MediaError(.writeOutput, "closing the output file", location: path, status: closed)
        }
        if fastStart {
            try MP4FastStart.moveIndexToFront(path: path, finalBytes: finalBytes)
        } else if let finalBytes {
            try MP4FastStart.readAll(path: path, into: finalBytes)
        }
    }

    private func newStream() throws -> UnsafeMutablePointer<AVStream> {
        guard let stream = avformat_new_stream(context, nil) else {
            throw MediaError(.allocation, "adding a stream", location: path)
        }
        return stream
    }
}
