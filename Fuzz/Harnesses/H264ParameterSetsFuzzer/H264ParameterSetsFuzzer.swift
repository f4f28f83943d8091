// `H264ParameterSets`: the input is a codec header (seeds: the `avcC` of a real MP4 and
// libx264's Annex B extradata), parsed both ways, and any byte string split into NAL units.
import FuzzSupport
import VeilMedia

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzBytes.array(data, count)
    if let sets = H264ParameterSets(extradata: bytes) {
        precondition(!sets.sequence.isEmpty, "parameter sets without an SPS were accepted")
    }
    for unit in H264ParameterSets.nalUnits(annexB: bytes.dropFirst(count / 3)) {
        precondition(!unit.isEmpty && unit.last != 0, "a NAL unit kept its trailing zero bytes or was empty")
    }
    return 0
}
