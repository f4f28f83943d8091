internal import CFFmpeg
public import VeilCore

extension Frame {
    /// This picture's motion since the previous one, from the vectors its decoder exported
    /// (``Decoder`` opened with `exportMotionVectors`), per 16 × 16 block; nil when there are
    /// none: not asked for, an intra-coded picture, a codec that exports none (HEVC in FFmpeg
    /// 5.1), a stream with reordered (B) pictures, or a frame converted from another pixel format.
    ///
    /// Only vectors into a past picture are used. A camera stream (no B pictures, one reference
    /// picture) references the previous frame, so each vector is its block's motion over one
    /// frame; with several reference pictures a vector may span more, which FFmpeg 5.1 does not tell.
    public var motionField: MotionField? {
        guard width > 0, height > 0,
              let side = av_frame_get_side_data(pointer, AV_FRAME_DATA_MOTION_VECTORS),
              let data = side.pointee.data else { return nil }
        let vectors = UnsafeRawBufferPointer(start: data, count: Int(side.pointee.size))
        let stride = MemoryLayout<AVMotionVector>.stride
        var field = MotionField(width: width, height: height)
        var used = 0
        for offset in Swift.stride(from: 0, through: vectors.count - stride, by: stride) {
            let vector = vectors.loadUnaligned(fromByteOffset: offset, as: AVMotionVector.self)
            guard vector.source < 0, vector.motion_scale > 0 else { continue }
            // FFmpeg: src = dst + motion / motion_scale, where src is the block's place in the
            // reference picture; the content moved from src to dst.
            let scale = Double(vector.motion_scale)
            field.add(Point(x: -Double(vector.motion_x) / scale, y: -Double(vector.motion_y) / scale),
                      at: Point(x: Double(vector.dst_x), y: Double(vector.dst_y)))
            used += 1
        }
        return used > 0 ? field : nil
    }
}
