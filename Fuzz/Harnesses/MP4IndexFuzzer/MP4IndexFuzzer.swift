// `MP4Index`: the input is a `moov` box (the seeds are the indexes of real MP4 files). Its
// boxes are walked, its largest chunk offset found, and it is rewritten with shifted offsets
// as 32-bit and 64-bit tables, as moving an index to the front does.
import FuzzSupport
@testable import VeilMedia

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzBytes.array(data, count)
    _ = MP4Index.children(of: bytes, in: 0..<bytes.count)
    _ = MP4Index.largestChunkOffset(in: bytes)
    for wide in [false, true] {
        guard let length = MP4Index.moov(bytes, shiftedBy: 0, wide: wide)?.count else { continue }
        let shift = UInt64(length + 32)
        if let moved = MP4Index.moov(bytes, shiftedBy: shift, wide: wide) {
            // What was rewritten must read back: same size, and offsets moved by exactly `shift`.
            precondition(moved.count == length, "a rewritten index changed size with the shift")
            if let before = MP4Index.largestChunkOffset(in: bytes), let after = MP4Index.largestChunkOffset(in: moved), before > 0 {
                precondition(after == before + shift, "largest chunk offset \(before) moved to \(after), not by \(shift)")
            }
        }
    }
    return 0
}
