// `MP4FastStart`: the input is a whole MP4 file (seeds: real MP4s with the index last, as the
// muxer writes them). It is written to tmpfs and its index moved to the front in place, the
// bytes handed to the observer compared with the file left behind.
import Foundation
import FuzzSupport
@testable import VeilMedia

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let path = Scratch.write(FuzzBytes.array(data, count), to: "clip.mp4")
    var observed: [UInt8] = []
    do {
        try MP4FastStart.moveIndexToFront(path: path) { observed += $0 }
    } catch {
        return 0
    }
    let written = Array(FileManager.default.contents(atPath: path) ?? Data())
    precondition(observed == written, "the observer saw \(observed.count) bytes but the file holds \(written.count)")
    return 0
}
